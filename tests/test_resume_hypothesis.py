"""Random sequences of edits, repeat adds and removes through CaptureSession, then a resume
in a fresh connection: the resumed draft equals what was written (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.capture import open_capture, start_capture
from fieldapp.registry import add_form
from fieldapp.forms.model import Question
from fieldapp.store.database import open_db
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.store.submissions import load_answers
from tests.xlsform_md import md_to_xlsx

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

NESTED = """
| survey |
|        | type                 | name    | label  | relevant      | calculation          |
|        | text                 | jefe    | Head   |               |                      |
|        | select_multiple frut | frutas  | Fruits |               |                      |
|        | begin_repeat         | miembro | Member |               |                      |
|        | text                 | nombre  | Name   |               |                      |
|        | integer              | edad    | Age    |               |                      |
|        | text                 | escuela | School | ${edad} < 18  |                      |
|        | begin_repeat         | cultivo | Crop   |               |                      |
|        | select_one frut      | planta  | Plant  |               |                      |
|        | integer              | area    | Area   |               |                      |
|        | end_repeat           |         |        |               |                      |
|        | calculate            | area_m  |        |               | sum(../cultivo/area) |
|        | end_repeat           |         |        |               |                      |
|        | calculate            | total   |        |               | sum(${edad})         |
|        | calculate            | cuantos |        |               | count(${miembro})    |
| choices |
|         | list_name | name    | label   |
|         | frut      | cafe    | Café    |
|         | frut      | cacao   | Cacao   |
|         | frut      | banano  | Banano  |
| settings |
|          | form_id | version |
|          | anidado | 1       |
"""

TEXTS = st.one_of(st.none(), st.text("abcñ é-", min_size=1, max_size=6).filter(str.strip))
NUMBERS = st.one_of(st.none(), st.integers(-3, 60))
PLANTS = st.one_of(st.none(), st.sampled_from(["cafe", "cacao", "banano"]))
FRUITS = st.one_of(st.none(), st.lists(st.sampled_from(["cafe", "cacao", "banano"]),
                                       min_size=1, max_size=3, unique=True))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A database file with an organization, a round and the nested-repeat form."""
    folder = tmp_path_factory.mktemp("resume")
    path = folder / "fieldapp.db"
    with open_db(path) as db:
        add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
        add_round(db, id="R24", name="2024", year=2024)
        add_form(db, md_to_xlsx(NESTED, folder / "anidado.xlsx"))
    return path


def _resume_and_compare(db_path: Path, capture, written: dict[str, str]) -> None:
    """Resume in a new connection: same snapshot, same answers as the model says, and the
    live session's incremental evaluation agrees with the resumed one's full evaluation."""
    snapshot = capture.session.snapshot()
    with open_db(db_path) as check_db:
        assert load_answers(check_db, capture.uuid) == snapshot
    resumed = open_capture(db_path, capture.uuid)
    try:
        assert resumed.session.snapshot() == snapshot
        for path, value in written.items():
            assert resumed.session.get(path) == value, path
        live = {n.path: (n.relevant, n.value()) for n in capture.session.root.walk()}
        again = {n.path: (n.relevant, n.value()) for n in resumed.session.root.walk()}
        assert live == again
        assert [p.path for p in resumed.pages()] == [p.path for p in capture.pages()]
    finally:
        resumed.close()


