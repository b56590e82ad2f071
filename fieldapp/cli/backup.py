"""``backup list|create|restore``: the database's own rotating copies, from the command line."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import N_, _

KINDS = {
    "daily": N_("daily"), "manual": N_("asked for"), "import": N_("before an import"),
    "migration": N_("before an update"), "restore": N_("before a restore"),
}


@click.group()
def backup() -> None:
    """List, make and restore backups of the database (kept in backups/ beside it).

    fieldapp keeps one copy a day and one before each import, update or restore.

    Example: python main.py backup list
    """


@backup.command("list")
@common_options(json_output=True)
def backup_list(env: Env) -> None:
    """List the backups of the database, newest first.

    Example: python main.py backup list --json
    """
    from fieldapp.store.backups import backup_dir, list_backups

    found = list_backups(env.db_path)
    if env.as_json:
        echo_json([{**asdict(b), "path": str(b.path)} for b in found])
        return
    echo_table([_("file"), _("made"), _("why"), _("size")],
               [(b.path.name, b.created, _(KINDS.get(b.kind, b.kind)), _size(b.size))
                for b in found],
               empty=_("No backups yet in {folder}.").format(folder=backup_dir(env.db_path)))


@backup.command("create")
@common_options
def backup_create(env: Env) -> None:
    """Make a backup of the database now.

    Example: python main.py backup create
    """
    from fieldapp.store.backups import MANUAL, create_backup

    with open_store(env, write=False) as db:
        made = create_backup(db, env.db_path, MANUAL)
    click.echo(_("Backup made: {path}").format(path=made.path))


@backup.command("restore")
@click.argument("file")
@common_options
def backup_restore(file: str, env: Env) -> None:
    """Put a backup back in place of the database.

    FILE is a name from 'backup list' or a path. What it replaces is kept: a sound database
    as a backup of its own, a damaged one renamed beside it.

    Example: python main.py backup restore fieldapp-20261128T074512.345Z-daily.db
    """
    from fieldapp.store.backups import backup_dir, restore_backup
    from fieldapp.store.dblock import refuse_if_open_elsewhere

    source = Path(file)
    if not source.exists() and (backup_dir(env.db_path) / file).exists():
        source = backup_dir(env.db_path) / file
    refuse_if_open_elsewhere(env.db_path)
    result = restore_backup(env.db_path, source)
    click.echo(_("Restored {backup} into {db}.").format(backup=result.restored, db=env.db_path))
    if result.kept is not None:
        click.echo(_("What it replaced is kept in {path}.").format(path=result.kept))


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
