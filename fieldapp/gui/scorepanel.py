"""The live score panel: a form's scores (its ``scoring`` sheet) as the answers come in.

The development index is shown large against its target with its band; means as bars with
the value on the items' own scale (3,2 / 4); indicators as yes / no / not counted.
"""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from fieldapp.forms.instance import strip_indexes
from fieldapp.forms.model import ScoreDef, pick_text
from fieldapp import formatting
from fieldapp.gui.theme import PAD
from fieldapp.gui.widgets.base import update
from fieldapp.gui.widgets.scrolling import ScrollArea
from fieldapp.i18n import N_, _
from fieldapp.forms.scores import EXCLUDED, INSUFFICIENT, PARTIAL, ScoreValue, score_dependencies

WIDTH = 300
VALUE_WIDTH = 96  # pixels for a score's value beside its name ("3,2 / 4 *", "66,7 %", and
# "datos insuficientes" in the small font, one word a line)
# The built-in survey's two sustainability indicators are named after the rules of the
# methodology ("rule D", "composite rule C"), which mean nothing to a technician: plain words
PLAIN_LABELS = {
    ("medios_de_vida", "sust_D"): N_("Sustainable livelihood, as the person sees it (D1)"),
    ("medios_de_vida", "sust_C"): N_("Sustainable livelihood, by the answers' scores"),
}


