"""The Ingest window: cards and folders in, verified copies out, new clips in the catalogue.

The person picks the sources (card folders, folders, single files; dropped
from a file manager or chosen with the buttons), the destinations the sources
are copied to (none: the clips are catalogued where they are), a label for the
copies, and the subjects and shoot the new clips get.  Start runs the core's
``ingest`` job through the ``TaskRunner``; the window shows the overall
progress, the current step and file, the copy speed, and the elapsed and
remaining time, with Cancel.  When the job ends it shows what was done and a
table of the files that failed, which can be copied as text.

Closing the window while an ingest runs only hides it: the job goes on (the
status bar shows it, with Cancel) and File ▸ Ingest… brings the window back.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from PySide6.QtCore import QElapsedTimer, QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docmanager.catalogue.clips import Facets
from docmanager.errors import display_path
from docmanager.ingest.ingest import default_label, ingest
from docmanager.jobs import Report
from docmanager.project import Project
from ui.formatting import file_size_text, subject_label
from ui.tasks import Task, TaskRunner

NameRole = Qt.ItemDataRole.UserRole + 1
TICK_MS = 500  # the elapsed time and the speed are refreshed this often
SPEED_KEEP_S = 2.0  # a speed older than this is no longer shown
ETA_AFTER_S = 3.0  # no estimate of the time left before this much work
MEDIA_FILTER = "*.mts *.MTS *.m2ts *.M2TS *.mp4 *.MP4 *.mov *.MOV *.mxf *.MXF *.avi *.AVI *.mkv *.mpg"

IngestJob = Callable[..., Report]


# ------------------------------------------------------------ progress text
@dataclass(frozen=True)
class ProgressStep:
    """What a progress message of the ingest job says, taken apart for display."""

    step: str  # scan, copy, verify, check, known, copied, catalogue, poster, done, other
    file: str = ""
    index: int = 0
    count: int = 0
    speed: Optional[float] = None  # bytes per second, when the message gives it
    text: str = ""  # the message without the speed


_SPEED = re.compile(r"\s*—\s*(?P<value>[\d.]+)\s*(?P<unit>B|KB|MB|GB)/s\s*$")
_UNITS = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9}
_COUNTER = r"(?: \((?P<index>\d+)/(?P<count>\d+) files\))?"
_STEPS = (
    ("copy", re.compile(r"^Copying (?P<file>.+?)" + _COUNTER + r"$")),
    ("verify", re.compile(r"^Verifying (?P<file>.+?) on (?P<dest>.+)$")),
    ("check", re.compile(r"^Checking the copy of (?P<file>.+?) already on (?P<dest>.+)$")),
    ("known", re.compile(r"^Already offloaded: (?P<file>.+?)" + _COUNTER + r"$")),
    ("copied", re.compile(r"^Done (?P<file>.+?)" + _COUNTER + r"$")),
    ("catalogue", re.compile(r"^Cataloguing (?P<file>.+)$")),
    ("catalogue", re.compile(r"^Catalogued$")),
    ("poster", re.compile(r"^Thumbnails for (?P<file>.+)$")),
    ("poster", re.compile(r"^Making thumbnails")),
    ("scan", re.compile(r"^Looking for clips")),
    ("done", re.compile(r"^(Thumbnails: .*|Ingest: .*)$")),
)


def parse_progress(message: str) -> ProgressStep:
    """The step, file, file counter and speed in an ingest progress message (``other`` when unknown)."""
    text = message or ""
    speed: Optional[float] = None
    found = _SPEED.search(text)
    if found:
        try:
            speed = float(found.group("value")) * _UNITS[found.group("unit")]
        except ValueError:
            speed = None
        text = text[:found.start()]
    for step, pattern in _STEPS:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            return ProgressStep(step, groups.get("file") or "", int(groups.get("index") or 0),
                                int(groups.get("count") or 0), speed, text)
    return ProgressStep("other", "", 0, 0, speed, text)


def clock_text(seconds: float) -> str:
    """``0:07``, ``12:30``, ``1:02:03``."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _relative_to_any(path: str, folders: list[str]) -> str:
    """``path`` relative to the first of ``folders`` it is in (``LABEL/ascmhl/…``), else whole."""
    for folder in folders:
        try:
            if os.path.commonpath([path, folder]) == folder:
                return os.path.relpath(path, folder)
        except ValueError:
            continue
    return path


