"""Scores of one submission, checked against the hand-computed examples of instruments.md."""

from __future__ import annotations

import pytest

from fieldapp.forms.model import Form, Group, Question, ScoreDef
from fieldapp.forms.bands import band_for
from fieldapp.formatting import display_round
from fieldapp.forms.scores import compute_scores, score_dependencies

BANDS = ((0.0, "incipient"), (40.0, "developing"), (70.0, "consolidated"), (85.0, "target_met"))
AREAS = [f"A{a}" for a in range(1, 8)]
DIMS = [f"B{d}" for d in range(1, 7)]


def _form(scores: list[ScoreDef], fields: list[str]) -> Form:
    root = Group(name="data", path="", type="group")
    for name in fields:
        root.children.append(Question(name=name, path=name, type="select_one", parent=root))
    return Form(form_id="t", version="1", title={}, root=root, scores=scores)


def _area(name: str, items: int = 4, **extra) -> ScoreDef:
    of = tuple(f"{name}_{i}" for i in range(1, items + 1))
    return ScoreDef(name, "mean", of=of, scale=(1.0, 4.0), not_applicable=frozenset({"na"}),
                    missing=frozenset({"ns"}), min_valid=0.5, label={"English (en)": name}, **extra)


def _instrument_a(items: int = 4, weights: dict[str, float] | None = None) -> Form:
    areas = [_area(a, items, weight=(weights or {}).get(a, 1.0)) for a in AREAS]
    ido = ScoreDef("IDO", "weighted_mean", of=tuple(AREAS), min_valid=6, target=85.0, bands=BANDS)
    return _form([*areas, ido], [i for a in areas for i in a.of])


def _answers_a(form: Form, per_area: dict[str, list[str]]) -> dict[str, str]:
    answers = {}
    for score in form.scores[:-1]:
        values = per_area.get(score.name, ["3"] * len(score.of))
        answers.update(zip(score.of, values))
    return answers


# Instrument A: areas ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "items, value, answered, applicable, raw",
    [
        (["3", "3", "4", "na"], 77.8, 3, 3, 3.333),
        (["3", "3", "3", "3"], 66.7, 4, 4, 3.0),
        (["4", "4", "4", "4"], 100.0, 4, 4, 4.0),
        (["1", "1", "1", "1"], 0.0, 4, 4, 1.0),
        (["2", "4", "ns", ""], 66.7, 2, 4, 3.0),  # 2 of 4 answered: valid at 0.5
        (["2", None, "x", "7"], None, 1, 4, None),  # 'x' and 7 are no answers: 1 of 4
        (["na", "na", "na", "na"], None, 0, 0, None),
    ],
)
def test_area_mean(items, value, answered, applicable, raw):
    form = _instrument_a()
    a1 = compute_scores(form, _answers_a(form, {"A1": items}))["A1"]
    assert (a1.answered, a1.applicable) == (answered, applicable)
    if value is None:
        # §5.2: not applicable is not missing
        expected = "not_applicable" if applicable == 0 else "insufficient"
        assert (a1.value, a1.status, a1.raw_mean) == (None, expected, None)
    else:
        assert display_round(a1.value) == value and a1.status == "ok"
        assert a1.raw_mean == pytest.approx(raw, abs=1e-3)
    assert a1.kind == "mean" and a1.label == {"English (en)": "A1"}


def test_area_rescale_formula():
    form = _instrument_a()
    a1 = compute_scores(form, _answers_a(form, {"A1": ["3", "3", "4", "na"]}))["A1"]
    assert a1.value == pytest.approx((10 / 3 - 1) / 3 * 100)


# Instrument A: the development index -----------------------------------------------------


def test_ido_equal_weights_is_the_plain_mean():
    form = _instrument_a()
    results = compute_scores(form, _answers_a(form, {"A1": ["4"] * 4, "A2": ["1"] * 4}))
    ido = results["IDO"]
    areas = [results[a].value for a in AREAS]
    assert ido.value == pytest.approx(sum(areas) / 7)
    assert ido.value == pytest.approx((100 + 0 + 5 * 200 / 3) / 7)
    assert (ido.status, ido.answered, ido.applicable) == ("ok", 7, 7)
    assert ido.band == "developing" and ido.met_target is False and ido.target == 85.0
    assert ido.raw_mean == pytest.approx((4 + 1 + 5 * 3) / 7)


