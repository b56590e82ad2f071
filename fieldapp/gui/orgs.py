"""Organizations: the list, a form to add or edit one, and the CSV import whose bad rows are
shown all at once in a table (line, column, what is wrong)."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import ttkbootstrap as ttk

from fieldapp import formatting
from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import Dialog, show_message
from fieldapp.gui.theme import PAD
from fieldapp.gui.tables import Table
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

# (keyword of make_organization, label msgid, entry width)
FIELDS = (
    ("id", N_("Code"), 20),
    ("name", N_("Name"), 50),
    ("type", N_("Type"), 36),
    ("country", N_("Country"), 30),
    ("products", N_("Products (separated by commas)"), 50),
    ("women", N_("Members: women"), 10),
    ("men", N_("Members: men"), 10),
    ("workers", N_("Hired workers"), 10),
)


def register(shell: "Shell") -> None:
    shell.add_command(N_("File"), N_("Organizations…"), lambda: open_organizations(shell))


def open_organizations(shell: "Shell", on_change: Callable[[], None] | None = None) -> Dialog:
    """The organizations of the database, with Add, Edit and Import buttons."""
    from fieldapp.store.orgs import ORG_TYPES, list_organizations

    dialog = Dialog(shell.root, _("Organizations"), width=1120)
    changed = [False]
    # the type is written out here ("organización de pequeños productores"): room for it
    table = Table(dialog.body, (("id", N_("Code"), 130), ("name", N_("Name"), 360),
                                ("country", N_("Country"), 185), ("type", N_("Type"), 310)),
                  height=14, name="orgs", stretch="name")

    def fill(select: str | None = None) -> None:
        table.clear()
        for org in sorted(list_organizations(shell.db), key=lambda o: o.name.casefold()):
            table.add(org.id, (org.id, org.name, formatting.country_name(org.country),
                                  _(ORG_TYPES.get(org.type, org.type))))
        if select and table.exists(select):
            table.selection_set(select)
            table.see(select)

    def saved(org_id: str) -> None:
        changed[0] = True
        fill(org_id)

    def edit() -> None:
        picked = table.selection()
        if picked:
            edit_organization(shell, picked[0], on_saved=saved)

    def import_csv() -> None:
        import_organizations_file(shell, on_done=lambda: saved(""))

    def close() -> None:
        dialog.close()
        if changed[0]:
            (on_change or shell.show_home)()

    table.bind("<Double-1>", lambda e: edit())
    table.bind("<Return>", lambda e: edit())
    dialog.add_button(_("Close"), close, bootstyle="secondary-outline")
    dialog.edit_button = dialog.add_button(_("Edit…"), edit, bootstyle="primary-outline")
    dialog.import_button = dialog.add_button(_("Import a CSV file…"), import_csv,
                                             bootstyle="primary-outline")
    dialog.add_org_button = dialog.add_button(
        _("Add an organization…"), lambda: edit_organization(shell, None, on_saved=saved),
        bootstyle="primary")
    dialog.on_cancel = lambda: (on_change or shell.show_home)() if changed[0] else None
    dialog.table = table  # type: ignore[attr-defined]
    fill()
    return dialog.show(table)


def edit_organization(shell: "Shell", org_id: str | None,
                      on_saved: Callable[[str], None]) -> Dialog:
    """A form for a new organization (``org_id`` None) or an existing one; the store checks
    it and a wrong field is named under the form, nothing saved."""
    from fieldapp.store.orgs import ORG_TYPES, add_organization, get_organization, \
        update_organization

    org = get_organization(shell.db, org_id) if org_id else None
    dialog = Dialog(shell.root, _("Edit the organization") if org else _("Add an organization"),
                    width=620)
    grid = ttk.Frame(dialog.body)
    grid.pack(fill="x")
    types = list(ORG_TYPES)
    entries: dict[str, tk.Widget] = {}
    current = {
        "id": org.id if org else "", "name": org.name if org else "",
        "type": _(ORG_TYPES[org.type]) if org and org.type in ORG_TYPES else "",
        "country": formatting.country_name(org.country) if org else "",
        "products": org.products if org else "",
        "women": _count(org.members_women if org else None),
        "men": _count(org.members_men if org else None),
        "workers": _count(org.workers_total if org else None),
    }
    for row, (key, label, width) in enumerate(FIELDS):
        ttk.Label(grid, text=_(label)).grid(row=row, column=0, sticky="w", pady=PAD // 2,
                                            padx=(0, PAD))
        if key == "type":
            widget = ttk.Combobox(grid, state="readonly", width=width,
                                  values=[_(ORG_TYPES[t]) for t in types])
            widget.set(current[key])
        else:
            widget = ttk.Entry(grid, width=width)
            widget.insert(0, current[key])
        if key == "id" and org is not None:
            widget.configure(state="readonly")  # the code links submissions: never renamed
        widget.grid(row=row, column=1, sticky="w", pady=PAD // 2)
        entries[key] = widget
    ttk.Label(dialog.body, text=_("The country as a name or a two-letter code (Perú, PE)."),
              bootstyle="secondary").pack(anchor="w", pady=(PAD, 0))
    warning = ttk.Label(dialog.body, text="", bootstyle="danger", wraplength=580,
                        justify="left")
    warning.pack(anchor="w", pady=(PAD, 0))

    def values() -> dict[str, object]:
        got: dict[str, object] = {k: w.get().strip() for k, w in entries.items()}
        kind = entries["type"].current()
        got["type"] = types[kind] if kind >= 0 else ""
        for key in ("women", "men", "workers"):
            got[key] = got[key] or None
        return got

    def save() -> None:
        got = values()
        try:
            if org is None:
                saved = add_organization(shell.db, **got)
            else:
                got.pop("id")
                saved = update_organization(shell.db, org.id, **got)
        except FieldappError as exc:
            warning.configure(text=str(exc))
            field = exc.context.get("field")
            if field in entries:
                entries[field].focus_set()
            return
        dialog.close()
        on_saved(saved.id)

    dialog.add_button(_("Cancel"), dialog.cancel, bootstyle="secondary-outline")
    dialog.save_button = dialog.add_button(_("Save"), save, bootstyle="primary", default=True)
    dialog.entries, dialog.warning = entries, warning  # type: ignore[attr-defined]
    return dialog.show(entries["name"] if org else entries["id"])


def _count(n: int | None) -> str:
    return "" if n is None else str(n)


def import_organizations_file(shell: "Shell", on_done: Callable[[], None],
                              path: str | Path | None = None) -> Dialog | None:
    """Ask for a CSV file, check all its rows; import them all, or show every bad row in a
    table and import nothing."""
    from fieldapp.store.orgs import save_organizations
    from fieldapp.store.orgs_csv import check_organizations

    if path is None:
        from fieldapp.gui.filedialogs import ask_open

        path = ask_open(shell.root, _("Import organizations"),
                        [(_("CSV files"), "*.csv *.txt")])
        if not path:
            return None
    try:
        checked = check_organizations(Path(path))
    except FieldappError as exc:
        return show_message(shell.root, _("Import organizations"), str(exc), kind="error")
    if checked.problems:
        return show_problems(shell, Path(path), checked.problems)
    counts = save_organizations(shell.db, checked.orgs)
    text = _("{added} added, {updated} updated, {unchanged} unchanged.").format(
        added=counts.added, updated=counts.updated, unchanged=counts.unchanged)
    detail = ""
    if checked.ignored_columns:
        detail = _("Columns not used: {names}").format(names=", ".join(checked.ignored_columns))
    on_done()
    return show_message(shell.root, _("Organizations imported"), text, detail=detail)


def show_problems(shell: "Shell", path: Path, problems: list[FieldappError]) -> Dialog:
    """Every bad row of a file in a table; nothing was imported."""
    dialog = Dialog(shell.root, _("Import organizations"), width=1260)
    ttk.Label(dialog.body, text=_("Nothing was imported: {n} rows of {file} need correcting. "
                                  "Fix them in the spreadsheet and import the file again.")
              .format(n=len(problems), file=path.name), wraplength=1220, justify="left",
              bootstyle="danger").pack(anchor="w", pady=(0, PAD))
    table = Table(dialog.body, (("line", N_("Row"), 60), ("column", N_("Column"), 130),
                                ("what", N_("What is wrong"), 1010)), height=12, stretch="what",
                  name="import_problems")
    for i, problem in enumerate(problems):
        context = problem.context
        table.add(str(i), (context.get("line", ""), context.get("column") or "",
                              _message_only(problem)))
    dialog.add_button(_("Close"), dialog.close, bootstyle="primary", default=True)
    dialog.table = table  # type: ignore[attr-defined]
    return dialog.show(table)


def _message_only(problem: FieldappError) -> str:
    """The problem's text without the file and row the table's columns already show."""
    text = str(problem)
    for sep in (": ",):
        head, _sep, tail = text.partition(sep)
        if tail and (str(problem.context.get("line", "\0")) in head):
            return tail
    return text
