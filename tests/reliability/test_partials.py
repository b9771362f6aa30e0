"""Temporary files that killed jobs leave behind are removed once stale, and only then.

A job writes under a temporary name and renames the file when it is complete;
killed, it leaves the temporary file.  Opening a project removes those in its
own folders (backups/, proxies/, exports/) once nothing has written to them for
``STALE_AFTER_S`` and no running process holds them open; each writer removes
the stale temporary files of its own target before it writes.  A fresh one may
be another DocManager's running job and is left, as is everything else.
(The kill tests in test_kill.py do this with the files a real kill -9 left.)
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from docmanager.fsutil import STALE_AFTER_S
from tests.reliability.conftest import PY, Child, init_project

pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")


def _write(path: Path, age: float = 0.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"half written")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def _names(paths) -> set[str]:
    return {os.path.relpath(p) for p in paths if p.exists()}


@pytest.mark.case("partials: opening a project removes only the stale ones", unit="files")
def test_opening_a_project_removes_stale_temporary_files_only(tmp_path, row):
    from docmanager.project import Project

    root = init_project(tmp_path / "Film")
    old = 2 * STALE_AFTER_S
    stale = [
        _write(root / "backups" / "catalogue-20260101T000000000000Z.sqlite.partial", old),
        _write(root / "backups" / "catalogue-20260101T000000000000Z.sqlite.partial-journal", old),
        _write(root / "proxies" / "clip-7.mp4.partial", old),
        _write(root / "exports" / ".assembly.xml.0a1b2c3d.partial", old),
        _write(root / "exports" / "pack" / ".interview.en.k2x9_q0a.partial", old),
    ]
    keep = [
        _write(root / "backups" / "catalogue-20260101T000500000000Z.sqlite.partial"),  # fresh: a running backup
        _write(root / "proxies" / "clip-8.mp4.partial", STALE_AFTER_S / 2),  # written to a minute or two ago
        _write(root / "exports" / "assembly.xml", old),  # finished files, however old
        _write(root / "proxies" / "clip-7.mp4", old),
        _write(root / "media" / "joined" / "take.MTS.partial", old),  # not a folder looked at on open
        _write(root / "exports" / "a" / "b" / "c" / ".deep.xml.0a1b2c3d.partial", old),  # deeper than looked
    ]
    held = _write(root / "exports" / ".screener.mp4.77aa88bb.partial", old)  # stale, but a process holds it open
    keep.append(held)
    holder = Child([PY, "-c", "import sys, time\nf = open(sys.argv[1], 'ab')\nprint('OPEN', flush=True)\n"
                                "time.sleep(60)", held])
    try:
        row.wait_lines(holder, lambda seen: "OPEN" in seen, timeout=30)
        row.inputs = len(stale) + len(keep)
        project = row.call(Project.open, root, backup=False)
        project.close()
    finally:
        row.kill9(holder)
    removed = [p for p in stale if not p.exists()]
    wrongly = [p for p in keep if not p.exists()]
    row.lost = None
    row.note = f"stale removed {len(removed)}/{len(stale)}; kept {len(keep) - len(wrongly)}/{len(keep)}: fresh, " \
               f"finished, held open, not looked at"
    assert not wrongly, f"removed what had to stay: {wrongly}"
    assert len(removed) == len(stale), f"left stale temporary files: {_names(stale)}"


@pytest.mark.case("partials: each writer removes the stale ones of its own target", unit="files")
def test_each_writer_removes_the_stale_temporary_files_of_its_own_target(tmp_path, row):
    from docmanager import backup
    from docmanager.cuts import model
    from docmanager.cuts.export import export_cut
    from docmanager.project import Project
    from docmanager.subtitles.export import SubLine, write_subtitles
    from tests.factories import add_plain_clip

    old = 2 * STALE_AFTER_S
    root = init_project(tmp_path / "Film")
    out = tmp_path / "out"
    out.mkdir()
    with Project.open(root, backup=False) as project:
        clip = add_plain_clip(project, "A001")
        cut = model.new_cut(project, "Assembly", rate="25")
        model.add_item(project, cut, clip_id=clip, in_s=0, out_s=2)
        # left by killed jobs while the project was open (so the sweep on open plays no part here)
        cases = {
            "cut export": (
                [_write(out / ".assembly.otio.0a1b2c3d.partial", old)],
                [_write(out / ".assembly.otio.99999999.partial"), _write(out / ".other.otio.0a1b2c3d.partial", old)],
            ),
            "subtitles": (
                [_write(out / ".assembly.abcdefgh.partial", old)],
                [_write(out / ".assembly.zzzz0000.partial"), _write(out / ".interview.abcdefgh.partial", old)],
            ),
            "backup": (
                [_write(root / "backups" / "catalogue-20260101T000000000000Z.sqlite.partial", old),
                 _write(root / "backups" / "catalogue-20260101T000000000000Z.sqlite.partial-journal", old)],
                [_write(root / "backups" / "catalogue-20260101T000500000000Z.sqlite.partial"),
                 _write(root / "backups" / "notes.partial", old)],  # not a backup's name
            ),
        }
        row.inputs = sum(len(a) + len(b) for a, b in cases.values())
        row.call(export_cut, project, cut, out / "assembly.otio")
        row.call(write_subtitles, [SubLine(1000, 2000, "我们找了十年。")], out / "assembly.srt", lang="zh")
        row.call(backup.make_backup, project)
    removed = {what: [p for p in stale if not p.exists()] for what, (stale, _) in cases.items()}
    wrongly = [p for _, keep in cases.values() for p in keep if not p.exists()]
    row.lost = None
    kept = sum(len(k) for _, k in cases.values())
    row.note = "stale removed: " + ", ".join(f"{what} {len(removed[what])}" for what in cases) + \
               f"; fresh or another target's kept {kept - len(wrongly)}/{kept}"
    assert not wrongly, f"removed what had to stay: {wrongly}"
    assert all(len(removed[what]) == len(cases[what][0]) for what in cases), removed
    assert (out / "assembly.otio").exists() and (out / "assembly.srt").exists()
