"""PromQL as Grafana sends it: macros and template variables substituted, parsed into a small
typed tree, and series names resolved against the metric catalog."""
