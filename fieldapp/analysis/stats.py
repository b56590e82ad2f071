"""Proportions and their confidence intervals (instruments.md §2: Wilson, 95%)."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(slots=True)
class Proportion:
    """x successes out of n, with the Wilson score interval."""

    x: int
    n: int
    p: float | None
    low: float | None
    high: float | None


def wilson(x: int, n: int, z: float = Z95) -> Proportion:
    """The share x/n and its Wilson score interval (None when n is 0).

    >>> p = wilson(58, 100); round(p.low * 100, 1), round(p.high * 100, 1)
    (48.2, 67.2)
    """
    if n <= 0:
        return Proportion(x, n, None, None, None)
    p = x / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    return Proportion(x, n, p, (centre - margin) / denominator, (centre + margin) / denominator)
