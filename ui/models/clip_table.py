"""The clip table's model: the ordered ids of a query, and plain rows fetched a page at a time.

``set_query`` asks the core for the matching ids (``clip_ids``); that list is
the whole model (``rowCount`` is its length).  A row's values are fetched only
when the view asks for them, in pages of ``PAGE_SIZE`` rows (``clip_rows``),
and kept in a bounded cache, so a catalogue of 100,000 clips opens at once
and a filter costs one id query.  Sorting is the core's ``ClipQuery.sort``.

The Name column carries the clip's poster as a small thumbnail
(``DecorationRole``): the first time a row is painted its poster file is
decoded, already scaled down, on a small thread pool of the model's own (a
slow disk or the first JPEG never holds up a paint); the row is repainted when
the thumbnail is ready, and thumbnails are kept in a bounded cache.  The
Recorded column also has a compact text (``CompactTextRole``, without seconds
and time zone) that the table shows; the full text stays the display value and
the tooltip.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QImageReader, QPixmap

from docmanager.catalogue.clips import ClipQuery, ClipRow, clip_ids, clip_rows
from docmanager.project import Project
from ui.formatting import duration_text, rate_text, rating_text, recorded_text, size_text

PAGE_SIZE = 100  # about two screens of rows
CACHE_ROWS = 4000
CACHE_THUMBNAILS = 1000
THUMBNAIL_SIZE = QSize(40, 22)

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
CompactTextRole = Qt.ItemDataRole.UserRole + 3  # a shorter text for narrow columns (Recorded)


def read_thumbnail(path: str, size: QSize) -> Optional[QImage]:
    """The image at ``path`` fitted into ``size`` (decoded scaled down: fast for JPEG); None when unreadable.

    A ``QImage``, so any thread may call it; the UI thread makes the pixmap.
    """
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and not full.isEmpty():
        reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    if image.width() > size.width() or image.height() > size.height():
        image = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image


class _ThumbnailRelay(QObject):
    """Lives on the UI thread; a reading job reports through it (a queued signal)."""

    loaded = Signal(str, object, int)  # path, QImage or None, generation


class _ThumbnailJob(QRunnable):
    def __init__(self, path: str, size: QSize, generation: int, relay: _ThumbnailRelay) -> None:
        super().__init__()
        self._path, self._size, self._generation, self._relay = path, QSize(size), generation, relay

    def run(self) -> None:  # a pool thread: QImage only, no pixmaps, no widgets
        self._relay.loaded.emit(self._path, read_thumbnail(self._path, self._size), self._generation)


def compact_recorded_text(iso: Optional[str]) -> str:
    """``2019-05-02 10:14``: the moment as the camera saw it, without seconds and time zone."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


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
        self._thumbnail_size = QSize(THUMBNAIL_SIZE)
        # Poster path -> its scaled pixmap (None: no readable poster), least recently used first.
        self._thumbnails: OrderedDict[str, Optional[QPixmap]] = OrderedDict()
        self._thumbnails_pending: dict[str, set[int]] = {}  # path being read -> the clips that show it
        self._thumbnail_generation = 0  # results of reads started before a reset are dropped
        # The pool first: destroyed first, it waits for a running read before the relay goes.
        self._thumbnail_pool = QThreadPool(self)
        self._thumbnail_pool.setMaxThreadCount(1)
        self._thumbnail_relay = _ThumbnailRelay(self)
        self._thumbnail_relay.loaded.connect(self._thumbnail_loaded, Qt.ConnectionType.QueuedConnection)
        self.thumbnails_loaded = 0  # poster files read (for tests and tuning)
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
        self._forget_thumbnails()
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

    def set_thumbnail_size(self, size: QSize) -> None:
        """The size of the posters in the Name column (the view's icon size)."""
        if size == self._thumbnail_size:
            return
        self._thumbnail_size = QSize(size)
        self._forget_thumbnails()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, 0),
                                  [Qt.ItemDataRole.DecorationRole])

    def thumbnail_size(self) -> QSize:
        return QSize(self._thumbnail_size)

    def thumbnail(self, row: ClipRow) -> Optional[QPixmap]:
        """The clip's poster at the thumbnail size from the cache; None while it is read, or without one."""
        if not row.poster:
            return None
        path = Path(row.poster)
        if not path.is_absolute() and self._project is not None:
            path = self._project.root / path
        key = os.fspath(path)
        if key in self._thumbnails:
            self._thumbnails.move_to_end(key)
            return self._thumbnails[key]
        waiting = self._thumbnails_pending.get(key)
        if waiting is None:
            self._thumbnails_pending[key] = {row.id}
            self.thumbnails_loaded += 1
            screen = QGuiApplication.primaryScreen()
            ratio = screen.devicePixelRatio() if screen is not None else 1.0
            size = QSize(round(self._thumbnail_size.width() * ratio), round(self._thumbnail_size.height() * ratio))
            self._thumbnail_pool.start(_ThumbnailJob(key, size, self._thumbnail_generation, self._thumbnail_relay))
        else:
            waiting.add(row.id)
        return None

    def _thumbnail_loaded(self, path: str, image: Optional[QImage], generation: int) -> None:
        if generation != self._thumbnail_generation:
            return
        clips = self._thumbnails_pending.pop(path, set())
        pixmap: Optional[QPixmap] = None
        if image is not None:
            pixmap = QPixmap.fromImage(image)
            screen = QGuiApplication.primaryScreen()
            pixmap.setDevicePixelRatio(screen.devicePixelRatio() if screen is not None else 1.0)
        self._thumbnails[path] = pixmap
        while len(self._thumbnails) > CACHE_THUMBNAILS:
            self._thumbnails.popitem(last=False)
        if pixmap is None:
            return
        for clip_id in clips:
            row = self.row_of(clip_id)
            if row is not None:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _forget_thumbnails(self) -> None:
        self._thumbnails.clear()
        self._thumbnails_pending.clear()
        self._thumbnail_generation += 1

    def wait_for_thumbnails(self, msecs: int = 5000) -> bool:
        """Block until the thumbnails being read are read (for tools and shutdown); True when none is left."""
        return self._thumbnail_pool.waitForDone(msecs)

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
                        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole, CompactTextRole):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column.key != "name":
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(row)
        if role == CompactTextRole:
            if column.key == "recorded":
                return compact_recorded_text(row.recorded_at)
            role = Qt.ItemDataRole.DisplayRole
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
            if column.key == "name":
                return self.name_tooltip(row)
            return text or None
        return text

    def name_tooltip(self, row: ClipRow) -> str:
        """The name, how many files the take spans, and the files' state when they are not all there."""
        lines = [row.name]
        if row.files > 1:
            lines.append(self.tr("{count} files (one take spanned over several files)").format(count=row.files))
        if row.state != "online":
            lines[0] = self.tr("{name} — files: {state}").format(name=row.name, state=self.state_title(row.state))
        return "\n".join(lines)

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
