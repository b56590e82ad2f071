"""The content of a report from the indicators' typed results and the store: picks, labels
and words in the report language, never a statistic (those come from ``fieldapp.analysis``).
"""

from __future__ import annotations

import re

from fieldapp import formatting as fmt
from fieldapp.analysis.annex import organization_lines
from fieldapp.analysis.breakdowns import headline_tables
from fieldapp.analysis.catalogue import ASSESSMENT, INDEX
from fieldapp.analysis.feedback import (
    AssessmentFeedback,
    ItemLevel,
    assessment_feedback,
)
from fieldapp.analysis.indicators import indicator_table
from fieldapp.analysis.records import shared_loads
from fieldapp.analysis.results import Difference, Estimate, IndicatorTable
from fieldapp.errors import FieldappError, ReportError
from fieldapp.forms.model import Form, pick_text
from fieldapp.i18n import N_, translation
from fieldapp.registry import load_form
from fieldapp.reports.content import (
    AnnexLine,
    AreaNote,
    AreaRow,
    Change,
    CoopReport,
    GroupShare,
    ItemRow,
    Livelihood,
    NetworkReport,
    Score,
    Share,
)
from fieldapp.store import submissions as subs
from fieldapp.store.connection import Database
from fieldapp.store.orgs import ORG_TYPES, get_organization, list_organizations
from fieldapp.store.scores import read_scores, rescale_choices

_ITEM_CODE = re.compile(r"^\s*[A-Z]\d+\.\d+\s+")  # "A1.1 " opening an item's label
_AREA_ROWS = {f"i1.3{letter}": f"A{n}" for n, letter in enumerate("abcdefg", start=1)}


# -- from the indicators' results to what the layout prints ---------------------------------

def share_of(est: Estimate | None) -> Share | None:
    if est is None:
        return None
    return Share(est.value, est.low, est.high, est.n,
                 suppressed=est.suppressed and est.reason == "small_n")


def score_of(est: Estimate | None, status: str | None = None) -> Score | None:
    """A mean as a Score; ``status`` is the stored status of an organization's own score
    (so "not applicable" is told from "insufficient data")."""
    if est is None:
        return None
    if est.value is not None:
        return Score(est.value, "partial" if status == "partial" else "ok", est.n)
    if est.suppressed and est.reason == "small_n":
        return Score(None, "suppressed", est.n)
    return Score(None, status if status in ("not_applicable", "insufficient") else "insufficient",
                 est.n)


def change_of(diff: Difference | None) -> Change | None:
    if diff is None or diff.value is None:
        return None
    return Change(diff.value, diff.low, diff.high, diff.p_value, diff.significant,
                  diff.test or "")


def _text(texts, lang: str, form: Form | None) -> str:
    return pick_text(texts, lang, form.default_language if form else None)


def _form(db: Database, form_id: str) -> Form | None:
    try:
        return load_form(db, form_id)
    except FieldappError:
        return None


def _score_labels(form: Form | None, lang: str) -> dict[str, str]:
    return {s.name: _text(s.label, lang, form) or s.name for s in (form.scores if form else [])}


def _bands(form: Form | None, lang: str) -> list[tuple[float, str]]:
    for score in form.scores if form else []:
        if score.name == INDEX:
            return [(lower, _text(form.band_labels.get(name), lang, form) or name)
                    for lower, name in score.bands]
    return []


def _band_label(form: Form | None, name: str | None, lang: str) -> str:
    if not name or form is None:
        return name or ""
    return _text(form.band_labels.get(name), lang, form) or name


def org_type_label(code: str, lang: str) -> str:
    """``cooperative`` → ``Cooperativa`` (capitalized: it starts a cell)."""
    text = translation(lang).gettext(ORG_TYPES[code]) if code in ORG_TYPES else code
    return text[:1].upper() + text[1:]


# -- the cooperative feedback report --------------------------------------------------------

