"""Choice lists and lookup tables from a form's media files (``select_one_from_file``).

As in ODK, a CSV has a ``name`` column and ``label`` (or ``label::Language``) columns; other
columns are available to choice filters. The files are looked for in ``<form>-media/`` beside
the workbook (ODK Collect's layout), then beside the workbook itself, and nowhere else: a name
with a folder in it is refused when the form is loaded (``check_media_names``).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from fieldapp.errors import FormError
from fieldapp.forms.model import Choice, Form, Question


# Where a form names a media file: pulldata('name', …), instance('name'), jr://file/name.
_NAMED = re.compile(r"""(?:pulldata|instance)\s*\(\s*(['"])(.*?)\1|jr://file(?:-csv)?/([^'"\s)]+)""")
_EXPRESSIONS = ("relevant", "constraint", "required", "calculation", "default", "choice_filter")


def plain_name(file_name: str) -> bool:
    """Whether ``file_name`` is a bare file name (no folder, no ``..``, not absolute)."""
    name = str(file_name)
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\:\x00")


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def media_path(form: Form, file_name: str) -> Path | None:
    """Where the media file ``file_name`` of ``form`` is, or None.

    Only a plain name is looked for, and only inside the form's own folders: a form must not
    read other files of the laptop (``../../…``, absolute paths, links out of the folder),
    whose contents would be stored in submissions that travel.
    """
    if not form.folder or not plain_name(file_name):
        return None
    folder = Path(form.folder)
    stem = Path(form.source).stem
    for base in (folder / f"{stem}-media", folder):
        candidate = base / file_name
        if candidate.is_file() and _inside(candidate, base):
            return candidate
    return None


def media_names(form: Form):
    """(element, file name) for every media file the form names in an expression or itemset."""
    for element in form.elements():
        if isinstance(element, Question) and element.itemset_file:
            yield element, element.itemset_file
        for attribute in _EXPRESSIONS:
            text = getattr(element, attribute, None)
            if not text:
                continue
            for match in _NAMED.finditer(str(text)):
                name = match.group(2) if match.group(2) is not None else match.group(3)
                if name and (match.group(3) is not None or name.lower().endswith(
                        (".csv", ".xml")) or not plain_name(name)):
                    yield element, name


def check_media_names(form: Form) -> list[FormError]:
    """A FormError (sheet/row) for every media name that is not a plain file name."""
    return [FormError("FORM_040", sheet="survey", row=element.row, field=element.name,
                      value=name)
            for element, name in media_names(form) if not plain_name(name)]


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
