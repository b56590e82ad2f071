"""What every command shares: --db, --lang, --json, and errors shown without a traceback."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

import click

from fieldapp import i18n, paths
from fieldapp.cli.localize import prepare, requested_language
from fieldapp.errors import FieldappError

if TYPE_CHECKING:
    from fieldapp.store.connection import Database


@dataclass(slots=True)
class Env:
    """The options every command accepts."""

    db_path: Path
    lang: str
    as_json: bool = False


class FieldappGroup(click.Group):
    """A click group that turns a FieldappError into ``Error: …`` and exit code 1, and shows
    its help and click's messages in the language of ``--lang``."""

    def main(self, args: Sequence[str] | None = None, **extra: Any) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        prepare(self, args)
        return super().main(args, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FieldappError as exc:
            click.echo(i18n._("Error: {message}").format(message=exc), err=True)
            sys.exit(1)

    def group(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", FieldappGroup)
        return super().group(*args, **kwargs)


def _db_option(f: Callable) -> Callable:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The database file (default: the user data folder; FIELDAPP_DB overrides).",
    )(f)


def _lang_option(f: Callable) -> Callable:
    return click.option(
        "--lang",
        type=click.Choice(list(i18n.LANGUAGES)),
        default=None,
        envvar="FIELDAPP_LANG",
        help="Language of messages and forms (default: the system's, else Spanish).",
    )(f)


def _json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(f)


def common_options(f: Callable | None = None, *, json_output: bool = False) -> Callable:
    """Add --db and --lang (and --json with ``json_output``) and pass an ``env: Env``.

    Options given to the group (``main.py --lang en forms list``) are inherited by
    subcommands unless repeated there.
    """

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, db_path: Path | None, lang: str | None, **kwargs: Any) -> Any:
            as_json = kwargs.pop("as_json", False)
            ctx = click.get_current_context()
            parent: Env | None = ctx.find_object(Env)
            db_path = db_path or (parent.db_path if parent else None) or paths.default_db_path()
            lang = lang or (parent.lang if parent else None) or requested_language()
            lang = i18n.set_language(lang)
            env = Env(db_path=Path(db_path), lang=lang, as_json=as_json)
            if parent is None:
                ctx.obj = env
            if not as_json:
                return func(*args, env=env, **kwargs)
            try:
                return func(*args, env=env, **kwargs)
            except FieldappError as exc:
                # a script asked for JSON: the error comes as JSON on stdout too (exit 1)
                echo_json({"error": exc.as_dict()})
                ctx.exit(1)

        wrapped = _lang_option(_db_option(wrapper))
        return _json_option(wrapped) if json_output else wrapped

    return decorate(f) if f is not None else decorate


def gui_app() -> ModuleType:
    """The desktop application's module (``fieldapp.gui.app``), imported only when a window
    is wanted.

    :raises FieldappError: APP_002 when Python has no Tk, saying what to install.
    """
    try:
        from fieldapp.gui import app
    except ModuleNotFoundError as exc:
        if exc.name not in ("tkinter", "_tkinter"):
            raise
        raise FieldappError("APP_002") from None
    return app


def echo_json(data: Any) -> None:
    """Print ``data`` as readable UTF-8 JSON."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def open_store(env: Env, *, write: bool = True):
    """The database of ``--db``: migrated on first use; created (saying where) only by
    commands that write, so a mistyped ``--db`` never leaves an empty database behind.
    Commands that write also keep the day's backup."""
    from fieldapp.store.backups import daily_backup
    from fieldapp.store.database import open_db

    new = not env.db_path.exists() or env.db_path.stat().st_size == 0
    db = open_db(env.db_path, write=write)
    if write and new:
        click.echo(i18n._("New database created: {path}").format(path=env.db_path.resolve()),
                   err=True)
    elif write:
        try:
            daily_backup(db, env.db_path)
        except FieldappError as exc:  # the command itself may still work: say it, go on
            click.echo(i18n._("Warning: the daily backup could not be made: {message}")
                       .format(message=exc), err=True)
    return db


@contextlib.contextmanager
def read_store(env: Env) -> Iterator[Database | None]:
    """The database of ``--db`` opened only to read, or None when there is no database file
    yet: commands that only list never create one."""
    if not env.db_path.is_file():
        yield None
        return
    with open_store(env, write=False) as db:
        yield db


def echo_table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], empty: str | None = None
) -> None:
    """Print rows under their headers, each column as wide as its widest cell."""
    echo_columns(headers, list(zip(*rows)) if rows else [], empty)


def echo_columns(
    headers: Sequence[str], columns: Sequence[Sequence[Any]], empty: str | None = None
) -> None:
    """Print a table given column by column (each as long as the others) under its headers.

    A list of 30,000 submissions is 240,000 cells, and a loop over cells in Python costs more
    than the query: columns already of text are used as they are, and one format string
    writes each row.
    """
    if not any(columns) and empty:
        click.echo(empty)
        return
    columns = [column if set(map(type, column)) <= {str}
               else ["" if v is None else str(v) for v in column]
               for column in columns] or [[] for _ in headers]
    widths = [max(len(h), max(map(len, c), default=0)) for h, c in zip(headers, columns)]
    # printf-style padding (a third faster than str.format over 30,000 rows); no spaces at
    # the ends of lines; one write, as click.echo flushes at each call
    line = "  ".join(f"%-{w}s" for w in widths).__mod__
    click.echo("\n".join(map(str.rstrip, [line(tuple(headers)),
                                          line(tuple("-" * w for w in widths)),
                                          *map(line, zip(*columns))])))


def one_line(text: object) -> str:
    """A value for one row of a text table: line breaks shown as ⏎, so a multi-line
    answer keeps its row."""
    return " ⏎ ".join(str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def column_width(texts: list[str], least: int) -> int:
    """The width of a table column holding ``texts``: the longest plus two spaces."""
    return max([least - 2, *(len(t) for t in texts)]) + 2
