"""The forms a database knows: built-in workbooks registered on first use, coordinators'
workbooks added with ``forms add``, every version kept for the submissions that used it."""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

from sqlite_utils import Database

from fieldapp import paths
from fieldapp.errors import FormError, StoreError
from fieldapp.forms.catalog import builtin_paths, open_form
from fieldapp.forms.model import Form, pick_text
from fieldapp.store.formsreg import find_form, list_forms, register_form
from fieldapp.store.submissions import Submission


_log = logging.getLogger(__name__)
_ensured: "weakref.WeakSet[Database]" = weakref.WeakSet()


def ensure_builtin_forms(db: Database) -> None:
    """Register the built-in workbooks whose version is not in the database yet (once per
    open database)."""
    if db in _ensured:
        return
    for path in builtin_paths():
        form = open_form(path)
        record = find_form(db, form.form_id, form.version)
        if record is None or (record.builtin and record.sha256 != form.sha256):
            try:
                register_form(db, form_id=form.form_id, version=form.version,
                              workbook=path.read_bytes(), file_name=path.name,
                              title=form.title_for(None), builtin=True, replace=True)
            except StoreError as exc:
                if exc.code != "STORE_041":
                    raise
                # a changed built-in workbook kept its version while submissions use the
                # stored one: keep that one, so those submissions read exactly as captured
                _log.warning("built-in %s %s changed without a new version; keeping the "
                             "stored workbook", form.form_id, form.version)
    _ensured.add(db)


def add_form(db: Database, path: Path) -> Form:
    """Check a coordinator's workbook and register it (a new version keeps the old ones).

    :raises FieldappError: if the workbook does not pass ``forms check``.
    """
    form = open_form(Path(path))
    register_form(db, form_id=form.form_id, version=form.version or "1",
                  workbook=Path(path).read_bytes(), file_name=Path(path).name,
                  title=form.title_for(None))
    return form


def load_form(db: Database, form_id: str, version: str | None = None) -> Form:
    """The form of a registered version (the latest when ``version`` is None).

    The workbook bytes are written once to the cache folder under their SHA-256, so the
    parsed-form cache serves every later open.

    :raises FormError: if no such form is registered.
    """
    ensure_builtin_forms(db)
    record = find_form(db, form_id, version, with_workbook=False)
    if record is None:
        raise FormError("FORM_017", field=form_id if version is None else f"{form_id} {version}")
    folder = paths.user_cache_dir() / "workbooks"
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(record.file_name).suffix or ".xlsx"
    target = folder / f"{record.sha256}{suffix}"
    if not target.exists():
        full = find_form(db, form_id, record.version, with_workbook=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(full.workbook or b"")
        tmp.replace(target)
    return open_form(target)


def form_of(db: Database, submission: Submission) -> Form:
    """The form (exact version) a stored submission was captured with."""
    return load_form(db, submission.form_id, submission.form_version)


def available_forms(db: Database) -> list[dict[str, object]]:
    """The latest version of every registered form: form_id, version, title, builtin."""
    ensure_builtin_forms(db)
    latest: dict[str, dict[str, object]] = {}
    for record in list_forms(db):
        latest[record.form_id] = {"form_id": record.form_id, "version": record.version,
                                  "title": record.title, "builtin": record.builtin}
    return list(latest.values())


def form_title(form: Form, lang: str | None) -> str:
    return pick_text(form.title, lang, form.default_language) or form.form_id
