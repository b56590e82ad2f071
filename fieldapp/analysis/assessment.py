"""Instrument A (organizational development) over a scope: the index and areas per
organization, the network's means, bands, coverage and weakest areas, and the change since
the baseline on the balanced panel (instruments.md §1, §3; decisions §5.2–§5.4)."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.analysis import estimates
from fieldapp.analysis.catalogue import AREAS, ASSESSMENT, INDEX, INDICATORS
from fieldapp.analysis.records import Record
from fieldapp.analysis.results import (AreaRank, AssessmentRecord, AssessmentSummary,
                                       Difference, Estimate, IndicatorRow, Note)
from fieldapp.forms.bands import band_for, meets_target
from fieldapp.forms.model import Form, pick_text
from fieldapp.forms.scores import OK
from fieldapp.i18n import LANGUAGES, N_
from fieldapp.store.orgs import Organization

PARTIAL_NOTE = N_("{n} organization(s) with a partial index left out (§5.2)")
OTHERS_NOTE = N_("{n} other assessment(s) recorded in the round, not averaged (§5.3)")
VERSIONS_NOTE = N_("the tool version changed between rounds ({versions})")


@dataclass(slots=True)
class RoundAssessments:
    """The assessment that counts per organization in one round (§5.3)."""

    by_org: dict[str, AssessmentRecord]

    def complete(self) -> dict[str, float]:
        """Organization → index, for complete indexes only (partial ones miss targets)."""
        return {o: r.index for o, r in self.by_org.items()
                if r.index is not None and r.index_status == OK}

    def area(self, area: str) -> dict[str, float]:
        return {o: r.areas[area] for o, r in self.by_org.items()
                if r.areas.get(area) is not None}


def choose(records: list[Record], orgs: dict[str, Organization],
           form: Form | None) -> RoundAssessments:
    """Per organization, the most recently finalized assessment; the others listed."""
    by_org: dict[str, list[Record]] = {}
    for record in records:
        if record.org_id in orgs:
            by_org.setdefault(record.org_id, []).append(record)
    bands = _bands(form)
    chosen: dict[str, AssessmentRecord] = {}
    for org_id, found in by_org.items():
        found.sort(key=lambda r: (r.finalized_at, r.uuid), reverse=True)
        first, org = found[0], orgs[org_id]
        value, status = first.scores.get(INDEX, (None, "insufficient"))
        chosen[org_id] = AssessmentRecord(
            org_id=org_id, org_name=org.name, country=org.country, org_type=org.type,
            uuid=first.uuid, finalized_at=first.finalized_at, form_version=first.form_version,
            index=value, index_status=status, band=band_for(bands, value),
            areas={a: first.scores.get(a, (None, ""))[0] for a in AREAS},
            also_recorded=[r.uuid for r in found[1:]])
    return RoundAssessments(dict(sorted(chosen.items())))


def _bands(form: Form | None) -> tuple[tuple[float, str], ...]:
    if form is None:
        return ()
    for score in form.scores:
        if score.name == INDEX:
            return score.bands
    return ()


def band_labels(form: Form | None) -> dict[str, dict[str, str]]:
    """Band name → {language: label} from the form's ``bands`` sheet."""
    if form is None:
        return {}
    return {name: {lang: pick_text(texts, lang, form.default_language) or name
                   for lang in LANGUAGES}
            for name in (b for _bound, b in _bands(form))
            for texts in [form.band_labels.get(name, {})]}


def _mean_row(code: str, current: dict[str, float], baseline: dict[str, float] | None,
              census: bool, **extra) -> IndicatorRow:
    spec = INDICATORS[code]
    row = IndicatorRow(code, spec.label, ASSESSMENT,
                       estimates.mean(list(current.values()), census=census), **extra)
    if baseline is not None:
        row.baseline = estimates.mean(list(baseline.values()), census=census)
        panel = sorted(set(current) & set(baseline))
        row.difference = estimates.mean_difference(
            _avg([current[o] for o in panel]), _avg([baseline[o] for o in panel]), len(panel),
            minimum=1 if census else estimates.MIN_MEAN_N)
    return row


