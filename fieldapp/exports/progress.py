"""Progress and cancelling of a long export (the ``load_demo(progress=…)`` pattern)."""

from __future__ import annotations

from typing import Callable

from fieldapp.errors import ExportError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
_EVERY = 50  # steps between two reports (a step is one submission or one score group)


class Steps:
    """Counts the steps of an export, reports them and stops it when asked to.

    :param progress: called as ``progress(done, total)`` every few steps and at the end
    :param cancelled: asked every few steps; True raises ``ExportError("EXPORT_001")``
    """

    def __init__(self, total: int, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        """Stop here if the user cancelled."""
        if self._cancelled is not None and self._cancelled():
            raise ExportError("EXPORT_001")

    def tick(self) -> None:
        """One step done."""
        self.done += 1
        if self.done % _EVERY == 0 or self.done == self.total:
            self.check()
            if self._progress is not None:
                self._progress(self.done, self.total)
