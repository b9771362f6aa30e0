"""Ingest: find clips under sources, optionally offload them verified, catalogue them.

``ingest(project, sources, copy_to=[...])`` is the job behind ``docmanager
ingest`` and the app's Ingest window:

1. scan the sources (AVCHD cards through their playlists, other media by file);
2. with destinations, copy each source into ``DEST/LABEL/`` (hash at the source,
   read back from every destination, ASC MHL history in each copy); the
   catalogue then points at the first destination;
3. for each clip: identify its files by content (size + first/last MiB, then
   the full xxh64), skip clips already catalogued, read its metadata (for
   AVCHD from the playlist and the camera's MDPM data, else with MediaInfo),
   join a spanned take's files into one file in the project's media folder,
   and add it in its own short transaction;
4. make a poster frame and a filmstrip for each new clip.

Bad input never stops the job: each failed file is in the Report with its
path and the reason, and everything else is ingested.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from fractions import Fraction
from typing import TYPE_CHECKING, Callable, Optional, Sequence

import xxhash
from sqlalchemy import select

from docmanager.catalogue.clips import set_clips
from docmanager.catalogue.people import find_shoot, find_subject
from docmanager.catalogue.register import (FileSpec, add_clip, add_media_file, clip_fields, readable_name,
                                          stored_path)
from docmanager.catalogue.roots import locate, store_at
from docmanager.db.models import ClipFile, Offload, Volume
from docmanager.errors import DocManagerError, MediaReadError, RefusedError
from docmanager.ingest.scan import Candidate, scan_sources
from docmanager.jobs import Cancelled, Report, as_cancel, as_progress
from docmanager.media.hashing import quick_hash, xxh64_file
from docmanager.media.mdpm import read_mdpm
from docmanager.media.probe import MediaInfo, probe

if TYPE_CHECKING:
    from docmanager.project import Project

JOIN_CHUNK = 8 * 1024 * 1024


class _Phases:
    """Maps each phase's own progress onto one bar (scan, copy, catalogue, posters)."""

    def __init__(self, progress, weights: dict[str, float]):
        self.progress = progress
        total = sum(weights.values()) or 1.0
        self.spans: dict[str, tuple[float, float]] = {}
        start = 0.0
        for name, weight in weights.items():
            self.spans[name] = (start, weight / total)
            start += weight / total

    def phase(self, name: str) -> Callable[[float, float, str], None]:
        start, width = self.spans.get(name, (0.0, 0.0))

        def report(done: float, total: float, message: str = "") -> None:
            frac = (done / total) if total else 0.0
            self.progress(round(1000 * (start + width * min(1.0, frac))), 1000, message)
        return report


@dataclass
class _Located:
    """A candidate's files where the catalogue will point, with their identity."""

    paths: list[str]
    specs: list[FileSpec]
    sources: list[str]


def default_label(sources: Sequence) -> str:
    """A label for the copies: the first source folder's name (a card's own name)."""
    first = os.path.abspath(os.fsdecode(sources[0])) if sources else "ingest"
    name = os.path.basename(first.rstrip(os.sep)) or "card"
    if os.path.isfile(first):
        name = os.path.basename(os.path.dirname(first)) or "files"
    return name.replace("/", "_") or "card"


