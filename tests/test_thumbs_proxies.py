"""Posters, filmstrips and proxies made from real generated footage, catalogued by ingest.

The camera card holds one 1080i50 take of 4 s spanned over three .MTS files;
its frames carry their numbers in a machine-readable band, so the tests can
tell which frame landed in each filmstrip tile and whether a proxy covers the
whole take (joined file) or only its first file.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image

from docmanager.db.models import Clip
from docmanager.ingest.ingest import ingest
from docmanager.jobs import CancelToken
from docmanager.media import thumbs
from docmanager.media.avchd_card import TakeSpec, write_card
from docmanager.media.derived import (
    filmstrip_file,
    make_proxies,
    make_thumbnails,
    playable_path,
    poster_file,
    proxy_file,
)
from docmanager.media.ffmpeg import ffmpeg_exe
from docmanager.media.generate import decode_frame_number, make_clip
from docmanager.media.probe import probe
from docmanager.media.proxies import make_proxy
from docmanager.project import Project

TAKE_SECONDS = 4
TAKE_FRAMES = TAKE_SECONDS * 25
#: Frame k of a 10-frame strip of the take is the first at or after (k + 0.5) / 10 of it.
STRIP_FRAMES = [round((k + 0.5) * TAKE_FRAMES / 10) for k in range(10)]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def footage(tmp_path_factory) -> dict[str, Path]:
    """A card with a spanned 1080i50 take, and a small 4:3 progressive MP4."""
    root = tmp_path_factory.mktemp("footage")
    card = root / "CARD"
    write_card(card, [TakeSpec(seconds=TAKE_SECONDS, files=3)])
    loose = root / "loose"
    loose.mkdir()
    make_clip(loose / "interview.mp4", seconds=1, size=(320, 240), rate=25)
    return {"card": card, "mp4": loose / "interview.mp4", "loose": loose}


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "Film")
    yield p
    p.close()


def ingest_ok(project: Project, *sources) -> list[int]:
    report = ingest(project, [os.fspath(s) for s in sources], posters=False)
    assert report.ok, report.failed
    return report.data["clips_added"]


def take_id(project: Project) -> int:
    with project.session() as s:
        return next(c.id for c in s.query(Clip) if c.joined_file_id is not None)


def strip_numbers(path: Path, frames: int = 10) -> list:
    """The frame number in each tile of a filmstrip."""
    image = Image.open(path).convert("L")
    width, height = image.size
    tile = width // frames
    return [decode_frame_number(image.crop((k * tile, 0, (k + 1) * tile, height)).tobytes(), tile, height)
            for k in range(frames)]


def keyframe_times(path: Path) -> list[float]:
    """Times of the key frames of a file's video, read by ffmpeg itself."""
    out = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-skip_frame", "nokey", "-i", str(path),
                          "-an", "-vf", "showinfo", "-f", "null", "-"], capture_output=True, text=True, check=True)
    return [float(t) for t in re.findall(r"pts_time:([0-9.]+)", out.stderr)]


class ProgressLog:
    def __init__(self) -> None:
        self.calls: list[tuple[float, float, str]] = []

    def __call__(self, done: float, total: float, message: str) -> None:
        self.calls.append((done, total, message))

    def assert_reaches_end(self, total: float) -> None:
        assert self.calls, "progress was never called"
        dones = [d for d, _, _ in self.calls]
        assert dones == sorted(dones), "progress went backwards"
        assert all(t == pytest.approx(total) for _, t, _ in self.calls)
        assert dones[-1] == pytest.approx(total)


# --------------------------------------------------------------------------- thumbnails


def test_poster_and_filmstrip_of_spanned_1080i_take(project, footage):
    ingest_ok(project, footage["card"])
    clip_id = take_id(project)
    progress = ProgressLog()

    report = make_thumbnails(project, progress=progress)

    assert report.ok, report.failed
    assert report.done == [clip_id] and report.data["clips"] == [clip_id]
    assert (report.data["posters"], report.data["filmstrips"]) == (1, 1)
    progress.assert_reaches_end(2)
    with project.session() as s:
        clip = s.get(Clip, clip_id)
        assert clip.poster_path == str(poster_file(project, clip_id))
        assert clip.filmstrip_path == str(filmstrip_file(project, clip_id))
    poster, strip = Image.open(poster_file(project, clip_id)), Image.open(filmstrip_file(project, clip_id))
    assert (poster.format, poster.size) == ("JPEG", (320, 180))
    assert (strip.format, strip.size) == ("JPEG", (10 * 160, 90))
    # Ten evenly spaced frames of the whole take (all three files), deinterlaced.
    assert strip_numbers(filmstrip_file(project, clip_id)) == STRIP_FRAMES
    assert not list(project.thumbnails_dir.glob("*.partial*"))

    again = make_thumbnails(project)
    assert again.data["skipped"] == [clip_id] and again.done == []
    forced = make_thumbnails(project, filmstrips=False, force=True)
    assert forced.done == [clip_id] and (forced.data["posters"], forced.data["filmstrips"]) == (1, 0)


