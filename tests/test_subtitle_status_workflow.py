"""Subtitle states through a translator's working weeks: re-imports, sheets, cuts approved as derived."""
from __future__ import annotations

import csv

import pytest

from docmanager.cuts.model import add_item, new_cut
from docmanager.subtitles.status import set_state
from docmanager.transcripts.roundtrip import export_pack, import_sheet
from docmanager.transcripts.store import import_transcript
from tests.factories import add_plain_clip
from tests.test_subtitle_status import state

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True

ZH_LINES = ["我儿子是在太原火车站丢的。", "那天下着大雨。", "警察说他们会查DNA数据库。", "我们去了每一个城市。",
            "他妈妈每天都在哭。", "我们找了十二年。", "我们还在找。"]
EN_LINES = ["My son was lost at Taiyuan railway station.", "It was raining hard that day.",
            "The police said they would check the DNA database.", "We went to every city.",
            "His mother weeps every day.", "We have been searching for twelve years.", "We are still searching."]


def srt(lines, starts=None) -> str:
    starts = starts or [i * 5 for i in range(len(lines))]
    out = []
    for i, (text, start) in enumerate(zip(lines, starts), 1):
        out.append(f"{i}\n00:00:{start:02d},000 --> 00:00:{start + 4:02d},000\n{text}\n")
    return "\n".join(out)


@pytest.fixture
def talk(project, tmp_path):
    clip = add_plain_clip(project, "talk", seconds=40)
    (tmp_path / "zh.srt").write_text(srt(ZH_LINES), encoding="utf-8")
    (tmp_path / "en.srt").write_text(srt(EN_LINES), encoding="utf-8")
    import_transcript(project, clip, tmp_path / "zh.srt", "zh")
    import_transcript(project, clip, tmp_path / "en.srt", "en", translation_of="zh")
    return clip


def test_approving_a_cut_approved_by_its_clips_keeps_the_approved_lines(project, talk):
    set_state(project, clip_id=talk, lang="en", state="approved")
    set_state(project, clip_id=talk, lang="zh", state="approved")
    cut = new_cut(project, "A")
    add_item(project, cut, clip_id=talk, in_s=0, out_s=20)
    assert state(project, "en", cut_id=cut)["derived"] is True
    assert state(project, "en", cut_id=cut)["state"] == "approved"
    row = set_state(project, cut_id=cut, lang="en", state="approved", note="for the funder")
    assert (row["state"], row["derived"], row["note"]) == ("approved", False, "for the funder")
    assert [(h["from"], h["to"]) for h in row["history"]] == [("approved", "approved")]
    # One more shot of the same clip: only its line is new.
    add_item(project, cut, clip_id=talk, in_s=30, out_s=35)
    row = state(project, "en", cut_id=cut)
    assert row["state"] == "reviewed"
    assert row["affected"] == [5]
    assert row["changed"] == "line 5 changed since approval"


def test_setting_an_approved_cut_approved_again_records_its_lines(project, talk):
    """A cut stored as approved without its lines (as older versions kept it) gets them when approved again."""
    set_state(project, clip_id=talk, lang="en", state="approved")
    cut = new_cut(project, "A")
    add_item(project, cut, clip_id=talk, in_s=0, out_s=20)
    set_state(project, cut_id=cut, lang="en", state="approved")
    from docmanager.db.models import SubtitleStatus

    def forget(s):
        for row in s.query(SubtitleStatus).filter(SubtitleStatus.cut_id == cut):
            row.snapshot = None

    project.write(forget)
    set_state(project, cut_id=cut, lang="en", state="approved")
    add_item(project, cut, clip_id=talk, in_s=30, out_s=35)
    assert state(project, "en", cut_id=cut)["affected"] == [5]


