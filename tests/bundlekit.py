"""Taking real bundles apart and putting them back together, to make hostile ones: members
changed, added or dropped, manifests edited, re-signed with the right key or a wrong one."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldapp.sync.keys import SigningKey, load_key, public_text


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write(path: Path, files: dict[str, bytes], *, links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)  # a symbolic link, as zip tools store it
            zf.writestr(info, target)
    return path


def manifest(files: dict[str, bytes]) -> dict:
    return json.loads(files["manifest.json"])


def signer(files: dict[str, bytes]) -> SigningKey:
    """The real key of the laptop that made the bundle (a trusted laptop gone wrong)."""
    return load_key(manifest(files)["device_id"])


def stranger() -> SigningKey:
    key = Ed25519PrivateKey.generate()
    return SigningKey("stranger", key, public_text(key.public_key()))


def seal(files: dict[str, bytes], key: SigningKey | None = None, *, data: dict | None = None,
         checksums: bool = True, claim_key: bool = True) -> dict[str, bytes]:
    """Files with the manifest updated (checksums of every member) and signed by ``key``.

    :param claim_key: put ``key``'s public key in the manifest (else keep the one there)
    """
    key = key or signer(files)
    data = data or manifest(files)
    if checksums:
        data["files"] = {
            name: {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
            for name, body in files.items() if name not in ("manifest.json", "manifest.sig")}
    if claim_key:
        data["public_key"] = key.public_text
    raw = json.dumps(data, indent=1).encode("utf-8")
    return {**files, "manifest.json": raw, "manifest.sig": key.sign(raw).encode("ascii")}


def csv_replace(files: dict[str, bytes], member: str, old: bytes, new: bytes,
                count: int = 1) -> dict[str, bytes]:
    body = files[member]
    assert old in body, (member, old)
    return {**files, member: body.replace(old, new, count)}
