"""The cut on a time line: its items to scale on their tracks, a playhead, zoom, and edits by mouse.

``TimelineView`` paints a :class:`~ui.models.cut_items.CutData`: a ruler of
the cut's time, one row per track (video tracks above, V2 over V1, then the
audio tracks), each item as a box as long as it plays, named by its words or
its clip, a red stripe on the items showing people flagged as sensitive, and
the playhead.  It only shows and asks: every change is a signal the cut view
turns into an undoable core edit.

* Click an item: ``itemClicked(id)``; click or drag on the ruler:
  ``seekRequested(frame)``.
* Drag an item's body to another place or track: ``moveRequested(id, track,
  position)``; drag its left or right edge: ``trimRequested(id, edge,
  source frame)`` with ``edge`` "in" or "out".
* Drop transcript lines (``SEGMENTS_MIME``) between items:
  ``segmentsDropped(ids, track, position)``.
* Ctrl+wheel (or ``set_zoom``) zooms around the mouse; the wheel scrolls.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Optional

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from ui.models.cut_items import ITEMS_MIME, CutData, ItemRow, item_ids_of, segment_ids_of, timecode

HEADER_WIDTH = 52
RULER_HEIGHT = 24
TRACK_HEIGHT = 46
PAD = 12  # before the first frame
EDGE = 6  # pixels of an item's edge that trim
MIN_ZOOM = 0.5  # pixels per second
MAX_ZOOM = 800.0
TICK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)

VIDEO_FILL = QColor("#4f7cc4")
AUDIO_FILL = QColor("#3d9a6a")
FLAG_COLOUR = QColor("#d93025")
PLAYHEAD_COLOUR = QColor("#e53935")
DROP_COLOUR = QColor("#ffb300")


def track_order(tracks: tuple[str, ...] | list[str]) -> list[str]:
    """Rows from the top: video tracks highest first (V2 above V1), then audio A1, A2 ..."""
    video = [t for t in tracks if not t.upper().startswith("A")]
    audio = [t for t in tracks if t.upper().startswith("A")]
    return list(reversed(video)) + audio


class TimelineView(QAbstractScrollArea):
    """The items of one cut on their tracks, to scale."""

    itemClicked = Signal(int)
    seekRequested = Signal(int)  # a frame of the cut
    moveRequested = Signal(int, str, int)  # item id, track, position
    trimRequested = Signal(int, str, int)  # item id, "in" or "out", the new frame of its clip
    segmentsDropped = Signal(list, str, int)  # segment ids, track, position
    zoomChanged = Signal(float)  # pixels per second

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self._data = CutData()
        self._rows: list[str] = []
        self._zoom = 40.0
        self._fitted = True  # zoom follows the width until the person zooms
        self._selected: Optional[int] = None
        self._playhead = 0
        self._press: Optional[QPoint] = None
        self._mode: Optional[str] = None  # "seek", "move", "in", "out"
        self._drag_item: Optional[ItemRow] = None
        self._drag_point: Optional[QPoint] = None
        self._drop: Optional[tuple[str, int]] = None  # track and position a drop would go to
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())

    # ------------------------------------------------------------ state
    def set_cut(self, data: CutData) -> None:
        same = data.id == self._data.id
        self._data = data
        self._rows = track_order(data.tracks)
        if self._selected is not None and data.item(self._selected) is None:
            self._selected = None
        if not same:
            self._fitted = True
            self._playhead = 0
            self.horizontalScrollBar().setValue(0)
        if self._fitted:
            self._fit_zoom()
        self._update_scrollbars()
        self.updateGeometry()
        self.viewport().update()

    def cut(self) -> CutData:
        return self._data

    def tracks(self) -> list[str]:
        """Track names from the top row down."""
        return list(self._rows)

    def selected(self) -> Optional[int]:
        return self._selected

    def set_selected(self, item_id: Optional[int]) -> None:
        if item_id == self._selected:
            return
        self._selected = item_id
        if item_id is not None:
            self.ensure_visible(item_id)
        self.viewport().update()

    def playhead(self) -> int:
        return self._playhead

    def set_playhead(self, frame: int) -> None:
        frame = max(0, int(frame))
        if frame == self._playhead:
            return
        self._playhead = frame
        x = self.x_of(frame)
        if x > self.viewport().width() - 20 or x < HEADER_WIDTH:  # keep it in view while playing
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + int(x - HEADER_WIDTH - self.viewport().width() * 0.25))
        self.viewport().update()

    # ------------------------------------------------------------- zoom
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, pixels_per_second: float, anchor_x: Optional[float] = None) -> None:
        """Pixels per second of the cut, keeping the time under ``anchor_x`` (default: the playhead) in place."""
        zoom = min(max(float(pixels_per_second), MIN_ZOOM), MAX_ZOOM)
        if math.isclose(zoom, self._zoom):
            return
        self._fitted = False
        if anchor_x is None:
            anchor_x = self.x_of(self._playhead)
            if not HEADER_WIDTH <= anchor_x <= self.viewport().width():
                anchor_x = HEADER_WIDTH
        seconds = self._seconds_at(anchor_x)
        self._zoom = zoom
        self._update_scrollbars()
        bar = self.horizontalScrollBar()
        bar.setValue(int(HEADER_WIDTH + PAD + seconds * zoom - anchor_x))
        self.viewport().update()
        self.zoomChanged.emit(zoom)

    def fit(self) -> None:
        """Zoom so that the whole cut fits the width."""
        self._fitted = True
        self._fit_zoom()
        self.horizontalScrollBar().setValue(0)
        self.viewport().update()

    def _fit_zoom(self) -> None:
        seconds = float(Fraction(self._data.duration) / self._data.rate) if self._data.duration else 60.0
        width = max(self.viewport().width() - HEADER_WIDTH - 2 * PAD, 100)
        zoom = min(max(width / max(seconds, 1.0), MIN_ZOOM), MAX_ZOOM)
        if not math.isclose(zoom, self._zoom):
            self._zoom = zoom
            self._update_scrollbars()
            self.zoomChanged.emit(zoom)

    # --------------------------------------------------------- geometry
    def _content_width(self) -> int:
        seconds = float(Fraction(self._data.duration) / self._data.rate) if self._data.duration else 0.0
        return int(HEADER_WIDTH + 2 * PAD + seconds * self._zoom + 120)

    def _content_height(self) -> int:
        return RULER_HEIGHT + TRACK_HEIGHT * max(len(self._rows), 1)

    def _update_scrollbars(self) -> None:
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(0, self._content_width() - self.viewport().width()))
        bar.setPageStep(max(1, self.viewport().width() - HEADER_WIDTH))
        bar.setSingleStep(20)
        vbar = self.verticalScrollBar()
        vbar.setRange(0, max(0, self._content_height() - self.viewport().height()))
        vbar.setPageStep(max(1, self.viewport().height()))

    def x_of(self, frame: float) -> float:
        """Viewport x of a frame of the cut."""
        seconds = float(Fraction(frame) / self._data.rate) if isinstance(frame, int) else frame / float(self._data.rate)
        return HEADER_WIDTH + PAD + seconds * self._zoom - self.horizontalScrollBar().value()

    def _seconds_at(self, x: float) -> float:
        return (x - HEADER_WIDTH - PAD + self.horizontalScrollBar().value()) / self._zoom

    def frame_at(self, x: float) -> int:
        return max(0, math.floor(self._seconds_at(x) * float(self._data.rate) + 0.5))

    def track_top(self, track: str) -> int:
        return RULER_HEIGHT + self._rows.index(track) * TRACK_HEIGHT - self.verticalScrollBar().value()

    def track_at(self, y: float) -> Optional[str]:
        if not self._rows or y < RULER_HEIGHT:
            return None
        row = int((y - RULER_HEIGHT + self.verticalScrollBar().value()) // TRACK_HEIGHT)
        return self._rows[min(max(row, 0), len(self._rows) - 1)]

    def item_rect(self, item_id: int) -> QRect:
        """Where an item is drawn (viewport coordinates); empty when it is not in the cut."""
        item = self._data.item(item_id)
        if item is None or item.track not in self._rows:
            return QRect()
        left = self.x_of(item.record_in)
        right = self.x_of(item.record_out)
        top = self.track_top(item.track) + 3
        return QRect(int(round(left)), top, max(int(round(right - left)), 2), TRACK_HEIGHT - 6)

    def item_at(self, pos: QPoint) -> Optional[ItemRow]:
        track = self.track_at(pos.y())
        if track is None:
            return None
        for item in self._data.track_items(track):
            if self.item_rect(item.id).adjusted(-1, 0, 1, 0).contains(pos):
                return item
        return None

    def drop_position(self, track: str, x: float, moving: Optional[int] = None) -> int:
        """The place on ``track`` before the first item whose middle is right of ``x`` (the moved item left out)."""
        items = [i for i in self._data.track_items(track) if i.id != moving]
        for index, item in enumerate(items):
            if x < (self.x_of(item.record_in) + self.x_of(item.record_out)) / 2:
                return index
        return len(items)

    def point_for(self, track: str, position: int) -> QPoint:
        """A viewport point where a drop lands at ``position`` on ``track`` (for the keyboard and tests)."""
        items = self._data.track_items(track)
        if position < len(items):
            x = self.x_of(items[position].record_in) + 2
        else:
            x = self.x_of(items[-1].record_out) + 10 if items else self.x_of(0) + 10
        return QPoint(int(x), self.track_top(track) + TRACK_HEIGHT // 2)

    def ensure_visible(self, item_id: int) -> None:
        rect = self.item_rect(item_id)
        if rect.isEmpty():
            return
        bar = self.horizontalScrollBar()
        if rect.left() < HEADER_WIDTH:
            bar.setValue(bar.value() - (HEADER_WIDTH - rect.left()) - 20)
        elif rect.left() > self.viewport().width() - 40:
            bar.setValue(bar.value() + rect.left() - HEADER_WIDTH - 40)

    def sizeHint(self) -> QSize:
        return QSize(800, self._content_height() + self.horizontalScrollBar().sizeHint().height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, RULER_HEIGHT + 2 * TRACK_HEIGHT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self._fit_zoom()
        self._update_scrollbars()

    # ---------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        width = self.viewport().width()
        painter.fillRect(self.viewport().rect(), palette.color(QPalette.ColorRole.Base))
        metrics = QFontMetrics(self.font())

        # tracks
        for index, track in enumerate(self._rows):
            top = self.track_top(track)
            band = QRect(0, top, width, TRACK_HEIGHT)
            colour = palette.color(QPalette.ColorRole.AlternateBase if index % 2 else QPalette.ColorRole.Base)
            painter.fillRect(band, colour)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(0, top + TRACK_HEIGHT - 1, width, top + TRACK_HEIGHT - 1)
        painter.save()
        painter.setClipRect(QRect(HEADER_WIDTH, 0, width - HEADER_WIDTH, self.viewport().height()))
        for item in self._data.items:
            if item.track in self._rows:
                self._paint_item(painter, item, metrics)
        self._paint_preview(painter)
        painter.restore()

        # ruler
        ruler = QRect(0, 0, width, RULER_HEIGHT)
        painter.fillRect(ruler, palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, RULER_HEIGHT - 1, width, RULER_HEIGHT - 1)
        self._paint_ticks(painter, metrics, width)

        # track names
        header = QRect(0, RULER_HEIGHT, HEADER_WIDTH, self.viewport().height())
        painter.fillRect(header, palette.color(QPalette.ColorRole.Window))
        painter.fillRect(QRect(0, 0, HEADER_WIDTH, RULER_HEIGHT), palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(HEADER_WIDTH - 1, 0, HEADER_WIDTH - 1, self.viewport().height())
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        for track in self._rows:
            top = self.track_top(track)
            painter.drawText(QRect(0, top, HEADER_WIDTH - 4, TRACK_HEIGHT), Qt.AlignmentFlag.AlignCenter, track)
        painter.setFont(self.font())

        # playhead
        if self._data.id is not None:
            x = self.x_of(self._playhead)
            if x >= HEADER_WIDTH - 1:
                painter.setPen(QPen(PLAYHEAD_COLOUR, 1.5))
                painter.drawLine(QPointF(x, 0), QPointF(x, self.viewport().height()))
                painter.setBrush(PLAYHEAD_COLOUR)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawPolygon(QPolygonF([QPointF(x - 6, 0), QPointF(x + 6, 0), QPointF(x, 9)]))

        if self._data.id is None or not self._data.items:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            text = self.tr("Drop transcript lines here, or select them and choose Add to Cut.") \
                if self._data.id is not None else self.tr("Choose or make a cut to see it on the time line.")
            painter.drawText(QRect(HEADER_WIDTH, RULER_HEIGHT, width - HEADER_WIDTH,
                                   max(self._content_height() - RULER_HEIGHT, TRACK_HEIGHT)),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        painter.end()

    def _paint_ticks(self, painter: QPainter, metrics: QFontMetrics, width: int) -> None:
        label_width = metrics.horizontalAdvance("00:00:00") + 16
        step = next((s for s in TICK_STEPS if s * self._zoom >= label_width), TICK_STEPS[-1])
        first = max(0, math.floor(self._seconds_at(HEADER_WIDTH) / step) * step)
        last = self._seconds_at(width)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        seconds = first
        while seconds <= last:
            x = HEADER_WIDTH + PAD + seconds * self._zoom - self.horizontalScrollBar().value()
            painter.drawLine(QPointF(x, RULER_HEIGHT - 7), QPointF(x, RULER_HEIGHT - 1))
            text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            painter.drawText(QRectF(x + 3, 0, label_width, RULER_HEIGHT - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            seconds += step

    def _item_colour(self, item: ItemRow) -> QColor:
        return AUDIO_FILL if item.kind == "audio" else VIDEO_FILL

    def _paint_item(self, painter: QPainter, item: ItemRow, metrics: QFontMetrics,
                    rect: Optional[QRect] = None, ghost: bool = False) -> None:
        rect = rect if rect is not None else self.item_rect(item.id)
        if self._mode in ("in", "out") and self._drag_item is not None and item.id == self._drag_item.id \
                and not ghost:
            rect = self._trim_preview_rect()
        selected = item.id == self._selected
        fill = QColor(self._item_colour(item))
        if selected:
            fill = fill.lighter(125)
        if ghost:
            fill.setAlpha(140)
        painter.setBrush(fill)
        painter.setPen(QPen(QColor("#ffd54f") if selected else fill.darker(140), 2.5 if selected else 1))
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        if item.flags:
            painter.fillRect(QRect(rect.left() + 1, rect.top() + 1, rect.width() - 2, 4), FLAG_COLOUR)
        if rect.width() > 14:
            painter.setPen(QColor("white"))
            text_rect = rect.adjusted(6, 4, -4, -2)
            name = ("⚠ " if item.flags else "") + item.name
            lines = [metrics.elidedText(name, Qt.TextElideMode.ElideRight, text_rect.width())]
            if text_rect.height() >= 2 * metrics.height():
                lines.append(metrics.elidedText(item.clip_name, Qt.TextElideMode.ElideRight, text_rect.width()))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "\n".join(lines))

    def _trim_preview_rect(self) -> QRect:
        item, point = self._drag_item, self._drag_point
        assert item is not None and point is not None
        rect = self.item_rect(item.id)
        if self._mode == "in":
            rect.setLeft(min(point.x(), rect.right() - 2))
        else:
            rect.setRight(max(point.x(), rect.left() + 2))
        return rect

    def _paint_preview(self, painter: QPainter) -> None:
        if self._mode == "move" and self._drag_item is not None and self._drag_point is not None \
                and self._press is not None:
            track = self.track_at(self._drag_point.y()) or self._drag_item.track
            rect = self.item_rect(self._drag_item.id)
            rect.moveLeft(rect.left() + self._drag_point.x() - self._press.x())
            rect.moveTop(self.track_top(track) + 3)
            self._paint_item(painter, self._drag_item, QFontMetrics(self.font()), rect, ghost=True)
            position = self.drop_position(track, self._drag_point.x(), moving=self._drag_item.id)
            self._paint_drop_marker(painter, track, position, moving=self._drag_item.id)
        elif self._drop is not None:
            self._paint_drop_marker(painter, *self._drop)

    def _paint_drop_marker(self, painter: QPainter, track: str, position: int, moving: Optional[int] = None) -> None:
        items = [i for i in self._data.track_items(track) if i.id != moving]
        if position < len(items):
            x = self.x_of(items[position].record_in)
        elif items:
            x = self.x_of(items[-1].record_out)
        else:
            x = self.x_of(0)
        top = self.track_top(track)
        painter.setPen(QPen(DROP_COLOUR, 3))
        painter.drawLine(QPointF(x, top + 2), QPointF(x, top + TRACK_HEIGHT - 2))

    # ------------------------------------------------------------- mouse
    def _edge_at(self, item: ItemRow, pos: QPoint) -> Optional[str]:
        rect = self.item_rect(item.id)
        if rect.width() < 3 * EDGE:
            return None
        if pos.x() - rect.left() <= EDGE:
            return "in"
        if rect.right() - pos.x() <= EDGE:
            return "out"
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._press = pos
        self._drag_point = pos
        if pos.y() < RULER_HEIGHT and pos.x() >= HEADER_WIDTH:
            self._mode = "seek"
            self.seekRequested.emit(self.frame_at(pos.x()))
            return
        item = self.item_at(pos)
        if item is None:
            self._mode = None
            return
        self._drag_item = item
        self._mode = self._edge_at(item, pos) or "press"
        self._selected = item.id
        self.viewport().update()
        self.itemClicked.emit(item.id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if not event.buttons() & Qt.MouseButton.LeftButton or self._mode is None:
            item = self.item_at(pos)
            edge = self._edge_at(item, pos) if item is not None else None
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if edge else Qt.CursorShape.ArrowCursor)
            return
        self._drag_point = pos
        if self._mode == "seek":
            self.seekRequested.emit(self.frame_at(pos.x()))
        elif self._mode == "press" and self._press is not None and \
                (pos - self._press).manhattanLength() >= QApplication.startDragDistance():
            self._mode = "move"
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        mode, item = self._mode, self._drag_item
        self._mode, self._drag_item, self._press, self._drag_point = None, None, None, None
        self.viewport().unsetCursor()
        self.viewport().update()
        if item is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if mode == "move":
            track = self.track_at(pos.y()) or item.track
            position = self.drop_position(track, pos.x(), moving=item.id)
            if track != item.track or position != item.position:
                self.moveRequested.emit(item.id, track, position)
        elif mode in ("in", "out"):
            frame = self._trimmed_source_frame(item, mode, pos.x())
            current = item.source_in if mode == "in" else item.source_out
            if frame != current:
                self.trimRequested.emit(item.id, mode, frame)

    def _trimmed_source_frame(self, item: ItemRow, edge: str, x: float) -> int:
        """The clip frame an edge dragged to ``x`` stands for (the other edge stays where it is on the cut)."""
        record = self.frame_at(x)
        delta_cut = record - (item.record_in if edge == "in" else item.record_out)
        delta = math.floor(Fraction(delta_cut) / self._data.rate * item.clip_rate + Fraction(1, 2))
        if edge == "in":
            return min(max(0, item.source_in + delta), item.source_out - 1)
        return max(item.source_out + delta, item.source_in + 1)

    def trimmed_frame(self, item_id: int, edge: str, x: float) -> Optional[int]:
        item = self._data.item(item_id)
        return None if item is None else self._trimmed_source_frame(item, edge, x)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120 if delta.y() else delta.x() / 120
            self.set_zoom(self._zoom * (1.25 ** steps), anchor_x=event.position().x())
            event.accept()
            return
        amount = delta.x() or delta.y()
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() - int(amount / 2))
        event.accept()

    # ------------------------------------------------------------- drops
    def _drop_target(self, event: QDragMoveEvent | QDropEvent) -> Optional[tuple[str, int]]:
        mime = event.mimeData()
        if self._data.id is None or not (segment_ids_of(mime) or item_ids_of(mime)):
            return None
        pos = event.position()
        track = self.track_at(pos.y()) or (self._rows[-1] if self._rows else "V1")
        if pos.y() < RULER_HEIGHT and "V1" in self._rows:
            track = "V1"
        moving = item_ids_of(mime)[0] if mime.hasFormat(ITEMS_MIME) and item_ids_of(mime) else None
        return track, self.drop_position(track, pos.x(), moving=moving)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        target = self._drop_target(event)
        if target is None:
            event.ignore()
            return
        self._drop = target
        event.acceptProposedAction()
        self.viewport().update()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self._drop_target(event)
        if target is None:
            event.ignore()
            return
        self._drop = target
        event.acceptProposedAction()
        self.viewport().update()

    def dragLeaveEvent(self, event) -> None:
        self._drop = None
        self.viewport().update()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._drop_target(event)
        self._drop = None
        self.viewport().update()
        if target is None:
            event.ignore()
            return
        track, position = target
        mime = event.mimeData()
        segments = segment_ids_of(mime)
        if segments:
            event.acceptProposedAction()
            self.segmentsDropped.emit(segments, track, position)
            return
        items = item_ids_of(mime)
        if items:
            item = self._data.item(items[0])
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            if item is not None and (track != item.track or position != item.position):
                self.moveRequested.emit(item.id, track, position)
