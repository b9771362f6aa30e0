"""The Cuts tab: rough cuts made from what people said ("paper edit").

On the left the project's cuts (name, version, rate, duration, items) with
New Cut, Duplicate as New Version and Export; beside them a player that plays
the chosen cut item after item (:class:`~ui.views.cut_player.CutPlayer`).
Below, the cut's items in order -- record in, the words or the clip, source in
and out as time code, duration, track -- under the warnings of the cut
(people flagged minor, no-face ..., offline media) in red, and the time line
(:class:`~ui.views.timeline.TimelineView`) with, in a tab beside it, the
provenance of the selected item (:class:`~ui.views.provenance_panel.ProvenancePanel`).

Transcript lines dragged from the transcript editor or the search results
(``SEGMENTS_MIME``) onto the items or the time line become items where they
are dropped, one item per line, in the order they were selected; "Add to Cut"
in those views appends them to the current cut.  Items are reordered by drag
(in the list or on the time line), trimmed with the In and Out fields or by
dragging their edges on the time line, and removed with Del.  Every change of
items is a core call (``add_item``, ``move_item``, ``trim_item``,
``remove_item``) made through :class:`CutEditor`, undoable on the window's
undo stack.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Optional, Sequence

import opentimelineio as otio
from PySide6.QtCore import QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docmanager.cuts.model import add_item, duplicate_cut, move_item, new_cut, remove_item, restore_item, trim_item
from docmanager.errors import DocManagerError
from docmanager.project import Project
from ui.editing import DoneCommand
from ui.errors import show_error
from ui.models.cut_items import (
    ITEMS_MIME,
    SEGMENTS_MIME,
    CutData,
    CutItemsModel,
    CutListModel,
    ItemRow,
    item_ids_of,
    read_cut,
    read_cuts,
    segment_ids_of,
    timecode,
)
from ui.tasks import TaskRunner
from ui.views.cut_player import CutPlayer
from ui.views.player import Player
from ui.views.provenance_panel import ProvenancePanel
from ui.views.timeline import MAX_ZOOM, MIN_ZOOM, TimelineView

DEFAULT_CUT_NAME = "Rough cut"
RATES = [("25", "25"), ("50i", "50i (25 frames)"), ("24", "24"), ("24000/1001", "23.976"), ("30", "30"),
         ("30000/1001", "29.97"), ("50", "50"), ("60000/1001", "59.94")]


# ====================================================================== undo
class ItemRef:
    """An item as the undo stack knows it: its id changes when a removal is undone."""

    __slots__ = ("id",)

    def __init__(self, item_id: int) -> None:
        self.id = item_id


@dataclass(frozen=True)
class ItemSnapshot:
    """Everything needed to put an item back (``restore_item``)."""

    clip_id: int
    source_in: int
    source_out: int
    track: str
    position: int
    segment_ids: tuple[int, ...]
    subclip_id: Optional[int]
    note: Optional[str]

    @classmethod
    def of(cls, item: ItemRow) -> "ItemSnapshot":
        return cls(item.clip_id, item.source_in, item.source_out, item.track, item.position, item.segment_ids,
                   item.subclip_id, item.note)


class _CutCommand(DoneCommand):
    """A change of a cut's items, made before the push; ``apply`` makes it again, ``revert`` takes it back."""

    def __init__(self, editor: "CutEditor", text: str, cut_id: int) -> None:
        super().__init__(text)
        self.editor = editor
        self.cut_id = cut_id

    def run(self, step) -> None:
        self.editor._run(self.cut_id, step)


class _ItemsInOut(_CutCommand):
    """Items added (``adding``) or removed; the other way round puts them back exactly."""

    def __init__(self, editor: "CutEditor", text: str, cut_id: int, refs: list[ItemRef],
                 snapshots: list[ItemSnapshot], adding: bool) -> None:
        super().__init__(editor, text, cut_id)
        self.refs = refs
        self.snapshots = snapshots
        self.adding = adding

    def _remove(self) -> None:
        for ref in self.refs:
            remove_item(self.editor.require_project(), ref.id)

    def _restore(self) -> None:
        project = self.editor.require_project()
        pairs = sorted(zip(self.refs, self.snapshots), key=lambda p: (p[1].track, p[1].position))
        for ref, snap in pairs:
            new_id = restore_item(project, self.cut_id, clip_id=snap.clip_id, source_in=snap.source_in,
                                  source_out=snap.source_out, track=snap.track, position=snap.position,
                                  segment_ids=snap.segment_ids, subclip_id=snap.subclip_id, note=snap.note)
            self.editor.renamed(ref, new_id)

    def apply(self) -> None:
        self._restore() if self.adding else self._remove()

    def revert(self) -> None:
        self._remove() if self.adding else self._restore()


