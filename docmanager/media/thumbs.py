"""Poster frames and filmstrips: small JPEGs for tables, inspectors and skimming.

* :func:`make_poster` writes one frame, seeking before the input (fast).
* :func:`make_filmstrip` writes one JPEG of ``frames`` evenly spaced frames
  side by side, in a single ffmpeg run.

Both deinterlace interlaced sources with yadif before scaling (a scaled
interlaced frame shows combing on every movement), write under a temporary
name and rename, so a half-written image never appears under the real name.

How a filmstrip is read depends on the clip's length (measured on 4 s, 20 s
and 120 s 1080i50 AVCHD clips, see :data:`SINGLE_PASS_MAX_S`):

* short clips are decoded once, start to end, and a ``select`` keeps the
  first frame at or after each target time: the cost grows with the length;
* longer clips open the file once per frame with an input seek (``-ss``
  before ``-i``): each seek decodes only from a key frame shortly before its
  target, so the cost does not depend on the length, and yadif sees the
  real neighbouring frame.  In MPEG transport streams (AVCHD) ffmpeg's seek
  lands on the first key frame *after* the point it finds, so there the seek
  starts :data:`STREAM_SEEK_PREROLL_S` early and a ``trim`` cuts to the frame.

Either way frame *k* of the strip is the first frame at or after
``(k + 0.5) / frames`` of the clip's duration.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional, Union

from docmanager.errors import RefusedError
from docmanager.media.ffmpeg import CancelLike, FFmpegError, run_ffmpeg

__all__ = [
    "FILMSTRIP_FRAMES",
    "FILMSTRIP_HEIGHT",
    "POSTER_WIDTH",
    "SINGLE_PASS_MAX_S",
    "filmstrip_times",
    "make_filmstrip",
    "make_poster",
    "poster_filter",
    "poster_time",
]

PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

POSTER_WIDTH = 320
#: Frames in a filmstrip and the height of each, in pixels.
FILMSTRIP_FRAMES = 10
FILMSTRIP_HEIGHT = 90
#: Clips up to this long are decoded in one pass; longer ones are read with one
#: input seek per frame.  Measured with the bundled ffmpeg on 1080i50 AVCHD
#: (2 cores): one pass takes about 0.05 s + 0.04 s per second of footage
#: (0.24 s for 4 s, 0.83 s for 20 s, 4.5 s for 120 s), ten seeks about 0.85 s
#: whatever the length, so they meet at about 20 s.
SINGLE_PASS_MAX_S = 20.0
#: JPEG quality for ffmpeg's mjpeg encoder (2 best … 31 worst).
JPEG_QUALITY = 4
#: How much earlier than the wanted frame a seek starts in a container
#: without a key frame index (MPEG transport and program streams: AVCHD .MTS,
#: HDV .m2t, .MOD/.TOD).  It must be at least one GOP long (AVCHD and HDV
#: use about half a second).
STREAM_SEEK_PREROLL_S = 1.0
#: Containers where ffmpeg seeks exactly through an index.
_INDEXED_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".qt", ".3gp", ".mxf", ".mkv", ".webm", ".avi"})
#: A frame this close before a target time still counts as on it (rounding).
_TOLERANCE_S = 0.001


def poster_filter(interlaced: bool, width: int = POSTER_WIDTH) -> str:
    """The ``-vf`` chain for a poster: yadif for interlaced sources, then scale."""
    # Deinterlace first: a scaled interlaced frame shows combing on every movement.
    scale = f"scale={width}:-2:flags=bicubic"
    return f"yadif=mode=0,{scale}" if interlaced else scale


def _partial_name(dest: Path) -> Path:
    return dest.with_name(dest.stem + ".partial" + dest.suffix)


def make_poster(source: PathArg, dest: Path, at_seconds: float = 1.0, interlaced: bool = False,
                cancel: Optional[CancelLike] = None) -> Path:
    """Write a JPEG of the frame at ``at_seconds`` (seeking before the input, fast)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial_name(dest)
    try:
        run_ffmpeg(["-ss", f"{max(0.0, at_seconds):.3f}", "-i", os.fsdecode(source), "-frames:v", "1",
                    "-vf", poster_filter(interlaced), "-q:v", str(JPEG_QUALITY), "-f", "image2", str(partial)],
                   cancel=cancel, path=source, message="Poster frame")
        os.replace(partial, dest)
    finally:
        if partial.exists():
            partial.unlink()
    return dest


def poster_time(duration_s: Optional[float]) -> float:
    """A representative moment: a third of the way in, at most 10 s."""
    if not duration_s:
        return 0.0
    return min(duration_s / 3, 10.0)


# --------------------------------------------------------------------------- filmstrips


def filmstrip_times(duration_s: float, frames: int = FILMSTRIP_FRAMES) -> List[float]:
    """The moments a filmstrip shows: the middle of each of ``frames`` equal parts."""
    if frames < 1:
        raise RefusedError(f"a filmstrip needs at least one frame, not {frames}")
    if duration_s <= 0:
        raise RefusedError("a filmstrip needs the clip's duration")
    step = duration_s / frames
    return [(k + 0.5) * step for k in range(frames)]


