"""The side-by-side transcript editor: what was said and its translation, line by line, beside the player.

``TranscriptView`` shows the selected clip's transcript with the player above
it (the ``Player`` it is given), the glossary of the clip's people, the name
check and the result of the last import beside the player, and a table of the
lines below: time, speaker, the original (Chinese) and the translation
(English), and tags.

* A click on a line, or Enter, seeks the player to the line's start; while the
  clip plays, the line being said is highlighted and kept in view.
* Double-click or F2 edits a cell in place (the original, the speaker, or the
  translation when the line has one translation line).  Enter keeps the text,
  Shift+Enter starts a new line in it, Esc leaves it as it was.
* While editing the original, Ctrl+K splits the line at the cursor; the context
  menu also merges a line with the next (Ctrl+J) and edits its tags.
* Files dropped on the view (``.srt``, ``.vtt``, ``.ass``, ``.txt``,
  ``.docx``) are offered for import (``filesDropped``); the main window asks
  the language (``TranscriptImportDialog``) and runs ``import_transcripts_job``
  through the task runner.

Every change goes through ``TranscriptEditor``: the core call at once, and an
undo command on the window's undo stack whose undo and redo call the core
again (the earlier text and times back; a split undone by a merge, a merge by
a split).  A line someone else changed since it was read is not overwritten
silently: the editor shows both texts and asks which to keep.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docmanager.errors import ConflictError, DocManagerError
from docmanager.jobs import Report
from docmanager.project import Project
from docmanager.transcripts.batch import ImportItem, guess_language
from docmanager.transcripts.glossary import GlossaryEntry, NameFinding, check_names, glossary
from docmanager.transcripts.store import (
    ImportResult,
    SegmentRow,
    edit_segment,
    merge_segments,
    segment_row,
    segments_page,
    split_segment,
    tag_segment,
    transcripts_of_clip,
    untag_segment,
)
from ui.editing import DoneCommand
from ui.models.transcript_table import (
    NO_TRANSLATION,
    ORIGINAL,
    SPEAKER,
    TAGS,
    TIME,
    TRANSLATION,
    TagsRole,
    TranscriptLine,
    TranscriptTableModel,
    timestamp_text,
    transcript_files,
)
from ui.models.cut_items import SEGMENTS_MIME, segments_mime
from ui.views.player import Player
from ui.views.widgets import TagsEdit

log = logging.getLogger(__name__)

SPLIT_KEY = QKeySequence("Ctrl+K")
MERGE_KEY = QKeySequence("Ctrl+J")
ADD_TO_CUT_KEYS = [QKeySequence("Ctrl+Shift+A"), QKeySequence(Qt.Key.Key_Insert)]
PLACEHOLDER = "…"  # stands in for an empty part while a merged line is split back


# ====================================================================== editing
@dataclass(frozen=True)
class LineState:
    """What an undo puts back of a line: its text, speaker, times, note and tags."""

    text: str
    speaker: Optional[str]
    start_ms: Optional[int]
    end_ms: Optional[int]
    note: Optional[str]
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, row: SegmentRow) -> "LineState":
        return cls(row.text, row.speaker, row.start_ms, row.end_ms, row.note, tuple(row.tags))


class LineRef:
    """A line as the undo commands know it: a merge undone or a split redone makes it again under a new id.

    Commands share these (``TranscriptEditor.ref``), so a command made before a
    line was made again still finds it; a line that is gone is no longer
    registered under its id, which the catalogue may give to another line.
    """

    __slots__ = ("id",)

    def __init__(self, segment_id: int) -> None:
        self.id = segment_id

    def __repr__(self) -> str:
        return f"LineRef({self.id})"


class _Command(DoneCommand):
    """A transcript edit, pushed after it was made; ``apply``/``revert`` call the core."""

    def __init__(self, editor: "TranscriptEditor", text: str, clip_id: int) -> None:
        super().__init__(text)
        self.editor = editor
        self.clip_id = clip_id

    def run(self, step) -> None:
        self.editor._run(self.clip_id, step, self.lines_touched())

    def lines_touched(self) -> list[int]:
        """The lines changed in place (their text, speaker or tags); empty when lines come or go."""
        return []


class EditLineCommand(_Command):
    """A line's text or speaker changed; undo and redo write the other value.

    If the line no longer says what this command left (or found) there,
    someone else changed it meanwhile: the editor asks before writing over it.
    """

    def __init__(self, editor: "TranscriptEditor", text: str, clip_id: int, line: LineRef, field: str,
                 before: Optional[str], after: Optional[str]) -> None:
        super().__init__(editor, text, clip_id)
        self.line = line
        self.field = field
        self.before = before
        self.after = after

    def lines_touched(self) -> list[int]:
        return [self.line.id]

    def apply(self) -> None:
        self.editor._write_field(self.line.id, self.field, self.after, expected=self.before)

    def revert(self) -> None:
        self.editor._write_field(self.line.id, self.field, self.before, expected=self.after)


class SplitLineCommand(_Command):
    """A line split in two; undone by merging the parts and putting the text and times back.

    Redo splits again at the same character (the time of the cut follows from it, as the first time).
    """

    def __init__(self, editor: "TranscriptEditor", text: str, clip_id: int, first: LineRef, second: LineRef,
                 at_char: int, before: LineState) -> None:
        super().__init__(editor, text, clip_id)
        self.first = first
        self.second = second
        self.at_char = at_char
        self.before = before

    def apply(self) -> None:
        project = self.editor.require_project()
        _first, second = split_segment(project, self.first.id, self.at_char)
        self.editor.made_again(self.second, second)

    def revert(self) -> None:
        project = self.editor.require_project()
        merge_segments(project, self.first.id, self.second.id)
        self.editor.gone(self.second)
        b = self.before
        edit_segment(project, self.first.id, text=b.text, speaker=b.speaker, start_ms=b.start_ms, end_ms=b.end_ms,
                     note=b.note)


class MergeLinesCommand(_Command):
    """A line merged with the next; undone by splitting it where the two met and restoring both.

    The lines of a translation that the merge joined are split back as well.
    """

    def __init__(self, editor: "TranscriptEditor", text: str, clip_id: int,
                 lines: tuple[tuple[LineRef, LineState], tuple[LineRef, LineState]],
                 translations: list[tuple[tuple[LineRef, LineState], tuple[LineRef, LineState]]]) -> None:
        super().__init__(editor, text, clip_id)
        self.lines = lines
        self.translations = translations  # (first's line, second's line) of each translation both had

    def apply(self) -> None:
        (first, _), (second, _) = self.lines
        self.editor._merge(first, second, [(a, b) for (a, _sa), (b, _sb) in self.translations])

    def revert(self) -> None:
        project = self.editor.require_project()
        (first, first_state), (second, second_state) = self.lines
        self.editor._unmerge(project, first, first_state, second, second_state)
        for (t_first, t_first_state), (t_second, t_second_state) in self.translations:
            if not self.editor.exists(t_second):  # joined into the first's line by the merge: split it back
                self.editor._unmerge(project, t_first, t_first_state, t_second, t_second_state)


class TagLineCommand(_Command):
    """Tags added to and removed from a line."""

    def __init__(self, editor: "TranscriptEditor", text: str, clip_id: int, line: LineRef,
                 added: list[str], removed: list[str]) -> None:
        super().__init__(editor, text, clip_id)
        self.line = line
        self.added = added
        self.removed = removed

    def lines_touched(self) -> list[int]:
        return [self.line.id]

    def _set(self, add: list[str], remove: list[str]) -> None:
        project = self.editor.require_project()
        try:
            for tag in remove:
                untag_segment(project, self.line.id, tag)
            for tag in add:
                tag_segment(project, self.line.id, tag)
        finally:
            self.editor.tagsChanged.emit()

    def apply(self) -> None:
        self._set(self.added, self.removed)

    def revert(self) -> None:
        self._set(self.removed, self.added)


ConflictHandler = Callable[[str, str, Optional[str]], bool]  # theirs, mine, who -> keep mine?


class TranscriptEditor(QObject):
    """The one place the app changes transcript lines: core call, then an undo command on the stack.

    ``changed(clip_id, ids)`` after every change, undo and redo: the lines
    changed in place, or none when lines came or went (the view reads them, or
    all lines, again); ``tagsChanged`` after tags changed; ``failed(exc)`` when
    the core refused or the file system failed.
    ``conflict_handler(theirs, mine, who)`` decides, when a line was changed by
    someone else since it was read, whether to keep this edit (True) or theirs.
    """

    changed = Signal(int, list)
    tagsChanged = Signal()  # tags were given or taken: the catalogue's list of tags may have changed
    failed = Signal(object)

    def __init__(self, undo_stack: QUndoStack, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._project: Optional[Project] = None
        self._refs: dict[int, LineRef] = {}
        self.conflict_handler: ConflictHandler = lambda _theirs, _mine, _who: False

    # ----------------------------------------------------------------- state
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

    def ref(self, segment_id: int) -> LineRef:
        """The line with this id as the commands know it."""
        found = self._refs.get(segment_id)
        if found is None:
            found = self._refs[segment_id] = LineRef(segment_id)
        return found

    def new_line(self, segment_id: int) -> LineRef:
        """A line just made: a new reference, whatever line had its id before."""
        ref = self._refs[segment_id] = LineRef(segment_id)
        return ref

    def gone(self, ref: LineRef) -> None:
        """The line was deleted (merged into another): its id may be given to a new line."""
        if self._refs.get(ref.id) is ref:
            del self._refs[ref.id]

    def made_again(self, ref: LineRef, segment_id: int) -> None:
        """The line was made again under ``segment_id``."""
        self.gone(ref)
        ref.id = segment_id
        self._refs[segment_id] = ref

    def exists(self, ref: LineRef) -> bool:
        """Whether the line is in the catalogue."""
        if self._project is None:
            return False
        try:
            with self._project.session() as session:
                segment_row(session, ref.id)
        except DocManagerError:
            return False
        return True

    def _run(self, clip_id: int, fn: Callable[[], Any], lines: Sequence[int] = ()) -> Any:
        """Call the core; a refusal or an I/O error becomes ``failed``; ``changed`` in any case."""
        try:
            return fn()
        except (DocManagerError, OSError) as exc:
            self.failed.emit(exc)
            return None
        finally:
            self.changed.emit(clip_id, list(lines))

    # ----------------------------------------------------------------- edits
    def edit_text(self, clip_id: int, row: SegmentRow, text: str, field: str = "text") -> bool:
        """Give line ``row`` (as read, with its version) a new text (or speaker: ``field="speaker"``)."""
        command = self._run(clip_id, lambda: self._edit_command(clip_id, row, text, field), [row.id])
        if command is None:
            return False
        self.undo_stack.push(command)
        return True

    def _edit_command(self, clip_id: int, row: SegmentRow, text: str, field: str) -> Optional[EditLineCommand]:
        """Write the edit; the command that undoes it, or None when nothing was written."""
        if field == "text":
            before: Optional[str] = row.text
            after: Optional[str] = text
            label = self.tr("Edit line")
        else:
            before = row.speaker or None
            after = text.strip() or None
            label = self.tr("Edit speaker")
        if before == after:
            return None
        project = self.require_project()
        try:
            edit_segment(project, row.id, expected_version=row.version, **{field: after})
        except ConflictError:
            with project.session() as session:
                fresh = segment_row(session, row.id)
            theirs = fresh.text if field == "text" else fresh.speaker
            if theirs == after or not self.conflict_handler(theirs or "", after or "", fresh.updated_by):
                return None  # theirs stays; the reload shows it
            before = theirs
            edit_segment(project, row.id, expected_version=fresh.version, **{field: after})
        return EditLineCommand(self, label, clip_id, self.ref(row.id), field, before, after)

    def _write_field(self, segment_id: int, field: str, value: Optional[str], expected: Optional[str]) -> None:
        """Undo/redo of an edit: write ``value`` where the line still says ``expected``; else ask first."""
        project = self.require_project()
        with project.session() as session:
            fresh = segment_row(session, segment_id)
        current = fresh.text if field == "text" else fresh.speaker
        if current == value:
            return
        if current != expected and not self.conflict_handler(current or "", value or "", fresh.updated_by):
            return
        edit_segment(project, segment_id, expected_version=fresh.version, **{field: value})

    def split(self, clip_id: int, row: SegmentRow, at_char: int, text: Optional[str] = None) -> Optional[int]:
        """Split line ``row`` at character ``at_char`` of ``text`` (its text as edited; the stored one when None).

        An edited text is saved first; both steps undo as one.  Returns the second part's id.
        """
        if self._project is None:
            return None
        edit: Optional[EditLineCommand] = None
        if text is not None and text != row.text:
            edit = self._run(clip_id, lambda: self._edit_command(clip_id, row, text, "text"))
            if edit is None:
                return None

        def _split() -> SplitLineCommand:
            project = self.require_project()
            with project.session() as session:
                current = segment_row(session, row.id)
            _first, second = split_segment(project, current.id, at_char, expected_version=current.version)
            return SplitLineCommand(self, self.tr("Split line"), clip_id, self.ref(current.id),
                                    self.new_line(second), at_char, LineState.of(current))

        command = self._run(clip_id, _split)
        if edit is not None and command is not None:
            self.undo_stack.beginMacro(self.tr("Split line"))
            self.undo_stack.push(edit)
            self.undo_stack.push(command)
            self.undo_stack.endMacro()
        elif edit is not None:
            self.undo_stack.push(edit)
        elif command is not None:
            self.undo_stack.push(command)
        return command.second.id if command is not None else None

    def merge(self, clip_id: int, first: SegmentRow, second: SegmentRow) -> bool:
        """Merge line ``first`` with the next line ``second`` (both as read, with their versions)."""
        if self._project is None:
            return False

        def _merge() -> MergeLinesCommand:
            project = self.require_project()
            with project.session() as session:
                pairs = self._translation_pairs(session, clip_id, first, second)
            lines = ((self.ref(first.id), LineState.of(first)), (self.ref(second.id), LineState.of(second)))
            translations = [((self.ref(a.id), LineState.of(a)), (self.ref(b.id), LineState.of(b))) for a, b in pairs]
            self._merge(lines[0][0], lines[1][0], [(a, b) for (a, _sa), (b, _sb) in translations],
                        expected_versions=(first.version, second.version))
            return MergeLinesCommand(self, self.tr("Merge lines"), clip_id, lines, translations)

        command = self._run(clip_id, _merge)
        if command is None:
            return False
        self.undo_stack.push(command)
        return True

    def _merge(self, first: LineRef, second: LineRef, translations: Sequence[tuple[LineRef, LineRef]],
               expected_versions: Optional[tuple[int, int]] = None) -> None:
        merge_segments(self.require_project(), first.id, second.id, expected_versions=expected_versions)
        self.gone(second)
        for _t_first, t_second in translations:
            if not self.exists(t_second):  # the merge joined the translation's lines too
                self.gone(t_second)

    @staticmethod
    def _translation_pairs(session, clip_id: int, first: SegmentRow, second: SegmentRow
                           ) -> list[tuple[SegmentRow, SegmentRow]]:
        """For each translation of the lines' transcript: the last line of ``first`` and the first of ``second``."""
        pairs = []
        for info in transcripts_of_clip(session, clip_id):
            if info.kind != "translation" or info.translation_of is None or \
                    info.translation_of.lower() != first.lang.lower():
                continue
            rows = segments_page(session, clip_id, info.lang)
            of_first = [r for r in rows if r.translates_id == first.id]
            of_second = [r for r in rows if r.translates_id == second.id]
            if of_first and of_second:
                pairs.append((of_first[-1], of_second[0]))
        return pairs

    def _unmerge(self, project: Project, first: LineRef, first_state: LineState, second: LineRef,
                 second_state: LineState) -> None:
        """Split the line that ``first`` and ``second`` were merged into back into the two, as they were."""
        head = first_state.text if first_state.text.strip() else PLACEHOLDER
        tail = second_state.text if second_state.text.strip() else PLACEHOLDER
        with project.session() as session:
            merged = segment_row(session, first.id)
        edit_segment(project, first.id, text=f"{head.rstrip()} {tail.lstrip()}")
        start, end = merged.start_ms, merged.end_ms
        at_ms: Optional[int] = None
        if start is not None:
            if second_state.start_ms is not None and start < second_state.start_ms and \
                    (end is None or second_state.start_ms < end):
                at_ms = second_state.start_ms
            elif end is None or end - start >= 2:
                at_ms = start + 1  # any point inside: the times are put back below
        _first, second_id = split_segment(project, first.id, len(head.rstrip()), at_ms)
        self.made_again(second, second_id)
        for ref, state in ((first, first_state), (second, second_state)):
            edit_segment(project, ref.id, text=state.text, speaker=state.speaker, note=state.note,
                         start_ms=state.start_ms, end_ms=state.end_ms)
        with project.session() as session:
            now = {ref.id: set(segment_row(session, ref.id).tags) for ref in (first, second)}
        for ref, state in ((first, first_state), (second, second_state)):
            wanted = set(state.tags)
            for tag in now[ref.id] - wanted:
                untag_segment(project, ref.id, tag)
            for tag in wanted - now[ref.id]:
                tag_segment(project, ref.id, tag)

    def set_tags(self, clip_id: int, row: SegmentRow, tags: Sequence[str]) -> bool:
        """Give line ``row`` exactly these tags (added and removed as one undoable step)."""
        if self._project is None:
            return False
        have = {t.lower(): t for t in row.tags}
        want = {t.lower(): t for t in tags}
        added = [want[k] for k in want if k not in have]
        removed = [have[k] for k in have if k not in want]
        if not added and not removed:
            return False
        command = TagLineCommand(self, self.tr("Tag line"), clip_id, self.ref(row.id), added, removed)

        def _tag() -> bool:
            command.apply()
            return True

        if not self._run(clip_id, _tag, [row.id]):
            return False
        self.undo_stack.push(command)
        return True


