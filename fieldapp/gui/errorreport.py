"""What the GUI does with an exception escaping a callback: a dialog, never a traceback.

A FieldappError (bad input, a locked database) is shown as its message in the interface
language. Anything else is a bug: its traceback goes to the log file, the open draft is
flushed, and the technician sees where the log is.
"""

from __future__ import annotations

import logging
import tkinter as tk
from pathlib import Path
from typing import Callable

from fieldapp import paths
from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import show_message
from fieldapp.i18n import _

_log = logging.getLogger("fieldapp.gui")


def setup_logging() -> None:
    """Send warnings and errors of fieldapp to the log file in the user data folder."""
    root_logger = logging.getLogger("fieldapp")
    target = str(paths.log_path())
    if any(getattr(h, "baseFilename", None) == target for h in root_logger.handlers):
        return
    try:
        paths.create_private_file(Path(target))  # tracebacks may quote answers
        paths.make_private(Path(target))
        handler = logging.FileHandler(target, encoding="utf-8")
    except OSError:  # an unwritable data folder must not stop the app
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root_logger.addHandler(handler)
    root_logger.setLevel(min(root_logger.level or logging.WARNING, logging.WARNING))


class ErrorReporter:
    """Replaces ``report_callback_exception`` of the root window.

    :param flush: called first after an unexpected error, to save what is pending.
    """

    def __init__(self, root: tk.Tk, flush: Callable[[], None] | None = None) -> None:
        self.root = root
        self.flush = flush
        self.shown: list[str] = []  # messages shown, newest last (tests read them)
        root.report_callback_exception = self  # type: ignore[assignment]

    def __call__(self, exc_type: type, exc: BaseException, tb: object) -> None:
        if isinstance(exc, FieldappError):
            self.show_error(exc)
            return
        _log.error("unexpected error in the GUI", exc_info=(exc_type, exc, tb))
        if self.flush is not None:
            try:
                self.flush()
            except Exception:
                _log.exception("could not save after the unexpected error")
        text = _("Internal error: something went wrong inside fieldapp. Your answers saved so far "
                 "are safe. Details are in {path}; please send that file to your coordinator.")
        self._show(text.format(path=paths.log_path()), detail=f"{exc_type.__name__}: {exc}")

    def show_error(self, exc: FieldappError) -> None:
        """Show a FieldappError as a plain dialog."""
        self._show(str(exc))

    def _show(self, text: str, detail: str = "") -> None:
        self.shown.append(text)
        try:
            show_message(self.root, _("Error"), text, detail=detail, kind="error")
        except tk.TclError:  # the window is going away: the log has it
            _log.error("could not show: %s", text)
