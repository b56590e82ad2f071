"""Filling a whole submission at once from a set of answers (``fill``), all or nothing."""

from __future__ import annotations

import uuid as uuidlib
from typing import Mapping

from fieldapp import storedscores
from fieldapp.capture.session import NOT_RELEVANT, FinalizeError, _context, _last_saved
from fieldapp.forms.languages import resolve_language
from fieldapp.forms.session import FormSession
from fieldapp.forms.trial import apply_answers, check_constraints
from fieldapp.registry import load_form
from fieldapp.store import atomic
from fieldapp.store import submissions as subs
from fieldapp.store.connection import Database


def fill_submission(db: Database, form_id: str, *, org_id: str, round_id: str,
                    answers: Mapping[str, object], respondent: str | None = None,
                    finalize: bool = False, lang: str | None = None,
                    form_version: str | None = None, form_lang: str | None = None) -> str:
    """Create a submission with ``answers`` through the same form session the GUI uses.

    Every answer is checked before anything is stored; then the submission (finalized if
    asked) is written in one transaction, so a bad answer leaves nothing behind.

    :raises AnswerError: at the first answer that does not fit, naming its field.
    :raises FinalizeError: with ``finalize`` while answers are missing or invalid.
    :raises FormError: FORM_035 if ``form_lang`` (a language asked for by name or code) is
        not one of the form's, naming those it has; ``lang`` (the interface language) is
        only a preference and falls back to the form's default.
    :returns: the new submission's UUID.
    """
    form = load_form(db, form_id, form_version)
    if form_lang:
        lang = resolve_language(form, form_lang)
    new_uuid = str(uuidlib.uuid4())
    session = FormSession(form, lang=lang, context=_context(db, org_id, round_id, new_uuid),
                          last_saved=_last_saved(db, form))
    apply_answers(session, answers)
    check_constraints(session, answers)
    given = session.snapshot()
    hidden: dict[str, str | None] = {}
    if finalize:
        problems = session.validate()
        if problems:
            raise FinalizeError(problems)
        hidden = session.drop_non_relevant()  # as the window does on finalize
        session.touch_end()
    with atomic(db):
        subs.create_submission(db, form_id=form.form_id, form_version=form.version,
                               org_id=org_id, round_id=round_id,
                               respondent=respondent or session.instance_name() or None,
                               answers=given, uuid=new_uuid)
        if finalize:
            # stored as given, then cleared: the audit log keeps what was hidden
            subs.apply_writes(db, new_uuid, hidden, action=NOT_RELEVANT)
            subs.apply_writes(db, new_uuid, {k: v for k, v in session.snapshot().items()
                                             if given.get(k) != v}, action="end")
            subs.finalize(db, new_uuid)
            storedscores.store_scores(db, new_uuid, session=session)
    return new_uuid
