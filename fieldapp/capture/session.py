"""A capture session: a FormSession whose every edit is saved to its submission at once."""

from __future__ import annotations

import uuid as uuidlib
from pathlib import Path

from fieldapp import storedscores
from fieldapp.errors import AnswerError, FieldappError, FinalizeError, StoreError
from fieldapp.forms.graph import graph_for
from fieldapp.forms.instance import strip_indexes
from fieldapp.forms.model import Form, Group, Question
from fieldapp.forms.pages import Page, page_of, pages
from fieldapp.forms.qtypes import takes_file
from fieldapp.forms.session import Change, FormSession, Problem
from fieldapp.registry import form_of, load_form
from fieldapp.store import atomic, open_db
from fieldapp.store import submissions as subs
from fieldapp.store.attachments import add_attachment, get_attachment
from fieldapp.store.connection import Database
from fieldapp.store.database import BUSY_TIMEOUT_MS
from fieldapp.store.identity import get_identity
from fieldapp.store.orgs import get_organization
from fieldapp.store.rounds import get_round

NOT_RELEVANT = "not_relevant"  # the audit action of answers cleared on finalize
WINDOW_BUSY_TIMEOUT_MS = 100  # at most this long a keystroke waits for another writer


def _context(db: Database, org_id: str, round_id: str, submission_uuid: str) -> dict[str, str]:
    """What the app knows that a form may declare as hidden or metadata fields."""
    org = get_organization(db, org_id)
    round_ = get_round(db, round_id)
    who = get_identity(db)
    return {"org_id": org.id, "org_name": org.name, "country": org.country,
            "round": round_.id, "deviceid": who.device_id, "username": who.technician,
            "instanceID": f"uuid:{submission_uuid}"}


def _last_saved(db: Database, form: Form, current: str | None = None) -> dict[str, str]:
    """The answers of the submission of ``form`` this technician saved last, other than
    ``current``: what ``${last-saved#name}`` reads (ODK). Empty when the form reads none."""
    if not graph_for(form).reads_last_saved:
        return {}
    who = get_identity(db)
    mine = [s for s in subs.list_submissions(db, form_id=form.form_id)
            if s.technician == who.technician and s.uuid != current]
    if not mine:
        return {}
    latest = max(mine, key=lambda s: (s.updated_at, s.created_at, s.uuid))
    return subs.load_answers(db, latest.uuid)


