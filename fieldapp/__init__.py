"""fieldapp: offline assessments for fair-trade and cooperative networks."""

import sys as _sys

__version__ = "0.1.0"

# sqlite-utils imports pandas at import time whenever it is installed, for DataFrame helpers
# fieldapp never uses: 1-2 s on every start of the program (and a packaged program that would
# carry it). A process that has not loaded pandas by itself does not load it through fieldapp;
# one that imported pandas first (an analyst's notebook, the test suite) keeps it.
_sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]
