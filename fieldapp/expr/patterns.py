"""``regex()`` patterns: Java's dialect (ODK Collect) and JavaScript's (Enketo) read as
written, compiled once, matched within a time bound.

Form authors test their patterns in ODK Collect (``java.util.regex``) or Enketo (JavaScript),
so a pattern means what it means there, not what Python's ``re`` makes of it. The third-party
``regex`` module is closer to both (possessive quantifiers, atomic groups, ``\\p{..}``
classes, set intersection) and can stop a match after a timeout. What it still reads
differently is rewritten here, token by token, before compiling:

- ``\\w``, ``\\d``, ``\\s`` (and ``\\W``, ``\\D``, ``\\S``) are ASCII in Java and JavaScript:
  ``^\\w+$`` refuses "José" in ODK Collect, so it does here;
- a hyphen next to a class shorthand inside brackets is a literal (``[\\w-\\.]``);
- Java's POSIX classes (``\\p{Alpha}``, ``\\p{Punct}`` …) are ASCII; ``\\p{javaLowerCase}``,
  ``\\p{IsLatin}``, ``\\p{InGreek}`` name Unicode properties, scripts and blocks;
- ``\\Q…\\E`` quotes, ``\\x{h…h}``, ``\\e``, ``\\cX``, ``\\0oct``, ``\\z``/``\\Z``, ``\\h``, ``\\v``;
- intersections and nested classes (``[a-z&&[^aeiou]]``) use the module's set syntax;
- flags switched on in mid-pattern (``a(?i)b``) apply from there on, as in Java;
- JavaScript's ``[^]`` is any character.

A pattern that still cannot be compiled is an error (never "always valid"), and so is a
match that runs longer than :data:`TIMEOUT` seconds (catastrophic backtracking).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from fieldapp.errors import ExprError

if TYPE_CHECKING:
    import regex

TIMEOUT = 0.25  # seconds one match may take; constraints run on every answer typed

# ASCII classes, as sets of ranges that fit both inside and outside brackets
_WORD = "a-zA-Z0-9_"
_DIGIT = "0-9"
_SPACE = " \\t\\n\\x0B\\f\\r"
_NOT_WORD = "\\x00-/:-@\\[-\\^`{-\\U0010FFFF"
_NOT_DIGIT = "\\x00-/:-\\U0010FFFF"
_NOT_SPACE = "\\x00-\\x08\\x0E-\\x1F!-\\U0010FFFF"
_SHORTHANDS = {"w": _WORD, "d": _DIGIT, "s": _SPACE,
               "W": _NOT_WORD, "D": _NOT_DIGIT, "S": _NOT_SPACE,
               "h": " \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000",
               "v": "\\n\\x0B\\f\\r\\x85\\u2028\\u2029"}
_POSIX = {
    "Lower": "a-z", "Upper": "A-Z", "ASCII": "\\x00-\\x7F", "Alpha": "a-zA-Z", "Digit": "0-9",
    "Alnum": "a-zA-Z0-9", "Punct": "!-/:-@\\[-`{-~", "Graph": "!-~", "Print": " -~",
    "Blank": " \\t", "Cntrl": "\\x00-\\x1F\\x7F", "XDigit": "0-9a-fA-F", "Space": _SPACE,
}
_JAVA_PROPERTIES = {
    "javaLowerCase": "Ll", "javaUpperCase": "Lu", "javaWhitespace": "White_Space",
    "javaMirrored": "Bidi_Mirrored", "javaLetter": "L", "javaDigit": "Nd",
    "javaLetterOrDigit": "Alnum", "javaAlphabetic": "Alphabetic",
}


class PatternError(ValueError):
    """A pattern that cannot be read (``reason`` says why, in English from the compiler)."""


class _Reader:
    """Rewrites one Java/JavaScript pattern for the ``regex`` module."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.out: list[str] = []
        self.sets = False  # the pattern needs the module's VERSION1 set operations
        # per open group: the flags switched on inside it, each opened as a scoped group
        self.scoped: list[list[str]] = [[]]

    def translate(self) -> str:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char == "\\":
                self.out.append(self.escape(in_class=False))
            elif char == "[":
                self.out.append(self.char_class())
            elif char == "(":
                self.group()
            elif char == ")":
                self.close_scoped()
                if len(self.scoped) > 1:
                    self.scoped.pop()
                self.out.append(")")
                self.i += 1
            elif char == "|":
                flags = self.close_scoped()
                self.out.append("|")
                self.i += 1
                for flag in flags:  # the flags stay on in the next alternative (Java)
                    self.open_scoped(flag)
            else:
                self.out.append(char)
                self.i += 1
        self.close_scoped()
        return "".join(self.out)

    def open_scoped(self, flags: str) -> None:
        self.out.append(f"(?{flags}:")
        self.scoped[-1].append(flags)

    def close_scoped(self) -> list[str]:
        """Close the flag groups opened in the current group; the flags they had."""
        flags = self.scoped[-1]
        self.out.append(")" * len(flags))
        self.scoped[-1] = []
        return flags

    def group(self) -> None:
        text = self.text
        rest = text[self.i:]
        flags = re.match(r"\(\?([idmsuxU-]+)\)", rest)
        if flags:
            wanted = flags.group(1).replace("u", "").replace("d", "").replace("U", "")
            self.i += flags.end()
            at_start = not "".join(self.out).strip("(")
            if not wanted.strip("-"):
                return
            if at_start and "-" not in wanted:
                self.out.append(f"(?{wanted})")
                return
            self.open_scoped(wanted)  # Java: on from here to the end of the group
            return
        self.scoped.append([])
        self.out.append("(")
        self.i += 1

    def escape(self, in_class: bool) -> str:
        text = self.text
        if self.i + 1 >= len(text):
            raise PatternError("a backslash ends the pattern")
        code = text[self.i + 1]
        self.i += 2
        if code in _SHORTHANDS:
            ranges = _SHORTHANDS[code]
            return ranges if in_class else f"[{ranges}]"
        if code in "pP":
            return self.property(code == "P", in_class)
        if code == "Q":
            end = text.find("\\E", self.i)
            quoted = text[self.i:] if end < 0 else text[self.i:end]
            self.i = len(text) if end < 0 else end + 2
            return "".join(_literal(c, in_class) for c in quoted)
        if code == "E":
            return ""
        if code == "x" and self.i < len(text) and text[self.i] == "{":
            end = text.find("}", self.i)
            if end < 0:
                raise PatternError("\\x{ is not closed")
            try:
                char = chr(int(text[self.i + 1:end], 16))
            except ValueError:
                raise PatternError(f"\\x{{{text[self.i + 1:end]}}} is not a hexadecimal code") \
                    from None
            self.i = end + 1
            return _literal(char, in_class)
        if code == "e":
            return "\\x1B"
        if code == "c" and self.i < len(text):
            self.i += 1
            return _literal(chr(ord(text[self.i - 1]) ^ 64), in_class)
        if code == "0":
            digits = re.match(r"[0-3]?[0-7]{1,2}", text[self.i:])
            if digits:
                self.i += digits.end()
                return _literal(chr(int(digits.group(), 8)), in_class)
            return "\\x00"
        if not in_class:
            if code == "z":
                return "\\Z"
            if code == "Z":
                return "(?=\\n?\\Z)"
        return "\\" + code

    def property(self, negated: bool, in_class: bool) -> str:
        text = self.text
        if self.i < len(text) and text[self.i] == "{":
            end = text.find("}", self.i)
            if end < 0:
                raise PatternError("\\p{ is not closed")
            name = text[self.i + 1:end]
            self.i = end + 1
        elif self.i < len(text):
            name = text[self.i]
            self.i += 1
        else:
            raise PatternError("\\p needs a property name")
        if name.startswith("Is") and name[2:] in _POSIX:
            name = name[2:]
        if name in _POSIX:
            ranges = _POSIX[name]
            if in_class:
                if negated:  # rare: the module's own (Unicode) reading of the class
                    return f"\\P{{{name}}}"
                return ranges
            return f"[{'^' if negated else ''}{ranges}]"
        if name in _JAVA_PROPERTIES:
            name = _JAVA_PROPERTIES[name]
        elif name.startswith("In"):
            name = f"Block={name[2:]}"
        elif name.startswith("Is"):
            name = name[2:]
        return f"\\{'P' if negated else 'p'}{{{name}}}"

    def char_class(self) -> str:
        """One bracket expression, up to its closing ``]`` (nested ones included)."""
        text = self.text
        start = self.i
        self.i += 1
        parts = ["["]
        if text.startswith("^", self.i):
            parts.append("^")
            self.i += 1
            if text.startswith("]", self.i):  # JavaScript's [^]: any character
                self.i += 1
                return "[\\s\\S]"
        previous_shorthand = False
        while self.i < len(text):
            char = text[self.i]
            if char == "]":
                self.i += 1
                parts.append("]")
                return "".join(parts)
            if char == "[":
                self.sets = True
                parts.append(self.char_class())
                previous_shorthand = False
                continue
            if char == "&" and text.startswith("&&", self.i):
                self.sets = True
                parts.append("&&")
                self.i += 2
                previous_shorthand = False
                continue
            if char == "\\":
                code = text[self.i + 1:self.i + 2]
                piece = self.escape(in_class=True)
                shorthand = code in _SHORTHANDS or code in "pP"
                if shorthand and parts[-1] == "-" and len(parts) > 2:
                    parts[-1] = "\\-"  # [.-\w]: the hyphen is a literal in Java
                parts.append(piece)
                previous_shorthand = shorthand
                continue
            if char == "-" and previous_shorthand:
                parts.append("\\-")  # [\w-.]: the hyphen is a literal in Java
                self.i += 1
                previous_shorthand = False
                continue
            if char in "|~" and text.startswith(char * 2, self.i) or \
                    char == "-" and text.startswith("--", self.i):
                parts.append("\\" + char)  # the module's set operators are literals in Java
                self.i += 1
                continue
            parts.append(char)
            self.i += 1
            previous_shorthand = False
        raise PatternError(f"the bracket at position {start + 1} is not closed")


