"""Export a cut for an editing application, then read the file back and say what it lost.

:func:`export_cut` writes the cut's timeline (:mod:`docmanager.cuts.timeline`)
in the format its file name asks for, like ``otio.adapters.write_to_file``:

======== ============ =====================================================
suffix   format       notes
======== ============ =====================================================
.otio    otio_json    everything, metadata included
.otioz   otioz        the OTIO file and the media files in one zip
.xml     fcp_xml      Final Cut Pro 7 XML: Premiere Pro, DaVinci Resolve,
                      through :mod:`docmanager.cuts.fcp7_fast`
.fcpxml  fcpx_xml     FCPXML 1.8, through :mod:`docmanager.cuts.fcpx_fast`
.edl     cmx_3600     track V1 only (picture only), reels ``CL000123`` +
                      ``NAME.reels.csv``
.aaf     AAF          Avid Media Composer
======== ============ =====================================================

The file is written under a hidden temporary name beside the target, read
back with the same adapter, compared with the cut, and only then renamed, so
a failed export leaves no half file.  The comparison covers, track by track,
the number and order of the items, their names, their source ranges (frames
at each clip's rate) and record ranges (frames of the cut), their media files
and their markers; every difference becomes a *loss*: a sentence a person can
act on ("EDL keeps one video track: track V2 dropped (1 item)").  The check's
``reread`` is False only when the file could not be read back at all.

Sound follows picture
---------------------
The timeline is built with ``sync_sound=True``
(:func:`docmanager.cuts.timeline.timeline_of`): an audio track ``An`` without
items carries the sound of ``Vn``, item for item, and a gap of the item's
length where the clip has no sound; an audio track with items is written as
the user laid it.  These clips are part of the cut as the check sees it: a
sync-sound clip dropped or moved is a loss like any other.  ``items`` counts
the cut's items; ``sync_sound`` the audio clips added under them.  The
formats with audio tracks write them with their stock writers (FCPXML: a
connected audio clip on lane -1, -2 ..., and ``hasAudio="1"`` on its asset;
FCP 7 XML: clip items on the sequence's audio tracks).  The EDL writer writes
one video track, so an EDL carries picture only, which its losses say once.

What each format cannot hold, and how the export deals with it
---------------------------------------------------------------

* **One frame rate (AAF, EDL).**  The AAF adapter needs one edit rate for the
  whole composition and a CMX 3600 EDL counts every time code at one rate, so
  clips at another rate than the cut are conformed: their in points and
  lengths are counted in frames of the cut (nearest frame), and so are the
  gaps under picture without sound, which stay in step with their items.  The check then
  names each in point that moved.
* **Lengths on the cut (FCPXML).**  Final Cut Pro places every item on the
  project's frame grid, so a clip at another rate is written with its exact
  start in its own time and its length in frames of the cut -- the length an
  application that conforms the rate gives it.  The stock reader adds up
  times of different rates as if they were the same and so puts such items in
  the wrong place; this module reads the file back with
  :class:`CutFcpxReader`, which counts positions on the project's own grid.
* **Frame size and scan (FCPXML).**  The stock writer's ``<format>`` has only a
  frame duration; the project's format is given the frame size most of the
  cut's items have and, when most of them are interlaced and the cut's rate
  is 25 or 29.97, their field order ("upper first" for AVCHD 1080i50) and
  Apple's name (``FFVideoFormat1080i50``); a format only clips of another
  rate use gets theirs when they agree (:func:`fcpx_fast.describe_formats`).
  The project's ``uid`` is derived from the catalogue, the cut and its
  version, so one state of a cut always exports the same file.
* **Out points of conformed clips.**  For a clip at another rate than the
  cut, FCP XML, FCPXML and the conformed formats keep the item's length on the
  cut rather than its exact source out point; such an out point counts as kept
  when it lies within half a frame of the cut of the original.
* **Markers.**  The AAF adapter writes none; EDL keeps them as ``LOC``
  comments at the cut's rate.  Sensitivity markers that are dropped are named
  separately: whoever conforms the cut must check those people by hand.
* **Metadata.**  Only OTIO files keep ``metadata["docmanager"]`` (clip ids,
  file hashes, people and their flags, transcript lines).

How long it takes
-----------------
``bench/bench_cut_export.py`` times a 2,000-item cut on four tracks (about
1,360 clips, markers on every fifth item), built, written, read back and
checked.  OTIO's own ``.otio`` takes about 0.1 s.

* **FCP XML** goes through :mod:`docmanager.cuts.fcp7_fast`: the stock
  adapter's reader looked a track's inherited ``<rate>`` up among all the
  track's items for every item (quadratic: 0.44 s to read 1,850 items on one
  track, growing 2.7 times for twice the items), and its writer printed the
  document through a minidom parse.  The file is the stock writer's, byte for
  byte, and the reading the stock reader's; one track of 2,000 items now
  takes about 0.65 s all told (0.93 s stock), four tracks about 0.47 s.
* **AAF** stays with the stock ``otio-aaf-adapter`` and pyaaf2, and stays
  far over a second: about 9 ms a clip (12 s for the 2,000-item cut: 8 s
  writing, 4 s reading back).  Nothing in it grows faster than the cut, so
  there is no single look-up to fix; the cost is the file's structure.  A
  sync-sound clip costs what a picture clip costs, so a cut whose audio
  tracks are empty writes up to twice the clips it did without sound (200
  items on V1, half of them with sound: 6.6 s against 4.4 s).  The
  adapter gives every clip its own MasterMob (named after the item, which is
  how the item's name survives the round trip), file SourceMob and tape
  SourceMob, each with slots, segments, a descriptor and a locator; every
  AAF object is a storage in the compound file with its own property stream,
  so a clip costs about 22 directory entries (5,551 entries and 2.6 MB for
  249 clips).  pyaaf2 spends about 0.25 ms an entry writing and 0.15 ms
  reading one back, in pure Python, spread over its property, type-dictionary
  and directory-tree code (remembering property look-ups by name, the most
  frequent call, changes nothing measurable).  The read-back is the adapter's
  own reader on the written file, so the check stays a real one.  Sharing the
  file and tape mobs between the items of one media file would roughly halve
  the objects, at the price of a file shaped unlike the stock adapter's.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import tempfile
import urllib.parse
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Union
from xml.etree.ElementTree import Element

import opentimelineio as otio
from sqlalchemy.orm import Session

from docmanager.catalogue.clips import rate_text
from docmanager.catalogue.roots import catalogue_id
from docmanager.cuts import fcp7_fast, fcpx_fast
from docmanager.cuts.model import cut_rate, get_cut, placements, to_cut_frames
from docmanager.cuts.timeline import SENSITIVE_PREFIX, SYNC_SOUND_KEY, timeline_of
from docmanager.db.models import Cut
from docmanager.errors import DocManagerError, RefusedError
from docmanager.fsutil import fsync_dir, remove_stale_partials
from docmanager.jobs import Cancelled, as_cancel, as_progress

if TYPE_CHECKING:
    from docmanager.project import Project

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "Check",
    "CutFcpxReader",
    "CutFcpxWriter",
    "ExportResult",
    "export_cut",
    "format_for",
    "reel_name",
]

RationalTime = otio.opentime.RationalTime
TimeRange = otio.opentime.TimeRange

#: Adapter (format) by file suffix.
FORMATS = {
    ".otio": "otio_json",
    ".otioz": "otioz",
    ".xml": "fcp_xml",
    ".fcpxml": "fcpx_xml",
    ".edl": "cmx_3600",
    ".aaf": "AAF",
}
#: Other names a caller may use for a format.
_ALIASES = {
    "otio": "otio_json", "otio_json": "otio_json", "otioz": "otioz", "xml": "fcp_xml", "fcp_xml": "fcp_xml",
    "fcp7": "fcp_xml", "premiere": "fcp_xml", "resolve": "fcp_xml", "fcpxml": "fcpx_xml", "fcpx_xml": "fcpx_xml",
    "fcpx": "fcpx_xml", "edl": "cmx_3600", "cmx_3600": "cmx_3600", "cmx3600": "cmx_3600", "aaf": "AAF",
    "avid": "AAF",
}
#: How losses name a format.
FORMAT_LABELS = {
    "otio_json": "OTIO", "otioz": "OTIOZ", "fcp_xml": "FCP XML", "fcpx_xml": "FCPXML", "cmx_3600": "EDL",
    "AAF": "AAF",
}
#: Formats that hold one frame rate for everything in them.
_ONE_RATE = ("AAF", "cmx_3600")
#: Formats whose source times this export counts from the media's first frame (00:00:00:00), not from the
#: time code the camera recorded (OTIO keeps that in its metadata).
_ZERO_BASED_TIMECODE = ("cmx_3600", "fcp_xml", "fcpx_xml", "AAF")


# ============================================================== results
@dataclass
class Check:
    """What reading the written file back showed.

    ``reread`` is False only when the file could not be read back at all
    (``error`` then says why); ``losses`` lists, in plain words, everything
    the file does not hold as the cut has it.
    """

    reread: bool
    losses: list[str] = field(default_factory=list)
    error: Optional[str] = None

    def to_json(self) -> dict:
        out: dict[str, Any] = {"reread": self.reread, "losses": list(self.losses)}
        if self.error:
            out["error"] = self.error
        return out


@dataclass
class ExportResult:
    """An exported cut: the file, its format, how many items it holds, the check, files beside it."""

    path: Path
    format: str
    items: int
    check: Check
    extra_files: list[Path] = field(default_factory=list)
    sync_sound: int = 0  # audio clips added under picture items (not counted in ``items``)

    def to_json(self) -> dict:
        """``cut export`` JSON (CLI.md), plus ``extra_files``."""
        return {"path": str(self.path), "format": self.format, "items": self.items, "sync_sound": self.sync_sound,
                "check": self.check.to_json(), "extra_files": [str(p) for p in self.extra_files]}


def format_for(path: Union[str, os.PathLike], format: Optional[str] = None) -> str:
    """The adapter name for ``format`` (any of its names), else for the file's suffix."""
    if format:
        name = _ALIASES.get(format.strip().lower().lstrip("."))
        if name is None:
            raise RefusedError(f"unknown export format {format!r}; use one of {', '.join(FORMATS.values())}")
        return name
    suffix = Path(os.fsdecode(path)).suffix.lower()
    name = FORMATS.get(suffix)
    if name is None:
        raise RefusedError(f"cannot tell the format from {suffix or 'a name without a suffix'!r}; name the file "
                           f"{', '.join(FORMATS)} or give --format", path)
    return name


