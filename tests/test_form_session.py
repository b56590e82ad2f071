"""The form session: skip logic, constraints, calculations, repeats, pages, resume."""

from __future__ import annotations

import pytest

from fieldapp.errors import AnswerError, FormError
from fieldapp.forms.workbooks import check_workbook, open_workbook
from fieldapp.forms.pages import page_relevant, pages
from fieldapp.forms.session import FormSession
from tests.xlsform_md import md_to_xlsx


def form_of(tmp_path, md, name="f.xlsx"):
    return open_workbook(md_to_xlsx(md, tmp_path / name))


HOUSEHOLD = """
| survey |
|        | type            | name     | label          | relevant          | constraint     | constraint_message | required | calculation                 | appearance | repeat_count |
|        | integer         | age      | Age            |                   | . >= 0 and . <= 120 | Age 0 to 120  | yes      |                             |            |              |
|        | text            | job      | Job            | ${age} >= 18      |                |                    | yes      |                             |            |              |
|        | calculate       | adult    |                |                   |                |                    |          | if(${age} >= 18, 'yes', 'no') |          |              |
|        | begin_group     | money    | Money          |                   |                |                    |          |                             | field-list |              |
|        | decimal         | income   | Income         |                   |                |                    |          |                             |            |              |
|        | decimal         | spend    | Spending       |                   | . <= ${income} | Spending above income |  |                             |            |              |
|        | end_group       |          |                |                   |                |                    |          |                             |            |              |
|        | begin_repeat    | member   | Member         |                   |                |                    |          |                             |            |              |
|        | text            | mname    | Name           |                   |                |                    |          |                             |            |              |
|        | integer         | mage     | Age            |                   |                |                    |          |                             |            |              |
|        | calculate       | double   |                |                   |                |                    |          | ${mage} * 2                 |            |              |
|        | end_repeat      |          |                |                   |                |                    |          |                             |            |              |
|        | calculate       | total    |                |                   |                |                    |          | sum(${mage})                |            |              |
|        | calculate       | members  |                |                   |                |                    |          | count(${member})            |            |              |
|        | note            | summary  | ${members} members, ages sum ${total} |  |      |                    |          |                             |            |              |
"""


def test_skip_logic_hides_and_shows(tmp_path):
    s = FormSession(form_of(tmp_path, HOUSEHOLD))
    assert not s.state("job").relevant
    change = s.set("age", 30)
    assert s.state("job").relevant
    assert "job" in change.changed
    assert s.value("adult") == "yes"
    s.set("age", "12")
    assert not s.state("job").relevant
    assert s.value("adult") == "no"


def test_constraint_and_required_messages(tmp_path):
    s = FormSession(form_of(tmp_path, HOUSEHOLD))
    state = s.state("age")
    assert state.required and not state.valid and state.message == "This answer is required."
    s.set("age", 130)
    state = s.state("age")
    assert not state.valid and state.message == "Age 0 to 120"
    s.set("income", "100,5")
    assert s.get("income") == "100.5"
    s.set("spend", 200)
    assert s.state("spend").message == "Spending above income"
    s.set("spend", 50)
    assert s.state("spend").valid


def test_type_errors_name_the_field(tmp_path):
    s = FormSession(form_of(tmp_path, HOUSEHOLD))
    with pytest.raises(AnswerError) as err:
        s.set("age", "twelve")
    assert err.value.code == "ANS_002" and err.value.context["field"] == "age"
    with pytest.raises(AnswerError) as err:
        s.set("nope", 1)
    assert err.value.code == "ANS_001"
    with pytest.raises(AnswerError):
        s.set("adult", "x")  # a calculation is read-only


def test_repeats_scope_references_to_their_instance(tmp_path):
    s = FormSession(form_of(tmp_path, HOUSEHOLD))
    assert s.repeat_count("member") == 0
    assert s.value("members") == "0"
    first = s.add_repeat("member")
    assert first.changed[0] == "member[1]"
    assert first.writes["member"] == "1"
    s.add_repeat("member")
    s.add_repeat("member")
    s.set("member[1]/mage", 10)
    s.set("member[2]/mage", 20)
    change = s.set("member[3]/mage", 5)
    assert s.value("member[2]/double") == "40"
    assert s.value("total") == "35"
    assert s.value("members") == "3"
    assert s.text("summary") == "3 members, ages sum 35"
    # only the third instance's calculation is touched by its own answer
    assert "member[3]/double" in change.changed and "member[1]/double" not in change.changed
    removed = s.remove_repeat("member[2]")
    assert s.value("total") == "15"
    assert s.value("member[2]/mage") == "5"
    assert removed.writes["member[3]/mage"] is None
    assert removed.writes["member[2]/mage"] == "5"
    assert removed.writes["member"] == "2"


