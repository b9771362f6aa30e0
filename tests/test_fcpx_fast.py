"""FCPXML export in linear time (docmanager.cuts.fcpx_fast) against the stock adapter."""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import xml.etree.ElementPath as element_path
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import opentimelineio as otio
import pytest
from otio_fcpx_xml_adapter import fcpx_xml as stock

from docmanager.cuts import fcpx_fast
from docmanager.cuts.fcpx_fast import FastFcpxOtio, FastFcpxXml

RT = otio.opentime.RationalTime
TR = otio.opentime.TimeRange
VIDEO = otio.schema.TrackKind.Video
AUDIO = otio.schema.TrackKind.Audio
COLOURS = (otio.schema.MarkerColor.RED, otio.schema.MarkerColor.GREEN, otio.schema.MarkerColor.PURPLE)
DTD = Path("/work/shared/samples/FCPXMLv1_8.dtd")


# --------------------------------------------------------------------------
# timelines
# --------------------------------------------------------------------------

def _clip(name: str, url: str, first: int, frames: int, rate: float, *,
          marker: tuple[str, int, int, str] | None = None) -> otio.schema.Clip:
    clip = otio.schema.Clip(
        name=name,
        media_reference=otio.schema.ExternalReference(
            target_url=url, available_range=TR(RT(86400, rate), RT(30000, rate))),
        source_range=TR(RT(86400 + first, rate), RT(frames, rate)))
    if marker:
        label, offset, length, colour = marker
        clip.markers.append(otio.schema.Marker(
            name=label, marked_range=TR(RT(86400 + first + offset, rate), RT(length, rate)), color=colour))
    return clip


def _gap(frames: int, rate: float) -> otio.schema.Gap:
    return otio.schema.Gap(source_range=TR(RT(0, rate), RT(frames, rate)))


def small_cut() -> otio.schema.Timeline:
    """Two tracks (V1 and A1), gaps on both, markers of each colour, shared media."""
    timeline = otio.schema.Timeline(name="Small cut")
    v1 = otio.schema.Track(name="V1", kind=VIDEO)
    v1.append(_clip("INT Wang Lei 01", "file:///rushes/A001.mov", 100, 125, 25,
                    marker=("pause", 50, 1, COLOURS[0])))
    v1.append(_gap(50, 25))
    v1.append(_clip("INT Wang Lei 02", "file:///rushes/A001.mov", 900, 150, 25,
                    marker=("laugh", 25, 25, COLOURS[1])))
    v1.append(_clip("BR market", "file:///rushes/B007.mov", 0, 200, 25))
    a1 = otio.schema.Track(name="A1", kind=AUDIO)
    a1.append(_gap(75, 25))
    a1.append(_clip("SND ambience", "file:///rushes/T003.wav", 10, 100, 25,
                    marker=("birds", 5, 10, COLOURS[2])))
    a1.append(_gap(100, 25))
    a1.append(_clip("SND ambience 2", "file:///rushes/T004.wav", 400, 150, 25))
    timeline.tracks.extend([v1, a1])
    return timeline


