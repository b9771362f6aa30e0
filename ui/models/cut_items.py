"""Qt models of rough cuts: the list of cuts and the items of one cut, as plain rows.

``read_cuts`` and ``read_cut`` read the catalogue once (``cuts_json`` /
``cut_json`` of :mod:`docmanager.cuts.model`) into frozen dataclasses; the
models only hold those rows and ids, never live database objects.

Transcript lines travel between views as ``SEGMENTS_MIME``: their segment ids,
in order, as JSON.  Items of a cut moved by drag travel as ``ITEMS_MIME``.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Optional, Sequence

import opentimelineio as otio
from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from sqlalchemy.orm import Session

from docmanager.catalogue.clips import parse_rate
from docmanager.cuts.model import cut_json, cuts_json, get_cut, placements, sensitivity, track_kind

SEGMENTS_MIME = "application/x-docmanager-segments"
ITEMS_MIME = "application/x-docmanager-cut-items"
Index = QModelIndex | QPersistentModelIndex

WARNING_BACKGROUND = QColor("#fde2e1")


# ====================================================================== mime
def _ids_mime(kind: str, ids: Iterable[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(kind, json.dumps([int(i) for i in ids]).encode("ascii"))
    return mime


def _ids_of(mime: Optional[QMimeData], kind: str) -> list[int]:
    if mime is None or not mime.hasFormat(kind):
        return []
    try:
        values = json.loads(bytes(mime.data(kind).data()).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(values, list):
        return []
    return [int(v) for v in values if isinstance(v, int) and not isinstance(v, bool)]


def segments_mime(segment_ids: Iterable[int]) -> QMimeData:
    """Transcript lines for a drag, in the order given (ids, with their text as plain text too)."""
    return _ids_mime(SEGMENTS_MIME, segment_ids)


def segment_ids_of(mime: Optional[QMimeData]) -> list[int]:
    return _ids_of(mime, SEGMENTS_MIME)


def items_mime(item_ids: Iterable[int]) -> QMimeData:
    return _ids_mime(ITEMS_MIME, item_ids)


def item_ids_of(mime: Optional[QMimeData]) -> list[int]:
    return _ids_of(mime, ITEMS_MIME)


# ====================================================================== time
def timecode(frames: int, rate: Fraction) -> str:
    """HH:MM:SS:FF of ``frames`` at ``rate`` (drop frame at 29.97 and 59.94, as editors count)."""
    return otio.opentime.to_timecode(otio.opentime.RationalTime(int(frames), float(rate)), float(rate))


def seconds_to_cut_frames(seconds: float, rate: Fraction) -> int:
    return math.floor(Fraction(str(seconds)) * rate + Fraction(1, 2))


# ====================================================================== rows
@dataclass(frozen=True)
class CutRow:
    """A cut as the list shows it."""

    id: int
    name: str
    cut_version: int
    rate: str
    items: int
    duration: float  # seconds, the longest track

    @property
    def label(self) -> str:
        return f"{self.name} v{self.cut_version}"


@dataclass(frozen=True)
class ItemRow:
    """One item of a cut: where it plays (frames of the cut) and what it takes (frames of its clip)."""

    id: int
    clip_id: int
    clip_name: str
    name: str
    track: str
    position: int
    record_in: int  # frames of the cut
    record_out: int
    source_in: int  # frames of the clip
    source_out: int
    clip_rate: Fraction
    segment_ids: tuple[int, ...]
    subclip_id: Optional[int]
    note: Optional[str]
    version: int
    flags: tuple[str, ...] = ()  # sensitivity flags of the people in its clip

    @property
    def duration(self) -> int:
        return self.record_out - self.record_in

    @property
    def in_s(self) -> Fraction:
        return Fraction(self.source_in) / self.clip_rate

    @property
    def out_s(self) -> Fraction:
        return Fraction(self.source_out) / self.clip_rate

    @property
    def kind(self) -> str:
        return track_kind(self.track)


@dataclass(frozen=True)
class CutData:
    """A cut and its items in track and playing order, with what to check before showing it."""

    id: Optional[int] = None
    name: str = ""
    cut_version: int = 0
    rate: Fraction = Fraction(25)
    tracks: tuple[str, ...] = ()
    items: tuple[ItemRow, ...] = ()
    warnings: tuple[str, ...] = ()
    duration: int = 0  # frames of the cut, the longest track
    version: int = 0
    handles_ms: int = 0
    by_id: dict[int, ItemRow] = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        return f"{self.name} v{self.cut_version}" if self.id is not None else ""

    def item(self, item_id: int) -> Optional[ItemRow]:
        return self.by_id.get(item_id)

    def track_items(self, track: str) -> list[ItemRow]:
        return [i for i in self.items if i.track == track]


def read_cuts(session: Session) -> list[CutRow]:
    """Every cut, by name and version, with its duration."""
    rows = []
    for entry in cuts_json(session):
        cut = get_cut(session, entry["id"])
        places = placements(cut)
        longest = max((p.record_out for p in places.values()), default=0)
        rate = Fraction(cut.rate_num, cut.rate_den)
        rows.append(CutRow(entry["id"], entry["name"], entry["cut_version"], entry["rate"], entry["items"],
                           float(longest / rate)))
    return rows


def read_cut(session: Session, cut_id: int) -> CutData:
    """The cut ``cut_id`` as plain rows (NotFoundError when it is gone)."""
    data = cut_json(session, cut_id)
    cut = get_cut(session, cut_id)
    rate = Fraction(cut.rate_num, cut.rate_den)
    places = placements(cut)
    flags: dict[int, list[str]] = {}
    for clip, _name, flag in sensitivity(cut):
        flags.setdefault(clip.id, []).append(flag)
    names = {item.id: item.clip.name for item in cut.items}
    items = []
    for entry in data["items"]:
        place = places[entry["id"]]
        items.append(ItemRow(
            id=entry["id"], clip_id=entry["clip_id"], clip_name=names.get(entry["id"], ""), name=entry["name"],
            track=entry["track"], position=entry["position"], record_in=place.record_in,
            record_out=place.record_out, source_in=entry["source_in_frames"], source_out=entry["source_out_frames"],
            clip_rate=parse_rate(entry["clip_rate"]), segment_ids=tuple(entry["segment_ids"]),
            subclip_id=entry["subclip_id"], note=entry["note"], version=entry["version"],
            flags=tuple(dict.fromkeys(flags.get(entry["clip_id"], ())))))
    return CutData(id=cut_id, name=data["name"], cut_version=data["cut_version"], rate=rate,
                   tracks=tuple(data["tracks"]), items=tuple(items), warnings=tuple(data["warnings"]),
                   duration=data["duration_frames"], version=data["version"], handles_ms=data["handles_ms"],
                   by_id={i.id: i for i in items})


def duration_tc(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


# ====================================================================== models
class CutListModel(QAbstractTableModel):
    """The project's cuts: name, version, rate, duration, items."""

    NAME, VERSION, RATE, DURATION, ITEMS = range(5)
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CutRow] = []

    def set_rows(self, rows: Sequence[CutRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[CutRow]:
        return list(self._rows)

    def row(self, row: int) -> Optional[CutRow]:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, cut_id: int) -> Optional[int]:
        for row, cut in enumerate(self._rows):
            if cut.id == cut_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Cut"), self.tr("Version"), self.tr("Rate"), self.tr("Duration"),
                    self.tr("Items")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cut = self.row(index.row()) if index.isValid() else None
        if cut is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [cut.name, f"v{cut.cut_version}", cut.rate, duration_tc(cut.duration), str(cut.items)][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return cut.id
        return None


class CutItemsModel(QAbstractTableModel):
    """The items of one cut, track by track in playing order.

    Columns: record in, the clip or line's words, source in and out (time
    code of the clip), duration and track.  Drops of transcript lines
    (``SEGMENTS_MIME``) and of its own rows (``ITEMS_MIME``) are handed to the
    view, which asks the cut editor to make them; the model itself only shows.
    """

    RECORD, NAME, SOURCE_IN, SOURCE_OUT, DURATION, TRACK = range(6)
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._data = CutData()

    @property
    def cut(self) -> CutData:
        return self._data

    def set_cut(self, data: CutData) -> None:
        self.beginResetModel()
        self._data = data
        self.endResetModel()

    def item(self, row: int) -> Optional[ItemRow]:
        items = self._data.items
        return items[row] if 0 <= row < len(items) else None

    def row_of(self, item_id: int) -> Optional[int]:
        for row, item in enumerate(self._data.items):
            if item.id == item_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._data.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Record In"), self.tr("Clip / Words"), self.tr("Source In"), self.tr("Source Out"),
                    self.tr("Duration"), self.tr("Track")][section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        rate = self._data.rate
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.RECORD:
                return timecode(item.record_in, rate)
            if column == self.NAME:
                if item.segment_ids and item.clip_name:
                    return f"{item.name}  ·  {item.clip_name}"
                return item.name
            if column == self.SOURCE_IN:
                return timecode(item.source_in, item.clip_rate)
            if column == self.SOURCE_OUT:
                return timecode(item.source_out, item.clip_rate)
            if column == self.DURATION:
                return timecode(item.duration, rate)
            return item.track
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.name, self.tr("Clip: {name}").format(name=item.clip_name)]
            if item.flags:
                lines.append(self.tr("People in this clip are flagged: {flags}").format(flags=", ".join(item.flags)))
            if item.note:
                lines.append(item.note)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and item.flags:
            return WARNING_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and column in (self.RECORD, self.SOURCE_IN, self.SOURCE_OUT,
                                                          self.DURATION):
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.TypeWriter)
            return font
        if role == self.IdRole:
            return item.id
        return None

    # ------------------------------------------------------------ drag
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [SEGMENTS_MIME, ITEMS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return items_mime(self._data.items[r].id for r in rows if self.item(r) is not None)
