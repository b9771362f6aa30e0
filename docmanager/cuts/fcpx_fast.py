"""FCPXML 1.8 export and re-read in linear time, on top of ``otio-fcpx-xml-adapter``.

Cause
-----
The adapter's writer (``FcpxOtio``) builds the document as an ElementTree and
answers every question about what it has already written with an XPath query
over that growing tree:

* ``_find_parent_element`` -- called once per clip of every connected
  (non-primary) track to find the primary-storyline item the clip is
  attached to -- walks ``spine.iter()`` from the first element and, for each
  element passed, works out its offset and duration through
  ``_frame_rate_from_element``, which itself looks the element's asset up
  with ``resources.find("./asset[@id='...']")``.  That is O(items on the
  spine x resources) per connected clip: a 2,000-item cut on 4 tracks runs
  about 1.5 million ``find`` calls.
* ``_asset_by_path``, ``_asset_by_id``, ``_media_by_name``, ``_media_by_id``,
  ``_format_by_frame_rate`` and ``_asset_clip_by_name`` are linear scans of
  ``<resources>`` or of the event, run at least once for every clip.

Export time therefore grows with the square of the number of items (and the
reader, ``FcpxXml``, has the same pattern for assets, formats and asset-clips,
on a smaller scale).

Fix
---
:class:`FastFcpxOtio` and :class:`FastFcpxXml` subclass the adapter's writer
and reader and override only those look-ups:

* each ``find("./tag[@attr='value']")`` over the children of ``<resources>``
  or of the event becomes a dictionary kept up to date incrementally
  (:class:`ChildIndex`: those elements only ever get children appended, so
  indexing the children added since the last look-up is enough and the
  first-match semantics of ``find`` are kept);
* the primary-storyline search becomes a per-spine table of the intervals the
  stock code computes (same arithmetic, same order), with a running maximum of
  interval ends and a running minimum of interval starts, so the first
  matching item in document order -- exactly what the stock loop returns -- is
  found by bisection (:class:`SpineIndex`);
* a track's frame rate is remembered: the writer asks for it twice per
  connected clip through ``track.duration()``, which sums the whole track;
* the ``ffprobe`` call used to name a ``<format>`` is remembered per media
  file and rate instead of being repeated for every audio clip, and so are
  duration strings and frame durations (constant factors only).

With ``exact=False`` the output is byte-for-byte the stock adapter's, for every
timeline the stock adapter can write.  Beyond speed, the dictionaries also
accept names and paths with an apostrophe, on which the stock XPath
predicates raise ``SyntaxError``.

Exact time (``exact=True``, the default of this module's functions)
-------------------------------------------------------------------
The adapter converts times to frames with the frame rate truncated to an
integer and the frame count truncated rather than rounded
(``int(1231 / 25 * 25) == 1230``): at 25 fps about one frame value in twenty
reads back one frame short, connected clips can be placed a frame off, and a
connected clip starting on the last frame of a primary item finds no parent
(``AttributeError``).  30000/1001 and 24000/1001 cuts get an empty
``frameDuration`` and cannot be written at all.  The reader also gives a
primary clip the markers of every clip connected to it (``.//marker``).

With ``exact=True`` the writer locates and offsets connected clips with
rational arithmetic on the time values it writes, and gives rates missing from
the adapter's table their exact ``frameDuration`` (``1001/30000s``); the
reader converts times with the exact rate of the ``<format>`` and rounds to
the nearest frame, and takes only a clip's own markers.  Wherever the stock
arithmetic is right the written file is still identical to the stock one.

Frame size and scan (``picture`` / ``asset_pictures``)
-----------------------------------------------------
The adapter's ``<format>`` carries only ``frameDuration`` (and a name probed
with ``ffprobe`` when the media is at hand, which calls every picture
progressive), so Final Cut Pro cannot tell a 1080i50 project from 25p of
unknown size.  Given the :class:`Picture` of the sequence and of the assets
(by ``src``), the writer finishes the printed document with
:func:`describe_formats`: each ``<format>`` it knows the picture of gets
``width``, ``height``, ``fieldOrder`` for interlaced pictures and Apple's
standard ``name`` where one exists (:func:`video_format_name`; empty
otherwise).  Nothing else in the file changes: without pictures it is still
the stock adapter's text.

Using it
--------
:func:`fcpxml_string` and :func:`write_fcpxml` write; :func:`read_fcpxml` and
:func:`read_fcpxml_string` read.  :func:`install` makes
``otio.adapters.write_to_file(tl, "cut.fcpxml")`` (and the matching
``read_from_*`` calls) use these classes: it replaces ``write_to_string`` and
``read_from_string`` on the module object OpenTimelineIO loaded for the
``fcpx_xml`` adapter (a copy of ``otio_fcpx_xml_adapter.fcpx_xml`` that OTIO
imports by file path).  Calling it again only changes the ``exact`` setting;
:func:`uninstall` puts the adapter's own functions back.
"""
from __future__ import annotations

