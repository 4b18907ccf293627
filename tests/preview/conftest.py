"""The live Prometheus scraping the reference workload, as for the query checks."""

from queries.conftest import Live, live  # noqa: F401  (the session fixture, shared)
