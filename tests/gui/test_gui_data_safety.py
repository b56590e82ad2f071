"""The window and the user's data (issue 12): one window per database, a damaged database is
refused at opening, and File → Backups… makes and puts back copies."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from guidrive import close_app, settle, start_app

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def _texts(widget) -> str:
    found = []
    try:
        found.append(str(widget.cget("text")))
    except Exception:
        pass
    for child in widget.winfo_children():
        found.append(_texts(child))
    return " ".join(found)


def _dialog_texts() -> str:
    from fieldapp.gui.dialogs import open_dialogs

    return " ".join(_texts(d.body) for d in open_dialogs())


def test_a_second_window_on_the_same_database_is_refused(db_path):
    from fieldapp.store.dblock import holder

    first = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--lang", "en", "--db",
                              str(db_path)], cwd=ROOT, env=dict(os.environ),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while holder(db_path) is None:
            assert first.poll() is None, "the first window ended"
            assert time.monotonic() < deadline, "the first window never opened the database"
            time.sleep(0.1)
        assert holder(db_path) == first.pid
        second = start_app(db_path, "en")
        try:
            settle(second.root)
            text = _dialog_texts()
            assert "already open in another fieldapp window" in text
            assert str(first.pid) in text
            assert second.db is None  # it never opened the database
        finally:
            close_app(second)
    finally:
        first.terminate()
        first.wait(timeout=30)
    third = start_app(db_path, "en")  # the lock went with the first window
    try:
        assert third.db is not None and not _dialog_texts()
    finally:
        close_app(third)


def test_a_damaged_database_is_refused_when_the_window_opens(db_path):
    data = bytearray(db_path.read_bytes())
    page = 4096
    for n in range(2, len(data) // page):
        data[n * page + 8:(n + 1) * page] = os.urandom(page - 8)
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    app = start_app(db_path, "en")
    try:
        settle(app.root)
        text = _dialog_texts()
        assert "damaged" in text and "Backups" in text
        assert app.db is None
    finally:
        close_app(app)
    assert db_path.read_bytes() == before


def test_the_daily_copy_is_finished_even_when_the_window_closes_at_once(db_path):
    from fieldapp.store.backups import backup_dir, list_backups

    app = start_app(db_path, "en")
    close_app(app)  # while the copy may still be running on its own thread
    assert [b.kind for b in list_backups(db_path)] == ["daily"]
    assert sorted(p.name for p in backup_dir(db_path).iterdir()) == \
        [b.path.name for b in list_backups(db_path)]  # no half-written copy beside it


def test_backups_are_made_and_put_back_from_the_window(db_path):
    from fieldapp.gui.backups import open_backups
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.store.backups import list_backups
    from fieldapp.store.orgs import add_organization, list_organizations

    app = start_app(db_path, "en")
    try:
        app.wait_for_daily_backup()  # made while the window opened
        assert [b.kind for b in list_backups(db_path)] == ["daily"]
        dialog = open_backups(app)
        settle(app.root)
        add_organization(app.db, id="later", name="Added after the backup", type="spo",
                         country="PE")
        dialog.refresh()
        assert len(dialog.table.get_children()) == 1
        # the copy's time on this computer's clock in the language's words, not raw UTC
        from datetime import datetime

        from fieldapp import formatting
        from fieldapp.gui.tables import Table

        (backup,) = list_backups(db_path)
        (row,) = dialog.table.get_children()
        local = datetime.fromisoformat(backup.created.replace("Z", "+00:00")).astimezone()
        assert isinstance(dialog.table, Table)
        assert dialog.table.full_text(row, "made") == formatting.when(local.replace(tzinfo=None))
        assert dialog.table.full_text(row, "size").endswith(" MB")
        dialog.restore_button.invoke()
        settle(app.root)
        confirm = open_dialogs()[-1]
        assert formatting.when(local.replace(tzinfo=None)) in _dialog_texts()  # its local time
        confirm.confirm_button.invoke()
        settle(app.root)
        assert "The backup was put back" in _dialog_texts()
        assert "later" not in [o.id for o in list_organizations(app.db)]
        kinds = sorted(b.kind for b in list_backups(db_path))
        assert kinds == ["daily", "restore"]
        assert app.screen is not None and app.screen.winfo_exists()  # home again
    finally:
        close_app(app)


HOLDER = """
import sqlite3, sys
from pathlib import Path
from fieldapp.i18n import N_
from fieldapp.store.activity import announce
with announce(Path(sys.argv[1]), N_("importing organizations from {file}"), file="big.csv"):
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
"""


def test_a_busy_database_never_freezes_the_window_and_the_answer_is_saved_later(db_path):
    from guidrive import answer, open_new, pump, stored

    app = start_app(db_path, "en")
    importer = None
    try:
        view = open_new(app, "desarrollo_organizacional")
        importer = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], cwd=ROOT,
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert importer.stdout.readline().strip() == "holding"
        began = time.monotonic()
        # other numbers than the organization record's, which prefill the form
        answer(view, "datos_org/socios_mujeres", "121")
        answer(view, "datos_org/socios_hombres", "301")
        assert time.monotonic() - began < 2.0  # the old code waited 5 s per answer
        label = str(view.saved_label.cget("text"))
        assert "busy" in label and "importing organizations from big.csv" in label
        assert view.pending == 2
        assert stored(db_path, view.binding.uuid)[0].get("datos_org/socios_mujeres") != "121"
        importer.stdin.write("done\n")
        importer.stdin.flush()
        importer.wait(timeout=30)
        pump(app.root, until=lambda: view.pending == 0, timeout=10)
        assert str(view.saved_label.cget("text")).startswith("✓")
        answers = stored(db_path, view.binding.uuid)[0]
        assert answers["datos_org/socios_mujeres"] == "121"
        assert answers["datos_org/socios_hombres"] == "301"
    finally:
        if importer is not None:
            importer.kill()
            importer.wait()
            importer.stdin.close()
            importer.stdout.close()
        close_app(app)


def test_a_draft_changed_elsewhere_is_reloaded_and_the_window_says_why(db_path):
    from guidrive import answer, open_new

    from fieldapp.capture import open_capture

    app = start_app(db_path, "en")
    try:
        view = open_new(app, "desarrollo_organizacional")
        answer(view, "datos_org/socios_mujeres", "121")
        other = open_capture(db_path, view.binding.uuid)
        other.set("datos_org/socios_mujeres", 99)
        other.close()
        answer(view, "datos_org/socios_hombres", "301")
        settle(app.root)
        assert "changed in another window" in _dialog_texts()
        assert view.binding.session.snapshot()["datos_org/socios_mujeres"] == "99"
        # the edit based on what changed elsewhere is not kept (the record's prefill stays)
        assert view.binding.session.snapshot().get("datos_org/socios_hombres", "") != "301"
        widget = view.page_view.widgets["datos_org/socios_mujeres"]
        assert widget.inputs()[0].get().replace(",", "").replace(".", "") == "99"
    finally:
        close_app(app)