def coop_report(db: Database, org_id: str, round_id: str, *, baseline_id: str | None = None,
                lang: str = "es", logo: str | None = None) -> CoopReport:
    """Everything the feedback report of ``org_id`` prints for ``round_id``.

    :raises StoreError: for an unknown organization or round
    :raises ReportError: REPORT_004 when the organization has nothing final in the round
    """
    org = get_organization(db, org_id)
    table = indicator_table(db, round_id, baseline=baseline_id, org_id=org.id)
    if not table.assessment.records and not table.livelihood.questionnaires:
        raise ReportError("REPORT_004", id=org.id, round=round_id)
    form = _form(db, ASSESSMENT)
    labels = _score_labels(form, lang)
    feedback = (assessment_feedback(db, form, org.id, round_id,
                                    table.baseline.id if table.baseline else None)
                if form is not None and table.assessment.records else None)
    stored = {}
    base_stored = {}
    if feedback is not None:
        stored = {k: v.status for k, v in read_scores(db, feedback.uuid).items()}
        if feedback.baseline_uuid:
            base_stored = {k: v.status for k, v in read_scores(db, feedback.baseline_uuid).items()}
    index_row = table.row("i1.1")
    record = table.assessment.records[0] if table.assessment.records else None
    has_index = record is not None and index_row is not None
    areas = []
    for code, area in _AREA_ROWS.items():
        row = table.row(code)
        if row is None or record is None:
            continue
        baseline = score_of(row.baseline, base_stored.get(area)) if row.baseline else None
        areas.append(AreaRow(area, labels.get(area, area), score_of(row.current, stored.get(area)),
                             baseline, row.difference.value if row.difference else None))
    rescale = rescale_choices(db, ASSESSMENT).get(INDEX, "range") if form else "range"
    return CoopReport(
        org_id=org.id, org_name=org.name, country=fmt.country_name(org.country, lang),
        org_type=org_type_label(org.type, lang), members=org.members_total,
        round_name=table.round.name,
        baseline_name=table.baseline.name if table.baseline else None,
        assessed_on=feedback.assessed_on if feedback else "",
        technicians=_technicians(db, org.id, round_id, feedback),
        index=score_of(index_row.current, stored.get(INDEX)) if has_index else None,
        index_band=_band_label(form, index_row.current.band, lang) if has_index else "",
        index_baseline=score_of(index_row.baseline, base_stored.get(INDEX))
        if has_index and index_row.baseline is not None else None,
        index_baseline_band="",
        target=index_row.target.value if has_index and index_row.target else None,
        bands=_bands(form, lang), areas=areas,
        strengths=_items(feedback.strengths(), form, lang) if feedback else [],
        weakest=_items(feedback.weakest(), form, lang) if feedback else [],
        fallen=_items(feedback.fallen(), form, lang) if feedback else [],
        notes=_notes(feedback, form, labels, lang) if feedback else [],
        livelihood=_livelihood(table, lang), rescale=rescale,
        also_recorded=len(record.also_recorded) if record else 0, logo=logo)


def _technicians(db: Database, org_id: str, round_id: str,
                 feedback: AssessmentFeedback | None) -> list[str]:
    names = [feedback.evaluator] if feedback and feedback.evaluator else []
    for (technician,) in subs.submission_table(db, ["technician"], org=org_id, round=round_id,
                                               status="final"):
        if technician and technician not in names:
            names.append(technician)
    return names


def _items(items: list[ItemLevel], form: Form, lang: str) -> list[ItemRow]:
    out = []
    for item in items:
        question = form.find(item.code)
        text = _ITEM_CODE.sub("", _text(question.label, lang, form)) if question else item.code
        level_text = ""
        for choice in (getattr(question, "choices", None) or []):
            if choice.name == item.answer:
                level_text = _text(choice.label, lang, form)
        code = item.code.replace("_", ".")
        out.append(ItemRow(code, item.area, text, item.level, level_text, item.baseline_level,
                           item.change))
    return out


