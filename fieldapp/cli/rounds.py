"""``rounds`` commands: list, add and edit the assessment rounds."""

from __future__ import annotations

from dataclasses import asdict

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import _


@click.group()
def rounds() -> None:
    """List, add and edit assessment rounds (one of them is the baseline).

    Example: python main.py rounds add --id R2024 --name "Seguimiento 2024" --year 2024
    """


@rounds.command("list")
@common_options(json_output=True)
def rounds_list(env: Env) -> None:
    """List the rounds; the baseline is marked.

    Example: python main.py rounds list
    """
    from fieldapp.store.rounds import list_rounds

    with open_store(env, write=False) as db:
        found = list_rounds(db)
    if env.as_json:
        echo_json([asdict(r) for r in found])
        return
    echo_table([_("id"), _("name"), _("year"), _("baseline")],
                [(r.id, r.name, r.year, _("yes") if r.is_baseline else "") for r in found],
                empty=_("No rounds yet. Add one with 'rounds add'."))


@rounds.command("add")
@click.option("--id", "round_id", required=True, help="A short code, e.g. 2024.")
@click.option("--name", required=True, help='The name shown in reports, e.g. "Línea base 2022".')
@click.option("--year", required=True, help="The year of the round.")
@click.option("--baseline", is_flag=True, help="Make it the baseline (the first round is).")
@common_options
def rounds_add(round_id: str, name: str, year: str, baseline: bool, env: Env) -> None:
    """Add an assessment round.

    Example: python main.py rounds add --id 2022 --name "Línea base 2022" --year 2022 --baseline
    """
    from fieldapp.store.rounds import add_round

    with open_store(env) as db:
        found = add_round(db, id=round_id, name=name, year=year, baseline=baseline)
    click.echo(_("Added round {id} ({name}).").format(id=found.id, name=found.name))
    if found.is_baseline:
        click.echo(_("It is the baseline."))


@rounds.command("edit")
@click.argument("round_id")
@click.option("--name", default=None, help="A new name.")
@click.option("--year", default=None, help="A new year.")
@click.option("--baseline", is_flag=True, default=None, help="Make it the baseline.")
@common_options
def rounds_edit(round_id: str, name: str | None, year: str | None, baseline: bool | None,
                env: Env) -> None:
    """Rename a round, change its year, or make it the baseline.

    Example: python main.py rounds edit 2022 --baseline
    """
    from fieldapp.store.rounds import update_round

    with open_store(env) as db:
        found = update_round(db, round_id, name=name, year=year, baseline=baseline or None)
    click.echo(_("Updated round {id} ({name}).").format(id=found.id, name=found.name))
