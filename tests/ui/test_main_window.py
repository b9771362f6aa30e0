"""The main window over a real project on disk: browse, filter, edit, undo."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from docmanager.backup import list_backups
from docmanager.project import Project
from tests.ui.conftest import CLIPS, clip_id_by_name, stored_clip
from ui.models.sidebar import ALL, Node, SidebarModel


def _sidebar_texts(window) -> list[str]:
    model = window.sidebar_model
    out = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append(index.data())
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out


def _subject_node(window, name: str) -> Node:
    for s in window._facets.subjects:
        if s.name == name:
            return Node("subject", s.id)
    raise AssertionError(f"no subject {name}")


def _select_clip(qtbot, window, name: str) -> int:
    model = window.clip_model
    row = next(r for r in range(model.rowCount()) if model.row_data(r).name == name)
    clip_id = model.clip_id(row)
    window.browser.select_rows([row])
    qtbot.waitUntil(lambda: window.inspector.clip_ids() == [clip_id])
    return clip_id


def test_window_shows_the_catalogue_with_chinese_names(window):
    assert window.clip_model.rowCount() == len(CLIPS)
    texts = _sidebar_texts(window)
    assert "All clips (8)" in texts
    assert "Liu Jingjun 刘静军 (3)" in texts
    assert "No subject (2)" in texts
    assert "No shoot (1)" in texts
    assert any(t.startswith("2019-05-02") and "Taiyuan" in t and t.endswith("(4)") for t in texts)
    assert "interview (3)" in texts
    assert window.count_label.text() == "8 clips"
    assert "Lost children" in window.windowTitle()


def test_table_shows_readable_values(window):
    model = window.clip_model
    row = next(r for r in range(model.rowCount()) if model.row_data(r).name == "Liu interview 1")
    values = [model.index(row, c).data() for c in range(model.columnCount())]
    assert values[:5] == ["Liu interview 1", "25:10.240", "25 (50i)", "1920×1080", "2019-05-02 10:14:03 UTC+8"]
    assert values[5] == "Liu Jingjun 刘静军"
    assert values[6] == "Taiyuan – Liu family home"
    assert values[7] == "★★★★★"
    assert values[8] == "interview"
    ntsc = next(r for r in range(model.rowCount()) if model.row_data(r).name == "Poster van, morning")
    assert model.index(ntsc, 2).data() == "29.97"


def test_text_filter_narrows_the_table(qtbot, window):
    qtbot.keyClicks(window.browser.filter, "interview")
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == 3)
    assert window.count_label.text() == "3 of 8 clips"
    window.browser.filter.clear()
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == 8)
    # A Chinese name matches too (the subject's name_zh).
    window.browser.filter.setText("张秀英")
    window.browser.flush_filter()
    assert window.clip_model.rowCount() == 2


def test_selecting_a_subject_in_the_tree_filters_the_table(qtbot, window):
    assert window.sidebar.select_node(_subject_node(window, "Liu Jingjun"))
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == 3)
    names = {window.clip_model.row_data(r).name for r in range(3)}
    assert names == {"Liu interview 1", "Liu interview 2", "Posters on Yingze Street"}
    window.sidebar.select_node(Node("no_subject"))
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == 2)
    tag_id = next(t.id for t in window._facets.tags if t.name == "posters")
    window.sidebar.select_node(Node("tag", tag_id))
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == 2)
    # The text filter combines with the tree's choice.
    window.browser.filter.setText("van")
    window.browser.flush_filter()
    assert window.clip_model.rowCount() == 1
    window.sidebar.select_node(ALL)
    assert window.clip_model.rowCount() == 3  # the name, or the shoot "Zhoukou – poster van"
    window.browser.filter.setText("")
    window.browser.flush_filter()
    assert window.clip_model.rowCount() == 8


def test_sorting_by_header_is_a_core_query(qtbot, window):
    header = window.browser.table.horizontalHeader()
    duration_column = 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _section_centre(header, duration_column))
    qtbot.waitUntil(lambda: window.clip_model.query.sort == "duration")
    model = window.clip_model
    durations = [model.row_data(r).duration for r in range(model.rowCount())]
    assert durations == sorted(durations, reverse=window.clip_model.query.descending)
    # Subjects cannot be sorted by the core: the query stays as it was.
    before = window.clip_model.query
    model.sort(5, Qt.SortOrder.AscendingOrder)
    assert window.clip_model.query == before
    assert header.sortIndicatorSection() == duration_column


def _section_centre(header, section):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
                  header.height() // 2)


def test_changing_a_subject_in_the_inspector_is_saved_and_undoable(qtbot, window, catalogue_dir):
    clip_id = _select_clip(qtbot, window, "Highway at dusk")
    assert stored_clip(catalogue_dir, clip_id)["subjects"] == []
    items = window.inspector.subjects
    item = next(items.item(i) for i in range(items.count()) if items.item(i).text() == "Wang Guoqiang 王国强")
    assert item.checkState() == Qt.CheckState.Unchecked
    item.setCheckState(Qt.CheckState.Checked)

    assert stored_clip(catalogue_dir, clip_id)["subjects"] == ["Wang Guoqiang"]
    assert "Wang Guoqiang 王国强 (3)" in _sidebar_texts(window)
    assert "No subject (1)" in _sidebar_texts(window)
    row = window.clip_model.row_of(clip_id)
    assert window.clip_model.index(row, 5).data() == "Wang Guoqiang 王国强"

    assert window.undo_action.isEnabled()
    assert "Wang Guoqiang" in window.undo_action.text()
    window.undo_action.trigger()
    assert stored_clip(catalogue_dir, clip_id)["subjects"] == []
    assert "No subject (2)" in _sidebar_texts(window)
    item = next(items.item(i) for i in range(items.count()) if items.item(i).text() == "Wang Guoqiang 王国强")
    assert item.checkState() == Qt.CheckState.Unchecked

    window.redo_action.trigger()
    assert stored_clip(catalogue_dir, clip_id)["subjects"] == ["Wang Guoqiang"]


def test_undo_and_redo_shortcuts(qtbot, window, catalogue_dir):
    clip_id = _select_clip(qtbot, window, "Kitchen window")
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_1)
    assert stored_clip(catalogue_dir, clip_id)["rating"] == 1
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_clip(catalogue_dir, clip_id)["rating"] == 3
    qtbot.keyClick(window.browser.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored_clip(catalogue_dir, clip_id)["rating"] == 1


def test_number_keys_rate_every_selected_clip(qtbot, window, catalogue_dir):
    model = window.clip_model
    window.browser.select_rows([0, 1, 2])
    ids = [model.clip_id(r) for r in (0, 1, 2)]
    qtbot.waitUntil(lambda: window.inspector.clip_ids() == ids)
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_4)
    assert [stored_clip(catalogue_dir, i)["rating"] for i in ids] == [4, 4, 4]
    assert all(model.index(r, 7).data() == "★★★★" for r in (0, 1, 2))
    assert window.inspector.rating.rating() == 4
    assert window.count_label.text() == "8 clips, 3 selected"


def test_several_clips_show_mixed_values_and_edits_apply_to_all(qtbot, window, catalogue_dir):
    a = clip_id_by_name(catalogue_dir, "Liu interview 1")
    b = clip_id_by_name(catalogue_dir, "Posters on Yingze Street")
    window.browser.select_ids([a, b])
    qtbot.waitUntil(lambda: sorted(window.inspector.clip_ids()) == sorted([a, b]))
    items = window.inspector.subjects
    states = {items.item(i).text(): items.item(i).checkState() for i in range(items.count())}
    assert states["Liu Jingjun 刘静军"] == Qt.CheckState.Checked
    assert states["Zhang Xiuying 张秀英"] == Qt.CheckState.PartiallyChecked
    assert states["Wang Guoqiang 王国强"] == Qt.CheckState.Unchecked
    assert window.inspector.rating.rating() is None  # 5 and 4
    assert window.inspector.tags.text() == ""  # no tag common to both
    assert "interview" in window.inspector.partial_tags.text()

    # A partly checked subject, clicked, goes to all of them.
    zhang = next(items.item(i) for i in range(items.count()) if items.item(i).text().startswith("Zhang"))
    zhang.setCheckState(Qt.CheckState.Checked)
    assert "Zhang Xiuying" in stored_clip(catalogue_dir, a)["subjects"]

    # Tags typed here are added to all; the ones only some have stay.
    window.inspector.tags.setFocus()
    qtbot.keyClicks(window.inspector.tags, "selects")
    qtbot.keyClick(window.inspector.tags, Qt.Key.Key_Return)
    assert sorted(stored_clip(catalogue_dir, a)["tags"]) == ["interview", "selects"]
    assert sorted(stored_clip(catalogue_dir, b)["tags"]) == ["b-roll", "posters", "selects"]
    window.undo_action.trigger()
    assert sorted(stored_clip(catalogue_dir, b)["tags"]) == ["b-roll", "posters"]


def test_shoot_notes_and_rating_in_the_inspector(qtbot, window, catalogue_dir):
    clip_id = _select_clip(qtbot, window, "Untitled card 3")
    inspector = window.inspector
    index = inspector.shoot.findData("Zhoukou – poster van")
    inspector.shoot.setCurrentIndex(index)
    inspector.shoot.activated.emit(index)
    assert stored_clip(catalogue_dir, clip_id)["shoot"] == "Zhoukou – poster van"
    inspector.notes.setFocus()
    qtbot.keyClicks(inspector.notes, "Check the audio: wind noise.")
    window.browser.table.setFocus()  # leaving the notes saves them
    qtbot.waitUntil(lambda: stored_clip(catalogue_dir, clip_id)["notes"] == "Check the audio: wind noise.")
    inspector.rating.setFocus()
    qtbot.keyClick(inspector.rating, Qt.Key.Key_3)
    assert stored_clip(catalogue_dir, clip_id)["rating"] == 3
    assert [inspector._detail_values[k].text() for k in ("duration", "rate", "recorded")] == \
        ["0:12.000", "25 (50i)", "2019-09-22 08:01:00 UTC+8"]
    assert inspector.files.count() == 1 and inspector.files.item(0).text() == "/archive/2019/00007.MTS"


def test_new_subject_and_shoot_from_the_app(qtbot, window, catalogue_dir):
    clip_id = _select_clip(qtbot, window, "Highway at dusk")
    subject_id = window.add_subject({"name": "Chen Meilan", "name_zh": "陈美兰", "pinyin": "chen meilan",
                                     "flags": ["consent-pending"], "notes": None}, [clip_id])
    assert subject_id is not None
    assert stored_clip(catalogue_dir, clip_id)["subjects"] == ["Chen Meilan"]
    assert "Chen Meilan 陈美兰 (1)" in _sidebar_texts(window)
    shoot_id = window.add_shoot({"name": "Shenzhen – hotline office", "date": "2019-09-21",
                                 "place": "Shenzhen 深圳", "crew": None, "utc_offset": "+08:00", "notes": None}, [])
    assert shoot_id is not None
    assert any("Shenzhen – hotline office" in t for t in _sidebar_texts(window))
    assert window.inspector.shoot.findData("Shenzhen – hotline office") > 0


def test_dialogs_collect_values(qtbot):
    from ui.views.dialogs import ShootDialog, SubjectDialog

    dialog = SubjectDialog(None, selected_clips=2)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name.setText("Liu Jingjun")
    dialog.name_zh.setText("刘静军")
    dialog.flags["minor"].setChecked(True)
    assert ok.isEnabled()
    assert dialog.values() == {"name": "Liu Jingjun", "name_zh": "刘静军", "pinyin": None, "flags": ["minor"],
                               "notes": None}
    assert dialog.assign.isChecked()
    shoot = ShootDialog(None)
    qtbot.addWidget(shoot)
    shoot.name.setText("Taiyuan")
    shoot.has_date.setChecked(False)
    assert shoot.values()["date"] is None and shoot.values()["utc_offset"] == "+08:00"
    assert not shoot.assign.isVisible()


def test_a_stale_edit_asks_and_keeping_theirs_writes_nothing(qtbot, window, catalogue_dir):
    asked = []
    window.editor.conflict_handler = lambda conflicts: asked.extend(conflicts) or False
    window.live_timer.stop()  # the window has not seen the other change yet
    clip_id = _select_clip(qtbot, window, "Highway at dusk")
    # Someone else rates the clip after this window read it: the edit is not written over theirs unasked.
    with Project.open(catalogue_dir, backup=False) as other:
        from docmanager.catalogue.clips import set_clips

        set_clips(other, [clip_id], rating=5)
    window.inspector.rating.setFocus()
    qtbot.keyClick(window.inspector.rating, Qt.Key.Key_2)
    assert [(c.field, c.theirs, c.mine) for c in asked] == [("rating", 5, 2)]
    assert stored_clip(catalogue_dir, clip_id)["rating"] == 5
    qtbot.waitUntil(lambda: window.inspector.rating.rating() == 5)  # shows what is really stored


def test_an_edit_refused_by_the_core_shows_the_message(qtbot, window, catalogue_dir, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.main_window.show_error", lambda parent, title, exc: shown.append((title, exc)))
    _select_clip(qtbot, window, "Highway at dusk")
    assert not window._edit([987654], "Rate", rating=2)  # a clip that is gone
    assert shown and "987654" in shown[0][1].message


def test_opening_a_folder_that_is_no_project_names_it(qtbot, window, tmp_path):
    folder = tmp_path / "not a project"
    folder.mkdir()
    assert not window.open_project(folder)
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert "not a DocManager project" in box.text()
    assert str(folder) in box.informativeText()
    box.close()
    # The project that was open stays open.
    assert window.project is not None and window.clip_model.rowCount() == len(CLIPS)


def test_opening_makes_a_backup_in_the_background(qtbot, window, catalogue_dir):
    qtbot.waitUntil(lambda: window._backup_task is not None and not window._backup_task.is_running)
    assert window._backup_task.report is not None
    with Project.open(catalogue_dir, backup=False) as project:
        assert len(list_backups(project)) == 1
    assert window.project.on_backup_due is not None


def test_recent_projects_and_closing(qtbot, window, catalogue_dir, app_settings):
    assert app_settings.recent_projects()[0] == str(catalogue_dir.absolute())
    window.close_project()
    assert window.project is None
    assert window.pages.currentWidget() is window.welcome
    assert window.count_label.text() == "No project open"
    window._fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert str(catalogue_dir.absolute()) in texts
    assert window.open_project(catalogue_dir)
    assert window.pages.currentWidget() is window.splitter


def test_language_choice_is_stored_for_the_next_start(qtbot, window, app_settings, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a))
    window.language_actions["zh_CN"].trigger()
    assert app_settings.language() == "zh_CN"
    assert told and "next time" in told[0][2]
    assert window.language_actions["zh_CN"].isChecked()


def test_sidebar_keeps_its_selection_when_counts_change(qtbot, window):
    node = _subject_node(window, "Liu Jingjun")
    window.sidebar.select_node(node)
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == 3)
    window.browser.select_rows([0])
    qtbot.waitUntil(lambda: len(window.inspector.clip_ids()) == 1)
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_2)
    assert SidebarModel.node_at(window.sidebar.currentIndex()) == node
    assert window.clip_model.rowCount() == 3


def test_clicking_a_subject_checkbox_with_the_mouse(qtbot, window, catalogue_dir):
    clip_id = _select_clip(qtbot, window, "Untitled card 3")
    items = window.inspector.subjects
    row = next(i for i in range(items.count()) if items.item(i).text() == "Liu Jingjun 刘静军")
    rect = items.visualItemRect(items.item(row))
    scroll = items.verticalScrollBar().value()
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(10, rect.height() // 2))
    assert stored_clip(catalogue_dir, clip_id)["subjects"] == ["Liu Jingjun"]
    assert items.item(row).checkState() == Qt.CheckState.Checked
    assert items.verticalScrollBar().value() == scroll
    assert "Liu Jingjun 刘静军 (4)" in _sidebar_texts(window)


def test_a_backup_due_after_a_write_on_another_thread_runs_as_a_task(qtbot, window):
    import threading

    qtbot.waitUntil(lambda: window._backup_task is not None and not window._backup_task.is_running)
    first = window._backup_task
    thread = threading.Thread(target=window.project.on_backup_due, args=(window.project,))
    with qtbot.waitSignal(window.tasks.taskStarted) as started:
        thread.start()
        thread.join()
    assert started.args[0] is not first and started.args[0].title == "Backup"
