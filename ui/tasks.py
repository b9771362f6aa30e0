"""Long work off the UI thread: core jobs on a thread pool, with progress and Cancel.

A core job is ``fn(*args, progress=, cancel=, **kwargs) -> Report``.
``TaskRunner.start`` runs it on a ``QThreadPool`` and hands back a ``Task``
whose signals arrive on the UI thread:

* ``progress(done, total, message)`` while it works (``total`` 0: unknown),
* ``finished(Report)`` when it returns (also when it stopped on Cancel,
  with ``report.cancelled`` set),
* ``failed(str)`` when it raised; the text names the file concerned,
* ``ended()`` after either, for clean-up.

The worker thread only calls the job and emits signals of a relay object; it
never touches a widget.  ``TaskProgressWidget`` (for the status bar) and
``ProgressDialog`` (modal) show a task with a Cancel button.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from docmanager.errors import DocManagerError
from docmanager.jobs import CancelToken, Cancelled, Progress, Report
from ui.errors import error_text

log = logging.getLogger(__name__)

JobFn = Callable[..., Report]
PROGRESS_RATE = 20.0  # signals per second at most


class _Relay(QObject):
    """Lives on the UI thread; the worker emits through it (queued connections)."""

    progress = Signal(float, float, str)
    returned = Signal(object)
    raised = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: JobFn, args: tuple, kwargs: dict, relay: _Relay, token: CancelToken) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Task keeps it until the end
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._relay = relay
        self._token = token

    def run(self) -> None:  # worker thread
        progress = Progress(self._relay.progress.emit, rate=PROGRESS_RATE)
        try:
            result = self._fn(*self._args, progress=progress, cancel=self._token, **self._kwargs)
        except BaseException as exc:  # noqa: BLE001 - everything is reported to the UI thread
            self._relay.raised.emit(exc)
        else:
            self._relay.returned.emit(result)


class Task(QObject):
    """One run of a job. Signals are delivered on the UI thread."""

    progress = Signal(float, float, str)
    finished = Signal(object)
    failed = Signal(str)
    ended = Signal()

    def __init__(self, title: str, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.title = title
        self.token = CancelToken()
        self.report: Optional[Report] = None
        self.error: Optional[BaseException] = None
        self.done = 0.0
        self.total = 0.0
        self.message = ""
        self._running = True
        self._relay = _Relay()
        self._relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.returned.connect(self._on_returned, Qt.ConnectionType.QueuedConnection)
        self._relay.raised.connect(self._on_raised, Qt.ConnectionType.QueuedConnection)
        self._runnable: Optional[_Runnable] = None

    # ------------------------------------------------------------------ state
    @property
    def is_running(self) -> bool:
        return self._running

    @property
    def is_cancelling(self) -> bool:
        return self._running and self.token.is_set()

    def cancel(self) -> None:
        """Ask the job to stop; it does so at its next check, then ``finished`` says cancelled."""
        self.token.cancel()

    # --------------------------------------------------------------- plumbing
    def _start(self, pool: QThreadPool, fn: JobFn, args: tuple, kwargs: dict) -> None:
        self._runnable = _Runnable(fn, args, kwargs, self._relay, self.token)
        pool.start(self._runnable)

    @Slot(float, float, str)
    def _on_progress(self, done: float, total: float, message: str) -> None:
        if not self._running:
            return
        self.done, self.total, self.message = done, total, message
        self.progress.emit(done, total, message)

    @Slot(object)
    def _on_returned(self, result: Any) -> None:
        report = result if isinstance(result, Report) else Report(self.title, data={"result": result})
        self._end(report=report)

    @Slot(object)
    def _on_raised(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._end(report=Report(self.title, cancelled=True))
            return
        if not isinstance(exc, DocManagerError):
            log.error("task %r failed", self.title, exc_info=exc)
        self._end(error=exc)

    def _end(self, report: Optional[Report] = None, error: Optional[BaseException] = None) -> None:
        self._running = False
        self._runnable = None
        self.report = report
        self.error = error
        if report is not None:
            self.finished.emit(report)
        else:
            assert error is not None
            self.failed.emit(error_text(error))
        self.ended.emit()


class TaskRunner(QObject):
    """Starts core jobs on its own thread pool and keeps track of the running ones."""

    taskStarted = Signal(object)

    def __init__(self, max_threads: int = 2, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: list[Task] = []

    def start(self, title: str, fn: JobFn, *args: Any, **kwargs: Any) -> Task:
        """Run ``fn(*args, progress=..., cancel=..., **kwargs)`` in the background."""
        task = Task(title, self)
        self._tasks.append(task)
        task.ended.connect(lambda: self._forget(task))
        self.taskStarted.emit(task)
        task._start(self._pool, fn, args, kwargs)
        return task

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        task.deleteLater()

    def tasks(self) -> list[Task]:
        """The tasks still running."""
        return list(self._tasks)

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for shutdown); True when it is."""
        return self._pool.waitForDone(msecs)


