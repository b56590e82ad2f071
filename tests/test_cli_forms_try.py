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


# The shape of a Kobo "locations" form: a state, then a city filtered by it.
CASCADE = """
| survey |
|        | type             | name  | label | choice_filter  |
|        | select_one state | state | State |                |
|        | select_one city  | city  | City  | state=${state} |
| choices |
|         | list_name | name    | label   | state |
|         | state     | texas   | Texas   |       |
|         | state     | wash    | Wash.   |       |
|         | city      | austin  | Austin  | texas |
|         | city      | seattle | Seattle | wash  |
"""


def test_answers_apply_in_form_order_whatever_the_file_order(tmp_path):
    result = _try(tmp_path, CASCADE, '{"city": "seattle", "state": "wash"}', "--json")
    assert result.exit_code == 0, result.output
    values = {f["path"]: f["value"] for f in json.loads(result.stdout)["fields"]}
    assert values["city"] == "seattle" and values["state"] == "wash"


# The shape of a labour survey (a worker group with household members inside a repeat).
WORKERS = """
| survey |
|        | type         | name                                      | label   |
|        | begin_repeat | worker_group                              | Workers |
|        | integer      | worker_hhmember                           | Members |
|        | text         | a_rather_long_name_for_the_workers_notes  | Notes   |
|        | end_repeat   |                                           |         |
"""


def test_an_error_inside_a_repeat_names_its_instance(tmp_path):
    text = '{"worker_group[1]/worker_hhmember": 3, "worker_group[2]/worker_hhmember": "tres"}'
    result = _try(tmp_path, WORKERS, text)
    assert result.exit_code == 1
    assert "worker_group[2]/worker_hhmember" in result.output
    as_json = _try(tmp_path, WORKERS, text, "--json")
    assert as_json.exit_code == 1
    error = json.loads(as_json.stdout)["error"]
    assert error["field"] == "worker_group[2]/worker_hhmember" and error["code"] == "ANS_002"


def test_long_paths_and_multi_line_values_keep_the_table_in_columns(tmp_path):
    text = json.dumps({"worker_group[1]/a_rather_long_name_for_the_workers_notes":
                       "first line\nsecond line", "worker_group[1]/worker_hhmember": 2})
    result = _try(tmp_path, WORKERS, text)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if "a_rather_long_name" in line)
    path = "worker_group[1]/a_rather_long_name_for_the_workers_notes"
    assert row.startswith(path + "  ")  # at least two spaces before the next column
    assert "first line ⏎ second line" in row
    assert not any(line.startswith("second line") for line in lines)
    header = lines[0]
    assert header.index("relevant") == row.index(row.split()[1], len(path))


def test_json_errors_of_the_form_come_on_stdout(tmp_path):
    bad = "| survey |\n| | type | name | label | relevant |\n| | text | a | A | ${b} = 1 |\n"
    result = _try(tmp_path, bad, "{}", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "FORM_006"


# A form written for a Francophone and an Arabic-speaking team, with a Luganda column.
MULTILINGUAL = """
| survey |
|        | type    | name  | label::Français (fr) | label::العربية (ar) | label::Luganda | constraint | constraint_message::Français (fr) | constraint_message::العربية (ar) | constraint_message::Luganda |
|        | integer | age   | Âge                  | العمر                | Emyaka          | . < 120    | Âge impossible                    | عمر غير ممكن                     | Emyaka tegisoboka           |
| settings |
|          | form_id | default_language |
|          | multi   | Français (fr)    |
"""


@pytest.mark.parametrize("wanted, message", [("fr", "Âge impossible"), ("ar", "عمر غير ممكن"),
                                             ("Luganda", "Emyaka tegisoboka"),
                                             ("luganda", "Emyaka tegisoboka")])
def test_any_language_of_the_form_can_be_chosen_apart_from_the_interface(tmp_path, wanted,
                                                                         message):
    result = _try(tmp_path, MULTILINGUAL, '{"age": 150}', "--json", "--form-lang", wanted)
    assert result.exit_code == 0, result.output
    field = next(f for f in json.loads(result.stdout)["fields"] if f["path"] == "age")
    assert field["message"] == message


def test_a_language_the_form_lacks_is_named_with_those_it_has(tmp_path):
    result = _try(tmp_path, MULTILINGUAL, '{"age": 150}', "--form-lang", "sw")
    assert result.exit_code == 1
    assert "'sw'" in result.output and "Luganda" in result.output


def test_forms_show_takes_a_file_and_a_form_language(tmp_path):
    form = md_to_xlsx(MULTILINGUAL, tmp_path / "multi.xlsx")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "forms", "show",
                                      str(form), "--form-lang", "ar", "--lang", "en"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "العمر" in result.output and "multi" in result.output
    assert not (tmp_path / "none.db").exists()  # a file needs no database
