"""Groups hidden and shown again: a question's own relevance is not evaluated while an
ancestor hides it (it changes nothing then) and is evaluated when the ancestor shows again;
whatever the order of answers, the session equals a full evaluation of the same answers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.errors import AnswerError
from fieldapp.forms.session import FormSession
from fieldapp.forms.workbooks import open_workbook
from tests.test_form_repeat_references import assert_like_a_full_evaluation
from tests.xlsform_md import md_to_xlsx

NESTED = """
| survey |
|        | type         | name  | label | relevant                 | calculation                   |
|        | integer      | a     | A     |                          |                               |
|        | integer      | b     | B     |                          |                               |
|        | begin_group  | g1    | G1    | ${a} != 9                |                               |
|        | integer      | x1    | X1    |                          |                               |
|        | integer      | x2    | X2    | ${x1} != 0               |                               |
|        | integer      | x3    | X3    | ${b} > 2 or ${x2} = 5    |                               |
|        | calculate    | s1    |       |                          | coalesce(${x1}, 0) + coalesce(${x2}, 0) |
|        | begin_group  | g2    | G2    | ${x1} != 7               |                               |
|        | integer      | y1    | Y1    | ${b} < 5                 |                               |
|        | integer      | y2    | Y2    | ${y1} != 1 and ${s1} < 8 |                               |
|        | calculate    | s2    |       |                          | coalesce(${y1}, 0) + ${s1}    |
|        | end_group    |       |       |                          |                               |
|        | end_group    |       |       |                          |                               |
|        | integer      | z     | Z     | ${y2} != 3               |                               |
|        | calculate    | t     |       |                          | coalesce(${s2}, 0) + coalesce(${x3}, 0) |
| settings |
|          | form_id | version |
|          | nested  | 1       |
"""
FIELDS = ["a", "b", "g1/x1", "g1/x2", "g1/x3", "g1/g2/y1", "g1/g2/y2", "z"]


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    return open_workbook(md_to_xlsx(NESTED, tmp_path_factory.mktemp("nested") / "nested.xlsx"))


def test_a_group_hidden_and_shown_again_reads_its_answers_as_before(form):
    s = FormSession(form)
    for path, value in [("a", 1), ("b", 3), ("g1/x1", 2), ("g1/x2", 5), ("g1/g2/y1", 2),
                        ("g1/g2/y2", 3)]:
        s.set(path, value)
    before = {n.path: (n.relevant, n.value()) for n in s.root.walk()}
    s.set("a", 9)  # hides g1 and, inside it, g2
    assert not s.node("g1/g2/y2").relevant and s.value("t") == "0"
    s.set("b", 7)  # y1 (${b} < 5) turns irrelevant while hidden: nothing inside g1 says so
    s.set("a", 1)  # g1 shows again: y1's own relevance is evaluated then
    assert s.node("g1/x3").relevant and not s.node("g1/g2/y1").relevant
    assert_like_a_full_evaluation(s)
    s.set("b", 3)
    assert {n.path: (n.relevant, n.value()) for n in s.root.walk()} == before
    assert_like_a_full_evaluation(s)


def test_a_draft_resumed_with_a_group_hidden_shows_it_right(form):
    s = FormSession(form)
    for path, value in [("b", 3), ("g1/x1", 2), ("g1/x2", 5), ("g1/g2/y1", 2), ("a", 9)]:
        s.set(path, value)
    resumed = FormSession(form, answers=s.snapshot())  # x2 reads "" for x1 while hidden
    resumed.set("a", 1)
    assert resumed.node("g1/x2").relevant and resumed.node("g1/x3").relevant
    assert_like_a_full_evaluation(resumed)


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_incremental_evaluation_equals_a_full_one(form, data):
    s = FormSession(form)
    for _step in range(data.draw(st.integers(1, 30), label="steps")):
        # a and b (hiding g1, and what the hidden questions read) come up most
        path = data.draw(st.sampled_from(["a", "a", "b", "b", "resume", "full", *FIELDS]),
                         label="field")
        if path == "resume":  # the draft closed and opened again, maybe with g1 hidden
            s = FormSession(form, answers=s.snapshot())
            continue
        if path == "full":  # a full evaluation of the open session
            s.evaluate_all()
            assert_like_a_full_evaluation(s)
            continue
        value = data.draw(st.one_of(st.none(), st.sampled_from([0, 1, 2, 3, 5, 7, 9])),
                          label="value")
        try:
            s.set(path, value)
        except AnswerError:
            pass
        assert_like_a_full_evaluation(s)
