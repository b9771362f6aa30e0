"""The Cuts tab over a real project: generated clips on disk, their transcripts, cuts made by dragging lines.

Drops are real Qt drops: the transcript's and the search's own models make
the drag data (``mimeData`` of the selected rows), and the drop events go
through the widgets' drop handling.  What each edit wrote is read back from
the catalogue with a fresh ``Project.open``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest

from docmanager.catalogue.clips import set_clips
from docmanager.catalogue.people import add_subject
from docmanager.cuts.model import cut_json, cuts_json
from docmanager.ingest.ingest import ingest
from docmanager.media.generate import make_clip
from docmanager.project import Project
from docmanager.transcripts.store import import_transcript, transcript_json
from tests.test_cuts import srt
from ui.models.cut_items import CutItemsModel, item_ids_of, items_mime, segment_ids_of

TIMEOUT_MS = 30_000
LIU_LINES = ["我儿子是在太原火车站丢的。", "那天下午，我们在站前卖水果。", "我转身找零钱，他就不见了。"]
LEI_LINES = ["我叫小磊。", "我想回家。"]


@pytest.fixture(scope="session")
def film_template(tmp_path_factory) -> Path:
    """A project with two generated clips (6 s and 4 s at 25 fps), their Chinese lines, a flagged boy."""
    base = tmp_path_factory.mktemp("cut-view")
    make_clip(base / "media" / "liu.mp4", seconds=6, size=(320, 180), rate=25)
    make_clip(base / "media" / "lei.mp4", seconds=4, size=(320, 180), rate=25)
    project = Project.create(base / "Film", name="Lost children")
    try:
        report = ingest(project, [base / "media"], posters=False)
        assert report.ok, report.failed
        with project.session() as session:
            names = _clips(session)
        liu, lei = names["liu"], names["lei"]
        add_subject(project, "Xiao Lei", name_zh="小磊", flags=["minor", "no-face"])
        set_clips(project, [lei], subjects=["Xiao Lei"])
        import_transcript(project, liu, srt(base / "liu.srt", [(0.4, 1.4, LIU_LINES[0]), (2.0, 3.2, LIU_LINES[1]),
                                                               (3.6, 5.0, LIU_LINES[2])]), "zh")
        import_transcript(project, lei, srt(base / "lei.srt", [(0.4, 1.4, LEI_LINES[0]), (2.0, 3.0, LEI_LINES[1])]),
                          "zh")
    finally:
        project.close()
    return base / "Film"


def _clips(session) -> dict[str, int]:
    """Clip ids by the stem of their name ("liu", "lei")."""
    from sqlalchemy import select

    from docmanager.db.models import Clip

    return {Path(c.name).stem: c.id for c in session.scalars(select(Clip))}


def clip_id_by_name(project_dir: Path, stem: str) -> int:
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return _clips(s)[stem]


@pytest.fixture
def film(film_template, tmp_path) -> Path:
    target = tmp_path / "Film"
    shutil.copytree(film_template, target)
    return target


def stored_cut(project_dir: Path, cut_id: int) -> dict:
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return cut_json(s, cut_id)


def stored_cuts(project_dir: Path) -> list[dict]:
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return cuts_json(s)


def line_ids(project_dir: Path, clip_id: int) -> list[int]:
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return [seg["id"] for seg in transcript_json(s, clip_id, "zh")["segments"]]


def drop(target, point: QPoint, mime: QMimeData, action=Qt.DropAction.CopyAction) -> bool:
    """A drag entering ``target`` at ``point``, moving there and dropping ``mime``: what Qt sends on a real drop."""
    pos = QPointF(point)
    enter = QDragEnterEvent(point, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, move)
    event = QDropEvent(pos, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QEvent.Type.Drop)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def transcript_drag(qtbot, window, clip_id: int, rows: list[int]) -> QMimeData:
    """Open the clip's transcript, select ``rows`` and take the drag data its table would carry."""
    assert window.open_transcript(clip_id)
    view = window.transcript_view
    qtbot.waitUntil(lambda: view.model.clip_id() == clip_id and view.model.rowCount() > 0, timeout=TIMEOUT_MS)
    table = view.table
    table.clearSelection()
    selection = table.selectionModel()
    for row in rows:
        selection.select(view.model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    indexes = table.selectedIndexes()
    assert indexes
    return view.model.mimeData(indexes)


def cuts_tab(window):
    window.center.setCurrentWidget(window.cuts_view)
    return window.cuts_view


def timeline_names(view) -> list[str]:
    return [item.name for item in view.timeline.cut().track_items("V1")]


# ====================================================================== tests
def test_lines_dropped_on_the_timeline_land_in_their_order_with_the_warnings_shown(qtbot, make_window, film):
    window = make_window(film)
    liu, lei = clip_id_by_name(film, "liu"), clip_id_by_name(film, "lei")
    view = cuts_tab(window)
    cut_id = view.new_cut("Paper edit")
    assert cut_id is not None and view.current_cut_id() == cut_id

    mime = transcript_drag(qtbot, window, liu, [2, 0])  # selected bottom first: they still go in script order
    assert segment_ids_of(mime) == [line_ids(film, liu)[0], line_ids(film, liu)[2]]
    cuts_tab(window)
    timeline = view.timeline
    assert drop(timeline.viewport(), timeline.point_for("V1", 0), mime)
    qtbot.waitUntil(lambda: len(view.cut().items) == 2, timeout=TIMEOUT_MS)
    assert timeline_names(view) == [LIU_LINES[0], LIU_LINES[2]]

    # The boy's line goes between them: dropped on the time line at the first item's end.
    mime = transcript_drag(qtbot, window, lei, [0])
    cuts_tab(window)
    first = view.cut().track_items("V1")[0]
    point = timeline.point_for("V1", 1)
    assert timeline.drop_position("V1", point.x()) == 1
    assert drop(timeline.viewport(), point, mime)
    qtbot.waitUntil(lambda: len(view.cut().items) == 3, timeout=TIMEOUT_MS)
    assert timeline_names(view) == [LIU_LINES[0], LEI_LINES[0], LIU_LINES[2]]

    # To scale and back to back on the time line, as in the catalogue.
    items = view.cut().track_items("V1")
    rects = [timeline.item_rect(i.id) for i in items]
    assert rects[0].left() < rects[1].left() < rects[2].left()
    assert abs(rects[0].right() + 1 - rects[1].left()) <= 2
    assert items[0].id == first.id
    stored = stored_cut(film, cut_id)
    assert [i["name"] for i in stored["items"]] == [LIU_LINES[0], LEI_LINES[0], LIU_LINES[2]]
    assert [i["record_in"] for i in stored["items"]] == [0.0, 1.0, 2.0]  # 1 s, 1 s, 1.4 s of words
    assert [i["id"] for i in stored["items"]] == [i.id for i in items]
    widths = [r.width() for r in rects]
    assert widths[2] > widths[0] * 1.2  # 1.4 s drawn longer than 1 s

    # The flagged boy is named above the items, and his item is marked.
    assert view.warnings.isVisible()
    texts = [view.warnings.item(i).text() for i in range(view.warnings.count())]
    assert any("Xiao Lei" in t and "minor" in t for t in texts)
    assert any("no-face" in t for t in texts)
    assert items[1].flags == ("minor", "no-face") and not items[0].flags
    row = view.items_model.row_of(items[1].id)
    assert view.items_model.index(row, CutItemsModel.NAME).data(Qt.ItemDataRole.BackgroundRole) is not None

    # Clicking an item on the time line selects it in the list.
    QTest.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     timeline.item_rect(items[2].id).center())
    assert view.selected_item_ids() == [items[2].id]
    assert timeline.selected() == items[2].id


