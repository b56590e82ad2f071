"""Exporting a bundle: the tables as CSV streamed into a zip with the workbooks and files they
refer to, a manifest of every member's size and SHA-256, signed with this laptop's key; the
file written safely, and what it held remembered for the destination."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import uuid as uuidlib
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

import fieldapp
from fieldapp.errors import BundleError
from fieldapp.store import clock
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded
from fieldapp.store.identity import get_identity
from fieldapp.sync import tables as T
from fieldapp.sync.keys import SigningKey, load_key
from fieldapp.sync.manifest import (
    FIELD,
    MANIFEST,
    SETUP,
    SIGNATURE,
    FileEntry,
    Manifest,
    SubmissionEntry,
)
from fieldapp.sync.results import ExportResult
from fieldapp.sync.safewrite import write_safely

# (steps done, steps in all)
Progress = Callable[[int, int], None]


class _Hashing(io.RawIOBase):
    """Passes bytes on to a zip member, counting and hashing them for the manifest."""

    def __init__(self, target: BinaryIO) -> None:
        self.target = target
        self.sha = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.sha.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)


@dataclass(slots=True)
class _Zip:
    zf: zipfile.ZipFile
    files: dict[str, FileEntry] = field(default_factory=dict)

    def table(self, table: T.Table, rows: Iterable[Iterable]) -> None:
        kinds = [kind for _name, kind in table.columns]
        with self.zf.open(table.member, "w", force_zip64=True) as member:
            hashing = _Hashing(member)
            text = io.TextIOWrapper(hashing, encoding="utf-8-sig", newline="",
                                    write_through=False)
            writer = csv.writer(text)
            writer.writerow(table.names)
            encode = T.encode
            plain = all(k == T.TEXT for k in kinds)
            for row in rows:
                writer.writerow(row if plain else [encode(v, k) for v, k in zip(row, kinds)])
            text.flush()
            text.detach()
        self.files[table.member] = FileEntry(hashing.size, hashing.sha.hexdigest())

    def blob(self, name: str, data: bytes) -> None:
        if name in self.files:
            return
        self.zf.writestr(name, data)
        self.files[name] = FileEntry(len(data), hashlib.sha256(data).hexdigest())


def _stamp_name(kind: str, device_id: str) -> str:
    now = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    prefix = "fieldapp-setup" if kind == SETUP else "fieldapp"
    return f"{prefix}-{device_id[:8]}-{now}.zip"


def _select(db: Database, destination: str, *, everything: bool, drafts: bool) -> list[tuple]:
    where = [] if drafts else ["s.status = 'final'"]
    if not everything:
        where.append("NOT EXISTS (SELECT 1 FROM export_marks m WHERE m.destination = ?"
                     " AND m.uuid = s.uuid AND m.revision = s.revision"
                     " AND m.content_hash = s.content_hash)")
    sql = f"SELECT {', '.join('s.' + c for c in T.SUBMISSIONS.names)} FROM submissions s"
    if where:
        sql += " WHERE " + " AND ".join(where)
    params = [] if everything else [destination]
    return db.conn.execute(sql + " ORDER BY s.created_at, s.uuid", params).fetchall()


def _query(db: Database, sql: str, params: tuple = ()) -> Iterable[tuple]:
    return db.conn.execute(sql, params)


def _write_field(db: Database, out: _Zip, subs: list[tuple], progress: Progress | None) -> None:
    conn = db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_export (uuid TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.sync_export")
    conn.executemany("INSERT INTO temp.sync_export VALUES (?)", [(s[0],) for s in subs])
    chosen = "uuid IN (SELECT uuid FROM temp.sync_export)"
    steps = [
        (T.SUBMISSIONS, lambda: subs),
        (T.ANSWERS, lambda: _query(db, f"SELECT uuid, path, value FROM answers WHERE {chosen}"
                                       " ORDER BY uuid, path")),
        (T.REVISIONS, lambda: _query(
            db, f"SELECT uuid, revision, content_hash, at, device_id, action, 'main'"
                f" FROM revisions WHERE {chosen} UNION ALL SELECT uuid, revision, content_hash,"
                f" at, device_id, action, 'merged' FROM merged_revisions WHERE {chosen}"
                " ORDER BY 1, 7, 2, 3")),
        (T.AUDIT, lambda: _query(
            db, f"SELECT {', '.join(T.AUDIT.names)} FROM audit WHERE {chosen} ORDER BY uuid, id")),
        (T.SUBMISSION_ATTACHMENTS, lambda: _query(
            db, f"SELECT {', '.join(T.SUBMISSION_ATTACHMENTS.names)} FROM submission_attachments"
                f" WHERE {chosen} ORDER BY uuid, file_name")),
    ]
    for done, (table, rows) in enumerate(steps):
        out.table(table, rows())
        if progress is not None:
            progress(done + 3, 9)
    files = conn.execute(
        "SELECT a.sha256, a.mime, a.size, a.added_at FROM attachments a WHERE a.sha256 IN"
        f" (SELECT sha256 FROM submission_attachments WHERE {chosen}) ORDER BY a.sha256"
    ).fetchall()
    out.table(T.ATTACHMENTS, [(*f, T.attachment_member(f[0])) for f in files])
    for sha, *_rest in files:
        data = conn.execute("SELECT data FROM attachments WHERE sha256 = ?", (sha,)).fetchone()
        out.blob(T.attachment_member(sha), bytes(data[0]))


def _write_registry(db: Database, out: _Zip, form_keys: set[tuple[str, str]] | None) -> int:
    conn = db.conn
    out.table(T.ORGANIZATIONS, _query(
        db, f"SELECT {', '.join(T.ORGANIZATIONS.names)} FROM organizations ORDER BY id"))
    out.table(T.ROUNDS, _query(db, f"SELECT {', '.join(T.ROUNDS.names)} FROM rounds ORDER BY id"))
    forms = [r for r in conn.execute(
        "SELECT form_id, version, title, sha256, file_name, added_at, builtin FROM forms"
        " ORDER BY form_id, version") if form_keys is None or (r[0], r[1]) in form_keys]
    out.table(T.FORMS, [(*r, T.workbook_member(r[3], r[4])) for r in forms])
    for r in forms:
        data = conn.execute("SELECT workbook FROM forms WHERE form_id = ? AND version = ?",
                            (r[0], r[1])).fetchone()[0]
        out.blob(T.workbook_member(r[3], r[4]), bytes(data))
    return len(forms)


def _build(db: Database, fh: BinaryIO, manifest: Manifest, key: SigningKey, subs: list[tuple],
           progress: Progress | None) -> dict:
    counts: dict = {}
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        out = _Zip(zf)
        if manifest.kind == SETUP:
            counts["forms"] = _write_registry(db, out, None)
        else:
            keys = {(s[1], s[2]) for s in subs}
            counts["forms"] = _write_registry(db, out, keys)
            _write_field(db, out, subs, progress)
        counts["attachments"] = sum(1 for n in out.files if n.startswith("attachments/"))
        manifest.files = out.files
        raw = manifest.to_bytes()
        zf.writestr(MANIFEST, raw)
        zf.writestr(SIGNATURE, key.sign(raw))
    return counts


def _check_written(path: Path) -> None:
    from fieldapp.sync.importer import verify_bundle

    report = verify_bundle(path)
    if report.error is not None:
        raise report.error


@guarded
def export_bundle(
    db: Database,
    folder: str | os.PathLike[str],
    *,
    setup: bool = False,
    everything: bool = False,
    include_drafts: bool = False,
    key_dir: Path | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a bundle into ``folder`` and return where it is and what it holds.

    A field bundle holds the final submissions changed since the last export to this
    folder (``everything``: all of them; ``include_drafts``: drafts too, which stay drafts);
    a setup bundle holds every form version, the organizations and the rounds.

    :raises BundleError: BUNDLE_030 if the folder cannot be written, BUNDLE_031 if the file
      does not read back as written
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BundleError("BUNDLE_030", path=folder, detail="not a folder")
    identity = get_identity(db)
    key = load_key(identity.device_id, key_dir)
    kind = SETUP if setup else FIELD
    destination = str(folder.resolve())
    conn = db.conn
    own_snapshot = not conn.in_transaction
    if own_snapshot:
        conn.execute("BEGIN")  # one snapshot: the tables agree with each other
    try:
        subs = [] if setup else _select(db, destination, everything=everything,
                                        drafts=include_drafts)
        manifest = Manifest(
            bundle_uuid=str(uuidlib.uuid4()), kind=kind, device_id=identity.device_id,
            technician=identity.technician, created_at=clock.now(),
            app_version=fieldapp.__version__, public_key=key.public_text,
            submissions=[SubmissionEntry(s[0], s[12], s[13]) for s in subs],
        )
        path, counts = write_safely(
            folder, _stamp_name(kind, identity.device_id),
            lambda fh: _build(db, fh, manifest, key, subs, progress), _check_written)
        orgs = conn.execute("SELECT count(*) FROM organizations").fetchone()[0]
        rounds = conn.execute("SELECT count(*) FROM rounds").fetchone()[0]
    finally:
        if own_snapshot and conn.in_transaction:
            conn.execute("COMMIT")
    if subs:
        with atomic(db):
            conn.executemany(
                "INSERT OR REPLACE INTO export_marks (destination, uuid, revision, content_hash,"
                " status) VALUES (?, ?, ?, ?, ?)",
                [(destination, s[0], s[12], s[13], s[6]) for s in subs])
    if progress is not None:
        progress(9, 9)
    return ExportResult(
        path=path, kind=kind, bundle_uuid=manifest.bundle_uuid, submissions=len(subs),
        drafts=sum(1 for s in subs if s[6] != "final"), organizations=orgs, rounds=rounds,
        forms=counts["forms"], attachments=counts["attachments"], size=path.stat().st_size,
    )
