"""Bad workbooks give a catalogue error with code and location, in the interface language."""

from __future__ import annotations

import openpyxl
import pytest
from xlsform_md import md_to_xlsx

from fieldapp import i18n
from fieldapp.errors import MESSAGES, FormError
from fieldapp.forms.loader import parse_workbook, read_workbook
from fieldapp.forms.workbooks import check_workbook


def parse(path, use_cache=True):
    """The parsing step alone (no expression or score checks), as these tests need."""
    return parse_workbook(read_workbook(path), path, use_cache=use_cache)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_CACHE", str(tmp_path / "cache"))


@pytest.fixture(params=["en", "es"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _error(path) -> FormError:
    with pytest.raises(FormError) as info:
        parse(path)
    result = check_workbook(path)  # the same problem, reported instead of raised
    assert not result.ok and result.form is None
    assert [e.code for e in result.errors] == [info.value.code]
    return info.value


SURVEY = "| survey | | | |\n| | type | name | label |\n| | text | a | A |\n"


def _md_error(tmp_path, md) -> FormError:
    return _error(md_to_xlsx(md, tmp_path / "bad.xlsx"))


def _assert_readable(error: FormError, path) -> None:
    text = str(error)
    assert text.startswith(str(path)) and error.message and "{" not in error.message
    assert error.code in MESSAGES


def test_missing_file(tmp_path, language):
    error = _error(tmp_path / "nowhere.xlsx")
    assert error.code == "FORM_001" and error.context["path"] == str(tmp_path / "nowhere.xlsx")


def test_empty_file(tmp_path, language):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    error = _error(path)
    assert error.code == "FORM_002"
    _assert_readable(error, path)


@pytest.mark.parametrize("content", [b"name,label\nq,Q\n", b"PK\x03\x04 truncated zip"])
def test_not_an_excel_file(tmp_path, content, language):
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(content)
    error = _error(path)
    assert error.code == "FORM_003"
    _assert_readable(error, path)


def test_no_survey_sheet(tmp_path, language):
    path = tmp_path / "nosurvey.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "choices"
    book.active.append(["list_name", "name", "label"])
    book.create_sheet("settings").append(["form_id"])
    book.save(path)
    error = _error(path)
    assert error.code == "FORM_004"
    _assert_readable(error, path)


def test_duplicate_name(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |         |      |       |
|        | type    | name | label |
|        | integer | age  | Age   |
|        | text    | age  | Again |
""")
    assert error.code == "FORM_005" and error.context["field"] == "age"
    assert error.context["sheet"] == "survey" and error.context["row"] == 3
    assert "'age'" in error.message


def test_undefined_reference(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |         |      |       |                |
|        | type    | name | label | relevant       |
|        | integer | a    | A     |                |
|        | integer | b    | B     | ${nothere} > 1 |
""")
    assert error.code == "FORM_006" and error.context["ref"] == "nothere"
    where = (error.context["sheet"], error.context["row"], error.context["column"])
    assert where == ("survey", 3, "relevant")
    assert "${nothere}" in error.message


def test_unbalanced_reference_brackets(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |         |      |       |             |
|        | type    | name | label | constraint  |
|        | integer | a    | A     |             |
|        | integer | b    | B     | ${a > 1     |
""")
    assert error.code == "FORM_008" and error.context["row"] == 3
    assert error.context["column"] == "constraint" and "${a > 1" in error.message


def test_unknown_type(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |         |      |       |
|        | type    | name | label |
|        | text    | a    | A     |
|        | integr  | b    | B     |
""")
    assert error.code == "FORM_009" and error.context["type"] == "integr"
    assert error.context["row"] == 3 and error.context["column"] == "type"


def test_unclosed_group(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |             |      |       |
|        | type        | name | label |
|        | text        | a    | A     |
|        | begin group | g    | G     |
|        | text        | b    | B     |
""")
    assert error.code == "FORM_010" and error.context["row"] == 3 and error.context["field"] == "g"


def test_end_without_begin(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |           |      |       |
|        | type      | name | label |
|        | text      | a    | A     |
|        | end group |      |       |
""")
    assert error.code == "FORM_023" and error.context["row"] == 3


def test_missing_choice_list(tmp_path, language):
    error = _md_error(tmp_path, """
| survey  |                  |      |       |
|         | type             | name | label |
|         | select_one sizes | s    | Size  |
| choices |                  |      |       |
|         | list_name        | name | label |
|         | colors           | red  | Red   |
""")
    assert error.code == "FORM_011" and error.context["list"] == "sizes"
    assert error.context["row"] == 2


def test_no_choices_sheet(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |                  |      |       |
|        | type             | name | label |
|        | select_one sizes | s    | Size  |
""")
    assert error.code == "FORM_022"


def test_missing_type_column(tmp_path, language):
    error = _md_error(tmp_path, "| survey | | |\n| | name | label |\n| | a | A |\n")
    assert error.code == "FORM_013"
    assert error.context["sheet"] == "survey" and error.context["column"] == "type"


def test_duplicate_column_header(tmp_path, language):
    md = "| survey | | | | |\n| | type | name | label | label |\n| | text | a | A | B |"
    error = _md_error(tmp_path, md)
    assert error.code == "FORM_012" and error.context["column"] == "label"


def test_missing_calculation_and_label(tmp_path, language):
    error = _md_error(tmp_path, SURVEY + "| | calculate | c | |\n")
    assert error.code == "FORM_024" and error.context["row"] == 3
    error = _md_error(tmp_path, SURVEY + "| | text | b | |\n")
    assert error.code == "FORM_026" and error.context["field"] == "b" and error.context["row"] == 3


def test_other_pyxform_errors_keep_its_text_and_row(tmp_path, language):
    error = _md_error(tmp_path, """
| survey |       |      |       |              |
|        | type  | name | label | parameters   |
|        | range | r    | R     | start=a      |
""")
    assert error.code == "FORM_000" and error.context["row"] == 2
    assert "parameter" in error.message and not error.message.startswith("[row")


def test_a_folder_is_not_a_workbook(tmp_path):
    from fieldapp.forms.workbooks import check_workbook

    result = check_workbook(tmp_path)
    assert not result.ok and result.errors[0].code == "FORM_031"
