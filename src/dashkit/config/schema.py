"""Every setting of ``dashboards.yaml`` in one place: key, kind, default and meaning.

The loader reads the file through :data:`PROJECT`, so what is declared here is exactly what
is accepted; the settings table in the README is generated from it
(``dashboards config --schema``) and a test keeps the two in step.
"""

from __future__ import annotations

from typing import Any

from dashkit.config.kinds import (
    REQUIRED,
    AnyMapping,
    Boolean,
    Choice,
    ConfigError,
    Duration,
    Integer,
    ListOf,
    MapOf,
    Section,
    Setting,
    Text,
    rows,
)
from dashkit.model import GRANTABLE_ROLES, GrantKind, Permission
from dashkit.problems import FAIL_ON_CHOICES

CONFIG_NAME = "dashboards.yaml"
DEFAULT_OWNER = "dashkit"
UID = r"^[A-Za-z0-9_-]{1,40}$"
NAME = r"^\S(.*\S)?$"


def _one_grantee(grant: dict[str, Any], where: str) -> None:
    if sum(grant[kind] is not None for kind in GrantKind) != 1:
        raise ConfigError(where, "needs exactly one of team, user or role",
                          "{team: sre, permission: Edit}")


GRANT = Section((
    Setting("team", Text(NAME, "must be a team's name"), None, "A team, by name."),
    Setting("user", Text(NAME, "must be a user's login or email"), None,
            "A user, by login or email."),
    Setting("role", Choice(GRANTABLE_ROLES, "Admin always has full access"), None,
            "A basic role."),
    Setting("permission", Choice(tuple(Permission)), REQUIRED, "What the grantee may do.",
            "needs a permission: View, Edit or Admin", "permission: View"),
), name="grant", check=_one_grantee)

TARGET = Section((
    Setting("url", Text(r"^https?://[^/\s]", "must be the Grafana URL",
                        "url: https://grafana.example.com", "URL"), REQUIRED,
            "Grafana's address, with its sub-path if it has one.",
            "must be the Grafana URL", "url: https://grafana.example.com"),
    Setting("org_id", Integer(), 1, "The organisation to push into."),
    Setting("token_env", Text(NAME, "must name an environment variable"), "GRAFANA_TOKEN",
            "Environment variable holding a service-account token."),
    Setting("user_env", Text(NAME, "must name an environment variable"), "GRAFANA_USER",
            "Environment variable holding the user for basic auth (used without a token)."),
    Setting("password_env", Text(NAME, "must name an environment variable"),
            "GRAFANA_PASSWORD", "Environment variable holding the basic-auth password."),
    Setting("ca_bundle", Text(NAME, "must be the path of a CA bundle file", called="path"),
            None, "CA bundle to verify TLS against (relative to `dashboards.yaml`)."),
    Setting("insecure_skip_verify", Boolean(), False,
            "Skip TLS verification (a warning is printed)."),
    Setting("timeout", Duration(), 10.0, "Time limit of each request to Grafana."),
), name="target")

RESERVED_FOLDER_UIDS = {
    "general": "Grafana's top level (\"General\"); leave parent out for the top level",
    "sharedwithme": "Grafana's \"Shared with me\" view, which is not a folder",
}
"""Uids Grafana keeps for itself (pkg/services/folder/model.go SharedWithMeFolderUID;
accesscontrol.GeneralFolderUID); creating a folder with either is refused."""


def _not_reserved(folder: dict[str, Any], where: str) -> None:
    for key in ("uid", "parent"):
        reserved = RESERVED_FOLDER_UIDS.get(folder[key].strip().lower())
        if reserved is not None:
            raise ConfigError(f"{where}.{key}", f"cannot be {folder[key]!r}: Grafana keeps that "
                                                f"uid for {reserved}")


