"""``orgs`` commands: list, add, edit and import the organizations."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import N_, _


@click.group()
def orgs() -> None:
    """List, add, edit and import organizations.

    Example: python main.py orgs import organizaciones.csv
    """


@orgs.command("list")
@common_options(json_output=True)
def orgs_list(env: Env) -> None:
    """List the organizations.

    Example: python main.py orgs list --json
    """
    from fieldapp.store.orgs import ORG_TYPES, list_organizations

    with open_store(env, write=False) as db:
        found = list_organizations(db)
    if env.as_json:
        echo_json([asdict(o) for o in found])
        return
    echo_table(
        [_("id"), _("name"), _("type"), _("country"), _("products"), _("women"), _("men"),
         _("total")],
        [(o.id, o.name, _(ORG_TYPES[o.type]), o.country, o.products, o.members_women,
          o.members_men, o.members_total) for o in found],
        empty=_("No organizations yet. Add one with 'orgs add' or 'orgs import'."),
    )


def _org_options(f):
    for name, help_text in reversed((
        ("--name", N_("The organization's name.")),
        ("--type", N_("spo, cooperative, workers_association or second_level (or a name).")),
        ("--country", N_("Two-letter ISO code (PE) or the country's name.")),
        ("--products", N_("Main products, separated by commas.")),
        ("--women", N_("Number of women members.")),
        ("--men", N_("Number of men members.")),
        ("--total", N_("Total members (default: women + men).")),
    )):
        f = click.option(name, default=None, help=help_text)(f)
    return f


def _org_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


@orgs.command("add")
@click.option("--id", "org_id", required=True, help="A short code, e.g. COOP-PE-01.")
@_org_options
@common_options
def orgs_add(org_id: str, env: Env, **values: Any) -> None:
    """Add an organization.

    Example: python main.py orgs add --id CAC-PE --name "Cooperativa Agraria"
    --type cooperative --country PE --products "café, cacao" --women 120 --men 300
    """
    from fieldapp.store.orgs import add_organization

    given = _org_values(values)
    for required in ("name", "type", "country"):
        if required not in given:
            raise click.UsageError(_("Missing option '--{name}'.").format(name=required))
    with open_store(env) as db:
        org = add_organization(db, id=org_id, **given)
    click.echo(_("Added organization {id} ({name}).").format(id=org.id, name=org.name))


@orgs.command("edit")
@click.argument("org_id")
@_org_options
@common_options
def orgs_edit(org_id: str, env: Env, **values: Any) -> None:
    """Change some fields of an organization.

    Example: python main.py orgs edit CAC-PE --women 130
    """
    from fieldapp.store.orgs import update_organization

    with open_store(env) as db:
        org = update_organization(db, org_id, **_org_values(values))
    click.echo(_("Updated organization {id} ({name}).").format(id=org.id, name=org.name))


@orgs.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--encoding", default=None,
              help="The file's text encoding (utf-8, cp1252, cp850, mac_roman …) when it "
                   "cannot be detected.")
@common_options(json_output=True)
def orgs_import(file: Path, encoding: str | None, env: Env) -> None:
    """Add or update organizations from a CSV file (all rows or none).

    Columns (Spanish, English or Portuguese names): id/código, nombre/name, tipo/type,
    país/country, productos/products, socias/women, socios/men, total. UTF-8 or
    Excel's own CSV, with ',' or ';' between cells.

    Example: python main.py orgs import organizaciones.csv
    """
    from fieldapp.store.activity import announce
    from fieldapp.store.backups import backup_before_import
    from fieldapp.store.orgs_csv import import_organizations

    with open_store(env) as db, announce(env.db_path, N_("importing organizations from {file}"),
                                         file=Path(file).name):
        backup_before_import(db)
        result = import_organizations(db, file, encoding)
    if env.as_json:
        echo_json(asdict(result))
        return
    click.echo(_("{file}: {added} added, {updated} updated, {unchanged} unchanged.").format(
        file=file, added=result.added, updated=result.updated, unchanged=result.unchanged))
    if result.ignored_columns:
        click.echo(_("Ignored columns: {columns}").format(
            columns=", ".join(result.ignored_columns)))
