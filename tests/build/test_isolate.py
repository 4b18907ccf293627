"""A dashboard module cannot fool or hang the build: ending the process, never returning,
printing without end or raising Ctrl-C's exception is that module's failure, named, while
the other modules still build; with one module to compile and with enough for many workers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WriteModule, plain_module

from dashkit.build.modules import PARALLEL_THRESHOLD, compile_modules
from dashkit.cli import cli
from dashkit.model import BuildOptions

HOSTILE = {
    "exits": "import os\nos._exit(0)\n",
    "crashes": "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n",
    "hangs": "while True:\n    pass\n",
    "sleeps": "import time\ntime.sleep(3600)\n",
    "interrupts": "raise KeyboardInterrupt\n",
    "quits": "raise SystemExit(0)\n",
}


def _write_many(write_module: WriteModule, count: int) -> None:
    for i in range(count):
        write_module(f"good_{i:02}.py", plain_module(f"good-{i}"))


@pytest.mark.parametrize("many", [False, True], ids=["one worker", "many workers"])
def test_each_hostile_module_fails_by_name_and_the_others_build(
        project: Path, write_module: WriteModule, many: bool) -> None:
    _write_many(write_module, PARALLEL_THRESHOLD if many else 1)
    for name, source in HOSTILE.items():
        write_module(f"{name}.py", source)
    started = time.monotonic()
    outcomes, _ = compile_modules([project / "dashboards"], root=project, jobs=2,
                                  options=BuildOptions(module_timeout=2))
    assert time.monotonic() - started < 30
    failures = {o.display.removeprefix("dashboards/").removesuffix(".py"): o.problems[0].summary
                for o in outcomes if o.failed}
    assert set(failures) == set(HOSTILE)
    assert failures["exits"].startswith("ended the process that ran it (exit status 0;")
    assert failures["crashes"].startswith("ended the process that ran it (was killed by "
                                          "signal 11;")
    assert failures["hangs"] == ("did not finish within 2 s (--module-timeout); it was "
                                 "stopped")
    assert failures["sleeps"] == failures["hangs"]
    assert failures["interrupts"].startswith(
        "building the dashboard failed (the module raised KeyboardInterrupt; it was not "
        "Ctrl-C): KeyboardInterrupt")
    assert failures["quits"] == "building the dashboard failed: SystemExit: 0"
    built = sorted(o.display for o in outcomes if not o.failed)
    assert len(built) == (PARALLEL_THRESHOLD if many else 1)


def test_output_written_past_python_is_captured_and_capped(
        project: Path, write_module: WriteModule) -> None:
    write_module("loud.py", "import os, sys\n"
                            "os.write(1, b'x' * 5_000_000)\n"
                            "print('to the real stdout', file=sys.__stdout__)\n"
                            "for i in range(10_000):\n    print('line', i)\n"
                            + plain_module("loud"))
    outcomes, _ = compile_modules([project / "dashboards"], root=project)
    [outcome] = outcomes
    assert not outcome.failed
    warnings = {p.summary: p.details for p in outcome.problems}
    printed = warnings["printed while building (modules should not print)"]
    assert printed.startswith("line 0\nline 1\n")
    assert printed.endswith("(10000 lines, 98890 characters in all; the first 20 shown)")
    written = warnings["wrote 5000019 bytes to the process's output while building (modules "
                       "should not print)"]
    assert written.startswith("x" * 1000) and len(written) < 2_200


def test_the_cli_exits_1_and_names_the_module_that_ended_the_process(
        project: Path, write_module: WriteModule) -> None:
    write_module("good.py", plain_module("good"))
    write_module("bad.py", "import os\nos._exit(0)\n")
    for command in (["build"], ["lint"], ["list"]):
        result = CliRunner().invoke(cli, ["-C", str(project), *command])
        assert result.exit_code == 1, (command, result.output)
        assert "dashboards/bad.py" in result.output + result.stderr, command
        assert "ended the process that ran it" in result.output + result.stderr, command