# ====================================================================== import
class TranscriptImportDialog(QDialog):
    """Which language each dropped file is in, and which transcript a translation translates."""

    def __init__(self, paths: Sequence[str], existing: Sequence[str], clip_name: str = "",
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptImportDialog")
        self.setWindowTitle(self.tr("Import Transcript"))
        self.paths = list(paths)
        self._existing = [lang for lang in existing]
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Import into “{clip}”: say which language each file is in. A translation is "
                               "paired line by line with the transcript it translates.").format(clip=clip_name)
                       if clip_name else self.tr("Say which language each file is in."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.addWidget(self._bold(self.tr("File")), 0, 0)
        grid.addWidget(self._bold(self.tr("Language")), 0, 1)
        grid.addWidget(self._bold(self.tr("Translation of")), 0, 2)
        self.languages: list[QComboBox] = []
        self.sources: list[QComboBox] = []
        guesses = [guess_language(p) for p in self.paths]
        for row, (path, guess) in enumerate(zip(self.paths, guesses), start=1):
            name = QLabel(Path(path).name)
            name.setToolTip(path)
            lang = QComboBox()
            lang.setEditable(True)
            lang.setObjectName(f"importLanguage{row - 1}")
            for code, label in (("zh", self.tr("Chinese (zh)")), ("en", self.tr("English (en)"))):
                lang.addItem(label, code)
            lang.setCurrentIndex(max(lang.findData(guess), 0))
            lang.setToolTip(self.tr("A language code such as zh, zh-Hant or en"))
            lang.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            lang.setMinimumContentsLength(12)
            source = QComboBox()
            source.setObjectName(f"importTranslationOf{row - 1}")
            source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            source.setMinimumContentsLength(18)
            self.languages.append(lang)
            self.sources.append(source)
            grid.addWidget(name, row, 0)
            grid.addWidget(lang, row, 1)
            grid.addWidget(source, row, 2)
            lang.currentIndexChanged.connect(self._refresh_sources)
            lang.editTextChanged.connect(self._refresh_sources)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._refresh_sources(initial=True)
        self.setMinimumWidth(520)

    @staticmethod
    def _bold(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _lang_of(self, combo: QComboBox) -> str:
        text = combo.currentText().strip()
        index = combo.findText(text)
        if index >= 0 and combo.itemData(index):
            return str(combo.itemData(index))
        return text

    def _refresh_sources(self, *_args: object, initial: bool = False) -> None:
        langs = [self._lang_of(c) for c in self.languages]
        for i, source in enumerate(self.sources):
            chosen = source.currentData() if not initial else None
            options = [lang for lang in dict.fromkeys([*self._existing, *langs]) if lang and lang != langs[i]]
            source.blockSignals(True)
            source.clear()
            source.addItem(self.tr("— none: the original transcript —"), None)
            for lang in options:
                source.addItem(lang, lang)
            if initial:
                # A file not in Chinese beside a Chinese transcript (there or coming) is its translation.
                chosen = "zh" if langs[i] != "zh" and "zh" in options else None
            index = source.findData(chosen) if chosen else 0
            source.setCurrentIndex(max(index, 0))
            source.blockSignals(False)

    def items(self) -> list[ImportItem]:
        out = []
        for path, lang, source in zip(self.paths, self.languages, self.sources):
            out.append(ImportItem(path, self._lang_of(lang), source.currentData()))
        return out


# ====================================================================== widgets
class LineTextEdit(QPlainTextEdit):
    """The cell editor: Enter keeps the text, Shift+Enter breaks the line, Ctrl+K splits at the cursor."""

    commitRequested = Signal()
    splitRequested = Signal(int)  # the cursor's character position

    def __init__(self, parent: Optional[QWidget] = None, can_split: bool = False) -> None:
        super().__init__(parent)
        self.can_split = can_split
        self.setObjectName("lineEditor")
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    @staticmethod
    def _is_split(event: QKeyEvent) -> bool:
        return QKeySequence(event.keyCombination()) == SPLIT_KEY

    def event(self, event: QEvent) -> bool:
        # Ctrl+K would delete to the end of the line here; it splits, and no window shortcut takes it.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._is_split(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_split(event):
            if self.can_split:
                self.splitRequested.emit(self.textCursor().position())
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.commitRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.can_split:
            menu.addSeparator()
            split = menu.addAction(self.tr("Split Line Here"))
            split.setShortcut(SPLIT_KEY)
            cursor = self.cursorForPosition(event.pos())
            position = self.textCursor().position() if self.textCursor().hasSelection() else cursor.position()
            split.triggered.connect(lambda: self.splitRequested.emit(position))
        menu.exec(event.globalPos())
        menu.deleteLater()


class TranscriptDelegate(QStyledItemDelegate):
    """Edits texts in a wrapping editor at least three lines high; paints tags as chips."""

    splitRequested = Signal(QPersistentModelIndex, str, int)  # the line's cell, its text as edited, the cursor

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        if index.column() not in (ORIGINAL, TRANSLATION):
            editor = super().createEditor(parent, option, index)
            if isinstance(editor, QLineEdit):
                editor.setObjectName("speakerEditor")
            return editor
        editor = LineTextEdit(parent, can_split=index.column() == ORIGINAL)
        persistent = QPersistentModelIndex(index)
        editor.commitRequested.connect(lambda e=editor: self._commit_and_close(e))
        editor.splitRequested.connect(lambda position, e=editor: self._split(e, persistent, position))
        return editor

    def _split(self, editor: "LineTextEdit", index: QPersistentModelIndex, position: int) -> None:
        """Close the editor without saving (the split saves the edited text itself), then ask for the split."""
        text = editor.toPlainText()
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        self.splitRequested.emit(index, text, position)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, LineTextEdit):
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, LineTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, LineTextEdit):
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 3 + 12))
        editor.setGeometry(rect)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.column() != TAGS:
            super().paint(painter, option, index)
            return
        tags = index.data(TagsRole) or ()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        x = option.rect.left() + 4
        y = option.rect.top() + 4
        height = metrics.height() + 2
        for tag in tags:
            width = metrics.horizontalAdvance(tag) + 12
            if x + width > option.rect.right() - 2 and x > option.rect.left() + 4:
                x = option.rect.left() + 4
                y += height + 3
            if y + height > option.rect.bottom():
                break
            chip = QRectF(x, y, min(width, option.rect.width() - 8), height)
            path = QPainterPath()
            path.addRoundedRect(chip, height / 2, height / 2)
            painter.fillPath(path, QColor("#dfe9f7"))
            painter.setPen(QColor("#1f3f6e"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(tag, Qt.TextElideMode.ElideRight,
                                                                                   int(chip.width()) - 8))
            x += width + 4
        painter.restore()


class TranscriptLinesModel(TranscriptTableModel):
    """The lines, which can be dragged into a cut: their segment ids travel as ``SEGMENTS_MIME``, in order."""

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [SEGMENTS_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> Any:
        lines = [self.line(row) for row in sorted({i.row() for i in indexes if i.isValid()})]
        lines = [line for line in lines if line is not None]
        mime = segments_mime(line.id for line in lines)
        mime.setText("\n".join(line.original.text for line in lines))
        return mime


class TranscriptTable(QTableView):
    """The lines; Enter seeks to the current line, Ctrl+K starts a split, Ctrl+J merges with the next.

    One or more lines (Shift/Ctrl+click) can be dragged into a cut.

    Rows are as tall as their wrapped text.  Only the rows in view are measured
    (and those coming into view as it scrolls), so a transcript of thousands of
    lines opens at once.
    """

    activatedRow = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        one_line = max(self.fontMetrics().lineSpacing() + 10, 24)
        vertical.setMinimumSectionSize(one_line)
        vertical.setDefaultSectionSize(one_line)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        self._sized: set[int] = set()
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(60)
        self._refit.timeout.connect(self.forget_row_heights)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self.fit_visible_rows())
        header.sectionResized.connect(lambda *_args: self._refit.start())

    def setModel(self, model: QAbstractItemModel) -> None:
        super().setModel(model)
        model.modelReset.connect(self.forget_row_heights)
        model.dataChanged.connect(self._on_data_changed)

    def forget_row_heights(self) -> None:
        """Measure again (the texts or the columns' widths changed)."""
        self._sized.clear()
        self.fit_visible_rows()

    def fit_visible_rows(self) -> None:
        """Fit the rows in view (and a few around them) to their text."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if not count:
            return
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        first = 0 if first < 0 else first
        last = count - 1 if last < 0 else last
        for row in range(max(0, first - 4), min(count, last + 12)):
            if row not in self._sized:
                self._sized.add(row)
                self.resizeRowToContents(row)

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return
        for row in range(top.row(), bottom.row() + 1):
            if row in self._sized:
                self.resizeRowToContents(row)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_visible_rows()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.is_editing() \
                and self.currentIndex().isValid():
            self.activatedRow.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

    def is_editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState


@dataclass(frozen=True)
class NameNote:
    """A finding of the name check as the panel lists it: the line (its row, from 1) and what it says."""

    segment_id: int  # the transcript line to select
    line: int
    chinese: str
    expected: str
    quote: str


class GlossaryPanel(QWidget):
    """The clip's people (汉字, pinyin, English), the name check's findings, and the last import's result."""

    findingActivated = Signal(int)  # the transcript line's id

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.glossary_title = self._heading(self.tr("Glossary"))
        layout.addWidget(self.glossary_title)
        self.glossary = QTableWidget(0, 3)
        self.glossary.setObjectName("glossaryTable")
        self.glossary.setHorizontalHeaderLabels([self.tr("Chinese"), self.tr("Pinyin"), self.tr("English")])
        self.glossary.verticalHeader().setVisible(False)
        self.glossary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.glossary.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.glossary.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.glossary.setShowGrid(False)
        self.glossary.setWordWrap(False)
        self.glossary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.glossary.horizontalHeader().setStretchLastSection(True)
        self.glossary.horizontalHeader().setHighlightSections(False)
        self.glossary.setToolTip(self.tr("How the clip's people are written: use these spellings in the "
                                         "translation"))
        layout.addWidget(self.glossary)
        self.no_glossary = QLabel(self.tr("No people on this clip: add subjects in the inspector to see "
                                          "their names here."))
        self.no_glossary.setWordWrap(True)
        self.no_glossary.setEnabled(False)
        layout.addWidget(self.no_glossary)

        self.names_title = self._heading(self.tr("Name check"))
        layout.addWidget(self.names_title)
        self.findings = QListWidget()
        self.findings.setObjectName("nameFindings")
        self.findings.setWordWrap(True)
        self.findings.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.findings.itemClicked.connect(self._on_finding)
        self.findings.itemActivated.connect(self._on_finding)
        layout.addWidget(self.findings, 1)

        self.import_title = self._heading(self.tr("Last import"))
        layout.addWidget(self.import_title)
        self.import_summary = QLabel()
        self.import_summary.setObjectName("importSummary")
        self.import_summary.setWordWrap(True)
        self.import_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.import_summary)
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems, 1)
        self.show_import(None)
        self.show_glossary([], [])

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def show_glossary(self, entries: Sequence[GlossaryEntry], findings: Sequence["NameNote"]) -> None:
        self.glossary.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate((entry.chinese or "", entry.pinyin or "", entry.english)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.glossary.setItem(row, column, item)
        self.glossary.resizeRowsToContents()
        rows = min(max(len(entries), 1), 4)
        height = self.glossary.horizontalHeader().sizeHint().height() + 2 * self.glossary.frameWidth() + \
            sum(self.glossary.rowHeight(r) for r in range(min(len(entries), rows))) + 2
        self.glossary.setFixedHeight(height)
        self.glossary.setVisible(bool(entries))
        self.no_glossary.setVisible(not entries)
        self.findings.clear()
        for finding in findings:
            text = self.tr("Line {line}: {chinese} should be spelled “{expected}”").format(
                line=finding.line, chinese=finding.chinese, expected=finding.expected)
            item = QListWidgetItem(f"{text}\n{finding.quote}")
            item.setData(Qt.ItemDataRole.UserRole, finding.segment_id)
            item.setToolTip(finding.quote)
            item.setForeground(QColor("#a15c00"))
            self.findings.addItem(item)
        if not findings:
            item = QListWidgetItem(self.tr("Every name is spelled as in the glossary.") if entries
                                   else self.tr("Nothing to check."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.findings.addItem(item)
        self.names_title.setText(self.tr("Name check ({count})").format(count=len(findings)) if findings
                                 else self.tr("Name check"))

    def _on_finding(self, item: QListWidgetItem) -> None:
        segment_id = item.data(Qt.ItemDataRole.UserRole)
        if segment_id is not None:
            self.findingActivated.emit(int(segment_id))

    def show_import(self, results: Optional[Sequence[tuple[str, ImportResult]]],
                    failures: Sequence[tuple[str, str]] = ()) -> None:
        """The last import of this clip: per file its format, encoding and line count, then its problems."""
        self.problems.clear()
        if not results and not failures:
            self.import_title.setVisible(False)
            self.import_summary.setVisible(False)
            self.problems.setVisible(False)
            return
        lines = []
        for path, result in results or ():
            lines.append(self.tr("{file}: {lang}, {format}, {encoding}, {count} lines").format(
                file=Path(path).name, lang=result.lang, format=result.format.upper(), encoding=result.encoding,
                count=result.segments))
            for problem in result.problems:
                unit = self.tr("Paragraph") if result.unit == "paragraph" else self.tr("Line")
                self._problem(f"{Path(path).name} · {unit} {problem.line}: {problem.message}")
            for miss in result.unaligned:
                when = timestamp_text(miss.start_ms) if miss.start_ms is not None else ""
                text = self.tr("{file} · line {line} {time}: not paired ({reason})").format(
                    file=Path(path).name, line=miss.line, time=when, reason=miss.reason)
                self._problem(f"{text}\n{miss.text}" if miss.text else text)
        for path, reason in failures:
            lines.append(self.tr("{file}: not imported").format(file=Path(path).name))
            self._problem(f"{Path(path).name}: {reason}", error=True)
        self.import_summary.setText("\n".join(lines))
        self.import_title.setVisible(True)
        self.import_summary.setVisible(True)
        self.problems.setVisible(self.problems.count() > 0)

    def _problem(self, text: str, error: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setToolTip(text)
        item.setForeground(QColor("#c62828") if error else QColor("#a15c00"))
        self.problems.addItem(item)


class TagDialog(QDialog):
    """The tags of a transcript line, comma-separated, completed from the catalogue's tags."""

    def __init__(self, tags: Sequence[str], known: Sequence[str], text: str,
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tag Line"))
        layout = QVBoxLayout(self)
        quote = QLabel(text)
        quote.setWordWrap(True)
        quote.setEnabled(False)
        layout.addWidget(quote)
        self.edit = TagsEdit()
        self.edit.setObjectName("lineTags")
        self.edit.set_known_tags(list(known))
        self.edit.set_tags(list(tags))
        self.edit.setPlaceholderText(self.tr("police, DNA, reward, …"))
        layout.addWidget(QLabel(self.tr("Tags, separated by commas:")))
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def tags(self) -> list[str]:
        return self.edit.tags()


# ====================================================================== the view
class TranscriptView(QWidget):
    """Player, glossary and the lines of the selected clip's transcript beside their translation."""

    filesDropped = Signal(int, list)  # clip id, transcript files to import
    importRequested = Signal(int)  # clip id: choose files to import
    message = Signal(str)  # for the status bar
    addToCutRequested = Signal(list)  # segment ids of the selected lines, in order

    def __init__(self, player: Player, editor: TranscriptEditor, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptView")
        self.player = player
        self.editor = editor
        self.model = TranscriptLinesModel(self)
        self._project: Optional[Project] = None
        self._clip_id: Optional[int] = None
        self._clip_name = ""
        self._known_tags: list[str] = []
        self._imports: dict[int, tuple[list, list]] = {}  # clip id -> (results, failures) of its last import
        self._follow = True
        self._several = False
        self._stale = False
        self.setAcceptDrops(True)

        # --- top: player and glossary
        self.glossary_panel = GlossaryPanel()
        self.glossary_panel.setMinimumWidth(220)
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.setObjectName("transcriptTop")
        self.top.addWidget(player)
        self.top.addWidget(self.glossary_panel)
        self.top.setStretchFactor(0, 3)
        self.top.setStretchFactor(1, 2)
        self.top.setChildrenCollapsible(False)
        self.top.setSizes([540, 320])

        # --- the lines
        self.title = QLabel()
        self.title.setObjectName("transcriptTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lang_label = QLabel(self.tr("Transcript:"))
        self.lang_combo = QComboBox()
        self.lang_combo.setObjectName("transcriptLanguage")
        self.translation_label = QLabel(self.tr("Translation:"))
        self.translation_combo = QComboBox()
        self.translation_combo.setObjectName("translationLanguage")
        self.import_button = QPushButton(self.tr("Import…"))
        self._editable = True
        self.import_button.setObjectName("importTranscript")
        self._import_tip = self.tr("Import a transcript or its translation (.srt, .vtt, .ass, .txt, .docx); "
                                   "you can also drop the files here")
        self.import_button.setToolTip(self._import_tip)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title, 1)
        for widget in (self.lang_label, self.lang_combo, self.translation_label, self.translation_combo):
            bar.addWidget(widget)
        bar.addWidget(self.import_button)

        self.table = TranscriptTable()
        self.table.setModel(self.model)
        self.delegate = TranscriptDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(TIME, metrics.horizontalAdvance("00:00:00.000") + 16)
        header.setSectionResizeMode(SPEAKER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SPEAKER, metrics.horizontalAdvance("Liu Jingjun") + 12)
        header.setSectionResizeMode(ORIGINAL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TRANSLATION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TAGS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TAGS, 90)

        self.empty = QLabel()
        self.empty.setObjectName("transcriptEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        lines = QWidget()
        lines_layout = QVBoxLayout(lines)
        lines_layout.setContentsMargins(0, 4, 0, 0)
        lines_layout.setSpacing(4)
        lines_layout.addLayout(bar)
        lines_layout.addWidget(self.stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("transcriptSplitter")
        self.splitter.addWidget(self.top)
        self.splitter.addWidget(lines)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 460])  # the lines get the larger part; the picture stays 16:9 above
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # --- actions (their keys work anywhere in the view; the player's too)
        self.split_action = self._action(self.tr("Split Line at Cursor"), SPLIT_KEY, self.start_split, "splitLine")
        self.merge_action = self._action(self.tr("Merge with Next Line"), MERGE_KEY, self.merge_current,
                                         "mergeLines")
        self.tag_action = self._action(self.tr("Tag…"), QKeySequence("Ctrl+T"), self.tag_current, "tagLine")
        self.edit_original_action = self._action(self.tr("Edit Original"), None,
                                                 lambda: self.edit_current(ORIGINAL), "editOriginal")
        self.edit_translation_action = self._action(self.tr("Edit Translation"), None,
                                                    lambda: self.edit_current(TRANSLATION), "editTranslation")
        self.play_here_action = self._action(self.tr("Play from Here"), None, self.play_current, "playFromHere")
        self.add_to_cut_action = self._action(self.tr("Add to Cut"), ADD_TO_CUT_KEYS[0], self.add_to_cut,
                                              "addToCut")
        self.add_to_cut_action.setShortcuts(ADD_TO_CUT_KEYS)
        self.add_to_cut_action.setToolTip(self.tr("Append the selected lines to the current cut, in order "
                                                  "(or drag them onto the cut)"))
        for act in player.shortcut_actions():
            self.addAction(act)

        # --- wiring
        self.model.editRequested.connect(self._on_edit_requested)
        self.table.clicked.connect(lambda index: self.seek_to_row(index.row()))
        self.table.activatedRow.connect(self.seek_to_row)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.delegate.splitRequested.connect(self._on_split_from_editor)
        self.glossary_panel.findingActivated.connect(self.select_segment)
        self.lang_combo.activated.connect(self._on_language_chosen)
        self.translation_combo.activated.connect(self._on_language_chosen)
        self.import_button.clicked.connect(lambda: self._clip_id is not None and
                                           self.importRequested.emit(self._clip_id))
        player.positionChanged.connect(self.set_position)
        editor.changed.connect(self._on_changed)
        editor.conflict_handler = self.ask_which_to_keep
        self._update_state()

    def _action(self, text: str, shortcut: Optional[QKeySequence], slot: Callable[[], object],
                name: str) -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(shortcut)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    # ----------------------------------------------------------------- state
    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self._clip_id = None
        self._stale = False
        self._imports.clear()
        self.model.set_project(project)
        self._update_state()

    def set_known_tags(self, names: Sequence[str]) -> None:
        self._known_tags = list(names)

    def clip_id(self) -> Optional[int]:
        return self._clip_id

    def show_language(self, lang: str) -> bool:
        """Show the shown clip's lines in ``lang``: beside their original when they translate it, else on the left.

        False when the clip has no lines in ``lang``.
        """
        data = self.model.data_
        if self._clip_id is None or not lang:
            return False
        if lang.lower() in ((data.lang or "").lower(), (data.translation_lang or "").lower()):
            return True
        info = next((t for t in data.transcripts if t.lang.lower() == lang.lower()), None)
        if info is None:
            return False
        if info.translation_of:
            self.model.load(self._clip_id, info.translation_of, info.lang)
        else:
            self.model.load(self._clip_id, info.lang)
        self._update_state()
        return True

    def show_clip(self, clip_id: Optional[int], name: str = "", several: bool = False) -> None:
        """Show this clip's transcript (None: none; ``several``: more than one clip is selected)."""
        self._several = several
        if clip_id == self._clip_id and clip_id is not None:
            return
        self._clip_id = clip_id
        self._clip_name = name
        if self.isVisible():
            self._load()
        else:
            self._stale = True  # read when shown: browsing clips costs no transcript reads

    def _load(self) -> None:
        self._stale = False
        self.model.load(self._clip_id)
        self._update_state()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._load()

    def reload(self) -> None:
        """Read the lines, glossary and name check again (after an edit, an undo, an import)."""
        if not self.isVisible():
            self._stale = True
            return
        current = self.current_segment_id()
        if self.model.clip_id() != self._clip_id:
            self.model.load(self._clip_id)
        else:
            self.model.reload()
        self._update_state()
        if current is not None:
            self.select_segment(current, seek=False)

    def set_editable(self, allowed: bool, reason: str = "") -> None:
        """Let the lines be edited, split, merged, tagged and imported, or not (the user's role)."""
        self.model.editable = allowed
        for act in (self.split_action, self.merge_action, self.tag_action, self.edit_original_action,
                    self.edit_translation_action):
            act.setEnabled(allowed)
            act.setToolTip(reason)
        self._editable = allowed
        self.import_button.setToolTip(reason or self._import_tip)
        self._update_state()

    def _update_state(self) -> None:
        data = self.model.data_
        clip = self._clip_id
        self.title.setText(self._clip_name if clip is not None else "")
        self.import_button.setEnabled(clip is not None and self._project is not None and self._editable)
        if clip is None:
            self.empty.setText(self.tr("Select one clip to see its transcript.") if self._several
                               else self.tr("Select a clip to see its transcript."))
            self.stack.setCurrentWidget(self.empty)
        elif not data.transcripts:
            self.empty.setText(self.tr("This clip has no transcript yet.\n\nDrop an .srt, .vtt, .ass, .txt or .docx "
                                       "file here or on the clip in the table, or click Import…"))
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table)
        self._fill_languages()
        self._fill_glossary()
        results, failures = self._imports.get(clip, ([], [])) if clip is not None else ([], [])
        self.glossary_panel.show_import(results, failures)

    def _fill_languages(self) -> None:
        data = self.model.data_
        many = len(data.transcripts) > 2
        for widget in (self.lang_label, self.lang_combo, self.translation_label, self.translation_combo):
            widget.setVisible(many)
        if not many:
            return
        self.lang_combo.clear()
        for info in data.transcripts:
            self.lang_combo.addItem(self.model.language_name(info.lang), info.lang)
        self.lang_combo.setCurrentIndex(max(self.lang_combo.findData(data.lang), 0))
        self.translation_combo.clear()
        self.translation_combo.addItem(self.tr("— none —"), None)
        for info in data.translations_of(data.lang):
            self.translation_combo.addItem(self.model.language_name(info.lang), info.lang)
        index = self.translation_combo.findData(data.translation_lang) if data.translation_lang else 0
        self.translation_combo.setCurrentIndex(max(index, 0))

    def _on_language_chosen(self, *_args: object) -> None:
        lang = self.lang_combo.currentData()
        translation = self.translation_combo.currentData()
        if lang != self.model.lang():
            translation = None  # the translations of another transcript: its default one
        elif translation is None:
            translation = NO_TRANSLATION
        self.model.load(self._clip_id, lang, translation)
        self._update_state()

    def _fill_glossary(self) -> None:
        entries: list[GlossaryEntry] = []
        findings: list[NameFinding] = []
        if self._project is not None and self._clip_id is not None:
            try:
                with self._project.session() as session:
                    entries = glossary(session, self._clip_id)
                    if self.model.translation_lang():
                        findings = check_names(session, self._clip_id, self.model.translation_lang())
            except DocManagerError as exc:
                log.warning("glossary of clip %s: %s", self._clip_id, exc)
        self.glossary_panel.show_glossary(entries, [self._note(f) for f in findings])

    def _note(self, finding: NameFinding) -> NameNote:
        """A finding with the row it is on and its translation line as the table shows it."""
        row = self.model.row_of(finding.source_segment_id)
        quote = finding.text
        line = self.model.line(row) if row is not None else None
        for translation in line.translations if line is not None else ():
            if translation.id == finding.segment_id:
                quote = f"{translation.speaker}: {translation.text}" if translation.speaker else translation.text
        return NameNote(finding.source_segment_id, row + 1 if row is not None else finding.position,
                        finding.chinese, finding.expected, quote)

    def show_import_result(self, clip_id: int, report: Report) -> None:
        """Keep and show what the last import into ``clip_id`` did."""
        results = list(report.data.get("results") or [])
        failures = [(f.path or "", f.reason) for f in report.failed]
        self._imports[clip_id] = (results, failures)
        if clip_id == self._clip_id:
            self.reload()

    # ----------------------------------------------------------- selection
    def current_row(self) -> Optional[int]:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def current_line(self) -> Optional[TranscriptLine]:
        row = self.current_row()
        return self.model.line(row) if row is not None else None

    def current_segment_id(self) -> Optional[int]:
        line = self.current_line()
        return line.id if line is not None else None

    def selected_segment_ids(self) -> list[int]:
        """The selected lines' segment ids from the top (the current line when none is selected)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        lines = [self.model.line(row) for row in rows]
        ids = [line.id for line in lines if line is not None]
        if not ids and self.current_segment_id() is not None:
            ids = [self.current_segment_id()]
        return ids

    def add_to_cut(self) -> None:
        ids = self.selected_segment_ids()
        if ids:
            self.addToCutRequested.emit(ids)

    def select_row(self, row: int, column: int = ORIGINAL) -> None:
        index = self.model.index(row, column)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        hint = QAbstractItemView.ScrollHint.PositionAtCenter if not self._row_visible(row) else \
            QAbstractItemView.ScrollHint.EnsureVisible
        self.table.scrollTo(index, hint)
        self.table.fit_visible_rows()  # the rows come into view at their height: place it again
        self.table.scrollTo(index, hint)

    def select_segment(self, segment_id: int, seek: bool = False) -> bool:
        """Make the line ``segment_id`` (or the line it translates) the current one; seek there with ``seek``."""
        row = self.model.row_of(segment_id)
        if row is None:
            return False
        self.select_row(row)
        if seek:
            self.seek_to_row(row)
        return True

    def _row_visible(self, row: int) -> bool:
        rect = self.table.visualRect(self.model.index(row, 0))
        return rect.isValid() and self.table.viewport().rect().contains(rect.center())

    # -------------------------------------------------------------- player
    def seek_to_row(self, row: int) -> None:
        line = self.model.line(row)
        if line is not None and line.original.start_ms is not None:
            self.player.seek_ms(line.original.start_ms)
            self.model.set_playing_row(row)

    def play_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.seek_to_row(row)
            self.player.play()

    def set_position(self, ms: int) -> None:
        """The playhead moved: highlight the line being said and keep it in view while playing."""
        row = self.model.row_at_ms(ms)
        if row == self.model.playing_row():
            return
        self.model.set_playing_row(row)
        if row is not None and self._follow and self.player.is_playing() and not self.table.is_editing() \
                and not self._row_visible(row):
            self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)

    # ------------------------------------------------------------- editing
    def edit_current(self, column: int) -> None:
        row = self.current_row()
        if row is None:
            return
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _on_edit_requested(self, row: int, column: int, text: str) -> None:
        line = self.model.line(row)
        clip = self.model.clip_id()
        if line is None or clip is None:
            return
        # After the editor has closed: the reload that follows the edit resets rows.
        QTimer.singleShot(0, lambda: self._write(clip, line, column, text))

    def _write(self, clip: int, line: TranscriptLine, column: int, text: str) -> None:
        if column == ORIGINAL:
            self.editor.edit_text(clip, line.original, text)
        elif column == SPEAKER:
            self.editor.edit_text(clip, line.original, text, field="speaker")
        elif column == TRANSLATION and line.translation is not None:
            self.editor.edit_text(clip, line.translation, text)

    def start_split(self) -> None:
        """Ctrl+K outside the editor: open the original text to choose where to split."""
        if self.current_row() is None:
            return
        self.edit_current(ORIGINAL)
        self.message.emit(self.tr("Put the cursor where the line should be split and press Ctrl+K"))

    def _on_split_from_editor(self, index: QPersistentModelIndex, text: str, position: int) -> None:
        line = self.model.line(index.row()) if index.isValid() else None
        if line is None:
            return
        if not 0 < position < len(text) or not text[:position].strip() or not text[position:].strip():
            self.message.emit(self.tr("Put the cursor inside the text to split the line there"))
            return
        QTimer.singleShot(0, lambda: self.split_line(line, position, text))

    def split_line(self, line: TranscriptLine, at_char: int, text: Optional[str] = None) -> Optional[int]:
        clip = self.model.clip_id()
        if clip is None:
            return None
        second = self.editor.split(clip, line.original, at_char, text)
        if second is not None:
            self.select_segment(second)
        return second

    def merge_current(self) -> bool:
        row = self.current_row()
        if row is None or self.table.is_editing():  # finish the edit first: the merge reads the lines anew
            return False
        return self.merge_rows(row)

    def merge_rows(self, row: int) -> bool:
        first, second = self.model.line(row), self.model.line(row + 1)
        clip = self.model.clip_id()
        if first is None or second is None or clip is None:
            return False
        if self.editor.merge(clip, first.original, second.original):
            self.select_segment(first.id)
            return True
        return False

    def tag_current(self) -> None:
        line = self.current_line()
        clip = self.model.clip_id()
        if line is None or clip is None:
            return
        dialog = TagDialog(line.original.tags, self._known_tags, line.original.text, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.editor.set_tags(clip, line.original, dialog.tags())

    def _on_changed(self, clip_id: int, lines: list) -> None:
        if clip_id != self._clip_id:
            return
        if lines and self.isVisible() and self.model.refresh_lines(lines):
            self._fill_glossary()  # the name check reads the lines as they are now
            return
        self.reload()

    def ask_which_to_keep(self, theirs: str, mine: str, who: Optional[str]) -> bool:
        """Someone else changed the line: show both texts; True keeps this edit, False theirs."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("The line was changed by someone else"),
                          self.tr("{who} changed this line after you started editing it.").format(
                              who=who or self.tr("Someone")), parent=self)
        box.setObjectName("conflictBox")
        box.setInformativeText(self.tr("Their text:\n{theirs}\n\nYour text:\n{mine}").format(theirs=theirs,
                                                                                           mine=mine))
        keep_mine = box.addButton(self.tr("Keep Mine"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep Theirs"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is keep_mine

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        selection = self.table.selectionModel()
        if selection.isRowSelected(index.row(), QModelIndex()):  # keep the lines chosen for Add to Cut
            selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
        else:
            self.table.setCurrentIndex(index)
        line = self.model.line(index.row())
        if line is None:
            return
        menu = QMenu(self)
        menu.addAction(self.play_here_action)
        menu.addAction(self.add_to_cut_action)
        menu.addSeparator()
        menu.addAction(self.edit_original_action)
        self.edit_translation_action.setEnabled(self._editable and line.translation is not None)
        menu.addAction(self.edit_translation_action)
        menu.addAction(self.split_action)
        self.merge_action.setEnabled(self._editable and self.model.line(index.row() + 1) is not None)
        menu.addAction(self.merge_action)
        menu.addSeparator()
        menu.addAction(self.tag_action)
        if line.original.tags:
            remove = menu.addMenu(self.tr("Remove Tag"))
            for tag in line.original.tags:
                act = remove.addAction(tag)
                act.triggered.connect(lambda _checked=False, t=tag, seg=line.original: self._remove_tag(seg, t))
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()
        self.merge_action.setEnabled(self._editable)
        self.edit_translation_action.setEnabled(self._editable)

    def _remove_tag(self, seg: SegmentRow, tag: str) -> None:
        clip = self.model.clip_id()
        if clip is not None:
            self.editor.set_tags(clip, seg, [t for t in seg.tags if t != tag])

    # -------------------------------------------------------------- layout
    # ----------------------------------------------------------- drag, drop
    def dropped_files(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if self._clip_id is None or not mime.hasUrls():
            return []
        return transcript_files(url.toLocalFile() for url in mime.urls() if url.isLocalFile())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.dropped_files(event)
        if not paths or self._clip_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.filesDropped.emit(self._clip_id, paths)

    def sizeHint(self) -> QSize:
        return QSize(860, 760)
