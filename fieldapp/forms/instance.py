"""The instance tree of one submission being filled: a node per group, repeat instance and field."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from fieldapp.forms.model import Element, Group, Question

_STEP = re.compile(r"^([^\[\]/]+)(?:\[(\d+)\])?$")


class InstanceNode:
    """One element of the instance; implements ``fieldapp.expr.context.Node``.

    ``raw`` is the stored answer; ``value()`` is what expressions see: empty while the node
    (or an ancestor) is not relevant, as ODK excludes non-relevant answers.
    """

    __slots__ = ("element", "parent", "kids", "raw", "self_relevant", "index", "calc_done",
                 "_path")

    def __init__(self, element: Element, parent: "InstanceNode | None", index: int = 0):
        self.element = element
        self.parent = parent
        self.kids: list[InstanceNode] = []
        self.raw = ""
        self.self_relevant = True
        self.index = index  # 1-based position among the instances of a repeat; 0 otherwise
        self.calc_done = False  # once a triggered/once calculation has run
        self._path: str | None = None  # cached; see renumber()

    # -- Node protocol -------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.element.name

    def children(self) -> list["InstanceNode"]:
        return self.kids

    def value(self) -> str:
        if self.kids:
            return "".join(kid.value() for kid in self.kids)
        return self.raw if self.relevant else ""

    # -- helpers -------------------------------------------------------------------------
    @property
    def relevant(self) -> bool:
        """Relevant itself and through every ancestor."""
        node: InstanceNode | None = self
        while node is not None:
            if not node.self_relevant:
                return False
            node = node.parent
        return True

    @property
    def path(self) -> str:
        """The instance path (``grp/rep[2]/q``)."""
        # Cached: paths are asked for on every evaluation and write, and building one walks
        # to the root. A node's path only changes through renumber().
        if self._path is None:
            parent = self.parent
            if parent is None:
                self._path = ""
            else:
                step = f"{self.element.name}[{self.index}]" if self.index else self.element.name
                above = parent.path
                self._path = f"{above}/{step}" if above else step
        return self._path

    def renumber(self, index: int) -> None:
        """Give this repeat instance a new position; its paths and its descendants' change."""
        self.index = index
        self._path = None
        for node in self.walk():
            node._path = None

    @property
    def position(self) -> int:
        return self.index or 1

    def walk(self) -> Iterator["InstanceNode"]:
        """This node's descendants, depth first in document order."""
        for kid in self.kids:
            yield kid
            yield from kid.walk()

    def __repr__(self) -> str:
        return f"<InstanceNode {self.path or '/'}={self.raw!r}>"


def build_children(node: InstanceNode, group: Group) -> None:
    """Create the nodes below ``node`` for ``group``'s children (repeats start empty)."""
    for element in group.children:
        if isinstance(element, Group):
            if element.is_repeat:
                continue
            child = InstanceNode(element, node)
            node.kids.append(child)
            build_children(child, element)
        else:
            node.kids.append(InstanceNode(element, node))


def new_repeat_instance(parent: InstanceNode, repeat: Group) -> InstanceNode:
    """Append a new instance of ``repeat`` under ``parent`` in document order."""
    # Instances are contiguous: look for the last one from the end, which is near (the
    # nodes after a repeat are few), instead of scanning every earlier instance.
    kids = parent.kids
    at, index = None, 1
    for i in range(len(kids) - 1, -1, -1):
        if kids[i].element is repeat:
            at, index = i + 1, kids[i].index + 1
            break
    if at is None:
        at = _insertion_point(parent, repeat)
    instance = InstanceNode(repeat, parent, index=index)
    build_children(instance, repeat)
    kids.insert(at, instance)
    return instance


def _insertion_point(parent: InstanceNode, repeat: Group) -> int:
    """Where the first instance of ``repeat`` goes: after the nodes of earlier siblings."""
    earlier = set()
    for element in parent.element.children:
        if element is repeat:
            break
        earlier.add(id(element))
    at = 0
    for i, kid in enumerate(parent.kids):
        if id(kid.element) in earlier:
            at = i + 1
    return at


def split_path(path: str) -> list[tuple[str, int]]:
    """``"g/rep[2]/q"`` → ``[("g", 0), ("rep", 2), ("q", 0)]``."""
    steps = []
    for part in path.strip("/").split("/"):
        match = _STEP.match(part)
        if not match:
            raise ValueError(part)
        steps.append((match.group(1), int(match.group(2) or 0)))
    return steps


def strip_indexes(path: str) -> str:
    """``"g/rep[2]/q"`` → ``"g/rep/q"``."""
    return re.sub(r"\[\d+\]", "", path)


def is_question(node: InstanceNode) -> bool:
    return isinstance(node.element, Question)


def strip_last_index(path: str) -> str:
    """``"a/rep[2]"`` → ``"a/rep"``."""
    return re.sub(r"\[\d+\]$", "", path)


def stored_entries(nodes: Iterable[InstanceNode]) -> dict[str, str]:
    """The snapshot entries ``nodes`` hold: non-empty answers, and the number of instances
    of a repeat at its first instance."""
    data: dict[str, str] = {}
    for node in nodes:
        if is_question(node):
            if node.raw != "":
                data[node.path] = node.raw
        elif node.index == 1:
            count = sum(1 for k in node.parent.kids if k.element is node.element)
            data[strip_last_index(node.path)] = str(count)
    return data
