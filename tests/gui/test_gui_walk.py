"""The technician's walk without stumbles: focus on the first question, pages counted over
what can still be shown, Next stopping on a violated constraint, summary links that land on
their field, the written-out date, finalize never the default, letters with shared first
letters, prefilled organization data, and lists whose cells are never cut silently."""

from __future__ import annotations

import pytest
from guidrive import (answer, click, close_app, focus, key, open_new, pump, settle, start_app,
                      stored, type_text)

pytestmark = pytest.mark.gui


def _focused_in(widget) -> bool:
    focused = widget.focus_get()
    return focused is not None and str(focused).startswith(str(widget))


def _visible(view, widget) -> bool:
    """Whether ``widget`` is inside the page's visible area (not scrolled off, not under
    the footer)."""
    area = view.page_view.area
    widget.update_idletasks()
    top = widget.winfo_rooty()
    bottom = top + widget.winfo_height()
    view_top = area.canvas.winfo_rooty()
    return top >= view_top - 2 and bottom <= view_top + area.canvas.winfo_height() + 2


def test_focus_starts_on_the_first_question_and_follows_page_changes(shell):
    view = open_new(shell, "medios_de_vida")
    first = view.page_view.widgets["codigo"]
    assert _focused_in(first)
    answer(view, "codigo", "P-001")
    view.next()
    settle(shell.root)
    assert _focused_in(view.page_view.widgets["consentimiento"])


def test_pages_count_those_the_consent_can_still_show(shell):
    view = open_new(shell, "medios_de_vida")
    answer(view, "codigo", "P-002")
    view.next()
    settle(shell.root)
    total = int(view.page_label.cget("text").split()[-1])
    assert total > 3  # not "Página 2 de 2" before the consent is answered
    assert view.next_button.cget("text") != "Finalizar…"
    answer(view, "consentimiento", "no")
    settle(shell.root)
    after = int(view.page_label.cget("text").split()[-1])
    assert after < total and after == len(view.relevant_pages())  # the form ends early


def test_next_stops_on_a_violated_constraint_and_focuses_it(shell):
    view = open_new(shell, "medios_de_vida")
    answer(view, "codigo", "P-003")
    view.next()
    answer(view, "consentimiento", "si")
    full = next(f for page in view.pages for f in page.fields if f.endswith("personas_hogar"))
    view.go_to_path(full)
    settle(shell.root)
    page = view.current
    widget = next(w for p, w in view.page_view.widgets.items() if p.endswith("personas_hogar"))
    answer(view, widget.path, "0")  # at least one person lives there
    view.next()
    settle(shell.root)
    assert view.current == page
    assert widget.message.cget("text")
    assert _focused_in(widget) and _visible(view, widget)
    answer(view, widget.path, "4")
    view.next()
    settle(shell.root)
    assert view.current != page  # empty required answers may wait until finalizing


def test_a_summary_link_shows_its_field_not_a_blank_page(shell):
    from fieldapp.gui.dialogs import open_dialogs

    view = open_new(shell, "medios_de_vida")
    answer(view, "codigo", "P-004")
    view.go_to_page(1)
    answer(view, "consentimiento", "si")
    view.go_to_page(len(view.pages) - 1)  # a long page, scrolled to its end
    settle(shell.root)
    view.page_view.area.canvas.yview_moveto(1.0)
    click(view.finalize_button)
    dialog = open_dialogs()[-1]
    link = next(l for l in dialog.links if "Página 2" in l.cget("text") or
                "Página 3" in l.cget("text"))
    click(link)
    pump(shell.root, 0.3)
    settle(shell.root)
    shown = [w for w in view.page_view.widgets.values() if w.winfo_manager()]
    assert shown and any(_visible(view, w) for w in shown)
    focused = [w for w in shown if _focused_in(w)]
    assert focused and _visible(view, focused[0])


def test_the_written_out_date_follows_what_is_typed(shell):
    view = open_new(shell, "desarrollo_organizacional")
    view.go_to_path("datos_eval/fecha")
    settle(shell.root)
    widget = view.page_view.widgets["datos_eval/fecha"]
    answer(view, "datos_eval/fecha", "2026-03-05")
    first = widget.spelled.cget("text")
    assert "2026" in first and "5" in first
    answer(view, "datos_eval/fecha", "2026-04-17")
    second = widget.spelled.cget("text")
    assert second != first and "17" in second


def test_enter_on_the_finalize_question_does_not_lock(shell, db_path):
    from fieldapp.capture.fill import fill_submission
    from fieldapp.gui.dialogs import open_dialogs
    from fieldapp.gui.finalize import start_finalize
    from fieldapp.store import open_db
    from test_gui_home import LIVELIHOOD

    answers = dict(LIVELIHOOD)
    db = open_db(db_path)
    uuid = fill_submission(db, "medios_de_vida", org_id="coop1", round_id="r2024",
                           answers=answers, respondent="P-005")
    db.conn.close()
    from fieldapp.gui.opening import open_submission

    open_submission(shell, uuid)
    pump(shell.root, until=lambda: shell.form_view is not None)
    view = shell.form_view
    start_finalize(view)
    settle(shell.root)
    dialog = open_dialogs()[-1]
    assert dialog.window.focus_get() is dialog.cancel_button
    dialog.cancel_button.event_generate("<Return>")
    settle(shell.root)
    assert not open_dialogs()
    assert stored(db_path, uuid)[1] == "draft"


