"""The indicators' statistics: the worked examples of instruments.md §2, edge cases, and
agreement with scipy and statsmodels (test-only dependencies; the app has its own code)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.analysis import estimates, stats
from fieldapp.analysis.estimates import Stratum
from fieldapp.forms.bands import display_round

statsmodels_proportion = pytest.importorskip("statsmodels.stats.proportion")
scipy_stats = pytest.importorskip("scipy.stats")


def shown(fraction: float) -> float:
    return display_round(fraction * 100)


# -- the spec's worked examples ------------------------------------------------------------


def test_wilson_58_of_100():
    """§2: 58/100 → 58.0% [48.2; 67.2]."""
    p = stats.wilson(58, 100)
    assert (shown(p.p), shown(p.low), shown(p.high)) == (58.0, 48.2, 67.2)


def test_difference_45_to_58_of_100():
    """§2: 45/100 → 58/100: Δ = +13.0 pp [−0.8; +26.1], z = 1.84, p = 0.066, not
    significant."""
    now, before = estimates.share(58, 100), estimates.share(45, 100)
    diff = estimates.share_difference(now, before)
    assert (display_round(diff.value), display_round(diff.low), display_round(diff.high)) == (
        13.0, -0.8, 26.1)
    assert round(diff.z, 2) == 1.84 and round(diff.p_value, 3) == 0.066
    assert diff.test == "z" and diff.significant is False and diff.unit == "pp"


def test_z_constant_is_the_exact_quantile():
    """§5.10: z = 1.959964."""
    assert round(stats.Z95, 6) == 1.959964
    assert stats.Z95 == pytest.approx(scipy_stats.norm.ppf(0.975), abs=1e-12)


# -- edge cases -----------------------------------------------------------------------------


def test_n_zero_has_no_share():
    p = stats.wilson(0, 0)
    assert (p.p, p.low, p.high) == (None, None, None)
    found = estimates.share(0, 0)
    assert found.value is None and found.suppressed and found.reason == "no_data"


def test_n_one_is_suppressed_but_wilson_still_defined():
    p = stats.wilson(1, 1)
    assert p.p == 1.0 and 0 < p.low < 1 and p.high == 1.0
    found = estimates.share(1, 1)
    assert found.suppressed and found.reason == "small_n" and found.n == 1
    assert found.value is None and found.x is None  # never a number that looks like a finding


@pytest.mark.parametrize("x, n", [(0, 25), (25, 25)])
def test_zero_and_hundred_percent_have_proper_intervals(x, n):
    found = estimates.share(x, n)
    assert found.value == x * 100 / n
    assert 0 <= found.low <= found.value <= found.high <= 100
    assert found.high - found.low > 5  # a share at the edge is still uncertain


def test_suppression_threshold_is_ten_for_shares_and_five_for_means():
    """§5.4: fewer than 10 for a share, fewer than 5 for a mean."""
    assert estimates.share(5, 9).suppressed and not estimates.share(5, 10).suppressed
    assert estimates.mean([50.0] * 4).suppressed and not estimates.mean([50.0] * 5).suppressed
    assert estimates.share(5, 9).reason_text() == "insufficient n (n = 9)"
    # an organization's own assessment is a census: always shown
    assert estimates.mean([61.0], census=True).value == 61.0


def test_difference_with_a_suppressed_side_is_not_a_number():
    diff = estimates.share_difference(estimates.share(8, 9), estimates.share(40, 100))
    assert diff.value is None and diff.suppressed and diff.reason == "not_comparable"


def test_small_expected_cells_use_fisher():
    """§2: Fisher's exact test when an expected cell is under 5."""
    diff = estimates.share_difference(estimates.share(1, 12), estimates.share(6, 12))
    assert diff.test == "fisher" and diff.z is None
    expected = scipy_stats.fisher_exact([[1, 11], [6, 6]]).pvalue
    assert diff.p_value == pytest.approx(expected, rel=1e-9)


def test_stratum_at_zero_or_hundred_percent_adds_variance():
    """§5.5: p̃ = (x + 1)/(n + 2), so a stratum at 0% or 100% still adds variance."""
    found = stats.stratified([(100, 0, 20), (100, 20, 20)])
    assert found.p == pytest.approx(0.5)
    expected = sum(0.25 * p * (1 - p) / 20 for p in (1 / 22, 21 / 22))
    assert found.variance == pytest.approx(expected)
    assert found.n_eff == pytest.approx(0.25 / expected)
    every_zero = stats.stratified([(100, 0, 20), (50, 0, 15)])
    assert every_zero.p == 0 and every_zero.low == 0 and every_zero.high > 0.02


