"""What must fit at 1366×768 in Spanish, English and Portuguese: the assessment's scores
(A7 included) without scrolling, a longer score list that says it scrolls, the form's title
beside its buttons, and the home lists' headers and times."""

from __future__ import annotations

import tkinter.font as tkfont
from datetime import datetime, timedelta

import pytest
from guidrive import answer, click, close_app, open_new, pump, settle, start_app

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
    from fieldapp.forms.pages import page_of
    from fieldapp.i18n import _

    shell = start_app(db_path, lang)
    try:
        view = open_new(shell, "desarrollo_organizacional")
        panel = view.scores
        # two answers of A7: its value reads "insufficient data", words on their own lines
        view.go_to_page(page_of(view.pages, "area_A7/A7_1"))
        for item, level in (("A7_1", "3"), ("A7_2", "4")):
            answer(view, f"area_A7/{item}", level)
        pump(shell.root, 0.2)
        assert panel.winfo_ismapped()
        value = panel.rows["A7"]["value"]
        assert value.cget("text") == _("insufficient data")
        font = tkfont.nametofont(str(value.cget("font")))
        for word in value.cget("text").split():
            assert font.measure(word) <= int(str(value.cget("wraplength"))), (lang, word)
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
        from fieldapp.formatting import list_time

        now = datetime(2026, 12, 31, 23, 59)
        width = int(home.sub_tree.column("updated", "width")) - 14
        for moment in (now - timedelta(days=300), now.replace(year=2025, month=11, day=28)):
            text = list_time(moment.isoformat(), now)
            assert home.sub_tree.font.measure(text) <= width, (lang, text)
        # the words that fill a column are whole too: statuses, organization types and the
        # longest country name of the demo
        from fieldapp import formatting
        from fieldapp.gui.home import SHORT_TYPES
        from fieldapp.i18n import _

        def fits(table, key, text):
            return table.font.measure(text) <= int(table.column(key, "width")) - 14

        for form_id in ("desarrollo_organizacional", "medios_de_vida"):
            title = formatting.short_title(form_id)
            assert fits(home.sub_tree, "form", title), (lang, title)
        for status in ("draft", "final"):
            assert fits(home.sub_tree, "status", formatting.status_label(status)), status
        assert fits(home.sub_tree, "status", formatting.status_label("final", deleted=True))
        for kind in SHORT_TYPES.values():
            assert fits(home.org_tree, "type", _(kind)), _(kind)
        assert fits(home.org_tree, "country", formatting.country_name("DO"))
        # the organization's line wraps rather than running off the window
        detail = home.org_detail
        assert detail.winfo_rootx() + detail.winfo_reqwidth() <= shell.root.winfo_width()
    finally:
        close_app(shell)


@pytest.mark.parametrize("lang, today, this_year, earlier", [
    ("es", "9:24", "28 nov 9:24", "28/11/25"),
    ("en", "9:24\u202fAM", "Nov 28 9:24\u202fAM", "11/28/25"),
    ("pt", "09:24", "28 de nov. 09:24", "28/11/2025"),
])
def test_list_times_are_short_and_in_the_language(lang, today, this_year, earlier,
                                                  monkeypatch):
    import time

    from fieldapp import i18n
    from fieldapp.formatting import list_time, when

    i18n.set_language(lang)
    try:
        now = datetime(2026, 11, 28, 17, 0)
        assert list_time("2026-11-28T09:24:00", now).replace(" ", "\u202f") == \
            today.replace(" ", "\u202f")
        assert list_time("2026-11-28T09:24:00", now + timedelta(days=3)).replace(
            "\u202f", " ") == this_year.replace("\u202f", " ")
        assert list_time("2025-11-28T09:24:00", now) == earlier
        assert list_time("", now) == "" and list_time("not a time", now) == "not a time"
        # the store writes UTC; a technician in Lima reads Lima's clock
        monkeypatch.setenv("TZ", "America/Lima")
        time.tzset()
        assert list_time("2026-11-28T14:24:00.000Z", now).replace(" ", "\u202f") == \
            today.replace(" ", "\u202f")
        shown = when("2026-11-28T14:24:00.000Z")
        assert "9:24" in shown and "14:24" not in shown and "26" in shown
    finally:
        i18n.set_language("en")
        monkeypatch.delenv("TZ", raising=False)
        time.tzset()