def test_snapshot_restores_exactly(tmp_path):
    form = form_of(tmp_path, HOUSEHOLD)
    s = FormSession(form)
    s.set("age", 40)
    s.set("job", "farmer")
    s.add_repeat("member")
    s.add_repeat("member")
    s.set("member[2]/mname", "Ana")
    snap = s.snapshot()
    resumed = FormSession(form, answers=snap)
    assert resumed.snapshot() == snap
    assert resumed.repeat_count("member") == 2
    assert resumed.value("member[2]/mname") == "Ana"
    assert resumed.state("job").relevant


def test_pages_follow_field_lists_and_repeats(tmp_path):
    s = FormSession(form_of(tmp_path, HOUSEHOLD))
    s.add_repeat("member")
    listed = [(p.kind, p.path, p.fields) for p in pages(s)]
    assert listed[:3] == [("fields", "age", ["age"]), ("fields", "job", ["job"]),
                          ("fields", "money", ["money/income", "money/spend"])]
    assert ("repeat", "member", []) in listed
    assert ("fields", "member[1]/mname", ["member[1]/mname"]) in listed
    assert listed[-1] == ("fields", "summary", ["summary"])
    job_page = pages(s)[1]
    assert not page_relevant(s, job_page)


def test_validate_lists_missing_and_invalid(tmp_path):
    s = FormSession(form_of(tmp_path, HOUSEHOLD))
    problems = s.validate()
    assert [(p.path, p.kind) for p in problems] == [("age", "required")]
    s.set("age", 30)
    assert [(p.path, p.kind) for p in s.validate()] == [("job", "required")]
    s.set("job", "x")
    s.set("income", 1)
    s.set("spend", 2)
    assert [(p.path, p.kind) for p in s.validate()] == [("money/spend", "constraint")]


REPEAT_COUNT = """
| survey |
|        | type         | name  | label | repeat_count | calculation          | default |
|        | integer      | n     | N     |              |                      |         |
|        | begin_repeat | kid   | Kid   | ${n}         |                      |         |
|        | integer      | kage  | Age   |              |                      | 7       |
|        | calculate    | pos   |       |              | position(..)         |         |
|        | end_repeat   |       |       |              |                      |         |
|        | calculate    | ages  |       |              | sum(${kage})         |         |
"""


def test_repeat_count_follows_its_expression(tmp_path):
    s = FormSession(form_of(tmp_path, REPEAT_COUNT))
    assert s.repeat_count("kid") == 0
    change = s.set("n", 3)
    assert s.repeat_count("kid") == 3
    assert s.value("kid[3]/pos") == "3"
    assert s.value("ages") == "21"
    assert change.writes["kid[2]/kage"] == "7"
    s.set("n", 1)
    assert s.repeat_count("kid") == 1
    assert s.value("ages") == "7"
    with pytest.raises(AnswerError):
        s.add_repeat("kid")


CASCADE = """
| survey |
|        | type               | name   | label  | choice_filter |
|        | select_one states  | state  | State  |               |
|        | select_one cities  | city   | City   | st=${state} |
|        | select_multiple fr | fruit  | Fruit  |               |
| choices |
|         | list_name | name | label   | st    |
|         | states    | tx   | Texas   |       |
|         | states    | wa   | Washington |    |
|         | cities    | aus  | Austin  | tx    |
|         | cities    | sea  | Seattle | wa    |
|         | cities    | dal  | Dallas  | tx    |
|         | fr        | a    | Apple   |       |
|         | fr        | b    | Banana  |       |
"""


