"""The command line speaks the user's language: help texts, click's own messages, and no
user-visible string left out of the catalogs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fieldapp import i18n
from fieldapp.cli import cli
from fieldapp.cli.localize import help_msgid, language_of

PACKAGE = Path(__file__).resolve().parents[1] / "fieldapp"


def _commands(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _commands(sub, (*path, name))


ALL = [path for path, _command in _commands(cli)]


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "fieldapp")
def test_every_command_has_help_in_three_languages(path: tuple[str, ...]) -> None:
    runner = CliRunner()
    texts = {}
    for lang in ("en", "es", "pt"):
        result = runner.invoke(cli, ["--lang", lang, *path, "--help"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        texts[lang] = result.output
    assert "Usage:" in texts["en"] and "Uso:" in texts["es"] and "Uso:" in texts["pt"]
    assert "Show this message and exit." in texts["en"]
    assert "Mostrar este mensaje y salir." in texts["es"]
    assert "Mostrar esta mensagem e sair." in texts["pt"]
    command = dict(_commands(cli))[path]
    english = help_msgid(getattr(command, "_fieldapp_msgids", {}).get("help") or command.help)
    assert english, f"'{' '.join(path)}' has no help: write its docstring with an example"
    first_line = english.splitlines()[0]
    assert first_line in texts["en"].replace("\n  ", " ") or first_line[:30] in texts["en"]
    assert texts["es"] != texts["en"] and texts["pt"] != texts["en"]


def test_click_messages_follow_the_language_option() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--lang", "es", "orgs", "lst"])
    assert result.exit_code == 2
    assert "No existe el comando 'lst'" in result.output and "¿Quiso decir 'list'?" in result.output
    result = runner.invoke(cli, ["orgs", "list", "--nope", "--lang=pt"])
    assert result.exit_code == 2 and "Não existe a opção '--nope'" in result.output


def test_language_of_reads_both_spellings() -> None:
    assert language_of(["forms", "--lang", "pt", "list"]) == "pt"
    assert language_of(["--lang=en", "demo"]) == "en"
    assert language_of(["--lang", "xx"]) is None
    assert language_of(["fill", "--", "--lang", "es"]) is None


# Calls whose string arguments a user reads, and keywords that carry user-visible text.
_SHOWN_CALLS = {"echo", "secho", "ClickException", "UsageError", "BadParameter", "showinfo",
                "showerror", "showwarning", "askyesno", "askokcancel", "show_message"}
_SHOWN_KEYWORDS = {"text", "title", "message", "label", "prompt"}
_WORDS = re.compile(r"[A-Za-z]{3,}.*\s.*[A-Za-z]{3,}")


def _plain_text(node: ast.AST) -> str | None:
    """A string literal (or f-string) with words in it, not wrapped in a translation call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _WORDS.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values
                          if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return literal if _WORDS.search(literal) else None
    return None


def unmarked_strings(root: Path = PACKAGE) -> list[str]:
    """``file:line: text`` for each user-visible literal that skips the catalogs."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            candidates = list(node.args[:1]) if name in _SHOWN_CALLS else []
            candidates += [k.value for k in node.keywords if k.arg in _SHOWN_KEYWORDS]
            for candidate in candidates:
                text = _plain_text(candidate)
                if text:
                    found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {text!r}")
    return found


def test_no_user_visible_string_skips_the_catalogs() -> None:
    assert unmarked_strings() == []


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_every_option_help_and_the_usage_line_are_translated(lang: str) -> None:
    """Help texts built in a loop (not a literal ``help=``) still reach the catalogs, and the
    usage line's "[OPTIONS]" is in the language too."""
    runner = CliRunner()
    missing = []
    for path, _command in _commands(cli):
        result = runner.invoke(cli, ["--lang", lang, *path, "--help"], catch_exceptions=False)
        command = dict(_commands(cli))[path]
        i18n.set_language(lang)
        for param, msgid in zip(command.params, command._fieldapp_msgids["params"]):
            if msgid and i18n._(msgid) == msgid:
                missing.append(f"{' '.join(path)} {param.name}: {msgid}")
        if "[OPTIONS]" in result.output:
            missing.append(f"{' '.join(path)}: [OPTIONS]")
    assert missing == []


@pytest.mark.parametrize("lang, words", [("es", ("TEXTO", "ENTERO", "DECIMAL")),
                                         ("pt", ("TEXTO", "INTEIRO", "DECIMAL"))])
def test_the_kinds_of_values_in_option_lists_are_translated(lang: str, words) -> None:
    """click's type names (TEXT, INTEGER, FLOAT, PATH…) shown beside options are in the
    language of the help, and English again when asked for English."""
    runner = CliRunner()
    english = re.compile(r"\b(TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILE|DIRECTORY)\b")
    seen = ""
    for path, _command in _commands(cli):
        result = runner.invoke(cli, ["--lang", lang, *path, "--help"], catch_exceptions=False)
        options = "\n".join(line for line in result.output.splitlines()
                            if line.startswith("  -"))
        assert not english.search(options), (path, options)
        seen += options
    for word in words:
        assert re.search(rf"--\S+ {word}\b", seen), word
    result = runner.invoke(cli, ["--lang", "en", "indicators", "baselines", "set", "--help"],
                           catch_exceptions=False)
    assert "--year INTEGER" in result.output and "--value FLOAT" in result.output


def test_argument_names_in_usage_lines_follow_the_language() -> None:
    """Positional arguments read in the help's language ("fill … ID_FORMULARIO", "forms
    check … ARQUIVOS..."), in English again in English, and every argument has its words."""
    from fieldapp.cli.localize import ARGUMENT_NAMES

    runner = CliRunner()
    for lang, command, usage in (
            ("es", ["fill"], "fill [OPCIONES] ID_FORMULARIO"),
            ("pt", ["forms", "check"], "forms check [OPÇÕES] ARQUIVOS..."),
            ("es", ["bundle", "import"], "bundle import [OPCIONES] RUTAS..."),
            ("en", ["fill"], "fill [OPTIONS] FORM_ID"),
            ("en", ["bundle", "import"], "bundle import [OPTIONS] PATHS...")):
        result = runner.invoke(cli, ["--lang", lang, *command, "--help"],
                               catch_exceptions=False)
        assert usage in result.output, (lang, result.output.splitlines()[0])
    missing = runner.invoke(cli, ["--lang", "es", "fill"], catch_exceptions=False)
    assert "ID_FORMULARIO" in missing.output + missing.stderr
    for path, command in _commands(cli):
        ctx = click.Context(command)
        for param in command.params:
            # a type that names its values itself ({range|max|workbook}) needs no words
            if isinstance(param, click.Argument) and \
                    not param.type.get_metavar(param=param, ctx=ctx):
                assert param.name.upper() in ARGUMENT_NAMES, (path, param.name)
