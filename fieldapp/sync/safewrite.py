"""Writing a file to a USB stick so that a stick pulled mid-write leaves nothing that looks
complete: a hidden temporary name in the target folder, flushed and fsynced, checked by
reading it back, and only then renamed to its real name (and the folder fsynced)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Callable, TypeVar

from fieldapp.errors import BundleError, FieldappError

T = TypeVar("T")
PART = ".part"


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to fsync it; its rename is already durable
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _forget_cache(path: Path) -> None:
    """Drop the file's pages from the cache, so reading it back reads the stick itself."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``stem-2.zip`` … when that exists."""
    target = folder / name
    stem, suffix = os.path.splitext(name)
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


def write_safely(folder: Path, name: str, build: Callable[[BinaryIO], T],
                 check: Callable[[Path], None]) -> tuple[Path, T]:
    """Write ``name`` in ``folder`` with ``build(file)``, check it with ``check(path)`` after
    reading it back, then give it its name. Returns the final path and what ``build`` gave.

    :raises BundleError: BUNDLE_030 if it cannot be written, BUNDLE_031 if it reads back wrong
    """
    folder = Path(folder)
    tmp = folder / f".{name}.{os.getpid()}{PART}"
    try:
        with open(tmp, "xb") as fh:
            result = build(fh)
            fh.flush()
            os.fsync(fh.fileno())
        _forget_cache(tmp)
        try:
            check(tmp)
        except FieldappError as exc:
            raise BundleError("BUNDLE_031", path=folder / name) from exc
        target = free_name(folder, name)
        os.replace(tmp, target)
        _sync_folder(folder)
    except OSError as exc:
        raise BundleError("BUNDLE_030", path=folder / name,
                          detail=exc.strerror or str(exc)) from exc
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
    return target, result
