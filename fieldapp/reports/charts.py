"""Vector charts for the reports (reportlab.graphics), legible on a black-and-white printer.

Every bar carries its number written on it or beside it, so nothing has to be read off an
axis, and the two series of a comparison differ by shade *and* by thickness. The charts take
numbers already computed and already formatted text: they compute nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.reports import fonts
from fieldapp.reports.styles import DARK, INK, LIGHT, MID, PALE, WHITE


@dataclass(slots=True)
class Band:
    """A band of the index: from ``lower`` (0–100) up to the next band, with its name."""

    lower: float
    label: str


@dataclass(slots=True)
class Bar:
    """One row of a bar chart: a label, this round and (optionally) the baseline.

    A value of None draws no bar and writes the ``*_text`` instead (e.g. "insufficient data").
    """

    label: str
    current: float | None
    current_text: str
    baseline: float | None = None
    baseline_text: str = ""


@dataclass(slots=True)
class Interval:
    """One row of an interval chart: a share (0–100) with its 95% interval, or only a text."""

    label: str
    value: float | None
    low: float | None
    high: float | None
    text: str
    heading: bool = False  # a group's title row: bold label, nothing drawn


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    # the renderer starts each drawing in this font: Helvetica would be listed unembedded
    d.initialFontName = fonts.REGULAR
    return d


def _x(value: float, left: float, width: float) -> float:
    return left + max(0.0, min(100.0, value)) / 100.0 * width


def _text(x: float, y: float, text: str, size: float = 8, *, bold: bool = False,
          anchor: str = "start", colour=INK) -> String:
    return String(x, y, text, fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=size,
                  fillColor=colour, textAnchor=anchor)


def _width(text: str, size: float, bold: bool = False) -> float:
    return stringWidth(text, fonts.BOLD if bold else fonts.REGULAR, size)


def _value_label(d: Drawing, end: float, y: float, height: float, text: str, size: float,
                 limit: float, *, bold: bool = True) -> None:
    """Write ``text`` inside the bar's end when it fits, else just after it."""
    w = _width(text, size, bold)
    baseline = y + (height - size * 0.7) / 2
    if end + 4 + w <= limit:
        d.add(_text(end + 4, baseline, text, size, bold=bold))
    else:
        d.add(_text(end - 4, baseline, text, size, bold=bold, anchor="end", colour=WHITE))


