"""Importing organizations from a CSV file, as saved by Excel or LibreOffice in any locale.

The file is read by :mod:`fieldapp.csvio` (the encodings and separators Excel writes), with
column names in Spanish, English or Portuguese. All rows or none are imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.csvio import read_csv_file
from fieldapp.errors import MESSAGES, FieldappError, InputError
from fieldapp.store.connection import Database
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
            raise InputError("STORE_030", path=path, line=1, name=REQUIRED[key])
    return index, ignored


def _located(exc: FieldappError, path: Path, line: int, header: str | None) -> FieldappError:
    """``exc`` moved onto the CSV cell it came from."""
    context = dict(exc.context)
    context.pop("field", None)
    if "{field}" in MESSAGES.get(exc.code, ""):
        context["field"] = header
    return type(exc)(exc.code, **context, path=path, line=line, column=header)


@dataclass(slots=True)
class OrganizationsCheck:
    """A CSV file of organizations read in full: the good rows and every bad cell."""

    orgs: list[Organization]
    ignored_columns: list[str]
    problems: list[InputError]  # one per bad row, each naming its line and column


def check_organizations(path: Path, encoding: str | None = None) -> OrganizationsCheck:
    """Read every row of a CSV file of organizations, collecting each bad row's problem
    (so a person can fix them all at once) instead of stopping at the first.

    :param encoding: the file's text encoding when the user names it (None: detected)
    :raises InputError: when the file itself cannot be read or lacks a required column
    """
    path = Path(path)
    table = read_csv_file(path, encoding=encoding)
    index, ignored = _header(path, table.header)
    names = {key: table.header[i].strip() for key, i in index.items()}
    orgs: list[Organization] = []
    problems: list[InputError] = []
    first_line_of: dict[str, int] = {}
    for row in table.rows:
        line = row.line
        values = {k: row.get(i) for k, i in index.items()}
        try:
            org = make_organization(**values)
        except InputError as exc:
            problems.append(_located(exc, path, line, names.get(str(exc.context.get("field")))))
            continue
        if org.id in first_line_of:
            problems.append(InputError("STORE_032", path=path, line=line, column=names["id"],
                                       value=org.id, first=first_line_of[org.id]))
            continue
        first_line_of[org.id] = line
        orgs.append(org)
    return OrganizationsCheck(orgs, ignored, problems)


def read_organizations(path: Path, encoding: str | None = None
                       ) -> tuple[list[Organization], list[str]]:
    """The checked organizations of a CSV file and the header names it ignored.

    :param encoding: as in ``check_organizations``
    :raises InputError: naming the file, line and column of the first problem
    """
    checked = check_organizations(path, encoding)
    if checked.problems:
        raise checked.problems[0]
    return checked.orgs, checked.ignored_columns


@guarded
def import_organizations(db: Database, path: Path, encoding: str | None = None) -> ImportResult:
    """Add or update the organizations of a CSV file, all or none; re-importing changes nothing.

    :param encoding: as in ``read_organizations``
    :raises InputError: naming the file, line and column of the first bad cell
    """
    orgs, ignored = read_organizations(Path(path), encoding)
    counts = save_organizations(db, orgs)
    return ImportResult(Path(path), counts.added, counts.updated, counts.unchanged, ignored)
