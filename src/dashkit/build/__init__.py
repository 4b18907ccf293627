"""Building: dashboard modules in, canonical JSON out.

``discover`` finds and imports modules in isolation, ``compile/`` turns each dashboard into
Grafana 11/12 JSON, ``run`` is ``dashboards build`` (cache, parallel workers, write-out),
``manifest`` and ``writer`` are what it leaves on disk.
"""
