"""What ``dashboards provision`` wrote, or how the files on disk are stale, as text. Each
output is named with its directory; its files are listed relative to it."""

from __future__ import annotations

from pathlib import Path

from dashkit.provisioning.run import Checked, Output, Provisioned


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def _why_extra(output: Output, rel: str) -> str:
    if any(rel.startswith(f"{managed}/") for managed in output.tree.managed):
        return "not generated; Grafana would load it"
    if output.orphans_are_stale:
        return "no alert has it"
    return "generated before, no longer made"


def written_text(result: Provisioned) -> str:
    lines = [problem.render() for problem in result.warnings]
    for output, written in result.outputs:
        lines += [f"  removed {rel} ({_why_extra(output, rel)})" for rel in written.removed]
        lines.append(f"{output.what}: {_shown(output.root)}: {len(written.written)} written, "
                     f"{len(written.unchanged)} unchanged, {len(written.removed)} removed")
    lines += [f"warning: {rel} is a runbook no alert has; delete it, or declare its alert"
              for rel in result.orphans]
    return "\n".join(lines)


def stale_text(checked: Checked) -> str:
    lines = [problem.render() for problem in checked.warnings]
    for output, stale in checked.outputs:
        where = _shown(output.root)
        if stale.clean:
            lines.append(f"{output.what}: {where} is up to date")
            continue
        lines.append(f"error: {output.what}: {where} is not what the sources give; run "
                     "'dashboards provision'")
        lines += [f"  missing: {rel}" for rel in stale.missing]
        lines += [f"  changed: {rel}" for rel in stale.changed]
        lines += [f"  {_why_extra(output, rel)}: {rel}" for rel in stale.extra]
    return "\n".join(lines)
