"""Numbers: integer and decimal entries that refuse letters as you type, and range scales."""

from __future__ import annotations

import re
import tkinter as tk

import ttkbootstrap as ttk

from fieldapp import formatting
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.base import FieldWidget, with_alt
from fieldapp.gui.widgets.text import TypedWidget
from fieldapp.gui.widgets import variables
from fieldapp.i18n import _

_PARTIAL = {
    "integer": re.compile(r"^[+-]?\d*$"),
    "decimal": re.compile(r"^[+-]?\d*([.,]\d*)?$"),
}


class NumberWidget(TypedWidget):
    """``integer`` / ``decimal``: an entry that only takes what can become a number."""

    def build(self, body: ttk.Frame) -> None:
        pattern = _PARTIAL["integer" if self.question.type == "integer" else "decimal"]

        def acceptable(proposed: str) -> bool:
            if pattern.match(proposed.strip()):
                return True
            self.bell()
            return False

        command = (self.register(acceptable), "%P")
        self.entry = ttk.Entry(body, width=14, justify="right", validate="key",
                               validatecommand=command)
        self.entry.grid(row=0, column=0, sticky="w")
        self.entry.bind("<KeyRelease>", self._key, add="+")

    def inputs(self) -> list[tk.Misc]:
        return [self.entry]

    def typed(self) -> str:
        return self.entry.get().strip().replace(",", ".")

    def put(self, text: str) -> None:
        """Show a stored number with the interface language's decimal mark (2.5 → 2,5)."""
        state = str(self.entry.cget("state"))
        self.entry.configure(state="normal", validate="none")
        self.entry.delete(0, "end")
        self.entry.insert(0, text.replace(".", formatting.decimal_mark()))
        self.entry.configure(state=state, validate="key")

    def set_editable(self, editable: bool) -> None:
        self.entry.configure(state="normal" if editable else "readonly")


class RangeWidget(FieldWidget):
    """``range``: a scale from ``start`` to ``end`` in ``step``s, with the value shown."""

    def build(self, body: ttk.Frame) -> None:
        params = self.question.parameters
        self.start = _float(params.get("start"), 1.0)
        self.end = _float(params.get("end"), 10.0)
        self.step = abs(_float(params.get("step"), 1.0)) or 1.0
        self.var = variables.DoubleVar(value=self.start)
        low, high = min(self.start, self.end), max(self.start, self.end)
        self.scale = ttk.Scale(body, from_=self.start, to=self.end, variable=self.var, length=360,
                               command=self._moved)
        self.scale.grid(row=0, column=1, sticky="w", padx=PAD)
        ttk.Label(body, text=_num(low)).grid(row=0, column=0)
        ttk.Label(body, text=_num(high)).grid(row=0, column=2)
        self.value_label = ttk.Label(body, text="", font="FieldappBold", width=8)
        self.value_label.grid(row=0, column=3, padx=PAD)
        self.clear = ttk.Button(body, text=_("Clear"), bootstyle="secondary-link",
                                command=lambda: self.commit(""))
        self.clear.grid(row=0, column=4)
        self.scale.bind("<ButtonRelease-1>", lambda e: self._store(), add="+")
        for key in ("<Left>", "<Right>", "<Up>", "<Down>"):
            self.scale.bind(key, self._arrow)

    def inputs(self) -> list[tk.Misc]:
        return [self.scale]

    def _snap(self, value: float) -> float:
        low, high = min(self.start, self.end), max(self.start, self.end)
        snapped = self.start + round((value - self.start) / self.step) * self.step
        return max(low, min(high, round(snapped, 9)))

    def _moved(self, _value: str) -> None:
        self.value_label.configure(text=_num(self._snap(self.var.get())))

    def _store(self) -> None:
        value = self._snap(self.var.get())
        self.var.set(value)
        self.commit(_plain_number(value))

    def _arrow(self, event: tk.Event) -> str | None:
        if with_alt(event):
            return None
        if str(self.scale.cget("state")) == "disabled":
            return "break"
        direction = 1 if event.keysym in ("Right", "Up") else -1
        if self.end < self.start:
            direction = -direction
        current = self.state_now.value if self.state_now else ""
        base = self._snap(self.var.get()) if current else self.start - direction * self.step
        self.var.set(self._snap(base + direction * self.step))
        self._store()
        return "break"

    def show_value(self, raw: str) -> None:
        if raw:
            self.var.set(_float(raw, self.start))
            self.value_label.configure(text=_num(_float(raw, self.start)))
        else:
            self.var.set(self.start)
            self.value_label.configure(text="—")

    def set_editable(self, editable: bool) -> None:
        self.scale.configure(state="normal" if editable else "disabled")
        self.clear.configure(state="normal" if editable else "disabled")


def _float(text: object, default: float) -> float:
    try:
        return float(str(text).replace(",", "."))
    except (TypeError, ValueError):
        return default


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(value, 9))


def _num(value: float) -> str:
    decimals = 0 if float(value).is_integer() else 2
    return formatting.number(value, decimals) if decimals else formatting.integer(int(value))
