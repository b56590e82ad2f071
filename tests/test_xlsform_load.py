"""Loading XLSForm workbooks into the form model: fidelity to the sheet, and the parse cache."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from xlsform_md import md_to_xlsx

from fieldapp.forms import cache, columns
from fieldapp.forms.loader import parse_workbook, read_workbook
from fieldapp.forms.workbooks import check_workbook
from fieldapp.forms.model import Group, Question
from fieldapp.forms.qtypes import QUESTION_TYPES


def parse(path, use_cache=True):
    """The parsing step alone (no expression or score checks), as these tests need."""
    return parse_workbook(read_workbook(path), path, use_cache=use_cache)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FIELDAPP_CACHE", str(folder))
    return folder


def _load(tmp_path, md, name="form.xlsx"):
    return parse(md_to_xlsx(md, tmp_path / name))


NESTED = """
| survey |                |        |         |                |             |              |
|        | type           | name   | label   | relevant       | appearance  | repeat_count |
|        | integer        | n      | How many|                |             |              |
|        | begin group    | g      | Group   | ${n} > 0       | field-list  |              |
|        | text           | a      | A       |                |             |              |
|        |                |        |         |                |             |              |
|        | begin repeat   | r      | Person  |                |             | ${n}         |
|        | text           | who    | Who     |                | multiline   |              |
|        | end repeat     |        |         |                |             |              |
|        | end group      |        |         |                |             |              |
|        | note           | bye    | Bye     |                |             |              |
"""


def test_groups_repeats_paths_and_rows(tmp_path):
    form = _load(tmp_path, NESTED)
    g, r, who = form.find("g"), form.find("g/r"), form.find("g/r/who")
    assert isinstance(g, Group) and g.type == "group" and g.field_list and not g.is_repeat
    assert g.relevant == "${n} > 0" and g.row == 3 and g.label == {"default": "Group"}
    assert isinstance(r, Group) and r.is_repeat and r.repeat_count == "${n}" and r.row == 6
    assert who.path == "g/r/who" and who.parent is r and r.parent is g and g.parent is form.root
    assert who.appearance == "multiline" and who.row == 7  # the blank row 5 still counts
    assert who.repeat_ancestors == [r]
    assert form.find("bye").row == 10
    assert [e.path for e in form.root.children] == ["n", "g", "bye", "meta"]
    instance_id = form.find("meta/instanceID")
    assert instance_id.capture == "metadata" and instance_id.row is None


TRANSLATED = """
| survey   |            |               |                     |                     |
|          | type       | name          | label::Español (es) | label::English (en) |
|          | integer    | age           | Edad                | Age                 |
| settings |            |               |         |                  |                |
|          | form_title | form_id       | version | default_language | instance_name  |
|          | Encuesta   | encuesta_2024 | 2024-03 | Español (es)     | concat(${age}) |
"""


def test_translations_and_settings(tmp_path):
    form = _load(tmp_path, TRANSLATED)
    assert form.languages == ["Español (es)", "English (en)"]
    assert form.language_codes() == ["es", "en"]
    assert form.default_language == "Español (es)"
    assert form.find("age").label == {"Español (es)": "Edad", "English (en)": "Age"}
    assert form.form_id == "encuesta_2024" and form.version == "2024-03"
    assert form.title_for("es") == "Encuesta"
    assert form.instance_name == "concat(${age})"
    assert form.find("meta/instanceName").calculation == "concat(${age})"
    assert form.settings["form_id"] == "encuesta_2024"
    assert form.settings["default_language"] == "Español (es)"
    assert form.source == "form.xlsx" and len(form.sha256) == 64


MESSAGES = """
| survey | | | | | | | |
| | type | name | label::a | hint::a | constraint_message::a | required_message::b | image::a |
| | integer | age  | Edad | En años | Entre 0 y 120 | Needed | edad.png |
"""


def test_translated_hints_messages_and_media(tmp_path):
    age = _load(tmp_path, MESSAGES).find("age")
    assert age.hint == {"a": "En años"}
    assert age.constraint_message == {"a": "Entre 0 y 120"}
    assert age.required_message == {"b": "Needed"}
    assert age.media == {"image": {"a": "edad.png"}}


def test_plain_form_defaults(tmp_path):
    form = _load(tmp_path, "| survey | | | |\n| | type | name | label |\n| | text | q | Q |\n",
                 name="mi_forma.xlsx")
    assert form.form_id == "mi_forma" and form.version == ""
    assert form.languages == ["default"] and form.default_language == "default"
    assert form.find("q").label == {"default": "Q"}


CHOICES = """
| survey  |                          |        |        |                     |
|         | type                     | name   | label  | choice_filter       |
|         | select_one region        | reg    | Region |                     |
|         | select_one city          | city   | City   | region=${reg}       |
|         | select_multiple crop or_other | crops | Crops |                   |
|         | select_one_from_file towns.csv | town | Town |                    |
|         | rank crop                | order  | Order  |                     |
| choices |                          |        |        |                     |
|         | list_name                | name   | label  | region              |
|         | region                   | n      | North  |                     |
|         | region                   | s      | South  |                     |
|         | city                     | a      | Alpha  | n                   |
|         | city                     | b      | Beta   | s                   |
|         | crop                     | coffee | Coffee |                     |
|         | crop                     | cocoa  | Cocoa  |                     |
"""


def test_choices_filters_and_or_other(tmp_path):
    form = _load(tmp_path, CHOICES)
    reg, city, crops = form.find("reg"), form.find("city"), form.find("crops")
    assert reg.type == "select_one" and reg.list_name == "region" and not reg.or_other
    assert [c.name for c in reg.choices] == ["n", "s"]
    assert city.choice_filter == "region=${reg}"
    assert [(c.name, c.extra) for c in city.choices] == [
        ("a", {"region": "n"}),
        ("b", {"region": "s"}),
    ]
    assert city.choices is form.choices["city"]
    assert crops.type == "select_multiple" and crops.or_other
    assert [c.name for c in crops.choices] == ["coffee", "cocoa", "other"]
    other = form.find("crops_other")
    assert other.type == "text" and other.row == crops.row == 4
    assert other.relevant == "selected(../crops, 'other')"
    town = form.find("town")
    assert town.type == "select_one_from_file" and town.itemset_file == "towns.csv"
    assert town.list_name is None and town.capture == "input"
    assert form.find("order").type == "rank" and form.find("order").list_name == "crop"


BINDS = """
| survey |           |      |       |          |           |         |         |             |
|        | type      | name | label | required | read_only | default | trigger | calculation |
|        | integer   | a    | A     | yes      |           | 3       |         |             |
|        | integer   | b    | B     | ${a} > 2 | yes       |         |         |             |
|        | calculate | c    |       |          |           |         | ${a}    | ${a} * 2    |
"""


def test_binds_defaults_and_triggers(tmp_path):
    form = _load(tmp_path, BINDS)
    a, b, c = form.find("a"), form.find("b"), form.find("c")
    assert a.required == "true()" and a.default == "3" and not a.read_only
    assert b.required == "${a} > 2" and b.read_only
    assert c.calculation == "${a} * 2" and c.trigger == ("a",) and c.capture == "computed"


PARAMETERS = """
| survey  |               |       |       |          |                      |
|         | type          | name  | label | required | parameters           |
|         | range         | r1    | R1    |          | start=0 end=5 step=1 |
|         | range         | r2    | R2    | no       |                      |
|         | select_one yn | s     | S     |          | randomize=true       |
|         | image         | photo | Photo |          | max-pixels=1024      |
| choices |               |       |       |
|         | list_name     | name  | label |
|         | yn            | y     | Yes   |
"""


def test_parameters(tmp_path):
    form = _load(tmp_path, PARAMETERS)
    assert form.find("r1").parameters == {"start": "0", "end": "5", "step": "1"}
    r2 = form.find("r2")
    assert r2.required is None and r2.parameters == {"start": "1", "end": "10", "step": "1"}
    assert form.find("s").parameters == {"randomize": "true"}
    assert form.find("photo").parameters == {"max-pixels": "1024"}


CAPTURE = """
| survey |                  |       |       |
|        | type             | name  | label |
|        | start            | start |       |
|        | deviceid         | dev   |       |
|        | note             | n     | Hi    |
|        | acknowledge      | ok    | OK?   |
|        | hidden           | h     |       |
|        | geopoint         | gp    | Where |
|        | osm              | map   | Map   |
|        | background-audio | rec   |       |
|        | audit            | audit |       |
"""


def test_capture_kinds(tmp_path):
    form = _load(tmp_path, CAPTURE)
    kinds = {q.name: (q.type, q.capture) for q in form.questions()}
    assert kinds["start"] == ("start", "metadata")
    assert kinds["dev"] == ("deviceid", "metadata")
    assert kinds["n"] == ("note", "display")
    assert kinds["ok"] == ("acknowledge", "input")
    assert kinds["h"] == ("hidden", "computed")
    assert kinds["gp"] == ("geopoint", "input")
    assert kinds["map"] == ("osm", "unsupported")
    assert kinds["rec"] == ("background-audio", "unsupported")
    assert kinds["audit"] == ("audit", "metadata")
    assert "OSM" in form.find("map").unsupported_reason
    assert form.find("ok").unsupported_reason == ""
    assert form.find("meta/audit").row == 10  # pyxform moves audit into meta


def test_every_pyxform_type_has_a_normalized_name():
    from fieldapp.forms.xlsform import question_types

    assert set(question_types()) <= set(columns.TYPE_ALIASES)
    normal = set(columns.TYPE_ALIASES.values())
    assert normal <= set(QUESTION_TYPES)


LOOP = """
| survey  |                        |       |                    |
|         | type                   | name  | label              |
|         | begin loop over things | loop  | Things             |
|         | integer                | count | How many %(label)s? |
|         | end loop               |       |                    |
| choices |                        |       |                    |
|         | list_name              | name  | label              |
|         | things                 | car   | cars               |
|         | things                 | bike  | bikes              |
"""


def test_loop_becomes_a_group_per_choice(tmp_path):
    form = _load(tmp_path, LOOP)
    loop = form.find("loop")
    assert [c.path for c in loop.children] == ["loop/car", "loop/bike"]
    count = form.find("loop/bike/count")
    assert count.label == {"default": "How many bikes?"} and count.row == 3


def test_pickle_keeps_parent_links_and_shared_choices(tmp_path):
    form = pickle.loads(pickle.dumps(_load(tmp_path, CHOICES)))
    city = form.find("city")
    assert city.parent is form.root and city.choices is form.choices["city"]
    form = pickle.loads(pickle.dumps(_load(tmp_path, NESTED, "nested.xlsx")))
    assert form.find("g/r/who").parent is form.find("g/r")
    assert form.find("g/r/who") in list(form.find("g").walk())


# -- the cache ---------------------------------------------------------------------------

SMALL = "| survey | | | |\n| | type | name | label |\n| | text | q | {label} |\n"


def test_second_load_comes_from_the_cache(tmp_path, cache_dir):
    path = md_to_xlsx(SMALL.format(label="First"), tmp_path / "f.xlsx")
    form = parse(path)
    entry = cache.entry_path(form.sha256)
    assert entry.parent == cache_dir / "forms" and entry.exists()
    # Store a recognisable form in the entry (signed, as the cache writes it): a second load
    # must return it, not re-parse.
    form.find("q").label = {"default": "From the cache"}
    cache.store(form)
    assert parse(path).find("q").label == {"default": "From the cache"}
    assert parse(path, use_cache=False).find("q").label == {"default": "First"}


def test_warm_load_needs_no_pyxform(tmp_path, cache_dir):
    path = md_to_xlsx(SMALL.format(label="Warm"), tmp_path / "f.xlsx")
    parse(path)
    code = "import sys; from fieldapp.forms.workbooks import open_workbook; " \
           "print(open_workbook(sys.argv[1]).find('q').label['default'], 'pyxform' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "FIELDAPP_CACHE": str(cache_dir)}, capture_output=True, text=True,
        check=True,
    )
    assert done.stdout.split() == ["Warm", "False"]


def test_changed_file_is_parsed_again(tmp_path):
    path = tmp_path / "f.xlsx"
    for label in ("First", "Second"):
        form = parse(md_to_xlsx(SMALL.format(label=label), path))
        assert form.find("q").label == {"default": label}


@pytest.mark.parametrize(
    "garbage", [b"", b"not a pickle", pickle.dumps({"a": 1}), pickle.dumps(Path("code"))]
)
def test_corrupt_cache_entry_is_ignored_and_rebuilt(tmp_path, garbage):
    path = md_to_xlsx(SMALL.format(label="Fine"), tmp_path / "f.xlsx")
    sha256 = parse(path).sha256
    entry = cache.entry_path(sha256)
    entry.write_bytes(garbage)
    assert parse(path).find("q").label == {"default": "Fine"}
    assert isinstance(cache.load(sha256).find("q"), Question)  # rebuilt


def test_old_cache_entries_are_pruned(tmp_path):
    folder = tmp_path / "entries"
    folder.mkdir()
    for i in range(4):
        entry = folder / f"{i}.pickle"
        entry.write_bytes(b"x")
        os.utime(entry, ns=(i * 10**9, i * 10**9))
    cache._prune(folder, keep=2)
    assert sorted(p.name for p in folder.iterdir()) == ["2.pickle", "3.pickle"]


def test_check_form_reports_warnings(tmp_path):
    result = check_workbook(md_to_xlsx(MESSAGES, tmp_path / "w.xlsx"))
    assert result.ok and result.form is not None and result.errors == []
    assert any("missing" in w for w in result.warnings)  # pyxform's missing-translation note


SCORED = """
| survey  |               |      |       |
|         | type          | name | label |
|         | select_one lv | q1   | Q1    |
| choices |               |      |       |
|         | list_name     | name | label |
|         | lv            | 1    | One   |
|         | lv            | 4    | Four  |
| scoring |               |      |       |       |
|         | name          | kind | of    | scale |
|         | S1            | mean | q1    | 1-4   |
"""


def test_scoring_sheet_fills_scores(tmp_path):
    form = _load(tmp_path, SCORED)
    assert [s.name for s in form.scores] == ["S1"] and form.scores[0].of == ("q1",)
    assert cache.load(form.sha256).scores == form.scores  # scores survive the cache
