"""Dashboards-as-code for the media-processing platform.

Python modules under ``dashboards/`` define Grafana dashboards with grafanalib and the house
style in :mod:`dashkit.style`. The packages follow the data: ``build`` compiles the modules to
canonical JSON, ``review`` lints and diffs it, ``grafana`` plans and pushes it, ``report``
renders every result and ``cli`` is the ``dashboards`` command.
"""

__version__ = "0.1.0"
