"""The interface catalogs: every marked string translated, placeholders kept, fallbacks safe."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from fieldapp import i18n
from fieldapp.errors import MESSAGES, FormError

ROOT = Path(__file__).resolve().parents[1]
FIX = "run '.venv/bin/python tools/i18n.py update', translate the new entries, then 'check'"


def _load_tool():
    """tools/i18n.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("fieldapp_i18n_tool", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
LANGUAGES = [language.code for language in tool.LANGUAGES]


@pytest.fixture(scope="module")
def template():
    """A fresh extraction of fieldapp/ (in memory: the shipped .pot is not trusted)."""
    return tool.extract_catalog()


@pytest.fixture(scope="module", params=tool.LANGUAGES, ids=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture(scope="module")
def catalog(language):
    with tool.po_path(language.code).open("rb") as f:
        return read_po(f, locale=language.locale)


@pytest.fixture
def interface():
    """Lets a test switch the interface language, and restores the previous one."""
    previous = i18n.current_language()
    yield i18n.set_language
    i18n.set_language(previous)


def test_extraction_finds_every_kind_of_marked_string(template):
    ids = {message.id for message in template}
    assert set(MESSAGES.values()) <= ids  # N_() at import time, in errors.py
    assert "sheet '{sheet}'" in ids  # _() in errors.py
    assert ("{n} entry", "{n} entries") in ids  # ngettext, with its plural
    assert any(loc.startswith("fieldapp/gui/") for m in template for loc, _line in m.locations)


def test_every_source_msgid_is_in_the_catalog_and_translated(template, catalog, language):
    missing, untranslated, fuzzy = [], [], []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id)
        if entry is None:
            missing.append(message.id)
        elif entry.fuzzy:
            fuzzy.append(message.id)
        elif not all(entry.string if isinstance(entry.string, tuple) else (entry.string,)):
            untranslated.append(message.id)
    assert not missing, f"{language.code}: not in the catalog ({FIX}): {missing}"
    assert not fuzzy, f"{language.code}: fuzzy, check and unflag ({FIX}): {fuzzy}"
    assert not untranslated, f"{language.code}: untranslated ({FIX}): {untranslated}"


def test_the_catalog_has_no_stale_entries_and_the_right_plural_forms(template, catalog, language):
    stale = {m.id for m in catalog if m.id} - {m.id for m in template if m.id}
    assert not stale, f"{language.code}: no longer in the source ({FIX}): {stale}"
    assert catalog.plural_forms == language.plural_forms
    assert catalog.num_plurals == 2


def test_every_translation_keeps_the_placeholders_of_its_msgid(catalog, language):
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # plural form i follows msgid i (a singular may leave out the count: "1 was given")
        wrong += [(ids[min(i, len(ids) - 1)], text) for i, text in enumerate(strings)
                  if tool.placeholders(text) != tool.placeholders(ids[min(i, len(ids) - 1)])]
    assert not wrong, f"{language.code}: placeholders differ: {wrong}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Row {row} of '{sheet}'", {"{row}": 1, "{sheet}": 1}),
        ("target {target:g}", {"{target:g}": 1}),
        ("'${{{ref}}}' is unknown", {"{{": 1, "{ref}": 1, "}}": 1}),  # {{ }}: literal braces
        ("{n} of {n}", {"{n}": 2}),
        ("'${' is not closed with '}'", {"{": 1, "}": 1}),  # never formatted: braces as such
        ("No placeholder", {}),
    ],
)
def test_placeholders(text, expected):
    assert tool.placeholders(text) == expected


def test_a_dropped_or_renamed_placeholder_is_caught():
    assert tool.placeholders("Fila {rows}") != tool.placeholders("Row {row}")
    assert tool.placeholders("Fila") != tool.placeholders("Row {row}")
    assert tool.placeholders("'${ref}' no existe") != tool.placeholders("'${{{ref}}}' unknown")


def test_the_check_command_passes():
    assert tool.main(["check"]) == 0, FIX


def test_spanish_interface(interface):
    assert interface("es") == "es"
    assert i18n._("Cancel") == "Cancelar"
    assert i18n.ngettext("{n} entry", "{n} entries", 1) == "{n} entrada"
    assert i18n.ngettext("{n} entry", "{n} entries", 0) == "{n} entradas"


