"""What every field widget shares: label, required mark, hint, message, commit and refresh.

A field widget shows one question of the page and writes through its *host* (the page):
``host.commit(widget, value, left=…)`` sets the answer in the core and refreshes the page.
Widgets never evaluate anything themselves; what they show comes from ``FieldState``.
"""

from __future__ import annotations

import re
import tkinter as tk
from typing import Protocol

import ttkbootstrap as ttk

from fieldapp.forms.languages import is_right_to_left
from fieldapp.forms.model import Question
from fieldapp.forms.session import FieldState, FormSession
from fieldapp.gui.theme import PAD

_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|<[^>]+>")
_HEADING = re.compile(r"^#{1,6}\s*", re.M)


_ALT_MASKS = 0x0008 | 0x20000  # Mod1 on X11, Alt on Windows


def with_alt(event: tk.Event) -> bool:
    """Whether Alt was held: a widget's own arrow keys must leave Alt+arrows to the pages
    (Tk matches ``<Right>`` for Alt+Right too when no ``<Alt-Right>`` binding is nearer)."""
    return bool(int(getattr(event, "state", 0) or 0) & _ALT_MASKS)


def update(widget: tk.Misc, **options) -> None:
    """Configure only the options whose value differs: every configure makes Tk lay the
    page out again, which is what a key press must not wait for."""
    style = options.pop("bootstyle", None)
    changed = {k: v for k, v in options.items() if str(widget.cget(k)) != str(v)}
    # ttkbootstrap takes ``bootstyle`` in configure but cannot read it back: remember it
    if style is not None and getattr(widget, "_fieldapp_bootstyle", None) != style:
        changed["bootstyle"] = style
        widget._fieldapp_bootstyle = style  # type: ignore[attr-defined]
    if changed:
        widget.configure(**changed)


def replace_text(entry: tk.Misc, text: str, start: str | int = 0) -> None:
    """Show ``text`` in an entry (or a Text, with ``start="1.0"``), even a read-only one."""
    state = str(entry.cget("state"))
    entry.configure(state="normal")
    entry.delete(start, "end")
    entry.insert(start, text)
    entry.configure(state=state)


def plain(text: str) -> str:
    """A label without its markdown/HTML markup (``**bold**`` → ``bold``)."""
    return _HEADING.sub("", _MARKUP.sub("", text or "")).strip()


class FieldHost(Protocol):
    """What a field widget needs from the page that holds it."""

    session: FormSession
    read_only: bool

    def commit(self, widget: "FieldWidget", value: object, *, left: bool = False) -> bool: ...

    def attach(self, widget: "FieldWidget", file_path: str) -> bool: ...

    def wrap(self, label: tk.Misc, margin: int = 0) -> None: ...

    def field_left(self, widget: "FieldWidget") -> None: ...

    def attachment_bytes(self, name: str) -> bytes | None: ...

    def adopt(self, widget: tk.Misc) -> None: ...


