"""kill -9 in the middle of real jobs: nothing committed is lost, nothing unverified has a final name,
the catalogue passes ``PRAGMA integrity_check`` and running the same job again finishes it.

Each killed process prints a line after every commit it made (a driver wraps the
core step that commits, or loops over the CLI); the test reads those lines back
and checks each reported change in the catalogue.  A killed backup or export
leaves its temporary file: the next run leaves it while it is fresh (it could be
another DocManager's running job) and it is removed once stale, when the project
opens or the same export runs again.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import textwrap
import time
from pathlib import Path

import pytest
import xxhash

from docmanager.fsutil import STALE_AFTER_S
from docmanager.project import CATALOGUE_FILE
from tests.reliability.conftest import (MAIN, PY, Child, ascmhl_verify, files_under, init_project, integrity_ok,
                                        partials_under, random_file, wait_for)

pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")


def _xxh(path: Path) -> str:
    h = xxhash.xxh64()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# ====================================================================== ingest --copy-to
# The driver prints "COMMITTED <clip id>" after each clip's transaction returned,
# then runs the real CLI.
INGEST_DRIVER = textwrap.dedent("""
    import sys
    from docmanager.ingest import ingest as ing
    _add = ing._add_candidate
    def _reported(*args, **kwargs):
        clip_id = _add(*args, **kwargs)
        print("COMMITTED", clip_id, flush=True)
        return clip_id
    ing._add_candidate = _reported
    from docmanager.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def _ingest_child(project: Path, card: Path, dest: Path, *extra) -> Child:
    return Child([PY, "-c", INGEST_DRIVER, "--project", project, "ingest", card, "--copy-to", dest,
                  "--label", "DAY1", "--no-posters", *extra])