def ingest(project: "Project", sources: Sequence, *, copy_to: Sequence = (), subjects: Sequence[str] = (),
           shoot: Optional[str] = None, label: Optional[str] = None, posters: bool = True,
           progress=None, cancel=None) -> Report:
    """Ingest ``sources``; see the module docstring. Report data follows CLI.md's ingest JSON."""
    progress, cancel = as_progress(progress), as_cancel(cancel)
    report = Report("Ingest")
    sources = [os.path.abspath(os.fsdecode(s)) for s in sources]
    if not sources:
        raise RefusedError("give at least one source: a card, a folder or a media file")
    with project.session() as s:  # refuse unknown names before touching anything
        for name in subjects:
            find_subject(s, name)
        if shoot:
            find_shoot(s, shoot)
    label = label or default_label(sources)
    phases = _Phases(progress, {"scan": 1, "copy": 12 if copy_to else 0, "catalogue": 6, "posters": 1 if posters
                                else 0})
    data = {"clips_added": [], "clips_known": [], "files": 0, "bytes": 0, "mhl": [], "destinations": []}
    report.data.update(data)

    phases.phase("scan")(0, 1, "Looking for clips")
    scan = scan_sources(sources, cancel=cancel)
    for path, reason in scan.failed:
        report.fail(path, reason)
    if cancel():
        report.cancelled = True
        return report

    copies: dict[str, dict] = {}
    offload_id: Optional[int] = None
    if copy_to:
        from docmanager.ingest.offload import offload

        existing = [s for s in sources if os.path.exists(s)]
        result = offload([os.fsdecode(s) for s in existing], [os.fsdecode(d) for d in copy_to], label,
                         progress=phases.phase("copy"), cancel=cancel, author=project.user)
        known_failed = {f.path for f in report.failed}
        for failure in result.report.failed:
            if failure.path not in known_failed:
                report.failed.append(failure)
        report.data["mhl"] = [str(p) for p in result.mhl]
        report.data["destinations"] = [str(p) for p in result.copy_roots]
        report.data["files_copied"] = result.files_copied
        report.data["bytes_copied"] = result.bytes_copied
        for f in result.files:
            first = next((c for c in f.copies if os.fspath(c.destination) == os.path.abspath(os.fsdecode(copy_to[0]))),
                         f.copies[0] if f.copies else None)
            if first is None or first.verified_at is None:
                continue
            copies[os.fspath(f.source)] = {"path": os.fspath(first.path), "size": f.size, "xxh64": f.xxh64,
                                           "quick": f.quick_hash, "mtime": f.mtime}
        offload_id = _record_offload(project, sources, result)
        if result.report.cancelled or cancel():
            report.cancelled = True
            return report

    # Problems found in a copy are reported at the file on the card, where they came from.
    source_of = {c["path"]: src for src, c in copies.items()}
    volumes = _volumes(project, sources, scan, label, bool(copy_to))
    catalogue = phases.phase("catalogue")
    total = len(scan.candidates) or 1
    for i, cand in enumerate(scan.candidates):
        if cancel():
            report.cancelled = True
            break
        catalogue(i, total, f"Cataloguing {os.path.basename(cand.files[0])}")
        try:
            located = _locate(cand, copies, bool(copy_to), cancel)
            if located is None:
                continue  # its copy failed; the failure is in the report already
            known = _known_clip(project, located)
            if known is not None:
                report.data["clips_known"].append(known)
                continue
            clip_id = _add_candidate(
                project, cand, located, volumes.get(cand.source), offload_id, label)
        except Cancelled:
            report.cancelled = True
            break
        except MediaReadError as exc:
            report.fail(source_of.get(exc.path, exc.path or cand.files[0]), exc.reason)
            continue
        except DocManagerError as exc:
            report.fail(source_of.get(exc.path, exc.path or cand.files[0]), exc.message)
            continue
        except OSError as exc:
            path = os.fsdecode(exc.filename) if exc.filename else cand.files[0]
            report.fail(source_of.get(path, path), f"cannot be read ({exc.strerror}); check the card or drive "
                                                   "and try again")
            continue
        report.data["clips_added"].append(clip_id)
        report.data["files"] += len(located.paths)
        report.data["bytes"] += sum(spec.size for spec in located.specs)
        report.done.append(clip_id)
    catalogue(total, total, "Catalogued")

    added = report.data["clips_added"]
    if added and (subjects or shoot):
        set_clips(project, added, add_subjects=subjects, **({"shoot": shoot} if shoot else {}))
    if posters and added and not report.cancelled:
        from docmanager.media.derived import make_thumbnails

        thumbs = make_thumbnails(project, added, progress=phases.phase("posters"), cancel=cancel)
        # A clip without a picture is still catalogued: a warning, not a failure.
        report.data["warnings"] = [f.to_json() for f in thumbs.failed]
        report.cancelled = report.cancelled or thumbs.cancelled
    progress(1000, 1000, report.summary())
    return report


