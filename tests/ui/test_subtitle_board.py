"""The Subtitles tab over a real demo project on disk: states, Set State…, QC findings that open the line.

The board reads in the background: each test waits for the read it asked for
(``wait_read``) before looking.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from docmanager.project import Project
from docmanager.subtitles.status import set_state, status_rows
from docmanager.transcripts.store import import_transcript
from tests.ui.conftest import clip_id_by_name
from ui.models.subtitle_board import QcRole, StateRole
from ui.views.subtitle_board import HATCH, PALETTE, SetStateDialog

TIMEOUT_MS = 30_000
PART_1 = "Liu Jingjun – interview, part 1"
PART_2 = "Liu Jingjun – interview, part 2"
WINDOW_CLIP = "Zhang Xiuying at the window"  # b-roll, 4 s

ZH_SRT = """1
00:00:00,200 --> 00:00:01,500
张秀英：他走的那天也下着雨。

2
00:00:01,600 --> 00:00:02,400
我一直站在窗前等。

3
00:00:02,600 --> 00:00:03,800
等了十二年。
"""
#: Line 2: 64 characters in 0.8 s, far too fast to read.
EN_SRT = """1
00:00:00,200 --> 00:00:01,500
It rained the day he left.

2
00:00:01,600 --> 00:00:02,400
I have stood at this window and waited for him every single day.

3
00:00:02,600 --> 00:00:03,800
Twelve years.
"""


@pytest.fixture
def board_window(qtbot, make_window, demo_project, monkeypatch):
    """The main window on a copy of the demo, the Subtitles tab shown, acting as Li Na."""
    monkeypatch.setenv("DOCMANAGER_USER", "Li Na")
    window = make_window(demo_project)
    window.center.setCurrentWidget(window.subtitle_board)
    qtbot.waitUntil(lambda: window.subtitle_board.model.rowCount() > 0, timeout=TIMEOUT_MS)
    wait_read(qtbot, window.subtitle_board)
    return window


def wait_read(qtbot, board) -> None:
    """Until the board and the selected cell's findings have been read and shown."""
    qtbot.waitUntil(lambda: not board.is_loading(), timeout=TIMEOUT_MS)


def ids(project_dir: Path) -> dict:
    from sqlalchemy import select

    from docmanager.db.models import Cut

    with Project.open(project_dir, backup=False) as project, project.session() as s:
        cuts = {f"{name} v{v}": cid for cid, name, v in s.execute(select(Cut.id, Cut.name, Cut.cut_version))}
    return cuts


def stored_state(project_dir: Path, lang: str, clip_id=None, cut_id=None) -> dict:
    """The state as a fresh ``Project.open`` reads it (what is really on disk)."""
    with Project.open(project_dir, backup=False) as project, project.session() as s:
        rows = status_rows(s, clip_id=clip_id, cut_id=cut_id, lang=lang)
    assert len(rows) == 1
    return rows[0]


def select(qtbot, board, kind: str, ident: int, lang: str):
    assert board.select_cell(kind, ident, lang)
    wait_read(qtbot, board)
    return board.tree.currentIndex()


