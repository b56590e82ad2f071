"""``export csv`` and ``export sqlite``, run through click's CliRunner."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from fieldapp.cli import cli
from fieldapp.store.database import open_db
from tests.exportdata import seed


def _run(db_path, *args, ok=True):
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(db_path), *args],
                                catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output + result.stderr
    return result


def test_export_csv_prints_the_files_and_their_rows(db_path, tmp_path):
    with open_db(db_path) as db:
        seed(db, tmp_path)
    out = tmp_path / "out"
    text = _run(db_path, "export", "csv", "--form", "encuesta", "--out", str(out),
                "--round", "R22", "--labels", "es", "--excel-es").output
    assert "Exported 5 submissions of 'encuesta'" in text
    assert "encuesta_R22_wide.csv" in text and "README.txt" in text
    header = (out / "encuesta_R22_wide.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("_uuid;") and ";cultivos/cafe;" in header
    data = json.loads(_run(db_path, "export", "csv", "--form", "encuesta", "--out", str(out),
                           "--json").output)
    assert data["submissions"] == 6 and data["rows"]["encuesta_long.csv"] > 6


def test_export_sqlite_writes_a_copy_with_views(db_path, tmp_path):
    with open_db(db_path) as db:
        seed(db, tmp_path)
    target = tmp_path / "analysis.db"
    text = _run(db_path, "export", "sqlite", str(target)).output
    assert "6 submissions of 1 forms" in text and "encuesta" in text
    conn = sqlite3.connect(target)
    assert conn.execute('SELECT count(*) FROM "encuesta"').fetchone()[0] == 6
    conn.close()
    assert json.loads(_run(db_path, "export", "sqlite", str(target), "--json").output)[
        "views"] == ["encuesta"]


def test_export_errors_exit_1_without_traceback(db_path, tmp_path):
    result = _run(db_path, "export", "csv", "--form", "nada", "--out", str(tmp_path), ok=False)
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert "'nada'" in result.stderr and "Traceback" not in result.output + result.stderr
    result = _run(db_path, "export", "sqlite", str(db_path), ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    usage = _run(db_path, "export", "csv", "--out", str(tmp_path), ok=False)
    assert usage.exit_code == 2


def test_export_commands_have_help():
    for command in ("csv", "sqlite"):
        result = CliRunner().invoke(cli, ["export", command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
