"""``submissions`` commands: list, show, finalize, reopen and delete submissions."""

from __future__ import annotations

from dataclasses import asdict

import click

from fieldapp.cli.common import (
    Env,
    common_options,
    echo_columns,
    echo_json,
    echo_table,
    open_store,
)
from fieldapp.formatting import status_label
from fieldapp.i18n import N_, _


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
    from fieldapp.store.submissions import list_submissions, submission_table

    filters = {"org": org, "round": round_id, "status": status, "form_id": form_id,
               "include_deleted": deleted}
    with open_store(env, write=False) as db:
        if env.as_json:
            found = list_submissions(db, **filters)
        else:
            table = submission_table(db, ["uuid", "form_id", "form_version", "org_id",
                                          "round_id", "respondent", "status", "deleted",
                                          "revision", "updated_at"], **filters)
    if env.as_json:
        echo_json([asdict(s) for s in found])
        return
    uuids, forms, versions, orgs, rounds, respondents, states, gone, revisions, updated = \
        zip(*table) if table else [()] * 10
    labels = {key: status_label(key[0], bool(key[1])) for key in set(zip(states, gone))}
    echo_columns(
        [_("uuid"), _("form"), _("organization"), _("round"), _("respondent"), _("status"),
         _("revision"), _("updated")],
        [uuids, [f"{form} {version}" for form, version in zip(forms, versions)], orgs,
         rounds, respondents, list(map(labels.__getitem__, zip(states, gone))), revisions,
         updated],
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
    status = status_label(record.status, record.deleted)
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
    from fieldapp.capture import finalize_submission
    from fieldapp.store.submissions import get_submission, resolve_uuid

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
