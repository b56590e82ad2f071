"""Long work (opening a large form, loading long lists) off the Tk thread, with a busy overlay.

Tk is not thread-safe: the job runs in a thread and must not touch widgets; its result (or
exception) is handed back to ``on_done`` / ``on_error`` on the Tk thread by polling with
``after``, so the window keeps redrawing and answering while the job runs.

The cyclic garbage collector is paused while a job runs: otherwise it may run in the job's
thread and finalize Tk images and variables of destroyed widgets there, and each such Tcl
call from a foreign thread waits for the Tk thread.
"""

from __future__ import annotations

import gc
import threading
import tkinter as tk
from typing import Any, Callable

import ttkbootstrap as ttk

POLL_MS = 20

_jobs: list["Job"] = []  # running jobs, so tests and the bench can wait for them
_paused_gc = False  # whether this module turned the collector off


class Job:
    """One function running in a background thread."""

    def __init__(self, widget: tk.Misc, func: Callable[[], Any],
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None,
                 busy: "Busy | None") -> None:
        self.widget = widget
        self.on_done = on_done
        self.on_error = on_error
        self.busy = busy
        self.finished = False  # the callbacks ran
        self._result: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, args=(func,), daemon=True)

    def _work(self, func: Callable[[], Any]) -> None:
        try:
            self._result = func()
        except BaseException as exc:  # handed to the Tk thread, which reports it
            self._error = exc

    def start(self) -> "Job":
        global _paused_gc
        if not _jobs and gc.isenabled():
            gc.disable()
            _paused_gc = True
        _jobs.append(self)
        if self.busy is not None:
            self.busy.show()
        self._thread.start()
        self.widget.after(POLL_MS, self._poll)
        return self

    def _poll(self) -> None:
        if self._thread.is_alive():
            try:
                self.widget.after(POLL_MS, self._poll)
            except tk.TclError:  # the window closed while the job ran
                self._finish()
            return
        self._finish()
        if self._error is None:
            self.on_done(self._result)
        elif self.on_error is not None:
            self.on_error(self._error)
        else:
            error = self._error
            self.widget.winfo_toplevel().report_callback_exception(
                type(error), error, error.__traceback__)

    def _finish(self) -> None:
        self.finished = True
        if self in _jobs:
            _jobs.remove(self)
        global _paused_gc
        if not _jobs and _paused_gc:
            _paused_gc = False
            gc.enable()
        if self.busy is not None:
            try:
                self.busy.hide()
            except tk.TclError:
                pass


def run_in_background(widget: tk.Misc, func: Callable[[], Any], on_done: Callable[[Any], None], *,
                      on_error: Callable[[BaseException], None] | None = None,
                      busy: "Busy | None" = None) -> Job:
    """Run ``func()`` in a thread; call ``on_done(result)`` or ``on_error(exc)`` on the Tk thread.

    Without ``on_error`` an exception goes to the window's ``report_callback_exception``.
    """
    return Job(widget, func, on_done, on_error, busy).start()


def busy_jobs() -> int:
    """How many jobs are still running (tests wait for 0)."""
    return len(_jobs)


class Busy:
    """A veil over a frame with a progress bar and a message, while a job runs.

    :param progress: read on the Tk thread every few tenths of a second: the fraction done
        (0–1) that the job reports, or None while it does not know (the bar then just moves).
    """

    def __init__(self, parent: tk.Misc, text: Callable[[], str],
                 progress: Callable[[], float | None] | None = None) -> None:
        self.parent = parent
        self.text = text
        self.progress = progress
        self.frame: ttk.Frame | None = None
        self.bar: ttk.Progressbar | None = None

    def show(self) -> None:
        if self.frame is not None:
            return
        frame = ttk.Frame(self.parent, padding=40)
        inner = ttk.Frame(frame)
        inner.place(relx=0.5, rely=0.4, anchor="center")
        ttk.Label(inner, text=self.text(), style="Heading.TLabel").pack(pady=(0, 12))
        bar = ttk.Progressbar(inner, mode="indeterminate", length=320, bootstyle="primary",
                              maximum=100)
        bar.pack()
        bar.start(15)
        frame.place(x=0, y=0, relwidth=1, relheight=1)
        frame.lift()
        self.frame, self.bar = frame, bar
        if self.progress is not None:
            frame.after(200, self._follow)

    def _follow(self) -> None:
        if self.frame is None or self.bar is None or self.progress is None:
            return
        done = self.progress()
        if done is not None:
            if str(self.bar.cget("mode")) != "determinate":
                self.bar.stop()
                self.bar.configure(mode="determinate")
            self.bar.configure(value=100 * max(0.0, min(done, 1.0)))
        self.frame.after(200, self._follow)

    def hide(self) -> None:
        if self.frame is not None:
            self.frame.destroy()
            self.frame = self.bar = None
