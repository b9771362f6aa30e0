"""Small file-system helpers shared by everything that must survive a crash."""
from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path
from typing import Iterable, Optional

log = logging.getLogger(__name__)


def fsync_dir(path, strict: bool = True) -> None:
    """Flush a folder's entries (a rename or a new file in it) to the disk.

    With ``strict=False`` a file system that cannot do it (some network or
    FAT mounts) is tolerated: the data itself was fsynced already.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        if strict:
            raise
        return
    try:
        os.fsync(fd)
    except OSError:
        if strict:
            raise
    finally:
        os.close(fd)


# ------------------------------------------------------------------ temporary files left by killed jobs
#: A temporary file is only removed once nothing has written to it for this long: a younger one may
#: belong to a job still running in another DocManager (on this machine or on another one sharing the
#: folder), and a running job writes to its temporary file all the time.
STALE_AFTER_S = 300.0

#: The project folders whose temporary files are looked at when the project opens (not media/: it may
#: hold the archive itself, and ingest cleans its own copies).
PROJECT_PARTIAL_FOLDERS = ("backups", "proxies", "exports")

# ``NAME.partial`` (backups, proxies, joined takes), ``.NAME.XXXXXXXX.partial`` (exports),
# ``.NAME.docmanager-partial`` (offloads), SQLite's journal beside a backup being written
# (``NAME.partial-journal``), and ``.NAME.XXXXXXXX.partial.EXT`` (hidden encoder outputs).
_PARTIAL_NAME = re.compile(r"(?:.+\.(?:docmanager-)?partial(?:-journal|-wal|-shm)?|\..+\.partial\.[A-Za-z0-9]{1,5})",
                           re.DOTALL)


def is_partial_name(name: str) -> bool:
    """Whether a file name is one DocManager gives a file while it is being written."""
    return _PARTIAL_NAME.fullmatch(name) is not None


def open_by_a_process(paths: Iterable[str]) -> set[str]:
    """Those of ``paths`` that some process on this machine has open (from ``/proc``).

    Only the processes this user may look into are seen, and nothing where
    there is no ``/proc`` (macOS, Windows); the age rule covers the rest.  The
    links are read, never followed, so a file on a hung network mount cannot
    block the look.
    """
    wanted = {os.path.realpath(p): p for p in paths}
    found: set[str] = set()
    if not wanted:
        return found
    try:
        pids = [d for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return found
    for pid in pids:
        fd_dir = f"/proc/{pid}/fd"
        try:
            fds = os.listdir(fd_dir)
        except OSError:  # gone, or another user's
            continue
        for fd in fds:
            try:
                target = os.readlink(f"{fd_dir}/{fd}")
            except OSError:
                continue
            if target in wanted:
                found.add(wanted[target])
        if len(found) == len(wanted):
            break
    return found


def remove_stale_partials(folder, pattern: Optional[str] = None, *, older_than: float = STALE_AFTER_S,
                          depth: int = 0, now: Optional[float] = None) -> list[Path]:
    """Remove the temporary files in ``folder`` that a killed job left behind; return what was removed.

    A file is removed when its name is a temporary one (``pattern``, a regular
    expression the whole name must match, or any name :func:`is_partial_name`
    knows), nothing has written to it for ``older_than`` seconds, and no
    process on this machine has it open.  Sub-folders are looked into down to
    ``depth`` levels.  Nothing here raises: a folder that cannot be read or a
    file that cannot be removed is logged and left.
    """
    match = re.compile(pattern, re.DOTALL).fullmatch if pattern is not None else _PARTIAL_NAME.fullmatch
    now = time.time() if now is None else now
    candidates: list[tuple[str, float]] = []
    folders = [(os.fspath(folder), depth)]
    while folders:
        current, left = folders.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if left > 0:
                                folders.append((entry.path, left - 1))
                        elif match(entry.name) and entry.is_file(follow_symlinks=False):
                            mtime = entry.stat(follow_symlinks=False).st_mtime
                            if now - mtime >= older_than:
                                candidates.append((entry.path, mtime))
                    except OSError:
                        continue
        except OSError as exc:
            if not isinstance(exc, FileNotFoundError):
                log.warning("could not look for temporary files in %s: %s", current, exc)
    if not candidates:
        return []
    busy = open_by_a_process(path for path, _ in candidates)
    removed = []
    for path, mtime in candidates:
        if path in busy:
            log.info("left %s: a running process still has it open", path)
            continue
        try:
            os.unlink(path)
        except FileNotFoundError:
            continue  # another DocManager removed it first
        except OSError as exc:
            log.warning("could not remove the temporary file %s: %s", path, exc)
            continue
        log.info("removed %s, a temporary file left by a job that did not finish (last written %.0f minutes ago)",
                 path, (now - mtime) / 60)
        removed.append(Path(path))
    return removed


def remove_stale_partials_in_project(root) -> list[Path]:
    """Temporary files that killed jobs left in a project's own folders (backups, proxies, exports)."""
    removed: list[Path] = []
    for name in PROJECT_PARTIAL_FOLDERS:
        removed += remove_stale_partials(os.path.join(os.fspath(root), name), depth=2)
    return removed
