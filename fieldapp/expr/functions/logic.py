"""Boolean and control functions: true, not, if, coalesce, once, checklist …"""

from __future__ import annotations

import math

from fieldapp.expr.functions.registry import UNBOUNDED, function
from fieldapp.expr.syntax import Frame, Tree, runtime_error
from fieldapp.expr.values import NodeSet, Value, to_boolean, to_number, to_string
from fieldapp.i18n import _


@function("true", 0)
def _true(f: Frame) -> bool:
    return True


@function("false", 0)
def _false(f: Frame) -> bool:
    return False


@function("not", 1)
def _not(f: Frame, value: Value) -> bool:
    return not to_boolean(value)


@function("boolean", 1)
def _boolean(f: Frame, value: Value) -> bool:
    return to_boolean(value)


@function("boolean-from-string", 1)
def _boolean_from_string(f: Frame, value: Value) -> bool:
    """True only for 'true' (any case) and '1', so a stored 'false' is false."""
    text = to_string(value).strip()
    return text.lower() == "true" or text == "1"


@function("if", 3, lazy=True)
def _if(f: Frame, condition: Tree, then: Tree, otherwise: Tree) -> Value:
    return then.ev(f) if to_boolean(condition.ev(f)) else otherwise.ev(f)


def _empty(value: Value) -> bool:
    if isinstance(value, float):
        return value != value
    return to_string(value) == ""


@function("coalesce", 2, lazy=True)
def _coalesce(f: Frame, first: Tree, second: Tree) -> Value:
    """The first argument that is not empty (nor NaN), else the second."""
    value = first.ev(f)
    if isinstance(value, NodeSet):  # its first node's value, read once
        value = value[0].value() if value else ""
    if not _empty(value):
        return value
    value = second.ev(f)
    return to_string(value) if isinstance(value, NodeSet) else value


@function("once", 1, lazy=True)
def _once(f: Frame, calculation: Tree) -> Value:
    """The question's current value if it has one; only otherwise the calculation (which is
    then not evaluated at all, so ``once(random())`` keeps its first number)."""
    current = f.ctx.node.value()
    return current if current != "" else calculation.ev(f)


def _counts(value: Value) -> bool:
    """Whether a checklist item is 'yes', as JavaRosa's ``toBoolean``: true, a number other
    than 0 and NaN, or a non-empty text ('foo' counts); an answer that reads as a number
    counts as that number, so an integer answer 0 does not."""
    if isinstance(value, str):
        number = to_number(value)
        return number != 0 if number == number else value != ""
    return to_boolean(value)


def _items(values: tuple[Value, ...]) -> list[Value]:
    out: list[Value] = []
    for value in values:
        if isinstance(value, NodeSet):
            out.extend(node.value() for node in value)
        else:
            out.append(value)
    return out


def _within(total: float, low: float, high: float, by_count: bool) -> bool:
    # for checklist(), -1 means "no minimum" / "no maximum"
    above = (by_count and low < 0) or total >= low
    below = (by_count and high < 0) or total <= high
    return above and below


@function("checklist", 2, UNBOUNDED)
def _checklist(f: Frame, low: Value, high: Value, *values: Value) -> bool:
    count = sum(1 for item in _items(values) if _counts(item))
    return _within(count, _whole(low), _whole(high), by_count=True)


def _whole(value: Value) -> float:
    """Java's ``intValue()`` of a number: truncated, NaN as 0."""
    number = to_number(value)
    return 0.0 if number != number else float(math.trunc(number)) if math.isfinite(number) \
        else number


@function("weighted-checklist", 2, UNBOUNDED, step=2)
def _weighted_checklist(f: Frame, low: Value, high: Value, *pairs: Value) -> bool:
    """Like checklist(), each item paired with a weight; min and max bound the weights' sum.
    Also takes two node-sets of the same size: the items and their weights."""
    if len(pairs) == 2 and isinstance(pairs[0], NodeSet) and isinstance(pairs[1], NodeSet):
        items, weights = _items(pairs[:1]), _items(pairs[1:])
        if len(items) != len(weights):
            raise runtime_error(_("weighted-checklist() needs as many weights as items."))
    else:
        items, weights = list(pairs[0::2]), list(pairs[1::2])
    total = sum(to_number(w) for item, w in zip(items, weights) if _counts(item))
    return _within(total, to_number(low), to_number(high), by_count=False)
