"""Opening the database: pragmas, numbered migrations, write transactions, errors users can act on.

Durability: WAL with ``synchronous=FULL``. In WAL mode NORMAL already survives a crashed or
killed process, but a laptop on a dying USB battery can lose power, and NORMAL may then drop
the last commits; FULL syncs the WAL on every commit, so an answer whose save returned is on
disk. Measured on the dev VM: 0.26 ms per single-row commit with WAL+FULL, against 0.02 ms
(WAL+NORMAL) and 0.86 ms (the default rollback journal + FULL), so FULL stays well within
the autosave budget.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sqlite3
import threading
import uuid as uuidlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence, TypeVar

from fieldapp import paths
from fieldapp.errors import StoreError
from fieldapp.store import contenthash
from fieldapp.store.connection import Database
from fieldapp.store.values import fold

BUSY_TIMEOUT_MS = 5000  # a sync import holds the write lock a few seconds at most
JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024  # truncate the WAL after checkpoints beyond this

_MIGRATION_FILE = re.compile(r"^(\d{4})_[\w.-]+\.sql$")

# SQLite primary result codes → catalogue codes.
_SQLITE_CODES = {
    5: "STORE_002",  # SQLITE_BUSY
    6: "STORE_002",  # SQLITE_LOCKED
    8: "STORE_003",  # SQLITE_READONLY
    10: "STORE_007",  # SQLITE_IOERR
    11: "STORE_005",  # SQLITE_CORRUPT
    13: "STORE_004",  # SQLITE_FULL
    14: "STORE_006",  # SQLITE_CANTOPEN
    26: "STORE_005",  # SQLITE_NOTADB
}
# For Pythons without ``sqlite_errorcode`` (3.10): the message texts of the same codes.
_SQLITE_MESSAGES = (
    ("locked", "STORE_002"),
    ("readonly", "STORE_003"),
    ("disk i/o", "STORE_007"),
    ("malformed", "STORE_005"),
    ("not a database", "STORE_005"),
    ("is full", "STORE_004"),
    ("unable to open", "STORE_006"),
)
_OS_CODES = {
    errno.ENOSPC: "STORE_004",
    errno.EDQUOT: "STORE_004",
    errno.EACCES: "STORE_003",
    errno.EPERM: "STORE_003",
    errno.EROFS: "STORE_003",
    errno.EIO: "STORE_007",
}

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(slots=True)
class Migration:
    """One schema file: ``db/0002_add_x.sql`` brings the schema to version 2."""

    version: int
    path: Path


def store_error(exc: BaseException, path: object = None) -> StoreError:
    """The StoreError a user can act on for a sqlite3 or OS error."""
    code = "STORE_000"
    if isinstance(exc, sqlite3.Error):
        primary = getattr(exc, "sqlite_errorcode", None)
        if primary is not None:
            code = _SQLITE_CODES.get(primary & 0xFF, code)
        else:
            text = str(exc).lower()
            code = next((c for words, c in _SQLITE_MESSAGES if words in text), code)
    elif isinstance(exc, OSError):
        code = _OS_CODES.get(exc.errno, code)
    return StoreError(code, path=path, detail=str(exc) or type(exc).__name__)


def db_file(db: Database) -> Path | None:
    """The file of the main database, for messages (None for in-memory or closed ones)."""
    try:
        for _seq, name, file in db.conn.execute("PRAGMA database_list"):
            if name == "main" and file:
                return Path(file)
    except sqlite3.Error:
        pass
    return None


def guarded(func: F) -> F:
    """Turn sqlite3 and OS errors escaping ``func(db, …)`` into StoreErrors naming the file."""

    @functools.wraps(func)
    def wrapper(db: Database, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(db, *args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            raise store_error(exc, db_file(db)) from exc

    return wrapper  # type: ignore[return-value]


def atomic(db: Database) -> contextlib.AbstractContextManager[Database]:
    """A write transaction (``BEGIN IMMEDIATE``); nested blocks become savepoints: see
    :meth:`Database.atomic`."""
    return db.atomic()


def rows(db: Database, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict]:
    """The rows of a read query as dicts."""
    cursor = db.conn.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row)) for row in cursor]


def migrations(folder: Path | None = None) -> list[Migration]:
    """The schema files in ``folder`` (default: ``paths.migrations_dir()``), in order.

    :raises StoreError: if the folder is missing or the numbers are not 1, 2, 3 …
    """
    folder = Path(folder) if folder is not None else paths.migrations_dir()
    if not folder.is_dir():
        raise StoreError("STORE_009", path=folder, detail="no such folder")
    matches = ((p, _MIGRATION_FILE.match(p.name)) for p in folder.iterdir())
    found = sorted(
        (Migration(int(m.group(1)), p) for p, m in matches if m), key=lambda m: m.version
    )
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        names = ", ".join(m.path.name for m in found) or "none"
        raise StoreError("STORE_009", path=folder, detail=names)
    return found


def schema_version(db: Database) -> int:
    """The schema version of the database (``PRAGMA user_version``)."""
    return db.conn.execute("PRAGMA user_version").fetchone()[0]


@guarded
def migrate(db: Database, folder: Path | None = None) -> int:
    """Apply the pending migrations, each in its own transaction; return the schema version.

    :raises StoreError: if the database is newer than the newest migration
    """
    steps = migrations(folder)
    known = steps[-1].version if steps else 0
    current = schema_version(db)
    if current > known:
        raise StoreError("STORE_001", path=db_file(db), found=current, known=known)
    for step in steps[current:]:
        sql = step.path.read_text(encoding="utf-8")
        with atomic(db):
            # Another process may have migrated while this one waited for the lock.
            if schema_version(db) >= step.version:
                continue
            db.executescript(sql)
            db.conn.execute(f"PRAGMA user_version = {step.version:d}")
    return schema_version(db)


def _configure(db: Database, *, write: bool = True) -> None:
    conn = db.conn
    contenthash.register(conn)
    # accent- and case-blind search of names (submission lists)
    conn.create_function("fieldapp_fold", 1, fold, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    # an INSERT OR REPLACE that replaces an audit row fires audit_no_delete only with
    # recursive triggers on: the log stays append-only whatever statement reaches it
    conn.execute("PRAGMA recursive_triggers = ON")
    if write:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT:d}")
    else:
        # said once more in SQLite itself, so code handed this database can ask (read_only)
        conn.execute("PRAGMA query_only = 1")


def read_only(db: Database) -> bool:
    """Whether ``db`` was opened only to read (``open_db(write=False)``)."""
    return bool(db.conn.execute("PRAGMA query_only").fetchone()[0])


def _enable_wal(db: Database) -> None:
    # Changes the file: only once it is known to be ours (or new).
    if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.conn.execute("PRAGMA journal_mode = WAL")


def _check_writable(path: Path) -> None:
    # Refuse at open, not at the first autosave: a technician must learn the database is
    # read-only before typing an interview into it. WAL also creates files in the folder.
    for target in (path, path.parent):
        if target.exists() and not os.access(target, os.W_OK):
            raise StoreError("STORE_003", path=path, detail=f"{target} is read-only")


def _ensure_device_id(db: Database) -> None:
    conn = db.conn
    if conn.execute("SELECT 1 FROM settings WHERE key = 'device_id'").fetchone() is None:
        with atomic(db):
            conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES ('device_id', ?)",
                (str(uuidlib.uuid4()),),
            )


def integrity_problems(db: Database, *, quick: bool = False) -> list[str]:
    """What ``PRAGMA integrity_check`` (or the faster ``quick_check``) finds; [] when sound."""
    pragma = "quick_check" if quick else "integrity_check"
    found = [row[0] for row in db.conn.execute(f"PRAGMA {pragma}")]
    return [] if found == ["ok"] else found


class QuickCheck:
    """``PRAGMA quick_check`` of a database file, run on a thread of its own.

    The check reads every page: 0.15 s for 60 MB, about a second for a coordinator's 400 MB.
    SQLite does it without holding Python's lock, so a window started while it runs (Tk,
    theme, menus) costs no extra time; :func:`open_db` given it waits for its result instead
    of checking again, and still writes nothing into a file that failed it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._found: list[str] | None = None
        self._thread = threading.Thread(target=self._run, name="fieldapp-quick-check",
                                        daemon=True)
        if self.path.is_file() and self.path.stat().st_size > 0:  # never creates a file
            self._thread.start()

    def _run(self) -> None:
        try:
            conn = _connect(self.path, write=False, busy_timeout_ms=BUSY_TIMEOUT_MS)
            try:
                self._found = integrity_problems(Database(conn), quick=True)
            finally:
                conn.close()
        except Exception:  # not a database, locked, unreadable: open_db finds out and says so
            self._found = None

    def problems(self) -> list[str] | None:
        """What the check found ([] when sound), or None when it could not run."""
        if self._thread.ident is not None:
            self._thread.join()
        return self._found


