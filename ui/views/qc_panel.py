"""The QC findings of one subtitle board cell: line, problem, message; double-click goes to the line.

``QcPanel.show_findings`` takes the ``CellFinding`` list the core made
(``docmanager.subtitles.board.cell_findings``) for a clip or a cut in one
language.  A double-click (or Enter) on a finding emits ``findingActivated``
with the clip the subtitle comes from, the language and its transcript line,
so the window can open the transcript there.  ``show_reading`` says the
findings of a cell are being read (the board reads them off the UI thread).
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docmanager.subtitles.board import CellFinding
from ui.models.transcript_table import timestamp_text

FindingRole = Qt.ItemDataRole.UserRole + 1


class _FindingList(QTreeWidget):
    activatedItem = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.activatedItem.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class QcPanel(QWidget):
    """A heading ("English subtitles of …: 3 findings") over the list of findings."""

    findingActivated = Signal(int, str, object, object)  # clip id, language, segment id (or None), start ms

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("qcPanel")
        self._lang = ""
        self._on_clip = True
        self._findings: list[CellFinding] = []
        self.title = QLabel()
        self.title.setObjectName("qcTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.changed = QLabel()
        self.changed.setObjectName("qcChanged")
        self.changed.setWordWrap(True)
        self.changed.setStyleSheet("color: #b84700;")
        self.changed.hide()
        self.list = _FindingList()
        self.list.setObjectName("qcFindings")
        self.list.setColumnCount(4)
        self.list.setHeaderLabels([self.tr("Line"), self.tr("Problem"), self.tr("What is wrong"),
                                   self.tr("Subtitle")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, self.fontMetrics().horizontalAdvance("0" * 48))
        self.empty = QLabel()
        self.empty.setObjectName("qcEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.changed)
        layout.addWidget(self.stack, 1)
        self.list.itemDoubleClicked.connect(lambda item, _column: self._activate(item))
        self.list.activatedItem.connect(self._activate)
        self.clear()

    # ---------------------------------------------------------------- names
    def problem_name(self, problem: str) -> str:
        names = {
            "too-fast": self.tr("too fast to read"),
            "line-too-long": self.tr("line too long"),
            "too-many-lines": self.tr("too many lines"),
            "too-short": self.tr("too short on screen"),
            "too-long": self.tr("too long on screen"),
            "overlap": self.tr("overlaps the previous one"),
            "gap": self.tr("gap too small"),
            "empty": self.tr("no text"),
            "glossary": self.tr("name spelling"),
        }
        return names.get(problem, problem)

    def message_text(self, finding: CellFinding) -> str:
        """The core's message in the app's language (the message as it is when its form is not known)."""
        text = finding.message
        number = r"(\d+(?:\.\d+)?)"
        forms = {
            "too-fast": (rf"^{number} characters a second \(limit {number}\): {number} characters in {number} s$",
                         lambda m: self.tr("{cps} characters a second (limit {limit}): {count} characters in "
                                           "{seconds} s").format(cps=m[1], limit=m[2], count=m[3], seconds=m[4])),
            "line-too-long": (rf"^line {number} has {number} characters \(at most {number}\)$",
                              lambda m: self.tr("line {line} has {count} characters (at most {limit})").format(
                                  line=m[1], count=m[2], limit=m[3])),
            "too-many-lines": (rf"^{number} lines \(at most {number}\)$",
                               lambda m: self.tr("{count} lines (at most {limit})").format(count=m[1], limit=m[2])),
            "too-short": (rf"^on screen {number} ms \(at least {number}\)$",
                          lambda m: self.tr("on screen {ms} ms (at least {limit})").format(ms=m[1], limit=m[2])),
            "too-long": (rf"^on screen {number} s \(at most {number}\)$",
                         lambda m: self.tr("on screen {seconds} s (at most {limit})").format(
                             seconds=m[1], limit=m[2])),
            "overlap": (r"^starts at (\S+), before subtitle (\d+) ends at (\S+)$",
                        lambda m: self.tr("starts at {start}, before subtitle {number} ends at {end}").format(
                            start=m[1], number=m[2], end=m[3])),
            "gap": (rf"^{number} ms after subtitle {number}: less than {number} frames; close the gap or open it$",
                    lambda m: self.tr("{ms} ms after subtitle {number}: less than {frames} frames; close the gap "
                                      "or open it").format(ms=m[1], number=m[2], frames=m[3])),
            "empty": (r"^no text$", lambda m: self.tr("no text")),
            "glossary": (r"^“(.+)” (looks|sounds) like (.+?): the glossary (?:spells|writes) it “(.+)”$",
                         lambda m: (self.tr("“{found}” looks like {name}: the glossary spells it “{expected}”")
                                    if m[2] == "looks" else
                                    self.tr("“{found}” sounds like {name}: the glossary writes “{expected}”"))
                         .format(found=m[1], name=m[3], expected=m[4])),
        }
        form = forms.get(finding.problem)
        if form is None:
            return text
        match = re.match(form[0], text)
        return form[1](match) if match else text

    # ---------------------------------------------------------------- state
    def clear(self, text: Optional[str] = None) -> None:
        self._findings = []
        self.list.clear()
        self.changed.hide()
        self.title.setText(self.tr("Quality check"))
        self.empty.setText(text or self.tr("Select a cell of the board to see what the quality check found in "
                                           "those subtitles."))
        self.stack.setCurrentWidget(self.empty)

    def show_reading(self, name: str, language: str) -> None:
        """Say that the findings of ``name``'s subtitles in ``language`` (its display name) are being read."""
        self._findings = []
        self.list.clear()
        self.changed.hide()
        self.title.setText(self.tr("{language} subtitles of {name}").format(language=language, name=name))
        self.empty.setText(self.tr("Reading the quality check…"))
        self.stack.setCurrentWidget(self.empty)

    def show_findings(self, name: str, language: str, lang: str, findings: Sequence[CellFinding],
                      has_text: bool = True, on_clip: bool = True, changed: str = "") -> None:
        """Show the findings of ``name``'s subtitles in ``language`` (its display name; ``lang`` its code).

        ``on_clip``: the subtitles are a clip's (their times are the clip's); a cut's are on the cut's time line.
        ``changed``: what changed since approval, shown under the heading.
        """
        self.changed.setText(changed)
        self.changed.setVisible(bool(changed))
        self._lang = lang
        self._on_clip = on_clip
        self._findings = list(findings)
        count = len(self._findings)
        if count == 0:
            heading = self.tr("{language} subtitles of {name}").format(language=language, name=name)
        elif count == 1:
            heading = self.tr("{language} subtitles of {name}: 1 finding").format(language=language, name=name)
        else:
            heading = self.tr("{language} subtitles of {name}: {count} findings").format(
                language=language, name=name, count=count)
        self.title.setText(heading)
        self.list.clear()
        if not has_text:
            self.empty.setText(self.tr("There are no {language} subtitles to check yet.").format(language=language))
            self.stack.setCurrentWidget(self.empty)
            return
        if not self._findings:
            self.empty.setText(self.tr("No problems found: every line reads in time, fits and spells the names as "
                                       "the glossary does."))
            self.stack.setCurrentWidget(self.empty)
            return
        items = []
        for finding in self._findings:
            parts = finding.text.replace("\\N", "\n").splitlines()
            shown = " / ".join(part.strip() for part in parts if part.strip())
            item = QTreeWidgetItem([str(finding.index), self.problem_name(finding.problem),
                                    self.message_text(finding), shown])
            item.setData(0, FindingRole, finding)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(2, self.tr("{time}  {text}").format(time=timestamp_text(finding.start_ms),
                                                                text=finding.text))
            item.setToolTip(1, item.toolTip(2))
            item.setToolTip(3, item.toolTip(2))
            items.append(item)
        self.list.addTopLevelItems(items)
        self.list.resizeColumnToContents(2)
        room = self.list.viewport().width()
        if room > 200:
            self.list.header().resizeSection(2, min(self.list.header().sectionSize(2) + 12, int(room * 0.55)))
        self.stack.setCurrentWidget(self.list)

    def findings(self) -> list[CellFinding]:
        return list(self._findings)

    def item_of(self, number: int) -> Optional[QTreeWidgetItem]:
        """The list item of the ``number``-th finding (from 0)."""
        return self.list.topLevelItem(number)

    def activate(self, number: int) -> bool:
        """As a double-click on the ``number``-th finding (from 0)."""
        item = self.item_of(number)
        if item is None:
            return False
        self._activate(item)
        return True

    def _activate(self, item: QTreeWidgetItem) -> None:
        finding: Optional[CellFinding] = item.data(0, FindingRole)
        if finding is None or finding.clip_id is None:
            return
        start = finding.start_ms if self._on_clip else None
        self.findingActivated.emit(finding.clip_id, self._lang, finding.segment_id, start)

