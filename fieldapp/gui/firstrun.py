"""The first start on a laptop: the technician's name, the interface language and, on an empty
database, whether to start with the user's own organizations or to try the demo data."""

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


def ask_first_run(shell: "Shell", on_done: Callable[..., None], *,
                  offer_demo: bool = False) -> Dialog:
    """Ask name and language; ``on_done(name, lang)``, or ``on_done(name, lang, demo)`` when
    ``offer_demo`` (an empty database: start empty or try the demo data, kept apart). Closing
    the dialog quits the app."""
    dialog = Dialog(shell.root, "fieldapp", width=600)
    title = ttk.Label(dialog.body, font="FieldappTitle")
    title.pack(anchor="w", pady=(0, PAD))
    intro = ttk.Label(dialog.body, wraplength=560, justify="left")
    intro.pack(anchor="w", pady=(0, 2 * PAD))
    name_label = ttk.Label(dialog.body, font="FieldappBold")
    name_label.pack(anchor="w")
    entry = ttk.Entry(dialog.body, width=40)
    entry.pack(anchor="w", pady=(PAD // 2, 2 * PAD))
    lang_label = ttk.Label(dialog.body, font="FieldappBold")
    lang_label.pack(anchor="w")
    warning = ttk.Label(dialog.body, bootstyle="danger")
    start_var = variables.StringVar(value="mine")
    start_radios: dict[str, ttk.Radiobutton] = {}
    start_notes: dict[str, ttk.Label] = {}

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
        if offer_demo:
            how_label.configure(text=_("How do you want to start?"))
            start_radios["mine"].configure(text=_("Start with my organizations"))
            start_notes["mine"].configure(text=_(
                "An empty database, ready for a setup bundle or a CSV file of your "
                "organizations (Organizations… on the home screen)."))
            start_radios["demo"].configure(text=_("Try with demo data"))
            start_notes["demo"].configure(text=_(
                "Fictional organizations and submissions in a separate demo database, marked "
                "in the window title. Your own data stays empty; File → Back to my data "
                "switches back."))

    choice = LanguageChoice(dialog.body, i18n.current_language(), on_change=texts)
    choice.pack(anchor="w", pady=(PAD // 2, PAD))
    if offer_demo:
        how_label = ttk.Label(dialog.body, font="FieldappBold")
        how_label.pack(anchor="w", pady=(PAD, 0))
        for value in ("mine", "demo"):
            radio = ttk.Radiobutton(dialog.body, value=value, variable=start_var)
            radio.pack(anchor="w", pady=(PAD // 2, 0))
            note = ttk.Label(dialog.body, wraplength=530, justify="left", bootstyle="secondary")
            note.pack(anchor="w", padx=(3 * PAD, 0))
            start_radios[value], start_notes[value] = radio, note
    warning.pack(anchor="w")

    def accept() -> None:
        name = " ".join(entry.get().split())
        if not name:
            warning.configure(text=_("Please write your name."))
            entry.focus_set()
            return
        dialog.close()
        if offer_demo:
            on_done(name, choice.get(), start_var.get() == "demo")
        else:
            on_done(name, choice.get())

    quit_button = dialog.add_button("", dialog.cancel, bootstyle="secondary-outline")
    start = dialog.add_button("", accept, bootstyle="primary", default=True)
    dialog.on_cancel = shell.quit
    dialog.entry, dialog.choice, dialog.start = entry, choice, start  # type: ignore[attr-defined]
    dialog.start_radios = start_radios  # type: ignore[attr-defined]
    texts(i18n.current_language())
    return dialog.show(entry)
