"""A vertically scrolling area whose content follows its width (labels re-wrap on resize)."""

from __future__ import annotations

import tkinter as tk
from typing import Callable

import ttkbootstrap as ttk


class ScrollArea(ttk.Frame):
    """A canvas holding ``self.inner``; scrolls with the wheel, the scrollbar and Tab focus."""

    def __init__(self, parent: tk.Misc, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        bg = self.winfo_toplevel().style.colors.bg
        self.canvas = tk.Canvas(self, highlightthickness=0, borderwidth=0, background=bg)
        self.bar = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        self.canvas.configure(yscrollcommand=self.bar.set)
        self.canvas.grid(row=0, column=0, sticky="nsew")
        self.bar.grid(row=0, column=1, sticky="ns")
        self.columnconfigure(0, weight=1)
        self.rowconfigure(0, weight=1)
        self.inner = ttk.Frame(self.canvas)
        self._window = self.canvas.create_window(0, 0, window=self.inner, anchor="nw")
        self._width_listeners: list[Callable[[int], None]] = []
        self.inner.bind("<Configure>", self._on_inner)
        self.canvas.bind("<Configure>", self._on_canvas)
        self._tag = f"ScrollArea{id(self)}"
        self.bind_wheel(self._tag)
        for widget in (self.canvas, self.inner):
            self.bind_wheel(widget)

    # -- geometry ---------------------------------------------------------------------------
    def _on_inner(self, _event: tk.Event) -> None:
        self.canvas.configure(scrollregion=(0, 0, self.inner.winfo_reqwidth(),
                                            self.inner.winfo_reqheight()))

    def _on_canvas(self, event: tk.Event) -> None:
        self.canvas.itemconfigure(self._window, width=event.width)
        for listener in self._width_listeners:
            listener(event.width)

    def on_width(self, listener: Callable[[int], None]) -> None:
        """Call ``listener(width)`` whenever the visible width changes (to re-wrap labels)."""
        self._width_listeners.append(listener)

    def clear_width_listeners(self) -> None:
        self._width_listeners.clear()

    @property
    def width(self) -> int:
        return max(self.canvas.winfo_width(), 200)

    def fit(self) -> None:
        """Make the scrolled region exactly the contents' size now. A frame whose children
        were all replaced keeps the old, longer page's height until Tk lays it out again, so
        a page shown after a longer one could open scrolled into blank space."""
        self.update_idletasks()
        self.canvas.configure(scrollregion=(0, 0, self.inner.winfo_reqwidth(),
                                            self.inner.winfo_reqheight()))

    def scroll_top(self) -> None:
        self.canvas.yview_moveto(0)

    def see(self, widget: tk.Misc) -> None:
        """Scroll so that ``widget`` (inside ``inner``) is visible."""
        try:
            top = widget.winfo_rooty() - self.inner.winfo_rooty()
        except tk.TclError:
            return
        height = max(widget.winfo_height(), widget.winfo_reqheight())
        total = max(self.inner.winfo_reqheight(), 1)
        view_top, view_bottom = (f * total for f in self.canvas.yview())
        if top < view_top:
            self.canvas.yview_moveto(max(top - 8, 0) / total)
        elif top + height > view_bottom:
            visible = view_bottom - view_top
            self.canvas.yview_moveto(max(top + height + 8 - visible, 0) / total)

    # -- wheel ------------------------------------------------------------------------------
    def bind_wheel(self, target: tk.Misc | str) -> None:
        """Let the wheel (and touchpad) scroll the area while the pointer is over ``target``
        (a widget or a bind tag)."""
        for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
            if isinstance(target, str):
                self.bind_class(target, sequence, self._wheel, add="+")
            else:
                target.bind(sequence, self._wheel, add="+")

    def adopt(self, widget: tk.Misc) -> None:
        """Make the wheel scroll the area over ``widget`` and everything inside it, except
        widgets that scroll themselves (text boxes, lists)."""
        stack = [widget]
        while stack:
            current = stack.pop()
            stack.extend(current.winfo_children())
            if current.winfo_class() in ("Text", "Listbox", "Treeview", "Canvas"):
                continue
            tags = current.bindtags()
            if self._tag not in tags:
                current.bindtags((*tags[:-1], self._tag, tags[-1]))

    def _wheel(self, event: tk.Event) -> str | None:
        if self.inner.winfo_reqheight() <= self.canvas.winfo_height():
            return None
        if getattr(event, "num", None) == 4:
            step = -1
        elif getattr(event, "num", None) == 5:
            step = 1
        else:
            delta = event.delta
            step = -1 if delta > 0 else 1
            if abs(delta) >= 120:  # Windows: multiples of 120; macOS: small deltas
                step = -int(delta / 120)
        self.canvas.yview_scroll(step * 3, "units")
        return "break"
