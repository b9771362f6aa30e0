"""Search what people said, across the project: a query box, filters, and the matching lines.

``SearchView`` runs the core's ``search_project`` (transcripts and
translations, Chinese and English; one or two Chinese characters, pinyin,
traditional characters and English word forms all match) about
``SEARCH_DELAY_MS`` after the typing stops, on a thread of its own so that a
search that brings the index up to date never holds up the window (when a
project opens, a first search is made there at once, so that the index and
the word lists are ready before the first query).  An answer that arrives
after a newer query was started is dropped.

Each result shows the clip, the time and the speaker, and the line with the
matched characters in bold (the hit's ``spans``).  Activating one (double-click
or Enter) emits ``resultActivated(clip_id, segment_id, start_ms)``; the main
window opens the clip's transcript at that line and seeks the player there.

The query box (``query``) is a widget of its own so that the window can put it
in its toolbar.
"""
from __future__ import annotations

import html
import time
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from docmanager.catalogue.clips import Facets, clip_rows
from docmanager.errors import DocManagerError
from docmanager.project import Project
from docmanager.transcripts.search import Hit, search_project
from ui.errors import error_text
from ui.formatting import subject_label
from ui.models.cut_items import SEGMENTS_MIME, segments_mime
from ui.models.transcript_table import timestamp_text

SEARCH_DELAY_MS = 200
RESULT_LIMIT = 200
SNIPPET_WIDTH = 160
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SearchFilters:
    lang: Optional[str] = None
    tag: Optional[str] = None
    subject: Optional[str] = None


@dataclass(frozen=True)
class SearchResult:
    """A hit with the name of its clip (plain values)."""

    hit: Hit
    clip_name: str


@dataclass(frozen=True)
class SearchAnswer:
    query: str
    filters: SearchFilters
    results: list[SearchResult]
    seconds: float
    error: Optional[BaseException] = None
    truncated: bool = False  # more lines matched than were asked for: these are the best of them


def run_search(project: Project, query: str, filters: SearchFilters, limit: int = RESULT_LIMIT) -> SearchAnswer:
    """The lines matching ``query`` and the names of their clips (any thread)."""
    started = time.perf_counter()
    try:
        hits = search_project(project, query, lang=filters.lang, tag=filters.tag, subject=filters.subject,
                              limit=limit)
        names: dict[int, str] = {}
        if hits:
            with project.session() as session:
                rows = clip_rows(session, sorted({h.clip_id for h in hits}))
            names = {cid: row.name for cid, row in rows.items()}
    except (DocManagerError, OSError) as exc:
        return SearchAnswer(query, filters, [], time.perf_counter() - started, exc)
    results = [SearchResult(h, names.get(h.clip_id, "")) for h in hits]
    return SearchAnswer(query, filters, results, time.perf_counter() - started,
                        truncated=bool(getattr(hits, "truncated", False)))


class _Relay(QObject):
    """Lives on the UI thread; a search job reports through it (a queued signal)."""

    answered = Signal(int, object)  # generation, SearchAnswer


class _SearchJob(QRunnable):
    def __init__(self, project: Project, query: str, filters: SearchFilters, generation: int,
                 relay: _Relay) -> None:
        super().__init__()
        self._args = (project, query, filters)
        self._generation = generation
        self._relay = relay

    def run(self) -> None:  # a pool thread: the core only
        try:
            answer = run_search(*self._args)
        except Exception as exc:  # noqa: BLE001 - reported in the view, never lost on a thread
            project, query, filters = self._args
            answer = SearchAnswer(query, filters, [], 0.0, exc)
        self._relay.answered.emit(self._generation, answer)


