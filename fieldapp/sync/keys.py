"""This laptop's Ed25519 signing key (created on first use, file readable by the user only)
and the checking of other laptops' signatures."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from fieldapp import paths
from fieldapp.errors import BundleError

KEY_SUFFIX = ".ed25519"


@dataclass(slots=True)
class SigningKey:
    """The private key of one device and its public key as text (base64 of 32 bytes)."""

    device_id: str
    private: Ed25519PrivateKey
    public_text: str

    def sign(self, data: bytes) -> str:
        """The signature of ``data`` as base64 text."""
        return base64.b64encode(self.private.sign(data)).decode("ascii")


def public_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def fingerprint(public: str) -> str:
    """A short form of a public key for people to compare (``ab12-cd34-ef56-7890``)."""
    import hashlib

    digest = hashlib.sha256(public.encode("ascii")).hexdigest()[:16]
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def key_path(device_id: str, folder: Path | None = None) -> Path:
    """The key file of ``device_id``."""
    folder = Path(folder) if folder is not None else paths.keys_dir()
    safe = "".join(c for c in device_id if c.isalnum() or c in "-_") or "device"
    return folder / f"{safe}{KEY_SUFFIX}"


def _write_new(path: Path, data: bytes) -> None:
    # O_EXCL: two processes creating the key at once must not end with two different keys;
    # the loser reads the winner's file. 0600 from the start, never world-readable.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process won the race
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def load_key(device_id: str, folder: Path | None = None) -> SigningKey:
    """The signing key of this device, created on first use.

    :raises BundleError: BUNDLE_033 if the key file cannot be read or written
    """
    path = key_path(device_id, folder)
    try:
        if not path.exists():
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            _write_new(path, pem)
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise BundleError("BUNDLE_033", path=path, detail=str(exc)) from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise BundleError("BUNDLE_033", path=path, detail="not an Ed25519 key")
    return SigningKey(device_id, private, public_text(private.public_key()))


def verify(public: str, data: bytes, signature: str) -> bool:
    """Whether ``signature`` (base64) is the signature of ``data`` by the key ``public``."""
    try:
        raw_key = base64.b64decode(public.encode("ascii"), validate=True)
        raw_sig = base64.b64decode(signature.encode("ascii"), validate=True)
        Ed25519PublicKey.from_public_bytes(raw_key).verify(raw_sig, data)
    except (InvalidSignature, ValueError, TypeError, UnicodeError):
        return False
    return True
