"""A basic player for the selected clip: picture, play/pause, steps, a position slider and the time.

``Player.set_source(path)`` opens a clip's playable file (the proxy, else the
joined file of a spanned take, else its first file: ``playable_path``).
``seek_ms`` asks for a position; before the file is loaded the request is kept
and applied when it is.  ``positionChanged(ms)`` reports where playback is.

Keys (while the focus is in the player or in a widget the actions were added
to, see ``shortcut_actions``): Space or K play and pause, J steps back and L
forward by ``STEP_MS``.

Marking, the way editors log in an NLE (``marking_actions``; they need the
clip's rate, given with ``set_clip``): I sets the In point and O the Out point
on the frame showing, Alt+I, Alt+O and Alt+X clear them; M asks for a note and
a colour and asks for a marker at the playhead, or over In–Out when both are
set (``markerRequested``); Shift+S (or "Make Subclip") asks for a name and
asks for a subclip of In–Out (``subclipRequested``).  The player writes
nothing itself: whoever gave it the clip writes through the core and hands
the clip's markers and subclips back with ``set_ranges``.  ← and → step one
frame while the player has the focus (a click on the picture gives it).

The position slider is a ``TimelineSlider``: In–Out as a highlighted band,
the clip's markers as coloured ticks above the bar (a range marker as a line),
subclips as bars below it; hovering a tick shows its note, clicking it jumps
there, clicking anywhere else scrubs.

Where there is no audio device (a server, the tests) the picture still plays:
an audio output is attached only when the system has one, and again when one
appears.  A missing or unreadable file shows a message in place of the
picture; nothing here raises.

The picture is painted by ``VideoFrameView`` from the frames of a
``QVideoSink``, rather than by ``QVideoWidget``: that one draws through a
native child window, which stays white where there is no window system and
which screenshots and ``grab()`` cannot see.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QRectF, QSize, QUrl, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontDatabase,
    QHelpEvent,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtMultimedia import (
    QAudioOutput,
    QMediaDevices,
    QMediaMetaData,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QStyle,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from docmanager.catalogue.ranges import COLOURS, MarkerRow, RangeClip, SubclipRow, frame_at_ms, frame_start_ms, timecode
from ui.models.transcript_table import timestamp_text

STEP_MS = 2000  # J and L: back and forward this far
DEFAULT_RATE = (25, 1)  # frames per second when neither the clip nor the file says
SUBCLIP_COLOUR = QColor("#2bb3a3")
IN_OUT_COLOUR = QColor(61, 142, 230)
# The core's marker colours as painted (a little softer than pure colours, readable on light and dark).
MARKER_COLOURS = {
    "red": QColor("#e5484d"), "orange": QColor("#f76b15"), "yellow": QColor("#f5c400"),
    "green": QColor("#30a46c"), "cyan": QColor("#00a2c7"), "blue": QColor("#0b74e0"),
    "purple": QColor("#8e4ec6"), "pink": QColor("#d6409f"), "white": QColor("#f4f4f4"),
    "black": QColor("#1c1c1c"),
}
READY = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferingMedia,
         QMediaPlayer.MediaStatus.BufferedMedia, QMediaPlayer.MediaStatus.EndOfMedia)


class VideoFrameView(QWidget):
    """The picture: the latest frame of its ``sink``, fitted on black, converted only when painted."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._on_frame)
        self._frame: Optional[QVideoFrame] = None
        self._image: Optional[QImage] = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)

    def _on_frame(self, frame: QVideoFrame) -> None:
        self._frame = frame if frame.isValid() else None
        self._image = None
        self.update()

    def clear(self) -> None:
        self._frame = None
        self._image = None
        self.update()

    def has_picture(self) -> bool:
        return self._frame is not None

    def image(self) -> Optional[QImage]:
        """The frame shown, as an image (None before the first frame)."""
        if self._image is None and self._frame is not None:
            image = self._frame.toImage()
            self._image = image if not image.isNull() else None
        return self._image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101010"))
        image = self.image()
        if image is not None:
            size = image.size()
            ratio = self._frame.surfaceFormat().viewport().size() if self._frame is not None else QSize()
            if ratio.isValid() and not ratio.isEmpty():
                size = ratio
            fitted = size.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect((self.width() - fitted.width()) // 2, (self.height() - fitted.height()) // 2,
                           fitted.width(), fitted.height())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        painter.end()

    def sizeHint(self) -> QSize:
        return QSize(480, 270)


def colour_name(colour: str) -> str:
    """A marker colour's name for people (the catalogue keeps the English key)."""
    names = {
        "red": QCoreApplication.translate("MarkerColour", "Red"),
        "orange": QCoreApplication.translate("MarkerColour", "Orange"),
        "yellow": QCoreApplication.translate("MarkerColour", "Yellow"),
        "green": QCoreApplication.translate("MarkerColour", "Green"),
        "cyan": QCoreApplication.translate("MarkerColour", "Cyan"),
        "blue": QCoreApplication.translate("MarkerColour", "Blue"),
        "purple": QCoreApplication.translate("MarkerColour", "Purple"),
        "pink": QCoreApplication.translate("MarkerColour", "Pink"),
        "white": QCoreApplication.translate("MarkerColour", "White"),
        "black": QCoreApplication.translate("MarkerColour", "Black"),
    }
    return names.get(colour, colour)


