"""How big a workbook may be before it is read: a form is a few hundred rows, so anything far
larger is a mistake (or an attack) that would take minutes and gigabytes to parse.

Checked on the bytes, before pyxform or openpyxl see them: the file's size, the size its
parts unpack to (a 1 MB .xlsx can declare a 1 GB sheet), and the rows of each sheet.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from fieldapp.errors import FormError

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # the largest public XLSForms with media are ~5 MB
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 20_000  # per sheet; the longest forms we know have ~3,000 rows (choices)

_ROW = re.compile(rb"<(?:\w+:)?row[ >]")
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def check_workbook(data: bytes, path: Path | str) -> None:
    """Refuse workbook bytes beyond the limits, naming the limit.

    :raises FormError: LIMIT_001 (file), LIMIT_002 (unpacked), LIMIT_003 (rows of a sheet)
    """
    if len(data) > MAX_WORKBOOK_BYTES:
        raise FormError("LIMIT_001", path=str(path), size=_mb(len(data)),
                        limit=_mb(MAX_WORKBOOK_BYTES))
    if not data.startswith(b"PK"):
        return  # a legacy .xls: its size alone bounds it
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        members = book.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip after all: the reader says what it is
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormError("LIMIT_002", path=str(path), size=_mb(unpacked),
                        limit=_mb(MAX_UNPACKED_BYTES))
    names = _sheet_names(book)
    sheets = sorted((m for m in members if m.filename.startswith("xl/worksheets/sheet")
                     and m.filename.endswith(".xml")), key=lambda m: _number(m.filename))
    for index, member in enumerate(sheets):
        rows = _count_rows(book, member)
        if rows > MAX_ROWS:
            sheet = names[index] if index < len(names) else member.filename
            raise FormError("LIMIT_003", path=str(path), sheet=sheet, rows=rows, limit=MAX_ROWS)


def _number(name: str) -> int:
    digits = re.findall(r"\d+", name)
    return int(digits[-1]) if digits else 0


def _sheet_names(book: zipfile.ZipFile) -> list[str]:
    try:
        return [n.decode("utf-8", "replace") for n in _SHEET.findall(book.read("xl/workbook.xml"))]
    except (KeyError, zipfile.BadZipFile, OSError):
        return []


def _count_rows(book: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    count, tail = 0, b""
    with book.open(member) as f:
        while chunk := f.read(1 << 20):
            block = tail + chunk
            count += len(_ROW.findall(block))
            tail = block[-16:]
            count -= len(_ROW.findall(tail))  # counted again with the next chunk
    return count
