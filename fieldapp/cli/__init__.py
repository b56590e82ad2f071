"""The command-line interface: ``python main.py <group> <command>``; no command opens the GUI."""

from __future__ import annotations

import click

from fieldapp import __version__
from fieldapp.cli.common import Env, FieldappGroup, common_options


@click.group(cls=FieldappGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="fieldapp")
@common_options
@click.pass_context
def cli(ctx: click.Context, env: Env) -> None:
    """fieldapp: offline assessments for fair-trade producer organizations.

    Run without a command to open the desktop application.

    Example: python main.py forms check forms/*.xlsx
    """
    if ctx.invoked_subcommand is None:
        try:
            from fieldapp.gui.app import run as run_gui
        except ImportError:
            click.echo(ctx.get_help())
            return
        run_gui(env.db_path, env.lang)


def _register() -> None:
    from fieldapp.cli import forms as forms_cli

    for module in (forms_cli,):
        module.register(cli)
    for name in ("store_cmds", "capture_cmds", "bundle", "conflicts", "devices", "gui_cmds"):
        try:
            module = __import__(f"fieldapp.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"fieldapp.cli.{name}":
                raise
            continue
        module.register(cli)


_register()


def main() -> None:
    """Run the CLI (the console script and ``main.py``)."""
    cli(prog_name="fieldapp")
