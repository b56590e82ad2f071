"""``forms try`` and ``fill`` with an answers file: what the file may say, in what order it is
applied, and how the results and the errors are printed."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fieldapp.cli import cli
from tests.xlsform_md import md_to_xlsx

# The shape of a KoboToolbox farm census: a yes/no select, an integer, an acknowledge.
CENSUS = """
| survey |
|        | type              | name    | label         |
|        | select_one yes_no | organic | Organic?      |
|        | integer           | plots   | Plots         |
|        | acknowledge       | consent | I agree       |
| choices |
|         | list_name | name | label |
|         | yes_no    | 1    | Yes   |
|         | yes_no    | 0    | No    |
"""


def _try(tmp_path, md, answers_text, *extra):
    form = md_to_xlsx(md, tmp_path / "form.xlsx")
    answers = tmp_path / "answers.json"
    answers.write_text(answers_text, encoding="utf-8")
    return CliRunner().invoke(cli, ["forms", "try", str(form), "--lang", "en", "--answers",
                                    str(answers), *extra], catch_exceptions=False)


@pytest.mark.parametrize("text", ['{"organic": true}', '{"consent": false}',
                                  '{"plots": 2, "organic": [true]}'])
def test_json_true_or_false_is_refused_not_stored_as_1(tmp_path, text):
    result = _try(tmp_path, CENSUS, text)
    assert result.exit_code == 1
    assert "true/false" in result.output and "answers.json" in result.output


def test_a_field_given_twice_is_refused_with_its_name(tmp_path):
    result = _try(tmp_path, CENSUS, '{"plots": 2, "organic": "1", "plots": 3}')
    assert result.exit_code == 1
    assert "'plots' appears twice" in result.output


def test_fill_refuses_the_same_answers_files(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text('{"plots": 1, "plots": 2}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "f.db"), "fill", "medios_de_vida",
                                      "--org", "X", "--round", "R", "--answers", str(answers)])
    assert result.exit_code == 1 and "appears twice" in result.output


def test_plain_answers_still_work(tmp_path):
    result = _try(tmp_path, CENSUS, '{"organic": "1", "plots": 3, "consent": "OK"}', "--json")
    assert result.exit_code == 0, result.output
    values = {f["path"]: f["value"] for f in json.loads(result.stdout)["fields"]}
    assert values == {"organic": "1", "plots": "3", "consent": "OK", "meta/instanceID": values["meta/instanceID"]}
