"""The table of contents beside the form: every page, greyed when skipped, marked when it
has problems; a click (or Enter) jumps to the page."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp.forms.pages import page_of
from fieldapp.gui.pageview import page_title
from fieldapp.gui.tables import ELLIPSIS, Tip, fit_end
from fieldapp.gui.theme import PAD
from fieldapp.i18n import _

if TYPE_CHECKING:
    from fieldapp.gui.formview import FormView

WIDTH = 280
SETTLE_MS = 300


class Contents(ttk.Frame):
    """A list of the pages of the form window."""

    def __init__(self, parent: tk.Misc, view: "FormView") -> None:
        super().__init__(parent, padding=(PAD, 0, 0, PAD), width=WIDTH)
        self.view = view
        ttk.Label(self, text=_("Contents"), font="FieldappHeading").pack(anchor="w", pady=(0, PAD))
        frame = ttk.Frame(self)
        frame.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(frame, show="tree", selectmode="browse", height=10)
        self.tree.column("#0", width=WIDTH - 20, stretch=True)
        bar = ttk.Scrollbar(frame, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=bar.set)
        self.tree.pack(side="left", fill="both", expand=True)
        bar.pack(side="left", fill="y")
        colors = self.winfo_toplevel().style.colors
        self.tree.tag_configure("skipped", foreground=str(colors.secondary))
        self.tree.tag_configure("problem", foreground=str(colors.danger))
        self.tree.bind("<<TreeviewSelect>>", self._picked)
        self.tree.bind("<Return>", self._picked)
        self._pending = False
        self._selecting = False
        self._titles: dict[int, str] = {}
        self._font = tkfont.nametofont("TkDefaultFont")
        self.tip = Tip(self.tree)
        self.tree.bind("<Motion>", self._hover, add="+")
        self.tree.bind("<Leave>", lambda e: self.tip.hide(), add="+")

    def _hover(self, event: tk.Event) -> None:
        """The whole title of a page whose name the list cuts."""
        iid = self.tree.identify_row(event.y)
        title = self._titles.get(int(iid), "") if iid else ""
        if title and self.tree.item(iid, "text").endswith(ELLIPSIS):
            self.tip.show(title, event.x_root + 12, event.y_root + 16)
        else:
            self.tip.hide()

    def rebuild(self) -> None:
        """Fill the list from the form window's pages."""
        session = self.view.binding.session
        self.tree.delete(*self.tree.get_children())
        self._titles = {}
        for page in self.view.pages:
            title = page_title(session, page)
            self._titles[page.index] = title
            self.tree.insert("", "end", iid=str(page.index), text=title)
        self._update()

    def changed(self) -> None:
        """Update the marks once the current burst of edits is over (checking the whole form
        is not worth delaying a key press for)."""
        if not self._pending:
            self._pending = True
            self.after(SETTLE_MS, self._update)

    def problem_pages(self) -> dict[int, int]:
        """Page index → number of problems shown (constraints; required ones too once
        finalizing was tried)."""
        counts: dict[int, int] = {}
        for problem in self.view.binding.session.validate():
            if problem.kind == "required" and not self.view.revealed:
                continue
            index = page_of(self.view.pages, problem.path)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        return counts

    def _update(self) -> None:
        self._pending = False
        if not self.winfo_exists():
            return
        problems = self.problem_pages()
        relevant = set(self.view.relevant_pages())
        possible = self.view.possible_pages()
        room = int(self.tree.column("#0", "width")) - 30
        for page in self.view.pages:
            iid = str(page.index)
            if not self.tree.exists(iid):
                continue
            tags = []
            number = self.view.page_number(page.index, possible)
            title = self._titles.get(page.index, "")
            text = f"{number}. {title}" if number else f"    {title}"
            text = fit_end(text, room, self._font)
            if page.index not in relevant:
                tags.append("skipped")
            elif problems.get(page.index):
                tags.append("problem")
                text = "⚠ " + text
            if self.tree.item(iid, "text") != text or list(self.tree.item(iid, "tags")) != tags:
                self.tree.item(iid, text=text, tags=tags)

    def select(self, index: int) -> None:
        iid = str(index)
        if self.tree.exists(iid):
            self._selecting = True
            self.tree.selection_set(iid)
            self.tree.see(iid)
            self.after_idle(lambda: setattr(self, "_selecting", False))

    def _picked(self, _event: tk.Event | None = None) -> None:
        if self._selecting:
            return
        picked = self.tree.selection()
        if picked and int(picked[0]) != self.view.current:
            self.view.go_to_page(int(picked[0]))