def test_letters_shared_by_two_options_cycle_and_a_click_moves_focus(shell):
    from fieldapp.gui.widgets.select import SelectOneWidget

    view = open_new(shell, "medios_de_vida")
    answer(view, "codigo", "P-006")
    view.next()
    answer(view, "consentimiento", "si")
    for page in range(2, len(view.pages)):
        view.go_to_page(page)
        settle(shell.root)
        found = [w for w in view.page_view.widgets.values()
                 if isinstance(w, SelectOneWidget) and w.radios and
                 sum(1 for _n, label in w.choices if label[:1].lower() == "n") >= 2]
        if found:
            break
    widget = found[0]
    n_labels = [(name, label) for name, label in widget.choices if label[:1].lower() == "n"]
    radio = widget.radios[0]
    click(radio)
    assert radio.focus_get() is radio  # a click moves the keyboard there
    key(radio, "n")
    assert widget.var.get() == n_labels[0][0]
    focused = radio.focus_get()
    pump(shell.root, 1.0)  # a pause: the same letter again moves on
    key(focused, "n")
    assert widget.var.get() == n_labels[1][0]


def test_organization_data_prefills_the_assessment(shell, db_path):
    from fieldapp.store import open_db
    from fieldapp.store.orgs import update_organization

    db = open_db(db_path)
    update_organization(db, "coop1", products="café, miel", women=120, men=300)
    db.conn.close()
    shell.show_home()
    view = open_new(shell, "desarrollo_organizacional", org="coop1")
    answers, _status = stored(db_path, view.binding.uuid)
    assert answers["datos_org/tipo_org"] == "opp_1"
    assert answers["datos_org/producto"] == "cafe"
    assert answers["datos_org/socios_mujeres"] == "120"
    assert answers["datos_org/socios_hombres"] == "300"
    widget = view.page_view.widgets["datos_org/socios_mujeres"]
    assert widget.inputs()[0].get() == "120"


def test_list_cells_shorten_in_the_middle_and_widths_are_remembered(shell, db_path):
    from fieldapp.gui.tables import _load_widths

    from fieldapp.capture.fill import fill_submission
    from fieldapp.store import open_db
    from test_gui_home import LIVELIHOOD

    db = open_db(db_path)
    codes = ["COOPERATIVA-CAFETALERA-PE-2024-0017", "COOPERATIVA-CAFETALERA-PE-2024-0018"]
    for code in codes:
        fill_submission(db, "medios_de_vida", org_id="coop1", round_id="r2024",
                        answers={**LIVELIHOOD, "codigo": code}, respondent=code)
    db.conn.close()
    shell.show_home()
    home = shell.screen
    from guidrive import click_row

    click_row(home.org_tree, "coop1")
    tree = home.sub_tree
    shown = [tree.set(i, "who") for i in tree.get_children()]
    full = [tree.full_text(i, "who") for i in tree.get_children()]
    assert sorted(full) == sorted(codes)
    assert len(set(shown)) == 2  # told apart though shortened
    assert all(s == f or "…" in s for s, f in zip(shown, full))
    # a column dragged wider is remembered for the next start
    tree.column("status", width=140)
    x = sum(int(tree.column(k, "width")) for k in tree.keys[:3])
    tree.event_generate("<ButtonRelease-1>", x=x - 1, y=8)
    settle(shell.root)
    assert _load_widths()["home_submissions"]["status"] == 140
    shell.show_home()
    assert int(shell.screen.sub_tree.column("status", "width")) == 140


def test_rows_added_after_a_width_changes_are_fitted_to_the_new_width(shell):
    from fieldapp.gui.tables import Table

    window = ttk_toplevel(shell.root)
    long = "Cooperativa Agraria Cafetalera de Productores Orgánicos del Valle"
    wide = Table(window, [("name", "Name", 200), ("note", "Note", 100)], stretch="note")
    wide.column("name", width=wide.font.measure(long) + 40)
    settle(shell.root)
    table = wide
    table.add("a", (long, "ok"))
    assert table.set("a", "name") == long  # it fits
    table.column("name", width=120)  # set by the screen, no event from the user
    table.add("b", (long, "ok"))
    assert "…" in table.set("b", "name") and table.full_text("b", "name") == long
    assert table.font.measure(table.set("b", "name")) <= 120
    window.destroy()


def ttk_toplevel(root):
    import tkinter as tk

    return tk.Toplevel(root)


def test_final_answers_read_in_normal_contrast(shell):
    root = shell.root
    style = root.style
    fg = str(style.colors.fg)
    assert str(style.lookup("TRadiobutton", "foreground", ["disabled"])) == fg
    assert str(style.lookup("TEntry", "foreground", ["disabled"])) == fg
