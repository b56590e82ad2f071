"""The network's indicator tables as rows of the SQLite copy: every round against its baseline,
for the whole network and for each country (the ``indicators`` command's table, flattened)."""

from __future__ import annotations

from typing import Iterator

from fieldapp.analysis.indicators import indicator_table
from fieldapp.analysis.results import Estimate, IndicatorRow, IndicatorTable
from fieldapp.store.connection import Database

INDICATOR_COLUMNS = (
    "round_id", "baseline_round_id", "level", "country", "code", "label", "breakdown",
    "category", "category_label",
    "current", "current_n", "current_x", "current_low", "current_high", "current_method",
    "current_suppressed",
    "baseline", "baseline_n", "baseline_low", "baseline_high", "baseline_source",
    "difference", "difference_unit", "difference_low", "difference_high", "p_value", "test",
    "significant", "target", "target_rule", "target_met", "notes",
)
INDICATOR_SCHEMA = f"CREATE TABLE indicators ({', '.join(INDICATOR_COLUMNS)})"


def indicator_rows(db: Database, lang: str) -> Iterator[tuple]:
    """Rows of the ``indicators`` table: each round (oldest first) for the network and for
    each country that has organizations; labels in ``lang``."""
    rounds = [r[0] for r in db.conn.execute("SELECT id FROM rounds ORDER BY year, id")]
    countries = [r[0] for r in db.conn.execute(
        "SELECT DISTINCT country FROM organizations ORDER BY country")]
    for round_id in rounds:
        for country in [None, *countries]:
            table = indicator_table(db, round_id, country=country)
            yield from _rows(table, lang)


def _rows(table: IndicatorTable, lang: str) -> Iterator[tuple]:
    level = table.scope.level
    for row in table.rows:
        yield (table.round.id, table.baseline.id if table.baseline else None, level,
               table.scope.country, row.code, row.label_text(), row.group, row.category,
               row.category_text(lang) if row.category else None,
               *_estimate(row.current, True), *_estimate(row.baseline, False),
               row.baseline_source.round_id or (row.baseline_source.note or None)
               if row.baseline_source.kind != "none" else None,
               *_difference(row), *_target(row),
               "; ".join(note.text() for note in row.notes) or None)


def _estimate(found: Estimate | None, full: bool) -> tuple:
    if found is None:
        return (None,) * (7 if full else 4)
    if full:
        return (found.value, found.n, found.x, found.low, found.high, found.method,
                int(found.suppressed))
    return found.value, found.n, found.low, found.high


def _difference(row: IndicatorRow) -> tuple:
    found = row.difference
    if found is None:
        return (None,) * 7
    return (found.value, found.unit, found.low, found.high, found.p_value, found.test,
            None if found.significant is None else int(found.significant))


def _target(row: IndicatorRow) -> tuple:
    found = row.target
    if found is None:
        return None, None, None
    return found.value, found.rule, None if found.met is None else int(found.met)
