"""Frame-exact stills and contact sheets from real generated footage.

The clips carry their frame numbers in a machine-readable band (see
``docmanager.media.generate``), so each test reads back which frame a still
or a contact-sheet cell shows.  The .MTS clip is 1080i-style interlaced
AVCHD (MBAFF H.264 in a BDAV stream), where ffmpeg's input seek lands late.
"""
from __future__ import annotations

import math
import os

import pytest
from PIL import Image

from docmanager.cuts import stills
from docmanager.cuts.stills import (
    FontNotFoundError,
    StillEntry,
    contact_sheet,
    export_still,
    find_cjk_font,
    media_timing,
    sheet_layout,
    wrap_text,
)
from docmanager.errors import MediaReadError, RefusedError
from docmanager.jobs import Report
from docmanager.media.generate import decode_frame_number, make_clip

RATE = 25


@pytest.fixture(scope="module")
def footage(tmp_path_factory):
    """A progressive MP4 (4 s) and an interlaced AVCHD .MTS (6 s), 25 fps, numbered frames."""
    folder = tmp_path_factory.mktemp("stills-footage")
    mp4 = make_clip(folder / "Interview 采访.mp4", seconds=4, size=(640, 360), pattern="gradients")
    mts = make_clip(folder / "00012.MTS", seconds=6, size=(640, 360), interlaced=True, pattern="gradients")
    return {"mp4": mp4, "mts": mts}


def frame_number(image_path) -> int:
    with Image.open(image_path) as image:
        gray = image.convert("L")
        number = decode_frame_number(gray.tobytes(), *gray.size)
    assert number is not None, f"no frame number band in {image_path}"
    return number


# --------------------------------------------------------------------------- text and fonts


def test_cjk_font_is_the_simplified_chinese_face():
    font = find_cjk_font("zh")
    assert font.path.is_file()
    assert "CJK SC" in font.family or "SC" in font.family.split()
    # Real glyphs: two different characters do not draw the same box.
    face = font.truetype(32)
    assert bytes(face.getmask("中")) != bytes(face.getmask("国"))
    assert find_cjk_font("zh-TW").family != font.family or "TC" in find_cjk_font("zh-TW").family


def test_missing_cjk_font_says_what_to_install(monkeypatch):
    find_cjk_font.cache_clear()
    monkeypatch.setattr(stills, "KNOWN_FONT_FILES", ())
    monkeypatch.setattr(stills.shutil, "which", lambda name: None)
    try:
        with pytest.raises(FontNotFoundError, match="fonts-noto-cjk"):
            find_cjk_font("zh")
    finally:
        find_cjk_font.cache_clear()


def test_wrap_text_breaks_chinese_between_characters_never_before_punctuation():
    measure = lambda text: 10.0 * len(text)  # noqa: E731 - one unit per character
    lines = wrap_text("我们在太原火车站等了三个小时，他终于来了。", measure, 150)
    assert "".join(lines) == "我们在太原火车站等了三个小时，他终于来了。"
    assert all(measure(line) <= 150 for line in lines)
    assert not any(line[0] in "，。" for line in lines)


def test_wrap_text_breaks_english_at_spaces_and_balances():
    measure = lambda text: 10.0 * len(text)  # noqa: E731
    text = "We waited three hours at the station before he arrived."
    greedy = wrap_text(text, measure, 400)
    balanced = wrap_text(text, measure, 400, balance=True)
    assert " ".join(greedy) == text and " ".join(balanced) == text
    assert len(balanced) == len(greedy) == 2
    assert abs(len(balanced[0]) - len(balanced[1])) < abs(len(greedy[0]) - len(greedy[1]))
    assert wrap_text("line one\nline two", measure, 1000) == ["line one", "line two"]


# --------------------------------------------------------------------------- stills


@pytest.mark.slow
@pytest.mark.parametrize("at_seconds", [0.0, 0.04, 1.0, 1.0199, 2.36, 3.96])
def test_export_still_mp4_is_the_exact_frame(footage, tmp_path, at_seconds):
    still = export_still(footage["mp4"], at_seconds, tmp_path / "still.png")
    assert still == tmp_path / "still.png"
    assert frame_number(still) == math.floor(at_seconds * RATE + 1e-9)
    with Image.open(still) as image:
        assert image.size == (640, 360) and image.format == "PNG"
    assert [p.name for p in tmp_path.iterdir()] == ["still.png"]  # no temporary file left


@pytest.mark.slow
@pytest.mark.parametrize("at_seconds", [0.0, 1.0, 2.36, 3.96, 4.5, 5.96])
def test_export_still_mts_is_the_exact_frame(footage, tmp_path, at_seconds):
    # From 3 s on the decode starts after an input seek (STREAM_PREROLL_S early).
    still = export_still(footage["mts"], at_seconds, tmp_path / "still.jpg", interlaced=True, width=320)
    assert frame_number(still) == math.floor(at_seconds * RATE + 1e-9)
    with Image.open(still) as image:
        assert image.size == (320, 180) and image.format == "JPEG"


