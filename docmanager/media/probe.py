"""What a media file is: container, picture, sound, when and with what it was shot.

:func:`probe` reads a file with MediaInfo (through pymediainfo) and returns a
:class:`MediaInfo`, a small frozen record with rational frame rates and aware
datetimes.  Anything that is not readable media raises
:class:`~docmanager.errors.MediaReadError` naming the file and the reason.

Notes on MediaInfo's output that this module relies on (see
``docs/avchd.md`` sections 5-8):

* The Video track duration is preferred: for BDAV (.MTS) the General duration
  can differ from it by a frame or two.
* For MPEG transport streams a quick parse may leave the frame rate or scan
  type empty; such files are parsed again in full.
* ``ScanType`` is ``MBAFF`` or ``Interlaced`` for 1080i (and ``PAFF``/
  ``Mixed`` in other streams): all of these count as interlaced.
* An AVCHD recording date comes from the MDPM block in the H.264 stream and
  MediaInfo shows it as General ``Recorded_Date`` with its UTC offset; the
  camera appears as ``Encoded_Application`` (e.g. ``Sony HDR-CX550V``).
* MP4/MOV ``creation_time`` (MediaInfo ``Encoded_Date``) is UTC by
  definition, even though many cameras write local time there; its source is
  recorded as ``"container"`` so callers can treat it with suspicion.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from typing import Any, Iterable, Optional, Tuple, Union

import pymediainfo

from docmanager.errors import MediaReadError
from docmanager.media import isobmff

__all__ = [
    "MediaInfo",
    "probe",
    "normalize_rate",
    "parse_media_datetime",
    "QUICK_PARSE_SPEED",
    "FULL_PARSE_SPEED",
]

PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

#: MediaInfo ``parse_speed`` for the first look at a file (headers, start and end).
QUICK_PARSE_SPEED = 0.1
#: ``parse_speed`` for a second, complete look when the quick one left gaps.
FULL_PARSE_SPEED = 1.0

#: General formats that are bare streams in which MediaInfo estimates a lot on a quick parse.
_STREAM_FORMATS = frozenset({"BDAV", "MPEG-TS", "MPEG-PS", "AVC", "HEVC", "MPEG Video"})
#: General formats whose ``Recorded_Date`` comes from the MDPM block of the H.264 stream.
_MDPM_FORMATS = frozenset({"BDAV", "MPEG-TS"})
#: ``ScanType`` values that mean the picture is made of two fields.
_INTERLACED_SCAN_TYPES = frozenset({"interlaced", "mbaff", "paff", "mixed"})
#: Camera makers accepted from a container's "writing application" identification.
_CAMERA_MAKERS = {
    name.lower(): name
    for name in ("Sony", "Panasonic", "Canon", "JVC", "Nikon", "Fujifilm", "FUJIFILM",
                 "GoPro", "DJI", "ARRI", "RED", "Kinefinity", "Z CAM", "Olympus",
                 "Samsung", "Apple", "Blackmagic Design", "Leica", "Ricoh", "Insta360")
}
#: Frame rates cameras record at, used to clean up estimated (variable) rates.
_STANDARD_RATES = tuple(
    Fraction(n, d) for n, d in (
        (24000, 1001), (24, 1), (25, 1), (30000, 1001), (30, 1), (48000, 1001), (48, 1),
        (50, 1), (60000, 1001), (60, 1), (100, 1), (120000, 1001), (120, 1),
    )
)
_TIMECODE_RE = re.compile(r"^\d{2}:\d{2}:\d{2}[:;.]\d{2}$")
_DATE_RE = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{2}:\d{2}:\d{2})(?P<frac>\.\d+)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$"
)


@dataclass(frozen=True)
class MediaInfo:
    """What :func:`probe` found out about one media file.

    ``path`` is the name as text (``os.fsdecode``; ``os.fsencode(info.path)``
    gives back the exact bytes of a non-UTF-8 name).  Picture fields are
    ``None`` when there is no video, sound fields ``None`` when there is no
    audio.  ``scan`` is ``"interlaced"`` or ``"progressive"`` and
    ``field_order`` ``"tff"``/``"bff"`` for interlaced pictures.
    ``recorded_at`` is always timezone-aware; ``recorded_at_source`` tells
    where it came from: ``"mdpm"`` (AVCHD camera clock, with its UTC offset),
    ``"metadata"`` (a recording-date tag such as QuickTime
    ``com.apple.quicktime.creationdate``) or ``"container"`` (MP4/MOV/MXF
    creation time, UTC by specification but often local time in practice).
    ``timecode_start`` is ``HH:MM:SS:FF`` (``;`` before the frames for
    drop-frame time code).  ``audio_channels`` counts all audio tracks.
    """

    path: str
    container: Optional[str]
    duration_s: Optional[float]
    frame_rate: Optional[Fraction]
    frame_count: Optional[int]
    width: Optional[int]
    height: Optional[int]
    scan: Optional[str]
    field_order: Optional[str]
    video_codec: Optional[str]
    audio_codec: Optional[str]
    audio_channels: Optional[int]
    audio_rate: Optional[int]
    recorded_at: Optional[datetime]
    recorded_at_source: Optional[str]
    camera_make: Optional[str]
    camera_model: Optional[str]
    timecode_start: Optional[str]
    has_video: bool
    has_audio: bool

    @property
    def interlaced(self) -> bool:
        """True for interlaced pictures (e.g. AVCHD 1080i50)."""
        return self.scan == "interlaced"


# --------------------------------------------------------------------------- values


def _first(*values: Any) -> Any:
    """The first value that is neither None nor an empty string."""
    for value in values:
        if value is not None and value != "":
            return value
    return None


def _to_int(value: Any) -> Optional[int]:
    """An int from MediaInfo's int or text (``"2"``, ``"2 / 1"``, ``"1920 pixels"``)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    match = re.match(r"\s*(\d+)", str(value))
    return int(match.group(1)) if match else None


