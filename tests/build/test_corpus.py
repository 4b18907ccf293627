"""Real grafanalib projects (tests/corpus/grafanalib/, sources in its README) build as they
are, and nothing grafanalib writes is lost: every panel, every query field of every target,
every row and whether it is collapsed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from dashkit.build.discover import find_modules, load_module
from dashkit.build.run import build

CORPUS = REPO / "tests" / "corpus" / "grafanalib"
PERF = CORPUS / "kubernetes__perf-tests"
EXAMPLES = CORPUS / "weaveworks__grafanalib"

QUERY_FIELDS = ("expr", "target", "query", "rawSql", "measurement", "metrics", "bucketAggs",
                "timeField", "alias", "legendFormat", "interval", "format", "hide")
"""Fields of a target that carry the query or change its result."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Both corpus projects copied into one project and built as a user would."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(PERF, root / "dashboards" / "perf")
    shutil.copytree(EXAMPLES, root / "dashboards" / "examples")
    report = build([root / "dashboards"], root / "build", root=root)
    outputs = {entry.source: json.loads((root / "build" / entry.path).read_text())
               for entry in report.entries}
    return {"root": root, "report": report, "outputs": outputs}


def test_only_dashboard_modules_are_built_and_the_helpers_they_import_are_not(
        built: dict[str, Any]) -> None:
    found = [p.relative_to(built["root"]).as_posix()
             for p in find_modules([built["root"] / "dashboards"])]
    assert found == [
        "dashboards/examples/example-elasticsearch.dashboard.py",
        "dashboards/examples/example.dashboard.py",
        "dashboards/examples/table-example.dashboard.py",
        "dashboards/perf/dns.dashboard.py",
        "dashboards/perf/master-comparison.dashboard.py",
        "dashboards/perf/master-dashboard.dashboard.py",
        "dashboards/perf/network.dashboard.py",
        "dashboards/perf/slo.dashboard.py",
    ], "defaults.py, master_panels.py, __init__.py and the upload script are not dashboards"
    errors = {p.location.path: p.summary for p in built["report"].errors}
    assert errors == {"dashboards/examples/table-example.dashboard.py": "defines no dashboard"}
    assert sorted(built["outputs"]) == [m for m in found if "table-example" not in m]


def _grafanalib(path: Path) -> dict[str, Any]:
    """What grafanalib itself writes for the module's dashboard."""
    loaded = load_module(path, path.name)
    assert not [p for p in loaded.problems if p.is_error], loaded.problems
    from grafanalib._gen import DashboardEncoder

    data: dict[str, Any] = json.loads(json.dumps(loaded.items[0][0].dashboard.to_json_data(),
                                                 cls=DashboardEncoder))
    return data


def _panels(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for row in data.get("rows") or []:
        found += row.get("panels") or []
    for panel in data.get("panels") or []:
        found.append(panel)
        found += panel.get("panels") or []
    return [p for p in found if p.get("type") not in ("row", None)]


@pytest.mark.parametrize("module", sorted(m for m in [*PERF.glob("*.dashboard.py"),
                                                      *EXAMPLES.glob("*.dashboard.py")]
                                          if "table-example" not in m.name),
                         ids=lambda p: p.name)
def test_every_panel_and_every_query_field_survives(built: dict[str, Any],
                                                     module: Path) -> None:
    folder = "perf" if module.parent == PERF else "examples"
    ours = built["outputs"][f"dashboards/{folder}/{module.name}"]
    theirs = _grafanalib(built["root"] / "dashboards" / folder / module.name)
    their_panels, our_panels = _panels(theirs), _panels(ours)
    assert [p.get("title") for p in their_panels] == [p.get("title") for p in our_panels]
    for their_panel, our_panel in zip(their_panels, our_panels, strict=True):
        their_targets = their_panel.get("targets") or []
        our_targets = our_panel.get("targets") or []
        assert len(our_targets) == len(their_targets), their_panel.get("title")
        for theirs_t, ours_t in zip(their_targets, our_targets, strict=True):
            for field in QUERY_FIELDS:
                value = theirs_t.get(field)
                if value in (None, "", [], False) or (field == "query" and
                                                      value == theirs_t.get("expr")):
                    continue
                if field == "format" and value == "time_series":
                    continue
                assert ours_t.get(field) == value, (their_panel.get("title"), field)


def test_collapsed_legacy_rows_stay_collapsed_with_their_panels_inside(
        built: dict[str, Any]) -> None:
    ours = built["outputs"]["dashboards/perf/master-dashboard.dashboard.py"]
    theirs = _grafanalib(built["root"] / "dashboards/perf/master-dashboard.dashboard.py")
    their_rows = [(r["title"], bool(r.get("collapse")), len(r["panels"]))
                  for r in theirs["rows"]]
    our_rows = [(p["title"], p["collapsed"], len(p["panels"]))
                for p in ours["panels"] if p["type"] == "row"]
    assert any(collapsed for _, collapsed, _ in their_rows)
    assert our_rows == [(t, c, n if c else 0) for t, c, n in their_rows]
    open_panels = [p for p in ours["panels"] if p["type"] != "row"]
    assert len(open_panels) == sum(n for _, c, n in their_rows if not c)


def test_each_query_keeps_its_datasource_type_and_names_are_not_guessed(
        built: dict[str, Any]) -> None:
    elastic = built["outputs"]["dashboards/examples/example-elasticsearch.dashboard.py"]
    graph = _panels(elastic)[0]
    assert graph["datasource"] == {"type": "elasticsearch", "uid": "elasticsearch"}
    assert {t["refId"] for t in graph["targets"]} and all(
        "bucketAggs" in t and "metrics" in t for t in graph["targets"])
    prometheus = built["outputs"]["dashboards/examples/example.dashboard.py"]
    assert {str(p.get("datasource")) for p in _panels(prometheus)} == {
        "{'uid': 'My Prometheus'}"}
    warnings = [p.summary for p in built["report"].problems
                if p.location.path == "dashboards/examples/example.dashboard.py"]
    assert any(w.startswith("datasource 'My Prometheus' is given by name") for w in warnings)
    perf = built["outputs"]["dashboards/perf/dns.dashboard.py"]
    assert {p["datasource"]["type"] for p in _panels(perf)} == {"prometheus"}, (
        "a $source datasource variable of type prometheus")
