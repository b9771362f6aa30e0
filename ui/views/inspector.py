"""The inspector: what the selected clip is, and its editable metadata.

Shows one clip's details (duration, rate, size, recording time, camera,
its files and their size, the card they came from and whether they were
verified, its transcripts) or a summary of several, and edits subjects, shoot, tags, rating and
notes.  It does not write: each change is a signal that the main window turns
into an undoable edit, after which ``reload`` shows the catalogue's state.
With several clips selected, a subject or tag some of them have shows as
partly checked, and a change applies to all of them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docmanager.catalogue.clips import STATE_ORDER, Facets, clip_json, get_clip
from docmanager.db.models import Clip
from docmanager.catalogue.selection import SelectionSummary, clip_metas, summarise, total_seconds
from docmanager.errors import DocManagerError
from docmanager.project import Project
from docmanager.transcripts.store import TranscriptInfo, transcripts_of_clip
from ui.formatting import duration_text, file_size_text, rate_text, recorded_text, size_text, subject_label
from ui.views.widgets import NotesEdit, StarRating, TagsEdit

POSTER_WIDTH = 224
NameRole = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {"offline": "#9a6700", "changed": "#b35900", "corrupt": "#c62828"}


@dataclass(frozen=True)
class Provenance:
    """Where a clip's files came from and whether they are still as they were (plain values)."""

    files: int
    bytes: int
    joined: bool
    volume: Optional[str]
    volume_kind: Optional[str]
    volume_source: Optional[str]
    state: str  # the worst state of its files
    in_state: int  # how many files are in that state
    verified_at: Optional[datetime]  # the oldest of the files' last good checks; None if one never had one


def provenance(clip: Clip) -> Provenance:
    """Read inside the session that loaded ``clip``."""
    files = [cf.media_file for cf in clip.files]
    states = [mf.state for mf in files]
    state = next((s for s in STATE_ORDER if s in states), "online")
    volume = next((mf.volume for mf in files if mf.volume is not None), None)
    last_good: list[Optional[datetime]] = []
    for mf in files:
        times = [t for t in (mf.verified_at, mf.checked_at if mf.check_ok else None) if t is not None]
        last_good.append(max(times) if times else None)
    verified = None if not last_good or None in last_good else min(t for t in last_good if t is not None)
    return Provenance(
        files=len(files), bytes=sum(mf.size or 0 for mf in files), joined=clip.joined_file is not None,
        volume=volume.label if volume is not None else None, volume_kind=volume.kind if volume is not None else None,
        volume_source=volume.source_path if volume is not None else None, state=state,
        in_state=states.count(state), verified_at=verified)


