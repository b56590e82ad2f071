"""Tk's own file dialogs, speaking the interface language (Tk's message catalog, msgcat) and
opening in the user's documents folder rather than wherever the program was started."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import filedialog

from fieldapp import i18n

_last_folder: dict[str, str] = {}  # the folder last chosen in this session, by purpose


def documents_folder() -> Path:
    """The user's documents folder (their home folder when it does not exist)."""
    import platformdirs

    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def speak(root: tk.Misc, lang: str | None = None) -> None:
    """Set Tk's locale for its dialogs (Open, Cancel, File name…) to the interface language;
    Tk ships the Spanish and Portuguese texts, loaded again for the new locale."""
    lang = lang or i18n.current_language()
    try:
        root.tk.call("::msgcat::mclocale", lang)
        root.tk.eval("::msgcat::mcload [file join $::tk_library msgs]")
    except tk.TclError:  # a Tk without its messages: its dialogs stay in English
        pass


def ask_open(parent: tk.Misc, title: str, filetypes: list[tuple[str, str]], *,
             purpose: str = "open") -> str:
    """A file to open ("" when cancelled)."""
    speak(parent)
    chosen = filedialog.askopenfilename(parent=parent, title=title, filetypes=filetypes,
                                        initialdir=_last_folder.get(purpose,
                                                                    str(documents_folder())))
    if chosen:
        _last_folder[purpose] = str(Path(chosen).parent)
    return chosen or ""


def ask_save(parent: tk.Misc, title: str, filetypes: list[tuple[str, str]], *,
             initialfile: str = "", defaultextension: str = "", purpose: str = "save") -> str:
    """Where to save a file ("" when cancelled)."""
    speak(parent)
    chosen = filedialog.asksaveasfilename(
        parent=parent, title=title, filetypes=filetypes, initialfile=initialfile,
        defaultextension=defaultextension,
        initialdir=_last_folder.get(purpose, str(documents_folder())))
    if chosen:
        _last_folder[purpose] = str(Path(chosen).parent)
    return chosen or ""


def ask_folder(parent: tk.Misc, title: str, *, purpose: str = "folder") -> str:
    """A folder ("" when cancelled)."""
    speak(parent)
    chosen = filedialog.askdirectory(parent=parent, title=title, mustexist=False,
                                     initialdir=_last_folder.get(purpose,
                                                                 str(documents_folder())))
    if chosen:
        _last_folder[purpose] = str(chosen)
    return chosen or ""
