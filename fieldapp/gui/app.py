"""The application shell: the main window, its menu, the screen shown (home or a form) and
what happens on errors and on closing. ``run(db_path, lang)`` is the GUI's entry point."""

from __future__ import annotations

import logging
import threading
import tkinter as tk
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import ttkbootstrap as ttk

from fieldapp import i18n, paths
from fieldapp.errors import FieldappError
from fieldapp.gui import theme
from fieldapp.gui.binding import Binding
from fieldapp.gui.errorreport import ErrorReporter, setup_logging
from fieldapp.i18n import N_, _

if TYPE_CHECKING:
    from fieldapp.store.database import QuickCheck

_log = logging.getLogger(__name__)

OPEN_DEMO = "open_demo"  # setting of the user's database: the demo was open at the last close
WINDOW = (1366, 768)  # the smallest screen the app is designed for
MIN_WINDOW = (1024, 640)


@dataclass(slots=True)
class Command:
    """A menu entry a screen module registers (thonny's ``add_command``)."""

    menu: str  # a msgid: N_("File"), N_("Help")
    label: str  # a msgid
    handler: Callable[[], None]
    enabled: Callable[[], bool] = field(default=lambda: True)


class Shell:
    """The main window and the current screen.

    :param db_path: the database file (created on first use).
    :param lang: the interface language asked for on the command line (or None).
    """

    def __init__(self, db_path: Path, lang: str | None = None, *,
                 size: tuple[int, int] | None = None, demo: bool = True) -> None:
        self.db_path = Path(db_path)
        self.main_db_path = self.db_path  # the user's own data; db_path is the one open now
        self.in_demo = False  # the separate demo database is open
        self.demo = demo
        self.cli_lang = lang
        self.commands: list[Command] = []
        self.screen: tk.Misc | None = None
        self.form_view = None
        self.db = None
        self.lock = None
        self._backup: threading.Thread | None = None  # today's copy of the database
        self.identity = None
        self.closed = False
        self.home_choice: tuple[str, str] | None = None  # (org id, round id) last chosen
        self.after_form: Callable[[], None] = self.show_home  # where closing a form goes
        i18n.set_language(lang)
        self.root = ttk.App(title="fieldapp", theme=theme.THEME, minsize=MIN_WINDOW)
        theme.apply(self.root)
        self._speak()
        self._place(size)
        self.reporter = ErrorReporter(self.root, flush=self.flush)
        self.root.protocol("WM_DELETE_WINDOW", self.quit)
        self.main = ttk.Frame(self.root)
        self.main.pack(fill="both", expand=True)
        self._register_screens()

    def _place(self, size: tuple[int, int] | None) -> None:
        screen_w, screen_h = self.root.winfo_screenwidth(), self.root.winfo_screenheight()
        width, height = size or (min(max(WINDOW[0], int(screen_w * 0.9)), screen_w),
                                 min(max(WINDOW[1], int(screen_h * 0.9)), screen_h))
        width, height = min(width, screen_w), min(height, screen_h)
        self._placed = (width, height, (screen_w - width) // 2, (screen_h - height) // 2)
        self.root.geometry(f"{width}x{height}+{self._placed[2]}+{self._placed[3]}")
        if size is None:  # a real desktop: fill the work area the window manager allows
            try:
                if self.root.tk.call("tk", "windowingsystem") == "win32":
                    self.root.state("zoomed")
                else:
                    self.root.attributes("-zoomed", True)
            except tk.TclError:
                pass

    def _fit_menu(self) -> None:
        """Keep the whole window on the screen: on X11 the menu bar is added above the
        geometry asked for, which would push the Back/Next buttons off a 768-pixel screen."""
        self.root.update_idletasks()
        width, height, x, y = self._placed
        offset = self.root.winfo_rooty() - y
        if 0 < offset < 100 and y + offset + height > self.root.winfo_screenheight():
            self.root.geometry(f"{width}x{height - offset}+{x}+{y}")

    def _register_screens(self) -> None:
        from fieldapp.gui import (backups, baselines, conflicts, devices, drafts, exportdata,
                                  home, orgs, reports, rounds, settings, syncexport,
                                  syncimport)

        for module in (home, orgs, rounds, drafts, exportdata, reports, baselines, settings,
                       backups, syncexport, syncimport, conflicts, devices):
            module.register(self)
        self.add_command(N_("File"), N_("Try with demo data"), lambda: self.use_demo(True),
                         enabled=lambda: not self.in_demo)
        self.add_command(N_("File"), N_("Back to my data"), lambda: self.use_demo(False),
                         enabled=lambda: self.in_demo)
        self.add_command(N_("File"), N_("Quit"), self.quit)

    # -- commands -----------------------------------------------------------------------------
    def add_command(self, menu: str, label: str, handler: Callable[[], None],
                    enabled: Callable[[], bool] | None = None) -> None:
        """Add a menu entry (``menu`` and ``label`` are msgids, translated when drawn)."""
        self.commands.append(Command(menu, label, handler, enabled or (lambda: True)))

    def build_menu(self) -> None:
        bar = tk.Menu(self.root, tearoff=False)
        menus: dict[str, tk.Menu] = {}
        for command in self.commands:
            menu = menus.get(command.menu)
            if menu is None:
                menu = menus[command.menu] = tk.Menu(
                    bar, tearoff=False, postcommand=lambda m=command.menu: self._update_menu(m))
                bar.add_cascade(label=_(command.menu), menu=menu)
            menu.add_command(label=_(command.label), command=command.handler)
        self._menus = menus
        self.root.configure(menu=bar)
        self._fit_menu()

    def _update_menu(self, name: str) -> None:
        menu = self._menus[name]
        entries = [c for c in self.commands if c.menu == name]
        for index, command in enumerate(entries):
            menu.entryconfigure(index, state="normal" if command.enabled() else "disabled")

    # -- start ----------------------------------------------------------------------------------
    def start(self, check: QuickCheck | None = None) -> None:
        """Open the database, ask the technician's name on the first run, show home.

        :param check: the quick check of the database started with the window, if any
        """
        from fieldapp.store import open_db
        from fieldapp.store.dblock import WindowLock
        from fieldapp.store.identity import get_identity, get_setting

        # one window per database: a second one would show answers the first replaces
        self.lock = WindowLock(self.db_path).acquire()
        self.db = open_db(self.db_path, check=check or True)
        self._daily_backup()
        self.identity = get_identity(self.db)
        stored = self.identity.ui_language
        if stored and not self.cli_lang:
            i18n.set_language(stored)
            self._speak()
        self.build_menu()
        self._ask_name = not self.identity.technician
        if self._ask_name:
            from fieldapp.gui.firstrun import ask_first_run

            ask_first_run(self, self._first_run_done, offer_demo=self.demo and self._empty())
        elif get_setting(self.db, OPEN_DEMO) and paths.demo_db_path(self.db_path).exists():
            self.use_demo(True)  # the demo was open when the app was last closed
        else:
            self.show_home()

    def _daily_backup(self) -> None:
        """Today's first copy of the database, made on a thread of its own with its own
        connection (SQLite's backup reads one consistent state while the window writes):
        copying a coordinator's 400 MB takes seconds the window must not wait."""
        from fieldapp.store import open_db
        from fieldapp.store.backups import daily_backup

        path = self.db_path

        def copy() -> None:
            try:
                with open_db(path, write=False, check=False) as db:
                    daily_backup(db, path)
            except FieldappError:  # a full disk must not keep the technician from working
                _log.warning("no daily backup of %s", path, exc_info=True)
            except Exception:
                _log.exception("no daily backup of %s", path)

        self._backup = threading.Thread(target=copy, name="fieldapp-daily-backup", daemon=True)
        self._backup.start()

    def wait_for_daily_backup(self) -> None:
        """Until today's copy is written (before the database is replaced or the program
        ends, so no copy is left half made)."""
        if self._backup is not None:
            self._backup.join()

    def close_database(self) -> None:
        """Save and close the open form, then the database (before a restore)."""
        self.wait_for_daily_backup()
        view = self.form_view
        if view is not None and view.winfo_exists():
            view.flush()
            view.binding.close()
        self.form_view = None
        self.show_home_placeholder()
        if self.db is not None:
            self.db.conn.close()
            self.db = None

    def show_home_placeholder(self) -> None:
        if self.screen is not None:
            self.screen.destroy()
            self.screen = None

    def reopen_database(self) -> None:
        """Open the database again and show home (after a restore)."""
        from fieldapp.store import open_db

        self.db = open_db(self.db_path, check=True)
        self.show_home()

    def _empty(self) -> bool:
        from fieldapp.store.orgs import list_organizations

        return not list_organizations(self.db)

    def use_demo(self, on: bool) -> None:
        """Switch between the user's own database and the separate demo database (filled with
        the demo data the first time). The choice is remembered for the next start."""
        from fieldapp.store import open_db
        from fieldapp.store.identity import set_setting

        if on == self.in_demo and self.db is not None:
            if on and self._empty():
                self._load_demo()
            return
        self._close_form()
        if self.in_demo:
            self.db.conn.close()
            self.db = open_db(self.main_db_path, check=True)
        set_setting(self.db, OPEN_DEMO, "1" if on else None)
        identity = self.identity
        if on:
            self.db.conn.close()
            self.db_path = paths.demo_db_path(self.main_db_path)
            self.db = open_db(self.db_path, check=True)
        else:
            self.db_path = self.main_db_path
        self.in_demo = on
        self.home_choice = None
        if on and identity is not None:  # the demo records the same technician and language
            from fieldapp.store.identity import set_technician, set_ui_language

            set_technician(self.db, identity.technician)
            if identity.ui_language:
                set_ui_language(self.db, identity.ui_language)
        if on and self._empty():
            self._load_demo()
        else:
            self._greet()

    def _close_form(self) -> None:
        view = self.form_view
        if view is not None and view.winfo_exists():
            view.flush()
            view.binding.close()
        self.form_view = None

    def _load_demo(self) -> None:
        """Fill the demo database with the demo data, in a worker."""
        from fieldapp.gui.worker import Busy, run_in_background

        done = [None]  # written by the worker, read by the progress bar on the Tk thread
        path = self.db_path

        def load() -> None:
            from fieldapp.demo import load_demo
            from fieldapp.store import open_db

            db = open_db(path)
            try:
                load_demo(db, progress=lambda n, total: done.__setitem__(0, n / max(total, 1)))
            finally:
                db.conn.close()

        def failed(exc: BaseException) -> None:
            self._greet()
            self.root.report_callback_exception(type(exc), exc, exc.__traceback__)

        self.root.title(self.title())
        run_in_background(self.root, load, lambda _r: self._greet(), on_error=failed,
                          busy=Busy(self.main, lambda: _("Preparing the demo data…"),
                                    progress=lambda: done[0]))

    def _greet(self) -> None:
        """Show home with the database's identity."""
        from fieldapp.store.identity import get_identity

        self.identity = get_identity(self.db)
        self.show_home()

    def _first_run_done(self, name: str, lang: str, demo: bool = False) -> None:
        from fieldapp.store.identity import get_identity, set_technician, set_ui_language

        set_technician(self.db, name)
        set_ui_language(self.db, lang)
        self.identity = get_identity(self.db)
        i18n.set_language(lang)
        self._speak()
        self.build_menu()
        if demo:
            self.use_demo(True)
        else:
            self.show_home()

    def title(self, detail: str = "") -> str:
        """The window title: the demo database is named in it, so fictional data is never
        taken for real data."""
        parts = ["fieldapp"]
        if self.in_demo:
            parts.append(_("DEMO DATA (fictional)"))
        if detail:
            parts.append(detail)
        return " – ".join(parts)

    def _speak(self) -> None:
        from fieldapp.gui.filedialogs import speak

        speak(self.root)  # Tk's own file dialogs in the interface language

    def set_language(self, lang: str) -> None:
        """Switch the interface language and redraw the menu and the screen."""
        i18n.set_language(lang)
        self._speak()
        self.build_menu()
        view = self.form_view
        if view is not None and view.winfo_exists():
            view.flush()
            self.show_form(view.binding, subtitle=view.subtitle)
        else:
            self.show_home()

    # -- screens --------------------------------------------------------------------------------
    def _replace(self, screen: tk.Misc) -> None:
        if self.screen is not None:
            self.screen.destroy()
        self.screen = screen
        screen.pack(fill="both", expand=True)

    def show_home(self) -> None:
        from fieldapp.gui.home import Home

        self.form_view = None
        self.root.title(self.title())
        self._replace(Home(self.main, self))

    def show_screen(self, screen: tk.Misc, title: str = "") -> None:
        """Show a screen built by a screen module (``gui/reports.py``) in the main area."""
        self.form_view = None
        self.root.title("fieldapp" + (f" – {title}" if title else ""))
        self._replace(screen)

    def show_form(self, binding: Binding, *, subtitle: str = "") -> None:
        """Show the form window for ``binding`` (a capture session or a preview)."""
        from fieldapp.gui.formview import FormView

        view = FormView(self.main, binding, on_close=self.after_form, subtitle=subtitle)
        self.form_view = view
        self.root.title(self.title(view.title_label.cget("text")))
        self._replace(view)

    # -- ending ---------------------------------------------------------------------------------
    def flush(self) -> None:
        """Save what is typed and not yet stored (on closing, after an unexpected error)."""
        view = self.form_view
        if view is not None and view.winfo_exists():
            view.flush()

    def quit(self, force: bool = False) -> None:
        """Close the window: pending typing is stored first, then the draft is closed."""
        if self.closed:
            return
        view = self.form_view
        if not force and view is not None and view.winfo_exists():
            view.flush()
            if not view.unsaved_ok(lambda: self.quit(force=True)):
                return
        try:
            self.flush()
            if self.form_view is not None:
                self.form_view.binding.close()
        except Exception:  # closing must never be blocked: the log keeps what went wrong
            _log.exception("while closing")
        finally:
            self.closed = True
            if self.db is not None:
                try:
                    self.db.conn.close()
                except Exception:
                    pass
            self.root.withdraw()  # gone from the screen while today's copy finishes
            self.wait_for_daily_backup()
            if self.lock is not None:
                self.lock.release()
            self._cancel_timers()
            self.root.destroy()

    def _cancel_timers(self) -> None:
        """Drop pending ``after`` callbacks: Tcl would still run them once the window is gone
        (another window of the same process, such as the next test's, runs its timers)."""
        try:
            for timer in self.root.tk.splitlist(self.root.tk.call("after", "info")):
                self.root.tk.call("after", "cancel", timer)
        except tk.TclError:
            pass


def build(db_path: Path, lang: str | None = None, *, size: tuple[int, int] | None = None,
          demo: bool = True) -> Shell:
    """The shell with its first screen, without running the event loop (tests, bench).

    :param demo: on the first start of an empty database, offer the demo data (kept in a
        separate database beside ``db_path``) besides starting empty.
    """
    from fieldapp.gui.dialogs import show_message
    from fieldapp.store.database import QuickCheck

    setup_logging()
    check = QuickCheck(db_path)  # reads the file while Tk and the theme start
    shell = Shell(db_path, lang, size=size, demo=demo)
    try:
        shell.start(check)
    except FieldappError as exc:  # the database cannot be opened: say why, then close
        show_message(shell.root, _("fieldapp cannot start"), str(exc), kind="error",
                     on_close=shell.quit)
    except Exception as exc:
        _log.error("could not start", exc_info=exc)
        show_message(shell.root, _("fieldapp cannot start"),
                     _("Internal error. Details are in {path}.").format(path=paths.log_path()),
                     detail=f"{type(exc).__name__}: {exc}", kind="error", on_close=shell.quit)
    return shell


def run(db_path: Path, lang: str | None = None) -> None:
    """Open the desktop application on ``db_path`` and run it until its window closes."""
    explicit = _explicit_language(lang)
    try:
        shell = build(Path(db_path), explicit)
    except tk.TclError as exc:  # no screen (a server, an SSH session)
        raise FieldappError("APP_001", detail=str(exc)) from None
    shell.root.mainloop()


def run_preview(path: Path, lang: str | None = None) -> None:
    """Open a workbook in the form window without a database (``forms preview``); closing
    the form closes the app."""
    from fieldapp.gui.opening import preview_workbook

    from fieldapp.gui.dialogs import show_message

    setup_logging()
    shell = Shell(Path(path), lang)
    shell.after_form = shell.quit

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, FieldappError):
            _log.error("could not open %s", path, exc_info=exc)
        show_message(shell.root, _("Error"), str(exc), kind="error", on_close=shell.quit)

    preview_workbook(shell, Path(path), on_error=failed)
    shell.root.mainloop()


def _explicit_language(lang: str | None) -> str | None:
    """``lang`` only when the user asked for it (``--lang`` or ``FIELDAPP_LANG``); the CLI
    resolves a default from the system otherwise, which the stored setting should win over."""
    try:
        import click

        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            source = ctx.get_parameter_source("lang")
            if source is not None and source.name in ("DEFAULT", "DEFAULT_MAP"):
                return None
    except Exception:
        pass
    return lang
