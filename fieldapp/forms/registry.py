"""Which forms exist: the built-in workbooks (and, with a database, the registered ones)."""

from __future__ import annotations

from pathlib import Path

from fieldapp.forms.catalog import builtin_form, builtin_paths, open_form
from fieldapp.forms.model import Form, pick_text


def available_forms(db_path: Path | None = None) -> list[dict[str, object]]:
    """One row per form: form_id, version, title, source."""
    rows = []
    for path in builtin_paths():
        form = open_form(path)
        rows.append({"form_id": form.form_id, "version": form.version,
                     "title": pick_text(form.title, None, form.default_language),
                     "source": "builtin"})
    return rows


def find_form(db_path: Path | None, form_id: str) -> Form:
    """A form by id."""
    return builtin_form(form_id)