def test_add_to_cut_from_the_transcript_and_the_search_and_drops_on_the_item_list(qtbot, make_window, film):
    window = make_window(film)
    liu, lei = clip_id_by_name(film, "liu"), clip_id_by_name(film, "lei")
    view = window.cuts_view
    assert view.current_cut_id() is None

    # Add to Cut with no cut yet: a "Rough cut" is made for the lines.
    transcript_drag(qtbot, window, liu, [1, 2])
    window.transcript_view.add_to_cut_action.trigger()
    qtbot.waitUntil(lambda: len(view.cut().items) == 2, timeout=TIMEOUT_MS)
    cut_id = view.current_cut_id()
    assert view.cut().name == "Rough cut"
    assert window.center.currentWidget() is window.transcript_view  # the paper edit goes on where it was

    # A search result, by Add to Cut: appended.
    search = window.search_view
    window.center.setCurrentWidget(search)
    search.query.setText("小磊")
    search.search_now()
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=TIMEOUT_MS)
    search.results.setCurrentIndex(search.model.index(0))
    search.add_to_cut_action.trigger()
    qtbot.waitUntil(lambda: len(view.cut().items) == 3, timeout=TIMEOUT_MS)
    assert [i.name for i in view.cut().items] == [LIU_LINES[1], LIU_LINES[2], LEI_LINES[0]]

    # A line dragged onto the item list, on the upper half of the second row: it goes before that row.
    mime = transcript_drag(qtbot, window, lei, [1])
    cuts_tab(window)
    table = view.items
    rect = table.visualRect(view.items_model.index(1, CutItemsModel.NAME))
    assert drop(table.viewport(), rect.center() - QPoint(0, rect.height() // 4), mime)
    qtbot.waitUntil(lambda: len(view.cut().items) == 4, timeout=TIMEOUT_MS)
    expected = [LIU_LINES[1], LEI_LINES[1], LIU_LINES[2], LEI_LINES[0]]
    assert [i.name for i in view.cut().items] == expected
    assert [i["name"] for i in stored_cut(film, cut_id)["items"]] == expected
    assert timeline_names(view) == expected


def make_cut(qtbot, window, film) -> tuple[int, list[int]]:
    """A cut of the three lines of Liu's interview and the boy's first line, in that order, on V1."""
    liu, lei = clip_id_by_name(film, "liu"), clip_id_by_name(film, "lei")
    view = cuts_tab(window)
    cut_id = view.new_cut("Assembly")
    added = view.add_segments(line_ids(film, liu) + line_ids(film, lei)[:1])
    assert len(added) == 4
    return cut_id, added


def test_reorder_trim_delete_undo_and_a_new_version_reach_the_catalogue(qtbot, make_window, film):
    window = make_window(film)
    cut_id, ids = make_cut(qtbot, window, film)
    view = window.cuts_view
    order = lambda: [i["id"] for i in stored_cut(film, cut_id)["items"]]  # noqa: E731
    assert order() == ids

    # Reorder by dragging a row of the list below the third row.
    table = view.items
    rect = table.visualRect(view.items_model.index(2, 0))
    assert drop(table.viewport(), rect.center() + QPoint(0, rect.height() // 4), items_mime([ids[0]]),
                Qt.DropAction.MoveAction)
    qtbot.waitUntil(lambda: order() == [ids[1], ids[2], ids[0], ids[3]], timeout=TIMEOUT_MS)
    assert [i.id for i in view.cut().items] == [ids[1], ids[2], ids[0], ids[3]]

    # Reorder on the time line: drag the last item's body to the front with the mouse.
    timeline = view.timeline
    start = timeline.item_rect(ids[3]).center()
    target = timeline.point_for("V1", 0)
    QTest.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(timeline.viewport(), start - QPoint(20, 0))
    QTest.mouseMove(timeline.viewport(), target)
    QTest.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert order() == [ids[3], ids[1], ids[2], ids[0]]

    # Undo puts it back, redo moves it again.
    window.undo_action.trigger()
    assert order() == [ids[1], ids[2], ids[0], ids[3]]
    window.redo_action.trigger()
    assert order() == [ids[3], ids[1], ids[2], ids[0]]

    # Trim with the In and Out fields: time code of the clip, exact frames.
    view.select_item(ids[1])  # Liu's second line, 2.0-3.2 s: frames 50-80
    item = view.cut().item(ids[1])
    assert (item.source_in, item.source_out) == (50, 80)
    assert view.in_edit.text() == "00:00:02:00"
    view.in_edit.setText("00:00:02:10")
    view.in_edit.editingFinished.emit()
    view.out_edit.setText("00:00:03:05")
    view.out_edit.editingFinished.emit()
    stored = {i["id"]: i for i in stored_cut(film, cut_id)["items"]}
    assert (stored[ids[1]]["source_in_frames"], stored[ids[1]]["source_out_frames"]) == (60, 80)
    assert stored[ids[1]]["record_in"] == 1.0 and stored[ids[2]]["record_in"] == 1.8

    # Trim by dragging the item's right edge on the time line one second to the left (25 frames of the clip).
    rect = timeline.item_rect(ids[2])  # Liu's third line, 3.6-5.0 s: frames 90-125
    edge = QPoint(rect.right() - 1, rect.center().y())
    to = QPoint(int(edge.x() - timeline.zoom() * 1.0), edge.y())
    QTest.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)
    QTest.mouseMove(timeline.viewport(), to)
    QTest.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to)
    stored = {i["id"]: i for i in stored_cut(film, cut_id)["items"]}
    assert stored[ids[2]]["source_in_frames"] == 90
    assert abs(stored[ids[2]]["source_out_frames"] - 100) <= 1
    window.undo_action.trigger()
    stored = {i["id"]: i for i in stored_cut(film, cut_id)["items"]}
    assert stored[ids[2]]["source_out_frames"] == 125

    # Delete with the Del key; undo brings the item back exactly, with its line.
    view.select_item(ids[1])
    view.items.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT_MS)
    QTest.keyClick(view.items, Qt.Key.Key_Delete)
    assert ids[1] not in order()
    assert len(view.cut().items) == 3
    window.undo_action.trigger()
    stored = stored_cut(film, cut_id)["items"]
    back = stored[1]
    assert back["name"] == LIU_LINES[1] and (back["source_in_frames"], back["source_out_frames"]) == (60, 80)
    assert len(stored) == 4 and [i["position"] for i in stored] == [0, 1, 2, 3]
    window.redo_action.trigger()
    assert len(stored_cut(film, cut_id)["items"]) == 3

    # A new version: a copy with the same items; the list shows both, and edits go to the copy.
    copy = view.duplicate_current()
    assert copy is not None and view.current_cut_id() == copy
    versions = {(c["name"], c["cut_version"]): c for c in stored_cuts(film)}
    assert versions[("Assembly", 2)]["id"] == copy and versions[("Assembly", 2)]["items"] == 3
    assert [view.cut_model.row(r).label for r in range(view.cut_model.rowCount())] == ["Assembly v1", "Assembly v2"]
    view.select_item(view.cut().items[0].id)
    assert view.remove_selected()
    assert len(stored_cut(film, copy)["items"]) == 2 and len(stored_cut(film, cut_id)["items"]) == 3


