"""Choices: select_one as radio buttons (a dropdown for long lists or ``minimal``, searchable
for very long ones) and select_multiple as check boxes; ``or_other`` adds "Other"."""

from __future__ import annotations

import time
import tkinter as tk

import ttkbootstrap as ttk

from fieldapp.forms.model import Choice, pick_text
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.base import FieldWidget, plain, update, with_alt
from fieldapp.gui.widgets import variables
from fieldapp.i18n import _

RADIO_LIMIT = 12  # more choices than this: a dropdown
SEARCH_LIMIT = 200  # more than this: a dropdown filtered by what is typed
HORIZONTAL = {"likert", "horizontal", "horizontal-compact", "quick", "compact"}


def fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


TYPE_AHEAD_S = 0.8  # letters typed closer than this narrow the choice ("n", "s" → NS/NR)
SHORT_SCALE = (3, 7, 16)  # a scale of 3 to 7 options with labels this short goes in one row


def _short_scale(choices: list[tuple[str, str]]) -> bool:
    """Options that fit side by side (a Likert scale: "1" … "5", "Nunca" … "Siempre"), as
    Enketo's ``likert`` appearance shows them: a page then holds many more questions."""
    low, high, longest = SHORT_SCALE
    return low <= len(choices) <= high and all(len(label) <= longest for _n, label in choices)


def _two_columns(choices: list[tuple[str, str]]) -> bool:
    return 4 <= len(choices) <= 7 and all(len(label) <= 34 for _n, label in choices)


def _take_focus(event: tk.Event) -> None:
    if str(event.widget.cget("state")) != "disabled":
        event.widget.focus_set()


class ChoiceWidget(FieldWidget):
    """What select widgets share: the current choices and their labels in the form language."""

    def current_choices(self) -> list[tuple[str, str]]:
        """(name, label) of the choices allowed now (choice_filter applied)."""
        session = self.host.session
        choices: list[Choice] = session.choices(self.path)
        out = [(c.name, plain(pick_text(c.label, session.lang, session.form.default_language))
                or c.name) for c in choices]
        if self.question.or_other and not any(name == "other" for name, _l in out):
            out.append(("other", _("Other")))
        return out

    def refresh(self, state) -> None:
        if self.question.choice_filter and state.relevant:
            choices = self.current_choices()
            if choices != self.choices:
                self.rebuild(choices)
        super().refresh(state)

    def rebuild(self, choices: list[tuple[str, str]]) -> None:
        for child in self.body.winfo_children():
            child.destroy()
        self.choices = choices
        self.build_choices(self.body)
        for widget in self.inputs():
            widget.bind("<FocusOut>", self._focus_out, add="+")
            widget.bind("<FocusIn>", self._focus_in, add="+")
        self.host.adopt(self.body)

    def build(self, body: ttk.Frame) -> None:
        self.choices = self.current_choices()
        self.build_choices(body)

    def build_choices(self, body: ttk.Frame) -> None:
        raise NotImplementedError


