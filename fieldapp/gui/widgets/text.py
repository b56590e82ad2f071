"""Typed answers: text (one line, or several with the ``multiline`` appearance) and barcodes."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from fieldapp.gui.widgets.base import FieldWidget, replace_text

TYPING_PAUSE_MS = 600  # store what is typed after this pause, so a power cut loses at most a word


class TypedWidget(FieldWidget):
    """A field whose value is typed: it stores during pauses in typing and when left."""

    live_typing = True

    def __init__(self, *args, **kwargs) -> None:
        self._shown = ""
        self._timer: str | None = None
        super().__init__(*args, **kwargs)

    def typed(self) -> str:
        """The text in the input now."""
        raise NotImplementedError

    def put(self, text: str) -> None:
        """Replace the text in the input."""
        raise NotImplementedError

    def show_value(self, raw: str) -> None:
        if raw != self._shown or self.typed() != raw:
            self.put(raw)
        self._shown = raw

    def pending(self) -> str | None:
        text = self.typed()
        return None if text == self._shown else text

    def commit(self, value: object, *, left: bool = False) -> bool:
        self._cancel_timer()
        ok = super().commit(value, left=left)
        if ok:
            self._shown = str(value) if value is not None else ""
        return ok

    def _key(self, event: tk.Event) -> None:
        if event.keysym in ("Tab", "ISO_Left_Tab", "Return", "KP_Enter", "Escape"):
            return
        self._cancel_timer()
        self._timer = self.after(TYPING_PAUSE_MS, self._pause)

    def _pause(self) -> None:
        self._timer = None
        if self.winfo_exists():
            self.flush(left=False)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self.after_cancel(self._timer)
            self._timer = None

    def destroy(self) -> None:
        self._cancel_timer()
        super().destroy()


class TextWidget(TypedWidget):
    """``text`` (and ``barcode``, typed): an entry, or a box of several lines."""

    def build(self, body: ttk.Frame) -> None:
        self.multiline = "multiline" in self.question.appearance.split() \
            or "multi-line" in self.question.appearance
        if self.multiline:
            colors = self.winfo_toplevel().style.colors
            self.entry = tk.Text(body, height=4, width=60, wrap="word", font="TkTextFont",
                                 relief="flat", borderwidth=0, undo=True, padx=6, pady=4,
                                 highlightthickness=1, highlightbackground=str(colors.border),
                                 highlightcolor=str(colors.primary),
                                 background=str(colors.inputbg), foreground=str(colors.inputfg),
                                 insertbackground=str(colors.inputfg))
            # Tab moves on instead of typing a tab character
            self.entry.bind("<Tab>", lambda e: _move_focus(e.widget.tk_focusNext()))
            self.entry.bind("<Shift-Tab>", lambda e: _move_focus(e.widget.tk_focusPrev()))
            self.entry.grid(row=0, column=0, sticky="ew")
            body.columnconfigure(0, weight=1)
        else:
            self.entry = ttk.Entry(body, width=48)
            self.entry.grid(row=0, column=0, sticky="w")
        self.entry.bind("<KeyRelease>", self._key, add="+")

    def inputs(self) -> list[tk.Misc]:
        return [self.entry]

    def typed(self) -> str:
        if self.multiline:
            return self.entry.get("1.0", "end-1c")
        return self.entry.get()

    def put(self, text: str) -> None:
        replace_text(self.entry, text, "1.0" if self.multiline else 0)

    def set_editable(self, editable: bool) -> None:
        if self.multiline:
            self.entry.configure(state="normal" if editable else "disabled")
        else:
            self.entry.configure(state="normal" if editable else "readonly")


def _move_focus(target: tk.Misc | None) -> str:
    if target is not None:
        target.focus_set()
    return "break"
