"""Capture: a form session bound to a stored submission — autosave with audit, resume,
finalize/lock, reopen, delete, attachments, and the session after a refused write."""

from __future__ import annotations

import sqlite3

import pytest
from PIL import Image

from fieldapp.capture import FinalizeError, finalize_submission, open_capture, start_capture
from fieldapp.registry import add_form
from fieldapp.errors import AnswerError, FieldappError, InputError, StoreError
from fieldapp.store.attachments import get_attachment, list_attachments
from fieldapp.store.audit import audit_trail
from fieldapp.store.database import open_db
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.store.submissions import (apply_writes, delete_draft, finalize, get_submission, list_submissions,
                                        load_answers)
from tests.xlsform_md import md_to_xlsx

HOUSEHOLD = """
| survey |
|        | type         | name    | label      | required | constraint  | constraint_message | calculation   | relevant     |
|        | hidden       | org_id  |            |          |             |                    |               |              |
|        | hidden       | org_name |           |          |             |                    |               |              |
|        | hidden       | country |            |          |             |                    |               |              |
|        | hidden       | round   |            |          |             |                    |               |              |
|        | text         | jefe    | Head       | yes      |             |                    |               |              |
|        | integer      | n       | People     | yes      | . > 0 and . < 20 | From 1 to 19  |               |              |
|        | begin_group  | extra   | Extra      |          |             |                    |               |              |
|        | text         | nota    | Note       |          |             |                    |               |              |
|        | image        | foto    | Photo      |          |             |                    |               |              |
|        | end_group    |         |            |          |             |                    |               |              |
|        | begin_repeat | miembro | Member     |          |             |                    |               |              |
|        | text         | nombre  | Name       | yes      |             |                    |               |              |
|        | integer      | edad    | Age        |          | . >= 0      | Not negative       |               |              |
|        | text         | escuela | School     |          |             |                    |               | ${edad} < 18 |
|        | end_repeat   |         |            |          |             |                    |               |              |
|        | calculate    | total   |            |          |             |                    | sum(${edad})  |              |
| settings |
|          | form_id | version | form_title |
|          | hogar   | 1       | Hogar      |
"""

COUNTED = """
| survey |
|        | type         | name  | label | repeat_count |
|        | integer      | k     | Kids  |              |
|        | begin_repeat | kid   | Kid   | ${k}         |
|        | text         | kname | Name  |              |
|        | end_repeat   |       |       |              |
| settings |
|          | form_id | version |
|          | contados | 1      |
"""


@pytest.fixture
def store(db, tmp_path):
    """The ``db`` database with an organization, a round and the md form ``hogar``."""
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)
    add_form(db, md_to_xlsx(HOUSEHOLD, tmp_path / "hogar.xlsx"))
    return db


def start(store, db_path, form_id="hogar"):
    return start_capture(db_path, form_id, org_id="C1", round_id="R24", db=store)


def fill_valid(c):
    c.set("jefe", "Rosa")
    c.set("n", 2)
    c.add_repeat("miembro")
    c.set("miembro[1]/nombre", "Rosa")
    c.set("miembro[1]/edad", 40)


def test_start_stores_the_context_fields(store, db_path):
    c = start(store, db_path)
    stored = load_answers(store, c.uuid)
    assert {k: stored[k] for k in ("org_id", "org_name", "country", "round")} == {
        "org_id": "C1", "org_name": "Cooperativa Sol", "country": "PE", "round": "R24"}
    assert stored["meta/instanceID"] == f"uuid:{c.uuid}"
    sub = get_submission(store, c.uuid)
    assert (sub.status, sub.revision, sub.form_id, sub.form_version) == ("draft", 1, "hogar", "1")
    assert audit_trail(store, c.uuid)[0].action == "create"
    assert c.session.snapshot() == stored


