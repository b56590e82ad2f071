"""``python main.py`` itself: the entry points, and no traceback where there is no screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_without_a_screen_the_app_says_so_in_the_users_language(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["FIELDAPP_DB"] = str(tmp_path / "f.db")
    result = _run("main.py", "--lang", "es", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: La ventana no se puede abrir aquí")


def test_python_dash_m_fieldapp_is_the_same_cli(tmp_path):
    env = dict(os.environ, FIELDAPP_DB=str(tmp_path / "f.db"))
    via_main = _run("main.py", "--help", env=env)
    via_module = _run("-m", "fieldapp", "--help", env=env)
    assert via_main.returncode == via_module.returncode == 0
    assert via_main.stdout == via_module.stdout
    assert "forms" in via_main.stdout


def test_without_tkinter_the_app_says_what_to_install(tmp_path):
    """Bug: it used to print --help, as if nothing were wrong."""
    blocker = tmp_path / "no-tk"
    blocker.mkdir()
    for name in ("tkinter", "_tkinter"):  # shadows the standard library's, as if absent
        (blocker / f"{name}.py").write_text(
            f'raise ModuleNotFoundError("No module named {name}", name={name!r})\n')
    env = dict(os.environ, PYTHONPATH=str(blocker), FIELDAPP_DB=str(tmp_path / "f.db"))
    for args in (("main.py", "--lang", "en"), ("main.py", "--lang", "es")):
        result = _run(*args, env=env)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and "Usage:" not in result.stdout
        assert "python3-tk" in result.stderr
    assert result.stderr.startswith("Error: ")
    preview = _run("main.py", "forms", "preview", str(ROOT / "forms" / "medios_de_vida.xlsx"),
                   env=env)
    assert preview.returncode == 1 and "python3-tk" in preview.stderr