FOLDER = Section((
    Setting("uid", Text(UID, "must be 1-40 letters, digits, '-' or '_'",
                        "uid: platform-pipeline", "uid"), REQUIRED,
            "The folder's uid in Grafana.", "must be 1-40 letters, digits, '-' or '_'",
            "uid: platform-pipeline"),
    Setting("title", Text(r"^[^/]*\S[^/]*$", "must be a folder title without '/'",
                          "title: Pipeline"), REQUIRED,
            "Its title; dashboards name folders by the path of titles.",
            "must be a folder title without '/'", "title: Pipeline"),
    Setting("parent", Text(UID, "must be the uid of another folder", called="uid"), "",
            "The uid of the parent folder; empty for the top level."),
    Setting("permissions", ListOf(GRANT, must="must be a list of grants",
                                  example="permissions: [{team: sre, permission: Admin}]"),
            None, "Exactly who may view, edit or administer it; without it the folder keeps "
                  "whatever it has."),
), name="folder", check=_not_reserved)

IGNORE = Section((
    Setting("rule", Text(r".", "must name a lint rule", "rule: panel/has-unit"), REQUIRED,
            "The rule whose finding is accepted.", "must name a lint rule",
            "rule: panel/has-unit"),
    Setting("reason", Text(r".*\S", "is required: say why this finding is accepted",
                           "reason: text panels carry no unit"), REQUIRED,
            "Why it is accepted.", "is required: say why this finding is accepted",
            "reason: text panels carry no unit"),
    Setting("dashboard", Text(), "", "Only in this dashboard (uid)."),
    Setting("panel", Text(), "", "Only on this panel (title)."),
    Setting("alert", Text(), "", "Only on this alert (name)."),
), name="ignore")

LINT = Section((
    Setting("fail_on", Choice(FAIL_ON_CHOICES), "error",
            "The lowest severity that fails `dashboards lint`."),
    Setting("ignore", ListOf(IGNORE, example="ignore: [{rule: panel/has-unit, reason: ...}]"),
            [], "Findings the project accepts, each with a reason."),
    Setting("metrics", Choice(("claimed", "all")), "claimed",
            "Which metric names the catalog rules check: `claimed`, those in the namespaces of "
            "the catalog's metrics (`jobs_*`, `redis_*`...); `all`, every name."),
), name="lint settings")

ENV = r"^[A-Za-z_][A-Za-z0-9_]*$"

DATASOURCE_TYPES = ("prometheus", "loki", "tempo", "alertmanager")
"""The datasource types whose correlation settings provisioning writes; others pass as-is."""

DATASOURCE = Section((
    Setting("uid", Text(UID, "must be 1-40 letters, digits, '-' or '_'", "uid: prometheus",
                        "uid"), REQUIRED,
            "The datasource's fixed uid: dashboards and the other datasources refer to it.",
            "must be 1-40 letters, digits, '-' or '_'", "uid: prometheus"),
    Setting("name", Text(NAME, "must be the datasource's name"), REQUIRED, "Its name in Grafana.",
            "is required", "name: Prometheus"),
    Setting("type", Text(r"^[a-z0-9-]+$", "must be a datasource plugin id",
                         "type: prometheus"), REQUIRED,
            "The plugin: `prometheus`, `loki`, `tempo` and `alertmanager` get their correlation "
            "settings written; any other plugin id is provisioned as given.",
            "is required", "type: prometheus"),
    Setting("url", Text(r"^(https?://\S+|\$__env\{[A-Za-z_][A-Za-z0-9_]*\})$",
                        "must be an http(s) URL or $__env{VAR}", "url: http://prometheus:9090",
                        "URL"), REQUIRED, "Where Grafana reaches it.",
            "must be an http(s) URL or $__env{VAR}", "url: http://prometheus:9090"),
    Setting("default", Boolean(), False, "The org's default datasource (at most one)."),
    Setting("basic_auth_user_env", Text(ENV, "must name an environment variable"), None,
            "Environment variable holding the basic-auth user (Grafana reads it at start)."),
    Setting("basic_auth_password_env", Text(ENV, "must name an environment variable"), None,
            "Environment variable holding the basic-auth password."),
    Setting("bearer_token_env", Text(ENV, "must name an environment variable"), None,
            "Environment variable holding a token sent as `Authorization: Bearer`."),
    Setting("json_data", AnyMapping(), {}, "Further `jsonData`, over what provisioning writes."),
), name="datasource")

