"""Expressions that read other repeat instances (count(${rep}) inside the repeat,
indexed-repeat, absolute paths, predicates, ${rep}[2]/q) stay right as answers change: the
session's incremental re-evaluation always equals a full evaluation of the same answers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.errors import AnswerError
from fieldapp.forms.workbooks import open_workbook
from fieldapp.forms.pages import page_relevant, pages
from fieldapp.forms.session import FormSession
from tests.xlsform_md import md_to_xlsx

KIDS = """
| survey |
|        | type         | name   | label | calculation                                   | repeat_count | default | relevant     |
|        | integer      | n      | N     |                                               |              |         |              |
|        | begin_repeat | kid    | Kid   |                                               | ${n}         |         |              |
|        | integer      | age    | Age   |                                               |              | 5       |              |
|        | calculate    | cnt    |       | count(${kid})                                 |              |         |              |
|        | calculate    | prev   |       | if(position(..) > 1, indexed-repeat(${age}, ${kid}, position(..) - 1), 0) | | |      |
|        | begin_group  | sch    | Sch   |                                               |              |         | ${age} >= 6  |
|        | text         | school | Sch   |                                               |              |         |              |
|        | calculate    | sibs   |       | sum(../../../kid/age) - ${age}                |              |         |              |
|        | end_group    |        |       |                                               |              |         |              |
|        | end_repeat   |        |       |                                               |              |         |              |
|        | calculate    | total  |       | sum(/data/kid/age)                            |              |         |              |
|        | calculate    | older  |       | count(${kid}[age > 6])                        |              |         |              |
|        | calculate    | second |       | ${kid}[2]/age                                 |              |         |              |
|        | calculate    | pupils |       | count(${school})                              |              |         |              |
|        | begin_group  | pets   | Pets  |                                               |              |         | ${older} < 2 |
|        | begin_repeat | pet    | Pet   |                                               |              |         | ${n} > 0     |
|        | text         | pname  | Name  |                                               |              |         |              |
|        | integer      | legs   | Legs  |                                               |              |         | ${pname} != '' |
|        | calculate    | lp     |       | ${legs} + count(../../pet)                    |              |         |              |
|        | end_repeat   |        |       |                                               |              |         |              |
|        | end_group    |        |       |                                               |              |         |              |
|        | calculate    | legsum |       | sum(${legs}) + ${total}                       |              |         |              |
"""


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    return open_workbook(md_to_xlsx(KIDS, tmp_path_factory.mktemp("kids") / "kids.xlsx"))


def state(session):
    """Relevance and value of every node."""
    return {n.path: (n.relevant, n.value()) for n in session.root.walk()}


def assert_like_a_full_evaluation(session):
    fresh = FormSession(session.form, answers=session.snapshot())
    assert state(session) == state(fresh)
    assert session.snapshot() == fresh.snapshot()


def test_count_of_the_repeat_from_inside_it(form):
    s = FormSession(form)
    s.set("n", 2)
    assert [s.value(f"kid[{i}]/cnt") for i in (1, 2)] == ["2", "2"]
    s.set("n", 3)
    assert [s.value(f"kid[{i}]/cnt") for i in (1, 2, 3)] == ["3", "3", "3"]
    assert_like_a_full_evaluation(s)


def test_indexed_repeat_reads_the_previous_instance(form):
    s = FormSession(form)
    s.set("n", 3)
    s.set("kid[1]/age", 3)
    s.set("kid[2]/age", 4)
    assert [s.value(f"kid[{i}]/prev") for i in (1, 2, 3)] == ["0", "3", "4"]
    s.set("kid[1]/age", 9)
    assert s.value("kid[2]/prev") == "9"
    assert_like_a_full_evaluation(s)


def test_absolute_and_climbing_paths_read_every_instance(form):
    s = FormSession(form)
    s.set("n", 2)
    assert s.value("total") == "10"
    s.set("kid[1]/age", 8)  # shows kid[1]/sch
    assert s.value("total") == "13"
    assert s.value("kid[1]/sch/sibs") == "5"
    s.set("kid[2]/age", 7)
    assert s.value("kid[1]/sch/sibs") == "7" and s.value("kid[2]/sch/sibs") == "8"
    assert_like_a_full_evaluation(s)


def test_predicates_and_indexed_references(form):
    s = FormSession(form)
    s.set("n", 2)
    assert (s.value("older"), s.value("second")) == ("0", "5")
    s.set("kid[2]/age", 12)
    assert (s.value("older"), s.value("second")) == ("1", "12")
    s.set("kid[1]/age", 7)
    assert s.value("older") == "2"
    assert not s.node("pets").relevant  # two older kids hide the pets
    assert_like_a_full_evaluation(s)


def test_repeat_inside_a_group_counts_its_siblings(form):
    s = FormSession(form)
    s.set("n", 1)
    s.add_repeat("pets/pet")
    s.add_repeat("pets/pet")
    s.set("pets/pet[1]/pname", "Rex")
    s.set("pets/pet[1]/legs", 4)
    assert s.value("pets/pet[1]/lp") == "6"
    s.add_repeat("pets/pet")
    assert s.value("pets/pet[1]/lp") == "7"
    s.remove_repeat("pets/pet[2]")
    assert s.value("pets/pet[1]/lp") == "6"
    assert_like_a_full_evaluation(s)


def test_a_repeat_without_instances_follows_its_relevance(form):
    s = FormSession(form)

    def pet_page():
        return next(p for p in pages(s) if p.path == "pets/pet")

    assert not page_relevant(s, pet_page())  # ${n} > 0 is false: no pet can be added
    s.set("n", 1)
    assert page_relevant(s, pet_page())
    s.add_repeat("pets/pet")
    s.set("n", 0)
    assert not page_relevant(s, pet_page())


OPS = ["n", "age", "school", "addpet", "rmpet", "pname", "legs"]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_incremental_evaluation_equals_a_full_one(form, data):
    s = FormSession(form)
    for _step in range(data.draw(st.integers(1, 25), label="steps")):
        op = data.draw(st.sampled_from(OPS), label="op")
        kids, pets = s.repeat_count("kid"), s.repeat_count("pets/pet")
        try:
            if op == "n":
                s.set("n", data.draw(st.one_of(st.none(), st.integers(0, 4))))
            elif op in ("age", "school") and kids:
                i = data.draw(st.integers(1, kids))
                if op == "age":
                    s.set(f"kid[{i}]/age", data.draw(st.one_of(st.none(), st.integers(0, 15))))
                else:
                    s.set(f"kid[{i}]/sch/school", data.draw(st.sampled_from([None, "x"])))
            elif op == "addpet":
                s.add_repeat("pets/pet")
            elif pets and op in ("rmpet", "pname", "legs"):
                i = data.draw(st.integers(1, pets))
                if op == "rmpet":
                    s.remove_repeat(f"pets/pet[{i}]")
                elif op == "pname":
                    s.set(f"pets/pet[{i}]/pname", data.draw(st.sampled_from([None, "Rex"])))
                else:
                    s.set(f"pets/pet[{i}]/legs", data.draw(st.one_of(st.none(), st.integers(0, 4))))
        except AnswerError:
            pass
        assert_like_a_full_evaluation(s)


NESTED_MANY = """
| survey |
|        | type         | name   | label  | calculation                       | relevant      |
|        | begin_repeat | house  | House  |                                   |               |
|        | integer      | size   | Size   |                                   |               |
|        | begin_group  | info   | Info   |                                   | ${size} > 0   |
|        | integer      | rooms  | Rooms  |                                   |               |
|        | calculate    | per    |        | ${rooms} div ${size}              |               |
|        | end_group    |        |        |                                   |               |
|        | begin_repeat | person | Person |                                   |               |
|        | integer      | age    | Age    |                                   |               |
|        | calculate    | older  |        | ${age} > ${size}                  |               |
|        | end_repeat   |        |        |                                   |               |
|        | calculate    | people |        | count(${person})                  |               |
|        | end_repeat   |        |        |                                   |               |
|        | calculate    | total  |        | sum(${size})                      |               |
| settings |
|          | form_id | version |
|          | many    | 1       |
"""


def test_references_inside_many_instances_stay_in_their_instance(tmp_path):
    # past 32 instances a reference is found from its own instance down, not by filtering
    # every node of the field: nested groups and repeats must still resolve alike
    s = FormSession(open_workbook(md_to_xlsx(NESTED_MANY, tmp_path / "many.xlsx")))
    for i in range(1, 41):
        s.add_repeat("house")
        s.set(f"house[{i}]/size", i % 5)
        s.set(f"house[{i}]/info/rooms", i)
        for _ in range(i % 3):
            s.add_repeat(f"house[{i}]/person")
        if i % 3:
            s.set(f"house[{i}]/person[1]/age", i % 7)
    assert s.value("house[7]/info/per") == "3.5"
    assert not s.node("house[10]/info").relevant  # size 0
    assert s.value("house[8]/people") == "2" and s.value("house[9]/people") == "0"
    assert s.value("house[8]/person[1]/older") == "false"  # age 1, size 3
    assert s.value("house[13]/person[1]/older") == "true"  # age 6, size 3
    s.remove_repeat("house[3]")
    s.set("house[5]/size", 4)
    assert s.value("house[5]/info/per") == str(6 / 4)  # house 6 moved up to 5
    assert_like_a_full_evaluation(s)