class FieldWidget(ttk.Frame):
    """One question: header (label, required mark, hint), the input and a message line."""

    takes_focus = True  # whether Tab stops here (notes do not)
    live_typing = False  # text-like inputs commit while typing (debounced) and on leaving

    def __init__(self, parent: tk.Misc, host: FieldHost, path: str, question: Question) -> None:
        super().__init__(parent, padding=(0, PAD, 0, PAD))
        self.host = host
        self.path = path
        self.question = question
        self.touched = False  # left once: constraint messages show from now on
        self.reveal = False  # also show "required" (after Next/finalize asked for it)
        self.error = ""  # the last value that could not be stored, explained
        self.state_now: FieldState | None = None
        self._editable: bool | None = None
        self._shown_message: str | None = None
        self._dynamic = {col: any("${" in t for t in (getattr(question, col) or {}).values())
                         for col in ("label", "hint")}
        self.columnconfigure(1, weight=1)
        self.star = ttk.Label(self, text="*", bootstyle="danger", font="FieldappQuestion", width=2)
        self.label = ttk.Label(self, text="", font="FieldappQuestion", justify="left")
        self.label.grid(row=0, column=1, sticky="ew")
        self.hint = ttk.Label(self, text="", font="FieldappSmall", bootstyle="secondary",
                              justify="left")
        self.body = ttk.Frame(self)
        self.body.grid(row=2, column=1, sticky="ew", pady=(PAD // 2, 0))
        self.message = ttk.Label(self, text="", bootstyle="danger", justify="left")
        host.wrap(self.label, margin=40)
        host.wrap(self.hint, margin=40)
        host.wrap(self.message, margin=40)
        self.build(self.body)
        self.set_texts()
        for widget in self.inputs():
            widget.bind("<FocusOut>", self._focus_out, add="+")
            widget.bind("<FocusIn>", self._focus_in, add="+")

    # -- to override ------------------------------------------------------------------------
    def build(self, body: ttk.Frame) -> None:
        """Create the input widgets inside ``body``."""

    def show_value(self, raw: str) -> None:
        """Show the stored answer ``raw`` in the inputs."""

    def inputs(self) -> list[tk.Misc]:
        """The widgets that take the keyboard focus, in Tab order."""
        return []

    def pending(self) -> str | None:
        """A typed value not yet stored (text-like inputs), else None."""
        return None

    def set_editable(self, editable: bool) -> None:
        for widget in self.inputs():
            try:
                widget.configure(state="normal" if editable else "disabled")
            except tk.TclError:
                pass

    # -- texts ------------------------------------------------------------------------------
    def set_texts(self, only_dynamic: bool = False) -> None:
        """Label and hint in the form language (with live ``${}`` values); aligned to the
        right in a right-to-left language (Arabic, Hebrew …), as far as Tk can show it."""
        right = is_right_to_left(self.host.session.lang)
        for col, widget, row in (("label", self.label, 0), ("hint", self.hint, 1)):
            if only_dynamic and not self._dynamic[col]:
                continue
            text = plain(self.host.session.text(self.path, col))
            if col == "label" and not text:
                text = self.question.name
            widget.configure(text=text, justify="right" if right else "left",
                             anchor="e" if right else "w")
            if col == "hint":
                if text:
                    widget.grid(row=row, column=1, sticky="ew")
                else:
                    widget.grid_remove()

    # -- state ------------------------------------------------------------------------------
    def refresh(self, state: FieldState) -> None:
        """Show ``state``: relevance (hidden when not), required mark, value and message."""
        if state == self.state_now and self._editable is not None:
            self.show_message()
            return
        self.state_now = state
        if not state.relevant:
            if self.winfo_manager():
                self.grid_remove()
            return
        if not self.winfo_manager():
            self.grid()
        if state.required and not self.star.winfo_manager():
            self.star.grid(row=0, column=0, sticky="nw")
        elif not state.required and self.star.winfo_manager():
            self.star.grid_remove()
        if self.pending() is None:
            self.show_value(state.value)
        editable = not (state.read_only or self.host.read_only)
        if editable != self._editable:
            self._editable = editable
            self.set_editable(editable)
        self.show_message()

    def message_text(self) -> str:
        state = self.state_now
        if self.error:
            return self.error
        if state is None or state.valid or not state.relevant:
            return ""
        if state.value == "":
            return state.message if self.reveal else ""
        return state.message if (self.touched or self.reveal) else ""

    def show_message(self) -> None:
        text = self.message_text()
        if text == self._shown_message:
            return
        self._shown_message = text
        self.message.configure(text=text)
        if text:
            self.message.grid(row=3, column=1, sticky="ew")
        else:
            self.message.grid_remove()

    # -- writing ----------------------------------------------------------------------------
    def commit(self, value: object, *, left: bool = False) -> bool:
        """Store ``value`` through the host; False (and a message) when it does not fit."""
        return self.host.commit(self, value, left=left)

    def flush(self, *, left: bool = False) -> None:
        """Store what was typed and not yet stored."""
        value = self.pending()
        if value is not None:
            self.commit(value, left=left)

    def focus_first(self) -> None:
        inputs = [w for w in self.inputs() if str(w.cget("state")) != "disabled"]
        if inputs:
            inputs[0].focus_set()

    # -- focus ------------------------------------------------------------------------------
    def _focus_in(self, _event: tk.Event) -> None:
        self.host.field_focused(self)  # type: ignore[attr-defined]

    def _focus_out(self, _event: tk.Event) -> None:
        self.after_idle(self._check_left)

    def _check_left(self) -> None:
        try:
            focus = self.focus_get()
        except (KeyError, tk.TclError):  # focus went to a dialog or a closed popup
            focus = None
        if focus is not None and str(focus).startswith(str(self) + "."):
            return  # still inside this field (another radio button of the same question)
        if getattr(self, "keep_focus", False):
            return  # a popup of this field (the date picker) has the focus
        self.touched = True
        self.host.field_left(self)
