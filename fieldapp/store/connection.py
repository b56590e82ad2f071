"""The store's handle on one SQLite file: its connection, nested write transactions, closing.

It has the shape of sqlite-utils' ``Database`` (``db.conn``, ``with db.atomic():``), which the
store held until its cost was measured: importing sqlite-utils (with dateutil and pluggy) took
69 ms of every start of the program, a quarter of ``submissions list`` over 30,000 rows, while
the store used nothing of it but the connection and savepoints. sqlite-utils now builds the
analysis copy (``fieldapp/exports/sqlitecopy.py``), where its table tools do real work.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from typing import Iterator

_SAVEPOINTS = itertools.count(1)


class Database:
    """An open fieldapp database: ``conn`` is its ``sqlite3.Connection``."""

    __slots__ = ("conn", "__weakref__")  # the registry remembers open databases weakly

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A write transaction; a block inside another becomes a savepoint, so its failure
        undoes its own changes only.

        ``BEGIN IMMEDIATE`` (not a deferred ``BEGIN``) takes the write lock up front, so a busy
        database waits ``busy_timeout`` instead of failing at once when a read turns into a
        write after another process committed (SQLITE_BUSY_SNAPSHOT in WAL).
        """
        conn = self.conn
        if conn.in_transaction:
            name = f"fieldapp_{next(_SAVEPOINTS)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                # a RAISE(ROLLBACK) trigger may have ended the whole transaction already;
                # undoing a savepoint that is gone would hide the original error
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def executescript(self, sql: str) -> None:
        """Run the statements of ``sql`` in order; inside a transaction they stay part of it
        (``sqlite3.executescript`` would commit it first)."""
        if not self.conn.in_transaction:
            self.conn.executescript(sql)
            return
        for statement in statements(sql):
            self.conn.execute(statement)


def statements(sql: str) -> Iterator[str]:
    """The complete SQL statements of a script, in order (semicolons inside strings, comments
    and trigger bodies do not split them)."""
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \t\r\n;"):
        yield pending.strip()
