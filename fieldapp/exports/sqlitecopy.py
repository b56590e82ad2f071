"""``export sqlite``: a clean copy of the data for analysis (Datasette, R, pandas, DB Browser).

What it holds: the organizations, rounds, form versions (without workbooks), final
submissions (without device ids, hashes or drafts), their applicable answers (``answers``, a
long table of every form), the scores per organization and round, the network's indicator
tables (``indicators``: every round against its baseline, network and countries), the data dictionary
(``fields``, ``labels``), and per form a data table of the wide rows (``<form>__wide``, and
``<form>__repeat_<group>`` per repeat group). One view per form, named after the form,
gives the wide table with the record columns read from the submissions, organizations and
rounds: its rows are those of ``export csv``'s ``<form>_wide.csv``. Every column that links
to another table is indexed.

What it never holds: settings, keys, device ids, the audit log, revision history,
attachments' bytes. The file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp import i18n
from fieldapp.errors import ExportError
from fieldapp.exports.csvfiles import export_forms
from fieldapp.exports.indicatortable import (
    INDICATOR_COLUMNS,
    INDICATOR_SCHEMA,
    indicator_rows,
)
from fieldapp.exports.layout import (
    LONG_COLUMNS,
    RECORD_COLUMNS,
    SCORE_COLUMNS,
    Column,
    Layout,
    Table,
)
from fieldapp.exports.progress import Cancelled, Progress, Steps
from fieldapp.exports.rows import (
    RowBuilder,
    select_records,
    submission_rows,
    with_answers,
)
from fieldapp.exports.scoretable import score_rows
from fieldapp.forms import qtypes
from fieldapp.forms.model import language_code
from fieldapp.store.connection import Database

_SCHEMA = """
CREATE TABLE organizations (id TEXT PRIMARY KEY, name TEXT, type TEXT, country TEXT,
    country_name TEXT, products TEXT, members_women INTEGER, members_men INTEGER,
    members_total INTEGER, workers_total INTEGER);
CREATE TABLE rounds (id TEXT PRIMARY KEY, name TEXT, year INTEGER, is_baseline INTEGER);
CREATE TABLE forms (form_id TEXT, version TEXT, title TEXT, file_name TEXT, sha256 TEXT,
    added_at TEXT, builtin INTEGER, PRIMARY KEY (form_id, version));
CREATE TABLE submissions (uuid TEXT PRIMARY KEY, form_id TEXT, form_version TEXT,
    org_id TEXT REFERENCES organizations (id), round_id TEXT REFERENCES rounds (id),
    technician TEXT, created_at TEXT, finalized_at TEXT, revision INTEGER);
CREATE TABLE answers (form_id TEXT, _uuid TEXT REFERENCES submissions (uuid), _org_id TEXT,
    _round_id TEXT, field TEXT, path TEXT, value, value_label TEXT);
CREATE INDEX answers_field ON answers (form_id, field);
CREATE TABLE scores (form_id TEXT, _org_id TEXT REFERENCES organizations (id),
    _org_name TEXT, _org_type TEXT, _country TEXT, _round_id TEXT REFERENCES rounds (id),
    _round_year INTEGER, score TEXT, label TEXT, kind TEXT, value REAL, n INTEGER, x INTEGER,
    low REAL, high REAL, excluded INTEGER, status TEXT, band TEXT, target REAL);
CREATE TABLE fields (form_id TEXT, "table" TEXT, "column" TEXT, path TEXT, type TEXT,
    kind TEXT, choice TEXT);
CREATE TABLE labels (form_id TEXT, path TEXT, choice TEXT, language TEXT, label TEXT);
"""
_ORGS = ("SELECT id, name, type, country, country_name, products, members_women, members_men,"
         " members_total, workers_total FROM organizations")
_ROUNDS = "SELECT id, name, year, is_baseline FROM rounds"
_FORMS = "SELECT form_id, version, title, file_name, sha256, added_at, builtin FROM forms"
_FORM_IDS = ("SELECT DISTINCT form_id FROM submissions WHERE status = 'final' AND deleted = 0"
             " ORDER BY form_id")


@dataclass(slots=True)
class SqliteExport:
    """What ``export sqlite`` wrote."""

    path: Path
    forms: list[str] = field(default_factory=list)
    submissions: int = 0
    tables: dict[str, int] = field(default_factory=dict)  # table → rows
    views: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "forms": list(self.forms),
                "submissions": self.submissions, "tables": dict(self.tables),
                "views": list(self.views)}


def q(name: str) -> str:
    """``name`` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def data_table(form_id: str, table: Table) -> str:
    """The name of the data table of one of a form's export tables."""
    return f"{form_id}__{table.key}"