def test_the_timeline_zooms_and_shows_the_playhead(qtbot, make_window, film):
    window = make_window(film)
    make_cut(qtbot, window, film)
    view = window.cuts_view
    timeline = view.timeline
    items = view.cut().track_items("V1")
    before = timeline.item_rect(items[-1].id).width()
    view.zoom_slider.setValue(view.zoom_slider.value() + 150)
    assert timeline.zoom() > 0 and timeline.item_rect(items[-1].id).width() > before * 1.5
    view.fit_button.click()
    assert timeline.item_rect(items[-1].id).right() <= timeline.viewport().width()
    # A click on the ruler moves the playhead (and the player) into the third item.
    third = items[2]
    x = int(timeline.x_of(third.record_in + 5))
    QTest.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, 8))
    assert abs(timeline.playhead() - (third.record_in + 5)) <= 1
    assert view.cut_player.current_item() == third.id
    assert view.player.source_path() is not None and view.player.source_path().endswith("liu.mp4")


def test_the_cut_plays_its_items_one_after_the_other(qtbot, make_window, film):
    window = make_window(film)
    make_cut(qtbot, window, film)
    view = window.cuts_view
    player = view.cut_player
    items = view.cut().track_items("V1")
    seen: list[int] = []
    player.currentItemChanged.connect(seen.append)
    player.seek_frame(items[2].record_out - 10)  # near the end of the last of Liu's lines
    player.play()
    qtbot.waitUntil(lambda: player.current_item() == items[3].id, timeout=TIMEOUT_MS)
    assert seen[-2:] == [items[2].id, items[3].id]
    qtbot.waitUntil(lambda: view.player.source_path().endswith("lei.mp4") and
                    view.player.position_ms() >= 300, timeout=TIMEOUT_MS)
    assert view.timeline.playhead() >= items[3].record_in
    player.pause()