class CaptureSession:
    """One submission being filled (or looked at, when final): the stored side of the form
    window's ``Binding``. Answer rules are checked here; status rules (what a final or
    deleted submission refuses, finalize, reopen, delete) belong to the store."""

    stored = True  # every edit is saved

    def __init__(self, db: Database, submission: subs.Submission, session: FormSession, *,
                 defer_when_busy: bool = False) -> None:
        self.db = db
        self.submission = submission
        self.session = session
        self.form = session.form
        self.defer_when_busy = defer_when_busy
        self._queue: list[tuple[dict[str, str | None], str]] = []
        self._pages: list[Page] | None = None

    # -- what it is ---------------------------------------------------------------------
    @property
    def uuid(self) -> str:
        return self.submission.uuid

    @property
    def status(self) -> str:
        return self.submission.status

    @property
    def read_only(self) -> bool:
        return self.submission.is_final

    def pages(self) -> list[Page]:
        """The form's pages as the repeats stand now."""
        if self._pages is None:
            self._pages = pages(self.session)
        return self._pages

    @property
    def current_page(self) -> int:
        """The index of the page where the draft was left (0 for a new one)."""
        where = self.submission.current_page
        if not where:
            return 0
        found = page_of(self.pages(), where)
        return found if found is not None else 0

    # -- edits (each one transaction) ---------------------------------------------------
    @property
    def pending(self) -> int:
        """How many edits wait to be stored (the database was busy); 0 when all are saved."""
        return len(self._queue)

    def _save(self, change: Change, action: str = "set") -> Change:
        if not change.writes:
            return change
        self._queue.append((dict(change.writes), action))
        self.save_pending()
        if _moves_repeats(self.form, change.writes):
            self._pages = None  # a calculated repeat_count added or removed instances
        return change

    def busy_with(self) -> str | None:
        """What another program is doing with the database, when it says (an import)."""
        from fieldapp.store.activity import current
        from fieldapp.store.database import db_file

        return current(db_file(self.db))

    def save_pending(self) -> bool:
        """Store the edits waiting in order, each in its own transaction; True when none wait.

        Each write names the revision this window loaded, so a submission changed meanwhile by
        another window or program is not overwritten (STORE_075; the session is reloaded).
        With ``defer_when_busy``, a database busy with another program's write (an import)
        keeps the edits waiting here, in order, instead of failing: call again later.

        :raises StoreError: the database refused (the session is back to the stored state)
        """
        while self._queue:
            writes, action = self._queue[0]
            try:
                name = self.session.instance_name() or None
                rename = name if name and name != self.submission.respondent else None
                result = subs.apply_writes(self.db, self.uuid, writes, action=action,
                                           respondent=rename,
                                           expected_revision=self.submission.revision)
            except FieldappError as exc:
                if self.defer_when_busy and exc.code == "STORE_002":
                    return False
                self._queue.clear()
                self._resync()
                raise
            self._queue.pop(0)
            self.submission.revision = result.revision
            if rename:
                self.submission.respondent = rename
        return True

    def _resync(self) -> None:
        """After the database refused a write: make the session (and the record, which may
        have been finalized or deleted elsewhere) match what is stored again."""
        self._pages = None
        self._queue.clear()
        try:
            self.submission = subs.get_submission(self.db, self.uuid)
            self.session.restore(subs.load_answers(self.db, self.uuid))
        except FieldappError:
            pass  # unreadable too: the caller reports the original error

    def set(self, path: str, value: object) -> Change:
        """Set and save one answer.

        :raises AnswerError: the value does not fit (nothing saved).
        :raises StoreError: the database refused (the session is back to the stored state).
        """
        self._refuse_if_final()
        return self._save(self.session.set(path, value))

    def add_repeat(self, path: str) -> Change:
        self._refuse_if_final()
        self._pages = None
        return self._save(self.session.add_repeat(path), "add_repeat")

    def remove_repeat(self, instance_path: str) -> Change:
        self._refuse_if_final()
        self._pages = None
        return self._save(self.session.remove_repeat(instance_path), "remove_repeat")

    def attach(self, path: str, file: Path) -> Change:
        """Store a file in the database and make its name the answer at ``path``."""
        self._refuse_if_final()
        node = self.session.node(path)
        question = node.element
        # checked before the file is stored: a refused answer must not leave it behind
        if not isinstance(question, Question) or not takes_file(question.type) \
                or question.capture != "input" or question.read_only:
            raise AnswerError("ANS_017", field=path)
        if not self.save_pending():
            raise StoreError("STORE_002", path=self.uuid)
        try:
            attachment = add_attachment(self.db, self.uuid, node.path, Path(file),
                                        expected_revision=self.submission.revision)
            self.submission.revision = subs.get_submission(self.db, self.uuid).revision
        except FieldappError as exc:
            if exc.code.startswith("LIMIT"):
                raise AnswerError(exc.code, **exc.context) from None
            self._resync()
            raise
        return self._save(self.session.set(node.path, attachment.file_name), "attach")

    def set_page(self, index: int) -> None:
        """Remember the page being shown, for resuming."""
        all_pages = self.pages()
        if self.read_only or not 0 <= index < len(all_pages):
            return
        where = all_pages[index].path
        if where != self.submission.current_page:
            subs.set_current_page(self.db, self.uuid, where)
            self.submission.current_page = where

    def _refuse_if_final(self) -> None:
        # checked before the session computes a change, by the store's own rule
        subs.check_editable(self.submission)

    def attachment_bytes(self, name: str) -> bytes | None:
        """The bytes of the file attached as ``name`` (a photo shown again on resuming)."""
        try:
            return get_attachment(self.db, self.uuid, name).data
        except StoreError as exc:
            if exc.code != "STORE_051":
                raise
            return None

    # -- life cycle ---------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """What stops finalizing: missing required answers and failed constraints."""
        return self.session.validate()

    def finalize(self) -> None:
        """Lock the submission as final.

        :raises FinalizeError: with the problems, while any remain (nothing changes).
        """
        self._refuse_if_final()
        problems = self.problems()
        if problems:
            raise FinalizeError(problems)
        if not self.save_pending():
            raise StoreError("STORE_002", path=self.uuid)
        self._save(Change(writes=self.session.drop_non_relevant()), NOT_RELEVANT)
        self._save(Change(writes=self.session.touch_end()), "end")
        if not self.save_pending():
            raise StoreError("STORE_002", path=self.uuid)
        try:
            with atomic(self.db):  # final and scored together, or neither
                self.submission = subs.finalize(self.db, self.uuid,
                                                expected_revision=self.submission.revision)
                storedscores.store_scores(self.db, self.uuid, session=self.session)
        except FieldappError:
            self._resync()
            raise

    def reopen(self, reason: str) -> None:
        """Make a final submission a draft again (audited, with the reason)."""
        self._transition(subs.reopen, reason)

    def _transition(self, change, reason: str | None) -> None:
        try:
            self.submission = change(self.db, self.uuid, reason)
        except FieldappError:
            self._resync()  # it may have been finalized, reopened or deleted elsewhere
            raise

    def scores(self):
        return self.session.scores()

    def close(self) -> None:
        self.db.conn.close()


