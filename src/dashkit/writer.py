"""Files on disk that are never half-written and never rewritten with the same bytes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def holds(path: Path, content: bytes) -> bool:
    """The file exists and holds exactly ``content``."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except FileNotFoundError:
        return False


def write_temp(folder: Path, content: bytes, prefix: str = ".") -> Path:
    """A complete temporary file in ``folder``, ready to be renamed into place, readable
    like any file the user creates (mkstemp alone would make it private)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def move_into_place(tmp: Path, path: Path) -> None:
    """Atomically replace ``path`` with the complete file ``tmp`` (same filesystem)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, path)


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` atomically unless the file already holds exactly these bytes."""
    if holds(path, content):
        return False
    move_into_place(write_temp(path.parent, content, prefix=f".{path.name}."), path)
    return True


def remove_file(path: Path, stop_at: Path) -> None:
    """Delete ``path`` and any folders it leaves empty, up to ``stop_at``."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    parent = path.parent
    while parent != stop_at and stop_at in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent
