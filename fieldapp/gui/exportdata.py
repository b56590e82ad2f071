"""File → Export data…: a coordinator exports a form's data as CSV tables, or the whole
database as a clean SQLite copy, with a progress bar; the job runs off the Tk thread and
can be cancelled; the folder opens when it is done."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import formatting, i18n
from fieldapp.errors import ExportError, FieldappError
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

CSV, SQLITE = "csv", "sqlite"
# the choices of the labels box: None = codes
LABEL_CHOICES = ((None, N_("Codes (the same in every language)")), ("es", N_("Spanish labels")),
                 ("en", N_("English labels")), ("pt", N_("Portuguese labels")))


def register(shell: "Shell") -> None:
    shell.add_command(N_("File"), N_("Export data…"), lambda: open_export(shell),
                      enabled=lambda: shell.db is not None)


def default_folder() -> Path:
    """Where exports go unless the user chooses: Documents/fieldapp (or the home folder)."""
    home = Path.home()
    documents = home / "Documents"
    return (documents if documents.is_dir() else home) / "fieldapp"


def open_folder(path: Path) -> bool:
    """Show ``path`` in the system's file manager; False where there is none to call."""
    try:
        if sys.platform == "win32":
            os.startfile(str(path))  # type: ignore[attr-defined]
            return True
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        if shutil.which(opener) is None:
            return False
        subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        return True
    except OSError:
        return False


