"""Import, then build, every real dashboard of the corpus (tests/corpus/dashboards, sources in
its README), and compare with the original by the independent rules of roundtrip.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from importer.roundtrip import differences

CORPUS = REPO / "tests" / "corpus" / "dashboards"
FILES = sorted(CORPUS.glob("*.json"))
OWN_VARIABLE = {"prometheus": "datasource", "loki": "loki", "tempo": "tempo"}


def datasource_names(export: dict) -> dict[str, str]:
    """What an export's ${DS_...} inputs become: the dashboard's own datasource variable
    of that plugin, else the repository's variable for it, else ds_<plugin>."""
    existing = {v.get("query"): v.get("name") for v in
                (export.get("templating") or {}).get("list") or [] if v.get("type") ==
                "datasource"}
    names = {}
    for item in export.get("__inputs") or []:
        if item.get("type") == "datasource":
            plugin = item.get("pluginId", "")
            name = existing.get(plugin) or OWN_VARIABLE.get(plugin) or f"ds_{plugin}"
            names[item["name"]] = "${" + name + "}"
    return names


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dashkit", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus file imported into one project, and built."""
    project = tmp_path_factory.mktemp("imported")
    (project / "dashboards.yaml").write_text("dashboards: [dashboards]\n")
    result = run("import", *map(str, FILES), "--out", str(project / "dashboards"),
                 "--folder", "Imported", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    built = run("build", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    return project


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_import_then_build_gives_back_the_same_dashboard(imported: Path, path: Path) -> None:
    export = json.loads(path.read_text())
    export = export.get("dashboard", export) if "meta" in export else export
    built = {json.loads(p.read_text()).get("title"): json.loads(p.read_text())
             for p in (imported / "build" / "Imported").glob("*.json")}  # --folder Imported
    assert export["title"] in built, sorted(built)
    found = differences(export, built[export["title"]], datasource_names(export))
    assert not found, "\n".join(found[:30])


def test_the_modules_are_ruff_clean(imported: Path) -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    result = subprocess.run(
        [ruff, "check", "--no-cache", "--isolated", "--line-length", "100", "--select",
         "E,F,W,I,B,UP,SIM,RUF", "--ignore", "RUF001,RUF002,RUF003",
         str(imported / "dashboards")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_import_is_deterministic(imported: Path, tmp_path: Path) -> None:
    again = run("import", *map(str, FILES), "--out", str(tmp_path), "--folder", "Imported",
                cwd=imported)
    assert again.returncode == 0
    for module in (imported / "dashboards").glob("*.py"):
        assert (tmp_path / module.name).read_text() == module.read_text(), module.name