def test_the_board_shows_the_demo_states(qtbot, board_window):
    window = board_window
    board = window.subtitle_board
    root = window.project.root
    part2 = clip_id_by_name(root, PART_2)
    broll = clip_id_by_name(root, WINDOW_CLIP)
    v2 = ids(root)["Assembly v2"]
    assert [board.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == \
        ["Interview or cut", "Chinese", "English"]
    groups = [board.model.index(g, 0).data() for g in range(board.model.rowCount())]
    assert groups[1] == "Liu Jingjun (4)" and groups[-1] == "Cuts (2)"

    index = board.model.find("clip", part2, "en")
    assert (index.data(), index.data(StateRole)) == ("approved", "approved")
    assert index.data(QcRole) >= 1  # the DNA line is too fast
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Sun Mei" in tip and "names checked with the family" in tip

    cut = board.model.find("cut", v2, "en")
    assert cut.data() == "reviewed"
    assert "Line 4 changed since approval" in cut.data(Qt.ItemDataRole.ToolTipRole)
    assert board.model.find("clip", broll, "en").data() == "not needed"
    assert board.totals.texts() == ["Chinese: 0 of 4 interviews approved · cuts: 0 of 2",
                                    "English: 1 of 4 interviews approved · cuts: 1 of 2"]

    # The approved cell is painted in the approved colour; the b-roll cell pale and hatched.
    image = board.tree.viewport().grab().toImage()

    def colours(ident):
        rect = board.tree.visualRect(board.model.find("clip", ident, "en"))
        assert rect.isValid()
        return {QColor(image.pixel(x, y)).name() for x in range(rect.left() + 10, rect.left() + 22)
                for y in range(rect.top() + 5, rect.top() + 9)}

    assert colours(part2) == {PALETTE["approved"][0]}
    assert colours(broll) == {PALETTE["not-needed"][0], HATCH}


def test_filters_and_grouping(qtbot, board_window):
    board = board_window.subtitle_board
    board.set_filters(group_by="shoot")
    wait_read(qtbot, board)
    groups = [board.model.index(g, 0).data() for g in range(board.model.rowCount())]
    assert groups == ["Taiyuan – Liu family home (4)", "Taiyuan – police station (1)",
                      "Beijing – volunteers' meeting (3)", "Cuts (2)"]
    board.set_filters(state="approved")
    wait_read(qtbot, board)
    names = [board.model.index(r, 0, board.model.index(g, 0)).data()
             for g in range(board.model.rowCount()) for r in range(board.model.rowCount(board.model.index(g, 0)))]
    assert names == [PART_2, "Assembly v1"]
    subject = board.subject_combo.itemData(board.subject_combo.findText("Xiao Lei", Qt.MatchFlag.MatchStartsWith))
    board.set_filters(group_by="subject", state=None, subject=subject)
    wait_read(qtbot, board)
    groups = [board.model.index(g, 0).data() for g in range(board.model.rowCount())]
    assert groups == ["Xiao Lei (1)", "Cuts (2)"]  # the cuts use his clip
    assert board.totals.texts()[1].startswith("English: 0 of 1 interview approved")


def test_a_state_set_through_the_dialog_reaches_the_catalogue(qtbot, board_window):
    window = board_window
    board = window.subtitle_board
    root = window.project.root
    part1 = clip_id_by_name(root, PART_1)
    select(qtbot, board, "clip", part1, "en")
    dialog = board.set_state_dialog()
    assert isinstance(dialog, SetStateDialog) and dialog.isVisible()
    choices = dialog.choices()
    assert "approved" in choices and "reviewed" in choices and "not-needed" in choices
    assert "translated" not in choices  # where it is now
    assert "timed" not in choices and "delivered" not in choices  # not approved yet
    assert dialog.choose("approved")
    dialog.note.setPlainText("checked with the family")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    wait_read(qtbot, board)

    row = stored_state(root, "en", clip_id=part1)
    assert (row["state"], row["by"], row["note"], row["derived"]) == \
        ("approved", "Li Na", "checked with the family", False)
    assert row["history"][-1]["from"] == "translated"
    index = board.model.find("clip", part1, "en")
    assert index.data() == "approved"
    assert board.tree.currentIndex() == index  # still selected after the board was read again
    assert board.totals.texts()[1].startswith("English: 2 of 4 interviews approved")


def test_a_refused_move_shows_the_message_and_changes_nothing(qtbot, board_window):
    window = board_window
    board = window.subtitle_board
    root = window.project.root
    part2 = clip_id_by_name(root, PART_2)
    before = stored_state(root, "en", clip_id=part2)
    select(qtbot, board, "clip", part2, "en")
    dialog = board.set_state_dialog()
    assert "timed" in dialog.choices()  # approved: it can be timed now
    assert dialog.choose("translated")  # going back without a reason
    assert dialog.hint.isVisible() and "reason" in dialog.hint.text()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "going back from approved to translated needs a reason" in dialog.error.text()
    after = stored_state(root, "en", clip_id=part2)
    assert (after["state"], len(after["history"])) == ("approved", len(before["history"]))
    assert board.model.find("clip", part2, "en").data() == "approved"
    # With a reason it goes back.
    dialog.note.setPlainText("the family asked for a change")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    assert stored_state(root, "en", clip_id=part2)["state"] == "translated"


def test_a_qc_finding_opens_its_line_in_the_transcript(qtbot, make_window, demo_project, tmp_path):
    clip = clip_id_by_name(demo_project, WINDOW_CLIP)
    (tmp_path / "zh.srt").write_text(ZH_SRT, encoding="utf-8")
    (tmp_path / "en.srt").write_text(EN_SRT, encoding="utf-8")
    with Project.open(demo_project, backup=False) as project:
        import_transcript(project, clip, tmp_path / "zh.srt", "zh")
        import_transcript(project, clip, tmp_path / "en.srt", "en", translation_of="zh")
    window = make_window(demo_project)
    window.center.setCurrentWidget(window.subtitle_board)
    board = window.subtitle_board
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=TIMEOUT_MS)
    wait_read(qtbot, board)
    index = select(qtbot, board, "clip", clip, "en")
    assert index.data(QcRole) >= 1
    panel = board.qc_panel
    assert panel.stack.currentWidget() is panel.list
    problems = [(panel.list.topLevelItem(i).text(0), panel.list.topLevelItem(i).text(1))
                for i in range(panel.list.topLevelItemCount())]
    assert ("2", "too fast to read") in problems
    assert "English subtitles of Zhang Xiuying at the window" in panel.title.text()
    number = problems.index(("2", "too fast to read"))
    item = panel.list.topLevelItem(number)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    view = window.transcript_view
    qtbot.waitUntil(lambda: window.center.currentWidget() is view, timeout=TIMEOUT_MS)
    assert view.clip_id() == clip
    assert view.model.translation_lang() == "en"
    assert view.current_row() == 1
    assert view.current_line().translation_text.startswith("I have stood at this window")


