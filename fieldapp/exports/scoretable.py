"""The scores table of an export: one row per organization × round × score of the form."""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from fieldapp.analysis.orgscores import org_round_scores
from fieldapp.exports.rows import Record
from fieldapp.store.connection import Database


def score_rows(db: Database, form_id: str, records: Sequence[Record], *,
               labels: str | None = None,
               tick: Callable[[], None] | None = None) -> Iterator[list]:
    """Rows of the scores table (see ``layout.SCORE_COLUMNS``) for the organizations and rounds
    of ``records``, in their order; ``tick()`` is called once per organization and round."""
    seen: dict[tuple[str, str], Record] = {}
    for record in records:
        seen.setdefault((record.org_id, record.round_id), record)
    for (org_id, round_id), record in seen.items():
        result = org_round_scores(db, org_id, round_id, lang=labels)
        if tick is not None:
            tick()
        form = result.form(form_id)
        for score in form.scores if form is not None else []:
            yield [record.org_id, record.org_name, record.org_type, record.country,
                   record.round_id, record.round_year, score.name, score.label,
                   score.kind, score.value, score.n, score.x, score.low, score.high,
                   score.excluded, score.status, score.band, score.target]
