"""In and Out, markers and subclips set from the player, and the Markers panel, over a real project on disk.

The clip is real footage generated at 29.97 fps (30000/1001), where a time
rounded to the millisecond does not always fall back on the same frame: what
the player marks must land on the frame that showed, to the frame.
"""
from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from docmanager.catalogue.ranges import add_marker_frames, frame_start_ms, markers_of, subclips_of
from docmanager.project import Project
from ui.views.ranges import COLOUR, MARKER, SUBCLIP, TEXT

TIMEOUT_MS = 30_000
RATE = Fraction(30000, 1001)
CLIP_NAME = "station.mp4"  # a clip ingested from a loose file is named after it


@pytest.fixture(scope="module")
def footage_project(tmp_path_factory) -> Path:
    """A project with one ingested clip: 4 s of generated 29.97p footage with sound."""
    from docmanager.ingest.ingest import ingest
    from docmanager.media.generate import make_clip

    root = tmp_path_factory.mktemp("ranges")
    make_clip(root / "media" / CLIP_NAME, seconds=4, size=(320, 180), rate=RATE)
    project = Project.create(root / "Film", name="Film")
    try:
        report = ingest(project, [root / "media"], posters=False)
        assert report.ok, report.failed
    finally:
        project.close()
    return root / "Film"


@pytest.fixture
def project_dir(footage_project, tmp_path) -> Path:
    target = tmp_path / "Film"
    shutil.copytree(footage_project, target)
    return target


def frame_at(ms: int) -> int:
    """The frame showing at ``ms``, worked out here independently of the code under test."""
    return int(Fraction(ms, 1000) * RATE)


def stored(project_dir: Path, clip_id: int):
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return markers_of(s, clip_id), subclips_of(s, clip_id)


@pytest.fixture
def player_window(qtbot, make_window, project_dir):
    """The main window on the project, the clip open in the Transcript tab, loaded, the focus in the player."""
    window = make_window(project_dir)
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT_MS)
    clip_id = window.browser.selected_ids()[0]
    assert window.open_transcript(clip_id)
    player = window.player
    qtbot.waitUntil(player.is_loaded, timeout=TIMEOUT_MS)
    assert player.clip() is not None and player.clip().clip_id == clip_id
    assert window.ranges_panel.clip_id() == clip_id
    player.setFocus()
    qtbot.waitUntil(player.hasFocus)
    return window, clip_id


def seek(qtbot, player, ms: int) -> None:
    player.seek_ms(ms)
    qtbot.waitUntil(lambda: player.position_ms() == ms, timeout=TIMEOUT_MS)


