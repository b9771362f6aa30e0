"""Offload: copies to several destinations, read back, recorded in ASC MHL, safe to interrupt.

Real files in tmp_path; the ASC MHL checks run the real ``ascmhl`` tools of the
venv (in ascmhl 1.2 ``verify`` lives in ``ascmhl-debug``; ``ascmhl diff`` checks
completeness without hashing).
"""
from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docmanager.errors import RefusedError
from docmanager.ingest import mhl as mhl_mod
from docmanager.ingest import offload as offload_mod
from docmanager.ingest.offload import (CHUNK_SIZE, COPIED, RECORDED, VERIFIED, OffloadResult, offload)
from docmanager.jobs import CancelToken, Progress
from docmanager.media.hashing import quick_hash, xxh64_file

# ascmhl uses pathspec's deprecated "gitwildmatch" (docmanager.ingest.mhl filters it outside pytest)
pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ASCMHL = BIN / "ascmhl"
ASCMHL_DEBUG = BIN / "ascmhl-debug"
PARTIAL = offload_mod.PARTIAL_SUFFIX
GBK_NAME = b"\xb2\xc9\xb7\xc3.MTS"  # "采访.MTS" in GBK: not UTF-8
MTIME = 1270965802  # 2010-04-11 06:03:22 UTC
STREAM = "PRIVATE/AVCHD/BDMV/STREAM"

CARD_FILES = {  # relative path -> size
    f"{STREAM}/00000.MTS": CHUNK_SIZE + 12345,
    f"{STREAM}/00001.MTS": 3 * 1024 * 1024 + 7,
    f"{STREAM}/00002.MTS": CHUNK_SIZE,
    "PRIVATE/AVCHD/BDMV/CLIPINF/00000.CPI": 1024 * 1024 + 1,
    "PRIVATE/AVCHD/BDMV/PLAYLIST/00000.MPL": 1,
    "PRIVATE/AVCHD/BDMV/INDEX.BDM": 120,
    "PRIVATE/AVCHD/AVCHDTN/THUMB.TDT": 0,
    "MISC/notes.txt": 33,
}


def write_random(path: Path, size: int, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random.Random(seed).randbytes(size))
    os.utime(path, (MTIME, MTIME + seed))


@pytest.fixture
def card(tmp_path) -> Path:
    """A camcorder card folder with nested AVCHD files of many sizes and a GBK file name."""
    top = tmp_path / "media" / "CARD1"
    for seed, (rel, size) in enumerate(CARD_FILES.items()):
        write_random(top / rel, size, seed)
    gbk = os.fsencode(top / "PRIVATE") + b"/" + GBK_NAME
    with open(gbk, "wb") as fh:
        fh.write(random.Random(99).randbytes(5000))
    return top


@pytest.fixture
def dests(tmp_path) -> list[Path]:
    out = [tmp_path / "raid", tmp_path / "shuttle"]
    for d in out:
        d.mkdir()
    return out


def tree(root: Path) -> dict[bytes, bytes]:
    """Every file under root (the ascmhl folders left out), keyed by its relative path in bytes."""
    top = os.fsencode(root)
    out = {}
    for folder, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if d != b"ascmhl"]
        for n in names:
            path = os.path.join(folder, n)
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue  # a FIFO would block
            with open(path, "rb") as fh:
                out[os.path.relpath(path, top)] = fh.read()
    return out


def partials(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(PARTIAL)]


def ascmhl(tool: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(tool), *map(str, args)], capture_output=True, text=True, timeout=60)


def assert_mhl_passes(root: Path) -> None:
    for tool, args in ((ASCMHL_DEBUG, ["verify", root]), (ASCMHL_DEBUG, ["verify", "--directory_hash", root]),
                       (ASCMHL, ["diff", root])):
        proc = ascmhl(tool, *args)
        assert proc.returncode == 0, (tool.name, args, proc.stdout, proc.stderr)


def flip_byte(path: Path, offset: int, keep_mtime: bool = True) -> None:
    st = path.stat()
    with open(path, "r+b") as fh:
        fh.seek(offset)
        b = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([b[0] ^ 0x01]))
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def copies_by_rel(result: OffloadResult) -> dict[str, list[str]]:
    return {os.fspath(f.relative_path): [c.action for c in f.copies] for f in result.files}


