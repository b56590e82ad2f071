"""Locations typed by hand (a laptop has no GPS): latitude, longitude, altitude, accuracy."""

from __future__ import annotations

import re
import tkinter as tk

import ttkbootstrap as ttk

from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.text import TextWidget, TypedWidget
from fieldapp.i18n import N_, _

_DECIMAL = re.compile(r"^[+-]?\d*([.,]\d*)?$")
# (label msgid, lowest, highest) per part; altitude and accuracy have no fixed range
_PARTS = ((N_("Latitude"), -90.0, 90.0), (N_("Longitude"), -180.0, 180.0),
          (N_("Altitude (m)"), None, None), (N_("Accuracy (m)"), 0.0, None))


class GeopointWidget(TypedWidget):
    """``geopoint``: four entries; latitude and longitude are checked against their range."""

    def build(self, body: ttk.Frame) -> None:
        self.entries: list[ttk.Entry] = []
        self.range_note = ttk.Label(body, text="", bootstyle="danger")
        for col, (label, low, high) in enumerate(_PARTS):
            ttk.Label(body, text=_(label), font="FieldappSmall").grid(row=0, column=col, sticky="w",
                                                                       padx=(0, PAD))
            entry = ttk.Entry(body, width=13, justify="right", validate="key",
                              validatecommand=(self.register(self._acceptable), "%P"))
            entry.grid(row=1, column=col, sticky="w", padx=(0, PAD))
            entry.bind("<KeyRelease>", self._key, add="+")
            entry.bind("<KeyRelease>", lambda e: self._check_ranges(), add="+")
            self.entries.append(entry)
        self.range_note.grid(row=2, column=0, columnspan=4, sticky="w")

    def _acceptable(self, proposed: str) -> bool:
        if _DECIMAL.match(proposed.strip()):
            return True
        self.bell()
        return False

    def _check_ranges(self) -> bool:
        """Say at once when a latitude or longitude is out of range."""
        problems = []
        for entry, (label, low, high) in zip(self.entries, _PARTS):
            text = entry.get().strip().replace(",", ".")
            try:
                number = float(text) if text not in ("", "+", "-", ".") else None
            except ValueError:
                number = None
            if number is None:
                continue
            if (low is not None and number < low) or (high is not None and number > high):
                if high is None:
                    problems.append(_("{part} cannot be below {low}.").format(part=_(label),
                                                                               low=low))
                else:
                    problems.append(_("{part} must be between {low} and {high}.").format(
                        part=_(label), low=int(low), high=int(high)))
        self.range_note.configure(text=" ".join(problems))
        return not problems

    def inputs(self) -> list[tk.Misc]:
        return list(self.entries)

    def typed(self) -> str:
        parts = [e.get().strip().replace(",", ".") for e in self.entries]
        if not any(parts):
            return ""
        while parts and not parts[-1]:
            parts.pop()
        return " ".join(p or "0" for p in parts)

    def put(self, text: str) -> None:
        parts = text.split()
        for i, entry in enumerate(self.entries):
            state = str(entry.cget("state"))
            entry.configure(state="normal", validate="none")
            entry.delete(0, "end")
            entry.insert(0, parts[i] if i < len(parts) else "")
            entry.configure(state=state, validate="key")
        self._check_ranges()

    def pending(self) -> str | None:
        text = self.typed()
        return None if text == self._shown else text

    def flush(self, *, left: bool = False) -> None:
        if self._check_ranges():
            super().flush(left=left)

    def set_editable(self, editable: bool) -> None:
        for entry in self.entries:
            entry.configure(state="normal" if editable else "readonly")


class GeoTextWidget(TextWidget):
    """``geotrace`` / ``geoshape``: points typed as ``lat lon; lat lon; …``."""

    def build(self, body: ttk.Frame) -> None:
        super().build(body)
        ttk.Label(body, text=_("Points as 'latitude longitude', separated by ';'"),
                  font="FieldappSmall", bootstyle="secondary").grid(row=1, column=0, sticky="w")
