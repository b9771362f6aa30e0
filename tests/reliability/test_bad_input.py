"""A corpus of bad input fed to every reader: no crash, no hang, each file read or refused by name.

The corpus (``corpus.py``, generated in the test, nothing committed) holds
truncated and bit-flipped clips of every container, empty files and headers
that claim gigabytes, broken AVCHD cards, subtitles in every supported
encoding and in wrong ones, malformed SRT/VTT/ASS/TXT/DOCX, names that are
not UTF-8 or are very long, and XML bombs and external entities in DOCX
documents and in ASC MHL histories at the copy's destination.

Two worker processes run the CLI (``ingest``, ``ingest --copy-to``,
``transcript import``) over the files one at a time and print a line when
each starts and ends; the test gives every file PER_FILE_TIMEOUT seconds and
kills a worker that overruns (the file counts as hung, the worker starts again
after it).  A file counts as crashed when the command printed a traceback,
ended with an unexpected error, left with a status other than 0/1/2, or took
the worker down.  Otherwise it must be read (status 0 with clips or segments)
or refused with its path and a reason (status 1 with it under ``failed``, or
status 2 with ``{"error": {"message", "path"}}``).
"""
from __future__ import annotations

import json
import os
import queue
import textwrap
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.reliability import corpus
from tests.reliability.conftest import PY, Child, add_summary, init_project

pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")

PER_FILE_TIMEOUT = 30.0
WORKERS = 2

# Crashes found by this corpus in code outside the readers, not fixed yet (none now: transcript import of a
# file whose name is not UTF-8 was one).  Each is counted as "known bug" in the table and listed; once fixed
# the test says so.
KNOWN_BUGS: dict = {}

WORKER = textwrap.dedent("""
    import contextlib, io, json, os, sys, time, traceback
    jobs_file, project, clip, first = sys.argv[1:5]
    jobs = json.load(open(jobs_file))
    from docmanager.cli import main
    for i in range(int(first), len(jobs)):
        job = jobs[i]
        path = os.fsdecode(bytes.fromhex(job["path"]))
        if job["kind"] == "transcript":
            argv = ["--project", project, "transcript", "import", clip, path, "--lang", "zh", "--json"]
        elif job["kind"] == "ingest-copy":
            argv = ["--project", project, "ingest", path, "--copy-to", os.fsdecode(bytes.fromhex(job["dest"])),
                    "--label", job["label"], "--no-posters", "--json"]
        else:
            argv = ["--project", project, "ingest", path, "--no-posters", "--json"]
        print(json.dumps({"start": i}), flush=True)
        out, err = io.StringIO(), io.StringIO()
        began = time.monotonic()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(argv)
        except BaseException:
            status = "raised"
            err.write(traceback.format_exc())
        if job["category"] == "xml-attacks" and job["kind"] == "transcript" and status == 0:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                main(["--project", project, "transcript", "show", clip, "--json"])  # what was stored
        print(json.dumps({"end": i, "status": status, "out": out.getvalue(),
                          "err": err.getvalue()[-20000:], "seconds": round(time.monotonic() - began, 3)}),
              flush=True)
""")


def _named(entry_path, scope: str) -> bool:
    if not isinstance(entry_path, str):
        return False
    return entry_path == scope or entry_path.startswith(scope.rstrip("/") + "/")


def classify(job: dict, status, out: str, err: str) -> tuple[str, str]:
    """(outcome, detail): read, refused, crashed, or unexplained."""
    scope = os.fsdecode(bytes.fromhex(job["scope"]))
    if status == "raised" or status not in (0, 1, 2) or "Traceback (most recent call last)" in err:
        return "crashed", f"status {status}: {err[-1500:]}"
    if corpus.SECRET in out or corpus.SECRET in err:
        return "crashed", "an external entity was resolved: the secret file's text came out"
    try:
        data = json.loads(out.split("\n{", 1)[0] if job["category"] == "xml-attacks" else out)
    except ValueError:
        return "crashed", f"status {status}, stdout is not one JSON document: {out[:300]!r}"
    if "error" in data:
        error = data["error"]
        if "unexpected error" in (error.get("message") or ""):
            return "crashed", error["message"]
        if status == 2 and _named(error.get("path"), scope) and error.get("message"):
            return "refused", error["message"]
        return "unexplained", f"refusal does not name {scope!r}: {data}"
    if job["kind"] == "transcript":
        if status == 0 and data.get("segments", 0) > 0:
            return "read", f"{data['segments']} segments, {data.get('encoding')}"
        return "unexplained", f"status {status} without segments: {out[:300]}"
    failed = data.get("failed", [])
    mine = [f for f in failed if _named(f.get("path"), scope) and f.get("reason")]
    if status == 1 and mine:
        return "refused", mine[0]["reason"]
    clips = data.get("clips_added", []) + data.get("clips_known", [])
    if status == 0 and clips and not failed:
        return "read", f"{len(clips)} clips"
    return "unexplained", f"status {status}, clips {clips}, failed {failed}"


