"""The cooperative feedback report: one PDF per organization and round, for its board and
its assembly (issue "Printed reports"): cover, development index, the seven areas,
strengths and priorities, the technician's notes, livelihood perception, methods.

Lays out a ``CoopReport`` (content.py); computes nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.utils import ImageReader
from reportlab.platypus import (CondPageBreak, Flowable, Image, KeepTogether, PageBreak,
                                Spacer, Table, TableStyle)

from fieldapp import __version__
from fieldapp.errors import ReportError
from fieldapp.reports import charts
from fieldapp.reports.content import AreaRow, CoopReport, ItemRow
from fieldapp.reports.livelihood import livelihood_section
from fieldapp.reports.pages import Footer, build_pdf, frame_width
from fieldapp.reports.paragraph import Paragraph
from fieldapp.reports.styles import LIGHT, Styles, make_styles
from fieldapp.reports.tables import Column, Markup, cell_text, make_table
from fieldapp.reports.wording import Wording


def write_coop_report(report: CoopReport, out: str | Path | BinaryIO, *, lang: str = "es",
                      paper: str = "a4", generated: date | None = None) -> int:
    """Write the feedback report of one organization to ``out``; returns its page count.

    :raises ReportError: REPORT_001 for an unknown paper, REPORT_002 when ``out`` cannot be
        written, REPORT_003 for an unreadable logo
    """
    w = Wording(lang)
    _ = w.gettext
    story = coop_story(report, lang=lang, paper=paper)
    footer = Footer(
        left=_clip(_("Feedback report") + " · " + report.org_name, 70),
        centre=_("Generated {date} · fieldapp {version}").format(
            date=w.day(generated or date.today()), version=__version__),
        page_of=_("Page {page} of {pages}"))
    return build_pdf(out, story, paper=paper, footer=footer,
                  title=_("Feedback report") + " – " + report.org_name)


def coop_story(report: CoopReport, *, lang: str = "es", paper: str = "a4") -> list[Flowable]:
    """The report's flowables, in order (the benchmark counts its tables and charts)."""
    w = Wording(lang)
    styles = make_styles()
    width = frame_width(paper)
    story = _cover(report, w, styles, width)
    story += _areas(report, w, styles, width)
    story += _strengths(report, w, styles, width)
    story += _notes(report, w, styles, width)
    story += livelihood_section(report, w, styles, width)
    story += _methods(report, w, styles)
    return story


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _p(text: str, style) -> Paragraph:
    return Paragraph(cell_text(text), style)


# -- cover and index -------------------------------------------------------------------------

def _logo(path: str | None, styles: Styles) -> list[Flowable]:
    if not path:
        return []
    try:
        reader = ImageReader(path)
        iw, ih = reader.getSize()
    except Exception as exc:  # PIL/reportlab raise many kinds for a bad image
        raise ReportError("REPORT_003", path=path, detail=exc) from exc
    height = 22 * 2.83465  # 22 mm
    image = Image(path, width=height * iw / ih, height=height)
    image.hAlign = "RIGHT"
    return [image, Spacer(1, 6)]


def _cover(r: CoopReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    story: list[Flowable] = _logo(r.logo, s)
    story.append(_p(_("Feedback report"), s.subtitle))
    story.append(_p(r.org_name, s.title))
    facts = [
        (_("Country"), r.country),
        (_("Type of organization"), r.org_type),
        (_("Members"), w.integer(r.members) if r.members is not None else "–"),
        (_("Round"), r.round_name),
        (_("Compared with"), r.baseline_name or _("no baseline round")),
        (_("Date of the assessment"), w.day(r.assessed_on) if r.assessed_on else "–"),
        (w.ngettext("Technician", "Technicians", max(1, len(r.technicians))),
         ", ".join(r.technicians) or "–"),
    ]
    rows = [[Paragraph(cell_text(k), s.cell_head), Paragraph(cell_text(v), s.cell)]
            for k, v in facts]
    table = Table(rows, colWidths=[width * 0.3, width * 0.7], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), s.cell.fontName, s.cell.fontSize),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story += [Spacer(1, 4), table, Spacer(1, 14)]
    story.append(_p(_("This report gives the organization back what its assessment and its "
                      "members' survey found, so the board and the assembly can see where "
                      "the organization stands and plan what to strengthen."), s.body))
    story += _index(r, w, s, width)
    story.append(PageBreak())
    return story


