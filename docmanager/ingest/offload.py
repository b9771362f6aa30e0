"""Offload: copy cards to one or more destinations, hashed at the source and read back.

``offload(sources, destinations, label)`` copies each source (a card folder or a
single file) into every ``DEST/LABEL/``, keeping the card's folder structure:
``/media/CARD1/PRIVATE/AVCHD/...`` becomes ``DEST/LABEL/CARD1/PRIVATE/AVCHD/...``;
a single file ``/media/x/clip.MTS`` becomes ``DEST/LABEL/clip.MTS``.

A file is read from the source once, in 8 MiB chunks: each chunk updates the
source's xxh64 and is written to a temporary ``.NAME.docmanager-partial`` in
every destination.  Then each temporary file gets the source's mtime, is
fsynced, dropped from the page cache, read back from the disk and hashed again.
Only a copy whose read-back hash equals the source's gets its final name
(``os.replace``, then the folder is fsynced).  So a file under its final name is
always a verified copy, even after a crash or a pulled cable.

Already there.  A destination whose final file has the source's size and mtime
and an xxh64 in that copy's ASC MHL history is trusted and not read again.  A
final file without such a record (left by an interrupted offload, whose MHL was
never written) is re-hashed and kept when it equals the source.  So running the
same offload again finishes an interrupted one without copying verified files
again, and after a complete one copies nothing.  A final file that differs from
the source is never overwritten, except when the history proves it is a damaged
copy of this very source (it is then copied again).

Errors stay per file: an unreadable or vanished source, a source that changes
size while it is read, a full destination, a read-back mismatch: each is put in
the Report with the path and what to do, the temporary file is removed, and the
offload goes on with the other files.  ``cancel`` is checked between chunks;
files verified so far stay and are recorded in the MHL.

Paths are ``str`` with ``surrogateescape`` (what ``os`` gives for names that are
not UTF-8), so such names are copied with their exact bytes.
"""
from __future__ import annotations

import errno
import os
import stat
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional, Sequence

import xxhash

from docmanager.errors import RefusedError, display_path
from docmanager.ingest.mhl import PARTIAL_SUFFIX, CopyHistory, MHLError, RecordedHash, escaped, is_utf8
from docmanager.jobs import Cancelled, CancelToken, Progress, ProgressFn, Report, as_cancel, as_progress
from docmanager.media.hashing import EDGE, quick_hash
from docmanager.fsutil import fsync_dir

CHUNK_SIZE = 8 * 1024 * 1024
# A source folder's own ASC MHL history is not footage: each copy gets a new history.
_SKIPPED_DIRS = frozenset({"ascmhl"})

COPIED = "copied"  # written and read back in this offload
VERIFIED = "verified"  # was already there; re-hashed in this offload and equal to the source
RECORDED = "recorded"  # was already there with the source's size, mtime and xxh64 in its MHL; not read


@dataclass(frozen=True)
class DestinationCopy:
    """One verified copy of a source file."""

    destination: Path  # the DEST given to offload()
    path: Path  # the final path of the copy
    verified_at: Optional[datetime]  # when its bytes were last read back equal to the source (UTC)
    action: str  # COPIED, VERIFIED or RECORDED


@dataclass
class OffloadedFile:
    """A source file with at least one verified copy, ready to be catalogued."""

    source: Path
    relative_path: Path  # below DEST/LABEL, e.g. CARD1/PRIVATE/AVCHD/BDMV/STREAM/00000.MTS
    size: int
    mtime: datetime  # UTC
    mtime_ns: int
    xxh64: str
    quick_hash: Optional[str]  # as docmanager.media.hashing.quick_hash computes it
    copies: list[DestinationCopy] = field(default_factory=list)

    @property
    def copied(self) -> bool:
        return any(c.action == COPIED for c in self.copies)