def index_gauge(width: float, *, value: float | None, value_text: str, bands: list[Band],
                target: float | None = None, target_text: str = "",
                baseline: float | None = None, baseline_text: str = "") -> Drawing:
    """The development index as a thick bar over its named bands, the target as a dashed line
    (named on the scale) and the baseline as a thin bar beneath; every number is written out."""
    fonts.register()
    has_baseline = baseline is not None or bool(baseline_text)
    height = 92 if has_baseline else 70
    d = _drawing(width, height)
    left, right = 4.0, width - 4.0
    span = right - left
    strip_h = 30
    strip_y = height - 24 - strip_h
    edges = [b.lower for b in bands] + [100.0]
    target_x = _x(target, left, span) if target is not None else None
    for i, band in enumerate(bands):
        x0, x1 = _x(edges[i], left, span), _x(edges[i + 1], left, span)
        d.add(Rect(x0, strip_y, x1 - x0, strip_h, fillColor=(PALE, LIGHT)[i % 2],
                   strokeColor=None))
        lines = simpleSplit(band.label, fonts.REGULAR, 7.5, max(x1 - x0 - 4, 20))[:2]
        for j, line in enumerate(lines):
            d.add(_text((x0 + x1) / 2, strip_y + strip_h + 4 + (len(lines) - 1 - j) * 9, line,
                        7.5, anchor="middle", colour=DARK))
        if target_x is None or abs(x0 - target_x) > 30:
            d.add(_text(x0 + (1 if i == 0 else 0), strip_y - 10, _tick(edges[i]), 7,
                        anchor="start" if i == 0 else "middle", colour=MID))
    if target_x is None or abs(right - target_x) > 40:
        d.add(_text(right, strip_y - 10, "100", 7, anchor="end", colour=MID))
    if value is not None:
        end = _x(value, left, span)
        d.add(Rect(left, strip_y + 6, end - left, strip_h - 12, fillColor=DARK,
                   strokeColor=None))
        _value_label(d, end, strip_y + 6, strip_h - 12, value_text, 11, right)
    else:
        d.add(_text(left + 6, strip_y + 11, value_text, 10, bold=True))
    if target_x is not None:
        d.add(Line(target_x, strip_y - 3, target_x, strip_y + strip_h + 3, strokeColor=INK,
                   strokeWidth=1.5, strokeDashArray=[3, 2]))
        w = _width(target_text, 8, True)
        anchor = "end" if target_x + w / 2 > right else "middle"
        d.add(_text(target_x, strip_y - 11, target_text, 8, bold=True, anchor=anchor))
    if baseline is not None:
        base_y = strip_y - 30
        end = _x(baseline, left, span)
        d.add(Rect(left, base_y, end - left, 10, fillColor=MID, strokeColor=None))
        if end + 4 + _width(baseline_text, 8) <= right:
            d.add(_text(end + 4, base_y + 2, baseline_text, 8, colour=DARK))
        else:
            d.add(_text(end - 4, base_y + 2, baseline_text, 8, anchor="end", colour=WHITE))
    elif baseline_text:
        d.add(_text(left, strip_y - 28, baseline_text, 8, colour=DARK))
    return d


def _tick(value: float) -> str:
    return f"{value:g}"


def bar_chart(width: float, rows: list[Bar], *, current_legend: str, baseline_legend: str = "",
              target: float | None = None, target_text: str = "",
              label_share: float = 0.36) -> Drawing:
    """Horizontal bars 0–100, one group per row: this round thick and dark, the baseline thin
    and light with an outline; the value written beside each bar; the target a dashed line
    named in the legend."""
    fonts.register()
    with_baseline = any(r.baseline is not None or r.baseline_text for r in rows)
    label_w = width * label_share
    left = label_w + 6
    right = width - 74  # room for the value written after a full bar
    span = right - left
    label_size = 8.5
    wrapped = [simpleSplit(r.label, fonts.REGULAR, label_size, label_w)[:3] for r in rows]
    row_h = [max(30 if with_baseline else 20, len(lines) * (label_size + 2) + 8)
             for lines in wrapped]
    legend_h, axis_h = 20, 14
    height = legend_h + sum(row_h) + axis_h
    d = _drawing(width, height)
    top = height - legend_h
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick, left, span)
        d.add(Line(x, axis_h, x, top, strokeColor=PALE, strokeWidth=0.6))
        d.add(_text(x, 3, str(tick), 7, anchor="middle", colour=MID))
    if target is not None:
        tx = _x(target, left, span)
        d.add(Line(tx, axis_h, tx, top, strokeColor=INK, strokeWidth=1,
                   strokeDashArray=[3, 2]))
    _legend(d, left, height - 12, current_legend, baseline_legend if with_baseline else "",
            target_text if target is not None else "")
    y = top
    for row, lines, h in zip(rows, wrapped, row_h):
        y -= h
        block = len(lines) * (label_size + 2)
        first = y + (h + block) / 2 - label_size
        for j, line in enumerate(lines):
            d.add(_text(0, first - j * (label_size + 2), line, label_size))
        bar_h = 11
        cur_y = y + h / 2 + (1 if with_baseline else -bar_h / 2)
        if row.current is not None:
            end = _x(row.current, left, span)
            d.add(Rect(left, cur_y, end - left, bar_h, fillColor=DARK, strokeColor=None))
            _backed_text(d, end + 4, cur_y + 2.5, row.current_text, 8.5, bold=True)
        else:
            _backed_text(d, left + 2, cur_y + 2.5, row.current_text, 8, colour=DARK)
        if with_baseline:
            base_y = y + h / 2 - 9
            if row.baseline is not None:
                end = _x(row.baseline, left, span)
                d.add(Rect(left, base_y, end - left, 7, fillColor=LIGHT, strokeColor=MID,
                           strokeWidth=0.5))
                _backed_text(d, end + 4, base_y, row.baseline_text, 7.5, colour=DARK)
            elif row.baseline_text:
                _backed_text(d, left + 2, base_y, row.baseline_text, 7.5, colour=DARK)
    return d


