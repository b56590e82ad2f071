"""Values written for people in a language given as an argument (the shared formatting)."""

from __future__ import annotations

from fieldapp import formatting, i18n


def test_the_language_is_an_argument_not_the_interface_state():
    previous = i18n.current_language()
    i18n.set_language("en")
    try:
        assert formatting.percent(84.95, lang="es").startswith("85,0")
        assert formatting.percent(84.95, lang="en") == "85.0%"
        assert formatting.number(1234.5, lang="pt") == "1.234,5"
        assert formatting.country_name("PE", "es") == "Perú"
        assert formatting.country_name("BR", "pt") == "Brasil"
        assert formatting.country_name("XX", "en") == "XX"
        assert formatting.status_label("draft", lang="es") == "borrador"
        assert formatting.status_label("final", deleted=True, lang="pt") != "deleted"
        assert formatting.form_title("medios_de_vida", lang="en") == "Livelihood perception survey"
        assert formatting.form_title("custom", "My form", lang="es") == "My form"
        assert formatting.start_label("custom", "Mine", lang="en") == "New: Mine"
    finally:
        i18n.set_language(previous)


def test_portuguese_is_brazilian_once():
    assert formatting.locale_code("pt") == "pt_BR" and formatting.locale_code("es") == "es"
    assert formatting.read_day("23/11/2026", lang="pt") == "2026-11-23"
    assert formatting.read_day("not a date", lang="es") is None


def test_score_text_rounds_as_bands_are_decided():
    assert formatting.score_text(84.85, lang="en") == "84.9%"
    assert formatting.score_text(3.25, percent_scale=False, lang="es") == "3,3"
    assert formatting.score_text(75.0, low=40.04, high=93.96, lang="en") == "75.0% [40.0; 94.0]"
    assert formatting.score_text(None, lang="es") == "datos insuficientes"
