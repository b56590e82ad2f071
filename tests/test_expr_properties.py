"""Properties that hold for any input (hypothesis): arithmetic, logic, conversions, and that
the parser and evaluator fail only with ExprError."""

import math
import time
from decimal import Decimal

from exprtree import TreeContext, build, evaluate
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.errors import ExprError
from fieldapp.expr import compile_expr, to_boolean, to_number, to_string

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
DATA = {"a": "3", "b": "", "t": "abc", "rep": [{"w": "1"}, {"w": "x"}]}


def literal(x: float) -> str:
    """``x`` as an XPath number literal (no exponent; unary minus for negatives)."""
    text = format(Decimal(repr(abs(x))), "f")
    return f"(-{text})" if math.copysign(1, x) < 0 else text


@given(finite, finite)
def test_adding_and_subtracting_gives_the_number_back(a, b):
    result = evaluate(f"{literal(a)} + {literal(b)} - {literal(b)}")
    assert math.isclose(result, a, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, abs(b)))


@given(finite, finite)
def test_order_is_total_on_finite_numbers(a, b):
    assert evaluate(f"{literal(a)} < {literal(b)} or {literal(a)} >= {literal(b)}") is True
    assert evaluate(f"{literal(a)} = {literal(a)}") is True


@given(finite)
def test_nothing_compares_with_nan(a):
    for op in ("<", "<=", ">", ">=", "="):
        assert evaluate(f"number('') {op} {literal(a)}") is False
    assert evaluate(f"number('') != {literal(a)}") is True


operands = st.one_of(
    finite.map(literal),
    st.text(alphabet="abc 0", max_size=4).map(lambda t: f"'{t}'"),
    st.sampled_from(["${a}", "${b}", "${missing}", "${w}", "true()", "false()", "0 div 0"]),
)


@given(operands)
def test_double_negation_is_boolean(x):
    assert evaluate(f"not(not({x}))", DATA) is evaluate(f"boolean({x})", DATA)


@given(st.integers(min_value=-(2**53), max_value=2**53))
def test_integers_round_trip_through_number_and_string(n):
    assert to_string(evaluate(f"number('{n}')")) == str(n)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_round_trip_through_their_string(x):
    assert to_number(to_string(x)) == x


@given(operands, operands)
def test_equality_is_symmetric_and_not_equals_its_opposite_on_values(x, y):
    forward = evaluate(f"{x} = {y}", DATA)
    assert forward is evaluate(f"{y} = {x}", DATA)
    if "$" not in x + y:  # for node-sets '!=' is existential, not the negation of '='
        assert evaluate(f"{x} != {y}", DATA) is (not forward)


pieces = st.sampled_from(
    ["${a}", "${w}", "${b}", "1", "2.5", "'x'", "(", ")", "[", "]", "+", "-", "*", "div",
     "mod", "=", "!=", "<", ">=", "and", "or", "|", "/", "//", ".", "..", "rep", "w", ",",
     "concat(", "count(", "if(", "substr(", "date(", "today()", "@", "$", "'", "${"]
)


@settings(max_examples=300)
@given(st.lists(pieces, max_size=12))
def test_any_text_parses_or_fails_with_an_expression_error(parts):
    text = " ".join(parts)
    try:
        expr = compile_expr(text)
    except ExprError as error:
        assert error.code in ("EXPR_001", "EXPR_002", "EXPR_003")
        return
    ctx = TreeContext(build(DATA), "rep[1]/w")
    try:
        value = expr.evaluate(ctx)
    except ExprError as error:
        assert error.code == "EXPR_004"
        return
    to_string(value), to_boolean(value)  # every result converts


def test_a_simple_expression_evaluates_in_microseconds():
    # the GUI re-evaluates on every keystroke; typical is 1–5 µs, this only catches a collapse
    ctx = TreeContext(build(DATA), "a")
    expr = compile_expr("${a} > 2 and ${b} = ''")
    start = time.perf_counter()
    for _ in range(2000):
        expr.evaluate(ctx)
    assert (time.perf_counter() - start) / 2000 < 200e-6
