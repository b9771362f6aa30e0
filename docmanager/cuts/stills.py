"""Frame-exact stills and contact sheets, and the Chinese font both need.

* :func:`export_still` writes the frame showing at a moment of a clip as a
  PNG or JPEG (by the suffix of ``out_path``), deinterlaced when asked.
* :func:`contact_sheet` draws a grid of such frames with Pillow, each with its
  label (time code, clip name, marker note, in any script) and a title.
* :func:`find_cjk_font` finds the font every burnt-in or drawn text uses
  (Noto Sans CJK, Simplified Chinese face, by default); :func:`wrap_text`
  breaks a text into lines of a given width the way subtitles and labels
  need it (between words, or between Chinese characters, never putting
  closing punctuation at the start of a line).  The screener renderer
  (:mod:`docmanager.cuts.screener`) uses both.

Which frame is "at" a time
--------------------------
Frame *n* of a clip is the *n*-th decoded picture (0-based), as
:func:`docmanager.media.generate.read_frame_number` counts them.  The frame at
``at_seconds`` is the one showing then, frame ``floor(at_seconds * rate)``; a
time computed as ``n / rate`` (how markers are stored) always gives frame *n*,
even after float rounding.  The frame is picked by its time stamp with half
a frame of tolerance either side, relative to the first video frame (the
clip's other streams may start a few milliseconds earlier; ffmpeg's stream
start times are used to correct for that).

How the frame is reached
------------------------
In an indexed container (MP4, MOV, MXF, MKV …) an input seek (``-ss`` before
``-i``) is exact: ffmpeg decodes from the key frame before the target and
drops the frames in front of it.  In an MPEG transport stream (AVCHD
``.MTS``/``.M2TS``, HDV ``.m2t``, ``.TS``) there is no index: ffmpeg finds
the position by a search over time stamps and then starts at the first key
frame *after* it, so an input seek lands up to a GOP late.  There the decode
starts :data:`STREAM_PREROLL_S` before the target (or at the start of the
file when the target is closer to it than that) and a ``select`` on the
decoded frames' time stamps keeps the wanted frame.  The ``select`` only
accepts a frame within half a frame of the target's time, so a seek that
landed too late gives no frame rather than a wrong one; then the file is
decoded from its start.  Deinterlacing (``yadif``, one frame per frame) runs
before the ``select`` so it sees the real neighbouring fields.
"""
from __future__ import annotations

import functools
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Tuple, Union

from PIL import Image, ImageDraw, ImageFont

from docmanager.errors import DocManagerError, MediaReadError, RefusedError
from docmanager.jobs import Cancelled, Report, as_cancel, as_progress
from docmanager.media.ffmpeg import ffmpeg_exe, run_ffmpeg
from docmanager.media.probe import normalize_rate

__all__ = [
    "CjkFont",
    "FontNotFoundError",
    "MediaTiming",
    "SheetLayout",
    "StillEntry",
    "STREAM_PREROLL_S",
    "STREAM_SUFFIXES",
    "contact_sheet",
    "export_still",
    "find_cjk_font",
    "media_timing",
    "sheet_layout",
    "still_filter",
    "wrap_text",
]

log = logging.getLogger(__name__)

PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
ProgressArg = Optional[Callable[[float, float, str], None]]
CancelArg = Optional[Callable[[], bool]]

#: Suffixes of MPEG transport and program streams, where an input seek is not exact.
STREAM_SUFFIXES = frozenset({".mts", ".m2ts", ".ts", ".m2t", ".mod", ".tod", ".mpg", ".mpeg", ".vob"})
#: How much earlier than the wanted frame decoding starts in a stream
#: container: several GOPs (AVCHD and HDV use about half a second, some
#: cameras one second), so the late landing of the seek never reaches the
#: target.  Decoding 3 s of 1080i AVCHD takes about 0.15 s on 2 cores.
STREAM_PREROLL_S = 3.0
#: Output image formats by suffix.
_IMAGE_CODECS = {
    ".png": ["-c:v", "png", "-pix_fmt", "rgb24"],
    ".jpg": ["-c:v", "mjpeg", "-q:v", "2"],
    ".jpeg": ["-c:v", "mjpeg", "-q:v", "2"],
}
#: Contact sheet formats Pillow writes, by suffix.
_SHEET_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".pdf": "PDF"}


