"""Run the checks against a Prometheus: at most ``concurrency`` queries in flight, one
timeout per query, no retries; if Prometheus cannot be reached at all, stop at once rather
than send every remaining query into the void."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from dashkit.problems import UserError
from dashkit.queries.checks import Check, Kind, Status, dashboard_checks, rule_checks
from dashkit.queries.macros import time_range
from dashkit.queries.prometheus import Prometheus, QueryError, Unreachable
from dashkit.queries.variables import resolve

DEFAULT_CONCURRENCY = 8


@dataclass(frozen=True)
class Outcome:
    check: Check
    status: Status
    series: int = 0
    message: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class Dashboard:
    """A compiled dashboard to check: its JSON and the module it came from."""

    data: Mapping[str, Any]
    source: str


@dataclass(frozen=True)
class Rule:
    name: str
    expr: str
    where: str
    alert: bool


Progress = Callable[[int, int], None]


def plan_checks(dashboards: Sequence[Dashboard], rules: Sequence[Rule],
                prometheus: Prometheus, *, scrape: float, now: float | None = None,
                datasource_types: Mapping[str, str] | None = None) -> list[Check]:
    """Every check, with each dashboard's variables resolved against ``prometheus``."""
    now = time.time() if now is None else now
    checks: list[Check] = []
    for dashboard in dashboards:
        window = time_range(dashboard.data.get("time"), now)
        variables = (dashboard.data.get("templating") or {}).get("list") or []
        try:
            resolved = resolve(variables, prometheus, window, scrape)
        except Unreachable as exc:
            raise _unreachable(prometheus, exc) from None
        checks += dashboard_checks(dashboard.data, dashboard.source, resolved, window, scrape,
                                   datasource_types or {})
    checks += rule_checks([(r.name, r.expr, r.where) for r in rules if r.alert],
                          [(r.name, r.expr, r.where) for r in rules if not r.alert], now)
    return checks


def run_checks(checks: Sequence[Check], prometheus: Prometheus, *,
               concurrency: int = DEFAULT_CONCURRENCY,
               progress: Progress | None = None) -> list[Outcome]:
    """Each check's outcome, in the order of ``checks``."""
    outcomes: list[Outcome | None] = [None] * len(checks)
    done, lock = [0], threading.Lock()

    def one(index: int) -> None:
        outcomes[index] = _run_one(checks[index], prometheus)
        if progress is not None:
            with lock:
                done[0] += 1
                progress(done[0], len(checks))

    with ThreadPoolExecutor(max_workers=max(1, concurrency),
                            thread_name_prefix="check") as pool:
        futures: list[Future[None]] = [pool.submit(one, i) for i in range(len(checks))]
        finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
        failed = next((f for f in finished if f.exception() is not None), None)
        if failed is not None:
            for future in futures:
                future.cancel()
            error = failed.exception()
            if isinstance(error, Unreachable):
                raise _unreachable(prometheus, error)
            raise error  # type: ignore[misc]
    return [o for o in outcomes if o is not None]


def _run_one(check: Check, prometheus: Prometheus) -> Outcome:
    if check.query is None:
        return Outcome(check, check.problem_status, message=check.problem)
    started = time.perf_counter()
    try:
        if check.step is not None:
            result = prometheus.query_range(check.query, check.start, check.end, check.step)
        else:
            result = prometheus.query(check.query, check.end)
    except QueryError as exc:
        return Outcome(check, Status.ERROR, message=str(exc),
                       seconds=time.perf_counter() - started)
    seconds = time.perf_counter() - started
    series = len(result)
    if series == 0:
        return Outcome(check, Status.EMPTY, message=_empty_reason(check), seconds=seconds)
    return Outcome(check, Status.OK, series, seconds=seconds)


def _empty_reason(check: Check) -> str:
    if check.kind is Kind.PANEL:
        return "no series over the dashboard's time range"
    return "no series now"


def _unreachable(prometheus: Prometheus, error: Exception) -> UserError:
    return UserError(f"cannot query Prometheus: {error}", hints=(
        "check --prometheus-url (and that Prometheus is up: curl URL/-/ready), or with "
        "--target the datasource uid and the token's datasources:query permission",
        "no query was retried; nothing was changed anywhere"))
