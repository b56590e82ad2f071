"""One widget per question type, each driven by keys and clicks, checked against what the
form session then holds; repeats added and removed (with confirmation)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from guidrive import click, focus, key, leave, pump, settle, shown, type_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xlsform_md import md_to_xlsx  # noqa: E402

pytestmark = pytest.mark.gui

FORM = """
| survey |
|  | type | name | label | appearance | constraint | constraint_message | parameters |
|  | text | nombre | Nombre |
|  | text | notas | Notas | multiline |
|  | integer | edad | Edad |  | . >= 18 | Debe ser mayor |
|  | decimal | area | Área (ha) |
|  | range | puntaje | Puntaje |  |  |  | start=0 end=10 step=2 |
|  | select_one color | color | Color | minimal |
|  | select_one pais | pais | País |
|  | select_multiple fruta | frutas | Frutas |
|  | rank fruta | orden | Orden |
|  | date | fecha | Fecha |
|  | time | hora | Hora |
|  | datetime | momento | Momento |
|  | geopoint | lugar | Lugar |
|  | image | foto | Foto |
|  | acknowledge | acepto | Acepto |
|  | note | resumen | **Hola** ${nombre} |
|  | begin repeat | hijos | Hijos |
|  | text | hijo | Nombre del hijo |
|  | end repeat |
|  | select_one sino or_other | sino | ¿Sí? |
| choices |
|  | list_name | name | label |
|  | color | rojo | Rojo |
|  | color | azul | Azul |
|  | fruta | mango | Mango |
|  | fruta | pina | Piña |
|  | fruta | uva | Uva |
|  | sino | si | Sí |
|  | sino | no | No |
{countries}
| settings |
|  | form_title | form_id | version |
|  | Todos los tipos | tipos | 1 |"""
COUNTRIES = ["Argentina", "Bolivia", "Brasil", "Chile", "Colombia", "Costa Rica", "Ecuador",
             "El Salvador", "Guatemala", "Honduras", "México", "Nicaragua", "Panamá", "Paraguay",
             "Perú"]


@pytest.fixture
def view(shell, tmp_path):
    from fieldapp.gui.opening import preview_workbook

    rows = "\n".join(f"| | pais | c{i} | {name} | | | | |" for i, name in enumerate(COUNTRIES))
    path = md_to_xlsx(FORM.replace("{countries}", rows), tmp_path / "tipos.xlsx")
    preview_workbook(shell, path)
    pump(shell.root, until=lambda: shell.form_view is not None or shell.reporter.shown)
    assert not shell.reporter.shown
    settle(shell.root)
    return shell.form_view


def _go(view, name: str):
    """Alt+→ until the page showing ``name``; its widget."""
    for _i in range(40):
        widget = view.page_view.widgets.get(name)
        if widget is not None:
            return widget
        key(view.page_view.area.inner, "Alt-Right")
    shown_errors = view.winfo_toplevel().report_callback_exception.shown
    raise AssertionError(f"no page shows {name}: {shown_errors}")


def _typed(widget, text: str, index: int = 0) -> None:
    entry = widget.inputs()[index]
    type_text(entry, text)
    leave(entry)


def test_every_widget_stores_what_is_entered(view, tmp_path):
    session = view.binding.session
    _typed(_go(view, "nombre"), "Rosa")
    notes = _go(view, "notas")
    assert notes.multiline
    type_text(notes.entry, "linea uno")
    leave(notes.entry)
    edad = _go(view, "edad")
    _typed(edad, "15")
    assert shown(edad.message) and "mayor" in edad.message.cget("text")
    key(view.page_view.area.inner, "Alt-Right")  # Next stops on the violated constraint
    assert view.page_view.widgets.get("edad") is edad
    edad.inputs()[0].delete(0, "end")
    _typed(edad, "30")
    area = _go(view, "area")
    _typed(area, "2,5")
    assert area.entry.get() == "2,5"  # shown with the Spanish decimal comma, stored as 2.5
    puntaje = _go(view, "puntaje")
    focus(puntaje.scale)
    key(puntaje.scale, "Right")  # the first press picks the start (0), the next one 2
    key(puntaje.scale, "Right")
    color = _go(view, "color")
    assert color.combo is not None  # minimal: a dropdown
    focus(color.combo)
    color.combo.set("Azul")
    color.combo.event_generate("<<ComboboxSelected>>")
    settle(view)
    pais = _go(view, "pais")
    assert pais.combo is not None  # 15 choices: a dropdown
    frutas = _go(view, "frutas")
    click(frutas.boxes[0])
    click(frutas.boxes[2])
    orden = _go(view, "orden")
    focus(orden.listbox)
    orden.listbox.selection_set(2)
    key(orden.listbox, "Control-Up")
    fecha = _go(view, "fecha")
    click(fecha.pick)  # the calendar opens; Enter picks the highlighted day
    popup = fecha.focus_get().winfo_toplevel()
    key(popup, "Right")
    key(popup, "Return")
    _typed(_go(view, "hora"), "14:30")
    momento = _go(view, "momento")
    type_text(momento.inputs()[0], "2024-05-01")
    type_text(momento.inputs()[1], "08:15")
    leave(momento.inputs()[1])
    lugar = _go(view, "lugar")
    type_text(lugar.entries[0], "95")
    assert "90" in lugar.range_note.cget("text")  # said at once, before leaving
    for _i in range(2):
        lugar.entries[0].event_generate("<BackSpace>")
    type_text(lugar.entries[0], "-12.05")
    type_text(lugar.entries[1], "-77.04")
    leave(lugar.entries[1])
    foto = _go(view, "foto")
    image = tmp_path / "finca.png"
    from PIL import Image

    Image.new("RGB", (640, 480), (30, 120, 60)).save(image)
    assert foto.attach_file(image)
    assert shown(foto.thumb)
    click(_go(view, "acepto").box)
    resumen = _go(view, "resumen")
    assert resumen.note_text() == "Hola Rosa"
    assert "bold" in resumen.text.tag_names("1.0")

    values = {name: session.get(name) for name in (
        "nombre", "notas", "edad", "area", "puntaje", "color", "frutas", "orden", "hora",
        "momento", "lugar", "foto", "acepto")}
    assert values == {
        "nombre": "Rosa", "notas": "linea uno", "edad": "30", "area": "2.5", "puntaje": "2",
        "color": "azul", "frutas": "mango uva", "orden": "mango uva pina", "hora": "14:30",
        "momento": session.get("momento"), "lugar": "-12.05 -77.04", "foto": "finca.png",
        "acepto": "OK"}
    assert session.get("momento").startswith("2024-05-01T08:15")
    assert session.get("fecha")  # picked in the calendar


def test_repeat_entries_are_added_counted_and_removed_with_confirmation(view):
    from fieldapp.gui.dialogs import open_dialogs

    session = view.binding.session
    _go(view, "acepto")
    for _i in range(10):
        if view.pages[view.current].kind == "repeat":
            break
        key(view.page_view.area.inner, "Alt-Right")
    page_view = view.page_view
    assert "0" in page_view.repeat_count_label.cget("text")
    click(page_view.add_button)
    hijo = view.page_view.widgets["hijos[1]/hijo"]
    _typed(hijo, "Luis")
    key(view.page_view.area.inner, "Alt-Left")
    click(view.page_view.add_button)
    _typed(view.page_view.widgets["hijos[2]/hijo"], "Eva")
    key(view.page_view.area.inner, "Alt-Left")
    key(view.page_view.area.inner, "Alt-Left")
    assert view.pages[view.current].kind == "repeat"
    assert "2" in view.page_view.repeat_count_label.cget("text")
    assert session.repeat_count("hijos") == 2
    click(view.page_view.repeat_buttons[0])  # remove entry 1: asks first
    dialog = open_dialogs()[-1]
    click(dialog.cancel_button)
    assert session.repeat_count("hijos") == 2
    click(view.page_view.repeat_buttons[0])
    click(open_dialogs()[-1].confirm_button)
    assert session.repeat_count("hijos") == 1
    assert session.get("hijos[1]/hijo") == "Eva"
    assert "1" in view.page_view.repeat_count_label.cget("text")


def test_or_other_offers_other(view):
    sino = _go(view, "sino")
    assert [r.cget("value") for r in sino.radios][-1] == "other"
    click(sino.radios[-1])
    assert view.binding.session.get("sino") == "other"
