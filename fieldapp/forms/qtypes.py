"""What each question type is, in one table: how a laptop captures it, how an answer is
turned into stored text, and how it is exported.

Types are fieldapp's normalized names (``columns.TYPE_ALIASES`` maps XLSForm spellings to
them). Everything that asks "is this a select?", "does it take a file?", "how many export
columns?" reads :data:`QUESTION_TYPES` through the helpers below, so a new type is one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.i18n import N_

# How a question is filled
INPUT, DISPLAY, COMPUTED, METADATA, UNSUPPORTED = (
    "input", "display", "computed", "metadata", "unsupported")

# How an answer is exported: its stored text in one column; that plus one 0/1 column per
# choice; that plus latitude/longitude/altitude/accuracy columns; a reference to the
# attached file (its name, the bytes travel separately)
VALUE, CHOICES, GEOPOINT, FILE_REFERENCE = "value", "choices", "geopoint", "file"
GEOPOINT_PARTS = ("lat", "lon", "alt", "acc")


@dataclass(frozen=True, slots=True)
class QuestionType:
    """One question type.

    :ivar capture: input, display, computed, metadata or unsupported
    :ivar coercion: the rule in :mod:`fieldapp.forms.answers` that turns a typed or picked
        value into the stored text (``text`` keeps it as typed)
    :ivar select: answered from a choice list
    :ivar multiple: several choices, stored space-separated
    :ivar numeric: a number (``integer``, ``decimal``, ``range``)
    :ivar file: answered by attaching a file (the answer is its stored file name)
    :ivar export: ``value``, ``choices``, ``geopoint`` or ``file`` (see the module constants)
    :ivar context: for metadata the app fills in, its key in the session's context
    :ivar reason: why a laptop cannot capture it (an English msgid), for unsupported types
    """

    name: str
    capture: str
    coercion: str = "text"
    select: bool = False
    multiple: bool = False
    numeric: bool = False
    file: bool = False
    export: str = VALUE
    context: str | None = None
    reason: str = ""


def _types(*rows: QuestionType) -> dict[str, QuestionType]:
    return {row.name: row for row in rows}


_NO_LAPTOP_DATA = N_("External data files are not loaded on a laptop; "
                     "lookups into this file give empty values.")

QUESTION_TYPES: dict[str, QuestionType] = _types(
    QuestionType("text", INPUT),
    QuestionType("barcode", INPUT),
    QuestionType("integer", INPUT, "integer", numeric=True),
    QuestionType("decimal", INPUT, "decimal", numeric=True),
    QuestionType("range", INPUT, "range", numeric=True),
    QuestionType("select_one", INPUT, "select", select=True),
    QuestionType("select_one_from_file", INPUT, "select", select=True),
    QuestionType("select_multiple", INPUT, "select", select=True, multiple=True, export=CHOICES),
    QuestionType("select_multiple_from_file", INPUT, "select", select=True, multiple=True,
                 export=CHOICES),
    QuestionType("rank", INPUT, "select", select=True, multiple=True),
    QuestionType("acknowledge", INPUT, "acknowledge"),
    QuestionType("date", INPUT, "date"),
    QuestionType("time", INPUT, "time"),
    QuestionType("datetime", INPUT, "datetime"),
    QuestionType("geopoint", INPUT, "geopoint", export=GEOPOINT),
    QuestionType("geotrace", INPUT, "geopoints"),
    QuestionType("geoshape", INPUT, "geopoints"),
    QuestionType("image", INPUT, file=True, export=FILE_REFERENCE),
    QuestionType("audio", INPUT, file=True, export=FILE_REFERENCE),
    QuestionType("video", INPUT, file=True, export=FILE_REFERENCE),
    QuestionType("file", INPUT, file=True, export=FILE_REFERENCE),
    QuestionType("note", DISPLAY),
    QuestionType("calculate", COMPUTED),
    QuestionType("hidden", COMPUTED),
    # the app stamps these itself (milliseconds kept): never coerced
    QuestionType("start", METADATA),
    QuestionType("end", METADATA),
    QuestionType("today", METADATA),
    QuestionType("deviceid", METADATA, context="deviceid"),
    QuestionType("username", METADATA, context="username"),
    QuestionType("phonenumber", METADATA, context="phonenumber"),
    QuestionType("simserial", METADATA, context="simserial"),
    QuestionType("subscriberid", METADATA, context="subscriberid"),
    QuestionType("email", METADATA, context="email"),
    QuestionType("audit", METADATA),
    QuestionType("osm", UNSUPPORTED, reason=N_(
        "A laptop has no OSM map editor; this question is shown read-only.")),
    QuestionType("select_one_external", UNSUPPORTED, "select", select=True, reason=N_(
        "External choice lists (select_one_external) are not loaded on a laptop; "
        "this question is shown read-only.")),
    QuestionType("start-geopoint", UNSUPPORTED, export=GEOPOINT, reason=N_(
        "A laptop has no GPS to record where the form was started; this field stays empty.")),
    QuestionType("background-geopoint", UNSUPPORTED, export=GEOPOINT, reason=N_(
        "A laptop has no GPS to record a location in the background; "
        "this field stays empty.")),
    QuestionType("background-audio", UNSUPPORTED, file=True, export=FILE_REFERENCE, reason=N_(
        "A laptop does not record audio in the background; this field stays empty.")),
    QuestionType("trigger", UNSUPPORTED, reason=N_(
        "The old 'trigger' type is shown read-only; use 'acknowledge' instead.")),
    QuestionType("xml-external", UNSUPPORTED, reason=_NO_LAPTOP_DATA),
    QuestionType("csv-external", UNSUPPORTED, reason=_NO_LAPTOP_DATA),
)
UNKNOWN_TYPE_REASON = N_("fieldapp cannot capture this type of question; it is shown read-only.")
_UNKNOWN = QuestionType("", UNSUPPORTED, reason=UNKNOWN_TYPE_REASON)


def question_type(kind: str) -> QuestionType:
    """The row of normalized type ``kind`` (an unsupported row for a type we do not know)."""
    return QUESTION_TYPES.get(kind, _UNKNOWN)


def capture_of(kind: str) -> str:
    """How a question of type ``kind`` is filled: input, display, computed, metadata or
    unsupported."""
    return question_type(kind).capture


def is_select(kind: str) -> bool:
    return question_type(kind).select


def is_multiple(kind: str) -> bool:
    return question_type(kind).multiple


def is_numeric(kind: str) -> bool:
    return question_type(kind).numeric


def takes_file(kind: str) -> bool:
    return question_type(kind).file


def unsupported_reason(kind: str) -> str:
    """Why a laptop cannot capture ``kind`` (an English msgid; translate when shown)."""
    return question_type(kind).reason or UNKNOWN_TYPE_REASON


def types_where(**wanted: object) -> frozenset[str]:
    """The names of the types whose fields equal ``wanted`` (``types_where(capture=INPUT)``)."""
    return frozenset(name for name, row in QUESTION_TYPES.items()
                     if all(getattr(row, key) == value for key, value in wanted.items()))
