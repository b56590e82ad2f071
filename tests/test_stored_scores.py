"""Stored scores equal a fresh computation: at finalize, after a recomputation, after a
rescale, for the demo data and for random answers (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp import storedscores
from fieldapp.capture import open_capture
from fieldapp.capture.fill import fill_submission
from fieldapp.demo import load_demo
from fieldapp.forms.session import FormSession
from fieldapp.registry import load_form
from fieldapp.store import scores as stored
from fieldapp.store import submissions as subs
from fieldapp.store.database import open_db
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round

SURVEY = "medios_de_vida"
ASSESSMENT = "desarrollo_organizacional"
LIKERT = [f"B{d}_{i}" for d in range(1, 7) for i in range(1, 4)]


def fresh(db, uuid: str) -> dict[str, tuple[float | None, str]]:
    """The scores recomputed from scratch: the form version, a new session, its answers."""
    submission = subs.get_submission(db, uuid)
    form = load_form(db, submission.form_id, submission.form_version)
    session = FormSession(form, answers=subs.load_answers(db, uuid))
    return {v.name: (v.value, v.status) for v in session.scores()}


def kept(db, uuid: str) -> dict[str, tuple[float | None, str]]:
    return {name: (s.value, s.status) for name, s in stored.read_scores(db, uuid).items()}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    load_demo(db)
    yield db
    db.close()


def test_every_demo_submission_has_scores_equal_to_a_fresh_computation(demo_db):
    finals = subs.list_submissions(demo_db, status="final")
    assert len(finals) > 700
    for submission in finals:
        found = stored.read_scores(demo_db, submission.uuid)
        assert found, submission.uuid
        assert {s.revision for s in found.values()} == {submission.revision}
        assert {s.form_version for s in found.values()} == {submission.form_version}
        assert kept(demo_db, submission.uuid) == fresh(demo_db, submission.uuid)
    assert stored.stale_submissions(demo_db) == []


def _store(tmp_path):
    db = open_db(tmp_path / "f.db")
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE",
                     women=40, men=60, workers=10)
    add_round(db, id="R24", name="2024", year=2024, baseline=True)
    return db


def _survey(**likert: str) -> dict[str, str]:
    answers = {"codigo": "R-1", "consentimiento": "si", "rol": "productor", "genero": "mujer",
               "edad": "30_44", "antiguedad": "2_5", "producto": "cafe", "personas_hogar": 4,
               "D1": "si", "D2": "igual"}
    answers.update({field: "4" for field in LIKERT})
    answers.update(likert)
    return answers


def test_finalize_in_a_capture_session_stores_the_scores(tmp_path):
    db = _store(tmp_path)
    uuid = fill_submission(db, SURVEY, org_id="C1", round_id="R24", answers=_survey())
    assert stored.read_scores(db, uuid) == {}  # a draft has none
    capture = open_capture(tmp_path / "f.db", uuid, db=db)
    capture.set("D1", "no")
    capture.finalize()
    assert kept(db, uuid) == fresh(db, uuid)
    assert kept(db, uuid)["sust_D"] == (0.0, "ok")


def test_reopened_submission_is_not_counted_until_finalized_again(tmp_path):
    db = _store(tmp_path)
    uuid = fill_submission(db, SURVEY, org_id="C1", round_id="R24", answers=_survey(),
                           finalize=True)
    subs.reopen(db, uuid, "corregir")
    assert stored.stale_submissions(db) == []  # a draft is not due any scores
    capture = open_capture(tmp_path / "f.db", uuid, db=db)
    capture.set("B1_1", "1")
    capture.finalize()
    assert kept(db, uuid) == fresh(db, uuid)
    assert {s.revision for s in stored.read_scores(db, uuid).values()} == {
        subs.get_submission(db, uuid).revision}


def test_store_scores_on_arrival_and_recompute_the_stale(tmp_path):
    """What a bundle import does: answers written without a capture session, then
    ``store_scores``; and a copy without scores is found stale and recomputed."""
    db = _store(tmp_path)
    uuid = fill_submission(db, SURVEY, org_id="C1", round_id="R24", answers=_survey(),
                           finalize=True)
    stored.delete_scores(db, uuid)
    assert stored.stale_submissions(db) == [uuid]
    assert storedscores.recompute_scores(db, stale_only=True) == 1
    assert kept(db, uuid) == fresh(db, uuid) and stored.stale_submissions(db) == []
    assert storedscores.store_scores(db, uuid) == 10


def test_rescale_recomputes_a_form_versions_stored_scores(tmp_path):
    """§5.7: 'max' gives mean / max × 100 (all 4 on 1–5 → 80), 'range' (4 − 1)/4 → 75."""
    db = _store(tmp_path)
    uuid = fill_submission(db, SURVEY, org_id="C1", round_id="R24", answers=_survey(),
                           finalize=True)
    assert stored.read_scores(db, uuid)["B1"].value == pytest.approx(75.0)
    assert storedscores.set_rescale(db, SURVEY, "B1", "max") == 1
    b1 = stored.read_scores(db, uuid)["B1"]
    assert b1.value == pytest.approx(80.0) and b1.rescale == "max"
    assert stored.read_scores(db, uuid)["B2"].value == pytest.approx(75.0)
    storedscores.set_rescale(db, SURVEY, "B1", None)
    assert stored.read_scores(db, uuid)["B1"].value == pytest.approx(75.0)


def test_rescale_refuses_an_unknown_score(tmp_path):
    from fieldapp.errors import FormError

    db = _store(tmp_path)
    with pytest.raises(FormError) as caught:
        storedscores.set_rescale(db, SURVEY, "sust_D", "max")
    assert caught.value.code == "SCORE_022"
    with pytest.raises(FormError):
        storedscores.set_rescale(db, SURVEY, "B1", "half")


ANSWER = st.sampled_from(["1", "2", "3", "4", "5", "ns"])  # Likert items are required


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ANSWER, min_size=len(LIKERT), max_size=len(LIKERT)),
       st.sampled_from(["si", "en_parte", "no", "ns"]))
def test_stored_equal_fresh_for_random_answers(tmp_path, values, d1):
    path = tmp_path / "h.db"
    db = open_db(path)
    try:
        if not db.conn.execute("SELECT 1 FROM organizations").fetchone():
            add_organization(db, id="C1", name="Coop", type="cooperative", country="PE")
            add_round(db, id="R24", name="2024", year=2024, baseline=True)
        answers = _survey(D1=d1)
        answers.update(zip(LIKERT, values))
        uuid = fill_submission(db, SURVEY, org_id="C1", round_id="R24", answers=answers,
                               finalize=True)
        assert kept(db, uuid) == fresh(db, uuid)
    finally:
        db.close()
