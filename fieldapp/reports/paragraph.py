"""The reports' Paragraph: reportlab's, keeping its lines for the width it was last wrapped
to.

A table wraps each cell once to measure its row and again to draw it, and a block kept
together is wrapped whole and then paragraph by paragraph: breaking the same text into the
same lines again was a fifth of a feedback report's layout time. Breaking a paragraph whose
words all fit changes nothing in it, so a second call with the same width returns the size of
the first, leaving the lines as they are. A paragraph that had to split or hyphenate a word
too long for its line is wrapped again each time, exactly as reportlab does (its lines can
differ from one wrap to the next), and so is one whose lines a split that found no room
dropped.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportlabParagraph


class Paragraph(_ReportlabParagraph):
    """``reportlab.platypus.Paragraph`` that wraps once per width (see the module docstring)."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        if (self._wrapped is not None and self._wrapped[0] == availWidth
                and hasattr(self, "blPara")):
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        # breakLines counts the words it split or hyphenated (it changes the fragments then)
        whole = not getattr(self, "_splitLongWordCount", 1) and not getattr(
            self, "_hyphenations", 1)
        self._wrapped = (availWidth, size) if whole else None
        return size
