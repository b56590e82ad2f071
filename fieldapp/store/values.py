"""Checks and normalizations of the values people type for organizations and rounds."""

from __future__ import annotations

import re
import unicodedata

from fieldapp.errors import InputError

_ID = re.compile(r"^[\w.-]{1,64}$")
_THOUSANDS = re.compile(r"^\d{1,3}([.,' ]\d{3})+$")
_SEPARATORS = re.compile(r"\s*[;,/|]\s*")


def fold(text: str) -> str:
    """``text`` for loose matching: no accents, lower case, punctuation as single spaces."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", plain).replace("_", " ").split())


def clean_id(value: object, field: str = "id") -> str:
    """An id: letters, digits, ``-``, ``_`` or ``.``, 1–64 of them.

    :raises InputError: STORE_024 if empty, STORE_028 if not a valid id
    """
    text = str(value or "").strip()
    if not text:
        raise InputError("STORE_024", field=field)
    if not _ID.match(text):
        raise InputError("STORE_028", field=field, value=text)
    return text


def clean_text(value: object, field: str, *, required: bool = True) -> str:
    """``value`` with runs of white space made single; refuses an empty required one."""
    text = " ".join(str(value or "").split())
    if required and not text:
        raise InputError("STORE_024", field=field)
    return text


def clean_list(value: object) -> str:
    """A list typed with ``,`` ``;`` ``/`` or ``|`` between items, as ``"a, b"``."""
    items = (" ".join(item.split()) for item in _SEPARATORS.split(str(value or "")))
    return ", ".join(item for item in items if item)


def parse_count(value: object, field: str) -> int | None:
    """A number of people (``1200``, ``1.200``, ``1,200``, ``12.0``); None when blank.

    :raises InputError: STORE_023 if it is not a whole number ≥ 0
    """
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value).strip()
        if not text:
            return None
        if _THOUSANDS.match(text):
            text = re.sub(r"\D", "", text)
        elif re.fullmatch(r"\d+[.,]0*", text):
            text = re.split(r"[.,]", text)[0]
        if not (text.isascii() and text.isdigit()):  # "²" and "٣" are digits to Python
            raise InputError("STORE_023", field=field, value=value)
        number = int(text)
    if number < 0:
        raise InputError("STORE_023", field=field, value=value)
    return number


def parse_year(value: object, field: str = "year") -> int:
    """A four-digit year.

    :raises InputError: STORE_027 otherwise
    """
    text = str(value if value is not None else "").strip()
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2999:
        raise InputError("STORE_027", field=field, value=text)
    return int(text)