def _to_float(value: Any) -> Optional[float]:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    match = re.match(r"\s*(\d+(?:\.\d*)?)", str(value))
    return float(match.group(1)) if match else None


def normalize_rate(value: Union[int, float, str, Fraction]) -> Fraction:
    """A frame rate as an exact fraction, snapping NTSC-style decimals.

    ``25`` → 25, ``"29.970"`` → 30000/1001, ``59.94`` → 60000/1001,
    ``23.976`` → 24000/1001, ``"2997/100"`` → 30000/1001, ``"30000/1001"`` kept.
    Other values keep their decimal value (``12.5`` → 25/2).
    """
    if isinstance(value, Fraction):
        rate = value
    elif isinstance(value, int):
        rate = Fraction(value)
    elif isinstance(value, float):
        rate = Fraction(repr(value))
    else:
        rate = Fraction(str(value).strip())
    if rate <= 0:
        raise ValueError(f"frame rate must be positive, not {value!r}")
    if rate.denominator == 1001:
        return rate
    nearest = round(rate)
    if abs(rate - nearest) <= Fraction(1, 1000):
        return Fraction(nearest)
    nominal = round(rate * Fraction(1001, 1000))
    ntsc = Fraction(nominal * 1000, 1001)
    if abs(rate - ntsc) <= Fraction(2, 1000):
        return ntsc
    return rate.limit_denominator(1001)


def parse_media_datetime(text: Optional[str], *, assume_utc: bool = False) -> Optional[datetime]:
    """Parse a date as MediaInfo prints it into an aware datetime.

    Handles ``2024-05-01 10:11:12 UTC``, ``UTC 2024-05-01 10:11:12``,
    ``2010-04-05 08:31:48+08:00``, ``2024-05-01T18:11:12+0800`` and
    ``2024-05-01 10:11:12.000`` (MXF).  A time without a zone is UTC when
    ``assume_utc`` (containers defined in UTC), else ``None``: a recording
    time is never given a guessed zone.  Placeholder dates (year 0, the
    1904/1970 epochs) give ``None``.
    """
    if not text:
        return None
    text = str(text).strip()
    utc_prefix = text.upper().startswith("UTC ")
    if utc_prefix:
        text = text[4:]
    match = _DATE_RE.match(text.split(" / ")[0].strip())
    if not match:
        return None
    try:
        moment = datetime.fromisoformat(f"{match.group('date')} {match.group('time')}")
    except ValueError:  # 0000-00-00 and other placeholders
        return None
    if moment.year < 1971:
        return None
    frac = match.group("frac")
    if frac:
        moment = moment.replace(microsecond=int(round(float(frac) * 1_000_000)) % 1_000_000)
    tz_text = match.group("tz")
    if tz_text in ("Z", "UTC", "GMT") or (tz_text is None and (utc_prefix or assume_utc)):
        return moment.replace(tzinfo=timezone.utc)
    if tz_text is None:
        return None
    sign = -1 if tz_text[0] == "-" else 1
    digits = tz_text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment.replace(tzinfo=timezone(sign * offset))


def _nearest_standard_rate(rate: Fraction) -> Fraction:
    """The standard rate within 1.5 % of ``rate``, else ``rate`` itself."""
    best = min(_STANDARD_RATES, key=lambda standard: abs(standard - rate))
    return best if abs(best - rate) <= best * Fraction(15, 1000) else rate