def test_brazilian_portuguese_counts_zero_as_singular(interface):
    interface("pt")
    assert i18n._("Cancel") == "Cancelar"
    assert i18n.ngettext("{n} entry", "{n} entries", 0) == "{n} entrada"
    assert i18n.ngettext("{n} entry", "{n} entries", 2) == "{n} entradas"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ("x.xlsx, hoja 'survey', fila 3, columna 'type': ", "El libro no tiene")),
        ("pt", ("x.xlsx, planilha 'survey', linha 3, coluna 'type': ", "O arquivo não tem")),
        ("en", ("x.xlsx, sheet 'survey', row 3, column 'type': ", "The workbook has no")),
    ],
)
def test_an_error_reads_in_the_interface_language_with_its_location(interface, lang, words):
    error = FormError("FORM_004", path="x.xlsx", sheet="survey", row=3, column="type")
    interface(lang)
    where, what = words
    assert str(error).startswith(where + what)
    assert error.as_dict()["message"].startswith(what)


def test_an_error_raised_in_one_language_reads_right_in_another(interface):
    interface("en")
    error = FormError("FORM_005", field="q1", path="f.xlsx", sheet="survey", row=7)
    interface("es")
    assert str(error) == ("f.xlsx, hoja 'survey', fila 7: El nombre 'q1' se usa dos veces. "
                          "Cada pregunta y cada grupo necesita un nombre propio.")


def test_an_unknown_language_falls_back_to_spanish(interface):
    assert interface("xx") == "es"
    assert i18n.current_language() == "es"
    assert i18n._("Cancel") == "Cancelar"


# A copy of the package with a locale folder of its own, run in a child process: the real
# catalogs are never touched, and fieldapp.i18n finds the broken files the way it finds real ones.
PROBE = """
import sys
from pathlib import Path
from fieldapp import i18n
assert Path(i18n.__file__).is_relative_to(Path.cwd()), i18n.__file__
print(i18n.set_language("es"), i18n._("Cancel"), sep="|")
"""


@pytest.fixture
def copy(tmp_path):
    shutil.copytree(ROOT / "fieldapp", tmp_path / "fieldapp",
                    ignore=shutil.ignore_patterns("__pycache__", "locale"))
    folder = tmp_path / "fieldapp" / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    return folder


def _probe(folder: Path) -> str:
    root = folder.parents[3]
    env = {**os.environ, "PYTHONPATH": str(root), "FIELDAPP_CACHE": str(root / "cache")}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_copy_used_below_reads_a_good_catalog(copy):
    shutil.copy(tool.po_path("es"), copy / "fieldapp.po")
    assert _probe(copy) == "es|Cancelar"
    assert (copy / "fieldapp.mo").exists()  # compiled on the fly


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fieldapp.po", b"\xff\xfe\x00 not text \x81"),
        ("fieldapp.po", b'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=zz; plural=(n\\n"\n\n'
                        b'msgid "Cancel"\nmsgstr "Cancelar"\n'),
        ("fieldapp.mo", b"not a gettext catalog"),
    ],
    ids=["po-not-utf8", "po-bad-plural-forms", "mo-garbage"],
)
def test_a_broken_catalog_falls_back_to_english(copy, name, content):
    (copy / name).write_bytes(content)
    assert _probe(copy) == "es|Cancel"


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "C.UTF-8"}, "es"), ({"LANG": "C"}, "es"), ({"LC_ALL": "POSIX"}, "es"),
    ({"LANG": "pt_BR.UTF-8"}, "pt"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "es"), ({"LANG": "C.UTF-8", "LANGUAGE": "pt:en"}, "pt"),
])
def test_the_system_language_is_spanish_unless_it_is_es_en_or_pt(monkeypatch, env, expected):
    from fieldapp.i18n import system_language

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert system_language() == expected


def test_system_language_reads_windows_locale_names(monkeypatch):
    """Windows reports its locale as words ("Portuguese_Brazil"): the language is still found."""
    import locale

    from fieldapp import i18n

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for name, code in (("Portuguese_Brazil", "pt"), ("Spanish_Mexico", "es"),
                       ("English_United States", "en"), ("French_France", "es")):
        monkeypatch.setattr(locale, "getlocale", lambda *a, n=name: (n, "1252"))
        assert i18n.system_language() == code
