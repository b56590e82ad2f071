"""The demo data: realistic, varied, idempotent."""

from __future__ import annotations

import pytest

from fieldapp.demo import load_demo
from fieldapp.analysis.orgscores import org_round_scores
from fieldapp.store import submissions as subs
from fieldapp.store.orgs import list_organizations
from fieldapp.store.rounds import list_rounds


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from fieldapp.store.database import open_db

    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    report = load_demo(db)
    assert report.created
    yield db
    db.close()


def _index(db, org_id: str, round_id: str) -> float | None:
    form = org_round_scores(db, org_id, round_id).form("desarrollo_organizacional")
    return next(s.value for s in form.scores if s.name == "IDO")


def test_demo_covers_countries_products_and_rounds(demo_db):
    orgs = list_organizations(demo_db)
    assert 10 <= len(orgs) <= 14
    assert len({o.country for o in orgs}) >= 5
    assert {"cafe", "cacao", "miel", "banano", "azucar"} <= {o.products for o in orgs}
    assert {"cooperative", "workers_association"} <= {o.type for o in orgs}
    rounds = {r.id: r for r in list_rounds(demo_db)}
    assert rounds["LB2022"].is_baseline and rounds["LB2022"].year == 2022
    assert rounds["R2024"].year == 2024 and not rounds["R2024"].is_baseline


def test_each_org_has_one_assessment_and_20_to_40_respondents_per_round(demo_db):
    for org in list_organizations(demo_db):
        for round_id in ("LB2022", "R2024"):
            found = subs.list_submissions(demo_db, org=org.id, round=round_id)
            forms = [s.form_id for s in found]
            assert forms.count("desarrollo_organizacional") == 1
            assert 20 <= forms.count("medios_de_vida") <= 40
            assert all(s.status == "final" for s in found)


def test_demo_varies_like_a_real_network(demo_db):
    orgs = [o.id for o in list_organizations(demo_db)]
    before = {o: _index(demo_db, o, "LB2022") for o in orgs}
    after = {o: _index(demo_db, o, "R2024") for o in orgs}
    assert any(v is not None and v >= 85 for v in after.values())
    assert any(v is not None and v < 70 for v in after.values())
    assert any(after[o] - before[o] > 5 for o in orgs)  # some improve
    assert any(after[o] - before[o] <= 0 for o in orgs)  # some do not


def test_loading_again_changes_nothing(demo_db):
    count = len(subs.list_submissions(demo_db))
    version = demo_db.conn.execute("PRAGMA data_version").fetchone()
    total_changes = demo_db.conn.total_changes
    assert not load_demo(demo_db).created
    assert demo_db.conn.total_changes == total_changes
    assert len(subs.list_submissions(demo_db)) == count
    assert demo_db.conn.execute("PRAGMA data_version").fetchone() == version
