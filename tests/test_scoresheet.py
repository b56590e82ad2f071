"""Reading and checking the ``scoring`` and ``bands`` sheets of real workbooks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from xlsform_md import md_to_xlsx

from fieldapp.errors import FormError
from fieldapp.forms.extrasheets import read_sheets
from fieldapp.forms.model import Form, Group, Question
from fieldapp.forms.scoresheet import read_scoring_sheet, score_references, validate_scores

SURVEY = """
| survey  |                     |      |                     |
|         | type                | name | label::English (en) |
|         | select_one level    | A1_1 | Assembly            |
|         | select_one level    | A1_2 | Board               |
|         | select_one level    | A2_1 | Books               |
|         | select_one yn       | D1   | Sustainable?        |
| choices |                     |      |                     |
|         | list_name           | name | label::English (en) |
|         | level               | 1    | One                 |
|         | level               | 4    | Four                |
|         | level               | na   | NA                  |
|         | yn                  | si   | Yes                 |
|         | yn                  | no   | No                  |
"""

SCORING = """
| scoring |       |               |           |       |                |         |           |        |         |                |                                                        |                      |                     |
|         | name  | kind          | of        | scale | not_applicable | missing | min_valid | weight | success | counted        | bands                                                  | label::Español (es)  | label::English (en) |
|         | A1    | mean          | A1_1 A1_2 | 1-4   | na             | ns      | 0.5       | 2      |         |                |                                                        | Gobernanza           | Governance          |
|         | A2    | mean          | ${A2_1}   | 1 – 4 | na             | ns      | 50%       |        |         |                |                                                        | Gestión              | Management          |
|         | IDO   | weighted_mean | A1 A2     |       |                |         | 1         |        |         |                | 0:incipient 40:developing 70:consolidated 85:target_met | Índice               | Index               |
|         | sust  | indicator     | D1        |       |                |         |           |        | si      | si en_parte no |                                                        |                      |                     |
| bands   |       |                           |                     |
|         | name  | label::Español (es)       | label::English (en) |
|         | incipient | Incipiente            | Incipient           |
|         | target_met | Meta alcanzada       | Target met          |
"""


def _form(scores, fields=("A1_1", "A1_2", "A2_1", "D1")) -> Form:
    root = Group(name="data", path="", type="group")
    for name in fields:
        root.children.append(Question(name=name, path=name, type="select_one", parent=root))
    return Form(form_id="t", version="1", title={}, root=root, scores=scores, source="t.xlsx")


def test_reads_scores_and_bands(tmp_path):
    path = md_to_xlsx(SURVEY + SCORING, tmp_path / "form.xlsx")
    scores, bands = read_scoring_sheet(path)
    a1, a2, ido, sust = scores
    assert [s.name for s in scores] == ["A1", "A2", "IDO", "sust"]
    assert a1.kind == "mean" and a1.of == ("A1_1", "A1_2") and a1.scale == (1.0, 4.0)
    assert a1.not_applicable == {"na"} and a1.missing == {"ns"}
    assert a1.min_valid == 0.5 and a1.weight == 2.0 and a1.row == 2
    assert a1.label == {"Español (es)": "Gobernanza", "English (en)": "Governance"}
    assert a2.of == ("A2_1",) and a2.scale == (1.0, 4.0) and a2.min_valid == 0.5
    assert a2.weight == 1.0
    assert ido.kind == "weighted_mean" and ido.min_valid == 1 and ido.row == 4
    assert ido.bands == (
        (0, "incipient"), (40, "developing"), (70, "consolidated"), (85, "target_met")
    )
    assert sust.success == {"si"} and sust.counted == {"si", "en_parte", "no"} and sust.label == {}
    assert bands == {
        "incipient": {"Español (es)": "Incipiente", "English (en)": "Incipient"},
        "target_met": {"Español (es)": "Meta alcanzada", "English (en)": "Target met"},
    }
    assert validate_scores(_form(scores)) == []


def test_no_scoring_sheet(tmp_path):
    assert read_scoring_sheet(md_to_xlsx(SURVEY, tmp_path / "f.xlsx")) == ([], {})


def test_numeric_cells_case_insensitive_headers_and_gaps(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Scoring"
    sheet.append(
        ["Name", "KIND", "Of", "Scale", "Min Valid", "Weight", "Target", "Label", "comment"]
    )
    sheet.append(["A1", "Mean", "A1_1 A1_2", "1-4", 0.5, 3, 85, "Governance", "ignored"])
    sheet.append([])
    sheet.append(["IDO", "weighted-mean", "A1", None, 1, None, 85.5])
    path = tmp_path / "n.xlsx"
    book.save(path)
    (a1, ido), bands = read_scoring_sheet(path)
    assert (a1.min_valid, a1.weight, a1.target) == (0.5, 3.0, 85.0)
    assert a1.label == {"default": "Governance"}
    assert ido.kind == "weighted_mean" and ido.row == 4 and ido.target == 85.5
    assert bands == {}


def _scoring_md(header: list[str], *rows: list[str]) -> str:
    """A markdown ``scoring`` sheet with these columns and rows."""
    lines = ["| scoring |" + " |" * len(header), "| | " + " | ".join(header) + " |"]
    lines += ["| | " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def test_score_references_in_order(tmp_path):
    expression = "${B_comp} >= 62.5 and ${B_min} >= 37.5 and ${B_comp} < 101"
    md = _scoring_md(["name", "kind", "expression"], ["sust_C", "indicator", expression])
    (score,), _ = read_scoring_sheet(md_to_xlsx(md, tmp_path / "r.xlsx"))
    assert score_references(score) == ("B_comp", "B_min")


BAD_ROWS = [
    ("kind", "median", "SCORE_001"),
    ("kind", "", "SCORE_001"),
    ("name", "", "SCORE_002"),
    ("scale", "1/4", "SCORE_004"),
    ("scale", "4-1", "SCORE_004"),
    ("scale", "", "SCORE_009"),
    ("min_valid", "half", "SCORE_006"),
    ("min_valid", "1.5", "SCORE_012"),
    ("min_valid", "0", "SCORE_012"),
    ("weight", "heavy", "SCORE_006"),
    ("weight", "-1", "SCORE_014"),
    ("target", "high", "SCORE_006"),
    ("bands", "0:low 40", "SCORE_007"),
    ("bands", "40:mid 0:low", "SCORE_007"),
    ("of", "", "SCORE_008"),
]


@pytest.mark.parametrize("column, value, code", BAD_ROWS)
def test_bad_mean_row(tmp_path, column, value, code):
    good = {"name": "A1", "kind": "mean", "of": "A1_1", "scale": "1-4", "min_valid": "0.5",
            "weight": "1", "target": "85", "bands": "0:low 40:mid"}
    bad = {**good, "name": "A2", column: value}
    md = _scoring_md(list(good), list(good.values()), list(bad.values()))
    path = md_to_xlsx(md, tmp_path / "bad.xlsx")
    with pytest.raises(FormError) as err:
        read_scoring_sheet(path)
    assert err.value.code == code
    ctx = err.value.context
    assert (ctx["sheet"], ctx["row"], ctx["column"]) == ("scoring", 3, column)
    assert str(err.value).startswith(f"{path}, sheet 'scoring', row 3, column '{column}'")


@pytest.mark.parametrize(
    "kind, of, min_valid, success, expression, code, column",
    [
        ("weighted_mean", "A1 A2", "3", "", "", "SCORE_013", "min_valid"),
        ("min", "A1 A2", "1.5", "", "", "SCORE_013", "min_valid"),
        ("indicator", "", "", "", "", "SCORE_010", "of"),
        ("indicator", "D1", "", "", "", "SCORE_010", "success"),
        ("indicator", "D1", "", "si", "${D1} = 'si'", "SCORE_010", "expression"),
        ("indicator", "D1 D2", "", "si", "", "SCORE_011", "of"),
    ],
)
def test_bad_combining_and_indicator_rows(tmp_path, kind, of, min_valid, success, expression,
                                          code, column):
    md = (
        "| scoring | | | | | | |\n"
        "| | name | kind | of | min_valid | success | expression |\n"
        f"| | X | {kind} | {of} | {min_valid} | {success} | {expression} |\n"
    )
    with pytest.raises(FormError) as err:
        read_scoring_sheet(md_to_xlsx(md, tmp_path / "bad.xlsx"))
    ctx = err.value.context
    assert (err.value.code, ctx["row"], ctx["column"], ctx["field"]) == (code, 2, column, "X")


def test_duplicate_score_name(tmp_path):
    md = """
