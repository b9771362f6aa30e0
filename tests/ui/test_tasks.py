"""TaskRunner: core jobs on a thread pool, progress as signals, Cancel, errors naming the path."""
from __future__ import annotations

import threading

import pytest

from docmanager.errors import MediaReadError
from docmanager.jobs import Cancelled, Report


def counting_job(total: int, started: threading.Event, *, progress, cancel) -> Report:
    """Reports progress item by item; waits for Cancel after the first item (no sleeps, no timing)."""
    report = Report("Counting")
    for i in range(total):
        progress(i + 1, total, f"item {i + 1}")
        report.done.append(i)
        started.set()
        if i == 0:
            while not cancel():
                threading.Event().wait(0.005)
        if cancel():
            report.cancelled = True
            return report
    return report


def raising_job(*, progress, cancel) -> Report:
    raise MediaReadError("/cards/A001/00012.MTS", "the file ends in the middle of a frame")


def cancelled_job(*, progress, cancel) -> Report:
    raise Cancelled()


def quick_job(n: int, *, progress, cancel) -> Report:
    for i in range(n):
        progress(i + 1, n, "")
    report = Report("Quick", done=list(range(n)))
    return report


def test_progress_and_cancel(qtbot, runner):
    started = threading.Event()
    seen = []
    task = runner.start("Counting", counting_job, 10, started)
    task.progress.connect(lambda done, total, message: seen.append((done, total, message)))
    qtbot.waitUntil(lambda: seen != [])
    assert seen[0] == (1, 10, "item 1")
    assert task.is_running and runner.tasks() == [task]
    with qtbot.waitSignal(task.finished) as blocker:
        task.cancel()
    report = blocker.args[0]
    assert report.cancelled and report.done == [0]
    assert not task.is_running
    qtbot.waitUntil(lambda: runner.tasks() == [])


def test_a_job_runs_to_the_end(qtbot, runner):
    task = runner.start("Quick", quick_job, 50)
    with qtbot.waitSignal(task.finished) as blocker:
        pass
    assert blocker.args[0].done == list(range(50))
    assert task.progress is not None


def test_a_failing_job_reports_the_path(qtbot, runner):
    task = runner.start("Import", raising_job)
    with qtbot.waitSignal(task.failed) as blocker:
        pass
    text = blocker.args[0]
    assert "the file ends in the middle of a frame" in text
    assert "/cards/A001/00012.MTS" in text
    assert isinstance(task.error, MediaReadError) and task.report is None


def test_cancelled_raised_by_a_job_is_a_cancelled_report(qtbot, runner):
    task = runner.start("Stops", cancelled_job)
    with qtbot.waitSignal(task.finished) as blocker:
        pass
    assert blocker.args[0].cancelled


def test_status_bar_widget_shows_progress_and_cancels(qtbot, runner):
    from ui.tasks import TaskStatusArea

    area = TaskStatusArea(runner)
    qtbot.addWidget(area)
    started = threading.Event()
    task = runner.start("Counting", counting_job, 5, started)
    widgets = area.widgets()
    assert len(widgets) == 1
    widget = widgets[0]
    qtbot.waitUntil(lambda: "item 1" in widget.label.text())
    assert widget.bar.maximum() == 1000 and widget.bar.value() == 200
    with qtbot.waitSignal(task.finished) as blocker:
        widget.cancel_button.click()
    assert blocker.args[0].cancelled
    qtbot.waitUntil(lambda: area.widgets() == [])


def test_progress_dialog_closes_when_the_task_ends(qtbot, runner):
    from ui.tasks import ProgressDialog

    started = threading.Event()
    task = runner.start("Counting", counting_job, 3, started)
    dialog = ProgressDialog(task)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.detail.text() == "item 1")
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()  # Esc / Cancel: asks the job to stop, closes when it has
    assert task.report is not None and task.report.cancelled


@pytest.mark.parametrize("total", [0])
def test_unknown_total_shows_a_busy_bar(qtbot, total):
    from PySide6.QtWidgets import QProgressBar

    from ui.tasks import _apply_progress

    bar = QProgressBar()
    qtbot.addWidget(bar)
    _apply_progress(bar, 3, total)
    assert (bar.minimum(), bar.maximum()) == (0, 0)