class _MoveCommand(_CutCommand):
    def __init__(self, editor: "CutEditor", text: str, cut_id: int, ref: ItemRef, before: tuple[str, int],
                 after: tuple[str, int]) -> None:
        super().__init__(editor, text, cut_id)
        self.ref, self.before, self.after = ref, before, after

    def apply(self) -> None:
        move_item(self.editor.require_project(), self.ref.id, self.after[1], self.after[0])

    def revert(self) -> None:
        move_item(self.editor.require_project(), self.ref.id, self.before[1], self.before[0])


class _TrimCommand(_CutCommand):
    def __init__(self, editor: "CutEditor", text: str, cut_id: int, ref: ItemRef, rate: Fraction,
                 before: tuple[int, int], after: tuple[int, int]) -> None:
        super().__init__(editor, text, cut_id)
        self.ref, self.rate, self.before, self.after = ref, rate, before, after

    def _set(self, frames: tuple[int, int]) -> None:
        trim_item(self.editor.require_project(), self.ref.id, in_s=_seconds(frames[0], self.rate),
                  out_s=_seconds(frames[1], self.rate))

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


def _seconds(frames: int, rate: Fraction) -> Fraction:
    """Exact seconds of a frame (the core snaps them to the nearest frame: the same one)."""
    return Fraction(frames) / rate


class CutEditor(QObject):
    """The one place the app changes the items of a cut; each change is undoable."""

    changed = Signal(int)  # cut id
    failed = Signal(object)

    def __init__(self, undo_stack: QUndoStack, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._project: Optional[Project] = None
        self._refs: dict[int, ItemRef] = {}

    @property
    def project(self) -> Optional[Project]:
        return self._project

    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self._refs.clear()

    def require_project(self) -> Project:
        if self._project is None:
            raise DocManagerError("no project is open")
        return self._project

    def ref(self, item_id: int) -> ItemRef:
        if item_id not in self._refs:
            self._refs[item_id] = ItemRef(item_id)
        return self._refs[item_id]

    def renamed(self, ref: ItemRef, new_id: int) -> None:
        self._refs.pop(ref.id, None)
        ref.id = new_id
        self._refs[new_id] = ref

    def _run(self, cut_id: int, fn: Callable[[], object]) -> bool:
        try:
            fn()
        except (DocManagerError, OSError) as exc:
            self.failed.emit(exc)
            self.changed.emit(cut_id)  # show what is in the catalogue now
            return False
        self.changed.emit(cut_id)
        return True

    # ----------------------------------------------------------- edits
    def add_segments(self, cut_id: int, segment_ids: Sequence[int], track: str = "V1",
                     position: Optional[int] = None) -> list[int]:
        """One item per transcript line, in the order given, at ``position`` of ``track`` (None: the end)."""
        if self._project is None or not segment_ids:
            return []
        project = self._project
        added: list[int] = []
        error: Optional[BaseException] = None
        for offset, segment_id in enumerate(dict.fromkeys(int(i) for i in segment_ids)):
            try:
                added.append(add_item(project, cut_id, segment_ids=[segment_id], track=track,
                                      position=None if position is None else position + offset))
            except (DocManagerError, OSError) as exc:
                error = exc
                break
        if added:
            with project.session() as session:
                data = read_cut(session, cut_id)
            rows = [data.item(i) for i in added]
            snapshots = [ItemSnapshot.of(r) for r in rows if r is not None]
            text = self.tr("Add 1 line to the cut") if len(added) == 1 else \
                self.tr("Add {count} lines to the cut").format(count=len(added))
            self.undo_stack.push(_ItemsInOut(self, text, cut_id, [self.ref(i) for i in added], snapshots,
                                             adding=True))
        if error is not None:
            self.failed.emit(error)
        self.changed.emit(cut_id)
        return added

    def move(self, cut_id: int, item: ItemRow, track: str, position: int) -> bool:
        if self._project is None or (track == item.track and position == item.position):
            return False
        project = self._project
        if not self._run(cut_id, lambda: move_item(project, item.id, position, track,
                                                   expected_version=item.version)):
            return False
        self.undo_stack.push(_MoveCommand(self, self.tr("Move {name}").format(name=item.name), cut_id,
                                          self.ref(item.id), (item.track, item.position), (track, position)))
        return True

    def trim(self, cut_id: int, item: ItemRow, in_frame: Optional[int] = None,
             out_frame: Optional[int] = None) -> bool:
        """Set the item's in and/or out point (frames of its clip)."""
        start = item.source_in if in_frame is None else int(in_frame)
        end = item.source_out if out_frame is None else int(out_frame)
        if self._project is None or (start, end) == (item.source_in, item.source_out):
            return False
        project = self._project
        if not self._run(cut_id, lambda: trim_item(project, item.id, in_s=_seconds(start, item.clip_rate),
                                                   out_s=_seconds(end, item.clip_rate),
                                                   expected_version=item.version)):
            return False
        self.undo_stack.push(_TrimCommand(self, self.tr("Trim {name}").format(name=item.name), cut_id,
                                          self.ref(item.id), item.clip_rate, (item.source_in, item.source_out),
                                          (start, end)))
        return True

    def remove(self, cut_id: int, items: Sequence[ItemRow]) -> bool:
        if self._project is None or not items:
            return False
        project = self._project
        items = list(items)

        def _remove() -> None:
            for item in items:
                remove_item(project, item.id, expected_version=item.version)

        if not self._run(cut_id, _remove):
            return False
        text = self.tr("Remove {name}").format(name=items[0].name) if len(items) == 1 else \
            self.tr("Remove {count} items").format(count=len(items))
        self.undo_stack.push(_ItemsInOut(self, text, cut_id, [self.ref(i.id) for i in items],
                                         [ItemSnapshot.of(i) for i in items], adding=False))
        return True


# ====================================================================== widgets
class NewCutDialog(QDialog):
    """Name, frame rate and handles of a new cut."""

    def __init__(self, suggestion: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Cut"))
        self.name = QLineEdit(suggestion)
        self.name.setObjectName("newCutName")
        self.name.selectAll()
        self.rate = QComboBox()
        for value, label in RATES:
            self.rate.addItem(label, value)
        self.handles = QSpinBox()
        self.handles.setRange(0, 10_000)
        self.handles.setSingleStep(250)
        self.handles.setSuffix(self.tr(" ms"))
        self.handles.setToolTip(self.tr("Media kept before and after each transcript line added to the cut"))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Frame rate:"), self.rate)
        form.addRow(self.tr("Handles:"), self.handles)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok)
                                      .setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "rate": self.rate.currentData(),
                "handles_ms": self.handles.value()}


