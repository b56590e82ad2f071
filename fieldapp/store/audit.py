"""The append-only audit log: who changed which field of which submission, when, from what to what.

The database refuses UPDATE and DELETE on it (triggers in ``db/0001_initial.sql``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from fieldapp.store.connection import Database
from fieldapp.store.database import guarded, rows

# Device and technician default to this laptop's settings, read inside the same statement
# so the autosave path needs no extra round trip.
INSERT_SQL = (
    "INSERT INTO audit (at, device_id, technician, uuid, path, old, new, action, revision, note)"
    " VALUES (:at,"
    " COALESCE(:device_id, (SELECT value FROM settings WHERE key = 'device_id'), ''),"
    " COALESCE(:technician, (SELECT value FROM settings WHERE key = 'technician'), ''),"
    " :uuid, :path, :old, :new, :action, :revision, :note)"
)


@dataclass(slots=True)
class AuditEntry:
    """One audited change; ``path`` is None for whole-submission actions."""

    id: int
    at: str
    device_id: str
    technician: str
    uuid: str | None
    path: str | None
    old: str | None
    new: str | None
    action: str
    revision: int | None
    note: str | None


def entry(
    *,
    at: str,
    uuid: str,
    action: str,
    revision: int,
    path: str | None = None,
    old: str | None = None,
    new: str | None = None,
    note: str | None = None,
    device_id: str | None = None,
    technician: str | None = None,
) -> dict:
    """The parameters of one audit row for ``INSERT_SQL``."""
    return {
        "at": at, "uuid": uuid, "action": action, "revision": revision, "path": path,
        "old": old, "new": new, "note": note, "device_id": device_id, "technician": technician,
    }


def record(db: Database, entries: Iterable[dict]) -> None:
    """Append audit rows (inside the caller's transaction)."""
    db.conn.executemany(INSERT_SQL, entries)


@guarded
def audit_trail(db: Database, uuid: str) -> list[AuditEntry]:
    """Every audited change of one submission, oldest first."""
    found = rows(db, "SELECT * FROM audit WHERE uuid = ? ORDER BY id", (uuid,))
    return [AuditEntry(**row) for row in found]
