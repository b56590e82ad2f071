"""The shipped workbooks in forms/: valid XLSForms, complete per instruments.md, and rebuilt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "forms"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FORM_A = FORMS / "desarrollo_organizacional.xlsx"
FORM_B = FORMS / "medios_de_vida.xlsx"
LANGUAGES = ("Español (es)", "English (en)", "Português (pt)")
TRANSLATED = ("label", "hint", "constraint_message", "required_message")
# Survey rows that carry no text of their own.
UNLABELLED_TYPES = {"hidden", "calculate", "end_group", "end_repeat"}


def _sheets(path: Path) -> dict[str, list[list]]:
    """Every sheet's cell values, header row first."""
    workbook = load_workbook(path, read_only=True)
    try:
        return {
            ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
            for ws in workbook.worksheets
        }
    finally:
        workbook.close()


def _rows(path: Path, sheet: str) -> list[dict]:
    header, *rows = _sheets(path)[sheet]
    return [dict(zip(header, row)) for row in rows if any(cell is not None for cell in row)]


def _by_name(path: Path, sheet: str) -> dict[str, dict]:
    return {row["name"]: row for row in _rows(path, sheet) if row.get("name")}


def _choice_values(path: Path) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for row in _rows(path, "choices"):
        lists.setdefault(row["list_name"], []).append(row["name"])
    return lists


def _instrument_codes(prefix: str) -> list[str]:
    """The item codes (``A1_1`` …) that instruments.md lists for instrument A or B."""
    spec = SHARED / "instruments.md"
    if not spec.exists():
        pytest.skip("the instruments specification is not present (../shared/instruments.md beside the project)")
    pattern = rf"(?<![\w.]){prefix}(\d)\.(\d)(?=\s)"
    found = re.findall(pattern, spec.read_text(encoding="utf-8"))
    return list(dict.fromkeys(f"{prefix}{a}_{b}" for a, b in found))


@pytest.mark.parametrize("path", [FORM_A, FORM_B], ids=lambda p: p.stem)
def test_pyxform_converts_without_warnings(path):
    result = convert(xlsform=str(path), validate=False)
    assert result.xform.startswith("<?xml")
    assert result.warnings == []


def test_instrument_a_items_have_levels_and_anchors():
    codes = _instrument_codes("A")
    assert len(codes) == 29
    survey, lists = _by_name(FORM_A, "survey"), _choice_values(FORM_A)
    choices = _rows(FORM_A, "choices")
    for code in codes:
        row = survey[code]
        assert row["type"] == f"select_one {code}_lvl"
        assert row["required"] == "yes"
        assert lists[f"{code}_lvl"] == ["1", "2", "3", "4", "na", "ns"]
        level_1 = next(c for c in choices if c["list_name"] == f"{code}_lvl" and c["name"] == "1")
        # The anchor follows the level name, so the technician can read it aloud.
        assert re.match(r"1 · Inexistente — \S", level_1["label::Español (es)"])
    area_items = {code[:2] for code in codes}
    for area in sorted(area_items):
        assert survey[f"area_{area}"]["appearance"] == "field-list"
        assert survey[f"evidencias_{area}"]["appearance"] == "multiline"
        assert survey[f"prioridad_{area}"]["type"] == "select_one prioridad"
    assert lists["prioridad"] == ["alta", "media", "baja"]


def test_instrument_a_metadata():
    survey = _by_name(FORM_A, "survey")
    for name in ("org_id", "org_name", "country", "round"):
        assert survey[name]["type"] == "hidden"
    assert survey["fecha"]["default"] == "today()"
    assert survey["part_total"]["calculation"] == "${part_mujeres} + ${part_hombres} + ${part_otro}"
    assert "org_trabajadores" in survey["nota_A3_trabajadores"]["relevant"]
    # NA is the technician's call: no A3 item is made irrelevant or defaulted.
    for code in ("A3_1", "A3_2", "A3_3", "A3_4"):
        assert not survey[code].get("relevant") and not survey[code].get("default")


def test_instrument_b_items_and_consent():
    codes = _instrument_codes("B")
    assert len(codes) == 18
    survey, lists = _by_name(FORM_B, "survey"), _choice_values(FORM_B)
    likert = ["1", "2", "3", "4", "5", "ns"]
    assert lists["likert"] == likert
    assert lists["likert_na"] == ["1", "2", "3", "4", "5", "na", "ns"]
    for code in codes:
        expected = "select_one likert_na" if code == "B4_1" else "select_one likert"
        assert survey[code]["type"] == expected
        assert survey[code]["required"] == "yes"
    assert lists["d1"] == ["si", "en_parte", "no", "ns"]
    assert lists["d2"] == ["mejor", "igual", "peor", "ns"]
    assert survey["D1"]["required"] == "yes" and not survey["D2"].get("required")
    assert survey["personas_hogar"]["type"] == "integer"
    assert survey["personas_hogar"]["constraint"] == ". >= 1 and . <= 30"
    assert lists["consentimiento"] == ["si", "no"]
    # Everything after the consent question is gated by it, so a refusal ends the survey.
    rows = _rows(FORM_B, "survey")
    start = next(i for i, row in enumerate(rows) if row["name"] == "consentimiento")
    consented = "${consentimiento} = 'si'"
    depth, outside = 0, []
    for row in rows[start + 1 :]:
        if depth == 0 and row["type"] not in ("end_group", "end_repeat"):
            outside.append(row["name"])
            if row["name"] != "fin_sin_consentimiento":
                assert str(row.get("relevant", "")).startswith(consented), row["name"]
        depth += {"begin_group": 1, "end_group": -1, "begin_repeat": 1,
                  "end_repeat": -1}.get(row["type"], 0)
    assert outside[0] == "fin_sin_consentimiento" and "hogar" in outside and "perfil" in outside


