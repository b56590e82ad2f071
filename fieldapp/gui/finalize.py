"""Finalizing (a summary of what is missing, with links to its pages; then the lock) and
reopening a final submission with a stated reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp.errors import FinalizeError
from fieldapp.forms.pages import page_of
from fieldapp.gui.dialogs import Dialog, ask_confirm, ask_text, show_message
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.base import plain
from fieldapp.gui.widgets.scrolling import ScrollArea
from fieldapp.i18n import _, ngettext

if TYPE_CHECKING:
    from fieldapp.gui.formview import FormView

SUMMARY_HEIGHT = 420  # pixels of problem list before it scrolls (fits 768 with the buttons)


def start_finalize(view: "FormView") -> None:
    """Check the submission; show what is missing, or ask to lock it."""
    binding = view.binding
    problems = binding.problems()
    if problems:
        view.reveal_problems()
        show_summary(view, problems)
        return
    if not binding.stored:
        show_message(view, _("Finalize"), _("Every answer is complete. This is a preview: "
                                            "nothing is saved."))
        return
    text = _("All required answers are complete. Finalize the submission? It is then locked: "
             "changing it later needs a reason, which is recorded.")
    ask_confirm(view, _("Finalize"), text, lambda: _lock(view), yes=_("Finalize and lock"),
                cautious=True)


def _lock(view: "FormView") -> None:
    try:
        view.binding.finalize()
    except FinalizeError as exc:
        view.reveal_problems()
        show_summary(view, exc.problems)
        return
    view.locked_changed()
    show_message(view, _("Finalized"), _("The submission is final and locked."))


def show_summary(view: "FormView", problems: list) -> Dialog:
    """The problems that stop finalizing, each a link to its page."""
    dialog = Dialog(view, _("Not ready to finalize"), width=720)
    count = len(problems)
    heading = ngettext("{n} answer is missing or not valid. Click it to go to its page.",
                       "{n} answers are missing or not valid. Click one to go to its page.",
                       count).format(n=count)
    ttk.Label(dialog.body, text=heading, font="FieldappBold", wraplength=680,
              justify="left").pack(anchor="w", pady=(0, PAD))
    area = ScrollArea(dialog.body, height=min(SUMMARY_HEIGHT, 44 * count + 10))
    area.pack(fill="both", expand=True)
    area.canvas.configure(height=min(SUMMARY_HEIGHT, 44 * count + 10))
    dialog.links = []  # type: ignore[attr-defined]
    relevant = view.possible_pages()
    for problem in problems:
        index = page_of(view.pages, problem.path)
        number = view.page_number(index, relevant) if index is not None else None
        where = _("Page {n}").format(n=number) if number else ""
        label = plain(problem.label) or problem.path
        kind = _("missing") if problem.kind == "required" else _("not valid")
        line = ttk.Frame(area.inner)
        line.pack(fill="x", pady=1)
        link = ttk.Button(line, text=f"{where} · {_short(label, 48)}", bootstyle="primary-link",
                          command=lambda p=problem.path: _go(dialog, view, p))
        link.grid(row=0, column=0, sticky="w")
        detail = problem.message if problem.kind != "required" else kind
        ttk.Label(line, text=f"— {detail}", bootstyle="danger", wraplength=220,
                  justify="left").grid(row=0, column=1, sticky="w")
        dialog.links.append(link)  # type: ignore[attr-defined]
    area.adopt(area.inner)
    close = dialog.add_button(_("Keep filling"), dialog.close, bootstyle="primary", default=True)
    return dialog.show(dialog.links[0] if dialog.links else close)  # type: ignore[attr-defined]


def _go(dialog: Dialog, view: "FormView", path: str) -> None:
    dialog.close()
    view.go_to_path(path)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def start_reopen(view: "FormView") -> None:
    """Ask why, then turn the final submission back into a draft."""

    def reopen(reason: str) -> None:
        view.binding.reopen(reason)
        view.locked_changed()

    ask_text(view, _("Reopen the submission"),
             _("Why does this final submission need changes? The reason is recorded with your "
               "name."), reopen, ok=_("Reopen"))
