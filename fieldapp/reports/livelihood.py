"""The livelihood section of the feedback report: the share of members who see their
livelihood as sustainable with its interval and n, the difference from the baseline in points
and in words, the groups (gender, role, age) and the six dimensions."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer

from fieldapp.reports import charts
from fieldapp.reports.content import CoopReport, Share
from fieldapp.reports.paragraph import Paragraph
from fieldapp.reports.styles import Styles
from fieldapp.reports.tables import Column, cell_text, make_table
from fieldapp.reports.wording import Wording


def _p(text: str, style) -> Paragraph:
    return Paragraph(cell_text(text), style)


def livelihood_section(r: CoopReport, w: Wording, s: Styles, width: float) -> list[Flowable]:
    """How members see their livelihood: the share, its comparison, the groups, the six
    dimensions."""
    _ = w.gettext
    story: list[Flowable] = [PageBreak(), _p(_("How members see their livelihood"), s.h1)]
    liv = r.livelihood
    if liv is None:
        story.append(_p(_("No livelihood survey was recorded for this round."), s.body))
        return story
    story.append(_p(_("Share of respondents who consider their livelihood sustainable "
                      "(answer “yes” to question D1), with its 95 % interval:"), s.body))
    story.append(Paragraph("<b>" + cell_text(w.share(liv.share, with_n=True)) + "</b>",
                           s.body))
    if liv.baseline is not None:
        story.append(_p(_("Baseline {round}: {value}").format(
            round=r.baseline_name or "", value=w.share(liv.baseline, with_n=True)), s.body))
    if liv.change is not None and liv.change.diff is not None:
        story.append(_p(_("Difference: {diff} – {verdict}.").format(
            diff=w.change(liv.change), verdict=w.verdict(liv.change)), s.body))
    elif r.baseline_name is None:
        story.append(_p(_("There is no baseline round to compare with yet."), s.body))
    rows = [charts.Interval(_("All respondents"), _value(liv.share), _low(liv.share),
                            _high(liv.share), w.share(liv.share, with_n=True))]
    if liv.baseline is not None:
        rows.append(charts.Interval(r.baseline_name or _("Baseline"), _value(liv.baseline),
                                    _low(liv.baseline), _high(liv.baseline),
                                    w.share(liv.baseline, with_n=True)))
    heading = None
    for group in liv.groups:
        if group.group and group.group != heading:
            heading = group.group
            rows.append(charts.Interval(heading, None, None, None, "", heading=True))
        rows.append(charts.Interval(group.label, _value(group.share), _low(group.share),
                                    _high(group.share), w.share(group.share, with_n=True)))
    story.append(Spacer(1, 4))
    story.append(charts.interval_chart(width, rows))
    story.append(Spacer(1, 6))
    others = []
    if liv.yes_or_partly is not None:
        others.append(_("“Yes” or “partly”: {value}").format(value=w.share(liv.yes_or_partly)))
    if liv.rule_c is not None:
        others.append(_("Sustainable by the six dimensions (composite rule): {value}").format(
            value=w.share(liv.rule_c)))
    if liv.excluded:
        others.append(w.ngettext("{n} respondent did not know or did not answer D1 and is "
                                 "left out of the share.",
                                 "{n} respondents did not know or did not answer D1 and are "
                                 "left out of the share.", liv.excluded).format(n=liv.excluded))
    for line in others:
        story.append(_p(line, s.small))
    if liv.dimensions:
        story.append(_p(_("The six dimensions (0 = totally disagree, 100 = totally agree)"),
                        s.h2))
        columns = [Column(_("Dimension"), 0.46), Column(r.round_name, 0.18, True)]
        if r.baseline_name is not None:
            columns += [Column(r.baseline_name, 0.18, True), Column(_("Difference"), 0.18, True)]
        data = []
        for d in liv.dimensions:
            row: list[object] = [f"{d.code} {d.label}", w.score(d.current)]
            if r.baseline_name is not None:
                row += [w.score(d.baseline), w.points(d.diff)]
            data.append(row)
        if liv.composite is not None:
            row = [_("Composite index"), w.score(liv.composite)]
            if r.baseline_name is not None:
                row += [w.score(liv.composite_baseline), w.points(liv.composite_diff)]
            data.append(row)
        story.append(make_table(columns, data, width=width, styles=s,
                                bold_rows=(len(data) - 1,) if liv.composite else ()))
    return story


def _value(share: Share) -> float | None:
    return None if share.suppressed else share.value


def _low(share: Share) -> float | None:
    return None if share.suppressed else share.low


def _high(share: Share) -> float | None:
    return None if share.suppressed else share.high
