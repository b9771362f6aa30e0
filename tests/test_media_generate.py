"""make_clip(), the frame number band and run_ffmpeg(): real ffmpeg runs."""
from __future__ import annotations

import os
import threading
import time
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path
from typing import List, Tuple

import pytest

from docmanager.errors import MediaReadError
from docmanager.media.ffmpeg import (
    Cancelled,
    FFmpegError,
    ffmpeg_exe,
    ffmpeg_filters,
    is_cancelled,
    run_ffmpeg,
)
from docmanager.media.generate import (
    _frames_to_timecode,
    _timecode_to_frames,
    decode_frame_number,
    escape_filter_value,
    make_clip,
    read_frame_number,
    read_frame_number_at,
)
from docmanager.media.probe import probe

slow = pytest.mark.slow


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("generated")
    return {
        "mp4": make_clip(folder / "numbers.mp4", seconds=2, size=(640, 360), rate=25,
                         label="It's 10:00, [take 2]; 50% \\ 采访"),
        "mts": make_clip(folder / "00003.MTS", seconds=2, size=(1920, 1080), rate=25,
                         interlaced=True, timecode="01:02:03:04", camera=("Sony", "HDR-CX550V"),
                         recorded_at=datetime(2010, 4, 5, 8, 31, 48,
                                              tzinfo=timezone(timedelta(hours=8)))),
        "mov": make_clip(folder / "ntsc.mov", seconds=1.001, size=(320, 240),
                         rate=Fraction(30000, 1001), pattern="gradients"),
    }


def test_generated_files_have_the_usual_permissions(tmp_path: Path) -> None:
    """Written under a temporary name, then renamed: still 0666 less the umask, like any written file."""
    old = os.umask(0o022)
    try:
        path = make_clip(tmp_path / "tiny.mp4", seconds=0.2, size=(64, 36), rate=25)
    finally:
        os.umask(old)
    assert os.stat(path).st_mode & 0o777 == 0o644


# --------------------------------------------------------------------------- frame numbers


@slow
@pytest.mark.parametrize("kind", ["mp4", "mts", "mov"])
def test_frame_numbers_round_trip(clips: dict, kind: str) -> None:
    path = clips[kind]
    last = probe(path).frame_count - 1
    for index in (0, 1, 13, last):
        assert read_frame_number(path, index) == index


@slow
def test_frame_number_after_seek(clips: dict) -> None:
    assert read_frame_number_at(clips["mp4"], 1.0) == 25
    assert read_frame_number_at(clips["mts"], 1.0) == 25  # relative to the stream start
    # 29.97: frame 15 starts at 0.5005 s, the first frame at or after 0.5 s
    assert read_frame_number_at(clips["mov"], 0.5) == 15


@slow
def test_no_such_frame(clips: dict) -> None:
    with pytest.raises(MediaReadError) as caught:
        read_frame_number(clips["mp4"], 5000)
    assert caught.value.path == str(clips["mp4"])


@slow
def test_clip_without_band_is_reported(tmp_path: Path) -> None:
    path = make_clip(tmp_path / "plain.mp4", seconds=0.2, size=(320, 180), number_frames=False,
                     audio=False)
    with pytest.raises(MediaReadError, match="no frame number band"):
        read_frame_number(path, 0)


def test_decode_frame_number_on_plain_pictures() -> None:
    assert decode_frame_number(bytes([128]) * (480 * 270), 480, 270) is None
    assert decode_frame_number(b"", 480, 270) is None


# --------------------------------------------------------------------------- clips


