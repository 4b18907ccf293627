"""Files on disk that are never half-written and never rewritten with the same bytes."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no locking, as before
    fcntl = None  # type: ignore[assignment]

_SERIAL = itertools.count()


def holds(path: Path, content: bytes) -> bool:
    """The file exists and holds exactly ``content``."""
    return held_stat(path, content) is not None


def held_stat(path: Path, content: bytes) -> os.stat_result | None:
    """The file's stat if it exists and holds exactly ``content``, else None."""
    try:
        stat = path.stat()
        if stat.st_size == len(content) and path.read_bytes() == content:
            return stat
    except FileNotFoundError:
        pass
    return None


def write_temp(folder: Path, content: bytes, prefix: str = ".") -> Path:
    """A complete temporary file in ``folder``, ready to be renamed into place, readable
    like any file the user creates (mkstemp alone would make it private)."""
    made = False
    while True:
        tmp = folder / f"{prefix}{os.getpid()}-{next(_SERIAL)}.tmp"
        try:
            # O_EXCL: never write through a file left by someone else; 0o666 less the
            # umask, like any file the user creates.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
        except FileNotFoundError:
            if made:
                raise
            folder.mkdir(parents=True, exist_ok=True)  # only when missing: one call less
            made = True
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def move_into_place(tmp: str | Path, path: str | Path, made: set[str] | None = None) -> None:
    """Atomically replace ``path`` with the complete file ``tmp`` (same filesystem).

    ``made`` remembers folders that exist already, to spare a call per file."""
    folder = os.path.dirname(path)
    if made is None or folder not in made:
        os.makedirs(folder, exist_ok=True)
        if made is not None:
            made.add(folder)
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


class FolderBusy(Exception):
    """Another process holds the folder's lock."""


@contextlib.contextmanager
def folder_lock(folder: Path, name: str) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (through the file ``name`` in it) for the block.

    Raises FolderBusy at once if another process holds it. The lock goes with the process,
    so a crashed holder never leaves the folder locked."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / name, "a+b") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise FolderBusy(str(folder)) from None
        yield
