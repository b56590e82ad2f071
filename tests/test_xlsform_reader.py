"""The one-pass workbook reader reads what pyxform reads, and the extra sheets besides.

``forms/xlsform.read_book`` reads an .xlsx once for pyxform's sheets and for the scoring
sheet; pyxform's own ``get_xlsform`` is the definition it must equal, on every workbook of the
public corpus and on the built-in instruments.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import get_xlsform

from fieldapp import paths
from fieldapp.forms.extrasheets import read_sheets
from fieldapp.forms.xlsform import _definition, read_book

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "xlsform-corpus"
EXTRA = ("scoring", "bands")


def _workbooks() -> list:
    found = sorted(paths.builtin_forms_dir().glob("*.xlsx"))
    if CORPUS.is_dir():
        found += sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))
    else:
        found.append(pytest.param(None, marks=pytest.mark.skip(
            reason="the shared XLSForm corpus is not present (it sits beside the project as "
                   "../shared); only the built-in forms were compared")))
    return found


def _pyxform(data: bytes, path: Path):
    try:
        return get_xlsform(xlsform=_definition(data, path))
    except PyXFormError as exc:
        return ("error", str(exc))


# openpyxl's notes about workbook features it drops are not what is compared here
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("path", _workbooks(), ids=lambda p: getattr(p, "name", "corpus"))
def test_one_pass_reads_what_pyxform_reads(path):
    data = path.read_bytes()
    try:
        ours, extras = read_book(data, path, EXTRA)
    except PyXFormError as exc:
        ours, extras = ("error", str(exc)), None
    assert ours == _pyxform(data, path)
    if extras is not None:
        assert extras == read_sheets(path, EXTRA, data)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_the_instruments_scoring_sheets_come_from_the_same_pass():
    path = paths.builtin_forms_dir() / "desarrollo_organizacional.xlsx"
    book, extras = read_book(path.read_bytes(), path, EXTRA)
    assert "scoring" in extras and len(extras["scoring"]) > 5
    assert [name.lower() for name in book.sheet_names if name.lower() in EXTRA] \
        == sorted(extras, key=[n.lower() for n in book.sheet_names].index)


def test_a_file_openpyxl_cannot_read_gets_pyxforms_own_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("not-a-workbook.txt", "hello")
    data = buffer.getvalue()
    path.write_bytes(data)
    with pytest.raises(PyXFormError) as ours:
        read_book(data, path, EXTRA)
    assert ours.value.args == _pyxform(data, path)[1:]
