"""Submissions: autosaved writes with audit, revisions and hashes; finalize locks, reopen is
audited; the audit log is append-only; forms and attachments are kept by content."""

from __future__ import annotations

import sqlite3

import pytest

from fieldapp.errors import InputError, StoreError
from fieldapp.store import clock
from fieldapp.store.attachments import add_attachment, get_attachment, list_attachments
from fieldapp.store.audit import audit_trail
from fieldapp.store.formsreg import get_form, list_forms, register_form
from fieldapp.store.identity import set_technician
from fieldapp.store.submissions import (apply_writes, content_hash, create_submission,
                                        delete_draft, finalize, get_submission, list_submissions,
                                        load_answers, reopen, resolve_uuid, set_current_page)


def _new(db, **kwargs) -> str:
    values = {"form_id": "f", "form_version": "1", "org_id": "C1", "round_id": "R24"}
    return create_submission(db, **{**values, **kwargs})


def _trail(db, uuid):
    return [(e.action, e.path, e.old, e.new, e.revision) for e in audit_trail(db, uuid)]


def test_create_stores_answers_with_revision_1_and_audit(seeded_db):
    set_technician(seeded_db, "Ana")
    uuid = _new(seeded_db, respondent="Socia 12", answers={"a": "1", "g/r[1]/b": "x"})
    sub = get_submission(seeded_db, uuid)
    assert (sub.status, sub.revision, sub.prev_hash, sub.respondent) == ("draft", 1, None,
                                                                           "Socia 12")
    assert (sub.technician, len(sub.device_id)) == ("Ana", 36)
    assert sub.content_hash == content_hash({"a": "1", "g/r[1]/b": "x"})
    assert load_answers(seeded_db, uuid) == {"a": "1", "g/r[1]/b": "x"}
    assert _trail(seeded_db, uuid) == [("create", None, None, None, 1),
                                       ("set", "a", None, "1", 1),
                                       ("set", "g/r[1]/b", None, "x", 1)]
    assert audit_trail(seeded_db, uuid)[0].technician == "Ana"


def test_create_refuses_unknown_references(seeded_db):
    for kwargs, code in (({"org_id": "nope"}, "STORE_010"), ({"round_id": "nope"}, "STORE_011"),
                         ({"form_version": "9"}, "STORE_040")):
        with pytest.raises(StoreError) as info:
            _new(seeded_db, **kwargs)
        assert info.value.code == code
    assert list_submissions(seeded_db) == []


def test_apply_writes_audits_each_change_and_chains_hashes(seeded_db, monkeypatch):
    uuid = _new(seeded_db, answers={"a": "1", "b": "2"})
    first_hash = get_submission(seeded_db, uuid).content_hash
    monkeypatch.setattr(clock, "now", lambda: "2024-05-01T10:00:00.000Z")
    result = apply_writes(seeded_db, uuid, {"a": "1", "b": None, "c": "línea 1\nlínea 2"},
                          current_page="p2")
    assert (result.revision, result.changed) == (2, ["b", "c"])
    sub = get_submission(seeded_db, uuid)
    assert (sub.revision, sub.prev_hash, sub.content_hash, sub.updated_at, sub.current_page) == (
        2, first_hash, result.content_hash, "2024-05-01T10:00:00.000Z", "p2")
    assert load_answers(seeded_db, uuid) == {"a": "1", "c": "línea 1\nlínea 2"}
    assert content_hash(load_answers(seeded_db, uuid)) == sub.content_hash
    assert _trail(seeded_db, uuid)[-2:] == [("set", "b", "2", None, 2),
                                            ("set", "c", None, "línea 1\nlínea 2", 2)]
    history = seeded_db.conn.execute(
        "SELECT revision, content_hash FROM revisions WHERE uuid = ? ORDER BY revision", [uuid]
    ).fetchall()
    assert history == [(1, first_hash), (2, sub.content_hash)]


