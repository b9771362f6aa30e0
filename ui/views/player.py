"""A basic player for the selected clip: picture, play/pause, steps, a position slider and the time.

``Player.set_source(path)`` opens a clip's playable file (the proxy, else the
joined file of a spanned take, else its first file: ``playable_path``).
``seek_ms`` asks for a position; before the file is loaded the request is kept
and applied when it is.  ``positionChanged(ms)`` reports where playback is.

Keys (while the focus is in the player or in a widget the actions were added
to, see ``shortcut_actions``): Space or K play and pause, J steps back and L
forward by ``STEP_MS``.

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
from typing import Optional

from PySide6.QtCore import QRect, QSize, QUrl, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFontDatabase, QImage, QKeySequence, QPainter, QPaintEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.models.transcript_table import timestamp_text

STEP_MS = 2000  # J and L: back and forward this far
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


class Player(QWidget):
    """QMediaPlayer with a video widget and simple transport controls."""

    positionChanged = Signal(int)  # ms, while playing and after a seek
    playingChanged = Signal(bool)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self._path: Optional[str] = None
        self._pending_ms: Optional[int] = None
        self._requested_ms: Optional[int] = None

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
        self.slider = QSlider(Qt.Orientation.Horizontal)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.screen_stack, 1)
        layout.addLayout(controls)

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
        for act in self.shortcut_actions():
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)

        self.play_button.clicked.connect(self.toggle_play)
        self.back_button.clicked.connect(self.back_action.trigger)
        self.forward_button.clicked.connect(self.forward_action.trigger)
        self.mute_button.toggled.connect(self._set_muted)
        self.slider.sliderMoved.connect(self.seek_ms)
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

    def shortcut_actions(self) -> list[QAction]:
        """Play/pause, back and forward: add them to a widget so their keys work while it has the focus."""
        return [self.play_action, self.back_action, self.forward_action]

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
        self.slider.setRange(0, 0)
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
        for widget in (self.play_button, self.back_button, self.forward_button, self.slider):
            widget.setEnabled(enabled)
        for act in self.shortcut_actions():
            act.setEnabled(enabled)

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
