"""Errors a user can act on: one catalogue of messages with stable codes.

Every message says where (file, sheet, row, column or field), what is wrong and how to fix
it. Templates are English msgids translated when shown, so an error raised in one language
reads right in another.
"""

from __future__ import annotations

from fieldapp.i18n import N_, _

MESSAGES: dict[str, str] = {
    # Forms (XLSForm workbooks)
    "FORM_000": N_("{detail}"),
    "FORM_001": N_("The file does not exist."),
    "FORM_002": N_("The file is empty. Save the form again from Excel or LibreOffice."),
    "FORM_003": N_("This is not an Excel workbook (.xlsx or .xls). Open it in Excel or LibreOffice and save it as .xlsx."),
    "FORM_004": N_("The workbook has no 'survey' sheet. Every XLSForm needs a sheet named 'survey'."),
    "FORM_005": N_("The name '{field}' is used twice. Every question and group needs its own name."),
    "FORM_006": N_("'${{{ref}}}' refers to a question that does not exist. Check the spelling of the name."),
    "FORM_007": N_("The calculations form a cycle ({cycle}): each one waits for another. Break the cycle."),
    "FORM_008": N_("The expression cannot be read: {detail}. Check brackets, quotes and operators."),
    "FORM_009": N_("Unknown question type '{type}'. See https://xlsform.org for the valid types."),
    "FORM_010": N_("A group or repeat was opened but not closed. Add its 'end group' or 'end repeat' row."),
    "FORM_011": N_("The choice list '{list}' is missing from the 'choices' sheet."),
    "FORM_012": N_("The column header '{column}' appears twice. Delete or rename one of them."),
    "FORM_013": N_("The 'type' column is missing from the 'survey' sheet."),
    "FORM_014": N_("pyxform could not read this workbook ({detail}). Check it opens in Excel and follows the XLSForm rules."),
    "FORM_015": N_("The value in column '{column}' is not valid: {detail}."),
    "FORM_016": N_("The score '{field}' refers to '{ref}', which is neither a question nor a score of this form."),
    "FORM_017": N_("The form '{field}' is not known. Use 'forms list' to see the forms."),
    "FORM_018": N_("The scores form a cycle ({cycle}). A score cannot depend on itself."),
    # Expressions
    "EXPR_001": N_("Syntax error at position {pos}: {detail}."),
    "EXPR_002": N_("Unknown function '{name}()'."),
    "EXPR_003": N_("The function '{name}()' takes {expected} arguments, not {given}."),
    "EXPR_004": N_("{detail}"),
    # Answers (form sessions)
    "ANS_001": N_("'{field}' is not a field of this form."),
    "ANS_002": N_("'{value}' is not a whole number."),
    "ANS_003": N_("'{value}' is not a number."),
    "ANS_004": N_("'{value}' is not an option of this question."),
    "ANS_005": N_("'{value}' is not a valid date (use YYYY-MM-DD)."),
    "ANS_006": N_("'{value}' is not a valid time (use HH:MM)."),
    "ANS_007": N_("'{value}' is not a valid location (latitude longitude [altitude [accuracy]])."),
    "ANS_008": N_("This answer is required."),
    "ANS_009": N_("The answer is not valid."),
    "ANS_010": N_("'{field}' cannot be answered: {detail}."),
    "ANS_011": N_("Repeat '{field}' has no instance {index}."),
    "ANS_012": N_("'{value}' is outside the range {start} to {end}."),
    "ANS_013": N_("'{value}' is not a valid date and time (use YYYY-MM-DDTHH:MM)."),
    # Input files (answers JSON, CSV)
    "INPUT_001": N_("The file cannot be read: {detail}."),
    "INPUT_002": N_("The JSON is not valid: {detail}."),
}


class FieldappError(Exception):
    """A problem with the user's input or data, shown without a traceback."""

    def __init__(self, code: str, **context: object) -> None:
        super().__init__(code)
        self.code = code
        self.context = context

    @property
    def message(self) -> str:
        """The translated message without its location."""
        template = MESSAGES.get(self.code, "{detail}")
        values = {k: ("" if v is None else v) for k, v in self.context.items()}
        try:
            return _(template).format(**values)
        except (KeyError, IndexError, ValueError):
            return _(template) + " " + ", ".join(f"{k}={v}" for k, v in values.items())

    def location(self) -> str:
        """Where the problem is: file, sheet, row, column, field, line — as far as known."""
        ctx = self.context
        parts = []
        if ctx.get("path"):
            parts.append(str(ctx["path"]))
        if ctx.get("sheet"):
            parts.append(_("sheet '{sheet}'").format(sheet=ctx["sheet"]))
        if ctx.get("row"):
            parts.append(_("row {row}").format(row=ctx["row"]))
        if ctx.get("line"):
            parts.append(_("line {line}").format(line=ctx["line"]))
        if ctx.get("column"):
            parts.append(_("column '{column}'").format(column=ctx["column"]))
        if ctx.get("field") and "{field}" not in MESSAGES.get(self.code, ""):
            parts.append(_("field '{field}'").format(field=ctx["field"]))
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        """The error as data (for ``--json``)."""
        return {
            "code": self.code,
            "file": str(self.context.get("path") or "") or None,
            "sheet": self.context.get("sheet"),
            "row": self.context.get("row"),
            "column": self.context.get("column"),
            "field": self.context.get("field"),
            "message": self.message,
        }

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class FormError(FieldappError):
    """An XLSForm workbook is not valid or cannot be read."""


class ExprError(FieldappError):
    """An expression cannot be parsed or evaluated."""


class AnswerError(FieldappError):
    """An answer does not fit its question."""


class StoreError(FieldappError):
    """The database cannot be read or written."""


class BundleError(FieldappError):
    """A sync bundle is damaged or does not fit this database."""


class ConflictError(FieldappError):
    """Two copies of a submission were edited apart from each other."""
