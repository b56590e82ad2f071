"""Laptops for sync tests: real database files, a coordinator's setup bundle, submissions
filled through the capture path, and full dumps to compare databases."""

from __future__ import annotations

import random
from pathlib import Path

from fieldapp.capture.fill import fill_submission
from fieldapp.demo import ORGANIZATIONS, SURVEY, _respondent
from fieldapp.registry import ensure_builtin_forms
from fieldapp.store import submissions as subs
from fieldapp.store.connection import Database
from fieldapp.store.database import open_db
from fieldapp.store.identity import set_technician
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.sync import ImportOptions, export_bundle, import_bundle

ORGS = ORGANIZATIONS[:3]
ROUND = "R2024"

# Columns that only say when or in which order this laptop did something.
LOCAL_ONLY = {
    "audit": ("id",),
    "conflicts": ("detected_at",),
    "org_flags": ("flagged_at",),
    # a built-in form is registered by whatever first needs it here, at that time
    "forms": ("added_at",),
}
SHARED_TABLES = ("organizations", "rounds", "forms", "submissions", "answers", "revisions",
                 "merged_revisions", "audit", "attachments", "submission_attachments",
                 "conflicts", "org_flags")


def laptop(folder: Path, name: str, technician: str | None = None) -> Database:
    """A new laptop's database in ``folder``."""
    db = open_db(folder / f"{name}.db")
    set_technician(db, technician or name)
    return db


def coordinator(folder: Path) -> Database:
    """A coordinator's laptop with the built-in forms, three organizations and two rounds."""
    db = laptop(folder, "coordinator", "Coordinación")
    ensure_builtin_forms(db)
    add_round(db, id="LB2022", name="Línea base 2022", year=2022, baseline=True)
    add_round(db, id=ROUND, name="Seguimiento 2024", year=2024)
    for org in ORGS:
        add_organization(db, id=org.id, name=org.name, type=org.type, country=org.country,
                         products=org.product, women=org.women, men=org.men)
    return db


def technician_from(setup: Path, folder: Path, name: str) -> Database:
    """A technician's laptop prepared from the coordinator's setup bundle."""
    db = laptop(folder, name)
    report = import_bundle(db, setup, ImportOptions(trust=True, expect="setup"))
    assert report.error is None, report.error
    return db


def fill(db: Database, count: int, *, seed: int = 1, org: int = 0, finalize: bool = True
         ) -> list[str]:
    """``count`` livelihood interviews filled through the form session."""
    rng = random.Random(seed)
    made = []
    for i in range(count):
        answers = _respondent(rng, ORGS[org], 3.2, 2024, i + 1)
        made.append(fill_submission(db, SURVEY, org_id=ORGS[org].id, round_id=ROUND,
                                    answers=answers, respondent=str(answers["codigo"]),
                                    finalize=finalize))
    return made


def edit(db: Database, uuid: str, writes: dict[str, str], reason: str = "corrección") -> None:
    """Reopen a final submission, change answers and finalize it again."""
    if subs.get_submission(db, uuid).is_final:
        subs.reopen(db, uuid, reason)
    subs.apply_writes(db, uuid, writes)
    subs.finalize(db, uuid)


def export(db: Database, folder: Path, **options) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return export_bundle(db, folder, **options).path


def dump(db: Database) -> list[str]:
    """Every statement that would rebuild the database: the whole content, compared as is."""
    return list(db.conn.iterdump())


def content(db: Database) -> dict[str, list[tuple]]:
    """The shared content of a database, without what is only local bookkeeping."""
    out = {}
    for table in SHARED_TABLES:
        names = [r[1] for r in db.conn.execute(f"PRAGMA table_info({table})")]
        keep = [n for n in names if n not in LOCAL_ONLY.get(table, ())]
        rows = db.conn.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def clone(db: Database, path: Path) -> Database:
    """A copy of ``db`` (committed content, WAL included) as a new database file."""
    import sqlite3

    target = sqlite3.connect(path)
    db.conn.backup(target)
    target.close()
    return open_db(path)
