"""Generated AVCHD camera cards for tests and demos.

:func:`write_card` writes a card tree as an AVCHD camcorder leaves it
(``docs/avchd.md``): ``PRIVATE/AVCHD/BDMV`` (or ``BDMV``) with ``INDEX.BDM``,
``MOVIEOBJ.BDM``, ``PLAYLIST/00000.MPL``, one ``CLIPINF/nnnnn.CPI`` and one
``STREAM/nnnnn.MTS`` per file, and ``BACKUP/`` copies of the navigation
files.  Each take is a real 1080i stream made by
:func:`~docmanager.media.generate.make_clip` (H.264 with the camera's MDPM
block in every IDR picture, AC-3 sound, 192-byte BDAV packets).

A take spanned over several files is made the way a camera makes it: one
continuous stream cut into pieces at 6144-byte aligned-unit boundaries, so
that byte concatenation of the pieces in playlist order restores the stream
exactly.  Cuts are placed in front of an IDR picture and the PAT/PMT that
precede it; null packets (PID 0x1FFF, as a camera's multiplexer writes them)
pad the stream so that each piece starts on an aligned unit, and the end is
padded to a whole unit.  Every piece therefore starts with PAT, PMT and an
IDR picture whose MDPM block carries a mid-recording date and time code, and
can be probed on its own.

The playlist gets one PlayItem per file (connection condition 1 for the
first file of a take, 6 for each continuation, the IN time of a continuation
equal to the OUT time of the file before it), taken from the PTS of the
video access units of the stream itself, an entry mark per take and an STN
table with the video format and AC-3 audio.  Each CPI has SequenceInfo with
the same presentation start/end as its PlayItem, ProgramInfo with the
streams of the PMT, an EP map of the file's IDR pictures and the number of
source packets.  :class:`TakeSpec` can also damage a take (missing, cut
short or empty stream file, missing clip information) or leave it out of
the playlist, for tests of readers on bad cards.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import List, Optional, Sequence, Tuple, Union

from docmanager.media.generate import make_clip
from docmanager.media.mdpm import AccessUnit, StreamScan, scan_video_access_units
from docmanager.media.probe import normalize_rate

__all__ = ["DAMAGE_KINDS", "TakeSpec", "WrittenFile", "WrittenTake", "write_card",
           "write_card_detailed"]

PathArg = Union[str, "os.PathLike[str]"]

#: What :attr:`TakeSpec.damage` can do to one file of a take.
DAMAGE_KINDS = ("missing", "truncated", "empty", "missing-clip-info")

_PACKET = 192
_UNIT_PACKETS = 32  # an aligned unit: 32 source packets, 6144 bytes
_NULL_PID = 0x1FFF
_VERSION = b"0100"
#: (lines, interlaced) → Blu-ray video_format code
_FORMAT_CODES = {(480, True): 1, (576, True): 2, (480, False): 3, (1080, True): 4,
                 (720, False): 5, (1080, False): 6, (576, False): 7}
_RATE_CODES = {Fraction(24000, 1001): 1, Fraction(24): 2, Fraction(25): 3,
               Fraction(30000, 1001): 4, Fraction(50): 6, Fraction(60000, 1001): 7}
_H264 = 0x1B
_AC3 = 0x81


@dataclass(frozen=True)
class TakeSpec:
    """One recording to put on a generated card.

    * ``seconds``, ``rate``, ``interlaced``, ``size``: the picture (default
      1080i50: 25 frames of two fields a second).
    * ``files``: how many stream files the recording is spanned over.
    * ``recorded_at`` (aware), ``camera`` (make, model) and ``timecode``
      (``HH:MM:SS:FF``) go into the MDPM block of every IDR picture.
    * ``damage``: one of :data:`DAMAGE_KINDS`, applied to file
      ``damage_part`` of the take (0 = first).
    * ``in_playlist=False`` writes the files but leaves them out of the
      playlist (they become orphans).
    """

    seconds: Union[float, int, Fraction] = 2
    files: int = 1
    recorded_at: Optional[datetime] = None
    camera: Optional[Tuple[str, str]] = ("Sony", "HDR-CX550V")
    timecode: Optional[str] = None
    rate: Union[Fraction, int, str] = Fraction(25)
    interlaced: bool = True
    size: Tuple[int, int] = (1920, 1080)
    label: Optional[str] = None
    pattern: str = "testsrc2"
    damage: Optional[str] = None
    damage_part: int = 0
    in_playlist: bool = True


@dataclass(frozen=True)
class WrittenFile:
    """One stream file as written: its clip number, paths and 45 kHz IN/OUT times."""

    clip: str
    mts: Path
    cpi: Path
    in_time: int
    out_time: int
    source_packets: int
    damaged: Optional[str] = None


@dataclass(frozen=True)
class WrittenTake:
    """A take as written: its files, and its length in frames and seconds."""

    spec: TakeSpec
    files: Tuple[WrittenFile, ...]
    frames: int
    rate: Fraction

    @property
    def seconds(self) -> Fraction:
        return Fraction(self.frames) / self.rate

    @property
    def ticks(self) -> int:
        return sum(part.out_time - part.in_time for part in self.files)


# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class _Names:
    index: str
    movie_object: str
    playlist: str
    clip_info: str
    stream: str
    folders: Tuple[str, str, str, str]  # PLAYLIST, CLIPINF, STREAM, BACKUP

    @classmethod
    def make(cls, eight_three: bool, lowercase: bool) -> "_Names":
        if eight_three:
            names = cls("INDEX.BDM", "MOVIEOBJ.BDM", ".MPL", ".CPI", ".MTS",
                        ("PLAYLIST", "CLIPINF", "STREAM", "BACKUP"))
        else:
            names = cls("index.bdmv", "MovieObject.bdmv", ".mpls", ".clpi", ".m2ts",
                        ("PLAYLIST", "CLIPINF", "STREAM", "BACKUP"))
        if lowercase:
            names = cls(names.index.lower(), names.movie_object.lower(), names.playlist.lower(),
                        names.clip_info.lower(), names.stream.lower(),
                        tuple(folder.lower() for folder in names.folders))  # type: ignore[arg-type]
        return names


# --------------------------------------------------------------------------- binary writing


def _u8(value: int) -> bytes:
    return (value & 0xFF).to_bytes(1, "big")


def _u16(value: int) -> bytes:
    return (value & 0xFFFF).to_bytes(2, "big")


def _u32(value: int) -> bytes:
    return (value & 0xFFFFFFFF).to_bytes(4, "big")


def _index_file() -> bytes:
    """INDEX.BDM: AppInfoBDMV, first playback, top menu and one title, all on movie object 0."""
    def hdmv_object(first_byte: int) -> bytes:
        # object_type 1 (HDMV) in the top two bits; playback_type 0 (movie); id_ref 0
        return bytes([first_byte, 0, 0, 0]) + _u16(0) + _u16(0) + bytes(4)

    app_info = _u32(34) + bytes([0, 0x43]) + bytes(32)  # 1080i, 25 Hz
    indexes_start = 40 + len(app_info)
    body = hdmv_object(0x40) + hdmv_object(0x40) + _u16(1) + hdmv_object(0x40)
    indexes = _u32(len(body)) + body
    header = b"INDX" + _VERSION + _u32(indexes_start) + _u32(0) + bytes(24)
    return header + app_info + indexes


def _movie_object_file() -> bytes:
    """MOVIEOBJ.BDM: one movie object whose only command plays playlist 0."""
    play_playlist_0 = bytes([0x22, 0x80, 0, 0]) + _u32(0) + _u32(0)
    movie_object = _u16(0x8000) + _u16(1) + play_playlist_0  # resume intention, 1 command
    objects = bytes(4) + _u16(1) + movie_object
    header = b"MOBJ" + _VERSION + _u32(0) + bytes(28)
    return header + _u32(len(objects)) + objects


def _video_attributes(format_code: int, rate_code: int) -> bytes:
    return bytes([_H264, (format_code << 4) | rate_code])


def _audio_attributes() -> bytes:
    return bytes([_AC3, (3 << 4) | 1]) + b"und"  # stereo, 48 kHz


def _stn_table(video_pid: int, audio_pid: Optional[int], format_code: int, rate_code: int) -> bytes:
    def entry(pid: int) -> bytes:
        return _u8(9) + _u8(1) + _u16(pid) + bytes(6)

    def attributes(data: bytes) -> bytes:
        padded = data.ljust(5, b"\x00")
        return _u8(len(padded)) + padded

    body = bytes(2) + bytes([1, 1 if audio_pid is not None else 0, 0, 0, 0, 0, 0, 0]) + bytes(4)
    body += entry(video_pid) + attributes(_video_attributes(format_code, rate_code))
    if audio_pid is not None:
        body += entry(audio_pid) + attributes(_audio_attributes())
    return _u16(len(body)) + body


@dataclass(frozen=True)
class _Item:
    clip: str
    condition: int
    in_time: int
    out_time: int
    video_pid: int
    audio_pid: Optional[int]
    format_code: int
    rate_code: int


def _playlist_file(items: Sequence[_Item], marks: Sequence[Tuple[int, int]]) -> bytes:
    """00000.MPL: PlayItems, and an entry mark (item index, time) per take."""
    app_info = _u32(14) + bytes([0, 1]) + _u16(0) + bytes(8) + _u16(0)  # sequential playback
    encoded_items = b""
    for item in items:
        body = (item.clip.encode("ascii") + b"M2TS" + _u16(item.condition) + _u8(0)
                + _u32(item.in_time) + _u32(item.out_time) + bytes(8) + _u8(0) + _u8(0) + _u16(0)
                + _stn_table(item.video_pid, item.audio_pid, item.format_code, item.rate_code))
        encoded_items += _u16(len(body)) + body
    playlist_body = bytes(2) + _u16(len(items)) + _u16(0) + encoded_items
    playlist = _u32(len(playlist_body)) + playlist_body
    mark_body = _u16(len(marks)) + b"".join(
        _u8(0) + _u8(1) + _u16(index) + _u32(time) + _u16(0xFFFF) + _u32(0)
        for index, time in marks)
    mark_block = _u32(len(mark_body)) + mark_body
    list_start = 40 + len(app_info)
    mark_start = list_start + len(playlist)
    header = (b"MPLS" + _VERSION + _u32(list_start) + _u32(mark_start) + _u32(0) + bytes(20))
    return header + app_info + playlist + mark_block


def _ep_map(pid: int, entries: Sequence[Tuple[int, int]]) -> bytes:
    """The CPI block with an EP map of (90 kHz PTS, SPN) I-picture entries."""
    coarse: List[Tuple[int, int, int]] = []
    fine: List[int] = []
    for number, (pts, spn) in enumerate(entries):
        key = ((pts >> 19) & 0x3FFF, spn & ~0x1FFFF)
        if not coarse or (coarse[-1][1] & 0x3FFF, coarse[-1][2] & ~0x1FFFF) != key:
            coarse.append((number, (pts >> 19) & 0x3FFF, spn))
        fine.append((1 << 28) | (((pts >> 9) & 0x7FF) << 17) | (spn & 0x1FFFF))
    block = _u32(4 + 8 * len(coarse))
    block += b"".join(_u32((ref << 14) | pts_coarse) + _u32(spn) for ref, pts_coarse, spn in coarse)
    block += b"".join(_u32(value) for value in fine)
    counts = (1 << 34) | (len(coarse) << 18) | len(fine)  # EP_stream_type 1 (video)
    ep_map = bytes(1) + _u8(1) + _u16(pid) + counts.to_bytes(6, "big") + _u32(2 + 12) + block
    body = _u16(1) + ep_map  # CPI_type 1: EP_map
    return _u32(len(body)) + body


def _clip_info_file(*, packets: int, rate: int, start: int, end: int, pcr_pid: int,
                    pmt_pid: int, video_pid: int, audio_pid: Optional[int], format_code: int,
                    rate_code: int, entries: Sequence[Tuple[int, int]]) -> bytes:
    """nnnnn.CPI for one stream file."""
    ts_type_info = _u16(30) + b"\x80HDMV" + bytes(25)
    clip_body = (bytes(2) + _u8(1) + _u8(1) + _u32(0) + _u32(rate) + _u32(packets)
                 + bytes(128) + ts_type_info)
    clip = _u32(len(clip_body)) + clip_body
    sequence_body = (bytes(1) + _u8(1) + _u32(0) + _u8(1) + _u8(0)
                     + _u16(pcr_pid) + _u32(0) + _u32(start) + _u32(end))
    sequence = _u32(len(sequence_body)) + sequence_body

    def coding_info(data: bytes) -> bytes:
        padded = data.ljust(21, b"\x00")
        return _u8(len(padded)) + padded

    streams = _u16(video_pid) + coding_info(_video_attributes(format_code, rate_code) + b"\x30")
    count = 1
    if audio_pid is not None:
        streams += _u16(audio_pid) + coding_info(_audio_attributes())
        count += 1
    program_body = bytes(1) + _u8(1) + _u32(0) + _u16(pmt_pid) + _u8(count) + _u8(0) + streams
    program = _u32(len(program_body)) + program_body
    cpi = _ep_map(video_pid, entries)
    clip_mark = _u32(0)
    sequence_at = 40 + len(clip)
    program_at = sequence_at + len(sequence)
    cpi_at = program_at + len(program)
    mark_at = cpi_at + len(cpi)
    header = (b"HDMV" + _VERSION + _u32(sequence_at) + _u32(program_at) + _u32(cpi_at)
              + _u32(mark_at) + _u32(0) + bytes(12))
    return header + clip + sequence + program + cpi + clip_mark


# --------------------------------------------------------------------------- streams


def _null_packet(header: bytes) -> bytes:
    """A BDAV null packet carrying the 4-byte arrival time header ``header``."""
    return header + b"\x47\x1f\xff\x10" + b"\xff" * 184


def _packet_pids(path: Path) -> List[int]:
    pids: List[int] = []
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(_PACKET * 4096)
            if not chunk:
                break
            for offset in range(0, len(chunk) - _PACKET + 1, _PACKET):
                pids.append(((chunk[offset + 5] & 0x1F) << 8) | chunk[offset + 6])
    return pids


def _cut_points(scan: StreamScan, pids: Sequence[int], pieces: int) -> List[int]:
    """Packet indexes where continuation files start (PAT/PMT before an IDR picture)."""
    if pieces <= 1:
        return []
    units = scan.units
    idr_positions = [number for number, unit in enumerate(units) if unit.idr and number > 0]
    chosen: List[int] = []
    for piece in range(1, pieces):
        target = len(units) * piece / pieces
        candidates = [n for n in idr_positions if not chosen or n > chosen[-1]]
        if len(candidates) < pieces - piece:
            raise ValueError(f"a take of {len(units)} frames has too few IDR pictures to be "
                             f"spanned over {pieces} files; make it longer")
        best = min(candidates[: len(candidates) - (pieces - piece - 1)],
                   key=lambda n: abs(n - target))
        chosen.append(best)
    cuts = []
    for number in chosen:
        packet = units[number].packet_index
        if packet >= 2 and pids[packet - 2] == 0 and pids[packet - 1] == scan.program_map_pid:
            packet -= 2  # start the file with the PAT and PMT of this picture
        cuts.append(packet)
    return cuts


def _split_stream(source: Path, targets: Sequence[Path],
                  cuts: Sequence[int]) -> List[Tuple[int, int]]:
    """Write ``source`` as ``targets``, cut before packets ``cuts``, on aligned units.

    Returns, per target, (first original packet index, packets written).
    Null packets are inserted before each cut so that it falls on a
    32-packet boundary, and after the last packet to complete the unit.
    """
    ranges: List[Tuple[int, int]] = []
    boundaries = list(cuts) + [None]
    with open(source, "rb") as stream:
        original = 0
        header = bytes(4)
        for target, stop in zip(targets, boundaries):
            first = original
            written = 0
            with open(target, "wb") as out:
                while stop is None or original < stop:
                    packet = stream.read(_PACKET)
                    if len(packet) < _PACKET:
                        break
                    out.write(packet)
                    header = packet[:4]
                    written += 1
                    original += 1
                padding = (-written) % _UNIT_PACKETS
                out.write(_null_packet(header) * padding)
                written += padding
            ranges.append((first, written))
    return ranges


def _units_between(units: Sequence[AccessUnit], first: int,
                   stop: Optional[int]) -> List[AccessUnit]:
    return [unit for unit in units
            if unit.packet_index >= first and (stop is None or unit.packet_index < stop)]


# --------------------------------------------------------------------------- cards


def write_card_detailed(
    root: PathArg,
    takes: Sequence[TakeSpec],
    *,
    layout: str = "PRIVATE/AVCHD/BDMV",
    eight_three: bool = True,
    lowercase: bool = False,
    backup: bool = True,
    start_clip: int = 0,
) -> Tuple[Path, Tuple[WrittenTake, ...]]:
    """Like :func:`write_card`, also returning what was written for each take."""
    if layout.strip("/").split("/")[-1].upper() != "BDMV":
        raise ValueError(f"layout must end in BDMV, not {layout!r}")
    if not takes:
        raise ValueError("a card needs at least one take")
    names = _Names.make(eight_three, lowercase)
    parts = [part.lower() if lowercase else part for part in layout.strip("/").split("/")]
    bdmv = Path(os.fsdecode(os.fspath(root))).joinpath(*parts)
    playlist_dir, clip_dir, stream_dir, backup_dir = (bdmv / name for name in names.folders)
    for folder in (playlist_dir, clip_dir, stream_dir):
        folder.mkdir(parents=True, exist_ok=True)

    items: List[_Item] = []
    marks: List[Tuple[int, int]] = []
    written: List[WrittenTake] = []
    clip_number = start_clip
    with tempfile.TemporaryDirectory(prefix="docmanager-card-") as scratch:
        for take_number, spec in enumerate(takes):
            if spec.files < 1:
                raise ValueError("a take needs at least one file")
            if spec.damage is not None and spec.damage not in DAMAGE_KINDS:
                raise ValueError(f"damage must be one of {', '.join(DAMAGE_KINDS)}")
            if not 0 <= spec.damage_part < spec.files:
                raise ValueError("damage_part must name one of the take's files")
            rate = normalize_rate(spec.rate)
            format_code = _FORMAT_CODES.get((spec.size[1], spec.interlaced))
            rate_code = _RATE_CODES.get(rate)
            if format_code is None or rate_code is None:
                scan_type = "interlaced" if spec.interlaced else "progressive"
                raise ValueError(f"AVCHD has no format for {spec.size[1]} lines "
                                 f"{scan_type} at {rate} fps")
            numbers = [f"{clip_number + k:05d}" for k in range(spec.files)]
            if int(numbers[-1]) > 99999:
                raise ValueError("clip numbers run past 99999")
            clip_number += spec.files

            continuous = Path(scratch) / f"take{take_number}.mts"
            make_clip(continuous, seconds=spec.seconds, size=spec.size, rate=rate,
                      interlaced=spec.interlaced, container="m2ts",
                      label=spec.label if spec.label is not None else f"Take {take_number + 1}",
                      pattern=spec.pattern, timecode=spec.timecode,
                      recorded_at=spec.recorded_at, camera=spec.camera)
            scan = scan_video_access_units(continuous)
            if scan.video_pid is None or not scan.units or scan.units[0].pts is None:
                raise RuntimeError(f"the generated stream {continuous} has no timed H.264 video")
            audio_pid = next((pid for pid, kind in scan.streams.items() if kind == _AC3), None)
            pids = _packet_pids(continuous)
            cuts = _cut_points(scan, pids, spec.files)
            mts_paths = [stream_dir / (number + names.stream) for number in numbers]
            ranges = _split_stream(continuous, mts_paths, cuts)
            continuous.unlink()

            # IN of the first file: the first picture; OUT of each file = IN of the
            # next = the PTS of the IDR picture the next file starts with; OUT of
            # the last file: one frame after the last picture.
            frame_ticks = Fraction(90000) / rate
            pts_values = [unit.pts for unit in scan.units if unit.pts is not None]
            boundaries: List[int] = [pts_values[0]]
            for cut in cuts:
                pts = _units_between(scan.units, cut, None)[0].pts
                if pts is None:
                    raise RuntimeError(f"the picture at packet {cut} of {continuous} has no PTS")
                boundaries.append(pts)
            boundaries.append(int(max(pts_values) + frame_ticks))
            times = [value // 2 for value in boundaries]  # 90 kHz → 45 kHz
            stops = list(cuts) + [None]
            files: List[WrittenFile] = []
            for part, number in enumerate(numbers):
                first, packets = ranges[part]
                in_time, out_time = times[part], times[part + 1]
                entries = [(unit.pts, unit.packet_index - first)
                           for unit in _units_between(scan.units, first, stops[part])
                           if unit.idr and unit.pts is not None]
                duration = Fraction(out_time - in_time, 45000)
                byte_rate = int(packets * _PACKET / duration) + 1 if duration > 0 else 0
                cpi_path = clip_dir / (number + names.clip_info)
                cpi_path.write_bytes(_clip_info_file(
                    packets=packets, rate=byte_rate, start=in_time, end=out_time,
                    pcr_pid=scan.pcr_pid or scan.video_pid, pmt_pid=scan.program_map_pid or 0x100,
                    video_pid=scan.video_pid, audio_pid=audio_pid, format_code=format_code,
                    rate_code=rate_code, entries=entries))
                damaged = spec.damage if part == spec.damage_part else None
                _damage(mts_paths[part], cpi_path, damaged)
                files.append(WrittenFile(number, mts_paths[part], cpi_path, in_time, out_time,
                                         packets, damaged))
                if spec.in_playlist:
                    if part == 0:
                        marks.append((len(items), in_time))
                    items.append(_Item(number, 1 if part == 0 else 6, in_time, out_time,
                                       scan.video_pid, audio_pid, format_code, rate_code))
            written.append(WrittenTake(spec, tuple(files), len(scan.units), rate))

    (bdmv / names.index).write_bytes(_index_file())
    (bdmv / names.movie_object).write_bytes(_movie_object_file())
    (playlist_dir / ("00000" + names.playlist)).write_bytes(_playlist_file(items, marks))
    if backup:
        backup_dir.mkdir(exist_ok=True)
        for navigation in (names.index, names.movie_object):
            shutil.copyfile(bdmv / navigation, backup_dir / navigation)
        for source_dir, copy_name in ((playlist_dir, names.folders[0]),
                                      (clip_dir, names.folders[1])):
            copy_dir = backup_dir / copy_name
            copy_dir.mkdir(exist_ok=True)
            for entry in sorted(os.listdir(source_dir)):
                shutil.copyfile(source_dir / entry, copy_dir / entry)
    return bdmv, tuple(written)


def _damage(mts: Path, cpi: Path, kind: Optional[str]) -> None:
    if kind == "missing":
        mts.unlink()
    elif kind == "empty":
        mts.write_bytes(b"")
    elif kind == "truncated":
        size = mts.stat().st_size
        with open(mts, "r+b") as handle:
            handle.truncate(max(1, size // 2 - 100))  # not a whole number of packets
    elif kind == "missing-clip-info":
        cpi.unlink()


def write_card(
    root: PathArg,
    takes: Sequence[TakeSpec],
    *,
    layout: str = "PRIVATE/AVCHD/BDMV",
    eight_three: bool = True,
    lowercase: bool = False,
    backup: bool = True,
    start_clip: int = 0,
) -> Path:
    """Write a generated AVCHD card under ``root``; return its ``BDMV`` folder.

    * ``takes``: the recordings, in order (see :class:`TakeSpec`); clip
      numbers count up from ``start_clip``, one per file.
    * ``layout``: ``"PRIVATE/AVCHD/BDMV"`` (SD cards) or ``"BDMV"`` (disc and
      HDD models), or any other path ending in ``BDMV``.
    * ``eight_three``: FAT 8.3 names (``INDEX.BDM``, ``00000.MPL``,
      ``00000.CPI``, ``00000.MTS``); ``False`` writes the Blu-ray long names
      (``index.bdmv``, ``.mpls``, ``.clpi``, ``.m2ts``).
    * ``lowercase``: every name in lower case, as some systems show cards.
    * ``backup``: write ``BACKUP/`` copies of the navigation files.

    A damaged take's playlist entry and clip information stay as a camera
    wrote them; only its stream or clip information file is changed.
    """
    bdmv, _ = write_card_detailed(root, takes, layout=layout, eight_three=eight_three,
                                  lowercase=lowercase, backup=backup, start_clip=start_clip)
    return bdmv
