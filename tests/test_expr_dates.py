"""Date and time functions (the test clock is 2024-03-15 10:30:00 at UTC−05:00)."""

import math
from datetime import date, datetime, timedelta, timezone

import pytest
from exprtree import evaluate

from fieldapp import i18n
from fieldapp.errors import ExprError
from fieldapp.expr import to_string

DATA = {"d": "2024-03-01", "dt": "2024-03-14T20:00:00.000-05:00", "t": "18:00:00.000-05:00",
        "b": ""}
TODAY = 19797  # 2024-03-15: 2024-03-01 is 19783 (54 years of 365 days + 13 leap days + 59)


def ev(text):
    return evaluate(text, DATA)


def s(text):
    return to_string(ev(text))


def test_today_and_now_come_from_the_context_clock():
    assert ev("today()") == date(2024, 3, 15)
    assert s("today()") == "2024-03-15"
    assert ev("now()") == datetime(2024, 3, 15, 10, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert s("now()") == "2024-03-15T10:30:00.000-05:00"
    assert ev("number(today())") == TODAY


@pytest.mark.parametrize(
    "text, expected",
    [
        ("date('2024-03-01')", "2024-03-01"),
        ("date(19783)", "2024-03-01"),
        ("date(0)", "1970-01-01"),
        ("date(-1)", "1969-12-31"),
        ("date(1.9)", "1970-01-02"),  # truncated, as JavaRosa
        ("date(${dt})", "2024-03-14"),  # the day on the answer's own clock
        ("date(today())", "2024-03-15"),
        ("date(${d} + 7)", "2024-03-08"),
        ("date(today() - 30)", "2024-02-14"),
        ("date(${b})", ""),
        ("date(${b} + 1)", ""),  # NaN: an empty answer stays empty
        ("date-time('2024-03-01T10:05:00.250-03:00')", "2024-03-01T10:05:00.250-03:00"),
        ("date-time('2024-03-01')", "2024-03-01T00:00:00.000-05:00"),  # local time
        ("date-time('2024-03-01T10:00:00')", "2024-03-01T10:00:00.000-05:00"),
        ("date-time('2024-03-01T10:00:00Z')", "2024-03-01T10:00:00.000+00:00"),
        ("date-time(0.5)", "1970-01-01T12:00:00.000-05:00"),
        ("date-time(${b})", ""),
    ],
)
def test_date_and_date_time(text, expected):
    assert s(text) == expected


@pytest.mark.parametrize("text", ["date('garbage')", "date('2024-02-30')", "date(1 div 0)",
                                  "date(true())", "date-time('10:00')", "format-date('x', '%Y')",
                                  "decimal-time('noon')", "decimal-date-time('2024-13-01')"])
def test_text_that_is_not_a_date_is_a_runtime_error(text):
    with pytest.raises(ExprError) as caught:
        ev(text)
    assert caught.value.code == "EXPR_004"
    assert caught.value.context["expression"] == text


@pytest.mark.parametrize(
    "text, expected",
    [
        # the UTC instant, as JavaRosa: 06:00-08:00 is 14:00Z; the clock's zone is -05:00
        ("decimal-date-time('1970-01-02T06:00:00.000-08:00')", 1 + 14 / 24),
        ("decimal-date-time('2024-03-01')", 19783 + 5 / 24),
        ("decimal-date-time(now())", TODAY + 15.5 / 24),
        ("decimal-date-time(2.5)", 2.5),
        ("decimal-date-time(${dt}) - decimal-date-time(${d})", 13 + 20 / 24),
        ("decimal-date(${dt})", TODAY - 1),
        ("decimal-time('12:00:00.000-05:00')", 0.5),
        ("decimal-time(${t})", 0.75),
        ("decimal-time('06:00')", 0.25),
        ("decimal-time(now())", 10.5 / 24),
        ("decimal-time(${dt})", 20 / 24),
        ("decimal-time(1.25)", 0.25),
    ],
)
def test_decimal_dates_and_times(text, expected):
    assert ev(text) == pytest.approx(expected)


def test_an_offset_beyond_59_minutes_is_not_a_date_time():
    with pytest.raises(ExprError):
        ev("decimal-date-time('2024-03-14T20:00:00.000-07:60')")
    assert ev("decimal-date-time('1970-01-01T17:00:00.000-07:00')") == pytest.approx(1.0)


@pytest.mark.parametrize("text", ["decimal-date-time(${b})", "decimal-time(${b})",
                                  "decimal-date(${missing})"])
def test_decimal_of_an_empty_answer_is_nan(text):
    assert math.isnan(ev(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("format-date(${d}, '%Y/%m/%d')", "2024/03/01"),
        ("format-date(${d}, '%y %n %e')", "24 3 1"),
        ("format-date(${d}, '%a %e %b')", "Fri 1 Mar"),  # 2024-03-01 was a Friday
        ("format-date(today(), '%d/%m/%Y')", "15/03/2024"),
        ("format-date(${d}, '%H:%M')", "00:00"),
        ("format-date(${d}, 'day %d, %Q')", "day 01, %Q"),  # unknown fields stay
        ("format-date-time('2024-03-01T09:05:07.045-05:00', '%H:%M:%S.%3 %h')", "09:05:07.045 9"),
        ("format-date-time(${dt}, '%Y-%m-%d %H:%M')", "2024-03-14 20:00"),
        ("format-date(${b}, '%Y')", ""),
        ("format-date(19783, '%Y-%m-%d')", "2024-03-01"),
    ],
)
def test_format_date(text, expected):
    assert s(text) == expected


def test_month_and_day_names_follow_the_interface_language():
    previous = i18n.current_language()
    i18n.set_language("es")
    try:
        assert s("format-date(${d}, '%a %e %b')") == "vie 1 mar"
    finally:
        i18n.set_language(previous)
