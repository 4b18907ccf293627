"""Find dashboard modules and import each in isolation into specs.

A module defines ``dashboard`` (a house-style ``DashboardSpec`` or a plain grafanalib
``Dashboard``) or ``dashboards`` (a list of them). A plain grafanalib dashboard goes to the
folder named by a module-level ``folder`` string, else to Grafana's top level. Files whose
names start with ``_`` are helpers, not dashboards; dashboard modules may import them. In a
folder laid out as grafanalib projects are (``*.dashboard.py`` modules, the convention of
grafanalib's ``generate-dashboards``), only those are dashboards and every other module is a
helper. Each module can import the modules of its own folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

from dashkit.problems import Location, Problem, Severity, UserError
from dashkit.ids import slug
from dashkit.model import GENERAL_FOLDER, DashboardSpec

_NOT_PROJECT = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix,
                      str(Path(__file__).resolve().parents[1])})
"""Installed packages and dashkit itself: shared by every module, never re-imported."""


T = TypeVar("T")


@dataclass
class Loaded(Generic[T]):
    """What running one module gave: what it defines, the local files it read, problems."""

    path: str
    digest: str = ""
    """sha256 of the source that was compiled (empty if it could not be read)."""
    items: list[T] = field(default_factory=list)
    deps: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


LoadedModule = Loaded[tuple[DashboardSpec, str]]
"""A dashboard module's dashboards, each with its default uid."""

Collect = Callable[[ModuleType, Path, str, list[Problem]], Iterable[T]]
"""Takes what a module defines from its namespace, adding a problem for what is wrong."""

GRAFANALIB_SUFFIX = ".dashboard.py"
"""grafanalib's ``generate-dashboards`` convention: in a folder holding such modules, only
they are dashboards, and the other modules there are the helpers they import."""

ALERT_SUFFIX = ".alerts.py"
"""Alert modules sit beside the dashboards as ``<name>.alerts.py``; they are not dashboards."""


def find_modules(paths: Sequence[Path], suffix: str = ".py") -> list[Path]:
    """Every dashboard module under the given files and folders, sorted, without repeats;
    with ``suffix=ALERT_SUFFIX``, every alert module instead.

    Folders whose names start with ``_`` or ``.`` (helpers, ``__pycache__``, ``.git``) are
    not entered. A folder that holds ``*.dashboard.py`` modules is laid out as grafanalib
    projects are: only those are dashboards, the other modules are helpers."""
    found: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise UserError(f"{path} does not exist",
                            hints=("pass dashboard modules or folders that hold them",))
        if path.is_file():
            if path.suffix != ".py":
                raise UserError(f"{path} is not a Python module",
                                hints=("dashboard modules end in .py",))
            if _is_kind(path.name, suffix):
                found.add(path.resolve())
            continue
        below: set[Path] = set()
        for folder, dirs, files in os.walk(path.resolve()):
            dirs[:] = [d for d in dirs if not d.startswith(_PRIVATE)]
            below.update(Path(folder, name) for name in files
                         if _is_kind(name, suffix) and not name.startswith(_PRIVATE))
        grafanalib_layout = {p for p in below if p.name.endswith(GRAFANALIB_SUFFIX)}
        found.update(grafanalib_layout if grafanalib_layout and suffix != ALERT_SUFFIX
                     else below)
    return sorted(found)


def _is_kind(name: str, suffix: str) -> bool:
    """A dashboard module (``.py``, not an alert module) or an alert module."""
    return name.endswith(suffix) and (suffix == ALERT_SUFFIX or not name.endswith(ALERT_SUFFIX))


_PRIVATE = ("_", ".")


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_module(path: Path, display: str) -> LoadedModule:
    """Run a dashboard module (see :func:`run_module`) and collect its dashboards."""
    return run_module(path, display, _collect, "building the dashboard failed")


def run_module(path: Path, display: str, collect: Collect[T], failing: str) -> Loaded[T]:
    """Run ``path`` as a module under a private name, ``collect`` what it defines, forget it.

    The module is compiled from the very bytes that are hashed into ``digest``, so the
    build cache never records a digest of a different version than the one compiled. It
    gets the special names an import gives (``__file__``, ``__spec__``, ``__loader__``...).
    No bytecode is written, neither for it nor for the project files it imports: a module
    runs again only after a source changed, and a ``.pyc`` that Python judges by mtime
    (whole seconds) and size could hide an edit made within the same second.
    """
    result: Loaded[T] = Loaded(display)
    try:
        source = path.read_bytes()
    except OSError as exc:
        result.problems.append(Problem(f"cannot be read: {exc.strerror or exc}",
                                       Location(display),
                                       ("check that the file exists and is readable",)))
        return result
    result.digest = hashlib.sha256(source).hexdigest()
    name = "_dashkit_module_" + hashlib.sha1(str(path).encode()).hexdigest()[:16]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec) if spec else ModuleType(name)
    before = set(sys.modules)
    printed = io.StringIO()
    sys.path.insert(0, str(path.parent))
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        code = compile(source, str(path), "exec", dont_inherit=True)
        with contextlib.redirect_stdout(printed):
            exec(code, module.__dict__)
    except SyntaxError as exc:
        result.problems.append(Problem(
            f"syntax error: {exc.msg}", Location(display, exc.lineno),
            ("fix the syntax; the other modules were still built",),
            details=(exc.text or "").rstrip()))
    except BaseException as exc:  # noqa: BLE001  (SystemExit, KeyboardInterrupt: the module's)
        result.problems.append(_exception_problem(exc, path, display, failing))
    else:
        result.items.extend(collect(module, path, display, result.problems))
    finally:
        sys.dont_write_bytecode = writes_bytecode
        sys.path.remove(str(path.parent))
        result.deps = _forget_local_modules(before, path)
    if printed.getvalue().strip():
        result.problems.append(Problem(
            "printed while building (modules should not print)", Location(display),
            details=capped(printed.getvalue()), severity=Severity.WARNING))
    return result