def _frame_rate(*tracks: Any) -> Optional[Fraction]:
    """The frame rate from the first track that states one.

    A rate MediaInfo marks as variable is an average it estimated (for a
    transport stream usually from a duration one frame short, e.g. 25.253);
    it is snapped to the nearest standard rate when one is close.
    """
    for track in tracks:
        if track is None:
            continue
        variable = str(track.frame_rate_mode or "").upper() == "VFR"
        num = _to_int(_first(track.framerate_num, track.frame_rate_num))
        den = _to_int(_first(track.framerate_den, track.frame_rate_den))
        rate: Optional[Fraction] = None
        if num and den:
            rate = normalize_rate(Fraction(num, den))
        else:
            for text in (track.frame_rate, track.original_frame_rate):
                if _to_float(text):
                    rate = normalize_rate(str(text).split()[0])
                    break
        if rate is not None:
            return _nearest_standard_rate(rate) if variable else rate
    return None


def _scan(video: Any) -> Tuple[Optional[str], Optional[str]]:
    """(``scan``, ``field_order``) from a Video track."""
    scan_type = str(video.scan_type or "").strip().lower()
    store = str(_first(video.scan_type__store_method, video.scantype_storemethod) or "").lower()
    if scan_type in _INTERLACED_SCAN_TYPES or "field" in store:
        scan = "interlaced"
    elif scan_type == "progressive":
        scan = "progressive"
    else:
        scan = None
    field_order = None
    if scan == "interlaced":
        order = str(video.scan_order or "").upper()
        if order.startswith("TFF") or order == "TOP FIELD FIRST":
            field_order = "tff"
        elif order.startswith("BFF") or order == "BOTTOM FIELD FIRST":
            field_order = "bff"
    return scan, field_order


def _recorded_at(general: Any, container: Optional[str]) -> Tuple[Optional[datetime], Optional[str]]:
    """The recording time and where it came from, best source first."""
    candidates = (
        (general.recorded_date, "mdpm" if container in _MDPM_FORMATS else "metadata", False),
        (general.comapplequicktimecreationdate, "metadata", False),
        (general.encoded_date, "container", True),
        (general.tagged_date, "container", True),
    )
    for text, source, assume_utc in candidates:
        moment = parse_media_datetime(text, assume_utc=assume_utc)
        if moment is not None:
            return moment, source
    return None, None


