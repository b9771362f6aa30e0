"""A card pulled in the middle of a copy, a file nobody may read, a destination that fills up.

Each case is a real ``docmanager ingest --copy-to`` process.  The moments are
made deterministic by a small driver around the CLI: it watches the offload's
own progress and, right after the first 8 MiB chunk of the named file was
written, truncates that source file (the card's contents cut short), removes
the whole source folder (the card pulled out), or fills the destination.

Afterwards: a clear error naming the file, everything else copied, catalogued
and listed in the ASC MHL history, and nothing that was not verified under a
final name, in the catalogue or in the MHL.  Running the same ingest again
once the card is back finishes the job.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import textwrap
from pathlib import Path

import pytest

from docmanager.project import CATALOGUE_FILE
from tests.reliability.conftest import (MIB, PY, Child, padded_mts, ascmhl_verify, can_drop_file_override, drop_file_override,
                                        files_under, init_project, mhl_listed, partials_under, random_file)

pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")

DRIVER = textwrap.dedent("""
    import os, shutil, sys
    from docmanager.ingest import offload as off
    action, target, extra = sys.argv[1:4]
    _add = off._Meter.add
    state = {"done": False}
    def add(self, n, message):
        _add(self, n, message)
        if not state["done"] and message.startswith("Copying") and os.path.basename(target) in message:
            state["done"] = True
            if action == "truncate":
                os.truncate(target, int(extra))
            elif action == "remove":
                shutil.rmtree(extra)
            elif action == "fill":
                st = os.statvfs(extra)
                free = st.f_bavail * st.f_frsize
                with open(os.path.join(extra, "filler"), "wb") as fh:
                    fh.write(b"\\0" * (free - 1024 * 1024))
            print("PULLED", action, flush=True)
    off._Meter.add = add
    from docmanager.cli import main
    sys.exit(main(sys.argv[4:]))