import os
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Mapping, Optional
from xml.etree.ElementTree import Element, SubElement, fromstring

import opentimelineio as otio
from otio_fcpx_xml_adapter import fcpx_xml as stock

__all__ = [
    "ChildIndex",
    "FastFcpxOtio",
    "FastFcpxXml",
    "FIELD_ORDERS",
    "Picture",
    "SpineIndex",
    "describe_formats",
    "exact_rate",
    "fcpxml_string",
    "format_rate",
    "frames_at",
    "install",
    "is_installed",
    "parse_time",
    "read_fcpxml",
    "read_fcpxml_string",
    "uninstall",
    "video_format_name",
    "write_fcpxml",
]

RationalTime = otio.opentime.RationalTime
TimeRange = otio.opentime.TimeRange

#: Story elements the stock ``_find_parent_element`` accepts as a parent.
_PARENT_TAGS = frozenset(("clip", "asset-clip", "gap", "ref-clip"))


# --------------------------------------------------------------------------
# time helpers for exact mode
# --------------------------------------------------------------------------

def parse_time(value: str | None) -> Fraction:
    """Seconds of an FCPXML time value (``"0s"``, ``"3600s"``, ``"1001/30000s"``).

    ``None`` counts as zero, as it does in the adapter.
    """
    if value is None:
        return Fraction(0)
    text = value[:-1] if value.endswith("s") else value
    numerator, _, denominator = text.partition("/")
    if denominator:
        return Fraction(numerator) / Fraction(denominator)
    return Fraction(numerator)


@lru_cache(maxsize=64)
def exact_rate(rate: float) -> Fraction:
    """The rational frame rate a float rate stands for.

    ``30000 / 1001`` (29.97002997...) gives ``Fraction(30000, 1001)``;
    integer rates give themselves; other rates the nearest fraction with a
    denominator of at most 1001.
    """
    return Fraction(rate).limit_denominator(1001)


def format_rate(frame_duration: str) -> Fraction:
    """Frames per second of a ``<format frameDuration="...">`` value."""
    duration = parse_time(frame_duration)
    if duration <= 0:
        raise ValueError(f"frameDuration {frame_duration!r} is not a positive time")
    return 1 / duration


def _seconds_as_rational_time(seconds: Fraction) -> RationalTime:
    """A RationalTime that ``stock.from_rational_time`` writes as exactly ``seconds``."""
    return RationalTime(seconds.numerator, seconds.denominator)


def frames_at(value: str | None, rate: Fraction) -> int:
    """An FCPXML time value as a whole number of frames at ``rate``.

    Rounded to the nearest frame (halves to even, like ``round``), in integer
    arithmetic: the reader converts several values per clip.
    """
    text = "0" if value is None else (value[:-1] if value.endswith("s") else value)
    numerator, _, denominator = text.partition("/")
    try:
        top, bottom = int(numerator), int(denominator or 1)
    except ValueError:  # decimal seconds
        seconds = parse_time(value)
        top, bottom = seconds.numerator, seconds.denominator
    top, bottom = top * rate.numerator, bottom * rate.denominator
    if bottom < 0:
        top, bottom = -top, -bottom
    frames, remainder = divmod(top, bottom)
    if 2 * remainder > bottom or (2 * remainder == bottom and frames % 2):
        frames += 1
    return frames


def _frames(value: str | None, rate: Fraction) -> RationalTime:
    """``value`` as a RationalTime of whole frames at ``rate``."""
    return RationalTime(frames_at(value, rate), float(rate))


# --------------------------------------------------------------------------
# frame size and scan of <format>s
# --------------------------------------------------------------------------

