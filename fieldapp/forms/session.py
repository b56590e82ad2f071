"""A form session: the answers of one submission being filled, evaluated live.

The GUI, the CLI (``forms try``, ``fill``) and the tests drive forms only through this API.
Setting an answer re-evaluates only what depends on it (and, inside repeats, only in the
affected instance); every operation returns the *writes* — the changed entries of the
snapshot — which the capture layer persists in one transaction.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable, Mapping

from fieldapp.errors import AnswerError, ExprError
from fieldapp.expr import to_boolean
from fieldapp.forms import answers as coerce_answers
from fieldapp.forms.evalctx import EvalContext, StaticNode, choice_instance
from fieldapp.forms.graph import graph_for
from fieldapp.forms.instance import (InstanceNode, build_children, is_question,
                                     new_repeat_instance, strip_indexes)
from fieldapp.forms.mediafiles import load_itemset
from fieldapp.forms.model import Choice, Element, Form, Group, Question, pick_text
from fieldapp.i18n import _

Writes = dict[str, "str | None"]
_REF = re.compile(r"\$\{([^}]+)\}")
_CONTEXT_TYPES = {"deviceid": "deviceid", "username": "username", "email": "email",
                  "phonenumber": "phonenumber", "simserial": "simserial",
                  "subscriberid": "subscriberid"}
_MAX_REPEAT_COUNT = 500

@dataclass(slots=True)
class FieldState:
    """What the GUI needs to draw one field now."""

    path: str
    name: str
    type: str
    relevant: bool
    required: bool
    read_only: bool
    value: str
    valid: bool
    message: str = ""  # the form's constraint/required message in the form language


@dataclass(slots=True)
class Problem:
    """Why a submission cannot be finalized yet."""

    path: str
    kind: str  # "required" or "constraint"
    message: str
    label: str = ""


@dataclass(slots=True)
class Change:
    """The outcome of one edit."""

    writes: Writes = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # instance paths whose value/relevance changed


def _now() -> datetime:
    return datetime.now().astimezone()


class FormSession:
    """The live answers of one submission of ``form``.

    :param lang: the form language to show (a code like ``es``; default: the form's default).
    :param context: values from the app for metadata and hidden fields (``deviceid``,
        ``username``, ``org_id``, ``org_name``, ``country``, ``round``, ``instanceID``).
    :param answers: a snapshot to resume (as returned by :meth:`snapshot`); without it the
        session starts new, with defaults and metadata filled in.
    """

    def __init__(self, form: Form, *, lang: str | None = None,
                 context: Mapping[str, str] | None = None,
                 answers: Mapping[str, str] | None = None,
                 clock: Callable[[], datetime] = _now) -> None:
        self.form = form
        self.graph = graph_for(form)
        self.lang = lang or form.default_language
        self.context = dict(context or {})
        self.clock = clock
        self.orphans: dict[str, str] = {}  # stored answers this form version has no field for
        self.errors: dict[str, str] = {}  # "path#column" → why that expression failed to run
        self._secondary: dict[str, StaticNode | None] = {}
        self.root = InstanceNode(form.root, None)
        build_children(self.root, form.root)
        self._reindex()
        if answers is None:
            self._start_new(self.root)
            self.evaluate_all()
        else:
            self.restore(answers)

    # -- navigation ----------------------------------------------------------------------
    def _reindex(self) -> None:
        self._nodes: dict[int, list[InstanceNode]] = {}
        self._by_path: dict[str, InstanceNode] = {}
        for node in self.root.walk():
            self._nodes.setdefault(id(node.element), []).append(node)
            self._by_path[node.path] = node

    def nodes_of(self, element: Element) -> list[InstanceNode]:
        """Every node of ``element`` (all repeat instances), in document order."""
        return self._nodes.get(id(element), [])

    def scoped_nodes(self, element: Element, origin: InstanceNode) -> list[InstanceNode]:
        """The nodes of ``element`` seen from ``origin``: the same repeat instance where they
        share a repeat, else every instance (XForms relative vs absolute references)."""
        shared = _shared_repeat(element, origin)
        if shared is None:
            return self.nodes_of(element)
        anchor: InstanceNode | None = origin
        while anchor is not None and anchor.element is not shared:
            anchor = anchor.parent
        if anchor is None:
            return self.nodes_of(element)
        return [n for n in self.nodes_of(element) if _is_within(n, anchor)]

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

    def _eval_outputs(self, node: InstanceNode, *, initial: bool = False) -> tuple[bool, bool]:
        """Re-evaluate relevance and calculation of ``node``; (value changed, relevance changed)."""
        b = self.graph.of(node.element)
        rel_changed = val_changed = False
        if b.relevant is not None:
            relevant = self.safely(b.relevant.evaluate_boolean, node, "relevant", True)
            if relevant != node.self_relevant:
                node.self_relevant = relevant
                rel_changed = True
        if b.calculation is not None and not (initial and b.triggers):
            value = self.safely(b.calculation.evaluate_string, node, "calculation", "")
            if value in ("NaN", "Infinity", "-Infinity"):
                value = ""
            if value != node.raw:
                node.raw = value
                val_changed = True
        return val_changed, rel_changed

    def safely(self, evaluate: Callable, node, column: str, fallback):
        """``evaluate(ctx)`` for ``node``; when the expression fails at run time (a media file
        missing for ``pulldata``, a bad regex) the fallback, and the problem is kept in
        :attr:`errors` so the form still opens and the problem can be shown."""
        key = f"{node.path}#{column}"
        try:
            value = evaluate(self.ctx(node))
        except ExprError as exc:
            self.errors[key] = exc.message
            return fallback
        if self.errors:
            self.errors.pop(key, None)
        return value

    def evaluate_all(self) -> None:
        """Evaluate every output of the form from scratch (on open and resume)."""
        for element in self.graph.topo:
            if isinstance(element, Group) and element.is_repeat:
                self._sync_repeat_counts(element)
            for node in list(self.nodes_of(element)):
                self._eval_outputs(node, initial=True)

    def _propagate(self, sources: Iterable[InstanceNode], change: Change) -> None:
        """Re-evaluate, in dependency order, the outputs that read ``sources``."""
        heap: list[tuple[int, int]] = []
        pending: dict[int, tuple[Element, list[InstanceNode]]] = {}

        def enqueue(node: InstanceNode) -> None:
            for dependent in self.graph.dependents_of(node.element):
                key = id(dependent)
                if key not in pending:
                    pending[key] = (dependent, [])
                    heapq.heappush(heap, (self.graph.order[key], key))
                pending[key][1].append(node)

        for node in sources:
            enqueue(node)
        while heap:
            _, key = heapq.heappop(heap)
            element, origins = pending.pop(key)
            if isinstance(element, Group) and element.is_repeat and self.graph.of(element).repeat_count:
                for node in self._sync_repeat_counts(element, change):
                    enqueue(node)
            for node in self._affected(element, origins):
                val_changed, rel_changed = self._eval_outputs(node)
                if val_changed or rel_changed:
                    change.changed.append(node.path)
                    enqueue(node)
                    if val_changed and node.raw != "":
                        change.writes[node.path] = node.raw
                    elif val_changed:
                        change.writes[node.path] = None
                if rel_changed:
                    for below in node.walk():
                        change.changed.append(below.path)
                        enqueue(below)

    def _affected(self, element: Element, origins: list[InstanceNode]) -> list[InstanceNode]:
        """The nodes of ``element`` that read one of ``origins``."""
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
            raise AnswerError("ANS_010", field=path, detail=_("it is a group"))
        if question.capture != "input" or question.read_only:
            raise AnswerError("ANS_010", field=path, detail=_("it is read-only"))
        allowed = None
        if question.choice_filter or question.itemset_file:
            allowed = [c.name for c in self.choices(node.path)]
        raw = coerce_answers.coerce(question, value, allowed)
        change = Change()
        if raw == node.raw:
            return change
        node.raw = raw
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

    def snapshot(self) -> dict[str, str]:
        """Every non-empty stored answer by instance path, plus repeat counts (repeat path →
        number of instances) — what the store persists and :meth:`restore` reads back."""
        data: dict[str, str] = {}
        for node in self.root.walk():
            if is_question(node):
                if node.raw != "":
                    data[node.path] = node.raw
            elif node.index == 1:
                count = sum(1 for k in node.parent.kids if k.element is node.element)
                data[strip_last_index(node.path)] = str(count)
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
            for _i in range(_to_int(counts[key])):
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
        self.evaluate_all()

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
            elif kind in _CONTEXT_TYPES:
                node.raw = str(self.context.get(_CONTEXT_TYPES[kind], ""))
            elif question.name == "instanceID" and self.context.get("instanceID"):
                node.raw = str(self.context["instanceID"])
            elif question.default not in (None, ""):
                expr = self.graph.of(question).default
                if expr is None:
                    node.raw = _default_literal(question)
                else:
                    node.raw = self.safely(expr.evaluate_string, node, "default", "")

    def touch_end(self) -> Writes:
        """Stamp ``end`` metadata fields with the current time (on finalize)."""
        writes: Writes = {}
        stamp = self.clock().isoformat(timespec="milliseconds")
        for question in self.form.questions():
            if question.type == "end":
                for node in self.nodes_of(question):
                    node.raw = stamp
                    writes[node.path] = stamp
        return writes

    # -- repeats -------------------------------------------------------------------------
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
        """Add an instance at the end of the repeat at ``path``; its path is ``changed[0]``."""
        parent, repeat = self._repeat_at(path)
        if self.graph.of(repeat).repeat_count is not None:
            raise AnswerError("ANS_010", field=path, detail=_("its count is calculated"))
        before = self.snapshot()
        instance = new_repeat_instance(parent, repeat)
        self._reindex()
        self._start_new(instance)
        change = Change(changed=[instance.path])
        for node in [instance, *instance.walk()]:
            self._eval_outputs(node, initial=True)
        self._propagate([instance, *instance.walk()], change)
        change.writes = _diff(before, self.snapshot())
        return change

    def remove_repeat(self, instance_path: str) -> Change:
        """Remove the repeat instance at ``instance_path`` (``rep[2]``); later ones move up."""
        node = self._by_path.get(instance_path.strip("/"))
        if node is None or not node.index:
            raise AnswerError("ANS_011", field=strip_last_index(instance_path),
                              index=instance_path)
        if self.graph.of(node.element).repeat_count is not None:
            raise AnswerError("ANS_010", field=instance_path, detail=_("its count is calculated"))
        before = self.snapshot()
        parent = node.parent
        parent.kids.remove(node)
        for sibling in parent.kids:
            if sibling.element is node.element and sibling.index > node.index:
                sibling.index -= 1
        self._reindex()
        self.evaluate_all()
        after = self.snapshot()
        return Change(writes=_diff(before, after), changed=[parent.path])

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
            wanted = min(wanted, _MAX_REPEAT_COUNT)
            instances = [k for k in parent.kids if k.element is repeat]
            if len(instances) == wanted:
                continue
            before = self.snapshot() if change is not None else {}
            for extra in instances[wanted:]:
                parent.kids.remove(extra)
                touched.extend([extra, *extra.walk()])  # their readers must recompute
            for _i in range(len(instances), wanted):
                instance = new_repeat_instance(parent, repeat)
                self._start_new(instance)
                created.extend([instance, *instance.walk()])
            self._reindex()
            for node in created:
                self._eval_outputs(node, initial=True)
            if change is not None:
                change.writes.update(_diff(before, self.snapshot()))
                change.changed.append(parent.path)
        return created + touched

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
            elif node.raw != "" and b.constraint is not None and \
                    not self.safely(b.constraint.evaluate_boolean, node, "constraint", True):
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

    def text(self, path: str, column: str = "label") -> str:
        """A label or hint in the form language, with ``${name}`` replaced by live values."""
        node = self._by_path.get(path.strip("/")) or self.node(path)
        raw = pick_text(getattr(node.element, column, None), self.lang, self.form.default_language)
        return self._fill(node, raw)

    def _fill(self, node: InstanceNode, raw: str) -> str:
        # ${name} in labels, hints and messages shows the live value, as in ODK Collect
        if "${" not in raw:
            return raw
        ctx = self.ctx(node)
        return _REF.sub(lambda m: _first_value(ctx.ref(m.group(1).strip())), raw)

    def validate(self) -> list[Problem]:
        """Every missing required answer and failed constraint, in form order."""
        problems = []
        for node in self.root.walk():
            question = node.element
            if not isinstance(question, Question) or question.capture != "input":
                continue
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
        from fieldapp.scoring.compute import compute_scores

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


def _is_within(node: InstanceNode, anchor: InstanceNode) -> bool:
    while node is not None:
        if node is anchor:
            return True
        node = node.parent
    return False


def _first_value(nodes) -> str:
    return nodes[0].value() if nodes else ""


def _default_literal(question: Question) -> str:
    try:
        return coerce_answers.coerce(question, question.default)
    except AnswerError:
        return str(question.default)


def _to_int(text: str) -> int:
    try:
        return max(0, min(int(text), _MAX_REPEAT_COUNT))
    except (TypeError, ValueError):
        return 0


def _diff(before: Mapping[str, str], after: Mapping[str, str]) -> Writes:
    writes: Writes = {k: v for k, v in after.items() if before.get(k) != v}
    writes.update({k: None for k in before if k not in after})
    return writes


def strip_last_index(path: str) -> str:
    """``"a/rep[2]"`` → ``"a/rep"``."""
    return re.sub(r"\[\d+\]$", "", path)
