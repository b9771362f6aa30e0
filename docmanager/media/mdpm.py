"""Recording date, time code and camera from the MDPM block of an AVCHD stream.

AVCHD cameras put a "Modified DV Pack Meta" (MDPM) block into an H.264 SEI
message (user_data_unregistered with the UUID :data:`MDPM_UUID`) of the
I/IDR access units, usually once per GOP.  It holds the camera clock's date
and time with its UTC offset, a time code, the maker and, for some makers,
the model name (``docs/avchd.md`` section 6).

:func:`read_mdpm` scans the start of a BDAV (192-byte packets, ``.MTS`` /
``.m2ts``) or plain MPEG-TS (188-byte packets) stream without any external
tool: it finds the H.264 stream from the PAT and PMT, reassembles the PES
payloads of that PID, splits them into NAL units, removes the
emulation-prevention bytes of SEI NAL units, walks their messages and decodes
the first MDPM block.  It reads at most ``max_bytes`` and stops after
``max_gops`` intra pictures without one, so it never reads a whole 2 GB file
and never hangs on damaged input.

The module also offers the small transport-stream walker it is built on
(:func:`iter_ts_packets`, :class:`TsDemuxer`, :func:`scan_video_access_units`)
for code that needs video PTS and key-frame positions, such as the
generator of test cards in :mod:`docmanager.media.avchd_card`.

Notes on the values (checked against MediaInfo and ExifTool):

* ``recorded_at`` carries the offset stored in the tz byte of tag 0x18 (bit 5
  sign, bits 4-1 hours, bit 0 half an hour).  Bit 6 is the camera's DST flag:
  it is reported as :attr:`Mdpm.dst` and, as in MediaInfo and ExifTool, not
  added to the offset.
* Without tags 0x18 and 0x19 the recording time is unknown: ``recorded_at``
  is ``None``; nothing is guessed from file times.
* The date and time code advance through a recording: the first MDPM of a
  continuation file of a span is a mid-recording time.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import (
    BinaryIO,
    Callable,
    Dict,
    Iterator,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
    Union,
)

from docmanager.errors import MediaReadError

__all__ = [
    "AccessUnit",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_GOPS",
    "MAKER_NAMES",
    "MDPM_UUID",
    "Mdpm",
    "StreamScan",
    "TsDemuxer",
    "TsPacket",
    "decode_mdpm",
    "iter_ts_packets",
    "mdpm_from_sei",
    "read_mdpm",
    "scan_video_access_units",
    "unescape_rbsp",
]

#: A file name as the standard library accepts it.
PathArg = Union[str, "os.PathLike[str]", "os.PathLike[bytes]"]
#: Stream bytes held in memory.
DataArg = Union[bytes, bytearray, memoryview]

#: UUID of the user_data_unregistered SEI message that carries MDPM.
MDPM_UUID = bytes.fromhex("17EE8C60F84D11D98CD60800200C9A66")
_MDPM_MARK = MDPM_UUID + b"MDPM"
#: Maker IDs of MDPM tag 0xE0.
MAKER_NAMES: Dict[int, str] = {
    0x0103: "Panasonic",
    0x0108: "Sony",
    0x1011: "Canon",
    0x1104: "JVC",
}

#: How much of a stream :func:`read_mdpm` reads at most by default.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
#: How many intra pictures :func:`read_mdpm` looks at before giving up.
DEFAULT_MAX_GOPS = 8

_TS_SIZE = 188
_SYNC = 0x47
_CHUNK = 256 * 1024
#: Packets that must follow each other with sync bytes to accept a layout.
_SYNC_RUN = 5
#: How far into the data a first sync byte is looked for.
_SYNC_SEARCH = 64 * 1024
#: How far a lost sync is searched for before the rest of the data is given up.
_RESYNC_SEARCH = 1024 * 1024
#: H.264 in a PMT (stream_type); AVCHD uses only this one.
_H264_STREAM_TYPE = 0x1B
#: A PES payload larger than this is not kept whole (a broken length field).
_MAX_PES_BYTES = 8 * 1024 * 1024
_SOURCE_NAME = "<stream data>"


# --------------------------------------------------------------------------- MDPM values


@dataclass(frozen=True)
class Mdpm:
    """What the first MDPM block of a stream says.

    * ``recorded_at``: the camera clock's time with its UTC offset (aware), or
      ``None`` when tags 0x18/0x19 are missing or invalid.
    * ``timecode``: ``HH:MM:SS:FF`` (tag 0x13), or ``None``; ``drop_frame``
      tells whether its drop-frame flag is set.
    * ``maker_id`` (tag 0xE0) and ``make``, its name when known
      (:data:`MAKER_NAMES`); ``maker_model_code`` is the second half of 0xE0.
    * ``model``: the model name of tags 0xE4-0xE6 (Sony and some others).
    * ``dst``: the daylight-saving flag of the date's tz byte.
    * ``entries``: every (tag, 4 data bytes) pair, in stream order.
    """

    recorded_at: Optional[datetime] = None
    timecode: Optional[str] = None
    maker_id: Optional[int] = None
    make: Optional[str] = None
    model: Optional[str] = None
    dst: bool = False
    drop_frame: bool = False
    maker_model_code: Optional[int] = None
    entries: Tuple[Tuple[int, bytes], ...] = field(default=(), repr=False)

    @property
    def camera(self) -> Optional[str]:
        """``"Sony HDR-CX550V"``, ``"Canon"`` or ``None``: make and model together."""
        parts = [part for part in (self.make, self.model) if part]
        return " ".join(parts) if parts else None


def _bcd(value: int) -> Optional[int]:
    """The value of a two-digit BCD byte, ``None`` when a nibble is not a digit."""
    high, low = value >> 4, value & 0x0F
    if high > 9 or low > 9:
        return None
    return high * 10 + low


def _decode_datetime(date: bytes, time: bytes) -> Tuple[Optional[datetime], bool]:
    """Tags 0x18 (tz, year high, year low, month) + 0x19 (day, h, m, s)."""
    tz = date[0]
    dst = bool(tz & 0x40)
    values = [_bcd(b) for b in (*date[1:4], *time)]
    digits = [v for v in values if v is not None]
    if len(digits) != len(values):
        return None, dst
    century, year, month, day, hour, minute, second = digits
    minutes = ((tz >> 1) & 0x0F) * 60 + (30 if tz & 0x01 else 0)
    if tz & 0x20:
        minutes = -minutes
    try:
        zone = timezone(timedelta(minutes=minutes))
        moment = datetime(century * 100 + year, month, day, hour, minute, second, tzinfo=zone)
    except (ValueError, OverflowError):
        return None, dst
    return moment, dst


def _decode_timecode(data: bytes) -> Tuple[Optional[str], bool]:
    """Tag 0x13: frames, seconds, minutes, hours in BCD with flag bits."""
    frames = _bcd(data[0] & 0x3F)
    seconds = _bcd(data[1] & 0x7F)
    minutes = _bcd(data[2] & 0x7F)
    hours = _bcd(data[3] & 0x3F)
    drop = bool(data[0] & 0x40)
    if None in (frames, seconds, minutes, hours):
        return None, drop
    assert frames is not None and seconds is not None and minutes is not None and hours is not None
    if seconds > 59 or minutes > 59 or hours > 23:
        return None, drop
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}", drop


def _decode_model(parts: Sequence[bytes]) -> Optional[str]:
    raw = b"".join(parts).split(b"\x00", 1)[0].strip()
    if not raw or any(b < 0x20 or b > 0x7E for b in raw):
        return None
    return raw.decode("ascii")


def decode_mdpm(user_data: DataArg) -> Optional[Mdpm]:
    """Decode a user_data_unregistered SEI payload; ``None`` if it is not MDPM.

    ``user_data`` starts with the 16-byte UUID, then ``MDPM``, a count and
    ``count`` 5-byte entries (tag + 4 data bytes).  A block cut short keeps the
    entries that are complete; unknown tags are kept in ``entries`` only.
    """
    data = bytes(user_data)
    if not data.startswith(_MDPM_MARK):
        return None
    body = data[len(_MDPM_MARK):]
    count = body[0] if body else 0
    entries: List[Tuple[int, bytes]] = []
    for index in range(count):
        entry = body[1 + 5 * index: 6 + 5 * index]
        if len(entry) < 5:
            break
        entries.append((entry[0], entry[1:]))
    first: Dict[int, bytes] = {}
    for tag, value in entries:
        first.setdefault(tag, value)

    recorded_at: Optional[datetime] = None
    dst = False
    if 0x18 in first:
        dst = bool(first[0x18][0] & 0x40)
        if 0x19 in first:
            recorded_at, dst = _decode_datetime(first[0x18], first[0x19])
    timecode, drop = _decode_timecode(first[0x13]) if 0x13 in first else (None, False)
    maker_id = maker_model = None
    if 0xE0 in first:
        maker_id = int.from_bytes(first[0xE0][0:2], "big")
        maker_model = int.from_bytes(first[0xE0][2:4], "big")
    model_parts = [first[tag] for tag in (0xE4, 0xE5, 0xE6) if tag in first]
    model = _decode_model(model_parts) if 0xE4 in first else None
    return Mdpm(
        recorded_at=recorded_at,
        timecode=timecode,
        maker_id=maker_id,
        make=MAKER_NAMES.get(maker_id) if maker_id is not None else None,
        model=model,
        dst=dst,
        drop_frame=drop,
        maker_model_code=maker_model,
        entries=tuple(entries),
    )


def unescape_rbsp(nal: DataArg) -> bytes:
    """Remove H.264 emulation-prevention bytes (``00 00 03`` → ``00 00``)."""
    return bytes(nal).replace(b"\x00\x00\x03", b"\x00\x00")


def _sei_messages(rbsp: bytes) -> Iterator[Tuple[int, bytes]]:
    """(payloadType, payload) of each message in an SEI RBSP (NAL header removed)."""
    offset = 0
    end = len(rbsp)
    while end > offset and rbsp[end - 1] == 0:  # cabac_zero_words / padding
        end -= 1
    while offset < end:
        if offset == end - 1 and rbsp[offset] == 0x80:
            return  # rbsp_trailing_bits
        values = []
        for _ in range(2):  # payloadType, then payloadSize
            value = 0
            while offset < end and rbsp[offset] == 0xFF:
                value += 255
                offset += 1
            if offset >= end:
                return
            value += rbsp[offset]
            offset += 1
            values.append(value)
        payload_type, size = values
        yield payload_type, rbsp[offset: offset + size]  # may be cut short
        offset += size


def mdpm_from_sei(nal: DataArg) -> Optional[Mdpm]:
    """The MDPM block of one SEI NAL unit (with its header byte), if it has one."""
    data = bytes(nal)
    # The mark has no two zero bytes in a row, so no emulation-prevention
    # byte can sit inside it: a plain search on the escaped bytes finds it.
    if not data or data[0] & 0x1F != 6 or _MDPM_MARK not in data:
        return None
    for payload_type, payload in _sei_messages(unescape_rbsp(data[1:])):
        if payload_type == 5:
            found = decode_mdpm(payload)
            if found is not None:
                return found
    return None


# --------------------------------------------------------------------------- TS packets


@dataclass(frozen=True)
class TsPacket:
    """One 188-byte transport packet and where it sits in the stream.

    ``index`` counts packets from the start of the data (the source packet
    number, SPN, for BDAV files without damage); ``offset`` is the byte
    position of its first byte (the 4-byte header of a 192-byte packet).
    """

    index: int
    offset: int
    data: bytes

    @property
    def pid(self) -> int:
        return ((self.data[1] & 0x1F) << 8) | self.data[2]

    @property
    def unit_start(self) -> bool:
        return bool(self.data[1] & 0x40)

    def payload(self) -> bytes:
        """The bytes after the header and adaptation field (may be empty)."""
        control = (self.data[3] >> 4) & 0x03
        if not control & 0x01:
            return b""
        start = 4
        if control & 0x02:
            start = 5 + self.data[4]
        return self.data[start:] if start < _TS_SIZE else b""


def _find_layout(buf: Union[bytes, bytearray], start: int, final: bool,
                 sizes: Sequence[int] = (192, 188)) -> Optional[Tuple[int, int]]:
    """(packet start, packet size) of the first run of sync bytes at or after ``start``.

    Looks at sync bytes up to :data:`_SYNC_SEARCH` bytes on.  Tries 192-byte
    source packets (sync byte at +4) before 188-byte packets.  A run of
    :data:`_SYNC_RUN` packets is required, or, when the data ends (``final``)
    sooner, all the whole packets left as long as there are at least two.
    """
    limit = min(len(buf), start + _SYNC_SEARCH)
    position = buf.find(b"\x47", start, limit)
    while position != -1:
        for size in sizes:
            first = position - (size - _TS_SIZE)
            if first < start:
                continue
            whole = (len(buf) - first) // size
            need = min(_SYNC_RUN, whole) if final else _SYNC_RUN
            if need < 2 or whole < need:
                continue
            if all(buf[position + k * size] == _SYNC for k in range(need)):
                return first, size
        position = buf.find(b"\x47", position + 1, limit)
    return None


def iter_ts_packets(read: Callable[[int], bytes], *, max_bytes: int,
                    name: str = _SOURCE_NAME) -> Iterator[TsPacket]:
    """Transport packets from a stream read through ``read(n)``, at most ``max_bytes``.

    Finds the packet size (192 or 188) and the first packet from the sync
    bytes, skips leading junk, resynchronises after damage (giving up after
    :data:`_RESYNC_SEARCH` bytes without packets) and ignores a last packet
    that is cut short.  Raises :class:`MediaReadError` (naming ``name``) when
    the data is empty or holds no run of transport packets near its start.
    """
    buf = bytearray()
    consumed = 0  # bytes of the stream before buf[0]
    remaining = max(0, int(max_bytes))
    eof = False

    def fill() -> bool:
        nonlocal remaining, eof
        if eof or remaining <= 0:
            eof = True
            return False
        try:
            chunk = read(min(_CHUNK, remaining))
        except OSError as exc:
            raise MediaReadError(name, f"cannot be read: {exc.strerror or exc}") from exc
        if not chunk:
            eof = True
            return False
        remaining -= len(chunk)
        buf.extend(chunk)
        return True

    while len(buf) < _SYNC_SEARCH + 192 * (_SYNC_RUN + 1) and fill():
        pass
    if not buf:
        raise MediaReadError(name, "the file is empty (0 bytes)")
    layout = _find_layout(buf, 0, eof)
    if layout is None:
        raise MediaReadError(name, "not an MPEG transport stream: no run of 188- or 192-byte "
                                   "packets with sync bytes near its start")
    position, size = layout
    header = size - _TS_SIZE
    overlap = size * (_SYNC_RUN + 1)
    index = 0
    while True:
        if position > _CHUNK:  # forget what was handed out already
            del buf[:position]
            consumed += position
            position = 0
        if len(buf) - position < size:
            if fill():
                continue
            return
        if buf[position + header] == _SYNC:
            sync = position + header
            yield TsPacket(index, consumed + position, bytes(buf[sync: sync + _TS_SIZE]))
            index += 1
            position += size
            continue
        # Lost sync: look for the next run of packets of the same size.
        lost_at = consumed + position
        search_from = position + 1
        while True:
            while not eof and len(buf) - search_from < _SYNC_SEARCH + overlap:
                fill()
            found = _find_layout(buf, search_from, eof, (size,))
            if found is not None:
                position = found[0]
                break
            window_end = min(len(buf), search_from + _SYNC_SEARCH)
            if eof and window_end >= len(buf):
                return
            if consumed + search_from - lost_at > _RESYNC_SEARCH:
                return
            search_from = max(search_from + 1, window_end - overlap)
            if search_from > _CHUNK:
                del buf[:search_from]
                consumed += search_from
                search_from = 0


def _reader(source: Union[PathArg, DataArg]
            ) -> Tuple[Callable[[int], bytes], Optional[BinaryIO], str]:
    """(read function, file to close, name for errors) for a path or in-memory data."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        stream = io.BytesIO(bytes(source))
        return stream.read, None, _SOURCE_NAME
    path = os.fsdecode(os.fspath(source))
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the caller
    except IsADirectoryError as exc:
        raise MediaReadError(path, "is a folder, not a stream file") from exc
    except OSError as exc:
        raise MediaReadError(path, f"cannot be opened: {exc.strerror or exc}") from exc
    return handle.read, handle, path


