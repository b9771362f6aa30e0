"""Metadata edits from the app: applied through the core at once, and undoable.

``ClipEditor.edit(ids, text, **changes)`` captures the clips' metadata, calls
``set_clips`` with the changes, captures the result and pushes an
``EditClipsCommand`` onto the undo stack.  Undo and redo put the captured
metadata back (``restore_metas``), field by field, only where a clip still
holds what the step left there: a field someone else changed since is asked
about first (``conflict_handler``), and keeping theirs leaves it.  Every
change emits ``edited(ids)`` so the table, the sidebar counts and the
inspector refresh.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Iterable, Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from docmanager.catalogue.clips import ClipMeta, set_clips
from docmanager.catalogue.conflicts import FieldConflict, clip_conflicts, restore_conflicts
from docmanager.catalogue.people import add_shoot, add_subject
from docmanager.catalogue.selection import clip_metas, restore_metas
from docmanager.errors import ConflictError, DocManagerError
from docmanager.project import Project


class DoneCommand(QUndoCommand):
    """An edit already made when it is pushed: the first ``redo`` (Qt calls it on push) does nothing.

    Later, ``redo`` runs ``apply`` (make the change again) and ``undo`` runs
    ``revert`` (take it back), both through ``run``, which a view overrides to
    call the core in its own way (with the project, refreshing what changed).
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._pushed = True

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self.run(self.apply)

    def undo(self) -> None:
        self.run(self.revert)

    def run(self, step) -> None:
        step()

    def apply(self, *args) -> None:
        """Make the change again (redo)."""

    def revert(self, *args) -> None:
        """Take the change back (undo)."""


#: Said when the clips changed again and again while an edit, undo or redo was being saved.
KEPT_CHANGING = "the clips kept changing while this edit was being saved; nothing was written"


class EditClipsCommand(QUndoCommand):
    """One edit of one or more clips; undo and redo restore captured metadata.

    Either way the stack moves on, also when the person keeps someone else's
    later change (nothing of this step is then written to those fields), as
    for transcript lines and markers.
    """

    def __init__(self, editor: "ClipEditor", text: str, before: list[ClipMeta], after: list[ClipMeta]) -> None:
        super().__init__(text)
        self._editor = editor
        self._before = before
        self._after = after
        self._applied = True  # pushed after the edit was made; the first redo() is the edit itself

    @property
    def ids(self) -> list[int]:
        return [m.clip_id for m in self._before]

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._editor._restore(self._before, self._after)

    def undo(self) -> None:
        self._editor._restore(self._after, self._before)


