"""Alerts as code: rules compiled for Prometheus, routes for Alertmanager, runbooks for the
people who answer them. Alert modules import what they need from here."""

from dashkit.alerting.model import Alert as Alert
from dashkit.alerting.model import Guidance as Guidance
from dashkit.alerting.model import PanelRef as PanelRef
from dashkit.alerting.model import Severity as Severity
