"""The build manifest: one entry per dashboard in the build folder, for the commands that
read a build without compiling (list, diff --dir, lint) and for the next build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from dashkit.build.compile import encode
from dashkit.model import DashboardFacts

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class ManifestEntry(DashboardFacts):
    """A dashboard of the build folder; ``stale`` when its module failed in the last build
    and this is the output of an earlier one."""

    stale: bool = False

    @property
    def path(self) -> str:
        return self.relpath

    @classmethod
    def of(cls, dashboard: DashboardFacts, stale: bool = False) -> ManifestEntry:
        f = dashboard
        return cls(f.uid, f.title, f.folder, f.tags, f.panel_count, f.source, f.checksum, stale)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ManifestEntry:
        entry = cls(data["uid"], data["title"], data["folder"], tuple(data.get("tags", ())),
                    int(data["panel_count"]), data["source"], data["checksum"],
                    bool(data.get("stale", False)))
        if entry.path != data["path"]:
            raise ValueError(f"manifest entry {entry.uid!r} is at {data['path']!r}")
        return entry

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "uid": self.uid, "title": self.title, "folder": self.folder, "tags": list(self.tags),
            "panel_count": self.panel_count, "source": self.source, "checksum": self.checksum,
            "path": self.path}
        if self.stale:
            data["stale"] = True
        return data


def render_manifest(entries: list[ManifestEntry]) -> bytes:
    ordered = sorted(entries, key=lambda e: (e.folder, e.uid))
    return encode({"dashboards": [e.to_json() for e in ordered], "format": 1})


def read_manifest(out_dir: Path) -> list[ManifestEntry]:
    """The entries of the manifest in ``out_dir``; none if it is missing or damaged."""
    try:
        data = orjson.loads((out_dir / MANIFEST_NAME).read_bytes())
        return [ManifestEntry.from_json(item) for item in data.get("dashboards", [])]
    except (OSError, ValueError, KeyError, TypeError):
        return []