def test_each_answer_is_saved_at_once_with_its_audit_row(store, db_path):
    c = start(store, db_path)
    c.set("jefe", "Ana")
    assert load_answers(store, c.uuid)["jefe"] == "Ana"
    c.set("jefe", "Rosa")
    last = audit_trail(store, c.uuid)[-1]
    assert (last.action, last.path, last.old, last.new) == ("set", "jefe", "Ana", "Rosa")
    assert get_submission(store, c.uuid).revision == 3
    c.set("jefe", "Rosa")  # the same value again writes nothing
    assert get_submission(store, c.uuid).revision == 3
    c.add_repeat("miembro")
    c.set("miembro[1]/edad", 12)
    stored = load_answers(store, c.uuid)
    assert stored["miembro"] == "1" and stored["miembro[1]/edad"] == "12"
    assert stored["total"] == "12"  # the calculation it changed is saved with it
    paths = [(e.action, e.path) for e in audit_trail(store, c.uuid)]
    assert ("add_repeat", "miembro") in paths and ("set", "total") in paths
    c.set("miembro[1]/edad", None)
    assert "miembro[1]/edad" not in load_answers(store, c.uuid)
    assert c.session.snapshot() == load_answers(store, c.uuid)


def test_bad_answers_are_refused_before_anything_is_saved(store, db_path):
    c = start(store, db_path)
    before = get_submission(store, c.uuid).revision
    with pytest.raises(AnswerError) as info:
        c.set("n", "dos")
    assert info.value.context["field"] == "n"
    with pytest.raises(AnswerError):
        c.set("nope", "x")
    with pytest.raises(AnswerError):
        c.set("total", 3)  # a calculation
    assert get_submission(store, c.uuid).revision == before


def test_resume_returns_answers_repeats_and_page(store, db_path):
    c = start(store, db_path)
    fill_valid(c)
    c.add_repeat("miembro")
    c.add_repeat("miembro")
    c.set("miembro[2]/nombre", "Luis")
    c.set("miembro[3]/nombre", "Eva")
    c.set("miembro[3]/edad", 9)
    c.set("miembro[3]/escuela", "San Juan")
    c.remove_repeat("miembro[2]")
    target = next(p.index for p in c.pages() if p.path == "miembro[2]/escuela")
    c.set_page(target)
    snapshot = c.session.snapshot()
    c.close()

    resumed = open_capture(db_path, c.uuid)
    try:
        assert resumed.session.snapshot() == snapshot
        assert resumed.session.repeat_count("miembro") == 2
        assert resumed.session.get("miembro[2]/nombre") == "Eva"
        assert resumed.session.state("miembro[2]/escuela").relevant
        assert resumed.session.value("total") == "49"
        assert resumed.current_page == target
        assert resumed.pages()[target].path == "miembro[2]/escuela"
        assert not resumed.read_only
        resumed.set("miembro[2]/edad", 19)
        assert not resumed.session.state("miembro[2]/escuela").relevant
    finally:
        resumed.close()


def test_a_new_draft_starts_on_the_first_page(store, db_path):
    c = start(store, db_path)
    assert c.current_page == 0
    c.set_page(3)
    assert open_capture(db_path, c.uuid, db=store).current_page == 3


def test_finalize_is_refused_while_answers_are_missing(store, db_path):
    c = start(store, db_path)
    c.set("n", 25)
    c.add_repeat("miembro")
    with pytest.raises(FinalizeError) as info:
        c.finalize()
    problems = [(p.path, p.kind) for p in info.value.problems]
    assert problems == [("jefe", "required"), ("n", "constraint"),
                        ("miembro[1]/nombre", "required")]
    assert info.value.code == "CAPTURE_001"
    assert "From 1 to 19" in str(info.value) and "miembro[1]/nombre" in str(info.value)
    assert get_submission(store, c.uuid).status == "draft"
    assert not c.read_only
    c.set("jefe", "Rosa")
    c.set("n", 2)
    c.set("miembro[1]/nombre", "Rosa")
    c.finalize()
    sub = get_submission(store, c.uuid)
    assert sub.status == "final" and sub.finalized_at and c.read_only
    assert audit_trail(store, c.uuid)[-1].action == "finalize"


