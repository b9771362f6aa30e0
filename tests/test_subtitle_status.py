"""Subtitle states: moves by hand (allowed, refused), moves by the work, and a cut's readiness."""
from __future__ import annotations

import pytest

from docmanager.cuts.model import add_item, move_item, new_cut, remove_item, trim_item
from docmanager.errors import RefusedError
from docmanager.subtitles.status import set_state, status_rows
from docmanager.transcripts.store import edit_segment, import_transcript, split_segment, transcript_json
from tests.factories import add_plain_clip
from tests.test_subtitles_export import EN2, ZH2
from tests.test_transcripts_cli import EN, ZH

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True


def state(project, lang, clip_id=None, cut_id=None):
    with project.session() as s:
        rows = status_rows(s, clip_id=clip_id, cut_id=cut_id, lang=lang)
    assert len(rows) == 1
    return rows[0]


@pytest.fixture
def talk(project, tmp_path):
    clip = add_plain_clip(project, "talk", seconds=20)
    (tmp_path / "zh.srt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en.srt").write_text(EN, encoding="utf-8")
    return clip


def test_states_follow_imports(project, talk, tmp_path):
    assert state(project, "zh", talk)["state"] == "untranscribed"
    assert state(project, "en", talk)["derived"] is True
    project.user = "Wang Fang"
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    zh, en = state(project, "zh", talk), state(project, "en", talk)
    assert (zh["state"], zh["by"], zh["derived"]) == ("transcribed", "Wang Fang", False)
    assert en["state"] == "transcribed"  # ready to translate
    assert zh["history"][0]["auto"] is True and zh["history"][0]["from"] == "untranscribed"
    # A translation of two of the three lines does not make it translated ...
    (tmp_path / "en2.srt").write_text(EN.split("\n\n3\n")[0] + "\n", encoding="utf-8")
    import_transcript(project, talk, tmp_path / "en2.srt", "en", translation_of="zh")
    assert state(project, "en", talk)["state"] == "transcribed"
    # ... one covering every line does.
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    en = state(project, "en", talk)
    assert en["state"] == "translated"
    assert en["history"][-1]["note"] == "the en translation covers every line"
    # Splitting a Chinese line leaves half of it untranslated: back to transcribed.
    with project.session() as s:
        first = transcript_json(s, talk, "zh")["segments"][0]["id"]
    split_segment(project, first, 4)
    assert state(project, "en", talk)["state"] == "transcribed"


def test_moves_by_hand_and_refusals(project, talk, tmp_path):
    project.user = "Sun Mei"
    with pytest.raises(RefusedError, match="no transcript yet"):
        set_state(project, clip_id=talk, lang="en", state="approved")
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    with pytest.raises(RefusedError, match="no en text yet"):
        set_state(project, clip_id=talk, lang="en", state="approved")
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    row = set_state(project, clip_id=talk, lang="en", state="approved", note="names checked")
    assert (row["state"], row["by"], row["note"]) == ("approved", "Sun Mei", "names checked")
    assert row["updated_at"].endswith("+00:00")
    with pytest.raises(RefusedError, match="needs a reason"):
        set_state(project, clip_id=talk, lang="en", state="translated")
    with pytest.raises(RefusedError, match="approved first"):
        set_state(project, clip_id=talk, lang="zh", state="delivered")
    set_state(project, clip_id=talk, lang="en", state="timed")
    set_state(project, clip_id=talk, lang="en", state="delivered")
    back = set_state(project, clip_id=talk, lang="en", state="reviewed", note="the family asked for a change")
    assert [(h["from"], h["to"]) for h in back["history"]][-4:] == [
        ("translated", "approved"), ("approved", "timed"), ("timed", "delivered"), ("delivered", "reviewed")]
    with pytest.raises(RefusedError, match="unknown state"):
        set_state(project, clip_id=talk, lang="en", state="done")
    assert state(project, "en", talk)["state"] == "reviewed"  # refusals wrote nothing


def test_editing_an_approved_line_moves_it_back(project, talk, tmp_path):
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    set_state(project, clip_id=talk, lang="en", state="approved")
    set_state(project, clip_id=talk, lang="zh", state="approved")
    with project.session() as s:
        en_lines = transcript_json(s, talk, "en")["segments"]
    project.user = "Zhao Lin"
    edit_segment(project, en_lines[1]["id"], text="The police said they would search the DNA database.")
    en = state(project, "en", talk)
    assert en["state"] == "reviewed" and en["by"] == "Zhao Lin"
    assert en["history"][-1]["auto"] is True and en["history"][-1]["lines"] == [2]
    assert en["history"][-1]["note"] == "line 2 edited after approved"
    assert state(project, "zh", talk)["state"] == "approved"  # the Chinese was not touched
    # Editing the Chinese source moves the Chinese and its approved translation back.
    set_state(project, clip_id=talk, lang="en", state="approved")
    with project.session() as s:
        zh_lines = transcript_json(s, talk, "zh")["segments"]
    edit_segment(project, zh_lines[2]["id"], text="（哭）我们找了整整十二年。")
    assert state(project, "zh", talk)["state"] == "reviewed"
    assert state(project, "en", talk)["state"] == "reviewed"
    # A tag is not an edit of the words.
    from docmanager.transcripts.store import tag_segment

    set_state(project, clip_id=talk, lang="zh", state="approved")
    tag_segment(project, zh_lines[0]["id"], "Taiyuan")
    assert state(project, "zh", talk)["state"] == "approved"