class CutItemsTable(QTableView):
    """The items; transcript lines and the table's own rows can be dropped between them."""

    segmentsDropped = Signal(list, str, int)  # segment ids, track, position
    itemMoveDropped = Signal(int, str, int)  # item id, track, position

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("cutItems")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def model(self) -> CutItemsModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def drop_target(self, pos: QPoint, moving: Optional[ItemRow] = None) -> tuple[str, int]:
        """Track and position of a drop at ``pos``: before or after the row under it."""
        model = self.model()
        index = self.indexAt(pos)
        item = model.item(index.row()) if index.isValid() else None
        if item is None:
            track = moving.track if moving is not None else "V1"
            count = len([i for i in model.cut.track_items(track) if moving is None or i.id != moving.id])
            return track, count
        after = pos.y() > self.visualRect(index).center().y()
        position = item.position + (1 if after else 0)
        if moving is not None and moving.track == item.track and moving.position < position:
            position -= 1
        return item.track, position

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return self.model() is not None and self.model().cut.id is not None and \
            (mime.hasFormat(SEGMENTS_MIME) or mime.hasFormat(ITEMS_MIME))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        super().dragEnterEvent(event)
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        super().dragMoveEvent(event)
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if not self._accepts(event):
            event.ignore()
            return
        mime = event.mimeData()
        pos = event.position().toPoint()
        segments = segment_ids_of(mime)
        if segments:
            track, position = self.drop_target(pos)
            event.acceptProposedAction()
            # After the drag has ended: the edit reads the cut again and resets the rows.
            QTimer.singleShot(0, lambda: self.segmentsDropped.emit(segments, track, position))
            return
        items = item_ids_of(mime)
        moving = self.model().cut.item(items[0]) if items else None
        if moving is None:
            event.ignore()
            return
        track, position = self.drop_target(pos, moving)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        QTimer.singleShot(0, lambda: self.itemMoveDropped.emit(moving.id, track, position))


class TimecodeEdit(QLineEdit):
    """A time code (HH:MM:SS:FF) at a rate; ``frameEdited(frames)`` when a valid one is entered."""

    frameEdited = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._rate = Fraction(25)
        self._frames: Optional[int] = None
        self.setMaxLength(11)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00:00:00:00") + 18)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(self._commit)

    def set_frames(self, frames: Optional[int], rate: Fraction) -> None:
        self._rate = rate
        self._frames = frames
        self.setText(timecode(frames, rate) if frames is not None else "")

    def frames(self) -> Optional[int]:
        return self._frames

    def parse(self, text: str) -> Optional[int]:
        try:
            return int(round(otio.opentime.from_timecode(text.strip(), float(self._rate)).value))
        except (ValueError, TypeError):
            return None

    def _commit(self) -> None:
        if self._frames is None:
            return
        frames = self.parse(self.text())
        if frames is None:
            self.setText(timecode(self._frames, self._rate))
            return
        if frames != self._frames:
            self.frameEdited.emit(frames)


