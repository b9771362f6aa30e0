"""The side-by-side transcript editor and the player over a real demo project (generated footage on disk)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QDialog

from docmanager.project import Project
from docmanager.transcripts.store import import_transcript, segments_page, transcript_json, transcripts_of_clip
from tests.ui.conftest import clip_id_by_name
from ui.models.transcript_table import ORIGINAL, SPEAKER, TRANSLATION, timestamp_text
from ui.views.transcript import LineTextEdit, TranscriptImportDialog, guess_language

TIMEOUT_MS = 30_000
INTERVIEW = "Liu Jingjun – interview, part 1"  # a 6-second demo clip of Liu Jingjun 刘静军
WINDOW_CLIP = "Zhang Xiuying at the window"

ZH_SRT = """1
00:00:00,500 --> 00:00:02,000
刘静军：我儿子是在太原火车站丢的。

2
00:00:02,200 --> 00:00:04,000
刘静军：那天下午，我们在站前卖水果。

3
00:00:04,200 --> 00:00:05,800
刘静军：我转身找零钱，他就不见了。
"""
EN_SRT = """1
00:00:00,500 --> 00:00:02,000
Liu Jingjun: My son was taken at Taiyuan railway station.

2
00:00:02,200 --> 00:00:04,000
Liu Jinjun: That afternoon we were selling fruit outside the station.

3
00:00:04,200 --> 00:00:05,800
Liu Jingjun: I turned round to find change, and he was gone.
"""
ZH_LINES = ["我儿子是在太原火车站丢的。", "那天下午，我们在站前卖水果。", "我转身找零钱，他就不见了。"]
EN_LINES = ["My son was taken at Taiyuan railway station.",
            "That afternoon we were selling fruit outside the station.",
            "I turned round to find change, and he was gone."]


def write_srts(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    zh, en = folder / "interview1.zh.srt", folder / "interview1.en.srt"
    zh.write_text(ZH_SRT, encoding="utf-8")
    en.write_text(EN_SRT, encoding="utf-8")
    return zh, en


@pytest.fixture(scope="session")
def demo_with_transcripts(tmp_path_factory) -> Path:
    """The demo project (8 generated clips), the first interview with its Chinese and English subtitles."""
    from docmanager.demo import create_demo

    folder = tmp_path_factory.mktemp("demo") / "Demo"
    report = create_demo(folder)
    assert not report.failed, report.failed
    zh, en = write_srts(folder.parent / "subtitles")
    with Project.open(folder, backup=False) as project, project.session() as s:
        from sqlalchemy import select

        from docmanager.db.models import Clip

        clip_id = s.scalar(select(Clip.id).where(Clip.name == INTERVIEW))
    with Project.open(folder, backup=False) as project:
        import_transcript(project, clip_id, zh, "zh")
        import_transcript(project, clip_id, en, "en", translation_of="zh")
    return folder


@pytest.fixture
def demo_dir(demo_with_transcripts, tmp_path) -> Path:
    """A copy of the demo project for one test."""
    target = tmp_path / "Demo"
    shutil.copytree(demo_with_transcripts, target)
    return target


def stored(project_dir: Path, clip_id: int, lang=None) -> dict:
    """The transcript as a fresh ``Project.open`` reads it (what is really on disk)."""
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return transcript_json(s, clip_id, lang)


def stored_texts(project_dir: Path, clip_id: int) -> list[tuple[str, str]]:
    return [(seg["text"], (seg["translation"] or {}).get("text")) for seg in stored(project_dir, clip_id)["segments"]]


def active_window(qtbot, make_window, project_dir: Path):
    """A main window on the project, active (keyboard shortcuts need the focus in an active window)."""
    window = make_window(project_dir)

    def no_conflict(theirs: str, mine: str, who) -> bool:  # the window would ask in a modal box
        raise AssertionError(f"unexpected conflict: theirs {theirs!r}, mine {mine!r}")

    window.transcript_editor.conflict_handler = no_conflict
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT_MS)
    return window


def open_interview(qtbot, window, name: str = INTERVIEW) -> int:
    clip_id = clip_id_by_name(window.project.root, name)
    assert window.open_transcript(clip_id)
    view = window.transcript_view
    assert window.center.currentWidget() is view
    qtbot.waitUntil(lambda: view.clip_id() == clip_id)
    return clip_id


def cell_centre(view, row: int, column: int):
    return view.table.visualRect(view.model.index(row, column)).center()


def start_editing(qtbot, view, row: int, column: int) -> LineTextEdit:
    view.table.setFocus()
    index = view.model.index(row, column)
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, LineTextEdit)
    return editor


def drop_files(target, paths: list[Path], pos=None) -> bool:
    """Drag files from a file manager over ``target`` and drop them; True when it took them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(pos if pos is not None else target.rect().center())
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


