"""The reports' fast paths change nothing printed: a paragraph wrapped once per width gives
the same PDF, byte for byte, as reportlab's own Paragraph (long texts split across pages
included); a number written once per language reads as fieldapp.formatting writes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.platypus import KeepTogether, Table
from reportlab.platypus import Paragraph as ReportlabParagraph

import report_samples as samples
from fieldapp import formatting as fmt
from fieldapp.reports.coop import coop_story
from fieldapp.reports.network import network_story
from fieldapp.reports.pages import LANDSCAPE, Footer, build_pdf
from fieldapp.reports.paragraph import Paragraph
from fieldapp.reports.styles import make_styles
from fieldapp.reports.wording import Wording

FOOTER = Footer("Feedback report · Cooperativa", "Generated 28/11/2026 · fieldapp", "{page}/{pages}")


def _with_reportlab_paragraphs(items: list) -> list:
    """The same story with every paragraph a plain ``reportlab.platypus.Paragraph``."""
    out = []
    for item in items:
        if isinstance(item, Paragraph):
            item = ReportlabParagraph(item.text, item.style, bulletText=item.bulletText)
        elif isinstance(item, KeepTogether):
            item._content = _with_reportlab_paragraphs(item._content)
        elif isinstance(item, Table):
            item._cellvalues = [
                [_with_reportlab_paragraphs(c) if isinstance(c, list)
                 else _with_reportlab_paragraphs([c])[0] for c in row]
                for row in item._cellvalues]
        out.append(item)
    return out


def _count(items: list) -> int:
    found = 0
    for item in items:
        if isinstance(item, Paragraph):
            found += 1
        elif isinstance(item, KeepTogether):
            found += _count(item._content)
        elif isinstance(item, Table):
            found += _count([c for row in item._cellvalues for c in row])
    return found


def _pdf(path, story, paper: str, first: str = "portrait") -> bytes:
    build_pdf(path, story, paper=paper, footer=FOOTER, title="t", first=first)
    return path.read_bytes()


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("lang", ["es", "pt"])
def test_paragraphs_wrapped_once_print_what_reportlab_prints(tmp_path, monkeypatch, paper,
                                                             lang):
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the bytes
    content = samples.coop(long=True)
    ours = coop_story(content, lang=lang, paper=paper)
    assert _count(ours) > 40
    plain = _with_reportlab_paragraphs(coop_story(content, lang=lang, paper=paper))
    assert _count(plain) == 0
    assert _pdf(tmp_path / "ours.pdf", ours, paper) == _pdf(tmp_path / "plain.pdf", plain, paper)


def test_network_tables_split_across_pages_print_what_reportlab_prints(tmp_path, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)
    report = samples.network()
    ours = network_story(report, lang="es", paper="a4")
    plain = _with_reportlab_paragraphs(network_story(report, lang="es", paper="a4"))
    assert _pdf(tmp_path / "ours.pdf", ours, "a4", LANDSCAPE) == \
        _pdf(tmp_path / "plain.pdf", plain, "a4", LANDSCAPE)


NUMBER = st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from([0.0, -0.0, 84.95,
                                                                             -0.04, 39.95]))


@settings(max_examples=300, deadline=None)
@given(value=NUMBER, integer=st.integers(-10**7, 10**7), lang=st.sampled_from(["es", "en", "pt"]),
       decimals=st.sampled_from([0, 1, 3]))
def test_numbers_written_once_read_as_formatting_writes_them(value, integer, lang, decimals):
    w = Wording(lang)
    for _twice in range(2):
        assert w.percent(value) == fmt.percent(value, lang=lang)
        assert w.number(value, decimals) == fmt.number(value, decimals, lang=lang)
        assert w.integer(integer) == fmt.integer(integer, lang=lang)
    assert w.percent(None) == w.number(None) == w.integer(None) == ""


def test_minus_zero_is_not_written_as_zero():
    w = Wording("es")
    assert w.number(0.0) == fmt.number(0.0, lang="es")
    assert w.number(-0.0) == fmt.number(-0.0, lang="es")
    assert w.number(0.0) == fmt.number(0.0, lang="es")



WORDS = st.lists(st.sampled_from(["acción", "más", "señal", "Cooperativa", "de", "la",
                                  "<b>negrita</b>", "organización", "≥", "85,0 %"]),
                 min_size=1, max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(text=WORDS, widths=st.lists(st.sampled_from([0.5, 40.0, 90.5, 160.0, 400.0]),
                                   min_size=1, max_size=8),
       split_at=st.sampled_from([None, 1.0, 30.0]))
def test_a_paragraph_wrapped_again_has_reportlabs_lines(text, widths, split_at):
    """The same calls (wrap at these widths, in this order, repeats included, each after a
    split that may drop the lines) leave both paragraphs with the same size and lines."""
    style = make_styles().body
    ours, theirs = Paragraph(text, style), ReportlabParagraph(text, style)
    for width in widths:
        if split_at is not None:
            assert len(ours.split(width, split_at)) == len(theirs.split(width, split_at))
        assert ours.wrap(width, 500) == theirs.wrap(width, 500)
        assert _lines(ours) == _lines(theirs)


def _lines(paragraph) -> str:
    return repr(paragraph.blPara)  # reportlab's bags print every attribute


TEXT = st.lists(st.sampled_from(["acción", "más", "  ", "\n", "señal", "85,0 %", "≥", "a&amp;b",
                                 "<b>negrita</b>", "Cooperativa", "–", "n = 7"]),
                max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(text=TEXT, name=st.sampled_from(["body", "cell", "cell_num", "h1", "note"]))
def test_a_plain_text_parsed_once_gives_reportlabs_fragments(text, name):
    style = getattr(make_styles(), name)
    for _twice in range(2):  # the second comes from what the first parsed
        ours, theirs = Paragraph(text, style), ReportlabParagraph(text, style)
        assert (ours.text, repr(ours.frags), ours.style) == \
            (theirs.text, repr(theirs.frags), theirs.style)
        assert all(a is not b for a, b in zip(ours.frags, Paragraph(text, style).frags))