def _camera(general: Any, container: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """(make, model) of the camera, when the file says which one it was."""
    make = _first(general.comapplequicktimemake, general.comandroidmanufacturer, general.make)
    model = _first(general.comapplequicktimemodel, general.comandroidmodel, general.model)
    if make or model:
        return (str(make).strip() if make else None, str(model).strip() if model else None)
    company = _first(general.encoded_application_companyname)
    product = _first(general.encoded_application_name)
    if container in _MDPM_FORMATS and not company:
        # MDPM model string, e.g. "Sony HDR-CX550V"
        application = str(general.writing_application or general.encoded_application or "")
        first, _, rest = application.strip().partition(" ")
        if first.lower() in _CAMERA_MAKERS and rest:
            company, product = first, rest
    if company and str(company).strip().lower() in _CAMERA_MAKERS:
        return _CAMERA_MAKERS[str(company).strip().lower()], (str(product).strip() if product else None)
    return None, None


def _timecode(tracks: Iterable[Any], video: Any, general: Any) -> Optional[str]:
    """Start time code from a time code track, the video stream or the container."""
    values = [t.time_code_of_first_frame for t in tracks
              if t.track_type == "Other" and str(t.type or "").lower() == "time code"]
    if video is not None:
        values.append(video.time_code_of_first_frame)
    values += [general.time_code_of_first_frame, general.timecode_firstframe]
    for value in values:
        if value and _TIMECODE_RE.match(str(value).strip()):
            text = str(value).strip()
            return text[:8] + (";" if text[8] == ";" else ":") + text[9:]
    return None


# --------------------------------------------------------------------------- reading


def _parse(handle: Any, speed: float) -> Any:
    handle.seek(0)
    return pymediainfo.MediaInfo.parse(handle, parse_speed=speed)


def _check_iso_boxes(handle: Any, size: int, name: str) -> None:
    """Refuse an MP4/MOV whose box tree is damaged, before MediaInfo sees it (see ``isobmff``).

    A damaged size or count (one flipped bit in ``moov``'s length, or in a
    sample table's entry count) makes libmediainfo allocate or iterate for
    what is claimed: minutes of CPU and, in the ``mediainfo`` program,
    ``std::bad_alloc``.  Such a file is a truncated or damaged copy either way.
    """
    found = isobmff.problem(handle, size)
    if found:
        raise MediaReadError(name, f"the file is truncated or damaged: {found}; "
                                   "copy it again from the card or the backup")


def _needs_full_parse(info: Any) -> bool:
    """Whether a quick parse left gaps that a complete parse can fill."""
    general = info.general_tracks[0] if info.general_tracks else None
    if general is None or not general.format:
        return False  # not recognised at all: reading more will not help
    if not info.video_tracks and not info.audio_tracks:
        return True
    if general.format in _STREAM_FORMATS and info.video_tracks:
        video = info.video_tracks[0]
        return _frame_rate(video) is None or not video.scan_type
    return False


def probe(path: PathArg, *, quick: bool = True) -> MediaInfo:
    """Read what a media file is.

    The file is opened by Python and handed to MediaInfo as a stream, so any
    name works (bytes, non-UTF-8, any locale).  With ``quick`` the file is
    first parsed at :data:`QUICK_PARSE_SPEED` and parsed again completely
    only when that left the frame rate, the scan type or the tracks unknown
    (typical for transport streams); ``quick=False`` always parses fully.

    Raises :class:`MediaReadError` for a missing, unreadable or empty file, a
    truncated file, a file that is not media, or one with no video and no
    audio track.
    """
    name = os.fsdecode(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise MediaReadError(name, "file not found") from None
    except PermissionError:
        raise MediaReadError(name, "permission denied: cannot read the file") from None
    except OSError as exc:
        raise MediaReadError(name, f"cannot read the file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise MediaReadError(name, "this is a folder, not a media file")
    if not stat.S_ISREG(st.st_mode):
        raise MediaReadError(name, "not a regular file")
    if st.st_size == 0:
        raise MediaReadError(name, "the file is empty (0 bytes)")

    try:
        with open(path, "rb") as handle:
            _check_iso_boxes(handle, st.st_size, name)
            info = _parse(handle, QUICK_PARSE_SPEED if quick else FULL_PARSE_SPEED)
            if quick and _needs_full_parse(info):
                info = _parse(handle, FULL_PARSE_SPEED)
    except MediaReadError:
        raise
    except PermissionError:
        raise MediaReadError(name, "permission denied: cannot read the file") from None
    except OSError as exc:
        raise MediaReadError(name, f"cannot read the file ({exc.strerror or exc})") from None
    except Exception as exc:  # pymediainfo/libmediainfo failures are RuntimeError & co.
        raise MediaReadError(name, f"MediaInfo could not read the file: {exc}") from None

    return _media_info(name, info)


def _media_info(name: str, info: Any) -> MediaInfo:
    """Turn a pymediainfo result into a :class:`MediaInfo` or raise."""
    general = info.general_tracks[0] if info.general_tracks else None
    if general is None or not general.format:
        raise MediaReadError(name, "not a media file (MediaInfo does not recognise its format)")
    container = str(general.format)
    if str(general.istruncated or "").lower() == "yes":
        raise MediaReadError(name, f"the {container} file is truncated (an incomplete copy?); "
                                   "copy it again from the card or the backup")
    video = info.video_tracks[0] if info.video_tracks else None
    audios = info.audio_tracks
    audio = audios[0] if audios else None
    if video is None and audio is None:
        raise MediaReadError(name, f"no video or audio track found in this {container} file")

    duration_ms = _to_float(_first(
        video.duration if video is not None else None,
        general.duration,
        audio.duration if audio is not None else None,
    ))
    scan, field_order = _scan(video) if video is not None else (None, None)
    recorded_at, recorded_source = _recorded_at(general, container)
    make, model = _camera(general, container)

    channels: Optional[int] = None
    if audios:
        counts = [_to_int(_first(a.channel_s, a.channels)) for a in audios]
        channels = sum(c for c in counts if c) or None

    return MediaInfo(
        path=name,
        container=container,
        duration_s=duration_ms / 1000.0 if duration_ms is not None else None,
        frame_rate=_frame_rate(video, general) if video is not None else None,
        frame_count=_to_int(video.frame_count) if video is not None else None,
        width=_to_int(video.width) if video is not None else None,
        height=_to_int(video.height) if video is not None else None,
        scan=scan,
        field_order=field_order,
        video_codec=str(video.format) if video is not None and video.format else None,
        audio_codec=str(audio.format) if audio is not None and audio.format else None,
        audio_channels=channels,
        audio_rate=_to_int(audio.sampling_rate) if audio is not None else None,
        recorded_at=recorded_at,
        recorded_at_source=recorded_source,
        camera_make=make,
        camera_model=model,
        timecode_start=_timecode(info.tracks, video, general),
        has_video=video is not None,
        has_audio=audio is not None,
    )
