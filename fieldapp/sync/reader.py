"""Reading a bundle's CSV tables into typed rows, every problem named by member, line and
column (line 1 is the header, as a spreadsheet shows it).

Rows come one at a time, so the biggest tables (answers, audit) need not be held whole. The
same texts repeat all over a bundle (each submission's uuid on ~100 rows, every answer path
and Likert value in every interview, the device, technician and times of its audit rows):
the csv module makes a new string for every cell, and a bundle of 30,000 interviews read
that way took over a gigabyte. Short cells are therefore shared through one dict per bundle
(``Shared``): one string per distinct text.
"""

from __future__ import annotations

import csv
import re
from typing import Iterator

from fieldapp.errors import BundleError
from fieldapp.sync.archive import READ_ERRORS, Archive
from fieldapp.sync.tables import INT, NINT, NTEXT, TEXT, Table, decode_nullable

MAX_CELL = 131072  # csv's own field limit (128 KiB); a longer answer is no interview answer
_INTEGER = re.compile(r"^-?\d{1,18}$")
SHARED_UP_TO = 80  # characters: uuids, paths, times, choice values; not long free text

# text → the one string kept for it while a bundle is read
Shared = dict[str, str]


def _cells(archive: Archive, table: Table) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for every record of a member, header included."""
    where = {"path": archive.path, "member": table.member}
    stream = archive.text(table.member)
    line = 0
    try:
        for line, cells in enumerate(csv.reader(stream, strict=True), start=1):
            yield line, cells
    except UnicodeDecodeError as exc:
        raise BundleError("BUNDLE_019", line=line + 1, detail=str(exc), **where) from exc
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise BundleError("BUNDLE_021", line=line + 1, limit=MAX_CELL, **where) from exc
        if "NUL" in str(exc):
            raise BundleError("BUNDLE_020", line=line + 1, **where) from exc
        raise BundleError("BUNDLE_029", line=line + 1, detail=str(exc), **where) from exc
    except BundleError:
        raise
    except READ_ERRORS as exc:
        raise BundleError("BUNDLE_015", **where) from exc
    finally:
        stream.close()


def _header(archive: Archive, table: Table, cells: list[str] | None) -> None:
    expected = table.names
    where = {"path": archive.path, "member": table.member, "line": 1,
             "expected": ", ".join(expected)}
    found = [c.strip() for c in cells or []]
    for name in expected:
        if name not in found:
            raise BundleError("BUNDLE_017", column=name, **where)
    for name in found:
        if name not in expected:
            raise BundleError("BUNDLE_018", column=name, **where)
    if tuple(found) != expected:  # every column present once, but in another order
        twice = next((n for n in found if found.count(n) > 1), None)
        raise BundleError("BUNDLE_018", column=twice or found[0], **where)


def read_table(archive: Archive, table: Table, shared: Shared | None = None) -> list[tuple]:
    """The rows of one table, values converted to their stored types.

    :raises BundleError: naming the member, the line and the column
    """
    return list(iter_table(archive, table, shared))


def iter_table(archive: Archive, table: Table, shared: Shared | None = None
               ) -> Iterator[tuple]:
    """The rows of one table one by one, as :func:`read_table` gives them; the header is
    checked before the first row. Short texts are taken from ``shared`` (and added to it);
    without it every cell is a string of its own, which suits rows that are let go at once.

    :raises BundleError: naming the member, the line and the column
    """
    records = _cells(archive, table)
    try:
        yield from _rows(archive, table, records, shared)
    finally:
        records.close()  # closes the member's stream when a row was refused halfway


def _rows(archive: Archive, table: Table, records: Iterator[tuple[int, list[str]]],
          shared: Shared | None) -> Iterator[tuple]:
    first = next(records, None)
    _header(archive, table, first[1] if first else None)
    width = len(table.columns)
    converters = [(i, name, kind) for i, (name, kind) in enumerate(table.columns)
                  if kind in (INT, NINT, NTEXT)]
    texts = [i for i, (_name, kind) in enumerate(table.columns) if kind in (TEXT, NTEXT)
             ] if shared is not None else []
    share = shared.setdefault if shared is not None else None
    # ``Archive.check`` saw every byte: only a member holding a NUL is searched cell by cell
    nul = table.member in archive.with_nul or table.member not in archive.checked
    for line, cells in records:
        if len(cells) != width:
            if not cells:
                continue  # a blank line, as spreadsheets leave at the end
            raise BundleError("BUNDLE_029", path=archive.path, member=table.member, line=line,
                              detail=f"{len(cells)} cells, the header has {width}")
        for i, cell in enumerate(cells if nul else ()):
            if "\x00" in cell:
                raise BundleError("BUNDLE_020", path=archive.path, member=table.member,
                                  line=line, column=table.columns[i][0])
        row: list = cells
        for i in texts:
            cell = cells[i]
            if len(cell) <= SHARED_UP_TO:
                row[i] = share(cell, cell)  # type: ignore[misc]
        for i, name, kind in converters:
            cell = row[i]
            if kind == NTEXT:
                row[i] = decode_nullable(cell)
            elif kind == NINT and cell == "":
                row[i] = None
            elif _INTEGER.match(cell):
                row[i] = int(cell)
            else:
                raise BundleError("BUNDLE_022", path=archive.path, member=table.member,
                                  line=line, column=name, value=cell[:80],
                                  detail="a whole number is expected")
        yield tuple(row)
