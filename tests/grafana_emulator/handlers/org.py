"""Teams (§11) and users (§12): search/create teams, org user listing and lookups."""

from __future__ import annotations

from typing import Any

from ..auth import require, require_any
from ..errors import bad_request_data, message_error
from ..models import Team
from ..naming import generate_uid
from ..routing import Request, Router
from ..views import org_user_dto, team_dto, user_lookup_dto, user_profile_dto

LOOKUP_ACTIONS = (
    "org.users:read",
    "teams.permissions:write",
    "folders.permissions:write",
    "dashboards.permissions:write",
)


def search_teams(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "teams:read")
    query = req.arg("query").lower()
    name = req.arg("name")
    per_page = req.int_arg("perpage") or 1000
    page = max(req.int_arg("page") or 1, 1)
    with req.store.lock:
        teams = sorted(req.store.org(caller.org_id).teams.values(), key=lambda t: t.name.lower())
        teams = [t for t in teams if query in t.name.lower() and (not name or t.name == name)]
        chunk = [team_dto(t) for t in teams[(page - 1) * per_page : page * per_page]]
    return {"totalCount": len(teams), "teams": chunk, "page": page, "perPage": per_page}


def get_team(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "teams:read")
    try:
        team_id = int(req.params["id"])
    except ValueError:
        team_id = 0
    with req.store.lock:
        team = req.store.team(caller.org_id, team_id)
        if team is None:
            raise message_error(404, "Team not found", trace=True)
        return team_dto(team)


def create_team(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "teams:create")
    body = req.json_object()
    name, email = body.get("name"), body.get("email") or ""
    if not isinstance(name, str) or not name or not isinstance(email, str):
        raise bad_request_data()
    with req.store.lock:
        org = req.store.org(caller.org_id)
        if any(t.name == name for t in org.teams.values()):
            raise message_error(409, "Team name taken", trace=True)
        team = Team(
            id=req.store.next_team_id(),
            uid=generate_uid(),
            org_id=org.id,
            name=name,
            email=email,
            created=req.store.now(),
        )
        if not caller.is_service_account:
            team.members[caller.user.id] = 4
        org.teams[team.id] = team
    return {"message": "Team created", "teamId": team.id, "uid": team.uid}


def org_users(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    require(caller, "org.users:read")
    with req.store.lock:
        return [org_user_dto(u, caller.org_id) for u in req.store.org_users(caller.org_id)]


def org_users_lookup(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    require_any(caller, LOOKUP_ACTIONS)
    query = req.arg("query").lower()
    limit = req.int_arg("limit") or 1000
    with req.store.lock:
        users = [
            u
            for u in req.store.org_users(caller.org_id)
            if query in u.login.lower() or query in u.email.lower() or query in u.name.lower()
        ]
        return [user_lookup_dto(u) for u in users[:limit]]


def users_lookup(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "users:read")
    wanted = req.arg("loginOrEmail")
    with req.store.lock:
        user = req.store.user_by_login(wanted) if wanted else None
        if user is None or user.is_service_account:
            raise message_error(404, "user not found")
        return user_profile_dto(user)


def register(router: Router) -> None:
    router.add("GET", "/api/teams/search", "teams.search", search_teams)
    router.add("POST", "/api/teams", "teams.create", create_team)
    router.add("GET", "/api/teams/:id", "teams.get", get_team)
    router.add("GET", "/api/org/users", "org.users", org_users)
    router.add("GET", "/api/org/users/lookup", "org.users.lookup", org_users_lookup)
    router.add("GET", "/api/users/lookup", "users.lookup", users_lookup)
