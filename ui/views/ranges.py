"""Markers and subclips of the selected clip: a panel to list, jump to, edit and delete them, and their undoable edits.

``RangeEditor`` is the one place the app adds, changes and removes markers and
subclips: each change goes through ``docmanager.catalogue.ranges`` at once and
is pushed onto the window's undo stack.  A command that makes a marker again
(undo of a delete, redo of an add) gets a new id from the catalogue; the
commands share a ``_Ref`` per marker so later commands follow it.

A change is based on the row as the person saw it (``seen``, with its
version).  When someone else changed the marker or subclip since, a field they
left alone is simply written over theirs; a field both changed goes to
``conflict_handler(conflicts)``, which answers True to keep this edit, False to
keep theirs (nothing is written, the panel shows theirs).

``RangesPanel`` lists the clip's markers and subclips in time order (start as
timecode at the clip's rate, duration, colour, note or name).  Double-click or
Enter asks to jump there (``jumpRequested``); the note, the name and the colour
are edited in place (F2, or a click on the selected cell); Del removes the
selected rows.  The panel also connects the ``Player``: what is marked there
(M, Shift+S) is written here, and the player's timeline is given the clip's
markers and subclips after every change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docmanager.catalogue.conflicts import FieldConflict, range_conflicts, range_values
from docmanager.catalogue.ranges import (
    COLOURS,
    MarkerRow,
    RangeClip,
    SubclipRow,
    add_marker_frames,
    add_subclip_frames,
    frame_start_ms,
    marker_row,
    markers_of,
    range_clip,
    remove_marker,
    remove_subclip,
    subclip_row,
    subclips_of,
    timecode,
    update_marker,
    update_subclip,
)
from docmanager.errors import ConflictError, DocManagerError, NotFoundError
from docmanager.project import Project
from ui.editing import DoneCommand
from ui.views.player import SUBCLIP_COLOUR, Player, colour_name, marker_colour

MARKER, SUBCLIP = "marker", "subclip"
COLOUR, START, DURATION, TEXT = range(4)


# ===================================================================== edits
class _Ref:
    """A marker or subclip as the undo commands know it: its id changes when it is made again."""

    def __init__(self, kind: str, id_: int) -> None:
        self.kind = kind
        self.id = id_


class _RangeCommand(DoneCommand):
    """A marker or subclip change, pushed after it was made; ``apply(project)``/``revert(project)`` redo and undo."""

    def __init__(self, editor: "RangeEditor", text: str, clip_id: int) -> None:
        super().__init__(text)
        self._editor = editor
        self.clip_id = clip_id

    def run(self, step) -> None:
        self._editor._run(self.clip_id, step)


class _AddOrRemove(_RangeCommand):
    """A marker or subclip added (``adding``) or removed; ``row`` is how it was, to make it again."""

    def __init__(self, editor: "RangeEditor", text: str, ref: _Ref, row: MarkerRow | SubclipRow,
                 adding: bool) -> None:
        super().__init__(editor, text, row.clip_id)
        self.ref = ref
        self.row = row
        self.adding = adding

    def _make(self, project: Project) -> None:
        self._editor._rebind(self.ref, self._editor._create(project, self.row))

    def _drop(self, project: Project) -> None:
        (remove_marker if self.ref.kind == MARKER else remove_subclip)(project, self.ref.id)

    def apply(self, project: Project) -> None:
        (self._make if self.adding else self._drop)(project)

    def revert(self, project: Project) -> None:
        (self._drop if self.adding else self._make)(project)


class _Change(_RangeCommand):
    """A note, name or colour changed: ``before`` and ``after`` are the fields as keyword arguments.

    Undo and redo write over a field only where it still says what this
    command left (or found) there; someone else's later change is asked about
    first (``conflict_handler``), as for a transcript line.
    """

    def __init__(self, editor: "RangeEditor", text: str, ref: _Ref, clip_id: int, before: dict, after: dict) -> None:
        super().__init__(editor, text, clip_id)
        self.ref = ref
        self.before = before
        self.after = after

    def _set(self, project: Project, values: dict, expected: dict) -> None:
        kind = self.ref.kind
        try:
            with project.session() as session:
                conflicts, now = range_conflicts(session, kind, self.ref.id, expected, None, values)
            current = range_values(kind, _fields(now, values))
            write = {key: value for key, value in range_values(kind, values).items() if current[key] != value}
            if conflicts and not self._editor.conflict_handler(conflicts):
                for conflict in conflicts:
                    write.pop(conflict.field, None)  # theirs stays
            if write:
                (update_marker if kind == MARKER else update_subclip)(project, self.ref.id,
                                                                      expected_version=now.version, **write)
        except NotFoundError as exc:
            raise self._editor.gone(kind) from exc

    def apply(self, project: Project) -> None:
        self._set(project, self.after, self.before)

    def revert(self, project: Project) -> None:
        self._set(project, self.before, self.after)


class RangeEditor(QObject):
    """Adds, changes and removes markers and subclips through the core, undoably."""

    changed = Signal(int)  # clip id whose markers or subclips changed
    failed = Signal(object)  # the DocManagerError (or OSError) of a change, undo or redo

    def __init__(self, undo_stack: QUndoStack, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._project: Optional[Project] = None
        self._refs: dict[tuple[str, int], _Ref] = {}
        # Asked when someone else changed a field this edit changes too: True keeps this edit.
        self.conflict_handler: Callable[[list[FieldConflict]], bool] = lambda _conflicts: False

    @property
    def project(self) -> Optional[Project]:
        return self._project

    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self._refs.clear()

    # --------------------------------------------------------------- reading
    def clip_info(self, clip_id: int) -> Optional[RangeClip]:
        if self._project is None:
            return None
        try:
            with self._project.session() as session:
                return range_clip(session, clip_id)
        except DocManagerError:
            return None

    def ranges(self, clip_id: int) -> tuple[list[MarkerRow], list[SubclipRow]]:
        if self._project is None:
            return [], []
        try:
            with self._project.session() as session:
                return markers_of(session, clip_id), subclips_of(session, clip_id)
        except DocManagerError as exc:
            self.failed.emit(exc)
            return [], []

    # --------------------------------------------------------------- helpers
    def _ref(self, kind: str, id_: int) -> _Ref:
        return self._refs.setdefault((kind, id_), _Ref(kind, id_))

    def _rebind(self, ref: _Ref, new_id: int) -> None:
        self._refs.pop((ref.kind, ref.id), None)
        ref.id = new_id
        self._refs[(ref.kind, new_id)] = ref

    @staticmethod
    def _create(project: Project, row: MarkerRow | SubclipRow) -> int:
        if isinstance(row, MarkerRow):
            return add_marker_frames(project, row.clip_id, row.frame, row.duration_frames, row.note, row.colour)
        return add_subclip_frames(project, row.clip_id, row.in_frame, row.out_frame, row.name, row.note)

    def _run(self, clip_id: int, fn) -> bool:
        """``fn(project)``; an error is reported, and the clip's markers are shown as they really are."""
        if self._project is None:
            return False
        try:
            fn(self._project)
            return True
        except (DocManagerError, OSError) as exc:
            self.failed.emit(exc)
            return False
        finally:
            self.changed.emit(clip_id)

    def gone(self, kind: str) -> NotFoundError:
        """The error for a marker or subclip deleted (by someone else) while it was shown."""
        return NotFoundError(self.tr("This marker was deleted after you opened it; your change was not saved.")
                             if kind == MARKER else
                             self.tr("This subclip was deleted after you opened it; your change was not saved."))

    def _read(self, kind: str, id_: int) -> MarkerRow | SubclipRow:
        assert self._project is not None
        with self._project.session() as session:
            return marker_row(session, id_) if kind == MARKER else subclip_row(session, id_)

    # ----------------------------------------------------------------- edits
    def add_marker(self, clip_id: int, frame: int, duration_frames: int = 0, note: str = "",
                   colour: str = "red") -> Optional[int]:
        return self._add(clip_id, MARKER, lambda p: add_marker_frames(p, clip_id, frame, duration_frames, note,
                                                                      colour),
                         self.tr("Add marker {note}").format(note=note).strip())

    def add_subclip(self, clip_id: int, in_frame: int, out_frame: int, name: str) -> Optional[int]:
        return self._add(clip_id, SUBCLIP, lambda p: add_subclip_frames(p, clip_id, in_frame, out_frame, name),
                         self.tr("Make subclip {name}").format(name=name))

    def _add(self, clip_id: int, kind: str, fn, text: str) -> Optional[int]:
        if self._project is None:
            return None
        made: list[int] = []
        if not self._run(clip_id, lambda p: made.append(fn(p))):
            return None
        new_id = made[0]
        try:
            row = self._read(kind, new_id)
        except DocManagerError as exc:
            self.failed.emit(exc)
            return new_id
        self.undo_stack.push(_AddOrRemove(self, text, self._ref(kind, new_id), row, adding=True))
        return new_id

    def change(self, kind: str, id_: int, seen: "Optional[RangeItem | MarkerRow | SubclipRow]" = None,
               **values: Any) -> bool:
        """Change a marker's ``note`` or ``colour``, or a subclip's ``name`` or ``note``; undoable.

        ``seen`` is the marker or subclip as the person saw it (its version and
        fields); without it the change is made over what is stored now.  False
        when nothing was written (an error, or theirs kept).
        """
        if self._project is None or not values:
            return False
        values = range_values(kind, values)  # as stored: an empty subclip note is none
        try:
            if seen is None:
                seen = self._read(kind, id_)
            clip_id = seen.clip_id or self._read(kind, id_).clip_id
        except NotFoundError:
            self.failed.emit(self.gone(kind))
            return False
        except DocManagerError as exc:
            self.failed.emit(exc)
            return False
        read = range_values(kind, _fields(seen, values))
        if read == values:
            return True
        update = update_marker if kind == MARKER else update_subclip
        before: dict = {}

        def _write(project: Project) -> Optional[bool]:
            """True: written; None: the catalogue already says so; False: theirs kept."""
            nonlocal read
            expected = seen.version
            for _attempt in range(3):
                try:
                    update(project, id_, expected_version=expected, **values)
                    before.update(read)  # what the write replaced: theirs, once they moved on
                    return True
                except ConflictError:
                    with project.session() as session:
                        conflicts, now = range_conflicts(session, kind, id_, read, expected, values)
                    if conflicts and not self.conflict_handler(conflicts):
                        return False  # theirs stays; the panel shows it
                    expected, read = now.version, range_values(kind, _fields(now, values))
                    if read == values:
                        return None  # they wrote what this edit writes
            raise ConflictError(self.tr("The marker or subclip kept changing while this edit was being saved; "
                                        "nothing was written."))

        def _write_or_say_gone(project: Project) -> None:
            try:
                written.append(_write(project))
            except NotFoundError as exc:
                raise self.gone(kind) from exc  # the panel, reloaded, shows it gone

        written: list[Optional[bool]] = []
        if not self._run(clip_id, _write_or_say_gone) or written[0] is False:
            return False
        if written[0] is None:
            return True
        if "colour" in values:
            text = self.tr("Marker colour {colour}").format(colour=colour_name(values["colour"]))
        elif kind == SUBCLIP and "name" in values:
            text = self.tr("Rename subclip {name}").format(name=values["name"])
        else:
            text = self.tr("Edit marker note") if kind == MARKER else self.tr("Edit subclip note")
        self.undo_stack.push(_Change(self, text, self._ref(kind, id_), clip_id, before, dict(values)))
        return True

    def remove(self, items: Sequence[tuple]) -> bool:
        """Remove markers and subclips as one undoable step.

        ``items`` are ``(kind, id)`` pairs, or ``(kind, id, version)`` as the
        panel showed them: one someone else changed since is not removed (the
        panel shows it as it is now, and the person decides again).
        """
        if self._project is None or not items:
            return False
        rows = []
        try:
            for kind, id_, *seen in items:
                try:
                    row = self._read(kind, id_)
                except NotFoundError:
                    continue  # deleted by someone else already: gone, as wished (nothing to undo)
                if seen and seen[0] and row.version != seen[0]:
                    what = self.tr("marker") if kind == MARKER else self.tr("subclip")
                    self.failed.emit(ConflictError(self.tr(
                        "Someone changed this {what} after you opened it; nothing was deleted. Look at it again "
                        "and delete it if it still should go.").format(what=what)))
                    self.changed.emit(row.clip_id)  # shown as it is now
                    return False
                rows.append((kind, row))
        except DocManagerError as exc:
            self.failed.emit(exc)
            return False
        if not rows:
            return False
        if len(rows) == 1:
            kind, row = rows[0]
            label = row.note if kind == MARKER else row.name
            text = (self.tr("Delete marker {note}") if kind == MARKER else
                    self.tr("Delete subclip {name}")).format(note=label, name=label).strip()
        else:
            text = self.tr("Delete {count} markers and subclips").format(count=len(rows))
        self.undo_stack.beginMacro(text)
        ok = True
        try:
            for kind, row in rows:
                ref = self._ref(kind, row.id)
                if not self._run(row.clip_id, lambda p, k=kind, i=row.id, v=row.version: (
                        remove_marker if k == MARKER else remove_subclip)(p, i, expected_version=v)):
                    ok = False
                    break
                self.undo_stack.push(_AddOrRemove(self, text, ref, row, adding=False))
        finally:
            self.undo_stack.endMacro()
        return ok


