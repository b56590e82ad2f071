"""Translation of the interface (gettext), with Spanish as the default language.

Catalogs live in ``fieldapp/locale/<lang>/LC_MESSAGES/fieldapp.po``; the ``.mo`` is compiled
on the fly with Babel when it is missing or older than the ``.po`` (so a plain clone works).
"""

from __future__ import annotations

import functools
import gettext
import locale
import os
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp import paths

if TYPE_CHECKING:
    import logging

DOMAIN = "fieldapp"
LANGUAGES = ("es", "en", "pt")
DEFAULT_LANGUAGE = "es"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"  # msgids are English: NullTranslations speaks English


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _translations.ngettext(singular, plural, n)


def current_language() -> str:
    """The code of the interface language now in use (es, en or pt)."""
    return _language


# Windows names its locales in English words ("Spanish_Mexico", "Portuguese_Brazil").
_LOCALE_WORDS = {"spanish": "es", "english": "en", "portuguese": "pt"}


def system_language() -> str:
    """The interface language the system locale asks for, falling back to Spanish.

    A locale that names no language (``C``, ``C.UTF-8``, ``POSIX``: servers, containers, a
    minimal laptop install) means Spanish, not English: Python's ``locale.getlocale()`` turns
    ``C.UTF-8`` into ``en_US``, so it is asked only when no variable is set (Windows, whose
    locale names are English words: "Portuguese_Brazil").
    """
    values = [os.environ.get(var, "") for var in ("LC_ALL", "LC_MESSAGES", "LANG")]
    values += os.environ.get("LANGUAGE", "").split(":")
    values = [v for v in values if v.strip()]
    if not values:
        try:
            values.append(locale.getlocale()[0] or "")
        except ValueError:
            pass
    for value in values:
        value = value.lower()
        word = value.split("_")[0].split(".")[0]
        if word in _LOCALE_WORDS:
            return _LOCALE_WORDS[word]
        code = value[:2]
        if code in LANGUAGES and (len(value) == 2 or not value[2].isalpha()):
            return code
    return DEFAULT_LANGUAGE


def _compiled_catalog(lang: str) -> Path | None:
    """The path of an up-to-date ``.mo`` for ``lang``, compiling the ``.po`` if needed."""
    po = paths.locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        return mo
    if not po.exists():
        return None
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    for target in (mo, paths.user_cache_dir() / "locale" / lang / f"{DOMAIN}.mo"):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            with tmp.open("wb") as f:
                write_mo(f, catalog)
            tmp.replace(target)
            return target
        except OSError:
            continue
    return None


def _log() -> logging.Logger:
    import logging  # only when something goes wrong: every start of the CLI reads a catalog

    return logging.getLogger(__name__)


@functools.lru_cache(maxsize=None)
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    try:
        mo = _compiled_catalog(lang)
        if mo is None:
            _log().debug("no %s catalog: the interface stays in English", lang)
            return gettext.NullTranslations()
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    except Exception:  # a broken catalog must not stop the app: fall back to English
        _log().exception("could not load the %s catalog", lang)
        return gettext.NullTranslations()


def translation(lang: str | None = None) -> gettext.NullTranslations:
    """The catalog of ``lang`` (None = the interface language now in use), for text written
    in a language other than the interface's (a report in Portuguese from a Spanish CLI)."""
    if lang is None:
        return _translations
    lang = lang.lower()[:2]
    return _catalog(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def set_language(lang: str | None) -> str:
    """Switch the interface to ``lang`` (es, en, pt; None = the system's) and return it."""
    global _translations, _language
    lang = (lang or system_language()).lower()[:2]
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    _language = lang
    _translations = _catalog(lang)
    return lang
