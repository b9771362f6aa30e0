"""Transcripts through the command line: GBK import, translation pairing, tags, glossary check."""
from __future__ import annotations

import pytest

from tests.factories import add_plain_clip

ZH = """1
00:00:01,000 --> 00:00:04,000
刘静军：我儿子是在太原火车站丢的。

2
00:00:04,500 --> 00:00:07,000
警察说他们会查DNA数据库。

3
00:00:07,500 --> 00:00:09,000
（哭）我们找了十二年。
"""

EN = """1
00:00:01,000 --> 00:00:04,000
Liu Jinjun: My son was lost at Taiyuan railway station.

2
00:00:04,500 --> 00:00:07,000
The police said they would check the DNA database.

3
00:00:07,500 --> 00:00:09,000
We have been searching for twelve years.
"""


@pytest.fixture
def interview(project, cli, tmp_path):
    clip = add_plain_clip(project, "interview")
    p = str(project.root)
    assert cli("--project", p, "subject", "add", "Liu Jingjun", "--zh", "刘静军", "--pinyin", "liu jingjun").status == 0
    assert cli("--project", p, "clip", "set", clip, "--subject", "Liu Jingjun").status == 0
    (tmp_path / "zh.srt").write_bytes(ZH.encode("gbk"))
    (tmp_path / "en.srt").write_text(EN, encoding="utf-8")
    return p, clip, tmp_path


def test_gbk_import_translation_pairing_and_tags(interview, cli):
    p, clip, files = interview
    r = cli("--project", p, "transcript", "import", clip, files / "zh.srt", "--lang", "zh", "--json")
    assert r.status == 0, r.out
    assert r.json["segments"] == 3 and r.json["encoding"] in ("gb18030", "gbk", "gb2312")
    r = cli("--project", p, "transcript", "import", clip, files / "en.srt", "--lang", "en",
            "--translation-of", "zh", "--json")
    assert r.status == 0, r.out
    show = cli("--project", p, "transcript", "show", clip, "--json").json
    segs = show["segments"]
    assert [s["text"] for s in segs] == ["我儿子是在太原火车站丢的。", "警察说他们会查DNA数据库。", "我们找了十二年。"]
    assert segs[0]["speaker"] == "刘静军" and segs[0]["start"] == 1.0 and segs[0]["end"] == 4.0
    assert [s["translation"]["text"] for s in segs][1] == "The police said they would check the DNA database."
    assert all(s["translation"]["lang"] == "en" for s in segs)
    r = cli("--project", p, "segment", "tag", segs[1]["id"], "police", "--json")
    assert r.status == 0
    again = cli("--project", p, "transcript", "show", clip, "--json").json["segments"]
    assert again[1]["tags"] == ["police"]
    shown = cli("--project", p, "clip", "show", clip, "--json").json["transcripts"]
    assert {(t["lang"], t["kind"], t["segments"]) for t in shown} == {("zh", "transcript", 3),
                                                                       ("en", "translation", 3)}


def test_glossary_check_finds_a_misspelled_name(interview, cli):
    p, clip, files = interview
    cli("--project", p, "transcript", "import", clip, files / "zh.srt", "--lang", "zh")
    cli("--project", p, "transcript", "import", clip, files / "en.srt", "--lang", "en", "--translation-of", "zh")
    r = cli("--project", p, "transcript", "check", clip, "--json")
    assert r.status == 1
    (finding,) = r.json["findings"]
    assert finding["line"] == 1 and "Liu Jingjun" in finding["problem"] and "Liu Jinjun" in finding["text"]
    assert r.json["glossary"] == [{"english": "Liu Jingjun", "zh": "刘静军", "pinyin": "liu jingjun"}]
    fixed = files / "en2.srt"
    fixed.write_text(EN.replace("Liu Jinjun", "Liu Jingjun"), encoding="utf-8")
    cli("--project", p, "transcript", "import", clip, fixed, "--lang", "en", "--translation-of", "zh")
    r = cli("--project", p, "transcript", "check", clip, "--json")
    assert r.status == 0 and r.json["findings"] == []


def test_binary_file_is_refused_and_nothing_changes(interview, cli):
    p, clip, files = interview
    (files / "x.srt").write_bytes(bytes(range(256)) * 40)
    r = cli("--project", p, "transcript", "import", clip, files / "x.srt", "--lang", "zh", "--json")
    assert r.status == 2 and r.json["error"]["path"] == str(files / "x.srt")
    assert cli("--project", p, "clip", "show", clip, "--json").json["transcripts"] == []


