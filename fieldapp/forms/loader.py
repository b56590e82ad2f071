"""Reading a workbook file's bytes and parsing them into a :class:`Form` (pyxform, the scoring
sheet, the parsed-form cache): the steps under :mod:`fieldapp.forms.workbooks`."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

from fieldapp.errors import FieldappError, FormError
from fieldapp.forms import cache
from fieldapp.forms.limits import check_workbook
from fieldapp.forms.model import Form

# The first bytes of an .xlsx/.xlsm (a zip) and of an .xls (an OLE2 compound file)
_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_EXTRA_SHEETS = ("scoring", "bands")


def read_workbook(path: Path) -> bytes:
    """The bytes of the workbook file at ``path``, read once and checked to be a workbook.

    :raises FormError: FORM_031 a folder, FORM_001 missing, FORM_029 unreadable, FORM_002
        empty, FORM_003 not a spreadsheet.
    """
    path = Path(path)
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
    from fieldapp.forms.scoresheet import read_scoring_sheet
    from fieldapp.forms.xlsform import read_workbook

    check_workbook(data, path)
    book = read_workbook(data, path, _EXTRA_SHEETS)
    form = build_form(book, path, sha256)
    if any(name.strip().lower() in _EXTRA_SHEETS for name in book.sheet_names):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes about features it drops
            form.scores, form.band_labels = read_scoring_sheet(path, data, book.extra_sheets)
    return form


def parse_workbook(data: bytes, path: str | Path, *, use_cache: bool = True) -> Form:
    """The form in workbook ``data`` (the bytes of the file at ``path``: .xlsx, .xlsm or .xls),
    parsed once and then served from the cache while the bytes stay the same.

    This is the parsing step only (pyxform and the scoring sheet); use
    :func:`fieldapp.forms.workbooks.open_workbook`, which also checks expressions and scores.

    :param use_cache: False parses the workbook even when a cached form exists.
    :raises FormError: if pyxform or the scoring sheet reader rejects it; the error names the
        sheet, row and column when known.
    """
    path = Path(path)
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