class SelectOneWidget(ChoiceWidget):
    """``select_one``: radio buttons; a dropdown when long or ``minimal``."""

    def build_choices(self, body: ttk.Frame) -> None:
        appearance = set(self.question.appearance.split())
        many = len(self.choices)
        self.var = variables.StringVar(value="")
        self._typed, self._typed_at = "", 0.0  # letters typed in a row, to narrow a choice
        self.radios: list[ttk.Radiobutton] = []
        self.combo: ttk.Combobox | None = None
        if "minimal" in appearance or "autocomplete" in appearance or many > RADIO_LIMIT \
                or "search" in self.question.appearance:
            searchable = many > SEARCH_LIMIT or "autocomplete" in appearance \
                or "search" in self.question.appearance
            self._build_combo(body, searchable)
            return
        horizontal = bool(appearance & HORIZONTAL) \
            or any(a.startswith("columns") for a in appearance) or _short_scale(self.choices)
        # a scale of 4 to 7 options of middling length in two columns (1–3 | 4–NS/NR): half
        # the height, so a 768-pixel screen shows twice the questions
        two = not horizontal and _two_columns(self.choices)
        rows = -(-len(self.choices) // 2)
        for i, (name, label) in enumerate(self.choices):
            radio = ttk.Radiobutton(body, text=label, value=name, variable=self.var,
                                    command=self._picked, takefocus=0)
            if horizontal:
                radio.grid(row=0, column=i, sticky="w", padx=(0, 2 * PAD))
            elif two:
                radio.grid(row=i % rows, column=i // rows, sticky="w", pady=1,
                           padx=(0, 3 * PAD))
            else:
                radio.grid(row=i, column=0, sticky="w", pady=1)
            for key in ("<Up>", "<Left>"):
                radio.bind(key, lambda e, s=-1: None if with_alt(e) else self._move(s))
            for key in ("<Down>", "<Right>"):
                radio.bind(key, lambda e, s=1: None if with_alt(e) else self._move(s))
            radio.bind("<Key>", self._type_to_pick, add="+")
            # a click moves the keyboard there too: arrows and letters go on from it
            radio.bind("<ButtonPress-1>", _take_focus, add="+")
            self.radios.append(radio)
        self.clear = ttk.Button(body, text=_("Clear"), bootstyle="secondary-link", takefocus=0,
                                command=lambda: self.commit(""))
        self._focus_stop()

    def _build_combo(self, body: ttk.Frame, searchable: bool) -> None:
        self.searchable = searchable
        labels = [label for _n, label in self.choices]
        self.combo = ttk.Combobox(body, values=labels, width=50,
                                  state="normal" if searchable else "readonly")
        self.combo.grid(row=0, column=0, sticky="w")
        self.combo.bind("<<ComboboxSelected>>", lambda e: self._combo_picked())
        if searchable:
            self.combo.bind("<KeyRelease>", self._filter, add="+")
        self.clear = ttk.Button(body, text=_("Clear"), bootstyle="secondary-link", takefocus=0,
                                command=lambda: self.commit(""))
        self.clear.grid(row=0, column=1, padx=PAD)

    # -- radios -----------------------------------------------------------------------------
    def _focus_stop(self) -> None:
        """Only one radio of the group is a Tab stop: the chosen one, else the first."""
        chosen = self.var.get()
        stop = next((r for r in self.radios if r.cget("value") == chosen), None)
        stop = stop or (self.radios[0] if self.radios else None)
        for radio in self.radios:
            update(radio, takefocus=1 if radio is stop else 0)

    def _picked(self) -> None:
        self.commit(self.var.get())
        self._focus_stop()

    def _move(self, step: int) -> str:
        focus = self.focus_get()
        if focus not in self.radios or str(focus.cget("state")) == "disabled":
            return "break"
        index = (self.radios.index(focus) + step) % len(self.radios)
        target = self.radios[index]
        target.focus_set()
        target.invoke()
        return "break"

    def _type_to_pick(self, event: tk.Event) -> str | None:
        """Letters pick the choice whose label starts with them (``3``, ``n``): typed quickly
        they narrow it (``n`` ``s`` → NS/NR), and the same letter again moves on to the next
        choice starting with it (NA → NS/NR), as in a list box."""
        char = (event.char or "").strip()
        if with_alt(event) or not char or not char.isprintable() \
                or str(event.widget.cget("state")) == "disabled":
            return None
        now = time.monotonic()
        typed = self._typed + char if now - self._typed_at < TYPE_AHEAD_S else char
        self._typed_at = now
        labels = [fold(label) for _n, label in self.choices]
        hits = [r for r, label in zip(self.radios, labels) if label.startswith(fold(typed))]
        if not hits and len(typed) > 1 and len(set(fold(typed))) == 1:
            typed = char  # the same letter again: cycle through the choices starting with it
            hits = [r for r, label in zip(self.radios, labels) if label.startswith(fold(char))]
        if not hits:
            typed = char
            hits = [r for r, label in zip(self.radios, labels) if label.startswith(fold(char))]
        if not hits:
            hits = [r for r, (name, _l) in zip(self.radios, self.choices)
                    if fold(name) == fold(char)]
        self._typed = typed
        if not hits:
            return None
        target = hits[0]
        if event.widget in hits and len(typed) == 1:
            target = hits[(hits.index(event.widget) + 1) % len(hits)]
        target.focus_set()
        target.invoke()
        return "break"

    # -- dropdown ---------------------------------------------------------------------------
    def _combo_picked(self) -> None:
        text = self.combo.get()
        name = next((n for n, label in self.choices if label == text), None)
        if name is not None:
            self.commit(name)

    def _filter(self, event: tk.Event) -> None:
        if event.keysym in ("Down", "Up", "Return", "Tab", "Escape"):
            return
        typed = fold(self.combo.get().strip())
        labels = [label for _n, label in self.choices if typed in fold(label)]
        self.combo.configure(values=labels[:SEARCH_LIMIT] if typed else
                             [label for _n, label in self.choices])

    def pending(self) -> str | None:
        if self.combo is None or not self.searchable:
            return None
        text = self.combo.get().strip()
        current = self.state_now.value if self.state_now else ""
        label = next((label for n, label in self.choices if n == current), "")
        if text == label:
            return None
        if not text:
            return ""
        name = next((n for n, lab in self.choices if fold(lab) == fold(text)), None)
        return name if name is not None else text  # the core explains an unknown value

    # -- common -----------------------------------------------------------------------------
    def show_value(self, raw: str) -> None:
        if self.combo is not None:
            label = next((label for n, label in self.choices if n == raw), raw)
            self.combo.set(label)
        else:
            if self.var.get() != raw:
                self.var.set(raw)
                self._focus_stop()
            if raw and not (self.state_now and self.state_now.required):
                if not self.clear.winfo_manager():
                    self.clear.grid(row=len(self.radios), column=0, sticky="w")
            elif self.clear.winfo_manager():
                self.clear.grid_remove()

    def inputs(self) -> list[tk.Misc]:
        if self.combo is not None:
            return [self.combo]
        return list(self.radios)

    def set_editable(self, editable: bool) -> None:
        if self.combo is not None:
            self.combo.configure(state=("normal" if self.searchable else "readonly")
                                 if editable else "disabled")
            self.clear.configure(state="normal" if editable else "disabled")
            return
        for radio in self.radios:
            radio.configure(state="normal" if editable else "disabled")
        self.clear.configure(state="normal" if editable else "disabled")

    def focus_first(self) -> None:
        if self.combo is not None:
            self.combo.focus_set()
            return
        stops = [r for r in self.radios if str(r.cget("takefocus")) == "1"]
        if stops:
            stops[0].focus_set()


class SelectMultipleWidget(ChoiceWidget):
    """``select_multiple``: one check box per choice (in columns when there are many)."""

    def build_choices(self, body: ttk.Frame) -> None:
        self.vars: dict[str, variables.BooleanVar] = {}
        self.boxes: list[ttk.Checkbutton] = []
        columns = 1 if len(self.choices) <= RADIO_LIMIT else 3
        rows = -(-len(self.choices) // columns)
        for i, (name, label) in enumerate(self.choices):
            var = variables.BooleanVar(value=False)
            box = ttk.Checkbutton(body, text=label, variable=var, command=self._toggled)
            box.bind("<ButtonPress-1>", _take_focus, add="+")
            box.grid(row=i % rows, column=i // rows, sticky="w", pady=1, padx=(0, 2 * PAD))
            self.vars[name] = var
            self.boxes.append(box)

    def _toggled(self) -> None:
        self.commit(" ".join(name for name, var in self.vars.items() if var.get()))

    def show_value(self, raw: str) -> None:
        chosen = set(raw.split())
        for name, var in self.vars.items():
            var.set(name in chosen)

    def inputs(self) -> list[tk.Misc]:
        return list(self.boxes)
