"""The reports' Paragraph: reportlab's, parsing a plain text once per style and keeping its
lines for the width it was last wrapped to.

Both are what reportlab would do again with the same input:

- Parsing. Most paragraphs of a report are plain text (no markup, no entities) in one of a
  few styles, and a batch prints the same headings, labels and explanations report after
  report; each parse builds an HTML parser. A plain text parsed once in a style gives its
  fragment to every later paragraph of that text and style as a copy (lists copied too:
  drawing may add to them).
- Wrapping. A table wraps each cell once to measure its row and again to draw it, and a block
  kept together is wrapped whole and then paragraph by paragraph: breaking the same text into
  the same lines again was a fifth of a feedback report's layout time. Breaking a paragraph
  whose words all fit changes nothing in it, so a second call with the same width returns
  the size of the first, leaving the lines as they are. A paragraph that had to split or
  hyphenate a word too long for its line is wrapped again each time, exactly as reportlab
  does (its lines can differ from one wrap to the next), and so is one whose lines a split
  that found no room dropped.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportlabParagraph

# (text, id(style)) → (style, its one fragment, the cleaned text); the style is kept so its
# id cannot be reused by another style while the entry lives
_parsed: dict[tuple[str, int], tuple[object, object, str]] = {}


class Paragraph(_ReportlabParagraph):
    """``reportlab.platypus.Paragraph`` that parses a plain text once per style and wraps
    once per width (see the module docstring)."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def __init__(self, text, style=None, bulletText=None, frags=None,  # noqa: N803
                 caseSensitive=1, encoding="utf8"):
        plain = (frags is None and bulletText is None and style is not None
                 and caseSensitive == 1 and isinstance(text, str)
                 and "<" not in text and "&" not in text)
        found = _parsed.get((text, id(style))) if plain else None
        if found is None or found[0] is not style:
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            if plain and len(self.frags) == 1 and self.style is style and not self.bulletText:
                if len(_parsed) > 20_000:
                    _parsed.clear()
                _parsed[(text, id(style))] = (style, self.frags[0], self.text)
            return
        _style, frag, cleaned = found
        copy = frag.clone(**{k: list(v) for k, v in vars(frag).items() if isinstance(v, list)})
        super().__init__(cleaned, style, None, [copy], caseSensitive, encoding)

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
