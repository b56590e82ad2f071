"""A score as displayed (one decimal) and the band and target it reaches on that value."""

from __future__ import annotations

from fieldapp.formatting import display_round


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
