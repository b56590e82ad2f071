"""Instrument B (livelihood perception) over a scope: rule D and rule C shares, "yes + partly",
their breakdowns by gender, role and age band, the composite index and dimensions, the
membership proxies, and the D–C agreement (instruments.md §2, §3; decisions §5.4–§5.6, §5.9).

At organization level a share is x/n with its Wilson interval; above it, organizations (by
role) are strata weighted by their members or workers (§5.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from fieldapp.analysis import estimates
from fieldapp.analysis.catalogue import (AGREE, BREAKDOWNS, COMPOSITE, CONSENT_FIELD,
                                         CONSENT_REFUSED, D1_COUNTED, D1_FIELD, D1_PARTLY,
                                         D1_YES, DIMENSIONS, INDICATORS, LIKERT, LINE_LABELS,
                                         PARTICIPATION_FIELD, ROLE_WORKER, RULE_C, RULE_D,
                                         SATISFACTION_FIELD, SURVEY, WORKERS_ORG_TYPE)
from fieldapp.analysis.estimates import Stratum
from fieldapp.analysis.records import Record
from fieldapp.analysis.results import (Difference, Estimate, IndicatorRow,
                                       LivelihoodSummary, Note)
from fieldapp.forms.model import Form, Question, pick_text
from fieldapp.i18n import LANGUAGES, N_
from fieldapp.store.orgs import Organization

FIELDS = (*BREAKDOWNS.values(), CONSENT_FIELD, D1_FIELD, SATISFACTION_FIELD,
          PARTICIPATION_FIELD)
Classify = Callable[[Record], float | None]
SAMPLE_WEIGHT_NOTE = N_("{n} organization(s) weighted by sample size: members or workers "
                        "unknown")
POOLED_NOTE = N_("unweighted pooled share: {value}%")
AGREEMENT_NOTE = N_("rules D and C agree for {value}% of respondents (n = {n})")


def _score(name: str) -> Classify:
    def classify(record: Record) -> float | None:
        return record.scores.get(name, (None, ""))[0]
    return classify


def _answer_share(field: str, success: tuple[str, ...], counted: tuple[str, ...]) -> Classify:
    def classify(record: Record) -> float | None:
        value = record.answers.get(field, "")
        if value in success:
            return 1.0
        return 0.0 if value in counted else None
    return classify


def stratum_size(org: Organization, role: str | None) -> int | None:
    """The population a respondent stands for (§5.5): the organization's workers for a
    worker (its members, in a workers' association that has no separate count), else its
    members; None when unknown."""
    if role == ROLE_WORKER:
        if org.workers_total is not None:
            return org.workers_total
        return org.members_total if org.type == WORKERS_ORG_TYPE else None
    return org.members_total


@dataclass(slots=True)
class Population:
    """The respondents of one round in the scope and how they are weighted."""

    records: list[Record]
    orgs: dict[str, Organization]
    census: bool  # one organization: plain shares, no strata

    def only(self, keep: Callable[[Record], bool]) -> "Population":
        return Population([r for r in self.records if keep(r)], self.orgs, self.census)

    def share(self, classify: Classify) -> Estimate:
        if self.census:
            values = [v for r in self.records if (v := classify(r)) is not None]
            return estimates.share(int(sum(values)), len(values))
        strata: dict[tuple[str, str], Stratum] = {}
        for record in self.records:
            value = classify(record)
            if value is None:
                continue
            role = record.answers.get(BREAKDOWNS["role"], "")
            key = (record.org_id, role)
            if key not in strata:
                size = stratum_size(self.orgs[record.org_id], role)
                strata[key] = Stratum(f"{record.org_id}/{role}", size, 0, 0)
            strata[key].x += int(value)
            strata[key].n += 1
        return estimates.stratified_share(list(strata.values()))

    def mean(self, name: str) -> Estimate:
        if self.census:
            return estimates.mean(self._values(self.records, name))
        groups: dict[tuple[str, str], list[Record]] = {}
        for record in self.records:
            role = record.answers.get(BREAKDOWNS["role"], "")
            groups.setdefault((record.org_id, role), []).append(record)
        return estimates.stratified_mean(
            [(stratum_size(self.orgs[org], role), self._values(found, name))
             for (org, role), found in groups.items()])

    @staticmethod
    def _values(records: list[Record], name: str) -> list[float]:
        return [v for r in records if (v := r.scores.get(name, (None, ""))[0]) is not None]

    def unknown_sizes(self) -> list[str]:
        found = set()
        for record in self.records:
            role = record.answers.get(BREAKDOWNS["role"], "")
            if stratum_size(self.orgs[record.org_id], role) is None:
                found.add(record.org_id)
        return sorted(found)


def _choices(form: Form | None, field: str) -> list[tuple[str, dict[str, str]]]:
    """(value, {language: label}) of a select question, in the form's order."""
    question = form.find(field) if form is not None else None
    if not isinstance(question, Question) or not question.choices:
        return []
    return [(c.name, {lang: pick_text(c.label, lang, form.default_language) or c.name
                      for lang in LANGUAGES}) for c in question.choices]


class _Builder:
    """Builds rows over the current population and, when there is one, the baseline's."""

    def __init__(self, current: Population, baseline: Population | None) -> None:
        self.current = current
        self.baseline = baseline
        self.rows: list[IndicatorRow] = []

    def share_row(self, code: str, classify: Classify, *, keep=None, label: str | None = None,
                  **extra) -> IndicatorRow:
        now = self.current.only(keep) if keep else self.current
        row = IndicatorRow(code, label or INDICATORS[code].label, SURVEY, now.share(classify),
                           **extra)
        if self.baseline is not None:
            before = self.baseline.only(keep) if keep else self.baseline
            row.baseline = before.share(classify)
            row.difference = estimates.share_difference(row.current, row.baseline)
        if row.current.pooled is not None:
            row.notes.append(Note("pooled", POOLED_NOTE,
                                  {"value": row.current.pooled}))
        self.rows.append(row)
        return row

    def mean_row(self, code: str, name: str, *, label: str | None = None,
                 **extra) -> IndicatorRow:
        row = IndicatorRow(code, label or INDICATORS[code].label, SURVEY,
                           self.current.mean(name), **extra)
        if self.baseline is not None:
            row.baseline = self.baseline.mean(name)
            if row.current.value is not None and row.baseline.value is not None:
                row.difference = Difference(row.current.value - row.baseline.value,
                                           "points")
        self.rows.append(row)
        return row

    def breakdown(self, code: str, classify: Classify, group: str,
                  choices: list[tuple[str, dict[str, str]]], label: str | None = None) -> None:
        field = BREAKDOWNS[group]
        for value, labels in choices:
            self.share_row(code, classify, keep=lambda r, v=value: r.answers.get(field) == v,
                           label=label, group=group, category=value, category_label=labels)


def livelihood_rows(current: list[Record], baseline: list[Record] | None,
                    orgs: dict[str, Organization], form: Form | None, *,
                    census: bool) -> tuple[list[IndicatorRow], LivelihoodSummary]:
    """The rows i2.1–i3.2 and the summary of instrument B."""
    in_scope = [r for r in current if r.org_id in orgs]
    now = Population(in_scope, orgs, census)
    before = None
    if baseline is not None:
        before = Population([r for r in baseline if r.org_id in orgs], orgs, census)
    build = _Builder(now, before)
    rule_d = _score(RULE_D)
    main = build.share_row("i2.1", rule_d)
    build.share_row("i2.1", _answer_share(D1_FIELD, (D1_YES, D1_PARTLY), D1_COUNTED),
                    label=LINE_LABELS["yes_or_partly"], group="answer", category="yes_or_partly")
    rule_c = build.share_row("i2.2", _score(RULE_C))
    build.breakdown("i2.3", rule_d, "gender", _choices(form, BREAKDOWNS["gender"]))
    build.breakdown("i2.4", rule_d, "role", _choices(form, BREAKDOWNS["role"]))
    build.breakdown("i2.1", rule_d, "age", _choices(form, BREAKDOWNS["age"]),
                    label=LINE_LABELS["age"])
    build.mean_row("i2.5", COMPOSITE)
    for dimension in DIMENSIONS:
        build.mean_row("i2.5", dimension, label=LINE_LABELS["dimension"], group="dimension",
                       category=dimension, label_params={"dimension": dimension},
                       category_label=_score_label(form, dimension))
    build.share_row("i3.1", _answer_share(SATISFACTION_FIELD, AGREE, LIKERT))
    proxy = build.share_row("i3.2", _answer_share(PARTICIPATION_FIELD, AGREE, LIKERT))
    proxy.notes.append(Note("proxy", N_("proxy from B6.1 until the network defines it")))

    agreement = _agreement(in_scope)
    if agreement.value is not None:
        rule_c.notes.append(Note("agreement", AGREEMENT_NOTE,
                                 {"value": agreement.value, "n": agreement.n}))
    unknown = [] if census else now.unknown_sizes()
    if unknown:
        note = Note("weights", SAMPLE_WEIGHT_NOTE, {"n": len(unknown)})
        for row in build.rows:
            if row.current.method == "stratified":
                row.notes.append(note)
    refused = sum(1 for r in in_scope if r.answers.get(CONSENT_FIELD) == CONSENT_REFUSED)
    no_answer = sum(1 for r in in_scope if r.answers.get(CONSENT_FIELD) != CONSENT_REFUSED
                    and rule_d(r) is None)
    if refused:
        main.notes.append(Note("consent", N_("{n} without consent, counted apart"),
                               {"n": refused}))
    if no_answer:
        main.notes.append(Note("no_answer", N_("{n} answered don't know / no answer, "
                                               "left out"), {"n": no_answer}))
    summary = LivelihoodSummary(questionnaires=len(in_scope), consent_refused=refused,
                                d1_no_answer=no_answer, agreement=agreement,
                                weighted_by_sample=unknown)
    return build.rows, summary


def _agreement(records: list[Record]) -> Estimate:
    pairs = [(d, c) for r in records
             if (d := r.scores.get(RULE_D, (None, ""))[0]) is not None
             and (c := r.scores.get(RULE_C, (None, ""))[0]) is not None]
    return estimates.share(sum(1 for d, c in pairs if d == c), len(pairs))


def _score_label(form: Form | None, name: str) -> dict[str, str]:
    for score in form.scores if form is not None else []:
        if score.name == name:
            return {lang: pick_text(score.label, lang, form.default_language) or name
                    for lang in LANGUAGES}
    return {lang: name for lang in LANGUAGES}