# --------------------------------------------------------------------------- demultiplexing


@dataclass
class _Section:
    data: bytearray = field(default_factory=bytearray)
    active: bool = False


class TsDemuxer:
    """Follows PAT and PMT and finds the H.264 video PID of a transport stream.

    Feed every packet to :meth:`feed`; once a PMT naming an H.264 stream has
    been seen, :attr:`video_pid` is set.  Until then, a PID whose PES packets
    carry a video stream_id (0xE0-0xEF) is a candidate (:attr:`candidates`),
    so streams whose PMT is missing still work.  :attr:`streams` maps every
    elementary PID of the PMTs to its stream_type.
    """

    def __init__(self) -> None:
        self.pmt_pids: Set[int] = set()
        self.streams: Dict[int, int] = {}
        self.video_pid: Optional[int] = None
        #: PID of the PMT that named :attr:`video_pid`, and that program's PCR PID.
        self.program_map_pid: Optional[int] = None
        self.pcr_pid: Optional[int] = None
        self.candidates: Set[int] = set()
        self._sections: Dict[int, _Section] = {}

    def is_video(self, pid: int) -> bool:
        """Whether packets of ``pid`` belong to the H.264 video (or may, before the PMT)."""
        if self.video_pid is not None:
            return pid == self.video_pid
        return pid in self.candidates

    def feed(self, packet: TsPacket) -> None:
        """Use ``packet`` to learn the PAT/PMT and candidate video PIDs."""
        pid = packet.pid
        if pid == 0 or pid in self.pmt_pids:
            self._feed_section(pid, packet)
        elif (self.video_pid is None and packet.unit_start and pid != 0x1FFF
              and len(self.candidates) < 4):
            payload = packet.payload()
            if payload[:3] == b"\x00\x00\x01" and len(payload) > 3 and 0xE0 <= payload[3] <= 0xEF:
                self.candidates.add(pid)

    def _feed_section(self, pid: int, packet: TsPacket) -> None:
        payload = packet.payload()
        section = self._sections.setdefault(pid, _Section())
        if packet.unit_start:
            if not payload:
                return
            pointer = payload[0]
            if section.active and pointer:  # end of a section begun earlier
                section.data.extend(payload[1: 1 + pointer])
                self._try_parse(pid, section)
            section.data = bytearray(payload[1 + pointer:])
            section.active = True
        elif section.active:
            section.data.extend(payload)
        else:
            return
        if len(section.data) > 4096:  # PSI sections are at most 1024 bytes
            section.active = False
            section.data = bytearray()
            return
        self._try_parse(pid, section)

    def _try_parse(self, pid: int, section: _Section) -> None:
        data = section.data
        if len(data) < 3:
            return
        if data[0] == 0xFF:  # stuffing
            section.active = False
            return
        length = ((data[1] & 0x0F) << 8) | data[2]
        if len(data) < 3 + length:
            return
        body = bytes(data[: 3 + length])
        section.active = False
        if pid == 0 and body[0] == 0x00:
            self._parse_pat(body)
        elif body[0] == 0x02:
            self._parse_pmt(pid, body)

    def _parse_pat(self, body: bytes) -> None:
        # table_id, length(2), transport_stream_id(2), version(1), section no(2); CRC at the end
        for offset in range(8, len(body) - 4 - 3, 4):
            program = int.from_bytes(body[offset: offset + 2], "big")
            pid = ((body[offset + 2] & 0x1F) << 8) | body[offset + 3]
            if program != 0 and pid not in (0, 0x1FFF):
                self.pmt_pids.add(pid)

    def _parse_pmt(self, pid: int, body: bytes) -> None:
        if len(body) < 16:
            return
        pmt_pid = pid
        pcr_pid = ((body[8] & 0x1F) << 8) | body[9]
        info_length = ((body[10] & 0x0F) << 8) | body[11]
        offset = 12 + info_length
        end = len(body) - 4
        while offset + 5 <= end:
            stream_type = body[offset]
            pid = ((body[offset + 1] & 0x1F) << 8) | body[offset + 2]
            es_length = ((body[offset + 3] & 0x0F) << 8) | body[offset + 4]
            self.streams[pid] = stream_type
            if stream_type == _H264_STREAM_TYPE and self.video_pid is None:
                self.video_pid = pid
                self.program_map_pid = pmt_pid
                self.pcr_pid = pcr_pid
            offset += 5 + es_length


