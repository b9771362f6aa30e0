"""Real media files for the demo project and the tests, made with ffmpeg.

:func:`make_clip` writes a short clip in the container its name asks for
(``.mp4``, ``.mov``, ``.mts``/``.m2ts``, ``.ts``, ``.mxf``, ``.mkv``): a
moving test picture with a caption, the frame number in large digits, a burnt
in time code when one is given, and a sine tone.  ``.mts`` files look like
AVCHD camera files: 192-byte BDAV packets, H.264 with an AC-3 track on the
usual PIDs, 1080i coded as MBAFF when ``interlaced``, and, when a recording
time, camera or time code is given, the camera's MDPM block (date with UTC
offset, time code, maker and model) in an SEI message of every IDR picture,
exactly where cameras put it, so MediaInfo and an MDPM reader find it.

Frame numbers are also written in a machine-readable way: a band near the
bottom of the picture holds a white start cell, the frame number in
:data:`FRAME_CODE_BITS` black/white cells (most significant bit first) and a
black stop cell.  :func:`read_frame_number` decodes one frame through ffmpeg
and reads that band back, so tests can check that a seek, a thumbnail or an
export landed on the right frame without optical character recognition.
"""
from __future__ import annotations

import functools
import mmap
import os
import re
import tempfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple, Union

from docmanager.errors import MediaReadError
from docmanager.fsutil import temporary_beside
from docmanager.media.ffmpeg import (
    CancelLike,
    FFmpegError,
    ProgressCallback,
    ffmpeg_filters,
    run_ffmpeg,
)
from docmanager.media.probe import normalize_rate

__all__ = [
    "CONTAINERS",
    "FRAME_CODE_BITS",
    "PATTERNS",
    "decode_frame_number",
    "drawtext_available",
    "escape_filter_value",
    "make_clip",
    "read_frame_number",
    "read_frame_number_at",
]

PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

#: Container names accepted by :func:`make_clip`, by file suffix.
CONTAINERS = {
    ".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".mts": "m2ts", ".m2ts": "m2ts",
    ".ts": "ts", ".mxf": "mxf", ".mkv": "mkv",
}
_CONTAINER_ALIASES = {"mts": "m2ts", "mpegts": "ts", "matroska": "mkv", "quicktime": "mov"}
#: Moving pictures :func:`make_clip` can draw on (ffmpeg lavfi sources).
PATTERNS = ("testsrc2", "gradients", "bars")

#: Bits of the frame number band: frames 0 … 2**20 - 1 (11 h 39 min at 25 fps).
FRAME_CODE_BITS = 20
#: The band has a start cell, the bits and a stop cell, each 1/24 of the width,
#: starting one cell in from the left edge.
_CODE_CELLS = FRAME_CODE_BITS + 2
_CODE_CELL_FRACTION = Fraction(1, 24)
#: Vertical extent of the band, as fractions of the picture height.
_CODE_TOP = Fraction(86, 100)
_CODE_BOTTOM = Fraction(94, 100)
#: Size frames are scaled to before the band is read.
_DECODE_SIZE = (480, 270)

_AUDIO_RATE = 48000
#: MDPM (Modified DV Pack Meta) user-data SEI: UUID, then "MDPM".
_MDPM_UUID = bytes.fromhex("17EE8C60F84D11D98CD60800200C9A66")
#: Maker IDs of MDPM tag 0xE0.
_MDPM_MAKERS = {"panasonic": 0x0103, "sony": 0x0108, "canon": 0x1011, "jvc": 0x1104}
_TIMECODE_RE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})([:;])(\d{2})$")


# --------------------------------------------------------------------------- filters


def escape_filter_value(text: str) -> str:
    """Escape ``text`` to be one option value inside an ffmpeg filter graph.

    Two levels, as in "Notes on filtergraph escaping" of the ffmpeg manual:
    first for the filter's option list (``\\ ' :``), then for the graph
    (``\\ ' [ ] , ;``).  Works for any file name or caption.
    """
    value = text.replace("\\", "\\\\").replace("'", "\\'").replace(":", "\\:")
    return "".join("\\" + ch if ch in "\\'[],;" else ch for ch in value)