def test_a_final_submission_refuses_every_write(store, db_path, tmp_path):
    c = start(store, db_path)
    fill_valid(c)
    c.add_repeat("miembro")
    c.set("miembro[2]/nombre", "Luis")
    # other windows on the same draft, opened before it was finalized
    stale = [open_capture(db_path, c.uuid) for _i in range(4)]
    c.finalize()
    stored, revision = load_answers(store, c.uuid), get_submission(store, c.uuid).revision
    photo = tmp_path / "p.png"
    Image.new("RGB", (4, 4), "red").save(photo)
    for session in (c, open_capture(db_path, c.uuid, db=store)):
        assert session.read_only
        for attempt in (lambda: session.set("jefe", "Otro"),
                        lambda: session.set("miembro[1]/edad", 41),
                        lambda: session.add_repeat("miembro"),
                        lambda: session.remove_repeat("miembro[1]"),
                        lambda: session.attach("foto", photo),
                        lambda: session.finalize()):
            with pytest.raises(FieldappError) as info:
                attempt()
            assert info.value.code == "STORE_013"  # one message for one refusal
    # the store itself refuses too, so a stale session cannot change a final submission
    for session, attempt in zip(stale, (lambda s: s.set("jefe", "Otro"),
                                        lambda s: s.add_repeat("miembro"),
                                        lambda s: s.remove_repeat("miembro[1]"),
                                        lambda s: s.attach("foto", photo))):
        with pytest.raises(StoreError) as info:
            attempt(session)
        assert info.value.code == "STORE_013"
        assert session.session.snapshot() == stored
        assert session.read_only  # and it now knows
        session.close()
    with pytest.raises(StoreError):
        apply_writes(store, c.uuid, {"jefe": "Otro"})
    assert load_answers(store, c.uuid) == stored
    assert get_submission(store, c.uuid).revision == revision
    assert list_attachments(store, c.uuid) == []


def test_reopen_with_a_reason_is_audited_and_editable_again(store, db_path):
    c = start(store, db_path)
    fill_valid(c)
    c.finalize()
    revision = get_submission(store, c.uuid).revision
    with pytest.raises(InputError) as info:
        c.reopen("  ")
    assert info.value.code == "STORE_015" and c.read_only
    c.reopen("la edad estaba mal")
    sub = get_submission(store, c.uuid)
    assert (sub.status, sub.revision, sub.finalized_at) == ("draft", revision + 1, None)
    last = audit_trail(store, c.uuid)[-1]
    assert (last.action, last.note) == ("reopen", "la edad estaba mal")
    c.set("miembro[1]/edad", 41)
    assert load_answers(store, c.uuid)["miembro[1]/edad"] == "41"
    assert open_capture(db_path, c.uuid, db=store).session.get("total") == "41"
    c.finalize()
    assert get_submission(store, c.uuid).status == "final"


def test_delete_a_draft(store, db_path):
    c = start(store, db_path)
    c.set("jefe", "Rosa")
    delete_draft(store, c.uuid, "duplicada")  # deleting is the store's, whoever asks
    assert list_submissions(store) == []
    sub = get_submission(store, c.uuid)
    assert sub.deleted
    assert (audit_trail(store, c.uuid)[-1].action, audit_trail(store, c.uuid)[-1].note) == (
        "delete", "duplicada")
    with pytest.raises(StoreError) as info:
        c.set("jefe", "Otra")
    assert info.value.code == "STORE_014"
    assert c.session.snapshot() == load_answers(store, c.uuid)

    final = start(store, db_path)
    fill_valid(final)
    final.finalize()
    with pytest.raises(StoreError) as info:
        delete_draft(store, final.uuid)
    assert info.value.code == "STORE_016"