def _pes_timestamp(data: bytes) -> int:
    return (((data[0] >> 1) & 0x07) << 30 | data[1] << 22 | (data[2] >> 1) << 15
            | data[3] << 7 | data[4] >> 1)


def _pes_header(payload: bytes) -> Optional[Tuple[int, Optional[int], Optional[int]]]:
    """(ES start offset, PTS, DTS) of a PES packet start, ``None`` if it is not one."""
    if len(payload) < 9 or payload[:3] != b"\x00\x00\x01":
        return None
    stream_id = payload[3]
    if stream_id in (0xBC, 0xBE, 0xBF, 0xF0, 0xF1, 0xF2, 0xF8, 0xFF):
        return None  # no optional PES header
    flags = payload[7]
    start = 9 + payload[8]
    if start > len(payload):
        return None
    pts = dts = None
    if flags & 0x80 and len(payload) >= 14:
        pts = _pes_timestamp(payload[9:14])
        if flags & 0x40 and len(payload) >= 19:
            dts = _pes_timestamp(payload[14:19])
    return start, pts, dts


# --------------------------------------------------------------------------- NAL units


def _nal_units(es: bytes) -> Iterator[bytes]:
    """The NAL units (header byte first) of an Annex B byte string."""
    position = es.find(b"\x00\x00\x01")
    while position != -1:
        start = position + 3
        following = es.find(b"\x00\x00\x01", start)
        end = len(es) if following == -1 else following
        while end > start and es[end - 1] == 0:
            end -= 1
        if end > start:
            yield es[start:end]
        position = following


