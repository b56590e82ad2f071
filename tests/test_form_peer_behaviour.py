"""Forms written for ODK Collect, KoboToolbox or SurveyCTO behave as their peers run them:
selected() of an empty answer, numbers that are not finite, functions of other dialects,
and ${last-saved#…}."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fieldapp.cli import cli
from fieldapp.forms.workbooks import check_workbook, open_workbook
from fieldapp.forms.session import FormSession
from fieldapp.store.database import open_db
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.store.submissions import list_submissions, load_answers
from tests.xlsform_md import md_to_xlsx

# The shape of a household-roster follow-up (DHS-style): the relation to the head is asked,
# and a note appears while it is still unanswered.
RELATION = """
| survey |
|        | type                | name     | label                          | relevant                  |
|        | select_one relation | relation | Relation to the head           |                           |
|        | note                | missing  | You did not answer the relation | selected(${relation}, '') |
|        | note                | spouse   | Ask about the marriage          | selected(${relation}, 'spouse') |
| choices |
|         | list_name | name   | label  |
|         | relation  | spouse | Spouse |
|         | relation  | child  | Child  |
"""


def test_selected_of_an_empty_answer_is_true_as_in_javarosa(tmp_path):
    session = FormSession(open_workbook(md_to_xlsx(RELATION, tmp_path / "r.xlsx")))
    assert session.state("missing").relevant
    assert not session.state("spouse").relevant
    session.set("relation", "spouse")
    assert not session.state("missing").relevant
    assert session.state("spouse").relevant


# The shape of a yield calculator: a ratio whose denominator may be zero.
YIELD = """
| survey |
|        | type      | name    | label      | calculation               |
|        | decimal   | harvest | Harvest kg |                           |
|        | decimal   | area    | Area ha    |                           |
|        | calculate | ratio   |            | ${harvest} div ${area}    |
|        | calculate | loss    |            | -1 * ${harvest} div ${area} |
|        | calculate | shown   |            | string(${ratio})          |
|        | calculate | nan     |            | 0 div 0                   |
"""


def test_numbers_that_are_not_finite_are_kept_as_javarosa_writes_them(tmp_path):
    session = FormSession(open_workbook(md_to_xlsx(YIELD, tmp_path / "y.xlsx")))
    session.set("harvest", "1200")
    session.set("area", "0")
    assert session.value("ratio") == "Infinity"
    assert session.value("loss") == "-Infinity"
    assert session.value("shown") == "Infinity"
    assert session.value("nan") == ""  # only NaN ("no number") is empty
    session.set("area", "2")
    assert session.value("ratio") == "600"


# The shape of a SurveyCTO household visit: duration() and device-info() written in
# calculations, plus an ODK calculation beside them.
SURVEYCTO = """
| survey |
|        | type      | name    | label   | calculation         |
|        | text      | village | Village |                     |
|        | calculate | length  |         | duration()          |
|        | calculate | phone   |         | device-info()       |
|        | calculate | upper   |         | concat(${village}, '!') |
"""


def test_functions_of_other_dialects_load_with_a_warning_and_give_empty(tmp_path):
    path = md_to_xlsx(SURVEYCTO, tmp_path / "scto.xlsx")
    result = check_workbook(path)
    assert result.ok, [str(e) for e in result.errors]
    warned = [w for w in result.warnings if "duration()" in w or "device-info()" in w]
    assert len(warned) == 2
    assert any("row 3" in w and "ODK" in w and "survey" in w for w in warned)
    session = FormSession(result.form)
    session.set("village", "Yanahuanca")
    assert session.value("length") == "" and session.value("phone") == ""
    assert session.value("upper") == "Yanahuanca!"
    out = CliRunner().invoke(cli, ["forms", "check", "--lang", "en", str(path)])
    assert out.exit_code == 0 and "duration()" in out.output


def test_an_unknown_function_is_named_not_called_a_bracket_problem(tmp_path):
    md = SURVEYCTO.replace("duration()", "cocnat(${village})")
    result = check_workbook(md_to_xlsx(md, tmp_path / "typo.xlsx"))
    assert not result.ok
    error = result.errors[0]
    assert error.code == "FORM_034" and error.context["row"] == 3
    assert "cocnat()" in error.message and "brackets" not in error.message


# The shape of a market-price round: the enumerator's village and market carry over from
# the previous submission (ODK's last-saved), the price does not.
PRICES = """
| survey |
|        | type    | name    | label   | default                 | calculation |
|        | text    | village | Village | ${last-saved#village}   |             |
|        | text    | market  | Market  | ${last-saved#market}    |             |
|        | decimal | price   | Price   |                         |             |
|        | calculate | before |        |                         | ${last-saved#price} |
| settings |
|          | form_id | version |
|          | precios | 1       |
"""


@pytest.fixture
def cli_db(db_path):
    with open_db(db_path) as db:
        add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
        add_round(db, id="R24", name="2024", year=2024)
    return db_path


def test_last_saved_reads_the_previous_submission_of_the_form(tmp_path, cli_db):
    def fill(answers):
        path = tmp_path / "a.json"
        path.write_text(json.dumps(answers))
        result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(cli_db), "fill", "precios",
                                          "--org", "C1", "--round", "R24", "--answers",
                                          str(path)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    form = md_to_xlsx(PRICES, tmp_path / "precios.xlsx")
    assert CliRunner().invoke(cli, ["--db", str(cli_db), "forms", "add", str(form)]).exit_code == 0
    first = fill({"village": "Pichanaqui", "market": "Central", "price": "7.5"})
    with open_db(cli_db) as db:
        assert load_answers(db, first)["village"] == "Pichanaqui"
    second = fill({"price": "8"})
    third = fill({"market": "Norte", "price": "9"})
    with open_db(cli_db) as db:
        answers = load_answers(db, second)
        assert answers["village"] == "Pichanaqui" and answers["market"] == "Central"
        assert answers["before"] == "7.5"
        answers = load_answers(db, third)
        assert answers["market"] == "Norte" and answers["before"] == "8"
        assert len(list_submissions(db, form_id="precios")) == 3
    # without a previous submission (forms try) the references are empty
    session = FormSession(open_workbook(form))
    assert session.get("village") == "" and session.value("before") == ""


def test_last_saved_of_an_unknown_field_is_refused(tmp_path):
    result = check_workbook(md_to_xlsx(PRICES.replace("last-saved#market", "last-saved#mercado"),
                              tmp_path / "p.xlsx"))
    assert not result.ok and result.errors[0].code == "FORM_006"


# The shape of a KoboToolbox farm-practices form: a rating slider, a ranking of priorities,
# the plot drawn as a geoshape with its area, a visit time with its offset, and a checklist
# of risk factors written as text flags.
PRACTICES = """
| survey |
|        | type          | name     | label          | parameters             | calculation |
|        | range         | rating   | Rating         | start=1 end=9 step=2   |             |
|        | range         | ph       | Soil pH        | start=4 end=8 step=0.1 |             |
|        | rank priority | priority | Priorities     |                        |             |
|        | geoshape      | plot     | Plot           |                        |             |
|        | calculate     | plot_m2  |                |                        | area(${plot}) |
|        | dateTime      | visit    | Visit          |                        |             |
|        | calculate     | visit_d  |                |                        | decimal-date-time(${visit}) |
|        | text          | erosion  | Erosion seen   |                        |             |
|        | text          | floods   | Floods seen    |                        |             |
|        | calculate     | at_risk  |                |                        | checklist(1, 3, ${erosion}, ${floods}) |
| choices |
|         | list_name | name   | label  |
|         | priority  | water  | Water  |
|         | priority  | roads  | Roads  |
|         | priority  | school | School |
"""

# JavaRosa's GeoUtilsTest polygon (mapdevelopers.com gives 151,452 m²)
POLYGON = ("38.253094215699576 21.756382658677467 0 0; 38.25021274773806 21.756382658677467 0 0;"
           " 38.25007793942195 21.763892843919166 0 0; 38.25290886154963 21.763935759263404 0 0;"
           " 38.25146813817506 21.758421137528785 0 0")


@pytest.fixture
def practices(tmp_path):
    return FormSession(open_workbook(md_to_xlsx(PRACTICES, tmp_path / "practices.xlsx")))


def test_a_range_answer_must_fall_on_a_step(practices):
    from fieldapp.errors import AnswerError

    practices.set("rating", "5")
    with pytest.raises(AnswerError) as caught:
        practices.set("rating", "4")  # start 1, step 2: 1 3 5 7 9
    assert caught.value.code == "ANS_015"
    assert practices.get("rating") == "5"
    practices.set("ph", "6.3")  # decimal steps hold without float error
    with pytest.raises(AnswerError):
        practices.set("ph", "6.35")


def test_a_ranking_with_duplicates_or_missing_items_is_refused(practices):
    from fieldapp.errors import AnswerError

    with pytest.raises(AnswerError) as caught:
        practices.set("priority", "water roads water")
    assert caught.value.code == "ANS_016" and "water" in caught.value.message
    with pytest.raises(AnswerError) as caught:
        practices.set("priority", "roads water")
    assert caught.value.code == "ANS_017" and "school" in caught.value.message
    assert practices.get("priority") == ""
    practices.set("priority", "school water roads")
    assert practices.get("priority") == "school water roads"


def test_area_as_javarosa_computes_it(practices):
    practices.set("plot", POLYGON)
    assert float(practices.value("plot_m2")) == pytest.approx(151452, abs=0.5)


def test_decimal_date_time_counts_the_utc_instant(practices):
    practices.set("visit", "1970-01-02T06:00:00-08:00")
    assert float(practices.value("visit_d")) == pytest.approx(1 + 14 / 24)
    with pytest.raises(Exception):
        practices.set("visit", "1970-01-02T06:00:00-07:60")  # no such offset


def test_checklist_counts_text_flags(practices):
    assert practices.value("at_risk") == "false"
    practices.set("erosion", "gullies")
    assert practices.value("at_risk") == "true"
