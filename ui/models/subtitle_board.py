"""The subtitle board as a Qt tree: groups (a subject, a shoot, the cuts) over rows, one column per language.

``SubtitleBoardModel.set_board`` takes a ``docmanager.subtitles.board.Board``
(plain frozen rows read by the core) and shows it: column 0 is the clip's or
cut's name, then one column per tracked language whose cells carry the
``Cell`` (``CellRole``), its state (``StateRole``), the number of QC findings
(``QcRole``) and a tooltip with who moved it, when, the note and the lines
changed since approval.  The model keeps no ORM object and reads nothing
itself.

The reading is done by ``read_board_job`` and ``read_findings_job``, jobs for
``ui.tasks.TaskRunner`` that run on a worker thread with a session of their
own and hand back plain frozen values (``BoardRead``, ``CellFinding`` lists).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from PySide6.QtCore import QAbstractItemModel, QDateTime, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from docmanager.catalogue.clips import Facets, facets
from docmanager.errors import DocManagerError
from docmanager.subtitles.board import Board, Cell, CellFinding, Group, board, cell_findings
from docmanager.subtitles.status import line_ranges

Index = QModelIndex | QPersistentModelIndex

CellRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
QcRole = Qt.ItemDataRole.UserRole + 3
RowRole = Qt.ItemDataRole.UserRole + 4  # the ClipRow or CutRow (None on a group)
LangRole = Qt.ItemDataRole.UserRole + 5
ChangedRole = Qt.ItemDataRole.UserRole + 6  # lines changed since approval (a list of numbers)

_NO_PARENT = 0xFFFFFFFF  # internal id of a group row (its children carry the group's number)

#: A cell as the view names it: ("clip" or "cut", id, language).
CellKey = tuple[str, int, str]


# ====================================================================== reading (worker thread)
@dataclass(frozen=True)
class BoardRead:
    """One read of the board: what the filters offer, the board, and the findings of one cell."""

    asked: dict  # the filters the read was asked for
    filters: dict  # the filters it was read with (a subject or shoot that is gone is dropped)
    facets: Facets
    board: Board
    cell: Optional[CellKey] = None  # the cell whose findings were read along (None: none)
    findings: Optional[tuple[CellFinding, ...]] = None


@contextmanager
def _one_state(project) -> Iterator:
    """A read session that sees one state of the catalogue throughout.

    The core keeps QC counts only from such a read (a SQLite transaction is one
    snapshot already; PostgreSQL is asked for ``REPEATABLE READ``).
    """
    with project.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield session


def _findings(session, key: CellKey) -> tuple[CellFinding, ...]:
    kind, ident, lang = key
    if kind == "clip":
        return tuple(cell_findings(session, clip_id=ident, lang=lang))
    return tuple(cell_findings(session, cut_id=ident, lang=lang))


def read_board_job(project, filters: dict, cell: Optional[CellKey] = None, *, progress=None,
                   cancel=None) -> BoardRead:
    """The board with ``filters`` (``group_by``, ``subject``, ``shoot``, ``state``) and the findings of ``cell``.

    A subject or shoot that is gone (removed by someone) is dropped from the
    filters and the board read without it.  The findings are read only when
    the cell is on the board and has text.
    """
    asked = dict(filters)
    with _one_state(project) as session:
        offered = facets(session)
        try:
            found = board(session, **filters, progress=progress, cancel=cancel)
        except DocManagerError:  # a subject or shoot chosen is gone
            filters = dict(filters, subject=None, shoot=None)
            found = board(session, **filters, progress=progress, cancel=cancel)
        findings = None
        if cell is not None:
            kind, ident, lang = cell
            row = found.clip_row(ident) if kind == "clip" else found.cut_row(ident)
            target = row.cells.get(lang) if row is not None else None
            if target is not None and target.has_text:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                findings = _findings(session, cell)
            elif target is not None:
                findings = ()
    return BoardRead(asked, filters, offered, found, cell if findings is not None else None, findings)


def read_findings_job(project, key: CellKey, *, progress=None, cancel=None) -> tuple[CellFinding, ...]:
    """The QC findings of one cell (``docmanager.subtitles.board.cell_findings``)."""
    with _one_state(project) as session:
        return _findings(session, key)


class SubtitleBoardModel(QAbstractItemModel):
    """Groups of rows; cells by language."""

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._board = Board([], [], [])
        self._bold = QFont()
        self._bold.setBold(True)

    # ---------------------------------------------------------------- names
    def state_name(self, state: Optional[str]) -> str:
        names = {
            "untranscribed": self.tr("untranscribed"),
            "transcribed": self.tr("transcribed"),
            "translated": self.tr("translated"),
            "reviewed": self.tr("reviewed"),
            "approved": self.tr("approved"),
            "timed": self.tr("timed"),
            "delivered": self.tr("delivered"),
            "not-needed": self.tr("not needed"),
        }
        return names.get(state or "", state or "")

    def language_name(self, lang: str) -> str:
        base = lang.split("-")[0].lower()
        names = {"zh": self.tr("Chinese"), "en": self.tr("English"), "fr": self.tr("French"),
                 "de": self.tr("German"), "es": self.tr("Spanish"), "ja": self.tr("Japanese")}
        name = names.get(base)
        if name is None:
            return lang
        return name if lang.lower() == base else f"{name} ({lang})"

    def group_title(self, group: Group) -> str:
        if group.kind == "no-subject":
            return self.tr("No subject")
        if group.kind == "no-shoot":
            return self.tr("No shoot")
        if group.kind == "clips":
            return self.tr("Clips")
        if group.kind == "cuts":
            return self.tr("Cuts")
        return group.title

    def changed_text(self, lines: tuple[int, ...] | list[int]) -> str:
        if not lines:
            return ""
        if len(lines) == 1:
            return self.tr("Line {line} changed since approval").format(line=lines[0])
        return self.tr("Lines {lines} changed since approval").format(lines=line_ranges(lines))

    @staticmethod
    def when_text(iso: Optional[str]) -> str:
        if not iso:
            return ""
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
        if not moment.isValid():
            return iso
        return moment.toLocalTime().toString("yyyy-MM-dd HH:mm")

    def qc_text(self, count: Optional[int]) -> str:
        if count is None:
            return self.tr("No subtitles in this language yet")
        if count == 0:
            return self.tr("QC: no findings")
        return self.tr("QC: 1 finding") if count == 1 else self.tr("QC: {count} findings").format(count=count)

    def cell_tooltip(self, name: str, cell: Cell) -> str:
        lines = [self.tr("{name} — {language}: {state}").format(
            name=name, language=self.language_name(cell.lang), state=self.state_name(cell.state))]
        if cell.derived:
            lines.append(self.tr("Nobody has set it yet: read from the work done"))
        elif cell.by or cell.at:
            lines.append(self.tr("Set by {who} on {when}").format(who=cell.by or self.tr("someone"),
                                                                  when=self.when_text(cell.at)))
        if cell.note:
            lines.append(self.tr("Note: {note}").format(note=cell.note))
        if cell.affected:
            lines.append(self.changed_text(cell.affected))
        lines.append(self.qc_text(cell.qc))
        return "\n".join(lines)

    # ---------------------------------------------------------------- data
    def set_board(self, board: Board) -> None:
        self.beginResetModel()
        self._board = board
        self.endResetModel()

    def board(self) -> Board:
        return self._board

    def languages(self) -> list[str]:
        return list(self._board.languages)

    def group(self, index: Index) -> Optional[Group]:
        if not index.isValid() or index.internalId() != _NO_PARENT:
            return None
        return self._board.groups[index.row()]

    def row_object(self, index: Index):
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        group = self._board.groups[index.internalId()]
        return group.rows[index.row()] if 0 <= index.row() < len(group.rows) else None

    def lang_of(self, index: Index) -> Optional[str]:
        if not index.isValid() or index.column() == 0:
            return None
        langs = self._board.languages
        return langs[index.column() - 1] if index.column() - 1 < len(langs) else None

    def cell(self, index: Index) -> Optional[Cell]:
        row = self.row_object(index)
        lang = self.lang_of(index)
        return row.cells.get(lang) if row is not None and lang is not None else None

    def find(self, kind: str, ident: int, lang: Optional[str] = None) -> QModelIndex:
        """The first cell (or name, without ``lang``) of the clip or cut ``ident``."""
        column = 0
        if lang is not None:
            if lang not in self._board.languages:
                return QModelIndex()
            column = self._board.languages.index(lang) + 1
        for g, group in enumerate(self._board.groups):
            for r, row in enumerate(group.rows):
                if row.kind == kind and row.id == ident:
                    return self.createIndex(r, column, g)
        return QModelIndex()

    def group_index(self, number: int) -> QModelIndex:
        return self.createIndex(number, 0, _NO_PARENT)

    # ------------------------------------------------------------- Qt model
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= self.columnCount():
            return QModelIndex()
        if not parent.isValid():
            if 0 <= row < len(self._board.groups):
                return self.createIndex(row, column, _NO_PARENT)
            return QModelIndex()
        if parent.internalId() != _NO_PARENT or parent.column() != 0:
            return QModelIndex()
        group = self._board.groups[parent.row()]
        if 0 <= row < len(group.rows):
            return self.createIndex(row, column, parent.row())
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._board.groups)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._board.groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1 + len(self._board.languages)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Interview or cut")
            langs = self._board.languages
            return self.language_name(langs[section - 1]) if section - 1 < len(langs) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.group(index)
        if group is not None:
            if index.column() != 0:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("{title} ({count})").format(title=self.group_title(group), count=len(group.rows))
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        row = self.row_object(index)
        if row is None:
            return None
        if role == RowRole:
            return row
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._row_tooltip(row)
            return None
        cell = self.cell(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.state_name(cell.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_tooltip(row.name, cell)
        if role == CellRole:
            return cell
        if role == StateRole:
            return cell.state
        if role == QcRole:
            return cell.qc
        if role == LangRole:
            return cell.lang
        if role == ChangedRole:
            return list(cell.affected)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _row_tooltip(self, row) -> str:
        if row.kind == "cut":
            return self.tr("Cut {name}").format(name=row.name)
        parts = [row.name]
        if row.subjects:
            parts.append(self.tr("People: {names}").format(names=", ".join(row.subjects)))
        if row.shoot:
            parts.append(self.tr("Shoot: {name}").format(name=row.shoot))
        seconds = int(round(row.duration_s))
        parts.append(self.tr("Length: {time}").format(time=f"{seconds // 60}:{seconds % 60:02d}"))
        return "\n".join(parts)
