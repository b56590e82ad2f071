"""Field widgets, one module per family; :func:`make_field` picks one for a question."""

from __future__ import annotations

import tkinter as tk

from fieldapp.forms.model import Question
from fieldapp.gui.widgets.base import FieldHost, FieldWidget
from fieldapp.gui.widgets.dates import DateTimeWidget, DateWidget, TimeWidget
from fieldapp.gui.widgets.display import AcknowledgeWidget, NoteWidget, UnsupportedWidget
from fieldapp.gui.widgets.geo import GeopointWidget, GeoTextWidget
from fieldapp.gui.widgets.media import MediaWidget
from fieldapp.gui.widgets.number import NumberWidget, RangeWidget
from fieldapp.gui.widgets.rank import RankWidget
from fieldapp.gui.widgets.select import SelectMultipleWidget, SelectOneWidget
from fieldapp.gui.widgets.text import TextWidget

_BY_TYPE: dict[str, type[FieldWidget]] = {
    "text": TextWidget,
    "barcode": TextWidget,
    "integer": NumberWidget,
    "decimal": NumberWidget,
    "range": RangeWidget,
    "select_one": SelectOneWidget,
    "select_one_from_file": SelectOneWidget,
    "select_multiple": SelectMultipleWidget,
    "select_multiple_from_file": SelectMultipleWidget,
    "rank": RankWidget,
    "date": DateWidget,
    "time": TimeWidget,
    "datetime": DateTimeWidget,
    "geopoint": GeopointWidget,
    "geotrace": GeoTextWidget,
    "geoshape": GeoTextWidget,
    "image": MediaWidget,
    "audio": MediaWidget,
    "video": MediaWidget,
    "file": MediaWidget,
    "acknowledge": AcknowledgeWidget,
    "note": NoteWidget,
}


def widget_class(question: Question) -> type[FieldWidget]:
    """The widget class that shows ``question``."""
    if question.capture == "unsupported":
        return UnsupportedWidget
    if question.capture == "display":
        return NoteWidget
    fallback = TextWidget if question.capture == "input" else UnsupportedWidget
    return _BY_TYPE.get(question.type, fallback)


def make_field(parent: tk.Misc, host: FieldHost, path: str, question: Question) -> FieldWidget:
    """A widget for the question at instance path ``path``."""
    return widget_class(question)(parent, host, path, question)


__all__ = ["FieldHost", "FieldWidget", "make_field", "widget_class"]
