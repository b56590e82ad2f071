"""The ``README.txt`` data dictionary written beside a form's CSV tables.

Its text is in the interface language; the form's labels and choices in the export's label
language (the form's default one without ``--labels``).
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp import __version__
from fieldapp.csvio import FORMULA_START
from fieldapp.exports import NOT_APPLICABLE
from fieldapp.exports.layout import RECORD_COLUMNS, Layout
from fieldapp.forms import qtypes
from fieldapp.forms.model import pick_text
from fieldapp.i18n import N_, _

_RECORD_MEANINGS = {
    "_uuid": N_("the submission's unique id (links every table)"),
    "_form_version": N_("the form version the submission was filled with"),
    "_org_id": N_("the organization's code"),
    "_org_name": N_("the organization's name"),
    "_org_type": N_("the organization's type (spo, cooperative, workers_association, second_level)"),
    "_country": N_("the organization's country (ISO code)"),
    "_org_members": N_("the organization's members in the registry (the weight of its producers in network estimates)"),
    "_org_workers": N_("the organization's hired workers in the registry (the weight of its workers in network estimates)"),
    "_round_id": N_("the round's code"),
    "_round_year": N_("the round's year"),
    "_technician": N_("who filled in the submission"),
    "_created_at": N_("when it was started (UTC)"),
    "_finalized_at": N_("when it was finalized (UTC)"),
    "_revision": N_("how many times it was saved"),
}
_LONG_MEANINGS = {
    "field": N_("the column name of the question in the wide table"),
    "path": N_("where the answer sits in the form, with repeat instance numbers (grp/rep[2]/q)"),
    "value": N_("the answer as stored (choice codes)"),
    "value_label": N_("for choice questions, the chosen choices' labels"),
}
_SCORE_MEANINGS = {
    "score": N_("the score's name in the form's scoring sheet"),
    "value": N_("the score (0–100; for an indicator, the share in %); one assessment gives its own value, several respondents their mean"),
    "n": N_("how many submissions have a value"),
    "x": N_("indicators: how many successes"),
    "low": N_("indicators: the 95% Wilson interval's lower bound (%)"),
    "high": N_("indicators: the 95% Wilson interval's upper bound (%)"),
    "excluded": N_("indicators: answers left out of the denominator (don't know, no response)"),
    "status": N_("ok, partial, insufficient (not enough answers) or not_applicable"),
}


@dataclass(slots=True)
class DictionaryInfo:
    """What the dictionary says about the export as a whole."""

    files: list[tuple[str, str]]  # (file name, what it holds)
    submissions: int
    round_id: str | None
    labels: str | None
    dialect: str
    exported_at: str


def dictionary_text(layout: Layout, info: DictionaryInfo) -> str:
    """The README.txt of an export of ``layout``."""
    form = layout.form
    lang = info.labels or form.default_language
    out: list[str] = []
    title = form.title_for(lang)
    out += [f"{title} ({layout.form_id})", "=" * len(f"{title} ({layout.form_id})"), ""]
    out.append(_("Exported on {date} by fieldapp {version}.").format(
        date=info.exported_at, version=__version__))
    out.append(_("Round: {round}.").format(round=info.round_id or _("all rounds")))
    out.append(_("Submissions: {n} (final ones only; drafts and deleted submissions are left "
                 "out).").format(n=info.submissions))
    out.append(_("Form versions: {versions}.").format(versions=", ".join(layout.versions)))
    out.append(_("Choice answers are written as {how}.").format(
        how=_("their labels in {lang}").format(lang=info.labels) if info.labels
        else _("their codes")))
    out += ["", _("Files"), "-----"]
    out += [f"  {name}\n      {what}" for name, what in info.files]
    out += ["", _("How to read the cells"), "---------------------"]
    if info.dialect == "excel-es":
        out.append("  " + _("UTF-8 text with a BOM; cells separated by semicolons (;); "
                            "decimal comma (3,5), as Excel in Spanish opens them."))
    else:
        out.append("  " + _("UTF-8 text with a BOM; cells separated by commas (,); "
                            "decimal point (3.5)."))
    out.append("  " + _("An empty cell: the question was asked and not answered."))
    out.append("  " + _("{na}: the question did not apply to this submission (skip logic), or "
                        "did not exist in its form version. It means the same in every round "
                        "and every language.").format(na=NOT_APPLICABLE))
    out.append("  " + _("Multiple choice: the column named after the question holds the "
                        "chosen codes separated by spaces; each column 'question/choice' is 1 "
                        "when that choice was chosen and 0 when not."))
    out.append("  " + _("Locations: 'question/{lat}', '/{lon}', '/{alt}', '/{acc}' hold "
                        "latitude, longitude, altitude (m) and accuracy (m).").format(
        lat=qtypes.GEOPOINT_PARTS[0], lon=qtypes.GEOPOINT_PARTS[1], alt=qtypes.GEOPOINT_PARTS[2], acc=qtypes.GEOPOINT_PARTS[3]))
    out.append("  " + _("Photos and other files: the cell holds the file's name; the file "
                        "itself stays in the fieldapp database."))
    starts = " ".join(repr(c)[1:-1] if c in "\t\r" else c for c in FORMULA_START)
    out.append("  " + _("Formula protection: a text cell that starts with one of {chars} gets "
                        "an apostrophe (') in front, so that a spreadsheet shows it instead of "
                        "running it as a formula (OWASP's rule against CSV injection). Remove "
                        "the first apostrophe to get the text as it was typed. Numbers are "
                        "never changed.").format(chars=starts))
    out += ["", _("Record columns"), "--------------"]
    width = max(len(c) for c in RECORD_COLUMNS)
    out += [f"  {c.ljust(width)}  {_(_RECORD_MEANINGS[c])}" for c in RECORD_COLUMNS]
    for table in layout.tables[1:]:
        out.append(f"  ({table.key}) " + ", ".join(table.links) + ": " + _(
            "link each row to its submission and to its place in the repeat group"))
    out += ["", _("Questions"), "---------"]
    for question in layout.questions:
        name = layout.names[question.path]
        table = next(t for t in layout.tables if any(c.question is question for c in t.columns))
        out.append(f"  {name}  ({question.type}"
                   + (f", {table.key}" if table.repeat is not None else "") + ")")
        label = pick_text(question.label, lang, form.default_language) \
            or pick_text(question.hint, lang, form.default_language)
        if label:
            out.append("      " + " ".join(label.split()))
        choices = layout.choices.get(question.path)
        if choices:
            text = "; ".join(f"{c.name} = {' '.join(pick_text(c.label, lang, form.default_language).split())}"
                             for c in choices)
            out.append("      " + _("choices: {choices}").format(choices=text))
        extra = [c.name for c in table.columns if c.question is question and c.kind != "value"]
        if extra:
            out.append("      " + (_("0/1 columns: {columns}") if qtypes.question_type(question.type).export == qtypes.CHOICES
                                   else _("also: {columns}")).format(columns=", ".join(extra)))
    out += ["", _("Long table columns"), "------------------"]
    out += [f"  {k.ljust(12)}  {_(v)}" for k, v in _LONG_MEANINGS.items()]
    if form.scores:
        out += ["", _("Scores table columns"), "--------------------"]
        out += [f"  {k.ljust(10)}  {_(v)}" for k, v in _SCORE_MEANINGS.items()]
        out += ["", _("Scores"), "------"]
        for score in form.scores:
            label = pick_text(score.label, lang, form.default_language)
            out.append(f"  {score.name.ljust(8)}  {score.kind}  {label}")
    return "\n".join(out) + "\n"
