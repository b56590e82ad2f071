"""Sync → Export to USB…: a field bundle (or, for the coordinator, a setup bundle) written to
a USB stick or a folder off the Tk thread, with a progress bar; says where the file is and how
many records it holds."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import paths
from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell


def register(shell: "Shell") -> None:
    shell.add_command(N_("Sync"), N_("Export to USB…"), lambda: open_sync_export(shell),
                      enabled=lambda: shell.db is not None)


class SyncExportDialog:
    """Where to write the bundle, what it holds, progress and result."""

    def __init__(self, shell: "Shell") -> None:
        self.shell = shell
        self.job = None
        self.result = None
        dialog = self.dialog = Dialog(shell.root, _("Export to USB"), width=620)
        body = dialog.body
        ttk.Label(body, text=_("Save the bundle on"), font="FieldappBold").pack(anchor="w")
        where = ttk.Frame(body)
        where.pack(fill="x", pady=(PAD // 2, PAD))
        self.drives = [str(p) for p in paths.removable_drives()]
        self.target = ttk.Combobox(where, values=self.drives)
        self.target.pack(side="left", fill="x", expand=True)
        if self.drives:
            self.target.current(0)
        ttk.Button(where, text=_("Choose folder…"), bootstyle="secondary-outline",
                   command=self._choose).pack(side="left", padx=(PAD, 0))
        if not self.drives:
            ttk.Label(body, text=_("No USB stick found: plug one in, or choose a folder."),
                      bootstyle="secondary").pack(anchor="w")
        self.everything = tk.BooleanVar(value=False)
        self.drafts = tk.BooleanVar(value=False)
        self.setup = tk.BooleanVar(value=False)
        for variable, text in (
                (self.everything, _("Everything, not only what changed since the last export"
                                    " to this stick")),
                (self.drafts, _("Include drafts (they stay drafts)")),
                (self.setup, _("Setup bundle for technicians (forms, organizations, rounds)"))):
            ttk.Checkbutton(body, variable=variable, text=text).pack(anchor="w", pady=(PAD // 2, 0))
        footer = dialog.add_job_footer(body, _("Export"), self.start)
        self.footer, self.bar, self.status = footer, footer.bar, footer.status
        self.close_button, self.export_button = footer.close_button, footer.start_button
        dialog.show(self.export_button)

    def _choose(self) -> None:
        from fieldapp.gui.filedialogs import ask_folder

        chosen = ask_folder(self.dialog.window, _("Folder for the bundle"), purpose="usb",
                            initialdir=self.target.get().strip() or None)
        if chosen:
            self.target.set(chosen)

    def start(self) -> None:
        from fieldapp.gui.worker import run_in_background

        if self.job is not None:
            return
        folder = Path(self.target.get().strip()).expanduser() if self.target.get().strip() \
            else None
        if folder is None:
            self.status.configure(text=_("Choose a USB stick or a folder first."),
                                  bootstyle="danger")
            return
        db_path = self.shell.db_path
        options = {"setup": self.setup.get(), "everything": self.everything.get(),
                   "include_drafts": self.drafts.get()}

        progress = self.footer.report

        def work():
            from fieldapp.store import open_db
            from fieldapp.sync import export_bundle

            db = open_db(db_path)  # a connection of this thread
            try:
                return export_bundle(db, folder, progress=progress, **options)
            finally:
                db.conn.close()

        self.export_button.configure(state="disabled")
        self.status.configure(text=_("Writing the bundle…"), bootstyle="default")
        self.job = run_in_background(self.dialog.window, work, self._finished,
                                     on_error=self._failed)
        self.footer.follow(lambda: self.job is not None and self.dialog.alive)

    def _finished(self, result) -> None:
        self.job = None
        self.result = result
        if not self.dialog.alive:
            return
        self.bar.configure(value=100)
        self.export_button.configure(state="normal")
        if result.kind == "setup":
            text = _("Saved {path}: {forms} form versions, {orgs} organizations, {rounds}"
                     " rounds.").format(path=result.path, forms=result.forms,
                                         orgs=result.organizations, rounds=result.rounds)
        else:
            text = ngettext("Saved {path}: {n} submission.", "Saved {path}: {n} submissions.",
                            result.submissions).format(path=result.path, n=result.submissions)
        self.status.configure(text=text, bootstyle="success")

    def _failed(self, error: BaseException) -> None:
        self.job = None
        if not self.dialog.alive:
            return
        self.bar.configure(value=0)
        self.export_button.configure(state="normal")
        if isinstance(error, FieldappError):
            self.status.configure(text=str(error), bootstyle="danger")
        else:
            self.dialog.window.winfo_toplevel().report_callback_exception(
                type(error), error, error.__traceback__)


def open_sync_export(shell: "Shell") -> SyncExportDialog:
    """Open the Export to USB dialog."""
    return SyncExportDialog(shell)
