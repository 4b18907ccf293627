"""Plans and push results -> text for people and JSON for machines."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from dashkit.grafana.apply import ApplyReport, Status
from dashkit.grafana.plan import Action, DashboardAction, Plan
from dashkit.review.diff import DashboardChanges, short

SIGNS = {Action.CREATE: "+", Action.UPDATE: "~", Action.RENAME: "~", Action.MOVE: "~",
         Action.UNCHANGED: "=", Action.REFUSED: "!", Action.PROVISIONED: "=", Action.IGNORED: "=",
         Action.DELETE: "-"}


def plan_text(plan: Plan, *, verbose: bool = False) -> str:
    lines = [f"Plan for {plan.target}:"]
    lines.append("Folders")
    for f in plan.folders:
        if f.action is not Action.UNCHANGED or verbose:
            extra = f"  ({f.reason})" if f.reason else ""
            lines.append(f"  {SIGNS[f.action]} {f.action:<11} {f.path}  [uid {f.uid}]{extra}")
    lines.append("Permissions")
    for g in plan.grants:
        if g.action is Action.UNCHANGED and not verbose:
            continue
        changes = ([f"+ {x}" for x in g.add] + [f"~ {x}" for x in g.change]
                   + [f"- {x}" + (" (Grafana gives it on creation)" if x in g.on_creation
                                  else "") for x in g.remove])
        lines.append(f"  {SIGNS.get(g.action, '~')} {g.resource} {g.title}: "
                     + ("; ".join(changes) or "unchanged"))
    if plan.lockouts:
        lines.append("Lockout (push refuses this without --force)")
        lines.extend(f"  ! {text}" for text in plan.lockouts)
    lines.append("Dashboards")
    for d in plan.dashboards:
        if d.action is Action.UNCHANGED and not verbose:
            continue
        lines.append(f"  {SIGNS[d.action]} {d.action:<11} {d.uid}  {d.title}"
                     + (f"  ({d.reason})" if d.reason else ""))
        lines.extend(_details(d))
    lines.append(plan_summary(plan))
    return "\n".join(lines)


def _details(action: DashboardAction) -> list[str]:
    out: list[str] = []
    if action.drift is not None:
        out.append("      changed in Grafana since the last push:")
        out.extend("        " + line for line in changes_lines(action.drift))
    if action.action is Action.UPDATE and action.changes is not None:
        out.extend("      " + line for line in changes_lines(action.changes))
    return out


def changes_lines(changes: DashboardChanges, limit: int = 20) -> list[str]:
    lines = [f"{c.field}: {short(c.before)} -> {short(c.after)}" for c in changes.fields]
    for panel in changes.panels:
        head = f"panel {panel.title!r} ({panel.type}) {panel.kind}"
        if panel.kind != "changed":
            lines.append(head)
            continue
        lines.append(head + ": " + ", ".join(f.field for f in panel.fields))
        lines.extend(f"    {f.field}: {short(f.before)} -> {short(f.after)}"
                     for f in panel.fields)
    lines.extend(f"variable {v.field} " + ("added" if v.before is None else
                                           "removed" if v.after is None else "changed")
                 for v in changes.variables)
    lines.extend(f"link {link.field} changed" for link in changes.links)
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit} more"]
    return lines


def plan_summary(plan: Plan) -> str:
    d = [a.action for a in plan.dashboards]
    parts = [f"{d.count(Action.CREATE)} to create", f"{d.count(Action.UPDATE)} to update",
             f"{d.count(Action.UNCHANGED)} unchanged", f"{d.count(Action.DELETE)} to delete",
             f"{d.count(Action.REFUSED)} refused", f"{d.count(Action.PROVISIONED)} provisioned"]
    if d.count(Action.IGNORED):
        parts.append(f"{d.count(Action.IGNORED)} ignored")
    folders = sum(1 for f in plan.folders if f.action is not Action.UNCHANGED)
    grants = sum(1 for g in plan.grants if g.action is not Action.UNCHANGED)
    return (f"Dashboards: {', '.join(parts)}. Folders: {folders} to change. "
            f"Permission sets: {grants} to change.")


def plan_json(plan: Plan) -> str:
    def action(a: Any) -> dict[str, Any]:
        data = asdict(a)
        data.pop("payload", None)
        for key in ("changes", "drift"):
            if data.get(key) is None:
                data.pop(key, None)
        return data

    return json.dumps({
        "target": plan.target,
        "caller": plan.caller,
        "lockouts": list(plan.lockouts),
        "folders": [action(a) for a in plan.folders],
        "permissions": [action(a) for a in plan.grants],
        "dashboards": [action(a) for a in plan.dashboards],
        "summary": plan_summary(plan),
    }, indent=2, sort_keys=True, default=str)


def interrupted_text(plan: Plan, report: ApplyReport) -> str:
    applied = len(report.with_status(Status.APPLIED))
    left = plan.writes - len(report.outcomes)
    return (f"interrupted: {applied} of {plan.writes} writes were applied before Ctrl-C (listed "
            f"above); the other {left} were not finished (one in flight may have reached "
            "Grafana). Run push again: it converges from here.")


def apply_text(report: ApplyReport) -> str:
    lines = []
    for outcome in report.outcomes:
        if outcome.status is not Status.APPLIED:
            lines.append(f"  {outcome.status}: {outcome.kind} {outcome.action} {outcome.uid}"
                         + (f": {outcome.detail}" if outcome.detail else ""))
    applied = report.with_status(Status.APPLIED)
    by_kind: dict[str, int] = {}
    for outcome in applied:
        key = f"{outcome.kind} {outcome.action}"
        by_kind[key] = by_kind.get(key, 0) + 1
    done = ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items())) or "nothing to write"
    lines.append(f"Applied: {done}. Failed: {len(report.with_status(Status.FAILED))}. "
                 f"Skipped: {len(report.with_status(Status.SKIPPED))}.")
    if not report.ok:
        lines.append("Run push again after fixing the cause: it converges from where this "
                     "one stopped.")
    return "\n".join(lines)
