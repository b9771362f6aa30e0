"""AVCHD camera cards: find them, read their playlists and clip files, list the takes.

A camera card holds a ``BDMV`` folder (``PRIVATE/AVCHD/BDMV`` on SD cards,
``BDMV`` or ``AVCHD/BDMV`` on disc and HDD models) with navigation files
and the ``.MTS`` streams (``docs/avchd.md``).  One recording (a *take*) can be
split over several ``.MTS`` files; only the playlist says which files belong
together and in what order:

* :func:`find_cards` finds every ``BDMV`` folder with an ``INDEX.BDM`` (or
  ``index.bdmv``) under a folder, at any depth and in any letter case.
* :func:`parse_mpl` and :func:`parse_cpi` read a playlist (``.MPL`` /
  ``.mpls``) and a clip information file (``.CPI`` / ``.clpi``) into frozen
  records, seeking to the start addresses the header gives; versions
  ``0100``, ``0200``, ``0240`` and ``0300`` are accepted, anything else is
  refused with a reason.  All integers are big-endian; times are unsigned
  32-bit values of a 45 kHz clock (:data:`TICKS_PER_SECOND`).
* :func:`read_card` groups PlayItems into takes (connection condition 1
  starts a take, 5 and 6 continue it), finds their files case-insensitively,
  works out exact durations (:class:`~fractions.Fraction` seconds), the
  video and audio formats, the recording time from the MDPM block of the
  first file, and reports every damaged or missing member with its path and
  the reason, without dropping the rest of the card.  Streams no playlist
  names are listed as orphans so they can still be catalogued as clips.

``BACKUP/`` copies of the navigation files are used only when the primary
copy is missing or unreadable; they never add recordings.  File names that
are not valid UTF-8 are kept as surrogate-escaped ``str`` inside
:class:`~pathlib.Path` objects (``os.fsencode(path)`` gives the original
bytes back).
"""
from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import (
    Callable,
    Dict,
    Iterable,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
    TypeVar,
    Union,
)

from docmanager.errors import MediaReadError
from docmanager.media.mdpm import Mdpm, read_mdpm

__all__ = [
    "AudioFormat",
    "Card",
    "CardScan",
    "ClipInfo",
    "EpEntry",
    "PlayItem",
    "Playlist",
    "PlaylistMark",
    "Problem",
    "SUPPORTED_VERSIONS",
    "TICKS_PER_SECOND",
    "Take",
    "TakeFile",
    "VideoFormat",
    "check_navigation_file",
    "find_cards",
    "parse_cpi",
    "parse_mpl",
    "read_card",
    "ticks_to_seconds",
]

log = logging.getLogger(__name__)

#: A folder: ``str``, path-like or ``bytes`` (a file system name, e.g. from ``os.fsencode``).
PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
#: A navigation file: a path (``str`` or path-like), or its contents as bytes.
SourceArg = Union[str, "os.PathLike[str]", "os.PathLike[bytes]", bytes, bytearray, memoryview]

#: Navigation file versions libbluray accepts (AVCHD uses 0100 and 0200).
SUPPORTED_VERSIONS = ("0100", "0200", "0240", "0300")
#: PlayItem, mark and clip times count a 45 kHz clock (the 90 kHz MPEG clock / 2).
TICKS_PER_SECOND = 45000
#: Navigation files larger than this are refused without being read.
MAX_NAVIGATION_BYTES = 16 * 1024 * 1024
#: BDAV source packet size: every camera stream is a whole number of these.
SOURCE_PACKET_SIZE = 192
#: Aligned unit: 32 source packets.
ALIGNED_UNIT_SIZE = 6144

_U32 = 1 << 32
_Parsed = TypeVar("_Parsed")
_STREAM_SUFFIXES = (".mts", ".m2ts")
_CLIP_SUFFIXES = (".cpi", ".clpi")
_PLAYLIST_SUFFIXES = (".mpl", ".mpls")
_INDEX_NAMES = ("index.bdm", "index.bdmv")
_MOVIE_OBJECT_NAMES = ("movieobj.bdm", "movieobject.bdmv")

_VIDEO_CODECS = {0x01: "MPEG-1 Video", 0x02: "MPEG-2 Video", 0x1B: "H.264", 0x20: "H.264 MVC",
                 0x24: "HEVC", 0xEA: "VC-1"}
_AUDIO_CODECS = {0x03: "MPEG-1 Audio", 0x04: "MPEG-2 Audio", 0x80: "LPCM", 0x81: "AC-3",
                 0x82: "DTS", 0x83: "Dolby TrueHD", 0x84: "E-AC-3", 0x85: "DTS-HD",
                 0x86: "DTS-HD Master Audio", 0xA1: "E-AC-3 (secondary)",
                 0xA2: "DTS-HD (secondary)"}
#: video_format → (lines, interlaced)
_VIDEO_FORMATS = {1: (480, True), 2: (576, True), 3: (480, False), 4: (1080, True),
                  5: (720, False), 6: (1080, False), 7: (576, False), 8: (2160, False)}
#: frame_rate code → frames per second (for interlaced formats: frames, two fields each)
_FRAME_RATES = {1: Fraction(24000, 1001), 2: Fraction(24), 3: Fraction(25),
                4: Fraction(30000, 1001), 6: Fraction(50), 7: Fraction(60000, 1001)}
#: audio presentation_type → channels
_AUDIO_CHANNELS = {1: 1, 3: 2, 6: 6}
#: audio sampling_frequency code → Hz
_AUDIO_RATES = {1: 48000, 4: 96000, 5: 192000, 12: 192000, 14: 96000}


