"""Team and user names -> the ids Grafana's permission API takes, before anything is written."""

from __future__ import annotations

import difflib

from dashkit.grafana.client import GrafanaPort
from dashkit.grafana.errors import GrafanaApiError
from dashkit.grafana.live import LiveGrant
from dashkit.model import Grant, GrantKind, Resource
from dashkit.problems import UserError


def resolve_grants(port: GrafanaPort, declared: dict[str, tuple[Grant, ...]],
                   resource: Resource) -> dict[str, tuple[LiveGrant, ...]]:
    """Names -> ids. Every unknown team or user is reported at once, with the folder or
    dashboard that names it and the nearest names Grafana knows, before any write."""
    ids: dict[GrantKind, dict[str, str | None]] = {GrantKind.TEAM: {}, GrantKind.USER: {}}
    lookups = {GrantKind.TEAM: port.team_id, GrantKind.USER: port.user_id}
    named_by: dict[tuple[GrantKind, str], list[str]] = {}
    for uid, grants in declared.items():
        for grant in grants:
            known = ids.get(grant.kind)
            if known is None:
                continue
            if grant.name not in known:
                known[grant.name] = lookups[grant.kind](grant.name)
            named_by.setdefault((grant.kind, grant.name), []).append(uid)
    unknown = [(kind, name) for kind in (GrantKind.TEAM, GrantKind.USER)
               for name, ref in sorted(ids[kind].items()) if ref is None]
    if unknown:
        raise _unknown(port, unknown, named_by, resource)
    resolved = {}
    for uid, grants in declared.items():
        out = []
        for grant in grants:
            ref = ids.get(grant.kind, {}).get(grant.name, grant.name)
            out.append(LiveGrant(grant.kind, str(ref), grant.name, grant.permission))
        resolved[uid] = tuple(sorted(out))
    return resolved


def _unknown(port: GrafanaPort, unknown: list[tuple[GrantKind, str]],
             named_by: dict[tuple[GrantKind, str], list[str]], resource: Resource) -> UserError:
    try:
        teams, users = port.known_names()
    except GrafanaApiError:  # the token may not list them: no suggestions then
        teams, users = [], []
    lines = []
    for kind, name in unknown:
        pool = teams if kind is GrantKind.TEAM else users
        close = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
        guess = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        where = ", ".join(f"{resource} {uid}" for uid in named_by[(kind, name)])
        lines.append(f"{kind} {name!r}, named by {where}{guess}")
    return UserError(
        f"{resource} permissions name {len(unknown)} team(s) or user(s) Grafana does not know; "
        "nothing was written", details="\n".join(lines),
        hints=("create the team or user in Grafana, or fix the name in dashboards.yaml",
               "users are matched by login or email within the target's organisation"))
