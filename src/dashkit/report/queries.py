"""``check-queries`` results -> text for a terminal, markdown for a pull request or a wiki,
JSON for tools. Nothing here decides anything."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from dashkit.queries.checks import Check, Kind, Status
from dashkit.queries.run import Outcome

_ORDER = {Status.ERROR: 0, Status.UNRESOLVED: 1, Status.EMPTY: 2, Status.OK: 3}


def where(check: Check) -> str:
    if check.kind is Kind.PANEL:
        return f"dashboard {check.container!r} ({check.uid}), panel {check.name!r}, " \
               f"target {check.ref or '?'}"
    part = "" if check.ref == "expr" else f", {check.ref}"
    return f"{check.kind.value} {check.name}{part} ({check.source})"


def counts(outcomes: Sequence[Outcome]) -> Counter[Status]:
    return Counter(o.status for o in outcomes)


def summary(outcomes: Sequence[Outcome], seconds: float) -> str:
    found = counts(outcomes)
    parts = [f"{found[s]} {s.value}" for s in (Status.OK, Status.EMPTY, Status.ERROR,
                                               Status.UNRESOLVED)]
    rate = len(outcomes) / seconds if seconds > 0 else 0.0
    return (f"{len(outcomes)} queries: {', '.join(parts)} "
            f"(in {seconds:.1f} s, {rate:.0f} queries/s)")


def text(outcomes: Sequence[Outcome], seconds: float, verbose: bool = False) -> str:
    lines = []
    for outcome in sorted(outcomes, key=_key):
        if outcome.status is Status.OK and not verbose:
            continue
        label = outcome.status.value
        extra = f" ({outcome.series} series)" if outcome.status is Status.OK else ""
        lines.append(f"{label}: {where(outcome.check)}{extra}")
        if outcome.message:
            lines.append(f"    {outcome.message}")
        shown = outcome.check.query or outcome.check.expr
        lines.append("    query: " + " ".join(shown.split()))
    lines.append(summary(outcomes, seconds))
    return "\n".join(lines)


def markdown(outcomes: Sequence[Outcome], seconds: float) -> str:
    lines = ["| status | where | what | detail |", "|---|---|---|---|"]
    for outcome in sorted(outcomes, key=_key):
        check = outcome.check
        container = f"{check.container} (`{check.uid}`)" if check.kind is Kind.PANEL \
            else check.source
        what = f"{check.name} [{check.ref}]" if check.kind is Kind.PANEL else \
            f"{check.kind.value} `{check.name}` {'' if check.ref == 'expr' else check.ref}"
        detail = outcome.message or (f"{outcome.series} series" if outcome.series else "")
        lines.append(f"| {outcome.status.value} | {_cell(container)} | {_cell(what.strip())} "
                     f"| {_cell(detail)} |")
    return "\n".join(["### Query check", "", summary(outcomes, seconds), "", *lines])


def as_json(outcomes: Sequence[Outcome], seconds: float) -> str:
    found = counts(outcomes)
    return json.dumps({
        "summary": {s.value: found[s] for s in _ORDER} | {"queries": len(outcomes),
                                                          "seconds": round(seconds, 3)},
        "results": [{
            "status": o.status.value, "kind": o.check.kind.value,
            "dashboard": o.check.container if o.check.kind is Kind.PANEL else None,
            "uid": o.check.uid if o.check.kind is Kind.PANEL else None,
            "panel": o.check.name if o.check.kind is Kind.PANEL else None,
            "panel_id": o.check.panel_id,
            "rule": o.check.name if o.check.kind is not Kind.PANEL else None,
            "ref": o.check.ref, "source": o.check.source, "expr": o.check.expr,
            "query": o.check.query, "series": o.series, "message": o.message,
            "seconds": round(o.seconds, 4),
        } for o in sorted(outcomes, key=_key)]}, indent=2)


def _key(outcome: Outcome) -> tuple[int, str, str, str, str]:
    c = outcome.check
    return (_ORDER[outcome.status], c.kind.value, c.container, c.name, c.ref)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
