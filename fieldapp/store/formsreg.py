"""The form registry: every version of every form used, with its workbook bytes and SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from fieldapp.errors import StoreError
from fieldapp.store import clock
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded, rows

_COLUMNS = "form_id, version, title, sha256, file_name, added_at, builtin"


@dataclass(slots=True)
class FormRecord:
    """A registered form version; ``workbook`` is loaded only when asked for."""

    form_id: str
    version: str
    title: str
    sha256: str
    file_name: str
    added_at: str
    builtin: bool = False
    workbook: bytes | None = None


def _record(row: dict) -> FormRecord:
    row["builtin"] = bool(row["builtin"])
    return FormRecord(**row)


@guarded
def find_form(
    db: Database, form_id: str, version: str | None = None, *, with_workbook: bool = False
) -> FormRecord | None:
    """The form version (the latest registered when ``version`` is None), or None."""
    columns = _COLUMNS + (", workbook" if with_workbook else "")
    sql = f"SELECT {columns} FROM forms WHERE form_id = ?"
    params: tuple = (form_id,)
    if version is not None:
        sql += " AND version = ?"
        params += (version,)
    found = rows(db, sql + " ORDER BY added_at DESC, rowid DESC LIMIT 1", params)
    return _record(found[0]) if found else None


def get_form(
    db: Database, form_id: str, version: str | None = None, *, with_workbook: bool = False
) -> FormRecord:
    """Like ``find_form``, but a missing form is an error.

    :raises StoreError: STORE_040 if that form version is not registered
    """
    found = find_form(db, form_id, version, with_workbook=with_workbook)
    if found is None:
        raise StoreError("STORE_040", form_id=form_id, version=version or "")
    return found


@guarded
def list_forms(db: Database, form_id: str | None = None) -> list[FormRecord]:
    """The registered form versions (without workbooks), by form id, oldest version first."""
    where = " WHERE form_id = ?" if form_id is not None else ""
    params = (form_id,) if form_id is not None else ()
    sql = f"SELECT {_COLUMNS} FROM forms{where} ORDER BY form_id, added_at, rowid"
    return [_record(row) for row in rows(db, sql, params)]


@guarded
def register_form(
    db: Database,
    *,
    form_id: str,
    version: str,
    workbook: bytes,
    file_name: str,
    title: str = "",
    builtin: bool = False,
    replace: bool = False,
) -> FormRecord:
    """Store a form version; registering the same workbook again changes nothing.

    :param replace: let a different workbook replace a version no submission uses yet
      (the built-in forms while they are being written)
    :raises StoreError: STORE_041 if the version exists with a different workbook
    """
    sha = hashlib.sha256(workbook).hexdigest()
    with atomic(db):
        old = find_form(db, form_id, version)
        if old is not None and old.sha256 == sha:
            return old
        if old is not None:
            used = db.conn.execute(
                "SELECT 1 FROM submissions WHERE form_id = ? AND form_version = ? LIMIT 1",
                (form_id, version),
            ).fetchone()
            if not replace or used:
                raise StoreError("STORE_041", form_id=form_id, version=version)
        db.conn.execute(
            "INSERT OR REPLACE INTO forms (form_id, version, title, sha256, workbook,"
            " file_name, added_at, builtin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (form_id, version, title, sha, workbook, file_name, clock.now(), int(builtin)),
        )
    return get_form(db, form_id, version)
