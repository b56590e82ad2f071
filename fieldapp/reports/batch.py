"""Many feedback reports in one go (one PDF per organization), with progress and cancel.

The ``progress(done, total)`` callback and the ``cancelled()`` check follow ``load_demo``'s
pattern, so the CLI prints a progress line and the GUI runs it off the Tk thread with a
Cancel button. A cancelled batch keeps the PDFs already written and says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from fieldapp.errors import ReportError
from fieldapp.reports.coop import write_coop_report
from fieldapp.reports.sources import coop_report
from fieldapp.store.connection import Database


@dataclass(slots=True)
class BatchResult:
    """What a batch wrote: the PDFs, the organizations skipped (with the reason, already a
    message) and whether it was cancelled before the end."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    total: int = 0


def report_filename(org_id: str, round_id: str, lang: str) -> str:
    """``COOCAFE-PE_R2024_es.pdf``: ids made safe for every file system."""
    def safe(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "report"
    return f"{safe(org_id)}_{safe(round_id)}_{lang}.pdf"


def write_coop_batch(db: Database, org_ids: list[str], round_id: str, out_dir: str | Path, *,
                     baseline_id: str | None = None, lang: str = "es", paper: str = "a4",
                     logo: str | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> BatchResult:
    """Write one feedback report per organization into ``out_dir`` (created if needed).

    An organization with nothing to report in the round is skipped, not an error.

    :raises ReportError: REPORT_002 if ``out_dir`` cannot be created or written
    """
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError("REPORT_002", path=str(folder), detail=exc.strerror or exc) from exc
    result = BatchResult(total=len(org_ids))
    if progress:
        progress(0, len(org_ids))
    for done, org_id in enumerate(org_ids, start=1):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        try:
            content = coop_report(db, org_id, round_id, baseline_id=baseline_id, lang=lang,
                                  logo=logo)
        except ReportError as exc:
            if exc.code != "REPORT_004":
                raise
            result.skipped.append((org_id, exc.message))
        else:
            path = folder / report_filename(org_id, round_id, lang)
            write_coop_report(content, path, lang=lang, paper=paper)
            result.written.append(path)
        if progress:
            progress(done, len(org_ids))
    return result
