"""The syntax tree of a parsed expression; each node evaluates itself over a Frame."""

from __future__ import annotations

from typing import Callable, Sequence

from fieldapp.errors import ExprError
from fieldapp.expr.context import Context, Node
from fieldapp.expr.values import NodeSet, Value, document_order, to_boolean, to_number
from fieldapp.i18n import _

CHILD, SELF, PARENT, DESCENDANT, DESCENDANT_OR_SELF, ATTRIBUTE = (
    "child", "self", "parent", "descendant", "descendant-or-self", "attribute",
)
TEXT_TEST = "text()"


class Frame:
    """Where a (sub)expression is evaluated: the context, the context node, its position and
    size in the node-set a predicate filters, and the node ``current()`` returns."""

    __slots__ = ("ctx", "node", "position", "size", "origin")

    def __init__(self, ctx: Context, node: Node, position: int = 0, size: int = 0,
                 origin: Node | None = None) -> None:
        # position and size stay 0 outside predicates (position() then asks the tree)
        self.ctx = ctx
        self.node = node
        self.position = position
        self.size = size
        self.origin = node if origin is None else origin


class Document:
    """The document node above an instance's root element: the start of ``/data/q`` and of
    ``instance('list')/root/item``. Its child matches any name, so a form whose root is
    not called ``data`` still works."""

    __slots__ = ("root",)
    name = "#document"
    parent = None

    def __init__(self, root: Node) -> None:
        self.root = root

    def children(self) -> Sequence[Node]:
        return (self.root,)

    def value(self) -> str:
        return self.root.value()


def runtime_error(detail: str) -> ExprError:
    """An EXPR_004 error (the detail is already translated)."""
    return ExprError("EXPR_004", detail=detail)


class Tree:
    """A node of the syntax tree."""

    __slots__ = ()

    def ev(self, f: Frame) -> Value:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError


class Literal(Tree):
    __slots__ = ("value",)

    def __init__(self, value: str | float) -> None:
        self.value = value

    def ev(self, f: Frame) -> Value:
        return self.value


