"""Shared pieces of the reliability suite: real processes, real files, summaries in the report.

Every case runs DocManager as its own process (``python main.py ...`` or a small
driver script that imports ``docmanager``) on files generated in the test's
temporary folder.  Helpers here start and kill those processes, generate the
sample media once per session, and collect summaries that are printed at the
end of the pytest run (and written next to the test's files).

Each case also fills one row of the suite's table (the ``row`` fixture, named
by ``@pytest.mark.case``): inputs tried, crashes, hangs, rows lost and a note.
The counts are raised by the test as it goes, from the same numbers it asserts
on; the table, with a totals row, is printed last and written to
``reliability-table.txt`` in pytest's base temporary folder.

* crashes: a process that died with a traceback or by a signal it was not sent,
  or a DocManager call that raised something other than a ``DocManagerError``;
* hangs: a process or call that did not answer within its time limit;
* rows lost: committed changes (as the process reported them) that the
  catalogue no longer holds afterwards; "-" where the case commits nothing.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
PY = sys.executable
BIN = Path(PY).parent
PARTIAL_SUFFIX = ".docmanager-partial"

# Detailed summaries added by tests, printed in the terminal summary before the table.
SUMMARIES: list[str] = []
TRACEBACK = "Traceback (most recent call last)"


def pytest_configure(config):
    config.addinivalue_line("markers", "case(name, unit): the reliability case's row in the suite's table")


def pytest_terminal_summary(terminalreporter):
    if SUMMARIES:
        terminalreporter.section("reliability summaries")
        for text in SUMMARIES:
            terminalreporter.write_line(text)
    if ROWS:
        text = format_table(list(ROWS.values()))
        terminalreporter.section("reliability table")
        for line in text.splitlines():
            terminalreporter.write_line(line)
        if _BASETEMP:
            path = _BASETEMP[0] / "reliability-table.txt"
            with contextlib.suppress(OSError):
                path.write_text(text + "\n", encoding="utf-8")
                terminalreporter.write_line(f"(written to {path})")


def add_summary(text: str, path: Optional[Path] = None) -> None:
    """Keep a summary for the end of the run, print it (seen with -s) and write it to ``path``."""
    SUMMARIES.append(text)
    print("\n" + text)
    if path is not None:
        path.write_text(text + "\n", encoding="utf-8")


# ------------------------------------------------------------------ the suite's table
@dataclass
class Row:
    """One case's line in the suite's table; the test raises the counts as it counts them."""

    case: str
    unit: str = "inputs"
    inputs: int = 0
    crashes: int = 0
    hangs: int = 0
    lost: Optional[int] = 0  # None when the case commits nothing that could be lost
    note: str = ""
    result: str = "not run"

    # -- counting crashes and hangs of the processes and calls the case makes
    def ended(self, status, err: str = "", sent: Iterable[int] = ()) -> bool:
        """Count a crash when a process or call ended with a traceback or by a signal it was not sent."""
        crashed = (isinstance(status, int) and status < 0 and -status not in set(sent)) or TRACEBACK in (err or "")
        self.crashes += crashed
        return crashed

    def checked(self, result: "Result") -> "Result":
        """A CLI result (``run_cli`` or ``cli_inproc``), its crash counted."""
        self.ended(result.status, result.err)
        return result

    def cli(self, *args, timeout: float = 180, **kwargs) -> "Result":
        """``run_cli`` with its hang (time limit passed) or crash counted."""
        try:
            return self.checked(run_cli(*args, timeout=timeout, **kwargs))
        except subprocess.TimeoutExpired:
            self.hangs += 1
            raise

    def finish(self, child: "Child", timeout: float = 300, sent: Iterable[int] = ()) -> int:
        """Wait for a child to end; a hang when it overruns (it is then killed), a crash as in ``ended``."""
        try:
            status = child.finish(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.hangs += 1
            child.kill9()
            raise
        self.ended(status, child.stderr, sent)
        return status

    def wait_lines(self, child: "Child", predicate, timeout: float) -> bool:
        try:
            return child.wait_lines(predicate, timeout)
        except TimeoutError:
            self.hangs += 1
            child.kill9()
            raise

    def kill9(self, child: "Child") -> None:
        """SIGKILL the child (frozen first with SIGSTOP or not); a crash if it died of anything else."""
        child.kill9()
        self.ended(child.proc.returncode, child.stderr, sent=(signal.SIGKILL, signal.SIGSTOP))

    def call(self, fn, *args, **kwargs):
        """A DocManager call in this process: anything it raises other than a DocManagerError is a crash."""
        from docmanager.errors import DocManagerError

        try:
            return fn(*args, **kwargs)
        except DocManagerError:
            raise
        except Exception:
            self.crashes += 1
            raise


# Rows by test id, in the order the cases ran.
ROWS: dict[str, Row] = {}
_BASETEMP: list[Path] = []


def _row_for(item) -> Row:
    row = ROWS.get(item.nodeid)
    if row is None:
        mark = item.get_closest_marker("case")
        name = mark.args[0] if mark and mark.args else item.originalname.removeprefix("test_").replace("_", " ")
        unit = (mark.kwargs.get("unit") or (mark.args[1] if len(mark.args) > 1 else None)) if mark else None
        callspec = getattr(item, "callspec", None)
        if callspec is not None:
            name += f" [{callspec.id}]"
        row = ROWS[item.nodeid] = Row(case=name, unit=unit or "inputs")
    return row


@pytest.fixture
def row(request, tmp_path_factory) -> Row:
    """This case's row in the suite's table."""
    if not _BASETEMP:
        _BASETEMP.append(tmp_path_factory.getbasetemp())
    return _row_for(request.node)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    row = _row_for(item)
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        row.result = "skipped"
        row.note = reason.removeprefix("Skipped: ")
    elif report.failed:
        row.result = "FAILED" if report.when == "call" else f"ERROR ({report.when})"
    elif report.when == "call" and row.result == "not run":
        row.result = "passed"


def _count(value: Optional[int], ran: bool) -> str:
    return "-" if value is None or not ran else f"{value:,}"


def _inputs(row: Row) -> str:
    unit = row.unit
    if row.inputs == 1:  # "1 kill", "1 byte flipped"
        first, _, rest = unit.partition(" ")
        unit = " ".join(filter(None, [first.removesuffix("s"), rest]))
    return f"{row.inputs:,} {unit}"


def format_table(rows: list[Row], note_width: int = 100) -> str:
    """The suite's table: one line per case, aligned, and a totals line."""
    header = ("case", "inputs tried", "crashes", "hangs", "rows lost", "result", "note")
    body = []
    for r in rows:
        ran = r.result not in ("skipped", "not run")
        inputs = _inputs(r) if ran else "-"
        note = r.note if len(r.note) <= note_width else r.note[:note_width - 1] + "…"
        body.append((r.case, inputs, _count(r.crashes, ran), _count(r.hangs, ran), _count(r.lost, ran),
                     r.result, note))
    ran = [r for r in rows if r.result not in ("skipped", "not run")]
    results: dict[str, int] = {}
    for r in rows:
        results[r.result] = results.get(r.result, 0) + 1
    total = (f"total: {len(rows)} cases", f"{sum(r.inputs for r in ran):,} inputs",
             f"{sum(r.crashes for r in ran):,}", f"{sum(r.hangs for r in ran):,}",
             f"{sum(r.lost or 0 for r in ran):,}", ", ".join(f"{n} {k}" for k, n in results.items()), "")
    widths = [max(len(line[i]) for line in [header, *body, total]) for i in range(len(header))]
    right = {1, 2, 3, 4}

    def fmt(line) -> str:
        cells = [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths))]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths[:-1]) + "  " + "-" * min(widths[-1], note_width)
    return "\n".join([fmt(header), rule, *map(fmt, body), rule, fmt(total)])


