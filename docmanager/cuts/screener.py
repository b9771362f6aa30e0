"""Screeners: a cut rendered to a watermarked 720p H.264 MP4 with burnt-in subtitles.

:func:`render_screener` takes an OpenTimelineIO timeline (as
``docmanager.cuts.timeline.build_timeline`` makes it, or any other) and a
list of :class:`SubtitleLine` and writes the file a director sends to a donor
or a festival: what they see is the first video track of the cut, frame for
frame, with the sound of its clips, the subtitles in the font Chinese needs,
and a semi-transparent "SCREENER" mark (and the cut's name) in the top right
corner, so a copy that leaks is recognisable.

How it is rendered (moviepy 2)
------------------------------
* Each clip of the track is read as a :class:`moviepy.VideoFileClip`,
  ``subclipped`` to its source range, through the readers of
  :mod:`docmanager.media.moviepy_readers` (moviepy's own stop at camera
  MOVs with a timecode track).  The file is opened when the render reaches
  the clip and closed when it moves on, so a cut of hundreds of shots never
  has more than one or two ffmpeg readers running.
* The frame reader is moviepy's, with the ffmpeg filter chain of the proxies
  (:func:`docmanager.media.proxies.proxy_filter`): interlaced sources are
  deinterlaced with yadif (one frame per frame: 1080i50 becomes 25p), and
  every picture is scaled by its display aspect ratio to fit 1280×720 with
  black bars, in ffmpeg, before Python sees it.  (moviepy's own reader has
  no way to add a filter, hence the subclass.)  It seeks the way
  :func:`docmanager.cuts.stills.export_still` does: exactly in MP4/MOV, and
  from :data:`~docmanager.cuts.stills.STREAM_PREROLL_S` early in AVCHD
  streams, whose input seek lands late.
* Frames are taken at the middle of each output frame's time, so float
  rounding never picks the neighbouring frame at a cut; with the timeline's
  rate equal to the clip's, output frame *k* of a clip is source frame
  ``in + k``.
* A clip whose media is missing or unreadable, a gap and a disabled clip
  become black for the same number of frames; a missing clip says
  "MEDIA OFFLINE" and its file name, and the report names its path.  The
  screener always has the cut's duration.
* Subtitles are :class:`moviepy.TextClip` images in the Noto Sans CJK face
  of the language (Simplified Chinese by default, also for English, where
  Chinese names occur), white with a black outline on a translucent box,
  wrapped to 84 % of the width with balanced lines
  (:func:`docmanager.cuts.stills.wrap_text`).  ``TextClip`` can only open
  the first face of a font collection (the Japanese one in Noto's ``.ttc``),
  so the wanted face is copied once into a standalone font file in the user's
  cache directory (:func:`text_font_file`).
* The sound of each clip is read from its file for the clip's range (mixed to
  stereo, 48 kHz, AAC); missing media and gaps are silent.  Separate audio
  tracks of the timeline are not mixed in.
* Progress comes from moviepy's proglog bars (sound first, then frames)
  through :class:`_RenderLogger`, which also checks ``cancel`` on every
  frame; the file is written under a temporary name and renamed when
  complete, and removed on cancel or failure.

Speed, measured on 2 cores with a 30 s cut of six shots from 1080p H.264,
1080i AVCHD and 360p clips: 0.38 s of rendering per second of screener
without subtitles or mark, 0.58 s with a subtitle line on most frames and
the mark (moviepy composites overlays with Pillow on the whole frame).  A
90-minute cut takes about 35 to 55 minutes.

Variable-frame-rate sources (phones) are read frame by frame as if they had
their nominal rate.
"""
from __future__ import annotations

import bisect
import functools
import logging
import math
import os
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np
import opentimelineio as otio
import proglog
from moviepy import AudioClip, ColorClip, CompositeVideoClip, TextClip, VideoClip, VideoFileClip
from PIL import Image, ImageDraw, ImageFont

from docmanager.cuts.stills import (
    STREAM_PREROLL_S,
    STREAM_SUFFIXES,
    CjkFont,
    MediaTiming,
    find_cjk_font,
    media_timing,
    wrap_text,
)
from docmanager.catalogue.ranges import timecode
from docmanager.errors import DocManagerError, MediaReadError, RefusedError
from docmanager.jobs import Cancelled, CancelToken, Progress, ProgressFn, Report, as_cancel, as_progress
from docmanager.media.ffmpeg import ffmpeg_exe
from docmanager.media.moviepy_readers import SoundFileClip, VideoReader
from docmanager.media.probe import normalize_rate, probe
from docmanager.media.proxies import proxy_filter

__all__ = [
    "SCREENER_SIZE",
    "ScreenerPlan",
    "Segment",
    "SubtitleLine",
    "plan_screener",
    "render_screener",
    "subtitle_clip",
    "text_font_file",
    "timeline_rate",
]

log = logging.getLogger(__name__)

PathArg = Union[str, "os.PathLike[str]"]

