"""The media platform as a workload: jobs submitted through the gateway, queued in Redis,
extracted, uploaded to YouTube, finished; every catalog metric of the platform moves as the
services would move it.

The model advances in steps of wall-clock time. Arrivals are Poisson draws from a seeded
generator, so two simulators with the same seed and the same steps expose the same numbers.
"""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass

from dashkit.catalog import platform as m
from dashkit.simulate.scenarios import HEALTHY, Scenario
from dashkit.simulate.store import Exemplar, Store

TENANTS = {"acme": 0.5, "globex": 0.3, "initech": 0.2}
"""Tenants and their share of the submissions."""
JOB_TYPES = {"video": 0.7, "short": 0.3}
SOURCES = {"s3": 0.5, "vimeo": 0.3, "http": 0.2}
STAGES = {"download": 2.0, "probe": 0.3, "transcode": 12.0, "thumbnail": 0.5, "package": 1.5}
"""Extraction stages and their median duration in seconds."""
EXTRACTION_QUEUE, UPLOAD_QUEUE = "extraction", "upload"
ROUTES = {"/v1/jobs": ("POST", 1.0), "/v1/jobs/{id}": ("GET", 6.0),
          "/v1/tenants/{id}/usage": ("GET", 0.5)}
"""Gateway routes: method and requests per submitted job."""

SUBMISSIONS_PER_SECOND = 2.0
JOBS_PER_CONSUMER_PER_SECOND = 0.75
EXTRACTION_SLO_SECONDS = 30.0
QUOTA_DAILY_LIMIT = 1_000_000_000
QUOTA_COST = {"videos.insert": 1600, "thumbnails.set": 50}
TOKEN_REFRESH_RATIO = 0.2
"""Share of uploads that first refresh the tenant's access token."""
CANCELLED_RATIO = 0.005
EXTRACTION_FAILURE_RATIO = 0.01
STATUSES = ("succeeded", "failed", "cancelled")
JOB_FAILURE_REASONS = ("source_unavailable", "extraction_error", "upload_rejected",
                       "token_expired")
UPLOAD_FAILURE_REASONS = ("auth_error", "rejected", "server_error", "network")
TOKEN_FAILURE_REASONS = ("invalid_grant", "network")
TRANSITIONS = (("queued", "extracting"), ("queued", "cancelled"), ("extracting", "uploading"),
               ("extracting", "failed"), ("uploading", "done"), ("uploading", "failed"))
EXACT_BELOW = 64
"""Up to this many events per step are drawn one by one; above, in proportion."""


@dataclass
class Batch:
    """Jobs enqueued together: same tenant, same type, same moment."""

    enqueued_at: float
    tenant: str
    job_type: str
    count: int


