"""A cut's screener and contact sheet through the command line, on real ingested footage.

The cut is three transcript lines of two interviews (one a spanned AVCHD
take, whose second line crosses the seam between two .MTS files).  The
screener must have the cut's duration to the frame and carry the cut's own
subtitles, conformed, in Chinese or English, burnt into the picture where
and only where the cut has a line.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from docmanager.cuts.model import add_item, cut_json, new_cut
from docmanager.catalogue.ranges import add_marker
from docmanager.ingest.ingest import ingest
from docmanager.media.avchd_card import TakeSpec, write_card_detailed
from docmanager.media.ffmpeg import run_ffmpeg
from docmanager.media.generate import make_clip
from docmanager.media.probe import probe
from docmanager.project import Project
from docmanager.subtitles.export import cut_subtitle_lines
from docmanager.transcripts.store import import_transcript, transcript_json

BOTTOM_BAND = slice(560, 720)


def srt(path: Path, lines) -> Path:
    def ts(t: float) -> str:
        ms = round(t * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    path.write_text("".join(f"{i}\n{ts(a)} --> {ts(b)}\n{text}\n\n" for i, (a, b, text) in enumerate(lines, 1)),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def film(tmp_path_factory):
    root = tmp_path_factory.mktemp("deliver")
    _bdmv, takes = write_card_detailed(root / "CARD", [TakeSpec(seconds=4, files=2)])
    first = takes[0].files[0]
    seam = float(Fraction(first.out_time - first.in_time, 45000))
    make_clip(root / "media" / "wang.mp4", seconds=4, size=(640, 360))
    project = Project.create(root / "Film")
    report = ingest(project, [root / "CARD", root / "media"], posters=False)
    assert report.ok, report.failed
    take, mp4 = report.data["clips_added"]
    import_transcript(project, take, srt(root / "take.srt", [
        (0.2, 1.0, "我们早上六点出发。"), (seam - 0.5, seam + 0.7, "路上一直在下雨，孩子们都睡着了。")]), "zh")
    import_transcript(project, take, srt(root / "take.en.srt", [
        (0.2, 1.0, "We set off at six."), (seam - 0.5, seam + 0.7, "It rained all the way; the children slept.")]),
        "en", translation_of="zh")
    import_transcript(project, mp4, srt(root / "wang.srt", [(0.5, 1.6, "小雷今年十二岁。")]), "zh")
    import_transcript(project, mp4, srt(root / "wang.en.srt", [(0.5, 1.6, "Xiao Lei is twelve.")]), "en",
                      translation_of="zh")
    with project.session() as s:
        take_lines = [x["id"] for x in transcript_json(s, take, "zh")["segments"]]
        mp4_lines = [x["id"] for x in transcript_json(s, mp4, "zh")["segments"]]
    cut = new_cut(project, "Screener test", rate="25", handles_ms=400)  # handles: gaps between lines
    add_item(project, cut, segment_ids=[take_lines[1]])
    add_item(project, cut, segment_ids=[mp4_lines[0]])
    add_item(project, cut, segment_ids=[take_lines[0]])
    return {"root": root, "project": project, "cut": cut, "take": take, "mp4": mp4}


def frame_rgb(path: Path, index: int, tmp_path: Path) -> np.ndarray:
    raw = tmp_path / f"{path.stem}-{index}.rgb"
    run_ffmpeg(["-i", str(path), "-vf", f"select='eq(n,{index})'", "-frames:v", "1",
                "-fps_mode", "passthrough", "-pix_fmt", "rgb24", "-f", "rawvideo", str(raw)])
    return np.frombuffer(raw.read_bytes(), dtype=np.uint8).reshape(720, 1280, 3)


@pytest.fixture(scope="module")
def screeners(film, tmp_path_factory):
    from tests.conftest import run_cli_process

    out = tmp_path_factory.mktemp("screeners")
    results = {}
    for key, extra in {"plain": ["--mark", ""], "zh": ["--lang", "zh", "--mark", ""],
                       "en": ["--lang", "en", "--mark", ""]}.items():
        r = run_cli_process("--project", str(film["project"].root), "cut", "screener", str(film["cut"]),
                            str(out / f"{key}.mp4"), *extra, "--json")
        results[key] = r
    return results


@pytest.mark.slow
def test_screener_has_the_cut_duration_and_its_subtitles(film, screeners, tmp_path):
    project, cut_id = film["project"], film["cut"]
    with project.session() as s:
        cut = cut_json(s, cut_id)
        lines = {lang: cut_subtitle_lines(s, cut_id, lang) for lang in ("zh", "en")}
    for key, r in screeners.items():
        assert r.status == 0, r.out
        info = probe(r.json["path"])
        assert (info.width, info.height) == (1280, 720)
        assert abs(info.duration_s - cut["duration_frames"] / 25) <= 1 / 25 + 1e-6, key
        assert r.json["frames"] == cut["duration_frames"]
    assert screeners["zh"].json["subtitles"] == screeners["zh"].json["subtitle_lines"] == len(lines["zh"]) == 3
    assert screeners["plain"].json["subtitles"] == 0

    plain = Path(screeners["plain"].json["path"])
    for lang in ("zh", "en"):
        subtitled = Path(screeners[lang].json["path"])

        def changed(index: int) -> float:
            a = frame_rgb(subtitled, index, tmp_path)[BOTTOM_BAND].astype(int)
            b = frame_rgb(plain, index, tmp_path)[BOTTOM_BAND].astype(int)
            return float((np.abs(a - b).max(axis=2) > 40).mean())

        for line in lines[lang]:
            middle = (line.start_ms + line.end_ms) // 2 * 25 // 1000
            assert changed(middle) > 0.008, (lang, line.text)  # measured: 1.2 % for the shortest line
        # In the handles between the second and third item's lines there is no subtitle.
        assert lines[lang][2].start_ms - lines[lang][1].end_ms >= 560  # 0.4 s handle after one line, 0.2 s (clamped at the clip start) before the next
        gap = (lines[lang][1].end_ms + lines[lang][2].start_ms) // 2 * 25 // 1000
        assert changed(gap) < 0.002, lang


def test_contact_sheet_of_the_cut_markers(film, cli, tmp_path):
    project, cut_id = film["project"], film["cut"]
    r = cli("--project", str(project.root), "cut", "sheet", cut_id, tmp_path / "none.png", "--json")
    assert r.status == 0, r.out
    assert r.json["frames"] == 3 and r.json["notes"] == ["the cut has no markers: one frame per item"]
    add_marker(project, film["mp4"], at=1.0, note="小雷 smiles")
    r = cli("--project", str(project.root), "cut", "sheet", cut_id, tmp_path / "sheet.png", "--json")
    assert r.status == 0, r.out
    assert r.json["frames"] == 1 and r.json["written"] is True
    assert Image.open(tmp_path / "sheet.png").size[0] > 400


def test_screener_refuses_a_wrong_suffix(film, cli, tmp_path):
    r = cli("--project", str(film["project"].root), "cut", "screener", film["cut"], tmp_path / "x.avi", "--json")
    assert r.status == 2 and ".mp4" in r.json["error"]["message"]
