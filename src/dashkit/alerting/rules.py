"""Prometheus rule files: one per alert module, and one of the catalog's recording rules.

Each file starts with a line saying it is generated and from what; expressions are written
as YAML block scalars, so a reviewer reads them as they were declared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from dashkit.alerting.compile import CompiledAlerts
from dashkit.build.writer import generated_header as header
from dashkit.catalog.recording import RECORDING_RULES, RecordingRule

RECORDING_FILE = "recording-rules.yml"


def rule_files(compiled: CompiledAlerts,
               recording: Sequence[RecordingRule] = RECORDING_RULES) -> dict[str, bytes]:
    """File name -> bytes for the rules directory."""
    files: dict[str, bytes] = {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for rule in recording:
        groups.setdefault(rule.group, []).append({"record": rule.record, "expr": rule.expr})
    files[RECORDING_FILE] = (
        header("the metric catalog (dashkit.catalog.recording)")
        + dump({"groups": [{"name": f"recording-{name}", "rules": rules}
                           for name, rules in groups.items()]})).encode()
    for group, alerts in sorted(compiled.by_group().items()):
        sources = ", ".join(sorted({a.declared.source for a in alerts}))
        files[f"{group}.yml"] = (header(sources) + dump(
            {"groups": [{"name": group, "rules": [a.rule() for a in alerts]}]})).encode()
    return files


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as ``|`` blocks; everything else as ``safe_dump`` writes it."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump(data: object) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False,
                         allow_unicode=True, width=10_000))