def generated_cut(per_track: int, *, rate: float = 25, seed: int = 3, tracks: int = 4) -> otio.schema.Timeline:
    """V1 (primary), V2, A1, A2 with gaps and a marker on every fourth clip.

    Connected tracks stay inside V1; they may start on any frame, so at 25 fps
    the stock adapter's truncated time arithmetic can fail on some seeds.
    """
    rnd = random.Random(seed)
    timeline = otio.schema.Timeline(name=f"Cut {per_track}")
    spine_frames = 0
    for number in range(tracks):
        kind = VIDEO if number < 2 else AUDIO
        track = otio.schema.Track(name=f"T{number}", kind=kind)
        used = 0
        for i in range(per_track):
            if i and rnd.random() < 0.15:
                frames = rnd.randint(60, 100) if number == 0 else rnd.randint(5, 40)
                track.append(_gap(frames, rate))
            else:
                frames = rnd.randint(80, 160) if number == 0 else rnd.randint(10, 50)
                marker = None
                if i % 4 == 0:
                    marker = (f"note {number}.{i}", frames // 2, 1 + i % 3, COLOURS[i % 3])
                track.append(_clip(f"clip {number}.{i}", f"file:///rushes/{number}_{rnd.randrange(per_track)}.mov",
                                   rnd.randint(0, 20000), frames, rate, marker=marker))
            used += frames
        if number == 0:
            spine_frames = used
        assert used <= spine_frames
        timeline.tracks.append(track)
    return timeline


def trap_cut() -> otio.schema.Timeline:
    """A connected clip on the last frame of V1's second clip.

    With 25 fps the stock arithmetic puts that clip's parent at frames
    [19, 47) and the next one at [49, ...): no parent, ``AttributeError``.
    """
    timeline = otio.schema.Timeline(name="Trap")
    v1 = otio.schema.Track(name="V1", kind=VIDEO)
    for number, frames in enumerate((20, 29, 50)):
        v1.append(_clip(f"p{number}", f"file:///rushes/p{number}.mov", 100, frames, 25))
    v2 = otio.schema.Track(name="V2", kind=VIDEO)
    v2.append(_gap(48, 25))
    v2.append(_clip("insert", "file:///rushes/insert.mov", 0, 10, 25, marker=("m", 2, 1, COLOURS[1])))
    timeline.tracks.extend([v1, v2])
    return timeline


# --------------------------------------------------------------------------
# comparing cuts
# --------------------------------------------------------------------------

def _frames(value: RT, rate: float) -> float:
    return round(value.rescaled_to(rate).value, 6)


def cut_rows(timeline: Any, *, lanes: bool) -> dict[str, list[tuple[Any, ...]]]:
    """Per track (V1, V2, A1...), each clip's name, source range, position and markers, in frames."""
    if isinstance(timeline, otio.schema.SerializableCollection):
        timeline = next(iter(timeline))
    rate = timeline.tracks[0].duration().rate
    counts: dict[str, int] = {}
    result = {}
    for track in timeline.tracks:
        if lanes:  # FCPXML: lane 0 is V1, 1 is V2, -1 is A1, -2 is A2
            lane = int(track.name)
            key = f"V{lane + 1}" if lane >= 0 else f"A{-lane}"
        else:
            counts[track.kind] = counts.get(track.kind, 0) + 1
            key = f"{'V' if track.kind == VIDEO else 'A'}{counts[track.kind]}"
        rows = []
        position = RT(0, rate)
        for item in track:
            start, position = position, position + item.duration()
            if isinstance(item, otio.schema.Clip):
                rows.append((item.name, _frames(item.source_range.start_time, rate),
                             _frames(item.source_range.duration, rate), _frames(start, rate),
                             [(m.name, _frames(m.marked_range.start_time, rate),
                               _frames(m.marked_range.duration, rate), m.color) for m in item.markers]))
        result[key] = rows
    return result


def _json(obj: Any) -> str:
    return otio.adapters.write_to_string(obj, "otio_json")


# --------------------------------------------------------------------------
# same output as the stock adapter
# --------------------------------------------------------------------------

@pytest.mark.parametrize("exact", [False, True])
def test_small_cut_byte_identical_to_stock(exact):
    timeline = small_cut()
    expected = stock.write_to_string(timeline)
    assert fcpx_fast.fcpxml_string(timeline, exact=exact) == expected
    assert "<marker" in expected and "<gap" in expected and 'lane="-1"' in expected


@pytest.mark.parametrize("seed", [1, 2, 3, 6])  # the stock adapter fails on seed 6
def test_generated_cut_identical_to_stock_with_stock_time_math(seed):
    timeline = generated_cut(60, seed=seed)
    try:
        expected = stock.write_to_string(timeline)
    except Exception as exc:  # the stock arithmetic fails on some cuts: so must we
        with pytest.raises(type(exc)):
            fcpx_fast.fcpxml_string(timeline, exact=False)
        return
    assert fcpx_fast.fcpxml_string(timeline, exact=False) == expected


def test_compound_clip_and_event_identical_to_stock():
    timeline = small_cut()
    compound = otio.schema.Stack(name="Compound 1", source_range=TR(RT(0, 25), RT(80, 25)))
    inner = otio.schema.Track(name="inner", kind=VIDEO)
    inner.append(_clip("inner a", "file:///rushes/C1.mov", 0, 60, 25, marker=("in", 3, 1, COLOURS[0])))
    inner.append(_clip("inner b", "file:///rushes/C2.mov", 0, 40, 25))
    compound.append(inner)
    timeline.tracks[0].append(compound)
    second = small_cut()
    second.name = "Small cut, second version"
    event = otio.schema.SerializableCollection(name="Day 3 selects", children=[timeline, second])
    for cut in (timeline, event):
        expected = stock.write_to_string(cut)
        assert fcpx_fast.fcpxml_string(cut, exact=False) == expected
        assert fcpx_fast.fcpxml_string(cut, exact=True) == expected
        assert _json(FastFcpxXml(expected).to_otio()) == _json(stock.read_from_string(expected))


def test_fast_reader_builds_what_the_stock_reader_builds():
    text = stock.write_to_string(small_cut())
    assert _json(FastFcpxXml(text).to_otio()) == _json(stock.read_from_string(text))
    for seed in (1, 2):
        timeline = generated_cut(60, seed=seed)
        text = fcpx_fast.fcpxml_string(timeline, exact=True)
        assert _json(fcpx_fast.read_fcpxml_string(text, exact=False)) == _json(stock.read_from_string(text))


def test_file_written_like_otio_writes_it(tmp_path):
    timeline = small_cut()
    ours = fcpx_fast.write_fcpxml(timeline, tmp_path / "ours.fcpxml")
    otio.adapters.write_to_file(timeline, str(tmp_path / "stock.fcpxml"))
    assert ours.read_bytes() == (tmp_path / "stock.fcpxml").read_bytes()


# --------------------------------------------------------------------------
# valid and faithful
# --------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("xmllint") is None or not DTD.exists(), reason="xmllint or the FCPXML DTD missing")
def test_output_valid_against_fcpxml_1_8_dtd(tmp_path):
    files = []
    for name, timeline, exact in (("small", small_cut(), False), ("cut25", generated_cut(40), True),
                                  ("cut2997", generated_cut(40, rate=30000 / 1001), True),
                                  ("trap", trap_cut(), True)):
        files.append(fcpx_fast.write_fcpxml(timeline, tmp_path / f"{name}.fcpxml", exact=exact))
    done = subprocess.run(["xmllint", "--noout", "--dtdvalid", str(DTD), *map(str, files)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("rate", [25, 24, 30000 / 1001, 24000 / 1001, 50])
def test_exact_round_trip_is_frame_exact(rate):
    timeline = generated_cut(50, rate=rate, seed=5)
    back = fcpx_fast.read_fcpxml_string(fcpx_fast.fcpxml_string(timeline))
    assert cut_rows(back, lanes=True) == cut_rows(timeline, lanes=False)


def test_small_cut_round_trip_through_the_stock_reader():
    timeline = small_cut()
    expected = cut_rows(timeline, lanes=False)
    got = cut_rows(stock.read_from_string(fcpx_fast.fcpxml_string(timeline)), lanes=True)
    assert {key: [row[:4] for row in rows] for key, rows in got.items()} == \
        {key: [row[:4] for row in rows] for key, rows in expected.items()}
    assert got["A1"] == expected["A1"]
    # The stock reader also hands V1's first clip the marker of the A1 clip
    # connected to it (it collects ".//marker").
    assert got["V1"][0][4] == expected["A1"][0][4] + expected["V1"][0][4]


def test_stock_time_arithmetic_failures_are_fixed_in_exact_mode():
    trap = trap_cut()
    with pytest.raises(AttributeError):
        stock.write_to_string(trap)
    back = fcpx_fast.read_fcpxml_string(fcpx_fast.fcpxml_string(trap))
    assert cut_rows(back, lanes=True) == cut_rows(trap, lanes=False)

    ntsc = generated_cut(10, rate=30000 / 1001)
    with pytest.raises(ValueError):
        stock.write_to_string(ntsc)
    assert 'frameDuration="1001/30000s"' in fcpx_fast.fcpxml_string(ntsc)


def test_stock_reader_loses_frames_and_duplicates_markers_exact_reader_does_not():
    timeline = generated_cut(60, seed=2)
    text = fcpx_fast.fcpxml_string(timeline)
    expected = cut_rows(timeline, lanes=False)
    assert cut_rows(stock.read_from_string(text), lanes=True) != expected
    assert cut_rows(fcpx_fast.read_fcpxml_string(text), lanes=True) == expected


# --------------------------------------------------------------------------
# frame size and scan of the <format>s
# --------------------------------------------------------------------------

HD_50I = fcpx_fast.Picture(1920, 1080, "upper first")
HD = fcpx_fast.Picture(1920, 1080)
_FORMAT_PICTURE = re.compile(r'( name="[^"]*")?( width="\d+" height="\d+"( fieldOrder="[^"]*")?)?/>')


def without_pictures(text: str) -> tuple[str, dict[str, dict[str, str]]]:
    """``text`` with the ``<format>``s' name, width, height and fieldOrder taken out, and those attributes by id."""
    described = {}
    lines = []
    for line in text.split("\n"):
        if line.lstrip().startswith("<format "):
            element = ElementTree.fromstring(line)
            described[element.get("id")] = {key: element.get(key) for key in ("name", "width", "height", "fieldOrder")
                                            if key in element.attrib}
            line = _FORMAT_PICTURE.sub("/>", line)
        lines.append(line)
    return "\n".join(lines), described


def pictured_cut() -> otio.schema.Timeline:
    """V1 at 25 fps (two 1080i50 files), V2 a 29.97 fps clip from another camera."""
    timeline = otio.schema.Timeline(name="Pictures")
    v1 = otio.schema.Track(name="V1", kind=VIDEO)
    v1.append(_clip("take 1", "file:///rushes/00001.MTS", 0, 50, 25))
    v1.append(_clip("take 2", "file:///rushes/00002.MTS", 0, 50, 25))
    v2 = otio.schema.Track(name="V2", kind=VIDEO)
    v2.append(_gap(10, 25))
    v2.append(_clip("phone", "file:///rushes/phone.mov", 0, 30, 30000 / 1001))
    timeline.tracks.extend([v1, v2])
    return timeline


def test_video_format_names_are_apples_or_empty():
    name = fcpx_fast.video_format_name
    assert name(HD_50I, Fraction(25)) == "FFVideoFormat1080i50"
    assert name(HD_50I, Fraction(30000, 1001)) == "FFVideoFormat1080i5994"
    assert name(HD, Fraction(25)) == "FFVideoFormat1080p25"
    assert name(HD, Fraction(30000, 1001)) == "FFVideoFormat1080p2997"
    assert name(HD, Fraction(24000, 1001)) == "FFVideoFormat1080p2398"
    assert name(fcpx_fast.Picture(1280, 720), Fraction(50)) == "FFVideoFormat720p50"
    assert name(fcpx_fast.Picture(3840, 2160), Fraction(25)) == "FFVideoFormat3840x2160p25"
    assert name(fcpx_fast.Picture(640, 360), Fraction(30000, 1001)) == ""  # no standard format: a custom one
    assert name(HD_50I, Fraction(50)) == ""  # no 1080i100
    assert name(fcpx_fast.Picture(1920, 1080, "lower first"), Fraction(25)) == ""


@pytest.mark.parametrize("exact", [False, True])
def test_formats_carry_size_and_field_order_and_nothing_else_changes(exact):
    timeline = small_cut()
    expected = stock.write_to_string(timeline)
    assets = {"file:///rushes/A001.mov": HD_50I}
    text = fcpx_fast.fcpxml_string(timeline, exact=exact, picture=HD_50I, asset_pictures=assets)
    rest, described = without_pictures(text)
    stock_rest, stock_described = without_pictures(expected)
    assert rest == stock_rest
    assert stock_described == {"r1": {"name": ""}}
    assert described == {"r1": {"name": "FFVideoFormat1080i50", "width": "1920", "height": "1080",
                                "fieldOrder": "upper first"}}
    assert '<format id="r1" frameDuration="1/25s" name="FFVideoFormat1080i50" width="1920" height="1080" ' \
           'fieldOrder="upper first"/>' in text
    assert fcpx_fast.fcpxml_string(timeline, exact=exact, picture=HD) == \
        expected.replace('name=""/>', 'name="FFVideoFormat1080p25" width="1920" height="1080"/>', 1)


def test_an_assets_format_is_described_only_when_its_assets_agree():
    timeline = pictured_cut()
    phone = fcpx_fast.Picture(1280, 720)
    assets = {"file:///rushes/00001.MTS": HD_50I, "file:///rushes/00002.MTS": HD_50I,
              "file:///rushes/phone.mov": phone}
    _, described = without_pictures(fcpx_fast.fcpxml_string(timeline, picture=HD_50I, asset_pictures=assets))
    formats = {element.get("frameDuration"): element.get("id") for element in
               ElementTree.fromstring(fcpx_fast.fcpxml_string(timeline).encode()).iter("format")}
    assert described[formats["1/25s"]]["fieldOrder"] == "upper first"
    assert described[formats["1001/30000s"]] == {"name": "FFVideoFormat720p2997", "width": "1280", "height": "720"}
    # the sequence's own format is the sequence's, whatever its assets are
    _, described = without_pictures(fcpx_fast.fcpxml_string(timeline, picture=HD, asset_pictures=assets))
    assert "fieldOrder" not in described[formats["1/25s"]]
    # an asset without a picture leaves its format as the stock writer made it
    timeline.tracks[1].append(_clip("other phone", "file:///rushes/other.mov", 0, 30, 30000 / 1001))
    _, described = without_pictures(fcpx_fast.fcpxml_string(timeline, picture=HD_50I, asset_pictures=assets))
    assert described[formats["1001/30000s"]] == {"name": ""}
    assert described[formats["1/25s"]]["width"] == "1920"


@pytest.mark.skipif(not DTD.exists(), reason="the FCPXML DTD sample is missing")
def test_described_formats_are_valid_against_fcpxml_1_8_dtd():
    etree = pytest.importorskip("lxml.etree")
    with open(DTD, "rb") as handle:
        dtd = etree.DTD(handle)
    assets = {"file:///rushes/00001.MTS": HD_50I, "file:///rushes/00002.MTS": HD_50I,
              "file:///rushes/phone.mov": fcpx_fast.Picture(640, 360)}
    for picture in (HD_50I, HD, fcpx_fast.Picture(640, 360, "lower first")):
        document = etree.fromstring(fcpx_fast.fcpxml_string(pictured_cut(), picture=picture,
                                                            asset_pictures=assets).encode("utf-8"))
        assert dtd.validate(document), dtd.error_log.filter_from_errors()
    assert len(fcpx_fast.read_fcpxml_string(fcpx_fast.fcpxml_string(pictured_cut(), picture=HD_50I)).find_clips()) == 3


def test_names_and_paths_with_apostrophes():
    timeline = small_cut()
    clip = timeline.tracks[0][0]
    clip.name = "Wang Lei's mother"
    clip.media_reference.target_url = "file:///rushes/Wang%20Lei's%20mother.mov"
    with pytest.raises(SyntaxError):  # XPath predicate in the stock adapter
        stock.write_to_string(timeline)
    back = fcpx_fast.read_fcpxml_string(fcpx_fast.fcpxml_string(timeline))
    assert cut_rows(back, lanes=True) == cut_rows(timeline, lanes=False)
    read_clip = next(c for c in back.find_clips() if c.name == clip.name)
    assert read_clip.media_reference.target_url == clip.media_reference.target_url


def test_time_values_convert_to_the_nearest_frame():
    ntsc = fcpx_fast.exact_rate(30000 / 1001)
    assert ntsc == Fraction(30000, 1001)
    assert fcpx_fast.format_rate("1001/30000s") == ntsc and fcpx_fast.format_rate("25/600s") == 24
    assert fcpx_fast.frames_at("1231/25s", Fraction(25)) == 1231  # the stock reader gives 1230
    assert fcpx_fast.frames_at("617617/15000s", ntsc) == 1234
    assert fcpx_fast.frames_at("0s", ntsc) == 0 and fcpx_fast.frames_at(None, ntsc) == 0
    assert fcpx_fast.frames_at("3600s", Fraction(25)) == 90000
    assert fcpx_fast.frames_at("1.5s", Fraction(25)) == 38  # 37.5, halves to even
    for value in ("1/50s", "3/50s", "-1/50s", "7/3s", "-7/3s"):
        assert fcpx_fast.frames_at(value, Fraction(25)) == round(fcpx_fast.parse_time(value) * 25), value


def test_spine_index_answers_like_a_linear_scan():
    """First match in document order, also when intervals overlap or leave holes."""
    rnd = random.Random(11)
    for _ in range(200):
        entries, position = [], 0
        for number in range(rnd.randint(0, 12)):
            start = position + rnd.randint(-2, 2)  # truncation makes neighbours overlap or part
            length = rnd.randint(0, 6)
            entries.append((number, start, start + length))
            position += max(length, 1)
        index = fcpx_fast.SpineIndex(entries, len(entries))  # type: ignore[arg-type]
        for t in range(-3, position + 4):
            expected = next((element for element, start, end in entries if not start > t and end > t), None)
            assert index.find(t) == expected, (entries, t)


# --------------------------------------------------------------------------
# install
# --------------------------------------------------------------------------

def test_install_routes_otio_adapter_and_is_reversible(tmp_path):
    module = otio.adapters.from_name("fcpx_xml").module()
    original_write, original_read = module.write_to_string, module.read_from_string
    timeline = generated_cut(30, seed=2)
    try:
        fcpx_fast.install()
        fcpx_fast.install()  # idempotent
        assert fcpx_fast.is_installed()
        path = tmp_path / "cut.fcpxml"
        otio.adapters.write_to_file(timeline, str(path))
        assert path.read_text(encoding="utf-8") == fcpx_fast.fcpxml_string(timeline, exact=True)
        back = otio.adapters.read_from_file(str(path))
        assert cut_rows(back, lanes=True) == cut_rows(timeline, lanes=False)
        otio.adapters.write_to_file(timeline, str(path), exact=False)
        assert path.read_text(encoding="utf-8") == fcpx_fast.fcpxml_string(timeline, exact=False)
        fcpx_fast.install(exact=False)
        assert otio.adapters.write_to_string(small_cut(), "fcpx_xml") == stock.write_to_string(small_cut())
    finally:
        fcpx_fast.uninstall()
    assert not fcpx_fast.is_installed()
    assert module.write_to_string is original_write and module.read_from_string is original_read
    fcpx_fast.uninstall()  # a second call changes nothing
    assert module.write_to_string is original_write


# --------------------------------------------------------------------------
# linear work (operation counts, never wall-clock time)
# --------------------------------------------------------------------------

class _CountingStock(stock.FcpxOtio):
    """The stock writer, counting calls of the routine its parent search repeats."""

    def __init__(self, timeline: Any) -> None:
        super().__init__(timeline)
        self.rate_lookups = 0

    def _frame_rate_from_element(self, element, default_format_id):
        self.rate_lookups += 1
        return super()._frame_rate_from_element(element, default_format_id)


class _CountingFast(FastFcpxOtio):
    def __init__(self, timeline: Any) -> None:
        super().__init__(timeline, exact=False)
        self.rate_lookups = 0

    def _frame_rate_from_element(self, element, default_format_id):
        self.rate_lookups += 1
        return super()._frame_rate_from_element(element, default_format_id)


def _work(writer_class: type, timeline: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, Any]:
    """(calls of ``_frame_rate_from_element``, XPath searches, writer) for one export."""
    searches = 0
    find = element_path.find

    def counting_find(*args: Any, **kwargs: Any) -> Any:
        nonlocal searches
        searches += 1
        return find(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(element_path, "find", counting_find)
        writer = writer_class(timeline)
        writer.to_xml()
    return writer.rate_lookups, searches, writer


def _stock_safe_cut(per_track: int) -> otio.schema.Timeline:
    for seed in range(1, 40):
        timeline = generated_cut(per_track, seed=seed)
        try:
            stock.write_to_string(timeline)
        except AttributeError:
            continue
        return timeline
    raise AssertionError("no cut the stock adapter can write")


def test_fast_writer_work_grows_linearly_stock_quadratically(monkeypatch):
    small, large = _stock_safe_cut(40), _stock_safe_cut(160)  # 160 and 640 items
    stock_small, stock_small_finds, _ = _work(_CountingStock, small, monkeypatch)
    stock_large, stock_large_finds, _ = _work(_CountingStock, large, monkeypatch)
    fast_small, fast_small_finds, writer_small = _work(_CountingFast, small, monkeypatch)
    fast_large, fast_large_finds, writer_large = _work(_CountingFast, large, monkeypatch)

    # Four times the items: the stock parent search does ~16x the work ...
    assert stock_large / stock_small > 8
    assert stock_large_finds / stock_small_finds > 8
    # ... the indexed one ~4x, and a bounded amount per item.
    assert fast_large / fast_small < 5
    assert fast_large_finds / fast_small_finds < 5
    items = sum(len(track) for track in large.tracks)
    assert fast_large <= 4 * items
    assert fast_large_finds <= 8 * items
    for key, count in writer_large.operations.items():
        assert count <= 1.4 * 4 * max(writer_small.operations[key], 1), key
    assert writer_large.operations["spine_probes"] <= 15 * items
