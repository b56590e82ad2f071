"""File → Export data…: CSV tables or a SQLite copy written off the Tk thread, with progress,
cancel, and the folder opened at the end."""

from __future__ import annotations

import sqlite3

import pytest
from guidrive import close_app, settle, start_app

from tests.exportdata import seed

pytestmark = pytest.mark.gui


@pytest.fixture
def app(tmp_path):
    from fieldapp.store import open_db
    from fieldapp.store.identity import set_technician

    db = open_db(tmp_path / "coordinator.db")
    try:
        seed(db, tmp_path)
        set_technician(db, "Coordinadora")
    finally:
        db.conn.close()
    shell = start_app(tmp_path / "coordinator.db", "en")
    yield shell
    close_app(shell)


def _open(shell):
    handler = next(c.handler for c in shell.commands if c.label == "Export data…")
    handler()
    settle(shell.root)
    from fieldapp.gui.dialogs import open_dialogs

    dialog = open_dialogs()[-1]
    return dialog


def _exporter(shell):
    from fieldapp.gui import exportdata

    return exportdata.open_export(shell)


def test_csv_export_from_the_dialog(app, tmp_path):
    export = _exporter(app)
    export.form_box.current([f for f, _t in export.forms].index("encuesta"))
    export.round_box.current([r for r, _n in export.rounds].index("R22"))
    export.labels_box.current(2)  # English labels
    export.excel.set(True)
    export.target.delete(0, "end")
    export.target.insert(0, str(tmp_path / "out"))
    export.export_button.invoke()
    assert export.job is not None  # running in the background
    settle(app.root)
    assert export.job is None and export.result.submissions == 5
    wide = tmp_path / "out" / "encuesta_R22_wide.csv"
    assert wide.exists() and (tmp_path / "out" / "README.txt").exists()
    assert wide.read_text(encoding="utf-8-sig").splitlines()[0].startswith("_uuid;")
    assert ";Yes;" in wide.read_text(encoding="utf-8-sig")  # "si" as its English label
    assert float(export.bar.cget("value")) == 100
    assert "5 submissions" in str(export.status.cget("text"))
    assert export.opened == tmp_path / "out"
    export.dialog.close()


def test_sqlite_export_and_the_menu_entry(app, tmp_path):
    dialog = _open(app)
    assert dialog.alive
    dialog.close()
    export = _exporter(app)
    export.kind.set("sqlite")
    export._refresh()
    assert str(export.form_box.cget("state")) == "disabled"
    export.target.delete(0, "end")
    export.target.insert(0, str(tmp_path / "copy.sqlite"))
    export.start()
    settle(app.root)
    conn = sqlite3.connect(tmp_path / "copy.sqlite")
    assert conn.execute('SELECT count(*) FROM "encuesta"').fetchone()[0] == 6
    conn.close()
    assert export.opened == tmp_path
    export.dialog.close()


def test_cancel_leaves_no_file_and_errors_are_shown(app, tmp_path):
    export = _exporter(app)
    export.target.delete(0, "end")
    export.target.insert(0, str(tmp_path / "out"))
    export.start()
    assert str(export.close_button.cget("text")) == "Cancel"
    export.cancel()  # cancels the job; the dialog stays
    settle(app.root)
    assert export.dialog.alive and export.job is None
    assert "cancelled" in str(export.status.cget("text"))
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    export.target.delete(0, "end")
    export.target.insert(0, str(blocker / "sub"))
    export.start()
    settle(app.root)
    assert "cannot be written" in str(export.status.cget("text"))
    export.cancel()
    assert not export.dialog.alive