def ticks_to_seconds(ticks: int) -> Fraction:
    """A 45 kHz duration as exact seconds."""
    return Fraction(ticks, TICKS_PER_SECOND)


def _span(in_time: int, out_time: int) -> int:
    """OUT − IN in unsigned 32-bit arithmetic (a clock that wrapped stays right)."""
    return (out_time - in_time) % _U32


# --------------------------------------------------------------------------- binary reading


class _Data:
    """Bounds-checked big-endian reads that fail with a :class:`MediaReadError`."""

    def __init__(self, data: bytes, path: str, what: str):
        self.data = data
        self.path = path
        self.what = what

    def __len__(self) -> int:
        return len(self.data)

    def fail(self, reason: str) -> MediaReadError:
        return MediaReadError(self.path, f"damaged {self.what}: {reason}")

    def raw(self, offset: int, size: int, field_name: str) -> bytes:
        if offset < 0 or offset + size > len(self.data):
            raise self.fail(f"{field_name} at byte {offset} runs past the end of the file "
                            f"({len(self.data)} bytes)")
        return self.data[offset: offset + size]

    def u8(self, offset: int, field_name: str) -> int:
        return self.raw(offset, 1, field_name)[0]

    def u16(self, offset: int, field_name: str) -> int:
        return int.from_bytes(self.raw(offset, 2, field_name), "big")

    def u32(self, offset: int, field_name: str) -> int:
        return int.from_bytes(self.raw(offset, 4, field_name), "big")


