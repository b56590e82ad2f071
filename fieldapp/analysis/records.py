"""Reading what the indicators aggregate: final submissions of a round with their stored
scores and the few answers a breakdown needs, in a handful of SQL queries.

A final submission whose scores are not stored for its current revision (a database from
before stored scores, a copy changed elsewhere) is scored here in memory, so a figure never
silently leaves it out; ``indicators recompute`` stores them.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from fieldapp import storedscores
from fieldapp.store import submissions as subs
from fieldapp.store.connection import Database
from fieldapp.store.database import guarded

_FINAL = "s.form_id = ? AND s.round_id = ? AND s.status = 'final' AND s.deleted = 0"


@dataclass(slots=True)
class Record:
    """One final submission as the indicators see it: its organization, when it was
    finalized, its stored scores (name → (value, status)) and selected answers (field → value)."""

    uuid: str
    org_id: str
    form_version: str
    finalized_at: str
    scores: dict[str, tuple[float | None, str]] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Loaded:
    """The records of one form and round, and how many had to be scored on the fly."""

    records: list[Record]
    scored_now: int = 0


# -- one read for many tables (added for the printed reports) --------------------------------

_shared: ContextVar[dict | None] = ContextVar("fieldapp_shared_records", default=None)


@contextmanager
def shared_loads() -> Iterator[None]:
    """Inside this block ``load_records`` reads each form and round once for all
    organizations and hands every caller the organizations it asks for: the network report
    builds the network's table and then one per country and per type of organization from
    the same rows instead of reading them fifteen times. (One organization alone is still read
    with its own query: that is cheaper than the whole network.)"""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def load_records(db: Database, form_id: str, round_id: str, *,
                 org_ids: Iterable[str] | None = None,
                 fields: Iterable[str] = ()) -> Loaded:
    """The final submissions of ``form_id`` in ``round_id`` (of ``org_ids`` when given), with
    their stored scores and the answers to ``fields`` (by field name, any form version)."""
    wanted = None if org_ids is None else set(org_ids)
    fields = list(fields)
    cache = _shared.get()
    if cache is None or (wanted is not None and len(wanted) == 1):
        return _load_records(db, form_id, round_id, wanted, fields)
    key = (id(db), form_id, round_id, tuple(sorted(fields)))
    if key not in cache:
        cache[key] = _load_records(db, form_id, round_id, None, fields)
    loaded = cache[key]
    if wanted is None:
        return loaded
    records = [r for r in loaded.records if r.org_id in wanted]
    # how many were scored on the fly is known for the whole read, not for a part of it
    return Loaded(records, loaded.scored_now if len(records) == len(loaded.records) else 0)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while records are read: the hundreds of thousands of small
    objects a network's records are made of are none of them garbage, and the collector's
    passes over the growing heap took a tenth of a network table's time."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@guarded
def _load_records(db: Database, form_id: str, round_id: str, wanted: set[str] | None,
                  fields: list[str]) -> Loaded:
    with _collector_paused():
        return _read(db, form_id, round_id, wanted, fields)


def _read(db: Database, form_id: str, round_id: str, wanted: set[str] | None,
          fields: list[str]) -> Loaded:
    where, params = _FINAL, [form_id, round_id]
    if wanted is not None and len(wanted) == 1:
        where += " AND s.org_id = ?"
        params.append(next(iter(wanted)))
    records: dict[str, Record] = {}
    for uuid, org_id, version, finalized in db.conn.execute(
            f"SELECT s.uuid, s.org_id, s.form_version, s.finalized_at FROM submissions s"
            f" WHERE {where}", params):
        if wanted is None or org_id in wanted:
            records[uuid] = Record(uuid, org_id, version, finalized or "")
    if not records:
        return Loaded([])
    versions = sorted({r.form_version for r in records.values()})
    _load_scores(db, records, _stored_names(db, form_id, versions), where, params)
    if fields:
        _load_answers(db, form_id, versions, records, fields, where, params)
    scored_now = _score_missing(db, form_id, records)
    return Loaded(list(records.values()), scored_now)


# One row per submission with a column per score (or answer), each found by its primary key
# through a LEFT JOIN: SQLite hands Python a tenth of the rows that one row per stored score
# would, and that hand-over was most of the time a network table took. A query joins at most
# _JOINS tables (SQLite allows 64 in a join); more scores or fields take more queries.
_JOINS = 30


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _JOINS):
        yield items[start:start + _JOINS]


# The distinct names of a form version's stored scores, one index step per name (a skip
# scan): SELECT DISTINCT walks every stored score unless the database was ANALYZEd.
_NAMES = """
WITH RECURSIVE found(name) AS (
    SELECT min(name) FROM submission_scores WHERE form_id = :form AND form_version = :version
    UNION ALL
    SELECT (SELECT min(name) FROM submission_scores
            WHERE form_id = :form AND form_version = :version AND name > found.name)
    FROM found WHERE found.name IS NOT NULL)
