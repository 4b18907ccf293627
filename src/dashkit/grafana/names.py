"""Team and user names -> the ids Grafana's permission API takes, before anything is written."""

from __future__ import annotations

from dashkit.grafana.client import GrafanaPort
from dashkit.grafana.live import LiveGrant
from dashkit.model import Grant, GrantKind
from dashkit.problems import UserError


def resolve_grants(port: GrafanaPort, declared: dict[str, tuple[Grant, ...]], what: str,
                   ) -> dict[str, tuple[LiveGrant, ...]]:
    """Names -> ids. Every unknown team or user is reported at once, before any write."""
    ids: dict[GrantKind, dict[str, str | None]] = {GrantKind.TEAM: {}, GrantKind.USER: {}}
    lookups = {GrantKind.TEAM: port.team_id, GrantKind.USER: port.user_id}
    for grants in declared.values():
        for grant in grants:
            known = ids.get(grant.kind)
            if known is not None and grant.name not in known:
                known[grant.name] = lookups[grant.kind](grant.name)
    unknown = [f"{kind} {name!r}" for kind in (GrantKind.TEAM, GrantKind.USER)
               for name, ref in sorted(ids[kind].items()) if ref is None]
    if unknown:
        raise UserError(
            f"{what} name {', '.join(unknown)}, which Grafana does not know; nothing was written",
            hints=("create the team or user in Grafana (or fix the spelling in dashboards.yaml)",
                   "users are matched by login or email within the target's organisation"))
    resolved = {}
    for uid, grants in declared.items():
        out = []
        for grant in grants:
            ref = ids.get(grant.kind, {}).get(grant.name, grant.name)
            out.append(LiveGrant(grant.kind, str(ref), grant.name, grant.permission))
        resolved[uid] = tuple(sorted(out))
    return resolved
