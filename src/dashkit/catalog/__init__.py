"""The metric catalog: every metric the dashboards and alerts may use.

Dashboards import entries from here (``from dashkit.catalog import EXTRACTION_DURATION``)
instead of writing metric names as strings.
"""

from dashkit.catalog.exporters import *  # noqa: F403
from dashkit.catalog.exporters import EXPORTER_METRICS
from dashkit.catalog.model import INFRASTRUCTURE_ALERT_LABELS as INFRASTRUCTURE_ALERT_LABELS
from dashkit.catalog.model import PLATFORM_ALERT_LABELS as PLATFORM_ALERT_LABELS
from dashkit.catalog.model import TARGET_LABELS as TARGET_LABELS
from dashkit.catalog.model import Catalog as Catalog
from dashkit.catalog.model import Metric as Metric
from dashkit.catalog.model import MetricType as MetricType
from dashkit.catalog.model import namespace
from dashkit.catalog.platform import *  # noqa: F403
from dashkit.catalog.platform import PLATFORM_METRICS
from dashkit.catalog.recording import *  # noqa: F403
from dashkit.catalog.recording import RECORDED_METRICS

CATALOG = Catalog(PLATFORM_METRICS + EXPORTER_METRICS + RECORDED_METRICS,
                  claimed={namespace(m.name) for m in PLATFORM_METRICS + RECORDED_METRICS})
"""Every known metric: the platform's, the exporters' and the recorded series. It claims the
platform's namespaces, which it lists in full; of the exporters' it lists only what the
dashboards and alerts use."""
