"""Jobs that make derived media for catalogued clips: posters, filmstrips, proxies.

Each job follows the jobs seam (``fn(project, ..., progress, cancel) ->
Report``): it reads what it needs in one short read session, works clip by
clip without holding a session open, checks ``cancel`` between clips (and
ffmpeg is stopped within a twentieth of a second while it runs), stores each
result on its clip in a short transaction of its own, and carries on past a
clip whose media is offline or unreadable, naming the file and the reason.

Files, in the project folder::

    thumbnails/clip-<id>.jpg         poster frame (320 px wide)
    thumbnails/clip-<id>-strip.jpg   filmstrip (10 frames of 90 px height)
    proxies/clip-<id>.mp4            960×540 progressive H.264 proxy

What a clip is read from: the joined file of a spanned AVCHD take when it is
there (the whole take in one file), else the take's own files (several
files are read as one stream with ffmpeg's ``concat:`` protocol, exactly
what the joined file holds), else its single file.

:func:`playable_path` tells the player what to open: the proxy when there is
one on disk, else the joined file, else the first file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, List, Optional, Sequence, Tuple, Union

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from docmanager.db.models import Clip, ClipFile
from docmanager.errors import DocManagerError, MediaReadError, NotFoundError
from docmanager.catalogue.roots import locate
from docmanager.ingest.verify import file_path
from docmanager.jobs import Cancelled, CancelToken, Progress, ProgressFn, Report, as_cancel, as_progress
from docmanager.media.proxies import make_proxy
from docmanager.media.thumbs import make_filmstrip, make_poster, poster_time

if TYPE_CHECKING:
    from docmanager.project import Project

__all__ = [
    "ClipMedia",
    "filmstrip_file",
    "make_proxies",
    "make_thumbnails",
    "playable_path",
    "poster_file",
    "proxy_file",
]

#: Suffixes of MPEG transport streams: files of a spanned take in one of these
#: are parts of one byte stream and can be read as one with ``concat:``.
_STREAM_SUFFIXES = frozenset({".mts", ".m2ts", ".ts", ".m2t", ".tod"})
#: ``progress(done, total, message)``, plain or already throttled.
ProgressArg = Optional[Union[ProgressFn, Progress]]
#: A cancel token, or any callable returning True once the user cancelled.
CancelArg = Optional[Union[CancelToken, Callable[[], bool]]]
#: Clip ids per ``IN (...)`` query (well under SQLite's limit on parameters).
_IDS_PER_QUERY = 500


def poster_file(project: "Project", clip_id: int) -> Path:
    """Where a clip's poster frame goes."""
    return project.thumbnails_dir / f"clip-{clip_id}.jpg"


def filmstrip_file(project: "Project", clip_id: int) -> Path:
    """Where a clip's filmstrip goes."""
    return project.thumbnails_dir / f"clip-{clip_id}-strip.jpg"


def proxy_file(project: "Project", clip_id: int) -> Path:
    """Where a clip's proxy goes."""
    return project.proxies_dir / f"clip-{clip_id}.mp4"


@dataclass(frozen=True)
class ClipMedia:
    """What a job needs to know about one clip, read once, used without a session.

    ``joined`` is the joined file's path (or ``None``); ``files`` are the
    take's own files in order, as the file system wants them.  A file under a
    media root not mapped on this machine is there in its shown form
    (``[Archive A]/…``), with the reason in ``unmapped``.
    """

    id: int
    name: str
    seconds: float
    interlaced: bool
    joined: Optional[str]
    files: Tuple[str, ...]
    poster_path: Optional[str]
    filmstrip_path: Optional[str]
    proxy_path: Optional[str]
    unmapped: Tuple[Tuple[str, str], ...] = ()

    @property
    def shown_path(self) -> Optional[str]:
        """The file a message about this clip names when nothing more precise is known."""
        return self.joined or (self.files[0] if self.files else None)

    def source(self) -> Tuple[str, str]:
        """What ffmpeg should read for the whole take, and the file an error about it names.

        Raises :class:`MediaReadError` naming the missing file when the
        clip's media is offline, and for a clip without files.
        """
        unmapped = dict(self.unmapped)
        if self.joined is not None and self.joined not in unmapped and os.path.isfile(self.joined):
            return self.joined, self.joined
        if not self.files:
            if self.joined is not None:
                raise MediaReadError(self.joined, unmapped.get(self.joined, _OFFLINE))
            raise DocManagerError(f"clip {self.id} has no media file in the catalogue")
        missing = next((f for f in self.files if f in unmapped or not os.path.isfile(f)), None)
        if missing is not None:  # the camera original is what the user must bring back
            raise MediaReadError(missing, unmapped.get(missing, _OFFLINE))
        if len(self.files) == 1:
            return self.files[0], self.files[0]
        if all(os.path.splitext(f)[1].lower() in _STREAM_SUFFIXES and "|" not in f for f in self.files):
            return "concat:" + "|".join(self.files), self.files[0]
        raise MediaReadError(self.files[0], "the take is spanned over several files that cannot be read as "
                                            "one stream; ingest the card again to join them")


