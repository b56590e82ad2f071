"""The same draft in two windows (issue 12, item 1): a write based on an older revision is
refused and the window's session is reloaded; a busy database keeps a window's edits waiting
(item 13) instead of failing them."""

from __future__ import annotations

import contextlib
import sqlite3
import time

import pytest

from fieldapp.capture import open_capture
from fieldapp.errors import StoreError
from fieldapp.store.database import open_db
from fieldapp.store.submissions import content_hash, get_submission, load_answers
from tests.test_capture import start, store  # noqa: F401  (the fixture)


def test_a_write_based_on_an_older_revision_is_refused_and_the_window_reloads(store, db_path):
    first = start(store, db_path)
    first.set("jefe", "Rosa")
    for name, age in (("Rosa", 40), ("Luis", 12)):
        change = first.add_repeat("miembro")
        instance = change.changed[0]
        first.set(f"{instance}/nombre", name)
        first.set(f"{instance}/edad", age)
    uuid = first.uuid
    # a second window (its own connection, as another process has) on the same draft
    second = open_capture(db_path, uuid)
    assert second.session.repeat_count("miembro") == 2
    second.remove_repeat("miembro[2]")
    # the first window still shows Luis and corrects his age: refused, nothing written
    before = load_answers(store, uuid)
    with pytest.raises(StoreError) as info:
        first.set("miembro[2]/edad", 13)
    assert info.value.code == "STORE_075"
    assert "changed in another window" in info.value.message
    stored = load_answers(store, uuid)
    assert stored == before
    assert not any(path.startswith("miembro[2]") for path in stored)  # no orphan answer
    assert stored["total"] == "40"  # the total agrees with the members stored
    # the first window now shows what is stored, and goes on from there
    assert first.session.repeat_count("miembro") == 1
    assert first.session.snapshot() == stored
    first.set("miembro[1]/edad", 41)
    record = get_submission(store, uuid)
    assert content_hash(load_answers(store, uuid)) == record.content_hash
    assert load_answers(store, uuid)["total"] == "41"
    second.close()


def test_finalize_refuses_what_another_window_changed_after_the_check(store, db_path):
    first = start(store, db_path)
    first.set("jefe", "Rosa")
    first.set("n", 1)
    second = open_capture(db_path, first.uuid)
    second.set("n", 3)
    with pytest.raises(StoreError) as info:
        first.finalize()
    assert info.value.code == "STORE_075"
    assert get_submission(store, first.uuid).status == "draft"
    assert first.session.snapshot()["n"] == "3"
    second.close()


def test_a_busy_database_keeps_a_windows_edits_waiting_in_order(store, db_path):
    window = open_capture(db_path, start(store, db_path).uuid, window=True)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
    try:
        began = time.monotonic()
        window.set("jefe", "Rosa")
        window.set("n", 2)
        assert time.monotonic() - began < 1.0  # never the 5 s busy timeout per answer
        assert window.pending == 2
        assert window.session.snapshot()["jefe"] == "Rosa"  # the window keeps showing them
        assert window.save_pending() is False
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert window.save_pending() is True and window.pending == 0
    with contextlib.closing(open_db(db_path, write=False)) as check:
        stored = load_answers(check, window.uuid)
    assert stored["jefe"] == "Rosa" and stored["n"] == "2"
    window.close()
