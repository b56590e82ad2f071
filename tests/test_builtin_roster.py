"""The household roster (``hogar``) of the livelihood survey, version 2025.1: the README's
answers example, filling and finalizing with repeats, scores unchanged by it, the demo data,
and submissions of version 2024.1 (no roster) still opening and scoring."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from fieldapp import registry
from fieldapp.analysis.orgscores import org_round_scores
from fieldapp.capture import open_capture
from fieldapp.capture.fill import fill_submission
from fieldapp.cli import cli
from fieldapp.store.formsreg import register_form
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.store.submissions import get_submission, list_submissions, load_answers

FORM_B = Path(__file__).resolve().parents[1] / "forms" / "medios_de_vida.xlsx"
PROFILE = {"codigo": "R-1", "consentimiento": "si", "rol": "productor", "genero": "mujer",
           "edad": "30_44", "antiguedad": "2_5", "producto": "cafe", "personas_hogar": 3}
ITEMS = {f"B{d}_{i}": "4" for d in range(1, 7) for i in range(1, 4)}
ROSTER = {"hogar[1]/edad": 41, "hogar[1]/sexo": "mujer", "hogar[2]/edad": 12,
          "hogar[2]/sexo": "hombre", "hogar[3]/edad": 9, "hogar[3]/sexo": "mujer"}


def test_the_readme_answers_example_with_hogar_paths(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**PROFILE, "hogar[2]/edad": 12, "hogar[1]/edad": 41}))
    result = CliRunner().invoke(cli, ["forms", "try", str(FORM_B), "--answers", str(answers),
                                      "--json", "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    values = {f["path"]: f["value"] for f in data["fields"]}
    assert data["version"] == "2025.1"
    assert values["hogar[2]/edad"] == "12" and values["hogar[1]/edad"] == "41"
    assert values["perfil/edad"] == "30_44"  # the profile's age group keeps its name
    assert values["miembros"] == "2" and values["menores"] == "1"
    problems = {p["path"] for p in data["problems"]}
    assert {"hogar[1]/sexo", "hogar[2]/sexo"} <= problems  # required inside each entry


def _setup(db):
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)


def test_fill_and_finalize_with_a_roster_and_the_scores_do_not_move(db):
    _setup(db)
    with_roster = fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                                  answers={**PROFILE, **ITEMS, **ROSTER, "D1": "si"},
                                  finalize=True)
    stored = load_answers(db, with_roster)
    assert stored["hogar[3]/edad"] == "9" and stored["miembros"] == "3"
    assert stored["menores"] == "2"
    capture = open_capture(Path(""), with_roster, db=db)
    assert capture.session.repeat_count("hogar") == 3
    scores = capture.scores().scores
    assert scores["B_comp"].value == 75  # 4 on a 1-5 scale
    # one more person than declared: the check note shows, finalizing is not blocked
    four = {**ROSTER, "hogar[4]/edad": 70, "hogar[4]/sexo": "hombre"}
    extra = fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                            answers={**PROFILE, **ITEMS, **four, "D1": "si", "codigo": "R-2"},
                            finalize=True)
    capture = open_capture(Path(""), extra, db=db)
    assert capture.session.state("nota_miembros").relevant
    assert "4" in capture.session.text("nota_miembros")


def _version_2024(tmp_path: Path) -> bytes:
    """The 2025.1 workbook without the roster, as version 2024.1 was."""
    book = openpyxl.load_workbook(FORM_B)
    survey = book["survey"]
    header = [c.value for c in survey[1]]
    name, kind = header.index("name"), header.index("type")
    rows = [r for r in survey.iter_rows(min_row=2, values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[name] == "hogar")
    end = next(i for i, r in enumerate(rows) if r[name] == "nota_miembros")
    assert rows[start + 3][kind] == "end_repeat"
    survey.delete_rows(start + 2, end - start + 1)
    settings = book["settings"]
    column = [c.value for c in settings[1]].index("version") + 1
    settings.cell(row=2, column=column, value="2024.1")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_submissions_of_version_2024_1_keep_working(db, tmp_path):
    _setup(db)
    old = _version_2024(tmp_path)
    register_form(db, form_id="medios_de_vida", version="2024.1", workbook=old,
                  file_name="medios_de_vida.xlsx", builtin=True)
    before = fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                             answers={**PROFILE, **ITEMS, "D1": "si"}, finalize=True,
                             form_version="2024.1")
    registry.ensure_builtin_forms(db)
    after = fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                            answers={**PROFILE, **ITEMS, **ROSTER, "D1": "no", "codigo": "R-2"},
                            finalize=True)
    assert get_submission(db, before).form_version == "2024.1"
    assert get_submission(db, after).form_version == "2025.1"
    capture = open_capture(Path(""), before, db=db)
    assert capture.form.version == "2024.1" and capture.form.find("hogar") is None
    assert capture.session.orphans == {}
    scores = org_round_scores(db, "C1", "R24", lang="en")
    assert scores  # both versions counted together
    assert len(list_submissions(db, form_id="medios_de_vida", status="final")) == 2


def test_the_demo_fills_household_rosters(db):
    from fieldapp.demo import load_demo

    load_demo(db)
    surveys = [s for s in list_submissions(db, form_id="medios_de_vida")]
    assert surveys and all(s.form_version == "2025.1" for s in surveys)
    with_roster = 0
    for submission in surveys[:40]:
        answers = load_answers(db, submission.uuid)
        if answers.get("consentimiento") != "si":
            continue
        members = int(answers["perfil/personas_hogar"])
        assert answers["miembros"] == str(members)
        assert all(f"hogar[{i}]/edad" in answers for i in range(1, members + 1))
        with_roster += 1
    assert with_roster > 20


def test_the_roster_is_exported_as_its_own_table(db, db_path, tmp_path):
    import csv

    _setup(db)
    uuid = fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                           answers={**PROFILE, **ITEMS, **ROSTER, "D1": "si"}, finalize=True)
    db.conn.close()
    out = tmp_path / "export"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--lang", "en", "export", "csv",
                                      "--form", "medios_de_vida", "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with (out / "medios_de_vida_repeat_hogar.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["_uuid"] for r in rows] == [uuid] * 3
    assert [r["_hogar_index"] for r in rows] == ["1", "2", "3"]
    assert sorted(r["sexo"] for r in rows) == ["hombre", "mujer", "mujer"]


def test_a_check_note_not_reached_yet_reads_without_gaps():
    # The contents list names every page, including the roster check before anything is
    # answered: an empty ${} shows "…", not a double space ("The list has  people").
    from fieldapp.forms.pages import pages
    from fieldapp.forms.session import FormSession
    from fieldapp.forms.workbooks import open_workbook
    from fieldapp.gui.pageview import page_title

    session = FormSession(open_workbook(FORM_B), lang="English (en)")
    page = next(p for p in pages(session) if p.path.endswith("nota_miembros"))
    title = page_title(session, page)
    assert "  " not in title and "…" in title
    assert session.text("nota_miembros").count("  ") >= 1  # the form itself stays as written
