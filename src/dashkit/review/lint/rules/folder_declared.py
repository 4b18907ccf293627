"""Every folder a dashboard names is declared in dashboards.yaml.

A folder path that `folders:` does not declare is a typo (`Platfrom/Pipeline`) or a title
that was renamed, and push refuses it: pushed anyway, it would make a new folder that no
declaration gives permissions, open to everyone Grafana's defaults allow. Projects that
want push to make such folders set `undeclared_folders: create`, and the rule is silent.

**Anti-pattern**

    folder = "Platfrom/Pipeline"

with `dashboards.yaml` declaring `Platform` and its child `Pipeline`.

**Best practice**

    folder = "Platform/Pipeline"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from dashkit.problems import Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule


def check(ctx: LintContext) -> Iterator[Problem]:
    declared = ctx.project.declared_folders
    folder = ctx.ref.folder
    if declared is None or not folder or folder in declared:
        return
    close = difflib.get_close_matches(folder, sorted(declared), n=3, cutoff=0.6)
    guess = f"Did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    yield Problem(f"folder {folder!r} is not declared in dashboards.yaml; push refuses it",
                  details=guess + "Fix the folder, declare it under folders:, or set "
                                  "'undeclared_folders: create' to let push make it.")


RULE = Rule("folder/declared", Severity.WARNING, check, __doc__ or "", needs_project=True)
