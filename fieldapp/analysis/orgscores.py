"""An organization's scores for a round, from the stored scores of its submissions
(``scores`` command, the cooperative's feedback report).

A census form (the development assessment: one per organization and round) gives the scores
of the assessment that counts, the most recently finalized (§5.3; the others are listed);
a form with many respondents (the livelihood survey) gives, per score, the mean of the valid
values, and for indicators the share of successes with its 95% Wilson interval, the excluded
answers (NS/NR) counted apart. Figures over too few respondents are suppressed (§5.4).
Drafts (``status="draft"``) have no stored scores: they are scored on the fly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp import storedscores
from fieldapp.analysis import estimates
from fieldapp.analysis.catalogue import ASSESSMENT
from fieldapp.analysis.records import Record, load_records
from fieldapp.analysis.results import RoundRef, _AsDict
from fieldapp.forms.bands import band_for, meets_target
from fieldapp.forms.model import Form, ScoreDef, pick_text
from fieldapp.forms.scores import INSUFFICIENT, NOT_APPLICABLE, OK
from fieldapp.store import submissions as subs
from fieldapp.store.connection import Database
from fieldapp.store.orgs import get_organization
from fieldapp.store.rounds import get_round

CENSUS_FORMS = (ASSESSMENT,)  # one submission per organization and round counts


@dataclass(slots=True)
class OrgRef(_AsDict):
    """An organization as results name it."""

    id: str
    name: str
    country: str


@dataclass(slots=True)
class ScoreSummary(_AsDict):
    """One score of a form for an organization and round: ``value`` (0–100; a share in %
    for an indicator) over ``n`` valid submissions, with ``x``/``low``/``high`` for a share,
    ``band`` (its label in the language asked; ``band_code`` the name) and whether the
    target is met, ``status`` of a census score (ok, partial, insufficient,
    not_applicable), and how many submissions were left out: ``excluded`` (an indicator's
    NS/NR), ``insufficient`` (too few answers) and ``not_applicable``. ``suppressed`` with
    ``reason`` "small_n" when there are too few respondents to show a number."""

    name: str
    kind: str
    label: str
    value: float | None
    n: int
    status: str = OK
    target: float | None = None
    met_target: bool | None = None
    band: str | None = None
    band_code: str | None = None
    x: int | None = None
    low: float | None = None
    high: float | None = None
    excluded: int = 0
    insufficient: int = 0
    not_applicable: int = 0
    suppressed: bool = False
    reason: str | None = None


@dataclass(slots=True)
class FormScores(_AsDict):
    """The scores of one form for the organization and round: how many submissions count,
    the scores in sheet order, and (census forms) the other final submissions recorded."""

    form_id: str
    title: str
    census: bool
    submissions: int
    scores: list[ScoreSummary] = field(default_factory=list)
    also_recorded: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OrgScores(_AsDict):
    """An organization's scores in a round, per scored form; drafts not counted."""

    org: OrgRef
    round: RoundRef
    baseline: bool
    status: str
    drafts_excluded: int = 0
    forms: list[FormScores] = field(default_factory=list)

    def form(self, form_id: str) -> FormScores | None:
        return next((f for f in self.forms if f.form_id == form_id), None)


@dataclass(slots=True)
class _Tally:
    """One score over the counted submissions: valid values (how many, their sum), the
    statuses counted, and for a census the value and status of the one that counts."""

    valid: int = 0
    total: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    first: tuple[float | None, str] | None = None


_AGGREGATE = (
    "SELECT sc.name, count(*), count(sc.value), total(sc.value), sum(sc.status = 'excluded'),"
    " sum(sc.status = 'insufficient'), sum(sc.status = 'not_applicable')"
    " FROM submissions s JOIN submission_scores sc ON sc.uuid = s.uuid"
    " AND sc.revision = s.revision WHERE s.org_id = ? AND s.round_id = ? AND s.form_id = ?"
    " AND s.status = 'final' AND s.deleted = 0 GROUP BY sc.name"
)
_COUNT = (
    "SELECT count(*) FROM submissions WHERE org_id = ? AND round_id = ? AND form_id = ?"
    " AND status = 'final' AND deleted = 0"
)