#: ``fieldOrder`` of a ``<format>`` for a probed field order (FCPXML 1.8 DTD:
#: ``progressive | upper first | lower first``).
FIELD_ORDERS = {"tff": "upper first", "bff": "lower first"}


@dataclass(frozen=True)
class Picture:
    """The frames a ``<format>`` describes: their size and, when interlaced, which field comes first."""

    width: int
    height: int
    field_order: Optional[str] = None  # "upper first" / "lower first"; None: progressive


#: Frame sizes of Apple's ``FFVideoFormat...`` names (1080 and 720 go by their lines).
_SIZE_NAMES = {(1920, 1080): "1080", (1280, 720): "720", (3840, 2160): "3840x2160", (4096, 2160): "4096x2160"}
_PROGRESSIVE_RATES = {Fraction(24000, 1001): "2398", Fraction(24): "24", Fraction(25): "25",
                      Fraction(30000, 1001): "2997", Fraction(30): "30", Fraction(50): "50",
                      Fraction(60000, 1001): "5994", Fraction(60): "60"}
#: Interlaced names count fields: 25 frames a second is ``1080i50``.
_INTERLACED_RATES = {Fraction(25): "50", Fraction(30000, 1001): "5994"}


def video_format_name(picture: Picture, rate: Fraction) -> str:
    """Apple's name of the standard format of ``picture`` at ``rate`` frames a second, or ``""``.

    ``FFVideoFormat1080i50`` (1920x1080, 25 frames of two fields, upper
    first), ``FFVideoFormat1080p2997``, ``FFVideoFormat720p50``,
    ``FFVideoFormat3840x2160p25`` ...; ``""`` for any other size, rate or
    scan, which Final Cut Pro reads as a custom format of that size.
    """
    size = _SIZE_NAMES.get((picture.width, picture.height))
    if size is None:
        return ""
    if picture.field_order is None:
        tail = _PROGRESSIVE_RATES.get(rate)
        return f"FFVideoFormat{size}p{tail}" if tail else ""
    tail = _INTERLACED_RATES.get(rate)
    if size != "1080" or picture.field_order != "upper first" or tail is None:
        return ""
    return f"FFVideoFormat{size}i{tail}"


_FORMAT_TAG = re.compile(r'<format\b[^>]*?/>')
_ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')
_NAME_ATTRIBUTE = re.compile(r'\bname="[^"]*"')
_DURATION_ATTRIBUTE = re.compile(r'\bframeDuration="([^"]*)"')


def _format_pictures(root: Element, picture: Optional[Picture],
                     asset_pictures: Mapping[str, Picture]) -> dict[str, Picture]:
    """The picture of each ``<format>`` id: the sequences' format gets ``picture``; any other format the
    picture all its assets share (none when one of them is unknown or they differ)."""
    known: dict[str, Picture] = {}
    if picture is not None:
        for sequence in root.iterfind(".//project/sequence"):
            known[sequence.get("format", "")] = picture
    shared: dict[str, Optional[Picture]] = {}
    for asset in root.iterfind("./resources/asset"):
        format_id = asset.get("format", "")
        if format_id in known:
            continue
        own = asset_pictures.get(asset.get("src", ""))
        if format_id in shared and shared[format_id] != own:
            own = None
        shared[format_id] = own
    known.update((format_id, own) for format_id, own in shared.items() if own is not None)
    return known


def describe_formats(text: str, picture: Optional[Picture] = None,
                     asset_pictures: Optional[Mapping[str, Picture]] = None) -> str:
    """FCPXML ``text`` with frame size, field order and standard name on the ``<format>``s it can describe.

    ``picture`` describes the projects' sequences; ``asset_pictures`` the
    assets by ``src``.  The adapter gives all items of one frame rate one
    format, so a format the sequence uses is the sequence's, and another
    format is described only when all its assets have the same picture.
    Each described ``<format .../>`` tag gets ``name`` set (Apple's name or
    ``""``, see :func:`video_format_name`) and ``width``, ``height`` and,
    for interlaced pictures, ``fieldOrder`` appended; every other byte of
    ``text`` is kept.
    """
    pictures = _format_pictures(fromstring(text.encode("utf-8")), picture, asset_pictures or {})
    if not pictures:
        return text

    def describe(match: re.Match[str]) -> str:
        tag = match.group(0)
        found = _ID_ATTRIBUTE.search(tag)
        own = pictures.get(found.group(1)) if found is not None else None
        if own is None:
            return tag
        duration = _DURATION_ATTRIBUTE.search(tag)
        name = video_format_name(own, format_rate(duration.group(1))) if duration and duration.group(1) else ""
        if _NAME_ATTRIBUTE.search(tag):
            tag = _NAME_ATTRIBUTE.sub(f'name="{name}"', tag, count=1)
        else:
            tag = tag[:-2] + f' name="{name}"/>'
        extra = f' width="{own.width}" height="{own.height}"'
        if own.field_order is not None:
            extra += f' fieldOrder="{own.field_order}"'
        return tag[:-2] + extra + "/>"

    return _FORMAT_TAG.sub(describe, text)


