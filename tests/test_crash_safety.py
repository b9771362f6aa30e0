"""kill -9 in the middle of a batch of edits loses nothing that was committed."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

from docmanager.project import CATALOGUE_FILE
from tests.conftest import ROOT
from tests.factories import add_plain_clip

EDITOR = textwrap.dedent("""
    import sys
    from docmanager.project import Project
    from docmanager.catalogue.clips import set_clips
    project = Project.open(sys.argv[1])
    ids = [int(x) for x in sys.argv[2].split(",")]
    n = 0
    while True:
        cid = ids[n % len(ids)]
        set_clips(project, [cid], add_tags=[f"edit-{n}"], notes=f"note {n}", rating=n % 6)
        print(n, cid, flush=True)   # printed only after the commit returned
        n += 1
""")


def test_kill_during_edits_keeps_every_committed_edit(project):
    ids = [add_plain_clip(project, f"clip{i}") for i in range(5)]
    root = str(project.root)
    project.close()
    proc = subprocess.Popen([sys.executable, "-c", EDITOR, root, ",".join(map(str, ids))],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    committed = []
    for line in proc.stdout:
        committed.append(tuple(int(x) for x in line.split()))
        if len(committed) >= 150:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    for line in proc.stdout:  # edits printed before the kill landed
        committed.append(tuple(int(x) for x in line.split()))

    con = sqlite3.connect(os.path.join(root, CATALOGUE_FILE))
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    tags = {name for (name,) in con.execute(
        "SELECT t.name FROM tags t JOIN clip_tags ct ON ct.tag_id = t.id")}
    missing = [n for n, _ in committed if f"edit-{n}" not in tags]
    assert not missing, f"committed edits lost: {missing[:10]}"
    # Each clip's note is its last printed edit or one committed after it (killed before printing).
    notes = dict(con.execute("SELECT id, notes FROM clips"))
    for cid in ids:
        last = max((n for n, c in committed if c == cid), default=None)
        if last is not None:
            assert int(notes[cid].split()[1]) >= last
    con.close()
    # The project still opens and works.
    from docmanager.project import Project

    with Project.open(root) as again:
        add_plain_clip(again, "after-crash")
