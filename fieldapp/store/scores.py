"""Stored scores: each final submission's scores, written once, read by the indicators.

Rows are replaced as a whole per submission (one transaction); ``revision`` says which
revision of the submission they were computed on, so a copy changed without a recomputation
is seen as stale, never read as current.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from fieldapp.forms.scores import ScoreResults
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded

_INSERT = (
    "INSERT INTO submission_scores (uuid, name, form_id, form_version, revision, kind, value,"
    " status, raw_mean, answered, applicable, rescale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
RESCALE_KEY = "rescale:{form_id}:{score}"  # a settings key: the network's choice (§5.7)


@dataclass(slots=True)
class StoredScore:
    """One stored score of one submission, as read back."""

    uuid: str
    name: str
    form_id: str
    form_version: str
    revision: int
    kind: str
    value: float | None
    status: str
    raw_mean: float | None
    answered: int
    applicable: int
    rescale: str


@guarded
def write_scores(db: Database, uuid: str, *, form_id: str, form_version: str, revision: int,
                 results: ScoreResults, rescales: dict[str, str] | None = None) -> int:
    """Replace the stored scores of submission ``uuid`` with ``results``; return how many."""
    rescales = rescales or {}
    rows = [(uuid, v.name, form_id, form_version, revision, v.kind, v.value, v.status,
             v.raw_mean, v.answered, v.applicable, rescales.get(v.name, "range"))
            for v in results]
    with atomic(db):
        db.conn.execute("DELETE FROM submission_scores WHERE uuid = ?", (uuid,))
        db.conn.executemany(_INSERT, rows)
    return len(rows)


@guarded
def delete_scores(db: Database, uuid: str) -> None:
    """Forget the stored scores of a submission (it is no longer final)."""
    with atomic(db):
        db.conn.execute("DELETE FROM submission_scores WHERE uuid = ?", (uuid,))


@guarded
def read_scores(db: Database, uuid: str) -> dict[str, StoredScore]:
    """The stored scores of one submission by name ({} when none are stored)."""
    cursor = db.conn.execute(
        "SELECT uuid, name, form_id, form_version, revision, kind, value, status, raw_mean,"
        " answered, applicable, rescale FROM submission_scores WHERE uuid = ?", (uuid,))
    return {row[1]: StoredScore(*row) for row in cursor}


@guarded
def stale_submissions(db: Database, form_ids: Iterable[str] | None = None) -> list[str]:
    """Final submissions (of ``form_ids``, default all) with no scores stored for their
    current revision: the ones a recomputation must cover."""
    sql = ("SELECT s.uuid FROM submissions s WHERE s.status = 'final' AND s.deleted = 0"
           " AND NOT EXISTS (SELECT 1 FROM submission_scores sc WHERE sc.uuid = s.uuid"
           " AND sc.revision = s.revision)")
    params: list[str] = []
    if form_ids is not None:
        ids = list(form_ids)
        sql += f" AND s.form_id IN ({', '.join('?' * len(ids))})"
        params = ids
    return [row[0] for row in db.conn.execute(sql + " ORDER BY s.uuid", params)]


@guarded
def rescale_choices(db: Database, form_id: str) -> dict[str, str]:
    """The rescale method the network chose per score of ``form_id`` (§5.7), overriding the
    workbook's ``rescale`` column: ``{score: "range" | "max"}``."""
    prefix = RESCALE_KEY.format(form_id=form_id, score="")
    cursor = db.conn.execute(
        "SELECT key, value FROM settings WHERE key >= ? AND key < ?", (prefix, prefix + "\uffff"))
    return {key[len(prefix):]: value for key, value in cursor}


@guarded
def set_rescale_choice(db: Database, form_id: str, score: str, method: str | None) -> None:
    """Record (or with None, forget) the network's rescale method for one score."""
    key = RESCALE_KEY.format(form_id=form_id, score=score)
    with atomic(db):
        if method is None:
            db.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            db.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, method))
