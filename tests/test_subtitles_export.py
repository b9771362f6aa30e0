"""Subtitles conformed to a cut: times through each item, cut at item edges, merged over edits."""
from __future__ import annotations

import os
from fractions import Fraction

import pysubs2
import pytest

from docmanager.cuts.model import add_item, cut_json, new_cut, trim_item
from docmanager.subtitles.export import (
    clip_subtitle_lines,
    cut_subtitle_lines,
    subtitle_languages,
    write_subtitles,
)
from docmanager.transcripts.store import import_transcript, transcript_json
from tests.factories import add_plain_clip
from tests.test_transcripts_cli import EN, ZH

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True

#: A second interview: five lines, the last two back to back.
ZH2 = """1
00:00:00,500 --> 00:00:02,250
王女士：那天下着雨。

2
00:00:02,250 --> 00:00:05,130
我在菜市场门口等他。

3
00:00:05,600 --> 00:00:08,000
他就不见了。
"""
EN2 = """1
00:00:00,500 --> 00:00:02,250
Ms Wang: It was raining that day.

2
00:00:02,250 --> 00:00:05,130
I waited for him outside the market.

3
00:00:05,600 --> 00:00:08,000
And then he was gone.
"""


def _interview(project, tmp_path, name, zh, en, rate=(25, 1)):
    clip = add_plain_clip(project, name, seconds=20, rate=rate)
    (tmp_path / f"{name}.zh.srt").write_text(zh, encoding="utf-8")
    (tmp_path / f"{name}.en.srt").write_text(en, encoding="utf-8")
    import_transcript(project, clip, tmp_path / f"{name}.zh.srt", "zh")
    import_transcript(project, clip, tmp_path / f"{name}.en.srt", "en", translation_of="zh")
    with project.session() as s:
        segs = transcript_json(s, clip, "zh")["segments"]
    return clip, segs


def _expected(cut, segments_by_clip, lang_key="translation"):
    """Lines computed from `cut show` and the transcript, independently of the exporter."""
    rate = Fraction(cut["rate"]) if "/" not in cut["rate"] else Fraction(*map(int, cut["rate"].split("/")))
    out = []
    for item in [i for i in cut["items"] if i["track"] == "V1"]:
        num, den = (map(int, item["clip_rate"].split("/")) if "/" in item["clip_rate"]
                    else (int(item["clip_rate"]), 1))
        c_rate = Fraction(num, den)
        s_in = Fraction(item["source_in_frames"]) / c_rate
        s_out = Fraction(item["source_out_frames"]) / c_rate
        r_in = Fraction(round(Fraction(str(item["record_in"])) * rate)) / rate
        for seg in segments_by_clip[item["clip_id"]]:
            start, end = Fraction(str(seg["start"])), Fraction(str(seg["end"]))
            if end <= s_in or start >= s_out:
                continue
            a = r_in + max(start, s_in) - s_in
            b = r_in + min(end, s_out) - s_in
            text = seg[lang_key]["text"] if lang_key else seg["text"]
            out.append((round(a * 1000), round(b * 1000), text))
    return out


@pytest.fixture
def three_segment_cut(project, tmp_path):
    a, a_segs = _interview(project, tmp_path, "liu", ZH, EN)
    b, b_segs = _interview(project, tmp_path, "wang", ZH2, EN2)
    cut = new_cut(project, "Assembly", rate="25")
    add_item(project, cut, segment_ids=[a_segs[1]["id"]])
    add_item(project, cut, segment_ids=[b_segs[0]["id"], b_segs[1]["id"]])
    add_item(project, cut, segment_ids=[a_segs[0]["id"]])
    return cut, {a: a_segs, b: b_segs}


def test_lines_follow_the_cut_to_the_millisecond(project, three_segment_cut):
    cut_id, segs = three_segment_cut
    with project.session() as s:
        cut = cut_json(s, cut_id)
        lines = cut_subtitle_lines(s, cut_id, "en")
        zh_lines = cut_subtitle_lines(s, cut_id, "zh")
    assert [(l.start_ms, l.end_ms, l.text) for l in lines] == _expected(cut, segs)
    assert [(l.start_ms, l.end_ms, l.text) for l in zh_lines] == _expected(cut, segs, lang_key=None)
    # In cut order: the police line first, then Ms Wang, then Liu Jinjun's first line (speaker names are not subtitled).
    assert lines[0].text.startswith("The police")
    assert lines[-1].text.startswith("My son")
    items = cut["items"]
    for line in lines:  # none outside an item
        assert any(round(i["record_in"] * 1000) <= line.start_ms < line.end_ms <= round(i["record_out"] * 1000)
                   for i in items)
    # Ranges snap outwards to whole frames (40 ms): a line starts within the first frame of its item.
    assert 0 <= lines[0].start_ms < 40 and lines[-1].end_ms <= round(cut["duration"] * 1000)


