"""What an expression needs from the form being filled: the instance tree and a few services.

The evaluator only sees these protocols; ``fieldapp.forms.session`` implements them over the
answers of a submission, and tests implement them over small dict trees.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, Sequence


class Node(Protocol):
    """One element of the instance (a question's answer, a group, a repeat instance)."""

    @property
    def name(self) -> str: ...

    @property
    def parent(self) -> "Node | None": ...

    def children(self) -> Sequence["Node"]:
        """Child elements in document order (repeat instances appear as same-named siblings)."""
        ...

    def value(self) -> str:
        """The string value: the answer ('' when empty); for a group, its descendants' text."""
        ...


def is_within(node: Node | None, ancestor: Node) -> bool:
    """Whether ``ancestor`` is ``node`` or one of its ancestors (False for no node: a
    ``node.parent`` asks whether ``ancestor`` is above ``node``)."""
    current: Node | None = node
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent
    return False


class Context(Protocol):
    """Where and how an expression is evaluated."""

    @property
    def node(self) -> Node:
        """The context node ('.'): the field the expression belongs to, or a choice item."""
        ...

    @property
    def root(self) -> Node:
        """The instance's root element (``/data``)."""
        ...

    def ref(self, name: str, *, all_instances: bool = False) -> Sequence[Node]:
        """The nodes ``${name}`` stands for, seen from ``node``: inside a shared repeat the
        same instance; otherwise every instance. ``all_instances`` forces every instance
        (the first argument of ``indexed-repeat``)."""
        ...

    def instance(self, instance_id: str) -> Node | None:
        """The root of a secondary instance (``instance('list')``): choice lists, CSV files.
        Either the ``root`` element (whose children are the ``item``s) or the node above it."""
        ...

    def last_saved(self, name: str) -> Sequence[Node]:
        """The answer of ``name`` in the previous submission of the same form (ODK's
        ``${last-saved#name}``); optional: a context without it gives no nodes."""
        ...

    def choice_label(self, field: Node, value: str) -> str:
        """The label of choice ``value`` of the select question at ``field`` (jr:choice-name)."""
        ...

    def now(self) -> datetime:
        """The current local date and time (aware), for today() and now()."""
        ...
