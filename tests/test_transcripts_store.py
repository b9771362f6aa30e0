"""Transcripts in the catalogue: re-import, line edits with versions, and the translator's round trip."""
from __future__ import annotations

import csv
import json

import pytest

from docmanager.db.models import Subject
from docmanager.errors import ConflictError, RefusedError
from docmanager.project import Project
from docmanager.transcripts.roundtrip import export_pack, import_sheet
from docmanager.transcripts.store import (
    edit_segment, import_transcript, merge_segments, segment_row, segments_page, split_segment, tag_segment,
    transcript_json, transcripts_of_clip, untag_segment,
)
from tests.factories import add_plain_clip

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True

ZH = [
    (1000, 3200, "刘静军：我儿子是在太原丢的。"),
    (3500, 6000, "警察说他们会查DNA数据库。"),
    (6500, 9000, "我们找了三年，每个城市都去过。"),
    (9500, 12000, "他妈妈每天都哭。"),
]
EN = [
    (1000, 3100, "Liu Jingjun: My son was lost in Taiyuan."),
    (3600, 5900, "The police said they would check the DNA database."),
    (6600, 8800, "We searched for three years, in every city."),
    (9600, 11800, "His mother cries every day."),
]


def srt(lines) -> str:
    def ts(ms):
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
    return "".join(f"{n}\n{ts(a)} --> {ts(b)}\n{t}\n\n" for n, (a, b, t) in enumerate(lines, 1))


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "P")
    p.user = "mei"
    yield p
    p.close()


@pytest.fixture
def clip(project, tmp_path):
    clip_id = add_plain_clip(project, "A001_liu", seconds=60)
    (tmp_path / "zh.srt").write_bytes(srt(ZH).encode("gbk"))
    (tmp_path / "en.srt").write_text(srt(EN), encoding="utf-8")
    import_transcript(project, clip_id, tmp_path / "zh.srt", "zh")
    import_transcript(project, clip_id, tmp_path / "en.srt", "en", translation_of="zh")
    return clip_id


def shown(project, clip_id, lang=None):
    with project.session() as s:
        return transcript_json(s, clip_id, lang)["segments"]


# ---------------------------------------------------------------- re-import
def test_reimport_keeps_ids_tags_and_translations_where_the_text_matches(project, clip, tmp_path):
    before = shown(project, clip)
    police, search, mother = before[1]["id"], before[2]["id"], before[3]["id"]
    tag_segment(project, police, "DNA")
    tag_segment(project, mother, "mother")
    newer = [(0, 900, "记者：我们开始吧。"),                 # a new first line
             ZH[0],
             (3400, 6100, ZH[1][2]),                      # retimed, same words
             (6500, 9000, "我们找了整整三年，每个城市都去过。")]  # corrected words, same time
    # "他妈妈每天都哭。" is gone.
    (tmp_path / "zh2.srt").write_bytes(srt(newer).encode("gbk"))
    result = import_transcript(project, clip, tmp_path / "zh2.srt", "zh")
    assert not result.created
    assert (result.kept, result.changed, result.added, result.removed, result.segments) == (3, 2, 1, 1, 4)
    after = shown(project, clip)
    assert [seg["id"] for seg in after[1:]] == [before[0]["id"], police, search]
    assert (after[0]["text"], after[0]["speaker"], after[0]["tags"]) == ("我们开始吧。", "记者", [])
    assert after[2]["tags"] == ["DNA"] and (after[2]["start"], after[2]["end"]) == (3.4, 6.1)
    assert after[2]["version"] == before[1]["version"] + 1
    assert after[1]["version"] == before[0]["version"]  # moved down a place, not edited
    assert after[2]["translation"]["text"] == EN[1][2]
    assert after[3]["text"] == "我们找了整整三年，每个城市都去过。"
    assert after[3]["translation"]["text"] == EN[2][2]  # matched by time: translation stays
    assert mother not in {seg["id"] for seg in after}
    # The English line of the removed Chinese line overlaps no free line now: kept, unpaired, reported.
    assert [(u.side, u.segment_id is not None) for u in result.unaligned] == [("translation", True)]
    english = shown(project, clip, "en")
    assert english[3]["text"] == EN[3][2] and english[3]["translates_id"] is None
    # The same file again changes nothing.
    again = import_transcript(project, clip, tmp_path / "zh2.srt", "zh")
    assert (again.changed, again.added, again.removed) == (0, 0, 0)
    assert [seg["version"] for seg in shown(project, clip)] == [seg["version"] for seg in after]


