"""``backup restore`` puts back the catalogue exactly: every table, every row, every column.

A rich catalogue (the demo project: clips, transcripts and translations,
subtitle states, cuts, the activity log; plus a crew with roles, a spanned
AVCHD take offloaded with its MHL, markers, a subclip, a smart bin and a media
root) is dumped table by table with sqlite3, backed up with ``docmanager backup
now``, then changed in many ways (clip edits, a new clip, a cut item removed,
transcript lines edited, roles, states, markers, a new cut).  ``backup restore
NAME`` must give back a catalogue whose dump equals the first one exactly.

Then, after more changes, a ``backup now`` is killed (-9) while its copy is
written: ``backup restore latest`` must pick the previous good backup and give
the first dump back again.
"""
from __future__ import annotations

import shutil
import sqlite3
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from docmanager.project import CATALOGUE_FILE
from tests.reliability.conftest import PY, Child, cli_inproc, integrity_ok

pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")

# ``backup now`` that stops once its copy is written, before it is checked and renamed: the kill lands there.
HELD_BACKUP = textwrap.dedent("""
    import sys, time
    from docmanager import backup
    _check = backup._check_integrity
    def _held(path):
        if str(path).endswith(".partial"):
            print("WRITTEN", path, flush=True)
            time.sleep(120)
        return _check(path)
    backup._check_integrity = _held
    from docmanager.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table of a SQLite catalogue, and its schema: all rows, all columns, sorted."""
    con = sqlite3.connect(db)
    try:
        out = {"sqlite_master": sorted(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"),
                                       key=repr)}
        tables = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            out[table] = sorted(con.execute(f'SELECT * FROM "{table}"'), key=repr)
    finally:
        con.close()
    return out


def compare(before: dict, after: dict) -> tuple[int, int, list[str]]:
    """(rows of ``before`` missing from ``after``, rows only in ``after``, where) by table."""
    lost = extra = 0
    where = []
    for table in sorted(before.keys() | after.keys()):
        b, a = Counter(before.get(table, [])), Counter(after.get(table, []))
        missing, added = sum((b - a).values()), sum((a - b).values())
        if missing or added:
            where.append(f"{table}: {missing} missing, {added} extra")
        lost += missing
        extra += added
    return lost, extra, where


def _ok(row, *args) -> dict:
    """A CLI command in this process that must succeed; its JSON."""
    r = row.checked(cli_inproc(*args, "--json"))
    assert r.status == 0, (args, r.out, r.err[-2000:])
    return r.json


def _enrich(row, root: Path, avchd: Path, tmp_path: Path) -> None:
    """What the demo lacks: a crew with roles, an offloaded spanned AVCHD take, markers, a subclip, a bin, a root."""
    p = str(root)
    for name, role in (("tester", "admin"), ("Wang Fang", "translator"), ("Sun Mei", "director"),
                       ("Zhao Lin", "editor")):
        _ok(row, "--project", p, "user", "add", name, "--role", role)
    card = tmp_path / "CARD2"
    shutil.copytree(avchd, card)
    raid = tmp_path / "raid"
    raid.mkdir()
    ingest = _ok(row, "--project", p, "ingest", card, "--copy-to", raid, "--label", "DAY2", "--no-posters")
    assert ingest["clips_added"] and ingest["failed"] == []
    clips = [c["id"] for c in _ok(row, "--project", p, "clips") if (c["duration"] or 0) >= 3]
    _ok(row, "--project", p, "marker", "add", clips[0], "--at", "1.5", "--note", "他哭了 he cries", "--colour", "blue")
    _ok(row, "--project", p, "marker", "add", clips[1], "--at", "0.5", "--duration", "2", "--note", "hotline number")
    _ok(row, "--project", p, "subclip", "add", clips[0], "--in", "0.5", "--out", "2.5", "--name", "the shop")
    _ok(row, "--project", p, "bin", "add", "Best interviews", "--tag", "interview", "--min-rating", "4")
    _ok(row, "--project", p, "roots", "set", "RAID", raid)


def _change_everything(row, root: Path, samples: dict, tmp_path: Path, round_: int) -> None:
    """Many kinds of change, each counted as one input."""
    from sqlalchemy import text

    from docmanager.cuts import model
    from docmanager.project import Project
    from docmanager.subtitles.status import set_state
    from docmanager.transcripts.store import edit_segment

    p = str(root)
    clips = _ok(row, "--project", p, "clips")
    for c in clips:
        _ok(row, "--project", p, "clip", "set", c["id"], "--tag", f"changed-{round_}", "--notes",
            f"改过了 changed {round_}", "--rating", (c["rating"] + 1) % 6, "--remove-tag", "b-roll")
        row.inputs += 1
    new_file = tmp_path / f"new-{round_}.mov"
    shutil.copy(samples["mov"], new_file)
    added = _ok(row, "--project", p, "ingest", new_file, "--no-posters")["clips_added"]
    assert added
    row.inputs += 1
    with Project.open(root) as project:
        with project.session() as s:
            segments = [sid for (sid,) in s.execute(text("SELECT id FROM segments ORDER BY id"))]
            items = [iid for (iid,) in s.execute(text("SELECT id FROM cut_items ORDER BY id"))]
            cuts = [cid for (cid,) in s.execute(text("SELECT id FROM cuts ORDER BY id"))]
            spoken = [cid for (cid,) in s.execute(text("SELECT DISTINCT clip_id FROM transcripts ORDER BY clip_id"))]
        assert segments and items and cuts and spoken, (segments, items, cuts, spoken)
        for sid in segments[round_::3][:6]:
            row.call(edit_segment, project, sid, text=f"改写的一行 rewritten line {round_}.{sid}")
            row.inputs += 1
        row.call(edit_segment, project, segments[-1], speaker="刘静军", note="checked with the family")
        row.inputs += 1
        row.call(model.remove_item, project, items[0])
        row.inputs += 1
        new_cut = row.call(model.new_cut, project, f"Second assembly {round_}", rate="25")
        row.call(model.add_item, project, new_cut, clip_id=added[0], in_s=0.0, out_s=0.8)
        row.inputs += 2
        row.call(set_state, project, clip_id=spoken[0], lang="zh", state="reviewed", note=f"round {round_}")
        row.inputs += 1
    _ok(row, "--project", p, "segment", "tag", segments[0], f"quote-{round_}")
    _ok(row, "--project", p, "marker", "add", added[0], "--at", "0.2", "--note", f"round {round_}")
    _ok(row, "--project", p, "user", "set-role", "Wang Fang", "--role", "editor" if round_ % 2 else "director")
    _ok(row, "--project", p, "bin", "remove", "Best interviews")
    _ok(row, "--project", p, "subject", "add", f"Volunteer {round_}", "--zh", "志愿者")
    row.inputs += 5


@pytest.mark.case("backup restore: every table and row back, also after a kill -9 during a backup",
                  unit="changes")
def test_restore_gives_back_every_row_even_after_a_killed_backup(demo_project, avchd_master, samples, tmp_path, row,
                                                                 monkeypatch):
    monkeypatch.setenv("DOCMANAGER_USER", "tester")
    root = demo_project
    catalogue = root / CATALOGUE_FILE
    _enrich(row, root, avchd_master, tmp_path)
    first = dump(catalogue)
    tables = [t for t in first if t != "sqlite_master"]
    rows = sum(len(first[t]) for t in tables)
    for table in ("clips", "media_files", "clip_files", "transcripts", "segments", "subtitle_status",
                  "subtitle_history", "cuts", "cut_items", "users", "activity_log", "markers", "subclips",
                  "smart_bins", "media_roots", "offloads", "volumes"):
        assert first[table], f"the catalogue for the round trip has no {table}"
    spanned = [n for (n,) in sqlite3.connect(catalogue).execute(
        "SELECT clip_id FROM clip_files GROUP BY clip_id HAVING count(*) > 1")]
    assert spanned, "no spanned take in the catalogue"

    made = row.cli("--project", root, "backup", "now", "--json")
    assert made.status == 0, made.out + made.err
    name = Path(made.json["backup"]).name

    # 1. many changes, then restore that backup by name
    _change_everything(row, root, samples, tmp_path, 1)
    changed = dump(catalogue)
    gone, new, _ = compare(first, changed)
    assert gone and new, "the changes did not change the catalogue"
    restored = row.cli("--project", root, "backup", "restore", name, "--json")
    assert restored.status == 0, restored.out + restored.err
    assert restored.json["restored"] == name
    assert integrity_ok(catalogue) == [("ok",)]
    lost, extra, where = compare(first, dump(catalogue))
    row.lost += lost
    assert (lost, extra) == (0, 0), where
    assert dump(catalogue) == first

    # 2. more changes, a backup killed while its copy is written, then restore latest: the good one
    _change_everything(row, root, samples, tmp_path, 2)
    child = Child([PY, "-c", HELD_BACKUP, "--project", root, "backup", "now", "--json"])
    reached = row.wait_lines(child, lambda seen: any(s.startswith("WRITTEN") for s in seen), timeout=120)
    row.kill9(child)
    assert reached, child.stderr[-2000:]
    partial = Path(next(s for s in child.seen if s.startswith("WRITTEN")).split(" ", 1)[1])
    assert partial.exists(), "the kill did not land while the backup was being written"
    listed = row.cli("--project", root, "backup", "list", "--json")
    assert listed.status == 0 and partial.name not in {b["name"] for b in listed.json["backups"]}
    again = row.cli("--project", root, "backup", "restore", "latest", "--json")
    assert again.status == 0, again.out + again.err
    assert again.json["restored"] == name, "restore latest did not pick the last good backup"
    assert integrity_ok(catalogue) == [("ok",)]
    lost, extra, where = compare(first, dump(catalogue))
    row.lost += lost
    row.note = (f"{len(tables)} tables, {rows:,} rows equal after both restores; 1 kill, the killed backup "
                f"passed over")
    assert (lost, extra) == (0, 0), where
    assert dump(catalogue) == first
