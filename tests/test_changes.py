"""The change feed: which rows other people changed since an open view last looked."""
from __future__ import annotations

import pytest

from docmanager.catalogue.clips import set_clips
from docmanager.changes import ChangeFeed, clip_ids_of_segments
from docmanager.project import Project
from docmanager.transcripts.store import edit_segment
from tests.factories import add_plain_clip

BOTH_BACKENDS = True


def poll(feed, seconds: float = 5.0):
    """The next changes the feed reports (PostgreSQL's notifications arrive a moment after the commit)."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        changes = feed.poll()
        if changes is not None or time.monotonic() > deadline:
            return changes
        time.sleep(0.02)


def quiet(feed, seconds: float = 0.5) -> bool:
    """True when the feed reports nothing for a while (every notification has had time to arrive)."""
    return poll(feed, seconds) is None


def _import_lines(project, clip_id, texts):
    from docmanager.transcripts.readers import RawSegment, ReadResult
    from docmanager.transcripts.store import import_read_result

    lines = [RawSegment(i * 2000, i * 2000 + 1500, t) for i, t in enumerate(texts)]
    return import_read_result(project, clip_id, ReadResult(lines, "utf-8", "srt"), "zh")


def test_nothing_changed_gives_nothing(project):
    add_plain_clip(project, "interview")
    feed = ChangeFeed(project)
    assert quiet(feed)


def test_another_writer_s_edit_names_its_rows(project, project_dir):
    a, b = add_plain_clip(project, "a"), add_plain_clip(project, "b")
    feed = ChangeFeed(project)
    with Project.open(project_dir, backup=False) as other:
        other.user = "sun.mei"
        set_clips(other, [b], rating=4)
    changes = poll(feed)
    assert changes is not None and not changes.everything
    assert changes.ids("clips") == {b} and a not in changes.ids("clips")
    assert not changes.added_or_removed("clips")
    assert changes.users == {"sun.mei"}
    assert quiet(feed)  # each change is reported once


def test_this_process_s_own_edits_are_not_reported(project, project_dir):
    clip = add_plain_clip(project, "a")
    feed = ChangeFeed(project)
    set_clips(project, [clip], rating=2, add_tags=["tearful"])
    assert quiet(feed)
    # ...but someone else's edit made in the same moment is.
    with Project.open(project_dir, backup=False) as other:
        set_clips(other, [clip], notes="theirs")
    set_clips(project, [clip], rating=3)
    changes = poll(feed)
    assert changes is not None and changes.ids("clips") == {clip}


def test_a_new_clip_is_an_insert(project, project_dir):
    feed = ChangeFeed(project)
    with Project.open(project_dir, backup=False) as other:
        new = add_plain_clip(other, "new")
    changes = poll(feed)
    assert changes.added_or_removed("clips") and new in changes.ids("clips")


def test_a_line_edited_elsewhere_maps_to_its_clip(project, project_dir):
    clip = add_plain_clip(project, "interview")
    _import_lines(project, clip, ["你好", "我儿子丢了"])
    feed = ChangeFeed(project)
    with project.session() as s:
        from docmanager.transcripts.store import transcript_json

        seg = transcript_json(s, clip, lang="zh")["segments"][1]["id"]
    with Project.open(project_dir, backup=False) as other:
        edit_segment(other, seg, text="我的儿子丢了")
    changes = poll(feed)
    assert changes.ids("segments") == {seg}
    with project.session() as s:
        assert clip_ids_of_segments(s, changes.ids("segments")) == {clip}


def test_a_write_that_bypassed_docmanager_still_shows(project, project_dir, backend):
    clip = add_plain_clip(project, "a")
    feed = ChangeFeed(project)
    from sqlalchemy import text

    with Project.open(project_dir, backup=False) as other:
        with other.engine.begin() as conn:  # no activity log entry
            conn.execute(text("UPDATE clips SET rating = 5, version = version + 1 WHERE id = :id"), {"id": clip})
    changes = poll(feed)
    assert changes is not None
    if backend == "sqlite":
        assert changes.everything  # SQLite only knows that something changed
    else:
        assert changes.touches("clips") and not changes.everything  # the notification names the table


def test_an_entry_committed_after_a_later_one_is_not_missed(project, project_dir, backend):
    """On PostgreSQL ids come from a sequence: a slow transaction's entry can commit after a quicker one's."""
    if backend == "sqlite":
        pytest.skip("SQLite has one writer at a time: its ids commit in order")
    a, b = add_plain_clip(project, "a"), add_plain_clip(project, "b")
    feed = ChangeFeed(project)
    with Project.open(project_dir, backup=False) as slow, Project.open(project_dir, backup=False) as quick:
        with slow.transaction() as s:  # takes its log id first, commits last
            from docmanager.db.models import Clip

            s.get(Clip, a).rating = 1
            s.flush()
            set_clips(quick, [b], rating=2)
            first = poll(feed)
            assert first is not None and first.ids("clips") == {b}
    later = poll(feed)
    assert later is not None and later.ids("clips") == {a}