def _read_ue(data: bytes, bit: int) -> Tuple[Optional[int], int]:
    """An Exp-Golomb number at bit offset ``bit``: (value, next bit) or (None, bit)."""
    total = len(data) * 8
    zeros = 0
    while bit < total and not (data[bit >> 3] >> (7 - (bit & 7))) & 1:
        zeros += 1
        bit += 1
        if zeros > 31:
            return None, bit
    if bit >= total:
        return None, bit
    bit += 1
    value = 0
    for _ in range(zeros):
        if bit >= total:
            return None, bit
        value = (value << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1)
        bit += 1
    return (1 << zeros) - 1 + value, bit


def _intra_picture_start(nal: bytes) -> bool:
    """Whether ``nal`` is the first slice of an I/IDR picture."""
    kind = nal[0] & 0x1F
    if kind not in (1, 5) or len(nal) < 2:
        return False
    header = unescape_rbsp(nal[1:9])
    first_mb, bit = _read_ue(header, 0)
    if first_mb != 0:
        return False
    if kind == 5:
        return True
    slice_type, _ = _read_ue(header, bit)
    return slice_type is not None and slice_type % 5 in (2, 4)  # I or SI


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True)
class AccessUnit:
    """One video PES packet (an access unit in camera streams).

    ``packet_index`` is the number of the transport packet where it starts
    (the SPN in a BDAV file); ``pts``/``dts`` are 90 kHz values (33 bits);
    ``intra`` is true when it holds the start of an I or IDR picture and
    ``idr`` when that picture is an IDR one.
    """

    packet_index: int
    offset: int
    pts: Optional[int]
    dts: Optional[int]
    intra: bool
    idr: bool


