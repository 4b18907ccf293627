"""The `dashboards` group: every command listed with exit codes from the one table; a command
that cannot be loaded is a missing package (exit 1, what to install) or a bug (exit 3)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashkit.cli import COMMANDS, cli
from dashkit.exits import MEANING, Exit


def _exit_block(help_text: str) -> dict[int, str]:
    block = help_text.split("Exit codes:")[1]
    return {int(m.group(1)): m.group(2).strip()
            for m in re.finditer(r"^\s+(\d+)\s+(.*)$", block, re.MULTILINE)}


def test_every_command_is_listed_with_exit_codes_from_the_one_table() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    commands = result.output.split("Commands:")[1].split("Exit codes:")[0]
    listed = [line.split()[0] for line in commands.splitlines()
              if line.startswith("  ") and not line.startswith("    ") and line.strip()]
    assert sorted(COMMANDS) == [c for c in listed if c in COMMANDS] == listed
    assert _exit_block(result.output) == {int(code): MEANING[code] for code in Exit}
    for name in listed:
        sub = CliRunner().invoke(cli, [name, "--help"], terminal_width=200)
        assert sub.exit_code == 0, name
        codes = _exit_block(sub.output)
        assert codes and set(codes) <= {int(code) for code in Exit}, name
        assert codes[Exit.BUG] == MEANING[Exit.BUG], name


def test_push_alone_documents_a_partial_push() -> None:
    partial = {name for name in COMMANDS
               if Exit.PARTIAL in _exit_block(CliRunner().invoke(cli, [name, "--help"]).output)}
    assert partial == {"push"}


def test_a_broken_internal_import_is_a_bug_and_the_other_commands_work(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(COMMANDS, "push", "dashkit.cli.no_such_module:push")
    listing = CliRunner().invoke(cli, ["--help"])
    assert listing.exit_code == 0 and "(broken: No module named" in listing.output
    failed = CliRunner().invoke(cli, ["-C", str(project), "push", "--target", "prod"])
    assert failed.exit_code == Exit.BUG and "Traceback" not in failed.output
    assert "internal error: ModuleNotFoundError: No module named 'dashkit.cli.no_such_module'" \
        in failed.output
    assert "this is a bug in dashkit; rerun with --debug" in failed.output
    debug = CliRunner().invoke(cli, ["-C", str(project), "--debug", "push"])
    assert debug.exit_code == Exit.BUG and "Traceback" in debug.output
    assert CliRunner().invoke(cli, ["-C", str(project), "build", "--help"]).exit_code == 0


def test_a_missing_runtime_package_names_the_requirement_to_install(project: Path) -> None:
    # A fresh interpreter where promql-parser cannot be imported, as after a broken install.
    probe = ("import sys\nsys.modules['promql_parser'] = None\n"
             "from dashkit.cli import main\nsys.argv = ['dashboards', 'lint']\nmain()\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == Exit.FAILED, done.stderr
    assert "the 'lint' command needs the Python module 'promql_parser', which is not " \
           "installed" in done.stderr
    assert "hint: install it: pip install 'promql-parser>=0.5'" in done.stderr
    assert "Traceback" not in done.stderr
