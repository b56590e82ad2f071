"""The SQLite storage: organizations, rounds, forms, submissions, answers, attachments, audit."""

from fieldapp.store.database import atomic, open_db

__all__ = ["atomic", "open_db"]