# --------------------------------------------------------------------------- fonts


class FontNotFoundError(DocManagerError):
    """No installed font can draw Chinese; the message says what to install."""


#: What to install when no CJK font is found, per platform.
FONT_INSTALL_HINT = (
    "install the Noto Sans CJK fonts: on Debian or Ubuntu 'sudo apt install fonts-noto-cjk', "
    "on Fedora 'sudo dnf install google-noto-sans-cjk-fonts', on Arch 'sudo pacman -S noto-fonts-cjk'; "
    "on macOS and Windows the system's PingFang or Microsoft YaHei is used"
)

#: Font files tried when fontconfig does not answer, by weight ("{weight}" is Regular or Bold).
KNOWN_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-{weight}.ttc",  # Arch: noto-fonts-cjk
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-{weight}.ttc",  # Fedora
    "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-{weight}.ttc",  # Fedora 39+
    "/usr/local/share/fonts/NotoSansCJK-{weight}.ttc",
    "/System/Library/Fonts/PingFang.ttc",  # macOS
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "C:/Windows/Fonts/msyh.ttc",  # Windows: Microsoft YaHei
)

#: The face a language wants inside a Pan-CJK collection ("Noto Sans CJK SC" …).
_REGIONS = {
    "zh": "SC", "zh-cn": "SC", "zh-sg": "SC", "zh-hans": "SC", "zh-hans-cn": "SC",
    "zh-tw": "TC", "zh-hant": "TC", "zh-hant-tw": "TC",
    "zh-hk": "HK", "zh-mo": "HK", "zh-hant-hk": "HK",
    "ja": "JP", "ko": "KR",
}


@dataclass(frozen=True)
class CjkFont:
    """A font file that draws Chinese, and the face to use inside it.

    ``index`` is the face inside a collection (``.ttc``): Pillow opens it with
    ``ImageFont.truetype(str(font.path), size, index=font.index)``.
    """

    path: Path
    index: int
    family: str

    def truetype(self, size: int) -> ImageFont.FreeTypeFont:
        """This face at ``size`` pixels."""
        return ImageFont.truetype(str(self.path), size, index=self.index)


def region_of(lang: str) -> str:
    """The CJK face a language asks for: ``SC`` (also for English: Chinese names), ``TC``, ``HK``, ``JP``, ``KR``."""
    key = (lang or "").strip().lower().replace("_", "-")
    while key:
        if key in _REGIONS:
            return _REGIONS[key]
        key = key.rpartition("-")[0]
    return "SC"


def _draws_chinese(path: str, index: int) -> bool:
    """True when the face draws distinct Chinese characters (not the same missing-glyph box)."""
    try:
        font = ImageFont.truetype(path, 24, index=index)
        first, second = font.getmask("中"), font.getmask("国")
    except (OSError, ValueError):
        return False
    if first.getbbox() is None or second.getbbox() is None:
        return False
    return bytes(first) != bytes(second)


def _faces(path: str) -> List[Tuple[int, str]]:
    """(index, "Family Style") of every face in a font file."""
    faces = []
    for index in range(64):
        try:
            family, style = ImageFont.truetype(path, 12, index=index).getname()
        except (OSError, ValueError):
            break
        faces.append((index, f"{family} {style}".strip()))
    return faces


def _pick_face(path: str, region: str, hint: Optional[int] = None) -> Optional[Tuple[int, str]]:
    """The face of ``path`` for ``region`` ("… SC" names first, monospaced faces last), if it draws Chinese."""
    faces = _faces(path)
    if not faces:
        return None

    def score(face: Tuple[int, str]) -> Tuple[int, int, int]:
        index, name = face
        words = name.replace("-", " ").split()
        return (int(region in words), int("Mono" not in words), int(index == hint))

    best = max(faces, key=score)
    if not _draws_chinese(path, best[0]):
        return None
    return best