def test_reimported_translation_keeps_its_line_ids(project, clip, tmp_path):
    english = shown(project, clip, "en")
    tag_segment(project, english[0]["id"], "quote")
    fixed = list(EN)
    fixed[1] = (3600, 5900, "The police said they would search the DNA database.")
    (tmp_path / "en2.srt").write_text(srt(fixed), encoding="utf-8")
    result = import_transcript(project, clip, tmp_path / "en2.srt", "en", translation_of="zh")
    assert (result.kept, result.changed, result.added, result.removed) == (4, 1, 0, 0)
    again = shown(project, clip, "en")
    assert [seg["id"] for seg in again] == [seg["id"] for seg in english]
    assert again[0]["tags"] == ["quote"]
    assert shown(project, clip)[1]["translation"]["text"].endswith("search the DNA database.")


def test_the_right_transcript_after_a_wrong_one_pairs_the_translation_again(project, clip, tmp_path):
    english = [seg["id"] for seg in shown(project, clip, "en")]
    (tmp_path / "wrong.srt").write_text(srt([(40000, 43000, "这是另一个采访。")]), encoding="utf-8")
    wrong = import_transcript(project, clip, tmp_path / "wrong.srt", "zh")
    assert wrong.removed == 4 and len(wrong.unaligned) == 4
    assert all(seg["translates_id"] is None for seg in shown(project, clip, "en"))
    right = import_transcript(project, clip, tmp_path / "zh.srt", "zh")
    assert right.unaligned == []
    after = shown(project, clip)
    assert [seg["text"] for seg in after] == [ZH[0][2].split("：")[1]] + [t for _a, _b, t in ZH[1:]]
    assert [seg["translation"]["id"] for seg in after] == english  # each English line on its Chinese line again
    # A translation line that still finds no line is reported, and an untranslated line it leaves too.
    (tmp_path / "short.srt").write_bytes(srt(ZH[:3]).encode("gbk"))
    short = import_transcript(project, clip, tmp_path / "short.srt", "zh")
    assert [(u.side, u.segment_id) for u in short.unaligned] == [("translation", english[3])]
    again = import_transcript(project, clip, tmp_path / "short.srt", "zh")
    assert [(u.side, u.segment_id) for u in again.unaligned] == [("translation", english[3])]
    assert "no free line overlaps it" in again.unaligned[0].reason


# ---------------------------------------------------------------- edits
def test_tags_edit_and_version_conflict(project, clip):
    seg = shown(project, clip)[1]
    assert tag_segment(project, seg["id"], " DNA  test ") == "DNA test"
    assert tag_segment(project, seg["id"], "DNA test") == "DNA test"
    with project.session() as s:
        row = segment_row(s, seg["id"])
    assert row.tags == ("DNA test",) and row.updated_by == "mei"
    version = row.version
    project.user = "tom"
    new_version = edit_segment(project, seg["id"], text="警察说他们会比对DNA数据库。", expected_version=version)
    assert new_version == version + 1
    project.user = "mei"
    with pytest.raises(ConflictError):  # mei still holds the old version
        edit_segment(project, seg["id"], speaker="警察", expected_version=version)
    with project.session() as s:
        row = segment_row(s, seg["id"])
    assert (row.text, row.speaker, row.updated_by) == ("警察说他们会比对DNA数据库。", None, "tom")
    assert untag_segment(project, seg["id"], "dna TEST") is True
    assert untag_segment(project, seg["id"], "dna TEST") is False
    with pytest.raises(RefusedError):
        edit_segment(project, seg["id"], start_ms=7000)  # would end before it starts