def _load(source: SourceArg, what: str) -> Tuple[bytes, str]:
    """(bytes, name for errors) of a navigation file given by path or as its bytes.

    ``bytes``/``bytearray``/``memoryview`` are the file's contents; a path is a
    ``str`` or path-like (non-UTF-8 names as surrogate-escaped text).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), f"<{what} data>"
    path = os.fsdecode(os.fspath(source))
    try:
        size = os.stat(path).st_size
        if size > MAX_NAVIGATION_BYTES:
            raise MediaReadError(path, f"is {size:,} bytes long, far too large to be a {what}")
        with open(path, "rb") as handle:
            return handle.read(MAX_NAVIGATION_BYTES + 1), path
    except IsADirectoryError as exc:
        raise MediaReadError(path, f"is a folder, not a {what}") from exc
    except FileNotFoundError as exc:
        raise MediaReadError(path, f"is missing (no such {what})") from exc
    except OSError as exc:
        raise MediaReadError(path, f"cannot be read: {exc.strerror or exc}") from exc


def _header(data: _Data, magic: bytes) -> str:
    """Check the 4-byte magic and return the 4-character version."""
    if len(data) == 0:
        raise MediaReadError(data.path, f"is empty (0 bytes), not a {data.what}")
    head = data.data[:8]
    if len(head) < 8 or head[:4] != magic:
        shown = head[:4].decode("ascii", "backslashreplace")
        raise MediaReadError(data.path, f"is not a {data.what}: it starts with {shown!r}, "
                                        f"not {magic.decode('ascii')!r}")
    version = head[4:8].decode("ascii", "backslashreplace")
    if version not in SUPPORTED_VERSIONS:
        raise MediaReadError(data.path, f"{data.what} version {version!r} is not supported "
                                        f"(only {', '.join(SUPPORTED_VERSIONS)})")
    return version


def check_navigation_file(source: SourceArg, magic: bytes, what: str) -> str:
    """Check that ``source`` starts with ``magic`` and a supported version; return it.

    Used for ``INDEX.BDM`` (``INDX``) and ``MOVIEOBJ.BDM`` (``MOBJ``), whose
    contents a cataloguer does not need.
    """
    raw, name = _load(source, what)
    return _header(_Data(raw, name, what), magic)


# --------------------------------------------------------------------------- stream formats


@dataclass(frozen=True)
class VideoFormat:
    """A video stream as a playlist's STN table or a clip's ProgramInfo describes it.

    ``frame_rate`` counts frames (1080i at code 3 is 25 frames, 50 fields a
    second); ``height`` and ``interlaced`` come from ``format_code``.
    """

    pid: Optional[int]
    coding_type: int
    format_code: int
    rate_code: int
    aspect_code: Optional[int] = None

    @property
    def codec(self) -> str:
        return _VIDEO_CODECS.get(self.coding_type, f"video 0x{self.coding_type:02X}")

    @property
    def height(self) -> Optional[int]:
        known = _VIDEO_FORMATS.get(self.format_code)
        return known[0] if known else None

    @property
    def interlaced(self) -> Optional[bool]:
        known = _VIDEO_FORMATS.get(self.format_code)
        return known[1] if known else None

    @property
    def frame_rate(self) -> Optional[Fraction]:
        return _FRAME_RATES.get(self.rate_code)

    @property
    def label(self) -> str:
        """``"H.264 1080i 25"``-style summary."""
        parts = [self.codec]
        if self.height is not None:
            parts.append(f"{self.height}{'i' if self.interlaced else 'p'}")
        rate = self.frame_rate
        if rate is not None:
            parts.append(f"{float(rate):.3f}".rstrip("0").rstrip("."))
        return " ".join(parts)


@dataclass(frozen=True)
class AudioFormat:
    """An audio stream: coding type, channel layout code, sampling rate, language."""

    pid: Optional[int]
    coding_type: int
    presentation_code: int
    rate_code: int
    language: Optional[str] = None

    @property
    def codec(self) -> str:
        return _AUDIO_CODECS.get(self.coding_type, f"audio 0x{self.coding_type:02X}")

    @property
    def channels(self) -> Optional[int]:
        return _AUDIO_CHANNELS.get(self.presentation_code)

    @property
    def sample_rate(self) -> Optional[int]:
        return _AUDIO_RATES.get(self.rate_code)


def _is_video(coding_type: int) -> bool:
    return coding_type in _VIDEO_CODECS


def _is_audio(coding_type: int) -> bool:
    return coding_type in _AUDIO_CODECS


def _coding_info(data: _Data, offset: int, pid: Optional[int], *, with_aspect: bool
                 ) -> Tuple[Union[VideoFormat, AudioFormat, None], int]:
    """Parse stream attributes at ``offset`` (u8 length first); (format or None, next offset)."""
    length = data.u8(offset, "stream attributes length")
    end = offset + 1 + length
    data.raw(offset + 1, length, "stream attributes")
    if length < 2:
        return None, end
    coding = data.u8(offset + 1, "coding type")
    packed = data.u8(offset + 2, "stream format")
    if _is_video(coding):
        aspect = None
        if with_aspect and length >= 3:
            aspect = data.u8(offset + 3, "aspect ratio") >> 4
        return VideoFormat(pid, coding, packed >> 4, packed & 0x0F, aspect), end
    if _is_audio(coding):
        language = None
        if length >= 5:
            raw = data.raw(offset + 3, 3, "language")
            if all(0x61 <= b <= 0x7A or 0x41 <= b <= 0x5A for b in raw):
                language = raw.decode("ascii").lower()
        return AudioFormat(pid, coding, packed >> 4, packed & 0x0F, language), end
    return None, end


# --------------------------------------------------------------------------- playlists


class _InOut:
    """A 45 kHz IN/OUT pair (a PlayItem's, or a take file's)."""

    in_time: int
    out_time: int

    @property
    def ticks(self) -> int:
        """OUT − IN in 45 kHz ticks (unsigned 32-bit arithmetic)."""
        return _span(self.in_time, self.out_time)

    @property
    def duration(self) -> Fraction:
        """(OUT − IN) / 45000 seconds, exact."""
        return ticks_to_seconds(self.ticks)


@dataclass(frozen=True)
class PlayItem(_InOut):
    """One PlayItem: a stretch of one clip (``clip`` = 5-digit number)."""

    index: int
    clip: str
    codec_id: str
    connection_condition: int
    multi_angle: bool
    stc_id: int
    in_time: int
    out_time: int
    video: Tuple[VideoFormat, ...] = ()
    audio: Tuple[AudioFormat, ...] = ()



@dataclass(frozen=True)
class PlaylistMark:
    """A PlayListMark: ``mark_type`` 1 is an entry mark (a chapter), 2 a link point."""

    mark_type: int
    play_item: int
    time_stamp: int
    entry_pid: int
    duration: int


@dataclass(frozen=True)
class Playlist:
    """A parsed ``.MPL`` / ``.mpls`` file."""

    path: Optional[Path]
    version: str
    playback_type: Optional[int]
    items: Tuple[PlayItem, ...]
    marks: Tuple[PlaylistMark, ...]
    sub_paths: int = 0

    @property
    def duration(self) -> Fraction:
        return ticks_to_seconds(sum(item.ticks for item in self.items))


def _parse_stn(data: _Data, offset: int, limit: int
               ) -> Tuple[Tuple[VideoFormat, ...], Tuple[AudioFormat, ...]]:
    length = data.u16(offset, "STN_table length")
    end = min(offset + 2 + length, limit)
    if length < 14:
        return (), ()
    counts = data.raw(offset + 4, 8, "STN_table stream counts")
    n_video, n_audio = counts[0], counts[1]
    position = offset + 16
    video: List[VideoFormat] = []
    audio: List[AudioFormat] = []
    for number in range(n_video + n_audio):
        if position >= end:
            break
        entry_length = data.u8(position, "stream_entry length")
        entry_type = data.u8(position + 1, "stream_entry type")
        pid_offset = {1: 2, 2: 4, 3: 3, 4: 3}.get(entry_type)
        pid = data.u16(position + pid_offset, "stream PID") if pid_offset is not None else None
        position += 1 + entry_length
        found, position = _coding_info(data, position, pid, with_aspect=False)
        if position > end:
            raise data.fail("a stream entry runs past the end of its STN_table")
        if number < n_video and isinstance(found, VideoFormat):
            video.append(found)
        elif number >= n_video and isinstance(found, AudioFormat):
            audio.append(found)
    return tuple(video), tuple(audio)


def parse_mpl(source: SourceArg) -> Playlist:
    """Read a playlist (``.MPL`` or ``.mpls``) from a path or from its bytes.

    Raises :class:`MediaReadError` naming the file with the reason when it is
    not a playlist, has an unsupported version or is cut short.
    """
    raw, name = _load(source, "playlist")
    data = _Data(raw, name, "playlist")
    version = _header(data, b"MPLS")
    list_start = data.u32(8, "PlayList_start_address")
    mark_start = data.u32(12, "PlayListMark_start_address")
    playback_type: Optional[int] = None
    if len(raw) >= 46 and data.u32(40, "AppInfoPlayList length") >= 2:
        playback_type = data.u8(45, "playback_type")
    if list_start < 40:
        raise data.fail(f"PlayList_start_address {list_start} points into the header")
    data.u32(list_start, "PlayList length")
    count = data.u16(list_start + 6, "number_of_PlayItems")
    sub_paths = data.u16(list_start + 8, "number_of_SubPaths")
    position = list_start + 10
    items: List[PlayItem] = []
    for index in range(count):
        length = data.u16(position, f"PlayItem {index} length")
        end = position + 2 + length
        if end > len(raw):
            raise data.fail(f"PlayItem {index} runs past the end of the file")
        if length < 32:
            raise data.fail(f"PlayItem {index} is only {length} bytes long")
        clip_raw = data.raw(position + 2, 5, "Clip_Information_file_name")
        if not clip_raw.isdigit():
            raise data.fail(f"PlayItem {index} names clip {clip_raw!r}, not five digits")
        codec = data.raw(position + 7, 4, "Clip_codec_identifier").decode("ascii", "replace")
        flags = data.u16(position + 11, "connection_condition")
        multi_angle = bool(flags & 0x10)
        stn_at = position + 34
        if multi_angle:
            angles = data.u8(position + 34, "number_of_angles")
            stn_at = position + 36 + max(0, angles - 1) * 10
        video: Tuple[VideoFormat, ...] = ()
        audio: Tuple[AudioFormat, ...] = ()
        if stn_at + 2 <= end:
            try:
                video, audio = _parse_stn(data, stn_at, end)
            except MediaReadError as exc:
                log.warning("%s: PlayItem %d: stream table not read (%s)", name, index, exc.reason)
        items.append(PlayItem(
            index=index,
            clip=clip_raw.decode("ascii"),
            codec_id=codec,
            connection_condition=flags & 0x0F,
            multi_angle=multi_angle,
            stc_id=data.u8(position + 13, "ref_to_STC_id"),
            in_time=data.u32(position + 14, "IN_time"),
            out_time=data.u32(position + 18, "OUT_time"),
            video=video,
            audio=audio,
        ))
        position = end
    marks: List[PlaylistMark] = []
    if mark_start:
        mark_count = data.u16(mark_start + 4, "number_of_PlayList_marks")
        for number in range(mark_count):
            at = mark_start + 6 + 14 * number
            data.raw(at, 14, f"PlayListMark {number}")
            marks.append(PlaylistMark(
                mark_type=data.u8(at + 1, "mark_type"),
                play_item=data.u16(at + 2, "ref_to_PlayItem_id"),
                time_stamp=data.u32(at + 4, "mark_time_stamp"),
                entry_pid=data.u16(at + 8, "entry_ES_PID"),
                duration=data.u32(at + 10, "mark duration"),
            ))
    path = Path(name) if isinstance(name, str) and not name.startswith("<") else None
    return Playlist(path, version, playback_type, tuple(items), tuple(marks), sub_paths)


# --------------------------------------------------------------------------- clip information


@dataclass(frozen=True)
class EpEntry:
    """An entry point: an I/IDR picture at 90 kHz ``pts`` in source packet ``spn``."""

    pid: int
    pts: int
    spn: int

    @property
    def offset(self) -> int:
        """Byte offset of the entry's source packet in the stream file."""
        return self.spn * SOURCE_PACKET_SIZE


