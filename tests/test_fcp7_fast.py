"""FCP 7 XML in linear time (docmanager.cuts.fcp7_fast) against the stock ``fcp_xml`` adapter.

The fast writer must print the stock writer's bytes and the fast reader must
build what the stock reader builds (compared as OTIO JSON); the reader's work
must grow linearly with the number of items on a track.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import opentimelineio as otio
import pytest

from docmanager.cuts import fcp7_fast
from docmanager.cuts.fcp7_fast import FastFcp7Parser, MemoContext
from tests.test_fcpx_fast import generated_cut, small_cut, trap_cut

RT = otio.opentime.RationalTime
TR = otio.opentime.TimeRange
VIDEO = otio.schema.TrackKind.Video
stock = fcp7_fast.stock_module()


def stock_text(timeline) -> str:
    return otio.adapters.write_to_string(timeline, "fcp_xml")


def stock_reading(text: str) -> str:
    return otio.adapters.write_to_string(otio.adapters.read_from_string(text, "fcp_xml"), "otio_json")


def fast_reading(text: str) -> str:
    return otio.adapters.write_to_string(fcp7_fast.read_fcp7_string(text), "otio_json")


def odd_names_cut() -> otio.schema.Timeline:
    """Names and paths with characters XML escapes, Chinese, an apostrophe, and a 29.97 clip in a 25 cut."""
    timeline = otio.schema.Timeline(name='Cut "A" & <B> 第一版')
    track = otio.schema.Track(name="V1", kind=VIDEO)
    for number, (name, url, rate) in enumerate((
            ("小雷's school & home", "file:///rushes/%E5%B0%8F%E9%9B%B7/A%20B.mov", 25.0),
            ('say "hi" <now>', "file:///rushes/x&y.mov", 30000 / 1001),
            ("tab\there", "file:///rushes/plain.mov", 25.0))):
        clip = otio.schema.Clip(
            name=name, source_range=TR(RT(100 + number, rate), RT(50, rate)),
            media_reference=otio.schema.ExternalReference(target_url=url,
                                                          available_range=TR(RT(0, rate), RT(1000, rate))))
        clip.markers.append(otio.schema.Marker(name=f"m&{number}",
                                               marked_range=TR(RT(110 + number, rate), RT(1, rate))))
        track.append(clip)
    timeline.tracks.append(track)
    return timeline


CUTS = {
    "small": small_cut,
    "trap": trap_cut,
    "generated 25": lambda: generated_cut(80, seed=2),
    "generated 29.97": lambda: generated_cut(80, rate=30000 / 1001, seed=5),
    "one track": lambda: generated_cut(150, seed=4, tracks=1),
    "odd names": odd_names_cut,
}


# --------------------------------------------------------------------------
# writing: the stock bytes
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CUTS))
def test_writer_prints_the_stock_bytes(name):
    timeline = CUTS[name]()
    assert fcp7_fast.fcp7_string(timeline) == stock_text(timeline)


def test_writer_prints_a_collection_as_the_stock_writer():
    second = small_cut()
    second.name = "second"
    collection = otio.schema.SerializableCollection(name="Selects", children=[small_cut(), second])
    assert fcp7_fast.fcp7_string(collection) == stock_text(collection)


def test_pretty_print_matches_minidom_or_leaves_it_to_minidom():
    root = ElementTree.Element("xmeml", version="4")
    ElementTree.SubElement(root, "empty")
    ElementTree.SubElement(root, "blank").text = ""
    ElementTree.SubElement(root, "spaces").text = "  two  "
    ElementTree.SubElement(root, "lines").text = "one\ntwo"
    ElementTree.SubElement(root, "quoted", note='a "b" <c> & d\'e').text = "x > y & \"z\""
    assert fcp7_fast.pretty_xml(root) == stock._make_pretty_string(root)
    # mixed content, tails and carriage returns go the stock way (and come out the same)
    ElementTree.SubElement(root, "cr").text = "a\r\nb"
    mixed = ElementTree.SubElement(root, "mixed")
    mixed.text = "head"
    ElementTree.SubElement(mixed, "inner").tail = "tail"
    assert not fcp7_fast._printable(root)
    assert fcp7_fast.pretty_xml(root) == stock._make_pretty_string(root)


def test_write_fcp7_writes_utf8_the_stock_text(tmp_path):
    timeline = odd_names_cut()
    path = fcp7_fast.write_fcp7(timeline, tmp_path / "cut.xml")
    assert path.read_bytes() == stock_text(timeline).encode("utf-8")


# --------------------------------------------------------------------------
# reading: what the stock reader builds
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CUTS))
def test_reader_builds_what_the_stock_reader_builds(name):
    text = stock_text(CUTS[name]())
    assert fast_reading(text) == stock_reading(text)


def test_reader_reads_a_collection_and_files_as_the_stock_reader(tmp_path):
    second = small_cut()
    second.name = "second"
    text = stock_text(otio.schema.SerializableCollection(name="Selects", children=[small_cut(), second]))
    assert fast_reading(text) == stock_reading(text)
    path = tmp_path / "cut.xml"
    path.write_text(stock_text(odd_names_cut()), encoding="utf-8")
    assert (otio.adapters.write_to_string(fcp7_fast.read_fcp7(path), "otio_json")
            == otio.adapters.write_to_string(otio.adapters.read_from_file(str(path), "fcp_xml"), "otio_json"))


def test_reader_inherits_rates_from_the_track_and_sequence_as_the_stock_reader():
    """Hand-written XML as Premiere writes it: rates only on the sequence and a track, ids reused."""
    text = """<?xml version="1.0" encoding="UTF-8"?>
