"""Settings are typed: a wrong type names the key, what it must be and what was found; the
README's settings table is the schema's."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from dashkit.cli import cli
from dashkit.config import load_config
from dashkit.config.kinds import parse_duration
from dashkit.config.schema import settings_table
from dashkit.problems import UserError

START = "<!-- settings-table:start -->"
END = "<!-- settings-table:end -->"


def _target(tmp_path: Path, line: str) -> Path:
    (tmp_path / "dashboards.yaml").write_text(
        "targets:\n  prod:\n    url: https://grafana.example.com\n    " + line + "\n")
    return tmp_path


def _error(root: Path) -> str:
    with pytest.raises(UserError) as caught:
        load_config(root)
    return str(caught.value)


@pytest.mark.parametrize("text, seconds", [
    ("timeout: 10s", 10.0), ("timeout: 1m30s", 90.0), ("timeout: 500ms", 0.5),
    ("timeout: 2", 2.0), ("timeout: 1.5", 1.5), ("timeout: 1h", 3600.0),
])
def test_durations_take_units_or_plain_seconds(tmp_path: Path, text: str,
                                               seconds: float) -> None:
    assert load_config(_target(tmp_path, text)).targets["prod"].timeout == seconds


@pytest.mark.parametrize("text", ["timeout: fast", "timeout: 10 parsecs", "timeout: 0",
                                  "timeout: -5s", "timeout: true", "timeout: [10]"])
def test_a_bad_duration_names_the_key_the_kind_and_the_value(tmp_path: Path,
                                                             text: str) -> None:
    message = _error(_target(tmp_path, text))
    assert "dashboards.yaml:4: targets.prod.timeout must be a duration such as 10s, 1m30s or " \
           "500ms, not" in message
    assert "hint: for example:  timeout: 10s" in message


def test_a_quoted_boolean_is_refused_not_read_as_true(tmp_path: Path) -> None:
    message = _error(_target(tmp_path, 'insecure_skip_verify: "false"'))
    assert "targets.prod.insecure_skip_verify must be true or false (without quotes), not " \
           "the string 'false'" in message
    assert "for example:  insecure_skip_verify: false" in message
    root = _target(tmp_path, "insecure_skip_verify: false")
    assert load_config(root).targets["prod"].insecure_skip_verify is False


@pytest.mark.parametrize("text, message", [
    ("org_id: '2'", "targets.prod.org_id must be a whole number of at least 1, not the "
                    "string '2'"),
    ("org_id: 0", "targets.prod.org_id must be a whole number of at least 1, not 0"),
    ("token_env: [A]", "targets.prod.token_env must name an environment variable, not a list"),
    ("verify: true", "targets.prod.verify is not a setting here; known: url, org_id"),
    ("ca_bundle: missing.pem", "targets.prod.ca_bundle names 'missing.pem', which is not a "
                               "file"),
])
def test_target_mistakes_name_the_setting(tmp_path: Path, text: str, message: str) -> None:
    assert message in _error(_target(tmp_path, text))


@pytest.mark.parametrize("text, message", [
    ("lint: {fail_on: sometimes}", "lint.fail_on must be error, warning, info or never, not "
                                   "the string 'sometimes'"),
    ("lint: [1]", "lint must be a mapping of settings, not a list"),
    ("dashboards: 7", "dashboards[0] must be a folder or file path, not 7"),
    ("targets: [prod]", "targets must be a mapping of target name to settings, not a list"),
    ("folders: [{title: A}]", "folders[0].uid must be 1-40 letters, digits, '-' or '_'"),
    ("folders: [{uid: a, title: A, permissions: [{team: x}]}]",
     "folders[0].permissions[0].permission needs a permission: View, Edit or Admin"),
    ("dashboard_permissions: {d: [{team: x, permission: View}, {team: x, permission: Edit}]}",
     "dashboard_permissions.d names team 'x' twice"),
    ("folders: [{uid: general, title: Top}]",
     "folders[0].uid cannot be 'general': Grafana keeps that uid for Grafana's top level"),
    ("folders: [{uid: sharedwithme, title: Shared}]",
     "folders[0].uid cannot be 'sharedwithme': Grafana keeps that uid for Grafana's \"Shared "
     "with me\" view, which is not a folder"),
    ("folders: [{uid: a, title: A, parent: General}]",
     "folders[0].parent cannot be 'General': Grafana keeps that uid for Grafana's top level "
     "(\"General\"); leave parent out for the top level"),
])
def test_project_mistakes_name_the_setting(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "dashboards.yaml").write_text(text + "\n")
    assert message in _error(tmp_path)


def test_defaults_fill_what_is_not_written(tmp_path: Path) -> None:
    config = load_config(_target(tmp_path, "org_id: 3"))
    prod = config.targets["prod"]
    assert (prod.org_id, prod.timeout, prod.token_env, prod.insecure_skip_verify) == (
        3, 10.0, "GRAFANA_TOKEN", False)
    assert config.owner == "dashkit" and config.lint_fail_on == "error"
    assert config.build_dir == tmp_path / "build"


def test_the_error_points_at_the_line_of_the_setting_or_of_its_section(tmp_path: Path) -> None:
    (tmp_path / "dashboards.yaml").write_text(
        "owner: x\nfolders:\n  - uid: a\n    title: A\n  - uid: b\n    title: B\n"
        "    permissions:\n      - {team: x}\n")
    assert "dashboards.yaml:8: folders[1].permissions[0].permission needs a permission" in \
        _error(tmp_path)
    (tmp_path / "dashboards.yaml").write_text("owner: x\ntargets:\n  prod: {}\n")
    assert "dashboards.yaml:3: targets.prod.url must be the Grafana URL" in _error(tmp_path)


def test_parse_duration() -> None:
    assert parse_duration("1h2m3s") == 3723.0
    assert parse_duration("10") is None and parse_duration("s") is None


def test_the_readme_settings_table_is_the_schema() -> None:
    readme = (REPO / "README.md").read_text()
    assert START in readme and END in readme, "the README needs its settings table markers"
    between = readme.split(START, 1)[1].split(END, 1)[0].strip("\n") + "\n"
    assert between == settings_table(), (
        "regenerate the table between the markers: dashboards config --schema")
    printed = CliRunner().invoke(cli, ["config", "--schema"])
    assert printed.exit_code == 0 and printed.output == settings_table()


def test_config_shows_the_settings_in_effect() -> None:
    shown = CliRunner().invoke(cli, ["-C", str(REPO), "config"])
    assert shown.exit_code == 0
    assert "prod: https://grafana.example.com (org 1, token from $GRAFANA_PROD_TOKEN, TLS " \
           "verified, timeout 10s)" in shown.output
    assert "platform-pipeline: 'Pipeline' in platform (role Viewer: View; team pipeline: " \
           "Edit; team platform-sre: Admin)" in shown.output
