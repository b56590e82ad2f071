"""Importing organizations from a CSV file, as saved by Excel or LibreOffice in any locale.

Accepts UTF-8 (with or without BOM), Excel's "Unicode text" (UTF-16) and Excel's own
ANSI CSV (cp1252), with ``,`` ``;`` or tab between cells (Spanish-locale Excel writes ``;``),
and column names in Spanish, English or Portuguese. All rows or none are imported.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from fieldapp.errors import MESSAGES, StoreError
from fieldapp.store.database import guarded
from fieldapp.store.orgs import Organization, make_organization, save_organizations
from fieldapp.store.values import fold

# Column key (a ``make_organization`` keyword) → the header names it accepts, folded.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "codigo", "code", "cod", "codigo organizacion", "organization id"),
    "name": ("nombre", "name", "nome", "organizacion", "organization", "organizacao"),
    "type": ("tipo", "type", "tipo de organizacion", "organization type"),
    "country": ("pais", "country", "pais iso", "country code"),
    "products": (
        "productos", "products", "produtos", "producto", "product", "productos principales",
        "main products", "produtos principais",
    ),
    "women": ("socias", "women", "mujeres", "mulheres", "socias mujeres", "members women"),
    "men": ("socios", "men", "hombres", "homens", "socios hombres", "members men"),
    "total": ("total", "total socios", "members", "miembros", "membros", "members total"),
    "workers": (
        "trabajadores", "workers", "trabalhadores", "total trabajadores", "workers total",
        "total trabalhadores",
    ),
}
# The required columns, as a missing one is named in the error.
REQUIRED = {
    "id": "id", "name": "nombre (name)", "type": "tipo (type)", "country": "país (country)",
}


@dataclass(slots=True)
class ImportResult:
    """What an import did."""

    path: Path
    added: int
    updated: int
    unchanged: int
    ignored_columns: list[str] = field(default_factory=list)


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StoreError("STORE_031", path=path, detail=exc.strerror or str(exc)) from exc
    try:
        if raw.startswith(codecs.BOM_UTF8):
            return raw[len(codecs.BOM_UTF8):].decode("utf-8")
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return raw.decode("utf-16")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252")  # Excel's "CSV (delimited by commas)" on Windows
    except UnicodeDecodeError as exc:
        raise StoreError("STORE_031", path=path, detail=f"unknown text encoding ({exc.reason})")


def _delimiter(header_line: str) -> str:
    """The most frequent of ``;`` ``,`` tab on the header line (names hold none of them)."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(path: Path, cells: list[str]) -> tuple[dict[str, int], list[str]]:
    """({column key: cell index}, the ignored header names)."""
    index: dict[str, int] = {}
    ignored = []
    for i, cell in enumerate(cells):
        name = fold(cell)
        key = next((k for k, names in COLUMNS.items() if name in names), None)
        if key is None or key in index:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        index[key] = i
    for key in REQUIRED:
        if key not in index:
            raise StoreError("STORE_030", path=path, line=1, name=REQUIRED[key])
    return index, ignored


def _located(exc: StoreError, path: Path, line: int, header: str | None) -> StoreError:
    """``exc`` moved onto the CSV cell it came from."""
    context = dict(exc.context)
    context.pop("field", None)
    if "{field}" in MESSAGES.get(exc.code, ""):
        context["field"] = header
    return StoreError(exc.code, **context, path=path, line=line, column=header)


def read_organizations(path: Path) -> tuple[list[Organization], list[str]]:
    """The checked organizations of a CSV file and the header names it ignored.

    :raises StoreError: naming the file, line and column of the first problem
    """
    path = Path(path)
    text = _text(path)
    first_line = text.split("\n", 1)[0]
    if not text.strip():
        raise StoreError("STORE_031", path=path, detail="the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header_cells = next(reader)
        index, ignored = _header(path, header_cells)
        names = {key: header_cells[i].strip() for key, i in index.items()}
        orgs: list[Organization] = []
        first_line_of: dict[str, int] = {}
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            line = reader.line_num
            values = {k: (cells[i] if i < len(cells) else "") for k, i in index.items()}
            try:
                org = make_organization(**values)
            except StoreError as exc:
                raise _located(exc, path, line, names.get(str(exc.context.get("field")))) from None
            if org.id in first_line_of:
                raise StoreError("STORE_032", path=path, line=line, column=names["id"],
                                 value=org.id, first=first_line_of[org.id])
            first_line_of[org.id] = line
            orgs.append(org)
    except csv.Error as exc:
        raise StoreError("STORE_031", path=path, line=reader.line_num, detail=str(exc)) from exc
    return orgs, ignored


@guarded
def import_organizations(db: Database, path: Path) -> ImportResult:
    """Add or update the organizations of a CSV file, all or none; re-importing changes nothing.

    :raises StoreError: naming the file, line and column of the first bad cell
    """
    orgs, ignored = read_organizations(Path(path))
    counts = save_organizations(db, orgs)
    return ImportResult(Path(path), counts.added, counts.updated, counts.unchanged, ignored)
