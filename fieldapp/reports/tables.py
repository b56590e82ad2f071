"""Tables that wrap long text inside their columns and never run off the page.

Every cell becomes a Paragraph in the column's width, so a long organization name or a long
note wraps; rows may split across pages (``splitInRow``) and the header row repeats.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from fieldapp.reports.styles import DARK, LIGHT, MID, PALE, Styles


@dataclass(slots=True)
class Column:
    """A column: its header, its share of the table's width, and whether it holds numbers
    (right-aligned)."""

    header: str
    share: float
    numeric: bool = False


def cell_text(value: object) -> str:
    """Plain text made safe for a Paragraph (``<``, ``&`` escaped; newlines kept)."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def _cell(value: object, style) -> Flowable:
    if isinstance(value, Flowable):
        return value
    if isinstance(value, Markup):
        return Paragraph(value.text, style)
    return Paragraph(cell_text(value), style)


@dataclass(slots=True)
class Markup:
    """Cell text that already holds Paragraph markup (``<b>``), written as is."""

    text: str


def make_table(columns: list[Column], rows: list[list[object]], *, width: float,
               styles: Styles, bold_rows: tuple[int, ...] = (),
               shaded_rows: tuple[int, ...] = ()) -> Table:
    """A table ``width`` wide; ``bold_rows``/``shaded_rows`` index into ``rows`` (0 = first
    data row) for totals and section rows."""
    total = sum(c.share for c in columns)
    widths = [width * c.share / total for c in columns]
    head = [_cell(Markup(cell_text(c.header)),
                  styles.cell_head_num if c.numeric else styles.cell_head) for c in columns]
    data = [head]
    for index, row in enumerate(rows):
        bold = index in bold_rows
        out = []
        for column, value in zip(columns, row):
            if column.numeric:
                style = styles.cell_head_num if bold else styles.cell_num
            else:
                style = styles.cell_head if bold else styles.cell
            out.append(_cell(value, style))
        data.append(out)
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1,
                  hAlign="LEFT")
    commands = [
        # cells hold Paragraphs, but the table still sets a font (Helvetica, never embedded)
        ("FONT", (0, 0), (-1, -1), styles.cell.fontName, styles.cell.fontSize),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, DARK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, MID),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ]
    for index in shaded_rows:
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), PALE))
    table.setStyle(TableStyle(commands))
    return table
