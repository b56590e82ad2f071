"""Proportions, their intervals and tests (instruments.md §2 and §5): Wilson, stratified
shares, Newcombe's hybrid score interval for a difference, the two-proportion z-test and
Fisher's exact test. Plain functions on numbers; no knowledge of forms or the store.

Shares are fractions (0–1) here; results turn them into percentages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

Z95 = 1.959963984540054  # the exact 97.5% normal quantile (§5.10: z = 1.959964)
ALPHA = 0.05
MIN_EXPECTED = 5.0  # below this expected count in a 2×2 cell, Fisher's exact test is used


@dataclass(slots=True)
class Proportion:
    """x successes out of n, with the Wilson score interval (None when n is 0)."""

    x: int
    n: int
    p: float | None
    low: float | None
    high: float | None


@dataclass(slots=True)
class Stratified:
    """A share estimated over strata (organizations) weighted by their size (§5.5).

    ``p`` = Σ W_h p_h; ``variance`` = Σ W_h² p̃_h(1 − p̃_h)/n_h with p̃_h = (x_h + 1)/(n_h + 2);
    ``n_eff`` = p(1 − p)/variance; ``low``/``high`` the Wilson interval with n_eff.
    ``pooled`` is the unweighted Σx/Σn, shown beside it labelled as such.
    """

    p: float | None
    variance: float | None
    n_eff: float | None
    low: float | None
    high: float | None
    x: int
    n: int
    strata: int
    pooled: float | None


@dataclass(slots=True)
class Test:
    """A two-sided test of two shares being equal: the statistic (z, None for Fisher), the
    p-value and which test gave it (``z``, ``fisher``, ``stratified_z``)."""

    method: str
    z: float | None
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value < ALPHA


def wilson_bounds(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a share ``p`` observed over ``n`` (n may be an effective,
    non-integer sample size).

    >>> [round(b * 100, 1) for b in wilson_bounds(0.58, 100)]
    [48.2, 67.2]
    """
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(max(p * (1 - p) / n + z2 / (4 * n * n), 0.0))
    denominator = 1 + z2 / n
    low = 0.0 if p <= 0 else max(0.0, (centre - margin) / denominator)  # exact at the edges,
    high = 1.0 if p >= 1 else min(1.0, (centre + margin) / denominator)  # not 1e-15
    return low, high


def wilson(x: int, n: int, z: float = Z95) -> Proportion:
    """The share x/n and its Wilson score interval (None when n is 0).

    >>> p = wilson(58, 100); round(p.low * 100, 1), round(p.high * 100, 1)
    (48.2, 67.2)
    """
    if n <= 0:
        return Proportion(x, n, None, None, None)
    low, high = wilson_bounds(x / n, n, z)
    return Proportion(x, n, x / n, low, high)


def stratified(strata: Iterable[tuple[float, int, int]], z: float = Z95) -> Stratified:
    """The stratified share over ``(N_h, x_h, n_h)`` triples (strata with n_h = 0 are left
    out; their weight goes to the others, as the population they stand for is not sampled).
    """
    kept = [(float(big), x, n) for big, x, n in strata if n > 0]
    x_all = sum(x for _b, x, _n in kept)
    n_all = sum(n for _b, _x, n in kept)
    total = sum(big for big, _x, _n in kept)
    if not kept or total <= 0:
        return Stratified(None, None, None, None, None, x_all, n_all, len(kept), None)
    p = sum(big / total * x / n for big, x, n in kept)
    variance = 0.0
    for big, x, n in kept:
        smoothed = (x + 1) / (n + 2)
        variance += (big / total) ** 2 * smoothed * (1 - smoothed) / n
    if 0 < p < 1:
        n_eff = p * (1 - p) / variance
    else:
        # every stratum at 0% (or 100%): p(1 − p) is 0, so take the smoothed share, whose
        # variance the sum above already is, and the interval keeps its width
        smoothed = sum(big / total * (x + 1) / (n + 2) for big, x, n in kept)
        n_eff = smoothed * (1 - smoothed) / variance
    low, high = wilson_bounds(p, n_eff, z)
    return Stratified(p, variance, n_eff, low, high, x_all, n_all, len(kept), x_all / n_all)


