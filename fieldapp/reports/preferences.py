"""The report settings kept in the database: paper size and the logo printed on covers."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.reports.pages import PAPERS
from fieldapp.store.connection import Database
from fieldapp.store.identity import get_setting, set_setting

PAPER_KEY = "report_paper"
LOGO_KEY = "report_logo"
DEFAULT_PAPER = "a4"


@dataclass(slots=True)
class ReportPreferences:
    """Paper (``a4`` or ``letter``) and an optional logo file for report covers."""

    paper: str = DEFAULT_PAPER
    logo: str | None = None


def get_preferences(db: Database) -> ReportPreferences:
    paper = get_setting(db, PAPER_KEY, DEFAULT_PAPER) or DEFAULT_PAPER
    return ReportPreferences(paper if paper in PAPERS else DEFAULT_PAPER,
                             get_setting(db, LOGO_KEY) or None)


def set_preferences(db: Database, prefs: ReportPreferences) -> None:
    set_setting(db, PAPER_KEY, prefs.paper if prefs.paper in PAPERS else DEFAULT_PAPER)
    set_setting(db, LOGO_KEY, prefs.logo or None)
