"""Tests of dashboards lint: rules against their YAML cases, engine, reports, CLI."""
