"""The parser: XPath 1.0 grammar (precedence climbing for operators) into a syntax tree,
collecting the references and paths the expression depends on as it goes."""

from __future__ import annotations

import re

from fieldapp.errors import ExprError
from fieldapp.expr import syntax as s
from fieldapp.expr.functions import FUNCTIONS
from fieldapp.expr.lexer import Token, syntax_error, tokenize
from fieldapp.expr.operators import BINARY
from fieldapp.expr.patterns import check_pattern
from fieldapp.i18n import _

# Binding power of the binary operators, loosest first (XPath 1.0 §3.4–3.5)
_POWER = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
          "+": 5, "-": 5, "*": 6, "div": 6, "mod": 6}
_AXES = {s.CHILD, s.SELF, s.PARENT, s.DESCENDANT, s.DESCENDANT_OR_SELF, s.ATTRIBUTE}
_REF_IN_TEXT = re.compile(r"\$\{\s*([^}\s]+)\s*\}")


class Parser:
    """Parses one expression; read ``refs``, ``paths`` and ``volatile`` after ``parse()``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.refs: set[str] = set()
        self.paths: set[str] = set()
        self.volatile = False
        self.foreign: set[str] = set()
        self.last_saved: set[str] = set()  # names read as ${last-saved#name}  # functions of other dialects, evaluated as ''
        self._predicate_depth = 0

    # -- token helpers ---------------------------------------------------------------------

    def _peek(self) -> Token:
        return self.tokens[self.i]

    def _take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def _at(self, op: str) -> bool:
        token = self.tokens[self.i]
        return token.kind == "op" and token.text == op

    def _expect(self, op: str, opened: Token | None = None) -> None:
        if self._at(op):
            self.i += 1
            return
        token = self._peek()
        if token.kind == "eof" and opened is not None:
            detail = _("this '{open}' is not closed with '{close}'")
            raise syntax_error(self.text, opened.start, detail.format(open=opened.text, close=op))
        raise self._unexpected(token, _("'{op}' was expected").format(op=op))

    def _unexpected(self, token: Token, why: str = "") -> ExprError:
        if token.kind == "eof":
            return syntax_error(self.text, token.start, _("the expression ends too early"))
        shown = self.text[token.start:token.end]
        if token.text == "=" and self.i > 0 and self.tokens[self.i - 1].text == "=":
            detail = _("use a single '=' to compare")
        elif token.text == "|" and self.i > 0 and self.tokens[self.i - 1].text == "|":
            detail = _("use 'or' instead of '||'")
        elif token.text.lower() in ("and", "or", "div", "mod") and token.kind == "name":
            detail = _("write operators in lowercase: '{op}'").format(op=token.text.lower())
        elif token.text == ")":
            detail = _("this ')' has no matching '('")
        elif token.kind in ("name", "func", "ref", "lastsaved", "num", "str") and self.i > 0:
            detail = _("an operator (such as 'and', '+' or '=') is missing before '{token}'")
            detail = detail.format(token=shown)
        else:
            detail = why or _("'{token}' is not expected here").format(token=shown)
        return syntax_error(self.text, token.start, detail)

    # -- grammar ---------------------------------------------------------------------------

    def parse(self) -> s.Tree:
        """The syntax tree of the whole text.

        :raises ExprError: EXPR_001 (syntax), EXPR_002 (unknown function), EXPR_003 (arity).
        """
        if self._peek().kind == "eof":
            raise syntax_error(self.text, 0, _("the expression is empty"))
        tree = self._expression(0)
        if self._peek().kind != "eof":
            raise self._unexpected(self._peek())
        return tree

    def _expression(self, min_power: int) -> s.Tree:
        left = self._unary()
        while True:
            token = self._peek()
            power = _POWER.get(token.text) if token.kind in ("op", "opname") else None
            if power is None or power <= min_power:
                return left
            self.i += 1
            right = self._expression(power)
            if token.text == "or":
                left = s.Or(left, right)
            elif token.text == "and":
                left = s.And(left, right)
            else:
                left = s.Binary(BINARY[token.text], left, right)

    def _unary(self) -> s.Tree:
        if self._at("-"):
            self.i += 1
            return s.Negate(self._unary())
        left = self._path_expression()
        while self._at("|"):
            self.i += 1
            left = s.Union(left, self._path_expression())
        return left

    def _starts_step(self) -> bool:
        token = self._peek()
        return token.kind in ("name", "nodetype", "axis") or (
            token.kind == "op" and token.text in (".", "..", "@"))

    def _path_expression(self) -> s.Tree:
        token = self._peek()
        start = token.start
        if self._at("/") or self._at("//"):
            self.i += 1
            steps: list[s.Step] = []
            if token.text == "//":
                steps.append(s.Step(s.DESCENDANT_OR_SELF, None))
                steps.extend(self._relative_steps())
            elif self._starts_step():
                steps.extend(self._relative_steps())
            self._record_path(start, absolute=True)
            return s.Path(None, True, tuple(steps))
        if self._starts_step():
            steps = self._relative_steps()
            self._record_path(start, absolute=False)
            return s.Path(None, False, tuple(steps))
        primary = self._primary()
        predicates = self._predicates()
        tree: s.Tree = s.Filter(primary, predicates) if predicates else primary
        if self._at("/") or self._at("//"):
            steps = []
            if self._take().text == "//":
                steps.append(s.Step(s.DESCENDANT_OR_SELF, None))
            if not self._starts_step():
                raise syntax_error(self.text, self.tokens[self.i - 1].start,
                                   _("'/' separates the steps of a path; to divide, use 'div'"))
            steps.extend(self._relative_steps())
            if isinstance(primary, s.Ref) or (isinstance(primary, s.Call)
                                               and primary.name == "current"):
                # '${rep}[2]/w' and 'current()/../x' read answers: keep them, as written
                self._record_path(start, absolute=True)
            tree = s.Path(tree, False, tuple(steps))
        return tree

    def _record_path(self, start: int, absolute: bool) -> None:
        # paths inside a predicate are relative to the filtered nodes, not to the question
        if absolute or self._predicate_depth == 0:
            self.paths.add(self.text[start:self.tokens[self.i - 1].end].strip())

    def _relative_steps(self) -> list[s.Step]:
        steps = [self._step()]
        while self._at("/") or self._at("//"):
            if self._take().text == "//":
                steps.append(s.Step(s.DESCENDANT_OR_SELF, None))
            steps.append(self._step())
        return steps

    def _step(self) -> s.Step:
        token = self._take()
        if token.kind == "op" and token.text in (".", ".."):
            axis = s.SELF if token.text == "." else s.PARENT
            return s.Step(axis, None, self._predicates())
        axis = s.CHILD
        if token.kind == "op" and token.text == "@":
            axis, token = s.ATTRIBUTE, self._take()
        elif token.kind == "axis":
            if token.text not in _AXES:
                detail = _("the axis '{axis}::' is not supported").format(axis=token.text)
                raise syntax_error(self.text, token.start, detail)
            axis = token.text
            self._expect("::")
            token = self._take()
        if token.kind == "name":
            name = None if token.text == "*" or token.text.endswith(":*") else token.text
            if name is not None and ":" in name:
                name = name.split(":", 1)[1]  # instance nodes carry no namespace prefixes
        elif token.kind == "nodetype" and token.text in ("node", "text"):
            name = None if token.text == "node" else s.TEXT_TEST
            self._expect("(")
            self._expect(")")
        else:
            self.i -= 1
            raise self._unexpected(token, _("a name was expected in the path"))
        return s.Step(axis, name, self._predicates())

    def _predicates(self) -> tuple[s.Tree, ...]:
        predicates = []
        while self._at("["):
            opened = self._take()
            self._predicate_depth += 1
            predicates.append(self._expression(0))
            self._predicate_depth -= 1
            self._expect("]", opened)
        return tuple(predicates)

    def _primary(self) -> s.Tree:
        token = self._take()
        if token.kind == "num":
            return s.Literal(float(token.text))
        if token.kind == "str":
            return s.Literal(token.text)
        if token.kind == "ref":
            self.refs.add(token.text)
            return s.Ref(token.text)
        if token.kind == "lastsaved":
            self.last_saved.add(token.text)
            return s.LastSaved(token.text)
        if token.kind == "func":
            return self._call(token)
        if token.kind == "op" and token.text == "(":
            inner = self._expression(0)
            self._expect(")", token)
            return inner
        self.i -= 1
        raise self._unexpected(token)

    def _call(self, token: Token) -> s.Tree:
        opened = self._take()  # the tokenizer only makes a 'func' when '(' follows
        args: list[s.Tree] = []
        if not self._at(")"):
            args.append(self._expression(0))
            while self._at(","):
                self.i += 1
                args.append(self._expression(0))
        self._expect(")", opened)
        name = token.text
        fn = FUNCTIONS.get(name)
        if fn is None and name in FOREIGN_FUNCTIONS:
            # SurveyCTO's (and others') own functions: pyxform accepts the form; ODK and
            # fieldapp have no such function, so the call is empty (and the form warns)
            self.foreign.add(name)
            return s.Call(name, tuple(args), _empty, True)
        if fn is None:
            raise ExprError("EXPR_002", name=name, pos=token.start + 1, expression=self.text)
        if not fn.accepts(len(args)):
            raise ExprError("EXPR_003", name=name, expected=fn.expected(), given=len(args),
                            pos=token.start + 1, expression=self.text)
        self.volatile = self.volatile or fn.volatile
        if name == "regex" and isinstance(args[1], s.Literal):
            check_pattern(str(args[1].value))  # a pattern written in the form: read it now
        if name == "jr:choice-name" and isinstance(args[1], s.Literal):
            # the second argument names the select question in quotes: '${color}'
            self.refs.update(_REF_IN_TEXT.findall(str(args[1].value)))
        return s.Call(name, tuple(args), fn.impl, fn.lazy)


# Functions of SurveyCTO and other XLSForm dialects that are not part of ODK's library
FOREIGN_FUNCTIONS = frozenset({
    "duration", "index", "device-info", "plug-in-metadata", "phone-call-log",
    "phone-call-duration", "choice-label", "count-items", "item-at", "item-index",
    "de-duplicate", "linebreak", "html-link", "username", "image-url",
})


def _empty(f: s.Frame, *trees: s.Tree) -> str:
    return ""
