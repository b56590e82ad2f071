"""XPath 1.0 type conversions and operators, with ODK's date extension (values by hand)."""

import math
from datetime import date, datetime, timedelta, timezone

import pytest
from exprtree import TreeNode, evaluate

from fieldapp.errors import ExprError
from fieldapp.expr import NodeSet, to_boolean, to_number, to_string

DATA = {
    "a": "3",
    "b": "",
    "txt": "abc",
    "d": "2024-03-01",
    "today": "2024-03-15",
    "dt": "2024-03-14T20:00:00.000-05:00",
    "rep": [{"w": "2"}, {"w": "3"}, {"w": "4"}],
    "other": [{"v": "4"}, {"v": "9"}],
}


def ev(text, node=None):
    return evaluate(text, DATA, node)


def s(text, node=None):
    return to_string(ev(text, node))


@pytest.mark.parametrize(
    "number, text",
    [
        (1.0, "1"),
        (0.5, "0.5"),
        (-0.0, "0"),
        (-2.25, "-2.25"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
        (1e21, "1000000000000000000000"),
        (1e-7, "0.0000001"),
        (123456789.0, "123456789"),
    ],
)
def test_number_to_string_has_no_exponent_nor_trailing_zero(number, text):
    assert to_string(number) == text


@pytest.mark.parametrize(
    "text, number",
    [
        ("12", 12.0),
        (" 12 ", 12.0),
        ("-3.5", -3.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("007", 7.0),
    ],
)
def test_string_to_number(text, number):
    assert to_number(text) == number


@pytest.mark.parametrize("text", ["", " ", "abc", "1e3", "+5", "Infinity", "NaN", "1,5", "12abc",
                                  "2024-02-30", "- 1"])
def test_strings_that_are_not_numbers_are_nan(text):
    assert math.isnan(to_number(text))


def test_dates_are_days_since_the_epoch():
    assert to_number("1970-01-01") == 0
    assert to_number("2024-03-01") == 19783  # 54 years, 13 leap days, + 59 days of 2024
    assert to_number(date(2024, 3, 1)) == 19783
    # a dateTime counts on its own wall clock (as JavaRosa's fractionalDaysSinceEpoch)
    assert to_number("1970-01-02T06:00:00-08:00") == 1.25
    assert to_number("1970-01-02T06:00:00.000Z") == 1.25
    assert to_number(datetime(1970, 1, 1, 12, tzinfo=timezone(timedelta(hours=3)))) == 0.5


def test_boolean_and_number_conversions():
    assert to_number(True) == 1 and to_number(False) == 0
    assert to_string(True) == "true" and to_string(False) == "false"
    assert to_boolean("false") is True  # any non-empty string
    assert to_boolean("") is False
    assert to_boolean(0.0) is False and to_boolean(-0.0) is False
    assert to_boolean(math.nan) is False
    assert to_boolean(-2.0) is True
    assert to_boolean(NodeSet()) is False
    assert to_boolean(NodeSet([TreeNode("x")])) is True  # even if the node is empty
    assert to_boolean(date(2024, 1, 1)) is True


def test_node_set_converts_through_its_first_node():
    assert s("${w}") == "2"
    assert ev("number(${w})") == 2
    assert s("${missing}") == ""
    assert math.isnan(ev("number(${missing})"))
    assert ev("boolean(${b})") is True  # the node exists, though empty
    assert ev("boolean(${missing})") is False


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 = '1'", True),  # number wins over string
        ("'1.0' = 1", True),
        ("'1.0' = '1'", False),  # two strings compare as strings
        ("true() = 'x'", True),  # boolean wins: boolean('x') is true
        ("false() = ''", True),
        ("true() = 0", False),
        ("0.1 + 0.2 = 0.3", True),  # JavaRosa's 1e-12 tolerance, as in Collect
        ("number('') = number('')", False),  # NaN is not equal to itself
        ("number('') != number('')", True),
        ("'abc' = 'abc'", True),
        ("'abc' != 'ABC'", True),
    ],
)
def test_equality_of_plain_values(text, expected):
    assert ev(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("${a} = 3", True),
        ("${a} = '3'", True),
        ("${a} = '3.0'", False),  # string comparison
        ("${a} = 3.0", True),  # number comparison
        ("${b} = ''", True),
        ("${b} != ''", False),
        ("${missing} = ''", False),  # no node: nothing to compare
        ("${missing} != ''", False),
        ("${w} = 3", True),  # existential: some instance has 3
        ("${w} != 3", True),  # … and some instance has not
        ("${w} = 5", False),
        ("${w} = ${v}", True),  # 4 is in both
        ("${w} != ${v}", True),
        ("${w} = ${a}", True),
        ("${missing} = ${w}", False),
        ("${missing} = false()", True),  # node-set against boolean: its boolean
        ("${b} = true()", True),
        ("${b} = 0", False),  # number('') is NaN
        ("${b} != 0", True),
    ],
)
def test_equality_with_node_sets_is_existential(text, expected):
    assert ev(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2 < 3", True),
        ("'10' > '9'", True),  # compared as numbers
        ("'abc' < 'abd'", False),  # NaN
        ("${b} > 2", False),
        ("${b} < 2", False),
        ("${b} <= 2", False),
        ("${w} > 3", True),
        ("${w} > 4", False),
        ("${w} >= 4", True),
        ("${w} < 2", False),
        ("${w} < ${v}", True),
        ("${v} < ${w}", False),  # v is {4, 9}, w is {2, 3, 4}: no v below some w
        ("${missing} < 1", False),
        ("${missing} >= ${w}", False),
        ("true() > 0", True),
        ("${w} > false()", True),  # boolean(node-set) = true → 1 > 0
        ("3 >= 3", True),
        ("3 <= 2", False),
    ],
)
def test_relational_operators(text, expected):
    assert ev(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("'3' + '4'", 7),
        ("${a} + 1", 4),
        ("${a} * ${a}", 9),
        ("true() + 1", 2),
        ("7 div 2", 3.5),
        ("5 mod 3", 2),
        ("5 mod -3", 2),  # sign of the dividend
        ("-5 mod 3", -2),
        ("5.5 mod 2", 1.5),
        ("-${a}", -3),
        ("1 div 0", math.inf),
        ("-1 div 0", -math.inf),
        ("1 div -0", -math.inf),
    ],
)
def test_arithmetic(text, expected):
    assert ev(text) == expected


