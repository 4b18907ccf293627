"""Grafana: compiled dashboards and declared folders in, a Grafana that matches them out.

``client`` is the one adapter over grafana-client (with ``retry``); ``live`` is what Grafana
holds and ``desired`` what the code wants; ``observe`` reads the one, ``plan`` compares them
(pure), ``apply`` is the only code that writes; ``push`` runs them in that order.
"""