| scoring | | | | |
| | name | kind | of | scale |
| | A1 | mean | q | 1-4 |
| | | | | |
| | A1 | mean | q | 1-5 |
"""
    with pytest.raises(FormError) as err:
        read_scoring_sheet(md_to_xlsx(md, tmp_path / "d.xlsx"))
    assert (err.value.code, err.value.context["row"]) == ("SCORE_003", 4)


@pytest.mark.parametrize(
    "md, code, sheet, row",
    [
        ("| scoring | | |\n| | name | of |\n| | A1 | q |", "SCORE_015", "scoring", 1),
        ("| scoring | | | |\n| | name | kind | Name |\n| | A1 | mean | x |",
         "FORM_012", "scoring", 1),
        ("| bands | | |\n| | name | label |\n| | low | Low |\n| | low | Bajo |",
         "SCORE_003", "bands", 3),
        ("| bands | | |\n| | name | label |\n| | | Low |", "SCORE_002", "bands", 2),
    ],
)
def test_bad_headers_and_bands_sheet(tmp_path, md, code, sheet, row):
    with pytest.raises(FormError) as err:
        read_scoring_sheet(md_to_xlsx(md, tmp_path / "h.xlsx"))
    ctx = err.value.context
    assert (err.value.code, ctx["sheet"], ctx["row"]) == (code, sheet, row)


def test_scale_turned_into_a_date(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "scoring"
    sheet.append(["name", "kind", "of", "scale"])
    sheet.append(["A1", "mean", "q", datetime(2024, 1, 4)])
    book.save(tmp_path / "date.xlsx")
    with pytest.raises(FormError) as err:
        read_scoring_sheet(tmp_path / "date.xlsx")
    assert (err.value.code, err.value.context["column"]) == ("SCORE_005", "scale")


def test_comma_decimal_and_percent(tmp_path):
    md = """
