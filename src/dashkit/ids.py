"""Stable identifiers: slugs and panel ids derived from a key, never from position."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

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


def fill_missing_ids(panels: Iterable[dict[str, Any]]) -> None:
    """Give each panel without an integer id one from its title (or type): the first of a
    title gets the title's id, the next ``-2``, ``-3``... (untitled rows and repeated titles
    stay distinct), never an id another panel has."""
    panels = list(panels)
    taken = {p["id"] for p in panels if isinstance(p.get("id"), int)}
    counts: dict[str, int] = {}
    for panel in panels:
        if isinstance(panel.get("id"), int):
            continue
        base = slug(str(panel.get("title") or "")) or str(panel.get("type") or "panel")
        while True:
            counts[base] = counts.get(base, 0) + 1
            key = base if counts[base] == 1 else f"{base}-{counts[base]}"
            if panel_id(key) not in taken:
                break
        panel["id"] = panel_id(key)
        taken.add(panel["id"])


def all_panels(panels: Iterable[Any]) -> list[dict[str, Any]]:
    """Every panel of a dashboard's ``panels``, a row's own panels (a collapsed row holds
    them) right after the row; anything that is not an object is skipped."""
    out: list[dict[str, Any]] = []
    for panel in panels:
        if isinstance(panel, dict):
            out.append(panel)
            out.extend(all_panels(panel.get("panels") or []))
    return out
