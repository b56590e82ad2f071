"""The network indicators of the demo data recomputed here, with plain Python, from the exported
CSV files alone (instruments.md §0–§3 and the decisions of §5), and compared with the
indicator table to the last decimal shown (one decimal, rounded half up)."""

from __future__ import annotations

import csv
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from fieldapp.analysis.indicators import indicator_table
from fieldapp.demo import load_demo
from fieldapp.exports.csvfiles import export_csv

Z = 1.959964  # §5.10
AREAS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}
DIMENSIONS = ("B1", "B2", "B3", "B4", "B5", "B6")


def shown(value: float | None) -> str | None:
    """A figure as the table prints it: one decimal, half up."""
    if value is None:
        return None
    return str(Decimal(repr(round(value, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def number(cell: str) -> int | None:
    return int(cell) if cell.strip().isdigit() else None


# -- instrument A -------------------------------------------------------------------------
def mean_score(cells: list[str], low: int, high: int, min_valid: float) -> tuple[Fraction | None, str]:
    """A 'mean' score of §0: (value 0–100, exact, status)."""
    applicable = [c for c in cells if c not in ("na", "NA")]
    if not applicable:
        return None, "not_applicable"
    values = [v for c in applicable if (v := number(c)) is not None and low <= v <= high]
    if not values or len(values) / len(applicable) < min_valid - 0.005:
        return None, "insufficient"
    return (Fraction(sum(values), len(values)) - low) / (high - low) * 100, "ok"


def development(row: dict[str, str]) -> tuple[dict[str, float | None], float | None, bool]:
    """Area scores, the index and whether it is complete (§1, §5.2)."""
    areas, statuses = {}, {}
    for area, items in AREAS.items():
        value, statuses[area] = mean_score(
            [row[f"{area}_{i}"] for i in range(1, items + 1)], 1, 4, 0.5)
        areas[area] = None if value is None else float(value)
    not_applicable = sum(1 for s in statuses.values() if s == "not_applicable")
    valid = [v for v in areas.values() if v is not None]
    if len(valid) < max(1, 6 - not_applicable):
        return areas, None, False
    complete = all(s != "insufficient" for s in statuses.values())
    return areas, sum(valid) / len(valid), complete


def chosen_assessments(rows: list[dict[str, str]], round_id: str) -> dict[str, dict]:
    """One assessment per organization: the most recently finalized (§5.3)."""
    by_org: dict[str, dict] = {}
    for row in rows:
        if row["_round_id"] == round_id:
            known = by_org.get(row["_org_id"])
            if known is None or row["_finalized_at"] > known["_finalized_at"]:
                by_org[row["_org_id"]] = row
    return by_org


# -- instrument B -------------------------------------------------------------------------
def respondent_scores(row: dict[str, str]) -> dict[str, float | None]:
    dims = {d: mean_score([row[f"{d}_{i}"] for i in range(1, 4)], 1, 5, 0.67)[0]
            for d in DIMENSIONS}
    valid = [v for v in dims.values() if v is not None]
    # exact fractions: a composite of exactly 3.5 (62.5) is a success, whatever float noise
    composite = sum(valid) / len(valid) if len(valid) >= 5 else None
    lowest = min(valid) if len(valid) >= 5 else None
    rule_c = None if composite is None else float(composite >= Fraction(125, 2)
                                                  and lowest >= Fraction(75, 2))
    d1 = row["D1"]
    rule_d = 1.0 if d1 == "si" else (0.0 if d1 in ("en_parte", "no") else None)
    yes_partly = 1.0 if d1 in ("si", "en_parte") else (0.0 if d1 == "no" else None)
    dims = {d: None if v is None else float(v) for d, v in dims.items()}
    return {**dims, "B_comp": None if composite is None else float(composite), "sust_C": rule_c, "sust_D": rule_d,
            "yes_partly": yes_partly,
            "i3.1": share_of(row["B6_2"]), "i3.2": share_of(row["B6_1"])}


def share_of(cell: str) -> float | None:
    return 1.0 if cell in ("4", "5") else (0.0 if cell in ("1", "2", "3") else None)


def stratum_size(row: dict[str, str]) -> int | None:
    """N_h (§5.5): members for producers, workers for workers (a workers' association's
    members when it has no separate count)."""
    if row["rol"] == "trabajador":
        if row["_org_workers"]:
            return int(row["_org_workers"])
        return int(row["_org_members"]) if row["_org_type"] == "workers_association" else None
    return int(row["_org_members"]) if row["_org_members"] else None


def wilson_bounds(p: float, n: float) -> tuple[float, float]:
    centre = p + Z * Z / (2 * n)
    spread = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (centre - spread) / (1 + Z * Z / n), (centre + spread) / (1 + Z * Z / n)


def stratified_share(rows: list[dict[str, str]], key: str) -> dict | None:
    """p = Σ W_h p_h, Var = Σ W_h² p̃_h(1 − p̃_h)/n_h, Wilson with n_eff (§5.5); strata are
    organization × role; unknown N_h → the stratum's sample size."""
    strata: dict[tuple[str, str], list] = {}
    for row in rows:
        value = row["scores"][key]
        if value is None:
            continue
        entry = strata.setdefault((row["_org_id"], row["rol"]), [stratum_size(row), 0, 0])
        entry[1] += value
        entry[2] += 1
    n = sum(e[2] for e in strata.values())
    if n < 10:
        return None
    weights = [(e[0] if e[0] is not None else e[2], e[1], e[2]) for e in strata.values()]
    total = sum(w for w, _x, _n in weights)
    p = sum(w / total * x / m for w, x, m in weights)
    variance = sum((w / total) ** 2 * ((x + 1) / (m + 2)) * (1 - (x + 1) / (m + 2)) / m
                   for w, x, m in weights)
    low, high = wilson_bounds(p, p * (1 - p) / variance)
    return {"p": p, "low": low, "high": high, "var": variance}


def stratified_mean(rows: list[dict[str, str]], key: str) -> float | None:
    groups: dict[tuple[str, str], list] = {}
    for row in rows:
        value = row["scores"][key]
        if value is not None:
            groups.setdefault((row["_org_id"], row["rol"]), [stratum_size(row), []])[1].append(value)
    weights = [(size if size is not None else len(values), values)
               for size, values in groups.values()]
    total = sum(w for w, _v in weights)
    return sum(w / total * sum(v) / len(v) for w, v in weights)


def difference(now: dict, before: dict) -> tuple[float, float, float, float]:
    """Δ in pp, Newcombe's hybrid interval from the two stratified Wilson intervals, and the
    two-sided p of z = Δ / √(Var₀ + Var₁) (§5.6)."""
    delta = now["p"] - before["p"]
    low = delta - math.sqrt((now["p"] - now["low"]) ** 2 + (before["high"] - before["p"]) ** 2)
    high = delta + math.sqrt((now["high"] - now["p"]) ** 2 + (before["p"] - before["low"]) ** 2)
    z = delta / math.sqrt(now["var"] + before["var"])
    return delta * 100, low * 100, high * 100, math.erfc(abs(z) / math.sqrt(2))


# -- the test -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from fieldapp.store.database import open_db

    folder = tmp_path_factory.mktemp("indicators")
    db = open_db(folder / "demo.db")
    load_demo(db)
    export_csv(db, "desarrollo_organizacional", folder / "a")
    export_csv(db, "medios_de_vida", folder / "b")
    table = indicator_table(db, "R2024")
    db.close()
    assessments = read(folder / "a" / "desarrollo_organizacional_wide.csv")
    people = read(folder / "b" / "medios_de_vida_wide.csv")
    for row in people:
        row["scores"] = respondent_scores(row)
    return table, assessments, people


def row_of(table, code, category=None):
    return next(r for r in table.rows if r.code == code and r.category == category)


def test_instrument_a_from_the_csv(demo):
    table, assessments, _people = demo
    by_round = {}
    for round_id in ("R2024", "LB2022"):
        chosen = chosen_assessments(assessments, round_id)
        results = {org: development(row) for org, row in chosen.items()}
        complete = {org: idx for org, (_a, idx, ok) in results.items() if ok and idx is not None}
        by_round[round_id] = (results, complete)
    for round_id, attribute in (("R2024", "current"), ("LB2022", "baseline")):
        results, complete = by_round[round_id]
        index = sum(complete.values()) / len(complete)
        assert shown(getattr(row_of(table, "i1.1"), attribute).value) == shown(index)
        met = sum(1 for v in complete.values() if float(shown(v)) >= 85) / len(complete) * 100
        assert shown(getattr(row_of(table, "i1.2"), attribute).value) == shown(met)
        for letter, area in zip("abcdefg", AREAS):
            values = [a[area] for a, _i, _ok in results.values() if a[area] is not None]
            shown_value = getattr(row_of(table, f"i1.3{letter}"), attribute).value
            assert shown(shown_value) == shown(sum(values) / len(values)), (round_id, area)
        assert getattr(row_of(table, "i1.4a"), attribute).value == len(results)
    now, before = by_round["R2024"][1], by_round["LB2022"][1]
    panel = sorted(set(now) & set(before))
    change = sum(now[o] for o in panel) / len(panel) - sum(before[o] for o in panel) / len(panel)
    assert shown(row_of(table, "i1.1").difference.value) == shown(change)


@pytest.mark.parametrize("code,category,key,field,value", [
    ("i2.1", None, "sust_D", None, None),
    ("i2.1", "yes_or_partly", "yes_partly", None, None),
    ("i2.2", None, "sust_C", None, None),
    ("i2.3", "mujer", "sust_D", "genero", "mujer"),
    ("i2.3", "hombre", "sust_D", "genero", "hombre"),
    ("i2.4", "productor", "sust_D", "rol", "productor"),
    ("i2.4", "trabajador", "sust_D", "rol", "trabajador"),
    ("i2.1", "30_44", "sust_D", "edad", "30_44"),
    ("i3.1", None, "i3.1", None, None),
    ("i3.2", None, "i3.2", None, None),
])
def test_livelihood_shares_from_the_csv(demo, code, category, key, field, value):
    table, _assessments, people = demo
    row = row_of(table, code, category)
    found = {}
    for round_id, attribute in (("R2024", "current"), ("LB2022", "baseline")):
        chosen = [p for p in people if p["_round_id"] == round_id
                  and (field is None or p[field] == value)]
        mine = found[round_id] = stratified_share(chosen, key)
        theirs = getattr(row, attribute)
        assert [shown(theirs.value), shown(theirs.low), shown(theirs.high)] == [
            shown(mine["p"] * 100), shown(mine["low"] * 100), shown(mine["high"] * 100)]
    delta, low, high, p_value = difference(found["R2024"], found["LB2022"])
    shown_diff = row.difference
    assert [shown(shown_diff.value), shown(shown_diff.low), shown(shown_diff.high)] == [
        shown(delta), shown(low), shown(high)]
    assert f"{shown_diff.p_value:.3f}" == f"{p_value:.3f}"


def test_suppressed_groups_have_fewer_than_ten(demo):
    table, _assessments, people = demo
    for category in ("otro", "no_dice"):
        row = row_of(table, "i2.3", category)
        n = sum(1 for p in people if p["_round_id"] == "R2024" and p["genero"] == category
                and p["scores"]["sust_D"] is not None)
        assert row.current.suppressed and row.current.value is None and row.current.n == n < 10


@pytest.mark.parametrize("dimension", [None, *DIMENSIONS])
def test_livelihood_index_from_the_csv(demo, dimension):
    table, _assessments, people = demo
    row = row_of(table, "i2.5", dimension)
    key = dimension or "B_comp"
    for round_id, attribute in (("R2024", "current"), ("LB2022", "baseline")):
        chosen = [p for p in people if p["_round_id"] == round_id]
        assert shown(getattr(row, attribute).value) == shown(stratified_mean(chosen, key))
