"""The form window: a page at a time with progress, Next/Back, contents, scores and autosave.

Every edit goes through the binding (a stored capture: autosaved in one transaction per
answer), then the page, the contents and the score panel show what the core now says.
"""

from __future__ import annotations

import tkinter as tk
from datetime import datetime
from typing import Callable

import ttkbootstrap as ttk

from fieldapp.errors import AnswerError, FieldappError
from fieldapp.forms.languages import form_languages, resolve_language
from fieldapp.forms.model import language_code
from fieldapp.forms.pages import Page, page_possible, page_relevant, pages
from fieldapp import formatting
from fieldapp.gui.binding import Binding
from fieldapp.gui.dialogs import ask_confirm
from fieldapp.registry import title_of
from fieldapp.gui.pageview import PageView, element_label
from fieldapp.gui.scorepanel import ScorePanel
from fieldapp.gui.theme import PAD
from fieldapp.gui.toc import Contents
from fieldapp.gui.widgets import FieldWidget
from fieldapp.gui.widgets.base import update
from fieldapp.gui.widgets import variables
from fieldapp.i18n import _

# Widget classes where Enter keeps its own meaning instead of going to the next page
_OWN_RETURN = {"Text", "TButton", "Button", "Listbox", "Treeview"}
RETRY_MS = 1000  # how often edits kept while the database is busy are tried again


