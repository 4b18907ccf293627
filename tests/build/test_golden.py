"""Every dashboard in dashboards/ compiles to exactly its golden JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from dashkit.build.run import build

GOLDEN = REPO / "tests" / "build" / "golden"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    report = build([REPO / "dashboards"], out, root=REPO, use_cache=False)
    assert report.ok, [p.render() for p in report.errors]
    return out


def test_every_dashboard_has_a_golden_file(built: Path, update_goldens: bool) -> None:
    produced = {p.relative_to(built).as_posix() for p in built.rglob("*.json")
                if p.name != "manifest.json" and not p.name.startswith(".")}
    if update_goldens:
        for rel in produced:
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((built / rel).read_bytes())
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.json")}
    assert produced == expected
    assert len(produced) >= 5


@pytest.mark.parametrize("rel", sorted(p.relative_to(GOLDEN).as_posix()
                                       for p in GOLDEN.rglob("*.json")))
def test_dashboard_matches_golden(built: Path, rel: str, update_goldens: bool) -> None:
    if update_goldens:
        (GOLDEN / rel).write_bytes((built / rel).read_bytes())
    assert (built / rel).read_text() == (GOLDEN / rel).read_text(), (
        f"{rel} changed; if intended, rerun with --update-goldens and review the diff")
