"""A form session: the answers of one submission being filled, evaluated live.

The GUI, the CLI (``forms try``, ``fill``) and the tests drive forms only through this API.
Setting an answer re-evaluates only what depends on it (and, inside repeats, only in the
affected instance); every operation returns the *writes* — the changed entries of the
snapshot — which the capture layer persists in one transaction.
"""

from __future__ import annotations

import heapq
import re
from datetime import datetime
from typing import Callable, Iterable, Mapping

from fieldapp.errors import AnswerError, ExprError
from fieldapp.expr import to_boolean
from fieldapp.expr.context import is_within
from fieldapp.forms import answers as coerce_answers
from fieldapp.forms.evalctx import EvalContext, StaticNode, choice_instance
from fieldapp.forms.graph import Bindings, graph_for
from fieldapp.forms.instance import (InstanceNode, build_children, is_question, strip_indexes,
                                     strip_last_index)
from fieldapp.forms.mediafiles import load_itemset
from fieldapp.forms.model import Choice, Element, Form, Group, Question, pick_text
from fieldapp.forms.nodelists import ElementNodes
from fieldapp.forms.repeats import RepeatEditing
from fieldapp.forms.results import Change, FieldState, Problem, Writes
from fieldapp.forms.snapshots import Snapshots
from fieldapp.i18n import _

__all__ = ["Change", "FieldState", "FormSession", "Problem", "Writes", "strip_last_index"]

_REF = re.compile(r"\$\{([^}]+)\}")
_SCAN = 32  # up to this many nodes of an element, filtering them beats walking a subtree


def _now() -> datetime:
    return datetime.now().astimezone()


