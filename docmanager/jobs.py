"""The one seam for long work: Progress, Cancel, Report.

A long action is a core function ``fn(project, ..., progress, cancel) -> Report``.
``progress(done, total, message)`` is throttled to about ten calls a second;
``cancel`` is checked between items; the Report lists what succeeded and, for
each failed item, the path and the reason.  The CLI prints the report;
``ui/tasks.py`` runs the same function on a thread pool.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from docmanager.errors import display_path

ProgressFn = Callable[[float, float, str], None]


class Cancelled(Exception):
    """Raised inside a job when the user asked it to stop."""


class CancelToken:
    """Set by whoever started the job; checked by the job between items."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    __call__ = is_set

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class Progress:
    """Wraps a callback and calls it at most ``rate`` times a second.

    The first call, the last (``done >= total``) and any call with a new
    message-free total always pass, so a bar never sticks short of the end.
    """

    def __init__(self, callback: Optional[ProgressFn] = None, rate: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._callback = callback
        self._interval = 1.0 / rate
        self._clock = clock
        self._last = -1e9
        self._lock = threading.Lock()

    def __call__(self, done: float, total: float, message: str = "") -> None:
        if self._callback is None:
            return
        now = self._clock()
        with self._lock:
            final = total and done >= total
            if not final and now - self._last < self._interval:
                return
            self._last = now
        self._callback(done, total, message)


def as_progress(progress: Optional[ProgressFn | Progress]) -> Progress:
    return progress if isinstance(progress, Progress) else Progress(progress)


def as_cancel(cancel: Optional[CancelToken | Callable[[], bool]]) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    return cancel


@dataclass
class Failure:
    path: Optional[str]
    reason: str

    def to_json(self) -> dict:
        out = {"path": display_path(self.path), "reason": self.reason}
        if isinstance(self.path, bytes):
            out["path_bytes_hex"] = self.path.hex()
        return out


@dataclass
class Report:
    """What a job did. ``data`` holds the job's own results (ids, counts ...)."""

    title: str
    done: list = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    cancelled: bool = False
    data: dict[str, Any] = field(default_factory=dict)

    def fail(self, path, reason: str) -> None:
        self.failed.append(Failure(path, reason))

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    @property
    def exit_status(self) -> int:
        """CLI exit status: 0 all done, 1 done but some items failed or cancelled."""
        return 0 if self.ok else 1

    def summary(self) -> str:
        parts = [f"{self.title}: {len(self.done)} done"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.cancelled:
            parts.append("cancelled")
        return ", ".join(parts)
