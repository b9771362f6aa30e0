"""What changed in the catalogue since an open view last looked, row by row.

Several people (or several copies of DocManager) write to one catalogue.  An
open window must show their changes without a restart, and should re-read only
the rows that changed, not everything.  :class:`ChangeFeed` answers "what
changed since I last asked?":

* ``Project.data_token()`` says cheaply *whether* anything changed: SQLite's
  ``PRAGMA data_version`` (solo mode), or the count of ``LISTEN
  docmanager_changes`` notifications (team mode, migration 0008).
* The activity log (``docmanager.access``) says *which* rows: every insert,
  update and delete made through DocManager is one entry with its table and
  row id.  The feed reads the entries after the last one it saw.
* Changes the log cannot name (lines inserted by an import are logged as
  their transcript only; a client that bypassed DocManager wrote directly)
  are reported as ``everything``: the caller reads all its rows again.
  On PostgreSQL the notification names the table, which narrows that down.

The feed is the core of live refresh; the app polls it from a timer.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional

from sqlalchemy import func, select

from docmanager.access import LOG_IDS
from docmanager.db.models import ActivityEntry

if TYPE_CHECKING:
    from docmanager.project import Project

__all__ = ["Changes", "ChangeFeed", "affected_clips", "clip_ids_of_segments"]

#: How many activity log ids below the highest seen are read again on PostgreSQL (late commits).
LOOK_BACK = 500


@dataclass
class Changes:
    """Rows changed since the last poll: ``rows[table]`` holds row ids (None when not known)."""

    rows: dict[str, set[Optional[int]]] = field(default_factory=lambda: defaultdict(set))
    inserted: set[str] = field(default_factory=set)  # tables that gained or lost rows
    everything: bool = False  # something changed that the log does not name: read it all again
    users: set[str] = field(default_factory=set)  # who made the logged changes

    def __bool__(self) -> bool:
        return self.everything or bool(self.rows)

    def touches(self, *tables: str) -> bool:
        return self.everything or any(t in self.rows for t in tables)

    def ids(self, table: str) -> set[int]:
        """The known row ids changed in ``table``."""
        return {i for i in self.rows.get(table, ()) if i is not None}

    def added_or_removed(self, *tables: str) -> bool:
        return self.everything or any(t in self.inserted for t in tables)


class ChangeFeed:
    """Polls one project for changes made by anyone (this process included)."""

    def __init__(self, project: "Project") -> None:
        self.project = project
        self._token = project.data_token()
        self._writes = self._token[1]
        with project.session() as session:
            self._last_id = session.scalar(select(func.max(ActivityEntry.id))) or 0
        if project.backend != "sqlite":
            project.changed_tables()  # start from now
        self._look_back = 0 if project.backend == "sqlite" else LOOK_BACK
        self._seen: set[int] = set()  # ids of entries above _last_id - _look_back already reported
        if self._look_back:
            with project.session() as session:
                self._seen = set(session.scalars(select(ActivityEntry.id).where(
                    ActivityEntry.id > max(self._last_id - self._look_back, 0))))
        # Entries this process wrote: the views that made those changes have shown them already.
        self._own: set[int] = set()
        self._own_lock = threading.Lock()
        project.on_commit(self._committed)

    def _committed(self, session) -> None:
        written = session.info.pop(LOG_IDS, None)
        if written:
            with self._own_lock:
                self._own.update(written)

    def poll(self) -> Optional[Changes]:
        """The changes since the last call, or None when there were none."""
        token = self.project.data_token()
        if token == self._token:
            return None
        own_writes = token[1] != self._writes
        self._token, self._writes = token, token[1]
        changes = Changes()
        # PostgreSQL hands out ids when rows are inserted, not when they commit: an entry may become
        # visible after one with a higher id.  Look back a little and skip the entries already seen.
        floor = max(self._last_id - self._look_back, 0)
        with self.project.session() as session:
            entries = session.execute(
                select(ActivityEntry.id, ActivityEntry.table_name, ActivityEntry.row_id, ActivityEntry.action,
                       ActivityEntry.user)
                .where(ActivityEntry.id > floor).order_by(ActivityEntry.id)).all()
        entries = [e for e in entries if e[0] > self._last_id or e[0] not in self._seen]
        seen_tables: set[str] = set()
        with self._own_lock:
            for entry_id, table, row_id, action, user in entries:
                self._last_id = max(self._last_id, entry_id)
                if self._look_back:
                    self._seen.add(entry_id)
                seen_tables.add(table)
                if entry_id in self._own:
                    self._own.discard(entry_id)
                    own_writes = True
                    continue
                changes.rows[table].add(row_id)
                if action != "update":
                    changes.inserted.add(table)
                if user:
                    changes.users.add(user)
        if self.project.backend != "sqlite":
            unnamed = self.project.changed_tables() - seen_tables - {"activity_log"}
        else:
            unnamed = set() if entries else {"*"}
        if unnamed and not own_writes:
            # Another process committed rows the log does not name (lines of an import), or a tool
            # that bypassed DocManager wrote: on PostgreSQL the notification names the table.
            if "*" in unnamed:
                changes.everything = True
            for table in unnamed - {"*"}:
                changes.rows[table].add(None)
                changes.inserted.add(table)
        if self._look_back and len(self._seen) > 4 * self._look_back:
            self._seen = {i for i in self._seen if i > self._last_id - self._look_back}
        return changes if changes else None

    def unnamed(self, changes: Changes, *tables: str) -> bool:
        """True when rows of ``tables`` changed without their ids being known."""
        return changes.everything or any(None in changes.rows.get(t, ()) for t in tables)


def clip_ids_of_segments(session, segment_ids: Iterable[int]) -> set[int]:
    """The clips whose transcripts hold these lines (lines that are gone are skipped)."""
    from docmanager.db.models import Segment, Transcript

    ids = list(segment_ids)
    if not ids:
        return set()
    return set(session.scalars(select(Transcript.clip_id).join(Segment, Segment.transcript_id == Transcript.id)
                               .where(Segment.id.in_(ids))))


def affected_clips(session, changes: Changes) -> set[int]:
    """The clips whose rows, files, transcripts, lines, markers or subclips changed (those still there)."""
    from docmanager.db.models import ClipFile, Marker, Subclip, Transcript

    clips = set(changes.ids("clips"))
    clips |= clip_ids_of_segments(session, changes.ids("segments"))
    for model, table in ((Transcript, "transcripts"), (Marker, "markers"), (Subclip, "subclips")):
        ids = changes.ids(table)
        if ids:
            clips.update(session.scalars(select(model.clip_id).where(model.id.in_(list(ids)))))
    files = changes.ids("media_files")
    if files:
        clips.update(session.scalars(select(ClipFile.clip_id).where(ClipFile.media_file_id.in_(list(files)))))
    return clips
