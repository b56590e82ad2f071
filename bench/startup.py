"""Benchmark: the packaged program's start to its home window, next to ``python main.py``.

Run: .venv/bin/python bench/startup.py [--pairs N] [--program build/dist/fieldapp]

Build the program first (``bash build/build.sh``). Both starts open the same demo database on
their own Xvfb display (1366×768); a start ends when the main window is mapped and visible
(``xdotool``), which happens once the home screen is built. The two are alternated pair by
pair and the median ratio is printed against the targets (issue "The program in a
technician's hands"): the packaged start under 3 s, and within 1.5× of the source start.
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
TARGET_SECONDS = 3.0
TARGET_RATIO = 1.5


def start_xvfb() -> tuple[subprocess.Popen, str]:
    for number in range(400, 600):
        if not Path(f"/tmp/.X{number}-lock").exists():
            proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24",
                                     "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            socket = Path(f"/tmp/.X11-unix/X{number}")
            deadline = time.monotonic() + 10
            while not socket.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            return proc, f":{number}"
    raise SystemExit("no free X display")


def time_start(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from the process start to its visible main window."""
    begin = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - begin < timeout:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                    str(proc.pid), "--name", "fieldapp"],
                                   env=env, capture_output=True).returncode == 0
            if found:
                return time.perf_counter() - begin
            if proc.poll() is not None:
                raise SystemExit(f"{command[0]} ended before its window opened")
            time.sleep(0.02)
        raise SystemExit(f"{command[0]}: no window after {timeout} s")
    finally:
        proc.kill()
        proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--program", type=Path, default=ROOT / "build" / "dist" / "fieldapp")
    args = parser.parse_args()
    program = args.program / "fieldapp"
    if not program.exists():
        print(f"{program} is not built: run  bash build/build.sh  first")
        return 2
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed (apt-get install xvfb xdotool)")
            return 2
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "home"
            home.mkdir()
            db = Path(tmp) / "demo.db"
            env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "DISPLAY": display,
                   "LANG": "C.UTF-8", "FIELDAPP_DB": str(db)}
            subprocess.run([str(args.program / "fieldapp-cli"), "--db", str(db), "demo"],
                           env=env, check=True, stdout=subprocess.DEVNULL)
            source_env = dict(env, PATH=os.environ.get("PATH", "/usr/bin:/bin"))
            packaged, source = [], []
            # one start of each, unmeasured: both caches (forms, fonts) warm as on a second start
            time_start([str(program)], env)
            time_start([sys.executable, str(ROOT / "main.py")], source_env)
            for _ in range(args.pairs):
                packaged.append(time_start([str(program)], env))
                source.append(time_start([sys.executable, str(ROOT / "main.py")], source_env))
    finally:
        xvfb.terminate()
    ratios = [p / s for p, s in zip(packaged, source)]
    med_p, med_s, ratio = (statistics.median(packaged), statistics.median(source),
                           statistics.median(ratios))
    print(f"start to the home window, {args.pairs} pairs alternated (medians)")
    print(f"  packaged program  {med_p:6.2f} s   target < {TARGET_SECONDS:.1f} s   "
          f"{'PASS' if med_p < TARGET_SECONDS else 'FAIL'}")
    print(f"  python main.py    {med_s:6.2f} s")
    print(f"  ratio             {ratio:6.2f}×   target ≤ {TARGET_RATIO:.1f}×    "
          f"{'PASS' if ratio <= TARGET_RATIO else 'FAIL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
