"""My drafts: every unfinished submission of this laptop's technician, across organizations
and rounds, newest first; opening one resumes it where it was left."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import formatting
from fieldapp.formatting import list_time, short_title
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets import variables
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell


def register(shell: "Shell") -> None:
    shell.add_command(N_("File"), N_("My drafts"), lambda: open_drafts(shell))


def open_drafts(shell: "Shell") -> Dialog:
    """The drafts, by default only the technician's own; Continue opens the chosen one."""
    from fieldapp.gui.opening import open_submission
    from fieldapp.registry import available_forms
    from fieldapp.store.orgs import list_organizations
    from fieldapp.store.rounds import list_rounds
    from fieldapp.store.submissions import list_submissions

    me = shell.identity.technician if shell.identity else ""
    orgs = {o.id: o.name for o in list_organizations(shell.db)}
    rounds = {r.id: r.name for r in list_rounds(shell.db)}
    titles = {str(f["form_id"]): short_title(str(f["form_id"]), str(f["title"]))
              for f in available_forms(shell.db)}
    drafts = sorted(list_submissions(shell.db, status="draft"), key=lambda s: s.updated_at,
                    reverse=True)
    dialog = Dialog(shell.root, _("My drafts"), width=1100)
    only_mine = variables.BooleanVar(value=True)
    count = ttk.Label(dialog.body, text="", bootstyle="secondary")
    count.pack(anchor="w")
    ttk.Checkbutton(dialog.body, text=_("Only mine ({name})").format(name=me),
                    variable=only_mine, command=lambda: fill()).pack(anchor="w", pady=PAD)
    table = Table(dialog.body, (("org", N_("Organization"), 320), ("round", N_("Round"), 140),
                                ("form", N_("Form"), 170), ("who", N_("Respondent"), 170),
                                ("updated", N_("Last change"), 175),
                                ("by", N_("Technician"), 130)),
                  height=14, name="drafts")

    def fill() -> None:
        table.clear()
        shown = [d for d in drafts if not only_mine.get() or d.technician == me]
        for sub in shown:
            table.add(sub.uuid, (orgs.get(sub.org_id, sub.org_id),
                                 rounds.get(sub.round_id, sub.round_id),
                                 titles.get(sub.form_id, sub.form_id),
                                 sub.respondent or "", list_time(sub.updated_at),
                                 sub.technician))
        count.configure(text=_("{n} drafts not yet finalized.").format(
            n=formatting.integer(len(shown))) if shown else _("No drafts: everything is "
                                                               "finalized."))
        children = table.get_children()
        if children:
            table.selection_set(children[0])
            table.focus(children[0])
        resume.configure(state="normal" if children else "disabled")

    def open_chosen() -> None:
        picked = table.selection()
        sub = next((d for d in drafts if picked and d.uuid == picked[0]), None)
        if sub is None:
            return
        dialog.close()
        shell.home_choice = (sub.org_id, sub.round_id)
        parts = [orgs.get(sub.org_id, sub.org_id), rounds.get(sub.round_id, sub.round_id)]
        if sub.respondent:
            parts.append(sub.respondent)
        open_submission(shell, sub.uuid, subtitle=" · ".join(parts))

    table.bind("<Double-1>", lambda e: open_chosen())
    table.bind("<Return>", lambda e: open_chosen())
    dialog.add_button(_("Close"), dialog.close, bootstyle="secondary-outline")
    resume = dialog.add_button(_("Continue"), open_chosen, bootstyle="primary")
    dialog.table, dialog.resume_button, dialog.only_mine = table, resume, only_mine  # type: ignore
    fill()
    return dialog.show(table)
