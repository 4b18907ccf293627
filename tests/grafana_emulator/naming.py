"""UID validation/generation, slugs and avatar URLs (contract §0.3, §3)."""

from __future__ import annotations

import hashlib
import re
import secrets
import string
import unicodedata

MAX_UID_LENGTH = 40
_UID_RE = re.compile(r"^[a-zA-Z0-9\-_]*$")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_DURATION_RE = re.compile(r"^(\d+)(ms|s|m|h|d|w|M|y)$")
_UNIT_SECONDS = {
    "ms": 0.001,
    "s": 1,
    "m": 60,
    "h": 3600,
    "d": 86400,
    "w": 604800,
    "M": 2592000,
    "y": 31536000,
}


def uid_problem(uid: str) -> str | None:
    """Return Grafana's message for an invalid uid, or None when the (trimmed) uid is fine."""
    if not _UID_RE.match(uid):
        return "uid contains illegal characters"
    if len(uid) > MAX_UID_LENGTH:
        return "uid too long, max 40 characters"
    return None


def generate_uid() -> str:
    """A 14-character lowercase alphanumeric uid starting with a letter (newer Grafana style)."""
    alphabet = string.ascii_lowercase + string.digits
    return secrets.choice(string.ascii_lowercase) + "".join(
        secrets.choice(alphabet) for _ in range(13)
    )


def slugify(title: str) -> str:
    """Approximation of Grafana's ``slugify.Slugify``: lowercase ASCII words joined by '-'."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return _SLUG_DROP.sub("-", text.lower()).strip("-")


def avatar_url(email: str) -> str:
    digest = hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()
    return f"/avatar/{digest}"


def dashboard_url(uid: str, title: str) -> str:
    return f"/d/{uid}/{slugify(title)}"


def folder_url(uid: str, title: str) -> str:
    return f"/dashboards/f/{uid}/{slugify(title)}"


def duration_seconds(text: str) -> float | None:
    """Seconds in a single-unit Grafana interval such as ``30s`` or ``1h``; None if unparsable."""
    match = _DURATION_RE.match(text.strip())
    if match is None:
        return None
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
