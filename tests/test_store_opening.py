"""Opening databases (issue 12, items 4, 11, 14): a file is refused as it is, read commands
only read, a damaged database is never written, and the user's data is private."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.errors import StoreError
from fieldapp.store.database import open_db

ROOT = Path(__file__).resolve().parents[1]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_newer_schema_is_refused_before_anything_changes(tmp_path):
    path = tmp_path / "newer.db"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
    before = _digest(path)
    with pytest.raises(StoreError) as info:
        open_db(path)
    assert info.value.code == "STORE_001"
    assert _digest(path) == before
    assert path.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file, not WAL
    assert not Path(f"{path}-wal").exists()


def test_a_mistyped_db_is_not_created_by_read_commands(tmp_path):
    for command in (["orgs", "list"], ["rounds", "list"], ["submissions", "list"],
                    ["submissions", "show", "abcd"], ["backup", "create"]):
        done = _cli(*command, "--db", "typo.db", cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert "There is no fieldapp database here" in done.stderr
        assert "typo.db" in done.stderr
        assert not (tmp_path / "typo.db").exists()


def test_a_new_database_is_made_by_a_writing_command_which_says_where(tmp_path):
    done = _cli("rounds", "add", "--id", "R1", "--name", "Uno", "--year", "2024", "--db",
                "new.db", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"New database created: {tmp_path / 'new.db'}" in done.stderr
    assert _cli("rounds", "list", "--db", "new.db", cwd=tmp_path).returncode == 0


def test_a_text_file_is_not_a_fieldapp_database(tmp_path):
    (tmp_path / "notes.txt").write_text("una lista de cosas\n" * 50, encoding="utf-8")
    before = _digest(tmp_path / "notes.txt")
    done = _cli("orgs", "list", "--db", "notes.txt", cwd=tmp_path)
    assert done.returncode == 1
    assert "not a fieldapp database" in done.stderr
    assert "damaged" not in done.stderr and "Traceback" not in done.stderr
    assert _digest(tmp_path / "notes.txt") == before


@pytest.fixture
def read_only_mount(tmp_path):
    """A real read-only file system (a tmpfs remounted read-only): a USB stick with its lock
    switch on. Needs root."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a read-only file system needs root")
    point = tmp_path / "stick"
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(point)],
                      capture_output=True).returncode:
        pytest.skip("this system does not allow mounting a tmpfs")

    def lock() -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)

    try:
        yield point, lock
    finally:
        subprocess.run(["umount", str(point)], capture_output=True)


def test_a_database_on_read_only_media_can_be_listed(tmp_path, read_only_mount):
    point, lock = read_only_mount
    db_path = point / "fieldapp.db"
    assert _cli("orgs", "add", "--id", "C1", "--name", "Sol", "--type", "spo", "--country",
                "PE", "--db", str(db_path), cwd=tmp_path).returncode == 0
    shutil.rmtree(point / "backups", ignore_errors=True)
    lock()
    before = _digest(db_path)
    listed = _cli("orgs", "list", "--db", str(db_path), cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "C1" in listed.stdout and "Sol" in listed.stdout
    refused = _cli("orgs", "add", "--id", "C2", "--name", "Luna", "--type", "spo",
                   "--country", "PE", "--db", str(db_path), cwd=tmp_path)
    assert refused.returncode == 1 and "read-only" in refused.stderr
    assert _digest(db_path) == before


def _damage(db_path: Path) -> None:
    """Overwrite four pages in the middle of the file with noise (a failing disk)."""
    data = bytearray(db_path.read_bytes())
    page = 4096
    count = len(data) // page
    for n in (count // 5, 2 * count // 5, 3 * count // 5, 4 * count // 5):
        data[n * page + 8:(n + 1) * page] = os.urandom(page - 8)
    db_path.write_bytes(bytes(data))


def test_a_damaged_database_is_never_written(tmp_path):
    db_path = tmp_path / "fieldapp.db"
    assert _cli("demo", "--db", str(db_path), cwd=tmp_path).returncode == 0
    _damage(db_path)
    before = _digest(db_path)
    for command in (
        ["orgs", "add", "--id", "NEW", "--name", "Nueva", "--type", "spo", "--country", "PE"],
        ["rounds", "add", "--id", "R9", "--name", "Nueve", "--year", "2029"],
        ["orgs", "edit", "CACAO-DO", "--women", "7"],
        ["demo"],
    ):
        done = _cli(*command, "--db", str(db_path), cwd=tmp_path)
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert "damaged" in done.stderr and "backup restore" in done.stderr
        assert _digest(db_path) == before
        assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0


def test_the_users_data_is_readable_only_by_the_user(tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    home = tmp_path / "home"
    env = {"XDG_DATA_HOME": str(home), "HOME": str(home), "FIELDAPP_DB": ""}
    env.pop("FIELDAPP_DB")
    old = os.umask(0o022)
    try:
        done = _cli("demo", cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
        done = _cli("rounds", "add", "--id", "RX", "--name", "X", "--year", "2030",
                    cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
        log = subprocess.run(
            [sys.executable, "-c", "from fieldapp.gui.errorreport import setup_logging;"
             "import logging; setup_logging();"
             "logging.getLogger('fieldapp').error('x')"],
            cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True)
        assert log.returncode == 0, log.stderr
    finally:
        os.umask(old)
    data = home / "fieldapp"
    files = [data / "fieldapp.db", data / "fieldapp.log", *(data / "backups").iterdir()]
    assert len(files) >= 3
    for folder in (data, data / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
