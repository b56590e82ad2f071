"""The home screen: organizations (searchable), rounds, and the chosen organization's
submissions by form and round, with the buttons to start, continue, view, reopen or delete."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import formatting
from fieldapp.formatting import list_time, short_title, start_label
from fieldapp.gui.opening import open_submission, preview_workbook, start_submission
from fieldapp.gui.dialogs import ask_confirm, ask_text
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.select import fold
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell


def register(shell: "Shell") -> None:
    shell.add_command(N_("File"), N_("Add a form…"), lambda: _add_workbook(shell))
    shell.add_command(N_("File"), N_("Try a form workbook…"), lambda: _try_workbook(shell))


def _add_workbook(shell: "Shell") -> None:
    """Check a coordinator's workbook (in a worker: pyxform is slow) and register it."""
    from fieldapp.forms.loader import read_workbook
    from fieldapp.forms.workbooks import open_workbook
    from fieldapp.gui.dialogs import show_message
    from fieldapp.gui.worker import Busy, run_in_background
    from fieldapp.registry import add_form, title_of

    from fieldapp.gui.filedialogs import ask_open

    chosen = ask_open(shell.root, _("Add a form"), [(_("XLSForm workbooks"), "*.xlsx *.xls")],
                      purpose="forms")
    if not chosen:
        return

    def check() -> bytes:
        data = read_workbook(Path(chosen))
        open_workbook(Path(chosen), data)
        return data

    def checked(data: bytes) -> None:
        # the bytes checked are the bytes stored; checked already: only the registration
        form = add_form(shell.db, Path(chosen), data)
        show_message(shell.root, _("Form added"),
                     _("“{title}” (version {version}) can now be filled in.").format(
                         title=title_of(form, None), version=form.version or "1"))
        if isinstance(shell.screen, Home):
            shell.show_home()

    run_in_background(shell.root, check, checked,
                      busy=Busy(shell.main, lambda: _("Checking the form…")))


def _try_workbook(shell: "Shell") -> None:
    from fieldapp.gui.filedialogs import ask_open

    chosen = ask_open(shell.root, _("Try a form workbook"),
                      [(_("XLSForm workbooks"), "*.xlsx *.xls")], purpose="forms")
    if chosen:
        preview_workbook(shell, chosen)


HOME_CHOICE = "home_choice"  # setting: "org id<TAB>round id" last chosen on home

# Short names for the organization list, where the full ones do not fit
SHORT_TYPES = {
    "spo": N_("SPO"),
    "cooperative": N_("Cooperative"),
    "workers_association": N_("Workers' assoc."),
    "second_level": N_("2nd-level org."),
}


