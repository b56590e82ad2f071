"""Node-set functions: count, position, current, instance, indexed-repeat, pulldata, randomize."""

from __future__ import annotations

import math
import random

from fieldapp.expr.context import Node, is_within
from fieldapp.expr.functions.registry import function
from fieldapp.expr.syntax import (
    Document,
    Frame,
    Ref,
    Tree,
    node_set,
    root_element,
    runtime_error,
)
from fieldapp.expr.values import NodeSet, Value, to_number, to_string
from fieldapp.i18n import _


@function("count", 1)
def _count(f: Frame, nodes: Value) -> float:
    return float(len(node_set(nodes, "count()")))


@function("count-non-empty", 1)
def _count_non_empty(f: Frame, nodes: Value) -> float:
    return float(sum(1 for node in node_set(nodes, "count-non-empty()") if node.value() != ""))


def sibling_position(node: Node) -> float:
    """The 1-based position of ``node`` among its parent's children of the same name: the
    repeat instance number for a repeat."""
    parent = node.parent
    if parent is None:
        return 1.0
    position = 0
    for sibling in parent.children():
        if sibling.name == node.name:
            position += 1
            if sibling is node:
                return float(position)
    return math.nan


@function("position", 0, 1)
def _position(f: Frame, nodes: Value | None = None) -> float:
    """Inside a predicate, the position in the filtered node-set; elsewhere (ODK) the
    position of the context node, or of the argument's first node, among same-named
    siblings."""
    if nodes is None:
        return float(f.position) if f.position else sibling_position(f.node)
    found = node_set(nodes, "position()")
    return sibling_position(found[0]) if found else math.nan


@function("last", 0)
def _last(f: Frame) -> float:
    if f.size:
        return float(f.size)
    parent = f.node.parent
    if parent is None:
        return 1.0
    return float(sum(1 for sibling in parent.children() if sibling.name == f.node.name))


@function("current", 0)
def _current(f: Frame) -> NodeSet:
    return NodeSet([f.origin])


def _instance_root(f: Frame, name: Value) -> Node:
    instance_id = to_string(name)
    root = f.ctx.instance(instance_id)
    if root is None:
        raise runtime_error(
            _("The form has no choice list or media file named '{name}'.").format(
                name=instance_id)
        )
    return root


@function("instance", 1)
def _instance(f: Frame, name: Value) -> NodeSet:
    return NodeSet([Document(_instance_root(f, name))])


@function("pulldata", 4)
def _pulldata(f: Frame, name: Value, wanted: Value, key: Value, query: Value) -> str:
    """``instance(name)/root/item[key = query]/wanted`` of the first matching item."""
    column, match = to_string(key), to_string(query)
    wanted_column = to_string(wanted)
    for item in root_element(Document(_instance_root(f, name)), "root").children():
        cells = {cell.name: cell for cell in item.children()}
        if column in cells and cells[column].value() == match:
            found = cells.get(wanted_column)
            return found.value() if found is not None else ""
    return ""


def _every_instance(f: Frame, tree: Tree) -> NodeSet:
    if isinstance(tree, Ref):
        return tree.ev_all(f)
    return node_set(tree.ev(f), "indexed-repeat()")


@function("indexed-repeat", 3, 7, step=2, lazy=True)
def _indexed_repeat(f: Frame, target: Tree, *levels: Tree) -> NodeSet:
    """The value of ``target`` in instance ``index1`` (1-based) of ``repeat1``, then of
    ``repeat2`` inside it, up to three levels. An index below 1 counts as 1 (as JavaRosa);
    an index past the last instance gives an empty node-set."""
    scope: Node | None = None
    for repeat, index in zip(levels[0::2], levels[1::2]):
        instances = _every_instance(f, repeat)
        if scope is not None:
            instances = [node for node in instances if is_within(node, scope)]
        number = to_number(index.ev(f))
        position = int(number) if math.isfinite(number) and number >= 1 else 1
        if position > len(instances):
            return NodeSet()
        scope = instances[position - 1]
    return NodeSet(node for node in _every_instance(f, target) if is_within(node, scope))


class _ParkMiller:
    """The "minimal standard" generator the ODK spec names for a seeded randomize()."""

    __slots__ = ("state",)

    def __init__(self, seed: float) -> None:
        self.state = int(abs(seed)) % 2147483646 + 1

    def random(self) -> float:
        self.state = self.state * 16807 % 2147483647
        return (self.state - 1) / 2147483646


@function("randomize", 1, 2)
def _randomize(f: Frame, nodes: Value, seed: Value | None = None) -> NodeSet:
    """The nodes shuffled (inside-out Fisher–Yates); the same seed gives the same order."""
    items = node_set(nodes, "randomize()")
    number = math.nan if seed is None else to_number(seed)
    generator = _ParkMiller(number) if math.isfinite(number) else random.SystemRandom()
    shuffled: list[Node] = []
    for i, node in enumerate(items):
        j = int(generator.random() * (i + 1))
        if j == i:
            shuffled.append(node)
        else:
            shuffled.append(shuffled[j])
            shuffled[j] = node
    return NodeSet(shuffled)