# ===================================================================== model
@dataclass(frozen=True)
class RangeItem:
    """One row of the panel: a marker or a subclip, in frames at its clip's rate."""

    kind: str
    id: int
    start: int  # frame
    length: int  # frames (0: a point marker)
    colour: str  # a marker's colour; "" for a subclip
    text: str  # a marker's note, a subclip's name
    note: str = ""  # a subclip's note
    version: int = field(default=0, compare=False)  # as read: an edit made from this row expects it
    clip_id: int = field(default=0, compare=False)

    def fields(self) -> dict[str, Any]:
        """The editable fields as ``update_marker``/``update_subclip`` name them."""
        if self.kind == MARKER:
            return {"note": self.text, "colour": self.colour}
        return {"name": self.text, "note": self.note or None}


def _fields(row: "RangeItem | MarkerRow | SubclipRow", keys: Mapping[str, Any]) -> dict[str, Any]:
    """The fields ``keys`` names of a row as shown (a panel item) or as read."""
    values = row.fields() if isinstance(row, RangeItem) else {key: getattr(row, key) for key in keys}
    return {key: values.get(key) for key in keys}


def swatch(colour: QColor, size: int = 12, bar: bool = False) -> QIcon:
    """A marker's colour as a square; a subclip's as a bar (as the player's timeline draws them)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 120))
    painter.setBrush(colour)
    if bar:
        painter.drawRoundedRect(0, size // 3, size - 1, size // 3 + 1, 2, 2)
    else:
        painter.drawRoundedRect(0, 0, size - 1, size - 1, 3, 3)
    painter.end()
    return QIcon(pixmap)


class RangesModel(QAbstractTableModel):
    """The clip's markers and subclips in time order; an edit is asked for (``editRequested``), not made."""

    editRequested = Signal(str, int, str, object)  # kind, id, field ("note", "name", "colour"), value

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.editable = True  # False when the user's role may not change markers
        self.items: list[RangeItem] = []
        self.rate = (25, 1)

    def set_items(self, items: list[RangeItem], rate: tuple[int, int]) -> None:
        self.beginResetModel()
        self.items = sorted(items, key=lambda i: (i.start, i.kind != MARKER, i.id))
        self.rate = rate
        self.endResetModel()

    def item(self, row: int) -> Optional[RangeItem]:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, kind: str, id_: int) -> Optional[int]:
        for row, item in enumerate(self.items):
            if (item.kind, item.id) == (kind, id_):
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ("", self.tr("Start"), self.tr("Duration"), self.tr("Note or name"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COLOUR:
            return self.tr("Colour (a bar: a subclip)")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.item(index.row())
        if item is not None and self.editable and \
                (index.column() == TEXT or (index.column() == COLOUR and item.kind == MARKER)):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.item(index.row())
        if item is None:
            return None
        column = index.column()
        num, den = self.rate
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COLOUR:
                return None  # the swatch says it; the name is in the tooltip (the panel is narrow)
            if column == START:
                return timecode(item.start, num, den)
            if column == DURATION:
                return timecode(item.length, num, den) if item.length else "—"
            if column == TEXT:
                return item.text
        if role == Qt.ItemDataRole.EditRole:
            if column == COLOUR:
                return item.colour
            if column == TEXT:
                return item.text
        if role == Qt.ItemDataRole.DecorationRole and column == COLOUR:
            return swatch(marker_colour(item.colour)) if item.kind == MARKER else swatch(SUBCLIP_COLOUR, bar=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COLOUR:
                return (self.tr("Marker, {colour}").format(colour=colour_name(item.colour)) if item.kind == MARKER
                        else self.tr("Subclip"))
            if column == TEXT and item.kind == SUBCLIP and item.note:
                return item.note
            if column == TEXT:
                return item.text or None
            if column == START:
                return self.tr("Double-click or Enter: play from here")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (START, DURATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == TEXT and not item.text:
            return QColor(128, 128, 128)
        if role == Qt.ItemDataRole.FontRole and column == TEXT and item.kind == SUBCLIP:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index.row())
        if item is None or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == COLOUR and item.kind == MARKER and value in COLOURS and value != item.colour:
            self.editRequested.emit(item.kind, item.id, "colour", value)
            return True
        if index.column() == TEXT:
            text = str(value or "").strip()
            if text == item.text:
                return False
            if item.kind == SUBCLIP and not text:
                return False  # a subclip keeps a name
            self.editRequested.emit(item.kind, item.id, "note" if item.kind == MARKER else "name", text)
            return True
        return False


class ColourDelegate(QStyledItemDelegate):
    """The colour column's editor: the core's colours, each with its swatch."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("markerColourEditor")
        for colour in COLOURS:
            combo.addItem(swatch(marker_colour(colour)), colour_name(colour), colour)
        combo.activated.connect(lambda _i, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        """A colour chosen is the edit made: write it and close the list (the panel then shows it)."""
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


# ===================================================================== panel
class RangesTable(QTableView):
    """Enter asks to jump (like a double-click) unless a cell is being edited."""

    activatedRow = Signal(int)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState and self.currentIndex().isValid():
            self.activatedRow.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class RangesPanel(QWidget):
    """The selected clip's markers and subclips; what is marked in ``player`` is written through ``editor``."""

    jumpRequested = Signal(int, int)  # clip id, ms: play the clip from there

    def __init__(self, player: Player, editor: RangeEditor, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("rangesPanel")
        self.player = player
        self.editor = editor
        self._clip: Optional[RangeClip] = None
        self._shown: Optional[int] = None  # the clip whose rows the table holds
        self._stale = False  # a reload waits for the cell being edited to close
        self.model = RangesModel(self)

        self.title = QLabel()
        self.title.setObjectName("rangesTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("rangesCount")
        self.count_label.setEnabled(False)

        self.table = RangesTable()
        self.table.setObjectName("rangesTable")
        self.table.setModel(self.model)
        colour_delegate = ColourDelegate(self.table)
        self.table.setItemDelegateForColumn(COLOUR, colour_delegate)
        for delegate in (self.table.itemDelegate(), colour_delegate):
            delegate.closeEditor.connect(self._on_editor_closed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed |
                                   QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)  # a long note wraps (the panel is narrow); rows fit their text
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setIconSize(QSize(12, 12))
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(COLOUR, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COLOUR, 26)
        for column in (START, DURATION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(metrics.horizontalAdvance("00:00:00;00"),
                                             metrics.horizontalAdvance(self.model.headerData(
                                                 column, Qt.Orientation.Horizontal))) + 12)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.empty = QLabel()
        self.empty.setObjectName("rangesEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setMargin(16)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        self.delete_action = QAction(self.tr("Delete"), self)
        self.delete_action.setObjectName("deleteRanges")
        self.delete_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")])
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(lambda _checked=False: self.delete_selected())
        self.table.addAction(self.delete_action)
        self.jump_action = QAction(self.tr("Play from Here"), self)
        self.jump_action.triggered.connect(lambda _checked=False: self.jump_to_current())
        self.edit_action = QAction(self.tr("Edit Note or Name"), self)
        self.edit_action.triggered.connect(lambda _checked=False: self.edit_current())

        self.delete_button = QToolButton()
        self.delete_button.setObjectName("deleteRangesButton")
        self.delete_button.setDefaultAction(self.delete_action)
        self.delete_button.setToolTip(self.tr("Delete the selected markers and subclips (Del)"))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)

        self.table.doubleClicked.connect(lambda index: self.jump_to_row(index.row()))
        self.table.activatedRow.connect(self.jump_to_row)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.editRequested.connect(self._on_edit_requested)
        self.model.modelReset.connect(self._update_buttons)
        editor.changed.connect(self._on_changed)
        player.markerRequested.connect(self._on_marker_requested)
        player.subclipRequested.connect(self._on_subclip_requested)
        self.show_clip(None)

    # ----------------------------------------------------------------- clip
    def clip_id(self) -> Optional[int]:
        return self._clip.clip_id if self._clip is not None else None

    def show_clip(self, clip_id: Optional[int], several: bool = False) -> None:
        """List the markers and subclips of ``clip_id`` (None: nothing, or several clips selected)."""
        self._clip = self.editor.clip_info(clip_id) if clip_id is not None else None
        self.reload()
        if self._clip is None:
            self.title.setText(self.tr("Markers"))
            self.empty.setText(self.tr("Select one clip to see its markers and subclips.") if several else
                               self.tr("Select a clip to see its markers and subclips."))

    def reload(self) -> None:
        """Read the clip's markers and subclips again (once the cell being edited, if any, is closed: what is
        typed stays, and is written over what changed meanwhile as an edit from a stale view)."""
        if self._clip is not None and self._shown == self._clip.clip_id and \
                self.table.state() == QAbstractItemView.State.EditingState:
            self._stale = True
            return
        self._stale = False
        self._shown = self._clip.clip_id if self._clip is not None else None
        if self._clip is None:
            self.model.set_items([], (25, 1))
            self.stack.setCurrentWidget(self.empty)
            self.count_label.setText("")
            return
        markers, subclips = self.editor.ranges(self._clip.clip_id)
        items = [RangeItem(MARKER, m.id, m.frame, m.duration_frames, m.colour, m.note, version=m.version,
                           clip_id=m.clip_id) for m in markers]
        items += [RangeItem(SUBCLIP, s.id, s.in_frame, s.out_frame - s.in_frame, "", s.name, s.note or "",
                            version=s.version, clip_id=s.clip_id) for s in subclips]
        self.model.set_items(items, (self._clip.rate_num, self._clip.rate_den))
        self.title.setText(self.tr("Markers of {clip}").format(clip=self._clip.name))
        self.empty.setText(self.tr("No markers or subclips yet.\n\nIn the player (Transcript tab): I and O set "
                                   "In and Out, M adds a marker, Shift+S makes a subclip."))
        self.stack.setCurrentWidget(self.table if items else self.empty)
        self.count_label.setText(self.tr("{markers} markers, {subclips} subclips").format(
            markers=len(markers), subclips=len(subclips)) if items else "")

    def _on_editor_closed(self, *_args) -> None:
        """The cell edited is closed: show what changed meanwhile, keeping the rows selected."""
        if not self._stale:
            return
        kept = {(item.kind, item.id) for item in self.selected_items()}
        self.reload()
        rows = [row for row, item in enumerate(self.model.items) if (item.kind, item.id) in kept]
        if rows:
            selection = QItemSelection()
            for row in rows:
                selection.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
            selections = self.table.selectionModel()
            selections.setCurrentIndex(self.model.index(rows[0], TEXT), QItemSelectionModel.SelectionFlag.NoUpdate)
            selections.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def attach_player(self, clip_id: Optional[int]) -> None:
        """The player has opened ``clip_id``'s file: give it the clip's rate, markers and subclips."""
        info = self.editor.clip_info(clip_id) if clip_id is not None else None
        self.player.set_clip(info)
        if info is not None:
            self.player.set_ranges(*self.editor.ranges(info.clip_id))

    def _on_changed(self, clip_id: int) -> None:
        if self._clip is not None and clip_id == self._clip.clip_id:
            self.reload()
        player_clip = self.player.clip()
        if player_clip is not None and player_clip.clip_id == clip_id:
            self.player.set_ranges(*self.editor.ranges(clip_id))

    # ---------------------------------------------------------------- writes
    def _on_marker_requested(self, clip_id: int, frame: int, length: int, note: str, colour: str) -> None:
        marker_id = self.editor.add_marker(clip_id, frame, length, note, colour)
        if marker_id is not None:
            self.select(MARKER, marker_id)

    def _on_subclip_requested(self, clip_id: int, in_frame: int, out_frame: int, name: str) -> None:
        subclip_id = self.editor.add_subclip(clip_id, in_frame, out_frame, name)
        if subclip_id is not None:
            self.select(SUBCLIP, subclip_id)

    def _on_edit_requested(self, kind: str, id_: int, field: str, value: object) -> None:
        row = self.model.row_of(kind, id_)
        self.editor.change(kind, id_, self.model.item(row) if row is not None else None, **{field: value})
        self.select(kind, id_)

    def select(self, kind: str, id_: int) -> bool:
        row = self.model.row_of(kind, id_)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_items(self) -> list[RangeItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [item for item in (self.model.item(r) for r in rows) if item is not None]

    def delete_selected(self) -> bool:
        """Del: remove the selected markers and subclips (one undoable step)."""
        items = self.selected_items()
        if not items:
            return False
        row = min(self.model.row_of(i.kind, i.id) or 0 for i in items)
        ok = self.editor.remove([(i.kind, i.id, i.version) for i in items])
        if not ok:
            self.reload()  # shown as it is now (what was deleted elsewhere gone)
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        return ok

    # ----------------------------------------------------------------- jumps
    def jump_to_row(self, row: int) -> None:
        item = self.model.item(row)
        if item is None or self._clip is None:
            return
        self.jumpRequested.emit(self._clip.clip_id, frame_start_ms(item.start, *self.model.rate))

    def jump_to_current(self) -> None:
        if self.table.currentIndex().isValid():
            self.jump_to_row(self.table.currentIndex().row())

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(self.model.index(index.row(), TEXT))

    def set_editable(self, allowed: bool, reason: str = "") -> None:
        """Let markers and subclips be changed, or not (the user's role)."""
        self.model.editable = allowed
        self.edit_action.setEnabled(allowed)
        self.delete_button.setToolTip(reason)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_action.setEnabled(self.model.editable and bool(self.table.selectionModel().selectedRows()))

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        item = self.model.item(index.row())
        menu = QMenu(self)
        menu.addAction(self.jump_action)
        menu.addAction(self.edit_action)
        if item is not None and item.kind == MARKER:
            colours = menu.addMenu(self.tr("Colour"))
            for colour in COLOURS:
                act = colours.addAction(swatch(marker_colour(colour)), colour_name(colour))
                act.setCheckable(True)
                act.setChecked(colour == item.colour)
                act.triggered.connect(lambda _checked=False, c=colour, i=item: self.editor.change(MARKER, i.id, i,
                                                                                                 colour=c))
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))
