"""Turning what a user typed or picked into the stored string of an answer, per question type.

Stored forms follow ODK's submission formats: numbers as typed (decimal comma accepted),
selects as space-separated choice names, dates ISO, geopoints ``lat lon alt acc``.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
import re
from datetime import date, datetime, time
from typing import Iterable

from fieldapp.errors import AnswerError
from fieldapp.forms.model import Question
from fieldapp.forms.qtypes import question_type

_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_OFFSET = re.compile(r"[T ][\d:.]+[+-](\d{2}):?(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$")



def coerce(question: Question, value: object, choices: Iterable[str] | None = None) -> str:
    """The stored string for ``value`` as an answer to ``question``.

    :param choices: the choice names currently allowed (``None``: the question's whole list).
    :raises AnswerError: if the value does not fit the question's type.
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        text = " ".join(str(v) for v in value)
    elif isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, datetime):
        text = value.isoformat(timespec="seconds")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = text.strip()
    if text == "":
        return ""
    rule = question_type(question.type).coercion
    field = question.path
    if rule == "integer":
        if not _INT.match(text):
            raise AnswerError("ANS_002", field=field, value=text)
        return str(int(text))
    if rule in ("decimal", "range"):
        return _number(question, text)
    if rule == "select":
        return _select(question, text, choices)
    if rule == "date":
        return _date(text, field)
    if rule == "time":
        return _time(text, field)
    if rule == "datetime":
        return _datetime(text, field)
    if rule == "geopoint":
        return _geopoint(text, field)
    if rule == "geopoints":
        points = [p.strip() for p in text.split(";") if p.strip()]
        return ";".join(_geopoint(p, field) for p in points)
    if rule == "acknowledge":
        return "OK" if text.upper() in ("OK", "1", "TRUE", "YES", "SI", "SÍ", "SIM") else ""
    return text


def _number(question: Question, text: str) -> str:
    if not _DEC.match(text):
        raise AnswerError("ANS_003", field=question.path, value=text)
    normal = text.replace(",", ".")
    number = float(normal)
    if not math.isfinite(number):
        raise AnswerError("ANS_003", field=question.path, value=text)
    if question.type == "range":
        params = question.parameters
        start = float(params.get("start", 1))
        end = float(params.get("end", 10))
        low, high = min(start, end), max(start, end)
        if not low <= number <= high:
            raise AnswerError("ANS_012", field=question.path, value=text, start=_fmt(start), end=_fmt(end))
        _on_step(question, normal, params)
        return _fmt(number)
    if normal.startswith("."):
        normal = "0" + normal
    return normal.lstrip("+")


def _on_step(question: Question, text: str, params: dict[str, str]) -> None:
    """A range answer must be the start plus whole steps (ODK Collect's slider offers no
    other value): 1, 3, 5 … for start 1 and step 2. Decimal arithmetic, so 0.1 steps hold."""
    try:
        start, step = Decimal(params.get("start", "1")), Decimal(params.get("step", "1"))
        offset = (Decimal(text) - start) / step if step else Decimal(0)
    except (InvalidOperation, ArithmeticError):
        return  # pyxform has already checked the parameters
    if offset != offset.to_integral_value():
        raise AnswerError("ANS_015", field=question.path, value=text,
                          start=params.get("start", "1"), step=params.get("step", "1"))


def _fmt(number: float) -> str:
    return str(int(number)) if number.is_integer() else repr(number)


def _select(question: Question, text: str, choices: Iterable[str] | None) -> str:
    allowed = set(choices) if choices is not None else None
    if allowed is None and question.choices is not None:
        allowed = {c.name for c in question.choices}
    if allowed is not None and question.or_other:
        allowed.add("other")
    values = text.split() if question_type(question.type).multiple else [text]
    seen: list[str] = []
    for v in values:
        if allowed is not None and v not in allowed:
            raise AnswerError("ANS_004", field=question.path, value=v)
        if v not in seen:
            seen.append(v)
        elif question.type == "rank":  # an order that names an item twice is no order
            raise AnswerError("ANS_016", field=question.path, value=v)
    if question.type == "rank" and allowed is not None and len(seen) < len(allowed):
        missing = [c for c in _in_order(question, allowed) if c not in seen]
        raise AnswerError("ANS_017", field=question.path, value=" ".join(missing))
    return " ".join(seen)


def _in_order(question: Question, names: set[str]) -> list[str]:
    """``names`` in the order of the question's choice list."""
    listed = [c.name for c in question.choices or [] if c.name in names]
    return listed + sorted(names - set(listed))


def _date(text: str, field: str) -> str:
    try:
        return date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 else _bad_date(text, field)
    except ValueError:
        return _bad_date(text, field)


def _bad_date(text: str, field: str) -> str:
    raise AnswerError("ANS_005", field=field, value=text)


def _time(text: str, field: str) -> str:
    match = _TIME.match(text)
    if not match:
        raise AnswerError("ANS_006", field=field, value=text)
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    try:
        time(hour, minute, second)
    except ValueError:
        raise AnswerError("ANS_006", field=field, value=text) from None
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if match.group(3) else "")


def _datetime(text: str, field: str) -> str:
    offset = _OFFSET.search(text)
    if offset and (int(offset.group(1)) > 14 or int(offset.group(2)) > 59):
        raise AnswerError("ANS_013", field=field, value=text)  # -07:60 is no UTC offset
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise AnswerError("ANS_013", field=field, value=text) from None
    return parsed.isoformat(timespec="seconds")


def _geopoint(text: str, field: str) -> str:
    parts = text.replace(",", " ").split()
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise AnswerError("ANS_007", field=field, value=text) from None
    if not 2 <= len(numbers) <= 4 or not -90 <= numbers[0] <= 90 or not -180 <= numbers[1] <= 180:
        raise AnswerError("ANS_007", field=field, value=text)
    if len(numbers) == 4 and numbers[3] < 0:
        raise AnswerError("ANS_007", field=field, value=text)
    return " ".join(_fmt(n) for n in numbers)