def _fontconfig_candidates(region: str, bold: bool) -> List[Tuple[str, Optional[int]]]:
    """What fontconfig offers for Noto Sans CJK of ``region`` (any font covering Chinese)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return []
    lang = {"SC": "zh-cn", "TC": "zh-tw", "HK": "zh-hk", "JP": "ja", "KR": "ko"}[region]
    pattern = f"Noto Sans CJK {region}:lang={lang}" + (":weight=bold" if bold else "")
    try:
        result = subprocess.run([fc_match, "-f", "%{file}\n%{index}\n", pattern],
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    lines = result.stdout.splitlines()
    if result.returncode != 0 or not lines or not lines[0]:
        return []
    index = int(lines[1]) if len(lines) > 1 and lines[1].strip().isdigit() else None
    return [(lines[0], index)]


@functools.lru_cache(maxsize=16)
def find_cjk_font(lang: str = "zh-Hans", bold: bool = False) -> CjkFont:
    """The installed font for text that may hold Chinese (cached).

    Asks fontconfig for "Noto Sans CJK SC" (TC/HK/JP/KR by ``lang``), then
    tries the usual install paths (:data:`KNOWN_FONT_FILES`); inside a
    collection the face of the language's region is chosen.  A candidate is
    only taken when it really draws Chinese.  Raises
    :class:`FontNotFoundError` saying what to install when nothing does.
    """
    region = region_of(lang)
    weight = "Bold" if bold else "Regular"
    candidates: List[Tuple[str, Optional[int]]] = _fontconfig_candidates(region, bold)
    for pattern in KNOWN_FONT_FILES:
        candidates.append((pattern.format(weight=weight), None))
    if bold:  # a regular face is better than none
        candidates += [(pattern.format(weight="Regular"), None) for pattern in KNOWN_FONT_FILES]
    seen = set()
    for path, hint in candidates:
        if path in seen or not os.path.isfile(path):
            continue
        seen.add(path)
        face = _pick_face(path, region, hint)
        if face is not None:
            return CjkFont(Path(path), face[0], face[1])
    raise FontNotFoundError(f"no font that draws Chinese is installed; {FONT_INSTALL_HINT}")


# --------------------------------------------------------------------------- line breaking

#: Characters that must not begin a line (closing brackets and punctuation).
_NO_LINE_START = set("，。、；：！？）」』》〉】〕｝］…‥・ー—～’”,.;:!?)]}%‰°℃")
#: Characters that must not end a line (opening brackets and quotes).
_NO_LINE_END = set("（「『《〈【〔｛［‘“([{")


def _breaks_anywhere(ch: str) -> bool:
    """A character a line may break before or after without a space (CJK scripts)."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x323AF)


def _units(paragraph: str) -> List[Tuple[str, bool]]:
    """Unbreakable pieces of a paragraph, each with whether a space comes before it.

    Latin words are pieces; each Chinese character is one; closing
    punctuation sticks to the piece before it and opening punctuation to the
    piece after it.
    """
    units: List[Tuple[str, bool]] = []
    current = ""
    current_space = False  # a space comes before ``current``
    pending_space = False  # a space was seen since the last character
    for ch in paragraph:
        if ch.isspace():
            if current:
                units.append((current, current_space))
                current = ""
            pending_space = True
            continue
        if ch in _NO_LINE_START and (current or units):
            if not current:  # "word ?" keeps its space but not as a break
                text, before = units.pop()
                current, current_space = text + (" " if pending_space else ""), before
            current += ch
            pending_space = False
            continue
        if current and current[-1] not in _NO_LINE_END and (
                _breaks_anywhere(ch) or _breaks_anywhere(current[-1])):
            units.append((current, current_space))
            current = ""
        if not current:
            current_space = pending_space
        pending_space = False
        current += ch
    if current:
        units.append((current, current_space))
    return units