@dataclass
class OffloadResult:
    """What an offload did: the Report plus every file with its verified copies.

    ``report.done`` lists the sources copied to every destination; ``report.failed``
    each file (source or destination path) that was not, with what to do;
    ``report.data`` holds ``files``, ``bytes``, ``bytes_copied``, ``files_copied``,
    ``mhl`` and ``destinations`` as printable values for the CLI.
    """

    report: Report
    files: list[OffloadedFile] = field(default_factory=list)
    bytes_copied: int = 0  # bytes written under final names in this offload, summed over destinations
    files_copied: int = 0  # copies written in this offload (a file copied to two destinations counts 2)
    mhl: list[Path] = field(default_factory=list)  # the generation files written
    copy_roots: list[Path] = field(default_factory=list)  # DEST/LABEL for each destination
    unrecorded: list[Path] = field(default_factory=list)  # copies verified but not listable in ASC MHL

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def bytes(self) -> int:
        """Total size of the source files that have verified copies."""
        return sum(f.size for f in self.files)


class _SourceError(Exception):
    """The source file cannot be copied; the reason says what to do."""


class _DestError(Exception):
    """One destination cannot take the file; the reason says what to do."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _report_path(path: str | os.PathLike) -> str | bytes:
    """Paths go into the Report as text, or as bytes when the name is not UTF-8."""
    text = os.fspath(path)
    return text if is_utf8(text) else os.fsencode(text)




def _make_dirs(path: str) -> None:
    """Create missing folders one by one, fsyncing each parent so they survive a crash."""
    if os.path.isdir(path):
        return
    parent = os.path.dirname(path)
    if parent and parent != path:
        _make_dirs(parent)
    try:
        os.mkdir(path)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
        return
    fsync_dir(parent)


def _drop_cache(fd: int) -> None:
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass


def _free_bytes(folder: str) -> int:
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _source_reason(exc: OSError) -> str:
    """What went wrong reading a source file, and what to do."""
    code = exc.errno
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ESTALE, errno.ENOTCONN,
                errno.ESHUTDOWN, errno.ENOMEDIUM):
        what = "the file vanished" if code == errno.ENOENT else f"read error ({exc.strerror})"
        return f"{what}: the card was removed while copying; re-insert it and run the same ingest again"
    if code in (errno.EACCES, errno.EPERM):
        return ("permission denied: this file cannot be read; give your user read access to the card "
                "(or fix the file's permissions) and run the same ingest again")
    if code == errno.EISDIR:
        return "is a folder, not a file; give the folder as a source or the files inside it"
    return f"cannot read the file ({exc.strerror}); check the card and run the same ingest again"


def _dest_reason(exc: OSError, destination: str) -> str:
    """What went wrong writing to a destination, and what to do."""
    destination = escaped(destination)
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"destination disk full: free space on {destination} and run the same ingest again"
    if code == errno.EROFS:
        return f"destination is read-only: {destination}; remount it writable and run the same ingest again"
    if code in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOTCONN, errno.ESTALE):
        return (f"write error on {destination} ({exc.strerror}): the drive may have been disconnected; "
                "reconnect it and run the same ingest again")
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied writing to {destination}; fix its permissions and run the same ingest again"
    return f"cannot write to {destination} ({exc.strerror}); run the same ingest again once it is fixed"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


class _QuickHash:
    """Streams quick_hash(): xxh64 of the first MiB and the last MiB (whole file when small)."""

    def __init__(self, size: int):
        self._h = xxhash.xxh64()
        self._tail_start = max(EDGE, size - EDGE) if size > EDGE else size

    def update(self, offset: int, data: memoryview) -> None:
        end = offset + len(data)
        if offset < EDGE:
            self._h.update(data[: min(EDGE, end) - offset])
        if end > self._tail_start:
            self._h.update(data[max(offset, self._tail_start) - offset:])

    def hexdigest(self) -> str:
        return self._h.hexdigest()


class _Meter:
    """Progress in bytes of work (source reads and read-backs), with the current speed."""

    def __init__(self, progress: Progress, total: int):
        self.progress = progress
        self.total = total
        self.done = 0
        self._window: list[tuple[float, int]] = [(time.monotonic(), 0)]

    def speed(self) -> float:
        now = time.monotonic()
        self._window.append((now, self.done))
        while len(self._window) > 2 and now - self._window[1][0] > 2.0:
            self._window.pop(0)
        t0, d0 = self._window[0]
        return (self.done - d0) / (now - t0) if now > t0 else 0.0

    def add(self, n: int, message: str) -> None:
        self.done += n
        speed = self.speed()
        self.progress(self.done, self.total, f"{message} — {_mb(speed)}/s" if speed > 0 else message)

    def set(self, done: int, message: str) -> None:
        self.done = max(self.done, done)
        self.progress(self.done, self.total, message)


@dataclass
class _Item:
    """One source file and where it goes, relative to DEST/LABEL."""

    source: str
    relative: str


@dataclass
class _Unit:
    """A set of files sharing one copy root (and one MHL history) per destination."""

    name: str  # the card folder's name; "" for files offloaded on their own (root DEST/LABEL)
    sources: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    complete: bool = True  # every file of the source is in items (no subset, no listing errors)


class _Target:
    """A destination for one unit: its copy root and MHL history."""

    def __init__(self, destination: Path, label_dir: str, unit: _Unit):
        self.destination = destination
        self.shown = escaped(os.fspath(destination))  # printable even when the name is not UTF-8
        self.root = os.path.join(label_dir, unit.name) if unit.name else label_dir
        self.history: Optional[CopyHistory] = None
        self.error: Optional[str] = None
        self.failed = False
        self.tree_hashes: dict[str, str] = {}

    def final_path(self, item: _Item, unit: _Unit) -> str:
        rel = item.relative.split(os.sep, 1)[1] if unit.name else item.relative
        return os.path.join(self.root, rel)


class _TempCopy:
    """The temporary file a source is written to in one destination until it is verified."""

    def __init__(self, target: _Target, final: str):
        self.target = target
        self.final = final
        folder, name = os.path.split(final)
        self.folder = folder
        self.temp = os.path.join(folder, "." + name + PARTIAL_SUFFIX)
        self.fd: Optional[int] = None
        self.error: Optional[str] = None
        self.readback: Optional[str] = None

    @property
    def live(self) -> bool:
        return self.error is None

    def _dest(self) -> str:
        return os.fspath(self.target.destination)

    def open(self, size: int) -> None:
        try:
            _make_dirs(self.folder)
            self.discard()
            free = _free_bytes(self.folder)
            if size > free:
                raise _DestError(f"destination disk full: {_mb(size)} needed, {_mb(free)} free; free space on "
                                 f"{escaped(self._dest())} and run the same ingest again")
            self.fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            self.fail(_dest_reason(exc, self._dest()))
        except _DestError as exc:
            self.fail(str(exc))

    def write(self, data: memoryview) -> None:
        if self.fd is None:
            return
        try:
            while data:
                n = os.write(self.fd, data)
                data = data[n:]
        except OSError as exc:
            self.fail(_dest_reason(exc, self._dest()))

    def seal(self, atime_ns: int, mtime_ns: int) -> None:
        """Set the source's times, flush to the disk and drop the file from the page cache."""
        if self.fd is None:
            return
        try:
            os.utime(self.fd, ns=(atime_ns, mtime_ns))
            os.fsync(self.fd)
            _drop_cache(self.fd)
            os.close(self.fd)
            self.fd = None
        except OSError as exc:
            self.fail(_dest_reason(exc, self._dest()))

    def fail(self, reason: str) -> None:
        self.error = reason
        self.discard()

    def discard(self) -> None:
        """Close and remove the temporary file (nothing partial may remain)."""
        if self.fd is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None
        try:
            os.unlink(self.temp)
        except FileNotFoundError:
            pass
        except OSError:
            pass

    def promote(self) -> None:
        """Give the verified copy its final name and make the rename durable."""
        try:
            os.replace(self.temp, self.final)
            fsync_dir(self.folder)
        except OSError as exc:
            self.fail(_dest_reason(exc, self._dest()))