def reel_name(clip_id: int) -> str:
    """An 8-character CMX 3600 reel name for a clip: ``CL000123`` (``C`` + base 36 beyond a million)."""
    if clip_id < 1_000_000:
        return f"CL{clip_id:06d}"
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text, value = "", clip_id
    while value:
        value, rest = divmod(value, 36)
        text = digits[rest] + text
    return "C" + text.rjust(7, "0")[-7:]


# ============================================================== what the cut holds
@dataclass(frozen=True)
class _Marker:
    name: str
    frame: int  # at the clip's rate, media time


@dataclass(frozen=True)
class _Expected:
    """One item as the cut has it (plain values, for the comparison)."""

    item_id: int
    clip_id: int
    name: str
    rate: Fraction  # the clip's
    source_in: int
    source_out: int
    record_in: int  # frames of the cut
    record_out: int
    path: Optional[str]
    markers: tuple[_Marker, ...]


@dataclass(frozen=True)
class _ClipFacts:
    """What the reel table and the losses say about a clip."""

    name: str
    rate: Fraction
    path: Optional[str]
    xxh64: Optional[str]
    timecode: Optional[str]
    offline: Optional[str] = None  # why the file links no media (path None), in plain words


@dataclass
class _Plan:
    """A cut ready to export: its timeline, the items per track, and facts about its clips."""

    cut_id: int
    name: str
    rate: Fraction
    timeline: otio.schema.Timeline
    tracks: dict[str, list[_Expected]]
    clips: dict[int, _ClipFacts]
    sync: dict[str, str] = field(default_factory=dict)  # audio track -> the video track whose sound it carries
    fcpx: Optional["_FcpxFacts"] = None  # the project's uid and pictures (FCPXML)


