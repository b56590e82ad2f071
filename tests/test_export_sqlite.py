"""``export sqlite``: a clean copy that opens, whose per-form views return the rows of the CSV
export, and that carries no settings, keys or device ids."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from fieldapp.csvio import neutralise
from fieldapp.demo import load_demo
from fieldapp.errors import ExportError
from fieldapp.exports.csvfiles import export_csv
from fieldapp.exports.sqlitecopy import export_sqlite
from tests.exportdata import seed


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        return next(reader), list(reader)


def as_csv_cell(value) -> str:
    """How the CSV export writes a value read from SQLite."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def assert_views_equal_csv(out, db_file, form_ids):
    conn = sqlite3.connect(db_file)
    try:
        for form_id in form_ids:
            header, rows = csv_rows(out / form_id / f"{form_id}_wide.csv")
            cursor = conn.execute(f'SELECT * FROM "{form_id}"')
            assert [d[0] for d in cursor.description] == header
            assert [[as_csv_cell(v) for v in row] for row in cursor] == rows
    finally:
        conn.close()


def test_views_return_the_rows_of_the_csv_export(db, tmp_path):
    seed(db, tmp_path)
    result = export_sqlite(db, tmp_path / "copy.db")
    export_csv(db, "encuesta", tmp_path / "encuesta")
    assert result.views == ["encuesta"] and result.submissions == 6
    assert_views_equal_csv(tmp_path, tmp_path / "copy.db", ["encuesta"])
    conn = sqlite3.connect(tmp_path / "copy.db")
    header, rows = csv_rows(tmp_path / "encuesta" / "encuesta_repeat_arbol.csv")
    assert [[as_csv_cell(v) for v in r] for r in conn.execute(
        'SELECT * FROM "encuesta__repeat_arbol"')] == rows
    long_header, long_rows = csv_rows(tmp_path / "encuesta" / "encuesta_long.csv")
    copied = conn.execute(f"SELECT {', '.join(long_header)} FROM answers").fetchall()
    assert sorted([as_csv_cell(v) for v in r] for r in copied) == sorted(long_rows)
    conn.close()


def test_demo_data_views_and_scores(db, tmp_path):
    load_demo(db)
    export_sqlite(db, tmp_path / "demo.db")
    for form_id in ("desarrollo_organizacional", "medios_de_vida"):
        export_csv(db, form_id, tmp_path / form_id)
    assert_views_equal_csv(tmp_path, tmp_path / "demo.db",
                           ["desarrollo_organizacional", "medios_de_vida"])
    conn = sqlite3.connect(tmp_path / "demo.db")
    header, rows = csv_rows(tmp_path / "medios_de_vida" / "medios_de_vida_scores.csv")
    copied = conn.execute(f"SELECT {', '.join(header)} FROM scores WHERE form_id = ?"
                          " ORDER BY rowid", ("medios_de_vida",)).fetchall()
    assert [[as_csv_cell(v) for v in r] for r in copied] == rows
    # the indicator table of the network, as the indicators command computes it
    from fieldapp.analysis.indicators import indicator_table

    table = indicator_table(db, "R2024")
    copied = conn.execute("SELECT code, category, current, current_low, difference, p_value"
                          " FROM indicators WHERE round_id = 'R2024' AND level = 'network'"
                          " ORDER BY rowid").fetchall()
    assert copied == [(r.code, r.category, r.current.value, r.current.low,
                       r.difference.value if r.difference else None,
                       r.difference.p_value if r.difference else None) for r in table.rows]
    countries = {c for (c,) in conn.execute(
        "SELECT DISTINCT country FROM indicators WHERE level = 'country'")}
    assert countries == {o[0] for o in db.conn.execute("SELECT country FROM organizations")}
    conn.close()


def test_no_settings_keys_or_device_ids(db, tmp_path):
    seed(db, tmp_path)
    device = db.conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    export_sqlite(db, tmp_path / "copy.db")
    data = (tmp_path / "copy.db").read_bytes()
    assert device.encode() not in data
    conn = sqlite3.connect(tmp_path / "copy.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & {"settings", "audit", "revisions", "attachments",
                         "submission_attachments"}
    columns = {r[1] for t in tables for r in conn.execute(f'PRAGMA table_info("{t}")')}
    assert not columns & {"device_id", "content_hash", "prev_hash", "workbook"}
    statuses = conn.execute("SELECT count(*) FROM submissions").fetchone()[0]
    assert statuses == 6  # the draft stays home
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_every_linking_column_is_indexed(db, tmp_path):
    # Datasette counts the rows linking to each row it shows: without these indexes each
    # submission's page would read the whole answers table
    seed(db, tmp_path)
    export_sqlite(db, tmp_path / "copy.db")
    conn = sqlite3.connect(tmp_path / "copy.db")
    links = {(t, r[3]) for (t,) in conn.execute("SELECT name FROM sqlite_master"
                                                 " WHERE type = 'table'")
             for r in conn.execute(f'PRAGMA foreign_key_list("{t}")')}
    assert ("answers", "_uuid") in links and ("scores", "_org_id") in links
    plans = {(t, c): " ".join(str(r[3]) for r in conn.execute(
        f'EXPLAIN QUERY PLAN SELECT count(*) FROM "{t}" WHERE "{c}" = ?', ["x"]))
        for t, c in links}
    assert all("INDEX" in plan for plan in plans.values()), plans
    conn.close()


def test_the_database_itself_is_refused_and_a_cancel_leaves_nothing(db, db_path, tmp_path):
    seed(db, tmp_path)
    with pytest.raises(ExportError) as caught:
        export_sqlite(db, db_path)
    assert caught.value.code == "EXPORT_004"
    with pytest.raises(ExportError) as caught:
        export_sqlite(db, tmp_path / "copy.db", cancelled=lambda: True)
    assert caught.value.code == "EXPORT_001"
    assert not list(tmp_path.glob("*copy.db*"))
