"""The documentation points at files that exist, by paths relative to the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

DOCS = sorted(REPO / name for name in subprocess.run(
    ["git", "ls-files", "*.md"], cwd=REPO, capture_output=True, text=True,
    check=True).stdout.split())
OWN_DOCS = [doc for doc in DOCS if "tests/corpus/" not in doc.as_posix()]
"""The corpus READMEs cite paths in other repositories (where each file came from)."""
ROOTS = ("src/", "tests/", "bench/", "docs/", "scripts/", "provisioning/", "dashboards/",
         ".github/", ".ci/")
PATH = re.compile(r"`((?:" + "|".join(re.escape(r) for r in ROOTS) + r")[^`\s]*)`")
EXAMPLES = ("bench/work", "docs/runbooks/")
"""Paths the docs name as examples of what a run or a project makes, not as files here."""
ABSOLUTE = re.compile(r"(?<![\w.~/$-])/(?:work|root|home|Users|opt|tmp)/")


@pytest.mark.parametrize("doc", OWN_DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_paths_named_in_the_docs_exist(doc: Path) -> None:
    missing = []
    for match in PATH.finditer(doc.read_text()):
        path = match.group(1).split("<")[0].split("*")[0].rstrip(":,.")
        if path and not (REPO / path).exists() and not path.startswith(EXAMPLES):
            missing.append(path)
    assert not missing, f"{doc.relative_to(REPO)} names paths that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_docs_name_no_path_of_one_particular_machine(doc: Path) -> None:
    found = [m.group(0) for m in ABSOLUTE.finditer(doc.read_text())]
    assert not found, f"{doc.relative_to(REPO)}: use paths relative to the repository: {found}"