_OFFLINE = "the file is offline (not found); reconnect its drive or relink it, then try again"


def _clip_media(clip: Clip) -> ClipMedia:
    seconds = float(Fraction(clip.duration_frames * clip.rate_den, clip.rate_num)) if clip.rate_num else 0.0
    joined = locate(clip.joined_file) if clip.joined_file is not None else None
    files = [locate(cf.media_file) for cf in clip.files]
    return ClipMedia(
        id=clip.id,
        name=clip.name,
        seconds=seconds,
        interlaced=clip.scan == "interlaced",
        joined=joined.shown if joined is not None else None,
        files=tuple(f.shown for f in files),
        poster_path=clip.poster_path,
        filmstrip_path=clip.filmstrip_path,
        proxy_path=clip.proxy_path,
        unmapped=tuple((f.shown, f.problem) for f in [joined, *files] if f is not None and f.path is None),
    )


def _load(project: "Project", clip_ids: Optional[Iterable[int]], report: Report) -> List[ClipMedia]:
    """The clips asked for, in the order asked (all clips by id when ``None``)."""
    with project.session() as s:
        stmt = select(Clip).options(
            selectinload(Clip.files).selectinload(ClipFile.media_file),
            selectinload(Clip.joined_file),
        )
        if clip_ids is None:
            return [_clip_media(c) for c in s.scalars(stmt.order_by(Clip.id))]
        wanted = list(dict.fromkeys(int(i) for i in clip_ids))
        found: dict[int, ClipMedia] = {}
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start:start + _IDS_PER_QUERY]
            found.update((c.id, _clip_media(c)) for c in s.scalars(stmt.where(Clip.id.in_(chunk))))
    for clip_id in wanted:
        if clip_id not in found:
            report.fail(None, f"clip {clip_id} is not in the catalogue")
    return [found[i] for i in wanted if i in found]


def _have(path: Optional[str]) -> bool:
    return bool(path) and os.path.isfile(path)


def _store(project: "Project", clip_id: int, **paths: str) -> None:
    """Record derived file paths on a clip in one short transaction."""
    def _set(s: Session) -> None:
        clip = s.get(Clip, clip_id)
        if clip is None:
            raise NotFoundError(f"clip {clip_id} was deleted while its media was being made")
        for key, value in paths.items():
            setattr(clip, key, value)
    project.write(_set)


def _error_path(exc: DocManagerError, fallback: Optional[str]) -> Optional[str]:
    """The path a failure names: the error's own, unless it is a ``concat:`` list."""
    if exc.path and not exc.path.startswith("concat:"):
        return exc.path
    return fallback


# --------------------------------------------------------------------------- thumbnails


def make_thumbnails(project: "Project", clip_ids: Optional[Sequence[int]] = None, *, posters: bool = True,
                    filmstrips: bool = True, force: bool = False, progress: ProgressArg = None,
                    cancel: CancelArg = None) -> Report:
    """Make poster frames and filmstrips for clips that lack them (all asked for with ``force``).

    A clip lacks one when no path is recorded or the recorded file is gone.
    ``progress`` counts images; ``report.done`` and ``report.data["clips"]``
    list the clips that got everything asked for, ``data["skipped"]`` those
    that needed nothing, ``data["posters"]`` / ``data["filmstrips"]`` count
    the images made.  A clip whose media is offline or unreadable is a
    failure with its path and the reason; the job goes on with the next.
    """
    progress, cancel = as_progress(progress), as_cancel(cancel)
    report = Report("Thumbnails")
    report.data.update({"clips": [], "skipped": [], "posters": 0, "filmstrips": 0})
    clips = _load(project, clip_ids, report)
    work: List[Tuple[ClipMedia, bool, bool]] = []
    for clip in clips:
        poster = posters and (force or not _have(clip.poster_path))
        strip = filmstrips and (force or not _have(clip.filmstrip_path))
        if poster or strip:
            work.append((clip, poster, strip))
        else:
            report.data["skipped"].append(clip.id)
    total = sum(int(p) + int(s) for _, p, s in work)
    before = 0  # images of the clips already handled
    progress(0, total, "Making thumbnails")
    for clip, want_poster, want_strip in work:
        if cancel():
            report.cancelled = True
            break
        message = f"Thumbnails for {clip.name}"
        progress(before, total, message)
        made: dict = {}
        ok = True
        shown = clip.shown_path
        try:
            source, shown = clip.source()
            if want_poster:
                made["poster_path"] = str(make_poster(
                    source, poster_file(project, clip.id), poster_time(clip.seconds),
                    interlaced=clip.interlaced, cancel=cancel))
                report.data["posters"] += 1
                progress(before + 1, total, message)
            if want_strip:
                if clip.seconds <= 0:
                    raise DocManagerError("the clip's duration is unknown, so no filmstrip can be made; "
                                          "ingest it again", shown)
                made["filmstrip_path"] = str(make_filmstrip(
                    source, filmstrip_file(project, clip.id), clip.seconds,
                    interlaced=clip.interlaced, cancel=cancel))
                report.data["filmstrips"] += 1
        except Cancelled:
            report.cancelled = True
        except DocManagerError as exc:
            ok = False
            report.fail(_error_path(exc, shown), exc.message)
        if made:  # keep what was made, even when the other image failed or the job stops here
            try:
                _store(project, clip.id, **made)
            except DocManagerError as exc:
                ok = False
                report.fail(_error_path(exc, shown), exc.message)
        if report.cancelled:
            break
        if ok:
            report.done.append(clip.id)
            report.data["clips"].append(clip.id)
        before += int(want_poster) + int(want_strip)
    if not report.cancelled:
        progress(total, total, report.summary())
    return report


