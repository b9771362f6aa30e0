"""The transcript editor's model: one row per line of a clip's original transcript, its translation beside it.

``read_transcript(session, clip_id, lang, translation_lang)`` reads plain rows
from the core (``segments_page``): the lines of the transcript in ``lang``
(the clip's original transcript when None) and the lines of one translation of
it, grouped under the line each translates.  ``TranscriptTableModel`` shows
them: time, speaker, the original text, the translation, the line's tags.
Rows hold ids, versions and texts, never database objects.

The model does not write.  An edit in a cell is announced with
``editRequested(row, column, text)``; the view turns it into an undoable core
edit and has the model read the lines again (``reload``), which updates the
rows in place when the lines are the same ones (an edit) and resets the model
when lines came or went (a split, a merge, an import).
"""
from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from sqlalchemy.orm import Session

from docmanager.errors import DocManagerError
from docmanager.project import Project
from docmanager.transcripts.readers import SUFFIXES as READER_SUFFIXES
from docmanager.transcripts.store import SegmentRow, TranscriptInfo, segment_row, segments_page, transcripts_of_clip
Index = QModelIndex | QPersistentModelIndex

TIME, SPEAKER, ORIGINAL, TRANSLATION, TAGS = range(5)
COLUMN_COUNT = 5
SegmentIdRole = Qt.ItemDataRole.UserRole + 1
TagsRole = Qt.ItemDataRole.UserRole + 2  # a line's tags as a tuple, for the chips
PLAYING_COLOUR = QColor(255, 214, 102, 110)  # the line under the playhead
NO_TRANSLATION = ""  # as ``translation_lang``: show the transcript alone
IMPORT_SUFFIXES = tuple(READER_SUFFIXES)  # what the transcript importer reads


def timestamp_text(ms: Optional[int]) -> str:
    """``00:01:02.480``: hours, minutes, seconds and milliseconds (empty for None)."""
    if ms is None:
        return ""
    ms = max(int(ms), 0)
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def transcript_files(paths: Iterable[str]) -> list[str]:
    """The files among ``paths`` that the transcript importer reads (by their suffix)."""
    return [p for p in paths if p and os.path.isfile(p) and Path(p).suffix.lower() in IMPORT_SUFFIXES]


@dataclass(frozen=True)
class TranscriptLine:
    """A line of the original transcript and the lines of the chosen translation that translate it."""

    original: SegmentRow
    translations: tuple[SegmentRow, ...] = ()

    @property
    def id(self) -> int:
        return self.original.id

    @property
    def translation_text(self) -> str:
        return " ".join(t.text for t in self.translations if t.text)

    @property
    def translation(self) -> Optional[SegmentRow]:
        """The one translation line, when there is exactly one (the translation cell edits it)."""
        return self.translations[0] if len(self.translations) == 1 else None


@dataclass
class TranscriptData:
    """What the view shows of one clip: its transcripts, the chosen pair of languages, and the lines."""

    clip_id: Optional[int] = None
    transcripts: list[TranscriptInfo] = field(default_factory=list)
    lang: Optional[str] = None  # the transcript shown on the left
    translation_lang: Optional[str] = None  # the translation on the right, None without one
    lines: list[TranscriptLine] = field(default_factory=list)
    unpaired: list[SegmentRow] = field(default_factory=list)  # translation lines that translate no line shown

    def translations_of(self, lang: Optional[str]) -> list[TranscriptInfo]:
        """The clip's translations of the transcript in ``lang``."""
        if lang is None:
            return []
        return [t for t in self.transcripts if t.translation_of is not None
                and t.translation_of.lower() == lang.lower()]


def _preferred(infos: list[TranscriptInfo]) -> Optional[TranscriptInfo]:
    for info in infos:
        if info.lang.split("-")[0].lower() == "en":
            return info
    return infos[0] if infos else None


