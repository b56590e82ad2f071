"""One fieldapp window per database: a lock file beside it, held while the window is open.

Two windows on one draft would each show answers the other has replaced; the store refuses
such stale writes (see ``submissions.apply_writes``), and this lock keeps a second window from
opening at all. The operating system drops the lock when the process ends, even when it is
killed, so a crash never leaves the database "open elsewhere".
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from fieldapp import paths
from fieldapp.errors import StoreError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def lock_path(db_path: Path) -> Path:
    """The lock file of ``db_path``: ``fieldapp.db.lock`` beside ``fieldapp.db``."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class WindowLock:
    """The lock of one database, held from ``acquire`` until ``release`` (or process end)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    def acquire(self) -> "WindowLock":
        """Take the lock.

        :raises StoreError: STORE_074 when another fieldapp window holds it
        """
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, paths.PRIVATE_FILE)
        except OSError:
            return self  # read-only media: nothing can be written there anyway
        if not _try_lock(fd):
            os.close(fd)
            raise StoreError("STORE_074", path=self.db_path, pid=holder(self.db_path) or "?")
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> "WindowLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def holder(db_path: Path) -> int | None:
    """The process id of the window holding ``db_path``, or None when none does."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            return None  # free (closing the descriptor drops the probe's lock)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else 0
    finally:
        os.close(fd)


def refuse_if_open_elsewhere(db_path: Path) -> None:
    """For changes that need the database to themselves (a restore).

    :raises StoreError: STORE_074 while a fieldapp window (of another process) has it open
    """
    pid = holder(db_path)
    if pid is not None and pid != os.getpid():
        raise StoreError("STORE_074", path=Path(db_path), pid=pid or "?")