#: A finished PES packet: its first transport packet, PTS, DTS and ES bytes.
_Pes = Tuple[TsPacket, Optional[int], Optional[int], bytes]


class _VideoScanner:
    """Reassembles the PES packets of the video PID(s) of a demultiplexed stream."""

    def __init__(self, demuxer: TsDemuxer):
        self.demuxer = demuxer
        self._open: Dict[int, Tuple[TsPacket, Optional[int], Optional[int], bytearray]] = {}

    def feed(self, packet: TsPacket) -> Optional[_Pes]:
        """Returns a finished PES (first packet, PTS, DTS, ES bytes) when one ends."""
        self.demuxer.feed(packet)
        pid = packet.pid
        if not self.demuxer.is_video(pid):
            return None
        finished = None
        payload = packet.payload()
        if packet.unit_start:
            finished = self.flush(pid)
            header = _pes_header(payload)
            if header is None:
                return finished
            start, pts, dts = header
            self._open[pid] = (packet, pts, dts, bytearray(payload[start:]))
        elif pid in self._open:
            buffer = self._open[pid][3]
            if len(buffer) < _MAX_PES_BYTES:
                buffer.extend(payload)
        return finished

    def flush(self, pid: Optional[int] = None) -> Optional[_Pes]:
        """End the open PES of ``pid`` (or of the video PID) and return it."""
        if pid is None:
            pid = self.demuxer.video_pid
            if pid is None:
                pid = next(iter(self._open), None)
        if pid is None or pid not in self._open:
            return None
        first, pts, dts, data = self._open.pop(pid)
        return first, pts, dts, bytes(data)


