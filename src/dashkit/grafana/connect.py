"""Which Grafana to talk to, and a client for it with credentials from the environment."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass

from dashkit.config import ProjectConfig
from dashkit.grafana.client import GrafanaHttp, GrafanaPort
from dashkit.grafana.retry import RetryPolicy
from dashkit.model import TargetSpec
from dashkit.problems import UserError


@dataclass
class Connection:
    target: TargetSpec
    port: GrafanaPort
    secrets: tuple[str, ...]
    insecure: bool


def choose_target(config: ProjectConfig, name: str | None, env: Mapping[str, str]) -> TargetSpec:
    if name:
        if name not in config.targets:
            known = ", ".join(sorted(config.targets)) or "none are configured"
            raise UserError(f"no target named {name!r} in dashboards.yaml (known: {known})",
                            hints=("add it under 'targets:' or leave --target out to use "
                                   "GRAFANA_URL",))
        return config.targets[name]
    if env.get("GRAFANA_URL"):
        return TargetSpec("GRAFANA_URL", env["GRAFANA_URL"].rstrip("/"))
    raise UserError("no Grafana to talk to",
                    hints=("pass --target NAME (a target in dashboards.yaml)",
                           "or set GRAFANA_URL and GRAFANA_TOKEN"))


def connect(target: TargetSpec, env: Mapping[str, str], *, insecure: bool = False,
            ca_bundle: str | None = None, retry: RetryPolicy | None = None) -> Connection:
    """A client for ``target`` with credentials from the environment (never from files)."""
    credential, secrets = _credential(target, env, "Editor role to push dashboards and "
                                      "folders; Admin to manage permissions")
    skip_verify = insecure or target.insecure_skip_verify
    verify: bool | str = False if skip_verify else (ca_bundle or target.ca_bundle or True)
    try:
        port = GrafanaHttp(target.url, credential, org_id=target.org_id, verify=verify,
                           timeout=target.timeout, retry=retry)
    except ValueError as exc:
        raise UserError(str(exc), hints=("check the target's url",)) from None
    return Connection(target, port, secrets, skip_verify)


def _credential(target: TargetSpec, env: Mapping[str, str], needs: str,
                ) -> tuple[str | tuple[str, str], tuple[str, ...]]:
    """The target's token (or user and password) from the environment, and the secrets an
    output must hide; an error saying what to set when there is neither."""
    token = env.get(target.token_env, "")
    user, password = env.get(target.user_env, ""), env.get(target.password_env, "")
    if token:
        return token, (token,)
    if user and password:
        return (user, password), (password,)
    raise UserError(
        f"no credentials for target {target.name!r}",
        hints=(f"set {target.token_env} to a service-account token ({needs})",
               f"or set {target.user_env} and {target.password_env} for basic auth"))


@dataclass(frozen=True)
class ProxyAccess:
    """What a plain HTTP client needs to go through a Grafana's datasource proxy: the base
    URL of one datasource there, the Authorization header, and the secrets to hide."""

    url: str
    headers: dict[str, str]
    secrets: tuple[str, ...]
    verify: bool | str


def datasource_proxy(target: TargetSpec, uid: str, env: Mapping[str, str], *,
                     insecure: bool = False, ca_bundle: str | None = None) -> ProxyAccess:
    """Access to datasource ``uid`` through ``target``'s proxy
    (``/api/datasources/proxy/uid/:uid/*``), with the target's credentials from the
    environment, as for push."""
    credential, secrets = _credential(target, env, "datasources:query; Viewer has it")
    if isinstance(credential, str):
        headers = {"Authorization": f"Bearer {credential}"}
    else:
        pair = base64.b64encode(":".join(credential).encode()).decode()
        headers, secrets = {"Authorization": f"Basic {pair}"}, (*secrets, pair)
    skip_verify = insecure or target.insecure_skip_verify
    verify: bool | str = False if skip_verify else (ca_bundle or target.ca_bundle or True)
    return ProxyAccess(f"{target.url.rstrip('/')}/api/datasources/proxy/uid/{uid}", headers,
                       secrets, verify)
