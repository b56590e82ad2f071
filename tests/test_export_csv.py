"""``export csv``: the files re-read with the csv module and pandas give back the stored values;
empty and NA keep their meaning across rounds, versions and languages; formulas are
neutralised; Excel-es round-trips; a cancelled or failed export leaves nothing behind."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from fieldapp.errors import ExportError, FormError, StoreError
from fieldapp.exports import NOT_APPLICABLE
from fieldapp.exports.applicability import Applicability
from fieldapp.exports.csvfiles import export_csv
from fieldapp.forms.instance import is_question
from fieldapp.forms.session import FormSession
from fieldapp.registry import load_form
from fieldapp.store.submissions import load_answers
from tests.exportdata import ANSWERS, seed


@pytest.fixture
def data(db, tmp_path):
    return db, seed(db, tmp_path)


def read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def by_uuid(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["_uuid"]: row for row in rows}


def unguard(cell: str) -> str:
    """The text a cell held before the formula guard (README: remove the first apostrophe)."""
    return cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@", "'\t", "'\r") else cell


def test_files_and_counts(data, tmp_path):
    db, uuids = data
    result = export_csv(db, "encuesta", tmp_path / "out")
    names = [p.name for p in result.files]
    assert names == ["encuesta_wide.csv", "encuesta_repeat_parcela.csv",
                     "encuesta_repeat_arbol.csv", "encuesta_long.csv", "README.txt"]
    assert result.submissions == 6  # final ones: not the draft
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    raw = (tmp_path / "out" / "encuesta_wide.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert uuids["draft"] not in raw.decode("utf-8-sig")


def test_wide_table_gives_back_the_stored_values(data, tmp_path):
    db, uuids = data
    export_csv(db, "encuesta", tmp_path)
    rows = by_uuid(read(tmp_path / "encuesta_wide.csv"))
    first = rows[uuids["v1-0"]]
    stored = load_answers(db, uuids["v1-0"])
    assert (first["nombre"], first["tiene"], first["cultivos"]) == ("Rosa Quispe", "si", "cafe otro")
    assert int(first["edad"]) == int(stored["edad"]) and float(first["area"]) == 2.75
    assert (first["cultivos/cafe"], first["cultivos/cacao"], first["cultivos/otro"]) == ("1", "0", "1")
    assert [float(first[f"lugar/{p}"]) for p in ("lat", "lon", "alt", "acc")] == [-12.05, -77.04, 150, 5]
    assert unguard(first["lugar"]) == stored["lugar"]
    assert first["doble"] == "82"
    assert (first["_org_id"], first["_org_name"], first["_round_id"], first["_round_year"]) == (
        "C1", "Cooperativa Sol", "R22", "2022")
    negative = rows[uuids["v1-2"]]
    assert negative["area"] == "-3.5"  # a number, not guarded
    assert negative["edad"] == "0"
    # every question column of every row, against the store
    for uuid, row in rows.items():
        stored = load_answers(db, uuid)
        for column in ("nombre", "edad", "area", "tiene", "cultivos", "otro", "doble"):
            cell = unguard(row[column])
            if cell in ("", NOT_APPLICABLE):
                continue
            assert cell == stored[column] or float(cell) == float(stored[column])


def test_empty_and_not_applicable(data, tmp_path):
    db, uuids = data
    export_csv(db, "encuesta", tmp_path)
    rows = by_uuid(read(tmp_path / "encuesta_wide.csv"))
    no_farm = rows[uuids["v1-1"]]  # tiene = no: the crops were never asked
    assert [no_farm[c] for c in ("cultivos", "cultivos/cafe", "otro")] == ["NA"] * 3
    assert no_farm["area"] == ""  # asked, not answered
    unanswered = rows[uuids["v1-3"]]  # tiene = si, crops asked and not answered
    assert [unanswered[c] for c in ("cultivos", "cultivos/cafe", "cultivos/otro")] == [""] * 3
    assert unanswered["otro"] == "NA"
    # 'otro' was typed, then "other" unticked: finalizing clears it (hidden answers leave a
    # final record, issue 12), and the export says NA
    assert "otro" not in load_answers(db, uuids["stale"])
    assert rows[uuids["stale"]]["otro"] == "NA"
    long_rows = read(tmp_path / "encuesta_long.csv")
    assert not [r for r in long_rows if r["_uuid"] == uuids["stale"] and r["field"] == "otro"]
    # a question of version 2 did not exist for version 1 submissions
    assert rows[uuids["v1-0"]]["correo"] == "NA"
    assert rows[uuids["v2"]]["correo"] == "ana@example.org"


def test_repeat_tables_link_to_their_submission(data, tmp_path):
    db, uuids = data
    export_csv(db, "encuesta", tmp_path)
    plots = read(tmp_path / "encuesta_repeat_parcela.csv")
    trees = read(tmp_path / "encuesta_repeat_arbol.csv")
    assert [(r["_uuid"], r["_parcela_index"], float(r["tamano"])) for r in plots] == [
        (uuids["v1-0"], "1", 1.5), (uuids["v1-0"], "2", 1.25)]
    assert [(r["_parcela_index"], r["_arbol_index"], r["especie"]) for r in trees] == [
        ("1", "1", "guaba"), ("1", "2", "pacae")]
    assert {r["_uuid"] for r in trees} <= set(by_uuid(read(tmp_path / "encuesta_wide.csv")))


def test_long_table_holds_every_applicable_answer(data, tmp_path):
    db, uuids = data
    export_csv(db, "encuesta", tmp_path)
    long_rows = read(tmp_path / "encuesta_long.csv")
    for name in ("v1-0", "v1-2", "v2"):
        mine = {r["path"]: unguard(r["value"]) for r in long_rows if r["_uuid"] == uuids[name]}
        stored = {k: v for k, v in load_answers(db, uuids[name]).items()
                  if k not in ("parcela", "parcela[1]/arbol")}  # repeat counts are no answers
        assert mine.keys() == stored.keys()
        for path, value in mine.items():
            assert value == stored[path] or float(value) == float(stored[path])
    crops = next(r for r in long_rows if r["_uuid"] == uuids["v1-0"] and r["field"] == "cultivos")
    assert crops["value_label"] == "Café; Otro"


def test_formula_injection_is_neutralised(data, tmp_path):
    db, uuids = data
    export_csv(db, "encuesta", tmp_path)
    rows = by_uuid(read(tmp_path / "encuesta_wide.csv"))
    assert rows[uuids["v1-1"]]["nombre"] == "'" + ANSWERS[1]["nombre"]
    assert rows[uuids["v1-2"]]["nombre"] == "'-5 kg"
    assert rows[uuids["v1-3"]]["nombre"] == "'@SUM(A1)"
    text = (tmp_path / "encuesta_wide.csv").read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        for cell in next(csv.reader([line])):
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) or cell == ""
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8-sig")
    assert "OWASP" in readme and "apostrophe" in readme


def test_excel_es_round_trips_through_a_semicolon_decimal_comma_reader(data, tmp_path):
    db, uuids = data
    export_csv(db, "encuesta", tmp_path, dialect="excel-es")
    text = (tmp_path / "encuesta_wide.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("_uuid;_form_version;")
    rows = by_uuid(read(tmp_path / "encuesta_wide.csv", delimiter=";"))
    assert rows[uuids["v1-0"]]["area"] == "2,75"
    assert rows[uuids["v1-2"]]["area"] == "-3,5"
    frame = pd.read_csv(tmp_path / "encuesta_wide.csv", sep=";", decimal=",",
                        encoding="utf-8-sig", dtype={"_uuid": str})
    back = frame.set_index("_uuid")
    assert back.loc[uuids["v1-0"], "area"] == 2.75
    assert back.loc[uuids["v1-0"], "lugar/lat"] == -12.05
    assert back.loc[uuids["v1-0"], "nombre"] == "Rosa Quispe"
    plots = pd.read_csv(tmp_path / "encuesta_repeat_parcela.csv", sep=";", decimal=",",
                        encoding="utf-8-sig")
    assert list(plots["tamano"]) == [1.5, 1.25]


def test_pandas_reads_the_utf8_tables(data, tmp_path):
    db, uuids = data
    export_csv(db, "encuesta", tmp_path)
    frame = pd.read_csv(tmp_path / "encuesta_wide.csv", encoding="utf-8-sig").set_index("_uuid")
    assert frame.loc[uuids["v1-0"], "edad"] == 41
    assert frame.loc[uuids["v1-0"], "area"] == 2.75
    assert frame.loc[uuids["v1-0"], "_org_name"] == "Cooperativa Sol"
    # pandas and R read NA as missing by default; keep_default_na=False keeps it apart
    assert pd.isna(frame.loc[uuids["v1-1"], "cultivos/cafe"])
    strict = pd.read_csv(tmp_path / "encuesta_wide.csv", encoding="utf-8-sig",
                         keep_default_na=False, dtype=str).set_index("_uuid")
    assert strict.loc[uuids["v1-1"], "cultivos/cafe"] == "NA"
    assert strict.loc[uuids["v1-3"], "cultivos/cafe"] == ""


def test_names_and_missing_codes_are_the_same_across_languages_and_rounds(data, tmp_path):
    db, uuids = data
    exports = {}
    for lang in ("es", "en"):
        export_csv(db, "encuesta", tmp_path / lang, labels=lang)
        exports[lang] = read(tmp_path / lang / "encuesta_wide.csv")
    es, en = exports["es"], exports["en"]
    assert es[0].keys() == en[0].keys()
    for row_es, row_en in zip(es, en):
        for column in row_es:
            assert (row_es[column] in ("", "NA")) == (row_en[column] in ("", "NA"))
            if row_es[column] in ("", "NA"):
                assert row_es[column] == row_en[column]
    first_es, first_en = by_uuid(es)[uuids["v1-0"]], by_uuid(en)[uuids["v1-0"]]
    assert (first_es["tiene"], first_en["tiene"]) == ("Sí", "Yes")
    assert (first_es["cultivos"], first_en["cultivos"]) == ("Café; Otro", "Coffee; Other")
    assert first_es["cultivos/otro"] == first_en["cultivos/otro"] == "1"
    headers = []
    for round_id in ("R22", "R24"):
        export_csv(db, "encuesta", tmp_path / round_id, round_id=round_id)
        headers.append(read(tmp_path / round_id / f"encuesta_{round_id}_wide.csv")[0].keys())
    assert headers[0] == headers[1] == es[0].keys()


def test_readme_describes_every_column(data, tmp_path):
    db, _uuids = data
    export_csv(db, "encuesta", tmp_path, labels="en")
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8-sig")
    header = read(tmp_path / "encuesta_wide.csv")[0].keys()
    for column in header:
        assert column in readme
    assert "Crops" in readme and "cafe = Coffee" in readme
    assert "NA:" in readme and "empty cell" in readme.lower()


def test_memoised_applicability_equals_a_full_replay(data):
    db, uuids = data
    form = load_form(db, "encuesta", "1")
    applicability = Applicability(form)
    for name in ("v1-0", "v1-1", "v1-2", "v1-3", "stale"):
        answers = load_answers(db, uuids[name])
        session = FormSession(form, answers=answers)
        full = {n.path for n in session.root.walk() if is_question(n) and not n.relevant}
        assert applicability.skipped(answers) == full


def test_cancelled_export_leaves_the_folder_as_it_was(data, tmp_path):
    db, _uuids = data
    out = tmp_path / "out"
    out.mkdir()
    (out / "encuesta_wide.csv").write_text("old", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_csv(db, "encuesta", out, cancelled=lambda: True)
    assert caught.value.code == "EXPORT_001"
    assert [p.name for p in out.iterdir()] == ["encuesta_wide.csv"]
    assert (out / "encuesta_wide.csv").read_text(encoding="utf-8") == "old"


def test_progress_reaches_the_total(data, tmp_path):
    db, _uuids = data
    seen = []
    export_csv(db, "encuesta", tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6)


def test_problems_are_coded(data, tmp_path):
    db, _uuids = data
    with pytest.raises(FormError) as caught:
        export_csv(db, "nada", tmp_path)
    assert caught.value.code == "FORM_017"
    with pytest.raises(StoreError) as caught:
        export_csv(db, "encuesta", tmp_path, round_id="R99")
    assert caught.value.code == "STORE_011"
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_csv(db, "encuesta", blocker / "sub")
    assert caught.value.code == "EXPORT_002"
