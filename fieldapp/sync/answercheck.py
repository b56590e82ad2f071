"""Arriving answers checked against the exact form version they were captured with: the
field must exist and the value must be what its question type would have stored."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from fieldapp.errors import FieldappError
from fieldapp.forms.answers import coerce
from fieldapp.forms.instance import strip_indexes
from fieldapp.forms.model import Form, Question
from fieldapp.forms.workbooks import open_workbook
from fieldapp.i18n import _

# (form_id, version) → (sha256, file name, workbook bytes), or None when unknown
WorkbookSource = Callable[[str, str], "tuple[str, str, bytes] | None"]


def form_from_workbook(sha256: str, file_name: str, workbook: bytes) -> Form:
    """The form of workbook bytes carried in a bundle or stored here (parsed once per
    SHA-256 by the forms cache).

    :raises FieldappError: if the workbook does not load
    """
    return open_workbook(Path(file_name or f"{sha256}.xlsx"), workbook)


class AnswerCheck:
    """The ``AnswerChecker`` of the validator, loading each form version once."""

    def __init__(self, source: WorkbookSource) -> None:
        self._source = source
        self._forms: dict[tuple[str, str], Form | str] = {}
        self._seen: dict[tuple, str | None] = {}

    def _form(self, form_id: str, version: str) -> Form | str:
        key = (form_id, version)
        if key not in self._forms:
            found = self._source(form_id, version)
            if found is None:
                self._forms[key] = _("the form version is not available")
            else:
                try:
                    self._forms[key] = form_from_workbook(*found)
                except FieldappError as exc:
                    self._forms[key] = exc.message
        return self._forms[key]

    def problem(self, form_id: str, version: str, path: str, value: str) -> str | None:
        """Why ``value`` cannot be the answer at ``path``, or None if it fits."""
        key = (form_id, version, path if "[" not in path else strip_indexes(path), value)
        if key in self._seen:
            return self._seen[key]
        found = self._problem(*key)
        if len(self._seen) < 200_000:  # Likert answers repeat: most checks are lookups
            self._seen[key] = found
        return found

    def _problem(self, form_id: str, version: str, bare: str, value: str) -> str | None:
        form = self._form(form_id, version)
        if isinstance(form, str):
            return form
        element = form.find(bare)
        if element is None or element.path != bare:
            return _("'{field}' is not a field of this form").format(field=bare)
        if not isinstance(element, Question) or value == "":
            return None
        try:
            coerce(element, value)
        except FieldappError as exc:
            return exc.message
        return None
