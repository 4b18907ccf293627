"""The alert names of the repository's rule files (read from the generated YAML)."""

from __future__ import annotations

import yaml
from conftest import REPO


def alert_names() -> set[str]:
    names = set()
    for path in (REPO / "provisioning" / "prometheus" / "rules").glob("*.yml"):
        for group in yaml.safe_load(path.read_text())["groups"]:
            names.update(r["alert"] for r in group["rules"] if "alert" in r)
    return names
