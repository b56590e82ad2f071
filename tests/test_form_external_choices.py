"""select_one_external over the workbook's own external_choices sheet (as pyxform and
KoboToolbox read it), and finalize refusing any required answer left empty."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fieldapp.capture import open_capture
from fieldapp.capture.session import FinalizeError
from fieldapp.cli import cli
from fieldapp.forms.workbooks import open_workbook
from fieldapp.forms.session import FormSession
from fieldapp.store.database import open_db
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from tests.xlsform_md import md_to_xlsx

# The shape of ODK's cascading-select example with long lists: the state from the choices
# sheet, the county and the city from external_choices, each filtered by the ones above.
CASCADE = """
| survey |
|        | type                         | name   | label  | choice_filter                      | required |
|        | select_one states            | state  | State  |                                    | yes      |
|        | select_one_external counties | county | County | state=${state}                     | yes      |
|        | select_one_external cities   | city   | City   | state=${state} and county=${county} | yes      |
| choices |
|         | list_name | name  | label      |
|         | states    | texas | Texas      |
|         | states    | wash  | Washington |
| external_choices |
|                  | list_name | name     | label::English (en) | label::Español (es) | state | county   |
|                  | counties  | brewster | Brewster            | Brewster             | texas |          |
|                  | counties  | harris   | Harris              | Harris               | texas |          |
|                  | counties  | king     | King                | King                 | wash  |          |
|                  | cities    | alpine   | Alpine              | Alpine               | texas | brewster |
|                  | cities    | houston  | Houston             | Houston              | texas | harris   |
|                  | cities    | seattle  | Seattle             | Seattle              | wash  | king     |
| settings |
|          | form_id  | version |
|          | cascada  | 1       |
"""


def test_external_choices_are_a_filtered_choice_list(tmp_path):
    session = FormSession(open_workbook(md_to_xlsx(CASCADE, tmp_path / "c.xlsx")), lang="es")
    session.set("state", "texas")
    assert [c.name for c in session.choices("county")] == ["brewster", "harris"]
    session.set("county", "harris")
    assert [c.name for c in session.choices("city")] == ["houston"]
    assert session.choice_label(session.node("county").element, "harris") == "Harris"
    with pytest.raises(Exception):
        session.set("city", "seattle")  # not in the filtered list
    session.set("city", "houston")
    assert session.validate() == []


def test_forms_try_accepts_an_external_select_answer(tmp_path):
    form = md_to_xlsx(CASCADE, tmp_path / "c.xlsx")
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"state": "wash", "county": "king", "city": "seattle"}))
    result = CliRunner().invoke(cli, ["forms", "try", str(form), "--answers", str(answers),
                                      "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["problems"] == []
    assert {f["path"]: f["valid"] for f in data["fields"]}["city"] is True


# A required question a laptop cannot answer (an OSM map) and a required read-only one.
UNANSWERABLE = """
| survey |
|        | type     | name    | label     | required | read_only |
|        | text     | farmer  | Farmer    | yes      |           |
|        | osm      | parcel  | Parcel    | yes      |           |
|        | text     | code    | Code      | yes      | yes       |
| settings |
|          | form_id | version |
|          | parcela | 1       |
"""


@pytest.fixture
def cli_db(db_path):
    with open_db(db_path) as db:
        add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
        add_round(db, id="R24", name="2024", year=2024)
    return db_path


def _run(db_path, *args):
    return CliRunner().invoke(cli, ["--lang", "en", "--db", str(db_path), *args],
                              catch_exceptions=False)


def test_finalize_refuses_required_answers_that_could_not_be_given(tmp_path, cli_db):
    assert _run(cli_db, "forms", "add", str(md_to_xlsx(UNANSWERABLE, tmp_path / "p.xlsx"))) \
        .exit_code == 0
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"farmer": "Rosa"}))
    tried = CliRunner().invoke(cli, ["forms", "try", str(tmp_path / "p.xlsx"), "--answers",
                                     str(answers), "--json"], catch_exceptions=False)
    problems = {p["path"] for p in json.loads(tried.stdout)["problems"]}
    assert problems == {"parcel", "code"}
    result = _run(cli_db, "fill", "parcela", "--org", "C1", "--round", "R24",
                  "--answers", str(answers), "--finalize")
    assert result.exit_code == 1
    assert "cannot be finalized" in result.output
    # nothing was stored; a draft can still be kept, but not finalized
    draft = _run(cli_db, "fill", "parcela", "--org", "C1", "--round", "R24",
                 "--answers", str(answers))
    assert draft.exit_code == 0
    uuid = draft.stdout.strip()
    capture = open_capture(cli_db, uuid)
    try:
        with pytest.raises(FinalizeError) as caught:
            capture.finalize()
        assert {p.path for p in caught.value.problems} == {"parcel", "code"}
    finally:
        capture.close()
    assert _run(cli_db, "submissions", "finalize", uuid).exit_code == 1
