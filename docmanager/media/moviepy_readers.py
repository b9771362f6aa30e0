"""moviepy's file readers, made to open every file the bundled ffmpeg can read.

moviepy learns a file's duration, frame rate and picture size by parsing the
text ``ffmpeg -i`` prints (``FFmpegInfosParser``).  That parser stops with an
``AttributeError`` on lines it does not know, and moviepy then raises
``IOError("Error passing `ffmpeg -i` command output: …")``.  The ffmpeg
DocManager ships (7.x) prints such lines for every QuickTime file with a
timecode (``tmcd``) track, which most camera MOVs carry (XAVC, ProRes,
Canon)::

      Stream group #0:0[0x3]: Track Reference:
        Stream #0:0[0x1]: Video: h264 …
        Stream #0:2[0x3](eng): Data: none (tmcd / 0x64636D74), 0 kb/s

This module is the one place DocManager reads media through moviepy:

* :func:`media_infos` runs the bundled ffmpeg and hands moviepy's parser
  the description in the form it knows (:func:`tidy_description`: stream
  groups flattened into their streams, streams of kinds it does not read
  left out).  Should the parser still fail, only the lines it needs (the
  duration and the stream lines) are parsed.  A file that cannot be read
  raises :class:`~docmanager.errors.MediaReadError` naming the file, the
  cause in plain words and what to do.
* :class:`VideoReader` and :class:`SoundReader` are moviepy's frame and
  sound readers, set up from :func:`media_infos` (the rest is moviepy's);
  :class:`SoundFileClip` is an ``AudioFileClip`` reading through
  :class:`SoundReader`.

Decoding itself never needed the description: moviepy's readers ask ffmpeg
for raw frames or samples, and data streams such as timecode are not part of
that output.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from moviepy import AudioClip, AudioFileClip
from moviepy.audio.io.readers import FFMPEG_AudioReader
from moviepy.video.io.ffmpeg_reader import FFMPEG_VideoReader, FFmpegInfosParser

from docmanager.errors import MediaReadError
from docmanager.media.ffmpeg import ffmpeg_exe

__all__ = [
    "SoundFileClip",
    "SoundReader",
    "VideoReader",
    "media_infos",
    "parse_description",
    "tidy_description",
]

PathArg = Union[str, "os.PathLike[str]"]

#: Seconds ``ffmpeg -i`` may take to describe a file (a sleeping network drive).
DESCRIBE_TIMEOUT_S = 60
#: Stream kinds moviepy's parser reads; others (Subtitle, Attachment) only make it warn.
_PARSED_KINDS = frozenset({"Video", "Audio", "Data"})
#: A stream line exactly as moviepy's parser matches it.
_STREAM_RE = re.compile(r"^Stream\s#(\d+):(\d+)(?:\[\w+\])?\(?(\w+)?\)?:\s(\w+):")
#: What to do about a file that cannot be read.
_ADVICE = "check that it plays, copy it again from the card or backup, or relink the clip to a good copy"
#: ffmpeg's words for common problems, and what they mean.
_PLAIN_CAUSES: Sequence[Tuple[str, str]] = (
    ("moov atom not found", "its MOV/MP4 index (the 'moov atom') is missing: the recording was cut off, "
                            "the copy stopped early, or it is not a MOV/MP4 file at all"),
    ("permission denied", "this computer is not allowed to read it (permission denied)"),
    ("no such file or directory", "the file is missing"),
    ("invalid data found when processing input", "ffmpeg does not recognise it as video or sound; it is "
                                                 "damaged or not a media file"),
    ("end of file", "it ends early; it is damaged or was not copied completely"),
)
#: ffmpeg's prefix of a message from one component, e.g. ``[in#0 @ 0x55d…] ``.
_COMPONENT_PREFIX_RE = re.compile(r"^\[[^\]]*\]\s*")


# --------------------------------------------------------------------------- describing a file


def _describe(path: str) -> str:
    """What ``ffmpeg -i`` prints about ``path`` (its standard error)."""
    creationflags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    try:
        result = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", path],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                timeout=DESCRIBE_TIMEOUT_S, check=False, creationflags=creationflags)
    except subprocess.TimeoutExpired as exc:
        raise MediaReadError(path, f"ffmpeg took more than {DESCRIBE_TIMEOUT_S} s to open it (a slow or "
                                   "sleeping drive?); try again, or copy the file to a local drive") from exc
    except OSError as exc:
        raise MediaReadError(path, f"ffmpeg could not be started to read it ({exc.strerror or exc}); "
                                   "reinstall DocManager") from exc
    return result.stderr.decode("utf-8", "replace")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def tidy_description(text: str) -> str:
    """``ffmpeg -i`` output in the form moviepy's parser reads.

    * ``Stream group`` headers go; the streams listed under them are moved
      out to the file's level (two spaces less indentation), with their
      metadata; other lines describing a group (layers, tiles) go.
    * Streams moviepy does not read (subtitles, attachments) and stream lines
      it could not match go, with their metadata.
    * Empty lines go.
    """
    out: List[str] = []
    groups: List[int] = []  # indentation of each open "Stream group" header
    skip_deeper: Optional[int] = None  # leave out lines indented more than this
    for line in text.splitlines():
        body = line.strip()
        if not body:
            continue
        indent = _indent(line)
        if skip_deeper is not None:
            if indent > skip_deeper:
                continue
            skip_deeper = None
        while groups and indent <= groups[-1]:
            groups.pop()
        if body.startswith("Stream group"):
            groups.append(indent)
            continue
        if groups and indent == groups[-1] + 2 and not body.startswith("Stream #"):
            skip_deeper = indent  # a group's own details
            continue
        if body.startswith("Stream #"):
            match = _STREAM_RE.match(body)
            if match is None or match.group(4) not in _PARSED_KINDS:
                skip_deeper = indent
                continue
        out.append(line[min(2 * len(groups), indent):])
    return "\n".join(out) + "\n"


def _essentials(text: str) -> str:
    """Only the lines of a tidy description that give durations and streams."""
    lines = text.splitlines()
    kept = [line for line in lines[1:]
            if line.startswith("  Duration:") or line.lstrip().startswith("Stream #")]
    return "\n".join(lines[:1] + ["  " + line.lstrip() if "Stream #" in line else line for line in kept]) + "\n"


def _plain_cause(text: str) -> str:
    """The reason ffmpeg gives for not opening a file, in plain words."""
    messages = [_COMPONENT_PREFIX_RE.sub("", line).strip() for line in text.splitlines()]
    messages = [m for m in messages if m and not m.lower().startswith(("input #", "at least one output"))]
    lowered = " ".join(messages).lower()
    for words, meaning in _PLAIN_CAUSES:
        if words in lowered:
            return meaning
    last = messages[-1] if messages else "no reason given"
    last = re.sub(r"^Error opening input files?:\s*", "", last)
    return f"ffmpeg cannot open it ({last})"


def parse_description(text: str, path: PathArg, *, fps_source: str = "fps") -> Dict[str, Any]:
    """moviepy's infos dictionary from the ``ffmpeg -i`` output ``text`` about ``path``.

    Raises :class:`MediaReadError` when ffmpeg did not open the file or the
    description cannot be understood.
    """
    name = os.fsdecode(path)
    if not re.search(r"^Input #\d+", text, re.M):
        raise MediaReadError(name, f"{_plain_cause(text)}; {_ADVICE}")
    tidy = tidy_description(text[text.index("Input #"):] if "Input #" in text else text)
    failure: Optional[BaseException] = None
    for candidate in (tidy, _essentials(tidy)):
        try:
            return FFmpegInfosParser(candidate, name, fps_source=fps_source, check_duration=True,
                                     decode_file=False).parse()
        except Exception as exc:  # noqa: BLE001 - the parser raises anything from AttributeError to IOError
            failure = failure or exc
    detail = (str(failure).strip().splitlines() or [type(failure).__name__])[0]
    raise MediaReadError(name, f"ffmpeg opens it but its description could not be understood ({detail}); "
                               f"rewrap it with ffmpeg or your editing application, or {_ADVICE}")


def media_infos(path: PathArg, *, fps_source: str = "fps") -> Dict[str, Any]:
    """What moviepy needs to know about ``path``: duration, streams, frame rate, size …

    The same dictionary as ``moviepy.video.io.ffmpeg_reader.ffmpeg_parse_infos``
    (without decoding the file), also for files with a timecode track.
    Raises :class:`MediaReadError` for a missing or unreadable file.
    """
    name = os.fsdecode(path)
    if os.path.isdir(name):
        raise MediaReadError(name, "it is a folder, not a media file; relink the clip to the file itself")
    if not os.path.exists(name):
        raise MediaReadError(name, "the file is missing; reconnect the drive or relink the clip")
    return parse_description(_describe(name), name, fps_source=fps_source)


# --------------------------------------------------------------------------- readers


class VideoReader(FFMPEG_VideoReader):
    """moviepy's frame reader, set up from :func:`media_infos` instead of moviepy's own parse.

    Takes the same arguments as ``FFMPEG_VideoReader`` (the whole file is
    never decoded to find its duration).  Raises :class:`MediaReadError`
    when the file cannot be read or has no video.
    """

    def __init__(self, filename: PathArg, decode_file: bool = False, print_infos: bool = False,
                 bufsize: Optional[int] = None, pixel_format: str = "rgb24", check_duration: bool = True,
                 target_resolution: Optional[Sequence[Optional[int]]] = None, resize_algo: str = "bicubic",
                 fps_source: str = "fps") -> None:
        self.filename = os.fsdecode(filename)
        self.proc = None
        infos = media_infos(self.filename, fps_source=fps_source)
        if not infos.get("video_found"):
            raise MediaReadError(self.filename, "it has no video stream; relink the clip to a video file")
        self.fps = infos.get("video_fps", 1.0)
        self.size = infos.get("video_size") or (1, 1)
        self.rotation = abs(infos.get("video_rotation", 0))
        if self.rotation in (90, 270):
            self.size = [self.size[1], self.size[0]]
        if target_resolution:
            if None in target_resolution:
                ratio = 1.0
                for axis, target in enumerate(target_resolution):
                    if target:
                        ratio = target / self.size[axis]
                self.size = (int(self.size[0] * ratio), int(self.size[1] * ratio))
            else:
                self.size = tuple(target_resolution)
        self.resize_algo = resize_algo
        self.duration = infos.get("video_duration", 0.0)
        self.ffmpeg_duration = infos.get("duration", 0.0)
        self.n_frames = infos.get("video_n_frames", 0)
        self.bitrate = infos.get("video_bitrate", 0)
        self.infos = infos
        self.pixel_format = pixel_format
        self.depth = 4 if pixel_format[-1] == "a" else 3
        if bufsize is None:
            width, height = self.size
            bufsize = self.depth * width * height + 100
        self.bufsize = bufsize
        self.initialize()


class SoundReader(FFMPEG_AudioReader):
    """moviepy's sound reader, set up from :func:`media_infos` instead of moviepy's own parse.

    Raises :class:`MediaReadError` when the file cannot be read or has no sound.
    """

    def __init__(self, filename: PathArg, buffersize: int, decode_file: bool = False, print_infos: bool = False,
                 fps: int = 44100, nbytes: int = 2, nchannels: int = 2) -> None:
        self.filename = os.fsdecode(filename)
        self.proc = None
        self.nbytes = nbytes
        self.fps = fps
        self.format = "s%dle" % (8 * nbytes)
        self.codec = "pcm_s%dle" % (8 * nbytes)
        self.nchannels = nchannels
        infos = media_infos(self.filename)
        if not infos.get("audio_found"):
            raise MediaReadError(self.filename, "it has no sound stream")
        self.duration = infos.get("duration") or 0.0
        self.bitrate = infos.get("audio_bitrate")
        self.infos = infos
        self.n_frames = int(self.fps * self.duration)
        self.buffersize = min(self.n_frames + 1, buffersize)
        self.buffer = None
        self.buffer_startframe = 1
        self.initialize()
        self.buffer_around(1)


class SoundFileClip(AudioFileClip):
    """An ``AudioFileClip`` reading through :class:`SoundReader` (same arguments)."""

    def __init__(self, filename: PathArg, decode_file: bool = False, buffersize: int = 200000, nbytes: int = 2,
                 fps: int = 44100) -> None:
        AudioClip.__init__(self)
        self.filename = os.fsdecode(filename)
        self.reader = SoundReader(self.filename, buffersize=buffersize, fps=fps, nbytes=nbytes)
        self.fps = fps
        self.duration = self.reader.duration
        self.end = self.reader.duration
        self.buffersize = self.reader.buffersize
        self.frame_function = lambda t: self.reader.get_frame(t)
        self.nchannels = self.reader.nchannels