def _has_cjk(text: str) -> bool:
    return any(0x2E80 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF
               or 0xFF00 <= ord(ch) <= 0xFFEF or 0x20000 <= ord(ch) <= 0x2FA1F
               for ch in text)


def _font_option(fontfile: Optional[PathArg], text: str) -> str:
    """The drawtext font option: a font file, else a fontconfig pattern."""
    if fontfile is not None:
        return "fontfile=" + escape_filter_value(os.fsdecode(fontfile))
    pattern = "Sans:lang=zh-cn" if _has_cjk(text) else "Sans"
    return "font=" + escape_filter_value(pattern)


@functools.lru_cache(maxsize=16)
def drawtext_available(font_option: str = "font=Sans") -> bool:
    """Whether this ffmpeg can draw text with ``font_option`` (tried once).

    False when the build lacks drawtext (libfreetype) or no font can be
    loaded (e.g. no fontconfig configuration on the system).
    """
    if "drawtext" not in ffmpeg_filters():
        return False
    try:
        run_ffmpeg(["-f", "lavfi", "-i", "color=c=black:s=64x64:d=0.04",
                    "-vf", f"drawtext={font_option}:text=8:fontsize=20:fontcolor=white",
                    "-f", "null", "-"])
    except FFmpegError:
        return False
    return True


def _frame_code_filters(width: int, height: int) -> List[str]:
    """drawbox filters writing the frame number band (``n`` = output frame index)."""
    cell = width * _CODE_CELL_FRACTION
    top = round(height * _CODE_TOP)
    band_h = max(2, round(height * _CODE_BOTTOM) - top)

    def box(index: int, colour: str, enable: Optional[str] = None) -> str:
        x0 = round(cell * (index + 1))
        x1 = round(cell * (index + 2))
        spec = f"drawbox=x={x0}:y={top}:w={x1 - x0}:h={band_h}:color={colour}:t=fill"
        return spec + (f":enable='bitand(n,{enable})'" if enable else "")

    margin = round(cell / 2)
    filters = [f"drawbox=x={margin}:y={top - margin // 2}:w={width - 2 * margin}"
               f":h={band_h + margin}:color=black:t=fill",
               box(0, "white")]
    for bit in range(FRAME_CODE_BITS):
        filters.append(box(1 + bit, "white", str(1 << (FRAME_CODE_BITS - 1 - bit))))
    return filters  # the stop cell (last) stays black


def decode_frame_number(gray: bytes, width: int, height: int) -> Optional[int]:
    """Read the frame number band from an 8-bit grey picture (row-major bytes).

    Works on any scaled copy of a generated frame (thumbnails, proxies) as
    long as the aspect ratio was kept by plain scaling.  Returns ``None`` when
    the band is missing or unreadable.
    """
    if len(gray) < width * height or width < 2 * _CODE_CELLS or height < 8:
        return None

    def middle_half(start: float, end: float) -> range:
        """Pixel indices of the central half of [start, end): clear of blurred edges."""
        first = int(start + (end - start) / 4)
        return range(first, max(int(start + (end - start) * 3 / 4), first + 1))

    rows = middle_half(height * float(_CODE_TOP), height * float(_CODE_BOTTOM))
    cell = width * float(_CODE_CELL_FRACTION)

    def level(index: int) -> float:
        cols = middle_half(cell * (index + 1), cell * (index + 2))
        total = sum(gray[r * width + c] for r in rows for c in cols)
        return total / (len(rows) * len(cols))

    levels = [level(i) for i in range(_CODE_CELLS)]
    white, black = levels[0], levels[-1]
    if white - black < 80:
        return None
    threshold = (white + black) / 2
    margin = (white - black) / 4
    number = 0
    for value in levels[1:-1]:
        if abs(value - threshold) < margin:
            return None  # a grey cell: not our band, or damaged
        number = (number << 1) | (1 if value > threshold else 0)
    return number


