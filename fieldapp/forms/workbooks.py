"""The one way in to a form: open a workbook's bytes as a :class:`Form` (raising), or check
them (reporting every problem). Both run everything fieldapp needs to run a form: pyxform's
validation, our expressions (syntax, references, cycles) and the scoring sheet.

The bytes are read once by the caller (``forms add`` stores exactly the bytes it checked);
a path alone reads them here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.errors import FieldappError
from fieldapp.forms.graph import graph_for
from fieldapp.forms.loader import parse_workbook, read_workbook
from fieldapp.forms.mediafiles import check_media_names
from fieldapp.forms.model import Form
from fieldapp.forms.scoresheet import validate_scores


@dataclass(slots=True)
class CheckResult:
    """The outcome of checking one workbook: the form, or why there is none."""

    path: Path
    ok: bool
    form: Form | None = None
    errors: list[FieldappError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# Workbooks already checked in this process, by (path, SHA-256 of the bytes)
_checked: dict[tuple[str, str], CheckResult] = {}


def check_workbook(path: Path, data: bytes | None = None) -> CheckResult:
    """Check the workbook ``data`` (the bytes of the file at ``path``; read from it when
    None). Never raises for a bad workbook: its problems are in ``errors``.

    The same bytes under the same name are checked once per process.
    """
    path = Path(path)
    try:
        if data is None:
            data = read_workbook(path)
        key = (str(path.resolve()), hashlib.sha256(data).hexdigest())
        if key in _checked:
            return _checked[key]
        result = _check(path, parse_workbook(data, path))
    except FieldappError as exc:
        return CheckResult(path, False, None, [exc], [])
    if len(_checked) > 64:
        _checked.clear()
    _checked[key] = result
    return result


def _check(path: Path, form: Form) -> CheckResult:
    result = CheckResult(path, True, form, [], list(form.warnings))
    try:
        result.warnings.extend(graph_for(form).warnings)
    except FieldappError as exc:
        exc.context.setdefault("path", str(path))
        result.errors.append(exc)
    for exc in [*validate_scores(form), *check_media_names(form)]:
        exc.context.setdefault("path", str(path))
        result.errors.append(exc)
    result.ok = not result.errors
    return result


def open_workbook(path: Path, data: bytes | None = None) -> Form:
    """The form of the workbook ``data`` (the bytes of the file at ``path``; read from it
    when None), checked as :func:`check_workbook` does.

    :raises FieldappError: the first problem found.
    """
    result = check_workbook(path, data)
    if not result.ok:
        raise result.errors[0]
    assert result.form is not None
    return result.form