@dataclass(frozen=True)
class ClipInfo:
    """A parsed ``.CPI`` / ``.clpi`` file.

    ``presentation_start``/``presentation_end`` are the 45 kHz times of the
    first and last STC sequence: a PlayItem covering the whole file has these
    as IN and OUT.  ``source_packets`` × 192 is the stream file's size.
    """

    path: Optional[Path]
    version: str
    stream_type: int
    application_type: int
    ts_recording_rate: int
    source_packets: int
    presentation_start: Optional[int]
    presentation_end: Optional[int]
    pcr_pid: Optional[int]
    program_map_pid: Optional[int]
    video: Tuple[VideoFormat, ...] = ()
    audio: Tuple[AudioFormat, ...] = ()
    ep_map: Tuple[EpEntry, ...] = field(default=(), repr=False)

    @property
    def stream_size(self) -> int:
        return self.source_packets * SOURCE_PACKET_SIZE

    @property
    def duration(self) -> Optional[Fraction]:
        if self.presentation_start is None or self.presentation_end is None:
            return None
        return ticks_to_seconds(_span(self.presentation_start, self.presentation_end))


def _parse_ep_map(data: _Data, cpi_start: int) -> Tuple[EpEntry, ...]:
    length = data.u32(cpi_start, "CPI length")
    if length == 0:
        return ()
    cpi_type = data.u16(cpi_start + 4, "CPI_type") & 0x0F
    if cpi_type != 1:
        return ()
    base = cpi_start + 6
    pids = data.u8(base + 1, "number_of_stream_PID_entries")
    entries: List[EpEntry] = []
    for number in range(pids):
        at = base + 2 + 12 * number
        pid = data.u16(at, "EP stream PID")
        bits = int.from_bytes(data.raw(at + 2, 6, "EP stream counts"), "big")
        coarse_count = (bits >> 18) & 0xFFFF
        fine_count = bits & 0x3FFFF
        block = base + data.u32(at + 8, "EP_map_for_one_stream_PID_start_address")
        fine_at = block + data.u32(block, "EP_fine_table_start_address")
        data.raw(block + 4, 8 * coarse_count, "EP coarse table")
        data.raw(fine_at, 4 * fine_count, "EP fine table")
        coarse = []
        for k in range(coarse_count):
            head = data.u32(block + 4 + 8 * k, "EP coarse entry")
            coarse.append((head >> 14, head & 0x3FFF, data.u32(block + 8 + 8 * k, "SPN_EP_coarse")))
        current = -1
        for k in range(fine_count):
            while current + 1 < len(coarse) and coarse[current + 1][0] <= k:
                current += 1
            if current < 0:
                raise data.fail("an EP fine entry comes before any coarse entry")
            value = data.u32(fine_at + 4 * k, "EP fine entry")
            _, pts_coarse, spn_coarse = coarse[current]
            pts = ((pts_coarse & ~1) << 19) + (((value >> 17) & 0x7FF) << 9)
            spn = (spn_coarse & ~0x1FFFF) + (value & 0x1FFFF)
            entries.append(EpEntry(pid, pts, spn))
    return tuple(entries)


