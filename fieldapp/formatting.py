"""How fieldapp writes values for people, in a language given as an argument: numbers, dates
and times (Babel), countries, the built-in forms' titles, submission statuses and scores.

Shared by the CLI, the GUI and reports so that all three write ``85,0 %`` the same way. No
Tk here; ``lang`` is ``es``/``en``/``pt`` and None means the interface language now in use.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from fieldapp.i18n import N_, current_language, translation

# Babel is imported by the functions that use it, when a number or date is first written:
# its import (time zones, locale data) is a third of what `submissions list` costs before its
# first row, and listing, statuses and titles need none of it.
_TENTH = Decimal("0.1")
# Brazilian Portuguese is the Portuguese of our users; Babel's plain "pt" is that too, but
# "pt_BR" says so and keeps dates and territory names right if Babel ever changes its default
_BABEL_LOCALES = {"pt": "pt_BR"}


def locale_code(lang: str | None = None) -> str:
    """The Babel locale of an interface language (``pt`` → ``pt_BR``)."""
    lang = lang or current_language()
    return _BABEL_LOCALES.get(lang, lang)


def display_round(value: float) -> float:
    """``value`` rounded to one decimal, half up, as a person reads it: 84.95 → 85.0,
    39.95 → 40.0, 69.94 → 69.9. Float noise is dropped first, so a mean that should be
    84.95 but computes as 84.94999999999999 still shows 85.0. Displays and exports must use
    this (not ``f"{v:.1f}"``) so that the band printed next to a number agrees with it."""
    return float(Decimal(repr(round(value, 9))).quantize(_TENTH, rounding=ROUND_HALF_UP))


def number(value: float | None, decimals: int = 1, *, lang: str | None = None) -> str:
    """``84.95`` → ``"85,0"`` in Spanish; an empty string for None."""
    from babel import numbers as babel_numbers

    if value is None:
        return ""
    shown = display_round(value) if decimals == 1 else round(value, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(shown, format=pattern, locale=locale_code(lang))


def percent(value: float | None, *, lang: str | None = None) -> str:
    """A score on 0–100 as ``"85,0 %"`` (the language's percent pattern)."""
    from babel import Locale
    from babel import numbers as babel_numbers

    if value is None:
        return ""
    pattern = Locale.parse(locale_code(lang)).percent_formats[None].pattern
    pattern = pattern.replace("0%", "0.0%").replace("0\xa0%", "0.0\xa0%")
    return babel_numbers.format_percent(display_round(value) / 100, format=pattern,
                                        locale=locale_code(lang))


def decimal_mark(lang: str | None = None) -> str:
    """``,`` in Spanish and Portuguese, ``.`` in English."""
    from babel import numbers as babel_numbers

    return babel_numbers.get_decimal_symbol(locale_code(lang))


def integer(value: int, *, lang: str | None = None) -> str:
    from babel import numbers as babel_numbers

    return babel_numbers.format_decimal(value, format="#,##0", locale=locale_code(lang))


def local_moment(value: str | datetime) -> datetime | None:
    """A stored ISO time on this computer's clock (the store writes UTC, ``…Z``: a technician
    in Lima reads Lima's time); naive times are taken as they are; None when not a time."""
    try:
        moment = value if isinstance(value, datetime) else \
            datetime.fromisoformat(str(value).replace("Z", "+00:00"))  # Python 3.10: no "Z"
    except ValueError:
        return None
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def when(value: str | datetime | None, *, lang: str | None = None) -> str:
    """An ISO timestamp as a short local date and time (``23/11/2026 16:14``)."""
    from babel import dates as babel_dates

    if not value:
        return ""
    moment = local_moment(value)
    if moment is None:
        return str(value)
    return babel_dates.format_datetime(moment, format="short", locale=locale_code(lang))


def list_time(value: str | None, now: datetime | None = None, *,
              lang: str | None = None) -> str:
    """A stored time as a list shows it, on this computer's clock and short enough for its
    column in every language: the time alone today ("9:24 AM", "09:24"), day and time this
    year ("Nov 28 9:24 AM", "28 nov 09:24"), the date alone before ("11/28/25")."""
    from babel import dates as babel_dates

    if not value:
        return ""
    moment = local_moment(value)
    if moment is None:
        return str(value)
    now = now or datetime.now()
    locale = locale_code(lang)
    time = babel_dates.format_time(moment, format="short", locale=locale)
    if moment.date() == now.date():
        return time
    if moment.year == now.year:
        return f"{babel_dates.format_skeleton('MMMd', moment, locale=locale)} {time}"
    return babel_dates.format_date(moment, format="short", locale=locale)


def day(value: str | date | None, *, lang: str | None = None) -> str:
    """An ISO date as the language writes it (medium: ``23 nov 2026``)."""
    from babel import dates as babel_dates

    if not value:
        return ""
    try:
        moment = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return babel_dates.format_date(moment, format="medium", locale=locale_code(lang))


def read_day(text: str, *, lang: str | None = None) -> str | None:
    """A date as the language writes it (``23/11/2026``) → ``2026-11-23``; None when it
    cannot be read."""
    from babel import dates as babel_dates

    try:
        return babel_dates.parse_date(text, locale=locale_code(lang)).isoformat()
    except (ValueError, IndexError):
        return None


def clock(moment: datetime, *, lang: str | None = None) -> str:
    """``16:14:05``."""
    from babel import dates as babel_dates

    return babel_dates.format_time(moment, format="medium", locale=locale_code(lang))


def month_names(lang: str | None = None) -> list[str]:
    """January … December in the language (stand-alone, capitalized)."""
    from babel import dates as babel_dates

    names = babel_dates.get_month_names("wide", context="stand-alone", locale=locale_code(lang))
    return [names[i].capitalize() for i in range(1, 13)]


def weekday_initials(lang: str | None = None) -> list[str]:
    """Monday … Sunday as short names."""
    from babel import dates as babel_dates

    names = babel_dates.get_day_names("short", context="stand-alone", locale=locale_code(lang))
    return [names[i].capitalize() for i in range(7)]


def territories(lang: str | None = None) -> dict[str, str]:
    """Code → name of every territory Babel knows, in the language."""
    from babel import Locale

    return Locale.parse(locale_code(lang)).territories


def country_name(code: str, lang: str | None = None) -> str:
    """A country code in the language (``PE`` → ``Perú``); the code itself if unknown."""
    return territories(lang).get(code, code)


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
_NEW_FORM = N_("New: {title}")


def form_title(form_id: str, title: str = "", lang: str | None = None) -> str:
    """A form's display name: the built-in ones translated, others their workbook title."""
    if form_id in BUILTIN_TITLES:
        return translation(lang).gettext(BUILTIN_TITLES[form_id])
    return title or form_id


def short_title(form_id: str, title: str = "", lang: str | None = None) -> str:
    """A form's name where space is short (a list column)."""
    if form_id in SHORT_TITLES:
        return translation(lang).gettext(SHORT_TITLES[form_id])
    return form_title(form_id, title, lang)


def start_label(form_id: str, title: str, lang: str | None = None) -> str:
    """The text of the button that starts a new submission of the form."""
    tr = translation(lang).gettext
    if form_id in START_LABELS:
        return tr(START_LABELS[form_id])
    return tr(_NEW_FORM).format(title=title or form_id)


STATUSES = {"draft": N_("draft"), "final": N_("final")}
_DELETED = N_("deleted")
_NO_VALUE = N_("insufficient data")


def status_label(status: str, deleted: bool = False, lang: str | None = None) -> str:
    """A submission's status as a word (``borrador``, ``final``, ``eliminado``)."""
    tr = translation(lang).gettext
    if deleted:
        return tr(_DELETED)
    return tr(STATUSES[status]) if status in STATUSES else status


def score_text(value: float | None, *, percent_scale: bool = True, low: float | None = None,
               high: float | None = None, lang: str | None = None) -> str:
    """A score as people read it: ``85,0 %`` (or ``3,4`` off a 0–100 scale) with its
    confidence interval ``[70,1; 92,3]`` when given; ``insufficient data`` without a value."""
    if value is None:
        return translation(lang).gettext(_NO_VALUE)

    def shown(v: float) -> str:
        return percent(v, lang=lang) if percent_scale else number(v, lang=lang)

    text = shown(value)
    if low is not None and high is not None:
        text += f" [{number(low, lang=lang)}; {number(high, lang=lang)}]"
    return text