def newcombe(p1: float, low1: float, high1: float,
             p0: float, low0: float, high0: float) -> tuple[float, float, float]:
    """Δ = p1 − p0 and its 95% interval by Newcombe's hybrid score method (method 10),
    from each share's own (Wilson) interval.

    >>> a, b = wilson(58, 100), wilson(45, 100)
    >>> [round(v * 100, 1) for v in newcombe(a.p, a.low, a.high, b.p, b.low, b.high)]
    [13.0, -0.8, 26.1]
    """
    delta = p1 - p0
    low = delta - math.sqrt((p1 - low1) ** 2 + (high0 - p0) ** 2)
    high = delta + math.sqrt((high1 - p1) ** 2 + (p0 - low0) ** 2)
    return delta, low, high


def two_sided_p(z: float) -> float:
    """The two-sided p-value of a standard normal statistic."""
    return math.erfc(abs(z) / math.sqrt(2))


def two_proportion_z(x1: int, n1: int, x0: int, n0: int) -> Test:
    """The pooled two-proportion z-test of x1/n1 against x0/n0.

    >>> t = two_proportion_z(58, 100, 45, 100); round(t.z, 2), round(t.p_value, 3)
    (1.84, 0.066)
    """
    pooled = (x1 + x0) / (n1 + n0)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    if spread == 0:  # both 0% or both 100%: no difference to test
        return Test("z", 0.0, 1.0)
    z = (x1 / n1 - x0 / n0) / spread
    return Test("z", z, two_sided_p(z))


def min_expected(x1: int, n1: int, x0: int, n0: int) -> float:
    """The smallest expected count of the 2×2 table (successes/failures × two samples)."""
    total = n1 + n0
    successes = x1 + x0
    failures = total - successes
    return min(n * s / total for n in (n1, n0) for s in (successes, failures))


def fisher_exact(x1: int, n1: int, x0: int, n0: int) -> Test:
    """Fisher's exact two-sided test of the 2×2 table [[x1, n1 − x1], [x0, n0 − x0]]: the sum
    of the probabilities of the tables (same margins) no more likely than the one observed."""
    successes = x1 + x0
    total = n1 + n0
    low, high = max(0, successes - n0), min(successes, n1)

    def log_p(k: int) -> float:
        return (_log_choose(n1, k) + _log_choose(n0, successes - k)
                - _log_choose(total, successes))

    observed = log_p(x1)
    slack = 1e-7  # tables equally likely up to float noise count too (as scipy does)
    p_value = sum(math.exp(lp) for k in range(low, high + 1)
                  if (lp := log_p(k)) <= observed + slack)
    return Test("fisher", None, min(1.0, p_value))


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def difference_test(x1: int, n1: int, x0: int, n0: int) -> Test:
    """The test §2 asks for: the z-test, or Fisher's exact test when an expected cell is
    under 5."""
    if min_expected(x1, n1, x0, n0) < MIN_EXPECTED:
        return fisher_exact(x1, n1, x0, n0)
    return two_proportion_z(x1, n1, x0, n0)


def stratified_test(p1: float, var1: float, p0: float, var0: float) -> Test:
    """z = Δ / √(Var₀ + Var₁) for two stratified shares (§5.6)."""
    spread = math.sqrt(var1 + var0)
    if spread == 0:
        return Test("stratified_z", 0.0, 1.0)
    z = (p1 - p0) / spread
    return Test("stratified_z", z, two_sided_p(z))


def mean(values: list[float]) -> float | None:
    """The arithmetic mean (None for no values)."""
    return sum(values) / len(values) if values else None
