"""probe(): real files made by ffmpeg, read back with MediaInfo."""
from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path

import pytest

from docmanager.errors import MediaReadError
from docmanager.media.generate import make_clip
from docmanager.media.probe import MediaInfo, normalize_rate, parse_media_datetime, probe

slow = pytest.mark.slow
BEIJING = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("probe-media")


@pytest.fixture(scope="module")
def mp4_25p(media_dir: Path) -> Path:
    return make_clip(media_dir / "interview 25p.mp4", seconds=2, size=(640, 360), rate=25,
                     timecode="10:00:00:00", camera=("Google", "Pixel 7"),
                     recorded_at=datetime(2024, 5, 1, 18, 11, 12, tzinfo=BEIJING))


@pytest.fixture(scope="module")
def mts_1080i50(media_dir: Path) -> Path:
    return make_clip(media_dir / "00001.MTS", seconds=2, size=(1920, 1080), rate=25,
                     interlaced=True, camera=("Sony", "HDR-CX550V"),
                     recorded_at=datetime(2010, 4, 5, 8, 31, 48, tzinfo=BEIJING))


@pytest.fixture(scope="module")
def mov_2997(media_dir: Path) -> Path:
    return make_clip(media_dir / "street.mov", seconds=1.001, size=(640, 360),
                     rate=Fraction(30000, 1001), camera=("Apple", "iPhone 12"),
                     recorded_at=datetime(2024, 5, 2, 7, 30, 0, tzinfo=BEIJING))


@slow
def test_mp4_25p(mp4_25p: Path) -> None:
    info = probe(mp4_25p)
    assert info.path == str(mp4_25p)
    assert info.container == "MPEG-4"
    assert info.frame_rate == Fraction(25) and isinstance(info.frame_rate, Fraction)
    assert info.frame_count == 50
    assert info.duration_s == pytest.approx(2.0, abs=0.001)
    assert (info.width, info.height) == (640, 360)
    assert info.scan == "progressive" and info.field_order is None and not info.interlaced
    assert (info.video_codec, info.audio_codec) == ("AVC", "AAC")
    assert (info.audio_channels, info.audio_rate) == (2, 48000)
    assert info.has_video and info.has_audio
    assert info.timecode_start == "10:00:00:00"
    # MP4 creation_time is UTC by definition: 18:11:12+08:00 is stored as 10:11:12Z
    assert info.recorded_at == datetime(2024, 5, 1, 10, 11, 12, tzinfo=timezone.utc)
    assert info.recorded_at.utcoffset() == timedelta(0)
    assert info.recorded_at_source == "container"
    assert (info.camera_make, info.camera_model) == ("Google", "Pixel 7")


@slow
def test_mts_1080i50_is_interlaced_tff_with_mdpm_date(mts_1080i50: Path) -> None:
    assert mts_1080i50.stat().st_size % 192 == 0  # whole BDAV source packets
    info = probe(mts_1080i50)
    assert info.container == "BDAV"
    assert (info.width, info.height) == (1920, 1080)
    assert info.frame_rate == Fraction(25)
    assert info.scan == "interlaced" and info.field_order == "tff" and info.interlaced
    assert info.duration_s == pytest.approx(2.0, abs=0.001)  # the Video track duration
    assert info.frame_count == 50
    assert (info.video_codec, info.audio_codec) == ("AVC", "AC-3")
    assert (info.audio_channels, info.audio_rate) == (2, 48000)
    assert info.recorded_at == datetime(2010, 4, 5, 8, 31, 48, tzinfo=BEIJING)
    assert info.recorded_at.utcoffset() == timedelta(hours=8)
    assert info.recorded_at_source == "mdpm"
    assert (info.camera_make, info.camera_model) == ("Sony", "HDR-CX550V")


@slow
def test_mov_2997(mov_2997: Path) -> None:
    info = probe(mov_2997)
    assert info.container == "MPEG-4"
    assert info.frame_rate == Fraction(30000, 1001)
    assert info.frame_count == 30
    assert info.duration_s == pytest.approx(1.001, abs=0.001)
    assert info.scan == "progressive"
    # com.apple.quicktime.creationdate keeps the local offset; preferred over creation_time
    assert info.recorded_at == datetime(2024, 5, 2, 7, 30, 0, tzinfo=BEIJING)
    assert info.recorded_at.utcoffset() == timedelta(hours=8)
    assert info.recorded_at_source == "metadata"
    assert (info.camera_make, info.camera_model) == ("Apple", "iPhone 12")
    assert info.timecode_start is None


