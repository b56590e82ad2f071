"""Assessment rounds ("Línea base 2022", "2024"); exactly one of them is the baseline."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.errors import StoreError
from fieldapp.store import clock
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded, rows
from fieldapp.store.values import clean_id, clean_text, parse_year


@dataclass(slots=True)
class Round:
    """One assessment round."""

    id: str
    name: str
    year: int
    is_baseline: bool = False
    created_at: str = ""
    updated_at: str = ""


def _round(row: dict) -> Round:
    row["is_baseline"] = bool(row["is_baseline"])
    return Round(**row)


@guarded
def find_round(db: Database, round_id: str) -> Round | None:
    """The round with this id, or None."""
    found = rows(db, "SELECT * FROM rounds WHERE id = ?", (round_id,))
    return _round(found[0]) if found else None


def get_round(db: Database, round_id: str) -> Round:
    """The round with this id.

    :raises StoreError: STORE_011 if there is none
    """
    found = find_round(db, round_id)
    if found is None:
        raise StoreError("STORE_011", id=round_id)
    return found


@guarded
def list_rounds(db: Database) -> list[Round]:
    """All rounds, oldest year first."""
    return [_round(row) for row in rows(db, "SELECT * FROM rounds ORDER BY year, name, id")]


@guarded
def baseline_round(db: Database) -> Round | None:
    """The baseline round (None while there are no rounds)."""
    found = rows(db, "SELECT * FROM rounds WHERE is_baseline = 1")
    return _round(found[0]) if found else None


def _make_baseline(db: Database, round_id: str, stamp: str) -> None:
    db.conn.execute(
        "UPDATE rounds SET is_baseline = 0, updated_at = ? WHERE is_baseline = 1 AND id <> ?",
        (stamp, round_id),
    )
    db.conn.execute(
        "UPDATE rounds SET is_baseline = 1, updated_at = ? WHERE id = ? AND is_baseline = 0",
        (stamp, round_id),
    )


@guarded
def add_round(
    db: Database, *, id: object, name: object, year: object, baseline: bool = False
) -> Round:
    """Store a new round; the first round, or one added with ``baseline``, is the baseline.

    :raises StoreError: STORE_026 if the id exists, or naming the wrong field
    """
    new = Round(id=clean_id(id), name=clean_text(name, "name"), year=parse_year(year))
    stamp = clock.now()
    with atomic(db):
        if find_round(db, new.id) is not None:
            raise StoreError("STORE_026", id=new.id)
        db.conn.execute(
            "INSERT INTO rounds (id, name, year, is_baseline, created_at, updated_at)"
            " VALUES (?, ?, ?, 0, ?, ?)",
            (new.id, new.name, new.year, stamp, stamp),
        )
        if baseline or baseline_round(db) is None:
            _make_baseline(db, new.id, stamp)
    return get_round(db, new.id)


@guarded
def update_round(
    db: Database,
    round_id: str,
    *,
    name: object = None,
    year: object = None,
    baseline: bool | None = None,
) -> Round:
    """Rename a round, change its year, or make it the baseline (None = keep).

    :raises StoreError: STORE_011 if there is none; STORE_029 when unmarking the baseline
    """
    stamp = clock.now()
    with atomic(db):
        old = get_round(db, round_id)
        if baseline is False and old.is_baseline:
            raise StoreError("STORE_029", id=round_id)
        new_name = clean_text(name, "name") if name is not None else old.name
        new_year = parse_year(year) if year is not None else old.year
        if (new_name, new_year) != (old.name, old.year):
            db.conn.execute(
                "UPDATE rounds SET name = ?, year = ?, updated_at = ? WHERE id = ?",
                (new_name, new_year, stamp, round_id),
            )
        if baseline:
            _make_baseline(db, round_id, stamp)
    return get_round(db, round_id)
