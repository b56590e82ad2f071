"""Driving the real GUI with generated events (keys, clicks, focus), for the GUI tests."""

from __future__ import annotations

import time
import tkinter as tk
from pathlib import Path

KEYSYMS = {" ": "space", ".": "period", ",": "comma", "-": "minus", "/": "slash", ":": "colon",
           "+": "plus", "_": "underscore", "'": "apostrophe"}


def seed(path: Path, *, technician: str = "Ana Quispe") -> None:
    """Organizations, rounds and a technician, written through the store."""
    from fieldapp.store import open_db
    from fieldapp.store.identity import set_technician, set_ui_language
    from fieldapp.store.orgs import add_organization
    from fieldapp.store.rounds import add_round

    db = open_db(path)
    try:
        add_organization(db, id="coop1", name="Cooperativa Agraria Cafetalera Uno",
                         type="cooperative", country="PE")
        add_organization(db, id="apic", name="Asociación de Productores de Cacao",
                         type="spo", country="DO", products="cacao")
        add_round(db, id="lb2022", name="Línea base 2022", year=2022, baseline=True)
        add_round(db, id="r2024", name="2024", year=2024)
        if technician:
            set_technician(db, technician)
            set_ui_language(db, "es")
    finally:
        db.conn.close()


def start_app(db_path: Path, lang: str | None = "es", **kwargs):
    from fieldapp.gui.app import build

    shell = build(db_path, lang, size=(1366, 768), demo=kwargs.pop("demo", False), **kwargs)
    shell.root.update()
    shell.root.focus_force()
    pump(shell.root, 0.1)
    return shell


def close_app(shell) -> None:
    from fieldapp.gui.dialogs import open_dialogs

    for dialog in open_dialogs():
        dialog.close()
    if not shell.closed:
        try:
            shell.quit()
        except tk.TclError:
            pass
    # collect the closed window's Tk objects here, on the Tk thread, not later in a worker
    import gc

    gc.collect()


def pump(root: tk.Misc, seconds: float = 0.0, until=None, timeout: float = 60.0) -> None:
    """Run the event loop for ``seconds``, or until ``until()`` is true."""
    from fieldapp.gui.worker import busy_jobs

    end = time.monotonic() + (timeout if until is not None else seconds)
    while True:
        root.update()
        if until is not None and until():
            root.update()
            return
        if time.monotonic() >= end:
            if until is not None:
                raise AssertionError(f"timed out waiting for {until}")
            return
        time.sleep(0.01 if busy_jobs() else 0.002)


def settle(root: tk.Misc) -> None:
    """Let pending jobs, idle callbacks and redraws finish."""
    from fieldapp.gui.worker import busy_jobs

    pump(root, until=lambda: busy_jobs() == 0)
    root.update_idletasks()
    root.update()


