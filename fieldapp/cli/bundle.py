"""``bundle`` commands: export a bundle to a USB stick, import bundles, verify one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options, echo_json, open_store
from fieldapp.i18n import _, ngettext



@click.group()
def bundle() -> None:
    """Carry data between laptops on a USB stick: export, import and verify bundles.

    Example: python main.py bundle export /media/usb
    """


@bundle.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--setup", is_flag=True,
              help="A setup bundle for technicians: forms, organizations and rounds.")
@click.option("--all", "everything", is_flag=True,
              help="Every final submission, not only those changed since the last export "
                   "to this folder.")
@click.option("--include-drafts", is_flag=True, help="Drafts too (they stay drafts).")
@common_options(json_output=True)
def bundle_export(folder: Path, setup: bool, everything: bool, include_drafts: bool,
                  env: Env) -> None:
    """Write a bundle (a .zip) into FOLDER and print its path.

    Example: python main.py bundle export /media/usb --include-drafts
    """
    from fieldapp.sync import export_bundle

    with open_store(env) as db:
        result = export_bundle(db, folder, setup=setup, everything=everything,
                               include_drafts=include_drafts)
    if env.as_json:
        echo_json(result.as_dict())
        return
    click.echo(str(result.path))
    if setup:
        text = _("Setup bundle: {forms} form versions, {orgs} organizations, {rounds} rounds.")
        click.echo(text.format(forms=result.forms, orgs=result.organizations,
                               rounds=result.rounds), err=True)
    else:
        click.echo(ngettext("{n} submission in the bundle ({drafts} drafts).",
                            "{n} submissions in the bundle ({drafts} drafts).",
                            result.submissions).format(n=result.submissions,
                                                       drafts=result.drafts), err=True)


def _outcome(report) -> str:
    from fieldapp.sync.results import ALREADY, PREVIEW, REFUSED

    if report.status == REFUSED:
        return _("refused: {reason}").format(reason=report.error.message if report.error else "")
    counts = _("{added} added, {updated} updated, {skipped} skipped, {conflicts} in conflict"
               ).format(added=report.added, updated=report.updated, skipped=report.skipped,
                        conflicts=report.conflicts)
    if report.status == ALREADY:
        return _("already imported: nothing changed")
    if report.status == PREVIEW:
        return _("would import: {counts}").format(counts=counts)
    return _("imported: {counts}").format(counts=counts)


@bundle.command("import")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--trust", is_flag=True,
              help="Trust the devices of these bundles if they are not known yet.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--kind", type=click.Choice(["field", "setup"]), default=None,
              help="Refuse bundles of the other kind.")
@common_options(json_output=True)
def bundle_import(paths: tuple[Path, ...], trust: bool, dry_run: bool, kind: str | None,
                  env: Env) -> None:
    """Import bundles (files, or folders of .zip files); each is applied whole or not at all.

    Prints, per bundle, what was added, updated, skipped or is in conflict, or why it was
    refused. The exit code is 1 when a bundle was refused.

    Example: python main.py bundle import /media/usb --trust
    """
    from fieldapp.store.backups import backup_before_import
    from fieldapp.sync import ImportOptions, import_bundles

    options = ImportOptions(trust=trust, dry_run=dry_run, expect=kind,
                            before_import=backup_before_import)
    with open_store(env) as db:
        reports = import_bundles(db, paths, options)
    if env.as_json:
        echo_json([r.as_dict() for r in reports])
    else:
        for report in reports:
            click.echo(f"{report.file.name}: {_outcome(report)}")
            if report.error is not None and report.error.context.get("member"):
                click.echo("    " + report.error.location())
            if report.trusted_now and not dry_run:
                click.echo("    " + _("Device {device} ({technician}) is trusted from now on;"
                                      " key {fingerprint}.").format(
                    device=report.device_id, technician=report.technician or "?",
                    fingerprint=report.fingerprint))
            for a, b in report.org_flags:
                click.echo("    " + _("Organizations {a} and {b} have the same name: merge them"
                                      " if they are one.").format(a=a, b=b))
    if any(r.refused for r in reports):
        sys.exit(1)


@bundle.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@common_options(json_output=True)
def bundle_verify(file: Path, env: Env) -> None:
    """Check a bundle through (zip, signature, checksums, tables) without importing it.

    Example: python main.py bundle verify /media/usb/fieldapp-1a2b3c4d-20240501-101500.zip
    """
    from fieldapp.sync import verify_bundle

    report = verify_bundle(file)
    if env.as_json:
        echo_json(report.as_dict())
    elif report.error is None:
        click.echo(_("{file}: sound. A {kind} bundle by {technician} (device {device}, key"
                     " {fingerprint}), made {created}, holding {n} submissions.").format(
            file=file.name, kind=report.kind, technician=report.technician or "?",
            device=report.device_id, fingerprint=report.fingerprint,
            created=report.created_at, n=report.submissions))
    if report.error is not None:
        if not env.as_json:
            click.echo(_("Error: {message}").format(message=report.error), err=True)
        sys.exit(1)
