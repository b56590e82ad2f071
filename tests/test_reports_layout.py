"""The report layouts over hand-made content: every report in every language and on both
papers renders, fonts are embedded, long texts wrap inside the page, suppressed groups print
"insufficient n", never a number."""

from __future__ import annotations

import re

import pytest
from reportlab.lib.pagesizes import A4, LETTER

import report_samples as samples
from pdfcheck import fonts, ink_outside_margins, page_sizes, text, to_png
from fieldapp.errors import ReportError
from fieldapp.reports.coop import write_coop_report
from fieldapp.reports.network import write_network_report
from fieldapp.reports.pages import MARGIN

LANGS = ("es", "en", "pt")
PAPERS = {"a4": A4, "letter": LETTER}
SUPPRESSED = {"es": "n insuficiente (n = 7)", "en": "insufficient n (n = 7)",
              "pt": "n insuficiente (n = 7)"}


def _rounded(size):
    return round(size[0]), round(size[1])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("paper", PAPERS)
def test_coop_report_renders_in_every_language_and_paper(tmp_path, lang, paper):
    out = tmp_path / "coop.pdf"
    pages = write_coop_report(samples.coop(), out, lang=lang, paper=paper)
    assert 3 <= pages <= 6
    assert {(round(w), round(h)) for w, h in page_sizes(out)} == {_rounded(PAPERS[paper])}
    found = text(out)
    assert "Cooperativa Cafetalera Montaña Verde" in found
    assert SUPPRESSED[lang] in found
    assert found.count("fieldapp 0.1.0") == pages
    to_png(out, f"coop-{lang}-{paper}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("paper", PAPERS)
def test_network_report_renders_landscape(tmp_path, lang, paper):
    out = tmp_path / "network.pdf"
    pages = write_network_report(samples.network(), out, lang=lang, paper=paper)
    width, height = PAPERS[paper]
    assert {(round(w), round(h)) for w, h in page_sizes(out)} == {_rounded((height, width))}
    found = text(out)
    assert SUPPRESSED[lang] in found
    assert pages >= 2
    to_png(out, f"network-{lang}-{paper}")


def test_fonts_are_embedded_and_print_accents_and_signs(tmp_path):
    out = tmp_path / "coop.pdf"
    write_coop_report(samples.coop(long=True), out, lang="pt")
    used = fonts(out)
    assert used and all(used.values()), used
    assert all("DejaVu" in name for name in used)
    found = text(out)
    for sign in ("ñ", "ã", "ç", "≥"):
        assert sign in found


@pytest.mark.parametrize("case", [
    dict(baseline=False),
    dict(livelihood=False),
    dict(long=True),
    dict(workers=True),
    dict(suppressed=True),
    dict(baseline=False, long=True, suppressed=True, workers=True, livelihood=True),
])
def test_edge_cases_stay_inside_the_page(tmp_path, case):
    out = tmp_path / "edge.pdf"
    write_coop_report(samples.coop(**case), out, lang="es")
    name = "edge-" + "-".join(k for k, v in case.items() if v) or "plain"
    for png in to_png(out, name, dpi=50):
        assert ink_outside_margins(png, margin_pt=MARGIN, dpi=50, footer_pt=MARGIN) == 0, png


def test_long_name_and_notes_wrap_and_are_printed_whole(tmp_path):
    out = tmp_path / "long.pdf"
    write_coop_report(samples.coop(long=True), out, lang="es")
    flat = re.sub(r"\s+", " ", text(out))
    # the long name wraps on the cover but every word is there
    for word in samples.LONG_NAME.split():
        assert word in flat
    assert flat.count("seguimiento de acuerdos depende de la gerencia") >= 14


def test_no_baseline_says_so(tmp_path):
    out = tmp_path / "nobase.pdf"
    write_coop_report(samples.coop(baseline=False), out, lang="en")
    found = text(out)
    assert "no baseline round" in found
    assert "There is no baseline round to compare with yet." in found
    assert " pp" not in found.split("The seven areas")[1].split("Strengths")[0]


def test_workers_organization_shows_not_applicable_area(tmp_path):
    out = tmp_path / "workers.pdf"
    write_coop_report(samples.coop(workers=True), out, lang="es")
    assert "no aplica" in text(out)


def test_unknown_paper_is_a_coded_error(tmp_path):
    with pytest.raises(ReportError) as caught:
        write_coop_report(samples.coop(), tmp_path / "x.pdf", paper="a5")
    assert caught.value.code == "REPORT_001"


def test_unwritable_output_is_a_coded_error(tmp_path):
    with pytest.raises(ReportError) as caught:
        write_coop_report(samples.coop(), tmp_path / "missing" / "x.pdf")
    assert caught.value.code == "REPORT_002"


def test_logo_on_the_cover(tmp_path):
    from PIL import Image
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), "grey").save(logo)
    report = samples.coop()
    report.logo = str(logo)
    out = tmp_path / "logo.pdf"
    write_coop_report(report, out)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    report.logo = str(bad)
    with pytest.raises(ReportError) as caught:
        write_coop_report(report, tmp_path / "y.pdf")
    assert caught.value.code == "REPORT_003"


def test_the_margin_check_sees_text_in_the_margin(tmp_path):
    """The check above is not blind: text drawn in the margin is found."""
    from reportlab.pdfgen.canvas import Canvas

    out = tmp_path / "margin.pdf"
    canvas = Canvas(str(out), pagesize=A4)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(8, 400, "overflow")
    canvas.save()
    png = to_png(out, "margin-check", dpi=50)[0]
    assert ink_outside_margins(png, margin_pt=MARGIN, dpi=50, footer_pt=MARGIN) > 0