def test_instrument_b_household_roster():
    """The roster (version 2025.1): one repeat entry per person, age and sex, and the counts
    a calculation and a check use."""
    survey = _by_name(FORM_B, "survey")
    assert survey["hogar"]["type"] == "begin_repeat"
    assert survey["sexo"]["type"] == "select_one sexo" and survey["sexo"]["required"] == "yes"
    assert survey["miembros"]["calculation"] == "count(${hogar})"
    assert "${miembros} > ${personas_hogar}" in survey["nota_miembros"]["relevant"]
    (settings,) = _rows(FORM_B, "settings")
    assert settings["version"] == "2025.1"


@pytest.mark.parametrize("path", [FORM_A, FORM_B], ids=lambda p: p.stem)
def test_every_text_in_three_languages(path):
    for sheet in ("survey", "choices", "scoring", "bands"):
        if sheet not in _sheets(path):
            continue
        for number, row in enumerate(_rows(path, sheet), start=2):
            for column in TRANSLATED:
                texts = [row.get(f"{column}::{lang}") for lang in LANGUAGES]
                if any(texts) or (column == "label" and row.get("type") not in UNLABELLED_TYPES):
                    assert all(t and str(t).strip() for t in texts), (sheet, number, column, texts)
            # A plain "label" column would bypass the translations.
            assert "label" not in row and "hint" not in row, (sheet, number)


def test_settings():
    cases = (
        (FORM_A, "desarrollo_organizacional", "${fecha}"),
        (FORM_B, "medios_de_vida", "${codigo}"),
    )
    for path, form_id, instance_ref in cases:
        (settings,) = _rows(path, "settings")
        assert settings["form_id"] == form_id
        assert settings["form_title"]
        assert settings["version"] in ("2024.1", "2025.1")
        assert settings["default_language"] == "Español (es)"
        assert "${org_name}" in settings["instance_name"]
        assert instance_ref in settings["instance_name"]


def test_scoring_sheet_a():
    scores = _by_name(FORM_A, "scoring")
    assert list(scores) == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "IDO"]
    survey = _by_name(FORM_A, "survey")
    for area in ("A1", "A2", "A3", "A4", "A5", "A6", "A7"):
        row = scores[area]
        kind = (row["kind"], row["scale"], row["not_applicable"], row["missing"])
        assert kind == ("mean", "1-4", "na", "ns")
        assert row["min_valid"] == 0.5
        items = row["of"].split()
        assert items and all(item.startswith(area + "_") and item in survey for item in items)
    ido = scores["IDO"]
    assert (ido["kind"], ido["of"]) == ("weighted_mean", "A1 A2 A3 A4 A5 A6 A7")
    assert (ido["min_valid"], ido["target"]) == (6, 85)
    assert ido["bands"] == "0:incipient 40:developing 70:consolidated 85:target_met"
    bands = _by_name(FORM_A, "bands")
    assert list(bands) == ["incipient", "developing", "consolidated", "target_met"]
    assert bands["developing"]["label::English (en)"] == "In development"


def test_scoring_sheet_b():
    scores = _by_name(FORM_B, "scoring")
    dims = ["B1", "B2", "B3", "B4", "B5", "B6"]
    assert list(scores) == dims + ["B_comp", "B_min", "sust_D", "sust_C"]
    for dim in dims:
        row = scores[dim]
        kind = (row["kind"], row["scale"], row["missing"], row["not_applicable"])
        assert kind == ("mean", "1-5", "ns", "na")
        assert row["min_valid"] == 0.67
        assert row["of"] == f"{dim}_1 {dim}_2 {dim}_3"
    assert (scores["B_comp"]["kind"], scores["B_comp"]["of"], scores["B_comp"]["min_valid"]) == (
        "weighted_mean", "B1 B2 B3 B4 B5 B6", 5)
    assert (scores["B_min"]["kind"], scores["B_min"]["of"]) == ("min", "B1 B2 B3 B4 B5 B6")
    sust_d = scores["sust_D"]
    assert (sust_d["kind"], sust_d["of"]) == ("indicator", "D1")
    assert (sust_d["success"], sust_d["counted"]) == ("si", "si en_parte no")
    sust_c = scores["sust_C"]
    assert (sust_c["kind"], sust_c.get("of")) == ("indicator", None)
    assert sust_c["expression"] == "${B_comp} >= 62.5 and ${B_min} >= 37.5"


def test_workbooks_are_up_to_date_with_build_script(tmp_path):
    script = ROOT / "tools" / "build_forms.py"
    command = [sys.executable, str(script), "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    for shipped in (FORM_A, FORM_B):
        rebuilt = _sheets(tmp_path / shipped.name)
        assert rebuilt == _sheets(shipped), f"{shipped.name} is stale: run tools/build_forms.py"
