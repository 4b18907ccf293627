"""Every setting of ``dashboards.yaml`` in one place: key, kind, default and meaning.

The loader reads the file through :data:`PROJECT`, so what is declared here is exactly what
is accepted; the settings table in the README is generated from it
(``dashboards config --schema``) and a test keeps the two in step.
"""

from __future__ import annotations

from typing import Any

from dashkit.config.kinds import (
    REQUIRED,
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
), name="ignore")

LINT = Section((
    Setting("fail_on", Choice(FAIL_ON_CHOICES), "error",
            "The lowest severity that fails `dashboards lint`."),
    Setting("ignore", ListOf(IGNORE, example="ignore: [{rule: panel/has-unit, reason: ...}]"),
            [], "Findings the project accepts, each with a reason."),
), name="lint settings")

PROJECT = Section((
    Setting("dashboards", ListOf(Text(NAME, "must be a folder or file path"), single=True,
                                 must="must be a list of folder or file paths",
                                 example="dashboards: [dashboards]"),
            ["dashboards"], "Folders and files of dashboard modules to build."),
    Setting("build_dir", Text(NAME, "must be a folder path", "build_dir: build", "path"),
            "build", "Where `dashboards build` writes."),
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
    Setting("lint", LINT, {"fail_on": "error", "ignore": []}, "Lint settings."),
), name="project settings")


def settings_table() -> str:
    """The settings of ``dashboards.yaml`` as a markdown table."""
    lines = ["| Setting | Kind | Default | Meaning |", "|---|---|---|---|"]
    lines.extend(f"| {key} | {kind} | {default} | {doc} |"
                 for key, kind, default, doc in rows(PROJECT))
    return "\n".join(lines) + "\n"