def local_time_text(moment: datetime) -> str:
    """``2026-11-24 09:12`` in this computer's time zone (stored times are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class _InspectorNotes(NotesEdit):
    """The notes field asks for little height: it takes what the details leave, so nothing needs scrolling."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), 4 * self.fontMetrics().lineSpacing())


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class Inspector(QWidget):
    """Details and metadata of the selected clips; edits go out as signals."""

    subjectToggled = Signal(str, bool)  # subject name, now on for all the clips (True) or none (False)
    shootChosen = Signal(object)  # shoot name, or None for no shoot
    tagsEdited = Signal(list, list)  # tags added to all, tags removed from all
    ratingChosen = Signal(int)
    notesEdited = Signal(object)  # text, or None to clear
    newSubjectRequested = Signal()
    newShootRequested = Signal()
    loadFailed = Signal(object)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._project: Optional[Project] = None
        self._ids: list[int] = []
        self._summary: Optional[SelectionSummary] = None
        self._metas: dict = {}
        self._locked_reason = ""
        self._facets: Facets = Facets(total=0)
        self._loading = False

        self.setMinimumWidth(300)
        self._stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        self.empty_label = QLabel(self.tr("Select a clip to see and edit its details."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self._stack.addWidget(self.empty_label)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget()
        scroll.setWidget(page)
        self._stack.addWidget(scroll)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(4)

        self.poster = QLabel()
        self.poster.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.poster.setVisible(False)
        layout.addWidget(self.poster)

        self.title = _selectable(QLabel())
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title.setFont(title_font)
        layout.addWidget(self.title)

        # --- read-only details
        self.details = QFormLayout()
        self.details.setHorizontalSpacing(10)
        self.details.setVerticalSpacing(2)
        self.details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._detail_values: dict[str, QLabel] = {}
        for key, label in (
            ("duration", self.tr("Duration")),
            ("rate", self.tr("Frame rate")),
            ("size", self.tr("Size")),
            ("scan", self.tr("Scan")),
            ("recorded", self.tr("Recorded")),
            ("camera", self.tr("Camera")),
            ("video", self.tr("Video")),
            ("audio", self.tr("Audio")),
            ("timecode", self.tr("Timecode")),
            ("state", self.tr("Files")),
            ("source", self.tr("From")),
            ("verified", self.tr("Status")),
            ("transcripts", self.tr("Transcripts")),
        ):
            value = _selectable(QLabel())
            self._detail_values[key] = value
            self.details.addRow(self._caption(label), value)
        layout.addLayout(self.details)

        self.files = QListWidget()
        self.files.setObjectName("inspectorFiles")
        self.files.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.files.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.files.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.files.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.files)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addSpacing(4)
        layout.addWidget(line)

        # --- editable metadata
        self.locked_label = QLabel()  # why the fields below cannot be changed (the user's role)
        self.locked_label.setObjectName("inspectorLocked")
        self.locked_label.setWordWrap(True)
        self.locked_label.setStyleSheet("color: palette(dark); font-style: italic;")
        self.locked_label.hide()
        layout.addWidget(self.locked_label)
        self.subjects = QListWidget()
        self.subjects.setObjectName("inspectorSubjects")
        self.subjects.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.subjects.itemChanged.connect(self._on_subject_changed)
        self.new_subject_button = self._add_button(self.tr("New subject…"), self.newSubjectRequested)
        layout.addLayout(self._heading(self.tr("Subjects"), self.new_subject_button))
        layout.addWidget(self.subjects)

        self.shoot = QComboBox()
        self.shoot.setObjectName("inspectorShoot")
        self.shoot.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.shoot.setMinimumContentsLength(12)
        self.shoot.setPlaceholderText(self.tr("Several shoots"))
        self.shoot.activated.connect(self._on_shoot_activated)
        self.new_shoot_button = self._add_button(self.tr("New shoot…"), self.newShootRequested)
        self.new_shoot_button.setText("+")
        self.new_shoot_button.setToolTip(self.tr("New shoot…"))
        shoot_row = QHBoxLayout()
        shoot_row.setSpacing(2)
        shoot_row.addWidget(self.shoot, 1)
        shoot_row.addWidget(self.new_shoot_button)

        self.tags = TagsEdit()
        self.tags.setObjectName("inspectorTags")
        self.tags.setPlaceholderText(self.tr("interview, b-roll, …"))
        self.tags.setToolTip(self.tr("Tags separated by commas; with several clips selected, "
                                     "a tag added or removed here changes all of them"))
        self.tags.editingFinished.connect(self._on_tags_finished)
        self.partial_tags = QLabel()
        self.partial_tags.setWordWrap(True)
        self.partial_tags.setEnabled(False)
        self.partial_tags.setVisible(False)
        tags_box = QVBoxLayout()
        tags_box.setSpacing(2)
        tags_box.addWidget(self.tags)
        tags_box.addWidget(self.partial_tags)

        self.rating = StarRating()
        self.rating.setObjectName("inspectorRating")
        self.rating.ratingChosen.connect(self._on_rating)

        edits = QFormLayout()
        edits.setContentsMargins(0, 4, 0, 0)
        edits.setHorizontalSpacing(10)
        edits.setVerticalSpacing(6)
        edits.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        edits.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        edits.addRow(self._caption(self.tr("Shoot")), shoot_row)
        edits.addRow(self._caption(self.tr("Tags")), tags_box)
        edits.addRow(self._caption(self.tr("Rating")), self.rating)
        layout.addLayout(edits)

        self.notes = _InspectorNotes()
        self.notes.setObjectName("inspectorNotes")
        self.notes.setPlaceholderText(self.tr("Notes for the editor and the translator"))
        self.notes.setMinimumHeight(48)
        self.notes.editingFinished.connect(self._on_notes_finished)
        layout.addLayout(self._heading(self.tr("Notes")))
        layout.addWidget(self.notes, 1)

        self._stack.setCurrentIndex(0)

    # ------------------------------------------------------------- building
    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _heading(self, text: str, button: Optional[QToolButton] = None) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 2, 0, 0)
        row.addWidget(self._caption(text))
        row.addStretch(1)
        if button is not None:
            row.addWidget(button)
        return row

    @staticmethod
    def _add_button(text: str, signal: SignalInstance) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(signal.emit)
        return button

    # ---------------------------------------------------------------- state
    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self.show_clips([])

    def clip_ids(self) -> list[int]:
        return list(self._ids)

    def summary(self) -> Optional[SelectionSummary]:
        return self._summary

    def set_editable(self, allowed: bool, reason: str = "") -> None:
        """Let the clips' subjects, shoot, tags, rating and notes be changed, or only read (the user's role)."""
        self._locked_reason = "" if allowed else reason
        self.locked_label.setText(self.tr("Read only. {reason}").format(reason=reason) if not allowed else "")
        self.locked_label.setVisible(not allowed)
        for widget in (self.subjects, self.new_subject_button, self.shoot, self.new_shoot_button, self.rating):
            widget.setEnabled(allowed)
            widget.setToolTip(reason)
        for widget in (self.tags, self.notes):  # read-only, not greyed: the text stays easy to read
            widget.setReadOnly(not allowed)
            widget.setToolTip(reason)

    def shown_metas(self) -> dict:
        """The clips' metadata as shown (``ClipMeta`` by id): what an edit is based on."""
        return dict(self._metas) if self._summary else {}

    def versions(self) -> dict[int, int]:
        """The clips' versions as shown, for edits that must not overwrite someone else's."""
        return dict(self._summary.versions) if self._summary else {}

    def set_catalogue(self, facets: Facets) -> None:
        """The subjects, shoots and tags a clip can be given (from the sidebar's facets)."""
        self._facets = facets
        self.tags.set_known_tags([t.name for t in facets.tags])
        self._fill_subjects()
        self._fill_shoots()

    def commit_pending(self) -> None:
        """Send edits still being typed (tags, notes) before the selection changes."""
        if self.tags.isModified():
            self._on_tags_finished()
        self.notes.commit()

    def show_clips(self, ids: list[int]) -> None:
        """Show (and edit) these clips; none shows a hint."""
        self._ids = list(ids)
        self.reload()

    def reload(self) -> None:
        """Read the clips again from the catalogue (after an edit, undo or redo)."""
        if not self._ids or self._project is None:
            self._summary = None
            self._stack.setCurrentIndex(0)
            return
        try:
            with self._project.session() as session:
                metas = clip_metas(session, self._ids)
                summary = summarise(metas)
                single: Optional[dict] = None
                poster: Optional[str] = None
                origin: Optional[Provenance] = None
                transcripts: list[TranscriptInfo] = []
                total = 0.0
                if len(self._ids) == 1:
                    clip = get_clip(session, self._ids[0])
                    single, poster, origin = clip_json(clip), clip.poster_path, provenance(clip)
                    transcripts = transcripts_of_clip(session, self._ids[0])
                else:
                    total = total_seconds(session, self._ids)
        except DocManagerError as exc:
            self._ids = []
            self._summary = None
            self._stack.setCurrentIndex(0)
            self.loadFailed.emit(exc)
            return
        self._summary = summary
        self._metas = {m.clip_id: m for m in metas}
        self._loading = True
        try:
            if single is not None:
                self._show_single(single, poster, origin)
                self._set_detail("transcripts", self._transcripts_text(transcripts))
            else:
                self._show_several(summary, total)
            self._fill_subjects()
            self._fill_shoots()
            if not self.tags.hasFocus() or not self.tags.isModified():  # keep tags being typed
                self.tags.set_tags(summary.common_tags())
            partial = summary.partial_tags()
            self.partial_tags.setVisible(bool(partial))
            self.partial_tags.setText(self.tr("Only some of the clips: {tags}").format(tags=", ".join(partial)))
            self.rating.set_rating(summary.rating)
            if self._locked_reason:  # the stars' own tooltip would hide why they cannot be changed
                self.rating.setToolTip(self._locked_reason)
            if not self.notes.hasFocus() or not self.notes.is_modified():
                self.notes.set_notes(summary.notes)
            self.notes.setPlaceholderText(
                self.tr("The clips have different notes; typing here replaces them all")
                if summary.mixed_notes else self.tr("Notes for the editor and the translator"))
        finally:
            self._loading = False
        self._stack.setCurrentIndex(1)

    # -------------------------------------------------------------- showing
    def _set_detail(self, key: str, text: str) -> None:
        value = self._detail_values[key]
        value.setText(text)
        visible = bool(text)
        value.setVisible(visible)
        self.details.labelForField(value).setVisible(visible)

    def _show_single(self, clip: dict, poster: Optional[str], origin: Optional[Provenance] = None) -> None:
        self.title.setText(clip["name"])
        self._set_detail("duration", duration_text(clip["duration"]))
        self._set_detail("rate", rate_text(clip["frame_rate"], clip["scan"]))
        self._set_detail("size", size_text(clip["width"], clip["height"]))
        self._set_detail("scan", self._scan_text(clip["scan"], clip["field_order"]))
        self._set_detail("recorded", recorded_text(clip["recorded_at"]))
        camera = clip.get("camera") or {}
        self._set_detail("camera", " ".join(x for x in (camera.get("make"), camera.get("model")) if x))
        self._set_detail("video", clip.get("video_codec") or "")
        self._set_detail("audio", self._audio_text(clip.get("audio")))
        self._set_detail("timecode", clip.get("timecode_start") or "")
        self._set_detail("state", self._files_text(clip, origin))
        self._set_detail("source", self._source_text(origin))
        self._detail_values["source"].setToolTip(origin.volume_source or "" if origin else "")
        self._set_detail("verified", self._verification_text(origin) if origin and origin.files else "")
        self._colour_detail("verified", STATE_COLOURS.get(origin.state) if origin else None)
        self.files.clear()
        for f in clip["files"]:
            item = QListWidgetItem(f["path"])
            item.setToolTip(f"{f['path']}\n{file_size_text(f['size'])}, {self._state_text(f['state'])}"
                            + (f"\nxxh64 {f['xxh64']}" if f.get("xxh64") else ""))
            self.files.addItem(item)
        rows = min(max(len(clip["files"]), 1), 4)
        self.files.setFixedHeight(self.files.sizeHintForRow(0) * rows + 2 * self.files.frameWidth() + 2
                                  if clip["files"] else 0)
        self.files.setVisible(bool(clip["files"]))
        self._show_poster(poster)

    def _show_several(self, summary: SelectionSummary, total: float) -> None:
        self.title.setText(self.tr("{count} clips selected").format(count=f"{summary.count:,}"))
        for key in self._detail_values:
            self._set_detail(key, "")
        self._set_detail("duration", self.tr("{duration} in all").format(duration=duration_text(total)))
        self.files.clear()
        self.files.setVisible(False)
        self._show_poster(None)

    def _show_poster(self, path: Optional[str]) -> None:
        pixmap = QPixmap()
        if path:
            full = Path(path)
            if not full.is_absolute() and self._project is not None:
                full = self._project.root / full
            if full.is_file():
                pixmap.load(os.fspath(full))
        if pixmap.isNull():
            self.poster.clear()
            self.poster.setVisible(False)
            return
        self.poster.setPixmap(pixmap.scaledToWidth(POSTER_WIDTH, Qt.TransformationMode.SmoothTransformation))
        self.poster.setVisible(True)

    def _transcripts_text(self, transcripts: list[TranscriptInfo]) -> str:
        """``zh: 120 lines, en: 118 lines``; empty without any."""
        return ", ".join(self.tr("{lang}: {count} lines").format(lang=t.lang, count=t.segments) for t in transcripts)

    def _scan_text(self, scan: Optional[str], field_order: Optional[str]) -> str:
        if scan == "interlaced":
            if field_order == "tff":
                return self.tr("interlaced, top field first")
            if field_order == "bff":
                return self.tr("interlaced, bottom field first")
            return self.tr("interlaced")
        if scan == "progressive":
            return self.tr("progressive")
        return scan or ""

    def _audio_text(self, audio: Optional[dict]) -> str:
        if not audio:
            return ""
        parts = [audio.get("codec") or ""]
        if audio.get("channels"):
            parts.append(self.tr("{n} ch").format(n=audio["channels"]))
        if audio.get("rate"):
            parts.append(self.tr("{khz} kHz").format(khz=f"{audio['rate'] / 1000:g}"))
        return ", ".join(p for p in parts if p)

    def _state_text(self, state: str) -> str:
        return {"online": self.tr("online"), "offline": self.tr("offline"),
                "changed": self.tr("changed on disk"), "corrupt": self.tr("corrupt")}.get(state, state)

    def _files_text(self, clip: dict, origin: Optional[Provenance] = None) -> str:
        """``3 files, 7.8 MB, joined into one``."""
        count = len(clip["files"])
        if count == 0:
            return self.tr("none catalogued")
        text = self.tr("1 file") if count == 1 else self.tr("{count} files").format(count=count)
        size = origin.bytes if origin is not None else sum(f.get("size") or 0 for f in clip["files"])
        text = self.tr("{files}, {size}").format(files=text, size=file_size_text(size))
        if count > 1 and (origin.joined if origin is not None else clip.get("joined_file")):
            text = self.tr("{files}, joined into one").format(files=text)
        return text

    def _source_text(self, origin: Optional[Provenance]) -> str:
        """The card or folder the files were ingested from."""
        if origin is None or not origin.volume:
            return ""
        if origin.volume_kind == "card":
            return self.tr("card {label}").format(label=origin.volume)
        if origin.volume_kind == "folder":
            return self.tr("folder {label}").format(label=origin.volume)
        return origin.volume

    def _verification_text(self, origin: Provenance) -> str:
        """``verified 2026-11-24 09:12``, ``not verified``, ``CHANGED since ingest``, ``offline``."""
        part = origin.files > 1 and origin.in_state < origin.files
        if origin.state == "offline":
            return self.tr("offline ({count} of {total} files)").format(count=origin.in_state, total=origin.files) \
                if part else self.tr("offline")
        if origin.state == "changed":
            return self.tr("CHANGED since ingest ({count} of {total} files)").format(
                count=origin.in_state, total=origin.files) if part else self.tr("CHANGED since ingest")
        if origin.state == "corrupt":
            return self.tr("corrupt ({count} of {total} files)").format(count=origin.in_state, total=origin.files) \
                if part else self.tr("corrupt")
        if origin.verified_at is None:
            return self.tr("not verified")
        return self.tr("verified {when}").format(when=local_time_text(origin.verified_at))

    def _colour_detail(self, key: str, colour: Optional[str]) -> None:
        value = self._detail_values[key]
        palette = value.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour) if colour else
                         self.palette().color(QPalette.ColorRole.WindowText))
        value.setPalette(palette)
        font = value.font()
        font.setBold(bool(colour))
        value.setFont(font)

    def _fill_subjects(self) -> None:
        """One checkable row per subject; updated in place when the subjects are the same (keeps scrolling)."""
        summary = self._summary
        names = [named.name for named in self._facets.subjects]
        current = [self.subjects.item(i).data(NameRole) for i in range(self.subjects.count())]
        was_loading = self._loading
        self._loading = True
        try:
            if names != current:
                self.subjects.clear()
                for named in self._facets.subjects:
                    item = QListWidgetItem()
                    item.setData(NameRole, named.name)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.subjects.addItem(item)
            for row, named in enumerate(self._facets.subjects):
                item = self.subjects.item(row)
                item.setText(subject_label(named.name, named.detail))
                have = summary.subjects.get(named.name, 0) if summary else 0
                tip = ""
                if summary and have == summary.count:
                    state = Qt.CheckState.Checked
                elif have and summary:
                    state = Qt.CheckState.PartiallyChecked
                    tip = self.tr("{have} of the {count} clips").format(have=have, count=summary.count)
                else:
                    state = Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
                item.setToolTip(tip)
            if names != current:
                rows = min(max(len(names), 1), 7)
                row_height = self.subjects.sizeHintForRow(0) if names else self.subjects.fontMetrics().height()
                self.subjects.setFixedHeight(row_height * rows + 2 * self.subjects.frameWidth() + 4)
        finally:
            self._loading = was_loading

    def _fill_shoots(self) -> None:
        """"— no shoot —" and every shoot; the current one selected, none when the clips differ."""
        summary = self._summary
        names = [named.name for named in self._facets.shoots]
        current = [self.shoot.itemData(i) for i in range(1, self.shoot.count())]
        self.shoot.blockSignals(True)
        try:
            if names != current or self.shoot.count() == 0:
                self.shoot.clear()
                self.shoot.addItem(self.tr("— no shoot —"), None)
                for named in self._facets.shoots:
                    self.shoot.addItem(named.name, named.name)
                    if named.detail:
                        self.shoot.setItemData(self.shoot.count() - 1, named.detail, Qt.ItemDataRole.ToolTipRole)
            if summary is None or summary.mixed_shoot:
                self.shoot.setCurrentIndex(-1)
            else:
                index = self.shoot.findData(summary.shoot) if summary.shoot else 0
                self.shoot.setCurrentIndex(max(index, 0))
        finally:
            self.shoot.blockSignals(False)

    # -------------------------------------------------------------- editing
    def _on_subject_changed(self, item: QListWidgetItem) -> None:
        if self._loading or not self._ids:
            return
        state = item.checkState()
        if state == Qt.CheckState.PartiallyChecked:
            return
        self.subjectToggled.emit(item.data(NameRole), state == Qt.CheckState.Checked)

    def _on_shoot_activated(self, index: int) -> None:
        if self._loading or not self._ids or index < 0:
            return
        name = self.shoot.itemData(index)
        summary = self._summary
        if summary is not None and not summary.mixed_shoot and summary.shoot == name:
            return
        self.shootChosen.emit(name)

    def _on_tags_finished(self) -> None:
        if self._loading or not self._ids or not self.tags.isModified():
            return
        self.tags.setModified(False)
        common = self._summary.common_tags() if self._summary else []
        new = self.tags.tags()
        new_keys = {t.lower() for t in new}
        common_keys = {t.lower() for t in common}
        added = [t for t in new if t.lower() not in common_keys]
        removed = [t for t in common if t.lower() not in new_keys]
        if added or removed:
            self.tagsEdited.emit(added, removed)

    def _on_rating(self, rating: int) -> None:
        if self._loading or not self._ids:
            return
        self.ratingChosen.emit(rating)

    def _on_notes_finished(self) -> None:
        if self._loading or not self._ids:
            return
        notes = self.notes.notes()
        summary = self._summary
        if summary is not None and not summary.mixed_notes and (summary.notes or None) == notes:
            return
        self.notesEdited.emit(notes)

    def sizeHint(self) -> QSize:
        return QSize(340, 600)
