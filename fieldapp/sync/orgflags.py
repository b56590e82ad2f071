"""Organizations typed twice (same name, different codes, from different laptops): flagged on
import for a person to merge, never merged silently."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded, rows


@dataclass(slots=True)
class OrgFlag:
    """Two organization codes that look like one organization."""

    org_a: str
    org_b: str
    name: str
    flagged_at: str
    status: str

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


@guarded
def list_org_flags(db: Database, *, include_dismissed: bool = False) -> list[OrgFlag]:
    """The pairs of organizations flagged as possibly the same one."""
    where = "" if include_dismissed else " WHERE status = 'open'"
    return [OrgFlag(**r) for r in rows(db, f"SELECT * FROM org_flags{where} ORDER BY name")]


@guarded
def dismiss_org_flag(db: Database, org_a: str, org_b: str) -> None:
    """Mark a flagged pair as two different organizations after all."""
    pair = tuple(sorted((org_a, org_b)))
    with atomic(db):
        db.conn.execute("UPDATE org_flags SET status = 'dismissed' WHERE org_a = ? AND org_b = ?",
                        pair)