def test_take_without_its_joined_file_is_read_from_its_own_files(project, footage):
    """The joined file gone (space freed), the three card files are read as one stream."""
    ingest_ok(project, footage["card"])
    clip_id = take_id(project)
    with project.session() as s:
        Path(s.get(Clip, clip_id).joined_file.path).unlink()

    report = make_thumbnails(project, posters=False)

    assert report.ok, report.failed
    assert strip_numbers(filmstrip_file(project, clip_id)) == STRIP_FRAMES


@pytest.mark.parametrize("seek", [False, True], ids=["single-pass", "seeking"])
def test_filmstrip_frames_are_evenly_spaced_either_way(project, footage, monkeypatch, seek):
    """Short clips are decoded in one pass, long ones with one seek per frame: same frames."""
    ingest_ok(project, footage["card"])
    with project.session() as s:
        joined = s.get(Clip, take_id(project)).joined_file.path
    monkeypatch.setattr(thumbs, "SINGLE_PASS_MAX_S", 0.0 if seek else 1e9)
    dest = thumbs.make_filmstrip(joined, project.thumbnails_dir / "strip.jpg", TAKE_SECONDS, interlaced=True)
    assert Image.open(dest).size == (1600, 90)
    assert strip_numbers(dest) == STRIP_FRAMES


def test_thumbnails_of_offline_clip_fail_with_its_path(project, footage, tmp_path):
    loose = tmp_path / "loose"
    shutil.copytree(footage["loose"], loose)
    ingest_ok(project, footage["card"], loose)
    (loose / "interview.mp4").unlink()

    report = make_thumbnails(project)

    assert report.done == [take_id(project)]
    assert [f.path for f in report.failed] == [str(loose / "interview.mp4")]
    assert "offline" in report.failed[0].reason


# --------------------------------------------------------------------------- proxies


@pytest.mark.slow
def test_proxy_of_spanned_1080i50_take_is_540p25_of_the_whole_take(project, footage):
    ingest_ok(project, footage["card"])
    clip_id = take_id(project)
    with project.session() as s:
        first_file = s.get(Clip, clip_id).files[0].media_file.path
    assert probe(first_file).duration_s < TAKE_SECONDS - 1  # the first file alone is much shorter
    progress = ProgressLog()

    report = make_proxies(project, progress=progress)

    assert report.ok, report.failed
    assert report.done == [clip_id] and report.data["clips"] == [clip_id]
    progress.assert_reaches_end(TAKE_SECONDS)
    assert len(progress.calls) >= 2
    path = proxy_file(project, clip_id)
    info = probe(path, quick=False)
    assert (info.width, info.height) == (960, 540)
    assert info.scan == "progressive"
    assert info.frame_rate == Fraction(25)
    assert abs(info.frame_count - TAKE_FRAMES) <= 1
    assert info.duration_s == pytest.approx(TAKE_SECONDS, abs=1 / 25)
    assert info.video_codec == "AVC" and info.audio_codec == "AAC" and info.audio_channels == 2
    assert keyframe_times(path) == pytest.approx([0, 1, 2, 3], abs=0.05)
    with project.session() as s:
        assert s.get(Clip, clip_id).proxy_path == str(path)
    assert playable_path(project, clip_id) == str(path)
    assert not list(project.proxies_dir.glob("*.partial"))

    again = make_proxies(project)
    assert again.data["skipped"] == [clip_id] and again.done == []


@pytest.mark.slow
def test_cancel_during_proxy_leaves_nothing(project, footage):
    ingest_ok(project, footage["card"])
    clip_id = take_id(project)
    token = CancelToken()
    seen: list[float] = []

    def progress(done: float, total: float, message: str) -> None:
        seen.append(done)
        if 0 < done < total:  # ffmpeg is running and has written part of the proxy
            token.cancel()

    report = make_proxies(project, progress=progress, cancel=token)

    assert report.cancelled and not report.ok
    assert report.done == [] and report.failed == []
    assert any(0 < d < TAKE_SECONDS for d in seen)
    assert list(project.proxies_dir.iterdir()) == []
    with project.session() as s:
        assert s.get(Clip, clip_id).proxy_path is None


