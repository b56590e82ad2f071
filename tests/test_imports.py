"""The core stays pure: importing any module outside ``fieldapp/gui/`` loads no Tk
(click ``tests/test_imports.py::test_light_imports``), and only the XLSForm reader imports
pyxform."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "fieldapp"
GUI_PACKAGES = ("tkinter", "_tkinter", "ttkbootstrap", "PIL.ImageTk")
PYXFORM_ALLOWED = {"fieldapp/forms/xlsform.py"}


def core_modules() -> list[str]:
    """Every importable module of the package outside ``fieldapp/gui/``."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT)
        parts = list(relative.with_suffix("").parts)
        if parts[:2] == ["fieldapp", "gui"] or parts[-1] == "__main__":
            continue  # __main__ runs the CLI on import
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


IMPORT_ALL = """
import importlib, json, sys
failed = {}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as exc:  # reported, not hidden
        failed[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps({"modules": sorted(sys.modules), "failed": failed}))
"""


def test_core_modules_are_found():
    modules = core_modules()
    for expected in ("fieldapp", "fieldapp.forms.session", "fieldapp.capture.session",
                     "fieldapp.analysis.orgscores", "fieldapp.cli.scores",
                     "fieldapp.store.submissions", "fieldapp.expr"):
        assert expected in modules
    assert not any(m.startswith("fieldapp.gui") for m in modules)


def test_light_imports():
    """Import every core module in a fresh interpreter; no GUI toolkit gets loaded."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DISPLAY", None)  # a core module must not need a display either
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL, json.dumps(core_modules())],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["failed"] == {}
    loaded = set(data["modules"])
    assert not [m for m in GUI_PACKAGES if m in loaded]
    assert not [m for m in loaded if m.startswith(("ttkbootstrap.", "tkinter.", "fieldapp.gui"))]


def test_the_command_line_starts_without_heavy_libraries():
    """Every command pays for what ``main.py`` imports before it runs: the CLI loads neither
    sqlite-utils (the analysis copy's builder, with dateutil and pluggy: ~70 ms) nor Babel
    (~20 ms, loaded when a number or date is first written), nor pandas, numpy or reportlab."""
    code = ("import json, sys; import fieldapp.cli, fieldapp.store.submissions, "
            "fieldapp.formatting; print(json.dumps(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = {m.split(".")[0] for m in json.loads(result.stdout.strip().splitlines()[-1])}
    assert not loaded & {"sqlite_utils", "babel", "dateutil", "pandas", "numpy", "reportlab",
                         "pyxform", "openpyxl"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_xlsform_reader_imports_pyxform(path):
    relative = path.relative_to(ROOT).as_posix()
    if relative not in PYXFORM_ALLOWED:
        assert "pyxform" not in _imports(path), relative
    if not relative.startswith("fieldapp/gui/"):
        assert not {"tkinter", "ttkbootstrap"} & _imports(path), relative


# fieldapp's layers, each importing only from those before it (style.md §1). Packages named
# in one layer with "|" between them are siblings that never import each other (sync never
# sees capture; reports and exports are independent). A package that does not exist yet is
# simply listed; every package that exists must have its row.
LAYERS = [
    "__init__ errors i18n paths formatting csvio",
    "expr",
    "forms",
    "store",
    "registry storedscores",
    "capture | sync",
    "analysis demo",
    "reports | exports",
    "cli gui __main__",
]


def _place(module: str) -> tuple[int, int]:
    """(layer, sibling group) of a ``fieldapp.*`` module; (-1, -1) outside fieldapp."""
    if not module.startswith("fieldapp."):
        return -1, -1
    top = module.split(".")[1]
    for index, layer in enumerate(LAYERS):
        for group, names in enumerate(layer.split("|")):
            if top in names.split():
                return index, group
    return -1, -1


def _modules() -> list[tuple[str, Path]]:
    return [("fieldapp." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts), path)
            for path in sorted(PACKAGE.rglob("*.py"))]


def test_every_package_has_its_layer():
    assert [m for m, _ in _modules() if _place(m)[0] < 0] == []


def test_the_readme_layout_names_every_part_of_the_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):]
    parts = {p.name for p in PACKAGE.iterdir() if not p.name.startswith(("_", "."))} - {
        "locale"}
    missing = [name for name in sorted(parts)
               if f"`{name}`" not in layout and f"`fieldapp/{name}" not in layout
               and f"`{name}/`" not in layout and f"`fieldapp/{name}/`" not in layout]
    assert missing == [], "add them to README's layout table"


def test_the_layers_name_the_expected_order():
    order = {name: _place(f"fieldapp.{name}") for name in (
        "errors", "formatting", "csvio", "expr", "forms", "store", "registry", "capture",
        "sync", "analysis", "reports", "exports", "cli", "gui")}
    assert order["formatting"][0] == order["csvio"][0] == order["errors"][0]
    assert order["store"] < order["registry"] < order["capture"] < order["analysis"]
    assert order["sync"][0] == order["capture"][0] and order["sync"] != order["capture"]
    assert order["analysis"] < order["reports"] and order["reports"][0] < order["gui"][0]


def test_dependencies_point_one_way():
    wrong = []
    for module, path in _modules():
        mine, my_group = _place(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                theirs, their_group = _place(name)
                if name == "fieldapp":  # ``from fieldapp import x``: judged by x below
                    names.extend(f"fieldapp.{a.name}" for a in node.names)
                    continue
                if theirs > mine or (theirs == mine and their_group != my_group):
                    wrong.append(f"{module} imports {name}")
    assert wrong == []