def parse_cpi(source: SourceArg) -> ClipInfo:
    """Read a clip information file (``.CPI`` or ``.clpi``) from a path or its bytes.

    Raises :class:`MediaReadError` naming the file with the reason when it is
    not clip information, has an unsupported version or is cut short.  A
    damaged EP map (needed only for seeking) is logged and left empty.
    """
    raw, name = _load(source, "clip information file")
    data = _Data(raw, name, "clip information file")
    version = _header(data, b"HDMV")
    sequence_at = data.u32(8, "SequenceInfo_start_address")
    program_at = data.u32(12, "ProgramInfo_start_address")
    cpi_at = data.u32(16, "CPI_start_address")
    for label, address in (("SequenceInfo", sequence_at), ("ProgramInfo", program_at)):
        if address < 40 or address >= len(raw):
            raise data.fail(f"{label}_start_address {address} is outside the file")
    data.u32(40, "ClipInfo length")
    stream_type = data.u8(46, "Clip_stream_type")
    application_type = data.u8(47, "application_type")
    rate = data.u32(52, "TS_recording_rate")
    packets = data.u32(56, "number_of_source_packets")

    start = end = pcr_pid = None
    atc_count = data.u8(sequence_at + 5, "number_of_ATC_sequences")
    if atc_count:
        stc_count = data.u8(sequence_at + 10, "number_of_STC_sequences")
        for number in range(stc_count):
            at = sequence_at + 12 + 14 * number
            if pcr_pid is None:
                pcr_pid = data.u16(at, "PCR_PID")
            if start is None:
                start = data.u32(at + 6, "presentation_start_time")
            end = data.u32(at + 10, "presentation_end_time")

    programs = data.u8(program_at + 5, "number_of_program_sequences")
    position = program_at + 6
    pmt_pid: Optional[int] = None
    video: List[VideoFormat] = []
    audio: List[AudioFormat] = []
    for _ in range(programs):
        if pmt_pid is None:
            pmt_pid = data.u16(position + 4, "program_map_PID")
        streams = data.u8(position + 6, "number_of_streams_in_ps")
        position += 8
        for _ in range(streams):
            pid = data.u16(position, "stream_PID")
            found, position = _coding_info(data, position + 2, pid, with_aspect=True)
            if isinstance(found, VideoFormat):
                video.append(found)
            elif isinstance(found, AudioFormat):
                audio.append(found)

    ep_map: Tuple[EpEntry, ...] = ()
    if cpi_at:
        try:
            ep_map = _parse_ep_map(data, cpi_at)
        except MediaReadError as exc:
            log.warning("%s: EP map not read (%s)", name, exc.reason)
    path = Path(name) if isinstance(name, str) and not name.startswith("<") else None
    return ClipInfo(path, version, stream_type, application_type, rate, packets, start, end,
                    pcr_pid, pmt_pid, tuple(video), tuple(audio), ep_map)


# --------------------------------------------------------------------------- cards


@dataclass(frozen=True)
class Card:
    """A ``BDMV`` folder found on a card or in a copy of one.

    ``root`` (the folder holding ``BDMV``) is what players call the disc
    root; ``index`` is the ``INDEX.BDM`` / ``index.bdmv`` found (its
    ``BACKUP`` copy when the primary is missing).
    """

    bdmv: Path
    index: Path

    @property
    def root(self) -> Path:
        return self.bdmv.parent

    @property
    def long_names(self) -> bool:
        """Whether the card uses Blu-ray long names (``index.bdmv``) rather than 8.3 ones."""
        return self.index.name.lower().endswith(".bdmv")


