"""The ``scoring`` and ``bands`` sheets of an XLSForm: score definitions, read and checked.

pyxform ignores sheets it does not know, so these are read here straight from the workbook
(openpyxl for .xlsx, xlrd for .xls). The columns are described in shared/instruments.md §0.
"""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path
from typing import Collection

from fieldapp.errors import ExprError, FormError
from fieldapp.expr import compile_expr
from fieldapp.forms.extrasheets import Row, Rows, Table, read_sheets
from fieldapp.forms.model import Form, ScoreDef, Texts

SCORING_SHEET = "scoring"
BANDS_SHEET = "bands"
KINDS = ("mean", "weighted_mean", "min", "indicator")
RESCALES = ("range", "max")  # instruments.md §5.7; "range" when the column is blank
COMBINING_KINDS = ("weighted_mean", "min")  # kinds whose `of` names scores, not questions

_SPLIT = re.compile(r"[\s,;]+")
_REF = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
# A dash, en dash or em dash (spreadsheets auto-correct '-'), '..' or 'to' between two numbers
_SCALE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:-|–|—|\.\.|to)\s*(-?\d+(?:[.,]\d+)?)\s*$")
_BAND = re.compile(r"^(-?\d+(?:[.,]\d+)?):(\S+)$")


def read_scoring_sheet(path: Path, data: bytes | None = None,
                       sheets: dict[str, Rows] | None = None
                       ) -> tuple[list[ScoreDef], dict[str, Texts]]:
    """The score definitions of the workbook at ``path`` (or of its bytes ``data``, already
    read, or of its ``scoring`` and ``bands`` sheets, already read) and its band labels.

    :returns: the scores in sheet order, and ``{band name: {language: label}}`` from the
        ``bands`` sheet; ``([], {})`` when the workbook has no ``scoring`` sheet.
    :raises FormError: if the workbook cannot be read or a row is not valid (the error names
        the sheet, the spreadsheet row and the column).
    """
    path = Path(path)
    if sheets is None:
        sheets = read_sheets(path, (SCORING_SHEET, BANDS_SHEET), data)
    scores: list[ScoreDef] = []
    if SCORING_SHEET in sheets:
        table = Table(path, SCORING_SHEET, sheets[SCORING_SHEET], required=("name", "kind"))
        seen: set[str] = set()
        for row in table.rows():
            score = _score_from_row(row)
            if score.name in seen:
                raise row.error("SCORE_003", "name", value=score.name, field=score.name)
            seen.add(score.name)
            scores.append(score)
    bands: dict[str, Texts] = {}
    if BANDS_SHEET in sheets:
        table = Table(path, BANDS_SHEET, sheets[BANDS_SHEET], required=("name",))
        for row in table.rows():
            name = row.text("name")
            if not name:
                raise row.error("SCORE_002", "name")
            if name in bands:
                raise row.error("SCORE_003", "name", value=name)
            bands[name] = row.labels()
    return scores, bands


def score_references(score: ScoreDef) -> tuple[str, ...]:
    """The names a score reads: its ``of`` names, then the ``${…}`` of its expression."""
    refs = list(score.of)
    for name in _REF.findall(score.expression or ""):
        if name not in refs:
            refs.append(name)
    return tuple(refs)


def scores_read(score: ScoreDef, names: Collection[str]) -> tuple[str, ...]:
    """The scores (among ``names``) that ``score`` reads: the parts of a ``weighted_mean`` or
    ``min`` and the ``${…}`` of an expression. The ``of`` of a ``mean`` or an indicator names
    questions, even where a score has the same name."""
    refs = [*score.of] if score.kind in COMBINING_KINDS else []
    refs += _REF.findall(score.expression or "")
    return tuple(r for r in dict.fromkeys(refs) if r in names)


def validate_scores(form: Form) -> list[FormError]:
    """Check a form's scores against its questions: every name a score reads exists and is of
    the right sort (questions for ``mean`` and ``indicator``, scores for ``weighted_mean`` and
    ``min``), expressions can be read, and no score depends on itself."""
    fields = {q.name for q in form.questions()}
    scores = {s.name: s for s in form.scores}
    errors: list[FormError] = []

    def error(score: ScoreDef, code: str, column: str, **context: object) -> None:
        errors.append(
            FormError(
                code,
                path=form.source or None,
                sheet=SCORING_SHEET,
                row=score.row,
                column=column,
                field=score.name,
                **context,
            )
        )

    for score in form.scores:
        if score.name in fields:
            error(score, "SCORE_016", "name")
        for ref in score.of:
            if ref not in fields and ref not in scores:
                error(score, "FORM_016", "of", ref=ref)
            elif score.kind in COMBINING_KINDS and ref not in scores:
                error(score, "SCORE_018", "of", ref=ref, kind=score.kind)
            elif score.kind == "mean" and ref not in fields:
                error(score, "SCORE_017", "of", ref=ref)
            elif score.kind == "indicator" and ref not in fields:
                error(score, "SCORE_019", "of", ref=ref)
        if score.expression:
            try:
                compile_expr(score.expression)
            except ExprError as exc:
                error(score, "FORM_008", "expression", detail=exc.message)
            for ref in _REF.findall(score.expression):
                if ref not in fields and ref not in scores:
                    error(score, "FORM_016", "expression", ref=ref)
    for cycle in score_cycles(form.scores):
        error(scores[cycle[0]], "FORM_018", "of", cycle=" → ".join(cycle))
    return errors


