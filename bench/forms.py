"""Benchmark of the XLSForm engine: cold and warm opens against pyxform, one-answer
re-evaluation against a full evaluation in a generated 1,000-question form.

Run: .venv/bin/python bench/forms.py   (prints a table; not a test, always exits 0)

Targets (issue 3): warm open ≤ 0.1× cold; one answer ≤ 0.05× a full evaluation and < 5 ms.
"""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from openpyxl import Workbook  # noqa: E402

from fieldapp.forms.workbooks import open_workbook  # noqa: E402
from fieldapp.forms.session import FormSession  # noqa: E402

FORM_A = ROOT / "forms" / "desarrollo_organizacional.xlsx"
QUESTIONS = 1000
BLOCK = 10  # questions per calculated subtotal
GROUP = 50  # questions per group


def timed(func, repeat: int) -> list[float]:
    """Seconds per call of ``func``, ``repeat`` times."""
    out = []
    for _i in range(repeat):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


_copies = itertools.count()


def fresh_copy(path: Path, folder: Path) -> Path:
    """The same bytes under a new name, so the in-process memo of checked files (keyed by
    path and mtime) does not answer and the open goes through the on-disk cache."""
    target = folder / f"{next(_copies)}_{path.name}"
    shutil.copyfile(path, target)
    return target


def cold_open(path: Path) -> None:
    """Open ``path`` with an empty parsed-form cache (copied first, outside the timing)."""
    with tempfile.TemporaryDirectory() as cache:
        os.environ["FIELDAPP_CACHE"] = cache
        copy = fresh_copy(path, Path(cache))
        start = time.perf_counter()
        open_workbook(copy)
        return time.perf_counter() - start


def pyxform_convert(path: Path) -> None:
    from pyxform.xls2xform import convert

    convert(xlsform=str(path), validate=False)


