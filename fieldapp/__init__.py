"""fieldapp: offline assessments for fair-trade and cooperative networks."""

import sys as _sys

__version__ = "0.1.0"

# sqlite-utils imports pandas at import time whenever it is installed, for DataFrame helpers
# fieldapp never uses: 1-2 s on every start of the program (and a packaged program that would
# carry it). A process that has not loaded pandas by itself does not load it through fieldapp;
# one that imported pandas first (an analyst's notebook, the test suite) keeps it.
_sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]


def _import_sqlite_utils() -> None:
    # It imports numpy too (0.2-0.4 s), only to map numpy types to column types, and
    # fieldapp never hands it numpy values: numpy is hidden while it loads, importable after.
    if "sqlite_utils" in _sys.modules or "numpy" in _sys.modules:
        return
    _sys.modules["numpy"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del _sys.modules["numpy"]


_import_sqlite_utils()
