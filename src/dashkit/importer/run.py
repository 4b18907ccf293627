"""Import dashboards: read, upgrade as the build would, write the module, build it back and
check it gives the same dashboard before it goes into place. A file that cannot be imported
is reported and nothing is written for it; the others still are."""

from __future__ import annotations

import importlib.util
import keyword
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from dashkit.build.compile import compile_dashboard
from dashkit.build.modules import compile_module
from dashkit.build.writer import write_if_changed
from dashkit.importer.module import module_source
from dashkit.importer.read import NotADashboard, parse
from dashkit.model import NamedDatasource
from dashkit.problems import Problem
from dashkit.style.explicit import as_spec


@dataclass
class Imported:
    """One input's outcome: the module written (or the reason it was not)."""

    source: str
    uid: str = ""
    title: str = ""
    module: Path | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)
    upgrades: list[Problem] = field(default_factory=list)
    """What the build changed on the way (Angular panels converted, ...)."""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class Input:
    """A dashboard to import: where it came from, its text, and the folder to record."""

    origin: str
    text: str | bytes
    folder: str = ""
    problem: str = ""
    """Why it cannot be imported, known before reading it (a v2-schema dashboard)."""


def import_all(inputs: Iterable[Input], out_dir: Path, *, when: str, overwrite: bool = False,
               datasources: tuple[NamedDatasource, ...] = ()) -> list[Imported]:
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    uids: set[str] = set()
    return [import_one(item, out_dir, when=when, overwrite=overwrite, taken=taken,
                       datasources=datasources, uids=uids) for item in inputs]


def import_one(item: Input, out_dir: Path, *, when: str, overwrite: bool, taken: set[str],
               datasources: tuple[NamedDatasource, ...] = (),
               uids: set[str] | None = None) -> Imported:
    result = Imported(item.origin)
    if item.problem:
        result.error = f"{item.origin} {item.problem}"
        return result
    try:
        read = parse(item.text)
    except NotADashboard as exc:
        result.error = f"{item.origin} {exc}"
        return result
    result.notes = read.notes
    uid = str(read.dashboard["uid"])
    if uids is not None:
        if uid in uids:
            base, count = uid[:37], 2
            while f"{base}-{count}" in uids:
                count += 1
            read.dashboard["uid"] = f"{base}-{count}"
            result.notes.append(f"uid {uid!r} is another dashboard's of this import; this one "
                                f"is {read.dashboard['uid']!r}")
        uids.add(str(read.dashboard["uid"]))
    result.uid = str(read.dashboard["uid"])
    result.title = str(read.dashboard.get("title") or "")
    reference = compile_dashboard(as_spec(read.dashboard, item.folder),
                                  item.origin, result.uid, datasources)
    result.upgrades = [p for p in reference.problems if not p.is_error]
    if reference.dashboard is None:
        errors = [p.render() for p in reference.problems if p.is_error]
        result.error = f"{item.origin} cannot be built as it is:\n" + "\n".join(errors)
        return result
    expected = orjson.loads(reference.dashboard.content)
    name = _module_name(result.uid, taken)
    target = out_dir / f"{name}.py"
    if target.exists() and not overwrite:
        result.error = (f"{target} exists; nothing was written for {item.origin} (pass "
                        "--force to replace it)")
        return result
    # The house style where it gives the same panel; panels that do not come back the same
    # are written out field by field; as a last resort, every panel is.
    explicit: frozenset[int] | None = frozenset()
    while True:
        source = module_source(expected, item.folder, item.origin, when, explicit)
        differences = _built_back(source, name, reference.dashboard.content, datasources)
        if not differences or explicit is None:
            break
        changed = _changed_panels(expected, differences)
        explicit = None if not changed or changed <= explicit else explicit | changed
    if differences:
        result.error = (f"{item.origin}: the module written for it does not build back to "
                        "the same dashboard (a bug in dashkit; please report it):\n"
                        + "\n".join(differences[:20]))
        return result
    write_if_changed(target, source.encode())
    taken.add(name)
    result.module = target
    return result


def _module_name(uid: str, taken: set[str]) -> str:
    """A module name from the uid; never one that would shadow a module the dashboards
    import (the build puts the dashboards' folder first on the import path)."""
    base = re.sub(r"[^a-z0-9_]", "_", uid.lower()).strip("_") or "dashboard"
    if base[0].isdigit() or keyword.iskeyword(base):
        base = f"d_{base}"
    if base in sys.stdlib_module_names or importlib.util.find_spec(base) is not None:
        base = f"dashboard_{base}"
    name, count = base, 1
    while name in taken:
        count += 1
        name = f"{base}_{count}"
    return name


def _built_back(source: str, name: str, expected: bytes,
                datasources: tuple[NamedDatasource, ...]) -> list[str]:
    """Build ``source`` as the build would and compare with ``expected``; the differences."""
    with tempfile.TemporaryDirectory(prefix="dashkit-import-") as scratch:
        path = Path(scratch) / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        outcome = compile_module(str(path), f"{name}.py", None, datasources)
    if outcome.failed or not outcome.compiled:
        return [p.render() for p in outcome.problems if p.is_error] or ["it defines nothing"]
    built = outcome.compiled[0].content
    if built == expected:
        return []
    return _differences(orjson.loads(expected), orjson.loads(built), "")


def _changed_panels(expected: dict[str, Any], differences: list[str]) -> frozenset[int]:
    """The ids of the panels the differences are in (``/panels/3/...`` and
    ``/panels/2/panels/0/...`` paths; empty when a difference is outside the panels)."""
    ids: set[int] = set()
    for difference in differences:
        match = re.match(r"/panels/(\d+)(?:/panels/(\d+))?", difference)
        if match is None:
            return frozenset()
        panel = expected["panels"][int(match.group(1))]
        if match.group(2) is not None:
            panel = panel["panels"][int(match.group(2))]
        ids.add(int(panel.get("id", -1)))
    return frozenset(ids)


def _differences(want: Any, got: Any, path: str) -> list[str]:
    if type(want) is not type(got):
        return [f"{path or '/'}: {want!r} became {got!r}"]
    if isinstance(want, dict):
        out = []
        for key in sorted(set(want) | set(got)):
            if key not in got:
                out.append(f"{path}/{key}: missing")
            elif key not in want:
                out.append(f"{path}/{key}: added")
            else:
                out += _differences(want[key], got[key], f"{path}/{key}")
        return out
    if isinstance(want, list):
        if len(want) != len(got):
            return [f"{path}: {len(want)} items became {len(got)}"]
        return [d for i, (a, b) in enumerate(zip(want, got, strict=True))
                for d in _differences(a, b, f"{path}/{i}")]
    return [] if want == got else [f"{path}: {want!r} became {got!r}"]

