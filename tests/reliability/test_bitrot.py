"""A one-byte change anywhere in an archived file is always found by ``docmanager verify``.

Footage is ingested into an archive (``--copy-to``); then, at positions drawn
with a fixed seed (the first and last byte, inside the first and the last MiB
that the quick fingerprint covers, the middle and beyond), one byte of one
archived file is changed with its modification time kept (silent corruption),
``verify`` runs, and the byte is put back and ``verify`` runs again.  verify
must name exactly that file as changed, and then find everything ok.

``verify`` runs in one long-lived process that reads "verify" on its standard
input and answers with the command's JSON, so the hundred runs stay fast.
"""
from __future__ import annotations

import json
import os
import queue
import random
import shutil
import sqlite3
import textwrap

import pytest

from docmanager.project import CATALOGUE_FILE
from tests.reliability.conftest import MIB, PY, Child, padded_mts, add_summary, init_project

VERIFY_TIMEOUT = 60.0

pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")

VERIFIER = textwrap.dedent("""
    import contextlib, io, json, sys
    from docmanager.cli import main
    project = sys.argv[1]
    for line in sys.stdin:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(["--project", project, "verify", "--json"])
        print(json.dumps({"status": status, "out": json.loads(out.getvalue())}), flush=True)
""")


def _positions(size: int, rnd: random.Random, extra: int) -> list[tuple[str, int]]:
    picks = [("first byte", 0), ("second byte", 1), ("last byte", size - 1), ("next to last", size - 2),
             ("middle", size // 2)]
    picks += [("first MiB", rnd.randrange(0, min(size, MIB))) for _ in range(extra)]
    picks += [("last MiB", rnd.randrange(max(0, size - MIB), size)) for _ in range(extra)]
    if size > 2 * MIB:
        picks += [("beyond the edges", rnd.randrange(MIB, size - MIB)) for _ in range(2 * extra)]
    picks += [("anywhere", rnd.randrange(0, size)) for _ in range(extra)]
    return picks


def _flip(path: str, offset: int, mask: int) -> None:
    st = os.stat(path)
    with open(path, "r+b") as fh:
        fh.seek(offset)
        b = fh.read(1)[0]
        fh.seek(offset)
        fh.write(bytes([b ^ mask]))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # silent: same size, same time


def _catalogued_files(project) -> set:
    con = sqlite3.connect(f"file:{project / CATALOGUE_FILE}?mode=ro", uri=True)
    try:
        return set(con.execute("SELECT id, path, size, xxh64 FROM media_files"))
    finally:
        con.close()


@pytest.mark.case("bit rot: one byte changed in an archived file, then verify", unit="bytes flipped")
def test_every_one_byte_change_is_found_by_verify(tmp_path, samples, avchd_master, row):
    card = tmp_path / "CARD1"
    shutil.copytree(avchd_master, card)  # a spanned take: its files and the joined file are catalogued
    shutil.copy(samples["mp4"], card / "A001.mp4")
    padded_mts(samples["mts"], card / "B002.MTS", 3 * MIB + 4321)
    project = init_project(tmp_path / "Film")
    archive = tmp_path / "archive"
    archive.mkdir()
    r = row.cli("--project", project, "ingest", card, "--copy-to", archive, "--no-posters", "--json")
    assert r.status == 0, r.out + r.err
    clips = row.cli("--project", project, "clips", "--json").json
    files = sorted({f["path"] for c in clips for f in c["files"]})
    files += sorted(str(p) for p in (project / "media").rglob("*.MTS"))  # the joined take
    assert len(files) >= 6

    rnd = random.Random(1234)
    plan = []
    for path in files:
        size = os.path.getsize(path)
        for where, offset in _positions(size, rnd, extra=3 if size > 2 * MIB else 1):
            plan.append((path, where, offset, rnd.randrange(1, 256)))

    catalogued = _catalogued_files(project)
    verifier = Child([PY, "-c", VERIFIER, project], stdin=True)
    stuck = []

    def verify() -> dict:
        verifier.send("verify")
        try:
            line = verifier.next_line(timeout=VERIFY_TIMEOUT)
        except queue.Empty:
            row.hangs += 1
            stuck.append(True)
            raise AssertionError(f"verify did not answer within {VERIFY_TIMEOUT:.0f} s")
        if line is None:  # the verifier died
            stuck.append(True)
            row.finish(verifier, timeout=30)
            raise AssertionError(f"the verify process ended: {verifier.stderr[-3000:]}")
        answer = json.loads(line)
        error = answer["out"].get("error") if isinstance(answer["out"], dict) else None
        if error and "unexpected error" in (error.get("message") or ""):  # not a DocManagerError: a crash
            row.crashes += 1
        return answer

    missed = []
    try:
        first = verify()
        assert first["status"] == 0 and first["out"]["ok"] == len(files), first
        for path, where, offset, mask in plan:
            _flip(path, offset, mask)
            row.inputs += 1
            try:
                found = verify()
            finally:
                _flip(path, offset, mask)
            if found["status"] != 1 or found["out"]["changed"] != [path]:
                missed.append((path, where, offset, found))
            clean = verify()
            assert clean["status"] == 0 and clean["out"]["changed"] == [], (path, where, offset, clean)
    finally:
        if stuck:
            verifier.kill9()
        else:
            row.finish(verifier, timeout=60)  # its input closed: it ends
    # verify writes what it finds; no catalogued file may be lost on the way
    row.lost = len(catalogued - _catalogued_files(project))
    by_where: dict[str, int] = {}
    for _, where, _, _ in plan:
        by_where[where] = by_where.get(where, 0) + 1
    add_summary(f"bit rot: {len(plan)} one-byte changes in {len(files)} archived files "
                f"({', '.join(f'{k}: {v}' for k, v in by_where.items())}); found by verify: "
                f"{len(plan) - len(missed)}, missed: {len(missed)}", tmp_path / "summary.txt")
    row.note = (f"{len(files)} archived files, {2 * len(plan) + 1} verify runs; found {len(plan) - len(missed)}, "
                f"missed {len(missed)}")
    assert not missed, missed[:5]
    assert row.lost == 0, "catalogued files changed or went missing while verify ran"