def test_two_destinations_are_verified_copies_with_ascmhl_histories(card, dests):
    messages = []
    record = Progress(lambda d, t, m: messages.append((d, t, m)), rate=1e9)  # unthrottled, to see every step
    result = offload([card], dests, "2010-04-11_A", progress=record)

    assert result.ok, result.report.failed
    source_tree = tree(card)
    assert len(source_tree) == len(CARD_FILES) + 1
    for dest in dests:
        copy_root = dest / "2010-04-11_A" / "CARD1"
        assert tree(copy_root) == source_tree  # byte-identical, names included (GBK bytes too)
        assert not partials(dest)
        for rel in CARD_FILES:
            assert (copy_root / rel).stat().st_mtime_ns == (card / rel).stat().st_mtime_ns
        assert_mhl_passes(copy_root)

    total = sum(CARD_FILES.values()) + 5000
    assert result.bytes == total and result.bytes_copied == 2 * total and result.files_copied == 2 * len(source_tree)
    assert len(result.files) == len(source_tree)
    for f in result.files:
        assert f.xxh64 == xxh64_file(f.source) and f.quick_hash == quick_hash(f.source)
        assert f.size == f.source.stat().st_size and f.mtime_ns == f.source.stat().st_mtime_ns
        assert [c.action for c in f.copies] == [COPIED, COPIED]
        assert [c.destination for c in f.copies] == dests
        assert all(c.path.read_bytes() == f.source.read_bytes() and c.verified_at for c in f.copies)
    gbk = [f for f in result.files if os.fsencode(f.source).endswith(GBK_NAME)]
    assert len(gbk) == 1 and len(result.unrecorded) == 2

    # one generation per destination, written by DocManager through the ascmhl classes
    assert [p.parent.parent for p in result.mhl] == [d / "2010-04-11_A" / "CARD1" for d in dests]
    history = mhl_mod.MHLHistory.load_from_path(str(dests[0] / "2010-04-11_A" / "CARD1"))
    assert history.latest_generation_number() == 1
    generation = history.hash_lists[0]
    assert generation.creator_info.tool.name == "DocManager"
    assert generation.process_info.process == "transfer"
    assert {m.path for m in generation.media_hashes if not m.is_directory} == set(CARD_FILES)
    assert "\\xb2" in generation.creator_info.comment

    # progress is by bytes and names the file and the speed
    assert messages[-1][0] == messages[-1][1] == total * 3
    assert any(m.startswith("Copying") and "00000.MTS" in m and "MB/s" in m for _, _, m in messages)
    assert any(m.startswith(f"Verifying CARD1/{STREAM}/00000.MTS on {dests[1]}") for _, _, m in messages)
    assert [d for d, _, _ in messages] == sorted(d for d, _, _ in messages)
    assert result.report.data["destinations"] == [str(d / "2010-04-11_A") for d in dests]

    # a flipped byte in one copy is caught by ascmhl verify, there only
    flip_byte(dests[0] / "2010-04-11_A" / "CARD1" / STREAM / "00000.MTS", 5_000_000)
    bad = ascmhl(ASCMHL_DEBUG, "verify", dests[0] / "2010-04-11_A" / "CARD1")
    assert bad.returncode != 0 and "00000.MTS" in bad.stderr
    assert ascmhl(ASCMHL_DEBUG, "verify", dests[1] / "2010-04-11_A" / "CARD1").returncode == 0
    from ascmhl import errors as ascmhl_errors
    from ascmhl.commands import verify_entire_folder
    with pytest.raises(ascmhl_errors.VerificationFailedException):
        verify_entire_folder(str(dests[0] / "2010-04-11_A" / "CARD1"), False, None, None)