""")

def _card(root: Path, samples) -> Path:
    (root / "CLIPS").mkdir(parents=True)
    (root / "MORE").mkdir()
    shutil.copy(samples["mp4"], root / "CLIPS" / "A001.mp4")
    padded_mts(samples["mts"], root / "DATA" / "B002.MTS", 20 * MIB)
    shutil.copy(samples["mov"], root / "MORE" / "Z003.mov")
    return root


def _ingest(row, project: Path, card: Path, dest: Path, action: str, target: Path, extra, *,
            preexec_fn=None) -> Child:
    """The ingest with the fault, run to its end; each file on the card is one input tried."""
    row.inputs += len(files_under(card))
    child = Child([PY, "-c", DRIVER, action, target, extra, "--project", project, "ingest", card,
                   "--copy-to", dest, "--label", "DAY1", "--no-posters", "--json"], preexec_fn=preexec_fn)
    row.finish(child, timeout=300)
    return child


def _again(row, project: Path, card: Path, dest: Path):
    """The same ingest once the card is back: its clips are counted as committed too."""
    again = row.cli("--project", project, "ingest", card, "--copy-to", dest, "--label", "DAY1", "--no-posters",
                    "--json")
    if again.out.startswith("{") and "clips_added" in again.out:
        _count_lost(row, project, again.json)
    return again


def _count_lost(row, project: Path, report: dict) -> None:
    """Clips the ingest reported as committed (added or already known) that the catalogue does not hold."""
    con = sqlite3.connect(project / CATALOGUE_FILE)
    try:
        held = {cid for (cid,) in con.execute("SELECT id FROM clips")}
    finally:
        con.close()
    reported = set(report.get("clips_added", [])) | set(report.get("clips_known", []))
    row.lost += len(reported - held)


def _report(child: Child) -> dict:
    return json.loads("\n".join(line for line in child.seen if not line.startswith("PULLED")))


def _catalogued(project: Path) -> set[str]:
    con = sqlite3.connect(project / CATALOGUE_FILE)
    try:
        return {os.path.basename(p) for (p,) in con.execute("SELECT path FROM media_files")}
    finally:
        con.close()


def _check(row, project: Path, card_files: dict[str, bytes], copy_root: Path, child: Child, bad: str, why: str,
           good: set[str]) -> None:
    """The failed file is named with the reason; the others are copied, catalogued and in the MHL; no trace of it."""
    assert child.proc.returncode == 1, (child.seen[-20:], child.stderr[-3000:])
    report = _report(child)
    _count_lost(row, project, report)
    assert row.lost == 0, f"clips the ingest reported are not in the catalogue: {report}"
    row.note = f"{bad} refused ({why}); the rest copied, catalogued, in the MHL"
    named = [f for f in report["failed"] if f["path"].endswith(bad)]
    assert named and why in named[0]["reason"], report["failed"]
    copies = files_under(copy_root)
    assert not [rel for rel in copies if rel.endswith(bad)], "the failed file has a final name in the copy"
    assert not partials_under(copy_root)
    for rel in good:
        assert copies[rel].read_bytes() == card_files[rel], rel
    listed = mhl_listed(copy_root)
    assert good <= listed and not [p for p in listed if p.endswith(bad)], listed
    mhl = ascmhl_verify(copy_root)
    assert mhl.returncode == 0, mhl.stdout + mhl.stderr
    catalogued = _catalogued(project)
    assert os.path.basename(bad) not in catalogued
    assert {os.path.basename(g) for g in good if not g.endswith(".bin")} <= catalogued


@pytest.mark.case("card: a source file cut short mid-copy, then ingest again", unit="files")
def test_a_source_file_cut_short_while_it_is_read(tmp_path, samples, row):
    card = _card(tmp_path / "CARD1", samples)
    original = {rel: p.read_bytes() for rel, p in files_under(card).items()}
    project = init_project(tmp_path / "Film")
    dest = tmp_path / "raid"
    dest.mkdir()
    big = card / "DATA" / "B002.MTS"
    child = _ingest(row, project, card, dest, "truncate", big, 10 * MIB + 7)
    assert any(line.startswith("PULLED") for line in child.seen)
    copy_root = dest / "DAY1" / "CARD1"
    _check(row, project, original, copy_root, child, "DATA/B002.MTS", "shorter", {"CLIPS/A001.mp4", "MORE/Z003.mov"})

    big.write_bytes(original["DATA/B002.MTS"])  # the card back, whole
    again = _again(row, project, card, dest)
    assert again.status == 0 and again.json["failed"] == [], again.out + again.err
    assert row.lost == 0
    assert {rel: p.read_bytes() for rel, p in files_under(copy_root).items()} == original
    assert ascmhl_verify(copy_root).returncode == 0
    assert {"A001.mp4", "B002.MTS", "Z003.mov"} <= _catalogued(project)


@pytest.mark.case("card: pulled out in the middle of a file, then ingest again", unit="files")
def test_the_card_pulled_out_in_the_middle_of_a_file(tmp_path, samples, row):
    card = _card(tmp_path / "media" / "CARD1", samples)
    original = {rel: p.read_bytes() for rel, p in files_under(card).items()}
    keep = tmp_path / "card-backup"
    shutil.copytree(card, keep)
    project = init_project(tmp_path / "Film")
    dest = tmp_path / "raid"
    dest.mkdir()
    child = _ingest(row, project, card, dest, "remove", card / "DATA" / "B002.MTS", card)
    assert any(line.startswith("PULLED") for line in child.seen) and not card.exists()
    copy_root = dest / "DAY1" / "CARD1"
    # The file being read when the card went is read to its end through the open handle (Linux keeps an
    # unlinked file readable), verified and kept; the file after it is gone.
    _check(row, project, original, copy_root, child, "MORE/Z003.mov", "card was removed",
           {"CLIPS/A001.mp4", "DATA/B002.MTS"})

    shutil.copytree(keep, card)
    again = _again(row, project, card, dest)
    assert again.status == 0 and again.json["failed"] == [], again.out + again.err
    assert row.lost == 0
    assert again.json["files_copied"] == 1  # only the file that was missing
    assert {rel: p.read_bytes() for rel, p in files_under(copy_root).items()} == original


@pytest.mark.case("card: a file nobody may read", unit="files")
def test_an_unreadable_file_is_named_and_the_rest_is_ingested(tmp_path, samples, row):
    preexec = None
    if os.geteuid() == 0:
        # root reads a chmod 000 file; the ingest runs as root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH
        # (a user "nobody" could not run the interpreter, which lives under /root here).
        why = can_drop_file_override()
        if why:
            pytest.skip(f"running as root, which reads any file whatever its mode, and {why}")
        preexec = drop_file_override
    card = _card(tmp_path / "CARD1", samples)
    original = {rel: p.read_bytes() for rel, p in files_under(card).items()}
    project = init_project(tmp_path / "Film")
    dest = tmp_path / "raid"
    dest.mkdir()
    locked = card / "MORE" / "B9.mov"
    locked.write_bytes(samples["mov"].read_bytes() + b"\0")
    os.chmod(locked, 0)
    try:
        child = _ingest(row, project, card, dest, "none", locked, 0, preexec_fn=preexec)
        _check(row, project, original, dest / "DAY1" / "CARD1", child, "MORE/B9.mov", "permission denied",
               {"CLIPS/A001.mp4", "DATA/B002.MTS", "MORE/Z003.mov"})
    finally:
        os.chmod(locked, 0o644)


@pytest.mark.case("card: the destination fills up mid-copy", unit="files")
def test_a_destination_that_fills_up(tmp_path, samples, row):
    if os.geteuid() != 0:
        pytest.skip("a small tmpfs destination needs root to mount (mount -t tmpfs); not root here")
    dest = tmp_path / "small-drive"
    dest.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(dest)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        card = _card(tmp_path / "CARD1", samples)
        random_file(card / "DATA" / "C004.bin", 30 * MIB, seed=4)  # larger than the whole drive
        original = {rel: p.read_bytes() for rel, p in files_under(card).items()}
        project = init_project(tmp_path / "Film")
        # After the first chunk of B002.MTS the drive is filled to 1 MiB of free space: the next write fails.
        child = _ingest(row, project, card, dest, "fill", card / "DATA" / "B002.MTS", dest)
        assert any(line.startswith("PULLED") for line in child.seen)
        (dest / "filler").unlink()
        copy_root = dest / "DAY1" / "CARD1"
        _check(row, project, original, copy_root, child, "DATA/B002.MTS", "disk full",
               {"CLIPS/A001.mp4", "MORE/Z003.mov"})
        row.note = "DATA/B002.MTS, DATA/C004.bin refused (disk full); the rest copied, catalogued, in the MHL"
        named = [f for f in _report(child)["failed"] if f["path"].endswith("DATA/C004.bin")]
        assert named and "disk full" in named[0]["reason"]
        assert not [rel for rel in files_under(copy_root) if rel.endswith("C004.bin")]
    finally:
        subprocess.run(["umount", str(dest)], capture_output=True)