def _age(path: Path, seconds: float = 2 * STALE_AFTER_S) -> None:
    """Make a temporary file look as if nothing had written to it for ``seconds``."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def _check_after_ingest_kill(project: Path, card: Path, copy_root: Path, committed: list[int], row) -> None:
    assert integrity_ok(project / CATALOGUE_FILE) == [("ok",)]
    con = sqlite3.connect(project / CATALOGUE_FILE)
    try:
        clip_ids = {cid for (cid,) in con.execute("SELECT id FROM clips")}
        missing = [c for c in committed if c not in clip_ids]
        row.lost = max(row.lost, len(missing))
        assert not missing, f"clips reported as committed are not in the catalogue: {missing}"
        rows = con.execute("SELECT path, size, xxh64 FROM media_files").fetchall()
    finally:
        con.close()
    # Every catalogued file exists and has the content the catalogue says.
    for path, size, digest in rows:
        assert os.path.getsize(path) == size and _xxh(Path(path)) == digest, path
    # Nothing unverified under a final name: each final file in the copy equals its source.
    source = files_under(card)
    for rel, copy in files_under(copy_root).items():
        if copy.name.endswith(".docmanager-partial"):
            continue
        assert rel in source, f"{rel} is in the copy but not on the card"
        assert copy.read_bytes() == source[rel].read_bytes(), f"{copy} has a final name but is not a good copy"
    joined = project / "media" / "joined"
    if joined.exists():
        for f in joined.iterdir():
            if not f.name.endswith(".partial"):
                # a joined take under its final name is the whole take
                assert f.stat().st_size > 0


@pytest.mark.case("kill -9: ingest --copy-to, then the same ingest", unit="kills")
def test_kill_during_ingest_with_copy_then_rerun_finishes(tmp_path, samples, avchd_master, row):
    card = tmp_path / "CARD1"
    shutil.copytree(avchd_master, card)
    shutil.copy(samples["mp4"], card / "A001.mp4")
    shutil.copy(samples["mov"], card / "A002.mov")
    for i in range(5):  # large non-media files: the copy takes long enough to be caught in the middle
        random_file(card / "MISC" / f"big{i}.bin", 12 * 1024 * 1024 + i, seed=i)
    project = init_project(tmp_path / "Film")
    dest = tmp_path / "raid"
    dest.mkdir()
    copy_root = dest / "DAY1" / "CARD1"
    committed: list[int] = []

    # 1. killed while a file is being written under its temporary name
    child = _ingest_child(project, card, dest)
    hit = wait_for(lambda: [p for p in partials_under(dest) if "big2" in p.name], timeout=120, interval=0.001)
    row.kill9(child)
    row.inputs += 1
    assert hit, f"the copy never reached big2.bin: {child.stderr[-2000:]}"
    assert child.proc.returncode == -signal.SIGKILL
    committed += [int(line.split()[1]) for line in child.seen if line.startswith("COMMITTED")]
    _check_after_ingest_kill(project, card, copy_root, committed, row)

    # 2. run again, killed while cataloguing (after the first clip was committed)
    child = _ingest_child(project, card, dest)
    reached = row.wait_lines(child, lambda seen: any(s.startswith("COMMITTED") for s in seen), timeout=120)
    row.kill9(child)
    row.inputs += 1
    assert reached, f"the second run did not catalogue a clip: {child.stderr[-2000:]}"
    committed += [int(line.split()[1]) for line in child.seen if line.startswith("COMMITTED")]
    assert committed
    _check_after_ingest_kill(project, card, copy_root, committed, row)

    # 3. the same command once more finishes the job
    child = _ingest_child(project, card, dest, "--json")
    status = row.finish(child, timeout=300)
    out = "\n".join(line for line in child.seen if not line.startswith("COMMITTED"))
    assert status == 0, (out, child.stderr[-3000:])
    report = json.loads(out)
    assert report["failed"] == []
    total = sum(p.stat().st_size for p in files_under(card).values())
    row.note = (f"clips committed before the kills: {len(committed)}, all kept; the rerun copied "
                f"{report['bytes_copied'] / 2**20:.1f} of {total / 2**20:.1f} MiB")
    assert report["bytes_copied"] < total, "files verified before the kill were copied again"
    assert not partials_under(dest) and not partials_under(project / "media")
    assert {rel: p.read_bytes() for rel, p in files_under(copy_root).items()} == \
           {rel: p.read_bytes() for rel, p in files_under(card).items()}
    mhl = ascmhl_verify(copy_root)
    assert mhl.returncode == 0, mhl.stdout + mhl.stderr
    clips = row.cli("--project", project, "clips", "--json")
    assert clips.status == 0
    names = sorted(c["name"] for c in clips.json)
    assert len(names) == 4, names  # the one-file take, the spanned take, the MP4 and the MOV, once each
    assert set(committed) <= {c["id"] for c in clips.json}
    verify = row.cli("--project", project, "verify", "--json")
    assert verify.status == 0 and verify.json["changed"] == [] and verify.json["missing"] == [], verify.out
    _check_after_ingest_kill(project, card, copy_root, committed, row)


# ====================================================================== a batch of edits through the CLI
EDIT_DRIVER = textwrap.dedent("""
    import contextlib, io, sys
    from docmanager.cli import main
    project, a, b, seg = sys.argv[1:5]
    n = 0
    while True:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            if n % 3 == 2:
                status = main(["--project", project, "segment", "tag", seg, f"line-{n}", "--json"])
            else:
                status = main(["--project", project, "clip", "set", a, b, "--tag", f"edit-{n}",
                               "--notes", f"note {n}", "--rating", str(n % 6), "--json"])
        if status != 0:
            print("FAILED", n, status, out.getvalue().replace(chr(10), " "), flush=True)
            sys.exit(3)
        print("COMMITTED", n, flush=True)   # only after the command returned: its transaction committed
        n += 1
