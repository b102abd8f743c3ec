"""How fresh a contact's source is: a reader is told to check a value before going when its
source is secondary (press, a directory, another body's page) or more than 2 years old."""

from __future__ import annotations

import datetime as dt

from . import model as m

CHECK_AFTER = dt.timedelta(days=730)
"""A source older than this, counted from the edition date, is 'to confirm with the body'."""


def check_reason(source: m.Source, on: dt.date) -> str | None:
    """Why a value from ``source`` must be confirmed with the body itself: 'secondary',
    'old' (more than 2 years before ``on``), or None when it need not be."""
    if source.confidence == "secondary":
        return "secondary"
    if source.date is not None and on - source.date > CHECK_AFTER:
        return "old"
    return None