def click(widget: tk.Misc) -> None:
    """A left click in the middle of ``widget`` (enter, press, release)."""
    top = widget.winfo_toplevel()
    widget.update_idletasks()
    x, y = max(widget.winfo_width() // 2, 1), max(widget.winfo_height() // 2, 1)
    widget.event_generate("<Enter>", x=x, y=y)
    widget.event_generate("<ButtonPress-1>", x=x, y=y)
    widget.event_generate("<ButtonRelease-1>", x=x, y=y)
    settle(top)


def key(widget: tk.Misc, keysym: str, **state) -> None:
    """Press ``keysym`` (``Return``, ``Tab``, ``Alt-Right`` …) on ``widget``."""
    top = widget.winfo_toplevel()
    widget.event_generate(f"<{keysym}>" if "-" in keysym or len(keysym) > 1 else "<KeyPress>",
                          **({} if "-" in keysym or len(keysym) > 1 else {"keysym": keysym}))
    settle(top)


def focus(widget: tk.Misc) -> None:
    widget.focus_force()
    settle(widget.winfo_toplevel())


def type_text(widget: tk.Misc, text: str) -> None:
    """Type ``text`` into ``widget`` key by key (it gets the focus first)."""
    focus(widget)
    for char in text:
        widget.event_generate("<KeyPress>", keysym=KEYSYMS.get(char, char))
        widget.event_generate("<KeyRelease>", keysym=KEYSYMS.get(char, char))
    settle(widget.winfo_toplevel())


def leave(widget: tk.Misc) -> None:
    """Leave the field with Tab."""
    top = widget.winfo_toplevel()
    widget.event_generate("<Tab>")
    settle(top)


def shown(widget: tk.Misc) -> bool:
    widget.update_idletasks()
    return bool(widget.winfo_manager()) and widget.winfo_ismapped()


def answer(view, path: str, value: str) -> None:
    """Answer the field at ``path`` on the current page as a technician would."""
    from fieldapp.gui.widgets.select import SelectMultipleWidget, SelectOneWidget
    from fieldapp.gui.widgets.text import TypedWidget

    widget = view.page_view.widgets[path]
    view.page_view.area.see(widget)
    if isinstance(widget, SelectOneWidget) and widget.combo is None:
        radio = next(r for r in widget.radios if r.cget("value") == value)
        click(radio)
    elif isinstance(widget, SelectOneWidget):
        label = next(lab for name, lab in widget.choices if name == value)
        focus(widget.combo)
        widget.combo.set(label)
        widget.combo.event_generate("<<ComboboxSelected>>")
        settle(widget.winfo_toplevel())
    elif isinstance(widget, SelectMultipleWidget):
        for name, box in zip(widget.vars, widget.boxes):
            if (name in value.split()) != widget.vars[name].get():
                click(box)
    elif isinstance(widget, TypedWidget):
        entry = widget.inputs()[0]
        focus(entry)
        entry.event_generate("<Control-a>")
        entry.event_generate("<Delete>")
        type_text(entry, value)
        leave(entry)
    else:
        raise AssertionError(f"no way to answer {type(widget).__name__}")


def screenshot(root: tk.Misc, target: Path) -> Path:
    """The whole screen as a PNG (``import`` of ImageMagick, else Pillow's ImageGrab)."""
    import shutil
    import subprocess

    pump(root, 0.5)  # the contents list settles a moment after the last edit
    target.parent.mkdir(parents=True, exist_ok=True)
    if shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(target)], check=True,
                       capture_output=True, timeout=30)
    else:
        from PIL import ImageGrab

        ImageGrab.grab(xdisplay=None).save(target)
    return target


def click_row(tree, iid: str) -> None:
    """Click the row ``iid`` of a Treeview."""
    tree.see(iid)
    tree.update_idletasks()
    x, y, width, height = tree.bbox(iid)
    tree.event_generate("<ButtonPress-1>", x=x + 5, y=y + height // 2)
    tree.event_generate("<ButtonRelease-1>", x=x + 5, y=y + height // 2)
    settle(tree.winfo_toplevel())


def open_new(shell, form_id: str, org: str = "coop1", round_name: str = "2024"):
    """From home: pick the organization and round, press the form's start button."""
    home = shell.screen
    click_row(home.org_tree, org)
    names = list(home.round_box.cget("values"))
    home.round_box.current(next(i for i, n in enumerate(names) if n.startswith(round_name)))
    home.round_box.event_generate("<<ComboboxSelected>>")
    click(home.start_buttons[form_id])
    pump(shell.root, until=lambda: shell.form_view is not None)
    settle(shell.root)
    return shell.form_view


def stored(db_path: Path, uuid: str) -> tuple[dict[str, str], str]:
    """What the database holds for a submission: (answers, status)."""
    from fieldapp.store import open_db
    from fieldapp.store.submissions import get_submission, load_answers

    db = open_db(db_path, write=False)
    try:
        return load_answers(db, uuid), get_submission(db, uuid).status
    finally:
        db.conn.close()


def through_file_dialog(root: tk.Misc, press, answer: str = "") -> dict[str, str]:
    """Call ``press()`` (which opens one of Tk's own file dialogs, a real window), read the
    dialog's title and the folder it opened in, then answer it: ``answer`` as the chosen
    path, or "" to cancel. Returns {"title", "folder"}."""
    seen: dict[str, str] = {}

    def dialogs(widget: str = ".") -> list[str]:
        found = []
        for child in root.tk.splitlist(root.tk.call("winfo", "children", widget)):
            name = str(child).rsplit(".", 1)[-1]
            if name in ("__tk_filedialog", "__tk_choosedir"):
                found.append(str(child))
            found.extend(dialogs(str(child)))
        return found

    def look() -> None:
        shown = [w for w in dialogs() if root.tk.call("winfo", "ismapped", w)]
        if not shown:
            root.after(50, look)
            return
        window = shown[0]
        name = window.rsplit(".", 1)[-1]
        seen["title"] = str(root.tk.call("wm", "title", window))
        seen["folder"] = str(root.tk.eval(f"set ::tk::dialog::file::{name}(selectPath)"))
        root.tk.call("set", "::tk::Priv(selectFilePath)", answer)

    root.after(50, look)
    press()
    settle(root)
    return seen