#: Picture size of a screener.
SCREENER_SIZE = (1280, 720)
#: x264 settings: quick to encode, good enough to judge a cut.
SCREENER_PRESET = "veryfast"
SCREENER_CRF = 21
AUDIO_RATE = 48000
AUDIO_BITRATE = "160k"
#: Opacity of the SCREENER mark.
MARK_OPACITY = 0.45
#: Opacity of the box behind subtitle lines (0-255).
SUBTITLE_BOX_ALPHA = 110
#: Subtitles are at most this share of the picture wide.
SUBTITLE_WIDTH_SHARE = 0.84
OFFLINE_CAPTION = "MEDIA OFFLINE"
#: Share of the progress bar given to mixing the sound (the frames take the rest).
_AUDIO_SHARE = 0.05
#: Output containers (H.264 + AAC).
_SUFFIXES = frozenset({".mp4", ".m4v", ".mov"})


class SubtitleLine(NamedTuple):
    """One subtitle: from ``start_s`` to ``end_s`` seconds of the cut, ``text`` (may hold line breaks)."""

    start_s: float
    end_s: float
    text: str


# --------------------------------------------------------------------------- fonts for TextClip


def _checksum(data: Union[bytes, bytearray]) -> int:
    """OpenType table checksum: the sum of big-endian 32-bit words, modulo 2**32."""
    padded = bytes(data) + b"\0" * (-len(data) % 4)
    words = np.frombuffer(padded, dtype=">u4")
    return int(words.sum(dtype=np.uint64) & 0xFFFFFFFF)


def _extract_face(collection: Path, index: int, dest: Path) -> None:
    """Write face ``index`` of a TrueType/OpenType collection as a standalone font file.

    A collection's faces share tables; a face is its table directory plus
    the tables it points at, copied here one after the other (4-byte
    aligned) with new offsets, and ``head.checkSumAdjustment`` recomputed,
    as the OpenType specification describes.
    """
    data = collection.read_bytes()
    if data[:4] != b"ttcf":
        raise ValueError(f"{collection} is not a font collection")
    (count,) = struct.unpack(">I", data[8:12])
    if not 0 <= index < count:
        raise ValueError(f"{collection} has no face {index}")
    (offset,) = struct.unpack(">I", data[12 + 4 * index:16 + 4 * index])
    sfnt_version, tables, search_range, entry_selector, range_shift = struct.unpack(
        ">IHHHH", data[offset:offset + 12])
    records = [struct.unpack(">4sIII", data[offset + 12 + 16 * i:offset + 28 + 16 * i]) for i in range(tables)]
    position = 12 + 16 * tables
    blobs: List[bytes] = []
    directory: List[Tuple[bytes, int, int, int]] = []
    head_at: Optional[int] = None
    for tag, checksum, start, length in records:
        blob = data[start:start + length]
        if tag == b"head":
            blob = blob[:8] + b"\0\0\0\0" + blob[12:]
            checksum = _checksum(blob)
            head_at = position
        directory.append((tag, checksum, position, length))
        padded = blob + b"\0" * (-length % 4)
        blobs.append(padded)
        position += len(padded)
    font = bytearray(struct.pack(">IHHHH", sfnt_version, tables, search_range, entry_selector, range_shift))
    for record in directory:
        font += struct.pack(">4sIII", *record)
    for blob in blobs:
        font += blob
    if head_at is not None:
        adjustment = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF
        font[head_at + 8:head_at + 12] = struct.pack(">I", adjustment)
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{dest.stem}.", suffix=".partial", dir=str(dest.parent))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(font)
        os.replace(partial, dest)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _font_cache_dirs() -> List[Path]:
    """Where standalone faces are kept: the user's cache, else the temporary directory."""
    dirs: List[Path] = []
    try:
        import platformdirs

        dirs.append(Path(platformdirs.user_cache_dir("DocManager", appauthor=False)) / "fonts")
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    user = getattr(os, "getuid", lambda: "user")()
    dirs.append(Path(tempfile.gettempdir()) / f"docmanager-fonts-{user}")
    return dirs


@functools.lru_cache(maxsize=16)
def _face_file(font: CjkFont) -> str:
    if font.index == 0:
        return str(font.path)
    st = font.path.stat()
    name = f"{font.path.stem}-{font.index}-{st.st_size}-{st.st_mtime_ns}.otf"
    for directory in _font_cache_dirs():
        dest = directory / name
        try:
            if not dest.is_file():
                _extract_face(font.path, font.index, dest)
            family, style = ImageFont.truetype(str(dest), 12).getname()
        except (OSError, ValueError) as exc:
            log.info("could not keep face %d of %s in %s: %s", font.index, font.path, directory, exc)
            continue
        if f"{family} {style}".strip() == font.family:
            return str(dest)
        log.warning("face copied from %s reads as %s %s, not %s", font.path, family, style, font.family)
    log.warning("using the first face of %s for burnt-in text (%s was wanted)", font.path, font.family)
    return str(font.path)


def text_font_file(lang: str = "zh-Hans", bold: bool = False) -> str:
    """A font file whose first face is Noto Sans CJK for ``lang``, as ``TextClip(font=...)`` needs it.

    Raises :class:`~docmanager.cuts.stills.FontNotFoundError` (saying what to
    install) when no Chinese font is installed.
    """
    return _face_file(find_cjk_font(lang, bold))


# --------------------------------------------------------------------------- text clips


def _text_metrics(size: Tuple[int, int]) -> Tuple[int, int, int, int]:
    """(font size, outline width, box padding x, box padding y) of subtitles at ``size``."""
    height = size[1]
    font_size = max(12, round(height * 0.052))
    return font_size, max(1, round(font_size / 12)), max(4, round(font_size * 0.45)), max(2, round(font_size * 0.2))