def _literal(char: str, in_class: bool) -> str:
    if char.isalnum() or char in " _":
        return char
    return f"\\U{ord(char):08x}" if ord(char) > 0xFFFF else f"\\u{ord(char):04x}" \
        if ord(char) > 0xFF else f"\\x{ord(char):02x}"


@lru_cache(maxsize=512)
def compile_pattern(text: str) -> regex.Pattern:
    """The compiled form of the Java/JavaScript pattern ``text``.

    :raises PatternError: if the pattern cannot be read, with the reason.
    """
    import regex  # on first use: a process that runs no regex() does not pay for it

    reader = _Reader(text)
    translated = reader.translate()
    flags = regex.VERSION1 if reader.sets else regex.VERSION0
    try:
        return regex.compile(translated, flags)
    except regex.error as error:
        raise PatternError(error.msg if hasattr(error, "msg") else str(error)) from None
    except (OverflowError, RecursionError, ValueError) as error:
        raise PatternError(str(error)) from None


def pattern_error(text: str, reason: str) -> ExprError:
    """The EXPR_005 error of a pattern that cannot be read."""
    return ExprError("EXPR_005", pattern=text, reason=reason)


def check_pattern(text: str) -> None:
    """Compile ``text`` now (at load time, for a pattern written in the form).

    :raises ExprError: EXPR_005 naming the pattern and the reason.
    """
    try:
        compile_pattern(text)
    except PatternError as error:
        raise pattern_error(text, str(error)) from None


def matches(text: str, value: str, timeout: float | None = None) -> bool:
    """Whether the whole of ``value`` matches the pattern ``text`` (Java's
    ``Pattern.matches``, as ODK Collect does).

    :raises ExprError: EXPR_005 if the pattern cannot be read, EXPR_006 if matching takes
        longer than ``timeout`` (default :data:`TIMEOUT`) seconds.
    """
    try:
        pattern = compile_pattern(text)
    except PatternError as error:
        raise pattern_error(text, str(error)) from None
    try:
        return pattern.fullmatch(value, timeout=TIMEOUT if timeout is None else timeout) \
            is not None
    except TimeoutError:
        raise ExprError("EXPR_006", pattern=text,
                        seconds=f"{TIMEOUT if timeout is None else timeout:g}") from None