def _greedy(units: Sequence[Tuple[str, bool]], measure: Callable[[str], float], width: float) -> List[str]:
    lines: List[str] = []
    line = ""
    for text, space_before in units:
        candidate = line + (" " if line and space_before else "") + text
        if not line or measure(candidate) <= width:
            line = candidate
            continue
        lines.append(line)
        line = text
    if line:
        lines.append(line)
    # A single unit wider than the line (a long URL, a name without spaces) is cut by characters.
    out: List[str] = []
    for line in lines:
        while measure(line) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and measure(line[:cut]) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:].lstrip()
        out.append(line)
    return out


def wrap_text(text: str, measure: Callable[[str], float], max_width: float, *,
              balance: bool = False) -> List[str]:
    """Break ``text`` into lines no wider than ``max_width`` (as ``measure`` says).

    Explicit line breaks are kept.  Latin text breaks at spaces, Chinese
    (and Japanese, Korean) between any two characters, except that closing
    punctuation (，。！？」…) never starts a line and opening punctuation
    never ends one.  With ``balance`` the lines of each paragraph are made
    about equally long (subtitle style: the fewest lines, then the narrowest
    width that still needs no more of them).  ``measure`` is typically a
    Pillow font's ``getlength``.
    """
    lines: List[str] = []
    for paragraph in text.splitlines() or [""]:
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        units = _units(paragraph)
        wrapped = _greedy(units, measure, max_width)
        if balance and len(wrapped) > 1:
            low, high = max_width / len(wrapped), max_width
            for _ in range(12):  # bisection to about 1/4000 of the width
                middle = (low + high) / 2
                if len(_greedy(units, measure, middle)) <= len(wrapped):
                    high = middle
                else:
                    low = middle
            wrapped = _greedy(units, measure, high)
        lines.extend(wrapped)
    return lines


# --------------------------------------------------------------------------- timing


@dataclass(frozen=True)
class MediaTiming:
    """What frame-exact reading needs to know about a file's video stream.

    ``rate`` is the frame rate (``None`` when ffmpeg cannot tell);
    ``video_offset_s`` is how much later the first video frame starts than
    the file's earliest stream (ffmpeg's time zero); ``duration_s`` is the
    container's duration and ``has_audio`` whether there is a sound stream.
    ``scan`` is ``"interlaced"`` or ``"progressive"`` when the decoder tells
    the field order (H.264, MPEG-2 do), else ``None``.
    """

    rate: Optional[Fraction]
    video_offset_s: float
    duration_s: Optional[float]
    has_audio: bool = False
    scan: Optional[str] = None


_INPUT_START_RE = re.compile(r"Duration: (?:(\d+):(\d+):(\d+(?:\.\d+)?)|N/A), start: (-?\d+(?:\.\d+)?)")
_VIDEO_LINE_RE = re.compile(r"^\s*Stream #\d+:\d+.*?: Video: (.*)$", re.M)
_RATE_RE = re.compile(r"([\d.]+)(k?) (fps|tbr)")
_STREAM_START_RE = re.compile(r"start (-?\d+(?:\.\d+)?)")
_AUDIO_LINE_RE = re.compile(r"^\s*Stream #\d+:\d+.*?: Audio: ", re.M)
_FIELD_ORDER_RE = re.compile(r"\b(progressive|(?:top|bottom) (?:coded )?first)")


def _creationflags() -> int:
    if sys.platform == "win32":  # pragma: no cover - platform specific
        return getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return 0


@functools.lru_cache(maxsize=256)
def _timing_cached(path: str, size: int, mtime_ns: int) -> MediaTiming:
    try:
        result = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", path],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, timeout=60, check=False,
                                creationflags=_creationflags())
    except (OSError, subprocess.SubprocessError) as exc:
        raise MediaReadError(path, f"ffmpeg could not read the file: {exc}") from exc
    text = result.stderr.decode("utf-8", "replace")
    video = _VIDEO_LINE_RE.search(text)
    if video is None:
        raise MediaReadError(path, "the file has no readable video stream")
    rate: Optional[Fraction] = None
    for value, kilo, _kind in _RATE_RE.findall(video.group(1)):
        try:
            rate = normalize_rate(Fraction(value) * (1000 if kilo else 1))
            break
        except (ValueError, ZeroDivisionError):
            continue
    offset = 0.0
    duration: Optional[float] = None
    head = _INPUT_START_RE.search(text)
    stream_start = _STREAM_START_RE.search(video.group(1))
    if head is not None:
        if head.group(1) is not None:
            duration = int(head.group(1)) * 3600 + int(head.group(2)) * 60 + float(head.group(3))
        if stream_start is not None:
            offset = max(0.0, float(stream_start.group(1)) - float(head.group(4)))
    order = _FIELD_ORDER_RE.search(video.group(1))
    scan = None if order is None else "progressive" if order.group(1) == "progressive" else "interlaced"
    return MediaTiming(rate, offset, duration, _AUDIO_LINE_RE.search(text) is not None, scan)


