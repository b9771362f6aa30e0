"""Controls a user's role may not use are greyed out, with who may; a role changed elsewhere applies at once."""
from __future__ import annotations

from PySide6.QtCore import Qt

from docmanager.access import add_user, set_role
from docmanager.project import Project
from tests.ui.conftest import clip_id_by_name, stored_clip

TIMEOUT_MS = 10_000


def _with_users(folder, **people):
    with Project.open(folder, backup=False) as project:
        project.user = "zhao.lin"
        add_user(project, "zhao.lin", "admin")
        for name, role in people.items():
            add_user(project, name, role)


def _open_as(monkeypatch, make_window, folder, user):
    monkeypatch.setenv("DOCMANAGER_USER", user)
    return make_window(folder)


def test_a_translator_sees_the_catalogue_read_only(qtbot, monkeypatch, make_window, catalogue_dir):
    _with_users(catalogue_dir, **{"sun.mei": "translator"})
    window = _open_as(monkeypatch, make_window, catalogue_dir, "sun.mei")
    kitchen = clip_id_by_name(catalogue_dir, "Kitchen window")
    window.browser.select_ids([kitchen])
    qtbot.waitUntil(lambda: window.inspector.clip_ids() == [kitchen], timeout=TIMEOUT_MS)
    inspector = window.inspector
    assert window.user_label.text() == "sun.mei · translator"
    assert not inspector.rating.isEnabled() and not inspector.subjects.isEnabled()
    assert inspector.notes.isReadOnly() and inspector.tags.isReadOnly()
    assert "editor" in inspector.rating.toolTip() and "translator" in inspector.rating.toolTip()
    assert not window.ingest_action.isEnabled() and not window.new_subject_action.isEnabled()
    assert "editor" in window.ingest_action.toolTip()
    # A translator works on transcripts and subtitle states: those stay open.
    assert window.import_transcript_action.isEnabled()
    assert window.transcript_view.model.editable
    assert window.subtitle_board._editable
    # A rating key in the table is not sent to the core: the status bar says why.
    before = stored_clip(catalogue_dir, kitchen)["rating"]
    window.browser.table.setFocus()
    qtbot.keyClick(window.browser.table, Qt.Key.Key_1)
    assert stored_clip(catalogue_dir, kitchen)["rating"] == before
    assert "editor" in window.statusBar().currentMessage()


def test_an_editor_may_not_touch_transcripts_or_subtitle_states(qtbot, monkeypatch, make_window, catalogue_dir):
    _with_users(catalogue_dir, **{"wang.fang": "editor"})
    window = _open_as(monkeypatch, make_window, catalogue_dir, "wang.fang")
    assert window.ingest_action.isEnabled() and window.inspector.rating.isEnabled()
    assert not window.import_transcript_action.isEnabled()
    assert not window.transcript_view.model.editable and not window.transcript_view.split_action.isEnabled()
    assert not window.subtitle_board._editable and not window.subtitle_board.set_state_button.isEnabled()
    assert window.ranges_panel.model.editable


def test_a_role_changed_by_an_admin_elsewhere_applies_without_a_restart(qtbot, monkeypatch, make_window,
                                                                         catalogue_dir):
    _with_users(catalogue_dir, **{"sun.mei": "translator"})
    window = _open_as(monkeypatch, make_window, catalogue_dir, "sun.mei")
    assert not window.inspector.rating.isEnabled()
    with Project.open(catalogue_dir, backup=False) as admin:
        admin.user = "zhao.lin"
        set_role(admin, "sun.mei", "editor")
    qtbot.waitUntil(lambda: window.inspector.rating.isEnabled(), timeout=TIMEOUT_MS)
    assert window.user_label.text() == "sun.mei · editor"
    assert not window.import_transcript_action.isEnabled()


def test_someone_who_is_not_a_user_may_only_look(qtbot, monkeypatch, make_window, catalogue_dir):
    _with_users(catalogue_dir)
    window = _open_as(monkeypatch, make_window, catalogue_dir, "visitor")
    assert "read only" in window.user_label.text()
    assert not window.inspector.rating.isEnabled() and not window.import_transcript_action.isEnabled()
    assert "user add" in window.ingest_action.toolTip()


def test_without_users_everyone_may_do_everything(qtbot, window):
    assert window.user_label.text() == ""
    assert window.inspector.rating.isEnabled() and window.ingest_action.isEnabled()
    assert window.import_transcript_action.isEnabled() and window.transcript_view.model.editable


def test_only_a_director_changes_cuts(qtbot, monkeypatch, make_window, demo_project):
    _with_users(demo_project, **{"sun.mei": "translator", "li.wei": "director"})
    window = _open_as(monkeypatch, make_window, demo_project, "sun.mei")
    cuts = window.cuts_view
    window.center.setCurrentWidget(cuts)
    qtbot.waitUntil(lambda: cuts.current_cut_id() is not None, timeout=TIMEOUT_MS)
    cuts.select_items([cuts.cut().items[0].id])
    assert not cuts.new_button.isEnabled() and not cuts.remove_button.isEnabled()
    assert cuts.export_button.isEnabled()  # watching and exporting a cut changes nothing
    assert "director" in cuts.new_button.toolTip()
    assert not window.transcript_view.add_to_cut_action.isEnabled()
    count = len(cuts.cut().items)
    assert not cuts.remove_selected()  # a shortcut that slipped through is not sent to the core
    assert len(cuts.cut().items) == count and "director" in window.statusBar().currentMessage()
    window.close()
    director = _open_as(monkeypatch, make_window, demo_project, "li.wei")
    director.center.setCurrentWidget(director.cuts_view)
    qtbot.waitUntil(lambda: director.cuts_view.current_cut_id() is not None, timeout=TIMEOUT_MS)
    assert director.cuts_view.new_button.isEnabled()