def _value_for(question: Question, draw):
    kind = question.type
    if question.choices is not None:
        names = [c.name for c in question.choices]
        if kind == "select_multiple":
            return draw(st.one_of(st.none(), st.lists(st.sampled_from(names), min_size=1,
                                                      max_size=3, unique=True)))
        return draw(st.one_of(st.none(), st.sampled_from(names)))
    if kind == "integer":
        return draw(NUMBERS)
    if kind == "date":
        return draw(st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
    return draw(TEXTS)


@pytest.mark.parametrize("form_id", ["desarrollo_organizacional", "medios_de_vida"])
@SETTINGS
@given(data=st.data())
def test_builtin_form_edits_resume_exactly(store, form_id, data):
    capture = start_capture(store, form_id, org_id="C1", round_id="R24")
    try:
        session = capture.session
        fields = [n.path for n in session.root.walk()
                  if isinstance(n.element, Question) and n.element.capture == "input"
                  and not n.element.read_only]
        written: dict[str, str] = {}
        for _step in range(data.draw(st.integers(1, 25), label="steps")):
            path = data.draw(st.sampled_from(fields), label="field")
            value = _value_for(session.node(path).element, data.draw)
            capture.set(path, value)
            written[path] = session.get(path)
            if data.draw(st.booleans(), label="move page"):
                capture.set_page(data.draw(st.integers(0, len(capture.pages()) - 1)))
        _resume_and_compare(store, capture, written)
        if capture.submission.current_page:
            resumed = open_capture(store, capture.uuid)
            assert resumed.current_page == capture.current_page
            resumed.close()
    finally:
        capture.close()


def _model_answers(model) -> dict[str, str]:
    """The answers a model of the nested form holds, by instance path ('' = no answer)."""
    out = {f"{k}": v for k, v in model["top"].items()}
    for i, member in enumerate(model["members"], start=1):
        for key, value in member["vals"].items():
            out[f"miembro[{i}]/{key}"] = value
        for j, crop in enumerate(member["crops"], start=1):
            for key, value in crop.items():
                out[f"miembro[{i}]/cultivo[{j}]/{key}"] = value
    return out


@SETTINGS
@given(data=st.data())
def test_nested_repeat_edits_resume_exactly(store, data):
    capture = start_capture(store, "anidado", org_id="C1", round_id="R24")
    model: dict = {"top": {}, "members": []}
    try:
        for _step in range(data.draw(st.integers(1, 30), label="steps")):
            members = model["members"]
            ops = ["top", "add_member"]
            if members:
                ops += ["member", "remove_member", "add_crop"]
            if any(m["crops"] for m in members):
                ops += ["crop", "remove_crop"]
            op = data.draw(st.sampled_from(ops), label="op")
            if op == "top":
                name, strategy = data.draw(st.sampled_from([("jefe", TEXTS), ("frutas", FRUITS)]))
                capture.set(name, data.draw(strategy))
                model["top"][name] = capture.session.get(name)
            elif op == "add_member":
                change = capture.add_repeat("miembro")
                members.append({"vals": {}, "crops": []})
                assert change.changed[0] == f"miembro[{len(members)}]"
            elif op == "remove_member":
                i = data.draw(st.integers(1, len(members)))
                capture.remove_repeat(f"miembro[{i}]")
                members.pop(i - 1)
            elif op == "member":
                i = data.draw(st.integers(1, len(members)))
                name, strategy = data.draw(st.sampled_from(
                    [("nombre", TEXTS), ("edad", NUMBERS), ("escuela", TEXTS)]))
                path = f"miembro[{i}]/{name}"
                capture.set(path, data.draw(strategy))
                members[i - 1]["vals"][name] = capture.session.get(path)
            elif op == "add_crop":
                i = data.draw(st.integers(1, len(members)))
                capture.add_repeat(f"miembro[{i}]/cultivo")
                members[i - 1]["crops"].append({})
            else:
                i = data.draw(st.sampled_from([n for n, m in enumerate(members, 1) if m["crops"]]))
                j = data.draw(st.integers(1, len(members[i - 1]["crops"])))
                if op == "remove_crop":
                    capture.remove_repeat(f"miembro[{i}]/cultivo[{j}]")
                    members[i - 1]["crops"].pop(j - 1)
                else:
                    name, strategy = data.draw(st.sampled_from(
                        [("planta", PLANTS), ("area", NUMBERS)]))
                    path = f"miembro[{i}]/cultivo[{j}]/{name}"
                    capture.set(path, data.draw(strategy))
                    members[i - 1]["crops"][j - 1][name] = capture.session.get(path)
        session = capture.session
        assert session.repeat_count("miembro") == len(model["members"])
        for i, member in enumerate(model["members"], start=1):
            assert session.repeat_count(f"miembro[{i}]/cultivo") == len(member["crops"])
        expected_total = sum(int(m["vals"].get("edad") or 0) for m in model["members"])
        if all(m["vals"].get("edad") for m in model["members"]):
            assert session.value("total") == str(expected_total)
        assert session.value("cuantos") == str(len(model["members"]))
        _resume_and_compare(store, capture, _model_answers(model))
    finally:
        capture.close()