# ------------------------------------------------------------------ processes
@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


def arg(value) -> str:
    """A command-line argument: paths (bytes too, as surrogate-escaped text), numbers, text."""
    return os.fsdecode(value) if isinstance(value, (bytes, os.PathLike)) else str(value)


def child_env(extra: Optional[dict] = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1",
               DOCMANAGER_USER="tester")
    env.pop("DOCMANAGER_PROJECT", None)
    env.update(extra or {})
    return env


def run_cli(*args, timeout: float = 180, user: Optional[str] = None, env: Optional[dict] = None) -> Result:
    """``python main.py ARGS`` as its own process."""
    proc = subprocess.run([PY, str(MAIN), *map(arg, args)], capture_output=True, text=True,
                          errors="surrogateescape", timeout=timeout, env=child_env(env), cwd=ROOT, user=user)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def cli_inproc(*args) -> Result:
    """The CLI in this process (for set-up steps only: fast, same code)."""
    from docmanager.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([arg(a) for a in args])
    return Result(status, out.getvalue(), err.getvalue())


class Child:
    """A process whose stdout lines are collected by a thread, so the test can wait for them."""

    def __init__(self, argv: list, *, env: Optional[dict] = None, user: Optional[str] = None, preexec_fn=None,
                 stdin: bool = False):
        self.proc = subprocess.Popen([arg(a) for a in argv], stdout=subprocess.PIPE,
                                     stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, errors="surrogateescape",
                                     env=child_env(env), cwd=ROOT, user=user, start_new_session=True,
                                     preexec_fn=preexec_fn)
        self.lines: "queue.Queue[Optional[str]]" = queue.Queue()
        self.seen: list[str] = []
        self.err_lines: list[str] = []
        self._t = threading.Thread(target=self._pump, daemon=True)
        self._t.start()
        self._e = threading.Thread(target=self._pump_err, daemon=True)
        self._e.start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def _pump_err(self) -> None:
        for line in self.proc.stderr:
            self.err_lines.append(line)

    def send(self, line: str) -> None:
        """Write one line to the child's standard input (started with ``stdin=True``)."""
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def next_line(self, timeout: float) -> Optional[str]:
        """The next stdout line, or None at the end of the output (raises queue.Empty on timeout)."""
        line = self.lines.get(timeout=timeout)
        if line is not None:
            self.seen.append(line)
        return line

    def wait_lines(self, predicate, timeout: float) -> bool:
        """Read lines until ``predicate(seen)`` holds; False when the output ended first."""
        deadline = time.monotonic() + timeout
        while not predicate(self.seen):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"waited {timeout} s; stderr: {''.join(self.err_lines)[-2000:]}")
            if self.next_line(left) is None:
                return predicate(self.seen)
        return True

    def kill9(self) -> None:
        """SIGKILL the process (and anything it started), then collect what it printed before dying."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.finish()

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGSTOP)

    def finish(self, timeout: float = 300) -> int:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        self.proc.wait(timeout=timeout)
        self._t.join(timeout=30)
        self._e.join(timeout=30)
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.seen.append(line)
        return self.proc.returncode

    @property
    def stderr(self) -> str:
        return "".join(self.err_lines)


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
PR_CAPBSET_DROP = 24


def drop_file_override() -> None:
    """In a child about to exec: drop root's power to read and write any file whatever its mode.

    Root keeps its uid (the interpreter may live in a folder only root may enter) but
    loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so ``chmod 000`` applies to it.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def can_drop_file_override() -> Optional[str]:
    """None when a child can be run without the file-override capabilities, else why not."""
    probe = subprocess.run(["/bin/sh", "-c", "exit 0"], preexec_fn=drop_file_override, capture_output=True)
    return None if probe.returncode == 0 else "prctl(PR_CAPBSET_DROP) is not allowed here"


