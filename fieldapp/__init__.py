"""fieldapp: offline assessments for fair-trade and cooperative networks."""

import sys as _sys

__version__ = "0.1.0"


def _import_sqlite_utils() -> None:
    # sqlite-utils imports pandas and numpy whenever they are installed (they are, with the
    # test extras: 1.4 s of every start-up) only to map their types to column types, and
    # fieldapp never hands it their values. Hidden while it loads; importable afterwards.
    if "sqlite_utils" in _sys.modules:
        return
    hidden = [name for name in ("pandas", "numpy") if name not in _sys.modules]
    for name in hidden:
        _sys.modules[name] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del _sys.modules[name]


_import_sqlite_utils()
