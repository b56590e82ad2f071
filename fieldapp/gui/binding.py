"""What the form window writes through: a stored capture, or a bare form session (preview).

The form window calls the same methods on both, so a coordinator's workbook can be tried in
the window without a database, and the corpus tests walk forms without one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from fieldapp.forms.session import Change, FormSession, Problem


class Binding(Protocol):
    """The subset of ``fieldapp.capture.CaptureSession`` the form window uses."""

    session: FormSession
    read_only: bool
    current_page: int

    def set(self, path: str, value: object) -> Change: ...

    def add_repeat(self, path: str) -> Change: ...

    def remove_repeat(self, instance_path: str) -> Change: ...

    def attach(self, path: str, file_path: str | Path) -> Change: ...

    def set_page(self, index: int) -> None: ...

    def problems(self) -> list[Problem]: ...


class PreviewBinding:
    """A form session kept in memory only: nothing is saved (trying a form)."""

    stored = False
    status = "draft"
    uuid = ""

    def __init__(self, session: FormSession) -> None:
        self.session = session
        self.form = session.form
        self.read_only = False
        self.current_page = 0

    def set(self, path: str, value: object) -> Change:
        return self.session.set(path, value)

    def add_repeat(self, path: str) -> Change:
        return self.session.add_repeat(path)

    def remove_repeat(self, instance_path: str) -> Change:
        return self.session.remove_repeat(instance_path)

    def attach(self, path: str, file_path: str | Path) -> Change:
        return self.session.set(path, Path(file_path).name)

    def set_page(self, index: int) -> None:
        self.current_page = index

    def problems(self) -> list[Problem]:
        return self.session.validate()

    def close(self) -> None:
        pass
