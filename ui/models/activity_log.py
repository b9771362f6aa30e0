"""The activity log as a Qt table: when, who, what (the row, in words), and what changed.

``read_log`` reads one page of the log with the core's
:func:`docmanager.access.log_entries` (newest first, filtered by user, table
and date) together with what the filters offer (the people and the kinds of
rows the log has seen) and the names of the rows it mentions (a clip's,
subject's, cut's … name as it is now, else as the log last wrote it).  It is
plain reading, run off the UI thread by the view.

``ActivityLogModel`` shows a ``LogPage``: one row per entry, its texts made
when a row is first shown.  Values are shown as a person reads them (times in
local time, lists joined, binary as its size) and cut short in the table;
the tooltip of the change shows every value in full.  The text filter narrows
the rows already read (who, what and every value, old and new).
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional

from PySide6.QtCore import QAbstractTableModel, QDateTime, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from docmanager.access import log_entries
from docmanager.catalogue.clips import clip_rows, facets
from docmanager.cuts.model import cuts_json, segment_infos
from docmanager.db.models import ActivityEntry

Index = QModelIndex | QPersistentModelIndex

PAGE = 500  # entries read at a time ("Load More" reads the next page)
VALUE_CHARS = 60  # a value longer than this is cut short in the table
TOOLTIP_CHARS = 4000  # … and in the tooltip
EntryRole = Qt.ItemDataRole.UserRole + 1

#: Tables whose rows have a name worth showing, and the column holding it.
NAME_COLUMNS = {"clips": "name", "cuts": "name", "subjects": "name", "shoots": "name", "tags": "name",
                "subclips": "name", "smart_bins": "name", "users": "name", "volumes": "label",
                "media_files": "path", "settings": "key"}
#: Columns left out of the summary of an added or removed row (they are in the tooltip).
QUIET_KEYS = frozenset({"id", "version", "added_at", "created_at", "updated_at", "imported_at", "quick_hash",
                        "path_bytes", "mtime"})
#: Columns the "what" of a row of these tables already says, left out of its summary.
CONTEXT_KEYS = {
    "cut_items": {"cut_id"}, "transcripts": {"clip_id", "lang"}, "markers": {"clip_id"}, "subclips": {"clip_id"},
    "subtitle_status": {"clip_id", "cut_id", "lang"}, "clip_subjects": {"clip_id", "subject_id"},
    "clip_tags": {"clip_id", "tag_id"}, "clip_files": {"clip_id", "media_file_id"},
    "segment_tags": {"segment_id", "tag_id"}, "settings": {"key"},
    **{table: {column} for table, column in NAME_COLUMNS.items() if table != "media_files"},
}
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)$")

ADDED = QColor("#1b6e3a")
REMOVED = QColor("#a31515")


# ====================================================================== reading
@dataclass(frozen=True)
class LogEntry:
    """One change: ``action`` is insert, update or delete; ``old``/``new`` the values that changed."""

    at: str  # ISO, UTC
    user: Optional[str]
    action: str
    table: str
    row_id: Optional[int]
    old: Optional[dict]
    new: Optional[dict]

    def value(self, key: str) -> Any:
        """``key``'s value as the row has it after the change (before it, for a removal)."""
        for values in (self.new, self.old):
            if values and key in values and values[key] is not None:
                return values[key]
        return None


@dataclass(frozen=True)
class LogPage:
    """The newest ``limit`` entries that pass the filters, and what the filters can offer."""

    entries: tuple[LogEntry, ...] = ()
    users: tuple[str, ...] = ()  # everyone the log has seen change something
    tables: tuple[str, ...] = ()  # every table the log has seen changed
    names: dict[tuple[str, int], str] = field(default_factory=dict, compare=False, hash=False)
    #: (table, id) → what the row belongs to (clip_id, cut_id, lang), from the entries that say it.
    context: dict[tuple[str, int], dict] = field(default_factory=dict, compare=False, hash=False)
    limit: int = PAGE
    read_at: str = ""  # ISO, when the page was read

    @property
    def complete(self) -> bool:
        """True when these are all the entries that pass the filters (nothing older to load)."""
        return len(self.entries) < self.limit


