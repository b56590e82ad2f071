"""String functions: XPath 1.0's, plus ODK's concat/join over node-sets, substr, regex,
digest and uuid."""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import secrets
import string
import uuid

from fieldapp.expr.functions.registry import UNBOUNDED, function
from fieldapp.expr.patterns import matches
from fieldapp.expr.syntax import Frame, runtime_error
from fieldapp.expr.values import NodeSet, Value, to_number, to_string
from fieldapp.i18n import _


def texts(values: tuple[Value, ...]) -> list[str]:
    """The string values of ``values``, where a node-set gives every node's value (ODK)."""
    out: list[str] = []
    for value in values:
        if isinstance(value, NodeSet):
            out.extend(node.value() for node in value)
        else:
            out.append(to_string(value))
    return out


@function("string", 0, 1)
def _string(f: Frame, value: Value | None = None) -> str:
    return f.node.value() if value is None else to_string(value)


@function("concat", 0, UNBOUNDED)
def _concat(f: Frame, *values: Value) -> str:
    return "".join(texts(values))


@function("join", 1, UNBOUNDED)
def _join(f: Frame, separator: Value, *values: Value) -> str:
    return to_string(separator).join(texts(values))


def _index(value: Value) -> int:
    """A number as a string index, truncated; NaN counts as 0 (as JavaRosa's toInt)."""
    number = to_number(value)
    if number != number:
        return 0
    if math.isinf(number):
        return 2**31 if number > 0 else -(2**31)
    return int(number)


@function("substr", 2, 3)
def _substr(f: Frame, value: Value, start: Value, end: Value | None = None) -> str:
    """ODK: 0-based ``start``, ``end`` excluded; negative indexes count from the end."""
    text = to_string(value)
    length = len(text)
    first = _index(start)
    last = length if end is None else _index(end)
    if first < 0:
        first += length
    if last < 0:
        last += length
    first = min(max(first, 0), length)
    last = min(max(last, 0), length)
    return text[first:last] if first <= last else ""


def _xpath_round(x: float) -> float:
    return math.floor(x + 0.5) if math.isfinite(x) else x


@function("substring", 2, 3)
def _substring(f: Frame, value: Value, start: Value, length: Value | None = None) -> str:
    """XPath 1.0: the characters at 1-based positions p with
    round(start) <= p < round(start) + round(length)."""
    text = to_string(value)
    first = _xpath_round(to_number(start))
    last = math.inf if length is None else first + _xpath_round(to_number(length))
    if first != first or last != last:  # NaN, including -Infinity + Infinity
        return ""
    low = max(first, 1.0)
    if not last > low:
        return ""
    stop = len(text) if last == math.inf else min(len(text), int(last) - 1)
    return text[int(low) - 1:stop]


@function("substring-before", 2)
def _substring_before(f: Frame, value: Value, needle: Value) -> str:
    text, part = to_string(value), to_string(needle)
    at = text.find(part)
    return text[:at] if at >= 0 else ""


@function("substring-after", 2)
def _substring_after(f: Frame, value: Value, needle: Value) -> str:
    text, part = to_string(value), to_string(needle)
    at = text.find(part)
    return text[at + len(part):] if at >= 0 else ""


@function("string-length", 0, 1)
def _string_length(f: Frame, value: Value | None = None) -> float:
    return float(len(f.node.value() if value is None else to_string(value)))


@function("normalize-space", 0, 1)
def _normalize_space(f: Frame, value: Value | None = None) -> str:
    text = f.node.value() if value is None else to_string(value)
    return " ".join(text.split())


@function("contains", 2)
def _contains(f: Frame, value: Value, needle: Value) -> bool:
    return to_string(needle) in to_string(value)


@function("starts-with", 2)
def _starts_with(f: Frame, value: Value, prefix: Value) -> bool:
    return to_string(value).startswith(to_string(prefix))


@function("ends-with", 2)
def _ends_with(f: Frame, value: Value, suffix: Value) -> bool:
    return to_string(value).endswith(to_string(suffix))


@function("translate", 3)
def _translate(f: Frame, value: Value, source: Value, target: Value) -> str:
    old, new = to_string(source), to_string(target)
    table: dict[int, int | None] = {}
    for i, char in enumerate(old):
        table.setdefault(ord(char), ord(new[i]) if i < len(new) else None)
    return to_string(value).translate(table)


@function("regex", 2)
def _regex(f: Frame, value: Value, expression: Value) -> bool:
    """Whether the whole value matches: ODK Collect (JavaRosa) uses ``Pattern.matches``, so
    ``regex(., '[0-9]+')`` rejects 'a1'. Enketo searches instead; an anchored pattern
    (``^…$``) behaves the same in both. The pattern is read in Java's dialect and the match
    is bounded in time (see ``expr.patterns``)."""
    return matches(to_string(expression), to_string(value))


_ALPHANUMERIC = string.ascii_letters + string.digits


_LONGEST_UUID = 1000


@function("uuid", 0, 1, volatile=True)
def _uuid(f: Frame, length: Value | None = None) -> str:
    """A random version 4 UUID; with a length, that many random letters and digits."""
    if length is None:
        return str(uuid.uuid4())
    size = _index(length)
    if size > _LONGEST_UUID:
        raise runtime_error(_("uuid() can make at most {n} characters.").format(n=_LONGEST_UUID))
    return "".join(secrets.choice(_ALPHANUMERIC) for _i in range(max(size, 0)))


_DIGESTS = {"md5": "md5", "sha-1": "sha1", "sha-256": "sha256", "sha-384": "sha384",
            "sha-512": "sha512"}


@function("digest", 2, 3)
def _digest(f: Frame, value: Value, algorithm: Value, encoding: Value = "base64") -> str:
    name = _DIGESTS.get(to_string(algorithm).lower())
    if name is None:
        raise runtime_error(_("digest() knows MD5, SHA-1, SHA-256, SHA-384 and SHA-512, "
                              "not '{name}'.").format(name=to_string(algorithm)))
    raw = hashlib.new(name, to_string(value).encode("utf-8")).digest()
    if to_string(encoding).lower() == "hex":
        return raw.hex()
    return base64.b64encode(raw).decode("ascii")


@function("base64-decode", 1)
def _base64_decode(f: Frame, value: Value) -> str:
    try:
        return base64.b64decode(to_string(value), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
