"""Page templates: A4 or Letter, portrait and landscape pages in one document, and a footer
on every page with the report's name, the date it was generated, the app version and
"page n of N"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from fieldapp.errors import ReportError
from fieldapp.reports import fonts
from fieldapp.reports.styles import DARK, LIGHT

PAPERS = {"a4": A4, "letter": LETTER}
PORTRAIT = "portrait"
LANDSCAPE = "landscape"
MARGIN = 18 * mm
FOOTER_GAP = 9 * mm


@dataclass(slots=True)
class Footer:
    """What every page prints at its foot: ``left`` (shortened to fit), ``centre`` (the date
    generated and the version) and ``page_of``, a template with {page} and {pages}."""

    left: str
    centre: str
    page_of: str


def paper_size(paper: str) -> tuple[float, float]:
    """The portrait size of ``a4`` or ``letter``.

    :raises ReportError: REPORT_001 for any other name
    """
    try:
        return PAPERS[paper.lower()]
    except (KeyError, AttributeError):
        raise ReportError("REPORT_001", paper=paper) from None


class _NumberedCanvas(Canvas):
    """Keeps each page until the end so the footer can say "page 3 of 6"."""

    def __init__(self, *args, footer: Footer, **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _height = self._pagesize
        y = MARGIN - FOOTER_GAP
        size = 7.5
        right = self._footer.centre + "  ·  " + self._footer.page_of.format(page=number,
                                                                          pages=total)
        room = width - 2 * MARGIN - stringWidth(right, fonts.REGULAR, size) - 24
        left = self._footer.left
        while left and stringWidth(left, fonts.REGULAR, size) > room:
            left = left[:-2] + "…"
        self.saveState()
        self.setStrokeColor(LIGHT)
        self.setLineWidth(0.5)
        self.line(MARGIN, y + 10, width - MARGIN, y + 10)
        self.setFillColor(DARK)
        self.setFont(fonts.REGULAR, size)
        self.drawString(MARGIN, y, left)
        self.drawRightString(width - MARGIN, y, right)
        self.restoreState()


def _frame(size: tuple[float, float], name: str) -> Frame:
    width, height = size
    return Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id=name,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


def frame_width(paper: str, orientation: str = PORTRAIT) -> float:
    """The width a flowable may use on a page of this paper and orientation."""
    size = paper_size(paper)
    size = landscape(size) if orientation == LANDSCAPE else portrait(size)
    return size[0] - 2 * MARGIN


def frame_height(paper: str, orientation: str = PORTRAIT) -> float:
    size = paper_size(paper)
    size = landscape(size) if orientation == LANDSCAPE else portrait(size)
    return size[1] - 2 * MARGIN


def build_pdf(out: str | Path | BinaryIO, story: list, *, paper: str, footer: Footer,
              title: str, author: str = "", first: str = PORTRAIT) -> int:
    """Lay ``story`` out on ``paper`` and write the PDF; returns the number of pages.

    ``first`` is the orientation of the first page; ``NextPageTemplate(...)`` in the story
    turns the following ones.

    :raises ReportError: REPORT_001 for an unknown paper, REPORT_002 when ``out`` cannot be
        written (a missing folder, a PDF open in another program)
    """
    fonts.register()
    size = paper_size(paper)
    doc = BaseDocTemplate(out if not isinstance(out, Path) else str(out),
                          pagesize=portrait(size), title=title, author=author,
                          creator="fieldapp", leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=MARGIN,
                          # each page starts in DejaVu: the default, Helvetica, is not embedded
                          initialFontName=fonts.REGULAR, initialFontSize=10)
    templates = [
        PageTemplate(id=PORTRAIT, frames=[_frame(portrait(size), PORTRAIT)],
                     pagesize=portrait(size)),
        PageTemplate(id=LANDSCAPE, frames=[_frame(landscape(size), LANDSCAPE)],
                     pagesize=landscape(size)),
    ]
    if first == LANDSCAPE:
        templates.reverse()
    doc.addPageTemplates(templates)
    try:
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer))
    except OSError as exc:
        raise ReportError("REPORT_002", path=str(out), detail=exc.strerror or exc) from exc
    return doc.page