# ----------------------------------------------------------------- widgets
def _apply_progress(bar: QProgressBar, done: float, total: float) -> None:
    if total and total > 0:
        bar.setRange(0, 1000)
        bar.setValue(int(1000 * min(max(done / total, 0.0), 1.0)))
    else:
        bar.setRange(0, 0)  # busy indicator


class TaskProgressWidget(QWidget):
    """A compact line for the status bar: title or message, a bar and a Cancel button."""

    def __init__(self, task: Task, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.task = task
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        self.label = QLabel(task.title)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(140)
        self.bar.setMaximumHeight(16)
        self.bar.setTextVisible(False)
        _apply_progress(self.bar, 0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setFlat(True)
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        task.progress.connect(self._on_progress)
        task.ended.connect(self.deleteLater)

    def _on_progress(self, done: float, total: float, message: str) -> None:
        _apply_progress(self.bar, done, total)
        text = f"{self.task.title}: {message}" if message else self.task.title
        self.label.setText(text)
        self.label.setToolTip(text)

    def _cancel(self) -> None:
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))


class TaskStatusArea(QWidget):
    """Holds one ``TaskProgressWidget`` per running task; empty (and small) when idle."""

    def __init__(self, runner: TaskRunner, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        runner.taskStarted.connect(self.add_task)
        for task in runner.tasks():
            self.add_task(task)

    def add_task(self, task: Task) -> None:
        self._layout.addWidget(TaskProgressWidget(task, self))

    def widgets(self) -> list[TaskProgressWidget]:
        return self.findChildren(TaskProgressWidget)


class ProgressDialog(QDialog):
    """A modal window for a task the user waits for (creating the demo, a big import)."""

    def __init__(self, task: Task, parent: Optional[QWidget] = None, text: str = "") -> None:
        super().__init__(parent)
        self.task = task
        self.setWindowTitle(task.title)
        self.setModal(True)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.label = QLabel(text or task.title)
        self.label.setWordWrap(True)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.bar = QProgressBar()
        _apply_progress(self.bar, 0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)
        task.progress.connect(self._on_progress)
        task.ended.connect(self._on_ended)
        if not task.is_running:
            self._on_ended()

    def _on_progress(self, done: float, total: float, message: str) -> None:
        _apply_progress(self.bar, done, total)
        self.detail.setText(message)

    def _cancel(self) -> None:
        self.task.cancel()
        button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        button.setEnabled(False)
        self.detail.setText(self.tr("Cancelling…"))

    def reject(self) -> None:  # Esc and the window's close button cancel, then wait for the end
        if self.task.is_running:
            self._cancel()
        else:
            super().reject()

    def _on_ended(self) -> None:
        if self.task.report is not None and not self.task.report.cancelled:
            self.accept()
        else:
            super().reject()

    def run(self) -> Optional[Report]:
        """Show modally until the task ends; its Report, or None when it failed."""
        if self.task.is_running:
            self.exec()
        return self.task.report