PROVISIONING = Section((
    Setting("dir", Text(NAME, "must be a folder path", called="path"), "provisioning/grafana",
            "Where `dashboards provision` writes Grafana's provisioning tree."),
    Setting("mount", Text(r"^/\S*$", "must be an absolute path", "mount: /etc/grafana/"
                          "provisioning", "path"), "/etc/grafana/provisioning",
            "Where Grafana sees that tree (the providers' paths are under it)."),
    Setting("update_interval", Duration(), 30.0,
            "How often Grafana rereads the dashboard files."),
    Setting("allow_ui_updates", Boolean(), False,
            "Let people save provisioned dashboards in Grafana (the next file change overwrites "
            "their edits)."),
), name="provisioning settings")

def _one_channel(team: dict[str, Any], where: str) -> None:
    if (team["slack_channel"] is None) == (team["msteams_url"] is None):
        raise ConfigError(where, "needs exactly one of slack_channel or msteams_url",
                          'pipeline: {slack_channel: "#pipeline-alerts"}')


TEAM_ROUTE = Section((
    Setting("slack_channel", Text(r"^[#@]?[\w.-]+$", "must be a Slack channel such as "
                                  "'#pipeline-alerts'", called="channel"), None,
            "The team's Slack channel."),
    Setting("msteams_url", Text(r"^https?://[^\s?]+$", "must be the bridge's URL, without a "
                                "query", called="URL"), None,
            "The MS Teams bridge (prometheus-msteams) URL for the team's channel; the Teams "
            "webhook itself stays in the bridge's configuration."),
), name="team route", check=_one_channel)

SECRET_FILE = Text(r"^/\S+$", "must be an absolute path inside the Alertmanager container",
                   called="path")

REPEAT = Section((
    Setting("critical", Duration(), 3600.0, "Repeat of a critical alert still firing."),
    Setting("warning", Duration(), 14400.0, "Repeat of a warning still firing."),
    Setting("info", Duration(), 86400.0, "Repeat of an info alert still firing."),
), name="repeat intervals")

ALERTING = Section((
    Setting("rules_dir", Text(NAME, "must be a folder path", called="path"),
            "provisioning/prometheus/rules", "Where the Prometheus rule files are written."),
    Setting("alertmanager_config", Text(NAME, "must be a file path", called="path"),
            "provisioning/alertmanager/alertmanager.yml",
            "Where the Alertmanager configuration is written."),
    Setting("runbooks_dir", Text(NAME, "must be a folder path", called="path"),
            "docs/runbooks", "Where the runbooks are written, one per alert."),
    Setting("runbook_url", Text(r"^https?://\S+[^/]$", "must be an http(s) URL without a "
                                "trailing '/'", called="URL"), "",
            "The address the runbooks are read at; each alert's `runbook_url` is "
            "`<runbook_url>/<Alert>.md`. Empty: the runbook's path in the repository."),
    Setting("grafana_url", Text(r"^https?://\S+[^/]$", "must be an http(s) URL without a "
                                "trailing '/'", called="URL"), "http://localhost:3000",
            "Grafana's address (with its sub-path) for each alert's `dashboard_url`."),
    Setting("group_by", ListOf(Text(r"^[A-Za-z_][A-Za-z0-9_]*$", "must be a label name"),
                               must="must be a list of label names"),
            ["alertname", "tenant"], "Labels Alertmanager groups notifications by."),
    Setting("group_wait", Duration(), 30.0, "Wait before the first notification of a group."),
    Setting("group_interval", Duration(), 300.0,
            "Wait before notifying of new alerts in a group already notified."),
    Setting("repeat_interval", REPEAT, {"critical": 3600.0, "warning": 14400.0,
                                        "info": 86400.0},
            "Repeat intervals by severity."),
    Setting("pagerduty_routing_key_file", SECRET_FILE,
            "/run/secrets/pagerduty-routing-key",
            "File holding the PagerDuty Events v2 routing key (critical alerts)."),
    Setting("slack_api_url_file", SECRET_FILE, "/run/secrets/slack-webhook-url",
            "File holding the Slack incoming-webhook URL."),
    Setting("slack_channel", Text(r"^[#@]?[\w.-]+$", "must be a Slack channel",
                                  called="channel"), "#incidents",
            "The Slack channel of critical alerts."),
    Setting("teams", MapOf(TEAM_ROUTE, "team name"), {},
            "Where each owning team's warnings go; every alert's team must be here."),
), name="alerting settings")

