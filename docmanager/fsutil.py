"""Small file-system helpers shared by everything that must survive a crash."""
from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator, Optional

from docmanager.errors import PathLike, RefusedError

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


# ------------------------------------------------------------------ files written under a temporary name
def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux ``/proc``)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it, and set it back at once
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The permissions a plain ``open(path, "w")`` gives a new file: 0666 less the umask."""
    return 0o666 & ~current_umask()


def temporary_beside(target: PathLike, suffix: str = ".partial") -> Path:
    """A new empty file beside ``target`` to write it under (``.STEM.XXXXXXXX`` + ``suffix``), then rename.

    ``tempfile.mkstemp`` makes its files readable by their owner only (0600),
    which the final name would keep; this one has the permissions any other
    written file has (0666 less the umask), so people sharing the folder can
    read it.  An output path that cannot be written raises ``RefusedError``
    (see :func:`writing_output`).
    """
    target = Path(os.fspath(target))
    with writing_output(target):
        handle, partial = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=suffix, dir=str(target.parent))
        try:
            os.fchmod(handle, new_file_mode())
        except OSError:  # a file system without Unix permissions (FAT, some network mounts): nothing to widen
            pass
        finally:
            os.close(handle)
    return Path(partial)


def output_problem(exc: OSError, target: PathLike) -> str:
    """What an ``OSError`` met while writing ``target`` means to the person who chose that path."""
    target = Path(os.fspath(target))
    code = exc.errno
    above = _not_a_folder(target, itself=code in (errno.ENOTDIR, errno.EEXIST))
    if code in (errno.ENOTDIR, errno.EEXIST) or (code == errno.ENOENT and above is not None):
        where = f"{above} is a file, not a folder" if above is not None else "a part of the path is not a folder"
        return f"cannot write here: {where}; choose another file name or folder"
    if code == errno.EISDIR:
        return "cannot write here: that is a folder; give a file name inside it"
    if code in (errno.EACCES, errno.EPERM):
        return "cannot write here: no permission to write in that folder; choose a folder you may write to"
    if code == errno.EROFS:
        return "cannot write here: the disk is read-only; choose a folder on a disk that can be written"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "cannot write here: the disk is full; free some space or choose another disk"
    if code == errno.ENOENT and target.parent.is_dir():
        return f"cannot write here: {target.parent} takes no new files; choose another folder"
    if code == errno.ENOENT:
        return "cannot write here: the folder cannot be created there; choose a folder that exists"
    reason = exc.strerror or str(exc)
    return f"cannot write here ({reason}); choose another place, or fix the folder and try again"


def _not_a_folder(target: Path, itself: bool) -> Optional[Path]:
    """The nearest existing part of ``target``'s path (``target`` too if ``itself``), if it is not a folder."""
    for parent in ([target] if itself else []) + list(target.parents):
        try:
            if parent.exists():
                return None if parent.is_dir() else parent
        except OSError:
            return None
    return None


@contextlib.contextmanager
def writing_output(target: PathLike) -> Iterator[None]:
    """Turn an ``OSError`` raised while writing the output ``target`` into a ``RefusedError`` naming it.

    For the files a person names (``--out FILE``, a pack's folder): a parent
    that is a file, a folder that cannot be made, no permission, a read-only
    or full disk are refusals that say what to do, not crashes.
    """
    try:
        yield
    except OSError as exc:
        raise RefusedError(output_problem(exc, target), os.path.abspath(os.fspath(target))) from exc


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