class FormView(ttk.Frame):
    """One submission being filled (or read, when final)."""

    scores_shown = True  # hiding the scores lasts for the next forms of this session

    def __init__(self, parent: tk.Misc, binding: Binding, *, on_close: Callable[[], None],
                 title: str = "", subtitle: str = "") -> None:
        super().__init__(parent)
        self.binding = binding
        self.on_close = on_close
        self.subtitle = subtitle
        self.pages: list[Page] = []
        self._known_paths: set[str] = set()
        self.current = 0
        self.revealed = False  # a finalize attempt asked to show every problem
        self._retry: str | None = None  # the timer retrying edits the busy database refused
        self._build(title)
        self.recompute_pages()
        self._show_expression_problems()
        self._bind_keys()
        start = binding.current_page
        self.go_to_page(min(max(start, 0), len(self.pages) - 1) if self.pages else 0, focus=True)

    # -- layout -------------------------------------------------------------------------------
    def _wrap_title(self, head: tk.Misc, right: tk.Misc) -> None:
        """Wrap the title and subtitle in the room the buttons leave (a long title would
        otherwise run under the language box and be cut)."""
        room = head.winfo_width() - self.toc_button.winfo_reqwidth() - right.winfo_reqwidth() \
            - 8 * PAD
        room = max(room, 160)
        if int(str(self.title_label.cget("wraplength")) or 0) != room:
            self.title_label.configure(wraplength=room)
            self.subtitle_label.configure(wraplength=room)

    def _build(self, title: str) -> None:
        session = self.binding.session
        head = ttk.Frame(self, padding=(2 * PAD, PAD, 2 * PAD, 0))
        head.pack(fill="x")
        head.columnconfigure(1, weight=1)
        self.toc_button = ttk.Button(head, text=_("Contents"), bootstyle="secondary-outline",
                                     takefocus=0, command=self.toggle_contents)
        self.toc_button.grid(row=0, column=0, rowspan=2, sticky="w", padx=(0, 2 * PAD))
        # the heading size and a wrap: the whole title beside the language box and buttons
        self.title_label = ttk.Label(head, text=title or title_of(session.form, session.lang),
                                     font="FieldappHeading", wraplength=440, justify="left")
        self.title_label.grid(row=0, column=1, sticky="w")
        # wraps rather than losing the respondent code off the end
        self.subtitle_label = ttk.Label(head, text=self.subtitle, bootstyle="secondary",
                                        wraplength=440, justify="left")
        self.subtitle_label.grid(row=1, column=1, sticky="w")
        right = ttk.Frame(head)
        right.grid(row=0, column=2, rowspan=2, sticky="e")
        for resized in (head, right):  # the window, or buttons shown or hidden
            resized.bind("<Configure>", lambda e: self._wrap_title(head, right), add="+")
        names = form_languages(session.form)
        if len(names) > 1:
            # every label::X language of the form, whatever the interface language
            current = resolve_language(session.form, None, language_code(session.lang or ""))
            self.lang_var = variables.StringVar(value=current or session.form.default_language)
            self.lang_box = ttk.Combobox(right, values=names, state="readonly",
                                         width=min(24, max(len(n) for n in names) + 1),
                                         textvariable=self.lang_var, takefocus=0)
            self.lang_box.bind("<<ComboboxSelected>>", lambda e: self.set_form_language())
            ttk.Label(right, text=_("Form language"), font="FieldappSmall").pack(side="left")
            self.lang_box.pack(side="left", padx=(PAD // 2, 2 * PAD))
        if session.form.scores:
            # a respondent should not watch the scores move during an interview
            self.scores_button = ttk.Button(right, text="", bootstyle="secondary-outline",
                                            takefocus=0, command=self.toggle_scores)
            self.scores_button.pack(side="left", padx=(0, PAD))
        self.finalize_button = ttk.Button(right, text=_("Finalize…"), bootstyle="success",
                                          takefocus=0, command=self.finalize)
        self.finalize_button.pack(side="left", padx=(0, PAD))
        self.reopen_button = ttk.Button(right, text=_("Reopen…"), bootstyle="warning",
                                        takefocus=0, command=self.reopen)
        self.close_button = ttk.Button(right, text=_("Close"), bootstyle="secondary-outline",
                                       takefocus=0, command=self.close)
        self.close_button.pack(side="left")

        # a filled bar (dark text on yellow): yellow text on white would be unreadable
        self.banner = ttk.Label(self, text="", bootstyle="@warning", font="FieldappBold",
                                padding=(2 * PAD, PAD // 2))
        # expressions that fail while the form runs (a media file missing for pulldata(), a
        # regex that does not compile): the form goes on, but the technician is told
        self.problems_bar = ttk.Label(self, text="", bootstyle="inverse-danger",
                                      padding=(2 * PAD, PAD // 2), wraplength=1200)
        progress = ttk.Frame(self, padding=(2 * PAD, PAD))
        progress.pack(fill="x")
        self.progress = ttk.Progressbar(progress, bootstyle="success", maximum=100)
        self.progress.pack(side="left", fill="x", expand=True)
        # beside the page number, not in the header: the title keeps the header's room
        self.saved_label = ttk.Label(progress, text="", bootstyle="success",
                                     font="FieldappSmall")
        self.saved_label.pack(side="left", padx=(2 * PAD, 0))
        self.page_label = ttk.Label(progress, text="", width=22, anchor="e")
        self.page_label.pack(side="left", padx=(PAD, 0))
        self._banner_anchor = progress

        foot = ttk.Frame(self, padding=(2 * PAD, PAD, 2 * PAD, PAD))
        foot.pack(side="bottom", fill="x")
        # Tab from the last answer lands on Next (Back is Alt+← or a click away)
        self.back_button = ttk.Button(foot, text="‹ " + _("Back"), bootstyle="secondary",
                                      width=14, command=self.back, takefocus=0)
        self.back_button.pack(side="left")
        ttk.Label(foot, text=_("Enter: next page · Alt+←/→: pages"), font="FieldappSmall",
                  bootstyle="secondary").pack(side="left", expand=True)
        self.next_button = ttk.Button(foot, text=_("Next") + " ›", bootstyle="primary",
                                      width=14, command=self.next)
        self.next_button.pack(side="right")
        ttk.Separator(self).pack(side="bottom", fill="x")

        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        body.rowconfigure(0, weight=1)
        body.columnconfigure(1, weight=1)
        self.contents = Contents(body, self)
        self.page_view = PageView(body, self)
        self.page_view.grid(row=0, column=1, sticky="nsew")
        self.scores = ScorePanel(body, session) if session.form.scores else None
        if self.scores is not None:
            self.scores.grid(row=0, column=2, sticky="ns", padx=(0, PAD))
            self._show_scores(FormView.scores_shown)
        if self.winfo_toplevel().winfo_screenwidth() >= 1280:
            self.contents.grid(row=0, column=0, sticky="ns")
        # Tab goes through the page and then to Back/Next (traversal follows stacking order)
        foot.lift()
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        final = self.binding.read_only
        if final:
            self.banner.configure(text=_("This submission is final and locked. Reopen it, "
                                         "stating a reason, to change it."))
            self.banner.pack(fill="x", after=self._banner_anchor)
            self.finalize_button.pack_forget()
            self.reopen_button.pack(side="left", padx=(0, PAD), before=self.close_button)
            self.saved_label.configure(text="")
        else:
            self.banner.pack_forget()
            self.reopen_button.pack_forget()
            self.finalize_button.pack(side="left", padx=(0, PAD), before=self.close_button)
            if not self.binding.stored:
                self.saved_label.configure(text=_("Preview: nothing is saved"),
                                           bootstyle="@warning", padding=(PAD // 2, 2))

    def toggle_scores(self) -> None:
        FormView.scores_shown = not self.scores.winfo_manager()
        self._show_scores(FormView.scores_shown)

    def _show_scores(self, shown: bool) -> None:
        if shown:
            self.scores.grid()
        else:
            self.scores.grid_remove()
        self.scores_button.configure(text=_("Hide scores") if shown else _("Show scores"))

    # -- keys ---------------------------------------------------------------------------------
    def _bind_keys(self) -> None:
        root = self.winfo_toplevel()
        self._bindings = [
            ("<Return>", root.bind("<Return>", self._on_return, add="+")),
            ("<KP_Enter>", root.bind("<KP_Enter>", self._on_return, add="+")),
            ("<Alt-Right>", root.bind("<Alt-Right>", lambda e: self.next() or "break", add="+")),
            ("<Alt-Left>", root.bind("<Alt-Left>", lambda e: self.back() or "break", add="+")),
        ]

    def _unbind_keys(self) -> None:
        root = self.winfo_toplevel()
        for sequence, funcid in getattr(self, "_bindings", []):
            try:
                root.unbind(sequence, funcid)
            except tk.TclError:
                pass
        self._bindings = []

    def _on_return(self, event: tk.Event) -> str | None:
        widget = event.widget
        if not isinstance(widget, tk.Misc) or widget.winfo_toplevel() is not self.winfo_toplevel():
            return None
        if widget.winfo_class() in _OWN_RETURN:
            return None
        self.next()
        return "break"

    def focus_next_button(self) -> None:
        self.next_button.focus_set()

    # -- pages --------------------------------------------------------------------------------
    def recompute_pages(self) -> None:
        """The pages as the repeats stand now (after entries are added or removed)."""
        session = self.binding.session
        self.pages = pages(session)
        self._known_paths = {node.path for node in session.root.walk()}
        self.contents.rebuild()

    def relevant_pages(self) -> list[int]:
        session = self.binding.session
        return [p.index for p in self.pages if page_relevant(session, p)]

    def possible_pages(self) -> list[int]:
        """The pages relevant now or that answers still to give may show (counted)."""
        session = self.binding.session
        return [p.index for p in self.pages if page_possible(session, p)]

    def page_number(self, index: int, relevant: list[int] | None = None) -> int | None:
        """The number a technician sees for page ``index`` (pages that cannot be shown any
        more are not counted)."""
        relevant = self.possible_pages() if relevant is None else relevant
        return relevant.index(index) + 1 if index in relevant else None

    def go_to_page(self, index: int, *, focus: bool = True) -> None:
        if not self.pages:
            self.page_label.configure(text=_("This form has no questions to show."))
            return
        self.page_view.flush()
        index = max(0, min(index, len(self.pages) - 1))
        self.current = index
        page = self.pages[index]
        self.page_view.show(page)
        if self.revealed:
            self.page_view.reveal()
        try:
            self.binding.set_page(index)
        except FieldappError:
            pass  # where we are is a convenience; the answers are what must be saved
        self._update_progress()
        self.contents.select(index)
        if focus:
            self.after_idle(self.page_view.focus_first)

    def _update_progress(self) -> None:
        relevant = self.relevant_pages()
        possible = self.possible_pages()
        position = possible.index(self.current) + 1 if self.current in possible else \
            sum(1 for i in possible if i < self.current) + 1
        total = max(len(possible), 1)
        update(self.progress, value=100 * min(position, total) / total)
        update(self.page_label, text=_("Page {n} of {total}").format(
            n=formatting.integer(min(position, total)), total=formatting.integer(total)))
        update(self.back_button, state="normal" if any(i < self.current for i in relevant)
               else "disabled")
        last = not any(i > self.current for i in possible)
        finalize = last and not self.binding.read_only
        if getattr(self, "_next_is_finalize", None) != finalize:
            self._next_is_finalize = finalize
            self.next_button.configure(text=_("Finalize…") if finalize else _("Next") + " ›",
                                       bootstyle="success" if finalize else "primary")
        update(self.next_button, state="disabled" if last and not finalize else "normal")

    def next(self) -> None:
        """The next relevant page. A violated constraint on this page stops it (as in ODK
        Collect): the first problem is scrolled into view and focused. A required answer left
        empty may wait until finalizing, unless no later page can be shown without it."""
        self.page_view.flush()
        if self.stop_on_problems(required=False):
            return
        relevant = self.relevant_pages()
        later = [i for i in relevant if i > self.current]
        if later:
            self.go_to_page(later[0])
        elif any(i > self.current for i in self.possible_pages()):
            # the next pages wait for an answer on this one (the consent)
            self.stop_on_problems(required=True)
        elif not self.binding.read_only:
            self.finalize()

    def stop_on_problems(self, *, required: bool) -> bool:
        """Focus the first problem on this page (a refused value, a violated constraint, and
        with ``required`` an empty required answer); False when there is none."""
        if self.binding.read_only:
            return False
        shown = self.page_view.visible_fields()
        kinds = {p.path: p for p in self.binding.problems()
                 if p.path in shown and (required or p.kind != "required")}
        for path in shown:
            widget = self.page_view.widgets[path]
            if widget.error or path in kinds:
                self.page_view.focus_problem(widget)
                return True
        return False

    def back(self) -> None:
        self.page_view.flush()
        earlier = [i for i in self.relevant_pages() if i < self.current]
        if earlier:
            self.go_to_page(earlier[-1])

    def go_to_path(self, path: str) -> None:
        """Show the page of the field (or repeat entry) at ``path`` and focus it."""
        path = path.strip("/")
        target = None
        for page in self.pages:
            if path == page.path or path in page.fields or page.path.startswith(path + "/") \
                    or any(f.startswith(path + "/") for f in page.fields):
                target = page.index
                break
        if target is None:
            return
        self.go_to_page(target, focus=False)
        widget = self.page_view.widgets.get(path)
        if widget is not None:
            widget.reveal = True
            self.after_idle(lambda: widget.winfo_exists() and self.page_view.focus_problem(widget))
        else:
            self.after_idle(self.page_view.focus_first)

    # -- writing ------------------------------------------------------------------------------
    def commit(self, widget: FieldWidget, value: object, *, left: bool = False) -> bool:
        if self.binding.read_only:
            return False
        return self._apply(widget, lambda: self.binding.set(widget.path, value))

    def attach(self, widget: FieldWidget, file_path: str) -> bool:
        return self._apply(widget, lambda: self.binding.attach(widget.path, file_path))

    def _apply(self, widget: FieldWidget, edit) -> bool:
        """Run one edit of the capture; show its outcome on ``widget`` and the page."""
        try:
            change = edit()
        except AnswerError as exc:
            widget.error = exc.message
            widget.show_message()
            return False
        except FieldappError as exc:
            # the database refused (locked, full disk): the capture went back to what is
            # stored; show that, keeping what is typed on screen for another try
            self.saved_label.configure(text=_("Not saved"), bootstyle="danger")
            self.recompute_pages()
            if exc.code == "STORE_075":
                # changed in another window: what is typed here was based on what is gone
                self.after_idle(self._reload)
            else:
                self.page_view.refresh_all(force=True)
            raise
        widget.error = ""
        self._saved()
        self.after_change(change)
        return True

    def _reload(self) -> None:
        """Show the submission as stored (after another window or program changed it)."""
        if not self.winfo_exists():
            return
        self.page_view.clear()
        self.recompute_pages()
        self.go_to_page(min(self.current, max(len(self.pages) - 1, 0)), focus=False)

    def _saved(self) -> None:
        if not self.binding.stored:
            return
        if self.binding.pending:
            self._show_pending()
            return
        self.saved_label.configure(text="✓ " + _("Saved {time}").format(
            time=formatting.clock(datetime.now())), bootstyle="success")

    @property
    def pending(self) -> int:
        """Edits shown here and kept in memory, not yet in the database (it is busy)."""
        return self.binding.pending

    def _show_pending(self) -> None:
        what = self.binding.busy_with()
        text = _("Saving… the database is busy ({what})").format(what=what) if what else \
            _("Saving… the database is busy")
        self.saved_label.configure(text="⏳ " + text, bootstyle="warning")
        if self._retry is None:
            self._retry = self.after(RETRY_MS, self._retry_pending)

    def _retry_pending(self) -> None:
        """Try the waiting edits again; the window stays usable meanwhile."""
        self._retry = None
        if not self.winfo_exists():
            return
        try:
            self.binding.save_pending()
        except FieldappError as exc:
            self.saved_label.configure(text=_("Not saved"), bootstyle="danger")
            self.after_idle(self._reload)
            self.winfo_toplevel().report_callback_exception(type(exc), exc, exc.__traceback__)
            return
        self._saved()

    def after_change(self, change) -> None:
        """Show what an edit changed: widgets, labels, pages, contents and scores."""
        if any(p not in self._known_paths for p in change.changed) or \
                any(k not in self._known_paths for k in change.writes):
            self.recompute_pages()
        self.page_view.refresh_all()
        if self.scores is not None:
            self.scores.changed(change)
        self.contents.changed()
        self._update_progress()
        self._show_expression_problems()

    def _show_expression_problems(self) -> None:
        errors = self.binding.session.errors
        if not errors:
            self.problems_bar.pack_forget()
            return
        path, _sep, column = next(iter(errors)).partition("#")
        self.problems_bar.configure(text=_(
            "Expressions of this form that cannot be calculated: {n} (first: the {column} of "
            "{path}: {message}). Tell the form's author; you can go on filling it.").format(
            n=len(errors), column=column, path=path,
            message=next(iter(errors.values())).rstrip(".")))
        self.problems_bar.pack(fill="x", after=self._banner_anchor)

    def flush(self) -> None:
        """Store what is typed on the page and not yet stored (before closing, on errors)."""
        if self.winfo_exists() and not self.binding.read_only:
            self.page_view.flush()

    # -- repeats ------------------------------------------------------------------------------
    def add_repeat(self, path: str) -> None:
        change = self.binding.add_repeat(path)
        self._saved()
        self.recompute_pages()
        self.after_change(change)
        if change.changed:
            self.go_to_path(change.changed[0])

    def ask_remove(self, instance_path: str, number: int) -> None:
        page = self.pages[self.current]
        label = element_label(self.binding.session, page.element)
        text = _("Remove entry {n} of '{label}' and all its answers? This cannot be undone.")

        def remove() -> None:
            change = self.binding.remove_repeat(instance_path)
            self._saved()
            self.recompute_pages()
            self.after_change(change)
            self.go_to_path(page.path)

        ask_confirm(self, _("Remove an entry"), text.format(n=number, label=label), remove,
                    yes=_("Remove"), danger=True)

    # -- language, finalize, reopen, close --------------------------------------------------
    def set_form_language(self) -> None:
        session = self.binding.session
        session.lang = self.lang_var.get()
        self.title_label.configure(text=title_of(session.form, session.lang))
        self.contents.rebuild()
        if self.scores is not None:
            self.scores.refresh()
        self.go_to_page(self.current, focus=False)

    def finalize(self) -> None:
        from fieldapp.gui.finalize import start_finalize

        self.page_view.flush()
        start_finalize(self)

    def reveal_problems(self) -> None:
        self.revealed = True
        self.page_view.reveal()
        self.contents.changed()

    def reopen(self) -> None:
        from fieldapp.gui.finalize import start_reopen

        start_reopen(self)

    def locked_changed(self) -> None:
        """The submission was finalized or reopened: redraw as read-only or editable."""
        self._apply_read_only()
        self.go_to_page(self.current, focus=False)

    def unsaved_ok(self, proceed: Callable[[], None]) -> bool:
        """True when nothing typed is waiting for the busy database; otherwise ask whether to
        wait (the retries go on) or to go on without it (``proceed``), and return False."""
        if not self.pending:
            return True
        try:
            if self.binding.save_pending():
                return True
        except FieldappError:
            return True  # refused for good: already reported, nothing left waiting
        text = _("Some answers are not saved yet: the database is busy. Wait until they are "
                 "saved, or close now and lose them?")
        ask_confirm(self, _("Answers not saved yet"), text, proceed,
                    yes=_("Close without saving"), no=_("Wait"), danger=True)
        return False

    def close(self, force: bool = False) -> None:
        self.flush()
        if not force and not self.unsaved_ok(lambda: self.close(force=True)):
            return
        self._unbind_keys()
        self.binding.close()
        self.on_close()

    def destroy(self) -> None:
        self._unbind_keys()
        super().destroy()

    def toggle_contents(self) -> None:
        if self.contents.winfo_manager():
            self.contents.grid_remove()
        else:
            self.contents.grid(row=0, column=0, sticky="ns")