@slow
def test_mts_looks_like_an_avchd_file(clips: dict, tmp_path: Path) -> None:
    path = clips["mts"]
    data = path.read_bytes()
    assert len(data) % 192 == 0
    assert all(data[i + 4] == 0x47 for i in range(0, 192 * 50, 192))  # sync byte after 4-byte header
    # MDPM in an SEI of every IDR picture (GOP of 12 frames: 0, 12, 24, 36, 48)
    elementary = tmp_path / "video.h264"
    run_ffmpeg(["-i", str(path), "-map", "0:v", "-c", "copy", "-f", "h264", str(elementary)])
    stream = elementary.read_bytes()
    uuid = bytes.fromhex("17EE8C60F84D11D98CD60800200C9A66") + b"MDPM"
    blocks = []
    position = stream.find(uuid)
    while position != -1:
        blocks.append(position)
        position = stream.find(uuid, position + 1)
    assert len(blocks) == 5
    first = stream[blocks[0] + len(uuid): blocks[0] + len(uuid) + 1 + 5 * 7]
    assert first[0] == 7  # entries: time code, date, time, maker, 3 × model name
    entries = {first[1 + 5 * k]: first[2 + 5 * k: 6 + 5 * k] for k in range(first[0])}
    assert entries[0x13] == bytes([0x04, 0x03, 0x02, 0x01])  # 01:02:03:04, frames first
    assert entries[0x18] == bytes([0x10, 0x20, 0x10, 0x04])  # +08:00, 2010-04
    assert entries[0x19] == bytes([0x05, 0x08, 0x31, 0x48])  # 5th, 08:31:48
    assert entries[0xE0][:2] == b"\x01\x08"  # Sony
    assert entries[0xE4] + entries[0xE5] + entries[0xE6] == b"HDR-CX550V\x00\x00"
    last = stream[blocks[-1] + len(uuid):]
    last_entries = {last[1 + 5 * k]: last[2 + 5 * k: 6 + 5 * k] for k in range(last[0])}
    assert last_entries[0x13] == bytes([0x02, 0x05, 0x02, 0x01])  # frame 48: 01:02:05:02
    assert last_entries[0x19] == bytes([0x05, 0x08, 0x31, 0x49])  # 1.92 s later: 08:31:49


@slow
def test_output_appears_only_when_complete_and_cancel_cleans_up(tmp_path: Path) -> None:
    stop = threading.Event()
    calls: List[Tuple[float, float, str]] = []

    def progress(done: float, total: float, message: str) -> None:
        calls.append((done, total, message))
        stop.set()

    started = time.monotonic()
    with pytest.raises(Cancelled):
        make_clip(tmp_path / "long.mp4", seconds=120, size=(1920, 1080), progress=progress,
                  cancel=stop)
    assert time.monotonic() - started < 10
    assert calls and calls[0][1] == pytest.approx(120.0)
    assert "long.mp4" in calls[0][2]
    assert list(tmp_path.iterdir()) == []  # no partial file left behind


@slow
def test_bytes_path_and_default_label(tmp_path: Path) -> None:
    target = os.fsencode(tmp_path) + "/镜头 1.mp4".encode()
    written = make_clip(target, seconds=0.2, size=(320, 180), audio=False)
    assert os.fsencode(written) == target
    assert probe(target).frame_count == 5


@pytest.mark.parametrize("kwargs, message", [
    (dict(size=(641, 360)), "even"),
    (dict(seconds=0), "positive"),
    (dict(recorded_at=datetime(2024, 1, 1)), "timezone-aware"),
    (dict(timecode="10:00:00"), "HH:MM:SS:FF"),
    (dict(timecode="10:00:00;00"), "drop-frame"),
    (dict(pattern="plasma"), "pattern"),
])
def test_make_clip_rejects_bad_arguments(tmp_path: Path, kwargs: dict, message: str) -> None:
    arguments = dict(seconds=1, size=(320, 180))
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        make_clip(tmp_path / "bad.mp4", **arguments)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_unknown_container(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="container"):
        make_clip(tmp_path / "clip.xyz", seconds=1)


# --------------------------------------------------------------------------- time code


