"""The dependency graph of a form: which expressions read which fields, in what order to compute.

Built once per form. Only *outputs* (calculations, relevance, repeat counts) need ordering and
propagation; constraints and required are evaluated when asked, on the fields shown.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field

from fieldapp.errors import ExprError, FormError
from fieldapp.expr import Expr, compile_expr
from fieldapp.forms.model import Element, Form, Group, Question

OUTPUT_KINDS = ("relevant", "calculation", "repeat_count")
CHECK_KINDS = ("constraint", "required", "choice_filter", "default")
_PREDICATE = re.compile(r"\[[^\]]*\]")
_LITERAL_FALSE = {"", "no", "false", "false()", "0"}


@dataclass(slots=True, eq=False)
class Bindings:
    """The compiled expressions of one element."""

    relevant: Expr | None = None
    calculation: Expr | None = None
    repeat_count: Expr | None = None
    constraint: Expr | None = None
    required: Expr | None = None
    choice_filter: Expr | None = None
    default: Expr | None = None
    triggers: tuple[Element, ...] = ()
    # ids of the elements the outputs read in every repeat instance, whatever instance they
    # are evaluated in (see _wide_sources): a change there re-evaluates every instance
    wide: frozenset[int] = frozenset()


@dataclass(slots=True, eq=False)
class DependencyGraph:
    """Compiled bindings, dependents and a topological order of a form's outputs."""

    form: Form
    bindings: dict[int, Bindings] = field(default_factory=dict)
    dependents: dict[int, list[Element]] = field(default_factory=dict)
    order: dict[int, int] = field(default_factory=dict)
    topo: list[Element] = field(default_factory=list)
    by_name: dict[str, Element] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what runs, but not as written
    reads_last_saved: bool = False  # some expression reads ${last-saved#name}

    def of(self, element: Element) -> Bindings:
        return self.bindings.get(id(element)) or _EMPTY

    def dependents_of(self, element: Element) -> list[Element]:
        return self.dependents.get(id(element), [])


_EMPTY = Bindings()


_PROSE = re.compile(r"^[^\W\d_][\w\s'’,.;:!?¿¡-]*$")
# choice columns per language (``label::English``) as choice-filter names; see evalctx
_LANG_COLUMN = re.compile(r"\b([A-Za-z_][\w.-]*)::([A-Za-z][\w-]*)")


def language_column(column: str, language: str) -> str:
    """The node name a ``label::English`` choice column gets in a choice filter."""
    return f"{column}__{re.sub(r'[^0-9A-Za-z_]', '_', language)}"


def _compile(element: Element, column: str, text: str | None,
             warnings: list[str] | None = None) -> Expr | None:
    if text is None or str(text).strip() == "":
        return None
    text = str(text)
    if column == "choice_filter":
        text = _LANG_COLUMN.sub(lambda m: language_column(m.group(1), m.group(2)), text)
    try:
        return compile_expr(text)
    except ExprError as exc:
        if exc.code == "EXPR_002":
            raise FormError("FORM_034", sheet="survey", row=element.row, column=column,
                            field=element.name, name=exc.context["name"]) from None
        if exc.code == "EXPR_005":
            raise FormError("FORM_032", sheet="survey", row=element.row, column=column,
                            field=element.name, pattern=exc.context["pattern"],
                            reason=exc.context["reason"]) from None
        if column == "calculation" and warnings is not None and _PROSE.match(text.strip()):
            # pyxform passes plain words through as a calculation; the form still runs
            warnings.append(FormError("FORM_030", sheet="survey", row=element.row,
                                      column=column, field=element.name).__str__())
            return None
        raise FormError(
            "FORM_008", sheet="survey", row=element.row, column=column, field=element.name,
            detail=exc.message.rstrip("."),
        ) from None


def _required_text(question: Question) -> str | None:
    text = (question.required or "").strip()
    if text.lower() in _LITERAL_FALSE:
        return None
    if text.lower() in ("yes", "true", "true()", "1"):
        return "true()"
    return text