def _frame_filter(interlaced: bool, height: int) -> str:
    """Deinterlace (interlaced sources) and scale one frame to ``height``, square pixels.

    The width follows the display aspect ratio (``dar``), so anamorphic
    pictures such as 1440×1080 HDV come out 16:9, rounded to an even number.
    """
    scale = f"scale=w=2*trunc({height}*dar/2):h={height}:flags=bicubic,setsar=1"
    return f"yadif=mode=send_frame,{scale}" if interlaced else scale


def _single_pass_args(source: str, duration_s: float, interlaced: bool, frames: int, height: int) -> List[str]:
    """Decode once; keep the first frame at or after each target time; tile them."""
    step = duration_s / frames
    # selected_n counts the frames kept so far, so the k-th kept frame is the
    # first one at or after (k + 0.5) * step (less a millisecond, so a frame
    # exactly on a target is not lost to rounding).  t starts at 0 after setpts.
    select = f"select='gte(t+{_TOLERANCE_S}\\,(selected_n+0.5)*{step:.6f})'"
    chain = ",".join([
        "setpts=PTS-STARTPTS",
        select,
        _frame_filter(interlaced, height),
        f"tile={frames}x1",
    ])
    return ["-an", "-sn", "-dn", "-i", source, "-map", "0:v:0", "-vf", chain, "-frames:v", "1"]


def _seeks_exactly(source: str) -> bool:
    """True for containers with an index of key frames, where an input seek is exact."""
    if source.startswith("concat:"):
        return False
    return os.path.splitext(source)[1].lower() in _INDEXED_SUFFIXES


def _seek_args(source: str, duration_s: float, interlaced: bool, frames: int, height: int) -> List[str]:
    """One input seek per frame, each cut to one frame, stacked side by side.

    In an indexed container the seek is exact.  In a transport or program
    stream ffmpeg seeks by a search over time stamps and starts decoding at
    the first key frame after the point it found, up to a GOP late; there the
    seek starts :data:`STREAM_SEEK_PREROLL_S` earlier and a ``trim`` drops the
    frames before the target.
    """
    preroll = 0.0 if _seeks_exactly(source) else STREAM_SEEK_PREROLL_S
    args: List[str] = []
    graph: List[str] = []
    for k, target in enumerate(filmstrip_times(duration_s, frames)):
        target = max(0.0, target - _TOLERANCE_S)
        seek = max(0.0, target - preroll)
        # One decoder thread per input: ten inputs with a thread per core each
        # only cost memory and start-up time for a single frame.
        args += ["-threads", "1", "-an", "-sn", "-dn", "-ss", f"{seek:.6f}", "-i", source]
        # After an input seek, time 0 is the seek point.
        trim = f"trim=start={target - seek:.6f}," if target > seek else ""
        graph.append(f"[{k}:v:0]{trim}{_frame_filter(interlaced, height)},"
                     f"trim=end_frame=1,setpts=PTS-STARTPTS[f{k}]")
    labels = "".join(f"[f{k}]" for k in range(frames))
    graph.append(f"{labels}hstack=inputs={frames}[strip]" if frames > 1 else "[f0]null[strip]")
    return args + ["-filter_complex", ";".join(graph), "-map", "[strip]", "-frames:v", "1"]


def make_filmstrip(source: PathArg, dest: Path, duration_s: float, interlaced: bool,
                   frames: int = FILMSTRIP_FRAMES, height: int = FILMSTRIP_HEIGHT,
                   cancel: Optional[CancelLike] = None) -> Path:
    """Write one JPEG strip of ``frames`` evenly spaced frames side by side.

    Each frame is ``height`` pixels high and as wide as the picture's display
    aspect ratio asks (160 px for 16:9 at 90 px); the strip is ``frames``
    times that wide.  Frame *k* shows the moment ``(k + 0.5) / frames`` of
    the way through the clip.  One ffmpeg run (two only when the seeking read
    of a long clip fails, e.g. on a file whose index is damaged: then it is
    decoded in one pass).  The image is written under a ``.partial`` name and
    renamed; nothing is left behind on failure or cancel.

    Raises :class:`FFmpegError` (with the source's path) when the clip cannot
    be read, :class:`~docmanager.jobs.Cancelled` when ``cancel`` is set and
    :class:`RefusedError` for a non-positive duration or frame count.
    """
    filmstrip_times(duration_s, frames)  # validates the arguments
    if height < 2:
        raise RefusedError(f"a filmstrip needs a height of at least 2 pixels, not {height}")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial_name(dest)
    name = os.fsdecode(source)
    output = ["-q:v", str(JPEG_QUALITY), "-f", "image2", "-update", "1", str(partial)]
    try:
        if duration_s <= SINGLE_PASS_MAX_S:
            run_ffmpeg(_single_pass_args(name, duration_s, interlaced, frames, height) + output,
                       cancel=cancel, path=source, message="Filmstrip")
        else:
            try:
                run_ffmpeg(_seek_args(name, duration_s, interlaced, frames, height) + output,
                           cancel=cancel, path=source, message="Filmstrip")
            except FFmpegError:
                if not os.path.exists(name):
                    raise
                run_ffmpeg(_single_pass_args(name, duration_s, interlaced, frames, height) + output,
                           cancel=cancel, path=source, message="Filmstrip")
        if not partial.exists() or partial.stat().st_size == 0:
            raise FFmpegError("ffmpeg wrote no filmstrip image (the clip may have no readable video)", source)
        os.replace(partial, dest)
    finally:
        if partial.exists():
            partial.unlink()
    return dest