def _entries(directory: Path) -> Dict[str, Path]:
    """Children of ``directory`` by lower-cased name (empty if it cannot be listed)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return {}
    found: Dict[str, Path] = {}
    for name in sorted(names):  # a stable choice when two names differ only in case
        found.setdefault(name.lower(), directory / name)
    return found


def _child(directory: Optional[Path], *names: str,
           want_dir: Optional[bool] = None) -> Optional[Path]:
    """The first of ``names`` (compared case-insensitively) inside ``directory``."""
    if directory is None:
        return None
    entries = _entries(directory)
    for name in names:
        path = entries.get(name.lower())
        if path is None:
            continue
        if want_dir is None or path.is_dir() == want_dir:
            return path
    return None


def _card_at(directory: Path) -> Optional[Card]:
    """A :class:`Card` when ``directory`` is a ``BDMV`` folder with an index file."""
    if directory.name.lower() != "bdmv":
        return None
    index = _child(directory, *_INDEX_NAMES, want_dir=False)
    if index is None:
        backup = _child(directory, "BACKUP", want_dir=True)
        index = _child(backup, *_INDEX_NAMES, want_dir=False)
        if index is None or (_child(directory, "PLAYLIST", want_dir=True) is None
                             and _child(directory, "STREAM", want_dir=True) is None):
            return None
    return Card(directory, index)


def find_cards(root: PathArg) -> List[Card]:
    """Every AVCHD/Blu-ray ``BDMV`` folder under ``root``, at any depth.

    A ``BDMV`` folder (any letter case) counts when it holds ``INDEX.BDM`` or
    ``index.bdmv`` (or, when that is lost, a ``BACKUP`` copy next to a
    ``PLAYLIST`` or ``STREAM`` folder).  ``root`` itself may be such a folder.
    Folders that cannot be listed are skipped, symbolic links to folders are
    not followed, and ``BDMV`` folders are not searched further.  The result
    is sorted by path.
    """
    start = Path(os.fsdecode(os.fspath(root)))
    if not start.is_dir():
        raise MediaReadError(start, "is not a folder that can be searched for cards")
    cards: List[Card] = []
    seen: Set[Tuple[int, int]] = set()
    stack = [start]
    while stack:
        directory = stack.pop()
        try:
            info = directory.stat()
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            continue
        seen.add(key)
        card = _card_at(directory)
        if card is not None:
            cards.append(card)
            continue
        try:
            with os.scandir(directory) as listing:
                children = [Path(entry.path) for entry in listing
                            if entry.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        stack.extend(sorted(children, reverse=True))
    return sorted(cards, key=lambda card: os.fsencode(card.bdmv))


# --------------------------------------------------------------------------- takes


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file of a card: its path, a kind and the reason.

    ``kind`` is one of ``missing`` (a stream the playlist names is absent),
    ``missing-clip-info``, ``empty``, ``truncated``, ``size-mismatch``,
    ``unreadable`` (a file that is not what it should be or cannot be read)
    and ``backup-used`` (a damaged or missing navigation file whose
    ``BACKUP`` copy was read instead).
    """

    path: Path
    kind: str
    reason: str
    clip: Optional[str] = None

    def __str__(self) -> str:
        return f"{os.fsdecode(self.path)}: {self.reason}"


@dataclass(frozen=True)
class TakeFile(_InOut):
    """One file of a take: a PlayItem and the files of its clip.

    ``mts`` is ``None`` when the stream file is missing, ``cpi`` when its
    clip information is.  ``in_time``/``out_time`` are the PlayItem's 45 kHz
    times; ``size`` the stream file's size in bytes.
    """

    clip: str
    mts: Optional[Path]
    cpi: Optional[Path]
    in_time: int
    out_time: int
    connection_condition: int
    size: Optional[int] = None
    clip_info: Optional[ClipInfo] = field(default=None, repr=False)



@dataclass(frozen=True)
class Take:
    """One recording: a PlayItem with connection condition 1 and its continuations.

    ``files`` are in playlist order; ``duration`` is the exact sum of their
    (OUT − IN) / 45000.  ``video``/``audio`` come from the first PlayItem's
    STN table (else from its clip information).  ``mdpm`` is what the first
    stream file's MDPM block says (recording time with the camera's UTC
    offset, time code, camera), ``None`` when it has none or was not read.
    ``problems`` lists this take's damaged or missing files.
    """

    playlist: Path
    first_item: int
    files: Tuple[TakeFile, ...]
    video: Optional[VideoFormat] = None
    audio: Tuple[AudioFormat, ...] = ()
    mdpm: Optional[Mdpm] = None
    problems: Tuple[Problem, ...] = ()

    @property
    def clips(self) -> Tuple[str, ...]:
        """Clip numbers (``"00017"``) in order."""
        return tuple(part.clip for part in self.files)

    @property
    def paths(self) -> Tuple[Path, ...]:
        """The stream files that exist, in order (join them by byte concatenation)."""
        return tuple(part.mts for part in self.files if part.mts is not None)

    @property
    def complete(self) -> bool:
        """Every stream file present and none of them reported damaged.

        Problems with navigation files only (a missing clip information file,
        a ``BACKUP`` copy read instead) do not make a take incomplete.
        """
        streams = {part.mts for part in self.files}
        if None in streams:
            return False
        return not any(problem.path in streams for problem in self.problems)

    @property
    def ticks(self) -> int:
        return sum(part.ticks for part in self.files)

    @property
    def duration(self) -> Fraction:
        return ticks_to_seconds(self.ticks)

    @property
    def frame_rate(self) -> Optional[Fraction]:
        return self.video.frame_rate if self.video is not None else None

    @property
    def interlaced(self) -> Optional[bool]:
        return self.video.interlaced if self.video is not None else None

    @property
    def recorded_at(self) -> Optional[datetime]:
        """The recording start from the first file's MDPM block, or ``None``."""
        return self.mdpm.recorded_at if self.mdpm is not None else None

    @property
    def spanned(self) -> bool:
        return len(self.files) > 1


@dataclass(frozen=True)
class CardScan:
    """What :func:`read_card` found: takes, problems (all of them) and orphan streams."""

    card: Card
    takes: Tuple[Take, ...]
    problems: Tuple[Problem, ...]
    orphans: Tuple[Path, ...]


class _Folder:
    """A card sub-folder and its ``BACKUP`` twin, looked up case-insensitively."""

    def __init__(self, bdmv: Path, name: str):
        self.primary = _child(bdmv, name, want_dir=True)
        backup = _child(bdmv, "BACKUP", want_dir=True)
        self.backup = _child(backup, name, want_dir=True)
        self.entries = _entries(self.primary) if self.primary is not None else {}
        self.backup_entries = _entries(self.backup) if self.backup is not None else {}

    def find(self, stem: str, suffixes: Sequence[str]) -> Tuple[Optional[Path], Optional[Path]]:
        """(primary, backup) files named ``stem`` + one of ``suffixes``."""
        def pick(entries: Dict[str, Path]) -> Optional[Path]:
            for suffix in suffixes:
                path = entries.get(stem.lower() + suffix)
                if path is not None and not path.is_dir():
                    return path
            return None
        return pick(self.entries), pick(self.backup_entries)

    def stems(self, suffixes: Sequence[str]) -> List[str]:
        """Lower-cased names without suffix of the files in either copy."""
        found = set()
        for entries in (self.entries, self.backup_entries):
            for name in entries:
                stem, dot, suffix = name.rpartition(".")
                if dot and "." + suffix in suffixes:
                    found.add(stem)
        return sorted(found)