@pytest.mark.parametrize("suffix", [".srt", ".vtt", ".ass"])
def test_files_carry_the_same_times(project, three_segment_cut, tmp_path, suffix):
    cut_id, segs = three_segment_cut
    with project.session() as s:
        cut = cut_json(s, cut_id)
        lines = cut_subtitle_lines(s, cut_id, "en")
    out = write_subtitles(lines, tmp_path / f"cut{suffix}", lang="en")
    read = pysubs2.load(str(out), encoding="utf-8")
    assert [(e.start, e.end, e.plaintext) for e in read] == _expected(cut, segs)


def test_ass_names_a_chinese_font_and_bilingual_lines_stack(project, three_segment_cut, tmp_path):
    cut_id, _segs = three_segment_cut
    with project.session() as s:
        lines = cut_subtitle_lines(s, cut_id, "zh", second_lang="en")
    assert lines[0].text == "警察说他们会查DNA数据库。\nThe police said they would check the DNA database."
    out = write_subtitles(lines, tmp_path / "cut.ass", lang="zh", second_lang="en")
    subs = pysubs2.load(str(out))
    assert subs.styles["Default"].fontname == "Noto Sans CJK SC"
    assert subs[0].plaintext.split("\n") == ["警察说他们会查DNA数据库。",
                                             "The police said they would check the DNA database."]


def test_lines_are_cut_at_item_edges_and_merged_over_an_edit(project, tmp_path):
    clip, segs = _interview(project, tmp_path, "wang", ZH2, EN2)
    cut = new_cut(project, "Edges", rate="25")
    # 1.0–3.0 s then 3.0–6.0 s of the same clip: line 2 (2.25–5.13) runs over the edit.
    first = add_item(project, cut, clip_id=clip, in_s=1.0, out_s=3.0)
    add_item(project, cut, clip_id=clip, in_s=3.0, out_s=6.0)
    with project.session() as s:
        lines = cut_subtitle_lines(s, cut, "en")
    assert [(l.start_ms, l.end_ms) for l in lines] == [(0, 1250), (1250, 4130), (4600, 5000)]
    assert len(lines[1].item_ids) == 2
    # Trim the first item's out point: the speech now jumps at the edit, but the viewer still
    # sees one subtitle for the line rather than a flicker.
    trim_item(project, first, out_s=2.8)
    with project.session() as s:
        lines = cut_subtitle_lines(s, cut, "en")
    assert [(l.start_ms, l.end_ms) for l in lines] == [(0, 1250), (1250, 3930), (4400, 4800)]


def test_ntsc_rate_cut(project, tmp_path):
    clip, segs = _interview(project, tmp_path, "ntsc", ZH, EN, rate=(30000, 1001))
    cut = new_cut(project, "NTSC", rate="30000/1001")
    add_item(project, cut, segment_ids=[segs[2]["id"]])
    add_item(project, cut, segment_ids=[segs[0]["id"]])
    with project.session() as s:
        data = cut_json(s, cut)
        lines = cut_subtitle_lines(s, cut, "en")
    assert [(l.start_ms, l.end_ms, l.text) for l in lines] == _expected(data, {clip: segs})


def test_languages_and_per_clip_lines(project, three_segment_cut):
    cut_id, segs = three_segment_cut
    with project.session() as s:
        assert subtitle_languages(s, cut_id) == ["zh", "en"]
        clip_id = next(iter(segs))
        lines = clip_subtitle_lines(s, clip_id, "en")
    assert [(l.start_ms, l.end_ms) for l in lines] == [(1000, 4000), (4500, 7000), (7500, 9000)]


def test_unknown_suffix_is_refused(tmp_path):
    from docmanager.errors import RefusedError

    with pytest.raises(RefusedError, match=r"\.srt, \.vtt or \.ass"):
        write_subtitles([], tmp_path / "x.txt")


@pytest.mark.parametrize("suffix", [".srt", ".vtt", ".ass"])
def test_export_command(project, cli, three_segment_cut, tmp_path, suffix):
    cut_id, segs = three_segment_cut
    p = str(project.root)
    show = cli("--project", p, "cut", "show", cut_id, "--json").json
    out = tmp_path / f"x{suffix}"
    r = cli("--project", p, "subtitles", "export", cut_id, "--lang", "en", "--out", out, "--json")
    assert r.status == 0, r.out
    assert r.json["path"] == str(out) and r.json["lines"] == len(r.json["subtitles"])
    assert isinstance(r.json["qc"], list) and all(set(q) >= {"index", "problem"} for q in r.json["qc"])
    read = pysubs2.load(str(out), encoding="utf-8")
    assert [(e.start, e.end, e.plaintext) for e in read] == _expected(show, segs)
    # The first subtitle of each item starts at that item's record in plus the line's offset in it.
    for item in show["items"]:
        inside = [e for e in read if round(item["record_in"] * 1000) <= e.start < round(item["record_out"] * 1000)]
        assert inside, item
    per_clip = cli("--project", p, "subtitles", "export", next(iter(segs)), "--clip", "--lang", "zh", "--out",
                   tmp_path / f"clip{suffix}", "--json")
    assert per_clip.status == 0 and per_clip.json["lines"] == 3