class Home(ttk.Frame):
    """Organizations on the left; the chosen one's submissions on the right."""

    def __init__(self, parent: tk.Misc, shell: "Shell") -> None:
        super().__init__(parent, padding=2 * PAD)
        self.shell = shell
        self.orgs = []
        self.rounds = []
        self.forms = []
        self.submissions = []
        self._build()
        self.load()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        head = ttk.Frame(self)
        head.pack(fill="x", pady=(0, 2 * PAD))
        ttk.Label(head, text="fieldapp", font="FieldappTitle",
                  bootstyle="primary").pack(side="left")
        self.who = ttk.Label(head, text="", bootstyle="secondary")
        self.who.pack(side="left", padx=3 * PAD)
        from fieldapp.gui.drafts import open_drafts
        from fieldapp.gui.orgs import open_organizations
        from fieldapp.gui.rounds import open_rounds
        from fieldapp.gui.settings import open_settings

        self.settings_button = ttk.Button(head, text=_("Settings…"),
                                          bootstyle="secondary-outline",
                                          command=lambda: open_settings(self.shell))
        self.settings_button.pack(side="right")
        self.rounds_button = ttk.Button(head, text=_("Rounds…"), bootstyle="secondary-outline",
                                        command=lambda: open_rounds(self.shell))
        self.rounds_button.pack(side="right", padx=(0, PAD))
        self.orgs_button = ttk.Button(head, text=_("Organizations…"),
                                      bootstyle="secondary-outline",
                                      command=lambda: open_organizations(self.shell))
        self.orgs_button.pack(side="right", padx=(0, PAD))
        self.drafts_button = ttk.Button(head, text=_("My drafts"), bootstyle="primary-outline",
                                        command=lambda: open_drafts(self.shell))
        self.drafts_button.pack(side="right", padx=(0, PAD))
        if self.shell.in_demo:
            self.demo_note = ttk.Label(
                self, text=_("Demo data: fictional organizations and submissions. "
                             "File → Back to my data returns to your own database."),
                bootstyle="inverse-warning", padding=PAD)
            self.demo_note.pack(fill="x", pady=(0, PAD), before=head)

        panes = ttk.Frame(self)
        panes.pack(fill="both", expand=True)
        # long cooperative names need as much room as the submissions
        panes.columnconfigure(0, weight=1, uniform="panes")
        panes.columnconfigure(1, weight=1, uniform="panes")
        panes.rowconfigure(0, weight=1)

        left = ttk.Frame(panes, padding=(0, 0, 2 * PAD, 0))
        left.grid(row=0, column=0, sticky="nsew")
        ttk.Label(left, text=_("Organizations"), font="FieldappHeading").pack(anchor="w")
        search = ttk.Frame(left)
        search.pack(fill="x", pady=PAD)
        ttk.Label(search, text=_("Search")).pack(side="left")
        self.search = ttk.Entry(search)
        self.search.pack(side="left", fill="x", expand=True, padx=(PAD, 0))
        self.search.bind("<KeyRelease>", lambda e: self._fill_orgs())
        self.search.bind("<Down>", lambda e: self._focus_first_org())
        # country and type whole in every language ("República Dominicana", "Org. de 2º
        # grau"); names take the rest and shorten in the middle
        self.org_tree = self._tree(left, (("name", N_("Name"), 280),
                                          ("country", N_("Country"), 185),
                                          ("type", N_("Type"), 170)), "home_orgs")
        self.org_tree.bind("<<TreeviewSelect>>", lambda e: self._org_chosen())
        self.empty_hint = ttk.Label(left, text="", bootstyle="secondary", wraplength=440,
                                    justify="left")
        self.empty_hint.pack(anchor="w", pady=PAD)

        right = ttk.Frame(panes)
        right.grid(row=0, column=1, sticky="nsew")
        self.org_title = ttk.Label(right, text="", font="FieldappHeading")
        self.org_title.pack(anchor="w")
        self.org_detail = ttk.Label(right, text="", bootstyle="secondary", wraplength=640,
                                    justify="left")
        self.org_detail.pack(anchor="w", fill="x")
        self.org_detail.bind("<Configure>", lambda e: self.org_detail.configure(
            wraplength=max(e.width, 200)), add="+")
        rounds = ttk.Frame(right)
        rounds.pack(fill="x", pady=PAD)
        ttk.Label(rounds, text=_("Round")).pack(side="left")
        self.round_box = ttk.Combobox(rounds, state="readonly", width=22)
        self.round_box.pack(side="left", padx=PAD)
        self.round_box.bind("<<ComboboxSelected>>", lambda e: self._fill_submissions())
        self.print_button = ttk.Button(rounds, text=_("Print feedback report…"),
                                       bootstyle="info-outline", command=self.print_report)
        self.print_button.pack(side="right")
        self.start_bar = ttk.Frame(right)
        self.start_bar.pack(fill="x", pady=(0, PAD))
        actions = ttk.Frame(right)
        actions.pack(side="bottom", fill="x", pady=(PAD, 0))
        ttk.Label(right, text=_("Submissions of this organization in this round"),
                  font="FieldappBold").pack(anchor="w", pady=(PAD, 0))
        finder = ttk.Frame(right)
        finder.pack(fill="x", pady=(PAD, 0))
        ttk.Label(finder, text=_("Search")).pack(side="left")
        self.sub_search = ttk.Entry(finder)
        self.sub_search.pack(side="left", fill="x", expand=True, padx=(PAD, 0))
        self.sub_search.bind("<KeyRelease>", lambda e: self._search_soon())
        self.sub_count = ttk.Label(finder, text="", bootstyle="secondary")
        self.sub_count.pack(side="left", padx=(PAD, 0))
        # at 1366 px the pane has about 645 pixels: the columns add up to that
        self.sub_tree = self._tree(right, (("form", N_("Form"), 155),
                                           ("who", N_("Respondent"), 115),
                                           ("status", N_("Status"), 95),
                                           ("updated", N_("Last change"), 140),
                                           ("by", N_("Technician"), 120)), "home_submissions",
                                   stretch="who")
        success = str(self.winfo_toplevel().style.colors.success)
        self.sub_tree.tag_configure("final", foreground=success)
        self.sub_tree.bind("<<TreeviewSelect>>", lambda e: self._update_buttons())
        self._page = None  # the last page of submissions loaded
        self._search_job = None
        self._when: dict[str, str] = {}  # formatted times: this screen's language is fixed
        self._loading = False
        scroll = str(self.sub_tree.cget("yscrollcommand"))

        def scrolled(first: str, last: str) -> None:
            self.sub_tree.tk.call(scroll, first, last)
            if float(last) >= 0.95 and self._page is not None and self._page.more \
                    and not self._loading:
                self._loading = True
                self.after_idle(self._more_submissions)

        self.sub_tree.configure(yscrollcommand=scrolled)
        self.sub_tree.bind("<Double-1>", lambda e: self.open_selected())
        self.sub_tree.bind("<Return>", lambda e: self.open_selected())
        self.open_button = ttk.Button(actions, text=_("Continue"), bootstyle="primary",
                                      command=self.open_selected)
        self.open_button.pack(side="left")
        self.reopen_button = ttk.Button(actions, text=_("Reopen…"), bootstyle="warning-outline",
                                        command=self.reopen_selected)
        self.reopen_button.pack(side="left", padx=PAD)
        self.delete_button = ttk.Button(actions, text=_("Delete draft…"),
                                        bootstyle="danger-outline", command=self.delete_selected)
        self.delete_button.pack(side="right")
        self.history_button = ttk.Button(actions, text=_("History…"),
                                         bootstyle="secondary-outline",
                                         command=self.history_selected)
        self.history_button.pack(side="left")

    def _tree(self, parent: tk.Misc, columns, name: str, stretch: str | None = None) -> Table:
        """A list whose cells shorten in the middle with the full text in a tooltip, and
        whose column widths are remembered."""
        return Table(parent, columns, name=name, stretch=stretch)

    # -- data ---------------------------------------------------------------------------------
    def load(self) -> None:
        """Read organizations, rounds and forms from the store."""
        from fieldapp.registry import available_forms
        from fieldapp.store.orgs import list_organizations
        from fieldapp.store.rounds import list_rounds

        db = self.shell.db
        identity = self.shell.identity
        self.who.configure(text=_("Technician: {name}").format(name=identity.technician)
                           if identity and identity.technician else "")
        self.orgs = sorted(list_organizations(db), key=lambda o: fold(o.name))
        self.rounds = sorted(list_rounds(db), key=lambda r: (r.year, r.id), reverse=True)
        self.forms = available_forms(db)
        names = [r.name + (" " + _("(baseline)") if r.is_baseline else "") for r in self.rounds]
        self.round_box.configure(values=names)
        if self.rounds:
            self.round_box.current(0)
        self._build_start_buttons()
        self._fill_orgs()
        if not self.orgs:
            self.empty_hint.configure(text=_(
                "There are no organizations yet. Add them one by one or import a CSV file "
                "with Organizations… above. To look around first, File → Try with demo data "
                "opens a separate demo database."))
        elif not self.rounds:
            self.empty_hint.configure(text=_(
                "There are no rounds yet. Add one with Rounds… above."))
        else:
            self.empty_hint.configure(text="")
        remembered = getattr(self.shell, "home_choice", None) or _remembered(db)
        if remembered:
            org_id, round_id = remembered
            if self.org_tree.exists(org_id):
                self.org_tree.selection_set(org_id)
                self.org_tree.see(org_id)
            index = next((i for i, r in enumerate(self.rounds) if r.id == round_id), None)
            if index is not None:
                self.round_box.current(index)
        self._focus_first_org(select_only=True)

    def _remember(self) -> None:
        """Keep the organization and round for when the technician comes back from a form."""
        org, round_ = self.selected_org(), self.selected_round()
        if org is not None and round_ is not None and \
                self.shell.home_choice != (org.id, round_.id):
            from fieldapp.store.identity import set_setting

            self.shell.home_choice = (org.id, round_.id)
            set_setting(self.shell.db, HOME_CHOICE, f"{org.id}\t{round_.id}")

    def _build_start_buttons(self) -> None:
        for child in self.start_bar.winfo_children():
            child.destroy()
        self.start_buttons = {}
        for info in self.forms:
            form_id = str(info["form_id"])
            label = start_label(form_id, str(info["title"]))
            button = ttk.Button(self.start_bar, text=label, bootstyle="success",
                                command=lambda f=form_id: self.start(f))
            button.pack(side="left", padx=(0, PAD))
            self.start_buttons[form_id] = button

    def _fill_orgs(self) -> None:
        typed = fold(self.search.get().strip())
        from fieldapp.store.orgs import ORG_TYPES

        selected = self.selected_org()
        self.org_tree.delete(*self.org_tree.get_children())
        for org in self.orgs:
            country = formatting.country_name(org.country)
            kind = _(ORG_TYPES.get(org.type, org.type)) if org.type else ""
            haystack = fold(" ".join([org.name, org.id, country, org.country, org.products, kind]))
            kind = _(SHORT_TYPES[org.type]) if org.type in SHORT_TYPES else kind
            if typed and typed not in haystack:
                continue
            self.org_tree.insert("", "end", iid=org.id, values=(org.name, country, kind))
        if selected and self.org_tree.exists(selected.id):
            self.org_tree.selection_set(selected.id)

    def _focus_first_org(self, select_only: bool = False) -> None:
        children = self.org_tree.get_children()
        if children:
            if not self.org_tree.selection():
                self.org_tree.selection_set(children[0])
            self.org_tree.focus(self.org_tree.selection()[0])
            if not select_only:
                self.org_tree.focus_set()

    def selected_org(self):
        picked = self.org_tree.selection() if hasattr(self, "org_tree") else ()
        return next((o for o in self.orgs if picked and o.id == picked[0]), None)

    def selected_round(self):
        index = self.round_box.current()
        return self.rounds[index] if 0 <= index < len(self.rounds) else None

    def _org_chosen(self) -> None:
        org = self.selected_org()
        if org is None:
            return
        self.org_title.configure(text=org.name)
        from fieldapp.store.orgs import ORG_TYPES

        parts = [formatting.country_name(org.country)]
        if org.type in ORG_TYPES:
            parts.append(_(ORG_TYPES[org.type]))
        if org.products:
            parts.append(org.products)
        if org.members_total:
            parts.append(_("{n} members").format(n=formatting.integer(org.members_total)))
        self.org_detail.configure(text=" · ".join(parts))
        self._fill_submissions()

    def _fill_submissions(self) -> None:
        """Show the first page of the chosen organization's submissions in the chosen round;
        later pages come as the list is scrolled to its end (``_more_submissions``)."""
        org, round_ = self.selected_org(), self.selected_round()
        self._remember()
        self.sub_tree.delete(*self.sub_tree.get_children())
        self.submissions = []
        self._page = None
        self._more_submissions()
        for button in getattr(self, "start_buttons", {}).values():
            button.configure(state="normal" if org and round_ else "disabled")
        self._update_buttons()

    def _more_submissions(self) -> None:
        """Append the next page of submissions to the list."""
        from fieldapp.store.submission_list import submission_page

        self._loading = False
        org, round_ = self.selected_org(), self.selected_round()
        if org is None or round_ is None or (self._page is not None and not self._page.more):
            self.sub_count.configure(text="")
            return
        titles = {str(f["form_id"]): short_title(str(f["form_id"]), str(f["title"]))
                  for f in self.forms}
        # by form in the order of the start buttons (the assessment is not buried among the
        # survey's respondents), newest first
        self._page = submission_page(self.shell.db, org=org.id, round=round_.id,
                                     form_order=list(titles), search=self.sub_search.get(),
                                     offset=len(self.submissions))
        for sub in self._page.rows:
            self.sub_tree.insert("", "end", iid=sub.uuid, tags=(sub.status,), values=(
                titles.get(sub.form_id, sub.form_id), _respondent(sub, org),
                formatting.status_label(sub.status), self._format_when(sub.updated_at),
                sub.technician))
        self.submissions.extend(self._page.rows)
        total = self._page.total
        self.sub_count.configure(text=_("{shown} of {total}").format(
            shown=formatting.integer(len(self.submissions)), total=formatting.integer(total))
            if total > len(self.submissions) else "")

    def _format_when(self, stamp: str) -> str:
        if stamp not in self._when:
            self._when[stamp] = list_time(stamp)
        return self._when[stamp]

    def _search_soon(self) -> None:
        """Search the submissions once typing pauses (each search is a query)."""
        if self._search_job is not None:
            self.after_cancel(self._search_job)
        self._search_job = self.after(150, self._search_now)

    def _search_now(self) -> None:
        self._search_job = None
        self._fill_submissions()

    def selected_submission(self):
        picked = self.sub_tree.selection()
        return next((s for s in self.submissions if picked and s.uuid == picked[0]), None)

    def _update_buttons(self) -> None:
        sub = self.selected_submission()
        final = sub is not None and sub.status == "final"
        self.open_button.configure(state="normal" if sub else "disabled",
                                   text=_("View") if final else _("Continue"))
        self.reopen_button.configure(state="normal" if final else "disabled")
        self.delete_button.configure(state="normal" if sub and not final else "disabled")
        self.history_button.configure(state="normal" if sub else "disabled")

    # -- actions ------------------------------------------------------------------------------
    def start(self, form_id: str) -> None:
        org, round_ = self.selected_org(), self.selected_round()
        if org is None or round_ is None:
            return
        start_submission(self.shell, form_id, org, round_)

    def print_report(self) -> None:
        """The feedback report of the organization chosen, for the round chosen."""
        from fieldapp.gui.reports import print_feedback_report

        org, round_ = self.selected_org(), self.selected_round()
        if org is not None and round_ is not None:
            print_feedback_report(self.shell, org.id, round_.id)

    def open_selected(self) -> None:
        sub = self.selected_submission()
        if sub is not None:
            open_submission(self.shell, sub.uuid, subtitle=self._subtitle(sub))

    def _subtitle(self, sub) -> str:
        org, round_ = self.selected_org(), self.selected_round()
        parts = [org.name if org else sub.org_id, round_.name if round_ else sub.round_id]
        if sub.respondent:  # without the organization's name the header already shows
            parts.append(_respondent(sub, org))
        return " · ".join(parts)

    def reopen_selected(self) -> None:
        sub = self.selected_submission()
        if sub is None or sub.status != "final":
            return
        subtitle = self._subtitle(sub)

        def reopen(reason: str) -> None:
            open_submission(self.shell, sub.uuid, subtitle=subtitle, reopen_reason=reason)

        ask_text(self, _("Reopen the submission"),
                 _("Why does this final submission need changes? The reason is recorded with "
                   "your name."), reopen, ok=_("Reopen"))

    def history_selected(self) -> None:
        from fieldapp.gui.history import show_history

        sub = self.selected_submission()
        if sub is not None:
            show_history(self.shell, sub.uuid, self._subtitle(sub))

    def delete_selected(self) -> None:
        from fieldapp.store.submissions import delete_draft

        sub = self.selected_submission()
        if sub is None or sub.status == "final":
            return

        def delete() -> None:
            delete_draft(self.shell.db, sub.uuid)
            self._fill_submissions()

        ask_confirm(self, _("Delete draft"), _("Delete this draft and all its answers? The "
                                                "deletion is recorded."),
                    delete, yes=_("Delete"), danger=True)


def _remembered(db) -> tuple[str, str] | None:
    """The organization and round chosen when the app was last used (kept in the database)."""
    from fieldapp.store.identity import get_setting

    value = get_setting(db, HOME_CHOICE) or ""
    org_id, tab, round_id = value.partition("\t")
    return (org_id, round_id) if tab else None


def _respondent(sub, org) -> str:
    """Who or what a submission is about, without the organization's name the list already
    shows (instance names often start with it)."""
    who = sub.respondent or sub.uuid[:8]
    if org is not None:
        for dash in (" – ", " - ", ": "):
            if who.startswith(org.name + dash) and len(who) > len(org.name + dash):
                return who[len(org.name + dash):]
    return who
