"""``dashboards preview``: each dashboard as a self-contained static page laid out on
Grafana's grid, its panels drawn as SVG from real query results or as labelled
placeholders, for reviewers who have no Grafana at hand."""