def test_ido_weights():
    form = _instrument_a(weights={"A1": 2.0, "A2": 0.5})
    results = compute_scores(form, _answers_a(form, {"A1": ["4"] * 4, "A2": ["1"] * 4}))
    expected = (2 * 100 + 0.5 * 0 + 5 * 200 / 3) / 7.5
    assert results["IDO"].value == pytest.approx(expected)


def test_ido_six_valid_areas_is_partial():
    form = _instrument_a()
    results = compute_scores(form, _answers_a(form, {"A7": ["ns"] * 4, "A1": ["4"] * 4}))
    ido = results["IDO"]
    assert results["A7"].status == "insufficient"
    assert (ido.status, ido.answered, ido.applicable) == ("partial", 6, 7)
    assert ido.value == pytest.approx((100 + 5 * 200 / 3) / 6)


def test_workers_organization_with_a3_not_applicable_has_a_complete_index():
    """§5.2: an area wholly not applicable leaves the index complete over six areas."""
    form = _instrument_a()
    results = compute_scores(form, _answers_a(form, {"A3": ["na"] * 4}))
    ido = results["IDO"]
    assert results["A3"].status == "not_applicable"
    assert (ido.status, ido.answered, ido.applicable) == ("ok", 6, 6)
    assert display_round(ido.value) == 66.7


def test_not_applicable_area_and_one_insufficient_area_is_partial():
    form = _instrument_a()
    results = compute_scores(form, _answers_a(form, {"A3": ["na"] * 4, "A7": ["ns"] * 5}))
    ido = results["IDO"]
    # needs 6 − 1 (not applicable) = 5 valid parts: 5 of 6 applicable, so partial
    assert (ido.status, ido.answered, ido.applicable) == ("partial", 5, 6)
    results = compute_scores(form, _answers_a(form, {"A3": ["na"] * 4, "A6": ["ns"] * 4,
                                                     "A7": ["ns"] * 5}))
    assert results["IDO"].status == "insufficient"


def test_rescale_max_matches_an_earlier_baseline():
    """§5.7: rescale 'max' gives mean / max × 100 (all 3 on 1–4 → 75%)."""
    from dataclasses import replace

    form = _instrument_a()
    form.scores = [replace(s, rescale="max") if s.kind == "mean" else s for s in form.scores]
    results = compute_scores(form, _answers_a(form, {}))
    assert results["A1"].value == pytest.approx(75.0)
    assert results["IDO"].value == pytest.approx(75.0)


def test_ido_five_valid_areas_is_insufficient():
    form = _instrument_a()
    results = compute_scores(form, _answers_a(form, {"A6": ["ns"] * 4, "A7": [""] * 4}))
    ido = results["IDO"]
    assert (ido.value, ido.status, ido.band, ido.met_target) == (None, "insufficient", None, None)
    assert (ido.answered, ido.applicable) == (5, 7)


@pytest.mark.parametrize(
    "value, shown, band, met",
    [
        (39.94, 39.9, "incipient", False),
        (39.95, 40.0, "developing", False),
        (69.94, 69.9, "developing", False),
        (84.94, 84.9, "consolidated", False),
        (84.95, 85.0, "target_met", True),
        (85.0, 85.0, "target_met", True),
        (100.0, 100.0, "target_met", True),
    ],
)
def test_ido_bands_on_the_displayed_value(value, shown, band, met):
    # items on a 0–100 scale make each area, and so the index, exactly `value`
    areas = [ScoreDef(a, "mean", of=(f"{a}_1",), scale=(0.0, 100.0)) for a in AREAS]
    ido = ScoreDef("IDO", "weighted_mean", of=tuple(AREAS), min_valid=6, target=85.0, bands=BANDS)
    items = [f"{a}_1" for a in AREAS]
    result = compute_scores(_form([*areas, ido], items), dict.fromkeys(items, str(value)))["IDO"]
    assert display_round(result.value) == shown
    assert (result.band, result.met_target) == (band, met)


