"""The network indicator report for coordinators: the indicator table modelled on the
network's own progress reports (code, indicator, baseline, current, difference, target, n,
notes), the same by country and by type of organization, organizations by band, the areas
weakest across the network, and an annex with one line per organization. Landscape pages.

Lays out a ``NetworkReport`` (content.py) built from the indicators' typed results.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from fieldapp import __version__
from fieldapp.analysis.results import IndicatorRow, IndicatorTable
from fieldapp.reports import charts
from fieldapp.reports.content import NetworkReport
from fieldapp.reports.pages import LANDSCAPE, Footer, build_pdf, frame_width
from fieldapp.reports.paragraph import Paragraph
from fieldapp.reports.styles import Styles, make_styles
from fieldapp.reports.tables import Column, Markup, cell_text, make_table
from fieldapp.reports.wording import Wording

# The headline indicators repeated per country and per type of organization
_SUMMARY = ("i1.1", "i1.2", "i2.1")


def write_network_report(report: NetworkReport, out: str | Path | BinaryIO, *,
                         lang: str = "es", paper: str = "a4",
                         generated: date | None = None) -> int:
    """Write the network indicator report to ``out``; returns its page count.

    :raises ReportError: REPORT_001 for an unknown paper, REPORT_002 when ``out`` cannot be
        written
    """
    w = Wording(lang)
    _ = w.gettext
    t = report.table
    footer = Footer(
        left=_("Indicator report") + " · " + report.scope_name + " · " + t.round.name,
        centre=_("Generated {date} · fieldapp {version}").format(
            date=w.day(generated or date.today()), version=__version__),
        page_of=_("Page {page} of {pages}"))
    return build_pdf(out, network_story(report, lang=lang, paper=paper), paper=paper,
                     footer=footer, first=LANDSCAPE,
                     title=_("Indicator report") + " – " + report.scope_name)


def network_story(report: NetworkReport, *, lang: str = "es",
                  paper: str = "a4") -> list[Flowable]:
    """The report's flowables, in order, for landscape pages of ``paper``."""
    w = Wording(lang)
    _ = w.gettext
    styles = make_styles(condensed_tables=True, table_size=8.5)
    width = frame_width(paper, LANDSCAPE)
    t = report.table
    story: list[Flowable] = [Paragraph(cell_text(_("Indicator report")), styles.subtitle),
                             Paragraph(cell_text(report.scope_name), styles.title)]
    period = t.round.name if t.baseline is None else _("{round} compared with {baseline}").format(
        round=t.round.name, baseline=t.baseline.name)
    story.append(Paragraph(cell_text(period), styles.body))
    story.append(Paragraph(cell_text(_coverage(t, w)), styles.body))
    story.append(Spacer(1, 4))
    story += _indicator_table(t, w, styles, width)
    story += _breakdown(_("By country"), _("Country"), report.by_country, w, styles, width)
    story += _breakdown(_("By type of organization"), _("Type of organization"),
                        report.by_type, w, styles, width)
    story += _bands(report, w, styles, width)
    story += _weakest(t, w, styles, width, lang)
    story += _annex(report, w, styles, width)
    story += _notes(t, w, styles)
    return story


def _coverage(t: IndicatorTable, w: Wording) -> str:
    _ = w.gettext
    a = t.assessment
    text = _("Organizations assessed: {assessed} of {registered} registered "
             "({partial} with a partial index). Livelihood questionnaires: {q}.").format(
        assessed=w.integer(a.assessed), registered=w.integer(a.registered),
        partial=w.integer(a.partial), q=w.integer(t.livelihood.questionnaires))
    return text


def _row_label(row: IndicatorRow, w: Wording, areas: dict[str, str]) -> str:
    params = getattr(row, "label_params", None) or {}
    label = w.message(row.label, params)
    if params.get("area") in areas:  # "Mean score of area A1" – and its name
        label += " – " + areas[params["area"]]
    if row.category is not None and row.group != "answer":
        label += " – " + (row.category_label.get(w.lang) or row.category)
    return label


def _target_text(row: IndicatorRow, w: Wording) -> str:
    _ = w.gettext
    if row.target is None:
        return "–"
    if row.target.rule == "above_baseline":
        return _("above the baseline")
    if row.target.value is None:
        return "–"
    return w.percent(row.target.value) if row.current.unit == "%" else w.number(row.target.value)


def _row_notes(row: IndicatorRow, w: Wording) -> list[str]:
    _ = w.gettext
    notes = [w.message(note.message, note.params) for note in row.notes]
    if row.baseline_source.kind == "external":
        source = _("baseline entered by hand ({year})").format(
            year=row.baseline_source.year or "")
        if row.baseline_source.note:
            source += ": " + row.baseline_source.note
        notes.append(source)
    return notes


def _footnoted(rows: list[list[str]]) -> tuple[list[str], list[str]]:
    """Notes that repeat on many rows become numbered footnotes, so the Notes column says
    what is particular to its row and stays short."""
    counts: dict[str, int] = {}
    for notes in rows:
        for note in notes:
            counts[note] = counts.get(note, 0) + 1
    common = [note for note, n in counts.items() if n >= 3]
    cells = []
    for notes in rows:
        marks = [f"({common.index(n) + 1})" for n in notes if n in common]
        own = [n for n in notes if n not in common]
        cells.append("; ".join(own + ([" ".join(marks)] if marks else [])))
    return cells, [f"({i}) {note}" for i, note in enumerate(common, start=1)]


