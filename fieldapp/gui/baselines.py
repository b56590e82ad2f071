"""File → Baselines and targets…: a coordinator enters the values measured before fieldapp
(a 2022 baseline on paper, an allies' survey) and the target of each indicator, by hand or
from a CSV file (instruments.md §5.8). Every save is one transaction; a refused value says
why and changes nothing."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

LEVELS = (("network", N_("Network")), ("country", N_("Country")),
          ("organization", N_("Organization")))
VALUE_FIELDS = ("indicator", "year", "value", "n", "low", "high", "unit", "source")


def register(shell: "Shell") -> None:
    shell.add_command(N_("File"), N_("Baselines and targets…"), lambda: open_baselines(shell),
                      enabled=lambda: shell.db is not None)


def _number(text: str) -> float | None:
    """A number as people type it (``58,0`` or ``58.0``, an optional ``%``); None if blank.

    :raises ValueError: for text that is not a number
    """
    body = text.strip().removesuffix("%").strip()
    if not body:
        return None
    if body.count(",") == 1 and "." not in body:
        body = body.replace(",", ".")
    return float(body)


class BaselinesDialog:
    """Two lists (external values, targets), each with the fields to edit the selected row."""

    def __init__(self, shell: "Shell") -> None:
        self.shell = shell
        self.db = shell.db
        dialog = self.dialog = Dialog(shell.root, _("Baselines and targets"), width=860)
        self.notebook = notebook = ttk.Notebook(dialog.body)
        notebook.pack(fill="both", expand=True)
        self.values_tab = ttk.Frame(notebook, padding=PAD)
        self.targets_tab = ttk.Frame(notebook, padding=PAD)
        notebook.add(self.values_tab, text=_("Values measured outside fieldapp"))
        notebook.add(self.targets_tab, text=_("Targets"))
        self._build_values()
        self._build_targets()
        self.status = ttk.Label(dialog.body, text="", wraplength=820, justify="left")
        self.status.pack(anchor="w", fill="x", pady=(PAD, 0))
        dialog.add_button(_("Close"), dialog.close, bootstyle="secondary-outline")
        self.refresh()
        dialog.show()

    # -- external values ------------------------------------------------------------------
    def _build_values(self) -> None:
        tab = self.values_tab
        self.values_tree = Table(tab, (
            ("indicator", N_("Code"), 80), ("level", N_("Level"), 110), ("unit", N_("Unit"), 90),
            ("year", N_("Year"), 60), ("value", N_("Value"), 70), ("n", "n", 60),
            ("interval", N_("Interval"), 120), ("source", N_("Source"), 220)),
            height=7, name="baseline-values", stretch="source")
        self.values_tree.bind("<<TreeviewSelect>>", lambda e: self._pick_value())
        form = ttk.Frame(tab)
        form.pack(fill="x", pady=(PAD, 0))
        self.entries: dict[str, ttk.Entry] = {}
        labels = {"indicator": _("Code"), "year": _("Year"), "value": _("Value"), "n": "n",
                  "low": _("Interval, lower bound"), "high": _("Interval, upper bound"),
                  "unit": _("Country code or organization id"), "source": _("Source")}
        for i, name in enumerate(VALUE_FIELDS):
            ttk.Label(form, text=labels[name]).grid(row=i // 2, column=2 * (i % 2), sticky="w",
                                                    padx=(0, PAD), pady=2)
            entry = ttk.Entry(form, width=28)
            entry.grid(row=i // 2, column=2 * (i % 2) + 1, sticky="we", padx=(0, 2 * PAD))
            self.entries[name] = entry
        ttk.Label(form, text=_("Level")).grid(row=4, column=0, sticky="w", pady=2)
        self.level_box = ttk.Combobox(form, state="readonly",
                                      values=[_(text) for _code, text in LEVELS])
        self.level_box.current(0)
        self.level_box.grid(row=4, column=1, sticky="we", padx=(0, 2 * PAD))
        form.columnconfigure(1, weight=1)
        form.columnconfigure(3, weight=1)
        buttons = ttk.Frame(tab)
        buttons.pack(fill="x", pady=(PAD, 0))
        self.save_value_button = ttk.Button(buttons, text=_("Save value"), bootstyle="primary",
                                            command=self.save_value)
        self.save_value_button.pack(side="left")
        ttk.Button(buttons, text=_("Delete"), bootstyle="danger-outline",
                   command=self.delete_value).pack(side="left", padx=(PAD, 0))
        self.import_button = ttk.Button(buttons, text=_("Import CSV…"),
                                        bootstyle="secondary-outline", command=self.choose_csv)
        self.import_button.pack(side="right")

    def _pick_value(self) -> None:
        selected = self.values_tree.selection()
        if not selected:
            return
        value = self._values[int(selected[0])]
        texts = {"indicator": value.indicator, "year": str(value.year),
                 "value": _shown(value.value), "n": "" if value.n is None else str(value.n),
                 "low": "" if value.low is None else _shown(value.low),
                 "high": "" if value.high is None else _shown(value.high),
                 "unit": value.unit, "source": value.source}
        for name, text in texts.items():
            self.entries[name].delete(0, "end")
            self.entries[name].insert(0, text)
        self.level_box.current([code for code, _t in LEVELS].index(value.level))

    def _typed_value(self):
        from fieldapp.store.baselines import ExternalValue

        text = {name: entry.get().strip() for name, entry in self.entries.items()}
        numbers = {}
        for name in ("value", "n", "low", "high"):
            try:
                numbers[name] = _number(text[name])
            except ValueError:
                raise FieldappError("IND_005", field=name, value=text[name]) from None
        if numbers["value"] is None:
            raise FieldappError("IND_005", field="value", value="")
        n = numbers["n"]
        if n is not None and n != int(n):
            raise FieldappError("IND_005", field="n", value=text["n"])
        return ExternalValue(text["indicator"], LEVELS[max(self.level_box.current(), 0)][0],
                             text["unit"], text["year"], numbers["value"],  # type: ignore[arg-type]
                             None if n is None else int(n), numbers["low"], numbers["high"],
                             text["source"])

    def save_value(self) -> None:
        from fieldapp.store.baselines import save_external_values

        try:
            save_external_values(self.db, [self._typed_value()])
        except FieldappError as exc:
            self._say(str(exc), "danger")
            return
        self._say(_("Saved."), "success")
        self.refresh()

    def delete_value(self) -> None:
        from fieldapp.store.baselines import delete_external_value

        selected = self.values_tree.selection()
        if not selected:
            self._say(_("Choose a value in the list first."), "warning")
            return
        value = self._values[int(selected[0])]
        delete_external_value(self.db, value.indicator, value.level, value.unit, value.year)
        self._say(_("Deleted."), "success")
        self.refresh()

    def choose_csv(self) -> None:
        from fieldapp.gui.filedialogs import ask_open

        chosen = ask_open(self.dialog.window, _("Baselines CSV file"),
                          [(_("CSV files"), "*.csv *.txt")], purpose="baselines")
        if chosen:
            self.import_csv(Path(chosen))

    def import_csv(self, path: Path) -> None:
        """Import a baselines CSV (all rows or none) and say what it did."""
        from fieldapp.store.baselines_csv import import_baselines

        try:
            result = import_baselines(self.db, path)
        except FieldappError as exc:
            self._say(str(exc), "danger")
            return
        self._say(_("{values} value(s) and {targets} target(s) saved from {file}.").format(
            values=result.values, targets=result.targets, file=path.name), "success")
        self.refresh()

    # -- targets --------------------------------------------------------------------------
    def _build_targets(self) -> None:
        tab = self.targets_tab
        self.targets_tree = Table(tab, (
            ("indicator", N_("Code"), 80), ("label", N_("Indicator"), 440),
            ("target", N_("Target"), 150), ("note", N_("Note"), 180)),
            height=9, name="indicator-targets", stretch="label")
        self.targets_tree.bind("<<TreeviewSelect>>", lambda e: self._pick_target())
        form = ttk.Frame(tab)
        form.pack(fill="x", pady=(PAD, 0))
        ttk.Label(form, text=_("Target (blank: above the baseline)")).pack(side="left")
        self.target_entry = ttk.Entry(form, width=10)
        self.target_entry.pack(side="left", padx=PAD)
        ttk.Label(form, text=_("Note")).pack(side="left")
        self.target_note = ttk.Entry(form)
        self.target_note.pack(side="left", fill="x", expand=True, padx=PAD)
        buttons = ttk.Frame(tab)
        buttons.pack(fill="x", pady=(PAD, 0))
        ttk.Button(buttons, text=_("Save target"), bootstyle="primary",
                   command=self.save_target).pack(side="left")
        ttk.Button(buttons, text=_("Back to the default"), bootstyle="secondary-outline",
                   command=self.clear_target).pack(side="left", padx=(PAD, 0))

    def _selected_indicator(self) -> str | None:
        selected = self.targets_tree.selection()
        return selected[0] if selected else None

    def _pick_target(self) -> None:
        code = self._selected_indicator()
        if code is None:
            return
        value, note = self._targets[code]
        self.target_entry.delete(0, "end")
        self.target_entry.insert(0, "" if value is None else _shown(value))
        self.target_note.delete(0, "end")
        self.target_note.insert(0, note)

    def save_target(self) -> None:
        from fieldapp.store.baselines import set_target

        code = self._selected_indicator()
        if code is None:
            self._say(_("Choose an indicator in the list first."), "warning")
            return
        text = self.target_entry.get().strip()
        try:
            value = _number(text)
        except ValueError:
            self._say(str(FieldappError("IND_005", value=text)), "danger")
            return
        set_target(self.db, code, value, self.target_note.get())
        self._say(_("Saved."), "success")
        self.refresh()

    def clear_target(self) -> None:
        from fieldapp.store.baselines import clear_target

        code = self._selected_indicator()
        if code is not None:
            clear_target(self.db, code)
            self._say(_("Saved."), "success")
            self.refresh()

    # -- both ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fill both lists from the database."""
        from fieldapp.analysis.catalogue import INDICATORS, label_params
        from fieldapp.store.baselines import list_external_values, list_targets

        self._values = list_external_values(self.db)
        self.values_tree.clear()
        for i, v in enumerate(self._values):
            interval = "" if v.low is None or v.high is None else \
                f"[{_shown(v.low)}; {_shown(v.high)}]"
            level = _(dict(LEVELS)[v.level])
            self.values_tree.add(str(i), (v.indicator, level, v.unit, v.year, _shown(v.value),
                                          "" if v.n is None else v.n, interval, v.source))
        chosen = list_targets(self.db)
        self._targets: dict[str, tuple[float | None, str]] = {}
        selected = self._selected_indicator()
        self.targets_tree.clear()
        for code, spec in INDICATORS.items():
            setting = chosen.get(code)
            if setting is not None:
                value, note = setting.value, setting.note
                rule = "at_least" if value is not None else "above_baseline"
            else:
                value, note, rule = spec.target_value, _("default"), spec.target_rule
            self._targets[code] = (value, "" if setting is None else setting.note)
            shown = (f"≥ {_shown(value)}" if rule == "at_least" and value is not None
                     else _("above the baseline") if rule == "above_baseline" else "–")
            self.targets_tree.add(code, (code, _(spec.label).format(**label_params(code)),
                                         shown, note))
        if selected in self._targets:
            self.targets_tree.selection_set(selected)

    def _say(self, text: str, style: str = "default") -> None:
        self.status.configure(text=text, bootstyle=style)


def _shown(value: float) -> str:
    """A number as typed in the interface language (45,5 in Spanish and Portuguese)."""
    from fieldapp.formatting import decimal_mark

    return f"{value:g}".replace(".", decimal_mark())


def open_baselines(shell: "Shell") -> BaselinesDialog:
    """Open the baselines and targets dialog."""
    return BaselinesDialog(shell)
