"""Rotating consistent copies of the database, and putting one back.

A laptop is often the only copy of a week's interviews until they are exported, so the
store keeps copies of its own in ``backups/`` beside the database (the user data folder for
the default database): one a day, one before each import, migration or restore, and the ones
asked for; the last few of each kind are kept. Copies are made with SQLite's online backup API,
so a copy taken while the app is writing is still a consistent database, never half a
transaction. Restoring keeps what it replaces (a copy, or the damaged file renamed), so a
restore can itself be undone.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fieldapp import paths
from fieldapp.errors import StoreError
from fieldapp.store.connection import Database
from fieldapp.store.database import (
    db_file,
    integrity_problems,
    migrations,
    open_db,
    store_error,
)

DAILY = "daily"
MANUAL = "manual"
BEFORE_IMPORT = "import"
BEFORE_MIGRATION = "migration"
BEFORE_RESTORE = "restore"
# How many copies of each kind are kept: a week of days; the last few imports, since an
# import is the riskiest write; a migration or restore is rare and its copy is the way back.
KEEP = {DAILY: 7, MANUAL: 10, BEFORE_IMPORT: 5, BEFORE_MIGRATION: 3, BEFORE_RESTORE: 3}
FOLDER = "backups"

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\.\d{3}Z)(?:-(?P<seq>\d+))?-(?P<kind>[a-z]+)\.db$")


@dataclass(slots=True)
class Backup:
    """One copy of the database in the backups folder."""

    path: Path
    kind: str
    created: str  # ISO-8601 UTC, e.g. 2026-11-28T07:45:12.345Z
    size: int


@dataclass(slots=True)
class RestoreResult:
    """What ``restore_backup`` did: the copy put back and where the replaced data is kept."""

    restored: Path
    kept: Path | None  # a backup of the replaced database, or the damaged file renamed


def backup_dir(db_path: Path) -> Path:
    """The folder of ``db_path``'s backups: ``backups/`` beside it."""
    return Path(db_path).resolve().parent / FOLDER


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%f")[:-3] + "Z"


def _new_name(folder: Path, stem: str, kind: str) -> Path:
    stamp = _stamp()
    target = folder / f"{stem}-{stamp}-{kind}.db"
    n = 2
    while target.exists():  # two backups within one second (an import right after a daily)
        target = folder / f"{stem}-{stamp}-{n}-{kind}.db"
        n += 1
    return target


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_backup(db: Database, db_path: Path | None = None, kind: str = MANUAL) -> Backup:
    """Copy the open database ``db`` into its backups folder and drop old copies of ``kind``.

    :raises StoreError: if the copy cannot be written (full disk, read-only folder)
    """
    db_path = Path(db_path) if db_path is not None else db_file(db)
    if db_path is None:
        raise StoreError("STORE_006", path="", detail="an in-memory database has no backups")
    try:
        folder = paths.private_dir(backup_dir(db_path))
        target = _new_name(folder, db_path.stem, kind)
        temporary = target.with_name(f".{target.name}.tmp")
        paths.create_private_file(temporary)
        try:
            with contextlib.closing(sqlite3.connect(temporary)) as copy:
                db.conn.backup(copy)
                # a copy is one self-contained file: no -wal beside it to lose when copied
                copy.execute("PRAGMA journal_mode = DELETE")
            _fsync(temporary)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as exc:
        raise store_error(exc, backup_dir(db_path)) from exc
    _prune(folder, db_path.stem, kind)
    return _describe(target)


def backup_before_import(db: Database) -> Backup:
    """The copy to take before an import (organizations, baselines, sync bundles) writes.

    :raises StoreError: if it cannot be written; the import must then not start
    """
    return create_backup(db, kind=BEFORE_IMPORT)


def daily_backup(db: Database, db_path: Path | None = None) -> Backup | None:
    """A copy of ``db`` unless one was already taken today (UTC); the new copy or None."""
    db_path = Path(db_path) if db_path is not None else db_file(db)
    if db_path is None:
        return None
    today = _stamp()[:8]
    if any(b.kind == DAILY and b.created.replace("-", "")[:8] == today
           for b in list_backups(db_path)):
        return None
    return create_backup(db, db_path, DAILY)


