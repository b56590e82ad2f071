"""The string, number, logic and select functions of the ODK XForms spec (values by hand)."""

import math
import re

import pytest
from exprtree import evaluate

from fieldapp.errors import ExprError
from fieldapp.expr import to_string

DATA = {
    "a": "3",
    "b": "",
    "c": "r",
    "sel": "a b c",
    "rep": [{"w": "2", "q": "1"}, {"w": "3", "q": ""}, {"w": "4", "q": "5"}],
}
LABELS = {"c": {"r": "Rojo", "b": "Azul"}}


def ev(text, node=None):
    return evaluate(text, DATA, node, labels=LABELS)


def s(text, node=None):
    return to_string(ev(text, node))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("concat('a', 'b', 1)", "ab1"),
        ("concat(${w})", "234"),  # every node of a node-set (ODK)
        ("concat()", ""),
        ("concat(${missing}, 'x', ${b})", "x"),
        ("join(', ', ${w})", "2, 3, 4"),
        ("join('-', 'a', 'b', ${a})", "a-b-3"),
        ("join('-')", ""),
        ("substr('hello', 1, 3)", "el"),  # 0-based, end excluded
        ("substr('hello', 2)", "llo"),
        ("substr('hello', -3)", "llo"),  # from the end, as JavaRosa
        ("substr('hello', 0, -1)", "hell"),
        ("substr('hello', 3, 1)", ""),
        ("substr('hello', 10)", ""),
        ("substr(${b}, 0, 1)", ""),
        ("substring('12345', 2, 3)", "234"),  # the examples of XPath 1.0 §4.2
        ("substring('12345', 2)", "2345"),
        ("substring('12345', 1.5, 2.6)", "234"),
        ("substring('12345', 0, 3)", "12"),
        ("substring('12345', 0 div 0, 3)", ""),
        ("substring('12345', 1, 0 div 0)", ""),
        ("substring('12345', -42, 1 div 0)", "12345"),
        ("substring('12345', -1 div 0, 1 div 0)", ""),
        ("substring-before('1999/04/01', '/')", "1999"),
        ("substring-after('1999/04/01', '/')", "04/01"),
        ("substring-after('1999/04/01', '19')", "99/04/01"),
        ("substring-before('abc', 'x')", ""),
        ("substring-after('abc', '')", "abc"),
        ("string-length('año')", "3"),
        ("string-length(${b})", "0"),
        ("string-length(${w})", "1"),
        ("normalize-space('  a  b \n c ')", "a b c"),
        ("contains('abc', 'b')", "true"),
        ("contains('abc', '')", "true"),
        ("contains(${b}, 'x')", "false"),
        ("starts-with('abc', 'ab')", "true"),
        ("ends-with('abc', 'bc')", "true"),
        ("ends-with('abc', 'b')", "false"),
        ("translate('bar', 'abc', 'ABC')", "BAr"),
        ("translate('--aaa--', 'abc-', 'ABC')", "AAA"),
        ("translate('aaa', 'aa', 'xy')", "xxx"),  # the first mapping of a character wins
        ("string(1)", "1"),
        ("string(1 = 1)", "true"),
        ("string(${missing})", ""),
    ],
)
def test_string_functions(text, expected):
    assert s(text) == expected


def test_functions_without_argument_use_the_context_node():
    assert s("string()", "a") == "3"
    assert s("string-length()", "sel") == "5"
    assert s("normalize-space()", "sel") == "a b c"
    assert ev("number()", "a") == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("regex('12345678', '[0-9]{8}')", True),
        ("regex('a1', '[0-9]+')", False),  # the whole value must match (JavaRosa)
        ("regex('a1', '.*[0-9]+')", True),
        ("regex('a1', '^[a-z][0-9]$')", True),
        ("regex(${b}, '[0-9]*')", True),
        ("regex(${b}, '[0-9]+')", False),
        ("regex('ABC-12', '[A-Z]{3}-\\d{2}')", True),
    ],
)
def test_regex_matches_the_whole_value(text, expected):
    assert ev(text) is expected


