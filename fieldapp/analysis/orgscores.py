"""An organization's scores for a round, from its final submissions (``scores`` command).

A form with one submission (the development assessment) gives that submission's scores; a
form with many (the livelihood survey's respondents) gives, per score, the mean of the valid
values — and for indicators the share of successes with its 95% Wilson interval, the
excluded answers (NS/NR) counted apart.
"""

from __future__ import annotations

from sqlite_utils import Database

from fieldapp.registry import load_form
from fieldapp.forms.model import Form, pick_text
from fieldapp.forms.session import FormSession
from fieldapp.forms.scores import ScoreResults
from fieldapp.analysis.stats import wilson
from fieldapp.store import submissions as subs
from fieldapp.store.orgs import get_organization
from fieldapp.store.rounds import get_round


def submission_scores(db: Database, submission: subs.Submission, forms: dict) -> tuple[Form, ScoreResults]:
    """The scores of one stored submission (forms are loaded once per version)."""
    key = (submission.form_id, submission.form_version)
    if key not in forms:
        forms[key] = load_form(db, *key)
    form = forms[key]
    session = FormSession(form, answers=subs.load_answers(db, submission.uuid))
    return form, session.scores()


def org_round_scores(db: Database, org_id: str, round_id: str, *, lang: str | None = None,
                     status: str = "final") -> dict:
    """Scores of every scored form the organization has in the round, as plain data."""
    org = get_organization(db, org_id)
    round_ = get_round(db, round_id)
    chosen = subs.list_submissions(db, org=org.id, round=round_.id, status=status)
    drafts = len(subs.list_submissions(db, org=org.id, round=round_.id, status="draft"))
    forms: dict = {}
    by_form: dict[str, list[tuple[Form, ScoreResults]]] = {}
    for submission in chosen:
        form, results = submission_scores(db, submission, forms)
        if form.scores:
            by_form.setdefault(form.form_id, []).append((form, results))
    out = {"org": {"id": org.id, "name": org.name, "country": org.country},
           "round": {"id": round_.id, "name": round_.name, "baseline": round_.is_baseline},
           "drafts_excluded": drafts if status == "final" else 0, "forms": []}
    for form_id, items in by_form.items():
        form = items[0][0]
        out["forms"].append({
            "form_id": form_id, "title": pick_text(form.title, lang, form.default_language),
            "submissions": len(items),
            "scores": [_aggregate(name, [r[name] for _f, r in items if name in r], form, lang)
                       for name in items[0][1].scores],
        })
    return out


def _aggregate(name: str, values: list, form: Form, lang: str | None) -> dict:
    first = values[0]
    row: dict = {"name": name, "kind": first.kind,
                 "label": pick_text(first.label, lang, form.default_language) or name,
                 "target": first.target}
    if len(values) == 1 and first.kind != "indicator":
        band = pick_text(form.band_labels.get(first.band or ""), lang, form.default_language)
        row.update(value=first.value, status=first.status, band=band or first.band,
                   met_target=first.met_target, n=1 if first.valid else 0)
        return row
    valid = [v.value for v in values if v.value is not None]
    if first.kind == "indicator":
        share = wilson(int(sum(valid)), len(valid))
        row.update(value=None if share.p is None else share.p * 100, x=share.x, n=share.n,
                   low=None if share.low is None else share.low * 100,
                   high=None if share.high is None else share.high * 100,
                   excluded=len(values) - len(valid), status="ok" if valid else "insufficient")
    else:
        row.update(value=sum(valid) / len(valid) if valid else None, n=len(valid),
                   insufficient=len(values) - len(valid), status="ok" if valid else "insufficient")
    return row
