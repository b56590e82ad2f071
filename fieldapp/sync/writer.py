"""Applying a checked bundle inside the caller's transaction: organizations, rounds and forms
added or updated, then every submission by the rules of ``history`` (added, replaced by a
descendant, skipped, or kept as a conflict), with its history, files and audit rows.

Rows arrive as they were written on the laptop that made them: device, technician, times and
hashes are kept (a received record is not an edit by this laptop).
"""

from __future__ import annotations

from fieldapp import storedscores
from fieldapp.store.connection import Database
from fieldapp.store.values import fold
from fieldapp.sync import copies
from fieldapp.sync import tables as T
from fieldapp.sync.archive import Archive
from fieldapp.sync.history import Copy, main_of, merge
from fieldapp.sync.manifest import SETUP
from fieldapp.sync.results import Applied
from fieldapp.sync.validator import Content

_ORG_NAMES = T.ORGANIZATIONS.names
# What an organization says (not when it was written): compared to tell a change
_ORG_DATA = tuple(n for n in _ORG_NAMES if n not in ("id", "created_at", "updated_at"))
_ORG_AT = _ORG_NAMES.index("updated_at")
_AUDIT_KEY = "at, device_id, technician, path, old, new, action, revision, note"
_INSERT_AUDIT = (f"INSERT INTO audit (uuid, {_AUDIT_KEY}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_AUDIT_BATCH = 1_000  # rows per executemany: as fast as one call, without holding them all


def _newer(incoming: tuple, local: tuple, stamp_at: int) -> bool:
    """Last writer wins on registry rows: later ``updated_at``, then the larger row."""
    return (incoming[stamp_at], tuple(map(str, incoming))) > (local[stamp_at],
                                                                tuple(map(str, local)))


def _apply_orgs(db: Database, content: Content, applied: Applied, stamp: str) -> None:
    conn = db.conn
    names = _ORG_NAMES
    data = [names.index(n) for n in _ORG_DATA]
    new_ids = []
    for row in content.orgs:
        local = conn.execute(f"SELECT {', '.join(names)} FROM organizations WHERE id = ?",
                             (row[0],)).fetchone()
        if local is None:
            conn.execute(f"INSERT INTO organizations ({', '.join(names)})"
                         f" VALUES ({', '.join('?' * len(names))})", row)
            applied.orgs_added += 1
            new_ids.append(row[0])
        elif [local[i] for i in data] != [row[i] for i in data] and _newer(
                row, tuple(local), _ORG_AT):
            conn.execute(f"UPDATE organizations SET {', '.join(f'{n} = ?' for n in _ORG_DATA)},"
                         " updated_at = ? WHERE id = ?",
                         (*[row[i] for i in data], row[_ORG_AT], row[0]))
            applied.orgs_updated += 1
    if new_ids:
        _flag_typed_twice(db, new_ids, applied, stamp)


def _flag_typed_twice(db: Database, new_ids: list[str], applied: Applied, stamp: str) -> None:
    """Flag organizations with the same name and different codes (typed on two laptops)."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for org_id, name in db.conn.execute("SELECT id, name FROM organizations"):
        by_name.setdefault(fold(name), []).append((org_id, name))
    new = set(new_ids)
    for group in by_name.values():
        if len(group) < 2 or not new & {g[0] for g in group}:
            continue
        for i, (a, name) in enumerate(group):
            for b, _other in group[i + 1:]:
                if a in new or b in new:
                    pair = tuple(sorted((a, b)))
                    cursor = db.conn.execute(
                        "INSERT OR IGNORE INTO org_flags (org_a, org_b, name, flagged_at)"
                        " VALUES (?, ?, ?, ?)", (*pair, name, stamp))
                    if cursor.rowcount:
                        applied.org_flags.append(pair)  # type: ignore[arg-type]


def _apply_rounds(db: Database, content: Content, kind: str, applied: Applied) -> None:
    conn = db.conn
    names = T.ROUNDS.names
    for row in content.rounds:
        local = conn.execute(f"SELECT {', '.join(names)} FROM rounds WHERE id = ?",
                             (row[0],)).fetchone()
        has_baseline = conn.execute("SELECT 1 FROM rounds WHERE is_baseline = 1").fetchone()
        # The coordinator's setup bundle decides the baseline; a technician's bundle never
        # moves it (a laptop's first round became its baseline by default).
        baseline = row[3] if kind == SETUP or not has_baseline else 0
        if local is None:
            if baseline:
                conn.execute("UPDATE rounds SET is_baseline = 0 WHERE is_baseline = 1")
            conn.execute(f"INSERT INTO rounds ({', '.join(names)}) VALUES (?, ?, ?, ?, ?, ?)",
                         (row[0], row[1], row[2], baseline, row[4], row[5]))
            applied.rounds_added += 1
            continue
        changed = False
        if tuple(local[1:3]) != tuple(row[1:3]) and _newer(row, tuple(local), 5):
            conn.execute("UPDATE rounds SET name = ?, year = ?, updated_at = ? WHERE id = ?",
                         (row[1], row[2], row[5], row[0]))
            changed = True
        if kind == SETUP and row[3] and not local[3]:
            conn.execute("UPDATE rounds SET is_baseline = 0 WHERE is_baseline = 1")
            conn.execute("UPDATE rounds SET is_baseline = 1 WHERE id = ?", (row[0],))
            changed = True
        applied.rounds_updated += changed


def _apply_forms(db: Database, content: Content, archive: Archive, applied: Applied) -> None:
    conn = db.conn
    for form_id, version, title, sha, file_name, added_at, builtin, member in content.forms:
        if conn.execute("SELECT 1 FROM forms WHERE form_id = ? AND version = ?",
                        (form_id, version)).fetchone():
            continue  # the validator refused a different workbook under the same version
        conn.execute(
            "INSERT INTO forms (form_id, version, title, sha256, workbook, file_name, added_at,"
            " builtin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (form_id, version, title, sha, archive.read(member), file_name, added_at, builtin))
        applied.forms_added += 1


def _apply_attachments(db: Database, content: Content, archive: Archive) -> None:
    for sha, mime, size, added_at, member in content.attachments:
        if db.conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)).fetchone():
            continue
        db.conn.execute("INSERT INTO attachments (sha256, data, mime, size, added_at)"
                        " VALUES (?, ?, ?, ?, ?)", (sha, archive.read(member), mime, size,
                                                    added_at))


def _incoming(content: Content, row: tuple) -> Copy:
    uuid = row[0]
    return Copy(
        dict(zip(copies.COLUMNS, row)),
        content.answers[uuid],
        [h[1:] for h in content.revisions.get(uuid, [])],
        [link[1:] for link in content.links.get(uuid, [])],
    )


def _local_heads(db: Database, uuid: str) -> tuple[list[Copy], dict[str, Copy]]:
    main = copies.load_main(db, uuid)
    kept = copies.load_kept(db, uuid)
    return ([main] if main else []) + list(kept.values()), kept


def _existing(db: Database, uuids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(uuids), 500):
        part = uuids[i:i + 500]
        found.update(r[0] for r in db.conn.execute(
            f"SELECT uuid FROM submissions WHERE uuid IN ({', '.join('?' * len(part))})", part))
    return found


def _cheap_skip(db: Database, copy: Copy) -> bool:
    """Whether the copy here is the same or newer and has no conflict kept, without
    loading it whole (the common case of a bundle imported after an overlapping one)."""
    conn = db.conn
    head = conn.execute("SELECT revision, content_hash FROM submissions WHERE uuid = ?",
                        (copy.uuid,)).fetchone()
    if conn.execute("SELECT 1 FROM conflicts WHERE uuid = ? AND status = 'open'",
                    (copy.uuid,)).fetchone():
        return False
    if tuple(head) == copy.head:
        return True
    found = conn.execute(
        "SELECT 1 FROM revisions WHERE uuid = ? AND revision = ? AND content_hash = ?"
        " UNION ALL SELECT 1 FROM merged_revisions WHERE uuid = ? AND revision = ?"
        " AND content_hash = ?", (copy.uuid, *copy.head, copy.uuid, *copy.head)).fetchone()
    return found is not None


def _apply_existing(db: Database, copy: Copy, applied: Applied, stamp: str) -> bool:
    """Merge an arriving copy into the heads kept here; whether the main copy changed."""
    heads, kept = _local_heads(db, copy.uuid)
    old_main = heads[0]
    new_heads, outcome = merge(heads, copy)
    if outcome == "skipped":
        applied.skipped += 1
        return False
    new_main = main_of(new_heads)
    others = [h for h in new_heads if h is not new_main]
    for cid, kept_copy in kept.items():
        if kept_copy not in others:
            copies.drop_kept(db, cid)
    if new_main is not old_main:
        copies.write_main(db, new_main, exists=True)
    for other in others:
        if other is old_main or other is copy:
            cid = copies.keep(db, other, stamp)
            applied.conflict_ids.append(cid)
    if outcome == "conflict":
        applied.conflicts += 1
    else:
        applied.updated += 1
    return new_main is not old_main


def _apply_audit(db: Database, content: Content, known: set[str]) -> None:
    """Add the bundle's audit rows, read as they come: all of a new submission's, and those
    of a submission already here that its log does not hold yet."""
    conn = db.conn
    batch: list[tuple] = []
    uuid, have = None, set()
    for row in content.audit:
        if row[0] not in known:
            batch.append(row)
            if len(batch) >= _AUDIT_BATCH:
                conn.executemany(_INSERT_AUDIT, batch)
                batch.clear()
            continue
        if row[0] != uuid:  # rows come grouped by submission; a later group reads again
            uuid = row[0]
            have = set(conn.execute(f"SELECT {_AUDIT_KEY} FROM audit WHERE uuid = ?", (uuid,)))
        if tuple(row[1:]) not in have:
            conn.execute(_INSERT_AUDIT, row)
            have.add(tuple(row[1:]))
    conn.executemany(_INSERT_AUDIT, batch)


def apply(db: Database, content: Content, archive: Archive, kind: str, stamp: str) -> Applied:
    """Write ``content`` (already validated) inside the caller's transaction.

    The scores of a submission that changed here are stored with it (it may have become a
    draft, whose scores go); new submissions have none yet, and ``storedscores``' stale
    recomputation scores them after the import, outside this transaction.
    """
    applied = Applied()
    _apply_orgs(db, content, applied, stamp)
    _apply_rounds(db, content, kind, applied)
    _apply_forms(db, content, archive, applied)
    if not content.submissions:
        _apply_audit(db, content, set())  # a row of no submission is refused there
        return applied
    _apply_attachments(db, content, archive)
    uuids = [row[0] for row in content.submissions]
    known = _existing(db, uuids)
    changed: list[str] = []
    for row in content.submissions:
        if row[0] in known:
            copy = _incoming(content, row)
            if _cheap_skip(db, copy):
                applied.skipped += 1
            elif _apply_existing(db, copy, applied, stamp):
                changed.append(copy.uuid)
    fresh = [row for row in content.submissions if row[0] not in known]
    _insert_fresh(db, content, fresh)
    applied.added += len(fresh)
    _apply_audit(db, content, known)
    forms: storedscores.FormCache = {}
    for uuid in changed:
        storedscores.store_scores(db, uuid, forms=forms)
    return applied


def _insert_fresh(db: Database, content: Content, fresh: list[tuple]) -> None:
    """New submissions in a few statements (most of a first import), straight from the rows
    as read: their columns are the store's, in its order."""
    conn = db.conn
    conn.executemany(copies._INSERT, fresh)
    answers, revisions, links = content.answers, content.revisions, content.links
    conn.executemany(copies.INSERT_ANSWER, ((row[0], p, v) for row in fresh
                                            for p, v in answers[row[0]].items()))
    conn.executemany(copies.INSERT_REVISION, (h[:6] for row in fresh
                                              for h in revisions.get(row[0], ())
                                              if h[6] == T.MAIN))
    conn.executemany(copies.INSERT_MERGED, (h[:6] for row in fresh
                                            for h in revisions.get(row[0], ())
                                            if h[6] != T.MAIN))
    conn.executemany(copies.INSERT_LINK, (link for row in fresh
                                          for link in links.get(row[0], ())))
