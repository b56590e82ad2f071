"""Importing baselines measured outside fieldapp (and targets) from a CSV file, as Excel or
LibreOffice save it in any locale (read by :mod:`fieldapp.csvio`). All rows or none.

Columns (Spanish, English or Portuguese names): indicator, level, unit, year, value, n, low,
high, source, and optionally target (the indicator's target, set in the same place, §5.8).
Numbers may use a decimal comma (``58,0``) and a trailing ``%``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldapp.csvio import read_csv_file
from fieldapp.errors import MESSAGES, FieldappError, InputError
from fieldapp.store.baselines import (
    ExternalValue,
    check_external,
    save_external_values,
    set_target,
)
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded
from fieldapp.store.values import fold

COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicador", "codigo", "code", "indicator code"),
    "level": ("level", "nivel"),
    "unit": ("unit", "unidad", "unidade", "pais u organizacion", "country or organization"),
    "year": ("year", "ano", "anio"),
    "value": ("value", "valor"),
    "n": ("n", "tamano", "sample size", "tamanho"),
    "low": ("low", "inferior", "ic inferior", "lower", "limite inferior"),
    "high": ("high", "superior", "ic superior", "upper", "limite superior"),
    "source": ("source", "fuente", "fonte", "nota", "note"),
    "target": ("target", "meta"),
}
REQUIRED = ("indicator", "level", "year", "value")
# level names people type, folded
_LEVELS = {"red": "network", "rede": "network", "network": "network", "pais": "country",
           "country": "country", "organizacion": "organization", "organizacao": "organization",
           "organization": "organization", "organisation": "organization"}


@dataclass(slots=True)
class BaselineImport:
    """What an import did: values saved, targets set, header names ignored."""

    path: Path
    values: int
    targets: int
    ignored_columns: list[str]


def _number(text: str, column: str, line: int, path: Path, header: str,
            whole: bool = False) -> float | None:
    body = text.strip().removesuffix("%").strip().replace("\u00a0", "").replace(" ", "")
    if not body:
        return None
    if body.count(",") == 1 and "." not in body:
        body = body.replace(",", ".")
    try:
        value = float(body)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")) or (whole and value != int(value)):
        raise InputError("IND_005", path=path, line=line, column=header, value=text.strip())
    return value


def read_baselines(path: Path) -> tuple[list[ExternalValue], dict[str, float | None],
                                        list[str]]:
    """The checked rows of a baselines CSV: external values, targets by indicator, and the
    header names ignored.

    :raises InputError: naming the file, line and column of the first problem.
    :raises CsvError: when the file is not a readable CSV.
    """
    path = Path(path)
    table = read_csv_file(path)
    index: dict[str, int] = {}
    ignored: list[str] = []
    for i, name in enumerate(table.header):
        key = next((k for k, names in COLUMNS.items() if fold(name) in names), None)
        if key is None or key in index:
            ignored.append(name.strip())
        else:
            index[key] = i
    for key in REQUIRED:
        if key not in index:
            raise InputError("IND_007", path=path, line=1, column=key)
    names = {key: table.header[i].strip() for key, i in index.items()}
    values: list[ExternalValue] = []
    targets: dict[str, float | None] = {}
    for row in table.rows:
        cell = {key: row.get(i) for key, i in index.items()}
        line = row.line
        try:
            level_text = fold(cell["level"])
            n = _number(cell.get("n", ""), "n", line, path, names.get("n", "n"), whole=True)
            value = ExternalValue(
                indicator=cell["indicator"], level=_LEVELS.get(level_text, level_text),
                unit=cell.get("unit", ""), year=cell["year"],  # type: ignore[arg-type]
                value=_number(cell["value"], "value", line, path, names["value"]),  # type: ignore[arg-type]
                n=None if n is None else int(n),
                low=_number(cell.get("low", ""), "low", line, path, names.get("low", "low")),
                high=_number(cell.get("high", ""), "high", line, path, names.get("high", "high")),
                source=cell.get("source", ""))
            if value.value is None:
                raise InputError("IND_005", field="value", value="")
            values.append(check_external(value))
            if "target" in cell and cell["target"].strip():
                target_text = cell["target"]
                targets[value.indicator] = _number(target_text, "target", line, path,
                                                   names["target"])
        except FieldappError as exc:
            if exc.context.get("line"):
                raise
            raise _located(exc, path, line, names) from None
    return values, targets, ignored


def _located(exc: FieldappError, path: Path, line: int,
             names: dict[str, str]) -> FieldappError:
    context = dict(exc.context)
    column = names.get(str(context.get("field")), context.get("field"))
    if "{field}" not in MESSAGES.get(exc.code, ""):
        context.pop("field", None)
    return type(exc)(exc.code, **{**context, "path": path, "line": line, "column": column})


@guarded
def import_baselines(db: Database, path: Path) -> BaselineImport:
    """Save every row of a baselines CSV (and its targets) in one transaction, or none.

    :raises InputError: naming the file, line and column of the first bad cell.
    """
    values, targets, ignored = read_baselines(Path(path))
    with atomic(db):
        save_external_values(db, values)
        for indicator, target in targets.items():
            set_target(db, indicator, target)
    return BaselineImport(Path(path), len(values), len(targets), ignored)