def _names(session: Session, entries: list[LogEntry], context: dict[tuple[str, int], dict]
           ) -> dict[tuple[str, int], str]:
    """(table, id) → the row's name: as the catalogue has it now, else as the log last wrote it."""
    names: dict[tuple[str, int], str] = {}
    for entry in reversed(entries):  # oldest first, so the newest name wins
        column = NAME_COLUMNS.get(entry.table)
        value = entry.value(column) if column else None
        if entry.row_id is not None and isinstance(value, str) and value:
            if entry.table == "cuts" and entry.value("cut_version"):
                value = f"{value} v{entry.value('cut_version')}"
            names[(entry.table, entry.row_id)] = value
    clip_ids = {e.row_id for e in entries if e.table == "clips" and e.row_id is not None}
    clip_ids |= {e.value("clip_id") for e in entries if isinstance(e.value("clip_id"), int)}
    clip_ids |= {c["clip_id"] for c in context.values() if isinstance(c.get("clip_id"), int)}
    if clip_ids:
        for clip_id, row in clip_rows(session, sorted(clip_ids)).items():
            names[("clips", clip_id)] = row.name
    if any(e.table in ("subjects", "shoots", "tags", "clip_subjects", "clip_tags", "segment_tags")
           for e in entries):
        found = facets(session)
        for table, named in (("subjects", found.subjects), ("shoots", found.shoots), ("tags", found.tags)):
            for item in named:
                names[(table, item.id)] = item.name
    if any(e.table in ("cuts", "cut_items") or e.value("cut_id") is not None for e in entries):
        for cut in cuts_json(session):
            names[("cuts", cut["id"])] = f"{cut['name']} v{cut['cut_version']}"
    return names


CONTEXT_COLUMNS = ("clip_id", "cut_id", "lang")


def _context(session: Session, entries: list[LogEntry]) -> dict[tuple[str, int], dict]:
    """(table, id) → the clip, cut and language a row belongs to, as any entry of the page says
    (for transcript lines: as the catalogue has them now)."""
    out: dict[tuple[str, int], dict] = {}
    lines = {e.row_id for e in entries if e.table == "segments" and e.row_id is not None}
    lines |= {e.value("segment_id") for e in entries
              if e.table == "segment_tags" and isinstance(e.value("segment_id"), int)}
    for line in segment_infos(session, lines).values():
        out[("segments", line.id)] = {"clip_id": line.clip_id, "lang": line.lang}
    for entry in entries:
        if entry.row_id is None or entry.table not in ("cut_items", "transcripts", "markers", "subclips",
                                                       "subtitle_status"):
            continue
        found = {k: entry.value(k) for k in CONTEXT_COLUMNS if entry.value(k) is not None}
        if found:
            out.setdefault((entry.table, entry.row_id), {}).update(found)
    return out


def read_log(session: Session, *, since: Optional[datetime] = None, user: Optional[str] = None,
             table: Optional[str] = None, limit: int = PAGE) -> LogPage:
    """The newest ``limit`` entries of the log that pass the filters, with the people and kinds it has seen."""
    entries = [LogEntry(e["at"], e["user"], e["action"], e["table"], e["row_id"], e["old"], e["new"])
               for e in log_entries(session, since=since, user=user, table=table, limit=limit)]
    users = sorted(u for u in session.scalars(select(ActivityEntry.user).distinct()) if u)
    tables = sorted(t for t in session.scalars(select(ActivityEntry.table_name).distinct()) if t)
    context = _context(session, entries)
    return LogPage(tuple(entries), tuple(users), tuple(tables), _names(session, entries, context), context,
                   limit, datetime.now().astimezone().isoformat(timespec="seconds"))


