"""`dashboards lint` transcripts: the repository passes, findings fail at the threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, WriteModule
from review.lint.projects import CLEAN, FOLDERS, NO_UNIT, UNKNOWN_METRIC, with_panel

from dashkit.cli import cli


@pytest.fixture(autouse=True)
def declared_folders(project: Path) -> None:
    (project / "dashboards.yaml").write_text(FOLDERS)


def config(project: Path, text: str) -> None:
    (project / "dashboards.yaml").write_text(FOLDERS + text)


def invoke(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(project), "lint", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_repository_dashboards_pass_at_the_default_threshold() -> None:
    code, out, _ = invoke(REPO, str(REPO / "dashboards"))
    assert code == 0, out
    assert out.splitlines()[-1].startswith("lint passed: 9 dashboards, 20 alerts, 0 errors")


def test_a_clean_project_passes_and_its_build_folder_is_written(
        project: Path, write_module: WriteModule) -> None:
    write_module("queue_depth.py", CLEAN)
    code, out, _ = invoke(project)
    assert (code, out) == (0, "lint passed: 1 dashboard, 0 errors, 0 warnings, 0 info "
                              "(failing on: error)\n")
    assert (project / "build" / "Platform" / "Pipeline" / "queue-depth.json").is_file()


def test_an_error_fails_and_points_at_the_panel_line(project: Path,
                                                     write_module: WriteModule) -> None:
    write_module("findings.py", with_panel(UNKNOWN_METRIC))
    code, out, _ = invoke(project)
    assert code == 1
    assert out.splitlines()[0] == (
        "error[promql/known-metric]: dashboards/findings.py:11: dashboard 'findings', "
        "panel 'Enqueued': target A: metric 'queue_enqued_total' is not in the catalog")
    assert out.splitlines()[-1].startswith("lint failed: 1 dashboard, 1 error")


def test_a_warning_fails_only_from_the_threshold_given(project: Path,
                                                       write_module: WriteModule) -> None:
    write_module("findings.py", with_panel(NO_UNIT))
    assert invoke(project)[0] == 0
    code, out, _ = invoke(project, "--fail-on", "warning")
    assert code == 1 and "warning[panel/has-unit]" in out
    config(project, "lint: {fail_on: warning}\n")
    assert invoke(project)[0] == 1
    assert invoke(project, "--fail-on", "error")[0] == 0, "the command line wins"


def test_an_ignored_finding_does_not_count_and_shows_with_v(project: Path,
                                                           write_module: WriteModule) -> None:
    write_module("findings.py", with_panel(UNKNOWN_METRIC))
    config(project,
        "lint:\n  ignore:\n"
        "    - {rule: promql/known-metric, dashboard: findings, panel: Enqueued,\n"
        "       reason: the exporter ships next week}\n"
        "    - {rule: panel/has-unit, dashboard: other, reason: not this one}\n")
    code, out, _ = invoke(project)
    assert code == 0 and "known-metric" not in out
    assert out.endswith("0 errors, 0 warnings, 0 info, 1 ignored (failing on: error)\n")
    verbose = invoke(project, "-v")[1]
    assert "ignored[promql/known-metric]: dashboards/findings.py:11" in verbose
    assert "    ignored because: the exporter ships next week" in verbose
    assert "note: the lint ignore of panel/has-unit in dashboard 'other' matched no" in verbose


def test_an_ignore_of_an_unknown_rule_is_an_error(project: Path,
                                                  write_module: WriteModule) -> None:
    write_module("queue_depth.py", CLEAN)
    config(project, "lint: {ignore: [{rule: panel/has-units, reason: typo}]}\n")
    code, _, err = invoke(project)
    assert code == 1
    assert "lint.ignore names unknown rule 'panel/has-units'" in err
    assert "hint: 'dashboards lint --rules' lists them" in err


def test_a_module_that_does_not_build_fails_whatever_the_threshold(
        project: Path, write_module: WriteModule) -> None:
    write_module("queue_depth.py", CLEAN)
    write_module("broken.py", "x = (\n")
    code, out, _ = invoke(project, "--fail-on", "never")
    assert code == 1
    assert out.splitlines()[0].startswith("error[build]: dashboards/broken.py:1: syntax error")
    assert "lint failed: 1 dashboard, 1 error" in out


def test_github_format_prints_annotations_and_the_verdict_on_stderr(
        project: Path, write_module: WriteModule) -> None:
    write_module("findings.py", with_panel(NO_UNIT))
    code, out, err = invoke(project, "--format", "github", "--fail-on", "warning")
    assert code == 1
    assert out.splitlines() == [
        "::warning file=dashboards/findings.py,line=11,title=panel/has-unit::panel "
        "'Enqueued': the panel shows numbers without a unit%0ASet fieldConfig.defaults.unit "
        "(s, percentunit, bytes, ops, short, or none for a plain number)."]
    assert err.startswith("lint failed: 1 dashboard, 0 errors, 1 warning")


def test_json_format(project: Path, write_module: WriteModule) -> None:
    write_module("findings.py", with_panel(UNKNOWN_METRIC))
    code, out, _ = invoke(project, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["failed"] and data["counts"]["error"] == 1
    assert [(f["rule"], f["path"], f["line"]) for f in data["findings"]] == [
        ("promql/known-metric", "dashboards/findings.py", 11)]


def test_paths_are_compiled_in_memory_and_know_the_other_dashboards(
        project: Path, write_module: WriteModule) -> None:
    write_module("queue_depth.py", CLEAN)
    assert invoke(project)[0] == 0
    manifest = (project / "build" / "manifest.json").read_bytes()
    links = ("    links=[DashboardLink(title='Queues', uri='/d/queue-depth', type='link'),\n"
             "           DashboardLink(title='Gone', uri='/d/gone', type='link')],\n")
    linking = with_panel(NO_UNIT).replace(
        'folder = "Platform"', 'folder = "Platform"\nfrom grafanalib.core import DashboardLink')
    linking = linking.replace("    panels=[", links + "    panels=[")
    path = write_module("linking.py", linking)
    code, out, _ = invoke(project, str(path))
    assert code == 1, out
    assert "no dashboard of the project has uid 'gone'" in out
    assert "uid 'queue-depth'" not in out
    assert (project / "build" / "manifest.json").read_bytes() == manifest


def test_rules_are_listed_and_usage_errors_exit_2(project: Path) -> None:
    code, out, _ = invoke(project, "--rules")
    assert code == 0 and out.splitlines()[0].split()[:2] == ["dashboard/uid-valid", "error"]
    assert invoke(project, "--fail-on", "sometimes")[0] == 2
    assert invoke(project, "--format", "markdown")[0] == 2
    assert invoke(project, "--rules", "--format", "github")[0] == 2


@pytest.mark.parametrize("args", [["lint", "--help"]])
def test_help_lists_the_exit_codes(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "Exit codes:" in result.stdout and "--fail-on" in result.stdout
