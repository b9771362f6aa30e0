"""Where one item of a cut came from: its clip and range, each file with its hash, card, offload, MHL and
last verification, and the subtitle lines over it with who approved them.

``ProvenancePanel.show_item(item_id)`` asks the core
(:func:`docmanager.cuts.provenance.item_provenance`) off the UI thread, on a
runner of its own so a long ingest never holds it up, and shows the answer:

* a heading: the item, its cut, track and place on the cut's time line;
* the source: the clip's range as time code of the clip, the clip and when
  it was recorded;
* the files (a spanned AVCHD take lists every ``.MTS`` and the joined file):
  the path, the xxh64, the size, the last ``verify`` (matched, changed, or
  never), the card or drive and its path there, the offload (when, by whom,
  to which destinations) and the ASC MHL generation with the file's entry
  (whether its hash matches the catalogue's);
* the subtitle lines that play over the item, per language: number, time on
  the cut, text, and who approved them and when.

Selections in quick succession are read once (the last); while the panel is
hidden it only remembers the item and reads it when shown.  ``refresh()``
reads the shown item again (after an edit, a verify, someone else's change).
"""
from __future__ import annotations

import logging
import os
from fractions import Fraction
from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docmanager.catalogue.clips import parse_rate
from docmanager.cuts.provenance import item_provenance
from docmanager.project import Project
from ui.formatting import file_size_text, recorded_text
from ui.models.activity_log import local_time
from ui.models.cut_items import seconds_to_cut_frames, timecode
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SETTLE_MS = 60  # selections closer together than this are read once
GOOD = QColor("#1b6e3a")
BAD = QColor("#a31515")
UNKNOWN = QColor("#7a5b00")
FileRole = Qt.ItemDataRole.UserRole + 1


def read_item_job(project: Project, item_id: int, progress=None, cancel=None) -> dict:
    """``item_provenance`` as a job for ``ui.tasks.TaskRunner`` (its own session, on the worker thread)."""
    with project.session() as session:
        return item_provenance(session, item_id)


def _rate(text: Optional[str]) -> Fraction:
    try:
        return parse_rate(text) if text else Fraction(25)
    except Exception:  # noqa: BLE001 - a rate the core wrote; fall back rather than fail to show
        return Fraction(25)



