"""Lists of records (a Treeview with headings) whose cells never cut their text silently:
a value too long for its column is shortened in the middle ("COOCAFE-PE…-0017", so codes that
share a beginning stay apart), the full text shows in a tooltip, and column widths the user
drags are remembered between sessions."""

from __future__ import annotations

import json
import logging
import tkinter as tk
import tkinter.font as tkfont
from typing import Sequence

import ttkbootstrap as ttk

from fieldapp import paths
from fieldapp.i18n import _

_log = logging.getLogger(__name__)
ELLIPSIS = "…"
_CELL_PAD = 14  # pixels a Treeview cell keeps around its text


def _widths_file():
    return paths.user_data_dir() / "column-widths.json"


def _load_widths() -> dict[str, dict[str, int]]:
    try:
        return json.loads(_widths_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_widths(name: str, widths: dict[str, int]) -> None:
    every = _load_widths()
    every[name] = widths
    try:
        target = _widths_file()
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(every), encoding="utf-8")
        tmp.replace(target)
    except OSError:  # widths are a comfort: never an error for the user
        _log.warning("could not save the column widths", exc_info=True)


def shorten(text: str, width: int, font: tkfont.Font | _Widths) -> str:
    """``text`` shortened in the middle to fit ``width`` pixels (unchanged if it fits)."""
    if width <= 0 or font.measure(text) <= width:
        return text
    keep_end = max(1, len(text) // 3)
    head, tail = text[:len(text) - keep_end], text[len(text) - keep_end:]
    while head and font.measure(head + ELLIPSIS + tail) > width:
        if len(head) > len(tail) * 2 or len(tail) <= 1:
            head = head[:-1]
        else:
            tail = tail[1:]
    return head + ELLIPSIS + tail if head else ELLIPSIS + tail[-max(1, len(tail)):]


def fit_end(text: str, width: int, font: tkfont.Font) -> str:
    """``text`` cut at the end with "…" to fit ``width`` pixels (titles, whose start
    tells them apart)."""
    if width <= 0 or font.measure(text) <= width:
        return text
    while text and font.measure(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def heading_width(text: str) -> int:
    """The pixels a column needs for its heading ``text`` to show whole."""
    from tkinter import TclError

    try:
        font = tkfont.nametofont("TkHeadingFont")
    except TclError:
        return 0
    return font.measure(text) + _CELL_PAD


def fit_headings(tree: ttk.Treeview) -> None:
    """Align a plain Treeview's headings and cells to the left as :class:`Table` does, and
    widen the columns whose heading would be cut in this language."""
    for key in tree.cget("columns"):
        tree.heading(key, anchor="w")
        tree.column(key, anchor="w")
        needed = heading_width(tree.heading(key, "text"))
        if int(tree.column(key, "width")) < needed:
            tree.column(key, width=needed)


class _Widths:
    """A font's text widths in pixels, each text measured once: a page of 200 submissions
    repeats the same forms, statuses and technicians, and every measure is a call into Tk."""

    LIMIT = 20_000  # texts remembered (scrolling through 30,000 rows must not grow it forever)

    def __init__(self, font: tkfont.Font) -> None:
        self.font = font
        self._known: dict[str, int] = {}

    def measure(self, text: str) -> int:
        width = self._known.get(text)
        if width is None:
            if len(self._known) >= self.LIMIT:
                self._known.clear()
            width = self._known[text] = self.font.measure(text)
        return width


class Table(ttk.Treeview):
    """A Treeview in its own frame with a vertical scrollbar, packed into ``parent``.

    :param columns: (key, heading msgid, default width in pixels); the first column takes the
        room left over.
    :param name: under which the widths the user drags are remembered (None: not kept).
    :param stretch: the column that takes the room left over (default: the first).
    :param selectmode: "browse" (one row) or "extended" (several, with Ctrl and Shift).
    """

    def __init__(self, parent: tk.Misc, columns: Sequence[tuple[str, str, int]], *,
                 height: int | None = None, name: str | None = None,
                 stretch: str | None = None, selectmode: str = "browse") -> None:
        self.frame = ttk.Frame(parent)
        self.frame.pack(fill="both", expand=True)
        options = {"height": height} if height else {}
        super().__init__(self.frame, columns=[c[0] for c in columns], show="headings",
                         selectmode=selectmode, **options)
        self.keys = [c[0] for c in columns]
        self.table_name = name
        saved = _load_widths().get(name, {}) if name else {}
        for i, (key, title, width) in enumerate(columns):
            self.heading(key, text=_(title), anchor="w")
            self.column(key, width=max(int(saved.get(key, width)), heading_width(_(title))),
                        minwidth=40, stretch=key == (stretch or columns[0][0]), anchor="w")
        self.full: dict[str, tuple] = {}  # iid → the values before shortening
        self.font = tkfont.nametofont("TkDefaultFont")
        self._text_widths = _Widths(self.font)
        bar = ttk.Scrollbar(self.frame, orient="vertical", command=self.yview)
        self.configure(yscrollcommand=bar.set)
        self.pack(side="left", fill="both", expand=True)
        bar.pack(side="left", fill="y")
        self.tip = Tip(self)
        self._widths = self._current_widths()
        self.bind("<ButtonRelease-1>", self._maybe_resized, add="+")
        self.bind("<Configure>", lambda e: self.after_idle(self._refit), add="+")
        self.bind("<Motion>", self._hover, add="+")
        self.bind("<Leave>", lambda e: self.tip.hide(), add="+")

    # -- values -------------------------------------------------------------------------------
    def insert(self, parent, index, iid=None, **kw):  # type: ignore[override]
        values = kw.get("values")
        if values is not None:
            kw["values"] = self._fitted(tuple(values))
        iid = super().insert(parent, index, iid=iid, **kw)
        if values is not None:
            self.full[iid] = tuple(values)
        return iid

    def delete(self, *items) -> None:  # type: ignore[override]
        for iid in items:
            self.full.pop(iid, None)
        super().delete(*items)

    def clear(self) -> None:
        self.delete(*self.get_children())

    def add(self, iid: str, values: Sequence, tags: Sequence[str] = ()) -> str:
        return self.insert("", "end", iid=iid, values=tuple(values), tags=tuple(tags))

    def full_text(self, iid: str, key: str) -> str:
        values = self.full.get(iid, ())
        index = self.keys.index(key)
        return str(values[index]) if index < len(values) else ""

    def column(self, column, option=None, **kw):  # type: ignore[override]
        if kw:
            self._widths = {}  # read again from Tk at the next row
        return super().column(column, option, **kw)

    def _fitted(self, values: tuple) -> tuple:
        widths = self._widths or self._current_widths()
        return tuple(shorten(str(v), widths[key] - _CELL_PAD, self._text_widths)
                     if i < len(self.keys) else v
                     for i, (key, v) in enumerate(zip(self.keys + [""] * len(values), values)))

    def _refit(self) -> None:
        """Shorten again after a column changed width (by the user or the window)."""
        if not self.winfo_exists():
            return
        widths = self._current_widths()
        if widths == self._widths:
            return
        self._widths = widths
        for iid, values in self.full.items():
            if self.exists(iid):
                self.item(iid, values=self._fitted(values))

    def _current_widths(self) -> dict[str, int]:
        return {key: int(self.column(key, "width")) for key in self.keys}

    def _maybe_resized(self, event) -> None:
        if self.identify_region(event.x, event.y) not in ("separator", "heading"):
            return
        before = dict(self._widths)
        self._refit()
        if self.table_name and self._widths != before:
            _save_widths(self.table_name, self._widths)

    # -- tooltip ------------------------------------------------------------------------------
    def _hover(self, event) -> None:
        iid = self.identify_row(event.y)
        column = self.identify_column(event.x)
        if not iid or not column.startswith("#") or column == "#0":
            self.tip.hide()
            return
        key = self.keys[int(column[1:]) - 1]
        full = self.full_text(iid, key)
        shown = str(self.set(iid, key))
        if full != shown:
            self.tip.show(full, event.x_root + 12, event.y_root + 16)
        else:
            self.tip.hide()


class Tip:
    """A small window with the full text of the cell under the mouse."""

    def __init__(self, owner: tk.Misc) -> None:
        self.owner = owner
        self.window: tk.Toplevel | None = None
        self.text = ""

    def show(self, text: str, x: int, y: int) -> None:
        if self.window is None or not self.window.winfo_exists():
            self.window = tk.Toplevel(self.owner)
            self.window.wm_overrideredirect(True)
            self.label = ttk.Label(self.window, text="", padding=4, bootstyle="inverse-dark")
            self.label.pack()
        self.text = text
        self.label.configure(text=text)
        self.window.geometry(f"+{x}+{y}")
        self.window.deiconify()
        self.window.lift()

    def hide(self) -> None:
        if self.window is not None and self.window.winfo_exists():
            self.window.withdraw()
        self.text = ""
