"""The columns of a form's export tables, the same whatever the round or the language.

A column is named after the field (``A1_1``), never after its label; a name used twice in one
table falls back to the field's path (``grp/q``). Record columns (who, where, when) start with
``_`` so they never clash with a field. A ``select_multiple`` gets its own column (the chosen
codes, space-separated, as stored) and one 0/1 column per choice (``q/choice``); a
``geopoint`` gets ``q/lat``, ``q/lon``, ``q/alt`` and ``q/acc`` beside it; a file question holds the file's
name (a reference; the bytes stay in the database). The shapes come from the question-type
table, :mod:`fieldapp.forms.qtypes`. Each repeat group
is a table of its own, linked to its submission by ``_uuid`` and to its enclosing repeat
instance by ``_<repeat>_index``.

Several versions of one form share one layout: the latest version's fields in its order, then
the fields only older versions had.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.forms import qtypes
from fieldapp.forms.model import Choice, Form, Group, Question

# The record columns of the wide table: (column, what it holds) — msgids in dictionary.py
RECORD_COLUMNS = ("_uuid", "_form_version", "_org_id", "_org_name", "_org_type", "_country",
                  "_org_members", "_org_workers",
                  "_round_id", "_round_year", "_technician", "_created_at", "_finalized_at",
                  "_revision")
LONG_COLUMNS = ("_uuid", "_org_id", "_round_id", "field", "path", "value", "value_label")
SCORE_COLUMNS = ("_org_id", "_org_name", "_org_type", "_country", "_round_id", "_round_year",
                 "score", "label", "kind", "value", "n", "x", "low", "high", "excluded",
                 "status", "band", "target")


@dataclass(slots=True, eq=False)
class Column:
    """One column of an export table.

    :ivar kind: ``value`` (the answer), ``choice`` (0/1 for one choice of a
        select_multiple) or ``geo`` (one part of a location)
    """

    name: str
    question: Question
    kind: str = "value"
    choice: str | None = None
    part: int | None = None

    @property
    def path(self) -> str:
        return self.question.path


@dataclass(slots=True, eq=False)
class Table:
    """The wide table (``repeat`` None) or one repeat group's table."""

    key: str  # "wide" or "repeat_<name>"
    repeat: Group | None
    links: tuple[str, ...]  # the link columns: _uuid, then _<repeat>_index for each level
    columns: list[Column] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        head = list(RECORD_COLUMNS) if self.repeat is None else list(self.links)
        return head + [c.name for c in self.columns]


@dataclass(slots=True, eq=False)
class Layout:
    """The tables of one form's export and the questions they hold."""

    form_id: str
    form: Form  # the latest version: labels and choices for the dictionary
    versions: list[str]
    tables: list[Table]
    questions: list[Question]  # every exported question, in column order
    choices: dict[str, list[Choice]]  # question path → its choices across versions
    names: dict[str, str]  # question path → its column name

    @property
    def wide(self) -> Table:
        return self.tables[0]


def exported(question: Question) -> bool:
    """Whether a question has a column: everything but notes (they hold no data)."""
    return question.capture != qtypes.DISPLAY


def _container(question: Question) -> Group | None:
    ancestors = question.repeat_ancestors
    return ancestors[-1] if ancestors else None


def build_layout(forms: list[Form]) -> Layout:
    """The layout for the versions ``forms`` (latest first) of one form."""
    latest = forms[0]
    questions: dict[str, Question] = {}
    choices: dict[str, list[Choice]] = {}
    repeats: dict[str, Group] = {}
    for form in forms:
        for element in form.elements():
            if isinstance(element, Group) and element.is_repeat:
                repeats.setdefault(element.path, element)
            if not isinstance(element, Question) or not exported(element):
                continue
            questions.setdefault(element.path, element)
            if qtypes.is_select(element.type):
                known = choices.setdefault(element.path, [])
                names = {c.name for c in known}
                known.extend(c for c in (element.choices or []) if c.name not in names)
    by_container: dict[str | None, list[Question]] = {}
    for question in questions.values():
        container = _container(question)
        by_container.setdefault(container.path if container else None, []).append(question)
    names: dict[str, str] = {}
    for members in by_container.values():
        names.update(_column_names(members))
    wide = Table("wide", None, ("_uuid",))
    tables = [wide]
    by_repeat: dict[str, Table] = {}
    for path, group in repeats.items():
        chain = [*group.repeat_ancestors, group]
        links = ("_uuid", *(f"_{g.name}_index" for g in chain))
        table = Table(f"repeat_{group.name}", group, links)
        by_repeat[path] = table
        tables.append(table)
    for question in questions.values():
        container = _container(question)
        table = wide if container is None else by_repeat[container.path]
        table.columns.extend(_columns(question, names[question.path],
                                      choices.get(question.path, [])))
    return Layout(latest.form_id, latest, [f.version for f in forms], tables,
                  list(questions.values()), choices, names)


def _column_names(questions: list[Question]) -> dict[str, str]:
    """Column names of the questions of one table: the field's name, or its path when two
    fields of the table share a name (or a name is a record column's)."""
    counts: dict[str, int] = {}
    for question in questions:
        counts[question.name] = counts.get(question.name, 0) + 1
    taken = set(RECORD_COLUMNS)
    names = {}
    for question in questions:
        name = question.name if counts[question.name] == 1 else question.path
        if name in taken:
            name = question.path
        taken.add(name)
        names[question.path] = name
    return names


def _columns(question: Question, name: str, choices: list[Choice]) -> list[Column]:
    columns = [Column(name, question)]
    shape = qtypes.question_type(question.type).export
    if shape == qtypes.CHOICES:
        columns += [Column(f"{name}/{c.name}", question, "choice", choice=c.name)
                    for c in choices]
    elif shape == qtypes.GEOPOINT:
        columns += [Column(f"{name}/{part}", question, "geo", part=i)
                    for i, part in enumerate(qtypes.GEOPOINT_PARTS)]
    return columns