def test_stratified_weights_by_population_and_labels_pooled_share():
    """§5.5: W_h = N_h / N; the unweighted pooled share beside it."""
    found = estimates.stratified_share([Stratum("a", 900, 90, 100), Stratum("b", 100, 10, 100)])
    assert found.value == pytest.approx(0.9 * 90 + 0.1 * 10)
    assert found.pooled == pytest.approx(50.0)
    assert found.method == "stratified" and found.weighting == "members"
    p = found.value / 100
    assert found.n_eff == pytest.approx(p * (1 - p) / found.variance)
    low, high = stats.wilson_bounds(p, found.n_eff)
    assert (found.low, found.high) == (pytest.approx(low * 100), pytest.approx(high * 100))


def test_unknown_population_is_weighted_by_sample_size():
    found = estimates.stratified_share([Stratum("a", None, 30, 40), Stratum("b", None, 5, 10)])
    assert found.weighting == "sample_size" and found.value == pytest.approx(70.0)
    mixed = estimates.stratified_share([Stratum("a", 500, 30, 40), Stratum("b", None, 5, 10)])
    assert mixed.weighting == "mixed"


def test_network_difference_uses_stratified_variances():
    """§5.6: Newcombe on the stratified Wilson intervals; z = Δ / √(Var₀ + Var₁)."""
    now = estimates.stratified_share([Stratum("a", 300, 40, 60), Stratum("b", 100, 20, 50)])
    before = estimates.stratified_share([Stratum("a", 300, 30, 60), Stratum("b", 100, 15, 50)])
    diff = estimates.share_difference(now, before)
    delta = (now.value - before.value) / 100
    assert diff.value == pytest.approx(delta * 100)
    z = delta / math.sqrt(now.variance + before.variance)
    assert diff.test == "stratified_z" and diff.z == pytest.approx(z)
    assert diff.p_value == pytest.approx(2 * scipy_stats.norm.sf(abs(z)))
    lo = delta - math.sqrt((now.value - now.low) ** 2 + (before.high - before.value) ** 2) / 100
    assert diff.low == pytest.approx(lo * 100)


# -- against statsmodels and scipy ----------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_statsmodels(case):
    x, n = case
    p = stats.wilson(x, n)
    low, high = statsmodels_proportion.proportion_confint(x, n, alpha=0.05, method="wilson")
    assert p.low == pytest.approx(low, abs=1e-12) and p.high == pytest.approx(high, abs=1e-12)


counts = st.integers(2, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@settings(max_examples=200, deadline=None)
@given(counts, counts)
def test_newcombe_matches_statsmodels(now, before):
    (x1, n1), (x0, n0) = now, before
    a, b = stats.wilson(x1, n1), stats.wilson(x0, n0)
    delta, low, high = stats.newcombe(a.p, a.low, a.high, b.p, b.low, b.high)
    ref = statsmodels_proportion.confint_proportions_2indep(x1, n1, x0, n0, method="newcomb")
    assert low == pytest.approx(float(ref[0]), abs=1e-9)
    assert high == pytest.approx(float(ref[1]), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(counts, counts)
def test_z_test_matches_statsmodels(now, before):
    (x1, n1), (x0, n0) = now, before
    if x1 + x0 in (0, n1 + n0):
        assert stats.two_proportion_z(x1, n1, x0, n0).p_value == 1.0
        return
    test = stats.two_proportion_z(x1, n1, x0, n0)
    z, p = statsmodels_proportion.proportions_ztest([x1, x0], [n1, n0])
    assert test.z == pytest.approx(float(z), abs=1e-9)
    assert test.p_value == pytest.approx(float(p), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.integers(1, 40).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_fisher_matches_scipy(now, before):
    (x1, n1), (x0, n0) = now, before
    ours = stats.fisher_exact(x1, n1, x0, n0).p_value
    theirs = scipy_stats.fisher_exact([[x1, n1 - x1], [x0, n0 - x0]]).pvalue
    assert ours == pytest.approx(theirs, rel=1e-7, abs=1e-12)


def test_min_expected_cell():
    assert stats.min_expected(58, 100, 45, 100) == pytest.approx(48.5)
    assert stats.min_expected(1, 10, 2, 10) == pytest.approx(1.5)
