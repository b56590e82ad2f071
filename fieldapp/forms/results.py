"""What form sessions answer: field states, problems that stop finalizing, edits' changes."""

from __future__ import annotations

from dataclasses import dataclass, field

Writes = dict[str, "str | None"]


@dataclass(slots=True)
class FieldState:
    """What the GUI needs to draw one field now."""

    path: str
    name: str
    type: str
    relevant: bool
    required: bool
    read_only: bool
    value: str
    valid: bool
    message: str = ""  # the form's constraint/required message in the form language


@dataclass(slots=True)
class Problem:
    """Why a submission cannot be finalized yet."""

    path: str
    kind: str  # "required" or "constraint"
    message: str
    label: str = ""


@dataclass(slots=True)
class Change:
    """The outcome of one edit."""

    writes: Writes = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # instance paths whose value/relevance changed
