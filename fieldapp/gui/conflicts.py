"""Sync → Conflicts…: the copies of a submission edited on two laptops side by side, the
answers that differ highlighted; keep one copy, or choose field by field."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp import formatting, i18n
from fieldapp.errors import FieldappError
from fieldapp.gui.dialogs import Dialog
from fieldapp.gui.tables import fit_headings
from fieldapp.gui.theme import PAD
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.gui.app import Shell

LOCAL, INCOMING = "local", "incoming"


def register(shell: "Shell") -> None:
    shell.add_command(N_("Sync"), N_("Conflicts…"), lambda: open_conflicts(shell),
                      enabled=lambda: shell.db is not None)


class ConflictsDialog:
    """The open conflicts on the left, the chosen one's two copies on the right."""

    def __init__(self, shell: "Shell") -> None:
        self.shell = shell
        self.conflicts: list = []
        self.current = None
        self.choices: dict[str, str] = {}  # path → local/incoming, for the differing fields
        dialog = self.dialog = Dialog(shell.root, _("Conflicts"), width=1240)
        body = dialog.body
        panes = ttk.Frame(body)
        panes.pack(fill="both", expand=True)
        self.list = ttk.Treeview(panes, columns=("org", "who", "fields"), show="headings",
                                 height=16, selectmode="browse")
        for column, title, width in (("org", _("Organization"), 130),
                                     ("who", _("Copies"), 200), ("fields", _("Fields"), 60)):
            self.list.heading(column, text=title)
            self.list.column(column, width=width, stretch=False)
        fit_headings(self.list)
        self.list.pack(side="left", fill="y")
        self.list.bind("<<TreeviewSelect>>", lambda e: self._show())
        right = ttk.Frame(panes)
        right.pack(side="left", fill="both", expand=True, padx=(PAD, 0))
        self.heading = ttk.Label(right, text="", font="FieldappBold", wraplength=800,
                                 justify="left")
        self.heading.pack(anchor="w")
        self.sides = ttk.Treeview(right, columns=("field", LOCAL, INCOMING, "take"),
                                  show="headings", height=16)
        for column, title, width in (("field", _("Field"), 220), (LOCAL, _("Local copy"), 220),
                                     (INCOMING, _("Incoming copy"), 220),
                                     ("take", _("Keep"), 110)):
            self.sides.heading(column, text=title)
            self.sides.column(column, width=width, stretch=column != "take")
        fit_headings(self.sides)
        self.sides.tag_configure("differs", background="#fcf3cf")
        self.sides.pack(fill="both", expand=True, pady=(PAD // 2, 0))
        self.sides.bind("<Double-1>", lambda e: self.toggle(self.sides.focus()))
        ttk.Label(right, text=_("Double-click a highlighted field to take it from the other"
                                " copy."), bootstyle="secondary").pack(anchor="w")
        self.status = ttk.Label(body, text="", wraplength=1180, justify="left")
        self.status.pack(anchor="w", fill="x", pady=(PAD, 0))
        dialog.add_button(_("Close"), dialog.close, bootstyle="secondary-outline")
        self.fields_button = dialog.add_button(_("Keep the fields chosen"),
                                               lambda: self.resolve(None), bootstyle="primary")
        dialog.add_button(_("Keep the incoming copy"), lambda: self.resolve(INCOMING),
                          bootstyle="secondary")
        dialog.add_button(_("Keep the local copy"), lambda: self.resolve(LOCAL),
                          bootstyle="secondary")
        self.reload()
        dialog.show(self.list)

    def reload(self) -> None:
        from fieldapp.sync.conflicts import list_conflicts

        self.conflicts = list_conflicts(self.shell.db)
        self.list.delete(*self.list.get_children())
        for conflict in self.conflicts:
            who = f"{conflict.local.technician} / {conflict.incoming.technician}"
            self.list.insert("", "end", iid=conflict.id,
                             values=(conflict.org_id, who, len(conflict.differences)))
        if self.conflicts:
            self.list.selection_set(self.conflicts[0].id)
            self._show()
        else:
            self.current = None
            self.sides.delete(*self.sides.get_children())
            self.heading.configure(text=_("No conflicts: every submission has one copy."))

    def _show(self) -> None:
        selected = self.list.selection()
        found = [c for c in self.conflicts if selected and c.id == selected[0]]
        if not found:
            return
        conflict = self.current = found[0]
        self.choices = {d.path: LOCAL for d in conflict.differences}
        self.heading.configure(text=_(
            "{respondent} ({org}, {round}): local copy by {local} on {local_at}, incoming copy"
            " by {incoming} on {incoming_at}").format(
            respondent=conflict.respondent or conflict.uuid[:8], org=conflict.org_id,
            round=conflict.round_id, local=conflict.local.technician or "?",
            local_at=formatting.day(conflict.local.updated_at),
            incoming=conflict.incoming.technician or "?",
            incoming_at=formatting.day(conflict.incoming.updated_at)))
        self.sides.delete(*self.sides.get_children())
        # questions and chosen options in words, as the history shows them
        from fieldapp.capture.trail import FormWords

        words = FormWords(self.shell.db, conflict.form_id, None, i18n.current_language())
        paths = sorted(set(conflict.local.answers) | set(conflict.incoming.answers))
        for path in paths:
            local = conflict.local.answers.get(path)
            incoming = conflict.incoming.answers.get(path)
            differs = path in self.choices
            self.sides.insert("", "end", iid=path, tags=("differs",) if differs else (),
                              values=(words.question(path), words.value(path, local),
                                      words.value(path, incoming),
                                      self._take(path) if differs else ""))

    def _take(self, path: str) -> str:
        return _("local copy") if self.choices[path] == LOCAL else _("incoming copy")

    def toggle(self, path: str) -> None:
        """Take a differing field from the other copy."""
        if path not in self.choices:
            return
        self.choices[path] = INCOMING if self.choices[path] == LOCAL else LOCAL
        self.sides.set(path, "take", self._take(path))

    def resolve(self, keep: str | None) -> None:
        """Keep one copy (``keep``), or the fields as chosen (None)."""
        from fieldapp.sync.conflicts import resolve_conflict

        if self.current is None:
            return
        try:
            result = resolve_conflict(self.shell.db, self.current.id, keep=keep,
                                      fields=None if keep else dict(self.choices))
        except FieldappError as exc:
            self.status.configure(text=str(exc), bootstyle="danger")
            return
        self.status.configure(text=_("Resolved: submission {uuid} is now at revision"
                                     " {revision}.").format(uuid=result.uuid[:8],
                                                            revision=result.revision),
                              bootstyle="success")
        self.reload()


def open_conflicts(shell: "Shell") -> ConflictsDialog:
    """Open the Conflicts screen."""
    return ConflictsDialog(shell)
