"""Date and time functions: today, now, date, date-time, decimal-*, format-date(-time).

A number stands for days since 1970-01-01 on the value's own wall clock (see values.py).
Empty answers give '' (or NaN for the decimal-* functions); text that is not a date raises
EXPR_004, as JavaRosa does.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from fieldapp.expr.functions.registry import function
from fieldapp.expr.syntax import Frame, runtime_error
from fieldapp.expr.values import (
    NodeSet,
    Value,
    days_to_date,
    days_to_datetime,
    parse_date,
    parse_datetime,
    parse_time,
    to_number,
    to_string,
)
from fieldapp.i18n import _, current_language

_DATE_ONLY = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*\Z")
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Python's dates go from year 1 to 9999: about 719,000 days before and 2,932,000 after 1970
_FIRST_DAY, _LAST_DAY = -719_000, 2_932_000


def _in_range(days: float) -> bool:
    return _FIRST_DAY < days < _LAST_DAY


def _local_zone(f: Frame) -> tzinfo | None:
    return f.ctx.now().tzinfo


def _not_a_date(value: object) -> Exception:
    return runtime_error(_("'{value}' is not a date or a date and time.").format(value=value))


def moment(f: Frame, value: Value) -> date | datetime | None:
    """``value`` as a date (for a plain date) or a datetime; None when empty or NaN.

    :raises ExprError: EXPR_004 when the value is text that is not a date, or out of range.
    """
    if isinstance(value, NodeSet):
        value = to_string(value)
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise _not_a_date(to_string(value))
    if isinstance(value, float):
        if value != value:
            return None
        if not _in_range(value):
            raise _not_a_date(to_string(value))
        return days_to_datetime(value, _local_zone(f))
    text = value.strip()
    if not text:
        return None
    parsed = parse_date(text) if _DATE_ONLY.match(text) else parse_datetime(text)
    if parsed is None:
        raise _not_a_date(text)
    return parsed


@function("today", 0, volatile=True)
def _today(f: Frame) -> date:
    return f.ctx.now().date()


@function("now", 0, volatile=True)
def _now(f: Frame) -> datetime:
    return f.ctx.now()


@function("date", 1)
def _date(f: Frame, value: Value) -> date | str:
    """A date; a number is days since 1970-01-01, truncated as JavaRosa does."""
    if isinstance(value, float) and math.isfinite(value):
        if not _in_range(value):
            raise _not_a_date(to_string(value))
        return days_to_date(math.trunc(value))
    found = moment(f, value)
    if found is None:
        return ""
    return found.date() if isinstance(found, datetime) else found


@function("date-time", 1)
def _date_time(f: Frame, value: Value) -> datetime | str:
    """A datetime; without a UTC offset it is taken as local time."""
    found = moment(f, value)
    if found is None:
        return ""
    if not isinstance(found, datetime):
        found = datetime(found.year, found.month, found.day)
    return found if found.tzinfo is not None else found.replace(tzinfo=_local_zone(f))


@function("decimal-date-time", 1)
def _decimal_date_time(f: Frame, value: Value) -> float:
    """Days since 1970-01-01T00:00Z of the instant, as JavaRosa counts it
    (``getTime() / DAY_IN_MS``): 06:00-08:00 is 14:00 UTC; a date, or a dateTime without an
    offset, is on the device's clock (a date at its local midnight)."""
    found = moment(f, value)
    if found is None:
        return math.nan
    if isinstance(value, float):
        return value  # a number is already days (JavaRosa returns it unchanged)
    if not isinstance(found, datetime):
        found = datetime(found.year, found.month, found.day)
    if found.tzinfo is None:
        found = found.replace(tzinfo=_local_zone(f))
    return (found - _EPOCH_UTC) / timedelta(days=1)


@function("decimal-date", 1)
def _decimal_date(f: Frame, value: Value) -> float:
    found = moment(f, value)
    if found is None:
        return math.nan
    return to_number(found.date() if isinstance(found, datetime) else found)


def _day_fraction(clock: time) -> float:
    seconds = clock.hour * 3600 + clock.minute * 60 + clock.second + clock.microsecond / 1e6
    return seconds / 86400


@function("decimal-time", 1)
def _decimal_time(f: Frame, value: Value) -> float:
    """The fraction of the day on the value's own clock: '12:00' is 0.5, '18:00' 0.75."""
    if isinstance(value, float):
        return value - math.floor(value) if math.isfinite(value) else math.nan
    if isinstance(value, datetime):
        return _day_fraction(value.time())
    if isinstance(value, date):
        return 0.0
    text = to_string(value).strip()
    if not text:
        return math.nan
    clock = parse_time(text)
    if clock is not None:
        return _day_fraction(clock)
    found = parse_datetime(text)
    if found is None:
        raise runtime_error(_("'{value}' is not a time.").format(value=text))
    return _day_fraction(found.time())


_FIELD = re.compile(r"%(.)")


def _names(kind: str, width: str = "abbreviated") -> dict[int, str]:
    from babel import dates as babel_dates  # only needed for %b and %a

    language = current_language()
    if kind == "month":
        return dict(babel_dates.get_month_names(width, locale=language))
    return dict(babel_dates.get_day_names(width, locale=language))


def format_moment(value: date, pattern: str) -> str:
    """``value`` written with the ODK fields: %Y %y %m %n %b %d %e %a %H %h %M %S %3.
    Month and day names follow the interface language."""
    stamp = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)

    def field(match: re.Match[str]) -> str:
        code = match.group(1)
        if code == "Y":
            return f"{stamp.year:04d}"
        if code == "y":
            return f"{stamp.year % 100:02d}"
        if code == "m":
            return f"{stamp.month:02d}"
        if code == "n":
            return str(stamp.month)
        if code == "b":
            return _names("month")[stamp.month]
        if code == "d":
            return f"{stamp.day:02d}"
        if code == "e":
            return str(stamp.day)
        if code == "a":
            return _names("day")[stamp.weekday()]
        if code == "H":
            return f"{stamp.hour:02d}"
        if code == "h":
            return str(stamp.hour)
        if code == "M":
            return f"{stamp.minute:02d}"
        if code == "S":
            return f"{stamp.second:02d}"
        if code == "3":
            return f"{stamp.microsecond // 1000:03d}"
        return match.group(0)  # unknown fields stay as written

    return _FIELD.sub(field, pattern)


def _format(f: Frame, value: Value, pattern: Value) -> str:
    found = moment(f, value)
    return "" if found is None else format_moment(found, to_string(pattern))


function("format-date", 2)(_format)
function("format-date-time", 2)(_format)