# --------------------------------------------------------------------------- proxies


def make_proxies(project: "Project", clip_ids: Optional[Sequence[int]] = None, *, force: bool = False,
                 progress: ProgressArg = None, cancel: CancelArg = None) -> Report:
    """Make a 960×540 H.264 proxy for each clip that lacks one (all asked for with ``force``).

    ``progress`` runs over the seconds of footage to convert.  Each proxy is
    stored as ``proxies/clip-<id>.mp4`` and recorded in the clip's
    ``proxy_path``.  ``report.done`` and ``data["clips"]`` list the clips
    that got a proxy, ``data["skipped"]`` those that had one, and
    ``data["seconds"]`` the footage converted.  A clip whose media is
    offline or unreadable is a failure with its path and the reason, and the
    job goes on; on cancel the proxy being written is removed.
    """
    progress, cancel = as_progress(progress), as_cancel(cancel)
    report = Report("Proxies")
    report.data.update({"clips": [], "skipped": [], "seconds": 0.0})
    clips = _load(project, clip_ids, report)
    work: List[ClipMedia] = []
    for clip in clips:
        if force or not _have(clip.proxy_path):
            work.append(clip)
        else:
            report.data["skipped"].append(clip.id)
    # A clip of unknown length still counts for a second, so the bar moves.
    lengths = [clip.seconds if clip.seconds > 0 else 1.0 for clip in work]
    total = sum(lengths)
    base = 0.0
    progress(0.0, total, "Making proxies")
    for clip, length in zip(work, lengths):
        if cancel():
            report.cancelled = True
            break
        message = f"Proxy of {clip.name}"
        progress(base, total, message)

        def clip_progress(done: float, _total: float, _message: str, base: float = base,
                          length: float = length, message: str = message) -> None:
            progress(base + min(max(done, 0.0), length), total, message)

        shown = clip.shown_path
        try:
            source, shown = clip.source()
            path = make_proxy(source, proxy_file(project, clip.id), interlaced=clip.interlaced,
                              duration_s=clip.seconds or None, progress=clip_progress, cancel=cancel)
            _store(project, clip.id, proxy_path=str(path))
        except Cancelled:
            report.cancelled = True
            break
        except DocManagerError as exc:
            report.fail(_error_path(exc, shown), exc.message)
        else:
            report.done.append(clip.id)
            report.data["clips"].append(clip.id)
            report.data["seconds"] += clip.seconds
        base += length
    if not report.cancelled:
        progress(total, total, report.summary())
    return report


# --------------------------------------------------------------------------- playback


def playable_path(project_or_session: Union["Project", Session], clip: Union[Clip, int]) -> str:
    """The file a player should open for ``clip`` (a :class:`Clip` or its id).

    The proxy when one exists on disk, else the joined file of a spanned
    take, else the clip's first file.  Paths are as the file system wants
    them (exact bytes for names that are not UTF-8).  Raises
    :class:`NotFoundError` for an unknown clip or one without media.
    """
    clip_id = clip.id if isinstance(clip, Clip) else int(clip)
    if isinstance(project_or_session, Session):
        return _playable(project_or_session, clip_id)
    with project_or_session.session() as s:
        return _playable(s, clip_id)


def _playable(session: Session, clip_id: int) -> str:
    row = session.get(Clip, clip_id)
    if row is None:
        raise NotFoundError(f"clip {clip_id} is not in the catalogue")
    if row.proxy_path:
        proxy = row.proxy_path
        project = session.info.get("project")
        if not os.path.isabs(proxy) and project is not None:
            proxy = os.path.join(project.root, proxy)
        if os.path.isfile(proxy):
            return proxy
    if row.joined_file is not None:
        return file_path(row.joined_file)
    if row.files:
        return file_path(row.files[0].media_file)
    raise NotFoundError(f"clip {clip_id} ({row.name}) has no media file")
