"""The activity log browser over a copy of the demo project, edited by two people through the core."""
from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from docmanager.access import add_user
from docmanager.catalogue.clips import set_clips
from docmanager.catalogue.people import add_subject
from docmanager.db.models import ActivityEntry, Clip, Subject
from docmanager.project import Project
from ui.models.activity_log import EntryRole, LogEntry
from ui.views.activity_log import ActivityLogDialog

TIMEOUT_MS = 30_000
KITCHEN = "Zhang Xiuying at the window"


@pytest.fixture
def crew(demo_project):
    """The demo, with Ann (admin) and Ben (editor): Ben rates a clip 2, then Ann adds a subject."""
    project = Project.open(demo_project, backup=False)
    project.user = "Ann"
    add_user(project, "Ben", "editor")
    with project.session() as s:
        clip = s.scalar(select(Clip.id).where(Clip.name == KITCHEN))
        before = s.get(Clip, clip).rating
    project.user = "Ben"
    set_clips(project, [clip], rating=2)
    project.user = "Ann"
    add_subject(project, "Chen Meilan", name_zh="陈美兰", pinyin="chen meilan")
    with project.session() as s:
        subject = s.scalar(select(Subject.id).where(Subject.name == "Chen Meilan"))
    yield {"project": project, "clip": clip, "before": before, "subject": subject}
    project.close()


def open_dialog(qtbot, project) -> ActivityLogDialog:
    dialog = ActivityLogDialog(project, None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        dialog.show()
    return dialog


def read_again(qtbot, dialog: ActivityLogDialog, action) -> None:
    """Do ``action`` (a filter, a refresh) and wait until its read of the log is shown."""
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        action()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=TIMEOUT_MS)


def rows(dialog: ActivityLogDialog) -> list[tuple[str, str, str, str]]:
    return [dialog.model.row_texts(r) for r in range(dialog.model.rowCount())]


def test_newest_first_in_words(qtbot, crew):
    dialog = open_dialog(qtbot, crew["project"])
    shown = rows(dialog)
    when, who, what, change = shown[0]
    assert (who, what) == ("Ann", f"subject {crew['subject']} “Chen Meilan”")
    assert change.startswith("added: ") and "陈美兰" in change
    when, who, what, change = shown[1]
    assert (who, what) == ("Ben", f"clip {crew['clip']} “{KITCHEN}”")
    assert change == f"rating: {crew['before']} → 2"
    # when: local time, to the second, of the moment the log wrote (UTC)
    entry: LogEntry = dialog.model.index(1, 0).data(EntryRole)
    moment = datetime.fromisoformat(entry.at).astimezone()
    assert when == moment.strftime("%Y-%m-%d %H:%M:%S")
    assert [e.at for e in dialog.model.entries()] == sorted((e.at for e in dialog.model.entries()), reverse=True)
    # the demo's own makers are there too, and the users added
    assert {"Ann", "Ben", "Sun Mei", "Wang Fang", "Zhao Lin"} <= {r[1] for r in shown}
    people = [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())]
    assert people[0] == "Everyone" and {"Ann", "Ben", "Sun Mei"} <= set(people)
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert {"clips", "cuts", "cut items", "subjects (people)", "users"} <= set(kinds)
    assert dialog.status.text() == f"All {len(shown)} changes."
    assert not dialog.more_button.isEnabled()


def test_long_values_are_cut_short_and_shown_whole(qtbot, crew):
    project = crew["project"]
    notes = "Her son went missing on the way to school. " * 8
    project.user = "Ben"
    set_clips(project, [crew["clip"]], notes=notes)
    dialog = open_dialog(qtbot, project)
    _when, who, _what, change = rows(dialog)[0]
    assert who == "Ben" and change.startswith("notes: ") and "…" in change and len(change) < 160
    tooltip = dialog.model.index(0, dialog.model.CHANGE).data(Qt.ItemDataRole.ToolTipRole)
    assert notes.strip() in tooltip
    dialog.table.selectRow(0)
    assert notes.strip() in dialog.detail.toPlainText()