def export_sqlite(db: Database, out_path: Path, *, lang: str | None = None,
                  progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> SqliteExport:
    """Write the clean analysis copy of ``db`` to ``out_path`` (replacing that file).

    Answers are stored as codes (their labels are in the ``labels`` table).

    :param lang: the language of the score and indicator labels (the interface's when None)

    :raises ExportError: if the file cannot be written, is the database itself, or the
        export was cancelled
    """
    out_path = Path(out_path)
    source = db.conn.execute("PRAGMA database_list").fetchone()[2]
    if source and out_path.exists() and out_path.resolve() == Path(source).resolve():
        raise ExportError("EXPORT_004", path=out_path)
    form_ids = [row[0] for row in db.conn.execute(_FORM_IDS)]
    plans = []
    for form_id in form_ids:
        records = select_records(db, form_id)
        layout, forms = export_forms(db, form_id, records)
        plans.append((form_id, records, layout, RowBuilder(layout, forms)))
    pairs = sum(len({(r.org_id, r.round_id) for r in p[1]}) for p in plans if p[2].form.scores)
    steps = Steps(sum(len(p[1]) for p in plans) + pairs, progress, cancelled)
    steps.check()
    result = SqliteExport(out_path, forms=form_ids)
    temp = out_path.with_name(f".{out_path.name}.part")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        temp.unlink(missing_ok=True)
        out = sqlite3.connect(temp)
        try:
            out.executescript(_SCHEMA)
            with out:
                _copy(db, out, _ORGS, "organizations", 10)
                _copy(db, out, _ROUNDS, "rounds", 4)
                _copy(db, out, _FORMS, "forms", 7)
                for form_id, records, layout, builder in plans:
                    _write_form(db, out, form_id, records, layout, builder, lang, steps,
                                result)
                out.execute(INDICATOR_SCHEMA)
                steps.check()
                out.executemany(
                    f"INSERT INTO indicators VALUES (?{',?' * (len(INDICATOR_COLUMNS) - 1)})",
                    indicator_rows(db, lang or i18n.current_language()))
            _index_links(out)
            result.tables = {name: out.execute(f"SELECT count(*) FROM {q(name)}").fetchone()[0]
                             for (name,) in out.execute(
                                 "SELECT name FROM sqlite_master WHERE type = 'table'"
                                 " ORDER BY name")}
            out.execute("VACUUM")
        finally:
            out.close()
        temp.replace(out_path)
    except (OSError, sqlite3.Error) as exc:
        raise ExportError("EXPORT_003", path=out_path,
                          detail=getattr(exc, "strerror", None) or str(exc)) from None
    finally:
        temp.unlink(missing_ok=True)
    return result


def _copy(db: Database, out: sqlite3.Connection, select: str, table: str, width: int) -> None:
    marks = ",".join("?" * width)
    out.executemany(f"INSERT INTO {table} VALUES ({marks})", db.conn.execute(select))


def _index_links(out: sqlite3.Connection) -> None:
    """An index on every column that points at another table (sqlite-utils'
    ``index_foreign_keys``): Datasette counts the rows linking to each submission,
    organization and round it shows, and joins in R or pandas look rows up by these columns;
    without an index each would read the whole long ``answers`` table."""
    # sqlite-utils imports pandas and numpy whenever they are installed, for DataFrame
    # helpers and numpy column types this never uses (1-2 s, and a packaged program would
    # carry them): they are hidden while it loads, unless this process already has them.
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    sys.modules.update(dict.fromkeys(hidden))
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            del sys.modules[name]
    sqlite_utils.Database(out, execute_plugins=False).index_foreign_keys()


def _column_type(column: Column) -> str:
    kind = qtypes.question_type(column.question.type)
    if column.kind == "choice" or (column.kind == "value" and kind.coercion == "integer"):
        return "INTEGER"
    if column.kind == "geo" or (column.kind == "value" and kind.numeric):
        return "REAL"
    return ""  # no affinity: text, and numbers of calculations, stay as written


def _write_form(db, out, form_id, records, layout: Layout, builder: RowBuilder, lang,
                steps: Steps, result: SqliteExport) -> None:
    for table in layout.tables:
        links = ["_uuid TEXT REFERENCES submissions (uuid)"] + [
            f"{q(link)} INTEGER" for link in table.links[1:]]
        columns = [f"{q(c.name)} {_column_type(c)}".rstrip() for c in table.columns]
        out.execute(f"CREATE TABLE {q(data_table(form_id, table))} ({', '.join(links + columns)})")
    _write_dictionary(out, layout)
    inserts = {}
    for table in layout.tables:
        width = len(table.links) + len(table.columns)
        inserts[table.key] = (f"INSERT INTO {q(data_table(form_id, table))} VALUES "
                              f"({','.join('?' * width)})")
    inserts["long"] = f"INSERT INTO answers VALUES (?{',?' * len(LONG_COLUMNS)})"
    record_width = len(RECORD_COLUMNS)
    for record, answers in with_answers(db, records):
        out.execute("INSERT INTO submissions VALUES (?,?,?,?,?,?,?,?,?)",
                    (record.uuid, form_id, record.form_version, record.org_id,
                     record.round_id, record.technician, record.created_at,
                     record.finalized_at, record.revision))
        for key, rows in submission_rows(builder, record, answers):
            if key == "wide":
                rows = [[row[0], *row[record_width:]] for row in rows]
            elif key == "long":
                rows = [[form_id, *row] for row in rows]
            out.executemany(inserts[key], rows)
        steps.tick()
    result.submissions += len(records)
    if layout.form.scores:
        out.executemany(f"INSERT INTO scores VALUES (?{',?' * len(SCORE_COLUMNS)})",
                        ([form_id, *row] for row in
                         score_rows(db, form_id, records, labels=lang, tick=steps.tick)))
    out.execute(f"CREATE VIEW {q(form_id)} AS {wide_view_sql(form_id, layout)}")
    result.views.append(form_id)


def wide_view_sql(form_id: str, layout: Layout) -> str:
    """The SELECT of a form's view: the record columns from the submission, organization and
    round, then the data table's columns, in the order of the CSV."""
    record = ("s.uuid AS _uuid, s.form_version AS _form_version, s.org_id AS _org_id,"
              " o.name AS _org_name, o.type AS _org_type, o.country AS _country,"
              " o.members_total AS _org_members, o.workers_total AS _org_workers,"
              " s.round_id AS _round_id, r.year AS _round_year, s.technician AS _technician,"
              " s.created_at AS _created_at, s.finalized_at AS _finalized_at,"
              " s.revision AS _revision")
    data = ", ".join(f"w.{q(c.name)}" for c in layout.wide.columns)
    return (f"SELECT {record}{', ' + data if data else ''}"
            f" FROM {q(data_table(form_id, layout.wide))} w"
            " JOIN submissions s ON s.uuid = w._uuid"
            " JOIN organizations o ON o.id = s.org_id JOIN rounds r ON r.id = s.round_id"
            " ORDER BY r.year, s.round_id, s.org_id, s.finalized_at, s.uuid")


def _write_dictionary(out: sqlite3.Connection, layout: Layout) -> None:
    form_id = layout.form_id
    for table in layout.tables:
        out.executemany("INSERT INTO fields VALUES (?,?,?,?,?,?,?)",
                        [(form_id, table.key, c.name, c.path, c.question.type, c.kind,
                          c.choice) for c in table.columns])
    rows = []
    for question in layout.questions:
        for language, text in question.label.items():
            rows.append((form_id, question.path, None, language_code(language), text))
        for choice in layout.choices.get(question.path, []):
            for language, text in choice.label.items():
                rows.append((form_id, question.path, choice.name, language_code(language),
                             text))
    out.executemany("INSERT INTO labels VALUES (?,?,?,?,?)", rows)
