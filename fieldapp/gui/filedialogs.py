"""Tk's own file dialogs, speaking the interface language (Tk's message catalog, msgcat) and
opening in the user's documents folder rather than wherever the program was started, then in
the folder last chosen for the same purpose (this session)."""

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


def _start(purpose: str, initialdir: str | Path | None) -> str:
    """Where a dialog opens: ``initialdir`` when it is a folder (a path the screen already
    shows), else the folder last chosen for ``purpose``, else the documents folder."""
    if initialdir:
        folder = Path(initialdir).expanduser()
        for candidate in (folder, folder.parent):
            if candidate.is_dir():
                return str(candidate)
    return _last_folder.get(purpose, str(documents_folder()))


def ask_open(parent: tk.Misc, title: str, filetypes: list[tuple[str, str]], *,
             purpose: str = "open", initialdir: str | Path | None = None) -> str:
    """A file to open ("" when cancelled)."""
    speak(parent)
    chosen = filedialog.askopenfilename(parent=parent, title=title, filetypes=filetypes,
                                        initialdir=_start(purpose, initialdir))
    if chosen:
        _last_folder[purpose] = str(Path(chosen).parent)
    return chosen or ""


def ask_open_many(parent: tk.Misc, title: str, filetypes: list[tuple[str, str]], *,
                  purpose: str = "open") -> list[str]:
    """Files to open (none when cancelled)."""
    speak(parent)
    chosen = filedialog.askopenfilenames(parent=parent, title=title, filetypes=filetypes,
                                         initialdir=_start(purpose, None))
    chosen = list(parent.tk.splitlist(chosen)) if isinstance(chosen, str) else list(chosen)
    if chosen:
        _last_folder[purpose] = str(Path(chosen[0]).parent)
    return chosen


def ask_save(parent: tk.Misc, title: str, filetypes: list[tuple[str, str]], *,
             initialfile: str = "", defaultextension: str = "", purpose: str = "save",
             initialdir: str | Path | None = None) -> str:
    """Where to save a file ("" when cancelled)."""
    speak(parent)
    chosen = filedialog.asksaveasfilename(
        parent=parent, title=title, filetypes=filetypes, initialfile=initialfile,
        defaultextension=defaultextension, initialdir=_start(purpose, initialdir))
    if chosen:
        _last_folder[purpose] = str(Path(chosen).parent)
    return chosen or ""


def ask_folder(parent: tk.Misc, title: str, *, purpose: str = "folder",
               initialdir: str | Path | None = None) -> str:
    """A folder ("" when cancelled)."""
    speak(parent)
    chosen = filedialog.askdirectory(parent=parent, title=title, mustexist=False,
                                     initialdir=_start(purpose, initialdir))
    if chosen:
        _last_folder[purpose] = str(chosen)
    return chosen or ""
