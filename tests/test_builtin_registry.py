"""Built-in forms in the database: registered on first use, never breaking old submissions."""

from __future__ import annotations

import weakref

from fieldapp import registry
from fieldapp.forms.builtins import builtin_paths
from fieldapp.forms.workbooks import open_workbook
from fieldapp.store.formsreg import find_form, register_form
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.store.submissions import create_submission


def test_builtin_forms_are_registered_once(db):
    registry.ensure_builtin_forms(db)
    record = find_form(db, "medios_de_vida")
    assert record is not None and record.builtin
    assert {f["form_id"] for f in registry.available_forms(db)} >= {
        "desarrollo_organizacional", "medios_de_vida"}


def test_a_changed_builtin_with_the_same_version_keeps_the_stored_one(db):
    form = open_workbook(builtin_paths()[0])
    register_form(db, form_id=form.form_id, version=form.version, workbook=b"older bytes",
                  file_name="old.xlsx", builtin=True)
    add_organization(db, id="C1", name="Coop", type="cooperative", country="PE")
    add_round(db, id="R1", name="2024", year=2024)
    create_submission(db, form_id=form.form_id, form_version=form.version, org_id="C1",
                      round_id="R1")
    registry._ensured = weakref.WeakSet()
    registry.ensure_builtin_forms(db)  # must not raise
    kept = find_form(db, form.form_id, form.version, with_workbook=True)
    assert kept.workbook == b"older bytes"