def test_mean_of_3_55_reaches_the_target():
    # 11 fours and 9 threes: mean 3.55 → (3.55 − 1) / 3 × 100 = 85.0
    form = _instrument_a(items=20)
    answers = _answers_a(form, {a: ["4"] * 11 + ["3"] * 9 for a in AREAS})
    ido = compute_scores(form, answers)["IDO"]
    assert ido.raw_mean == pytest.approx(3.55)
    assert display_round(ido.value) == 85.0 and ido.band == "target_met" and ido.met_target
    below = _answers_a(form, {a: ["4"] * 10 + ["3"] * 10 for a in AREAS})  # 3.5 → 83.3
    assert compute_scores(form, below)["IDO"].band == "consolidated"


def test_display_round_drops_float_noise():
    assert display_round(84.94999999999999) == 85.0
    assert display_round(66.66666666666667) == 66.7
    assert display_round(-0.05) == -0.1
    assert band_for(BANDS, None) is None and band_for((), 50.0) is None
    assert band_for(((10.0, "low"),), 9.94) is None


# Instrument B ----------------------------------------------------------------------------


def _instrument_b(order: str = "sheet") -> Form:
    dims = [
        ScoreDef(d, "mean", of=tuple(f"{d}_{i}" for i in (1, 2, 3)), scale=(1.0, 5.0),
                 missing=frozenset({"ns"}), min_valid=0.67,
                 not_applicable=frozenset({"na"}) if d == "B4" else frozenset())
        for d in DIMS
    ]
    comp = ScoreDef("B_comp", "weighted_mean", of=tuple(DIMS), min_valid=5)
    low = ScoreDef("B_min", "min", of=tuple(DIMS))
    sust_d = ScoreDef("sust_D", "indicator", of=("D1",), success=frozenset({"si"}),
                      counted=frozenset({"si", "en_parte", "no"}))
    sust_c = ScoreDef("sust_C", "indicator", expression="${B_comp} >= 62.5 and ${B_min} >= 37.5")
    scores = [*dims, comp, low, sust_d, sust_c]
    if order == "reversed":  # scores reading scores defined further down the sheet
        scores.reverse()
    return _form(scores, [i for d in dims for i in d.of] + ["D1"])


def _answers_b(dims: dict[str, list[str]], d1: str | None = "si") -> dict[str, str | None]:
    answers: dict[str, str | None] = {"D1": d1}
    for d in DIMS:
        answers.update(zip((f"{d}_{i}" for i in (1, 2, 3)), dims.get(d, ["4", "4", "4"])))
    return answers


def test_dimension_valid_with_two_of_three():
    form = _instrument_b()
    results = compute_scores(form, _answers_b({"B1": ["4", "5", "ns"], "B2": ["4", "", "ns"]}))
    b1, b2 = results["B1"], results["B2"]
    assert (b1.status, b1.raw_mean, b1.answered, b1.applicable) == ("ok", 4.5, 2, 3)
    assert b1.value == pytest.approx(87.5)
    assert (b2.status, b2.value, b2.answered) == ("insufficient", None, 1)


def test_b4_1_not_applicable():
    form = _instrument_b()
    b4 = compute_scores(form, _answers_b({"B4": ["na", "3", "ns"]}))["B4"]
    # 1 of 2 applicable answered: 0.5 < 0.67
    assert (b4.applicable, b4.answered, b4.status) == (2, 1, "insufficient")
    b4 = compute_scores(form, _answers_b({"B4": ["na", "3", "5"]}))["B4"]
    assert (b4.applicable, b4.answered, b4.raw_mean, b4.value) == (2, 2, 4.0, 75.0)


def test_composite_index_0_100():
    form = _instrument_b()
    dims = {"B1": ["5", "5", "5"], "B2": ["1", "1", "1"], "B3": ["2", "3", "4"],
            "B4": ["na", "4", "4"], "B5": ["ns", "ns", "ns"], "B6": ["3", "4", "ns"]}
    results = compute_scores(form, _answers_b(dims))
    comp = results["B_comp"]
    composite = (5 + 1 + 3 + 4 + 3.5) / 5
    assert comp.raw_mean == pytest.approx(composite)
    assert comp.value == pytest.approx((composite - 1) / 4 * 100)
    assert (comp.status, comp.answered, comp.applicable) == ("partial", 5, 6)
    low = results["B_min"]
    assert (low.value, low.raw_mean, low.status) == (0.0, 1.0, "partial")
    dims["B6"] = ["ns", "ns", "3"]  # only 4 valid dimensions
    assert compute_scores(form, _answers_b(dims))["B_comp"].status == "insufficient"


