"""The workflow, pre-commit hooks and CI script call commands and options that exist, and the
workflow's commands run on a fresh install made the way the workflow makes it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO
from grafana_emulator import GrafanaEmulator

from dashkit.cli import COMMANDS, cli


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


# --- the workflow's commands, run as CI runs them: a fresh venv, `pip install -e .` ---------

def _run_steps(job: str) -> list[str]:
    workflow = yaml.safe_load((REPO / ".github/workflows/dashboards.yml").read_text())
    return [str(step["run"]) for step in workflow["jobs"][job]["steps"] if "run" in step]


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the repository's tracked files, committed to a git repository of its own,
    installed into a new venv exactly as the workflow's Install step does (no extras)."""
    root = tmp_path_factory.mktemp("fresh")
    checkout = root / "checkout"
    listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(listed, cwd=REPO, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (REPO / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, checkout / name)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "user.email=ci@example.com", "-c", "user.name=ci", "commit", "-q",
                  "-m", "base"], ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git", *args], cwd=checkout, check=True, capture_output=True)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installs = [line for line in _run_steps("review") if line.startswith("pip install")]
    assert installs == ["pip install -e ."], "the test mirrors the workflow's Install step"
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-e", "."], cwd=checkout,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    yield checkout


def _shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def _env(checkout: Path, **extra: str) -> dict[str, str]:
    venv_bin = checkout.parent / "venv" / "bin"
    return {"PATH": f"{venv_bin}:/usr/bin:/bin", "HOME": str(checkout.parent),
            "GITHUB_STEP_SUMMARY": str(checkout.parent / "summary.md"), **extra}


def _github(text: str, **values: str) -> str:
    return re.sub(r"\$\{\{\s*([^}]*?)\s*\}\}", lambda m: values[m.group(1)], text)


def test_the_review_job_runs_on_a_plain_install(fresh_install: Path) -> None:
    for step in _run_steps("review"):
        if step.startswith("pip install"):
            continue
        done = _shell(_github(step, **{"github.base_ref": "main"}), fresh_install,
                      _env(fresh_install))
        assert done.returncode == 0, (step, done.stdout[-2000:], done.stderr[-2000:])
        assert "unavailable" not in done.stderr and "internal error" not in done.stderr
    diff = (fresh_install / "diff.md").read_text()
    assert "No dashboard changes (9 unchanged)." in diff


def test_every_command_loads_and_runs_on_a_plain_install(fresh_install: Path) -> None:
    env = _env(fresh_install)
    help_text = _shell("dashboards --help", fresh_install, env)
    commands = [line.split()[0] for line in
                help_text.stdout.split("Commands:")[1].split("Exit codes:")[0].splitlines()
                if line.startswith("  ") and line.strip()]
    assert set(commands) == set(COMMANDS), help_text.stdout
    with GrafanaEmulator() as grafana:
        for team in ("platform-sre", "pipeline", "publishing"):
            grafana.add_team(team)
        env = _env(fresh_install, GRAFANA_URL=grafana.url, GRAFANA_TOKEN=grafana.admin_token)
        for command in ("build", "list", "catalog", "config", "lint", "diff --base main",
                        "plan", "push", "push"):
            done = _shell(f"dashboards {command}", fresh_install, env)
            assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
            assert "unavailable" not in done.stderr, command
        assert "0 to create, 0 to update, 9 unchanged" in done.stdout


def test_the_deploy_job_pushes_on_a_plain_install(fresh_install: Path) -> None:
    with GrafanaEmulator() as grafana:
        for team in ("platform-sre", "pipeline", "publishing"):
            grafana.add_team(team)
        config = fresh_install / "dashboards.yaml"
        original = config.read_text()
        data = yaml.safe_load(original)
        data["targets"]["emulator"] = {"url": grafana.url, "token_env": "GRAFANA_PROD_TOKEN"}
        config.write_text(yaml.safe_dump(data))
        try:
            for step in _run_steps("deploy"):
                if step.startswith("pip install"):
                    continue
                command = _github(step, **{"vars.DASHBOARDS_TARGET || 'prod'": "emulator"})
                done = _shell(command, fresh_install,
                              _env(fresh_install, GRAFANA_PROD_TOKEN=grafana.admin_token))
                assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
        finally:
            config.write_text(original)
        assert len(grafana.dashboards()) == 9
        assert json.loads((fresh_install / "plan.json").read_text())["target"] == "emulator"
