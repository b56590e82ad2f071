"""A database opened only to read is never written, even when the program's built-in forms
are newer than the ones it holds (a laptop updated since the database was made)."""

from __future__ import annotations

import hashlib

from fieldapp.registry import available_forms, ensure_builtin_forms, load_form
from fieldapp.store.database import open_db, read_only


def _file_digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_read_only_open_reads_shipped_forms_and_writes_nothing(tmp_path) -> None:
    path = tmp_path / "old.db"
    db = open_db(path)
    ensure_builtin_forms(db)
    # as if the database was made by an older program: it holds none of today's built-ins
    db.conn.execute("DELETE FROM forms WHERE builtin = 1")
    db.conn.commit()
    db.conn.close()
    before = _file_digest(path)

    ro = open_db(path, write=False)
    assert read_only(ro)
    form = load_form(ro, "medios_de_vida")
    assert form.form_id == "medios_de_vida"
    assert {f["form_id"] for f in available_forms(ro)} >= {"medios_de_vida",
                                                          "desarrollo_organizacional"}
    assert ro.conn.execute("SELECT count(*) FROM forms").fetchone()[0] == 0
    ro.conn.close()
    assert _file_digest(path) == before


def test_a_writable_open_is_not_read_only(tmp_path) -> None:
    db = open_db(tmp_path / "x.db")
    assert not read_only(db)
    db.conn.close()
