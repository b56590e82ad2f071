"""Parsed forms kept on disk as pickles, keyed by the workbook's SHA-256, so each is parsed once.

A pickle can run code when it is loaded, and the cache folder is only a folder: a file planted
there must never run. Each entry is therefore signed with a key of this installation (HMAC-SHA256,
the key kept in the user's private data folder, never in the cache), and an entry whose
signature does not match is not unpickled at all: it is deleted and the form parsed again. The
unpickler also accepts only the form model's classes. A damaged entry costs a re-parse, never
an error.
"""

from __future__ import annotations

import hashlib
import hmac
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
FORMAT = 2  # bump when the pickled layout changes in a way the code stamp cannot see

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


MAGIC = b"fieldapp-form-cache-1\n"
KEY_FILE = "cache.key"
_DIGEST = hashlib.sha256().digest_size


@lru_cache(maxsize=1)
def _key() -> bytes | None:
    """This installation's signing key (made on first use), or None when it cannot be kept."""
    path = paths.user_data_dir() / KEY_FILE
    try:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE)
        except FileExistsError:
            key = path.read_bytes()
            return key if len(key) >= 32 else None
        with os.fdopen(fd, "wb") as f:
            key = os.urandom(32)
            f.write(key)
        return key
    except OSError:
        return None


def _sign(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


def _verified(data: bytes) -> bytes | None:
    """The pickle inside a cache entry when this installation signed it, else None."""
    key = _key()
    head = len(MAGIC)
    if key is None or not data.startswith(MAGIC) or len(data) < head + _DIGEST:
        return None
    signature, payload = data[head:head + _DIGEST], data[head + _DIGEST:]
    return payload if hmac.compare_digest(signature, _sign(key, payload)) else None


def load(sha256: str) -> Form | None:
    """The cached form of the workbook with this hash, or None (missing, unreadable, corrupt
    or not signed by this installation: a bad entry is deleted so that it gets rebuilt)."""
    try:
        entry = entry_path(sha256)
        data = entry.read_bytes()
    except OSError:
        return None
    payload = _verified(data)
    try:
        form = _FormUnpickler(io.BytesIO(payload)).load() if payload is not None else None
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
    key = _key()
    if key is None:
        return None
    try:
        entry = entry_path(form.sha256)
        entry.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps(form, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + _sign(key, payload) + payload)
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
