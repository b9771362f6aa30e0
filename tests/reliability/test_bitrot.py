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
import random
import shutil
import subprocess
import textwrap

import pytest

from tests.reliability.conftest import MIB, PY, ROOT, padded_mts, add_summary, child_env, init_project, run_cli

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


def test_every_one_byte_change_is_found_by_verify(tmp_path, samples, avchd_master):
    card = tmp_path / "CARD1"
    shutil.copytree(avchd_master, card)  # a spanned take: its files and the joined file are catalogued
    shutil.copy(samples["mp4"], card / "A001.mp4")
    padded_mts(samples["mts"], card / "B002.MTS", 3 * MIB + 4321)
    project = init_project(tmp_path / "Film")
    archive = tmp_path / "archive"
    archive.mkdir()
    r = run_cli("--project", project, "ingest", card, "--copy-to", archive, "--no-posters", "--json")
    assert r.status == 0, r.out + r.err
    clips = run_cli("--project", project, "clips", "--json").json
    files = sorted({f["path"] for c in clips for f in c["files"]})
    files += sorted(str(p) for p in (project / "media").rglob("*.MTS"))  # the joined take
    assert len(files) >= 6

    rnd = random.Random(1234)
    plan = []
    for path in files:
        size = os.path.getsize(path)
        for where, offset in _positions(size, rnd, extra=3 if size > 2 * MIB else 1):
            plan.append((path, where, offset, rnd.randrange(1, 256)))

    proc = subprocess.Popen([PY, "-c", VERIFIER, str(project)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT)

    def verify() -> dict:
        proc.stdin.write("verify\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line, proc.stderr.read()[-3000:]
        return json.loads(line)

    missed = []
    try:
        first = verify()
        assert first["status"] == 0 and first["out"]["ok"] == len(files), first
        for path, where, offset, mask in plan:
            _flip(path, offset, mask)
            try:
                found = verify()
            finally:
                _flip(path, offset, mask)
            if found["status"] != 1 or found["out"]["changed"] != [path]:
                missed.append((path, where, offset, found))
            clean = verify()
            assert clean["status"] == 0 and clean["out"]["changed"] == [], (path, where, offset, clean)
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    by_where: dict[str, int] = {}
    for _, where, _, _ in plan:
        by_where[where] = by_where.get(where, 0) + 1
    add_summary(f"bit rot: {len(plan)} one-byte changes in {len(files)} archived files "
                f"({', '.join(f'{k}: {v}' for k, v in by_where.items())}); found by verify: "
                f"{len(plan) - len(missed)}, missed: {len(missed)}", tmp_path / "summary.txt")
    assert not missed, missed[:5]
