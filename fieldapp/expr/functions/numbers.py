"""Number functions: XPath 1.0's, XPath 3.0's math library as ODK lists it, and aggregates."""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Callable

from fieldapp.expr.functions.registry import UNBOUNDED, function
from fieldapp.expr.syntax import Frame, node_set
from fieldapp.expr.values import NodeSet, Value, to_number


@function("number", 0, 1)
def _number(f: Frame, value: Value | None = None) -> float:
    return to_number(f.node.value() if value is None else value)


@function("int", 1)
def _int(f: Frame, value: Value) -> float:
    """Truncates toward zero; NaN and infinities stay."""
    number = to_number(value)
    return float(math.trunc(number)) if math.isfinite(number) else number


@function("floor", 1)
def _floor(f: Frame, value: Value) -> float:
    number = to_number(value)
    return float(math.floor(number)) if math.isfinite(number) else number


@function("ceiling", 1)
def _ceiling(f: Frame, value: Value) -> float:
    number = to_number(value)
    return float(math.ceil(number)) if math.isfinite(number) else number


@function("round", 1, 2)
def _round(f: Frame, value: Value, digits: Value | None = None) -> float:
    """XPath 1.0 rounding (a half goes toward positive infinity: round(-2.5) = -2), on the
    decimal digits as written, so round(1.005, 2) = 1.01; ODK adds the ``digits`` argument."""
    number = to_number(value)
    places = 0.0 if digits is None else to_number(digits)
    if not math.isfinite(number):
        return number
    if places != places or abs(places) > 30:
        return math.nan  # as JavaRosa: absurd rounding requests
    mode = ROUND_HALF_UP if number >= 0 else ROUND_HALF_DOWN
    with localcontext() as decimal_context:
        decimal_context.prec = 400
        try:
            rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-int(places)), rounding=mode)
        except InvalidOperation:  # pragma: no cover - prec 400 covers every finite float
            return number
    result = float(rounded)
    return -0.0 if result == 0 and number < 0 else result


def _safe(fn: Callable[..., float]) -> Callable[..., float]:
    """``fn`` with math domain errors as NaN and overflows as infinity (IEEE 754, like Java)."""

    def call(*args: float) -> float:
        try:
            return fn(*args)
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf
        except ZeroDivisionError:
            return math.nan

    return call


def _log(x: float) -> float:
    return -math.inf if x == 0 else math.log(x)


def _log10(x: float) -> float:
    return -math.inf if x == 0 else math.log10(x)


def _pow(x: float, y: float) -> float:
    if x == 0 and y < 0:
        return math.inf
    return math.pow(x, y)


_MATH_1 = {"abs": abs, "sqrt": math.sqrt, "exp": math.exp, "exp10": lambda x: math.pow(10.0, x),
           "log": _log, "log10": _log10, "sin": math.sin, "cos": math.cos, "tan": math.tan,
           "asin": math.asin, "acos": math.acos, "atan": math.atan}


def _unary(fn: Callable[[float], float]) -> Callable[[Frame, Value], float]:
    safe = _safe(fn)
    return lambda f, value: safe(to_number(value))


for _name, _fn in _MATH_1.items():
    function(_name, 1)(_unary(_fn))


@function("pow", 2)
def _power(f: Frame, base: Value, exponent: Value) -> float:
    return _safe(_pow)(to_number(base), to_number(exponent))


@function("atan2", 2)
def _atan2(f: Frame, y: Value, x: Value) -> float:
    return math.atan2(to_number(y), to_number(x))


@function("pi", 0)
def _pi(f: Frame) -> float:
    return math.pi


@function("random", 0, volatile=True)
def _random(f: Frame) -> float:
    return random.random()


def numbers(values: tuple[Value, ...]) -> list[float]:
    """Every value as a number, where a node-set gives one number per node."""
    out: list[float] = []
    for value in values:
        if isinstance(value, NodeSet):
            out.extend(to_number(node.value()) for node in value)
        else:
            out.append(to_number(value))
    return out


def _extreme(pick: Callable[[list[float]], float]) -> Callable[..., float]:
    def run(f: Frame, *values: Value) -> float:
        found = numbers(values)
        if not found or any(x != x for x in found):
            return math.nan  # an empty or non-numeric answer makes the result unknown
        return pick(found)

    return run


function("min", 1, UNBOUNDED)(_extreme(min))
function("max", 1, UNBOUNDED)(_extreme(max))


@function("sum", 1)
def _sum(f: Frame, nodes: Value) -> float:
    """XPath 1.0: NaN when a node is empty or not a number (JavaRosa skips those instead).

    Added exactly (``math.fsum``, correctly rounded), so the total does not depend on the
    order of the nodes: a node list that keeps its numbers (``numbers()``, as a form
    session's lists do) gives the same total as reading every node again.
    """
    found = node_set(nodes, "sum()")
    kept = getattr(found, "numbers", None)
    return exact_sum(kept() if kept is not None else [to_number(n.value()) for n in found])


def exact_sum(numbers) -> float:
    """The correctly rounded sum; NaN for ∞ + −∞, ±∞ when finite numbers overflow."""
    try:
        return math.fsum(numbers)
    except ValueError:  # inf and -inf both present
        return math.nan
    except OverflowError:
        return float(sum(numbers))
