"""The form model: fieldapp's own dataclasses for a loaded XLSForm (no pyxform types leak out).

Paths: an element's ``path`` is the slash-separated names below the root, without the
root's name and without repeat indexes (``grp/rep/q``). An *instance path* adds 1-based
repeat indexes (``grp/rep[2]/q``), as in the answers JSON of ``forms try``.
Texts that vary by language (label, hint, messages) are dicts ``{language: text}`` keyed by
the XLSForm language name (``"Español (es)"``), or ``"default"`` for plain ``label`` columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

DEFAULT = "default"

Texts = dict[str, str]

_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)\s*$")


def language_code(language: str) -> str:
    """The ISO code of an XLSForm language name: ``"Español (es)"`` → ``"es"``."""
    match = _CODE.search(language)
    if match:
        return match.group(1).lower()
    return language.strip().lower()


def pick_text(texts: Texts | None, lang: str | None, fallback: str | None = None) -> str:
    """The text for ``lang`` (a code like ``es`` or a language name), else the fallback
    language's, else the default column's, else the first one; ``""`` when there is none."""
    if not texts:
        return ""
    for wanted in (lang, fallback):
        if not wanted:
            continue
        if wanted in texts and texts[wanted]:
            return texts[wanted]
        code = language_code(wanted)
        for name, text in texts.items():
            if text and (language_code(name) == code or name.lower() == code):
                return text
    if texts.get(DEFAULT):
        return texts[DEFAULT]
    return next((t for t in texts.values() if t), "")


@dataclass(slots=True)
class Choice:
    """One option of a choice list."""

    name: str
    label: Texts = field(default_factory=dict)
    media: dict[str, Texts] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # other columns, for choice_filter


@dataclass(slots=True, eq=False)
class Element:
    """What questions, groups and repeats share."""

    name: str
    path: str
    type: str  # normalized XLSForm type: "integer", "select_one", "group", "repeat", …
    label: Texts = field(default_factory=dict)
    hint: Texts = field(default_factory=dict)
    relevant: str | None = None
    appearance: str = ""
    parent: "Group | None" = field(default=None, repr=False)
    row: int | None = None  # the row on the survey sheet (header = 1), for error messages
    raw: dict = field(default_factory=dict, repr=False)  # everything pyxform gave, for exports

    @property
    def repeat_ancestors(self) -> list["Group"]:
        """The repeats this element sits in, outermost first (itself excluded)."""
        chain = []
        node = self.parent
        while node is not None:
            if node.type == "repeat":
                chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass(slots=True, eq=False)
class Question(Element):
    """A question, note, calculation or metadata field."""

    list_name: str | None = None
    choices: list[Choice] | None = None
    or_other: bool = False
    choice_filter: str | None = None
    constraint: str | None = None
    constraint_message: Texts = field(default_factory=dict)
    required: str | None = None  # an expression; "true()" for yes
    required_message: Texts = field(default_factory=dict)
    calculation: str | None = None
    default: str | None = None
    read_only: bool = False
    trigger: tuple[str, ...] = ()  # names of the fields whose change re-runs the calculation
    parameters: dict[str, str] = field(default_factory=dict)
    media: dict[str, Texts] = field(default_factory=dict)
    capture: str = "input"  # "input", "computed", "metadata", "display", "unsupported"
    unsupported_reason: str = ""  # why it cannot be captured on a laptop, when so
    itemset_file: str | None = None  # select_*_from_file: the CSV/XML in the media folder


@dataclass(slots=True, eq=False)
class Group(Element):
    """A group or a repeat (``type == "repeat"``) and the elements inside it."""

    children: list[Element] = field(default_factory=list)
    repeat_count: str | None = None  # an expression, for repeats with a fixed count

    @property
    def is_repeat(self) -> bool:
        return self.type == "repeat"

    @property
    def field_list(self) -> bool:
        """Whether the group is shown as one page (``field-list`` appearance)."""
        return "field-list" in self.appearance.split()

    def walk(self) -> Iterator[Element]:
        """Every element below this group, depth first, in form order."""
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.walk()


@dataclass(slots=True)
class ScoreDef:
    """One row of a form's ``scoring`` sheet (see ../shared/instruments.md §0)."""

    name: str
    kind: str  # "mean", "weighted_mean", "min", "indicator"
    of: tuple[str, ...] = ()
    scale: tuple[float, float] | None = None
    not_applicable: frozenset[str] = frozenset()
    missing: frozenset[str] = frozenset()
    min_valid: float | None = None
    weight: float = 1.0
    success: frozenset[str] = frozenset()
    counted: frozenset[str] = frozenset()
    expression: str | None = None
    target: float | None = None
    bands: tuple[tuple[float, str], ...] = ()  # (lower bound, band name), ascending
    rescale: str = "range"  # a mean to 0–100: "range" (mean − min)/(max − min), "max" mean/max
    label: Texts = field(default_factory=dict)
    row: int | None = None  # the spreadsheet row (header = 1)


@dataclass(slots=True, eq=False)
class Form:
    """A loaded XLSForm."""

    form_id: str
    version: str
    title: Texts
    root: Group
    choices: dict[str, list[Choice]] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)  # XLSForm language names, form order
    default_language: str = DEFAULT
    instance_name: str | None = None
    settings: dict[str, str] = field(default_factory=dict)
    scores: list[ScoreDef] = field(default_factory=list)
    band_labels: dict[str, Texts] = field(default_factory=dict)  # the ``bands`` sheet
    sha256: str = ""
    source: str = ""  # the workbook's file name
    folder: str = ""  # the workbook's folder: media files (select_*_from_file CSVs) live there
    warnings: list[str] = field(default_factory=list)
    _by_name: dict[str, Element] = field(default_factory=dict, repr=False)
    _by_path: dict[str, Element] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the name and path lookups (after the tree changed)."""
        self._by_name = {}
        self._by_path = {}
        for element in self.root.walk():
            self._by_path[element.path] = element
            self._by_name.setdefault(element.name, element)

    def elements(self) -> Iterator[Element]:
        """Every element in form order."""
        return self.root.walk()

    def questions(self) -> Iterator[Question]:
        """Every question (including notes, calculations and metadata) in form order."""
        return (e for e in self.root.walk() if isinstance(e, Question))

    def find(self, name_or_path: str) -> Element | None:
        """The element with this path (``grp/q``) or, failing that, this name (``q``)."""
        return self._by_path.get(name_or_path) or self._by_name.get(name_or_path)

    def language_codes(self) -> list[str]:
        """The ISO codes of the form's languages (``["es", "en", "pt"]``)."""
        return [language_code(lang) for lang in self.languages if lang != DEFAULT]

    def title_for(self, lang: str | None) -> str:
        return pick_text(self.title, lang, self.default_language) or self.form_id
