"""Reading transcript files in the encodings and layouts a documentary crew meets, and importing them.

Every test writes real files into tmp_path and imports into a real project on disk.
"""
from __future__ import annotations

import pytest
from sqlalchemy import text

from docmanager.errors import MediaReadError, NotFoundError
from docmanager.project import Project
from docmanager.transcripts.align import align
from docmanager.transcripts.encoding import decode_text
from docmanager.transcripts.readers import RawSegment, TranscriptFormatError, read_file
from docmanager.transcripts.store import import_transcript, transcript_json
from tests.factories import add_plain_clip

LIU = "刘静军：我儿子是在太原丢的。"
POLICE = "警察说他们会查DNA数据库。"
SEARCH = "我们找了三年，每个城市都去过。"
TRAD = "劉靜軍說他的兒子在太原失蹤了"

ZH_SRT = f"""1
00:00:01,000 --> 00:00:03,200
{LIU}

2
00:00:03,500 --> 00:00:06,000
{POLICE}

3
00:00:06,500 --> 00:00:09,000
{SEARCH}
"""

EN_SRT = """1
00:00:01,000 --> 00:00:02,000
Liu Jingjun: My son was lost

2
00:00:02,050 --> 00:00:03,100
in Taiyuan.

3
00:00:03,600 --> 00:00:05,900
The police said they would check the DNA database.

4
00:00:06,600 --> 00:00:08,800
We searched for three years, in every city.
"""


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "P")
    p.user = "mei"
    yield p
    p.close()


@pytest.fixture
def clip(project):
    return add_plain_clip(project, "A001_liu", seconds=60)


def write(path, content, encoding="utf-8"):
    path.write_bytes(content.encode(encoding))
    return path


def counts(project):
    with project.session() as s:
        return {table: s.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                for table in ("transcripts", "segments", "segment_tags", "tags")}


# ---------------------------------------------------------------- encodings
def test_gbk_srt_imports_with_a_gb_encoding_and_chinese_intact(project, clip, tmp_path):
    path = write(tmp_path / "liu.srt", ZH_SRT, "gbk")
    result = import_transcript(project, clip, path, "zh")
    assert result.encoding == "gb18030"
    assert result.segments == 3 and result.format == "srt" and result.problems == []
    with project.session() as s:
        shown = transcript_json(s, clip)
    first, second = shown["segments"][:2]
    assert (first["speaker"], first["text"]) == ("刘静军", "我儿子是在太原丢的。")
    assert second["text"] == POLICE
    assert (first["start"], first["end"], first["lang"], first["translation"]) == (1.0, 3.2, "zh", None)
    assert result.to_json()["encoding"] == "gb18030"


def test_short_gbk_lines_are_not_mistaken_for_big5_or_korean(tmp_path):
    for line in (POLICE, "我儿子", "他妈妈每天都哭。", LIU):
        decoded = decode_text(line.encode("gbk"), tmp_path / "x.txt")
        assert (decoded.encoding, decoded.text) == ("gb18030", line)


def test_big5_traditional_text(project, clip, tmp_path):
    path = write(tmp_path / "liu_tw.txt", TRAD + "。\n警察說他們會查DNA資料庫。\n", "big5")
    read = read_file(path)
    assert read.encoding == "big5"
    assert [seg.text for seg in read.segments] == [TRAD + "。", "警察說他們會查DNA資料庫。"]
    assert decode_text(TRAD.encode("big5")).encoding == "big5"
    result = import_transcript(project, clip, path, "zh-Hant")
    assert (result.encoding, result.segments) == ("big5", 2)


def test_utf16_vtt_with_bom(tmp_path):
    vtt = ("WEBVTT\n\nNOTE exported by the subtitler\n\nintro\n00:00:01.000 --> 00:00:03.000 align:start\n"
           f"<v 刘静军>我儿子是在太原丢的。</v>\n\n00:03.500 --> 00:06.000\n{POLICE}\n")
    path = tmp_path / "liu.vtt"
    path.write_bytes(b"\xff\xfe" + vtt.encode("utf-16-le"))
    read = read_file(path)
    assert (read.encoding, read.format) == ("utf-16-le", "vtt")
    assert [(s.start_ms, s.end_ms, s.speaker, s.text) for s in read.segments] == [
        (1000, 3000, "刘静军", "我儿子是在太原丢的。"), (3500, 6000, None, POLICE)]
    assert read.segments[0].line == 5  # the cue identifier line


