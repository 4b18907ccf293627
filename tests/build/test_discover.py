"""Finding dashboard modules and running each one in isolation."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from conftest import WriteModule, plain_module

from dashkit.build.discover import find_modules, load_module


def test_helpers_and_hidden_folders_are_not_dashboard_modules(
        project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    write_module("team/b.py", plain_module("beta"))
    write_module("_shared.py", "X = 1\n")
    write_module("_helpers/c.py", plain_module("gamma"))
    write_module(".hidden/d.py", plain_module("delta"))
    write_module("__pycache__/e.py", plain_module("epsilon"))
    write_module("notes.txt", "not a module\n")
    found = find_modules([project / "dashboards"])
    assert [p.relative_to(project / "dashboards").as_posix() for p in found] == [
        "a.py", "team/b.py"]


def test_a_helper_named_on_the_command_line_is_built(
        project: Path, write_module: WriteModule) -> None:
    helper = write_module("_one_off.py", plain_module("one"))
    assert find_modules([helper, project / "dashboards"]) == [helper.resolve()]


def test_the_digest_is_of_the_source_that_ran(project: Path, write_module: WriteModule) -> None:
    path = write_module("a.py", plain_module("alpha"))
    loaded = load_module(path, "dashboards/a.py")
    assert loaded.problems == [] and len(loaded.items) == 1
    assert loaded.digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_module_sees_its_own_file_and_imports_its_helpers(
        project: Path, write_module: WriteModule) -> None:
    write_module("_shared.py", "TITLE = 'From the helper'\n")
    path = write_module("a.py", plain_module("alpha").replace(
        "from grafanalib.core import",
        "from pathlib import Path\nfrom _shared import TITLE\nassert Path(__file__).name == "
        "'a.py'\nfrom grafanalib.core import").replace("title='Alpha'", "title=TITLE"))
    loaded = load_module(path, "dashboards/a.py")
    assert loaded.problems == []
    assert loaded.items[0][0].dashboard.title == "From the helper"
    assert list(loaded.deps) == [str((project / "dashboards/_shared.py").resolve())]


def test_an_unreadable_module_is_a_problem_not_a_crash(project: Path) -> None:
    missing = project / "dashboards" / "gone.py"
    loaded = load_module(missing, "dashboards/gone.py")
    assert loaded.items == [] and loaded.digest == ""
    assert [p.render(False).splitlines()[0] for p in loaded.problems] == [
        "error: dashboards/gone.py: cannot be read: No such file or directory"]


def test_the_module_gets_the_special_names_an_import_gives(
        project: Path, write_module: WriteModule) -> None:
    path = write_module("a.py", plain_module("alpha").replace(
        "from grafanalib.core import",
        "assert __spec__.origin == __file__ and __loader__ is not None\n"
        "assert __package__ == '' and __cached__.endswith('.pyc')\n"
        "from grafanalib.core import"))
    loaded = load_module(path, "dashboards/a.py")
    assert loaded.problems == [] and len(loaded.items) == 1


def test_no_bytecode_is_written_for_the_module_or_its_helpers(
        project: Path, write_module: WriteModule, monkeypatch: pytest.MonkeyPatch) -> None:
    # With bytecode, a helper edited within the same second and keeping its size would be
    # run from the stale .pyc while the cache recorded the new source's digest.
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    write_module("_shared.py", "VALUE = 5\n")
    path = write_module("a.py", plain_module("alpha").replace(
        "from grafanalib.core import", "from _shared import VALUE\nfrom grafanalib.core import"))
    loaded = load_module(path, "dashboards/a.py")
    assert loaded.problems == [] and sys.dont_write_bytecode is False
    assert not list(project.rglob("__pycache__")) and not list(project.rglob("*.pyc"))


def test_a_grafanalib_project_folder_builds_its_dashboard_modules_and_keeps_helpers(
        project: Path, write_module: WriteModule) -> None:
    # Laid out as grafanalib projects are: *.dashboard.py beside the helpers they import.
    write_module("perf/defaults.py", "TITLE = 'From defaults'\n")
    write_module("perf/dashboard/__init__.py", "")
    write_module("perf/dashboard/common.py", "TAG = 'perf'\n")
    write_module("perf/api.dashboard.py", plain_module("api").replace(
        "from grafanalib.core import",
        "from defaults import TITLE\nfrom dashboard.common import TAG\nfrom grafanalib.core "
        "import").replace("title='Api'", "title=TITLE, tags=[TAG]"))
    write_module("ours.py", plain_module("ours"))
    assert [p.name for p in find_modules([project / "dashboards" / "perf"])] == [
        "api.dashboard.py"]
    assert [p.name for p in find_modules([project / "dashboards"])] == ["api.dashboard.py"]
    loaded = load_module(project / "dashboards/perf/api.dashboard.py",
                         "dashboards/perf/api.dashboard.py")
    assert loaded.problems == []
    dashboard = loaded.items[0][0].dashboard
    assert (dashboard.title, dashboard.tags) == ("From defaults", ["perf"])
