"""The numbers printed in the reports equal the indicators' typed results: read back from
the PDFs (pdftotext) and compared with ``indicator_table`` written by ``fieldapp.formatting``,
for the demo data and for hand-made edge cases (no baseline, one respondent, every item not
applicable, a workers' organization, a very long name and long notes)."""

from __future__ import annotations

import re

import pytest

from pdfcheck import ink_outside_margins, text, to_png
from fieldapp import formatting as fmt
from fieldapp.analysis.indicators import indicator_table
from fieldapp.errors import ReportError
from fieldapp.reports.coop import write_coop_report
from fieldapp.reports.network import write_network_report
from fieldapp.reports.pages import MARGIN
from fieldapp.reports.sources import coop_report, network_report

AREAS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}
DIMENSIONS = ("B1", "B2", "B3", "B4", "B5", "B6")


def flat(path) -> str:
    """The PDF's text with runs of white space as one space (cells wrap over lines)."""
    return re.sub(r"\s+", " ", text(path))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from fieldapp.demo import load_demo
    from fieldapp.store.database import open_db

    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    load_demo(db)
    yield db
    db.close()


def norm(value: str) -> str:
    return re.sub(r"\s+", " ", value)


def pct(value, lang) -> str:
    return norm(fmt.percent(value, lang=lang))


def _suppressed(lang: str, n: int) -> str:
    return {"en": "insufficient n (n = {n})"}.get(lang, "n insuficiente (n = {n})").format(n=n)


def _share(value, low, high, lang) -> str:
    return f"{pct(value, lang)} [{fmt.number(low, lang=lang)}; {fmt.number(high, lang=lang)}]"


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_feedback_report_numbers_equal_the_indicators(demo_db, tmp_path, lang):
    org_id = "CACAO-DO"
    table = indicator_table(demo_db, "R2024", org_id=org_id)
    out = tmp_path / "coop.pdf"
    write_coop_report(coop_report(demo_db, org_id, "R2024", lang=lang), out, lang=lang)
    found = flat(out)
    index = table.row("i1.1")
    assert pct(index.current.value, lang) in found
    assert pct(index.baseline.value, lang) in found
    for letter in "abcdefg":
        row = table.row(f"i1.3{letter}")
        assert pct(row.current.value, lang) in found, row.code
        assert pct(row.baseline.value, lang) in found, row.code
    main = table.row("i2.1")
    assert _share(main.current.value, main.current.low, main.current.high, lang) in found
    assert _share(main.baseline.value, main.baseline.low, main.baseline.high, lang) in found
    diff = main.difference
    shown = fmt.number(abs(diff.value), lang=lang)
    assert f"{shown} pp" in found
    groups = [r for r in table.rows if r.group in ("gender", "role", "age") and r.current.n]
    assert groups
    for row in groups:
        if row.current.suppressed:
            assert _suppressed(lang, row.current.n) in found, row.category
        else:
            assert _share(row.current.value, row.current.low, row.current.high, lang) in found
    for row in table.rows:
        if row.code == "i2.5" and row.group == "dimension":
            assert pct(row.current.value, lang) in found
    to_png(out, f"demo-coop-{lang}")


def test_every_demo_organization_gets_a_report(demo_db, tmp_path):
    from fieldapp.reports.batch import write_coop_batch
    from fieldapp.store.orgs import list_organizations

    seen = []
    orgs = [o.id for o in list_organizations(demo_db)]
    result = write_coop_batch(demo_db, orgs, "R2024", tmp_path / "out", lang="es",
                              progress=lambda done, total: seen.append((done, total)))
    assert len(result.written) == len(orgs) and not result.skipped
    assert seen[0] == (0, len(orgs)) and seen[-1] == (len(orgs), len(orgs))
    from pypdf import PdfReader

    for path in result.written:
        assert len(PdfReader(path).pages) <= 6  # the "at most ~6 pages"
        table = indicator_table(demo_db, "R2024", org_id=path.name.split("_R2024")[0])
        assert pct(table.row("i1.1").current.value, "es") in flat(path)


