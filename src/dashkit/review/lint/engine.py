"""Run the rules over dashboards, place each problem in its source, apply the project's
ignores, and decide whether the run fails. The caller gathers the inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from dashkit.config import LintIgnore
from dashkit.problems import Location, Problem, Severity, reaches
from dashkit.review.lint.cache import Cached
from dashkit.review.lint.context import DashboardRef, Project
from dashkit.review.lint.parallel import Checked, LintInput, check_all
from dashkit.review.lint.registry import REGISTRY
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.source import SourceLines

BUILD = "build"
"""The rule id of build problems: a module that does not compile cannot be linted."""


@dataclass
class LintResult:
    """Every problem found (ignored ones carry their reason), and ignores that matched
    nothing."""

    problems: list[Problem] = field(default_factory=list)
    unused_ignores: list[LintIgnore] = field(default_factory=list)
    dashboards: int = 0
    cache: Cached = field(default_factory=dict)
    alerts: int = 0

    @property
    def counted(self) -> list[Problem]:
        return [p for p in self.problems if not p.ignored]

    @property
    def ignored(self) -> list[Problem]:
        return [p for p in self.problems if p.ignored]

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.counted if p.severity is severity)

    def failed(self, fail_on: str) -> bool:
        """Build errors always fail; other problems when they reach ``fail_on``."""
        return any((p.rule == BUILD and p.is_error) or reaches(p.severity, fail_on)
                   for p in self.counted)


def unknown_ignores(ignores: Iterable[LintIgnore],
                    rules: Mapping[str, Rule] = REGISTRY) -> list[LintIgnore]:
    return [ignore for ignore in ignores if ignore.rule not in rules]


def lint(items: Sequence[LintInput], project: Project, *,
         ignores: Sequence[LintIgnore] = (), build_problems: Sequence[Problem] = (),
         rules: Mapping[str, Rule] = REGISTRY, jobs: int | None = 1,
         cache: Cached | None = None,
         source_of: Callable[[str], SourceLines] | None = None,
         helpers: Callable[[str], Sequence[str]] = lambda source: ()) -> LintResult:
    """Lint ``items`` against ``project``; build problems come first, under the id 'build'.

    ``jobs`` processes check the dashboards (None: one per core). With a ``cache``, items
    whose checksum it holds are checked only by the rules that need the project; the
    result's ``cache`` holds every item's findings for next time.
    """
    lines = _SourceCache(project, source_of)
    found = [from_build(p) for p in build_problems]
    checked, remembered = _check(items, project, rules, jobs, cache)
    for item, result in zip(items, checked, strict=True):
        ref = item.ref
        if result.unreadable:
            found.append(Problem("cannot read the built dashboard",
                                 Location(ref.source, 1, ref.uid),
                                 details=f"{result.unreadable}\nhint: run 'dashboards build "
                                         "--no-cache' and lint again", rule=BUILD))
        for rule_id, problem in result.problems:
            rule = rules[rule_id]
            panel = problem.location.panel
            path, line = _place(lines, ref, panel, helpers)
            found.append(replace(problem, location=Location(path, line, ref.uid, panel),
                                 severity=rule.severity, rule=rule.id))
    used: set[LintIgnore] = set()
    placed = []
    for problem in found:
        match = next((i for i in ignores if problem.rule != BUILD and _matches(i, problem)),
                     None)
        if match is not None:
            used.add(match)
            problem = problem.ignore(match.reason)
        placed.append(problem)
    return LintResult(placed, [i for i in ignores if i not in used], len(items), remembered)


def place_alert_problems(result: LintResult, problems: Sequence[Problem],
                         ignores: Sequence[LintIgnore], alerts: int) -> None:
    """Add the findings on alert expressions to ``result``, applying the ignores that name
    their alert (an ignore used here no longer counts as unused)."""
    result.alerts = alerts
    for problem in problems:
        match = next((i for i in ignores if _matches(i, problem)), None)
        if match is not None:
            if match in result.unused_ignores:
                result.unused_ignores.remove(match)
            problem = problem.ignore(match.reason)
        result.problems.append(problem)


def _check(items: Sequence[LintInput], project: Project, rules: Mapping[str, Rule],
           jobs: int | None, cache: Cached | None) -> tuple[list[Checked], Cached]:
    """Every item's problems in rule order, taking what the cache holds; and the cache to
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
                (rule_id, p) for rule_id, p in found.problems if not rules[rule_id].needs_project)
    if cache is not None and known:
        order = {rule_id: index for index, rule_id in enumerate(rules)}
        needs_project = [rule for rule in everything if rule.needs_project]
        for n, found in zip(known, check_all([items[n] for n in known], project,
                                             needs_project, jobs), strict=True):
            kept = cache[items[n].checksum]
            remembered[items[n].checksum] = kept
            both = sorted((*kept, *found.problems), key=lambda pair: order[pair[0]])
            checked[n] = Checked(tuple(both), found.unreadable)
    return checked, remembered


def _place(lines: _SourceCache, ref: DashboardRef, panel: str | None,
           helpers: Callable[[str], Sequence[str]]) -> tuple[str, int]:
    """Where a finding belongs: the panel's title in the dashboard's module, else in a
    helper module it imports (a panel built there), else the dashboard's uid or title."""
    if panel:
        line = lines(ref.source).find(panel)
        if line is not None:
            return ref.source, line
        for helper in helpers(ref.source):
            line = lines(helper).find(panel)
            if line is not None:
                return helper, line
    return ref.source, lines(ref.source).line_of(ref.uid, ref.title)


def _matches(ignore: LintIgnore, problem: Problem) -> bool:
    return (ignore.rule == problem.rule
            and (not ignore.dashboard or ignore.dashboard == problem.location.dashboard)
            and (not ignore.panel or ignore.panel == problem.location.panel)
            and (not ignore.alert or ignore.alert == problem.location.alert))


def from_build(problem: Problem) -> Problem:
    """A build problem as lint reports it: under the rule id ``build``, on a line, with its
    hints in the details."""
    where = problem.location
    details = "\n".join([problem.details.rstrip(), *(f"hint: {h}" for h in problem.hints)])
    return replace(problem, location=Location(where.path or "", where.line or 1,
                                              where.dashboard or "", where.panel),
                   hints=(), details=details.strip(), rule=BUILD, trace="")


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
