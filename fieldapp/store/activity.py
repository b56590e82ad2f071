"""What a long write is doing, so a window kept waiting can say "busy, importing …".

An import that promises all rows or none holds the write lock for its whole transaction; a
window cannot save meanwhile. The importer leaves a small note beside the database while it
runs (``fieldapp.db.busy``: its process id and a message id with values); a window whose save
found the database busy reads it and tells the technician what it waits for. A note left by a
killed process is ignored (its process is gone).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Iterator

from fieldapp import paths
from fieldapp.i18n import _


def note_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".busy")


@contextlib.contextmanager
def announce(db_path: Path | None, message: str, **values: object) -> Iterator[None]:
    """Leave the note while the block runs. ``message`` is a msgid (``N_``) with ``values``."""
    if db_path is None:
        yield
        return
    note = note_path(db_path)
    try:
        paths.create_private_file(note)
        note.write_text(json.dumps({"pid": os.getpid(), "message": message,
                                    "values": {k: str(v) for k, v in values.items()}}),
                        encoding="utf-8")
        written = True
    except OSError:  # read-only folder: the import will say so itself
        written = False
    try:
        yield
    finally:
        if written:
            with contextlib.suppress(OSError):
                note.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def current(db_path: Path | None) -> str | None:
    """What another program is doing with the database, translated; None when unknown."""
    if db_path is None:
        return None
    try:
        data = json.loads(note_path(db_path).read_text(encoding="utf-8"))
        if not _alive(int(data["pid"])):
            return None
        return _(str(data["message"])).format(**data.get("values", {}))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
