"""The public XLSForm corpus: fieldapp accepts exactly the workbooks pyxform accepts.

Driven by ``shared/xlsform-corpus/expected.tsv`` (pyxform 4.5.0's verdict on each file).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from fieldapp.errors import MESSAGES
from fieldapp.forms import cache
from fieldapp.forms.loader import parse_workbook, read_workbook
from fieldapp.forms.workbooks import check_workbook
from fieldapp.forms.model import Group, Question

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "xlsform-corpus"
_ROW = re.compile(r"\[row : (\d+)\]")
_SHEET = re.compile(r"On the '([^']+)' sheet")


def parse(path, use_cache=True):
    """The parsing step alone (no expression or score checks), as these tests need."""
    return parse_workbook(read_workbook(path), path, use_cache=use_cache)


def _cases() -> list:
    table = CORPUS / "expected.tsv"
    if not table.exists():
        absent = pytest.mark.skip(reason="the shared XLSForm corpus is not present (it sits beside the project as ../shared)")
        return [pytest.param(None, None, None, marks=absent)]
    cases = []
    for line in table.read_text(encoding="utf-8").splitlines()[1:]:
        name, verdict, first_error = line.split("\t")[:3]
        cases.append(pytest.param(name, verdict, first_error, id=name))
    return cases


@pytest.fixture(scope="module", autouse=True)
def cache_dir(tmp_path_factory):
    # One cache folder for the whole module, as the app would use it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FIELDAPP_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.mark.parametrize("name, verdict, first_error", _cases())
def test_corpus_workbook(name, verdict, first_error):
    result = check_workbook(CORPUS / name)
    if verdict == "ok":
        assert result.ok, [str(e) for e in result.errors]
        form = result.form
        assert form.find("meta") is not None or form.settings.get("omit_instanceID")
        for element in form.elements():
            assert isinstance(element, (Group, Question)) and element.type
            assert element.parent is not None and form.find(element.path) is element
            if isinstance(element, Question) and element.capture == "unsupported":
                assert element.unsupported_reason
        assert cache.load(form.sha256) is not None  # cached, and unpickles as plain data
        return
    assert not result.ok and len(result.errors) == 1
    error = result.errors[0]
    assert error.code in MESSAGES and error.message
    assert error.context["path"] == str(CORPUS / name)
    row = _ROW.search(first_error)
    if row:
        sheet = _SHEET.search(first_error)
        assert error.context["row"] == int(row.group(1))
        assert error.context["sheet"] == (sheet.group(1) if sheet else "survey")
    if first_error.startswith("PyXFormError") and error.code == "FORM_000":
        # pyxform's own text is the fallback message, without its row prefix
        expected = _ROW.sub("", first_error.split(": ", 1)[1]).strip()
        assert error.message.startswith(expected)


def test_warm_open_is_ten_times_faster():
    path = CORPUS / "xlsform_spec_test.xlsx"
    if not path.exists():
        pytest.skip(f"the shared XLSForm corpus is not present ({path.name} missing)")
    start = time.perf_counter()
    parse(path, use_cache=False)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(3):
        start = time.perf_counter()
        parse(path)
        warm.append(time.perf_counter() - start)
    assert min(warm) <= 0.1 * cold