class FormSession(RepeatEditing, Snapshots):
    """The live answers of one submission of ``form``.

    :param lang: the form language to show (a code like ``es``; default: the form's default).
    :param context: values from the app for metadata and hidden fields (``deviceid``,
        ``username``, ``org_id``, ``org_name``, ``country``, ``round``, ``instanceID``).
    :param answers: a snapshot to resume (as returned by :meth:`snapshot`); without it the
        session starts new, with defaults and metadata filled in.
    :param last_saved: the snapshot of the previous submission of the same form, for
        ``${last-saved#name}`` (ODK); none: those references are empty.
    """

    def __init__(self, form: Form, *, lang: str | None = None,
                 context: Mapping[str, str] | None = None,
                 answers: Mapping[str, str] | None = None,
                 clock: Callable[[], datetime] = _now,
                 last_saved: Mapping[str, str] | None = None) -> None:
        self.form = form
        self.last_saved = dict(last_saved or {})
        self.graph = graph_for(form)
        self.lang = lang or form.default_language
        self.context = dict(context or {})
        self.clock = clock
        self.orphans: dict[str, str] = {}  # stored answers this form version has no field for
        self.errors: dict[str, str] = {}  # "path#column" → why that expression failed to run
        self._secondary: dict[str, StaticNode | None] = {}
        self._in_repeat: dict[int, bool] = {}  # element → it is a repeat or inside one
        # Hidden by an ancestor, a node's own relevance changes nothing and is not evaluated.
        # When the ancestor shows again it still holds, unless something the node reads
        # changed meanwhile: those nodes are kept here and evaluated then.
        self._dirty: set[InstanceNode] = set()
        self.root = InstanceNode(form.root, None)
        build_children(self.root, form.root)
        self._reindex()
        if answers is None:
            self._start_new(self.root)
            self.evaluate_all(new_nodes=True)
        else:
            self.restore(answers)

    # -- navigation ----------------------------------------------------------------------
    def _reindex(self) -> None:
        """Index every node by element and by path (on open and restore)."""
        self._plans: dict[int, tuple[list[str], list]] = {}  # see _hidden_or_shown
        self._nodes: dict[int, list[InstanceNode]] = {}
        self._by_path: dict[str, InstanceNode] = {}
        for node in self.root.walk():
            self._nodes.setdefault(id(node.element), ElementNodes()).append(node)
            self._by_path[node.path] = node

    def _index_instance(self, instance: InstanceNode) -> None:
        """Index a repeat instance just appended after its siblings.

        Appending keeps document order when the repeat is in no other repeat (its nodes are
        the last of their elements); a nested repeat's nodes may belong mid-list, so those
        are indexed afresh.
        """
        if instance.element.repeat_ancestors:
            self._reindex()
            return
        self._forget_plans(instance)
        for node in (instance, *instance.walk()):
            self._nodes.setdefault(id(node.element), ElementNodes()).add(node)
            self._by_path[node.path] = node

    def _unindex(self, nodes: Iterable[InstanceNode]) -> None:
        """Forget removed nodes."""
        for node in nodes:
            self._forget_plans(node)
            self._dirty.discard(node)
            self._nodes[id(node.element)].drop(node)
            if self._by_path.get(node.path) is node:
                del self._by_path[node.path]

    def _changed(self, node: InstanceNode) -> None:
        """Tell the node lists that ``node``'s value may have changed (kept sums); a group's
        value is its descendants' text, so its ancestors' too."""
        while node.parent is not None:
            nodes = self._nodes.get(id(node.element))
            if nodes is not None:
                nodes.changed(node)
            node = node.parent

    def _move(self, instance: InstanceNode, index: int) -> None:
        """Renumber a repeat instance and re-key its nodes by their new paths."""
        below = (instance, *instance.walk())
        for node in below:
            self._forget_plans(node)
        for node in below:
            if self._by_path.get(node.path) is node:
                del self._by_path[node.path]
        instance.renumber(index)
        for node in below:
            self._by_path[node.path] = node

    def nodes_of(self, element: Element) -> list[InstanceNode]:
        """Every node of ``element`` (all repeat instances), in document order."""
        return self._nodes.get(id(element)) or ElementNodes()

    def _repeated(self, element: Element) -> bool:
        """Whether ``element`` is a repeat or sits in one (asked at every reference)."""
        known = self._in_repeat.get(id(element))
        if known is None:
            known = self._in_repeat[id(element)] = bool(element.repeat_ancestors) or (
                isinstance(element, Group) and element.is_repeat)
        return known

    def scoped_nodes(self, element: Element, origin: InstanceNode) -> list[InstanceNode]:
        """The nodes of ``element`` seen from ``origin``: the same repeat instance where they
        share a repeat, else every instance (XForms relative vs absolute references)."""
        if not self._repeated(element):  # one node, seen alike from everywhere
            return self.nodes_of(element)
        shared = _shared_repeat(element, origin)
        if shared is None:
            return self.nodes_of(element)
        anchor: InstanceNode | None = origin
        while anchor is not None and anchor.element is not shared:
            anchor = anchor.parent
        if anchor is None:
            return self.nodes_of(element)
        every = self.nodes_of(element)
        if len(every) <= _SCAN:
            return [n for n in every if is_within(n, anchor)]
        # Many instances: down from the anchor along the element's own ancestors, which is
        # shorter than the list of them all (or than walking the anchor's whole subtree)
        chain = []
        step: Element | None = element
        while step is not None and step is not shared:
            chain.append(step)
            step = step.parent
        found = [anchor]
        for step in reversed(chain):
            found = [kid for node in found for kid in node.kids if kid.element is step]
        return found

    def node(self, path: str) -> InstanceNode:
        """The node at an instance path, or a unique field name outside repeats.

        :raises AnswerError: if there is no such field.
        """
        hit = self._by_path.get(path.strip("/"))
        if hit is not None:
            return hit
        element = self.graph.by_name.get(path)
        if element is not None:
            nodes = self.nodes_of(element)
            if len(nodes) == 1:
                return nodes[0]
            if not nodes and element.repeat_ancestors:
                raise AnswerError("ANS_011", field=path, index=1)
        raise AnswerError("ANS_001", field=path)

    # -- evaluation ----------------------------------------------------------------------
    def ctx(self, node: InstanceNode) -> EvalContext:
        return EvalContext(self, node)

    def _eval_outputs(self, node: InstanceNode, *, initial: bool = False,
                      b: Bindings | None = None, shown: bool = False,
                      keep_hidden: bool = False) -> tuple[bool, bool]:
        """Re-evaluate relevance and calculation of ``node``; (value changed, relevance changed).

        :param shown: asked for only because an ancestor of ``node`` was hidden or shown
            (nothing ``node`` reads changed but that ancestor's relevance)
        :param keep_hidden: with ``initial``, keep the relevance of a node an ancestor hides
            unless something it reads changed meanwhile
        """
        if b is None:
            b = self.graph.of(node.element)
        rel_changed = val_changed = False
        relevant = None
        if b.relevant is not None:
            hidden = node.parent is not None and not node.parent.relevant
            if hidden and (not initial or (keep_hidden and node not in self._dirty)):
                if not (shown or initial):  # what it reads changed: evaluated when shown
                    self._dirty.add(node)
            elif shown and node not in self._dirty:
                pass  # shown again as it was when hidden: its relevance still holds
            else:
                if hidden:  # on what hidden nodes read: evaluated again when shown
                    self._dirty.add(node)
                else:
                    self._dirty.discard(node)
                relevant = self.safely(b.relevant.evaluate_boolean, node, "relevant", True)
        if relevant is not None and relevant != node.self_relevant:
            node.self_relevant = relevant
            rel_changed = True
            self._changed(node)  # it and its ancestors, then each node below it once
            nodes_of = self._nodes.get
            for below in node.walk():
                nodes = nodes_of(id(below.element))
                if nodes is not None:
                    nodes.changed(below)
        if b.calculation is not None and not (initial and b.triggers):
            value = self.safely(b.calculation.evaluate_string, node, "calculation", "")
            if value == "NaN":  # XPath's "no number"; Infinity is kept, as in JavaRosa
                value = ""
            if value != node.raw:
                node.raw = value
                val_changed = True
                self._changed(node)
        return val_changed, rel_changed

    def safely(self, evaluate: Callable, node, column: str, fallback):
        """``evaluate(ctx)`` for ``node``; when the expression fails at run time (a media file
        missing for ``pulldata``, a bad regex) the fallback, and the problem is kept in
        :attr:`errors` so the form still opens and the problem can be shown."""
        try:
            value = evaluate(self.ctx(node))
        except ExprError as exc:
            self.errors[f"{node.path}#{column}"] = exc.message
            return fallback
        if self.errors:
            self.errors.pop(f"{node.path}#{column}", None)
        return value

    def evaluate_all(self, *, new_nodes: bool = False) -> None:
        """Evaluate every output of the form from scratch.

        :param new_nodes: the nodes were just built (open, resume). Otherwise the relevance
            of a node an ancestor hides is kept as the session knows it (see ``_dirty``).
        """
        if new_nodes:
            self._dirty.clear()
        for nodes in self._nodes.values():
            nodes.forget_numbers()
        for element in self.graph.topo:
            if isinstance(element, Group) and element.is_repeat:
                self._sync_repeat_counts(element)
            for node in list(self.nodes_of(element)):
                self._eval_outputs(node, initial=True, keep_hidden=not new_nodes)

    def _propagate(self, sources: Iterable[InstanceNode], change: Change) -> None:
        """Re-evaluate, in dependency order, the outputs that read ``sources``."""
        graph = self.graph
        order, dependents_of = graph.order, graph.dependents_of
        heap: list[tuple[int, int]] = []
        # element → [element, the nodes it reads that changed, and when each of them changed
        # only in relevance through an ancestor whose relevance changed, those ancestors
        # (None once any changed in value or in its own relevance)]
        pending: dict[int, list] = {}

        def evaluate(element: Element, origin: InstanceNode,
                     via: InstanceNode | None = None) -> None:
            key = id(element)
            entry = pending.get(key)
            if entry is None:
                pending[key] = [element, [origin], None if via is None else {id(via): via}]
                heapq.heappush(heap, (order[key], key))
                return
            entry[1].append(origin)
            if via is None:
                entry[2] = None
            elif entry[2] is not None:
                entry[2][id(via)] = via

        def enqueue(node: InstanceNode, via: InstanceNode | None = None) -> None:
            for dependent in dependents_of(node.element):
                evaluate(dependent, node, via)

        for node in sources:
            enqueue(node)
        while heap:
            _, key = heapq.heappop(heap)
            element, origins, vias = pending.pop(key)
            b = graph.of(element)
            if b.repeat_count and isinstance(element, Group) and element.is_repeat:
                for node in self._sync_repeat_counts(element, change):
                    enqueue(node)
            for node in self._affected(element, origins):
                shown = vias is not None and all(is_within(node.parent, via)
                                                 for via in vias.values())
                val_changed, rel_changed = self._eval_outputs(node, b=b, shown=shown)
                if val_changed or rel_changed:
                    change.changed.append(node.path)
                    enqueue(node)
                    if val_changed:
                        change.writes[node.path] = node.raw or None
                if rel_changed:
                    self._hidden_or_shown(node, change, evaluate)

    def _hidden_or_shown(self, node: InstanceNode, change: Change,
                         evaluate: Callable[..., None]) -> None:
        """After ``node``'s relevance changed: what reads the nodes below it, now hidden or
        shown with it, is evaluated, but for the relevance of other nodes below it (nothing
        they read changed but ``node``'s relevance, so they hold as they were; those that
        read something that changed while hidden are evaluated)."""
        plan = self._plans.get(id(node))
        if plan is None:  # the same group is hidden and shown again and again
            plan = self._plans[id(node)] = self._plan(node)
        paths, reads = plan
        change.changed.extend(paths)
        for dependent, below in reads:
            evaluate(dependent, below, node)
        if self._dirty and node.relevant:  # something they read changed while hidden
            for below in [d for d in self._dirty if is_within(d.parent, node)]:
                evaluate(below.element, below)

    def _forget_plans(self, node: InstanceNode) -> None:
        """Drop the plans of ``node`` and of its ancestors (what is below them changed)."""
        while node is not None and self._plans:
            self._plans.pop(id(node), None)
            node = node.parent

    def _plan(self, node: InstanceNode) -> tuple[list[str], list]:
        """The paths below ``node`` and the (reader, node below) pairs to evaluate when
        ``node`` is hidden or shown (until nodes are added, removed or moved)."""
        graph = self.graph
        paths: list[str] = []
        reads: list[tuple[Element, InstanceNode]] = []
        once: set[int] = set()  # outside repeats a reader has one node: one origin will do
        for below in node.walk():
            paths.append(below.path)
            for dependent in graph.dependents_of(below.element):
                if self._repeated(dependent):
                    reads.append((dependent, below))
                    continue
                if id(dependent) in once:
                    continue
                once.add(id(dependent))
                b = graph.of(dependent)
                if b.calculation is None and b.repeat_count is None:
                    (reader,) = self.nodes_of(dependent) or (None,)
                    if reader is not None and is_within(reader.parent, node):
                        continue
                reads.append((dependent, below))
        return paths, reads

    def _affected(self, element: Element, origins: list[InstanceNode]) -> list[InstanceNode]:
        """The nodes of ``element`` that read one of ``origins``."""
        if not self._repeated(element):  # one node, whatever it read
            return self.nodes_of(element)
        wide = self.graph.of(element).wide
        seen: dict[int, InstanceNode] = {}
        for origin in origins:
            readers = (self.nodes_of(element) if id(origin.element) in wide
                       else self.scoped_nodes(element, origin))
            for node in readers:
                seen[id(node)] = node
            if len(seen) == len(self.nodes_of(element)):
                break
        return list(seen.values())

    # -- answers -------------------------------------------------------------------------
    def set(self, path: str, value: object) -> Change:
        """Set the answer at ``path`` (an instance path or a unique field name).

        :raises AnswerError: if the field does not exist, cannot be answered, or the value
            does not fit its type.
        """
        node = self.node(path)
        question = node.element
        if not isinstance(question, Question):
            raise AnswerError("ANS_015", field=path)
        if question.capture != "input" or question.read_only:
            raise AnswerError("ANS_016", field=path)
        allowed = None
        if question.choice_filter or question.itemset_file:
            allowed = [c.name for c in self.choices(node.path)]
        try:
            raw = coerce_answers.coerce(question, value, allowed)
        except AnswerError as exc:
            exc.context["field"] = node.path  # with its repeat index: worker_group[2]/…
            raise
        change = Change()
        if raw == node.raw:
            return change
        node.raw = raw
        self._changed(node)
        change.writes[node.path] = raw or None
        change.changed.append(node.path)
        self._propagate([node], change)
        return change

    def get(self, path: str) -> str:
        """The stored answer at ``path`` ('' when empty)."""
        return self.node(path).raw

    def value(self, path: str) -> str:
        """The answer as expressions see it ('' when not relevant)."""
        return self.node(path).value()

    # -- what the GUI asks -----------------------------------------------------------------
    def state(self, path: str) -> FieldState:
        """Relevance, requiredness, validity and message of the field at ``path`` now."""
        node = self.node(path)
        question = node.element
        relevant = node.relevant
        b = self.graph.of(question)
        required = relevant and b.required is not None and \
            self.safely(b.required.evaluate_boolean, node, "required", False)
        valid, message = True, ""
        if relevant and isinstance(question, Question):
            if node.raw == "" and required:
                valid = False
                message = self._fill(node, pick_text(
                    question.required_message, self.lang, self.form.default_language)) \
                    or _("This answer is required.")
            elif node.raw != "" and b.constraint is not None:
                satisfied = self.safely(b.constraint.evaluate_boolean, node, "constraint", None)
                if satisfied is None:  # the check itself failed: an error, never "valid"
                    valid = False
                    message = _("This answer cannot be checked, the form's constraint "
                                "failed: {reason}").format(
                        reason=self.errors.get(f"{node.path}#constraint", ""))
                elif not satisfied:
                    valid = False
                    message = self._fill(node, pick_text(
                        question.constraint_message, self.lang, self.form.default_language)) \
                        or _("The answer is not valid.")
        read_only = not isinstance(question, Question) or question.read_only \
            or question.capture != "input"
        return FieldState(node.path, question.name, question.type, relevant, bool(required),
                          read_only, node.raw, valid, message)

    def choices(self, path: str) -> list[Choice]:
        """The choices of the select at ``path``, filtered by its choice_filter now."""
        node = self.node(path)
        question = node.element
        if not isinstance(question, Question):
            return []
        all_choices = question.choices
        if all_choices is None and question.itemset_file:
            all_choices = load_itemset(self.form, question.itemset_file)
        if all_choices is None:
            return []
        expr = self.graph.of(question).choice_filter
        if expr is None:
            return list(all_choices)
        items = choice_instance(all_choices, self.lang, self.form.default_language)
        try:
            return [choice for choice, item in zip(all_choices, items.kids)
                    if to_boolean(expr.evaluate(EvalContext(self, item, origin=node)))]
        except ExprError as exc:
            self.errors[f"{node.path}#choice_filter"] = exc.message
            return list(all_choices)

    def choice_label(self, element: Element | None, value: str) -> str:
        """The label of choice ``value`` of a select question in the form language."""
        if isinstance(element, Question) and element.choices:
            for choice in element.choices:
                if choice.name == value:
                    return pick_text(choice.label, self.lang, self.form.default_language)
        return ""

    def secondary_instance(self, instance_id: str) -> StaticNode | None:
        """A choice list by its name, or a media file by its name, as ``instance('name')``."""
        if instance_id not in self._secondary:
            choices = self.form.choices.get(instance_id)
            if choices is None:
                for suffix in (".csv", ".xml", ""):
                    choices = load_itemset(self.form, instance_id + suffix)
                    if choices is not None:
                        break
            self._secondary[instance_id] = (
                choice_instance(choices, self.lang, self.form.default_language).parent
                if choices is not None else None)
        return self._secondary[instance_id]

    def last_saved_nodes(self, name: str) -> list[StaticNode]:
        """``${last-saved#name}``: the field's answer in the previous submission (its first
        repeat instance inside a repeat), as a read-only node; none when it was empty."""
        element = self.graph.by_name.get(name)
        if element is None:
            return []
        for path in sorted(self.last_saved):
            if strip_indexes(path) == element.path:
                value = self.last_saved[path]
                return [StaticNode(name, None, value)] if value else []
        return []

    def text(self, path: str, column: str = "label", *, empty: str = "") -> str:
        """A label or hint in the form language, with ``${name}`` replaced by live values.

        :param empty: what a reference without a value shows (the contents list, whose pages
            are often not reached yet, shows "…" rather than a gap)
        """
        node = self._by_path.get(path.strip("/")) or self.node(path)
        raw = pick_text(getattr(node.element, column, None), self.lang, self.form.default_language)
        return self._fill(node, raw, empty)

    def _fill(self, node: InstanceNode, raw: str, empty: str = "") -> str:
        # ${name} in labels, hints and messages shows the live value, as in ODK Collect
        if "${" not in raw:
            return raw
        ctx = self.ctx(node)
        return _REF.sub(lambda m: _first_value(ctx.ref(m.group(1).strip())) or empty, raw)

    def validate(self) -> list[Problem]:
        """Every missing required answer and failed constraint, in form order.

        A required, relevant question that is empty is a problem whatever kept it empty
        (read-only, a type a laptop cannot capture, a calculation that failed): finalizing
        must never lock a record with required answers missing."""
        problems = []
        for node in self.root.walk():
            question = node.element
            if not isinstance(question, Question) or question.capture == "display":
                continue
            if question.capture != "input" and node.raw != "":
                continue  # what the form or the app computed is not the technician's to fix
            state = self.state(node.path)
            if not state.valid:
                kind = "required" if state.value == "" else "constraint"
                problems.append(Problem(node.path, kind, state.message, self.text(node.path)))
        return problems

    def flat_answers(self) -> dict[str, str]:
        """Field name → value as expressions see it, for fields outside repeats (scoring)."""
        return {node.element.name: node.value() for node in self.root.walk()
                if is_question(node) and not node.element.repeat_ancestors}

    def scores(self):
        """The form's scores (its ``scoring`` sheet) from the answers now."""
        from fieldapp.forms.scores import compute_scores

        return compute_scores(self.form, self.flat_answers())

    def instance_name(self) -> str:
        """The submission's display name from the form's ``instance_name`` setting."""
        if not self.form.instance_name:
            return ""
        from fieldapp.expr import compile_expr

        try:
            return compile_expr(self.form.instance_name).evaluate_string(self.ctx(self.root))
        except Exception:  # a bad instance_name must never block filling the form
            return ""


def _shared_repeat(element: Element, origin: InstanceNode) -> Group | None:
    """The innermost repeat containing both ``element`` and ``origin``, if any."""
    mine = element.repeat_ancestors
    if isinstance(element, Group) and element.is_repeat:
        mine = mine + [element]
    if not mine:
        return None
    theirs = set()
    node: InstanceNode | None = origin
    while node is not None:
        if node.index:
            theirs.add(id(node.element))
        node = node.parent
    for repeat in reversed(mine):
        if id(repeat) in theirs and repeat is not element:
            return repeat
    return None


def _first_value(nodes) -> str:
    return nodes[0].value() if nodes else ""
