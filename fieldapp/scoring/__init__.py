"""Scores of a submission (means, weighted indexes, indicators) from a form's scoring sheet."""

from fieldapp.scoring.bands import band_for, display_round, meets_target
from fieldapp.scoring.compute import (
    EXCLUDED,
    INSUFFICIENT,
    OK,
    PARTIAL,
    ScoreResults,
    ScoreValue,
    compute_scores,
    score_dependencies,
)

__all__ = [
    "EXCLUDED",
    "INSUFFICIENT",
    "OK",
    "PARTIAL",
    "ScoreResults",
    "ScoreValue",
    "band_for",
    "compute_scores",
    "display_round",
    "meets_target",
    "score_dependencies",
]
