"""The main window: sidebar, clip browser, transcript, search and inspector over one open project.

It opens and closes projects, turns the views' signals into core calls
(queries, undoable edits through ``ClipEditor`` and ``TranscriptEditor``,
smart bins) and runs long work (the demo project, backups, ingests from the
Ingest window, transcript imports) through the ``TaskRunner`` it is given.

The middle of the window has three tabs: the clips, the selected clip's
transcript with the player, and the project's search.  The search box sits in
the toolbar (Ctrl+Shift+F); a result opens its clip's transcript at the line.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import Qt, QTimer, Signal, Slot, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sqlalchemy.exc import SQLAlchemyError

import docmanager
from docmanager.backup_jobs import backup_job
from docmanager.catalogue.bins import Bin, add_bin, list_bins, remove_bin
from docmanager.catalogue.clips import ClipQuery, Facets, clip_ids, facets, get_clip
from docmanager.catalogue.conflicts import FieldConflict
from docmanager.changes import ChangeFeed, Changes, affected_clips
from docmanager.errors import DocManagerError
from docmanager.jobs import Report
from docmanager.media.derived import playable_path
from docmanager.project import Project
from docmanager.transcripts.store import transcripts_of_clip
from docmanager.transcripts.batch import ImportItem, import_transcripts_job
from ui.editing import ClipEditor
from ui.errors import show_error
from ui.formatting import subject_label
from ui.icons import icon
from ui.models.clip_table import ClipTableModel
from ui.models.sidebar import ALL, Node, SidebarModel
from ui.models.transcript_table import IMPORT_SUFFIXES
from ui.permissions import Permissions, permissions_of
from ui.settings import AppSettings
from ui.tasks import ProgressDialog, Task, TaskRunner, TaskStatusArea
from ui.views.activity_log import ActivityLogDialog
from ui.views.browser import ClipBrowser, SidebarView
from ui.views.cuts import CutsView
from ui.views.dialogs import NewProjectDialog, ShootDialog, SubjectDialog
from ui.views.ingest import IngestDialog
from ui.views.inspector import Inspector, local_time_text
from ui.views.player import Player, colour_name
from ui.views.ranges import RangeEditor, RangesPanel
from ui.views.roots import MediaRootsDialog, offer_to_map, unmapped_root
from ui.views.search import SearchView
from ui.views.subtitle_board import SubtitleBoardView
from ui.views.transcript import TranscriptEditor, TranscriptImportDialog, TranscriptView

log = logging.getLogger(__name__)

SELECTION_DELAY_MS = 40
#: How often an open project looks for other people's changes (a cheap check when there are none).
LIVE_REFRESH_MS = 1000
#: Tables whose changes alter the sidebar's counts and the inspector's lists.
FACET_TABLES = ("clips", "subjects", "shoots", "tags", "smart_bins", "clip_subjects", "clip_tags")
HEADER_KEY = "window/clipTableHeader"  # the table's columns (a new key when their layout changed)
TRANSCRIPT_SPLITTER_KEY = "window/transcriptSplitter"
TRANSCRIPT_TOP_KEY = "window/transcriptTop"


def _login_name() -> Optional[str]:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database: the moves are simply not signed
        return None


class WaitCursor:
    """A busy cursor for the short synchronous core calls (queries, edits)."""

    def __enter__(self) -> "WaitCursor":
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        return self

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


class WelcomePage(QWidget):
    """Shown while no project is open."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        logo = QLabel()
        logo.setPixmap(icon("docmanager").pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(logo)
        title = QLabel(self.tr("DocManager"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("Footage, people, shoots and tags of your documentary in one catalogue.\n"
                              "Create a project, open one, or look around the demo project."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.new_button = QPushButton(self.tr("New Project…"))
        self.open_button = QPushButton(self.tr("Open Project…"))
        self.demo_button = QPushButton(self.tr("Open the Demo Project"))
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(3)


class SmartBinCommand(QUndoCommand):
    """A smart bin added (or removed); undo removes (or adds) it again."""

    def __init__(self, window: "MainWindow", text: str, name: str, filters: dict, bin_id: int,
                 adding: bool) -> None:
        super().__init__(text)
        self._window = window
        self.name = name
        self.filters = dict(filters)
        self.bin_id = bin_id
        self._adding = adding
        self._pushed = True  # the change was made before the push

    def _add(self) -> None:
        ok, bin_id = self._window._write_bin(lambda p: add_bin(p, self.name, **self.filters))
        if ok and isinstance(bin_id, int):
            self.bin_id = bin_id  # a new id: the bin is made again

    def _remove(self) -> None:
        self._window._write_bin(lambda p: remove_bin(p, self.bin_id))

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
        elif self._adding:
            self._add()
        else:
            self._remove()

    def undo(self) -> None:
        if self._adding:
            self._remove()
        else:
            self._add()


class MainWindow(QMainWindow):
    """The desktop app's window."""

    projectOpened = Signal(object)
    projectClosed = Signal()
    changesShown = Signal(object)  # the docmanager.changes.Changes of other people just shown
    backupDue = Signal()  # from the core's hook, on whatever thread wrote; queued to the UI thread

    def __init__(self, settings: AppSettings, tasks: TaskRunner, demo_dir: Optional[Path] = None,
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = tasks
        self.demo_dir = demo_dir
        self.project: Optional[Project] = None
        self._facets = Facets(total=0)
        self._backup_task: Optional[Task] = None
        self.ingest_dialog: Optional[IngestDialog] = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("DocManager"))

        self.backupDue.connect(self._start_due_backup, Qt.ConnectionType.QueuedConnection)
        self.undo_stack = QUndoStack(self)
        self.editor = ClipEditor(self.undo_stack, self)
        self.editor.edited.connect(self._on_edited)
        self.editor.catalogueChanged.connect(self.refresh_facets)
        self.editor.failed.connect(lambda exc: show_error(self, self.tr("The change was not saved"), exc))
        self.editor.conflict_handler = self.ask_which_value

        self.transcript_editor = TranscriptEditor(self.undo_stack, self)
        self.transcript_editor.failed.connect(lambda exc: show_error(self, self.tr("The line was not saved"), exc))
        self.transcript_editor.tagsChanged.connect(self.refresh_facets)
        self.transcript_editor.changed.connect(self._on_transcript_changed)
        self.ranges_editor = RangeEditor(self.undo_stack, self)
        self.ranges_editor.failed.connect(lambda exc: show_error(self, self.tr("The marker was not saved"), exc))
        self.ranges_editor.conflict_handler = self.ask_which_value

        # --- views
        self.clip_model = ClipTableModel(parent=self)
        self.sidebar_model = SidebarModel(self)
        self.sidebar = SidebarView(self.sidebar_model)
        self.browser = ClipBrowser(self.clip_model)
        self.inspector = Inspector()
        self.inspector.setObjectName("inspector")
        self.player = Player()
        self.transcript_view = TranscriptView(self.player, self.transcript_editor)
        self.search_view = SearchView()
        self.subtitle_board = SubtitleBoardView()
        self.ranges_panel = RangesPanel(self.player, self.ranges_editor)  # markers and subclips, beside the inspector
        self.cuts_view = CutsView(tasks, self.undo_stack)
        self._node = ALL

        self.center = QTabWidget()
        self.center.setObjectName("centerTabs")
        self.center.setDocumentMode(True)
        self.center.addTab(self.browser, self.tr("Clips"))
        self.center.addTab(self.transcript_view, self.tr("Transcript"))
        self.center.addTab(self.search_view, self.tr("Search"))
        self.center.addTab(self.subtitle_board, self.tr("Subtitles"))
        self.center.addTab(self.cuts_view, self.tr("Cuts"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.center)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.inspector, self.tr("Inspector"))
        self.side_tabs.addTab(self.ranges_panel, self.tr("Markers"))
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([210, 860, 320])
        self.splitter.setChildrenCollapsible(False)
        self.sidebar.setMinimumWidth(160)

        self.welcome = WelcomePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.count_label = QLabel()
        self.count_label.setObjectName("clipCount")
        self.statusBar().addWidget(self.count_label, 1)
        # A message hides the count; hidden explicitly, so that the status bar's relayout when a task's
        # progress line goes away does not show it again under the message.
        self.statusBar().messageChanged.connect(lambda text: self.count_label.setVisible(not text))
        self.user_label = QLabel()
        self.user_label.setObjectName("userRole")
        self.statusBar().addPermanentWidget(self.user_label)
        self.permissions = Permissions()
        self._action_tips: dict[QAction, str] = {}
        self.activity_log: Optional[ActivityLogDialog] = None
        self.roots_dialog: Optional[MediaRootsDialog] = None
        self._declined_roots: set[str] = set()  # roots the user chose not to map now (asked once)
        self.task_area = TaskStatusArea(tasks)
        self.statusBar().addPermanentWidget(self.task_area)

        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(SELECTION_DELAY_MS)
        self._selection_timer.timeout.connect(self._show_selection)

        # Other people's changes (another laptop, another copy of DocManager) appear without a restart.
        self._feed: Optional[ChangeFeed] = None
        self._transcript_stale = False
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_REFRESH_MS)
        self.live_timer.timeout.connect(self.poll_changes)

        self._build_actions()
        self._build_menus()
        self._connect()
        self._set_project_actions(False)
        self._restore_layout()

    # ============================================================ building
    def _build_actions(self) -> None:
        def action(text: str, slot: Callable[[], object], shortcut: Optional[QKeySequence | str] = None,
                   name: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _checked=False: slot())
            if name:
                act.setObjectName(name)
            return act

        self.new_project_action = action(self.tr("&New Project…"), self.new_project, QKeySequence.StandardKey.New,
                                         "newProject")
        self.open_project_action = action(self.tr("&Open Project…"), self.choose_project,
                                          QKeySequence.StandardKey.Open, "openProject")
        self.demo_action = action(self.tr("Open the &Demo Project"), self.open_demo, name="openDemo")
        self.close_project_action = action(self.tr("&Close Project"), self.close_project,
                                           QKeySequence.StandardKey.Close, "closeProject")
        self.ingest_action = action(self.tr("&Ingest…"), self.open_ingest, "Ctrl+I", "ingest")
        self.ingest_action.setToolTip(self.tr("Copy camera cards and folders with verification and catalogue "
                                              "their clips"))
        self.backup_action = action(self.tr("&Back Up Now"), lambda: self.start_backup(only_if_due=False),
                                    name="backupNow")
        self.quit_action = action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, "quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setObjectName("undo")
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setObjectName("redo")
        self.find_action = action(self.tr("&Find Clips"), self.find_clips, QKeySequence.StandardKey.Find, "find")
        self.search_action = action(self.tr("&Search Transcripts"), self.focus_search, "Ctrl+Shift+F", "search")
        self.search_action.setToolTip(self.tr("Search what people said in every clip's transcript and translation"))
        self.import_transcript_action = action(self.tr("Import &Transcript…"), self.choose_transcripts,
                                               "Ctrl+Shift+I", "importTranscript")
        self.import_transcript_action.setToolTip(self.tr("Import a transcript or its translation into the "
                                                         "selected clip (or drop the files on the clip)"))
        self.show_clips_action = action(self.tr("&Clips"), lambda: self.center.setCurrentWidget(self.browser),
                                        "Ctrl+1", "showClips")
        self.show_transcript_action = action(self.tr("&Transcript"),
                                             lambda: self.center.setCurrentWidget(self.transcript_view),
                                             "Ctrl+2", "showTranscript")
        self.show_search_action = action(self.tr("S&earch"), lambda: self.center.setCurrentWidget(self.search_view),
                                         "Ctrl+3", "showSearch")
        self.show_cuts_action = action(self.tr("C&uts"), lambda: self.center.setCurrentWidget(self.cuts_view),
                                       "Ctrl+4", "showCuts")
        self.save_bin_action = action(self.tr("Save as Smart &Bin…"), self.save_smart_bin, name="saveSmartBin")
        self.save_bin_action.setToolTip(self.tr("Keep the current choice in the sidebar and the filter as a "
                                                "smart bin that stays up to date"))
        self.new_subject_action = action(self.tr("New &Subject…"), self.new_subject, "Ctrl+Shift+S", "newSubject")
        self.new_shoot_action = action(self.tr("New S&hoot…"), self.new_shoot, "Ctrl+Shift+H", "newShoot")
        self.refresh_action = action(self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh, "refresh")
        self.activity_log_action = action(self.tr("&Activity Log"), self.show_activity_log, "Ctrl+Shift+L",
                                          "activityLog")
        self.activity_log_action.setToolTip(self.tr("Who changed what and when, with the old and new values"))
        self.media_roots_action = action(self.tr("&Media Roots…"), self.show_media_roots, name="mediaRoots")
        self.media_roots_action.setToolTip(self.tr("Where the archive's folders are on this computer"))
        self.about_action = action(self.tr("&About DocManager"), self.about, name="about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for value, text in (("system", self.tr("System")), ("en", "English"), ("zh_CN", "中文")):
            act = QAction(text, self, checkable=True)
            act.setData(value)
            act.setObjectName(f"language_{value}")
            act.setChecked(self.settings.language() == value)
            act.triggered.connect(lambda _checked=False, v=value: self.set_language(v))
            self.language_group.addAction(act)
            self.language_actions[value] = act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.new_project_action)
        self.file_menu.addAction(self.open_project_action)
        self.recent_menu = self.file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.ingest_action)
        self.file_menu.addAction(self.import_transcript_action)
        self.file_menu.addAction(self.media_roots_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.close_project_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.search_action)
        self.edit_menu.addAction(self.save_bin_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.new_subject_action)
        self.edit_menu.addAction(self.new_shoot_action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.show_clips_action)
        self.view_menu.addAction(self.show_transcript_action)
        self.view_menu.addAction(self.show_search_action)
        self.view_menu.addAction(self.show_cuts_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addAction(self.activity_log_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu(self.tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        for act in self.language_actions.values():
            self.language_menu.addAction(act)

        self.cut_menu = bar.addMenu(self.tr("C&ut"))
        self.cut_menu.setObjectName("cutMenu")
        self.cut_menu.addAction(self.cuts_view.new_action)
        self.cut_menu.addAction(self.cuts_view.duplicate_action)
        self.cut_menu.addAction(self.cuts_view.export_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self.tr("Toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.ingest_action)
        self.toolbar.addAction(self.import_transcript_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.search_view.query.setMaximumWidth(420)
        self.toolbar.addWidget(self.search_view.query)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _connect(self) -> None:
        self.welcome.new_button.clicked.connect(self.new_project)
        self.welcome.open_button.clicked.connect(self.choose_project)
        self.welcome.demo_button.clicked.connect(self.open_demo)
        self.sidebar.nodeSelected.connect(self._on_node_selected)
        self.browser.filterChanged.connect(self._on_filter_changed)
        self.browser.selectionChanged.connect(self._selection_timer.start)
        self.browser.table.ratingKeyPressed.connect(self._rate_selection)
        self.clip_model.queryChanged.connect(self._update_status)
        self.inspector.subjectToggled.connect(self._on_subject_toggled)
        self.inspector.shootChosen.connect(self._on_shoot_chosen)
        self.inspector.tagsEdited.connect(self._on_tags_edited)
        self.inspector.ratingChosen.connect(self._on_rating_chosen)
        self.inspector.notesEdited.connect(self._on_notes_edited)
        self.inspector.newSubjectRequested.connect(self.new_subject)
        self.inspector.newShootRequested.connect(self.new_shoot)
        self.inspector.loadFailed.connect(lambda exc: show_error(self, self.tr("Cannot show the clip"), exc))
        self.browser.table.transcriptsDropped.connect(self.import_transcripts)
        self.sidebar.saveBinRequested.connect(self.save_smart_bin)
        self.sidebar.removeBinRequested.connect(self.remove_smart_bin)
        self.center.currentChanged.connect(self._on_tab_changed)
        self.transcript_view.filesDropped.connect(self.import_transcripts)
        self.transcript_view.importRequested.connect(self.choose_transcripts)
        self.transcript_view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.search_view.resultActivated.connect(self.open_transcript)
        self.subtitle_board.openRequested.connect(
            lambda clip_id, lang, segment_id, start_ms: self.open_transcript(clip_id, segment_id, start_ms, lang))
        self.subtitle_board.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.ranges_panel.jumpRequested.connect(lambda clip_id, ms: self.open_transcript(clip_id, start_ms=ms))
        self.player.notice.connect(lambda text: self.statusBar().showMessage(text, 6000))
        for act in self.player.marking_actions():  # I, O, M, Shift+S … work while the lines have the focus
            self.transcript_view.addAction(act)
        self.transcript_view.addToCutRequested.connect(self.add_to_cut)
        self.search_view.addToCutRequested.connect(self.add_to_cut)
        self.cuts_view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.cuts_view.cut_player.problem.connect(self._on_cut_problem)
        self.search_view.query.textEdited.connect(lambda _text: self.center.setCurrentWidget(self.search_view))

    def _set_project_actions(self, enabled: bool) -> None:
        for act in (self.close_project_action, self.ingest_action, self.backup_action, self.find_action,
                    self.new_subject_action, self.new_shoot_action, self.refresh_action, self.search_action,
                    self.import_transcript_action, self.save_bin_action, self.activity_log_action,
                    self.media_roots_action):
            act.setEnabled(enabled)
        self.search_view.query.setEnabled(enabled)
        self.pages.setCurrentIndex(1 if enabled else 0)

    def _restore_layout(self) -> None:
        geometry = self.settings.bytes_value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 850)
        splitter = self.settings.bytes_value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = self.settings.bytes_value(HEADER_KEY)
        if header is not None:
            self.browser.restore_header_state(header)
        for key, widget in ((TRANSCRIPT_SPLITTER_KEY, self.transcript_view.splitter),
                            (TRANSCRIPT_TOP_KEY, self.transcript_view.top)):
            state = self.settings.bytes_value(key)
            if state is not None:
                widget.restoreState(state)

    def _save_layout(self) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/splitter", self.splitter.saveState())
        self.settings.set_value(HEADER_KEY, self.browser.header_state())
        self.settings.set_value(TRANSCRIPT_SPLITTER_KEY, self.transcript_view.splitter.saveState())
        self.settings.set_value(TRANSCRIPT_TOP_KEY, self.transcript_view.top.saveState())

    # ============================================================ projects
    def open_project(self, path: os.PathLike | str) -> bool:
        """Open the project folder ``path`` (closing the current one); False, with a message, if it cannot."""
        path = Path(path)
        try:
            with WaitCursor():
                project = Project.open(path, backup=False)
        except DocManagerError as exc:
            show_error(self, self.tr("Cannot open the project"), exc)
            if exc.path and Path(exc.path) == path.absolute():
                self.settings.remove_recent(path)
            return False
        self.set_project(project)
        return True

    def set_project(self, project: Optional[Project]) -> None:
        """Show ``project`` (already open); the window owns it from now on and closes it."""
        self._close_current()
        self.project = project
        self.editor.set_project(project)
        self.transcript_editor.set_project(project)
        self.ranges_editor.set_project(project)
        self.inspector.set_project(project)
        self.transcript_view.set_project(project)
        self.search_view.set_project(project)
        self.subtitle_board.set_project(project)
        self.cuts_view.set_project(project)
        self.player.set_source(None)
        self.ranges_panel.show_clip(None)
        self._node = ALL
        self.live_timer.stop()
        self._feed = None
        if self.activity_log is not None:
            self.activity_log.set_project(project)
        if self.roots_dialog is not None:
            self.roots_dialog.set_project(project)
        self._declined_roots.clear()
        if project is None:
            self.clip_model.set_project(None)
            self._facets = Facets(total=0)
            self.sidebar_model.update(self._facets, [])
            self.setWindowTitle(self.tr("DocManager"))
            self._set_project_actions(False)
            self._update_status()
            self.projectClosed.emit()
            return
        project.on_backup_due = lambda _p: self._backup_due()
        if project.user is None:  # who moved a subtitle state or edited a line, as the command line names it
            project.user = os.environ.get("DOCMANAGER_USER") or _login_name()
        self.settings.add_recent(project.root)
        self.setWindowTitle(self.tr("{project} — DocManager").format(project=project.name))
        self.browser.filter.blockSignals(True)
        self.browser.filter.clear()
        self.browser.filter.blockSignals(False)
        with WaitCursor():
            self.refresh_facets()
            self.sidebar.blockSignals(True)
            self.sidebar.select_node(ALL)
            self.sidebar.blockSignals(False)
            self.clip_model.set_project(project)
        self._set_project_actions(True)
        self.apply_permissions()
        self._update_status()
        try:
            self._feed = ChangeFeed(project)
            self.live_timer.start()
        except (DocManagerError, SQLAlchemyError) as exc:  # an old catalogue: Refresh still reads everything
            log.warning("other people's changes will show on Refresh only: %s", exc)
        self.projectOpened.emit(project)
        self.start_backup(only_if_due=True)
        if self.clip_model.rowCount():
            self.browser.select_rows([0])
        self.browser.table.setFocus()

    def close_project(self) -> None:
        self.set_project(None)

    def _close_current(self) -> None:
        if self.project is None:
            return
        self.inspector.commit_pending()
        self._selection_timer.stop()
        project = self.project
        self.project = None
        project.on_backup_due = None
        self.search_view.shutdown()  # a search reads the catalogue on a thread of its own
        self.subtitle_board.shutdown()  # so does a read of the subtitle board
        self.cuts_view.set_project(None)  # its player lets go of the cut's files
        self.player.set_source(None)
        if self.ingest_dialog is not None:
            dialog, self.ingest_dialog = self.ingest_dialog, None
            dialog.ingestEnded.disconnect(self._ingest_ended)
            dialog.shutdown()  # an ingest writes to the catalogue: cancel it and wait for it to stop
            QApplication.processEvents()
            dialog.hide()
            dialog.deleteLater()
        if self._backup_task is not None and self._backup_task.is_running:
            self.tasks.wait(30_000)  # a backup reads the catalogue file; let it finish first
            QApplication.processEvents()
        project.close()

    def choose_project(self) -> None:
        start = os.path.dirname(self.settings.last_project() or "") or os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Project Folder"), start)
        if folder:
            self.open_project(folder)

    def new_project(self) -> None:
        start = os.path.dirname(self.settings.last_project() or "") or os.path.expanduser("~")
        dialog = NewProjectDialog(self, start)
        if dialog.exec() != NewProjectDialog.DialogCode.Accepted:
            return
        try:
            with WaitCursor():
                project = Project.create(dialog.folder(), dialog.project_name())
        except DocManagerError as exc:
            show_error(self, self.tr("Cannot create the project"), exc)
            return
        self.set_project(project)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            act = self.recent_menu.addAction(path)
            act.setEnabled(os.path.isdir(path))
            act.triggered.connect(lambda _checked=False, p=path: self.open_project(p))
        if not recent:
            none = self.recent_menu.addAction(self.tr("No recent projects"))
            none.setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.tr("Clear Menu"), self.settings.clear_recent)

    # ------------------------------------------------------------------ demo
    def open_demo(self) -> Optional[Task]:
        """Open the demo project, creating it first (in the background, with progress) when needed."""
        if self.demo_dir is None:
            return None
        if (self.demo_dir / "docmanager-project.json").exists():
            self.open_project(self.demo_dir)
            return None
        try:
            from docmanager.demo import create_demo
        except ImportError as exc:
            show_error(self, self.tr("The demo project is not available"), exc)
            return None
        task = self.tasks.start(self.tr("Creating the demo project"), create_demo, self.demo_dir)
        dialog = ProgressDialog(task, self, self.tr("Creating the demo project: generating footage and "
                                                    "filling the catalogue. This takes a moment."))
        dialog.setObjectName("demoProgress")
        task.finished.connect(self._demo_finished)
        task.failed.connect(lambda text: self._task_failed(self.tr("The demo project could not be made"), task))
        dialog.open()
        return task

    def _demo_finished(self, report: Report) -> None:
        if report.cancelled:
            self.statusBar().showMessage(self.tr("Demo project cancelled"), 5000)
            return
        self._report_failures(report)
        folder = report.data.get("project") or self.demo_dir
        if folder and (Path(folder) / "docmanager-project.json").exists():
            self.open_project(folder)

    # --------------------------------------------------------------- backups
    def _backup_due(self) -> None:
        """The core says a backup is due after a write: make it on the thread pool, never here."""
        self.backupDue.emit()

    @Slot()
    def _start_due_backup(self) -> None:
        self.start_backup(only_if_due=True)

    def start_backup(self, only_if_due: bool = True) -> Optional[Task]:
        if self.project is None or (self._backup_task is not None and self._backup_task.is_running):
            return None
        task = self.tasks.start(self.tr("Backup"), backup_job, self.project, only_if_due=only_if_due)
        self._backup_task = task
        task.finished.connect(self._backup_finished)
        task.failed.connect(lambda _text: self._task_failed(self.tr("The backup failed"), task))
        return task

    def _backup_finished(self, report: Report) -> None:
        path = report.data.get("path")
        if path:
            self.statusBar().showMessage(self.tr("Catalogue backed up to {path}").format(path=path), 6000)

    def _task_failed(self, title: str, task: Task) -> None:
        if task.error is not None:
            show_error(self, title, task.error)

    def _report_failures(self, report: Report) -> None:
        if not report.failed:
            return
        lines = [f"{f.path}: {f.reason}" for f in report.failed[:20]]
        if len(report.failed) > 20:
            lines.append(self.tr("… and {count} more").format(count=len(report.failed) - 20))
        box = QMessageBox(QMessageBox.Icon.Warning, report.title,
                          self.tr("{count} items failed:").format(count=len(report.failed)),
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText("\n".join(lines))
        box.setInformativeText("\n".join(lines[:5]))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ================================================================ ingest
    def open_ingest(self) -> Optional[IngestDialog]:
        """Show the Ingest window of the open project (the same one while an ingest runs)."""
        if self.project is None:
            return None
        if self.ingest_dialog is None:
            dialog = IngestDialog(self.project, self.tasks, self._facets, self)
            # Queued: the summary is painted first, then the table is read again (two short pauses, not one).
            dialog.ingestEnded.connect(self._ingest_ended, Qt.ConnectionType.QueuedConnection)
            self.ingest_dialog = dialog
        self.ingest_dialog.show()
        self.ingest_dialog.raise_()
        self.ingest_dialog.activateWindow()
        return self.ingest_dialog

    def _ingest_ended(self, report: Optional[Report]) -> None:
        """New clips in the table and the sidebar; the new ones selected when the table shows them."""
        if self.project is None:
            return
        self.inspector.commit_pending()
        self.refresh()
        dialog = self.ingest_dialog
        if report is None:
            if dialog is not None and not dialog.isVisible():
                dialog.show()  # the error is in the window
            return
        added = list(report.data.get("clips_added") or [])
        shown = [cid for cid in added if self.clip_model.row_of(cid) is not None]
        if shown and dialog is not None and dialog.isVisible():  # the person watched it: show the new clips
            self.browser.select_ids(shown)
        clips = self.tr("1 clip added") if len(added) == 1 else \
            self.tr("{count} clips added").format(count=f"{len(added):,}")
        if report.cancelled:
            text = self.tr("Ingest cancelled: {clips} before it stopped").format(clips=clips)
        elif report.failed:
            failed = self.tr("1 file failed") if len(report.failed) == 1 else \
                self.tr("{count} files failed").format(count=f"{len(report.failed):,}")
            text = self.tr("Ingest finished: {clips}, {failed}").format(clips=clips, failed=failed)
        else:
            text = self.tr("Ingest finished: {clips}").format(clips=clips)
        self.statusBar().showMessage(text, 10_000)
        if report.failed and dialog is not None and not dialog.isVisible():
            dialog.show()  # failures need a look

    # ============================================================ browsing
    def refresh_facets(self) -> None:
        """Counts for the sidebar, and the lists the inspector offers."""
        if self.project is None:
            return
        with self.project.session() as session:
            self._facets = facets(session)
            bins = [(b, self._bin_count(session, b)) for b in list_bins(session)]
        self.sidebar_model.update(self._facets, bins)
        if self._node.kind == "bin" and not self.sidebar_model.index_for(self._node).isValid():
            self.sidebar.select_node(ALL)  # the bin shown is gone (removed, or its adding undone)
        self.inspector.set_catalogue(self._facets)
        self.search_view.set_catalogue(self._facets)
        self.transcript_view.set_known_tags([t.name for t in self._facets.tags])
        if self.ingest_dialog is not None:
            self.ingest_dialog.set_catalogue(self._facets)
        self.clip_model.set_subject_labels({s.name: subject_label(s.name, s.detail) for s in self._facets.subjects})
        self._update_status()

    def refresh(self) -> None:
        """Read everything again (someone else may have changed the catalogue)."""
        if self.project is None:
            return
        with WaitCursor():
            self.refresh_facets()
            kept = self.browser.selected_ids()
            self.clip_model.refresh()
            self.browser.select_ids(kept)
            self.inspector.reload()
            self.ranges_panel.reload()
            self.cuts_view.reload()
            self.subtitle_board.refresh()
            if self.transcript_view.clip_id() is not None:
                self.transcript_view.reload()

    def apply_permissions(self) -> None:
        """Grey out what the acting user's role may not change (the core refuses it anyway)."""
        try:
            self.permissions = permissions_of(self.project)
        except (DocManagerError, SQLAlchemyError) as exc:
            log.warning("cannot read the project's users: %s", exc)
            return
        perms = self.permissions
        self.user_label.setText(perms.label())
        self.inspector.set_editable(perms.may("clips"), perms.why_not("clips"))
        self.transcript_view.set_editable(perms.may("segments"), perms.why_not("segments"))
        self.ranges_panel.set_editable(perms.may("markers"), perms.why_not("markers"))
        self.subtitle_board.set_editable(perms.may("subtitle_status"), perms.why_not("subtitle_status"))
        self.cuts_view.set_editable(perms.may("cuts"), perms.why_not("cuts"))
        self.transcript_view.add_to_cut_action.setEnabled(perms.may("cut_items"))
        if self.project is None:
            return
        for act, table in ((self.ingest_action, "media_files"), (self.new_subject_action, "subjects"),
                           (self.new_shoot_action, "shoots"), (self.import_transcript_action, "transcripts"),
                           (self.save_bin_action, "smart_bins")):
            tip = self._action_tips.setdefault(act, act.toolTip())
            act.setEnabled(perms.may(table))
            act.setToolTip(perms.why_not(table) or tip)

    def show_media_roots(self) -> MediaRootsDialog:
        """The project's media roots and where they are on this computer."""
        if self.roots_dialog is None:
            self.roots_dialog = MediaRootsDialog(self.project, self)
            self.roots_dialog.mapped.connect(lambda _result: self._root_mapped())
            self.roots_dialog.forgotten.connect(self._root_forgotten)
        self.roots_dialog.show()
        self.roots_dialog.raise_()
        self.roots_dialog.activateWindow()
        return self.roots_dialog

    def _offer_root(self, error: object, root: str) -> None:
        """A clip under a root this computer has not mapped: offer to say where it is (once per root)."""
        if root in self._declined_roots or self.project is None:
            return
        if offer_to_map(self, self.project, error):
            self._root_mapped()
        else:
            self._declined_roots.add(root)

    def _root_forgotten(self, result: dict) -> None:
        """A root's folder was forgotten here on purpose: its files go offline, and no offer to map it follows."""
        if result.get("root"):
            self._declined_roots.add(result["root"])
        self._root_mapped()

    def _root_mapped(self) -> None:
        """Files under a newly mapped root can be found now: the players look again."""
        self.cuts_view.cut_player.forget_paths()
        self.cuts_view.reload()
        self._sync_player()

    def _on_cut_problem(self, text: str) -> None:
        root = unmapped_root(text)
        if root is not None and root not in self._declined_roots:
            QTimer.singleShot(0, lambda: self._offer_root(text, root))

    def show_activity_log(self) -> ActivityLogDialog:
        """The activity log of the open project, in a window of its own (one per main window)."""
        if self.activity_log is None:
            self.activity_log = ActivityLogDialog(self.project, self)
        self.activity_log.show()
        self.activity_log.raise_()
        self.activity_log.activateWindow()
        return self.activity_log

    def poll_changes(self) -> Optional[Changes]:
        """Show what other people changed since the last look; the changes, or None when there were none."""
        if self.project is None or self._feed is None:
            return None
        try:
            changes = self._feed.poll()
        except (DocManagerError, SQLAlchemyError, OSError) as exc:  # busy, or the server went away: next time
            log.warning("cannot look for other people's changes: %s", exc)
            return None
        if changes is None:
            if self._transcript_stale:
                self._refresh_transcript(None)
            return None
        try:
            self.apply_changes(changes)
        except (DocManagerError, SQLAlchemyError) as exc:
            log.warning("cannot show other people's changes: %s", exc)
        return changes

    def apply_changes(self, changes: Changes) -> None:
        """Read again the rows ``changes`` names, in every view that shows them."""
        if self.project is None:
            return
        with self.project.session() as session:
            clips = affected_clips(session, changes)
        if changes.touches("users"):
            self.apply_permissions()
        if changes.touches(*FACET_TABLES):
            self.refresh_facets()
        if changes.everything or changes.added_or_removed("clips", "clip_subjects", "clip_tags") or \
                None in changes.rows.get("clips", ()):
            kept = self.browser.selected_ids()
            self.clip_model.refresh()
            self.browser.select_ids(kept)
        else:
            self.clip_model.invalidate(clips)
        if changes.everything or clips & set(self.inspector.clip_ids()):
            self.inspector.reload()
        shown = self.transcript_view.clip_id()
        if shown is not None and (shown in clips or self._feed.unnamed(changes, "segments", "transcripts")):
            self._refresh_transcript(changes)
        marked = self.ranges_panel.clip_id()
        if marked is not None and (marked in clips or self._feed.unnamed(changes, "markers", "subclips")):
            self.ranges_panel.reload()
        if changes.touches("cuts", "cut_items", "clips"):
            self.cuts_view.reload()
        if changes.touches("subtitle_status", "transcripts", "segments", "cuts", "cut_items"):
            self.subtitle_board.refresh()
        if self.activity_log is not None:
            self.activity_log.refresh()
        if changes.users:
            self.statusBar().showMessage(self.tr("Changes by {people} shown").format(
                people=", ".join(sorted(changes.users))), 5000)
        self.changesShown.emit(changes)

    def _refresh_transcript(self, changes: Optional[Changes]) -> None:
        """The lines someone else changed, without disturbing a line being typed (then: at the next look)."""
        view = self.transcript_view
        if view.table.is_editing():
            self._transcript_stale = True
            return
        stale, self._transcript_stale = self._transcript_stale, False
        lines = changes.ids("segments") if changes is not None else set()
        if not stale and changes is not None and not changes.added_or_removed("segments", "transcripts") and \
                not self._feed.unnamed(changes, "segments") and lines and view.model.refresh_lines(lines):
            return
        view.reload()

    def current_query(self) -> ClipQuery:
        return self.clip_model.query

    @staticmethod
    def _bin_count(session, found: Bin) -> int:
        try:
            return len(clip_ids(session, found.query))
        except DocManagerError:  # it names a subject or shoot that is gone: it matches nothing
            return 0

    def _on_node_selected(self, node: Node) -> None:
        if self.project is None:
            return
        self._node = node
        self._apply_scope()

    def _on_filter_changed(self, text: str) -> None:
        if self.project is None:
            return
        self._apply_scope(text)

    def _apply_scope(self, text: Optional[str] = None) -> None:
        """The table shows the sidebar's choice narrowed by the filter box."""
        if text is None:
            text = self.browser.filter.text().strip()
        base = self.clip_model.query.with_(text=text or None)
        with WaitCursor():
            try:
                self.clip_model.set_query(self._node.apply(base))
            except DocManagerError as exc:  # a smart bin naming a subject or shoot that is gone
                show_error(self, self.tr("Cannot show the smart bin"), exc)
                self._node = ALL
                self.clip_model.set_query(ALL.apply(base))

    def _show_selection(self) -> None:
        ids = self.browser.selected_ids()
        if ids != self.inspector.clip_ids():
            with WaitCursor():
                self.inspector.show_clips(ids)
        self._show_transcript_of(ids)
        self._update_status()

    # ========================================================== transcripts
    def _show_transcript_of(self, ids: list[int]) -> None:
        """The transcript view (and the player) follow the selection: one clip, or none."""
        if len(ids) == 1:
            row = self.clip_model.row_of(ids[0])
            data = self.clip_model.row_data(row) if row is not None else None
            self.transcript_view.show_clip(ids[0], data.name if data is not None else "")
        else:
            self.transcript_view.show_clip(None, several=len(ids) > 1)
        self.ranges_panel.show_clip(ids[0] if len(ids) == 1 else None, several=len(ids) > 1)
        self._sync_player()

    def _sync_player(self) -> None:
        """The player opens the transcript's clip while the transcript is shown (a file is opened only then)."""
        if self.center.currentWidget() is not self.transcript_view:
            return
        clip_id = self.transcript_view.clip_id()
        if self.project is None or clip_id is None:
            self.player.set_source(None)
            return
        try:
            path = playable_path(self.project, clip_id)
        except DocManagerError as exc:
            self.player.set_source(None, exc.message)
            root = unmapped_root(exc)
            if root is not None and root not in self._declined_roots:
                QTimer.singleShot(0, lambda error=exc: self._offer_root(error, root))  # not in the selection change
            return
        self.player.set_source(path)
        self.ranges_panel.attach_player(clip_id)

    def _on_tab_changed(self, _index: int) -> None:
        current = self.center.currentWidget()
        if current is self.transcript_view:
            self._sync_player()
        elif current is self.search_view:
            answer = self.search_view.shown_answer()
            if self.search_view.query.text().strip() and (answer is None or answer.error is not None):
                self.search_view.search_now()

    def _on_transcript_changed(self, clip_id: int, lines: list) -> None:
        if not lines and clip_id in self.inspector.clip_ids():
            self.inspector.reload()  # lines were split or merged: their count changed

    def find_clips(self) -> None:
        self.center.setCurrentWidget(self.browser)
        self.browser.focus_filter()

    def focus_search(self) -> None:
        """Ctrl+Shift+F: the search box, with the results beside."""
        if self.project is None:
            return
        self.center.setCurrentWidget(self.search_view)
        self.search_view.focus_query()

    def open_transcript(self, clip_id: int, segment_id: Optional[int] = None, start_ms: Optional[int] = None,
                        lang: Optional[str] = None) -> bool:
        """Show the clip's transcript at the line ``segment_id`` (else at ``start_ms``) and seek the player there.

        With ``lang`` the lines in that language are shown (beside their original when they translate it).
        """
        if self.project is None:
            return False
        if self.clip_model.row_of(clip_id) is None:  # not in the table as filtered: show every clip
            for widget in (self.browser.filter, self.sidebar):
                widget.blockSignals(True)
            self.browser.filter.clear()
            self.sidebar.select_node(ALL)
            for widget in (self.browser.filter, self.sidebar):
                widget.blockSignals(False)
            self._node = ALL
            self._apply_scope("")
        if self.clip_model.row_of(clip_id) is None:
            return False
        self.inspector.commit_pending()
        self.browser.select_ids([clip_id])
        self._selection_timer.stop()
        self._show_selection()
        self.center.setCurrentWidget(self.transcript_view)
        if lang:
            self.transcript_view.show_language(lang)
        found = segment_id is not None and self.transcript_view.select_segment(segment_id, seek=True)
        if not found and start_ms is not None:
            row = self.transcript_view.model.row_at_ms(start_ms)
            if row is not None:
                self.transcript_view.select_row(row)
            self.player.seek_ms(start_ms)
        self.transcript_view.table.setFocus()
        return True

    def add_to_cut(self, segment_ids: list) -> list[int]:
        """Add to Cut in the transcript or the search: the lines, in order, at the end of the current cut."""
        if self.project is None:
            return []
        with WaitCursor():
            return self.cuts_view.add_segments(segment_ids)

    def choose_transcripts(self, clip_id: Optional[int] = None) -> None:
        """Import…: pick transcript files for the selected clip."""
        if self.project is None:
            return
        if clip_id is None:
            ids = self.browser.selected_ids()
            if len(ids) != 1:
                QMessageBox.information(self, self.tr("Import Transcript"),
                                        self.tr("Select the one clip the transcript belongs to first."))
                return
            clip_id = ids[0]
        patterns = " ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import Transcript"), os.path.expanduser("~"),
            self.tr("Transcripts and subtitles ({patterns})").format(patterns=patterns))
        if paths:
            self.import_transcripts(clip_id, paths)

    def import_transcripts(self, clip_id: int, paths: list[str]) -> Optional[Task]:
        """Ask the language of each file, then import them into the clip in the background."""
        if self.project is None or not paths:
            return None
        try:
            with self.project.session() as session:
                existing = [t.lang for t in transcripts_of_clip(session, clip_id)]
                name = get_clip(session, clip_id).name
        except DocManagerError as exc:
            show_error(self, self.tr("Cannot import into this clip"), exc)
            return None
        dialog = TranscriptImportDialog(paths, existing, name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.start_transcript_import(clip_id, dialog.items())

    def start_transcript_import(self, clip_id: int, items: list[ImportItem]) -> Optional[Task]:
        if self.project is None or not items:
            return None
        task = self.tasks.start(self.tr("Importing transcripts"), import_transcripts_job, self.project, clip_id,
                                items)
        task.finished.connect(self._transcripts_imported)
        task.failed.connect(lambda _text: self._task_failed(self.tr("The transcript import failed"), task))
        return task

    def _transcripts_imported(self, report: Report) -> None:
        clip_id = report.data.get("clip_id")
        if self.project is None or clip_id is None:
            return
        self.transcript_view.show_import_result(clip_id, report)
        if clip_id in self.inspector.clip_ids():
            self.inspector.reload()  # its count of transcript lines
        parts = []
        for path, result in report.data.get("results") or []:
            problems = len(result.problems) + len(result.unaligned)
            text = self.tr("{file}: {count} lines ({encoding})").format(
                file=os.path.basename(path), count=result.segments, encoding=result.encoding)
            if problems:
                text = self.tr("{text}, {problems} problems").format(text=text, problems=problems)
            parts.append(text)
        if parts:
            self.statusBar().showMessage(self.tr("Imported {files}").format(files="; ".join(parts)), 10_000)
        self._report_failures(report)
        if report.done:
            self.open_transcript(clip_id)

    # ============================================================ smart bins
    def _bin_filters(self) -> dict:
        """The current scope and filter as a smart bin's filters (names, as the CLI uses them)."""
        q = self.clip_model.query
        by_id = {("subject", s.id): s.name for s in self._facets.subjects}
        by_id.update({("shoot", s.id): s.name for s in self._facets.shoots})
        by_id.update({("tag", t.id): t.name for t in self._facets.tags})
        filters = {
            "subject": q.subject or by_id.get(("subject", q.subject_id)),
            "shoot": q.shoot or by_id.get(("shoot", q.shoot_id)),
            "tag": q.tag or by_id.get(("tag", q.tag_id)),
            "text": q.text, "state": q.state, "min_rating": q.min_rating, "segment_tag": q.segment_tag,
            "no_subject": q.no_subject, "no_shoot": q.no_shoot,
        }
        return {k: v for k, v in filters.items() if v not in (None, "", False)}

    def save_smart_bin(self) -> Optional[int]:
        """Save as Smart Bin…: the current choice in the sidebar and the filter, under a name."""
        if self.project is None:
            return None
        filters = self._bin_filters()
        if not filters:
            QMessageBox.information(self, self.tr("Save as Smart Bin"),
                                    self.tr("Choose a person, shoot or tag in the sidebar, or type a filter, "
                                            "then save that choice as a smart bin."))
            return None
        suggestion = " ".join(str(v) for k, v in filters.items() if isinstance(v, str))
        name, ok = QInputDialog.getText(self, self.tr("Save as Smart Bin"), self.tr("Name of the smart bin:"),
                                        text=suggestion)
        if not ok or not name.strip():
            return None
        return self.add_smart_bin(name.strip(), filters)

    def _write_bin(self, fn: Callable[[Project], object]) -> tuple[bool, object]:
        """Add or remove a smart bin: (True, what ``fn`` returned), or (False, None) with a message."""
        if self.project is None:
            return False, None
        try:
            return True, fn(self.project)
        except DocManagerError as exc:
            show_error(self, self.tr("The smart bin was not changed"), exc)
            return False, None
        finally:
            self.refresh_facets()

    def add_smart_bin(self, name: str, filters: dict) -> Optional[int]:
        """Add a smart bin (undoably) and show it."""
        ok, bin_id = self._write_bin(lambda p: add_bin(p, name, **filters))
        if not ok or not isinstance(bin_id, int):
            return None
        self.undo_stack.push(SmartBinCommand(self, self.tr("Add smart bin {name}").format(name=name), name,
                                             filters, bin_id, adding=True))
        self.sidebar.select_node(Node("bin", bin_id))
        return bin_id

    def remove_smart_bin(self, node: Node) -> bool:
        """Remove the smart bin of this sidebar node (undoably)."""
        found = self.sidebar_model.bin(node.id) if node.id is not None else None
        if found is None:
            return False
        filters = {k: v for k, v in found.query.to_dict().items()
                   if k not in ("sort", "descending") and v not in (None, "", False)}
        ok, _nothing = self._write_bin(lambda p: remove_bin(p, found.id))
        if not ok:
            return False
        self.undo_stack.push(SmartBinCommand(self, self.tr("Remove smart bin {name}").format(name=found.name),
                                             found.name, filters, found.id, adding=False))
        return True

    def _update_status(self) -> None:
        if self.project is None:
            self.count_label.setText(self.tr("No project open"))
            return
        shown = self.clip_model.rowCount()
        total = self._facets.total
        if shown == total:
            text = self.tr("1 clip") if total == 1 else self.tr("{count} clips").format(count=f"{total:,}")
        else:
            text = self.tr("{shown} of {total} clips").format(shown=f"{shown:,}", total=f"{total:,}")
        selected = len(self.inspector.clip_ids())
        if selected > 1:
            text = self.tr("{clips}, {count} selected").format(clips=text, count=f"{selected:,}")
        self.count_label.setText(text)

    # ============================================================= editing
    def _target_ids(self) -> list[int]:
        """The clips an inspector edit applies to: those it shows."""
        return self.inspector.clip_ids()

    def _edit(self, ids: list[int], text: str, **changes: object) -> bool:
        if not ids:
            return False
        with WaitCursor():
            return self.editor.edit(ids, text, shown=self.inspector.shown_metas(), **changes)

    def ask_which_value(self, conflicts: list[FieldConflict]) -> bool:
        """Someone else changed what this edit changes (of clips, markers or subclips): show theirs and mine;
        True keeps mine."""
        names = {"subjects": self.tr("Subjects"), "shoot": self.tr("Shoot"), "tags": self.tr("Tags"),
                 "rating": self.tr("Rating"), "notes": self.tr("Notes"), "note": self.tr("Note"),
                 "colour": self.tr("Colour"), "name": self.tr("Name")}
        people = sorted({c.who for c in conflicts if c.who})
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Changed by someone else"),
                          self.tr("{who} changed this after you opened it.").format(
                              who=", ".join(people) or self.tr("Someone")), parent=self)
        box.setObjectName("clipConflictBox")
        parts = []
        for c in conflicts[:8]:
            when = local_time_text(c.when) if c.when else ""
            parts.append(self.tr("{clip} — {field}\nTheirs: {theirs} {when}\nYours: {mine}").format(
                clip=self._conflict_place(c), field=names.get(c.field, c.field),
                theirs=self._conflict_value(c.field, c.theirs),
                when=f"({when})" if when else "", mine=self._conflict_value(c.field, c.mine)))
        if len(conflicts) > 8:
            parts.append(self.tr("…and {count} more").format(count=len(conflicts) - 8))
        box.setInformativeText("\n\n".join(parts))
        keep_mine = box.addButton(self.tr("Keep Mine"), QMessageBox.ButtonRole.AcceptRole)
        keep_mine.setObjectName("keepMine")
        keep_theirs = box.addButton(self.tr("Keep Theirs"), QMessageBox.ButtonRole.RejectRole)
        keep_theirs.setObjectName("keepTheirs")
        box.setDefaultButton(keep_theirs)
        box.exec()
        return box.clickedButton() is keep_mine

    def _conflict_place(self, conflict: FieldConflict) -> str:
        """What the conflicting field belongs to: a clip, or a marker or subclip on it."""
        if conflict.kind == "marker":
            return self.tr("Marker at {time} of {clip}").format(time=conflict.place, clip=conflict.clip_name)
        if conflict.kind == "subclip":
            return self.tr("Subclip at {time} of {clip}").format(time=conflict.place, clip=conflict.clip_name)
        return conflict.clip_name

    def _conflict_value(self, field: str, value: object) -> str:
        if field == "colour":
            return colour_name(str(value))
        if field == "rating":
            return "★" * int(value or 0) or self.tr("no stars")
        if field in ("subjects", "tags"):
            return ", ".join(value) if value else self.tr("none")
        if field in ("notes", "note"):
            text = (value or "").strip()
            if not text:
                return self.tr("none")
            return text if len(text) <= 300 else text[:300] + "…"
        return str(value) if value else self.tr("none")

    def _on_subject_toggled(self, name: str, on: bool) -> None:
        label = self._subject_label(name)
        if on:
            self._edit(self._target_ids(), self.tr("Add subject {name}").format(name=label), add_subjects=[name])
        else:
            self._edit(self._target_ids(), self.tr("Remove subject {name}").format(name=label),
                       remove_subjects=[name])

    def _subject_label(self, name: str) -> str:
        for s in self._facets.subjects:
            if s.name == name:
                return subject_label(s.name, s.detail)
        return name

    def _on_shoot_chosen(self, name: Optional[str]) -> None:
        text = self.tr("Set shoot {name}").format(name=name) if name else self.tr("Clear shoot")
        self._edit(self._target_ids(), text, shoot=name)

    def _on_tags_edited(self, added: list[str], removed: list[str]) -> None:
        self._edit(self._target_ids(), self.tr("Change tags"), add_tags=added, remove_tags=removed)

    def _on_rating_chosen(self, rating: int) -> None:
        self._edit(self._target_ids(), self.tr("Rate {stars}").format(stars="★" * rating or "0"), rating=rating)

    def _on_notes_edited(self, notes: Optional[str]) -> None:
        self._edit(self._target_ids(), self.tr("Edit notes"), notes=notes)

    def _rate_selection(self, rating: int) -> None:
        if not self.permissions.may("clips"):
            self.statusBar().showMessage(self.permissions.why_not("clips"), 6000)
            return
        ids = self.browser.selected_ids()
        if ids:
            self._edit(ids, self.tr("Rate {stars}").format(stars="★" * rating or "0"), rating=rating)

    def _on_edited(self, ids: list[int]) -> None:
        self.clip_model.invalidate(ids)
        self.refresh_facets()
        if set(ids) & set(self.inspector.clip_ids()):
            self.inspector.reload()

    def new_subject(self) -> None:
        if self.project is None:
            return
        self.inspector.commit_pending()
        ids = self.inspector.clip_ids()
        dialog = SubjectDialog(self, len(ids))
        if dialog.exec() != SubjectDialog.DialogCode.Accepted:
            return
        self.add_subject(dialog.values(), ids if dialog.assign.isChecked() else [])

    def add_subject(self, values: dict, assign_to: list[int]) -> Optional[int]:
        """Create a subject from the dialog's values and (undoably) add it to ``assign_to``."""
        subject_id = self.editor.add_subject(**values)
        if subject_id is not None and assign_to:
            self._edit(assign_to, self.tr("Add subject {name}").format(
                name=subject_label(values["name"], values.get("name_zh"))), add_subjects=[values["name"]])
        return subject_id

    def new_shoot(self) -> None:
        if self.project is None:
            return
        self.inspector.commit_pending()
        ids = self.inspector.clip_ids()
        dialog = ShootDialog(self, len(ids))
        if dialog.exec() != ShootDialog.DialogCode.Accepted:
            return
        self.add_shoot(dialog.values(), ids if dialog.assign.isChecked() else [])

    def add_shoot(self, values: dict, assign_to: list[int]) -> Optional[int]:
        """Create a shoot from the dialog's values and (undoably) make it the shoot of ``assign_to``."""
        shoot_id = self.editor.add_shoot(**values)
        if shoot_id is not None and assign_to:
            self._edit(assign_to, self.tr("Set shoot {name}").format(name=values["name"]), shoot=values["name"])
        return shoot_id

    # ============================================================== others
    def set_language(self, value: str) -> None:
        if value == self.settings.language():
            return
        self.settings.set_language(value)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The new language is used the next time you start DocManager."))

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About DocManager"),
            self.tr("<h3>DocManager {version}</h3>"
                    "<p>A project manager for documentary crews: footage, people, shoots and tags in one "
                    "catalogue that the editor, the translator and the director can trust.</p>"
                    "<p>Qt {qt} · Python core with SQLite catalogues and rotating backups.</p>")
            .format(version=docmanager.__version__, qt=qVersion()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        self.tasks.cancel_all()
        self._close_current()
        self.tasks.wait(30_000)
        self.settings.sync()
        super().closeEvent(event)