def _path_text(path: object) -> str:
    text = display_path(path) if path is not None else ""
    return text or ""


# ------------------------------------------------------------------ widgets
class PathList(QListWidget):
    """Folders (and files, when allowed) as a list; accepts drops of folders and files from a file manager."""

    pathsChanged = Signal()

    def __init__(self, placeholder: str, allow_files: bool = True, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.allow_files = allow_files
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def paths(self) -> list[str]:
        return [self.item(i).data(NameRole) for i in range(self.count())]

    def add_paths(self, paths: Iterable[os.PathLike | str]) -> int:
        """Add these paths (folders, and files when allowed; others and repeats are skipped); how many were added."""
        have = set(self.paths())
        added = 0
        for path in paths:
            full = os.path.abspath(os.fspath(path))
            if full in have or not self._acceptable(full):
                continue
            item = QListWidgetItem(full)
            item.setData(NameRole, full)
            item.setToolTip(full)
            self.addItem(item)
            have.add(full)
            added += 1
        if added:
            self.pathsChanged.emit()
        return added

    def remove_selected(self) -> None:
        rows = sorted((self.row(item) for item in self.selectedItems()), reverse=True)
        for row in rows:
            self.takeItem(row)
        if rows:
            self.pathsChanged.emit()

    def clear_paths(self) -> None:
        if self.count():
            self.clear()
            self.pathsChanged.emit()

    def _acceptable(self, path: str) -> bool:
        return os.path.isdir(path) or (self.allow_files and os.path.isfile(path))

    def dropped_paths(self, mime: QMimeData) -> list[str]:
        """The local folders (and files) in a drag's data that this list takes."""
        if not mime.hasUrls():
            return []
        paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p and self._acceptable(p)]

    # A QListWidget only takes drops of its own items; these take paths from outside.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.dropped_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        self.add_paths(paths)
        event.acceptProposedAction()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selectedItems():
            self.remove_selected()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            colour = QColor(self.palette().text().color())
            colour.setAlphaF(0.5)
            painter.setPen(colour)
            rect = self.viewport().rect().adjusted(8, 4, -8, -4)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()

    def sizeHint(self) -> QSize:
        return QSize(420, 96)


class FailureTable(QTableWidget):
    """Path and reason of each failed file; Ctrl+C copies the selected rows (all when none) as text."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("ingestFailures")
        self.setHorizontalHeaderLabels([self.tr("File"), self.tr("Problem")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 420)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for r, (path, reason) in enumerate(rows):
            for c, text in enumerate((path, reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(r, c, item)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.item(r, 0).text(), self.item(r, 1).text()) for r in range(self.rowCount())]

    def as_text(self, only_selected: bool = False) -> str:
        """Tab-separated ``path<TAB>reason`` lines (the selected rows, or all)."""
        rows = self.rows()
        if only_selected:
            chosen = sorted({index.row() for index in self.selectedIndexes()})
            if chosen:
                rows = [rows[r] for r in chosen]
        return "".join(f"{path}\t{reason}\n" for path, reason in rows)

    def copy_to_clipboard(self, only_selected: bool = False) -> str:
        text = self.as_text(only_selected)
        QGuiApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_to_clipboard(only_selected=True)
            return
        super().keyPressEvent(event)


class ElidedLabel(QLabel):
    """One line that shortens a long path in the middle (``text()`` keeps it whole)."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, rect.width())
        painter.setPen(self.palette().windowText().color())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _value_label(name: str = "") -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


