"""The Ingest window over real media: a generated AVCHD card and MP4 files, a real project and destination."""
from __future__ import annotations

import os
import shutil
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from docmanager.db.models import MediaFile
from docmanager.ingest.ingest import ingest
from docmanager.jobs import Progress
from docmanager.media.avchd_card import TakeSpec, write_card
from docmanager.media.generate import make_clip
from tests.ui.conftest import CLIPS, clip_id_by_name, stored_clip
from ui.models.clip_table import COLUMN_KEYS, CompactTextRole
from ui.views.ingest import IngestDialog, clock_text, parse_progress

pytestmark = pytest.mark.slow

CST = timezone(timedelta(hours=8))
PARTIAL = ".docmanager-partial"
TIMEOUT_MS = 180_000


# ------------------------------------------------------------------ media
@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    """A card with a single take and a take spanned over three files, an MP4, and a bigger card."""
    root = tmp_path_factory.mktemp("media")
    card = root / "CARD1"
    write_card(card, [TakeSpec(seconds=2, files=1, recorded_at=datetime(2019, 5, 2, 10, 14, 3, tzinfo=CST)),
                      TakeSpec(seconds=4, files=3, recorded_at=datetime(2019, 5, 2, 11, 0, 0, tzinfo=CST))])
    extra = root / "phone"
    make_clip(extra / "street.mp4", seconds=2, size=(640, 360))
    big = root / "CARD2"
    write_card(big, [TakeSpec(seconds=4, files=2), TakeSpec(seconds=4), TakeSpec(seconds=4), TakeSpec(seconds=4)])
    bad = root / "bad"
    bad.mkdir()
    make_clip(bad / "good.mp4", seconds=1, size=(320, 180))
    (bad / "empty.mp4").write_bytes(b"")
    return {"card": card, "mp4": extra / "street.mp4", "big": big, "bad": bad}


def partial_files(folder: Path) -> list[Path]:
    return [Path(d) / n for d, _dirs, names in os.walk(folder) for n in names if PARTIAL in n]


