"""Tokens of XLSForm expressions: XPath 1.0 lexical rules plus ``${name}`` references."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldapp.errors import ExprError
from fieldapp.i18n import _

NAME = r"[^\W\d][\w.\-]*"
LAST_SAVED = "last-saved#"
_REF_NAME = re.compile(rf"{NAME}\Z")
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<num>\d+(?:\.\d*)?|\.\d+)
  | (?P<str>"[^"]*"|'[^']*')
  | (?P<ref>\$\{[^}]*\})
  | (?P<op>//|::|\.\.|!=|<=|>=|[/()\[\].@,|+\-=<>*])
  | (?P<name>NAME(?::(?:NAME|\*))?)
    """.replace("NAME", NAME),
    re.VERBOSE,
)
NODE_TYPES = frozenset({"node", "text", "comment", "processing-instruction"})
OPERATOR_NAMES = frozenset({"and", "or", "div", "mod"})
# After these tokens a '*' is a name test and a name is a name (XPath 1.0 §3.7)
_OPERAND_EXPECTED = frozenset(
    {"@", "::", "(", "[", ",", "/", "//", "|", "+", "-", "=", "!=", "<", "<=", ">", ">=",
     "*", "and", "or", "div", "mod"}
)
_CURLY_QUOTES = "\u2018\u2019\u201c\u201d"  # what Word and Excel put in for ' and "


@dataclass(slots=True)
class Token:
    """One token: its kind, text and where it starts and ends (0-based offsets)."""

    kind: str  # num, str, ref, lastsaved, op, name, func, nodetype, axis, opname, eof
    text: str
    start: int
    end: int


def syntax_error(text: str, pos: int, detail: str) -> ExprError:
    """An EXPR_001 error at 0-based offset ``pos``, reported 1-based as people count."""
    return ExprError("EXPR_001", pos=pos + 1, detail=detail, expression=text)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``eof`` token.

    :raises ExprError: EXPR_001 for an unclosed string or ``${``, or a stray character.
    """
    tokens: list[Token] = []
    pos = 0
    length = len(text)
    while pos < length:
        match = _TOKEN.match(text, pos)
        if match is None:
            raise syntax_error(text, pos, _bad_character(text, pos))
        kind = match.lastgroup
        value = match.group()
        end = match.end()
        if kind == "space":
            pos = end
            continue
        if kind == "ref":
            name = value[2:-1].strip()
            if name.startswith(LAST_SAVED):  # ${last-saved#q}: q in the previous submission
                kind, name = "lastsaved", name[len(LAST_SAVED):]
            if not _REF_NAME.match(name):
                raise syntax_error(
                    text, pos, _("'{ref}' is not a valid question name").format(ref=value)
                )
            value = name
        elif kind == "str":
            value = value[1:-1]
        elif kind == "name" or value == "*":
            kind, value = _name_kind(tokens, text, end, kind, value)
        tokens.append(Token(kind, value, pos, end))
        pos = end
    tokens.append(Token("eof", "", length, length))
    return tokens


def _name_kind(tokens: list[Token], text: str, end: int, kind: str, value: str) -> tuple[str, str]:
    """Apply the XPath disambiguation rules to a name or '*'."""
    prev = tokens[-1] if tokens else None
    if prev is not None and not (prev.kind in ("op", "opname") and prev.text in _OPERAND_EXPECTED):
        if value == "*":
            return "op", "*"  # multiplication
        if value in OPERATOR_NAMES:
            return "opname", value
        return "name", value  # the parser reports "an operator is missing"
    if value == "*":
        return "name", "*"
    rest = text[end:].lstrip()
    if rest.startswith("("):
        return ("nodetype" if value in NODE_TYPES else "func"), value
    if rest.startswith("::"):
        return "axis", value
    return "name", value


def _bad_character(text: str, pos: int) -> str:
    char = text[pos]
    if char in "'\"":
        return _("the text in quotes starting here is not closed with {quote}").format(quote=char)
    if text.startswith("${", pos):
        return _("'${' is not closed with '}'")
    if char == "$":
        return _("write references as ${name}")
    if char in _CURLY_QUOTES:
        return _("curly quotes are not allowed: use straight quotes ' or \"")
    if char == "&":
        return _("use 'and' instead of '&'")
    if char == "!":
        return _("use 'not(...)' or '!=' instead of '!'")
    return _("unexpected character '{char}'").format(char=char)
