"""Parsing expressions: precedence, lexical rules, dependencies, and syntax errors."""

import pytest
from exprtree import evaluate

from fieldapp.errors import ExprError
from fieldapp.expr import Expr, compile_expr, to_string


def value(text, data=None, node=None):
    return to_string(evaluate(text, data, node))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("1 - 2 - 3", "-4"),  # left-associative
        ("8 div 4 div 2", "1"),
        ("2 * 3 mod 4", "2"),
        ("7 mod 4 * 2", "6"),
        ("- 2 * 3", "-6"),
        ("--2", "2"),
        ("5-3", "2"),
        ("1 -1", "0"),
        ("1 < 2 = 1", "true"),  # (1 < 2) = 1: boolean against number compares as booleans
        ("1 = 1 or 1 = 2 and 1 = 2", "true"),  # and binds tighter than or
        ("(1 = 1 or 1 = 2) and 1 = 2", "false"),
        ("1 + 2 = 3 and 3 > 2", "true"),
        ("2 * 3", "6"),
        (".5 + 5.", "5.5"),
        ('"say \'hi\'"', "say 'hi'"),
        ("'a \"b\"'", 'a "b"'),
        ("  1\n+\t2  ", "3"),
    ],
)
def test_precedence_and_literals(text, expected):
    assert value(text) == expected


def test_operator_names_are_names_where_an_operand_is_expected():
    data = {"div": "6", "mod": "4", "and": "1", "or": ""}
    assert value("div div 2", data) == "3"
    assert value("mod mod 3", data) == "1"
    assert value("and and or", data) == "true"  # node-sets: true when the node exists
    assert value("or and missing", data) == "false"


def test_star_is_a_name_test_or_a_multiplication_by_position():
    data = {"a": "2", "b": "3", "g": {"x": "1", "y": "2", "z": "3"}}
    assert value("count(/data/g/*)", data) == "3"
    assert value("${a} * ${b}", data) == "6"
    assert value("count(*)", data) == "3"


def test_names_may_contain_dashes_and_dots():
    data = {"first-name": "Ana", "v.2": "5"}
    assert value("first-name", data) == "Ana"
    assert value("v.2 + 1", data) == "6"
    assert value("${first-name}", data) == "Ana"


def test_refs_paths_and_volatility_are_collected_when_parsing():
    e = compile_expr("${a} + ${b} > ../x and /data/g/q != '' and cf = ${a}")
    assert e.refs == {"a", "b"}
    assert e.paths == {"../x", "/data/g/q", "cf"}
    assert not e.volatile
    assert compile_expr(". > 5").paths == {"."}
    assert compile_expr("${rep}[2]/w + /data/rep[w > 1]/v").paths == {
        "${rep}[2]/w", "/data/rep[w > 1]/v"}
    assert compile_expr("today() > ${d}").volatile
    assert compile_expr("once(random())").volatile
    assert compile_expr("concat(uuid(), now())").volatile


def test_paths_inside_predicates_belong_to_the_filtered_nodes():
    e = compile_expr("instance('c')/root/item[name = ${x} and region = /data/r]/label")
    assert e.refs == {"x"}
    assert e.paths == {"/data/r"}  # 'name' and 'region' are columns of the items
    e = compile_expr("instance('c')/root/item[name = current()/../y]/label")
    assert e.paths == {"current()/../y"}


def test_choice_name_counts_the_quoted_question_as_a_reference():
    assert compile_expr("jr:choice-name(${c}, '${c}')").refs == {"c"}


def test_compiled_expressions_are_cached_and_immutable():
    e = compile_expr("${a} + 1")
    assert isinstance(e, Expr)
    assert compile_expr("${a} + 1") is e
    assert e.text == "${a} + 1"
    with pytest.raises(AttributeError):
        e.text = "x"  # type: ignore[misc]


def syntax_error(text):
    with pytest.raises(ExprError) as caught:
        compile_expr(text)
    return caught.value


@pytest.mark.parametrize(
    "text, pos, words",
    [
        ("(1 + 2", 1, "not closed"),
        ("concat('a', 'b'", 7, "not closed"),
        ("'abc", 1, "quotes"),
        ("1 = \"abc", 5, "quotes"),
        ("${a} + ${", 8, "${"),
        ("${a b}", 1, "not a valid question name"),
        ("${}", 1, "not a valid question name"),
        ("$a", 1, "${name}"),
        ("1 +", 4, "ends too early"),
        ("1 2", 3, "operator"),
        ("${a} ${b}", 6, "operator"),
        ("${a} == 1", 7, "single '='"),
        ("${a} = 1 && ${b}", 10, "'and'"),
        ("${a} = 1 || ${b} = 2", 11, "'or'"),
        ("${a} = 1 AND ${b}", 10, "lowercase"),
        ("1 + 2)", 6, "no matching"),
        ("${a} / 2", 6, "div"),
        ("\u2018yes\u2019", 1, "straight quotes"),
        ("", 1, "empty"),
        ("   ", 1, "empty"),
        ("a[1", 2, "not closed"),
        ("ancestor::a", 1, "axis"),
        ("/data/", 7, "ends too early"),
        ("1e3", 2, "operator"),
    ],
)
def test_syntax_errors_have_a_position_and_a_reason(text, pos, words):
    error = syntax_error(text)
    assert error.code == "EXPR_001"
    assert error.context["pos"] == pos
    assert words in error.context["detail"]
    assert error.context["expression"] == text
    assert f"position {pos}" in str(error)


def test_unknown_function_is_reported_at_compile_time():
    error = syntax_error("upper-case(${a})")
    assert error.code == "EXPR_002"
    assert error.context["name"] == "upper-case"
    assert error.context["pos"] == 1
    assert "upper-case()" in str(error)
    assert syntax_error("1 + foo()").context["pos"] == 5


@pytest.mark.parametrize(
    "text, expected, given",
    [
        ("if(1, 2)", "3", 2),
        ("substr('a')", "2 to 3", 1),
        ("not()", "1", 0),
        ("join()", "at least 1", 0),
        ("indexed-repeat(${a}, ${r})", "3, 5 or 7", 2),
        ("indexed-repeat(${a}, ${r}, 1, ${s})", "3, 5 or 7", 4),
        ("weighted-checklist(1, 2, 3)", "2, 4, 6, 8, 10 …", 3),
        ("today(1)", "0", 1),
    ],
)
def test_wrong_number_of_arguments_is_reported_at_compile_time(text, expected, given):
    error = syntax_error(text)
    assert error.code == "EXPR_003"
    assert (error.context["expected"], error.context["given"]) == (expected, given)


def test_very_deep_nesting_is_a_syntax_error_not_a_crash():
    error = syntax_error("(" * 5000 + "1" + ")" * 5000)
    assert error.code == "EXPR_001"


def test_namespace_prefixes_on_steps_are_ignored():
    data = {"meta": {"instanceID": "uuid:1"}}
    assert value("/data/orx:meta/orx:instanceID", data) == "uuid:1"
