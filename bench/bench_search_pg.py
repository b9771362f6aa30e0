"""Benchmark: transcript search on PostgreSQL, common words against rare ones.

    .venv/bin/python bench/bench_search_pg.py [--lines 200000] [--repeat 7] [--workers N]

Starts a throw-away PostgreSQL server (``tests/pgserver.py``), creates a team
catalogue in it and fills it with ``--lines`` transcript lines, half Mandarin,
half English, from the sentence generator of ``bench/bench_search.py`` with
the particles of spoken Mandarin added (的, 了, 是 and 我 end up in a large
share of the Chinese lines, as they do in real transcripts); 3 % of the lines
of either language carry a segment tag.  Clips, transcripts and subjects go
through the ORM; the lines are copied in with ``COPY`` and their index rows
are made by DocManager's own indexer functions (``search._docs``,
``search._index_row``, ``search_pg.tsvector_text``, the rows
``PgBackend.write`` would store) in worker processes and copied in too.  Then
``VACUUM (ANALYZE)`` of the index table, as autovacuum would after an import.

For each query kind (a very common character, a common two-character word, a
rare word, pinyin, an English stem), unfiltered and with a filter (language,
tag), it times ``search()`` (limit 200, ranked, median of ``--repeat`` runs
after one untimed run), the probe as one statement (the rows matching,
``ORDER BY segment_id DESC LIMIT PROBE_LIMIT``: what the planner makes of it
from the statistics alone) and the probe as ``PgBackend.probe`` runs it
(checked to give the same rows), and prints each against the rare word's time
measured in the same run.  It prints
``EXPLAIN (ANALYZE, BUFFERS)`` of the probe of the common-character query,
and of any probe more than ``SLOW`` times slower than the rare word's.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_search import GIVEN, SURNAMES, chinese_sentence, english_sentence  # noqa: E402

LINES_PER_TRANSCRIPT = 200
TAGS = ["interview", "police", "reward", "reunion", "train station", "tears", "DNA", "letter"]
TAG_SHARE = 0.03

# (label, query, filters); the rare word is the baseline of every ratio
QUERIES = [
    ("rare word 悬赏金", "悬赏金", {}),
    ("common char 的", "的", {}),
    ("common char 了", "了", {}),
    ("common word 我们", "我们", {}),
    ("pinyin taiyuan", "taiyuan", {}),
    ("English stem kidnapped", "kidnapped", {}),
    ("rare word, lang zh", "悬赏金", {"lang": "zh"}),
    ("rare word, tag", "悬赏金", {"tag": "reward"}),
    ("的, lang zh", "的", {"lang": "zh"}),
    ("的, lang en (none)", "的", {"lang": "en"}),
    ("的, tag", "的", {"tag": "reward"}),
    ("我们, lang zh", "我们", {"lang": "zh"}),
    ("我们, tag", "我们", {"tag": "reward"}),
    ("taiyuan, lang en", "taiyuan", {"lang": "en"}),
    ("taiyuan, tag", "taiyuan", {"tag": "reward"}),
    ("kidnapped, lang en", "kidnapped", {"lang": "en"}),
    ("kidnapped, tag", "kidnapped", {"tag": "reward"}),
]
EXPLAINED = "的"
SLOW = 10  # probes this many times slower than the rare word's have their plan printed too


def fill(project, lines: int, workers: int, seed: int = 11) -> None:
    """Subjects, shoots, tags, clips and transcripts through the ORM; lines and their index rows by COPY."""
    from docmanager.db.models import Clip, ClipSubject, Shoot, Subject, Tag, Transcript

    rnd = random.Random(seed)
    clips = max(1, lines // (2 * LINES_PER_TRANSCRIPT))

    def catalogue(s) -> None:
        s.add(Subject(id=1, name="Liu Jingjun", name_zh="刘静军", pinyin="Liu Jingjun", flags=[]))
        for i in range(2, 61):
            s.add(Subject(id=i, name=f"Subject {i}", name_zh=rnd.choice(SURNAMES) + rnd.choice(GIVEN), flags=[]))
        s.add_all([Shoot(id=i, name=f"Shoot {i}") for i in range(1, 101)])
        s.add_all([Tag(id=i, name=name) for i, name in enumerate(TAGS, 1)])
        s.add_all([Clip(id=c, name=f"C{c:05d}.MTS", shoot_id=rnd.randrange(1, 101)) for c in range(1, clips + 1)])
        s.flush()
        s.add_all([ClipSubject(clip_id=c, subject_id=sid) for c in range(1, clips + 1)
                   for sid in {rnd.randrange(1, 61) for _ in range(rnd.randrange(1, 3))}])
        for c in range(1, clips + 1):
            s.add(Transcript(id=2 * c - 1, clip_id=c, lang="zh", kind="transcript"))
            s.add(Transcript(id=2 * c, clip_id=c, lang="en", kind="translation", translation_of_id=2 * c - 1))

    project.write(catalogue)

    raw = project.engine.raw_connection()
    try:
        pg = raw.driver_connection
        with pg.cursor() as cur:
            # Bulk load: the tracking triggers would only mark every line for the indexer run below.
            cur.execute("SET session_replication_role = replica")
            seg_id = 0
            tag_rows = []
            per_clip = lines // clips
            with cur.copy("COPY segments (id, transcript_id, position, start_ms, end_ms, text, translates_id, "
                          "updated_at, version) FROM STDIN") as copy:
                for c in range(1, clips + 1):
                    total = per_clip if c < clips else lines - seg_id
                    half = total // 2
                    zh_ids = []
                    for transcript, count in ((2 * c - 1, half), (2 * c, total - half)):
                        for position in range(count):
                            seg_id += 1
                            zh = transcript % 2 == 1
                            text = chinese_sentence(rnd, spoken=True) if zh else english_sentence(rnd)
                            if zh:
                                zh_ids.append(seg_id)
                            translates = None if zh or position >= len(zh_ids) else zh_ids[position]
                            copy.write_row((seg_id, transcript, position, position * 4000, position * 4000 + 3500,
                                            text, translates, "2026-01-01 00:00:00", 1))
                            if rnd.random() < TAG_SHARE:
                                tag_rows.append((seg_id, rnd.randrange(1, len(TAGS) + 1)))
            with cur.copy("COPY segment_tags (segment_id, tag_id) FROM STDIN") as copy:
                for row in tag_rows:
                    copy.write_row(row)
            for table in ("subjects", "shoots", "tags", "clips", "transcripts", "segments"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        pg.commit()
    finally:
        raw.close()
    index_all(project, workers)


def _tsvector_rows(docs) -> list[tuple[int, str]]:
    """What ``PgBackend.write`` stores for these documents: (segment id, tsvector text)."""
    from docmanager.transcripts import search, search_pg

    out = []
    for doc in docs:
        seg_id, cols = search._index_row(doc)
        out.append((seg_id, search_pg.tsvector_text(cols)))
    return out


def index_all(project, workers: int) -> None:
    """Every line's index row, made by the indexer's own functions in ``workers`` processes, copied in."""
    from docmanager.transcripts import chinese, search

    with project.session() as s:
        chinese.load_glossary(s)  # before the workers fork: names are cut whole, as the indexer cuts them
        conn = s.connection()
        batches, last = [], 0
        while True:
            docs = search._docs(conn, after=last, limit=search.BATCH)
            if not docs:
                break
            batches.append(docs)
            last = docs[-1].segment_id
    raw = project.engine.raw_connection()
    try:
        pg = raw.driver_connection
        with multiprocessing.get_context("fork").Pool(workers) as pool, pg.cursor() as cur:
            cur.execute("DELETE FROM search_dirty")
            with cur.copy("COPY search_index (segment_id, doc) FROM STDIN") as copy:
                for rows in pool.imap(_tsvector_rows, batches):
                    for row in rows:
                        copy.write_row(row)
        pg.commit()
        # What autovacuum does to a catalogue after a big import: statistics and the visibility map.
        pg.autocommit = True
        pg.execute("VACUUM (ANALYZE) search_index")
        pg.autocommit = False
    finally:
        raw.close()


#: The probe as one statement: what PostgreSQL plans from the statistics alone (the reference).
PLAIN_PROBE = "SELECT segment_id FROM search_index WHERE doc @@ %s::tsquery ORDER BY segment_id DESC LIMIT %s"


def probe_query(project, query: str, filters: dict) -> str:
    """The tsquery text the probe looks for: the query without its bonus phrases, and the filters."""
    from docmanager.transcripts import chinese, search

    with project.session() as s:
        backend = search.backend_for(s)
        nodes = search._filters(s, filters.get("lang"), filters.get("tag"), None, None, None)
        return backend.render(chinese.all_of([chinese.without_bonus(chinese.parse_query(query).node), *nodes]))


def probe_statements(conn, tsquery: str) -> list[tuple[str, tuple]]:
    """The statements ``PgBackend.probe`` runs for ``tsquery``, with their parameters."""
    from sqlalchemy import event

    from docmanager.transcripts import search

    captured = []

    def spy(conn_, cursor, statement, parameters, *_):
        captured.append((statement, parameters))

    event.listen(conn, "before_cursor_execute", spy)
    try:
        search.backend_for(conn).probe(conn, tsquery, search.PROBE_LIMIT)
    finally:
        event.remove(conn, "before_cursor_execute", spy)
    return captured


def timed(fn, repeat: int) -> float:
    fn()  # warm: jieba, pypinyin, shared buffers
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--workers", type=int, default=max(1, min(8, (os.cpu_count() or 2) - 1)))
    args = ap.parse_args()

    from tests import pgserver

    from docmanager.project import Project
    from docmanager.transcripts import search as search_module
    from docmanager.transcripts.search import PROBE_LIMIT, search

    server = pgserver.start()
    work = Path(tempfile.mkdtemp(prefix="docmanager-bench-pg-"))
    try:
        url = server.create_database("bench")
        project = Project.create(work / "Film", db_url=url)
        t = time.perf_counter()
        fill(project, args.lines, args.workers)
        print(f"filled and indexed {args.lines:,} lines in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        with project.engine.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version").scalar()
            zh = conn.exec_driver_sql("SELECT count(*) FROM search_index WHERE doc @@ %s::tsquery",
                                      ("'m:lzh'",)).scalar()
            share = {ch: conn.exec_driver_sql("SELECT count(*) FROM search_index WHERE doc @@ %s::tsquery",
                                              (f"'c:{ch}'",)).scalar() for ch in "的了是我"}
            size = conn.exec_driver_sql("SELECT pg_total_relation_size('search_index')").scalar()

        results = []
        for label, query, filters in QUERIES:
            def run(query=query, filters=filters):
                with project.session() as s:
                    return search(s, query, limit=200, **filters)
            found = len(run())
            search_ms = timed(run, args.repeat)
            tsquery = probe_query(project, query, filters)
            with project.engine.connect() as conn:
                backend = search_module.backend_for(conn)
                matches = conn.exec_driver_sql(
                    "SELECT count(*) FROM search_index WHERE doc @@ %s::tsquery", (tsquery,)).scalar()
                plain = [r[0] for r in conn.exec_driver_sql(PLAIN_PROBE, (tsquery, PROBE_LIMIT))]
                assert backend.probe(conn, tsquery, PROBE_LIMIT) == plain, label  # the same rows
                plain_ms = timed(lambda: conn.exec_driver_sql(PLAIN_PROBE, (tsquery, PROBE_LIMIT)).fetchall(),
                                 args.repeat)
                probe_ms = timed(lambda: backend.probe(conn, tsquery, PROBE_LIMIT), args.repeat)
            results.append((label, matches, found, search_ms, plain_ms, probe_ms))

        # the common character's probe, and any other probe over SLOW times the rare word's (either way)
        plans = {}
        with project.engine.connect() as conn:
            for (label, query, filters), (*_, plain_ms, probe_ms) in zip(QUERIES, results):
                if (query, filters) == (EXPLAINED, {}) or max(plain_ms, probe_ms) > SLOW * results[0][5]:
                    tsquery = probe_query(project, query, filters)
                    statements = [(PLAIN_PROBE, (tsquery, PROBE_LIMIT))] + probe_statements(conn, tsquery)
                    plans[label] = [[r[0] for r in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql,
                                                                        params)]
                                    for sql, params in statements if not sql.startswith("EXPLAIN")]
        project.close()
    finally:
        server.stop()

    print(f"\nTranscript search on PostgreSQL {version}: {args.lines:,} lines ({zh:,} Chinese), "
          f"index {size / 2**20:,.0f} MB, {os.cpu_count()} cores")
    print("Chinese lines holding " + ", ".join(f"{ch} {n / max(1, zh):.0%}" for ch, n in share.items()))
    base_search, base_plain, base_probe = results[0][3:6]
    print(f"{'query':<26}{'matches':>9}{'hits':>6}{'search':>10}{'ratio':>8}"
          f"{'1-statement probe':>19}{'ratio':>8}{'probe':>10}{'ratio':>8}")
    for label, matches, found, search_ms, plain_ms, probe_ms in results:
        print(f"{label:<26}{matches:>9,}{found:>6}{search_ms:8.1f}ms{search_ms / base_search:7.1f}x"
              f"{plain_ms:17.1f}ms{plain_ms / base_plain:7.1f}x{probe_ms:8.1f}ms{probe_ms / base_probe:7.1f}x")
    for label, statements in plans.items():
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the probe for {label}: as one statement, then as PgBackend runs it")
        for plan in statements:
            print("\n".join(plan))
            print()

if __name__ == "__main__":
    main()
