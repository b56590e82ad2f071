"""``devices`` commands: the laptops whose bundles this database accepts."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import _



@click.group()
def devices() -> None:
    """List, trust and revoke the devices whose bundles are accepted here.

    Example: python main.py devices list
    """


@devices.command("list")
@common_options(json_output=True)
def devices_list(env: Env) -> None:
    """List the known devices and their key fingerprints.

    Example: python main.py devices list --json
    """
    from fieldapp.sync.trust import list_devices

    with open_store(env, write=False) as db:
        found = list_devices(db)
    if env.as_json:
        echo_json([d.as_dict() for d in found])
        return
    echo_table(
        [_("device"), _("technician"), _("key"), _("trusted"), _("revoked")],
        [(d.device_id, d.technician, d.fingerprint, d.trusted_at[:16], (d.revoked_at or "")[:16])
         for d in found],
        empty=_("No devices yet: the first bundle of a device is trusted with 'bundle import"
                " --trust'."),
    )


@devices.command("trust")
@click.argument("bundle_or_device")
@common_options
def devices_trust(bundle_or_device: str, env: Env) -> None:
    """Trust the device that signed a bundle (or trust again a revoked device).

    Example: python main.py devices trust /media/usb/fieldapp-1a2b3c4d-20240501-101500.zip
    """
    from fieldapp.sync.importer import signer_of
    from fieldapp.sync.trust import retrust_device, trust_device

    given = Path(bundle_or_device)
    with open_store(env) as db:
        if given.is_file():
            manifest = signer_of(given)
            device = trust_device(db, manifest.device_id, manifest.public_key,
                                  manifest.technician)
        else:
            device = retrust_device(db, bundle_or_device)
    click.echo(_("Trusted device {device} ({technician}), key {fingerprint}.").format(
        device=device.device_id, technician=device.technician or "?",
        fingerprint=device.fingerprint))


@devices.command("revoke")
@click.argument("device_id")
@common_options
def devices_revoke(device_id: str, env: Env) -> None:
    """Refuse the later bundles of a device (what it sent before stays).

    Example: python main.py devices revoke 1a2b3c4d-0000-4000-8000-000000000000
    """
    from fieldapp.sync.trust import revoke_device

    with open_store(env) as db:
        device = revoke_device(db, device_id)
    click.echo(_("Revoked device {device} ({technician}).").format(
        device=device.device_id, technician=device.technician or "?"))