def test_in_out_and_shift_s_make_a_frame_exact_subclip(qtbot, player_window, project_dir):
    window, clip_id = player_window
    player = window.player
    seek(qtbot, player, 1250)
    qtbot.keyClick(player, Qt.Key.Key_I)
    seek(qtbot, player, 2600)
    qtbot.keyClick(player, Qt.Key.Key_O)
    first, last = frame_at(1250), frame_at(2600)
    assert (first, last) == (37, 77)
    assert (player.in_frame(), player.out_frame()) == (first, last)
    # The timeline shows In–Out as a band from the In frame's start to the end of the Out frame.
    assert player.slider.in_ms == frame_start_ms(first, 30000, 1001) == 1235
    assert player.slider.out_ms == frame_start_ms(last + 1, 30000, 1001) == 2603
    assert player.in_out_label.text().startswith("In 00:00:01;07")

    qtbot.keyClick(player, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    dialog = player.subclip_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text() == f"{CLIP_NAME} 00:00:01–00:00:02"
    dialog.name.setText("Mother at the station")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert player.subclip_dialog is None

    _markers, subclips = stored(project_dir, clip_id)
    assert [(s.name, s.in_frame, s.out_frame) for s in subclips] == [("Mother at the station", 37, 78)]
    # Listed in the panel and drawn as a bar under the timeline.
    model = window.ranges_panel.model
    assert model.rowCount() == 1 and model.item(0).kind == SUBCLIP
    assert model.index(0, TEXT).data() == "Mother at the station"
    assert [(b.start_ms, b.end_ms) for b in player.slider.bars] == [(1235, 2603)]

    # Alt+O, Alt+I, Alt+X clear; a subclip needs both points.
    qtbot.keyClick(player, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert (player.in_frame(), player.out_frame()) == (first, None)
    qtbot.keyClick(player, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert (player.in_frame(), player.out_frame(), player.slider.in_ms) == (None, None, None)
    with qtbot.waitSignal(player.notice, timeout=1000):
        qtbot.keyClick(player, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    assert player.subclip_dialog is None
    assert len(stored(project_dir, clip_id)[1]) == 1

    # Undo takes the subclip away again; redo brings it back on the same frames.
    window.undo_action.trigger()
    assert stored(project_dir, clip_id)[1] == [] and model.rowCount() == 0 and player.slider.bars == []
    window.redo_action.trigger()
    assert [(s.in_frame, s.out_frame) for s in stored(project_dir, clip_id)[1]] == [(37, 78)]


def test_m_adds_a_marker_with_its_note_and_colour(qtbot, player_window, project_dir):
    window, clip_id = player_window
    player = window.player
    seek(qtbot, player, 3100)
    qtbot.keyClick(player, Qt.Key.Key_M)
    popup = player.marker_popup
    assert popup is not None and popup.isVisible()
    qtbot.keyClicks(popup.note, "she shows the photo")
    popup.findChild(type(popup.colours.buttons()[0]), "colour_blue").click()
    qtbot.keyClick(popup.note, Qt.Key.Key_Return)
    assert player.marker_popup is None

    markers, _subclips = stored(project_dir, clip_id)
    assert [(m.frame, m.duration_frames, m.note, m.colour) for m in markers] == [
        (frame_at(3100), 0, "she shows the photo", "blue")]
    marker_id = markers[0].id

    # With In and Out set, M marks the range; Esc in the popup adds nothing.
    seek(qtbot, player, 500)
    qtbot.keyClick(player, Qt.Key.Key_I)
    seek(qtbot, player, 900)
    qtbot.keyClick(player, Qt.Key.Key_O)
    qtbot.keyClick(player, Qt.Key.Key_M)
    player.marker_popup.reject()
    assert len(stored(project_dir, clip_id)[0]) == 1
    qtbot.keyClick(player, Qt.Key.Key_M)
    popup = player.marker_popup
    assert popup.colour() == "blue"  # the colour chosen last time
    qtbot.keyClicks(popup.note, "DNA")
    popup.accept()
    markers, _subclips = stored(project_dir, clip_id)
    assert [(m.frame, m.duration_frames, m.note) for m in markers] == [
        (frame_at(500), frame_at(900) + 1 - frame_at(500), "DNA"), (frame_at(3100), 0, "she shows the photo")]

    # Drawn as ticks: hovering shows the note, a click on the tick jumps there.
    slider = player.slider
    mark = next(m for m in slider.marks if "photo" in m.text)
    assert mark.start_ms == frame_start_ms(frame_at(3100), 30000, 1001)
    tick = QPoint(round(slider.x_of(mark.start_ms)), 3)
    assert slider.mark_at(tick) is mark and mark.text.endswith("she shows the photo")
    seek(qtbot, player, 100)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=tick)
    assert player.requested_ms() == mark.start_ms
    qtbot.waitUntil(lambda: player.current_frame() == frame_at(3100), timeout=TIMEOUT_MS)

    # The panel lists both in time order; a note and a colour are edited in place, undoably.
    panel = window.ranges_panel
    model = panel.model
    assert [model.index(r, TEXT).data() for r in range(model.rowCount())] == ["DNA", "she shows the photo"]
    row = model.row_of(MARKER, marker_id)
    assert model.setData(model.index(row, TEXT), "she shows his photo")
    assert model.setData(model.index(row, COLOUR), "green")
    assert [(m.note, m.colour) for m in stored(project_dir, clip_id)[0] if m.id == marker_id] == [
        ("she shows his photo", "green")]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [(m.note, m.colour) for m in stored(project_dir, clip_id)[0] if m.id == marker_id] == [
        ("she shows the photo", "blue")]


def test_the_panel_jumps_to_and_deletes_markers_and_subclips(qtbot, player_window, project_dir):
    window, clip_id = player_window
    player, panel = window.player, window.ranges_panel
    window.side_tabs.setCurrentWidget(panel)
    seek(qtbot, player, 400)
    qtbot.keyClick(player, Qt.Key.Key_Right)  # one frame on
    assert player.position_ms() == frame_start_ms(frame_at(400) + 1, 30000, 1001)
    qtbot.keyClick(player, Qt.Key.Key_Left)
    qtbot.keyClick(player, Qt.Key.Key_Left)
    assert player.current_frame() == frame_at(400) - 1
    qtbot.keyClick(player, Qt.Key.Key_I)
    seek(qtbot, player, 1800)
    qtbot.keyClick(player, Qt.Key.Key_O)
    player.make_subclip().accept()  # the default name
    seek(qtbot, player, 2000)
    player.clear_in_out()
    qtbot.keyClick(player, Qt.Key.Key_M)
    qtbot.keyClicks(player.marker_popup.note, "the bus leaves")
    qtbot.keyClick(player.marker_popup.note, Qt.Key.Key_Return)
    markers, subclips = stored(project_dir, clip_id)
    assert len(markers) == 1 and len(subclips) == 1
    assert subclips[0].name == f"{CLIP_NAME} 00:00:00–00:00:01" and subclips[0].in_frame == frame_at(400) - 1

    model, table = panel.model, panel.table
    assert model.rowCount() == 2
    assert [model.item(r).kind for r in range(2)] == [SUBCLIP, MARKER]
    assert model.index(1, 1).data() == "00:00:01;29"  # frame 59 at 29.97 (drop-frame timecode)
    assert model.index(0, 2).data() == "00:00:01;14"  # frames 10 to 53: 44 frames
    assert model.index(1, 2).data() == "—"

    # Double-click jumps the player there (the clip's transcript and player come to the front).
    seek(qtbot, player, 0)
    rect = table.visualRect(model.index(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click's
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # first press and release
    assert player.requested_ms() == frame_start_ms(frame_at(2000), 30000, 1001)
    assert window.center.currentWidget() is window.transcript_view
    qtbot.waitUntil(lambda: player.current_frame() == frame_at(2000), timeout=TIMEOUT_MS)

    # Del removes the selected rows from the catalogue; undo puts them back.
    window.side_tabs.setCurrentWidget(panel)
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert stored(project_dir, clip_id)[0] == [] and model.rowCount() == 1 and player.slider.marks == []
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert stored(project_dir, clip_id) == ([], []) and model.rowCount() == 0
    assert panel.stack.currentWidget() is panel.empty
    window.undo_action.trigger()
    markers, subclips = stored(project_dir, clip_id)
    assert markers == [] and [s.in_frame for s in subclips] == [frame_at(400) - 1]
    window.undo_action.trigger()
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["the bus leaves"]
    assert model.rowCount() == 2 and len(player.slider.marks) == 1


def test_markers_written_elsewhere_show_when_the_clip_is_opened(qtbot, make_window, project_dir):
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        from docmanager.catalogue.clips import clip_ids, ClipQuery

        clip_id = clip_ids(s, ClipQuery())[0]
    with Project.open(project_dir, backup=False) as project:
        add_marker_frames(project, clip_id, 12, note="from the command line", colour="yellow")
    window = make_window(project_dir)
    qtbot.waitUntil(lambda: window.ranges_panel.clip_id() == clip_id, timeout=TIMEOUT_MS)
    assert window.ranges_panel.model.index(0, TEXT).data() == "from the command line"
    assert window.open_transcript(clip_id)
    assert [m.note for m in window.player.markers()] == ["from the command line"]
    assert "from the command line" in window.player.slider.marks[0].text
    # Another clip, or none: the player forgets the clip's points and marks.
    window.player.set_source(None)
    assert window.player.clip() is None and window.player.slider.marks == []
    assert not window.player.marker_action.isEnabled()


# ------------------------------------------------ edits from a stale panel
@pytest.fixture
def marked_window(qtbot, make_window, project_dir):
    """The window on the project with a marker and a subclip on its clip, shown in the panel; the window does
    not look for other people's changes (as when they save just before the user types)."""
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        from docmanager.catalogue.clips import ClipQuery, clip_ids

        clip_id = clip_ids(s, ClipQuery())[0]
    with Project.open(project_dir, backup=False) as project:
        from docmanager.catalogue.ranges import add_subclip_frames

        marker_id = add_marker_frames(project, clip_id, 12, note="she shows the photo", colour="blue")
        subclip_id = add_subclip_frames(project, clip_id, 30, 60, "the platform", note="wide")
    window = make_window(project_dir)
    qtbot.waitUntil(lambda: window.ranges_panel.model.rowCount() == 2, timeout=TIMEOUT_MS)
    window.live_timer.stop()
    return window, clip_id, marker_id, subclip_id


def elsewhere(project_dir: Path, kind: str, id_: int, **values) -> None:
    """Someone else (sun.mei, in another Project) changes a marker or subclip."""
    from docmanager.catalogue.ranges import update_marker, update_subclip

    with Project.open(project_dir, backup=False) as other:
        other.user = "sun.mei"
        (update_marker if kind == MARKER else update_subclip)(other, id_, **values)


def failures_of(window) -> list:
    """The errors the window's marker edits report, as they come."""
    failures: list = []
    window.ranges_editor.failed.connect(failures.append)
    return failures


def edit(panel, kind: str, id_: int, value: str, column: int = TEXT) -> bool:
    """Type ``value`` into the panel's note or name cell (or choose it in the colour cell)."""
    return panel.model.setData(panel.model.index(panel.model.row_of(kind, id_), column), value)


def edit_over_theirs(project_dir: Path, panel, kind: str, id_: int, theirs: dict, button: str, value: str,
                     column: int = TEXT) -> str:
    """Someone else changes ``theirs``, then the panel (not knowing) writes ``value``; the conflict box
    is answered with ``button`` (keepMine or keepTheirs).  Returns the box's text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    elsewhere(project_dir, kind, id_, **theirs)
    seen = {"text": ""}

    def answer():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
                   and w.objectName() == "clipConflictBox")
        seen["text"] = box.text() + "\n" + box.informativeText()
        next(b for b in box.buttons() if b.objectName() == button).click()

    QTimer.singleShot(200, answer)
    edit(panel, kind, id_, value, column)
    return seen["text"]


def test_a_stale_marker_note_asks_which_to_keep(qtbot, marked_window, project_dir):
    window, clip_id, marker_id, _subclip_id = marked_window
    panel = window.ranges_panel

    # Keep theirs: nothing written, the panel shows theirs.
    text = edit_over_theirs(project_dir, panel, MARKER, marker_id, {"note": "she shows his photo"}, "keepTheirs",
                            "she hides the photo")
    assert "sun.mei" in text and f"Marker at 00:00:00;12 of {CLIP_NAME}" in text
    assert "she shows his photo" in text and "she hides the photo" in text
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she shows his photo"]
    assert panel.model.index(panel.model.row_of(MARKER, marker_id), TEXT).data() == "she shows his photo"
    assert not window.undo_action.isEnabled()

    # Keep mine: written over theirs; undo brings theirs back, redo mine.
    text = edit_over_theirs(project_dir, panel, MARKER, marker_id, {"note": "she shows his letter"}, "keepMine",
                            "she hides the photo")
    assert "she shows his letter" in text
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she hides the photo"]
    assert panel.model.index(panel.model.row_of(MARKER, marker_id), TEXT).data() == "she hides the photo"
    window.undo_action.trigger()
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she shows his letter"]
    window.redo_action.trigger()
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she hides the photo"]


def test_a_stale_subclip_rename_asks_and_a_colour_change_shows_theirs_and_mine(qtbot, marked_window, project_dir):
    window, clip_id, marker_id, subclip_id = marked_window
    panel = window.ranges_panel
    text = edit_over_theirs(project_dir, panel, SUBCLIP, subclip_id, {"name": "the platform, evening"}, "keepMine",
                            "the station")
    assert "Subclip at 00:00:01;00 of" in text and "the platform, evening" in text
    assert [(s.name, s.note) for s in stored(project_dir, clip_id)[1]] == [("the station", "wide")]

    text = edit_over_theirs(project_dir, panel, MARKER, marker_id, {"colour": "green"}, "keepTheirs", "yellow",
                            COLOUR)
    assert "Green" in text and "Yellow" in text
    assert [m.colour for m in stored(project_dir, clip_id)[0]] == ["green"]


def test_a_change_to_another_field_merges_without_asking(qtbot, marked_window, project_dir):
    window, clip_id, marker_id, subclip_id = marked_window
    panel = window.ranges_panel
    asked: list = []
    window.ranges_editor.conflict_handler = lambda conflicts: asked.extend(conflicts) or False
    elsewhere(project_dir, MARKER, marker_id, colour="green")
    elsewhere(project_dir, SUBCLIP, subclip_id, note="close")
    assert edit(panel, MARKER, marker_id, "she hides the photo")
    assert edit(panel, SUBCLIP, subclip_id, "the station")
    assert asked == []
    markers, subclips = stored(project_dir, clip_id)
    assert [(m.note, m.colour) for m in markers] == [("she hides the photo", "green")]
    assert [(s.name, s.note) for s in subclips] == [("the station", "close")]
    # Undo takes back only what this edit changed: their colour and note stay.
    window.undo_action.trigger()
    window.undo_action.trigger()
    markers, subclips = stored(project_dir, clip_id)
    assert [(m.note, m.colour) for m in markers] == [("she shows the photo", "green")]
    assert [(s.name, s.note) for s in subclips] == [("the platform", "close")]

    # The same value written by both is no conflict either, and leaves nothing to undo.
    elsewhere(project_dir, MARKER, marker_id, note="she shows the letter")
    steps = window.undo_stack.index()
    assert edit(panel, MARKER, marker_id, "she shows the letter")
    assert asked == [] and [m.note for m in stored(project_dir, clip_id)[0]] == ["she shows the letter"]
    assert window.undo_stack.index() == steps


def test_deleting_a_marker_someone_changed_meanwhile_deletes_nothing_and_shows_theirs(qtbot, marked_window,
                                                                                     project_dir):
    window, clip_id, marker_id, subclip_id = marked_window
    panel = window.ranges_panel
    failures = failures_of(window)
    elsewhere(project_dir, MARKER, marker_id, note="keep this: the photo of her son")
    panel.select(MARKER, marker_id)
    assert not panel.delete_selected()
    assert failures and "nothing was deleted" in str(failures[0])
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["keep this: the photo of her son"]
    assert panel.model.index(panel.model.row_of(MARKER, marker_id), TEXT).data() == \
        "keep this: the photo of her son"  # shown as it is now
    assert not window.undo_action.isEnabled()
    # Seen now: deleting it again goes ahead, and undo brings it back.
    panel.select(MARKER, marker_id)
    assert panel.delete_selected()
    assert stored(project_dir, clip_id)[0] == []
    window.undo_action.trigger()
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["keep this: the photo of her son"]
    # An unchanged subclip is deleted at once.
    panel.select(SUBCLIP, subclip_id)
    assert panel.delete_selected()
    assert stored(project_dir, clip_id)[1] == []


def test_undo_and_redo_ask_before_writing_over_a_later_change(qtbot, marked_window, project_dir):
    """Like a transcript line: undo writes theirs back only where the marker still says mine; when someone
    changed it again since, it asks first (and keeping theirs writes nothing).  Redo likewise."""
    window, clip_id, marker_id, _subclip_id = marked_window
    panel = window.ranges_panel
    asked: list = []
    answer = {"mine": True}
    window.ranges_editor.conflict_handler = lambda conflicts: asked.extend(conflicts) or answer["mine"]
    elsewhere(project_dir, MARKER, marker_id, note="she shows his letter")
    assert edit(panel, MARKER, marker_id, "she hides the photo")  # keeps mine over the letter
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she hides the photo"]

    # Nobody touched it since: undo puts exactly theirs back, without asking; redo mine.
    asked.clear()
    window.undo_action.trigger()
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she shows his letter"] and asked == []
    window.redo_action.trigger()
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she hides the photo"] and asked == []

    # Someone writes again: undo asks, and keeping theirs leaves theirs.
    elsewhere(project_dir, MARKER, marker_id, note="she reads his diary")
    answer["mine"] = False
    window.undo_action.trigger()
    assert [(c.field, c.theirs, c.mine, c.who) for c in asked] == [
        ("note", "she reads his diary", "she shows his letter", "sun.mei")]
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she reads his diary"]
    assert panel.model.index(panel.model.row_of(MARKER, marker_id), TEXT).data() == "she reads his diary"

    # Redo over someone else's change asks too; keeping mine writes it.
    asked.clear()
    answer["mine"] = True
    window.redo_action.trigger()
    assert [(c.theirs, c.mine) for c in asked] == [("she reads his diary", "she hides the photo")]
    assert [m.note for m in stored(project_dir, clip_id)[0]] == ["she hides the photo"]


def test_an_edit_of_a_moved_marker_merges_and_undo_leaves_it_where_they_put_it(qtbot, marked_window, project_dir):
    window, clip_id, marker_id, _subclip_id = marked_window
    panel = window.ranges_panel
    window.ranges_editor.conflict_handler = lambda conflicts: pytest.fail(f"asked about {conflicts}")
    elsewhere(project_dir, MARKER, marker_id, frame=40)
    assert edit(panel, MARKER, marker_id, "she hides the photo")
    assert [(m.note, m.frame) for m in stored(project_dir, clip_id)[0]] == [("she hides the photo", 40)]
    window.undo_action.trigger()
    assert [(m.note, m.frame) for m in stored(project_dir, clip_id)[0]] == [("she shows the photo", 40)]


def test_an_empty_subclip_note_is_the_same_as_none(qtbot, marked_window, project_dir):
    """Clearing a note that is already empty (stored as none or as "") writes nothing and leaves no undo step,
    also when someone else cleared it first."""
    window, clip_id, _marker_id, subclip_id = marked_window
    panel, editor = window.ranges_panel, window.ranges_editor
    editor.conflict_handler = lambda conflicts: pytest.fail(f"asked about {conflicts}")
    steps = window.undo_stack.index()
    elsewhere(project_dir, SUBCLIP, subclip_id, note=None)  # they clear it while the panel shows "wide"
    seen = panel.model.item(panel.model.row_of(SUBCLIP, subclip_id))
    assert seen.note == "wide"
    assert editor.change(SUBCLIP, subclip_id, seen, note="")
    assert window.undo_stack.index() == steps
    panel.reload()
    assert editor.change(SUBCLIP, subclip_id, panel.model.item(panel.model.row_of(SUBCLIP, subclip_id)), note="")
    assert editor.change(SUBCLIP, subclip_id, note="")
    assert window.undo_stack.index() == steps
    assert [s.note for s in stored(project_dir, clip_id)[1]] == [None]


def test_the_conflict_box_says_none_for_a_note_they_cleared(qtbot, marked_window, project_dir):
    window, _clip_id, marker_id, _subclip_id = marked_window
    text = edit_over_theirs(project_dir, window.ranges_panel, MARKER, marker_id, {"note": ""}, "keepTheirs",
                            "she hides the photo")
    assert "Theirs: none" in text


def test_a_marker_deleted_elsewhere_while_edited_says_so_and_shows_it_gone(qtbot, marked_window, project_dir):
    from docmanager.catalogue.ranges import remove_marker, remove_subclip

    window, clip_id, marker_id, subclip_id = marked_window
    failures, panel = failures_of(window), window.ranges_panel
    with Project.open(project_dir, backup=False) as other:
        remove_marker(other, marker_id)
        remove_subclip(other, subclip_id)
    assert panel.model.row_of(MARKER, marker_id) is not None  # not looked yet
    edit(panel, MARKER, marker_id, "she hides the photo")
    assert len(failures) == 1 and "deleted" in failures[0].message and "not saved" in failures[0].message
    assert str(marker_id) not in failures[0].message  # a person does not know ids
    assert panel.model.row_of(MARKER, marker_id) is None  # shown as it is now
    assert not window.undo_action.isEnabled()
    assert stored(project_dir, clip_id) == ([], [])

    # Deleting what someone else deleted already: it is gone, as wished; the panel shows so.
    failures.clear()
    panel.select(SUBCLIP, subclip_id)
    panel.delete_selected()
    assert failures == [] and panel.model.rowCount() == 0
    assert not window.undo_action.isEnabled()


def test_a_refresh_while_a_note_is_typed_keeps_the_typing(qtbot, marked_window, project_dir):
    """Other people's changes arriving while a cell is edited wait until the cell is closed; what was typed
    is saved on top of theirs."""
    from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QLineEdit

    window, clip_id, marker_id, _subclip_id = marked_window
    panel = window.ranges_panel
    window.ranges_editor.conflict_handler = lambda conflicts: pytest.fail(f"asked about {conflicts}")
    index = panel.model.index(panel.model.row_of(MARKER, marker_id), TEXT)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    line = panel.table.indexWidget(index)
    assert isinstance(line, QLineEdit)
    line.setText("she hides the photo")
    elsewhere(project_dir, MARKER, marker_id, colour="green")
    assert window.poll_changes() is not None
    assert panel.table.state() == QAbstractItemView.State.EditingState
    assert panel.table.indexWidget(index) is line and line.text() == "she hides the photo"

    delegate = panel.table.itemDelegateForIndex(index)
    delegate.commitData.emit(line)  # Enter
    delegate.closeEditor.emit(line, QAbstractItemDelegate.EndEditHint.NoHint)
    assert [(m.note, m.colour) for m in stored(project_dir, clip_id)[0]] == [("she hides the photo", "green")]
    item = panel.model.item(panel.model.row_of(MARKER, marker_id))
    assert (item.text, item.colour) == ("she hides the photo", "green")
    assert [i.id for i in panel.selected_items()] == [marker_id]

    # A refresh that arrives while the cell is open and is closed without a change shows when it closes.
    panel.table.edit(panel.model.index(panel.model.row_of(MARKER, marker_id), TEXT))
    line = panel.table.indexWidget(panel.model.index(panel.model.row_of(MARKER, marker_id), TEXT))
    elsewhere(project_dir, MARKER, marker_id, colour="blue")
    window.poll_changes()
    assert panel.model.item(panel.model.row_of(MARKER, marker_id)).colour == "green"
    delegate.closeEditor.emit(line, QAbstractItemDelegate.EndEditHint.RevertModelCache)  # Esc
    assert panel.model.item(panel.model.row_of(MARKER, marker_id)).colour == "blue"

    # A colour chosen in the cell's list is written, the list closed and the colour shown.
    from PySide6.QtWidgets import QComboBox

    index = panel.model.index(panel.model.row_of(MARKER, marker_id), COLOUR)
    panel.table.edit(index)
    combo = panel.table.indexWidget(index)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("yellow"))
    combo.activated.emit(combo.currentIndex())
    assert panel.table.state() != QAbstractItemView.State.EditingState
    assert panel.model.item(panel.model.row_of(MARKER, marker_id)).colour == "yellow"
    assert [m.colour for m in stored(project_dir, clip_id)[0]] == ["yellow"]
