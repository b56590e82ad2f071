"""GUI tests: a real Tk under an Xvfb display started for the session (skipped without Xvfb)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

SCREEN = "1366x768x24"


def _free_display() -> int:
    for number in range(91, 400):
        if not Path(f"/tmp/.X{number}-lock").exists() and \
                not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture(scope="session")
def xvfb(tmp_path_factory: pytest.TempPathFactory):
    """An Xvfb display (1366×768) for the whole session; DISPLAY points at it, and the user
    data and cache folders point into the session's temporary folder."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb); the GUI tests need a display")
    try:
        import tkinter  # noqa: F401
    except ImportError:
        pytest.skip("tkinter is not installed (apt-get install python3-tk)")
    number = _free_display()
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.skip("Xvfb did not start")
        time.sleep(0.05)
    base = tmp_path_factory.mktemp("gui-user")
    saved = {k: os.environ.get(k) for k in ("DISPLAY", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                             "FIELDAPP_CACHE", "FIELDAPP_DB")}
    os.environ["DISPLAY"] = f":{number}"
    os.environ["XDG_DATA_HOME"] = str(base / "data")
    os.environ["XDG_CACHE_HOME"] = str(base / "cache")
    os.environ["FIELDAPP_CACHE"] = str(base / "cache" / "fieldapp")
    os.environ.pop("FIELDAPP_DB", None)
    try:
        yield os.environ["DISPLAY"]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(autouse=True)
def _display(xvfb):
    """Every test here runs on the session's display."""
    yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database with two organizations, two rounds and a technician (no first-run dialog)."""
    from guidrive import seed

    path = tmp_path / "field.db"
    seed(path)
    return path


@pytest.fixture
def shell(db_path: Path):
    """The app on ``db_path`` in Spanish, home screen shown; closed afterwards."""
    from guidrive import close_app, start_app

    app = start_app(db_path, "es")
    yield app
    close_app(app)
