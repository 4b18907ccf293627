"""The source tree reads as the flow of data, and dependencies point one way along it:
vocabulary <- config <- authoring <- build <- review <- grafana <- report <- cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "src" / "dashkit"

LAYERS = (
    ("problems", "model", "ids", "exits"),
    ("config", "folders"),
    ("catalog", "promql", "style"),
    ("build", "alerting", "simulate"),
    ("review", "queries", "importer", "preview"),
    ("grafana", "provisioning"),
    ("report",),
    ("cli", "__main__"),
)
"""A module may import from its own layer and the layers above it in this list, never below."""

LAYER = {part: index for index, parts in enumerate(LAYERS) for part in parts}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or
                 p.parent != PACKAGE)


def _part(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n.split(".")[1] for n in names
                     if n.startswith("dashkit.") and n.count(".") >= 1)
    return found


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {_part(p) for p in PACKAGE.iterdir()
             if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())}
    assert parts - {"__init__"} == set(LAYER)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_point_up_the_flow_never_down(path: Path) -> None:
    mine = LAYER[_part(path)]
    wrong = sorted(part for part in _imports(path) if part in LAYER and LAYER[part] > mine)
    assert not wrong, f"{path.relative_to(REPO)} imports from later stages: {wrong}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_well_under_500_lines(path: Path) -> None:
    assert len(path.read_text().splitlines()) < 400
