"""The reports' Paragraph: reportlab's, keeping its lines for the width it was last wrapped
to.

A table wraps each cell once to measure its row and again to draw it, and a block kept
together is wrapped whole and then paragraph by paragraph: breaking the same text into the
same lines again was a fifth of a feedback report's layout time. Wrapping depends on the
width alone (the text and style do not change after construction), so a second call with
the same width returns the size of the first, leaving the lines as they are.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportlabParagraph


class Paragraph(_ReportlabParagraph):
    """``reportlab.platypus.Paragraph`` that wraps once per width (see the module docstring)."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size
