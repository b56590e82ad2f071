"""Scores of one submission from its answers, by the rules of a form's ``scoring`` sheet.

The rules are those of shared/instruments.md §0–2:

- ``mean``: items answered ``not_applicable`` drop out; blanks, ``missing`` values and
  anything that is not a number on the ``scale`` are unanswered. The score is valid when
  answered / applicable ≥ ``min_valid`` (compared at two decimals, so 0.67 means two
  thirds; without ``min_valid`` one answer is enough) and is (mean − min) / (max − min) × 100,
  or mean / max × 100 with ``rescale`` ``max`` (§5.7). A mean with no applicable item is
  "not applicable", never "insufficient" (§5.2).
- ``weighted_mean``: Σ w·score / Σ w over the valid parts, ``w`` being each part's
  ``weight``; not-applicable parts are left out of numerator and denominator, and the
  score needs valid parts ≥ ``min_valid`` (default 1) − parts not applicable; it is
  "partial" only when an applicable part has insufficient data (§5.2).
- ``min``: the lowest valid part, with the same validity and "partial" rule as
  ``weighted_mean``. So a missing part never lowers the minimum; use ``min_valid`` equal
  to the number of parts to demand all of them.
- ``indicator`` over a question: 1 if the answer is a ``success`` value, 0 if it is another
  ``counted`` value (without ``counted``: any other answer not in ``missing`` or
  ``not_applicable``), otherwise excluded (value None, status "excluded").
- ``indicator`` by ``expression``: true → 1, false → 0; excluded when a score it reads is
  not valid or the result is empty (an empty string or NaN, or a bare ``${field}`` that is
  blank). Scores shadow fields of the same name in ``${…}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping

from fieldapp.expr import compile_expr, to_boolean, to_string
from fieldapp.expr.values import format_number, string_to_number
from fieldapp.forms.model import Form, ScoreDef, Texts
from fieldapp.forms.scoresheet import score_cycles, score_references, scores_read
from fieldapp.forms.bands import band_for, meets_target
from fieldapp.forms.scorecontext import ScoreContext

OK = "ok"
INSUFFICIENT = "insufficient"
PARTIAL = "partial"
EXCLUDED = "excluded"
NOT_APPLICABLE = "not_applicable"

# min_valid is typed with two decimals (0.67 for two thirds); compare at that precision
_FRACTION_SLACK = 0.005


@dataclass(slots=True)
class ScoreValue:
    """One computed score."""

    name: str
    kind: str
    value: float | None  # 0–100 (mean, weighted_mean, min) or 1/0 (indicator); None = no value
    label: Texts = field(default_factory=dict)
    status: str = OK  # ok, insufficient, partial (valid, not all parts), excluded, not_applicable
    answered: int = 0  # items answered / parts valid / 1 when an indicator counts
    applicable: int = 0  # items not "not applicable" / parts / 1 for an indicator
    band: str | None = None
    target: float | None = None
    met_target: bool | None = None
    raw_mean: float | None = None  # on the items' own scale (3.2 on 1–4), when there is one

    @property
    def valid(self) -> bool:
        return self.value is not None


@dataclass(slots=True)
class ScoreResults:
    """The scores of one submission, in the order of the scoring sheet."""

    scores: dict[str, ScoreValue] = field(default_factory=dict)

    def get(self, name: str) -> ScoreValue | None:
        return self.scores.get(name)

    def __getitem__(self, name: str) -> ScoreValue:
        return self.scores[name]

    def __contains__(self, name: object) -> bool:
        return name in self.scores

    def __iter__(self) -> Iterator[ScoreValue]:
        return iter(self.scores.values())

    def __len__(self) -> int:
        return len(self.scores)


def compute_scores(form: Form, answers: Mapping[str, str | None]) -> ScoreResults:
    """Compute every score of ``form`` from ``answers`` (field name → stored value, ``''``
    or None when blank). Scores may read scores defined further down the sheet; the scores
    of a cycle (which ``validate_scores`` reports) come out insufficient.

    :raises ExprError: if an indicator's expression cannot be evaluated.
    """
    defs = {s.name: s for s in form.scores}
    cyclic = {name for cycle in score_cycles(form.scores) for name in cycle}
    done: dict[str, ScoreValue] = {}
    scales: dict[str, tuple[float, float] | None] = {}  # the raw scale each score's raw_mean is on
    for name in _order(defs):
        score = defs[name]
        if name in cyclic:
            result = ScoreValue(name, score.kind, None, status=INSUFFICIENT)
        elif score.kind == "mean":
            result = _mean(score, answers)
            scales[name] = score.scale
        elif score.kind in ("weighted_mean", "min"):
            result = _combine(score, defs, done, scales)
        elif score.expression:
            result = _expression_indicator(score, form, answers, defs, done)
        else:
            result = _answer_indicator(score, answers)
        result.label = dict(score.label)
        result.target = score.target
        result.band = band_for(score.bands, result.value)
        result.met_target = meets_target(score.target, result.value)
        done[name] = result
    return ScoreResults({s.name: done[s.name] for s in form.scores})


def score_dependencies(form: Form) -> dict[str, set[str]]:
    """For each score, the field names it depends on, through the scores it reads: the GUI
    recomputes a score only when one of these changes."""
    defs = {s.name: s for s in form.scores}
    memo: dict[str, set[str]] = {}

    def fields_of(name: str, seen: frozenset[str]) -> set[str]:
        if name in memo:
            return memo[name]
        parts = scores_read(defs[name], defs)
        found = {r for r in score_references(defs[name]) if r not in parts}
        for part in parts:
            if part not in seen:  # a cycle adds nothing new
                found |= fields_of(part, seen | {part})
        memo[name] = found
        return found

    return {name: set(fields_of(name, frozenset({name}))) for name in defs}


def _order(defs: dict[str, ScoreDef]) -> list[str]:
    """Score names with each after the scores it reads (depth first, sheet order otherwise)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:  # placed already, or on the current path (a cycle)
            return
        seen.add(name)
        for ref in scores_read(defs[name], defs):
            visit(ref)
        order.append(name)

    for name in defs:
        visit(name)
    return order


