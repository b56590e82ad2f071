"""``conflicts`` commands: the copies of a submission edited apart, and deciding between them."""

from __future__ import annotations

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import N_, _



@click.group()
def conflicts() -> None:
    """List and resolve conflicts between copies of a submission edited on two laptops.

    Example: python main.py conflicts list
    """


@conflicts.command("list")
@click.option("--all", "include_resolved", is_flag=True, help="Resolved conflicts too.")
@common_options(json_output=True)
def conflicts_list(include_resolved: bool, env: Env) -> None:
    """List the conflicts waiting for a decision, and organizations typed twice.

    Example: python main.py conflicts list --json
    """
    from fieldapp.sync.conflicts import list_conflicts
    from fieldapp.sync.orgflags import list_org_flags

    with open_store(env, write=False) as db:
        found = list_conflicts(db, include_resolved=include_resolved)
        flags = list_org_flags(db)
    if env.as_json:
        echo_json({"conflicts": [c.as_dict() for c in found],
                   "organizations": [f.as_dict() for f in flags]})
        return
    echo_table(
        [_("id"), _("submission"), _("organization"), _("local copy"), _("incoming copy"),
         _("fields"), _("status")],
        [(c.id, c.uuid[:8], c.org_id,
          f"r{c.local.revision} {c.local.technician} {c.local.updated_at[:10]}",
          f"r{c.incoming.revision} {c.incoming.technician} {c.incoming.updated_at[:10]}",
          len(c.differences), c.resolution or c.status) for c in found],
        empty=_("No conflicts."),
    )
    for flag in flags:
        click.echo(_("Organizations {a} and {b} have the same name ({name}): merge them if"
                     " they are one.").format(a=flag.org_a, b=flag.org_b, name=flag.name))


@conflicts.command("show")
@click.argument("conflict_id")
@common_options(json_output=True)
def conflicts_show(conflict_id: str, env: Env) -> None:
    """Show the fields that differ between the two copies.

    Example: python main.py conflicts show 3fa2b1c0
    """
    from fieldapp.sync.conflicts import get_conflict

    with open_store(env, write=False) as db:
        found = get_conflict(db, conflict_id)
    if env.as_json:
        echo_json(found.as_dict(answers=True))
        return
    echo_table([_("field"), _("local"), _("incoming")],
               [(d.path, d.local, d.incoming) for d in found.differences])


def _field_choice(value: str) -> tuple[str, str]:
    path, sep, side = value.rpartition("=")
    if not sep or not path:
        raise click.BadParameter(_("use PATH=local or PATH=incoming"), param_hint="--field")
    return path.strip(), side.strip().lower()


@conflicts.command("resolve")
@click.argument("conflict_id")
@click.option("--keep", type=click.Choice(["local", "incoming"]), default=None,
              help="The copy to keep (for every field not chosen with --field).")
@click.option("--field", "fields", multiple=True, metavar=N_("PATH=local|incoming"),
              help="The copy to take one field from; repeat for each field.")
@common_options
def conflicts_resolve(conflict_id: str, keep: str | None, fields: tuple[str, ...],
                      env: Env) -> None:
    """Resolve a conflict by keeping one copy, or field by field.

    Example: python main.py conflicts resolve 3fa2b1c0 --keep local --field perfil/edad=incoming
    """
    from fieldapp.sync.conflicts import resolve_conflict

    chosen = dict(_field_choice(f) for f in fields)
    with open_store(env) as db:
        result = resolve_conflict(db, conflict_id, keep=keep, fields=chosen)
    click.echo(_("Resolved: submission {uuid} is now at revision {revision}.").format(
        uuid=result.uuid, revision=result.revision))