def test_a_cancelled_batch_keeps_what_it_wrote(demo_db, tmp_path):
    from fieldapp.reports.batch import write_coop_batch

    written = []
    result = write_coop_batch(demo_db, ["CACAO-DO", "MIEL-MX", "CAFE-HN"], "R2024",
                              tmp_path, progress=lambda d, t: written.append(d),
                              cancelled=lambda: len(written) > 2)
    assert result.cancelled and len(result.written) == 2


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
def test_network_report_numbers_equal_the_indicators(demo_db, tmp_path, lang):
    table = indicator_table(demo_db, "R2024")
    out = tmp_path / "network.pdf"
    write_network_report(network_report(demo_db, "R2024", lang=lang), out, lang=lang)
    found = flat(out)
    for row in table.rows:
        est = row.current
        if est.value is None:
            continue
        if est.kind == "share" and est.low is not None:
            assert _share(est.value, est.low, est.high, lang) in found, (row.code, row.category)
        elif est.unit == "%":
            assert pct(est.value, lang) in found, row.code
    for record in table.assessment.records:
        assert record.org_name in found
        assert pct(record.index, lang) in found
    to_png(out, f"demo-network-{lang}")


def test_network_report_for_one_country(demo_db, tmp_path):
    out = tmp_path / "pe.pdf"
    content = network_report(demo_db, "R2024", country="PE", lang="es")
    write_network_report(content, out, lang="es", paper="letter")
    found = flat(out)
    assert "Perú" in found and "Cooperativa Agraria Cafetalera Valle Alto" in found
    assert "Asociación de Cacaoteros del Cibao" not in found  # Dominican Republic


# -- hand-made edge cases ---------------------------------------------------------------------

def _assessment(level: str = "3", **extra) -> dict:
    answers: dict[str, object] = {"tipo_org": "opp_1", "producto": "cafe", "socios_mujeres": 10,
                                  "socios_hombres": 12, "fecha": "2024-05-14",
                                  "evaluador": "Ana Lucía Torres", "modalidad": "externa",
                                  "part_mujeres": 3, "part_hombres": 4, "part_otro": 0,
                                  "part_directivos": 2, "part_comites": 1, "part_personal": 1,
                                  "part_base": 3}
    for area, items in AREAS.items():
        for i in range(1, items + 1):
            answers[f"{area}_{i}"] = level
        answers[f"prioridad_{area}"] = "alta"
    answers.update(extra)
    return answers


def _respondent(code: str, d1: str = "si") -> dict:
    answers: dict[str, object] = {"codigo": code, "consentimiento": "si", "rol": "productor",
                                  "genero": "mujer", "edad": "30_44", "antiguedad": "2_5",
                                  "producto": "cafe", "personas_hogar": 4, "D1": d1, "D2": "igual"}
    for d in DIMENSIONS:
        for i in range(1, 4):
            answers[f"{d}_{i}"] = "4"
    return answers


LONG_NAME = ("Cooperativa Agraria de Productores Orgánicos de Café, Cacao y Miel de la Cuenca "
             "Alta del Río Apurímac y Ene «Señor de los Milagros» Ltda., con sede en Pichari")
LONG_NOTE = ("Las actas de asamblea están firmadas y archivadas, pero el seguimiento de los "
             "acuerdos depende de la gerencia, que cambió dos veces en el año; la junta pidió "
             "un tablero de acuerdos con responsables y fechas. ") * 12


@pytest.fixture
def edge_db(db):
    from fieldapp.capture.fill import fill_submission
    from fieldapp.store.orgs import add_organization
    from fieldapp.store.rounds import add_round

    add_round(db, id="R2024", name="Seguimiento 2024", year=2024)
    add_organization(db, id="LONG", name=LONG_NAME, type="cooperative", country="PE",
                     women=40, men=60)
    add_organization(db, id="ONE", name="Cooperativa de una persona", type="spo", country="PE")
    add_organization(db, id="NA", name="Asociación todo no aplica", type="spo", country="BO")
    add_organization(db, id="WORK", name="Sindicato de Trabajadores Bananeros",
                     type="workers_association", country="CO")
    notes = {f"evidencias_{a}": LONG_NOTE for a in AREAS}
    fill_submission(db, "desarrollo_organizacional", org_id="LONG", round_id="R2024",
                    answers=_assessment("2", **notes), finalize=True)
    for i in range(12):
        fill_submission(db, "medios_de_vida", org_id="LONG", round_id="R2024",
                        answers=_respondent(f"L{i}", "si" if i % 3 else "no"),
                        respondent=f"L{i}", finalize=True)
    fill_submission(db, "medios_de_vida", org_id="ONE", round_id="R2024",
                    answers=_respondent("O1"), respondent="O1", finalize=True)
    fill_submission(db, "desarrollo_organizacional", org_id="NA", round_id="R2024",
                    answers=_assessment("na"), finalize=True)
    workers = _assessment("3", tipo_org="org_trabajadores",
                          **{f"A3_{i}": "na" for i in range(1, 5)})
    fill_submission(db, "desarrollo_organizacional", org_id="WORK", round_id="R2024",
                    answers=workers, finalize=True)
    return db


