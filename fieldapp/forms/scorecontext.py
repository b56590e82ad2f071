"""A flat instance over one submission's answers and scores, for scores' expressions."""

from __future__ import annotations

from datetime import datetime
from typing import Mapping, Sequence

from fieldapp.forms.model import Form, Question, pick_text


class FlatNode:
    """One answer (or score) as an expression node: a child of the root, without children."""

    __slots__ = ("name", "parent", "text")

    def __init__(self, name: str, text: str, parent: "FlatNode | None" = None) -> None:
        self.name = name
        self.text = text
        self.parent = parent

    def children(self) -> Sequence["FlatNode"]:
        return ()

    def value(self) -> str:
        return self.text


class _Root(FlatNode):
    __slots__ = ("kids",)

    def __init__(self, name: str) -> None:
        super().__init__(name, "")
        self.kids: list[FlatNode] = []

    def children(self) -> Sequence[FlatNode]:
        return self.kids

    def value(self) -> str:
        return "".join(k.text for k in self.kids)


class ScoreContext:
    """``${name}`` resolves to a score's value (a number string, ``''`` when insufficient)
    or else to the answer of the field of that name; a name that is neither is an empty
    node-set, as an unanswered question in a skipped repeat would be."""

    def __init__(
        self, form: Form, answers: Mapping[str, str | None], scores: Mapping[str, str]
    ) -> None:
        self.form = form
        self._root = _Root(form.root.name or "data")
        self._nodes: dict[str, FlatNode] = {}
        for name, text in [*answers.items(), *scores.items()]:
            node = FlatNode(name, "" if text is None else str(text), self._root)
            if name in self._nodes:  # a score shadows a field of the same name
                self._root.kids.remove(self._nodes[name])
            self._nodes[name] = node
            self._root.kids.append(node)

    @property
    def node(self) -> FlatNode:
        return self._root

    @property
    def root(self) -> FlatNode:
        return self._root

    def ref(self, name: str, *, all_instances: bool = False) -> Sequence[FlatNode]:
        node = self._nodes.get(name)
        return [node] if node is not None else []

    def instance(self, instance_id: str) -> None:
        return None

    def choice_label(self, field: FlatNode, value: str) -> str:
        question = self.form.find(field.name)
        for choice in (question.choices or []) if isinstance(question, Question) else []:
            if choice.name == value:
                return pick_text(choice.label, self.form.default_language)
        return value

    def now(self) -> datetime:
        return datetime.now().astimezone()
