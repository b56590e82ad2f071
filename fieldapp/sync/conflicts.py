"""Conflicts between copies of a submission edited apart: listed side by side and resolved by
a person, keeping one copy or choosing field by field. The resolution is a new revision
whose ancestry holds both copies, so it travels on and every laptop converges on it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fieldapp import storedscores
from fieldapp.errors import ConflictError
from fieldapp.store import audit, clock
from fieldapp.store.connection import Database
from fieldapp.store.contenthash import content_hash
from fieldapp.store.database import atomic, guarded, rows
from fieldapp.store.identity import get_identity
from fieldapp.store.submissions import Submission, get_submission
from fieldapp.sync import copies
from fieldapp.sync.history import MAIN, Copy, fold_in

LOCAL, INCOMING, FIELDS = "local", "incoming", "fields"
SIDES = (LOCAL, INCOMING)


@dataclass(slots=True)
class Side:
    """One copy as a person compares it."""

    revision: int
    content_hash: str
    status: str
    device_id: str
    technician: str
    updated_at: str
    answers: dict[str, str]


@dataclass(slots=True)
class Difference:
    """A field whose answer differs between the two copies (None: not answered)."""

    path: str
    local: str | None
    incoming: str | None


@dataclass(slots=True)
class Conflict:
    """Two copies of one submission: ``local`` counts in reports, ``incoming`` waits."""

    id: str
    uuid: str
    form_id: str
    org_id: str
    round_id: str
    respondent: str | None
    status: str
    detected_at: str
    local: Side
    incoming: Side
    differences: list[Difference] = field(default_factory=list)
    resolution: str | None = None
    resolved_at: str | None = None
    resolved_by: str | None = None

    def as_dict(self, *, answers: bool = False) -> dict:
        data = {k: getattr(self, k) for k in (
            "id", "uuid", "form_id", "org_id", "round_id", "respondent", "status",
            "detected_at", "resolution", "resolved_at", "resolved_by")}
        for name in SIDES:
            side = getattr(self, name)
            data[name] = {k: getattr(side, k) for k in (
                "revision", "content_hash", "status", "device_id", "technician", "updated_at")}
            if answers:
                data[name]["answers"] = side.answers
        data["differences"] = [
            {"path": d.path, "local": d.local, "incoming": d.incoming} for d in self.differences]
        return data


def _side(copy: Copy) -> Side:
    r = copy.record
    return Side(r["revision"], r["content_hash"], r["status"], r["device_id"], r["technician"],
                r["updated_at"], dict(copy.answers))


def _differences(local: Copy, other: Copy) -> list[Difference]:
    paths = sorted(set(local.answers) | set(other.answers))
    return [Difference(p, local.answers.get(p), other.answers.get(p)) for p in paths
            if local.answers.get(p) != other.answers.get(p)]


def _conflict(db: Database, row: dict) -> Conflict:
    other = Copy(json.loads(row["record"]), json.loads(row["answers"]),
                 [tuple(h) for h in json.loads(row["history"])])
    local = copies.load_main(db, row["uuid"])
    assert local is not None  # conflicts.uuid references submissions
    record = local.record
    return Conflict(
        id=row["id"], uuid=row["uuid"], form_id=record["form_id"], org_id=record["org_id"],
        round_id=record["round_id"], respondent=record["respondent"], status=row["status"],
        detected_at=row["detected_at"], local=_side(local), incoming=_side(other),
        differences=_differences(local, other), resolution=row["resolution"],
        resolved_at=row["resolved_at"], resolved_by=row["resolved_by"],
    )


@guarded
def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[Conflict]:
    """The conflicts waiting for a decision (and the decided ones with ``include_resolved``)."""
    where = "" if include_resolved else " WHERE status = 'open'"
    found = rows(db, f"SELECT * FROM conflicts{where} ORDER BY status DESC, detected_at, id")
    return [_conflict(db, row) for row in found]


@guarded
def get_conflict(db: Database, cid: str) -> Conflict:
    """One conflict by its id (or a unique start of it).

    :raises ConflictError: CONFLICT_001 if there is no such conflict
    """
    found = rows(db, "SELECT * FROM conflicts WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC",
                 (cid, cid.strip().lower() + "%", cid))
    if not found or not cid.strip() or (len(found) > 1 and found[0]["id"] != cid):
        raise ConflictError("CONFLICT_001", id=cid)
    return _conflict(db, found[0])


def _choices(conflict: Conflict, keep: str | None, fields: dict[str, str]) -> dict[str, str]:
    if keep is not None and keep not in SIDES:
        raise ConflictError("CONFLICT_005", value=keep)
    if keep is None and not fields:
        raise ConflictError("CONFLICT_003")
    paths = {d.path for d in conflict.differences}
    for path, side in fields.items():
        if side not in SIDES:
            raise ConflictError("CONFLICT_005", value=side, field=path)
        if path not in conflict.local.answers and path not in conflict.incoming.answers:
            raise ConflictError("CONFLICT_004", field=path)
    chosen = {p: fields.get(p, keep) for p in paths}
    undecided = sorted(p for p, side in chosen.items() if side is None)
    if undecided:
        raise ConflictError("CONFLICT_006", fields=", ".join(undecided))
    return chosen  # type: ignore[return-value]


@guarded
def resolve_conflict(db: Database, cid: str, *, keep: str | None = None,
                     fields: dict[str, str] | None = None) -> Submission:
    """Decide a conflict: keep the local or the incoming copy, or choose field by field
    (``fields`` maps a path to local/incoming; ``keep`` decides the others).

    The result is a new revision of the submission, audited with the decision; the copy
    not kept stays in its history, so later bundles carry the decision to other laptops.

    :raises ConflictError: unknown or resolved conflict, undecided or unknown fields
    """
    fields = dict(fields or {})
    stamp = clock.now()
    with atomic(db):
        conflict = get_conflict(db, cid)
        if conflict.status != "open":
            raise ConflictError("CONFLICT_002", id=conflict.id)
        chosen = _choices(conflict, keep, fields)
        local = copies.load_main(db, conflict.uuid)
        other = copies.load_kept(db, conflict.uuid)[conflict.id]
        assert local is not None
        sides = set(chosen.values()) or {keep or LOCAL}
        whole = sides.pop() if len(sides) == 1 else None
        base, rest = (other, local) if whole == INCOMING else (local, other)
        answers = dict(base.answers)
        for path, side in chosen.items():
            value = (local if side == LOCAL else other).answers.get(path)
            if value is None:
                answers.pop(path, None)
            else:
                answers[path] = value
        me = get_identity(db)
        revision = max(local.record["revision"], other.record["revision"]) + 1
        digest = content_hash(answers)
        record = dict(base.record, revision=revision, content_hash=digest,
                      prev_hash=base.record["content_hash"], updated_at=stamp)
        result = Copy(record, answers, [h for h in base.history if h[5] == MAIN], base.links)
        fold_in(result, [base, rest])
        result.history.append((revision, digest, stamp, me.device_id, "resolve", MAIN))
        copies.write_main(db, result, exists=True)
        storedscores.store_scores(db, conflict.uuid)
        resolution = whole or "fields"
        db.conn.execute(
            "UPDATE conflicts SET status = 'resolved', resolution = ?, resolved_at = ?,"
            " resolved_by = ? WHERE id = ?", (resolution, stamp, me.technician, conflict.id))
        note = f"conflict {conflict.id}: {resolution}"
        audit.record(db, [
            audit.entry(at=stamp, uuid=conflict.uuid, action="resolve", revision=revision,
                        note=note),
            *(audit.entry(at=stamp, uuid=conflict.uuid, action="resolve", revision=revision,
                          path=path, old=local.answers.get(path), new=answers.get(path))
              for path in sorted(set(local.answers) | set(answers))
              if local.answers.get(path) != answers.get(path)),
        ])
    return get_submission(db, conflict.uuid)
