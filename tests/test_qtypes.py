"""The one table of question types: every part of fieldapp reads the same answers from it."""

from __future__ import annotations

import pytest

from fieldapp.forms import columns, qtypes
from fieldapp.forms.answers import coerce
from fieldapp.forms.model import Question
from fieldapp.forms.qtypes import QUESTION_TYPES, question_type


def test_every_normalized_type_has_a_row():
    assert set(columns.TYPE_ALIASES.values()) <= set(QUESTION_TYPES)
    assert question_type("no_such_type").capture == qtypes.UNSUPPORTED
    assert qtypes.unsupported_reason("no_such_type") == qtypes.UNKNOWN_TYPE_REASON


def test_the_table_says_what_a_type_is():
    assert qtypes.is_select("select_one_external")  # the old answers table forgot it
    assert qtypes.is_multiple("rank") and not qtypes.is_multiple("select_one")
    assert qtypes.types_where(numeric=True) == {"integer", "decimal", "range"}
    assert qtypes.types_where(capture=qtypes.INPUT, file=True) == {"image", "audio", "video",
                                                                   "file"}
    assert question_type("select_multiple").export == qtypes.CHOICES
    assert question_type("geopoint").export == qtypes.GEOPOINT
    assert qtypes.GEOPOINT_PARTS == ("lat", "lon", "alt", "acc")
    assert question_type("image").export == qtypes.FILE_REFERENCE
    assert question_type("deviceid").context == "deviceid"


@pytest.mark.parametrize("kind, typed, stored", [
    ("integer", " 007 ", "7"),
    ("decimal", "3,5", "3.5"),
    ("select_multiple", "a b a", "a b"),
    ("rank", "b a", "b a"),
    ("geopoint", "-12.5, -77", "-12.5 -77"),
    ("geotrace", "1 2; 3 4", "1 2;3 4"),
    ("acknowledge", "sí", "OK"),
    ("text", " as typed ", "as typed"),
])
def test_answers_are_coerced_by_the_row_of_their_type(kind, typed, stored):
    question = Question(name="q", path="/q", type=kind)
    assert coerce(question, typed) == stored


def test_every_input_type_has_a_widget():
    pytest.importorskip("tkinter", reason="the GUI's widget table needs tkinter")
    from fieldapp.gui.widgets import _BY_TYPE

    assert qtypes.types_where(capture=qtypes.INPUT) <= set(_BY_TYPE)