@pytest.mark.parametrize(
    "d1, value, status",
    [("si", 1.0, "ok"), ("no", 0.0, "ok"), ("en_parte", 0.0, "ok"), ("ns", None, "excluded"),
     ("", None, "excluded"), (None, None, "excluded")],
)
def test_sust_d(d1, value, status):
    result = compute_scores(_instrument_b(), _answers_b({}, d1=d1))["sust_D"]
    assert (result.value, result.status, result.answered, result.applicable) == (
        value, status, 0 if value is None else 1, 1)


def test_indicator_without_counted_counts_any_other_answer():
    score = ScoreDef("yes", "indicator", of=("q",), success=frozenset({"si"}),
                     missing=frozenset({"ns"}))
    form = _form([score], ["q"])
    assert [compute_scores(form, {"q": v})["yes"].value for v in ("si", "no", "ns", "")] == [
        1.0, 0.0, None, None]


@pytest.mark.parametrize("order", ["sheet", "reversed"])
def test_sust_c(order):
    form = _instrument_b(order)
    # dimension means 4, 4, 3.5, 3, 3.5, 3 → composite 3.5 (62.5), lowest 3.0
    dims = {"B3": ["3", "4", "ns"], "B4": ["3", "3", "3"], "B5": ["4", "3", ""],
            "B6": ["3", "3", "3"]}
    results = compute_scores(form, _answers_b(dims))
    assert results["B_comp"].raw_mean == pytest.approx(3.5)
    assert results["sust_C"].value == 1.0 and results["sust_C"].status == "ok"
    # one dimension at 2.0 breaks it, even with the composite still at 3.5
    dims = {"B1": ["2", "2", "2"], "B5": ["4", "3", ""], "B6": ["4", "3", "ns"]}
    results = compute_scores(form, _answers_b(dims))
    assert results["B_comp"].raw_mean == pytest.approx(3.5) and results["B_min"].raw_mean == 2.0
    assert results["sust_C"].value == 0.0
    # no composite (4 valid dimensions): excluded, not 0
    dims = {"B1": ["ns"] * 3, "B2": ["ns"] * 3}
    result = compute_scores(form, _answers_b(dims))["sust_C"]
    assert (result.value, result.status) == (None, "excluded")
    assert [s.name for s in results] == [s.name for s in form.scores]


def test_score_dependencies():
    deps = score_dependencies(_instrument_b())
    items = {f"{d}_{i}" for d in DIMS for i in (1, 2, 3)}
    assert deps["sust_D"] == {"D1"}
    assert deps["B1"] == {"B1_1", "B1_2", "B1_3"}
    assert deps["B_comp"] == deps["B_min"] == deps["sust_C"] == items
    assert score_dependencies(_instrument_a())["IDO"] == {
        f"{a}_{i}" for a in AREAS for i in range(1, 5)}


def test_cycle_comes_out_insufficient():
    x = ScoreDef("X", "min", of=("Y",))
    y = ScoreDef("Y", "weighted_mean", of=("X", "Z"))
    z = ScoreDef("Z", "mean", of=("q",), scale=(1.0, 4.0))
    results = compute_scores(_form([x, y, z], ["q"]), {"q": "4"})
    assert results["Z"].value == 100.0
    assert [(results[n].value, results[n].status) for n in "XY"] == [(None, "insufficient")] * 2
    assert score_dependencies(_form([x, y, z], ["q"]))["X"] == {"q"}


def test_expression_over_fields_and_scores():
    b1 = ScoreDef("B1", "mean", of=("q1", "q2"), scale=(1.0, 5.0))
    both = ScoreDef("both", "indicator", expression="${D1} = 'si' and ${B1} >= 50")
    bare = ScoreDef("bare", "indicator", expression="${flag}")
    form = _form([b1, both, bare], ["q1", "q2", "D1", "flag"])

    def run(**answers):
        results = compute_scores(form, {"q1": "4", "q2": "4", **answers})
        return results["both"].value, results["bare"].value

    assert run(D1="si", flag="1") == (1.0, 1.0)
    assert run(D1="no", flag="0") == (0.0, 0.0)
    assert run(D1="si", flag="", q1="ns", q2="") == (None, None)  # B1 has no value
    assert run(D1="si", flag="yes", q1="1", q2="1")[1] == 1.0