def _indicator_table(t: IndicatorTable, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    base_name = t.baseline.name if t.baseline else _("Baseline")
    columns = [Column(_("Code"), 0.05), Column(_("Indicator"), 0.235),
               Column(base_name, 0.13, True), Column(t.round.name, 0.13, True),
               Column(_("Difference"), 0.145, True), Column(_("Target"), 0.075, True),
               Column("n", 0.045, True), Column(_("Notes"), 0.19)]
    data, shaded = [], []
    notes, footnotes = _footnoted([_row_notes(row, w) for row in t.rows])
    areas = {a.area: a.label.get(w.lang) or a.area for a in t.assessment.weakest_areas}
    for row, note in zip(t.rows, notes):
        if row.group is None:
            shaded.append(len(data))
        data.append([Markup("<b>" + cell_text(row.code) + "</b>") if row.group is None
                     else "", _row_label(row, w, areas), w.estimate(row.baseline),
                     w.estimate(row.current), w.difference(row.difference),
                     _target_text(row, w), w.integer(row.current.n), note])
    story: list[Flowable] = [make_table(columns, data, width=width, styles=s,
                                        shaded_rows=tuple(shaded))]
    story += [Paragraph(cell_text(line), s.note) for line in footnotes]
    story.append(Paragraph(cell_text(_(
        "Shares with their 95 % interval [low; high]. Differences of shares in percentage "
        "points (pp); * the difference is statistically significant (p < 0.05). Differences "
        "of the development index are over the organizations assessed in both rounds.")),
        s.note))
    return story


def _breakdown(title: str, header: str, tables: list[tuple[str, IndicatorTable]], w: Wording,
               s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    if not tables:
        return []
    columns = [Column(header, 0.2),
               Column(_("Organizations assessed"), 0.1, True)]
    columns += [Column(_("Development index (i1.1)"), 0.14, True),
                Column(_("% with index ≥ 85 % (i1.2)"), 0.12, True),
                Column(_("Sustainable livelihood (i2.1)"), 0.24, True),
                Column(_("i2.1 difference from the baseline"), 0.2, True)]
    data = []
    for name, table in tables:
        i11, i12, i21 = (table.row(code) for code in _SUMMARY)
        data.append([name, w.integer(table.assessment.assessed),
                     w.estimate(i11.current if i11 else None),
                     w.estimate(i12.current if i12 else None),
                     w.estimate(i21.current if i21 else None),
                     w.difference(i21.difference if i21 else None)])
    return [CondPageBreak(140), Paragraph(cell_text(title), s.h1),
            make_table(columns, data, width=width, styles=s)]


def _bands(r: NetworkReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    if not r.bands:
        return []
    total = sum(n for _label, n in r.bands) or 1
    bars = [charts.Bar(label, n / total * 100,
                       f"{w.integer(n)} ({w.percent(n / total * 100)})") for label, n in r.bands]
    return [CondPageBreak(200), Paragraph(cell_text(_("Organizations by band of the development "
                                                     "index")), s.h1),
            charts.bar_chart(width * 0.75, bars, current_legend=_(
                "organizations with a complete index ({n})").format(n=w.integer(total)))]


def _weakest(t: IndicatorTable, w: Wording, s: Styles, width: float,
             lang: str) -> list[Flowable]:
    _ = w.gettext
    areas = t.assessment.weakest_areas
    if not areas:
        return []
    bars = [charts.Bar(f"{a.area} {a.label.get(lang) or a.area}", a.mean.value,
                       w.estimate(a.mean)) for a in areas]
    return [CondPageBreak(220), Paragraph(cell_text(_("Areas weakest across the network")),
                                          s.h1),
            Paragraph(cell_text(_("Mean area score over the organizations assessed, weakest "
                                  "first.")), s.body),
            charts.bar_chart(width * 0.75, bars, current_legend=t.round.name)]


def _annex(r: NetworkReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    _ = w.gettext
    if not r.annex:
        return []
    t = r.table
    columns = [Column(_("Organization"), 0.34), Column(_("Country"), 0.1),
               Column(_("Index"), 0.1, True), Column(_("Band"), 0.13),
               Column(_("Change since the baseline"), 0.11, True),
               Column(_("Sustainable livelihood"), 0.16, True), Column("n", 0.06, True)]
    data = [[line.org_name, line.country, w.score(line.index), line.band,
             w.points(line.change), w.share(line.livelihood, interval=False),
             w.integer(line.livelihood.n) if line.livelihood else "–"] for line in r.annex]
    intro = _("One line per organization: its development index and band in {round}, the "
              "change since {baseline}, and the share of its respondents who see their "
              "livelihood as sustainable (rule D).").format(
        round=t.round.name, baseline=t.baseline.name if t.baseline else _("the baseline"))
    return [PageBreak(), Paragraph(cell_text(_("Annex: the organizations")), s.h1),
            Paragraph(cell_text(intro), s.body),
            make_table(columns, data, width=width, styles=s)]


def _notes(t: IndicatorTable, w: Wording, s: Styles) -> list[Flowable]:
    _ = w.gettext
    lines = [w.message(note.message, note.params) for note in t.notes]
    if t.livelihood.weighted_by_sample:
        lines.append(_("Weighted by their sample size because their number of members is not "
                       "registered: {orgs}.").format(orgs=", ".join(t.livelihood.weighted_by_sample)))
    if not lines:
        return []
    return [Spacer(1, 8), Paragraph(cell_text(_("Notes")), s.h2)] + [
        Paragraph(cell_text(line), s.note) for line in lines]
