"""HTTP route handlers, one module per API area."""

from __future__ import annotations

from ..routing import Router
from . import dashboards, datasources, folders, health, org, permissions, search, user


def build_router() -> Router:
    router = Router()
    for module in (health, search, dashboards, datasources, permissions, folders, org, user):
        module.register(router)
    return router