def _default_expr(question: Question) -> Expr | None:
    """A default is an expression only when it looks like one (ODK dynamic defaults)."""
    text = question.default
    if text is None or text == "" or not re.search(r"\$\{|\(", str(text)):
        return None
    return _compile(question, "default", text)


def resolve_path(form: Form, element: Element, path: str) -> Element | None:
    """The element a location path in an expression of ``element`` points at, if static."""
    path = _PREDICATE.sub("", path.strip())
    if path.startswith("instance(") or path == "":
        return None
    if path.startswith("/"):
        steps = path.strip("/").split("/")[1:]
        return form.find("/".join(steps)) if steps else None
    node: Element | None = element
    steps = path.split("/")
    if steps[0].startswith("${") and steps[0].endswith("}"):  # ${rep}[2]/q
        node = form.find(steps[0][2:-1])
        steps = steps[1:]
    for step in steps:
        if node is None:
            return None
        if step in ("", "."):
            continue
        if step == "..":
            node = node.parent
        elif isinstance(node, Group):
            node = next((c for c in node.children if c.name == step), None)
        else:
            return None
    return node


def build_graph(form: Form) -> DependencyGraph:
    """Compile every expression of ``form`` and order its outputs.

    :raises FormError: if an expression cannot be read, refers to an unknown name, or
        calculations/relevance form a cycle.
    """
    graph = DependencyGraph(form)
    warnings = graph.warnings
    graph.by_name = _names(form)
    sources: dict[int, set[int]] = {}
    elements = {id(e): e for e in form.elements()}
    for element in form.elements():
        b = Bindings(relevant=_compile(element, "relevant", element.relevant))
        if isinstance(element, Group) and element.is_repeat:
            b.repeat_count = _compile(element, "repeat_count", element.repeat_count)
        if isinstance(element, Question):
            b.calculation = _compile(element, "calculation", element.calculation, warnings)
            b.constraint = _compile(element, "constraint", element.constraint)
            b.required = _compile(element, "required", _required_text(element))
            b.choice_filter = _compile(element, "choice_filter", element.choice_filter)
            b.default = _default_expr(element)
            b.triggers = tuple(_lookup(graph, element, "trigger", name) for name in element.trigger)
        graph.bindings[id(element)] = b
        deps: set[int] = set()
        wide: set[int] = set()
        for column in ("relevant", "calculation", "repeat_count", "constraint", "required",
                       "choice_filter", "default"):
            expr = getattr(b, column)
            if expr is None:
                continue
            for name in expr.refs | expr.last_saved:
                _lookup(graph, element, column, name)
            graph.reads_last_saved = graph.reads_last_saved or bool(expr.last_saved)
            for name in sorted(expr.foreign):
                warnings.append(str(FormError("FORM_033", sheet="survey", row=element.row,
                                              column=column, field=element.name, name=name)))
            if column in CHECK_KINDS:
                continue
            if column == "calculation" and b.triggers:
                deps.update(id(t) for t in b.triggers)
                continue
            refs = [graph.by_name[name] for name in expr.refs]
            targets = [t for t in (resolve_path(form, element, p) for p in expr.paths) if t]
            if column == "calculation" and any(t is element for t in refs + targets):
                # a one-node cycle: the value would wait for itself (JavaRosa refuses it)
                raise FormError("FORM_007", sheet="survey", row=element.row,
                                column=column, field=element.name,
                                cycle=f"{element.name} → {element.name}")
            # a predicate reads the children of the nodes it filters (${rep}[age > 3]),
            # which the expression does not list
            filtered = [e for t in refs + targets if isinstance(t, Group) for e in t.walk()] \
                if "[" in expr.text else []
            deps.update(id(t) for t in refs + targets + filtered)
            wide.update(_wide_sources(element, expr, refs, targets + filtered))
        deps.discard(id(element))
        b.wide = frozenset(wide)
        for ancestor in element.repeat_ancestors:
            deps.add(id(ancestor))  # a repeat's count decides which instances exist
        sources[id(element)] = deps
        for dep in deps:
            graph.dependents.setdefault(dep, []).append(element)
    graph.topo = _toposort(elements, sources)
    graph.order = {id(e): i for i, e in enumerate(graph.topo)}
    return graph