def test_no_op_writes_write_nothing(seeded_db):
    uuid = _new(seeded_db, answers={"a": "1"})
    before = get_submission(seeded_db, uuid)
    result = apply_writes(seeded_db, uuid, {"a": "1", "gone": None})
    assert (result.revision, result.changed) == (1, [])
    assert get_submission(seeded_db, uuid) == before
    assert len(audit_trail(seeded_db, uuid)) == 2


def test_content_hash_is_canonical():
    assert content_hash({"b": "2", "a": "1"}) == content_hash({"a": "1", "b": "2"})
    assert content_hash({"a": "1\nb=2"}) != content_hash({"a": "1", "b": "2"})
    assert content_hash({"a": ""}) != content_hash({})


def test_bad_writes_are_programming_errors(seeded_db):
    uuid = _new(seeded_db)
    with pytest.raises(TypeError):
        apply_writes(seeded_db, uuid, {"a": 3})
    with pytest.raises(ValueError):
        apply_writes(seeded_db, uuid, {"": "x"})
    assert load_answers(seeded_db, uuid) == {}


def test_final_submission_refuses_every_write_until_reopened(seeded_db, tmp_path):
    uuid = _new(seeded_db, answers={"a": "1"})
    final = finalize(seeded_db, uuid)
    assert (final.status, final.revision, final.finalized_at is not None) == ("final", 2, True)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8jpeg")
    for attempt in (lambda: apply_writes(seeded_db, uuid, {"a": "2"}),
                    lambda: apply_writes(seeded_db, uuid, {"a": None}),
                    lambda: add_attachment(seeded_db, uuid, "photo", photo),
                    lambda: delete_draft(seeded_db, uuid),
                    lambda: finalize(seeded_db, uuid)):
        with pytest.raises(StoreError) as info:
            attempt()
        assert info.value.code in ("STORE_013", "STORE_016", "STORE_018")
    assert load_answers(seeded_db, uuid) == {"a": "1"}
    assert list_attachments(seeded_db, uuid) == []
    assert get_submission(seeded_db, uuid).revision == 2

    with pytest.raises(InputError) as info:
        reopen(seeded_db, uuid, "   ")
    assert info.value.code == "STORE_015"
    reopened = reopen(seeded_db, uuid, "número de socios  equivocado")
    assert (reopened.status, reopened.revision, reopened.finalized_at) == ("draft", 3, None)
    last = audit_trail(seeded_db, uuid)[-1]
    assert (last.action, last.note, last.revision) == ("reopen", "número de socios equivocado", 3)
    assert apply_writes(seeded_db, uuid, {"a": "2"}).revision == 4
    with pytest.raises(StoreError) as info:
        reopen(seeded_db, uuid, "again")
    assert info.value.code == "STORE_017"


def test_delete_draft_keeps_a_tombstone_and_the_audit(seeded_db):
    uuid = _new(seeded_db, answers={"a": "1"})
    deleted = delete_draft(seeded_db, uuid, "entrevista duplicada")
    assert (deleted.deleted, deleted.revision) == (True, 2)
    assert list_submissions(seeded_db) == []
    assert [s.uuid for s in list_submissions(seeded_db, include_deleted=True)] == [uuid]
    assert audit_trail(seeded_db, uuid)[-1].note == "entrevista duplicada"
    with pytest.raises(StoreError) as info:
        apply_writes(seeded_db, uuid, {"a": "2"})
    assert info.value.code == "STORE_014"


def test_current_page_is_remembered_without_a_revision(seeded_db):
    uuid = _new(seeded_db)
    set_current_page(seeded_db, uuid, "grp_finanzas")
    sub = get_submission(seeded_db, uuid)
    assert (sub.current_page, sub.revision) == ("grp_finanzas", 1)
    apply_writes(seeded_db, uuid, {}, current_page="grp_final")
    assert get_submission(seeded_db, uuid).current_page == "grp_final"