def media_timing(path: PathArg) -> MediaTiming:
    """Frame rate, first-video-frame offset and duration of a file, from ffmpeg (cached per file version).

    Raises :class:`MediaReadError` when the file is missing or has no video.
    """
    name = os.fsdecode(path)
    try:
        st = os.stat(name)
    except OSError as exc:
        raise MediaReadError(name, f"the file is missing or unreadable ({exc.strerror or exc}); "
                                   "reconnect the drive or relink the clip") from exc
    return _timing_cached(name, st.st_size, st.st_mtime_ns)


# --------------------------------------------------------------------------- stills


def still_filter(*, interlaced: bool, width: Optional[int]) -> str:
    """Deinterlace (one frame per frame) and scale to ``width`` with square pixels.

    Without ``width`` the picture keeps its height and gets the width its
    display aspect ratio asks for (1440×1080 HDV becomes 1920×1080).
    """
    if width is not None:
        scale = f"scale=w={int(width)}:h='max(2,round({int(width)}/dar))':flags=bicubic"
    else:
        scale = "scale=w='max(2,round(ih*dar))':h=ih:flags=bicubic"
    steps = [scale, "setsar=1"]
    if interlaced:
        steps.insert(0, "yadif=mode=send_frame:parity=auto:deint=all")
    return ",".join(steps)


def _still_args(source: str, out: str, codec: List[str], *, seek: float, window: Optional[Tuple[float, float]],
                read_until: Optional[float], interlaced: bool, width: Optional[int]) -> List[str]:
    """ffmpeg arguments writing the first frame inside ``window`` (times after the seek point)."""
    args: List[str] = []
    if seek > 0:
        args += ["-ss", f"{seek:.6f}"]
    if read_until is not None:
        args += ["-t", f"{max(read_until, 0.5):.6f}"]
    args += ["-i", source, "-map", "0:v:0", "-an", "-sn", "-dn"]
    chain: List[str] = []
    if interlaced:
        chain.append("yadif=mode=send_frame:parity=auto:deint=all")
    if window is not None:
        low, high = window
        chain.append(f"select='between(t\\,{max(low, 0.0):.6f}\\,{high:.6f})'")
    chain.append(still_filter(interlaced=False, width=width))
    return args + ["-vf", ",".join(chain), "-frames:v", "1", "-fps_mode", "passthrough",
                   *codec, "-f", "image2", "-update", "1", out]


