"""The XPath 1.0 operators on values: equality, order, arithmetic (XPath 1.0 §3.4, §3.5)."""

from __future__ import annotations

import math
import operator
from datetime import date
from functools import partial
from typing import Callable

from fieldapp.expr.values import NodeSet, Value, to_boolean, to_number, to_string

# JavaRosa compares numbers with this tolerance, so that 0.1 + 0.2 = 0.3 holds in a
# constraint as it does in ODK Collect, where the forms are also tested.
_EPSILON = 1e-12

ORDER: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _same_number(x: float, y: float) -> bool:
    return x == y or abs(x - y) < _EPSILON


def equals(a: Value, b: Value) -> bool:
    """``a = b``: existential over node-sets, else boolean, number (or date), string."""
    a_set = isinstance(a, NodeSet)
    if a_set or isinstance(b, NodeSet):
        if a_set and isinstance(b, NodeSet):
            return not {n.value() for n in a}.isdisjoint(n.value() for n in b)
        nodes, other = (a, b) if a_set else (b, a)
        if isinstance(other, bool):
            return (len(nodes) > 0) == other
        if isinstance(other, (float, date)):
            target = to_number(other)
            return any(_same_number(to_number(n.value()), target) for n in nodes)
        text = to_string(other)
        return any(n.value() == text for n in nodes)
    return _atomic_equals(a, b)


def not_equals(a: Value, b: Value) -> bool:
    """``a != b``: existential like ``=`` (so ``!=`` is not ``not(=)`` for node-sets)."""
    a_set = isinstance(a, NodeSet)
    if a_set or isinstance(b, NodeSet):
        if a_set and isinstance(b, NodeSet):
            values = {n.value() for n in a}
            others = {n.value() for n in b}
            return bool(values) and bool(others) and len(values | others) > 1
        nodes, other = (a, b) if a_set else (b, a)
        if isinstance(other, bool):
            return (len(nodes) > 0) != other
        if isinstance(other, (float, date)):
            target = to_number(other)
            return any(not _same_number(to_number(n.value()), target) for n in nodes)
        text = to_string(other)
        return any(n.value() != text for n in nodes)
    return not _atomic_equals(a, b)


def _atomic_equals(a: Value, b: Value) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return to_boolean(a) == to_boolean(b)
    if isinstance(a, (float, date)) or isinstance(b, (float, date)):
        return _same_number(to_number(a), to_number(b))
    return to_string(a) == to_string(b)


def compare(op: str, a: Value, b: Value) -> bool:
    """``a < b`` and friends: both sides as numbers (date strings as days), existential
    over node-sets; a node-set against a boolean compares the node-set's boolean."""
    test = ORDER[op]
    a_set = isinstance(a, NodeSet)
    b_set = isinstance(b, NodeSet)
    if not (a_set or b_set):
        return test(to_number(a), to_number(b))
    if a_set and b_set:
        rights = [to_number(n.value()) for n in b]
        return any(test(to_number(n.value()), y) for n in a for y in rights)
    if isinstance(b, bool) or isinstance(a, bool):
        return test(to_number(to_boolean(a)), to_number(to_boolean(b)))
    if a_set:
        y = to_number(b)
        return any(test(to_number(n.value()), y) for n in a)
    x = to_number(a)
    return any(test(x, to_number(n.value())) for n in b)


def add(a: Value, b: Value) -> float:
    return to_number(a) + to_number(b)


def subtract(a: Value, b: Value) -> float:
    return to_number(a) - to_number(b)


def multiply(a: Value, b: Value) -> float:
    return to_number(a) * to_number(b)


def divide(a: Value, b: Value) -> float:
    """``div``: IEEE 754 division, so ``1 div 0`` is Infinity and ``0 div 0`` NaN."""
    x, y = to_number(a), to_number(b)
    if y == 0.0:
        if x != x or x == 0.0:
            return math.nan
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def modulo(a: Value, b: Value) -> float:
    """``mod``: the remainder of truncating division, with the dividend's sign (like fmod)."""
    x, y = to_number(a), to_number(b)
    try:
        return math.fmod(x, y)
    except ValueError:  # x infinite or y zero
        return math.nan


BINARY: dict[str, Callable[[Value, Value], Value]] = {
    "=": equals,
    "!=": not_equals,
    **{op: partial(compare, op) for op in ORDER},
    "+": add,
    "-": subtract,
    "*": multiply,
    "div": divide,
    "mod": modulo,
}
"""The operators that evaluate both operands ('and' and 'or' may stop at the first)."""
