"""The livelihood survey's household roster in the real window (entries added, answered,
counted and stored), and a form in languages other than the interface's."""

from __future__ import annotations

import pytest
from guidrive import answer, click, key, leave, open_new, pump, settle, stored, type_text

from tests.xlsform_md import md_to_xlsx

pytestmark = pytest.mark.gui


def _page_of(view, kind: str, path: str) -> None:
    for index, page in enumerate(view.pages):
        if page.kind == kind and page.path == path:
            view.go_to_page(index)
            settle(view)
            return
    raise AssertionError(f"no {kind} page {path}")


def _go(view, path: str):
    """Alt+→ until the page showing ``path``."""
    for _i in range(10):
        if path in view.page_view.widgets:
            return
        key(view.page_view.area.inner, "Alt-Right")
    raise AssertionError(f"no page shows {path}")


def _entry(view, path: str, text: str) -> None:
    _go(view, path)
    entry = view.page_view.widgets[path].inputs()[0]
    type_text(entry, text)
    leave(entry)


def test_the_household_roster_is_filled_in_the_window(shell, db_path):
    view = open_new(shell, "medios_de_vida")
    answer(view, "codigo", "P-101")
    view.go_to_page(1)
    settle(shell.root)
    answer(view, "consentimiento", "si")
    session = view.binding.session
    session_set = view.binding.set
    session_set("perfil/personas_hogar", "2")
    _page_of(view, "repeat", "hogar")
    assert "0" in view.page_view.repeat_count_label.cget("text")
    for number, (age, sex) in enumerate((("41", "mujer"), ("9", "hombre")), start=1):
        click(view.page_view.add_button)
        _entry(view, f"hogar[{number}]/edad", age)
        _go(view, f"hogar[{number}]/sexo")
        answer(view, f"hogar[{number}]/sexo", sex)
        _page_of(view, "repeat", "hogar")
    assert "2" in view.page_view.repeat_count_label.cget("text")
    assert session.value("miembros") == "2" and session.value("menores") == "1"
    assert not session.state("nota_miembros").relevant
    answers, status = stored(db_path, view.binding.uuid)
    assert status == "draft"
    assert answers["hogar[1]/edad"] == "41" and answers["hogar[2]/sexo"] == "hombre"
    assert answers["miembros"] == "2"


MULTILINGUAL = """
| survey |
|        | type    | name  | label::Français (fr) | label::العربية (ar) | label::Luganda |
|        | integer | age   | Âge                  | العمر                | Emyaka          |
| settings |
|          | form_id | default_language |
|          | multi   | Français (fr)    |
"""


def test_any_language_of_a_form_can_be_chosen_in_the_window(shell, tmp_path):
    from fieldapp.gui.opening import preview_workbook

    preview_workbook(shell, md_to_xlsx(MULTILINGUAL, tmp_path / "multi.xlsx"))
    pump(shell.root, until=lambda: shell.form_view is not None or shell.reporter.shown)
    settle(shell.root)
    view = shell.form_view
    box = view.lang_box
    assert list(box.cget("values")) == ["Français (fr)", "العربية (ar)", "Luganda"]
    for name, label in (("العربية (ar)", "العمر"), ("Luganda", "Emyaka"), ("Français (fr)", "Âge")):
        box.set(name)
        box.event_generate("<<ComboboxSelected>>")
        settle(shell.root)
        assert view.binding.session.text("age") == label
        widget = view.page_view.widgets["age"]
        assert widget.label.cget("text") == label
        assert str(widget.label.cget("justify")) == ("right" if name.startswith("ال") else "left")
