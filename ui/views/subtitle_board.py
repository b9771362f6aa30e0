"""The Subtitles tab: which interviews are transcribed, translated, checked or timed, per language.

``SubtitleBoardView`` shows the core's board (``docmanager.subtitles.board``)
as a tree: the clips grouped by subject (or by shoot, or not at all), then the
cuts; one column per language.  Each cell is coloured by its state and says
the state's name (a palette that stays apart for colour-blind eyes: grey,
orange, yellow, purple, green, sky, blue; "not needed" pale and hatched), with
a badge counting the QC findings ("⚠ 3") and a red-orange edge when lines
changed since approval.  The tooltip says who moved it, when, the note and
the lines changed.

* Above: the filters (subject, shoot, state, grouping), "Set State…", and per
  language how many interviews are approved.
* Below: the ``QcPanel`` with the findings of the selected cell; a
  double-click on one asks the window to open the transcript at that line
  (``openRequested``), as does a double-click on a clip's cell.
* "Set State…" (button, context menu, Ctrl+E) opens ``SetStateDialog``: the
  states that make sense from here and a note; the core's refusal (e.g.
  going back without a reason) is shown in the dialog and nothing changes.

The board reads the catalogue when it is shown and again whenever the
project's data token says someone changed it (checked every two seconds
while the tab is visible, and on ``refresh``).  Reading runs off the UI
thread (``read_board_job`` on a ``TaskRunner``): ``refresh`` returns at once,
the board shown stays until the new one arrives, and "Reading…" says a read
is under way (with how many interviews QC has checked on a long first read).
One read runs at a time; a wish made meanwhile is read when it ends.  A read
whose filters are no longer the chosen ones, or of a project no longer
shown, is dropped; a read made for the same filters is shown, as it is newer
than what is on screen.  The findings of the selected cell are read along
with the board, and on their own (``read_findings_job``) when another cell
is selected.  Hiding the tab stops a read; it goes on when shown again, the
cells checked until then kept by the core.  ``loaded`` says a board read was
shown, ``findingsLoaded`` the QC panel's; ``is_loading()`` whether either is
still being read.
"""
from __future__ import annotations

import logging
from typing import Callable, Optional

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QGuiApplication, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from docmanager.errors import DocManagerError
from docmanager.project import Project
from docmanager.subtitles.board import Board, Cell, CellFinding, Total
from docmanager.subtitles.status import ALL_STATES, LOCKED, NOT_NEEDED, RANK, STATES, set_state
from ui.errors import error_text
from ui.formatting import subject_label
from ui.models.subtitle_board import (
    BoardRead,
    CellKey,
    CellRole,
    SubtitleBoardModel,
    read_board_job,
    read_findings_job,
)
from ui.tasks import Task, TaskRunner
from ui.views.qc_panel import QcPanel
from ui.views.widgets import refill_combo

log = logging.getLogger(__name__)

POLL_MS = 2000
READING_DELAY_MS = 250  # a read shorter than this shows no "Reading…" (no flicker on every change)
SET_STATE_KEY = QKeySequence("Ctrl+E")

#: State → (background, text). Okabe–Ito hues, light enough for dark text, told apart by lightness too.
PALETTE: dict[str, tuple[str, str]] = {
    "untranscribed": ("#e3e3e3", "#3a3a3a"),
    "transcribed": ("#fbd9a6", "#5c3600"),
    "translated": ("#f4e98a", "#4a4300"),
    "reviewed": ("#e6c3dc", "#4f1c40"),
    "approved": ("#8fd6b8", "#043a27"),
    "timed": ("#a9d8f2", "#0a3856"),
    "delivered": ("#0072b2", "#ffffff"),
    NOT_NEEDED: ("#f7f7f7", "#8a8a8a"),
}
HATCH = "#d2d2d2"
CHANGED = "#d55e00"  # vermillion: lines changed since approval
BADGE = ("#b84700", "#ffffff")


def state_colours(state: str) -> tuple[QColor, QColor]:
    bg, fg = PALETTE.get(state, PALETTE["untranscribed"])
    return QColor(bg), QColor(fg)


