"""Opening a form window: the slow part (reading and parsing the workbook) runs in a worker
with a progress veil; the capture is then opened on the Tk thread, whose database
connection it keeps (SQLite connections stay in the thread that made them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.gui.worker import Busy, run_in_background
from fieldapp.i18n import _, current_language

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell


def form_language(codes: list[str]) -> str | None:
    """The form language to show: the interface language when the form has it."""
    lang = current_language()
    return lang if lang in codes else None


def _busy(shell: "Shell") -> Busy:
    return Busy(shell.main, lambda: _("Opening the form…"))


def _prepare(db_path: Path, form_id: str | None = None, version: str | None = None,
             uuid: str | None = None) -> list[str]:
    """In the worker: parse the form into the caches; its language codes."""
    from fieldapp.registry import load_form
    from fieldapp.store import open_db
    from fieldapp.store.submissions import get_submission

    db = open_db(db_path, check=False)  # checked when the window opened it
    try:
        if uuid is not None:
            sub = get_submission(db, uuid)
            form_id, version = sub.form_id, sub.form_version
        return load_form(db, str(form_id), version).language_codes()
    finally:
        db.conn.close()


def start_submission(shell: "Shell", form_id: str, org, round_) -> None:
    """A new draft of ``form_id`` for the organization and round, opened in the form window."""
    from fieldapp.capture import start_capture

    def opened(codes: list[str]) -> None:
        capture = start_capture(shell.db_path, form_id, org_id=org.id, round_id=round_.id,
                                lang=form_language(codes), window=True)
        shell.show_form(capture, subtitle=f"{org.name} · {round_.name}")

    run_in_background(shell.root, lambda: _prepare(shell.db_path, form_id=form_id), opened,
                      busy=_busy(shell))


def open_submission(shell: "Shell", uuid: str, *, subtitle: str = "",
                    reopen_reason: str | None = None) -> None:
    """Resume a draft where it was left, or show a final one read-only (reopened first when
    ``reopen_reason`` is given)."""
    from fieldapp.capture import open_capture

    def opened(codes: list[str]) -> None:
        capture = open_capture(shell.db_path, uuid, lang=form_language(codes), window=True)
        if reopen_reason:
            try:
                capture.reopen(reopen_reason)
            except Exception:
                capture.close()
                raise
        shell.show_form(capture, subtitle=subtitle)

    run_in_background(shell.root, lambda: _prepare(shell.db_path, uuid=uuid), opened,
                      busy=_busy(shell))


def preview_workbook(shell: "Shell", path: str | Path, *, on_error=None) -> None:
    """Try a coordinator's workbook in the form window without saving anything."""
    from fieldapp.forms.workbooks import open_workbook
    from fieldapp.forms.session import FormSession
    from fieldapp.gui.binding import PreviewBinding

    def opened(form) -> None:
        session = FormSession(form, lang=form_language(form.language_codes()))
        shell.show_form(PreviewBinding(session), subtitle=Path(path).name)

    run_in_background(shell.root, lambda: open_workbook(Path(path)), opened, on_error=on_error,
                      busy=_busy(shell))