def test_utf16_without_bom(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path / f"liu-{codec}.srt", ZH_SRT, codec)
        read = read_file(path)
        assert read.encoding == codec
        assert read.segments[0].text == "我儿子是在太原丢的。"
        assert len(read.segments) == 3


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "liu.srt"
    path.write_bytes(b"\xef\xbb\xbf" + ZH_SRT.encode("utf-8"))
    read = read_file(path)
    assert read.encoding == "utf-8-sig"
    assert read.segments[0].line == 1 and read.segments[0].speaker == "刘静军"


def test_cp1252_english_keeps_its_accents(tmp_path):
    path = write(tmp_path / "en.txt", "He said “it’s fine” — café naïve\n", "cp1252")
    read = read_file(path)
    assert read.segments[0].text == "He said “it’s fine” — café naïve"


# ---------------------------------------------------------------- times reported, never fixed
def test_bad_times_are_reported_with_their_line_and_kept(project, clip, tmp_path):
    srt = ("1\n00:00:01,000 --> 00:00:03,000\n" + LIU + "\n\n"
           "2\n00:00:05,000 --> 00:00:04,000\n" + POLICE + "\n\n"          # reversed: line 5
           "3\n00:00:06,000 --> 00:00:06,000\n（哭）\n\n"                  # zero length: line 9
           "4\n00:00:07,000 --> 00:00:10,000\n" + SEARCH + "\n\n"
           "5\n00:00:09,000 --> 00:00:12,000\n他妈妈每天都哭。\n\n"          # overlaps line 13: line 17
           "6\n-00:00:01,000 --> 00:00:00,500\n[inaudible]\n")              # negative: line 21
    path = write(tmp_path / "bad.srt", srt, "gbk")
    result = import_transcript(project, clip, path, "zh")
    assert result.segments == 6  # nothing dropped
    kinds = {(p.line, p.kind) for p in result.problems}
    assert {(5, "reversed"), (9, "zero-length"), (17, "overlap"), (21, "negative")} <= kinds
    assert all(p.line != 1 for p in result.problems)
    overlap = next(p for p in result.problems if p.kind == "overlap")
    assert "line 13" in overlap.message
    with project.session() as s:
        segs = transcript_json(s, clip)["segments"]
    assert (segs[1]["start"], segs[1]["end"]) == (5.0, 4.0)  # as given, not swapped
    assert (segs[2]["text"], segs[2]["note"]) == ("", "（哭）")
    assert (segs[5]["start"], segs[5]["end"], segs[5]["note"]) == (-1.0, 0.5, "[inaudible]")


def test_malformed_srt_names_the_file_and_line(project, clip, tmp_path):
    path = write(tmp_path / "broken.srt", "1\n00:00:01,000 --> 00:00:03,000\n你好\n\n2\n00:00:0x,000 --> 00:00:05\n再见\n")
    with pytest.raises(TranscriptFormatError) as err:
        import_transcript(project, clip, path, "zh")
    assert err.value.line == 6 and err.value.path == str(path)
    assert "line 6" in str(err.value)


