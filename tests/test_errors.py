"""The error classes tell the caller what kind of problem it is: an input mistake is fixed by
typing again; a store problem (full disk, locked submission) is not."""

from __future__ import annotations

import pytest

from fieldapp.errors import (MESSAGES, FieldappError, FinalizeError, InputError,
                             StoreError)
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round


def test_a_typing_mistake_is_not_a_store_error(db):
    with pytest.raises(InputError) as typo:
        add_round(db, id="R1", name="2024", year="twenty")
    assert typo.value.code == "STORE_027" and not isinstance(typo.value, StoreError)
    add_round(db, id="R1", name="2024", year=2024)
    with pytest.raises(StoreError) as taken:
        add_round(db, id="R1", name="again", year=2024)
    assert taken.value.code == "STORE_026"
    with pytest.raises(InputError):
        add_organization(db, id="C 1", name="Coop", type="spo", country="PE")


def test_finalize_error_is_in_the_catalogue():
    class Problem:
        path, message = "nota", "This answer is required."

    error = FinalizeError([Problem()])
    assert isinstance(error, FieldappError) and error.code in MESSAGES
    assert "nota: This answer is required." in str(error)


def test_no_catch_all_where_a_real_code_fits():
    catch_alls = {code for code, text in MESSAGES.items() if text == "{detail}"}
    # kept on purpose: pyxform's and sqlite's own words when nothing more precise is known,
    # and the expression reader's messages, each composed where the problem is found
    assert catch_alls <= {"FORM_000", "STORE_000", "EXPR_004"}
    assert "ANS_010" not in MESSAGES and "CAPTURE_002" not in MESSAGES