def generated_form(path: Path) -> Path:
    """A 1,000-integer-question form: groups of 50 (each relevant on its first answer),
    each question relevant on the one before, a calculated subtotal per 10 questions
    chained to the previous subtotal inside the group, and a grand total."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "relevant", "calculation", "constraint"])
    subtotals = []
    for q in range(1, QUESTIONS + 1):
        if q % GROUP == 1:
            group = (q - 1) // GROUP + 1
            relevant = "" if group == 1 else f"${{q{q - 1}}} != 99"
            survey.append(["begin_group", f"g{group}", f"Group {group}", relevant, "", ""])
        relevant = "" if q % GROUP == 1 else f"${{q{q - 1}}} != 0"
        survey.append(["integer", f"q{q}", f"Question {q}", relevant, "", ". >= 0"])
        if q % BLOCK == 0:
            items = " + ".join(f"coalesce(${{q{i}}}, 0)" for i in range(q - BLOCK + 1, q + 1))
            if q % GROUP != BLOCK:  # chain to the previous subtotal in the same group
                items += f" + ${{s{q - BLOCK}}}"
            survey.append(["calculate", f"s{q}", "", "", items, ""])
            subtotals.append(f"s{q}")
        if q % GROUP == 0:
            survey.append(["end_group", "", "", "", "", ""])
    group_ends = [s for s in subtotals if int(s[1:]) % GROUP == 0]
    survey.append(["calculate", "total", "", "", " + ".join(f"${{{s}}}" for s in group_ends), ""])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench_1000", "1"])
    wb.save(path)
    return path


REPEAT_FORM = """
| survey |
|        | type         | name   | label  | calculation        | relevant     |
|        | begin_repeat | member | Member |                    |              |
{questions}
|        | calculate    | s      |        | ${{q0}} + ${{q1}}  |              |
|        | text         | t      | T      |                    | ${{q0}} > 3  |
|        | end_repeat   |        |        |                    |              |
|        | calculate    | total  |        | sum(${{q0}})       |              |
|        | calculate    | n      |        | count(${{member}}) |              |
"""


def repeat_rows(folder: Path, instances: int = 150) -> list[tuple[str, str, str]]:
    """Adding repeat instances one by one stays cheap (ODK Collect slows to a minute per
    instance near 90: getodk/collect#3379); one answer inside stays local to its instance."""
    sys.path.insert(0, str(ROOT))
    from tests.xlsform_md import md_to_xlsx

    questions = "\n".join(f"|        | integer | q{i} | Q{i} | | |" for i in range(10))
    path = md_to_xlsx(REPEAT_FORM.format(questions=questions), folder / "bench_repeat.xlsx")
    session = FormSession(open_workbook(path))
    adds = []
    for i in range(instances):
        adds += timed(lambda: session.add_repeat("member"), 1)
        session.set(f"member[{i + 1}]/q0", i)
    values = itertools.cycle([5, 6])  # a new value each time: no edit is a no-op
    inside = timed(lambda: session.set(f"member[{instances // 2}]/q0", next(values)), 50)
    return [
        (f"add repeat instance #1 / #{instances} (12 fields each)",
         f"{adds[0] * 1000:.2f} ms", f"#{instances}: {adds[-1] * 1000:.2f} ms"),
        (f"one answer inside instance {instances // 2} of {instances}, p50",
         f"{statistics.median(inside) * 1000:.3f} ms", ""),
    ]


def main() -> int:
    warnings.simplefilter("ignore")
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        # imports and first-use costs are paid once before anything is measured
        cold_open(FORM_A)
        pyxform_convert(FORM_A)

        cold = statistics.median(cold_open(FORM_A) for _i in range(5))
        pyx = statistics.median(timed(lambda: pyxform_convert(FORM_A), 5))
        os.environ["FIELDAPP_CACHE"] = str(work_dir / "cache")
        open_workbook(FORM_A)  # fills the cache
        copies = [fresh_copy(FORM_A, work_dir) for _i in range(20)]
        warm = statistics.median(timed(lambda: open_workbook(copies.pop()), 20))
        again = statistics.median(timed(lambda: open_workbook(FORM_A), 20))
        rows += [
            ("cold open, desarrollo_organizacional", f"{cold * 1000:.1f} ms", ""),
            ("pyxform convert (validate=False)", f"{pyx * 1000:.1f} ms",
             f"cold / pyxform = {cold / pyx:.2f}×"),
            ("warm (cached) open", f"{warm * 1000:.2f} ms",
             f"warm / cold = {warm / cold:.3f}× (target ≤ 0.1) "
             + ("OK" if warm / cold <= 0.1 else "MISSED")),
            ("same file again in this process", f"{again * 1000:.3f} ms", ""),
        ]

        big = open_workbook(generated_form(work_dir / "bench_1000.xlsx"))
        session = FormSession(big)
        for q in range(1, QUESTIONS + 1):
            session.set(f"q{q}", 1)
        full = statistics.median(timed(session.evaluate_all, 7))
        values = iter(range(2, 10_000))
        middle = f"q{QUESTIONS // 2 + 3}"
        one = timed(lambda: session.set(middle, next(values)), 200)
        one_p50, one_max = statistics.median(one), max(one)
        toggle = itertools.cycle([99, 1])  # 99 hides the next group of 50 questions
        hiding = timed(lambda: session.set(f"q{GROUP}", next(toggle)), 50)
        assert session.value("total") != ""
        rows += [
            (f"full evaluation, {QUESTIONS} questions", f"{full * 1000:.1f} ms", ""),
            ("one answer (FormSession.set), p50", f"{one_p50 * 1000:.3f} ms",
             f"one / full = {one_p50 / full:.4f}× (target ≤ 0.05) "
             + ("OK" if one_p50 / full <= 0.05 else "MISSED")),
            ("one answer, worst of 200", f"{one_max * 1000:.3f} ms",
             "target < 5 ms " + ("OK" if one_max < 0.005 else "MISSED")),
            ("one answer hiding/showing a 50-question group, p50",
             f"{statistics.median(hiding) * 1000:.3f} ms",
             f"worst {max(hiding) * 1000:.3f} ms"),
        ]
        rows += repeat_rows(work_dir)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'time':>11}  ratio")
    print("-" * (width + 40))
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>11}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