def test_unknown_binary_file_is_refused_and_nothing_changes(project, clip, tmp_path):
    before = counts(project)
    for name, data in (("clip.mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8),
                       ("notes.srt", bytes(range(256)) * 16),
                       ("scan.dat", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(MediaReadError) as err:
            import_transcript(project, clip, path, "zh")
        assert err.value.path == str(path)
        assert "not a text file" in err.value.message or "unsupported" in err.value.message
    assert counts(project) == before


def test_missing_clip_or_source_transcript_changes_nothing(project, clip, tmp_path):
    path = write(tmp_path / "en.srt", EN_SRT)
    with pytest.raises(NotFoundError):
        import_transcript(project, clip, path, "en", translation_of="zh")
    with pytest.raises(NotFoundError):
        import_transcript(project, 9999, path, "en")
    assert counts(project)["transcripts"] == 0


# ---------------------------------------------------------------- plain text and Word
def test_timed_txt_with_stamps_and_speakers(project, clip, tmp_path):
    txt = ("采访：刘静军，太原，2019年5月\n"
           "\n"
           "[00:01:02] 记者：你儿子什么时候丢的？\n"
           "[00:01:05.500] 刘静军：2009年。（哭）\n"
           "他妈妈每天都哭。\n"
           "01:20 Interviewer: And the police?\n"
           "[00:01:25]\n"
           "刘静军：\n"
           "他们说会查DNA数据库。\n")
    path = write(tmp_path / "liu.txt", txt, "gbk")
    read = read_file(path)
    assert read.encoding == "gb18030" and read.format == "txt"
    rows = [(s.line, s.start_ms, s.end_ms, s.speaker, s.text, s.note) for s in read.segments]
    assert rows == [
        (1, None, None, "采访", "刘静军，太原，2019年5月", None),
        (3, 62000, 65500, "记者", "你儿子什么时候丢的？", None),
        (4, 65500, 80000, "刘静军", "2009年。\n他妈妈每天都哭。", "（哭）"),
        (6, 80000, 85000, "Interviewer", "And the police?", None),
        (7, 85000, None, "刘静军", "他们说会查DNA数据库。", None),  # the last line has no end
    ]
    assert read.segments[1].end_derived and not read.segments[4].end_derived
    assert [(p.line, p.kind) for p in read.problems] == [(1, "untimed")]
    result = import_transcript(project, clip, path, "zh")
    assert result.segments == 5


def test_untimed_txt_paragraphs(tmp_path):
    txt = ("记者：你儿子什么时候丢的？\n\n"
           "刘静军：2009年，在太原。\n那天下着雨，我们在火车站。\n\n"
           "【音乐】\n\n"
           "他说：我们会找到他。\n")
    read = read_file(write(tmp_path / "untimed.txt", txt))
    rows = [(s.start_ms, s.speaker, s.text, s.note) for s in read.segments]
    assert rows == [
        (None, "记者", "你儿子什么时候丢的？", None),
        (None, "刘静军", "2009年，在太原。\n那天下着雨，我们在火车站。", None),
        (None, None, "", "【音乐】"),
        (None, None, "他说：我们会找到他。", None),  # a quotation, not a speaker label
    ]
    assert read.problems == []
    one_per_line = read_file(write(tmp_path / "lines.txt", "Q: When?\nA: In 2009.\nIt was raining.\n"))
    assert [(s.speaker, s.text) for s in one_per_line.segments] == [
        ("Q", "When?"), ("A", "In 2009."), (None, "It was raining.")]


def test_docx_with_speakers_and_crying_notes(project, clip, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("刘静军：我儿子是在太原丢的。（哭）")
    document.add_paragraph("")
    document.add_paragraph("记者：警察怎么说？")
    document.add_paragraph("刘静军：他们说会查DNA数据库。（停顿）我们等了三年。")
    path = tmp_path / "liu.docx"
    document.save(path)
    read = read_file(path)
    assert (read.format, read.unit) == ("docx", "paragraph")
    assert [(s.line, s.speaker, s.text, s.note) for s in read.segments] == [
        (1, "刘静军", "我儿子是在太原丢的。", "（哭）"),
        (3, "记者", "警察怎么说？", None),
        (4, "刘静军", "他们说会查DNA数据库。我们等了三年。", "（停顿）"),
    ]
    timed = docx.Document()
    timed.add_paragraph("[00:00:01] 刘静军：我儿子是在太原丢的。")
    table = timed.add_table(rows=1, cols=3)
    for cell, value in zip(table.rows[0].cells, ("00:00:04", "记者", "警察怎么说？")):
        cell.text = value
    timed.save(tmp_path / "timed.docx")
    rows = [(s.start_ms, s.end_ms, s.speaker, s.text) for s in read_file(tmp_path / "timed.docx").segments]
    assert rows == [(1000, 4000, "刘静军", "我儿子是在太原丢的。"), (4000, None, "记者", "警察怎么说？")]
    result = import_transcript(project, clip, path, "zh")
    assert (result.format, result.segments) == ("docx", 3)


def test_ass_override_tags_are_stripped(tmp_path):
    ass = """[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Noto Sans CJK SC,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:03.00,Default,刘静军,0,0,0,,{\\an8}{\\c&H00FFFF&}我儿子是在{\\b1}太原{\\b0}丢的。
Comment: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,timing check
Dialogue: 0,0:00:03.50,0:00:06.00,Default,,0,0,0,,{\\i1}警察说{\\i0}他们会查\\NDNA数据库。
"""
    read = read_file(write(tmp_path / "liu.ass", ass, "gbk"))
    assert read.encoding == "gb18030"
    assert [(s.line, s.start_ms, s.end_ms, s.speaker, s.text) for s in read.segments] == [
        (10, 1000, 3000, "刘静军", "我儿子是在太原丢的。"),
        (12, 3500, 6000, None, "警察说他们会查\nDNA数据库。"),
    ]


# ---------------------------------------------------------------- translations
def test_english_srt_pairs_each_chinese_line_by_time(project, clip, tmp_path):
    import_transcript(project, clip, write(tmp_path / "zh.srt", ZH_SRT, "gbk"), "zh")
    result = import_transcript(project, clip, write(tmp_path / "en.srt", EN_SRT), "en", translation_of="zh")
    assert (result.alignment, result.kind, result.unaligned) == ("time", "translation", [])
    assert result.segments == 3  # "My son was lost" + "in Taiyuan." merged for the one Chinese line
    with project.session() as s:
        shown = transcript_json(s, clip)
        english = transcript_json(s, clip, "en")
    pairs = [(seg["text"], seg["translation"]["text"], seg["translation"]["lang"]) for seg in shown["segments"]]
    assert pairs == [
        ("我儿子是在太原丢的。", "My son was lost in Taiyuan.", "en"),
        (POLICE, "The police said they would check the DNA database.", "en"),
        (SEARCH, "We searched for three years, in every city.", "en"),
    ]
    first = english["segments"][0]
    assert (first["speaker"], first["start"], first["end"]) == ("Liu Jingjun", 1.0, 3.1)
    assert first["translates_id"] == shown["segments"][0]["id"]
    assert first["translation"] == {"id": shown["segments"][0]["id"], "text": "我儿子是在太原丢的。", "lang": "zh"}


def test_a_chinese_line_without_english_and_a_stray_english_line_are_reported(project, clip, tmp_path):
    import_transcript(project, clip, write(tmp_path / "zh.srt", ZH_SRT), "zh")
    en = EN_SRT.split("\n\n4\n")[0] + "\n\n4\n00:00:30,000 --> 00:00:31,000\nTrailing words.\n"
    result = import_transcript(project, clip, write(tmp_path / "en.srt", en), "en", translation_of="zh")
    report = {(u.side, u.line, u.start_ms) for u in result.unaligned}
    assert report == {("transcript", 3, 6500), ("translation", 13, 30000)}
    with project.session() as s:
        shown = transcript_json(s, clip)["segments"]
        english = transcript_json(s, clip, "en")["segments"]
    assert shown[2]["translation"] is None
    assert english[-1]["text"] == "Trailing words." and english[-1]["translates_id"] is None


def test_untimed_translation_by_order_with_a_count_mismatch(project, clip, tmp_path):
    import_transcript(project, clip, write(tmp_path / "zh.txt", f"{LIU}\n{POLICE}\n{SEARCH}\n"), "zh")
    en = "Liu Jingjun: My son was lost in Taiyuan.\nThe police said they would check the DNA database.\n"
    result = import_transcript(project, clip, write(tmp_path / "en.txt", en), "en", translation_of="zh")
    assert result.alignment == "order"
    assert [(u.side, u.line) for u in result.unaligned] == [("transcript", 3)]
    assert "3 lines" in result.unaligned[0].reason and "2" in result.unaligned[0].reason
    with project.session() as s:
        shown = transcript_json(s, clip)["segments"]
    assert [seg["translation"]["text"] if seg["translation"] else None for seg in shown] == [
        "My son was lost in Taiyuan.", "The police said they would check the DNA database.", None]


def test_align_reports_extra_translation_lines_by_order():
    zh = [RawSegment(None, None, t, line=n) for n, t in ((1, "一"), (2, "二"))]
    en = [RawSegment(None, None, t, line=n) for n, t in ((1, "one"), (2, "two"), (3, "three"))]
    result = align(zh, en)
    assert result.pairs == [(0, 0), (1, 1)]
    assert [(u.side, u.line) for u in result.unaligned] == [("translation", 3)]


# ---------------------------------------------------------------- a translator's real files
REPORTED = ["我就问他：你看到我儿子没有？", "他妈妈哭着喊：小明！", "警察的原话是：回家等消息。"]


def srt_of(lines, start=1, step=3):
    return "".join(f"{i}\n00:00:{start + (i - 1) * step:02d},000 --> 00:00:{start + (i - 1) * step + 2:02d},000\n"
                   f"{line}\n\n" for i, line in enumerate(lines, 1))


def test_reported_speech_before_a_colon_keeps_its_words(project, clip, tmp_path):
    read = read_file(write(tmp_path / "quotes.srt", srt_of(REPORTED)))
    assert [(s.speaker, s.text) for s in read.segments] == [(None, line) for line in REPORTED]
    import_transcript(project, clip, tmp_path / "quotes.srt", "zh")
    with project.session() as s:
        assert [seg["text"] for seg in transcript_json(s, clip)["segments"]] == REPORTED
    # The same lines inside a transcript whose speakers are labelled: the labels are read, the quotes kept whole.
    lines = ["记者：那天发生了什么？", "刘静军（父亲）：我去了火车站。", REPORTED[0], "记者：他怎么说？",
             "刘静军（父亲）：他说没看到。", REPORTED[1], REPORTED[2]]
    read = read_file(write(tmp_path / "labelled.srt", srt_of(lines)))
    assert [(s.speaker, s.text) for s in read.segments] == [
        ("记者", "那天发生了什么？"), ("刘静军（父亲）", "我去了火车站。"), (None, REPORTED[0]),
        ("记者", "他怎么说？"), ("刘静军（父亲）", "他说没看到。"), (None, REPORTED[1]), (None, REPORTED[2])]
    # Untimed text: the same rule, paragraph by paragraph.
    txt = "\n\n".join(["父亲：我去了火车站。", "父亲：没有人。", *REPORTED, "Reporter: And then?", "LIU: Nothing."])
    read = read_file(write(tmp_path / "untimed.txt", txt))
    assert [(s.speaker, s.text) for s in read.segments] == [
        ("父亲", "我去了火车站。"), ("父亲", "没有人。"), *[(None, line) for line in REPORTED],
        ("Reporter", "And then?"), ("LIU", "Nothing.")]


def test_a_file_of_an_unknown_type_is_refused_and_the_transcript_kept(project, clip, tmp_path):
    import_transcript(project, clip, write(tmp_path / "liu.srt", ZH_SRT), "zh")
    before = counts(project)
    for name in ("notes.pdf", "notes.doc", "notes"):
        path = write(tmp_path / name, "x")
        with pytest.raises(MediaReadError) as err:
            import_transcript(project, clip, path, "zh")
        assert err.value.path == str(path)
        for accepted in (".srt", ".vtt", ".ass", ".ssa", ".txt", ".docx"):
            assert accepted in err.value.message
    assert counts(project) == before
    with project.session() as s:
        assert len(transcript_json(s, clip)["segments"]) == 3


def test_a_cut_off_last_cue_is_reported_with_its_line(project, clip, tmp_path):
    body = srt_of(["你好。", "再见。", "谢谢。"])
    for tail, line in (("4\n00:00:15,000 -", 13), ("4\n00:00:15,000 --> 00:00:1", 13), ("4\n", 13),
                       ("4\n00:00:15,000 --> 00:00:17,000\n", 13)):
        read = read_file(write(tmp_path / "cut.srt", body + tail))
        assert [s.text for s in read.segments][:3] == ["你好。", "再见。", "谢谢。"]
        assert [p.line for p in read.problems] == [line], tail
        assert "cut off" in read.problems[0].message and read.problems[0].kind == "truncated"
    result = import_transcript(project, clip, write(tmp_path / "cut.srt", body + "4\n00:00:15,000 -"), "zh")
    assert result.segments == 3
    assert [(p["line"], p["kind"]) for p in result.to_json()["problems"]] == [(13, "truncated")]


def test_a_file_cut_inside_a_character_is_read_up_to_the_damage(project, clip, tmp_path):
    text = srt_of(["我儿子是在太原丢的。", "我们找了三年，每个城市都去过"]).rstrip("\n")
    for codec, cut, encoding in (("utf-8", 1, "utf-8"), ("utf-8", 2, "utf-8"), ("gbk", 1, "gb18030")):
        path = tmp_path / f"cut-{codec}-{cut}.srt"
        path.write_bytes(text.encode(codec)[:-cut])
        read = read_file(path)
        assert read.encoding == encoding
        assert [s.text for s in read.segments] == ["我儿子是在太原丢的。", "我们找了三年，每个城市都去"]
        assert [p.kind for p in read.problems] == ["truncated"]
        assert "damaged" in read.problems[0].message and read.problems[0].line == 7
    result = import_transcript(project, clip, tmp_path / "cut-gbk-1.srt", "zh")
    assert result.segments == 2 and [p.kind for p in result.problems] == ["truncated"]


def test_lines_after_the_end_of_the_clip_are_reported(project, clip, tmp_path):
    late = "1\n00:00:01,000 --> 00:00:03,000\n你好。\n\n2\n00:01:40,000 --> 00:01:50,000\n再见。\n"
    result = import_transcript(project, clip, write(tmp_path / "late.srt", late), "zh")
    assert result.segments == 2  # kept as given
    assert [(p.line, p.kind, p.message) for p in result.problems] == [
        (5, "past-end", "1 line starts after the clip ends (60.0 s): is this the right file?")]
    many = "".join(f"{i}\n{i * 2 // 3600:02d}:{i * 2 // 60 % 60:02d}:{i * 2 % 60:02d},000 --> "
                   f"{i * 2 // 3600:02d}:{i * 2 // 60 % 60:02d}:{i * 2 % 60:02d},900\n第{i}句。\n\n"
                   for i in range(1, 601))
    result = import_transcript(project, clip, write(tmp_path / "other.srt", many), "zh")
    past = [p for p in result.problems if p.kind == "past-end"]
    assert [p.message for p in past] == ["571 lines start after the clip ends (60.0 s): is this the right file?"]
    fits = import_transcript(project, clip, write(tmp_path / "liu.srt", ZH_SRT), "zh")
    assert fits.problems == []


def test_docx_table_header_row_is_not_a_line(tmp_path):
    import docx

    for header in (("时间", "说话人", "内容"), ("Time", "Speaker", "Text")):
        document = docx.Document()
        table = document.add_table(rows=3, cols=3)
        for row, values in zip(table.rows, (header, ("00:00:01", "刘静军", "我儿子是在太原丢的。"),
                                            ("00:00:04", "记者", "警察怎么说？"))):
            for cell, value in zip(row.cells, values):
                cell.text = value
        document.save(tmp_path / "table.docx")
        read = read_file(tmp_path / "table.docx")
        assert [(s.line, s.start_ms, s.speaker, s.text) for s in read.segments] == [
            (2, 1000, "刘静军", "我儿子是在太原丢的。"), (3, 4000, "记者", "警察怎么说？")]
        assert read.problems == []
