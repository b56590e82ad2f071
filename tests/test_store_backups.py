"""Backups (issue 12, item 5): rotating consistent copies beside the database, and restoring."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldapp.errors import StoreError
from fieldapp.store import backups
from fieldapp.store.database import open_db
from fieldapp.store.orgs import list_organizations
from fieldapp.store.submissions import content_hash, list_submissions, load_answers

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_backups_rotate_keeping_the_last_of_each_kind(seeded_db, db_path):
    made = [backups.create_backup(seeded_db, db_path, backups.BEFORE_IMPORT) for _ in range(7)]
    backups.create_backup(seeded_db, db_path, backups.MANUAL)
    found = backups.list_backups(db_path)
    imports = [b for b in found if b.kind == backups.BEFORE_IMPORT]
    assert [b.path for b in imports] == [b.path for b in reversed(made[-5:])]
    assert not made[0].path.exists() and not made[1].path.exists()
    assert sum(b.kind == backups.MANUAL for b in found) == 1
    assert backups.daily_backup(seeded_db, db_path) is not None
    assert backups.daily_backup(seeded_db, db_path) is None  # one a day
    for b in backups.list_backups(db_path):
        with contextlib.closing(open_db(b.path, write=False)) as copy:
            assert [o.id for o in list_organizations(copy)] == ["C1"]


WRITER = """
import sys
from fieldapp.store.database import open_db
from fieldapp.store.submissions import create_submission, apply_writes
db = open_db(sys.argv[1])
uuid = create_submission(db, form_id="f", form_version="1", org_id="C1", round_id="R24",
                         answers={"a": "0"})
print("ready", flush=True)
n = 0
while True:
    n += 1
    apply_writes(db, uuid, {"a": str(n), f"q{n % 50}": "x" * (n % 700)})
"""


def test_a_backup_taken_while_another_process_writes_is_consistent(seeded_db, db_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        taken = []
        for _ in range(6):
            time.sleep(0.15)
            taken.append(backups.create_backup(seeded_db, db_path, backups.MANUAL))
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
    revisions = set()
    for copy_info in taken:
        with contextlib.closing(open_db(copy_info.path, write=False, check=True)) as copy:
            for sub in list_submissions(copy):
                # every answer row and the revision's hash come from the same transaction
                assert content_hash(load_answers(copy, sub.uuid)) == sub.content_hash
                revisions.add(sub.revision)
    assert len(revisions) > 1  # the copies really were taken while it wrote


def test_restore_from_the_cli_keeps_what_it_replaces(tmp_path):
    db = tmp_path / "fieldapp.db"
    assert _cli("orgs", "add", "--id", "A", "--name", "Antes", "--type", "spo", "--country",
                "PE", "--db", str(db), cwd=tmp_path).returncode == 0
    made = _cli("backup", "create", "--db", str(db), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    name = made.stdout.strip().rsplit("/", 1)[-1]
    assert _cli("orgs", "add", "--id", "B", "--name", "Después", "--type", "spo",
                "--country", "PE", "--db", str(db), cwd=tmp_path).returncode == 0
    listed = _cli("backup", "list", "--db", str(db), cwd=tmp_path)
    assert name in listed.stdout
    restored = _cli("backup", "restore", name, "--db", str(db), cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "What it replaced is kept in" in restored.stdout
    with contextlib.closing(open_db(db, write=False)) as now:
        assert [o.id for o in list_organizations(now)] == ["A"]
    kept = [b for b in backups.list_backups(db) if b.kind == backups.BEFORE_RESTORE]
    with contextlib.closing(open_db(kept[0].path, write=False)) as before:
        assert [o.id for o in list_organizations(before)] == ["A", "B"]


def test_a_damaged_database_is_set_aside_and_the_backup_put_back(seeded_db, db_path):
    good = backups.create_backup(seeded_db, db_path, backups.MANUAL)
    seeded_db.close()
    db_path.write_bytes(db_path.read_bytes()[:4096] + os.urandom(8192))
    with pytest.raises(StoreError) as info:
        open_db(db_path)
    assert info.value.code == "STORE_005"
    result = backups.restore_backup(db_path, good.path)
    assert result.kept is not None and result.kept.name.startswith("fieldapp.db.damaged-")
    assert result.kept.exists()
    with contextlib.closing(open_db(db_path, check=True)) as db:
        assert [o.id for o in list_organizations(db)] == ["C1"]


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(seeded_db, db_path,
                                                                    tmp_path):
    seeded_db.close()
    before = db_path.read_bytes()
    fake = tmp_path / "fake.db"
    fake.write_text("hola", encoding="utf-8")
    other = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE photos (id)")
    for source in (fake, other, tmp_path / "missing.db"):
        with pytest.raises(StoreError) as info:
            backups.restore_backup(db_path, source)
        assert info.value.code == "STORE_073"
    assert db_path.read_bytes() == before


HOLDER = """
import sys, time
from fieldapp.store.dblock import WindowLock
lock = WindowLock(sys.argv[1]).acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_restore_waits_for_the_window_using_the_database(seeded_db, db_path, tmp_path):
    good = backups.create_backup(seeded_db, db_path, backups.MANUAL)
    seeded_db.close()
    window = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "held"
        refused = _cli("backup", "restore", str(good.path), "--db", str(db_path), cwd=tmp_path)
        assert refused.returncode == 1
        assert "already open in another fieldapp window" in refused.stderr
        assert str(window.pid) in refused.stderr
    finally:
        window.kill()
        window.wait()
        window.stdout.close()
    assert _cli("backup", "restore", str(good.path), "--db", str(db_path),
                cwd=tmp_path).returncode == 0  # the lock went with the process


def test_a_migration_is_preceded_by_a_backup(seeded_db, db_path, tmp_path):
    seeded_db.close()
    folder = tmp_path / "migrations"
    shutil.copytree(ROOT / "db", folder)
    known = len(list(folder.glob("[0-9][0-9][0-9][0-9]_*.sql")))
    (folder / f"{known + 1:04d}_test_column.sql").write_text(
        "ALTER TABLE settings ADD COLUMN note TEXT;", encoding="utf-8")
    with contextlib.closing(open_db(db_path, migrations_folder=folder)) as db:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == known + 1
    made = [b for b in backups.list_backups(db_path) if b.kind == backups.BEFORE_MIGRATION]
    assert len(made) == 1
    with contextlib.closing(sqlite3.connect(made[0].path)) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == known


def test_an_organizations_import_is_preceded_by_a_backup(tmp_path):
    db = tmp_path / "fieldapp.db"
    assert _cli("rounds", "add", "--id", "R1", "--name", "Uno", "--year", "2024", "--db",
                str(db), cwd=tmp_path).returncode == 0
    csv_file = tmp_path / "orgs.csv"
    csv_file.write_text("id,name,type,country\nC1,Sol,spo,PE\n", encoding="utf-8")
    done = _cli("orgs", "import", str(csv_file), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    made = [b for b in backups.list_backups(db) if b.kind == backups.BEFORE_IMPORT]
    assert len(made) == 1
    with contextlib.closing(open_db(made[0].path, write=False)) as copy:
        assert list_organizations(copy) == []
