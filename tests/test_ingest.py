"""Ingest end to end through the CLI: AVCHD cards, verified offload, bad input, verify, relink."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path

import pytest

from docmanager.media.avchd_card import TakeSpec, write_card
from docmanager.media.generate import make_clip
from docmanager.media.mdpm import read_mdpm
from tests.conftest import ROOT, run_cli_process

pytestmark = pytest.mark.slow

CST = timezone(timedelta(hours=8))
ASCMHL_DEBUG = Path(sys.executable).with_name("ascmhl-debug")


def sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under root (except ASC MHL histories)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "ascmhl"]
        for name in filenames:
            full = os.path.join(dirpath, name)
            out[os.path.relpath(full, root)] = sha(full)
    return out


@pytest.fixture(scope="module")
def card_master(tmp_path_factory) -> Path:
    """A camera card: a take spanned over 3 files, a single take, both with MDPM dates."""
    root = tmp_path_factory.mktemp("cards") / "CARD1"
    write_card(root, [
        TakeSpec(seconds=4, files=3, recorded_at=datetime(2019, 5, 2, 10, 14, 3, tzinfo=CST),
                 camera=("Sony", "HDR-CX550V"), timecode="10:14:03:00"),
        TakeSpec(seconds=2, recorded_at=datetime(2019, 5, 2, 11, 0, 0, tzinfo=CST)),
    ])
    return root


@pytest.fixture
def card(card_master, tmp_path) -> Path:
    path = tmp_path / "CARD1"
    shutil.copytree(card_master, path)
    return path


def ingest_json(project, *args):
    r = run_cli_process("--project", project, "ingest", *args, "--json")
    assert r.status in (0, 1), r.err + r.out
    return r, r.json


def stream_files(card: Path) -> list[Path]:
    return sorted((card / "PRIVATE" / "AVCHD" / "BDMV" / "STREAM").iterdir())


def test_spanned_take_is_one_clip_with_its_files_date_and_camera(project_dir, card):
    r, out = ingest_json(project_dir, card)
    assert r.status == 0, out["failed"]
    assert len(out["clips_added"]) == 2 and out["failed"] == []
    clips = run_cli_process("--project", project_dir, "clips", "--json").json
    spanned = [c for c in clips if len(c["files"]) == 3]
    assert len(spanned) == 1
    clip = spanned[0]
    mts = stream_files(card)
    assert [f["path"] for f in clip["files"]] == [str(p) for p in mts[:3]]
    assert abs(clip["duration"] - 4.0) <= 0.1
    first = read_mdpm(mts[0])
    assert clip["recorded_at"] == first.recorded_at.isoformat() == "2019-05-02T10:14:03+08:00"
    assert clip["camera"] == {"make": "Sony", "model": "HDR-CX550V"}
    assert clip["scan"] == "interlaced" and clip["frame_rate"] == "25"
    # The take's joined file is the byte concatenation of its files, in order.
    joined = Path(clip["joined_file"]["path"])
    assert joined.read_bytes() == b"".join(p.read_bytes() for p in mts[:3])
    assert Path(clip["poster"]).exists()


def test_copy_to_two_destinations_verified_with_mhl_and_idempotent(project_dir, card, tmp_path):
    a, b = tmp_path / "A", tmp_path / "B"
    a.mkdir()
    b.mkdir()
    r, out = ingest_json(project_dir, card, "--copy-to", a, "--copy-to", b, "--label", "Day1")
    assert r.status == 0, out["failed"]
    assert len(out["clips_added"]) == 2
    assert out["destinations"] == [str(a / "Day1"), str(b / "Day1")]
    source = tree_digest(card)
    for dest in (a, b):
        copy = dest / "Day1" / "CARD1"
        assert tree_digest(copy) == source
        assert (copy / "ascmhl" / "ascmhl_chain.xml").exists()
        check = subprocess.run([str(ASCMHL_DEBUG), "verify", str(copy)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    assert len(out["mhl"]) == 2 and all(Path(p).exists() for p in out["mhl"])
    # The catalogue points at the first destination.
    clips = run_cli_process("--project", project_dir, "clips", "--json").json
    for c in clips:
        for f in c["files"]:
            assert f["path"].startswith(str(a / "Day1"))
    # A second identical run adds nothing and copies nothing.
    stamp = {p: p.stat().st_mtime_ns for p in (a / "Day1").rglob("*.MTS")}
    r, again = ingest_json(project_dir, card, "--copy-to", a, "--copy-to", b, "--label", "Day1")
    assert r.status == 0
    assert again["clips_added"] == [] and sorted(again["clips_known"]) == sorted(out["clips_added"])
    assert again["files_copied"] == 0 and again["bytes_copied"] == 0
    assert {p: p.stat().st_mtime_ns for p in (a / "Day1").rglob("*.MTS")} == stamp


def test_same_card_at_another_mount_is_recognised(project_dir, card, tmp_path):
    r, out = ingest_json(project_dir, card)
    moved = tmp_path / "mnt" / "usb" / "CANON"
    shutil.copytree(card, moved)
    r, again = ingest_json(project_dir, moved)
    assert again["clips_added"] == [] and sorted(again["clips_known"]) == sorted(out["clips_added"])


@pytest.fixture
def bad_folder(tmp_path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    make_clip(folder / "good.mp4", seconds=1, size=(1280, 720))
    make_clip(folder / "good29.mov", seconds=1, rate=Fraction(30000, 1001), size=(1280, 720))
    make_clip(os.fsdecode(os.fsencode(str(folder)) + b"/\xb2\xc9\xb7\xc3.MP4"), seconds=1, size=(1280, 720))
    (folder / "zero.mp4").write_bytes(b"")
    (folder / "random.mp4").write_bytes(os.urandom(150_000))
    data = (folder / "good.mp4").read_bytes()
    (folder / "truncated.mp4").write_bytes(data[: len(data) // 3])
    (folder / "notes.txt").write_text("not media, not a clip")
    write_card(folder / "CARD", [TakeSpec(seconds=2), TakeSpec(seconds=2, damage="missing")])
    return folder


def test_bad_input_is_listed_and_the_rest_catalogued(project_dir, bad_folder):
    r, out = ingest_json(project_dir, bad_folder)
    assert r.status == 1
    failed = {os.path.basename(f["path"]): f["reason"] for f in out["failed"]}
    for name in ("zero.mp4", "random.mp4", "truncated.mp4"):
        assert name in failed and failed[name]
    missing = [f for f in out["failed"] if f["path"].endswith(".MTS")]
    assert len(missing) == 1 and "missing" in missing[0]["reason"]
    assert "notes.txt" not in failed
    clips = run_cli_process("--project", project_dir, "clips", "--json").json
    names = sorted(c["name"] for c in clips)
    assert names == sorted(["good.mp4", "good29.mov", "采访.MP4", "00000.MTS"])
    gbk = next(c for c in clips if c["name"] == "采访.MP4")
    assert gbk["files"][0]["path_bytes_hex"].endswith(b"\xb2\xc9\xb7\xc3.MP4".hex())
    assert next(c for c in clips if c["name"] == "good29.mov")["frame_rate"] == "30000/1001"


def test_unknown_subject_is_refused_before_anything_is_done(project_dir, card):
    r = run_cli_process("--project", project_dir, "ingest", card, "--subject", "Nobody", "--json")
    assert r.status == 2 and "Nobody" in r.json["error"]["message"]
    assert run_cli_process("--project", project_dir, "clips", "--json").json == []


def test_subject_and_shoot_given_to_new_clips(project_dir, card):
    assert run_cli_process("--project", project_dir, "subject", "add", "Liu Jingjun", "--zh", "刘静军").status == 0
    assert run_cli_process("--project", project_dir, "shoot", "add", "Taiyuan").status == 0
    r, out = ingest_json(project_dir, card, "--subject", "刘静军", "--shoot", "Taiyuan")
    clips = run_cli_process("--project", project_dir, "clips", "--subject", "Liu Jingjun", "--json").json
    assert sorted(c["id"] for c in clips) == sorted(out["clips_added"])
    assert {c["shoot"] for c in clips} == {"Taiyuan"}


def test_killed_offload_leaves_no_unverified_file_and_a_rerun_completes(project_dir, tmp_path):
    card = tmp_path / "BIGCARD"
    write_card(card, [TakeSpec(seconds=6, files=3, pattern="testsrc2")])
    # Make the copy slow enough to be killed half-way: many medium files beside the card.
    extra = card / "PRIVATE" / "EXTRA"
    extra.mkdir(parents=True)
    for i in range(12):
        (extra / f"blob{i:02d}.bin").write_bytes(os.urandom(24 * 1024 * 1024))
    dest = tmp_path / "ARCHIVE"
    dest.mkdir()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--project", str(project_dir), "ingest",
                             str(card), "--copy-to", str(dest), "--json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    copy_root = dest / "BIGCARD"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = list(copy_root.rglob("blob*.bin")) if copy_root.exists() else []
        if len(done) >= 3:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    source = tree_digest(card)
    # Every file under its final name is a complete, verified copy.
    for rel, digest in tree_digest(copy_root / "BIGCARD").items():
        if rel.endswith(".docmanager-partial"):
            continue
        assert source[rel] == digest, f"{rel} carries a final name but is not the source's bytes"
    r, out = ingest_json(project_dir, card, "--copy-to", dest)
    assert r.status == 0, out["failed"]
    assert len(out["clips_added"]) == 1
    copied = {k: v for k, v in tree_digest(copy_root / "BIGCARD").items()}
    assert copied == source
    assert not list(copy_root.rglob("*.docmanager-partial"))
    check = subprocess.run([str(ASCMHL_DEBUG), "verify", str(copy_root / "BIGCARD")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_verify_finds_a_flipped_byte_and_relink_reconnects_a_moved_archive(project_dir, card, tmp_path):
    archive = tmp_path / "ARCHIVE"
    archive.mkdir()
    r, out = ingest_json(project_dir, card, "--copy-to", archive, "--label", "Day1")
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 0 and v.json["changed"] == [] and v.json["missing"] == []
    victim = sorted((archive / "Day1").rglob("00001.MTS"))[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 1 and v.json["changed"] == [str(victim)]
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    # The archive moves to another drive; every clip goes offline, then relink finds them by content.
    moved = tmp_path / "NEWDRIVE" / "Archive"
    moved.parent.mkdir()
    shutil.move(str(archive), str(moved))
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 1 and len(v.json["missing"]) == 4  # the card's four stream files (the joined file stays)
    r = run_cli_process("--project", project_dir, "relink", moved, "--json")
    assert r.status == 0, r.out
    assert r.json["relinked"] == 4 and r.json["ambiguous"] == [] and r.json["still_offline"] == 0
    clips = run_cli_process("--project", project_dir, "clips", "--json").json
    for c in clips:
        assert c["state"] == "online"
        for f in c["files"]:
            assert f["path"].startswith(str(moved)) and Path(f["path"]).exists()


def _flip_silently(path: Path, offset: int) -> None:
    """Change one byte, keeping the size and the modification time (a laptop's silent corruption)."""
    st = path.stat()
    with open(path, "r+b") as fh:
        fh.seek(offset)
        b = fh.read(1)[0]
        fh.seek(offset)
        fh.write(bytes([b ^ 0x10]))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _offload_to_two(project_dir, card, tmp_path) -> tuple[Path, Path]:
    """Ingest the card with copies into A/Day1 (the working copy) and B/Day1."""
    dests = tmp_path / "A", tmp_path / "B"
    for d in dests:
        d.mkdir()
    r, out = ingest_json(project_dir, card, "--copy-to", dests[0], "--copy-to", dests[1], "--label", "Day1")
    assert r.status == 0, out["failed"]
    return dests


def test_verify_checks_the_second_destination_and_names_an_intact_copy(project_dir, card, tmp_path):
    a, b = _offload_to_two(project_dir, card, tmp_path)
    working = sorted((a / "Day1").rglob("*.MTS"))
    backups = sorted((b / "Day1").rglob("*.MTS"))
    assert len(working) == len(backups) == 4
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 0, v.out
    assert v.json["changed"] == [] and v.json["missing"] == [] and v.json["damaged"] == []
    assert sorted((c["path"], c["of"], c["state"]) for c in v.json["copies"]) == [
        (str(bk), str(wk), "ok") for wk, bk in zip(working, backups)]

    # One byte flipped in the second destination's copy: verify finds it there.
    victim = sorted((b / "Day1").rglob("00001.MTS"))[0]
    twin = a / victim.relative_to(b)
    _flip_silently(victim, victim.stat().st_size // 2)
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 1, v.out
    assert v.json["changed"] == [] and v.json["missing"] == []  # the working copies are fine
    states = {c["path"]: c["state"] for c in v.json["copies"]}
    assert states.pop(str(victim)) == "changed" and set(states.values()) == {"ok"}
    assert [c["of"] for c in v.json["copies"] if c["path"] == str(victim)] == [str(twin)]
    text = run_cli_process("--project", project_dir, "verify")
    assert text.status == 1 and str(victim) in text.out and "CHANGED" in text.out
    _flip_silently(victim, victim.stat().st_size // 2)

    # One byte flipped in the working copy only: the intact copy on B is named to restore it from.
    _flip_silently(twin, 3)
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 1 and v.json["changed"] == [str(twin)]
    assert v.json["damaged"] == [{"path": str(twin), "state": "changed", "good_copy": str(victim)}]
    assert {c["state"] for c in v.json["copies"]} == {"ok"}
    text = run_cli_process("--project", project_dir, "verify")
    assert text.status == 1 and f"restore it from {victim}" in text.out
    _flip_silently(twin, 3)

    # The second destination is not connected: its copies are not checked, and that is no damage.
    shutil.move(str(b), str(tmp_path / "B-unplugged"))
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 0, v.out
    assert v.json["changed"] == [] and v.json["missing"] == [] and v.json["damaged"] == []
    assert sorted((c["path"], c["state"]) for c in v.json["copies"]) == [(str(p), "not_connected") for p in backups]
    text = run_cli_process("--project", project_dir, "verify")
    assert text.status == 0 and "not checked: destination not connected" in text.out and str(b / "Day1") in text.out


def test_verify_reports_a_missing_backup_copy_and_counts_copies_in_progress_and_cancel(project_dir, card, tmp_path):
    from docmanager.ingest.verify import verify
    from docmanager.jobs import Progress
    from docmanager.project import Project

    a, b = _offload_to_two(project_dir, card, tmp_path)
    gone = sorted((b / "Day1").rglob("00002.MTS"))[0]
    gone.unlink()
    working = a / gone.relative_to(b)
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 1 and v.json["changed"] == [] and v.json["missing"] == []
    assert [c for c in v.json["copies"] if c["state"] != "ok"] == [
        {"path": str(gone), "state": "missing", "of": str(working), "destination": str(b / "Day1")}]
    # The working copy gone too: no intact copy is left to restore it from.
    working.unlink()
    v = run_cli_process("--project", project_dir, "verify", "--json")
    assert v.status == 1 and v.json["missing"] == [str(working)]
    assert v.json["damaged"] == [{"path": str(working), "state": "missing", "good_copy": None}]

    project = Project.open(project_dir)
    try:
        seen = []
        verify(project, progress=Progress(lambda done, total, message: seen.append((done, total, message)), rate=1e9))
        total = seen[-1][1]
        on_a = sum(p.stat().st_size for p in (a / "Day1").rglob("*.MTS"))
        on_b = sum(p.stat().st_size for p in (b / "Day1").rglob("*.MTS"))
        assert total >= on_a + on_b  # the backup copies are counted in the work to do
        assert any(m.startswith("Verifying the copy of") and m.endswith(f" on {b}") for _, _, m in seen)
        assert all(done <= t for done, t, _ in seen)
        # Cancel while the backup copies are read: verify stops and says so.
        progress_seen = []

        def cancel():
            return any("copy" in m for _, _, m in progress_seen)

        rep = verify(project, progress=Progress(lambda d, t, m: progress_seen.append((d, t, m)), rate=1e9),
                     cancel=cancel)
        assert rep.cancelled
        assert len(rep.data["copies"]) < 4
    finally:
        project.close()


def test_relink_lists_ambiguous_matches_instead_of_guessing(project_dir, card, tmp_path):
    r, out = ingest_json(project_dir, card)
    moved = tmp_path / "elsewhere"
    shutil.move(str(card), str(moved / "one" / "CARD1"))
    shutil.copytree(moved / "one" / "CARD1", moved / "two" / "CARD1")
    r = run_cli_process("--project", project_dir, "relink", moved, "--json")
    assert r.status == 0
    assert r.json["relinked"] == 0 and len(r.json["ambiguous"]) == 4
    assert all(len(a["candidates"]) == 2 for a in r.json["ambiguous"])
