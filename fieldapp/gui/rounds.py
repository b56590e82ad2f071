"""Rounds: the list, adding a round, and choosing the baseline (the round every later one is
compared with)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Callable

import ttkbootstrap as ttk

from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import Dialog, ask_confirm
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets import variables
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell


def register(shell: "Shell") -> None:
    shell.add_command(N_("File"), N_("Rounds…"), lambda: open_rounds(shell))


def open_rounds(shell: "Shell", on_change: Callable[[], None] | None = None) -> Dialog:
    """The rounds, newest first, with Add and Make baseline."""
    from fieldapp.store.rounds import list_rounds, update_round

    dialog = Dialog(shell.root, _("Rounds"), width=700)
    changed = [False]
    ttk.Label(dialog.body, text=_("Indicators compare every round with the baseline."),
              bootstyle="secondary").pack(anchor="w", pady=(0, PAD))
    table = Table(dialog.body, (("name", N_("Name"), 300), ("id", N_("Code"), 140),
                                ("year", N_("Year"), 80), ("baseline", N_("Baseline"), 120)),
                  height=10, name="rounds")

    def fill(select: str | None = None) -> None:
        table.clear()
        for r in sorted(list_rounds(shell.db), key=lambda r: (r.year, r.id), reverse=True):
            table.add(r.id, (r.name, r.id, r.year, _("baseline") if r.is_baseline else ""))
        if select and table.exists(select):
            table.selection_set(select)
            table.see(select)
        update()

    def update() -> None:
        picked = table.selection()
        is_base = bool(picked) and table.full_text(picked[0], "baseline") != ""
        baseline.configure(state="normal" if picked and not is_base else "disabled")

    def saved(round_id: str) -> None:
        changed[0] = True
        fill(round_id)

    def make_baseline() -> None:
        picked = table.selection()
        if not picked:
            return
        name = table.full_text(picked[0], "name")

        def yes() -> None:
            update_round(shell.db, picked[0], baseline=True)
            saved(picked[0])

        ask_confirm(dialog.window, _("Choose the baseline"),
                    _("Make “{name}” the baseline? Indicators will compare every round with "
                      "it.").format(name=name), yes, yes=_("Make it the baseline"))

    def close() -> None:
        dialog.close()
        if changed[0]:
            (on_change or shell.show_home)()

    table.bind("<<TreeviewSelect>>", lambda e: update(), add="+")
    dialog.add_button(_("Close"), close, bootstyle="secondary-outline")
    baseline = dialog.add_button(_("Make it the baseline…"), make_baseline,
                                 bootstyle="primary-outline")
    dialog.add_round_button = dialog.add_button(  # type: ignore[attr-defined]
        _("Add a round…"), lambda: add_round_dialog(shell, on_saved=saved), bootstyle="primary")
    dialog.baseline_button = baseline  # type: ignore[attr-defined]
    dialog.on_cancel = lambda: (on_change or shell.show_home)() if changed[0] else None
    dialog.table = table  # type: ignore[attr-defined]
    fill()
    return dialog.show(table)


def add_round_dialog(shell: "Shell", on_saved: Callable[[str], None]) -> Dialog:
    """Code, name, year and whether it is the baseline; the store checks them."""
    from fieldapp.store.rounds import add_round, baseline_round

    dialog = Dialog(shell.root, _("Add a round"), width=520)
    grid = ttk.Frame(dialog.body)
    grid.pack(fill="x")
    year_now = datetime.date.today().year
    entries = {}
    for row, (key, label, width, value) in enumerate((
            ("id", N_("Code"), 20, f"R{year_now}"),
            ("name", N_("Name"), 36, str(year_now)),
            ("year", N_("Year"), 8, str(year_now)))):
        ttk.Label(grid, text=_(label)).grid(row=row, column=0, sticky="w", pady=PAD // 2,
                                            padx=(0, PAD))
        entry = ttk.Entry(grid, width=width)
        entry.insert(0, value)
        entry.grid(row=row, column=1, sticky="w", pady=PAD // 2)
        entries[key] = entry
    is_baseline = variables.BooleanVar(value=baseline_round(shell.db) is None)
    check = ttk.Checkbutton(dialog.body, text=_("This round is the baseline"),
                            variable=is_baseline)
    check.pack(anchor="w", pady=(PAD, 0))
    warning = ttk.Label(dialog.body, text="", bootstyle="danger", wraplength=480,
                        justify="left")
    warning.pack(anchor="w", pady=(PAD, 0))

    def save() -> None:
        try:
            new = add_round(shell.db, id=entries["id"].get(), name=entries["name"].get(),
                            year=entries["year"].get(), baseline=is_baseline.get())
        except FieldappError as exc:
            warning.configure(text=str(exc))
            return
        dialog.close()
        on_saved(new.id)

    dialog.add_button(_("Cancel"), dialog.cancel, bootstyle="secondary-outline")
    dialog.save_button = dialog.add_button(  # type: ignore[attr-defined]
        _("Save"), save, bootstyle="primary", default=True)
    dialog.entries, dialog.baseline, dialog.warning = entries, check, warning  # type: ignore
    return dialog.show(entries["id"])
