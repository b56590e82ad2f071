"""Errors a user can act on: one catalogue of messages with stable codes.

Every message says where (file, sheet, row, column or field), what is wrong and how to fix
it. Templates are English msgids translated when shown, so an error raised in one language
reads right in another.
"""

from __future__ import annotations

from typing import Any, Sequence

from fieldapp.i18n import N_, _

MESSAGES: dict[str, str] = {
    # The application
    "APP_001": N_("The window cannot open here ({detail}). Start fieldapp on a desktop, or use its commands: python main.py --help"),
    "APP_002": N_("The window needs Tk for Python, which is not installed. Install it (Debian and Ubuntu: sudo apt-get install python3-tk; Windows and macOS: the installer from python.org includes it), or use the commands: python main.py --help"),
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
    "FORM_020": N_("The columns '{other}' and '{column}' mean the same thing. Delete or rename one of them."),
    "FORM_021": N_("The '{sheet}' sheet has no '{column}' column. Add it to the first row of the sheet."),
    "FORM_022": N_("The 'choices' sheet is missing, or its first row lacks the columns 'list_name', 'name' and 'label'. Select questions need it."),
    "FORM_023": N_("This 'end {type}' row has no matching 'begin {type}' row above it. Delete it or add the 'begin {type}' row."),
    "FORM_024": N_("This calculate question has no calculation. Write the formula in the 'calculation' column."),
    "FORM_025": N_("This row has no name. Every question and group needs a name in the 'name' column."),
    "FORM_026": N_("'{field}' has no label. Add a label (or a hint), or make it a calculate question."),
    "FORM_027": N_("A choice name is used twice in the same list. Rename it, or allow it with the setting 'allow_choice_duplicates'."),
    "FORM_028": N_("The old 'include' type is not supported. Copy the rows of the included form into this workbook."),
    "FORM_029": N_("The file cannot be read: {detail}. Close it in Excel and check that you may open it."),
    "FORM_030": N_("The calculation of '{field}' is plain text, not an expression; it stays empty. Write an expression, or use a note to show text."),
    "FORM_031": N_("This is a folder, not a workbook. Give the .xlsx or .xls file inside it."),
    "FORM_033": N_("The function '{name}()' belongs to another XLSForm dialect (SurveyCTO), not to ODK: fieldapp evaluates it as empty. Replace it with an ODK function if the value matters."),
    "FORM_034": N_("The function '{name}()' does not exist in ODK. Check its spelling against https://docs.getodk.org/form-operators-functions/."),
    "FORM_035": N_("The form has no language '{value}'. Its languages are: {choices}."),
    "FORM_032": N_("The pattern '{pattern}' of regex() cannot be read ({reason}). Write it as ODK Collect reads it (Java's regular expressions)."),
    # Expressions
    "EXPR_001": N_("Syntax error at position {pos}: {detail}."),
    "EXPR_002": N_("Unknown function '{name}()'."),
    "EXPR_003": N_("The function '{name}()' takes {expected} arguments, not {given}."),
    "EXPR_004": N_("{detail}"),
    "EXPR_005": N_("The pattern '{pattern}' of regex() cannot be read ({reason}). Write it as ODK Collect reads it (Java's regular expressions)."),
    "EXPR_006": N_("The pattern '{pattern}' of regex() took longer than {seconds} s on this answer, so the answer cannot be checked. Simplify the pattern (nested repetitions such as (a+)+ backtrack without end)."),
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
    "ANS_015": N_("'{field}' is a group, not a question. Answer the questions inside it."),
    "ANS_016": N_("'{field}' is read-only: the form shows or calculates it. It cannot be answered."),
    "ANS_017": N_("'{field}' does not take a file. Files go to image, audio, video or file questions."),
    "ANS_018": N_("The form calculates how many '{field}' entries there are. They cannot be added or removed by hand."),
    "ANS_011": N_("Repeat '{field}' has no instance {index}."),
    "ANS_012": N_("'{value}' is outside the range {start} to {end}."),
    "ANS_014": N_("'{value}' is not accepted: {detail}"),
    "ANS_015": N_("'{value}' is not one of the values of this slider: it goes from {start} in steps of {step}."),
    "ANS_016": N_("'{value}' is ranked twice. Give each item one place in the order."),
    "ANS_017": N_("The ranking is incomplete: {value} still need a place. Rank every item."),
    "ANS_013": N_("'{value}' is not a valid date and time (use YYYY-MM-DDTHH:MM)."),
    # Capture (filling a stored submission)
    "CAPTURE_001": N_("The submission cannot be finalized yet: {count} answers are missing or not valid."),
    # Input files (answers JSON, CSV)
    "INPUT_001": N_("The file cannot be read: {detail}."),
    "INPUT_002": N_("The JSON is not valid: {detail}."),
    "INPUT_003": N_("'{field}' appears twice in the answers file. Keep only one answer per field."),
    "INPUT_004": N_("The answer to '{field}' is {value}, a JSON true/false. Write the answer as the form expects it: a choice name, a number or text in quotes."),
    # CSV files (fieldapp/csvio.py)
    "CSV_001": N_("The CSV file is empty. Its first line must name the columns."),
    "CSV_002": N_("The CSV file is not valid {encoding} text ({detail}). Save it again as 'CSV UTF-8', or name its encoding with --encoding."),
    "CSV_003": N_("The text encoding of the CSV file cannot be recognised. Save it again as 'CSV UTF-8', or name its encoding with --encoding."),
    "CSV_004": N_("The CSV file holds binary data (NUL bytes). Check that it is a CSV file and save it again as 'CSV UTF-8'."),
    "CSV_005": N_("'{value}' is not a text encoding. Use a name such as utf-8, cp1252, latin-1 or cp850."),
    "CSV_006": N_("The CSV file cannot be read from this line on: {detail}. Check for a quote (\") that is never closed."),
    "CSV_007": N_("This is a folder, not a CSV file."),
    "CSV_008": N_("The file cannot be opened: {detail}."),
    "CSV_009": N_("The text encoding of the CSV file is not certain: the same bytes read '{word1}' in {enc1} but '{word2}' in {enc2}. Nothing was imported. Give the right one with --encoding (for example --encoding {enc2}), or save the file again as 'CSV UTF-8'."),
    "CSV_010": N_("This is an Excel workbook, not a CSV file. Open it in Excel or LibreOffice and save it as 'CSV UTF-8 (comma delimited)'."),
    "CSV_011": N_("The file is UTF-16 text without the mark that says so. Save it again as 'CSV UTF-8', or give --encoding utf-16-le."),
    "CSV_012": N_("The cells of this file are separated by '|'. Save it again from Excel or LibreOffice as CSV, with ',' or ';' between cells."),
    # Storage (the SQLite database)
    "STORE_000": N_("{detail}"),
    "STORE_001": N_("The database was made by a newer fieldapp (schema {found}; this one knows up to {known}). Install the newer fieldapp to open it."),
    "STORE_002": N_("The database is in use by another program (another fieldapp window or a sync). Close it and try again. The last change was not saved; everything saved before is intact."),
    "STORE_003": N_("The database cannot be written: the file or its folder is read-only. Copy it to a folder you can write to. The last change was not saved; everything saved before is intact."),
    "STORE_004": N_("The disk is full. Free some space and try again. The last change was not saved; everything saved before is intact."),
    "STORE_005": N_("The database file is damaged ({detail}); fieldapp will not write into it. Do not delete it: keep a copy, then restore the last backup (File → Backups…, or: python main.py backup list, then backup restore FILE)."),
    "STORE_006": N_("The database cannot be opened ({detail}). Check that the folder exists and that you may write to it."),
    "STORE_007": N_("The disk could not be read or written ({detail}). If it is a USB drive, check that it is still connected, then try again."),
    "STORE_008": N_("This SQLite file belongs to another program. Choose a fieldapp database or a new file name."),
    "STORE_009": N_("The schema files of this installation are missing or misnumbered ({detail}). Reinstall fieldapp."),
    "STORE_010": N_("There is no organization '{id}'. Use 'orgs list' to see them."),
    "STORE_011": N_("There is no round '{id}'. Use 'rounds list' to see them."),
    "STORE_012": N_("There is no submission '{uuid}'. Use 'submissions list' to see them."),
    "STORE_013": N_("The submission {uuid} is final and locked. Reopen it, stating a reason, to change it."),
    "STORE_014": N_("The submission {uuid} was deleted."),
    "STORE_015": N_("Give a reason to reopen a final submission."),
    "STORE_016": N_("The submission {uuid} is final: only drafts can be deleted. Reopen it first."),
    "STORE_017": N_("The submission {uuid} is not final, so there is nothing to reopen."),
    "STORE_018": N_("The submission {uuid} is already final."),
    "STORE_019": N_("'{uuid}' matches {count} submissions. Type more characters of the UUID."),
    "STORE_020": N_("The organization '{id}' already exists. Use 'orgs edit' to change it."),
    "STORE_021": N_("'{value}' is not an organization type. Use one of: {choices}."),
    "STORE_022": N_("'{value}' is not a known country. Use its two-letter ISO code (PE, CO, MX …) or its name."),
    "STORE_023": N_("'{value}' is not a number of members. Use a whole number, 0 or more."),
    "STORE_024": N_("'{field}' cannot be empty."),
    "STORE_025": N_("The total of members ({total}) is smaller than women plus men ({sum})."),
    "STORE_026": N_("The round '{id}' already exists. Use 'rounds edit' to change it."),
    "STORE_027": N_("'{value}' is not a year. Use four digits, e.g. 2024."),
    "STORE_028": N_("'{value}' is not a valid id. Use letters, digits, '-', '_' or '.', without spaces (at most 64)."),
    "STORE_029": N_("The round '{id}' is the baseline. Make another round the baseline instead."),
    "STORE_030": N_("The CSV file has no '{name}' column. Its first line must name the columns: id, name, type, country, products, women, men."),
    "STORE_032": N_("The id '{value}' appears twice in the file (first on line {first})."),
    "STORE_070": N_("There is no fieldapp database here. Check the path given with --db. A new database is made by the window's first start or by a command that writes (such as 'demo' or 'orgs add'), which says where."),
    "STORE_071": N_("This file is not a fieldapp database (not a SQLite database at all). Check the path given with --db."),
    "STORE_072": N_("The database has an older schema and is on a read-only disk, so it cannot be brought up to date. Copy it to a folder you can write to and open the copy."),
    "STORE_073": N_("This file cannot be restored: it is not a usable fieldapp backup ({detail}). Nothing was changed. Choose another one (python main.py backup list)."),
    "STORE_074": N_("The database is already open in another fieldapp window (process {pid}). Switch to that window, or close it and try again."),
    "STORE_075": N_("The submission {uuid} was changed in another window or program after this one loaded it. Your last change was not saved; the submission was reloaded as stored. Check it and enter the change again."),
    # Limits (a workbook, an answer or a file too big to be a form's)
    "LIMIT_001": N_("The file is {size} MB; fieldapp reads workbooks of at most {limit} MB. Remove images or unused sheets and save it again."),
    "LIMIT_002": N_("The workbook unpacks to {size} MB (at most {limit} MB): it declares far more cells than a form needs. Delete the empty rows and columns after the data and save it again."),
    "LIMIT_003": N_("The sheet has {rows} rows; a form may have at most {limit}. Delete the empty rows at the end of the sheet and save it again."),
    "LIMIT_004": N_("The answer is {size} characters long; at most {limit} are accepted. Shorten it, or attach a file instead."),
    "LIMIT_005": N_("The file is {size} MB; attached files may be at most {limit} MB. Attach a smaller file (a photo at a lower resolution, a shorter recording)."),
    "LIMIT_006": N_("The answers file is {size} MB; at most {limit} MB are accepted."),
    # Media files a form reads (select_one_from_file, pulldata, instance)
    "FORM_040": N_("The media file '{value}' is outside the form's media folder. Give the plain name of a file kept with the form (such as 'lista.csv'), without folders."),
    "STORE_040": N_("The form '{form_id}' version '{version}' is not registered. Add it with 'forms add'."),
    "STORE_041": N_("The form '{form_id}' version '{version}' is already registered with a different workbook. Raise the version in the 'settings' sheet and add it again."),
    "STORE_050": N_("The file to attach cannot be read ({detail})."),
    "STORE_051": N_("The submission {uuid} has no attached file '{name}'."),
    "STORE_061": N_("'{value}' is not an interface language. Use one of: {choices}."),
    # Indicators: external baselines and targets (shared/instruments.md §5.8)
    "IND_001": N_("The indicator code is empty. Write a code such as i2.1."),
    "IND_002": N_("The level '{value}' is unknown. Use one of: {choices}."),
    "IND_003": N_("A {level} value needs the {level} it is about (a country code or an organization id) in the 'unit' column."),
    "IND_004": N_("n cannot be negative ({value}). Write the number of respondents or organizations."),
    "IND_005": N_("'{value}' is not a usable number. Write a number such as 58.0."),
    "IND_006": N_("The value {value} is outside its interval [{low}; {high}]. Check the interval's bounds."),
    "IND_007": N_("The column '{column}' is missing. The first line must name: indicator, level, unit, year, value, n, low, high, source."),
    "IND_008": N_("The CSV file cannot be read: {detail}."),
    "IND_009": N_("The round '{id}' is both the round and its baseline. Choose an earlier round with --baseline."),
    # Analysis exports (export csv, export sqlite)
    "EXPORT_001": N_("The export was cancelled. No file was written."),
    "EXPORT_002": N_("The files cannot be written in this folder ({detail}). Choose a folder you may write to, with free space."),
    "EXPORT_003": N_("The database file cannot be written here ({detail}). Choose another file name or folder."),
    "EXPORT_004": N_("The target is the database being exported. Choose another file name."),
    # Scores (the 'scoring' and 'bands' sheets, see shared/instruments.md §0)
    "SCORE_001": N_("Unknown score kind '{value}'. Use mean, weighted_mean, min or indicator."),
    "SCORE_002": N_("This row has no name. Write the score's id in the 'name' column."),
    "SCORE_003": N_("The name '{value}' is used twice. Every row needs its own name."),
    "SCORE_004": N_("The scale '{value}' cannot be read. Write the lowest and the highest item value, e.g. '1-4'."),
    "SCORE_005": N_("The spreadsheet turned the scale into a date. Format the 'scale' column as text and type it again, e.g. '1-4'."),
    "SCORE_006": N_("'{value}' is not a number. Write a number such as 0.5, 6 or 85."),
    "SCORE_007": N_("The bands '{value}' cannot be read. Write 'lower bound:name' pairs in ascending order, e.g. '0:incipient 40:developing 70:consolidated'."),
    "SCORE_008": N_("The score '{field}' needs the names it is computed from in the 'of' column."),
    "SCORE_009": N_("The score '{field}' is a mean and needs a 'scale' such as '1-4'."),
    "SCORE_010": N_("The indicator '{field}' needs either one question in 'of' with its 'success' values, or an 'expression' (not both)."),
    "SCORE_011": N_("The indicator '{field}' counts one question, but 'of' names several: '{value}'. Use an 'expression' to combine questions."),
    "SCORE_012": N_("For a mean, 'min_valid' is the share of applicable items that must be answered, between 0 and 1 (e.g. 0.5), not '{value}'."),
    "SCORE_013": N_("For a {kind}, 'min_valid' is how many of its {n} parts must be valid (a whole number from 1 to {n}), not '{value}'."),
    "SCORE_014": N_("The weight '{value}' is negative. Weights are zero or more (default 1)."),
    "SCORE_015": N_("The header row has no '{column}' column. Add it."),
    "SCORE_016": N_("The score '{field}' has the same name as a question. Rename the score."),
    "SCORE_017": N_("A mean averages questions, but '{ref}' is a score. Use weighted_mean to combine scores."),
    "SCORE_018": N_("A {kind} combines scores, but '{ref}' is a question. Use mean to average questions."),
    "SCORE_019": N_("An indicator counts the answers of a question, but '{ref}' is a score. Use an 'expression' such as '${{{ref}}} >= 85' instead."),
    "SCORE_020": N_("The workbook cannot be opened ({detail}). Close it in Excel or LibreOffice if it is open, then try again."),
    "SCORE_021": N_("The rescale '{value}' of the score '{field}' is unknown. Use 'range' ((mean − min) / (max − min) × 100) or 'max' (mean / max × 100)."),
    "SCORE_022": N_("The form '{form_id}' has no mean score '{field}' to rescale. Its mean scores: {choices}."),
    # Sync bundles (zip files carried on USB sticks; see fieldapp/sync/)
    "BUNDLE_001": N_("The file is not a complete bundle ({detail}). Copy it again from the USB stick, or ask for a new export."),
    "BUNDLE_002": N_("The bundle holds a file with an unsafe name (an absolute path or '..'). It was refused; ask for a new export."),
    "BUNDLE_003": N_("The bundle holds a link instead of a file. It was refused; ask for a new export."),
    "BUNDLE_004": N_("The bundle holds {count} files; at most {limit} are accepted. It was refused; ask for a new export."),
    "BUNDLE_005": N_("The file would expand to {size} bytes; at most {limit} are accepted. It was refused; ask for a new export."),
    "BUNDLE_006": N_("The file would expand {ratio} times its packed size, like a zip bomb. It was refused; ask for a new export."),
    "BUNDLE_007": N_("The manifest cannot be read: {detail}. Ask for a new export."),
    "BUNDLE_008": N_("The bundle was made by a newer fieldapp (format {found}; this one reads up to {known}). Install the newer fieldapp to import it."),
    "BUNDLE_009": N_("The signature does not match the bundle: it was changed after it was made, or it is forged. It was refused; ask for a new export."),
    "BUNDLE_010": N_("The device {device} is already known here with another key: this bundle may be forged. It was refused. If that laptop was reinstalled, revoke the old key with 'devices revoke' and trust the new one."),
    "BUNDLE_011": N_("The device {device} ({technician}) is not trusted on this laptop yet. If you expected its bundle, import it again with --trust (or accept it in the window)."),
    "BUNDLE_012": N_("The device {device} was revoked on {date}. Its bundles are refused; trust it again with 'devices trust' if that was a mistake."),
    "BUNDLE_013": N_("A file listed in the manifest is missing from the bundle. Copy the bundle again or ask for a new export."),
    "BUNDLE_014": N_("The bundle holds a file its manifest does not list. It was refused; ask for a new export."),
    "BUNDLE_015": N_("The file does not match its checksum (size or SHA-256): it was damaged or changed. Copy the bundle again or ask for a new export."),
    "BUNDLE_016": N_("This is a {found} bundle, but a {expected} bundle was expected here."),
    "BUNDLE_017": N_("The column '{column}' is missing. The first line must name the columns: {expected}."),
    "BUNDLE_018": N_("The column '{column}' is not expected. The first line must name the columns: {expected}."),
    "BUNDLE_019": N_("The table is not UTF-8 text ({detail}). Do not save bundle tables from Excel; ask for a new export."),
    "BUNDLE_020": N_("The table holds a NUL byte, which text never contains. Ask for a new export."),
    "BUNDLE_021": N_("A cell is larger than {limit} bytes. Ask for a new export."),
    "BUNDLE_022": N_("'{value}' is not valid here ({detail})."),
    "BUNDLE_023": N_("The row refers to {what} '{value}', which is neither in the bundle nor in this database."),
    "BUNDLE_024": N_("The answers of submission {uuid} do not give its content hash: the data was changed. Ask for a new export."),
    "BUNDLE_025": N_("The answer does not fit the form {form_id} {version}: {detail}"),
    "BUNDLE_026": N_("The form '{form_id}' version '{version}' is registered here with a different workbook. Ask the coordinator which one is right; the form's version must change when the workbook changes."),
    "BUNDLE_027": N_("'{value}' appears twice (first on line {first})."),
    "BUNDLE_028": N_("The manifest and the table disagree about submission {uuid}. Ask for a new export."),
    "BUNDLE_029": N_("The table cannot be read: {detail}. Ask for a new export."),
    "BUNDLE_030": N_("The bundle cannot be written ({detail}). Check that the USB stick is connected, not full and not read-only."),
    "BUNDLE_031": N_("The bundle did not read back as written: the USB stick may be failing. Nothing was left on it; try another stick."),
    "BUNDLE_032": N_("There is no bundle (.zip) in this folder."),
    "BUNDLE_033": N_("This laptop's signing key cannot be used ({detail}). Check the file's permissions; do not copy keys between laptops."),
    "BUNDLE_034": N_("The bundle is this laptop's own setup bundle."),
    # Conflicts between copies of a submission, devices
    "CONFLICT_001": N_("There is no conflict '{id}'. Use 'conflicts list' to see them."),
    "CONFLICT_002": N_("The conflict {id} is already resolved."),
    "CONFLICT_003": N_("Say which copy to keep: --keep local or --keep incoming, or --field PATH=local|incoming for each field that differs."),
    "CONFLICT_004": N_("'{field}' is not a field of either copy. Use 'conflicts list --json' to see the fields that differ."),
    "CONFLICT_005": N_("'{value}' is not a choice: use local or incoming."),
    "CONFLICT_006": N_("The fields {fields} differ and were not decided. Add --keep local|incoming, or --field PATH=local|incoming for each."),
    "DEVICE_001": N_("There is no device '{device}' here. Use 'devices list' to see them, or trust a device from one of its bundles: devices trust BUNDLE.zip"),
    # Printed reports
    "REPORT_001": N_("'{paper}' is not a paper size. Use a4 or letter."),
    "REPORT_002": N_("The report cannot be written to {path} ({detail}). Check the folder exists and the PDF is not open in another program."),
    "REPORT_003": N_("The logo {path} cannot be read ({detail}). Use a PNG or JPEG image."),
    "REPORT_004": N_("The organization '{id}' has no final development assessment or livelihood survey in round '{round}', so there is nothing to report yet."),
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
        if ctx.get("member"):
            parts.append(_("file '{member}'").format(member=ctx["member"]))
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
            "member": self.context.get("member"),
            "line": self.context.get("line"),
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


class InputError(FieldappError):
    """A value a person typed or gave does not fit (not a year, an unknown country, an empty
    name): fixing the input fixes it. Nothing was stored."""


class StoreError(FieldappError):
    """The database cannot be read or written, or refuses the change (a locked submission,
    a duplicate id): the data or the disk is the matter, not the typing."""


class FinalizeError(FieldappError):
    """The submission still has missing or invalid answers (each in ``problems``, with its
    ``path`` and ``message``)."""

    def __init__(self, problems: Sequence[Any]) -> None:
        super().__init__("CAPTURE_001", count=len(problems))
        self.problems = list(problems)

    @property
    def message(self) -> str:
        lines = [super().message]
        lines += [f"  - {p.path}: {p.message}" for p in self.problems]
        return "\n".join(lines)


class CsvError(FieldappError):
    """A CSV file cannot be read as a table."""


class BundleError(FieldappError):
    """A sync bundle is damaged or does not fit this database."""


class ConflictError(FieldappError):
    """Two copies of a submission were edited apart from each other."""


class ReportError(FieldappError):
    """A printed report cannot be made as asked (paper, output file, logo, no data)."""


class ExportError(FieldappError):
    """An analysis export cannot be written (or was cancelled)."""
