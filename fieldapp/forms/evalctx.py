"""The evaluation context a form session gives expressions, and its secondary instances."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Sequence

from fieldapp.forms.graph import language_column
from fieldapp.forms.model import Choice, pick_text

if TYPE_CHECKING:
    from fieldapp.forms.instance import InstanceNode
    from fieldapp.forms.session import FormSession


class StaticNode:
    """A read-only node of a secondary instance (a choice list: ``root/item/name``)."""

    __slots__ = ("name", "parent", "kids", "text")

    def __init__(self, name: str, parent: "StaticNode | None", text: str = ""):
        self.name = name
        self.parent = parent
        self.kids: list[StaticNode] = []
        self.text = text

    def children(self) -> list["StaticNode"]:
        return self.kids

    def value(self) -> str:
        return self.text if not self.kids else "".join(k.value() for k in self.kids)

    def add(self, name: str, text: str = "") -> "StaticNode":
        child = StaticNode(name, self, text)
        self.kids.append(child)
        return child


def choice_instance(choices: list[Choice], lang: str | None, fallback: str | None) -> StaticNode:
    """A choice list as the secondary instance ODK builds for it (``root/item``)."""
    top = StaticNode("instance", None)
    root = top.add("root")
    for choice in choices:
        item = root.add("item")
        item.add("name", choice.name)
        item.add("label", pick_text(choice.label, lang, fallback))
        for language, text in choice.label.items():
            item.add(language_column("label", language), text or "")
        for column, value in choice.extra.items():
            item.add(column, "" if value is None else str(value))
    return root


class EvalContext:
    """``fieldapp.expr.context.Context`` over a session: ``node`` is '.', ``origin`` the field
    whose ``${refs}`` are resolved (differs from ``node`` inside a choice filter)."""

    __slots__ = ("session", "node", "origin")

    def __init__(self, session: "FormSession", node, origin: "InstanceNode | None" = None):
        self.session = session
        self.node = node
        self.origin = origin if origin is not None else node

    @property
    def root(self) -> "InstanceNode":
        return self.session.root

    def ref(self, name: str, *, all_instances: bool = False) -> Sequence["InstanceNode"]:
        element = self.session.graph.by_name.get(name)
        if element is None:
            return []
        if all_instances:
            return self.session.nodes_of(element)
        return self.session.scoped_nodes(element, self.origin)

    def last_saved(self, name: str) -> list[StaticNode]:
        return self.session.last_saved_nodes(name)

    def instance(self, instance_id: str) -> StaticNode | None:
        return self.session.secondary_instance(instance_id)

    def choice_label(self, field, value: str) -> str:
        return self.session.choice_label(getattr(field, "element", None), value)

    def now(self) -> datetime:
        return self.session.clock()