def export_still(media_path: PathArg, at_seconds: float, out_path: PathArg, *,
                 interlaced: bool = False, width: Optional[int] = None) -> Path:
    """Write the frame showing at ``at_seconds`` of ``media_path`` to ``out_path`` and return its path.

    The format follows the suffix: ``.png`` (lossless) or ``.jpg``/``.jpeg``.
    ``interlaced`` deinterlaces with yadif (pass the clip's scan type);
    ``width`` scales to that many pixels wide keeping the display aspect
    ratio, else the picture keeps its size (made square-pixel).  See the
    module notes for how the exact frame is found in MP4/MOV and in AVCHD.
    The image is written under a temporary name and renamed.

    Raises :class:`MediaReadError` (with the path) when the file is missing,
    unreadable or has no frame at that time, :class:`RefusedError` for an
    unknown image suffix or a negative time.
    """
    source = os.fsdecode(media_path)
    out = Path(os.fsdecode(out_path))
    codec = _IMAGE_CODECS.get(out.suffix.lower())
    if codec is None:
        raise RefusedError(f"a still is written as .png, .jpg or .jpeg, not {out.suffix or 'no suffix'!r}", out)
    if at_seconds < 0 or not math.isfinite(at_seconds):
        raise RefusedError(f"a still needs a time of 0 s or more, not {at_seconds!r}", source)
    if width is not None and width < 2:
        raise RefusedError(f"a still needs a width of at least 2 pixels, not {width}", out)
    timing = media_timing(source)
    if timing.rate is not None:
        rate = timing.rate
        frame = math.floor(Fraction(repr(float(at_seconds))) * rate + Fraction(1, 1000))
        half = float(1 / (2 * rate))
        centre = timing.video_offset_s + float(frame / rate)
        low, high = centre - half, centre + half
    else:  # unknown rate: the first frame at or after the time
        frame = None
        low, high = timing.video_offset_s + at_seconds - 0.001, math.inf
    length = f" (the clip is {timing.duration_s:.3f} s long)" if timing.duration_s else ""
    what = f"frame {frame} at {at_seconds:.3f} s" if frame is not None else f"a frame at {at_seconds:.3f} s"
    if timing.duration_s is not None and low - timing.video_offset_s >= timing.duration_s:
        raise MediaReadError(source, f"there is no {what}{length}")
    stream = os.path.splitext(source)[1].lower() in STREAM_SUFFIXES
    seek = max(0.0, low - STREAM_PREROLL_S) if stream else max(0.0, low)

    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".partial" + out.suffix,
                                       dir=str(out.parent))
    os.close(handle)
    os.unlink(partial)  # ffmpeg creates it; an empty file must not pass for a frame
    try:
        def attempt(seek_s: float) -> bool:
            window = (low - seek_s, high - seek_s) if math.isfinite(high) else (low - seek_s, 1e12)
            until = (high - seek_s + 1.0) if math.isfinite(high) else None
            run_ffmpeg(_still_args(source, partial, codec, seek=seek_s, window=window, read_until=until,
                                   interlaced=interlaced, width=width),
                       path=source, message="Still")
            return os.path.exists(partial) and os.path.getsize(partial) > 0

        found = attempt(seek)
        if not found and stream and seek > 0:
            # The seek landed past the frame (a damaged or unusual stream): read from the start.
            log.info("seek in %s landed late; decoding from the start", source)
            found = attempt(0.0)
        if not found:
            raise MediaReadError(source, f"there is no {what}{length}")
        os.replace(partial, out)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return out


# --------------------------------------------------------------------------- contact sheets


@dataclass(frozen=True)
class StillEntry:
    """One frame of a contact sheet: which media, when, its label, and whether to deinterlace."""

    media_path: PathArg
    at_seconds: float
    label: str = ""
    interlaced: bool = False


#: Space around the sheet and between cells, in pixels.
SHEET_MARGIN = 24
SHEET_GAP = 16
#: Space between a frame and its label.
LABEL_PAD = 8
#: A label is cut to this many lines (the last ends with "…").
LABEL_MAX_LINES = 4
#: Frames sit in a 16:9 box; other shapes are fitted inside it.
FRAME_ASPECT = Fraction(16, 9)

_BACKGROUND = (255, 255, 255)
_FRAME_BACKGROUND = (24, 24, 24)
_TEXT = (20, 20, 20)
_OFFLINE_TEXT = (235, 235, 235)


def _label_font_size(thumb_width: int) -> int:
    return max(11, round(thumb_width / 30))


def _title_font_size(thumb_width: int) -> int:
    return max(16, round(thumb_width / 16))


def _line_height(size: int) -> int:
    return round(size * 1.4)


