"""Trusted devices: the laptops whose signed bundles this database accepts, by public key."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.errors import BundleError, FieldappError
from fieldapp.store import clock
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded, rows
from fieldapp.sync.keys import fingerprint
from fieldapp.sync.manifest import Manifest


@dataclass(slots=True)
class Device:
    """A device known here; ``revoked_at`` is set once its bundles are refused."""

    device_id: str
    public_key: str
    technician: str
    trusted_at: str
    revoked_at: str | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def as_dict(self) -> dict:
        return {"device_id": self.device_id, "technician": self.technician,
                "fingerprint": self.fingerprint, "public_key": self.public_key,
                "trusted_at": self.trusted_at, "revoked_at": self.revoked_at}


@guarded
def list_devices(db: Database) -> list[Device]:
    """The devices known here, trusted first, then by technician."""
    found = rows(db, "SELECT * FROM trusted_devices"
                     " ORDER BY revoked_at IS NOT NULL, technician, device_id")
    return [Device(**row) for row in found]


@guarded
def find_device(db: Database, device_id: str) -> Device | None:
    found = rows(db, "SELECT * FROM trusted_devices WHERE device_id = ?", (device_id,))
    return Device(**found[0]) if found else None


def check_signer(db: Database, manifest: Manifest, *, own_key: str | None,
                 trust: bool) -> bool:
    """Whether the signer is accepted; True when it is new and must be trusted now.

    :raises BundleError: BUNDLE_010 another key for a known device, BUNDLE_012 revoked,
      BUNDLE_011 unknown without ``trust``
    """
    device = manifest.device_id
    if own_key is not None:  # this laptop's own bundle
        if manifest.public_key != own_key:
            raise BundleError("BUNDLE_010", device=device)
        return False
    known = find_device(db, device)
    if known is not None:
        if known.public_key != manifest.public_key:
            raise BundleError("BUNDLE_010", device=device)
        if known.revoked_at:
            raise BundleError("BUNDLE_012", device=device, date=known.revoked_at[:10])
        return False
    if not trust:
        raise BundleError("BUNDLE_011", device=device,
                          technician=manifest.technician or "?")
    return True


def record_trust(db: Database, device_id: str, public_key: str, technician: str) -> None:
    """Trust a device's key (inside the caller's transaction); a revoked one is trusted again
    with the key given."""
    db.conn.execute(
        "INSERT INTO trusted_devices (device_id, public_key, technician, trusted_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
        " public_key = excluded.public_key, technician = excluded.technician,"
        " trusted_at = excluded.trusted_at, revoked_at = NULL",
        (device_id, public_key, technician, clock.now()))


@guarded
def trust_device(db: Database, device_id: str, public_key: str, technician: str = "") -> Device:
    """Trust a device (from a bundle whose signature verified)."""
    with atomic(db):
        record_trust(db, device_id, public_key, technician)
    found = find_device(db, device_id)
    assert found is not None
    return found


@guarded
def retrust_device(db: Database, device_id: str) -> Device:
    """Trust again a revoked device, with the key it had.

    :raises FieldappError: DEVICE_001 if the device is unknown
    """
    with atomic(db):
        known = find_device(db, device_id)
        if known is None:
            raise FieldappError("DEVICE_001", device=device_id)
        db.conn.execute("UPDATE trusted_devices SET revoked_at = NULL WHERE device_id = ?",
                        (device_id,))
    return find_device(db, device_id)  # type: ignore[return-value]


@guarded
def revoke_device(db: Database, device_id: str) -> Device:
    """Refuse the device's later bundles (what it sent before stays).

    :raises FieldappError: DEVICE_001 if the device is unknown
    """
    with atomic(db):
        known = find_device(db, device_id)
        if known is None:
            raise FieldappError("DEVICE_001", device=device_id)
        if not known.revoked_at:
            db.conn.execute("UPDATE trusted_devices SET revoked_at = ? WHERE device_id = ?",
                            (clock.now(), device_id))
    return find_device(db, device_id)  # type: ignore[return-value]
