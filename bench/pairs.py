"""What every benchmark here shares: measured work alternated pair by pair with its cheapest
baseline, median ratios, and a table that prints the target and PASS/FAIL beside each ratio.

Alternating (baseline, measured, baseline, measured, …) instead of running all of one and then
all of the other keeps a load change on a shared machine (other processes, CPU frequency, disk
cache) from landing on one side only; the median of the per-pair ratios then ignores the pairs
a burst of load spoiled.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Callable


def timed(func: Callable[[], object]) -> float:
    """Seconds for one call of ``func``."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


@dataclass(slots=True)
class Pairs:
    """Seconds of the measured work and of its baseline, one pair per round."""

    measured: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [m / b for m, b in zip(self.measured, self.baseline)]

    @property
    def ratio(self) -> float:
        """The median of the per-pair ratios."""
        return statistics.median(self.ratios)


def alternate(measured: Callable[[], float], baseline: Callable[[], float], rounds: int,
              *, into: Pairs | None = None) -> Pairs:
    """Run ``baseline`` and ``measured`` in turn ``rounds`` times; each returns its own
    seconds (so it can leave its set-up and clean-up outside the timing)."""
    pairs = into or Pairs()
    for i in range(rounds):
        # swap the order every round: neither side always runs on a warmer cache
        if i % 2:
            pairs.measured.append(measured())
            pairs.baseline.append(baseline())
        else:
            pairs.baseline.append(baseline())
            pairs.measured.append(measured())
    return pairs


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms" if seconds < 0.01 else f"{seconds * 1000:.1f} ms"


@dataclass(slots=True)
class Table:
    """Rows of ``measure | measured | baseline | ratio | target | verdict``."""

    title: str
    rows: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)

    def ratio(self, name: str, pairs: Pairs, target: float, *, below: float | None = None,
              worst: bool = False) -> bool:
        """A ratio row (median ratio ≤ ``target``); ``below`` also asks the median (or, with
        ``worst``, the slowest) measured time to stay under that many seconds."""
        ratio = pairs.ratio
        ok = ratio <= target
        goal = f"≤ {target:g}×"
        if below is not None:
            seconds = max(pairs.measured) if worst else statistics.median(pairs.measured)
            ok = ok and seconds < below
            goal += f" and {'worst' if worst else 'p50'} < {ms(below)} ({ms(seconds)})"
        self.rows.append((name, ms(statistics.median(pairs.measured)),
                          ms(statistics.median(pairs.baseline)), f"{ratio:.3g}×", goal,
                          "PASS" if ok else "FAIL"))
        return ok

    def limit(self, name: str, seconds: float, below: float, what: str = "p50") -> bool:
        """A time row without a baseline: ``seconds`` (a ``what`` of samples) under ``below``."""
        ok = seconds < below
        self.rows.append((name, ms(seconds), "", "", f"{what} < {ms(below)}",
                          "PASS" if ok else "FAIL"))
        return ok

    def info(self, name: str, measured: str, note: str = "") -> None:
        self.rows.append((name, measured, "", "", note, ""))

    def print(self) -> None:
        head = ("measure", "measured", "baseline", "ratio", "target", "")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(6)]
        print(self.title)
        print("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
        print("-" * (sum(widths) + 10))
        for row in self.rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        failed = sum(1 for r in self.rows if r[5] == "FAIL")
        print(f"{failed} of {sum(1 for r in self.rows if r[5])} targets missed" if failed
              else "every target met")