def test_approving_a_translation_with_lines_missing_needs_a_reason(project, talk, tmp_path):
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    (tmp_path / "en1.srt").write_text(EN.split("\n\n2\n")[0] + "\n", encoding="utf-8")  # line 1 only
    import_transcript(project, talk, tmp_path / "en1.srt", "en", translation_of="zh")
    with pytest.raises(RefusedError) as refused:
        set_state(project, clip_id=talk, lang="en", state="approved")
    message = str(refused.value)
    assert "2 Chinese lines have no English (lines 2–3)" in message and "--note" in message, message
    assert state(project, "en", talk)["state"] == "transcribed"  # nothing written
    set_state(project, clip_id=talk, lang="en", state="reviewed")  # reviewed first changes nothing
    with pytest.raises(RefusedError, match="have no English"):
        set_state(project, clip_id=talk, lang="en", state="approved")
    row = set_state(project, clip_id=talk, lang="en", state="approved", note="lines 2–3 are crying, left unsubtitled")
    assert (row["state"], row["note"]) == ("approved", "lines 2–3 are crying, left unsubtitled")
    # The Chinese subtitles themselves miss nothing.
    assert set_state(project, clip_id=talk, lang="zh", state="approved")["state"] == "approved"
    # A cut showing those lines in English is held the same way.
    with project.session() as s:
        zh = [x["id"] for x in transcript_json(s, talk, "zh")["segments"]]
    cut = new_cut(project, "Short", rate="25")
    add_item(project, cut, segment_ids=zh)
    with pytest.raises(RefusedError, match=r"cut \d+ en: .*2 Chinese lines have no English"):
        set_state(project, cut_id=cut, lang="en", state="approved")
    row = set_state(project, cut_id=cut, lang="en", state="approved", note="as the clip")
    assert row["state"] == "approved" and row["untranslated"] == [{"lang": "zh", "lines": [2, 3]}]


@pytest.fixture
def cut_with_approved_english(project, talk, tmp_path):
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    wang = add_plain_clip(project, "wang", seconds=20)
    (tmp_path / "wang.zh.srt").write_text(ZH2, encoding="utf-8")
    (tmp_path / "wang.en.srt").write_text(EN2, encoding="utf-8")
    import_transcript(project, wang, tmp_path / "wang.zh.srt", "zh")
    import_transcript(project, wang, tmp_path / "wang.en.srt", "en", translation_of="zh")
    with project.session() as s:
        a = [x["id"] for x in transcript_json(s, talk, "zh")["segments"]]
        b = [x["id"] for x in transcript_json(s, wang, "zh")["segments"]]
    cut = new_cut(project, "Assembly", rate="25")
    items = [add_item(project, cut, segment_ids=[a[1]]), add_item(project, cut, segment_ids=b),
             add_item(project, cut, segment_ids=[a[0]])]
    assert state(project, "en", cut_id=cut)["state"] == "translated"  # derived from its clips
    set_state(project, cut_id=cut, lang="en", state="approved", note="for the funder")
    return cut, items


def test_trimming_an_approved_cut_drops_it_and_lists_the_lines(project, cut_with_approved_english):
    cut, items = cut_with_approved_english
    project.user = "Zhao Lin"
    trim_item(project, items[1], out_s=5.0)  # Ms Wang's second line is cut short; what follows moves
    row = state(project, "en", cut_id=cut)
    assert row["state"] == "reviewed" and row["by"] == "Zhao Lin"
    # Approved: 1 police, 2-4 Ms Wang, 5 Liu.  Now: 1 police, 2-3 Ms Wang (her second line ends
    # earlier, the third is gone), 4 Liu (later on the time line).
    assert row["affected"] == [3, 4]
    assert row["changed"] == "lines 3–4 changed since approval"
    assert row["note"] == "the cut changed: lines 3–4 changed since approved; 1 line of the approved version gone"
    assert row["history"][-1]["auto"] is True


def test_reordering_removing_and_source_edits_drop_an_approved_cut(project, cut_with_approved_english):
    cut, items = cut_with_approved_english
    move_item(project, items[2], position=0)
    assert state(project, "en", cut_id=cut)["state"] == "reviewed"
    set_state(project, cut_id=cut, lang="en", state="approved")
    remove_item(project, items[0])
    assert state(project, "en", cut_id=cut)["state"] == "reviewed"
    set_state(project, cut_id=cut, lang="en", state="approved")
    with project.session() as s:
        wang_en = transcript_json(s, 2, "en")["segments"]
    edit_segment(project, wang_en[0]["id"], text="Ms Wang: It rained all day.")
    row = state(project, "en", cut_id=cut)
    assert row["state"] == "reviewed" and row["affected"] == [2]
    # A change that does not touch the English lines leaves the approval alone.
    set_state(project, cut_id=cut, lang="en", state="approved")
    new_cut(project, "Other")
    assert state(project, "en", cut_id=cut)["state"] == "approved"


def test_status_cli_shape(project, cli, talk, tmp_path):
    p = str(project.root)
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    r = cli("--project", p, "--user", "Sun Mei", "subtitles", "set", "--clip", talk, "--lang", "en",
            "--state", "approved", "--json")
    assert r.status == 0, r.out
    rows = cli("--project", p, "subtitles", "status", "--json").json["rows"]
    row = next(r for r in rows if r.get("clip_id") == talk and r["lang"] == "en")
    # In a team catalogue the database login is who acts, whatever --user says.
    who = "Sun Mei" if project.backend == "sqlite" else project.db_login
    assert row["state"] == "approved" and row["by"] == who and row["updated_at"]
    assert set(row) >= {"clip_id", "lang", "state", "updated_at", "by"}
    bad = cli("--project", p, "subtitles", "set", "--clip", talk, "--lang", "en", "--state", "untranscribed",
              "--json")
    assert bad.status == 2 and "needs a reason" in bad.json["error"]["message"]
    assert cli("--project", p, "subtitles", "set", "--clip", talk, "--cut", 1, "--lang", "en", "--state",
               "reviewed").status == 2
