"""The forms a database knows: built-in workbooks registered on first use, coordinators'
workbooks added with ``forms add``, every version kept for the submissions that used it.

A layer between ``store/`` (which keeps the workbook bytes) and ``capture/``/``analysis/``
(which need the :class:`Form` of a submission). Listing and showing only read: they neither
register anything nor create a database.
"""

from __future__ import annotations

import hashlib
import logging
import weakref
from pathlib import Path

from fieldapp import paths
from fieldapp.errors import FormError, StoreError
from fieldapp.formatting import form_title
from fieldapp.forms.builtins import builtin_forms, builtin_paths
from fieldapp.forms.loader import read_workbook
from fieldapp.forms.model import Form, pick_text
from fieldapp.forms.workbooks import open_workbook
from fieldapp.store.connection import Database
from fieldapp.store.database import read_only
from fieldapp.store.formsreg import FormRecord, find_form, list_forms, register_form
from fieldapp.store.submissions import Submission

_log = logging.getLogger(__name__)
_ensured: "weakref.WeakSet[Database]" = weakref.WeakSet()


def ensure_builtin_forms(db: Database) -> None:
    """Register the built-in workbooks whose version is not in the database yet (once per
    open database)."""
    if db in _ensured:
        return
    if read_only(db):
        # a database opened only to read is never written; load_form falls back on the
        # workbooks shipped with the program for versions it does not hold
        return
    for path in builtin_paths():
        data = read_workbook(path)
        if _registered_bytes(db, data):
            continue
        form = open_workbook(path, data)
        record = find_form(db, form.form_id, form.version)
        if record is None or (record.builtin and record.sha256 != form.sha256):
            try:
                register_form(db, form_id=form.form_id, version=form.version,
                              workbook=data, file_name=path.name,
                              title=form.title_for(None), builtin=True, replace=True)
            except StoreError as exc:
                if exc.code != "STORE_041":
                    raise
                # a changed built-in workbook kept its version while submissions use the
                # stored one: keep that one, so those submissions read exactly as captured
                _log.warning("built-in %s %s changed without a new version; keeping the "
                             "stored workbook", form.form_id, form.version)
    if not db.conn.in_transaction:
        # Inside a caller's transaction the rows may still be rolled back (a bundle import
        # previewed): remembered only once they are committed, else the next call looks again.
        _ensured.add(db)


def add_form(db: Database, path: Path, data: bytes | None = None) -> Form:
    """Check a coordinator's workbook and register it (a new version keeps the old ones).
    The bytes stored are the bytes checked: ``data`` (the file's bytes, already read) or
    the file read once here.

    :raises FieldappError: if the workbook does not pass ``forms check``.
    """
    path = Path(path)
    data = read_workbook(path) if data is None else data
    form = open_workbook(path, data)
    register_form(db, form_id=form.form_id, version=form.version or "1", workbook=data,
                  file_name=path.name, title=form.title_for(None))
    return form


def load_form(db: Database, form_id: str, version: str | None = None) -> Form:
    """The form of a registered version (the latest when ``version`` is None), registering
    the built-in forms first.

    :raises FormError: if no such form is registered.
    """
    ensure_builtin_forms(db)
    record = find_form(db, form_id, version, with_workbook=False)
    if record is None:
        shipped = _shipped(form_id, version) if read_only(db) else None
        if shipped is not None:
            return shipped
        raise FormError("FORM_017", field=form_id if version is None else f"{form_id} {version}")
    if version is None and read_only(db):
        shipped = _shipped(form_id, None)
        if shipped is not None and find_form(db, form_id, shipped.version) is None:
            return shipped  # the program's newer built-in, not yet registered here
    return _open_record(db, record)


def _shipped(form_id: str, version: str | None) -> Form | None:
    """The built-in workbook of the program for ``form_id`` (at ``version``, if given)."""
    for form in builtin_forms():
        if form.form_id == form_id and version in (None, form.version):
            return form
    return None


def form_of(db: Database, submission: Submission) -> Form:
    """The form (exact version) a stored submission was captured with."""
    return load_form(db, submission.form_id, submission.form_version)


# Forms opened from stored workbooks in this process, by the workbook's SHA-256 and suffix:
# the bytes under a hash never change, so the form read and checked once serves every later
# open without going back to the file (a feedback report opens the same two forms a dozen
# times).
_opened: dict[tuple[str, str], Form] = {}


def _open_record(db: Database, record: FormRecord) -> Form:
    """The form of a stored workbook (see ``_read_record``), read once per process."""
    suffix = Path(record.file_name).suffix or ".xlsx"
    key = (record.sha256, suffix)
    form = _opened.get(key)
    if form is None:
        form = _read_record(db, record, suffix)
        if len(_opened) > 64:
            _opened.clear()
        _opened[key] = form
    return form


def _read_record(db: Database, record: FormRecord, suffix: str) -> Form:
    """The form of a stored workbook. Its bytes are written once to the cache folder under
    their SHA-256, so the parsed-form cache serves every later open."""
    folder = paths.user_cache_dir() / "workbooks"
    target = folder / f"{record.sha256}{suffix}"
    if target.exists():
        return open_workbook(target)
    full = find_form(db, record.form_id, record.version, with_workbook=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(full.workbook or b"")
        tmp.replace(target)
    except OSError:  # a full or unwritable cache folder: read the stored bytes directly
        return open_workbook(target, full.workbook or b"")
    return open_workbook(target)


def _registered_bytes(db: Database, data: bytes) -> bool:
    """Whether these exact built-in workbook bytes are registered: then there is no need to
    parse the workbook (a second or more at a first start, with the parsed-form cache still
    empty) to learn its version."""
    return db.conn.execute("SELECT 1 FROM forms WHERE sha256 = ? AND builtin = 1",
                           [hashlib.sha256(data).hexdigest()]).fetchone() is not None


def _unregistered_builtins(db: Database | None) -> list[Form]:
    """The built-in forms whose version the database does not hold yet (all without one):
    the next ``ensure_builtin_forms`` makes them the latest."""
    if db is None:
        return builtin_forms()
    found = []
    for path in builtin_paths():
        data = read_workbook(path)
        if _registered_bytes(db, data):
            continue
        form = open_workbook(path, data)
        if find_form(db, form.form_id, form.version) is None:
            found.append(form)
    return found


def available_forms(db: Database | None) -> list[dict[str, object]]:
    """The latest version of every form (form_id, version, title, builtin), by form_id;
    only reads (``db`` None: no database yet, the built-in forms)."""
    latest: dict[str, dict[str, object]] = {}
    for record in list_forms(db) if db is not None else []:
        latest[record.form_id] = {"form_id": record.form_id, "version": record.version,
                                  "title": record.title, "builtin": record.builtin}
    for form in _unregistered_builtins(db):
        latest[form.form_id] = {"form_id": form.form_id, "version": form.version,
                                "title": form.title_for(None), "builtin": True}
    return [latest[key] for key in sorted(latest)]


def latest_form(db: Database | None, form_id: str) -> Form:
    """The latest version of a form, as :func:`available_forms` lists it; only reads.

    :raises FormError: FORM_017 if there is no such form.
    """
    for form in _unregistered_builtins(db):
        if form.form_id == form_id:
            return form
    record = find_form(db, form_id, with_workbook=False) if db is not None else None
    if record is None:
        raise FormError("FORM_017", field=form_id)
    return _open_record(db, record)


def title_of(form: Form, lang: str | None) -> str:
    """A form's display name: a built-in one in the interface language, others their
    workbook title in the form language ``lang``."""
    return form_title(form.form_id, pick_text(form.title, lang, form.default_language))
