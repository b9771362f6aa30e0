"""The main window: sidebar, clip browser and inspector over one open project.

It opens and closes projects, turns the views' signals into core calls
(queries, undoable edits through ``ClipEditor``) and runs long work (the demo
project, backups, ingests from the Ingest window) through the ``TaskRunner``
it is given.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import Qt, QTimer, Signal, Slot, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import docmanager
from docmanager.backup_jobs import backup_job
from docmanager.catalogue.clips import ClipQuery, Facets, facets
from docmanager.errors import DocManagerError
from docmanager.jobs import Report
from docmanager.project import Project
from ui.editing import ClipEditor
from ui.errors import show_error
from ui.formatting import subject_label
from ui.icons import icon
from ui.models.clip_table import ClipTableModel
from ui.models.sidebar import ALL, Node, SidebarModel
from ui.settings import AppSettings
from ui.tasks import ProgressDialog, Task, TaskRunner, TaskStatusArea
from ui.views.browser import ClipBrowser, SidebarView
from ui.views.dialogs import NewProjectDialog, ShootDialog, SubjectDialog
from ui.views.ingest import IngestDialog
from ui.views.inspector import Inspector

log = logging.getLogger(__name__)

SELECTION_DELAY_MS = 40
HEADER_KEY = "window/clipTableHeader"  # the table's columns (a new key when their layout changed)


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


class MainWindow(QMainWindow):
    """The desktop app's window."""

    projectOpened = Signal(object)
    projectClosed = Signal()
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

        # --- views
        self.clip_model = ClipTableModel(parent=self)
        self.sidebar_model = SidebarModel(self)
        self.sidebar = SidebarView(self.sidebar_model)
        self.browser = ClipBrowser(self.clip_model)
        self.inspector = Inspector()
        self.inspector.setObjectName("inspector")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(self.inspector)
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
        self.task_area = TaskStatusArea(tasks)
        self.statusBar().addPermanentWidget(self.task_area)

        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(SELECTION_DELAY_MS)
        self._selection_timer.timeout.connect(self._show_selection)

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
        self.find_action = action(self.tr("&Find Clips"), self.browser.focus_filter, QKeySequence.StandardKey.Find,
                                  "find")
        self.new_subject_action = action(self.tr("New &Subject…"), self.new_subject, "Ctrl+Shift+S", "newSubject")
        self.new_shoot_action = action(self.tr("New S&hoot…"), self.new_shoot, "Ctrl+Shift+H", "newShoot")
        self.refresh_action = action(self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh, "refresh")
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
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.new_subject_action)
        self.edit_menu.addAction(self.new_shoot_action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu(self.tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        for act in self.language_actions.values():
            self.language_menu.addAction(act)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

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

    def _set_project_actions(self, enabled: bool) -> None:
        for act in (self.close_project_action, self.ingest_action, self.backup_action, self.find_action,
                    self.new_subject_action, self.new_shoot_action, self.refresh_action):
            act.setEnabled(enabled)
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

    def _save_layout(self) -> None:
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/splitter", self.splitter.saveState())
        self.settings.set_value(HEADER_KEY, self.browser.header_state())

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
        self.inspector.set_project(project)
        if project is None:
            self.clip_model.set_project(None)
            self._facets = Facets(total=0)
            self.sidebar_model.update(self._facets)
            self.setWindowTitle(self.tr("DocManager"))
            self._set_project_actions(False)
            self._update_status()
            self.projectClosed.emit()
            return
        project.on_backup_due = lambda _p: self._backup_due()
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
        self._update_status()
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
        self.sidebar_model.update(self._facets)
        self.inspector.set_catalogue(self._facets)
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
            self.clip_model.refresh()
            self.inspector.reload()

    def current_query(self) -> ClipQuery:
        return self.clip_model.query

    def _on_node_selected(self, node: Node) -> None:
        if self.project is None:
            return
        with WaitCursor():
            self.clip_model.set_query(node.apply(self.clip_model.query))

    def _on_filter_changed(self, text: str) -> None:
        if self.project is None:
            return
        with WaitCursor():
            self.clip_model.set_query(self.clip_model.query.with_(text=text or None))

    def _show_selection(self) -> None:
        ids = self.browser.selected_ids()
        if ids != self.inspector.clip_ids():
            with WaitCursor():
                self.inspector.show_clips(ids)
        self._update_status()

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
        shown = self.inspector.versions()
        versions = {i: shown[i] for i in ids if i in shown} or None
        with WaitCursor():
            return self.editor.edit(ids, text, expected_versions=versions, **changes)

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

