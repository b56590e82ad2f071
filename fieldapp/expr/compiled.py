"""A compiled expression: its source, what it depends on, and how to evaluate it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from fieldapp.errors import ExprError
from fieldapp.expr.context import Context
from fieldapp.expr.lexer import syntax_error
from fieldapp.expr.parser import Parser
from fieldapp.expr.syntax import Frame, Tree
from fieldapp.expr.values import Value, to_boolean, to_number, to_string
from fieldapp.i18n import _


@dataclass(frozen=True, slots=True, eq=False)
class Expr:
    """A parsed expression, ready to evaluate many times.

    ``refs`` are the names used as ``${name}``. ``paths`` are the other location paths that
    read answers, as written, predicates included: from the question or the root (``'.'``,
    ``'../x'``, ``'/data/g/q'``, ``'cf'``, ``'/data/rep[2]/w'``) or from ``current()`` or a
    reference (``'current()/../x'``, ``'${rep}[2]/w'``); left out are relative paths inside
    predicates (about the filtered nodes) and paths into ``instance()`` lists.
    ``volatile`` says whether now(), today(), random() or uuid() is used. ``foreign`` names
    the functions of other dialects (SurveyCTO's ``duration()`` …) it calls, each giving ''.
    ``last_saved`` names the fields read as ``${last-saved#name}`` (the previous submission).
    """

    text: str
    refs: frozenset[str]
    paths: frozenset[str]
    volatile: bool
    tree: Tree = field(repr=False)
    foreign: frozenset[str] = frozenset()
    last_saved: frozenset[str] = frozenset()

    def evaluate(self, ctx: Context) -> Value:
        """The value over ``ctx``: str, float, bool, date, datetime or NodeSet.

        :raises ExprError: EXPR_004 when a function cannot work on what it got (a regex that
            does not compile, a text that is not a date); empty answers never raise.
        """
        try:
            # a context may name another node for current(): the select question whose
            # choice filter is evaluated on each choice item (XForms itemset predicates)
            return self.tree.ev(Frame(ctx, ctx.node, origin=getattr(ctx, "origin", None)))
        except ExprError as error:
            error.context.setdefault("expression", self.text)
            raise

    def evaluate_string(self, ctx: Context) -> str:
        return to_string(self.evaluate(ctx))

    def evaluate_number(self, ctx: Context) -> float:
        return to_number(self.evaluate(ctx))

    def evaluate_boolean(self, ctx: Context) -> bool:
        return to_boolean(self.evaluate(ctx))


@lru_cache(maxsize=8192)
def compile_expr(text: str) -> Expr:
    """Parse ``text`` once (cached by text).

    :raises ExprError: EXPR_001 syntax error (with ``pos``, 1-based, and ``detail``),
        EXPR_002 unknown function, EXPR_003 wrong number of arguments.
    """
    parser = Parser(text)
    try:
        tree = parser.parse()
    except RecursionError:
        raise syntax_error(text, 0, _("the expression is nested too deeply")) from None
    return Expr(text, frozenset(parser.refs), frozenset(parser.paths), parser.volatile, tree,
                frozenset(parser.foreign), frozenset(parser.last_saved))
