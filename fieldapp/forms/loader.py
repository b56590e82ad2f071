"""Opening an XLSForm workbook as a :class:`Form`: checks, pyxform, the scoring sheet, the cache."""

from __future__ import annotations

import hashlib
import importlib.util
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.errors import FieldappError, FormError
from fieldapp.forms import cache
from fieldapp.forms.model import Form

# The first bytes of an .xlsx/.xlsm (a zip) and of an .xls (an OLE2 compound file)
_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_EXTRA_SHEETS = ("scoring", "bands")


@dataclass(slots=True)
class LoadResult:
    """The outcome of loading one workbook: the form, or why there is none."""

    path: Path
    ok: bool
    form: Form | None = None
    errors: list[FieldappError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _read(path: Path) -> bytes:
    if path.is_dir():
        raise FormError("FORM_031", path=str(path))
    if not path.is_file():
        raise FormError("FORM_001", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormError("FORM_029", path=str(path), detail=exc.strerror or str(exc)) from exc
    if not data:
        raise FormError("FORM_002", path=str(path))
    if not data.startswith(_SIGNATURES):
        raise FormError("FORM_003", path=str(path))
    return data


def _parse(data: bytes, path: Path, sha256: str) -> Form:
    # pyxform is imported only here: a warm open from the cache does without it.
    from fieldapp.forms.builder import build_form
    from fieldapp.forms.xlsform import read_workbook

    book = read_workbook(data, path)
    form = build_form(book, path, sha256)
    wants_scores = any(name.strip().lower() in _EXTRA_SHEETS for name in book.sheet_names)
    # scoresheet.py is another engineer's module and may not exist yet
    if wants_scores and importlib.util.find_spec("fieldapp.forms.scoresheet") is not None:
        from fieldapp.forms.scoresheet import read_scoring_sheet

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes about features it drops
            form.scores, form.band_labels = read_scoring_sheet(path)
    return form


def load_form(path: str | Path, *, use_cache: bool = True) -> Form:
    """The form in the workbook at ``path`` (.xlsx, .xlsm or .xls), parsed once and then
    served from the cache while the file's bytes stay the same.

    :param use_cache: False parses the workbook even when a cached form exists.
    :raises FormError: if the file is missing, unreadable, not a workbook, or pyxform (or the
        scoring sheet) rejects it; the error names the sheet, row and column when known.
    """
    path = Path(path)
    data = _read(path)
    sha256 = hashlib.sha256(data).hexdigest()
    form = cache.load(sha256) if use_cache else None
    if form is None:
        try:
            form = _parse(data, path, sha256)
        except FieldappError as exc:
            exc.context.setdefault("path", str(path))
            raise
        cache.store(form)
    form.source = path.name
    form.folder = str(path.resolve().parent)
    return form


def check_form(path: str | Path) -> LoadResult:
    """Load the workbook at ``path`` and report instead of raising: never raises for a bad
    workbook (its problems are in ``errors``)."""
    path = Path(path)
    try:
        form = load_form(path)
    except FieldappError as exc:
        return LoadResult(path, False, None, [exc], [])
    return LoadResult(path, True, form, [], list(form.warnings))
