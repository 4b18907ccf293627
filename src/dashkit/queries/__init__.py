"""``dashboards check-queries``: run every panel query and rule expression against a real
Prometheus, as Grafana would send it, and say which return data."""