# --------------------------------------------------------------------------
# indexes
# --------------------------------------------------------------------------

class ChildIndex:
    """``parent.find("./TAG[@ATTR='value']")`` in amortised constant time.

    Answers with the first direct child of ``parent`` with tag ``tag`` whose
    attribute ``attr`` equals the value, like the XPath query.  Children added
    to ``parent`` since the previous look-up are indexed at the next one, so
    the index is correct as long as ``parent``'s existing children are not
    removed or reordered and ``attr`` is set when a child is appended (both
    hold for ``<resources>`` and the event in the adapter's writer).  If the
    parent ever has fewer children than were indexed, the index is rebuilt.
    """

    __slots__ = ("_parent", "_tag", "_attr", "_seen", "_first", "scanned")

    def __init__(self, parent: Element, tag: str, attr: str) -> None:
        self._parent = parent
        self._tag = tag
        self._attr = attr
        self._seen = 0
        self._first: dict[str, Element] = {}
        #: Children examined so far (an operation count, for tests).
        self.scanned = 0

    def get(self, value: object) -> Element | None:
        """The first matching child, or ``None``."""
        count = len(self._parent)
        if count < self._seen:
            self._seen = 0
            self._first.clear()
        if count > self._seen:
            tag, attr, first = self._tag, self._attr, self._first
            for child in self._parent[self._seen:count]:
                if child.tag == tag:
                    key = child.get(attr)
                    if key is not None and key not in first:
                        first[key] = child
            self.scanned += count - self._seen
            self._seen = count
        return self._first.get(str(value))


class SpineIndex:
    """The candidate parents of one ``<spine>``, searchable by time.

    ``entries`` holds ``(element, start, end)`` for the elements the stock
    ``_find_parent_element`` considers, in document order, with start and end
    computed as the caller sees fit (the stock arithmetic or exact seconds);
    they only need to be mutually comparable with the query time.
    :meth:`find` returns the first entry in document order with
    ``start <= t < end`` -- the element the stock linear scan returns -- after
    a bisection on the running maximum of ``end``; the running minimum of
    ``start`` from the right ends the search when no later entry can start
    early enough.  On a well-formed spine (starts and ends increasing) a
    look-up is the bisection plus one or two entries.
    """

    __slots__ = ("elements", "starts", "ends", "_max_end", "_min_start_after", "size", "probes")

    def __init__(self, entries: list[tuple[Element, Any, Any]], size: int) -> None:
        self.elements = [entry[0] for entry in entries]
        self.starts = [entry[1] for entry in entries]
        self.ends = [entry[2] for entry in entries]
        #: Number of children the spine had when indexed.
        self.size = size
        #: Entries examined by look-ups (an operation count, for tests).
        self.probes = 0
        running: list[Any] = []
        for end in self.ends:
            running.append(end if not running or end > running[-1] else running[-1])
        self._max_end = running
        after: list[Any] = [None] * len(self.starts)
        for i in range(len(self.starts) - 1, -1, -1):
            start = self.starts[i]
            after[i] = start if i == len(self.starts) - 1 or not start > after[i + 1] else after[i + 1]
        self._min_start_after = after

    def find(self, t: Any) -> Element | None:
        """First element with ``not start > t`` and ``end > t``, or ``None``."""
        low, high = 0, len(self._max_end)
        while low < high:  # first index whose running maximum of ends is > t
            middle = (low + high) // 2
            self.probes += 1
            if self._max_end[middle] > t:
                high = middle
            else:
                low = middle + 1
        for i in range(low, len(self.elements)):
            self.probes += 1
            if self._min_start_after[i] > t:
                return None
            if not self.starts[i] > t and self.ends[i] > t:
                return self.elements[i]
        return None