def _describe(path: Path) -> Backup:
    match = _NAME.match(path.name)
    stamp = match.group("stamp") if match else "00000000T000000.000Z"
    created = (f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[9:11]}:{stamp[11:13]}:"
               f"{stamp[13:19]}Z")
    return Backup(path=path, kind=match.group("kind") if match else MANUAL, created=created,
                  size=path.stat().st_size)


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    stem = Path(db_path).stem
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _NAME.match(entry.name)
            if match and match.group("stem") == stem and entry.is_file():
                with contextlib.suppress(OSError):
                    found.append(_describe(entry))
    return sorted(found, key=_order, reverse=True)


def _order(backup: Backup) -> tuple[str, int]:
    match = _NAME.match(backup.path.name)
    return backup.created, int(match.group("seq") or 1) if match else 0


def _prune(folder: Path, stem: str, kind: str) -> None:
    mine = [b for b in list_backups(folder.parent / f"{stem}.db") if b.kind == kind]
    for old in mine[KEEP.get(kind, 5):]:
        with contextlib.suppress(OSError):
            old.path.unlink()


def check_backup(source: Path) -> None:
    """Refuse a file that is not a sound fieldapp database this version can open.

    :raises StoreError: STORE_073 naming what is wrong
    """
    source = Path(source)
    try:
        if not source.is_file():
            raise StoreError("STORE_073", path=source, detail="no such file")
        uri = source.resolve().as_uri()
        with contextlib.closing(sqlite3.connect(f"{uri}?mode=ro", uri=True)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            known = migrations()[-1].version
            if not 0 < version <= known:
                raise StoreError("STORE_073", path=source,
                                 detail=f"schema {version}, this fieldapp knows 1 to {known}")
            problems = integrity_problems(Database(conn), quick=True)
            if problems:
                raise StoreError("STORE_073", path=source, detail="; ".join(problems[:3]))
    except (sqlite3.Error, OSError) as exc:
        raise StoreError("STORE_073", path=source, detail=str(exc)) from exc


def _set_aside(db_path: Path) -> Path:
    """Rename a database that cannot be opened (and its -wal/-shm) out of the way, kept."""
    suffix = f".damaged-{_stamp()}"
    kept = db_path.with_name(db_path.name + suffix)
    for extra in ("-wal", "-shm", ""):
        part = db_path.with_name(db_path.name + extra)
        if part.exists():
            os.replace(part, kept.with_name(kept.name + extra))
    return kept


def restore_backup(db_path: Path, source: Path) -> RestoreResult:
    """Put the backup ``source`` back as the database at ``db_path``.

    A sound current database is first backed up (kind ``restore``); one that cannot be
    opened is renamed ``….damaged-<time>`` beside itself. Nothing is deleted. The caller
    makes sure no fieldapp window holds the database (see ``store.dblock``).

    :raises StoreError: if ``source`` is not a usable backup (nothing is changed then)
    """
    db_path, source = Path(db_path), Path(source)
    check_backup(source)
    try:
        current = open_db(db_path, check=True, create=False) if db_path.exists() else None
    except StoreError as exc:
        if exc.code in ("STORE_001", "STORE_003", "STORE_002", "STORE_006"):
            raise  # newer, read-only, busy or unreachable: not a case for replacing it
        current = None
    try:
        with contextlib.closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro",
                                                uri=True)) as src:
            if current is not None:
                kept: Path | None = create_backup(current, db_path, BEFORE_RESTORE).path
                src.backup(current.conn)
                current.conn.close()
            else:
                kept = _set_aside(db_path) if db_path.exists() else None
                paths.create_private_file(db_path)
                with contextlib.closing(sqlite3.connect(db_path)) as fresh:
                    src.backup(fresh)
    except (sqlite3.Error, OSError) as exc:
        raise store_error(exc, db_path) from exc
    open_db(db_path).close()  # back to WAL, migrated if the copy is older
    return RestoreResult(restored=source, kept=kept)
