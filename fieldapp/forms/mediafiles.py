"""Choice lists and lookup tables from a form's media files (``select_one_from_file``).

As in ODK, a CSV has a ``name`` column and ``label`` (or ``label::Language``) columns; other
columns are available to choice filters. The files are looked for in ``<form>-media/`` beside
the workbook (ODK Collect's layout), then beside the workbook itself.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from fieldapp.errors import FormError
from fieldapp.forms.model import Choice, Form


def media_path(form: Form, file_name: str) -> Path | None:
    """Where the media file ``file_name`` of ``form`` is, or None."""
    if not form.folder:
        return None
    folder = Path(form.folder)
    stem = Path(form.source).stem
    for candidate in (folder / f"{stem}-media" / file_name, folder / file_name):
        if candidate.is_file():
            return candidate
    return None


def load_itemset(form: Form, file_name: str) -> list[Choice] | None:
    """The choices in a media CSV/XML file, or None when the file is not there.

    :raises FormError: if the file cannot be read or has no ``name`` column.
    """
    path = media_path(form, file_name)
    if path is None:
        return None
    stat = path.stat()
    return list(_read(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _read(path: str, _mtime: int, _size: int) -> tuple[Choice, ...]:
    if path.lower().endswith(".xml"):
        return _read_xml(Path(path))
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise FormError("FORM_029", path=path, detail=str(exc)) from None
    if rows and "name" not in rows[0]:
        raise FormError("FORM_021", path=path, line=1, column="name")
    return tuple(_choice(row) for row in rows)


def _choice(row: dict[str, str]) -> Choice:
    labels, extra = {}, {}
    for column, value in row.items():
        if column is None or column == "name":
            continue
        if column == "label":
            labels["default"] = value or ""
        elif column.startswith("label::"):
            labels[column.split("::", 1)[1]] = value or ""
        else:
            extra[column] = value or ""
    return Choice(name=(row.get("name") or "").strip(), label=labels, extra=extra)


def _read_xml(path: Path) -> tuple[Choice, ...]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise FormError("FORM_029", path=str(path), detail=str(exc)) from None
    items = root.findall(".//item")
    return tuple(_choice({child.tag: (child.text or "") for child in item}) for item in items)
