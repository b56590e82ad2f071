"""``export`` commands: a form's data as CSV tables, the whole database as a clean SQLite copy."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import LANGUAGES, _


@click.group()
def export() -> None:
    """Export data for analysis: CSV tables of a form, or a clean SQLite copy.

    Example: python main.py export csv --form medios_de_vida --out exports/
    """


@export.command("csv")
@click.option("--form", "form_id", required=True, help="The form to export (see 'forms list').")
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the files into (created if missing).")
@click.option("--round", "round_id", default=None,
              help="Only this round (default: every round, in one table).")
@click.option("--labels", type=click.Choice(list(LANGUAGES)), default=None,
              help="Write choice answers as their labels in this language (default: codes).")
@click.option("--excel-es", "excel_es", is_flag=True,
              help="Semicolons and decimal commas, as Excel in Spanish or Portuguese opens them.")
@common_options(json_output=True)
def csv_cmd(form_id: str, out_dir: Path, round_id: str | None, labels: str | None,
            excel_es: bool, env: Env) -> None:
    """Write a form's final submissions as CSV tables with a README data dictionary.

    One row per submission (wide), a table per repeat group, one row per answer (long),
    the scores per organization and round, and README.txt. An empty cell was not answered;
    NA did not apply.

    Example: python main.py export csv --form desarrollo_organizacional --round R2024 --out informe/ --excel-es
    """
    from fieldapp.exports.csvfiles import export_csv

    with open_store(env) as db:
        result = export_csv(db, form_id, out_dir, round_id=round_id, labels=labels,
                            dialect="excel-es" if excel_es else "utf8")
    if env.as_json:
        echo_json(result.as_dict())
        return
    click.echo(_("Exported {n} submissions of '{form}' to {folder}:").format(
        n=result.submissions, form=form_id, folder=result.folder))
    echo_table([_("file"), _("rows")],
               [(p.name, result.rows.get(p.name, "")) for p in result.files])


@export.command("sqlite")
@click.argument("out_path", type=click.Path(dir_okay=False, path_type=Path))
@common_options(json_output=True)
def sqlite_cmd(out_path: Path, env: Env) -> None:
    """Write a clean copy of the data to a new SQLite file, for Datasette, R or pandas.

    It holds the organizations, rounds, final submissions, answers, scores and a data
    dictionary, with one view per form; no settings, keys or device ids. An existing file
    of that name is replaced.

    Example: python main.py export sqlite analisis.db
    """
    from fieldapp.exports.sqlitecopy import export_sqlite

    with open_store(env) as db:
        result = export_sqlite(db, out_path, lang=env.lang)
    if env.as_json:
        echo_json(result.as_dict())
        return
    click.echo(_("Wrote {path}: {n} submissions of {forms} forms.").format(
        path=result.path, n=result.submissions, forms=len(result.forms)))
    click.echo(_("Views: {views}").format(views=", ".join(result.views) or "–"))