def _text_clip(text: str, *, font_file: str, font_size: int, stroke: int = 0, pad: Tuple[int, int] = (0, 0),
               align: str = "center", bg_color: Optional[Tuple[int, int, int, int]] = None,
               duration: Optional[float] = None) -> TextClip:
    """A ``TextClip`` label whose picture holds all of its ink, ``pad`` pixels from each edge.

    moviepy sizes a label by the ink of its text but puts the first
    baseline one font ascent (plus the outline) below the top; with a tall
    ascent like Noto CJK's that pushes the last line's descenders out of
    the picture.  The top margin is reduced and the bottom one grown by the
    difference, which moviepy's ``margin=(left, top, right, bottom)`` allows.
    """
    interline = round(font_size * 0.25)
    pil_font = ImageFont.truetype(font_file, font_size)
    ascent, _descent = pil_font.getmetrics()
    probe_draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    top = probe_draw.multiline_textbbox((0, 0), text, font=pil_font, spacing=interline, align=align,
                                        stroke_width=stroke, anchor="ls")[1]
    gap = ascent + stroke + top  # empty rows above the ink
    pad_x, pad_y = pad
    return TextClip(font=font_file, text=text, font_size=font_size, color="white",
                    stroke_color="black" if stroke else None, stroke_width=stroke, method="label",
                    text_align=align, margin=(pad_x, pad_y - gap, pad_x, pad_y + gap), bg_color=bg_color,
                    interline=interline, transparent=True, duration=duration)


def subtitle_clip(text: str, *, font_file: str, size: Tuple[int, int] = SCREENER_SIZE) -> TextClip:
    """The picture of one subtitle: white text, black outline, translucent box, wrapped and centred.

    ``text`` is wrapped to :data:`SUBTITLE_WIDTH_SHARE` of the picture width
    in balanced lines (explicit line breaks are kept).  The clip has no
    position or timing yet.
    """
    font_size, stroke, pad_x, pad_y = _text_metrics(size)
    pil_font = ImageFont.truetype(font_file, font_size)
    width = size[0] * SUBTITLE_WIDTH_SHARE - 2 * pad_x

    def measure(line: str) -> float:
        return pil_font.getlength(line) + 2 * stroke

    lines = wrap_text(text, measure, width, balance=True)
    return _text_clip("\n".join(lines) or " ", font_file=font_file, font_size=font_size, stroke=stroke,
                      pad=(pad_x, pad_y), bg_color=(0, 0, 0, SUBTITLE_BOX_ALPHA))


def _mark_clip(text: str, *, font_file: str, size: Tuple[int, int], duration: float) -> VideoClip:
    """The SCREENER mark (and the cut's name), translucent, in the top right corner."""
    height = size[1]
    font_size = max(10, round(height * 0.04))
    pil_font = ImageFont.truetype(font_file, font_size)
    lines: List[str] = []
    for line in text.splitlines():  # a long cut name is wrapped to half the width
        lines += wrap_text(line, pil_font.getlength, size[0] / 2)
    clip = _text_clip("\n".join(lines), font_file=font_file, font_size=font_size,
                      stroke=max(1, round(font_size / 14)), pad=(2, 2), align="right", duration=duration)
    margin = round(height * 0.035)
    return clip.with_opacity(MARK_OPACITY).with_position((size[0] - clip.w - margin, margin))


def _caption_frame(caption: str, *, font_file: str, size: Tuple[int, int]) -> np.ndarray:
    """A black picture with ``caption`` in the middle (how missing media looks)."""
    font_size = max(12, round(size[1] * 0.06))
    pil_font = ImageFont.truetype(font_file, font_size)
    lines = wrap_text(caption, pil_font.getlength, size[0] * 0.8)
    text = _text_clip("\n".join(lines), font_file=font_file, font_size=font_size, duration=1)
    black = ColorClip(size, color=(0, 0, 0), duration=1)
    frame = CompositeVideoClip([black, text.with_position("center")], use_bgclip=True).get_frame(0)
    return np.ascontiguousarray(frame[:, :, :3], dtype=np.uint8)


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Segment:
    """A run of screener frames: from one clip's media, or black with an optional caption.

    ``start`` and ``frames`` count frames of the screener; ``source_start``
    is where in the file (seconds from its first video frame) the first of
    them comes from.  ``path`` is ``None`` for black.
    """

    item: int
    name: str
    start: int
    frames: int
    path: Optional[str] = None
    source_start: Fraction = Fraction(0)
    interlaced: bool = False
    has_audio: bool = False
    caption: Optional[str] = None

    @property
    def end(self) -> int:
        return self.start + self.frames


@dataclass
class ScreenerPlan:
    """What a screener will show, frame by frame, and what is wrong with the cut's media.

    ``problems`` holds (path or ``None``, reason) for the report;
    ``offline`` the paths of media that could not be read at all.
    """

    name: str
    rate: Fraction
    segments: List[Segment]
    problems: List[Tuple[Optional[str], str]] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    offline: List[str] = field(default_factory=list)

    @property
    def frames(self) -> int:
        return self.segments[-1].end if self.segments else 0

    @property
    def duration_s(self) -> Fraction:
        return Fraction(self.frames) / self.rate


def _rate_of(time_value: otio.opentime.RationalTime) -> Fraction:
    return normalize_rate(Fraction(repr(float(time_value.rate))))


