"""The catalog's exporter metrics, against what the real exporters expose: redis_exporter
scraping a real redis-server, postgres_exporter a real PostgreSQL, node_exporter, and
Alertmanager's own metrics, all from Debian and started on 127.0.0.1 by scripts/test. A
catalog metric or label the exporter does not have fails here, not on an empty panel."""

from __future__ import annotations

import os
import re
import urllib.request

import pytest

from dashkit.catalog import EXPORTER_METRICS
from dashkit.catalog.exporters import ALERTMANAGER, NODE, POSTGRES, REDIS

SERVICES = {REDIS: "REDIS_EXPORTER_URL", POSTGRES: "POSTGRES_EXPORTER_URL",
            NODE: "NODE_EXPORTER_URL", ALERTMANAGER: "ALERTMANAGER_URL"}
SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s")


def exposed(emitter: str) -> dict[str, set[str]]:
    """Series name -> every label name seen on it, from a live scrape."""
    url = os.environ.get(SERVICES[emitter])
    assert url, (f"{SERVICES[emitter]} is not set: these tests read the exporter that "
                 "scripts/test starts (run bash scripts/test)")
    with urllib.request.urlopen(f"{url.rstrip('/')}/metrics", timeout=10) as answer:
        text = answer.read().decode()
    found: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = SAMPLE.match(line)
        if match and not line.startswith("#"):
            names = set(re.findall(r'([a-zA-Z_]\w*)="', match.group(2) or ""))
            found.setdefault(match.group(1), set()).update(names)
    return found


@pytest.mark.parametrize("emitter", sorted(SERVICES))
def test_every_catalog_metric_of_the_exporter_exists_with_its_labels(emitter: str) -> None:
    series = exposed(emitter)
    metrics = [m for m in EXPORTER_METRICS if m.emitter == emitter]
    assert metrics
    problems = []
    for metric in metrics:
        for name in metric.series:
            if name not in series:
                problems.append(f"{name} is not exposed by {emitter}")
                continue
            missing = sorted(set(metric.labels) - series[name])
            if missing:
                problems.append(f"{name} has no label {', '.join(missing)} in {emitter} "
                                f"(it has: {', '.join(sorted(series[name])) or 'none'})")
    assert not problems, "\n".join(problems)
