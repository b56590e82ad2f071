"""Opening the database: migrations, pragmas, and the errors of locked, read-only, full or
damaged files — always a clear StoreError and nothing lost."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from fieldapp import paths
from fieldapp.errors import InputError, StoreError
from fieldapp.store.database import (QuickCheck, integrity_problems, migrations, open_db,
                                     schema_version, store_error)
from fieldapp.store.identity import get_identity, set_technician, set_ui_language
from fieldapp.store.orgs import add_organization, list_organizations
from fieldapp.store.submissions import apply_writes, create_submission, load_answers

LATEST = migrations()[-1].version


def tables(db) -> set[str]:
    return {name for (name,) in db.conn.execute("SELECT name FROM sqlite_master"
                                                 " WHERE type = 'table'")}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _two_step_folder(tmp_path: Path, second_sql: str) -> Path:
    """A copy of ``db/`` plus a next migration."""
    folder = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), folder)
    (folder / f"{LATEST + 1:04d}_next.sql").write_text(second_sql, encoding="utf-8")
    return folder


def test_fresh_database_is_migrated_wal_and_enforces_foreign_keys(db):
    assert schema_version(db) == LATEST
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert {"settings", "organizations", "rounds", "forms", "submissions", "answers",
            "revisions", "attachments", "submission_attachments", "audit"} <= tables(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("INSERT INTO answers (uuid, path, value) VALUES ('nope', 'q', '1')")
    assert integrity_problems(db) == []


def test_device_id_is_created_once_and_settings_persist(db_path):
    with contextlib.closing(open_db(db_path)) as db:
        first = get_identity(db)
        set_technician(db, "  Ana   Quispe ")
        set_ui_language(db, "pt")
        with pytest.raises(InputError) as info:
            set_ui_language(db, "fr")
        assert info.value.code == "STORE_061"
    with contextlib.closing(open_db(db_path)) as db:
        again = get_identity(db)
    assert len(first.device_id) == 36 and again.device_id == first.device_id
    assert (again.technician, again.ui_language) == ("Ana Quispe", "pt")


def test_older_database_is_upgraded_in_place(tmp_path, db_path):
    with contextlib.closing(open_db(db_path)) as db:
        add_organization(db, id="C1", name="Coop", type="cooperative", country="PE")
    folder = _two_step_folder(tmp_path, "ALTER TABLE organizations ADD COLUMN website TEXT;\n"
                                        "UPDATE organizations SET website = 'none';\n")
    with contextlib.closing(open_db(db_path, migrations_folder=folder)) as db:
        assert schema_version(db) == LATEST + 1
        assert db.conn.execute("SELECT id, website FROM organizations").fetchall() == [("C1", "none")]


def test_failed_migration_is_rolled_back_whole(tmp_path, db_path):
    folder = _two_step_folder(tmp_path, "CREATE TABLE half (x);\nINSERT INTO nowhere VALUES (1);\n")
    with pytest.raises(StoreError):
        open_db(db_path, migrations_folder=folder)
    with contextlib.closing(open_db(db_path)) as db:
        assert schema_version(db) == LATEST
        assert "half" not in tables(db)


def test_newer_database_is_refused(db_path):
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    with pytest.raises(StoreError) as info:
        open_db(db_path)
    assert info.value.code == "STORE_001"
    assert info.value.context["found"] == LATEST + 5
    assert str(db_path) in str(info.value)


def test_misnumbered_migrations_are_refused(tmp_path):
    folder = _two_step_folder(tmp_path, "SELECT 1;")
    (folder / f"{LATEST + 1:04d}_next.sql").rename(folder / f"{LATEST + 2:04d}_next.sql")
    with pytest.raises(StoreError) as info:
        open_db(tmp_path / "x.db", migrations_folder=folder)
    assert info.value.code == "STORE_009"


def test_another_programs_sqlite_file_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE photos (id)")
        conn.commit()
    before = _digest(path)
    with pytest.raises(StoreError) as info:
        open_db(path)
    assert info.value.code == "STORE_008"
    assert _digest(path) == before


def test_garbage_file_is_reported_as_not_a_database_and_kept(tmp_path):
    path = tmp_path / "fieldapp.db"
    path.write_bytes(os.urandom(3000) + b"not sqlite at all" * 100)
    before = _digest(path)
    with pytest.raises(StoreError) as info:
        open_db(path)
    assert info.value.code == "STORE_071"
    assert "not a fieldapp database" in info.value.message
    assert _digest(path) == before


def test_damaged_pages_are_found_by_the_check(seeded_db, db_path):
    uuid = create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                             round_id="R24", answers={f"q{i}": "x" * 200 for i in range(300)})
    assert len(load_answers(seeded_db, uuid)) == 300
    seeded_db.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset + 8: offset + page] = os.urandom(page - 8)
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as info:
        db = open_db(db_path, check=True)
        load_answers(db, uuid)  # if the check missed it, reading must fail clearly
    assert info.value.code == "STORE_005"


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset + 8: offset + page] = os.urandom(page - 8)
    path.write_bytes(bytes(data))


def test_a_check_started_early_refuses_a_damaged_database_and_writes_nothing(seeded_db,
                                                                             db_path):
    create_submission(seeded_db, form_id="f", form_version="1", org_id="C1", round_id="R24",
                      answers={f"q{i}": "x" * 200 for i in range(300)})
    seeded_db.close()
    _damage(db_path)
    before = _digest(db_path)
    check = QuickCheck(db_path)
    assert check.problems()  # it ran on its own thread and found the damage
    with pytest.raises(StoreError) as info:
        open_db(db_path, check=check)
    assert info.value.code == "STORE_005"
    assert _digest(db_path) == before


def test_a_check_started_early_passes_a_sound_database(seeded_db, db_path):
    seeded_db.close()
    check = QuickCheck(db_path)
    with contextlib.closing(open_db(db_path, check=check)) as db:
        assert check.problems() == []
        assert list_organizations(db)


def test_a_check_started_early_leaves_the_other_cases_to_open_db(tmp_path):
    missing = tmp_path / "new.db"
    assert QuickCheck(missing).problems() is None
    assert not missing.exists()  # it never creates a file
    garbage = tmp_path / "fieldapp.db"
    garbage.write_bytes(os.urandom(3000) + b"not sqlite at all" * 100)
    check = QuickCheck(garbage)
    assert check.problems() is None
    with pytest.raises(StoreError) as info:
        open_db(garbage, check=check)
    assert info.value.code == "STORE_071"
    with contextlib.closing(open_db(missing, check=QuickCheck(missing))) as db:
        assert schema_version(db) > 0


def test_locked_database_gives_a_clear_error_and_loses_nothing(seeded_db, db_path):
    uuid = create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                             round_id="R24", answers={"a": "1"})
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with contextlib.closing(open_db(db_path, busy_timeout_ms=50)) as db:
            with pytest.raises(StoreError) as info:
                apply_writes(db, uuid, {"a": "2"})
            assert info.value.code == "STORE_002"
            assert "another program" in info.value.message
            assert load_answers(db, uuid) == {"a": "1"}  # WAL: reading still works
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert apply_writes(seeded_db, uuid, {"a": "2"}).revision == 2


@contextlib.contextmanager
def _read_only(target: Path):
    """Make ``target`` read-only, even for root (immutable flag), or skip."""
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield
        finally:
            target.chmod(mode)
        return
    if not shutil.which("chattr") or subprocess.run(
        ["chattr", "+i", str(target)], capture_output=True
    ).returncode:
        pytest.skip("running as root where the immutable flag cannot be set")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_database_is_refused_for_writing_and_still_readable(seeded_db, db_path, what):
    seeded_db.close()
    before = _digest(db_path)
    with _read_only(db_path if what == "file" else db_path.parent):
        with pytest.raises(StoreError) as info:
            open_db(db_path)
        assert info.value.code == "STORE_003"
        if what == "file":
            with contextlib.closing(open_db(db_path, write=False)) as db:
                assert [o.id for o in list_organizations(db)] == ["C1"]
                with pytest.raises(StoreError) as info:
                    add_organization(db, id="C2", name="Otra", type="spo", country="CO")
                assert info.value.code == "STORE_003"
    assert _digest(db_path) == before


def test_full_disk_gives_a_clear_error_and_keeps_what_was_saved(seeded_db):
    uuid = create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                             round_id="R24", answers={"a": "1"})
    pages = seeded_db.conn.execute("PRAGMA page_count").fetchone()[0]
    seeded_db.conn.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full
    with pytest.raises(StoreError) as info:
        apply_writes(seeded_db, uuid, {"photo_note": "x" * 90_000})
    assert info.value.code == "STORE_004"
    assert load_answers(seeded_db, uuid) == {"a": "1"}
    seeded_db.conn.execute("PRAGMA max_page_count = 1073741823")
    assert apply_writes(seeded_db, uuid, {"b": "2"}).revision == 2


def test_os_errors_map_to_actionable_codes():
    assert store_error(OSError(errno.ENOSPC, "No space left on device")).code == "STORE_004"
    assert store_error(OSError(errno.EROFS, "Read-only file system")).code == "STORE_003"
    assert store_error(sqlite3.OperationalError("database is locked")).code == "STORE_002"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError) as info:
        open_db(tmp_path / "no" / "such" / "fieldapp.db")
    assert info.value.code == "STORE_006"