def test_a_second_identical_run_copies_nothing(card, dests):
    first = offload([card], dests, "A")
    assert first.ok
    second = offload([card], dests, "A")
    assert second.ok, second.report.failed
    assert second.bytes_copied == 0 and second.files_copied == 0
    assert second.mhl == []  # nothing copied or re-hashed that ASC MHL can list: no new generation
    actions = copies_by_rel(second)
    assert len(actions) == len(CARD_FILES) + 1
    for rel, acts in actions.items():
        # the GBK-named file cannot be listed in ASC MHL, so it is re-hashed instead of trusted
        assert acts == ([VERIFIED, VERIFIED] if rel.endswith(".MTS") and "STREAM" not in rel else [RECORDED] * 2)
    assert {f.xxh64 for f in second.files} == {f.xxh64 for f in first.files}
    for dest in dests:
        root = dest / "A" / "CARD1"
        assert mhl_mod.MHLHistory.load_from_path(str(root)).latest_generation_number() == 1
        assert_mhl_passes(root)


def test_a_missing_or_damaged_copy_is_copied_again_and_recorded(card, dests):
    offload([card], dests, "A")
    (dests[1] / "A" / "CARD1" / STREAM / "00001.MTS").unlink()
    flip_byte(dests[0] / "A" / "CARD1" / STREAM / "00000.MTS", 10, keep_mtime=False)

    again = offload([card], dests, "A")

    assert again.ok, again.report.failed
    assert again.files_copied == 2
    assert again.bytes_copied == CARD_FILES[f"{STREAM}/00000.MTS"] + CARD_FILES[f"{STREAM}/00001.MTS"]
    actions = copies_by_rel(again)
    assert actions[f"CARD1/{STREAM}/00000.MTS"] == [COPIED, RECORDED]
    assert actions[f"CARD1/{STREAM}/00001.MTS"] == [RECORDED, COPIED]
    for dest in dests:
        root = dest / "A" / "CARD1"
        assert tree(root) == tree(card)
        assert_mhl_passes(root)
        history = mhl_mod.MHLHistory.load_from_path(str(root))
        assert history.latest_generation_number() == 2
        listed = [(m.path, m.hash_entries[0].action) for m in history.hash_lists[1].media_hashes
                  if not m.is_directory]
        assert len(listed) == 1 and listed[0][1] == "verified"


def test_a_different_file_under_the_same_name_is_never_overwritten(card, dests, tmp_path):
    offload([card], dests[:1], "A")
    other = tmp_path / "other" / "CARD1"  # another card, same folder name, same label
    write_random(other / STREAM / "00000.MTS", 1000, 42)
    write_random(other / STREAM / "00001.MTS", CARD_FILES[f"{STREAM}/00001.MTS"], 43)
    before = tree(dests[0] / "A" / "CARD1")

    result = offload([other], dests[:1], "A")

    assert not result.ok and result.bytes_copied == 0
    failed = {os.path.basename(f.path): f.reason for f in result.report.failed}
    assert set(failed) == {"00000.MTS", "00001.MTS"}
    assert all("never overwritten" in r and "--label" in r for r in failed.values())
    assert tree(dests[0] / "A" / "CARD1") == before
    assert not partials(dests[0])
    assert_mhl_passes(dests[0] / "A" / "CARD1")


def test_source_truncated_while_copying_is_reported_and_gets_no_final_name(card, dests):
    victim = card / STREAM / "00000.MTS"
    cut = []

    def pull_the_card(done, total, message):
        if message.startswith("Copying") and "00000.MTS" in message and not cut:
            os.truncate(victim, 1000)  # the first chunk is read: the rest vanishes
            cut.append(done)

    result = offload([card], dests, "A", progress=Progress(pull_the_card, rate=1e9))

    assert cut
    assert [f.path for f in result.report.failed] == [str(victim)]
    reason = result.report.failed[0].reason
    assert "card was removed while copying" in reason and "run the same ingest again" in reason
    for dest in dests:
        root = dest / "A" / "CARD1"
        assert not (root / STREAM / "00000.MTS").exists()
        assert not partials(dest)
        assert (root / STREAM / "00001.MTS").read_bytes() == (card / STREAM / "00001.MTS").read_bytes()
        assert ascmhl(ASCMHL_DEBUG, "verify", root).returncode == 0
    assert len(result.files) == len(CARD_FILES)  # every other file, GBK name included


