"""The network's indicators (instruments.md §3): codes, labels, where they come from, default
targets, and the fields of the two built-in instruments they read. Codes stay stable across
years so tables line up."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.i18n import N_

ASSESSMENT = "desarrollo_organizacional"  # instrument A
SURVEY = "medios_de_vida"  # instrument B

AREAS = ("A1", "A2", "A3", "A4", "A5", "A6", "A7")
INDEX = "IDO"
DIMENSIONS = ("B1", "B2", "B3", "B4", "B5", "B6")
COMPOSITE = "B_comp"
RULE_D = "sust_D"
RULE_C = "sust_C"

# The respondent profile fields a share is broken down by, where the form has them
BREAKDOWNS = {"gender": "genero", "role": "rol", "age": "edad"}
CONSENT_FIELD, CONSENT_REFUSED = "consentimiento", "no"
D1_FIELD, D1_YES, D1_PARTLY = "D1", "si", "en_parte"
D1_COUNTED = ("si", "en_parte", "no")
SATISFACTION_FIELD = "B6_2"  # i3.1: % answering 4–5
PARTICIPATION_FIELD = "B6_1"  # i3.2 proxy: % answering 4–5
AGREE = ("4", "5")
LIKERT = ("1", "2", "3", "4", "5")
ROLE_WORKER = "trabajador"
WORKERS_ORG_TYPE = "workers_association"

# §5.4: fewer than these and a figure is not shown
MIN_SHARE_N = 10
MIN_MEAN_N = 5


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator of the table: code, label (an English msgid), instrument (form id or
    "external"), kind ("mean", "share" or "count") and default target ("at_least" a value,
    or "above_baseline")."""

    code: str
    label: str
    source: str
    kind: str
    target_rule: str | None = None
    target_value: float | None = None


INDICATORS: dict[str, Indicator] = {i.code: i for i in [
    Indicator("i1.1", N_("Mean organizational development index (organizations assessed)"),
              ASSESSMENT, "mean", "at_least", 85.0),
    Indicator("i1.2", N_("% of organizations with an index ≥ 85%"), ASSESSMENT, "share"),
    *(Indicator(f"i1.3{letter}", N_("Mean score of area {area}"), ASSESSMENT, "mean")
      for letter, area in zip("abcdefg", AREAS)),
    Indicator("i1.4a", N_("Organizations assessed"), ASSESSMENT, "count"),
    Indicator("i1.4b", N_("% of membership covered"), ASSESSMENT, "share"),
    Indicator("i2.1", N_("% of producers and workers who perceive their livelihood as "
                         "sustainable (rule D)"), SURVEY, "share", "above_baseline"),
    Indicator("i2.2", N_("Idem, composite rule C"), SURVEY, "share", "above_baseline"),
    Indicator("i2.3", N_("i2.1 by gender"), SURVEY, "share", "above_baseline"),
    Indicator("i2.4", N_("i2.1 by role"), SURVEY, "share", "above_baseline"),
    Indicator("i2.5", N_("Composite livelihood index 0–100"), SURVEY, "mean"),
    Indicator("i3.1", N_("Membership satisfaction index (% 4–5 in B6.2)"), SURVEY, "share",
              "at_least", 90.0),
    Indicator("i3.2", N_("Membership participation (proxy: % 4–5 in B6.1)"), SURVEY, "share",
              "at_least", 90.0),
    Indicator("i3.3", N_("Allies' recognition index"), "external", "share", "at_least", 80.0),
]}

def label_params(code: str) -> dict[str, str]:
    """The values an indicator's label names (the area of i1.3a–g)."""
    if code.startswith("i1.3") and len(code) == 5:
        return {"area": AREAS["abcdefg".index(code[-1])]}
    return {}


# Extra lines of a row's family, labelled beside the code
LINE_LABELS = {
    "yes_or_partly": N_("% who answer \"yes\" or \"partly\" (D1)"),
    "age": N_("i2.1 by age band"),
    "dimension": N_("Dimension {dimension} (0–100)"),
}
