"""Screeners rendered from hand-built OTIO timelines over real generated footage.

Every clip carries its frame numbers in a machine-readable band near the
bottom of the picture, so the tests read back which source frame each
screener frame shows.  The cut has three shots from the middle of three
clips: a 16:9 MP4, a 4:3 MP4 (pillarboxed in the screener) and an
interlaced AVCHD .MTS whose in point lies past the seek pre-roll.
"""
from __future__ import annotations

import os
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import opentimelineio as otio
import pytest
from PIL import Image

import docmanager.cuts.screener as screener_module
from docmanager.cuts.screener import (
    SubtitleLine,
    plan_screener,
    render_screener,
    subtitle_clip,
    text_font_file,
    timeline_rate,
)
from docmanager.cuts.stills import MediaTiming
from docmanager.errors import RefusedError
from docmanager.jobs import CancelToken
from docmanager.media.ffmpeg import run_ffmpeg
from docmanager.media.generate import decode_frame_number, make_clip
from docmanager.media.probe import probe

RATE = 25
#: (clip, in point, frames) of the test cut: 3 s at 25 fps.
SHOTS = (("wide.mp4", 30, 25), ("archive 4x3.mp4", 40, 25), ("00031.MTS", 90, 25))
CUT_FRAMES = 75
ENGLISH = [SubtitleLine(0.2, 1.6, "We waited three hours at the station before he finally arrived.")]
CHINESE = [SubtitleLine(1.2, 2.8, "我们在太原火车站等了三个小时，他终于来了。")]
#: Rows of the 720-line picture where subtitles sit.
BOTTOM_BAND = slice(560, 720)


def ref(path: Path, frames: int, rate: float = RATE) -> otio.schema.ExternalReference:
    return otio.schema.ExternalReference(
        target_url=otio.url_utils.url_from_filepath(str(path)),
        available_range=otio.opentime.TimeRange(otio.opentime.RationalTime(0, rate),
                                                otio.opentime.RationalTime(frames, rate)))


def timeline(shots, rate: float = RATE, name: str = "Rough cut 3 粗剪") -> otio.schema.Timeline:
    """A cut as build_timeline makes it: clips on V1 with frame-exact source ranges."""
    track = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    for path, in_frame, frames, length in shots:
        track.append(otio.schema.Clip(
            name=path.name, media_reference=ref(path, length, rate),
            source_range=otio.opentime.TimeRange(otio.opentime.RationalTime(in_frame, rate),
                                                 otio.opentime.RationalTime(frames, rate)),
            metadata={"docmanager": {"clip_id": len(track) + 1}}))
    result = otio.schema.Timeline(name=name, global_start_time=otio.opentime.RationalTime(0, rate))
    result.tracks.append(track)
    result.tracks.append(otio.schema.Track(name="V2", kind=otio.schema.TrackKind.Video))
    return result


