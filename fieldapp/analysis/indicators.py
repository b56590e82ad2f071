"""The indicator table of a round against its baseline, for the network, a country, a type of
organization or one organization (``indicators`` command, reports, exports).

Captured rounds come first; where no captured round is the baseline (or it holds no data of
an instrument), a value entered by hand is used (§5.8) and the row says where it came from.
Targets are the catalogue's defaults unless the network set its own.
"""

from __future__ import annotations

from fieldapp.analysis import estimates
from fieldapp.analysis.assessment import assessment_rows, choose
from fieldapp.analysis.catalogue import ASSESSMENT, INDICATORS, SURVEY
from fieldapp.analysis.livelihood import FIELDS, livelihood_rows
from fieldapp.analysis.records import load_records
from fieldapp.analysis.results import (
    BaselineSource,
    IndicatorRow,
    IndicatorTable,
    Note,
    RoundRef,
    Scope,
    Target,
)
from fieldapp.errors import FieldappError
from fieldapp.forms.bands import display_round
from fieldapp.forms.model import Form
from fieldapp.i18n import N_
from fieldapp.registry import load_form
from fieldapp.store.baselines import ExternalValue, find_external_value, list_targets
from fieldapp.store.connection import Database
from fieldapp.store.orgs import (
    Organization,
    get_organization,
    list_organizations,
    org_type,
)
from fieldapp.store.rounds import Round, baseline_round, get_round

SCORED_NOW_NOTE = N_("{n} submission(s) scored now: their scores were not stored yet "
                     "(run 'indicators recompute')")


def indicator_table(db: Database, round_id: str, *, baseline: str | None = None,
                    country: str | None = None, org_type_: str | None = None,
                    org_id: str | None = None) -> IndicatorTable:
    """The indicators of ``round_id`` over a scope, against ``baseline`` (default: the
    baseline round, unless it is ``round_id`` itself).

    :raises StoreError: for an unknown round, organization, country or type.
    :raises FieldappError: IND_009 when the baseline is the round itself.
    """
    current_round = get_round(db, round_id)
    base_round = _baseline_round(db, current_round, baseline)
    scope, orgs = _scope(db, country, org_type_, org_id)
    census = scope.level == "organization"
    table = IndicatorTable(_ref(current_round), _ref(base_round) if base_round else None, scope)
    ids = list(orgs)

    assessment_form = _latest(db, ASSESSMENT)
    now = load_records(db, ASSESSMENT, current_round.id, org_ids=ids)
    before = load_records(db, ASSESSMENT, base_round.id, org_ids=ids) if base_round else None
    chosen_before = choose(before.records, orgs, assessment_form) if before else None
    if chosen_before is not None and not chosen_before.by_org:
        chosen_before = None
    rows_a, table.assessment = assessment_rows(choose(now.records, orgs, assessment_form),
                                               chosen_before, orgs, assessment_form,
                                               census=census)
    survey_form = _latest(db, SURVEY)
    people = load_records(db, SURVEY, current_round.id, org_ids=ids, fields=FIELDS)
    people_before = (load_records(db, SURVEY, base_round.id, org_ids=ids, fields=FIELDS)
                     if base_round else None)
    baseline_people = people_before.records if people_before and people_before.records else None
    rows_b, table.livelihood = livelihood_rows(people.records, baseline_people, orgs,
                                               survey_form, census=census)
    rows = [*rows_a, *rows_b, _external_row(db, "i3.3", scope, current_round)]
    source_a = _source(base_round) if chosen_before is not None else None
    source_b = _source(base_round) if baseline_people is not None else None
    targets = list_targets(db)
    for row in rows:
        source = source_a if row.source == ASSESSMENT else source_b
        if source is not None and row.baseline is not None:
            row.baseline_source = source
        elif row.group is None:
            _external_baseline(db, row, scope, current_round, base_round)
        row.target = _target(row, targets)
    table.rows = rows
    scored_now = now.scored_now + people.scored_now + (before.scored_now if before else 0) \
        + (people_before.scored_now if people_before else 0)
    if scored_now:
        table.notes.append(Note("scored_now", SCORED_NOW_NOTE, {"n": scored_now}))
    return table


def _ref(round_: Round) -> RoundRef:
    return RoundRef(round_.id, round_.name, round_.year)


def _source(round_: Round | None) -> BaselineSource | None:
    if round_ is None:
        return None
    return BaselineSource("round", round_.id, round_.name, round_.year)


