"""Dates and times: typed (ISO or as the language writes them) or picked from a calendar."""

from __future__ import annotations

import re
import tkinter as tk
from datetime import date

import ttkbootstrap as ttk

from fieldapp import formatting
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.base import replace_text
from fieldapp.gui.widgets.calendar import CalendarPopup
from fieldapp.gui.widgets.text import TypedWidget
from fieldapp.i18n import _

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_date(text: str) -> str:
    """``23/11/2026`` (as the interface language writes dates) → ``2026-11-23``; other
    text unchanged, so the core can explain what is wrong with it."""
    text = text.strip()
    if not text or _ISO_DATE.match(text):
        return text
    return formatting.read_day(text) or text


class DateWidget(TypedWidget):
    """``date``: an entry with a calendar button and the date written out beside it."""

    def build(self, body: ttk.Frame) -> None:
        self.entry = ttk.Entry(body, width=14)
        self.entry.grid(row=0, column=0, sticky="w")
        self.entry.bind("<KeyRelease>", self._key, add="+")
        self.entry.bind("<Alt-Down>", lambda e: self.open_calendar())
        self.pick = ttk.Button(body, text=_("Calendar…"), bootstyle="secondary-outline",
                               takefocus=0, command=self.open_calendar)
        self.pick.grid(row=0, column=1, padx=PAD)
        self.spelled = ttk.Label(body, text="", bootstyle="secondary")
        self.spelled.grid(row=0, column=2, sticky="w")
        ttk.Label(body, text=_("YYYY-MM-DD"), font="FieldappSmall",
                  bootstyle="secondary").grid(row=1, column=0, sticky="w")

    def inputs(self) -> list[tk.Misc]:
        return [self.entry]

    def typed(self) -> str:
        return read_date(self.entry.get())

    def put(self, text: str) -> None:
        replace_text(self.entry, text)
        self._spell(text)

    def show_value(self, raw: str) -> None:
        super().show_value(raw)
        self._spell(raw)

    def _key(self, event: tk.Event) -> None:
        super()._key(event)
        self._spell(self.typed())  # the written-out date follows what is typed

    def _spell(self, text: str) -> None:
        """The date written out in words beside the entry (nothing for an incomplete or
        impossible date)."""
        try:
            words = formatting.day(text) if _ISO_DATE.match(text) else ""
        except ValueError:
            words = ""
        if self.spelled.cget("text") != words:
            self.spelled.configure(text=words)

    def open_calendar(self) -> None:
        if str(self.entry.cget("state")) != "normal":
            return
        try:
            current = date.fromisoformat(self.typed())
        except ValueError:
            current = None
        self.keep_focus = True

        def picked(day: date) -> None:
            self.keep_focus = False
            self.put(day.isoformat())
            self.commit(day.isoformat())
            self.entry.focus_set()

        popup = CalendarPopup(self.pick, current, picked)
        popup.window.bind("<Destroy>", lambda e: setattr(self, "keep_focus", False), add="+")

    def set_editable(self, editable: bool) -> None:
        self.entry.configure(state="normal" if editable else "readonly")
        self.pick.configure(state="normal" if editable else "disabled")


class TimeWidget(TypedWidget):
    """``time``: HH:MM typed."""

    def build(self, body: ttk.Frame) -> None:
        self.entry = ttk.Entry(body, width=8)
        self.entry.grid(row=0, column=0, sticky="w")
        self.entry.bind("<KeyRelease>", self._key, add="+")
        ttk.Label(body, text=_("HH:MM"), font="FieldappSmall",
                  bootstyle="secondary").grid(row=0, column=1, padx=PAD)

    def inputs(self) -> list[tk.Misc]:
        return [self.entry]

    def typed(self) -> str:
        return self.entry.get().strip()

    def put(self, text: str) -> None:
        replace_text(self.entry, text)

    def set_editable(self, editable: bool) -> None:
        self.entry.configure(state="normal" if editable else "readonly")


class DateTimeWidget(DateWidget):
    """``datetime``: a date (with its calendar) and a time."""

    def build(self, body: ttk.Frame) -> None:
        super().build(body)
        self.time = ttk.Entry(body, width=8)
        self.time.grid(row=0, column=3, sticky="w", padx=(PAD, 0))
        self.time.bind("<KeyRelease>", self._key, add="+")
        ttk.Label(body, text=_("HH:MM"), font="FieldappSmall",
                  bootstyle="secondary").grid(row=1, column=3, sticky="w", padx=(PAD, 0))

    def inputs(self) -> list[tk.Misc]:
        return [self.entry, self.time]

    def typed(self) -> str:
        day, clock = read_date(self.entry.get()), self.time.get().strip()
        if not day and not clock:
            return ""
        return f"{day}T{clock or '00:00'}"

    def put(self, text: str) -> None:
        day, _sep, clock = text.partition("T")
        super().put(day)
        state = str(self.time.cget("state"))
        self.time.configure(state="normal")
        self.time.delete(0, "end")
        self.time.insert(0, clock[:5])
        self.time.configure(state=state)

    def pending(self) -> str | None:
        text = self.typed()
        shown = self._shown
        # the core stores seconds and an offset; compare what the entries show
        if text == f"{shown.partition('T')[0]}T{shown.partition('T')[2][:5] or '00:00'}" or \
                (not text and not shown):
            return None
        return text

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.time.configure(state="normal" if editable else "readonly")