def test_export_dialog_runs_a_real_edl_export_and_lists_what_it_lost(qtbot, make_window, film):
    window = make_window(film)
    cut_id, ids = make_cut(qtbot, window, film)
    view = window.cuts_view
    assert view.move_item(ids[3], "V2", 0)  # the boy on V2 over Liu: an EDL keeps only V1
    assert [(i["track"], i["id"]) for i in stored_cut(film, cut_id)["items"]][-1] == ("V2", ids[3])

    dialog = view.open_export()
    dialog.set_format(".edl")
    assert dialog.export_path.path().endswith("Assembly v1.edl")
    task = dialog.start_export()
    assert task is not None and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=TIMEOUT_MS)
    assert dialog.result is not None, dialog.result_title.text()
    path = Path(dialog.result.path)
    assert path.exists() and path.suffix == ".edl" and path.parent == film / "Exports"
    assert dialog.reread_label.text() == "Yes"
    assert dialog.items_label.text() == "3"
    losses = dialog.loss_texts()
    assert any("EDL keeps one video track" in t and "V2" in t for t in losses), losses
    assert dialog.show_button.isEnabled()

    # The same cut as FCP 7 XML keeps both tracks: no item is lost, only the catalogue's own metadata.
    dialog.set_format(".xml")
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=TIMEOUT_MS)
    assert dialog.result is not None and dialog.result.path.suffix == ".xml"
    assert dialog.items_label.text() == "4"
    assert not any("V2" in t or "dropped" in t for t in dialog.loss_texts()), dialog.loss_texts()
    assert all("metadata" in t for t in dialog.loss_texts())

    # The screener page offers the languages of the cut's lines.
    if dialog.pages.isTabEnabled(1):
        langs = [dialog.subtitles.itemData(i) for i in range(dialog.subtitles.count())]
        assert langs[0] is None and "zh" in langs
    dialog.close()
