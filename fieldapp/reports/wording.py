"""How the reports write numbers in words: shares with their interval, differences in
percentage points, a suppressed group, a change that is real or could be chance.

Every number goes through ``fieldapp.formatting`` in the report's language.
"""

from __future__ import annotations

from fieldapp import formatting as fmt
from fieldapp.i18n import translation
from fieldapp.analysis.results import REASONS, Difference, Estimate
from fieldapp.reports.content import Change, Score, Share


# A batch of feedback reports writes the same few hundred numbers again and again, and each
# trip through Babel parses the language's patterns anew (a quarter of laying out a report's
# story): a number written once in a language is remembered. Keyed by repr, since 0.0 and
# -0.0 are equal as keys but are not written alike.
_written: dict[tuple[str, str, int, str], str] = {}


def _remembered(kind: str, value: float | int, decimals: int, lang: str) -> str:
    key = (kind, repr(value), decimals, lang)
    text = _written.get(key)
    if text is None:
        if kind == "percent":
            text = fmt.percent(value, lang=lang)
        elif kind == "integer":
            text = fmt.integer(value, lang=lang)
        else:
            text = fmt.number(value, decimals, lang=lang)
        if len(_written) > 50_000:
            _written.clear()
        _written[key] = text
    return text


class Wording:
    """The report's language: translation and number formatting bound together."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.gettext = translation(lang).gettext
        self.ngettext = translation(lang).ngettext

    def percent(self, value: float | None) -> str:
        return "" if value is None else _remembered("percent", value, 1, self.lang)

    def number(self, value: float | None, decimals: int = 1) -> str:
        return "" if value is None else _remembered("number", value, decimals, self.lang)

    def integer(self, value: int | None) -> str:
        return "" if value is None else _remembered("integer", value, 0, self.lang)

    def day(self, value) -> str:
        return fmt.day(value, lang=self.lang)

    def insufficient_n(self, n: int) -> str:
        _ = self.gettext
        return _("insufficient n (n = {n})").format(n=self.integer(n))

    def share(self, share: Share | None, *, interval: bool = True, with_n: bool = False) -> str:
        """``58,0 % [48,2; 67,2]`` (and ``n = 100``), or ``n insuficiente (n = 7)``."""
        _ = self.gettext
        if share is None:
            return "–"
        if share.suppressed:
            return self.insufficient_n(share.n)
        if share.value is None:
            return _("no answers")
        text = self.percent(share.value)
        if interval and share.low is not None and share.high is not None:
            text += f" [{self.number(share.low)}; {self.number(share.high)}]"
        if with_n:
            text += "  " + _("n = {n}").format(n=self.integer(share.n))
        return text

    def score(self, score: Score | None) -> str:
        """An area or index score, or why there is none."""
        _ = self.gettext
        if score is None:
            return "–"
        if score.status == "suppressed":
            return self.insufficient_n(score.n or 0)
        if score.status == "not_applicable":
            return _("not applicable")
        if score.value is None:
            return _("insufficient data")
        return self.percent(score.value)

    def points(self, diff: float | None) -> str:
        """A difference in percentage points, signed: ``+13,0 pp``."""
        if diff is None:
            return "–"
        shown = fmt.display_round(diff)
        sign = "+" if shown > 0 else ("−" if shown < 0 else "±")
        _ = self.gettext
        return f"{sign}{self.number(abs(shown))} {_('pp')}"

    def change(self, change: Change | None, *, interval: bool = True) -> str:
        """``+13,0 pp [−0,8; +26,1]``."""
        if change is None or change.diff is None:
            return "–"
        text = self.points(change.diff)
        if interval and change.low is not None and change.high is not None:
            text += f" [{self._signed(change.low)}; {self._signed(change.high)}]"
        return text

    def _signed(self, value: float) -> str:
        shown = fmt.display_round(value)
        sign = "+" if shown > 0 else ("−" if shown < 0 else "")
        return sign + self.number(abs(shown))

    def _signed_int(self, value: int) -> str:
        return ("+" if value > 0 else "−" if value < 0 else "±") + self.integer(abs(value))

    def params(self, params: dict) -> dict:
        """A message's values written in the language (numbers with its decimal mark)."""
        out = {}
        for key, value in params.items():
            if isinstance(value, bool):
                out[key] = value
            elif isinstance(value, int):
                out[key] = self.integer(value)
            elif isinstance(value, float):
                out[key] = self.number(value)
            else:
                out[key] = value
        return out

    def message(self, message: str, params: dict | None = None) -> str:
        """A msgid with named values, translated and filled in."""
        text = self.gettext(message)
        try:
            return text.format(**self.params(params or {}))
        except (KeyError, IndexError, ValueError):
            return text

    def p_value(self, p: float | None) -> str:
        if p is None:
            return ""
        if p < 0.001:
            return "p < " + self.number(0.001, 3)
        return "p = " + self.number(p, 3)

    def verdict(self, change: Change | None) -> str:
        """In words, whether a difference is a real change or could be chance."""
        _ = self.gettext
        if change is None or change.diff is None or change.significant is None:
            return ""
        if change.significant:
            if change.diff > 0:
                text = _("a real improvement: too large to be chance")
            else:
                text = _("a real fall: too large to be chance")
        else:
            text = _("could be chance: the difference is within what sampling alone gives")
        p = self.p_value(change.p_value)
        return f"{text} ({p})" if p else text

    # -- the indicators' own results (network report) -------------------------------------

    def reason(self, reason: str | None, n: int) -> str:
        """Why a figure has no number (``n insuficiente (n = 7)``, ``sin datos``)."""
        if not reason:
            return ""
        return self.gettext(REASONS.get(reason, reason)).format(n=self.integer(n))

    def estimate(self, est: Estimate | None, *, interval: bool = True) -> str:
        """A share, mean or count as the table prints it, or why there is none."""
        if est is None:
            return "–"
        if est.suppressed or est.value is None:
            return self.reason(est.reason or "no_data", est.n) or "–"
        if est.kind == "count":
            if est.unit == "%":
                text = self.percent(est.value)
                if est.x is not None:
                    text += f" ({self.integer(est.x)}/{self.integer(est.n)})"
                return text
            return self.integer(round(est.value))
        if est.unit != "%":
            text = self.number(est.value)
        else:
            text = self.percent(est.value)
        if interval and est.kind == "share" and est.low is not None and est.high is not None:
            text += f" [{self.number(est.low)}; {self.number(est.high)}]"
        return text

    def difference(self, diff: Difference | None, *, interval: bool = True) -> str:
        """``+13,0 pp [−0,8; +26,1]*`` (the star when p < 0.05)."""
        if diff is None:
            return "–"
        if diff.suppressed or diff.value is None:
            return self.reason(diff.reason, 0) if diff.reason and diff.reason != "small_n" \
                else "–"
        if diff.unit == "pp":
            text = self.points(diff.value)
        elif diff.unit == "":  # a count: the change, and relative to the baseline (§5.9)
            text = self._signed_int(round(diff.value))
            if diff.relative is not None:
                text += f" ({self._signed(diff.relative)} %)"
        else:
            text = self._signed(diff.value)
        if interval and diff.low is not None and diff.high is not None:
            text += f" [{self._signed(diff.low)}; {self._signed(diff.high)}]"
        if diff.significant:
            text += "*"
        return text