def read_log_job(project, *, since: Optional[datetime] = None, user: Optional[str] = None,
                 table: Optional[str] = None, limit: int = PAGE, progress=None, cancel=None) -> LogPage:
    """``read_log`` as a job for ``ui.tasks.TaskRunner`` (its own session, on the worker thread)."""
    with project.session() as session:
        return read_log(session, since=since, user=user, table=table, limit=limit)


# ====================================================================== texts
def _cut(text: str, limit: Optional[int]) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rstrip() + "…"


def local_time(iso: Optional[str], seconds: bool = True) -> str:
    """``2019-05-02 10:14:03`` in this computer's time zone (the text itself when it is not a moment)."""
    if not iso:
        return ""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        try:
            parsed = datetime.fromisoformat(iso)
        except ValueError:
            return iso
        if parsed.tzinfo is None:
            return parsed.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
        return parsed.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm")


_LOCAL_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2})?)$")


def _same_day(before: str, after: str) -> str:
    """``after`` as its time only when it is a moment of the same day as ``before`` (both as shown)."""
    a, b = _LOCAL_MOMENT.match(before), _LOCAL_MOMENT.match(after)
    if a and b and a[1] == b[1] and before != after:
        return b[2]
    return after


class LogTexts(QObject):
    """The words of the log, in the app's language: kinds of rows, rows, values and changes."""

    def kind_name(self, table: str) -> str:
        """The rows of ``table``, as the filter offers them ("clips", "transcript lines" …)."""
        names = {
            "clips": self.tr("clips"),
            "clip_files": self.tr("files of clips"),
            "clip_subjects": self.tr("people in clips"),
            "clip_tags": self.tr("tags of clips"),
            "subjects": self.tr("subjects (people)"),
            "shoots": self.tr("shoots"),
            "tags": self.tr("tags"),
            "markers": self.tr("markers"),
            "subclips": self.tr("subclips"),
            "smart_bins": self.tr("smart bins"),
            "media_files": self.tr("media files"),
            "volumes": self.tr("cards and drives"),
            "offloads": self.tr("offloads"),
            "transcripts": self.tr("transcripts"),
            "segments": self.tr("transcript lines"),
            "segment_tags": self.tr("tags of transcript lines"),
            "subtitle_status": self.tr("subtitle states"),
            "cuts": self.tr("cuts"),
            "cut_items": self.tr("cut items"),
            "users": self.tr("users"),
            "settings": self.tr("settings"),
        }
        return names.get(table, table.replace("_", " "))

    def row_name(self, table: str, ident: Any) -> str:
        """One row of ``table`` by its id: "clip 12", "transcript line 40" …"""
        forms = {
            "clips": self.tr("clip {id}"),
            "subjects": self.tr("subject {id}"),
            "shoots": self.tr("shoot {id}"),
            "tags": self.tr("tag {id}"),
            "markers": self.tr("marker {id}"),
            "subclips": self.tr("subclip {id}"),
            "smart_bins": self.tr("smart bin {id}"),
            "media_files": self.tr("media file {id}"),
            "volumes": self.tr("card or drive {id}"),
            "offloads": self.tr("offload {id}"),
            "transcripts": self.tr("transcript {id}"),
            "segments": self.tr("transcript line {id}"),
            "subtitle_status": self.tr("subtitle state {id}"),
            "cuts": self.tr("cut {id}"),
            "cut_items": self.tr("cut item {id}"),
            "users": self.tr("user {id}"),
            "settings": self.tr("setting {id}"),
        }
        form = forms.get(table)
        if form is None:
            return f"{table.replace('_', ' ')} {ident}".strip()
        return form.format(id=ident if ident is not None else "")

    def action_name(self, action: str) -> str:
        return {"insert": self.tr("added"), "update": self.tr("changed"), "delete": self.tr("removed")}.get(
            action, action)

    def who(self, user: Optional[str]) -> str:
        return user or self.tr("(no name)")

    # ---------------------------------------------------------------- rows
    def _ref(self, table: str, ident: Any, names: dict) -> str:
        text = self.row_name(table, ident)
        name = names.get((table, ident)) if isinstance(ident, int) else None
        if table == "media_files" and name:
            name = re.split(r"[\\/]", name)[-1]
        return f"{text} “{name}”" if name else text

    def what(self, entry: LogEntry, names: Optional[dict] = None, context: Optional[dict] = None) -> str:
        """The row an entry changed, in words, with its name and what it belongs to when the log says."""
        names = names or {}
        table = entry.table
        known = (context or {}).get((table, entry.row_id), {})

        def value(key: str) -> Any:
            found = entry.value(key)
            return found if found is not None else known.get(key)

        if table == "clip_subjects":
            return self.tr("{subject} in {clip}").format(subject=self._ref("subjects", value("subject_id"), names),
                                                        clip=self._ref("clips", value("clip_id"), names))
        if table == "clip_tags":
            return self.tr("{tag} on {clip}").format(tag=self._ref("tags", value("tag_id"), names),
                                                    clip=self._ref("clips", value("clip_id"), names))
        if table == "clip_files":
            return self.tr("{file} in {clip}").format(file=self._ref("media_files", value("media_file_id"), names),
                                                     clip=self._ref("clips", value("clip_id"), names))
        if table == "segment_tags":
            line = self._ref("segments", value("segment_id"), names)
            owner = (context or {}).get(("segments", value("segment_id")), {})
            if owner.get("clip_id") is not None:
                line = self.tr("{row} ({lang}) of {owner}").format(
                    row=line, lang=owner.get("lang") or "?", owner=self._ref("clips", owner["clip_id"], names))
            return self.tr("{tag} on {line}").format(tag=self._ref("tags", value("tag_id"), names), line=line)
        if table == "settings":
            return self.row_name("settings", value("key") or entry.row_id or "")
        text = self._ref(table, entry.row_id, names)
        lang = value("lang")
        if table in ("cut_items",) and value("cut_id") is not None:
            return self.tr("{item} of {cut}").format(item=text, cut=self._ref("cuts", value("cut_id"), names))
        if table in ("transcripts", "segments", "markers", "subclips") and value("clip_id") is not None:
            owner = self._ref("clips", value("clip_id"), names)
            if lang:
                return self.tr("{row} ({lang}) of {owner}").format(row=text, lang=lang, owner=owner)
            return self.tr("{row} of {owner}").format(row=text, owner=owner)
        if table == "subtitle_status" and (value("clip_id") is not None or value("cut_id") is not None):
            owner = self._ref("clips", value("clip_id"), names) if value("clip_id") is not None else \
                self._ref("cuts", value("cut_id"), names)
            return self.tr("{row} ({lang}) of {owner}").format(row=text, lang=lang or "?", owner=owner)
        return text

    # ---------------------------------------------------------------- values
    def value_text(self, value: Any, limit: Optional[int] = VALUE_CHARS) -> str:
        """A value as a person reads it, cut short to ``limit`` characters (None: whole)."""
        if value is None:
            return "—"
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, str):
            if _ISO_MOMENT.match(value):
                # The log's own moments are UTC: shown in local time. A moment written with its own
                # offset (a recording time) reads as it was written.
                if value.endswith(("+00:00", "Z")) or not _OFFSET.search(value):
                    return local_time(value)
                return value.replace("T", " ")
            return "“" + _cut(value, None if limit is None else max(limit - 2, 1)) + "”"
        if isinstance(value, dict) and set(value) == {"base64"}:
            size = len(value["base64"]) * 3 // 4
            return self.tr("(binary, {size} bytes)").format(size=size)
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            if not value:
                return self.tr("(none)")
            return _cut(", ".join(str(v) for v in value), limit)
        return _cut(json.dumps(value, ensure_ascii=False), limit)

    @staticmethod
    def key_text(key: str) -> str:
        return key.replace("_", " ")

    def _summary(self, table: str, values: Optional[dict], limit: Optional[int]) -> list[tuple[str, str]]:
        if not values:
            return []
        said = CONTEXT_KEYS.get(table, set())
        return [(self.key_text(k), self.value_text(v, limit)) for k, v in values.items()
                if k not in QUIET_KEYS and k not in said and v is not None and v != [] and v != ""]

    def _updates(self, entry: LogEntry, limit: Optional[int], quiet: bool = False) -> list[str]:
        """"key: old → new" of an update; those that read the same either side (a time changed by less
        than a second) are left out, or shown as "key: new" when nothing else changed.  ``quiet``: the
        housekeeping columns (``updated_at`` …) too, unless nothing else changed."""
        old, new = entry.old or {}, entry.new or {}
        keys = list(dict.fromkeys([*old, *new]))
        if quiet and any(k not in QUIET_KEYS for k in keys):
            keys = [k for k in keys if k not in QUIET_KEYS]
        rows = [(self.key_text(k), self.value_text(old.get(k), limit), self.value_text(new.get(k), limit))
                for k in keys]
        rows = [(k, a, _same_day(a, b)) for k, a, b in rows]
        differing = [self.tr("{key}: {old} → {new}").format(key=k, old=a, new=b) for k, a, b in rows if a != b]
        return differing or [self.tr("{key}: {value}").format(key=k, value=b) for k, _a, b in rows]

    def change(self, entry: LogEntry, limit: Optional[int] = VALUE_CHARS) -> str:
        """One line: "rating: 3 → 5; notes: — → “…”", or "added: name “…”, rating 4" for a new row."""
        if entry.action == "update":
            return "; ".join(self._updates(entry, limit, quiet=True))
        values = entry.new if entry.action == "insert" else entry.old
        summary = ", ".join(f"{k} {v}" for k, v in self._summary(entry.table, values, limit))
        word = self.action_name(entry.action)
        return self.tr("{action}: {values}").format(action=word, values=summary) if summary else word

    def change_tooltip(self, entry: LogEntry) -> str:
        """Every value of the change in full (rich text, so long values wrap)."""
        lines = []
        if entry.action == "update":
            lines += self._updates(entry, TOOLTIP_CHARS)
        else:
            values = (entry.new if entry.action == "insert" else entry.old) or {}
            lines.append(self.action_name(entry.action))
            for key, value in values.items():
                lines.append(self.tr("{key}: {value}").format(key=self.key_text(key),
                                                             value=self.value_text(value, TOOLTIP_CHARS)))
        return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"

    def details(self, entry: LogEntry, names: Optional[dict] = None, context: Optional[dict] = None) -> str:
        """The whole entry as plain text, for the pane under the table."""
        head = self.tr("{when} · {who} · {action} {what}").format(
            when=local_time(entry.at), who=self.who(entry.user), action=self.action_name(entry.action),
            what=self.what(entry, names, context))
        lines = [head, ""]
        if entry.action == "update":
            lines += self._updates(entry, None)
        else:
            for key, value in ((entry.new if entry.action == "insert" else entry.old) or {}).items():
                lines.append(self.tr("{key}: {value}").format(key=self.key_text(key),
                                                             value=self.value_text(value, None)))
        return "\n".join(lines)