@pytest.mark.slow
def test_offline_and_unreadable_clips_fail_while_others_get_proxies(project, footage, tmp_path):
    loose = tmp_path / "loose"
    shutil.copytree(footage["loose"], loose)
    make_clip(loose / "broll.mp4", seconds=1, size=(320, 240), rate=25, audio=False)
    ingest_ok(project, footage["card"], loose)
    (loose / "interview.mp4").unlink()  # offline: its drive is gone
    broll = loose / "broll.mp4"  # unreadable: damaged after it was catalogued
    broll.write_bytes(random.Random(244).randbytes(broll.stat().st_size))  # the same noise every run
    progress = ProgressLog()

    report = make_proxies(project, progress=progress)

    assert report.done == [take_id(project)] and report.cancelled is False
    reasons = {f.path: f.reason for f in report.failed}
    assert set(reasons) == {str(loose / "interview.mp4"), str(broll)}
    assert "offline" in reasons[str(loose / "interview.mp4")]
    assert "ffmpeg failed" in reasons[str(broll)]
    progress.assert_reaches_end(TAKE_SECONDS + 1 + 1)
    assert sorted(p.name for p in project.proxies_dir.iterdir()) == [f"clip-{take_id(project)}.mp4"]
    with project.session() as s:
        assert [c.id for c in s.query(Clip) if c.proxy_path] == [take_id(project)]


@pytest.mark.slow
def test_proxy_keeps_aspect_with_black_bars_and_needs_no_audio(footage, tmp_path):
    source = tmp_path / "silent-4x3.mp4"
    make_clip(source, seconds=1, size=(320, 240), rate=25, audio=False)
    dest = make_proxy(source, tmp_path / "proxy.mp4", interlaced=False, duration_s=1.0)
    info = probe(dest)
    assert (info.width, info.height, info.scan) == (960, 540, "progressive")
    assert not info.has_audio
    frame = tmp_path / "frame.png"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(dest), "-frames:v", "1", str(frame)], check=True)
    image = Image.open(frame).convert("L")
    bar = (960 - 720) // 2  # 4:3 in 16:9: 720 px of picture, 120 px of black each side
    assert max(image.crop((0, 0, bar - 4, 540)).getdata()) < 24
    assert max(image.crop((960 - bar + 4, 0, 960, 540)).getdata()) < 24
    assert max(image.crop((bar + 8, 0, 960 - bar - 8, 540)).getdata()) > 128


def test_unreadable_source_is_an_error_naming_it_and_leaves_nothing(tmp_path):
    from docmanager.media.ffmpeg import FFmpegError

    source = tmp_path / "garbage.MTS"
    source.write_bytes(random.Random(281).randbytes(64 * 1024))
    with pytest.raises(FFmpegError) as caught:
        make_proxy(source, tmp_path / "out" / "proxy.mp4", interlaced=True, duration_s=4.0)
    assert caught.value.path == str(source)
    assert list((tmp_path / "out").iterdir()) == []


# --------------------------------------------------------------------------- playback


def test_playable_path_prefers_proxy_then_joined_then_first_file(project, footage, tmp_path):
    loose = tmp_path / "loose"
    shutil.copytree(footage["loose"], loose)
    ingest_ok(project, footage["card"], loose)
    clip_id = take_id(project)
    with project.session() as s:
        take = s.get(Clip, clip_id)
        joined = take.joined_file.path
        single = next(c for c in s.query(Clip) if c.id != clip_id)
        assert playable_path(s, take) == joined
        assert playable_path(s, single) == str(loose / "interview.mp4")
    assert playable_path(project, clip_id) == joined

    proxy = proxy_file(project, clip_id)
    project.write(lambda s: setattr(s.get(Clip, clip_id), "proxy_path", str(proxy)))
    assert playable_path(project, clip_id) == joined  # recorded, but not on disk
    proxy.write_bytes(b"stand-in")
    assert playable_path(project, clip_id) == str(proxy)


def test_jobs_name_unknown_clips_and_respect_cancel_before_start(project, footage):
    ingest_ok(project, footage["card"])
    token = CancelToken()
    token.cancel()
    report = make_proxies(project, cancel=token)
    assert report.cancelled and report.done == []
    assert list(project.proxies_dir.iterdir()) == []

    missing = make_thumbnails(project, [9999])
    assert [f.reason for f in missing.failed] == ["clip 9999 is not in the catalogue"]
    stopped = make_thumbnails(project, cancel=lambda: True)
    assert stopped.cancelled and stopped.done == []
