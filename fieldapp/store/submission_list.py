"""The submissions of one organization and round, a page at a time, for screens that list
them: a home screen must not read, format and insert 30,000 rows to show the first 20."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from fieldapp.store.connection import Database
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


def _matching(search: str) -> tuple[str, list[str]]:
    """The SQL condition (and its parameters) for a typed search: respondent or technician
    contains it, accents and case aside, or the UUID starts with it."""
    raw = f"%{_escape_like(search.lower())}%"
    folded = f"%{_escape_like(fold(search))}%"
    parts, params = [], []
    for column in ("coalesce(respondent, '')", "technician"):
        # LIKE ignores ASCII case in C; folding (in Python) is only needed for the rows
        # with other letters, where length in characters differs from length in bytes.
        parts.append(f"{column} LIKE ? ESCAPE '\\' OR {column} LIKE ? ESCAPE '\\' OR"
                     f" (length({column}) != length(CAST({column} AS BLOB))"
                     f" AND fieldapp_fold({column}) LIKE ? ESCAPE '\\')")
        params += [raw, folded, folded]
    parts.append("uuid LIKE ? ESCAPE '\\'")
    params.append(f"{_escape_like(search.lower())}%")
    return "(" + " OR ".join(parts) + ")", params


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
    form. ``search`` keeps those whose respondent or technician contains it (accents and case
    aside) or whose UUID starts with it.
    """
    where = ["org_id = ?", "round_id = ?", "deleted = 0"]
    params: list = [org, round]
    if search.strip():
        condition, more = _matching(search.strip())
        where.append(condition)
        params += more
    sql_where = " WHERE " + " AND ".join(where)
    counts = dict(db.conn.execute(
        "SELECT form_id, count(*) FROM submissions" + sql_where + " GROUP BY form_id", params))
    # One query per form, each read in index order (submissions_listing), instead of one
    # query sorting every submission of the organization by form rank.
    groups = [([form_id], counts.get(form_id, 0)) for form_id in form_order]
    others = [form_id for form_id in counts if form_id not in form_order]
    groups.append((others, sum(counts[form_id] for form_id in others)))
    found: list[Submission] = []
    skip, wanted = offset, limit
    for form_ids, count in groups:
        if wanted <= 0:
            break
        if skip >= count:
            skip -= count
            continue
        marks = ", ".join("?" * len(form_ids))
        part = rows(db, "SELECT * FROM submissions" + sql_where + f" AND form_id IN ({marks})"
                    " ORDER BY updated_at DESC, uuid DESC LIMIT ? OFFSET ?",
                    [*params, *form_ids, wanted, skip])
        found += [_submission(r) for r in part]
        wanted -= len(part)
        skip = 0
    return SubmissionPage(found, offset, sum(counts.values()))