def test_a_bad_regex_is_refused_with_the_pattern():
    # a pattern written in the expression is read when the expression is
    with pytest.raises(ExprError) as caught:
        ev("regex(${a}, '[0-9')")
    assert caught.value.code == "EXPR_005"
    assert "[0-9" in str(caught.value)
    # a pattern that comes from an answer fails when it is evaluated, naming the expression
    with pytest.raises(ExprError) as caught:
        evaluate("regex(${a}, ${p})", {**DATA, "p": "[0-9"})
    assert caught.value.code == "EXPR_005"
    assert caught.value.context["expression"] == "regex(${a}, ${p})"


def test_uuid():
    first, second = s("uuid()"), s("uuid()")
    version_4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    assert re.fullmatch(version_4, first)
    assert first != second
    assert re.fullmatch(r"[A-Za-z0-9]{8}", s("uuid(8)"))
    assert s("uuid(0)") == ""


def test_digest_and_base64():
    assert s("digest('abc', 'SHA-256', 'hex')") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    assert s("digest('abc', 'MD5', 'hex')") == "900150983cd24fb0d6963f7d28e17f72"
    assert s("digest('abc', 'SHA-1')") == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0="  # base64 by default
    assert s("base64-decode('aG9sYQ==')") == "hola"
    assert s("base64-decode('not base64!')") == ""
    with pytest.raises(ExprError) as caught:
        ev("digest('abc', 'SHA-3')")
    assert caught.value.code == "EXPR_004"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("number('12')", 12),
        ("int(3.7)", 3),
        ("int(-3.7)", -3),  # toward zero
        ("int('8.9')", 8),
        ("floor(-1.5)", -2),
        ("ceiling(-1.5)", -1),
        ("ceiling(1.2)", 2),
        ("round(2.5)", 3),
        ("round(-2.5)", -2),  # XPath 1.0: a half goes toward positive infinity
        ("round(2.4)", 2),
        ("round(-2.6)", -3),
        ("round(3.14159, 2)", 3.14),
        ("round(1.005, 2)", 1.01),  # decimal digits as written, not binary
        ("round(1234.5, -2)", 1200),
        ("round(1250, -2)", 1300),
        ("round(-1250, -2)", -1200),
        ("pow(2, 10)", 1024),
        ("pow(2, -1)", 0.5),
        ("pow(0, -1)", math.inf),
        ("abs(-3)", 3),
        ("sqrt(16)", 4),
        ("exp(0)", 1),
        ("exp10(2)", 100),
        ("log(1)", 0),
        ("log(0)", -math.inf),
        ("log10(1000)", 3),
        ("sin(0)", 0),
        ("cos(0)", 1),
        ("tan(0)", 0),
        ("asin(1)", math.pi / 2),
        ("acos(1)", 0),
        ("atan(1)", math.pi / 4),
        ("atan2(1, 1)", math.pi / 4),
        ("pi()", math.pi),
        ("min(${w})", 2),
        ("max(${w})", 4),
        ("max(${w}, 10)", 10),
        ("min(3, 1, 2)", 1),
        ("sum(${w})", 9),
        ("sum(${missing})", 0),
        ("count(${w})", 3),
        ("count-non-empty(${q})", 2),
        ("count(${missing})", 0),
    ],
)
def test_number_functions(text, expected):
    assert ev(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["int(${b})", "round(${b})", "round(1, 'x')", "round(1, 99)", "sqrt(-1)", "log(-1)",
     "pow(-8, 1 div 3)", "min(${q})", "max(${missing})", "max('a', 1)", "sum(${q})",
     "floor(${b})", "abs(${b})"],
)
def test_number_functions_on_empty_or_invalid_input_give_nan(text):
    assert math.isnan(ev(text))


def test_round_keeps_infinity_and_negative_zero():
    assert ev("round(1 div 0)") == math.inf
    assert s("round(-0.4)") == "0"
    assert math.copysign(1, ev("round(-0.4)")) == -1  # XPath: -0


def test_aggregates_need_a_node_set():
    for text in ("sum(3)", "count('a')", "count-non-empty(1)"):
        with pytest.raises(ExprError) as caught:
            ev(text)
        assert caught.value.code == "EXPR_004"


