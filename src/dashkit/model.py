"""The vocabulary every stage shares: dashboards as declared and as compiled, folders,
grants and Grafana targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

GENERAL_FOLDER = ""
"""The folder path of Grafana's top level ("General")."""


@dataclass(frozen=True)
class DashboardSpec:
    """A dashboard declared in code: the grafanalib object and where it belongs.

    ``folder`` is a slash-separated path of folder titles, e.g. ``"Platform/Pipeline"``;
    the empty string is Grafana's top level.
    """

    dashboard: Any
    folder: str = GENERAL_FOLDER


@dataclass(frozen=True)
class DashboardFacts:
    """What is known of a compiled dashboard without reading its JSON: the facts the build
    manifest records. ``source`` is the module it came from, relative to the project."""

    uid: str
    title: str
    folder: str
    tags: tuple[str, ...]
    panel_count: int
    source: str
    checksum: str

    @property
    def relpath(self) -> str:
        """Where the JSON lives under the build directory: folder path, then ``<uid>.json``."""
        return f"{self.folder}/{self.uid}.json" if self.folder else f"{self.uid}.json"

    @property
    def facts(self) -> DashboardFacts:
        """Just the facts, without what a subclass adds (the JSON, the stale flag)."""
        return DashboardFacts(self.uid, self.title, self.folder, self.tags, self.panel_count,
                              self.source, self.checksum)


@dataclass(frozen=True)
class CompiledDashboard(DashboardFacts):
    """One dashboard compiled to canonical JSON."""

    content: bytes = field(repr=False)


class Permission(StrEnum):
    """What a grant allows, as Grafana's permission API names it."""

    VIEW = "View"
    EDIT = "Edit"
    ADMIN = "Admin"

    @property
    def level(self) -> int:
        """The number Grafana's folder and dashboard permission API uses."""
        return _LEVELS[self]

    @classmethod
    def of_level(cls, level: int) -> Permission | None:
        return next((p for p, number in _LEVELS.items() if number == level), None)


_LEVELS = {Permission.VIEW: 1, Permission.EDIT: 2, Permission.ADMIN: 4}


class GrantKind(StrEnum):
    """Who a grant is for: a team (by name), a user (login or email) or a basic role."""

    TEAM = "team"
    USER = "user"
    ROLE = "role"


GRANTABLE_ROLES = ("Viewer", "Editor")
"""Basic roles a grant may name; Admin always has full access."""


class Resource(StrEnum):
    """What permissions are set on."""

    FOLDER = "folder"
    DASHBOARD = "dashboard"


@dataclass(frozen=True, order=True)
class Grant:
    """Who may do what: ``name`` is the team name, the user's login or email, or the basic
    role."""

    kind: GrantKind
    name: str
    permission: Permission

    def __str__(self) -> str:
        return f"{self.kind} {self.name}: {self.permission}"


@dataclass(frozen=True)
class FolderSpec:
    """A folder as declared: its uid, title and parent uid ("" = top level), and, when
    ``grants`` is not None, exactly who may view, edit or administer it."""

    uid: str
    title: str
    parent: str = ""
    grants: tuple[Grant, ...] | None = None
    declared: bool = True


@dataclass(frozen=True)
class DatasourceSpec:
    """A datasource provisioning writes: a fixed uid, and where its secrets come from
    (environment variable names, never the secrets themselves)."""

    uid: str
    name: str
    type: str
    url: str
    default: bool = False
    basic_auth_user_env: str | None = None
    basic_auth_password_env: str | None = None
    bearer_token_env: str | None = None
    json_data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProvisioningSpec:
    """Where the provisioning tree goes, where Grafana sees it, and how its providers act."""

    dir: str = "provisioning/grafana"
    mount: str = "/etc/grafana/provisioning"
    update_interval: float = 30.0
    allow_ui_updates: bool = False


@dataclass(frozen=True)
class TargetSpec:
    """A Grafana to push to, and where its credentials come from (never the secret itself)."""

    name: str
    url: str
    org_id: int = 1
    token_env: str = "GRAFANA_TOKEN"
    user_env: str = "GRAFANA_USER"
    password_env: str = "GRAFANA_PASSWORD"
    ca_bundle: str | None = None
    insecure_skip_verify: bool = False
    timeout: float = 10.0


@dataclass(frozen=True)
class TeamRoute:
    """Where a team's warnings go: a Slack channel, or MS Teams through a bridge URL (the
    bridge holds the Teams webhook; the URL names only the bridge)."""

    slack_channel: str | None = None
    msteams_url: str | None = None


@dataclass(frozen=True)
class AlertingSpec:
    """Where the alerting files go and how Alertmanager routes: critical alerts to PagerDuty
    and the Slack incident channel, warnings to the owning team. Secrets are named by the
    files that hold them (``*_file``), never given."""

    rules_dir: str = "provisioning/prometheus/rules"
    alertmanager_config: str = "provisioning/alertmanager/alertmanager.yml"
    runbooks_dir: str = "docs/runbooks"
    runbook_url: str = ""
    """The address the runbooks are read at (``<runbook_url>/<Alert>.md``); empty: the path
    under the repository."""
    grafana_url: str = "http://localhost:3000"
    group_by: tuple[str, ...] = ("alertname", "tenant")
    group_wait: float = 30.0
    group_interval: float = 300.0
    repeat_interval: dict[str, float] = field(default_factory=lambda: {
        "critical": 3600.0, "warning": 14400.0, "info": 86400.0})
    pagerduty_routing_key_file: str = "/run/secrets/pagerduty-routing-key"
    slack_api_url_file: str = "/run/secrets/slack-webhook-url"
    slack_channel: str = "#incidents"
    teams: dict[str, TeamRoute] = field(default_factory=dict)


@dataclass(frozen=True)
class NamedDatasource:
    """A datasource as dashboards may name it (grafanalib's ``dataSource="Loki"``), with
    the uid and plugin type the build writes for that name."""

    name: str
    uid: str
    type: str


@dataclass(frozen=True)
class BuildOptions:
    """What compiling modules takes from the project besides the modules themselves."""

    module_timeout: float = 60.0
    """Seconds one module may run before it is stopped and reported."""
    datasources: tuple[NamedDatasource, ...] = ()
    """Datasources dashboards may name; a name not here has no known type."""

    @property
    def fingerprint(self) -> str:
        """What of the options shapes the output (the timeout does not)."""
        return "|".join(f"{d.name}\x1f{d.uid}\x1f{d.type}" for d in self.datasources)


DEFAULT_BUILD = BuildOptions()
