"""A small survey with every kind of export column, filled through the capture path, for the
export tests: numbers, text, a select_multiple, a location, skip logic, a repeat group inside
a repeat group, a note and a calculation; and two versions of the form."""

from __future__ import annotations

from pathlib import Path

from fieldapp.capture import start_capture
from fieldapp.capture.fill import fill_submission
from fieldapp.registry import add_form
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from tests.xlsform_md import md_to_xlsx

SURVEY = """
| survey |
|        | type                     | name      | label::Español (es) | label::English (en) | relevant              | calculation       |
|        | hidden                   | org_id    |                     |                     |                       |                   |
|        | text                     | nombre    | Nombre              | Name                |                       |                   |
|        | integer                  | edad      | Edad                | Age                 |                       |                   |
|        | decimal                  | area      | Área (ha)           | Area (ha)           |                       |                   |
|        | select_one sino          | tiene     | ¿Tiene finca?       | Has a farm?         |                       |                   |
|        | select_multiple cultivo  | cultivos  | Cultivos            | Crops               | ${tiene} = 'si'       |                   |
|        | text                     | otro      | Otro cultivo        | Other crop          | selected(${cultivos}, 'otro') |           |
|        | geopoint                 | lugar     | Lugar               | Place               |                       |                   |
|        | note                     | aviso     | Gracias             | Thanks              |                       |                   |
|        | begin_repeat             | parcela   | Parcela             | Plot                |                       |                   |
|        | decimal                  | tamano    | Tamaño              | Size                |                       |                   |
|        | begin_repeat             | arbol     | Árbol               | Tree                |                       |                   |
|        | text                     | especie   | Especie             | Species             |                       |                   |
|        | end_repeat               |           |                     |                     |                       |                   |
|        | end_repeat               |           |                     |                     |                       |                   |
|        | calculate                | doble     |                     |                     |                       | ${edad} * 2       |
| choices |
|         | list_name | name  | label::Español (es) | label::English (en) |
|         | sino      | si    | Sí                  | Yes                 |
|         | sino      | no    | No                  | No                  |
|         | cultivo   | cafe  | Café                | Coffee              |
|         | cultivo   | cacao | Cacao               | Cocoa               |
|         | cultivo   | otro  | Otro                | Other               |
| settings |
|          | form_id  | version | form_title | default_language |
|          | encuesta | {version} | Encuesta | Español (es)     |
"""

# version 2 asks one more question
SURVEY_V2 = SURVEY.replace(
    "|        | calculate                | doble     |",
    "|        | text                     | correo    | Correo              | E-mail              |"
    "                       |                   |\n"
    "|        | calculate                | doble     |")

ANSWERS = [
    {"nombre": "Rosa Quispe", "edad": 41, "area": 2.75, "tiene": "si", "cultivos": "cafe otro",
     "otro": "palta", "lugar": "-12.05 -77.04 150 5", "parcela[1]/tamano": 1.5,
     "parcela[1]/arbol[1]/especie": "guaba", "parcela[1]/arbol[2]/especie": "pacae",
     "parcela[2]/tamano": 1.25},
    {"nombre": "=HYPERLINK(\"http://x.example\",\"clic\")", "edad": 19, "tiene": "no"},
    {"nombre": "-5 kg", "edad": 0, "area": -3.5, "tiene": "si", "cultivos": "cacao"},
    {"nombre": "@SUM(A1)", "tiene": "si"},
]


def seed(db, tmp_path: Path) -> dict[str, str]:
    """Organizations, two rounds, the survey (v1 then v2) and submissions; {name: uuid}."""
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_organization(db, id="C2", name="Asociación Luna", type="spo", country="CO")
    add_round(db, id="R22", name="Línea base 2022", year=2022, baseline=True)
    add_round(db, id="R24", name="Seguimiento 2024", year=2024)
    add_form(db, md_to_xlsx(SURVEY.replace("{version}", "1"), tmp_path / "encuesta1.xlsx"))
    uuids = {}
    for i, answers in enumerate(ANSWERS):
        uuids[f"v1-{i}"] = fill_submission(db, "encuesta", org_id="C1" if i % 2 == 0 else "C2",
                                           round_id="R22", answers=answers, finalize=True)
    # skip logic turned off after answering: the stored 'otro' no longer applies
    capture = start_capture(Path(""), "encuesta", org_id="C2", round_id="R22", db=db)
    for path, value in (("nombre", "Luis"), ("edad", 30), ("tiene", "si"), ("cultivos", "otro"),
                        ("otro", "yuca"), ("cultivos", "cafe")):
        capture.set(path, value)
    capture.finalize()
    uuids["stale"] = capture.uuid
    uuids["draft"] = fill_submission(db, "encuesta", org_id="C1", round_id="R24",
                                     answers={"nombre": "Borrador"})
    add_form(db, md_to_xlsx(SURVEY_V2.replace("{version}", "2"), tmp_path / "encuesta2.xlsx"))
    uuids["v2"] = fill_submission(db, "encuesta", org_id="C1", round_id="R24", finalize=True,
                                  answers={"nombre": "Ana", "edad": 25, "tiene": "no",
                                           "correo": "ana@example.org"})
    return uuids