PROJECT = Section((
    Setting("dashboards", ListOf(Text(NAME, "must be a folder or file path"), single=True,
                                 must="must be a list of folder or file paths",
                                 example="dashboards: [dashboards]"),
            ["dashboards"], "Folders and files of dashboard modules to build."),
    Setting("build_dir", Text(NAME, "must be a folder path", "build_dir: build", "path"),
            "build", "Where `dashboards build` writes."),
    Setting("module_timeout", Duration(), 60.0,
            "How long one dashboard or alert module may take to run; past it, it is stopped "
            "and reported (`--module-timeout` overrides it)."),
    Setting("owner", Text(r"^[A-Za-z0-9_.-]{1,40}$",
                          "must be a short name of letters, digits, '.', '_' or '-'",
                          "owner: media-platform"), DEFAULT_OWNER,
            "Pushed dashboards carry the tag `dashkit:<owner>`; push and prune only touch "
            "dashboards with it."),
    Setting("targets", MapOf(TARGET, "target name"), {}, "Grafanas to push to (`--target`)."),
    Setting("undeclared_folders", Choice(("refuse", "create")), "refuse",
            "A folder path that dashboards name but `folders:` does not declare: `refuse` it "
            "in plan and push (a typo or a renamed title would otherwise make a new folder), "
            "or `create` it with a `dk-` uid."),
    Setting("folders", ListOf(FOLDER, must="must be a list of folders",
                              example="folders: [{uid: platform, title: Platform}]"),
            [], "The folder tree, parents before children or in any order."),
    Setting("dashboard_permissions", MapOf(ListOf(GRANT, must="must be a list of grants"),
                                           "dashboard uid"),
            {}, "Grants on single dashboards, by uid."),
    Setting("datasources", ListOf(DATASOURCE, must="must be a list of datasources"), [],
            "Datasources `dashboards provision` writes, wired to each other for logs, traces "
            "and metrics."),
    Setting("provisioning", PROVISIONING, {"dir": "provisioning/grafana",
                                           "mount": "/etc/grafana/provisioning",
                                           "update_interval": 30.0,
                                           "allow_ui_updates": False},
            "Provisioning settings."),
    Setting("alerting", ALERTING, {
        "rules_dir": "provisioning/prometheus/rules",
        "alertmanager_config": "provisioning/alertmanager/alertmanager.yml",
        "runbooks_dir": "docs/runbooks", "runbook_url": "",
        "grafana_url": "http://localhost:3000", "group_by": ["alertname", "tenant"],
        "group_wait": 30.0, "group_interval": 300.0,
        "repeat_interval": {"critical": 3600.0, "warning": 14400.0, "info": 86400.0},
        "pagerduty_routing_key_file": "/run/secrets/pagerduty-routing-key",
        "slack_api_url_file": "/run/secrets/slack-webhook-url",
        "slack_channel": "#incidents", "teams": {}},
            "Alert rules, routing and runbooks (`dashboards provision`)."),
    Setting("lint", LINT, {"fail_on": "error", "ignore": [], "metrics": "claimed"},
            "Lint settings."),
), name="project settings")


def settings_table() -> str:
    """The settings of ``dashboards.yaml`` as a markdown table."""
    lines = ["| Setting | Kind | Default | Meaning |", "|---|---|---|---|"]
    lines.extend(f"| {key} | {kind} | {default} | {doc} |"
                 for key, kind, default, doc in rows(PROJECT))
    return "\n".join(lines) + "\n"