def _value(time_value: otio.opentime.RationalTime) -> Fraction:
    return Fraction(repr(float(time_value.value)))


def timeline_rate(timeline: otio.schema.Timeline) -> Fraction:
    """The frame rate of a screener of ``timeline``: its global start time's, else its first clip's.

    NTSC-style rates come back exact (``Fraction(30000, 1001)``).
    """
    start = timeline.global_start_time
    if start is not None and start.rate > 0:
        return _rate_of(start)
    for track in timeline.video_tracks():
        for item in track:
            if isinstance(item, otio.schema.Clip) and item.source_range is not None:
                return _rate_of(item.source_range.duration)
        for item in track:
            if isinstance(item, otio.core.Item):
                try:
                    return _rate_of(item.duration())
                except Exception:  # noqa: BLE001 - OTIO raises its own types for missing ranges
                    continue
    raise RefusedError(f"the timeline {timeline.name!r} has no clip with a frame rate")


def _frames(duration: otio.opentime.RationalTime, rate: Fraction) -> int:
    return max(0, round(_value(duration) * rate / _rate_of(duration)))


def _timecode(frame: int, rate: Fraction) -> str:
    """HH:MM:SS:FF of a screener frame (drop-frame at 29.97), as everywhere in DocManager."""
    return timecode(frame, rate.numerator, rate.denominator)


def _media_path(clip: otio.schema.Clip) -> Tuple[Optional[str], Optional[str]]:
    """(path, None) of a clip's media file, or (None, why there is none)."""
    ref = clip.media_reference
    if isinstance(ref, otio.schema.ExternalReference):
        url = ref.target_url or ""
        if url.startswith("file:"):
            return otio.url_utils.filepath_from_url(url), None
        if "://" in url:
            return None, f"its media is not a local file ({url})"
        return (url, None) if url else (None, "its media reference has no address")
    if isinstance(ref, otio.schema.MissingReference) or ref is None:
        offline = _docmanager_meta(ref).get("offline") if ref is not None else None
        return None, offline or "it has no media (missing reference)"
    return None, f"its media is a {type(ref).__name__}, which screeners do not render"


def _docmanager_meta(item: otio.core.SerializableObject) -> dict:
    """The item's ``metadata["docmanager"]`` as a plain dict (empty when absent)."""
    meta = item.metadata.get("docmanager") if hasattr(item, "metadata") else None
    return dict(meta) if isinstance(meta, Mapping) else {}


@functools.lru_cache(maxsize=256)
def _interlaced_cached(path: str, size: int, mtime_ns: int) -> bool:
    return probe(path).interlaced


def _is_interlaced(path: str, meta: dict, timing: MediaTiming) -> bool:
    """The clip's scan type: from the timeline's metadata when it says, else from the file.

    The field order ffmpeg's decoder reports decides; when it reports none,
    MediaInfo (:func:`docmanager.media.probe.probe`) is asked.
    """
    flag = meta.get("interlaced")
    if isinstance(flag, bool):
        return flag
    scan = meta.get("scan")
    if isinstance(scan, str) and scan:
        return scan.lower() in ("interlaced", "mbaff", "paff", "tff", "bff")
    if timing.scan is not None:
        return timing.scan == "interlaced"
    st = os.stat(path)
    return _interlaced_cached(path, st.st_size, st.st_mtime_ns)


def _source_start(clip: otio.schema.Clip, source: otio.opentime.TimeRange) -> Fraction:
    """Seconds into the file of a clip's first frame.

    OTIO places source ranges in the media's own time (which may begin at
    the start time code); when the reference has an available range that
    begins at or before the source range, its start is the file's first
    frame.  Otherwise the source range counts from the file's first frame.
    """
    start = _value(source.start_time) / _rate_of(source.start_time)
    ref = clip.media_reference
    available = getattr(ref, "available_range", None)
    if available is not None:
        origin = _value(available.start_time) / _rate_of(available.start_time)
        if origin <= start:
            return start - origin
    return start