def test_reimporting_a_complete_translation_makes_it_translated_again(project, talk, tmp_path):
    assert state(project, "en", talk)["state"] == "translated"
    (tmp_path / "wrong.srt").write_text(srt(["这是另一个采访。"], starts=[35]), encoding="utf-8")
    import_transcript(project, talk, tmp_path / "wrong.srt", "zh")
    assert state(project, "en", talk)["state"] == "transcribed"  # its lines translate nothing now
    # The right transcript again: the English lines are paired anew, so it is translated again.
    assert import_transcript(project, talk, tmp_path / "zh.srt", "zh").unaligned == []
    en = state(project, "en", talk)
    assert en["state"] == "translated"
    assert (en["history"][-1]["from"], en["history"][-1]["to"]) == ("transcribed", "translated")
    assert en["history"][-1]["note"] == "the en translation covers every line"
    assert en["history"][-1]["auto"] is True
    # Importing the translation again pairs it the same: nothing unaligned, still translated.
    result = import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    assert result.unaligned == []
    assert state(project, "en", talk)["state"] == "translated"


def test_affected_lines_grow_until_the_state_is_set_forward(project, talk, tmp_path):
    set_state(project, clip_id=talk, lang="en", state="approved")
    set_state(project, clip_id=talk, lang="en", state="timed")
    set_state(project, clip_id=talk, lang="en", state="delivered")
    pack = export_pack(project, talk, tmp_path / "pack")
    changed = list(EN_LINES)
    changed[2] = "The police said they would search the DNA database."
    (tmp_path / "en3.srt").write_text(srt(changed), encoding="utf-8")
    import_transcript(project, talk, tmp_path / "en3.srt", "en", translation_of="zh")
    en = state(project, "en", talk)
    assert (en["state"], en["affected"]) == ("reviewed", [3])
    # The translator's sheet comes back with lines 5 and 7 changed.
    rows = list(csv.reader((pack / "sheet.csv").read_text(encoding="utf-8-sig").splitlines()))
    rows[5][5] = "His mother cries every day."
    rows[7][5] = "We have not stopped searching."
    with open(pack / "sheet.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    result = import_sheet(project, talk, pack / "sheet.csv")
    assert len(result.updated) == 2 and not result.conflicts
    en = state(project, "en", talk)
    assert en["state"] == "reviewed"
    assert en["affected"] == [3, 5, 7]
    assert en["changed"] == "lines 3, 5, 7 changed since approval"
    assert en["history"][-1]["lines"] == [5, 7] and en["history"][-1]["auto"] is True
    # Set forward again, the list starts afresh.
    row = set_state(project, clip_id=talk, lang="en", state="approved")
    assert row["affected"] == []
    changed[4] = "His mother cries every day."
    (tmp_path / "en4.srt").write_text(srt([*changed[:6], "We are still looking."]), encoding="utf-8")
    import_transcript(project, talk, tmp_path / "en4.srt", "en", translation_of="zh")
    assert state(project, "en", talk)["affected"] == [7]
    # Lines edited while the subtitles were taken back to reviewed by hand are the review's work.
    set_state(project, clip_id=talk, lang="en", state="approved")
    set_state(project, clip_id=talk, lang="en", state="reviewed", note="another pass")
    import_transcript(project, talk, tmp_path / "en3.srt", "en", translation_of="zh")
    en = state(project, "en", talk)
    assert (en["state"], en["affected"], en["history"][-1]["auto"]) == ("reviewed", [], False)


def test_a_cut_moved_back_names_every_line_changed_since_approval(project, talk):
    cut = new_cut(project, "A")
    add_item(project, cut, clip_id=talk, in_s=0, out_s=20)
    set_state(project, cut_id=cut, lang="en", state="approved")
    add_item(project, cut, clip_id=talk, in_s=30, out_s=35)
    assert state(project, "en", cut_id=cut)["affected"] == [5]
    add_item(project, cut, clip_id=talk, in_s=20, out_s=25)
    row = state(project, "en", cut_id=cut)
    assert (row["state"], row["affected"]) == ("reviewed", [5, 6])
    assert row["note"] == "the cut changed: lines 5–6 changed since approved"
    assert [(h["from"], h["to"], h["lines"]) for h in row["history"]][-2:] == [
        ("approved", "reviewed", [5]), ("reviewed", "reviewed", [5, 6])]
    # Moved back by hand, the cut's changes are the review's work.
    set_state(project, cut_id=cut, lang="en", state="translated", note="new material")
    add_item(project, cut, clip_id=talk, in_s=25, out_s=30)
    assert state(project, "en", cut_id=cut)["affected"] == []