class CutsView(QWidget):
    """The project's cuts, the chosen cut's items and warnings, its time line and its player."""

    message = Signal(str)  # for the status bar

    def __init__(self, tasks: TaskRunner, undo_stack: QUndoStack, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._editable = True  # False when the user's role may not change cuts
        self._locked_reason = ""
        self.setObjectName("cutsView")
        self.tasks = tasks
        self.editor = CutEditor(undo_stack, self)
        self._project: Optional[Project] = None
        self._stale = False
        self._syncing = False

        # --- cuts
        self.cut_model = CutListModel(self)
        self.cut_list = QTableView()
        self.cut_list.setObjectName("cutList")
        self.cut_list.setModel(self.cut_model)
        self.cut_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cut_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cut_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cut_list.verticalHeader().setVisible(False)
        self.cut_list.setShowGrid(False)
        self.cut_list.setAlternatingRowColors(True)
        header = self.cut_list.horizontalHeader()
        header.setSectionResizeMode(CutListModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (CutListModel.VERSION, CutListModel.RATE, CutListModel.DURATION, CutListModel.ITEMS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.new_button = QPushButton(self.tr("New Cut…"))
        self.new_button.setObjectName("newCut")
        self.duplicate_button = QPushButton(self.tr("New Version"))
        self.duplicate_button.setObjectName("duplicateCut")
        self.duplicate_button.setToolTip(self.tr("Duplicate the cut as its next version (v2, v3 …) and go on "
                                                 "editing the copy"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportCut")
        self.export_button.setToolTip(self.tr("Export the cut for an editing application, render a screener "
                                              "or a contact sheet"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.duplicate_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        cuts_title = QLabel(self.tr("Cuts"))
        bold = cuts_title.font()
        bold.setBold(True)
        cuts_title.setFont(bold)
        cuts_panel = QWidget()
        cuts_layout = QVBoxLayout(cuts_panel)
        cuts_layout.setContentsMargins(0, 4, 0, 0)
        cuts_layout.addWidget(cuts_title)
        cuts_layout.addWidget(self.cut_list, 1)
        cuts_layout.addLayout(buttons)

        # --- player
        self.player = Player()
        self.player.setObjectName("cutPlayer")
        self.cut_player = CutPlayer(self.player, self)
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.setObjectName("cutsTop")
        self.top.addWidget(cuts_panel)
        self.top.addWidget(self.player)
        self.top.setStretchFactor(0, 3)
        self.top.setStretchFactor(1, 2)
        self.top.setChildrenCollapsible(False)
        self.top.setSizes([400, 440])

        # --- items
        self.title = QLabel()
        self.title.setObjectName("cutTitle")
        self.title.setFont(bold)
        self.warnings = QListWidget()
        self.warnings.setObjectName("cutWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.warnings.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.warnings.setStyleSheet("QListWidget#cutWarnings { background: #fdecea; color: #8a1c12; "
                                    "border: 1px solid #e8a39c; border-radius: 3px; font-weight: 600; }")
        self.warnings.setVisible(False)
        self.items_model = CutItemsModel(self)
        self.items = CutItemsTable()
        self.items.setModel(self.items_model)
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CutItemsModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.in_edit = TimecodeEdit()
        self.in_edit.setObjectName("itemIn")
        self.in_edit.setToolTip(self.tr("Source in point of the selected item (time code of its clip)"))
        self.out_edit = TimecodeEdit()
        self.out_edit.setObjectName("itemOut")
        self.out_edit.setToolTip(self.tr("Source out point of the selected item (the first frame after it)"))
        self.length_label = QLabel()
        style = self.style()
        self.earlier_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
                                         self.tr("Move earlier (Alt+Up)"))
        self.later_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                                       self.tr("Move later (Alt+Down)"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeItem")
        self.remove_button.setToolTip(self.tr("Take the selected items out of the cut (Del)"))
        trim_bar = QHBoxLayout()
        trim_bar.setContentsMargins(0, 0, 0, 0)
        trim_bar.addWidget(QLabel(self.tr("In:")))
        trim_bar.addWidget(self.in_edit)
        trim_bar.addSpacing(6)
        trim_bar.addWidget(QLabel(self.tr("Out:")))
        trim_bar.addWidget(self.out_edit)
        trim_bar.addSpacing(6)
        trim_bar.addWidget(self.length_label)
        trim_bar.addStretch(1)
        trim_bar.addWidget(self.earlier_button)
        trim_bar.addWidget(self.later_button)
        trim_bar.addWidget(self.remove_button)
        items_panel = QWidget()
        items_layout = QVBoxLayout(items_panel)
        items_layout.setContentsMargins(0, 4, 0, 0)
        items_layout.setSpacing(4)
        items_layout.addWidget(self.title)
        items_layout.addWidget(self.warnings)
        items_layout.addWidget(self.items, 1)
        items_layout.addLayout(trim_bar)

        # --- time line
        self.timeline = TimelineView()
        self.play_button = self._tool(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
                                      self.tr("Play the cut from the playhead (Space)"))
        self.play_button.setObjectName("playCut")
        self.time_label = QLabel("00:00:00:00")
        self.time_label.setObjectName("cutTime")
        mono = self.time_label.font()
        mono.setFamily("monospace")
        mono.setStyleHint(mono.StyleHint.TypeWriter)
        self.time_label.setFont(mono)
        self.zoom_slider = QSlider(Qt.Orientation.Horizontal)
        self.zoom_slider.setObjectName("timelineZoom")
        self.zoom_slider.setRange(0, 1000)
        self.zoom_slider.setMaximumWidth(200)
        self.zoom_slider.setToolTip(self.tr("Zoom the time line (Ctrl+wheel)"))
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole cut"))
        transport = QHBoxLayout()
        transport.setContentsMargins(0, 0, 0, 0)
        transport.addWidget(self.play_button)
        transport.addWidget(self.time_label)
        transport.addStretch(1)
        transport.addWidget(QLabel(self.tr("Zoom:")))
        transport.addWidget(self.zoom_slider)
        transport.addWidget(self.fit_button)
        timeline_panel = QWidget()
        timeline_layout = QVBoxLayout(timeline_panel)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.setSpacing(2)
        timeline_layout.addLayout(transport)
        timeline_layout.addWidget(self.timeline, 1)

        # --- where the selected item came from, in a tab beside the time line
        self.provenance = ProvenancePanel()
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setObjectName("cutsLowerTabs")
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(timeline_panel, self.tr("Time Line"))
        self.lower_tabs.addTab(self.provenance, self.tr("Provenance"))
        self.lower_tabs.setTabToolTip(1, self.tr("Where the selected item came from: its clip, files, hashes, "
                                                 "card, offload, MHL, verification and subtitle approvals"))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("cutsSplitter")
        self.splitter.addWidget(self.top)
        self.splitter.addWidget(items_panel)
        self.splitter.addWidget(self.lower_tabs)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([220, 250, 270])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # --- actions
        self.new_action = self._action(self.tr("&New Cut…"), None, self.new_cut_dialog, "newCutAction")
        self.duplicate_action = self._action(self.tr("New &Version of Cut"), None, self.duplicate_current,
                                             "duplicateCutAction")
        self.export_action = self._action(self.tr("&Export Cut…"), QKeySequence("Ctrl+Shift+E"),
                                          self.open_export, "exportCutAction", window=True)
        self.remove_action = self._action(self.tr("Remove from Cut"), QKeySequence(Qt.Key.Key_Delete),
                                          self.remove_selected, "removeItems")
        self.remove_action.setShortcuts([QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)])
        self.earlier_action = self._action(self.tr("Move Earlier"), QKeySequence("Alt+Up"),
                                           lambda: self.move_selected(-1), "moveEarlier")
        self.later_action = self._action(self.tr("Move Later"), QKeySequence("Alt+Down"),
                                         lambda: self.move_selected(1), "moveLater")
        self.play_item_action = self._action(self.tr("Play from This Item"), None, self.play_selected, "playItem")
        self.play_action = self._action(self.tr("Play/Pause Cut"), QKeySequence(Qt.Key.Key_Space),
                                        self.cut_player.toggle, "playCutAction")
        for act in self.player.shortcut_actions():  # the clip's keys would fight the cut's
            self.player.removeAction(act)

        # --- wiring
        self.new_button.clicked.connect(self.new_cut_dialog)
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.export_button.clicked.connect(self.open_export)
        self.cut_list.selectionModel().currentRowChanged.connect(lambda current, _prev: self._on_cut_chosen())
        self.items.selectionModel().selectionChanged.connect(lambda *_args: self._on_items_selected())
        self.items.segmentsDropped.connect(self.add_segments)
        self.items.itemMoveDropped.connect(self.move_item)
        self.items.doubleClicked.connect(lambda index: self.play_selected())
        self.items.customContextMenuRequested.connect(self._context_menu)
        self.timeline.itemClicked.connect(self.select_item)
        self.timeline.seekRequested.connect(self.cut_player.seek_frame)
        self.timeline.moveRequested.connect(self.move_item)
        self.timeline.trimRequested.connect(self._on_timeline_trim)
        self.timeline.segmentsDropped.connect(self.add_segments)
        self.timeline.zoomChanged.connect(self._show_zoom)
        self.zoom_slider.valueChanged.connect(self._on_zoom_slider)
        self.fit_button.clicked.connect(self.timeline.fit)
        self.in_edit.frameEdited.connect(lambda frames: self.trim_selected(in_frame=frames))
        self.out_edit.frameEdited.connect(lambda frames: self.trim_selected(out_frame=frames))
        self.earlier_button.clicked.connect(self.earlier_action.trigger)
        self.later_button.clicked.connect(self.later_action.trigger)
        self.remove_button.clicked.connect(self.remove_action.trigger)
        self.play_button.clicked.connect(self.cut_player.toggle)
        self.player.playingChanged.connect(self._on_playing)
        self.cut_player.playheadChanged.connect(self._on_playhead)
        self.cut_player.currentItemChanged.connect(self._follow_item)
        self.cut_player.problem.connect(self.message)
        self.editor.changed.connect(self._on_changed)
        self.editor.failed.connect(lambda exc: show_error(self, self.tr("The cut was not changed"), exc))
        self._show_zoom(self.timeline.zoom())
        self._update_state()

    @staticmethod
    def _tool(icon, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def _action(self, text: str, shortcut: Optional[QKeySequence], slot: Callable[[], object], name: str,
                window: bool = False) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(shortcut)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut if window
                                   else Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _checked=False: slot())
        if not window:
            self.addAction(act)
        return act

    # ============================================================ state
    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self.editor.set_project(project)
        self.cut_player.set_project(project)
        self.provenance.set_project(project)
        self.cut_model.set_rows([])
        self.items_model.set_cut(CutData())
        self.timeline.set_cut(CutData())
        if project is not None:
            self.reload()
        self._update_state()

    def project(self) -> Optional[Project]:
        return self._project

    def current_cut_id(self) -> Optional[int]:
        return self.items_model.cut.id

    def cut(self) -> CutData:
        return self.items_model.cut

    def reload(self, select: Optional[int] = None) -> None:
        """Read the cuts and the chosen cut again (after an edit, an undo, or someone else's change)."""
        if self._project is None:
            return
        keep = select if select is not None else self.current_cut_id()
        try:
            with self._project.session() as session:
                rows = read_cuts(session)
        except DocManagerError as exc:
            show_error(self, self.tr("Cannot read the cuts"), exc)
            return
        self._syncing = True
        self.cut_model.set_rows(rows)
        self._syncing = False
        row = self.cut_model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = len(rows) - 1  # the newest by name: the list is sorted by name and version
        if row is not None:
            self.cut_list.selectRow(row)
        self._load_cut(self.cut_model.row(row).id if row is not None else None)

    def _on_cut_chosen(self) -> None:
        if self._syncing:
            return
        index = self.cut_list.currentIndex()
        cut = self.cut_model.row(index.row()) if index.isValid() else None
        if cut is not None and cut.id != self.current_cut_id():
            self.cut_player.stop()
            self._load_cut(cut.id)

    def _load_cut(self, cut_id: Optional[int]) -> None:
        selected = self.selected_item_ids()
        data = CutData()
        if cut_id is not None and self._project is not None:
            try:
                with self._project.session() as session:
                    data = read_cut(session, cut_id)
            except DocManagerError as exc:
                show_error(self, self.tr("Cannot show the cut"), exc)
        same = data.id == self.items_model.cut.id
        self.items_model.set_cut(data)
        self.timeline.set_cut(data)
        self.cut_player.set_cut(data)
        if self.isVisible():
            self.cut_player.cue()
        self.title.setText(self.tr("{cut} · {count} items · {duration} at {rate} fps").format(
            cut=data.label, count=len(data.items), duration=timecode(data.duration, data.rate),
            rate=_rate_label(data.rate)) if data.id is not None else self.tr("No cut chosen"))
        self.warnings.clear()
        for text in data.warnings:
            self.warnings.addItem("⚠ " + text)
        self.warnings.setVisible(bool(data.warnings))
        if data.warnings:
            rows = min(len(data.warnings), 4)
            height = sum(self.warnings.sizeHintForRow(r) for r in range(rows))
            self.warnings.setFixedHeight(height + 2 * self.warnings.frameWidth() + 4)
        if same:
            self.select_items([i for i in selected if data.item(i) is not None])
        self._update_state()

    def set_editable(self, allowed: bool, reason: str = "") -> None:
        """Let cuts be made and changed, or only watched and exported (the user's role)."""
        self._editable, self._locked_reason = allowed, "" if allowed else reason
        for widget in (self.new_button, self.duplicate_button, self.remove_button, self.earlier_button,
                       self.later_button, self.in_edit, self.out_edit):
            widget.setToolTip(self._locked_reason)
        self._update_state()

    def _may_edit(self) -> bool:
        """False (and a message saying who may) when the user's role may not change cuts."""
        if not self._editable:
            self.message.emit(self._locked_reason)
        return self._editable

    def _update_state(self) -> None:
        has_project = self._project is not None
        has_cut = self.current_cut_id() is not None
        for widget in (self.new_button, self.new_action):
            widget.setEnabled(has_project and self._editable)
        for widget in (self.duplicate_button, self.duplicate_action):
            widget.setEnabled(has_cut and self._editable)
        for widget in (self.export_button, self.export_action, self.play_button, self.play_action):
            widget.setEnabled(has_cut)
        self._on_items_selected()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.cut_player.cue()

    # ============================================================ cuts
    def _suggest_name(self) -> str:
        names = {row.name for row in self.cut_model.rows()}
        if DEFAULT_CUT_NAME not in names:
            return DEFAULT_CUT_NAME
        number = 2
        while f"{DEFAULT_CUT_NAME} {number}" in names:
            number += 1
        return f"{DEFAULT_CUT_NAME} {number}"

    def new_cut_dialog(self) -> Optional[int]:
        if self._project is None:
            return None
        dialog = NewCutDialog(self._suggest_name(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.new_cut(**dialog.values())

    def new_cut(self, name: str, rate: str = "25", handles_ms: int = 0) -> Optional[int]:
        """Make a cut and show it."""
        if not self._may_edit():
            return None
        if self._project is None:
            return None
        try:
            cut_id = new_cut(self._project, name, rate=rate, handles_ms=handles_ms)
        except DocManagerError as exc:
            show_error(self, self.tr("The cut was not made"), exc)
            return None
        self.reload(select=cut_id)
        return cut_id

    def duplicate_current(self) -> Optional[int]:
        """Copy the cut as its next version and show the copy."""
        if not self._may_edit():
            return None
        cut_id = self.current_cut_id()
        if self._project is None or cut_id is None:
            return None
        try:
            copy = duplicate_cut(self._project, cut_id)
        except DocManagerError as exc:
            show_error(self, self.tr("The new version was not made"), exc)
            return None
        self.reload(select=copy)
        self.message.emit(self.tr("{cut} made; edits now go to it").format(cut=self.cut().label))
        return copy

    def select_cut(self, cut_id: int) -> bool:
        row = self.cut_model.row_of(cut_id)
        if row is None:
            return False
        self.cut_list.selectRow(row)
        return self.current_cut_id() == cut_id

    def open_export(self):
        from ui.views.cut_export import CutExportDialog

        data = self.cut()
        if self._project is None or data.id is None:
            return None
        dialog = CutExportDialog(self._project, self.tasks, data.id, data.label, self)
        dialog.unmappedRoot.connect(self.cut_player.problem)  # media not found here, as when playing
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # ============================================================ items
    def selected_items(self) -> list[ItemRow]:
        rows = sorted({index.row() for index in self.items.selectionModel().selectedRows()})
        return [item for item in (self.items_model.item(r) for r in rows) if item is not None]

    def selected_item_ids(self) -> list[int]:
        return [item.id for item in self.selected_items()]

    def select_item(self, item_id: int) -> None:
        self.select_items([item_id])

    def select_items(self, item_ids: Sequence[int]) -> None:
        selection = self.items.selectionModel()
        selection.clearSelection()
        first = True
        for item_id in item_ids:
            row = self.items_model.row_of(item_id)
            if row is None:
                continue
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            if first:
                selection.setCurrentIndex(self.items_model.index(row, 0), flags)
                self.items.scrollTo(self.items_model.index(row, 0))
                first = False
            else:
                selection.select(self.items_model.index(row, 0), flags)

    def _on_items_selected(self) -> None:
        items = self.selected_items()
        one = items[0] if len(items) == 1 else None
        for edit, value in ((self.in_edit, one.source_in if one else None),
                            (self.out_edit, one.source_out if one else None)):
            edit.set_frames(value, one.clip_rate if one else Fraction(25))
            edit.setEnabled(one is not None and self._editable)
        self.length_label.setText(self.tr("Duration {duration}").format(
            duration=timecode(one.duration, self.cut().rate)) if one else "")
        for widget in (self.remove_button, self.remove_action):
            widget.setEnabled(bool(items) and self._editable)
        for widget in (self.earlier_button, self.later_button, self.earlier_action, self.later_action):
            widget.setEnabled(one is not None and self._editable)
        self.timeline.set_selected(items[0].id if items else None)
        self.provenance.show_item(one.id if one else None)

    def add_segments(self, segment_ids: Sequence[int], track: str = "V1", position: Optional[int] = None) -> list[int]:
        """Transcript lines as items of the current cut (a new "Rough cut" when there is none)."""
        if not self._may_edit():
            return []
        if self._project is None or not segment_ids:
            return []
        cut_id = self.current_cut_id()
        if cut_id is None:
            cut_id = self.new_cut(self._suggest_name())
            if cut_id is None:
                return []
            self.message.emit(self.tr("Made the cut {cut} for the lines").format(cut=self.cut().label))
        if position is not None and position < 0:
            position = None
        added = self.editor.add_segments(cut_id, list(segment_ids), track=track, position=position)
        if added:
            self.select_items(added)
            self.message.emit(self.tr("Added {count} lines to {cut}").format(count=len(added), cut=self.cut().label)
                              if len(added) != 1 else self.tr("Added 1 line to {cut}").format(cut=self.cut().label))
        return added

    def move_item(self, item_id: int, track: str, position: int) -> bool:
        if not self._may_edit():
            return False
        cut_id = self.current_cut_id()
        item = self.cut().item(item_id)
        if cut_id is None or item is None:
            return False
        moved = self.editor.move(cut_id, item, track, position)
        if moved:
            self.select_item(item_id)
        return moved

    def move_selected(self, delta: int) -> bool:
        if not self._may_edit():
            return False
        items = self.selected_items()
        if len(items) != 1:
            return False
        item = items[0]
        position = item.position + delta
        if position < 0 or position >= len(self.cut().track_items(item.track)):
            return False
        return self.move_item(item.id, item.track, position)

    def trim_selected(self, in_frame: Optional[int] = None, out_frame: Optional[int] = None) -> bool:
        if not self._may_edit():
            return False
        items = self.selected_items()
        cut_id = self.current_cut_id()
        if len(items) != 1 or cut_id is None:
            return False
        item_id = items[0].id
        done = self.editor.trim(cut_id, items[0], in_frame=in_frame, out_frame=out_frame)
        self.select_item(item_id)
        return done

    def _on_timeline_trim(self, item_id: int, edge: str, frame: int) -> None:
        self.select_item(item_id)
        if edge == "in":
            self.trim_selected(in_frame=frame)
        else:
            self.trim_selected(out_frame=frame)

    def remove_selected(self) -> bool:
        if not self._may_edit():
            return False
        cut_id = self.current_cut_id()
        items = self.selected_items()
        if cut_id is None or not items:
            return False
        row = min(self.items_model.row_of(i.id) or 0 for i in items)
        done = self.editor.remove(cut_id, items)
        if done and self.items_model.rowCount():
            self.items.selectRow(min(row, self.items_model.rowCount() - 1))
        return done

    def _on_changed(self, cut_id: int) -> None:
        if cut_id == self.current_cut_id():
            self.reload()
        else:
            self.reload(select=cut_id)

    def _context_menu(self, pos: QPoint) -> None:
        if not self.items.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.play_item_action)
        menu.addSeparator()
        menu.addAction(self.earlier_action)
        menu.addAction(self.later_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.exec(self.items.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ============================================================ playback
    def play_selected(self) -> None:
        items = self.selected_items()
        if items:
            self.cut_player.play_item(items[0].id)

    def _on_playhead(self, frame: int) -> None:
        self.timeline.set_playhead(frame)
        self.time_label.setText(timecode(frame, self.cut().rate))

    def _follow_item(self, item_id: int) -> None:
        if self.cut_player.is_playing() or self.player.is_playing():
            self.timeline.set_selected(item_id)

    def _on_playing(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))

    # ============================================================ zoom
    @staticmethod
    def _slider_of(zoom: float) -> int:
        return int(round(1000 * math.log(zoom / MIN_ZOOM) / math.log(MAX_ZOOM / MIN_ZOOM)))

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_slider.blockSignals(True)
        self.zoom_slider.setValue(self._slider_of(zoom))
        self.zoom_slider.blockSignals(False)

    def _on_zoom_slider(self, value: int) -> None:
        zoom = MIN_ZOOM * (MAX_ZOOM / MIN_ZOOM) ** (value / 1000)
        self.timeline.set_zoom(zoom)

    def sizeHint(self) -> QSize:
        return QSize(860, 760)


def _rate_label(rate: Fraction) -> str:
    if rate.denominator == 1:
        return str(rate.numerator)
    return f"{float(rate):.3f}".rstrip("0").rstrip(".")
