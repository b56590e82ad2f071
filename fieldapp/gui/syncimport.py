"""Sync → Import bundles…: the coordinator picks several bundles or a folder, sees a dry-run
preview per bundle (refused ones in red with the reason, new devices to trust with their key),
then imports them with a progress bar; all the work runs off the Tk thread."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

UNTRUSTED = "BUNDLE_011"
# counts are narrow, but never narrower than their heading (the table widens them)
COLUMNS = (("file", N_("Bundle"), 220), ("who", N_("Technician"), 120),
           ("status", N_("Status"), 120), ("added", N_("Added"), 60),
           ("updated", N_("Updated"), 70), ("skipped", N_("Skipped"), 65),
           ("conflicts", N_("In conflict"), 75), ("reason", N_("Reason"), 200))


def register(shell: "Shell") -> None:
    shell.add_command(N_("Sync"), N_("Import bundles…"), lambda: open_sync_import(shell),
                      enabled=lambda: shell.db is not None)


class SyncImportDialog:
    """Bundles chosen, their preview, the import and its summary."""

    def __init__(self, shell: "Shell") -> None:
        self.shell = shell
        self.paths: list[Path] = []
        self.reports: list = []
        self.job = None
        self.imported = False
        dialog = self.dialog = Dialog(shell.root, _("Import bundles"), width=1180)
        body = dialog.body
        pick = ttk.Frame(body)
        pick.pack(fill="x")
        ttk.Button(pick, text=_("Choose bundles…"), bootstyle="secondary-outline",
                   command=self._choose_files).pack(side="left")
        ttk.Button(pick, text=_("Choose a folder…"), bootstyle="secondary-outline",
                   command=self._choose_folder).pack(side="left", padx=(PAD, 0))
        self.chosen = ttk.Label(pick, text=_("No bundles chosen yet."))
        self.chosen.pack(side="left", padx=(2 * PAD, 0))
        self.table = Table(body, COLUMNS, height=10, name="bundle-import", stretch="reason")
        self.table.frame.pack_configure(pady=(PAD, PAD // 2))
        self.table.tag_configure("refused", foreground="#c0392b")
        self.table.tag_configure("untrusted", foreground="#b9770e")
        self.trust = tk.BooleanVar(value=False)
        self.trust_check = ttk.Checkbutton(body, variable=self.trust, text=_(
            "Trust the new devices listed (check their key with the technician)"))
        footer = dialog.add_job_footer(body, _("Import"), self.start, wraplength=1100)
        self.footer, self.bar, self.status = footer, footer.bar, footer.status
        self.import_button = footer.start_button
        self.import_button.configure(state="disabled")
        dialog.show(self.import_button)

    # -- choosing --------------------------------------------------------------------------
    def _choose_files(self) -> None:
        from fieldapp.gui.filedialogs import ask_open_many

        chosen = ask_open_many(self.dialog.window, _("Bundles"), [(_("Bundles"), "*.zip")],
                               purpose="bundles")
        if chosen:
            self.choose([Path(p) for p in chosen])

    def _choose_folder(self) -> None:
        from fieldapp.gui.filedialogs import ask_folder

        chosen = ask_folder(self.dialog.window, _("Folder of bundles"), purpose="bundles")
        if chosen:
            self.choose([Path(chosen)])

    def choose(self, paths: list[Path]) -> None:
        """Take these files or folders and show what importing them would do."""
        from fieldapp.sync.importer import bundle_files

        try:
            self.paths = bundle_files(paths)
        except FieldappError as exc:
            self.status.configure(text=str(exc), bootstyle="danger")
            return
        self.imported = False
        self.chosen.configure(text=_("{n} bundles").format(n=len(self.paths)))
        self._run(dry_run=True)

    # -- the jobs --------------------------------------------------------------------------
    def _run(self, *, dry_run: bool) -> None:
        from fieldapp.gui.worker import run_in_background

        if self.job is not None:
            return
        db_path, files, trust = self.shell.db_path, list(self.paths), self.trust.get()

        progress = self.footer.report

        def work():
            from fieldapp.store import open_db
            from fieldapp.store.backups import backup_before_import
            from fieldapp.sync import ImportOptions, import_bundles

            db = open_db(db_path)  # a connection of this thread
            try:
                options = ImportOptions(trust=trust, dry_run=dry_run, expect="field",
                                        progress=progress,
                                        before_import=backup_before_import)
                return import_bundles(db, files, options)
            finally:
                db.conn.close()

        self.import_button.configure(state="disabled")
        self.status.configure(text=_("Checking the bundles…") if dry_run
                              else _("Importing…"), bootstyle="default")
        self.job = run_in_background(self.dialog.window, work,
                                     lambda reports: self._finished(reports, dry_run),
                                     on_error=self._failed)
        self.footer.follow(lambda: self.job is not None and self.dialog.alive)

    def start(self) -> None:
        """Import the chosen bundles (after their preview)."""
        if self.paths and not self.imported:
            self._run(dry_run=False)

    def _finished(self, reports: list, dry_run: bool) -> None:
        self.job = None
        self.reports = reports
        if not self.dialog.alive:
            return
        self.bar.configure(value=100)
        self._fill(reports)
        untrusted = [r for r in reports if r.error is not None and r.error.code == UNTRUSTED]
        if dry_run and untrusted:
            self.trust_check.pack(anchor="w", before=self.bar)
        refused = sum(1 for r in reports if r.refused)
        if dry_run:
            self.import_button.configure(state="normal")
            text = _("Preview: nothing was written yet. {ok} bundles can be imported,"
                     " {refused} would be refused.").format(ok=len(reports) - refused,
                                                           refused=refused)
        else:
            self.imported = True
            self.shell_refresh()
            text = _("Imported: {added} submissions added, {updated} updated, {conflicts} in"
                     " conflict; {refused} bundles refused.").format(
                added=sum(r.added for r in reports), updated=sum(r.updated for r in reports),
                conflicts=sum(r.conflicts for r in reports), refused=refused)
        self.status.configure(text=text, bootstyle="danger" if refused else "success")

    def shell_refresh(self) -> None:
        """Show what arrived on the home screen (unless a form is open)."""
        if self.shell.form_view is None:
            self.shell.show_home()

    def _fill(self, reports: list) -> None:
        from fieldapp.sync.results import ALREADY, IMPORTED, PREVIEW

        statuses = {IMPORTED: _("imported"), ALREADY: _("already imported"),
                    PREVIEW: _("can be imported")}
        self.table.clear()
        for report in reports:
            if report.refused:
                untrusted = report.error is not None and report.error.code == UNTRUSTED
                status = _("new device") if untrusted else _("refused")
                reason = report.error.message if report.error else ""
                if untrusted:
                    reason += " " + _("Key: {fingerprint}").format(fingerprint=report.fingerprint)
                tags = ("untrusted",) if untrusted else ("refused",)
            else:
                status, reason, tags = statuses.get(report.status, report.status), "", ()
            self.table.insert("", "end", tags=tags, values=(
                report.file.name, report.technician, status, report.added, report.updated,
                report.skipped, report.conflicts, reason))

    def _failed(self, error: BaseException) -> None:
        self.job = None
        if not self.dialog.alive:
            return
        if isinstance(error, FieldappError):
            self.status.configure(text=str(error), bootstyle="danger")
        else:
            self.dialog.window.winfo_toplevel().report_callback_exception(
                type(error), error, error.__traceback__)


def open_sync_import(shell: "Shell") -> SyncImportDialog:
    """Open the Import bundles dialog."""
    return SyncImportDialog(shell)
