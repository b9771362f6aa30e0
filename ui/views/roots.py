"""Media roots in the app: the team's named archive folders, and where each one is on this computer.

A shared catalogue keeps footage paths relative to named **media roots**
("Archive A", "Proxies"); each computer says where it mounts each root
(:mod:`docmanager.catalogue.roots`).  This module lets a person do that
without the command line.

``MediaRootsDialog(project, parent)`` lists the project's roots: the name,
its folder on this computer (or "not mapped here", in a warning colour),
whether that folder is there now, and how many files the catalogue keeps
under it.  "Map to Folder…" says where the selected root is here; "New
Root…" names a new root for the whole team (editors and admins: the core
refuses anyone else, and the refusal is shown as it is).  The status line
then says where the root now points, how many files catalogued by their full
path inside that folder were re-homed under it, and how many of the root's
files were found there (so a wrong folder is noticed at once).

Everything that touches the catalogue or the disk runs off the UI thread on
the dialog's own ``TaskRunner``: mapping re-homes files in one write
(10,000 files take about 1.5 s on a local SQLite catalogue, longer on a team
database over the network), and asking whether a folder exists can hang for
a long time on a network drive that went away.

``offer_to_map(parent, project, error)`` is for the places where reading a
file failed because its root is not mapped here: it asks "Archive A is not
mapped on this laptop. Choose the folder where it is?" and, when the person
chooses a folder, maps the root through the same job and folder chooser as
the dialog.  It returns True when the root is now mapped, so the caller can
try again.

For tests, the folder choice and the answers are injectable:
``dialog.choose_folder(root, start) -> path or None``,
``dialog.ask_new_root() -> (name, folder) or None`` and ``offer_to_map``'s
``ask`` / ``choose_folder`` keywords.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Optional

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from docmanager.catalogue.roots import UnmappedRootError, list_roots, locate, roots_here, set_root, unset_root
from docmanager.db.models import MediaFile, MediaRoot
from docmanager.errors import DocManagerError, NotFoundError
from docmanager.project import Project
from ui.errors import show_error
from ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

# Text colour of a root that has no folder here, and of a folder that is not there now.
WARNING = QColor("#a31515")
# The background of a warning cell in a selected row.
WARNING_SELECTED = QColor("#f8d7d3")
# Text colour of a root's folder that is there now.
GOOD = QColor("#1b6e3a")
# Item data role marking a cell shown in the warning colour (kept visible in a selected row).
WARN_ROLE = Qt.ItemDataRole.UserRole + 1
# At most this many of a root's files are looked for after it is mapped.
CHECK_SAMPLE = 200

_UNMAPPED = re.compile(r'media root "((?:[^"\\]|\\.)*)" is not mapped on this machine')


# ====================================================================== jobs (worker thread)
def read_roots_job(project: Project, progress=None, cancel=None) -> dict:
    """``list_roots`` as a job: every root, its folder here, whether it is there, its files."""
    return list_roots(project)


def _files_found(project: Project, root_id: int) -> tuple[int, int]:
    """(found, looked for): the first ``CHECK_SAMPLE`` files of the root, looked for where it now is."""
    with project.session() as s:
        files = s.scalars(select(MediaFile).where(MediaFile.root_id == root_id)
                          .order_by(MediaFile.id).limit(CHECK_SAMPLE)).all()
        paths = [locate(mf).path for mf in files]
    return sum(1 for p in paths if p and os.path.exists(p)), len(paths)


def map_root_job(project: Project, name: str, folder: str, create: bool = False, progress=None,
                 cancel=None) -> dict:
    """``set_root`` as a job, then how many of the root's files are in the folder.

    Without ``create`` only a root the catalogue has is mapped (a root
    renamed meanwhile is not made again under its old name).  The result is
    ``set_root``'s (``root``, ``folder``, ``created``, ``rehomed``,
    ``failed`` …) with ``found`` and ``checked`` added.
    """
    if not create:
        with project.session() as s:
            if s.scalar(select(MediaRoot.id).where(MediaRoot.name == name)) is None:
                raise NotFoundError(QCoreApplication.translate(
                    "MediaRoots", "the catalogue has no media root “{root}” (any more); see File ▸ Media Roots… "
                                  "for its roots").format(root=name))
    result = set_root(project, name, folder)
    result["found"], result["checked"] = _files_found(project, result["id"])
    return result


def forget_root_job(project: Project, name: str, progress=None, cancel=None) -> dict:
    """``unset_root`` as a job: this computer no longer says where the root is."""
    return unset_root(project, name)


# ====================================================================== helpers
def unmapped_root(error: Any) -> Optional[str]:
    """The name of the root an error (or its text) says is not mapped here; None when it is not about that."""
    if isinstance(error, UnmappedRootError):
        return error.root
    if isinstance(error, DocManagerError):
        text = error.message
    else:
        text = str(error or "")
    found = _UNMAPPED.search(text)
    return re.sub(r"\\(.)", r"\1", found.group(1)) if found else None


def start_folder(current: Optional[str] = None) -> str:
    """Where the folder chooser opens: the root's folder or the nearest one above it that is there,
    else where this system mounts drives, else the home folder."""
    if current:
        folder = os.path.abspath(current)
        while folder and not os.path.isdir(folder):
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        if folder and os.path.isdir(folder) and folder != os.path.dirname(folder):
            return folder
    candidates = []
    if sys.platform == "darwin":
        candidates.append("/Volumes")
    elif sys.platform.startswith("linux"):
        user = os.environ.get("USER") or ""
        candidates += [f"/media/{user}", f"/run/media/{user}", "/media", "/mnt"] if user else ["/media", "/mnt"]
    for candidate in candidates:
        if os.path.isdir(candidate) and os.listdir(candidate):
            return candidate
    return os.path.expanduser("~")


def choose_root_folder(parent: Optional[QWidget], name: str, start: str = "") -> Optional[str]:
    """Ask for the folder that is the root ``name`` on this computer (None: cancelled)."""
    title = QCoreApplication.translate("MediaRoots", "Where Is “{root}” on This Computer?").format(root=name)
    folder = QFileDialog.getExistingDirectory(parent, title, start or start_folder())
    return folder or None


def mapped_text(result: dict) -> tuple[str, bool]:
    """What the status line says after a mapping, and whether it is a warning."""
    root, folder, rehomed = result["root"], result["folder"], int(result.get("rehomed") or 0)
    if result.get("created"):
        text = QCoreApplication.translate("MediaRoots", "New media root “{root}” made; on this computer it is "
                                                        "{folder}.")
    else:
        text = QCoreApplication.translate("MediaRoots", "“{root}” now points to {folder} on this computer.")
    parts = [text.format(root=root, folder=folder)]
    if rehomed == 1:
        parts.append(QCoreApplication.translate("MediaRoots", "1 file catalogued by its full path inside it was "
                                                              "re-homed under the root."))
    elif rehomed:
        parts.append(QCoreApplication.translate("MediaRoots", "{count} files catalogued by their full path inside "
                                                              "it were re-homed under the root.")
                     .format(count=QLocale().toString(rehomed)))
    else:
        parts.append(QCoreApplication.translate("MediaRoots", "No files needed re-homing."))
    warn = False
    for failure in result.get("failed") or []:
        parts.append(str(failure.get("reason") or ""))
        warn = True
    found, checked = int(result.get("found") or 0), int(result.get("checked") or 0)
    if checked and not found:
        parts.append(QCoreApplication.translate("MediaRoots", "None of its files are in this folder: is it the "
                                                              "right one? Choose the folder that holds the root's "
                                                              "own folders."))
        warn = True
    elif checked and found < checked:
        parts.append(QCoreApplication.translate("MediaRoots", "{found} of the {checked} files looked for are "
                                                              "there; the others are missing.")
                     .format(found=found, checked=checked))
        warn = True
    return " ".join(p for p in parts if p), warn


@dataclass
class _Outcome:
    result: Optional[dict] = None
    error: Optional[BaseException] = None
    cancelled: bool = False


def _outcome(task: Task) -> _Outcome:
    report = task.report
    if report is None:
        return _Outcome(error=task.error or DocManagerError("the job stopped without a result"))
    if report.cancelled:
        return _Outcome(cancelled=True)
    return _Outcome(result=report.data.get("result"))


def _on_end(task: Task, done: Callable[[_Outcome], None]) -> None:
    """Call ``done`` with the task's outcome when it ends (read before the task is deleted)."""
    task.ended.connect(lambda: done(_outcome(task)))


