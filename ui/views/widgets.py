"""Small editing widgets of the inspector: star rating, comma-separated tags, notes."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCore import QRectF, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from ui.formatting import NO_STAR, STAR


class StarRating(QWidget):
    """Five stars; click (or press 0–5) to rate, click the current star again to clear.

    ``set_rating(None)`` shows the clips' ratings differ.
    """

    ratingChosen = Signal(int)

    STAR_COUNT = 5

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._rating: Optional[int] = 0
        self._hover: Optional[int] = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._font = QFont(self.font())
        self._font.setPointSizeF(self._font.pointSizeF() * 1.5)
        self._update_tip()

    def rating(self) -> Optional[int]:
        return self._rating

    def set_rating(self, rating: Optional[int]) -> None:
        self._rating = rating
        self._update_tip()
        self.update()

    def _update_tip(self) -> None:
        if self._rating is None:
            self.setToolTip(self.tr("The selected clips have different ratings"))
        else:
            self.setToolTip(self.tr("Rating: {stars} of 5 (keys 0–5)").format(stars=self._rating))

    def _star_width(self) -> float:
        return self.fontMetrics().horizontalAdvance(STAR) * 1.5 + 4

    def sizeHint(self) -> QSize:
        height = int(self.fontMetrics().height() * 1.5) + 4
        return QSize(int(self._star_width() * self.STAR_COUNT) + 4, height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _star_at(self, x: float) -> int:
        return max(1, min(self.STAR_COUNT, int(x // self._star_width()) + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        shown = self._hover if self._hover is not None else (self._rating or 0)
        filled = QColor("#e0a100") if self.isEnabled() else QColor("#b0b0b0")
        empty = self.palette().color(self.palette().ColorRole.Mid)
        width = self._star_width()
        for i in range(self.STAR_COUNT):
            rect = QRectF(i * width, 0, width, self.height())
            on = i < shown
            painter.setPen(filled if on else empty)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, STAR if on else NO_STAR)
        if self.hasFocus():
            painter.setPen(self.palette().color(self.palette().ColorRole.Highlight))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover = self._star_at(event.position().x())
        self.update()

    def leaveEvent(self, event) -> None:  # noqa: ANN001 - QEvent or QEnterEvent by Qt version
        self._hover = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        star = self._star_at(event.position().x())
        self._choose(0 if star == self._rating else star)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_5 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._choose(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Plus):
            self._choose(min(self.STAR_COUNT, (self._rating or 0) + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Minus):
            self._choose(max(0, (self._rating or 0) - 1))
        else:
            super().keyPressEvent(event)

    def _choose(self, rating: int) -> None:
        if rating == self._rating:
            return
        self.set_rating(rating)
        self.ratingChosen.emit(rating)


def refill_combo(combo: QComboBox, items: Sequence[tuple[str, Any]]) -> None:
    """Give a filter combo the items ``(text, data)``, keeping the one chosen (else the first); nothing is
    touched, and no signal sent, when it already holds them."""
    wanted = list(items)
    if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == wanted:
        return
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in wanted:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)


def split_tags(text: str) -> list[str]:
    """``"interview, b-roll ,, police"`` → ``["interview", "b-roll", "police"]`` (duplicates dropped)."""
    seen: dict[str, str] = {}
    for part in text.replace("，", ",").split(","):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


class TagsEdit(QLineEdit):
    """Comma-separated tags, completing the tag being typed from the catalogue's tags."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setWidget(self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.activated[str].connect(self._insert_completion)
        self.textEdited.connect(self._update_completion)

    def completer_model(self) -> QStringListModel:
        return self._names

    def set_known_tags(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def tags(self) -> list[str]:
        return split_tags(self.text())

    def set_tags(self, names: list[str]) -> None:
        self.setText(", ".join(names))
        self.setModified(False)

    def _current_word(self) -> str:
        return self.text()[: self.cursorPosition()].split(",")[-1].strip()

    def _update_completion(self, _text: str) -> None:
        word = self._current_word()
        if not word:
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(word)
        if self._completer.completionCount() > 0:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _insert_completion(self, name: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition():]
        head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
        text = head + name + ", "
        self.setText(text + after.lstrip(", "))
        self.setCursorPosition(len(text))
        self.setModified(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._completer.popup()
        if popup.isVisible() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape,
                                                 Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()  # the completer handles these
            return
        super().keyPressEvent(event)


class NotesEdit(QPlainTextEdit):
    """Plain-text notes; ``editingFinished`` when focus leaves (or Ctrl+Return) after a change."""

    editingFinished = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def set_notes(self, text: Optional[str]) -> None:
        self.setPlainText(text or "")
        self.document().setModified(False)

    def is_modified(self) -> bool:
        return self.document().isModified()

    def notes(self) -> Optional[str]:
        text = self.toPlainText().strip()
        return text or None

    def commit(self) -> None:
        if self.document().isModified():
            self.document().setModified(False)
            self.editingFinished.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit()
            return
        super().keyPressEvent(event)
