"""pyxform's English error texts turned into catalogue errors with sheet, row and column."""

from __future__ import annotations

import re
from typing import Callable

from fieldapp.errors import FormError
from fieldapp.forms import columns as col
from fieldapp.forms.sheetrows import SurveyRows

_ROW = re.compile(r"^\[row : (\d+)\]\s*")
_WHERE = re.compile(r"On the '([^']+)' sheet, the '([^']+)' value")
_SHEET = re.compile(r"provided for sheet: '([^']+)'")

Context = dict[str, object]
Rule = tuple[re.Pattern[str], str, Callable[[re.Match[str], Context, SurveyRows | None], None]]


def _nothing(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    pass


def _field(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["field"] = match.group(1)
    if rows is not None and not ctx.get("row"):
        ctx["row"] = rows.row_of_name(match.group(1))
        ctx.setdefault("sheet", col.SURVEY)


def _column(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["column"] = match.group(1).strip()


def _sheet_column(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["sheet"] = match.group(1)
    ctx["column"] = match.group(2)


def _alias_columns(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["sheet"], ctx["other"], ctx["column"] = match.group(1), match.group(2), match.group(3)


def _ref(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["ref"] = match.group(1)


def _expression(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    # Show the cell itself: pyxform's text only says which column is wrong.
    cell = None
    if rows is not None and ctx.get("row") and ctx.get("sheet") == col.SURVEY:
        cell = rows.cell(int(ctx["row"]), str(ctx.get("column", "")))
    ctx["detail"] = cell or str(ctx.get("column", ""))


def _question_type(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["type"] = match.group(1)
    if rows is not None:
        ctx["row"] = rows.row_of_type(match.group(1))
        ctx["sheet"] = col.SURVEY
        ctx["column"] = col.TYPE


def _kind(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["type"] = match.group(1)


def _unclosed(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["type"], ctx["field"] = match.group(1), match.group(2)


def _list(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["list"] = match.group(1)


def _include(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    if rows is not None:
        ctx["row"] = rows.row_of_type("include")
        ctx["sheet"] = col.SURVEY


def _required_column(match: re.Match[str], ctx: Context, rows: SurveyRows | None) -> None:
    ctx["sheet"] = match.group(1)
    ctx["column"] = match.group(2).split("'")[1] if "'" in match.group(2) else match.group(2)


# First match wins; the texts are pyxform 4.5's (pyxform/errors.py and xls2json.py).
_RULES: list[Rule] = [
    (re.compile(r"Argument 'definition' was not recognized"), "FORM_003", _nothing),
    (re.compile(r"^Error reading \.xlsx? file"), "FORM_003", _nothing),
    (re.compile(r"You must have a sheet named 'survey'"), "FORM_004", _nothing),
    (re.compile(r"^Duplicate column header: (.+)$"), "FORM_012", _column),
    (re.compile(r"Invalid headers provided for sheet: '([^']+)'\. Headers that are different "
                r"names for the same column were found: '([^']+)', '([^']+)'"), "FORM_020",
     _alias_columns),
    (re.compile(r"Invalid headers provided for sheet: '(survey)'\. One or more required column "
                r"headers were not found: ('type')"), "FORM_013", _required_column),
    (re.compile(r"Invalid headers provided for sheet: '([^']+)'\. One or more required column "
                r"headers were not found: ([^.]+)"), "FORM_021", _required_column),
    (re.compile(r"the 'name' value '([^']+)' is invalid\. (Questions, groups, and repeats must "
                r"be unique|Repeat names must unique)"), "FORM_005", _field),
    (re.compile(r"Could not find the name '([^']+)'"), "FORM_006", _ref),
    (re.compile(r"Reference variables? (must start with|lists must have a comma)"), "FORM_008",
     _expression),
    (re.compile(r"^Unknown question type '([^']+)'"), "FORM_009", _question_type),
    (re.compile(r"Unmatched 'begin_(\w+)'\. No matching 'end_\w+' was found for the name "
                r"'([^']*)'"), "FORM_010", _unclosed),
    (re.compile(r"Unmatched 'end_(\w+)'"), "FORM_023", _kind),
    (re.compile(r"List name not in choices sheet: (\S+)"), "FORM_011", _list),
    (re.compile(r"There should be a choices sheet in this xlsform"), "FORM_022", _nothing),
    (re.compile(r"^Missing calculation"), "FORM_024", _nothing),
    (re.compile(r"^Question or group with no name"), "FORM_025", _nothing),
    (re.compile(r"The survey element named '([^']+)' has no label or hint"), "FORM_026", _field),
    (re.compile(r"Choice names must be unique for each choice list"), "FORM_027", _nothing),
    (re.compile(r"^This section has not been included"), "FORM_028", _include),
]


def diagnose(text: str, path: str, rows: SurveyRows | None = None) -> FormError:
    """The :class:`FormError` for pyxform's error ``text`` about the workbook at ``path``.

    :param rows: the survey sheet, when pyxform got as far as reading it, to find the row
        of a name or type that pyxform's text mentions without a row.
    """
    text = text.strip()
    ctx: Context = {"path": path}
    found = _ROW.match(text)
    if found:
        ctx["row"] = int(found.group(1))
        ctx["sheet"] = col.SURVEY  # pyxform names the sheet when it is not the survey sheet
        text = text[found.end():]
    where = _WHERE.search(text)
    if where:
        ctx["sheet"], ctx["column"] = where.group(1), where.group(2)
    elif sheet := _SHEET.search(text):
        ctx["sheet"] = sheet.group(1)
    for pattern, code, fill in _RULES:
        match = pattern.search(text)
        if match:
            fill(match, ctx, rows)
            return FormError(code, **ctx)
    return FormError("FORM_000", detail=text, **ctx)
