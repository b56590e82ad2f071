"""Paragraph styles and the grey palette of the printed reports (black-and-white printers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from fieldapp.reports import fonts

# Greys chosen to stay distinct on a cheap laser printer and a photocopy of it
INK = colors.black
DARK = colors.Color(0.25, 0.25, 0.25)
MID = colors.Color(0.55, 0.55, 0.55)
LIGHT = colors.Color(0.80, 0.80, 0.80)
PALE = colors.Color(0.93, 0.93, 0.93)
WHITE = colors.white


@dataclass(slots=True)
class Styles:
    """The paragraph styles of the reports (built once per process and kind of report)."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_num: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_num: ParagraphStyle
    big: ParagraphStyle
    label: ParagraphStyle


@lru_cache(maxsize=8)
def make_styles(*, condensed_tables: bool = False, table_size: float = 9) -> Styles:
    """The styles; ``condensed_tables`` uses the narrow face for wide landscape tables.

    The same objects for the same arguments, so a batch's paragraphs find the texts already
    parsed in them (see ``paragraph.py``); nothing changes a style once made."""
    fonts.register()
    face = fonts.REGULAR
    bold = fonts.BOLD
    table_face = fonts.CONDENSED if condensed_tables else fonts.REGULAR
    table_bold = fonts.CONDENSED_BOLD if condensed_tables else fonts.BOLD
    body = ParagraphStyle("body", fontName=face, fontSize=10.5, leading=14.5, textColor=INK,
                          spaceAfter=6, alignment=TA_LEFT)
    cell = ParagraphStyle("cell", fontName=table_face, fontSize=table_size,
                          leading=table_size * 1.25, textColor=INK)
    head = ParagraphStyle("cell_head", parent=cell, fontName=table_bold)
    return Styles(
        title=ParagraphStyle("title", fontName=bold, fontSize=22, leading=27, spaceAfter=10,
                             textColor=INK),
        subtitle=ParagraphStyle("subtitle", fontName=face, fontSize=13, leading=17,
                                spaceAfter=6, textColor=DARK),
        h1=ParagraphStyle("h1", fontName=bold, fontSize=15, leading=19, spaceBefore=6,
                          spaceAfter=8, textColor=INK, keepWithNext=1),
        h2=ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8,
                          spaceAfter=4, textColor=INK, keepWithNext=1),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=9, leading=12, spaceAfter=3),
        note=ParagraphStyle("note", parent=body, fontSize=9, leading=12, textColor=DARK,
                            spaceAfter=4),
        cell=cell,
        cell_num=ParagraphStyle("cell_num", parent=cell, alignment=TA_RIGHT),
        cell_head=head,
        cell_head_num=ParagraphStyle("cell_head_num", parent=head, alignment=TA_RIGHT),
        big=ParagraphStyle("big", fontName=bold, fontSize=28, leading=32, alignment=TA_CENTER),
        label=ParagraphStyle("label", fontName=face, fontSize=9, leading=11, textColor=DARK,
                             alignment=TA_CENTER),
    )
