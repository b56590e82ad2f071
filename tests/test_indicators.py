"""The indicator table: the demo data recomputed independently (plain Python over the stored
answers, no app code), the decisions of instruments.md §5, baselines entered by hand."""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from fieldapp.analysis.indicators import indicator_table
from fieldapp.capture.fill import fill_submission
from fieldapp.demo import ORGANIZATIONS, _assessment, _respondent, load_demo
from fieldapp.errors import FieldappError
from fieldapp.store.baselines import ExternalValue, save_external_values, set_target
from fieldapp.store.database import open_db
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round

Z = 1.959964


def shown(value: float) -> float:
    """One decimal, half up, as printed."""
    return float(Decimal(repr(round(value, 9))).quantize(Decimal("0.1"), ROUND_HALF_UP))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    load_demo(db)
    yield db
    db.close()


def _answers(db, form_id: str, round_id: str) -> dict[str, tuple[str, dict[str, str]]]:
    """uuid → (org, {field name: value}) of the final submissions, straight from SQL."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for uuid, org in db.conn.execute(
            "SELECT uuid, org_id FROM submissions WHERE form_id = ? AND round_id = ?"
            " AND status = 'final' AND deleted = 0", (form_id, round_id)):
        out[uuid] = (org, {})
    for uuid, path, value in db.conn.execute("SELECT uuid, path, value FROM answers"):
        if uuid in out:
            out[uuid][1][path.rsplit("/", 1)[-1]] = value
    return out


def _index_by_hand(items: dict[str, str]) -> float | None:
    """§1: area = (mean − 1)/3 × 100 over applicable items, ≥ 50% answered; index = mean of
    the 7 areas when all are valid (a complete index)."""
    areas = []
    for area, count in (("A1", 4), ("A2", 4), ("A3", 4), ("A4", 4), ("A5", 4), ("A6", 4),
                        ("A7", 5)):
        values = [items.get(f"{area}_{i}", "") for i in range(1, count + 1)]
        applicable = [v for v in values if v != "na"]
        answered = [int(v) for v in applicable if v in ("1", "2", "3", "4")]
        if not applicable or len(answered) / len(applicable) < 0.5:
            return None
        areas.append((sum(answered) / len(answered) - 1) / 3 * 100)
    return sum(areas) / len(areas)


def test_demo_development_index_recomputed_by_hand(demo_db):
    table = indicator_table(demo_db, "R2024")
    indexes = [_index_by_hand(items) for _org, items in
               _answers(demo_db, "desarrollo_organizacional", "R2024").values()]
    complete = [v for v in indexes if v is not None]
    row = table.row("i1.1")
    assert row.current.n == len(complete) == 12
    assert shown(row.current.value) == shown(sum(complete) / len(complete))
    met = sum(1 for v in complete if shown(v) >= 85)
    assert shown(table.row("i1.2").current.value) == shown(met * 100 / len(complete))
    assert row.target.value == 85 and row.target.met is False
    assert row.baseline_source.kind == "round" and row.baseline_source.round_id == "LB2022"
    assert row.difference.n_panel == 12 and row.difference.test is None


def _members(org) -> tuple[int, int | None]:
    from fieldapp.demo import WORKERS

    members = org.women + org.men
    workers = WORKERS.get(org.id)
    if org.type == "workers_association" and workers is None:
        workers = members
    return members, workers


def _stratified_by_hand(db, round_id: str, success: set[str], counted: set[str],
                        keep=lambda a: True):
    """§5.5 written out: strata = organization × role, W_h = N_h / N (workers weighted by
    their number, unknown N by the sample), p̃ = (x + 1)/(n + 2), n_eff, Wilson."""
    orgs = {o.id: o for o in ORGANIZATIONS}
    strata: dict[tuple[str, str], list[int]] = {}
    for org_id, answers in _answers(db, "medios_de_vida", round_id).values():
        value = answers.get("D1")
        if answers.get("consentimiento") != "si" or value not in counted or not keep(answers):
            continue
        cell = strata.setdefault((org_id, answers.get("rol", "")), [0, 0])
        cell[0] += value in success
        cell[1] += 1
    sizes = {}
    for (org_id, role), (x, n) in strata.items():
        members, workers = _members(orgs[org_id])
        size = workers if role == "trabajador" else members
        sizes[(org_id, role)] = n if size is None else size
    total = sum(sizes.values())
    p = sum(sizes[k] / total * x / n for k, (x, n) in strata.items())
    var = sum((sizes[k] / total) ** 2 * ((x + 1) / (n + 2)) * (1 - (x + 1) / (n + 2)) / n
              for k, (x, n) in strata.items())
    n_eff = p * (1 - p) / var
    centre = p + Z * Z / (2 * n_eff)
    margin = Z * math.sqrt(p * (1 - p) / n_eff + Z * Z / (4 * n_eff * n_eff))
    low, high = ((centre - margin) / (1 + Z * Z / n_eff), (centre + margin) / (1 + Z * Z / n_eff))
    return p * 100, low * 100, high * 100, var, sum(n for _x, n in strata.values())


def test_demo_livelihood_share_recomputed_by_hand(demo_db):
    table = indicator_table(demo_db, "R2024")
    row = table.row("i2.1")
    p, low, high, var, n = _stratified_by_hand(demo_db, "R2024", {"si"}, {"si", "en_parte", "no"})
    assert (shown(row.current.value), shown(row.current.low), shown(row.current.high)) == (
        shown(p), shown(low), shown(high))
    assert row.current.n == n and row.current.method == "stratified"
    p0, _l, _h, var0, _n = _stratified_by_hand(demo_db, "LB2022", {"si"},
                                                {"si", "en_parte", "no"})
    assert shown(row.difference.value) == shown(p - p0)
    z = (p - p0) / 100 / math.sqrt(var + var0)
    assert row.difference.z == pytest.approx(z, rel=1e-9)
    partly = table.row("i2.1", "answer", "yes_or_partly")
    assert shown(partly.current.value) == shown(_stratified_by_hand(
        demo_db, "R2024", {"si", "en_parte"}, {"si", "en_parte", "no"})[0])
    women = table.row("i2.3", "gender", "mujer")
    assert shown(women.current.value) == shown(_stratified_by_hand(
        demo_db, "R2024", {"si"}, {"si", "en_parte", "no"},
        keep=lambda a: a.get("genero") == "mujer")[0])


def test_demo_organization_share_is_plain_wilson(demo_db):
    table = indicator_table(demo_db, "R2024", org_id="CACAO-DO")
    x = n = 0
    for org_id, answers in _answers(demo_db, "medios_de_vida", "R2024").values():
        if org_id == "CACAO-DO" and answers.get("D1") in ("si", "en_parte", "no") \
                and answers.get("consentimiento") == "si":
            x, n = x + (answers["D1"] == "si"), n + 1
    row = table.row("i2.1")
    assert (row.current.x, row.current.n, row.current.method) == (x, n, "wilson")
    assert shown(row.current.value) == shown(x * 100 / n)
    # the organization's own assessment is a census: shown, with its band
    index = table.row("i1.1").current
    assert index.n == 1 and index.value is not None and not index.suppressed
    assert index.band in ("incipient", "developing", "consolidated", "target_met")


def test_scope_by_country_and_type(demo_db):
    peru = indicator_table(demo_db, "R2024", country="Perú")
    assert peru.scope.level == "country" and peru.scope.country == "PE"
    assert peru.assessment.registered == 2
    assert peru.row("i1.1").current.suppressed  # a mean over 2 organizations (§5.4)
    assert peru.row("i1.1").current.reason_text() == "insufficient n (n = 2)"
    coops = indicator_table(demo_db, "R2024", org_type_="cooperativa")
    assert coops.scope.level == "type" and coops.assessment.registered == 5
    with pytest.raises(FieldappError):
        indicator_table(demo_db, "R2024", country="Atlantis")


def test_baseline_cannot_be_the_round_itself(demo_db):
    with pytest.raises(FieldappError) as caught:
        indicator_table(demo_db, "R2024", baseline="R2024")
    assert caught.value.code == "IND_009"
    assert indicator_table(demo_db, "LB2022").baseline is None  # it is the baseline


def test_result_as_dict_is_plain_data(demo_db):
    import json

    data = indicator_table(demo_db, "R2024").as_dict()
    json.dumps(data)
    row = data["rows"][0]
    assert set(row) >= {"code", "label", "baseline", "current", "difference", "target",
                        "notes", "baseline_source"}
    assert set(row["current"]) >= {"value", "n", "low", "high", "suppressed", "reason", "band"}
    assert set(data["rows"][11]["difference"]) >= {"value", "low", "high", "p_value",
                                                   "significant", "test"}


# -- §5 decisions on a small network ---------------------------------------------------------


@pytest.fixture
def network(tmp_path):
    db = open_db(tmp_path / "n.db")
    add_round(db, id="LB", name="Línea base", year=2022, baseline=True)
    add_round(db, id="R24", name="2024", year=2024)
    for org in ORGANIZATIONS[:6]:
        add_organization(db, id=org.id, name=org.name, type=org.type, country=org.country,
                         women=org.women, men=org.men)
    yield db
    db.close()


def _assess(db, org_id: str, round_id: str, capacity: float, seed: int = 1, **override):
    org = next(o for o in ORGANIZATIONS if o.id == org_id)
    answers = _assessment(random.Random(seed), org, capacity, 2024)
    answers.update(override)
    return fill_submission(db, "desarrollo_organizacional", org_id=org_id, round_id=round_id,
                           answers=answers, finalize=True)


def _survey(db, org_id: str, round_id: str, count: int, wellbeing: float = 3.5, seed: int = 2):
    org = next(o for o in ORGANIZATIONS if o.id == org_id)
    rng = random.Random(seed)
    for i in range(count):
        answers = _respondent(rng, org, wellbeing, 2024, i + 1)
        fill_submission(db, "medios_de_vida", org_id=org_id, round_id=round_id,
                        answers=answers, finalize=True)


def test_latest_assessment_counts_and_the_others_are_listed(network):
    """§5.3: several final assessments in a round: the most recently finalized counts."""
    first = _assess(network, "CACAO-DO", "R24", 1.5)
    last = _assess(network, "CACAO-DO", "R24", 3.9, seed=5)
    table = indicator_table(network, "R24", org_id="CACAO-DO")
    record = table.assessment.records[0]
    assert record.uuid == last and record.also_recorded == [first]
    assert any(n.code == "also_recorded" for n in table.row("i1.1").notes)
    from fieldapp.store.scores import read_scores

    assert table.row("i1.1").current.value == read_scores(network, last)["IDO"].value


def test_workers_organization_with_a3_not_applicable_counts_toward_targets(network):
    """§5.2: A3 wholly not applicable leaves a complete index over six areas."""
    a3 = {f"A3_{i}": "na" for i in range(1, 5)}
    _assess(network, "SINTRA-CO", "R24", 3.0, **a3)
    table = indicator_table(network, "R24")
    record = next(r for r in table.assessment.records if r.org_id == "SINTRA-CO")
    assert record.index_status == "ok" and record.areas["A3"] is None
    assert table.assessment.complete == 1


def test_organization_without_baseline_is_left_out_of_the_panel(network):
    """A differences are on the balanced panel (assessed in both rounds), n printed."""
    for org_id in ("CACAO-DO", "MIEL-MX", "CAFE-HN", "BANANO-EC", "SINTRA-CO"):
        _assess(network, org_id, "LB", 2.5)
        _assess(network, org_id, "R24", 3.0, seed=3)
    _assess(network, "COOCAFE-PE", "R24", 3.8)  # no baseline
    table = indicator_table(network, "R24")
    row = table.row("i1.1")
    assert row.current.n == 6 and row.baseline.n == 5
    assert row.difference.n_panel == 5
    panel = [r for r in table.assessment.records if r.org_id != "COOCAFE-PE"]
    before = indicator_table(network, "LB").assessment.records
    expected = (sum(r.index for r in panel) / 5 - sum(r.index for r in before) / 5)
    assert row.difference.value == pytest.approx(expected)
    count = table.row("i1.4a")
    assert (count.current.x, count.current.n, count.difference.value) == (6, 6, 1.0)
    assert count.difference.relative == pytest.approx(20.0)


def test_small_organization_share_is_suppressed_with_n(network):
    _survey(network, "MIEL-MX", "R24", 7)
    row = indicator_table(network, "R24", org_id="MIEL-MX").row("i2.1")
    assert row.current.value is None and row.current.suppressed
    assert row.current.reason == "small_n" and 0 < row.current.n < 10


def test_external_baseline_is_used_where_no_round_has_the_data(network):
    """§5.8: the 2022 baseline measured on paper (45/100) against this round."""
    _survey(network, "CACAO-DO", "R24", 30, wellbeing=3.9)
    _survey(network, "MIEL-MX", "R24", 30, wellbeing=3.9, seed=4)
    save_external_values(network, [ExternalValue("i2.1", "network", "", 2022, 45.0, 100,
                                                 source="Encuesta 2022 (papel)")])
    set_target(network, "i1.2", 50.0, "Asamblea 2025")
    table = indicator_table(network, "R24")
    row = table.row("i2.1")
    assert row.baseline_source.kind == "external" and row.baseline_source.year == 2022
    assert row.baseline_source.note == "Encuesta 2022 (papel)"
    assert row.baseline.value == 45.0 and shown(row.baseline.low) == 35.6  # Wilson of 45/100
    assert row.difference.value == pytest.approx(row.current.value - 45.0)
    assert row.difference.test == "stratified_z" and row.difference.p_value is not None
    assert row.target.rule == "above_baseline"
    assert row.target.met == (row.difference.value > 0 and row.difference.significant)
    assert table.row("i1.2").target.value == 50.0
    assert table.row("i2.2").baseline_source.kind == "none"


def test_external_value_entered_for_an_indicator_not_captured(network):
    save_external_values(network, [ExternalValue("i3.3", "network", "", 2024, 82.5, 40,
                                                 70.1, 90.3, "Encuesta a aliados")])
    row = indicator_table(network, "R24").row("i3.3")
    assert row.current.value == 82.5 and row.current.method == "external"
    assert (row.current.low, row.current.high) == (70.1, 90.3)
    assert row.target.value == 80 and row.target.met is True


def test_consent_refused_and_dont_know_are_counted_apart(network):
    _survey(network, "CAFE-HN", "R24", 40)
    table = indicator_table(network, "R24", org_id="CAFE-HN")
    summary = table.livelihood
    assert summary.questionnaires == 40
    row = table.row("i2.1")
    assert row.current.n == 40 - summary.consent_refused - summary.d1_no_answer


def test_scores_aggregated_in_sql_equal_the_records_path(tmp_path, demo_db):
    """``scores`` sums a survey's stored scores in SQL; with one submission not stored it
    goes through the records (scoring that one on the fly): the same figures."""
    import shutil

    from fieldapp.analysis.orgscores import org_round_scores

    fast = org_round_scores(demo_db, "CAFE-MX", "R2024").form("medios_de_vida")
    path = tmp_path / "copy.db"
    demo_db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    shutil.copy(demo_db.conn.execute("PRAGMA database_list").fetchone()[2], path)
    with open_db(path) as copy:
        uuid = copy.conn.execute("SELECT uuid FROM submissions WHERE org_id = 'CAFE-MX' AND"
                                 " round_id = 'R2024' AND form_id = 'medios_de_vida'"
                                 " LIMIT 1").fetchone()[0]
        with copy.conn:
            copy.conn.execute("DELETE FROM submission_scores WHERE uuid = ?", (uuid,))
        slow = org_round_scores(copy, "CAFE-MX", "R2024").form("medios_de_vida")
    assert fast.submissions == slow.submissions > 20
    for a, b in zip(fast.scores, slow.scores):
        assert a.name == b.name and (a.n, a.x, a.excluded, a.insufficient) == (
            b.n, b.x, b.excluded, b.insufficient)
        assert (a.value is None) == (b.value is None)
        if a.value is not None:
            assert a.value == pytest.approx(b.value, abs=1e-9)