SELECT name FROM found WHERE name IS NOT NULL
"""


def _stored_names(db: Database, form_id: str, versions: list[str]) -> list[str]:
    """The names of the scores stored for these versions of the form (in name order, the
    order a submission's scores are stored in)."""
    names: set[str] = set()
    for version in versions:
        names.update(name for (name,) in db.conn.execute(
            _NAMES, {"form": form_id, "version": version}))
    return sorted(names)


def _load_scores(db: Database, records: dict[str, Record], names: list[str], where: str,
                 params: list[str]) -> None:
    """Fill ``scores`` with the scores stored for each submission's current revision."""
    for chunk in _chunks(names):
        joins = " ".join(f"LEFT JOIN submission_scores c{i} ON c{i}.uuid = s.uuid"
                         f" AND c{i}.name = ? AND c{i}.revision = s.revision"
                         for i in range(len(chunk)))
        columns = ", ".join(f"c{i}.value, c{i}.status" for i in range(len(chunk)))
        for row in db.conn.execute(f"SELECT s.uuid, {columns} FROM submissions s {joins}"
                                   f" WHERE {where}", [*chunk, *params]):
            record = records.get(row[0])
            if record is None:
                continue
            values, statuses = row[1::2], row[2::2]
            if None in statuses:  # a stored score's status is never NULL: NULL = not stored
                record.scores.update((name, (value, status)) for name, value, status
                                     in zip(chunk, values, statuses) if status is not None)
            else:
                record.scores.update(zip(chunk, zip(values, statuses)))


def _load_answers(db: Database, form_id: str, versions: list[str], records: dict[str, Record],
                  fields: list[str], where: str, params: list[str]) -> None:
    """Fill ``answers`` from the answers table, by the path each form version gives a field."""
    forms: storedscores.FormCache = {}
    name_of: dict[str, str] = {}  # answer path → field name, over the versions in use
    for version in versions:
        form = storedscores.scoring_form(db, form_id, version, forms)
        for name in fields:
            element = form.find(name)
            if element is not None and not element.repeat_ancestors:
                name_of[element.path] = name
    # in path order: where two versions put a field at two paths, the last path answered wins
    for chunk in _chunks(sorted(name_of)):
        joins = " ".join(f"LEFT JOIN answers a{i} ON a{i}.uuid = s.uuid AND a{i}.path = ?"
                         for i in range(len(chunk)))
        columns = ", ".join(f"a{i}.value" for i in range(len(chunk)))
        names = [name_of[path] for path in chunk]
        for row in db.conn.execute(f"SELECT s.uuid, {columns} FROM submissions s {joins}"
                                   f" WHERE {where}", [*chunk, *params]):
            record = records.get(row[0])
            if record is not None:  # answers are never NULL: NULL = not answered
                record.answers.update((name, value) for name, value in zip(names, row[1:])
                                      if value is not None)


def _score_missing(db: Database, form_id: str, records: dict[str, Record]) -> int:
    """Score in memory the records whose stored scores are missing (or incomplete) for
    their revision."""
    forms: storedscores.FormCache = {}
    expected: dict[str, set[str]] = {}
    missing = 0
    for record in records.values():
        if record.form_version not in expected:
            form = storedscores.scoring_form(db, form_id, record.form_version, forms)
            expected[record.form_version] = {s.name for s in form.scores}
        if record.scores.keys() >= expected[record.form_version]:
            continue
        submission = subs.get_submission(db, record.uuid)
        results = storedscores.fresh_scores(db, submission, forms)
        record.scores = {v.name: (v.value, v.status) for v in results}
        missing += 1
    return missing