class _WarmUpJob(QRunnable):
    """Brings the search index up to date and loads the word lists, so that the first query is quick."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self._project = project

    def run(self) -> None:  # a pool thread
        try:
            search_project(self._project, "我", limit=1)
        except Exception:  # noqa: BLE001 - a real search reports the same problem where it is seen
            pass


class SearchResultsModel(QAbstractListModel):
    """The results of one search, best first."""

    HitRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._results: list[SearchResult] = []

    def set_results(self, results: Sequence[SearchResult]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def results(self) -> list[SearchResult]:
        return list(self._results)

    def result(self, row: int) -> Optional[SearchResult]:
        return self._results[row] if 0 <= row < len(self._results) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._results)

    # A result can be dragged into a cut: its line's segment id travels as SEGMENTS_MIME.
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [SEGMENTS_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> Any:
        results = [self.result(row) for row in sorted({i.row() for i in indexes if i.isValid()})]
        results = [r for r in results if r is not None]
        mime = segments_mime(r.hit.segment_id for r in results)
        mime.setText("\n".join(r.hit.text for r in results))
        return mime

    def heading(self, result: SearchResult) -> str:
        hit = result.hit
        parts = [result.clip_name or self.tr("Clip {id}").format(id=hit.clip_id)]
        if hit.start_ms is not None:
            parts.append(timestamp_text(hit.start_ms))
        if hit.speaker:
            parts.append(hit.speaker)
        parts.append(hit.lang)
        return " · ".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        result = self.result(index.row()) if index.isValid() else None
        if result is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.heading(result)}\n{result.hit.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.hit.text
        if role == self.HitRole:
            return result
        return None


class ResultDelegate(QStyledItemDelegate):
    """Two lines: the clip, time and speaker in grey, then the line with the matches in bold."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: float) -> QTextDocument:
        result: SearchResult = index.data(SearchResultsModel.HitRole)
        model = index.model()
        heading = model.heading(result) if isinstance(model, SearchResultsModel) else ""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        grey = text_colour if selected else QColor("#6b6b6b")
        mark = "" if selected else "background-color:#fff1b8;"
        snippet = result.hit.snippet_html(SNIPPET_WIDTH).replace("<b>", f'<b style="{mark}">')
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setHtml(f'<div style="color:{grey.name()}">{html.escape(heading)}</div>'
                    f'<div style="color:{text_colour.name()}">{snippet}</div>')
        doc.setTextWidth(width)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(option, index, option.rect.width())
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = option.rect.width() if option.rect.width() > 0 else 600
        view = option.widget
        if isinstance(view, QListView):
            width = view.viewport().width()
        doc = self._document(option, index, width)
        return QSize(int(width), int(doc.size().height()) + 2)


class SearchQueryEdit(QLineEdit):
    """The query box; Down moves to the results."""

    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)


