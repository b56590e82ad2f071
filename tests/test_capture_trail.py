"""A submission's history in the words of its form: question labels in the interface
language (with the roster entry's number), option labels instead of codes, the words of an
older version for a field that left the form, and the stored path for a field no version
knows."""

from __future__ import annotations

import pytest

from fieldapp.capture.fill import fill_submission
from fieldapp.capture.trail import FormWords, submission_trail
from fieldapp.registry import add_form
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from tests.xlsform_md import md_to_xlsx

ANSWERS = {"codigo": "R-1", "consentimiento": "si", "rol": "productor", "genero": "mujer",
           "edad": "30_44", "antiguedad": "2_5", "producto": "cafe", "personas_hogar": 2,
           "hogar[1]/edad": 41, "hogar[1]/sexo": "mujer", "hogar[2]/edad": 12,
           "hogar[2]/sexo": "hombre", "D2": "mejor"}

VERSIONED = """
| survey |
|        | type              | name   | label::Español (es) | label::English (en) |
|        | text              | nombre | Nombre              | Name                |
{extra}
| choices |
|         | list_name | name | label::Español (es) | label::English (en) |
|         | sino      | si   | Sí                  | Yes                 |
|         | sino      | no   | No                  | No                  |
| settings |
|          | form_id | version   |
|          | visita  | {version} |
"""


@pytest.fixture
def stored(db):
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)
    uuid = fill_submission(db, "medios_de_vida", org_id="C1", round_id="R24", answers=ANSWERS)
    return uuid


@pytest.mark.parametrize("lang, words", [
    ("es", {"codigo": "Código de la persona encuestada", "perfil/genero": "Género",
            "hogar[2]/sexo": "Sexo · Personas del hogar 2",
            "hogar[1]/edad": "Edad (años cumplidos) · Personas del hogar 1",
            "meta/instanceID": "Identificador del registro"}),
    ("en", {"codigo": "Respondent code", "perfil/genero": "Gender",
            "hogar[2]/sexo": "Sex · Household members 2",
            "meta/instanceID": "Submission identifier"}),
    ("pt", {"codigo": "Código da pessoa entrevistada", "perfil/genero": "Gênero",
            "hogar[1]/edad": "Idade (anos completos) · Pessoas da casa 1",
            "meta/instanceID": "Identificador do registro"}),
])
def test_questions_are_named_by_their_labels_in_the_interface_language(db, stored, lang,
                                                                       words):
    rows = {row.entry.path: row for row in submission_trail(db, stored, lang)}
    for path, label in words.items():
        assert rows[path].question == label


def test_chosen_options_show_their_labels(db, stored):
    rows = {row.entry.path: row for row in submission_trail(db, stored, "es")}
    assert rows["perfil/genero"].new == "Mujer"
    assert rows["hogar[2]/sexo"].new == "Hombre"
    assert rows["sostenibilidad/D2"].new == "Mejor"
    assert rows["hogar[1]/edad"].new == "41"  # a number stays as it is
    english = {row.entry.path: row for row in submission_trail(db, stored, "en")}
    assert english["hogar[2]/sexo"].new == "Male"


def test_whole_submission_actions_have_no_question(db, stored):
    rows = submission_trail(db, stored, "es")
    assert rows[0].entry.action == "create" and rows[0].question == ""
    assert all(row.question for row in rows if row.entry.path)


def test_a_field_gone_from_the_form_gets_the_words_of_the_version_that_had_it(db, tmp_path):
    old = md_to_xlsx(VERSIONED.format(version="1", extra=(
        "|        | select_one sino   | techo  | ¿Techo de calamina? | Metal roof?         |")),
        tmp_path / "v1.xlsx")
    new = md_to_xlsx(VERSIONED.format(version="2", extra=""), tmp_path / "v2.xlsx")
    add_form(db, old)
    add_form(db, new)
    words = FormWords(db, "visita", "2", "es")
    assert words.question("nombre") == "Nombre"
    assert words.question("techo") == "¿Techo de calamina?"
    assert words.value("techo", "si") == "Sí"
    assert FormWords(db, "visita", "2", "en").question("/visita/techo") == "Metal roof?"
    # no version knows it: the path as stored
    assert words.question("/visita/ventanas") == "/visita/ventanas"
    assert words.value("ventanas", "3") == "3"
