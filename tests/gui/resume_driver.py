"""Run by test_gui_resume.py in a fresh process: fill part of a draft, or reopen it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from guidrive import (answer, click, focus, open_new, pump, settle,  # noqa: E402
                      start_app, type_text)


def fill(db_path: Path, mode: str) -> None:
    shell = start_app(db_path, "es")
    view = open_new(shell, "desarrollo_organizacional")
    answer(view, "datos_org/tipo_org", "opp_2")
    answer(view, "datos_org/socios_mujeres", "40")
    view.go_to_page(2)
    settle(shell.root)
    answer(view, "participantes/part_mujeres", "9")
    entry = view.page_view.widgets["participantes/part_hombres"].inputs()[0]
    type_text(entry, "11")  # typed, not left: saved after the pause in typing
    print(json.dumps({"uuid": view.binding.uuid}), flush=True)
    if mode == "kill":
        pump(shell.root, 1.0)  # the pause that stores what was typed
        os.kill(os.getpid(), 9)  # the laptop's battery dies
    shell.root.tk.call(shell.root.protocol("WM_DELETE_WINDOW"))  # the window's close button


def check(db_path: Path) -> None:
    shell = start_app(db_path, "es")
    home = shell.screen
    from guidrive import click_row

    click_row(home.org_tree, "coop1")
    names = list(home.round_box.cget("values"))
    home.round_box.current(names.index("2024"))
    home.round_box.event_generate("<<ComboboxSelected>>")
    settle(shell.root)
    rows = home.sub_tree.get_children()
    click_row(home.sub_tree, rows[0])
    click(home.open_button)
    pump(shell.root, until=lambda: shell.form_view is not None)
    settle(shell.root)
    view = shell.form_view
    widgets = view.page_view.widgets
    shown = {
        "page": view.current,
        "mujeres": widgets["participantes/part_mujeres"].inputs()[0].get(),
        "hombres": widgets["participantes/part_hombres"].inputs()[0].get(),
    }
    view.go_to_page(0)
    settle(shell.root)
    tipo = view.page_view.widgets["datos_org/tipo_org"]
    shown["tipo_org"] = tipo.var.get()
    shown["socias"] = view.page_view.widgets["datos_org/socios_mujeres"].inputs()[0].get()
    print(json.dumps(shown), flush=True)
    focus(view.close_button)
    click(view.close_button)
    shell.quit()


if __name__ == "__main__":
    db = Path(sys.argv[2])
    if sys.argv[1] == "check":
        check(db)
    else:
        fill(db, sys.argv[1])
