"""Parsed forms kept on disk as pickles, keyed by the workbook's SHA-256, so each is parsed once."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

import fieldapp
from fieldapp import paths
from fieldapp.forms.model import Form

MAX_ENTRIES = 200  # forms kept; each is a few hundred KB at most
FORMAT = 1  # bump when the pickled layout changes in a way the code stamp cannot see

# The modules whose code decides what a cached Form holds. Their size and mtime are part of the
# key, so an edited parser (or a scoring reader that appears) never serves a stale form; in the
# frozen app they are not files and the fieldapp version alone decides.
_PRODUCERS = ("model", "columns", "sheetrows", "diagnostics", "xlsform", "builder",
              "scoresheet", "extrasheets")


def cache_dir() -> Path:
    """Where parsed forms are kept: ``forms/`` in the user cache (``FIELDAPP_CACHE``)."""
    return paths.user_cache_dir() / "forms"


@lru_cache(maxsize=1)
def _pyxform_version() -> str:
    # From the package metadata: importing pyxform itself costs ~0.3 s, which a warm open avoids.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyxform")
    except PackageNotFoundError:
        return "unknown"


def _code_stamp() -> str:
    folder = Path(__file__).resolve().parent
    parts = []
    for name in _PRODUCERS:
        try:
            stat = (folder / f"{name}.py").stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:-")
    return ";".join(parts)


def cache_key(sha256: str) -> str:
    """The cache entry name for a workbook whose bytes hash to ``sha256``."""
    stamp = f"{sha256}|{FORMAT}|{fieldapp.__version__}|{_pyxform_version()}|{_code_stamp()}"
    return hashlib.sha256(stamp.encode("utf-8")).hexdigest()


def entry_path(sha256: str) -> Path:
    """The file that holds (or would hold) the cached form of ``sha256``."""
    return cache_dir() / f"{cache_key(sha256)}.pickle"


class _FormUnpickler(pickle.Unpickler):
    """Unpickles only the form model's classes: a cache file is data, never code to run."""

    def find_class(self, module: str, name: str) -> object:
        if module == "fieldapp.forms.model" or (module, name) == ("builtins", "frozenset"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a cached form")


def load(sha256: str) -> Form | None:
    """The cached form of the workbook with this hash, or None (missing, unreadable or corrupt:
    a bad entry is deleted so that it gets rebuilt)."""
    entry = entry_path(sha256)
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    try:
        form = _FormUnpickler(io.BytesIO(data)).load()
    except Exception:  # a truncated or foreign file: unpickling can fail in many ways
        form = None
    if not isinstance(form, Form) or form.sha256 != sha256:
        with suppress(OSError):
            entry.unlink(missing_ok=True)
        return None
    return form


def store(form: Form) -> Path | None:
    """Keep ``form`` for its ``sha256``; written atomically. A cache that cannot be written
    only costs time, so write failures are ignored (returns None)."""
    entry = entry_path(form.sha256)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(form, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return None
    _prune(entry.parent)
    return entry


def _prune(folder: Path, keep: int = MAX_ENTRIES) -> None:
    """Delete the least recently written entries beyond ``keep`` (old versions of workbooks)."""
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:  # another process pruning at the same time
        pass