def _plan(session: Session, cut: Cut) -> _Plan:
    timeline = timeline_of(session, cut, sync_sound=True)
    places = placements(cut)
    tracks: dict[str, list[_Expected]] = {}
    clips: dict[int, _ClipFacts] = {}
    for track in timeline.tracks:
        rows = []
        for otio_clip in track.find_clips(shallow_search=True):
            meta = otio_clip.metadata["docmanager"]
            item_id = meta["item_id"]
            place = places[item_id]
            rate = Fraction(meta["clip_rate"])
            ref = otio_clip.media_reference
            path = _url_path(getattr(ref, "target_url", None))
            markers = tuple(_Marker(m.name, round(m.marked_range.start_time.value_rescaled_to(float(rate))))
                            for m in otio_clip.markers)
            rows.append(_Expected(item_id, meta["clip_id"], otio_clip.name, rate, meta["source_in"],
                                  meta["source_out"], place.record_in, place.record_out, path, markers))
            media = meta["media"] or {}
            offline = None
            if path is None:
                why = (ref.metadata.get("docmanager") or {}).get("offline") if ref is not None else None
                offline = (f"{media.get('path') or 'its file'} is offline here: {why}" if why else
                           "no media file is catalogued for it")
            clips[meta["clip_id"]] = _ClipFacts(meta["clip_name"], rate, path, media.get("xxh64"),
                                                meta["timecode_start"], offline)
        tracks[track.name] = rows
    sync = {track.name: meta[SYNC_SOUND_KEY] for track in timeline.tracks for child in track[:1]
            if SYNC_SOUND_KEY in (meta := child.metadata.get("docmanager") or {})}
    return _Plan(cut.id, f"{cut.name} v{cut.cut_version}", cut_rate(cut), timeline, tracks, clips, sync,
                 _fcpx_facts(session, cut))


