"""What a printed report shows, as typed values already computed elsewhere.

The layout modules (``coop.py``, ``network.py``) read only these classes; ``sources.py``
fills them from the indicators' typed results (``fieldapp/analysis``) and the store. No
statistic is computed here or in the layout: a share arrives with its interval and its n,
a difference with its interval and its test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.analysis.results import IndicatorTable


@dataclass(slots=True)
class Share:
    """A share of respondents on 0–100 with its 95% interval; ``suppressed`` when n is below
    the threshold (printed as "n insuficiente (n = 7)", never as a number)."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    suppressed: bool = False


@dataclass(slots=True)
class Change:
    """A difference from the baseline in percentage points, its 95% interval and test."""

    diff: float | None
    low: float | None = None
    high: float | None = None
    p_value: float | None = None
    significant: bool | None = None
    test: str = ""  # "z" or "fisher"


@dataclass(slots=True)
class Score:
    """A score on 0–100 (an area, the index, a dimension) with its status:
    ``ok``, ``partial``, ``insufficient``, ``not_applicable``, or ``suppressed`` (a mean over
    too few respondents, with its n)."""

    value: float | None
    status: str = "ok"
    n: int | None = None


@dataclass(slots=True)
class AreaRow:
    """One area (A1–A7) or dimension (B1–B6): this round, the baseline, and their difference."""

    code: str
    label: str
    current: Score
    baseline: Score | None = None
    diff: float | None = None


@dataclass(slots=True)
class ItemRow:
    """One assessed item with its level (1–4) and the text of that level."""

    code: str
    area: str
    text: str
    level: int | None
    level_text: str = ""
    baseline_level: int | None = None
    change: int | None = None


@dataclass(slots=True)
class AreaNote:
    """The technician's evidence notes and the priority marked for an area."""

    code: str
    label: str
    evidence: str
    priority: str  # already a word in the report language ("alta"), or ""


@dataclass(slots=True)
class GroupShare:
    """A breakdown row: a group (women, producers, 18–29…) and its share."""

    label: str
    share: Share
    baseline: Share | None = None
    group: str = ""  # the breakdown's name ("Gender"), printed once above its rows


@dataclass(slots=True)
class Livelihood:
    """Instrument B at the organization: rule D share and its comparison, the groups, and
    the six dimensions."""

    share: Share
    baseline: Share | None
    change: Change | None
    yes_or_partly: Share | None
    rule_c: Share | None
    excluded: int  # NS/NR, counted apart
    respondents: int
    groups: list[GroupShare] = field(default_factory=list)
    dimensions: list[AreaRow] = field(default_factory=list)
    composite: Score | None = None
    composite_baseline: Score | None = None
    composite_diff: float | None = None


@dataclass(slots=True)
class CoopReport:
    """Everything the cooperative feedback report prints."""

    org_id: str
    org_name: str
    country: str  # the name, in the report language
    org_type: str  # the word, in the report language
    members: int | None
    round_name: str
    baseline_name: str | None
    assessed_on: str  # ISO date of the assessment ("" if none)
    technicians: list[str]
    index: Score | None
    index_band: str
    index_baseline: Score | None
    index_baseline_band: str
    target: float | None
    bands: list[tuple[float, str]]
    areas: list[AreaRow]
    strengths: list[ItemRow]
    weakest: list[ItemRow]
    fallen: list[ItemRow]
    notes: list[AreaNote]
    livelihood: Livelihood | None
    rescale: str = "range"
    also_recorded: int = 0  # other final assessments of this round, not counted (§5.3)
    logo: str | None = None


@dataclass(slots=True)
class AnnexLine:
    """One organization in the network report's annex: its index and band this round, the
    change since the baseline (balanced panel), and its livelihood share with n."""

    org_id: str
    org_name: str
    country: str
    index: Score | None
    band: str
    change: float | None
    livelihood: Share | None


@dataclass(slots=True)
class NetworkReport:
    """Everything the network indicator report prints: the table of the scope (network or
    one country), the same by country and by type of organization, and the annex."""

    table: IndicatorTable
    scope_name: str  # "the network" or the country's name, in the report language
    by_country: list[tuple[str, IndicatorTable]]
    by_type: list[tuple[str, IndicatorTable]]
    bands: list[tuple[str, int]]  # band label → organizations, in band order
    annex: list[AnnexLine]