@slow
def test_mxf_576i_with_timecode(media_dir: Path) -> None:
    path = make_clip(media_dir / "A001C002.mxf", seconds=1, size=(720, 576), rate=25,
                     interlaced=True, timecode="01:00:00:00", camera=("Sony", "PXW-Z150"),
                     recorded_at=datetime(2024, 5, 3, 9, 0, 0, tzinfo=timezone.utc))
    info = probe(path)
    assert info.container == "MXF"
    assert info.video_codec == "MPEG Video" and info.audio_codec == "PCM"
    assert info.scan == "interlaced" and info.field_order == "tff"
    assert info.frame_count == 25 and info.frame_rate == 25
    assert info.timecode_start == "01:00:00:00"
    assert info.recorded_at == datetime(2024, 5, 3, 9, 0, 0, tzinfo=timezone.utc)
    assert info.recorded_at_source == "container"
    assert (info.camera_make, info.camera_model) == ("Sony", "PXW-Z150")


@slow
def test_video_only_and_full_parse_agree(media_dir: Path) -> None:
    path = make_clip(media_dir / "silent.mts", seconds=1, size=(640, 360), audio=False,
                     interlaced=True)
    quick, full = probe(path), probe(path, quick=False)
    assert quick.has_video and not quick.has_audio
    assert quick.audio_codec is None and quick.audio_channels is None and quick.audio_rate is None
    assert quick.recorded_at is None and quick.recorded_at_source is None
    assert quick == full


@slow
def test_media_info_is_frozen(mp4_25p: Path) -> None:
    info = probe(mp4_25p)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.width = 1  # type: ignore[misc]
    assert isinstance(info, MediaInfo)


@slow
def test_utf8_and_non_utf8_names(media_dir: Path, mp4_25p: Path) -> None:
    chinese = media_dir / "采访 王芳.mp4"
    shutil.copyfile(mp4_25p, chinese)
    assert probe(chinese).frame_count == 50
    if sys.platform in ("win32", "darwin"):
        pytest.skip("file names must be valid Unicode on this system")
    raw = os.fsencode(media_dir) + b"/\xb2\xc9\xb7\xc3.mp4"  # GBK bytes for 采访
    shutil.copyfile(mp4_25p, raw)
    info = probe(raw)
    assert info.frame_count == 50
    assert os.fsencode(info.path) == raw  # the exact bytes survive


# --------------------------------------------------------------------------- bad files


def _assert_read_error(path: Path, *words: str) -> MediaReadError:
    with pytest.raises(MediaReadError) as caught:
        probe(path)
    error = caught.value
    assert error.path == os.fsdecode(path)
    assert os.fsdecode(path) in str(error)
    for word in words:
        assert word in error.message
    return error


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.MTS"
    path.write_bytes(b"")
    _assert_read_error(path, "empty")


def test_random_bytes_named_mp4(tmp_path: Path) -> None:
    path = tmp_path / "noise.mp4"
    path.write_bytes(os.urandom(200_000))
    _assert_read_error(path, "not a media file")


def test_text_file_named_mov(tmp_path: Path) -> None:
    path = tmp_path / "notes.mov"
    path.write_text("shot list: 1. interview 2. street\n", encoding="utf-8")
    _assert_read_error(path, "not a media file")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    _assert_read_error(tmp_path / "gone.mp4", "not found")
    _assert_read_error(tmp_path, "folder")