# --------------------------------------------------------------------------
# writer
# --------------------------------------------------------------------------

class FastFcpxOtio(stock.FcpxOtio):
    """The adapter's FCPXML writer with indexed look-ups (see the module docstring).

    ``exact=False`` writes exactly what ``stock.FcpxOtio`` writes.
    ``exact=True`` also corrects the time arithmetic used to attach connected
    clips and writes rates the adapter has no ``frameDuration`` for.
    ``picture`` (the sequence's) and ``asset_pictures`` (by ``src``) give
    the ``<format>``s their frame size and scan (:func:`describe_formats`).
    :attr:`operations` counts the work of the replaced look-ups.
    """

    def __init__(self, otio_timeline: Any, *, exact: bool = False, picture: Optional[Picture] = None,
                 asset_pictures: Optional[Mapping[str, Picture]] = None) -> None:
        super().__init__(otio_timeline)
        self.exact = exact
        self.picture = picture
        self.asset_pictures = dict(asset_pictures or {})
        resources = self.resource_element
        self._formats_by_duration = ChildIndex(resources, "format", "frameDuration")
        self._formats_by_id = ChildIndex(resources, "format", "id")
        self._assets_by_src = ChildIndex(resources, "asset", "src")
        self._assets_by_id = ChildIndex(resources, "asset", "id")
        self._media_by_name_index = ChildIndex(resources, "media", "name")
        self._media_by_id_index = ChildIndex(resources, "media", "id")
        self._asset_clips_by_name = ChildIndex(self.event_resource, "asset-clip", "name")
        self._spines: dict[tuple[int, object], tuple[Element, SpineIndex]] = {}
        self._format_rates: dict[str, int] = {}
        self._format_names: dict[tuple[float, str], str] = {}
        self._composition_rates: dict[int, tuple[Any, float]] = {}
        self._frame_durations: dict[float, str] = {}
        self._rational_numbers: dict[tuple[float, float], str] = {}
        self._parent_searches = 0

    def to_xml(self) -> str:
        """The stock document, its ``<format>``s then described when pictures were given."""
        text = super().to_xml()
        if self.picture is None and not self.asset_pictures:
            return text
        return describe_formats(text, self.picture, self.asset_pictures)

    # -- resource and event look-ups ------------------------------------

    def _asset_by_path(self, path: str) -> Element | None:
        return self._assets_by_src.get(path)

    def _asset_by_id(self, asset_id: str) -> Element | None:
        return self._assets_by_id.get(asset_id)

    def _media_by_name(self, name: str) -> Element | None:
        return self._media_by_name_index.get(name)

    def _media_by_id(self, media_id: str) -> Element | None:
        return self._media_by_id_index.get(media_id)

    def _format_by_frame_rate(self, frame_rate: float) -> Element | None:
        return self._formats_by_duration.get(self._framerate_to_frame_duration(frame_rate))

    def _asset_clip_by_name(self, name: str) -> Element | None:
        return self._asset_clips_by_name.get(name)

    def _framerate_to_frame_duration(self, framerate: float) -> str:  # type: ignore[override]
        frame_duration = self._frame_durations.get(framerate)
        if frame_duration is None:
            frame_duration = stock.FcpxOtio._framerate_to_frame_duration(framerate)
            if not frame_duration and self.exact:
                duration = 1 / exact_rate(framerate)
                frame_duration = f"{duration.numerator}/{duration.denominator}s"
            self._frame_durations[framerate] = frame_duration
        return frame_duration

    def _calculate_rational_number(self, duration: float, rate: float) -> str:  # type: ignore[override]
        """The stock conversion, remembered: a cut repeats few durations."""
        key = (duration, rate)
        text = self._rational_numbers.get(key)
        if text is None:
            text = self._rational_numbers[key] = stock.FcpxOtio._calculate_rational_number(duration, rate)
        return text

    def _rate_of(self, item: Any) -> float:
        """``item.duration().rate``, remembered for tracks and stacks.

        A composition's duration sums its children; the writer asks for a
        track's rate twice per connected clip, which alone is quadratic.  The
        timeline does not change while it is written.
        """
        if item.schema_name() not in ("Track", "Stack"):
            return item.duration().rate
        cached = self._composition_rates.get(id(item))
        if cached is None or cached[0] is not item:
            cached = self._composition_rates[id(item)] = (item, item.duration().rate)
        return cached[1]

    def _find_or_create_format_from(self, clip: Any) -> Element:
        """The stock method, with the rate taken from :meth:`_rate_of`."""
        rate = self._rate_of(clip)
        format_element = self._format_by_frame_rate(rate)
        if format_element is None:
            format_element = SubElement(self.resource_element, "format", {
                "id": self._resource_id_generator(),
                "frameDuration": self._framerate_to_frame_duration(rate),
                "name": self._clip_format_name(clip),
            })
        if format_element.get("name", "") == "":
            format_element.set("name", self._clip_format_name(clip))
        return format_element

    def _clip_format_name(self, clip: Any) -> str:
        """The stock probe, run once per media file and rate."""
        reference = clip.media_reference if clip.schema_name() == "Clip" else None
        url = getattr(reference, "target_url", None)
        if reference is None or reference.is_missing_reference or url is None:
            return super()._clip_format_name(clip)
        key = (clip.duration().rate, url)
        name = self._format_names.get(key)
        if name is None:
            name = self._format_names[key] = super()._clip_format_name(clip)
        return name

    def _frame_rate_from_element(self, element: Element, default_format_id: str) -> int:
        """The stock integer rate of ``element``'s format, from the indexes."""
        format_id = self._format_id_of(element, default_format_id)
        rate = self._format_rates.get(format_id)
        if rate is None:
            format_element = self._formats_by_id.get(format_id)
            if format_element is None:
                raise ValueError(f"no <format id={format_id!r}> in the resources")
            total, per = format_element.get("frameDuration", "").split("/")
            rate = int(float(per.replace("s", "")) / float(total))
            self._format_rates[format_id] = rate
        return rate

    def _format_id_of(self, element: Element, default_format_id: str) -> str:
        """The format an element's times are counted in (the stock rules)."""
        tag = element.tag
        if tag == "gap":
            return default_format_id
        if tag == "ref-clip":
            media = self._media_by_id(element.get("ref", ""))
            sequence = media.find("./sequence") if media is not None else None
            if sequence is None:
                raise ValueError(f"ref-clip {element.get('ref')!r} has no compound clip")
            return sequence.get("format", "")
        if tag == "clip":
            gap = element.find("./gap")
            story = gap.find("./audio") if gap is not None else element.find("./video")
            asset_id = story.get("ref", "") if story is not None else ""
        elif tag == "asset-clip":
            asset_id = element.get("ref", "")
        else:
            raise ValueError(f"<{tag}> has no frame rate")
        asset = self._asset_by_id(asset_id)
        if asset is None:
            raise ValueError(f"no <asset id={asset_id!r}> in the resources")
        return asset.get("format", "")

    # -- primary storyline search ----------------------------------------

    def _spine_index(self, spine: Element, format_id: str) -> SpineIndex:
        """The (cached) candidate parents of ``spine``, timed for ``format_id``.

        Rebuilt when the spine's number of children changes; the writer only
        appends to a spine while writing the primary track, before any
        connected clip is attached, so each spine is indexed once per format.
        Elements attached later to spine items always carry a ``lane`` and
        are never candidates.
        """
        key = (id(spine), None if self.exact else format_id)
        cached = self._spines.get(key)
        if cached is not None and cached[0] is spine and cached[1].size == len(spine):
            return cached[1]
        entries: list[tuple[Element, Any, Any]] = []
        for item in spine.iter():
            if item.tag not in _PARENT_TAGS or item.get("lane") is not None:
                continue
            if item.tag == "gap" and item.find("./audio") is not None:
                continue
            self._parent_searches += 1
            if self.exact:
                start = parse_time(item.get("offset"))
                end = start + parse_time(item.get("duration"))
            else:
                rate = self._frame_rate_from_element(item, format_id)
                start = stock.to_rational_time(item.get("offset"), rate)
                end = start + stock.to_rational_time(item.get("duration"), rate)
            entries.append((item, start, end))
        index = SpineIndex(entries, len(spine))
        self._spines[key] = (spine, index)
        return index

    def _find_parent_element(self, spine: Element, trimmed_range: RationalTime,
                             format_id: str) -> Element | None:
        index = self._spine_index(spine, format_id)
        if self.exact:
            return index.find(parse_time(stock.from_rational_time(trimmed_range)))
        return index.find(trimmed_range)

    def _offset_based_on_parent(self, child: Element, parent: Element,
                                default_format_id: str) -> RationalTime:
        if not self.exact:
            return super()._offset_based_on_parent(child, parent, default_format_id)
        seconds = (parse_time(child.get("offset")) - parse_time(parent.get("offset"))
                   + parse_time(parent.get("start")))
        return _seconds_as_rational_time(seconds)

    # -- accounting ----------------------------------------------------------

    @property
    def operations(self) -> Counter[str]:
        """Work done by the replaced look-ups so far.

        ``resource_scans``: children examined by the resource and event
        indexes; ``spine_entries``: candidate parents timed while indexing
        spines; ``spine_probes``: entries examined by parent look-ups.
        All three grow linearly with the size of the timeline.
        """
        indexes = (self._formats_by_duration, self._formats_by_id, self._assets_by_src,
                   self._assets_by_id, self._media_by_name_index, self._media_by_id_index,
                   self._asset_clips_by_name)
        return Counter(
            resource_scans=sum(index.scanned for index in indexes),
            spine_entries=self._parent_searches,
            spine_probes=sum(index.probes for _, index in self._spines.values()),
        )


