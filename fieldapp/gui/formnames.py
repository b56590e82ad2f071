"""The names of forms in the interface language (the built-in instruments have their own)."""

from __future__ import annotations

from fieldapp.forms.model import Form, pick_text
from fieldapp.i18n import N_, _

# Workbook titles have one language (XLSForm settings cannot translate them); the built-in
# instruments are named in the interface language instead
BUILTIN_TITLES = {
    "desarrollo_organizacional": N_("Organizational development assessment"),
    "medios_de_vida": N_("Livelihood perception survey"),
}
SHORT_TITLES = {
    "desarrollo_organizacional": N_("Org. assessment"),
    "medios_de_vida": N_("Livelihood survey"),
}
START_LABELS = {
    "desarrollo_organizacional": N_("New organizational assessment"),
    "medios_de_vida": N_("New livelihood survey"),
}


def form_title(form_id: str, title: str = "") -> str:
    """A form's display name: the built-in ones translated, others their workbook title."""
    if form_id in BUILTIN_TITLES:
        return _(BUILTIN_TITLES[form_id])
    return title or form_id


def short_title(form_id: str, title: str = "") -> str:
    """A form's name where space is short (a list column)."""
    if form_id in SHORT_TITLES:
        return _(SHORT_TITLES[form_id])
    return form_title(form_id, title)


def title_of(form: Form, lang: str | None) -> str:
    return form_title(form.form_id, pick_text(form.title, lang, form.default_language))


def start_label(form_id: str, title: str) -> str:
    """The text of the button that starts a new submission of the form."""
    if form_id in START_LABELS:
        return _(START_LABELS[form_id])
    return _("New: {title}").format(title=title or form_id)