<xmeml version="4"><sequence id="seq-1"><name>Edit</name><rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate>
<media><video><track><rate><timebase>25</timebase><ntsc>FALSE</ntsc></rate>
<clipitem id="c-1"><name>one</name><start>0</start><end>50</end><in>10</in><out>60</out>
<file id="f-1"><name>a.mov</name><pathurl>file:///a.mov</pathurl><duration>500</duration></file>
<marker><name>m</name><in>20</in><out>-1</out></marker></clipitem>
<clipitem id="c-2"><name>two</name><start>60</start><end>90</end><in>0</in><out>30</out><file id="f-1"/></clipitem>
</track><track><clipitem id="c-3"><name>three</name><start>5</start><end>25</end><in>0</in><out>20</out>
<file id="f-2"><name>b.mov</name><pathurl>file:///b.mov</pathurl></file></clipitem></track></video></media>
</sequence></xmeml>"""
    assert fast_reading(text) == stock_reading(text)


def test_no_sequence_raises_as_the_stock_reader():
    text = '<?xml version="1.0"?><xmeml version="4"><project><name>x</name></project></xmeml>'
    with pytest.raises(ValueError, match="No top-level sequences found"):
        otio.adapters.read_from_string(text, "fcp_xml")
    with pytest.raises(ValueError, match="No top-level sequences found"):
        fcp7_fast.read_fcp7_string(text)


# --------------------------------------------------------------------------
# linear work
# --------------------------------------------------------------------------

class _CountingContext(MemoContext):
    """Counts the children ``find`` walks past (what the stock context does on every look-up)."""

    visits = 0

    def find(self, element, path):
        key = (element, path)
        if key not in self.memo:
            _CountingContext.visits += len(element)
        return super().find(element, path)


class _CountingParser(FastFcp7Parser):
    def top_level_sequences(self):
        context = _CountingContext()
        return [self.timeline_for_sequence(s, context) for s in self._derefed_iterfind(self._etree, ".//sequence")]


def _visits(items: int) -> int:
    text = stock_text(generated_cut(items, seed=4, tracks=1))
    _CountingContext.visits = 0
    _CountingParser(ElementTree.fromstring(text)).top_level_sequences()
    return _CountingContext.visits


def test_look_ups_grow_linearly_with_the_items_of_a_track():
    small, large = _visits(200), _visits(800)
    assert large <= 4.5 * small  # the stock context: about 16 times (2n² visits of the track's children)
    assert small > 0


def test_memo_context_refuses_an_element_twice_like_the_stock_one():
    element = ElementTree.Element("track")
    context = MemoContext(element)
    with pytest.raises(ValueError, match="already in context"):
        context.context_pushing_element(element)
    assert isinstance(context.context_pushing_element(ElementTree.Element("clipitem")), MemoContext)
