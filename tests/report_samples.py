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


def _table(round_name="Seguimiento 2024", scale=1.0):
    from fieldapp.analysis.results import (AreaRank, AssessmentRecord, AssessmentSummary,
                                           BaselineSource, Difference, Estimate,
                                           IndicatorRow, IndicatorTable, LivelihoodSummary,
                                           Note, RoundRef, Scope, Target)
    base = BaselineSource("round", "LB2022", "Línea base 2022", 2022)
    rows = [
        IndicatorRow("i1.1", "Mean organizational development index (organizations assessed)",
                     "desarrollo_organizacional", Estimate("mean", 66.4 * scale, 12, method="mean"),
                     Estimate("mean", 58.1, 12, method="mean"), base,
                     Difference(7.9, unit="points", n_panel=12), Target("at_least", 85.0, False)),
        IndicatorRow("i1.2", "% of organizations with an index ≥ 85%", "desarrollo_organizacional",
                     Estimate("share", 16.7, 12, x=2), Estimate("share", 8.3, 12, x=1), base,
                     Difference(8.4)),
        IndicatorRow("i2.1", "% of producers and workers who perceive their livelihood as "
                     "sustainable (rule D)", "medios_de_vida",
                     Estimate("share", 58.0, 100, x=58, low=48.2, high=67.2, method="stratified"),
                     Estimate("share", 45.0, 100, x=45, low=35.6, high=54.8), base,
                     Difference(13.0, low=-0.8, high=26.1, p_value=0.066, test="z",
                                significant=False),
                     Target("above_baseline"), notes=[Note("X", "weighted by members")]),
        IndicatorRow("i2.3", "i2.1 by gender", "medios_de_vida",
                     Estimate("share", None, 7, suppressed=True, reason="small_n"),
                     Estimate("share", 40.0, 30, low=24.6, high=57.7), base,
                     Difference(None, suppressed=True, reason="small_n"), group="gender",
                     category="mujer", category_label={"es": "Mujeres", "en": "Women",
                                                        "pt": "Mulheres"}),
        IndicatorRow("i2.3", "i2.1 by gender", "medios_de_vida",
                     Estimate("share", 61.0, 93, low=50.8, high=70.3),
                     Estimate("share", 46.0, 70, low=34.8, high=57.6), base,
                     Difference(15.0, low=0.1, high=28.9, p_value=0.04, test="z",
                                significant=True), group="gender", category="hombre",
                     category_label={"es": "Hombres", "en": "Men", "pt": "Homens"}),
    ]
    records = [AssessmentRecord(f"ORG-{i}", LONG_NAME if i == 0 else f"Cooperativa número {i}",
                                "PE", "cooperative", f"u{i}", "2024-05-01", "1", 50.0 + i * 3,
                                "ok", "developing") for i in range(12)]
    summary = AssessmentSummary(
        registered=14, assessed=12, complete=12, partial=1, members_registered=5000,
        members_covered=4300, bands={"incipient": 1, "developing": 6, "consolidated": 3,
                                     "target_met": 2},
        weakest_areas=[AreaRank(f"A{i}", {"es": AREA_LABELS[i - 1], "en": AREA_LABELS[i - 1],
                                          "pt": AREA_LABELS[i - 1]},
                                Estimate("mean", 40.0 + i * 5, 12)) for i in (7, 4, 2, 5, 1, 6, 3)],
        records=records)
    return IndicatorTable(RoundRef("R2024", round_name, 2024),
                          RoundRef("LB2022", "Línea base 2022", 2022), Scope(), rows, summary,
                          LivelihoodSummary(questionnaires=420, d1_no_answer=12))


def network():
    from fieldapp.reports.content import AnnexLine, NetworkReport
    table = _table()
    annex = [AnnexLine(r.org_id, r.org_name, "Perú", Score(r.index), "En desarrollo",
                       3.5 if i % 3 else None,
                       Share(55.0, 40.0, 70.0, 30) if i % 4 else Share(None, None, None, 8, True))
             for i, r in enumerate(table.assessment.records)]
    return NetworkReport(table, "CLAC network", [("Perú", _table()), ("México", _table())],
                         [("Cooperative", _table()), ("Workers' organization", _table())],
                         [("Incipient", 1), ("In development", 6), ("Consolidated", 3),
                          ("Target met", 2)], annex)
