"""The survey sheet as read: which spreadsheet row holds each element, for the model and errors."""

from __future__ import annotations

from fieldapp.forms import columns as col

FIRST_DATA_ROW = 2  # the header is row 1, as Excel shows it


class SurveyRows:
    """Spreadsheet rows of the survey sheet, found by element path, name, type or cell.

    :param rows: the sheet's rows as dicts keyed by the raw header, blank rows included
        (so that ``rows[i]`` is spreadsheet row ``i + 2``).
    :param headers: each raw header's tokens after pyxform's aliasing
        (``"bind:relevant"`` → ``("bind", "relevant")``, ``"label::es"`` → ``("label", "es")``).
    """

    def __init__(self, rows: list[dict], headers: dict[str, tuple[str, ...]]) -> None:
        self.rows = rows
        self.headers = headers
        self._type = self._header_for(col.TYPE)
        self._name = self._header_for(col.NAME)
        self._by_path: dict[str, tuple[int, str]] | None = None

    def _header_for(self, column: str) -> str | None:
        return next((h for h, tokens in self.headers.items() if tokens == (column,)), None)

    def type_at(self, index: int) -> str:
        """The type cell of ``rows[index]``, whitespace collapsed."""
        value = self.rows[index].get(self._type) if self._type else None
        return " ".join(str(value).split()) if value is not None else ""

    def name_at(self, index: int) -> str:
        value = self.rows[index].get(self._name) if self._name else None
        return str(value).strip() if value is not None else ""

    def _index(self) -> dict[str, tuple[int, str]]:
        # Replays the begin/end nesting of the sheet, as pyxform does, to name each row's path.
        if self._by_path is not None:
            return self._by_path
        by_path: dict[str, tuple[int, str]] = {}
        stack: list[str] = []
        for index in range(len(self.rows)):
            kind = self.type_at(index)
            row = index + FIRST_DATA_ROW
            if not kind:
                continue
            if col.END_CONTROL.match(kind):
                if stack:
                    stack.pop()
                continue
            name = self.name_at(index) or (f"generated_note_name_{row}" if kind == "note" else "")
            by_path.setdefault("/".join([*stack, name]), (row, kind))
            if col.BEGIN_CONTROL.match(kind):
                stack.append(name)
        self._by_path = by_path
        return by_path

    def at_path(self, path: str) -> tuple[int, str] | None:
        """``(row, type cell)`` of the element at ``path`` (``grp/q``), if a row defines it."""
        return self._index().get(path)

    def row_of_name(self, name: str) -> int | None:
        """The first row that defines ``name``."""
        for index in range(len(self.rows)):
            if self.name_at(index) == name:
                return index + FIRST_DATA_ROW
        return None

    def row_of_type(self, kind: str) -> int | None:
        """The first row whose type is ``kind`` or starts with it (``include``)."""
        kind = " ".join(kind.split()).lower()
        for index in range(len(self.rows)):
            cell = self.type_at(index).lower()
            if cell == kind or cell.startswith(kind + " "):
                return index + FIRST_DATA_ROW
        return None

    def cell(self, row: int, column: str) -> str | None:
        """The text of ``column`` (a raw header or its aliased name) in spreadsheet ``row``."""
        index = row - FIRST_DATA_ROW
        if not 0 <= index < len(self.rows):
            return None
        for header, tokens in self.headers.items():
            if header == column or column in tokens:
                value = self.rows[index].get(header)
                if value is not None:
                    return str(value)
        return None