class Ref(Tree):
    """``${name}``: the nodes the context says the name stands for."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def ev(self, f: Frame) -> Value:
        nodes = f.ctx.ref(self.name)
        return nodes if isinstance(nodes, NodeSet) else NodeSet(nodes)  # lists a context keeps are not copied

    def ev_all(self, f: Frame) -> NodeSet:
        """Every instance of ``name``, whatever repeat the context node is in."""
        return NodeSet(f.ctx.ref(self.name, all_instances=True))


class LastSaved(Tree):
    """``${last-saved#name}``: the answer ``name`` had in the previous submission of the form
    (ODK); no nodes when there is none or the context keeps no such memory."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def ev(self, f: Frame) -> Value:
        recall = getattr(f.ctx, "last_saved", None)
        return NodeSet(recall(self.name)) if recall is not None else NodeSet()


class Negate(Tree):
    __slots__ = ("operand",)

    def __init__(self, operand: Tree) -> None:
        self.operand = operand

    def ev(self, f: Frame) -> Value:
        return -to_number(self.operand.ev(f))


class Or(Tree):
    __slots__ = ("left", "right")

    def __init__(self, left: Tree, right: Tree) -> None:
        self.left, self.right = left, right

    def ev(self, f: Frame) -> Value:
        return to_boolean(self.left.ev(f)) or to_boolean(self.right.ev(f))


class And(Or):
    __slots__ = ()

    def ev(self, f: Frame) -> Value:
        return to_boolean(self.left.ev(f)) and to_boolean(self.right.ev(f))


class Binary(Tree):
    """An operator whose two operands are always both evaluated (= != < + div …)."""

    __slots__ = ("fn", "left", "right")

    def __init__(self, fn: Callable[[Value, Value], Value], left: Tree, right: Tree) -> None:
        self.fn, self.left, self.right = fn, left, right

    def ev(self, f: Frame) -> Value:
        return self.fn(self.left.ev(f), self.right.ev(f))


class Union(Tree):
    __slots__ = ("left", "right")

    def __init__(self, left: Tree, right: Tree) -> None:
        self.left, self.right = left, right

    def ev(self, f: Frame) -> Value:
        return document_order(node_set(self.left.ev(f), "|") + node_set(self.right.ev(f), "|"))


class Call(Tree):
    """A function call; a lazy function gets its argument trees instead of their values."""

    __slots__ = ("name", "args", "impl", "lazy")

    def __init__(self, name: str, args: tuple[Tree, ...], impl: Callable, lazy: bool) -> None:
        self.name, self.args, self.impl, self.lazy = name, args, impl, lazy

    def ev(self, f: Frame) -> Value:
        if self.lazy:
            return self.impl(f, *self.args)
        return self.impl(f, *[arg.ev(f) for arg in self.args])


class Step:
    """One location step: an axis, a name test (None = any) and predicates."""

    __slots__ = ("axis", "name", "predicates")

    def __init__(self, axis: str, name: str | None, predicates: tuple[Tree, ...] = ()) -> None:
        self.axis, self.name, self.predicates = axis, name, predicates

    def _matches(self, node: Node) -> bool:
        return self.name is None or node.name == self.name

    def candidates(self, node: Node) -> list[Node]:
        axis = self.axis
        if axis == CHILD:
            if self.name == TEXT_TEST:  # no text nodes here: a leaf stands for its text
                return [] if node.children() else [node]
            if self.name is None:
                return list(node.children())
            name = self.name
            return [c for c in node.children() if c.name == name]
        if axis == SELF:
            return [node] if self._matches(node) else []
        if axis == PARENT:
            parent = node.parent
            return [parent] if parent is not None and self._matches(parent) else []
        if axis in (DESCENDANT, DESCENDANT_OR_SELF):
            found = [node] if axis == DESCENDANT_OR_SELF and self._matches(node) else []
            stack = list(reversed(node.children()))
            while stack:
                current = stack.pop()
                if self._matches(current):
                    found.append(current)
                stack.extend(reversed(current.children()))
            return found
        return []  # attributes: the instance model has none

    def apply(self, nodes: list[Node], f: Frame) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            found = self.candidates(node)
            for predicate in self.predicates:
                found = filter_nodes(found, predicate, f)
            out.extend(found)
        if len(nodes) > 1 and self.axis not in (CHILD, SELF, ATTRIBUTE):
            out = document_order(out)  # parents and descendants of several nodes overlap
        return out


class Path(Tree):
    """A location path: from a start expression, the document root, or the context node."""

    __slots__ = ("start", "absolute", "steps", "_child")

    def __init__(self, start: Tree | None, absolute: bool, steps: tuple[Step, ...]) -> None:
        self.start, self.absolute, self.steps = start, absolute, steps
        # a bare child name ('name' in a choice filter) is common: take a shortcut for it
        only = steps[0] if len(steps) == 1 else None
        simple = (start is None and not absolute and only is not None and only.axis == CHILD
                  and only.name not in (None, TEXT_TEST) and not only.predicates)
        self._child = only.name if simple and only is not None else None

    def ev(self, f: Frame) -> Value:
        if self._child is not None:
            name = self._child
            return NodeSet([c for c in f.node.children() if c.name == name])
        if self.start is not None:
            nodes: list[Node] = node_set(self.start.ev(f), "/")
        elif self.absolute:
            nodes = [Document(f.ctx.root)]
        else:
            nodes = [f.node]
        steps = self.steps
        if steps and nodes and type(nodes[0]) is Document and steps[0].axis == CHILD:
            nodes = [root_element(document, steps[0].name) for document in nodes]
            for predicate in steps[0].predicates:
                nodes = filter_nodes(nodes, predicate, f)
            steps = steps[1:]
        for step in steps:
            if not nodes:
                break
            nodes = step.apply(nodes, f)
        return NodeSet(nodes)


def root_element(document: Document, name: str | None) -> Node:
    """The element the first step of ``/data/…`` or ``instance('x')/root/…`` names. A context
    may give the root element itself or the node above it (whose child is ``root``); when
    neither is called ``name``, the root is taken whatever its name (a form's id varies)."""
    root = document.root
    if name is None or root.name == name:
        return root
    for child in root.children():
        if child.name == name:
            return child
    return root


class Filter(Tree):
    """A primary expression with predicates: ``(${a} | ${b})[1]``."""

    __slots__ = ("primary", "predicates")

    def __init__(self, primary: Tree, predicates: tuple[Tree, ...]) -> None:
        self.primary, self.predicates = primary, predicates

    def ev(self, f: Frame) -> Value:
        nodes: list[Node] = node_set(self.primary.ev(f), "[]")
        for predicate in self.predicates:
            nodes = filter_nodes(nodes, predicate, f)
        return NodeSet(nodes)


def filter_nodes(nodes: list[Node], predicate: Tree, f: Frame) -> list[Node]:
    """The nodes for which ``predicate`` holds; a number selects by position (1-based)."""
    if type(predicate) is Literal and isinstance(predicate.value, float):
        index = predicate.value
        if index == int(index) and 1 <= index <= len(nodes):
            return [nodes[int(index) - 1]]
        return []
    size = len(nodes)
    ctx, origin = f.ctx, f.origin
    kept = []
    for position, node in enumerate(nodes, 1):
        value = predicate.ev(Frame(ctx, node, position, size, origin))
        if value == position if isinstance(value, float) else to_boolean(value):
            kept.append(node)
    return kept


def node_set(value: Value, where: str) -> NodeSet:
    """``value`` if it is a node-set, else an EXPR_004 error naming the operator."""
    if isinstance(value, NodeSet):
        return value
    raise runtime_error(
        _("'{op}' needs a list of questions or nodes, not a single value.").format(op=where)
    )