def _read_with_backup(primary: Optional[Path], backup: Optional[Path],
                      parse: Callable[[Path], _Parsed], problems: List[Problem],
                      clip: Optional[str] = None) -> Tuple[Optional[_Parsed], Optional[Path]]:
    """Parse ``primary``, falling back on its ``BACKUP`` copy; note what went wrong.

    Returns (parsed record, path read) or (None, None) when neither copy can
    be read (an ``unreadable`` problem is added then).
    """
    error: Optional[MediaReadError] = None
    if primary is not None:
        try:
            return parse(primary), primary
        except MediaReadError as exc:
            error = exc
    if backup is not None:
        try:
            result = parse(backup)
        except MediaReadError as exc:
            if error is None:
                error = exc
        else:
            if error is not None:
                problems.append(Problem(primary or backup, "backup-used",
                                        f"{error.reason}; its BACKUP copy was read instead", clip))
            else:
                problems.append(Problem(backup, "backup-used",
                                        "the primary copy is missing; this BACKUP copy was read "
                                        "instead", clip))
            return result, backup
    if error is not None:
        where = primary if primary is not None else backup
        assert where is not None
        problems.append(Problem(where, "unreadable", error.reason, clip))
    return None, None


def _stream_problems(path: Path, clip: str,
                     info: Optional[ClipInfo]) -> Tuple[Optional[int], List[Problem]]:
    """Size of a stream file and what is wrong with it, if anything."""
    try:
        result = path.stat()
    except OSError as exc:
        return None, [Problem(path, "unreadable", f"cannot be read: {exc.strerror or exc}", clip)]
    if not stat.S_ISREG(result.st_mode):
        return None, [Problem(path, "unreadable", "is not a regular file", clip)]
    size = result.st_size
    if size == 0:
        return 0, [Problem(path, "empty", "the file is empty (0 bytes)", clip)]
    if size % SOURCE_PACKET_SIZE:
        return size, [Problem(path, "truncated",
                              f"truncated: {size:,} bytes is not a whole number of "
                              f"{SOURCE_PACKET_SIZE}-byte packets", clip)]
    if info is not None and info.source_packets:
        expected = info.stream_size
        if size < expected:
            return size, [Problem(path, "truncated",
                                  f"truncated: {size:,} bytes, but its clip information lists "
                                  f"{info.source_packets:,} packets ({expected:,} bytes)", clip)]
        if size > expected:
            return size, [Problem(path, "size-mismatch",
                                  f"{size:,} bytes, more than the {expected:,} bytes its clip "
                                  f"information lists", clip)]
    return size, []


def _card_for(source: Union[Card, PathArg]) -> Card:
    if isinstance(source, Card):
        return source
    path = Path(os.fsdecode(os.fspath(source)))
    card = _card_at(path)
    if card is not None:
        return card
    cards = find_cards(path)
    if not cards:
        raise MediaReadError(path, "no AVCHD card here: no BDMV folder with an INDEX.BDM "
                                   "or index.bdmv")
    if len(cards) > 1:
        raise MediaReadError(path, f"holds {len(cards)} cards; read them one at a time "
                                   f"(find_cards lists them)")
    return cards[0]


def _group(items: Sequence[PlayItem], name: Path) -> List[List[PlayItem]]:
    """PlayItems grouped into recordings by connection condition."""
    groups: List[List[PlayItem]] = []
    for item in items:
        condition = item.connection_condition
        if condition in (5, 6) and groups:
            if condition == 5:
                log.info("%s: PlayItem %d (clip %s) continues a recording with connection "
                         "condition 5 (seamless with a clock break)", name, item.index, item.clip)
            previous = groups[-1][-1]
            if condition == 6 and item.in_time != previous.out_time:
                log.warning("%s: PlayItem %d (clip %s) continues a recording but its IN time "
                            "%d is not the previous OUT time %d", name, item.index, item.clip,
                            item.in_time, previous.out_time)
            groups[-1].append(item)
            continue
        if condition != 1:
            log.warning("%s: PlayItem %d (clip %s) has connection condition %d; taken as the "
                        "start of a recording", name, item.index, item.clip, condition)
        groups.append([item])
    return groups


def _check_marks(playlist: Playlist, groups: List[List[PlayItem]], name: Path) -> None:
    starts = {group[0].index for group in groups}
    for mark in playlist.marks:
        if mark.mark_type == 1 and mark.play_item not in starts:
            log.info("%s: entry mark on PlayItem %d, which does not start a recording",
                     name, mark.play_item)


