"""The clip browser: a filter box above the clip table, and the sidebar tree beside it.

Transcript and subtitle files dropped on a row of the clip table are offered
for import into that clip (``ClipTableView.transcriptsDropped``).
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.models.clip_table import COLUMN_KEYS, ClipTableModel, CompactTextRole
from ui.models.sidebar import ALL, Node, SidebarModel
from ui.models.transcript_table import transcript_files

FILTER_DELAY_MS = 150
# Columns sized to what they typically hold; the text-rich ones get a fixed share (their text is elided),
# and Name takes the rest, so that all of them fit beside the sidebar and the inspector.
COLUMN_SAMPLES = {
    "duration": "00:00.000", "rate": "25 (50i)", "size": "1920×1080",
    "recorded": "2019-05-02 10:14", "rating": "★★★★★",
}
COLUMN_WIDTHS = {"subjects": 104, "shoot": 96, "tags": 76}


class CompactTextDelegate(QStyledItemDelegate):
    """Shows a column's compact text (``CompactTextRole``); the full text stays in the tooltip."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        compact = index.data(CompactTextRole)
        if compact is not None:
            option.text = compact


class ClipTableView(QTableView):
    """The clip table. Number keys 0–5 rate the selected clips; transcripts dropped on a row go to its clip."""

    ratingKeyPressed = Signal(int)
    transcriptsDropped = Signal(int, list)  # clip id, the transcript files dropped on its row

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        row_height = max(self.fontMetrics().height() + 8, 26)
        vertical.setDefaultSectionSize(row_height)
        # Posters are 16:9; the thumbnail fills the row's height but for a thin margin.
        thumb_height = row_height - 4
        self.setIconSize(QSize(round(thumb_height * 16 / 9), thumb_height))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._compact = CompactTextDelegate(self)
        self.setItemDelegateForColumn(COLUMN_KEYS.index("recorded"), self._compact)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self._drop_row: Optional[int] = None

    # Files from a file manager: transcripts dropped on a clip's row (the table takes no other drops).
    def _drop_target(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> tuple[Optional[int], list[str]]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None, []
        paths = transcript_files(url.toLocalFile() for url in mime.urls() if url.isLocalFile())
        index = self.indexAt(event.position().toPoint())
        return (index.row() if index.isValid() else None), paths

    def _show_drop_row(self, row: Optional[int]) -> None:
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        _row, paths = self._drop_target(event)
        if paths:
            event.acceptProposedAction()
            self._show_drop_row(_row)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        row, paths = self._drop_target(event)
        self._show_drop_row(row if paths else None)
        if paths and row is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._show_drop_row(None)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        row, paths = self._drop_target(event)
        self._show_drop_row(None)
        model = self.model()
        if row is None or not paths or not isinstance(model, ClipTableModel):
            event.ignore()
            return
        event.acceptProposedAction()
        self.transcriptsDropped.emit(model.clip_id(row), paths)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._drop_row is None:
            return
        rect = self.visualRect(self.model().index(self._drop_row, 0))
        rect.setLeft(0)
        rect.setRight(self.viewport().width() - 1)
        painter = QPainter(self.viewport())
        painter.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 2))
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_5:
            self.ratingKeyPressed.emit(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)