""")

SRT = "1\n00:00:01,000 --> 00:00:03,000\n刘静军：我们找了十年。\n\n2\n00:00:04,000 --> 00:00:06,000\n没有放弃。\n"


@pytest.mark.case("kill -9: a batch of CLI edits", unit="edits")
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_kill_during_a_batch_of_cli_edits_loses_nothing_committed(tmp_path, backend, request, row):
    from docmanager.project import Project
    from tests.factories import add_plain_clip

    db = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    root = init_project(tmp_path / "Film", db)
    with Project.open(root) as p:
        a, b = add_plain_clip(p, "A001"), add_plain_clip(p, "A002")
    srt = tmp_path / "a.srt"
    srt.write_text(SRT, encoding="utf-8")
    r = row.cli("--project", root, "transcript", "import", a, srt, "--lang", "zh", "--json")
    assert r.status == 0, r.out + r.err
    seg = row.cli("--project", root, "transcript", "show", a, "--json").json["segments"][0]["id"]

    child = Child([PY, "-c", EDIT_DRIVER, root, a, b, seg])
    row.wait_lines(child, lambda seen: sum(s.startswith("COMMITTED") for s in seen) >= 40, timeout=180)
    row.kill9(child)
    assert not [s for s in child.seen if s.startswith("FAILED")], child.seen[-3:]
    done = [int(s.split()[1]) for s in child.seen if s.startswith("COMMITTED")]
    row.inputs = len(done)
    assert len(done) >= 40

    if backend == "sqlite":
        assert integrity_ok(root / CATALOGUE_FILE) == [("ok",)]
    with Project.open(root) as p:
        from sqlalchemy import text

        with p.session() as s:
            clip_tags = s.execute(text("SELECT t.name, ct.clip_id FROM tags t JOIN clip_tags ct "
                                       "ON ct.tag_id = t.id")).all()
            line_tags = {name for (name,) in s.execute(text(
                "SELECT t.name FROM tags t JOIN segment_tags st ON st.tag_id = t.id"))}
            notes = dict(s.execute(text("SELECT id, notes FROM clips")).all())
            ratings = dict(s.execute(text("SELECT id, rating FROM clips")).all())
        by_tag: dict[str, set[int]] = {}
        for name, cid in clip_tags:
            by_tag.setdefault(name, set()).add(cid)
        # every reported edit is there
        lost = [n for n in done if (n % 3 == 2 and f"line-{n}" not in line_tags)
                or (n % 3 != 2 and by_tag.get(f"edit-{n}") != {a, b})]
        # no partial rows: each edit is on both clips or on neither
        partial = {t: ids for t, ids in by_tag.items() if ids != {a, b}}
        row.lost = len(lost)
        row.note = f"killed after {len(done)} committed edits (1 kill); edits on one clip only: {len(partial)}"
        assert not lost, f"edits reported as committed are missing: {lost[:10]}"
        assert not partial, partial
        last = max(n for n in done if n % 3 != 2)
        assert notes[a] == notes[b] and int(notes[a].split()[1]) >= last
        assert ratings[a] == ratings[b] == int(notes[a].split()[1]) % 6
        # the project still takes edits
        from docmanager.catalogue.clips import set_clips

        row.call(set_clips, p, [a], add_tags=["after-the-crash"])


# ====================================================================== backup now
def _big_catalogue(root: Path, megabytes: int) -> None:
    """Fill a project's catalogue with clip notes (real rows, ``megabytes`` in size)."""
    from sqlalchemy import text

    from docmanager.project import Project
    from tests.factories import add_plain_clip

    with Project.open(root, backup=False) as p:
        ids = [add_plain_clip(p, f"B{i:03d}") for i in range(8)]
        blob = "采访记录 interview notes " * 40  # ~1 KB

        def _fill(s):
            for i in range(megabytes * 1024):
                s.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                          {"k": f"reliability.filler.{i:06d}", "v": f"{i} {blob}"})
            for cid in ids:
                s.execute(text("UPDATE clips SET notes = :n WHERE id = :i"), {"n": blob * 20, "i": cid})
        p.write(_fill)


FILLER_ROWS = 48 * 1024


