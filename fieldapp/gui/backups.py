"""File → Backups…: the database's own copies, made now or put back (``store.backups``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import formatting
from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import Dialog, ask_confirm, show_message
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

_log = logging.getLogger(__name__)

KINDS = {
    "daily": N_("daily"), "manual": N_("asked for"), "import": N_("before an import"),
    "migration": N_("before an update"), "restore": N_("before a restore"),
}


def register(shell: "Shell") -> None:
    """Add File → Backups… to the shell's menus."""
    shell.add_command(N_("File"), N_("Backups…"), lambda: open_backups(shell),
                      enabled=lambda: shell.db is not None)


def open_backups(shell: "Shell") -> Dialog:
    """A dialog listing the backups, newest first, to make one now or restore one."""
    from fieldapp.store.backups import backup_dir, list_backups

    dialog = Dialog(shell.root, _("Backups"), width=640)
    ttk.Label(dialog.body, text=_("fieldapp keeps a copy of the database every day and before "
                                  "each import, update or restore, in {folder}.").format(
        folder=backup_dir(shell.db_path)), wraplength=600, justify="left").pack(anchor="w")
    table = Table(dialog.body, (("made", N_("When"), 220), ("why", N_("Why"), 200),
                                ("size", N_("Size"), 100)), height=8, name="backups",
                  stretch="why")
    table.frame.pack_configure(pady=(PAD, 0))
    found: dict[str, object] = {}

    def fill() -> None:
        table.delete(*table.get_children())
        found.clear()
        for b in list_backups(shell.db_path):
            item = table.insert("", "end", values=(
                formatting.when(b.created), _(KINDS.get(b.kind, b.kind)),
                _("{size} MB").format(size=formatting.number(b.size / 1024 / 1024))))
            found[item] = b
        children = table.get_children()
        if children:
            table.selection_set(children[0])

    def make() -> None:
        from fieldapp.store.backups import MANUAL, create_backup

        try:
            create_backup(shell.db, shell.db_path, MANUAL)
        except FieldappError as exc:
            show_message(dialog.window, _("Error"), str(exc), kind="error")
        fill()

    def restore() -> None:
        chosen = table.selection()
        if not chosen:
            return
        backup = found[chosen[0]]
        text = _("Put back the copy made on {made}? What the database holds now is kept as a "
                 "backup of its own, so this can be undone.").format(
            made=formatting.when(backup.created))
        ask_confirm(dialog.window, _("Restore a backup"), text,
                    lambda: _restore(shell, dialog, backup.path), yes=_("Restore"), danger=True)

    dialog.add_button(_("Close"), dialog.close, bootstyle="secondary-outline")
    dialog.add_button(_("Back up now"), make, bootstyle="secondary")
    dialog.restore_button = dialog.add_button(  # type: ignore[attr-defined]
        _("Restore…"), restore, bootstyle="danger")
    dialog.table = table  # type: ignore[attr-defined]
    dialog.refresh = fill  # type: ignore[attr-defined]
    fill()
    return dialog.show(table)


def _restore(shell: "Shell", dialog: Dialog, source) -> None:
    """Close the open form and the database, put the copy back, reopen, show home."""
    from fieldapp.store.backups import restore_backup

    dialog.close()
    shell.close_database()
    try:
        result = restore_backup(shell.db_path, source)
    except FieldappError as exc:
        shell.reopen_database()
        show_message(shell.root, _("Error"), str(exc), kind="error")
        return
    shell.reopen_database()
    text = _("The backup was put back.")
    if result.kept is not None:
        text += " " + _("What it replaced is kept in {path}.").format(path=result.kept)
    show_message(shell.root, _("Backup restored"), text)