@dataclass(frozen=True)
class SheetLayout:
    """Where everything goes on a contact sheet (all in pixels).

    Cell *i* is in row ``i // columns`` and column ``i % columns``; its frame
    box is ``thumb_width × thumb_height`` at :meth:`frame_box`, its label
    below it.  ``size`` is the whole sheet.
    """

    columns: int
    rows: int
    thumb_width: int
    thumb_height: int
    label_height: int
    title_height: int

    @property
    def cell_height(self) -> int:
        return self.thumb_height + LABEL_PAD + self.label_height

    @property
    def size(self) -> Tuple[int, int]:
        width = 2 * SHEET_MARGIN + self.columns * self.thumb_width + (self.columns - 1) * SHEET_GAP
        height = (2 * SHEET_MARGIN + self.title_height + self.rows * self.cell_height
                  + (self.rows - 1) * SHEET_GAP)
        return width, height

    def frame_box(self, i: int) -> Tuple[int, int, int, int]:
        """(left, top, right, bottom) of cell ``i``'s frame box."""
        row, column = divmod(i, self.columns)
        left = SHEET_MARGIN + column * (self.thumb_width + SHEET_GAP)
        top = SHEET_MARGIN + self.title_height + row * (self.cell_height + SHEET_GAP)
        return left, top, left + self.thumb_width, top + self.thumb_height

    def label_origin(self, i: int) -> Tuple[int, int]:
        """Top left of cell ``i``'s label."""
        left, _top, _right, bottom = self.frame_box(i)
        return left, bottom + LABEL_PAD


