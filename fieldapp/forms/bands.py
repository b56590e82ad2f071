"""A score as displayed (one decimal) and the band and target it reaches on that value."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_TENTH = Decimal("0.1")


def display_round(value: float) -> float:
    """``value`` rounded to one decimal, half up, as a person reads it: 84.95 → 85.0,
    39.95 → 40.0, 69.94 → 69.9. Float noise is dropped first, so a mean that should be
    84.95 but computes as 84.94999999999999 still shows 85.0. Displays and exports must use
    this (not ``f"{v:.1f}"``) so that the band printed next to a number agrees with it."""
    return float(Decimal(repr(round(value, 9))).quantize(_TENTH, rounding=ROUND_HALF_UP))


def band_for(bands: tuple[tuple[float, str], ...], value: float | None) -> str | None:
    """The name of the band the displayed ``value`` falls in: the last whose lower bound it
    reaches (bands ascending); None below the first bound or without a value."""
    if value is None or not bands:
        return None
    shown = display_round(value)
    found = None
    for bound, name in bands:
        if shown >= bound:
            found = name
    return found


def meets_target(target: float | None, value: float | None) -> bool | None:
    """Whether the displayed ``value`` reaches ``target``; None without either."""
    if target is None or value is None:
        return None
    return display_round(value) >= target
