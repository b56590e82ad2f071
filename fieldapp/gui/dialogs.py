"""Small modal dialogs in the interface language that answer through callbacks.

They never block in a nested event loop (no ``wait_window``): the caller passes what to do
on OK, so the event that opened the dialog returns at once and tests can drive the dialog
with generated events like any other window.
"""

from __future__ import annotations

import tkinter as tk
from dataclasses import dataclass
from typing import Callable

import ttkbootstrap as ttk

from fieldapp.gui.theme import PAD
from fieldapp.i18n import _

_open: list["Dialog"] = []


def open_dialogs() -> list["Dialog"]:
    """The dialogs now open, oldest first."""
    return [d for d in _open if d.alive]


@dataclass(slots=True)
class JobFooter:
    """The widgets :meth:`Dialog.add_job_footer` made, and the progress of its job."""

    bar: ttk.Progressbar
    status: ttk.Label
    close_button: ttk.Button
    start_button: ttk.Button
    fraction: float = 0.0  # written by the worker thread, read on the Tk thread

    def report(self, done: int, total: int, *_details: object) -> None:
        """The job's progress callback (any thread): ``done`` of ``total`` steps."""
        self.fraction = done / max(total, 1)

    def follow(self, running: Callable[[], bool]) -> None:
        """Start the job's bar at 0 and move it to its progress every 100 ms while
        ``running()``."""
        self.fraction = 0.0
        self._step(running)

    def _step(self, running: Callable[[], bool]) -> None:
        if not running() or not self.bar.winfo_exists():
            return
        self.bar.configure(value=100 * self.fraction)
        self.bar.after(100, self._step, running)


