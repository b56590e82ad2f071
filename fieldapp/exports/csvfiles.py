"""``export csv``: a form's final submissions as CSV tables and a README data dictionary.

Files (``<form>`` is the form id, ``_<round>`` added when one round is exported):
``<form>_wide.csv``, ``<form>_repeat_<group>.csv`` per repeat group, ``<form>_long.csv``,
``<form>_scores.csv`` (forms with a scoring sheet) and ``README.txt``. They are written under
temporary names and renamed only when all are complete, so a failed or cancelled export
leaves the folder as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from fieldapp.csvio import CsvWriter, Dialect, open_csv
from fieldapp.errors import ExportError
from fieldapp.exports.dictionary import DictionaryInfo, dictionary_text
from fieldapp.exports.layout import LONG_COLUMNS, SCORE_COLUMNS, Layout, build_layout
from fieldapp.exports.progress import Cancelled, Progress, Steps
from fieldapp.exports.rows import (
    Record,
    RowBuilder,
    select_records,
    submission_rows,
    with_answers,
)
from fieldapp.exports.scoretable import score_rows
from fieldapp.forms.model import Form
from fieldapp.i18n import N_, _
from fieldapp.registry import load_form
from fieldapp.store.connection import Database
from fieldapp.store.rounds import get_round

_WHAT = {
    "wide": N_("one row per submission, one column per question"),
    "repeat": N_("one row per instance of the repeat group '{name}', linked by _uuid and the _…_index columns"),
    "long": N_("one row per answered question (tidy format)"),
    "scores": N_("the form's scores per organization and round"),
    "readme": N_("this data dictionary"),
}


@dataclass(slots=True)
class ExportResult:
    """What an export wrote: the files (in the order written) and how many rows each has."""

    folder: Path
    form_id: str
    submissions: int
    files: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"folder": str(self.folder), "form_id": self.form_id,
                "submissions": self.submissions, "files": [str(p) for p in self.files],
                "rows": dict(self.rows)}


def export_forms(db: Database, form_id: str, records: list[Record]) -> tuple[Layout, dict[str, Form]]:
    """The layout and the form of every version that ``records`` use.

    :raises FormError: if the form is not registered
    """
    latest = load_form(db, form_id)
    forms = {latest.version: latest}
    for record in records:
        if record.form_version not in forms:
            forms[record.form_version] = load_form(db, form_id, record.form_version)
    older = [f for v, f in forms.items() if v != latest.version]
    return build_layout([latest, *older]), forms


def export_csv(db: Database, form_id: str, out_dir: Path, *, round_id: str | None = None,
               labels: str | None = None, dialect: Dialect = "utf8",
               progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> ExportResult:
    """Write the CSV tables and README of ``form_id``'s final submissions into ``out_dir``.

    :param labels: a language code: choices written as their labels in it (else as codes)
    :param dialect: ``utf8`` (commas, decimal point) or ``excel-es`` (``;``, decimal comma)
    :param progress: called as ``progress(done, total)`` while submissions are written
    :param cancelled: asked between chunks; True stops the export, leaving no file
    :raises FormError: if the form is unknown
    :raises StoreError: if the round is unknown
    :raises ExportError: if the folder cannot be written, or the export was cancelled
    """
    if round_id is not None:
        round_id = get_round(db, round_id).id
    records = select_records(db, form_id, round_id)
    layout, forms = export_forms(db, form_id, records)
    builder = RowBuilder(layout, forms, labels=labels)
    out_dir = Path(out_dir)
    stem = form_id + (f"_{round_id}" if round_id else "")
    names = {t.key: f"{stem}_{t.key}.csv" for t in layout.tables}
    names["long"] = f"{stem}_long.csv"
    if layout.form.scores:
        names["scores"] = f"{stem}_scores.csv"
    names["readme"] = "README.txt"
    pairs = len({(r.org_id, r.round_id) for r in records}) if layout.form.scores else 0
    steps = Steps(len(records) + pairs, progress, cancelled)
    result = ExportResult(out_dir, form_id, len(records))
    temps: dict[str, Path] = {}
    streams = []

    steps.check()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        writers: dict[str, CsvWriter] = {}
        for key in [t.key for t in layout.tables] + ["long"] + (["scores"] if "scores" in names else []):
            temps[key] = out_dir / f".{names[key]}.part"
            stream = open_csv(temps[key])
            streams.append(stream)
            writers[key] = CsvWriter(stream, dialect)
        for table in layout.tables:
            writers[table.key].row(table.header)
        writers["long"].row(LONG_COLUMNS)
        counts = dict.fromkeys(writers, 0)
        for record, answers in with_answers(db, records):
            for key, rows in submission_rows(builder, record, answers):
                writers[key].rows(rows)
                counts[key] += len(rows)
            steps.tick()
        if "scores" in names:
            writers["scores"].row(SCORE_COLUMNS)
            for row in score_rows(db, form_id, records, labels=labels, tick=steps.tick):
                writers["scores"].row(row)
                counts["scores"] += 1
        for stream in streams:
            stream.close()
        temps["readme"] = out_dir / ".README.txt.part"
        files = [(names[key], _describe(key)) for key in names]
        info = DictionaryInfo(files, len(records), round_id, labels, dialect,
                              datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
        temps["readme"].write_text(dictionary_text(layout, info), encoding="utf-8-sig",
                                   newline="\r\n" if os.name == "nt" else None)
        for key, temp in temps.items():
            target = out_dir / names[key]
            temp.replace(target)
            result.files.append(target)
            if key in counts:
                result.rows[names[key]] = counts[key]
        temps.clear()
    except OSError as exc:
        raise ExportError("EXPORT_002", path=out_dir, detail=exc.strerror or str(exc)) from None
    finally:
        for stream in streams:
            if not stream.closed:
                stream.close()
        for temp in temps.values():
            try:
                temp.unlink()
            except OSError:
                pass
    return result


def _describe(key: str) -> str:
    """What the file of table ``key`` holds, for the README."""
    if key.startswith("repeat_"):
        template = _WHAT["repeat"]
        return _(template).format(name=key[len("repeat_"):])
    return _(_WHAT[key])
