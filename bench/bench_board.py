"""Benchmark: the subtitle board (the Subtitles tab) over a project of hour-long interviews.

    .venv/bin/python bench/bench_board.py [--clips 300] [--lines 800] [--rounds 3] [--keep]

Generates a project of ``--clips`` interviews of an hour each, every one with a
Mandarin transcript and its English translation of ``--lines`` timed lines
(sentences built from common words, places and names, as in
``bench_search.py``), 30 subjects with Chinese names (the QC glossary), 20
shoots, and four cuts of 40 interview pieces each on V1; twenty clips have a
stored state.  Rows go in through the models' tables in bulk inserts, then
the search index is built (as a project that imported them would have it).

Then it times, against a baseline measured in the same run (a plain
``SELECT transcript_id, start_ms, end_ms, text FROM segments`` of every line:
the least any check of the subtitles must read):

* the first read of the board in a newly opened project;
* the board read again with nothing changed;
* the board read again after one line of one interview was edited (what every
  open Subtitles tab does when someone works on a transcript);
* the board read again after one clip's state was set;
* the same, filtered to one subject;
* the QC findings of one interview cell (what the QC panel shows);
* the first read once the project is closed and opened again (the QC counts
  saved in its ``cache`` folder are read instead of checking again).

Each "after" measure is the median of ``--rounds`` changes.  The ratio column
is the time over the baseline's.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_search import GIVEN, SURNAMES, chinese_sentence, english_sentence  # noqa: E402
from docmanager.db.models import (  # noqa: E402
    Clip,
    ClipSubject,
    Cut,
    CutItem,
    Segment,
    Shoot,
    Subject,
    Transcript,
)
from docmanager.project import CATALOGUE_FILE, Project  # noqa: E402

HOUR_FRAMES = 25 * 3600
SUBJECTS = 30
SHOOTS = 20
CUTS = 4
ITEMS_PER_CUT = 40
STATES_SET = 20


def generate(root: Path, clips: int, lines: int, seed: int = 17) -> None:
    """The project (see the module notes)."""
    from pypinyin import lazy_pinyin

    from docmanager.subtitles.status import set_state
    from docmanager.transcripts.search import rebuild_index

    rnd = random.Random(seed)
    project = Project.create(root, name=f"Board bench {clips}x{lines}")
    now = datetime.now(timezone.utc)
    try:
        with project.engine.begin() as conn:
            names = set()
            subjects = []
            while len(subjects) < SUBJECTS:
                zh = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
                if zh in names:
                    continue
                names.add(zh)
                pinyin = lazy_pinyin(zh)
                english = f"{pinyin[0].title()} {''.join(pinyin[1:]).title()}"
                subjects.append(dict(id=len(subjects) + 1, name=f"{english} ({len(subjects) + 1})", name_zh=zh,
                                     pinyin=english, flags=[], added_at=now, version=1))
            conn.execute(Subject.__table__.insert(), subjects)
            conn.execute(Shoot.__table__.insert(), [dict(id=i + 1, name=f"Shoot {i + 1:02d}", added_at=now, version=1)
                                                    for i in range(SHOOTS)])
            conn.execute(Clip.__table__.insert(), [
                dict(id=c, name=f"INT {c:04d}", rate_num=25, rate_den=1, duration_frames=HOUR_FRAMES,
                     width=1920, height=1080, scan="progressive", shoot_id=rnd.randrange(1, SHOOTS + 1),
                     recorded_at=f"2019-{1 + c % 12:02d}-{1 + c % 28:02d}T10:{c % 60:02d}:00+08:00",
                     rating=0, version=1, added_at=now, updated_at=now) for c in range(1, clips + 1)])
            conn.execute(ClipSubject.__table__.insert(), [
                dict(clip_id=c, subject_id=s) for c in range(1, clips + 1)
                for s in sorted({rnd.randrange(1, SUBJECTS + 1) for _ in range(rnd.randrange(1, 3))})])
            conn.execute(Transcript.__table__.insert(), [
                row for c in range(1, clips + 1) for row in (
                    dict(id=2 * c - 1, clip_id=c, lang="zh", kind="transcript", imported_at=now, updated_at=now,
                         version=1),
                    dict(id=2 * c, clip_id=c, lang="en", kind="translation", translation_of_id=2 * c - 1,
                         imported_at=now, updated_at=now, version=1))])
            seg_id = 0
            for c in range(1, clips + 1):
                rows = []
                step = HOUR_FRAMES * 40 // lines  # ms between line starts
                zh_ids = []
                for position in range(lines):
                    seg_id += 1
                    zh_ids.append(seg_id)
                    start = position * step + rnd.randrange(0, 300)
                    end = start + rnd.randrange(1500, max(1600, step - 200))
                    rows.append(dict(id=seg_id, transcript_id=2 * c - 1, position=position, start_ms=start,
                                     end_ms=end, text=chinese_sentence(rnd), updated_at=now, version=1))
                for position in range(lines):
                    seg_id += 1
                    zh = rows[position]
                    rows.append(dict(id=seg_id, transcript_id=2 * c, position=position, start_ms=zh["start_ms"],
                                     end_ms=zh["end_ms"], text=english_sentence(rnd), translates_id=zh_ids[position],
                                     updated_at=now, version=1))
                conn.execute(Segment.__table__.insert(), rows)
            conn.execute(Cut.__table__.insert(), [dict(id=k + 1, name=f"Assembly {k + 1}", cut_version=1, rate_num=25,
                                                       rate_den=1, tracks=["V1", "V2", "A1", "A2"], handles_ms=0,
                                                       created_at=now, updated_at=now, version=1)
                                                  for k in range(CUTS)])
            items = []
            for k in range(CUTS):
                for position in range(ITEMS_PER_CUT):
                    first = rnd.randrange(0, HOUR_FRAMES - 25 * 60)
                    items.append(dict(cut_id=k + 1, track="V1", position=position,
                                      clip_id=rnd.randrange(1, clips + 1), source_in=first,
                                      source_out=first + rnd.randrange(25 * 8, 25 * 40), segment_ids=[], version=1))
            conn.execute(CutItem.__table__.insert(), items)
        project.write(rebuild_index)  # a real project's lines are indexed as they come in
        for c in range(1, min(clips, STATES_SET) + 1):
            set_state(project, clip_id=c, lang="zh", state="reviewed", note="checked against the tape")
    finally:
        project.close()
    con = sqlite3.connect(root / CATALOGUE_FILE)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def baseline(root: Path) -> float:
    """Seconds for a plain read of every line's times and text."""
    con = sqlite3.connect(f"file:{root / CATALOGUE_FILE}?mode=ro", uri=True)
    try:
        t = time.perf_counter()
        con.execute("SELECT transcript_id, start_ms, end_ms, text FROM segments").fetchall()
        return time.perf_counter() - t
    finally:
        con.close()


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clips", type=int, default=300)
    ap.add_argument("--lines", type=int, default=800, help="lines per transcript (each clip has two)")
    ap.add_argument("--rounds", type=int, default=3, help="changes measured for each 'after' measure")
    ap.add_argument("--keep", action="store_true", help="reuse bench/out/board-CxL if present")
    args = ap.parse_args()

    from sqlalchemy import select

    from docmanager.subtitles.board import SAVED_COUNTS, board, cell_findings
    from docmanager.subtitles.status import set_state
    from docmanager.transcripts.store import edit_segment

    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir / f"board-{args.clips}x{args.lines}"
    if not (args.keep and root.exists()):
        if root.exists():
            shutil.rmtree(root)
        t = time.perf_counter()
        generate(root, args.clips, args.lines)
        print(f"generated {args.clips} clips × 2 languages × {args.lines} lines in "
              f"{time.perf_counter() - t:.1f} s", file=sys.stderr)

    base = statistics.median(baseline(root) for _ in range(5))
    results: list[tuple[str, float]] = []
    rnd = random.Random(3)
    (root / "cache" / SAVED_COUNTS).unlink(missing_ok=True)  # a first read with nothing kept from before

    def reader(project: Project):
        def read(**filters) -> None:
            with project.session() as s:
                found = board(s, **filters)
            assert found.totals and found.rows()
        return read

    with Project.open(root, backup=False) as project:
        project.user = "Bench"
        read = reader(project)
        results.append(("first read of the board (project just opened)", timed(read)))
        results.append(("read again, nothing changed", statistics.median(timed(read) for _ in range(5))))
        with project.session() as s:
            en_lines = list(s.scalars(select(Segment.id).join(Transcript, Transcript.id == Segment.transcript_id)
                                      .where(Transcript.lang == "en")))
            subject = s.scalar(select(Subject.id).order_by(Subject.id))
        after_edit, after_state, after_filtered = [], [], []
        for n in range(args.rounds):
            edit_segment(project, rnd.choice(en_lines), text=english_sentence(rnd))
            after_edit.append(timed(read))
            set_state(project, clip_id=args.clips - n, lang="en", state="reviewed", note=f"round {n}")
            after_state.append(timed(read))
            edit_segment(project, rnd.choice(en_lines), text=english_sentence(rnd))
            after_filtered.append(timed(lambda: read(subject=subject)))
        results.append(("read again after one line of one interview was edited", statistics.median(after_edit)))
        results.append(("read again after one clip's state was set", statistics.median(after_state)))
        results.append(("read again after an edit, one subject shown", statistics.median(after_filtered)))

        def findings() -> None:
            with project.session() as s:
                cell_findings(s, clip_id=1, lang="en")

        results.append(("QC findings of one interview cell (the QC panel)",
                        statistics.median(timed(findings) for _ in range(3))))
    with Project.open(root, backup=False) as project:
        results.append(("first read after the project was opened again", timed(reader(project))))

    print(f"\nSubtitle board: {args.clips} interviews × 2 languages × {args.lines} lines "
          f"({args.clips * 2 * args.lines:,} lines), {CUTS} cuts of {ITEMS_PER_CUT} pieces, {os.cpu_count()} cores")
    print(f"baseline: SELECT of every line's times and text: {base * 1000:.0f} ms")
    print(f"{'measure':<56}{'time':>10}{'ratio':>10}")
    for label, seconds in results:
        print(f"{label:<56}{seconds * 1000:8.0f}ms{seconds / base:9.1f}x")


if __name__ == "__main__":
    main()
