"""``indicators`` from the command line: the table in each language and as JSON, baselines
from a CSV (all rows or none), targets, recompute and rescale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldapp.cli import cli
from fieldapp.demo import load_demo
from fieldapp.store.baselines import list_external_values, list_targets
from fieldapp.store.database import open_db


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    with open_db(path) as db:
        load_demo(db)
    return path


def run(path: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
    assert result.exit_code == code, result.output + (result.stderr or "")
    return result


def test_table_in_spanish(demo_path):
    text = run(demo_path, "--lang", "es", "indicators", "--round", "R2024").output
    assert "Línea base" in text and "Diferencia" in text and "Meta" in text
    assert "i2.1" in text and "pp [" in text and "≥ 85,0" in text
    assert "n insuficiente (n = " in text  # the small gender groups
    assert "(n = 12 en ambas rondas)" in text


def test_table_in_english_and_portuguese(demo_path):
    assert "Baseline" in run(demo_path, "--lang", "en", "indicators", "--round", "R2024").output
    pt = run(demo_path, "--lang", "pt", "indicators", "--round", "R2024",
             "--country", "MX").output
    assert "Linha de base" in pt and "País MX" in pt


def test_json_is_the_typed_result(demo_path):
    data = json.loads(run(demo_path, "indicators", "--round", "R2024", "--json").output)
    assert data["round"]["id"] == "R2024" and data["baseline"]["id"] == "LB2022"
    codes = [r["code"] for r in data["rows"]]
    assert codes[:2] == ["i1.1", "i1.2"] and "i2.1" in codes and codes[-1] == "i3.3"


def test_round_is_required_and_unknown_round_is_an_error(demo_path):
    assert "--round" in run(demo_path, "indicators", code=2).output
    result = run(demo_path, "indicators", "--round", "R1999", code=1)
    assert "R1999" in result.stderr


CSV_ES = (
    "indicador;nivel;unidad;año;valor;n;inferior;superior;fuente;meta\n"
    "i2.1;red;;2022;45,0;100;35,6;54,8;Encuesta 2022;\n"
    "i1.2;red;;2022;10;12;;;Diagnóstico CLAC;50\n"
    "i2.1;país;PE;2022;51;80;;;Encuesta 2022 Perú;\n"
)


def test_baselines_from_an_excel_spanish_csv(tmp_path):
    path = tmp_path / "d.db"
    csv_file = tmp_path / "linea_base.csv"
    csv_file.write_bytes(CSV_ES.encode("cp1252"))
    out = run(path, "--lang", "es", "indicators", "baselines", "import", str(csv_file)).output
    assert "3 valor(es) y 1 meta(s)" in out
    with open_db(path) as db:
        values = {(v.indicator, v.level, v.unit): v for v in list_external_values(db)}
        assert values[("i2.1", "network", "")].value == 45.0
        assert values[("i2.1", "network", "")].low == 35.6
        assert values[("i2.1", "country", "PE")].source == "Encuesta 2022 Perú"
        assert list_targets(db)["i1.2"].value == 50.0
    listed = json.loads(run(path, "indicators", "baselines", "list", "--json").output)
    assert len(listed) == 3
    # importing again replaces, never duplicates
    run(path, "indicators", "baselines", "import", str(csv_file))
    assert len(json.loads(run(path, "indicators", "baselines", "list", "--json").output)) == 3


@pytest.mark.parametrize("bad_line, column, code", [
    ("i2.1;región;;2022;45;100;;;x;", "nivel", "IND_002"),
    ("i2.1;red;;22;45;100;;;x;", "año", "STORE_027"),
    ("i2.1;red;;2022;cuarenta;100;;;x;", "valor", "IND_005"),
    ("i2.1;red;;2022;45;100;50;60;x;", "inferior", "IND_006"),
    ("i2.1;país;;2022;45;100;;;x;", "unidad", "IND_003"),
])
def test_a_bad_row_names_line_and_column_and_saves_nothing(tmp_path, bad_line, column, code):
    from fieldapp.errors import FieldappError
    from fieldapp.store.baselines_csv import import_baselines

    path = tmp_path / "d.db"
    csv_file = tmp_path / "b.csv"
    csv_file.write_text(CSV_ES + bad_line + "\n", encoding="utf-8")
    with open_db(path) as db:
        with pytest.raises(FieldappError) as caught:
            import_baselines(db, csv_file)
        assert caught.value.code == code
        assert caught.value.context["line"] == 5 and caught.value.context["column"] == column
        assert list_external_values(db) == [] and list_targets(db) == {}
    result = run(path, "--lang", "es", "indicators", "baselines", "import", str(csv_file),
                 code=1)
    assert "línea 5" in result.stderr and column in result.stderr


def test_a_csv_without_a_required_column(tmp_path):
    csv_file = tmp_path / "b.csv"
    csv_file.write_text("indicator,level,year\ni2.1,network,2022\n", encoding="utf-8")
    result = run(tmp_path / "d.db", "indicators", "baselines", "import", str(csv_file),
                 code=1)
    assert "value" in result.stderr


def test_set_and_delete_one_value_and_targets(tmp_path):
    path = tmp_path / "d.db"
    run(path, "indicators", "baselines", "set", "i2.1", "--year", "2022", "--value", "45",
        "--n", "100", "--source", "papel")
    assert "i2.1" in run(path, "indicators", "baselines", "list").output
    run(path, "indicators", "baselines", "delete", "i2.1", "--year", "2022")
    assert "No external values" in run(path, "--lang", "en", "indicators", "baselines",
                                       "list").output
    run(path, "indicators", "targets", "set", "i1.1", "90", "--note", "Asamblea")
    run(path, "indicators", "targets", "set", "i3.1", "baseline")
    rows = {r["indicator"]: r for r in json.loads(run(path, "indicators", "targets", "list",
                                                      "--json").output)}
    assert rows["i1.1"]["value"] == 90 and rows["i1.1"]["set"]
    assert rows["i3.1"]["rule"] == "above_baseline"
    assert rows["i2.1"]["rule"] == "above_baseline" and not rows["i2.1"]["set"]
    run(path, "indicators", "targets", "clear", "i1.1")
    rows = {r["indicator"]: r for r in json.loads(run(path, "indicators", "targets", "list",
                                                      "--json").output)}
    assert rows["i1.1"]["value"] == 85 and not rows["i1.1"]["set"]
    run(path, "indicators", "targets", "set", "i1.1", "mucho", code=2)


def test_recompute_and_rescale(tmp_path, demo_path):
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(demo_path, path)
    with open_db(path) as db:
        db.conn.execute("DELETE FROM submission_scores WHERE name = 'IDO'")
        db.conn.commit()
    # not stored yet: scored on the fly, and the table says so
    text = run(path, "--lang", "en", "indicators", "--round", "R2024").output
    assert "scored now" in text
    out = run(path, "--lang", "en", "indicators", "recompute", "--stale").output
    assert out.strip() == "Scores stored for 0 submission(s)."  # other scores remain stored
    run(path, "indicators", "recompute")
    assert "scored now" not in run(path, "--lang", "en", "indicators", "--round",
                                   "R2024").output
    before = json.loads(run(path, "indicators", "--round", "R2024", "--json").output)
    run(path, "indicators", "rescale", "desarrollo_organizacional", "A1", "max")
    after = json.loads(run(path, "indicators", "--round", "R2024", "--json").output)
    a1 = [r for r in after["rows"] if r["code"] == "i1.3a"][0]["current"]["value"]
    a1_before = [r for r in before["rows"] if r["code"] == "i1.3a"][0]["current"]["value"]
    # range: (m − 1)/3 × 100; max: m/4 × 100, so max = range × 3/4 + 25
    assert a1 == pytest.approx(a1_before * 0.75 + 25)
