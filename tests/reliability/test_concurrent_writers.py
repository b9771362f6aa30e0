"""Two writer processes, 1,200 edits on the same clips: no edit lost, every conflict reported.

Each writer reads a clip's version, waits a moment (so the other writer can get
in between), then changes one field with ``set_clips(..., expected_versions=
{clip: version})``: a rating (always a new value), the notes (a new text) or a
new tag.  Half of the edits go to clips both writers edit (they conflict), half
to clips only that writer edits (they never conflict).  Each writer prints one
line per edit: ``OK`` with the version it saw, or ``CONFLICT`` when the core
refused it with ConflictError.

Afterwards, per clip, the committed edits must form one chain of versions (each
based on the version the one before it produced, none twice: two edits made
from the same version would mean one overwrote the other unseen), and replaying
them in that order must give exactly what the catalogue holds.
"""
from __future__ import annotations

import textwrap
import time

import pytest

from tests.reliability.conftest import PY, Child, add_summary, init_project, integrity_ok

EDITS_PER_WRITER = 600

WRITER = textwrap.dedent("""
    import os, random, sys, time
    from docmanager.project import Project
    from docmanager.catalogue.clips import set_clips
    from docmanager.db.models import Clip
    from docmanager.errors import ConflictError
    root, writer, edits, shared, own, go = sys.argv[1:7]
    edits = int(edits)
    shared = [int(x) for x in shared.split(",")]
    own = [int(x) for x in own.split(",")]
    rnd = random.Random(int(writer) * 7919)
    project = Project.open(root, backup=False)
    while not os.path.exists(go):
        time.sleep(0.001)
    for n in range(edits):
        cid = rnd.choice(shared) if n % 2 == 0 else rnd.choice(own)
        with project.session() as s:
            clip = s.get(Clip, cid)
            seen, rating = clip.version, clip.rating
        time.sleep(rnd.random() * 0.002)
        kind = ("rating", "notes", "tag")[n % 3]
        if kind == "rating":
            value = str((rating + 1 + rnd.randrange(5)) % 6)
            change = {"rating": int(value)}
        elif kind == "notes":
            value = f"w{writer}-n{n}"
            change = {"notes": value}
        else:
            value = f"w{writer}-t{n}"
            change = {"add_tags": [value]}
        try:
            set_clips(project, [cid], expected_versions={cid: seen}, **change)
        except ConflictError:
            print("CONFLICT", writer, n, cid, seen, kind, value, flush=True)
        else:
            print("OK", writer, n, cid, seen, kind, value, flush=True)
    project.close()
    print("DONE", writer, flush=True)
""")


@pytest.mark.case("two writers, versioned edits on shared and own clips", unit="edits")
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_writers_lose_no_update_and_report_every_conflict(tmp_path, backend, request, row):
    from sqlalchemy import text

    from docmanager.project import CATALOGUE_FILE, Project
    from tests.factories import add_plain_clip

    db = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    root = init_project(tmp_path / "Film", db)
    with Project.open(root, backup=False) as p:
        shared = [add_plain_clip(p, f"S{i}") for i in range(3)]
        own = {w: [add_plain_clip(p, f"W{w}-{i}") for i in range(3)] for w in (1, 2)}
        with p.session() as s:
            start = dict(s.execute(text("SELECT id, version FROM clips")).all())
    go = tmp_path / "go"
    writers = [Child([PY, "-c", WRITER, root, w, EDITS_PER_WRITER, ",".join(map(str, shared)),
                      ",".join(map(str, own[w])), go]) for w in (1, 2)]
    time.sleep(0.3)
    go.touch()
    for child in writers:
        status = row.finish(child, timeout=240)
        assert status == 0 and child.seen[-1].startswith("DONE"), child.stderr[-3000:]

    edits = []
    for child in writers:
        for line in child.seen:
            if line.startswith(("OK", "CONFLICT")):
                outcome, w, n, cid, seen, kind, value = line.split(" ", 6)
                edits.append((outcome, int(w), int(n), int(cid), int(seen), kind, value))
    row.inputs = len(edits)
    assert len(edits) == 2 * EDITS_PER_WRITER

    if backend == "sqlite":
        assert integrity_ok(root / CATALOGUE_FILE) == [("ok",)]
    with Project.open(root, backup=False) as p:
        with p.session() as s:
            rows = {cid: (version, rating, notes) for cid, version, rating, notes in
                    s.execute(text("SELECT id, version, rating, notes FROM clips"))}
            tags: dict[int, set[str]] = {}
            for cid, name in s.execute(text("SELECT ct.clip_id, t.name FROM clip_tags ct JOIN tags t "
                                            "ON t.id = ct.tag_id")):
                tags.setdefault(cid, set()).add(name)

    lost = []
    for cid in shared + own[1] + own[2]:
        committed = sorted((e for e in edits if e[3] == cid and e[0] == "OK"), key=lambda e: e[4])
        bases = [e[4] for e in committed]
        # one chain: every committed edit was made from the version the previous one produced
        if bases != list(range(start[cid], start[cid] + len(committed))):
            lost.append((cid, "versions", bases[:20]))
        version, rating, notes = rows[cid]
        if version != start[cid] + len(committed):
            lost.append((cid, "final version", version, start[cid] + len(committed)))
        # replaying the committed edits in order gives exactly the catalogue's state
        want_rating, want_notes, want_tags = 0, None, set()
        for e in committed:
            if e[5] == "rating":
                want_rating = int(e[6])
            elif e[5] == "notes":
                want_notes = e[6]
            else:
                want_tags.add(e[6])
        if (rating, notes, tags.get(cid, set())) != (want_rating, want_notes, want_tags):
            lost.append((cid, "state", (rating, notes, sorted(tags.get(cid, set()))[:5]),
                         (want_rating, want_notes, sorted(want_tags)[:5])))
    own_ids = set(own[1] + own[2])
    non_conflicting = [e for e in edits if e[3] in own_ids]
    conflicting = [e for e in edits if e[3] not in own_ids]
    refused = [e for e in conflicting if e[0] == "CONFLICT"]
    row.lost = len(lost)
    refused_all = sum(e[0] == "CONFLICT" for e in edits)
    row.note = (f"{len(edits) - refused_all} committed and present, {refused_all} refused with ConflictError; "
                f"{len(conflicting)} on shared clips")
    assert not lost, f"lost updates: {lost[:5]}"

    assert all(e[0] == "OK" for e in non_conflicting), [e for e in non_conflicting if e[0] != "OK"][:5]
    assert refused, "the writers never met: no conflict was exercised"
    add_summary(f"two writers on {backend}: {len(edits)} edits; {len(non_conflicting)} on a writer's own clips, "
                f"all present; {len(conflicting)} on shared clips: {len(conflicting) - len(refused)} committed "
                f"and present, {len(refused)} refused with ConflictError; lost updates: {len(lost)}",
                tmp_path / "summary.txt")
