"""A form session's answers as a flat snapshot (what the store keeps), and filling new nodes
with defaults, metadata and the app's context."""

from __future__ import annotations

from typing import Mapping

from fieldapp.errors import AnswerError
from fieldapp.forms import answers as coerce_answers
from fieldapp.forms.instance import (InstanceNode, build_children, is_question,
                                     new_repeat_instance, stored_entries, strip_indexes)
from fieldapp.forms.model import Group, Question
from fieldapp.forms.qtypes import question_type
from fieldapp.forms.repeats import count_of
from fieldapp.forms.results import Writes



class Snapshots:
    """Snapshot, restore and new-node filling of :class:`fieldapp.forms.session.FormSession`."""

    def snapshot(self) -> dict[str, str]:
        """Every non-empty stored answer by instance path, plus repeat counts (repeat path →
        number of instances) — what the store persists and :meth:`restore` reads back."""
        data = stored_entries(self.root.walk())
        data.update(self.orphans)
        return data

    def restore(self, answers: Mapping[str, str]) -> None:
        """Replace the answers with a snapshot and re-evaluate everything."""
        self.root.kids.clear()
        build_children(self.root, self.form.root)
        self.orphans = {}
        counts = {k: v for k, v in answers.items() if self._is_repeat_path(k)}
        for key in sorted(counts, key=lambda k: k.count("/")):
            self._reindex()
            parent_path, _, name = key.rpartition("/")
            parent = self._by_path.get(parent_path) if parent_path else self.root
            repeat = self.graph.by_name.get(name)
            if parent is None or not isinstance(repeat, Group):
                self.orphans[key] = counts[key]
                continue
            for _i in range(count_of(counts[key])):
                new_repeat_instance(parent, repeat)
        self._reindex()
        for key, value in answers.items():
            if key in counts:
                continue
            node = self._by_path.get(key)
            if node is None or not is_question(node):
                self.orphans[key] = value
            else:
                node.raw = "" if value is None else str(value)
        self.evaluate_all(new_nodes=True)

    def _is_repeat_path(self, key: str) -> bool:
        element = self.form.find(strip_indexes(key))
        return isinstance(element, Group) and element.is_repeat and not key.endswith("]")

    def _start_new(self, top: InstanceNode) -> None:
        """Fill defaults, metadata and context fields of new nodes below ``top``."""
        now = self.clock()
        for node in top.walk():
            question = node.element
            if not isinstance(question, Question):
                continue
            kind = question.type
            if question.name in self.context and question.capture != "input":
                node.raw = str(self.context[question.name])
            elif kind == "start":
                node.raw = now.isoformat(timespec="milliseconds")
            elif kind == "today":
                node.raw = now.date().isoformat()
            elif question_type(kind).context:
                node.raw = str(self.context.get(question_type(kind).context, ""))
            elif question.name == "instanceID" and self.context.get("instanceID"):
                node.raw = str(self.context["instanceID"])
            elif question.default not in (None, ""):
                expr = self.graph.of(question).default
                if expr is None:
                    node.raw = _default_literal(question)
                else:
                    node.raw = self.safely(expr.evaluate_string, node, "default", "")

    def drop_non_relevant(self) -> Writes:
        """Clear the answers of questions that are not relevant, as ODK does when a record is
        finalized: answers hidden by skip logic (a respondent who withdrew consent) must not
        be exported or synced. Returns the writes that store it (None deletes an answer);
        the store audits them, so the values stay recoverable from this laptop's audit log."""
        before = self.snapshot()
        for _round in range(len(before) + 1):  # a cleared answer may hide others in turn
            hidden = [node for node in self.root.walk()
                      if is_question(node) and node.raw != "" and not node.relevant]
            if not hidden:
                break
            for node in hidden:
                node.raw = ""
                self._changed(node)
        after = self.snapshot()
        writes: Writes = {key: None for key in before if key not in after}
        writes.update({key: value for key, value in after.items() if before.get(key) != value})
        return writes

    def touch_end(self) -> Writes:
        """Stamp ``end`` metadata fields with the current time (on finalize)."""
        writes: Writes = {}
        stamp = self.clock().isoformat(timespec="milliseconds")
        for question in self.form.questions():
            if question.type == "end":
                for node in self.nodes_of(question):
                    node.raw = stamp
                    self._changed(node)
                    writes[node.path] = stamp
        return writes


def _default_literal(question: Question) -> str:
    try:
        return coerce_answers.coerce(question, question.default)
    except AnswerError:
        return str(question.default)
