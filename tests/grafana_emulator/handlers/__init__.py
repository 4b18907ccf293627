"""HTTP route handlers, one module per API area."""

from __future__ import annotations

from ..routing import Router
from . import dashboards, folders, health, org, permissions, search


def build_router() -> Router:
    router = Router()
    for module in (health, search, dashboards, permissions, folders, org):
        module.register(router)
    return router
