"""The activity log browser: who changed what and when, newest first.

``ActivityLogDialog(project, parent)`` is a non-modal window over the
project's activity log (:func:`docmanager.access.log_entries`): one row per
change with when (local time), who, what (the row in words: "clip 12
“Kitchen window”", "transcript line 40") and the change (old → new values,
long ones cut short, the tooltip showing all).  The selected change is shown
in full below the table.

Filters: the person (everyone the log has seen), the kind of row (clips,
transcript lines, cuts …), a date to start from, and a text filter over the
rows read (who, what and every value).  The log is read a page at a time
(``PAGE`` changes), newest first, off the UI thread; "Load More" reads
further back.  ``refresh()`` reads it again keeping the filters and the
number of rows read; the window calls it when the catalogue changed.  While
the dialog is hidden a refresh only marks it stale: it reads when shown.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Optional

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from docmanager.project import Project
from ui.models.activity_log import PAGE, ActivityLogModel, LogPage, read_log_job
from ui.tasks import TaskRunner
from ui.views.widgets import refill_combo

log = logging.getLogger(__name__)

FILTER_DELAY_MS = 200  # typing in the text filter waits this long before narrowing the rows


class ActivityLogDialog(QDialog):
    """The project's activity log with its filters; ``refresh()`` reads it again."""

    loaded = Signal()  # a read of the log has been shown
    failed = Signal(str)  # a read of the log failed (the text says why)

    def __init__(self, project: Optional[Project], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityLogDialog")
        self.setWindowTitle(self.tr("Activity Log"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._project: Optional[Project] = None
        self._limit = PAGE
        self._stale = False
        self._pending = False
        self._generation = 0
        self._task = None
        self.tasks = TaskRunner(max_threads=1, parent=self)  # its own: quick reads, never behind an ingest

        # --- filters
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("activityUser")
        self.user_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.user_combo.setToolTip(self.tr("Only the changes of this person"))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("activityKind")
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_combo.setToolTip(self.tr("Only changes to this kind of row"))
        self.since_check = QCheckBox(self.tr("Since"))
        self.since_check.setObjectName("activitySinceOn")
        self.since_check.setToolTip(self.tr("Only changes made on this day or later"))
        self.since_edit = QDateEdit()
        self.since_edit.setObjectName("activitySince")
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setDate(QDate.currentDate().addDays(-7))
        self.since_edit.setEnabled(False)
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("activityFilter")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setPlaceholderText(self.tr("Filter: a name, a value, a word…"))
        self.text_filter.setToolTip(self.tr("Show only the changes read so far that mention all these words"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("activityRefresh")
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.setToolTip(self.tr("Read the log again (F5)"))
        self._fill_combo(self.user_combo, self.tr("Everyone"), [])
        self._fill_combo(self.kind_combo, self.tr("All kinds"), [])
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel(self.tr("Who:")))
        filters.addWidget(self.user_combo)
        filters.addSpacing(8)
        filters.addWidget(QLabel(self.tr("Kind:")))
        filters.addWidget(self.kind_combo)
        filters.addSpacing(8)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since_edit)
        filters.addSpacing(8)
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.refresh_button)

        # --- table
        self.model = ActivityLogModel(self)
        self.table = QTableView()
        self.table.setObjectName("activityTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # thousands of rows: no measuring
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        for column, sample in ((ActivityLogModel.WHEN, "0000-00-00 00:00:00"), (ActivityLogModel.WHO, "M" * 8),
                               (ActivityLogModel.WHAT, "M" * 30)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("activityDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Select a change to see all its values."))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([420, 110])

        # --- bottom
        self.status = QLabel()
        self.status.setObjectName("activityStatus")
        self.more_button = QPushButton(self.tr("Load More"))
        self.more_button.setObjectName("activityMore")
        self.more_button.setToolTip(self.tr("Read {count} older changes").format(count=PAGE))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.resize(1080, 620)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_text_filter)

        # --- wiring
        self.user_combo.activated.connect(lambda _i: self._filters_changed())
        self.kind_combo.activated.connect(lambda _i: self._filters_changed())
        self.since_check.toggled.connect(self._since_toggled)
        self.since_edit.dateChanged.connect(lambda _d: self._filters_changed() if self.since_check.isChecked()
                                            else None)
        self.text_filter.textChanged.connect(lambda _t: self._filter_timer.start())
        self.text_filter.returnPressed.connect(self._apply_text_filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.more_button.clicked.connect(self.load_more)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_detail(current.row()))
        self.model.modelReset.connect(lambda: self._show_detail(self.table.currentIndex().row()))

        self.set_project(project)

    # ================================================================ project
    def project(self) -> Optional[Project]:
        return self._project

    def set_project(self, project: Optional[Project]) -> None:
        """Show another project's log (None: nothing)."""
        self._project = project
        self._limit = PAGE
        self._generation += 1  # a read of the previous project is not shown
        self.model.set_page(LogPage())
        if project is None:
            self._stale = False
            self._update_status()
            return
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._filter_timer.stop()
        super().closeEvent(event)

    # ================================================================ reading
    def filters(self) -> dict:
        """The filters the log is read with: ``user``, ``table`` and ``since`` (an aware datetime), or None."""
        since = None
        if self.since_check.isChecked():
            day = self.since_edit.date()
            since = datetime(day.year(), day.month(), day.day()).astimezone()  # local midnight
        return {"user": self.user_combo.currentData(), "table": self.kind_combo.currentData(), "since": since}

    def set_filters(self, *, user: object = ..., table: object = ..., since: object = ...,
                    text: Optional[str] = None) -> None:
        """Choose filters (``since``: a ``datetime.date`` or None) and read the log again."""
        for combo, value in ((self.user_combo, user), (self.kind_combo, table)):
            if value is ...:
                continue
            found = combo.findData(value)
            if found < 0 and value is not None:  # not seen yet: offered all the same
                combo.addItem(self.model.texts.kind_name(value) if combo is self.kind_combo else str(value), value)
                found = combo.count() - 1
            combo.setCurrentIndex(max(found, 0))
        if since is not ...:
            self.since_check.blockSignals(True)
            self.since_check.setChecked(since is not None)
            self.since_check.blockSignals(False)
            self.since_edit.setEnabled(since is not None)
            if since is not None:
                self.since_edit.blockSignals(True)
                self.since_edit.setDate(QDate(since.year, since.month, since.day))
                self.since_edit.blockSignals(False)
        if text is not None:
            self.text_filter.setText(text)
            self._apply_text_filter()
        self._filters_changed()

    def refresh(self) -> None:
        """Read the log again, keeping the filters and as many rows as were read."""
        if self._project is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._read()

    def load_more(self) -> None:
        """Read the next ``PAGE`` older changes too."""
        if self._project is None or self.model.page().complete:
            return
        self._limit = max(self._limit, self.model.loaded_count()) + PAGE
        self._read()

    def is_loading(self) -> bool:
        return self._task is not None

    def _filters_changed(self) -> None:
        self._limit = PAGE
        self.refresh()

    def _since_toggled(self, on: bool) -> None:
        self.since_edit.setEnabled(on)
        self._filters_changed()

    def _read(self) -> None:
        self._stale = False
        if self._task is not None:  # one read at a time; the latest wish is read when it ends
            self._pending = True
            return
        self._pending = False
        self._generation += 1
        generation = self._generation
        self._update_status(loading=True)
        task = self.tasks.start(self.tr("Reading the activity log"), read_log_job, self._project,
                                limit=self._limit, **self.filters())
        self._task = task
        task.finished.connect(lambda report: self._on_read(generation, report))
        task.failed.connect(lambda text: self._on_failed(generation, text))
        task.ended.connect(self._on_ended)

    def _on_ended(self) -> None:
        self._task = None
        if self._pending and self._project is not None:
            self._read()

    def _on_failed(self, generation: int, text: str) -> None:
        if generation != self._generation:
            return
        log.warning("activity log: %s", text)
        self.status.setText(self.tr("The log could not be read: {error}").format(error=text))
        self.failed.emit(text)

    def _on_read(self, generation: int, report) -> None:
        page = report.data.get("result") if report is not None else None
        if generation != self._generation or not isinstance(page, LogPage) or self._pending:
            return
        bar = self.table.verticalScrollBar()
        scrolled = bar.value()
        current = self.table.currentIndex().row()
        self._fill_combo(self.user_combo, self.tr("Everyone"), [(u, u) for u in page.users])
        kinds = sorted(((self.model.texts.kind_name(t), t) for t in page.tables), key=lambda p: p[0].casefold())
        self._fill_combo(self.kind_combo, self.tr("All kinds"), kinds)
        keep = self.model.loaded_count() > 0 and page.entries[: self.model.loaded_count()] == \
            self.model.page().entries
        self.model.set_page(page)
        if keep:
            bar.setValue(scrolled)
            if 0 <= current < self.model.rowCount():
                self.table.selectRow(current)
        self._update_status()
        self.loaded.emit()

    def _fill_combo(self, combo: QComboBox, everyone: str, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        wanted = [(everyone, None)] + list(items)
        if chosen is not None and chosen not in [value for _text, value in wanted]:
            wanted.append((self.model.texts.kind_name(chosen) if combo is self.kind_combo else chosen, chosen))
        refill_combo(combo, wanted)

    # ================================================================ showing
    def _apply_text_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_text_filter(self.text_filter.text())
        self._update_status()

    def _show_detail(self, row: int) -> None:
        self.detail.setPlainText(self.model.details(row) if row >= 0 else "")

    def _update_status(self, loading: bool = False) -> None:
        page = self.model.page()
        loaded, shown = self.model.loaded_count(), self.model.rowCount()
        if self._project is None:
            text = self.tr("No project is open.")
        elif loading and not loaded:
            text = self.tr("Reading the log…")
        elif not loaded:
            text = self.tr("No changes match these filters.") if any(
                v is not None for v in self.filters().values()) else self.tr("Nothing has been changed yet.")
        elif self.model.text_filter():
            text = (self.tr("{shown} of all {loaded} changes match the filter.") if page.complete else
                    self.tr("{shown} of the newest {loaded} changes match the filter; Load More to look "
                            "further back.")).format(shown=shown, loaded=loaded)
        elif page.complete:
            text = self.tr("All {count} changes.").format(count=loaded) if loaded != 1 else self.tr("1 change.")
        else:
            text = self.tr("The newest {count} changes.").format(count=loaded)
        if loading and loaded:
            text = self.tr("{status} Reading…").format(status=text)
        self.status.setText(text)
        self.more_button.setEnabled(self._project is not None and loaded > 0 and not page.complete)
