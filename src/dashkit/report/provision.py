"""What ``dashboards provision`` wrote, or how the files on disk are stale, as text."""

from __future__ import annotations

from pathlib import Path

from dashkit.provisioning.run import Checked, Provisioned


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def written_text(result: Provisioned) -> str:
    lines = [problem.render() for problem in result.warnings]
    for output, written in result.outputs:
        where = _shown(output.root)
        lines += [f"  removed {where}/{rel} (generated before, no longer made)"
                  if output.tree.swept else
                  f"  removed {where}/{rel} (not generated; Grafana would load it)"
                  for rel in written.removed]
        lines.append(f"{output.what}: {where}: {len(written.written)} written, "
                     f"{len(written.unchanged)} unchanged, {len(written.removed)} removed")
    lines += [f"warning: {rel} has no alert; delete it, or declare the alert it is for"
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
        lines += [f"  missing: {where}/{rel}" for rel in stale.missing]
        lines += [f"  changed: {where}/{rel}" for rel in stale.changed]
        extra = ("no alert has it" if output.orphans_are_stale else
                 "generated before, no longer made" if output.tree.swept else
                 "not generated; Grafana would load it")
        lines += [f"  {extra}: {where}/{rel}" for rel in stale.extra]
    return "\n".join(lines)
