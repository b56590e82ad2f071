"""The command line in the user's language: commands' and options' help, and click's own texts.

The help of a command is its docstring and the help of an option its ``help=`` text, written in
English in the code (the msgids); ``tools/i18n.py`` extracts them, and click's own messages
("Usage:", "Show this message and exit.", "No such option …"), into the catalogs. Before click
parses the command line, :func:`prepare` sets the language (``--lang`` anywhere on the line,
else ``FIELDAPP_LANG``, else the system's) and puts every help text of the command tree in it.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Sequence

import click

from fieldapp import i18n

# click's modules call ``gettext.gettext`` (as ``_``) and ``ngettext`` from the standard
# library, which knows nothing of fieldapp's catalogs; they are pointed at ours instead.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui",
                  "types", "utils")
_ORIGINAL = "_fieldapp_msgids"
# click's type names, shown upper-cased as option metavars ("--org TEXT" → "--org TEXTO");
# marked here so tools/i18n.py extracts them (click sets them as plain class attributes)
TYPE_NAMES = (i18n.N_("text"), i18n.N_("integer"), i18n.N_("float"), i18n.N_("boolean"),
              i18n.N_("integer range"), i18n.N_("float range"), i18n.N_("datetime"),
              i18n.N_("filename"))
# The names of positional arguments, shown upper-cased in usage lines ("fill FORM_ID"):
# click takes them from the Python parameter, so the words in the language are set as
# their metavar (tests/test_cli_help.py fails for a new argument missing here)
ARGUMENT_NAMES = (i18n.N_("BUNDLE_OR_DEVICE"), i18n.N_("CONFLICT_ID"), i18n.N_("DEVICE_ID"),
                  i18n.N_("FILE"), i18n.N_("FILES"), i18n.N_("FOLDER"), i18n.N_("FORM_ID"),
                  i18n.N_("INDICATOR"), i18n.N_("ORG_ID"), i18n.N_("OUT_PATH"),
                  i18n.N_("PATHS"), i18n.N_("ROUND_ID"), i18n.N_("SCORE"), i18n.N_("UUID"),
                  i18n.N_("VALUE"))


def _use_our_catalogs_in_click() -> None:
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = i18n._
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext


def help_msgid(text: str | None) -> str | None:
    """The msgid of a help text as click shows it (indentation removed, ``\\f`` tail cut)."""
    if not text:
        return text
    return inspect.cleandoc(text).partition("\f")[0].strip()


def language_of(args: Sequence[str]) -> str | None:
    """The ``--lang`` value on a command line (``--lang es`` or ``--lang=es``), if any."""
    value = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
    return value if value in i18n.LANGUAGES else None


def _translated(msgid: str | None) -> str | None:
    return i18n._(msgid) if msgid else msgid


def localize(command: click.Command) -> None:
    """Put the help texts of ``command`` and everything under it in the current language.

    The English originals are kept on each object, so this can run again in another language.
    """
    originals = getattr(command, _ORIGINAL, None)
    if originals is None:
        originals = {
            "help": help_msgid(command.help),
            "short_help": help_msgid(command.short_help),
            "params": [getattr(p, "help", None) for p in command.params],
            "metavars": [p.metavar for p in command.params],
        }
        setattr(command, _ORIGINAL, originals)
    # click builds --help's own option once and caches it: drop it, so it is built again in
    # the current language when this command parses its arguments.
    command._help_option = None
    if command.options_metavar == "[OPTIONS]" or originals.get("metavar"):
        originals["metavar"] = True
        command.options_metavar = i18n._("[OPTIONS]")  # the usage line: "Uso: … [OPCIONES]"
    if isinstance(command, click.Group):
        metavar = originals.setdefault("subcommand_metavar", command.subcommand_metavar)
        command.subcommand_metavar = {
            "COMMAND [ARGS]...": i18n._("COMMAND [ARGS]..."),
            "[COMMAND] [ARGS]...": i18n._("[COMMAND] [ARGS]..."),
        }.get(metavar, metavar)
    for param in command.params:
        # click names a path "file", "directory" or "path" (in its messages: "Path '/x' does
        # not exist.") when the option is made, before the language is known; other types
        # take their name from the class. An option without its own metavar shows that name
        # upper-cased ("--org TEXT"): both are put in the language here
        if isinstance(param.type, click.Path) or param.type.name in TYPE_NAMES or \
                _ORIGINAL in param.type.__dict__:
            kind = param.type.__dict__.setdefault(_ORIGINAL, param.type.name)
            param.type.name = i18n._(kind)
    command.help = _translated(originals["help"])
    if originals["short_help"]:
        command.short_help = _translated(originals["short_help"])
    for param, msgid in zip(command.params, originals["params"]):
        if msgid:
            param.help = _translated(msgid)  # type: ignore[attr-defined]
    # a metavar of our own ("PATH=local|incoming") is a msgid when marked with N_()
    for param, metavar in zip(command.params, originals["metavars"]):
        if metavar:
            param.metavar = _translated(metavar)
        elif isinstance(param, click.Argument) and param.name.upper() in ARGUMENT_NAMES:
            param.metavar = _argument_metavar(param)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localize(sub)


def _argument_metavar(param: click.Argument) -> str:
    """What click shows for an argument (``[NAME]`` when optional, ``NAME...`` for many),
    with the name in the current language."""
    name = i18n._(param.name.upper())
    if not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


_requested: list[str | None] = [None]


def prepare(command: click.Command, args: Sequence[str]) -> None:
    """Choose the language from the command line and localize ``command``'s tree in it."""
    _requested[0] = language_of(args) or os.environ.get("FIELDAPP_LANG") or None
    i18n.set_language(_requested[0])
    localize(command)


def requested_language() -> str | None:
    """The language the command line asked for, wherever ``--lang`` stood (None: not asked)."""
    return _requested[0]


_use_our_catalogs_in_click()