def _filler_rows(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM settings WHERE key LIKE 'reliability.filler.%'").fetchone()[0]
    finally:
        con.close()


@pytest.mark.case("kill -9: backup now, then backup now again", unit="kills")
def test_kill_during_backup_now_leaves_no_bad_backup_and_rerun_makes_one(tmp_path, row):
    root = init_project(tmp_path / "Film")
    _big_catalogue(root, 48)
    backups = root / "backups"
    before = {p.name for p in backups.iterdir()}
    landed = False
    for attempt in range(6):
        child = Child([PY, str(MAIN), "--project", root, "backup", "now", "--json"])
        partial = wait_for(lambda: [p for p in backups.iterdir() if p.name.endswith(".partial")
                                    and p.stat().st_size > 0], timeout=60, interval=0.0005)
        if partial:
            child.stop()  # frozen in the middle of the copy, then killed there
            landed = any(p.exists() for p in partial)
        row.kill9(child)
        row.inputs += 1
        if landed:
            break
    assert landed, "the kill never landed while a backup was being written"

    assert integrity_ok(root / CATALOGUE_FILE) == [("ok",)]
    row.lost = FILLER_ROWS - _filler_rows(root / CATALOGUE_FILE)
    for p in backups.iterdir():
        if p.name.endswith(".sqlite"):  # a final name: a complete, sound copy
            assert integrity_ok(p) == [("ok",)], p
    listed = row.cli("--project", root, "backup", "list", "--json")
    assert listed.status == 0
    assert all(not b["name"].endswith(".partial") for b in listed.json["backups"])
    left = sorted(p.name for p in backups.iterdir() if ".partial" in p.name)
    assert left, "the killed backup left no temporary file"

    again = row.cli("--project", root, "backup", "now", "--json", timeout=300)
    assert again.status == 0, again.out + again.err
    new = [p for p in backups.iterdir() if p.name.endswith(".sqlite") and p.name not in before]
    assert new and all(integrity_ok(p) == [("ok",)] for p in new)
    row.lost = max(row.lost, FILLER_ROWS - _filler_rows(max(new, key=lambda p: p.stat().st_mtime)))
    assert row.lost == 0, f"{row.lost} committed rows are missing from the catalogue or its new backup"

    # The killed backup's temporary files are fresh: they could be another DocManager's running backup.
    assert sorted(p.name for p in backups.iterdir() if ".partial" in p.name) == left
    # Once stale they go when the project opens; a fresh one (a backup being written now) stays.
    for name in left:
        _age(backups / name)
    fresh = backups / "catalogue-20990101T000000000000Z.sqlite.partial"
    fresh.write_bytes(b"a backup being written by another DocManager")
    opened = row.cli("--project", root, "backup", "list", "--json")
    assert opened.status == 0, opened.out + opened.err
    remaining = sorted(p.name for p in backups.iterdir() if ".partial" in p.name)
    row.note = (f"{len(left)} temporary files left: kept while fresh, removed on open once stale; "
                f"new backup has all {FILLER_ROWS:,} rows")
    assert remaining == [fresh.name], remaining


# ====================================================================== cut export
def _cut_items(db: Path, cut_id: int) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM cut_items WHERE cut_id = ?", (cut_id,)).fetchone()[0]
    finally:
        con.close()


@pytest.mark.case("kill -9: cut export (FCP XML, AAF), then the same export", unit="kills")
def test_kill_during_cut_export_leaves_no_half_file_and_rerun_writes_it(tmp_path, row):
    from docmanager.cuts import model
    from docmanager.project import Project
    from tests.factories import add_plain_clip

    root = init_project(tmp_path / "Film")
    with Project.open(root, backup=False) as p:
        clips = [add_plain_clip(p, f"C{i:03d}", seconds=60) for i in range(30)]
        cut_id = model.new_cut(p, "Long assembly", rate="25")
        for i in range(240):
            model.add_item(p, cut_id, clip_id=clips[i % len(clips)], in_s=(i % 20) * 2, out_s=(i % 20) * 2 + 1.5,
                           track="V1" if i % 4 else "V2")
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    notes = []
    for suffix in (".xml", ".aaf"):
        target = out_dir / f"assembly{suffix}"

        def temporaries() -> set[str]:
            return {q.name for q in out_dir.iterdir() if q.name.startswith(f".{target.name}.")
                    and q.name.endswith(".partial")}

        landed = False
        for attempt in range(5):
            child = Child([PY, str(MAIN), "--project", root, "cut", "export", cut_id, target, "--json"])
            before = {q.name for q in out_dir.iterdir()}
            partial = wait_for(lambda: [q for q in out_dir.iterdir() if q.name.startswith(f".{target.name}.")
                                        and q.name.endswith(".partial") and q.name not in before],
                               timeout=120, interval=0.0005)
            if partial:
                child.stop()
                landed = any(q.exists() for q in partial) and not target.exists()
            row.kill9(child)
            row.inputs += 1
            if landed:
                break
            if target.exists():
                target.unlink()
        assert landed, f"the kill never landed while {target.name} was being written"
        assert not target.exists(), "a killed export left a file under the final name"
        assert integrity_ok(root / CATALOGUE_FILE) == [("ok",)]
        row.lost = max(row.lost, 240 - _cut_items(root / CATALOGUE_FILE, cut_id))
        assert row.lost == 0, "cut items committed before the kill are missing"

        # The killed export's temporary file, made stale; and a fresh one, as another DocManager's running export
        # of the same file would have: the next run of the same export removes the first and leaves the second.
        killed = temporaries()
        assert killed, "the killed export left no temporary file"
        for name in killed:
            _age(out_dir / name)
        fresh = out_dir / f".{target.name}.0123abcd.partial"
        fresh.write_text("being written by another DocManager")
        again = row.cli("--project", root, "cut", "export", cut_id, target, "--json", timeout=300)
        assert again.status == 0, again.out + again.err
        result = again.json
        assert result["check"]["reread"] is True and result["items"] == 240
        assert target.stat().st_size > 0
        notes.append(f"{suffix[1:]} {len(killed)}")
        assert temporaries() == {fresh.name}, temporaries()
        fresh.unlink()
    row.note = f"stale temporary files removed by the rerun ({', '.join(notes)}), a fresh one kept; 240 items reread"