class Dialog:
    """A modal window over ``parent`` with a body and a row of buttons."""

    def __init__(self, parent: tk.Misc, title: str, *, width: int = 520) -> None:
        self.parent = parent.winfo_toplevel()
        self.window = ttk.Toplevel(title=title, transient=self.parent, resizable=(True, True))
        self.window.withdraw()
        # a thin frame: the dialog stays distinct from the window under it, with or without
        # a window manager's decorations
        border = str(self.window.style.colors.border) if hasattr(self.window, "style") else "#999"
        self.window.configure(highlightthickness=1, highlightbackground=border,
                              highlightcolor=border)
        self.window.protocol("WM_DELETE_WINDOW", self.cancel)
        self.window.bind("<Escape>", lambda e: self.cancel())
        self.body = ttk.Frame(self.window, padding=2 * PAD)
        self.body.pack(fill="both", expand=True)
        self.buttons = ttk.Frame(self.window, padding=(2 * PAD, 0, 2 * PAD, 2 * PAD))
        self.buttons.pack(fill="x")
        self.width = width
        self.alive = True
        self.on_cancel: Callable[[], None] | None = None
        _open.append(self)

    def add_button(self, text: str, command: Callable[[], None], *, bootstyle: str = "secondary",
                   default: bool = False) -> ttk.Button:
        button = ttk.Button(self.buttons, text=text, command=command, bootstyle=bootstyle)
        button.pack(side="right", padx=(PAD, 0))
        if default:
            self.window.bind("<Return>", lambda e: command())
        return button

    def add_job_footer(self, parent: tk.Misc, start_text: str, on_start: Callable[[], None], *,
                       on_close: Callable[[], None] | None = None,
                       wraplength: int = 580) -> "JobFooter":
        """The end of a dialog that runs one long job: a progress bar and a status line in
        ``parent``, then Close and the job's own button (the default)."""
        bar = ttk.Progressbar(parent, mode="determinate", maximum=100, bootstyle="success")
        bar.pack(fill="x", pady=(PAD // 2, PAD // 2))
        status = ttk.Label(parent, text="", wraplength=wraplength, justify="left")
        status.pack(anchor="w", fill="x")
        close = self.add_button(_("Close"), on_close or self.close,
                                bootstyle="secondary-outline")
        start = self.add_button(start_text, on_start, bootstyle="primary", default=True)
        return JobFooter(bar, status, close, start)

    def show(self, focus: tk.Misc | None = None) -> "Dialog":
        self.window.update_idletasks()
        req_w = max(self.width, self.window.winfo_reqwidth())
        req_h = self.window.winfo_reqheight()
        px, py = self.parent.winfo_rootx(), self.parent.winfo_rooty()
        pw, ph = self.parent.winfo_width(), self.parent.winfo_height()
        x = px + max(0, (pw - req_w) // 2)
        y = py + max(0, (ph - req_h) // 3)
        self.window.geometry(f"{req_w}x{req_h}+{x}+{y}")
        self.window.deiconify()
        self.window.lift()
        try:
            self.window.grab_set()
        except tk.TclError:  # another grab (a window not yet viewable): stay non-modal
            pass
        (focus or self.window).focus_set()
        return self

    def close(self) -> None:
        if not self.alive:
            return
        self.alive = False
        if self in _open:
            _open.remove(self)
        try:
            self.window.grab_release()
            self.window.destroy()
        except tk.TclError:
            pass

    def cancel(self) -> None:
        self.close()
        if self.on_cancel is not None:
            self.on_cancel()


def _text(dialog: Dialog, text: str, *, bootstyle: str = "default") -> ttk.Label:
    label = ttk.Label(dialog.body, text=text, wraplength=dialog.width - 4 * PAD, justify="left",
                      bootstyle=bootstyle)
    label.pack(anchor="w", fill="x")
    return label


def show_message(parent: tk.Misc, title: str, text: str, *, detail: str = "",
                 kind: str = "info", on_close: Callable[[], None] | None = None) -> Dialog:
    """A message with an OK button (``kind`` "error" draws it in the danger color)."""
    dialog = Dialog(parent, title)
    _text(dialog, text, bootstyle="danger" if kind == "error" else "default")
    if detail:
        ttk.Label(dialog.body, text=detail, wraplength=dialog.width - 4 * PAD, justify="left",
                  font="FieldappSmall").pack(anchor="w", pady=(PAD, 0))

    def ok() -> None:
        dialog.close()
        if on_close is not None:
            on_close()

    dialog.on_cancel = on_close
    button = dialog.add_button(_("OK"), ok, bootstyle="primary", default=True)
    return dialog.show(button)


def ask_confirm(parent: tk.Misc, title: str, text: str, on_yes: Callable[[], None], *,
                yes: str | None = None, no: str | None = None, danger: bool = False,
                on_no: Callable[[], None] | None = None, cautious: bool = False) -> Dialog:
    """A question with a confirm and a cancel button; ``on_yes`` runs after it closes.

    :param cautious: the confirm button is never the default (Enter cancels, the focus starts
        on Cancel): for what cannot be taken back by another Enter, such as locking a final
        submission.
    """
    dialog = Dialog(parent, title)
    _text(dialog, text)

    def confirm() -> None:
        dialog.close()
        on_yes()

    dialog.on_cancel = on_no
    cancel = dialog.add_button(no or _("Cancel"), dialog.cancel, bootstyle="secondary-outline")
    ok = dialog.add_button(yes or _("OK"), confirm, bootstyle="danger" if danger else "primary",
                           default=not cautious)
    if cautious:
        dialog.window.bind("<Return>", lambda e: _press(e, dialog))
    dialog.confirm_button, dialog.cancel_button = ok, cancel  # type: ignore[attr-defined]
    # a destructive action starts on Cancel, so a stray Enter does not delete anything
    return dialog.show(cancel if danger or cautious else ok)


def _press(event: tk.Event, dialog: Dialog) -> str:
    """Enter in a cautious dialog presses the focused button (Cancel unless the user moved
    to the other one with Tab), never the confirm button by default."""
    widget = event.widget
    if isinstance(widget, ttk.Button):
        widget.invoke()
    else:
        dialog.cancel()
    return "break"


def ask_text(parent: tk.Misc, title: str, prompt: str, on_ok: Callable[[str], None], *,
             ok: str | None = None, multiline: bool = True) -> Dialog:
    """Ask for a non-empty text (a reason); ``on_ok(text)`` runs after it closes."""
    dialog = Dialog(parent, title)
    _text(dialog, prompt)
    if multiline:
        colors = dialog.window.style.colors
        entry = tk.Text(dialog.body, height=4, width=50, wrap="word", font="TkTextFont",
                        relief="flat", borderwidth=0, padx=6, pady=4, highlightthickness=1,
                        highlightbackground=str(colors.border), highlightcolor=str(colors.primary))
        read = lambda: entry.get("1.0", "end").strip()  # noqa: E731
    else:
        entry = ttk.Entry(dialog.body, width=50)
        read = lambda: entry.get().strip()  # noqa: E731
    entry.pack(fill="x", pady=(PAD, 0))
    warning = ttk.Label(dialog.body, text="", bootstyle="danger")
    warning.pack(anchor="w")

    def accept() -> None:
        text = read()
        if not text:
            warning.configure(text=_("Please write something first."))
            entry.focus_set()
            return
        dialog.close()
        on_ok(text)

    dialog.add_button(_("Cancel"), dialog.cancel, bootstyle="secondary-outline")
    ok_button = dialog.add_button(ok or _("OK"), accept, bootstyle="primary")
    dialog.ok_button = ok_button  # type: ignore[attr-defined]
    dialog.entry = entry  # type: ignore[attr-defined]
    if not multiline:
        entry.bind("<Return>", lambda e: accept())
    return dialog.show(entry)