def _baseline_round(db: Database, current: Round, chosen: str | None) -> Round | None:
    if chosen is not None:
        found = get_round(db, chosen)
        if found.id == current.id:
            raise FieldappError("IND_009", id=current.id)
        return found
    found = baseline_round(db)
    return found if found is not None and found.id != current.id else None


def _scope(db: Database, country: str | None, type_: str | None,
           org_id: str | None) -> tuple[Scope, dict[str, Organization]]:
    if org_id is not None:
        org = get_organization(db, org_id)
        return Scope("organization", org.country, org.type, org.id), {org.id: org}
    code = None
    if country is not None:
        from fieldapp.store.orgs import resolve_country

        code = resolve_country(country)[0]
    kind = org_type(type_) if type_ is not None else None
    orgs = {o.id: o for o in list_organizations(db)
            if (code is None or o.country == code) and (kind is None or o.type == kind)}
    level = "country" if code else ("type" if kind else "network")
    return Scope(level, code, kind), orgs


def _latest(db: Database, form_id: str) -> Form | None:
    try:
        return load_form(db, form_id)
    except FieldappError:
        return None


def _unit(scope: Scope) -> tuple[str, str] | None:
    """The (level, unit) external values are entered at for this scope (None for a type)."""
    if scope.level == "network":
        return "network", ""
    if scope.level == "country" and scope.org_type is None:
        return "country", scope.country or ""
    if scope.level == "organization":
        return "organization", scope.org_id or ""
    return None


def _external(db: Database, code: str, scope: Scope, year: int | None,
              before: int | None = None) -> ExternalValue | None:
    unit = _unit(scope)
    if unit is None:
        return None
    if year is not None:
        return find_external_value(db, code, unit[0], unit[1], year)
    found = [v for v in _all_years(db, code, unit) if before is None or v.year < before]
    return found[-1] if found else None


def _all_years(db: Database, code: str, unit: tuple[str, str]) -> list[ExternalValue]:
    from fieldapp.store.baselines import list_external_values

    return [v for v in list_external_values(db, code) if (v.level, v.unit) == unit]


def _estimate(code: str, value: ExternalValue):
    kind = "share" if INDICATORS[code].kind == "share" else "mean"
    return estimates.external(value.value, value.n, value.low, value.high, kind)


def _external_baseline(db: Database, row: IndicatorRow, scope: Scope, current: Round,
                       base_round: Round | None) -> None:
    """Use a value entered by hand as the baseline of ``row`` (§5.8), if there is one: of
    the baseline round's year, or else the latest before the current round."""
    found = _external(db, row.code, scope, base_round.year if base_round else None,
                      before=current.year)
    if found is None:
        row.baseline_source = BaselineSource("none")
        return
    row.baseline = _estimate(row.code, found)
    row.baseline_source = BaselineSource("external", year=found.year, note=found.source)
    if row.current.value is None:
        return
    if INDICATORS[row.code].kind == "share":
        row.difference = estimates.share_difference(row.current, row.baseline)
    else:
        row.difference = estimates.mean_difference(row.current.value, row.baseline.value,
                                                   row.current.n, minimum=1)
        row.difference.n_panel = None


def _external_row(db: Database, code: str, scope: Scope, current: Round) -> IndicatorRow:
    """An indicator fieldapp does not capture (i3.3): its value entered for this year."""
    found = _external(db, code, scope, current.year)
    if found is None:
        value = estimates.suppressed("share", 0, method="external")
    else:
        value = _estimate(code, found)
    row = IndicatorRow(code, INDICATORS[code].label, "external", value)
    if found is not None and found.source:
        row.notes.append(Note("source", N_("source: {source}"), {"source": found.source}))
    return row


def _target(row: IndicatorRow, settings: dict) -> Target | None:
    """The indicator's target (the network's own, else the default) and whether it is met."""
    spec = INDICATORS.get(row.code)
    if row.group is not None and row.code not in ("i2.3", "i2.4"):
        return None
    setting = settings.get(row.code)
    if setting is not None:
        rule = "at_least" if setting.value is not None else "above_baseline"
        target = Target(rule, setting.value, note=setting.note)
    elif spec is not None and spec.target_rule is not None:
        target = Target(spec.target_rule, spec.target_value)
    else:
        return None
    current = row.current.value
    if target.rule == "at_least":
        target.met = None if current is None else display_round(current) >= target.value
    elif row.difference is not None and row.difference.value is not None:
        if row.difference.significant is not None:
            target.met = row.difference.value > 0 and row.difference.significant
        else:
            target.met = row.difference.value > 0
    return target