def score_cycles(scores: list[ScoreDef]) -> list[list[str]]:
    """Each cycle among scores reading scores once, as ``[a, b, …, a]``."""
    names = {s.name for s in scores}
    graph = {s.name: scores_read(s, names) for s in scores}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return found


# Reading one row ---------------------------------------------------------------------------


def _score_from_row(row: Row) -> ScoreDef:
    name = row.text("name")
    if not name:
        raise row.error("SCORE_002", "name")
    kind_text = row.text("kind")
    kind = re.sub(r"[\s-]+", "_", kind_text.lower())
    if kind not in KINDS:
        raise row.error("SCORE_001", "kind", value=kind_text, field=name)
    of = tuple(_split(row.text("of"), strip_refs=True))
    expression = row.text("expression") or None
    success = frozenset(_split(row.text("success")))
    counted = frozenset(_split(row.text("counted")))
    scale = None
    min_valid = None
    if kind == "indicator":
        if expression and (of or success or counted):
            raise row.error("SCORE_010", "expression", field=name)
        if not expression and len(of) > 1:
            raise row.error("SCORE_011", "of", field=name, value=row.text("of"))
        if not expression and not (of and success):
            raise row.error("SCORE_010", "success" if of else "of", field=name)
    else:
        if not of:
            raise row.error("SCORE_008", "of", field=name)
        min_valid = _min_valid(row, kind, len(of), name)
    if kind == "mean":
        scale = _scale(row, name)
    rescale = row.text("rescale").lower() or RESCALES[0]
    if rescale not in RESCALES:
        raise row.error("SCORE_021", "rescale", field=name, value=row.text("rescale"))
    weight = _number(row, "weight", name)
    if weight is not None and weight < 0:
        raise row.error("SCORE_014", "weight", field=name, value=row.text("weight"))
    return ScoreDef(
        name=name,
        kind=kind,
        of=of,
        scale=scale,
        not_applicable=frozenset(_split(row.text("not_applicable"))),
        missing=frozenset(_split(row.text("missing"))),
        min_valid=min_valid,
        weight=1.0 if weight is None else weight,
        success=success,
        counted=counted,
        expression=expression,
        target=_number(row, "target", name),
        bands=_bands(row, name),
        rescale=rescale,
        label=row.labels(),
        row=row.number,
    )


def _split(text: str, strip_refs: bool = False) -> list[str]:
    """Space- (or comma-) separated values; names may be written ``${name}`` too."""
    items = [t for t in _SPLIT.split(text) if t]
    if strip_refs:
        items = [t[2:-1] if t.startswith("${") and t.endswith("}") else t for t in items]
    return items


def _scale(row: Row, name: str) -> tuple[float, float]:
    if isinstance(row.raw("scale"), (date, time)):
        # Excel reads a typed '1-4' as the 4th of January
        raise row.error("SCORE_005", "scale", field=name)
    text = row.text("scale")
    if not text:
        raise row.error("SCORE_009", "scale", field=name)
    match = _SCALE.match(text)
    low, high = (float(g.replace(",", ".")) for g in match.groups()) if match else (0.0, 0.0)
    if not match or low >= high:
        raise row.error("SCORE_004", "scale", field=name, value=text)
    return low, high


def _min_valid(row: Row, kind: str, parts: int, name: str) -> float | None:
    text = row.text("min_valid")
    if not text:
        return None
    if kind == "mean":
        value = _number(row, "min_valid", name, percent=True)
        if value is None or not 0 < value <= 1:
            raise row.error("SCORE_012", "min_valid", field=name, value=text)
        return value
    value = _number(row, "min_valid", name)
    if value is None or value != int(value) or not 1 <= value <= parts:
        raise row.error("SCORE_013", "min_valid", field=name, value=text, kind=kind, n=parts)
    return value


def _number(row: Row, column: str, name: str, percent: bool = False) -> float | None:
    """The number in ``column`` (None when blank); ``0,5`` is read as 0.5 and, with
    ``percent``, ``50%`` as 0.5, since coordinators type both into text cells."""
    raw = row.raw(column)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    text = row.text(column)
    if not text:
        return None
    scaled = percent and text.endswith("%")
    body = text[:-1].strip() if scaled else text
    if body.count(",") == 1 and "." not in body:
        body = body.replace(",", ".")
    try:
        value = float(body)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise row.error("SCORE_006", column, field=name, value=text)
    return value / 100 if scaled else value


def _bands(row: Row, name: str) -> tuple[tuple[float, str], ...]:
    text = row.text("bands")
    bands: list[tuple[float, str]] = []
    for token in _split(text):
        match = _BAND.match(token)
        bound = float(match[1].replace(",", ".")) if match else None
        if bound is None or (bands and bound <= bands[-1][0]):
            raise row.error("SCORE_007", "bands", field=name, value=text)
        bands.append((bound, match[2]))
    return tuple(bands)