def open_ingest(window) -> IngestDialog:
    window.ingest_action.trigger()
    dialog = window.ingest_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def drop_paths(widget, paths: list[Path]) -> bool:
    """Drag these paths from a file manager onto ``widget`` and drop them; True when it took them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    centre = QPointF(target.rect().center())
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def start_and_wait(qtbot, dialog: IngestDialog):
    with qtbot.waitSignal(dialog.ingestEnded, timeout=TIMEOUT_MS) as ended:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    return ended.args[0]


# ------------------------------------------------------------------ tests
def test_parse_progress_messages():
    p = parse_progress("Copying PRIVATE/AVCHD/BDMV/STREAM/00001.MTS (3/20 files) — 45.2 MB/s")
    assert (p.step, p.file, p.index, p.count) == ("copy", "PRIVATE/AVCHD/BDMV/STREAM/00001.MTS", 3, 20)
    assert p.speed == pytest.approx(45.2e6)
    p = parse_progress("Verifying STREAM/00002.MTS on /media/archive — 120.0 MB/s")
    assert (p.step, p.file) == ("verify", "STREAM/00002.MTS") and p.speed == pytest.approx(120e6)
    assert parse_progress("Cataloguing 00000.MTS").file == "00000.MTS"
    assert parse_progress("Looking for clips").step == "scan"
    assert parse_progress("Thumbnails for 00001–00003.MTS").file == "00001–00003.MTS"
    assert parse_progress("Ingest: 3 done, 1 failed").step == "done"
    other = parse_progress("Something new")
    assert (other.step, other.text, other.speed) == ("other", "Something new", None)
    assert clock_text(7) == "0:07" and clock_text(750) == "12:30" and clock_text(3723) == "1:02:03"


def test_ingest_needs_an_open_project(qtbot, app_settings, runner, tmp_path, catalogue_dir):
    from ui.main_window import MainWindow

    window = MainWindow(app_settings, runner, demo_dir=tmp_path / "Demo")
    qtbot.addWidget(window)
    assert not window.ingest_action.isEnabled()
    assert window.ingest_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.open_ingest() is None
    assert window.open_project(catalogue_dir)
    assert window.ingest_action.isEnabled()
    window.close()


def test_a_card_and_an_mp4_are_ingested_into_the_catalogue(qtbot, window, catalogue_dir, media, tmp_path):
    dest = tmp_path / "Archive"
    dest.mkdir()
    dialog = open_ingest(window)
    # The card folder comes from a file manager, the MP4 from the Add Files button's list.
    assert drop_paths(dialog.sources, [media["card"]])
    assert dialog.add_sources([media["mp4"], media["card"]]) == 1  # a repeat is skipped
    assert dialog.sources.paths() == [str(media["card"]), str(media["mp4"])]
    assert dialog.label.text() == "CARD1"  # from the first source
    assert dialog.add_destinations([dest]) == 1
    assert dialog.add_destinations([media["mp4"]]) == 0  # a file is no destination
    dialog.set_chosen_subjects(["Zhang Xiuying"])
    dialog.set_chosen_shoot("Taiyuan – Liu family home")
    values: list[int] = []
    messages: list[str] = []
    dialog.bar.valueChanged.connect(values.append)
    dialog.ingestStarted.connect(lambda task: task.progress.connect(lambda d, t, m: messages.append(m)))

    report = start_and_wait(qtbot, dialog)

    assert report is not None and not report.cancelled and report.failed == []
    assert len(set(values)) >= 2 and values[-1] == 1000  # the bar moved, to the end
    assert messages  # progress arrived while it ran
    assert dialog.heading.text() == "Ingest finished"
    assert dialog.summary_values["added"].text() == "3"
    assert dialog.summary_values["known"].text() == "0"
    assert dialog.summary_values["files"].text().startswith("5 (") and "MB" in dialog.summary_values["files"].text()
    assert str(dest / "CARD1") in dialog.summary_values["destinations"].text()
    assert dialog.summary_values["mhl"].text().count(".mhl") == 2  # one history per source
    assert dialog.failures.rowCount() == 0 and not dialog.failures.isVisible()
    assert partial_files(dest) == []
    assert (dest / "CARD1" / "CARD1" / "PRIVATE" / "AVCHD" / "BDMV" / "STREAM" / "00002.MTS").is_file()

    # The main window shows the new clips, with posters, and the sidebar counts them.
    model = window.clip_model
    qtbot.waitUntil(lambda: model.rowCount() == len(CLIPS) + 3)
    added = report.data["clips_added"]
    name_column = COLUMN_KEYS.index("name")
    posters = [model.index(model.row_of(clip_id), name_column) for clip_id in added]
    # Thumbnails are read off the UI thread: none at first, each one there once read.
    qtbot.waitUntil(lambda: all(i.data(Qt.ItemDataRole.DecorationRole) is not None for i in posters))
    assert window.count_label.text() == f"{len(CLIPS) + 3} clips"
    assert sorted(window.browser.selected_ids()) == sorted(added)  # the window was watched: new clips selected
    assert any(node == "Zhang Xiuying 张秀英 (5)" for node in _sidebar_texts(window))
    spanned = next(cid for cid in added if model.row_data(model.row_of(cid)).files == 3)
    assert "3 files" in model.index(model.row_of(spanned), name_column).data(Qt.ItemDataRole.ToolTipRole)
    clip = stored_clip(catalogue_dir, spanned)
    assert clip["subjects"] == ["Zhang Xiuying"] and clip["shoot"] == "Taiyuan – Liu family home"

    # The inspector says where the files came from and that they were verified.
    window.browser.select_ids([spanned])
    qtbot.waitUntil(lambda: window.inspector.clip_ids() == [spanned])
    details = window.inspector._detail_values
    assert details["state"].text().startswith("3 files, ") and details["state"].text().endswith(
        "MB, joined into one")
    assert details["source"].text() == "card CARD1"
    assert details["verified"].text().startswith("verified 20")

    # The same sources again: everything is known, nothing is added twice.
    dialog.new_ingest()
    assert dialog.sources.count() == 0 and dialog.destinations.paths() == [str(dest)]
    dialog.add_sources([media["card"], media["mp4"]])
    again = start_and_wait(qtbot, dialog)
    assert again.data["clips_added"] == [] and len(again.data["clips_known"]) == 3
    assert dialog.summary_values["known"].text() == "3"
    assert model.rowCount() == len(CLIPS) + 3


def test_cancel_during_the_copy_leaves_no_partial_file_and_the_window_works(qtbot, window, media, tmp_path):
    dest = tmp_path / "Archive"
    dest.mkdir()
    dialog = open_ingest(window)
    dialog.add_sources([media["big"]])
    dialog.add_destinations([dest])
    # The real ingest, held in the middle of copying a file until Cancel is pressed (no timing involved).
    in_copy = threading.Event()
    partials_while_copying: list[Path] = []

    def held_ingest(project, sources, *, progress, cancel, **kwargs):
        def gate(done, total, message):
            progress(done, total, message)
            if message.startswith("Copying") and not in_copy.is_set():
                partials_while_copying.extend(partial_files(dest))
                in_copy.set()
                while not cancel():
                    threading.Event().wait(0.005)

        return ingest(project, sources, progress=Progress(gate, rate=1e9), cancel=cancel, **kwargs)

    dialog.job = held_ingest
    first_signal: list[str] = []
    dialog.ingestStarted.connect(lambda task: task.progress.connect(lambda d, t, m: first_signal.append(m)))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and not dialog.start_button.isVisible()
    qtbot.waitUntil(lambda: in_copy.is_set() and bool(first_signal), timeout=TIMEOUT_MS)
    assert partials_while_copying  # a copy was under way
    with qtbot.waitSignal(dialog.ingestEnded, timeout=TIMEOUT_MS) as ended:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    report = ended.args[0]
    assert report.cancelled
    assert partial_files(dest) == []
    assert dialog.heading.text() == "Ingest cancelled"
    assert "Nothing partial is left" in dialog.summary_text.text()
    assert window.clip_model.rowCount() == len(CLIPS)
    # The window is usable: a new ingest of the same card runs to the end.
    dialog.job = ingest
    dialog.new_ingest()
    dialog.add_sources([media["big"]])
    report = start_and_wait(qtbot, dialog)
    assert not report.cancelled and report.failed == [] and len(report.data["clips_added"]) == 4
    assert partial_files(dest) == []
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == len(CLIPS) + 4)


def test_cancel_at_the_first_progress_signal(qtbot, window, media, tmp_path):
    dest = tmp_path / "Archive"
    dest.mkdir()
    dialog = open_ingest(window)
    dialog.add_sources([media["big"]])
    dialog.add_destinations([dest])
    dialog.ingestStarted.connect(lambda task: task.progress.connect(
        lambda *_args: dialog.cancel_button.isEnabled() and dialog.cancel_button.click()))
    report = start_and_wait(qtbot, dialog)
    assert report.cancelled
    assert partial_files(dest) == []
    assert dialog.heading.text() == "Ingest cancelled"
    assert dialog.new_button.isVisible() and dialog.close_button.text() == "Close"
    # The main window answers at once: a filter still works.
    window.browser.filter.setText("interview")
    window.browser.flush_filter()
    assert window.clip_model.rowCount() == 3


def test_failures_are_listed_and_can_be_copied(qtbot, window, media):
    dialog = open_ingest(window)
    dialog.add_sources([media["bad"]])  # no destination: catalogued in place
    assert dialog.destinations.count() == 0
    report = start_and_wait(qtbot, dialog)
    assert len(report.data["clips_added"]) == 1
    assert dialog.heading.text() == "Ingest finished: 1 file failed"
    rows = dialog.failures.rows()
    assert len(rows) == 1
    path, reason = rows[0]
    assert path == str(media["bad"] / "empty.mp4") and "empty" in reason
    assert dialog.failures.isVisible() and dialog.copy_failures_button.isVisible()
    qtbot.mouseClick(dialog.copy_failures_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == f"{path}\t{reason}\n"
    QGuiApplication.clipboard().clear()
    dialog.failures.selectRow(0)
    qtbot.keyClick(dialog.failures, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{path}\t{reason}\n"
    assert dialog.summary_values["copied"].isHidden()  # nothing was copied
    qtbot.waitUntil(lambda: window.clip_model.rowCount() == len(CLIPS) + 1)


def test_an_ingest_that_cannot_start_says_why_and_goes_back(qtbot, window, media, tmp_path):
    gone = tmp_path / "Unplugged drive"
    gone.mkdir()
    dialog = open_ingest(window)
    dialog.add_sources([media["mp4"]])
    dialog.add_destinations([gone])
    gone.rmdir()  # the drive was pulled after it was chosen
    assert start_and_wait(qtbot, dialog) is None
    assert dialog.heading.text() == "The ingest did not start"
    assert str(gone) in dialog.summary_text.text()
    assert dialog.back_button.isVisible()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == IngestDialog.SETUP
    assert dialog.sources.paths() == [str(media["mp4"])]  # the choices are still there


def test_closing_the_window_hides_it_while_the_ingest_goes_on(qtbot, window, media, tmp_path):
    dest = tmp_path / "Archive"
    dest.mkdir()
    dialog = open_ingest(window)
    dialog.add_sources([media["card"]])
    dialog.add_destinations([dest])
    with qtbot.waitSignal(dialog.ingestEnded, timeout=TIMEOUT_MS) as ended:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.close_button.text() == "Hide"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        assert window.task_area.widgets()  # the status bar shows it, with Cancel
    assert not ended.args[0].cancelled and len(ended.args[0].data["clips_added"]) == 2
    assert window.open_ingest() is dialog and dialog.heading.text() == "Ingest finished"


def test_closing_the_project_stops_a_running_ingest(qtbot, window, media, tmp_path):
    dest = tmp_path / "Archive"
    dest.mkdir()
    dialog = open_ingest(window)
    dialog.add_sources([media["big"]])
    dialog.add_destinations([dest])
    task = dialog.start()
    assert task is not None
    qtbot.waitUntil(lambda: task.done > 0 or not task.is_running, timeout=TIMEOUT_MS)
    window.close_project()
    assert window.ingest_dialog is None and window.project is None
    assert not task.is_running or task.token.is_set()
    window.tasks.wait(TIMEOUT_MS)
    assert partial_files(dest) == []


# -------------------------------------------------------- table, inspector
def test_all_columns_fit_beside_the_inspector_with_compact_dates(window):
    table = window.browser.table
    header = table.horizontalHeader()
    assert window.width() == 1400 and window.inspector.isVisible()
    QApplication.processEvents()
    assert not table.horizontalScrollBar().isVisible()
    for section in range(header.count()):
        assert header.sectionViewportPosition(section) + header.sectionSize(section) <= table.viewport().width()
        assert header.sectionSize(section) >= 36
    assert header.sectionSize(COLUMN_KEYS.index("name")) >= 150
    model = window.clip_model
    row = next(r for r in range(model.rowCount()) if model.row_data(r).name == "Liu interview 1")
    recorded = model.index(row, COLUMN_KEYS.index("recorded"))
    assert recorded.data(CompactTextRole) == "2019-05-02 10:14"
    assert recorded.data(Qt.ItemDataRole.ToolTipRole) == "2019-05-02 10:14:03 UTC+8"
    # No poster: no thumbnail.
    assert model.index(row, COLUMN_KEYS.index("name")).data(Qt.ItemDataRole.DecorationRole) is None


def test_thumbnails_are_read_once_and_cached(qtbot, window, catalogue_dir, media):
    from PySide6.QtGui import QImage

    poster = catalogue_dir / "thumbnails" / "poster.jpg"
    poster.parent.mkdir(exist_ok=True)
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    assert image.save(str(poster))
    clip_id = clip_id_by_name(catalogue_dir, "Kitchen window")

    def _set(s):
        from docmanager.db.models import Clip

        s.get(Clip, clip_id).poster_path = "thumbnails/poster.jpg"  # relative to the project

    window.project.write(_set)
    window.refresh()
    model = window.clip_model
    index = model.index(model.row_of(clip_id), COLUMN_KEYS.index("name"))
    before = model.thumbnails_loaded
    with qtbot.waitSignal(model.dataChanged, check_params_cb=lambda top, _bottom, roles: top == index and
                          Qt.ItemDataRole.DecorationRole in roles):
        assert index.data(Qt.ItemDataRole.DecorationRole) is None  # being read, off the UI thread
    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    assert pixmap is not None and not pixmap.isNull()
    size = window.browser.table.iconSize()
    assert pixmap.width() / pixmap.devicePixelRatio() <= size.width()
    assert pixmap.height() / pixmap.devicePixelRatio() <= size.height()
    index.data(Qt.ItemDataRole.DecorationRole)
    assert model.thumbnails_loaded == before + 1  # read once, then from the cache


def _set_files(window, clip_id: int, **values) -> None:
    def _apply(s):
        from docmanager.db.models import ClipFile
        from sqlalchemy import select

        for mf in s.scalars(select(MediaFile).join(ClipFile, ClipFile.media_file_id == MediaFile.id)
                            .where(ClipFile.clip_id == clip_id)):
            for key, value in values.items():
                setattr(mf, key, value)

    window.project.write(_apply)
    window.refresh()


def test_inspector_shows_the_verification_state(qtbot, window, catalogue_dir):
    clip_id = clip_id_by_name(catalogue_dir, "Wang interview")
    window.browser.select_ids([clip_id])
    qtbot.waitUntil(lambda: window.inspector.clip_ids() == [clip_id])
    verified = window.inspector._detail_values["verified"]
    assert verified.text().startswith("verified ")
    assert window.inspector._detail_values["state"].text() == "1 file, 1.0 KB"
    when = datetime(2026, 11, 24, 9, 12, tzinfo=timezone.utc)
    _set_files(window, clip_id, verified_at=when)
    assert verified.text() == "verified " + when.astimezone().strftime("%Y-%m-%d %H:%M")
    _set_files(window, clip_id, verified_at=None)
    assert verified.text() == "not verified"
    _set_files(window, clip_id, state="changed")
    assert verified.text() == "CHANGED since ingest"
    _set_files(window, clip_id, state="offline")
    assert verified.text() == "offline"
    model = window.clip_model
    name = model.index(model.row_of(clip_id), COLUMN_KEYS.index("name"))
    assert name.data(Qt.ItemDataRole.ForegroundRole) is not None  # the offline colour
    assert "offline" in name.data(Qt.ItemDataRole.ToolTipRole)


def _sidebar_texts(window) -> list[str]:
    from PySide6.QtCore import QModelIndex

    model = window.sidebar_model
    out = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append(index.data())
            walk(index)

    walk(QModelIndex())
    return out


def test_dropping_something_that_is_not_a_folder_or_file_is_refused(qtbot, window, tmp_path):
    dialog = open_ingest(window)
    assert not drop_paths(dialog.sources, [tmp_path / "does-not-exist"])
    assert not drop_paths(dialog.destinations, [Path(shutil.which("sh") or "/bin/sh")])  # a file
    assert dialog.sources.count() == 0 and dialog.destinations.count() == 0
    assert not dialog.start_button.isEnabled()
    assert drop_paths(dialog.destinations, [tmp_path])
    assert dialog.destinations.paths() == [str(tmp_path)]
