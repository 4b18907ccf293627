"""Import, then build, every real dashboard of the corpus (tests/corpus/dashboards, sources in
its README), and compare with the original by the independent rules of roundtrip.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from importer.roundtrip import differences

CORPUS = REPO / "tests" / "corpus" / "dashboards"


def is_v2(path: Path) -> bool:
    """Grafana 12's v2 schema (a resource with elements and a layout), which import refuses."""
    data = json.loads(path.read_text())
    spec = data.get("spec") if isinstance(data.get("spec"), dict) else data
    return str(data.get("apiVersion", "")).startswith("dashboard.grafana.app/v2") or (
        "elements" in spec and "layout" in spec)


FILES = sorted(p for p in CORPUS.glob("*.json") if not is_v2(p))
V2_FILES = sorted(p for p in CORPUS.glob("*.json") if is_v2(p))
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
    """Every corpus file imported into one project, and built; ``uids.json`` maps each file
    to the uid import says it gave the dashboard."""
    project = tmp_path_factory.mktemp("imported")
    (project / "dashboards.yaml").write_text("dashboards: [dashboards]\n")
    result = run("import", *map(str, FILES), "--out", str(project / "dashboards"),
                 "--folder", "Imported", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    uids = dict(re.findall(r"^imported (\S+) -> \S+ \('([^']+)'", result.stdout, re.M))
    (project / "uids.json").write_text(json.dumps(uids))
    built = run("build", cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    return project


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", V2_FILES, ids=lambda p: p.name)
def test_a_v2_dashboard_is_refused_by_name_and_nothing_is_written(path: Path,
                                                                   tmp_path: Path) -> None:
    result = run("import", str(path), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{path} is a v2 schema dashboard" in result.stdout
    assert list((tmp_path / "out").glob("*")) == []


def export_of(path: Path) -> dict:
    export = json.loads(path.read_text())
    return export["dashboard"] if "meta" in export and "dashboard" in export else export


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_import_then_build_gives_back_the_same_dashboard(imported: Path, path: Path) -> None:
    export = export_of(path)
    uid = json.loads((imported / "uids.json").read_text())[str(path)]
    if export.get("uid"):
        assert uid == export["uid"] or uid.startswith(f"{export['uid']}-")
    built = json.loads((imported / "build" / "Imported" / f"{uid}.json").read_text())
    assert built["title"] == export["title"]
    # Two exports with one uid (two versions of a dashboard) are told apart by import.
    found = differences(dict(export, uid=uid), built, datasource_names(export))
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