def test_unreadable_sources_are_reported_and_the_rest_is_copied(card, dests):
    fifo = card / "PRIVATE" / "pipe.MTS"
    os.mkfifo(fifo)
    result = offload([card], dests[:1], "A")
    assert [(f.path, "FIFO" in f.reason) for f in result.report.failed] == [(str(fifo), True)]
    root = dests[0] / "A" / "CARD1"
    expected = tree(card)
    assert tree(root) == expected
    assert ascmhl(ASCMHL_DEBUG, "verify", root).returncode == 0

    # a folder where a file was expected, and a file outside the sources
    folder = card / STREAM
    wanted = [card / STREAM / "00001.MTS", folder, card.parent / "elsewhere.MTS"]
    (card.parent / "elsewhere.MTS").write_bytes(b"x")
    subset = offload([card], dests[1:], "B", files=wanted)
    reasons = {f.path: f.reason for f in subset.report.failed}
    assert "is a folder" in reasons[str(folder)] and "not inside" in reasons[str(card.parent / "elsewhere.MTS")]
    assert [os.fspath(f.relative_path) for f in subset.files] == [f"CARD1/{STREAM}/00001.MTS"]
    assert list(tree(dests[1] / "B" / "CARD1")) == [os.fsencode(f"{STREAM}/00001.MTS")]
    assert ascmhl(ASCMHL_DEBUG, "verify", dests[1] / "B" / "CARD1").returncode == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions (chmod 000)")
def test_a_source_without_read_permission_is_reported(card, dests):
    locked = card / STREAM / "00001.MTS"
    locked.chmod(0)
    try:
        result = offload([card], dests[:1], "A")
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert [f.path for f in result.report.failed] == [str(locked)]
    assert "permission denied" in result.report.failed[0].reason
    assert len(result.files) == len(CARD_FILES)


def test_single_files_go_straight_under_the_label(card, dests):
    clip = card / STREAM / "00001.MTS"
    result = offload([clip, card / "MISC" / "notes.txt"], dests[:1], "A")
    assert result.ok
    label_dir = dests[0] / "A"
    assert (label_dir / "00001.MTS").read_bytes() == clip.read_bytes()
    assert [p.parent.parent for p in result.mhl] == [label_dir]
    assert_mhl_passes(label_dir)


def test_cancel_keeps_verified_copies_and_removes_the_partial_one(card, dests):
    token = CancelToken()

    def cancel_on_second_stream(done, total, message):
        if message.startswith("Copying") and "00001.MTS" in message:
            token.cancel()

    result = offload([card], dests, "A", progress=Progress(cancel_on_second_stream, rate=1e9), cancel=token)

    assert result.report.cancelled and not result.ok
    for dest in dests:
        root = dest / "A" / "CARD1"
        assert not partials(dest)
        assert not (root / STREAM / "00001.MTS").exists()
        copied = tree(root)
        assert copied and all(data == tree(card)[rel] for rel, data in copied.items())
        assert ascmhl(ASCMHL_DEBUG, "verify", root).returncode == 0  # what was verified is recorded
    finished = offload([card], dests, "A")
    assert finished.ok and all(tree(d / "A" / "CARD1") == tree(card) for d in dests)


def test_refusals(card, dests, tmp_path):
    with pytest.raises(RefusedError):
        offload([card], [tmp_path / "not-mounted"], "A")
    with pytest.raises(RefusedError):
        offload([card], dests, "a/b")
    with pytest.raises(RefusedError):
        offload([card.parent], [card], "A")  # destination inside the source
    with pytest.raises(RefusedError):
        offload([card], [dests[0], dests[0]], "A")
    missing = offload([tmp_path / "no-card"], dests, "A")
    assert missing.report.failed[0].path == str(tmp_path / "no-card") and "mounted" in missing.report.failed[0].reason