@pytest.mark.parametrize("lang", LANGS)
def test_the_export_dialog_shows_its_choices_whole(db_path, lang):
    """A form's title and the ways to write choice answers are not cut in their boxes."""
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.exportdata import open_export

    shell = start_app(db_path, lang)
    try:
        view = open_export(shell)
        settle(shell.root)
        boxes = [w for w in _descendants(view.dialog.window)
                 if w.winfo_class() == "TCombobox" and w.winfo_ismapped()]
        assert len(boxes) >= 3
        font = tkfont.nametofont("TkTextFont")
        for box in boxes:
            for value in shell.root.tk.splitlist(box.cget("values")):
                # the arrow takes about 30 pixels of the box
                assert font.measure(value) <= box.winfo_width() - 30, (lang, value)
        for dialog in open_dialogs():
            dialog.close()
    finally:
        close_app(shell)


def _descendants(widget):
    for child in widget.winfo_children():
        yield child
        yield from _descendants(child)


@pytest.mark.parametrize("lang", LANGS)
def test_every_list_heading_fits_its_column(db_path, lang):
    """Column headings of every list on every screen and dialog are whole (a heading cut to
    "Adicio" or "Em conf" tells nobody anything)."""
    from fieldapp.gui.backups import open_backups
    from fieldapp.gui.baselines import open_baselines
    from fieldapp.gui.conflicts import open_conflicts
    from fieldapp.gui.devices import open_devices
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.drafts import open_drafts
    from fieldapp.gui.orgs import open_organizations
    from fieldapp.gui.reports import show_reports
    from fieldapp.gui.rounds import open_rounds
    from fieldapp.gui.syncimport import open_sync_import

    shell = start_app(db_path, lang)
    font = tkfont.nametofont(shell.root.style.lookup("Treeview.Heading", "font")
                             or "TkHeadingFont")
    cut: list[str] = []

    def check(where: str) -> None:
        settle(shell.root)
        for tree in _descendants(shell.root):  # dialogs are the main window's children
            if tree.winfo_class() != "Treeview" or not tree.winfo_ismapped():
                continue
            for key in tree.cget("columns"):
                text = tree.heading(key, "text")
                if font.measure(text) + 12 > int(tree.column(key, "width")):
                    cut.append(f"{where}: {text}")
        for dialog in reversed(open_dialogs()):
            dialog.close()
        settle(shell.root)

    try:
        check("home")
        for name, opener in (("organizations", open_organizations), ("rounds", open_rounds),
                             ("drafts", open_drafts), ("baselines", open_baselines),
                             ("import bundles", open_sync_import), ("devices", open_devices),
                             ("conflicts", open_conflicts), ("backups", open_backups)):
            opener(shell)
            check(name)
        show_reports(shell)
        check("reports")
        assert cut == [], (lang, cut)
    finally:
        close_app(shell)


@pytest.mark.parametrize("lang", LANGS)
def test_the_organizations_dialog_shows_country_and_type_whole(db_path, lang):
    """Every organization type written out, and the longest country, without "…"."""
    from fieldapp import formatting
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.orgs import open_organizations
    from fieldapp.i18n import _
    from fieldapp.store.orgs import ORG_TYPES

    shell = start_app(db_path, lang)
    try:
        open_organizations(shell)
        settle(shell.root)
        table = open_dialogs()[-1].table
        width = {key: int(table.column(key, "width")) - 14 for key in ("country", "type")}
        for kind in ORG_TYPES.values():
            assert table.font.measure(_(kind)) <= width["type"], (lang, _(kind))
        assert table.font.measure(formatting.country_name("DO")) <= width["country"]
        for iid in table.get_children():
            for key in ("id", "country", "type"):
                assert table.set(iid, key) == table.full_text(iid, key)
        for dialog in open_dialogs():
            dialog.close()
    finally:
        close_app(shell)
