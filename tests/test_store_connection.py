"""The store's Database: nested transactions, scripts inside a transaction, closing."""

from __future__ import annotations

import sqlite3
import weakref

import pytest

from fieldapp.store.connection import Database, statements
from fieldapp.store.database import atomic, open_db


def names(db: Database) -> list[str]:
    return [row[0] for row in db.conn.execute("SELECT name FROM t ORDER BY name")]


@pytest.fixture
def tdb(tmp_path):
    db = Database(sqlite3.connect(tmp_path / "t.db"))
    db.conn.execute("CREATE TABLE t (name TEXT UNIQUE)")
    yield db
    db.close()


def test_a_failing_inner_block_undoes_only_its_own_changes(tdb):
    with tdb.atomic():
        tdb.conn.execute("INSERT INTO t VALUES ('outer')")
        with pytest.raises(sqlite3.IntegrityError):
            with tdb.atomic():
                tdb.conn.execute("INSERT INTO t VALUES ('inner')")
                tdb.conn.execute("INSERT INTO t VALUES ('outer')")  # breaks UNIQUE
        with tdb.atomic():
            tdb.conn.execute("INSERT INTO t VALUES ('second')")
    assert names(tdb) == ["outer", "second"]
    assert not tdb.conn.in_transaction


def test_a_failing_outer_block_undoes_everything(tdb):
    with pytest.raises(RuntimeError):
        with tdb.atomic():
            with tdb.atomic():
                tdb.conn.execute("INSERT INTO t VALUES ('a')")
            raise RuntimeError("stop")
    assert names(tdb) == []


def test_the_outer_block_takes_the_write_lock_at_once(tmp_path):
    path = tmp_path / "fieldapp.db"
    first, second = open_db(path), open_db(path, busy_timeout_ms=50)
    try:
        with atomic(first):
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                with second.atomic():
                    pass
    finally:
        first.close()
        second.close()


def test_a_script_inside_a_transaction_stays_part_of_it(tdb):
    script = """
        INSERT INTO t VALUES ('a;b');  -- a semicolon in a string; and one in a comment;
        CREATE TRIGGER no_x BEFORE INSERT ON t WHEN new.name = 'x'
        BEGIN SELECT RAISE(ABORT, 'no x'); END;
        INSERT INTO t VALUES ('c')
    """
    with pytest.raises(RuntimeError):
        with tdb.atomic():
            tdb.executescript(script)
            assert names(tdb) == ["a;b", "c"]
            raise RuntimeError("undo")
    assert names(tdb) == []  # nothing was committed half-way
    tdb.executescript(script)
    assert names(tdb) == ["a;b", "c"]
    with pytest.raises(sqlite3.IntegrityError, match="no x"):
        tdb.conn.execute("INSERT INTO t VALUES ('x')")


def test_statements_are_split_where_sqlite_says_they_end():
    assert list(statements("SELECT 1; SELECT ';'; CREATE TRIGGER x AFTER INSERT ON t"
                           " BEGIN SELECT 1; SELECT 2; END; ")) == [
        "SELECT 1;", "SELECT ';';",
        "CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;"]
    assert list(statements("  ;; ")) == []
    assert list(statements("SELECT 1")) == ["SELECT 1;"]


def test_closing_and_weak_references(tmp_path):
    with open_db(tmp_path / "fieldapp.db") as db:
        ref = weakref.ref(db)
        assert ref() is db
    with pytest.raises(sqlite3.ProgrammingError):
        db.conn.execute("SELECT 1")


def test_the_audit_log_stays_append_only_even_through_replace(tmp_path):
    # with recursive triggers on, REPLACE's implicit delete fires the append-only trigger
    with open_db(tmp_path / "fieldapp.db") as db:
        with atomic(db):
            db.conn.execute("INSERT INTO audit (id, at, device_id, action, new)"
                            " VALUES (1, '2026-11-28', 'd', 'create', 'kept')")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            with atomic(db):
                db.conn.execute("INSERT OR REPLACE INTO audit (id, at, device_id, action, new)"
                                " VALUES (1, '2026-11-28', 'd', 'create', 'forged')")
        assert db.conn.execute("SELECT new FROM audit").fetchall() == [("kept",)]
