"""Hand-made report content for layout tests: the edge cases the reports issue names."""

from __future__ import annotations

from fieldapp.reports.content import (AreaNote, AreaRow, Change, CoopReport, GroupShare,
                                      ItemRow, Livelihood, Score, Share)

AREA_LABELS = ["Governance and internal democracy", "Administrative and financial management",
               "Sustainable production and environment", "Marketing and markets",
               "Member services and development", "Communication, advocacy and alliances",
               "Equity, inclusion and cross-cutting issues"]
BANDS = [(0.0, "Incipient"), (40.0, "In development"), (70.0, "Consolidated"),
         (85.0, "Target met")]
LONG_NAME = ("Cooperativa Agraria de Productores Orgánicos de Café, Cacao y Miel de la "
             "Cuenca Alta del Río Apurímac y Ene «Señor de los Milagros» Ltda. (Perú)")
LONG_NOTE = ("La asamblea se reunió dos veces; las actas están firmadas pero el seguimiento "
             "de acuerdos depende de la gerencia, que cambió en marzo. ") * 14


def coop(*, baseline: bool = True, livelihood: bool = True, long: bool = False,
         suppressed: bool = False, workers: bool = False) -> CoopReport:
    values = [72.2, 58.3, 91.7, 45.0, 66.7, 80.0, 33.3]
    base = [61.1, 50.0, 83.3, 50.0, 58.3, 66.7, 26.7]
    areas = []
    for i, (label, v, b) in enumerate(zip(AREA_LABELS, values, base), start=1):
        current = Score(v)
        if workers and i == 3:
            current = Score(None, "not_applicable")
        if i == 7 and suppressed:
            current = Score(None, "insufficient")
        row = AreaRow(f"A{i}", label, current, Score(b) if baseline else None,
                      (v - b) if baseline and current.value is not None else None)
        areas.append(row)
    items = [ItemRow("A3_1", "A3", "There is a member registry and a production record.", 4,
                     "internal control system", 3, 1),
             ItemRow("A6_3", "A6", "It takes part in networks and advocacy.", 4,
                     "leads advocacy", 3, 1)]
    weak = [ItemRow("A7_2", "A7", "Youth and generational renewal.", 1, "none", 2, -1),
            ItemRow("A4_3", "A4", "Production costs and prices are known.", 1, "no", 2, -1)]
    share = Share(7 / 9 * 100, 45.3, 93.7, 9, suppressed=True) if suppressed else \
        Share(62.5, 45.3, 77.1, 32)
    liv = Livelihood(
        share=share, baseline=Share(48.0, 30.0, 66.5, 25) if baseline else None,
        change=Change(14.5, -9.9, 36.2, 0.27, False) if baseline else None,
        yes_or_partly=Share(87.5, 71.9, 95.0, 32), rule_c=Share(40.6, 25.5, 57.7, 32),
        excluded=2, respondents=34,
        groups=[GroupShare("Women", Share(None, None, None, 7, True)),
                GroupShare("Men", Share(64.0, 44.5, 79.8, 25)),
                GroupShare("Producers", Share(62.5, 45.3, 77.1, 32))],
        dimensions=[AreaRow(f"B{i}", n, Score(50 + i * 4), Score(48 + i * 3) if baseline else None,
                            (2 + i) if baseline else None)
                    for i, n in enumerate(["Income", "Food security", "Health and housing",
                                           "Education", "Environment and climate",
                                           "Participation and organization"], start=1)],
        composite=Score(63.2))
    return CoopReport(
        org_id="COOP-1", org_name=LONG_NAME if long else "Cooperativa Cafetalera Montaña Verde",
        country="Peru", org_type="Workers' organization" if workers else "Cooperative",
        members=600, round_name="Seguimiento 2024",
        baseline_name="Línea base 2022" if baseline else None, assessed_on="2024-05-14",
        technicians=["María Quispe", "José Hernández"],
        index=Score(63.9), index_band="In development",
        index_baseline=Score(56.6) if baseline else None,
        index_baseline_band="In development" if baseline else "", target=85.0, bands=BANDS,
        areas=areas, strengths=items, weakest=weak, fallen=weak if baseline else [],
        notes=[AreaNote(f"A{i}", label, LONG_NOTE if long and i == 1 else
                        "Actas al día; falta seguimiento de acuerdos. ñ ã ç ≥",
                        "alta" if i % 2 else "media")
               for i, label in enumerate(AREA_LABELS, start=1)],
        livelihood=liv if livelihood else None)
