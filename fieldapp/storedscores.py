"""Scores computed once per final submission and stored: at finalize, when a bundle brings a
submission, and again when a form version's scoring changes (the network's rescale choice).

``store_scores(db, uuid)`` is the one call for "this submission is (or is no longer) final":
it computes the scores with the submission's own form version, through the same form session
that captured it, and replaces the stored rows; for a draft or a deleted submission it removes
them. Indicators then aggregate stored numbers instead of re-running every form.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from fieldapp.forms.model import Form
from fieldapp.forms.scores import ScoreResults, compute_scores
from fieldapp.forms.session import FormSession
from fieldapp.registry import ensure_builtin_forms, load_form
from fieldapp.store import atomic
from fieldapp.store import scores as stored
from fieldapp.store import submissions as subs
from fieldapp.store.connection import Database
from fieldapp.store.formsreg import list_forms

FormCache = dict[tuple[str, str], Form]


def scoring_form(db: Database, form_id: str, version: str, forms: FormCache | None = None) -> Form:
    """The form version as it is scored in this database: its workbook's scoring sheet with
    the network's rescale choices applied (loaded once per version into ``forms``)."""
    key = (form_id, version)
    if forms is not None and key in forms:
        return forms[key]
    form = load_form(db, form_id, version)
    choices = stored.rescale_choices(db, form_id)
    if choices:
        scored = [replace(s, rescale=choices[s.name]) if s.name in choices and s.kind == "mean"
                  else s for s in form.scores]
        form = replace(form, scores=scored)
    if forms is not None:
        forms[key] = form
    return form


def fresh_scores(db: Database, submission: subs.Submission,
                 forms: FormCache | None = None) -> ScoreResults:
    """The scores of a stored submission computed now from its answers (nothing stored)."""
    form = scoring_form(db, submission.form_id, submission.form_version, forms)
    session = FormSession(form, answers=subs.load_answers(db, submission.uuid))
    return compute_scores(form, session.flat_answers())


def store_scores(db: Database, submission_uuid: str, *, forms: FormCache | None = None,
                 session: FormSession | None = None) -> int:
    """Compute and store the scores of one submission; return how many were stored.

    A final submission gets its scores, from ``session`` when the caller holds the form
    session of its answers (the capture session at finalize), else from a session opened on
    its stored answers; a draft or a deleted one gets none. Call it after every change of status or answers that reaches the database from
    outside a capture session (bundle import).

    :raises StoreError: STORE_012 if there is no such submission.
    """
    submission = subs.get_submission(db, submission_uuid)
    if not submission.is_final or submission.deleted:
        stored.delete_scores(db, submission.uuid)
        return 0
    form = scoring_form(db, submission.form_id, submission.form_version, forms)
    if not form.scores:
        stored.delete_scores(db, submission.uuid)
        return 0
    if session is None:
        session = FormSession(form, answers=subs.load_answers(db, submission.uuid))
    results = compute_scores(form, session.flat_answers())
    rescales = {s.name: s.rescale for s in form.scores}
    return stored.write_scores(db, submission.uuid, form_id=submission.form_id,
                               form_version=submission.form_version,
                               revision=submission.revision, results=results,
                               rescales=rescales)


def recompute_scores(db: Database, *, form_id: str | None = None, version: str | None = None,
                     stale_only: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Recompute the stored scores of every final submission of a form (a version of it, or
    every form), in one transaction; return how many submissions were scored.

    :param stale_only: only those without scores for their current revision (after an
        upgrade, or a copy changed elsewhere).
    :param progress: called as ``progress(done, total)``.
    """
    if stale_only:
        uuids = stored.stale_submissions(db, None if form_id is None else [form_id])
    else:
        where = ["status = 'final'", "deleted = 0"]
        params: list[str] = []
        if form_id is not None:
            where.append("form_id = ?")
            params.append(form_id)
        if version is not None:
            where.append("form_version = ?")
            params.append(version)
        uuids = [r[0] for r in db.conn.execute(
            f"SELECT uuid FROM submissions WHERE {' AND '.join(where)} ORDER BY uuid", params)]
    forms: FormCache = {}
    with atomic(db):
        for done, uuid in enumerate(uuids, start=1):
            store_scores(db, uuid, forms=forms)
            if progress is not None:
                progress(done, len(uuids))
    return len(uuids)


def set_rescale(db: Database, form_id: str, score: str, method: str | None) -> int:
    """Choose how a score of ``form_id`` is rescaled to 0–100 (``range`` or ``max``, §5.7;
    None = as the workbook says) and recompute that form's stored scores, in one transaction.

    :raises FormError: if the form is not registered or has no such mean score.
    :returns: how many submissions were rescored.
    """
    from fieldapp.errors import FormError
    from fieldapp.forms.scoresheet import RESCALES

    ensure_builtin_forms(db)
    versions = [f.version for f in list_forms(db, form_id)]
    if not versions:
        raise FormError("FORM_017", field=form_id)
    means = {s.name for v in versions for s in load_form(db, form_id, v).scores
             if s.kind == "mean"}
    if score not in means:
        raise FormError("SCORE_022", field=score, form_id=form_id,
                        choices=", ".join(sorted(means)) or "—")
    if method is not None and method not in RESCALES:
        raise FormError("SCORE_021", field=score, value=method)
    with atomic(db):
        stored.set_rescale_choice(db, form_id, score, method)
        return recompute_scores(db, form_id=form_id)