class _Offload:
    """One offload run: the plan, the copying and the result."""

    def __init__(self, sources: Sequence[Path], destinations: Sequence[Path], label: str,
                 progress: Progress, cancel: Callable[[], bool], files: Optional[Sequence[Path]],
                 author: Optional[str]):
        self.sources = [os.path.abspath(os.fspath(s)) for s in sources]
        self.destinations = [Path(os.path.abspath(os.fspath(d))) for d in destinations]
        self.label = label
        self.progress = progress
        self.cancel = cancel
        self.files = [os.path.abspath(os.fspath(f)) for f in files] if files is not None else None
        self.author = author
        self.report = Report("Offload")
        self.result = OffloadResult(self.report)
        self.label_dirs = [os.path.join(os.fspath(d), label) for d in self.destinations]
        self.result.copy_roots = [Path(p) for p in self.label_dirs]
        self.buffer = bytearray(CHUNK_SIZE)

    # -- checks and plan ---------------------------------------------------------------------------

    def check_arguments(self) -> None:
        label = self.label
        if not self.sources:
            raise RefusedError("give at least one source (a card folder or a file)")
        if not self.destinations:
            raise RefusedError("give at least one destination to copy to")
        if (not label or label in (".", "..") or "/" in label or "\0" in label
                or label.endswith(PARTIAL_SUFFIX)):
            raise RefusedError(f"the label {label!r} cannot be a folder name; use letters, digits, - or _")
        seen: set[str] = set()
        for dest in self.destinations:
            path = os.fspath(dest)
            if not os.path.isdir(path):
                raise RefusedError("the destination does not exist or is not a folder (is the drive connected "
                                   "and mounted?)", path)
            real = os.path.realpath(path)
            if real in seen:
                raise RefusedError("the same destination is given twice", path)
            seen.add(real)
            copy_root = os.path.join(real, label)
            for src in self.sources:
                src_real = os.path.realpath(src)
                if os.path.isdir(src_real) and (self._inside(copy_root, src_real) or
                                                self._inside(src_real, copy_root)):
                    raise RefusedError(f"the destination {path} and the source {src} overlap; "
                                       "copy to a folder outside the card", path)

    @staticmethod
    def _inside(path: str, folder: str) -> bool:
        return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)

    def _fail(self, path: str | os.PathLike, reason: str) -> None:
        self.report.fail(_report_path(path), reason)

    def plan(self) -> list[_Unit]:
        """Group the files to copy by copy root, in the order the sources were given."""
        units: dict[str, _Unit] = {}
        wanted = set(self.files) if self.files is not None else None
        claimed: set[str] = set()
        for source in dict.fromkeys(self.sources):
            try:
                st = os.stat(source)
            except OSError as exc:
                self._fail(source, "the source is not there: is the card inserted and mounted? "
                           f"({exc.strerror})")
                continue
            name = os.path.basename(source.rstrip(os.sep)) or "root"
            if stat.S_ISDIR(st.st_mode):
                if name in units:
                    self._fail(source, f"another source is also named {name!r}; offload it with another --label")
                    continue
                unit = units[name] = _Unit(name, [source])
                self._list_card(source, unit, wanted, claimed)
            else:
                unit = units.setdefault("", _Unit(""))
                unit.sources.append(source)
                if wanted is not None and source not in wanted:
                    unit.complete = False
                    continue
                claimed.add(source)
                if any(item.relative == name for item in unit.items):
                    self._fail(source, f"another source file is also named {name!r}; offload it with "
                               "another --label")
                    continue
                unit.items.append(_Item(source, name))
        loose = units.get("")
        if loose is not None:
            for item in list(loose.items):
                if item.relative in units:
                    self._fail(item.source, f"a card folder is also named {item.relative!r}; offload this "
                               "file with another --label")
                    loose.items.remove(item)
        if wanted is not None:
            for path in sorted(wanted - claimed):
                try:
                    mode = os.lstat(path).st_mode
                except OSError as exc:
                    self._fail(path, _source_reason(exc))
                    continue
                if not any(self._inside(path, s) for s in self.sources):
                    self._fail(path, "is not inside any of the sources given")
                elif stat.S_ISREG(mode):
                    self._fail(path, "is part of the source's own ASC MHL history or a temporary DocManager "
                               "file; it is not copied")
                else:
                    self._fail(path, f"is {_kind(mode)}, not a regular file; only regular files are copied")
        return [u for u in units.values() if u.items or u.name]

    def _list_card(self, top: str, unit: _Unit, wanted: Optional[set[str]], claimed: set[str]) -> None:
        """Every regular file under a card folder (or the wanted ones), in a stable order."""
        parent = os.path.dirname(top.rstrip(os.sep))

        def on_error(exc: OSError) -> None:
            unit.complete = False
            self._fail(exc.filename or top, _source_reason(exc))

        for folder, dirs, names in os.walk(top, onerror=on_error):
            dirs.sort()
            for d in list(dirs):
                path = os.path.join(folder, d)
                if d in _SKIPPED_DIRS:
                    dirs.remove(d)
                    self.report.data.setdefault("skipped", []).append(
                        {"path": display_path(path), "reason": "the source's own ASC MHL history is not copied; "
                         "each copy gets a new one"})
                elif os.path.islink(path):
                    dirs.remove(d)
                    if wanted is None:
                        unit.complete = False
                        self._fail(path, "is a symbolic link to a folder; it is not followed — give its target "
                                   "as a source if it holds footage")
            for n in sorted(names):
                path = os.path.join(folder, n)
                if n.endswith(PARTIAL_SUFFIX):
                    continue
                if wanted is not None:
                    if path not in wanted:
                        unit.complete = False
                        continue
                    claimed.add(path)
                try:
                    mode = os.lstat(path).st_mode
                except OSError as exc:
                    unit.complete = False
                    self._fail(path, _source_reason(exc))
                    continue
                if not stat.S_ISREG(mode):
                    unit.complete = False
                    self._fail(path, f"is {_kind(mode)}, not a regular file; only regular files are copied")
                    continue
                unit.items.append(_Item(path, os.path.relpath(path, parent)))

    # -- running -----------------------------------------------------------------------------------

    def run(self) -> OffloadResult:
        self.check_arguments()
        units = self.plan()
        sizes: dict[str, int] = {}
        for unit in units:
            for item in unit.items:
                try:
                    sizes[item.source] = os.stat(item.source).st_size
                except OSError:
                    sizes[item.source] = 0
        per_byte = 1 + len(self.destinations)
        self.meter = _Meter(self.progress, sum(sizes.values()) * per_byte)
        self.count = sum(len(u.items) for u in units)
        self.index = 0
        try:
            for unit in units:
                self.run_unit(unit, sizes, per_byte)
        except Cancelled:
            self.report.cancelled = True
        self.report.data.update({
            "files": len(self.result.files),
            "bytes": self.result.bytes,
            "bytes_copied": self.result.bytes_copied,
            "files_copied": self.result.files_copied,
            "mhl": [str(p) for p in self.result.mhl],
            "destinations": [str(p) for p in self.result.copy_roots],
        })
        if not self.report.cancelled:
            self.meter.set(self.meter.total, self.report.summary())
        return self.result

    def run_unit(self, unit: _Unit, sizes: dict[str, int], per_byte: int) -> None:
        targets = [_Target(dest, label_dir, unit) for dest, label_dir in zip(self.destinations, self.label_dirs)]
        for target in targets:
            self.open_target(target)
        cancelled = False
        try:
            for item in unit.items:
                if self.cancel():
                    raise Cancelled()
                self.index += 1
                start = self.meter.done
                self.copy_item(item, unit, targets)
                self.meter.set(start + sizes[item.source] * per_byte,
                               f"Done {self.display(item)} ({self.index}/{self.count} files)")
        except Cancelled:
            cancelled = True
            raise
        finally:
            for target in targets:
                self.close_target(target, unit, complete=unit.complete and not cancelled and not target.failed)

    def display(self, item: _Item) -> str:
        return escaped(item.relative)

    def open_target(self, target: _Target) -> None:
        """Load the copy root's history and remove temporary files left by an interrupted offload."""
        try:
            if os.path.isdir(target.root):
                removed = 0
                for folder, _dirs, names in os.walk(target.root):
                    for n in names:
                        if n.endswith(PARTIAL_SUFFIX):
                            os.unlink(os.path.join(folder, n))
                            removed += 1
                if removed:
                    self.report.data["removed_partials"] = self.report.data.get("removed_partials", 0) + removed
            target.history = CopyHistory(target.root)
        except MHLError as exc:
            target.error = exc.message
            target.failed = True
            self._fail(exc.path or target.root, exc.message)
        except OSError as exc:
            target.error = _dest_reason(exc, os.fspath(target.destination))
            target.failed = True
            self._fail(target.root, target.error)

    def close_target(self, target: _Target, unit: _Unit, complete: bool) -> None:
        """Write the copy root's new MHL generation (when this offload copied or re-hashed anything)."""
        if target.history is None or not target.history.pending:
            return
        source = ", ".join(unit.sources)
        comment = f"offload of {source} with label {self.label}"
        try:
            written = target.history.commit(comment=escaped(comment), author=self.author,
                                            tree_hashes=target.tree_hashes if complete else None)
        except MHLError as exc:
            self._fail(exc.path or target.root, exc.message)
            return
        self.result.mhl.extend(written)

    # -- one file ----------------------------------------------------------------------------------

    def copy_item(self, item: _Item, unit: _Unit, targets: list[_Target]) -> None:
        try:
            st = os.lstat(item.source)
        except OSError as exc:
            self._fail(item.source, _source_reason(exc))
            return
        if not stat.S_ISREG(st.st_mode):
            self._fail(item.source, f"is {_kind(st.st_mode)}, not a regular file; only regular files are copied")
            return
        size = st.st_size
        name = self.display(item)
        finals = {id(t): t.final_path(item, unit) for t in targets}
        records = {id(t): t.history.recorded(finals[id(t)]) for t in targets if t.history is not None}

        # What each destination already holds.
        known: list[_Target] = []  # right size and mtime, xxh64 in its MHL: trusted without reading
        check: list[_Target] = []  # a final file of the right size without that record: re-hash it
        write: list[_Target] = []  # no final file, or a damaged copy of this file: write a new copy
        for t in targets:
            if t.error is not None:
                continue
            final, record = finals[id(t)], records.get(id(t))
            try:
                fst = os.lstat(final)
            except FileNotFoundError:
                write.append(t)
                continue
            except OSError as exc:
                self.dest_failed(t, final, _dest_reason(exc, os.fspath(t.destination)))
                continue
            if not stat.S_ISREG(fst.st_mode):
                self.dest_failed(t, final, f"{_kind(fst.st_mode)} is in the way of the copy; move it away and "
                                 "run the same ingest again")
            elif fst.st_size != size:
                if record is None:
                    self.dest_failed(t, final, self.conflict_reason(t, None))
                else:
                    write.append(t)  # replaced only if the source matches the record (a damaged copy)
            elif fst.st_mtime_ns == st.st_mtime_ns and record is not None and record.size in (None, size):
                known.append(t)
            else:
                check.append(t)
        if len({records[id(t)].xxh64 for t in known}) > 1:  # recorded with different hashes: look closer
            check.extend(known)
            known = []
        done: list[tuple[_Target, DestinationCopy]] = []

        if known and not check and not write:
            record = records[id(known[0])]
            try:
                qh: Optional[str] = quick_hash(finals[id(known[0])], size)
            except OSError:
                qh = None
            for t in known:
                done.append((t, self.recorded_copy(t, finals[id(t)], records[id(t)])))
            self.meter.add(0, f"Already offloaded: {name} ({self.index}/{self.count} files)")
            self.finish_item(item, st, record.xxh64, qh, done)
            return
        if not known and not check and not write:
            return

        # Re-hash final files that may already be good copies (left by an interrupted offload).
        existing: dict[int, str] = {}
        for t in check:
            try:
                existing[id(t)] = self.hash_file(finals[id(t)], f"Checking the copy of {name} already on "
                                                 f"{t.shown}")
            except OSError as exc:
                self.dest_failed(t, finals[id(t)], _dest_reason(exc, os.fspath(t.destination)))

        temps = [_TempCopy(t, finals[id(t)]) for t in write]
        try:
            source_hash, qh = self.copy_pass(item, st, temps, name)
        except _SourceError as exc:
            self._fail(item.source, str(exc))
            return

        for temp in temps:
            copy = self.settle(temp, records.get(id(temp.target)), source_hash, size)
            if copy is not None:
                done.append((temp.target, copy))
        repairs: list[_Target] = []
        for t in check:
            if id(t) not in existing:
                continue
            record = records.get(id(t))
            if existing[id(t)] == source_hash and (record is None or record.xxh64 == source_hash):
                done.append((t, DestinationCopy(t.destination, Path(finals[id(t)]), _now(), VERIFIED)))
            elif record is not None and record.xxh64 == source_hash:
                repairs.append(t)  # its history proves it was this file: the copy got damaged
            else:
                self.dest_failed(t, finals[id(t)], self.conflict_reason(t, record))
        for t in known:
            record = records[id(t)]
            if record.xxh64 == source_hash:
                done.append((t, self.recorded_copy(t, finals[id(t)], record)))
            else:
                self.dest_failed(t, finals[id(t)], self.conflict_reason(t, record))

        if repairs:
            temps = [_TempCopy(t, finals[id(t)]) for t in repairs]
            try:
                again, _ = self.copy_pass(item, st, temps, name)
            except _SourceError as exc:
                for t in repairs:
                    self.dest_failed(t, finals[id(t)], str(exc))
                temps, again = [], None
            for temp in temps:
                if again != source_hash:
                    temp.discard()
                    self.dest_failed(temp.target, temp.final, "the source changed between two readings; make "
                                     "sure nothing writes to the card and run the same ingest again")
                    continue
                copy = self.settle(temp, records.get(id(temp.target)), source_hash, size)
                if copy is not None:
                    done.append((temp.target, copy))
        if done:
            self.finish_item(item, st, source_hash, qh, done)

    def settle(self, temp: _TempCopy, record: Optional[RecordedHash], source_hash: str,
               size: int) -> Optional[DestinationCopy]:
        """Give a read-back copy its final name, or say why not (and remove it)."""
        t = temp.target
        if temp.error is None and temp.readback != source_hash:
            temp.fail(f"the copy read back from {t.shown} differs from the source (the disk, cable or "
                      "memory corrupted it); run the same ingest again, and check that drive if it happens again")
        elif temp.error is None and record is not None and record.xxh64 != source_hash:
            temp.fail(self.conflict_reason(t, record))
        elif temp.error is None and record is None and os.path.lexists(temp.final):
            temp.fail(self.conflict_reason(t, None))
        elif temp.error is None:
            temp.promote()
        if temp.error is not None:
            self.dest_failed(t, temp.final, temp.error)
            return None
        self.result.bytes_copied += size
        self.result.files_copied += 1
        return DestinationCopy(t.destination, Path(temp.final), _now(), COPIED)

    @staticmethod
    def recorded_copy(target: _Target, final: str, record: RecordedHash) -> DestinationCopy:
        at = record.hashed_at.astimezone(timezone.utc) if record.hashed_at else None
        return DestinationCopy(target.destination, Path(final), at, RECORDED)

    def conflict_reason(self, target: _Target, record: Optional[RecordedHash]) -> str:
        if record is not None:
            why = f"its ASC MHL history records another file at this path (xxh64 {record.xxh64})"
        else:
            why = "a different file already has this name there"
        return (f"not copied to {target.shown}: {why}, and it is never overwritten; offload this card "
                "with another --label, or move that file away and run the same ingest again")

    def dest_failed(self, target: _Target, final: str, reason: str) -> None:
        target.failed = True
        self._fail(final, reason)

    def finish_item(self, item: _Item, st: os.stat_result, xxh64: str, qh: Optional[str],
                    done: list[tuple[_Target, DestinationCopy]]) -> None:
        mtime = datetime.fromtimestamp(st.st_mtime_ns / 1e9, tz=timezone.utc)
        entry = OffloadedFile(Path(item.source), Path(item.relative), st.st_size, mtime, st.st_mtime_ns, xxh64, qh)
        for target, copy in sorted(done, key=lambda tc: self.destinations.index(tc[0].destination)):
            entry.copies.append(copy)
            target.tree_hashes[os.fspath(copy.path)] = xxh64
            if copy.action != RECORDED and target.history is not None:
                hashed_at = copy.verified_at or _now()
                if not target.history.add(copy.path, size=st.st_size, mtime=mtime, xxh64=xxh64,
                                          hashed_at=hashed_at, copied=copy.action == COPIED):
                    self.result.unrecorded.append(copy.path)
        self.result.files.append(entry)
        if len(entry.copies) == len(self.destinations):
            self.report.done.append(display_path(item.source))

    # -- reading and writing -----------------------------------------------------------------------

    def hash_file(self, path: str, message: str) -> str:
        """xxh64 of a file read from the disk (not the page cache), with progress and cancel."""
        h = xxhash.xxh64()
        view = memoryview(self.buffer)
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            _drop_cache(fd)
            with open(fd, "rb", buffering=0, closefd=False) as fh:
                while True:
                    if self.cancel():
                        raise Cancelled()
                    n = fh.readinto(view)
                    if not n:
                        break
                    h.update(view[:n])
                    self.meter.add(n, message)
            _drop_cache(fd)
        finally:
            os.close(fd)
        return h.hexdigest()

    def copy_pass(self, item: _Item, st: os.stat_result, temps: list[_TempCopy], name: str) -> tuple[str, str]:
        """Read the source once: hash it and write it to every temporary copy; then read each back.

        Raises _SourceError when the source cannot be read whole; every temporary
        file is removed then, and on Cancelled.  Destination errors are kept on
        each _TempCopy (``error``) so the other destinations go on.
        """
        try:
            try:
                fd = os.open(item.source, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise _SourceError("is a symbolic link, not a regular file; only regular files are copied")
                raise _SourceError(_source_reason(exc)) from exc
            try:
                start = os.fstat(fd)
                if not stat.S_ISREG(start.st_mode):
                    raise _SourceError(f"is {_kind(start.st_mode)}, not a regular file; only regular files "
                                       "are copied")
                size = start.st_size
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
                except OSError:
                    pass
                for temp in temps:
                    temp.open(size)
                h = xxhash.xxh64()
                quick = _QuickHash(size)
                view = memoryview(self.buffer)
                offset = 0
                copying = f"Copying {name} ({self.index}/{self.count} files)"
                with open(fd, "rb", buffering=0, closefd=False) as fh:
                    while True:
                        if self.cancel():
                            raise Cancelled()
                        try:
                            n = fh.readinto(view)
                        except OSError as exc:
                            raise _SourceError(_source_reason(exc)) from exc
                        if not n:
                            break
                        chunk = view[:n]
                        h.update(chunk)
                        quick.update(offset, chunk)
                        for temp in temps:
                            if temp.live:
                                temp.write(chunk)
                        offset += n
                        if offset > size:
                            raise _SourceError(
                                f"the file grew while it was being copied (more than {size} bytes); wait until "
                                "the camera or program writing it is done and run the same ingest again")
                        self.meter.add(n, copying)
                try:
                    end = os.fstat(fd)
                except OSError as exc:
                    raise _SourceError(_source_reason(exc)) from exc
                if offset < size or end.st_size != size:
                    raise _SourceError(
                        f"the file got shorter while it was being copied (read {offset} of {size} bytes): the "
                        "card was removed while copying; re-insert it and run the same ingest again")
                if end.st_mtime_ns != start.st_mtime_ns:
                    raise _SourceError("the file changed while it was being copied; make sure nothing writes to "
                                       "the card and run the same ingest again")
                _drop_cache(fd)
            finally:
                os.close(fd)
            source_hash = h.hexdigest()
            for temp in temps:
                if temp.live:
                    temp.seal(start.st_atime_ns, start.st_mtime_ns)
            for temp in temps:
                if temp.live:
                    try:
                        temp.readback = self.hash_file(temp.temp, f"Verifying {name} on {temp.target.shown}")
                    except OSError as exc:
                        temp.fail(_dest_reason(exc, os.fspath(temp.target.destination)))
            return source_hash, quick.hexdigest()
        except BaseException:
            for temp in temps:
                temp.discard()
            raise


def offload(sources: list[Path], destinations: list[Path], label: str, *,
            progress: Optional[ProgressFn | Progress] = None,
            cancel: Optional[CancelToken | Callable[[], bool]] = None,
            files: Optional[list[Path]] = None, author: Optional[str] = None) -> OffloadResult:
    """Copy every source into ``DEST/LABEL/`` of every destination, verified, with ASC MHL histories.

    ``sources`` are card folders or single files; ``files`` (all under the
    sources) limits the copy to those files.  ``progress(done, total, message)``
    counts bytes read (source and read-backs); ``cancel`` is checked between
    chunks.  ``author`` is written in the MHL as who made the offload.

    Returns an :class:`OffloadResult`; its ``report`` lists each failed file with
    its path and what to do.  Raises ``RefusedError`` for unusable arguments
    (no source, a destination that is not a folder, a label that is not a name,
    a destination inside a source).
    """
    job = _Offload(sources, destinations, label, as_progress(progress), as_cancel(cancel), files, author)
    return job.run()