@pytest.mark.parametrize("text", ["${b} + 1", "${missing} * 2", "'abc' - 1", "0 div 0", "5 mod 0",
                                  "(1 div 0) mod 2", "-${b}"])
def test_arithmetic_on_empty_or_text_gives_nan(text):
    assert math.isnan(ev(text))


def test_strings_of_arithmetic_results():
    assert s("1 div 3") == "0.3333333333333333"
    assert s("10 div 4") == "2.5"
    assert s("2 * 3") == "6"
    assert s("${b} + 1") == "NaN"


def test_dates_compare_and_subtract_as_days():
    assert ev("${d} < today()") is True  # today() is 2024-03-15 in the test context
    assert ev("${d} >= today()") is False
    assert ev("${today} = today()") is True
    assert ev("${d} = today()") is False
    assert ev("${d} != today()") is True
    assert ev("today() - ${d}") == 14
    assert ev("'2024-03-02' - '2024-03-01'") == 1
    assert ev("${d} > '2024-01-01'") is True
    assert ev("${dt} < today()") is True  # 20:00 on the 14th, local clock
    assert ev("${dt} > ${d}") is True
    assert ev("date('2024-03-01') = '2024-03-01'") is True
    assert ev("today() + 1 > today()") is True
    assert ev("${b} < today()") is False  # an empty date is not before anything
    assert ev("${b} = today()") is False
    assert ev("${b} != today()") is True


def test_union_is_in_document_order_without_duplicates():
    assert ev("count(${a} | ${b})") == 2
    assert ev("count(${a} | ${a})") == 1
    assert s("${b} | ${a}") == "3"  # a comes first in the document
    assert ev("count(${w} | ${v} | ${a})") == 6


def test_union_of_values_is_an_error():
    with pytest.raises(ExprError) as caught:
        ev("${a} | 3")
    assert caught.value.code == "EXPR_004"
    assert caught.value.context["expression"] == "${a} | 3"


def test_and_or_short_circuit():
    # the right side would raise (not a node-set) if it were evaluated
    assert ev("1 = 1 or count('x') > 0") is True
    assert ev("1 = 2 and count('x') > 0") is False
