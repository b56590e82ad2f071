"""Submissions and answers: drafts autosaved one short transaction at a time, finalize, reopen.

Every change bumps the revision, keeps the previous content hash and is audited, so sync can
tell a copy edited elsewhere from one that is merely older (see the ``revisions`` table). The
content hash is defined in ``fieldapp.store.contenthash``; an autosave updates it from the
changed answers alone.
No form logic here: the capture layer validates before it writes or finalizes.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, fields
from typing import Mapping

from fieldapp.errors import InputError, StoreError
from fieldapp.store import audit, clock
from fieldapp.store.connection import Database
from fieldapp.store.contenthash import content_hash, updated
from fieldapp.store.database import atomic, guarded, rows
from fieldapp.store.formsreg import get_form
from fieldapp.store.orgs import get_organization
from fieldapp.store.rounds import get_round

DRAFT = "draft"
FINAL = "final"
MIN_PREFIX = 4  # shortest UUID prefix accepted by ``resolve_uuid``
# The longest answer stored: pages of notes, far beyond any question's need. A larger one is a
# mistake (a pasted file) that would be kept twice (answers, audit) and travel in every bundle.
MAX_ANSWER_CHARS = 100_000
_CHUNK = 500  # paths per query, well under SQLite's limit on bound parameters

_STATE = (
    "SELECT status, deleted, revision, content_hash, current_page FROM submissions"
    " WHERE uuid = ?"
)
_ANSWERS = "SELECT path, value FROM answers WHERE uuid = ?"
_UPSERT = (
    "INSERT INTO answers (uuid, path, value) VALUES (?, ?, ?)"
    " ON CONFLICT (uuid, path) DO UPDATE SET value = excluded.value"
)
_DELETE = "DELETE FROM answers WHERE uuid = ? AND path = ?"
_BUMP = (
    "UPDATE submissions SET revision = ?, prev_hash = content_hash, content_hash = ?,"
    " updated_at = ? WHERE uuid = ?"
)
_REVISION = (
    "INSERT INTO revisions (uuid, revision, content_hash, at, device_id, action) VALUES"
    " (?, ?, ?, ?, COALESCE((SELECT value FROM settings WHERE key = 'device_id'), ''), ?)"
)


@dataclass(slots=True)
class Submission:
    """A submission's record (its answers are loaded separately)."""

    uuid: str
    form_id: str
    form_version: str
    org_id: str
    round_id: str
    respondent: str | None
    status: str
    created_at: str
    updated_at: str
    finalized_at: str | None
    device_id: str
    technician: str
    revision: int
    content_hash: str
    prev_hash: str | None
    current_page: str | None
    deleted: bool = False

    @property
    def is_final(self) -> bool:
        return self.status == FINAL


@dataclass(slots=True)
class WriteResult:
    """What ``apply_writes`` did: the paths it changed and the revision it left."""

    uuid: str
    revision: int
    content_hash: str
    changed: list[str]


