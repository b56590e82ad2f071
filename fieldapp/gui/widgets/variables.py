"""Tk variables that may be garbage-collected in any thread.

Python's collector can run in a worker thread (opening a form) and finalize variables of
widgets destroyed earlier; tkinter's ``Variable.__del__`` then calls Tcl from that thread,
which blocks for a second and fails outside the main loop. These skip the clean-up off the
Tk thread (the Tcl variable is left for the interpreter to drop at exit).
"""

from __future__ import annotations

import threading
import tkinter as tk


class _Safe:
    def __del__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            super().__del__()  # type: ignore[misc]


class StringVar(_Safe, tk.StringVar):
    """A ``tk.StringVar`` safe to collect in any thread."""


class BooleanVar(_Safe, tk.BooleanVar):
    """A ``tk.BooleanVar`` safe to collect in any thread."""


class DoubleVar(_Safe, tk.DoubleVar):
    """A ``tk.DoubleVar`` safe to collect in any thread."""