def marker_colour(colour: str) -> QColor:
    return QColor(MARKER_COLOURS.get(colour, MARKER_COLOURS["red"]))


@dataclass(frozen=True)
class Mark:
    """Something drawn on the timeline: ``start_ms`` up to ``end_ms`` (equal for a point)."""

    start_ms: int
    end_ms: int
    colour: QColor
    text: str


class TimelineSlider(QSlider):
    """The position slider, painted as a timeline: In–Out band, marker ticks, subclip bars, the playhead.

    Its value is the position in ms.  A click jumps to a tick's marker or a bar's
    start (``jumpRequested``); anywhere else it scrubs (``sliderMoved``).
    """

    jumpRequested = Signal(int)  # ms

    PAD = 7  # room for the playhead at both ends
    TICKS = (0, 8)  # y range of the marker ticks
    GROOVE = (10, 17)
    BARS = (20, 25)
    HIT = 5  # px either side of a tick that still counts as on it

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.in_ms: Optional[int] = None
        self.out_ms: Optional[int] = None
        self.marks: list[Mark] = []
        self.bars: list[Mark] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, 27)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 27)

    def set_overlay(self, in_ms: Optional[int], out_ms: Optional[int], marks: Sequence[Mark],
                    bars: Sequence[Mark]) -> None:
        self.in_ms, self.out_ms = in_ms, out_ms
        self.marks, self.bars = list(marks), list(bars)
        self.update()

    # --------------------------------------------------------------- mapping
    def x_of(self, ms: int) -> float:
        span = max(self.maximum() - self.minimum(), 1)
        width = max(self.width() - 2 * self.PAD, 1)
        ms = min(max(ms, self.minimum()), self.maximum())
        return self.PAD + width * (ms - self.minimum()) / span

    def ms_at(self, x: float) -> int:
        width = max(self.width() - 2 * self.PAD, 1)
        fraction = min(max((x - self.PAD) / width, 0.0), 1.0)
        return self.minimum() + round(fraction * (self.maximum() - self.minimum()))

    def mark_at(self, pos: QPoint) -> Optional[Mark]:
        """The marker tick (above the bar) or subclip bar (below it) under ``pos``."""
        if self.maximum() <= self.minimum():
            return None
        if pos.y() < self.GROOVE[0]:
            near = [(abs(self.x_of(m.start_ms) - pos.x()), m) for m in self.marks]
            near = [(d, m) for d, m in near if d <= self.HIT]
            if near:
                return min(near, key=lambda pair: pair[0])[1]
            ranges = [m for m in self.marks if self.x_of(m.start_ms) <= pos.x() <= self.x_of(m.end_ms)]
            return ranges[0] if ranges else None
        if pos.y() >= self.BARS[0] - 1:
            for bar in self.bars:
                if self.x_of(bar.start_ms) - 2 <= pos.x() <= self.x_of(bar.end_ms) + 2:
                    return bar
        return None

    # ----------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton or self.maximum() <= self.minimum():
            event.ignore()
            return
        pos = event.position().toPoint()
        mark = self.mark_at(pos)
        if mark is not None:
            self.jumpRequested.emit(mark.start_ms)
            event.accept()
            return
        self.setSliderDown(True)
        self.setSliderPosition(self.ms_at(pos.x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.isSliderDown():
            self.setSliderPosition(self.ms_at(event.position().x()))
        else:
            over = self.mark_at(event.position().toPoint()) is not None
            self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.isSliderDown():
            self.setSliderPosition(self.ms_at(event.position().x()))
            self.setSliderDown(False)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            if self.maximum() <= self.minimum():
                QToolTip.hideText()
                return True
            mark = self.mark_at(event.pos())
            text = mark.text if mark is not None else timestamp_text(self.ms_at(event.pos().x()))
            QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    # ----------------------------------------------------------------- paint
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        enabled = self.isEnabled() and self.maximum() > self.minimum()
        left, right = self.PAD, self.width() - self.PAD
        g0, g1 = self.GROOVE
        groove = QRectF(left, g0, max(right - left, 1), g1 - g0)
        base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Mid)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(base if enabled else base.lighter(115))
        painter.drawRoundedRect(groove, 3, 3)
        if not enabled:
            painter.end()
            return
        played = QRectF(left, g0, self.x_of(self.sliderPosition()) - left, g1 - g0)
        painter.setBrush(palette.color(QPalette.ColorRole.Dark))
        painter.drawRoundedRect(played, 3, 3)

        # In–Out: a band over the bar with brackets at both ends.
        if self.in_ms is not None or self.out_ms is not None:
            start = self.x_of(self.in_ms if self.in_ms is not None else self.minimum())
            end = self.x_of(self.out_ms if self.out_ms is not None else self.maximum())
            band = QColor(IN_OUT_COLOUR)
            band.setAlpha(150)
            painter.setBrush(band)
            painter.drawRect(QRectF(start, g0 - 2, max(end - start, 1), g1 - g0 + 4))
            pen = QPen(IN_OUT_COLOUR.darker(130), 2)
            painter.setPen(pen)
            for x, inward in ((start, 1), (end, -1)):
                if (inward == 1 and self.in_ms is None) or (inward == -1 and self.out_ms is None):
                    continue
                painter.drawPolyline(QPolygonF([QPoint(round(x + 3 * inward), g0 - 3), QPoint(round(x), g0 - 3),
                                                QPoint(round(x), g1 + 3), QPoint(round(x + 3 * inward), g1 + 3)]))
            painter.setPen(Qt.PenStyle.NoPen)

        # Subclips: bars under the bar.
        b0, b1 = self.BARS
        for bar in self.bars:
            x0, x1 = self.x_of(bar.start_ms), self.x_of(bar.end_ms)
            painter.setBrush(bar.colour)
            painter.drawRoundedRect(QRectF(x0, b0, max(x1 - x0, 3), b1 - b0), 2, 2)

        # Markers: a line over a range marker's length, and a tick pointing down at its start.
        t0, t1 = self.TICKS
        outline = QColor(0, 0, 0, 110)
        for mark in self.marks:
            x0, x1 = self.x_of(mark.start_ms), self.x_of(mark.end_ms)
            if x1 - x0 >= 1:
                painter.setBrush(mark.colour)
                painter.drawRect(QRectF(x0, t0 + 1, x1 - x0, 3))
            painter.setPen(QPen(outline, 1))
            painter.setBrush(mark.colour)
            painter.drawPolygon(QPolygonF([QPoint(round(x0) - 4, t0), QPoint(round(x0) + 4, t0),
                                           QPoint(round(x0), t1 + 1)]))
            painter.setPen(Qt.PenStyle.NoPen)

        # The playhead: a line across, a knob on the bar.
        x = self.x_of(self.sliderPosition())
        head = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 1.5))
        painter.drawLine(QPoint(round(x), 1), QPoint(round(x), self.height() - 1))
        painter.setPen(QPen(head.darker(140), 1))
        painter.setBrush(head)
        knob = QPainterPath()
        knob.addRoundedRect(QRectF(x - 5, g0 - 3, 10, g1 - g0 + 6), 3, 3)
        painter.drawPath(knob)
        painter.end()