def plan_screener(timeline: otio.schema.Timeline) -> ScreenerPlan:
    """Lay out the screener of ``timeline``'s first video track, frame by frame.

    Checks every clip's media (present, readable, long enough) and records
    in ``problems`` the path and reason of each that is not; those frames
    become black.  Transitions are rendered as cuts and nested stacks as
    black (both noted).  Raises :class:`RefusedError` when there is no video
    track or no frame rate.
    """
    tracks = timeline.video_tracks()
    if not tracks:
        raise RefusedError(f"the timeline {timeline.name!r} has no video track to render")
    track = tracks[0]
    rate = timeline_rate(timeline)
    plan = ScreenerPlan(timeline.name or track.name or "", rate, [])
    position = 0

    def black(index: int, name: str, frames: int, caption: Optional[str] = None) -> None:
        nonlocal position
        if frames > 0:
            plan.segments.append(Segment(index, name, position, frames, caption=caption))
            position += frames

    for index, item in enumerate(track):
        if isinstance(item, otio.schema.Transition):
            plan.notes.append(f"transition {item.name or index} is rendered as a cut")
            continue
        if not isinstance(item, otio.core.Item):
            continue
        name = item.name or f"item {index + 1}"
        try:
            frames = _frames(item.duration(), rate)
        except Exception as exc:  # noqa: BLE001 - OTIO raises its own types for missing ranges
            plan.problems.append((None, f"{name} has no duration ({exc}); it is left out"))
            continue
        if isinstance(item, otio.schema.Gap) or not item.enabled:
            black(index, name, frames)
            continue
        if not isinstance(item, otio.schema.Clip):
            plan.notes.append(f"{name} is a nested {type(item).__name__} and is shown as black")
            plan.problems.append((None, f"{name} is a nested sequence, which screeners do not render; "
                                        f"it is black for {frames} frames at {_timecode(position, rate)}"))
            black(index, name, frames, caption=f"NOT RENDERED\n{name}")
            continue

        path, reason = _media_path(item)
        timing: Optional[MediaTiming] = None
        interlaced = False
        if path is not None:
            try:
                if not os.path.isfile(path):
                    raise MediaReadError(path, "the file is missing; reconnect the drive or relink the clip")
                timing = media_timing(path)
                interlaced = _is_interlaced(path, _docmanager_meta(item), timing)
            except (DocManagerError, OSError) as exc:
                reason = exc.message if isinstance(exc, DocManagerError) else str(exc)
        if timing is None or path is None:
            shown = os.path.basename(path) if path else name
            if path is not None and path not in plan.offline:
                plan.offline.append(path)
            plan.problems.append((path, f"media offline: {name} ({reason}); shown as black with "
                                        f"{OFFLINE_CAPTION} for {frames} frames at {_timecode(position, rate)}"))
            black(index, name, frames, caption=f"{OFFLINE_CAPTION}\n{shown}")
            continue

        source_start = _source_start(item, item.trimmed_range())
        if source_start < 0:
            plan.notes.append(f"{name} starts before its media; it is read from the media's first frame")
            source_start = Fraction(0)
        usable = frames
        if timing.duration_s is not None:
            remaining = (Fraction(repr(timing.duration_s)) - Fraction(repr(timing.video_offset_s))
                         - source_start)
            # One frame of slack: container durations are rounded.
            usable = max(0, min(frames, math.floor(remaining * rate + 1)))
        if usable > 0:
            plan.segments.append(Segment(index, name, position, usable, path, source_start, interlaced,
                                         timing.has_audio))
            position += usable
        if usable < frames:
            plan.problems.append((path, f"{name} asks for {frames - usable} frames past the end of its media; "
                                        f"they are black at {_timecode(position, rate)}"))
            black(index, name, frames - usable, caption=f"MEDIA ENDS\n{os.path.basename(path)}")
    if not plan.segments:
        raise RefusedError(f"the first video track of {timeline.name!r} has nothing to render")
    return plan


# --------------------------------------------------------------------------- reading the clips


class _FittedReader(VideoReader):
    """moviepy's frame reader with the screener's ffmpeg filters and frame-exact seeking.

    Frames come out deinterlaced (when asked) and fitted into ``size`` with
    black bars; ``get_frame``, ``read_frame`` and ``skip_frames`` are
    moviepy's.  Only :meth:`initialize` (which starts ffmpeg) differs.
    """

    def __init__(self, path: str, *, size: Tuple[int, int], interlaced: bool, timing: MediaTiming) -> None:
        self._chain = proxy_filter(interlaced, *size)
        self._offset = float(timing.video_offset_s)
        self._stream = os.path.splitext(path)[1].lower() in STREAM_SUFFIXES
        self._rate = timing.rate
        super().__init__(path, decode_file=False, pixel_format="rgb24", target_resolution=size)

    def initialize(self, start_time: float = 0) -> None:
        if self._rate is not None:
            self.fps = float(self._rate)
        self.close(delete_lastread=False)
        self.pos = self.get_frame_number(start_time)
        args: List[str] = []
        if self.pos > 0:
            # Half a frame before the wanted frame, on the first video frame's clock.
            target = self._offset + (self.pos - 0.5) / self.fps
            if self._stream:
                seek = max(0.0, target - STREAM_PREROLL_S)
                if seek > 0:
                    args += ["-ss", f"{seek:.6f}"]
                args += ["-i", self.filename, "-ss", f"{target - seek:.6f}"]
            else:
                args += ["-ss", f"{target:.6f}", "-i", self.filename]
        else:
            args += ["-i", self.filename]
        command = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", *args,
                   "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", self._chain, "-fps_mode", "passthrough",
                   "-pix_fmt", "rgb24", "-vcodec", "rawvideo", "-f", "image2pipe", "-"]
        creationflags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
        self.proc = subprocess.Popen(command, bufsize=self.bufsize, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     creationflags=creationflags)
        self.last_read = self.read_frame()

    def close(self, delete_lastread: bool = True) -> None:
        """Stop ffmpeg (its stderr goes nowhere, unlike in moviepy's reader)."""
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()
            if proc.stdout is not None:
                proc.stdout.close()
            proc.wait()
        if delete_lastread and hasattr(self, "last_read"):
            del self.last_read


class _SourceClip(VideoFileClip):
    """A :class:`VideoFileClip` read through :class:`_FittedReader` (picture only)."""

    def __init__(self, path: str, *, size: Tuple[int, int], interlaced: bool, timing: MediaTiming) -> None:
        VideoClip.__init__(self)
        self.reader = _FittedReader(path, size=size, interlaced=interlaced, timing=timing)
        self.duration = self.reader.duration
        self.end = self.reader.duration
        self.fps = self.reader.fps
        self.size = tuple(self.reader.size)
        self.rotation = 0
        self.filename = path
        self.frame_function = lambda t: self.reader.get_frame(t)


