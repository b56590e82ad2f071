"""The store's clock: ISO-8601 UTC timestamps with milliseconds and 'Z' (tests replace ``now``)."""

from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    """The current time, e.g. ``2024-05-01T12:34:56.789Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
