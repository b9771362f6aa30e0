"""moviepy's readers on files whose ffmpeg description moviepy cannot parse by itself."""
from __future__ import annotations

import numpy as np
import pytest

from docmanager.errors import MediaReadError
from docmanager.media.ffmpeg import run_ffmpeg
from docmanager.media.generate import make_clip
from docmanager.media.moviepy_readers import (
    SoundFileClip,
    VideoReader,
    media_infos,
    parse_description,
    tidy_description,
)

#: What the bundled ffmpeg prints for a camera MOV with a timecode track (shortened).
CAMERA_MOV = """\
Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'C0001.MOV':
  Metadata:
    major_brand     : qt
  Duration: 00:00:02.00, start: 0.000000, bitrate: 831 kb/s
  Stream group #0:0[0x3]: Track Reference:
    Stream #0:0[0x1]: Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 1920x1080 [SAR 1:1 DAR 16:9], 689 kb/s, 29.97 fps, 29.97 tbr, 30k tbn (default)
      Metadata:
        handler_name    : VideoHandler
        timecode        : 10:00:00:00
      Side data:
        displaymatrix: rotation of -0.00 degrees
    Stream #0:2[0x3](eng): Data: none (tmcd / 0x64636D74), 0 kb/s
      Metadata:
        timecode        : 10:00:00:00
  Stream group #0:1[0x4]: Tile Grid:
    Tiles: 2
      Tile 0
    Stream #0:4: Video: hevc, yuv420p, 512x512, 1 fps (default)
  Stream #0:1[0x2](eng): Audio: pcm_s24le (in24 / 0x34326E69), 48000 Hz, stereo, s32 (24 bit), 2304 kb/s (default)
    Metadata:
      handler_name    : SoundHandler
  Stream #0:3: Subtitle: eia_608 (c608 / 0x38303663), 1920x1080, 0 kb/s
    Metadata:
      handler_name    : ClosedCaptionHandler
At least one output file must be specified
"""


def test_stream_groups_are_flattened_into_their_streams():
    tidy = tidy_description(CAMERA_MOV).splitlines()
    assert not [line for line in tidy if "Stream group" in line or "Tile" in line or "Subtitle" in line]
    assert [line for line in tidy if line.lstrip().startswith("Stream #")] == [
        line[2:] if line.startswith("    Stream") else line
        for line in CAMERA_MOV.splitlines() if "Stream #" in line and "Subtitle" not in line and "group" not in line]
    assert "    Metadata:" in tidy and "      timecode        : 10:00:00:00" in tidy
    assert "ClosedCaptionHandler" not in "\n".join(tidy)


def test_a_camera_mov_description_is_parsed():
    infos = parse_description(CAMERA_MOV, "C0001.MOV")
    assert infos["video_found"] and infos["audio_found"]
    assert infos["video_size"] == [1920, 1080] and infos["video_fps"] == pytest.approx(30000 / 1001)
    assert infos["duration"] == 2.0 and infos["audio_fps"] == 48000


def test_lines_the_parser_cannot_follow_leave_the_essentials():
    # A continuation line before any field: moviepy's parser fails on it.
    odd = CAMERA_MOV.replace("    major_brand     : qt\n", "    no field here\n    : continued\n")
    infos = parse_description(odd, "C0001.MOV")
    assert infos["video_size"] == [1920, 1080] and infos["audio_found"]


@pytest.fixture(scope="module")
def camera_mov(tmp_path_factory):
    folder = tmp_path_factory.mktemp("moviepy-readers")
    source = make_clip(folder / "source.mp4", seconds=2, size=(320, 180))
    camera = folder / "C0001 timecode.MOV"
    run_ffmpeg(["-i", str(source), "-map", "0", "-c", "copy", "-timecode", "10:00:00:00", str(camera)])
    return camera


def test_a_mov_with_a_timecode_track_is_read(camera_mov):
    infos = media_infos(camera_mov)
    assert infos["video_size"] == [320, 180] and infos["video_fps"] == 25 and infos["duration"] == 2.0
    reader = VideoReader(camera_mov, target_resolution=(160, 90))
    try:
        frame = reader.get_frame(1.0)
        assert frame.shape == (90, 160, 3) and frame.mean() > 20
    finally:
        reader.close()
    sound = SoundFileClip(camera_mov, fps=48000)
    try:
        assert sound.duration == 2.0
        assert np.abs(sound.get_frame(np.linspace(0.5, 1.0, 200))).mean() > 0.05
    finally:
        sound.close()


@pytest.mark.parametrize("name, content, words", [
    ("broken take.mov", b"\0\0\0\x08wide" + bytes(range(256)) * 8, "moov atom"),
    ("broken take.mts", b"Not a video at all.\n" * 50, "does not recognise it"),
])
def test_an_unreadable_file_is_named_with_the_cause_and_what_to_do(tmp_path, name, content, words):
    broken = tmp_path / name
    broken.write_bytes(content)
    for read in (media_infos, VideoReader, lambda path: SoundFileClip(path, fps=48000)):
        with pytest.raises(MediaReadError) as caught:
            read(broken)
        assert caught.value.path == str(broken)
        assert words in caught.value.message and "relink the clip" in caught.value.message
        assert "ffmpeg -i" not in caught.value.message


def test_missing_files_folders_and_silent_files(tmp_path):
    with pytest.raises(MediaReadError, match="missing"):
        media_infos(tmp_path / "gone.mov")
    with pytest.raises(MediaReadError, match="folder"):
        media_infos(tmp_path)
    silent = make_clip(tmp_path / "silent.mp4", seconds=1, size=(160, 90), audio=False)
    with pytest.raises(MediaReadError, match="no sound"):
        SoundFileClip(silent)