@pytest.mark.parametrize("timecode, rate, frames", [
    ("00:00:01:00", Fraction(25), 25),
    ("10:00:00:00", Fraction(25), 900000),
    ("00:01:00;02", Fraction(30000, 1001), 1800),
    ("00:10:00;00", Fraction(30000, 1001), 17982),
    ("00:01:00;04", Fraction(60000, 1001), 3600),
])
def test_timecode_round_trip(timecode: str, rate: Fraction, frames: int) -> None:
    count, drop = _timecode_to_frames(timecode, rate)
    assert count == frames
    h, m, s, f = _frames_to_timecode(count, rate, drop)
    assert f"{h:02d}:{m:02d}:{s:02d}{';' if drop else ':'}{f:02d}" == timecode


def test_drop_frame_skips_frame_numbers() -> None:
    rate = Fraction(30000, 1001)
    assert _frames_to_timecode(1799, rate, True) == (0, 0, 59, 29)
    assert _frames_to_timecode(1800, rate, True) == (0, 1, 0, 2)


# --------------------------------------------------------------------------- escaping


def test_escape_filter_value() -> None:
    assert escape_filter_value("plain") == "plain"
    assert escape_filter_value("a:b") == "a\\\\:b"
    assert escape_filter_value("it's") == "it\\\\\\'s"
    assert escape_filter_value("C:\\fonts\\x.ttf") == "C\\\\:\\\\\\\\fonts\\\\\\\\x.ttf"
    assert escape_filter_value("[a],b;c") == "\\[a\\]\\,b\\;c"


# --------------------------------------------------------------------------- run_ffmpeg


def test_ffmpeg_is_bundled() -> None:
    assert os.path.isfile(ffmpeg_exe())
    assert {"testsrc2", "sine", "drawbox", "setfield", "tinterlace"} <= ffmpeg_filters()


def test_run_ffmpeg_reports_progress_at_most_ten_times_a_second(tmp_path: Path) -> None:
    calls: List[Tuple[float, float, str, float]] = []
    started = time.monotonic()
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=1280x720:r=25:d=30", "-c:v", "libx264",
                "-preset", "ultrafast", "-f", "null", "-"],
               progress=lambda d, t, m: calls.append((d, t, m, time.monotonic())),
               duration=30, message="Encoding")
    elapsed = time.monotonic() - started
    assert calls[-1][:3] == (30.0, 30.0, "Encoding")
    assert len(calls) <= elapsed * 10 + 2
    done = [c[0] for c in calls]
    assert done == sorted(done) and all(0 <= d <= 30 for d in done)
    gaps = [b[3] - a[3] for a, b in zip(calls[:-2], calls[1:-1])]
    assert all(gap >= 0.095 for gap in gaps)


def test_run_ffmpeg_failure_quotes_stderr(tmp_path: Path) -> None:
    missing = tmp_path / "missing.mp4"
    with pytest.raises(FFmpegError) as caught:
        run_ffmpeg(["-i", str(missing), "-f", "null", "-"], path=missing)
    error = caught.value
    assert error.path == str(missing)
    assert "exit status" in error.message
    assert "No such file" in error.message
    assert error.stderr_tail


def test_run_ffmpeg_cancel_forms() -> None:
    assert not is_cancelled(None)
    assert is_cancelled(lambda: True)
    event = threading.Event()
    assert not is_cancelled(event)
    event.set()
    assert is_cancelled(event)
    with pytest.raises(TypeError):
        is_cancelled(42)  # type: ignore[arg-type]
    with pytest.raises(Cancelled):
        run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=d=1", "-f", "null", "-"], cancel=lambda: True)


def test_run_ffmpeg_cancel_kills_a_running_ffmpeg() -> None:
    polls = []

    def cancel() -> bool:
        polls.append(time.monotonic())
        return len(polls) > 4

    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_ffmpeg(["-re", "-f", "lavfi", "-i", "testsrc2=d=60", "-f", "null", "-"], cancel=cancel)
    assert time.monotonic() - started < 3
