"""Grafana: compiled dashboards and declared folders in, a Grafana that matches them out.

``connect`` picks the target and makes the one adapter over grafana-client (``client``, with
``retry``, ``errors`` and ``answers``); ``desired`` is what the code wants (``names``: teams
and users resolved to ids) and ``live`` what Grafana holds; ``observe`` reads it, ``plan``
compares the two (pure; ``access`` for permissions and lockouts), ``apply`` is the only code
that writes, ``push`` runs them in that order; ``snapshots`` gives ``dashboards diff`` a
Grafana as its baseline.
"""
