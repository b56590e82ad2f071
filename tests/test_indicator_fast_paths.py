"""The indicators' fast paths give what their plain definitions give, to the last bit:
``load_records`` (a LEFT JOIN per score and per field) against one row per stored score and
per answer, and ``Population`` (strata worked out once, categories split in one pass)
against a share and a mean computed record by record (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp import storedscores
from fieldapp.analysis import estimates, records
from fieldapp.analysis.catalogue import BREAKDOWNS
from fieldapp.analysis.estimates import Stratum
from fieldapp.analysis.livelihood import FIELDS, Population, stratum_size
from fieldapp.analysis.records import Record, load_records
from fieldapp.demo import load_demo
from fieldapp.store.database import open_db
from fieldapp.store.orgs import Organization

SURVEY, ASSESSMENT = "medios_de_vida", "desarrollo_organizacional"
SLOW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("fast") / "demo.db")
    load_demo(db)
    yield db
    db.close()


# -- load_records ----------------------------------------------------------------------------

def plain_read(db, form_id: str, round_id: str, org_ids, fields) -> list[tuple]:
    """The definition: the final submissions, then every stored score of their revision one
    row at a time, then every answer at a path a version in use gives a field, in path
    order (the last answered path of a field wins), then the scores still missing computed."""
    wanted = None if org_ids is None else set(org_ids)
    found: dict[str, Record] = {}
    for uuid, org_id, version, finalized in db.conn.execute(
            "SELECT uuid, org_id, form_version, finalized_at FROM submissions WHERE form_id = ?"
            " AND round_id = ? AND status = 'final' AND deleted = 0",
            (form_id, round_id)):
        if wanted is None or org_id in wanted:
            found[uuid] = Record(uuid, org_id, version, finalized or "")
    for uuid, name, value, status in db.conn.execute(
            "SELECT sc.uuid, sc.name, sc.value, sc.status FROM submission_scores sc"
            " JOIN submissions s ON s.uuid = sc.uuid AND sc.revision = s.revision"
            " ORDER BY sc.uuid, sc.name"):
        if uuid in found:
            found[uuid].scores[name] = (value, status)
    name_of: dict[str, str] = {}
    for version in sorted({r.form_version for r in found.values()}):
        form = storedscores.scoring_form(db, form_id, version)
        for name in fields:
            element = form.find(name)
            if element is not None and not element.repeat_ancestors:
                name_of[element.path] = name
    for uuid, path, value in db.conn.execute(
            "SELECT uuid, path, value FROM answers ORDER BY uuid, path"):
        if uuid in found and path in name_of:
            found[uuid].answers[name_of[path]] = value
    scored_now = records._score_missing(db, form_id, found)
    return _plain(found.values(), scored_now)


def _plain(loaded, scored_now: int) -> list[tuple]:
    """The records by uuid (their order is the submissions query's, not what is tested)."""
    return sorted((r.uuid, r.org_id, r.form_version, r.finalized_at, r.scores, r.answers)
                  for r in loaded) + [scored_now]


def fast_read(db, form_id, round_id, org_ids, fields) -> list[tuple]:
    loaded = load_records(db, form_id, round_id, org_ids=org_ids, fields=fields)
    return _plain(loaded.records, loaded.scored_now)


class _Undo(Exception):
    """Leaves the example's changes behind: the transaction is rolled back."""


# what an example does to one survey submission's stored scores and answers
CHANGE = st.fixed_dictionaries({
    "drop": st.lists(st.sampled_from(["B1", "B2", "B_comp", "sust_C", "sust_D"]), max_size=3),
    "null": st.lists(st.sampled_from(["B3", "B4", "B5", "B6", "B_min"]), max_size=3),
    "stale": st.booleans(),                 # a score left from an older revision
    "extra": st.integers(0, 45),            # scores of names no form has (many: > 30 joins)
    "forget": st.lists(st.sampled_from(["perfil/genero", "perfil/rol", "perfil/edad",
                                         "sostenibilidad/D1"]), max_size=2),
    "empty": st.booleans(),                 # an answer stored as ""
})


@SLOW
@given(changes=st.lists(st.tuples(st.integers(0, 10_000), CHANGE), max_size=6),
       scope=st.sampled_from(["network", "one", "two"]),
       form_id=st.sampled_from([SURVEY, ASSESSMENT]),
       with_fields=st.booleans())
def test_load_records_equals_one_row_per_score_and_answer(demo_db, changes, scope, form_id,
                                                          with_fields):
    db = demo_db
    uuids = [u for (u,) in db.conn.execute(
        "SELECT uuid FROM submissions WHERE form_id = ? AND round_id = 'R2024'"
        " AND status = 'final' ORDER BY uuid", (form_id,))]
    orgs = sorted({o for (o,) in db.conn.execute(
        "SELECT org_id FROM submissions WHERE form_id = ?", (form_id,))})
    org_ids = {"network": None, "one": orgs[:1], "two": orgs[:2]}[scope]
    fields = FIELDS if with_fields else ()
    try:
        with db.atomic():
            for pick, change in changes:
                uuid = uuids[pick % len(uuids)]
                _change(db, uuid, change)
            for round_id in ("R2024", "LB2022"):
                assert fast_read(db, form_id, round_id, org_ids, fields) == \
                    plain_read(db, form_id, round_id, org_ids, fields)
            raise _Undo
    except _Undo:
        pass


def _change(db, uuid: str, change: dict) -> None:
    conn = db.conn
    for name in change["drop"]:
        conn.execute("DELETE FROM submission_scores WHERE uuid = ? AND name = ?", (uuid, name))
    for name in change["null"]:
        conn.execute("UPDATE submission_scores SET value = NULL, status = 'excluded'"
                     " WHERE uuid = ? AND name = ?", (uuid, name))
    form_id, version, revision = conn.execute(
        "SELECT form_id, form_version, revision FROM submissions WHERE uuid = ?",
        (uuid,)).fetchone()
    rows = [(uuid, f"X{k}", form_id, version, revision, "mean", k * 1.1 - 3.3, "ok")
            for k in range(change["extra"])]
    if change["stale"]:
        rows.append((uuid, "OLD", form_id, version, revision + 1, "mean", 12.5, "ok"))
    conn.executemany("INSERT OR REPLACE INTO submission_scores (uuid, name, form_id,"
                     " form_version, revision, kind, value, status) VALUES"
                     " (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for path in change["forget"]:
        conn.execute("DELETE FROM answers WHERE uuid = ? AND path = ?", (uuid, path))
    if change["empty"]:
        conn.execute("UPDATE answers SET value = '' WHERE uuid = ? AND path = 'perfil/genero'",
                     (uuid,))


def test_load_records_equals_the_definition_on_the_demo(demo_db):
    for form_id in (SURVEY, ASSESSMENT):
        for round_id in ("R2024", "LB2022"):
            for fields in ((), FIELDS):
                assert fast_read(demo_db, form_id, round_id, None, fields) == \
                    plain_read(demo_db, form_id, round_id, None, fields)


# -- Population ------------------------------------------------------------------------------

def plain_share(population: Population, classify) -> estimates.Estimate:
    """The definition: each record's stratum (organization, role) found as it is read."""
    if population.census:
        values = [v for r in population.records if (v := classify(r)) is not None]
        return estimates.share(int(sum(values)), len(values))
    strata: dict[tuple[str, str], Stratum] = {}
    for record in population.records:
        value = classify(record)
        if value is None:
            continue
        role = record.answers.get(BREAKDOWNS["role"], "")
        key = (record.org_id, role)
        if key not in strata:
            strata[key] = Stratum(f"{record.org_id}/{role}",
                                  stratum_size(population.orgs[record.org_id], role), 0, 0)
        strata[key].x += int(value)
        strata[key].n += 1
    return estimates.stratified_share(list(strata.values()))


def plain_mean(population: Population, name: str) -> estimates.Estimate:
    def values(found):
        return [v for r in found if (v := r.scores.get(name, (None, ""))[0]) is not None]
    if population.census:
        return estimates.mean(values(population.records))
    groups: dict[tuple[str, str], list[Record]] = {}
    for record in population.records:
        role = record.answers.get(BREAKDOWNS["role"], "")
        groups.setdefault((record.org_id, role), []).append(record)
    return estimates.stratified_mean(
        [(stratum_size(population.orgs[org], role), values(found))
         for (org, role), found in groups.items()])


# members unknown, workers unknown, a population of 0 (weighted by sample size instead)
ORGS = {f"O{i}": Organization(id=f"O{i}", name=f"Org {i}", type=t, country="PE",
                              members_total=m, workers_total=k)
        for i, (t, m, k) in enumerate([("cooperative", 100, None), ("spo", None, 12),
                                       ("workers_association", 0, None),
                                       ("second_level", 420, 0)])}
RESPONDENT = st.fixed_dictionaries({
    "org": st.sampled_from(sorted(ORGS)),
    "rol": st.sampled_from(["productor", "trabajador", None]),
    "genero": st.sampled_from(["mujer", "hombre", None]),
    "d": st.sampled_from([None, 0.0, 1.0]),
    "comp": st.one_of(st.none(), st.floats(0, 100, allow_nan=False)),
})


def _records(rows) -> list[Record]:
    out = []
    for k, row in enumerate(rows):
        answers = {f: row[f] for f in ("rol", "genero") if row[f] is not None}
        scores = {} if row["d"] is None and k % 3 == 0 else {"sust_D": (row["d"], "ok")}
        if row["comp"] is not None:
            scores["B_comp"] = (row["comp"], "ok")
        out.append(Record(f"u{k}", row["org"], "1", "", scores, answers))
    return out


def _rule_d(record: Record):
    return record.scores.get("sust_D", (None, ""))[0]


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(RESPONDENT, max_size=60), census=st.booleans())
def test_population_equals_record_by_record(rows, census):
    population = Population(_records(rows), ORGS, census)
    assert population.share(_rule_d) == plain_share(population, _rule_d)
    assert population.mean("B_comp") == plain_mean(population, "B_comp")
    parts = population.split("genero")
    for value in ("mujer", "hombre", None, "otro"):
        kept = [r for r in population.records if r.answers.get("genero") == value]
        part = parts.get(value, population.subset([]))
        assert part.records == kept
        reference = Population(kept, ORGS, census)
        assert part.share(_rule_d) == plain_share(reference, _rule_d)
        assert part.mean("B_comp") == plain_mean(reference, "B_comp")
    unknown = sorted({r.org_id for r in population.records
                      if stratum_size(ORGS[r.org_id], r.answers.get("rol", "")) is None})
    assert population.unknown_sizes() == unknown
