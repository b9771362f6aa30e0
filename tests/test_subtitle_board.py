"""The subtitle board read model: groups, cells, QC counts and totals, on real projects."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from docmanager.catalogue.clips import set_clips
from docmanager.catalogue.people import add_shoot, add_subject
from docmanager.db.models import Clip
from docmanager.errors import NotFoundError, RefusedError
from docmanager.project import Project
from docmanager.subtitles.board import board, cell_findings
from docmanager.subtitles.status import set_state
from docmanager.transcripts.store import import_transcript
from tests.factories import add_plain_clip
from tests.test_transcripts_cli import EN, ZH

PART_2 = "Liu Jingjun – interview, part 2"

#: The second line is far too fast to read (about 25 characters a second).
FAST_EN = """1
00:00:01,000 --> 00:00:04,000
My son was lost at Taiyuan station.

2
00:00:04,500 --> 00:00:07,000
The police said they would check the DNA database,
every single day, for years.

3
00:00:07,500 --> 00:00:09,000
We have been searching.
"""


@pytest.fixture
def demo(demo_project):
    p = Project.open(demo_project, backup=False)
    yield p
    p.close()


def clip_id(project, name):
    with project.session() as s:
        return s.scalar(select(Clip.id).where(Clip.name == name))


def test_demo_board_by_subject(demo):
    with demo.session() as s:
        b = board(s)
        v2_findings = cell_findings(s, cut_id=b.groups[-1].rows[1].cut_id, lang="en")
    assert b.languages == ["zh", "en"]
    titles = [g.title for g in b.groups]
    assert titles == ["Beijing volunteers", "Liu Jingjun", "Xiao Lei", "Zhang Xiuying", "No subject", "Cuts"]
    liu = b.groups[1]
    names = [r.name for r in liu.rows]
    assert names[:2] == ["Liu Jingjun – interview, part 1", PART_2]
    part2 = liu.rows[1]
    assert part2.subjects == ("Liu Jingjun",)
    assert part2.shoot == "Taiyuan – Liu family home"
    assert part2.duration_s == pytest.approx(5.0)
    en = part2.cells["en"]
    assert (en.state, en.by, en.note, en.derived) == ("approved", "Sun Mei", "names checked with the family", False)
    assert en.at and en.has_text
    assert en.qc is not None and en.qc >= 1  # the DNA line is too fast and too long
    # A clip with two subjects is under both; b-roll is not-needed and has no QC.
    posters = "Missing-child posters, Yingze Street"
    assert posters in [r.name for r in b.groups[1].rows] and posters in [r.name for r in b.groups[3].rows]
    broll = b.clip_row(clip_id(demo, "Zhang Xiuying at the window"))
    assert broll.cells["en"].state == "not-needed" and broll.cells["en"].qc is None
    assert not broll.cells["en"].has_text
    # The cuts: v1 approved, v2 dropped back with the line named.
    cuts = b.groups[-1]
    assert [r.name for r in cuts.rows] == ["Assembly v1", "Assembly v2"]
    v1, v2 = cuts.rows
    assert v1.cells["en"].state == "approved"
    assert (v2.cells["en"].state, v2.cells["en"].changed) == ("reviewed", "line 4 changed since approval")
    assert v2.cells["en"].affected == (4,)
    assert v2.cells["zh"].derived is True
    assert v2.cells["en"].qc == len(v2_findings) > 0


def test_demo_totals_count_each_clip_once(demo):
    with demo.session() as s:
        b = board(s)
    totals = {t.lang: t for t in b.totals}
    assert totals["en"].text == "English: 1 of 4 interviews approved"
    assert totals["zh"].text == "Chinese: 0 of 4 interviews approved"
    assert (totals["en"].cuts_approved, totals["en"].cuts) == (1, 2)
    assert totals["en"].by_state["not-needed"] == 4
    # Timed and delivered count as approved.
    part2 = clip_id(demo, PART_2)
    demo.user = "Li Na"
    set_state(demo, clip_id=part2, lang="en", state="timed")
    with demo.session() as s:
        b = board(s)
    assert {t.lang: t for t in b.totals}["en"].text == "English: 1 of 4 interviews approved"
    assert b.clip_row(part2).cells["en"].state == "timed"
    assert b.clip_row(part2).cells["en"].by == "Li Na"


def test_grouping_and_filters(demo):
    with demo.session() as s:
        by_shoot = board(s, group_by="shoot")
        flat = board(s, group_by=None)
        liu = board(s, subject="刘静军")
        police = board(s, shoot="Taiyuan – police station")
        approved = board(s, state="approved")
        with pytest.raises(NotFoundError, match="no subject named"):
            board(s, subject="Nobody")
        with pytest.raises(RefusedError, match="unknown state"):
            board(s, state="done")
        with pytest.raises(RefusedError, match="groups by"):
            board(s, group_by="tag")
    assert [g.title for g in by_shoot.groups] == ["Taiyuan – Liu family home", "Taiyuan – police station",
                                                  "Beijing – volunteers' meeting", "Cuts"]
    assert [g.title for g in flat.groups] == ["Clips", "Cuts"]
    assert len(flat.groups[0].rows) == 8
    assert [g.title for g in liu.groups] == ["Liu Jingjun", "Cuts"]
    assert len(liu.groups[0].rows) == 4
    assert {t.lang: t.text for t in liu.totals}["en"] == "English: 1 of 2 interviews approved"
    # The police station b-roll is in no cut: no cuts under that shoot.
    assert [g.title for g in police.groups] == ["Liu Jingjun"]
    assert [r.name for r in police.rows()] == ["Police station, exterior"]
    assert [r.name for r in approved.rows()] == [PART_2, "Assembly v1"]


def test_qc_counts_follow_the_catalogue(project, tmp_path):
    talk = add_plain_clip(project, "talk", seconds=20)
    quiet = add_plain_clip(project, "quiet", seconds=20)
    add_subject(project, "Wang Lan", name_zh="王兰")
    add_shoot(project, "Market", date="2019-05-02")
    set_clips(project, [talk], subjects=["Wang Lan"], shoot="Market")
    with project.session() as s:
        b = board(s)
    assert [g.title for g in b.groups] == ["Wang Lan", "No subject"]
    assert b.clip_row(talk).cells["en"].state == "untranscribed"
    assert b.clip_row(talk).cells["en"].qc is None
    assert {t.lang: t.text for t in b.totals}["en"] == "English: 0 of 2 interviews approved"
    (tmp_path / "zh.srt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en.srt").write_text(FAST_EN, encoding="utf-8")
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    set_state(project, clip_id=quiet, lang="en", state="not-needed", note="no speech")
    with project.session() as s:
        b = board(s)  # the memo of the earlier state is not used: the catalogue changed
        findings = cell_findings(s, clip_id=talk, lang="en")
    cell = b.clip_row(talk).cells["en"]
    assert cell.state == "translated" and cell.has_text
    assert cell.qc == len(findings) >= 2
    fast = [f for f in findings if f.problem == "too-fast"]
    assert [f.index for f in fast] == [2]
    assert fast[0].clip_id == talk and fast[0].segment_id is not None
    assert fast[0].text.startswith("The police said")
    assert {t.lang: t.text for t in b.totals}["en"] == "English: 0 of 1 interview approved"
    # The same catalogue state reads the memo: the same object comes back.
    assert project.memoized(("docmanager.subtitles.board",), lambda: None) is not None


def test_cell_findings_of_a_cut_name_their_clip(demo):
    with demo.session() as s:
        b = board(s)
        v1 = b.cut_row(b.groups[-1].rows[0].cut_id)
        findings = cell_findings(s, cut_id=v1.cut_id, lang="en")
    assert findings and len(findings) == v1.cells["en"].qc
    part1, part2 = clip_id(demo, "Liu Jingjun – interview, part 1"), clip_id(demo, PART_2)
    assert {f.clip_id for f in findings} <= {part1, part2, clip_id(demo, "Xiao Lei with his mother (from behind)")}
    dna = [f for f in findings if "DNA" in f.text]
    assert dna and all(f.clip_id == part2 for f in dna)


def _fresh_board(project):
    """The board read without the project (no memo, no counts kept): everything computed anew."""
    from sqlalchemy.orm import Session

    with Session(project.engine) as s:
        return board(s)


def count_checks(monkeypatch) -> list:
    """From now on, each list of subtitles QC checks (``qc.check_lines``) is added to the list returned."""
    from docmanager.subtitles import qc

    checked = []
    real = qc.check_lines

    def counting(lines, **kwargs):
        lines = list(lines)
        checked.append(lines)
        return real(lines, **kwargs)

    monkeypatch.setattr(qc, "check_lines", counting)
    return checked


def test_after_a_change_only_what_it_touched_is_checked_again(demo, monkeypatch):
    from docmanager.db.models import Segment, Transcript
    from docmanager.transcripts.store import edit_segment

    part2 = clip_id(demo, PART_2)
    demo.user = "Li Na"
    with demo.session() as s:
        first = board(s)
        line = s.scalar(select(Segment.id).join(Transcript, Transcript.id == Segment.transcript_id).where(
            Transcript.clip_id == part2, Transcript.lang == "en").order_by(Segment.position.desc()))
    checked = count_checks(monkeypatch)
    # A state set touches no line: the catalogue changed, yet nothing is checked again.
    set_state(demo, clip_id=clip_id(demo, "Liu Jingjun – interview, part 1"), lang="zh", state="reviewed",
              note="checked against the tape")
    with demo.session() as s:
        second = board(s)
    assert checked == []
    assert second.to_json() == _fresh_board(demo).to_json()
    checked.clear()
    # The last line of part 2 made far too long and fast: its English cell and the cuts using it are checked again.
    edit_segment(demo, line, text="Every single day for twelve years we went to the station, to the police, "
                                  "to the newspapers, and asked again and again whether anyone had seen him.")
    with demo.session() as s:
        third = board(s)
    with_text = sum(1 for row in third.rows() for cell in row.cells.values() if cell.has_text)
    assert 1 <= len(checked) < with_text
    assert any("Every single day" in line.text for lines in checked for line in lines)
    assert third.clip_row(part2).cells["en"].qc > first.clip_row(part2).cells["en"].qc
    assert third.to_json() == _fresh_board(demo).to_json()  # the counts kept are the counts computed anew


def test_a_long_read_reports_progress_and_can_be_stopped(demo):
    from docmanager.jobs import CancelToken, Cancelled

    seen = []
    with demo.session() as s:
        b = board(s, progress=lambda done, total, message: seen.append((done, total)))
    clips_with_text = len({row.clip_id for row in b.rows() if row.kind == "clip"
                           and any(c.has_text for c in row.cells.values())})
    assert seen and seen[-1] == (clips_with_text, clips_with_text)
    token = CancelToken()
    token.cancel()
    demo.memo.clear()
    with demo.session() as s, pytest.raises(Cancelled):
        board(s, cancel=token)


#: FAST_EN with a fourth line, far too fast as well.
FAST_EN_AND_ONE_MORE = FAST_EN + """
4
00:00:09,500 --> 00:00:10,000
And we will go on searching, every single day, until the very end.
"""


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_change_made_while_the_board_reads_then_taken_back_leaves_no_stale_count(project, tmp_path,
                                                                                     monkeypatch):
    """The counts kept are those of what the board read, even when someone writes while it reads.

    Someone re-imports a transcript with one more line while the board is
    checking it, then imports the earlier file again: the lines are what
    they were, to the line.  The board must not show the count of the lines
    that came and went.
    """
    import docmanager.subtitles.board as core

    talk = add_plain_clip(project, "talk", seconds=20)
    srt = tmp_path / "talk_en.srt"
    srt.write_text(FAST_EN, encoding="utf-8")
    import_transcript(project, talk, srt, "en")
    real = core.clip_subtitle_lines

    def written_meanwhile(session, clip_id, lang, **kwargs):
        monkeypatch.setattr(core, "clip_subtitle_lines", real)
        srt.write_text(FAST_EN_AND_ONE_MORE, encoding="utf-8")
        import_transcript(project, talk, srt, "en")  # another writer, committed while the board reads
        return real(session, clip_id, lang, **kwargs)

    monkeypatch.setattr(core, "clip_subtitle_lines", written_meanwhile)
    with project.session() as s:
        board(s)
    assert core.clip_subtitle_lines is real  # the write happened during the read
    srt.write_text(FAST_EN, encoding="utf-8")
    import_transcript(project, talk, srt, "en")  # taken back: the lines as they were
    with project.session() as s:
        shown = board(s).clip_row(talk).cells["en"].qc
    assert shown == _fresh_board(project).clip_row(talk).cells["en"].qc


def test_the_counts_kept_can_be_pruned_while_another_read_adds_to_them(project):
    """Two reads of one project on two threads: the one that ends prunes the counts kept while the other
    is still adding to them (as it does, without the lock, for each cell it checks)."""
    import sys
    import threading

    from docmanager.subtitles import board as core
    from docmanager.subtitles.qc import NameSpelling, QcLimits

    context = (QcLimits(), tuple(NameSpelling(f"Name {i}") for i in range(5)))
    kept = {("clip", i, "en", None, context): 1 for i in range(500)}
    stop = threading.Event()
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # let the threads take turns as often as they can
    try:
        with project.session() as s:
            counts = core._counts_of(s)
            counts.update(kept)

            def other_read():
                i = 0
                while not stop.is_set():
                    counts[("clip", 10_000 + i % 500, "en", None, context)] = 1
                    i += 1

            thread = threading.Thread(target=other_read)
            thread.start()
            try:
                for _ in range(300):
                    core._forget_others(s, kept)
            finally:
                stop.set()
                thread.join()
    finally:
        sys.setswitchinterval(switch)


def test_a_project_opened_again_keeps_its_qc_counts_unless_their_file_is_damaged(demo_project, monkeypatch):
    """Closing and opening the project again does not check every interview anew; a damaged file of kept
    counts is read as none (everything checked again), never as wrong counts."""
    from docmanager.db.models import Segment, Transcript
    from docmanager.subtitles import board as core
    from docmanager.transcripts.store import edit_segment

    with Project.open(demo_project, backup=False) as p:
        fresh = _fresh_board(p).to_json()
        with p.session() as s:
            assert board(s).to_json() == fresh
    saved = demo_project / "cache" / core.SAVED_COUNTS
    assert saved.is_file()
    checked = count_checks(monkeypatch)
    with Project.open(demo_project, backup=False) as p, p.session() as s:
        assert board(s).to_json() == fresh
    assert checked == []
    saved.write_text('{"rules": "', encoding="utf-8")  # cut off mid-write by a crash
    with Project.open(demo_project, backup=False) as p, p.session() as s:
        assert board(s).to_json() == fresh
    all_cells = len(checked)
    assert all_cells > 0
    checked.clear()
    with Project.open(demo_project, backup=False) as p:  # written again whole: kept once more
        with p.session() as s:
            assert board(s).to_json() == fresh
        assert checked == []
        set_state(p, clip_id=clip_id(p, "Liu Jingjun – interview, part 1"), lang="zh", state="reviewed")
        with p.session() as s:
            edit_line = s.scalar(select(Segment.id).join(Transcript, Transcript.id == Segment.transcript_id)
                                 .where(Transcript.clip_id == clip_id(p, PART_2), Transcript.lang == "en"))
        edit_segment(p, edit_line, text="Twelve years.")
    with Project.open(demo_project, backup=False) as p:  # edited, then opened again
        with p.session() as s:
            shown = board(s).to_json()
        touched = len(checked)
        assert shown == _fresh_board(p).to_json()
    assert 0 < touched < all_cells  # only what the edit touched is checked again


def test_chinese_lines_without_english_count_as_findings_of_the_english_cell(project, tmp_path):
    talk = add_plain_clip(project, "talk", seconds=20)
    (tmp_path / "zh.srt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en.srt").write_text(EN.split("\n\n2\n")[0] + "\n", encoding="utf-8")  # the first line only
    import_transcript(project, talk, tmp_path / "zh.srt", "zh")
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    with project.session() as s:
        b = board(s)
        findings = cell_findings(s, clip_id=talk, lang="en")
        chinese = cell_findings(s, clip_id=talk, lang="zh")
    missing = [f for f in findings if f.problem == "untranslated"]
    assert b.clip_row(talk).cells["en"].qc == len(findings) >= 2
    assert [(f.index, f.start_ms, f.text) for f in missing] == [
        (2, 4500, "警察说他们会查DNA数据库。"), (2, 7500, "我们找了十二年。")]
    assert missing[0].message == "Chinese line 2 (00:00:04,500) has no English: 警察说他们会查DNA数据库。"
    assert missing[0].clip_id == talk and missing[0].segment_id is not None
    assert not [f for f in chinese if f.problem == "untranslated"]
    # Translated in full, the findings go.
    (tmp_path / "en.srt").write_text(EN, encoding="utf-8")
    import_transcript(project, talk, tmp_path / "en.srt", "en", translation_of="zh")
    with project.session() as s:
        assert not [f for f in cell_findings(s, clip_id=talk, lang="en") if f.problem == "untranslated"]
        assert board(s).clip_row(talk).cells["en"].qc == len(cell_findings(s, clip_id=talk, lang="en"))