class ScorePanel(ttk.Frame):
    """The scores of the submission being filled, recomputed when an answer they read changes."""

    def __init__(self, parent: tk.Misc, session) -> None:
        super().__init__(parent, padding=(2 * PAD, PAD, PAD, PAD), width=WIDTH)
        self.session = session
        self.form = session.form
        self.defs: dict[str, ScoreDef] = {s.name: s for s in self.form.scores}
        deps = score_dependencies(self.form)
        self.fields = set().union(*deps.values()) if deps else set()
        self.rows: dict[str, dict[str, tk.Misc]] = {}
        self.refresh_count = 0  # how many times the scores were recomputed (bench, tests)
        # the heading and its note side by side: the assessment's scores, A7 included, fit
        # at 1366×768 without scrolling
        head = ttk.Frame(self)
        head.pack(fill="x", pady=(0, PAD // 2))
        ttk.Label(head, text=_("Scores"), font="FieldappHeading").pack(side="left",
                                                                       anchor="n")
        ttk.Label(head, text=_("Updated as you answer"), font="FieldappSmall",
                  bootstyle="secondary", wraplength=WIDTH // 2 + PAD, justify="right").pack(
            side="right", anchor="e")
        # a form may declare many scores: the list scrolls rather than pushing the window,
        # and says so at its foot while some are out of sight
        self.area = ScrollArea(self)
        self.area.canvas.configure(width=WIDTH - 3 * PAD)
        self.body = self.area.inner
        self.legend = ttk.Label(self, text="", font="FieldappSmall", bootstyle="secondary",
                                wraplength=WIDTH - 30, justify="left")
        self.legend.pack(anchor="w", side="bottom")
        self.more = ttk.Label(self, text="▾ " + _("More scores below: scroll"),
                              font="FieldappSmall", bootstyle="inverse-info", padding=(PAD, 2),
                              cursor="hand2")
        self.more.bind("<Button-1>", lambda e: self.area.canvas.yview_scroll(1, "pages"))
        self.area.canvas.configure(yscrollcommand=self._scrolled)
        self.area.pack(fill="both", expand=True)
        self._build()
        self.refresh()

    def _scrolled(self, first: str, last: str) -> None:
        """The scrollbar follows the list; the "more below" note shows while the end of the
        list is out of sight."""
        self.area.bar.set(first, last)
        shown = bool(self.more.winfo_manager())
        # the room the list would have without the note, so showing it never keeps it shown
        room = self.area.canvas.winfo_height() + (self.more.winfo_height() if shown else 0)
        hidden = self.body.winfo_reqheight() > room + 1 and float(last) < 0.999
        if hidden and not shown:
            self.more.pack(side="bottom", fill="x", before=self.legend)
        elif not hidden and shown:
            self.more.pack_forget()

    def _label(self, score: ScoreDef) -> str:
        plain = PLAIN_LABELS.get((self.form.form_id, score.name))
        if plain:
            return _(plain)
        return pick_text(score.label, self.session.lang, self.form.default_language) or score.name

    def _build(self) -> None:
        for child in self.body.winfo_children():
            child.destroy()
        self.rows = {}
        headline = [s for s in self.form.scores if s.target is not None and s.kind != "indicator"]
        others = [s for s in self.form.scores if s not in headline]
        for score in headline:
            box = ttk.Frame(self.body, padding=(0, 0, 0, PAD))
            box.pack(fill="x")
            name = ttk.Label(box, text=self._label(score), font="FieldappBold",
                             wraplength=WIDTH - 4 * PAD)
            name.pack(anchor="w")
            # the value and its target on one line: every score fits at 1366×768 unscrolled
            line = ttk.Frame(box)
            line.pack(fill="x")
            value = ttk.Label(line, text="", font="FieldappTitle")
            value.pack(side="left")
            target = ttk.Label(line, text="", font="FieldappSmall")
            target.pack(side="right", anchor="s", pady=(0, PAD // 2))
            bar = ttk.Progressbar(box, maximum=100, bootstyle="warning")
            bar.pack(fill="x", pady=(PAD // 2, 0))
            band = ttk.Label(box, text="", font="FieldappBold", wraplength=WIDTH - 4 * PAD,
                             justify="left")
            band.pack(anchor="w")
            self.rows[score.name] = dict(name=name, value=value, bar=bar, target=target, band=band)
            ttk.Separator(self.body).pack(fill="x", pady=(0, PAD))
        for score in others:
            box = ttk.Frame(self.body, padding=(0, 0, 0, 2))
            box.pack(fill="x")
            box.columnconfigure(0, weight=1)
            if score.kind == "indicator":
                name = ttk.Label(box, text=self._label(score), font="FieldappSmall",
                                 wraplength=WIDTH - 4 * PAD, justify="left")
                name.grid(row=0, column=0, columnspan=2, sticky="w")
                row = dict(name=name)
                row["value"] = ttk.Label(box, text="", font="FieldappBold",
                                         wraplength=WIDTH - 4 * PAD, justify="left")
                row["value"].grid(row=1, column=0, sticky="w")
            else:
                # name and value on one line, the bar under both: two lines a score
                name = ttk.Label(box, text=self._label(score), font="FieldappSmall",
                                 wraplength=WIDTH - 4 * PAD - VALUE_WIDTH, justify="left")
                name.grid(row=0, column=0, sticky="w")
                row = dict(name=name)
                row["value"] = ttk.Label(box, text="", anchor="e", justify="right",
                                         wraplength=VALUE_WIDTH)
                row["value"].grid(row=0, column=1, sticky="ne", padx=(PAD // 2, 0))
                row["bar"] = ttk.Progressbar(box, maximum=100, bootstyle="info")
                row["bar"].grid(row=1, column=0, columnspan=2, sticky="ew", pady=(1, 0))
            self.rows[score.name] = row
        self.area.adopt(self.body)

    # -- updating -----------------------------------------------------------------------------
    def changed(self, change) -> None:
        """Recompute when the edit touched a field some score reads."""
        names = {strip_indexes(p).rsplit("/", 1)[-1] for p in change.changed}
        names |= {strip_indexes(p).rsplit("/", 1)[-1] for p in change.writes}
        if names & self.fields:
            self.refresh()

    def refresh(self) -> None:
        results = self.session.scores()
        self.refresh_count += 1
        starred = [results.get(s.name) for s in self.form.scores
                   if s.kind != "indicator" and "band" not in self.rows.get(s.name, {"band": 1})]
        partial = any(v is not None and v.status == PARTIAL and v.valid for v in starred)
        update(self.legend, text="* " + _("partial: some parts have no answers yet")
               if partial else "")
        for score in self.form.scores:
            row = self.rows.get(score.name)
            value = results.get(score.name)
            if row is None or value is None:
                continue
            update(row["name"], text=self._label(score))
            if "band" in row:
                self._show_headline(score, value, row)
            elif score.kind == "indicator":
                update(row["value"], **_indicator_text(value, self._answered(score)))
            else:
                update(row["bar"], value=value.value or 0)
                text = self._value_text(score, value)
                # a number in the normal font; words ("insufficient data") in the small one
                update(row["value"], text=text, font="TkDefaultFont"
                       if value.value is not None or text == "—" else "FieldappSmall")

    def _answered(self, score: ScoreDef) -> bool:
        """Whether a question the score reads has an answer (else "no answer yet")."""
        graph = self.session.graph
        for name in score.of:
            element = graph.by_name.get(name)
            if element is None:
                return True  # another score: it says itself whether it has data
            if any(self.session.value(n.path) != "" for n in self.session.nodes_of(element)):
                return True
        return not score.of

    def _value_text(self, score: ScoreDef, value: ScoreValue) -> str:
        if value.value is None:
            return "—" if value.answered == 0 else _("insufficient data")
        text = formatting.percent(value.value)
        scale = score.scale or _shared_scale(score, self.defs)
        # parts of an index with a target (the assessment's areas) read as percentages like
        # the index; other means (the survey's dimensions) on their own scale
        in_targeted_index = any(score.name in s.of for s in self.form.scores
                                if s.target is not None)
        if value.raw_mean is not None and scale is not None and not in_targeted_index:
            text = f"{formatting.number(value.raw_mean)} / {formatting.number(scale[1], 0)}"
        if value.status == PARTIAL:
            text += " *"
        return text

    def _show_headline(self, score: ScoreDef, value: ScoreValue, row: dict) -> None:
        if value.value is None:
            update(row["value"], text="—")
            update(row["bar"], value=0)
            if value.status != INSUFFICIENT:
                text = ""
            elif value.answered == 0:
                text = _("no data yet")
            else:
                text = _("Not enough answers yet")
            update(row["band"], text=text)
        else:
            text = formatting.percent(value.value)
            if value.status == PARTIAL:
                text += " " + _("(partial)")
            update(row["value"], text=text)
            update(row["bar"], value=value.value)
            met = bool(value.met_target)
            if row.get("met") != met:  # a bootstyle change rebuilds the style: only on change
                row["met"] = met
                row["bar"].configure(bootstyle="success" if met else "warning")
                row["band"].configure(bootstyle="success" if met else "default")
            band = ""
            if value.band:
                band = pick_text(self.form.band_labels.get(value.band), self.session.lang,
                                 self.form.default_language) or value.band
            update(row["band"], text=band)
        if score.target is not None:
            update(row["target"], text=_("Target: {target}").format(
                target=formatting.percent(score.target)))


def _indicator_text(value: ScoreValue, answered: bool = True) -> dict:
    if value.value is None:
        if value.status != EXCLUDED or not answered:
            return dict(text=_("no answer yet"), bootstyle="secondary")
        # the answer given (don't know, no answer) does not count for or against
        return dict(text=_("left out: the answer does not count"), bootstyle="secondary")
    if value.value >= 1:
        return dict(text="✓ " + _("yes"), bootstyle="success")
    return dict(text="✗ " + _("no"), bootstyle="danger")


def _shared_scale(score: ScoreDef, defs: dict[str, ScoreDef]) -> tuple[float, float] | None:
    """The items' scale of a combined score whose parts all share one (B_comp on 1–5)."""
    scales = {defs[p].scale for p in score.of if p in defs}
    return scales.pop() if len(scales) == 1 else None