class _WarningDelegate(QStyledItemDelegate):
    """A warning cell stays a warning when its row is selected: warning colour on a pale red."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        if index.data(WARN_ROLE) and option.state & QStyle.StateFlag.State_Selected:
            option.palette.setColor(QPalette.ColorRole.Highlight, WARNING_SELECTED)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, WARNING)


# ====================================================================== a new root
class NewRootDialog(QDialog):
    """A new root's name and its folder on this computer."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("newRootDialog")
        self.setWindowTitle(self.tr("New Media Root"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("A media root is a folder of the footage archive, named for the whole team. Each "
                               "computer then says where it has that folder, so the catalogue works on all of "
                               "them. Naming a root is for editors and admins."))
        about.setWordWrap(True)
        layout.addWidget(about)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("newRootName")
        self.name.setPlaceholderText(self.tr("e.g. Archive A"))
        self.folder = QLineEdit()
        self.folder.setObjectName("newRootFolder")
        self.folder.setPlaceholderText(self.tr("Where it is on this computer"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Folder:"), row)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self.folder.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    def _browse(self) -> None:
        folder = choose_root_folder(self, self.name.text().strip() or self.tr("the new root"),
                                    start_folder(self.folder.text().strip() or None))
        if folder:
            self.folder.setText(folder)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.name.text().strip() and self.folder.text().strip()))

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), os.path.expanduser(self.folder.text().strip())

    @classmethod
    def ask(cls, parent: Optional[QWidget]) -> Optional[tuple[str, str]]:
        dialog = cls(parent)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


