"""Running the bundled ffmpeg with progress, cancel and readable errors.

DocManager uses the ffmpeg binary shipped with ``imageio-ffmpeg`` so every
installation has the same, known build.  :func:`run_ffmpeg` is the one place
that starts it:

* it always adds ``-nostdin -hide_banner -y`` (never waits on a terminal,
  overwrites outputs it was told to write);
* it reads ``-progress pipe:1`` and calls ``progress(done, total, message)``
  at most ten times a second, from the calling thread;
* it polls ``cancel`` and kills ffmpeg when it is set, raising
  :class:`Cancelled`;
* stdout and stderr are drained on threads, so a chatty ffmpeg can never
  block on a full pipe, and the last lines of stderr go into
  :class:`FFmpegError` when ffmpeg fails.
"""
from __future__ import annotations

import collections
import functools
import os
import subprocess
import sys
import threading
import time
from typing import IO, Callable, Deque, Iterable, List, Optional, Protocol, Sequence, Union

from docmanager.errors import DocManagerError

try:  # the jobs seam owns the project-wide "user pressed Cancel" exception
    from docmanager.jobs import Cancelled
except ImportError:  # pragma: no cover - depends on the rest of the tree

    class Cancelled(Exception):  # type: ignore[no-redef]
        """The user asked to stop; the work was abandoned part way."""


__all__ = [
    "Cancelled",
    "CancelLike",
    "FFmpegError",
    "ProgressCallback",
    "ffmpeg_exe",
    "ffmpeg_filters",
    "is_cancelled",
    "run_ffmpeg",
]

#: A file name as the standard library accepts it.
PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

#: ``progress(done_seconds, total_seconds, message)``; ``total`` is 0.0 when unknown.
ProgressCallback = Callable[[float, float, str], None]


class _HasIsSet(Protocol):
    def is_set(self) -> bool: ...


#: Either a callable returning True once the user cancelled, or an object with
#: ``is_set()`` such as :class:`threading.Event`.
CancelLike = Union[Callable[[], bool], _HasIsSet]

#: Minimum time between two progress callbacks (at most ten a second).
PROGRESS_INTERVAL_S = 0.1
#: How many stderr lines are kept for error messages.
STDERR_TAIL_LINES = 40
#: How many of them are quoted in an :class:`FFmpegError` message.
ERROR_QUOTE_LINES = 8


