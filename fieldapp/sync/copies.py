"""Copies of a submission read from and written to the database: the one in ``submissions``
(with its answers, revisions, merged revisions and files) and those kept in ``conflicts``."""

from __future__ import annotations

import json

from fieldapp.store.connection import Database
from fieldapp.sync.history import MAIN, MERGED, Copy, conflict_id
from fieldapp.sync.tables import SUBMISSIONS

COLUMNS = SUBMISSIONS.names
_INSERT = (f"INSERT INTO submissions ({', '.join(COLUMNS)})"
           f" VALUES ({', '.join('?' * len(COLUMNS))})")
_UPDATE = (f"UPDATE submissions SET {', '.join(f'{c} = ?' for c in COLUMNS[1:])}"
           " WHERE uuid = ?")
INSERT_ANSWER = "INSERT INTO answers (uuid, path, value) VALUES (?, ?, ?)"
INSERT_REVISION = ("INSERT INTO revisions (uuid, revision, content_hash, at, device_id, action)"
                   " VALUES (?, ?, ?, ?, ?, ?)")
INSERT_MERGED = ("INSERT OR IGNORE INTO merged_revisions (uuid, revision, content_hash, at,"
                 " device_id, action) VALUES (?, ?, ?, ?, ?, ?)")
INSERT_LINK = ("INSERT INTO submission_attachments (uuid, file_name, path, sha256,"
               " original_name, added_at) VALUES (?, ?, ?, ?, ?, ?)")


def load_main(db: Database, uuid: str) -> Copy | None:
    """The copy in ``submissions`` (None if there is none)."""
    conn = db.conn
    cursor = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM submissions WHERE uuid = ?", (uuid,))
    row = cursor.fetchone()
    if row is None:
        return None
    copy = Copy(dict(zip(COLUMNS, row)))
    copy.answers = dict(conn.execute("SELECT path, value FROM answers WHERE uuid = ?", (uuid,)))
    copy.history = history_of(db, uuid)
    copy.links = [tuple(r) for r in conn.execute(
        "SELECT file_name, path, sha256, original_name, added_at FROM submission_attachments"
        " WHERE uuid = ? ORDER BY file_name", (uuid,))]
    return copy


def history_of(db: Database, uuid: str) -> list[tuple]:
    """The (revision, hash, at, device, action, line) rows of the copy in ``submissions``."""
    conn = db.conn
    main = [(*r, MAIN) for r in conn.execute(
        "SELECT revision, content_hash, at, device_id, action FROM revisions WHERE uuid = ?"
        " ORDER BY revision", (uuid,))]
    merged = [(*r, MERGED) for r in conn.execute(
        "SELECT revision, content_hash, at, device_id, action FROM merged_revisions"
        " WHERE uuid = ? ORDER BY revision, content_hash", (uuid,))]
    return main + merged


def write_main(db: Database, copy: Copy, *, exists: bool) -> None:
    """Make ``copy`` the one in ``submissions`` (replacing answers, history and files)."""
    conn = db.conn
    uuid = copy.uuid
    values = [copy.record[c] for c in COLUMNS]
    if exists:
        conn.execute(_UPDATE, (*values[1:], uuid))
        for table in ("answers", "revisions", "merged_revisions", "submission_attachments"):
            conn.execute(f"DELETE FROM {table} WHERE uuid = ?", (uuid,))
    else:
        conn.execute(_INSERT, values)
    conn.executemany(INSERT_ANSWER, [(uuid, p, v) for p, v in copy.answers.items()])
    conn.executemany(INSERT_REVISION, [(uuid, *h[:5]) for h in copy.history if h[5] == MAIN])
    conn.executemany(INSERT_MERGED, [(uuid, *h[:5]) for h in copy.history if h[5] != MAIN])
    conn.executemany(INSERT_LINK, [(uuid, *link) for link in copy.links])


def load_kept(db: Database, uuid: str) -> dict[str, Copy]:
    """The open conflict copies of a submission, by conflict id."""
    found = {}
    for cid, record, answers, history, links in db.conn.execute(
            "SELECT id, record, answers, history, attachments FROM conflicts"
            " WHERE uuid = ? AND status = 'open' ORDER BY id", (uuid,)):
        found[cid] = Copy(json.loads(record), json.loads(answers),
                          [tuple(h) for h in json.loads(history)],
                          [tuple(link) for link in json.loads(links)])
    return found


def keep(db: Database, copy: Copy, stamp: str) -> str:
    """Store ``copy`` as an open conflict copy (once); return the conflict id."""
    cid = conflict_id(copy)
    db.conn.execute(
        "INSERT OR IGNORE INTO conflicts (id, uuid, revision, content_hash, device_id,"
        " technician, updated_at, record, answers, history, attachments, detected_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (cid, copy.uuid, copy.record["revision"], copy.record["content_hash"],
         copy.record["device_id"], copy.record["technician"], copy.record["updated_at"],
         json.dumps(copy.record, ensure_ascii=False, sort_keys=True),
         json.dumps(copy.answers, ensure_ascii=False, sort_keys=True),
         json.dumps(sorted(copy.history, key=lambda h: (h[5], h[0], h[1])), ensure_ascii=False),
         json.dumps(sorted(copy.links), ensure_ascii=False), stamp),
    )
    return cid


def drop_kept(db: Database, cid: str) -> None:
    """Forget an open conflict copy that another copy superseded."""
    db.conn.execute("DELETE FROM conflicts WHERE id = ? AND status = 'open'", (cid,))