def _titled(title: str, body: QWidget, font) -> tuple[QWidget, QLabel]:
    """``body`` under a bold ``title``; the box and its title label."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(title)
    label.setFont(font)
    layout.addWidget(label)
    layout.addWidget(body, 1)
    return box, label

class ProvenancePanel(QWidget):
    """The chain of custody of the selected cut item."""

    loaded = Signal(int)  # the item whose provenance is now shown
    failed = Signal(str)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("provenancePanel")
        self._project: Optional[Project] = None
        self._item_id: Optional[int] = None  # the item asked for
        self._shown_id: Optional[int] = None  # the item whose data is shown
        self._data: Optional[dict] = None
        self._stale = False
        self._task = None
        self._pending = False
        self._generation = 0
        self.tasks = TaskRunner(max_threads=1, parent=self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._read)

        bold = self.font()
        bold.setBold(True)
        self.title = QLabel()
        self.title.setObjectName("provenanceTitle")
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.source = QLabel()
        self.source.setObjectName("provenanceSource")
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.files = QTreeWidget()
        self.files.setObjectName("provenanceFiles")
        self.files.setColumnCount(2)
        self.files.setHeaderHidden(True)
        self.files.setAlternatingRowColors(True)
        self.files.setUniformRowHeights(True)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # paths: both ends matter
        header = self.files.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("M" * 6) + 30)

        self.subtitles = QTreeWidget()
        self.subtitles.setObjectName("provenanceSubtitles")
        self.subtitles.setColumnCount(3)
        self.subtitles.setHeaderLabels([self.tr("Line"), self.tr("Subtitle"), self.tr("Approved")])
        self.subtitles.setRootIsDecorated(False)
        self.subtitles.setAlternatingRowColors(True)
        self.subtitles.setUniformRowHeights(True)
        self.subtitles.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.subtitles.header()
        header.setStretchLastSection(False)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        files_box, self.files_title = _titled(self.tr("Files"), self.files, bold)
        subtitles_box, self.subtitles_title = _titled(self.tr("Subtitles over this item"), self.subtitles, bold)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("provenanceSplitter")
        self.splitter.addWidget(files_box)
        self.splitter.addWidget(subtitles_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 400])

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(4)
        page_layout.addWidget(self.title)
        page_layout.addWidget(self.source)
        page_layout.addWidget(self.splitter, 1)
        self.empty = QLabel()
        self.empty.setObjectName("provenanceEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        self._show_empty()

    # ================================================================ state
    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self._generation += 1
        self._item_id = None
        self._shown_id = None
        self._data = None
        self._show_empty()

    def item_id(self) -> Optional[int]:
        """The item asked for (its provenance may still be on its way)."""
        return self._item_id

    def shown_item_id(self) -> Optional[int]:
        return self._shown_id

    def data(self) -> Optional[dict]:
        """What the core said about the shown item (``item_provenance``), or None."""
        return self._data

    def is_loading(self) -> bool:
        return self._task is not None or self._timer.isActive()

    def show_item(self, item_id: Optional[int]) -> None:
        """Show the provenance of the cut item ``item_id`` (None: nothing, or more than one, selected)."""
        self._item_id = item_id
        if item_id is None:
            self._timer.stop()
            self._generation += 1
            self._shown_id = None
            self._data = None
            self._show_empty()
            return
        self.refresh()

    def refresh(self) -> None:
        """Read the item's provenance again (it reads when shown, if hidden now)."""
        if self._project is None or self._item_id is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._timer.start()

    # ================================================================ reading
    def _read(self) -> None:
        if self._project is None or self._item_id is None:
            return
        if self._task is not None:
            self._pending = True
            return
        self._pending = False
        self._generation += 1
        generation, item_id = self._generation, self._item_id
        if self._shown_id != item_id:
            self._show_empty(self.tr("Tracing the item…"))
        task = self.tasks.start(self.tr("Tracing the cut item"), read_item_job, self._project, item_id)
        self._task = task
        task.finished.connect(lambda report: self._on_read(generation, item_id, report))
        task.failed.connect(lambda text: self._on_failed(generation, text))
        task.ended.connect(self._on_ended)

    def _on_ended(self) -> None:
        self._task = None
        if self._pending:
            self._read()

    def _on_failed(self, generation: int, text: str) -> None:
        if generation != self._generation or self._pending:
            return
        log.warning("provenance: %s", text)
        self._data = None
        self._shown_id = None
        self._show_empty(self.tr("The item could not be traced: {error}").format(error=text))
        self.failed.emit(text)

    def _on_read(self, generation: int, item_id: int, report) -> None:
        data = report.data.get("result") if report is not None else None
        if generation != self._generation or self._pending or not isinstance(data, dict):
            return
        self.show_data(data)
        self.loaded.emit(item_id)

    # ================================================================ showing
    def _show_empty(self, text: Optional[str] = None) -> None:
        self.empty.setText(text or self.tr("Select one item of the cut to see where it came from: its clip, "
                                           "its files and their hashes, the card and offload, the MHL and "
                                           "the last verification, and who approved its subtitles."))
        self.stack.setCurrentWidget(self.empty)

    def verified_text(self, f: dict) -> tuple[str, QColor]:
        """The last verify of the file: matched, changed, or none yet (and when its hash was taken)."""
        when = local_time(f.get("last_verified"), seconds=False)
        if f.get("verified_ok") is True:
            return self.tr("✓ matches its hash, {when}").format(when=when), GOOD
        if f.get("verified_ok") is False:
            return self.tr("✗ CHANGED: did not match its hash, {when}").format(when=when), BAD
        if f.get("hashed_at"):
            return self.tr("hashed {when}; not verified since").format(
                when=local_time(f["hashed_at"], seconds=False)), UNKNOWN
        return self.tr("never verified"), UNKNOWN

    def mhl_text(self, f: dict) -> tuple[str, QColor]:
        """Whether the file's entry in its ASC MHL generation has the catalogue's hash."""
        if not f.get("mhl"):
            return self.tr("no MHL records this file"), UNKNOWN
        entry = f.get("mhl_entry") or {}
        name = os.path.basename(f["mhl"])
        if f.get("mhl_matches") is True:
            return self.tr("✓ same xxh64 in {mhl}").format(mhl=name), GOOD
        if f.get("mhl_matches") is False:
            return self.tr("✗ DIFFERENT xxh64 ({hash}) in {mhl}").format(mhl=name, hash=entry.get("xxh64", "")), BAD
        return self.tr("no xxh64 to compare in {mhl}").format(mhl=name), UNKNOWN

    def card_text(self, f: dict) -> str:
        if not f.get("volume") and not f.get("card_path"):
            if f.get("role") == "joined":
                return self.tr("none: made by joining the take's files above")
            return self.tr("none: catalogued where it lies")
        kind = {"card": self.tr("card"), "folder": self.tr("folder")}.get(f.get("volume_kind") or "",
                                                                        f.get("volume_kind") or "")
        volume = f"{f.get('volume') or '?'} ({kind})" if kind else (f.get("volume") or "?")
        if f.get("card_path"):
            return self.tr("{volume} · {path}").format(volume=volume, path=f["card_path"])
        return volume

    def offload_text(self, f: dict) -> str:
        if not f.get("offloaded_at"):
            if f.get("role") == "joined":
                return self.tr("none: made here, not copied from a card")
            return self.tr("none: not copied by an offload")
        who = f.get("offloaded_by") or self.tr("someone")
        # Each destination is DRIVE/CARD-LABEL: the drive's name says where the copy is.
        places = [os.path.basename(os.path.dirname(p.rstrip("/\\"))) or p for p in (f.get("destinations") or [])]
        text = self.tr("{when} by {who}").format(when=local_time(f["offloaded_at"], seconds=False), who=who)
        if places:
            text = self.tr("{offload} → {places}").format(offload=text, places=", ".join(places))
        return text

    def show_data(self, data: dict) -> None:
        """Show ``item_provenance``'s answer for one item."""
        self._data = data
        self._shown_id = data.get("item_id")
        clip_rate, cut_rate = _rate(data.get("clip_rate")), _rate(data.get("cut_rate"))
        record_in = seconds_to_cut_frames(data.get("record_in") or 0, cut_rate)
        record_out = seconds_to_cut_frames(data.get("record_out") or 0, cut_rate)
        cut = f"{data.get('name', '')} v{data.get('cut_version', '')}"
        self.title.setText(self.tr("Item {item} of {cut} · {track} · {start} – {end}").format(
            item=data.get("item_id"), cut=cut, track=data.get("track", ""), start=timecode(record_in, cut_rate),
            end=timecode(record_out, cut_rate)))
        source = self.tr("Source {start} – {end} of clip {clip} “{name}”").format(
            start=timecode(data.get("source_in_frames") or 0, clip_rate),
            end=timecode(data.get("source_out_frames") or 0, clip_rate), clip=data.get("clip_id"),
            name=data.get("clip_name", ""))
        if data.get("recorded_at"):
            source = self.tr("{source}, recorded {when}").format(source=source,
                                                                when=recorded_text(data["recorded_at"]))
        self.source.setText(source)
        self.source.setToolTip(self.tr("Record in and out are time code of the cut; source in and out time "
                                       "code of the clip"))

        self.files.clear()
        files = data.get("files") or []
        self.files_title.setText(self.tr("Files ({count})").format(count=len(files)) if len(files) != 1
                                 else self.tr("File"))
        for f in files:
            top = self._file_item(f)
            self.files.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # the file's name and hash: the whole width
        self.files.expandAll()
        labels = [self.files.topLevelItem(i).child(c).text(0) for i in range(self.files.topLevelItemCount())
                  for c in range(self.files.topLevelItem(i).childCount())]
        width = max((self.fontMetrics().horizontalAdvance(t) for t in labels), default=60)
        self.files.header().resizeSection(0, width + 2 * self.files.indentation() + 12)

        self.subtitles.clear()
        lines = data.get("subtitles") or []
        for line in lines:
            self.subtitles.addTopLevelItem(self._line_item(line, cut_rate))
        if not lines:
            none = QTreeWidgetItem(["", self.tr("No subtitle lines play over this item."), ""])
            none.setDisabled(True)
            self.subtitles.addTopLevelItem(none)
        self.stack.setCurrentWidget(self.page)

    def _file_item(self, f: dict) -> QTreeWidgetItem:
        path = f.get("path") or ""
        name = os.path.basename(path) or path
        joined = f.get("role") == "joined"
        verified, colour = self.verified_text(f)
        size = file_size_text(f.get("size"))
        heading = self.tr("Joined: {name}").format(name=name) if joined else name
        # The hash last: a name too long for the width is cut in its middle, the hash stays whole.
        top = QTreeWidgetItem([self.tr("{file} · {size} · xxh64 {hash}").format(
            file=heading, hash=f.get("xxh64") or "?", size=size or "?")])
        top.setData(0, FileRole, f)
        top.setToolTip(0, self.tr("{path}\nThe take's files joined into one, for players and editors").format(
            path=path) if joined else path)
        bold = top.font(0)
        bold.setBold(True)
        top.setFont(0, bold)
        mhl, mhl_colour = self.mhl_text(f)
        offload = self.offload_text(f)
        rows = [
            (self.tr("Path"), path, None, path),
            (self.tr("Verified"), verified, colour, verified),
            (self.tr("Card"), self.card_text(f), None, self.card_text(f)),
            (self.tr("Offload"), offload, None, "\n".join([offload, *(f.get("destinations") or [])])),
            (self.tr("MHL"), mhl, mhl_colour, f.get("mhl") or mhl),
        ]
        for label, text, tint, tip in rows:
            child = QTreeWidgetItem([label, text])
            child.setToolTip(1, tip)
            if tint is not None:
                child.setForeground(1, QBrush(tint))
            top.addChild(child)
        return top

    def approval_text(self, line: dict) -> str:
        if not line.get("approved_by"):
            return self.tr("not approved")
        when = local_time(line.get("approved_at"), seconds=False)
        return self.tr("{who}, {when}").format(who=line["approved_by"], when=when) if when else line["approved_by"]

    def _line_item(self, line: dict, cut_rate: Fraction) -> QTreeWidgetItem:
        start = timecode(seconds_to_cut_frames(line.get("start") or 0, cut_rate), cut_rate)
        end = timecode(seconds_to_cut_frames(line.get("end") or 0, cut_rate), cut_rate)
        text = " / ".join(part.strip() for part in (line.get("text") or "").replace("\\N", "\n").splitlines()
                          if part.strip())
        item = QTreeWidgetItem([f"{line.get('lang', '')} {line.get('index', '')}", text, self.approval_text(line)])
        item.setData(0, FileRole, line)
        where = self.tr("{start} – {end} on the cut; transcript line {line}").format(
            start=start, end=end, line=line.get("segment_id"))
        if line.get("translation_id"):
            where = self.tr("{where}, translation line {line}").format(where=where, line=line["translation_id"])
        item.setToolTip(0, where)
        item.setToolTip(1, f"{where}\n{line.get('text') or ''}")
        item.setToolTip(2, self.tr("Approved by {who} on {when}").format(
            who=line["approved_by"], when=local_time(line.get("approved_at"))) if line.get("approved_by")
            else self.tr("Nobody has approved these subtitles yet"))
        if line.get("approved_by"):
            item.setForeground(2, QBrush(GOOD))
        else:
            item.setForeground(2, QBrush(UNKNOWN))
            font = QFont(item.font(2))
            font.setItalic(True)
            item.setFont(2, font)
        return item

    # ================================================================ for tests and the window
    def clip_text(self) -> str:
        return self.source.text()

    def file_hashes(self) -> list[str]:
        """The xxh64 of each file shown, in order."""
        return [(self.files.topLevelItem(i).data(0, FileRole) or {}).get("xxh64")
                for i in range(self.files.topLevelItemCount())]

    def file_texts(self, number: int = 0) -> dict[str, str]:
        """Label → text of the rows under the ``number``-th file."""
        top = self.files.topLevelItem(number)
        if top is None:
            return {}
        return {top.child(i).text(0): top.child(i).text(1) for i in range(top.childCount())}

    def subtitle_rows(self) -> list[tuple[str, str, str]]:
        """(line, text, approval) of each subtitle line shown, as the list reads."""
        return [tuple(self.subtitles.topLevelItem(i).text(c) for c in range(3))  # type: ignore[misc]
                for i in range(self.subtitles.topLevelItemCount())]

    def subtitle_lines(self) -> list[dict]:
        """The core's entries of the subtitle lines shown (lang, index, text, approved_by, approved_at …)."""
        return [self.subtitles.topLevelItem(i).data(0, FileRole) for i in range(self.subtitles.topLevelItemCount())
                if self.subtitles.topLevelItem(i).data(0, FileRole) is not None]
