"""The built-in instruments: the workbooks shipped in ``forms/``."""

from __future__ import annotations

from pathlib import Path

from fieldapp import paths
from fieldapp.errors import FormError
from fieldapp.forms.model import Form
from fieldapp.forms.workbooks import open_workbook


def builtin_paths() -> list[Path]:
    """The built-in workbooks shipped in ``forms/``."""
    folder = paths.builtin_forms_dir()
    return sorted(p for p in folder.glob("*.xls*") if not p.name.startswith("~$"))


def builtin_forms() -> list[Form]:
    """Every built-in form, in file name order."""
    return [open_workbook(path) for path in builtin_paths()]


def builtin_form(form_id: str) -> Form:
    """A built-in form by its form_id.

    :raises FormError: FORM_017 if there is no such built-in form.
    """
    for path in builtin_paths():
        if path.stem == form_id:
            return open_workbook(path)
    for form in builtin_forms():
        if form.form_id == form_id:
            return form
    raise FormError("FORM_017", field=form_id)