class FFmpegError(DocManagerError):
    """ffmpeg could not be started or exited with an error.

    ``message`` quotes the last lines ffmpeg wrote to stderr; ``stderr_tail``
    keeps them as a list for callers that want to show more.
    """

    def __init__(self, message: str, path: Optional[PathLike] = None,
                 stderr_tail: Sequence[str] = ()):
        self.stderr_tail = list(stderr_tail)
        super().__init__(message, path)


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary bundled with imageio-ffmpeg (looked up once)."""
    try:
        import imageio_ffmpeg
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise FFmpegError(f"imageio-ffmpeg is not installed ({exc}); reinstall DocManager") from exc
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as exc:  # no binary for this platform and none on PATH
        raise FFmpegError(f"no ffmpeg binary found: {exc}") from exc


@functools.lru_cache(maxsize=1)
def ffmpeg_filters() -> frozenset[str]:
    """Names of the filters compiled into :func:`ffmpeg_exe` (looked up once)."""
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-filters"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        creationflags=_creationflags(), check=False,
    )
    names = set()
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split()
        # " TS bwdif  V->V  Deinterlace ..." : flags, name, pads, description
        if len(parts) >= 3 and "->" in parts[2]:
            names.add(parts[1])
    return frozenset(names)


def is_cancelled(cancel: Optional[CancelLike]) -> bool:
    """True when ``cancel`` says stop.

    Accepts ``None``, an object with ``is_set()`` (``threading.Event``, a jobs
    ``Cancel`` token) or a plain callable returning a bool.
    """
    if cancel is None:
        return False
    is_set = getattr(cancel, "is_set", None)
    if callable(is_set):
        return bool(is_set())
    if callable(cancel):
        return bool(cancel())
    raise TypeError(f"cancel must be callable or have is_set(), not {type(cancel).__name__}")


def _cancelled_error(message: str) -> BaseException:
    try:
        return Cancelled(message)
    except TypeError:  # pragma: no cover - a Cancelled that takes no arguments
        return Cancelled()


def _creationflags() -> int:
    """Keep Windows from flashing a console window for each ffmpeg run."""
    if sys.platform == "win32":  # pragma: no cover - platform specific
        return getattr(subprocess, "CREATE_NO_WINDOW", 0)
    return 0


def _guess_path(args: Sequence[str]) -> Optional[str]:
    """The file an error is most likely about: the first real input, else the output."""
    for flag, value in zip(args, args[1:]):
        if flag == "-i" and os.path.isfile(value):
            return value
    if args and not args[-1].startswith("-") and args[-1] not in ("-", "pipe:", "pipe:1"):
        return args[-1]
    return None


def _drain_lines(stream: IO[bytes], sink: Callable[[str], None]) -> None:
    """Read ``stream`` to its end, handing each decoded line to ``sink``."""
    try:
        for raw in iter(stream.readline, b""):
            sink(raw.decode("utf-8", "replace").rstrip("\r\n"))
    except (OSError, ValueError):  # pipe closed under us after a kill
        pass
    finally:
        try:
            stream.close()
        except OSError:  # pragma: no cover
            pass


class _ProgressState:
    """Latest values parsed from ``-progress`` output (written by a reader thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.out_time_s: float = 0.0
        self.updated = False
        self.ended = False

    def feed(self, line: str) -> None:
        key, sep, value = line.partition("=")
        if not sep:
            return
        key = key.strip()
        value = value.strip()
        if key in ("out_time_us", "out_time_ms"):  # both are microseconds
            try:
                seconds = int(value) / 1_000_000
            except ValueError:  # "N/A" before the first frame
                return
            with self.lock:
                if seconds >= self.out_time_s:
                    self.out_time_s = seconds
                    self.updated = True
        elif key == "progress" and value == "end":
            with self.lock:
                self.ended = True


def run_ffmpeg(
    args: Iterable[PathLike],
    *,
    progress: Optional[ProgressCallback] = None,
    cancel: Optional[CancelLike] = None,
    duration: Optional[float] = None,
    path: Optional[PathLike] = None,
    message: str = "Running ffmpeg",
    cwd: Optional[PathLike] = None,
) -> None:
    """Run ffmpeg with ``args`` (everything after the program name) and wait.

    ``progress(done, total, message)`` gets seconds of output written and
    ``duration`` (``0.0`` when not given), at most every 0.1 s and once more
    at the end.  ``cancel`` is polled about twenty times a second; when it is
    set ffmpeg is killed and :class:`Cancelled` is raised (any partial output
    stays on disk for the caller to remove).  ``path`` names the file an error
    is about; by default the first input file, else the output.

    Raises :class:`FFmpegError` when ffmpeg cannot start or exits non-zero,
    with the last lines of its stderr in the message.
    """
    str_args: List[str] = [os.fsdecode(a) for a in args]
    error_path = path if path is not None else _guess_path(str_args)
    total = float(duration) if duration else 0.0
    command = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-y",
        "-loglevel", "error", "-nostats",
        "-progress", "pipe:1", "-stats_period", f"{PROGRESS_INTERVAL_S:g}",
        *str_args,
    ]
    if is_cancelled(cancel):
        raise _cancelled_error("cancelled before ffmpeg started")

    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=os.fsdecode(cwd) if cwd is not None else None,
            creationflags=_creationflags(),
        )
    except OSError as exc:
        raise FFmpegError(f"could not start ffmpeg ({command[0]}): {exc.strerror or exc}",
                          error_path) from exc

    stderr_tail: Deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)

    def keep_stderr(line: str) -> None:
        if line.strip():
            stderr_tail.append(line)

    state = _ProgressState()
    assert proc.stdout is not None and proc.stderr is not None
    readers = [
        threading.Thread(target=_drain_lines, args=(proc.stdout, state.feed),
                         name="ffmpeg-progress", daemon=True),
        threading.Thread(target=_drain_lines, args=(proc.stderr, keep_stderr),
                         name="ffmpeg-stderr", daemon=True),
    ]
    for reader in readers:
        reader.start()

    last_report = 0.0
    cancelled = False
    try:
        while True:
            try:
                proc.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            if is_cancelled(cancel):
                cancelled = True
                break
            if progress is not None:
                now = time.monotonic()
                if now - last_report >= PROGRESS_INTERVAL_S:
                    with state.lock:
                        updated, done = state.updated, state.out_time_s
                        state.updated = False
                    if updated:
                        last_report = now
                        progress(min(done, total) if total else done, total, message)
    finally:
        if proc.poll() is None:  # cancelled, or a progress callback raised
            proc.kill()
            proc.wait()
        for reader in readers:
            reader.join(timeout=5)

    if cancelled:
        raise _cancelled_error("cancelled while ffmpeg was running")
    if proc.returncode != 0:
        lines = list(stderr_tail)
        quoted = "\n".join(lines[-ERROR_QUOTE_LINES:]) or "(ffmpeg printed nothing)"
        raise FFmpegError(f"ffmpeg failed (exit status {proc.returncode}):\n{quoted}",
                          error_path, lines)
    if progress is not None:  # always one last call saying "finished"
        final = total or state.out_time_s
        progress(final, final, message)