def _url_path(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("file", ""):
        return url
    return otio.url_utils.filepath_from_url(url) if parsed.scheme == "file" else urllib.parse.unquote(url)


# ============================================================== shaping timelines
def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _silences(timeline: otio.schema.Timeline) -> list[tuple[otio.schema.Gap, dict]]:
    """The gaps that stand, on a sync-sound track, for a picture item without sound, with their metadata."""
    out = []
    for track in timeline.tracks:
        for child in track:
            if isinstance(child, otio.schema.Gap):
                meta = child.metadata.get("docmanager")
                if meta is not None and SYNC_SOUND_KEY in meta:
                    out.append((child, meta))
    return out


def _silences_on_cut(timeline: otio.schema.Timeline, rate: Fraction) -> None:
    """Give each sync-sound gap its picture item's length on the cut, as the item gets when conformed."""
    target = float(rate)
    for gap, meta in _silences(timeline):
        own = Fraction(meta["clip_rate"])
        if own != rate:
            length = to_cut_frames(meta["source_out"] - meta["source_in"], own, rate)
            gap.source_range = TimeRange(RationalTime(0, target), RationalTime(length, target))


def _conformed(timeline: otio.schema.Timeline, rate: Fraction) -> otio.schema.Timeline:
    """A copy with every clip counted in frames of ``rate`` (in: nearest frame; length: its frames on the cut)."""
    out = timeline.deepcopy()
    target = float(rate)
    _silences_on_cut(out, rate)
    for clip in out.find_clips():
        source = clip.source_range
        own = source.start_time.rate
        if own == target:
            continue
        meta = clip.metadata["docmanager"]
        start = _half_up(source.start_time.value_rescaled_to(target))
        length = to_cut_frames(meta["source_out"] - meta["source_in"], Fraction(meta["clip_rate"]), rate)
        clip.source_range = TimeRange(RationalTime(start, target), RationalTime(length, target))
        available = clip.media_reference.available_range
        if available is not None:
            total = max(_half_up(available.duration.value_rescaled_to(target)), start + length)
            clip.media_reference.available_range = TimeRange(RationalTime(0, target), RationalTime(total, target))
        for marker in clip.markers:
            marked = marker.marked_range
            marker.marked_range = TimeRange(RationalTime(_half_up(marked.start_time.value_rescaled_to(target)), target),
                                            RationalTime(_half_up(marked.duration.value_rescaled_to(target)), target))
    return out


def _on_cut_grid(timeline: otio.schema.Timeline, rate: Fraction) -> otio.schema.Timeline:
    """A copy whose clips keep their exact start but last their whole frames on the cut (for FCPXML)."""
    out = timeline.deepcopy()
    target = float(rate)
    _silences_on_cut(out, rate)
    for clip in out.find_clips():
        meta = clip.metadata["docmanager"]
        own = Fraction(meta["clip_rate"])
        if own == rate:
            continue
        length = to_cut_frames(meta["source_out"] - meta["source_in"], own, rate)
        clip.source_range = TimeRange(clip.source_range.start_time, RationalTime(length, target))
    return out


def _one_video_track(timeline: otio.schema.Timeline) -> tuple[otio.schema.Timeline, str]:
    """A copy holding only the cut's first video track with items (the EDL's one track)."""
    videos = [t for t in timeline.tracks if t.kind == otio.schema.TrackKind.Video]
    chosen = next((t for t in videos if len(t)), None)
    if chosen is None:
        raise RefusedError("an EDL holds one video track, and no video track of this cut has items")
    keep = otio.schema.Timeline(name=timeline.name, global_start_time=timeline.global_start_time,
                                metadata=timeline.metadata)
    keep.tracks.append(chosen.deepcopy())
    return keep, chosen.name


# ============================================================== FCPXML through fcpx_fast
#: Frame rates a cut of interlaced clips is a standard interlaced format at (25: 1080i50, 29.97: 1080i59.94).
_INTERLACED_CUT_RATES = (Fraction(25), Fraction(30000, 1001), Fraction(30))


@dataclass(frozen=True)
class _FcpxFacts:
    """What FCPXML says of the cut beyond its timeline: the project's uid, and the pictures of cut and clips."""

    uid: str
    sequence: Optional[fcpx_fast.Picture]
    clips: dict[int, fcpx_fast.Picture]


def _clip_picture(clip: Any) -> Optional[fcpx_fast.Picture]:
    """A catalogued clip's frame size and, when interlaced, field order (upper first unless probed lower)."""
    if not clip.width or not clip.height:
        return None
    order = fcpx_fast.FIELD_ORDERS.get(clip.field_order or "tff") if clip.scan == "interlaced" else None
    return fcpx_fast.Picture(clip.width, clip.height, order)


def _fcpx_facts(session: Session, cut: Cut) -> _FcpxFacts:
    """The cut's project uid and pictures.

    The uid is the same for every export of one state of the cut (the
    catalogue's identity, the cut's id and its row version) and new after an
    edit.  The sequence takes the frame size most of the cut's items have;
    it is interlaced when most of those items are and the cut's rate is one
    interlaced formats have, with the field order most of them have.
    """
    key = f"docmanager:{catalogue_id(session) or ''}/cuts/{cut.id}/{cut.version}"
    uid = str(uuid.uuid5(uuid.NAMESPACE_URL, key)).upper()  # as Final Cut Pro writes uids
    clips: dict[int, fcpx_fast.Picture] = {}
    sizes: Counter[tuple[int, int]] = Counter()
    orders: Counter[Optional[str]] = Counter()
    for item in cut.items:
        picture = _clip_picture(item.clip)
        if picture is None:
            continue
        clips[item.clip.id] = picture
        sizes[picture.width, picture.height] += 1
        orders[picture.field_order] += 1
    if not sizes:
        return _FcpxFacts(uid, None, clips)
    (width, height), _ = sizes.most_common(1)[0]
    interlaced = {order: n for order, n in orders.items() if order is not None}
    order = None
    if 2 * sum(interlaced.values()) > sum(orders.values()) and cut_rate(cut) in _INTERLACED_CUT_RATES:
        order = max(interlaced, key=lambda o: (interlaced[o], o == "upper first"))
    return _FcpxFacts(uid, fcpx_fast.Picture(width, height, order), clips)


def _fcpx_ready(timeline: otio.schema.Timeline, facts: Optional[_FcpxFacts]
                ) -> tuple[Optional[fcpx_fast.Picture], dict[str, fcpx_fast.Picture]]:
    """Give ``timeline`` (a copy) the project's uid; the sequence's picture and the assets' by ``src``."""
    if facts is None:
        return None, {}
    timeline.metadata["fcpx"] = {"uid": facts.uid}
    assets = {}
    for clip in timeline.find_clips():
        picture = facts.clips.get((clip.metadata.get("docmanager") or {}).get("clip_id"))
        if picture is not None:
            assets[CutFcpxWriter._target_url_from_clip(clip)] = picture
    return facts.sequence, assets


class CutFcpxWriter(fcpx_fast.FastFcpxOtio):
    """:class:`~docmanager.cuts.fcpx_fast.FastFcpxOtio` for cuts mixing frame rates.

    The stock writer takes an asset's ``<format>`` from the clip's duration;
    the clips of a cut last whole frames of the cut (see the module notes), so
    the asset's format is taken from its media's own rate instead.  Assets are
    named after their media reference (the catalogue's clip name) rather than
    after the first item that uses them.
    """

    def __init__(self, otio_timeline: Any, picture: Optional[fcpx_fast.Picture] = None,
                 asset_pictures: Optional[dict[str, fcpx_fast.Picture]] = None) -> None:
        super().__init__(otio_timeline, exact=True, picture=picture, asset_pictures=asset_pictures)

    @staticmethod
    def _media_rate(item: Any) -> Optional[float]:
        if item.schema_name() != "Clip":
            return None
        ref = item.media_reference
        if ref is not None and not ref.is_missing_reference and ref.available_range is not None:
            return ref.available_range.duration.rate
        return item.source_range.start_time.rate if item.source_range is not None else None

    def _rate_of(self, item: Any) -> float:
        rate = self._media_rate(item)
        return super()._rate_of(item) if rate is None else rate

    def _create_asset_element(self, clip: Any, format_element: Element) -> Element:
        """The stock asset, named after the media (the catalogue's clip), not after the first item using it."""
        asset = super()._create_asset_element(clip, format_element)
        ref = clip.media_reference
        if ref is not None and not ref.is_missing_reference and ref.name:
            asset.set("name", ref.name)
        return asset

    def _clip_format_name(self, clip: Any) -> str:
        rate = self._media_rate(clip)
        url = getattr(clip.media_reference, "target_url", None) if clip.schema_name() == "Clip" else None
        if rate is None or url is None:
            return super()._clip_format_name(clip)
        key = (rate, url)
        name = self._format_names.get(key)
        if name is None:
            name = self._format_names[key] = fcpx_fast.stock.format_name(rate, url)
        return name


class CutFcpxReader(fcpx_fast.FastFcpxXml):
    """:class:`~docmanager.cuts.fcpx_fast.FastFcpxXml` that places items on the project's frame grid.

    The stock reader adds each item's offset, counted in frames of its
    *media's* rate, to the length of the track so far, counted in whatever
    rates the items before it had; items at another rate than the project
    land in the wrong place, after gaps that are not in the file.  Here every
    offset and length is counted in frames of the sequence's ``<format>``, a
    clip's source range starts at its exact start in its own rate and lasts
    its length on the project, and a marker is read at the rate of the clip
    it is on.  Lanes become tracks named ``V1``, ``V2`` ... (lane 0, 1 ...) and
    ``A1``, ``A2`` ... (lane -1, -2 ...).
    """

    def __init__(self, xml_string: Union[str, bytes]) -> None:
        super().__init__(xml_string, exact=True)

    def _clip_format(self, clip: Element, default_format: str) -> str:
        story = clip.find("./video")
        if story is None:
            gap = clip.find("./gap")
            story = gap.find("./audio") if gap is not None else clip.find("./audio")
        ref = clip.get("ref") if clip.tag == "asset-clip" else (story.get("ref") if story is not None else None)
        asset = self._asset_by_id(ref) if ref else None
        return asset.get("format", default_format) if asset is not None else default_format

    def _marker(self, element: Element, default_format: str) -> otio.schema.Marker:
        parent = self.child_parent_map.get(element)
        fmt = self._clip_format(parent, default_format) if parent is not None else default_format
        return super()._marker(element, fmt)

    def _place(self, clip: Element) -> tuple[int, Fraction]:
        """(lane, offset in seconds on the project) of a timing clip."""
        parent = self.child_parent_map.get(clip)
        if parent is not None and parent.tag == "spine" and parent.get("lane"):
            lane = parent.get("lane")
            parent = self.child_parent_map.get(parent)
            parent_start = Fraction(0)
        else:
            lane = clip.get("lane", "0")
            parent_start = fcpx_fast.parse_time(parent.get("start")) if parent is not None else Fraction(0)
        parent_offset = fcpx_fast.parse_time(parent.get("offset")) if parent is not None else Fraction(0)
        return int(lane), fcpx_fast.parse_time(clip.get("offset")) - parent_start + parent_offset

    def _squence_to_stack(self, sequence_element: Element, name: str = "",
                          source_range: Any = None) -> otio.schema.Stack:
        seq_format = sequence_element.get("format")
        seq_rate = self._rate(seq_format)
        fps = float(seq_rate)
        entries: dict[int, list[tuple[int, int, Any]]] = {}
        for element in sequence_element.iter():
            if element.tag not in fcpx_fast.stock.COMPOSABLE_ELEMENTS:
                continue
            composable = self._build_composable(element, seq_format)
            timing = self._timing_clip(element)
            lane, offset = self._place(timing)
            start = fcpx_fast.frames_at(f"{offset.numerator}/{offset.denominator}s", seq_rate)
            length = fcpx_fast.frames_at(timing.get("duration"), seq_rate)
            if composable.source_range is not None:
                composable.source_range = TimeRange(composable.source_range.start_time, RationalTime(length, fps))
            entries.setdefault(lane, []).append((start, length, composable))
        stack = otio.schema.Stack(name=name, source_range=source_range)
        order = sorted(lane for lane in entries if lane >= 0) + sorted((lane for lane in entries if lane < 0),
                                                                     reverse=True)
        for lane in order:
            kind = otio.schema.TrackKind.Video if lane >= 0 else otio.schema.TrackKind.Audio
            track = otio.schema.Track(name=f"V{lane + 1}" if lane >= 0 else f"A{-lane}", kind=kind)
            end = 0
            for start, length, composable in sorted(entries[lane], key=lambda e: e[0]):
                if start > end:
                    track.append(otio.schema.Gap(source_range=TimeRange(RationalTime(0, fps),
                                                                        RationalTime(start - end, fps))))
                track.append(composable)
                end = max(end, start + length)
            stack.append(track)
        return stack


def _write_fcpxml(timeline: otio.schema.Timeline, path: str, picture: Optional[fcpx_fast.Picture] = None,
                  asset_pictures: Optional[dict[str, fcpx_fast.Picture]] = None) -> None:
    text = CutFcpxWriter(timeline, picture, asset_pictures).to_xml()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def _read_fcpxml(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        return CutFcpxReader(handle.read()).to_otio()


# ============================================================== OTIOZ
def _stage(source: str, folder: str, name: str) -> str:
    """``source`` under ``name`` in ``folder``: a symbolic link, else a hard link, else a copy."""
    target = os.path.join(folder, name)
    try:
        os.symlink(source, target)
    except OSError:
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return target


def _bundle_ready(timeline: otio.schema.Timeline, scratch: str) -> tuple[otio.schema.Timeline, dict[str, str],
                                                                         list[str]]:
    """A copy whose media files have unique base names, as the OTIOZ adapter requires.

    Camera files repeat names (``00000.MTS`` on every card); a second file
    with a name already taken is linked into ``scratch`` under the name plus
    its clip id.  Returns the copy, original path → name in the bundle, and
    the losses for files that are not there to be bundled.
    """
    out = timeline.deepcopy()
    names: dict[str, str] = {}
    staged: dict[str, str] = {}
    missing: list[str] = []
    for clip in out.find_clips():
        ref = clip.media_reference
        path = _url_path(getattr(ref, "target_url", None))
        if path is None:
            continue
        if not os.path.isfile(path):
            if path not in missing:
                missing.append(path)
            continue
        if path not in names:
            name = os.path.basename(path)
            if name in names.values():
                stem, suffix = os.path.splitext(name)
                clip_id = clip.metadata["docmanager"]["clip_id"]
                name, number = f"{stem}-clip{clip_id}{suffix}", 2
                while name in names.values():
                    name, number = f"{stem}-clip{clip_id}-{number}{suffix}", number + 1
                staged[path] = _stage(path, scratch, name)
            names[path] = name
        if path in staged:
            ref.target_url = otio.url_utils.url_from_filepath(staged[path])
    losses = [f"OTIOZ cannot bundle {p}: the file is missing; its clips point at no media in the bundle"
              for p in missing]
    return out, names, losses


# ============================================================== comparison
@dataclass(frozen=True)
class _Got:
    name: str
    source_start: RationalTime
    source_end: RationalTime
    record_in: int
    record_out: int
    path: Optional[str]
    markers: tuple[tuple[str, RationalTime], ...]
    has_metadata: bool
    rate: float


def _read_tracks(timeline: Any, cut_rate_: Fraction) -> list[tuple[str, str, list[_Got]]]:
    """(name, kind, clips) of each track of a timeline read back."""
    fps = float(cut_rate_)
    tracks = timeline.tracks if isinstance(timeline, otio.schema.Timeline) else timeline
    out = []
    for track in tracks:
        if not isinstance(track, otio.schema.Track):
            continue
        clips: list[_Got] = []
        for index, child in enumerate(track):
            if not isinstance(child, otio.schema.Clip):
                continue
            placed = track.range_of_child_at_index(index)
            source = child.source_range if child.source_range is not None else child.available_range()
            markers = tuple((m.name, m.marked_range.start_time) for m in child.markers)
            clips.append(_Got(
                name=child.name,
                source_start=source.start_time,
                source_end=source.start_time + source.duration,
                record_in=_half_up(placed.start_time.value_rescaled_to(fps)),
                record_out=_half_up(placed.end_time_exclusive().value_rescaled_to(fps)),
                path=_url_path(getattr(child.media_reference, "target_url", None)),
                markers=markers,
                has_metadata="docmanager" in child.metadata,
                rate=source.start_time.rate,
            ))
        out.append((track.name, track.kind, clips))
    return out


def _seconds(frames: Union[int, float], rate: Fraction) -> str:
    return f"{float(Fraction(frames) / rate if isinstance(frames, int) else frames / float(rate)):.3f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


class _Comparison:
    """Compares a cut with a timeline read back and collects the losses."""

    def __init__(self, plan: _Plan, fmt: str, written: list[str], conformed: bool):
        self.plan = plan
        self.fmt = fmt
        self.label = FORMAT_LABELS[fmt]
        self.written = written  # names of the tracks written to the file
        self.conformed = conformed
        self.losses: list[str] = []
        self.markers_expected = 0
        self.markers_kept = 0
        self.sensitive_dropped = 0
        self.moved_markers: list[str] = []
        self.dropped_markers: list[str] = []
        self.metadata_missing = False
        self.bundle: Optional[dict[str, str]] = None
        # Markers the written file holds, where that can be counted without the adapter (EDL LOC lines).
        self.markers_in_file: Optional[int] = None

    # -- tracks ------------------------------------------------------------
    def _match(self, got: list[tuple[str, str, list[_Got]]]) -> dict[str, Optional[list[_Got]]]:
        expected = {name: self.plan.tracks[name] for name in self.written}
        busy = [name for name, rows in expected.items() if rows]
        by_name = {name: clips for name, _kind, clips in got}
        if busy and all(name in by_name for name in busy):
            return {name: by_name.get(name) for name in expected}
        matched: dict[str, Optional[list[_Got]]] = {}
        for kind, prefix in ((otio.schema.TrackKind.Video, "V"), (otio.schema.TrackKind.Audio, "A")):
            names = [n for n in expected if n.upper().startswith(prefix)]
            found = [clips for _name, k, clips in got if k == kind]
            if len(found) == len(names):
                pairs = list(zip(names, found))
            else:
                pairs = list(zip([n for n in names if expected[n]], [c for c in found if c]))
            for name in names:
                matched[name] = None
            for name, clips in pairs:
                matched[name] = clips
        return matched

    def compare(self, got: list[tuple[str, str, list[_Got]]]) -> None:
        matched = self._match(got)
        used = {id(clips) for clips in matched.values() if clips is not None}
        for name, clips in matched.items():
            expected = self.plan.tracks[name]
            if clips is None:
                if expected:
                    self.losses.append(f"{self.label} lost track {name} on reading back "
                                       f"({_plural(len(expected), 'item')})")
                continue
            self._compare_track(name, expected, clips)
        for name, _kind, clips in got:
            if clips and id(clips) not in used:
                self.losses.append(f"{self.label} reads back an extra track {name or '(unnamed)'} with "
                                   f"{_plural(len(clips), 'item')} that the cut does not have")
        self._summarise_markers()
        if self.metadata_missing:
            self.losses.append(f"{self.label} keeps no DocManager metadata: clip ids, file hashes, people and "
                               "their sensitivity flags and the transcript lines stay in the catalogue and in .otio "
                               "exports only")

    def _compare_track(self, track: str, expected: list[_Expected], got: list[_Got]) -> None:
        if len(got) != len(expected):
            self.losses.append(f"{self.label}: track {track} comes back with {_plural(len(got), 'item')} "
                               f"instead of {len(expected)}")
        for index, (want, have) in enumerate(zip(expected, got), start=1):
            self._compare_item(f"{track} item {index} “{want.name}”", want, have)

    def _compare_item(self, where: str, want: _Expected, have: _Got) -> None:
        rate = want.rate
        fps = float(rate)
        cut = self.plan.rate
        if not have.has_metadata:
            self.metadata_missing = True
        if have.name != want.name:
            self.losses.append(f"{self.label}: {where} comes back named “{have.name}”")
        if abs(have.rate - fps) > 1e-3 and not (self.conformed and abs(have.rate - float(cut)) < 1e-9):
            self.losses.append(f"{self.label} gives clip {want.clip_id} the rate {have.rate:g} instead of "
                               f"{rate_text(rate.numerator, rate.denominator)}")
        got_in = _half_up(have.source_start.value_rescaled_to(fps))
        if got_in != want.source_in:
            self.losses.append(
                f"{self.label}: {where} starts at {_seconds(got_in, rate)} s of its clip instead of "
                f"{_seconds(want.source_in, rate)} s ({got_in - want.source_in:+d} frames at "
                f"{rate_text(rate.numerator, rate.denominator)})")
        else:
            end_seconds = have.source_end.to_seconds()
            got_out = _half_up(have.source_end.value_rescaled_to(fps))
            tolerance = 0.5 / float(cut) + 1e-6
            same = got_out == want.source_out or (
                rate != cut and abs(end_seconds - float(Fraction(want.source_out) / rate)) <= tolerance)
            if not same:
                self.losses.append(
                    f"{self.label}: {where} ends at {_seconds(got_out, rate)} s of its clip instead of "
                    f"{_seconds(want.source_out, rate)} s ({got_out - want.source_out:+d} frames)")
        if (have.record_in, have.record_out) != (want.record_in, want.record_out):
            self.losses.append(
                f"{self.label}: {where} plays from {_seconds(have.record_in, cut)} to "
                f"{_seconds(have.record_out, cut)} s on the cut instead of {_seconds(want.record_in, cut)} to "
                f"{_seconds(want.record_out, cut)} s")
        self._compare_media(where, want, have)
        self._compare_markers(where, want, have)

    def _compare_media(self, where: str, want: _Expected, have: _Got) -> None:
        if want.path is None:
            return
        if self.bundle is not None:
            inside = self.bundle.get(want.path)
            if inside is None:
                return  # named already: missing from disk, not bundled
            if have.path is None or have.path.replace("\\", "/") != f"media/{inside}":
                self.losses.append(f"{self.label}: {where} points at {have.path or 'no media'} instead of "
                                   f"media/{inside} in the bundle")
            return
        if have.path is None:
            self.losses.append(f"{self.label}: {where} comes back without its media file ({want.path})")
        elif os.path.normpath(have.path) != os.path.normpath(want.path):
            self.losses.append(f"{self.label}: {where} points at {have.path} instead of {want.path}")

    def _compare_markers(self, where: str, want: _Expected, have: _Got) -> None:
        fps = float(want.rate)
        remaining = [(name.strip().upper(), _half_up(time.value_rescaled_to(fps))) for name, time in have.markers]
        self.markers_expected += len(want.markers)
        for marker in want.markers:
            key = (marker.name.strip().upper(), marker.frame)
            if key in remaining:
                remaining.remove(key)
                self.markers_kept += 1
                continue
            moved = next((r for r in remaining if r[0] == key[0]), None)
            if moved is not None:
                remaining.remove(moved)
                self.markers_kept += 1
                self.moved_markers.append(f"“{marker.name}” on {where} by {moved[1] - marker.frame:+d} frames")
                continue
            self.dropped_markers.append(f"“{marker.name}” on {where}")
            if marker.name.startswith(SENSITIVE_PREFIX):
                self.sensitive_dropped += 1

    def _summarise_markers(self) -> None:
        expected, kept = self.markers_expected, self.markers_kept
        dropped = expected - kept
        flagged = self.sensitive_dropped
        if dropped and self.markers_in_file is not None and self.markers_in_file >= expected:
            among = f" ({_plural(flagged, 'sensitivity marker')} among them)" if flagged else ""
            self.losses.append(f"{self.label} file holds all {expected} markers as LOC comments, but reading it "
                               f"back found {'none' if kept == 0 else kept}: OTIO's EDL reader skips locators "
                               f"with drop-frame (;) time codes; check the markers{among} in the editing application")
        elif dropped:
            what = (f"keeps no clip markers: {_plural(dropped, 'marker')} dropped" if kept == 0 else
                    f"dropped {_plural(dropped, 'marker')} of {expected}: {'; '.join(self.dropped_markers)}")
            warn = (f"; {_plural(flagged, 'sensitivity marker')} among them: check the flagged people by hand in "
                    "the editing application" if flagged else "")
            self.losses.append(f"{self.label} {what}{warn}")
        for moved in self.moved_markers:
            self.losses.append(f"{self.label} moved marker {moved}")


def _planned_losses(plan: _Plan, fmt: str, written: list[str]) -> list[str]:
    """What a format cannot hold by design, named before the file is read back."""
    label = FORMAT_LABELS[fmt]
    losses = []
    used = {row.clip_id for name in written for row in plan.tracks[name]}
    for clip_id, facts in sorted(plan.clips.items()):
        if facts.offline and clip_id in used:
            losses.append(f"clip {clip_id} “{facts.name}” links no media in the file ({facts.offline}); the "
                          "editing application will show it offline until it is relinked")
    for name, rows in plan.tracks.items():
        if name in written or not rows or name in plan.sync:  # sync sound: named below (EDL)
            continue
        kind = "video" if name.upper().startswith("V") else "audio"
        extra = "" if kind == "video" else " and no audio tracks"
        losses.append(f"{label} keeps one video track{extra}: track {name} dropped ({_plural(len(rows), 'item')})")
    if fmt in _ONE_RATE:
        rate = rate_text(plan.rate.numerator, plan.rate.denominator)
        others = sorted({(row.clip_id, plan.clips[row.clip_id].name, row.rate) for name in written
                         for row in plan.tracks[name] if row.rate != plan.rate})
        for clip_id, clip_name, clip_rate_ in others:
            losses.append(f"{label} holds one frame rate: clip {clip_id} “{clip_name}” "
                          f"({rate_text(clip_rate_.numerator, clip_rate_.denominator)}) is counted in frames of "
                          f"the cut's {rate} fps, so its in and out points can move by up to half a frame")
    if fmt == "cmx_3600":
        for audio, video in plan.sync.items():
            if video in written and plan.tracks[audio]:
                losses.append(f"EDL carries picture only: the sound of {_plural(len(plan.tracks[audio]), 'item')} "
                              f"on {video} is not in it; take it from the same reels when conforming")
    if fmt in _ZERO_BASED_TIMECODE:
        with_tc = sorted({(cid, facts.name, facts.timecode) for cid, facts in plan.clips.items()
                          if facts.timecode and facts.timecode.strip("0:;.") and
                          any(row.clip_id == cid for name in written for row in plan.tracks[name])})
        advice = ("conform by reel and the reel table, not by time code" if fmt == "cmx_3600" else
                  "if the editing application shows it offline or shifted, relink it by file name")
        for clip_id, clip_name, timecode in with_tc:
            losses.append(f"{label} source time codes count from 00:00:00:00, not from clip {clip_id} "
                          f"“{clip_name}”'s own time code {timecode}: {advice}")
    return losses


# ============================================================== writing
def _temporary_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")


def _remove_stale_temporaries(target: Path) -> None:
    """Remove what a killed export of ``target`` left under a ``_temporary_beside`` name, once stale."""
    remove_stale_partials(target.parent, rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}\.partial")


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _reel_table(plan: _Plan, written: list[str]) -> str:
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(["reel", "clip_id", "clip_name", "path", "xxh64", "rate"])
    seen = set()
    for name in written:
        for row in plan.tracks[name]:
            if row.clip_id in seen:
                continue
            seen.add(row.clip_id)
            facts = plan.clips[row.clip_id]
            writer.writerow([reel_name(row.clip_id), row.clip_id, facts.name, facts.path or "", facts.xxh64 or "",
                             rate_text(facts.rate.numerator, facts.rate.denominator)])
    return rows.getvalue()


def _write_text_atomically(path: Path, text: str) -> None:
    tmp = _temporary_beside(path)
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@dataclass
class _Shaped:
    """The timeline a format gets, the tracks it holds, and what shaping it lost already."""

    timeline: otio.schema.Timeline
    written: list[str]
    losses: list[str] = field(default_factory=list)
    bundle: Optional[dict[str, str]] = None  # OTIOZ: original path -> name in the bundle
    # FCPXML: the sequence's picture and the assets' by src
    pictures: tuple[Optional[fcpx_fast.Picture], dict[str, fcpx_fast.Picture]] = field(
        default_factory=lambda: (None, {}))


def _shape(plan: _Plan, fmt: str, scratch: str) -> _Shaped:
    """Fit the cut's timeline to what ``fmt`` can hold (see the module notes)."""
    timeline = plan.timeline
    if fmt == "cmx_3600":
        timeline, track = _one_video_track(_conformed(timeline, plan.rate))
        for clip in timeline.find_clips():
            clip.metadata.setdefault("cmx_3600", {})["reel"] = reel_name(clip.metadata["docmanager"]["clip_id"])
        shaped = _Shaped(timeline, [track])
    elif fmt == "AAF":
        shaped = _Shaped(_conformed(timeline, plan.rate), [t.name for t in timeline.tracks])
    elif fmt == "fcpx_xml":
        shaped = _Shaped(_on_cut_grid(timeline, plan.rate), [t.name for t in timeline.tracks])
        shaped.pictures = _fcpx_ready(shaped.timeline, plan.fcpx)
    elif fmt == "otioz":
        bundled, names, losses = _bundle_ready(timeline, scratch)
        shaped = _Shaped(bundled, [t.name for t in timeline.tracks], losses, names)
    else:
        shaped = _Shaped(timeline, [t.name for t in timeline.tracks])
    shaped.losses[:0] = _planned_losses(plan, fmt, shaped.written)
    return shaped


def _write(shaped: _Shaped, fmt: str, path: Path, rate: Fraction) -> None:
    if fmt == "fcpx_xml":
        _write_fcpxml(shaped.timeline, str(path), *shaped.pictures)
        return
    if fmt == "fcp_xml":  # the stock writer's bytes, printed without the minidom round trip
        fcp7_fast.write_fcp7(shaped.timeline, path)
        return
    options: dict[str, Any] = {}
    if fmt == "cmx_3600":
        options = {"rate": float(rate), "style": "avid", "reelname_len": 8}
    elif fmt == "AAF":
        options = {"use_empty_mob_ids": True}
    elif fmt == "otioz":
        options = {"media_policy": otio.adapters.file_bundle_utils.MediaReferencePolicy.MissingIfNotFile}
    otio.adapters.write_to_file(shaped.timeline, str(path), adapter_name=fmt, **options)


def _read(fmt: str, path: Path, rate: Fraction) -> Any:
    if fmt == "fcpx_xml":
        return _read_fcpxml(str(path))
    if fmt == "fcp_xml":  # the stock reader's result, in linear time
        return fcp7_fast.read_fcp7(path)
    options = {"rate": float(rate)} if fmt == "cmx_3600" else {}
    return otio.adapters.read_from_file(str(path), adapter_name=fmt, **options)


def export_cut(project: "Project", cut_id: int, out_path: Union[str, os.PathLike], format: Optional[str] = None,
               *, progress: Optional[Callable[[float, float, str], None]] = None,
               cancel: Optional[Callable[[], bool]] = None) -> ExportResult:
    """Write cut ``cut_id`` to ``out_path`` (format by suffix unless ``format``), read it back, compare.

    Raises NotFoundError (no such cut), RefusedError (unknown format, empty
    cut), DocManagerError naming the file when it cannot be written, and
    ``Cancelled`` when ``cancel`` is set between steps; in every such case
    nothing is left at ``out_path`` that was not there before.
    """
    progress, cancel = as_progress(progress), as_cancel(cancel)
    target = Path(os.path.abspath(os.fsdecode(out_path)))
    fmt = format_for(target, format)
    label = FORMAT_LABELS[fmt]
    if not target.parent.is_dir():
        raise RefusedError("the folder to export into does not exist", target.parent)
    progress(0, 4, f"Preparing {label} export")
    with project.session() as session:
        cut = get_cut(session, cut_id)
        if not cut.items:
            raise RefusedError(f"cut {cut.id} ({cut.name}) has no items yet; add clips or transcript lines first")
        plan = _plan(session, cut)
    if cancel():
        raise Cancelled()

    losses: list[str] = []
    extra: list[Path] = []
    for written_before in (target, target.with_name(target.stem + ".reels.csv")):
        _remove_stale_temporaries(written_before)
    tmp = _temporary_beside(target)
    scratch = tempfile.TemporaryDirectory(prefix="docmanager-export-") if fmt == "otioz" else None
    try:
        shaped = _shape(plan, fmt, scratch.name if scratch is not None else "")
        written = shaped.written
        bundle = shaped.bundle
        losses.extend(shaped.losses)

        progress(1, 4, f"Writing {target.name}")
        try:
            _write(shaped, fmt, tmp, plan.rate)
        except Exception as exc:  # an adapter may raise anything; the user needs the file and the reason
            raise DocManagerError(f"could not be written as {label} ({exc}); nothing was exported", target) from exc
        if cancel():
            raise Cancelled()

        progress(2, 4, f"Reading {target.name} back")
        check = Check(reread=True)
        try:
            reread = _read(fmt, tmp, plan.rate)
        except Exception as exc:  # any adapter failure means: the file does not read back
            check = Check(reread=False, error=f"{type(exc).__name__}: {exc}")
            losses.append(f"{label} file could not be read back ({exc}); open it in the editing application "
                          "to check it")
        else:
            comparison = _Comparison(plan, fmt, written, conformed=fmt in _ONE_RATE)
            comparison.bundle = bundle
            if fmt == "cmx_3600":
                with open(tmp, encoding="utf-8", errors="replace") as handle:
                    comparison.markers_in_file = sum(1 for line in handle if line.startswith("* LOC:"))
            comparison.compare(_read_tracks(reread, plan.rate))
            losses.extend(comparison.losses)
            if bundle is not None:
                losses.extend(_bundle_losses(tmp, bundle))
        check.losses = losses
        if cancel():
            raise Cancelled()

        progress(3, 4, f"Saving {target.name}")
        if fmt == "cmx_3600":
            reels = target.with_name(target.stem + ".reels.csv")
            _write_text_atomically(reels, _reel_table(plan, written))
            extra.append(reels)
        _fsync(tmp)
        os.replace(tmp, target)
        fsync_dir(target.parent, strict=False)
    finally:
        if tmp.exists():
            tmp.unlink()
        if scratch is not None:
            scratch.cleanup()
    clips = [c for t in shaped.timeline.tracks for c in t.find_clips(shallow_search=True)]
    sync_sound = sum(1 for c in clips if SYNC_SOUND_KEY in (c.metadata.get("docmanager") or {}))
    progress(4, 4, f"Exported {target.name}")
    return ExportResult(path=target, format=fmt, items=len(clips) - sync_sound, check=check, extra_files=extra,
                        sync_sound=sync_sound)


def _bundle_losses(path: Path, bundle: dict[str, str]) -> list[str]:
    """Media the OTIOZ should hold but does not (or holds at another size)."""
    losses = []
    with zipfile.ZipFile(path) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    for original, name in bundle.items():
        inside = sizes.get(f"media/{name}")
        if inside is None:
            losses.append(f"OTIOZ bundle lacks media/{name} ({original})")
        elif inside != os.path.getsize(original):
            losses.append(f"OTIOZ bundle holds media/{name} at {inside} bytes, not the {os.path.getsize(original)} "
                          f"bytes of {original}")
    return losses