def _reported_clips(job: dict, out: str) -> set[int]:
    """The clips an ingest said it committed (added, or found already catalogued)."""
    if job["kind"] == "transcript":
        return set()
    try:
        data = json.loads(out)
    except ValueError:
        return set()
    if not isinstance(data, dict):
        return set()
    return {c for c in data.get("clips_added", []) + data.get("clips_known", []) if isinstance(c, int)}


def _run_worker_jobs(jobs_file: Path, jobs: list[dict], indices: list[int], project: Path, clip: int,
                     results: dict, reported: set) -> None:
    """Run the jobs ``indices`` (all from one list) in a worker, restarting it after a hang or a crash.

    ``reported`` collects the clips the ingests said they committed."""
    pending = list(indices)
    while pending:
        sub = jobs_file.with_name(f"{jobs_file.stem}-{pending[0]}.json")
        sub.write_text(json.dumps([jobs[i] for i in pending]))
        child = Child([PY, "-c", WORKER, sub, project, clip, 0])
        position = 0
        current = None
        started = time.monotonic()
        while position < len(pending):
            try:
                line = child.next_line(timeout=PER_FILE_TIMEOUT if current is not None else 120)
            except queue.Empty:
                if current is None:
                    child.kill9()
                    raise AssertionError(f"the worker did not start: {child.stderr[-2000:]}")
                child.kill9()
                results[pending[current]] = ("hung", f"no answer within {PER_FILE_TIMEOUT} s", PER_FILE_TIMEOUT)
                position = current + 1
                break
            if line is None:  # the worker died
                if current is not None:
                    results[pending[current]] = ("crashed", f"the process died (status {child.finish()}): "
                                                 f"{child.stderr[-1500:]}", time.monotonic() - started)
                    position = current + 1
                break
            if not line.startswith("{"):
                continue
            msg = json.loads(line)
            if "start" in msg:
                current = msg["start"]
                started = time.monotonic()
            else:
                job = jobs[pending[msg["end"]]]
                outcome, detail = classify(job, msg["status"], msg["out"], msg["err"])
                results[pending[msg["end"]]] = (outcome, detail, msg["seconds"])
                reported |= _reported_clips(job, msg["out"])
                current = None
                position = msg["end"] + 1
        else:
            child.finish(timeout=60)
        pending = pending[position:]