def sheet_layout(count: int, *, columns: int = 4, thumb_width: int = 480, label_lines: int = 1,
                 title_lines: int = 0) -> SheetLayout:
    """The layout of a sheet of ``count`` frames (fewer columns when there are fewer frames)."""
    if count < 1:
        raise RefusedError("a contact sheet needs at least one still")
    if columns < 1:
        raise RefusedError(f"a contact sheet needs at least one column, not {columns}")
    if thumb_width < 32:
        raise RefusedError(f"contact sheet frames must be at least 32 pixels wide, not {thumb_width}")
    used = min(columns, count)
    rows = -(-count // used)
    thumb_height = round(thumb_width / FRAME_ASPECT)
    label_height = max(1, min(label_lines, LABEL_MAX_LINES)) * _line_height(_label_font_size(thumb_width))
    title_height = 0
    if title_lines > 0:
        title_height = title_lines * _line_height(_title_font_size(thumb_width)) + SHEET_GAP
    return SheetLayout(used, rows, thumb_width, thumb_height, label_height, title_height)


def _clip_lines(lines: List[str], limit: int, measure: Callable[[str], float], width: float) -> List[str]:
    """At most ``limit`` lines, the last one ending in "…" when something was cut."""
    if len(lines) <= limit:
        return lines
    kept = lines[:limit]
    last = kept[-1]
    while last and measure(last + "…") > width:
        last = last[:-1]
    kept[-1] = last + "…"
    return kept


def _fit(image: Image.Image, box: Tuple[int, int]) -> Image.Image:
    """``image`` scaled to fit inside ``box`` keeping its shape."""
    width, height = box
    scale = min(width / image.width, height / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)


def contact_sheet(entries: Sequence[StillEntry], out_path: PathArg, *, columns: int = 4,
                  thumb_width: int = 480, title: Optional[str] = None, report: Optional[Report] = None,
                  progress: ProgressArg = None, cancel: CancelArg = None) -> Path:
    """Draw the frames of ``entries`` in a grid with their labels and write it to ``out_path``.

    Each frame is exported exactly as :func:`export_still` does, scaled to
    ``thumb_width`` and fitted into a 16:9 box; its label (any text, e.g.
    "01:02:03:04  Interview 刘静军 — 说到工厂") is drawn below it in the CJK
    font, wrapped to the frame's width (at most :data:`LABEL_MAX_LINES`
    lines).  ``title`` goes at the top.  The sheet is PNG, JPEG or PDF by the
    suffix of ``out_path``, written under a temporary name and renamed.

    A frame that cannot be read (media offline, time past the end) becomes a
    dark box saying so, and the path and reason are added to ``report`` when
    one is given; the sheet is still made.  ``progress(done, total,
    message)`` counts frames; when ``cancel`` says stop,
    :class:`~docmanager.jobs.Cancelled` is raised and nothing is written.
    Raises :class:`FontNotFoundError` when no Chinese font is installed.
    """
    entries = list(entries)
    out = Path(os.fsdecode(out_path))
    image_format = _SHEET_FORMATS.get(out.suffix.lower())
    if image_format is None:
        raise RefusedError(f"a contact sheet is written as .png, .jpg, .jpeg or .pdf, not "
                           f"{out.suffix or 'no suffix'!r}", out)
    sheet_layout(len(entries), columns=columns, thumb_width=thumb_width)  # validates the arguments
    progress_fn, cancelled = as_progress(progress), as_cancel(cancel)
    font = find_cjk_font("zh-Hans")
    label_font = font.truetype(_label_font_size(thumb_width))
    title_font = find_cjk_font("zh-Hans", bold=True).truetype(_title_font_size(thumb_width))

    labels = [_clip_lines(wrap_text(entry.label, label_font.getlength, thumb_width), LABEL_MAX_LINES,
                          label_font.getlength, thumb_width) for entry in entries]
    provisional = sheet_layout(len(entries), columns=columns, thumb_width=thumb_width)
    sheet_width = provisional.size[0] - 2 * SHEET_MARGIN
    title_lines = (_clip_lines(wrap_text(title, title_font.getlength, sheet_width), 2,
                               title_font.getlength, sheet_width) if title else [])
    layout = sheet_layout(len(entries), columns=columns, thumb_width=thumb_width,
                          label_lines=max((len(lines) for lines in labels), default=1),
                          title_lines=len(title_lines))

    sheet = Image.new("RGB", layout.size, _BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    for k, line in enumerate(title_lines):
        draw.text((SHEET_MARGIN, SHEET_MARGIN + k * _line_height(title_font.size)), line,
                  font=title_font, fill=_TEXT)

    total = len(entries)
    with tempfile.TemporaryDirectory(prefix="docmanager-sheet-") as scratch:
        for i, entry in enumerate(entries):
            if cancelled():
                raise Cancelled()
            name = os.path.basename(os.fsdecode(entry.media_path))
            progress_fn(i, total, f"Contact sheet: {name}")
            left, top, right, bottom = layout.frame_box(i)
            draw.rectangle((left, top, right - 1, bottom - 1), fill=_FRAME_BACKGROUND)
            try:
                still = export_still(entry.media_path, entry.at_seconds, os.path.join(scratch, f"{i}.png"),
                                     interlaced=entry.interlaced, width=thumb_width)
                with Image.open(still) as opened:
                    frame = _fit(opened.convert("RGB"), (layout.thumb_width, layout.thumb_height))
                sheet.paste(frame, (left + (layout.thumb_width - frame.width) // 2,
                                    top + (layout.thumb_height - frame.height) // 2))
            except (DocManagerError, OSError) as exc:
                reason = exc.message if isinstance(exc, DocManagerError) else str(exc)
                log.warning("contact sheet: %s: %s", name, reason)
                if report is not None:
                    report.fail(os.fsdecode(entry.media_path), reason)
                notice = ["MEDIA OFFLINE" if not os.path.exists(os.fsdecode(entry.media_path))
                          else "NO FRAME", name]
                for k, line in enumerate(notice):
                    draw.text((left + LABEL_PAD, top + LABEL_PAD + k * _line_height(label_font.size)), line,
                              font=label_font, fill=_OFFLINE_TEXT)
            x, y = layout.label_origin(i)
            for k, line in enumerate(labels[i]):
                draw.text((x, y + k * _line_height(label_font.size)), line, font=label_font, fill=_TEXT)
        progress_fn(total, total, "Contact sheet")

    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".partial" + out.suffix,
                                       dir=str(out.parent))
    os.close(handle)
    os.unlink(partial)  # saved anew, with the permissions the user's umask gives
    try:
        options = {"quality": 90} if image_format == "JPEG" else {"resolution": 150.0} if image_format == "PDF" else {}
        sheet.save(partial, format=image_format, **options)
        os.replace(partial, out)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return out
