"""Benchmark of the XLSForm engine, each figure a median ratio against a baseline measured
pair by pair in the same run (see ``bench/pairs.py``):

- cold open of each built-in form against pyxform's conversion of the same workbook (≤ 1.2×);
  a warm (cached) open against the cold one (≤ 0.1×);
- in a generated 1,000-question form with a repeat: answers of every kind (plain answers all
  over the form, answers that show or hide a 50-question group, adding and removing repeat
  instances) against a full re-evaluation (≤ 0.05×, and the worst single one < 5 ms);
- adding repeat instance #100 and #500 against adding #1 (10 questions and a ``sum()`` over
  the repeat), in the engine and through an autosaving capture session (≤ 1.5×): ODK Collect
  takes about a minute per new instance near 90 (getodk/collect#3379).

Run: .venv/bin/python bench/forms.py [--quick]   (prints a table; not a test, always exits 0)
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere
sys.path.insert(0, str(ROOT / "bench"))

from openpyxl import Workbook  # noqa: E402
from pairs import Pairs, Table, alternate, timed  # noqa: E402

from fieldapp.forms.builtins import builtin_paths  # noqa: E402
from fieldapp.forms.workbooks import open_workbook  # noqa: E402
from fieldapp.forms.session import FormSession  # noqa: E402

QUESTIONS = 1000
BLOCK = 10  # questions per calculated subtotal
GROUP = 50  # questions per group
MEMBER_QUESTIONS = 10

_copies = itertools.count()


def fresh_copy(path: Path, folder: Path) -> Path:
    """The same bytes under a new name, so the in-process memo of checked files (keyed by
    path and mtime) does not answer and the open goes through the on-disk cache."""
    target = folder / f"{next(_copies)}_{path.name}"
    shutil.copyfile(path, target)
    return target


def cold_open(path: Path) -> float:
    """Seconds to open ``path`` with an empty parsed-form cache (copied first, untimed)."""
    before = os.environ.get("FIELDAPP_CACHE")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["FIELDAPP_CACHE"] = cache
        copy = fresh_copy(path, Path(cache))
        try:
            return timed(lambda: open_workbook(copy))
        finally:
            if before is None:
                del os.environ["FIELDAPP_CACHE"]
            else:
                os.environ["FIELDAPP_CACHE"] = before


def pyxform_convert(path: Path) -> float:
    """Seconds for pyxform to convert the same workbook (no ODK Validate)."""
    from pyxform.xls2xform import convert

    return timed(lambda: convert(xlsform=str(path), validate=False))


def opens(table: Table, work: Path, rounds: int) -> None:
    for path in builtin_paths():
        cold_open(path)  # imports and first-use costs are paid before anything is measured
        pyxform_convert(path)
        pairs = alternate(lambda: cold_open(path), lambda: pyxform_convert(path), rounds)
        table.ratio(f"cold open {path.stem} / pyxform convert", pairs, 1.2)
    path = builtin_paths()[0]
    os.environ["FIELDAPP_CACHE"] = str(work / "cache")
    open_workbook(path)  # fills the cache

    def warm() -> float:
        copy = fresh_copy(path, work)
        return timed(lambda: open_workbook(copy))

    table.ratio(f"warm (cached) open {path.stem} / cold open", alternate(
        warm, lambda: cold_open(path), rounds), 0.1)


def generated_form(path: Path) -> Path:
    """A 1,000-integer-question form: groups of 50 (each relevant on the last answer of the
    group before), each question relevant on the one before, a calculated subtotal per 10
    questions chained to the previous subtotal inside the group, a grand total, and a
    repeat of 10 questions with a calculation inside and a ``sum()`` outside."""
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
    survey.append(["begin_repeat", "member", "Member", "", "", ""])
    for i in range(MEMBER_QUESTIONS):
        survey.append(["integer", f"m{i}", f"M{i}", "", "", ""])
    survey.append(["calculate", "ms", "", "", "${m0} + ${m1}", ""])
    survey.append(["end_repeat", "", "", "", "", ""])
    survey.append(["calculate", "members_total", "", "", "sum(${m0})", ""])
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
| settings |
|          | form_id      | version |
|          | bench_repeat | 1       |
"""


