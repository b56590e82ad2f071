"""Values measured outside fieldapp (a 2022 baseline on paper, an allies' survey) and the
target of each indicator (instruments.md §5.8)."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.errors import InputError
from fieldapp.store import clock
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded, rows
from fieldapp.store.values import parse_year

LEVELS = ("network", "country", "organization")


@dataclass(slots=True)
class ExternalValue:
    """An indicator's value entered by hand: at a ``level`` (``unit`` = '' for the network,
    the country code, or the organization id), in a ``year``, with its n and 95% interval
    where known, and where it comes from."""

    indicator: str
    level: str
    unit: str
    year: int
    value: float
    n: int | None = None
    low: float | None = None
    high: float | None = None
    source: str = ""
    updated_at: str = ""


@dataclass(slots=True)
class TargetSetting:
    """The target set for an indicator: ``value`` on its scale, or None for "above the
    baseline"."""

    indicator: str
    value: float | None
    note: str = ""
    updated_at: str = ""


def check_external(value: ExternalValue) -> ExternalValue:
    """The value checked and normalized (stripped code, unit '' for the network).

    :raises InputError: naming the wrong field
    """
    value.indicator = (value.indicator or "").strip()
    if not value.indicator:
        raise InputError("IND_001", field="indicator")
    value.level = (value.level or "").strip().lower()
    if value.level not in LEVELS:
        raise InputError("IND_002", field="level", value=value.level,
                         choices=", ".join(LEVELS))
    value.unit = (value.unit or "").strip()
    if value.level == "network":
        value.unit = ""
    elif not value.unit:
        raise InputError("IND_003", field="unit", level=value.level)
    if value.level == "country":
        value.unit = value.unit.upper()
    value.year = parse_year(value.year)
    if value.n is not None and value.n < 0:
        raise InputError("IND_004", field="n", value=value.n)
    for name in ("value", "low", "high"):
        number = getattr(value, name)
        if number is not None and not -1e9 < number < 1e9:
            raise InputError("IND_005", field=name, value=number)
    if value.low is not None and value.high is not None and not value.low <= value.value <= value.high:
        raise InputError("IND_006", field="low", value=value.value, low=value.low,
                         high=value.high)
    value.source = " ".join((value.source or "").split())
    return value


@guarded
def save_external_values(db: Database, values: list[ExternalValue]) -> int:
    """Add or replace external values (same indicator, level, unit and year), all or none."""
    stamp = clock.now()
    checked = [check_external(v) for v in values]
    with atomic(db):
        for v in checked:
            v.updated_at = stamp
            db.conn.execute(
                "INSERT INTO external_values (indicator, level, unit, year, value, n, low, high,"
                " source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (indicator, level, unit, year) DO UPDATE SET value = excluded.value,"
                " n = excluded.n, low = excluded.low, high = excluded.high,"
                " source = excluded.source, updated_at = excluded.updated_at",
                (v.indicator, v.level, v.unit, v.year, v.value, v.n, v.low, v.high, v.source,
                 v.updated_at))
    return len(checked)


@guarded
def delete_external_value(db: Database, indicator: str, level: str, unit: str, year: int) -> bool:
    """Remove one external value; False when there was none."""
    with atomic(db):
        cursor = db.conn.execute(
            "DELETE FROM external_values WHERE indicator = ? AND level = ? AND unit = ?"
            " AND year = ?", (indicator, level, "" if level == "network" else unit, year))
    return cursor.rowcount > 0


@guarded
def list_external_values(db: Database, indicator: str | None = None) -> list[ExternalValue]:
    """The external values (of one indicator), by indicator, level, unit and year."""
    where = " WHERE indicator = ?" if indicator else ""
    found = rows(db, "SELECT * FROM external_values" + where
                 + " ORDER BY indicator, level, unit, year", (indicator,) if indicator else ())
    return [ExternalValue(**row) for row in found]


@guarded
def find_external_value(db: Database, indicator: str, level: str, unit: str,
                        year: int | None = None) -> ExternalValue | None:
    """The external value for this indicator and unit in ``year`` (or the latest year)."""
    unit = "" if level == "network" else unit
    sql = "SELECT * FROM external_values WHERE indicator = ? AND level = ? AND unit = ?"
    params: list[object] = [indicator, level, unit]
    if year is not None:
        sql += " AND year = ?"
        params.append(year)
    found = rows(db, sql + " ORDER BY year DESC LIMIT 1", params)
    return ExternalValue(**found[0]) if found else None


@guarded
def set_target(db: Database, indicator: str, value: float | None, note: str = "") -> TargetSetting:
    """Set the target of an indicator (None = above the baseline)."""
    indicator = (indicator or "").strip()
    if not indicator:
        raise InputError("IND_001", field="indicator")
    if value is not None and not -1e9 < value < 1e9:
        raise InputError("IND_005", field="value", value=value)
    stamp = clock.now()
    with atomic(db):
        db.conn.execute(
            "INSERT INTO indicator_targets (indicator, value, note, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (indicator) DO UPDATE SET value = excluded.value, note = excluded.note,"
            " updated_at = excluded.updated_at", (indicator, value, " ".join(note.split()), stamp))
    return TargetSetting(indicator, value, " ".join(note.split()), stamp)


@guarded
def clear_target(db: Database, indicator: str) -> bool:
    """Forget the target set for an indicator (its default applies again)."""
    with atomic(db):
        cursor = db.conn.execute("DELETE FROM indicator_targets WHERE indicator = ?", (indicator,))
    return cursor.rowcount > 0


@guarded
def list_targets(db: Database) -> dict[str, TargetSetting]:
    """The targets set in this database, by indicator."""
    return {row["indicator"]: TargetSetting(**row)
            for row in rows(db, "SELECT * FROM indicator_targets ORDER BY indicator")}