def _clean(value: object) -> str:
    return "" if value is None else str(value).strip()


def _item_number(text: str, scale: tuple[float, float] | None) -> float | None:
    """The item's value as a number on the scale, or None (treated as unanswered)."""
    number = string_to_number(text)  # plain decimals only: not '1_0', 'inf' or '1e3'
    if number != number:
        return None
    if scale is not None and not scale[0] <= number <= scale[1]:
        return None
    return number


def _mean(score: ScoreDef, answers: Mapping[str, str | None]) -> ScoreValue:
    applicable = 0
    values: list[float] = []
    for item in score.of:
        text = _clean(answers.get(item))
        if text in score.not_applicable:
            continue
        applicable += 1
        if not text or text in score.missing:
            continue
        number = _item_number(text, score.scale)
        if number is not None:
            values.append(number)
    result = ScoreValue(score.name, score.kind, None, answered=len(values), applicable=applicable)
    if not applicable:
        result.status = NOT_APPLICABLE
        return result
    needed = score.min_valid or 0.0
    if not values or len(values) / applicable < needed - _FRACTION_SLACK:
        result.status = INSUFFICIENT
        return result
    result.raw_mean = sum(values) / len(values)
    result.value = rescale(result.raw_mean, score.scale, score.rescale)
    return result


def rescale(raw: float, scale: tuple[float, float] | None, method: str = "range") -> float:
    """A value on the items' scale as 0–100: ``range`` (mean − min) / (max − min) × 100, or
    ``max`` mean / max × 100 (the method of some earlier baselines, §5.7); unchanged for a
    mean without a scale."""
    if scale is None:
        return raw
    low, high = scale
    if method == "max":
        return raw / high * 100
    return (raw - low) / (high - low) * 100


def _combine(
    score: ScoreDef,
    defs: Mapping[str, ScoreDef],
    done: Mapping[str, ScoreValue],
    scales: dict[str, tuple[float, float] | None],
) -> ScoreValue:
    """A weighted mean or minimum over the valid parts (scores)."""
    present = [done[p] for p in score.of if p in done]
    applicable = [p for p in present if p.status != NOT_APPLICABLE]
    not_applicable = len(present) - len(applicable)
    parts = [p for p in applicable if p.value is not None]
    result = ScoreValue(score.name, score.kind, None, answered=len(parts),
                        applicable=len(score.of) - not_applicable)
    weights = [defs[p.name].weight for p in parts]
    if present and not applicable and len(present) == len(score.of):
        result.status = NOT_APPLICABLE
        scales[score.name] = None
        return result
    needed = max(1, int(score.min_valid or 1) - not_applicable)
    if len(parts) < needed or (score.kind == "weighted_mean" and sum(weights) <= 0):
        result.status = INSUFFICIENT
        scales[score.name] = None
        return result
    result.status = PARTIAL if len(parts) < result.applicable else OK
    # a raw mean (the 1–5 composite of B) only makes sense when all parts share one scale
    part_scales = {scales.get(p.name) for p in parts}
    scale = part_scales.pop() if len(part_scales) == 1 else None
    scales[score.name] = scale
    has_raw = scale is not None and all(p.raw_mean is not None for p in parts)
    if score.kind == "min":
        lowest = min(parts, key=lambda p: p.value)
        result.value = lowest.value
        result.raw_mean = lowest.raw_mean if has_raw else None
    else:
        total = sum(weights)
        result.value = sum(w * p.value for w, p in zip(weights, parts)) / total
        if has_raw:
            result.raw_mean = sum(w * p.raw_mean for w, p in zip(weights, parts)) / total
    return result


def _indicator(score: ScoreDef, value: float | None) -> ScoreValue:
    answered = 0 if value is None else 1
    status = EXCLUDED if value is None else OK
    return ScoreValue(score.name, score.kind, value, status=status, answered=answered, applicable=1)


def _answer_indicator(score: ScoreDef, answers: Mapping[str, str | None]) -> ScoreValue:
    # split so that a select_multiple answer counts when any chosen value is a success
    chosen = set(_clean(answers.get(score.of[0])).split()) if score.of else set()
    if chosen & score.success:
        return _indicator(score, 1.0)
    if score.counted:
        counts = bool(chosen & score.counted)
    else:
        counts = bool(chosen - score.missing - score.not_applicable)
    return _indicator(score, 0.0 if counts else None)


def _expression_indicator(
    score: ScoreDef,
    form: Form,
    answers: Mapping[str, str | None],
    defs: Mapping[str, ScoreDef],
    done: Mapping[str, ScoreValue],
) -> ScoreValue:
    if any(not done[r].valid for r in scores_read(score, defs)):
        return _indicator(score, None)
    # a score's exact value without float noise (62.49999999999999 is 62.5); '' when none
    values = {
        name: format_number(round(v.value, 9)) if v.valid else "" for name, v in done.items()
    }
    result = compile_expr(score.expression).evaluate(ScoreContext(form, answers, values))
    if isinstance(result, list):  # a bare ${field}: its answer, not whether the node exists
        result = to_string(result)
        number = string_to_number(result)
        result = result if number != number else number
    if (isinstance(result, str) and not result) or (isinstance(result, float) and result != result):
        return _indicator(score, None)
    return _indicator(score, 1.0 if to_boolean(result) else 0.0)