def wait_for(predicate, timeout: float, interval: float = 0.002):
    """Poll ``predicate()`` until it returns something true; that value, or None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


# ------------------------------------------------------------------ checks
def integrity_ok(db: Path) -> list:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()


def files_under(root: Path, skip_dirs: Iterable[str] = ("ascmhl",)) -> dict[str, Path]:
    """Every regular file under root by relative path (skipped folders left out)."""
    out = {}
    skip = set(skip_dirs)
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for n in names:
            p = Path(folder, n)
            if p.is_file() and not p.is_symlink():
                out[os.path.relpath(p, root)] = p
    return out


def partials_under(root: Path) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.name.endswith((PARTIAL_SUFFIX, ".partial"))]


def ascmhl_verify(copy_root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "ascmhl-debug"), "verify", str(copy_root)], capture_output=True, text=True,
                          timeout=120)


def mhl_listed(copy_root: Path) -> set[str]:
    """Relative paths of the files every generation of the copy's ASC MHL history lists."""
    from docmanager.ingest import mhl as mhl_mod

    history = mhl_mod.MHLHistory.load_from_path(str(copy_root))
    listed = set()
    for hash_list in history.hash_lists:
        for media in hash_list.media_hashes:
            if not media.is_directory:
                listed.add(media.path)
    return listed


# ------------------------------------------------------------------ projects and media
def init_project(path: Path, db: Optional[str] = None) -> Path:
    args = ["init", path, "--json"] + (["--db", db] if db else [])
    r = cli_inproc(*args)
    assert r.status == 0, r.out + r.err
    return path


SAMPLE_SUFFIXES = ("mp4", "mov", "mts", "m2ts", "mxf")


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> dict[str, Path]:
    """One small real clip per container (320x180, 1 s, with sound), made once per run."""
    from docmanager.media.generate import make_clip

    folder = tmp_path_factory.mktemp("samples")
    out = {}
    for i, suffix in enumerate(SAMPLE_SUFFIXES):
        out[suffix] = make_clip(folder / f"sample{i}.{suffix}", seconds=1, size=(320, 180), pattern="gradients",
                                label=f"sample {suffix}")
    return out


@pytest.fixture(scope="session")
def avchd_master(tmp_path_factory) -> Path:
    """A generated AVCHD card (576i, a one-file take and a take spanned over two files), made once."""
    from docmanager.media.avchd_card import TakeSpec, write_card

    root = tmp_path_factory.mktemp("avchd") / "CARD"
    write_card(root, [TakeSpec(seconds=1, size=(720, 576)), TakeSpec(seconds=2, files=2, size=(720, 576))])
    return root


def random_file(path: Path, size: int, seed: int) -> Path:
    import random

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


MIB = 1024 * 1024


def padded_mts(sample: Path, path: Path, size: int) -> Path:
    """A real .MTS clip padded with null packets to ``size`` bytes (several copy chunks long)."""
    data = sample.read_bytes()
    null = b"\0\0\0\0" + b"\x47\x1f\xff\x10" + b"\xff" * 184
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data + null * ((size - len(data)) // 192))
    return path