def read_card(card: Union[Card, PathArg], *, with_mdpm: bool = True) -> CardScan:
    """Read a card's playlists and clip files into takes, problems and orphans.

    ``card`` is a :class:`Card`, a ``BDMV`` folder or a folder holding exactly
    one card.  Every playlist in ``PLAYLIST/`` is read (its ``BACKUP`` copy
    when the primary is missing or unreadable); a clip already part of a take
    from an earlier playlist is not counted twice.  With ``with_mdpm`` the
    first stream file of each take is scanned for its MDPM block (a few MB at
    most).  Problems never stop the scan: each is listed with the file's path
    and the reason, on its take and in :attr:`CardScan.problems`.
    """
    found = _card_for(card)
    bdmv = found.bdmv
    problems: List[Problem] = []

    index_path = found.index
    try:
        check_navigation_file(index_path, b"INDX", "index file")
    except MediaReadError as exc:
        problems.append(Problem(index_path, "unreadable", exc.reason))
    else:
        if index_path.parent != bdmv:
            problems.append(Problem(index_path, "backup-used",
                                    "the primary index file is missing; this BACKUP copy "
                                    "was read instead"))
    movie_object = _child(bdmv, *_MOVIE_OBJECT_NAMES, want_dir=False)
    if movie_object is not None:
        try:
            check_navigation_file(movie_object, b"MOBJ", "movie object file")
        except MediaReadError as exc:
            problems.append(Problem(movie_object, "unreadable", exc.reason))

    playlists = _Folder(bdmv, "PLAYLIST")
    clips = _Folder(bdmv, "CLIPINF")
    streams = _Folder(bdmv, "STREAM")

    takes: List[Take] = []
    used: Set[str] = set()
    referenced: Set[str] = set()
    clip_cache: Dict[str, Tuple[Optional[ClipInfo], Optional[Path], List[Problem]]] = {}

    def clip_information(clip: str) -> Tuple[Optional[ClipInfo], Optional[Path], List[Problem]]:
        if clip not in clip_cache:
            notes: List[Problem] = []
            primary, backup = clips.find(clip, _CLIP_SUFFIXES)
            info, path = _read_with_backup(primary, backup, parse_cpi, notes, clip)
            if primary is None and backup is None:
                suffix = ".clpi" if found.long_names else ".CPI"
                expected = (clips.primary or bdmv / "CLIPINF") / f"{clip}{suffix}"
                notes.append(Problem(expected, "missing-clip-info",
                                     f"clip {clip} has no clip information file; its times "
                                     f"come from the playlist only", clip))
            clip_cache[clip] = (info, path, notes)
        return clip_cache[clip]

    for stem in playlists.stems(_PLAYLIST_SUFFIXES):
        primary, backup = playlists.find(stem, _PLAYLIST_SUFFIXES)
        playlist, playlist_path = _read_with_backup(primary, backup, parse_mpl, problems)
        if playlist is None:
            continue
        assert playlist_path is not None
        groups = _group(playlist.items, playlist_path)
        _check_marks(playlist, groups, playlist_path)
        for item in playlist.items:
            referenced.add(item.clip)
        for group in groups:
            numbers = [item.clip for item in group]
            if any(number in used for number in numbers):
                log.info("%s: clips %s are already part of a take; not counted again",
                         playlist_path, ", ".join(numbers))
                continue
            used.update(numbers)
            takes.append(_make_take(playlist_path, group, streams, clip_information,
                                    found, with_mdpm))

    for take in takes:
        problems.extend(take.problems)
    orphans: List[Path] = []
    for stem in streams.stems(_STREAM_SUFFIXES):
        if stem in referenced:
            continue
        path, _ = streams.find(stem, _STREAM_SUFFIXES)
        if path is not None:
            orphans.append(path)
    return CardScan(found, tuple(takes), tuple(problems), tuple(orphans))


def _make_take(playlist_path: Path, group: List[PlayItem], streams: _Folder,
               clip_information: Callable[[str], Tuple[Optional[ClipInfo], Optional[Path],
                                                       List[Problem]]],
               card: Card, with_mdpm: bool) -> Take:
    """One take from its PlayItems: files, sizes, problems, formats and MDPM."""
    notes: List[Problem] = []
    files: List[TakeFile] = []
    for item in group:
        info, cpi_path, clip_notes = clip_information(item.clip)
        notes.extend(clip_notes)
        mts, _ = streams.find(item.clip, _STREAM_SUFFIXES)
        size: Optional[int] = None
        if mts is None:
            suffix = ".m2ts" if card.long_names else ".MTS"
            expected = (streams.primary or card.bdmv / "STREAM") / f"{item.clip}{suffix}"
            notes.append(Problem(expected, "missing",
                                 f"the playlist lists clip {item.clip} but its stream file "
                                 f"is missing", item.clip))
        else:
            size, stream_notes = _stream_problems(mts, item.clip, info)
            notes.extend(stream_notes)
        if info is not None and item.connection_condition == 1 and \
                info.presentation_start is not None and item.in_time != info.presentation_start:
            log.debug("%s: clip %s starts at %d in its clip information, the playlist IN is %d",
                      playlist_path, item.clip, info.presentation_start, item.in_time)
        files.append(TakeFile(item.clip, mts, cpi_path, item.in_time, item.out_time,
                              item.connection_condition, size, info))

    first = group[0]
    video = first.video[0] if first.video else None
    audio = first.audio
    first_info = files[0].clip_info
    if video is None and first_info is not None and first_info.video:
        video = first_info.video[0]
    if not audio and first_info is not None:
        audio = first_info.audio

    mdpm: Optional[Mdpm] = None
    head = files[0]
    if with_mdpm and head.mts is not None and head.size:
        try:
            mdpm = read_mdpm(head.mts)
        except MediaReadError as exc:
            notes.append(Problem(head.mts, "unreadable", exc.reason, head.clip))
    return Take(playlist_path, first.index, tuple(files), video, tuple(audio), mdpm,
                tuple(_unique(notes)))


def _unique(problems: Iterable[Problem]) -> List[Problem]:
    seen: Set[Tuple[str, str, str]] = set()
    result = []
    for problem in problems:
        key = (os.fsdecode(problem.path), problem.kind, problem.reason)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result
