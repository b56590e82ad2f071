"""Filling the built-in assessment in the real window, driven by keys, clicks and focus."""

from __future__ import annotations

import pytest
from guidrive import (answer, click, focus, key, leave, open_new, settle, shown, stored,
                      type_text)

pytestmark = pytest.mark.gui

AREAS = {"A1": 4, "A2": 4, "A3": 4, "A4": 4, "A5": 4, "A6": 4, "A7": 5}


def _next(view) -> None:
    """Enter in a field of the page goes to the next page."""
    fields = [w for w in view.page_view.widgets.values() if shown(w) and w.inputs()]
    target = fields[-1].inputs()[0] if fields else view.page_view.area.inner
    focus(target)
    before = view.current
    key(target, "Return")
    assert view.current > before


def _fill_general_pages(view) -> None:
    answer(view, "datos_org/tipo_org", "opp_1")
    answer(view, "datos_org/producto", "cafe")
    answer(view, "datos_org/socios_mujeres", "120")
    answer(view, "datos_org/socios_hombres", "300")
    _next(view)
    answer(view, "datos_eval/fecha", "2024-03-05")
    answer(view, "datos_eval/evaluador", "Ana Quispe")
    answer(view, "datos_eval/modalidad", "autoevaluacion")
    _next(view)
    for name, value in (("mujeres", "5"), ("hombres", "7"), ("otro", "0"), ("directivos", "3"),
                        ("comites", "2"), ("personal", "1"), ("base", "6")):
        answer(view, f"participantes/part_{name}", value)
    _next(view)
    _next(view)  # the note on the scale


def _fill_area(view, area: str, items: int, level: str) -> None:
    for i in range(1, items + 1):
        widget = view.page_view.widgets[f"area_{area}/{area}_{i}"]
        widget.focus_first()
        settle(view)
        key(view.focus_get(), level)  # type-to-pick: "4" chooses "4 · Consolidado …"
    answer(view, f"area_{area}/prioridad_{area}", "media")


def test_fill_assessment_end_to_end(shell, db_path):
    view = open_new(shell, "desarrollo_organizacional")
    assert view.current == 0
    _fill_general_pages(view)
    note = view.page_view.widgets  # the page after the scale note is A1
    assert "area_A1/A1_1" in note
    for area, items in AREAS.items():
        _fill_area(view, area, items, "4" if area != "A7" else "3")
        if area != "A7":
            _next(view)
    ido = view.scores.rows["IDO"]
    # six areas at 100 % and one at 66.7 %: 95.2 %, above the 85 % target
    assert ido["value"].cget("text").startswith("95,2")
    assert view.scores.session.scores()["IDO"].met_target
    # last page: Next says Finalize; it asks to confirm, then locks
    assert "Finaliz" in str(view.next_button.cget("text"))
    click(view.next_button)
    from fieldapp.gui.dialogs import open_dialogs

    dialog = open_dialogs()[-1]
    click(dialog.confirm_button)
    answers, status = stored(db_path, view.binding.uuid)
    assert status == "final"
    assert answers["datos_org/socios_hombres"] == "300"
    assert answers["area_A7/A7_5"] == "3"
    assert answers["area_A1/prioridad_A1"] == "media"
    assert answers["datos_eval/fecha"] == "2024-03-05"
    for dialog in open_dialogs():
        dialog.close()
    # the final submission is read-only: inputs disabled, typing stores nothing
    widget = view.page_view.widgets["area_A7/A7_1"]
    assert all(str(r.cget("state")) == "disabled" for r in widget.radios)
    assert shown(view.banner)
    assert not view.finalize_button.winfo_ismapped()


def test_skip_logic_hides_and_shows(shell):
    view = open_new(shell, "desarrollo_organizacional")
    other = view.page_view.widgets["datos_org/producto_otro"]
    assert not shown(other)
    answer(view, "datos_org/producto", "otro")
    assert shown(other)
    answer(view, "datos_org/producto", "cacao")
    assert not shown(other)
    # a live ${} note: the total of members follows what is typed
    answer(view, "datos_org/socios_mujeres", "12")
    answer(view, "datos_org/socios_hombres", "30")
    note = view.page_view.widgets["datos_org/nota_socios_total"]
    assert "42" in note.note_text()


def test_constraint_message_when_field_is_left(shell, db_path):
    view = open_new(shell, "desarrollo_organizacional")
    view.go_to_page(2)
    settle(view)
    for name, value in (("mujeres", "5"), ("hombres", "7"), ("otro", "0"), ("directivos", "3"),
                        ("comites", "2"), ("personal", "1")):
        answer(view, f"participantes/part_{name}", value)
    base = view.page_view.widgets["participantes/part_base"]
    entry = base.inputs()[0]
    type_text(entry, "5")  # 3 + 2 + 1 + 5 = 11, not the 12 participants
    assert not shown(base.message)  # not while typing
    leave(entry)
    assert shown(base.message)
    assert base.message.cget("text")  # the form's own constraint message
    focus(entry)
    entry.event_generate("<BackSpace>")
    type_text(entry, "6")
    leave(entry)
    assert not shown(base.message)
    answers, _status = stored(db_path, view.binding.uuid)
    assert answers["participantes/part_base"] == "6"


def test_numbers_refuse_letters_as_typed(shell):
    view = open_new(shell, "desarrollo_organizacional")
    widget = view.page_view.widgets["datos_org/socios_mujeres"]
    type_text(widget.inputs()[0], "1a2")
    assert widget.inputs()[0].get() == "12"


def test_finalize_refuses_while_answers_are_missing(shell, db_path):
    from fieldapp.gui.dialogs import open_dialogs

    view = open_new(shell, "desarrollo_organizacional")
    answer(view, "datos_org/tipo_org", "opp_1")
    view.page_view.widgets["datos_org/producto"].commit("")  # not prefilled: missing
    click(view.finalize_button)
    summary = open_dialogs()[-1]
    assert len(summary.links) > 30
    _answers, status = stored(db_path, view.binding.uuid)
    assert status == "draft"
    # a link goes to the page of the missing answer, where its message shows
    click(summary.links[0])
    assert not open_dialogs()
    assert view.current == 0
    missing = view.page_view.widgets["datos_org/producto"]
    assert shown(missing.message)
