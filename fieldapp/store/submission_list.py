"""The submissions of one organization and round, a page at a time, for screens that list
them: a home screen must not read, format and insert 30,000 rows to show the first 20."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlite_utils import Database

from fieldapp.store.database import guarded, rows
from fieldapp.store.submissions import Submission, _submission
from fieldapp.store.values import fold

PAGE = 200  # rows per page: a few screens' worth


@dataclass(slots=True)
class SubmissionPage:
    """Some of the submissions matching a listing, and how many match in all."""

    rows: list[Submission]
    offset: int
    total: int

    @property
    def more(self) -> bool:
        """Whether rows beyond this page match."""
        return self.offset + len(self.rows) < self.total


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@guarded
def submission_page(
    db: Database,
    *,
    org: str,
    round: str,
    form_order: Sequence[str] = (),
    search: str = "",
    offset: int = 0,
    limit: int = PAGE,
) -> SubmissionPage:
    """Submissions of ``org`` in ``round`` (not deleted): those of the forms in
    ``form_order`` first, in that order, then any other form; newest change first within a
    form. ``search`` keeps those whose respondent, technician or UUID contains it (accents
    and case aside).
    """
    where = ["org_id = ?", "round_id = ?", "deleted = 0"]
    params: list = [org, round]
    text = search.strip()
    if text:
        pattern = f"%{_escape_like(fold(text))}%"
        where.append("(fieldapp_fold(coalesce(respondent, '')) LIKE ? ESCAPE '\\'"
                     " OR fieldapp_fold(technician) LIKE ? ESCAPE '\\' OR uuid LIKE ? ESCAPE '\\')")
        params += [pattern, pattern, f"{_escape_like(text.lower())}%"]
    sql_where = " WHERE " + " AND ".join(where)
    total = db.conn.execute("SELECT count(*) FROM submissions" + sql_where, params).fetchone()[0]
    rank = " ".join(f"WHEN ? THEN {i}" for i in range(len(form_order)))
    order = (f"CASE form_id {rank} ELSE {len(form_order)} END, " if form_order else "")
    found = rows(db, "SELECT * FROM submissions" + sql_where + " ORDER BY " + order
                 + "updated_at DESC, coalesce(respondent, '') DESC, uuid DESC LIMIT ? OFFSET ?",
                 [*params, *form_order, limit, offset])
    return SubmissionPage([_submission(r) for r in found], offset, total)
