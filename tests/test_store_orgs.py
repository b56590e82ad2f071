"""Organizations and rounds: add, edit, list, and exactly one baseline round."""

from __future__ import annotations

import pytest

from fieldapp.errors import InputError, StoreError
from fieldapp.store.orgs import (add_organization, get_organization, list_organizations,
                                 make_organization, update_organization)
from fieldapp.store.rounds import (add_round, baseline_round, get_round, list_rounds,
                                   update_round)


def test_add_normalizes_what_people_type(db):
    org = add_organization(db, id="CAC-PE", name="  Cooperativa   Agraria ", type="Cooperativa",
                           country="Perú", products="café; cacao ;", women="1.200", men=300)
    assert (org.name, org.type, org.country, org.country_name) == (
        "Cooperativa Agraria", "cooperative", "PE", "Perú")
    assert (org.products, org.members_women, org.members_men, org.members_total) == (
        "café, cacao", 1200, 300, 1500)
    assert org.created_at.endswith("Z") and org.created_at == org.updated_at
    assert get_organization(db, "CAC-PE") == org


@pytest.mark.parametrize("text, code", [
    ("spo", "spo"), ("OPP", "spo"), ("Organización de Pequeños Productores", "spo"),
    ("coop", "cooperative"), ("Workers' Association", "workers_association"),
    ("asociación de trabajadores", "workers_association"), ("Segundo nivel", "second_level"),
])
def test_types_in_any_language(text, code):
    org = make_organization(id="x", name="X", type=text, country="CO")
    assert org.type == code


@pytest.mark.parametrize("country, code", [("pe", "PE"), ("Mexico", "MX"), ("México", "MX"),
                                           ("Brasil", "BR"), ("Brazil", "BR"),
                                           ("Côte d’Ivoire", "CI")])
def test_countries_by_code_or_name(country, code):
    assert make_organization(id="x", name="X", type="spo", country=country).country == code


@pytest.mark.parametrize("values, code, field", [
    ({"id": "has space"}, "STORE_028", "id"),
    ({"id": ""}, "STORE_024", "id"),
    ({"name": " "}, "STORE_024", "name"),
    ({"type": "company"}, "STORE_021", "type"),
    ({"country": "Atlantis"}, "STORE_022", "country"),
    ({"women": "-3"}, "STORE_023", "women"),
    ({"men": "many"}, "STORE_023", "men"),
    ({"women": 10, "men": 10, "total": 15}, "STORE_025", "total"),
])
def test_bad_values_name_the_field(db, values, code, field):
    base = {"id": "C1", "name": "Coop", "type": "spo", "country": "PE"}
    with pytest.raises(InputError) as info:  # a typing mistake, not a database problem
        add_organization(db, **{**base, **values})
    assert (info.value.code, info.value.context["field"]) == (code, field)
    assert list_organizations(db) == []


def test_duplicate_id_is_refused(db):
    add_organization(db, id="C1", name="Coop", type="spo", country="PE")
    with pytest.raises(StoreError) as info:
        add_organization(db, id="C1", name="Otra", type="spo", country="PE")
    assert info.value.code == "STORE_020"
    assert get_organization(db, "C1").name == "Coop"


def test_update_changes_only_what_is_given(db):
    old = add_organization(db, id="C1", name="Coop", type="spo", country="PE", women=10, men=5)
    new = update_organization(db, "C1", women=20, products="miel")
    assert (new.name, new.members_women, new.members_men, new.members_total, new.products) == (
        "Coop", 20, 5, 25, "miel")
    assert new.created_at == old.created_at
    with pytest.raises(StoreError) as info:
        update_organization(db, "nope", name="x")
    assert info.value.code == "STORE_010"


def test_an_explicit_total_survives_other_edits(db):
    add_organization(db, id="U1", name="Unión", type="second_level", country="BO",
                     women=10, men=10, total=900)
    assert update_organization(db, "U1", women=12).members_total == 900


def test_list_is_ordered_by_country_then_name(db):
    for org_id, name, country in (("b", "Beta", "PE"), ("a", "alfa", "PE"), ("c", "Café", "CO")):
        add_organization(db, id=org_id, name=name, type="spo", country=country)
    assert [o.id for o in list_organizations(db)] == ["c", "a", "b"]


def test_first_round_is_the_baseline_and_a_new_baseline_replaces_it(db):
    assert baseline_round(db) is None
    first = add_round(db, id="2024", name="2024", year="2024")
    assert first.is_baseline
    add_round(db, id="LB22", name="Línea base 2022", year=2022, baseline=True)
    assert [(r.id, r.is_baseline) for r in list_rounds(db)] == [("LB22", True), ("2024", False)]
    update_round(db, "2024", baseline=True)
    assert baseline_round(db).id == "2024"
    assert db.conn.execute("SELECT count(*) FROM rounds WHERE is_baseline = 1").fetchone()[0] == 1


def test_round_errors(db):
    add_round(db, id="LB22", name="Línea base 2022", year=2022)
    for kwargs, code, kind in (({"id": "LB22", "name": "x", "year": 2023}, "STORE_026", StoreError),
                               ({"id": "x", "name": "x", "year": "22"}, "STORE_027", InputError),
                               ({"id": "x", "name": "", "year": 2022}, "STORE_024", InputError)):
        with pytest.raises(kind) as info:
            add_round(db, **kwargs)
        assert info.value.code == code
    with pytest.raises(StoreError) as info:
        update_round(db, "LB22", baseline=False)
    assert info.value.code == "STORE_029"
    with pytest.raises(StoreError) as info:
        get_round(db, "2030")
    assert info.value.code == "STORE_011"
    renamed = update_round(db, "LB22", name="Línea de base", year=2021)
    assert (renamed.name, renamed.year, renamed.is_baseline) == ("Línea de base", 2021, True)
