"""Benchmark: exporting a 2,000-item rough cut to every NLE format, with checks.

    .venv/bin/python bench/bench_cut_export.py [--items 2000] [--aaf-items N] [--out DIR]

Builds a documentary-style cut -- V1 interviews (the primary storyline), V2
b-roll, A1 sync/ambience, A2 music; clips referencing media files with an
available range, gaps, a marker on every fifth clip -- at 25 fps and at
30000/1001, plus a one-track 25 fps variant for the EDL.  For every format it
times, in this run:

* build: constructing the timeline in memory (the same for every format of a
  variant, counted in each total);
* write: ``otio.adapters.write_to_file`` (the stock adapter) or this
  project's writer;
* read: reading the file back (EDL with ``rate=``);
* check: comparing the re-read cut with the original, track by track, clip by
  clip: count, order, names, source ranges and positions to the frame, and
  markers (name, start, and duration and colour where the format carries
  them).

Two ratios are printed, both against times measured in the same run: ``x.otio``
against OTIO's own ``.otio`` write + read + check of the same timeline (the
baseline), and ``x stock`` against the stock adapter of the same format
(1.0 where the project uses the stock adapter itself).  Goal: every format
built, written and checked in <= 1 s.

FCP 7 XML appears twice: the stock ``fcp_xml`` adapter, and
``docmanager.cuts.fcp7_fast`` (the project's export), whose file must be the
stock file byte for byte and whose reading must equal the stock reading of
that file (both checked, outside the timings).

FCPXML appears three times: the stock ``fcpx_xml`` adapter (written and read
by it), ``docmanager.cuts.fcpx_fast`` with ``exact=False`` (output
byte-for-byte the stock one, checked), and ``fcpx_fast`` installed into OTIO
with exact time (the project's export).  The fast FCPXML files are validated
against Apple's FCPXML 1.8 DTD with xmllint when both are available.

The generated cut never starts a connected clip on the last frame of a
primary-storyline item: the stock adapter truncates times to whole frames and
fails (``AttributeError``) on such a clip about one time in twenty at 25 fps.
A final section shows how the stock FCPXML writer's time grows with the cut
(500/1,000/2,000 items) against the fast one.  AAF is measured on the same
2,000-item cut unless ``--aaf-items`` says otherwise: the AAF adapter (pyaaf2)
costs several milliseconds per clip, see ``docmanager/cuts/export.py``.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import opentimelineio as otio  # noqa: E402
from otio_fcpx_xml_adapter import fcpx_xml as stock_fcpx  # noqa: E402

from docmanager.cuts import fcp7_fast, fcpx_fast  # noqa: E402

GOAL_S = 1.0
DTD = Path("/work/shared/samples/FCPXMLv1_8.dtd")
RationalTime = otio.opentime.RationalTime
TimeRange = otio.opentime.TimeRange
VIDEO = otio.schema.TrackKind.Video
AUDIO = otio.schema.TrackKind.Audio
MARKER_COLOURS = (otio.schema.MarkerColor.RED, otio.schema.MarkerColor.GREEN,
                  otio.schema.MarkerColor.PURPLE)
PEOPLE = ("Wang Lei", "Liu Fang", "Zhang Wei", "Chen Jing", "Li Na", "Zhao Min", "Sun Hao", "Zhou Yan")
PLACES = ("station", "market", "school gate", "village road", "police post", "bus depot", "river bank")


# --------------------------------------------------------------------------
# the cut
# --------------------------------------------------------------------------

@dataclass
class _Media:
    """A rush file: path, clip name and available range (in frames)."""
    url: str
    name: str
    start: int
    frames: int


def _media_pool(rnd: random.Random, kind: str, count: int, fps: int) -> list[_Media]:
    pool = []
    for n in range(count):
        day = 1 + n % 14
        if kind == "interview":
            person = PEOPLE[n % len(PEOPLE)]
            name = f"INT {person} {n // len(PEOPLE) + 1:02d}"
            url = f"file:///Volumes/RUSHES/DAY{day:02d}/A{day:03d}C{n:03d}_INT.mov"
        elif kind == "broll":
            name = f"BR {PLACES[n % len(PLACES)]} {n // len(PLACES) + 1:02d}"
            url = f"file:///Volumes/RUSHES/DAY{day:02d}/B{day:03d}C{n:03d}_BR.mov"
        elif kind == "sound":
            name = f"SND day{day:02d} T{n:03d}"
            url = f"file:///Volumes/RUSHES/DAY{day:02d}/SOUND/T{n:03d}.wav"
        else:
            name = f"MUSIC cue {n + 1:02d}"
            url = f"file:///Volumes/MUSIC/cue_{n + 1:02d}.wav"
        start = rnd.randint(8, 17) * 3600 * fps  # time-of-day timecode
        pool.append(_Media(url, name, start, rnd.randint(10, 40) * 60 * fps))
    return pool


@dataclass
class _TrackPlan:
    kind: str
    media: list[_Media]
    clip_seconds: tuple[float, float]
    gap_seconds: tuple[float, float]
    gap_share: float
    items: list[tuple[str, _Media | None, int, int]] = field(default_factory=list)  # kind, media, in, frames


def build_cut(items: int, *, rate: Fraction = Fraction(25), tracks: int = 4, seed: int = 7,
              marker_every: int = 5) -> otio.schema.Timeline:
    """A rough cut of ``items`` items (clips and gaps) spread evenly over ``tracks``.

    Track order: V1, V2, A1, A2 (``tracks`` = 1 gives V1 alone).  Connected
    tracks never run past the end of V1 and never start a clip on the last
    frame of a V1 item.
    """
    rnd = random.Random(seed)
    fps = round(rate)
    otio_rate = float(rate)
    per_track = [items // tracks + (1 if i < items % tracks else 0) for i in range(tracks)]
    plans = [
        _TrackPlan(VIDEO, _media_pool(rnd, "interview", max(8, items // 10), fps), (4, 10), (1, 2), 0.08),
        _TrackPlan(VIDEO, _media_pool(rnd, "broll", max(8, items // 8), fps), (2, 5), (1, 6), 0.45),
        _TrackPlan(AUDIO, _media_pool(rnd, "sound", max(8, items // 8), fps), (2, 6), (0.5, 2), 0.3),
        _TrackPlan(AUDIO, _media_pool(rnd, "music", 24, fps), (5, 12), (1, 4), 0.5),
    ][:tracks]
    for plan, count in zip(plans, per_track):
        for i in range(count):
            if i and rnd.random() < plan.gap_share:
                plan.items.append(("gap", None, 0, round(rnd.uniform(*plan.gap_seconds) * fps)))
                continue
            media = rnd.choice(plan.media)
            frames = round(rnd.uniform(*plan.clip_seconds) * fps)
            first = media.start + rnd.randint(0, media.frames - frames - 1)
            plan.items.append(("clip", media, first, frames))

    # Keep connected clips inside V1 and off the last frame of its items.
    spine = plans[0].items
    spine_end = sum(item[3] for item in spine)
    last_frames: set[int] = set()
    position = 0
    for *_, frames in spine:
        position += frames
        last_frames.add(position - 1)
    longest = spine_end
    for plan in plans[1:]:
        position = 0
        for i, (kind, media, first, frames) in enumerate(plan.items):
            if kind == "clip" and position in last_frames and i:
                previous = plan.items[i - 1]
                plan.items[i - 1] = (*previous[:3], previous[3] + 1)
                position += 1
            position += frames
        longest = max(longest, position)
    if longest > spine_end:  # lengthen the last V1 item to cover everything
        kind, media, first, frames = spine[-1]
        spine[-1] = (kind, media, first, frames + longest - spine_end)

    timeline = otio.schema.Timeline(name=f"Rough cut {items}")
    names = ("V1", "V2", "A1", "A2")
    for number, plan in enumerate(plans):
        track = otio.schema.Track(name=names[number], kind=plan.kind)
        for i, (kind, media, first, frames) in enumerate(plan.items):
            if media is None:
                track.append(otio.schema.Gap(source_range=TimeRange(
                    RationalTime(0, otio_rate), RationalTime(frames, otio_rate))))
                continue
            reference = otio.schema.ExternalReference(
                target_url=media.url,
                available_range=TimeRange(RationalTime(media.start, otio_rate),
                                          RationalTime(media.frames, otio_rate)))
            clip = otio.schema.Clip(name=media.name, media_reference=reference,
                                    source_range=TimeRange(RationalTime(first, otio_rate),
                                                           RationalTime(frames, otio_rate)))
            if i % marker_every == 0:
                clip.markers.append(otio.schema.Marker(
                    name=f"note {number + 1}.{i}",
                    marked_range=TimeRange(RationalTime(first + frames // 3, otio_rate),
                                           RationalTime(1 + i % 3 * fps, otio_rate)),
                    color=MARKER_COLOURS[i // marker_every % len(MARKER_COLOURS)]))
            track.append(clip)
        timeline.tracks.append(track)
    return timeline


# --------------------------------------------------------------------------
# the check
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Fidelity:
    """What a format carries back, and how its tracks come back."""
    marker_names: Callable[[str], str] = str
    marker_duration: bool = True
    marker_colour: bool = True
    markers: bool = True
    lanes: bool = False  # FCPXML: tracks named by lane (V1 "0", V2 "1", A1 "-1", A2 "-2")


def _frames(value: RationalTime, rate: float) -> float:
    return round(value.rescaled_to(rate).value, 3)


def _rows(track: otio.schema.Track, rate: float, fidelity: Fidelity) -> list[tuple[Any, ...]]:
    rows = []
    position = RationalTime(0, rate)
    for item in track:
        start, position = position, position + item.duration()
        if not isinstance(item, otio.schema.Clip):
            continue
        markers = ()
        if fidelity.markers:
            markers = tuple(
                (fidelity.marker_names(m.name), _frames(m.marked_range.start_time, rate),
                 _frames(m.marked_range.duration, rate) if fidelity.marker_duration else None,
                 m.color if fidelity.marker_colour else None)
                for m in item.markers)
        rows.append((item.name, _frames(item.source_range.start_time, rate),
                     _frames(item.source_range.duration, rate),
                     _frames(start, rate), markers))
    return rows


def _track_key(track: otio.schema.Track, index_in_kind: int, fidelity: Fidelity) -> str:
    if fidelity.lanes:
        lane = int(track.name)
        return f"V{lane + 1}" if lane >= 0 else f"A{-lane}"
    return f"{'V' if track.kind == VIDEO else 'A'}{index_in_kind + 1}"


def _tracks(timeline: Any, fidelity: Fidelity) -> dict[str, otio.schema.Track]:
    if isinstance(timeline, otio.schema.SerializableCollection):
        timeline = next(iter(timeline))
    counts: dict[str, int] = {}
    keyed = {}
    for track in timeline.tracks:
        number = counts.get(track.kind, 0)
        counts[track.kind] = number + 1
        keyed[_track_key(track, number, fidelity)] = track
    return keyed


def compare(original: otio.schema.Timeline, read_back: Any, fidelity: Fidelity) -> tuple[int, list[str]]:
    """Clips checked and the differences found (one line each, all kinds)."""
    rate = original.tracks[0].duration().rate
    theirs = _tracks(read_back, fidelity)
    problems: list[str] = []
    checked = 0
    for key, track in _tracks(original, Fidelity()).items():
        expected = _rows(track, rate, fidelity)
        got = _rows(theirs[key], rate, fidelity) if key in theirs else []
        checked += len(expected)
        if len(got) != len(expected):
            problems.append(f"{key}: {len(got)} clips instead of {len(expected)}")
        for number, (want, have) in enumerate(zip(expected, got), 1):
            for label, a, b in zip(("name", "source in", "duration", "position", "markers"), want, have):
                if a != b:
                    problems.append(f"{key} clip {number} {label}: {b!r} instead of {a!r}")
    return checked, problems


# --------------------------------------------------------------------------
# measuring
# --------------------------------------------------------------------------

@dataclass
class Row:
    variant: str
    label: str
    items: int
    build: float
    write: float = 0.0
    read: float = 0.0
    check: float = 0.0
    clips: int = 0
    problems: list[str] = field(default_factory=list)
    error: str = ""
    note: str = ""
    family: str = ""  # the format, to find the stock adapter's row
    stock: bool = False  # this row is the stock adapter of its format

    @property
    def total(self) -> float:
        return self.build + self.write + self.read + self.check


def measure(variant: str, label: str, timeline: otio.schema.Timeline, build_s: float, path: Path,
            write: Callable[[Any, Path], Any], read: Callable[[Path], Any], fidelity: Fidelity,
            items: int, *, family: str = "", stock: bool = True) -> Row:
    row = Row(variant, label, items, build_s, family=family or label.split()[0], stock=stock)
    try:
        start = time.perf_counter()
        write(timeline, path)
        row.write = time.perf_counter() - start
    except Exception as exc:  # the stock adapter's failures are results here
        row.error = f"write failed: {type(exc).__name__}: {exc}"
        return row
    start = time.perf_counter()
    read_back = read(path)
    row.read = time.perf_counter() - start
    start = time.perf_counter()
    row.clips, row.problems = compare(timeline, read_back, fidelity)
    row.check = time.perf_counter() - start
    return row


def _otio_write(**kwargs: Any) -> Callable[[Any, Path], Any]:
    return lambda timeline, path: otio.adapters.write_to_file(timeline, str(path), **kwargs)


def _otio_read(**kwargs: Any) -> Callable[[Path], Any]:
    return lambda path: otio.adapters.read_from_file(str(path), **kwargs)


def _stock_fcpx_write(timeline: Any, path: Path) -> None:
    path.write_text(stock_fcpx.write_to_string(timeline), encoding="utf-8")


def _stock_fcpx_read(path: Path) -> Any:
    return stock_fcpx.read_from_string(path.read_text(encoding="utf-8"))


def _installed(exact: bool, action: Callable[[], Any]) -> Any:
    fcpx_fast.install(exact=exact)
    try:
        return action()
    finally:
        fcpx_fast.uninstall()


def _dtd_valid(path: Path) -> str:
    if not DTD.exists() or shutil.which("xmllint") is None:
        return "DTD not checked"
    done = subprocess.run(["xmllint", "--noout", "--dtdvalid", str(DTD), str(path)],
                          capture_output=True, text=True)
    return "DTD-valid" if done.returncode == 0 else f"DTD-INVALID: {done.stderr.strip()[:200]}"


def run_variant(variant: str, items: int, rate: Fraction, tracks: int, out: Path,
                formats: list[str]) -> list[Row]:
    start = time.perf_counter()
    timeline = build_cut(items, rate=rate, tracks=tracks)
    build_s = time.perf_counter() - start
    folder = out / variant.replace(" ", "_").replace("/", "-")
    folder.mkdir(parents=True, exist_ok=True)
    rows = [measure(variant, ".otio  otio_json (baseline)", timeline, build_s, folder / "cut.otio",
                    _otio_write(), _otio_read(), Fidelity(), items)]
    if "fcp_xml" in formats:
        stock_xml, fast_xml = folder / "stock.xml", folder / "cut.xml"
        rows.append(measure(variant, ".xml   fcp_xml stock", timeline, build_s, stock_xml,
                            _otio_write(), _otio_read(), Fidelity(marker_colour=False), items))
        fast = measure(variant, ".xml   fcp7_fast (export)", timeline, build_s, fast_xml,
                       fcp7_fast.write_fcp7, fcp7_fast.read_fcp7, Fidelity(marker_colour=False), items,
                       stock=False)
        if stock_xml.exists() and fast_xml.exists():
            same_bytes = stock_xml.read_bytes() == fast_xml.read_bytes()
            same_reading = (otio.adapters.write_to_string(fcp7_fast.read_fcp7(fast_xml), "otio_json")
                            == otio.adapters.write_to_string(otio.adapters.read_from_file(str(fast_xml)),
                                                             "otio_json"))
            fast.note = (("bytes = stock" if same_bytes else "BYTES DIFFER FROM STOCK") + ", "
                         + ("reading = stock" if same_reading else "READING DIFFERS FROM STOCK"))
        rows.append(fast)
    if "fcpx" in formats:
        lanes = Fidelity(lanes=True)
        stock_path, plain_path = folder / "stock.fcpxml", folder / "fast-plain.fcpxml"
        rows.append(measure(variant, ".fcpxml fcpx_xml stock", timeline, build_s, stock_path,
                            _stock_fcpx_write, _stock_fcpx_read, lanes, items))
        plain = measure(variant, ".fcpxml fast, stock time math", timeline, build_s, plain_path,
                        lambda tl, p: fcpx_fast.write_fcpxml(tl, p, exact=False),
                        lambda p: fcpx_fast.read_fcpxml(p, exact=False), lanes, items, stock=False)
        if stock_path.exists() and plain_path.exists():
            same = stock_path.read_bytes() == plain_path.read_bytes()
            plain.note = "bytes = stock" if same else "BYTES DIFFER FROM STOCK"
        rows.append(plain)
        fast_path = folder / "cut.fcpxml"
        fast = measure(variant, ".fcpxml fast, exact (installed)", timeline, build_s, fast_path,
                       lambda tl, p: _installed(True, lambda: otio.adapters.write_to_file(tl, str(p))),
                       lambda p: _installed(True, lambda: otio.adapters.read_from_file(str(p))),
                       lanes, items, stock=False)
        if fast_path.exists():
            fast.note = _dtd_valid(fast_path)
        rows.append(fast)
    if "edl" in formats:
        rows.append(measure(variant, ".edl   cmx_3600", timeline, build_s, folder / "cut.edl",
                            _otio_write(), _otio_read(rate=float(rate)),
                            Fidelity(marker_names=str.upper, marker_duration=False), items))
    return rows


def run_aaf(items: int, out: Path) -> list[Row]:
    start = time.perf_counter()
    timeline = build_cut(items)
    build_s = time.perf_counter() - start
    variant = f"AAF cut 25 fps, {items}"
    folder = out / "aaf"
    folder.mkdir(parents=True, exist_ok=True)
    base = measure(variant, ".otio  otio_json (baseline)", timeline, build_s, folder / "cut.otio",
                   _otio_write(), _otio_read(), Fidelity(), items)
    aaf = measure(variant, ".aaf   AAF", timeline, build_s, folder / "cut.aaf",
                  _otio_write(use_empty_mob_ids=True), _otio_read(), Fidelity(markers=False), items)
    aaf.note = (f"clip markers not written by the AAF adapter; not compared; "
                f"{aaf.total / max(aaf.clips, 1) * 1000:.1f} ms a clip")
    return [base, aaf]


def print_table(rows: list[Row]) -> None:
    print(f"{'cut':<28} {'format':<34} {'build':>6} {'write':>6} {'read':>6} {'check':>6} "
          f"{'total':>6} {'x.otio':>6} {'x stock':>7} {'<=1s':>4}  clips  differences")
    baseline: dict[str, float] = {}
    stock: dict[tuple[str, str], float] = {}
    for row in rows:
        if "baseline" in row.label:
            baseline[row.variant] = row.total
        if row.stock and not row.error:
            stock[(row.variant, row.family)] = row.total
    for row in rows:
        if row.error:
            print(f"{row.variant:<28} {row.label:<34} {row.build:6.3f}  {row.error}")
            continue
        ratio = row.total / baseline[row.variant] if baseline.get(row.variant) else float("nan")
        against = stock.get((row.variant, row.family))
        to_stock = f"{row.total / against:7.2f}" if against else f"{'(fails)':>7}"
        goal = "yes" if row.total <= GOAL_S else "NO"
        differences = f"{len(row.problems)}" + (f" (first: {row.problems[0][:120]})" if row.problems else "")
        print(f"{row.variant:<28} {row.label:<34} {row.build:6.3f} {row.write:6.3f} {row.read:6.3f} "
              f"{row.check:6.3f} {row.total:6.3f} {ratio:6.1f} {to_stock} {goal:>4}  {row.clips:5d}  {differences}"
              + (f"  [{row.note}]" if row.note else ""))


def scaling(sizes: list[int], out: Path) -> None:
    print()
    print("FCPXML writer time by cut size (4 tracks, 25 fps; write only, best of 2 for the fast writer)")
    print(f"{'items':>6} {'stock s':>8} {'fast s':>7} {'exact s':>8} {'stock/fast':>10}  "
          f"{'same bytes':>10}  fast look-up work (resource scans, spine entries, spine probes)")
    previous: tuple[float, float] | None = None
    for items in sizes:
        timeline = build_cut(items)
        start = time.perf_counter()
        stock_text = stock_fcpx.write_to_string(timeline)
        stock_s = time.perf_counter() - start
        fast_s = exact_s = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            writer = fcpx_fast.FastFcpxOtio(timeline)
            fast_text = writer.to_xml()
            fast_s = min(fast_s, time.perf_counter() - start)
            start = time.perf_counter()
            fcpx_fast.fcpxml_string(timeline, exact=True)
            exact_s = min(exact_s, time.perf_counter() - start)
        ops = writer.operations
        growth = ""
        if previous:
            growth = f"   growth x{stock_s / previous[0]:.1f} stock, x{fast_s / previous[1]:.1f} fast"
        print(f"{items:6d} {stock_s:8.3f} {fast_s:7.3f} {exact_s:8.3f} {stock_s / fast_s:10.1f}  "
              f"{'yes' if stock_text == fast_text else 'NO':>10}  "
              f"{ops['resource_scans']}, {ops['spine_entries']}, {ops['spine_probes']}{growth}")
        previous = (stock_s, fast_s)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--aaf-items", type=int, default=None,
                    help="size of the AAF cut (default: --items; 0: skip AAF)")
    ap.add_argument("--scaling", default="500,1000,2000", help="sizes for the FCPXML scaling table ('' to skip)")
    ap.add_argument("--out", type=Path, default=None, help="keep the written files here (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        rows = run_variant(f"4 tracks 25 fps, {args.items}", args.items, Fraction(25), 4, out,
                           ["fcp_xml", "fcpx"])
        rows += run_variant(f"4 tracks 30000/1001, {args.items}", args.items, Fraction(30000, 1001), 4, out,
                            ["fcp_xml", "fcpx"])
        rows += run_variant(f"V1 only 25 fps, {args.items}", args.items, Fraction(25), 1, out,
                            ["fcp_xml", "fcpx", "edl"])
        aaf_items = args.items if args.aaf_items is None else args.aaf_items
        if aaf_items:
            rows += run_aaf(aaf_items, out)
        print(f"Rough cut export: build + write + re-read + check, per format (seconds; goal <= {GOAL_S:g} s)")
        print_table(rows)
        if args.scaling:
            scaling([int(size) for size in args.scaling.split(",")], out)


if __name__ == "__main__":
    main()