# --------------------------------------------------------------------------
# reader
# --------------------------------------------------------------------------

class FastFcpxXml(stock.FcpxXml):
    """The adapter's FCPXML reader with indexed look-ups.

    ``exact=False`` builds exactly what ``stock.FcpxXml`` builds.
    ``exact=True`` converts times with the exact rate of each ``<format>``
    (rounded to the nearest frame) and reads only a clip's own markers.
    """

    def __init__(self, xml_string: str | bytes, *, exact: bool = False) -> None:
        super().__init__(xml_string)
        self.exact = exact
        root = self.fcpx_xml
        self._assets: dict[str, Element] = {}
        self._formats: dict[str, Element] = {}
        self._compounds: dict[str, Element] = {}
        for resources in root.findall("./resources"):
            for child in resources:
                table = {"asset": self._assets, "format": self._formats,
                         "media": self._compounds}.get(child.tag)
                key = child.get("id")
                if table is not None and key is not None:
                    table.setdefault(key, child)
        event = root.find("./event")
        self._asset_clips: dict[str, Element] = {}
        for asset_clip in (event if event is not None else root).findall("./asset-clip"):
            ref = asset_clip.get("ref")
            if ref is not None:
                self._asset_clips.setdefault(ref, asset_clip)
        self._rates: dict[str, Fraction] = {}

    # -- look-ups -------------------------------------------------------------

    def _asset_by_id(self, asset_id: str | None) -> Element | None:
        return self._assets.get(str(asset_id))

    def _assetclip_by_ref(self, asset_id: str | None) -> Element | None:
        return self._asset_clips.get(str(asset_id))

    def _format_by_id(self, format_id: str | None) -> Element | None:
        return self._formats.get(str(format_id))

    def _compound_clip_by_id(self, compound_id: str | None) -> Element | None:
        return self._compounds.get(str(compound_id))

    # -- exact time ------------------------------------------------------------

    def _rate(self, format_id: str) -> Fraction:
        rate = self._rates.get(format_id)
        if rate is None:
            media_format = self._format_by_id(format_id)
            if media_format is None:
                raise ValueError(f"no <format id={format_id!r}> in the resources")
            rate = self._rates[format_id] = format_rate(media_format.get("frameDuration", ""))
        return rate

    def _format_frame_rate(self, format_id: str) -> float:
        if not self.exact:
            return super()._format_frame_rate(format_id)
        return float(self._rate(format_id))

    def _number_of_frames(self, time_value: str | None, format_id: str) -> int:
        if not self.exact:
            return super()._number_of_frames(time_value, format_id)
        return frames_at(time_value, self._rate(format_id))

    def _time_range(self, element: Element, format_id: str) -> TimeRange:
        if not self.exact:
            return super()._time_range(element, format_id)
        rate = self._rate(format_id)
        return TimeRange(_frames(element.get("start", "0s"), rate), _frames(element.get("duration"), rate))

    def _reference_from_id(self, asset_id: str, default_format: str) -> Any:
        reference = super()._reference_from_id(asset_id, default_format)
        if self.exact and isinstance(reference, otio.schema.ExternalReference):
            asset = self._asset_by_id(asset_id)
            rate = self._rate(asset.get("format", default_format))
            reference.available_range = TimeRange(_frames(asset.get("start"), rate),
                                                  _frames(asset.get("duration"), rate))
        return reference

    def _build_composable(self, element: Element, default_format: str) -> Any:
        composable = super()._build_composable(element, default_format)
        if self.exact:
            # The stock reader collects ``.//marker``: the markers of every
            # clip connected to this one as well as its own.
            del composable.markers[:]
            for marker in self._timing_clip(element).findall("./marker"):
                composable.markers.append(self._marker(marker, default_format))
        return composable


