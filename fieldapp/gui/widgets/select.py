"""Choices: select_one as radio buttons (a dropdown for long lists or ``minimal``, searchable
for very long ones) and select_multiple as check boxes; ``or_other`` adds "Other"."""

from __future__ import annotations

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
        self.radios: list[ttk.Radiobutton] = []
        self.combo: ttk.Combobox | None = None
        if "minimal" in appearance or "autocomplete" in appearance or many > RADIO_LIMIT \
                or "search" in self.question.appearance:
            searchable = many > SEARCH_LIMIT or "autocomplete" in appearance \
                or "search" in self.question.appearance
            self._build_combo(body, searchable)
            return
        horizontal = bool(appearance & HORIZONTAL) \
            or any(a.startswith("columns") for a in appearance)
        for i, (name, label) in enumerate(self.choices):
            radio = ttk.Radiobutton(body, text=label, value=name, variable=self.var,
                                    command=self._picked, takefocus=0)
            if horizontal:
                radio.grid(row=0, column=i, sticky="w", padx=(0, 2 * PAD))
            else:
                radio.grid(row=i, column=0, sticky="w", pady=1)
            for key in ("<Up>", "<Left>"):
                radio.bind(key, lambda e, s=-1: None if with_alt(e) else self._move(s))
            for key in ("<Down>", "<Right>"):
                radio.bind(key, lambda e, s=1: None if with_alt(e) else self._move(s))
            radio.bind("<Key>", self._type_to_pick, add="+")
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
        """A key that starts exactly one choice's label (``3``, ``n``) picks that choice."""
        char = (event.char or "").strip()
        if with_alt(event) or not char or not char.isprintable() \
                or str(event.widget.cget("state")) == "disabled":
            return None
        hits = [r for r, (_n, label) in zip(self.radios, self.choices)
                if fold(label).startswith(fold(char))]
        if len(hits) != 1:
            hits = [r for r, (name, _l) in zip(self.radios, self.choices)
                    if fold(name) == fold(char)]
        if len(hits) == 1:
            hits[0].focus_set()
            hits[0].invoke()
            return "break"
        return None

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
