"""Export a cut: for an editing application, as a screener MP4, or as a contact sheet of its markers.

``CutExportDialog`` has three pages.  *Editing application* writes the cut
with :func:`docmanager.cuts.export.export_cut` (``.otio``, ``.otioz``, FCP 7
``.xml`` for Premiere Pro and DaVinci Resolve, ``.fcpxml``, ``.edl``,
``.aaf``); *Screener* renders an MP4 with the subtitles of a chosen language
burnt in; *Contact sheet* draws the frames at the cut's markers.  Each runs
as a background task (``ui.tasks.TaskRunner``) with a progress bar and
Cancel; the window stays usable.

When the export ends the dialog shows the check: whether the file was read
back, how many items it holds, and each thing the format lost, in plain
words ("EDL keeps one video track: track V2 dropped (1 item)"), with Show in
Folder.  When a file links no media because its root is not mapped on this
computer, ``unmappedRoot`` carries the line that says so (the main window
offers to map the root; exporting again then links the files).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from docmanager.cuts.export import ExportResult, export_cut
from docmanager.errors import DocManagerError
from docmanager.jobs import Report
from docmanager.project import Project
from ui.tasks import Task, TaskRunner
from ui.views.roots import unmapped_root

EXPORT_FOLDER = "Exports"


def _deliver() -> Any:
    """The screener and contact sheet functions, or None when this build has none."""
    try:
        from docmanager.cuts import deliver
    except ImportError:
        return None
    return deliver


def safe_file_name(text: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip().strip(".")
    return " ".join(name.split()) or "cut"


class _PathRow(QWidget):
    """A file name with Browse…"""

    def __init__(self, caption: str, patterns: Callable[[], str], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._caption = caption
        self._patterns = patterns
        self.edit = QLineEdit()
        self.browse = QPushButton(self.tr("Browse…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.browse.clicked.connect(self._choose)

    def path(self) -> str:
        return self.edit.text().strip()

    def set_path(self, path: str) -> None:
        self.edit.setText(path)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self._caption, self.path(), self._patterns())
        if path:
            self.set_path(path)


class CutExportDialog(QDialog):
    """Export, screener and contact sheet of one cut, each run in the background, with the result."""

    unmappedRoot = Signal(str)  # a line of the result saying a media root is not mapped here

    def __init__(self, project: Project, tasks: TaskRunner, cut_id: int, cut_label: str,
                 parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("cutExportDialog")
        self.setWindowTitle(self.tr("Export {cut}").format(cut=cut_label))
        self.project = project
        self.tasks = tasks
        self.cut_id = cut_id
        self.cut_label = cut_label
        self.task: Optional[Task] = None
        self.result: Optional[ExportResult] = None
        self.report: Optional[Report] = None
        self._shown_path: Optional[str] = None
        self._kind = ""
        self._deliver = _deliver()
        base = os.path.join(str(project.root), EXPORT_FOLDER, safe_file_name(cut_label))

        # --- editing application
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for suffix, label in self._formats():
            self.format.addItem(label, suffix)
        self.export_path = _PathRow(self.tr("Export Cut"), self._export_patterns)
        self.export_path.setObjectName("exportPath")
        self.export_path.set_path(base + ".xml")
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("runExport")
        self.export_button.setDefault(True)
        export_page = QWidget()
        form = QFormLayout(export_page)
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("File:"), self.export_path)
        note = QLabel(self.tr("The file is read back after it is written and compared with the cut, item by "
                              "item, to the frame; anything the format cannot hold is listed below."))
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow(note)
        form.addRow("", self._right(self.export_button))

        # --- screener
        self.subtitles = QComboBox()
        self.subtitles.setObjectName("screenerSubtitles")
        self.subtitles.addItem(self.tr("None"), None)
        self.screener_path = _PathRow(self.tr("Screener MP4"), lambda: self.tr("MP4 video (*.mp4)"))
        self.screener_path.setObjectName("screenerPath")
        self.screener_path.set_path(base + " screener.mp4")
        self.screener_button = QPushButton(self.tr("Render Screener"))
        self.screener_button.setObjectName("runScreener")
        screener_page = QWidget()
        form = QFormLayout(screener_page)
        form.addRow(self.tr("Subtitles:"), self.subtitles)
        form.addRow(self.tr("File:"), self.screener_path)
        note = QLabel(self.tr("A watermarked 720p H.264 MP4 of the cut's picture track and its sound, for "
                              "people outside the cutting room."))
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow(note)
        form.addRow("", self._right(self.screener_button))

        # --- contact sheet
        self.sheet_path = _PathRow(self.tr("Contact Sheet"),
                                   lambda: self.tr("Images and PDF (*.png *.jpg *.pdf)"))
        self.sheet_path.setObjectName("sheetPath")
        self.sheet_path.set_path(base + " markers.pdf")
        self.sheet_button = QPushButton(self.tr("Make Contact Sheet"))
        self.sheet_button.setObjectName("runSheet")
        sheet_page = QWidget()
        form = QFormLayout(sheet_page)
        form.addRow(self.tr("File:"), self.sheet_path)
        note = QLabel(self.tr("The frames at the cut's markers in cut order, each with its record time code, "
                              "clip and note (the first frame of each item when the cut has no markers)."))
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow(note)
        form.addRow("", self._right(self.sheet_button))

        self.pages = QTabWidget()
        self.pages.setObjectName("exportPages")
        self.pages.addTab(export_page, self.tr("Editing Application"))
        self.pages.addTab(screener_page, self.tr("Screener MP4…"))
        self.pages.addTab(sheet_page, self.tr("Contact Sheet of Markers…"))
        if self._deliver is None:
            for index in (1, 2):
                self.pages.setTabEnabled(index, False)
                self.pages.setTabToolTip(index, self.tr("Not available in this version"))

        # --- progress and result
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelExport")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)

        self.result_box = QGroupBox(self.tr("Result"))
        self.result_box.setObjectName("exportResult")
        self.result_title = QLabel()
        self.result_title.setObjectName("resultTitle")
        self.result_title.setWordWrap(True)
        self.result_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.result_title.font()
        bold.setBold(True)
        self.result_title.setFont(bold)
        self.reread_label = QLabel()
        self.reread_label.setObjectName("resultReread")
        self.items_label = QLabel()
        self.items_label.setObjectName("resultItems")
        self.losses_label = QLabel()
        self.losses_label.setObjectName("resultLossesTitle")
        self.losses = QListWidget()
        self.losses.setObjectName("resultLosses")
        self.losses.setWordWrap(True)
        self.losses.setAlternatingRowColors(True)
        self.show_button = QPushButton(self.tr("Show in Folder"))
        self.show_button.setObjectName("showInFolder")
        self.close_button = QPushButton(self.tr("Close"))
        facts = QFormLayout()
        facts.addRow(self.tr("Read back:"), self.reread_label)
        facts.addRow(self.tr("Items:"), self.items_label)
        result_layout = QVBoxLayout(self.result_box)
        result_layout.addWidget(self.result_title)
        result_layout.addLayout(facts)
        result_layout.addWidget(self.losses_label)
        result_layout.addWidget(self.losses, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(self.show_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addLayout(progress_row)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.result_box, 1)
        layout.addLayout(bottom)

        self.format.currentIndexChanged.connect(self._on_format)
        self.export_button.clicked.connect(self.start_export)
        self.screener_button.clicked.connect(self.start_screener)
        self.sheet_button.clicked.connect(self.start_contact_sheet)
        self.cancel_button.clicked.connect(self.cancel)
        self.show_button.clicked.connect(self.show_in_folder)
        self.close_button.clicked.connect(self.close)
        self._fill_languages()
        self._clear_result()
        self._set_running(False)
        self.resize(680, 620)

    def _formats(self) -> list[tuple[str, str]]:
        """(suffix, label) of the formats, in the order an editor looks for them."""
        return [
            (".xml", self.tr("Premiere Pro / DaVinci Resolve — FCP 7 XML (.xml)")),
            (".fcpxml", self.tr("Final Cut Pro — FCPXML (.fcpxml)")),
            (".aaf", self.tr("Avid Media Composer — AAF (.aaf)")),
            (".edl", self.tr("EDL — CMX 3600, one video track (.edl)")),
            (".otio", self.tr("OpenTimelineIO (.otio)")),
            (".otioz", self.tr("OpenTimelineIO with the media (.otioz)")),
        ]

    @staticmethod
    def _right(widget: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(widget)
        return row

    def _export_patterns(self) -> str:
        suffix = self.format.currentData()
        return f"{self.format.currentText()} (*{suffix})"

    def _fill_languages(self) -> None:
        if self._deliver is None:
            return
        try:
            with self.project.session() as session:
                langs = self._deliver.subtitle_languages(session, self.cut_id)
        except DocManagerError:
            langs = []
        for lang in langs:
            self.subtitles.addItem(lang, lang)
        if len(langs) > 0:
            self.subtitles.setCurrentIndex(1)

    def _on_format(self, _index: int) -> None:
        suffix = self.format.currentData()
        path = self.export_path.path()
        if path:
            stem, _old = os.path.splitext(path)
            self.export_path.set_path(stem + suffix)

    def set_format(self, suffix: str) -> None:
        index = self.format.findData(suffix)
        if index >= 0:
            self.format.setCurrentIndex(index)

    # ------------------------------------------------------------ running
    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.screener_button, self.sheet_button, self.format):
            widget.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def _prepare(self, path: str) -> Optional[str]:
        if not path:
            self._show_error(self.tr("Choose a file to write."))
            return None
        path = os.path.abspath(os.path.expanduser(path))
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError as exc:
            self._show_error(self.tr("The folder cannot be made: {error}").format(error=exc.strerror or exc))
            return None
        return path

    def _start(self, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        self._clear_result()
        self.progress.setRange(0, 0)
        self.progress_label.setText(title)
        task = self.tasks.start(title, fn, *args, **kwargs)
        self.task = task
        self._set_running(True)
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        task.failed.connect(self._on_failed)
        task.ended.connect(self._on_ended)
        return task

    def start_export(self) -> Optional[Task]:
        path = self._prepare(self.export_path.path())
        if path is None:
            return None
        suffix = self.format.currentData()
        if not path.lower().endswith(suffix):
            path = os.path.splitext(path)[0] + suffix
            self.export_path.set_path(path)
        self._kind = "export"
        return self._start(self.tr("Exporting {cut}").format(cut=self.cut_label), export_cut, self.project,
                           self.cut_id, path)

    def start_screener(self) -> Optional[Task]:
        if self._deliver is None:
            return None
        path = self._prepare(self.screener_path.path())
        if path is None:
            return None
        self._kind = "screener"
        return self._start(self.tr("Rendering the screener of {cut}").format(cut=self.cut_label),
                           self._deliver.render_cut_screener, self.project, self.cut_id, path,
                           lang=self.subtitles.currentData())

    def start_contact_sheet(self) -> Optional[Task]:
        if self._deliver is None:
            return None
        path = self._prepare(self.sheet_path.path())
        if path is None:
            return None
        self._kind = "sheet"
        return self._start(self.tr("Making the contact sheet of {cut}").format(cut=self.cut_label),
                           self._deliver.cut_contact_sheet, self.project, self.cut_id, path)

    def _on_ended(self) -> None:
        self._set_running(False)

    def cancel(self) -> None:
        if self.task is not None and self.task.is_running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))

    def is_running(self) -> bool:
        return self.task is not None and self.task.is_running

    def _on_progress(self, done: float, total: float, message: str) -> None:
        if total and total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(max(done / total, 0.0), 1.0)))
        if message:
            self.progress_label.setText(message)

    # ------------------------------------------------------------ results
    def _clear_result(self) -> None:
        self.result = None
        self.report = None
        self._shown_path = None
        self.result_title.setText(self.tr("Nothing exported yet."))
        self.result_title.setStyleSheet("")
        self.reread_label.setText("–")
        self.items_label.setText("–")
        self.losses_label.setText("")
        self.losses.clear()
        self.losses.setVisible(False)
        self.show_button.setEnabled(False)

    def _show_error(self, text: str) -> None:
        self.result_title.setText(text)
        self.result_title.setStyleSheet("color: #b3261e;")

    def _on_failed(self, text: str) -> None:
        self.progress_label.setText("")
        self._show_error(self.tr("Nothing was written: {error}").format(error=text))

    def _on_finished(self, report: Report) -> None:
        self.progress_label.setText("")
        if report.cancelled:
            self.result_title.setText(self.tr("Cancelled; nothing was written."))
            return
        result = report.data.get("result")
        if isinstance(result, ExportResult):
            self.show_export(result)
        else:
            self.show_report(report)

    def show_export(self, result: ExportResult) -> None:
        """The check of an export: read back, items, and each loss."""
        self.result = result
        self._shown_path = str(result.path)
        self.result_title.setStyleSheet("")
        self.result_title.setText(self.tr("Exported {file}").format(file=str(result.path)))
        check = result.check
        self.reread_label.setText(self.tr("Yes") if check.reread else
                                  self.tr("No — {error}").format(error=check.error or self.tr("unknown error")))
        self.reread_label.setStyleSheet("" if check.reread else "color: #b3261e; font-weight: 600;")
        self.items_label.setText(str(result.items))
        self._list(check.losses, self.tr("Nothing was lost: the file holds the cut as it is."),
                   self.tr("What the format lost ({count}):"))
        for extra in result.extra_files:
            item = QListWidgetItem(self.tr("Also written: {file}").format(file=str(extra)))
            item.setForeground(Qt.GlobalColor.darkGray)
            self.losses.addItem(item)
        self.show_button.setEnabled(True)

    def show_report(self, report: Report) -> None:
        """A screener or contact sheet: the file, what it holds, and the problems."""
        self.report = report
        path = report.data.get("path")
        self._shown_path = str(path) if path else None
        self.result_title.setStyleSheet("")
        self.result_title.setText(self.tr("Wrote {file}").format(file=path) if path else report.summary())
        self.reread_label.setText("–")
        frames = report.data.get("frames")
        details = []
        if frames is not None:
            details.append(self.tr("{count} frames").format(count=frames))
        subtitles = report.data.get("subtitles", report.data.get("subtitle_lines"))
        if isinstance(subtitles, (int, float)) and subtitles:
            details.append(self.tr("{count} subtitle lines").format(count=int(subtitles)))
        elif isinstance(subtitles, str) and subtitles:
            details.append(self.tr("subtitles: {lang}").format(lang=subtitles))
        self.items_label.setText(", ".join(details) or "–")
        problems = [f"{f.path}: {f.reason}" if f.path else f.reason for f in report.failed]
        problems += [str(n) for n in report.data.get("notes") or []]
        self._list(problems, self.tr("No problems."), self.tr("Problems ({count}):"))
        self.show_button.setEnabled(bool(path))

    def _list(self, lines: list[str], none: str, some: str) -> None:
        self.losses.clear()
        self.losses.setVisible(True)
        if not lines:
            self.losses_label.setText(none)
            self.losses.setVisible(False)
            return
        self.losses_label.setText(some.format(count=len(lines)))
        for line in lines:
            self.losses.addItem("• " + line)
        about_roots = next((line for line in lines if unmapped_root(line) is not None), None)
        if about_roots is not None:
            self.unmappedRoot.emit(about_roots)

    def loss_texts(self) -> list[str]:
        return [self.losses.item(i).text() for i in range(self.losses.count())]

    def show_in_folder(self) -> None:
        if self._shown_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self._shown_path).parent)))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.is_running():  # stop the work first; the task ends on its own and nothing half made is kept
            self.cancel()
        super().closeEvent(event)