def _notes(feedback: AssessmentFeedback, form: Form, labels: dict[str, str],
           lang: str) -> list[AreaNote]:
    out = []
    for note in feedback.notes:
        question = form.find(f"prioridad_{note.area}")
        priority = note.priority
        for choice in (getattr(question, "choices", None) or []):
            if choice.name == note.priority:
                priority = _text(choice.label, lang, form).lower()
        out.append(AreaNote(note.area, labels.get(note.area, note.area), note.evidence, priority))
    return out


_GROUPS = (("i2.3", "gender", N_("By gender")), ("i2.4", "role", N_("By role")),
           ("i2.1", "age", N_("By age")))


def _livelihood(table: IndicatorTable, lang: str) -> Livelihood | None:
    main = table.row("i2.1")
    if main is None or not table.livelihood.questionnaires:
        return None
    tr = translation(lang).gettext
    groups = []
    for code, group, title in _GROUPS:
        for row in table.rows:
            if row.code == code and row.group == group and row.current.n > 0:
                groups.append(GroupShare(row.category_text(lang), share_of(row.current),
                                         share_of(row.baseline), group=tr(title)))
    dimensions = [AreaRow(row.category or "", row.category_text(lang), score_of(row.current),
                          score_of(row.baseline),
                          row.difference.value if row.difference else None)
                  for row in table.rows if row.code == "i2.5" and row.group == "dimension"]
    composite = table.row("i2.5")
    either = table.row("i2.1", "answer", "yes_or_partly")
    rule_c = table.row("i2.2")
    return Livelihood(
        share=share_of(main.current), baseline=share_of(main.baseline),
        change=change_of(main.difference), yes_or_partly=share_of(either.current) if either else None,
        rule_c=share_of(rule_c.current) if rule_c else None,
        excluded=table.livelihood.d1_no_answer, respondents=table.livelihood.questionnaires,
        groups=groups, dimensions=dimensions,
        composite=score_of(composite.current) if composite else None,
        composite_baseline=score_of(composite.baseline) if composite else None,
        composite_diff=composite.difference.value if composite and composite.difference
        else None)


# -- the network report ---------------------------------------------------------------------

def network_report(db: Database, round_id: str, *, baseline_id: str | None = None,
                   country: str | None = None, lang: str = "es") -> NetworkReport:
    """Everything the network indicator report prints.

    :raises StoreError: for an unknown round or country
    """
    with shared_loads():
        return _network_report(db, round_id, baseline_id, country, lang)


def _network_report(db: Database, round_id: str, baseline_id: str | None, country: str | None,
                    lang: str) -> NetworkReport:
    _ = translation(lang).gettext
    table = indicator_table(db, round_id, baseline=baseline_id, country=country)
    code = table.scope.country
    orgs = {o.id: o for o in list_organizations(db) if code is None or o.country == code}
    baseline = table.baseline.id if table.baseline else None  # for the annex
    by_country = []
    if code is None:
        groups = {}
        for org in orgs.values():
            groups.setdefault(org.country, {})[org.id] = org
        found = headline_tables(db, table.round, table.baseline, groups, level="country")
        by_country = sorted(((fmt.country_name(cc, lang), t) for cc, t in found.items()),
                            key=lambda pair: pair[0])
    kinds: dict[str, dict] = {}
    for org in orgs.values():
        kinds.setdefault(org.type, {})[org.id] = org
    found = headline_tables(db, table.round, table.baseline, kinds, level="type")
    by_type = [(org_type_label(kind, lang), found[kind]) for kind in sorted(found)]
    form = _form(db, ASSESSMENT)
    bands = [(_band_label(form, name, lang), count)
             for name, count in table.assessment.bands.items()]
    annex = [AnnexLine(line.org_id, line.org_name, fmt.country_name(line.country, lang),
                       Score(line.index, "partial" if line.index_status == "partial" else "ok")
                       if line.index is not None else None,
                       _band_label(form, line.band, lang), line.change,
                       share_of(line.livelihood))
             for line in organization_lines(db, round_id, baseline, orgs, form)]
    scope_name = fmt.country_name(code, lang) if code else _("The network")
    return NetworkReport(table, scope_name, by_country, by_type, bands, annex)

