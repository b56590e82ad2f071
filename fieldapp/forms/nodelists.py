"""The nodes of one form element in a session, keeping their numbers for ``sum()``.

A ``sum(${x})`` outside a repeat reads every instance of ``x``: re-reading and re-parsing them
all made each new repeat instance cost more than the one before. The list keeps each node's
number and re-reads only the nodes the session marks as changed, so the sum is one C-level
``math.fsum`` over kept floats (see ``fieldapp.expr.functions.numbers``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from fieldapp.expr.values import NodeSet, to_number

if TYPE_CHECKING:
    from fieldapp.forms.instance import InstanceNode


class ElementNodes(NodeSet):
    """Every node of one element, in document order (a node-set expressions can read).

    ``numbers()`` is kept up to date lazily: the session calls :meth:`changed` for a node
    whose value may have changed (answer, calculation, relevance) and :meth:`drop` for a
    node it removes; until ``numbers()`` is first asked for, neither costs anything.
    """

    __slots__ = ("_numbers", "_dirty", "_gone")

    def __init__(self, nodes: Iterable["InstanceNode"] = ()) -> None:
        super().__init__(nodes)
        self._numbers: dict["InstanceNode", float] | None = None
        self._dirty: list["InstanceNode"] = []
        self._gone: set["InstanceNode"] = set()

    def changed(self, node: "InstanceNode") -> None:
        if self._numbers is not None:
            self._dirty.append(node)

    def add(self, node: "InstanceNode") -> None:
        self.append(node)
        self.changed(node)

    def drop(self, node: "InstanceNode") -> None:
        self.remove(node)
        if self._numbers is not None:
            self._gone.add(node)
            self._dirty.append(node)

    def forget_numbers(self) -> None:
        """After values changed without marks (a full evaluation): read all again next time."""
        self._numbers = None
        self._dirty.clear()
        self._gone.clear()

    def numbers(self) -> Iterable[float]:
        """XPath ``number()`` of each node's value, in no particular order."""
        if self._numbers is None:
            self._numbers = {node: to_number(node.value()) for node in self}
        elif self._dirty:
            numbers, gone = self._numbers, self._gone
            for node in self._dirty:
                if node in gone:
                    numbers.pop(node, None)
                else:
                    numbers[node] = to_number(node.value())
            self._dirty.clear()
            gone.clear()
        return self._numbers.values()
