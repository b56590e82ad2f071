"""Tables that wrap long text inside their columns and never run off the page.

Every cell becomes a Paragraph in the column's width, so a long organization name or a long
note wraps; rows may split across pages (``splitInRow``) and the header row repeats.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from fieldapp.reports.paragraph import Paragraph
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


@dataclass(slots=True)
class Markup:
    """Cell text that already holds Paragraph markup (``<b>``), written as is."""

    text: str


def _cell(value: object, style) -> Flowable:
    if isinstance(value, Flowable):
        return value
    if isinstance(value, Markup):
        return Paragraph(value.text, style)
    return Paragraph(cell_text(value), style)


def make_table(columns: list[Column], rows: list[list[object]], *, width: float,
               styles: Styles, bold_rows: tuple[int, ...] = (),
               shaded_rows: tuple[int, ...] = ()) -> Table:
    """A table ``width`` wide; ``bold_rows``/``shaded_rows`` index into ``rows`` (0 = first
    data row) for totals and section rows.

    A cell that fits on one line stays plain text (drawn directly: a Paragraph for each of
    the hundreds of short numbers would double the time a report takes); a longer one becomes
    a Paragraph and wraps inside its column.
    """
    total = sum(c.share for c in columns)
    widths = [width * c.share / total for c in columns]
    head = [_cell(Markup(cell_text(c.header)),
                  styles.cell_head_num if c.numeric else styles.cell_head) for c in columns]
    data = [head]
    for index, row in enumerate(rows):
        bold = index in bold_rows
        out: list[object] = []
        for column, room, value in zip(columns, widths, row):
            if column.numeric:
                style = styles.cell_head_num if bold else styles.cell_num
            else:
                style = styles.cell_head if bold else styles.cell
            if isinstance(value, str) and _fits(value, style, room - 2 * _PAD):
                out.append(value)
            else:
                out.append(_cell(value, style))
        data.append(out)
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1,
                  hAlign="LEFT")
    cell = styles.cell
    commands = [
        # plain cells are drawn in the cell style (the table's own default is Helvetica,
        # which is never embedded)
        ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, DARK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, MID),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ]
    for number, column in enumerate(columns):
        if column.numeric:
            commands.append(("ALIGN", (number, 1), (number, -1), "RIGHT"))
    for index in bold_rows:
        commands.append(("FONT", (0, index + 1), (-1, index + 1), styles.cell_head.fontName,
                         cell.fontSize, cell.leading))
    for index in shaded_rows:
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), PALE))
    table.setStyle(TableStyle(commands))
    return table


_PAD = 3


def _fits(text: str, style, room: float) -> bool:
    return "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= room
