"""The clip table's model: the ordered ids of a query, and plain rows fetched a page at a time.

``set_query`` asks the core for the matching ids (``clip_ids``); that list is
the whole model (``rowCount`` is its length).  A row's values are fetched only
when the view asks for them, in pages of ``PAGE_SIZE`` rows (``clip_rows``),
and kept in a bounded cache, so a catalogue of 100,000 clips opens at once
and a filter costs one id query.  Sorting is the core's ``ClipQuery.sort``.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from docmanager.catalogue.clips import ClipQuery, ClipRow, clip_ids, clip_rows
from docmanager.project import Project
from ui.formatting import duration_text, rate_text, rating_text, recorded_text, size_text

PAGE_SIZE = 100  # about two screens of rows
CACHE_ROWS = 4000

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    sort: Optional[str]  # the core's sort key, None when the core cannot sort by it
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


COLUMNS: tuple[Column, ...] = (
    Column("name", "name"),
    Column("duration", "duration", Qt.AlignmentFlag.AlignRight),
    Column("rate", "frame_rate", Qt.AlignmentFlag.AlignRight),
    Column("size", "size", Qt.AlignmentFlag.AlignRight),
    Column("recorded", "recorded_at"),
    Column("subjects", None),
    Column("shoot", "shoot"),
    Column("rating", "rating"),
    Column("tags", None),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
ClipIdRole = Qt.ItemDataRole.UserRole + 1
SortKeyRole = Qt.ItemDataRole.UserRole + 2


class ClipTableModel(QAbstractTableModel):
    """Rows are clip ids; values come from ``clip_rows`` in pages, on demand."""

    queryChanged = Signal()
    sortRefused = Signal()

    def __init__(self, project: Optional[Project] = None, parent=None) -> None:
        super().__init__(parent)
        self._project: Optional[Project] = project
        self._query = ClipQuery()
        self._ids: list[int] = []
        self._row_of: Optional[dict[int, int]] = None
        self._cache: OrderedDict[int, ClipRow] = OrderedDict()
        # Formatted cell texts per clip, made once per fetched row (a paint asks for each cell several times).
        self._texts: dict[int, tuple[ClipRow, tuple[str, ...]]] = {}
        self._subject_labels: dict[str, str] = {}
        self._state_colours = {"offline": QColor("#9a6700"), "changed": QColor("#b35900"),
                               "corrupt": QColor("#c62828")}
        self._italic = QFont()
        self._italic.setItalic(True)
        self.fetched_rows = 0  # rows read from the core since the last reset (for tests and tuning)
        self.fetches = 0
        if project is not None:
            self.refresh()

    # ------------------------------------------------------------- queries
    @property
    def query(self) -> ClipQuery:
        return self._query

    @property
    def project(self) -> Optional[Project]:
        return self._project

    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self._query = ClipQuery()
        self.refresh()

    def set_query(self, query: ClipQuery) -> None:
        """Show the clips that match ``query`` (one id query; rows load as they are shown)."""
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Run the query again and forget every cached row."""
        ids: list[int] = []
        if self._project is not None:
            with self._project.session() as session:
                ids = clip_ids(session, self._query)
        self.beginResetModel()
        self._ids = ids
        self._row_of = None
        self._cache.clear()
        self._texts.clear()
        self.fetched_rows = 0
        self.fetches = 0
        self.endResetModel()
        self.queryChanged.emit()

    def set_subject_labels(self, labels: dict[str, str]) -> None:
        """How subject names read in the table (``Liu Jingjun 刘静军``)."""
        self._subject_labels = dict(labels)
        self._texts.clear()
        column = COLUMN_KEYS.index("subjects")
        if self._ids:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._ids) - 1, column))

    def invalidate(self, ids: Iterable[int]) -> None:
        """Forget the cached rows of ``ids`` (edited) and have the view read them again."""
        rows = []
        for cid in ids:
            self._cache.pop(cid, None)
            row = self.row_of(cid)
            if row is not None:
                rows.append(row)
        if not rows:
            return
        last = len(COLUMNS) - 1
        # One signal per contiguous block keeps a big selection cheap.
        rows.sort()
        start = prev = rows[0]
        for row in rows[1:] + [None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            self.dataChanged.emit(self.index(start, 0), self.index(prev, last))
            if row is not None:
                start = prev = row

    # ---------------------------------------------------------------- lookup
    def ids(self) -> list[int]:
        return list(self._ids)

    def clip_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, clip_id: int) -> Optional[int]:
        if self._row_of is None:
            self._row_of = {cid: i for i, cid in enumerate(self._ids)}
        return self._row_of.get(clip_id)

    def cached_row(self, clip_id: int) -> Optional[ClipRow]:
        return self._cache.get(clip_id)

    def row_data(self, row: int) -> Optional[ClipRow]:
        """The plain row shown at ``row``, fetching its page when needed."""
        if not 0 <= row < len(self._ids):
            return None
        cid = self._ids[row]
        hit = self._cache.get(cid)
        if hit is not None:
            self._cache.move_to_end(cid)
            return hit
        self._fetch_page(row)
        return self._cache.get(cid)

    def _fetch_page(self, row: int) -> None:
        if self._project is None:
            return
        start = (row // PAGE_SIZE) * PAGE_SIZE
        wanted = [cid for cid in self._ids[start:start + PAGE_SIZE] if cid not in self._cache]
        with self._project.session() as session:
            rows = clip_rows(session, wanted)
        self.fetched_rows += len(wanted)
        self.fetches += 1
        for cid in wanted:
            found = rows.get(cid)
            if found is not None:
                self._cache[cid] = found
        while len(self._cache) > CACHE_ROWS:
            gone, _row = self._cache.popitem(last=False)
            self._texts.pop(gone, None)

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._column_title(column.key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "rate":
                return self.tr("Frame rate in frames per second; interlaced video also shows its field rate")
            if column.sort is None:
                return self.tr("This column cannot be sorted")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ClipIdRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.FontRole):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        row = self.row_data(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.key == "rating":
                return QColor("#d18b00")
            if column.key == "name":
                return self._state_colours.get(row.state)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column.key == "name" and row.state != "online":
                return self._italic
            return None
        texts = self._texts.get(row.id)
        if texts is None or texts[0] is not row:
            texts = (row, tuple(self._display(key, row) for key in COLUMN_KEYS))
            self._texts[row.id] = texts
        text = texts[1][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "name" and row.state != "online":
                return self.tr("{name} — files: {state}").format(name=row.name, state=self.state_title(row.state))
            return text or None
        return text

    def _display(self, key: str, row: ClipRow) -> str:
        if key == "name":
            return row.name
        if key == "duration":
            return duration_text(row.duration)
        if key == "rate":
            return rate_text(row.frame_rate, row.scan)
        if key == "size":
            return size_text(row.width, row.height)
        if key == "recorded":
            return recorded_text(row.recorded_at)
        if key == "subjects":
            return ", ".join(self._subject_labels.get(s, s) for s in row.subjects)
        if key == "shoot":
            return row.shoot or ""
        if key == "rating":
            return rating_text(row.rating)
        if key == "tags":
            return ", ".join(row.tags)
        return ""

    def _column_title(self, key: str) -> str:
        titles: dict[str, Callable[[], str]] = {
            "name": lambda: self.tr("Name"),
            "duration": lambda: self.tr("Duration"),
            "rate": lambda: self.tr("FPS"),
            "size": lambda: self.tr("Size"),
            "recorded": lambda: self.tr("Recorded"),
            "subjects": lambda: self.tr("Subjects"),
            "shoot": lambda: self.tr("Shoot"),
            "rating": lambda: self.tr("Rating"),
            "tags": lambda: self.tr("Tags"),
        }
        return titles[key]()

    def state_title(self, state: str) -> str:
        """A file state as a person reads it."""
        if state == "online":
            return self.tr("online")
        if state == "offline":
            return self.tr("offline")
        if state == "changed":
            return self.tr("changed on disk")
        if state == "corrupt":
            return self.tr("corrupt")
        return state

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new core query; columns the core cannot sort by are refused."""
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].sort
        if key is None:
            self.sortRefused.emit()
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(self._query.with_(sort=key, descending=descending))

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the current query sorts by (for the header's indicator)."""
        for i, column in enumerate(COLUMNS):
            if column.sort == self._query.sort:
                order = Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder
                return i, order
        return -1, Qt.SortOrder.AscendingOrder
