"""XPath 1.0 values and the conversions between them, with ODK's dates as extra types.

A date or dateTime, as a value or as ISO text, converts to a number of days since
1970-01-01 (the ODK spec's extension of ``number()``). A dateTime counts on its own wall
clock, as JavaRosa's ``fractionalDaysSinceEpoch`` does, not in UTC as the spec's wording
says: so a visit at 20:00 on the 14th (UTC−5) is before ``today()`` on the 15th, as the
technician expects, and ``floor(decimal-date-time(now()))`` is ``today()``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import Union

from fieldapp.expr.context import Node

EPOCH = date(1970, 1, 1)
_EPOCH_DT = datetime(1970, 1, 1)

# XPath 1.0 Number: no exponent, no '+', no 'inf'/'nan' (which Python's float() would accept)
_NUMBER = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*\Z")
_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*\Z")
_DATETIME = re.compile(r"\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_OFFSET = re.compile(r"T[\d:.]+([+-])(\d{2}):?(\d{2})?\s*\Z")
_TIME = re.compile(r"\s*\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*\Z")


class NodeSet(list):
    """An XPath node-set: instance nodes in document order, without duplicates."""

    __slots__ = ()


Value = Union[str, float, bool, date, datetime, NodeSet]


def format_number(x: float) -> str:
    """XPath ``string()`` of a number: ``1`` not ``1.0``, no exponent, ``NaN``, ``Infinity``;
    the shortest digits that read back as the same number."""
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))  # also turns -0 into "0"
    text = repr(x)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def format_datetime(value: datetime) -> str:
    """ODK's dateTime text: ``2024-03-01T10:05:00.000-05:00`` (no offset when naive)."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}"
    offset = value.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def to_string(value: Value) -> str:
    """XPath ``string()``: a node-set gives its first node's value, ``''`` when empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, list):
        return value[0].value() if value else ""
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"not an expression value: {value!r}")


def string_to_number(text: str) -> float:
    """XPath ``number()`` of a string, extended as the ODK spec says: an ISO date or dateTime
    is its days since 1970-01-01, so dates can be compared and subtracted."""
    if text.isdigit() and text.isascii():  # most answers: no pattern needed
        return float(text)
    if _NUMBER.match(text):
        return float(text)
    if len(text) >= 10:
        return _iso_days(text)
    return math.nan


@lru_cache(maxsize=1024)
def _iso_days(text: str) -> float:
    # date answers are compared on every keystroke: parse each text once
    moment = parse_datetime(text)
    return math.nan if moment is None else datetime_days(moment)


def to_number(value: Value) -> float:
    """XPath ``number()``; a date is its days since 1970-01-01 (fractional for a datetime)."""
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        return string_to_number(value)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, list):
        return string_to_number(value[0].value()) if value else math.nan
    if isinstance(value, datetime):
        return datetime_days(value)
    if isinstance(value, date):
        return float((value - EPOCH).days)
    if isinstance(value, int):
        return float(value)
    raise TypeError(f"not an expression value: {value!r}")


def to_boolean(value: Value) -> bool:
    """XPath ``boolean()``: non-empty string or node-set, non-zero non-NaN number."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value == value and value != 0.0
    if isinstance(value, (str, list)):
        return len(value) > 0
    if isinstance(value, date):
        return True
    if isinstance(value, int):
        return value != 0
    raise TypeError(f"not an expression value: {value!r}")


def datetime_days(value: datetime) -> float:
    """Days since the epoch on the datetime's own wall clock, as JavaRosa's decimal-date-time,
    so that ``floor(decimal-date-time(now()))`` is ``today()``'s day number."""
    return (value.replace(tzinfo=None) - _EPOCH_DT) / timedelta(days=1)


def days_to_date(days: float) -> date:
    """The date ``days`` (floored) after 1970-01-01."""
    return EPOCH + timedelta(days=math.floor(days))


def days_to_datetime(days: float, tz: tzinfo | None = None) -> datetime:
    """The wall-clock datetime ``days`` after the epoch, in ``tz``."""
    return (_EPOCH_DT + timedelta(days=days)).replace(tzinfo=tz)


def parse_date(text: str) -> date | None:
    """A ``YYYY-MM-DD`` (or the date part of a dateTime) as a date; None if it is not one."""
    text = text.strip()
    match = _DATE.match(text[:10])
    if not match or (len(text) > 10 and text[10] != "T"):
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    """An ISO date or dateTime (``Z`` or ``±HH:MM`` offset optional) as a datetime."""
    text = text.strip()
    if _DATE.match(text):
        day = parse_date(text)
        return datetime(day.year, day.month, day.day) if day else None
    if not _DATETIME.match(text):
        return None
    offset = _OFFSET.search(text)
    if offset and (int(offset.group(2)) > 14 or int(offset.group(3) or 0) > 59):
        return None  # -07:60 is no offset (XML Schema: ±HH:MM, minutes 00-59)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_time(text: str) -> time | None:
    """An ODK time answer (``HH:MM[:SS[.mmm]][offset]``) as a time; None if it is not one."""
    if not _TIME.match(text):
        return None
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        return None


def document_order(nodes: list[Node]) -> NodeSet:
    """``nodes`` without duplicates, sorted in document order (for the union ``|``)."""
    unique: dict[int, Node] = {}
    for node in nodes:
        unique.setdefault(id(node), node)
    return NodeSet(sorted(unique.values(), key=_order_key))


def _order_key(node: Node) -> tuple[int, ...]:
    key: list[int] = []
    child = node
    parent = node.parent
    while parent is not None:
        siblings = parent.children()
        key.append(next((i for i, n in enumerate(siblings) if n is child), 0))
        child, parent = parent, parent.parent
    return tuple(reversed(key))