def test_a_language_with_no_lines_is_refused_and_nothing_written(project, cli, three_segment_cut, tmp_path):
    cut_id, segs = three_segment_cut
    p = str(project.root)
    for args in ((cut_id,), (next(iter(segs)), "--clip")):
        out = tmp_path / "fr.srt"
        r = cli("--project", p, "subtitles", "export", *args, "--lang", "fr", "--out", out, "--json")
        assert r.status == 2, r.out
        message = r.json["error"]["message"]
        assert "no fr lines" in message and "zh" in message and "en" in message, message
        assert not out.exists()


@pytest.mark.parametrize("suffix", [".srt", ".vtt", ".ass"])
def test_written_files_have_the_usual_permissions(tmp_path, suffix):
    """Like every other written file: 0666 less the umask, so a subtitler on a shared drive can read them."""
    old = os.umask(0o022)
    try:
        out = write_subtitles([], tmp_path / f"x{suffix}", lang="en")
        assert out.stat().st_mode & 0o777 == 0o644
        os.umask(0o002)
        again = write_subtitles([], tmp_path / f"y{suffix}", lang="en")
        assert again.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


def test_an_output_path_that_cannot_be_written_is_refused_naming_it(project, cli, three_segment_cut, tmp_path):
    from docmanager.errors import RefusedError

    cut_id, _ = three_segment_cut
    p = str(project.root)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "zh.srt").write_text("already a file\n", encoding="utf-8")
    under_a_file = tmp_path / "out" / "zh.srt" / "x.srt"
    with pytest.raises(RefusedError, match="not a folder") as caught:
        write_subtitles([], under_a_file)
    assert caught.value.path == str(under_a_file)
    for out in (under_a_file, "/proc/x.srt"):
        r = cli("--project", p, "subtitles", "export", cut_id, "--lang", "en", "--out", out, "--json")
        assert r.status == 2, r.out
        error = r.json["error"]
        assert error["path"] == str(out) and "unexpected" not in error["message"], error
    assert sorted(os.listdir(tmp_path / "out")) == ["zh.srt"]  # nothing left beside it


def test_lines_left_untranslated_are_qc_findings_at_their_place(project, cli, tmp_path):
    # Ms Wang's interview with English for its first line only, on a cut after Liu's fully translated line.
    liu, liu_segs = _interview(project, tmp_path, "liu", ZH, EN)
    wang, wang_segs = _interview(project, tmp_path, "wang", ZH2, EN2.split("\n\n2\n")[0] + "\n")
    cut = new_cut(project, "Untranslated", rate="25")
    add_item(project, cut, segment_ids=[liu_segs[0]["id"]])
    add_item(project, cut, segment_ids=[s["id"] for s in wang_segs])
    p = str(project.root)
    r = cli("--project", p, "subtitles", "export", cut, "--lang", "en", "--out", tmp_path / "en.srt", "--json")
    assert r.status == 0, r.out
    zh = cli("--project", p, "subtitles", "export", cut, "--lang", "zh", "--out", tmp_path / "zh.srt",
             "--json").json["subtitles"]
    assert r.json["lines"] == 2 and len(zh) == 4
    missing = [q for q in r.json["qc"] if q["problem"] == "untranslated"]
    assert [q["index"] for q in missing] == [3, 3]  # after the two English lines, where the Chinese ones play
    start = zh[2]["start"]
    stamp = f"{int(start // 3600):02d}:{int(start // 60 % 60):02d}:{int(start % 60):02d},{round(start * 1000) % 1000:03d}"
    assert missing[0]["message"] == f"Chinese line 3 ({stamp}) has no English: 我在菜市场门口等他。"
    assert missing[1]["message"].startswith("Chinese line 4 (")
    # Per clip, and the Chinese subtitles themselves have nothing missing.
    per_clip = cli("--project", p, "subtitles", "export", wang, "--clip", "--lang", "en", "--out",
                   tmp_path / "clip.srt", "--json").json
    assert [(q["index"], q["message"][:16]) for q in per_clip["qc"] if q["problem"] == "untranslated"] == [
        (2, "Chinese line 2 ("), (2, "Chinese line 3 (")]
    assert not [q for q in cli("--project", p, "subtitles", "export", wang, "--clip", "--lang", "zh", "--out",
                               tmp_path / "clipzh.srt", "--json").json["qc"] if q["problem"] == "untranslated"]
    # A clip on the cut with no English at all is untranslated too.
    bare = add_plain_clip(project, "bare", seconds=20)
    (tmp_path / "bare.zh.srt").write_text(ZH2, encoding="utf-8")
    import_transcript(project, bare, tmp_path / "bare.zh.srt", "zh")
    with project.session() as s:
        bare_segs = transcript_json(s, bare, "zh")["segments"]
    add_item(project, cut, segment_ids=[bare_segs[2]["id"]])
    r = cli("--project", p, "subtitles", "export", cut, "--lang", "en", "--out", tmp_path / "en.srt", "--json")
    assert [q["message"][:16] for q in r.json["qc"] if q["problem"] == "untranslated"] == [
        "Chinese line 3 (", "Chinese line 4 (", "Chinese line 5 ("]
