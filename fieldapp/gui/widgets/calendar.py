"""A month calendar to pick a date, with month and weekday names in the interface language."""

from __future__ import annotations

import calendar as pycalendar
import tkinter as tk
from datetime import date, timedelta
from typing import Callable

import ttkbootstrap as ttk

from fieldapp import formatting
from fieldapp.gui.theme import PAD
from fieldapp.i18n import _


class CalendarPopup:
    """A small window under ``anchor``; ``on_pick(date)`` when a day is chosen (Enter/click)."""

    def __init__(self, anchor: tk.Misc, current: date | None,
                 on_pick: Callable[[date], None]) -> None:
        self.on_pick = on_pick
        self.day = current or date.today()
        self.window = ttk.Toplevel(title=_("Pick a date"), transient=anchor.winfo_toplevel(),
                                   resizable=(False, False))
        self.window.bind("<Escape>", lambda e: self.close())
        head = ttk.Frame(self.window, padding=PAD)
        head.pack(fill="x")
        ttk.Button(head, text="‹", width=3, bootstyle="secondary-outline", takefocus=0,
                   command=lambda: self._shift_month(-1)).pack(side="left")
        self.title = ttk.Label(head, text="", font="FieldappBold", anchor="center")
        self.title.pack(side="left", fill="x", expand=True)
        ttk.Button(head, text="›", width=3, bootstyle="secondary-outline", takefocus=0,
                   command=lambda: self._shift_month(1)).pack(side="right")
        self.grid = ttk.Frame(self.window, padding=(PAD, 0, PAD, PAD))
        self.grid.pack()
        foot = ttk.Frame(self.window, padding=(PAD, 0, PAD, PAD))
        foot.pack(fill="x")
        ttk.Button(foot, text=_("Today"), bootstyle="secondary-link", takefocus=0,
                   command=lambda: self._pick(date.today())).pack(side="left")
        for key, days in (("<Left>", -1), ("<Right>", 1), ("<Up>", -7), ("<Down>", 7)):
            self.window.bind(key, lambda e, d=days: self._move(d))
        self.window.bind("<Prior>", lambda e: self._shift_month(-1))
        self.window.bind("<Next>", lambda e: self._shift_month(1))
        self.window.bind("<Return>", lambda e: self._pick(self.day))
        self._draw()
        x, y = anchor.winfo_rootx(), anchor.winfo_rooty() + anchor.winfo_height()
        self.window.geometry(f"+{x}+{y}")
        self.window.focus_set()
        try:
            self.window.grab_set()
        except tk.TclError:
            pass

    def _draw(self) -> None:
        for child in self.grid.winfo_children():
            child.destroy()
        self.title.configure(text=f"{formatting.month_names()[self.day.month - 1]} {self.day.year}")
        for col, name in enumerate(formatting.weekday_initials()):
            ttk.Label(self.grid, text=name, font="FieldappSmall", anchor="center",
                      width=4).grid(row=0, column=col)
        weeks = pycalendar.Calendar(firstweekday=0).monthdayscalendar(self.day.year, self.day.month)
        for row, week in enumerate(weeks, start=1):
            for col, number in enumerate(week):
                if not number:
                    continue
                day = self.day.replace(day=number)
                style = "primary" if day == self.day else "secondary-outline" \
                    if day == date.today() else "light"
                ttk.Button(self.grid, text=str(number), width=3, bootstyle=style, takefocus=0,
                           command=lambda d=day: self._pick(d)).grid(row=row, column=col, padx=1,
                                                                      pady=1)

    def _move(self, days: int) -> None:
        self.day += timedelta(days=days)
        self._draw()

    def _shift_month(self, months: int) -> None:
        month = self.day.month - 1 + months
        year = self.day.year + month // 12
        month = month % 12 + 1
        last = pycalendar.monthrange(year, month)[1]
        self.day = date(year, month, min(self.day.day, last))
        self._draw()

    def _pick(self, day: date) -> None:
        self.close()
        self.on_pick(day)

    def close(self) -> None:
        try:
            self.window.grab_release()
            self.window.destroy()
        except tk.TclError:
            pass