def test_an_interrupted_mhl_commit_is_rolled_back(card, dests):
    offload([card], dests[:1], "A")
    root = dests[0] / "A" / "CARD1"
    folder = root / "ascmhl"
    chain = (folder / "ascmhl_chain.xml").read_bytes()
    # as if a crash hit while generation 2 was written: backup saved, chain half-written
    (folder / mhl_mod._CHAIN_BACKUP).write_bytes(chain)
    (folder / "0002_CARD1_2030-01-01_000000Z.mhl").write_bytes(b"<?xml version='1.0'?><hashl")
    (folder / "ascmhl_chain.xml").write_bytes(chain[: len(chain) // 2])

    history = mhl_mod.CopyHistory(root)

    assert history.generation_count == 1
    assert sorted(p.name for p in folder.iterdir()) == [history._history.hash_lists[0].get_file_name(),
                                                       "ascmhl_chain.xml"]
    assert (folder / "ascmhl_chain.xml").read_bytes() == chain
    assert_mhl_passes(root)


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs as a destination (needs root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill up needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("precheck", [True, False], ids=["free-space-check", "write-fails"])
def test_a_full_destination_is_reported_and_nothing_partial_remains(card, dests, small_disk, monkeypatch,
                                                                    precheck):
    if not precheck:
        monkeypatch.setattr(offload_mod, "_free_bytes", lambda folder: 1 << 40)  # let the write hit ENOSPC
    small = card.parent / "SMALL"
    write_random(small / STREAM / "00000.MTS", 3 * 1024 * 1024, 1)
    write_random(small / "PRIVATE/AVCHD/BDMV/INDEX.BDM", 300, 2)
    write_random(small / STREAM / "00001.MTS", 200_000, 3)

    result = offload([small], [small_disk, dests[0]], "A")

    big = small_disk / "A" / "SMALL" / STREAM / "00000.MTS"
    assert [f.path for f in result.report.failed] == [str(big)]
    reason = result.report.failed[0].reason
    assert reason.startswith("destination disk full") and str(small_disk) in reason
    assert not big.exists() and not partials(small_disk)
    assert tree(dests[0] / "A" / "SMALL") == tree(small)  # the other destination got everything
    assert len(tree(small_disk / "A" / "SMALL")) == 2
    assert ascmhl(ASCMHL_DEBUG, "verify", small_disk / "A" / "SMALL").returncode == 0


CHILD = r"""
import sys, time
from pathlib import Path
from docmanager.ingest.offload import offload
from docmanager.jobs import Progress

def slowly(done, total, message):
    time.sleep(0.03)

offload([Path(sys.argv[1])], [Path(p) for p in sys.argv[2:]], "A", progress=Progress(slowly, rate=1e9))
"""


@pytest.mark.slow
def test_an_offload_killed_mid_copy_leaves_only_verified_files_and_a_rerun_finishes(tmp_path, dests):
    card = tmp_path / "media" / "CARD2"
    sizes = {f"{STREAM}/{i:05d}.MTS": 2 * CHUNK_SIZE + 1000 * i for i in range(6)}
    for seed, (rel, size) in enumerate(sizes.items()):
        write_random(card / rel, size, seed)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(card), *map(str, dests)], cwd=ROOT,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)))
    roots = [d / "A" / "CARD2" for d in dests]

    def finals() -> list[Path]:
        return [p for r in roots if r.exists() for p in r.rglob("*.MTS")]

    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and child.poll() is None:
            if len(finals()) >= 3 and any(partials(d) for d in dests):
                break
            time.sleep(0.01)
        assert child.poll() is None, "the offload finished before it could be interrupted"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)

    before = {p: p.read_bytes() for p in finals()}
    assert before and len(before) < 2 * len(sizes)
    for path, data in before.items():  # nothing under a final name is unverified
        root = next(r for r in roots if r in path.parents)
        assert data == (card / path.relative_to(root)).read_bytes()

    result = offload([card], dests, "A")

    assert result.ok, result.report.failed
    expected_bytes = 0
    for f in result.files:
        for c in f.copies:
            if c.path in before:
                assert c.action == VERIFIED  # re-hashed, not copied again
            else:
                assert c.action == COPIED
                expected_bytes += f.size
    assert result.bytes_copied == expected_bytes > 0
    for dest, root in zip(dests, roots):
        assert not partials(dest)
        assert tree(root) == tree(card)
        assert_mhl_passes(root)
