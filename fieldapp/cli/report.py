"""``report``: printed PDF reports (the cooperative feedback report, the network report)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options, open_store
from fieldapp.i18n import _, ngettext

_PAPER = click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
                      help="Paper size (default: the report setting, else a4).")
_BASELINE = click.option("--baseline", "baseline_id", default=None, metavar="R0",
                         help="The round to compare with (default: the baseline round).")


@click.group()
def report() -> None:
    """Printed PDF reports for cooperatives and coordinators.

    Example: python main.py report coop --org CACAO-DO --round R2024 --out cacao.pdf
    """


@report.command("coop")
@click.option("--org", "org_id", default=None, metavar="ORG", help="The organization's id.")
@click.option("--all", "all_orgs", is_flag=True,
              help="One report per organization, written into the folder --out.")
@click.option("--round", "round_id", required=True, metavar="R", help="The round reported.")
@_BASELINE
@_PAPER
@click.option("--logo", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A PNG or JPEG printed on the cover (default: the report setting).")
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The PDF to write (with --all: the folder).")
@common_options
def coop(env: Env, org_id: str | None, all_orgs: bool, round_id: str, baseline_id: str | None,
         paper: str, logo: str | None, out: Path) -> None:
    """The feedback report of a cooperative for its board and assembly (in --lang).

    Example: python main.py report coop --org CACAO-DO --round R2024 --lang es --out cacao.pdf

    Example: python main.py report coop --all --round R2024 --out informes/
    """
    if all_orgs == (org_id is not None):
        raise click.UsageError(_("Give either --org ORG or --all."))
    from fieldapp.reports.batch import write_coop_batch
    from fieldapp.reports.coop import write_coop_report
    from fieldapp.reports.preferences import get_preferences
    from fieldapp.reports.sources import coop_report
    from fieldapp.store.orgs import list_organizations

    with open_store(env) as db:  # writable: reading may register an updated built-in form
        prefs = get_preferences(db)
        paper = paper or prefs.paper
        logo = logo or prefs.logo
        if org_id is not None:
            content = coop_report(db, org_id, round_id, baseline_id=baseline_id, lang=env.lang,
                                  logo=logo)
            pages = write_coop_report(content, out, lang=env.lang, paper=paper)
            click.echo(ngettext("Wrote {path} ({n} page).", "Wrote {path} ({n} pages).",
                                pages).format(path=out, n=pages))
            return
        org_ids = [org.id for org in list_organizations(db)]

        def progress(done: int, total: int) -> None:
            click.echo("\r" + _("Reports: {done} of {total}").format(done=done, total=total),
                       nl=done == total, err=True)

        result = write_coop_batch(db, org_ids, round_id, out, baseline_id=baseline_id,
                                  lang=env.lang, paper=paper, logo=logo, progress=progress)
    for org, reason in result.skipped:
        click.echo(_("Skipped {org}: {reason}").format(org=org, reason=reason), err=True)
    click.echo(ngettext("Wrote {n} report into {folder}.", "Wrote {n} reports into {folder}.",
                        len(result.written)).format(n=len(result.written), folder=out))


@report.command("network")
@click.option("--round", "round_id", required=True, metavar="R", help="The round reported.")
@_BASELINE
@click.option("--country", default=None, metavar="CC",
              help="Only the organizations of this country (ISO code, e.g. PE).")
@_PAPER
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to write.")
@common_options
def network(env: Env, round_id: str, baseline_id: str | None, country: str | None, paper: str,
            out: Path) -> None:
    """The network indicator report for coordinators (landscape tables, in --lang).

    Example: python main.py report network --round R2024 --baseline LB2022 --out red.pdf
    """
    from fieldapp.reports.network import write_network_report
    from fieldapp.reports.preferences import get_preferences
    from fieldapp.reports.sources import network_report

    with open_store(env) as db:  # writable: reading may register an updated built-in form
        paper = paper or get_preferences(db).paper
        content = network_report(db, round_id, baseline_id=baseline_id, country=country,
                                 lang=env.lang)
        pages = write_network_report(content, out, lang=env.lang, paper=paper)
    click.echo(ngettext("Wrote {path} ({n} page).", "Wrote {path} ({n} pages).",
                        pages).format(path=out, n=pages))