def read_mdpm(source: Union[PathArg, DataArg], max_bytes: int = DEFAULT_MAX_BYTES,
              max_gops: int = DEFAULT_MAX_GOPS) -> Optional[Mdpm]:
    """The first MDPM block in the start of a BDAV/MPEG-TS stream, or ``None``.

    ``source`` is a path (``str`` or path-like; a name that is not valid
    UTF-8 works as a ``pathlib.Path`` or surrogate-escaped ``str``) or the
    stream's bytes (``bytes``, ``bytearray``, ``memoryview``).  At most
    ``max_bytes`` are read and the search stops after ``max_gops`` intra
    pictures without an MDPM block (some cameras do not put one in the first).

    Returns ``None`` for a stream without MDPM (or without H.264 video).
    Raises :class:`MediaReadError` naming the file when it cannot be opened,
    is empty, or is not a transport stream at all.
    """
    if max_bytes <= 0 or max_gops <= 0:
        raise ValueError("max_bytes and max_gops must be positive")
    read, handle, name = _reader(source)
    try:
        demuxer = TsDemuxer()
        scanner = _VideoScanner(demuxer)
        intra_seen = 0

        def look(es: bytes) -> Tuple[Optional[Mdpm], int]:
            intra = 0
            for nal in _nal_units(es):
                kind = nal[0] & 0x1F
                if kind == 6:
                    found = mdpm_from_sei(nal)
                    if found is not None:
                        return found, intra
                elif _intra_picture_start(nal):
                    intra += 1
            return None, intra

        for packet in iter_ts_packets(read, max_bytes=max_bytes, name=name):
            done = scanner.feed(packet)
            if done is None:
                continue
            found, intra = look(done[3])
            if found is not None:
                return found
            intra_seen += intra
            if intra_seen >= max_gops:
                return None
        rest = scanner.flush()
        while rest is not None:  # the last (possibly cut) PES of each video PID
            found, _ = look(rest[3])
            if found is not None:
                return found
            rest = scanner.flush()
        return None
    finally:
        if handle is not None:
            handle.close()