# ====================================================================== model
@dataclass
class _Texts:
    when: str
    who: str
    what: str
    change: str
    search: str = ""


class ActivityLogModel(QAbstractTableModel):
    """The entries of a ``LogPage``, newest first, narrowed by a text filter."""

    WHEN, WHO, WHAT, CHANGE = range(4)

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.texts = LogTexts(self)
        self._page = LogPage()
        self._shown: list[int] = []  # indexes into the page's entries
        self._cache: dict[int, _Texts] = {}
        self._filter = ""

    # ---------------------------------------------------------------- data
    def set_page(self, page: LogPage) -> None:
        """Show ``page``; rows added at the end (Load More) are inserted, anything else resets the view."""
        old = self._page
        grows = (self._filter == "" and len(page.entries) > len(old.entries) > 0
                 and page.entries[: len(old.entries)] == old.entries and page.names == old.names
                 and page.context == old.context)
        if grows:
            first = len(self._shown)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - len(old.entries) - 1)
            self._page = page
            self._shown = list(range(len(page.entries)))
            self.endInsertRows()
            return
        self.beginResetModel()
        self._page = page
        self._cache = {}
        self._shown = self._matching()
        self.endResetModel()

    def page(self) -> LogPage:
        return self._page

    def loaded_count(self) -> int:
        return len(self._page.entries)

    def entry(self, row: int) -> Optional[LogEntry]:
        return self._page.entries[self._shown[row]] if 0 <= row < len(self._shown) else None

    def entries(self) -> list[LogEntry]:
        """The entries shown, top to bottom."""
        return [self._page.entries[i] for i in self._shown]

    def row_texts(self, row: int) -> Optional[tuple[str, str, str, str]]:
        """(when, who, what, change) of a row as the table shows it."""
        if not 0 <= row < len(self._shown):
            return None
        t = self._texts(self._shown[row])
        return (t.when, t.who, t.what, t.change)

    def details(self, row: int) -> str:
        entry = self.entry(row)
        return self.texts.details(entry, self._page.names, self._page.context) if entry is not None else ""

    # ---------------------------------------------------------------- filter
    def text_filter(self) -> str:
        return self._filter

    def set_text_filter(self, text: str) -> None:
        text = text.strip().casefold()
        if text == self._filter:
            return
        self.beginResetModel()
        self._filter = text
        self._shown = self._matching()
        self.endResetModel()

    def _matching(self) -> list[int]:
        count = len(self._page.entries)
        if not self._filter:
            return list(range(count))
        words = self._filter.split()
        out = []
        for i in range(count):
            key = self._search_key(i)
            if all(word in key for word in words):
                out.append(i)
        return out

    def _search_key(self, i: int) -> str:
        texts = self._texts(i)
        if not texts.search:
            entry = self._page.entries[i]
            raw = json.dumps([entry.old, entry.new], ensure_ascii=False)
            texts.search = " ".join((texts.when, texts.who, texts.what, texts.change,
                                     self.texts.kind_name(entry.table), entry.table, raw)).casefold()
        return texts.search

    def _texts(self, i: int) -> _Texts:
        texts = self._cache.get(i)
        if texts is None:
            entry = self._page.entries[i]
            texts = _Texts(local_time(entry.at), self.texts.who(entry.user),
                           self.texts.what(entry, self._page.names, self._page.context), self.texts.change(entry))
            self._cache[i] = texts
        return texts

    # ---------------------------------------------------------------- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Change")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        i = self._shown[index.row()]
        entry = self._page.entries[i]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            t = self._texts(i)
            return (t.when, t.who, t.what, t.change)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.WHEN:
                return self.tr("{local} (UTC {utc})").format(local=local_time(entry.at), utc=entry.at)
            if column == self.WHO:
                return None if entry.user else self.tr("Made without a user name")
            if column == self.WHAT:
                return self.tr("{what}\n{kind}, {action}").format(
                    what=self._texts(i).what, kind=self.texts.kind_name(entry.table),
                    action=self.texts.action_name(entry.action))
            return self.texts.change_tooltip(entry)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CHANGE:
            if entry.action == "insert":
                return ADDED
            if entry.action == "delete":
                return REMOVED
            return None
        if role == Qt.ItemDataRole.FontRole and column == self.WHO and not entry.user:
            font = QFont()
            font.setItalic(True)
            return font
        if role == EntryRole:
            return entry
        return None
