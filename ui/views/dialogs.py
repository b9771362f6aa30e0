"""Small dialogs: a new subject, a new shoot, a new project."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

UTC_OFFSETS = ("+08:00", "+00:00", "+01:00", "+02:00", "+03:00", "+05:30", "+07:00", "+09:00",
               "+10:00", "-03:00", "-05:00", "-08:00")


class _FormDialog(QDialog):
    """A form with OK/Cancel; OK is enabled only while the required field is filled."""

    def _finish(self, layout: QVBoxLayout, required: QLineEdit) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        required.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))


def _text(edit: QLineEdit) -> Optional[str]:
    return edit.text().strip() or None


class SubjectDialog(_FormDialog):
    """A new subject: a person or a family, with names in 汉字 and pinyin and sensitivity flags."""

    def __init__(self, parent: Optional[QWidget] = None, selected_clips: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Subject"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("subjectName")
        self.name.setPlaceholderText(self.tr("e.g. Liu Jingjun"))
        self.name_zh = QLineEdit()
        self.name_zh.setObjectName("subjectNameZh")
        self.name_zh.setPlaceholderText(self.tr("e.g. 刘静军"))
        self.pinyin = QLineEdit()
        self.pinyin.setPlaceholderText(self.tr("e.g. liu jingjun"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Chinese name:"), self.name_zh)
        form.addRow(self.tr("&Pinyin:"), self.pinyin)
        flags_box = QWidget()
        grid = QGridLayout(flags_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.flags: dict[str, QCheckBox] = {}
        for i, (flag, label, tip) in enumerate((
            ("minor", self.tr("Minor"), self.tr("A child: extra care with consent and faces")),
            ("no-face", self.tr("Do not show face"), self.tr("The face must not be recognisable on screen")),
            ("no-name", self.tr("Do not show name"), self.tr("The real name must not appear on screen")),
            ("consent-pending", self.tr("Consent pending"), self.tr("The signed release is not in yet")),
            ("pseudonym", self.tr("Pseudonym"), self.tr("The name in the film is not the real one")),
        )):
            box = QCheckBox(label)
            box.setToolTip(tip)
            self.flags[flag] = box
            grid.addWidget(box, i // 2, i % 2)
        form.addRow(self.tr("Care:"), flags_box)
        form.addRow(self.tr("N&otes:"), self.notes)
        layout.addLayout(form)
        self.assign = QCheckBox(self.tr("Add to the {count} selected clips").format(count=selected_clips)
                                if selected_clips != 1 else self.tr("Add to the selected clip"))
        self.assign.setChecked(selected_clips > 0)
        self.assign.setVisible(selected_clips > 0)
        layout.addWidget(self.assign)
        self._finish(layout, self.name)
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(),
            "name_zh": _text(self.name_zh),
            "pinyin": _text(self.pinyin),
            "flags": [flag for flag, box in self.flags.items() if box.isChecked()],
            "notes": self.notes.toPlainText().strip() or None,
        }


class ShootDialog(_FormDialog):
    """A new shoot: a day of filming with its place, crew and time zone."""

    def __init__(self, parent: Optional[QWidget] = None, selected_clips: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Shoot"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("shootName")
        self.name.setPlaceholderText(self.tr("e.g. Taiyuan – Liu family home"))
        date_row = QHBoxLayout()
        self.has_date = QCheckBox()
        self.has_date.setChecked(True)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.has_date.toggled.connect(self.date.setEnabled)
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date, 1)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("e.g. Taiyuan, Shanxi 山西太原"))
        self.crew = QLineEdit()
        self.offset = QComboBox()
        self.offset.setEditable(True)
        self.offset.addItem("")
        self.offset.addItems(UTC_OFFSETS)
        self.offset.setCurrentText("+08:00")
        self.offset.setToolTip(self.tr("The local time zone of the shoot, as an offset from UTC (China: +08:00)"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        form.addRow(self.tr("&Name:"), self.name)
        date_label = QLabel(self.tr("&Date:"))
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_row)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.tr("&Crew:"), self.crew)
        form.addRow(self.tr("&Time zone (UTC offset):"), self.offset)
        form.addRow(self.tr("N&otes:"), self.notes)
        layout.addLayout(form)
        self.assign = QCheckBox(self.tr("Set as the shoot of the {count} selected clips").format(count=selected_clips)
                                if selected_clips != 1 else self.tr("Set as the shoot of the selected clip"))
        self.assign.setChecked(selected_clips > 0)
        self.assign.setVisible(selected_clips > 0)
        layout.addWidget(self.assign)
        self._finish(layout, self.name)
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(),
            "date": self.date.date().toString("yyyy-MM-dd") if self.has_date.isChecked() else None,
            "place": _text(self.place),
            "crew": _text(self.crew),
            "utc_offset": self.offset.currentText().strip() or None,
            "notes": self.notes.toPlainText().strip() or None,
        }


class NewProjectDialog(_FormDialog):
    """A project's name and the folder it goes in (the project is a new folder inside it)."""

    def __init__(self, parent: Optional[QWidget] = None, location: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Project"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("projectName")
        self.name.setPlaceholderText(self.tr("e.g. Looking for the lost children"))
        self.location = QLineEdit(location or os.path.expanduser("~"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(browse)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Location:"), row)
        layout.addLayout(form)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setEnabled(False)
        layout.addWidget(self.preview)
        self.name.textChanged.connect(self._update_preview)
        self.location.textChanged.connect(self._update_preview)
        self._finish(layout, self.name)
        self._update_preview()
        self.resize(520, self.sizeHint().height())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose where the project folder goes"),
                                                  self.location.text())
        if folder:
            self.location.setText(folder)

    def _update_preview(self) -> None:
        self.preview.setText(self.tr("The project will be the folder {path}").format(path=os.fspath(self.folder())))

    def folder(self) -> Path:
        name = self.name.text().strip().replace("/", "-").replace("\\", "-") or self.tr("New project")
        return Path(self.location.text().strip() or os.path.expanduser("~")) / name

    def project_name(self) -> str:
        return self.name.text().strip()