def read_transcript(session: Session, clip_id: int, lang: Optional[str] = None,
                    translation_lang: Optional[str] = None) -> TranscriptData:
    """The clip's lines in ``lang`` (its original transcript when None) beside ``translation_lang``.

    Without ``translation_lang`` (None) the English translation is chosen, else
    the first translation of that transcript; ``NO_TRANSLATION`` shows none.  A
    language the clip does not have falls back to these defaults.
    """
    data = TranscriptData(clip_id=clip_id, transcripts=transcripts_of_clip(session, clip_id))
    if not data.transcripts:
        return data
    by_lang = {t.lang.lower(): t for t in data.transcripts}
    chosen = by_lang.get(lang.lower()) if lang else None
    if chosen is None:
        originals = [t for t in data.transcripts if t.kind == "transcript"]
        chosen = (originals or data.transcripts)[0]
    data.lang = chosen.lang
    translations = data.translations_of(chosen.lang)
    partner = None
    if translation_lang != NO_TRANSLATION:
        partner = next((t for t in translations if translation_lang and t.lang.lower() == translation_lang.lower()),
                       None) or _preferred(translations)
    data.translation_lang = partner.lang if partner is not None else None
    originals_rows = segments_page(session, clip_id, chosen.lang)
    by_source: dict[int, list[SegmentRow]] = {}
    if partner is not None:
        shown = {row.id for row in originals_rows}
        for row in segments_page(session, clip_id, partner.lang):
            if row.translates_id in shown:
                by_source.setdefault(row.translates_id, []).append(row)
            else:
                data.unpaired.append(row)
    data.lines = [TranscriptLine(row, tuple(by_source.get(row.id, ()))) for row in originals_rows]
    return data


