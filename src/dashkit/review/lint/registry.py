"""Every lint rule, by id. A new rule is a module under ``rules/`` and a line here."""

from __future__ import annotations

from collections.abc import Mapping

from dashkit.review.lint.rule import Rule
from dashkit.review.lint.rules import (
    dashboard_schema_version,
    dashboard_title_unique_in_folder,
    dashboard_uid_unique,
    dashboard_uid_valid,
    datasource_by_reference,
    folder_declared,
    layout_no_overlap,
    layout_on_grid,
    links_dashboard_exists,
    links_runbook_exists,
    panel_has_description,
    panel_has_title,
    panel_has_unit,
    panel_no_deprecated_type,
    promql_high_cardinality_label,
    promql_histogram_quantile,
    promql_known_label,
    promql_known_metric,
    promql_parses,
    promql_personal_data_label,
    promql_rate_interval,
    promql_rate_on_counter,
    promql_recording_rule,
)

REGISTRY: Mapping[str, Rule] = {rule.id: rule for rule in (
    dashboard_uid_valid.RULE,
    dashboard_uid_unique.RULE,
    dashboard_title_unique_in_folder.RULE,
    dashboard_schema_version.RULE,
    folder_declared.RULE,
    panel_has_title.RULE,
    panel_has_description.RULE,
    panel_has_unit.RULE,
    panel_no_deprecated_type.RULE,
    layout_on_grid.RULE,
    layout_no_overlap.RULE,
    datasource_by_reference.RULE,
    promql_parses.RULE,
    promql_known_metric.RULE,
    promql_known_label.RULE,
    promql_recording_rule.RULE,
    promql_rate_on_counter.RULE,
    promql_rate_interval.RULE,
    promql_histogram_quantile.RULE,
    promql_high_cardinality_label.RULE,
    promql_personal_data_label.RULE,
    links_dashboard_exists.RULE,
    links_runbook_exists.RULE,
)}
"""Rules in the order the documentation lists them."""