def test_search_finds_the_line_by_its_speaker_and_words(interview, cli):
    """Acceptance: 太原, 刘, 劉靜軍 and taiyuan all find the line of 刘静军 about 太原; kidnapped finds kidnapping."""
    p, clip, files = interview
    cli("--project", p, "transcript", "import", clip, files / "zh.srt", "--lang", "zh")
    (files / "en.srt").write_text(EN.replace("My son was lost", "The kidnapping of my son happened"),
                                  encoding="utf-8")
    cli("--project", p, "transcript", "import", clip, files / "en.srt", "--lang", "en", "--translation-of", "zh")
    first = cli("--project", p, "transcript", "show", clip, "--json").json["segments"][0]
    for query in ("太原", "刘", "劉靜軍", "taiyuan", "liu jingjun"):
        r = cli("--project", p, "search", query, "--lang", "zh", "--json")
        assert r.status == 0
        assert first["id"] in [h["segment_id"] for h in r.json["hits"]], query
    r = cli("--project", p, "search", "kidnapped", "--json")
    assert [h["segment_id"] for h in r.json["hits"]] == [first["translation"]["id"]]
    hit = r.json["hits"][0]
    assert set(hit) >= {"segment_id", "clip_id", "lang", "start", "end", "text"} and hit["start"] == 1.0


def test_tag_filter_and_translator_pack_round_trip(interview, cli, tmp_path):
    import csv

    p, clip, files = interview
    cli("--project", p, "transcript", "import", clip, files / "zh.srt", "--lang", "zh")
    cli("--project", p, "transcript", "import", clip, files / "en.srt", "--lang", "en", "--translation-of", "zh")
    segs = cli("--project", p, "transcript", "show", clip, "--json").json["segments"]
    cli("--project", p, "segment", "tag", segs[1]["id"], "police")
    hits = cli("--project", p, "search", "数据", "--tag", "police", "--json").json["hits"]
    assert [h["segment_id"] for h in hits] == [segs[1]["id"]]
    assert cli("--project", p, "search", "太原", "--tag", "police", "--json").json["hits"] == []

    r = cli("--project", p, "transcript", "pack", clip, tmp_path / "pack", "--json")
    assert r.status == 0, r.out
    sheet = tmp_path / "pack" / "sheet.csv"
    assert str(sheet) in r.json["files"]
    with open(sheet, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    english = next(i for i, h in enumerate(header) if h.lower().startswith("english"))
    rows[1][english] = "Liu Jingjun: My son was taken at Taiyuan railway station."
    with open(sheet, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    r = cli("--project", p, "transcript", "sheet", clip, sheet, "--json")
    assert r.status == 0, r.out
    shown = cli("--project", p, "transcript", "show", clip, "--json").json["segments"][0]["translation"]["text"]
    assert "taken at Taiyuan" in shown


def test_a_pack_into_a_file_or_an_unwritable_folder_is_refused_naming_it(interview, cli, tmp_path):
    import os

    p, clip, files = interview
    cli("--project", p, "transcript", "import", clip, files / "zh.srt", "--lang", "zh")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "zh.srt").write_text("already a file\n", encoding="utf-8")
    for folder in (tmp_path / "out" / "zh.srt", tmp_path / "out" / "zh.srt" / "pack", "/proc/pack"):
        r = cli("--project", p, "transcript", "pack", clip, folder, "--json")
        assert r.status == 2, r.out
        error = r.json["error"]
        assert error["path"] == str(folder) and "unexpected" not in error["message"], error
    assert os.listdir(tmp_path / "out") == ["zh.srt"]


def test_pack_files_have_the_usual_permissions(interview, cli, tmp_path):
    import os

    p, clip, files = interview
    cli("--project", p, "transcript", "import", clip, files / "zh.srt", "--lang", "zh")
    old = os.umask(0o022)
    try:
        r = cli("--project", p, "transcript", "pack", clip, tmp_path / "pack", "--json")
    finally:
        os.umask(old)
    assert r.status == 0, r.out
    for name in r.json["files"]:
        assert os.stat(name).st_mode & 0o777 == 0o644, name


def test_a_file_of_an_unknown_type_is_refused_with_the_types_accepted(interview, cli):
    p, clip, files = interview
    assert cli("--project", p, "transcript", "import", clip, files / "zh.srt", "--lang", "zh").status == 0
    (files / "notes.pdf").write_text("x", encoding="utf-8")
    r = cli("--project", p, "transcript", "import", clip, files / "notes.pdf", "--lang", "zh", "--json")
    assert r.status == 2 and r.json["error"]["path"] == str(files / "notes.pdf")
    assert ".pdf" in r.json["error"]["message"] and ".docx" in r.json["error"]["message"]
    segs = cli("--project", p, "transcript", "show", clip, "--json").json["segments"]
    assert len(segs) == 3 and segs[0]["text"] == "我儿子是在太原火车站丢的。"


def test_an_error_names_the_file_by_its_absolute_path(project, cli, tmp_path, monkeypatch):
    """Paths in JSON are absolute (CLI.md), also in an error about a file given relative to the folder."""
    from tests.factories import add_plain_clip

    clip = add_plain_clip(project, "talk", seconds=5)
    (tmp_path / "empty.srt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    r = cli("--project", project.root, "transcript", "import", clip, "empty.srt", "--lang", "zh", "--json")
    assert r.status == 2, r.out
    assert r.json["error"]["path"] == str(tmp_path / "empty.srt")
