"""The settings in effect -> text for people."""

from __future__ import annotations

from dashkit.config import ProjectConfig


def config_text(config: ProjectConfig) -> str:
    root = config.root
    lines = [f"config: {config.source or '(none: defaults)'}",
             f"dashboards: {', '.join(_rel(p, root) for p in config.dashboard_paths)}",
             f"build_dir: {_rel(config.build_dir, root)}",
             f"owner: {config.owner}"]
    lines.append("targets:" if config.targets else "targets: (none)")
    for target in config.targets.values():
        tls = "verify off" if target.insecure_skip_verify else (
            f"CA {target.ca_bundle}" if target.ca_bundle else "verified")
        lines.append(f"  {target.name}: {target.url} (org {target.org_id}, token from "
                     f"${target.token_env}, TLS {tls}, timeout {target.timeout:g}s)")
    lines.append("folders:" if config.folders else "folders: (none declared)")
    for folder in config.folders:
        parent = f" in {folder.parent}" if folder.parent else ""
        access = ("keeps its permissions" if folder.grants is None else
                  "; ".join(str(g) for g in folder.grants) or "no grants")
        lines.append(f"  {folder.uid}: {folder.title!r}{parent} ({access})")
    for uid, grants in sorted(config.dashboard_grants.items()):
        lines.append(f"dashboard {uid}: " + ("; ".join(str(g) for g in grants) or "no grants"))
    lines += _alerting(config)
    lines.append(f"lint: fail on {config.lint_fail_on}, {len(config.lint_ignores)} ignore(s)")
    return "\n".join(lines)


def _alerting(config: ProjectConfig) -> list[str]:
    spec = config.alerting
    repeat = ", ".join(f"{severity} {seconds:g}s" for severity, seconds in
                       spec.repeat_interval.items())
    lines = [f"alerting: rules in {spec.rules_dir}, routes in {spec.alertmanager_config}, "
             f"runbooks in {spec.runbooks_dir}",
             f"  grouped by {', '.join(spec.group_by)}; repeat {repeat}",
             f"  critical: PagerDuty (key from file {spec.pagerduty_routing_key_file}) and "
             f"Slack {spec.slack_channel} (webhook from file {spec.slack_api_url_file})"]
    for team, route in sorted(spec.teams.items()):
        where = (f"Slack {route.slack_channel}" if route.slack_channel else
                 f"MS Teams through {route.msteams_url}")
        lines.append(f"  warning, team {team}: {where}")
    return lines


def _rel(path: object, root: object) -> str:
    text, base = str(path), str(root)
    return text[len(base) + 1:] if text.startswith(base + "/") else text