# ------------------------------------------------------------------ helpers
def _locate(cand: Candidate, copies: dict[str, dict], copied: bool, cancel) -> Optional[_Located]:
    paths, specs = [], []
    for src in cand.files:
        if copied:
            c = copies.get(src)
            if c is None:
                return None
            paths.append(c["path"])
            specs.append(FileSpec(path=c["path"], size=c["size"], mtime=c["mtime"], xxh64=c["xxh64"],
                                  quick_hash=c["quick"] or quick_hash(c["path"], c["size"])))
        else:
            st = os.stat(src)
            if st.st_size == 0:
                raise MediaReadError(src, "the file is empty (0 bytes); it was not catalogued")
            paths.append(src)
            specs.append(FileSpec(path=src, size=st.st_size,
                                  mtime=datetime.fromtimestamp(st.st_mtime, timezone.utc),
                                  xxh64=xxh64_file(src, cancel=cancel), quick_hash=quick_hash(src, st.st_size)))
    return _Located(paths, specs, list(cand.files))


def _known_clip(project: "Project", located: _Located) -> Optional[int]:
    """The id of a catalogued clip with exactly these files (by content), else None.

    A known file whose catalogued path is gone while this one exists (the same
    card mounted elsewhere, a moved archive) is pointed at the new path.  A
    file under a media root not mapped on this machine is left as it is: its
    path is right where the root is mapped.
    """
    from docmanager.catalogue.register import find_media_file

    def _find(s):
        found = []
        for spec in located.specs:
            mf = find_media_file(s, spec)
            if mf is None:
                return None
            found.append(mf)
        clip_ids = {cf.clip_id for cf in s.scalars(select(ClipFile).where(
            ClipFile.media_file_id.in_([mf.id for mf in found])))}
        for cid in clip_ids:
            order = [cf.media_file_id for cf in s.scalars(select(ClipFile).where(ClipFile.clip_id == cid)
                                                           .order_by(ClipFile.position))]
            if order == [mf.id for mf in found]:
                for mf, path in zip(found, located.paths):
                    here = locate(mf).path
                    if here is not None and not os.path.exists(here) and os.path.exists(path):
                        store_at(s, mf, path)
                        mf.state = "online"
                return cid
        return None

    return project.write(_find)


def _rate_and_frames(duration: Fraction, rate: Fraction) -> int:
    return round(duration * rate)


def _fields_for(cand: Candidate, first_file: str) -> tuple[dict, MediaInfo]:
    info = probe(first_file)
    fields = clip_fields(info)
    take = cand.take
    if take is not None:
        rate = take.frame_rate or (Fraction(info.frame_rate) if info.frame_rate else Fraction(25))
        fields.update(rate_num=rate.numerator, rate_den=rate.denominator,
                      duration_frames=_rate_and_frames(take.duration, rate))
        if take.interlaced is not None:
            fields["scan"] = "interlaced" if take.interlaced else "progressive"
            if take.interlaced and not fields.get("field_order"):
                fields["field_order"] = "tff"
        if take.video is not None and take.video.height and not fields.get("height"):
            fields["height"] = take.video.height
        mdpm = take.mdpm
    elif os.path.splitext(first_file)[1].lower() in (".mts", ".m2ts", ".ts"):
        try:
            mdpm = read_mdpm(first_file)
        except MediaReadError:
            mdpm = None
    else:
        mdpm = None
    if mdpm is not None:
        if mdpm.recorded_at is not None:
            fields.update(recorded_at=mdpm.recorded_at.isoformat(), recorded_at_source="mdpm")
        if mdpm.make or mdpm.model:
            fields.update(camera_make=mdpm.make or fields.get("camera_make"),
                          camera_model=mdpm.model or fields.get("camera_model"))
        if mdpm.timecode:
            fields["timecode_start"] = mdpm.timecode
    return fields, info


def _add_candidate(project: "Project", cand: Candidate, located: _Located, volume_id: Optional[int],
                   offload_id: Optional[int], label: str) -> int:
    fields, info = _fields_for(cand, located.paths[0])
    joined: Optional[FileSpec] = None
    if cand.spanned:
        joined = _join(project, located, label)

    def _add(s) -> int:
        volume = s.get(Volume, volume_id) if volume_id else None
        mfs = []
        for spec, source in zip(located.specs, located.sources):
            from docmanager.catalogue.register import find_media_file

            mf = find_media_file(s, spec) or add_media_file(s, spec, volume)
            if offload_id and mf.offload_id is None:
                mf.offload_id = offload_id
            if mf.source_path is None and source != os.fsdecode(spec.path):
                mf.source_path = stored_path(source)[0]
            mfs.append(mf)
        clip = add_clip(s, cand.name, fields, mfs)
        if joined is not None:
            clip.joined_file = add_media_file(s, joined)
        return clip.id

    return project.write(_add)


