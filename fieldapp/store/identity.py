"""This laptop's identity (device id, technician) and its settings, kept in the database."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp import i18n
from fieldapp.errors import InputError
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded

DEVICE_ID = "device_id"
TECHNICIAN = "technician"
UI_LANGUAGE = "ui_language"


@dataclass(slots=True)
class Identity:
    """Who writes: the laptop (created on first open) and the technician using it."""

    device_id: str
    technician: str
    ui_language: str | None


@guarded
def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    """The value of a setting, or ``default`` when it was never set."""
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


@guarded
def set_setting(db: Database, key: str, value: str | None) -> None:
    """Store a setting (None removes it). The device id cannot be changed."""
    if key == DEVICE_ID:
        raise ValueError("the device id is created once and never changed")
    with atomic(db):
        if value is None:
            db.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            db.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def get_identity(db: Database) -> Identity:
    """The device id, technician name and interface language of this database."""
    return Identity(
        device_id=get_setting(db, DEVICE_ID) or "",
        technician=get_setting(db, TECHNICIAN, "") or "",
        ui_language=get_setting(db, UI_LANGUAGE),
    )


def set_technician(db: Database, name: str) -> None:
    """Set the technician recorded with every later change."""
    set_setting(db, TECHNICIAN, " ".join(name.split()))


def set_ui_language(db: Database, lang: str | None) -> None:
    """Set the interface language (es, en, pt; None = the system's).

    :raises InputError: for a language the interface does not speak
    """
    if lang is not None and lang not in i18n.LANGUAGES:
        raise InputError("STORE_061", value=lang, choices=", ".join(i18n.LANGUAGES))
    set_setting(db, UI_LANGUAGE, lang)