class Workload:
    """The platform's services, as one state that moves forward with :meth:`advance`."""

    def __init__(self, store: Store, seed: int = 1, scenario: Scenario = HEALTHY,
                 start: float = 0.0) -> None:
        self.store = store
        self.random = random.Random(seed)
        self.scenario = scenario
        self.now = start
        self.queues: dict[str, deque[Batch]] = {EXTRACTION_QUEUE: deque(), UPLOAD_QUEUE: deque()}
        self._carry: dict[str, float] = {}
        self._touch_known_series()

    def advance(self, until: float) -> None:
        """Move the workload to time ``until`` (seconds, same clock as ``start``)."""
        # One-second steps; after a long pause (nobody scraped), coarser ones, at most 600.
        largest = max(1.0, (until - self.now) / 600)
        while self.now < until:
            step = min(largest, until - self.now)
            self._step(step)
            self.now += step
        self._gauges()

    # --- one step -------------------------------------------------------------------------
    def _step(self, dt: float) -> None:
        s = self.scenario
        for tenant, share in TENANTS.items():
            for job_type, type_share in JOB_TYPES.items():
                rate = SUBMISSIONS_PER_SECOND * s.submit_factor * share * type_share
                count = self._poisson(rate * dt)
                if count:
                    self._submit(tenant, job_type, count, dt)
        done = self._drain(EXTRACTION_QUEUE, s.extraction_consumers, dt)
        for batch in done:
            self._extract(batch)
        for batch in self._drain(UPLOAD_QUEUE, s.upload_consumers, dt):
            self._upload(batch)

    def _submit(self, tenant: str, job_type: str, count: int, dt: float) -> None:
        st = self.store
        cancelled = self._binomial(count, CANCELLED_RATIO)
        st.inc(m.JOBS_SUBMITTED, count, tenant=tenant, job_type=job_type)
        self._gateway(count, dt)
        if cancelled:
            st.inc(m.JOBS_COMPLETED, cancelled, tenant=tenant, job_type=job_type,
                   status="cancelled")
            st.inc(m.JOB_STATE_TRANSITIONS, cancelled, job_type=job_type,
                   from_state="queued", to_state="cancelled")
        queued = count - cancelled
        if queued:
            self._enqueue(EXTRACTION_QUEUE, Batch(self.now, tenant, job_type, queued))

    def _enqueue(self, queue: str, batch: Batch) -> None:
        self.queues[queue].append(batch)
        self.store.inc(m.QUEUE_ENQUEUED, batch.count, queue=queue)

    def _drain(self, queue: str, consumers: int, dt: float) -> list[Batch]:
        """Take what the consumers can handle in ``dt`` from the front of the queue."""
        key = f"capacity:{queue}"
        capacity = self._carry.get(key, 0.0) + consumers * JOBS_PER_CONSUMER_PER_SECOND * dt
        taken: list[Batch] = []
        pending = self.queues[queue]
        while pending and capacity >= 1:
            batch = pending[0]
            count = min(batch.count, int(capacity))
            capacity -= count
            if count == batch.count:
                pending.popleft()
            else:
                batch.count -= count
            taken.append(Batch(batch.enqueued_at, batch.tenant, batch.job_type, count))
        self._carry[key] = capacity if pending else min(capacity, 1.0)
        dequeued = sum(b.count for b in taken)
        if dequeued:
            self.store.inc(m.QUEUE_DEQUEUED, dequeued, queue=queue)
        return taken

    def _extract(self, batch: Batch) -> None:
        st, s = self.store, self.scenario
        failed = self._binomial(batch.count, EXTRACTION_FAILURE_RATIO)
        st.inc(m.JOB_STATE_TRANSITIONS, batch.count, job_type=batch.job_type,
               from_state="queued", to_state="extracting")
        for source, weight in self._spread(SOURCES, batch.count):
            st.inc(m.EXTRACTION_BYTES, weight * self._lognormal(200e6, 0.8),
                   tenant=batch.tenant, source=source)
            for stage, median in STAGES.items():
                for value, share in self._samples(median * s.latency_factor, 0.6, weight):
                    st.observe(m.EXTRACTION_DURATION, value, share, self._exemplar(value),
                               tenant=batch.tenant, source=source, stage=stage)
        if failed:
            reason = self._choose({"source_unavailable": 0.6, "extraction_error": 0.4})
            self._finish(batch, failed, "failed", reason, from_state="extracting")
        ok = batch.count - failed
        if ok:
            st.inc(m.JOB_STATE_TRANSITIONS, ok, job_type=batch.job_type,
                   from_state="extracting", to_state="uploading")
            self._enqueue(UPLOAD_QUEUE, Batch(batch.enqueued_at, batch.tenant, batch.job_type,
                                              ok))

    def _upload(self, batch: Batch) -> None:
        st, s, tenant = self.store, self.scenario, batch.tenant
        refreshes = self._binomial(batch.count, TOKEN_REFRESH_RATIO)
        token_ratio = s.token_failure_ratio if s.token_failure_tenant in (None, tenant) \
            else HEALTHY.token_failure_ratio
        refresh_failed = self._binomial(refreshes, token_ratio)
        if refreshes:
            st.inc(m.OAUTH_REFRESH_ATTEMPTS, refreshes, tenant=tenant)
        if refresh_failed:
            st.inc(m.OAUTH_REFRESH_FAILURES, refresh_failed, tenant=tenant,
                   reason=self._choose({"invalid_grant": 0.8, "network": 0.2})
                   if token_ratio > HEALTHY.token_failure_ratio else "network")
        attempts = batch.count - refresh_failed
        failed = self._binomial(attempts, s.upload_failure_ratio)
        succeeded = attempts - failed
        st.inc(m.YOUTUBE_UPLOADS, succeeded, tenant=tenant, status="succeeded")
        st.inc(m.YOUTUBE_UPLOADS, failed + refresh_failed, tenant=tenant, status="failed")
        if refresh_failed:
            st.inc(m.YOUTUBE_UPLOAD_FAILURES, refresh_failed, tenant=tenant, reason="auth_error")
        if failed:
            st.inc(m.YOUTUBE_UPLOAD_FAILURES, failed, tenant=tenant, reason=self._choose(
                {"rejected": 0.5, "server_error": 0.3, "network": 0.2}))
        for value, share in self._samples(40.0, 0.5, attempts):
            st.observe(m.YOUTUBE_UPLOAD_DURATION, value, share, self._exemplar(value),
                       tenant=tenant)
        st.inc(m.YOUTUBE_UPLOAD_BYTES, attempts * self._lognormal(150e6, 0.8), tenant=tenant)
        for operation, cost in QUOTA_COST.items():
            st.inc(m.YOUTUBE_QUOTA_USED, attempts * cost, operation=operation)
        if refresh_failed:
            self._finish(batch, refresh_failed, "failed", "token_expired", "uploading")
        if failed:
            self._finish(batch, failed, "failed", "upload_rejected", "uploading")
        if succeeded:
            self._finish(batch, succeeded, "succeeded", None, "uploading")

    def _finish(self, batch: Batch, count: int, status: str, reason: str | None,
                from_state: str) -> None:
        st = self.store
        st.inc(m.JOBS_COMPLETED, count, tenant=batch.tenant, job_type=batch.job_type,
               status=status)
        st.inc(m.JOB_STATE_TRANSITIONS, count, job_type=batch.job_type,
               from_state=from_state, to_state="done" if status == "succeeded" else status)
        if reason:
            st.inc(m.JOB_FAILURES, count, tenant=batch.tenant, job_type=batch.job_type,
                   reason=reason)
        waited = self.now - batch.enqueued_at
        extraction = sum(STAGES.values()) * self.scenario.latency_factor
        for value, share in self._samples(waited + extraction + 40.0, 0.3, count):
            st.observe(m.JOB_DURATION, value, share, job_type=batch.job_type, status=status)

    def _gateway(self, jobs: int, dt: float) -> None:
        st = self.store
        for route, (method, per_job) in ROUTES.items():
            requests = self._poisson(jobs * per_job)
            errors = self._binomial(requests, 0.01)
            limited = self._binomial(requests - errors, 0.005)
            ok = requests - errors - limited
            code = "202" if method == "POST" else "200"
            for status, count in ((code, ok), ("500", errors), ("429", limited)):
                if count:
                    st.inc(m.HTTP_REQUESTS, count, method=method, route=route,
                           status_code=status)
            for value, share in self._samples(0.04 if method == "GET" else 0.12, 0.7,
                                              requests):
                st.observe(m.HTTP_REQUEST_DURATION, value, share, self._exemplar(value),
                           method=method, route=route)

    # --- gauges ---------------------------------------------------------------------------
    def _gauges(self) -> None:
        st, s = self.store, self.scenario
        consumers = {EXTRACTION_QUEUE: s.extraction_consumers,
                     UPLOAD_QUEUE: s.upload_consumers}
        for queue, pending in self.queues.items():
            st.set(m.QUEUE_DEPTH, sum(b.count for b in pending), queue=queue)
            st.set(m.QUEUE_OLDEST_AGE, self.now - pending[0].enqueued_at if pending else 0.0,
                   queue=queue)
            st.set(m.QUEUE_CONSUMERS, consumers[queue], queue=queue)
        throughput = JOBS_PER_CONSUMER_PER_SECOND
        for job_type, share in JOB_TYPES.items():
            st.set(m.JOBS_IN_FLIGHT, sum(b.count for b in self.queues[EXTRACTION_QUEUE]
                                         if b.job_type == job_type),
                   job_type=job_type, state="queued")
            st.set(m.JOBS_IN_FLIGHT, round(s.extraction_consumers * share), job_type=job_type,
                   state="extracting")
            st.set(m.JOBS_IN_FLIGHT, sum(b.count for b in self.queues[UPLOAD_QUEUE]
                                         if b.job_type == job_type)
                   + round(s.upload_consumers * share), job_type=job_type, state="uploading")
        for route in ROUTES:
            busy = SUBMISSIONS_PER_SECOND * s.submit_factor * throughput * 0.2
            st.set(m.HTTP_IN_FLIGHT, self._poisson(busy * 4), route=route)
        for source in SOURCES:
            st.set(m.EXTRACTION_SLO_TARGET, EXTRACTION_SLO_SECONDS, source=source)
        st.set(m.YOUTUBE_QUOTA_DAILY_LIMIT, QUOTA_DAILY_LIMIT)

    def _touch_known_series(self) -> None:
        """Every series for the label values the services know, at 0, as a service
        registers them at start-up (Prometheus' advice against missing series)."""
        st = self.store
        for tenant in TENANTS:
            st.touch(m.OAUTH_REFRESH_ATTEMPTS, tenant=tenant)
            st.touch(m.YOUTUBE_UPLOAD_DURATION, tenant=tenant)
            st.touch(m.YOUTUBE_UPLOAD_BYTES, tenant=tenant)
            for reason in TOKEN_FAILURE_REASONS:
                st.touch(m.OAUTH_REFRESH_FAILURES, tenant=tenant, reason=reason)
            for status in ("succeeded", "failed"):
                st.touch(m.YOUTUBE_UPLOADS, tenant=tenant, status=status)
            for reason in UPLOAD_FAILURE_REASONS:
                st.touch(m.YOUTUBE_UPLOAD_FAILURES, tenant=tenant, reason=reason)
            for source in SOURCES:
                st.touch(m.EXTRACTION_BYTES, tenant=tenant, source=source)
                for stage in STAGES:
                    st.touch(m.EXTRACTION_DURATION, tenant=tenant, source=source, stage=stage)
            for job_type in JOB_TYPES:
                st.touch(m.JOBS_SUBMITTED, tenant=tenant, job_type=job_type)
                for status in STATUSES:
                    st.touch(m.JOBS_COMPLETED, tenant=tenant, job_type=job_type,
                             status=status)
                for reason in JOB_FAILURE_REASONS:
                    st.touch(m.JOB_FAILURES, tenant=tenant, job_type=job_type, reason=reason)
        for job_type in JOB_TYPES:
            for before, after in TRANSITIONS:
                st.touch(m.JOB_STATE_TRANSITIONS, job_type=job_type, from_state=before,
                         to_state=after)
            for status in STATUSES:
                st.touch(m.JOB_DURATION, job_type=job_type, status=status)
        for route, (method, _) in ROUTES.items():
            st.touch(m.HTTP_REQUEST_DURATION, method=method, route=route)
            for code in ("202" if method == "POST" else "200", "429", "500"):
                st.touch(m.HTTP_REQUESTS, method=method, route=route, status_code=code)
        for operation in QUOTA_COST:
            st.touch(m.YOUTUBE_QUOTA_USED, operation=operation)
        for queue in self.queues:
            st.touch(m.QUEUE_ENQUEUED, queue=queue)
            st.touch(m.QUEUE_DEQUEUED, queue=queue)
        self._gauges()

    # --- random draws ---------------------------------------------------------------------
    def _poisson(self, mean: float) -> int:
        if mean <= 0:
            return 0
        if mean > 50:  # normal approximation: exact draws would loop `mean` times
            return max(0, round(self.random.gauss(mean, math.sqrt(mean))))
        limit, k, p = math.exp(-mean), 0, 1.0
        while True:
            p *= self.random.random()
            if p <= limit:
                return k
            k += 1

    def _binomial(self, n: int, p: float) -> int:
        if n <= 0 or p <= 0:
            return 0
        if n > EXACT_BELOW:
            mean = n * p
            return min(n, max(0, round(self.random.gauss(mean, math.sqrt(mean * (1 - p))))))
        return sum(1 for _ in range(n) if self.random.random() < p)

    def _lognormal(self, median: float, sigma: float) -> float:
        return median * math.exp(self.random.gauss(0.0, sigma))

    def _samples(self, median: float, sigma: float, count: float,
                 ) -> list[tuple[float, float]]:
        """``count`` observations as (value, weight): one by one when few, else a sample
        of :data:`EXACT_BELOW` values each standing for an equal share."""
        if count <= 0:
            return []
        n = int(count) if count <= EXACT_BELOW else EXACT_BELOW
        weight = count / n
        return [(self._lognormal(median, sigma), weight) for _ in range(n)]

    def _spread(self, weights: dict[str, float], count: int) -> list[tuple[str, int]]:
        """``count`` items spread over the keys of ``weights`` at random."""
        out: dict[str, int] = {}
        for _ in range(min(count, EXACT_BELOW)):
            key = self._choose(weights)
            out[key] = out.get(key, 0) + 1
        if count > EXACT_BELOW:  # scale the sample up to the whole
            scale = count / EXACT_BELOW
            out = {k: round(v * scale) for k, v in out.items()}
        return sorted(out.items())

    def _choose(self, weights: dict[str, float]) -> str:
        return self.random.choices(list(weights), list(weights.values()))[0]

    def _exemplar(self, value: float) -> Exemplar:
        return Exemplar(f"{self.random.getrandbits(128):032x}", value)