class ExportDialog:
    """The export dialog: what to export, where, progress, result."""

    def __init__(self, shell: "Shell") -> None:
        from fieldapp.registry import available_forms
        from fieldapp.store.rounds import list_rounds

        self.shell = shell
        self.job = None
        self.cancel_flag = threading.Event()
        self.result = None  # what the last export wrote
        self.opened: Path | None = None  # the folder shown after the export
        self.forms = [(f["form_id"], formatting.form_title(str(f["form_id"]), str(f["title"])))
                      for f in available_forms(shell.db)]
        self.rounds = [(None, _("All rounds"))] + [(r.id, r.name) for r in list_rounds(shell.db)]
        # wide enough for a form's whole title and the answer choices in every language
        dialog = self.dialog = Dialog(shell.root, _("Export data"), width=820)
        body = dialog.body
        self.kind = tk.StringVar(value=CSV)
        ttk.Label(body, text=_("Format"), font="FieldappBold").pack(anchor="w")
        formats = ttk.Frame(body)
        formats.pack(anchor="w", fill="x", pady=(PAD // 2, PAD))
        ttk.Radiobutton(formats, text=_("CSV tables of one form, with a data dictionary"),
                        variable=self.kind, value=CSV, command=self._refresh).pack(anchor="w")
        ttk.Radiobutton(formats, text=_("SQLite database of everything (Datasette, R, pandas)"),
                        variable=self.kind, value=SQLITE, command=self._refresh).pack(anchor="w")
        self.options = ttk.Frame(body)
        self.options.pack(fill="x")
        self.form_box = self._combo(_("Form"), [title for _id, title in self.forms])
        self.round_box = self._combo(_("Round"), [name for _id, name in self.rounds])
        self.labels_box = self._combo(_("Answers to choice questions"),
                                      [_(text) for _code, text in LABEL_CHOICES])
        self.excel = tk.BooleanVar(value=False)
        self.excel_check = ttk.Checkbutton(
            self.options, variable=self.excel,
            text=_("For Excel in Spanish or Portuguese (semicolons, decimal comma)"))
        self.excel_check.pack(anchor="w", pady=(PAD // 2, PAD))
        ttk.Label(body, text=_("Save in"), font="FieldappBold").pack(anchor="w")
        where = ttk.Frame(body)
        where.pack(fill="x", pady=(PAD // 2, PAD))
        self.target = ttk.Entry(where)
        self.target.pack(side="left", fill="x", expand=True)
        ttk.Button(where, text=_("Choose…"), bootstyle="secondary-outline",
                   command=self._choose).pack(side="left", padx=(PAD, 0))
        footer = dialog.add_job_footer(body, _("Export"), self.start, on_close=self.cancel)
        self.footer, self.bar, self.status = footer, footer.bar, footer.status
        self.close_button, self.export_button = footer.close_button, footer.start_button
        dialog.on_cancel = self._cancel_job
        self._refresh()
        dialog.show(self.export_button)

    def _combo(self, title: str, values: list[str]) -> ttk.Combobox:
        row = ttk.Frame(self.options)
        row.pack(fill="x", pady=(0, PAD // 2))
        ttk.Label(row, text=title, width=28).pack(side="left")
        box = ttk.Combobox(row, values=values, state="readonly")
        box.pack(side="left", fill="x", expand=True)
        if values:
            box.current(0)
        return box

    # -- choices ------------------------------------------------------------------------
    @property
    def form_id(self) -> str | None:
        index = self.form_box.current()
        return self.forms[index][0] if 0 <= index < len(self.forms) else None

    @property
    def round_id(self) -> str | None:
        index = self.round_box.current()
        return self.rounds[index][0] if 0 <= index < len(self.rounds) else None

    @property
    def labels(self) -> str | None:
        index = self.labels_box.current()
        return LABEL_CHOICES[index][0] if 0 <= index < len(LABEL_CHOICES) else None

    def _default_target(self) -> Path:
        folder = default_folder()
        return folder / "fieldapp.sqlite" if self.kind.get() == SQLITE else folder

    def _refresh(self) -> None:
        state = "readonly" if self.kind.get() == CSV else "disabled"
        for box in (self.form_box, self.round_box, self.labels_box):
            box.configure(state=state)
        self.excel_check.configure(state="normal" if self.kind.get() == CSV else "disabled")
        current = self.target.get().strip()
        defaults = {str(default_folder()), str(default_folder() / "fieldapp.sqlite"), ""}
        if current in defaults:
            self.target.delete(0, "end")
            self.target.insert(0, str(self._default_target()))

    def _choose(self) -> None:
        from fieldapp.gui.filedialogs import ask_folder, ask_save

        if self.kind.get() == CSV:
            chosen = ask_folder(self.dialog.window, _("Folder for the CSV files"),
                                purpose="export")
        else:
            chosen = ask_save(self.dialog.window, _("SQLite file"), defaultextension=".sqlite",
                              filetypes=[(_("SQLite databases"), "*.sqlite *.db")],
                              purpose="export")
        if chosen:
            self.target.delete(0, "end")
            self.target.insert(0, chosen)

    def _say(self, text: str, style: str = "default") -> None:
        """Show ``text`` under the progress bar, growing the dialog to fit it."""
        self.status.configure(text=text, bootstyle=style)
        window = self.dialog.window
        window.update_idletasks()
        height = window.winfo_reqheight()
        if height > window.winfo_height():
            window.geometry(f"{window.winfo_width()}x{height}")

    # -- the job ------------------------------------------------------------------------
    def start(self) -> None:
        from fieldapp.gui.worker import run_in_background

        if self.job is not None:
            return
        target = Path(self.target.get().strip() or self._default_target()).expanduser()
        kind, form_id, round_id, labels = self.kind.get(), self.form_id, self.round_id, self.labels
        dialect = "excel-es" if self.excel.get() else "utf8"
        if kind == CSV and form_id is None:
            self._say(_("There is no form to export."), "danger")
            return
        db_path = self.shell.db_path
        lang = i18n.current_language()
        self.cancel_flag.clear()
        progress = self.footer.report

        def work():
            from fieldapp.exports.csvfiles import export_csv
            from fieldapp.exports.sqlitecopy import export_sqlite
            from fieldapp.store import open_db

            db = open_db(db_path)  # a connection of this thread
            try:
                if kind == CSV:
                    return export_csv(db, form_id, target, round_id=round_id, labels=labels,
                                      dialect=dialect, progress=progress,
                                      cancelled=self.cancel_flag.is_set)
                return export_sqlite(db, target, lang=lang, progress=progress,
                                     cancelled=self.cancel_flag.is_set)
            finally:
                db.conn.close()

        self.export_button.configure(state="disabled")
        self.close_button.configure(text=_("Cancel"))
        self._say(_("Exporting…"))
        self.job = run_in_background(self.dialog.window, work, self._finished,
                                     on_error=self._failed)
        self.footer.follow(lambda: self.job is not None and self.dialog.alive)

    def _finished(self, result) -> None:
        if self.cancel_flag.is_set():
            # Cancel was pressed as the export was ending: the user asked for no files
            _remove_written(result)
            self._failed(ExportError("EXPORT_001"))
            return
        self.job = None
        self.result = result
        if not self.dialog.alive:
            return
        self.bar.configure(value=100)
        self.export_button.configure(state="normal")
        self.close_button.configure(text=_("Close"))
        if hasattr(result, "files"):
            folder = result.folder
            text = _("Exported {n} submissions into {count} files in {folder}.").format(
                n=result.submissions, count=len(result.files), folder=folder)
        else:
            folder = result.path.parent
            text = _("Wrote {path}: {n} submissions of {forms} forms.").format(
                path=result.path, n=result.submissions, forms=len(result.forms))
        self._say(text, "success")
        self.opened = folder
        open_folder(folder)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        if not self.dialog.alive:
            return
        self.bar.configure(value=0)
        self.export_button.configure(state="normal")
        self.close_button.configure(text=_("Close"))
        if isinstance(error, FieldappError):
            self._say(str(error), "danger")
        else:
            self.dialog.window.winfo_toplevel().report_callback_exception(
                type(error), error, error.__traceback__)

    def _cancel_job(self) -> None:
        self.cancel_flag.set()

    def cancel(self) -> None:
        """Cancel the running export (the dialog stays, saying so), or close the dialog."""
        if self.job is not None:
            self.cancel_flag.set()
            return
        self.dialog.close()


def _remove_written(result) -> None:
    """Delete what a finished export wrote (its files, or its SQLite copy)."""
    written = list(getattr(result, "files", [])) or [getattr(result, "path", None)]
    for path in written:
        if path is not None:
            Path(path).unlink(missing_ok=True)


def open_export(shell: "Shell") -> ExportDialog:
    """Open the export dialog."""
    return ExportDialog(shell)