def test_audit_log_refuses_update_and_delete(seeded_db):
    uuid = _new(seeded_db, answers={"a": "1"})
    for sql in ("UPDATE audit SET new = 'forged'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            seeded_db.conn.execute(sql)
        seeded_db.conn.rollback()
    assert [e.new for e in audit_trail(seeded_db, uuid)] == [None, "1"]


def test_list_filters_and_uuid_prefixes(seeded_db):
    a = _new(seeded_db, round_id="R22")
    b = _new(seeded_db)
    finalize(seeded_db, b)
    assert [s.uuid for s in list_submissions(seeded_db, round="R24")] == [b]
    assert [s.uuid for s in list_submissions(seeded_db, status="draft")] == [a]
    assert {s.uuid for s in list_submissions(seeded_db, org="C1", form_id="f")} == {a, b}
    assert resolve_uuid(seeded_db, a[:8].upper()) == a
    assert resolve_uuid(seeded_db, b) == b
    for text, code in (("abc", "STORE_012"), ("ffffffff-0000", "STORE_012")):
        with pytest.raises(StoreError) as info:
            resolve_uuid(seeded_db, text)
        assert info.value.code == code


def test_form_versions_are_kept_and_a_changed_workbook_needs_a_new_version(seeded_db):
    assert register_form(seeded_db, form_id="f", version="1", workbook=b"workbook v1",
                         file_name="f.xlsx").sha256 == get_form(seeded_db, "f", "1").sha256
    with pytest.raises(StoreError) as info:
        register_form(seeded_db, form_id="f", version="1", workbook=b"edited", file_name="f.xlsx")
    assert info.value.code == "STORE_041"
    register_form(seeded_db, form_id="f", version="2", workbook=b"workbook v2",
                  file_name="f.xlsx", title="Form")
    assert get_form(seeded_db, "f").version == "2"
    assert get_form(seeded_db, "f", "1", with_workbook=True).workbook == b"workbook v1"
    assert [(r.version, r.workbook) for r in list_forms(seeded_db, "f")] == [("1", None),
                                                                             ("2", None)]
    register_form(seeded_db, form_id="f", version="2", workbook=b"v2 fixed", file_name="f.xlsx",
                  replace=True)  # unused yet: a built-in form being written may change
    _new(seeded_db, form_version="2")
    with pytest.raises(StoreError):
        register_form(seeded_db, form_id="f", version="2", workbook=b"again",
                      file_name="f.xlsx", replace=True)


def test_attachments_are_stored_once_and_named_in_the_answer(seeded_db, tmp_path):
    uuid = _new(seeded_db)
    other = _new(seeded_db)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8same bytes")
    att = add_attachment(seeded_db, uuid, "g/r[1]/photo", photo)
    assert (att.file_name, att.mime, att.size) == ("foto.jpg", "image/jpeg", 12)
    assert load_answers(seeded_db, uuid) == {"g/r[1]/photo": "foto.jpg"}
    assert audit_trail(seeded_db, uuid)[-1].action == "attach"
    add_attachment(seeded_db, other, "photo", photo)
    assert seeded_db.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    photo.write_bytes(b"\xff\xd8other bytes")
    second = add_attachment(seeded_db, uuid, "g/r[2]/photo", photo)
    assert second.file_name == "foto-2.jpg"
    assert get_attachment(seeded_db, uuid, "foto-2.jpg").data == b"\xff\xd8other bytes"
    assert [a.file_name for a in list_attachments(seeded_db, uuid)] == ["foto.jpg", "foto-2.jpg"]
    with pytest.raises(StoreError) as info:
        add_attachment(seeded_db, uuid, "doc", tmp_path / "missing.pdf")
    assert info.value.code == "STORE_050"
    with pytest.raises(StoreError) as info:
        get_attachment(seeded_db, uuid, "nope.jpg")
    assert info.value.code == "STORE_051"