| scoring | | | | | | |
| | name | kind | of | scale | min_valid | target |
| | A1 | mean | q | 1..5 | 0,67 | 62,5 |
| | A2 | mean | q | 1 to 5 | 67% | |
"""
    a1, a2 = read_scoring_sheet(md_to_xlsx(md, tmp_path / "c.xlsx"))[0]
    assert (a1.scale, a1.min_valid, a1.target) == ((1.0, 5.0), 0.67, 62.5)
    assert (a2.scale, a2.min_valid) == ((1.0, 5.0), 0.67)


def test_unreadable_files(tmp_path):
    with pytest.raises(FormError) as err:
        read_scoring_sheet(tmp_path / "missing.xlsx")
    assert err.value.code == "FORM_001"
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(FormError) as err:
        read_scoring_sheet(junk)
    assert err.value.code == "FORM_003"
    text = tmp_path / "form.csv"
    text.write_text("name,kind\n")
    with pytest.raises(FormError) as err:
        read_scoring_sheet(text)
    assert err.value.code == "FORM_003"


def test_validate_scores_against_the_form(tmp_path):
    md = """
| scoring | | | | | | |
| | name | kind | of | scale | success | expression |
| | A1 | mean | A1_1 nope | 1-4 | | |
| | A2 | mean | A1 | 1-4 | | |
| | IDO | weighted_mean | A1 A2_1 | | | |
| | D | indicator | IDO | | si | |
| | D1 | indicator | | | | ${IDO} >= 85 and ${ghost} = 1 |
| | X | min | Y | | | |
| | Y | weighted_mean | X | | | |
"""
    scores, _ = read_scoring_sheet(md_to_xlsx(md, tmp_path / "v.xlsx"))
    errors = validate_scores(_form(scores))
    found = sorted((e.code, e.context["row"], e.context["column"]) for e in errors)
    assert found == [
        ("FORM_016", 2, "of"),  # nope
        ("FORM_016", 6, "expression"),  # ghost
        ("FORM_018", 7, "of"),  # X → Y → X
        ("SCORE_016", 6, "name"),  # D1 is a question
        ("SCORE_017", 3, "of"),  # a mean of a score
        ("SCORE_018", 4, "of"),  # a weighted_mean of a question
        ("SCORE_019", 5, "of"),  # an indicator of a score
    ]
    cycle = next(e for e in errors if e.code == "FORM_018")
    assert cycle.context["cycle"] == "X → Y → X" and "X → Y → X" in str(cycle)
    assert all(e.context["sheet"] == "scoring" and e.context["path"] == "t.xlsx" for e in errors)


def test_validate_scores_expression_syntax(tmp_path):
    md = "| scoring | | | |\n| | name | kind | expression |\n| | S | indicator | ${A1_1} >= (3 |"
    scores, _ = read_scoring_sheet(md_to_xlsx(md, tmp_path / "x.xlsx"))
    errors = validate_scores(_form(scores))
    assert [(e.code, e.context["column"]) for e in errors] == [("FORM_008", "expression")]


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "xlsform-corpus"


def _corpus(name: str) -> Path:
    if not (CORPUS / name).exists():
        pytest.skip("the shared XLSForm corpus is not present (it sits beside the project as ../shared)")
    return CORPUS / name


def test_corpus_workbooks_without_scoring():
    for name in ("default_time_demo.xls", "case_insensitivity.xlsx", "empty.xlsx"):
        assert read_scoring_sheet(_corpus(name)) == ([], {})
    for name in ("corrupt.xls", "corrupt.xlsx"):
        with pytest.raises(FormError) as err:
            read_scoring_sheet(_corpus(name))
        assert err.value.code == "FORM_003"


def test_reads_legacy_xls_cells():
    sheets = read_sheets(_corpus("default_time_demo.xls"), ("survey", "scoring"))
    assert list(sheets) == ["survey"]
    header, first = sheets["survey"][:2]
    assert header == ["type", "name", "label", "default"]
    assert first[:2] == ["time", "start_time"] and isinstance(first[3], datetime)