@pytest.fixture(scope="module")
def footage(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screener-footage")
    wide = make_clip(folder / SHOTS[0][0], seconds=3, size=(640, 360), tone_hz=440)
    archive = make_clip(folder / SHOTS[1][0], seconds=3, size=(480, 360), pattern="bars", tone_hz=660)
    avchd = make_clip(folder / SHOTS[2][0], seconds=5, size=(640, 360), interlaced=True, pattern="gradients")
    return {"wide": wide, "archive": archive, "avchd": avchd, "folder": folder,
            "lengths": {wide: 75, archive: 75, avchd: 125}}


@pytest.fixture(scope="module")
def cut(footage):
    paths = [footage["wide"], footage["archive"], footage["avchd"]]
    return timeline([(p, s, n, footage["lengths"][p]) for p, (_name, s, n) in zip(paths, SHOTS)])


@pytest.fixture(scope="module")
def renders(footage, cut, tmp_path_factory):
    """The cut rendered three times: plain (no mark, no subtitles), English and Chinese subtitles."""
    folder = tmp_path_factory.mktemp("screeners")
    out = {}
    for key, kwargs in {"plain": dict(mark=""), "english": dict(subtitles=ENGLISH),
                        "chinese": dict(subtitles=CHINESE, lang="zh")}.items():
        calls = []
        started = time.monotonic()
        report = render_screener(cut, folder / f"{key}.mp4", progress=lambda *a, c=calls: c.append(a),
                                 **kwargs)
        out[key] = (folder / f"{key}.mp4", report, calls, time.monotonic() - started)
    return out


def frame_rgb(path: Path, index: int, tmp_path: Path) -> np.ndarray:
    """Frame ``index`` of a 1280×720 screener as an array, every frame decoded."""
    raw = tmp_path / f"frame-{path.stem}-{index}.rgb"
    run_ffmpeg(["-i", str(path), "-vf", f"select='eq(n,{index})'", "-frames:v", "1",
                "-fps_mode", "passthrough", "-pix_fmt", "rgb24", "-f", "rawvideo", str(raw)])
    return np.frombuffer(raw.read_bytes(), dtype=np.uint8).reshape(720, 1280, 3)


def number_on(frame: np.ndarray, box=(0, 0, 1280, 720)) -> int:
    """The frame number band of the picture inside ``box`` (left, top, right, bottom)."""
    gray = Image.fromarray(frame).crop(box).convert("L")
    number = decode_frame_number(gray.tobytes(), *gray.size)
    assert number is not None, "no frame number band"
    return number


# --------------------------------------------------------------------------- plans (no rendering)


def test_plan_lays_out_the_first_video_track(footage, cut):
    plan = plan_screener(cut)
    assert plan.rate == RATE and plan.frames == CUT_FRAMES and plan.name == "Rough cut 3 粗剪"
    assert [(s.start, s.frames, s.source_start) for s in plan.segments] == [
        (0, 25, Fraction(30, 25)), (25, 25, Fraction(40, 25)), (50, 25, Fraction(90, 25))]
    assert [s.interlaced for s in plan.segments] == [False, False, True]
    assert not plan.problems


def test_plan_gaps_transitions_time_codes_and_short_media(footage):
    rate = 30000 / 1001
    track = otio.schema.Track(name="V1")
    # Source range in the media's time code space (available range starts at 01:00:00;00).
    start_tc = otio.opentime.RationalTime(107892, rate)
    media = otio.schema.ExternalReference(
        target_url=otio.url_utils.url_from_filepath(str(footage["wide"])),
        available_range=otio.opentime.TimeRange(start_tc, otio.opentime.RationalTime(75, rate)))
    track.append(otio.schema.Clip(name="tc", media_reference=media, source_range=otio.opentime.TimeRange(
        start_tc + otio.opentime.RationalTime(12, rate), otio.opentime.RationalTime(10, rate))))
    track.append(otio.schema.Transition(in_offset=otio.opentime.RationalTime(2, rate),
                                        out_offset=otio.opentime.RationalTime(2, rate)))
    track.append(otio.schema.Gap(source_range=otio.opentime.TimeRange(
        duration=otio.opentime.RationalTime(5, rate))))
    past_end = otio.schema.Clip(name="long", media_reference=otio.schema.ExternalReference(
        target_url=otio.url_utils.url_from_filepath(str(footage["wide"]))),
        source_range=otio.opentime.TimeRange(otio.opentime.RationalTime(80, rate),
                                             otio.opentime.RationalTime(20, rate)))
    track.append(past_end)
    disabled = otio.schema.Clip(name="off", source_range=otio.opentime.TimeRange(
        duration=otio.opentime.RationalTime(3, rate)))
    disabled.enabled = False
    track.append(disabled)
    cut = otio.schema.Timeline(name="NTSC", tracks=[track])

    assert timeline_rate(cut) == Fraction(30000, 1001)
    plan = plan_screener(cut)
    assert plan.frames == 10 + 5 + 20 + 3
    tc, gap, tail, black_tail, off = plan.segments
    assert tc.source_start == Fraction(12 * 1001, 30000) and tc.path == str(footage["wide"])
    assert gap.path is None and gap.caption is None and gap.frames == 5
    # 20 frames from 80/29.97 = 2.67 s into a 3 s file: 10 frames of picture, 10 of black.
    assert tail.path and tail.frames == 10 and black_tail.frames == 10
    assert black_tail.path is None and "MEDIA ENDS" in black_tail.caption
    assert off.path is None and off.frames == 3
    assert any("transition" in note for note in plan.notes)
    assert [path for path, _ in plan.problems] == [str(footage["wide"])]


def test_refusals(footage, cut, tmp_path):
    with pytest.raises(RefusedError, match="no video track"):
        plan_screener(otio.schema.Timeline(name="empty"))
    with pytest.raises(RefusedError, match=".mp4"):
        render_screener(cut, tmp_path / "screener.avi")
    with pytest.raises(RefusedError, match="size"):
        render_screener(cut, tmp_path / "screener.mp4", size=(1279, 720))
    assert not any(tmp_path.iterdir())


def test_subtitle_pictures_draw_chinese_glyphs():
    font = text_font_file("zh")
    from PIL import ImageFont

    family, _style = ImageFont.truetype(font, 12).getname()
    assert family == "Noto Sans CJK SC"  # the face TextClip opens is the Simplified Chinese one

    def picture(text: str) -> np.ndarray:
        clip = subtitle_clip(text, font_file=font)
        return np.asarray(clip.get_frame(0)) * np.asarray(clip.mask.get_frame(0))[..., None]

    def differ(a: np.ndarray, b: np.ndarray) -> float:
        height, width = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
        return float(np.abs(a[:height, :width] - b[:height, :width]).mean())

    hello, factory, boxes = picture("你好世界"), picture("工厂工人"), picture("□□□□")
    assert hello.shape[1] == factory.shape[1] == boxes.shape[1]  # four full-width characters each
    assert differ(hello, factory) > 5  # different glyphs, not four missing-glyph boxes each
    assert differ(hello, boxes) > 5
    # A long line is wrapped into balanced lines inside 84 % of the width.
    long_line = subtitle_clip("我们在太原火车站等了三个小时，他终于来了。" * 3, font_file=font)
    assert long_line.w <= 0.84 * 1280 and long_line.h > 2 * subtitle_clip("你好", font_file=font).h


# --------------------------------------------------------------------------- renders


@pytest.mark.slow
def test_screener_is_720p_h264_with_the_cut_duration(renders):
    for key, (path, report, calls, seconds) in renders.items():
        assert report.ok, (key, report.failed)
        assert report.done == [str(path)]
        info = probe(path)
        assert (info.width, info.height) == (1280, 720), key
        assert info.video_codec == "AVC" and info.frame_rate == RATE, key
        assert abs(info.duration_s - CUT_FRAMES / RATE) <= 1 / RATE + 1e-6, key
        assert info.has_audio and info.audio_channels == 2 and info.audio_rate == 48000, key
        assert report.data["frames"] == CUT_FRAMES and report.data["rate"] == "25"
        # Progress: rising, at most about ten calls a second, ending at the total.
        dones = [done for done, _total, _message in calls]
        assert dones == sorted(dones) and calls[-1][0] == calls[-1][1] == pytest.approx(3.0)
        assert len(calls) <= 10 * seconds + 5
        assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
def test_screener_frames_are_the_cut_frame_for_frame(renders, tmp_path):
    path = renders["plain"][0]
    pillarbox = (160, 0, 1120, 720)  # the 4:3 shot fitted into 16:9
    expected = {0: (30, None), 24: (54, None), 25: (40, pillarbox), 49: (64, pillarbox),
                50: (90, None), 74: (114, None)}
    for index, (number, box) in expected.items():
        frame = frame_rgb(path, index, tmp_path)
        assert number_on(frame, box or (0, 0, 1280, 720)) == number, index
    bars = frame_rgb(path, 30, tmp_path)
    assert bars[:, :150].mean() < 8 and bars[:, 1130:].mean() < 8  # black bars beside the 4:3 shot


@pytest.mark.slow
@pytest.mark.parametrize("key, inside, outside", [("english", 20, 45), ("chinese", 50, 10)])
def test_subtitles_are_burnt_into_the_bottom_band(renders, tmp_path, key, inside, outside):
    plain, subtitled = renders["plain"][0], renders[key][0]

    def changed(index: int, rows: slice, columns: slice = slice(None)) -> float:
        """Share of pixels that differ clearly from the same frame rendered without subtitles."""
        a = frame_rgb(subtitled, index, tmp_path)[rows, columns].astype(int)
        b = frame_rgb(plain, index, tmp_path)[rows, columns].astype(int)
        return float((np.abs(a - b).max(axis=2) > 40).mean())

    # In the middle of the line the bottom band holds the text and its box
    # (measured: 18 % of the band for the two English lines, 7 % for the
    # one Chinese line) ...
    assert changed(inside, BOTTOM_BAND) > 0.03
    # ... and nothing else in the picture moved (the mark's corner aside).
    assert changed(inside, slice(0, 500), slice(0, 900)) < 0.005
    # Between lines the band is the picture itself.
    assert changed(outside, BOTTOM_BAND) < 0.005
    assert renders[key][1].data["subtitles"] == 1


@pytest.mark.slow
def test_screener_mark_is_top_right(renders, tmp_path):
    marked = frame_rgb(renders["english"][0], 45, tmp_path).astype(int)
    plain = frame_rgb(renders["plain"][0], 45, tmp_path).astype(int)
    corner, elsewhere = (slice(0, 110), slice(960, 1280)), (slice(0, 110), slice(0, 320))
    assert np.abs(marked[corner] - plain[corner]).mean() > 4
    assert np.abs(marked[elsewhere] - plain[elsewhere]).mean() < 3


@pytest.mark.slow
def test_offline_media_is_black_and_named_in_the_report(footage, tmp_path):
    missing = footage["folder"] / "unplugged" / "00044.MTS"
    cut = timeline([(footage["wide"], 30, 10, 75), (missing, 0, 10, 100), (footage["archive"], 40, 10, 75)],
                   name="Offline")
    report = render_screener(cut, tmp_path / "offline.mp4")
    assert [failure.path for failure in report.failed] == [str(missing)]
    assert "MEDIA OFFLINE" in report.failed[0].reason
    assert report.done == [str(tmp_path / "offline.mp4")] and report.data["offline"] == [str(missing)]
    info = probe(tmp_path / "offline.mp4")
    assert abs(info.duration_s - 30 / RATE) <= 1 / RATE + 1e-6  # the cut's duration is kept
    black = frame_rgb(tmp_path / "offline.mp4", 15, tmp_path)
    assert black[:, :300].max() < 30 and black.mean() < 20  # black, with a caption in the middle
    assert black[300:420, 400:880].max() > 200
    assert number_on(frame_rgb(tmp_path / "offline.mp4", 9, tmp_path)) == 39
    assert number_on(frame_rgb(tmp_path / "offline.mp4", 20, tmp_path), (160, 0, 1120, 720)) == 40


@pytest.mark.slow
def test_cancel_stops_the_render_and_leaves_no_file(cut, tmp_path):
    token = CancelToken()
    seen = []

    def progress(done, total, message):
        seen.append(message)
        if "frame" in message and done > 0.3 * total:
            token.cancel()

    started = time.monotonic()
    report = render_screener(cut, tmp_path / "cancelled.mp4", progress=progress, cancel=token)
    assert report.cancelled and not report.done
    assert time.monotonic() - started < 30
    assert list(tmp_path.iterdir()) == []
    assert any("frame" in message for message in seen)

    before = CancelToken()
    before.cancel()
    report = render_screener(cut, tmp_path / "cancelled.mp4", cancel=before)
    assert report.cancelled and list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_ntsc_screener_keeps_the_exact_rate(tmp_path):
    rate = Fraction(30000, 1001)
    source = make_clip(tmp_path / "ntsc.mp4", seconds=2, size=(640, 360), rate=rate)
    cut = timeline([(source, 12, 10, 60), (source, 40, 10, 60)], rate=30000 / 1001, name="")
    report = render_screener(cut, tmp_path / "ntsc screener.mp4", subtitles=[(0.0, 0.2, "NTSC")])
    assert report.ok and report.data["rate"] == "30000/1001"
    info = probe(tmp_path / "ntsc screener.mp4")
    assert info.frame_rate == rate and info.frame_count == 20
    assert abs(info.duration_s - float(20 / rate)) <= float(1 / rate)
    assert number_on(frame_rgb(tmp_path / "ntsc screener.mp4", 19, tmp_path)) == 49
    assert number_on(frame_rgb(tmp_path / "ntsc screener.mp4", 10, tmp_path)) == 40
    assert os.path.getsize(tmp_path / "ntsc screener.mp4") > 0


def sound_level(path: Path, start_s: float, seconds: float, tmp_path: Path) -> float:
    """Mean absolute level (0-1) of the screener's sound from ``start_s`` for ``seconds``."""
    raw = tmp_path / f"sound-{path.stem}-{start_s}.pcm"
    run_ffmpeg(["-ss", f"{start_s:.3f}", "-t", f"{seconds:.3f}", "-i", str(path), "-vn", "-ac", "1",
                "-ar", "48000", "-f", "s16le", "-acodec", "pcm_s16le", str(raw)])
    samples = np.frombuffer(raw.read_bytes(), dtype="<i2")
    return float(np.abs(samples.astype(float)).mean() / 32768) if len(samples) else 0.0


@pytest.mark.slow
def test_camera_mov_with_a_timecode_track_is_rendered(footage, tmp_path):
    # Camera MOVs (XAVC, ProRes, Canon) carry a QuickTime timecode (tmcd) track.
    camera = tmp_path / "broll 2997.mov"
    run_ffmpeg(["-i", str(footage["wide"]), "-map", "0", "-c", "copy", "-timecode", "10:00:00:00", str(camera)])
    assert probe(camera).timecode_start == "10:00:00:00"
    cut = timeline([(camera, 30, 10, 75), (footage["archive"], 40, 10, 75)], name="Camera")
    report = render_screener(cut, tmp_path / "camera.mp4", mark="")
    assert report.ok, report.failed
    assert report.data["offline"] == []
    picture = frame_rgb(tmp_path / "camera.mp4", 5, tmp_path)
    assert picture.mean() > 40  # the clip itself, not black with MEDIA OFFLINE
    assert number_on(picture) == 35
    assert number_on(frame_rgb(tmp_path / "camera.mp4", 15, tmp_path), (160, 0, 1120, 720)) == 45
    assert sound_level(tmp_path / "camera.mp4", 0.05, 0.3, tmp_path) > 0.05  # the MOV's tone


@pytest.mark.slow
def test_unreadable_media_is_named_with_its_cause(footage, tmp_path, monkeypatch):
    # A file that passed the plan but is damaged by the time the render reaches it.
    broken = tmp_path / "damaged take.mov"
    broken.write_bytes(b"\0\0\0\x08wide" + os.urandom(4096))
    real_timing = screener_module.media_timing
    monkeypatch.setattr(screener_module, "media_timing", lambda path: (
        MediaTiming(Fraction(RATE), 0.0, 3.0, True) if os.fsdecode(path) == str(broken) else real_timing(path)))
    cut = timeline([(footage["wide"], 30, 10, 75), (broken, 0, 10, 75)], name="Damaged")
    report = render_screener(cut, tmp_path / "damaged.mp4")
    assert report.done == [str(tmp_path / "damaged.mp4")]
    assert [failure.path for failure in report.failed] == [str(broken)]
    reason = report.failed[0].reason
    assert "damaged take.mov" in reason and "MEDIA OFFLINE" in reason
    assert "Error passing" not in reason and "ffmpeg -i" not in reason
    assert "moov atom" in reason and "relink the clip" in reason
    assert report.data["offline"] == [str(broken)]
    assert number_on(frame_rgb(tmp_path / "damaged.mp4", 5, tmp_path)) == 35
