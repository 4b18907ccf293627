"""The lint rules as a list for people and tools, and as the markdown page ``docs/lint.md``,
made from the registry and the rules' docstrings."""

from __future__ import annotations

import json
from collections.abc import Mapping

from dashkit.review.lint.rule import Rule, module_name

HEADER = """\
# Lint rules

Generated from `src/dashkit/review/lint/rules/` by
`dashboards lint --rules --format markdown > docs/lint.md`; do not edit.

`dashboards lint [PATH…]` compiles the dashboards and checks every one against the rules
below. The project's dashboards go through the build folder: unchanged modules are not
recompiled, and the findings of unchanged dashboards are remembered there
(`.dashkit-lint-cache.json`), so only the rules that read the rest of the project (other
dashboards, runbooks) run on them again; `--no-cache` checks everything. Modules and folders
named on the command line are compiled in memory and leave the build folder alone. Dashboards
are checked in parallel processes (`-j N`). A module that does not build is reported under
the id `build` and always fails the run.

**Severities.** `error`: the dashboard is broken or leaks something (a query that does not
parse, an unknown metric, a dead link, overlapping panels, a datasource by name, an Angular
panel, personal data). `warning`: it works but misleads or will rot (no unit, no
description, a fixed rate range, a high-cardinality grouping, an old schema). `info`: worth
knowing (a recording rule the catalog cannot check).

**Failing.** `--fail-on error|warning|info|never` (default: `lint: fail_on:` in
`dashboards.yaml`, else `error`) picks the lowest severity that fails the run. Exit codes:
0 nothing reached the threshold, 1 something did (or a build error, or an ignore names an
unknown rule), 2 usage error, 3 internal error.

**Ignoring.** A finding the project accepts is listed in `dashboards.yaml` with a reason;
`dashboard` (a uid) and `panel` (a title) narrow it. Ignored findings do not count; `-v` shows
them with their reason, and ignores that matched nothing.

```yaml
lint:
  fail_on: error
  ignore:
    - rule: promql/rate-interval
      dashboard: youtube-uploads
      panel: Quota used, last 24h
      reason: the daily quota is a fixed 24-hour window
```

**Output.** `--format text` (default) for people; `json` for tools; `github` prints workflow
annotations (`::error file=…,line=…,title=<rule>::…`) on the line of the module where the
panel's title (or the dashboard's uid or title) is written, else line 1.

**Queries.** PromQL is read as Grafana sends it: `$__rate_interval`, `$__interval`,
`$__range` (and the `_ms`/`_s` forms) and template variables outside strings are replaced by
stand-ins of the right kind before parsing; inside label-matcher strings they stay as they
are. Targets on a Prometheus datasource (or one that cannot be told, except on logs and
traces panels), Prometheus query variables and annotations are read.

| Rule | Severity | What it checks |
|---|---|---|
"""


def rules_markdown(rules: Mapping[str, Rule]) -> str:
    rows = [f"| `{r.id}` | {r.severity.value} | {r.summary} |" for r in rules.values()]
    sections = [_section(r) for r in rules.values()]
    return HEADER + "\n".join(rows) + "\n\n" + "\n\n".join(sections) + "\n"


def _section(rule: Rule) -> str:
    body = "\n".join(rule.text.splitlines()[1:]).strip()
    name = module_name(rule.id)
    return (f"## `{rule.id}`\n\n{rule.summary}\n\nSeverity **{rule.severity.value}**; "
            f"`src/dashkit/review/lint/rules/{name}.py`; "
            f"cases in `tests/review/lint/cases/{name}.yaml`.\n\n"
            f"{body}")


def rules_text(rules: Mapping[str, Rule]) -> str:
    width = max(len(rule_id) for rule_id in rules)
    return "\n".join(f"{r.id.ljust(width)}  {r.severity.value.ljust(7)}  {r.summary}"
                     for r in rules.values())


def rules_json(rules: Mapping[str, Rule]) -> str:
    return json.dumps([{"id": r.id, "severity": r.severity.value, "summary": r.summary,
                        "doc": r.text} for r in rules.values()], indent=2)
