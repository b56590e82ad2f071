"""Build the built-in XLSForm workbooks in ``forms/`` from the data in ``form_*.py``.

The Python data is the source of truth: fix a text there and run::

    .venv/bin/python tools/build_forms.py            # writes forms/*.xlsx
    .venv/bin/python tools/build_forms.py --out DIR  # writes elsewhere (tests)

The workbooks stay editable by hand in Excel or LibreOffice (bold, frozen header row,
readable column widths), but hand edits are lost at the next build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

import form_desarrollo
import form_medios
from forms_common import LANGUAGES, FormSpec, Tr

# Column order per sheet; only the columns some row uses are written.
COLUMNS = {
    "survey": ("type", "name", "label", "hint", "required", "required_message", "relevant",
               "constraint", "constraint_message", "calculation", "appearance", "default",
               "read_only"),
    "choices": ("list_name", "name", "label"),
    "settings": ("form_id", "form_title", "version", "default_language", "instance_name"),
    "scoring": ("name", "kind", "of", "scale", "not_applicable", "missing", "min_valid", "weight",
                "success", "counted", "expression", "target", "bands", "label"),
    "bands": ("name", "label"),
}
TRANSLATED = {"label", "hint", "required_message", "constraint_message"}
WIDTHS = {
    "label": 60, "hint": 50, "constraint_message": 40, "required_message": 30, "type": 26,
    "name": 22, "relevant": 30, "constraint": 36, "calculation": 36, "of": 36, "expression": 40,
    "bands": 44, "instance_name": 40, "form_title": 40, "default_language": 18,
}
DEFAULT_WIDTH = 14

SPECS = (form_desarrollo.spec, form_medios.spec)
ROOT = Path(__file__).resolve().parents[1]


def _headers(sheet: str, rows: list[dict]) -> list[tuple[str, str, int | None]]:
    """``(header, column, language index)`` for each written column, in sheet order."""
    used = {key for row in rows for key in row}
    unknown = used - set(COLUMNS[sheet])
    if unknown:
        raise ValueError(f"sheet {sheet!r}: unknown columns {sorted(unknown)}")
    headers = []
    for column in COLUMNS[sheet]:
        if column not in used:
            continue
        if column in TRANSLATED:
            headers += [(f"{column}::{lang}", column, i) for i, lang in enumerate(LANGUAGES)]
        else:
            headers.append((column, column, None))
    return headers


def _cell(value: object, index: int | None) -> object:
    if isinstance(value, Tr):
        return value.texts()[index] if index is not None else value.es
    return value


def _write_sheet(workbook: Workbook, title: str, rows: list[dict]) -> None:
    sheet = workbook.create_sheet(title)
    headers = _headers(title, rows)
    sheet.append([header for header, _, _ in headers])
    for row in rows:
        sheet.append([_cell(row.get(column), index) for _, column, index in headers])
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for position, (_, column, _) in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=position).column_letter
        sheet.column_dimensions[letter].width = WIDTHS.get(column, DEFAULT_WIDTH)
        sheet.cell(row=1, column=position).font = bold
        if column in TRANSLATED:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                cell.alignment = wrap
    sheet.freeze_panes = "A2"


def write_workbook(spec: FormSpec, path: Path) -> Path:
    """Write one form's sheets to ``path`` (an ``.xlsx``)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_sheet(workbook, "survey", spec.survey)
    _write_sheet(workbook, "choices", spec.choices)
    _write_sheet(workbook, "settings", [spec.settings])
    _write_sheet(workbook, "scoring", spec.scoring)
    if spec.bands:
        _write_sheet(workbook, "bands", spec.bands)
    workbook.save(path)
    return path


def build(out_dir: Path) -> list[Path]:
    """Write every built-in workbook into ``out_dir``; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = [make() for make in SPECS]
    return [write_workbook(spec, out_dir / spec.filename) for spec in specs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "forms", help="output folder (default: forms/)"
    )
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
