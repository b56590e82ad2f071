"""The first start on a laptop: the technician's name and the interface language."""

from __future__ import annotations

import tkinter as tk
from typing import TYPE_CHECKING, Callable

import ttkbootstrap as ttk

from fieldapp import i18n
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets import variables
from fieldapp.i18n import _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

# Each language in its own name: a technician must find theirs whatever is shown now
LANGUAGE_NAMES = {"es": "Español", "en": "English", "pt": "Português"}


class LanguageChoice(ttk.Frame):
    """Radio buttons for the interface languages."""

    def __init__(self, parent: tk.Misc, current: str,
                 on_change: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.var = variables.StringVar(value=current)
        self.radios = {}
        for code in i18n.LANGUAGES:
            command = (lambda: on_change(self.var.get())) if on_change else None
            radio = ttk.Radiobutton(self, text=LANGUAGE_NAMES[code], value=code, variable=self.var,
                                    command=command)
            radio.pack(side="left", padx=(0, 2 * PAD))
            self.radios[code] = radio

    def get(self) -> str:
        return self.var.get()


def ask_first_run(shell: "Shell", on_done: Callable[[str, str], None]) -> Dialog:
    """Ask name and language; ``on_done(name, lang)``. Closing the dialog quits the app."""
    dialog = Dialog(shell.root, "fieldapp", width=560)
    title = ttk.Label(dialog.body, font="FieldappTitle")
    title.pack(anchor="w", pady=(0, PAD))
    intro = ttk.Label(dialog.body, wraplength=520, justify="left")
    intro.pack(anchor="w", pady=(0, 2 * PAD))
    name_label = ttk.Label(dialog.body, font="FieldappBold")
    name_label.pack(anchor="w")
    entry = ttk.Entry(dialog.body, width=40)
    entry.pack(anchor="w", pady=(PAD // 2, 2 * PAD))
    lang_label = ttk.Label(dialog.body, font="FieldappBold")
    lang_label.pack(anchor="w")
    warning = ttk.Label(dialog.body, bootstyle="danger")

    def texts(lang: str) -> None:
        i18n.set_language(lang)
        dialog.window.title(_("Welcome to fieldapp"))
        title.configure(text=_("Welcome to fieldapp"))
        intro.configure(text=_("Answers you enter are recorded with your name, so that "
                               "coordinators know who filled each form. You can change both "
                               "later in Settings."))
        name_label.configure(text=_("Your name"))
        lang_label.configure(text=_("Language of the interface"))
        start.configure(text=_("Start"))
        quit_button.configure(text=_("Quit"))
        if warning.cget("text"):
            warning.configure(text=_("Please write your name."))

    choice = LanguageChoice(dialog.body, i18n.current_language(), on_change=texts)
    choice.pack(anchor="w", pady=(PAD // 2, PAD))
    warning.pack(anchor="w")

    def accept() -> None:
        name = " ".join(entry.get().split())
        if not name:
            warning.configure(text=_("Please write your name."))
            entry.focus_set()
            return
        dialog.close()
        on_done(name, choice.get())

    quit_button = dialog.add_button("", dialog.cancel, bootstyle="secondary-outline")
    start = dialog.add_button("", accept, bootstyle="primary", default=True)
    dialog.on_cancel = shell.quit
    dialog.entry, dialog.choice, dialog.start = entry, choice, start  # type: ignore[attr-defined]
    texts(i18n.current_language())
    return dialog.show(entry)
