"""Sheets pyxform ignores (``scoring``, ``bands``) read as tables of named columns.

Rows keep their spreadsheet numbers (header = 1) and raw cell values (openpyxl for .xlsx,
xlrd for .xls), so callers can report errors by row and column and tell dates from text.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from io import BytesIO
from pathlib import Path
from typing import Iterator

from fieldapp.errors import FormError
from fieldapp.forms.model import DEFAULT, Texts

Rows = list[list[object]]


class Row:
    """One data row of a sheet, read by column name."""

    __slots__ = ("table", "cells", "number")

    def __init__(self, table: "Table", cells: list[object], number: int) -> None:
        self.table = table
        self.cells = cells
        self.number = number

    def raw(self, column: str) -> object:
        index = self.table.columns.get(column)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def text(self, column: str) -> str:
        return cell_text(self.raw(column))

    def labels(self) -> Texts:
        texts = {}
        for language, index in self.table.labels.items():
            text = cell_text(self.cells[index]) if index < len(self.cells) else ""
            if text:
                texts[language] = text
        return texts

    def error(self, code: str, column: str, **context: object) -> FormError:
        return FormError(
            code,
            path=str(self.table.path),
            sheet=self.table.sheet,
            row=self.number,
            column=self.table.headers.get(column, column),
            **context,
        )


class Table:
    """A sheet whose first row names the columns (case-insensitive, ``label::<language>``)."""

    def __init__(self, path: Path, sheet: str, rows: Rows, required: tuple[str, ...]) -> None:
        self.path = path
        self.sheet = sheet
        self._rows = rows
        self.columns: dict[str, int] = {}
        self.labels: dict[str, int] = {}
        self.headers: dict[str, str] = {}  # column key → the header as written, for messages
        for index, cell in enumerate(rows[0] if rows else []):
            header = cell_text(cell)
            if not header:
                continue
            key, language = header_key(header)
            target = self.labels if language is not None else self.columns
            slot = language if language is not None else key
            if slot in target:
                raise FormError("FORM_012", path=str(path), sheet=sheet, row=1, column=header)
            target[slot] = index
            self.headers[key] = header
        has_content = any(cell_text(c) for row in rows for c in row)
        for column in required:
            if has_content and column not in self.columns:
                raise FormError("SCORE_015", path=str(path), sheet=sheet, row=1, column=column)

    def rows(self) -> Iterator[Row]:
        """The data rows that have anything in them, numbered as in the spreadsheet."""
        for number, cells in enumerate(self._rows[1:], start=2):
            if any(cell_text(c) for c in cells):
                yield Row(self, cells, number)


def header_key(header: str) -> tuple[str, str | None]:
    """``"Min valid"`` → ``("min_valid", None)``; ``"label::English (en)"`` → the language."""
    head, sep, language = header.partition("::")
    key = re.sub(r"[\s-]+", "_", head.strip().lower())
    if key == "label":
        return f"label::{language.strip()}", (language.strip() or DEFAULT) if sep else DEFAULT
    return key, None


def cell_text(value: object) -> str:
    """A cell as text: ``4`` not ``4.0`` (spreadsheets store every number as a float)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value).strip()


def read_sheets(path: Path, wanted: tuple[str, ...], data: bytes | None = None
                ) -> dict[str, Rows]:
    """The rows of the ``wanted`` sheets that exist (sheet names match case-insensitively),
    from ``data`` (the file's bytes, already read) or else from the file at ``path``."""
    if data is None:
        if not path.exists():
            raise FormError("FORM_001", path=str(path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormError("SCORE_020", path=str(path),
                            detail=exc.strerror or str(exc)) from exc
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(data, wanted)
        if suffix == ".xls":
            return _read_xls(data, wanted)
    except Exception as exc:  # zip, XML and BIFF errors of a damaged or mislabelled file
        raise FormError("FORM_003", path=str(path)) from exc
    raise FormError("FORM_003", path=str(path))


def _read_xlsx(data: bytes, wanted: tuple[str, ...]) -> dict[str, Rows]:
    import openpyxl

    book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        return sheets_of(book, wanted)
    finally:
        book.close()


def sheets_of(book, wanted: tuple[str, ...]) -> dict[str, Rows]:
    """The rows of the ``wanted`` sheets of an open openpyxl workbook (names matched
    case-insensitively, ignoring spaces around them), by lower-case name."""
    found = {}
    for title in book.sheetnames:
        if title.strip().lower() in wanted:
            rows = book[title].iter_rows(values_only=True)
            found[title.strip().lower()] = [list(r) for r in rows]
    return found


def _read_xls(data: bytes, wanted: tuple[str, ...]) -> dict[str, Rows]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    try:
        found = {}
        for title in book.sheet_names():
            if title.strip().lower() not in wanted:
                continue
            sheet = book.sheet_by_name(title)
            rows = []
            for r in range(sheet.nrows):
                row: list[object] = []
                for cell in sheet.row(r):
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        row.append(None)
                    else:
                        row.append(cell.value)
                rows.append(row)
            found[title.strip().lower()] = rows
        return found
    finally:
        book.release_resources()