def _backed_text(d: Drawing, x: float, y: float, text: str, size: float, *,
                 bold: bool = False, colour=INK) -> None:
    """Text on a white patch, so a grid or target line behind it never crosses a number."""
    w = _width(text, size, bold)
    d.add(Rect(x - 1, y - 2, w + 2, size + 2, fillColor=WHITE, strokeColor=None))
    d.add(_text(x, y, text, size, bold=bold, colour=colour))


def _legend(d: Drawing, x: float, y: float, current: str, baseline: str,
            target: str = "") -> None:
    d.add(Rect(x, y, 14, 8, fillColor=DARK, strokeColor=None))
    d.add(_text(x + 18, y, current, 8))
    x += 18 + _width(current, 8) + 16
    if baseline:
        d.add(Rect(x, y + 1, 14, 6, fillColor=LIGHT, strokeColor=MID, strokeWidth=0.5))
        d.add(_text(x + 18, y, baseline, 8))
        x += 18 + _width(baseline, 8) + 16
    if target:
        d.add(Line(x, y + 4, x + 14, y + 4, strokeColor=INK, strokeWidth=1,
                   strokeDashArray=[3, 2]))
        d.add(_text(x + 18, y, target, 8))


def interval_chart(width: float, rows: list[Interval], *, label_share: float = 0.30,
                   text_share: float = 0.30) -> Drawing:
    """Shares as a dot with its 95% interval as a whisker, the numbers written to the right;
    a row without a value (a suppressed group) shows only its text."""
    fonts.register()
    label_w = width * label_share
    text_w = width * text_share
    left, right = label_w + 8, width - text_w - 8
    span = right - left
    row_h, axis_h = 20, 14
    height = len(rows) * row_h + axis_h
    d = _drawing(width, height)
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick, left, span)
        d.add(Line(x, axis_h, x, height, strokeColor=PALE, strokeWidth=0.6))
        d.add(_text(x, 3, f"{tick} %", 7, anchor="middle", colour=MID))
    y = height
    for row in rows:
        y -= row_h
        mid = y + row_h / 2
        face = fonts.BOLD if row.heading else fonts.REGULAR
        label = simpleSplit(row.label, face, 8.5, label_w - (0 if row.heading else 8))[:1]
        d.add(_text(0 if row.heading else 8, mid - 3, label[0] if label else "", 8.5,
                    bold=row.heading))
        if row.heading:
            continue
        if row.value is not None:
            if row.low is not None and row.high is not None:
                x0, x1 = _x(row.low, left, span), _x(row.high, left, span)
                d.add(Line(x0, mid, x1, mid, strokeColor=INK, strokeWidth=1.2))
                d.add(Line(x0, mid - 4, x0, mid + 4, strokeColor=INK, strokeWidth=1.2))
                d.add(Line(x1, mid - 4, x1, mid + 4, strokeColor=INK, strokeWidth=1.2))
            x = _x(row.value, left, span)
            d.add(Rect(x - 3.5, mid - 3.5, 7, 7, fillColor=INK, strokeColor=WHITE,
                       strokeWidth=0.5))
        d.add(_text(right + 10, mid - 3, row.text, 8, bold=row.value is not None,
                    colour=INK if row.value is not None else DARK))
    return d
