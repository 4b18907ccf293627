"""The exit codes of every ``dashboards`` command, in one table; help texts are made from it."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    BUG = 3
    PARTIAL = 4
    INTERRUPTED = 130


MEANING = {
    Exit.OK: "success",
    Exit.FAILED: "findings or failure (build errors, bad input, push refused)",
    Exit.USAGE: "usage error (unknown option, missing argument, no baseline)",
    Exit.BUG: "internal error: a bug; rerun with --debug and report it",
    Exit.PARTIAL: "push partly applied: some writes failed; run it again",
    Exit.INTERRUPTED: "interrupted (Ctrl-C)",
}
"""What each code means for the program as a whole."""


def exit_help(specific: Mapping[Exit, str] | None = None,
              codes: tuple[Exit, ...] = (Exit.OK, Exit.FAILED, Exit.USAGE, Exit.BUG)) -> str:
    """The "Exit codes:" block of a command's help: ``codes``, each with what it means for
    that command (``specific``) or in general."""
    specific = specific or {}
    width = max(len(str(int(code))) for code in codes)
    lines = ["\b", "Exit codes:"]
    lines += [f"  {str(int(code)).ljust(width)}  {specific.get(code, MEANING[code])}"
              for code in codes]
    return "\n".join(lines)