class _Sources:
    """The screener's pictures and sound, read from each segment's media as the render reaches it.

    At most one video reader is open (the segment being rendered), and the
    sound readers of the segments the current chunk of sound touches.  A
    file that cannot be opened at render time (unplugged since the plan was
    made, undecodable) becomes black with "MEDIA OFFLINE" and is recorded in
    ``failures``; the render goes on.
    """

    def __init__(self, plan: ScreenerPlan, size: Tuple[int, int], font_file: str) -> None:
        self.plan = plan
        self.size = size
        self.font_file = font_file
        self.rate = float(plan.rate)
        self.starts = [segment.start for segment in plan.segments]
        self.failures: Dict[int, str] = {}
        self._video: Dict[int, Tuple[VideoFileClip, VideoClip]] = {}
        self._audio: Dict[int, SoundFileClip] = {}
        self._black = np.zeros((size[1], size[0], 3), dtype=np.uint8)
        self._captions: Dict[str, np.ndarray] = {}

    def segment_at(self, frame: int) -> int:
        """Index of the segment holding screener frame ``frame``."""
        return max(0, bisect.bisect_right(self.starts, frame) - 1)

    def _fail(self, index: int, exc: BaseException) -> None:
        reason = exc.message if isinstance(exc, DocManagerError) else (str(exc).strip().splitlines() or [""])[0]
        self.failures.setdefault(index, reason or type(exc).__name__)

    def _caption(self, caption: str) -> np.ndarray:
        cached = self._captions.get(caption)
        if cached is None:
            cached = _caption_frame(caption, font_file=self.font_file, size=self.size)
            self._captions[caption] = cached
        return cached

    # -- pictures
    def _picture(self, index: int) -> Optional[VideoClip]:
        opened = self._video.get(index)
        if opened is None and index not in self.failures:
            for other in list(self._video):
                self._close_video(other)
            segment = self.plan.segments[index]
            assert segment.path is not None
            try:
                source = _SourceClip(segment.path, size=self.size, interlaced=segment.interlaced,
                                     timing=media_timing(segment.path))
                start = float(segment.source_start)
                end = start + segment.frames / self.rate
                if source.duration:
                    end = min(end, source.duration)
                opened = (source, source.subclipped(start, end))
            except (DocManagerError, OSError, ValueError) as exc:
                self._fail(index, exc)
                return None
            self._video[index] = opened
        return opened[1] if opened is not None else None

    def _close_video(self, index: int) -> None:
        source, _sub = self._video.pop(index)
        source.close()

    def frame(self, t: float) -> np.ndarray:
        """The screener's picture at ``t`` (a frame time)."""
        number = min(max(int(round(t * self.rate)), 0), max(self.plan.frames - 1, 0))
        index = self.segment_at(number)
        segment = self.plan.segments[index]
        if segment.path is None:
            return self._caption(segment.caption) if segment.caption else self._black
        clip = self._picture(index)
        if clip is None:
            return self._caption(f"{OFFLINE_CAPTION}\n{os.path.basename(segment.path)}")
        picture = clip.get_frame((number - segment.start + 0.5) / self.rate)
        return picture[:, :, :3] if picture.shape[2] > 3 else picture

    # -- sound
    def _sound(self, index: int) -> Optional[SoundFileClip]:
        clip = self._audio.get(index)
        if clip is None and index not in self.failures:
            segment = self.plan.segments[index]
            assert segment.path is not None
            try:
                clip = SoundFileClip(segment.path, fps=AUDIO_RATE, nbytes=2)
            except (DocManagerError, OSError, ValueError, KeyError) as exc:
                self._fail(index, exc)
                return None
            self._audio[index] = clip
        return clip

    def sound(self, t) -> np.ndarray:
        """Stereo samples of the screener at the times ``t`` (a number or an array)."""
        times = np.atleast_1d(np.asarray(t, dtype=float))
        out = np.zeros((len(times), 2))
        if len(times) and self.plan.frames:
            first = self.segment_at(int(math.floor(times.min() * self.rate)))
            last = self.segment_at(int(math.floor(times.max() * self.rate)))
            for index in list(self._audio):  # sources the render has moved past
                if index < first:
                    self._audio.pop(index).close()
            for index in range(first, last + 1):
                segment = self.plan.segments[index]
                if segment.path is None or not segment.has_audio:
                    continue
                begin, end = segment.start / self.rate, segment.end / self.rate
                inside = (times >= begin) & (times < end)
                if not inside.any():
                    continue
                clip = self._sound(index)
                if clip is None:
                    continue
                local = times[inside] - begin + float(segment.source_start)
                samples = np.asarray(clip.get_frame(local), dtype=float)
                out[inside] = samples.reshape(len(local), -1)[:, :2]
        return out[0] if np.ndim(t) == 0 else out

    def close(self) -> None:
        for index in list(self._video):
            self._close_video(index)
        for index in list(self._audio):
            self._audio.pop(index).close()


# --------------------------------------------------------------------------- progress


