"""The table of expression functions: name, arity, laziness, and the code that runs them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from fieldapp.i18n import _

UNBOUNDED = None
_SAME = -1  # as many as ``low``


@dataclass(slots=True, frozen=True)
class Function:
    """One function of the library.

    An eager function is called as ``impl(frame, *values)``; a lazy one as
    ``impl(frame, *trees)`` and evaluates what it needs (``if``, ``once``, ``indexed-repeat``).
    """

    name: str
    impl: Callable
    low: int
    high: int | None  # None = any number
    step: int = 1  # 2 for arities that go by pairs (indexed-repeat, weighted-checklist)
    lazy: bool = False
    volatile: bool = False  # changes without any answer changing (now(), random())

    def accepts(self, count: int) -> bool:
        """Whether ``count`` arguments are allowed."""
        if count < self.low or (self.high is not None and count > self.high):
            return False
        return (count - self.low) % self.step == 0

    def expected(self) -> str:
        """The allowed argument counts, for the EXPR_003 message."""
        if self.high == self.low:
            return str(self.low)
        if self.step > 1:
            counts = list(range(self.low, (self.high or self.low + 4 * self.step) + 1, self.step))
            shown = ", ".join(str(n) for n in counts[:-1])
            if self.high is None:
                return _("{counts}, {last} …").format(counts=shown, last=counts[-1])
            return _("{counts} or {last}").format(counts=shown, last=counts[-1])
        if self.high is None:
            return _("at least {low}").format(low=self.low)
        return _("{low} to {high}").format(low=self.low, high=self.high)


FUNCTIONS: dict[str, Function] = {}


def function(name: str, low: int = 0, high: int | None = _SAME, *, step: int = 1,
             lazy: bool = False, volatile: bool = False) -> Callable[[Callable], Callable]:
    """Register the decorated implementation as the function ``name``.

    ``high`` defaults to ``low``; pass ``UNBOUNDED`` for any number of arguments.
    """

    def register(impl: Callable) -> Callable:
        top = low if high == _SAME else high
        FUNCTIONS[name] = Function(name, impl, low, top, step, lazy, volatile)
        return impl

    return register
