"""Files attached to submissions (photos, documents), stored once by SHA-256.

As in ODK, the answer of a file question is the file's name within the submission; the
bytes live in ``attachments`` and ``submission_attachments`` maps that name to them.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePath

from fieldapp.errors import InputError, StoreError
from fieldapp.store import clock
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded, rows
from fieldapp.store.submissions import apply_writes, get_submission

_SELECT = (
    "SELECT l.uuid, l.file_name, l.path, l.sha256, l.original_name, l.added_at, a.mime, a.size"
    "{data} FROM submission_attachments l JOIN attachments a ON a.sha256 = l.sha256"
    " WHERE l.uuid = ?"
)


# A photo, a recording or a scanned document; the file is stored in the database (and in each
# backup and bundle), so a film would make every copy of it slow and large.
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


@dataclass(slots=True)
class Attachment:
    """A file of a submission; ``data`` is loaded only when asked for."""

    uuid: str
    file_name: str  # its name in the submission (the answer's value)
    path: str  # the field it was attached to
    sha256: str
    original_name: str
    added_at: str
    mime: str
    size: int
    data: bytes | None = None


def _free_name(db: Database, uuid: str, name: str, sha: str) -> str:
    """``name``, or ``name-2.ext`` … when the submission has another file by that name."""
    stem, suffix = PurePath(name).stem, PurePath(name).suffix
    candidate, n = name, 1
    while True:
        row = db.conn.execute(
            "SELECT sha256 FROM submission_attachments WHERE uuid = ? AND file_name = ?",
            (uuid, candidate),
        ).fetchone()
        if row is None or row[0] == sha:
            return candidate
        n += 1
        candidate = f"{stem}-{n}{suffix}"


@guarded
def add_attachment(db: Database, uuid: str, path: str, file: Path, *,
                   expected_revision: int | None = None) -> Attachment:
    """Attach ``file`` to the answer at ``path`` (whose value becomes the file's name).

    :param expected_revision: as in ``apply_writes``
    :raises StoreError: STORE_050 if the file cannot be read; InputError LIMIT_005 if larger than
        ``MAX_ATTACHMENT_BYTES``; if the submission is locked
    """
    file = Path(file)
    try:
        size = file.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise InputError("LIMIT_005", path=file, field=path, size=_mb(size),
                             limit=_mb(MAX_ATTACHMENT_BYTES))
        data = file.read_bytes()
    except OSError as exc:
        raise StoreError("STORE_050", path=file, detail=exc.strerror or str(exc)) from exc
    sha = hashlib.sha256(data).hexdigest()
    mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    stamp = clock.now()
    with atomic(db):
        get_submission(db, uuid)
        name = _free_name(db, uuid, file.name or "file", sha)
        db.conn.execute(
            "INSERT OR IGNORE INTO attachments (sha256, data, mime, size, added_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (sha, data, mime, len(data), stamp),
        )
        db.conn.execute(
            "INSERT OR IGNORE INTO submission_attachments"
            " (uuid, file_name, path, sha256, original_name, added_at) VALUES (?, ?, ?, ?, ?, ?)",
            (uuid, name, path, sha, file.name, stamp),
        )
        # Audited like any answer, and refused like any answer when the submission is final.
        apply_writes(db, uuid, {path: name}, action="attach",
                     expected_revision=expected_revision)
    return get_attachment(db, uuid, name, with_data=False)


@guarded
def get_attachment(
    db: Database, uuid: str, file_name: str, *, with_data: bool = True
) -> Attachment:
    """The file called ``file_name`` in a submission.

    :raises StoreError: STORE_051 if the submission has no such file
    """
    sql = _SELECT.format(data=", a.data" if with_data else "") + " AND l.file_name = ?"
    found = rows(db, sql, (uuid, file_name))
    if not found:
        raise StoreError("STORE_051", uuid=uuid, name=file_name)
    return Attachment(**found[0])


@guarded
def list_attachments(db: Database, uuid: str) -> list[Attachment]:
    """The files of a submission (without their bytes), in the order they were added."""
    sql = _SELECT.format(data="") + " ORDER BY l.added_at, l.file_name"
    return [Attachment(**row) for row in rows(db, sql, (uuid,))]