def test_choice_filter_and_selects(tmp_path):
    s = FormSession(form_of(tmp_path, CASCADE))
    assert s.choices("city") == []
    s.set("state", "tx")
    assert [c.name for c in s.choices("city")] == ["aus", "dal"]
    with pytest.raises(AnswerError):
        s.set("city", "sea")
    s.set("city", "dal")
    s.set("fruit", ["b", "a", "b"])
    assert s.get("fruit") == "b a"
    with pytest.raises(AnswerError):
        s.set("fruit", "a z")


def test_cyclic_calculations_are_a_form_error(tmp_path):
    md = """
| survey |
|        | type      | name | label | calculation |
|        | calculate | a    |       | ${b} + 1    |
|        | calculate | b    |       | ${a} + 1    |
"""
    result = check_workbook(md_to_xlsx(md, tmp_path / "cycle.xlsx"))
    assert not result.ok
    error = result.errors[0]
    assert isinstance(error, FormError) and error.code == "FORM_007"
    assert error.context["row"] in (2, 3)


@pytest.mark.parametrize("calculation", ["${total} + ${extra}", "coalesce(., 0) + ${extra}"])
def test_a_calculation_that_reads_itself_is_a_one_node_cycle(tmp_path, calculation):
    # a running total written as ODK users sometimes try it: the value would wait for itself
    md = f"""
| survey |
|        | type      | name  | label | calculation      |
|        | integer   | extra | Extra |                  |
|        | calculate | total |       | {calculation} |
"""
    result = check_workbook(md_to_xlsx(md, tmp_path / "self.xlsx"))
    assert not result.ok
    error = result.errors[0]
    assert error.code == "FORM_007" and error.context["row"] == 3
    assert error.context["cycle"] == "total → total"


def test_expression_syntax_error_is_a_form_error(tmp_path):
    md = """
| survey |
|        | type    | name | label | relevant       |
|        | integer | a    | A     |                |
|        | integer | b    | B     | ${a} > > 2     |
"""
    result = check_workbook(md_to_xlsx(md, tmp_path / "syntax.xlsx"))
    assert not result.ok
    assert result.errors[0].context.get("row") == 3


FROM_FILE = """
| survey |
|        | type                              | name    | label   | choice_filter  |
|        | select_one_from_file regions.csv  | region  | Region  |                |
|        | select_one_from_file towns.csv    | town    | Town    | region=${region} |
"""


def test_select_from_file_reads_the_media_csv(tmp_path):
    path = md_to_xlsx(FROM_FILE, tmp_path / "lists.xlsx")
    media = tmp_path / "lists-media"
    media.mkdir()
    (media / "regions.csv").write_text("name,label::Español (es),label::English (en)\n"
                                       "n,Norte,North\ns,Sur,South\n", encoding="utf-8")
    (media / "towns.csv").write_text("name,label,region\nt1,Tumbes,n\nt2,Tacna,s\nt3,Piura,n\n",
                                     encoding="utf-8")
    s = FormSession(open_workbook(path), lang="en")
    assert [(c.name, c.label["English (en)"]) for c in s.choices("region")] == \
        [("n", "North"), ("s", "South")]
    with pytest.raises(AnswerError):
        s.set("region", "x")
    s.set("region", "n")
    assert [c.name for c in s.choices("town")] == ["t1", "t3"]
    with pytest.raises(AnswerError):
        s.set("town", "t2")
    s.set("town", "t3")
    assert s.get("town") == "t3"


def test_current_in_a_choice_filter_is_the_question(tmp_path):
    md = CASCADE.replace("st=${state}", "st = current()/../state")
    s = FormSession(form_of(tmp_path, md))
    s.set("state", "wa")
    assert [c.name for c in s.choices("city")] == ["sea"]


def test_an_expression_failing_at_run_time_does_not_stop_the_form(tmp_path):
    md = """
| survey |
|        | type      | name  | label | calculation                              | constraint          |
|        | text      | code  | Code  |                                          | regex(., ${code}) |
|        | calculate | price |       | pulldata('prices', 'price', 'code', ${code}) |                 |
"""
    s = FormSession(form_of(tmp_path, md))
    assert s.value("price") == ""
    assert "price#calculation" in s.errors
    s.set("code", "[x")
    # a constraint that cannot run is an error of the form, never a valid answer
    state = s.state("code")
    assert not state.valid and "[x" in state.message
    assert "code#constraint" in s.errors
