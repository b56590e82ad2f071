"""Typed results of the indicators: what a report, an export or ``--json`` prints, computed
once here so that none of them computes anything.

Every class is a ``@dataclass(slots=True)`` with ``as_dict()`` (plain JSON-ready data, the
same shape whatever the numbers). Shares are in percent (0–100), differences of shares in
percentage points; ``None`` means "no number", and then ``suppressed``/``reason`` say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from fieldapp.i18n import N_, _

# Why a figure is not shown (Estimate.reason / Difference.reason)
SMALL_N = "small_n"  # fewer than the threshold of §5.4
NO_DATA = "no_data"  # nobody / no organization to count
NO_BASELINE = "no_baseline"  # nothing to compare with
NOT_COMPARABLE = "not_comparable"  # e.g. one side suppressed

REASONS = {
    SMALL_N: N_("insufficient n (n = {n})"),
    NO_DATA: N_("no data"),
    NO_BASELINE: N_("no baseline"),
    NOT_COMPARABLE: N_("not comparable"),
}


def _plain(value: Any) -> Any:
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _AsDict:
    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """The result as plain data (for ``--json`` and exports): every field, nested."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(slots=True)
class Note(_AsDict):
    """A remark printed beside a figure: a stable ``code``, its English message (a msgid)
    and the values it names; ``text()`` gives it in the current language."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """The note in the current language; numbers with one decimal as shown."""
        from fieldapp.forms.bands import display_round
        from fieldapp.i18n import current_language

        comma = current_language() in ("es", "pt")
        values = {}
        for key, value in self.params.items():
            if isinstance(value, float):
                value = f"{display_round(value):.1f}"
                value = value.replace(".", ",") if comma else value
            values[key] = value
        return _(self.message).format(**values)


@dataclass(slots=True)
class Estimate(_AsDict):
    """One figure: a share in % (``kind`` "share", with x of n and its 95% interval), a mean
    (``kind`` "mean", 0–100 unless ``unit`` says otherwise) or a count (``kind`` "count", x of
    n). ``suppressed`` with ``reason`` when it must not be read as a finding (§5.4), ``n``
    always. ``method``: "wilson", "stratified" (then ``n_eff``, ``pooled`` = the unweighted
    share, ``weighting`` = "members", "sample_size" or "mixed"), "census" (one organization's
    own assessment, always shown), "mean", "count" or "external". ``band`` is the band of the
    displayed value where the score has bands. For a count, ``pooled`` is x/n in %."""

    kind: str
    value: float | None
    n: int
    x: int | None = None
    low: float | None = None
    high: float | None = None
    method: str = ""
    unit: str = "%"
    n_eff: float | None = None
    pooled: float | None = None
    weighting: str | None = None
    suppressed: bool = False
    reason: str | None = None
    band: str | None = None
    variance: float | None = None  # of the share as a fraction (for differences)

    def reason_text(self) -> str:
        """Why there is no number, in the current language ('' when there is one)."""
        if not self.reason:
            return ""
        return _(REASONS[self.reason]).format(n=self.n)


@dataclass(slots=True)
class Difference(_AsDict):
    """current − baseline: in percentage points (``unit`` "pp") for shares, in points for
    means; 95% interval (Newcombe's hybrid score for shares); the two-sided test (``test``:
    "z", "fisher", "stratified_z"; None for descriptive differences of a census, such as the
    development index over the balanced panel of ``n_panel`` organizations), its p-value and
    whether p < 0.05. ``relative`` is the change in % for counts."""

    value: float | None
    unit: str = "pp"
    low: float | None = None
    high: float | None = None
    z: float | None = None
    p_value: float | None = None
    test: str | None = None
    significant: bool | None = None
    n_panel: int | None = None
    relative: float | None = None
    suppressed: bool = False
    reason: str | None = None


@dataclass(slots=True)
class BaselineSource(_AsDict):
    """Where a baseline figure comes from: a captured ``round`` (its id, name and year), an
    ``external`` value entered by hand (its year and source note), or ``none``."""

    kind: str
    round_id: str | None = None
    round_name: str | None = None
    year: int | None = None
    note: str = ""


@dataclass(slots=True)
class Target(_AsDict):
    """The target of an indicator: ``rule`` "at_least" (value on the indicator's scale, e.g.
    85) or "above_baseline" (value None); ``met`` whether the current figure reaches it (for
    "above_baseline": a significant increase where there is a test), None when unknown."""

    rule: str
    value: float | None = None
    met: bool | None = None
    note: str = ""


@dataclass(slots=True)
class IndicatorRow(_AsDict):
    """One line of the indicator table: code (stable across years, §3), its label (an
    English msgid: ``label_text()`` translates it), the instrument (form id) or "external"
    it comes from, and for a breakdown the ``group`` ("gender", "role", "age", "dimension",
    "answer") and ``category`` (the choice value) with its labels per language; then the
    baseline, the current figure, the difference, the target and notes."""

    code: str
    label: str
    source: str
    current: Estimate
    baseline: Estimate | None = None
    baseline_source: BaselineSource = field(default_factory=lambda: BaselineSource("none"))
    difference: Difference | None = None
    target: Target | None = None
    group: str | None = None
    category: str | None = None
    category_label: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    label_params: dict[str, str] = field(default_factory=dict)

    def label_text(self) -> str:
        return _(self.label).format(**self.label_params)

    def category_text(self, lang: str) -> str:
        return self.category_label.get(lang) or self.category or ""


@dataclass(slots=True)
class Scope(_AsDict):
    """What a table covers: ``level`` "network", "country" (``country``), "type"
    (``org_type``) or "organization" (``org_id``); country and type may be combined."""

    level: str = "network"
    country: str | None = None
    org_type: str | None = None
    org_id: str | None = None


@dataclass(slots=True)
class RoundRef(_AsDict):
    """A round as results name it."""

    id: str
    name: str
    year: int


@dataclass(slots=True)
class AssessmentRecord(_AsDict):
    """One organization's instrument-A assessment in a round: the one that counts (the most
    recently finalized, §5.3) with its index, status and band, and the UUIDs of the others
    ("also recorded", never averaged)."""

    org_id: str
    org_name: str
    country: str
    org_type: str
    uuid: str
    finalized_at: str
    form_version: str
    index: float | None
    index_status: str
    band: str | None
    areas: dict[str, float | None] = field(default_factory=dict)
    also_recorded: list[str] = field(default_factory=list)


@dataclass(slots=True)
class AreaRank(_AsDict):
    """An area of instrument A with its mean over the organizations assessed (weakest first)."""

    area: str
    label: dict[str, str]
    mean: Estimate


@dataclass(slots=True)
class AssessmentSummary(_AsDict):
    """Instrument A over the scope: organizations registered, assessed (complete index) and
    with a partial index (excluded from targets), members covered, the distribution by band
    (band name → count, in band order, with labels), the areas weakest first, and each
    organization's record."""

    registered: int = 0
    assessed: int = 0
    complete: int = 0
    partial: int = 0
    members_registered: int = 0
    members_covered: int = 0
    bands: dict[str, int] = field(default_factory=dict)
    band_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    weakest_areas: list[AreaRank] = field(default_factory=list)
    records: list[AssessmentRecord] = field(default_factory=list)


