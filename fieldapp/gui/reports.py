"""The Reports screen (feedback reports for the organizations chosen, or the network report;
round, baseline, language, paper; a batch with a progress bar and Cancel) and "Print feedback
report" for one organization from the home screen."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import ttkbootstrap as ttk

from fieldapp.gui.dialogs import Dialog, show_message
from fieldapp.gui.filedialogs import ask_folder, ask_open, ask_save, documents_folder
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.gui.worker import Busy, run_in_background
from fieldapp.i18n import LANGUAGES, N_, _, current_language

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

LANGUAGE_NAMES = {"es": "Español", "en": "English", "pt": "Português"}
PAPER_NAMES = {"a4": "A4", "letter": "Letter"}


def register(shell: "Shell") -> None:
    shell.add_command(N_("File"), N_("Reports…"), lambda: show_reports(shell))


def show_reports(shell: "Shell") -> "ReportsScreen":
    screen = ReportsScreen(shell.main, shell)
    shell.show_screen(screen, _("Reports"))
    return screen


def open_in_system(path: Path) -> None:
    """Open a file or folder with the desktop's own program (a PDF viewer, the file manager)."""
    if sys.platform.startswith("win"):
        os.startfile(str(path))  # type: ignore[attr-defined]  # Windows only
    elif sys.platform == "darwin":
        subprocess.Popen(["open", str(path)])
    else:
        subprocess.Popen(["xdg-open", str(path)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)


class ReportJob:
    """A batch running in a worker thread: its progress is read on the Tk thread, and
    ``cancel()`` stops it between two reports."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class ReportsScreen(ttk.Frame):
    """Choose what to print and make the PDFs."""

    def __init__(self, parent: tk.Misc, shell: "Shell") -> None:
        super().__init__(parent, padding=2 * PAD)
        self.shell = shell
        self.job: ReportJob | None = None
        self.last_pdf: Path | None = None
        self._build()
        self._load()

    def _build(self) -> None:
        head = ttk.Frame(self)
        head.pack(fill="x", pady=(0, 2 * PAD))
        ttk.Label(head, text=_("Reports"), font="FieldappTitle",
                  bootstyle="primary").pack(side="left")
        ttk.Button(head, text=_("Back"), bootstyle="secondary-outline",
                   command=self.shell.show_home).pack(side="right")
        panes = ttk.Frame(self)
        panes.pack(fill="both", expand=True)
        panes.columnconfigure(0, weight=1, uniform="p")
        panes.columnconfigure(1, weight=1, uniform="p")
        panes.rowconfigure(0, weight=1)

        left = ttk.Frame(panes, padding=(0, 0, 2 * PAD, 0))
        left.grid(row=0, column=0, sticky="nsew")
        ttk.Label(left, text=_("Organizations to include"),
                  font="FieldappHeading").pack(anchor="w")
        picks = ttk.Frame(left)
        picks.pack(fill="x", pady=PAD)
        ttk.Button(picks, text=_("All"), bootstyle="secondary-outline",
                   command=self.select_all).pack(side="left")
        ttk.Button(picks, text=_("None"), bootstyle="secondary-outline",
                   command=lambda: self.orgs.selection_set(())).pack(side="left", padx=PAD)
        self.orgs = Table(left, (("name", N_("Name"), 320), ("country", N_("Country"), 180)),
                          name="report-orgs", selectmode="extended")

        right = ttk.Frame(panes)
        right.grid(row=0, column=1, sticky="nsew")
        right.columnconfigure(1, weight=1)
        self.kind = tk.StringVar(value="coop")
        ttk.Radiobutton(right, text=_("Feedback report for each organization chosen"),
                        variable=self.kind, value="coop").grid(row=0, column=0, columnspan=3,
                                                               sticky="w")
        ttk.Radiobutton(right, text=_("Network indicator report"), variable=self.kind,
                        value="network").grid(row=1, column=0, columnspan=3, sticky="w",
                                              pady=(0, 2 * PAD))
        self.round_box = self._combo(right, 2, _("Round"))
        self.baseline_box = self._combo(right, 3, _("Compared with"))
        self.country_box = self._combo(right, 4, _("Country (network report)"))
        self.lang_box = self._combo(right, 5, _("Language"))
        self.paper_box = self._combo(right, 6, _("Paper"))
        ttk.Label(right, text=_("Save in")).grid(row=7, column=0, sticky="w", pady=PAD)
        self.folder = ttk.Entry(right)
        self.folder.grid(row=7, column=1, sticky="ew", padx=PAD)
        self.folder_button = ttk.Button(right, text=_("Choose…"), bootstyle="secondary-outline",
                                        command=self._choose_folder)
        self.folder_button.grid(row=7, column=2, sticky="e")
        ttk.Label(right, text=_("Logo on the cover")).grid(row=8, column=0, sticky="w")
        self.logo = ttk.Entry(right)
        self.logo.grid(row=8, column=1, sticky="ew", padx=PAD)
        self.logo_button = ttk.Button(right, text=_("Choose…"), bootstyle="secondary-outline",
                                      command=self._choose_logo)
        self.logo_button.grid(row=8, column=2, sticky="e")
        self.make_button = ttk.Button(right, text=_("Make the reports"), bootstyle="primary",
                                      command=self.start)
        self.make_button.grid(row=9, column=0, columnspan=3, sticky="w", pady=2 * PAD)
        self.bar = ttk.Progressbar(right, mode="determinate", maximum=100)
        self.bar.grid(row=10, column=0, columnspan=2, sticky="ew")
        self.cancel_button = ttk.Button(right, text=_("Cancel"), bootstyle="danger-outline",
                                        command=self.cancel, state="disabled")
        self.cancel_button.grid(row=10, column=2, sticky="e", padx=(PAD, 0))
        self.status = ttk.Label(right, text="", wraplength=520, justify="left")
        self.status.grid(row=11, column=0, columnspan=3, sticky="w", pady=PAD)
        opens = ttk.Frame(right)
        opens.grid(row=12, column=0, columnspan=3, sticky="w")
        self.open_pdf_button = ttk.Button(opens, text=_("Open the PDF"), state="disabled",
                                          command=lambda: self.last_pdf and open_in_system(
                                              self.last_pdf))
        self.open_pdf_button.pack(side="left")
        self.open_folder_button = ttk.Button(opens, text=_("Open the folder"),
                                             state="disabled", bootstyle="secondary",
                                             command=lambda: open_in_system(self.out_dir()))
        self.open_folder_button.pack(side="left", padx=PAD)

    def _combo(self, parent: tk.Misc, row: int, label: str) -> ttk.Combobox:
        ttk.Label(parent, text=label).grid(row=row, column=0, sticky="w", pady=PAD / 2)
        box = ttk.Combobox(parent, state="readonly", width=30)
        box.grid(row=row, column=1, columnspan=2, sticky="ew", padx=PAD, pady=PAD / 2)
        return box

    def _load(self) -> None:
        from fieldapp import formatting
        from fieldapp.reports.preferences import get_preferences
        from fieldapp.store.orgs import list_organizations
        from fieldapp.store.rounds import list_rounds

        db = self.shell.db
        lang = current_language()
        self.org_list = sorted(list_organizations(db), key=lambda o: o.name.lower())
        for org in self.org_list:
            self.orgs.add(org.id, (org.name, formatting.country_name(org.country, lang)))
        self.select_all()
        self.rounds = sorted(list_rounds(db), key=lambda r: (r.year, r.id), reverse=True)
        self.round_box.configure(values=[r.name for r in self.rounds])
        self.baseline_box.configure(values=[_("(none)")] + [r.name for r in self.rounds])
        if self.rounds:
            self.round_box.current(0)
            base = next((i for i, r in enumerate(self.rounds) if r.is_baseline), None)
            self.baseline_box.current(0 if base is None else base + 1)
        self.countries = sorted({o.country for o in self.org_list})
        self.country_box.configure(values=[_("All countries")] + [
            formatting.country_name(c, lang) for c in self.countries])
        self.country_box.current(0)
        self.lang_box.configure(values=[LANGUAGE_NAMES[code] for code in LANGUAGES])
        self.lang_box.current(LANGUAGES.index(lang) if lang in LANGUAGES else 0)
        prefs = get_preferences(db)
        self.paper_box.configure(values=list(PAPER_NAMES.values()))
        self.paper_box.current(list(PAPER_NAMES).index(prefs.paper))
        self.folder.insert(0, str(documents_folder() / "fieldapp-reports"))
        self.logo.insert(0, prefs.logo or "")

    # -- choices ------------------------------------------------------------------------------
    def select_all(self) -> None:
        self.orgs.selection_set(self.orgs.get_children())

    def _choose_folder(self) -> None:
        chosen = ask_folder(self, _("Save in"), purpose="reports",
                            initialdir=self.folder.get().strip() or None)
        if chosen:
            self.folder.delete(0, "end")
            self.folder.insert(0, chosen)

    def _choose_logo(self) -> None:
        chosen = ask_open(self, _("Logo on the cover"), [(_("Images"), "*.png *.jpg *.jpeg")],
                          purpose="logo", initialdir=self.logo.get().strip() or None)
        if chosen:
            self.logo.delete(0, "end")
            self.logo.insert(0, chosen)

    def out_dir(self) -> Path:
        return Path(self.folder.get().strip() or documents_folder()).expanduser()

    def chosen(self) -> dict:
        """What the form says, as the arguments of the report functions."""
        round_ = self.rounds[self.round_box.current()] if self.rounds else None
        base_index = self.baseline_box.current()
        country_index = self.country_box.current()
        return {
            "kind": self.kind.get(),
            "org_ids": list(self.orgs.selection()),
            "round_id": round_.id if round_ else None,
            "baseline_id": self.rounds[base_index - 1].id if base_index > 0 else None,
            "country": self.countries[country_index - 1] if country_index > 0 else None,
            "lang": LANGUAGES[max(0, self.lang_box.current())],
            "paper": list(PAPER_NAMES)[max(0, self.paper_box.current())],
        }

    # -- making the PDFs ------------------------------------------------------------------
    def start(self) -> None:
        from fieldapp.reports.preferences import get_preferences, set_preferences

        args = self.chosen()
        if args["round_id"] is None:
            show_message(self, _("Reports"), _("There are no rounds yet."))
            return
        if args["kind"] == "coop" and not args["org_ids"]:
            show_message(self, _("Reports"), _("Choose at least one organization."))
            return
        prefs = get_preferences(self.shell.db)
        prefs.paper = args["paper"]
        prefs.logo = self.logo.get().strip() or None
        set_preferences(self.shell.db, prefs)
        job = self.job = ReportJob()
        self.make_button.configure(state="disabled")
        self.cancel_button.configure(state="normal")
        self.open_pdf_button.configure(state="disabled")
        self.open_folder_button.configure(state="disabled")
        self.status.configure(text=_("Making the reports…"))
        self.bar.configure(value=0)
        work = _work(self.shell.db_path, self.out_dir(), args, prefs.logo, job)
        run_in_background(self, work, self._done, on_error=self._failed)
        self.after(150, self._follow)

    def _follow(self) -> None:
        job = self.job
        if job is None:
            return
        if job.total:
            self.bar.configure(value=100 * job.done / job.total)
            self.status.configure(text=_("Report {done} of {total}…").format(
                done=job.done, total=job.total))
        self.after(150, self._follow)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.configure(state="disabled")
            self.status.configure(text=_("Stopping after the report being written…"))

    def _finish(self) -> None:
        self.job = None
        self.make_button.configure(state="normal")
        self.cancel_button.configure(state="disabled")

    def _done(self, result) -> None:
        self._finish()
        written, skipped, cancelled = result
        self.bar.configure(value=100 if not cancelled else self.bar.cget("value"))
        lines = [_("{n} PDF written in {folder}.").format(n=len(written), folder=self.out_dir())]
        if cancelled:
            lines.insert(0, _("Cancelled."))
        for org, reason in skipped:
            lines.append(_("Skipped {org}: {reason}").format(org=org, reason=reason))
        self.status.configure(text="\n".join(lines))
        self.last_pdf = written[-1] if written else None
        self.open_pdf_button.configure(state="normal" if self.last_pdf else "disabled")
        self.open_folder_button.configure(state="normal" if written else "disabled")

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.status.configure(text="")
        self.winfo_toplevel().report_callback_exception(type(exc), exc, exc.__traceback__)


def _work(db_path: Path, out_dir: Path, args: dict, logo: str | None,
          job: ReportJob) -> Callable[[], tuple[list[Path], list[tuple[str, str]], bool]]:
    """The batch as a function for the worker thread (its own database connection)."""

    def run():
        from fieldapp.reports.batch import report_filename, write_coop_batch
        from fieldapp.reports.network import write_network_report
        from fieldapp.reports.sources import network_report
        from fieldapp.store import open_db

        db = open_db(db_path)  # its own connection: sqlite objects stay in their thread
        try:
            if args["kind"] == "network":
                job.progress(0, 1)
                out_dir.mkdir(parents=True, exist_ok=True)
                name = report_filename("network" if not args["country"] else args["country"],
                                       args["round_id"], args["lang"])
                path = out_dir / name
                content = network_report(db, args["round_id"], baseline_id=args["baseline_id"],
                                         country=args["country"], lang=args["lang"])
                write_network_report(content, path, lang=args["lang"], paper=args["paper"])
                job.progress(1, 1)
                return [path], [], False
            result = write_coop_batch(db, args["org_ids"], args["round_id"], out_dir,
                                      baseline_id=args["baseline_id"], lang=args["lang"],
                                      paper=args["paper"], logo=logo, progress=job.progress,
                                      cancelled=job.cancelled)
            return result.written, result.skipped, result.cancelled
        finally:
            db.conn.close()

    return run


def print_feedback_report(shell: "Shell", org_id: str, round_id: str) -> None:
    """Ask where to save the feedback report of one organization, write it off the Tk
    thread, then offer to open it."""
    from fieldapp.reports.batch import report_filename
    from fieldapp.reports.preferences import get_preferences

    lang = current_language()
    chosen = ask_save(shell.root, _("Print feedback report"), [(_("PDF documents"), "*.pdf")],
                      initialfile=report_filename(org_id, round_id, lang),
                      defaultextension=".pdf", purpose="reports")
    if not chosen:
        return
    path = Path(chosen)
    prefs = get_preferences(shell.db)

    def work() -> Path:
        from fieldapp.reports.coop import write_coop_report
        from fieldapp.reports.sources import coop_report
        from fieldapp.store import open_db

        db = open_db(shell.db_path)
        try:
            content = coop_report(db, org_id, round_id, lang=lang, logo=prefs.logo)
        finally:
            db.conn.close()
        write_coop_report(content, path, lang=lang, paper=prefs.paper)
        return path

    def done(written: Path) -> None:
        dialog = Dialog(shell.root, _("Print feedback report"))
        ttk.Label(dialog.body, text=_("The report is saved as {path}.").format(path=written),
                  wraplength=dialog.width - 4 * PAD, justify="left").pack(anchor="w", fill="x")
        dialog.add_button(_("Close"), dialog.close)
        dialog.add_button(_("Open the folder"), lambda: (open_in_system(written.parent),
                                                         dialog.close()))
        dialog.add_button(_("Open the PDF"), lambda: (open_in_system(written), dialog.close()),
                          bootstyle="primary", default=True)
        dialog.show()

    def failed(exc: BaseException) -> None:
        from fieldapp.errors import FieldappError

        if isinstance(exc, FieldappError):
            show_message(shell.root, _("Print feedback report"), str(exc), kind="error")
        else:
            shell.root.report_callback_exception(type(exc), exc, exc.__traceback__)

    run_in_background(shell.root, work, done, on_error=failed,
                      busy=Busy(shell.main, lambda: _("Writing the report…")))