def _stored_values(conn, uuid: str, paths: list[str]) -> dict[str, str]:
    """The stored values of ``paths`` (the others are not read)."""
    found: dict[str, str] = {}
    for start in range(0, len(paths), _CHUNK):
        chunk = paths[start:start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        found.update(conn.execute(
            f"SELECT path, value FROM answers WHERE uuid = ? AND path IN ({marks})",
            (uuid, *chunk)))
    return found


def _state(db: Database, uuid: str, *, allow_final: bool = False) -> tuple:
    """(status, deleted, revision, content_hash, current_page), refusing what cannot change."""
    state = db.conn.execute(_STATE, (uuid,)).fetchone()
    if state is None:
        raise StoreError("STORE_012", uuid=uuid)
    if state[1]:
        raise StoreError("STORE_014", uuid=uuid)
    if state[0] == FINAL and not allow_final:
        raise StoreError("STORE_013", uuid=uuid)
    return state


def check_editable(submission: "Submission") -> None:
    """The rule every write obeys, for callers that check before computing a change.

    :raises StoreError: STORE_013 if the submission is final (locked)
    """
    if submission.status == FINAL:
        raise StoreError("STORE_013", uuid=submission.uuid)


def _bump(db: Database, uuid: str, revision: int, digest: str, stamp: str, action: str) -> None:
    """Set the new revision and content hash, keeping the old hash and the hash history."""
    db.conn.execute(_BUMP, (revision, digest, stamp, uuid))
    db.conn.execute(_REVISION, (uuid, revision, digest, stamp, action))


def _setting(db: Database, key: str) -> str:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else ""


def _check_path(path: object, value: object) -> None:
    # Programming errors, not user errors: the capture layer builds paths and values.
    if not isinstance(path, str) or not path or "=" in path or "\n" in path:
        raise ValueError(f"not an answer path: {path!r}")
    if value is not None and not isinstance(value, str):
        raise TypeError(f"answer values are text, not {type(value).__name__} ({path})")
    if value is not None and len(value) > MAX_ANSWER_CHARS:
        raise InputError("LIMIT_004", field=path, size=len(value), limit=MAX_ANSWER_CHARS)


@guarded
def create_submission(
    db: Database,
    *,
    form_id: str,
    form_version: str,
    org_id: str,
    round_id: str,
    respondent: str | None = None,
    device_id: str | None = None,
    technician: str | None = None,
    answers: Mapping[str, str] | None = None,
    current_page: str | None = None,
    uuid: str | None = None,
) -> str:
    """Store a new draft with its first answers (audited) and return its UUID.

    Device and technician default to this laptop's settings; ``uuid`` may be chosen by the
    caller (the form's ``instanceID`` is made from it before the draft is stored).

    :raises StoreError: if the organization, round or form version is unknown
    """
    answers = dict(answers or {})
    for path, value in answers.items():
        _check_path(path, value)
        if value is None:
            raise TypeError(f"a new submission has no answer to delete ({path})")
    new_uuid = uuid or str(uuidlib.uuid4())
    stamp = clock.now()
    digest = content_hash(answers)
    with atomic(db):
        get_organization(db, org_id)
        get_round(db, round_id)
        get_form(db, form_id, form_version)
        device_id = device_id if device_id is not None else _setting(db, "device_id")
        technician = technician if technician is not None else _setting(db, "technician")
        db.conn.execute(
            "INSERT INTO submissions (uuid, form_id, form_version, org_id, round_id,"
            " respondent, status, created_at, updated_at, device_id, technician, revision,"
            " content_hash, current_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
            (new_uuid, form_id, form_version, org_id, round_id, respondent, DRAFT, stamp,
             stamp, device_id, technician, digest, current_page),
        )
        db.conn.executemany(_UPSERT, [(new_uuid, p, v) for p, v in answers.items()])
        db.conn.execute(_REVISION, (new_uuid, 1, digest, stamp, "create"))
        who = {"device_id": device_id, "technician": technician}
        audit.record(db, [
            audit.entry(at=stamp, uuid=new_uuid, action="create", revision=1, **who),
            *(audit.entry(at=stamp, uuid=new_uuid, action="set", revision=1, path=p, new=v,
                          **who) for p, v in answers.items()),
        ])
    return new_uuid


@guarded
def apply_writes(
    db: Database,
    uuid: str,
    writes: Mapping[str, str | None],
    *,
    action: str = "set",
    current_page: str | None = None,
    technician: str | None = None,
    respondent: str | None = None,
    expected_revision: int | None = None,
) -> WriteResult:
    """Save answer changes in one short transaction (None deletes an answer).

    One audit row per changed path; the revision goes up by one and the content hash is
    recomputed. Writing the same values again writes nothing. ``current_page`` (None =
    keep) records where the draft was left; ``respondent`` (None = keep) renames the
    submission as its form names it (``instance_name``).

    :param expected_revision: the revision the writer's copy was loaded at; when given, a
        submission changed since (by another window or program) is not written
    :raises StoreError: if the submission is unknown, final (locked) or deleted; STORE_075
        if it is no longer at ``expected_revision``
    """
    conn = db.conn
    with atomic(db):
        state = _state(db, uuid)
        if expected_revision is not None and state[2] != expected_revision:
            raise StoreError("STORE_075", uuid=uuid, found=state[2], expected=expected_revision)
        for path, value in writes.items():
            _check_path(path, value)
        stored = _stored_values(conn, uuid, list(writes))
        upserts, deletes, changes = [], [], []
        for path, value in writes.items():
            old = stored.get(path)
            if value == old:
                continue
            if value is None:
                deletes.append((uuid, path))
            else:
                upserts.append((uuid, path, value))
            changes.append((path, old, value))
        if current_page is not None and current_page != state[4]:
            conn.execute("UPDATE submissions SET current_page = ? WHERE uuid = ?",
                         (current_page, uuid))
        if respondent is not None:
            conn.execute("UPDATE submissions SET respondent = ? WHERE uuid = ?",
                         (respondent, uuid))
        if not changes:
            return WriteResult(uuid, state[2], state[3], [])
        stamp = clock.now()
        digest = updated(state[3], changes)
        if deletes:
            conn.executemany(_DELETE, deletes)
        if upserts:
            conn.executemany(_UPSERT, upserts)
        revision = state[2] + 1
        _bump(db, uuid, revision, digest, stamp, action)
        audit.record(db, (
            audit.entry(at=stamp, uuid=uuid, action=action, revision=revision, path=path,
                        old=old, new=new, technician=technician)
            for path, old, new in changes
        ))
    return WriteResult(uuid, revision, digest, [path for path, _old, _new in changes])


def _transition(
    db: Database, uuid: str, state: tuple, action: str, sets: str, params: tuple,
    *, stamp: str, note: str | None = None,
) -> Submission:
    """Change a submission's status columns, with a new revision and an audit row."""
    db.conn.execute(f"UPDATE submissions SET {sets} WHERE uuid = ?", (*params, uuid))
    revision = state[2] + 1
    _bump(db, uuid, revision, state[3], stamp, action)
    audit.record(db, [audit.entry(at=stamp, uuid=uuid, action=action, revision=revision,
                                  note=note)])
    return get_submission(db, uuid)


@guarded
def finalize(db: Database, uuid: str, *, expected_revision: int | None = None) -> Submission:
    """Lock a draft as final. The capture layer checks the answers before calling this.

    :raises StoreError: if unknown, deleted or already final; STORE_075 if it is no longer
        at ``expected_revision`` (what was checked is not what would be locked)
    """
    stamp = clock.now()
    with atomic(db):
        state = _state(db, uuid, allow_final=True)
        if state[0] == FINAL:
            raise StoreError("STORE_018", uuid=uuid)
        if expected_revision is not None and state[2] != expected_revision:
            raise StoreError("STORE_075", uuid=uuid, found=state[2], expected=expected_revision)
        return _transition(db, uuid, state, "finalize", "status = ?, finalized_at = ?",
                           (FINAL, stamp), stamp=stamp)


@guarded
def reopen(db: Database, uuid: str, reason: str) -> Submission:
    """Make a final submission a draft again, recording why.

    :raises InputError: STORE_015 without a reason
    :raises StoreError: if unknown, deleted or not final
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise InputError("STORE_015", uuid=uuid)
    stamp = clock.now()
    with atomic(db):
        state = _state(db, uuid, allow_final=True)
        if state[0] != FINAL:
            raise StoreError("STORE_017", uuid=uuid)
        return _transition(db, uuid, state, "reopen", "status = ?, finalized_at = NULL",
                           (DRAFT,), stamp=stamp, note=reason)


@guarded
def delete_draft(db: Database, uuid: str, reason: str | None = None) -> Submission:
    """Mark a draft deleted (a tombstone: answers and audit are kept).

    :raises StoreError: STORE_016 for a final submission; if unknown or already deleted
    """
    stamp = clock.now()
    note = " ".join(reason.split()) if reason else None
    with atomic(db):
        state = _state(db, uuid, allow_final=True)
        if state[0] == FINAL:
            raise StoreError("STORE_016", uuid=uuid)
        return _transition(db, uuid, state, "delete", "deleted = ?", (1,), stamp=stamp,
                           note=note)


@guarded
def set_current_page(db: Database, uuid: str, page: str | None) -> None:
    """Remember where the draft was left (not a change of content: no revision, no audit)."""
    with atomic(db):
        _state(db, uuid, allow_final=True)
        db.conn.execute("UPDATE submissions SET current_page = ? WHERE uuid = ?", (page, uuid))


def _submission(row: dict) -> Submission:
    row["deleted"] = bool(row["deleted"])
    return Submission(**row)


@guarded
def find_submission(db: Database, uuid: str) -> Submission | None:
    """The submission with this UUID (deleted ones too), or None."""
    found = rows(db, "SELECT * FROM submissions WHERE uuid = ?", (uuid,))
    return _submission(found[0]) if found else None


def get_submission(db: Database, uuid: str) -> Submission:
    """The submission with this UUID.

    :raises StoreError: STORE_012 if there is none
    """
    found = find_submission(db, uuid)
    if found is None:
        raise StoreError("STORE_012", uuid=uuid)
    return found


@guarded
def resolve_uuid(db: Database, text: str) -> str:
    """The full UUID for a UUID or a unique prefix of at least 4 characters (as typed in a CLI).

    :raises StoreError: STORE_012 if none matches, STORE_019 if several do
    """
    text = text.strip().lower()
    if len(text) >= MIN_PREFIX:
        found = db.conn.execute(
            "SELECT uuid FROM submissions WHERE uuid >= ? AND uuid < ? LIMIT 2",
            (text, text + "\uffff"),
        ).fetchall()
        if len(found) == 1 or (found and found[0][0] == text):
            return found[0][0]
        if found:
            count = db.conn.execute(
                "SELECT count(*) FROM submissions WHERE uuid >= ? AND uuid < ?",
                (text, text + "\uffff"),
            ).fetchone()[0]
            raise StoreError("STORE_019", uuid=text, count=count)
    raise StoreError("STORE_012", uuid=text)


@guarded
def load_answers(db: Database, uuid: str) -> dict[str, str]:
    """The answers of a submission, ``{path: value}``, in path order.

    :raises StoreError: STORE_012 if there is no such submission
    """
    get_submission(db, uuid)
    return dict(db.conn.execute(_ANSWERS + " ORDER BY path", (uuid,)))


def _listing(org, round, status, form_id, include_deleted) -> tuple[str, list]:
    """The WHERE clause (with its parameters) of a submission listing."""
    where, params = [], []
    for column, value in (("org_id", org), ("round_id", round), ("status", status),
                          ("form_id", form_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if not include_deleted:
        where.append("deleted = 0")
    return (" WHERE " + " AND ".join(where) if where else ""), params


@guarded
def list_submissions(
    db: Database,
    *,
    org: str | None = None,
    round: str | None = None,
    status: str | None = None,
    form_id: str | None = None,
    include_deleted: bool = False,
) -> list[Submission]:
    """The submissions matching every filter given, oldest first."""
    where, params = _listing(org, round, status, form_id, include_deleted)
    # Columns in the record's field order, rows as tuples: no dict per row of a long list.
    names = [f.name for f in fields(Submission)]
    found = db.conn.execute(f"SELECT {', '.join(names)} FROM submissions{where}"
                            " ORDER BY created_at, uuid", params)
    return [Submission(*row[:-1], bool(row[-1])) for row in found]


@guarded
def submission_table(
    db: Database,
    columns: list[str],
    *,
    org: str | None = None,
    round: str | None = None,
    status: str | None = None,
    form_id: str | None = None,
    include_deleted: bool = False,
) -> list[tuple]:
    """Only ``columns`` (names of :class:`Submission` fields) of the submissions
    :func:`list_submissions` gives, as tuples in the same order: what a printed table of
    30,000 rows needs, without building the records."""
    known = {f.name for f in fields(Submission)}
    if not columns or not set(columns) <= known:
        raise ValueError(f"not submission columns: {columns!r}")
    where, params = _listing(org, round, status, form_id, include_deleted)
    return db.conn.execute(f"SELECT {', '.join(columns)} FROM submissions{where}"
                           " ORDER BY created_at, uuid", params).fetchall()