def test_random_is_between_zero_and_one():
    assert all(0 <= ev("random()") < 1 for _ in range(20))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("true()", True),
        ("false()", False),
        ("not('')", True),
        ("not(0)", True),
        ("not(${b})", False),  # the node exists
        ("boolean('0')", True),
        ("boolean(0)", False),
        ("boolean-from-string('true')", True),
        ("boolean-from-string('TRUE')", True),
        ("boolean-from-string('1')", True),
        ("boolean-from-string('false')", False),
        ("boolean-from-string('yes')", False),
        ("boolean-from-string(${b})", False),
        ("checklist(2, 3, 1, 0, 1)", True),
        ("checklist(-1, 1, 1, 1)", False),
        ("checklist(1, -1, ${w})", True),
        ("checklist(1, 2, 'yes')", True),  # a non-empty text is true (JavaRosa's toBoolean)
        ("checklist(1, 3, 'foo', 'bar')", True),
        ("checklist(3, 3, 'foo', 'bar', '')", False),
        ("checklist(1.9, 1, 'foo')", True),  # bounds are truncated, as Java's intValue()
        ("checklist(1, 1, true(), false())", True),
        ("weighted-checklist(3, 5, 1, 2, 0, 4, 1, 2)", True),
        ("weighted-checklist(5, 10, 1, 2)", False),
        ("weighted-checklist(5, 10, ${w}, ${w})", True),  # 2 + 3 + 4
    ],
)
def test_boolean_functions(text, expected):
    assert ev(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("if(${a} > 2, 'big', 'small')", "big"),
        ("if(${b} != '', 'x', 'y')", "y"),
        ("if(${b}, 'x', 'y')", "x"),  # a node-set is true when the node exists
        ("if(true(), 1, count('x'))", "1"),  # the other branch is not evaluated
        ("coalesce(${b}, 'fallback')", "fallback"),
        ("coalesce(${a}, 'x')", "3"),
        ("coalesce(${missing}, ${b})", ""),
        ("coalesce(number(''), 5)", "5"),
        ("coalesce('a', count('x'))", "a"),
    ],
)
def test_if_and_coalesce(text, expected):
    assert s(text) == expected


def test_once_keeps_the_current_value():
    assert s("once(random())", "a") == "3"
    assert 0 <= ev("once(random())", "b") < 1
    assert s("once(concat('x', ${a}))", "b") == "x3"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("selected('a b c', 'b')", True),
        ("selected('a b c', 'd')", False),
        ("selected('a bc', 'b')", False),
        ("selected('a b', ' b ')", True),
        ("selected('', '')", True),  # JavaRosa: an empty answer "selects" the empty choice
        ("selected('a b', '')", False),
        ("selected(${sel}, 'c')", True),
        ("selected(${missing}, 'c')", False),
    ],
)
def test_selected(text, expected):
    assert ev(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("count-selected('a b  c')", "3"),
        ("count-selected('')", "0"),
        ("count-selected(${missing})", "0"),
        ("selected-at('a b c', 0)", "a"),
        ("selected-at(${sel}, 2)", "c"),
        ("selected-at('a b c', 3)", ""),
        ("selected-at('a b c', -1)", ""),
        ("selected-at('a b c', 1.9)", "b"),
        ("selected-at('a b c', ${b})", ""),
    ],
)
def test_select_lists(text, expected):
    assert s(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("jr:choice-name(${c}, '${c}')", "Rojo"),
        ("jr:choice-name('b', '${c}')", "Azul"),
        ("jr:choice-name('b', ' ${ c } ')", "Azul"),
        ("jr:choice-name('b', '/data/c')", "Azul"),
        ("jr:choice-name('b', ${c})", "Azul"),  # the node itself, without quotes
        ("jr:choice-name(${b}, '${c}')", ""),
        ("jr:choice-name('r', '${missing}')", ""),
        ("jr:choice-name('r', '')", ""),
    ],
)
def test_choice_name(text, expected):
    assert s(text) == expected
