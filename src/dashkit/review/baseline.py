"""The two sides of ``dashboards diff``: what the code compiles to now, and a baseline: a
directory of JSON, a git ref of this repository, or what a Grafana holds right now."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import orjson

from dashkit.build.manifest import MANIFEST_NAME, read_manifest
from dashkit.build.run import built_dashboards
from dashkit.build.seed import seed_build
from dashkit.config import load_config
from dashkit.model import DEFAULT_BUILD, BuildOptions
from dashkit.problems import UserError
from dashkit.review.diff import Snapshot


def from_build(paths: Sequence[Path], root: Path, build_dir: Path,
               jobs: int | None = None,
               options: BuildOptions = DEFAULT_BUILD) -> dict[str, Snapshot]:
    """The dashboards under ``paths`` as an incremental build into ``build_dir`` leaves
    them: modules unchanged since the last build are not compiled again."""
    return {b.entry.uid: Snapshot(b.entry.uid, b.entry.title, b.entry.folder, None,
                                  b.entry.source, b.content)
            for b in built_dashboards(paths, root=root, build_dir=build_dir, jobs=jobs,
                                      purpose="see a diff", options=options)}


def from_dir(folder: Path) -> dict[str, Snapshot]:
    """Dashboard JSON files under ``folder``; folders from its manifest, else from the path."""
    if not folder.is_dir():
        raise UserError(f"{folder} is not a directory",
                        hints=("pass the output of an earlier 'dashboards build --out DIR'",))
    manifest = folder / MANIFEST_NAME
    if manifest.is_file():  # a build: uids, titles and folders without parsing every file
        out = {}
        for entry in read_manifest(folder):
            path = folder / entry.path
            if path.is_file():
                out[entry.uid] = Snapshot(entry.uid, entry.title, entry.folder, None,
                                          entry.path, path.read_bytes())
        return out
    out = {}
    for path in sorted(folder.rglob("*.json")):
        rel = path.relative_to(folder).as_posix()
        if path.name == MANIFEST_NAME or path.name.startswith("."):
            continue
        raw = path.read_bytes()
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise UserError(f"{path} is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or not ({"panels", "rows", "title"} & set(data)):
            continue  # not a dashboard (another JSON file kept beside them)
        parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
        # A dashboard without a uid (an export, an old file) is known by its file name.
        uid = str(data.get("uid") or f"(no uid: {rel})")
        out[uid] = Snapshot(uid, str(data.get("title", "")), parent, data, rel, raw)
    return out


def from_git(ref: str, root: Path, build_dir: Path | None = None,
             jobs: int | None = None) -> dict[str, Snapshot]:
    """Compile the dashboards as they are at ``ref``, in a temporary worktree. Modules that
    are the same at ``ref`` as in this checkout's build (``build_dir``) are not compiled
    again: their outputs are carried over."""
    top = _git(root, "rev-parse", "--show-toplevel").strip()
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    if not commit:
        raise UserError(f"{ref!r} is not a commit of this repository",
                        hints=("fetch it first, e.g. git fetch origin main",))
    scratch = Path(tempfile.mkdtemp(prefix="dashkit-base-"))
    tree = scratch / "tree"
    try:
        _git(Path(top), "worktree", "add", "--detach", "--quiet", str(tree), commit)
        base_root = tree / Path(root).resolve().relative_to(Path(top).resolve())
        config = load_config(base_root)
        paths = [p for p in config.dashboard_paths if p.exists()]
        if not paths:
            return {}
        base_build = scratch / "build"
        if build_dir is not None and build_dir.is_dir():
            seed_build(build_dir, Path(root).resolve(), base_build, config.root,
                       config.build_options.fingerprint)
        return from_build(paths, config.root, base_build, jobs, config.build_options)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=top,
                       capture_output=True, check=False)
        shutil.rmtree(scratch, ignore_errors=True)


def _git(cwd: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                                check=False, timeout=120)
    except OSError as exc:
        raise UserError(f"git is needed for --base: {exc}") from None
    if result.returncode != 0 and args[:2] != ("rev-parse", "--verify"):
        raise UserError(f"git {' '.join(args)} failed: {result.stderr.strip()}",
                        hints=("run diff --base inside a git checkout of this project",))
    return result.stdout
