"""From counts to the figures a table prints: shares (Wilson at organization level,
stratified by organization above it), means, and differences from a baseline, each with the
suppression rule of §5.4 applied. Percentages here; the statistics are in ``stats``."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fieldapp.analysis import stats
from fieldapp.analysis.catalogue import MIN_MEAN_N, MIN_SHARE_N
from fieldapp.analysis.results import NO_DATA, NOT_COMPARABLE, SMALL_N, Difference, Estimate


@dataclass(slots=True)
class Stratum:
    """One organization's (or organization × role's) part of a share: its population N
    (None when unknown: then weighted by its sample size, §5.5), successes x of n."""

    key: str
    size: int | None
    x: int
    n: int


def _pct(value: float | None) -> float | None:
    return None if value is None else value * 100


def suppressed(kind: str, n: int, reason: str | None = None, *, method: str = "",
               unit: str = "%") -> Estimate:
    """A figure that is not shown, with its n and why."""
    return Estimate(kind, None, n, method=method, unit=unit, suppressed=True,
                    reason=reason or (NO_DATA if n == 0 else SMALL_N))


def share(x: int, n: int, *, minimum: int = MIN_SHARE_N) -> Estimate:
    """x of n with its Wilson interval; suppressed under ``minimum`` respondents."""
    if n == 0 or n < minimum:
        return suppressed("share", n, method="wilson")
    p = stats.wilson(x, n)
    return Estimate("share", _pct(p.p), n, x=x, low=_pct(p.low), high=_pct(p.high),
                    method="wilson", variance=p.p * (1 - p.p) / n)


def stratified_share(strata: list[Stratum], *, minimum: int = MIN_SHARE_N) -> Estimate:
    """The share over organizations as strata, each weighted by its population (§5.5)."""
    kept = [s for s in strata if s.n > 0]
    n = sum(s.n for s in kept)
    x = sum(s.x for s in kept)
    unknown = [s for s in kept if s.size is None]
    weighting = "members" if not unknown else ("sample_size" if len(unknown) == len(kept)
                                               else "mixed")
    if n == 0 or n < minimum:
        found = suppressed("share", n, method="stratified")
        found.weighting = weighting
        return found
    result = stats.stratified((s.size if s.size is not None else s.n, s.x, s.n) for s in kept)
    if result.p is None:  # every known population is 0: weight by sample size instead
        result = stats.stratified((s.n, s.x, s.n) for s in kept)
        weighting = "sample_size"
    return Estimate("share", _pct(result.p), n, x=x, low=_pct(result.low),
                    high=_pct(result.high), method="stratified", n_eff=result.n_eff,
                    pooled=_pct(result.pooled), weighting=weighting, variance=result.variance)


def mean(values: list[float], *, minimum: int = MIN_MEAN_N, census: bool = False,
         unit: str = "points") -> Estimate:
    """The mean of ``values``; suppressed under ``minimum`` values unless ``census`` (one
    organization's own assessment, always shown)."""
    n = len(values)
    if n == 0 or (n < minimum and not census):
        return suppressed("mean", n, method="census" if census else "mean", unit=unit)
    return Estimate("mean", sum(values) / n, n, method="census" if census else "mean",
                    unit=unit)


def mean_of(total: float, n: int, *, minimum: int = MIN_MEAN_N, unit: str = "points") -> Estimate:
    """The mean of ``n`` values summing to ``total`` (aggregated elsewhere, e.g. by SQL);
    suppressed under ``minimum`` values."""
    if n == 0 or n < minimum:
        return suppressed("mean", n, method="mean", unit=unit)
    return Estimate("mean", total / n, n, method="mean", unit=unit)


def stratified_mean(groups: list[tuple[int | None, list[float]]], *,
                    minimum: int = MIN_MEAN_N, unit: str = "points") -> Estimate:
    """The mean over organizations as strata: Σ W_h · mean_h, W_h by population (or sample
    size when unknown), with the unweighted mean of all values as ``pooled``."""
    kept = [(size, values) for size, values in groups if values]
    n = sum(len(values) for _s, values in kept)
    unknown = sum(1 for size, _v in kept if size is None)
    weighting = "members" if not unknown else ("sample_size" if unknown == len(kept)
                                               else "mixed")
    if n == 0 or n < minimum:
        found = suppressed("mean", n, method="stratified", unit=unit)
        found.weighting = weighting
        return found
    weights = [(size if size is not None else len(values), values) for size, values in kept]
    total = sum(w for w, _v in weights)
    if total <= 0:
        weights = [(len(values), values) for _s, values in kept]
        total, weighting = n, "sample_size"
    value = sum(w / total * sum(values) / len(values) for w, values in weights)
    pooled = sum(sum(values) for _s, values in kept) / n
    return Estimate("mean", value, n, method="stratified", unit=unit, pooled=pooled,
                    weighting=weighting)


def count(x: int, n: int) -> Estimate:
    """x of n (organizations assessed of those registered): a census, always shown."""
    value = x * 100 / n if n else None
    return Estimate("count", float(x), n, x=x, method="count", unit="",
                    pooled=value)


def external(value: float, n: int | None, low: float | None, high: float | None,
             kind: str = "share") -> Estimate:
    """A value entered by hand (§5.8), with its interval when given (else Wilson from n)."""
    variance = None
    if kind == "share" and (low is None or high is None) and n:
        bounds = stats.wilson_bounds(min(max(value / 100, 0.0), 1.0), n)
        low, high = _pct(bounds[0]), _pct(bounds[1])
    if low is not None and high is not None:
        variance = ((high - low) / 100 / (2 * stats.Z95)) ** 2
    elif n and kind == "share":
        variance = (value / 100) * (1 - value / 100) / n
    return Estimate(kind, value, n or 0, low=low, high=high, method="external",
                    unit="%" if kind == "share" else "points", variance=variance)


def share_difference(current: Estimate, baseline: Estimate) -> Difference:
    """current − baseline in percentage points with Newcombe's interval and the test §2 and
    §5.6 ask for (exact counts at organization level: z, or Fisher when a cell expects < 5;
    stratified or external: z on the two variances)."""
    if current.value is None or baseline.value is None:
        return Difference(None, "pp", suppressed=True, reason=NOT_COMPARABLE)
    p1, p0 = current.value / 100, baseline.value / 100
    delta = p1 - p0
    low = high = None
    if None not in (current.low, current.high, baseline.low, baseline.high):
        delta, low, high = stats.newcombe(p1, current.low / 100, current.high / 100,
                                          p0, baseline.low / 100, baseline.high / 100)
    if current.method == baseline.method == "wilson":
        test = stats.difference_test(current.x or 0, current.n, baseline.x or 0, baseline.n)
    elif current.variance is not None and baseline.variance is not None:
        test = stats.stratified_test(p1, current.variance, p0, baseline.variance)
    else:
        test = None
    return Difference(delta * 100, "pp", _pct(low), _pct(high),
                      z=None if test is None else test.z,
                      p_value=None if test is None else test.p_value,
                      test=None if test is None else test.method,
                      significant=None if test is None else test.significant)


def mean_difference(current: float | None, baseline: float | None, n_panel: int,
                    *, unit: str = "points", minimum: int = MIN_MEAN_N) -> Difference:
    """A descriptive difference of means over a balanced panel of ``n_panel`` units (a census:
    no test). Suppressed under ``minimum`` units."""
    if current is None or baseline is None or n_panel == 0:
        return Difference(None, unit, n_panel=n_panel, suppressed=True,
                          reason=NO_DATA if n_panel == 0 else NOT_COMPARABLE)
    if n_panel < minimum:
        return Difference(None, unit, n_panel=n_panel, suppressed=True, reason=SMALL_N)
    return Difference(current - baseline, unit, n_panel=n_panel)


def count_difference(current: int, baseline: int) -> Difference:
    """The change of a count, also relative in % (§5.9)."""
    relative = (current - baseline) * 100 / baseline if baseline else None
    return Difference(float(current - baseline), "", relative=relative)


def finite(value: float | None) -> float | None:
    """``value`` unless it is NaN or infinite."""
    return value if value is not None and math.isfinite(value) else None
