"""Fictional demo data: organizations in five countries, a 2022 baseline and a 2024 round,
one development assessment per organization and round and 20–40 livelihood respondents each.

Generated with a fixed seed through the same capture path as real data, in one transaction;
loading it again into a database that has data changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from fieldapp.capture.fill import fill_submission
from fieldapp.store import atomic
from fieldapp.store.connection import Database
from fieldapp.store.identity import get_setting, set_setting, set_technician
from fieldapp.store.orgs import add_organization, list_organizations
from fieldapp.store.rounds import add_round, list_rounds

SEED = 2024
ASSESSMENT = "desarrollo_organizacional"
SURVEY = "medios_de_vida"

@dataclass(frozen=True, slots=True)
class DemoOrg:
    """A fictional organization and how it fares: capacity on the 1–4 maturity scale and
    wellbeing on the 1–5 Likert scale in 2022, and their change by 2024."""

    id: str
    name: str
    type: str
    country: str
    product: str
    women: int
    men: int
    capacity: float
    capacity_change: float
    wellbeing: float
    wellbeing_change: float


ORGANIZATIONS = [
    DemoOrg("COOCAFE-PE", "Cooperativa Agraria Cafetalera Valle Alto", "cooperative", "PE", "cafe",
            180, 420, 3.55, 0.15, 3.6, 0.20),
    DemoOrg("CACAO-DO", "Asociación de Cacaoteros del Cibao", "spo", "DO", "cacao",
            95, 160, 2.7, 0.45, 3.2, 0.35),
    DemoOrg("MIEL-MX", "Sociedad Cooperativa Apícola Maya", "cooperative", "MX", "miel",
            140, 110, 2.3, 0.50, 2.9, 0.30),
    DemoOrg("CAFE-HN", "Cooperativa Cafetalera Montaña Verde", "cooperative", "HN", "cafe",
            75, 310, 3.1, 0.25, 3.3, 0.15),
    DemoOrg("BANANO-EC", "Asociación de Pequeños Bananeros El Oro", "spo", "EC", "banano",
            40, 120, 2.9, 0.05, 3.0, 0.05),
    DemoOrg("SINTRA-CO", "Sindicato de Trabajadores Bananeros de Urabá", "workers_association", "CO", "banano",
            60, 380, 2.5, 0.30, 2.7, 0.25),
    DemoOrg("AZUCAR-PY", "Cooperativa Azucarera Guaraní", "cooperative", "PY", "azucar",
            210, 540, 3.3, 0.30, 3.4, 0.25),
    DemoOrg("CACAO-PE", "Cooperativa de Cacao Amazonas", "cooperative", "PE", "cacao",
            130, 290, 2.2, 0.60, 2.8, 0.45),
    DemoOrg("CAFE-MX", "Unión de Productores de Café Sierra Sur", "second_level", "MX", "cafe",
            600, 1100, 3.6, 0.20, 3.5, 0.10),
    DemoOrg("MIEL-HN", "Cooperativa Apícola Lempira", "spo", "HN", "miel",
            55, 45, 1.9, 0.35, 2.6, 0.20),
    DemoOrg("CAFE-CO", "Asociación de Caficultores del Cauca", "spo", "CO", "cafe",
            150, 260, 2.8, -0.15, 3.1, -0.10),
    DemoOrg("CACAO-EC", "Corporación de Cacaoteros de Manabí", "second_level", "EC", "cacao",
            320, 410, 3.75, 0.10, 3.7, 0.15),
]
# Hired workers per organization (the weight of their stratum, §5.5); one left unknown, as
# in real registries
WORKERS = {"COOCAFE-PE": 35, "CACAO-DO": 12, "MIEL-MX": 8, "CAFE-HN": 40, "SINTRA-CO": 440,
           "AZUCAR-PY": 120, "CACAO-PE": 15, "CAFE-MX": 90, "MIEL-HN": 4, "CAFE-CO": 25,
           "CACAO-EC": 60}
ROUNDS = [("LB2022", "Línea base 2022", 2022, True), ("R2024", "Seguimiento 2024", 2024, False)]
AREAS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}
DIMENSIONS = ["B1", "B2", "B3", "B4", "B5", "B6"]
ORG_KIND = {"cooperative": "opp_1", "spo": "opp_1", "second_level": "opp_2",
            "workers_association": "org_trabajadores"}
TECHNICIANS = ["María Quispe", "José Hernández", "Ana Lucía Torres", "Carlos Mejía"]


@dataclass(slots=True)
class DemoReport:
    """What ``load_demo`` did."""

    created: bool
    organizations: int = 0
    rounds: int = 0
    submissions: int = 0


def load_demo(db: Database, *, progress=None) -> DemoReport:
    """Fill an empty database with the demo data; a database with data is left as it is.

    :param progress: called as ``progress(done, total)`` while submissions are written.
    """
    if get_setting(db, "demo_loaded") or list_organizations(db) or list_rounds(db):
        return DemoReport(created=False)
    rng = random.Random(SEED)
    total = len(ORGANIZATIONS) * len(ROUNDS) * 31
    count = 0
    with atomic(db):
        if not get_setting(db, "technician"):
            set_technician(db, TECHNICIANS[0])
        for round_id, name, year, baseline in ROUNDS:
            add_round(db, id=round_id, name=name, year=year, baseline=baseline)
        for org in ORGANIZATIONS:
            add_organization(db, id=org.id, name=org.name, type=org.type, country=org.country,
                             products=org.product, women=org.women, men=org.men,
                             workers=WORKERS.get(org.id))
        for org in ORGANIZATIONS:
            for r, (round_id, _name, year, _b) in enumerate(ROUNDS):
                capacity = org.capacity + r * org.capacity_change
                fill_submission(db, ASSESSMENT, org_id=org.id, round_id=round_id,
                                answers=_assessment(rng, org, capacity, year), finalize=True)
                count += 1
                wellbeing = org.wellbeing + r * org.wellbeing_change
                for i in range(rng.randint(20, 40)):
                    answers = _respondent(rng, org, wellbeing, year, i + 1)
                    fill_submission(db, SURVEY, org_id=org.id, round_id=round_id,
                                    answers=answers, respondent=str(answers["codigo"]),
                                    finalize=True)
                    count += 1
                    if progress is not None:
                        progress(min(count, total), total)
        set_setting(db, "demo_loaded", "1")
    return DemoReport(True, len(ORGANIZATIONS), len(ROUNDS), count)


def _level(rng: random.Random, mean: float, spread: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.gauss(mean, spread))))


_AGES = {"18_29": (18, 29), "30_44": (30, 44), "45_59": (45, 59), "60_mas": (60, 85)}


def _roster(code: str, profile: dict) -> dict[str, object]:
    """The household roster (``hogar``): the respondent first, then the others. Drawn from
    its own generator, seeded by the respondent's code, so the rest of the demo stays as it
    was before the roster existed."""
    rng = random.Random(code)
    low, high = _AGES[str(profile["edad"])]
    sex = {"mujer": "mujer", "hombre": "hombre"}.get(str(profile["genero"])) or \
        rng.choice(["mujer", "hombre"])
    members = [(rng.randint(low, high), sex)]
    for _n in range(int(profile["personas_hogar"]) - 1):
        members.append((rng.choice([rng.randint(0, 17), rng.randint(0, 17), rng.randint(18, 80)]),
                        rng.choice(["mujer", "hombre"])))
    rows: dict[str, object] = {}
    for i, (age, sex) in enumerate(members, start=1):
        rows[f"hogar[{i}]/edad"] = age
        rows[f"hogar[{i}]/sexo"] = sex
    return rows


def _assessment(rng: random.Random, org: DemoOrg, capacity: float, year: int) -> dict:
    kind = org.type
    answers: dict[str, object] = {
        "tipo_org": ORG_KIND[kind], "producto": org.product,
        "socios_mujeres": org.women, "socios_hombres": org.men,
        "fecha": f"{year}-{rng.randint(3, 10):02d}-{rng.randint(1, 28):02d}",
        "evaluador": rng.choice(TECHNICIANS),
        "modalidad": rng.choice(["autoevaluacion", "autoevaluacion", "externa"]),
    }
    women_part, men_part = rng.randint(3, 12), rng.randint(4, 15)
    total = women_part + men_part
    leaders, committees, staff = rng.randint(2, 5), rng.randint(1, 4), rng.randint(0, 3)
    answers.update(part_mujeres=women_part, part_hombres=men_part, part_otro=0,
                   part_directivos=leaders, part_comites=committees, part_personal=staff,
                   part_base=total - leaders - committees - staff)
    area_bias = {area: rng.gauss(0, 0.35) for area in AREAS}
    for area, items in AREAS.items():
        for i in range(1, items + 1):
            field = f"{area}_{i}"
            if kind == "workers_association" and area == "A3" and i in (1, 2):
                answers[field] = "na"
            elif field == "A2_3" and rng.random() < 0.15:
                answers[field] = "na"
            elif rng.random() < 0.03:
                answers[field] = "ns"
            else:
                answers[field] = str(_level(rng, capacity + area_bias[area], 0.55, 1, 4))
        answers[f"prioridad_{area}"] = "alta" if area_bias[area] < -0.2 else \
            ("media" if area_bias[area] < 0.2 else "baja")
    return answers


def _respondent(rng: random.Random, org: DemoOrg, wellbeing: float, year: int,
                number: int) -> dict:
    answers: dict[str, object] = {"codigo": f"{org.id}-{year}-{number:03d}"}
    if rng.random() < 0.04:
        answers["consentimiento"] = "no"
        return answers
    worker = org.type == "workers_association" or rng.random() < 0.12
    answers.update(
        consentimiento="si", rol="trabajador" if worker else "productor",
        genero=rng.choices(["mujer", "hombre", "otro", "no_dice"], [42, 55, 1, 2])[0],
        edad=rng.choice(["18_29", "30_44", "30_44", "45_59", "45_59", "60_mas"]),
        antiguedad=rng.choice(["menos_2", "2_5", "6_10", "mas_10", "mas_10"]),
        producto=org.product, personas_hogar=_level(rng, 4.5, 1.8, 1, 12),
    )
    answers.update(_roster(str(answers["codigo"]), answers))
    person = rng.gauss(wellbeing, 0.45)
    dims = {}
    for d, dimension in enumerate(DIMENSIONS, start=1):
        bias = rng.gauss(0, 0.35) - (0.3 if dimension == "B5" else 0)
        values = []
        for i in range(1, 4):
            field = f"{dimension}_{i}"
            if field == "B4_1" and rng.random() < 0.2:
                answers[field] = "na"
            elif rng.random() < 0.03:
                answers[field] = "ns"
            else:
                value = _level(rng, person + bias, 0.7, 1, 5)
                values.append(value)
                answers[field] = str(value)
        dims[dimension] = sum(values) / len(values) if values else 3
    composite = sum(dims.values()) / len(dims)
    chance = max(0.05, min(0.95, (composite - 2.3) / 2.2))
    draw = rng.random()
    answers["D1"] = "ns" if draw > 0.97 else ("si" if draw < chance else
                                              rng.choice(["en_parte", "en_parte", "no"]))
    answers["D2"] = rng.choice(["mejor", "igual", "igual", "peor", "ns"])
    return answers