def test_attach_an_image(store, db_path, tmp_path):
    c = start(store, db_path)
    photo = tmp_path / "casa.png"
    Image.new("RGB", (8, 6), "green").save(photo)
    change = c.attach("foto", photo)  # a unique name inside a group
    assert change.writes == {} or "extra/foto" in change.writes
    stored = load_answers(store, c.uuid)
    assert stored["extra/foto"] == "casa.png" and "foto" not in stored
    assert c.session.get("extra/foto") == "casa.png"
    saved = get_attachment(store, c.uuid, "casa.png")
    assert saved.data == photo.read_bytes() and saved.mime == "image/png"
    assert saved.path == "extra/foto"
    assert audit_trail(store, c.uuid)[-1].action == "attach"
    # a different file by the same name gets its own name
    Image.new("RGB", (8, 6), "blue").save(photo)
    c.attach("extra/foto", photo)
    assert c.session.get("extra/foto") == load_answers(store, c.uuid)["extra/foto"] == "casa-2.png"
    assert c.session.snapshot() == load_answers(store, c.uuid)


def test_attach_is_refused_for_a_field_that_takes_no_file(store, db_path, tmp_path):
    c = start(store, db_path)
    photo = tmp_path / "p.png"
    Image.new("RGB", (2, 2)).save(photo)
    for path in ("n", "nope", "total"):
        with pytest.raises(AnswerError):
            c.attach(path, photo)
    assert list_attachments(store, c.uuid) == []
    assert c.session.snapshot() == load_answers(store, c.uuid)
    with pytest.raises(StoreError) as info:
        c.attach("foto", tmp_path / "missing.png")
    assert info.value.code == "STORE_050"


def test_a_locked_database_leaves_the_session_as_stored(store, db_path):
    c = start(store, db_path)
    fill_valid(c)
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        for attempt in (lambda: c.set("miembro[1]/edad", 50),  # also changes 'total'
                        lambda: c.add_repeat("miembro"),
                        lambda: c.remove_repeat("miembro[1]")):
            with pytest.raises(StoreError) as info:
                attempt()
            assert info.value.code == "STORE_002"
            assert c.session.snapshot() == load_answers(store, c.uuid)
            assert c.session.value("total") == "40"
            assert c.session.repeat_count("miembro") == 1
            assert [p.path for p in c.pages()].count("miembro[1]/nombre") == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    c.set("miembro[1]/edad", 50)
    assert load_answers(store, c.uuid)["total"] == "50"


def test_a_full_disk_leaves_the_session_as_stored(store, db_path):
    c = start(store, db_path)
    fill_valid(c)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    try:
        with pytest.raises(StoreError) as info:
            c.set("extra/nota", "x" * 90_000)
        assert info.value.code == "STORE_004"
    finally:
        store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert c.session.get("extra/nota") == ""
    assert c.session.snapshot() == load_answers(store, c.uuid)


def test_finalized_behind_the_sessions_back(store, db_path):
    c = start(store, db_path)
    fill_valid(c)
    other = open_db(db_path)
    try:
        finalize(other, c.uuid)
    finally:
        other.close()
    with pytest.raises(StoreError) as info:
        c.set("jefe", "Otra")
    assert info.value.code == "STORE_013"
    assert c.session.get("jefe") == "Rosa"
    assert c.session.snapshot() == load_answers(store, c.uuid)
    assert c.read_only  # the session learned the submission is locked


def test_finalize_submission_checks_the_stored_answers(store, db_path):
    c = start(store, db_path)
    c.set("jefe", "Rosa")
    with pytest.raises(FinalizeError):
        finalize_submission(store, c.uuid)
    fill_valid(c)
    finalize_submission(store, c.uuid)
    assert get_submission(store, c.uuid).status == "final"


def test_repeat_count_changes_the_pages(store, db_path, tmp_path):
    add_form(store, md_to_xlsx(COUNTED, tmp_path / "contados.xlsx"))
    c = start(store, db_path, "contados")
    assert [p.path for p in c.pages()] == ["k", "kid"]
    c.set("k", 2)
    assert [p.path for p in c.pages()] == ["k", "kid", "kid[1]/kname", "kid[2]/kname"]
    assert load_answers(store, c.uuid)["kid"] == "2"
    c.set_page(3)
    resumed = open_capture(db_path, c.uuid, db=store)
    assert resumed.current_page == 3 and resumed.session.repeat_count("kid") == 2