@dataclass(frozen=True)
class StreamScan:
    """What :func:`scan_video_access_units` found in a whole stream.

    ``packet_size`` is 192 (BDAV) or 188; ``packets`` the number of whole
    packets read; ``streams`` maps each elementary PID of the PMT to its
    stream_type; ``units`` lists the video access units in stream order.
    """

    packet_size: int
    packets: int
    video_pid: Optional[int]
    program_map_pid: Optional[int]
    pcr_pid: Optional[int]
    streams: Dict[int, int]
    units: Tuple[AccessUnit, ...]


def scan_video_access_units(source: Union[PathArg, DataArg], *,
                            max_bytes: Optional[int] = None) -> StreamScan:
    """Every video access unit of a transport stream, with PTS/DTS and picture kind.

    Reads the stream once (``max_bytes`` bounds it; ``None`` reads it all)
    and lists each PES packet of the H.264 video PID with its 90 kHz
    PTS/DTS and whether it starts an intra/IDR picture.  Used to compute
    presentation times and EP maps; raises :class:`MediaReadError` like
    :func:`read_mdpm`.
    """
    read, handle, name = _reader(source)
    limit = max_bytes if max_bytes is not None else (1 << 62)
    units: List[AccessUnit] = []
    size = 0
    count = 0
    demuxer = TsDemuxer()
    try:
        scanner = _VideoScanner(demuxer)

        def record(done: _Pes) -> None:
            first, pts, dts, es = done
            intra = idr = False
            for nal in _nal_units(es[:65536]):
                if _intra_picture_start(nal):
                    intra = True
                    idr = nal[0] & 0x1F == 5
                    break
                if nal[0] & 0x1F in (1, 5):
                    break
            units.append(AccessUnit(first.index, first.offset, pts, dts, intra, idr))

        previous_offset: Optional[int] = None
        for packet in iter_ts_packets(read, max_bytes=limit, name=name):
            if previous_offset is not None and not size:
                size = packet.offset - previous_offset
            previous_offset = packet.offset
            count += 1
            done = scanner.feed(packet)
            if done is not None:
                record(done)
        rest = scanner.flush()
        if rest is not None:
            record(rest)
    finally:
        if handle is not None:
            handle.close()
    return StreamScan(size or 192, count, demuxer.video_pid, demuxer.program_map_pid,
                      demuxer.pcr_pid, dict(demuxer.streams), tuple(units))