# --------------------------------------------------------------------------
# public functions
# --------------------------------------------------------------------------

def fcpxml_string(timeline: Any, *, exact: bool = True, picture: Optional[Picture] = None,
                  asset_pictures: Optional[Mapping[str, Picture]] = None) -> str:
    """``timeline`` (a Timeline or a SerializableCollection) as FCPXML 1.8 text.

    ``picture`` and ``asset_pictures``: see :func:`describe_formats`.
    """
    return FastFcpxOtio(timeline, exact=exact, picture=picture, asset_pictures=asset_pictures).to_xml()


def write_fcpxml(timeline: Any, path: str | os.PathLike[str], *, exact: bool = True,
                 picture: Optional[Picture] = None, asset_pictures: Optional[Mapping[str, Picture]] = None) -> Path:
    """Write ``timeline`` to ``path`` as FCPXML 1.8 (UTF-8, as OTIO writes it)."""
    text = fcpxml_string(timeline, exact=exact, picture=picture, asset_pictures=asset_pictures)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(path)


def read_fcpxml_string(text: str | bytes, *, exact: bool = True) -> Any:
    """Read FCPXML text: a Timeline, or a SerializableCollection for an event."""
    return FastFcpxXml(text, exact=exact).to_otio()


def read_fcpxml(path: str | os.PathLike[str], *, exact: bool = True) -> Any:
    """Read an FCPXML file (see :func:`read_fcpxml_string`)."""
    with open(path, encoding="utf-8") as handle:
        return read_fcpxml_string(handle.read(), exact=exact)


