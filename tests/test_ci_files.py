"""The workflow, pre-commit hooks and CI script call commands and options that exist."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO

from dashkit.cli import cli


def commands() -> list[str]:
    found = []
    workflow = yaml.safe_load((REPO / ".github/workflows/dashboards.yml").read_text())
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in str(step.get("run", "")).replace("\\\n", " ").splitlines():
                if line.strip().startswith("dashboards "):
                    found.append(line.strip())
    for name in (".pre-commit-hooks.yaml", ".pre-commit-config.yaml"):
        data = yaml.safe_load((REPO / name).read_text())
        hooks = data if isinstance(data, list) else [h for r in data["repos"]
                                                     for h in r["hooks"]]
        found += [h["entry"] for h in hooks if h["entry"].startswith("dashboards ")]
    return found


@pytest.mark.parametrize("line", commands())
def test_every_dashboards_command_line_parses(line: str) -> None:
    line = re.sub(r"\$\{\{[^}]*\}\}", "X", line.split(">")[0])
    args = shlex.split(line)[1:]
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0, (line, result.output)


def test_the_workflow_comments_once_and_pushes_on_main() -> None:
    text = (REPO / ".github/workflows/dashboards.yml").read_text()
    assert "dashkit-diff" in text and "updateComment" in text
    assert "lint --format github" in text and "diff --base" in text
    assert "dashboards push --target" in text and "secrets.GRAFANA_PROD_TOKEN" in text


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text().split("```")[1]
    assert "bash scripts/test" in readme
    assert "scripts/test" in (REPO / ".ci/run").read_text()
    assert "apt-get" in (REPO / "scripts/test").read_text()
