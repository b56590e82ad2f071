"""What the cooperative feedback report needs beyond the indicator table: the item levels of
the organization's assessment that counts (§5.3) in a round and in its baseline, its strengths
and priorities, and the technician's notes and priority per area.

Added for the printed reports (issue "Printed reports"); it reads the same records as the
indicators (``records.load_records`` and ``assessment.choose``) and only ranks answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.analysis.assessment import choose
from fieldapp.analysis.catalogue import AREAS, ASSESSMENT
from fieldapp.analysis.records import load_records
from fieldapp.forms.model import Form
from fieldapp.store.connection import Database
from fieldapp.store.orgs import get_organization

DATE_FIELD = "fecha"
EVALUATOR_FIELD = "evaluador"
EVIDENCE_FIELD = "evidencias_{area}"
PRIORITY_FIELD = "prioridad_{area}"
SHOWN = 5  # items per list: enough to plan from, few enough to read at an assembly


@dataclass(slots=True)
class ItemLevel:
    """One item of instrument A: the level answered (1–4; None for NA, NS or blank), the raw
    answer, and the baseline's level."""

    code: str
    area: str
    level: int | None
    answer: str | None
    baseline_level: int | None = None

    @property
    def change(self) -> int | None:
        if self.level is None or self.baseline_level is None:
            return None
        return self.level - self.baseline_level


@dataclass(slots=True)
class AreaNotes:
    """The technician's evidence notes and the priority value marked for an area."""

    area: str
    evidence: str
    priority: str


@dataclass(slots=True)
class AssessmentFeedback:
    """The assessment that counts for an organization in a round, item by item."""

    uuid: str
    baseline_uuid: str | None
    finalized_at: str
    assessed_on: str
    evaluator: str
    items: list[ItemLevel] = field(default_factory=list)
    notes: list[AreaNotes] = field(default_factory=list)

    def strengths(self, shown: int = SHOWN) -> list[ItemLevel]:
        """The best items (level 3 or 4), highest first."""
        found = [i for i in self.items if i.level is not None and i.level >= 3]
        return sorted(found, key=lambda i: (-i.level, i.code))[:shown]

    def weakest(self, shown: int = SHOWN) -> list[ItemLevel]:
        """The weakest items (level 1 or 2), lowest first."""
        found = [i for i in self.items if i.level is not None and i.level <= 2]
        return sorted(found, key=lambda i: (i.level, i.code))[:shown]

    def fallen(self, shown: int = SHOWN) -> list[ItemLevel]:
        """The items that fell since the baseline, the largest fall first."""
        found = [i for i in self.items if i.change is not None and i.change < 0]
        return sorted(found, key=lambda i: (i.change, i.code))[:shown]


def item_fields(form: Form) -> dict[str, list[str]]:
    """Area → its item fields, from the form's scoring sheet."""
    return {score.name: list(score.of) for score in form.scores
            if score.name in AREAS and score.kind == "mean"}


def _level(answer: str | None) -> int | None:
    try:
        return int(answer) if answer is not None else None
    except ValueError:
        return None  # na, ns


def assessment_feedback(db: Database, form: Form, org_id: str, round_id: str,
                        baseline_round_id: str | None = None) -> AssessmentFeedback | None:
    """The item levels and area notes of the organization's assessment in ``round_id`` (the
    most recently finalized, §5.3), with the baseline's levels; None without an assessment."""
    org = get_organization(db, org_id)
    areas = item_fields(form)
    items = [name for names in areas.values() for name in names]
    extra = [f.format(area=a) for a in areas for f in (EVIDENCE_FIELD, PRIORITY_FIELD)]
    wanted = [*items, *extra, DATE_FIELD, EVALUATOR_FIELD]
    now = _counted(db, org, round_id, wanted)
    if now is None:
        return None
    before = _counted(db, org, baseline_round_id, items) if baseline_round_id else None
    answers = now.answers
    result = AssessmentFeedback(uuid=now.uuid, baseline_uuid=before.uuid if before else None,
                                finalized_at=now.finalized_at,
                                assessed_on=answers.get(DATE_FIELD) or now.finalized_at[:10],
                                evaluator=answers.get(EVALUATOR_FIELD) or "")
    for area, names in areas.items():
        for name in names:
            result.items.append(ItemLevel(
                name, area, _level(answers.get(name)), answers.get(name),
                _level(before.answers.get(name)) if before else None))
        result.notes.append(AreaNotes(area, answers.get(EVIDENCE_FIELD.format(area=area)) or "",
                                      answers.get(PRIORITY_FIELD.format(area=area)) or ""))
    return result


def _counted(db: Database, org, round_id: str | None, fields: list[str]):
    if round_id is None:
        return None
    loaded = load_records(db, ASSESSMENT, round_id, org_ids=[org.id], fields=fields)
    chosen = choose(loaded.records, {org.id: org}, None).by_org.get(org.id)
    if chosen is None:
        return None
    return next(r for r in loaded.records if r.uuid == chosen.uuid)
