"""Benchmark of the GUI: start-up to the drawn home screen, opening the largest built-in form,
and a key press in a field to the updated score panel, next to the core's own time.

Run: .venv/bin/python bench/gui.py [--repeat N]   (prints a table; always exits 0)

It starts its own Xvfb display (1366×768) unless ``--display`` names one. Target (issue 5):
the GUI adds less than 30 ms to the core's evaluation of a key press.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
sys.path.insert(0, str(ROOT / "tests" / "gui"))  # the event helpers the GUI tests use

TARGET_MS = 30.0
CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from fieldapp.gui.app import build
shell = build({db!r}, "es", size=(1366, 768), demo=False)
root = shell.root
while not (shell.screen is not None and shell.screen.winfo_ismapped()):
    root.update()
root.update_idletasks()
root.update()
print("ready", flush=True)
shell.quit()
"""


def ms(seconds: float) -> float:
    return seconds * 1000


def start_xvfb() -> subprocess.Popen | None:
    if shutil.which("Xvfb") is None:
        return None
    for number in range(140, 400):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    return proc


def startup_times(db: Path, repeat: int) -> list[float]:
    """Seconds from starting a fresh Python process to the home screen being drawn."""
    samples = []
    code = CHILD.format(root=str(ROOT), db=str(db))
    for _i in range(repeat):
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            if line.startswith("ready"):
                samples.append(time.perf_counter() - began)
                break
        proc.wait(timeout=60)
    return samples


def largest_builtin() -> str:
    from fieldapp.forms.builtins import builtin_paths
    from fieldapp.forms.workbooks import open_workbook
    from fieldapp.forms.summary import summarize

    sizes = {}
    for path in builtin_paths():
        form = open_workbook(path)
        sizes[form.form_id] = summarize(form)["questions"]
    return max(sizes, key=sizes.get)


def open_form_times(db: Path, form_id: str, repeat: int) -> list[float]:
    """Seconds from pressing the start button to the first page drawn (warm form cache)."""
    from guidrive import click_row, close_app, pump, start_app

    shell = start_app(db, "es")
    samples = []
    try:
        for _i in range(repeat):
            shell.show_home()
            home = shell.screen
            click_row(home.org_tree, "C1")
            button = home.start_buttons[form_id]
            shell.root.update()
            began = time.perf_counter()
            button.invoke()
            pump(shell.root, until=lambda: shell.form_view is not None
                 and shell.form_view.winfo_ismapped())
            shell.root.update_idletasks()
            samples.append(time.perf_counter() - began)
            shell.form_view.close()
    finally:
        close_app(shell)
    return samples


def keypress_latency(db: Path, repeat: int) -> tuple[list[float], list[float]]:
    """(GUI: key press on a maturity item → score panel redrawn; core: the same answer set
    and autosaved, plus the scores computed), in seconds."""
    from guidrive import click_row, close_app, pump, start_app

    shell = start_app(db, "es")
    gui, core = [], []
    try:
        home = shell.screen
        click_row(home.org_tree, "C1")
        home.start_buttons["desarrollo_organizacional"].invoke()
        pump(shell.root, until=lambda: shell.form_view is not None)
        view = shell.form_view
        view.go_to_page(next(p.index for p in view.pages if p.path == "area_A1"))
        shell.root.update()
        capture = view.binding
        items = [f"area_A1/A1_{i}" for i in range(1, 5)]
        for n in range(repeat):
            path = items[n % len(items)]
            level = "3" if capture.session.get(path) != "3" else "4"
            widget = view.page_view.widgets[path]
            widget.focus_first()
            shell.root.update()
            radio = view.focus_get()
            before = view.scores.refresh_count
            began = time.perf_counter()
            radio.event_generate("<KeyPress>", keysym=level)
            shell.root.update_idletasks()
            gui.append(time.perf_counter() - began)
            assert view.scores.refresh_count == before + 1
            # the core alone: the same kind of edit, saved, then the scores
            other = "4" if level == "3" else "3"
            began = time.perf_counter()
            capture.set(path, other)
            capture.session.scores()
            core.append(time.perf_counter() - began)
            view.after_change(capture.session.set(path, other))  # keep the window in step
            shell.root.update()
    finally:
        close_app(shell)
    return gui, core


def seed(path: Path) -> None:
    from fieldapp.store import open_db
    from fieldapp.store.identity import set_technician
    from fieldapp.store.orgs import add_organization
    from fieldapp.store.rounds import add_round

    db = open_db(path)
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)
    set_technician(db, "Bench")
    db.conn.close()


def row(name: str, samples: list[float], note: str = "") -> str:
    if len(samples) > 1:
        cut = statistics.quantiles(samples, n=20, method="inclusive")
    else:
        cut = samples * 19
    return f"{name:<46} {ms(statistics.median(samples)):>9.1f} {ms(cut[18]):>9.1f}  {note}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="key presses to time")
    parser.add_argument("--display", default=None, help="use this X display instead of Xvfb")
    args = parser.parse_args()
    xvfb = None
    if args.display:
        os.environ["DISPLAY"] = args.display
    else:
        xvfb = start_xvfb()
        if xvfb is None and not os.environ.get("DISPLAY"):
            print("No display: install xvfb (apt-get install xvfb) or pass --display.")
            return
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-gui-"))
    os.environ.setdefault("FIELDAPP_CACHE", str(folder / "cache"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    try:
        db = folder / "bench.db"
        seed(db)
        form_id = largest_builtin()
        warm = open_form_times(db, form_id, 1)  # fills the parsed-form cache
        startup = startup_times(db, 5)
        opening = open_form_times(db, form_id, 5)
        gui, core = keypress_latency(db, args.repeat)
        added = [g - c for g, c in zip(gui, core)]
        print(f"{'measure':<46} {'p50 ms':>9} {'p95 ms':>9}")
        print(row("process start → home screen drawn", startup))
        print(row(f"open {form_id} (first, cold cache)", warm))
        print(row(f"open {form_id} (warm cache)", opening))
        print(row("key press → score panel updated (GUI)", gui))
        print(row("core: set + autosave + scores", core))
        print(row("GUI adds (GUI − core)", added,
                  f"target < {TARGET_MS:.0f} ms: "
                  f"{'met' if ms(statistics.median(added)) < TARGET_MS else 'NOT met'}"))
        ratio = statistics.median(gui) / max(statistics.median(core), 1e-9)
        print(f"{'ratio GUI / core (p50)':<46} {ratio:>9.1f}")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=5)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
