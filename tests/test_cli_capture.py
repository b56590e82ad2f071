"""``fill``, ``scores``, ``forms add/list/show/check`` and ``submissions finalize`` through
click's CliRunner, and the help of every command."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fieldapp.capture import open_capture
from fieldapp.capture.fill import fill_submission
from fieldapp.cli import cli
from fieldapp.errors import FormError
from fieldapp.formatting import percent
from fieldapp.store.database import open_db
from fieldapp.store.formsreg import find_form
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.store.submissions import get_submission, list_submissions, load_answers
from tests.xlsform_md import md_to_xlsx

FORMS = Path(__file__).resolve().parents[1] / "forms"
FORM_A = FORMS / "desarrollo_organizacional.xlsx"
FORM_B = FORMS / "medios_de_vida.xlsx"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
AREAS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}

SMALL = """
| survey |
|        | type         | name    | label   | required | constraint |
|        | text         | jefe    | Head    | yes      |            |
|        | begin_repeat | miembro | Member  |          |            |
|        | text         | nombre  | Name    |          |            |
|        | end_repeat   |         |         |          |            |
| settings |
|          | form_id | version |
|          | hogar   | {version} |
"""

BROKEN = """
| survey |
|        | type    | name | label | relevant     |
|        | integer | a    | A     |              |
|        | integer | b    | B     | ${nada} > 2  |
| settings |
|          | form_id | version |
|          | roto    | 1       |
"""


@pytest.fixture
def cli_db(db_path):
    """A database file with organization C1 and round R24 (closed, for the CLI to open)."""
    with open_db(db_path) as db:
        add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
        add_round(db, id="R24", name="2024", year=2024)
    return db_path


def run(db_path, *args, code=0):
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(db_path), *args],
                                catch_exceptions=False)
    assert result.exit_code == code, result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    return result


def answers_file(tmp_path, answers, name="a.json"):
    path = tmp_path / name
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return str(path)


def livelihood(likert="4", d1="si", code="R-1"):
    data = {"codigo": code, "consentimiento": "si", "rol": "productor", "genero": "mujer",
            "edad": "30_44", "antiguedad": "2_5", "producto": "cafe", "personas_hogar": 4,
            "D1": d1}
    data.update({f"B{d}_{i}": likert for d in range(1, 7) for i in range(1, 4)})
    return data


def development(level="3"):
    data = {"tipo_org": "opp_1", "producto": "cafe", "socios_mujeres": 40,
            "socios_hombres": 60, "evaluador": "Ana", "modalidad": "externa",
            "part_mujeres": 3, "part_hombres": 4, "part_otro": 1, "part_directivos": 2,
            "part_comites": 2, "part_personal": 1, "part_base": 3}
    for area, n in AREAS.items():
        data.update({f"{area}_{i}": level for i in range(1, n + 1)})
        data[f"prioridad_{area}"] = "alta"
    return data


def stored(db_path):
    with open_db(db_path) as db:
        return list_submissions(db, include_deleted=True)


# -- fill ----------------------------------------------------------------------------
def test_fill_prints_the_uuid_of_a_stored_draft(cli_db, tmp_path):
    result = run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",
                 "--answers", answers_file(tmp_path, livelihood()), "--respondent", "R-1")
    uuid = result.stdout.strip()
    assert UUID.match(uuid)
    with open_db(cli_db) as db:
        sub = get_submission(db, uuid)
        answers = load_answers(db, uuid)
    assert (sub.status, sub.respondent, sub.form_id) == ("draft", "R-1", "medios_de_vida")
    assert answers["perfil/personas_hogar"] == "4" and answers["org_name"] == "Cooperativa Sol"


@pytest.mark.parametrize("answers, words", [
    ({"codigo": "X", "consentimiento": "si", "personas_hogar": "cuatro"},
     ["personas_hogar", "cuatro", "whole number"]),
    ({"codigo": "X", "consentimiento": "si", "personas_hogar": 40},
     ["personas_hogar", "Enter a number from 1 to 30."]),
    ({"codigo": "X", "edad_jefe": 40}, ["edad_jefe", "not a field"]),
    ({"codigo": "X", "consentimiento": "quizás"}, ["consentimiento", "quizás"]),
])
def test_fill_refuses_a_bad_answer_and_stores_nothing(cli_db, tmp_path, answers, words):
    result = run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",
                 "--answers", answers_file(tmp_path, answers), code=1)
    assert result.stderr.startswith("Error:")
    for word in words:
        assert word in result.stderr
    assert result.stdout == ""
    assert stored(cli_db) == []


def test_fill_finalize_with_missing_answers_stores_nothing(cli_db, tmp_path):
    answers = livelihood()
    del answers["D1"], answers["B3_2"]
    result = run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",
                 "--answers", answers_file(tmp_path, answers), "--finalize", code=1)
    assert "sostenibilidad/D1" in result.stderr and "dim_B3/B3_2" in result.stderr
    assert "Choose an answer, or DK/NR." in result.stderr
    assert stored(cli_db) == []


def test_fill_finalize_complete_is_final(cli_db, tmp_path):
    result = run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",
                 "--answers", answers_file(tmp_path, livelihood()), "--finalize")
    (sub,) = stored(cli_db)
    assert sub.uuid == result.stdout.strip() and sub.status == "final" and sub.finalized_at


def test_fill_unknown_org_round_form_or_file(cli_db, tmp_path):
    good = answers_file(tmp_path, {"codigo": "X"})
    for args, word in ((["medios_de_vida", "--org", "NOPE", "--round", "R24"], "NOPE"),
                       (["medios_de_vida", "--org", "C1", "--round", "R99"], "R99"),
                       (["no_such_form", "--org", "C1", "--round", "R24"], "no_such_form")):
        result = run(cli_db, "fill", *args, "--answers", good, code=1)
        assert word in result.stderr
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{codigo: X", encoding="utf-8")
    result = run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",
                 "--answers", str(bad_json), code=1)
    assert "bad.json" in result.stderr
    assert stored(cli_db) == []


def test_fill_refuses_a_form_language_the_form_does_not_have(cli_db, tmp_path):
    """``--form-lang`` is checked against the form: a coded error that names the languages
    the form has, and nothing stored; a code or a name of one of them is taken."""
    good = answers_file(tmp_path, livelihood())
    for lang, words in (("en", ("'fr'", "Español (es)", "English (en)", "Português (pt)")),
                        ("es", ("'fr'", "Español (es)", "no tiene el idioma"))):
        result = CliRunner().invoke(cli, ["--lang", lang, "--db", str(cli_db), "fill",
                                          "medios_de_vida", "--org", "C1", "--round", "R24",
                                          "--answers", good, "--form-lang", "fr"],
                                    catch_exceptions=False)
        assert result.exit_code == 1 and result.stdout == ""
        assert "Traceback" not in result.stderr
        for word in words:
            assert word in result.stderr, (word, result.stderr)
    with open_db(cli_db) as db, pytest.raises(FormError) as refused:
        fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24",
                        answers=livelihood(), lang="es", form_lang="Français")
    assert refused.value.code == "FORM_035"
    assert stored(cli_db) == []
    for wanted in ("pt", "English"):
        run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",
            "--answers", good, "--form-lang", wanted)
    assert len(stored(cli_db)) == 2


def test_forms_check_counts_agree_with_their_numbers(tmp_path):
    """One group is "1 grupo", not "1 grupos" (plural forms of the catalogs)."""
    example = Path(__file__).resolve().parents[1] / "examples" / "mi_formulario.xlsx"
    expected = {"es": "4 preguntas, 1 grupo, 0 repeticiones, 1 lista de opciones",
                "en": "4 questions, 1 group, 0 repeats, 1 choice list",
                "pt": "4 perguntas, 1 grupo, "}  # pt counts 0 as one (CLDR)
    for lang, line in expected.items():
        result = CliRunner().invoke(cli, ["forms", "check", "--lang", lang, str(example)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert line in result.output, result.output


def test_fill_with_repeat_paths(cli_db, tmp_path):
    run(cli_db, "forms", "add", str(md_to_xlsx(SMALL.format(version="1"), tmp_path / "h.xlsx")))
    answers = {"jefe": "Rosa", "miembro[1]/nombre": "Rosa", "miembro[2]/nombre": "Luis"}
    uuid = run(cli_db, "fill", "hogar", "--org", "C1", "--round", "R24",
               "--answers", answers_file(tmp_path, answers), "--finalize").stdout.strip()
    with open_db(cli_db) as db:
        answers = load_answers(db, uuid)
        assert get_submission(db, uuid).status == "final"
    assert (answers["miembro"], answers["miembro[1]/nombre"], answers["miembro[2]/nombre"]) == (
        "2", "Rosa", "Luis")


# -- scores --------------------------------------------------------------------------
def test_scores_json_for_an_organization_and_round(cli_db, tmp_path):
    run(cli_db, "fill", "desarrollo_organizacional", "--org", "C1", "--round", "R24",
        "--answers", answers_file(tmp_path, development("3")), "--finalize")
    for i, d1 in enumerate(["si", "si", "si", "en_parte", "ns"]):
        run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24", "--answers",
            answers_file(tmp_path, livelihood("4", d1, f"R-{i}"), f"b{i}.json"), "--finalize")
    run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",  # a draft
        "--answers", answers_file(tmp_path, livelihood("1", "no", "R-9")))
    data = json.loads(run(cli_db, "scores", "--org", "C1", "--round", "R24", "--json").stdout)
    assert data["org"]["id"] == "C1" and data["round"]["id"] == "R24"
    assert data["drafts_excluded"] == 1
    forms = {f["form_id"]: f for f in data["forms"]}
    a = {s["name"]: s for s in forms["desarrollo_organizacional"]["scores"]}
    assert forms["desarrollo_organizacional"]["submissions"] == 1
    assert round(a["IDO"]["value"], 1) == 66.7 and a["IDO"]["band"] == "In development"
    assert a["IDO"]["target"] == 85 and a["IDO"]["met_target"] is False
    assert round(a["A1"]["value"], 1) == 66.7
    b = {s["name"]: s for s in forms["medios_de_vida"]["scores"]}
    assert forms["medios_de_vida"]["submissions"] == 5
    sust = b["sust_D"]
    # §5.4: a share over fewer than 10 respondents is not a number, but says n
    assert (sust["n"], sust["excluded"], sust["suppressed"], sust["reason"]) == (4, 1, True,
                                                                                "small_n")
    assert sust["value"] is None and sust["x"] is None and sust["low"] is None
    assert b["B_comp"]["value"] == pytest.approx(75.0) and b["B_comp"]["n"] == 5
    assert b["sust_C"]["suppressed"] and b["sust_C"]["n"] == 5
    text = run(cli_db, "scores", "--org", "C1", "--round", "R24").stdout
    assert "IDO" in text and "66.7" in text and "In development" in text
    # the CLI writes scores as the GUI does (Babel): "66,7 %" in Spanish, not "66.7%"
    text = run(cli_db, "scores", "--org", "C1", "--round", "R24", "--lang", "es").stdout
    assert percent(a["IDO"]["value"], lang="es") in text and "66,7" in text


def test_scores_of_an_unknown_organization(cli_db):
    result = run(cli_db, "scores", "--org", "NOPE", "--round", "R24", code=1)
    assert "NOPE" in result.stderr


# -- forms ---------------------------------------------------------------------------
def test_forms_add_a_new_version_keeps_the_old_one(cli_db, tmp_path):
    v1 = md_to_xlsx(SMALL.format(version="1"), tmp_path / "v1" / "hogar.xlsx")
    assert "hogar" in run(cli_db, "forms", "add", str(v1)).stdout
    uuid = run(cli_db, "fill", "hogar", "--org", "C1", "--round", "R24",
               "--answers", answers_file(tmp_path, {"jefe": "Rosa"})).stdout.strip()
    v2 = md_to_xlsx(SMALL.format(version="2").replace("| Head ", "| Jefe/a "),
                    tmp_path / "v2" / "hogar.xlsx")
    run(cli_db, "forms", "add", str(v2))
    listed = {f["form_id"]: f for f in json.loads(run(cli_db, "forms", "list", "--json").stdout)}
    assert listed["hogar"]["version"] == "2"
    assert {"desarrollo_organizacional", "medios_de_vida"} <= set(listed)
    # the old submission still opens with its own version
    with open_db(cli_db) as db:
        old = open_capture(cli_db, uuid, db=db)
        assert old.form.version == "1" and old.session.text("jefe") == "Head"
    new = run(cli_db, "fill", "hogar", "--org", "C1", "--round", "R24",
              "--answers", answers_file(tmp_path, {"jefe": "Eva"})).stdout.strip()
    with open_db(cli_db) as db:
        assert get_submission(db, new).form_version == "2"
    # the same version with a different workbook is refused
    v2b = md_to_xlsx(SMALL.format(version="2").replace("| Head ", "| Cabeza "),
                     tmp_path / "v2b" / "hogar.xlsx")
    result = run(cli_db, "forms", "add", str(v2b), code=1)
    assert "version" in result.stderr


def test_forms_add_refuses_a_broken_workbook_with_its_location(cli_db, tmp_path):
    broken = md_to_xlsx(BROKEN, tmp_path / "roto.xlsx")
    result = run(cli_db, "forms", "add", str(broken), code=1)
    assert "sheet 'survey'" in result.stderr and "row 3" in result.stderr
    assert "nada" in result.stderr
    listed = json.loads(run(cli_db, "forms", "list", "--json").stdout)
    assert "roto" not in {f["form_id"] for f in listed}


def test_forms_list_and_show(cli_db):
    text = run(cli_db, "forms", "list").stdout
    assert "desarrollo_organizacional" in text and "medios_de_vida" in text
    data = json.loads(run(cli_db, "forms", "show", "medios_de_vida", "--json").stdout)
    assert data["form_id"] == "medios_de_vida"
    paths = [e["path"] for e in data["elements"]]
    assert "perfil/personas_hogar" in paths and "sostenibilidad/D1" in paths
    shown = run(cli_db, "forms", "show", "desarrollo_organizacional").stdout
    assert "A7_5" in shown
    result = run(cli_db, "forms", "show", "no_such_form", code=1)
    assert "no_such_form" in result.stderr


def test_forms_list_and_show_only_read_and_create_no_database(tmp_path):
    missing = tmp_path / "nothing-here.db"
    listed = json.loads(run(missing, "forms", "list", "--json").stdout)
    assert {f["form_id"] for f in listed} == {"desarrollo_organizacional", "medios_de_vida"}
    assert all(f["builtin"] and f["version"] for f in listed)
    data = json.loads(run(missing, "forms", "show", "medios_de_vida", "--json").stdout)
    assert data["form_id"] == "medios_de_vida"
    run(missing, "forms", "show", "no_such_form", code=1)
    assert list(tmp_path.iterdir()) == []  # no database file, no journal, nothing


def test_forms_list_on_an_existing_database_registers_nothing(cli_db):
    listed = json.loads(run(cli_db, "forms", "list", "--json").stdout)
    assert {"desarrollo_organizacional", "medios_de_vida"} <= {f["form_id"] for f in listed}
    with open_db(cli_db) as db:
        assert db.conn.execute("SELECT count(*) FROM forms").fetchone()[0] == 0  # registering happens when a form is used


def test_forms_add_stores_the_bytes_it_checked(cli_db, tmp_path):
    workbook = md_to_xlsx(SMALL.format(version="3"), tmp_path / "hogar.xlsx")
    run(cli_db, "forms", "add", str(workbook))
    with open_db(cli_db) as db:
        record = find_form(db, "hogar", "3", with_workbook=True)
    assert record.workbook == workbook.read_bytes()
    assert record.sha256 == hashlib.sha256(workbook.read_bytes()).hexdigest()


def test_forms_check_json_on_several_files(tmp_path):
    broken = md_to_xlsx(BROKEN, tmp_path / "roto.xlsx")
    renamed = tmp_path / "notes.xlsx"
    renamed.write_text("not a workbook", encoding="utf-8")
    files = [FORM_A, FORM_B, broken, renamed]
    result = CliRunner().invoke(cli, ["forms", "check", "--json", "--lang", "en",
                                      *map(str, files)], catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["file"] for d in data] == [str(f) for f in files]
    for item in data:
        assert {"file", "ok", "form_id", "errors", "warnings"} <= set(item)
        assert isinstance(item["warnings"], list)
        for error in item["errors"]:
            assert {"sheet", "row", "column", "message"} <= set(error)
    assert [d["ok"] for d in data] == [True, True, False, False]
    assert [d["form_id"] for d in data[:2]] == ["desarrollo_organizacional", "medios_de_vida"]
    assert data[0]["errors"] == [] and data[1]["errors"] == []
    (ref,) = data[2]["errors"]
    assert (ref["sheet"], ref["row"], ref["column"]) == ("survey", 3, "relevant")
    assert "nada" in ref["message"]
    assert data[3]["errors"][0]["message"].startswith("This is not an Excel workbook")
    ok_only = CliRunner().invoke(cli, ["forms", "check", "--json", str(FORM_A), str(FORM_B)],
                                 catch_exceptions=False)
    assert ok_only.exit_code == 0


# -- submissions finalize --------------------------------------------------------------
def test_submissions_finalize_through_the_cli(cli_db, tmp_path):
    answers = livelihood()
    del answers["D1"]
    uuid = run(cli_db, "fill", "medios_de_vida", "--org", "C1", "--round", "R24",
               "--answers", answers_file(tmp_path, answers)).stdout.strip()
    result = run(cli_db, "submissions", "finalize", uuid[:8], code=1)
    assert "sostenibilidad/D1" in result.stderr
    with open_db(cli_db) as db:
        assert get_submission(db, uuid).status == "draft"
        capture = open_capture(cli_db, uuid, db=db)
        capture.set("D1", "no")
    assert uuid in run(cli_db, "submissions", "finalize", uuid).stdout
    with open_db(cli_db) as db:
        assert get_submission(db, uuid).status == "final"
    result = run(cli_db, "submissions", "finalize", uuid, code=1)
    assert uuid in result.stderr
    run(cli_db, "submissions", "reopen", uuid, "--reason", "D1 mal anotada")
    with open_db(cli_db) as db:
        assert get_submission(db, uuid).status == "draft"


# -- help and docs (style.md §6) ---------------------------------------------------------
def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


# The store engineer's groups lack an example in their own help (reported to the lead).
_GROUPS_WITHOUT_EXAMPLE: set[tuple[str, ...]] = set()


@pytest.mark.parametrize("path", [
    pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="group help lacks an example"))
    if p in _GROUPS_WITHOUT_EXAMPLE else p
    for p, _c in [((), cli), *_commands(cli)]], ids=lambda p: " ".join(p) or "fieldapp")
def test_every_command_and_group_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example: python main.py" in result.output
    first = result.output.split("\n\n")[1].strip()
    assert first and not first.startswith("Options"), first


SCORED = """
| survey |
|        | type    | name | label |
|        | decimal | x    | X     |
| scoring |
|         | name | kind | of | scale | bands                  |
|         | S    | mean | x  | 0-100 | 0:low 84.9:high        |
"""


def test_scores_are_printed_as_reports_round_them(tmp_path):
    """84.85 shows as 84.9 (half up, as the band beside it is decided), not 84.8."""
    form = md_to_xlsx(SCORED, tmp_path / "scored.xlsx")
    result = CliRunner().invoke(cli, ["forms", "try", str(form), "--lang", "en", "--answers",
                                      answers_file(tmp_path, {"x": "84.85"})],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    line = next(row for row in result.output.splitlines() if row.strip().startswith("S "))
    assert "84.9" in line and "high" in line