# ------------------------------------------------------------------ window
class IngestDialog(QDialog):
    """Sources, destinations, label, subjects and shoot; Start; progress with Cancel; the summary."""

    ingestStarted = Signal(object)  # the Task
    ingestEnded = Signal(object)  # the Report, or None when the job failed

    SETUP, RUN = 0, 1

    def __init__(self, project: Project, tasks: TaskRunner, catalogue: Optional[Facets] = None,
                 parent: Optional[QWidget] = None, job: IngestJob = ingest) -> None:
        super().__init__(parent)
        self.project = project
        self.tasks = tasks
        self.job = job
        self.task: Optional[Task] = None
        self.report: Optional[Report] = None
        self.error: Optional[str] = None
        self._label_edited = False
        self._clock = QElapsedTimer()
        self._elapsed = 0.0
        self._speed: Optional[float] = None
        self._speed_at = 0.0
        self._done = 0.0
        self._total = 0.0
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)

        self.setObjectName("ingestDialog")
        self.setWindowTitle(self.tr("Ingest — {project}").format(project=project.name))
        self.setModal(False)
        self.setAcceptDrops(True)
        self.setMinimumSize(620, 560)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_run())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(self._build_buttons())

        self.set_catalogue(catalogue or Facets(total=0))
        self._show_page(self.SETUP)
        self._update_start()
        self.resize(self.sizeHint())

    # ============================================================ building
    def _build_setup(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)

        sources_box = QGroupBox(self.tr("Sources"))
        sources_layout = QVBoxLayout(sources_box)
        self.sources = PathList(self.tr("Drop camera cards, folders or media files here"))
        self.sources.setObjectName("ingestSources")
        self.sources.pathsChanged.connect(self._on_sources_changed)
        self.add_source_folder_button = QPushButton(self.tr("Add Folder…"))
        self.add_source_folder_button.clicked.connect(self.choose_source_folder)
        self.add_source_files_button = QPushButton(self.tr("Add Files…"))
        self.add_source_files_button.clicked.connect(self.choose_source_files)
        self.remove_source_button = QPushButton(self.tr("Remove"))
        self.remove_source_button.clicked.connect(self.sources.remove_selected)
        self.sources.itemSelectionChanged.connect(
            lambda: self.remove_source_button.setEnabled(bool(self.sources.selectedItems())))
        sources_layout.addWidget(self.sources, 1)
        sources_layout.addLayout(self._button_row(self.add_source_folder_button, self.add_source_files_button,
                                                  self.remove_source_button))
        layout.addWidget(sources_box, 3)

        dest_box = QGroupBox(self.tr("Copy to"))
        dest_layout = QVBoxLayout(dest_box)
        self.destinations = PathList(self.tr("No destination: the clips are catalogued where they are"),
                                     allow_files=False)
        self.destinations.setObjectName("ingestDestinations")
        self.destinations.pathsChanged.connect(self._on_destinations_changed)
        self.add_destination_button = QPushButton(self.tr("Add Folder…"))
        self.add_destination_button.clicked.connect(self.choose_destination)
        self.remove_destination_button = QPushButton(self.tr("Remove"))
        self.remove_destination_button.clicked.connect(self.destinations.remove_selected)
        self.destinations.itemSelectionChanged.connect(
            lambda: self.remove_destination_button.setEnabled(bool(self.destinations.selectedItems())))
        self.destination_hint = QLabel()
        self.destination_hint.setWordWrap(True)
        self.destination_hint.setEnabled(False)
        dest_layout.addWidget(self.destinations, 1)
        dest_layout.addLayout(self._button_row(self.add_destination_button, self.remove_destination_button))
        dest_layout.addWidget(self.destination_hint)
        layout.addWidget(dest_box, 2)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label = QLineEdit()
        self.label.setObjectName("ingestLabel")
        self.label.setPlaceholderText(self.tr("e.g. CARD-2019-05-02-A"))
        self.label.setToolTip(self.tr("The name of the folder the copies go into, and of the card in the "
                                      "catalogue"))
        self.label.textEdited.connect(self._on_label_edited)
        self.label.textChanged.connect(lambda _text: self._update_start())
        form.addRow(self.tr("&Label:"), self.label)

        self.shoot = QComboBox()
        self.shoot.setObjectName("ingestShoot")
        self.shoot.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.shoot.setMinimumContentsLength(20)
        form.addRow(self.tr("S&hoot:"), self.shoot)

        self.subjects = QListWidget()
        self.subjects.setObjectName("ingestSubjects")
        self.subjects.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.subjects.setMaximumHeight(96)
        self.subjects.setToolTip(self.tr("The subjects every new clip gets"))
        form.addRow(self.tr("Sub&jects:"), self.subjects)
        layout.addLayout(form)
        return page

    @staticmethod
    def _button_row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_run(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)

        self.heading = QLabel()
        self.heading.setObjectName("ingestHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        self.bar = QProgressBar()
        self.bar.setObjectName("ingestProgress")
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        layout.addWidget(self.bar)

        self.progress_box = QWidget()
        grid = QGridLayout(self.progress_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        self.step_label = _value_label("ingestStep")
        self.file_label = ElidedLabel()
        self.file_label.setObjectName("ingestFile")
        self.speed_label = _value_label("ingestSpeed")
        self.time_label = _value_label("ingestTime")
        for row, (caption, value) in enumerate((
            (self.tr("Doing:"), self.step_label), (self.tr("File:"), self.file_label),
            (self.tr("Speed:"), self.speed_label), (self.tr("Time:"), self.time_label),
        )):
            grid.addWidget(_caption(caption), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
        self.running_hint = QLabel(self.tr("You can close this window: the ingest goes on and shows in the "
                                           "status bar. File ▸ Ingest… brings the window back."))
        self.running_hint.setWordWrap(True)
        self.running_hint.setEnabled(False)
        grid.addWidget(self.running_hint, 4, 0, 1, 2)
        layout.addWidget(self.progress_box)

        self.summary_box = QWidget()
        summary_layout = QVBoxLayout(self.summary_box)
        summary_layout.setContentsMargins(0, 4, 0, 0)
        self.summary_text = _value_label("ingestSummaryText")
        summary_layout.addWidget(self.summary_text)
        self.summary_form = QFormLayout()
        self.summary_form.setHorizontalSpacing(12)
        self.summary_form.setVerticalSpacing(3)
        self.summary_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summary_values: dict[str, QLabel] = {}
        for key, caption in (
            ("added", self.tr("Clips added:")),
            ("known", self.tr("Already in the catalogue:")),
            ("files", self.tr("Files catalogued:")),
            ("copied", self.tr("Copied and verified:")),
            ("destinations", self.tr("Copies in:")),
            ("mhl", self.tr("MHL records:")),
            ("time", self.tr("Time:")),
        ):
            value = _value_label(f"ingestSummary_{key}")
            self.summary_values[key] = value
            self.summary_form.addRow(_caption(caption), value)
        summary_layout.addLayout(self.summary_form)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        summary_layout.addWidget(line)
        failures_row = QHBoxLayout()
        self.failures_caption = _caption("")
        failures_row.addWidget(self.failures_caption)
        failures_row.addStretch(1)
        self.copy_failures_button = QPushButton(self.tr("Copy List"))
        self.copy_failures_button.setObjectName("copyFailures")
        self.copy_failures_button.setToolTip(self.tr("Copy the files and their problems as text "
                                                     "(one per line, separated by a tab)"))
        self.copy_failures_button.clicked.connect(lambda: self.failures.copy_to_clipboard())
        failures_row.addWidget(self.copy_failures_button)
        summary_layout.addLayout(failures_row)
        self.failures = FailureTable()
        summary_layout.addWidget(self.failures, 1)
        layout.addWidget(self.summary_box, 1)
        layout.addStretch(0)
        return page

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New Ingest"))
        self.new_button.setObjectName("ingestNew")
        self.new_button.setToolTip(self.tr("Ingest other sources (the destinations and subjects stay)"))
        self.new_button.clicked.connect(self.new_ingest)
        self.back_button = QPushButton(self.tr("Change Settings"))
        self.back_button.setObjectName("ingestBack")
        self.back_button.clicked.connect(lambda: self._show_page(self.SETUP))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("ingestStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("ingestCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("ingestClose")
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.new_button)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.close_button)
        return row

    # ============================================================== setup
    def set_catalogue(self, facets: Facets) -> None:
        """The subjects and shoots new clips can be given; the choices made so far are kept."""
        chosen = set(self.chosen_subjects())
        self.subjects.clear()
        for named in facets.subjects:
            item = QListWidgetItem(subject_label(named.name, named.detail))
            item.setData(NameRole, named.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if named.name in chosen else Qt.CheckState.Unchecked)
            self.subjects.addItem(item)
        if not facets.subjects:
            item = QListWidgetItem(self.tr("No subjects yet (Edit ▸ New Subject…)"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.subjects.addItem(item)
        shoot = self.chosen_shoot()
        self.shoot.clear()
        self.shoot.addItem(self.tr("— no shoot —"), None)
        for named in facets.shoots:
            self.shoot.addItem(named.name, named.name)
            if named.detail:
                self.shoot.setItemData(self.shoot.count() - 1, named.detail, Qt.ItemDataRole.ToolTipRole)
        self.shoot.setCurrentIndex(max(self.shoot.findData(shoot), 0) if shoot else 0)

    def chosen_subjects(self) -> list[str]:
        out = []
        for i in range(self.subjects.count()):
            item = self.subjects.item(i)
            name = item.data(NameRole)
            if name and item.checkState() == Qt.CheckState.Checked:
                out.append(name)
        return out

    def set_chosen_subjects(self, names: Iterable[str]) -> None:
        wanted = set(names)
        for i in range(self.subjects.count()):
            item = self.subjects.item(i)
            if item.data(NameRole):
                item.setCheckState(Qt.CheckState.Checked if item.data(NameRole) in wanted
                                   else Qt.CheckState.Unchecked)

    def chosen_shoot(self) -> Optional[str]:
        return self.shoot.currentData() if self.shoot.count() else None

    def set_chosen_shoot(self, name: Optional[str]) -> None:
        self.shoot.setCurrentIndex(max(self.shoot.findData(name), 0) if name else 0)

    def add_sources(self, paths: Iterable[os.PathLike | str]) -> int:
        return self.sources.add_paths(paths)

    def add_destinations(self, paths: Iterable[os.PathLike | str]) -> int:
        return self.destinations.add_paths(paths)

    def choose_source_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a Card or Folder"), self._start_dir())
        if folder:
            self.add_sources([folder])

    def choose_source_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add Media Files"), self._start_dir(),
            self.tr("Media files ({patterns});;All files (*)").format(patterns=MEDIA_FILTER))
        if files:
            self.add_sources(files)

    def choose_destination(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a Destination Folder"),
                                                  self.destinations.paths()[-1] if self.destinations.count()
                                                  else os.path.expanduser("~"))
        if folder:
            self.add_destinations([folder])

    def _start_dir(self) -> str:
        paths = self.sources.paths()
        return os.path.dirname(paths[-1]) if paths else os.path.expanduser("~")

    def _on_sources_changed(self) -> None:
        if not self._label_edited:
            sources = self.sources.paths()
            self.label.setText(default_label(sources) if sources else "")
        self._update_start()

    def _on_label_edited(self, text: str) -> None:
        self._label_edited = bool(text.strip())  # emptied: the label follows the sources again

    def _on_destinations_changed(self) -> None:
        count = self.destinations.count()
        if count == 0:
            self.destination_hint.setText(self.tr("Nothing is copied: the catalogue points at the files where "
                                                  "they are now."))
        else:
            self.destination_hint.setText(self.tr(
                "Each source is copied into DESTINATION/LABEL/, read back and compared with the original, with "
                "an ASC MHL record; the catalogue points at the copies in the first destination."))
        self._update_start()

    def _update_start(self) -> None:
        ready = bool(self.sources.count()) and bool(self.label.text().strip()) and not self.is_running()
        self.start_button.setEnabled(ready)
        self.remove_source_button.setEnabled(bool(self.sources.selectedItems()))
        self.remove_destination_button.setEnabled(bool(self.destinations.selectedItems()))
        if not self.destination_hint.text():
            self._on_destinations_changed()

    # The rest of the setup page takes drops too: they go to the sources (never a refused destination).
    def _drop_for_sources(self, event: QDropEvent) -> list[str]:
        if self.pages.currentIndex() != self.SETUP:
            return []
        child = self.childAt(event.position().toPoint())
        if child is not None and (child is self.destinations or self.destinations.isAncestorOf(child)):
            return []
        return self.sources.dropped_paths(event.mimeData())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._drop_for_sources(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._drop_for_sources(event)
        if paths:
            self.add_sources(paths)
            event.acceptProposedAction()
        else:
            event.ignore()

    # ============================================================ running
    def is_running(self) -> bool:
        return self.task is not None and self.task.is_running

    def start(self) -> Optional[Task]:
        """Run the ingest on the task runner with the choices made; the Task (None when it cannot start)."""
        if self.is_running() or not self.sources.count() or not self.label.text().strip():
            return None
        self.report = None
        self.error = None
        sources = self.sources.paths()
        destinations = self.destinations.paths()
        kwargs = {"copy_to": destinations, "subjects": self.chosen_subjects(), "shoot": self.chosen_shoot(),
                  "label": self.label.text().strip()}
        self._done, self._total = 0.0, 0.0
        self._speed = None
        self.bar.setRange(0, 0)
        self.heading.setText(self._running_heading(len(sources), len(destinations)))
        self.step_label.setText(self.tr("Starting…"))
        self.file_label.clear()
        self.speed_label.setText("—")
        self.time_label.setText(clock_text(0))
        self.progress_box.setVisible(True)
        self.summary_box.setVisible(False)
        self._show_page(self.RUN)
        self._clock.start()
        self._ticker.start()
        task = self.tasks.start(self.tr("Ingest"), self.job, self.project, sources, **kwargs)
        self.task = task
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        task.failed.connect(self._on_failed)
        self._update_buttons()
        self.ingestStarted.emit(task)
        return task

    def cancel(self) -> None:
        """Ask the running ingest to stop; it ends at its next check and the summary says cancelled."""
        if not self.is_running():
            return
        assert self.task is not None
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.step_label.setText(self.tr("Cancelling…"))

    def shutdown(self, msecs: int = 60_000) -> None:
        """Cancel a running ingest and wait for it (before the project closes)."""
        if self.is_running():
            assert self.task is not None
            self.task.cancel()
            self.tasks.wait(msecs)
        self._ticker.stop()

    def _running_heading(self, sources: int, destinations: int) -> str:
        what = self.tr("1 source") if sources == 1 else self.tr("{count} sources").format(count=sources)
        if destinations == 0:
            return self.tr("Cataloguing {sources} in place").format(sources=what)
        where = self.tr("1 destination") if destinations == 1 else \
            self.tr("{count} destinations").format(count=destinations)
        return self.tr("Ingesting {sources}, copying to {destinations}").format(sources=what, destinations=where)

    def _on_progress(self, done: float, total: float, message: str) -> None:
        self._done, self._total = done, total
        if total and total > 0:
            if self.bar.maximum() != 1000:
                self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(max(done / total, 0.0), 1.0)))
        parsed = parse_progress(message)
        if parsed.speed is not None:
            self._speed = parsed.speed
            self._speed_at = self._clock.elapsed() / 1000.0
        if self.task is not None and self.task.is_cancelling:
            return
        self.step_label.setText(self._step_text(parsed))
        if parsed.file or parsed.step not in ("done", "scan"):
            self.file_label.setText(parsed.file)
            self.file_label.setToolTip(parsed.file)
        self._tick()

    def _step_text(self, p: ProgressStep) -> str:
        counter = self.tr(" ({index} of {count} files)").format(index=p.index, count=p.count) if p.count else ""
        if p.step == "scan":
            return self.tr("Looking for clips")
        if p.step == "copy":
            return self.tr("Copying") + counter
        if p.step == "verify":
            return self.tr("Reading the copy back to verify it")
        if p.step == "check":
            return self.tr("Checking a copy made before")
        if p.step == "known":
            return self.tr("Already copied and verified") + counter
        if p.step == "copied":
            return self.tr("Copied and verified") + counter
        if p.step == "catalogue":
            return self.tr("Cataloguing")
        if p.step == "poster":
            return self.tr("Making poster frames and filmstrips")
        if p.step == "done":
            return self.tr("Finishing")
        return p.text

    def _tick(self) -> None:
        if not self._clock.isValid():
            return
        elapsed = self._clock.elapsed() / 1000.0
        self._elapsed = elapsed
        if self._speed is not None and elapsed - self._speed_at <= SPEED_KEEP_S:
            self.speed_label.setText(self.tr("{mb} MB/s").format(mb=f"{self._speed / 1e6:.1f}"))
        else:
            self.speed_label.setText("—")
        text = self.tr("{elapsed} elapsed").format(elapsed=clock_text(elapsed))
        fraction = self._done / self._total if self._total else 0.0
        if elapsed >= ETA_AFTER_S and 0.02 <= fraction < 1.0:
            left = elapsed * (1.0 - fraction) / fraction
            text = self.tr("{elapsed} elapsed, about {left} left").format(elapsed=clock_text(elapsed),
                                                                           left=clock_text(left))
        self.time_label.setText(text)

    # ============================================================== ending
    def _stop_clock(self) -> None:
        self._ticker.stop()
        self._elapsed = self._clock.elapsed() / 1000.0 if self._clock.isValid() else 0.0
        self._clock.invalidate()

    def _on_finished(self, report: Report) -> None:
        self._stop_clock()
        self.report = report
        self.show_summary(report, self._elapsed)
        self.ingestEnded.emit(report)

    def _on_failed(self, text: str) -> None:
        self._stop_clock()
        self.error = text
        self.report = None
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self.heading.setText(self.tr("The ingest did not start"))
        self.progress_box.setVisible(False)
        self.summary_box.setVisible(True)
        self.summary_text.setText(text)
        for value in self.summary_values.values():
            self._set_summary(value, "")
        self.failures.set_rows([])
        self.failures_caption.setText("")
        self.failures.setVisible(False)
        self.copy_failures_button.setVisible(False)
        self._update_buttons()
        self.ingestEnded.emit(None)

    def _set_summary(self, value: QLabel, text: str) -> None:
        value.setText(text)
        value.setVisible(bool(text))
        label = self.summary_form.labelForField(value)
        if label is not None:
            label.setVisible(bool(text))

    def show_summary(self, report: Report, seconds: float = 0.0) -> None:
        """What the ingest did: counts, copies, MHL records, and the failures as a table."""
        data = report.data
        added = len(data.get("clips_added") or [])
        known = len(data.get("clips_known") or [])
        failures = [(_path_text(f.path), f.reason) for f in report.failed]
        warnings = [(_path_text(w.get("path")), w.get("reason", "")) for w in data.get("warnings") or []
                    if isinstance(w, dict)]
        self.bar.setRange(0, 1000)
        if report.cancelled:
            self.heading.setText(self.tr("Ingest cancelled"))
            self.summary_text.setText(self.tr(
                "The ingest stopped before the end. Nothing partial is left in the destinations: every file "
                "there is complete and verified. Clips catalogued before the cancel stay in the catalogue. Start "
                "the same ingest again to finish it; what is already copied is not copied again."))
        else:
            self.bar.setValue(1000)
            if failures:
                self.heading.setText(self.tr("Ingest finished: 1 file failed") if len(failures) == 1 else
                                     self.tr("Ingest finished: {count} files failed").format(count=len(failures)))
                self.summary_text.setText(self.tr("Everything else was ingested. The files below were not "
                                                  "catalogued; the list says why."))
            else:
                self.heading.setText(self.tr("Ingest finished"))
                self.summary_text.setText("")
        self.summary_text.setVisible(bool(self.summary_text.text()))
        self._set_summary(self.summary_values["added"], f"{added:,}")
        self._set_summary(self.summary_values["known"], f"{known:,}")
        files = int(data.get("files") or 0)
        self._set_summary(self.summary_values["files"], self.tr("{files} ({size})").format(
            files=f"{files:,}", size=file_size_text(int(data.get("bytes") or 0))) if files else "0")
        copied = data.get("files_copied")
        self._set_summary(self.summary_values["copied"], self.tr("{files} files, {size}").format(
            files=f"{int(copied):,}", size=file_size_text(int(data.get("bytes_copied") or 0)))
            if copied is not None else "")
        self._set_summary(self.summary_values["destinations"],
                          "\n".join(str(p) for p in data.get("destinations") or []))
        destinations = [str(p) for p in data.get("destinations") or []]
        self._set_summary(self.summary_values["mhl"],
                          "\n".join(_relative_to_any(str(p), destinations) for p in data.get("mhl") or []))
        self.summary_values["mhl"].setToolTip("\n".join(str(p) for p in data.get("mhl") or []))
        self._set_summary(self.summary_values["time"], clock_text(seconds) if seconds else "")
        rows = failures + [(path, reason) for path, reason in warnings]
        self.failures.set_rows(rows)
        if failures and warnings:
            caption = self.tr("Failed files and warnings ({count})").format(count=len(rows))
        elif failures:
            caption = self.tr("Failed files ({count})").format(count=len(rows))
        elif warnings:
            caption = self.tr("Warnings ({count})").format(count=len(rows))
        else:
            caption = self.tr("No file failed")
        self.failures_caption.setText(caption)
        self.failures.setVisible(bool(rows))
        self.copy_failures_button.setVisible(bool(rows))
        self.progress_box.setVisible(False)
        self.summary_box.setVisible(True)
        self._show_page(self.RUN)
        self._update_buttons()

    def new_ingest(self) -> None:
        """Back to the setup for other sources; destinations, subjects and shoot stay."""
        if self.is_running():
            return
        self.sources.clear_paths()
        self._label_edited = False
        self.label.clear()
        self.report = None
        self.error = None
        self._show_page(self.SETUP)

    # ============================================================== pages
    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.is_running()
        setup = self.pages.currentIndex() == self.SETUP
        self.start_button.setVisible(setup)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running and not (self.task is not None and self.task.is_cancelling))
        ended = not setup and not running
        self.new_button.setVisible(ended and self.report is not None)
        self.back_button.setVisible(ended and self.report is None)
        self.close_button.setText(self.tr("Hide") if running else self.tr("Close"))
        self.close_button.setToolTip(self.tr("The ingest goes on; File ▸ Ingest… shows this window again")
                                     if running else "")
        self._update_start()
        if setup:
            self.start_button.setDefault(True)
        elif ended:
            self.close_button.setDefault(True)

    def reject(self) -> None:  # Esc: hide, never cancel a long copy by accident
        self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.hide()

    def sizeHint(self) -> QSize:
        return QSize(780, 660)
