"""Opening forms: workbooks on disk checked end to end, and the built-in instruments."""

from __future__ import annotations

from pathlib import Path

from fieldapp import paths
from fieldapp.errors import FieldappError, FormError
from fieldapp.forms.loader import LoadResult
from fieldapp.forms.model import Form

CheckResult = LoadResult  # what check() returns: the form, or why there is none

_checked: dict[tuple[str, int, int], CheckResult] = {}


def check(path: Path) -> CheckResult:
    """Load ``path`` and check everything fieldapp needs to run it: pyxform's validation,
    our expressions (syntax, references, cycles) and the scoring sheet. Never raises for a
    bad workbook: the problems are in ``errors``.

    A workbook already checked in this process (same path, size and time) is not read again.
    """
    try:
        stat = Path(path).stat()
        key = (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is not None and key in _checked:
        return _checked[key]
    result = _check(Path(path))
    if key is not None:
        if len(_checked) > 64:
            _checked.clear()
        _checked[key] = result
    return result


def _check(path: Path) -> CheckResult:
    from fieldapp.forms.graph import graph_for
    from fieldapp.forms.loader import check_form

    loaded = check_form(Path(path))
    result = CheckResult(Path(path), loaded.ok, loaded.form, list(loaded.errors), list(loaded.warnings))
    if not loaded.ok or loaded.form is None:
        result.ok = False
        return result
    try:
        result.warnings.extend(graph_for(loaded.form).warnings)
    except FieldappError as exc:
        exc.context.setdefault("path", str(path))
        result.errors.append(exc)
    try:
        from fieldapp.forms.scoresheet import validate_scores
    except ImportError:
        validate_scores = None
    if validate_scores is not None:
        for exc in validate_scores(loaded.form):
            exc.context.setdefault("path", str(path))
            result.errors.append(exc)
    result.ok = not result.errors
    return result


def open_form(path: Path) -> Form:
    """The form of a workbook that passed :func:`check`.

    :raises FieldappError: the first problem found.
    """
    result = check(path)
    if not result.ok:
        raise result.errors[0]
    assert result.form is not None
    return result.form


def builtin_paths() -> list[Path]:
    """The built-in workbooks shipped in ``forms/``."""
    folder = paths.builtin_forms_dir()
    return sorted(p for p in folder.glob("*.xls*") if not p.name.startswith("~$"))


def builtin_form(form_id: str) -> Form:
    """A built-in form by its form_id.

    :raises FormError: if there is no such built-in form.
    """
    for path in builtin_paths():
        if path.stem == form_id:
            return open_form(path)
    for path in builtin_paths():
        form = open_form(path)
        if form.form_id == form_id:
            return form
    raise FormError("FORM_017", field=form_id)
