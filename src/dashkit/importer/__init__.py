"""``dashboards import``: existing Grafana dashboards (exported JSON, or read from a Grafana)
into Python modules that build back to the same dashboard."""
