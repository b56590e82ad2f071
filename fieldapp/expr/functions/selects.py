"""Functions on select answers (space-separated choice names) and their labels."""

from __future__ import annotations

import re

from fieldapp.errors import ExprError
from fieldapp.expr.functions.registry import function
from fieldapp.expr.syntax import Frame, Tree
from fieldapp.expr.values import NodeSet, Value, to_number, to_string

_REF = re.compile(r"\s*\$\{\s*([^}\s]+)\s*\}\s*\Z")


@function("selected", 2)
def _selected(f: Frame, answer: Value, choice: Value) -> bool:
    """JavaRosa's test, word for word: the choice between spaces inside the answer between
    spaces, so ``selected(${x}, '')`` is true while ``${x}`` is empty ("you did not answer"
    follow-ups rely on it)."""
    return f" {to_string(choice).strip()} " in f" {to_string(answer)} "


@function("count-selected", 1)
def _count_selected(f: Frame, answer: Value) -> float:
    return float(len(to_string(answer).split()))


@function("selected-at", 2)
def _selected_at(f: Frame, answer: Value, index: Value) -> str:
    """The choice at 0-based ``index``; '' when there is none (negative, too large, NaN)."""
    names = to_string(answer).split()
    position = to_number(index)
    if position != position or not 0 <= position < len(names):
        return ""
    return names[int(position)]


@function("jr:choice-name", 2, lazy=True)
def _choice_name(f: Frame, choice: Tree, question: Tree) -> str:
    """The label of choice ``choice`` of the select question named, in quotes, by the second
    argument: ``jr:choice-name(${color}, '${color}')`` (a path in quotes, or the question's
    node itself, work too). '' when the question is not found."""
    value = to_string(choice.ev(f))
    if value == "":
        return ""
    target = question.ev(f)
    if not isinstance(target, NodeSet):
        target = _question_nodes(f, to_string(target))
    if not target:
        return ""
    return f.ctx.choice_label(target[0], value)


def _question_nodes(f: Frame, text: str) -> NodeSet:
    match = _REF.match(text)
    if not text.strip():
        return NodeSet()
    if match:
        return NodeSet(f.ctx.ref(match.group(1)))
    from fieldapp.expr.compiled import compile_expr  # the quoted path is an expression itself

    try:
        nodes = compile_expr(text.strip()).tree.ev(f)
    except ExprError:  # not a path: no such question
        return NodeSet()
    return nodes if isinstance(nodes, NodeSet) else NodeSet()
