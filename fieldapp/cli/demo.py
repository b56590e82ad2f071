"""``demo``: fictional demo data in an empty database."""

from __future__ import annotations

import click

from fieldapp.cli.common import Env, common_options, open_store
from fieldapp.i18n import _


@click.command()
@common_options
def demo(env: Env) -> None:
    """Fill an empty database with fictional demo data (running it again changes nothing).

    Example: python main.py demo
    """
    from fieldapp.demo import load_demo

    with open_store(env) as db:
        report = load_demo(db)
    if report.created:
        click.echo(_("Demo data loaded: {orgs} organizations, {rounds} rounds, {subs} submissions.")
                   .format(orgs=report.organizations, rounds=report.rounds, subs=report.submissions))
    else:
        click.echo(_("The database already has data; nothing was changed."))
