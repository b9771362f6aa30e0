"""Rotating backups made with SQLite's backup API; list and restore."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from docmanager import backup
from docmanager.project import Project
from tests.factories import add_plain_clip


def test_open_makes_a_backup_only_when_due(project_dir):
    p = Project.open(project_dir)
    first = backup.list_backups(p)
    assert len(first) == 1 and first[0].kind == "backup"
    p.close()
    p = Project.open(project_dir)  # within the interval: no new backup
    assert len(backup.list_backups(p)) == 1
    p.close()


def test_backup_is_a_complete_consistent_copy(project):
    ids = [add_plain_clip(project, f"c{i}") for i in range(5)]
    path = backup.make_backup(project)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(r[0] for r in con.execute("SELECT id FROM clips")) == ids
    con.close()


def test_restore_round_trip_keeps_current_aside(project_dir, cli):
    p = str(project_dir)
    with Project.open(project_dir) as proj:
        add_plain_clip(proj, "kept")
    assert cli("--project", p, "backup", "now").status == 0
    with Project.open(project_dir) as proj:
        add_plain_clip(proj, "after-backup")
    listing = cli("--project", p, "backup", "list", "--json").json["backups"]
    newest = next(b for b in listing if b["kind"] == "backup")
    r = cli("--project", p, "backup", "restore", newest["name"], "--json")
    assert r.status == 0, r.out
    clips = cli("--project", p, "clips", "--json").json
    assert [c["name"] for c in clips] == ["kept"]
    # The catalogue as it was before the restore is kept aside and complete.
    aside = sqlite3.connect(r.json["kept_aside"])
    assert sorted(x[0] for x in aside.execute("SELECT name FROM clips")) == ["after-backup", "kept"]
    aside.close()


def test_restore_unknown_name_is_refused(project_dir, cli):
    r = cli("--project", project_dir, "backup", "restore", "nope.sqlite", "--json")
    assert r.status == 2 and "nope.sqlite" in r.json["error"]["message"]


def test_rotation_keeps_recent_hourly_and_daily(project):
    for made_on_open in project.backups_dir.iterdir():  # only the generations this test makes
        made_on_open.unlink()
    now = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
    # One backup every 10 minutes over three days, in the order they happen.
    for minutes in reversed(range(0, 3 * 24 * 60, 10)):
        backup.make_backup(project, now=now - timedelta(minutes=minutes))
    kept = [b.at for b in backup.list_backups(project) if b.kind == "backup"]
    recent = kept[:backup.KEEP_RECENT]
    assert recent == [now - timedelta(minutes=10 * i) for i in range(backup.KEEP_RECENT)]
    hours = {(t.date(), t.hour) for t in kept if now - t <= timedelta(hours=backup.KEEP_HOURS)}
    assert len(hours) == backup.KEEP_HOURS + 1
    days = {t.date() for t in kept}
    assert len(days) == 4  # today and three days back
    # 10 recent (12:00 back to 10:30) + 46 more hours up to 48 h back + 1 more day, of 432 made
    assert len(kept) == 57


def test_due_after_interval(project):
    now = datetime.now(timezone.utc)
    assert not backup.is_due(project, now)
    assert backup.is_due(project, now + timedelta(seconds=backup.INTERVAL + 1))


def test_a_temporary_copy_left_by_a_killed_backup_goes_once_stale(project):
    import os
    import time

    from docmanager.fsutil import STALE_AFTER_S

    left = project.backups_dir / "catalogue-20260101T000000000000Z.sqlite.partial"
    fresh = project.backups_dir / "catalogue-20260101T000500000000Z.sqlite.partial"
    for p in (left, fresh):
        p.write_bytes(b"SQLite format 3\0 half written")
    then = time.time() - 2 * STALE_AFTER_S
    os.utime(left, (then, then))
    assert all(not b.name.endswith(".partial") for b in backup.list_backups(project))
    made = backup.make_backup(project)
    assert not left.exists()  # stale: removed by the next backup
    assert fresh.exists()  # may be another DocManager's backup being written now
    assert backup.find_backup(project, "latest").path == made