# ====================================================================== the dialog
class MediaRootsDialog(QDialog):
    """The project's media roots and where each is on this computer; map one, or name a new one."""

    loaded = Signal()  # the table shows a fresh read of the roots
    mapped = Signal(object)  # a root was mapped (or made): set_root's result, with found/checked
    forgotten = Signal(object)  # a root's folder here was forgotten: unset_root's result
    failed = Signal(str)  # reading or mapping failed (the text says why)

    NAME, FOLDER, FOUND, FILES = range(4)

    def __init__(self, project: Optional[Project], parent: Optional[QWidget] = None,
                 tasks: Optional[TaskRunner] = None) -> None:
        super().__init__(parent)
        self.setObjectName("mediaRootsDialog")
        self.setWindowTitle(self.tr("Media Roots"))
        self.setModal(False)
        self._project = project
        self._roots: list[dict] = []
        self._task: Optional[Task] = None
        self._reread = False
        self._keep_status = False
        self._select_after_read: Optional[str] = None
        self._generation = 0  # set_project makes the reads of the previous project stale
        self._mapping = False
        # Its own runner by default: a mapping never waits behind an ingest or a backup.
        self.tasks = tasks if tasks is not None else TaskRunner(max_threads=1, parent=self)
        # ``choose_folder(root name, start folder) -> folder or None`` (replaced in tests).
        self.choose_folder: Callable[[str, str], Optional[str]] = \
            lambda name, start: choose_root_folder(self, name, start)
        # ``ask_new_root() -> (name, folder) or None`` (replaced in tests).
        self.ask_new_root: Callable[[], Optional[tuple[str, str]]] = lambda: NewRootDialog.ask(self)
        # ``confirm_forget(box) -> bool``: asks before a folder is forgotten (replaced in tests).
        self.confirm_forget: Callable[[QMessageBox], bool] = \
            lambda box: box.exec() == QMessageBox.StandardButton.Yes

        about = QLabel(self.tr("Footage paths are kept relative to these named folders. Say where each one is "
                               "on this computer; other computers keep their own."))
        about.setWordWrap(True)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("mediaRootsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Root"), self.tr("Folder on This Computer"),
                                              self.tr("Folder There Now"), self.tr("Files")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's both ends say the most
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.setItemDelegate(_WarningDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.FOLDER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.FOUND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.FILES, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(self.NAME, self.fontMetrics().horizontalAdvance("M" * 12) + 24)

        self.note = QLabel()
        self.note.setObjectName("mediaRootsNote")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = QFont(self.note.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.note.setFont(small)
        self.note.setStyleSheet("color: #5f5f5f;")

        self.busy = QProgressBar()
        self.busy.setObjectName("mediaRootsBusy")
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("mediaRootsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.status, 1)

        self.map_button = QPushButton(self.tr("Map to Folder…"))
        self.map_button.setObjectName("mapRootButton")
        self.map_button.setToolTip(self.tr("Choose where the selected root is on this computer"))
        self.forget_button = QPushButton(self.tr("Forget Folder"))
        self.forget_button.setObjectName("forgetRootButton")
        self.forget_button.setToolTip(self.tr("This computer no longer says where the selected root is (its drive "
                                              "moved or is gone); the other computers keep theirs"))
        self.forget_button.setAutoDefault(False)
        self.new_button = QPushButton(self.tr("New Root…"))
        self.new_button.setObjectName("newRootButton")
        self.new_button.setToolTip(self.tr("Name a new root for the whole team (editors and admins)"))
        self.new_button.setAutoDefault(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeRootsButton")
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.map_button)
        buttons.addWidget(self.forget_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(status_row)
        layout.addLayout(buttons)
        self.resize(820, 380)

        self.map_button.clicked.connect(self.map_selected)
        self.forget_button.clicked.connect(self.forget_selected)
        self.new_button.clicked.connect(self.new_root)
        self.close_button.clicked.connect(self.close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.map_selected())

        self._update_buttons()
        self.refresh()

    # ================================================================ state
    def project(self) -> Optional[Project]:
        return self._project

    def set_project(self, project: Optional[Project]) -> None:
        """Show another project's roots (None: nothing); a read of the previous one still running is not shown."""
        self._project = project
        self._generation += 1
        self._roots = []
        self._keep_status = False
        self._select_after_read = None
        self._fill()
        self.note.clear()
        self._update_buttons()
        self.refresh()

    def is_busy(self) -> bool:
        return self._task is not None

    def roots(self) -> list[dict]:
        """The roots as last read: ``list_roots``' rows (name, folder or None, exists, files)."""
        return list(self._roots)

    def selected_root(self) -> Optional[str]:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self._roots):
            return None
        return self._roots[rows[0].row()]["name"]

    def _selected_folder(self) -> Optional[str]:
        """The selected root's folder on this computer (None: none selected, or not mapped here)."""
        name = self.selected_root()
        return next((r.get("folder") for r in self._roots if r["name"] == name), None) if name else None

    def select_root(self, name: str) -> bool:
        for row, root in enumerate(self._roots):
            if root["name"] == name:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        idle = self._project is not None and self._task is None
        self.map_button.setEnabled(idle and self.selected_root() is not None)
        self.forget_button.setEnabled(idle and self._selected_folder() is not None)
        self.new_button.setEnabled(idle)
        self.busy.setVisible(self._mapping)  # a read is too quick to show

    def _set_status(self, text: str, warn: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {WARNING.name()};" if warn else "")

    # ================================================================ reading
    def refresh(self) -> None:
        """Read the roots again (after the task running now, if any)."""
        if self._project is None:
            self._set_status(self.tr("No project is open."))
            return
        if self._task is not None:
            self._reread = True
            return
        self._reread = False
        if not self._roots and not self._keep_status:
            self._set_status(self.tr("Reading the media roots…"))
        self._run(self.tr("Reading the media roots"), self._on_read, read_roots_job, self._project)

    def _run(self, title: str, done: Callable[[_Outcome], None], fn, *args, mapping: bool = False) -> None:
        task = self.tasks.start(title, fn, *args)
        self._task = task
        self._mapping = mapping
        generation = self._generation

        def ended(outcome: _Outcome) -> None:
            self._task = None
            self._mapping = False
            if generation == self._generation:
                done(outcome)
            else:
                self._reread = True  # another project meanwhile: read its roots now
            self._update_buttons()
            if self._reread and self._project is not None:
                self.refresh()

        _on_end(task, ended)
        self._update_buttons()

    def _on_read(self, outcome: _Outcome) -> None:
        if outcome.error is not None:
            text = self.tr("The media roots could not be read: {error}").format(
                error=getattr(outcome.error, "message", None) or str(outcome.error))
            self._set_status(text, warn=True)
            self.failed.emit(text)
            return
        data = outcome.result or {}
        chosen = self._select_after_read or self.selected_root()
        self._select_after_read = None
        self._roots = list(data.get("roots") or [])
        self._fill()
        if chosen is None or not self.select_root(chosen):
            unmapped = next((r["name"] for r in self._roots if not r.get("folder")), None)
            if unmapped is not None or self._roots:
                self.select_root(unmapped if unmapped is not None else self._roots[0]["name"])
        self._fill_note(data)
        if not self._keep_status:
            self._set_status(self._summary(), warn=any(not r.get("folder") for r in self._roots))
        self._keep_status = False
        self.loaded.emit()

    def _summary(self) -> str:
        if not self._roots:
            return self.tr("This project has no media roots yet: its files are catalogued by their full path. "
                           "Editors and admins name the archive's folders here (New Root…).")
        unmapped = [r["name"] for r in self._roots if not r.get("folder")]
        if not unmapped:
            return self.tr("Every media root is mapped on this computer.")
        if len(unmapped) == 1:
            return self.tr("“{root}” is not mapped on this computer: its files cannot be played or exported "
                           "here until you map it to its folder.").format(root=unmapped[0])
        return self.tr("{count} media roots are not mapped on this computer: their files cannot be played or "
                       "exported here until you map them.").format(count=len(unmapped))

    def _fill_note(self, data: dict) -> None:
        parts = [self.tr("Folders on this computer are kept in {path}.").format(path=data.get("mapping_file", ""))]
        loose = int(data.get("absolute_files") or 0)
        if loose == 1:
            parts.append(self.tr("1 file is catalogued by its full path, under no root."))
        elif loose:
            parts.append(self.tr("{count} files are catalogued by their full path, under no root.").format(
                count=QLocale().toString(loose)))
        self.note.setText(" ".join(parts))

    def _fill(self) -> None:
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.table.setRowCount(len(self._roots))
        for row, root in enumerate(self._roots):
            name = QTableWidgetItem(root["name"])
            name.setToolTip(root["name"])
            folder = root.get("folder")
            if folder:
                where = QTableWidgetItem(folder)
                where.setToolTip(folder)
            else:
                where = QTableWidgetItem(self.tr("not mapped here"))
                where.setForeground(WARNING)
                font = QFont(where.font())
                font.setBold(True)
                where.setFont(font)
                where.setIcon(warning_icon)
                where.setData(WARN_ROLE, True)
                where.setToolTip(self.tr("This computer has not said where “{root}” is: select it and click "
                                         "Map to Folder…").format(root=root["name"]))
            if not folder:
                there = QTableWidgetItem("–")
            elif root.get("exists"):
                there = QTableWidgetItem(self.tr("Yes"))
                there.setForeground(GOOD)
            else:
                there = QTableWidgetItem(self.tr("No: drive not connected?"))
                there.setForeground(WARNING)
                there.setData(WARN_ROLE, True)
                there.setToolTip(self.tr("The folder is not there now: connect the drive, or map the root to "
                                         "where it is now."))
            files = QTableWidgetItem(QLocale().toString(int(root.get("files") or 0)))
            files.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in ((self.NAME, name), (self.FOLDER, where), (self.FOUND, there),
                                 (self.FILES, files)):
                self.table.setItem(row, column, item)

    def folder_text(self, name: str) -> Optional[str]:
        """The text of the root's Folder cell, as shown (None when the root is not listed)."""
        for row, root in enumerate(self._roots):
            if root["name"] == name:
                item = self.table.item(row, self.FOLDER)
                return item.text() if item is not None else None
        return None

    # ================================================================ mapping
    def map_selected(self) -> None:
        """"Map to Folder…": choose the selected root's folder on this computer, then map it."""
        name = self.selected_root()
        if name is None or self._project is None or self._task is not None:
            return
        current = next((r.get("folder") for r in self._roots if r["name"] == name), None)
        folder = self.choose_folder(name, start_folder(current))
        if folder:
            self.map_root(name, folder)

    def forget_selected(self) -> None:
        """"Forget Folder": after asking, this computer no longer says where the selected root is."""
        name, folder = self.selected_root(), self._selected_folder()
        if name is None or folder is None or self._project is None or self._task is not None:
            return
        files = next((r.get("files", 0) for r in self._roots if r["name"] == name), 0)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Forget Folder"),
                          self.tr("Forget that “{root}” is {folder} on this computer?").format(root=name,
                                                                                            folder=folder),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("forgetRootBox")
        box.setInformativeText(self.tr("Its {count} files will be offline here until you map it again. The "
                                       "catalogue and the other computers keep the root.").format(count=files))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Forget"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        try:
            if not self.confirm_forget(box):
                return
        finally:
            box.deleteLater()
        self._run(self.tr("Forgetting a media root's folder"), self._on_forgotten, forget_root_job,
                  self._project, name)

    def _on_forgotten(self, outcome: _Outcome) -> None:
        if outcome.error is not None:
            exc = outcome.error
            self._set_status(getattr(exc, "message", None) or str(exc), warn=True)
            show_error(self, self.tr("The folder was not forgotten"), exc)
            self.failed.emit(getattr(exc, "message", None) or str(exc))
            return
        result = outcome.result or {}
        self._set_status(self.tr("“{root}” is no longer mapped on this computer.").format(root=result.get("root")))
        self._keep_status = True
        self.forgotten.emit(result)
        self._select_after_read = result.get("root")
        self._reread = True

    def new_root(self) -> None:
        """"New Root…": a name and a folder; the core refuses anyone but an editor or an admin."""
        if self._project is None or self._task is not None:
            return
        answer = self.ask_new_root()
        if answer:
            name, folder = answer
            self.map_root(name, folder, create=True, title=self.tr("The media root was not made"))

    def map_root(self, name: str, folder: str, create: bool = False, title: Optional[str] = None) -> None:
        """Map the root ``name`` (with ``create``: make it if new) to ``folder`` off the UI thread;
        ``mapped`` or ``failed`` follows."""
        if self._project is None:
            return
        folder = os.path.abspath(os.path.expanduser(os.fsdecode(folder)))
        self._set_status(self.tr("Mapping “{root}” to {folder}…").format(root=name, folder=folder))
        title = title or self.tr("The media root was not mapped")
        self._run(self.tr("Mapping a media root"), lambda outcome: self._on_mapped(outcome, title),
                  map_root_job, self._project, name, folder, create, mapping=True)

    def _on_mapped(self, outcome: _Outcome, title: str) -> None:
        if outcome.error is not None:
            exc = outcome.error
            self._set_status(getattr(exc, "message", None) or str(exc), warn=True)
            show_error(self, title, exc)
            self.failed.emit(getattr(exc, "message", None) or str(exc))
            return
        result = outcome.result or {}
        text, warn = mapped_text(result)
        self._set_status(text, warn)
        self._keep_status = True
        self.mapped.emit(result)
        self._select_after_read = result.get("root")
        self._reread = True  # the table shows the new folder (read when this task has ended)


# ====================================================================== from a failed read
def _map_and_wait(parent: Optional[QWidget], project: Project, name: str, folder: str) -> _Outcome:
    """Run the mapping job off the UI thread while a modal busy box (after half a second) waits for it."""
    folder = os.path.abspath(os.path.expanduser(os.fsdecode(folder)))
    runner = TaskRunner(max_threads=1)
    outcome: dict[str, _Outcome] = {}
    loop = QEventLoop()
    title = QCoreApplication.translate("MediaRoots", "Mapping a media root")
    task = runner.start(title, map_root_job, project, name, folder)

    def ended(result: _Outcome) -> None:
        outcome["value"] = result
        loop.quit()

    _on_end(task, ended)
    text = QCoreApplication.translate("MediaRoots", "Mapping “{root}” to {folder}…")
    busy = QProgressDialog(text.format(root=name, folder=folder), "", 0, 0, parent)
    busy.setObjectName("mapRootBusy")
    busy.setWindowTitle(QCoreApplication.translate("MediaRoots", "Media Roots"))
    busy.setCancelButton(None)  # one short write: it is not stopped half-way
    busy.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                           else Qt.WindowModality.ApplicationModal)
    busy.setMinimumDuration(500)
    busy.setValue(0)  # starts the half second
    if "value" not in outcome:
        loop.exec()
    busy.reset()
    busy.deleteLater()
    runner.wait()
    runner.deleteLater()
    return outcome["value"]


def _mapped_now(project: Project, name: str) -> bool:
    """Whether this computer now has a folder for the root called ``name``."""
    try:
        with project.session() as session:
            return any(root.name == name and root.folder for root in roots_here(session).values())
    except DocManagerError:
        return False


def offer_to_map(parent: Optional[QWidget], project: Optional[Project], error: Any, *,
                 ask: Optional[Callable[[QMessageBox], bool]] = None,
                 choose_folder: Optional[Callable[[str, str], Optional[str]]] = None) -> bool:
    """After a read failed because a media root is not mapped here: offer to choose its folder and map it.

    ``error`` is the ``UnmappedRootError`` (or any error or text whose message
    is ``unmapped_message``'s).  Returns True when the root is now mapped here
    (try again), False when the error is about something else, the person said
    "Not Now" or cancelled the folder choice, or the mapping was refused (the
    refusal is shown).  ``ask(box) -> bool`` and ``choose_folder(root, start)
    -> folder or None`` replace the question and the folder chooser (tests).
    """
    name = unmapped_root(error)
    if project is None or name is None:
        return False
    if _mapped_now(project, name):  # mapped since the error (another window asked first): just try again
        return True
    question = QCoreApplication.translate("MediaRoots", "{root} is not mapped on this laptop. Choose the folder "
                                                        "where it is?").format(root=name)
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("MediaRoots", "Media Root Not Mapped"),
                      question, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("offerToMapBox")
    box.setInformativeText(QCoreApplication.translate(
        "MediaRoots", "Every computer of the team says where it has the archive's folders. Choosing the folder "
                      "here changes nothing for the others."))
    choose = box.addButton(QCoreApplication.translate("MediaRoots", "Choose Folder…"),
                           QMessageBox.ButtonRole.AcceptRole)
    choose.setObjectName("chooseRootFolder")
    later = box.addButton(QCoreApplication.translate("MediaRoots", "Not Now"), QMessageBox.ButtonRole.RejectRole)
    later.setObjectName("notNow")
    box.setDefaultButton(choose)
    box.setEscapeButton(later)
    try:
        if ask is not None:
            yes = bool(ask(box))
        else:
            box.exec()
            yes = box.clickedButton() is choose
    finally:
        box.deleteLater()
    if not yes:
        return False
    chooser = choose_folder or (lambda root, start: choose_root_folder(parent, root, start))
    folder = chooser(name, start_folder())
    if not folder:
        return False
    outcome = _map_and_wait(parent, project, name, folder)
    if outcome.error is not None:
        show_error(parent, QCoreApplication.translate("MediaRoots", "The media root was not mapped"), outcome.error)
        return False
    result = outcome.result or {}
    text, warn = mapped_text(result)
    log.info("media root %r mapped to %s here (%s re-homed)", name, result.get("folder"), result.get("rehomed"))
    if warn:  # mapped, but not to a folder that holds its files: say so now, not at the next failed read
        note = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("MediaRoots", "Media Roots"), text,
                           QMessageBox.StandardButton.Ok, parent)
        note.setObjectName("mappedWarningBox")
        if parent is None:
            note.exec()
        else:
            note.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            note.open()
    return True