def _join(project: "Project", located: _Located, label: str) -> FileSpec:
    """Byte-concatenate a spanned take into one file (avchd.md §3), verified by hash."""
    folder = project.media_dir / "joined"
    folder.mkdir(exist_ok=True)
    first = os.path.splitext(os.path.basename(located.paths[0]))[0]
    last = os.path.splitext(os.path.basename(located.paths[-1]))[0]
    safe_label = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in label)
    target = folder / f"{safe_label}-{first}-{last}.MTS"
    expected = sum(spec.size for spec in located.specs)
    if target.exists() and target.stat().st_size == expected:
        digest = xxh64_file(target)
        if digest == _concat_digest(located.paths):
            return FileSpec(path=str(target), size=expected, mtime=None, xxh64=digest,
                            quick_hash=quick_hash(target, expected))
    partial = target.with_name(target.name + ".partial")
    h = xxhash.xxh64()
    try:
        with open(partial, "wb") as out:
            for path in located.paths:
                with open(path, "rb") as src:
                    while chunk := src.read(JOIN_CHUNK):
                        h.update(chunk)
                        out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if partial.stat().st_size != expected:
            raise MediaReadError(located.paths[0], "the joined file came out the wrong size; the files changed "
                                                   "while they were read")
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()
    return FileSpec(path=str(target), size=expected, mtime=datetime.now(timezone.utc), xxh64=h.hexdigest(),
                    quick_hash=quick_hash(target, expected))


def _concat_digest(paths: list[str]) -> str:
    h = xxhash.xxh64()
    for path in paths:
        with open(path, "rb") as src:
            while chunk := src.read(JOIN_CHUNK):
                h.update(chunk)
    return h.hexdigest()


def _volumes(project: "Project", sources: list[str], scan, label: str, copied: bool) -> dict[str, int]:
    """One Volume per source (a card or a folder); the same card seen again is the same volume."""
    out: dict[str, int] = {}
    for source in sources:
        if not os.path.exists(source):
            continue
        files = scan.all_files.get(source, [])
        fingerprint = _source_fingerprint(files)
        is_card = any(c for c in scan.cards if os.fsdecode(c.root).startswith(source))

        def _get(s, source=source, fingerprint=fingerprint, is_card=is_card) -> int:
            vol = s.scalars(select(Volume).where(Volume.fingerprint == fingerprint)).first() if fingerprint else None
            if vol is None:
                # The label is text in the catalogue: a folder or file name that is not UTF-8 is shown
                # as a person reads it (the source path keeps its exact bytes).
                shown = label if copied else os.path.basename(source) or label
                vol = Volume(label=readable_name(shown),
                             kind="card" if is_card else ("file" if os.path.isfile(source) else "folder"),
                             source_path=stored_path(source)[0], fingerprint=fingerprint)
                s.add(vol)
                s.flush()
            return vol.id
        out[source] = project.write(_get)
    return out


def _source_fingerprint(files: list[str]) -> Optional[str]:
    """A card's identity from its content: sizes and the quick hashes of its media files."""
    h = xxhash.xxh64()
    count = 0
    for path in sorted(files):
        try:
            size = os.stat(path).st_size
            h.update(f"{size}:".encode())
            h.update(quick_hash(path, size).encode())
            count += 1
        except OSError:
            continue
    return h.hexdigest() if count else None


def _record_offload(project: "Project", sources: list[str], result) -> int:
    def _add(s) -> int:
        off = Offload(source_path=", ".join(stored_path(src)[0] for src in sources),
                      destinations=[str(p) for p in result.copy_roots], mhl_paths=[str(p) for p in result.mhl],
                      files=len(result.files), bytes=sum(f.size for f in result.files),
                      finished_at=datetime.now(timezone.utc), user=project.user)
        s.add(off)
        s.flush()
        return off.id
    return project.write(_add)