_lock = threading.Lock()
_saved: dict[str, Callable[..., Any]] = {}
_settings = {"exact": True}


def _adapter_module() -> ModuleType:
    """The module object OpenTimelineIO runs for the ``fcpx_xml`` adapter."""
    return otio.adapters.from_name("fcpx_xml").module()


def _installed_write_to_string(input_otio: Any, exact: bool | None = None) -> str:
    """``write_to_string`` of the adapter while :func:`install` is in effect."""
    return fcpxml_string(input_otio, exact=_settings["exact"] if exact is None else exact)


def _installed_read_from_string(input_str: str, exact: bool | None = None) -> Any:
    """``read_from_string`` of the adapter while :func:`install` is in effect."""
    return read_fcpxml_string(input_str, exact=_settings["exact"] if exact is None else exact)


_REPLACEMENTS: dict[str, Callable[..., Any]] = {
    "write_to_string": _installed_write_to_string,
    "read_from_string": _installed_read_from_string,
}


def install(*, exact: bool = True) -> None:
    """Route OTIO's ``fcpx_xml`` adapter (``.fcpxml`` files) through this module.

    Idempotent: a second call only changes ``exact``.  Both functions also
    take ``exact`` as an adapter argument, e.g.
    ``otio.adapters.write_to_file(tl, "cut.fcpxml", exact=False)``.
    """
    with _lock:
        _settings["exact"] = exact
        module = _adapter_module()
        for name, replacement in _REPLACEMENTS.items():
            current = getattr(module, name)
            if current is not replacement:
                _saved[name] = current
                setattr(module, name, replacement)


def uninstall() -> None:
    """Give the ``fcpx_xml`` adapter its own functions back (no-op if not installed)."""
    with _lock:
        module = _adapter_module()
        for name, original in list(_saved.items()):
            if getattr(module, name) is _REPLACEMENTS[name]:
                setattr(module, name, original)
            del _saved[name]


def is_installed() -> bool:
    """Whether :func:`install` is in effect."""
    module = _adapter_module()
    return all(getattr(module, name) is replacement for name, replacement in _REPLACEMENTS.items())
