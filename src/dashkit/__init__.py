"""Dashboards-as-code for the media-processing platform.

Python modules under ``dashboards/`` define Grafana dashboards with grafanalib and the house
style in :mod:`dashkit.style`; :mod:`dashkit.build.run` compiles them to canonical JSON.
"""

__version__ = "0.1.0"
