"""Stable identifiers: slugs and panel ids derived from a key, never from position."""

from __future__ import annotations

import hashlib
import re

MAX_PANEL_ID = 2**31 - 1

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """``"p99 latency (by source)"`` -> ``"p99-latency-by-source"``."""
    return _NON_SLUG.sub("-", text.lower()).strip("-")


def panel_id(key: str) -> int:
    """A panel id that depends only on the panel's key.

    Inserting or reordering panels never renumbers the others, so ``viewPanel=`` links and
    alert annotations that name a panel id keep working.
    """
    digest = hashlib.sha256(key.encode()).digest()
    return int.from_bytes(digest[:8], "big") % MAX_PANEL_ID + 1
