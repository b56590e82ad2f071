"""XLSForm sheet and column names and type aliases (what each type is: ``forms/qtypes.py``)."""

from __future__ import annotations

import re

from fieldapp.i18n import N_

# Sheets
SURVEY = "survey"
CHOICES = "choices"
SETTINGS = "settings"

# Keys of pyxform's nested dict (the survey sheet's columns after pyxform's aliasing)
TYPE = "type"
NAME = "name"
LABEL = "label"
HINT = "hint"
BIND = "bind"
CONTROL = "control"
MEDIA = "media"
CHILDREN = "children"
CHOICE_FILTER = "choice_filter"
DEFAULT_VALUE = "default"
TRIGGER = "trigger"
PARAMETERS = "parameters"
ITEMSET = "itemset"
LIST_NAME = "list_name"
COLUMNS = "columns"  # the choices a ``begin loop over <list>`` runs over
RELEVANT = "relevant"
CONSTRAINT = "constraint"
REQUIRED = "required"
CALCULATE = "calculate"
READ_ONLY = "readonly"
CONSTRAINT_MESSAGE = "jr:constraintMsg"
REQUIRED_MESSAGE = "jr:requiredMsg"
PRELOAD = "jr:preload"
APPEARANCE = "appearance"
REPEAT_COUNT = "jr:count"

# Columns whose headers may carry a language: ``label::Español (es)``
TRANSLATABLE = frozenset(
    {LABEL, HINT, "guidance_hint", "constraint_message", "required_message",
     "jr:constraintMsg", "jr:requiredMsg", MEDIA, "image", "big-image", "audio", "video"}
)

# pyxform's yes/no spellings (``required``, ``read_only``)
YES = frozenset({"yes", "true", "true()"})
NO = frozenset({"no", "false", "false()"})

# Files a select_*_from_file may name (pyxform's EXTERNAL_INSTANCE_EXTENSIONS)
ITEMSET_FILE_SUFFIXES = (".csv", ".xml", ".geojson")

# Survey-sheet rows that open and close a group, repeat or loop (pyxform's RE_BEGIN_CONTROL)
BEGIN_CONTROL = re.compile(r"^begin[ _](group|repeat|loop|lgroup|looped group)\b", re.I)
END_CONTROL = re.compile(r"^end[ _](group|repeat|loop|lgroup|looped group)$", re.I)
OR_OTHER = re.compile(r"\s(or specify other|or_other|or other)$", re.I)
# Elements pyxform adds for a row, named after it: notes without a name, table-list labels
GENERATED_ROW_NAME = re.compile(
    r"^(?:generated_note_name|generated_table_list_label|reserved_name_for_field_list_labels)"
    r"_(\d+)$"
)
# A select with this appearance only shows its choices' labels (a table-list's header row)
LABEL_ONLY_APPEARANCE = "label"

GROUP_TYPES = {"group": "group", "repeat": "repeat", "loop": "group"}

# pyxform's type names (after its own aliasing) → fieldapp's normalized type
TYPE_ALIASES: dict[str, str] = {
    **dict.fromkeys(("text", "string", "add text prompt", "q string", "phone number"), "text"),
    **dict.fromkeys(
        ("integer", "int", "add integer prompt", "q int", "percentage",
         "number of days in last month", "number of days in last six months",
         "number of days in last year"),
        "integer",
    ),
    **dict.fromkeys(("decimal", "add decimal prompt", "q decimal"), "decimal"),
    "range": "range",
    **dict.fromkeys(
        ("select one", "select1", "select one using", "add select one prompt using", "q select1"),
        "select_one",
    ),
    **dict.fromkeys(
        ("select all that apply", "select all that apply from", "select multiple from",
         "select multiple using", "add select multiple prompt using", "q select"),
        "select_multiple",
    ),
    "select one external": "select_one_external",
    "rank": "rank",
    **dict.fromkeys(("note", "add note prompt", "q note"), "note"),
    **dict.fromkeys(("acknowledge", "add acknowledge prompt", "q acknowledge"), "acknowledge"),
    "trigger": "trigger",
    **dict.fromkeys(("date", "add date prompt", "q date"), "date"),
    "time": "time",
    **dict.fromkeys(
        ("datetime", "dateTime", "date time", "add date time prompt", "add dateTime prompt",
         "q dateTime", "q date time"),
        "datetime",
    ),
    **dict.fromkeys(
        ("geopoint", "gps", "location", "add location prompt", "q geopoint", "q location"),
        "geopoint",
    ),
    **dict.fromkeys(("geotrace", "q geotrace"), "geotrace"),
    **dict.fromkeys(("geoshape", "q geoshape"), "geoshape"),
    **dict.fromkeys(("barcode", "add barcode prompt", "q barcode"), "barcode"),
    **dict.fromkeys(
        ("photo", "image", "add image prompt", "add photo prompt", "q image", "q picture"),
        "image",
    ),
    **dict.fromkeys(("audio", "add audio prompt", "q audio"), "audio"),
    **dict.fromkeys(("video", "add video prompt", "q video"), "video"),
    **dict.fromkeys(("file", "add file prompt"), "file"),
    **dict.fromkeys(("calculate", "add calculate prompt", "q calculate"), "calculate"),
    "hidden": "hidden",
    **dict.fromkeys(("start", "start time", "get start time"), "start"),
    **dict.fromkeys(("end", "end time", "get end time"), "end"),
    **dict.fromkeys(("today", "get today"), "today"),
    **dict.fromkeys(
        ("deviceid", "device id", "get device id", "imei", "uri:deviceid"), "deviceid"
    ),
    **dict.fromkeys(("username", "uri:username"), "username"),
    **dict.fromkeys(("phonenumber", "get phone number", "uri:phonenumber"), "phonenumber"),
    **dict.fromkeys(("simserial", "sim id", "get sim id", "uri:simserial"), "simserial"),
    **dict.fromkeys(
        ("subscriberid", "subscriber id", "get subscriber id", "uri:subscriberid"), "subscriberid"
    ),
    **dict.fromkeys(("email", "uri:email"), "email"),
    "audit": "audit",
    "start-geopoint": "start-geopoint",
    "background-geopoint": "background-geopoint",
    "background-audio": "background-audio",
    "xml-external": "xml-external",
    "csv-external": "csv-external",
    "osm": "osm",
}

ENTITIES_IGNORED = N_("This form declares ODK entities; fieldapp ignores them.")

