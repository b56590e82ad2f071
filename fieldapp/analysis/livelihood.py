"""Instrument B (livelihood perception) over a scope: rule D and rule C shares, "yes + partly",
their breakdowns by gender, role and age band, the composite index and dimensions, the
membership proxies, and the D–C agreement (instruments.md §2, §3; decisions §5.4–§5.6, §5.9).

At organization level a share is x/n with its Wilson interval; above it, organizations (by
role) are strata weighted by their members or workers (§5.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    # each record's stratum (organization, role), worked out once for every share and mean
    _strata: list[tuple[str, str]] | None = field(default=None, init=False, repr=False)
    _groups: dict[tuple[str, str], list[Record]] | None = field(default=None, init=False,
                                                                 repr=False)

    def strata(self) -> list[tuple[str, str]]:
        """The stratum (organization, role) of each record, in the records' order."""
        if self._strata is None:
            role = BREAKDOWNS["role"]
            self._strata = [(r.org_id, r.answers.get(role, "")) for r in self.records]
        return self._strata

    def subset(self, records: list[Record]) -> "Population":
        return Population(records, self.orgs, self.census)

    def split(self, field_name: str) -> dict[str | None, "Population"]:
        """The respondents by their answer to ``field_name`` (None: not answered), each part
        in the records' order."""
        parts: dict[str | None, tuple[list[Record], list[tuple[str, str]]]] = {}
        for record, stratum in zip(self.records, self.strata()):
            part = parts.get(value := record.answers.get(field_name))
            if part is None:
                part = parts[value] = ([], [])
            part[0].append(record)
            part[1].append(stratum)
        out = {}
        for value, (records, strata) in parts.items():
            out[value] = population = self.subset(records)
            population._strata = strata
        return out

    def share(self, classify: Classify) -> Estimate:
        if self.census:
            values = [v for r in self.records if (v := classify(r)) is not None]
            return estimates.share(int(sum(values)), len(values))
        # successes and respondents per stratum, the strata in the order they first count
        counts: dict[tuple[str, str], list[int]] = {}
        for record, stratum in zip(self.records, self.strata()):
            value = classify(record)
            if value is None:
                continue
            cell = counts.get(stratum)
            if cell is None:
                counts[stratum] = [int(value), 1]
            else:
                cell[0] += int(value)
                cell[1] += 1
        return estimates.stratified_share(
            [Stratum(f"{org}/{role}", stratum_size(self.orgs[org], role), x, n)
             for (org, role), (x, n) in counts.items()])

    def mean(self, name: str) -> Estimate:
        if self.census:
            return estimates.mean(self._values(self.records, name))
        return estimates.stratified_mean(
            [(stratum_size(self.orgs[org], role), self._values(found, name))
             for (org, role), found in self.groups().items()])

    def groups(self) -> dict[tuple[str, str], list[Record]]:
        """The records of each stratum, the strata in the order they first appear."""
        if self._groups is None:
            self._groups = {}
            for record, stratum in zip(self.records, self.strata()):
                found = self._groups.get(stratum)
                if found is None:
                    self._groups[stratum] = [record]
                else:
                    found.append(record)
        return self._groups

    @staticmethod
    def _values(records: list[Record], name: str) -> list[float]:
        return [v for r in records if (v := r.scores.get(name, (None, ""))[0]) is not None]

    def unknown_sizes(self) -> list[str]:
        found = set()
        for org, role in set(self.strata()):
            if stratum_size(self.orgs[org], role) is None:
                found.add(org)
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

    def share_row(self, code: str, classify: Classify, *, label: str | None = None,
                  parts: tuple[Population, Population | None] | None = None,
                  **extra) -> IndicatorRow:
        """A share over the whole population, or over ``parts`` (this round's respondents
        of a category and the baseline's)."""
        now, before = parts if parts is not None else (self.current, self.baseline)
        row = IndicatorRow(code, label or INDICATORS[code].label, SURVEY, now.share(classify),
                           **extra)
        if before is not None:
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
        field_name = BREAKDOWNS[group]
        now = self.current.split(field_name)
        before = self.baseline.split(field_name) if self.baseline is not None else None
        nobody = self.current.subset([])
        for value, labels in choices:
            parts = (now.get(value, nobody), None if before is None else before.get(value, nobody))
            self.share_row(code, classify, label=label, parts=parts, group=group,
                           category=value, category_label=labels)


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
