"""``forms check`` over the whole pyxform corpus in one call: exit codes and JSON shape."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldapp.cli import cli

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "xlsform-corpus"


def _expected() -> dict[str, str]:
    with (CORPUS / "expected.tsv").open(encoding="utf-8") as f:
        return {row["file"]: row["pyxform_result"] for row in csv.DictReader(f, delimiter="\t")}


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[int, list[dict]]:
    if not CORPUS.is_dir():
        pytest.skip("the shared XLSForm corpus is not present (it sits beside the project as ../shared)")
    files = [str(CORPUS / name) for name in _expected()]
    runner = CliRunner()
    result = runner.invoke(cli, ["forms", "check", "--json", "--lang", "en", *files],
                           catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def test_one_call_checks_every_file_like_pyxform(checked):
    exit_code, results = checked
    expected = _expected()
    assert exit_code == 1  # some corpus files are invalid
    assert len(results) == len(expected)
    for item in results:
        name = Path(item["file"]).name
        assert set(item) >= {"file", "ok", "form_id", "errors", "warnings"}
        assert item["ok"] == (expected[name] == "ok"), (name, item["errors"])
        if item["ok"]:
            assert item["form_id"] and item["errors"] == []
        else:
            assert item["errors"], name
            for error in item["errors"]:
                assert set(error) >= {"sheet", "row", "column", "message"}
                assert error["message"]


def test_rejected_files_name_the_row_pyxform_names(checked):
    _code, results = checked
    rows = {Path(i["file"]).name: i["errors"][0] for i in results if not i["ok"]}
    assert rows["brackets_mismatch.xls"]["row"] == 4
    assert rows["brackets_mismatch.xls"]["sheet"] == "survey"
    assert rows["calculate_without_calculation.xls"]["row"] == 34


def test_valid_files_exit_zero():
    if not CORPUS.is_dir():
        pytest.skip("the shared XLSForm corpus is not present (it sits beside the project as ../shared)")
    result = CliRunner().invoke(cli, ["forms", "check", str(CORPUS / "tutorial.xls"),
                                      str(CORPUS / "yes_or_no_question.xlsx")])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output
