"""Declared dashboards -> canonical JSON; pure and deterministic."""

from dashkit.build.compile.canonical import checksum, encode
from dashkit.build.compile.dashboard import SCHEMA_VERSION, CompileResult, compile_dashboard

__all__ = ["SCHEMA_VERSION", "CompileResult", "checksum", "compile_dashboard", "encode"]
