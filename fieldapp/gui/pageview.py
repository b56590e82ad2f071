"""The page area of the form window: one page's field widgets, or a repeat's entries.

It is the *host* of the field widgets (see ``widgets/base.py``): their writes go to the
form window's ``commit``; it re-wraps labels to the width of the area.
"""

from __future__ import annotations

import tkinter as tk
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from fieldapp.forms.model import Group, pick_text
from fieldapp.forms.pages import Page
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets import FieldWidget, make_field
from fieldapp.gui.widgets.base import plain
from fieldapp.gui.widgets.scrolling import ScrollArea
from fieldapp.i18n import _, ngettext

if TYPE_CHECKING:
    from fieldapp.gui.formview import FormView

MAX_TEXT_WIDTH = 900  # pixels; longer lines are hard to read aloud


def element_label(session, element) -> str:
    """An element's static label in the form language (its name when it has none)."""
    return plain(pick_text(element.label, session.lang, session.form.default_language)) \
        or element.name


def page_title(session, page: Page) -> str:
    """A short title for a page: its group's label, or its question's label."""
    element = page.element
    if page.kind == "repeat":
        return element_label(session, element)
    label = plain(session.text(page.path, empty="…")) if page.path else ""
    label = label or element_label(session, element)
    index = _instance_number(page.path)
    if isinstance(element, Group) and element.is_repeat and index:
        return f"{label} ({index})"
    return label


def _instance_number(path: str) -> int:
    tail = path.rsplit("/", 1)[-1]
    if tail.endswith("]") and "[" in tail:
        return int(tail[tail.index("[") + 1:-1])
    return 0


def page_heading(session, page: Page) -> str:
    """The heading over a page: the labels of the groups it is in (``Area A1 › …``)."""
    parts = []
    element = page.element if isinstance(page.element, Group) else page.element.parent
    while element is not None and element.parent is not None:
        text = plain(pick_text(element.label, session.lang, session.form.default_language))
        if text:
            parts.append(text)
        element = element.parent
    return " › ".join(reversed(parts))


