"""What must fit at 1366×768 in Spanish, English and Portuguese: the assessment's scores
(A7 included) without scrolling, a longer score list that says it scrolls, the form's title
beside its buttons, and the home lists' headers and times."""

from __future__ import annotations

import tkinter.font as tkfont
from datetime import datetime, timedelta

import pytest
from guidrive import click, close_app, open_new, pump, settle, start_app

pytestmark = pytest.mark.gui

LANGS = ["es", "en", "pt"]


def _bottom_inside(widget, area) -> bool:
    """Whether ``widget`` (in a scroll area) is wholly inside the visible part."""
    widget.update_idletasks()
    top = widget.winfo_rooty() - area.canvas.winfo_rooty()
    return top >= 0 and top + widget.winfo_height() <= area.canvas.winfo_height()


def _header_fits(view) -> None:
    """The title and subtitle end before the header's buttons start."""
    view.update_idletasks()
    buttons = view.finalize_button.master
    for label in (view.title_label, view.subtitle_label):
        assert label.winfo_width() >= label.winfo_reqwidth()
        assert label.winfo_rootx() + label.winfo_reqwidth() <= buttons.winfo_rootx(), \
            label.cget("text")


@pytest.mark.parametrize("lang", LANGS)
def test_every_score_of_the_assessment_shows_without_scrolling(db_path, lang):
    shell = start_app(db_path, lang)
    try:
        view = open_new(shell, "desarrollo_organizacional")
        panel = view.scores
        pump(shell.root, 0.2)
        assert panel.winfo_ismapped()
        rows = [panel.rows[s.name] for s in view.binding.session.form.scores]
        assert len(rows) == 8  # the index and the areas A1 … A7
        for row in rows:
            for widget in row.values():
                if hasattr(widget, "winfo_ismapped") and widget.winfo_ismapped():
                    assert _bottom_inside(widget, panel.area), (lang, widget)
        assert not panel.more.winfo_ismapped()  # nothing out of sight, nothing to say
        _header_fits(view)
        click(view.close_button)
        # the survey's ten scores are more than the panel holds: it says so, and scrolls
        view = open_new(shell, "medios_de_vida")
        panel = view.scores
        pump(shell.root, 0.2)
        area = panel.area
        if area.inner.winfo_reqheight() > area.canvas.winfo_height():
            assert panel.more.winfo_ismapped()
            assert panel.more.cget("text").startswith("▾")
            click(panel.more)
            assert area.canvas.yview()[0] > 0
            area.canvas.yview_moveto(1)
            settle(shell.root)
            assert not panel.more.winfo_ismapped()  # at the end: nothing more below
        _header_fits(view)
    finally:
        close_app(shell)


@pytest.mark.parametrize("lang", LANGS)
def test_home_list_headers_and_times_fit_their_columns(db_path, lang):
    from fieldapp.capture.fill import fill_submission
    from fieldapp.store import open_db

    db = open_db(db_path)
    fill_submission(db, "medios_de_vida", org_id="coop1", round_id="r2024",
                    answers={"codigo": "COOP1-2024-0017"}, respondent="COOP1-2024-0017")
    db.conn.close()
    shell = start_app(db_path, lang)
    try:
        home = shell.screen
        from guidrive import click_row

        click_row(home.org_tree, "coop1")
        style = shell.root.style
        font = tkfont.nametofont(style.lookup("Treeview.Heading", "font") or "TkHeadingFont")
        for table in (home.org_tree, home.sub_tree):
            for key in table.keys:
                text = table.heading(key, "text")
                assert font.measure(text) + 12 <= int(table.column(key, "width")), (lang, text)
        (iid,) = home.sub_tree.get_children()
        # today's change reads as the time alone, whole in its column
        assert home.sub_tree.set(iid, "updated") == home.sub_tree.full_text(iid, "updated")
        assert "…" not in home.sub_tree.set(iid, "updated")
        # and the longest forms a list time takes (this year, earlier years) fit too
        from fieldapp.gui.tables import list_time

        now = datetime(2026, 12, 31, 23, 59)
        width = int(home.sub_tree.column("updated", "width")) - 14
        for moment in (now - timedelta(days=300), now.replace(year=2025, month=11, day=28)):
            text = list_time(moment.isoformat(), now)
            assert home.sub_tree.font.measure(text) <= width, (lang, text)
    finally:
        close_app(shell)


@pytest.mark.parametrize("lang, today, this_year, earlier", [
    ("es", "9:24", "28 nov 9:24", "28/11/25"),
    ("en", "9:24\u202fAM", "Nov 28 9:24\u202fAM", "11/28/25"),
    ("pt", "09:24", "28 de nov. 09:24", "28/11/2025"),
])
def test_list_times_are_short_and_in_the_language(lang, today, this_year, earlier):
    from fieldapp import i18n
    from fieldapp.gui.tables import list_time

    i18n.set_language(lang)
    try:
        now = datetime(2026, 11, 28, 17, 0)
        assert list_time("2026-11-28T09:24:00", now).replace(" ", "\u202f") == \
            today.replace(" ", "\u202f")
        assert list_time("2026-11-28T09:24:00", now + timedelta(days=3)).replace(
            "\u202f", " ") == this_year.replace("\u202f", " ")
        assert list_time("2025-11-28T09:24:00", now) == earlier
        assert list_time("", now) == "" and list_time("not a time", now) == "not a time"
    finally:
        i18n.set_language("en")
