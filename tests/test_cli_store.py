"""``orgs``, ``rounds`` and ``submissions`` commands, run through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from fieldapp.cli import cli
from fieldapp.store.database import open_db
from fieldapp.store.submissions import create_submission, finalize, get_submission


def _run(db_path, *args, ok=True):
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(db_path), *args],
                                catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output + result.stderr
    return result


def _submission(db_path, **kwargs) -> str:
    with open_db(db_path) as db:
        return create_submission(db, form_id="f", form_version="1", org_id="C1",
                                 round_id="R24", **kwargs)


def test_orgs_add_list_edit_and_json(db_path):
    _run(db_path, "orgs", "add", "--id", "CAC-PE", "--name", "Cooperativa Agraria",
         "--type", "cooperativa", "--country", "Perú", "--products", "café; cacao",
         "--women", "120", "--men", "300")
    _run(db_path, "orgs", "edit", "CAC-PE", "--women", "130")
    table = _run(db_path, "orgs", "list").output.splitlines()
    assert table[0].split() == ["id", "name", "type", "country", "products", "women", "men",
                                "total"]
    assert "Cooperativa Agraria" in table[2] and "430" in table[2]
    assert table[0].index("type") == table[2].index("cooperative")  # aligned columns
    data = json.loads(_run(db_path, "orgs", "list", "--json").output)
    assert [(o["id"], o["type"], o["country"], o["members_total"]) for o in data] == [
        ("CAC-PE", "cooperative", "PE", 430)]


def test_orgs_errors_exit_1_with_a_message(db_path):
    result = _run(db_path, "orgs", "add", "--id", "X", "--name", "Equis", "--type", "company",
                  "--country", "PE", ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "'company'" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_orgs_import_reports_counts_and_bad_lines(db_path, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes("código;nombre;tipo;país\r\nA1;Alfa;OPP;Colombia\r\n".encode("cp1252"))
    assert "1 added, 0 updated, 0 unchanged" in _run(db_path, "orgs", "import", str(path)).output
    assert json.loads(_run(db_path, "orgs", "import", str(path), "--json").output)[
        "unchanged"] == 1
    path.write_text("id,name,type,country\nB1,Beta,spo,PE\nB2,,spo,PE\n", encoding="utf-8")
    result = _run(db_path, "orgs", "import", str(path), ok=False)
    assert "line 3" in result.stderr and "column 'name'" in result.stderr
    assert "B1" not in _run(db_path, "orgs", "list").output


def test_rounds_add_list_and_baseline(db_path):
    _run(db_path, "rounds", "add", "--id", "2024", "--name", "2024", "--year", "2024")
    out = _run(db_path, "rounds", "add", "--id", "LB22", "--name", "Línea base 2022",
               "--year", "2022", "--baseline").output
    assert "baseline" in out
    data = json.loads(_run(db_path, "rounds", "list", "--json").output)
    assert [(r["id"], r["is_baseline"]) for r in data] == [("LB22", True), ("2024", False)]
    _run(db_path, "rounds", "edit", "2024", "--baseline")
    lines = _run(db_path, "rounds", "list").output.splitlines()
    assert lines[3].split()[0] == "2024" and lines[3].rstrip().endswith("yes")


def test_submissions_list_show_reopen_delete(seeded_db, db_path):
    seeded_db.close()
    final = _submission(db_path, respondent="Socia 7", answers={"a": "1", "b": "dos"})
    draft = _submission(db_path)
    with open_db(db_path) as db:
        finalize(db, final)
    listed = json.loads(_run(db_path, "submissions", "list", "--status", "final", "--json").output)
    assert [s["uuid"] for s in listed] == [final]
    assert draft in _run(db_path, "submissions", "list", "--org", "C1").output
    shown = json.loads(_run(db_path, "submissions", "show", final[:8], "--json").output)
    assert (shown["status"], shown["revision"], shown["answers"]) == ("final", 2,
                                                                       {"a": "1", "b": "dos"})
    assert [e["action"] for e in shown["audit"]] == ["create", "set", "set", "finalize"]
    human = _run(db_path, "submissions", "show", final).output
    assert "Socia 7" in human and "finalize" in human

    assert _run(db_path, "submissions", "reopen", final, "--reason", "  ", ok=False).exit_code == 1
    _run(db_path, "submissions", "reopen", final, "--reason", "wrong answer")
    assert _run(db_path, "submissions", "delete", draft, "--reason", "duplicate").exit_code == 0
    with open_db(db_path) as db:
        assert get_submission(db, final).status == "draft"
        assert get_submission(db, draft).deleted
    assert draft not in _run(db_path, "submissions", "list").output
    assert draft in _run(db_path, "submissions", "list", "--deleted").output
    result = _run(db_path, "submissions", "show", "zzzz", ok=False)
    assert "no submission 'zzzz'" in result.stderr


def test_every_store_command_has_help_with_an_example():
    runner = CliRunner()
    for group in ("orgs", "rounds", "submissions"):
        commands = cli.commands[group].commands
        for name in commands:
            result = runner.invoke(cli, [group, name, "--help"], catch_exceptions=False)
            assert result.exit_code == 0 and "Example: python main.py" in result.output, name