class _RenderLogger(proglog.ProgressBarLogger):
    """Turns moviepy's bars into ``progress(done, total, message)`` and stops on ``cancel``.

    moviepy writes the sound first (bar ``chunk``), then the pictures (bar
    ``frame_index``); both are mapped onto one scale in seconds of screener.
    ``cancel`` is checked on every update, i.e. every frame, and raises
    :class:`Cancelled` inside moviepy's loop.
    """

    def __init__(self, progress: Progress, cancel: Callable[[], bool], total_s: float, name: str) -> None:
        super().__init__(logged_bars=None)
        self._progress = progress
        self._cancel = cancel
        self._total = total_s
        self._name = name

    def callback(self, **changes) -> None:  # messages ("MoviePy - Writing video …") are not shown
        if self._cancel():
            raise Cancelled()

    def bars_callback(self, bar, attr, value, old_value=None) -> None:
        if self._cancel():
            raise Cancelled()
        if attr != "index":
            return
        total = self.bars[bar].get("total") or 0
        share = min(max(value, 0) / total, 1.0) if total else 0.0
        if bar == "chunk":
            done, message = _AUDIO_SHARE * share, f"Screener {self._name}: sound"
        elif bar == "frame_index":
            done = _AUDIO_SHARE + (1 - _AUDIO_SHARE) * share
            message = f"Screener {self._name}: frame {min(value, total)} of {total}"
        else:
            return
        self._progress(done * self._total, self._total, message)


# --------------------------------------------------------------------------- rendering


def _subtitle_layer(lines: Iterable[Union[SubtitleLine, Sequence]], plan: ScreenerPlan, size: Tuple[int, int],
                    font_file: str) -> Tuple[List[VideoClip], int]:
    """TextClips of the subtitle lines on the screener's frame grid; and how many lines were left out.

    A line shows on the frames whose start lies in [start_s, end_s); a line
    that overlaps the next one ends where the next begins.  Lines outside
    the cut, empty or of no duration are left out.
    """
    rate = plan.rate
    entries: List[Tuple[int, int, str]] = []
    skipped = 0
    for raw in lines:
        line = raw if isinstance(raw, SubtitleLine) else SubtitleLine(*raw)
        text = (line.text or "").strip()
        first = max(0, math.ceil(Fraction(repr(float(line.start_s))) * rate - Fraction(1, 1000)))
        stop = min(plan.frames, math.ceil(Fraction(repr(float(line.end_s))) * rate - Fraction(1, 1000)))
        if not text or stop <= first:
            skipped += 1
            continue
        entries.append((first, stop, text))
    entries.sort(key=lambda entry: entry[0])
    clips: List[VideoClip] = []
    bottom = round(size[1] * 0.06)
    for k, (first, stop, text) in enumerate(entries):
        if k + 1 < len(entries):
            stop = min(stop, entries[k + 1][0])
        if stop <= first:
            skipped += 1
            continue
        clip = subtitle_clip(text, font_file=font_file, size=size)
        # Half a frame early on both ends: frame times then never sit on a boundary.
        start_s = (first - 0.5) / float(rate)
        clips.append(clip.with_start(max(0.0, start_s)).with_end((stop - 0.5) / float(rate))
                     .with_position(("center", size[1] - bottom - clip.h)))
    return clips, skipped


def _output_rate_args(rate: Fraction) -> List[str]:
    """ffmpeg output options that make the file's rate exact.

    moviepy hands ffmpeg the rate as ``%.02f`` (29.97 for 30000/1001); an
    output ``-r`` with the exact fraction puts each frame on its slot (the
    two differ by one frame in about nine hours, so none is dropped or
    repeated).
    """
    return [] if rate.denominator == 1 else ["-r", f"{rate.numerator}/{rate.denominator}"]


def _compose(plan: ScreenerPlan, sources: _Sources, subtitles: Sequence[Union[SubtitleLine, Sequence]],
             size: Tuple[int, int], font_file: str, mark: str, name: str, report: Report) -> VideoClip:
    """The screener as one moviepy clip: pictures, subtitles, mark and sound."""
    total_s = float(plan.duration_s)
    # A hair of extra length, so moviepy's int(duration * fps) frame count
    # cannot fall one short through float rounding (frames are sampled by
    # number, see _Sources.frame).
    clip_duration = total_s + 1e-7
    base = VideoClip(frame_function=sources.frame, duration=clip_duration).with_fps(float(plan.rate))
    layers: List[VideoClip] = [base]
    subtitle_clips, skipped = _subtitle_layer(subtitles, plan, size, font_file)
    layers += subtitle_clips
    report.data["subtitles"], report.data["subtitles_skipped"] = len(subtitle_clips), skipped
    if mark:
        text = mark + (f"\n{name}" if name else "")
        layers.append(_mark_clip(text, font_file=font_file, size=size, duration=clip_duration))
    screener = base
    if len(layers) > 1:  # moviepy's composite needs something on top of its background
        screener = CompositeVideoClip(layers, size=size, use_bgclip=True).with_duration(clip_duration)
    return screener.with_audio(AudioClip(sources.sound, duration=clip_duration, fps=AUDIO_RATE))


