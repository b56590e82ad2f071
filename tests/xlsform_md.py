"""Real .xlsx workbooks built from markdown tables, as pyxform's ``md_table_to_workbook`` does.

A line whose first cell is filled starts a sheet; the next lines (first cell empty) are its
rows, the first of them the header::

    | survey |         |      |       |
    |        | type    | name | label |
    |        | integer | age  | Age   |

Separator lines (``|---|``) and lines starting with ``#`` are skipped; ``\\|`` is a literal
pipe. A row whose cells are all empty is kept as a blank spreadsheet row, so tests can check
row numbers across gaps.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook

_SEPARATOR = re.compile(r"^\|?[\s|:-]*-[\s|:-]*\|?$")
_PIPE = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str | None]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    cells = [c.strip().replace("\\|", "|") for c in _PIPE.split(inner)]
    return [c or None for c in cells]


def md_to_sheets(md: str) -> dict[str, list[list[str | None]]]:
    """The sheets of a markdown table: ``{sheet name: rows of cells}`` (header row first)."""
    sheets: dict[str, list[list[str | None]]] = {}
    rows: list[list[str | None]] | None = None
    for line in md.splitlines():
        text = line.strip()
        if not text.startswith("|") or _SEPARATOR.match(text):
            continue
        first, *rest = _cells(text)
        if first is not None:
            rows = sheets.setdefault(first, [])
        if rows is None:
            continue
        if any(c is not None for c in rest) or rows:
            rows.append(rest)
    for name, sheet_rows in sheets.items():
        while sheet_rows and not any(c is not None for c in sheet_rows[-1]):
            sheet_rows.pop()
    return sheets


def md_to_xlsx(md: str, path: Path) -> Path:
    """Write the markdown tables ``md`` as a workbook at ``path`` and return the path."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in md_to_sheets(md).items():
        sheet = wb.create_sheet(title=name)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