class MarkerPopup(QDialog):
    """M: the note of a new marker and its colour (Enter adds it, Esc forgets it)."""

    last_colour = "red"  # the colour picked last time is offered first

    def __init__(self, title: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("markerPopup")
        self.setWindowTitle(self.tr("Add Marker"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        heading = QLabel(title)
        heading.setObjectName("markerPopupTitle")
        layout.addWidget(heading)
        self.note = QLineEdit()
        self.note.setObjectName("markerNote")
        self.note.setPlaceholderText(self.tr("Note (what happens here)"))
        self.note.setMinimumWidth(280)
        layout.addWidget(self.note)
        swatches = QHBoxLayout()
        swatches.setSpacing(3)
        self.colours = QButtonGroup(self)
        self.colours.setExclusive(True)
        for colour in COLOURS:
            button = QToolButton()
            button.setObjectName(f"colour_{colour}")
            button.setCheckable(True)
            button.setToolTip(colour_name(colour))
            button.setFixedSize(22, 22)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            fill = marker_colour(colour).name()
            button.setStyleSheet(f"QToolButton {{ background: {fill}; border: 1px solid #777; border-radius: 4px; }}"
                                 f"QToolButton:checked {{ border: 3px solid palette(highlight); }}")
            button.setProperty("colour", colour)
            self.colours.addButton(button)
            swatches.addWidget(button)
            if colour == MarkerPopup.last_colour:
                button.setChecked(True)
        swatches.addStretch(1)
        layout.addLayout(swatches)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add Marker"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.note.setFocus()

    def colour(self) -> str:
        checked = self.colours.checkedButton()
        return str(checked.property("colour")) if checked is not None else "red"

    def set_colour(self, colour: str) -> None:
        for button in self.colours.buttons():
            button.setChecked(button.property("colour") == colour)

    def accept(self) -> None:
        MarkerPopup.last_colour = self.colour()
        super().accept()


class SubclipDialog(QDialog):
    """Shift+S: the name of a new subclip of In–Out."""

    def __init__(self, name: str, details: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("subclipDialog")
        self.setWindowTitle(self.tr("Make Subclip"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Name of the subclip:")))
        self.name = QLineEdit(name)
        self.name.setObjectName("subclipName")
        self.name.setMinimumWidth(340)
        self.name.selectAll()
        layout.addWidget(self.name)
        info = QLabel(details)
        info.setObjectName("subclipRange")
        info.setEnabled(False)
        layout.addWidget(info)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Make Subclip"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda text: self.buttons.button(
            QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip())))
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def value(self) -> str:
        return self.name.text().strip()


class Player(QWidget):
    """QMediaPlayer with a video widget and simple transport controls."""

    positionChanged = Signal(int)  # ms, while playing and after a seek
    playingChanged = Signal(bool)
    markerRequested = Signal(int, int, int, str, str)  # clip id, frame, duration in frames, note, colour
    subclipRequested = Signal(int, int, int, str)  # clip id, in frame, out frame (the first one after), name
    inOutChanged = Signal()
    notice = Signal(str)  # a short message for the status bar

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click on the picture: its keys (← →, I, O …) work
        self._path: Optional[str] = None
        self._pending_ms: Optional[int] = None
        self._requested_ms: Optional[int] = None
        self._clip: Optional[RangeClip] = None
        self._in: Optional[int] = None  # frames
        self._out: Optional[int] = None  # the last frame of the range (shown as the Out point)
        self._markers: list[MarkerRow] = []
        self._subclips: list[SubclipRow] = []
        self.marker_popup: Optional[MarkerPopup] = None
        self.subclip_dialog: Optional[SubclipDialog] = None

        self.media = QMediaPlayer(self)
        self.audio: Optional[QAudioOutput] = None
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._attach_audio)

        self.video = VideoFrameView()
        self.video.setObjectName("playerVideo")
        self.media.setVideoSink(self.video.sink)
        self.message = QLabel()
        self.message.setObjectName("playerMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(12)
        self.message.setAutoFillBackground(True)
        self.message.setStyleSheet("QLabel#playerMessage { background: #202020; color: #d8d8d8; }")
        self.screen_stack = QStackedWidget()
        self.screen_stack.addWidget(self.video)
        self.screen_stack.addWidget(self.message)

        style = self.style()
        self.play_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
                                        self.tr("Play (Space, K)"))
        self.back_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward),
                                        self.tr("Back {seconds} s (J)").format(seconds=STEP_MS // 1000))
        self.forward_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward),
                                           self.tr("Forward {seconds} s (L)").format(seconds=STEP_MS // 1000))
        self.mute_button = self._button(style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume),
                                        self.tr("Mute"))
        self.mute_button.setCheckable(True)
        self.slider = TimelineSlider()
        self.slider.setObjectName("playerSlider")
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(100)
        self.slider.setPageStep(STEP_MS)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.time_label = QLabel()
        self.time_label.setObjectName("playerTime")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(self.font().pointSizeF())
        self.time_label.setFont(fixed)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(2)
        for button in (self.back_button, self.play_button, self.forward_button):
            controls.addWidget(button)
        controls.addSpacing(4)
        controls.addWidget(self.slider, 1)
        controls.addSpacing(6)
        controls.addWidget(self.time_label)
        controls.addWidget(self.mute_button)

        # Marking: In, Out, Marker, Make Subclip and where In and Out are.
        self.in_button = self._text_button(self.tr("In"), self.tr("Set the In point on this frame (I); "
                                                                  "Alt+I clears it"))
        self.out_button = self._text_button(self.tr("Out"), self.tr("Set the Out point on this frame (O); "
                                                                    "Alt+O clears it"))
        self.marker_button = self._text_button(self.tr("Marker"), self.tr("Add a marker here, or over In–Out "
                                                                          "when both are set (M)"))
        self.subclip_button = self._text_button(self.tr("Make Subclip"),
                                                self.tr("Make a named subclip of In–Out (Shift+S)"))
        self.subclip_button.setObjectName("makeSubclip")
        self.in_out_label = QLabel()
        self.in_out_label.setObjectName("playerInOut")
        self.in_out_label.setFont(fixed)
        self.in_out_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.in_out_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens
        marking = QHBoxLayout()
        marking.setContentsMargins(0, 0, 0, 0)
        marking.setSpacing(2)
        for button in (self.in_button, self.out_button, self.marker_button, self.subclip_button):
            marking.addWidget(button)
        marking.addSpacing(8)
        marking.addWidget(self.in_out_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.screen_stack, 1)
        layout.addLayout(controls)
        layout.addLayout(marking)

        # Keyboard: actions that the transcript page adds to itself as well.
        self.play_action = QAction(self.tr("Play/Pause"), self)
        self.play_action.setObjectName("playPause")
        self.play_action.setShortcuts([QKeySequence(Qt.Key.Key_Space), QKeySequence(Qt.Key.Key_K)])
        self.play_action.triggered.connect(self.toggle_play)
        self.back_action = QAction(self.tr("Step Back"), self)
        self.back_action.setObjectName("stepBack")
        self.back_action.setShortcut(QKeySequence(Qt.Key.Key_J))
        self.back_action.triggered.connect(lambda: self.step(-STEP_MS))
        self.forward_action = QAction(self.tr("Step Forward"), self)
        self.forward_action.setObjectName("stepForward")
        self.forward_action.setShortcut(QKeySequence(Qt.Key.Key_L))
        self.forward_action.triggered.connect(lambda: self.step(STEP_MS))
        self.in_action = self._action(self.tr("Set In"), "I", "setIn", lambda: self.set_in())
        self.out_action = self._action(self.tr("Set Out"), "O", "setOut", lambda: self.set_out())
        self.clear_in_action = self._action(self.tr("Clear In"), "Alt+I", "clearIn", self.clear_in)
        self.clear_out_action = self._action(self.tr("Clear Out"), "Alt+O", "clearOut", self.clear_out)
        self.clear_in_out_action = self._action(self.tr("Clear In and Out"), "Alt+X", "clearInOut",
                                                self.clear_in_out)
        self.marker_action = self._action(self.tr("Add Marker…"), "M", "addMarker", self.add_marker)
        self.subclip_action = self._action(self.tr("Make Subclip…"), "Shift+S", "makeSubclipAction",
                                           self.make_subclip)
        self.previous_frame_action = self._action(self.tr("Previous Frame"), "Left", "previousFrame",
                                                  lambda: self.step_frames(-1))
        self.next_frame_action = self._action(self.tr("Next Frame"), "Right", "nextFrame",
                                              lambda: self.step_frames(1))
        for act in self.shortcut_actions() + self.marking_actions() + self.frame_actions():
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)

        self.play_button.clicked.connect(self.toggle_play)
        self.back_button.clicked.connect(self.back_action.trigger)
        self.forward_button.clicked.connect(self.forward_action.trigger)
        self.mute_button.toggled.connect(self._set_muted)
        self.slider.sliderMoved.connect(self.seek_ms)
        self.slider.jumpRequested.connect(self.seek_ms)
        self.in_button.clicked.connect(self.in_action.trigger)
        self.out_button.clicked.connect(self.out_action.trigger)
        self.marker_button.clicked.connect(self.marker_action.trigger)
        self.subclip_button.clicked.connect(self.subclip_action.trigger)
        self.media.positionChanged.connect(self._on_position)
        self.media.durationChanged.connect(self._on_duration)
        self.media.mediaStatusChanged.connect(self._on_status)
        self.media.playbackStateChanged.connect(self._on_state)
        self.media.errorOccurred.connect(self._on_error)
        self._attach_audio()
        self.set_source(None)

    @staticmethod
    def _button(icon, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    @staticmethod
    def _text_button(text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _action(self, text: str, key: str, name: str, slot) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        act.setShortcut(QKeySequence(key))
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def shortcut_actions(self) -> list[QAction]:
        """Play/pause, back and forward: add them to a widget so their keys work while it has the focus."""
        return [self.play_action, self.back_action, self.forward_action]

    def marking_actions(self) -> list[QAction]:
        """I, O, Alt+I/O/X, M and Shift+S: add them to a widget so they work while it has the focus."""
        return [self.in_action, self.out_action, self.clear_in_action, self.clear_out_action,
                self.clear_in_out_action, self.marker_action, self.subclip_action]

    def frame_actions(self) -> list[QAction]:
        """← and →: one frame back and forward (only on the player: lists and text fields need the arrows)."""
        return [self.previous_frame_action, self.next_frame_action]

    # ----------------------------------------------------------------- audio
    def _attach_audio(self) -> None:
        """An audio output when the system has a device; none (picture only) otherwise."""
        if not QMediaDevices.audioOutputs():
            self.mute_button.setEnabled(False)
            self.mute_button.setToolTip(self.tr("No audio device: the picture plays without sound"))
            return
        if self.audio is None:
            self.audio = QAudioOutput(self)
            self.audio.setMuted(self.mute_button.isChecked())
            self.media.setAudioOutput(self.audio)
        self.audio.setDevice(QMediaDevices.defaultAudioOutput())
        self.mute_button.setEnabled(True)
        self.mute_button.setToolTip(self.tr("Mute"))

    def _set_muted(self, muted: bool) -> None:
        if self.audio is not None:
            self.audio.setMuted(muted)
        icon = QStyle.StandardPixmap.SP_MediaVolumeMuted if muted else QStyle.StandardPixmap.SP_MediaVolume
        self.mute_button.setIcon(self.style().standardIcon(icon))

    # ---------------------------------------------------------------- source
    def source_path(self) -> Optional[str]:
        return self._path

    def set_source(self, path: Optional[str], message: str = "") -> None:
        """Play ``path``; None shows ``message`` (or "no clip") instead of a picture."""
        if path is not None and path == self._path and \
                self.media.mediaStatus() != QMediaPlayer.MediaStatus.InvalidMedia:
            return
        self.media.stop()
        self.video.clear()
        self._path = path
        self._pending_ms = None
        self._requested_ms = None
        self._close_popups()
        self._clip = None  # a clip's points and marks belong to its file; set_clip gives them again
        self._in = self._out = None
        self._markers, self._subclips = [], []
        self.slider.setRange(0, 0)
        self._update_overlay()
        if path is None:
            self.media.setSource(QUrl())
            self._show_message(message or self.tr("Select a clip to play it."))
            self._set_controls(False)
            self._update_time()
            return
        if not os.path.isfile(path):
            self.media.setSource(QUrl())
            self._show_message(self.tr("The clip's file is not available (offline or moved):\n{path}")
                               .format(path=path))
            self._set_controls(False)
            self._update_time()
            return
        self.screen_stack.setCurrentWidget(self.video)
        self._set_controls(True)
        self.media.setSource(QUrl.fromLocalFile(path))
        self._update_time()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.screen_stack.setCurrentWidget(self.message)

    def _set_controls(self, enabled: bool) -> None:
        self._controls_enabled = enabled
        for widget in (self.play_button, self.back_button, self.forward_button, self.slider):
            widget.setEnabled(enabled)
        for act in self.shortcut_actions() + self.frame_actions():
            act.setEnabled(enabled)
        self._update_marking()

    def _update_marking(self) -> None:
        """In and Out work on any playable file; markers and subclips need the catalogue's clip."""
        enabled = getattr(self, "_controls_enabled", False)
        for act, button in ((self.in_action, self.in_button), (self.out_action, self.out_button)):
            act.setEnabled(enabled)
            button.setEnabled(enabled)
        for act in (self.clear_in_action, self.clear_out_action, self.clear_in_out_action):
            act.setEnabled(enabled)
        with_clip = enabled and self._clip is not None
        self.marker_action.setEnabled(with_clip)
        self.marker_button.setEnabled(with_clip)
        self.subclip_action.setEnabled(with_clip)
        self.subclip_button.setEnabled(with_clip and self._in is not None and self._out is not None)

    # -------------------------------------------------------------- playback
    def is_loaded(self) -> bool:
        return self._path is not None and self.media.mediaStatus() in READY

    def is_playing(self) -> bool:
        return self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def position_ms(self) -> int:
        return int(self.media.position())

    def duration_ms(self) -> int:
        return int(self.media.duration())

    def requested_ms(self) -> Optional[int]:
        """The last position asked for with ``seek_ms`` (applied, or waiting for the file to load)."""
        return self._requested_ms

    def seek_ms(self, ms: int) -> None:
        """Go to ``ms``; before the file is loaded, as soon as it is."""
        if self._path is None:
            return
        ms = max(int(ms), 0)
        duration = self.duration_ms()
        if duration > 0:
            ms = min(ms, duration)
        self._requested_ms = ms
        if self.is_loaded():
            self._pending_ms = None
            self.media.setPosition(ms)
            self._update_time()
        else:
            self._pending_ms = ms

    def step(self, delta_ms: int) -> None:
        base = self._pending_ms if self._pending_ms is not None else self.position_ms()
        self.seek_ms(base + delta_ms)

    def play(self) -> None:
        if self._path is not None and self.media.mediaStatus() != QMediaPlayer.MediaStatus.InvalidMedia:
            self.media.play()

    def pause(self) -> None:
        if self.is_playing():
            self.media.pause()

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    # ------------------------------------------------------- clip and frames
    def set_clip(self, clip: Optional[RangeClip]) -> None:
        """The catalogue's clip the open file belongs to (its rate makes In, Out and markers frame-exact).

        Call it after ``set_source``; the same clip again keeps In and Out."""
        if clip is not None and self._clip is not None and clip.clip_id == self._clip.clip_id:
            self._clip = clip
        else:
            self._close_popups()
            self._clip = clip
            self._in = self._out = None
            self._markers, self._subclips = [], []
        self._update_overlay()

    def clip(self) -> Optional[RangeClip]:
        return self._clip

    def set_ranges(self, markers: Sequence[MarkerRow], subclips: Sequence[SubclipRow]) -> None:
        """The clip's markers and subclips, drawn on the timeline."""
        self._markers, self._subclips = list(markers), list(subclips)
        self._update_overlay()

    def markers(self) -> list[MarkerRow]:
        return list(self._markers)

    def subclips(self) -> list[SubclipRow]:
        return list(self._subclips)

    def rate(self) -> tuple[int, int]:
        """Frames per second as (numerator, denominator): the clip's, else the file's, else 25."""
        if self._clip is not None and self._clip.rate_num:
            return self._clip.rate_num, self._clip.rate_den or 1
        value = self.media.metaData().value(QMediaMetaData.Key.VideoFrameRate)
        try:
            rate = Fraction(float(value)).limit_denominator(1001) if value else None
        except (TypeError, ValueError):
            rate = None
        if rate:
            return rate.numerator, rate.denominator
        return DEFAULT_RATE

    def frame_ms(self, frame: int) -> int:
        """Where ``frame`` starts, in ms (a seek there shows it)."""
        return frame_start_ms(frame, *self.rate())

    def frame_at(self, ms: int) -> int:
        return frame_at_ms(ms, *self.rate())

    def timecode(self, frame: int) -> str:
        return timecode(frame, *self.rate())

    def _last_frame(self) -> Optional[int]:
        if self._clip is not None and self._clip.duration_frames:
            return self._clip.duration_frames - 1
        duration = self.duration_ms()
        return max(self.frame_at(duration) - 1, 0) if duration > 0 else None

    def current_frame(self) -> int:
        """The frame showing (or about to, after a seek that waits for the file)."""
        ms = self._pending_ms if self._pending_ms is not None else self.position_ms()
        frame = self.frame_at(ms)
        last = self._last_frame()
        return min(frame, last) if last is not None else frame

    def seek_frame(self, frame: int) -> None:
        last = self._last_frame()
        frame = max(0, min(frame, last) if last is not None else frame)
        self.seek_ms(self.frame_ms(frame))

    def step_frames(self, count: int) -> None:
        """← and →: pause, then ``count`` frames on."""
        if self._path is None:
            return
        self.pause()
        self.seek_frame(self.current_frame() + count)

    # ----------------------------------------------------------- In and Out
    def in_frame(self) -> Optional[int]:
        return self._in

    def out_frame(self) -> Optional[int]:
        """The last frame of In–Out (the Out point as editors see it); the range ends after it."""
        return self._out

    def set_in(self, frame: Optional[int] = None) -> None:
        """I: the In point on ``frame`` (the frame showing); an Out point before it is cleared."""
        if self._path is None:
            return
        self._in = self.current_frame() if frame is None else max(int(frame), 0)
        if self._out is not None and self._out < self._in:
            self._out = None
        self._in_out_changed()

    def set_out(self, frame: Optional[int] = None) -> None:
        """O: the Out point on ``frame`` (the frame showing, included); an In point after it is cleared."""
        if self._path is None:
            return
        self._out = self.current_frame() if frame is None else max(int(frame), 0)
        if self._in is not None and self._in > self._out:
            self._in = None
        self._in_out_changed()

    def clear_in(self) -> None:
        self._in = None
        self._in_out_changed()

    def clear_out(self) -> None:
        self._out = None
        self._in_out_changed()

    def clear_in_out(self) -> None:
        self._in = self._out = None
        self._in_out_changed()

    def _in_out_changed(self) -> None:
        self._update_overlay()
        self.inOutChanged.emit()

    def _update_overlay(self) -> None:
        """The timeline's band, ticks and bars, and the In/Out read-out, from the current state."""
        num, den = self.rate()
        in_ms = frame_start_ms(self._in, num, den) if self._in is not None else None
        out_ms = frame_start_ms(self._out + 1, num, den) if self._out is not None else None
        duration = self.duration_ms()
        if out_ms is not None and duration > 0:
            out_ms = min(out_ms, duration)
        marks = []
        for m in self._markers:
            start = frame_start_ms(m.frame, num, den)
            end = frame_start_ms(m.frame + m.duration_frames, num, den) if m.duration_frames else start
            when = timecode(m.frame, num, den)
            text = f"{when}  {m.note}" if m.note else when
            marks.append(Mark(start, end, marker_colour(m.colour), text))
        bars = [Mark(frame_start_ms(sc.in_frame, num, den), frame_start_ms(sc.out_frame, num, den),
                     SUBCLIP_COLOUR, self.tr("Subclip {name}: {start}–{end}").format(
                         name=sc.name, start=timecode(sc.in_frame, num, den),
                         end=timecode(sc.out_frame - 1, num, den)))
                for sc in self._subclips]
        self.slider.set_overlay(in_ms, out_ms, marks, bars)
        self._update_in_out_label()
        self._update_marking()

    def _update_in_out_label(self) -> None:
        if self._path is None or (self._in is None and self._out is None):
            hint = ""
            if self._path is not None:
                hint = self.tr("I and O set In and Out, M adds a marker") if self._clip is not None else \
                    self.tr("I and O set In and Out")
            self.in_out_label.setText(hint)
            return
        dash = "–"
        text = self.tr("In {time}").format(time=self.timecode(self._in) if self._in is not None else dash)
        text += "  " + self.tr("Out {time}").format(time=self.timecode(self._out) if self._out is not None
                                                    else dash)
        self.in_out_label.setToolTip("")
        if self._in is not None and self._out is not None:
            duration = self.tr("Duration {time}").format(time=self.timecode(self._out + 1 - self._in))
            longer = f"{text}  {duration}"
            if self.in_out_label.fontMetrics().horizontalAdvance(longer) <= self.in_out_label.width():
                text = longer
            else:
                self.in_out_label.setToolTip(duration)  # no room beside In and Out
        self.in_out_label.setText(text)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._update_in_out_label()  # the duration shows when there is room for it

    # ------------------------------------------------------ markers, subclips
    def _range(self) -> Optional[tuple[int, int]]:
        """In–Out as (first frame, first frame after); a missing end is the clip's start or end."""
        if self._in is None and self._out is None:
            return None
        start = self._in if self._in is not None else 0
        last = self._out if self._out is not None else self._last_frame()
        if last is None or last < start:
            return None
        return start, last + 1

    def _popup_position(self, widget: QWidget) -> None:
        """Just above the timeline, at the playhead (kept on the screen)."""
        widget.adjustSize()
        x = round(self.slider.x_of(self.slider.sliderPosition()))
        anchor = self.slider.mapToGlobal(QPoint(x, 0))
        pos = QPoint(anchor.x() - widget.width() // 2, anchor.y() - widget.height() - 8)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            pos.setX(max(screen.left(), min(pos.x(), screen.right() - widget.width())))
            pos.setY(max(screen.top(), pos.y()))
        widget.move(pos)

    def add_marker(self) -> Optional[MarkerPopup]:
        """M: ask for the note and colour of a marker at the playhead (over In–Out when both are set)."""
        if self._clip is None or self._path is None:
            return None
        self.pause()
        if self._in is not None and self._out is not None:
            frame, length = self._in, self._out + 1 - self._in
            title = self.tr("Marker over {start}–{end}").format(start=self.timecode(self._in),
                                                                end=self.timecode(self._out))
        else:
            frame, length = self.current_frame(), 0
            title = self.tr("Marker at {time}").format(time=self.timecode(frame))
        self._close_popups()
        popup = MarkerPopup(title, self)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        clip_id = self._clip.clip_id
        popup.accepted.connect(lambda: self.markerRequested.emit(clip_id, frame, length, popup.note.text().strip(),
                                                                 popup.colour()))
        popup.finished.connect(lambda _result: self._forget_popup(popup))
        self.marker_popup = popup
        self._popup_position(popup)
        popup.open()
        return popup

    def default_subclip_name(self) -> str:
        span = self._range()
        if self._clip is None or span is None:
            return ""
        start = timestamp_text(self.frame_ms(span[0]))[:8]
        end = timestamp_text(self.frame_ms(span[1] - 1))[:8]
        return f"{self._clip.name} {start}–{end}"

    def make_subclip(self) -> Optional[SubclipDialog]:
        """Shift+S: ask for a name, then for a subclip of In–Out."""
        if self._clip is None or self._path is None:
            return None
        span = self._range()
        if self._in is None or self._out is None or span is None:
            self.notice.emit(self.tr("Set an In point (I) and an Out point (O) first, then make the subclip."))
            return None
        self.pause()
        start, end = span
        details = self.tr("{start} to {end}, {duration}").format(
            start=self.timecode(start), end=self.timecode(end - 1), duration=self.timecode(end - start))
        self._close_popups()
        dialog = SubclipDialog(self.default_subclip_name(), details, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        clip_id = self._clip.clip_id
        dialog.accepted.connect(lambda: self.subclipRequested.emit(clip_id, start, end, dialog.value()))
        dialog.finished.connect(lambda _result: self._forget_popup(dialog))
        self.subclip_dialog = dialog
        self._popup_position(dialog)
        dialog.open()
        return dialog

    def _forget_popup(self, widget: QWidget) -> None:
        if self.marker_popup is widget:
            self.marker_popup = None
        if self.subclip_dialog is widget:
            self.subclip_dialog = None

    def _close_popups(self) -> None:
        for widget in (self.marker_popup, self.subclip_dialog):
            if widget is not None:
                widget.reject()
        self.marker_popup = self.subclip_dialog = None

    # ---------------------------------------------------------------- events
    def _on_position(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(int(position))
            self.slider.blockSignals(False)
        self._update_time()
        self.positionChanged.emit(int(position))

    def _on_duration(self, duration: int) -> None:
        self.slider.setRange(0, max(int(duration), 0))
        self._update_time()
        self._update_overlay()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and \
                self.media.playbackState() == QMediaPlayer.PlaybackState.StoppedState:
            self.media.pause()  # paused, not stopped: the picture at the position shows, and follows seeks
        if status in READY and self._pending_ms is not None:
            ms, self._pending_ms = self._pending_ms, None
            self.media.setPosition(ms)
        if status == QMediaPlayer.MediaStatus.InvalidMedia and self._path is not None:
            self._show_message(self.tr("This file cannot be played: {error}\n{path}")
                               .format(error=self.media.errorString() or self.tr("unknown format"),
                                       path=self._path))
            self._set_controls(False)
        self._update_time()

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(self.tr("Pause (Space, K)") if playing else self.tr("Play (Space, K)"))
        self.playingChanged.emit(playing)

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error == QMediaPlayer.Error.NoError or self._path is None:
            return
        self._show_message(self.tr("This file cannot be played: {error}\n{path}")
                           .format(error=text or self.tr("unknown error"), path=self._path))
        self._set_controls(False)

    def _update_time(self) -> None:
        position = self._pending_ms if self._pending_ms is not None else self.position_ms()
        duration = self.duration_ms() if self._path is not None else 0
        self.time_label.setText(f"{timestamp_text(position)} / {timestamp_text(max(duration, 0))}")

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.pause()
        super().hideEvent(event)
