"""Importing bundles: the zip checked, the manifest and its signature verified, every member
checked against its checksum, every table read and validated — and only then one
transaction. Any problem leaves the database as it was and names bundle, member, line and
column. A bundle already imported is recognised by its UUID and changes nothing."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Iterable

from fieldapp import storedscores
from fieldapp.errors import BundleError, FieldappError
from fieldapp.i18n import N_
from fieldapp.store import clock
from fieldapp.store.activity import announce
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, db_file, guarded
from fieldapp.store.identity import get_identity
from fieldapp.sync import tables as T
from fieldapp.sync.answercheck import AnswerCheck
from fieldapp.sync.archive import MAX_MANIFEST, Archive
from fieldapp.sync.keys import fingerprint, load_key, verify
from fieldapp.sync.local import LocalData
from fieldapp.sync.manifest import MANIFEST, SETUP, SIGNATURE, Manifest, parse
from fieldapp.sync.reader import iter_table, read_table
from fieldapp.sync.results import (
    ALREADY,
    IMPORTED,
    PREVIEW,
    REFUSED,
    VERIFIED,
    Applied,
    BundleReport,
)
from fieldapp.sync.trust import check_signer, record_trust
from fieldapp.sync.validator import Content, validate
from fieldapp.sync.writer import apply

# (bundles done, bundles in all, the bundle being read)
Progress = Callable[[int, int, Path], None]
# Called with the database before the first bundle is written (e.g. to back it up)
BeforeImport = Callable[[Database], None]


@dataclass(slots=True)
class ImportOptions:
    """How to import: trust unknown signers, only preview, which kind is expected, whether
    to score the submissions that arrived right after."""

    trust: bool = False
    dry_run: bool = False
    expect: str | None = None  # "field" or "setup"; None accepts both
    before_import: BeforeImport | None = None
    progress: Progress | None = None
    score: bool = True
    score_progress: Callable[[int, int], None] | None = None
    key_dir: Path | None = None


class _Preview(Exception):
    """Rolls back a dry run after everything was applied."""


def bundle_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The bundles named: files as given, folders as the ``.zip`` files in them (sorted).

    :raises BundleError: BUNDLE_032 for a folder without bundles
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            zips = sorted(p for p in path.iterdir() if p.suffix.lower() == ".zip"
                          and p.is_file() and not p.name.startswith("."))
            if not zips:
                raise BundleError("BUNDLE_032", path=path)
            found.extend(zips)
        else:
            found.append(path)
    return found


def _open_manifest(archive: Archive) -> tuple[Manifest, bytes]:
    """The manifest, its bytes, and its signature checked against the key it names."""
    if MANIFEST not in archive.members:
        raise BundleError("BUNDLE_007", path=archive.path, member=MANIFEST, detail="missing")
    if SIGNATURE not in archive.members:
        raise BundleError("BUNDLE_009", path=archive.path, member=SIGNATURE)
    raw = archive.read(MANIFEST, limit=MAX_MANIFEST)
    manifest = parse(raw)
    signature = archive.read(SIGNATURE, limit=4096)
    try:
        text = signature.decode("ascii").strip()
    except UnicodeDecodeError:
        text = ""
    if not verify(manifest.public_key, raw, text):
        raise BundleError("BUNDLE_009", path=archive.path, member=SIGNATURE)
    return manifest, raw


def _check_members(archive: Archive, manifest: Manifest) -> None:
    declared = set(manifest.files) | {MANIFEST, SIGNATURE}
    for name in sorted(declared - set(archive.members)):
        raise BundleError("BUNDLE_013", path=archive.path, member=name)
    for name in sorted(set(archive.members) - declared):
        raise BundleError("BUNDLE_014", path=archive.path, member=name)
    tables = T.SETUP_TABLES if manifest.kind == SETUP else T.FIELD_TABLES
    for table in tables:
        if table.member not in manifest.files:
            raise BundleError("BUNDLE_013", path=archive.path, member=table.member)
    for name, entry in manifest.files.items():
        archive.check(name, entry)


# Read one by one as they are checked (answers) or written (audit), never held whole
_STREAMED = (T.ANSWERS, T.AUDIT)


def _read(archive: Archive, manifest: Manifest, db: Database) -> Content:
    """The bundle's tables read and checked; the audit rows are read as the writer takes
    them (``Content.audit``), so the archive must stay open until then."""
    tables = T.SETUP_TABLES if manifest.kind == SETUP else T.FIELD_TABLES
    shared: dict[str, str] = {}  # one string per distinct short text of this bundle
    raw = {table.member: read_table(archive, table, shared) for table in tables
           if table not in _STREAMED}
    if T.ANSWERS in tables:
        raw[T.ANSWERS.member] = iter_table(archive, T.ANSWERS, shared)
        # Audit rows are let go once written: sharing their texts would keep every one
        # (each autosave has its own time) until the end of the import.
        raw[T.AUDIT.member] = iter_table(archive, T.AUDIT)
    local = LocalData(db)
    in_bundle = {(r[0], r[1]): (r[3], r[4], r[7]) for r in raw[T.FORMS.member]}

    def workbook(form_id: str, version: str) -> tuple[str, str, bytes] | None:
        if (form_id, version) in in_bundle:
            sha, file_name, member = in_bundle[(form_id, version)]
            return sha, file_name, archive.read(member)
        return local.workbook(form_id, version)

    return validate(Content(archive.path, manifest), raw, local, AnswerCheck(workbook))


def _own_key(db: Database, manifest: Manifest, key_dir: Path | None) -> str | None:
    device_id = get_identity(db).device_id
    if manifest.device_id != device_id:
        return None
    return load_key(device_id, key_dir).public_text


def _describe(report: BundleReport, manifest: Manifest) -> None:
    report.bundle_uuid = manifest.bundle_uuid
    report.kind = manifest.kind
    report.device_id = manifest.device_id
    report.technician = manifest.technician
    report.created_at = manifest.created_at
    report.submissions = len(manifest.submissions)
    report.fingerprint = fingerprint(manifest.public_key)


def _already(db: Database, manifest: Manifest, digest: str) -> bool:
    row = db.conn.execute("SELECT manifest_sha256 FROM bundle_imports WHERE bundle_uuid = ?",
                          (manifest.bundle_uuid,)).fetchone()
    return row is not None and row[0] == digest


def _import_one(db: Database, path: Path, options: ImportOptions) -> BundleReport:
    report = BundleReport(file=path)
    with Archive(path) as archive:
        manifest, raw = _open_manifest(archive)
        _describe(report, manifest)
        if options.expect and manifest.kind != options.expect:
            raise BundleError("BUNDLE_016", path=path, found=manifest.kind,
                              expected=options.expect)
        own = _own_key(db, manifest, options.key_dir)
        if own is not None and manifest.kind == SETUP:
            raise BundleError("BUNDLE_034", path=path)
        new_signer = check_signer(db, manifest, own_key=own, trust=options.trust)
        digest = hashlib.sha256(raw).hexdigest()
        if _already(db, manifest, digest):
            report.status = ALREADY
            report.skipped = len(manifest.submissions)
            return report
        _check_members(archive, manifest)
        content = _read(archive, manifest, db)
        stamp = clock.now()
        try:
            with announce(db_file(db), N_("importing the bundle {file}"), file=path.name), \
                    atomic(db):
                if new_signer:
                    record_trust(db, manifest.device_id, manifest.public_key,
                                 manifest.technician)
                    report.trusted_now = True
                applied = apply(db, content, archive, manifest.kind, stamp)
                for name in (f.name for f in fields(Applied)):
                    setattr(report, name, getattr(applied, name))
                summary = applied.counts()
                db.conn.execute(
                    "INSERT OR REPLACE INTO bundle_imports (bundle_uuid, kind, device_id,"
                    " technician, created_at, manifest_sha256, file_name, imported_at, summary)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (manifest.bundle_uuid, manifest.kind, manifest.device_id,
                     manifest.technician, manifest.created_at, digest, path.name, stamp,
                     json.dumps(summary)))
                if options.dry_run:
                    raise _Preview
        except _Preview:
            report.status = PREVIEW
            return report
    report.status = IMPORTED
    return report


_guarded_import = guarded(_import_one)


def import_bundle(db: Database, path: str | os.PathLike[str],
                  options: ImportOptions | None = None) -> BundleReport:
    """Import one bundle; a refused one comes back with its coded ``error`` (never raised)."""
    path = Path(path)
    try:
        return _guarded_import(db, path, options or ImportOptions())
    except FieldappError as exc:
        exc.context.setdefault("path", path)
        report = BundleReport(file=path, status=REFUSED, error=exc)
        _describe_quietly(report, path)
        return report


def _describe_quietly(report: BundleReport, path: Path) -> None:
    """Fill in who made a refused bundle when its manifest can still be read."""
    try:
        with Archive(path) as archive:
            _describe(report, parse(archive.read(MANIFEST, limit=MAX_MANIFEST)))
    except (FieldappError, OSError):
        pass


def import_bundles(db: Database, paths: Iterable[str | os.PathLike[str]],
                   options: ImportOptions | None = None) -> list[BundleReport]:
    """Import bundles one by one, each in its own transaction: a refused bundle does not
    stop the others.

    :raises BundleError: BUNDLE_032 for a folder without bundles
    """
    options = options or ImportOptions()
    files = bundle_files(paths)
    if options.before_import is not None and not options.dry_run and files:
        options.before_import(db)
    reports = []
    for done, path in enumerate(files):
        if options.progress is not None:
            options.progress(done, len(files), path)
        reports.append(import_bundle(db, path, options))
    if options.progress is not None:
        options.progress(len(files), len(files), files[-1] if files else Path())
    if options.score and any(r.added for r in reports if r.status == IMPORTED):
        # Scores are derived data: computed once the bundles are in, each in its own
        # transaction; one left out by a crash is found stale and computed next time.
        storedscores.recompute_scores(db, stale_only=True, progress=options.score_progress)
    return reports


def verify_bundle(path: str | os.PathLike[str], db: Database | None = None,
                  key_dir: Path | None = None) -> BundleReport:
    """Check a bundle through without writing: zip, manifest, signature, every checksum and
    every table (and, given this laptop's database, trust and references)."""
    path = Path(path)
    report = BundleReport(file=path)
    try:
        with Archive(path) as archive:
            manifest, _raw = _open_manifest(archive)
            _describe(report, manifest)
            _check_members(archive, manifest)
            tables = T.SETUP_TABLES if manifest.kind == SETUP else T.FIELD_TABLES
            for table in tables:
                for _row in iter_table(archive, table):
                    pass
            if db is not None:
                own = _own_key(db, manifest, key_dir)
                check_signer(db, manifest, own_key=own, trust=True)
                for _row in _read(archive, manifest, db).audit:
                    pass
    except FieldappError as exc:
        exc.context.setdefault("path", path)
        report.error = exc
        return report
    report.status = VERIFIED
    return report


def signer_of(path: str | os.PathLike[str]) -> Manifest:
    """The manifest of a bundle whose signature verifies (to trust its device).

    :raises BundleError: if the bundle cannot be read or its signature does not verify
    """
    with Archive(path) as archive:
        return _open_manifest(archive)[0]