# ---------------------------------------------------------------------- the view
def test_lines_side_by_side_with_glossary_and_name_check(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    open_interview(qtbot, window)
    view = window.transcript_view
    model = view.model
    assert model.rowCount() == 3
    assert [model.index(r, ORIGINAL).data() for r in range(3)] == ZH_LINES
    assert [model.index(r, TRANSLATION).data() for r in range(3)] == EN_LINES
    assert model.index(0, SPEAKER).data() == "刘静军"
    assert model.index(1, 0).data() == "00:00:02.200"
    assert model.headerData(ORIGINAL, Qt.Orientation.Horizontal) == "Chinese"
    assert model.headerData(TRANSLATION, Qt.Orientation.Horizontal) == "English"
    assert not view.lang_combo.isVisible()  # two transcripts: no chooser
    panel = view.glossary_panel
    assert [panel.glossary.item(0, c).text() for c in range(3)] == ["刘静军", "liu jingjun", "Liu Jingjun"]
    # The English of line 2 spells the name "Liu Jinjun": the check lists it; a click selects the line.
    assert panel.findings.count() == 1
    finding = panel.findings.item(0)
    assert "Liu Jingjun" in finding.text() and "Line 2" in finding.text()
    panel.findings.itemClicked.emit(finding)
    assert view.current_row() == 1


def test_editing_an_english_line_reaches_the_catalogue_and_undoes(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    clip_id = open_interview(qtbot, window)
    view = window.transcript_view
    editor = start_editing(qtbot, view, 0, TRANSLATION)
    assert editor.toPlainText() == EN_LINES[0]
    editor.selectAll()
    qtbot.keyClicks(editor, "My son was taken at Taiyuan station.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    new = "My son was taken at Taiyuan station."
    qtbot.waitUntil(lambda: stored_texts(demo_dir, clip_id)[0] == (ZH_LINES[0], new), timeout=TIMEOUT_MS)
    assert view.model.index(0, TRANSLATION).data() == new
    assert window.undo_stack.undoText() == "Edit line"

    window.undo_action.trigger()
    assert stored_texts(demo_dir, clip_id)[0] == (ZH_LINES[0], EN_LINES[0])
    assert view.model.index(0, TRANSLATION).data() == EN_LINES[0]
    window.redo_action.trigger()
    assert stored_texts(demo_dir, clip_id)[0] == (ZH_LINES[0], new)
    assert view.model.index(0, TRANSLATION).data() == new
    # The speaker is edited in place too.
    speaker = view.model.index(1, SPEAKER)
    view.table.setCurrentIndex(speaker)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    line_edit = QApplication.focusWidget()
    line_edit.setText("刘静军（父亲）")  # typed through an input method
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(demo_dir, clip_id)["segments"][1]["speaker"] == "刘静军（父亲）",
                    timeout=TIMEOUT_MS)
    window.undo_action.trigger()
    assert stored(demo_dir, clip_id)["segments"][1]["speaker"] == "刘静军"


def test_a_line_changed_by_someone_else_asks_which_to_keep(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    clip_id = open_interview(qtbot, window)
    view = window.transcript_view
    first = view.model.line(0).original
    # Someone else (another copy of DocManager) changes the line after this window read it.
    with Project.open(demo_dir, backup=False) as other:
        from docmanager.transcripts.store import edit_segment

        edit_segment(other, first.id, text="我儿子是在太原火车站被拐走的。")
    asked = []
    window.transcript_editor.conflict_handler = lambda theirs, mine, who: asked.append((theirs, mine)) or False
    assert not window.transcript_editor.edit_text(clip_id, first, "我的儿子在太原火车站丢了。")
    assert asked == [("我儿子是在太原火车站被拐走的。", "我的儿子在太原火车站丢了。")]
    assert stored_texts(demo_dir, clip_id)[0][0] == "我儿子是在太原火车站被拐走的。"  # theirs kept
    assert view.model.index(0, ORIGINAL).data() == "我儿子是在太原火车站被拐走的。"  # and shown
    # Keeping mine writes it over theirs; undo brings theirs back.
    window.transcript_editor.conflict_handler = lambda theirs, mine, who: True
    assert window.transcript_editor.edit_text(clip_id, first, "我的儿子在太原火车站丢了。")
    assert stored_texts(demo_dir, clip_id)[0][0] == "我的儿子在太原火车站丢了。"
    window.undo_action.trigger()
    assert stored_texts(demo_dir, clip_id)[0][0] == "我儿子是在太原火车站被拐走的。"


def test_split_at_the_cursor_and_merge_with_the_next_undo(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    clip_id = open_interview(qtbot, window)
    view = window.transcript_view
    before = stored(demo_dir, clip_id)["segments"]

    # Split line 2 after "那天下午，" with Ctrl+K in the editor.
    editor = start_editing(qtbot, view, 1, ORIGINAL)
    cursor = editor.textCursor()
    cursor.setPosition(len("那天下午，"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=TIMEOUT_MS)
    segs = stored(demo_dir, clip_id)["segments"]
    assert [s["text"] for s in segs] == [ZH_LINES[0], "那天下午，", "我们在站前卖水果。", ZH_LINES[2]]
    assert segs[1]["start"] == 2.2 and segs[2]["end"] == 4.0 and segs[1]["end"] == segs[2]["start"]
    assert segs[2]["speaker"] == "刘静军"
    assert view.current_segment_id() == segs[2]["id"]  # the new second part is the current line
    assert window.undo_stack.undoText() == "Split line"

    window.undo_action.trigger()
    after_undo = stored(demo_dir, clip_id)["segments"]
    assert [(s["text"], s["start"], s["end"], s["translation"]) for s in after_undo] == \
        [(s["text"], s["start"], s["end"], s["translation"]) for s in before]
    assert view.model.rowCount() == 3
    window.redo_action.trigger()
    assert [s["text"] for s in stored(demo_dir, clip_id)["segments"]] == \
        [ZH_LINES[0], "那天下午，", "我们在站前卖水果。", ZH_LINES[2]]
    # An edit of the new part, undone with the split and redone after it, finds the part made again.
    second = view.model.line(2).original
    assert window.transcript_editor.edit_text(clip_id, second, "我们在火车站前卖水果。")
    for _ in range(2):
        window.undo_action.trigger()
    assert view.model.rowCount() == 3
    for _ in range(2):
        window.redo_action.trigger()
    assert [s["text"] for s in stored(demo_dir, clip_id)["segments"]] == \
        [ZH_LINES[0], "那天下午，", "我们在火车站前卖水果。", ZH_LINES[2]]
    window.undo_action.trigger()
    window.undo_action.trigger()

    # Merge line 1 with the next from the context menu's action.
    view.select_row(0)
    view.merge_action.trigger()
    segs = stored(demo_dir, clip_id)["segments"]
    assert [s["text"] for s in segs] == [ZH_LINES[0] + ZH_LINES[1], ZH_LINES[2]]
    assert (segs[0]["start"], segs[0]["end"]) == (0.5, 4.0)
    assert segs[0]["translation"]["text"] == f"{EN_LINES[0]} {EN_LINES[1]}"
    assert view.model.rowCount() == 2
    window.undo_action.trigger()
    segs = stored(demo_dir, clip_id)["segments"]
    assert [(s["text"], s["start"], s["end"], s["speaker"]) for s in segs] == \
        [(s["text"], s["start"], s["end"], s["speaker"]) for s in before]
    assert view.model.rowCount() == 3
    english = stored(demo_dir, clip_id, "en")["segments"]  # the English lines the merge joined, apart again
    assert [(s["text"], s["start"], s["end"]) for s in english] == \
        [(EN_LINES[0], 0.5, 2.0), (EN_LINES[1], 2.2, 4.0), (EN_LINES[2], 4.2, 5.8)]
    window.redo_action.trigger()
    assert [s["text"] for s in stored(demo_dir, clip_id)["segments"]] == [ZH_LINES[0] + ZH_LINES[1], ZH_LINES[2]]


def test_tags_on_a_line_undo(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    clip_id = open_interview(qtbot, window)
    view = window.transcript_view
    line = view.model.line(0).original
    assert window.transcript_editor.set_tags(clip_id, line, ["railway station", "police"])
    assert stored(demo_dir, clip_id)["segments"][0]["tags"] == ["police", "railway station"]
    assert view.model.line(0).original.tags == ("police", "railway station")
    assert any(t.name == "railway station" for t in window._facets.tags)  # the search's filter offers it
    window.undo_action.trigger()
    assert stored(demo_dir, clip_id)["segments"][0]["tags"] == []


# -------------------------------------------------------------------- the player
def test_clicking_a_line_seeks_the_player(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    open_interview(qtbot, window)
    view, player = window.transcript_view, window.player
    assert player.source_path() is not None and Path(player.source_path()).is_file()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(view, 1, ORIGINAL))
    assert player.requested_ms() == 2200
    assert view.model.playing_row() == 1
    qtbot.waitUntil(lambda: player.media.mediaStatus() in (QMediaPlayer.MediaStatus.LoadedMedia,
                                                          QMediaPlayer.MediaStatus.BufferedMedia),
                    timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: player.position_ms() == 2200, timeout=TIMEOUT_MS)
    assert player.time_label.text().startswith("00:00:02.200 / 00:00:06.0")
    # Enter on a line seeks too; the position the player reports highlights the line being said.
    view.table.setCurrentIndex(view.model.index(2, ORIGINAL))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert player.position_ms() == 4200
    with qtbot.waitSignal(player.positionChanged, timeout=TIMEOUT_MS):
        player.seek_ms(700)
    qtbot.waitUntil(lambda: view.model.playing_row() == 0, timeout=TIMEOUT_MS)
    # J and L step back and forward; the keys work while the lines have the focus.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_L)
    assert player.position_ms() == 2700
    qtbot.keyClick(view.table, Qt.Key.Key_J)
    assert player.position_ms() == 700


def test_the_player_plays_without_an_audio_device(qtbot, make_window, demo_dir):
    window = active_window(qtbot, make_window, demo_dir)
    open_interview(qtbot, window)
    player = window.player
    qtbot.waitUntil(player.is_loaded, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(player.playingChanged, timeout=TIMEOUT_MS, check_params_cb=lambda playing: playing):
        window.transcript_view.table.setFocus()
        qtbot.keyClick(window.transcript_view.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.position_ms() > 0, timeout=TIMEOUT_MS)
    qtbot.keyClick(window.transcript_view.table, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=TIMEOUT_MS)


def test_a_clip_whose_file_is_offline_shows_a_message(qtbot, window):
    """The small catalogue's clips name files that are not on this disk."""
    clip_id = clip_id_by_name(window.project.root, "Liu interview 1")
    assert window.open_transcript(clip_id)
    player = window.player
    assert player.screen_stack.currentWidget() is player.message
    assert "/archive/2019/00000.MTS" in player.message.text()
    assert not player.play_button.isEnabled()
    player.seek_ms(1000)  # nothing to seek in: ignored
    player.toggle_play()
    assert not player.is_playing()
    view = window.transcript_view
    assert view.stack.currentWidget() is view.empty
    assert "no transcript" in view.empty.text()


def test_timestamps():
    assert timestamp_text(62480) == "00:01:02.480"
    assert timestamp_text(240000) == "00:04:00.000"
    assert timestamp_text(3_723_004) == "01:02:03.004"
    assert timestamp_text(None) == ""


# -------------------------------------------------------------------- importing
def test_dropping_subtitles_on_a_clip_row_imports_them(qtbot, make_window, demo_dir, tmp_path, monkeypatch):
    window = active_window(qtbot, make_window, demo_dir)
    clip_id = clip_id_by_name(demo_dir, WINDOW_CLIP)
    zh, en = write_srts(tmp_path / "drop")
    assert guess_language(str(zh)) == "zh" and guess_language(str(en)) == "en"
    chosen = []

    def accept(dialog: TranscriptImportDialog) -> int:
        chosen.append(dialog.items())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TranscriptImportDialog, "exec", accept)
    table = window.browser.table
    row = window.clip_model.row_of(clip_id)
    pos = table.visualRect(window.clip_model.index(row, 0)).center()
    with qtbot.waitSignal(window.tasks.taskStarted, timeout=TIMEOUT_MS) as started:
        assert drop_files(table.viewport(), [zh, en], pos)
    task = started.args[0]
    # Chinese as the transcript, English as its translation: guessed from the names.
    assert [(Path(i.path).name, i.lang, i.translation_of) for i in chosen[0]] == \
        [("interview1.zh.srt", "zh", None), ("interview1.en.srt", "en", "zh")]
    with qtbot.waitSignal(task.ended, timeout=TIMEOUT_MS):
        pass
    with Project.open(demo_dir, backup=False) as project, project.session() as s:
        infos = {t.lang: t for t in transcripts_of_clip(s, clip_id)}
        assert infos["zh"].segments == 3 and infos["en"].translation_of == "zh"
        assert [r.counterpart_text for r in segments_page(s, clip_id)] == EN_LINES
    # The window shows the clip's transcript and what the import did.
    view = window.transcript_view
    qtbot.waitUntil(lambda: view.clip_id() == clip_id and view.model.rowCount() == 3, timeout=TIMEOUT_MS)
    assert window.center.currentWidget() is view
    summary = view.glossary_panel.import_summary.text()
    assert "interview1.zh.srt: zh, SRT, utf-8, 3 lines" in summary
    assert "interview1.en.srt: en, SRT, utf-8, 3 lines" in summary
    assert "Imported interview1.zh.srt: 3 lines (utf-8)" in window.statusBar().currentMessage()
    assert window.inspector._detail_values["transcripts"].text() == "zh: 3 lines, en: 3 lines"
    # Files other than transcripts are not taken.
    assert not drop_files(table.viewport(), [Path(window.player.source_path())], pos)


def test_dropping_a_translation_on_the_transcript_view(qtbot, make_window, demo_dir, tmp_path, monkeypatch):
    window = active_window(qtbot, make_window, demo_dir)
    clip_id = open_interview(qtbot, window)
    fr = tmp_path / "interview1.fr.srt"
    fr.write_text(EN_SRT.replace("My son was taken", "Mon fils a été enlevé"), encoding="utf-8")

    def accept(dialog: TranscriptImportDialog) -> int:
        dialog.languages[0].setEditText("fr")
        dialog.sources[0].setCurrentIndex(dialog.sources[0].findData("zh"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TranscriptImportDialog, "exec", accept)
    view = window.transcript_view
    with qtbot.waitSignal(window.tasks.taskStarted, timeout=TIMEOUT_MS) as started:
        assert drop_files(view, [fr])
    with qtbot.waitSignal(started.args[0].ended, timeout=TIMEOUT_MS):
        pass
    with Project.open(demo_dir, backup=False) as project, project.session() as s:
        assert {t.lang: t.translation_of for t in transcripts_of_clip(s, clip_id)} == \
            {"zh": None, "en": "zh", "fr": "zh"}
    # Three transcripts: the language chooser shows; French can be put beside the Chinese.
    qtbot.waitUntil(lambda: view.translation_combo.isVisible(), timeout=TIMEOUT_MS)
    combo = view.translation_combo
    combo.setCurrentIndex(combo.findData("fr"))
    combo.activated.emit(combo.currentIndex())
    assert view.model.translation_lang() == "fr"
    assert view.model.index(0, TRANSLATION).data().startswith("Liu Jingjun: Mon fils a été enlevé") or \
        view.model.index(0, TRANSLATION).data().startswith("Mon fils a été enlevé")
    combo.setCurrentIndex(combo.findData(None))
    combo.activated.emit(combo.currentIndex())
    assert view.model.translation_lang() is None and view.model.index(0, TRANSLATION).data() == ""


def test_a_long_transcript_opens_with_only_the_lines_in_view_measured(qtbot, make_window, demo_dir, tmp_path):
    clip_id = clip_id_by_name(demo_dir, WINDOW_CLIP)
    cues = []
    for n in range(600):
        stamps = f"00:{n * 4 // 60:02d}:{n * 4 % 60:02d},000 --> 00:{n * 4 // 60:02d}:{n * 4 % 60:02d},900"
        text = "张秀英：我每天都站在窗口等他回来。" if n % 2 else \
            "张秀英：我每天都站在窗口等他回来，" + "等了一年又一年，邻居都劝我别等了，可我还是每天站在这里。" * 3
        cues.append(f"{n + 1}\n{stamps}\n{text}\n")
    srt = tmp_path / "window.zh.srt"
    srt.write_text("\n".join(cues), encoding="utf-8")
    with Project.open(demo_dir, backup=False) as project:
        assert import_transcript(project, clip_id, srt, "zh").segments == 600
    window = active_window(qtbot, make_window, demo_dir)
    open_interview(qtbot, window, WINDOW_CLIP)
    view = window.transcript_view
    table = view.table
    assert view.model.rowCount() == 600
    assert 0 < len(table._sized) < 60
    one_line = table.verticalHeader().defaultSectionSize()
    assert table.rowHeight(0) > one_line  # a long line wraps: its row is as tall as its text
    assert table.rowHeight(1) == one_line
    # A line far down (a search result, say) is shown in view, fitted to its text.
    far = view.model.line(550).id
    assert view.select_segment(far)
    rect = table.visualRect(view.model.index(550, ORIGINAL))
    assert table.viewport().rect().contains(rect.center())
    assert table.rowHeight(550) > one_line
    assert len(table._sized) < 120
