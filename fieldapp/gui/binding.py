"""What the form window works through: a stored capture, or a bare form session (preview).

:class:`Binding` is the whole seam between the form window and the core: the window calls
only these members, and both :class:`fieldapp.capture.CaptureSession` and
:class:`PreviewBinding` define every one of them (``tests/test_binding.py`` checks it), so
a coordinator's workbook can be tried in the window without a database, and the corpus
tests walk forms without one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from fieldapp.errors import FinalizeError
from fieldapp.forms.model import Form
from fieldapp.forms.session import Change, FormSession, Problem


@runtime_checkable
class Binding(Protocol):
    """The form window's view of a submission being filled."""

    session: FormSession
    form: Form

    @property
    def stored(self) -> bool:
        """Whether edits are saved (False: a preview, nothing is saved)."""

    @property
    def uuid(self) -> str: ...

    @property
    def status(self) -> str:
        """``draft`` or ``final``."""

    @property
    def read_only(self) -> bool:
        """Whether the submission is locked (final)."""

    @property
    def current_page(self) -> int:
        """The index of the page to show first (where a draft was left)."""

    def set(self, path: str, value: object) -> Change: ...

    def add_repeat(self, path: str) -> Change: ...

    def remove_repeat(self, instance_path: str) -> Change: ...

    def attach(self, path: str, file: Path) -> Change: ...

    def attachment_bytes(self, name: str) -> bytes | None:
        """The bytes of a file attached as ``name`` (None if there is no such file)."""

    def set_page(self, index: int) -> None: ...

    def problems(self) -> list[Problem]: ...

    def finalize(self) -> None:
        """:raises FinalizeError: with the problems, while any remain."""

    def reopen(self, reason: str) -> None: ...

    def close(self) -> None: ...

    @property
    def pending(self) -> int:
        """Edits kept in memory while the database is busy, not yet saved (0: all saved)."""

    def save_pending(self) -> bool:
        """Try the waiting edits again; True when none wait."""

    def busy_with(self) -> str | None:
        """What keeps the database busy (another program's import), when known."""


class PreviewBinding:
    """A form session kept in memory only: nothing is saved (trying a form)."""

    stored = False
    status = "draft"
    uuid = ""
    read_only = False
    current_page = 0

    def __init__(self, session: FormSession) -> None:
        self.session = session
        self.form = session.form
        self.current_page = 0
        self._files: dict[str, Path] = {}  # attached in this preview: name → the file chosen

    def set(self, path: str, value: object) -> Change:
        return self.session.set(path, value)

    def add_repeat(self, path: str) -> Change:
        return self.session.add_repeat(path)

    def remove_repeat(self, instance_path: str) -> Change:
        return self.session.remove_repeat(instance_path)

    def attach(self, path: str, file: Path) -> Change:
        file = Path(file)
        self._files[file.name] = file
        return self.session.set(path, file.name)

    def attachment_bytes(self, name: str) -> bytes | None:
        file = self._files.get(name)
        try:
            return file.read_bytes() if file is not None else None
        except OSError:
            return None

    def set_page(self, index: int) -> None:
        self.current_page = index

    def problems(self) -> list[Problem]:
        return self.session.validate()

    def finalize(self) -> None:
        """Check the answers as finalizing does; a preview locks nothing."""
        problems = self.problems()
        if problems:
            raise FinalizeError(problems)

    def reopen(self, reason: str) -> None:
        """Nothing to reopen: a preview is never locked."""

    pending = 0  # nothing is saved, so nothing waits

    def save_pending(self) -> bool:
        return True

    def busy_with(self) -> str | None:
        return None

    def close(self) -> None:
        """Nothing to close: nothing was opened."""
