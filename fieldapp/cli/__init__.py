"""The command-line interface: ``python main.py <group> <command>``; no command opens the GUI."""

from __future__ import annotations

import click

from fieldapp import __version__
from fieldapp.cli import (  # the command modules, one per noun: see COMMANDS below
    backup,
    bundle,
    conflicts,
    demo,
    devices,
    export,
    fill,
    forms,
    indicators,
    orgs,
    report,
    rounds,
    scores,
    submissions,
)
from fieldapp.cli.common import Env, FieldappGroup, common_options, gui_app


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
        gui_app().run(env.db_path, env.lang)


# The commands, one module per noun (sqlite-utils' one module per command group), in the order
# of ``--help``. A new group (bundle, conflicts, devices, indicators, report, export) is a module
# ``fieldapp/cli/<noun>.py`` defining one click group named for it: add the module's name to
# the import above and ``<noun>.<noun>,`` here, one line each. Imports are static so that a
# broken module fails loudly and PyInstaller finds every command.
COMMANDS: tuple[click.Command, ...] = (
    forms.forms,
    orgs.orgs,
    rounds.rounds,
    submissions.submissions,
    fill.fill,
    scores.scores,
    indicators.indicators,
    demo.demo,
    report.report,
    export.export,
    bundle.bundle,
    conflicts.conflicts,
    devices.devices,
    backup.backup,
)
for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """Run the CLI (the console script and ``main.py``)."""
    cli(prog_name="fieldapp")