@slow
def test_truncated_mp4(tmp_path: Path, mp4_25p: Path) -> None:
    data = mp4_25p.read_bytes()
    path = tmp_path / "cut.mp4"
    path.write_bytes(data[: len(data) // 2])  # the index (moov) at the end is lost
    _assert_read_error(path, "truncated")


def test_damaged_box_size_is_refused_before_mediainfo(tmp_path: Path, mp4_25p: Path) -> None:
    """One flipped bit in a top-level box's size: refused at once, naming the box (MediaInfo took 40 s)."""
    import struct

    data = bytearray(mp4_25p.read_bytes())
    offset = 0
    while offset < len(data):
        size, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"moov":
            break
        offset += size
    assert kind == b"moov"
    data[offset] ^= 0x10  # the size's top byte: some 268 MB more than the file holds
    bad = tmp_path / "flipped.mp4"
    bad.write_bytes(bytes(data))
    with pytest.raises(MediaReadError, match=r"truncated or damaged: its 'moov' box claims") as info:
        probe(bad)
    assert info.value.path == str(bad)
    probe(mp4_25p)  # the intact file still reads


def _find_box(data: bytes, path: list[bytes]) -> int:
    """The offset of the box at ``path`` (e.g. moov/trak/mdia/minf/stbl/stsc) in ``data``."""
    import struct

    start, end = 0, len(data)
    for depth, wanted in enumerate(path):
        offset = start
        while offset + 8 <= end:
            size, kind = struct.unpack(">I4s", data[offset:offset + 8])
            if kind == wanted:
                break
            offset += size
        else:
            raise AssertionError(f"no {wanted!r} box")
        if depth == len(path) - 1:
            return offset
        start, end = offset + 8, offset + size
    raise AssertionError("empty path")


STBL = [b"moov", b"trak", b"mdia", b"minf", b"stbl"]


@pytest.mark.parametrize("box, at, value, message", [
    # A sample-size table's count of entries (its high byte): MediaInfo would allocate for it.
    (b"stsz", 16, 0x40, r"'stsz' box claims [\d,]+ entries"),
    # A chunk number in the sample-to-chunk table far past the chunks there are: MediaInfo walked to it.
    (b"stsc", 16, 0x2E, r"'stsc' box names chunk [\d,]+ \(entry 1\) in a track of [\d,]+ chunks"),
    # The time-to-sample table's first count: millions of samples in a track of a few dozen.
    (b"stts", 16, 0x01, r"'stts' box times [\d,]+ samples in a track of"),
])
def test_a_damaged_sample_table_is_refused_before_mediainfo(tmp_path: Path, mp4_25p: Path, box, at, value,
                                                            message) -> None:
    """One byte of a count or a chunk number damaged: libmediainfo spent 20–115 s of CPU on such files."""
    data = bytearray(mp4_25p.read_bytes())
    offset = _find_box(bytes(data), STBL + [box])
    data[offset + at] = value
    bad = tmp_path / f"damaged-{box.decode()}.mp4"
    bad.write_bytes(bytes(data))
    with pytest.raises(MediaReadError, match=r"truncated or damaged: its " + message) as info:
        probe(bad)
    assert info.value.path == str(bad)
    probe(mp4_25p)  # the intact file still reads


@slow
def test_truncated_mts(tmp_path: Path, mts_1080i50: Path) -> None:
    data = mts_1080i50.read_bytes()
    path = tmp_path / "00002.MTS"
    path.write_bytes(data[: len(data) // 2 + 100])  # not a whole 192-byte packet
    _assert_read_error(path, "truncated")


@pytest.mark.skipif(sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="needs POSIX permissions and a non-root user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.mp4"
    path.write_bytes(b"\x00" * 100)
    path.chmod(0)
    try:
        _assert_read_error(path, "permission")
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize("value, expected", [
    (25, Fraction(25)),
    ("25.000", Fraction(25)),
    (29.97, Fraction(30000, 1001)),
    ("29.970", Fraction(30000, 1001)),
    (59.94, Fraction(60000, 1001)),
    ("23.976", Fraction(24000, 1001)),
    ("2997/100", Fraction(30000, 1001)),
    (Fraction(30000, 1001), Fraction(30000, 1001)),
    (50, Fraction(50)),
    (12.5, Fraction(25, 2)),
])
def test_normalize_rate(value: object, expected: Fraction) -> None:
    assert normalize_rate(value) == expected  # type: ignore[arg-type]


def test_normalize_rate_rejects_zero() -> None:
    with pytest.raises(ValueError):
        normalize_rate(0)


@pytest.mark.parametrize("text, assume_utc, expected", [
    ("2024-05-01 10:11:12 UTC", False, datetime(2024, 5, 1, 10, 11, 12, tzinfo=timezone.utc)),
    ("UTC 2024-05-01 10:11:12", False, datetime(2024, 5, 1, 10, 11, 12, tzinfo=timezone.utc)),
    ("2010-04-05 08:31:48+08:00", False, datetime(2010, 4, 5, 8, 31, 48, tzinfo=BEIJING)),
    ("2024-05-01T18:11:12+0800", False, datetime(2024, 5, 1, 18, 11, 12, tzinfo=BEIJING)),
    ("2024-05-01T05:00:00-0330", False,
     datetime(2024, 5, 1, 5, 0, 0, tzinfo=timezone(-timedelta(hours=3, minutes=30)))),
    ("2024-05-01 10:11:12.500", True,
     datetime(2024, 5, 1, 10, 11, 12, 500000, tzinfo=timezone.utc)),
    ("2024-05-01 10:11:12", False, None),  # no zone and none assumed: unknown
    ("0-00-00 00:00:00.000", True, None),  # MXF without a date
    ("1904-01-01 00:00:00 UTC", False, None),  # QuickTime epoch placeholder
    ("2024", False, None),
    (None, True, None),
])
def test_parse_media_datetime(text: str, assume_utc: bool, expected: datetime) -> None:
    assert parse_media_datetime(text, assume_utc=assume_utc) == expected
