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


def test_backups_are_made_and_put_back_from_the_window(db_path):
    from fieldapp.gui.backups import open_backups
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.store.backups import list_backups
    from fieldapp.store.orgs import add_organization, list_organizations

    app = start_app(db_path, "en")
    try:
        assert [b.kind for b in list_backups(db_path)] == ["daily"]  # made when it opened
        dialog = open_backups(app)
        settle(app.root)
        add_organization(app.db, id="later", name="Added after the backup", type="spo",
                         country="PE")
        dialog.refresh()
        assert len(dialog.table.get_children()) == 1
        dialog.restore_button.invoke()
        settle(app.root)
        confirm = open_dialogs()[-1]
        confirm.confirm_button.invoke()
        settle(app.root)
        assert "The backup was put back" in _dialog_texts()
        assert "later" not in [o.id for o in list_organizations(app.db)]
        kinds = sorted(b.kind for b in list_backups(db_path))
        assert kinds == ["daily", "restore"]
        assert app.screen is not None and app.screen.winfo_exists()  # home again
    finally:
        close_app(app)