def sensible_states(cell: Cell) -> list[str]:
    """The states worth offering from this cell (the core still decides)."""
    out = []
    for state in ALL_STATES:
        if state == cell.state:
            continue
        if state in ("timed", "delivered") and cell.state not in LOCKED:
            continue
        if state != NOT_NEEDED and state != "untranscribed" and not cell.has_text \
                and RANK[state] > RANK["transcribed"]:
            continue
        if state == "transcribed" and cell.state == "untranscribed" and not cell.has_text:
            continue
        out.append(state)
    return out


# ====================================================================== painting
class StateDelegate(QStyledItemDelegate):
    """A language cell: its state's colour and name, a QC badge, an edge for lines changed since approval."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        cell: Optional[Cell] = index.data(CellRole)
        if cell is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = option.rect.adjusted(2, 2, -2, -2)
        bg, fg = state_colours(cell.state)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, 4, 4)
        if cell.state == NOT_NEEDED:
            painter.setBrush(QBrush(QColor(HATCH), Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(rect, 4, 4)
        if cell.affected:
            painter.setBrush(QColor(CHANGED))
            painter.drawRect(QRect(rect.left(), rect.top(), 5, rect.height()))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            pen = QPen(option.palette.highlight().color(), 2.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        badge_width = 0
        if cell.qc:
            font = painter.font()
            font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
            font.setBold(True)
            painter.setFont(font)
            text = f"⚠ {cell.qc}"
            width = painter.fontMetrics().horizontalAdvance(text) + 10
            height = min(rect.height() - 6, painter.fontMetrics().height() + 2)
            badge = QRect(rect.right() - width - 3, rect.center().y() - height // 2 + 1, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BADGE[0]))
            painter.drawRoundedRect(badge, height / 2, height / 2)
            painter.setPen(QColor(BADGE[1]))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            painter.setFont(option.font)
            badge_width = width + 6
        painter.setPen(fg)
        font = option.font
        if cell.derived:
            font = QFont(option.font)
            font.setItalic(True)
        painter.setFont(font)
        text_rect = rect.adjusted(8, 0, -badge_width - 4, 0)
        text = painter.fontMetrics().elidedText(index.data(), Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 150), max(size.height(), option.fontMetrics.height() + 9))


# ====================================================================== dialogs
class SetStateDialog(QDialog):
    """The new state of one cell and a note; the core's refusal is shown here and the dialog stays open."""

    def __init__(self, model: SubtitleBoardModel, name: str, cell: Cell,
                 apply: Callable[[str, Optional[str]], object], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("setStateDialog")
        self.setWindowTitle(self.tr("Set Subtitle State"))
        self._apply = apply
        self._cell = cell
        self._model = model
        language = model.language_name(cell.lang)
        what = QLabel(self.tr("<b>{name}</b><br>{language} subtitles, now <b>{state}</b>").format(
            name=name, language=language, state=model.state_name(cell.state)))
        what.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setObjectName("stateCombo")
        for state in sensible_states(cell):
            self.combo.addItem(model.state_name(state), state)
        self.note = QPlainTextEdit()
        self.note.setObjectName("stateNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)
        self.hint = QLabel()
        self.hint.setObjectName("stateHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.error = QLabel()
        self.error.setObjectName("stateError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {CHANGED};")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("New state:"), self.combo)
        form.addRow(self.tr("Note:"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.combo.currentIndexChanged.connect(self._update_hint)
        self._update_hint()
        self.setMinimumWidth(420)

    def choices(self) -> list[str]:
        return [self.combo.itemData(i) for i in range(self.combo.count())]

    def choose(self, state: str) -> bool:
        index = self.combo.findData(state)
        if index < 0:
            return False
        self.combo.setCurrentIndex(index)
        return True

    def _update_hint(self) -> None:
        state = self.combo.currentData()
        current = self._cell.state
        back = state not in (None, NOT_NEEDED) and current != NOT_NEEDED and RANK[state] < RANK[current]
        if back:
            self.hint.setText(self.tr("Going back to an earlier state needs a reason in the note."))
        elif state in LOCKED:
            self.hint.setText(self.tr("Later changes to the lines move it back to reviewed, naming the lines."))
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))

    def submit(self) -> None:
        state = self.combo.currentData()
        if state is None:
            self.reject()
            return
        note = self.note.toPlainText().strip() or None
        try:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._apply(state, note)
            finally:
                QGuiApplication.restoreOverrideCursor()
        except DocManagerError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.accept()


# ====================================================================== totals
class TotalsBar(QFrame):
    """Per language: "English: 14 of 22 interviews approved" over a thin bar, and the cuts."""

    def __init__(self, model: SubtitleBoardModel, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("subtitleTotals")
        self._model = model
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(24)
        self.labels: list[QLabel] = []

    def total_text(self, total: Total) -> str:
        language = self._model.language_name(total.lang)
        if total.needed == 1:
            text = self.tr("{language}: {approved} of 1 interview approved").format(
                language=language, approved=total.approved)
        else:
            text = self.tr("{language}: {approved} of {total} interviews approved").format(
                language=language, approved=total.approved, total=total.needed)
        if total.cuts:
            text = self.tr("{text} · cuts: {approved} of {total}").format(
                text=text, approved=total.cuts_approved, total=total.cuts)
        return text

    def set_totals(self, totals: list[Total]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.labels = []
        for total in totals:
            box = QVBoxLayout()
            box.setSpacing(2)
            label = QLabel(self.total_text(total))
            label.setObjectName(f"total_{total.lang}")
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setFixedHeight(6)
            bar.setRange(0, max(total.needed, 1))
            bar.setValue(min(total.approved, max(total.needed, 1)))
            bar.setStyleSheet(f"QProgressBar {{ background: {PALETTE['untranscribed'][0]}; border: none; "
                              f"border-radius: 3px; }} QProgressBar::chunk {{ background: "
                              f"{PALETTE['approved'][0]}; border-radius: 3px; }}")
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.setSpacing(3)
            holder_layout.addWidget(label)
            holder_layout.addWidget(bar)
            self._layout.addWidget(holder)
            self.labels.append(label)
        self._layout.addStretch(1)

    def texts(self) -> list[str]:
        return [label.text() for label in self.labels]


# ====================================================================== the view
class SubtitleBoardView(QWidget):
    """Filters and totals, the board, and the QC panel of the selected cell."""

    openRequested = Signal(int, str, object, object)  # clip id, language, segment id (or None), start ms (or None)
    message = Signal(str)  # for the status bar
    stateChanged = Signal()  # a state was set from here
    loaded = Signal()  # a read of the board has been shown
    findingsLoaded = Signal()  # the QC panel shows a read of the selected cell's findings

    def __init__(self, parent: Optional[QWidget] = None, tasks: Optional[TaskRunner] = None) -> None:
        super().__init__(parent)
        self.setObjectName("subtitleBoard")
        self._project: Optional[Project] = None
        self._token: Optional[tuple] = None
        self._stale = True
        # Its own runner unless given one: quick reads, never queued behind an ingest; two threads, so the
        # QC panel reads a cell while a long board read goes on.
        self._own_tasks = tasks is None
        self.tasks = tasks if tasks is not None else TaskRunner(max_threads=2, parent=self)
        self._generation = 0  # raised with each read and each project: older reads are not shown
        self._task: Optional[Task] = None
        self._pending = False  # a read was asked for while one ran
        self._shown_serial = 0  # raised each time a read of the board is shown
        self._findings_generation = 0
        self._findings_task: Optional[Task] = None
        self._findings_pending = False
        self._findings_wanted: Optional[tuple[CellKey, int]] = None  # (cell, board serial) being read
        self._findings_shown: Optional[tuple[CellKey, int]] = None  # (cell, board serial) the panel shows
        self._prefetched: Optional[tuple[CellKey, int, tuple[CellFinding, ...]]] = None
        self.model = SubtitleBoardModel(self)

        # --- filters
        self.group_combo = QComboBox()
        self.group_combo.setObjectName("boardGroupBy")
        self.group_combo.addItem(self.tr("By subject"), "subject")
        self.group_combo.addItem(self.tr("By shoot"), "shoot")
        self.group_combo.addItem(self.tr("No groups"), None)
        self.subject_combo = QComboBox()
        self.subject_combo.setObjectName("boardSubject")
        self.shoot_combo = QComboBox()
        self.shoot_combo.setObjectName("boardShoot")
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("boardState")
        self.state_combo.addItem(self.tr("Any state"), None)
        for state in STATES + (NOT_NEEDED,):
            self.state_combo.addItem(self.model.state_name(state), state)
        for combo in (self.subject_combo, self.shoot_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(12)
        self.set_state_button = QPushButton(self.tr("Set State…"))
        self.set_state_button.setObjectName("setStateButton")
        self._editable = True
        self._set_state_tip = self.tr("Move the selected subtitles to another state, with a note (Ctrl+E)")
        self.set_state_button.setToolTip(self._set_state_tip)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for text, widget in ((self.tr("Person:"), self.subject_combo), (self.tr("Shoot:"), self.shoot_combo),
                             (self.tr("State:"), self.state_combo), (self.tr("Group:"), self.group_combo)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addStretch(1)
        self.reading_label = QLabel(self.tr("Reading…"))
        self.reading_label.setObjectName("boardReading")
        self.reading_label.setEnabled(False)  # drawn greyed: a note, not a control
        self.reading_label.hide()
        filters.addWidget(self.reading_label)
        filters.addSpacing(8)
        filters.addWidget(self.set_state_button)

        self.totals = TotalsBar(self.model)

        # --- the board
        self.tree = QTreeView()
        self.tree.setObjectName("boardTree")
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(StateDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setAllColumnsShowFocus(False)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

        self.qc_panel = QcPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("boardSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.qc_panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([500, 160])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.totals)
        layout.addWidget(self.splitter, 1)

        self.set_state_action = QAction(self.tr("Set State…"), self)
        self.set_state_action.setObjectName("setSubtitleState")
        self.set_state_action.setShortcut(SET_STATE_KEY)
        self.set_state_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.set_state_action.triggered.connect(lambda _checked=False: self.set_state_dialog())
        self.addAction(self.set_state_action)
        self.open_action = QAction(self.tr("Open Transcript"), self)
        self.open_action.setObjectName("openSubtitleTranscript")
        self.open_action.triggered.connect(lambda _checked=False: self.open_current())

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh_if_changed)
        self._reading_timer = QTimer(self)  # "Reading…" only for a read that takes a while
        self._reading_timer.setSingleShot(True)
        self._reading_timer.setInterval(READING_DELAY_MS)
        self._reading_timer.timeout.connect(self._show_reading)
        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.setInterval(READING_DELAY_MS)
        self._findings_timer.timeout.connect(self._show_findings_reading)

        # --- wiring
        for combo in (self.group_combo, self.subject_combo, self.shoot_combo, self.state_combo):
            combo.activated.connect(lambda _i: self.refresh())
        self.set_state_button.clicked.connect(lambda: self.set_state_dialog())
        self.tree.doubleClicked.connect(self._on_double_click)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().currentChanged.connect(lambda current, _previous: self._show_qc(current))
        self.qc_panel.findingActivated.connect(self.openRequested)
        self._update_buttons()

    # ================================================================ project
    def set_project(self, project: Optional[Project]) -> None:
        self._stop_reads()
        self._project = project
        self._token = None
        self._pending = False
        self._findings_pending = False
        self._prefetched = None
        self.qc_panel.clear()
        self.model.set_board(Board([], [], []))  # another project's board is not shown meanwhile
        self.totals.set_totals([])
        for combo, everyone in ((self.subject_combo, self.tr("Everyone")), (self.shoot_combo, self.tr("All shoots"))):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            combo.blockSignals(False)
        self._update_reading()
        if project is None:
            self._stale = False
            self._update_buttons()
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def shutdown(self) -> None:
        """Stop reading: no read of this view uses the project once this returns (call before closing it).

        The view lets go of the project too, so that nothing starts reading it
        again (the poll, a selection) until ``set_project``.
        """
        self._stop_reads()
        self._timer.stop()
        self._project = None
        self._pending = False
        self._findings_pending = False
        if self._own_tasks:
            self.tasks.wait(30_000)

    def _stop_reads(self) -> None:
        """Cancel the reads under way; their results will not be shown."""
        self._generation += 1
        self._findings_generation += 1
        self._findings_wanted = None
        for task in (self._task, self._findings_task):
            if task is not None:
                task.cancel()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._timer.start()
        if self._stale:
            self.refresh()
        else:
            self.refresh_if_changed()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self._timer.stop()
        if self._task is not None:  # not read for nobody: read again when shown (what QC checked is kept)
            self._task.cancel()
            self._generation += 1
            self._stale = True
            self._pending = False

    def refresh_if_changed(self) -> bool:
        """Read the board again if the catalogue changed since it was read; True when it did."""
        if self._project is None or not self.isVisible():
            return False
        try:
            token = self._project.data_token()
        except DocManagerError as exc:
            log.warning("subtitle board: %s", exc)
            return False
        if token == self._token:
            return False
        self.refresh()
        return True

    # ================================================================ reading
    def filters(self) -> dict:
        return {"group_by": self.group_combo.currentData(), "subject": self.subject_combo.currentData(),
                "shoot": self.shoot_combo.currentData(), "state": self.state_combo.currentData()}

    def set_filters(self, *, group_by: object = ..., subject: object = ..., shoot: object = ...,
                    state: object = ...) -> None:
        """Choose filters (ids for subject and shoot) and read the board again."""
        for combo, value in ((self.group_combo, group_by), (self.subject_combo, subject),
                             (self.shoot_combo, shoot), (self.state_combo, state)):
            if value is not ...:
                combo.setCurrentIndex(max(combo.findData(value), 0))
        self.refresh()

    def refresh(self) -> None:
        """Read the board again in the background, keeping the filters, the selected cell and the QC panel."""
        if self._project is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._task is not None:  # one read at a time; the latest wish is read when it ends
            self._pending = True
            self._update_reading()
            return
        self._pending = False
        project = self._project
        try:
            self._token = project.data_token()  # taken first: a change made during the read is read again
        except DocManagerError as exc:
            log.warning("subtitle board: %s", exc)
            self.message.emit(error_text(exc))
            return
        self._generation += 1
        generation = self._generation
        cell = self.current_key()
        task = self.tasks.start(self.tr("Reading the subtitle board"), read_board_job, project, self.filters(),
                                cell if cell is not None and cell[2] is not None else None)
        self._task = task
        task.progress.connect(self._on_progress)
        task.finished.connect(lambda report: self._on_read(generation, report))
        task.failed.connect(lambda text: self._on_failed(generation, text))
        task.ended.connect(lambda: self._on_ended(task))
        self._update_reading()

    def is_loading(self) -> bool:
        """True while the board or the selected cell's findings are being read (or a read waits its turn)."""
        return self._task is not None or self._pending or self._findings_task is not None or \
            self._findings_pending

    def _on_progress(self, done: float, total: float, _message: str) -> None:
        if total > 0 and self._task is not None:
            self.reading_label.setText(self.tr("Reading… QC of {done} of {total} interviews").format(
                done=int(done), total=int(total)))

    def _on_ended(self, task: Task) -> None:
        if task is not self._task:
            return
        self._task = None
        if self._pending and self._project is not None:
            self.refresh()  # the latest wish (or marked stale, when hidden meanwhile)
        self._pending = self._pending and self._task is not None
        self._update_reading()

    def _on_failed(self, generation: int, text: str) -> None:
        if generation != self._generation:
            return
        log.warning("subtitle board: %s", text)
        self.message.emit(text)

    def _on_read(self, generation: int, report) -> None:
        found = report.data.get("result") if report is not None and not report.cancelled else None
        if generation != self._generation or not isinstance(found, BoardRead):
            return  # another project, a cancelled read
        if found.asked != self.filters():
            return  # the filters changed meanwhile: the read of the new ones follows
        self._show_board(found)

    def _show_board(self, found: BoardRead) -> None:
        current = self.current_key()
        self._fill_filters(found.facets)
        if found.filters != found.asked:  # a subject or shoot chosen is gone
            self.subject_combo.setCurrentIndex(0)
            self.shoot_combo.setCurrentIndex(0)
        self._shown_serial += 1
        self._findings_shown = None
        self._prefetched = (found.cell, self._shown_serial, found.findings) \
            if found.cell is not None and found.findings is not None else None
        self.model.set_board(found.board)
        self.totals.set_totals(found.board.totals)
        self.tree.expandAll()
        self._fit_columns()
        if current is None or not self.select_cell(*current):
            self._findings_wanted = None
            self._findings_generation += 1
            self._findings_timer.stop()
            self.qc_panel.clear()
        self._prefetched = None
        self._update_buttons()
        self.loaded.emit()

    def _update_reading(self) -> None:
        if self._task is None and not self._pending:
            self._reading_timer.stop()
            self.reading_label.hide()
            self.reading_label.setText(self.tr("Reading…"))
        elif not self.reading_label.isVisible() and not self._reading_timer.isActive():
            self._reading_timer.start()

    def _show_reading(self) -> None:
        if self._task is not None or self._pending:
            self.reading_label.show()

    def _fill_filters(self, found) -> None:
        for combo, everyone, items in (
                (self.subject_combo, self.tr("Everyone"),
                 [(subject_label(s.name, s.detail), s.id) for s in found.subjects]),
                (self.shoot_combo, self.tr("All shoots"), [(s.name, s.id) for s in found.shoots])):
            refill_combo(combo, [(everyone, None)] + items)

    def _fit_columns(self) -> None:
        """The names as wide as they need (within limits); the languages share the rest."""
        header = self.tree.header()
        metrics = self.tree.fontMetrics()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.resizeColumnToContents(0)
        header.resizeSection(0, min(max(header.sectionSize(0) + 16, 240), 420))
        widest = max([metrics.horizontalAdvance(self.model.state_name(s)) for s in ALL_STATES] +
                     [metrics.horizontalAdvance(self.model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(1, self.model.columnCount())] + [0])
        header.setMinimumSectionSize(min(widest + metrics.horizontalAdvance("⚠ 00") + 40, 220))
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    # ============================================================== selection
    def current_key(self) -> Optional[tuple[str, int, Optional[str]]]:
        """(kind, id, language) of the selected cell; the language is None on the name column."""
        index = self.tree.currentIndex()
        row = self.model.row_object(index)
        if row is None:
            return None
        return row.kind, row.id, self.model.lang_of(index)

    def current_cell(self) -> Optional[tuple[object, Cell]]:
        index = self.tree.currentIndex()
        row = self.model.row_object(index)
        cell = self.model.cell(index)
        return (row, cell) if row is not None and cell is not None else None

    def select_cell(self, kind: str, ident: int, lang: Optional[str]) -> bool:
        index = self.model.find(kind, ident, lang)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self._show_qc(index)
        return True

    def set_editable(self, allowed: bool, reason: str = "") -> None:
        """Let subtitle states be set, or not (the user's role)."""
        self._editable = allowed
        self.set_state_button.setToolTip(reason or self._set_state_tip)
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = self._project is not None and self.current_cell() is not None and self._editable
        self.set_state_button.setEnabled(enabled)
        self.set_state_action.setEnabled(enabled)

    def _show_qc(self, index: QModelIndex) -> None:
        self._update_buttons()
        row = self.model.row_object(index)
        cell = self.model.cell(index)
        if self._project is None or row is None or cell is None:
            self._findings_wanted = None
            self._findings_shown = None
            self._findings_generation += 1
            self._findings_timer.stop()
            self.qc_panel.clear()
            return
        key: CellKey = (row.kind, row.id, cell.lang)
        wanted = (key, self._shown_serial)
        if wanted == self._findings_shown or wanted == self._findings_wanted:
            return  # shown, or being read
        if not cell.has_text:
            self._show_findings(wanted, ())
            return
        if self._prefetched is not None and self._prefetched[:2] == wanted:
            self._show_findings(wanted, self._prefetched[2])
            return
        self._read_findings(wanted)

    def _read_findings(self, wanted: tuple[CellKey, int]) -> None:
        self._findings_wanted = wanted
        if not self._findings_timer.isActive():
            self._findings_timer.start()
        if self._findings_task is not None:  # one at a time; the cell selected then is read when it ends
            self._findings_pending = True
            return
        self._findings_pending = False
        self._findings_generation += 1
        generation = self._findings_generation
        task = self.tasks.start(self.tr("Reading the quality check"), read_findings_job, self._project, wanted[0])
        self._findings_task = task
        task.finished.connect(lambda report: self._on_findings(generation, wanted, report))
        task.failed.connect(lambda text: self._on_findings_failed(generation, wanted, text))
        task.ended.connect(lambda: self._on_findings_ended(task))

    def _on_findings(self, generation: int, wanted: tuple[CellKey, int], report) -> None:
        found = report.data.get("result") if report is not None and not report.cancelled else None
        if generation != self._findings_generation or wanted != self._findings_wanted or found is None:
            return
        self._show_findings(wanted, found)

    def _on_findings_failed(self, generation: int, wanted: tuple[CellKey, int], text: str) -> None:
        if generation != self._findings_generation or wanted != self._findings_wanted:
            return
        self._findings_wanted = None
        self._findings_timer.stop()
        self.qc_panel.clear(text)

    def _on_findings_ended(self, task: Task) -> None:
        if task is not self._findings_task:
            return
        self._findings_task = None
        if self._findings_pending:
            self._findings_pending = False
            wanted, self._findings_wanted = self._findings_wanted, None
            if wanted is not None and wanted[1] == self._shown_serial:
                self._read_findings(wanted)

    def _show_findings(self, wanted: tuple[CellKey, int], findings) -> None:
        """Fill the QC panel for the selected cell (when it is still the one ``wanted`` names)."""
        found = self.current_cell()
        key = self.current_key()
        if found is None or key != wanted[0] or wanted[1] != self._shown_serial:
            return
        row, cell = found
        self._findings_wanted = None
        self._findings_timer.stop()
        self._findings_shown = wanted
        self.qc_panel.show_findings(row.name, self.model.language_name(cell.lang), cell.lang, list(findings),
                                    has_text=cell.has_text, on_clip=row.kind == "clip",
                                    changed=self.model.changed_text(cell.affected))
        self.findingsLoaded.emit()

    def _show_findings_reading(self) -> None:
        found = self.current_cell()
        if self._findings_wanted is None or found is None:
            return
        row, cell = found
        self.qc_panel.show_reading(row.name, self.model.language_name(cell.lang))

    # ================================================================ actions
    def _on_double_click(self, index: QModelIndex) -> None:
        group = self.model.group(index)
        if group is not None:
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
            return
        self.open_index(index)

    def open_current(self) -> bool:
        return self.open_index(self.tree.currentIndex())

    def open_index(self, index: QModelIndex) -> bool:
        """A clip's cell: its transcript in that language; a cut's cell: the QC panel's first finding."""
        row = self.model.row_object(index)
        if row is None:
            return False
        lang = self.model.lang_of(index) or ""
        if row.kind == "clip":
            self.openRequested.emit(row.id, lang, None, None)
            return True
        return self.qc_panel.activate(0)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if self.model.row_object(index) is None:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.set_state_action)
        row = self.model.row_object(index)
        if row.kind == "clip":
            menu.addAction(self.open_action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def set_state_dialog(self) -> Optional[SetStateDialog]:
        """Open "Set State…" for the selected cell (window-modal; returns the dialog)."""
        found = self.current_cell()
        if self._project is None or found is None:
            return None
        row, cell = found
        kind, ident = row.kind, row.id

        def apply(state: str, note: Optional[str]) -> dict:
            if self._project is None:
                raise DocManagerError("no project is open")
            target = {"clip_id": ident} if kind == "clip" else {"cut_id": ident}
            return set_state(self._project, lang=cell.lang, state=state, note=note,
                             expected_version=cell.version, **target)

        dialog = SetStateDialog(self.model, row.name, cell, apply, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._state_set(kind, ident, cell.lang, dialog.combo.currentData()))
        dialog.open()
        return dialog

    def _state_set(self, kind: str, ident: int, lang: str, state: str) -> None:
        self.refresh()
        self.select_cell(kind, ident, lang)
        found = self.current_cell()
        name = found[0].name if found is not None else ""
        self.message.emit(self.tr("{name}, {language}: {state}").format(
            name=name, language=self.model.language_name(lang), state=self.model.state_name(state)))
        self.stateChanged.emit()