def _not_a_database(exc: BaseException) -> bool:
    # A text file or a spreadsheet given as --db is not "damaged": it was never a database.
    # (Found through SQLite, never by reading the file here: closing any descriptor of a
    # database file drops every POSIX lock this process holds on it, which lets another
    # process delete the WAL under this process's open connections.)
    if not isinstance(exc, sqlite3.Error):
        return False
    primary = getattr(exc, "sqlite_errorcode", None)
    if primary is not None:
        return primary & 0xFF == 26  # SQLITE_NOTADB
    return "not a database" in str(exc).lower()


def _connect(path: Path, *, write: bool, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection; read-only (``mode=ro``) unless writing, so reading never changes the
    file, and ``immutable`` on read-only media, where SQLite cannot even make its lock file."""
    timeout = busy_timeout_ms / 1000
    if write:
        return sqlite3.connect(str(path), timeout=timeout)
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) \
            and not _read_only_media(path):
        # An ordinary connection that refuses writes: SQLite's mode=ro connections can fail
        # with short reads of the WAL while another process holds the write lock.
        conn = sqlite3.connect(str(path), timeout=timeout)
        conn.execute("PRAGMA query_only = ON")
        return conn
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.Error:
        if os.access(path.parent, os.W_OK) and not _read_only_media(path):
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=timeout)


def _read_only_media(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs (Windows)
        return False


def _pending_migrations(db: Database, folder: Path | None) -> tuple[int, int]:
    """(the database's schema version, the newest this installation knows); refuses newer."""
    steps = migrations(folder)
    known = steps[-1].version if steps else 0
    current = schema_version(db)
    if current > known:
        raise StoreError("STORE_001", path=db_file(db), found=current, known=known)
    return current, known


def open_db(
    path: str | os.PathLike[str],
    *,
    write: bool = True,
    check: bool | QuickCheck | None = None,
    create: bool | None = None,
    migrations_folder: Path | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> Database:
    """Open (creating and migrating as needed) the fieldapp database at ``path``.

    Nothing is changed in a file before it is known to be a fieldapp database this version
    can use: a newer schema, a foreign SQLite file or a non-database file are refused as
    they are.

    :param write: refuse a database that cannot be written; False opens it read-only
        (``mode=ro``), so listing works on read-only media and changes nothing
    :param check: run ``PRAGMA quick_check`` and refuse a damaged database (default: when
        writing, so nothing is ever written into a damaged file); a :class:`QuickCheck`
        already running on the file is waited for instead
    :param create: create a new database when there is none (default: when writing)
    :raises StoreError: locked, read-only, damaged, foreign or newer database, missing
        folder, no database (``create`` false)
    """
    path = Path(path)
    check = write if check is None else check
    create = write if create is None else create
    if path.is_dir():
        raise StoreError("STORE_006", path=path, detail="it is a folder")
    if not path.parent.is_dir():
        raise StoreError("STORE_006", path=path, detail=f"no folder {path.parent}")
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise StoreError("STORE_070", path=path)
    if write:
        _check_writable(path)
        paths.create_private_file(path)
    try:
        conn = _connect(path, write=write, busy_timeout_ms=busy_timeout_ms)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    try:
        db = Database(conn)
        _configure(db, write=write)
        current, known = _pending_migrations(db, migrations_folder)
        if current == 0 and conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]:
            raise StoreError("STORE_008", path=path)
        if check and exists:
            problems = check.problems() if isinstance(check, QuickCheck) else None
            if problems is None:
                problems = integrity_problems(db, quick=True)
            if problems:
                raise StoreError("STORE_005", path=path, detail="; ".join(problems[:3]))
        if not write:
            if current == 0:
                raise StoreError("STORE_070", path=path)
            if current < known:
                conn.close()
                _migrate_file(path, migrations_folder, busy_timeout_ms)
                conn = _connect(path, write=False, busy_timeout_ms=busy_timeout_ms)
                db = Database(conn)
                _configure(db, write=False)
            return db
        paths.make_private(path)
        if 0 < current < known:
            from fieldapp.store import backups  # the backup module builds on this one

            backups.create_backup(db, path, backups.BEFORE_MIGRATION)
        _enable_wal(db)
        migrate(db, migrations_folder)
        _ensure_device_id(db)
    except BaseException as exc:
        conn.close()
        if exists and _not_a_database(exc):
            raise StoreError("STORE_071", path=path) from exc
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise store_error(exc, path) from exc
        raise
    return db


def _migrate_file(path: Path, folder: Path | None, busy_timeout_ms: int) -> None:
    """Bring an older database up to date for a read-only command (needs a writable file)."""
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK) \
            or _read_only_media(path):
        raise StoreError("STORE_072", path=path)
    open_db(path, write=True, check=False, migrations_folder=folder,
            busy_timeout_ms=busy_timeout_ms).close()