def test_a_cut_finding_opens_the_clip_line_it_came_from(qtbot, board_window):
    window = board_window
    board = window.subtitle_board
    root = window.project.root
    v1 = ids(root)["Assembly v1"]
    part2 = clip_id_by_name(root, PART_2)
    select(qtbot, board, "cut", v1, "en")
    panel = board.qc_panel
    texts = [finding.text for finding in panel.findings()]
    number = next(i for i, text in enumerate(texts) if "DNA" in text)
    assert panel.list.topLevelItem(number).text(0) == "2"  # the cut's second subtitle
    assert panel.activate(number)
    view = window.transcript_view
    qtbot.waitUntil(lambda: window.center.currentWidget() is view and view.clip_id() == part2, timeout=TIMEOUT_MS)
    assert view.current_row() == 0
    assert "DNA" in view.current_line().translation_text


def test_double_clicking_a_clip_cell_opens_its_transcript(qtbot, board_window):
    window = board_window
    board = window.subtitle_board
    part1 = clip_id_by_name(window.project.root, PART_1)
    index = board.model.find("clip", part1, "zh")
    board.tree.scrollTo(index)
    rect = board.tree.visualRect(index)
    qtbot.mouseClick(board.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(board.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = window.transcript_view
    qtbot.waitUntil(lambda: window.center.currentWidget() is view, timeout=TIMEOUT_MS)
    assert view.clip_id() == part1
    assert view.model.lang() == "zh"


def test_the_board_follows_changes_made_elsewhere(qtbot, board_window):
    window = board_window
    board = window.subtitle_board
    root = window.project.root
    part1 = clip_id_by_name(root, PART_1)
    assert board.model.find("clip", part1, "zh").data() == "transcribed"
    with Project.open(root, backup=False) as other:  # another member of the crew, another connection
        other.user = "Zhou Bo"
        set_state(other, clip_id=part1, lang="zh", state="reviewed", note="checked against the tape")
    qtbot.waitUntil(lambda: board.model.find("clip", part1, "zh").data() == "reviewed", timeout=TIMEOUT_MS)
    assert "Zhou Bo" in board.model.find("clip", part1, "zh").data(Qt.ItemDataRole.ToolTipRole)
    QApplication.processEvents()


def _held_board(monkeypatch, hold_first_only: bool = False):
    """The core's ``board`` as the read job calls it, waiting for ``release`` before it reads.

    Returns (release, calls): ``calls`` lists, per read, the thread it ran on,
    its ``group_by``, and whether it went on because ``release`` was set (not
    because the wait ran out).
    """
    import ui.models.subtitle_board as models

    real = models.board
    release = threading.Event()
    calls: list[dict] = []
    running = []

    def held(session, **kwargs):
        call = {"thread": threading.current_thread(), "group_by": kwargs.get("group_by"), "overlapped": bool(running)}
        calls.append(call)
        running.append(call)
        try:
            if not hold_first_only or len(calls) == 1:
                call["released"] = release.wait(10)
            return real(session, **kwargs)
        finally:
            running.remove(call)

    monkeypatch.setattr(models, "board", held)
    return release, calls


def test_a_refresh_returns_at_once_and_the_board_is_read_in_the_background(qtbot, board_window, monkeypatch):
    board = board_window.subtitle_board
    part1 = clip_id_by_name(board_window.project.root, PART_1)
    select(qtbot, board, "clip", part1, "en")
    shown = board.model.board()
    release, calls = _held_board(monkeypatch)
    board.refresh()
    # refresh() is back while the read waits for ``release``, which only this thread sets, below: had it read
    # on this thread, the read would have waited for the event in vain and said so.
    assert board.is_loading()
    assert board.model.board() is shown  # the board shown stays while reading
    qtbot.waitUntil(lambda: board.reading_label.isVisible(), timeout=TIMEOUT_MS)
    assert board.reading_label.text().startswith("Reading")
    assert board.current_key() == ("clip", part1, "en")
    release.set()
    with qtbot.waitSignal(board.loaded, timeout=TIMEOUT_MS):
        pass
    wait_read(qtbot, board)
    assert len(calls) == 1
    assert calls[0]["released"] and calls[0]["thread"] is not threading.main_thread()
    assert board.model.board() is not shown
    assert not board.reading_label.isVisible()
    assert board.current_key() == ("clip", part1, "en")  # the selected cell and its findings kept
    assert "English subtitles of Liu Jingjun" in board.qc_panel.title.text()


def test_a_read_overtaken_by_a_newer_wish_is_not_shown(qtbot, board_window, monkeypatch):
    board = board_window.subtitle_board
    release, calls = _held_board(monkeypatch, hold_first_only=True)
    shown = []
    board.model.modelReset.connect(lambda: shown.append(board.model.board().group_by))
    board.refresh()  # by subject, as chosen
    board.set_filters(group_by="shoot")  # asked for while the first read runs
    assert board.is_loading()
    release.set()
    wait_read(qtbot, board)
    assert [c["group_by"] for c in calls] == ["subject", "shoot"]  # the latest wish read when the first ended
    assert not any(c["overlapped"] for c in calls)  # one read at a time
    assert shown == ["shoot"]  # the first read's board never appeared
    assert board.model.index(0, 0).data() == "Taiyuan – Liu family home (4)"


def test_a_read_of_a_project_no_longer_shown_is_dropped(qtbot, board_window, monkeypatch):
    board = board_window.subtitle_board
    release, calls = _held_board(monkeypatch)
    loaded = []
    board.loaded.connect(lambda: loaded.append(True))
    board.refresh()
    board.set_project(None)
    assert board.model.rowCount() == 0
    release.set()
    qtbot.waitUntil(lambda: board.tasks.tasks() == [], timeout=TIMEOUT_MS)
    QApplication.processEvents()
    assert len(calls) == 1 and not loaded
    assert board.model.rowCount() == 0 and not board.is_loading()


def test_qc_messages_read_in_chinese(qtbot, qapp):
    """The core's QC messages are shown in the app's language (the numbers kept)."""
    from PySide6.QtCore import QTranslator

    from docmanager.subtitles.board import CellFinding
    from ui.i18n import TRANSLATIONS_DIR
    from ui.views.qc_panel import QcPanel

    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "docmanager_zh_CN.qm"))
    qapp.installTranslator(translator)
    try:
        panel = QcPanel()
        qtbot.addWidget(panel)
        fast = CellFinding(2, "too-fast", "21.0 characters a second (limit 17): 42 characters in 2.00 s",
                           0, 2000, "The police said they would check the DNA database.", 1, 9)
        assert panel.message_text(fast) == "每秒 21.0 个字符（上限 17）：2.00 秒内 42 个字符"
        name = CellFinding(1, "glossary", "“Liu Jinjun” looks like Liu Jingjun: the glossary spells it “Liu Jingjun”",
                           0, 2000, "Liu Jinjun: …", 1, 4)
        assert panel.message_text(name) == "“Liu Jinjun”像是 Liu Jingjun：人名对照表写作“Liu Jingjun”"
        odd = CellFinding(1, "too-fast", "a message of another form", 0, 2000, "", 1, 4)
        assert panel.message_text(odd) == "a message of another form"
        panel.show_findings("Assembly v2", "英文", "en", [fast], on_clip=False, changed="第 4 句在批准后有改动")
        assert panel.list.topLevelItem(0).text(1) == "太快，来不及读"
        assert panel.list.topLevelItem(0).text(3) == "The police said they would check the DNA database."
        assert panel.changed.isVisibleTo(panel)
    finally:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_the_read_job_keeps_qc_counts_on_either_catalogue(project, tmp_path, monkeypatch):
    """The job reads one state of the catalogue (on a team catalogue too), so the core keeps its QC counts:
    after one transcript changed, only that clip is checked again."""
    from tests.factories import add_plain_clip
    from tests.test_subtitle_board import count_checks
    from ui.models.subtitle_board import read_board_job

    filters = {"group_by": "subject", "subject": None, "shoot": None, "state": None}
    clips = [add_plain_clip(project, name, seconds=5) for name in ("window", "door")]
    for clip in clips:
        (tmp_path / "en.srt").write_text(EN_SRT, encoding="utf-8")
        import_transcript(project, clip, tmp_path / "en.srt", "en")
    first = read_board_job(project, filters)
    checked = count_checks(monkeypatch)
    (tmp_path / "en.srt").write_text(EN_SRT.replace("Twelve years.", "Twelve long years, and still no word."),
                                     encoding="utf-8")
    import_transcript(project, clips[0], tmp_path / "en.srt", "en")
    second = read_board_job(project, filters)
    assert len(checked) == 1 and "Twelve long years" in checked[0][-1].text
    assert second.board.clip_row(clips[1]).cells["en"].qc == first.board.clip_row(clips[1]).cells["en"].qc


def test_after_shutdown_no_read_starts_on_the_project(qtbot, board_window):
    """Between ``shutdown`` and the project's closing the window may still handle events (an ingest that
    stops writes, a backup is waited for): the board must not start reading the project again then."""
    board = board_window.subtitle_board
    project = board_window.project
    part1 = clip_id_by_name(project.root, PART_1)
    board.shutdown()
    set_state(project, clip_id=part1, lang="zh", state="reviewed", note="checked against the tape")
    board.refresh_if_changed()  # what the poll does every two seconds
    board.refresh()
    assert board.tasks.tasks() == [] and not board.is_loading()
