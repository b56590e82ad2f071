"""A submission's audit trail in the words of its form: the question's label instead of its
path, the chosen option's label instead of its code, in the interface language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldapp.forms.model import Element, Form, Question, pick_text
from fieldapp import i18n
from fieldapp.i18n import N_
from fieldapp.registry import load_form
from fieldapp.store.audit import AuditEntry, audit_trail
from fieldapp.store.connection import Database
from fieldapp.store.formsreg import list_forms
from fieldapp.store.submissions import get_submission

_INDEX = re.compile(r"\[(\d+)\]")
# XLSForm metadata fields have no label in the workbook; these are their names in words
_METADATA = {
    "instanceID": N_("Submission identifier"),
    "instanceName": N_("Submission name"),
    "start": N_("Start time"),
    "end": N_("End time"),
    "today": N_("Day of the interview"),
    "deviceid": N_("Device"),
    "username": N_("User name"),
}


@dataclass(slots=True)
class TrailRow:
    """One audited change as a person reads it; ``entry`` keeps what is stored."""

    entry: AuditEntry
    question: str  # the label (with its repeat and number), else the stored path
    old: str
    new: str


class FormWords:
    """Labels of a form's fields and options across the versions of the form: the
    submission's own version first, then the others, newest first (a field that left the
    form in a later version still gets its words)."""

    def __init__(self, db: Database, form_id: str, version: str | None, lang: str) -> None:
        self.db, self.form_id, self.lang = db, form_id, lang
        versions = [r.version for r in list_forms(db, form_id)]
        self._pending = ([version] if version in versions else []) + \
            [v for v in reversed(versions) if v != version]
        self._forms: list[Form] = []

    def _element(self, path: str) -> tuple[Form, Element] | tuple[None, None]:
        for form in self._forms:
            found = form._by_path.get(path)
            if found is not None:
                return form, found
        while self._pending:  # open another version only when the ones read lack the field
            form = load_form(self.db, self.form_id, self._pending.pop(0))
            self._forms.append(form)
            found = form._by_path.get(path)
            if found is not None:
                return form, found
        return None, None

    def question(self, path: str) -> str:
        """``path`` ("hogar[2]/edad", "/medios_de_vida/perfil/edad") in words ("Edad ·
        Personas del hogar 2"); the path itself when no version of the form knows it."""
        plain = _plain(path, self.form_id)
        form, element = self._element(_INDEX.sub("", plain))
        if element is None:
            return path
        words = self._label(form, element)
        numbers = _INDEX.findall(plain)
        repeats = element.repeat_ancestors
        for repeat, number in zip(repeats, numbers):
            words += f" · {self._label(form, repeat)} {number}"
        return words

    def value(self, path: str, value: str | None) -> str:
        """A stored answer as shown: the labels of the chosen options of a select."""
        if not value:
            return value or ""
        form, element = self._element(_INDEX.sub("", _plain(path, self.form_id)))
        if not isinstance(element, Question) or not element.type.startswith("select"):
            return value
        options = element.choices or form.choices.get(element.list_name or "", [])
        labels = {c.name: pick_text(c.label, self.lang, form.default_language) or c.name
                  for c in options}
        chosen = value.split() if element.type == "select_multiple" else [value]
        return ", ".join(labels.get(name, name) for name in chosen)

    def _label(self, form: Form, element: Element) -> str:
        label = pick_text(element.label, self.lang, form.default_language)
        if label:
            return _strip_markup(label)
        if element.name in _METADATA:
            return i18n.translation(self.lang).gettext(_METADATA[element.name])
        return element.name


def _plain(path: str, form_id: str) -> str:
    """A path relative to the form: an absolute XPath ("/form_id/grp/q") loses its root."""
    if path.startswith("/"):
        parts = path.strip("/").split("/")
        if len(parts) > 1 and parts[0] in (form_id, "data"):
            parts = parts[1:]
        return "/".join(parts)
    return path


def _strip_markup(label: str) -> str:
    """A label on one line, without the markdown emphasis forms use (``**``, ``_``)."""
    return " ".join(label.replace("**", "").split())


def submission_trail(db: Database, uuid: str, lang: str) -> list[TrailRow]:
    """Every audited change of a submission, oldest first, in the words of its form."""
    submission = get_submission(db, uuid)
    words = FormWords(db, submission.form_id, submission.form_version, lang)
    found = []
    for entry in audit_trail(db, uuid):
        if entry.path:
            found.append(TrailRow(entry, words.question(entry.path),
                                  words.value(entry.path, entry.old),
                                  words.value(entry.path, entry.new)))
        else:
            found.append(TrailRow(entry, "", entry.old or "", entry.new or ""))
    return found