@pytest.mark.case("bad-input corpus through ingest and transcript import", unit="files")
def test_bad_input_corpus_is_read_or_refused_by_name_without_crash_or_hang(tmp_path, samples, avchd_master, row):
    import threading

    from docmanager.project import Project
    from tests.factories import add_plain_clip

    jobs_objs = corpus.build(tmp_path / "corpus", samples, avchd_master)
    jobs = [j.to_json() for j in jobs_objs]
    assert len(jobs) >= 150, len(jobs)
    jobs_file = tmp_path / "jobs.json"
    projects = []
    for w in range(WORKERS):
        root = init_project(tmp_path / f"Film{w}")
        with Project.open(root, backup=False) as p:
            projects.append((root, add_plain_clip(p, "Interview")))
    # slow kinds first, spread over the workers
    order = sorted(range(len(jobs)), key=lambda i: (jobs[i]["kind"] == "transcript", i))
    results: dict[int, tuple] = {}
    reported: list[set[int]] = [set() for _ in range(WORKERS)]
    threads = [threading.Thread(target=_run_worker_jobs,
                                args=(jobs_file.with_name(f"jobs{w}.json"), jobs, order[w::WORKERS], *projects[w],
                                      results, reported[w])) for w in range(WORKERS)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    assert len(results) == len(jobs)

    fixed = []
    for i, job in enumerate(jobs):
        name = os.path.basename(bytes.fromhex(job["path"]))
        if name in KNOWN_BUGS:
            if results[i][0] == "crashed":
                results[i] = ("known bug", KNOWN_BUGS[name], results[i][2])
            else:
                fixed.append(name)
    table: dict[str, Counter] = defaultdict(Counter)
    for i, job in enumerate(jobs):
        table[job["category"]][results[i][0]] += 1
    lines = [f"bad-input corpus: {len(jobs)} files, {WORKERS} workers, {elapsed:.1f} s, "
             f"per-file timeout {PER_FILE_TIMEOUT:.0f} s",
             f"{'category':<22}{'files':>7}{'read':>7}{'refused':>9}{'crashed':>9}{'hung':>6}{'unexplained':>13}"
             f"{'known bug':>11}"]
    for cat in sorted(table):
        c = table[cat]
        lines.append(f"{cat:<22}{sum(c.values()):>7}{c['read']:>7}{c['refused']:>9}{c['crashed']:>9}"
                     f"{c['hung']:>6}{c['unexplained']:>13}{c['known bug']:>11}")
    total = sum(table.values(), Counter())
    # The suite's row: every file tried, crashes (known bugs included), hangs, and the clips an ingest reported
    # as committed that its project's catalogue does not hold.
    from sqlalchemy import text

    lost = 0
    for w, (root, _) in enumerate(projects):
        with Project.open(root, backup=False) as p:
            with p.session() as s:
                held = {cid for (cid,) in s.execute(text("SELECT id FROM clips"))}
        lost += len(reported[w] - held)
    row.inputs = len(results)
    row.crashes = total["crashed"] + total["known bug"]
    row.hangs = total["hung"]
    row.lost = lost
    row.note = (f"{total['read']} read, {total['refused']} refused by name, {total['unexplained']} unexplained; "
                f"{sum(map(len, reported))} clips committed")
    lines.append(f"{'total':<22}{len(jobs):>7}{total['read']:>7}{total['refused']:>9}{total['crashed']:>9}"
                 f"{total['hung']:>6}{total['unexplained']:>13}{total['known bug']:>11}")
    for name, why in KNOWN_BUGS.items():
        lines.append(f"known bug: {name!r}: {why}")
    slowest = sorted(range(len(jobs)), key=lambda i: -results[i][2])[:3]
    lines.append("slowest: " + ", ".join(f"{os.path.basename(os.fsdecode(bytes.fromhex(jobs[i]['path'])))[:40]!r} "
                                         f"{results[i][2]:.1f} s" for i in slowest))
    details = "\n".join(f"{results[i][0]:<12}{jobs[i]['category']:<22}"
                        f"{os.fsdecode(bytes.fromhex(jobs[i]['path']))!r}: {results[i][1][:300]!r}"
                        for i in range(len(jobs)))
    (tmp_path / "corpus-results.txt").write_text(details, encoding="utf-8", errors="backslashreplace")
    add_summary("\n".join(lines), tmp_path / "corpus-summary.txt")

    bad = [(jobs[i]["category"], os.fsdecode(bytes.fromhex(jobs[i]["path"])), results[i])
           for i in range(len(jobs)) if results[i][0] in ("crashed", "hung", "unexplained")]
    assert not fixed, f"these no longer crash; remove them from KNOWN_BUGS: {fixed}"
    assert lost == 0, f"{lost} clips that an ingest reported as committed are not in the catalogue"
    assert not bad, "\n".join(f"{cat} {path!r}: {r[0]}: {r[1][:800]}" for cat, path, r in bad)
    not_read = [(jobs[i]["category"], os.fsdecode(bytes.fromhex(jobs[i]["path"])), results[i][1])
                for i, j in enumerate(jobs_objs) if j.expect_read and results[i][0] not in ("read", "known bug")]
    assert not not_read, "well-formed input refused:\n" + "\n".join(map(repr, not_read))
    # nothing an external entity could have pulled in reached the catalogue
    for root, _ in projects:
        with Project.open(root, backup=False) as p:
            with p.session() as s:
                texts = [t for (t,) in s.execute(text("SELECT text FROM segments"))]
        assert not any(corpus.SECRET in (t or "") for t in texts)