class PageView(ttk.Frame):
    """Shows one page at a time inside a scrolling area."""

    def __init__(self, parent: tk.Misc, form_view: "FormView") -> None:
        super().__init__(parent)
        self.view = form_view
        self.area = ScrollArea(self)
        self.area.pack(fill="both", expand=True)
        self.widgets: dict[str, FieldWidget] = {}
        self.page: Page | None = None
        self._wraps: list[tuple[tk.Misc, int]] = []
        self.area.on_width(self._rewrap)

    # -- FieldHost ----------------------------------------------------------------------------
    @property
    def session(self):
        return self.view.binding.session

    @property
    def read_only(self) -> bool:
        return self.view.binding.read_only

    def commit(self, widget: FieldWidget, value: object, *, left: bool = False) -> bool:
        return self.view.commit(widget, value, left=left)

    def attach(self, widget: FieldWidget, file_path: str) -> bool:
        return self.view.attach(widget, file_path)

    def attachment_bytes(self, name: str) -> bytes | None:
        return self.view.binding.attachment_bytes(name)

    def wrap(self, label: tk.Misc, margin: int = 0) -> None:
        self._wraps.append((label, margin))
        label.configure(wraplength=self._text_width() - margin)

    def adopt(self, widget: tk.Misc) -> None:
        self.area.adopt(widget)

    def field_left(self, widget: FieldWidget) -> None:
        if widget.winfo_exists():
            widget.flush(left=True)
            widget.show_message()

    def field_focused(self, widget: FieldWidget) -> None:
        self.area.see(widget)

    # -- layout -------------------------------------------------------------------------------
    def _text_width(self) -> int:
        return min(self.area.width - 3 * PAD, MAX_TEXT_WIDTH)

    def _rewrap(self, _width: int) -> None:
        width = self._text_width()
        alive = []
        for label, margin in self._wraps:
            try:
                label.configure(wraplength=max(width - margin, 120))
                alive.append((label, margin))
            except tk.TclError:
                continue
        self._wraps = alive
        # radio and check box texts wrap through their style (ttk has no per-widget option)
        style = self.winfo_toplevel().style
        for name in ("TRadiobutton", "TCheckbutton"):
            style.configure(name, wraplength=max(width - 80, 120))

    # -- pages --------------------------------------------------------------------------------
    def clear(self) -> None:
        for child in self.area.inner.winfo_children():
            child.destroy()
        self.widgets = {}
        self._wraps = []

    def show(self, page: Page) -> None:
        """Draw ``page`` (its widgets are created anew)."""
        self.clear()
        self.page = page
        inner = self.area.inner
        inner.columnconfigure(0, weight=1)
        heading = page_heading(self.session, page)
        row = 0
        if heading:
            label = ttk.Label(inner, text=heading, font="FieldappHeading", bootstyle="primary",
                              justify="left")
            label.grid(row=row, column=0, sticky="ew", padx=2 * PAD, pady=(2 * PAD, 0))
            self.wrap(label)
            row += 1
        if page.kind == "repeat":
            self._show_repeat(page, inner, row)
        else:
            for path in page.fields:
                node = self.session.node(path)
                widget = make_field(inner, self, path, node.element)
                widget.grid(row=row, column=0, sticky="ew", padx=2 * PAD)
                self.widgets[path] = widget
                row += 1
            self.refresh_all()
        self.area.adopt(inner)
        self.area.fit()
        self.area.scroll_top()

    def refresh_all(self, *, texts: bool = False, force: bool = False) -> None:
        """Show every widget's state from the core (relevance, value, message).

        :param force: redraw widgets whose state did not change too (their inputs may show
            a value the core refused).
        """
        session = self.session
        for path, widget in self.widgets.items():
            if force:
                widget.state_now = None
            try:
                state = session.state(path)
            except Exception:  # the field vanished (its repeat entry was removed)
                continue
            widget.refresh(state)
            if texts or widget._dynamic["label"] or widget._dynamic["hint"]:
                widget.set_texts(only_dynamic=not texts)

    def reveal(self) -> None:
        """Show the messages of every field, required ones included."""
        for widget in self.widgets.values():
            widget.reveal = True
            widget.show_message()

    def flush(self) -> None:
        """Store whatever is typed and not yet stored on this page."""
        for widget in list(self.widgets.values()):
            if widget.winfo_exists():
                widget.flush(left=True)

    def focus_first(self) -> None:
        """Focus the first question that can be answered, so typing starts there (not on
        Next); the Next button when the page has none."""
        from fieldapp.gui.dialogs import open_dialogs

        if not self.winfo_exists() or open_dialogs():
            return  # a dialog opened meanwhile keeps the keyboard
        self.update_idletasks()
        for widget in self.widgets.values():
            if widget.winfo_manager() and widget.takes_focus and widget.inputs() \
                    and widget._editable:
                widget.focus_first()
                self.area.see(widget)
                return
        self.view.focus_next_button()

    def focus_problem(self, widget: FieldWidget) -> None:
        """Show ``widget``'s message, scroll it (message included) into view and focus it."""
        widget.reveal = True
        widget.show_message()
        self.update_idletasks()
        self.area.see(widget)
        widget.focus_first()

    def visible_fields(self) -> list[str]:
        """The paths of the widgets shown now (relevant ones)."""
        return [p for p, w in self.widgets.items() if w.winfo_manager()]

    # -- repeats ------------------------------------------------------------------------------
    def _show_repeat(self, page: Page, inner: ttk.Frame, row: int) -> None:
        session = self.session
        label = element_label(session, page.element)
        count = session.repeat_count(page.path)
        fixed = session.graph.of(page.element).repeat_count is not None
        box = ttk.Frame(inner, padding=(2 * PAD, PAD))
        box.grid(row=row, column=0, sticky="ew")
        box.columnconfigure(0, weight=1)
        title = ttk.Label(box, text=label, font="FieldappTitle", justify="left")
        title.grid(row=0, column=0, columnspan=3, sticky="w")
        self.wrap(title)
        self.repeat_count_label = ttk.Label(
            box, text=ngettext("{n} entry", "{n} entries", count).format(n=count),
            font="FieldappBold")
        self.repeat_count_label.grid(row=1, column=0, sticky="w", pady=(PAD, PAD))
        if fixed:
            ttk.Label(box, text=_("The form sets how many entries there are."),
                      bootstyle="secondary").grid(row=2, column=0, sticky="w")
        self.repeat_buttons: list[ttk.Button] = []
        for i in range(1, count + 1):
            instance = f"{page.path}[{i}]"
            line = ttk.Frame(box)
            line.grid(row=2 + i, column=0, columnspan=3, sticky="ew", pady=2)
            ttk.Label(line, text=f"{i}. {label}", width=40).pack(side="left")
            open_button = ttk.Button(line, text=_("Open"), bootstyle="primary-outline",
                                     command=lambda p=instance: self.view.go_to_path(p))
            open_button.pack(side="left", padx=PAD)
            if not fixed and not self.read_only:
                remove = ttk.Button(line, text=_("Remove…"), bootstyle="danger-outline",
                                    command=lambda p=instance, n=i: self.view.ask_remove(p, n))
                remove.pack(side="left")
                self.repeat_buttons.append(remove)
        if not fixed and not self.read_only:
            add = ttk.Button(box, text=_("Add an entry: {label}").format(label=label),
                             bootstyle="primary", command=lambda: self.view.add_repeat(page.path))
            add.grid(row=3 + count, column=0, sticky="w", pady=(2 * PAD, 0))
            self.add_button = add
