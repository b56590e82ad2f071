"""What is shown rather than typed: notes as formatted text, unsupported questions, and the
``acknowledge`` check box."""

from __future__ import annotations

import re
import tkinter as tk

import ttkbootstrap as ttk

from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.base import FieldWidget
from fieldapp.gui.widgets import variables
from fieldapp.i18n import _

_INLINE = re.compile(r"(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|_[^_\s][^_]*_)")
_TAGS = re.compile(r"<[^>]+>")


class NoteWidget(FieldWidget):
    """``note``: its label as formatted text (``**bold**``, ``*italic*``, ``# heading``)."""

    takes_focus = False

    def build(self, body: ttk.Frame) -> None:
        self.label.grid_remove()  # the note's text is drawn in the box instead, above the hint
        body.grid(row=0, column=1, sticky="ew", pady=0)
        colors = self.winfo_toplevel().style.colors
        self.text = tk.Text(body, height=1, width=10, wrap="word", borderwidth=0,
                            highlightthickness=0, background=colors.bg, foreground=colors.fg,
                            font="TkDefaultFont", takefocus=0, cursor="arrow", padx=0, pady=0)
        self.text.tag_configure("bold", font="FieldappBold")
        self.text.tag_configure("italic", font="FieldappItalic")
        self.text.tag_configure("heading", font="FieldappHeading")
        self.text.grid(row=0, column=0, sticky="ew")
        body.columnconfigure(0, weight=1)
        self.text.bind("<Configure>", lambda e: self._fit(), add="+")
        self._note = None

    def set_texts(self, only_dynamic: bool = False) -> None:
        super().set_texts(only_dynamic)
        if only_dynamic and not self._dynamic["label"]:
            return
        note = self.host.session.text(self.path, "label")
        if note == self._note:
            return
        self._note = note
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        for line_no, line in enumerate(_TAGS.sub("", note).splitlines() or [""]):
            if line_no:
                self.text.insert("end", "\n")
            heading = re.match(r"^#{1,6}\s*", line)
            if heading:
                self.text.insert("end", line[heading.end():], ("heading",))
                continue
            for piece in _INLINE.split(line):
                if piece.startswith(("**", "__")) and len(piece) > 4:
                    self.text.insert("end", piece[2:-2], ("bold",))
                elif piece[:1] in "*_" and len(piece) > 2 and piece[-1:] == piece[:1]:
                    self.text.insert("end", piece[1:-1], ("italic",))
                else:
                    self.text.insert("end", piece)
        self.text.configure(state="disabled")
        self._fit()

    def _fit(self) -> None:
        """Make the box exactly as tall as its wrapped text."""
        try:
            lines = self.text.count("1.0", "end", "displaylines")
        except tk.TclError:
            return
        lines = (lines[0] if isinstance(lines, tuple) else lines) or 1
        if int(self.text.cget("height")) != lines:
            self.text.configure(height=lines)

    def note_text(self) -> str:
        return self.text.get("1.0", "end-1c")

    def set_editable(self, editable: bool) -> None:
        pass


class UnsupportedWidget(FieldWidget):
    """A question fieldapp cannot capture on a laptop: its label, the reason and any value."""

    takes_focus = False

    def build(self, body: ttk.Frame) -> None:
        reason = self.question.unsupported_reason
        self.reason = ttk.Label(body, text=_(reason) if reason else "", bootstyle="secondary",
                                justify="left")
        self.reason.grid(row=0, column=0, sticky="w")
        self.value = ttk.Label(body, text="", font="FieldappBold")
        self.value.grid(row=1, column=0, sticky="w")
        self.host.wrap(self.reason, margin=40)

    def show_value(self, raw: str) -> None:
        self.value.configure(text=raw)


class AcknowledgeWidget(FieldWidget):
    """``acknowledge``: one check box; checked stores ``OK``."""

    def build(self, body: ttk.Frame) -> None:
        self.var = variables.BooleanVar(value=False)
        self.box = ttk.Checkbutton(body, text=_("OK"), variable=self.var,
                                   command=lambda: self.commit("OK" if self.var.get() else ""))
        self.box.grid(row=0, column=0, sticky="w", pady=(0, PAD // 2))

    def show_value(self, raw: str) -> None:
        self.var.set(raw == "OK")

    def inputs(self) -> list[tk.Misc]:
        return [self.box]
