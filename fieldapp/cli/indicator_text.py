"""The indicator table as text in the interface language (``indicators`` command)."""

from __future__ import annotations

import click

from fieldapp.analysis.results import Difference, Estimate, IndicatorRow, IndicatorTable, Target
from fieldapp.cli.common import echo_table
from fieldapp.forms.bands import display_round
from fieldapp.i18n import _


def number(value: float, lang: str, decimals: int = 1, sign: bool = False) -> str:
    """``58.04`` → ``58,0`` in Spanish and Portuguese, ``58.0`` in English (half up)."""
    shown = display_round(value) if decimals == 1 else round(value, decimals)
    text = f"{shown:+.{decimals}f}" if sign else f"{shown:.{decimals}f}"
    text = text.replace("-", "−")
    return text.replace(".", ",") if lang in ("es", "pt") else text


def estimate_text(value: Estimate | None, lang: str) -> str:
    if value is None:
        return "–"
    if value.value is None:
        return value.reason_text() or "–"
    if value.kind == "count":
        return f"{int(value.value)} / {value.n}"
    unit = "%" if value.unit == "%" else ""
    text = number(value.value, lang) + unit
    if value.low is not None and value.high is not None:
        text += f" [{number(value.low, lang)}; {number(value.high, lang)}]"
    return text


def difference_text(diff: Difference | None, lang: str) -> str:
    if diff is None:
        return "–"
    if diff.value is None:
        return "–"
    unit = {"pp": " pp", "points": "", "": ""}.get(diff.unit, "")
    if diff.unit == "":
        text = number(diff.value, lang, 0, sign=True)
        if diff.relative is not None:
            text += f" ({number(diff.relative, lang, sign=True)}%)"
        return text
    text = number(diff.value, lang, sign=True) + unit
    if diff.low is not None and diff.high is not None:
        text += f" [{number(diff.low, lang, sign=True)}; {number(diff.high, lang, sign=True)}]"
    if diff.p_value is not None:
        text += f" p = {number(diff.p_value, lang, 3)}" + ("*" if diff.significant else "")
    if diff.n_panel is not None:
        text += " " + _("(n = {n} in both rounds)").format(n=diff.n_panel)
    return text


def target_text(target: Target | None, lang: str) -> str:
    if target is None:
        return "–"
    if target.rule == "at_least" and target.value is not None:
        text = f"≥ {number(target.value, lang)}"
    else:
        text = _("> baseline")
    if target.met is True:
        text += " ✓"
    return text


def row_label(row: IndicatorRow, lang: str) -> str:
    label = row.label_text()
    if row.category is not None and row.group in ("gender", "role", "age"):
        label += ": " + row.category_text(lang)
    elif row.group == "dimension":
        label += " " + row.category_text(lang)
    return label


def print_table(table: IndicatorTable, lang: str) -> None:
    """Print the table, then the summaries of both instruments."""
    scope = {"network": _("Network"), "country": _("Country {code}"),
             "type": _("Type {code}"), "organization": _("Organization {code}")}[table.scope.level]
    code = table.scope.org_id or table.scope.country or table.scope.org_type or ""
    click.echo(f"{scope.format(code=code)} — {table.round.name}"
               + (f" / {_('baseline')}: {table.baseline.name}" if table.baseline else ""))
    rows = []
    for row in table.rows:
        base = estimate_text(row.baseline, lang)
        if row.baseline is not None and row.baseline_source.kind == "external":
            base += " " + _("(external {year})").format(year=row.baseline_source.year)
        rows.append([row.code, row_label(row, lang), base, estimate_text(row.current, lang),
                     difference_text(row.difference, lang), target_text(row.target, lang),
                     row.current.n, "; ".join(n.text() for n in row.notes)])
    echo_table([_("Code"), _("Indicator"), _("Baseline"), _("Current"), _("Difference"),
                _("Target"), "n", _("Notes")], rows)
    a = table.assessment
    click.echo("")
    click.echo(_("Organizations assessed: {assessed} of {registered} ({complete} with a "
                 "complete index); members covered: {covered} of {members}.").format(
        assessed=a.assessed, registered=a.registered, complete=a.complete,
        covered=a.members_covered, members=a.members_registered))
    if a.bands:
        click.echo(_("By band: {bands}").format(bands=", ".join(
            f"{a.band_labels.get(name, {}).get(lang, name)} {count}"
            for name, count in a.bands.items())))
    shown = [r for r in a.weakest_areas if r.mean.value is not None][:3]
    if shown:
        click.echo(_("Weakest areas: {areas}").format(areas=", ".join(
            f"{r.area} {r.label.get(lang, r.area)} ({number(r.mean.value, lang)})"
            for r in shown)))
    b = table.livelihood
    click.echo(_("Questionnaires: {n}; without consent: {refused}; D1 don't know / no answer: "
                 "{dk}.").format(n=b.questionnaires, refused=b.consent_refused,
                                 dk=b.d1_no_answer))
    for note in table.notes:
        click.echo(note.text())
    click.echo(_("* p < 0.05. Shares in %, differences in percentage points (pp); intervals "
                 "at 95%."))