SHOWN_LINES = 20
SHOWN_CHARACTERS = 2_000


def capped(text: str) -> str:
    """What a module printed, as much as a reader wants: the first lines, then a count."""
    lines = text.rstrip().splitlines()
    shown = "\n".join(lines[:SHOWN_LINES])[:SHOWN_CHARACTERS]
    if len(lines) <= SHOWN_LINES and len(shown) == len("\n".join(lines)):
        return shown
    return (f"{shown}\n... ({len(lines)} lines, {len(text)} characters in all; the first "
            f"{shown.count(chr(10)) + 1} shown)")


def _collect(module: ModuleType, path: Path, display: str,
             problems: list[Problem]) -> Iterator[tuple[DashboardSpec, str]]:
    single = getattr(module, "dashboard", None)
    many = getattr(module, "dashboards", None)
    if single is None and many is None:
        problems.append(Problem(
            "defines no dashboard", Location(display),
            ("assign a Dashboard (grafanalib) or dashkit.style.dashboard(...) to a "
             "module-level name 'dashboard' (or a list of them to 'dashboards')",
             "if this file is a helper, start its name with '_'")))
        return
    items = [("dashboard", single)] if single is not None else []
    if many is not None:
        if not isinstance(many, list | tuple):
            problems.append(Problem(
                f"'dashboards' is a {type(many).__name__}, expected a list of dashboards",
                Location(display, line_of(path, "dashboards"))))
            many = []
        items.extend((f"dashboards[{i}]", item) for i, item in enumerate(many))
    folder = getattr(module, "folder", GENERAL_FOLDER)
    stem = slug(path.name.removesuffix(".py").removesuffix(".dashboard"))
    for index, (name, item) in enumerate(items):
        spec = _as_spec(item, folder)
        if spec is None:
            problems.append(Problem(
                f"{name!r} is a {type(item).__name__}, expected a grafanalib Dashboard or a "
                "DashboardSpec from dashkit.style.dashboard(...)",
                Location(display, line_of(path, name.split("[")[0]))))
            continue
        default_uid = stem if len(items) == 1 else f"{stem}-{index}"
        yield spec, default_uid[:40]


def _as_spec(item: Any, folder: Any) -> DashboardSpec | None:
    if isinstance(item, DashboardSpec):
        return item
    if type(item).__name__ == "Dashboard" and hasattr(item, "to_json_data"):
        return DashboardSpec(item, folder)
    return None


def _exception_problem(exc: BaseException, path: Path, display: str, failing: str) -> Problem:
    frames = traceback.extract_tb(exc.__traceback__)
    line = next((f.lineno for f in reversed(frames) if Path(f.filename) == path), None)
    inner = frames[-1] if frames else None
    details = ""
    if inner is not None and Path(inner.filename) != path:
        details = f"raised in {inner.filename}:{inner.lineno} ({inner.name})"
    kind = "import failed" if isinstance(exc, ImportError) else failing
    if isinstance(exc, KeyboardInterrupt):
        kind += " (the module raised KeyboardInterrupt; it was not Ctrl-C)"
    hint = ("install the missing package, or fix the import"
            if isinstance(exc, ImportError) else
            "fix the code at that line; run with --debug for the full traceback")
    trace = "".join(traceback.format_exception(exc))
    return Problem(f"{kind}: {type(exc).__name__}: {exc}", Location(display, line), (hint,),
                   details, trace=trace)


def line_of(path: Path, name: str) -> int | None:
    try:
        for number, text in enumerate(path.read_text().splitlines(), start=1):
            if text.startswith((f"{name} =", f"{name}=", f"{name}:")):
                return number
    except OSError:
        return None
    return None


def _forget_local_modules(before: set[str], path: Path) -> dict[str, str]:
    """Drop the project modules this import pulled in; return them with their digests."""
    deps: dict[str, str] = {}
    for name in set(sys.modules) - before:
        module = sys.modules.get(name)
        filename = getattr(module, "__file__", None)
        if not filename or filename.startswith(_NOT_PROJECT) or "site-packages" in filename:
            continue
        dep = Path(filename).resolve()
        if dep == path:
            continue
        del sys.modules[name]
        with contextlib.suppress(OSError):
            deps[str(dep)] = file_digest(dep)
    return dict(sorted(deps.items()))
