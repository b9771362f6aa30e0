"""Verify catalogued files against their hashes, and relink offline ones by content.

``verify`` re-reads every catalogued file and compares its xxh64 with the one
recorded at ingest: silent corruption (a laptop that flips bits) shows up as
``changed``, a file that is gone as ``offline``.  It also re-reads the other
copies an offload made of each file (the same path below every other
destination's ``DEST/LABEL``): a damaged or missing backup copy is listed, a
copy on a destination that is not connected now is listed as not checked, and
a damaged working copy gets the path of an intact copy to restore it from.
``relink`` finds offline files
under a folder by their content (size, then the first and last MiB, then the
full hash), never by name: AVCHD names such as ``00001.MTS`` repeat on every
card.  A file that could be one of several is listed, not guessed.

:func:`file_path` is how every reader gets a catalogued file's real path on
this machine, whether it is kept absolute or relative to a named media root
(``docmanager.catalogue.roots``).  A file under a root this machine has no
folder for is offline here: ``verify`` marks it so and names the root and the
command that maps it; ``relink`` leaves it alone (its path is right, only this
machine does not know where the root is).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Optional

from sqlalchemy import select

from docmanager.catalogue.roots import locate, store_at, unmapped_message
from docmanager.db.models import MediaFile, Offload
from docmanager.jobs import Cancelled, Report, as_cancel, as_progress
from docmanager.media.hashing import quick_hash, xxh64_file

if TYPE_CHECKING:
    from docmanager.project import Project


@dataclass(frozen=True)
class FileRef:
    id: int
    path: str  # as the file system takes it (surrogate-escaped when not UTF-8); shown form when unmapped
    size: int
    xxh64: Optional[str]
    quick_hash: Optional[str]
    state: str
    unmapped_root: Optional[str] = None  # the root this machine has no folder for
    copies: tuple["CopyRef", ...] = ()  # the other copies its offload made


@dataclass(frozen=True)
class CopyRef:
    """Another copy of a catalogued file, made by the same offload on another destination."""

    path: str  # DEST/LABEL/... on that destination
    root: str  # that destination's DEST/LABEL: when it is not there, the destination is not connected


def _under(path: str, folder: str) -> Optional[str]:
    """``path`` relative to ``folder``, or None when it is not inside it."""
    prefix = folder.rstrip(os.sep) + os.sep
    return path[len(prefix):] if path.startswith(prefix) and len(path) > len(prefix) else None


def _copies(mf: MediaFile, here: Optional[str], offload: Optional[Offload]) -> tuple[CopyRef, ...]:
    """The other copies of ``mf`` its offload made, from the destinations the offload recorded.

    Each destination holds the file at the same path below its ``DEST/LABEL``.
    That path is found from the working copy when it is still under one of the
    destinations, else (a relinked or moved working copy) from the file's path
    on the card below the offloaded source.
    """
    if offload is None or not offload.destinations:
        return ()
    roots = [os.path.abspath(str(d)) for d in offload.destinations]
    if here is not None:
        for root in roots:
            rel = _under(os.path.abspath(here), root)
            if rel is not None:
                return tuple(CopyRef(os.path.join(r, rel), r) for r in roots if r != root)
    source = mf.source_path
    if not source:
        return ()
    for src in sorted(str(offload.source_path or "").split(", "), key=len, reverse=True):
        if not src:
            continue
        rel = _under(source, src)
        rel = os.path.join(os.path.basename(src), rel) if rel is not None else (
            os.path.basename(src) if source == src else None)
        if rel is not None:
            return tuple(CopyRef(os.path.join(r, rel), r) for r in roots
                         if here is None or os.path.abspath(here) != os.path.join(r, rel))
    return ()


def file_path(mf: MediaFile) -> str:
    """The file's real path on this machine, as the file system wants it (exact bytes for non-UTF-8 names).

    Resolved through its media root when it has one; raises
    ``docmanager.catalogue.roots.UnmappedRootError`` (a ``MediaReadError``)
    when that root is not mapped on this machine.
    """
    return locate(mf).require()


def _refs(project: "Project", only_ids=None, with_copies: bool = False) -> list[FileRef]:
    with project.session() as s:
        stmt = select(MediaFile).order_by(MediaFile.id)
        if only_ids is not None:
            stmt = stmt.where(MediaFile.id.in_(list(only_ids)))
        offloads = {o.id: o for o in s.scalars(select(Offload))} if with_copies else {}
        refs = []
        for mf in s.scalars(stmt):
            where = locate(mf)
            copies = _copies(mf, where.path, offloads.get(mf.offload_id)) if mf.offload_id in offloads else ()
            refs.append(FileRef(mf.id, where.shown, mf.size, mf.xxh64, mf.quick_hash, mf.state,
                                where.root if where.path is None else None, copies))
        return refs


def _set_state(project: "Project", file_id: int, state: str, ok: Optional[bool], moved_to=None, **extra) -> None:
    def _apply(s):
        mf = s.get(MediaFile, file_id)
        if mf is None:
            return
        if moved_to is not None:
            store_at(s, mf, moved_to)
        mf.state = state
        now = datetime.now(timezone.utc)
        mf.checked_at = now
        mf.check_ok = ok
        if ok:
            mf.verified_at = now
        for key, value in extra.items():
            setattr(mf, key, value)
    project.write(_apply)


def _check(path: str, size: int, xxh64: Optional[str], progress, cancel) -> tuple[str, Optional[str], str]:
    """Re-read one file: (``ok``, ``changed``, ``missing`` or ``unreadable``, its xxh64, why unreadable).

    ``progress(bytes_read)`` after each chunk; raises Cancelled.
    """
    try:
        found = os.stat(path).st_size
    except FileNotFoundError:
        return "missing", None, ""
    except OSError as exc:
        return "unreadable", None, f"cannot be read ({exc.strerror}); check the drive and permissions"
    try:
        digest = xxh64_file(path, progress=progress, cancel=cancel)
    except OSError as exc:
        return "unreadable", None, f"could not be read to the end ({exc.strerror}); the drive may be failing"
    if found != size or (xxh64 is not None and digest != xxh64):
        return "changed", digest, ""
    return "ok", digest, ""


def verify(project: "Project", file_ids=None, progress=None, cancel=None) -> Report:
    """Re-hash catalogued files and the other copies their offloads made.

    ``data``: checked, ok, missing, changed (paths of catalogued files, as
    before); unmapped_roots; copies (``{"path", "state", "of", "destination"}``
    for every other copy; state ok, changed, missing, not_connected or
    unreadable; destination is that copy's DEST/LABEL); damaged
    (``{"path", "state", "good_copy"}`` for every changed or missing
    catalogued file, with an intact copy's path or None).
    """
    progress, cancel = as_progress(progress), as_cancel(cancel)
    report = Report("Verify")
    refs = _refs(project, file_ids, with_copies=True)
    total = sum(r.size * (1 + len(r.copies)) for r in refs) or 1
    done = 0
    ok: list[str] = []
    missing: list[str] = []
    changed: list[str] = []
    unmapped: dict[str, int] = {}
    copies: list[dict] = []
    damaged: list[dict] = []

    def reader(message: str):
        base = done
        return lambda n: progress(min(base + n, total), total, message)

    try:
        for ref in refs:
            if cancel():
                raise Cancelled()
            name = os.path.basename(ref.path)
            progress(done, total, f"Verifying {name}")
            state, digest = None, None
            if ref.unmapped_root is not None:  # not reachable here until the root is mapped
                # Listed, but the shared state is left alone: the file is fine on the machines that
                # mapped the root, and one laptop without the archive must not mark it offline for all.
                missing.append(ref.path)
                unmapped[ref.unmapped_root] = unmapped.get(ref.unmapped_root, 0) + 1
            else:
                state, digest, why = _check(ref.path, ref.size, ref.xxh64, reader(f"Verifying {name}"), cancel)
                if state == "missing":
                    missing.append(ref.path)
                    _set_state(project, ref.id, "offline", None)
                elif state == "unreadable":
                    report.fail(ref.path, why)
                elif state == "changed":
                    changed.append(ref.path)
                    _set_state(project, ref.id, "changed", False)
                else:
                    ok.append(ref.path)
                    _set_state(project, ref.id, "online", True, **({} if ref.xxh64 else {"xxh64": digest}))
            done += ref.size
            # The other copies: compared with the catalogued hash (or the working copy's, when none was kept).
            expected = ref.xxh64 or (digest if state == "ok" else None)
            good = None
            for copy in ref.copies:
                if cancel():
                    raise Cancelled()
                where = os.path.dirname(copy.root) or copy.root
                message = f"Verifying the copy of {name} on {where}"
                progress(done, total, message)
                if not os.path.isdir(copy.root):
                    cstate = "not_connected"
                else:
                    cstate, _, why = _check(copy.path, ref.size, expected, reader(message), cancel)
                    if cstate == "unreadable":
                        if not os.path.isdir(copy.root):  # the drive went away while it was read
                            cstate = "not_connected"
                        else:
                            report.fail(copy.path, why)
                done += ref.size
                if cstate == "ok" and expected is not None and good is None:
                    good = copy.path
                copies.append({"path": copy.path, "state": cstate, "of": ref.path, "destination": copy.root})
            if state in ("changed", "missing"):
                damaged.append({"path": ref.path, "state": state, "good_copy": good})
    except Cancelled:
        report.cancelled = True
    progress(total, total, "Verified")
    report.done = ok
    report.data.update(checked=len(ok) + len(changed) + len(missing), ok=len(ok), missing=missing, changed=changed,
                       unmapped_roots=[{"root": name, "files": count, "message": unmapped_message(name)}
                                       for name, count in sorted(unmapped.items())],
                       copies=copies, damaged=damaged)
    return report


def relink(project: "Project", folder, progress=None, cancel=None) -> Report:
    """Reconnect offline files found under ``folder`` by their content.

    ``data``: relinked (count), ambiguous (list of {file, candidates}), still_offline.
    """
    progress, cancel = as_progress(progress), as_cancel(cancel)
    report = Report("Relink")
    top = os.path.abspath(os.fsdecode(folder))
    if not os.path.isdir(top):
        from docmanager.errors import RefusedError

        raise RefusedError("no such folder; check the path and that the drive is mounted", top)
    # A file under a root not mapped here is not lost: mapping the root finds it (`docmanager roots set`).
    refs = [r for r in _refs(project)
            if r.unmapped_root is None and (r.state == "offline" or not os.path.exists(r.path))]
    by_size: dict[int, list[FileRef]] = {}
    for r in refs:
        by_size.setdefault(r.size, []).append(r)
    found: dict[int, list[str]] = {r.id: [] for r in refs}
    files = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                size = os.stat(path).st_size
            except OSError:
                continue
            if size in by_size:
                files.append((path, size))
    total = len(files) or 1
    try:
        for i, (path, size) in enumerate(files):
            if cancel():
                raise Cancelled()
            progress(i, total, f"Looking at {os.path.basename(path)}")
            try:
                quick = quick_hash(path, size)
            except OSError as exc:
                report.fail(path, f"cannot be read ({exc.strerror})")
                continue
            matches = [r for r in by_size[size] if r.quick_hash == quick]
            if not matches:
                continue
            full = None
            for r in matches:
                if r.xxh64 is not None:
                    full = full or xxh64_file(path, cancel=cancel)
                    if full != r.xxh64:
                        continue
                found[r.id].append(path)
    except Cancelled:
        report.cancelled = True
    # A found file claimed by several catalogued files is as ambiguous as a file found twice.
    claims: dict[str, list[int]] = {}
    for fid, paths in found.items():
        for p in paths:
            claims.setdefault(p, []).append(fid)
    ambiguous = []
    relinked = 0
    by_id = {r.id: r for r in refs}
    for fid, paths in found.items():
        if not paths:
            continue
        if len(paths) > 1 or len(claims[paths[0]]) > 1:
            ambiguous.append({"file": by_id[fid].path, "file_id": fid, "candidates": sorted(set(paths))})
            continue
        _set_state(project, fid, "online", True, moved_to=paths[0])
        relinked += 1
        report.done.append(paths[0])
    progress(total, total, "Relinked")
    still = sum(1 for fid in found if fid not in {int(x["file_id"]) for x in ambiguous}
                and not found[fid])
    report.data.update(relinked=relinked, ambiguous=ambiguous, still_offline=still + len(ambiguous))
    return report
