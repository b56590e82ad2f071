"""CSV files as people exchange them: read whatever Excel or LibreOffice saved, write what they open.

Reading takes the file's bytes once and decodes them as UTF-8 (with or without BOM), UTF-16
with a BOM (Excel's "Unicode text"), or the one 8-bit code page (Windows' cp1252 of Excel's
"CSV (delimited by commas)", DOS cp850, Mac Roman, Latin-1) in which the text reads as
Spanish or Portuguese, found with charset-normalizer; when that is not certain the file is
refused and ``--encoding`` asked for, so garbled text ("Cooperativa ¥and£ Caf‚") is never
stored. Cells are split on ``,``, ``;`` (Spanish-locale Excel) or tab. Every row keeps the
line of the file it starts on, so an error can name it; a workbook, UTF-16 without its mark
and a ``|``-separated file each get a message of their own.

Writing has two dialects:

* ``utf8``: comma-separated UTF-8 with a BOM (so Excel on Windows shows "ñ" right), decimal
  point;
* ``excel-es``: what Excel in a Spanish or Portuguese locale opens with a double click: ``;``
  between cells and a decimal comma.

Both neutralise cells that a spreadsheet would run as a formula (OWASP's "CSV injection"
rule): a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
leading apostrophe. Numbers are written as numbers, so ``-3`` stays a number.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from fieldapp.errors import CsvError

Dialect = Literal["utf8", "excel-es"]
DIALECTS: tuple[str, ...] = ("utf8", "excel-es")
# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DELIMITERS = (",", ";", "\t")


@dataclass(slots=True)
class CsvRow:
    """One record of a CSV file: the line it starts on (header = line 1) and its cells."""

    line: int
    cells: list[str]

    def get(self, index: int) -> str:
        """The cell at ``index``, or "" when the row is shorter."""
        return self.cells[index] if index < len(self.cells) else ""


@dataclass(slots=True)
class CsvTable:
    """A CSV file read as a header and rows, with how it was decoded."""

    source: str
    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","

    def column(self, name: str) -> int | None:
        """The index of the header cell ``name`` (exact, after stripping), or None."""
        for i, cell in enumerate(self.header):
            if cell.strip() == name:
                return i
        return None

    def records(self) -> Iterable[tuple[int, dict[str, str]]]:
        """(line, {header name: cell}) for each row."""
        names = [cell.strip() for cell in self.header]
        for row in self.rows:
            yield row.line, {name: row.get(i) for i, name in enumerate(names)}


# The 8-bit code pages a CSV from a Latin American office may be in: Windows ANSI (Excel),
# DOS (old Excel and accounting programs, cp850/cp437), old Macs (mac_roman), ISO Latin.
CANDIDATES = ("cp1252", "cp850", "mac_roman", "latin_1", "iso8859_15", "cp437")
# Letters and signs of Spanish and Portuguese text (and of names from German or French);
# any other non-ASCII character in a decoding ("¥", "£", "‚", "Ž", "˙") marks it as mojibake.
_EXPECTED = frozenset(
    "áéíóúÁÉÍÓÚñÑüÜçÇãõÃÕâêîôûÂÊÎÔÛàèìòùÀÈÌÒÙäëïöÄËÏÖß¿¡ºª°€–—“”‘’«»·\u00a0"
)
XLSX_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (zip) and .xls (OLE2)


_CAPITAL_INSIDE = re.compile(r"[a-zà-ÿ][À-Þ]")  # "cÛdigo", "paÌs": a code page misread


def _plausible(text: str) -> bool:
    return all(c.isascii() or c in _EXPECTED for c in text) \
        and not _CAPITAL_INSIDE.search(text)


def _detect(data: bytes, source: str) -> tuple[str, str]:
    """Text and encoding of bytes that are not UTF-8: charset-normalizer proposes code pages,
    and only decodings without mojibake count; refused unless they all read the same."""
    from charset_normalizer import from_bytes

    readings: dict[str, str] = {}
    for match in from_bytes(data, cp_isolation=list(CANDIDATES), threshold=0.3):
        text = str(match)
        if _plausible(text):
            name = "cp850" if match.encoding == "cp437" else match.encoding
            readings.setdefault(text, name)
    for name in CANDIDATES:  # the detector keeps one of code pages reading alike: check all
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _plausible(text) and text not in readings and len(readings) == 1:
            readings[text] = name
    if len(readings) == 1:
        text, name = next(iter(readings.items()))
        return text, name
    if not readings:
        raise CsvError("CSV_003", path=source)
    (first, enc1), (second, enc2) = list(readings.items())[:2]
    word1, word2 = _first_difference(first, second)
    raise CsvError("CSV_009", path=source, line=first[:first.find(word1)].count("\n") + 1,
                   enc1=enc1, word1=word1, enc2=enc2, word2=word2)


def _first_difference(a: str, b: str) -> tuple[str, str]:
    """The first word that two readings of the same bytes spell differently."""
    for wa, wb in zip(a.split(), b.split()):
        if wa != wb:
            return wa, wb
    return a[:20], b[:20]


def _utf16_without_bom(data: bytes) -> bool:
    # Text in UTF-16 has a NUL beside nearly every ASCII character, all on one side.
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.3 * half and min(even, odd) < 0.05 * half


def decode(data: bytes, *, source: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of a CSV file's bytes and the encoding used.

    Without ``encoding``: a byte-order mark, else UTF-8, else the one code page in which the
    text reads as Spanish or Portuguese (detected); when two code pages read it differently
    the file is refused, asking for ``--encoding`` — text is never stored garbled.

    :param encoding: a Python codec name chosen by the user; None detects it
    :raises CsvError: when the bytes are not text in a known encoding, or it is unsure
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise CsvError("CSV_005", path=source, value=encoding) from None
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise CsvError("CSV_002", path=source, detail=exc.reason, encoding=codec) from None
        return text.removeprefix("\ufeff"), codec
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise CsvError("CSV_002", path=source, detail=exc.reason, encoding="utf-8") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise CsvError("CSV_002", path=source, detail=exc.reason, encoding="utf-16") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, source)


def sniff_delimiter(header_line: str) -> str:
    """The most frequent of ``,`` ``;`` tab on the header line (column names hold none)."""
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes, *, source: str | Path, encoding: str | None = None,
             delimiter: str | None = None) -> CsvTable:
    """A CSV file's bytes as a table; blank rows are dropped, every row keeps its line.

    :param source: the file's name, for messages
    :param encoding: the codec the user chose; None detects it
    :param delimiter: None detects it from the header line
    :raises CsvError: naming the file (and line) when it is empty or not a readable CSV
    """
    source = str(source)
    if data.startswith(XLSX_MAGIC):
        raise CsvError("CSV_010", path=source)
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and not (encoding or "").lower().startswith("utf-16"):
        if _utf16_without_bom(data):
            raise CsvError("CSV_011", path=source)
        raise CsvError("CSV_004", path=source)
    text, used = decode(data, source=source, encoding=encoding)
    if not text.strip():
        raise CsvError("CSV_001", path=source)
    first_line = text.split("\n", 1)[0]
    sep = delimiter or sniff_delimiter(first_line)
    if delimiter is None and sep == "," and "," not in first_line and "|" in first_line:
        raise CsvError("CSV_012", path=source, line=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    table = CsvTable(source=source, header=[], encoding=used, delimiter=sep)
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not table.header:
                if any(c.strip() for c in cells):
                    table.header = cells
                continue
            if any(c.strip() for c in cells):
                table.rows.append(CsvRow(line, cells))
    except csv.Error as exc:
        raise CsvError("CSV_006", path=source, line=start, detail=str(exc)) from None
    if not table.header:
        raise CsvError("CSV_001", path=source)
    return table


def read_csv_file(path: str | Path, *, encoding: str | None = None) -> CsvTable:
    """:func:`read_csv` of a file on disk.

    :raises CsvError: when the file cannot be opened or read as CSV
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CsvError("CSV_007", path=path) from None
    except OSError as exc:
        raise CsvError("CSV_008", path=path, detail=exc.strerror or str(exc)) from None
    return read_csv(data, source=path, encoding=encoding)


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet: a leading apostrophe before a formula start."""
    return "'" + text if text.startswith(FORMULA_START) else text


def cell(value: object, dialect: Dialect = "utf8") -> str:
    """How one value is written: numbers as numbers (decimal comma in excel-es), None and
    NaN as an empty cell, text neutralised against formula injection."""
    if type(value) is str:  # most cells of an export: tested first, inline (export bench)
        return "'" + value if value.startswith(FORMULA_START) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        text = repr(value) if not value.is_integer() or abs(value) >= 1e16 else str(int(value))
        return text.replace(".", ",") if dialect == "excel-es" else text
    return neutralise(str(value))


class CsvWriter:
    """Writes rows of values to a text stream in one dialect (see the module docstring)."""

    def __init__(self, stream: IO[str], dialect: Dialect = "utf8") -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"unknown CSV dialect {dialect!r}")
        self.dialect = dialect
        self._writer = csv.writer(stream, delimiter=";" if dialect == "excel-es" else ",",
                                  lineterminator="\r\n")

    def row(self, values: Sequence[object]) -> None:
        """Write one row."""
        self._writer.writerow([cell(v, self.dialect) for v in values])

    def rows(self, rows: Iterable[Sequence[object]]) -> None:
        """Write many rows."""
        dialect = self.dialect
        self._writer.writerows([cell(v, dialect) for v in values] for values in rows)


def open_csv(path: str | Path) -> IO[str]:
    """A new CSV file at ``path`` for writing: UTF-8 with a BOM, newlines left to the writer."""
    return open(path, "w", encoding="utf-8-sig", newline="")


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[object]],
              dialect: Dialect = "utf8") -> int:
    """Write a whole CSV file (header, then rows); returns the number of rows written."""
    count = 0
    with open_csv(path) as stream:
        writer = CsvWriter(stream, dialect)
        writer.row(header)
        for values in rows:
            writer.row(values)
            count += 1
    return count
