"""The report typefaces: DejaVu, shipped in ``reports/fonts/`` and embedded in every PDF.

reportlab's built-in Helvetica is not embedded and has no "≥"; DejaVu covers Spanish and
Portuguese ("ñ", "ã", "ç") and the signs the reports print ("≥", "–", "±"). The TTF files sit
in the package (see ``LICENSE-DejaVu.txt`` beside them), so the Windows and frozen builds find
them without any system font.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldapp import paths

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"
_FILES = (REGULAR, BOLD, ITALIC, CONDENSED, CONDENSED_BOLD)
_registered = False


def register() -> None:
    """Register the typefaces with reportlab once per process (cheap after the first call)."""
    global _registered
    if _registered:
        return
    folder = paths.report_fonts_dir()
    for name in _FILES:
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    # <b> and <i> inside a Paragraph pick the right file
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    addMapping(CONDENSED, 0, 0, CONDENSED)
    addMapping(CONDENSED, 1, 0, CONDENSED_BOLD)
    addMapping(CONDENSED, 0, 1, CONDENSED)
    addMapping(CONDENSED, 1, 1, CONDENSED_BOLD)
    _registered = True
