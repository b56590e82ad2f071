"""The Reports screen (a batch with a progress bar, Cancel, open PDF/folder) and "Print
feedback report" from an organization on the home screen, in a real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from guidrive import click, close_app, pump, screenshot, start_app

pytestmark = pytest.mark.gui

ARTIFACTS = Path(__file__).resolve().parents[2] / "report-artifacts"
ITEMS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}


def _fill(path: Path) -> None:
    """A final assessment for both organizations of the seed, in round 2024."""
    from fieldapp.capture.fill import fill_submission
    from fieldapp.store import open_db

    answers: dict[str, object] = {
        "tipo_org": "opp_1", "producto": "cafe", "socios_mujeres": 10, "socios_hombres": 12,
        "fecha": "2024-05-14", "evaluador": "Ana Quispe", "modalidad": "externa",
        "part_mujeres": 3, "part_hombres": 4, "part_otro": 0, "part_directivos": 2,
        "part_comites": 1, "part_personal": 1, "part_base": 3}
    for area, n in ITEMS.items():
        answers.update({f"{area}_{i}": str(1 + (i % 4)) for i in range(1, n + 1)})
        answers[f"prioridad_{area}"] = "media"
    db = open_db(path)
    try:
        for org in ("coop1", "apic"):
            fill_submission(db, "desarrollo_organizacional", org_id=org, round_id="r2024",
                            answers=answers, finalize=True)
    finally:
        db.conn.close()


@pytest.fixture
def app(db_path, monkeypatch):
    from fieldapp.gui import reports

    _fill(db_path)
    opened: list[Path] = []
    monkeypatch.setattr(reports, "open_in_system", lambda path: opened.append(Path(path)))
    shell = start_app(db_path, "es")
    shell.opened = opened
    yield shell
    close_app(shell)


def _wait(screen) -> None:
    from fieldapp.gui.worker import busy_jobs

    pump(screen, until=lambda: screen.job is None and busy_jobs() == 0, timeout=120)
    pump(screen, 0.2)


def test_reports_screen_makes_a_batch_and_opens_it(app, tmp_path):
    from fieldapp.gui.reports import show_reports

    screen = show_reports(app)
    pump(screen, 0.1)
    assert set(screen.orgs.selection()) == {"coop1", "apic"}  # all chosen at first
    assert screen.round_box.get() == "2024" and screen.baseline_box.get() == "Línea base 2022"
    screen.folder.delete(0, "end")
    screen.folder.insert(0, str(tmp_path / "out"))
    screen.paper_box.current(1)  # Letter
    screen.lang_box.current(2)  # Português
    screenshot(app.root, ARTIFACTS / "gui-reports.png")
    click(screen.make_button)
    _wait(screen)
    written = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in written] == ["apic_r2024_pt.pdf", "coop1_r2024_pt.pdf"]
    assert float(screen.bar.cget("value")) == 100
    assert "2 PDF" in screen.status.cget("text")
    click(screen.open_pdf_button)
    click(screen.open_folder_button)
    assert app.opened == [screen.last_pdf, tmp_path / "out"]
    from fieldapp.reports.preferences import get_preferences

    assert get_preferences(app.db).paper == "letter"  # the paper chosen is remembered


def test_cancel_stops_the_batch(app, tmp_path):
    from fieldapp.gui.reports import show_reports

    screen = show_reports(app)
    screen.folder.delete(0, "end")
    screen.folder.insert(0, str(tmp_path))
    screen.make_button.invoke()  # no events pumped between: Cancel comes before the 2nd PDF
    assert str(screen.cancel_button.cget("state")) == "normal"
    screen.cancel_button.invoke()
    _wait(screen)
    assert "Cancelado." in screen.status.cget("text")
    assert len(list(tmp_path.glob("*.pdf"))) < 2
    assert str(screen.make_button.cget("state")) == "normal"


def test_network_report_from_the_screen(app, tmp_path):
    from fieldapp.gui.reports import show_reports

    screen = show_reports(app)
    screen.kind.set("network")
    screen.folder.delete(0, "end")
    screen.folder.insert(0, str(tmp_path))
    click(screen.make_button)
    _wait(screen)
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["network_r2024_es.pdf"]


def test_print_feedback_report_from_home(app, tmp_path, monkeypatch):
    from tkinter import filedialog

    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.worker import busy_jobs

    target = tmp_path / "informe.pdf"
    monkeypatch.setattr(filedialog, "asksaveasfilename", lambda **kw: str(target))
    home = app.screen
    home.org_tree.selection_set("coop1")
    pump(app.root, 0.1)
    click(home.print_button)
    pump(app.root, until=lambda: busy_jobs() == 0 and open_dialogs(), timeout=120)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    dialog = open_dialogs()[-1]
    assert str(target) in " ".join(
        w.cget("text") for w in dialog.body.winfo_children() if hasattr(w, "cget"))
    dialog.close()


def test_the_screen_chooses_files_like_the_others(app, tmp_path, monkeypatch):
    """The organizations are a shared table (several chosen, long names shortened with the
    whole name kept); the report folder and the logo are chosen in Tk's own dialogs, which
    start in the folder shown, else in the documents folder, and speak Spanish."""
    from fieldapp.gui.reports import show_reports
    from fieldapp.gui.tables import Table
    from guidrive import through_file_dialog

    documents = tmp_path / "Documentos"
    documents.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    screen = show_reports(app)
    pump(screen, 0.1)
    assert isinstance(screen.orgs, Table) and str(screen.orgs.cget("selectmode")) == "extended"
    assert screen.orgs.full_text("coop1", "name") == "Cooperativa Agraria Cafetalera Uno"
    assert screen.folder.get() == str(documents / "fieldapp-reports")
    seen = through_file_dialog(app.root, screen.folder_button.invoke, str(tmp_path / "pdfs"))
    assert seen["folder"] == str(documents)  # fieldapp-reports does not exist yet
    assert seen["title"] == "Guardar en"
    assert screen.folder.get() == str(tmp_path / "pdfs")
    (tmp_path / "pdfs").mkdir()
    seen = through_file_dialog(app.root, screen.folder_button.invoke)  # cancelled
    assert seen["folder"] == str(tmp_path / "pdfs") and screen.folder.get() == str(
        tmp_path / "pdfs")
    logo = documents / "logos" / "logo.png"
    logo.parent.mkdir()
    seen = through_file_dialog(app.root, screen.logo_button.invoke, str(logo))
    assert seen["folder"] == str(documents) and screen.logo.get() == str(logo)
    assert through_file_dialog(app.root, screen.logo_button.invoke)["folder"] == str(
        logo.parent)