def _index(r: CoopReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    story: list[Flowable] = [_p(_("Development index"), s.h1)]
    if r.index is None:
        story.append(_p(_("This round has no development assessment for the organization."),
                        s.body))
        return story
    value_text = w.score(r.index)
    headline = _("Development index {round}: {value}").format(round=r.round_name,
                                                               value=value_text)
    if r.index.value is not None and r.index_band:
        headline += " – " + r.index_band
    story.append(Paragraph("<b>" + cell_text(headline) + "</b>", s.body))
    baseline_text = ""
    baseline_value = None
    if r.index_baseline is not None:
        baseline_value = r.index_baseline.value
        baseline_text = "{round}: {value}".format(
            round=r.baseline_name or _("Baseline"), value=w.score(r.index_baseline))
    story.append(charts.index_gauge(
        width, value=r.index.value, value_text=value_text,
        bands=[charts.Band(lower, label) for lower, label in r.bands],
        target=r.target, target_text=_("Target {value}").format(value=w.percent(r.target))
        if r.target is not None else "",
        baseline=baseline_value, baseline_text=baseline_text))
    story.append(Spacer(1, 6))
    story.append(_p(_index_sentence(r, w), s.body))
    if r.index.status == "partial":
        story.append(_p(_("The index is partial: one area had too few answers, so it is the "
                          "mean of the other areas and does not count toward the network's "
                          "target."), s.note))
    if r.also_recorded:
        story.append(_p(w.ngettext(
            "{n} other final assessment of this round is recorded; the most recently "
            "finalized one is the one reported.",
            "{n} other final assessments of this round are recorded; the most recently "
            "finalized one is the one reported.", r.also_recorded).format(n=r.also_recorded),
            s.note))
    return story


def _index_sentence(r: CoopReport, w: Wording) -> str:
    _ = w.gettext
    parts = []
    if r.index is not None and r.index.value is not None and r.target is not None:
        gap = r.target - r.index.value
        if gap <= 0:
            parts.append(_("The organization has reached the target of {target}.").format(
                target=w.percent(r.target)))
        else:
            parts.append(_("The organization is {gap} below the target of {target}.").format(
                gap=w.points(gap).lstrip("+"), target=w.percent(r.target)))
    if (r.index_baseline is not None and r.index_baseline.value is not None
            and r.index is not None and r.index.value is not None):
        diff = r.index.value - r.index_baseline.value
        parts.append(_("Since the baseline ({baseline}) the index changed by {diff}.").format(
            baseline=r.baseline_name or "", diff=w.points(diff)))
    elif r.baseline_name is None:
        parts.append(_("There is no baseline round to compare with yet."))
    return " ".join(parts)


# -- the seven areas --------------------------------------------------------------------------

def _areas(r: CoopReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    if not r.areas:
        return []
    story: list[Flowable] = [_p(_("The seven areas"), s.h1)]
    story.append(_p(_("Each area is scored from 0 % (every item at level 1, not in place) to "
                      "100 % (every item at level 4, consolidated)."), s.body))
    story.append(charts.bar_chart(
        width, [_bar(a, w) for a in r.areas], current_legend=r.round_name,
        baseline_legend=r.baseline_name or "",
        target=r.target, target_text=_("Target {value}").format(value=w.percent(r.target))
        if r.target is not None else ""))
    story.append(Spacer(1, 8))
    story.append(_area_table(r.areas, w, s, width, r.round_name, r.baseline_name))
    return story


def _bar(a: AreaRow, w: Wording) -> charts.Bar:
    return charts.Bar(label=f"{a.code} {a.label}", current=a.current.value,
                      current_text=w.score(a.current),
                      baseline=a.baseline.value if a.baseline else None,
                      baseline_text=w.score(a.baseline) if a.baseline else "")


def _area_table(rows: list[AreaRow], w: Wording, s: Styles, width: float, round_name: str,
                baseline_name: str | None) -> Table:
    _ = w.gettext
    columns = [Column(_("Area"), 0.46), Column(round_name, 0.18, True)]
    if baseline_name is not None:
        columns += [Column(baseline_name, 0.18, True), Column(_("Difference"), 0.18, True)]
    data = []
    for a in rows:
        row: list[object] = [f"{a.code} {a.label}", w.score(a.current)]
        if baseline_name is not None:
            row += [w.score(a.baseline), w.points(a.diff)]
        data.append(row)
    return make_table(columns, data, width=width, styles=s)


# -- strengths and priorities -----------------------------------------------------------------

def _strengths(r: CoopReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    if not (r.strengths or r.weakest or r.fallen):
        return []
    story: list[Flowable] = [CondPageBreak(200), _p(_("Strengths and priorities"), s.h1)]
    story.append(_p(_("The items are the assessment's questions; the level is the one the "
                      "organization reached, from 1 (not in place) to 4 (consolidated), with "
                      "what that level means."), s.body))
    for title, items in ((_("Strengths: the best items"), r.strengths),
                         (_("Priorities: the weakest items"), r.weakest),
                         (_("Priorities: what fell most since the baseline"), r.fallen)):
        if not items:
            continue
        story.append(_p(title, s.h2))
        story.append(_item_table(items, w, s, width, with_change=items is r.fallen))
    return story


def _item_table(items: list[ItemRow], w: Wording, s: Styles, width: float, *,
                with_change: bool) -> Table:
    _ = w.gettext
    columns = [Column(_("Item"), 0.5), Column(_("Level reached"), 0.5 - (0.14 if with_change
                                                                     else 0))]
    if with_change:
        columns.append(Column(_("Level at the baseline"), 0.14, True))
    data = []
    for item in items:
        text = Markup(f"<b>{cell_text(item.code)}</b> {cell_text(item.text)}")
        row: list[object] = [text, item.level_text or ("–" if item.level is None
                                                       else str(item.level))]
        if with_change:
            row.append("–" if item.baseline_level is None else str(item.baseline_level))
        data.append(row)
    return make_table(columns, data, width=width, styles=s)


def _notes(r: CoopReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    if not r.notes:
        return []
    story: list[Flowable] = [CondPageBreak(160),
                             _p(_("The technician's notes and the priority of each area"), s.h1)]
    for note in r.notes:
        head = f"<b>{cell_text(note.code)} {cell_text(note.label)}</b>"
        if note.priority:
            head += " · " + cell_text(_("priority: {level}").format(level=note.priority))
        block = [Paragraph(head, s.h2)]
        block.append(_p(note.evidence or _("(no notes)"), s.body))
        story.append(KeepTogether(block) if len(note.evidence) < 600 else block[0])
        if len(note.evidence) >= 600:
            story.append(block[1])
    return story


# -- methods ----------------------------------------------------------------------------------

def _methods(r: CoopReport, w: Wording, s: Styles) -> list[Flowable]:
    _ = w.gettext
    story: list[Flowable] = [CondPageBreak(220), _p(_("How these numbers were made"), s.h1)]
    scale = (_("(mean − 1) / 3 × 100, so level 1 is 0 % and level 4 is 100 %")
             if r.rescale == "range" else
             _("mean / 4 × 100, so level 1 is 25 % and level 4 is 100 % (the method of the "
               "earlier baseline)"))
    paragraphs = [
        _("Each item of the assessment is rated from 1 (not in place) to 4 (consolidated). An "
          "area's score is the mean of its items as {scale}. The development index is the mean "
          "of the seven areas.").format(scale=scale),
        _("“Not applicable” means an item does not concern the organization (for example "
          "the Fairtrade premium where there is none): it is left out, it does not lower the "
          "score. “Insufficient data” means fewer than half of an area's items were answered: "
          "no score is given rather than a misleading one."),
        _("The livelihood share counts the members interviewed who answered “yes” to “Do you "
          "consider your livelihood sustainable?”, out of those who answered yes, partly or "
          "no. The 95 % interval is the range in which the share of all members most likely "
          "lies, given that only some were interviewed."),
        _("A difference from the baseline is called a real change when it is too large to "
          "come from the chance of who was interviewed (p < 0.05); otherwise it could be "
          "chance. With few respondents only large changes can be told apart from chance."),
    ]
    if r.livelihood is not None:
        paragraphs.append(_("Respondents this round: {n}. Groups with fewer than 10 "
                            "respondents are not shown as a number but as “insufficient n”, "
                            "because a share of so few people would mislead.").format(
            n=w.integer(r.livelihood.respondents)))
    for text in paragraphs:
        story.append(_p(text, s.body))
    return story