@dataclass(slots=True)
class LivelihoodSummary(_AsDict):
    """Instrument B over the scope: questionnaires, consent refused ("sin consentimiento",
    counted apart), D1 answered NS/NR (excluded from rule D), the D–C agreement (share of
    respondents whose rules D and C agree, among those with both), and the organizations
    whose stratum weight is their sample size because their N is unknown (§5.5)."""

    questionnaires: int = 0
    consent_refused: int = 0
    d1_no_answer: int = 0
    agreement: Estimate | None = None
    weighted_by_sample: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IndicatorTable(_AsDict):
    """The indicator table of a round (against a baseline) over a scope: the rows in code
    order, the summaries of both instruments, and notes on the whole table."""

    round: RoundRef
    baseline: RoundRef | None
    scope: Scope
    rows: list[IndicatorRow] = field(default_factory=list)
    assessment: AssessmentSummary = field(default_factory=AssessmentSummary)
    livelihood: LivelihoodSummary = field(default_factory=LivelihoodSummary)
    notes: list[Note] = field(default_factory=list)

    def row(self, code: str, group: str | None = None,
            category: str | None = None) -> IndicatorRow | None:
        """The row of ``code`` (and breakdown), or None."""
        for row in self.rows:
            if (row.code, row.group, row.category) == (code, group, category):
                return row
        return None