def _names(form: Form) -> dict[str, Element]:
    """Each name's element. XLSForm allows a name twice in different groups (a profile's
    ``edad`` and a roster's ``hogar/edad``) as long as no ``${name}`` is ambiguous; a bare
    name then means the field outside repeats, the one a flat answers file can address."""
    names: dict[str, Element] = {}
    for element in form.elements():
        if not element.repeat_ancestors:
            names.setdefault(element.name, element)
    for element in form.elements():
        names.setdefault(element.name, element)
    return names


def _wide_sources(element: Element, expr: Expr, refs: list[Element],
                  paths: list[Element]) -> set[int]:
    """What ``expr`` of ``element`` reads in every instance of a repeat, not only in the
    instance it is evaluated in: everything under ``indexed-repeat()``, what XPath paths
    reach (from the root, or climbing out of the instance) or predicates filter, and a
    repeat around ``element`` named as ``${rep}`` (``count(${rep})`` counts every instance).
    Erring wide only costs time; erring narrow leaves stale values."""
    wide = {id(t) for t in paths}
    if "indexed-repeat" in expr.text:
        return wide | {id(r) for r in refs}
    wide.update(id(r) for r in refs
                if isinstance(r, Group) and any(r is a for a in element.repeat_ancestors))
    return wide


def _lookup(graph: DependencyGraph, element: Element, column: str, name: str) -> Element:
    target = graph.by_name.get(name)
    if target is None:
        raise FormError("FORM_006", sheet="survey", row=element.row, column=column,
                        field=element.name, ref=name)
    return target


def _toposort(elements: dict[int, Element], sources: dict[int, set[int]]) -> list[Element]:
    """Elements in an order where every element comes after what it reads (Kahn)."""
    remaining = {k: set(v) & elements.keys() for k, v in sources.items()}
    users: dict[int, list[int]] = {}
    for k, deps in remaining.items():
        for d in deps:
            users.setdefault(d, []).append(k)
    position = {k: i for i, k in enumerate(elements)}  # form order breaks ties
    ready = [(position[k], k) for k in elements if not remaining.get(k)]
    heapq.heapify(ready)
    order: list[Element] = []
    while ready:
        _, k = heapq.heappop(ready)
        order.append(elements[k])
        for u in users.get(k, ()):
            remaining[u].discard(k)
            if not remaining[u]:
                heapq.heappush(ready, (position[u], u))
    if len(order) < len(elements):
        stuck = [elements[k] for k, deps in remaining.items() if deps]
        cycle = _find_cycle(stuck, remaining, elements)
        first = cycle[0]
        raise FormError("FORM_007", sheet="survey", row=first.row, field=first.name,
                        cycle=" → ".join(e.name for e in cycle + [first]))
    return order


def _find_cycle(stuck: list[Element], remaining: dict[int, set[int]],
                elements: dict[int, Element]) -> list[Element]:
    """One cycle among the elements Kahn's algorithm could not order."""
    start = id(stuck[0])
    seen: list[int] = []
    node = start
    while node not in seen:
        seen.append(node)
        node = next(iter(remaining[node]))
    cycle = seen[seen.index(node):]
    return [elements[k] for k in cycle]


_graphs: dict[int, tuple[Form, DependencyGraph]] = {}


def graph_for(form: Form) -> DependencyGraph:
    """The dependency graph of ``form``, built once per loaded form object."""
    hit = _graphs.get(id(form))
    if hit is not None and hit[0] is form:
        return hit[1]
    graph = build_graph(form)
    if len(_graphs) > 32:
        _graphs.clear()
    _graphs[id(form)] = (form, graph)
    return graph