def test_split_and_merge_keep_tags_and_translations(project, clip):
    zh = shown(project, clip)
    target = zh[2]  # 我们找了三年，每个城市都去过。 6.5 → 9.0
    tag_segment(project, target["id"], "search")
    first, second = split_segment(project, target["id"], at_char=7)
    assert first == target["id"]
    after = shown(project, clip)
    assert [seg["text"] for seg in after[2:4]] == ["我们找了三年，", "每个城市都去过。"]
    assert (after[2]["start"], after[2]["end"], after[3]["start"], after[3]["end"]) == (6.5, 7.667, 7.667, 9.0)
    assert after[3]["tags"] == ["search"] and after[3]["id"] == second
    assert after[2]["translation"]["text"] == EN[2][2] and after[3]["translation"] is None
    assert after[4]["id"] == zh[3]["id"]
    with project.session() as s:
        rows = segments_page(s, clip, offset=2, limit=2)
    assert [r.position for r in rows] == [2, 3] and rows[1].id == second

    with pytest.raises(RefusedError):
        merge_segments(project, second, first)  # the later line first
    with pytest.raises(RefusedError):
        split_segment(project, first, at_char=0)
    tag_segment(project, second, "cities")
    kept = merge_segments(project, first, second)
    merged = shown(project, clip)
    assert kept == first and len(merged) == 4
    assert merged[2]["text"] == "我们找了三年，每个城市都去过。"  # no space between Chinese
    assert (merged[2]["start"], merged[2]["end"]) == (6.5, 9.0)
    assert merged[2]["tags"] == ["cities", "search"]
    assert [seg["id"] for seg in merged] == [zh[0]["id"], zh[1]["id"], first, zh[3]["id"]]


def test_merge_moves_translations_and_joins_them(project, clip):
    zh = shown(project, clip)
    en = shown(project, clip, "en")
    kept = merge_segments(project, zh[0]["id"], zh[1]["id"])
    merged = shown(project, clip)
    assert kept == zh[0]["id"] and len(merged) == 3
    assert merged[0]["text"] == "我儿子是在太原丢的。警察说他们会查DNA数据库。"
    assert merged[0]["translation"]["text"] == f"{EN[0][2].split(': ', 1)[1]} {EN[1][2]}"
    english = shown(project, clip, "en")
    assert len(english) == 3 and english[0]["id"] == en[0]["id"]
    assert (english[0]["start"], english[0]["end"]) == (1.0, 5.9)
    with project.session() as s:
        assert [t.segments for t in transcripts_of_clip(s, clip)] == [3, 3]