def test_filters(qtbot, crew):
    dialog = open_dialog(qtbot, crew["project"])
    everything = dialog.model.rowCount()

    read_again(qtbot, dialog, lambda: dialog.set_filters(user="Ben"))
    shown = rows(dialog)
    assert shown and {r[1] for r in shown} == {"Ben"}
    assert any(r[2] == f"clip {crew['clip']} “{KITCHEN}”" for r in shown)

    read_again(qtbot, dialog, lambda: dialog.set_filters(user=None, table="subjects"))
    assert {e.table for e in dialog.model.entries()} == {"subjects"}
    assert rows(dialog)[0][2] == f"subject {crew['subject']} “Chen Meilan”"
    assert dialog.kind_combo.currentText() == "subjects (people)"

    read_again(qtbot, dialog, lambda: dialog.set_filters(table=None, since=date.today() + timedelta(days=2)))
    assert dialog.model.rowCount() == 0 and dialog.status.text() == "No changes match these filters."
    read_again(qtbot, dialog, lambda: dialog.set_filters(since=date.today() - timedelta(days=1)))
    assert dialog.model.rowCount() == everything

    dialog.set_filters(since=None, text="rating 2")  # words of the change, all of them
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=TIMEOUT_MS)
    shown = rows(dialog)
    assert shown and all("rating" in " ".join(r).lower() for r in shown)
    assert (shown[0][1], shown[0][2]) == ("Ben", f"clip {crew['clip']} “{KITCHEN}”")
    assert dialog.status.text() == f"{len(shown)} of all {everything} changes match the filter."
    dialog.text_filter.setText("陈美兰")  # Chinese in the values
    qtbot.waitUntil(lambda: dialog.model.text_filter() == "陈美兰", timeout=TIMEOUT_MS)
    assert [r[1] for r in rows(dialog)] == ["Ann"]
    dialog.text_filter.clear()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == everything, timeout=TIMEOUT_MS)


def test_refresh_picks_up_a_new_edit(qtbot, crew):
    project = crew["project"]
    dialog = open_dialog(qtbot, project)
    count = dialog.model.rowCount()
    project.user = "Ben"
    set_clips(project, [crew["clip"]], rating=5)
    read_again(qtbot, dialog, dialog.refresh)
    assert dialog.model.rowCount() == count + 1
    assert rows(dialog)[0][1:] == ("Ben", f"clip {crew['clip']} “{KITCHEN}”", "rating: 2 → 5")
    # the Refresh button does the same, and a hidden dialog reads when it is shown again
    dialog.hide()
    project.user = "Ann"
    set_clips(project, [crew["clip"]], rating=4)
    dialog.refresh()
    assert not dialog.is_loading()
    read_again(qtbot, dialog, dialog.show)
    assert rows(dialog)[0][1:] == ("Ann", f"clip {crew['clip']} “{KITCHEN}”", "rating: 5 → 4")
    read_again(qtbot, dialog, dialog.refresh_button.click)
    assert dialog.model.rowCount() == count + 2


def test_thousands_of_changes_are_read_a_page_at_a_time(qtbot, crew):
    project = crew["project"]
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    rows_ = [{"at": start + timedelta(seconds=i), "user": ("Ann", "Ben")[i % 2], "action": "update",
              "table_name": "clips", "row_id": crew["clip"], "old": {"rating": i % 5}, "new": {"rating": (i + 1) % 5}}
             for i in range(6000)]
    with project.engine.begin() as conn:
        conn.execute(ActivityEntry.__table__.insert(), rows_)
    started = time.monotonic()
    dialog = open_dialog(qtbot, project)
    first = dialog.model.rowCount()
    assert first == 500 and dialog.more_button.isEnabled()
    assert dialog.status.text() == "The newest 500 changes."
    top = rows(dialog)[:3]
    read_again(qtbot, dialog, dialog.more_button.click)
    assert dialog.model.rowCount() == 1000 and rows(dialog)[:3] == top
    read_again(qtbot, dialog, lambda: dialog.set_filters(user="Ben"))
    assert dialog.model.rowCount() == 500 and {r[1] for r in rows(dialog)} == {"Ben"}
    dialog.table.scrollToBottom()
    assert time.monotonic() - started < 20
    while dialog.more_button.isEnabled():
        read_again(qtbot, dialog, dialog.load_more)
    assert dialog.model.rowCount() == 3000 + 1  # Ben's 3000, and his rating of the kitchen window
    assert dialog.status.text() == "All 3001 changes."
