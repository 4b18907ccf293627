"""What ``dashboards provision`` wrote, or how the tree on disk is stale, as text."""

from __future__ import annotations

from pathlib import Path

from dashkit.provisioning.files import Stale, Written


def written_text(written: Written, out: Path) -> str:
    lines = [f"  removed {rel} (not generated; Grafana would load it)" for rel in written.removed]
    lines.append(f"provisioned {out}: {len(written.written)} written, {len(written.unchanged)} "
                 f"unchanged, {len(written.removed)} removed")
    return "\n".join(lines)


def stale_text(stale: Stale, out: Path) -> str:
    if stale.clean:
        return f"{out} is up to date"
    lines = [f"error: {out} is not what the sources give; run 'dashboards provision'"]
    lines += [f"  missing: {rel}" for rel in stale.missing]
    lines += [f"  changed: {rel}" for rel in stale.changed]
    lines += [f"  not generated (Grafana would load it): {rel}" for rel in stale.extra]
    return "\n".join(lines)
