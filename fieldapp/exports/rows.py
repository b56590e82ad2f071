"""The rows of a form's export tables, read from the store: wide, repeat groups and long.

Only final, not deleted submissions are exported (drafts never count in an analysis). Values
come out typed — whole and decimal numbers as numbers, everything else as the stored text —
so a writer can put them in a spreadsheet's own number format. Empty (asked, not answered) is
``None``; not applicable is :data:`fieldapp.exports.NOT_APPLICABLE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Sequence

from fieldapp.exports import NOT_APPLICABLE
from fieldapp.exports.applicability import Applicability
from fieldapp.exports.layout import Column, Layout, Table
from fieldapp.forms import qtypes
from fieldapp.forms.instance import strip_indexes
from fieldapp.forms.model import Form, Question, pick_text
from fieldapp.store.connection import Database

_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")
_CHUNK = 400  # submissions whose answers are read in one query

_RECORDS = """
SELECT s.uuid, s.form_version, s.org_id, o.name, o.type, o.country, o.members_total,
       o.workers_total, s.round_id, r.year,
       s.technician, s.created_at, s.finalized_at, s.revision
FROM submissions s
JOIN organizations o ON o.id = s.org_id
JOIN rounds r ON r.id = s.round_id
WHERE s.form_id = ? AND s.status = 'final' AND s.deleted = 0 {extra}
ORDER BY r.year, s.round_id, s.org_id, s.finalized_at, s.uuid
"""

Cell = Callable[[Mapping[str, str], frozenset, str], object]


@dataclass(slots=True)
class Record:
    """A final submission's record, with its organization and round (the ``_`` columns)."""

    uuid: str
    form_version: str
    org_id: str
    org_name: str
    org_type: str
    country: str
    org_members: int | None
    org_workers: int | None
    round_id: str
    round_year: int
    technician: str
    created_at: str
    finalized_at: str | None
    revision: int

    def cells(self) -> list[object]:
        return [self.uuid, self.form_version, self.org_id, self.org_name, self.org_type,
                self.country, self.org_members, self.org_workers, self.round_id, self.round_year, self.technician,
                self.created_at, self.finalized_at, self.revision]


def select_records(db: Database, form_id: str, round_id: str | None = None) -> list[Record]:
    """The final submissions of ``form_id`` (in ``round_id`` when given), by round and org."""
    extra, params = "", [form_id]
    if round_id is not None:
        extra, params = "AND s.round_id = ?", [form_id, round_id]
    cursor = db.conn.execute(_RECORDS.format(extra=extra), params)
    return [Record(*row) for row in cursor]


