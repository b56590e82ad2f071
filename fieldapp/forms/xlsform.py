"""The one door to pyxform: read a workbook, run pyxform's whole validation, return its dict."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from pyxform import aliases, constants
from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.parsing.sheet_headers import dealias_and_group_headers, process_header
from pyxform.question import MultipleChoiceQuestion, Option
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json import group_dictionaries_by_key, workbook_to_json
from pyxform.xls2json_backends import (
    Definition,
    DefinitionData,
    SupportedFileTypes,
    _list_to_dict_list,
    get_excel_column_headers,
    get_excel_rows,
    get_xlsform,
    is_empty,
    xlsx_value_to_str,
)

from fieldapp.errors import FormError
from fieldapp.forms.diagnostics import diagnose
from fieldapp.forms.sheetrows import SurveyRows


@dataclass(slots=True)
class Workbook:
    """What pyxform read from one workbook and accepted."""

    survey: dict  # pyxform's nested dict: children, choices, settings as top-level keys
    rows: SurveyRows  # the survey sheet as read, for spreadsheet rows
    choices_headers: dict[str, tuple[str, ...]]  # raw header → aliased tokens
    settings: dict[str, str]  # the settings sheet's row, by raw header
    sheet_names: list[str] = field(default_factory=list)  # every sheet, as named in the file
    warnings: list[str] = field(default_factory=list)
    # the external_choices sheet by list name, rows as pyxform reads choices (label by language)
    external_choices: dict[str, list[dict]] = field(default_factory=dict)
    # the raw rows of the extra sheets asked for, read in the same pass (None: not read)
    extra_sheets: dict[str, list[list[object]]] | None = None


def _headers(header_rows, header_aliases: dict, known: set[str]) -> dict[str, tuple[str, ...]]:
    """Each raw header's tokens, split and aliased as pyxform's ``dealias_and_group_headers``."""
    if not header_rows:
        return {}
    names = [str(h) for h in header_rows[0]]
    double_colon = any("::" in h for h in names)
    return {h: process_header(h, double_colon, header_aliases, known)[1] for h in names}


def _definition(data: bytes, path: Path) -> Definition:
    # As pyxform's get_definition_data does for a path, but from the bytes we hashed, so the
    # cache key and the parsed content cannot differ.
    try:
        file_type = SupportedFileTypes(path.suffix.lower())
    except ValueError:
        file_type = None
    return Definition(data=BytesIO(data), file_type=file_type, file_path_stem=path.stem)


def read_workbook(data: bytes, path: Path, extra: tuple[str, ...] = ()) -> Workbook:
    """Read and validate the workbook ``data`` (the bytes of the file at ``path``) as
    ``pyxform.xls2xform.convert(validate=False)`` does: parse, build the survey, write the XForm.

    :param extra: sheets pyxform ignores to read in the same pass (lower-case names), raw
    :raises FormError: if pyxform rejects the workbook or fails on it.
    """
    rows: SurveyRows | None = None
    notes: list[str] = []
    extras = None
    try:
        # openpyxl warns about workbook features it drops (data validation, extensions); they
        # do not matter to a form, and `filterwarnings = error` would turn them into failures.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book, extras = read_book(data, path, extra)
            survey_headers = _headers(
                book.survey_header,
                aliases.survey_header,
                set(MultipleChoiceQuestion.get_slot_names()),
            )
            rows = SurveyRows(list(book.survey or []), survey_headers)
            choices_headers = _headers(
                book.choices_header, aliases.list_header, set(Option.get_slot_names())
            )
            survey = workbook_to_json(
                workbook_dict=book,
                form_name=None,
                fallback_form_name=book.fallback_form_name,
                default_language=None,
                warnings=notes,
            )
            # Building the survey and writing the XForm run the checks workbook_to_json leaves
            # out (labels, media, sections); the XForm itself is not needed.
            create_survey_element_from_dict(survey).to_xml(
                validate=False, pretty_print=False, warnings=notes
            )
    except PyXFormError as exc:
        raise diagnose(str(exc), str(path), rows) from exc
    except Exception as exc:  # pyxform crashes on some odd workbooks: still the user's input
        raise FormError("FORM_014", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    settings = {str(k).strip(): str(v) for k, v in (book.settings or [{}])[0].items()}
    return Workbook(survey, rows, choices_headers, settings, list(book.sheet_names or []), notes,
                    _external_choices(book, survey.get("default_language")), extras)


def read_book(data: bytes, path: Path, extra: tuple[str, ...] = ()
              ) -> tuple[DefinitionData, dict[str, list[list[object]]] | None]:
    """pyxform's reading of the workbook (``get_xlsform``) and, for an .xlsx or .xlsm, the raw
    rows of the ``extra`` sheets from the same openpyxl load (None otherwise).

    Loading the workbook a second time for the scoring sheet was an eighth of a cold open. The
    .xlsx sheets are read as pyxform's ``xlsx_to_dict`` reads them, through its own helpers;
    tests/test_xlsform_reader.py holds the result equal to pyxform's over the corpus. A file
    openpyxl cannot read goes to pyxform itself, so its errors stay pyxform's.
    """
    definition = _definition(data, path)
    if definition.file_type in (SupportedFileTypes.xlsx, SupportedFileTypes.xlsm):
        from zipfile import BadZipFile

        from openpyxl.reader.excel import ExcelReader

        from fieldapp.forms.extrasheets import sheets_of

        try:
            reader = ExcelReader(BytesIO(data), read_only=True, data_only=True)
            reader.read()
            try:
                book, extras = _pyxform_book(reader.wb), sheets_of(reader.wb, extra)
            finally:
                reader.wb.close()
                reader.archive.close()
        except (BadZipFile, KeyError, OSError, TypeError):
            pass  # what pyxform turns into "not recognized": it reads the file again below
        else:
            return DefinitionData(fallback_form_name=definition.file_path_stem, **book), extras
    return get_xlsform(xlsform=definition), None


def _pyxform_book(wb) -> dict:
    # xls2json_backends.xlsx_to_dict's process_workbook, line for line
    book: dict = {"sheet_names": []}
    for sheetname in wb.sheetnames:
        book["sheet_names"].append(sheetname)
        sheet_name = sheetname.lower()
        if sheet_name not in constants.SUPPORTED_SHEET_NAMES:
            if len(wb.sheetnames) == 1:
                book[constants.SURVEY], book[f"{constants.SURVEY}_header"] = \
                    _pyxform_sheet(wb[sheetname])
        else:
            book[sheet_name], book[f"{sheet_name}_header"] = _pyxform_sheet(wb[sheetname])
    return book


def _pyxform_sheet(sheet) -> tuple[list[dict], list[dict]]:
    # xlsx_to_dict's xlsx_to_dict_normal_sheet
    first_row = (c.value for c in next(sheet.rows, []))
    headers = get_excel_column_headers(first_row=first_row)
    row_iter = sheet.iter_rows(min_row=2, max_col=len(headers))
    rows = get_excel_rows(headers=headers, rows=row_iter, cell_func=_pyxform_cell)
    return rows, _list_to_dict_list([key for key in headers if key is not None])


def _pyxform_cell(cell, row_n: int, col_key: str) -> str | None:
    # xlsx_to_dict's xlsx_clean_cell
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
    if not is_empty(value):
        return xlsx_value_to_str(value)
    return None


def _external_choices(book, default_language: str | None) -> dict[str, list[dict]]:
    """The ``external_choices`` sheet grouped by list name, read as pyxform reads it for
    ``itemsets.csv`` (the choices of ``select_one_external``, which the XForm leaves out)."""
    if not book.external_choices:
        return {}
    sheet = dealias_and_group_headers(
        sheet_name=constants.EXTERNAL_CHOICES, sheet_data=book.external_choices,
        sheet_header=book.external_choices_header, header_aliases=aliases.list_header,
        header_columns=set(Option.get_slot_names()),
        default_language=default_language or constants.DEFAULT_LANGUAGE_VALUE,
    )
    return group_dictionaries_by_key(list_of_dicts=sheet.data, key=constants.LIST_NAME_S)


def type_info(pyxform_type: str) -> dict:
    """pyxform's defaults for a question type (``bind``, ``control``, ``hint``, ``parameters``)."""
    return QUESTION_TYPE_DICT.get(pyxform_type, {})


def question_types() -> list[str]:
    """Every question type name pyxform knows (for tests of the type table)."""
    return sorted(QUESTION_TYPE_DICT)