def _avg(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _met_share(indexes: dict[str, float], census: bool) -> Estimate:
    met = sum(1 for v in indexes.values() if meets_target(85.0, v))
    found = estimates.share(met, len(indexes), minimum=1 if census else estimates.MIN_SHARE_N)
    found.method, found.low, found.high = "census", None, None
    return found


def assessment_rows(current: RoundAssessments, baseline: RoundAssessments | None,
                    orgs: dict[str, Organization], form: Form | None, *,
                    census: bool) -> tuple[list[IndicatorRow], AssessmentSummary]:
    """The rows i1.1–i1.4 and the summary of instrument A.

    :param census: one organization's own result (always shown, never suppressed).
    """
    rows: list[IndicatorRow] = []
    now = current.complete()
    before = baseline.complete() if baseline is not None else None
    index_row = _mean_row("i1.1", now, before, census)
    if census and not now and current.by_org:  # the organization's partial index, shown
        only = next(iter(current.by_org.values()))
        if only.index is not None:
            index_row.current = estimates.mean([only.index], census=True)
            index_row.notes.append(Note("partial", N_("partial index (fewer than 7 areas)")))
    partial = sum(1 for r in current.by_org.values()
                  if r.index is not None and r.index_status != OK)
    if partial and not census:
        index_row.notes.append(Note("partial", PARTIAL_NOTE, {"n": partial}))
    others = sum(len(r.also_recorded) for r in current.by_org.values())
    if others:
        index_row.notes.append(Note("also_recorded", OTHERS_NOTE, {"n": others}))
    if baseline is not None:
        versions = sorted({r.form_version for r in [*current.by_org.values(),
                                                    *baseline.by_org.values()]})
        if len(versions) > 1:
            index_row.notes.append(Note("versions", VERSIONS_NOTE,
                                        {"versions": ", ".join(versions)}))
    index_row.current.band = band_for(_bands(form), index_row.current.value)
    rows.append(index_row)

    met_row = IndicatorRow("i1.2", INDICATORS["i1.2"].label, ASSESSMENT, _met_share(now, census))
    if before is not None:
        met_row.baseline = _met_share(before, census)
        panel = sorted(set(now) & set(before))
        cur, base = (_met_share({o: d[o] for o in panel}, True) for d in (now, before))
        met_row.difference = estimates.mean_difference(
            cur.value, base.value, len(panel), unit="pp",
            minimum=1 if census else estimates.MIN_SHARE_N)
    rows.append(met_row)

    ranks = []
    for letter, area in zip("abcdefg", AREAS):
        row = _mean_row(f"i1.3{letter}", current.area(area),
                        baseline.area(area) if baseline is not None else None, census,
                        label_params={"area": area})
        rows.append(row)
        ranks.append(AreaRank(area, _area_label(form, area), row.current))

    registered = len(orgs)
    assessed = len(current.by_org)
    count_row = IndicatorRow("i1.4a", INDICATORS["i1.4a"].label, ASSESSMENT,
                             estimates.count(assessed, registered))
    if baseline is not None:
        count_row.baseline = estimates.count(len(baseline.by_org), registered)
        count_row.difference = estimates.count_difference(assessed, len(baseline.by_org))
    rows.append(count_row)
    members_all = sum(o.members_total or 0 for o in orgs.values())
    covered = sum(orgs[o].members_total or 0 for o in current.by_org)
    members_row = IndicatorRow("i1.4b", INDICATORS["i1.4b"].label, ASSESSMENT,
                               _coverage(covered, members_all))
    if baseline is not None:
        before_covered = sum(orgs[o].members_total or 0 for o in baseline.by_org)
        members_row.baseline = _coverage(before_covered, members_all)
        if members_row.current.value is not None and members_row.baseline.value is not None:
            members_row.difference = Difference(
                members_row.current.value - members_row.baseline.value, "pp")
    unknown = sum(1 for o in orgs.values() if o.members_total is None)
    if unknown:
        members_row.notes.append(Note("members_unknown", N_(
            "{n} organization(s) without a number of members"), {"n": unknown}))
    rows.append(members_row)

    bands = {name: 0 for _b, name in _bands(form)}
    for org_id, value in now.items():
        name = band_for(_bands(form), value)
        if name is not None:
            bands[name] = bands.get(name, 0) + 1
    summary = AssessmentSummary(
        registered=registered, assessed=assessed, complete=len(now), partial=partial,
        members_registered=members_all, members_covered=covered, bands=bands,
        band_labels=band_labels(form),
        weakest_areas=sorted(ranks, key=lambda r: (r.mean.value is None, r.mean.value or 0)),
        records=list(current.by_org.values()))
    return rows, summary


def _coverage(covered: int, total: int) -> Estimate:
    value = covered * 100 / total if total else None
    return Estimate("share", value, total, x=covered, method="census",
                    suppressed=value is None, reason=None if total else "no_data")


def _area_label(form: Form | None, area: str) -> dict[str, str]:
    if form is not None:
        for score in form.scores:
            if score.name == area:
                return {lang: pick_text(score.label, lang, form.default_language) or area
                        for lang in LANGUAGES}
    return {lang: area for lang in LANGUAGES}
