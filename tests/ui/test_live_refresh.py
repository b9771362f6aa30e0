"""Other people's changes appear in an open main window without a restart, and only the rows they touched are read."""
from __future__ import annotations

from pathlib import Path

import pytest

from docmanager.catalogue.clips import set_clips
from docmanager.project import Project
from tests.conftest import run_cli_process
from tests.ui.conftest import build_catalogue, clip_id_by_name, stored_clip

TIMEOUT_MS = 10_000


def _row(window, clip_id):
    row = window.clip_model.row_of(clip_id)
    assert row is not None
    return window.clip_model.row_data(row)


def _select(qtbot, window, clip_id):
    window.browser.select_ids([clip_id])
    qtbot.waitUntil(lambda: window.inspector.clip_ids() == [clip_id], timeout=TIMEOUT_MS)


def test_an_edit_made_by_another_process_shows_without_a_restart(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    posters = clip_id_by_name(catalogue_dir, "Posters on Yingze Street")
    _select(qtbot, window, kitchen)
    assert window.live_timer.isActive()
    before = _row(window, posters)
    shown = []
    window.changesShown.connect(shown.append)

    # Someone else, in another process (the command line on another laptop), rates and tags the clip.
    r = run_cli_process("--project", catalogue_dir, "clip", "set", kitchen, "--rating", "1", "--tag", "tearful",
                        env={"DOCMANAGER_USER": "sun.mei"})
    assert r.status == 0, r.err

    qtbot.waitUntil(lambda: _row(window, kitchen).rating == 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.inspector.summary().rating == 1, timeout=TIMEOUT_MS)
    assert "tearful" in window.inspector.summary().tags
    assert window.browser.selected_ids() == [kitchen]  # the selection stays
    assert "tearful" in [t.name for t in window._facets.tags]  # the sidebar knows the new tag
    # Only the row that changed was read again: the table was not reset.
    assert shown and shown[-1].ids("clips") == {kitchen} and not shown[-1].everything
    assert _row(window, posters) == before
    assert "sun.mei" in window.statusBar().currentMessage()


def test_own_edits_do_not_come_back_as_someone_else_s(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    _select(qtbot, window, kitchen)
    window._on_rating_chosen(2)
    assert stored_clip(catalogue_dir, kitchen)["rating"] == 2
    assert window.poll_changes() is None


def test_a_clip_added_elsewhere_appears_and_a_bypassing_write_is_read_in_full(qtbot, window, catalogue_dir):
    from tests.factories import add_plain_clip

    count = window.clip_model.rowCount()
    with Project.open(catalogue_dir, backup=False) as other:
        new = add_plain_clip(other, "Railway station, night")
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == count + 1, timeout=TIMEOUT_MS)
    assert window.clip_model.row_of(new) is not None

    # A tool that writes the file directly (no activity log): SQLite only says "something changed".
    from sqlalchemy import text

    with Project.open(catalogue_dir, backup=False) as other, other.engine.begin() as conn:
        conn.execute(text("UPDATE clips SET name = 'Renamed outside' WHERE id = :id"), {"id": new})
    qtbot.waitUntil(lambda: _row(window, new).name == "Renamed outside", timeout=TIMEOUT_MS)


@pytest.mark.postgres
def test_team_catalogue_edits_from_another_laptop_show(qtbot, make_window, pg_url, tmp_path, cli):
    # Build the catalogue on this laptop's SQLite file, copy it to the team database, open it there.
    solo = build_catalogue(tmp_path / "solo")
    r = cli("--project", solo, "migrate", "--to", pg_url, "--json")
    assert r.status == 0, r.out + r.err
    r = cli("init", tmp_path / "laptop A", "--db", pg_url, "--json")
    assert r.status == 0, r.out + r.err
    r = cli("init", tmp_path / "laptop B", "--db", pg_url, "--json")
    assert r.status == 0, r.out + r.err
    window = make_window(tmp_path / "laptop A")
    with Project.open(tmp_path / "laptop A", backup=False) as p, p.session() as s:
        from sqlalchemy import select

        from docmanager.db.models import Clip

        wang = s.scalar(select(Clip.id).where(Clip.name == "Wang interview"))
    _select(qtbot, window, wang)
    r = run_cli_process("--project", tmp_path / "laptop B", "clip", "set", wang, "--notes", "他说了两遍",
                        env={"DOCMANAGER_USER": "zhao.lin"})
    assert r.status == 0, r.err
    qtbot.waitUntil(lambda: window.inspector.summary().notes == "他说了两遍", timeout=TIMEOUT_MS)


def test_a_line_edited_elsewhere_shows_in_the_open_transcript(qtbot, make_window, demo_project):
    from docmanager.transcripts.store import edit_segment
    from tests.ui.test_transcript_view import open_interview

    demo_dir = demo_project
    window = make_window(demo_dir)
    clip_id = open_interview(qtbot, window)
    view = window.transcript_view
    first = view.model.line(0).original
    with Project.open(demo_dir, backup=False) as other:
        other.user = "wang.fang"
        edit_segment(other, first.id, text="我儿子是在太原火车站被拐走的。")
    qtbot.waitUntil(lambda: view.model.line(0).original.text == "我儿子是在太原火车站被拐走的。", timeout=TIMEOUT_MS)
    assert view.clip_id() == clip_id


def test_a_stale_clip_edit_in_the_inspector_asks_which_to_keep(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    _select(qtbot, window, kitchen)
    window.live_timer.stop()  # the window has not looked yet when the user types
    with Project.open(catalogue_dir, backup=False) as other:
        other.user = "sun.mei"
        set_clips(other, [kitchen], notes="Their note")
    asked = []

    def keep_theirs(conflicts):
        asked.extend(conflicts)
        return False

    window.editor.conflict_handler = keep_theirs
    window._on_notes_edited("My note")
    assert [(c.field, c.theirs, c.mine, c.who) for c in asked] == [("notes", "Their note", "My note", "sun.mei")]
    assert stored_clip(catalogue_dir, kitchen)["notes"] == "Their note"
    assert window.inspector.summary().notes == "Their note"  # and the inspector shows theirs

    # Keeping mine writes it, and undo brings theirs back.
    asked.clear()
    window.editor.conflict_handler = lambda conflicts: asked.extend(conflicts) or True
    with Project.open(catalogue_dir, backup=False) as other:
        set_clips(other, [kitchen], notes="Their second note")
    window._on_notes_edited("My note")
    assert asked and asked[0].theirs == "Their second note"
    assert stored_clip(catalogue_dir, kitchen)["notes"] == "My note"
    window.undo_action.trigger()
    assert stored_clip(catalogue_dir, kitchen)["notes"] == "Their second note"


def test_an_edit_of_another_field_merges_without_asking(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    _select(qtbot, window, kitchen)
    window.live_timer.stop()
    with Project.open(catalogue_dir, backup=False) as other:
        set_clips(other, [kitchen], notes="Their note")
    window.editor.conflict_handler = lambda conflicts: pytest.fail(f"asked about {conflicts}")
    window._on_rating_chosen(1)
    stored = stored_clip(catalogue_dir, kitchen)
    assert stored["rating"] == 1 and stored["notes"] == "Their note"


def test_the_conflict_box_shows_both_values(qtbot, window, catalogue_dir):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    _select(qtbot, window, kitchen)
    window.live_timer.stop()
    with Project.open(catalogue_dir, backup=False) as other:
        other.user = "sun.mei"
        set_clips(other, [kitchen], rating=5)
    seen = {}

    def answer():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
                   and w.objectName() == "clipConflictBox")
        seen["text"] = box.text() + "\n" + box.informativeText()
        keep_mine = next(b for b in box.buttons() if b.objectName() == "keepMine")
        keep_mine.click()

    QTimer.singleShot(200, answer)
    window._on_rating_chosen(1)
    assert "sun.mei" in seen["text"] and "★★★★★" in seen["text"] and "★" in seen["text"]
    assert "Kitchen window" in seen["text"]
    assert stored_clip(catalogue_dir, kitchen)["rating"] == 1


def test_the_activity_log_window_shows_another_process_s_change(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    window.activity_log_action.trigger()
    log = window.activity_log
    assert log is not None and log.isVisible()
    qtbot.waitUntil(lambda: not log.is_loading(), timeout=TIMEOUT_MS)
    r = run_cli_process("--project", catalogue_dir, "clip", "set", kitchen, "--rating", "1",
                        env={"DOCMANAGER_USER": "sun.mei"})
    assert r.status == 0, r.err
    qtbot.waitUntil(lambda: log.model.rowCount() and log.model.row_texts(0)[1] == "sun.mei", timeout=TIMEOUT_MS)
    assert "rating: 3 → 1" in log.model.row_texts(0)[3]


# ------------------------------------------------ undo and redo of clip edits over someone else's change
def _elsewhere(project_dir, ids, user="sun.mei", **changes):
    """Another person (another process or laptop) edits the clips."""
    with Project.open(project_dir, backup=False) as other:
        other.user = user
        set_clips(other, ids, **changes)


def _answer_conflict_box(button, seen):
    """Answer the next clip conflict box with ``button`` ("keepMine" or "keepTheirs"), noting what it said."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer():
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
                    and w.objectName() == "clipConflictBox"), None)
        if box is not None:  # no box: nothing is noted, and the test says so
            seen.append(box.text() + "\n" + box.informativeText())
            next(b for b in box.buttons() if b.objectName() == button).click()

    QTimer.singleShot(200, answer)


def _select_many(qtbot, window, ids):
    window.browser.select_ids(ids)
    qtbot.waitUntil(lambda: sorted(window.inspector.clip_ids()) == sorted(ids), timeout=TIMEOUT_MS)


def test_undo_over_a_later_change_asks_and_keeping_theirs_leaves_it(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    _select(qtbot, window, kitchen)
    window.live_timer.stop()
    window._on_notes_edited("Hands on the window sill")
    _elsewhere(catalogue_dir, [kitchen], notes="She waits by the window")
    steps = window.undo_stack.index()
    seen: list = []
    _answer_conflict_box("keepTheirs", seen)
    window.undo_action.trigger()
    assert len(seen) == 1
    assert "sun.mei" in seen[0] and "She waits by the window" in seen[0] and "Kitchen window" in seen[0]
    assert stored_clip(catalogue_dir, kitchen)["notes"] == "She waits by the window"
    assert window.inspector.summary().notes == "She waits by the window"
    # The step is undone all the same (as for transcript lines and markers): redo is next.
    assert window.undo_stack.index() == steps - 1 and window.redo_action.isEnabled()

    # Redo over their change asks too; keeping mine writes mine.
    _answer_conflict_box("keepMine", seen)
    window.redo_action.trigger()
    assert len(seen) == 2 and "She waits by the window" in seen[1] and "Hands on the window sill" in seen[1]
    assert stored_clip(catalogue_dir, kitchen)["notes"] == "Hands on the window sill"
    assert window.undo_stack.index() == steps


def test_undo_over_a_later_change_keeping_mine_restores_what_was_there(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    _select(qtbot, window, kitchen)
    window.live_timer.stop()
    original = stored_clip(catalogue_dir, kitchen)["rating"]
    window._on_rating_chosen(1)
    _elsewhere(catalogue_dir, [kitchen], rating=5)
    seen: list = []
    _answer_conflict_box("keepMine", seen)
    window.undo_action.trigger()
    assert len(seen) == 1 and "★★★★★" in seen[0]
    assert stored_clip(catalogue_dir, kitchen)["rating"] == original

    # Nobody else touched it since: redo writes mine without asking.
    window.editor.conflict_handler = lambda conflicts: pytest.fail(f"asked about {conflicts}")
    window.redo_action.trigger()
    assert stored_clip(catalogue_dir, kitchen)["rating"] == 1


def test_redo_over_a_later_change_asks_and_keeping_theirs_leaves_it(qtbot, window, catalogue_dir):
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    _select(qtbot, window, kitchen)
    window.live_timer.stop()
    window._on_shoot_chosen("Zhoukou – poster van")
    window.undo_action.trigger()
    assert stored_clip(catalogue_dir, kitchen)["shoot"] == "Taiyuan – Liu family home"
    _elsewhere(catalogue_dir, [kitchen], shoot=None)
    asked: list = []
    window.editor.conflict_handler = lambda conflicts: asked.extend(conflicts) or False
    window.redo_action.trigger()
    assert [(c.clip_id, c.field, c.theirs, c.mine, c.who) for c in asked] == [
        (kitchen, "shoot", None, "Zhoukou – poster van", "sun.mei")]
    assert stored_clip(catalogue_dir, kitchen)["shoot"] is None
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()


def test_undo_restores_mine_without_asking_when_they_changed_another_field(qtbot, window, catalogue_dir):
    posters = clip_id_by_name(catalogue_dir, "Posters on Yingze Street")
    _select(qtbot, window, posters)
    window.live_timer.stop()
    before = stored_clip(catalogue_dir, posters)
    window._on_notes_edited("Posters in the rain")
    window._on_subject_toggled("Wang Guoqiang", True)
    # They change the rating, and put the same subjects back in another order (the same subjects).
    _elsewhere(catalogue_dir, [posters], rating=1)
    _elsewhere(catalogue_dir, [posters], subjects=["Wang Guoqiang", "Zhang Xiuying", "Liu Jingjun"])
    window.editor.conflict_handler = lambda conflicts: pytest.fail(f"asked about {conflicts}")
    window.undo_action.trigger()
    stored = stored_clip(catalogue_dir, posters)
    assert sorted(stored["subjects"]) == sorted(before["subjects"]) and stored["rating"] == 1
    window.undo_action.trigger()
    stored = stored_clip(catalogue_dir, posters)
    assert stored["notes"] == before["notes"] and stored["rating"] == 1
    window.redo_action.trigger()
    stored = stored_clip(catalogue_dir, posters)
    assert stored["notes"] == "Posters in the rain" and stored["rating"] == 1


def test_undo_of_a_many_clip_edit_asks_once_about_the_clip_changed_elsewhere(qtbot, window, catalogue_dir):
    names = ["Kitchen window", "Posters on Yingze Street", "Highway at dusk"]
    kitchen, posters, highway = ids = [clip_id_by_name(catalogue_dir, n) for n in names]
    _select_many(qtbot, window, ids)
    window.live_timer.stop()
    before = {i: stored_clip(catalogue_dir, i)["tags"] for i in ids}
    window._on_tags_edited(["tearful"], [])
    assert all("tearful" in stored_clip(catalogue_dir, i)["tags"] for i in ids)
    _elsewhere(catalogue_dir, [posters], add_tags=["night"])
    seen: list = []
    _answer_conflict_box("keepTheirs", seen)
    window.undo_action.trigger()
    assert len(seen) == 1 and "Posters on Yingze Street" in seen[0]
    assert "Kitchen window" not in seen[0] and "Highway at dusk" not in seen[0]
    # Theirs stays on the clip they changed; the others are put back without asking.
    assert sorted(stored_clip(catalogue_dir, posters)["tags"]) == sorted(before[posters] + ["night", "tearful"])
    assert stored_clip(catalogue_dir, kitchen)["tags"] == before[kitchen]
    assert stored_clip(catalogue_dir, highway)["tags"] == before[highway]

    # Redo: the clip still holding theirs is asked about again; keeping mine writes mine there too.
    _answer_conflict_box("keepMine", seen)
    window.redo_action.trigger()
    assert len(seen) == 2
    assert sorted(stored_clip(catalogue_dir, posters)["tags"]) == sorted(before[posters] + ["tearful"])
    assert all("tearful" in stored_clip(catalogue_dir, i)["tags"] for i in ids)


def test_undo_over_many_later_changes_lists_them_in_one_box(qtbot, window, catalogue_dir):
    from tests.factories import add_plain_clip

    count = window.clip_model.rowCount()
    with Project.open(catalogue_dir, backup=False) as other:
        extra = [add_plain_clip(other, "Railway station, night"), add_plain_clip(other, "Bus to Zhoukou")]
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == count + 2, timeout=TIMEOUT_MS)
    ids = window.clip_model.ids()
    assert len(ids) == 10 and set(extra) <= set(ids)
    _select_many(qtbot, window, ids)
    window.live_timer.stop()
    notes = {i: stored_clip(catalogue_dir, i)["notes"] for i in ids}
    window._on_notes_edited("For the trailer")
    _elsewhere(catalogue_dir, ids, notes="Not for the trailer")
    seen: list = []
    _answer_conflict_box("keepMine", seen)
    window.undo_action.trigger()
    assert len(seen) == 1 and seen[0].count("Not for the trailer") == 8 and "…and 2 more" in seen[0]
    assert {i: stored_clip(catalogue_dir, i)["notes"] for i in ids} == notes


def test_a_change_made_while_the_box_is_open_is_kept_and_not_asked_about_twice(qtbot, window, catalogue_dir):
    names = ["Kitchen window", "Posters on Yingze Street"]
    kitchen, posters = ids = [clip_id_by_name(catalogue_dir, n) for n in names]
    _select_many(qtbot, window, ids)
    window.live_timer.stop()
    notes = {i: stored_clip(catalogue_dir, i)["notes"] for i in ids}
    window._on_notes_edited("Both in the rushes")
    _elsewhere(catalogue_dir, [kitchen], notes="Kitchen only")
    asked: list = []

    def keep_mine_while_they_rate(conflicts):
        asked.append(conflicts)
        _elsewhere(catalogue_dir, [posters], rating=1)  # while the box is open
        return True

    window.editor.conflict_handler = keep_mine_while_they_rate
    window.undo_action.trigger()
    assert [[(c.clip_id, c.field) for c in conflicts] for conflicts in asked] == [[(kitchen, "notes")]]
    assert {i: stored_clip(catalogue_dir, i)["notes"] for i in ids} == notes
    assert stored_clip(catalogue_dir, posters)["rating"] == 1
