"""Project search (what people said) and smart bins in the sidebar, over real projects on disk."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from docmanager.catalogue.bins import add_bin
from docmanager.project import Project
from docmanager.transcripts.store import import_transcript
from tests.ui.conftest import clip_id_by_name
from tests.ui.test_transcript_view import (  # noqa: F401 - fixtures
    EN_LINES,
    INTERVIEW,
    TIMEOUT_MS,
    ZH_LINES,
    active_window,
    demo_dir,
    demo_with_transcripts,
    write_srts,
)
from ui.models.sidebar import ALL, Node
from ui.views.search import SearchFilters, SearchView, run_search


def search(qtbot, window, text: str):
    """Type ``text`` in the toolbar's search box and wait for the answer."""
    view = window.search_view
    with qtbot.waitSignal(view.answered, timeout=TIMEOUT_MS) as answered:
        view.query.clear()
        qtbot.keyClicks(view.query, text) if text.isascii() else view.query.insert(text)
    return answered.args[0]


def test_searching_taiyuan_lists_the_line_and_opens_its_transcript(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    clip_id = clip_id_by_name(demo_dir, INTERVIEW)
    window.search_action.trigger()  # Ctrl+Shift+F: the Search tab, the focus in the toolbar's box
    view = window.search_view
    assert window.center.currentWidget() is view
    assert view.query.hasFocus()
    assert window.search_action.shortcut().toString() == "Ctrl+Shift+F"

    answer = search(qtbot, window, "太原")
    assert answer.error is None
    hits = [r.hit for r in answer.results]
    assert hits and hits[0].text == ZH_LINES[0] and hits[0].clip_id == clip_id
    assert hits[0].spans == ((5, 7),)
    assert view.model.rowCount() == len(hits)
    assert INTERVIEW in view.model.index(0).data() and "00:00:00.500" in view.model.index(0).data()
    assert "<b" in hits[0].snippet_html() and "太原</b>" in hits[0].snippet_html()
    assert view.status.text().startswith("1 line in 1 clip")

    view.activate_row(0)  # double-click or Enter
    transcript = window.transcript_view
    assert window.center.currentWidget() is transcript
    assert transcript.clip_id() == clip_id
    assert transcript.current_segment_id() == hits[0].segment_id
    assert window.player.requested_ms() == 500
    assert window.browser.selected_ids() == [clip_id]


def test_one_character_english_pinyin_and_filters(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    assert [r.hit.text for r in search(qtbot, window, "丢").results] == [ZH_LINES[0]]
    english = search(qtbot, window, "Taiyuan").results
    assert {r.hit.text for r in english} >= {EN_LINES[0]}
    view = window.search_view
    view.lang.setCurrentIndex(view.lang.findData("en"))  # a filter searches again at once
    qtbot.waitUntil(lambda: view.shown_answer() is not None and view.shown_answer().filters.lang == "en",
                    timeout=TIMEOUT_MS)
    assert [r.hit.lang for r in view.shown_answer().results] == ["en"]
    view.subject.setCurrentIndex(view.subject.findData("Zhang Xiuying"))
    qtbot.waitUntil(lambda: view.shown_answer().filters.subject == "Zhang Xiuying", timeout=TIMEOUT_MS)
    assert view.shown_answer().results == []
    assert "No line says" in view.status.text()


def test_a_line_edited_after_the_search_is_found_by_its_new_words(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    assert search(qtbot, window, "派出所").results == []
    clip_id = clip_id_by_name(demo_dir, INTERVIEW)
    window.open_transcript(clip_id)
    line = window.transcript_view.model.line(2).original
    assert window.transcript_editor.edit_text(clip_id, line, "我转身找零钱，他就不见了。我们马上去了派出所。")
    window.center.setCurrentWidget(window.search_view)
    answer = search(qtbot, window, "派出所")
    assert [r.hit.segment_id for r in answer.results] == [line.id]


def test_run_search_off_the_window(tmp_path, demo_dir):
    """The function the view runs on its thread: hits with their clips' names."""
    with Project.open(demo_dir, backup=False) as project:
        answer = run_search(project, "太原", SearchFilters(lang="zh"))
    assert answer.error is None
    assert [(r.clip_name, r.hit.text) for r in answer.results] == [(INTERVIEW, ZH_LINES[0])]


def test_run_search_says_when_more_lines_matched_than_shown(tmp_path, demo_dir):
    with Project.open(demo_dir, backup=False) as project:
        every = run_search(project, "我", SearchFilters())
        assert len(every.results) >= 2 and not every.truncated
        some = run_search(project, "我", SearchFilters(), limit=len(every.results) - 1)
        exact = run_search(project, "我", SearchFilters(), limit=len(every.results))
    assert some.truncated and len(some.results) == len(every.results) - 1
    assert not exact.truncated  # as many matched as asked for: nothing left out


def test_search_view_without_a_project(qtbot):
    view = SearchView()
    qtbot.addWidget(view)
    view.query.setText("太原")
    view.flush()
    assert view.model.rowCount() == 0
    assert "Open a project" in view.status.text()


# ------------------------------------------------------------------ smart bins
def _bin_node(window, row: int) -> Node:
    model = window.sidebar_model
    node = model.node_at(model.index(row, 0, model.index_for(Node("bins"))))
    assert node is not None and node.kind == "bin"
    return node


def _sidebar_rows(window, group: str) -> list[str]:
    model = window.sidebar_model
    parent = model.index_for(Node(group))
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_a_smart_bin_in_the_sidebar_filters_the_table(qtbot, make_window, catalogue_dir, tmp_path):
    with Project.open(catalogue_dir, backup=False) as project:
        add_bin(project, "Liu, best takes", subject="Liu Jingjun", min_rating=5)
        # A bin over what was said: clips with a transcript line tagged "police".
        clip_id = clip_id_by_name(catalogue_dir, "Liu interview 2")
        zh, _en = write_srts(tmp_path / "subs")
        result = import_transcript(project, clip_id, zh, "zh")
        from docmanager.transcripts.store import segments_page, tag_segment

        with project.session() as s:
            first = segments_page(s, clip_id)[0]
        tag_segment(project, first.id, "police")
        add_bin(project, "Police in the words", segment_tag="police")
        assert result.segments == 3
    window = make_window(catalogue_dir)
    assert _sidebar_rows(window, "bins") == ["Liu, best takes (1)", "Police in the words (1)"]
    assert window.sidebar.select_node(_bin_node(window, 0))
    assert [window.clip_model.row_data(r).name for r in range(window.clip_model.rowCount())] == ["Liu interview 1"]
    assert window.count_label.text() == "1 of 8 clips"
    window.sidebar.select_node(_bin_node(window, 1))
    assert [window.clip_model.row_data(r).name for r in range(window.clip_model.rowCount())] == ["Liu interview 2"]
    # The filter box narrows a bin further; back to all clips, the bin's filters are gone.
    window.browser.filter.setText("interview 1")
    window.browser.flush_filter()
    assert window.clip_model.rowCount() == 0
    window.browser.filter.setText("")
    window.browser.flush_filter()
    window.sidebar.select_node(ALL)
    assert window.clip_model.rowCount() == 8


def test_save_the_current_choice_as_a_smart_bin_and_undo(qtbot, make_window, catalogue_dir, monkeypatch):
    window = make_window(catalogue_dir)
    tag_id = next(t.id for t in window._facets.tags if t.name == "interview")
    window.sidebar.select_node(Node("tag", tag_id))
    window.browser.filter.setText("Liu")
    window.browser.flush_filter()
    assert window.clip_model.rowCount() == 2
    assert window._bin_filters() == {"tag": "interview", "text": "Liu"}
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Liu interviews", True)))
    bin_id = window.save_smart_bin()
    assert bin_id is not None
    assert _sidebar_rows(window, "bins") == ["Liu interviews (2)"]
    current = window.sidebar.current_node()
    assert current == Node("bin", bin_id)
    window.browser.filter.setText("")
    window.browser.flush_filter()
    assert window.clip_model.rowCount() == 2  # the bin's own text filter stays
    window.undo_action.trigger()
    assert _sidebar_rows(window, "bins") == []
    assert window.sidebar.current_node() == ALL and window.clip_model.rowCount() == 8
    window.redo_action.trigger()
    assert _sidebar_rows(window, "bins") == ["Liu interviews (2)"]
    # Removing it from the sidebar's menu is undoable too.
    assert window.remove_smart_bin(_bin_node(window, 0))
    assert _sidebar_rows(window, "bins") == []
    window.undo_action.trigger()
    assert _sidebar_rows(window, "bins") == ["Liu interviews (2)"]
    from docmanager.catalogue.bins import list_bins

    with Project.open(catalogue_dir, backup=False) as project, project.session() as s:
        assert [(b.name, b.query.tag, b.query.text) for b in list_bins(s)] == [("Liu interviews", "interview", "Liu")]


def test_nothing_chosen_is_no_smart_bin(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.main_window.QMessageBox.information", lambda *a, **k: shown.append(a[2]))
    assert window.save_smart_bin() is None
    assert shown and "smart bin" in shown[0]
    assert window.sidebar_model.index_for(Node("bins")).data() == "Smart bins"
    assert window.sidebar_model.index_for(Node("bins")).flags() & Qt.ItemFlag.ItemIsSelectable == \
        Qt.ItemFlag.NoItemFlags
