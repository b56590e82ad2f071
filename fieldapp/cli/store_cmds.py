"""``orgs``, ``rounds`` and ``submissions`` commands: the stored records, from the command line."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import N_, _

_STATUS = {"draft": N_("draft"), "final": N_("final")}


def register(cli: click.Group) -> None:
    for group in (orgs, rounds, submissions):
        cli.add_command(group)


# --- organizations ---------------------------------------------------------------------------


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
        ("--name", "The organization's name."),
        ("--type", "spo, cooperative, workers_association or second_level (or a name)."),
        ("--country", "Two-letter ISO code (PE) or the country's name."),
        ("--products", "Main products, separated by commas."),
        ("--women", "Number of women members."),
        ("--men", "Number of men members."),
        ("--total", "Total members (default: women + men)."),
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
@common_options(json_output=True)
def orgs_import(file: Path, env: Env) -> None:
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
        result = import_organizations(db, file)
    if env.as_json:
        echo_json(asdict(result))
        return
    click.echo(_("{file}: {added} added, {updated} updated, {unchanged} unchanged.").format(
        file=file, added=result.added, updated=result.updated, unchanged=result.unchanged))
    if result.ignored_columns:
        click.echo(_("Ignored columns: {columns}").format(
            columns=", ".join(result.ignored_columns)))


# --- rounds ----------------------------------------------------------------------------------


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


# --- submissions -----------------------------------------------------------------------------


@click.group()
def submissions() -> None:
    """List, show, finalize, reopen and delete submissions.

    Example: python main.py submissions list --org CACAO-DO --status draft
    """


@submissions.command("list")
@click.option("--org", default=None, help="Only this organization's.")
@click.option("--round", "round_id", default=None, help="Only this round's.")
@click.option("--status", type=click.Choice(["draft", "final"]), default=None,
              help="Only drafts or only final ones.")
@click.option("--form", "form_id", default=None, help="Only this form's.")
@click.option("--deleted", is_flag=True, help="Include deleted drafts.")
@common_options(json_output=True)
def submissions_list(org: str | None, round_id: str | None, status: str | None,
                     form_id: str | None, deleted: bool, env: Env) -> None:
    """List submissions, oldest first.

    Example: python main.py submissions list --org CAC-PE --round 2024 --status draft
    """
    from fieldapp.store.submissions import list_submissions

    with open_store(env, write=False) as db:
        found = list_submissions(db, org=org, round=round_id, status=status, form_id=form_id,
                                 include_deleted=deleted)
    if env.as_json:
        echo_json([asdict(s) for s in found])
        return
    echo_table(
        [_("uuid"), _("form"), _("organization"), _("round"), _("respondent"), _("status"),
         _("revision"), _("updated")],
        [(s.uuid, f"{s.form_id} {s.form_version}", s.org_id, s.round_id, s.respondent,
          _("deleted") if s.deleted else _(_STATUS[s.status]), s.revision, s.updated_at)
         for s in found],
        empty=_("No submissions."),
    )


@submissions.command("show")
@click.argument("uuid")
@common_options(json_output=True)
def submissions_show(uuid: str, env: Env) -> None:
    """Show a submission: its record, answers, files and audit trail.

    UUID may be abbreviated to its first characters (at least 4) when unique.

    Example: python main.py submissions show 3f2a9c1e
    """
    from fieldapp.store.attachments import list_attachments
    from fieldapp.store.audit import audit_trail
    from fieldapp.store.submissions import get_submission, load_answers, resolve_uuid

    with open_store(env, write=False) as db:
        full = resolve_uuid(db, uuid)
        record, answers = get_submission(db, full), load_answers(db, full)
        files, trail = list_attachments(db, full), audit_trail(db, full)
    if env.as_json:
        echo_json({**asdict(record), "answers": answers,
                   "attachments": [asdict(a) for a in files],
                   "audit": [asdict(e) for e in trail]})
        return
    labels = (
        ("uuid", N_("uuid")), ("form_id", N_("form")), ("form_version", N_("version")),
        ("org_id", N_("organization")), ("round_id", N_("round")),
        ("respondent", N_("respondent")), ("status", N_("status")),
        ("revision", N_("revision")), ("created_at", N_("created")),
        ("updated_at", N_("updated")), ("finalized_at", N_("finalized")),
        ("technician", N_("technician")), ("device_id", N_("device")),
        ("current_page", N_("page")),
    )
    status = _("deleted") if record.deleted else _(_STATUS[record.status])
    echo_table([_("field"), _("value")],
                [(_(label), status if key == "status" else getattr(record, key))
                 for key, label in labels])
    click.echo("")
    echo_table([_("answer"), _("value")], list(answers.items()))
    if files:
        click.echo("")
        echo_table([_("file"), _("field"), _("size"), _("sha256")],
                    [(a.file_name, a.path, a.size, a.sha256[:12]) for a in files])
    click.echo("")
    echo_table([_("when"), _("technician"), _("action"), _("field"), _("old"), _("new"),
                 _("note")],
                [(e.at, e.technician, e.action, e.path, e.old, e.new, e.note) for e in trail])


@submissions.command("finalize")
@click.argument("uuid")
@common_options
def submissions_finalize(uuid: str, env: Env) -> None:
    """Check a draft's answers and, when complete and valid, lock it as final.

    Example: python main.py submissions finalize 3f2a9c1e
    """
    from fieldapp.store.submissions import get_submission, resolve_uuid

    from fieldapp.capture import finalize_submission

    with open_store(env) as db:
        full = resolve_uuid(db, uuid)
        finalize_submission(db, full)
        record = get_submission(db, full)
    click.echo(_("Submission {uuid} is final (revision {revision}).").format(
        uuid=record.uuid, revision=record.revision))


@submissions.command("reopen")
@click.argument("uuid")
@click.option("--reason", required=True, help="Why it must change (kept in the audit log).")
@common_options
def submissions_reopen(uuid: str, reason: str, env: Env) -> None:
    """Make a final submission a draft again, stating why.

    Example: python main.py submissions reopen 3f2a9c1e --reason "wrong number of members"
    """
    from fieldapp.store.submissions import reopen, resolve_uuid

    with open_store(env) as db:
        record = reopen(db, resolve_uuid(db, uuid), reason)
    click.echo(_("Submission {uuid} is a draft again (revision {revision}).").format(
        uuid=record.uuid, revision=record.revision))


@submissions.command("delete")
@click.argument("uuid")
@click.option("--reason", default=None, help="Why (kept in the audit log).")
@common_options
def submissions_delete(uuid: str, reason: str | None, env: Env) -> None:
    """Delete a draft (final submissions cannot be deleted; the audit log keeps it all).

    Example: python main.py submissions delete 3f2a9c1e --reason "duplicate interview"
    """
    from fieldapp.store.submissions import delete_draft, resolve_uuid

    with open_store(env) as db:
        record = delete_draft(db, resolve_uuid(db, uuid), reason)
    click.echo(_("Deleted draft {uuid}.").format(uuid=record.uuid))