def _moves_repeats(form: Form, writes) -> bool:
    """Whether ``writes`` change a repeat's number of instances (its count key)."""
    return any(not key.endswith("]") and isinstance(form.find(strip_indexes(key)), Group)
               for key in writes)


def _open(db_path: Path, db: Database | None, window: bool) -> Database:
    if db is not None:
        return db
    # A window never waits long for the write lock: a busy database (another program's
    # import) keeps the edits waiting in the session instead of freezing the window.
    return open_db(db_path, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS if window else BUSY_TIMEOUT_MS)


def _prefill(session: FormSession, org) -> None:
    """Answer what the organization record already holds (editable like any answer)."""
    from fieldapp.capture.prefill import prefill_answers

    for name, value in prefill_answers(session.form, org).items():
        try:
            session.set(name, value)
        except FieldappError:  # a value the question refuses is left for the technician
            continue


def start_capture(db_path: Path, form_id: str, *, org_id: str, round_id: str,
                  respondent: str | None = None, lang: str | None = None,
                  form_version: str | None = None, db: Database | None = None,
                  window: bool = False) -> CaptureSession:
    """Start a new draft of ``form_id`` for an organization and round, saved at once.

    :param window: for a window: short lock waits, edits kept waiting while the database is
        busy (see ``CaptureSession.save_pending``)
    """
    db = _open(db_path, db, window)
    form = load_form(db, form_id, form_version)
    new_uuid = str(uuidlib.uuid4())
    session = FormSession(form, lang=lang, context=_context(db, org_id, round_id, new_uuid),
                          last_saved=_last_saved(db, form))
    _prefill(session, get_organization(db, org_id))
    subs.create_submission(db, form_id=form.form_id, form_version=form.version, org_id=org_id,
                           round_id=round_id,
                           respondent=respondent or session.instance_name() or None,
                           answers=session.snapshot(), uuid=new_uuid)
    return CaptureSession(db, subs.get_submission(db, new_uuid), session,
                          defer_when_busy=window)


def open_capture(db_path: Path, submission_uuid: str, *, lang: str | None = None,
                 db: Database | None = None, window: bool = False) -> CaptureSession:
    """Resume a draft, or open a final submission read-only (``window``: as in
    ``start_capture``)."""
    db = _open(db_path, db, window)
    full = subs.resolve_uuid(db, submission_uuid)
    submission = subs.get_submission(db, full)
    form = form_of(db, submission)
    context = _context(db, submission.org_id, submission.round_id, submission.uuid)
    session = FormSession(form, lang=lang, context=context,
                          answers=subs.load_answers(db, submission.uuid),
                          last_saved=_last_saved(db, form, submission.uuid))
    return CaptureSession(db, submission, session, defer_when_busy=window)


def finalize_submission(db: Database, submission_uuid: str) -> None:
    """Finalize a stored draft after checking its answers (``submissions finalize``).

    :raises FinalizeError: while answers are missing or invalid.
    """
    capture = open_capture(Path(""), submission_uuid, db=db)
    capture.finalize()
