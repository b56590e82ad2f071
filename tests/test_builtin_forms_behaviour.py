"""The built-in instruments driven through FormSession: skip logic, constraints and their
messages in es/en/pt, calculations, and scores on hand-computed examples (instruments.md)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldapp.cli import cli
from fieldapp.forms.workbooks import open_workbook
from fieldapp.forms.model import pick_text
from fieldapp.forms.session import FormSession

FORMS = Path(__file__).resolve().parents[1] / "forms"
FORM_A = FORMS / "desarrollo_organizacional.xlsx"
FORM_B = FORMS / "medios_de_vida.xlsx"
LANGS = ("es", "en", "pt")
AREAS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}  # items per area
DIMS = ("B1", "B2", "B3", "B4", "B5", "B6")
# The forms' own texts, as in the workbooks (instruments.md asks for es/en/pt).
HOGAR_MESSAGE = {"es": "Escriba un número entre 1 y 30.", "en": "Enter a number from 1 to 30.",
                 "pt": "Digite um número de 1 a 30."}
NEGATIVE_MESSAGE = {"es": "El número no puede ser negativo.",
                    "en": "The number cannot be negative.",
                    "pt": "O número não pode ser negativo."}
FUTURE_MESSAGE = {"es": "La fecha no puede ser futura.", "en": "The date cannot be in the future.",
                  "pt": "A data não pode ser futura."}
LEVEL_REQUIRED = {"es": "Elija un nivel, o NA / NS.", "en": "Choose a level, or NA / DK.",
                  "pt": "Escolha um nível, ou NA / NS."}
BAND_LABELS = {
    "incipient": {"es": "Incipiente", "en": "Incipient", "pt": "Incipiente"},
    "developing": {"es": "En desarrollo", "en": "In development", "pt": "Em desenvolvimento"},
    "consolidated": {"es": "Consolidado", "en": "Consolidated", "pt": "Consolidado"},
    "target_met": {"es": "Meta alcanzada", "en": "Target met", "pt": "Meta alcançada"},
}
NOON = datetime(2024, 5, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def form_a():
    return open_workbook(FORM_A)


@pytest.fixture(scope="module")
def form_b():
    return open_workbook(FORM_B)


def session_a(form, lang=None):
    return FormSession(form, lang=lang, clock=lambda: NOON)


def session_b(form, lang=None, consent="si"):
    s = FormSession(form, lang=lang, clock=lambda: NOON)
    s.set("codigo", "R-001")
    if consent:
        s.set("consentimiento", consent)
    return s


def rate_area(s, area, levels):
    for i, level in enumerate(levels, start=1):
        s.set(f"area_{area}/{area}_{i}", level)


def rate_all(s, level):
    for area, n in AREAS.items():
        rate_area(s, area, [level] * n)


def answer_dim(s, dim, values):
    for i, value in enumerate(values, start=1):
        s.set(f"dim_{dim}/{dim}_{i}", value)


def fill_a_complete(s):
    """Every required answer of instrument A, consistent with its constraints."""
    for path, value in {
        "tipo_org": "opp_1", "producto": "cafe", "socios_mujeres": 40, "socios_hombres": 60,
        "evaluador": "Ana", "modalidad": "externa", "part_mujeres": 3, "part_hombres": 4,
        "part_otro": 1, "part_directivos": 2, "part_comites": 2, "part_personal": 1,
        "part_base": 3,
    }.items():
        s.set(path, value)
    rate_all(s, "3")
    for area in AREAS:
        s.set(f"prioridad_{area}", "media")


def fill_b_complete(s, likert="4", d1="si"):
    for path, value in {"rol": "productor", "genero": "mujer", "edad": "30_44",
                        "antiguedad": "6_10", "producto": "cacao", "personas_hogar": 5,
                        "D1": d1}.items():
        s.set(path, value)
    for dim in DIMS:
        answer_dim(s, dim, [likert] * 3)


# -- skip logic -----------------------------------------------------------------------------
def test_refused_consent_makes_every_later_group_irrelevant(form_b):
    s = session_b(form_b, consent=None)
    groups = ["perfil", "dim_B1", "dim_B2", "dim_B3", "dim_B4", "dim_B5", "dim_B6",
              "sostenibilidad"]
    later = [n.path for n in s.root.walk() if n.path.split("/")[0] in groups]
    assert len(later) > 25
    # before any answer the survey does not start either
    assert not any(s.node(p).relevant for p in later)
    s.set("consentimiento", "si")
    assert all(s.node(p).relevant for p in later if "producto_otro" not in p)
    assert not s.state("fin_sin_consentimiento").relevant
    s.set("sostenibilidad/D1", "si")
    s.set("consentimiento", "no")
    assert not any(s.node(p).relevant for p in later)
    assert s.state("fin_sin_consentimiento").relevant
    # a refusal ends the survey: only the code was required, so it can be finalized
    assert s.validate() == []
    # the hidden answer is kept (the consent may be corrected) but counts for nothing
    assert s.get("D1") == "si" and s.value("D1") == ""
    assert s.scores()["sust_D"].value is None


@pytest.mark.parametrize("which", ["a", "b"])
def test_other_product_asks_which(which, form_a, form_b):
    s = session_a(form_a) if which == "a" else session_b(form_b)
    assert not s.state("producto_otro").relevant
    s.set("producto", "otro")
    state = s.state("producto_otro")
    assert state.relevant and state.required and not state.valid
    s.set("producto_otro", "Panela")
    assert s.state("producto_otro").valid
    s.set("producto", "miel")
    assert not s.state("producto_otro").relevant
    assert s.value("producto_otro") == ""
    assert "producto_otro" not in {p.path.rsplit("/", 1)[-1] for p in s.validate()}


def test_workers_organization_note_in_a3(form_a):
    s = session_a(form_a)
    note = "area_A3/nota_A3_trabajadores"
    assert not s.state(note).relevant
    s.set("tipo_org", "org_trabajadores")
    assert s.state(note).relevant
    assert "trabajadores" in s.text(note).lower()
    s.set("tipo_org", "opp_2")
    assert not s.state(note).relevant


# -- constraints and messages in three languages ------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_household_size_constraint_message(lang, form_b):
    s = session_b(form_b, lang)
    s.set("personas_hogar", 40)
    state = s.state("personas_hogar")
    assert not state.valid and state.message == HOGAR_MESSAGE[lang]
    problems = s.validate()
    assert ("perfil/personas_hogar", "constraint", HOGAR_MESSAGE[lang]) in [
        (p.path, p.kind, p.message) for p in problems]
    for ok in (1, 30):
        s.set("personas_hogar", ok)
        assert s.state("personas_hogar").valid
    s.set("personas_hogar", 0)
    assert not s.state("personas_hogar").valid


@pytest.mark.parametrize("lang", LANGS)
def test_instrument_a_messages(lang, form_a):
    s = session_a(form_a, lang)
    assert s.state("A1_1").message == LEVEL_REQUIRED[lang]
    s.set("socios_mujeres", -1)
    assert s.state("socios_mujeres").message == NEGATIVE_MESSAGE[lang]
    s.set("fecha", "2024-05-03")  # the day after the session's clock
    fecha = s.state("fecha")
    assert not fecha.valid and fecha.message == FUTURE_MESSAGE[lang]
    s.set("fecha", "2024-05-02")
    assert s.state("fecha").valid


@pytest.mark.parametrize("lang", LANGS)
def test_participants_by_role_must_add_up_and_the_message_shows_the_total(lang, form_a):
    s = session_a(form_a, lang)
    for path, value in (("part_mujeres", 3), ("part_hombres", 4), ("part_otro", 1),
                        ("part_directivos", 2), ("part_comites", 2), ("part_personal", 1),
                        ("part_base", 1)):
        s.set(path, value)
    state = s.state("part_base")
    assert not state.valid
    # the message's ${part_total} shows the live total, as ODK Collect does
    assert "(8)" in state.message and "${" not in state.message
    s.set("part_base", 3)
    assert s.state("part_base").valid


def test_at_least_one_participant(form_a):
    s = session_a(form_a, "en")
    for path in ("part_mujeres", "part_hombres", "part_otro"):
        s.set(path, 0)
    assert s.state("part_otro").message.startswith("There must be at least one participant")
    s.set("part_otro", 1)
    assert s.state("part_otro").valid


def test_fecha_defaults_to_today(form_a):
    assert session_a(form_a).get("fecha") == "2024-05-02"


@pytest.mark.parametrize("lang", LANGS)
def test_labels_follow_the_form_language(lang, form_b):
    s = session_b(form_b, lang)
    expected = {"es": "Género", "en": "Gender", "pt": "Gênero"}[lang]
    assert s.text("genero") == expected
    assert s.choice_label(s.node("genero").element, "mujer") == {
        "es": "Mujer", "en": "Woman", "pt": "Mulher"}[lang]


# -- calculations ----------------------------------------------------------------------
def test_member_and_participant_totals(form_a):
    s = session_a(form_a)
    s.set("socios_mujeres", 120)
    assert s.value("socios_total") == ""  # XPath: '' + 120 is NaN, shown empty
    change = s.set("socios_hombres", 300)
    assert s.value("socios_total") == "420"
    assert change.writes["datos_org/socios_total"] == "420"
    assert s.text("nota_socios_total").endswith("420")
    s.set("socios_hombres", 280)
    assert s.value("socios_total") == "400"
    for path, value in (("part_mujeres", 5), ("part_hombres", 6), ("part_otro", 0)):
        s.set(path, value)
    assert s.value("part_total") == "11"
    s.set("socios_mujeres", None)
    assert s.value("socios_total") == ""


def test_a_complete_assessment_validates(form_a):
    s = session_a(form_a)
    fill_a_complete(s)
    assert s.validate() == []
    s.set("A2_3", "na")  # no Fairtrade premium: not applicable is an answer
    assert s.validate() == []
    s.set("A2_3", None)
    assert [(p.path, p.kind) for p in s.validate()] == [("area_A2/A2_3", "required")]


# -- scores of instrument A ------------------------------------------------------------
def test_area_mean_with_not_applicable(form_a):
    s = session_a(form_a)
    rate_area(s, "A1", ["3", "3", "4", "na"])
    a1 = s.scores()["A1"]
    # (mean(3, 3, 4) − 1) / 3 × 100 = (10/3 − 1) / 3 × 100 = 77.78
    assert a1.value == pytest.approx(700 / 9)
    assert round(a1.value, 1) == 77.8
    assert (a1.answered, a1.applicable) == (3, 3)


def test_all_three_is_66_7_and_in_development(form_a):
    s = session_a(form_a)
    rate_all(s, "3")
    scores = s.scores()
    for area in AREAS:
        assert scores[area].value == pytest.approx(200 / 3)
    ido = scores["IDO"]
    assert round(ido.value, 1) == 66.7
    assert ido.status == "ok" and ido.band == "developing" and ido.met_target is False


def test_area_needs_half_of_its_applicable_items(form_a):
    s = session_a(form_a)
    rate_area(s, "A1", ["4", "ns", "ns", "ns"])
    assert s.scores()["A1"].value is None  # 1 of 4 answered
    rate_area(s, "A1", ["4", "4", "ns", "ns"])
    assert s.scores()["A1"].value == pytest.approx(100.0)  # 2 of 4
    rate_area(s, "A1", ["na", "na", "na", "2"])
    assert s.scores()["A1"].value == pytest.approx(100 / 3)  # 1 of 1 applicable


def test_ido_with_six_valid_areas_is_partial(form_a):
    s = session_a(form_a)
    rate_all(s, "4")
    rate_area(s, "A7", ["ns"] * 5)
    scores = s.scores()
    assert scores["A7"].value is None
    ido = scores["IDO"]
    assert ido.value == pytest.approx(100.0) and ido.status == "partial"
    assert ido.band == "target_met"
    rate_area(s, "A6", ["ns"] * 4)
    assert s.scores()["IDO"].value is None  # 5 of 7 areas: insufficient data, never 0


def test_ido_mixed_areas_and_bands(form_a):
    s = session_a(form_a)
    rate_all(s, "1")
    assert s.scores()["IDO"].value == 0 and s.scores()["IDO"].band == "incipient"
    rate_all(s, "4")
    rate_area(s, "A1", ["3", "3", "4", "na"])  # 77.78
    rate_area(s, "A2", ["1", "2", "3", "4"])  # 50
    # (77.78 + 50 + 5 × 100) / 7 = 89.68
    ido = s.scores()["IDO"]
    assert ido.value == pytest.approx((700 / 9 + 50 + 500) / 7)
    assert ido.band == "target_met" and ido.met_target is True
    rate_area(s, "A3", ["1", "1", "1", "1"])
    ido = s.scores()["IDO"]  # (77.78 + 50 + 0 + 400) / 7 = 75.40
    assert round(ido.value, 1) == 75.4 and ido.band == "consolidated"


@pytest.mark.parametrize("lang", LANGS)
def test_band_labels_in_three_languages(lang, form_a):
    for band, labels in BAND_LABELS.items():
        assert pick_text(form_a.band_labels[band], lang, form_a.default_language) == labels[lang]


def test_irrelevant_answers_do_not_score(form_b):
    s = session_b(form_b)
    fill_b_complete(s)
    assert s.scores()["B1"].value == pytest.approx(75.0)
    s.set("consentimiento", "no")
    scores = s.scores()
    assert scores["B1"].value is None and scores["sust_C"].value is None


# -- scores of instrument B ------------------------------------------------------------
@pytest.mark.parametrize("d1, value, status", [
    ("si", 1, "ok"), ("en_parte", 0, "ok"), ("no", 0, "ok"), ("ns", None, "excluded")])
def test_sust_d(d1, value, status, form_b):
    s = session_b(form_b)
    s.set("D1", d1)
    sust = s.scores()["sust_D"]
    assert sust.value == value and sust.status == status


def test_sust_c_all_agree(form_b):
    s = session_b(form_b)
    fill_b_complete(s, likert="4")
    scores = s.scores()
    # each dimension (4 − 1) / 4 × 100 = 75; composite 75 ≥ 62.5 and lowest 75 ≥ 37.5
    assert scores["B_comp"].value == pytest.approx(75.0)
    assert scores["B_min"].value == pytest.approx(75.0)
    assert scores["sust_C"].value == 1


def test_sust_c_one_failing_dimension_breaks_it(form_b):
    s = session_b(form_b)
    fill_b_complete(s, likert="5")
    answer_dim(s, "B3", ["2", "2", "2"])  # 25
    scores = s.scores()
    assert scores["B_comp"].value == pytest.approx((5 * 100 + 25) / 6)  # 87.5
    assert scores["B_min"].value == pytest.approx(25.0)
    assert scores["sust_C"].value == 0


def test_sust_c_neutral_is_not_sustainable(form_b):
    s = session_b(form_b)
    fill_b_complete(s, likert="3")
    assert s.scores()["B_comp"].value == pytest.approx(50.0)
    assert s.scores()["sust_C"].value == 0


def test_dimension_needs_two_of_three_and_composite_five_of_six(form_b):
    s = session_b(form_b)
    fill_b_complete(s, likert="4")
    answer_dim(s, "B1", ["5", "5", "ns"])
    assert s.scores()["B1"].value == pytest.approx(100.0)  # 2 of 3 is enough
    answer_dim(s, "B1", ["5", "ns", "ns"])
    scores = s.scores()
    assert scores["B1"].value is None
    assert scores["B_comp"].value == pytest.approx(75.0) and scores["B_comp"].status == "partial"
    answer_dim(s, "B2", ["ns", "ns", "ns"])
    scores = s.scores()
    assert scores["B_comp"].value is None
    assert scores["sust_C"].value is None and scores["sust_C"].status == "excluded"


def test_b4_1_not_applicable(form_b):
    s = session_b(form_b)
    answer_dim(s, "B4", ["na", "4", "2"])
    b4 = s.scores()["B4"]
    # mean(4, 2) = 3 → (3 − 1) / 4 × 100 = 50, on 2 applicable items
    assert b4.value == pytest.approx(50.0) and (b4.answered, b4.applicable) == (2, 2)
    answer_dim(s, "B4", ["na", "4", "ns"])
    assert s.scores()["B4"].value is None  # 1 of 2 applicable < 0.67
    with pytest.raises(Exception):
        s.set("B1_1", "na")  # only B4.1 has the NA option


def test_b_complete_survey_validates(form_b):
    s = session_b(form_b)
    fill_b_complete(s)
    assert s.validate() == []


# -- forms try on the built-in form ----------------------------------------------------
def test_forms_try_json_on_the_livelihood_survey(tmp_path):
    answers = {"codigo": "R-9", "consentimiento": "si", "producto": "otro",
               "personas_hogar": 40, "D1": "si", "B4_1": "na", "B4_2": "4", "B4_3": "2"}
    (tmp_path / "a.json").write_text(json.dumps(answers), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["forms", "try", str(FORM_B), "--answers", str(tmp_path / "a.json"), "--json",
              "--lang", "pt"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["form_id"] == "medios_de_vida"
    fields = {f["path"]: f for f in data["fields"]}
    hogar = fields["perfil/personas_hogar"]
    assert hogar["value"] == "40" and not hogar["valid"]
    assert hogar["message"] == HOGAR_MESSAGE["pt"]
    assert fields["perfil/producto_otro"]["relevant"] and fields["perfil/producto_otro"]["required"]
    assert not fields["perfil/producto_otro"]["valid"]
    assert not fields["fin_sin_consentimiento"]["relevant"]
    scores = {s["name"]: s for s in data["scores"]}
    assert scores["sust_D"]["value"] == 1
    assert scores["B4"]["value"] == pytest.approx(50.0)
    assert scores["B1"]["value"] is None and scores["B1"]["status"] == "insufficient"
    assert scores["sust_D"]["label"] == "Meios de vida sustentáveis (regra D)"
    kinds = {(p["path"], p["kind"]) for p in data["problems"]}
    assert ("perfil/personas_hogar", "constraint") in kinds
    assert ("perfil/rol", "required") in kinds


def test_forms_try_json_band_of_the_development_index(tmp_path):
    answers = {f"{area}_{i}": "3" for area, n in AREAS.items() for i in range(1, n + 1)}
    (tmp_path / "a.json").write_text(json.dumps(answers), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["forms", "try", str(FORM_A), "--answers", str(tmp_path / "a.json"), "--json",
              "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ido = {s["name"]: s for s in json.loads(result.output)["scores"]}["IDO"]
    assert round(ido["value"], 1) == 66.7 and ido["band"] == "developing"
    assert ido["band_label"] == "In development"
    assert ido["label"] == "Organizational development index"


def test_forms_try_reports_a_bad_answer_without_traceback(tmp_path):
    (tmp_path / "a.json").write_text('{"personas_hogar": "muchas"}', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["forms", "try", str(FORM_B), "--answers", str(tmp_path / "a.json"), "--lang", "en"])
    assert result.exit_code == 1
    assert "personas_hogar" in result.output and "Traceback" not in result.output