class ClipBrowser(QWidget):
    """Filter box and clip table; emits the selected clip ids."""

    filterChanged = Signal(str)  # after the debounce
    selectionChanged = Signal()  # read the ids with selected_ids() (cheap to emit while dragging)

    def __init__(self, model: ClipTableModel, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        self.filter = QLineEdit()
        self.filter.setObjectName("clipFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter clips by name, subject, shoot, tag or notes (Ctrl+F)"))
        layout.addWidget(self.filter)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._emit_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter.returnPressed.connect(self.flush_filter)

        self.table = ClipTableView()
        self.table.setModel(model)
        model.set_thumbnail_size(self.table.iconSize())
        layout.addWidget(self.table, 1)
        self.fit_columns()
        self._apply_sort_indicator()
        self.table.setSortingEnabled(True)
        model.sortRefused.connect(self._apply_sort_indicator)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._kept_ids: list[int] = []
        self._kept_current: Optional[int] = None

    def fit_columns(self) -> None:
        """Default column widths for the current font and language; Name stretches to fill the rest."""
        header = self.table.horizontalHeader()
        cells = self.table.fontMetrics()
        titles = header.fontMetrics()
        for i, key in enumerate(COLUMN_KEYS):
            if key == "name":
                continue
            title = str(self.model.headerData(i, Qt.Orientation.Horizontal) or "")
            width = titles.horizontalAdvance(title) + 24  # room for the sort arrow
            if key in COLUMN_SAMPLES:
                width = max(width, cells.horizontalAdvance(COLUMN_SAMPLES[key]) + 12)
            else:
                width = max(width, COLUMN_WIDTHS[key])
            header.resizeSection(i, width)
        self._stretch_name()

    def _stretch_name(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for i in range(header.count()):
            mode = QHeaderView.ResizeMode.Stretch if COLUMN_KEYS[i] == "name" else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(i, mode)

    def header_state(self) -> QByteArray:
        """The columns' widths and order, for the settings."""
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> bool:
        """Widths and order as saved; Name keeps stretching whatever the saved state says."""
        restored = self.table.horizontalHeader().restoreState(state)
        if restored and self.table.horizontalHeader().count() != len(COLUMN_KEYS):
            restored = False
        if not restored:
            self.fit_columns()
        self._stretch_name()
        return restored

    # --------------------------------------------------------------- filter
    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def flush_filter(self) -> None:
        """Apply the filter now rather than after the typing pause."""
        if self._filter_timer.isActive():
            self._filter_timer.stop()
            self._emit_filter()

    def _emit_filter(self) -> None:
        self.filterChanged.emit(self.filter.text().strip())

    # ------------------------------------------------------------ selection
    def selected_rows(self) -> list[int]:
        """Selected rows in table order, read from the selection's ranges (fast for 100,000 rows)."""
        rows: set[int] = set()
        for selected in self.table.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        ids = self.model.ids()
        return [ids[r] for r in self.selected_rows() if r < len(ids)]

    def select_ids(self, ids: list[int], current: Optional[int] = None) -> None:
        """Select these clips (those in the table), making ``current`` (or the first) the current row."""
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        rows = sorted(r for r in (self.model.row_of(i) for i in ids) if r is not None)
        start = 0
        for i in range(1, len(rows) + 1):  # one range per run of adjacent rows: cheap for many clips
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                selection.select(self.model.index(rows[start], 0), self.model.index(rows[i - 1], last_column))
                start = i
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        selection_model = self.table.selectionModel()
        if not rows:
            selection_model.clearSelection()
            return
        current_row = self.model.row_of(current) if current is not None else None
        if current_row is None:
            current_row = rows[0]
        selection_model.setCurrentIndex(self.model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(selection, flags)
        self.table.scrollTo(self.model.index(current_row, 0))

    def select_rows(self, rows: list[int]) -> None:
        self.select_ids([self.model.clip_id(r) for r in rows if 0 <= r < self.model.rowCount()])

    def _remember_selection(self) -> None:
        self._kept_ids = self.selected_ids()
        current = self.table.currentIndex()
        self._kept_current = self.model.clip_id(current.row()) if current.isValid() and \
            current.row() < self.model.rowCount() else None

    def _restore_selection(self) -> None:
        self._apply_sort_indicator()
        if self._kept_ids:
            self.select_ids(self._kept_ids, self._kept_current)
        self._kept_ids = []
        self._on_selection_changed()

    def _on_selection_changed(self, *_args: QItemSelection) -> None:
        self.selectionChanged.emit()

    def _apply_sort_indicator(self) -> None:
        column, order = self.model.sort_column()
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        header.viewport().update()


class SidebarView(QTreeView):
    """The sidebar tree; ``nodeSelected`` when the user picks a row.

    Its context menu saves the current choice and filter as a smart bin
    (``saveBinRequested``) and removes a smart bin (``removeBinRequested``).
    """

    nodeSelected = Signal(object)
    saveBinRequested = Signal()
    removeBinRequested = Signal(object)  # the bin's Node

    def __init__(self, model: SidebarModel, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.expandAll()
        self.selectionModel().currentChanged.connect(self._on_current)
        model.rowsInserted.connect(lambda parent, *_: self.expand(parent) if parent.isValid() else None)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.select_node(ALL)

    def _context_menu(self, pos: QPoint) -> None:
        node = SidebarModel.node_at(self.indexAt(pos))
        menu = QMenu(self)
        save = menu.addAction(self.tr("Save as Smart Bin…"))
        save.triggered.connect(self.saveBinRequested.emit)
        if node is not None and node.kind == "bin":
            remove = menu.addAction(self.tr("Remove Smart Bin"))
            remove.triggered.connect(lambda _checked=False, n=node: self.removeBinRequested.emit(n))
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def sidebar_model(self) -> SidebarModel:
        model = self.model()
        assert isinstance(model, SidebarModel)
        return model

    def current_node(self) -> Node:
        node = SidebarModel.node_at(self.currentIndex())
        return node if node is not None and not node.is_group else ALL

    def select_node(self, node: Node) -> bool:
        index = self.sidebar_model().index_for(node)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = SidebarModel.node_at(current)
        if node is not None and not node.is_group:
            self.nodeSelected.emit(node)