class TranscriptTableModel(QAbstractTableModel):
    """Rows are lines of the original transcript; the translation is a column beside it."""

    editRequested = Signal(int, int, str)  # row, column, new text
    loaded = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._project: Optional[Project] = None
        self._data = TranscriptData()
        self._row_of: dict[int, int] = {}
        self._starts: list[tuple[int, int]] = []  # (start_ms, row) of timed lines, by start
        self._playing: Optional[int] = None
        self.editable = True  # False when the user's role may not change transcripts
        self._wanted: tuple[Optional[str], Optional[str]] = (None, None)  # the languages asked for
        self._time_colour = QColor("#707070")

    # ---------------------------------------------------------------- loading
    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self.load(None)

    @property
    def data_(self) -> TranscriptData:
        return self._data

    def clip_id(self) -> Optional[int]:
        return self._data.clip_id

    def lang(self) -> Optional[str]:
        return self._data.lang

    def translation_lang(self) -> Optional[str]:
        return self._data.translation_lang

    def load(self, clip_id: Optional[int], lang: Optional[str] = None,
             translation_lang: Optional[str] = None) -> None:
        """Show the lines of ``clip_id`` (None: nothing) in these languages."""
        data = TranscriptData(clip_id=clip_id)
        self._wanted = (lang, translation_lang)
        if clip_id is not None and self._project is not None:
            with self._project.session() as session:
                data = read_transcript(session, clip_id, lang, translation_lang)
        self.beginResetModel()
        self._set(data)
        self._playing = None
        self.endResetModel()
        self.loaded.emit()

    def reload(self) -> None:
        """Read the lines again: rows change in place when the same lines are there, else the model resets."""
        if self._data.clip_id is None or self._project is None:
            return
        with self._project.session() as session:
            data = read_transcript(session, self._data.clip_id, *self._wanted)
        old = self._data.lines
        if [line.id for line in old] == [line.id for line in data.lines] and \
                data.lang == self._data.lang and data.translation_lang == self._data.translation_lang:
            self._set(data)
            for row, (before, after) in enumerate(zip(old, data.lines)):
                if before != after:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        else:
            self.beginResetModel()
            self._set(data)
            self._playing = None
            self.endResetModel()
        self.loaded.emit()

    def refresh_lines(self, segment_ids: Iterable[int]) -> bool:
        """Read again the rows showing these lines (edited in place); False when one is not shown or gone."""
        if self._project is None:
            return False
        rows = set()
        for segment_id in segment_ids:
            row = self.row_of(segment_id)
            if row is None:
                return False
            rows.add(row)
        lines = list(self._data.lines)
        try:
            with self._project.session() as session:
                for row in rows:
                    line = lines[row]
                    lines[row] = TranscriptLine(segment_row(session, line.original.id),
                                                tuple(segment_row(session, t.id) for t in line.translations))
        except DocManagerError:
            return False
        self._data.lines = lines
        for row in sorted(rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return True

    def _set(self, data: TranscriptData) -> None:
        self._data = data
        self._row_of = {line.id: row for row, line in enumerate(data.lines)}
        for row, line in enumerate(data.lines):  # a translation line finds its row too
            for t in line.translations:
                self._row_of.setdefault(t.id, row)
        self._starts = sorted((line.original.start_ms, row) for row, line in enumerate(data.lines)
                              if line.original.start_ms is not None)

    # ---------------------------------------------------------------- lookup
    def line(self, row: int) -> Optional[TranscriptLine]:
        lines = self._data.lines
        return lines[row] if 0 <= row < len(lines) else None

    def lines(self) -> list[TranscriptLine]:
        return list(self._data.lines)

    def row_of(self, segment_id: int) -> Optional[int]:
        """The row showing this line (of the transcript or of its translation)."""
        return self._row_of.get(segment_id)

    def row_at_ms(self, ms: int) -> Optional[int]:
        """The row whose line is being said at ``ms`` (None between lines)."""
        if not self._starts:
            return None
        k = bisect.bisect_right(self._starts, (ms, len(self._data.lines))) - 1
        if k < 0:
            return None
        start, row = self._starts[k]
        end = self._data.lines[row].original.end_ms
        if end is None:
            following = self._starts[k + 1][0] if k + 1 < len(self._starts) else None
            return row if following is None or ms < following else None
        return row if start <= ms < end else None

    def playing_row(self) -> Optional[int]:
        return self._playing

    def set_playing_row(self, row: Optional[int]) -> None:
        """Highlight the line under the playhead."""
        if row == self._playing:
            return
        before, self._playing = self._playing, row
        for changed in (before, row):
            if changed is not None and 0 <= changed < len(self._data.lines):
                self.dataChanged.emit(self.index(changed, 0), self.index(changed, COLUMN_COUNT - 1),
                                      [Qt.ItemDataRole.BackgroundRole])

    # ------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._data.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def language_name(self, lang: Optional[str]) -> str:
        """``Chinese``, ``English``; other codes as they are."""
        if not lang:
            return ""
        base = lang.split("-")[0].lower()
        names = {"zh": self.tr("Chinese"), "en": self.tr("English"), "fr": self.tr("French"),
                 "de": self.tr("German"), "es": self.tr("Spanish"), "ja": self.tr("Japanese")}
        name = names.get(base)
        if name is None:
            return lang
        return name if lang.lower() == base else f"{name} ({lang})"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == TIME:
                return self.tr("Time")
            if section == SPEAKER:
                return self.tr("Speaker")
            if section == ORIGINAL:
                return self.language_name(self._data.lang) or self.tr("Transcript")
            if section == TRANSLATION:
                return self.language_name(self._data.translation_lang) or self.tr("Translation")
            if section == TAGS:
                return self.tr("Tags")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self.line(index.row())
        if line is None:
            return flags
        if not self.editable:
            return flags
        if index.column() in (ORIGINAL, SPEAKER) or (index.column() == TRANSLATION and line.translation is not None):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.line(index.row())
        if line is None:
            return None
        column = index.column()
        seg = line.original
        if role == SegmentIdRole:
            return seg.id
        if role == TagsRole:
            return seg.tags
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TIME:
                return timestamp_text(seg.start_ms) if role == Qt.ItemDataRole.DisplayRole else None
            if column == SPEAKER:
                return seg.speaker or ""
            if column == ORIGINAL:
                return seg.text
            if column == TRANSLATION:
                return line.translation_text
            if column == TAGS:
                return ", ".join(seg.tags) if role == Qt.ItemDataRole.DisplayRole else None
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if index.row() == self._playing:
                return PLAYING_COLOUR
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == TIME:
                return self._time_colour
            if column == TRANSLATION and not line.translations:
                return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _tooltip(self, line: TranscriptLine, column: int) -> Optional[str]:
        seg = line.original
        if column == TIME:
            if seg.start_ms is None:
                return self.tr("This line has no time")
            return self.tr("{start} to {end}").format(start=timestamp_text(seg.start_ms),
                                                      end=timestamp_text(seg.end_ms) or "…")
        if column == ORIGINAL:
            return self.tr("Last changed by {user}").format(user=seg.updated_by) if seg.updated_by else None
        if column == TRANSLATION:
            if not line.translations:
                if self._data.translation_lang is None:
                    return self.tr("No translation yet: drop the translated subtitle file here to import it")
                return self.tr("No translation of this line")
            if len(line.translations) > 1:
                return self.tr("{count} translation lines belong to this line; they are shown together and "
                               "cannot be edited here").format(count=len(line.translations))
            who = line.translations[0].updated_by
            return self.tr("Last changed by {user}").format(user=who) if who else None
        if column == TAGS and seg.tags:
            return ", ".join(seg.tags)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit is a request: the view writes it through the core and reloads."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (self.flags(index) &
                                                                           Qt.ItemFlag.ItemIsEditable):
            return False
        text = "" if value is None else str(value)
        if text == (self.data(index, Qt.ItemDataRole.EditRole) or ""):
            return False
        self.editRequested.emit(index.row(), index.column(), text)
        return True
