"""A small instance tree built from dicts, and a Context over it, for expression tests.

>>> root = build({"a": "3", "g": {"b": "x"}, "rep": [{"q": "1"}, {"q": "2"}]})
>>> ctx = TreeContext(root, "rep[2]/q")
>>> compile_expr("${q} + ${a}").evaluate(ctx)   # same repeat instance: 2 + 3
5.0

A list of dicts is a repeat: one same-named sibling per instance. Leaf values are strings
(numbers are written with ``str``; None is an empty answer).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator, Mapping

from fieldapp.expr import Value, compile_expr
from fieldapp.expr.context import is_within

NOW = datetime(2024, 3, 15, 10, 30, 0, tzinfo=timezone(timedelta(hours=-5)))
_STEP = re.compile(r"([^/\[\]]+)(?:\[(\d+)\])?")


class TreeNode:
    """An element: a leaf with text, or a group with children."""

    __slots__ = ("name", "parent", "_children", "text", "repeat")

    def __init__(self, name: str, text: str = "", parent: "TreeNode | None" = None,
                 repeat: bool = False) -> None:
        self.name = name
        self.parent = parent
        self._children: list[TreeNode] = []
        self.text = text
        self.repeat = repeat

    def children(self) -> list["TreeNode"]:
        return self._children

    def value(self) -> str:
        if self._children:
            return "".join(child.value() for child in self._children)
        return self.text

    def add(self, name: str, text: str = "", repeat: bool = False) -> "TreeNode":
        child = TreeNode(name, text, self, repeat)
        self._children.append(child)
        return child

    def walk(self) -> Iterator["TreeNode"]:
        """Every descendant, in document order (self excluded)."""
        for child in self._children:
            yield child
            yield from child.walk()

    def at(self, path: str) -> "TreeNode":
        """The node at ``g/rep[2]/q`` below this one (indexes are 1-based)."""
        node = self
        for match in _STEP.finditer(path):
            same = [c for c in node._children if c.name == match.group(1)]
            node = same[int(match.group(2) or 1) - 1]
        return node

    def __repr__(self) -> str:
        return f"<{self.name} {self.value()!r}>"


def _fill(node: TreeNode, spec: Mapping[str, Any]) -> TreeNode:
    for name, value in spec.items():
        if isinstance(value, Mapping):
            _fill(node.add(name), value)
        elif isinstance(value, list):
            for instance in value:
                _fill(node.add(name, repeat=True), instance)
        else:
            node.add(name, "" if value is None else str(value))
    return node


def build(spec: Mapping[str, Any], name: str = "data") -> TreeNode:
    """The instance tree for ``spec``, under a root element called ``name``."""
    return _fill(TreeNode(name), spec)


def items(rows: list[Mapping[str, Any]], root: str = "root", item: str = "item") -> TreeNode:
    """A secondary instance like a choice list or CSV: ``root/item/<column>``."""
    return _fill(TreeNode(root), {item: list(rows)})


class TreeContext:
    """The Context protocol over a TreeNode tree."""

    def __init__(self, root: TreeNode, node: TreeNode | str | None = None, *,
                 instances: Mapping[str, TreeNode] | None = None,
                 labels: Mapping[str, Mapping[str, str]] | None = None,
                 now: datetime = NOW) -> None:
        self._root = root
        self._node = root.at(node) if isinstance(node, str) else (node or root)
        self._instances = dict(instances or {})
        self._labels = labels or {}
        self._now = now

    @property
    def node(self) -> TreeNode:
        return self._node

    @property
    def root(self) -> TreeNode:
        return self._root

    def at(self, node: TreeNode | str) -> "TreeContext":
        """The same tree and services, seen from another node."""
        return TreeContext(self._root, node, instances=self._instances, labels=self._labels,
                           now=self._now)

    def ref(self, name: str, *, all_instances: bool = False) -> list[TreeNode]:
        found = [node for node in self._root.walk() if node.name == name]
        if all_instances:
            return found
        # inside a repeat, a name of the same repeat means this instance only (the repeat's
        # own name still means every instance, as pyxform's absolute path does)
        scope: TreeNode | None = self._node
        while scope is not None:
            if scope.repeat:
                inside = [node for node in found if node is not scope and is_within(node, scope)]
                if inside:
                    return inside
            scope = scope.parent
        return found

    def instance(self, instance_id: str) -> TreeNode | None:
        return self._instances.get(instance_id)

    def choice_label(self, field: TreeNode, value: str) -> str:
        return self._labels.get(field.name, {}).get(value, "")

    def now(self) -> datetime:
        return self._now


def evaluate(text: str, data: Mapping[str, Any] | None = None, node: str | None = None,
             **services: Any) -> Value:
    """Evaluate ``text`` over a tree built from ``data``, at ``node`` (a path, default root)."""
    return compile_expr(text).evaluate(TreeContext(build(data or {}), node, **services))
