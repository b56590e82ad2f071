"""Where fieldapp finds its data files and keeps the user's data (knows the frozen app)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


APP_NAME = "fieldapp"


def resource_root() -> Path:
    """The folder holding ``forms/`` and ``fieldapp/`` (the PyInstaller bundle when frozen)."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def builtin_forms_dir() -> Path:
    """The built-in XLSForm workbooks."""
    return resource_root() / "forms"


def migrations_dir() -> Path:
    """The numbered schema migrations."""
    return resource_root() / "db"


def locale_dir() -> Path:
    """The gettext catalogs."""
    return Path(__file__).resolve().parent / "locale"


def report_fonts_dir() -> Path:
    """The TrueType fonts embedded in printed reports (DejaVu, shipped with its licence)."""
    return Path(__file__).resolve().parent / "reports" / "fonts"


def user_data_dir() -> Path:
    """The per-user data folder (created on demand, readable only by the user)."""
    import platformdirs  # only here and below: commands given --db never load it

    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


# Answers are personal data: on a shared laptop other accounts must not read them. The
# database, its backups, sync keys and the log are 0600 files in 0700 folders (POSIX; on
# Windows the user's profile folders are already private).
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """``path`` as a folder only the user can open (created if missing)."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(path)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable only by the user, unless it exists."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass


def make_private(path: Path) -> None:
    """Take away group and others' access to ``path`` (a file or folder); never fails."""
    if os.name != "posix":
        return
    try:
        mode = os.stat(path).st_mode
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
    except OSError:  # not ours, or a FAT stick without permissions: nothing to tighten
        pass


def user_cache_dir() -> Path:
    """The per-user cache folder (parsed forms); ``FIELDAPP_CACHE`` overrides it."""
    import platformdirs

    override = os.environ.get("FIELDAPP_CACHE")
    path = Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:  # a full or unwritable cache only costs time: its users go without it
        pass
    return path


def keys_dir() -> Path:
    """Where this installation keeps its signing keys (``keys/`` in the user data folder;
    ``FIELDAPP_KEYS`` overrides it). Created on demand, readable by the user only."""
    override = os.environ.get("FIELDAPP_KEYS")
    path = Path(override) if override else user_data_dir() / "keys"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_db_path() -> Path:
    """The database used when ``--db`` is not given; ``FIELDAPP_DB`` overrides it."""
    override = os.environ.get("FIELDAPP_DB")
    if override:
        return Path(override)
    return user_data_dir() / "fieldapp.db"


def demo_db_path(db_path: Path) -> Path:
    """The demo database kept beside ``db_path`` (``fieldapp.db`` → ``fieldapp-demo.db``):
    fictional data never enters the user's own database."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}-demo{db_path.suffix or '.db'}")


def log_path() -> Path:
    """The file unexpected errors are logged to."""
    return user_data_dir() / "fieldapp.log"


def removable_drives() -> list[Path]:
    """The mounted removable drives (USB sticks) where bundles can go, best guess per system:
    drive letters of removable disks on Windows, ``/Volumes/*`` on macOS, the desktop's
    automount folders (``/media/USER/*``, ``/run/media/USER/*``) on Linux."""
    found: list[Path] = []
    if sys.platform == "win32":
        import ctypes
        import string

        kernel = getattr(ctypes, "windll").kernel32
        for letter in string.ascii_uppercase:
            root = f"{letter}:\\"
            if kernel.GetDriveTypeW(root) == 2:  # DRIVE_REMOVABLE
                found.append(Path(root))
        return found
    if sys.platform == "darwin":
        candidates = [Path("/Volumes")]
    else:
        user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
        candidates = [Path("/media") / user, Path("/run/media") / user, Path("/media")]
    for folder in candidates:
        try:
            children = sorted(folder.iterdir())
        except OSError:
            continue
        for child in children:
            if child.is_dir() and os.path.ismount(child) and child not in found:
                found.append(child)
    return found