def _error_text(exc: BaseException) -> str:
    """A one-line reason for a failed render (moviepy's errors quote ffmpeg at length)."""
    if isinstance(exc, DocManagerError):
        return exc.message
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def render_screener(timeline: otio.schema.Timeline, out_path: PathArg, *,
                    subtitles: Sequence[Union[SubtitleLine, Sequence]] = (), lang: str = "en",
                    size: Tuple[int, int] = SCREENER_SIZE, mark: str = "SCREENER",
                    cut_name: Optional[str] = None,
                    progress: Optional[Union[ProgressFn, Progress]] = None,
                    cancel: Optional[Union[CancelToken, Callable[[], bool]]] = None) -> Report:
    """Render the first video track of ``timeline`` to a watermarked H.264 MP4 with burnt-in subtitles.

    * ``subtitles``: :class:`SubtitleLine` (or ``(start_s, end_s, text)``)
      in seconds of the cut, in the language ``lang`` (``"en"``, ``"zh"``,
      ``"zh-Hant"`` …; it picks the Noto Sans CJK face).
    * ``size``: the picture (1280×720); every clip is fitted inside it by
      its display aspect ratio, with black bars.
    * ``mark``: the text in the top right corner at 45 % opacity, with the
      cut's name below it (``cut_name``, by default the timeline's name);
      an empty ``mark`` draws nothing.
    * The frame rate is the timeline's (:func:`timeline_rate`: 25,
      30000/1001 …), the duration the track's, to the frame.

    Returns a :class:`Report`: ``done`` holds the file written; ``failed``
    the path and reason of each clip whose media is missing, unreadable or
    too short (those frames are black, with "MEDIA OFFLINE"); ``data`` has
    ``path``, ``frames``, ``rate``, ``duration_s``, ``size``, ``offline``,
    ``subtitles`` (lines burnt in), ``subtitles_skipped``, ``notes``,
    ``render_s`` and ``speed`` (seconds of rendering per second of
    screener).  When ``cancel`` says stop, ``cancelled`` is set; on cancel
    and on failure nothing is left at ``out_path`` (an existing file there is
    only replaced by a complete new one).

    Raises :class:`RefusedError` for a timeline without a video track, a
    wrong suffix or size, and
    :class:`~docmanager.cuts.stills.FontNotFoundError` when no Chinese font
    is installed.
    """
    progress_fn, cancelled = as_progress(progress), as_cancel(cancel)
    out = Path(os.fsdecode(out_path))
    if out.suffix.lower() not in _SUFFIXES:
        raise RefusedError(f"a screener is written as .mp4, .m4v or .mov, not {out.suffix or 'no suffix'!r}", out)
    width, height = size
    if width < 64 or height < 64 or width % 2 or height % 2:
        raise RefusedError(f"a screener's size must be two even numbers of at least 64, not {size!r}", out)
    size = (int(width), int(height))
    report = Report("Screener")
    plan = plan_screener(timeline)
    name = cut_name if cut_name is not None else plan.name
    for path, reason in plan.problems:
        report.fail(path, reason)
    rate = plan.rate
    total_s = float(plan.duration_s)
    report.data.update({
        "path": str(out), "frames": plan.frames, "rate": str(rate), "duration_s": total_s,
        "size": list(size), "offline": list(plan.offline), "subtitles": 0, "subtitles_skipped": 0,
        "notes": list(plan.notes),
    })
    progress_fn(0.0, total_s, f"Screener {name}: preparing")

    text_font = text_font_file(lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".partial" + out.suffix.lower(),
                                       dir=str(out.parent))
    os.close(handle)
    os.unlink(partial)  # the encoder creates it, with the permissions the user's umask gives
    scratch = tempfile.TemporaryDirectory(prefix="docmanager-screener-")
    sources = _Sources(plan, size, text_font)
    error: Optional[str] = None
    started = time.monotonic()
    try:
        try:
            screener = _compose(plan, sources, subtitles, size, text_font, mark, name, report)
            screener.write_videofile(
                partial, fps=float(rate), codec="libx264", preset=SCREENER_PRESET,
                audio_codec="aac", audio_fps=AUDIO_RATE, audio_bitrate=AUDIO_BITRATE,
                temp_audiofile=os.path.join(scratch.name, "sound.m4a"), remove_temp=True,
                ffmpeg_params=["-crf", str(SCREENER_CRF), "-profile:v", "high", "-movflags", "+faststart",
                               *_output_rate_args(rate)],
                logger=_RenderLogger(progress_fn, cancelled, total_s, name),
            )
        except Cancelled:
            report.cancelled = True
        except (DocManagerError, OSError, ValueError, RuntimeError) as exc:
            error = _error_text(exc)
        finally:
            sources.close()
        for index, reason in sorted(sources.failures.items()):
            segment = plan.segments[index]
            report.fail(segment.path, f"media offline: {segment.name} could not be read ({reason}); shown as "
                                      f"black with {OFFLINE_CAPTION} for {segment.frames} frames at "
                                      f"{_timecode(segment.start, rate)}")
            if segment.path not in report.data["offline"]:
                report.data["offline"].append(segment.path)
        if report.cancelled:
            return report
        if error is None and (not os.path.exists(partial) or os.path.getsize(partial) == 0):
            error = "the encoder wrote nothing"
        if error is not None:
            report.fail(str(out), f"the screener could not be written: {error}")
            return report
        os.replace(partial, out)
    finally:  # whatever happened, no half-written file stays behind
        if os.path.exists(partial):
            os.unlink(partial)
        scratch.cleanup()
    elapsed = time.monotonic() - started
    report.done.append(str(out))
    report.data["render_s"] = round(elapsed, 3)
    report.data["speed"] = round(elapsed / total_s, 3) if total_s else None
    progress_fn(total_s, total_s, f"Screener {name}: done")
    return report
