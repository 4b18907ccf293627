"""Provisioning: Grafana's provisioning directory written from the same sources as push, so
Grafana starts with every dashboard in its folder and every datasource wired for logs,
traces and metrics.

``tree`` says which files make the directory (pure), ``datasources`` writes the datasource
file with its correlation settings, ``files`` puts the tree on disk or checks it.
"""
