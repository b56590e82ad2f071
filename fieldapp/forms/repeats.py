"""Adding and removing repeat instances of a form session, by hand or by ``repeat_count``."""

from __future__ import annotations

from typing import Mapping

from fieldapp.errors import AnswerError
from fieldapp.forms.instance import (InstanceNode, new_repeat_instance, stored_entries,
                                     strip_last_index)
from fieldapp.forms.model import Group
from fieldapp.forms.results import Change, Writes

MAX_REPEAT_COUNT = 500


class RepeatEditing:
    """The repeat operations of :class:`fieldapp.forms.session.FormSession`."""

    def repeat_count(self, path: str) -> int:
        """How many instances the repeat at ``path`` (``grp/rep``, ``a[1]/b``) has."""
        parent, repeat = self._repeat_at(path)
        return sum(1 for k in parent.kids if k.element is repeat)

    def _repeat_at(self, path: str) -> tuple[InstanceNode, Group]:
        path = path.strip("/")
        parent_path, _, name = path.rpartition("/")
        parent = self._by_path.get(parent_path) if parent_path else self.root
        repeat = self.graph.by_name.get(name)
        if parent is None or not isinstance(repeat, Group) or not repeat.is_repeat \
                or repeat.parent is not parent.element:
            raise AnswerError("ANS_001", field=path)
        return parent, repeat

    def add_repeat(self, path: str) -> Change:
        """Add an instance at the end of the repeat at ``path``; its path is ``changed[0]``.

        Only the new instance and what reads it are evaluated, and the writes are built from
        them (not by comparing snapshots), so the cost does not grow with earlier instances.
        """
        parent, repeat = self._repeat_at(path)
        if self.graph.of(repeat).repeat_count is not None:
            raise AnswerError("ANS_018", field=path)
        instance = new_repeat_instance(parent, repeat)
        self._index_instance(instance)
        self._start_new(instance)
        change = Change(changed=[instance.path])
        fresh = [instance, *instance.walk()]
        for node in fresh:
            self._eval_outputs(node, initial=True)
        self._propagate(fresh, change)
        change.writes.update(stored_entries(fresh))
        change.writes[strip_last_index(instance.path)] = str(instance.index)
        return change

    def remove_repeat(self, instance_path: str) -> Change:
        """Remove the repeat instance at ``instance_path`` (``rep[2]``); later ones move up."""
        node = self._by_path.get(instance_path.strip("/"))
        if node is None or not node.index:
            raise AnswerError("ANS_011", field=strip_last_index(instance_path),
                              index=instance_path)
        if self.graph.of(node.element).repeat_count is not None:
            raise AnswerError("ANS_018", field=instance_path)
        parent = node.parent
        count_key = strip_last_index(node.path)
        gone = [node, *node.walk()]
        later = [k for k in parent.kids if k.element is node.element and k.index > node.index]
        moved = [n for k in later for n in (k, *k.walk())]
        before = stored_entries(gone + moved)
        parent.kids.remove(node)
        self._unindex(gone)
        for sibling in later:
            self._move(sibling, sibling.index - 1)
        change = Change(changed=[parent.path])
        for below in moved:  # their position changed: position() and indexed references
            self._eval_outputs(below, initial=True)
        self._propagate(gone + moved, change)
        change.writes.update(_diff(before, stored_entries(moved)))
        remaining = node.index - 1 + len(later)
        change.writes[count_key] = str(remaining) if remaining else None
        return change

    def _sync_repeat_counts(self, repeat: Group, change: Change | None = None) -> list[InstanceNode]:
        """Make the instances of a repeat with ``repeat_count`` match the count; the nodes
        created or removed (whose readers must be re-evaluated)."""
        expr = self.graph.of(repeat).repeat_count
        if expr is None:
            return []
        created: list[InstanceNode] = []
        touched: list[InstanceNode] = []
        parents = self.nodes_of(repeat.parent) if repeat.parent is not self.form.root else [self.root]
        for parent in parents:
            number = self.safely(expr.evaluate_number, parent, "repeat_count", 0.0)
            wanted = int(number) if number == number and number > 0 else 0
            wanted = min(wanted, MAX_REPEAT_COUNT)
            instances = [k for k in parent.kids if k.element is repeat]
            if len(instances) == wanted:
                continue
            before = self.snapshot() if change is not None else {}
            for extra in instances[wanted:]:
                parent.kids.remove(extra)
                gone = [extra, *extra.walk()]
                self._unindex(gone)
                touched.extend(gone)  # their readers must recompute
            for _i in range(len(instances), wanted):
                instance = new_repeat_instance(parent, repeat)
                self._index_instance(instance)
                self._start_new(instance)
                created.extend([instance, *instance.walk()])
            for node in created:
                self._eval_outputs(node, initial=True)
            if change is not None:
                change.writes.update(_diff(before, self.snapshot()))
                change.changed.append(parent.path)
        return created + touched


def count_of(text: str) -> int:
    try:
        return max(0, min(int(text), MAX_REPEAT_COUNT))
    except (TypeError, ValueError):
        return 0


def _diff(before: Mapping[str, str], after: Mapping[str, str]) -> Writes:
    writes: Writes = {k: v for k, v in after.items() if before.get(k) != v}
    writes.update({k: None for k in before if k not in after})
    return writes