# ---------------------------------------------------------------- the translator's round trip
def test_export_pack_and_sheet_round_trip_with_a_conflict(project, clip, tmp_path):
    def _subject(s):
        s.add(Subject(name="Liu Jingjun", name_zh="刘静军", pinyin=None, flags=[]))
        s.flush()
    project.write(_subject)
    from docmanager.catalogue.clips import set_clips
    set_clips(project, [clip], add_subjects=["Liu Jingjun"])

    pack = export_pack(project, clip, tmp_path / "pack")
    names = sorted(p.name for p in pack.iterdir())
    assert names == ["A001_liu.en.srt", "A001_liu.zh.srt", "README.txt", "glossary.csv", "pack.json", "sheet.csv"]
    assert "/archive/A001_liu/00000.MTS" in (pack / "README.txt").read_text(encoding="utf-8-sig")
    raw = (pack / "sheet.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["id", "start", "end", "speaker", "Chinese", "English"]
    assert rows[1][1:] == ["00:00:01.000", "00:00:03.200", "刘静军", "我儿子是在太原丢的。",
                           "My son was lost in Taiyuan."]
    glossary = list(csv.reader((pack / "glossary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert glossary[1] == ["刘静军", "liú jìng jūn", "Liu Jingjun"]
    assert "刘静军" in (pack / "A001_liu.zh.srt").read_text(encoding="utf-8")

    zh = shown(project, clip)
    en = shown(project, clip, "en")
    # Meanwhile, in the catalogue: the editor fixes the English of line 2, and tags line 3.
    edit_segment(project, en[1]["id"], text="The police said they would run it against the DNA database.")
    tag_segment(project, en[2]["id"], "checked")
    # The translator edits lines 2, 3 and 4 in the sheet, and fills in nothing else.
    rows[2][5] = "Police told us they would check the DNA database."      # conflict: both sides changed
    rows[3][5] = "We searched for three whole years, in every city."       # only the sheet changed
    rows[4][5] = "His mother weeps every day."
    rows[4][4] = "他妈妈每天都在哭。"                                        # Chinese edited: not imported
    with open(pack / "sheet.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)

    result = import_sheet(project, clip, pack / "sheet.csv")
    assert sorted(result.updated) == [zh[2]["id"], zh[3]["id"]]
    assert result.unchanged == 1
    assert [(c.segment_id, c.row) for c in result.conflicts] == [(zh[1]["id"], 3)]
    conflict = result.conflicts[0]
    assert conflict.current == "The police said they would run it against the DNA database."
    assert conflict.sheet == "Police told us they would check the DNA database."
    assert [(p.line, "Chinese" in p.message) for p in result.problems] == [(5, True)]

    after = shown(project, clip, "en")
    assert after[1]["text"] == "The police said they would run it against the DNA database."  # not overwritten
    assert after[2]["text"] == "We searched for three whole years, in every city."
    assert after[2]["id"] == en[2]["id"] and after[2]["tags"] == ["checked"]
    assert shown(project, clip)[3]["text"] == "他妈妈每天都哭。"
    # Importing the same sheet again: what was written is now unchanged, the conflict remains.
    again = import_sheet(project, clip, pack / "sheet.csv")
    assert again.updated == [] and len(again.conflicts) == 1 and again.unchanged == 3


def test_sheet_fills_a_missing_translation_and_refuses_a_foreign_pack(project, clip, tmp_path):
    other = add_plain_clip(project, "A002", seconds=10)
    pack = export_pack(project, clip, tmp_path / "pack")
    record = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    zh = shown(project, clip)
    english = shown(project, clip, "en")
    # The English line of row 4 was removed meanwhile (by the sheet itself, as an emptied cell).
    rows = list(csv.reader((pack / "sheet.csv").read_text(encoding="utf-8-sig").splitlines()))
    rows[4][5] = ""
    (pack / "sheet.csv").write_text("\r\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\r\n",
                                    encoding="gb18030")  # as a Chinese Excel saves "CSV"
    assert import_sheet(project, clip, pack / "sheet.csv").updated == [zh[3]["id"]]
    assert len(shown(project, clip, "en")) == 3
    rows[4][5] = "His mother cries, every single day."
    with open(pack / "sheet.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    # Exported with a translation, removed since, refilled in the sheet: the versions moved,
    # but the catalogue's text ("" now) differs from the exported one, so it is a conflict.
    result = import_sheet(project, clip, pack / "sheet.csv")
    assert [c.segment_id for c in result.conflicts] == [zh[3]["id"]]
    # With a fresh pack it is simply added back, after the line of row 3.
    pack2 = export_pack(project, clip, tmp_path / "pack2")
    rows2 = list(csv.reader((pack2 / "sheet.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows2[4][5] == ""
    rows2[4][5] = "His mother cries, every single day."
    with open(pack2 / "sheet.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows2)
    assert import_sheet(project, clip, pack2 / "sheet.csv").updated == [zh[3]["id"]]
    final = shown(project, clip, "en")
    assert [seg["translates_id"] for seg in final] == [seg["id"] for seg in zh]
    assert final[3]["text"] == "His mother cries, every single day." and final[3]["start"] == 9.5
    assert [seg["id"] for seg in final[:3]] == [seg["id"] for seg in english[:3]]
    assert record["rows"][str(zh[0]["id"])]["translation"][0]["id"] == english[0]["id"]
    with pytest.raises(RefusedError):
        import_sheet(project, other, pack2 / "sheet.csv")
    (pack2 / "pack.json").unlink()
    with pytest.raises(RefusedError):
        import_sheet(project, clip, pack2 / "sheet.csv")