def _read_gray_frame(input_args: Sequence[str], select: Optional[str], path: PathArg,
                     what: str) -> bytes:
    """Decode one frame, scaled to :data:`_DECODE_SIZE`, as grey bytes."""
    width, height = _DECODE_SIZE
    scale = f"scale={width}:{height}:flags=area,format=gray"
    with tempfile.TemporaryDirectory(prefix="docmanager-frame-") as tmp:
        out = os.path.join(tmp, "frame.gray")
        run_ffmpeg([*input_args, "-an", "-sn", "-dn", "-frames:v", "1",
                    "-vf", f"{select},{scale}" if select else scale,
                    "-fps_mode", "passthrough", "-f", "rawvideo", out], path=path)
        try:
            with open(out, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            data = b""
    if len(data) < width * height:
        raise MediaReadError(path, f"there is no {what}")
    return data[: width * height]


def read_frame_number(path: PathArg, frame_index: int) -> int:
    """The frame number written on frame ``frame_index`` (0-based, every frame decoded).

    Decodes from the start with ffmpeg's ``select`` filter, so the answer
    does not depend on seeking.  Raises :class:`MediaReadError` when the file
    has no such frame or the frame carries no readable band.
    """
    if frame_index < 0:
        raise ValueError("frame_index must be 0 or more")
    name = os.fsdecode(path)
    data = _read_gray_frame(["-i", name], f"select='eq(n,{int(frame_index)})'",
                            path, f"frame {frame_index}")
    return _decoded_or_raise(data, path, f"frame {frame_index}")


def read_frame_number_at(path: PathArg, seconds: float) -> int:
    """The frame number on the frame ffmpeg shows after seeking to ``seconds``.

    Uses an input seek (``-ss`` before ``-i``), which ffmpeg makes exact by
    decoding from the previous key frame: the way thumbnails and exports seek.
    """
    name = os.fsdecode(path)
    data = _read_gray_frame(["-ss", f"{float(seconds):.6f}", "-i", name], None, path,
                            f"frame at {seconds} s")
    return _decoded_or_raise(data, path, f"the frame at {seconds} s")


def _decoded_or_raise(data: bytes, path: PathArg, what: str) -> int:
    number = decode_frame_number(data, *_DECODE_SIZE)
    if number is None:
        raise MediaReadError(path, f"no frame number band found in {what}")
    return number


# --------------------------------------------------------------------------- time code


def _nominal_fps(rate: Fraction) -> int:
    return max(1, round(rate))


def _timecode_to_frames(timecode: str, rate: Fraction) -> Tuple[int, bool]:
    """(frame count, drop-frame) of ``HH:MM:SS:FF`` (``;`` = drop-frame) at ``rate``."""
    match = _TIMECODE_RE.match(timecode)
    if not match:
        raise ValueError(f"time code must look like HH:MM:SS:FF, not {timecode!r}")
    hh, mm, ss, sep, ff = match.groups()
    fps = _nominal_fps(rate)
    drop = sep == ";"
    if drop and fps % 30:
        raise ValueError("drop-frame time code needs a 29.97 or 59.94 fps rate")
    h, m, s, f = int(hh), int(mm), int(ss), int(ff)
    if m > 59 or s > 59 or f >= fps:
        raise ValueError(f"time code {timecode!r} is out of range at {fps} fps")
    frames = (h * 3600 + m * 60 + s) * fps + f
    if drop:
        dropped = fps // 15
        minutes = h * 60 + m
        frames -= dropped * (minutes - minutes // 10)
    return frames, drop


def _frames_to_timecode(frames: int, rate: Fraction, drop: bool) -> Tuple[int, int, int, int]:
    """(hours, minutes, seconds, frames) of a frame count, wrapping at 24 h."""
    fps = _nominal_fps(rate)
    if drop:
        dropped = fps // 15
        per_10_min = fps * 600 - dropped * 9
        per_min = fps * 60 - dropped
        tens, rest = divmod(frames, per_10_min)
        frames += dropped * 9 * tens
        if rest > dropped:
            frames += dropped * ((rest - dropped) // per_min)
    frames %= fps * 86400
    seconds, ff = divmod(frames, fps)
    return seconds // 3600, seconds // 60 % 60, seconds % 60, ff


# --------------------------------------------------------------------------- MDPM


def _bcd(value: int) -> int:
    return ((value // 10) << 4) | (value % 10)


def _mdpm_timezone_byte(offset: timedelta) -> int:
    """MDPM tag 0x18 zone byte: bit 5 = west of UTC, bits 4-1 hours, bit 0 = +30 min."""
    minutes = int(offset.total_seconds() // 60)
    west = minutes < 0
    minutes = abs(minutes)
    hours, rest = divmod(minutes, 60)
    if rest not in (0, 30) or hours > 15:
        raise ValueError(f"an AVCHD camera cannot store the UTC offset {offset}")
    return (0x20 if west else 0) | (hours << 1) | (1 if rest == 30 else 0)


@dataclass(frozen=True)
class _MdpmPlan:
    """What to write into the MDPM block of each IDR picture."""

    rate: Fraction
    recorded_at: Optional[datetime]
    timecode_start: Optional[Tuple[int, bool]]
    camera: Optional[Tuple[str, str]]

    def payload(self, frame_index: int) -> bytes:
        entries: List[Tuple[int, bytes]] = []
        if self.timecode_start is not None:
            start, drop = self.timecode_start
            h, m, s, f = _frames_to_timecode(start + frame_index, self.rate, drop)
            entries.append((0x13, bytes([_bcd(f), _bcd(s), _bcd(m), _bcd(h)])))
        if self.recorded_at is not None:
            offset = self.recorded_at.utcoffset()
            assert offset is not None
            moment = self.recorded_at + timedelta(seconds=int(frame_index / self.rate))
            entries.append((0x18, bytes([_mdpm_timezone_byte(offset), _bcd(moment.year // 100),
                                         _bcd(moment.year % 100), _bcd(moment.month)])))
            entries.append((0x19, bytes([_bcd(moment.day), _bcd(moment.hour),
                                         _bcd(moment.minute), _bcd(moment.second)])))
        if self.camera is not None:
            make, model = self.camera
            maker_id = _MDPM_MAKERS.get(make.strip().lower())
            if maker_id is not None:
                entries.append((0xE0, maker_id.to_bytes(2, "big") + b"\x00\x00"))
            name = model.encode("ascii", "replace")[:12].ljust(12, b"\x00")
            entries += [(0xE4, name[0:4]), (0xE5, name[4:8]), (0xE6, name[8:12])]
        body = b"".join(bytes([tag]) + data for tag, data in entries)
        return _MDPM_UUID + b"MDPM" + bytes([len(entries)]) + body


def _sei_nal(payload_type: int, payload: bytes) -> bytes:
    """An H.264 SEI NAL unit (with emulation prevention) holding one message."""

    def varlen(value: int) -> bytes:
        return b"\xff" * (value // 255) + bytes([value % 255])

    rbsp = varlen(payload_type) + varlen(len(payload)) + payload + b"\x80"
    escaped = bytearray()
    zeros = 0
    for byte in rbsp:
        if zeros >= 2 and byte <= 3:
            escaped.append(3)
            zeros = 0
        escaped.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return b"\x06" + bytes(escaped)


def _nal_units(data: "mmap.mmap") -> Iterator[Tuple[int, int]]:
    """(start, end) of each NAL unit payload in an Annex B byte stream."""
    position = data.find(b"\x00\x00\x01")
    while position != -1:
        start = position + 3
        following = data.find(b"\x00\x00\x01", start)
        end = len(data) if following == -1 else following
        while end > start and data[end - 1] == 0:  # trailing zero bytes / 4-byte start code
            end -= 1
        yield start, end
        position = following


def _insert_mdpm(source: str, target: str, plan: _MdpmPlan) -> None:
    """Copy an H.264 Annex B stream, adding an MDPM SEI before each IDR picture."""
    frame_index = -1
    with open(source, "rb") as raw, open(target, "wb") as out:
        with mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for start, end in _nal_units(data):
                if end <= start:
                    continue
                nal_type = data[start] & 0x1F
                first_slice = nal_type in (1, 5) and end > start + 1 and data[start + 1] & 0x80
                if first_slice:  # first_mb_in_slice == 0: a new picture begins
                    frame_index += 1
                    if nal_type == 5:
                        out.write(b"\x00\x00\x00\x01" + _sei_nal(5, plan.payload(frame_index)))
                out.write(b"\x00\x00\x00\x01")
                out.write(data[start:end])


# --------------------------------------------------------------------------- clips


def _rate_text(rate: Fraction) -> str:
    return str(rate.numerator) if rate.denominator == 1 else f"{rate.numerator}/{rate.denominator}"


def _source(pattern: str, size: Tuple[int, int], rate: Fraction, seed_text: str) -> str:
    width, height = size
    common = f"s={width}x{height}:r={_rate_text(rate)}"
    if pattern == "testsrc2":
        return f"testsrc2={common}"
    if pattern == "bars":
        return f"smptehdbars={common}"
    if pattern == "gradients":
        seed = zlib.crc32(seed_text.encode("utf-8")) & 0x7FFFFFFF
        # Smooth colour fields lose nothing when drawn at a quarter of the size
        # and scaled up, and that is about ten times faster than at full size.
        small = f"s={max(16, width // 4)}x{max(16, height // 4)}:r={_rate_text(rate)}"
        return (f"gradients={small}:seed={seed}:speed=0.015:nb_colors=3,"
                f"scale={width}:{height}:flags=bilinear")
    raise ValueError(f"pattern must be one of {', '.join(PATTERNS)}, not {pattern!r}")


def _video_filters(*, size: Tuple[int, int], rate: Fraction, interlaced: bool, label: str,
                   number_frames: bool, timecode: Optional[str],
                   fontfile: Optional[PathArg]) -> str:
    width, height = size
    chain: List[str] = []
    if interlaced:  # two pictures at twice the rate become the two fields of one frame
        chain.append("tinterlace=mode=interleave_top")
    chain.append("format=yuv420p")
    font = _font_option(fontfile, label)
    if drawtext_available(font):
        common = f"{font}:fontcolor=white:box=1:boxcolor=black@0.45"
        small = max(10, height // 16)
        pad = max(2, height // 90)
        margin = round(width / 24)
        top = max(32, height // 10)  # below testsrc2's own clock in the corner
        if label:
            chain.append(f"drawtext={common}:boxborderw={pad}:fontsize={small}:expansion=none"
                         f":x={margin}:y={top}:text={escape_filter_value(label)}")
        if number_frames:
            chain.append(f"drawtext={common}:boxborderw={pad}:fontsize={max(12, height // 5)}"
                         f":x=(w-text_w)/2:y=(h-text_h)/2-h/20:text=%{{n}}")
        if timecode:
            chain.append(f"drawtext={common}:boxborderw={pad}:fontsize={small}"
                         f":x=w-text_w-{margin}:y={top}"
                         f":timecode={escape_filter_value(timecode)}:timecode_rate={_rate_text(rate)}")
    if number_frames:
        chain += _frame_code_filters(width, height)
    if interlaced:
        chain.append("setfield=tff")
    return ",".join(chain)


def _timestamp_utc(moment: datetime) -> str:
    """``2024-05-01T10:11:12.000000Z``: an aware time as ffmpeg's creation_time."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _local_iso(moment: datetime) -> str:
    """``2024-05-01T18:11:12+0800`` as QuickTime creationdate keys carry it."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S%z")


def make_clip(
    path: PathArg,
    *,
    seconds: Union[float, int, Fraction],
    size: Tuple[int, int] = (1920, 1080),
    rate: Union[Fraction, int, float, str] = Fraction(25),
    interlaced: bool = False,
    container: Optional[str] = None,
    label: Optional[str] = None,
    tone_hz: float = 440.0,
    number_frames: bool = True,
    audio: bool = True,
    pattern: str = "testsrc2",
    timecode: Optional[str] = None,
    recorded_at: Optional[datetime] = None,
    camera: Optional[Tuple[str, str]] = None,
    fontfile: Optional[PathArg] = None,
    progress: Optional[ProgressCallback] = None,
    cancel: Optional[CancelLike] = None,
) -> Path:
    """Write a real clip of ``seconds`` (rounded to whole frames) to ``path``.

    * ``rate`` is the frame rate (``Fraction(30000, 1001)`` for 29.97);
      ``interlaced`` makes field-based video at that frame rate, e.g. 1080i50
      is ``rate=25, interlaced=True``: H.264 coded interlaced (MBAFF, top
      field first) or MPEG-2 in MXF, with motion between the two fields.
    * ``container`` is ``mp4``, ``mov``, ``m2ts`` (192-byte packets, also
      for ``.mts``), ``ts``, ``mxf`` or ``mkv``; by default it follows the
      suffix.  Audio is AAC in mp4/mov/mkv, AC-3 in m2ts/ts, PCM in MXF,
      48 kHz stereo, a sine at ``tone_hz``.
    * ``label`` (default: the file name) is drawn at the top left; with
      ``number_frames`` the frame number is drawn large in the middle and
      coded in the band :func:`read_frame_number` reads.  Text needs
      ffmpeg's drawtext and a font (``fontfile``, else fontconfig's "Sans");
      without them only the band is drawn.
    * ``pattern``: ``testsrc2`` (busy, fast), ``gradients`` (calm, small
      files, seeded by the label) or ``bars``.
    * ``timecode`` (``HH:MM:SS:FF``, ``;`` for drop-frame) is stored as the
      start time code (a tmcd/MXF track, or MDPM in m2ts) and burnt in.
    * ``recorded_at`` (timezone-aware) is stored as the container's UTC
      creation time; a .mov also gets ``com.apple.quicktime.creationdate``
      with the local offset; an m2ts gets it in MDPM with the offset.
    * ``camera`` is ``(make, model)``: QuickTime make/model keys in mov/mp4,
      the identification in MXF, MDPM maker and model name in m2ts.

    The file appears under its name only when complete (written to a hidden
    temporary name first).  ``progress``/``cancel`` follow the jobs seam.
    Returns the path written.
    """
    target = Path(os.fsdecode(path))
    kind = container.lower() if container else CONTAINERS.get(target.suffix.lower())
    kind = _CONTAINER_ALIASES.get(kind or "", kind)
    if kind not in set(CONTAINERS.values()):
        raise ValueError(f"cannot tell the container of {target.name!r}; "
                         f"use a suffix {', '.join(sorted(CONTAINERS))} or container=")
    frame_rate = normalize_rate(rate)
    width, height = size
    if width <= 0 or height <= 0 or width % 2 or height % 2:
        raise ValueError(f"size must be two positive even numbers, not {size!r}")
    if interlaced and height % 4:
        raise ValueError("interlaced pictures need a height divisible by 4")
    exact_seconds = Fraction(repr(seconds)) if isinstance(seconds, float) else Fraction(seconds)
    if exact_seconds <= 0:
        raise ValueError("seconds must be positive")
    frames = max(1, round(exact_seconds * frame_rate))
    duration = Fraction(frames) / frame_rate
    if recorded_at is not None and recorded_at.utcoffset() is None:
        raise ValueError("recorded_at must be timezone-aware")
    tc_start = _timecode_to_frames(timecode, frame_rate) if timecode else None
    caption = target.stem if label is None else label.strip()

    source_rate = frame_rate * 2 if interlaced else frame_rate
    inputs = ["-f", "lavfi", "-i", _source(pattern, size, source_rate, caption or target.stem)]
    vf = _video_filters(size=size, rate=frame_rate, interlaced=interlaced, label=caption,
                        number_frames=number_frames, timecode=timecode, fontfile=fontfile)
    gop = max(1, round(frame_rate / 2)) if kind in ("m2ts", "ts") else max(1, round(frame_rate))

    if kind == "mxf":
        bitrate = max(2_000_000, int(width * height * frame_rate * Fraction(3, 10)))
        video_codec = ["-c:v", "mpeg2video", "-b:v", str(bitrate), "-g", str(min(gop, 15)),
                       "-bf", "2"]
    else:
        x264_params = "force-cfr=1" + (":tff=1" if interlaced else "")
        video_codec = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "26",
                       "-g", str(gop), "-x264-params", x264_params]
    if interlaced:
        video_codec += ["-flags", "+ildct+ilme"]
    video_codec += ["-pix_fmt", "yuv420p"]

    audio_input = ["-f", "lavfi", "-i",
                   f"sine=frequency={float(tone_hz):g}:sample_rate={_AUDIO_RATE}"
                   f":duration={float(duration):.6f}"]
    audio_codec = {
        "mp4": ["-c:a", "aac", "-b:a", "128k"], "mov": ["-c:a", "aac", "-b:a", "128k"],
        "mkv": ["-c:a", "aac", "-b:a", "128k"], "m2ts": ["-c:a", "ac3", "-b:a", "192k"],
        "ts": ["-c:a", "ac3", "-b:a", "192k"], "mxf": ["-c:a", "pcm_s16le"],
    }[kind] + ["-ac", "2", "-ar", str(_AUDIO_RATE)]

    metadata: List[str] = []
    if kind != "m2ts" and kind != "ts":
        if timecode:
            metadata += ["-timecode", timecode]
        if recorded_at is not None:
            metadata += ["-metadata", f"creation_time={_timestamp_utc(recorded_at)}"]
        if kind in ("mov", "mp4") and (camera is not None or (recorded_at is not None and kind == "mov")):
            metadata += ["-movflags", "use_metadata_tags"]
            if recorded_at is not None and kind == "mov":
                metadata += ["-metadata", f"com.apple.quicktime.creationdate={_local_iso(recorded_at)}"]
            if camera is not None:
                metadata += ["-metadata", f"com.apple.quicktime.make={camera[0]}",
                             "-metadata", f"com.apple.quicktime.model={camera[1]}"]
        if kind == "mxf" and camera is not None:
            metadata += ["-metadata", f"company_name={camera[0]}",
                         "-metadata", f"product_name={camera[1]}"]
    muxer = {"mp4": ["-f", "mp4"], "mov": ["-f", "mov"], "mkv": ["-f", "matroska"],
             "mxf": ["-f", "mxf"], "ts": ["-f", "mpegts"],
             "m2ts": ["-f", "mpegts", "-mpegts_m2ts_mode", "1"]}[kind]

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = os.fspath(temporary_beside(target))
    scratch: Optional[tempfile.TemporaryDirectory] = None
    message = f"Generating {target.name}"
    seconds_total = float(duration)
    try:
        if kind in ("m2ts", "ts"):
            # Encode the elementary stream first so camera metadata (MDPM) can be
            # placed in it, then wrap it in the transport stream with the sound.
            scratch = tempfile.TemporaryDirectory(prefix="docmanager-clip-")
            elementary = os.path.join(scratch.name, "video.h264")
            run_ffmpeg([*inputs, "-vf", vf, "-frames:v", str(frames), *video_codec,
                        "-an", "-f", "h264", elementary],
                       progress=progress, cancel=cancel, duration=seconds_total,
                       message=message, path=target)
            if recorded_at is not None or camera is not None or tc_start is not None:
                tagged = os.path.join(scratch.name, "video-mdpm.h264")
                _insert_mdpm(elementary, tagged, _MdpmPlan(frame_rate, recorded_at, tc_start, camera))
                elementary = tagged
            mux_inputs = ["-framerate", _rate_text(frame_rate), "-f", "h264", "-i", elementary]
            streams = ["-map", "0:v"]
            if audio:
                mux_inputs += audio_input
                streams += ["-map", "1:a", *audio_codec]
            run_ffmpeg([*mux_inputs, *streams, "-c:v", "copy", *muxer, partial],
                       cancel=cancel, path=target, message=message)
        else:
            all_inputs = [*inputs, *(audio_input if audio else [])]
            streams = ["-map", "0:v", *(["-map", "1:a", *audio_codec] if audio else [])]
            run_ffmpeg([*all_inputs, "-vf", vf, "-frames:v", str(frames), *video_codec,
                        *streams, *metadata, *muxer, partial],
                       progress=progress, cancel=cancel, duration=seconds_total,
                       message=message, path=target)
        os.replace(partial, target)
    except BaseException:
        try:
            os.unlink(partial)
        except OSError:
            pass
        raise
    finally:
        if scratch is not None:
            scratch.cleanup()
    if progress is not None and kind in ("m2ts", "ts"):
        progress(seconds_total, seconds_total, message)
    return target
