from hypothesis import given, settings, strategies as st, HealthCheck
from fieldapp.forms.catalog import open_form
from fieldapp.forms.session import FormSession
from fieldapp.errors import AnswerError
from tests.xlsform_md import md_to_xlsx
from pathlib import Path
import tempfile

MD = """
| survey |
|        | type              | name   | label | relevant          | calculation                         | repeat_count | choice_filter | default | constraint |
|        | integer           | n      | N     |                   |                                     |              |               |         |            |
|        | select_one st     | state  | State |                   |                                     |              |               |         |            |
|        | select_one ci     | city   | City  | ${state} != ''    |                                     |              | st=${state}   |         |            |
|        | begin_repeat      | kid    | Kid   |                   |                                     | ${n}         |               |         |            |
|        | integer           | age    | Age   |                   |                                     |              |               | 5       |            |
|        | calculate         | pos    |       |                   | position(..)                        |              |               |         |            |
|        | begin_group       | sch    | Sch   | ${age} >= 6       |                                     |              |               |         |            |
|        | text              | school | Sch   |                   |                                     |              |               |         |            |
|        | calculate         | older  |       |                   | ${age} > 10                         |              |               |         |            |
|        | end_group         |        |       |                   |                                     |              |               |         |            |
|        | calculate         | prev   |       |                   | if(position(..) > 1, indexed-repeat(${age}, ${kid}, position(..) - 1), 0) | | |  |            |
|        | end_repeat        |        |       |                   |                                     |              |               |         |            |
|        | calculate         | total  |       |                   | sum(${age})                         |              |               |         |            |
|        | calculate         | schooled |     |                   | count(${school})                    |              |               |         |            |
|        | calculate         | first  |       |                   | indexed-repeat(${age}, ${kid}, 1)   |              |               |         |            |
|        | text              | note   | Note  | ${total} > 20 or ${city} = 'aus' |                      |              |               |         |            |
|        | begin_repeat      | pet    | Pet   | ${n} > 0          |                                     |              |               |         |            |
|        | text              | pname  | Name  |                   |                                     |              |               |         |            |
|        | integer           | legs   | Legs  | ${pname} != ''    |                                     |              |               |         |            |
|        | end_repeat        |        |       |                   |                                     |              |               |         |            |
|        | calculate         | legsum |       |                   | sum(${legs}) + ${total}             |              |               |         |            |
| choices |
|         | list_name | name | label  | st |
|         | st        | tx   | Texas  |    |
|         | st        | wa   | Wash   |    |
|         | ci        | aus  | Austin | tx |
|         | ci        | dal  | Dallas | tx |
|         | ci        | sea  | Seattle| wa |
"""
FORM = open_form(md_to_xlsx(MD, Path(tempfile.mkdtemp()) / "s.xlsx"))

@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_incremental_equals_full(data):
    s = FormSession(FORM)
    for _ in range(data.draw(st.integers(1, 30))):
        op = data.draw(st.sampled_from(["n", "state", "city", "age", "school", "note", "addpet", "rmpet", "pname", "legs"]))
        try:
            if op == "n":
                s.set("n", data.draw(st.one_of(st.none(), st.integers(0, 4))))
            elif op == "state":
                s.set("state", data.draw(st.one_of(st.none(), st.sampled_from(["tx", "wa"]))))
            elif op == "city":
                s.set("city", data.draw(st.one_of(st.none(), st.sampled_from(["aus", "dal", "sea"]))))
            elif op in ("age", "school"):
                k = s.repeat_count("kid")
                if not k: continue
                i = data.draw(st.integers(1, k))
                if op == "age":
                    s.set(f"kid[{i}]/age", data.draw(st.one_of(st.none(), st.integers(0, 15))))
                else:
                    s.set(f"kid[{i}]/sch/school", data.draw(st.one_of(st.none(), st.just("x"))))
            elif op == "note":
                s.set("note", data.draw(st.one_of(st.none(), st.just("hi"))))
            elif op == "addpet":
                s.add_repeat("pet")
            else:
                k = s.repeat_count("pet")
                if not k: continue
                i = data.draw(st.integers(1, k))
                if op == "rmpet":
                    s.remove_repeat(f"pet[{i}]")
                elif op == "pname":
                    s.set(f"pet[{i}]/pname", data.draw(st.one_of(st.none(), st.just("rex"))))
                else:
                    s.set(f"pet[{i}]/legs", data.draw(st.one_of(st.none(), st.integers(0, 4))))
        except AnswerError:
            pass
        live = {n.path: (n.relevant, n.value()) for n in s.root.walk()}
        fresh = FormSession(FORM, answers=s.snapshot())
        again = {n.path: (n.relevant, n.value()) for n in fresh.root.walk()}
        assert live == again
        assert fresh.snapshot() == s.snapshot()
