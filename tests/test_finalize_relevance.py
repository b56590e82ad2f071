"""Answers hidden by skip logic (issue 12, item 2): on finalize they leave the record (ODK's
rule), audited so that this laptop's audit log still shows them; the same for ``fill
--finalize``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.registry import add_form
from fieldapp.store.audit import audit_trail
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from fieldapp.capture import start_capture
from fieldapp.store.submissions import get_submission, load_answers
from tests.xlsform_md import md_to_xlsx

ROOT = Path(__file__).resolve().parents[1]
CONSENT = """
| survey |
|        | type              | name     | label     | relevant              | calculation |
|        | select_one yes_no | consent  | Consent?  |                       |             |
|        | text              | nombre   | Name      | ${consent} = 'yes'    |             |
|        | integer           | edad     | Age       | ${consent} = 'yes'    |             |
|        | calculate         | adulto   |           | ${consent} = 'yes'    | if(${edad} >= 18, 1, 0) |
|        | text              | motivo   | Why not?  | ${consent} = 'no'     |             |
| choices |
|         | list_name | name | label |
|         | yes_no    | yes  | Yes   |
|         | yes_no    | no   | No    |
| settings |
|          | form_id | version |
|          | consent | 1       |
"""


@pytest.fixture
def store(db, tmp_path):
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)
    add_form(db, md_to_xlsx(CONSENT, tmp_path / "consent.xlsx"))
    return db


def test_a_withdrawn_consent_leaves_no_profile_in_the_final_record(store, db_path):
    capture = start_capture(db_path, "consent", org_id="C1", round_id="R24", db=store)
    capture.set("consent", "yes")
    capture.set("nombre", "Rosa Quispe")
    capture.set("edad", 40)
    assert load_answers(store, capture.uuid)["nombre"] == "Rosa Quispe"
    capture.set("consent", "no")  # the respondent withdraws
    capture.set("motivo", "no time")
    capture.finalize()
    final = load_answers(store, capture.uuid)
    assert get_submission(store, capture.uuid).status == "final"
    assert "nombre" not in final and "edad" not in final and "adulto" not in final
    assert final["motivo"] == "no time"
    hidden = {e.path: e.old for e in audit_trail(store, capture.uuid)
              if e.action == "not_relevant"}
    assert hidden["nombre"] == "Rosa Quispe" and hidden["edad"] == "40"


def test_fill_finalize_applies_the_same_rule(tmp_path, store, db_path):
    store.close()
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"consent": "no", "nombre": "Rosa", "motivo": "x"}),
                       encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--lang", "en", "fill", "consent", "--org",
         "C1", "--round", "R24", "--answers", str(answers), "--finalize", "--db",
         str(db_path)], capture_output=True, text=True, timeout=120, env={**os.environ})
    assert done.returncode == 0, done.stderr
    uuid = done.stdout.strip()
    from fieldapp.store.database import open_db

    with open_db(db_path) as db:
        final = load_answers(db, uuid)
        assert "nombre" not in final and final["motivo"] == "x"
        assert any(e.action == "not_relevant" and e.old == "Rosa"
                   for e in audit_trail(db, uuid))
