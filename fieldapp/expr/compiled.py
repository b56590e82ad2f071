"""A compiled expression: its source, dependencies and evaluation entry points (stub)."""

from __future__ import annotations

import re
from functools import lru_cache

from fieldapp.expr.values import Value, to_boolean, to_number, to_string


class Expr:
    """Temporary stand-in while the parser is written: ``refs`` only."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.refs = frozenset(re.findall(r"\$\{([^}]+)\}", text))
        self.paths: frozenset[str] = frozenset()
        self.volatile = bool(re.search(r"\b(now|today|random|uuid)\s*\(", text))

    def evaluate(self, ctx) -> Value:
        raise NotImplementedError("the evaluator is being written")

    def evaluate_string(self, ctx) -> str:
        return to_string(self.evaluate(ctx))

    def evaluate_number(self, ctx) -> float:
        return to_number(self.evaluate(ctx))

    def evaluate_boolean(self, ctx) -> bool:
        return to_boolean(self.evaluate(ctx))


@lru_cache(maxsize=4096)
def compile_expr(text: str) -> Expr:
    return Expr(text)
