"""The languages of a form's content, chosen apart from the interface language.

A form brought by a coordinator may be in French, Arabic, Luganda or Tetun while fieldapp's
own texts are in Spanish, English or Portuguese: any ``label::X`` language of the form can be
chosen for its labels, hints and messages.
"""

from __future__ import annotations

from fieldapp.errors import FormError
from fieldapp.forms.model import DEFAULT, Form, language_code

# Scripts written right to left (ISO 639-1/3 codes)
_RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug",
                            "ur", "yi"})


def form_languages(form: Form) -> list[str]:
    """The form's languages as written in its columns (``"Français (fr)"``), without the
    unnamed default column."""
    return [name for name in form.languages if name != DEFAULT]


def resolve_language(form: Form, wanted: str | None, interface: str | None = None) -> str | None:
    """The form language to show: ``wanted`` (a code such as ``fr``, a name such as
    ``Luganda`` or ``Français``, any case) when given; else the interface language when the form has it;
    else None (the form's default language).

    :raises FormError: FORM_035 if the form has no language ``wanted``, listing those it has.
    """
    names = form_languages(form)
    if wanted:
        key = wanted.strip().lower()
        for name in names:
            # "Español (es)" answers to its whole name, its code and its name alone
            if key in (name.lower(), language_code(name), name.split("(")[0].strip().lower()):
                return name
        raise FormError("FORM_035", value=wanted,
                        choices=", ".join(names) or form.default_language)
    if interface:
        for name in names:
            if language_code(name) == interface:
                return name
    return None


def is_right_to_left(language: str | None) -> bool:
    """Whether ``language`` (a name or code) is written right to left (Arabic, Hebrew …)."""
    if not language:
        return False
    return language_code(language).split("-")[0] in _RIGHT_TO_LEFT
