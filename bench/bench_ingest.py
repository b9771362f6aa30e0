"""Benchmarks for ingest: metadata scan and verified offload, against baselines in the same run.

    .venv/bin/python bench/bench_ingest.py [--files 500] [--offload-mb 1024]

1. Metadata scan of N media files (what ``ingest`` reads for each clip: the
   tree walk, then MediaInfo through pymediainfo), against a loop of Debian's
   ``mediainfo --Output=JSON FILE`` per file.  Goal: at least 3x faster.
2. Verified offload of a large file to one destination (hash while reading,
   write, fsync, drop the page cache, read back and hash again, rename),
   against ``cp`` followed by ``xxhsum -H64`` of the copy.  Goal: at least
   0.9x the baseline's throughput.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_media(folder: Path, count: int) -> list[Path]:
    """``count`` real media files: a few distinct small clips in three containers, copied."""
    from docmanager.media.generate import make_clip

    masters = []
    for i, (suffix, rate) in enumerate([(".mp4", Fraction(25)), (".mov", Fraction(30000, 1001)),
                                        (".mts", Fraction(25))] * 3):
        path = folder / "masters" / f"m{i}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        make_clip(path, seconds=1, size=(640, 360), rate=rate, interlaced=suffix == ".mts", pattern="bars",
                  number_frames=False)
        masters.append(path)
    files = []
    for n in range(count):
        src = masters[n % len(masters)]
        dst = folder / "card" / f"DCIM{n // 100:03d}" / f"C{n:04d}{src.suffix.upper()}"
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        files.append(dst)
    shutil.rmtree(folder / "masters")
    return files


def bench_scan(files: list[Path], top: Path) -> tuple[float, float]:
    from docmanager.ingest.scan import scan_sources
    from docmanager.media.probe import probe

    mediainfo = shutil.which("mediainfo")
    if mediainfo is None:
        raise SystemExit("Debian's mediainfo is needed for the baseline (apt-get install mediainfo)")
    t = time.perf_counter()
    for f in files:
        subprocess.run([mediainfo, "--Output=JSON", str(f)], capture_output=True, check=True)
    baseline = time.perf_counter() - t

    t = time.perf_counter()
    scan = scan_sources([top])
    for cand in scan.candidates:
        probe(cand.files[0])
    ours = time.perf_counter() - t
    assert len(scan.candidates) == len(files), (len(scan.candidates), len(files))
    return baseline, ours


def bench_offload(workdir: Path, megabytes: int) -> tuple[float, float, float]:
    from docmanager.ingest.offload import offload

    src = workdir / "src" / "CARD"
    src.mkdir(parents=True)
    chunk = os.urandom(4 * 1024 * 1024)
    with open(src / "00000.MTS", "wb") as fh:
        for _ in range(megabytes // 4):
            fh.write(chunk)
    size = (src / "00000.MTS").stat().st_size
    xxhsum = shutil.which("xxhsum")
    if xxhsum is None:
        raise SystemExit("Debian's xxhash is needed for the baseline (apt-get install xxhash)")

    def drop_caches() -> None:
        # Start each run with the source out of the page cache where we may (root), for fairness.
        os.sync()
        try:
            Path("/proc/sys/vm/drop_caches").write_text("3\n")
        except OSError:
            pass

    base_dest = workdir / "cp-dest"
    base_dest.mkdir()
    drop_caches()
    t = time.perf_counter()
    subprocess.run(["cp", "-r", str(src), str(base_dest)], check=True)
    subprocess.run([xxhsum, "-H64", str(base_dest / "CARD" / "00000.MTS")], check=True, capture_output=True)
    baseline = time.perf_counter() - t
    shutil.rmtree(base_dest)

    # The same check made honest: the copy reaches the disk and is hashed from the disk, not from memory.
    honest_dest = workdir / "cp-honest"
    honest_dest.mkdir()
    drop_caches()
    t = time.perf_counter()
    subprocess.run(["cp", "-r", str(src), str(honest_dest)], check=True)
    copy = honest_dest / "CARD" / "00000.MTS"
    fd = os.open(copy, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    subprocess.run([xxhsum, "-H64", str(src / "00000.MTS"), str(copy)], check=True, capture_output=True)
    honest = time.perf_counter() - t
    shutil.rmtree(honest_dest)

    dest = workdir / "dm-dest"
    dest.mkdir()
    drop_caches()
    t = time.perf_counter()
    result = offload([src], [dest], "bench")
    ours = time.perf_counter() - t
    assert result.report.ok and result.files_copied == 1, result.report.failed
    return size / baseline, size / honest, size / ours


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--offload-mb", type=int, default=1024)
    ap.add_argument("--workdir", type=Path, default=None, help="where to write (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        files = make_media(work / "scan", args.files)
        base, ours = bench_scan(files, work / "scan" / "card")
        print(f"Metadata scan of {len(files)} files")
        print(f"  baseline: mediainfo --Output=JSON per file   {base:7.2f} s   ({1000 * base / len(files):.1f} ms/file)")
        print(f"  DocManager scan + MediaInfo in process       {ours:7.2f} s   ({1000 * ours / len(files):.1f} ms/file)")
        print(f"  speed-up: {base / ours:.1f}x   (goal >= 3x)")
        shutil.rmtree(work / "scan")
        base_tp, honest_tp, ours_tp = bench_offload(work / "offload", args.offload_mb)
        print(f"Offload of one {args.offload_mb} MB file to one destination")
        print(f"  baseline: cp, then xxhsum -H64 of the copy   {base_tp / 1e6:7.1f} MB/s"
              "   (hashes the copy from the page cache)")
        print(f"  cp, fsync, drop cache, xxhsum source + copy  {honest_tp / 1e6:7.1f} MB/s"
              "   (the same checks DocManager makes)")
        print(f"  DocManager verified offload (read-back)      {ours_tp / 1e6:7.1f} MB/s")
        print(f"  ratio to cp + xxhsum: {ours_tp / base_tp:.2f}x   (goal >= 0.9x);"
              f"  to the like-for-like check: {ours_tp / honest_tp:.2f}x")


if __name__ == "__main__":
    main()
