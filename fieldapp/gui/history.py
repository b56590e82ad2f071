"""A submission's history, read from the audit log: who changed which answer from what to
what, when it was finalized, and why it was reopened."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import formatting, i18n
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.tables import Table
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

# audit actions in words (other actions, such as a sync's, show as they are stored)
ACTIONS = {
    "create": N_("created"),
    "set": N_("answer changed"),
    "finalize": N_("finalized"),
    "reopen": N_("reopened"),
    "delete": N_("draft deleted"),
}


def action_label(action: str) -> str:
    return _(ACTIONS[action]) if action in ACTIONS else action


def show_history(shell: "Shell", uuid: str, subtitle: str = "") -> Dialog:
    """The audit trail of one submission, newest first, in a table."""
    from fieldapp.capture.trail import submission_trail

    trail = submission_trail(shell.db, uuid, i18n.current_language())
    dialog = Dialog(shell.root, _("History of the submission"), width=1180)
    if subtitle:
        ttk.Label(dialog.body, text=subtitle, font="FieldappBold").pack(anchor="w")
    reopens = [row for row in trail if row.entry.action == "reopen"]
    summary = ngettext("{n} change recorded.", "{n} changes recorded.", len(trail)).format(
        n=formatting.integer(len(trail)))
    if reopens:
        summary += " " + ngettext("Reopened once; the reason is in the Note column.",
                                  "Reopened {n} times; the reasons are in the Note column.",
                                  len(reopens)).format(n=formatting.integer(len(reopens)))
    dialog.summary = ttk.Label(dialog.body, text=summary,  # type: ignore[attr-defined]
                               bootstyle="secondary")
    dialog.summary.pack(anchor="w", pady=(0, PAD))  # type: ignore[attr-defined]
    # questions are sentences: they take the room the short columns leave
    table = Table(dialog.body, (("when", N_("When"), 120), ("who", N_("Technician"), 130),
                                ("action", N_("What"), 175), ("field", N_("Question"), 300),
                                ("old", N_("Before"), 130), ("new", N_("After"), 150),
                                ("note", N_("Note"), 160)),
                  height=16, name="history", stretch="field")
    for row in reversed(trail):
        entry = row.entry
        tags = ("reopen",) if entry.action == "reopen" else ()
        table.add(str(entry.id), (formatting.list_time(entry.at), entry.technician,
                                  action_label(entry.action), row.question, row.old, row.new,
                                  entry.note or ""), tags)
    # a reopening stands out in the primary color (yellow on white would not be read)
    table.tag_configure("reopen", foreground=str(dialog.window.style.colors.primary))
    dialog.add_button(_("Close"), dialog.close, bootstyle="primary", default=True)
    dialog.table = table  # type: ignore[attr-defined]
    return dialog.show(table)