@pytest.mark.slow
def test_export_still_mts_recovers_from_a_late_seek(footage, tmp_path, monkeypatch):
    # Without pre-roll ffmpeg's seek in a transport stream lands after the
    # wanted frame; the select then finds nothing and the file is decoded
    # from its start instead of returning a wrong frame.
    monkeypatch.setattr(stills, "STREAM_PREROLL_S", 0.0)
    for at_seconds in (3.0, 4.5):
        still = export_still(footage["mts"], at_seconds, tmp_path / "late.png", interlaced=True)
        assert frame_number(still) == round(at_seconds * RATE)


def test_media_timing_reads_rate_scan_and_offset(footage):
    mts = media_timing(footage["mts"])
    assert mts.rate == RATE and mts.scan == "interlaced" and mts.has_audio
    assert 0.0 <= mts.video_offset_s < 0.5 / RATE
    mp4 = media_timing(footage["mp4"])
    assert mp4.rate == RATE and mp4.scan == "progressive" and mp4.video_offset_s == 0.0


@pytest.mark.slow
def test_export_still_errors_name_the_file(footage, tmp_path):
    missing = tmp_path / "gone.MTS"
    with pytest.raises(MediaReadError) as raised:
        export_still(missing, 1.0, tmp_path / "x.png")
    assert raised.value.path == str(missing)
    with pytest.raises(MediaReadError, match="no frame 125") as raised:
        export_still(footage["mp4"], 5.0, tmp_path / "x.png")
    assert raised.value.path == str(footage["mp4"])
    with pytest.raises(RefusedError):
        export_still(footage["mp4"], 1.0, tmp_path / "x.gif")
    assert not any(tmp_path.glob("*.png")) and not any(tmp_path.glob(".*"))


# --------------------------------------------------------------------------- contact sheets


@pytest.mark.slow
def test_contact_sheet_grid_frames_and_chinese_labels(footage, tmp_path):
    entries = [
        StillEntry(footage["mp4"], 0.4, "采访刘静军"),
        StillEntry(footage["mp4"], 2.0, "工厂的工人"),
        StillEntry(footage["mts"], 1.2, "00:00:01:05  00012.MTS\nmarker: 说到工厂", True),
        StillEntry(footage["mts"], 4.8, "00:00:04:20  00012.MTS", True),
        StillEntry(tmp_path / "offline.MTS", 1.0, "offline clip"),
    ]
    report = Report("Contact sheet")
    calls = []
    out = contact_sheet(entries, tmp_path / "sheet.png", columns=2, thumb_width=320,
                        title="Rough cut 3 — 粗剪 markers", report=report,
                        progress=lambda done, total, message: calls.append((done, total)))
    layout = sheet_layout(len(entries), columns=2, thumb_width=320, label_lines=2, title_lines=1)
    assert (layout.columns, layout.rows) == (2, 3)
    with Image.open(out) as opened:
        sheet = opened.convert("RGB")
    assert sheet.size == layout.size
    assert sheet.size[0] == 2 * stills.SHEET_MARGIN + 2 * 320 + stills.SHEET_GAP

    # Every cell shows its exact frame.
    for i, expected in enumerate([10, 50, 30, 120]):
        cell = sheet.crop(layout.frame_box(i)).convert("L")
        assert decode_frame_number(cell.tobytes(), *cell.size) == expected, i

    # The offline cell is a dark box, and the report names the file.
    offline = sheet.crop(layout.frame_box(4)).convert("L")
    assert sum(offline.getdata()) / (offline.width * offline.height) < 60
    assert [failure.path for failure in report.failed] == [str(tmp_path / "offline.MTS")]

    # Chinese labels are drawn as glyphs, not as missing-glyph boxes: the two
    # five-character labels hold ink, and would be identical rows of boxes
    # if the font had no Chinese.
    def label(i: int) -> bytes:
        x, y = layout.label_origin(i)
        return sheet.crop((x, y, x + 320, y + layout.label_height)).convert("L").tobytes()

    first, second = label(0), label(1)
    assert min(first) < 100 and min(second) < 100
    assert first != second
    assert calls[-1] == (5, 5)
    assert not any(tmp_path.glob(".*"))


@pytest.mark.slow
def test_contact_sheet_cancel_writes_nothing(footage, tmp_path):
    from docmanager.jobs import Cancelled

    entries = [StillEntry(footage["mp4"], 1.0, "a"), StillEntry(footage["mp4"], 2.0, "b")]
    with pytest.raises(Cancelled):
        contact_sheet(entries, tmp_path / "sheet.jpg", cancel=lambda: True)
    assert os.listdir(tmp_path) == []
