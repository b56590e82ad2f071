"""GUI commands: ``forms preview FILE`` opens a workbook in the form window without saving."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options


def register(cli: click.Group) -> None:
    forms_group = cli.commands.get("forms")
    if isinstance(forms_group, click.Group):
        forms_group.add_command(preview)


@click.command("preview")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@common_options
def preview(file: Path, env: Env) -> None:
    """Open an XLSForm in the form window to try it; nothing is saved.

    Example: python main.py forms preview mi_formulario.xlsx
    """
    from fieldapp.gui.app import run_preview  # Tk only when the window is wanted

    run_preview(file, env.lang)