class SearchView(QWidget):
    """The project's search: filters and results (the query box is ``query``)."""

    resultActivated = Signal(int, int, object)  # clip id, segment id, start in ms (or None)
    answered = Signal(object)  # the SearchAnswer shown
    addToCutRequested = Signal(list)  # segment ids of the selected results, in order

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchView")
        self._project: Optional[Project] = None
        self._generation = 0
        self._shown: Optional[SearchAnswer] = None
        # The pool first: destroyed first, it waits for a running search before the relay goes.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.answered.connect(self._on_answer, Qt.ConnectionType.QueuedConnection)

        self.query = SearchQueryEdit()
        self.query.setObjectName("searchQuery")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(self.tr("Search what people said: 太原, Taiyuan, police… (Ctrl+Shift+F)"))
        self.query.setMinimumWidth(260)

        self.lang = QComboBox()
        self.lang.setObjectName("searchLanguage")
        self.lang.addItem(self.tr("All languages"), None)
        self.lang.addItem(self.tr("Chinese"), "zh")
        self.lang.addItem(self.tr("English"), "en")
        self.tag = QComboBox()
        self.tag.setObjectName("searchTag")
        self.subject = QComboBox()
        self.subject.setObjectName("searchSubject")
        self.subject.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.set_catalogue(Facets(total=0))
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel(self.tr("Language:")))
        filters.addWidget(self.lang)
        filters.addSpacing(8)
        filters.addWidget(QLabel(self.tr("Person:")))
        filters.addWidget(self.subject)
        filters.addSpacing(8)
        filters.addWidget(QLabel(self.tr("Line tag:")))
        filters.addWidget(self.tag)
        filters.addStretch(1)

        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setEnabled(False)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setDragEnabled(True)
        self.results.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.results.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.results.customContextMenuRequested.connect(self._context_menu)
        self.results.activated.connect(self._on_activated)
        self.add_to_cut_action = QAction(self.tr("Add to Cut"), self)
        self.add_to_cut_action.setObjectName("addResultsToCut")
        self.add_to_cut_action.setShortcuts([QKeySequence("Ctrl+Shift+A"), QKeySequence(Qt.Key.Key_Insert)])
        self.add_to_cut_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_to_cut_action.setToolTip(self.tr("Append the selected lines to the current cut, in order "
                                                  "(or drag them onto the cut)"))
        self.add_to_cut_action.triggered.connect(lambda _checked=False: self.add_to_cut())
        self.results.addAction(self.add_to_cut_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.flush)
        self.query.downPressed.connect(self._focus_results)
        for combo in (self.lang, self.tag, self.subject):
            combo.currentIndexChanged.connect(lambda _i: self.search_now())
        self._show_status()

    # ----------------------------------------------------------------- state
    def set_project(self, project: Optional[Project]) -> None:
        self._generation += 1  # answers still on their way are for the old project
        self._timer.stop()
        self._pool.waitForDone(30_000)
        self._project = project
        self._shown = None
        self.model.set_results([])
        self._show_status()
        if project is not None:
            self._pool.start(_WarmUpJob(project))

    def shutdown(self) -> None:
        """Stop: no search runs once this returns."""
        self._timer.stop()
        self._generation += 1
        self._pool.waitForDone(30_000)

    def set_catalogue(self, facets: Facets) -> None:
        """The tags and people the filters offer."""
        self._refill(self.tag, self.tr("Any tag"), [(t.name, t.name) for t in facets.tags])
        self._refill(self.subject, self.tr("Anyone"),
                     [(subject_label(s.name, s.detail), s.name) for s in facets.subjects])

    @staticmethod
    def _refill(combo: QComboBox, anything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(anything, None)
        for label, value in items:
            combo.addItem(label, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def filters(self) -> SearchFilters:
        return SearchFilters(self.lang.currentData(), self.tag.currentData(), self.subject.currentData())

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def is_searching(self) -> bool:
        return self._timer.isActive() or self._pool.activeThreadCount() > 0

    # ---------------------------------------------------------------- search
    def flush(self) -> None:
        """Search now rather than after the typing pause (Enter)."""
        if self._timer.isActive():
            self._timer.stop()
            self.search_now()

    def search_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        text = self.query.text().strip()
        if self._project is None or not text:
            self._shown = None
            self.model.set_results([])
            self._show_status()
            return
        self._pool.start(_SearchJob(self._project, text, self.filters(), self._generation, self._relay))

    def _on_answer(self, generation: int, answer: SearchAnswer) -> None:
        if generation != self._generation:
            return  # a newer query is under way
        self._shown = answer
        self.model.set_results(answer.results)
        if answer.results:
            self.results.setCurrentIndex(self.model.index(0))
        self._show_status()
        self.answered.emit(answer)

    def _show_status(self) -> None:
        answer = self._shown
        if self._project is None:
            self.status.setText(self.tr("Open a project to search its transcripts."))
            return
        if answer is None:
            self.status.setText(self.tr("Type a word or name, in Chinese, pinyin or English. One or two "
                                        "characters are enough: 太原, 警察, jingcha."))
            return
        if answer.error is not None:
            self.status.setText(self.tr("The search failed: {error}").format(error=error_text(answer.error)))
            return
        if not answer.results:
            self.status.setText(self.tr("No line says “{query}”.").format(query=answer.query))
            return
        clips = len({r.hit.clip_id for r in answer.results})
        lines = self.tr("1 line") if len(answer.results) == 1 else \
            self.tr("{count} lines").format(count=len(answer.results))
        where = self.tr("in 1 clip") if clips == 1 else self.tr("in {count} clips").format(count=clips)
        more = self.tr(" (the best {limit})").format(limit=len(answer.results)) if answer.truncated else ""
        self.status.setText(self.tr("{lines} {where}{more} · {ms} ms").format(
            lines=lines, where=where, more=more, ms=max(1, round(answer.seconds * 1000))))

    def shown_answer(self) -> Optional[SearchAnswer]:
        return self._shown

    # ------------------------------------------------------------- results
    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))

    def selected_segment_ids(self) -> list[int]:
        """The selected results' segment ids, from the top (the current result when none is selected)."""
        rows = sorted({index.row() for index in self.results.selectionModel().selectedIndexes()})
        if not rows and self.results.currentIndex().isValid():
            rows = [self.results.currentIndex().row()]
        results = [self.model.result(row) for row in rows]
        return [r.hit.segment_id for r in results if r is not None]

    def add_to_cut(self) -> None:
        ids = self.selected_segment_ids()
        if ids:
            self.addToCutRequested.emit(ids)

    def _context_menu(self, pos) -> None:
        index = self.results.indexAt(pos)
        if not index.isValid():
            return
        selection = self.results.selectionModel()
        if not selection.isSelected(index):
            self.results.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.add_to_cut_action)
        menu.exec(self.results.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def activate_row(self, row: int) -> None:
        self._on_activated(self.model.index(row))

    def _on_activated(self, index: QModelIndex) -> None:
        result = self.model.result(index.row()) if index.isValid() else None
        if result is not None:
            hit = result.hit
            self.resultActivated.emit(hit.clip_id, hit.segment_id, hit.start_ms)
