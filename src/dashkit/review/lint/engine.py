"""Run the rules over dashboards, place each finding in its source, apply the project's
ignores, and decide whether the run fails. The caller gathers the inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dashkit.config import LintIgnore
from dashkit.problems import Problem
from dashkit.review.lint.cache import Cached
from dashkit.review.lint.context import Project
from dashkit.review.lint.finding import Finding, Place, Severity, reaches
from dashkit.review.lint.parallel import Checked, LintInput, check_all
from dashkit.review.lint.registry import REGISTRY
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.source import SourceLines

_SEVERITIES = frozenset(s.value for s in Severity)

BUILD = "build"
"""The rule id of build problems: a module that does not compile cannot be linted."""


@dataclass
class LintResult:
    """Every finding (ignored ones carry their reason), and ignores that matched nothing."""

    findings: list[Finding] = field(default_factory=list)
    unused_ignores: list[LintIgnore] = field(default_factory=list)
    dashboards: int = 0
    cache: Cached = field(default_factory=dict)

    @property
    def counted(self) -> list[Finding]:
        return [f for f in self.findings if not f.ignored]

    @property
    def ignored(self) -> list[Finding]:
        return [f for f in self.findings if f.ignored]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.counted if f.severity is severity)

    def failed(self, fail_on: str) -> bool:
        """Build errors always fail; other findings when they reach ``fail_on``."""
        return any((f.rule == BUILD and f.severity is Severity.ERROR)
                   or reaches(f.severity, fail_on) for f in self.counted)


def unknown_ignores(ignores: Iterable[LintIgnore],
                    rules: Mapping[str, Rule] = REGISTRY) -> list[LintIgnore]:
    return [ignore for ignore in ignores if ignore.rule not in rules]


def lint(items: Sequence[LintInput], project: Project, *,
         ignores: Sequence[LintIgnore] = (), build_problems: Sequence[Problem] = (),
         rules: Mapping[str, Rule] = REGISTRY, jobs: int | None = 1,
         cache: Cached | None = None,
         source_of: Callable[[str], SourceLines] | None = None) -> LintResult:
    """Lint ``items`` against ``project``; build problems come first, under the id 'build'.

    ``jobs`` processes check the dashboards (None: one per core). With a ``cache``, items
    whose checksum it holds are checked only by the rules that need the project; the
    result's ``cache`` holds every item's findings for next time.
    """
    lines = _SourceCache(project, source_of)
    findings = [from_problem(p) for p in build_problems]
    checked, remembered = _check(items, project, rules, jobs, cache)
    for item, found in zip(items, checked, strict=True):
        ref = item.ref
        if found.unreadable:
            findings.append(Finding(BUILD, Severity.ERROR, "cannot read the built dashboard",
                                    Place(ref.uid, None, ref.source, 1),
                                    f"{found.unreadable}\nhint: run 'dashboards build "
                                    "--no-cache' and lint again"))
        for rule_id, violation in found.violations:
            rule = rules[rule_id]
            line = lines(ref.source).line_of(violation.panel, ref.uid, ref.title)
            findings.append(Finding(rule.id, rule.severity, violation.summary,
                                    Place(ref.uid, violation.panel, ref.source, line),
                                    violation.details))
    used: set[LintIgnore] = set()
    placed = []
    for finding in findings:
        match = next((i for i in ignores if finding.rule != BUILD and _matches(i, finding)),
                     None)
        if match is not None:
            used.add(match)
            finding = finding.ignore(match.reason)
        placed.append(finding)
    return LintResult(placed, [i for i in ignores if i not in used], len(items), remembered)


def _check(items: Sequence[LintInput], project: Project, rules: Mapping[str, Rule],
           jobs: int | None, cache: Cached | None) -> tuple[list[Checked], Cached]:
    """Every item's violations in rule order, taking what the cache holds; and the cache to
    keep."""
    everything = list(rules.values())
    fresh = [n for n, item in enumerate(items) if cache is None or item.checksum not in cache]
    known = [n for n, item in enumerate(items) if cache is not None and item.checksum in cache]
    checked = [Checked()] * len(items)
    remembered: Cached = {}
    for n, found in zip(fresh, check_all([items[n] for n in fresh], project, everything, jobs),
                        strict=True):
        checked[n] = found
        if items[n].checksum and not found.unreadable:
            remembered[items[n].checksum] = tuple(
                (rule_id, v) for rule_id, v in found.violations if not rules[rule_id].needs_project)
    if cache is not None and known:
        order = {rule_id: index for index, rule_id in enumerate(rules)}
        needs_project = [rule for rule in everything if rule.needs_project]
        for n, found in zip(known, check_all([items[n] for n in known], project,
                                             needs_project, jobs), strict=True):
            kept = cache[items[n].checksum]
            remembered[items[n].checksum] = kept
            both = sorted((*kept, *found.violations), key=lambda pair: order[pair[0]])
            checked[n] = Checked(tuple(both), found.unreadable)
    return checked, remembered


def _matches(ignore: LintIgnore, finding: Finding) -> bool:
    return (ignore.rule == finding.rule
            and (not ignore.dashboard or ignore.dashboard == finding.place.dashboard)
            and (not ignore.panel or ignore.panel == finding.place.panel))


def from_problem(problem: Problem) -> Finding:
    where = problem.location
    details = "\n".join([problem.details.rstrip(), *(f"hint: {h}" for h in problem.hints)])
    severity = Severity(problem.severity) if problem.severity in _SEVERITIES else Severity.ERROR
    return Finding(BUILD, severity, problem.summary,
                   Place(where.dashboard or "", where.panel, where.path or "", where.line or 1),
                   details.strip())


class _SourceCache:
    """Each module is read once, and only if one of its dashboards has a finding."""

    def __init__(self, project: Project,
                 source_of: Callable[[str], SourceLines] | None) -> None:
        self._read = source_of or (lambda path: SourceLines.read(project.root / path))
        self._cache: dict[str, SourceLines] = {}

    def __call__(self, path: str) -> SourceLines:
        if path not in self._cache:
            self._cache[path] = self._read(path) if path else SourceLines("")
        return self._cache[path]