def org_round_scores(db: Database, org_id: str, round_id: str, *, lang: str | None = None,
                     status: str = "final") -> OrgScores:
    """Scores of every scored form the organization has in the round.

    A survey's final submissions are aggregated in SQL from their stored scores (30,000 in
    a fraction of a second); census forms, drafts and submissions whose scores are not
    stored yet go through their records.

    :raises StoreError: for an unknown organization or round.
    """
    org = get_organization(db, org_id)
    round_ = get_round(db, round_id)
    result = OrgScores(OrgRef(org.id, org.name, org.country),
                       RoundRef(round_.id, round_.name, round_.year), round_.is_baseline, status)
    forms: storedscores.FormCache = {}
    found: list[tuple[Form, FormScores]] = []
    if status == "final":
        result.drafts_excluded = int(db.conn.execute(
            "SELECT count(*) FROM submissions WHERE org_id = ? AND round_id = ?"
            " AND status = 'draft' AND deleted = 0", (org.id, round_.id)).fetchone()[0])
        versions: dict[str, list[str]] = {}
        for form_id, version in db.conn.execute(
                "SELECT DISTINCT form_id, form_version FROM submissions WHERE org_id = ?"
                " AND round_id = ? AND status = 'final' AND deleted = 0 ORDER BY form_id",
                (org.id, round_.id)):
            versions.setdefault(form_id, []).append(version)
        for form_id, known in versions.items():
            form = storedscores.scoring_form(db, form_id, max(known), forms)
            if not form.scores:
                continue
            key = (org.id, round_.id, form_id)
            summed = None if form_id in CENSUS_FORMS else _from_sql(db, form, key, lang)
            if summed is not None:
                found.append((form, summed))
            else:
                records = load_records(db, form_id, round_.id, org_ids=[org.id]).records
                found.append((form, _form_scores(form, records, lang)))
    else:
        for form_id, records in _drafts(db, org.id, round_.id, forms).items():
            latest = max(records, key=lambda r: r.form_version)
            form = storedscores.scoring_form(db, form_id, latest.form_version, forms)
            if form.scores:
                found.append((form, _form_scores(form, records, lang)))
    result.forms = [scores for _form, scores in found]
    result.forms.sort(key=lambda f: (f.form_id != ASSESSMENT, f.form_id))
    return result


def _drafts(db: Database, org_id: str, round_id: str,
            forms: storedscores.FormCache) -> dict[str, list[Record]]:
    by_form: dict[str, list[Record]] = {}
    for submission in subs.list_submissions(db, org=org_id, round=round_id, status="draft"):
        results = storedscores.fresh_scores(db, submission, forms)
        record = Record(submission.uuid, org_id, submission.form_version,
                        submission.updated_at, {v.name: (v.value, v.status) for v in results})
        by_form.setdefault(submission.form_id, []).append(record)
    return by_form


def _from_sql(db: Database, form: Form, key: tuple[str, str, str],
              lang: str | None) -> FormScores | None:
    """A survey's scores aggregated by SQLite over the stored scores; None when some final
    submission has no scores stored for its revision (the caller scores it on the fly)."""
    count = int(db.conn.execute(_COUNT, key).fetchone()[0])
    tallies: dict[str, _Tally] = {}
    for name, rows, valid, total, excluded, insufficient, not_applicable in db.conn.execute(
            _AGGREGATE, key):
        if rows != count:
            return None
        tallies[name] = _Tally(valid, total, {"excluded": excluded or 0,
                                              INSUFFICIENT: insufficient or 0,
                                              NOT_APPLICABLE: not_applicable or 0})
    if set(tallies) != {s.name for s in form.scores}:
        return None
    title = pick_text(form.title, lang, form.default_language) or form.form_id
    found = FormScores(form.form_id, title, False, count)
    for score in form.scores:
        found.scores.append(_summary(score, form, tallies[score.name], lang, census=False))
    return found


def _form_scores(form: Form, records: list[Record], lang: str | None) -> FormScores:
    census = form.form_id in CENSUS_FORMS
    title = pick_text(form.title, lang, form.default_language) or form.form_id
    if census:
        records = sorted(records, key=lambda r: (r.finalized_at, r.uuid), reverse=True)
        counted, others = records[:1], [r.uuid for r in records[1:]]
    else:
        counted, others = records, []
    found = FormScores(form.form_id, title, census, len(counted), also_recorded=others)
    for score in form.scores:
        tally = _Tally()
        for record in counted:
            pair = record.scores.get(score.name)
            if pair is None:
                continue
            value, status = pair
            tally.first = tally.first or pair
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
            if value is not None:
                tally.valid += 1
                tally.total += value
        found.scores.append(_summary(score, form, tally, lang, census))
    return found


def _summary(score: ScoreDef, form: Form, tally: _Tally, lang: str | None,
             census: bool) -> ScoreSummary:
    label = pick_text(score.label, lang, form.default_language) or score.name
    statuses = tally.statuses
    summary = ScoreSummary(score.name, score.kind, label, None, tally.valid, target=score.target,
                           excluded=statuses.get("excluded", 0),
                           insufficient=statuses.get(INSUFFICIENT, 0),
                           not_applicable=statuses.get(NOT_APPLICABLE, 0))
    if census:
        summary.value, summary.status = tally.first or (None, INSUFFICIENT)
    elif score.kind == "indicator":
        share = estimates.share(round(tally.total), tally.valid)
        summary.value, summary.x, summary.low, summary.high = (share.value, share.x,
                                                               share.low, share.high)
        summary.suppressed, summary.reason = share.suppressed, share.reason
        summary.status = OK if tally.valid else INSUFFICIENT
    else:
        mean = estimates.mean_of(tally.total, tally.valid)
        summary.value, summary.suppressed, summary.reason = (mean.value, mean.suppressed,
                                                            mean.reason)
        summary.status = OK if tally.valid else INSUFFICIENT
    if score.kind != "indicator":
        summary.band_code = band_for(score.bands, summary.value)
        summary.band = (pick_text(form.band_labels.get(summary.band_code or ""), lang,
                                  form.default_language) or summary.band_code)
    summary.met_target = meets_target(score.target, summary.value)
    return summary
