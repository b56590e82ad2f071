"""``rank``: the choices in a list the technician puts in order (buttons or Ctrl+arrows)."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.select import ChoiceWidget
from fieldapp.i18n import _


class RankWidget(ChoiceWidget):
    """Ranked choices: the stored answer is every choice name, first = most important."""

    def build_choices(self, body: ttk.Frame) -> None:
        self.order = [name for name, _l in self.choices]
        self.listbox = tk.Listbox(body, height=min(max(len(self.choices), 3), 10), width=50,
                                  exportselection=False, activestyle="dotbox", font="TkTextFont")
        self.listbox.grid(row=0, column=0, rowspan=3, sticky="w")
        self.up = ttk.Button(body, text=_("Move up"), bootstyle="secondary-outline", takefocus=0,
                             command=lambda: self._move(-1))
        self.down = ttk.Button(body, text=_("Move down"), bootstyle="secondary-outline",
                               takefocus=0, command=lambda: self._move(1))
        self.accept = ttk.Button(body, text=_("Keep this order"), bootstyle="secondary-link",
                                 takefocus=0, command=self._store)
        self.up.grid(row=0, column=1, sticky="ew", padx=PAD)
        self.down.grid(row=1, column=1, sticky="ew", padx=PAD)
        self.accept.grid(row=2, column=1, sticky="ew", padx=PAD)
        self.listbox.bind("<Control-Up>", lambda e: self._move(-1) or "break")
        self.listbox.bind("<Control-Down>", lambda e: self._move(1) or "break")
        self._fill()

    def _labels(self) -> dict[str, str]:
        return dict(self.choices)

    def _fill(self, selected: int | None = None) -> None:
        labels = self._labels()
        self.listbox.delete(0, "end")
        for i, name in enumerate(self.order, start=1):
            self.listbox.insert("end", f"{i}. {labels.get(name, name)}")
        if selected is not None:
            self.listbox.selection_set(selected)
            self.listbox.activate(selected)
            self.listbox.see(selected)

    def _move(self, step: int) -> None:
        if str(self.listbox.cget("state")) == "disabled":
            return
        picked = self.listbox.curselection()
        index = picked[0] if picked else self.listbox.index("active")
        target = index + step
        if not 0 <= target < len(self.order):
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        self._fill(target)
        self._store()

    def _store(self) -> None:
        self.commit(" ".join(self.order))

    def show_value(self, raw: str) -> None:
        stored = [n for n in raw.split() if n in self._labels()]
        rest = [n for n, _l in self.choices if n not in stored]
        self.order = stored + rest
        picked = self.listbox.curselection()
        self._fill(picked[0] if picked else None)
        self.accept.configure(text=_("Keep this order") if not raw else _("Order saved"))

    def inputs(self) -> list[tk.Misc]:
        return [self.listbox]

    def set_editable(self, editable: bool) -> None:
        state = "normal" if editable else "disabled"
        for widget in (self.listbox, self.up, self.down, self.accept):
            widget.configure(state=state)