class ClipEditor(QObject):
    """The one place the app changes catalogue metadata."""

    edited = Signal(list)  # clip ids whose metadata changed
    catalogueChanged = Signal()  # subjects or shoots were added
    failed = Signal(object)  # the DocManagerError (or OSError) of an edit, undo or redo

    def __init__(self, undo_stack: QUndoStack, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._project: Optional[Project] = None
        # Asked when someone else changed a field this edit changes too: True keeps this edit.
        self.conflict_handler: Callable[[list[FieldConflict]], bool] = lambda _conflicts: False

    @property
    def project(self) -> Optional[Project]:
        return self._project

    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self.undo_stack.clear()

    # ----------------------------------------------------------------- edits
    def edit(self, ids: Iterable[int], text: str, shown: Optional[dict[int, ClipMeta]] = None,
             **changes: Any) -> bool:
        """Apply ``set_clips(ids, **changes)``; undoable as ``text``. False (and ``failed``) on an error.

        ``shown`` holds the clips as the person saw them.  When someone else
        changed one since, a field they left alone is simply written; a field
        both changed goes to ``conflict_handler(conflicts)``, which answers
        True to keep this edit, False to keep theirs (nothing is written).
        """
        ids = list(dict.fromkeys(ids))
        if self._project is None or not ids:
            return False
        project = self._project
        shown = {i: m for i, m in (shown or {}).items() if i in ids}
        expected = {i: m.version for i, m in shown.items()} or None
        try:
            for _attempt in range(3):
                with project.session() as session:
                    before = clip_metas(session, ids)
                try:
                    set_clips(project, ids, expected_versions=expected, **changes)
                    break
                except ConflictError:
                    with project.session() as session:
                        conflicts, expected = clip_conflicts(session, shown, changes, ids)
                    if conflicts and not self.conflict_handler(conflicts):
                        self.edited.emit(ids)  # theirs stays: show it
                        return False
                    shown = {}  # decided: write over what is there now, at the versions just read
            else:
                raise ConflictError(KEPT_CHANGING)
            with project.session() as session:
                after = clip_metas(session, ids)
        except (DocManagerError, OSError) as exc:
            self.failed.emit(exc)
            self.edited.emit(ids)  # show what is really in the catalogue now
            return False
        if list(map(_values, before)) != list(map(_values, after)):
            self.undo_stack.push(EditClipsCommand(self, text, before, after))
        self.edited.emit(ids)
        return True

    def _restore(self, left: list[ClipMeta], wanted: list[ClipMeta]) -> None:
        """Undo or redo: put ``wanted`` back where the clips still hold what the step left (``left``).

        Fields someone else changed since go to ``conflict_handler`` together
        (one question for all the clips); keeping theirs leaves them, the rest
        is written all the same.
        """
        if self._project is None:
            return
        project = self._project
        ids = [m.clip_id for m in wanted]
        try:
            asked: Optional[tuple[list[tuple], bool]] = None  # the conflicts asked about, and the answer
            for _attempt in range(3):
                with project.session() as session:
                    conflicts, now, writes = restore_conflicts(session, left, wanted)
                if conflicts:
                    key = [(c.clip_id, c.field, c.theirs, c.mine) for c in conflicts]
                    if asked is None or asked[0] != key:
                        asked = (key, self.conflict_handler(conflicts))
                    if not asked[1]:
                        for conflict in conflicts:
                            writes[conflict.clip_id].pop(conflict.field, None)  # theirs stays
                metas = [replace(now[clip_id], **fields) for clip_id, fields in writes.items() if fields]
                if conflicts and metas:
                    with project.session() as session:
                        fresh = clip_metas(session, [m.clip_id for m in metas])
                    if any(m.version != now[m.clip_id].version for m in fresh):
                        continue  # changed again while the person chose: look again
                if metas:
                    try:
                        restore_metas(project, metas, check_versions=True)
                    except ConflictError:
                        continue  # changed between reading and writing: look again
                break
            else:
                raise ConflictError(KEPT_CHANGING)
        except (DocManagerError, OSError) as exc:
            self.failed.emit(exc)
        self.edited.emit(ids)

    # ------------------------------------------------------- subjects, shoots
    def add_subject(self, name: str, name_zh: Optional[str] = None, pinyin: Optional[str] = None,
                    flags: Iterable[str] = (), notes: Optional[str] = None) -> Optional[int]:
        if self._project is None:
            return None
        try:
            subject_id = add_subject(self._project, name, name_zh=name_zh, pinyin=pinyin, flags=flags,
                                     notes=notes)
        except (DocManagerError, OSError) as exc:
            self.failed.emit(exc)
            return None
        self.catalogueChanged.emit()
        return subject_id

    def add_shoot(self, name: str, date: Optional[str] = None, place: Optional[str] = None,
                  crew: Optional[str] = None, utc_offset: Optional[str] = None,
                  notes: Optional[str] = None) -> Optional[int]:
        if self._project is None:
            return None
        try:
            shoot_id = add_shoot(self._project, name, date=date, place=place, crew=crew,
                                 utc_offset=utc_offset, notes=notes)
        except (DocManagerError, OSError) as exc:
            self.failed.emit(exc)
            return None
        self.catalogueChanged.emit()
        return shoot_id


def _values(meta: ClipMeta) -> tuple:
    """A clip's editable values, without its version."""
    return (meta.clip_id, meta.subjects, meta.shoot, meta.tags, meta.rating, meta.notes)