def _render(db, org_id, tmp_path, lang="es", paper="a4"):
    out = tmp_path / f"{org_id}-{lang}-{paper}.pdf"
    pages = write_coop_report(coop_report(db, org_id, "R2024", lang=lang), out, lang=lang,
                              paper=paper)
    return out, pages


@pytest.mark.parametrize("lang", ["es", "en", "pt"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_name_and_long_notes_wrap_inside_the_page(edge_db, tmp_path, lang, paper):
    out, pages = _render(edge_db, "LONG", tmp_path, lang, paper)
    assert 6 <= pages <= 14  # seven very long notes take pages of their own; none is cut
    found = flat(out)
    assert found.count("tablero de acuerdos con responsables") == 7 * 12
    for word in LONG_NAME.split():
        assert word in found
    for png in to_png(out, f"edge-long-{lang}-{paper}", dpi=50):
        assert ink_outside_margins(png, margin_pt=MARGIN, dpi=50, footer_pt=MARGIN) == 0, png


def test_no_baseline_round(edge_db, tmp_path):
    out, _pages = _render(edge_db, "LONG", tmp_path, "en")
    found = flat(out)
    assert "There is no baseline round to compare with yet." in found
    table = indicator_table(edge_db, "R2024", org_id="LONG")
    share = table.row("i2.1").current
    assert _share(share.value, share.low, share.high, "en") in found


def test_one_respondent_is_suppressed_not_shown(edge_db, tmp_path):
    out, _pages = _render(edge_db, "ONE", tmp_path, "es")
    found = flat(out)
    assert "n insuficiente (n = 1)" in found
    assert "100,0 %" not in found.split("Cómo ven sus medios de vida")[1].split("Todas las")[0]
    assert "En esta ronda no hay evaluación de desarrollo" in found


def test_every_item_not_applicable(edge_db, tmp_path):
    out, _pages = _render(edge_db, "NA", tmp_path, "es")
    found = flat(out)
    assert found.count("no aplica") >= 7


def test_workers_organization(edge_db, tmp_path):
    out, _pages = _render(edge_db, "WORK", tmp_path, "es")
    found = flat(out)
    table = indicator_table(edge_db, "R2024", org_id="WORK")
    assert pct(table.row("i1.1").current.value, "es") in found
    area = found.split("Las siete áreas")[2] if found.count("Las siete áreas") > 1 else found
    assert "A3 Producción sostenible y ambiente no aplica" in area


def test_nothing_to_report_is_a_clear_error(edge_db):
    from fieldapp.store.orgs import add_organization

    add_organization(edge_db, id="EMPTY", name="Sin datos", type="spo", country="PE")
    with pytest.raises(ReportError) as caught:
        coop_report(edge_db, "EMPTY", "R2024")
    assert caught.value.code == "REPORT_004"


def test_breakdown_tables_equal_the_indicator_tables_of_each_country_and_type(demo_db):
    """The network report's headline rows per country and type (one read of the rows) are
    the same figures as ``indicator_table`` for that country or type."""
    from fieldapp.analysis.breakdowns import HEADLINE, headline_tables
    from fieldapp.store.orgs import list_organizations

    whole = indicator_table(demo_db, "R2024")
    orgs = list_organizations(demo_db)
    for level, attr, option in (("country", "country", "country"), ("type", "type", "org_type_")):
        groups: dict = {}
        for org in orgs:
            groups.setdefault(getattr(org, attr), {})[org.id] = org
        found = headline_tables(demo_db, whole.round, whole.baseline, groups, level=level)
        for key, table in found.items():
            alone = indicator_table(demo_db, "R2024", **{option: key})
            assert table.assessment.assessed == alone.assessment.assessed
            for code in HEADLINE:
                mine, theirs = table.row(code), alone.row(code)
                assert mine.current.as_dict() == theirs.current.as_dict(), (key, code)
                assert (mine.baseline.as_dict() if mine.baseline else None) == \
                    (theirs.baseline.as_dict() if theirs.baseline else None), (key, code)
                if code == "i2.1":
                    assert mine.difference.as_dict() == theirs.difference.as_dict(), key
