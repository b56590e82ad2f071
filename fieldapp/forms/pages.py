"""Pages of a form being filled: a ``field-list`` group is one page, other questions one each.

Repeats add a page of their own (where instances are counted, added and removed) before the
pages of their instances. With ``style`` ``pages`` in the settings, every top-level group is
one page, as Enketo does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.forms.instance import InstanceNode, is_question
from fieldapp.forms.model import Element, Group, Question
from fieldapp.forms.session import FormSession

SHOWN = {"input", "display", "unsupported"}


@dataclass(slots=True)
class Page:
    """One screen of the form."""

    index: int
    path: str  # instance path of the page's group, repeat or question
    kind: str  # "fields" or "repeat"
    element: Element = field(repr=False)
    fields: list[str] = field(default_factory=list)  # instance paths of the questions shown


def _shown(node: InstanceNode) -> bool:
    return is_question(node) and node.element.capture in SHOWN


def pages(session: FormSession) -> list[Page]:
    """The pages of the form as its repeats stand now, relevant or not."""
    out: list[Page] = []
    whole_groups = "pages" in session.form.settings.get("style", "").split()
    _walk(session.root, out, whole_groups)
    return out


def _add(out: list[Page], path: str, kind: str, element: Element, fields: list[str]) -> None:
    out.append(Page(len(out), path, kind, element, fields))


def _walk(node: InstanceNode, out: list[Page], whole_groups: bool, depth: int = 0) -> None:
    group: Group = node.element  # type: ignore[assignment]
    for element in group.children:
        if isinstance(element, Group) and element.is_repeat:
            repeat_path = f"{node.path}/{element.name}" if node.path else element.name
            _add(out, repeat_path, "repeat", element, [])
            for instance in (k for k in node.kids if k.element is element):
                if element.field_list:
                    _add(out, instance.path, "fields", element, _fields(instance))
                else:
                    _walk(instance, out, whole_groups, depth + 1)
            continue
        child = next((k for k in node.kids if k.element is element), None)
        if child is None:
            continue
        if isinstance(element, Group):
            if element.field_list or (whole_groups and depth == 0):
                fields = _fields(child)
                if fields:
                    _add(out, child.path, "fields", element, fields)
            else:
                _walk(child, out, whole_groups, depth + 1)
        elif _shown(child):
            _add(out, child.path, "fields", element, [child.path])


def _fields(node: InstanceNode) -> list[str]:
    return [n.path for n in node.walk() if _shown(n)]


def page_relevant(session: FormSession, page: Page) -> bool:
    """Whether the page has anything relevant to show now."""
    if page.kind == "repeat":
        parent_path = page.path.rpartition("/")[0]
        parent = session.node(parent_path) if parent_path else session.root
        return parent.relevant and _repeat_relevant(session, page)
    return any(session.node(p).relevant for p in page.fields)


def page_possible(session: FormSession, page: Page) -> bool:
    """Whether the page is relevant now or may still become relevant: it is hidden only by
    conditions that read a question not answered yet (the livelihood survey's pages after
    an unanswered consent). Page counts and the last page are decided over these, so "Page 2
    of 2" is not shown before the consent is answered."""
    if page_relevant(session, page):
        return True
    graph = session.graph
    elements = [session.node(p).element for p in page.fields] or [page.element]
    seen: set[int] = set()
    for element in elements:
        while element is not None and id(element) not in seen:
            seen.add(id(element))
            b = graph.of(element)
            if b.relevant is not None:
                for name in b.relevant.refs:
                    source = graph.by_name.get(name)
                    if source is not None and any(
                            session.value(n.path) == "" and n.relevant
                            for n in session.nodes_of(source)):
                        return True
            element = element.parent
    return False


def _repeat_relevant(session: FormSession, page: Page) -> bool:
    b = session.graph.of(page.element)
    if b.relevant is None:
        return True
    instances = [n for n in session.nodes_of(page.element) if n.path.startswith(page.path + "[")]
    if not instances:
        # nothing to evaluate on yet (ODK uses the repeat's empty template): the answers
        # outside the repeat decide whether instances may be added at all
        parent_path = page.path.rpartition("/")[0]
        parent = session.node(parent_path) if parent_path else session.root
        return b.relevant.evaluate_boolean(session.ctx(parent))
    return any(n.self_relevant for n in instances) or \
        b.relevant.evaluate_boolean(session.ctx(instances[0]))


def page_of(pages_: list[Page], path: str) -> int | None:
    """The index of the page showing the field at ``path``."""
    for page in pages_:
        if path in page.fields or path == page.path:
            return page.index
    return None


def is_input(element: Element) -> bool:
    return isinstance(element, Question) and element.capture == "input"
