"""MDPM (recording date, time code, camera) read from AVCHD streams.

The Canon sample is a real camera's bytes (``../shared/samples``); the
synthetic streams below are built packet by packet so each test controls
exactly where the PAT, PMT and SEI messages sit; the generated clips are
real H.264/AC-3 BDAV files from :func:`make_clip`.
"""
from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional, Sequence

import pytest

from docmanager.errors import MediaReadError
from docmanager.media.mdpm import (
    MAKER_NAMES,
    MDPM_UUID,
    Mdpm,
    decode_mdpm,
    mdpm_from_sei,
    read_mdpm,
    scan_video_access_units,
    unescape_rbsp,
)

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
CANON = SAMPLES / "canon-avchd-fragment.mts"


def _canon_bytes() -> bytes:
    if not CANON.is_file():
        pytest.skip(f"the real-camera sample {CANON} is not here (only in the shared workspace)")
    return CANON.read_bytes()


# --------------------------------------------------------------------------- stream builders


def _crc32_mpeg(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def _section(body: bytes) -> bytes:
    return body + _crc32_mpeg(body).to_bytes(4, "big")


def _escape(rbsp: bytes) -> bytes:
    out = bytearray()
    zeros = 0
    for byte in rbsp:
        if zeros >= 2 and byte <= 3:
            out.append(3)
            zeros = 0
        out.append(byte)
        zeros = zeros + 1 if byte == 0 else 0
    return bytes(out)


def _sei(*messages: tuple) -> bytes:
    """An SEI NAL unit (header byte first) with (payloadType, payload) messages."""
    def number(value: int) -> bytes:
        return b"\xff" * (value // 255) + bytes([value % 255])

    rbsp = b"".join(number(kind) + number(len(data)) + data for kind, data in messages) + b"\x80"
    return b"\x06" + _escape(rbsp)


def _mdpm_payload(entries: Sequence[tuple]) -> bytes:
    return MDPM_UUID + b"MDPM" + bytes([len(entries)]) + b"".join(
        bytes([tag]) + bytes(data) for tag, data in entries)


SONY_ENTRIES = [
    (0x13, [0x00, 0x00, 0x00, 0x00]),  # 00:00:00:00: zeros that need emulation prevention
    (0x18, [0x10, 0x20, 0x10, 0x04]),
    (0x19, [0x05, 0x08, 0x31, 0x48]),
    (0xE0, [0x01, 0x08, 0x00, 0x00]),
    (0xE4, b"HDR-"), (0xE5, b"CX55"), (0xE6, b"0V\x00\x00"),
]

IDR = b"\x65\x88\x84\x00\x33\xff"      # IDR slice, first_mb 0, slice_type 7 (I)
P_SLICE = b"\x41\x9a\x02\x04\x08"       # non-IDR slice, first_mb 0, slice_type 5 (P)
AUD = b"\x09\xf0"


def _access_unit(*nals: bytes) -> bytes:
    return b"".join(b"\x00\x00\x00\x01" + nal for nal in nals)


def _packets(pid: int, payload: bytes, counter: List[int], unit_start: bool = True) -> List[bytes]:
    packets = []
    first = True
    while payload or first:
        chunk = payload[:184]
        payload = payload[184:]
        header = bytes([0x47, (0x40 if first and unit_start else 0) | (pid >> 8), pid & 0xFF])
        if len(chunk) < 184:  # stuff with an adaptation field
            stuffing = 184 - len(chunk) - 1
            adaptation = bytes([stuffing]) + (b"\x00" + b"\xff" * (stuffing - 1) if stuffing else b"")
            packets.append(header + bytes([0x30 | counter[0]]) + adaptation + chunk)
        else:
            packets.append(header + bytes([0x10 | counter[0]]) + chunk)
        counter[0] = (counter[0] + 1) % 16
        first = False
    return packets


def _pts_bytes(pts: int) -> bytes:
    return bytes([0x21 | ((pts >> 29) & 0x0E), (pts >> 22) & 0xFF, 0x01 | ((pts >> 14) & 0xFE),
                  (pts >> 7) & 0xFF, 0x01 | ((pts << 1) & 0xFE)])


def make_ts(units: Sequence[bytes], *, video_pid: int = 0x1011, pmt_pid: int = 0x0100,
            packet_size: int = 192, with_pmt: bool = True) -> bytes:
    """A transport stream: PAT, PMT, then one PES packet per access unit."""
    counters = {0: [0], pmt_pid: [0], video_pid: [0]}
    packets: List[bytes] = []
    if with_pmt:
        pat = _section(bytes([0x00, 0xB0, 13, 0x00, 0x01, 0xC1, 0x00, 0x00,
                              0x00, 0x01, 0xE0 | (pmt_pid >> 8), pmt_pid & 0xFF]))
        pmt = _section(bytes([0x02, 0xB0, 18, 0x00, 0x01, 0xC1, 0x00, 0x00,
                              0xE0 | (video_pid >> 8), video_pid & 0xFF, 0xF0, 0x00,
                              0x1B, 0xE0 | (video_pid >> 8), video_pid & 0xFF, 0xF0, 0x00]))
        packets += _packets(0, b"\x00" + pat, counters[0])
        packets += _packets(pmt_pid, b"\x00" + pmt, counters[pmt_pid])
    for number, unit in enumerate(units):
        pes = b"\x00\x00\x01\xe0\x00\x00\x80\x80\x05" + _pts_bytes(90000 + 3600 * number) + unit
        packets += _packets(video_pid, pes, counters[video_pid])
    if packet_size == 188:
        return b"".join(packets)
    return b"".join((1000 * n).to_bytes(4, "big") + packet for n, packet in enumerate(packets))


def _gop(sei: Optional[bytes], length: int = 3) -> List[bytes]:
    first = _access_unit(AUD, *([sei] if sei else []), IDR)
    return [first] + [_access_unit(AUD, P_SLICE) for _ in range(length - 1)]


# --------------------------------------------------------------------------- the real camera


def test_canon_sample_gives_its_recording_time_and_maker():
    _canon_bytes()
    found = read_mdpm(CANON)
    assert found is not None
    assert found.recorded_at == datetime(2008, 12, 31, 23, 16, 24,
                                         tzinfo=timezone(timedelta(hours=1)))
    assert found.recorded_at.utcoffset() == timedelta(hours=1)
    assert found.recorded_at.isoformat() == "2008-12-31T23:16:24+01:00"
    assert found.maker_id == 0x1011
    assert found.make == "Canon"
    assert found.model is None and found.timecode is None
    assert not found.dst
    assert [tag for tag, _ in found.entries] == [0x18, 0x19, 0x70, 0x71, 0x7F, 0xE0, 0xE1]


def test_canon_sample_as_bytes_and_as_188_byte_packets():
    data = _canon_bytes()
    from_bytes = read_mdpm(data)
    assert from_bytes == read_mdpm(CANON)
    plain_ts = b"".join(data[offset + 4: offset + 192] for offset in range(0, len(data), 192))
    assert read_mdpm(plain_ts) == from_bytes
    assert read_mdpm(b"\x00" * 100 + data) == from_bytes  # junk before the first packet


def test_canon_sample_cut_short_never_fails_badly():
    data = _canon_bytes()
    for size in range(0, len(data) + 1, 7):
        try:
            found = read_mdpm(data[:size])
        except MediaReadError:
            continue
        assert found is None or found.make == "Canon"


# --------------------------------------------------------------------------- decoding


def test_decode_mdpm_example_from_the_format_notes():
    found = decode_mdpm(_mdpm_payload(SONY_ENTRIES))
    assert found is not None
    assert found.recorded_at is not None
    assert found.recorded_at.isoformat() == "2010-04-05T08:31:48+08:00"
    assert found.timecode == "00:00:00:00"
    assert (found.maker_id, found.make, found.model) == (0x0108, "Sony", "HDR-CX550V")
    assert found.camera == "Sony HDR-CX550V"


@pytest.mark.parametrize("tz_byte, offset, dst", [
    (0x00, timedelta(0), False),
    (0x02, timedelta(hours=1), False),
    (0x2B, -timedelta(hours=5, minutes=30), False),  # west, 5 h, +30 min
    (0x0B, timedelta(hours=5, minutes=30), False),
    (0x1C, timedelta(hours=14), False),
    (0x50, timedelta(hours=8), True),               # DST flag: reported, offset as stored
])
def test_time_zone_byte(tz_byte, offset, dst):
    entries = [(0x18, [tz_byte, 0x20, 0x24, 0x05]), (0x19, [0x01, 0x10, 0x11, 0x12])]
    found = decode_mdpm(_mdpm_payload(entries))
    assert found is not None and found.recorded_at is not None
    assert found.recorded_at.utcoffset() == offset
    assert found.recorded_at.replace(tzinfo=None) == datetime(2024, 5, 1, 10, 11, 12)
    assert found.dst is dst


def test_makers_and_unknown_values():
    for maker_id, name in MAKER_NAMES.items():
        found = decode_mdpm(_mdpm_payload([(0xE0, list(maker_id.to_bytes(2, "big")) + [0, 0])]))
        assert found is not None and found.make == name and found.maker_id == maker_id
    found = decode_mdpm(_mdpm_payload([(0xE0, [0x77, 0x77, 0, 0])]))
    assert found is not None and found.maker_id == 0x7777 and found.make is None
    assert decode_mdpm(b"\x00" * 40) is None  # another UUID: not MDPM


def test_invalid_or_missing_date_gives_no_time():
    only_date = decode_mdpm(_mdpm_payload([(0x18, [0x02, 0x20, 0x08, 0x12])]))
    assert only_date is not None and only_date.recorded_at is None
    not_bcd = decode_mdpm(_mdpm_payload([(0x18, [0x02, 0x20, 0x08, 0x1A]),
                                         (0x19, [0x31, 0x23, 0x16, 0x24])]))
    assert not_bcd is not None and not_bcd.recorded_at is None
    impossible = decode_mdpm(_mdpm_payload([(0x18, [0x02, 0x20, 0x08, 0x02]),
                                            (0x19, [0x31, 0x23, 0x16, 0x24])]))  # 31 February
    assert impossible is not None and impossible.recorded_at is None
    unset = decode_mdpm(_mdpm_payload([(0x18, [0xFF] * 4), (0x19, [0xFF] * 4),
                                       (0x13, [0xFF] * 4)]))
    assert unset is not None and unset.recorded_at is None and unset.timecode is None


def test_a_block_cut_short_keeps_the_whole_entries():
    payload = _mdpm_payload(SONY_ENTRIES)
    found = decode_mdpm(payload[: 21 + 5 * 3 + 2])
    assert found is not None
    assert found.recorded_at is not None and found.recorded_at.year == 2010
    assert found.maker_id is None


def test_sei_with_emulation_prevention_and_several_messages():
    nal = _sei((0, b"\x00\x00\x00\x01\x02"), (1, b"\x00\x00\x00"),
               (5, _mdpm_payload(SONY_ENTRIES)))
    assert b"\x00\x00\x03" in nal  # the zeros were escaped
    found = mdpm_from_sei(nal)
    assert found is not None and found.timecode == "00:00:00:00"
    assert found.recorded_at is not None and found.recorded_at.second == 48
    assert unescape_rbsp(b"\x00\x00\x03\x00\x00\x03\x01") == b"\x00\x00\x00\x00\x01"
    assert mdpm_from_sei(_sei((5, b"\x11" * 16 + b"x264 core"))) is None
    assert mdpm_from_sei(b"\x65\x88") is None  # not an SEI NAL unit


# --------------------------------------------------------------------------- streams


def test_video_pid_comes_from_the_pmt():
    sei = _sei((5, _mdpm_payload(SONY_ENTRIES)))
    stream = make_ts(_gop(sei), video_pid=0x0234, pmt_pid=0x0042)
    found = read_mdpm(stream)
    assert found is not None and found.model == "HDR-CX550V"
    assert read_mdpm(make_ts(_gop(sei), packet_size=188)) == found
    assert read_mdpm(make_ts(_gop(sei), with_pmt=False)) == found  # found by its stream_id


def test_mdpm_found_in_a_later_gop_within_the_limit():
    sei = _sei((5, _mdpm_payload(SONY_ENTRIES)))
    units = _gop(None) + _gop(None) + _gop(sei)
    stream = make_ts(units)
    found = read_mdpm(stream)
    assert found is not None and found.make == "Sony"
    assert read_mdpm(stream, max_gops=2) is None
    assert read_mdpm(stream, max_bytes=192 * 6) is None


def test_stream_without_mdpm_gives_none():
    assert read_mdpm(make_ts(_gop(None) * 4)) is None
    assert read_mdpm(make_ts(_gop(_sei((5, b"\x22" * 16 + b"other data"))))) is None


def test_access_units_and_timestamps():
    sei = _sei((5, _mdpm_payload(SONY_ENTRIES)))
    scan = scan_video_access_units(make_ts(_gop(sei, 4) + _gop(None, 2)))
    assert scan.packet_size == 192 and scan.video_pid == 0x1011
    assert [unit.pts for unit in scan.units] == [90000 + 3600 * n for n in range(6)]
    assert [unit.idr for unit in scan.units] == [True, False, False, False, True, False]
    assert scan.streams == {0x1011: 0x1B}


# --------------------------------------------------------------------------- bad input


def test_files_that_are_not_streams_raise_with_the_path(tmp_path):
    empty = tmp_path / "empty.MTS"
    empty.write_bytes(b"")
    with pytest.raises(MediaReadError) as caught:
        read_mdpm(empty)
    assert caught.value.path == str(empty) and "empty" in caught.value.reason

    text = tmp_path / "notes.MTS"
    text.write_text("not a video at all\n" * 50)
    with pytest.raises(MediaReadError) as caught:
        read_mdpm(text)
    assert caught.value.path == str(text) and "transport stream" in caught.value.reason

    with pytest.raises(MediaReadError) as caught:
        read_mdpm(tmp_path / "missing.MTS")
    assert caught.value.path == str(tmp_path / "missing.MTS")
    with pytest.raises(MediaReadError):
        read_mdpm(tmp_path)

    odd = tmp_path / os.fsdecode(b"\xb2\xc9\xb7\xc3.MTS")  # GBK name, not UTF-8
    odd.write_bytes(make_ts(_gop(_sei((5, _mdpm_payload(SONY_ENTRIES)))), packet_size=192))
    found = read_mdpm(odd)
    assert found is not None and found.make == "Sony"


def _check_robust(data: bytes) -> None:
    started = time.monotonic()
    try:
        found = read_mdpm(data)
    except MediaReadError:
        found = None
    assert found is None or isinstance(found, Mdpm)
    assert time.monotonic() - started < 2.0


def test_random_and_damaged_input_never_crashes_or_hangs():
    rng = random.Random(20240501)
    sei = _sei((5, _mdpm_payload(SONY_ENTRIES)))
    good = make_ts(_gop(None) + _gop(sei) + _gop(sei))
    samples: List[bytes] = [b"\x47" * 5000, (b"\x00" * 4 + b"\x47" + b"\xff" * 187) * 40,
                            b"\x47\x1f\xff\x10" * 500]
    for size in (1, 3, 187, 188, 192, 193, 400, 5000, 200_000):
        samples.append(bytes(rng.randrange(256) for _ in range(min(size, 5000))) * (size // 5000 + 1))
    for cut in range(0, len(good), 97):
        samples.append(good[:cut])
    for _ in range(60):
        damaged = bytearray(good)
        for _ in range(rng.randrange(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        samples.append(bytes(damaged))
    for data in samples:
        _check_robust(data)


def test_lost_sync_is_recovered():
    sei = _sei((5, _mdpm_payload(SONY_ENTRIES)))
    good = make_ts(_gop(None) + _gop(None) + _gop(sei))
    damaged = bytearray(good)
    damaged[192 * 4: 192 * 4 + 500] = b"\x00" * 500  # a hole over two packets
    found = read_mdpm(bytes(damaged))
    assert found is not None and found.make == "Sony"


# --------------------------------------------------------------------------- generated clips


@pytest.mark.slow
def test_generated_mts_carries_the_mdpm_it_was_made_with(tmp_path):
    from docmanager.media.generate import make_clip
    from docmanager.media.probe import probe

    when = datetime(2023, 11, 2, 16, 45, 7, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))
    clip = make_clip(tmp_path / "00007.MTS", seconds=1, rate=25, interlaced=True,
                     recorded_at=when, camera=("Panasonic", "HC-X1"), timecode="01:02:03:04",
                     pattern="gradients")
    found = read_mdpm(clip)
    assert found is not None
    assert found.recorded_at == when and found.recorded_at.utcoffset() == when.utcoffset()
    assert (found.make, found.model, found.timecode) == ("Panasonic", "HC-X1", "01:02:03:04")
    assert probe(clip).recorded_at == when  # MediaInfo agrees

    plain = make_clip(tmp_path / "plain.MTS", seconds=0.5, pattern="gradients")
    assert read_mdpm(plain) is None
