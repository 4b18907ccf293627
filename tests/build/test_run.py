"""dashboards build: one file per dashboard, a manifest, incremental, and nothing lost on errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import WriteModule, plain_module

from dashkit.build.run import build


def run(project: Path, jobs: int = 1, **kwargs: object) -> object:
    return build([project / "dashboards"], project / "build", root=project, jobs=jobs,
                 **kwargs)  # type: ignore[arg-type]


def test_writes_one_file_per_dashboard_by_folder_and_a_manifest(
        project: Path, write_module: WriteModule) -> None:
    write_module("a.dashboard.py", plain_module("alpha"))
    write_module("b.dashboard.py", plain_module("beta"))
    report = run(project)
    assert report.ok
    assert sorted(p.relative_to(project / "build").as_posix()
                  for p in (project / "build").rglob("*.json")
                  if not p.name.startswith(".")) == [
        "Team/Sub/alpha.json", "Team/Sub/beta.json", "manifest.json"]
    manifest = json.loads((project / "build/manifest.json").read_text())
    entry = manifest["dashboards"][0]
    assert entry["uid"] == "alpha" and entry["folder"] == "Team/Sub"
    assert entry["source"] == "dashboards/a.dashboard.py"
    assert entry["checksum"].startswith("sha256:") and entry["panel_count"] == 2
    content = (project / "build/Team/Sub/alpha.json").read_text()
    assert content.endswith("}\n") and '\n  "annotations"' in content


def test_a_second_build_imports_nothing_and_rewrites_nothing(
        project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    write_module("b.py", plain_module("beta"))
    run(project)
    mtime = (project / "build/Team/Sub/alpha.json").stat().st_mtime_ns
    again = run(project)
    assert again.ok and again.compiled_modules == 0 and again.written == []
    assert (project / "build/Team/Sub/alpha.json").stat().st_mtime_ns == mtime


def test_one_changed_module_is_the_only_one_compiled_and_written(
        project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    write_module("b.py", plain_module("beta"))
    run(project)
    write_module("a.py", plain_module("alpha", title="Alpha renamed"))
    report = run(project)
    assert report.compiled_modules == 1 and report.written == ["Team/Sub/alpha.json"]


def test_a_change_to_an_imported_helper_rebuilds_its_importers(
        project: Path, write_module: WriteModule) -> None:
    write_module("_shared.py", "TITLE = 'One'\n")
    write_module("a.py", "from _shared import TITLE\n" + plain_module("alpha").replace(
        "title='Alpha'", "title=TITLE"))
    write_module("b.py", plain_module("beta"))
    run(project)
    write_module("_shared.py", "TITLE = 'Two'\n")
    report = run(project)
    assert report.compiled_modules == 1 and report.written == ["Team/Sub/alpha.json"]
    data = json.loads((project / "build/Team/Sub/alpha.json").read_text())
    assert data["title"] == "Two"


def test_a_hand_edited_output_is_rewritten(project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    run(project)
    target = project / "build/Team/Sub/alpha.json"
    good = target.read_bytes()
    target.write_text("{}\n")
    assert run(project).written == ["Team/Sub/alpha.json"]
    assert target.read_bytes() == good


def test_removed_module_removes_its_output(project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    gone = write_module("b.py", plain_module("beta"))
    run(project)
    gone.unlink()
    report = run(project)
    assert report.removed == ["Team/Sub/beta.json"]
    assert not (project / "build/Team/Sub/beta.json").exists()


def test_a_failing_module_keeps_its_previous_output_and_others_still_build(
        project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    write_module("b.py", plain_module("beta"))
    run(project)
    write_module("a.py", "this is not python\n")
    write_module("b.py", plain_module("beta", title="Beta 2"))
    report = run(project)
    assert not report.ok
    assert report.written == ["Team/Sub/beta.json"]
    assert (project / "build/Team/Sub/alpha.json").exists()
    manifest = json.loads((project / "build/manifest.json").read_text())
    assert {e["uid"]: e.get("stale", False) for e in manifest["dashboards"]} == {
        "alpha": True, "beta": False}
    assert not list((project / "build").rglob("*.tmp"))


def test_order_of_discovery_and_parallelism_do_not_change_bytes(
        project: Path, write_module: WriteModule, tmp_path_factory: object) -> None:
    for i in range(20):
        write_module(f"m{i:02}.py", plain_module(f"d{i:02}"))
    serial = build([project / "dashboards"], project / "serial", root=project, jobs=1)
    parallel = build(sorted((project / "dashboards").glob("*.py"), reverse=True),
                     project / "parallel", root=project, jobs=2)
    assert serial.ok and parallel.ok
    for path in (project / "serial").rglob("*.json"):
        if path.name.startswith("."):
            continue
        assert path.read_bytes() == (project / "parallel" / path.relative_to(
            project / "serial")).read_bytes()


def test_building_one_module_leaves_the_others_outputs_alone(
        project: Path, write_module: WriteModule) -> None:
    a = write_module("a.py", plain_module("alpha"))
    write_module("b.py", plain_module("beta"))
    run(project)
    write_module("a.py", plain_module("alpha", title="Alpha 2"))
    report = build([a], project / "build", root=project, jobs=1)
    assert report.ok and report.written == ["Team/Sub/alpha.json"] and report.removed == []
    assert (project / "build/Team/Sub/beta.json").exists()
    manifest = json.loads((project / "build/manifest.json").read_text())
    assert sorted(e["uid"] for e in manifest["dashboards"]) == ["alpha", "beta"]
    assert run(project).compiled_modules == 0  # the full build still finds everything cached


def test_outputs_are_readable_like_any_file_the_user_writes(
        project: Path, write_module: WriteModule) -> None:
    import os
    write_module("a.py", plain_module("alpha"))
    run(project)
    umask = os.umask(0)
    os.umask(umask)
    mode = (project / "build/Team/Sub/alpha.json").stat().st_mode & 0o777
    assert mode == 0o666 & ~umask


def test_parallel_work_is_cut_into_shrinking_chunks_that_cover_every_module() -> None:
    from dashkit.build.modules import _chunks
    chunks = _chunks(1000, jobs=2)
    assert [item for chunk in chunks for item in chunk] == list(range(1000))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes[0] == 16 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)


def test_a_module_that_became_unreadable_is_reported_and_its_output_kept(
        project: Path, write_module: WriteModule, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_module("a.py", plain_module("alpha")).resolve()
    run(project)
    real = Path.read_bytes

    def unreadable(self: Path) -> bytes:  # what chmod 0 does, also when tests run as root
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    report = run(project)
    assert not report.ok
    assert report.errors[0].summary == "cannot be read: Permission denied"
    assert (project / "build/Team/Sub/alpha.json").exists()


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_runs(
        project: Path, write_module: WriteModule) -> None:
    import subprocess
    import sys

    from dashkit.problems import UserError
    write_module("a.py", plain_module("alpha"))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom pathlib import Path\n"
        "from dashkit.build.run import LOCK_NAME\nfrom dashkit.build.writer import folder_lock\n"
        "with folder_lock(Path(sys.argv[1]), LOCK_NAME):\n"
        "    print('held', flush=True)\n    time.sleep(30)\n"), str(project / "build")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(UserError) as refused:
            run(project)
        assert "another dashboards command is building into" in str(refused.value.problem)
        assert not (project / "build/Team").exists()  # nothing written meanwhile
    finally:
        holder.kill()
        holder.wait()
    assert run(project).ok  # the lock went with the process
