"""dashboards.yaml: the repository's own config is valid; mistakes name the setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from dashkit.config import load_config
from dashkit.folders import build_tree
from dashkit.model import Grant
from dashkit.problems import UserError


def test_the_repository_config_and_folder_tree() -> None:
    config = load_config(REPO)
    assert config.owner == "media-platform"
    assert set(config.targets) == {"staging", "prod"}
    assert config.targets["prod"].token_env == "GRAFANA_PROD_TOKEN"
    tree = build_tree(config.folders, ["Platform/Pipeline", "Platform/Publishing", "Platform"])
    assert tree.paths == {"Platform": "platform", "Platform/Pipeline": "platform-pipeline",
                          "Platform/Publishing": "platform-publishing",
                          "Platform/Infrastructure": "platform-infrastructure"}
    pipeline = tree.folders["platform-pipeline"]
    assert Grant("team", "pipeline", "Edit") in (pipeline.grants or ())


@pytest.mark.parametrize("text, message", [
    ("targets: {prod: {url: grafana.example.com}}", "targets.prod.url must be the Grafana URL"),
    ("folders: [{uid: a, title: A, permissions: [{team: x, permission: Write}]}]",
     "folders[0].permissions[0].permission must be View, Edit or Admin"),
    ("folders: [{uid: a, title: A, permissions: [{team: x, user: y, permission: View}]}]",
     "needs exactly one of team, user or role"),
    ("folders: [{uid: a, title: A, permissions: [{role: Admin, permission: View}]}]",
     "must be Viewer or Editor"),
    ("folders: [{uid: 'bad uid', title: A}]", "folders[0].uid must be 1-40 letters"),
    ("folder: []", "folder is not a setting here"),
    ("owner: 'has space'", "owner must be a short name"),
    ("alerting: {teams: {pipeline: {}}}",
     "alerting.teams.pipeline needs exactly one of slack_channel or msteams_url"),
    ("alerting: {teams: {pipeline: {slack_channel: '#a', msteams_url: 'http://b:2000/x'}}}",
     "needs exactly one of slack_channel or msteams_url"),
    ("alerting: {teams: {pub: {msteams_url: 'https://x.webhook.office.com/a?token=s'}}}",
     "alerting.teams.pub.msteams_url must be the bridge's URL, without a query"),
    ("alerting: {slack_api_url_file: secrets/slack}",
     "alerting.slack_api_url_file must be an absolute path inside the Alertmanager container"),
    ("alerting: {slack_api_url: 'https://hooks.slack.com/services/T/B/x'}",
     "alerting.slack_api_url is not a setting here"),
    ("alerting: {grafana_url: 'https://grafana.example.com/'}",
     "alerting.grafana_url must be an http(s) URL without a trailing '/'"),
    ("alerting: {repeat_interval: {critical: soon}}",
     "alerting.repeat_interval.critical must be a duration"),
])
def test_config_mistakes_name_the_setting(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "dashboards.yaml").write_text(text + "\n")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path)
    assert message in str(caught.value) and "dashboards.yaml" in str(caught.value)


def test_folder_tree_mistakes(tmp_path: Path) -> None:
    from dashkit.model import FolderSpec
    with pytest.raises(UserError, match="parent 'nope', which is not declared"):
        build_tree([FolderSpec("a", "A", "nope")], [])
    with pytest.raises(UserError, match="is its own ancestor"):
        build_tree([FolderSpec("a", "A", "b"), FolderSpec("b", "B", "a")], [])
    with pytest.raises(UserError, match="6 levels deep; Grafana allows 5"):
        build_tree([], ["1/2/3/4/5/6"])
    tree = build_tree([FolderSpec("p", "P")], ["P/New/Deeper"])
    assert tree.paths["P/New/Deeper"] == "dk-p-new-deeper"
    assert tree.folders["dk-p-new"].parent == "p"


def test_a_lint_ignore_needs_a_reason(tmp_path: Path) -> None:
    (tmp_path / "dashboards.yaml").write_text(
        "lint: {ignore: [{rule: panel/has-unit, dashboard: x}]}\n")
    with pytest.raises(UserError, match=r"lint.ignore\[0\].reason is required"):
        load_config(tmp_path)
    (tmp_path / "dashboards.yaml").write_text(
        "lint: {fail_on: warning, ignore: [{rule: panel/has-unit, reason: text panel}]}\n")
    config = load_config(tmp_path)
    assert config.lint_fail_on == "warning"
    assert config.lint_ignores[0].reason == "text panel"


def test_a_secret_given_inline_is_refused_without_being_printed(tmp_path: Path) -> None:
    secret = "https://hooks.slack.com/services/T000/B000/XXXXSECRET"
    (tmp_path / "dashboards.yaml").write_text(f"alerting: {{slack_api_url: '{secret}'}}\n")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path)
    shown = f"{caught.value} {caught.value.problem.details} {caught.value.problem.hints}"
    assert "XXXXSECRET" not in shown and "hooks.slack" not in shown
