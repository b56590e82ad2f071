"""Settings: the technician's name and the interface language, changeable at any time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import i18n, paths
from fieldapp.gui.dialogs import Dialog, show_message
from fieldapp.gui.firstrun import LanguageChoice
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell


def register(shell: "Shell") -> None:
    """Add the settings and the about box to the shell's menus."""
    shell.add_command(N_("File"), N_("Settings…"), lambda: open_settings(shell))
    shell.add_command(N_("Help"), N_("Keyboard shortcuts"), lambda: show_keys(shell))
    shell.add_command(N_("Help"), N_("About fieldapp"), lambda: show_about(shell))


def open_settings(shell: "Shell") -> Dialog:
    """A dialog to change the name and the language; saved in the database."""
    from fieldapp.store.identity import get_identity, set_technician, set_ui_language

    identity = get_identity(shell.db)
    dialog = Dialog(shell.root, _("Settings"), width=520)
    ttk.Label(dialog.body, text=_("Your name"), font="FieldappBold").pack(anchor="w")
    entry = ttk.Entry(dialog.body, width=40)
    entry.insert(0, identity.technician)
    entry.pack(anchor="w", pady=(PAD // 2, 2 * PAD))
    ttk.Label(dialog.body, text=_("Language of the interface"),
              font="FieldappBold").pack(anchor="w")
    choice = LanguageChoice(dialog.body, i18n.current_language())
    choice.pack(anchor="w", pady=(PAD // 2, 2 * PAD))
    ttk.Label(dialog.body, text=_("Forms keep their own language, chosen in the form window."),
              bootstyle="secondary", wraplength=480, justify="left").pack(anchor="w")
    warning = ttk.Label(dialog.body, text="", bootstyle="danger")
    warning.pack(anchor="w")

    def save() -> None:
        name = " ".join(entry.get().split())
        if not name:
            warning.configure(text=_("Please write your name."))
            return
        dialog.close()
        set_technician(shell.db, name)
        lang = choice.get()
        set_ui_language(shell.db, lang)
        shell.identity = get_identity(shell.db)
        if lang != i18n.current_language():
            shell.set_language(lang)
        elif shell.form_view is None:
            shell.show_home()

    dialog.add_button(_("Cancel"), dialog.cancel, bootstyle="secondary-outline")
    save_button = dialog.add_button(_("Save"), save, bootstyle="primary", default=True)
    dialog.save_button = save_button  # type: ignore[attr-defined]
    dialog.entry, dialog.choice = entry, choice  # type: ignore[attr-defined]
    return dialog.show(entry)


def show_keys(shell: "Shell") -> Dialog:
    lines = [
        _("Tab / Shift+Tab: next / previous answer"),
        _("Enter: next page"),
        _("Alt+→ / Alt+←: next / previous page"),
        _("↑ ↓ in a list of options: choose the previous / next option"),
        _("A digit or letter in a list of options: choose the option that starts with it"),
        _("Alt+↓ in a date: open the calendar"),
        _("Ctrl+↑ / Ctrl+↓ in a ranking: move the chosen item"),
        _("Esc: close a dialog"),
    ]
    return show_message(shell.root, _("Keyboard shortcuts"), "\n".join(lines))


def show_about(shell: "Shell") -> Dialog:
    from fieldapp import __version__

    text = _("fieldapp {version}: offline assessments for fair-trade producer organizations.")
    detail = _("Database: {db}\nLog file: {log}").format(db=shell.db_path, log=paths.log_path())
    return show_message(shell.root, _("About fieldapp"), text.format(version=__version__),
                        detail=detail)