def answer_kinds(session: FormSession, rng: random.Random):
    """Endless (kind, action) pairs: plain answers anywhere in the form, answers that hide
    or show the next 50-question group, and adding or removing a repeat instance."""
    values = itertools.count(2)
    hidden: set[int] = set()
    while True:
        kind = rng.choice(["answer", "answer", "answer", "group", "repeat"])
        if kind == "answer":
            q = rng.randrange(1, QUESTIONS + 1)
            if q % GROUP == 0:
                q -= 1  # the last question of a group is the group switch
            yield kind, lambda q=q: session.set(f"q{q}", next(values))
        elif kind == "group":
            g = rng.randrange(1, QUESTIONS // GROUP) * GROUP
            hidden ^= {g}  # 99 hides the next group, anything else shows it again
            yield kind, lambda g=g, v=99 if g in hidden else 1: session.set(f"q{g}", v)
        else:
            count = session.repeat_count("member")
            if count and (count > 20 or rng.random() < 0.5):
                yield kind, lambda c=count: session.remove_repeat(f"member[{c}]")
            else:
                yield kind, lambda: session.add_repeat("member")


def answers(table: Table, work: Path, rounds: int) -> None:
    big = open_workbook(generated_form(work / "bench_1000.xlsx"))
    session = FormSession(big)
    for q in range(1, QUESTIONS + 1):
        session.set(f"q{q}", 1)
    for i in range(5):
        session.add_repeat("member")
        session.set(f"member[{i + 1}]/m0", i)
    by_kind = {"answer": Pairs(), "group": Pairs(), "repeat": Pairs()}
    cpu: dict[str, list[float]] = {kind: [] for kind in by_kind}
    kinds = answer_kinds(session, random.Random(2026))
    every = Pairs()

    def answer(kind, action) -> float:
        began = time.thread_time()
        seconds = timed(action)
        cpu[kind].append(time.thread_time() - began)
        return seconds

    for _i in range(rounds):
        kind, action = next(kinds)
        pair = alternate(lambda: answer(kind, action), lambda: timed(session.evaluate_all), 1,
                         into=by_kind[kind])
        every.measured.append(pair.measured[-1])
        every.baseline.append(pair.baseline[-1])
    rows = [(f"any answer ({rounds}, all kinds) / full evaluation, {QUESTIONS} questions",
             every, [t for times in cpu.values() for t in times]),
            ("  answers showing or hiding a 50-question group / full", by_kind["group"],
             cpu["group"]),
            ("  adding or removing a repeat instance / full", by_kind["repeat"], cpu["repeat"]),
            ("  plain answers / full", by_kind["answer"], cpu["answer"])]
    for name, pairs, times in rows:
        table.ratio(name, pairs, 0.05)
        # The slowest single answer in CPU time: its wall time (shown) also counts the
        # moments the scheduler gave the core to other processes, which on a shared
        # machine says more about them than about the answer.
        table.limit(f"    its slowest single answer, CPU time (wall: {max(pairs.measured) * 1000:.1f}"
                    " ms)", max(times), 0.005, "worst")


def repeat_form(work: Path) -> Path:
    from tests.xlsform_md import md_to_xlsx

    questions = "\n".join(f"|        | integer | q{i} | Q{i} | | |"
                          for i in range(MEMBER_QUESTIONS))
    return md_to_xlsx(REPEAT_FORM.format(questions=questions), work / "bench_repeat.xlsx")


def _grown(add, set_answer, instances: int) -> None:
    for i in range(instances):
        add()
        set_answer(f"member[{i + 1}]/q0", i)


def repeats(table: Table, work: Path, rounds: int, sizes=(100, 500)) -> None:
    """Adding instance #n next to adding instance #1: each timed add is undone (untimed), so
    every round adds to the same number of instances."""
    form = open_workbook(repeat_form(work))
    sessions = {1: FormSession(form)}
    for n in sizes:
        sessions[n] = FormSession(form)
        _grown(lambda s=sessions[n]: s.add_repeat("member"), sessions[n].set, n - 1)

    def add(session: FormSession) -> float:
        seconds = timed(lambda: session.add_repeat("member"))
        session.remove_repeat(f"member[{session.repeat_count('member')}]")
        return seconds

    for n in sizes:
        pairs = alternate(lambda: add(sessions[n]), lambda: add(sessions[1]), rounds)
        table.ratio(f"add repeat instance #{n} / #1 ({MEMBER_QUESTIONS} questions, sum())",
                    pairs, 1.5)
    captures(table, work, rounds, sizes)
    session = FormSession(form)
    start = time.perf_counter()
    _grown(lambda: session.add_repeat("member"), session.set, sizes[-1])
    table.info(f"adding {sizes[-1]} instances one by one, each answered",
               f"{time.perf_counter() - start:.2f} s")


def captures(table: Table, work: Path, rounds: int, sizes) -> None:
    """The same through autosaving capture sessions (each add is one transaction)."""
    from fieldapp.capture import start_capture
    from fieldapp.registry import add_form
    from fieldapp.store.database import open_db
    from fieldapp.store.orgs import add_organization
    from fieldapp.store.rounds import add_round

    path = work / "repeats.db"
    db = open_db(path)
    add_organization(db, id="C1", name="Cooperativa Sol", type="cooperative", country="PE")
    add_round(db, id="R24", name="2024", year=2024)
    add_form(db, repeat_form(work))
    open_capture = {}
    for n in (1, *sizes):
        capture = start_capture(path, "bench_repeat", org_id="C1", round_id="R24", db=db)
        _grown(lambda c=capture: c.add_repeat("member"), capture.set, n - 1)
        open_capture[n] = capture

    def add(capture) -> float:
        seconds = timed(lambda: capture.add_repeat("member"))
        capture.remove_repeat(f"member[{capture.session.repeat_count('member')}]")
        return seconds

    for n in sizes:
        pairs = alternate(lambda: add(open_capture[n]), lambda: add(open_capture[1]), rounds)
        table.ratio(f"  through capture (autosaved): #{n} / #1", pairs, 1.5)
    db.conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    rounds = 5 if args.quick else 15
    table = Table(f"fieldapp engine benchmark (median of per-pair ratios, {rounds}+ pairs each)")
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        opens(table, work_dir, rounds)
        answers(table, work_dir, 40 if args.quick else 200)
        repeats(table, work_dir, rounds * 2)
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