def with_answers(db: Database, records: Sequence[Record]
                 ) -> Iterator[tuple[Record, dict[str, str]]]:
    """Each record with its answers (instance path → stored text), a chunk per query."""
    for start in range(0, len(records), _CHUNK):
        chunk = records[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        answers: dict[str, dict[str, str]] = {r.uuid: {} for r in chunk}
        for uuid, path, value in db.conn.execute(
                f"SELECT uuid, path, value FROM answers WHERE uuid IN ({marks})",
                [r.uuid for r in chunk]):
            answers[uuid][path] = value
        for record in chunk:
            yield record, answers[record.uuid]


def number(text: str) -> object:
    """``text`` as an int or float when it is a plain number, else unchanged."""
    if _NUMBER.match(text):
        return float(text) if "." in text else int(text)
    return text


def _typed(question: Question) -> Callable[[str], object]:
    if qtypes.is_numeric(question.type) or question.capture == qtypes.COMPUTED:
        return number
    return str


class RowBuilder:
    """Turns a submission's answers into the rows of a layout's tables.

    :param forms: every form version the exported submissions use, by version
    :param labels: a language code: select answers written as their labels in it
    """

    def __init__(self, layout: Layout, forms: Mapping[str, Form],
                 labels: str | None = None) -> None:
        self.layout = layout
        self.labels = labels
        self._forms = forms
        self._applicability = {v: Applicability(f) for v, f in forms.items()}
        self._choice_labels = {
            path: {c.name: pick_text(c.label, labels or layout.form.default_language,
                                     layout.form.default_language) or c.name
                   for c in choices}
            for path, choices in layout.choices.items()}
        self._order = {q.path: i for i, q in enumerate(layout.questions)}
        self._cells: dict[tuple[str, str], list[Cell]] = {}
        self._long_info: dict[str, dict[str, tuple | None]] = {}  # version → path → info

    # -- per version cell functions ------------------------------------------------------
    def _table_cells(self, table: Table, version: str) -> list[Cell]:
        cells = self._cells.get((table.key, version))
        if cells is None:
            form = self._forms[version]
            cells = self._cells[(table.key, version)] = [
                self._cell(column, form, table) for column in table.columns]
        return cells

    def _cell(self, column: Column, form: Form, table: Table) -> Cell:
        question = column.question
        mine = form.find(question.path)
        if not isinstance(mine, Question) or mine.path != question.path:
            return lambda answers, skipped, prefix: NOT_APPLICABLE
        relative = question.path if table.repeat is None else \
            question.path[len(table.repeat.path):]
        if column.kind == "choice":
            choice = column.choice

            def cell(answers, skipped, prefix):
                path = prefix + relative
                if path in skipped:
                    return NOT_APPLICABLE
                raw = answers.get(path)
                if not raw:
                    return None
                return 1 if choice in raw.split() else 0
            return cell
        if column.kind == "geo":
            part = column.part

            def cell(answers, skipped, prefix):
                path = prefix + relative
                if path in skipped:
                    return NOT_APPLICABLE
                parts = (answers.get(path) or "").split()
                return number(parts[part]) if len(parts) > part else None
            return cell
        convert = self._converter(question)

        def cell(answers, skipped, prefix):
            path = prefix + relative
            if path in skipped:
                return NOT_APPLICABLE
            raw = answers.get(path)
            return convert(raw) if raw else None
        return cell

    def _converter(self, question: Question) -> Callable[[str], object]:
        if self.labels and qtypes.is_select(question.type):
            names = self._choice_labels.get(question.path, {})
            if qtypes.is_multiple(question.type):
                return lambda raw: "; ".join(names.get(c, c) for c in raw.split())
            return lambda raw: names.get(raw, raw)
        return _typed(question)

    # -- rows -----------------------------------------------------------------------------
    def skipped(self, record: Record, answers: Mapping[str, str]) -> frozenset:
        return self._applicability[record.form_version].skipped(answers)

    def wide(self, record: Record, answers: Mapping[str, str], skipped: frozenset) -> list:
        """The submission's row of the wide table."""
        row = record.cells()
        row.extend(cell(answers, skipped, "") for cell in
                   self._table_cells(self.layout.wide, record.form_version))
        return row

    def repeat(self, table: Table, record: Record, answers: Mapping[str, str],
               skipped: frozenset) -> list[list]:
        """The submission's rows of a repeat group's table, one per instance."""
        cells = self._table_cells(table, record.form_version)
        rows = []
        chain = [*table.repeat.repeat_ancestors, table.repeat]
        for indexes, prefix in _instances(chain, answers):
            rows.append([record.uuid, *indexes, *(cell(answers, skipped, prefix)
                                                  for cell in cells)])
        return rows

    def long(self, record: Record, answers: Mapping[str, str], skipped: frozenset) -> list[list]:
        """The submission's rows of the long table: one per answered, applicable question."""
        known = self._long_info.get(record.form_version)
        if known is None:
            known = self._long_info[record.form_version] = {}
        found = []
        for path, raw in answers.items():
            if not raw or path in skipped:
                continue
            info = known.get(path, False)
            if info is False:
                info = known[path] = self._path_info(record.form_version, path)
            if info is not None:
                found.append((info[0], path, info, raw))
        found.sort()
        uuid, org_id, round_id = record.uuid, record.org_id, record.round_id
        rows = []
        for _order, path, (_o, name, convert, labels, multiple), raw in found:
            if labels is None:
                label = ""
            elif multiple:
                label = "; ".join(labels.get(c, c) for c in raw.split())
            else:
                label = labels.get(raw, raw)
            rows.append([uuid, org_id, round_id, name, path, convert(raw), label])
        return rows

    def _path_info(self, version: str, path: str) -> tuple | None:
        """(order, column name, converter, choice labels, multiple) of an instance path in a
        version's submissions; None for a repeat count or a field without a column."""
        plain = strip_indexes(path) if "[" in path else path
        order = self._order.get(plain)
        question = self._forms[version].find(plain)
        if order is None or not isinstance(question, Question) or question.path != plain:
            return None
        labels = self._choice_labels.get(question.path, {}) \
            if qtypes.is_select(question.type) else None
        return (order, self.layout.names[question.path], _typed(question), labels,
                qtypes.is_multiple(question.type))

def _instances(chain: list, answers: Mapping[str, str], prefix: str = "",
               parent_path: str = "", indexes: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(indexes, instance path) of every instance of the innermost repeat of ``chain``."""
    group, rest = chain[0], chain[1:]
    base = prefix + group.path[len(parent_path):]
    try:
        count = int(answers.get(base) or 0)
    except ValueError:
        count = 0
    for index in range(1, count + 1):
        here = f"{base}[{index}]"
        if rest:
            yield from _instances(rest, answers, here, group.path, indexes + (index,))
        else:
            yield indexes + (index,), here


def submission_rows(builder: RowBuilder, record: Record,
                    answers: Mapping[str, str]) -> list[tuple[str, list[list]]]:
    """Every table's rows for one submission: ``[("wide", [row]), ("repeat_x", rows), …,
    ("long", rows)]`` — what both the CSV and the SQLite export write."""
    skipped = builder.skipped(record, answers)
    out = [("wide", [builder.wide(record, answers, skipped)])]
    out += [(table.key, builder.repeat(table, record, answers, skipped))
            for table in builder.layout.tables[1:]]
    out.append(("long", builder.long(record, answers, skipped)))
    return out
