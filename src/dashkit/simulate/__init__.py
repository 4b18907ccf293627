"""The reference workload: the platform's metrics, moving as its services would, served for
a Prometheus to scrape (``dashboards simulate``), with scenarios for each failure mode."""
