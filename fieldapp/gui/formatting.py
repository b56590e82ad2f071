"""Numbers, dates and times written the way the interface language writes them (Babel)."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from fieldapp.i18n import current_language
from fieldapp.forms.bands import display_round


def _locale() -> str:
    return {"pt": "pt_BR"}.get(current_language(), current_language())


def number(value: float | None, decimals: int = 1) -> str:
    """``84.95`` → ``"85,0"`` in Spanish; an empty string for None."""
    if value is None:
        return ""
    shown = display_round(value) if decimals == 1 else round(value, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return babel_numbers.format_decimal(shown, format=pattern, locale=_locale())


def percent(value: float | None) -> str:
    """A score on 0–100 as ``"85,0 %"`` (the language's percent pattern)."""
    if value is None:
        return ""
    pattern = Locale.parse(_locale()).percent_formats[None].pattern
    pattern = pattern.replace("0%", "0.0%").replace("0\xa0%", "0.0\xa0%")
    return babel_numbers.format_percent(display_round(value) / 100, format=pattern,
                                        locale=_locale())


def decimal_mark() -> str:
    """``,`` in Spanish and Portuguese, ``.`` in English."""
    return babel_numbers.get_decimal_symbol(_locale())


def integer(value: int) -> str:
    return babel_numbers.format_decimal(value, format="#,##0", locale=_locale())


def when(value: str | datetime | None) -> str:
    """An ISO timestamp as a short local date and time (``23/11/2026 16:14``)."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return babel_dates.format_datetime(moment, format="short", locale=_locale())


def day(value: str | date | None) -> str:
    """An ISO date as the language writes it (medium: ``23 nov 2026``)."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return babel_dates.format_date(moment, format="medium", locale=_locale())


def clock(moment: datetime) -> str:
    """``16:14:05``."""
    return babel_dates.format_time(moment, format="medium", locale=_locale())


def month_names() -> list[str]:
    """January … December in the interface language (stand-alone, capitalized)."""
    names = babel_dates.get_month_names("wide", context="stand-alone", locale=_locale())
    return [names[i].capitalize() for i in range(1, 13)]


def weekday_initials() -> list[str]:
    """Monday … Sunday as short names."""
    names = babel_dates.get_day_names("short", context="stand-alone", locale=_locale())
    return [names[i].capitalize() for i in range(7)]
