"""`dashboards list` and `dashboards catalog` transcripts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO, WriteModule, plain_module

from dashkit.cli import cli


def test_list_shows_each_dashboard(project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    result = CliRunner().invoke(cli, ["-C", str(project), "list"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "UID    TITLE  FOLDER    PANELS  SOURCE",
        "alpha  Alpha  Team/Sub  2       dashboards/a.py",
    ]


def test_list_json_of_the_repository_dashboards() -> None:
    result = CliRunner().invoke(cli, ["-C", str(REPO), "list", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["uid"] for r in rows} >= {"extraction-latency", "job-success", "youtube-uploads",
                                        "queue-depth", "platform-overview"}
    assert all(r["panel_count"] > 0 and r["folder"].startswith("Platform") for r in rows)


def test_list_fails_on_a_broken_module(project: Path, write_module: WriteModule) -> None:
    write_module("bad.py", "x = (\n")
    result = CliRunner().invoke(cli, ["-C", str(project), "list"])
    assert result.exit_code == 1 and "dashboards/bad.py:1: syntax error" in result.stderr


def test_catalog_text_and_markdown() -> None:
    text = CliRunner().invoke(cli, ["catalog"]).stdout
    assert text.startswith("METRIC")
    assert "extraction_duration_seconds  " in text and "histogram" in text
    markdown = CliRunner().invoke(cli, ["catalog", "--format", "markdown"]).stdout
    assert "### extraction-worker" in markdown
    assert "| `extraction_duration_seconds` | histogram | `s` | tenant, source, stage |" in markdown


def test_docs_metrics_page_is_current() -> None:
    markdown = CliRunner().invoke(cli, ["catalog", "--format", "markdown"]).stdout
    page = (REPO / "docs" / "metrics.md").read_text()
    assert markdown == page, "regenerate docs/metrics.md (see its first lines)"


def test_help_documents_exit_codes() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "130  interrupted" in result.stdout
    for command in ("build", "list", "catalog"):
        sub = CliRunner().invoke(cli, [command, "--help"])
        assert sub.exit_code == 0 and "Exit codes:" in sub.stdout


def test_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(cli, ["build", "--jobs", "0"]).exit_code == 2
    assert CliRunner().invoke(cli, ["nonsense"]).exit_code == 2
