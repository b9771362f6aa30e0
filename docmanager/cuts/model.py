"""Rough cuts in the catalogue: making them, editing their items, and showing them.

A :class:`~docmanager.db.models.Cut` has a name, a version number (v1, v2 ...
when it is duplicated as a new version), a frame rate and named tracks
(``V1``, ``V2`` ... video, ``A1`` ... audio).  Its items are ranges of clips:
``source_in`` / ``source_out`` are whole frames at the *clip's* rate, out
exclusive, and an item made from transcript lines remembers their ids.

Where an item plays in the cut is derived, not stored: the items of a track
play back to back in ``position`` order, so an item's ``record_in`` is the sum
of the durations of the items before it, each converted to the cut's rate with
``opentimelineio.opentime.RationalTime`` and rounded to whole frames of the cut
(:func:`to_cut_frames`).  Positions are kept dense (0, 1, 2 ... per track);
renumbering is bookkeeping and does not change an item's version, while an
edit of an item does, and every edit also touches the cut, so the cut's
``version`` tells a viewer that something in it changed.

Times given in seconds (``in_s``, ``out_s``) snap to the *nearest* frame of the
clip, so a time printed by ``cut show`` (milliseconds) names the same frame
when it is given back.  A range made from transcript lines instead covers
their words: the earliest start minus the handles snaps *down* to a frame, the
latest end plus the handles snaps *up*, and both are clamped to the clip.

Every function that writes runs one transaction (``project.write``) and raises
:class:`~docmanager.errors.NotFoundError` / :class:`~docmanager.errors.RefusedError`
with a sentence for the user, or :class:`~docmanager.errors.ConflictError` when
the caller's ``expected_version`` is stale.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Iterable, Optional, Sequence, Union

import opentimelineio as otio
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, selectinload

from docmanager.catalogue.clips import frames_to_seconds, parse_rate, rate_text, seconds_to_frames
from docmanager.db.models import (
    SENSITIVITY_FLAGS,
    Clip,
    ClipFile,
    Cut,
    CutItem,
    MediaFile,
    Segment,
    Subclip,
    Transcript,
    utcnow,
)
from docmanager.errors import ConflictError, NotFoundError, RefusedError
from docmanager.catalogue.roots import locate

if TYPE_CHECKING:
    from docmanager.project import Project

__all__ = [
    "DEFAULT_TRACKS",
    "Placement",
    "SegmentInfo",
    "SENSITIVITY_ADVICE",
    "add_item",
    "clip_media",
    "clip_rate",
    "cut_json",
    "cut_rate",
    "cut_warnings",
    "cuts_json",
    "duplicate_cut",
    "find_cut",
    "get_cut",
    "item_name",
    "items_by_track",
    "move_item",
    "new_cut",
    "placements",
    "remove_item",
    "restore_item",
    "segment_infos",
    "sensitivity",
    "shorten",
    "to_cut_frames",
    "track_kind",
    "trim_item",
]

DEFAULT_TRACKS = ("V1", "V2", "A1", "A2")
_TRACK_RE = re.compile(r"^[VA][1-9][0-9]{0,2}$")
_CUT_VERSION_RE = re.compile(r"^(?P<name>.*\S)\s+v(?P<version>[1-9][0-9]*)$", re.IGNORECASE)

#: What to do before showing a cut with a flagged person in it.
SENSITIVITY_ADVICE = {
    "minor": "blur faces and check consent before showing this cut",
    "no-face": "keep the face out of the picture (blur or reframe) before showing this cut",
    "no-name": "make sure the name is neither shown nor heard (titles, subtitles, sound) before showing this cut",
    "consent-pending": "consent is not signed yet: show this cut to no one outside the crew",
    "pseudonym": "use the pseudonym in titles and subtitles, never the real name",
}

#: Length of an item name made from a transcript line.
NAME_LENGTH = 40


# ====================================================================== time
def cut_rate(cut: Cut) -> Fraction:
    """The cut's frame rate as an exact fraction."""
    return Fraction(cut.rate_num, cut.rate_den)


def clip_rate(clip: Clip) -> Fraction:
    """The clip's frame rate as an exact fraction (an interlaced clip: its frame rate, 25 for 50i)."""
    return Fraction(clip.rate_num, clip.rate_den)


def to_cut_frames(frames: int, source_rate: Fraction, target_rate: Fraction) -> int:
    """``frames`` at ``source_rate`` as whole frames at ``target_rate``.

    Rescaled with OTIO's ``RationalTime`` and rounded half up, the way a
    range of a clip becomes a number of frames on the cut's time line.
    """
    if source_rate == target_rate:
        return int(frames)
    value = otio.opentime.RationalTime(frames, float(source_rate)).value_rescaled_to(float(target_rate))
    return math.floor(value + 0.5)


#: The frame rates editing applications make time lines at.
TIMELINE_RATES = (Fraction(24000, 1001), Fraction(24), Fraction(25), Fraction(30000, 1001), Fraction(30),
                  Fraction(48), Fraction(50), Fraction(60000, 1001), Fraction(60))


def parse_cut_rate(rate: Union[str, int, Fraction]) -> Fraction:
    """A cut's rate from ``25``, ``"30000/1001"``, ``"29.97"`` or ``"50i"`` (fields: 25 frames); only the rates
    of :data:`TIMELINE_RATES`, which every editing application can make a time line at."""
    if isinstance(rate, str) and rate.strip().lower().endswith("i"):
        frame_rate = parse_rate(rate.strip()[:-1]) / 2
    else:
        frame_rate = parse_rate(str(rate))
    if frame_rate not in TIMELINE_RATES:
        known = ", ".join("23.976" if r == Fraction(24000, 1001) else "29.97" if r == Fraction(30000, 1001) else
                          "59.94" if r == Fraction(60000, 1001) else str(r) for r in TIMELINE_RATES)
        raise RefusedError(f"no editing application makes a time line at {rate} frames a second; use one of "
                           f"{known} (or 50i, 59.94i for interlaced)")
    return frame_rate


def track_kind(name: str) -> str:
    """``video`` or ``audio``, by the track name's first letter."""
    return "audio" if name[:1].upper() == "A" else "video"


def _clean_track(name: str) -> str:
    track = (name or "").strip().upper()
    if not _TRACK_RE.match(track):
        raise RefusedError(f"{name!r} is not a track name; use V1, V2 ... for video and A1, A2 ... for audio")
    return track


def shorten(text: str, length: int = NAME_LENGTH) -> str:
    """``text`` on one line, cut to ``length`` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


# ====================================================================== lookups
def get_cut(session: Session, cut_id: int) -> Cut:
    """The cut with its items, their clips, subjects and files loaded."""
    cut = session.scalars(
        select(Cut).where(Cut.id == cut_id).options(
            selectinload(Cut.items).selectinload(CutItem.clip).selectinload(Clip.subjects),
            selectinload(Cut.items).selectinload(CutItem.clip).selectinload(Clip.files)
            .selectinload(ClipFile.media_file),
            selectinload(Cut.items).selectinload(CutItem.clip).selectinload(Clip.joined_file),
            selectinload(Cut.items).selectinload(CutItem.clip).selectinload(Clip.markers),
            selectinload(Cut.items).selectinload(CutItem.subclip),
        )).first()
    if cut is None:
        raise NotFoundError(f"no cut with id {cut_id}; `docmanager cut new NAME` makes one")
    return cut


def find_cut(session: Session, ref: Union[int, str]) -> Cut:
    """A cut named on the command line: its id, its name (the newest version) or ``"NAME v2"``."""
    if isinstance(ref, int) or str(ref).strip().isdigit():
        return get_cut(session, int(ref))
    text = str(ref).strip()
    cut_id = session.scalar(select(Cut.id).where(Cut.name == text).order_by(Cut.cut_version.desc()))
    if cut_id is None:
        match = _CUT_VERSION_RE.match(text)
        if match:
            cut_id = session.scalar(select(Cut.id).where(Cut.name == match["name"],
                                                         Cut.cut_version == int(match["version"])))
    if cut_id is None:
        raise NotFoundError(f"no cut named {text!r}; `docmanager cut new NAME` makes one")
    return get_cut(session, cut_id)


def _get_item(session: Session, item_id: int) -> CutItem:
    item = session.get(CutItem, item_id)
    if item is None:
        raise NotFoundError(f"no cut item with id {item_id}")
    return item


def _get_clip(session: Session, clip_id: int) -> Clip:
    clip = session.get(Clip, clip_id)
    if clip is None:
        raise NotFoundError(f"no clip with id {clip_id}")
    return clip


def _check_version(what: str, row: Union[Cut, CutItem], expected_version: Optional[int]) -> None:
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(f"{what} was changed since you read it (it is at version {row.version}, "
                            f"you had {expected_version}); nothing was written. Reload and try again")


def clip_media(clip: Clip) -> Optional[MediaFile]:
    """The one file an editing application should use for the clip.

    A take spanned over several files has a joined file (their bytes end to
    end); it is always the one referenced, so a range crossing a file seam is
    one clip everywhere.  Otherwise the clip's first (only) file.
    """
    if clip.joined_file is not None:
        return clip.joined_file
    return clip.files[0].media_file if clip.files else None


# ====================================================================== segments
@dataclass(frozen=True)
class SegmentInfo:
    """A transcript line as a cut needs it: its clip, times, words and English translation."""

    id: int
    clip_id: int
    lang: str
    start_ms: Optional[int]
    end_ms: Optional[int]
    speaker: Optional[str]
    text: str
    translation_en: Optional[str]
    tags: tuple[str, ...]


def segment_infos(session: Session, segment_ids: Iterable[int]) -> dict[int, SegmentInfo]:
    """The lines with these ids (missing ids are left out), with tags and English translations."""
    ids = sorted({int(i) for i in segment_ids})
    if not ids:
        return {}
    segs = list(session.scalars(select(Segment).where(Segment.id.in_(ids))
                                .options(selectinload(Segment.tags), selectinload(Segment.transcript))))
    english: dict[int, list[tuple[int, str]]] = {}
    rows = session.execute(
        select(Segment.translates_id, Segment.position, Segment.text)
        .join(Transcript, Transcript.id == Segment.transcript_id)
        .where(Segment.translates_id.in_(ids),
               func.lower(func.substr(Transcript.lang, 1, 2)) == "en")
        .order_by(Segment.translates_id, Transcript.id, Segment.position))
    for target, position, text in rows:
        english.setdefault(target, []).append((position, text))
    out = {}
    for seg in segs:
        transcript = seg.transcript
        if transcript.lang.lower().startswith("en"):
            translation = seg.text
        else:
            lines = english.get(seg.id)
            translation = " ".join(text for _pos, text in lines) if lines else None
        out[seg.id] = SegmentInfo(seg.id, transcript.clip_id, transcript.lang, seg.start_ms, seg.end_ms,
                                  seg.speaker, seg.text, translation, tuple(t.name for t in seg.tags))
    return out


def _segment_span(session: Session, segment_ids: Sequence[int]) -> tuple[int, int, int, list[int]]:
    """(clip id, earliest start ms, latest end ms, ids ordered by time) of timed lines of one clip."""
    ids = list(dict.fromkeys(int(i) for i in segment_ids))
    if not ids:
        raise RefusedError("give at least one transcript line (segment id)")
    infos = segment_infos(session, ids)
    missing = [i for i in ids if i not in infos]
    if missing:
        raise NotFoundError(f"no transcript line (segment) with id {missing[0]}")
    clips = {infos[i].clip_id for i in ids}
    if len(clips) > 1:
        raise RefusedError("the transcript lines of one cut item must all come from one clip; "
                           f"these come from clips {', '.join(str(c) for c in sorted(clips))}")
    untimed = [i for i in ids if infos[i].start_ms is None or infos[i].end_ms is None]
    if untimed:
        raise RefusedError(f"transcript line {untimed[0]} has no times; time the transcript "
                           "(import a timed file or align it) before cutting with it")
    ordered = sorted(ids, key=lambda i: (infos[i].start_ms, infos[i].end_ms, i))
    start = min(infos[i].start_ms for i in ids)
    end = max(infos[i].end_ms for i in ids)
    return clips.pop(), start, end, ordered


# ====================================================================== placement
@dataclass(frozen=True)
class Placement:
    """Where an item plays in its cut, in whole frames of the cut."""

    item_id: int
    track: str
    index: int
    record_in: int
    duration: int

    @property
    def record_out(self) -> int:
        return self.record_in + self.duration


def _ordered_tracks(cut: Cut) -> list[str]:
    """The cut's tracks in order, then any track an item names that the list lacks."""
    names = list(cut.tracks or [])
    for item in cut.items:
        if item.track not in names:
            names.append(item.track)
    return names


def items_by_track(cut: Cut) -> dict[str, list[CutItem]]:
    """Each track's items in playing order (every track of the cut, empty ones too)."""
    out: dict[str, list[CutItem]] = {name: [] for name in _ordered_tracks(cut)}
    for item in cut.items:
        out[item.track].append(item)
    for items in out.values():
        items.sort(key=lambda i: (i.position, i.id))
    return out


def placements(cut: Cut) -> dict[int, Placement]:
    """Item id → where it plays: items of a track back to back, in position order."""
    rate = cut_rate(cut)
    out: dict[int, Placement] = {}
    for track, items in items_by_track(cut).items():
        at = 0
        for index, item in enumerate(items):
            duration = to_cut_frames(item.source_out - item.source_in, clip_rate(item.clip), rate)
            out[item.id] = Placement(item.id, track, index, at, duration)
            at += duration
    return out


def _set_positions(session: Session, positions: dict[int, int]) -> None:
    """Set item positions without touching versions (order is bookkeeping, not an edit)."""
    if not positions:
        return
    table = CutItem.__table__
    session.flush()
    session.execute(update(table).where(table.c.id == bindparam("iid")).values(position=bindparam("pos")),
                    [{"iid": iid, "pos": pos} for iid, pos in positions.items()])
    for iid in positions:
        obj = session.identity_map.get(session.identity_key(CutItem, iid))
        if obj is not None:
            session.expire(obj, ["position"])


def _track_ids(session: Session, cut_id: int, track: str, exclude: Optional[int] = None) -> list[int]:
    stmt = (select(CutItem.id).where(CutItem.cut_id == cut_id, CutItem.track == track)
            .order_by(CutItem.position, CutItem.id))
    return [i for i in session.scalars(stmt) if i != exclude]


def _renumber(session: Session, cut_id: int, track: str, order: list[int]) -> None:
    """Give the items of ``order`` the positions 0, 1, 2 ... where they differ."""
    current = dict(session.execute(select(CutItem.id, CutItem.position).where(CutItem.id.in_(order))).all())
    _set_positions(session, {iid: pos for pos, iid in enumerate(order) if current.get(iid) != pos})


def _insert_at(order: list[int], position: Optional[int]) -> int:
    if position is None or position >= len(order):
        return len(order)
    if position < 0:
        raise RefusedError(f"position {position} is not a place on a track; positions count from 0")
    return position


def _touch(cut: Cut) -> None:
    cut.updated_at = utcnow()


def _ensure_track(cut: Cut, track: str) -> str:
    name = _clean_track(track)
    if name not in (cut.tracks or []):
        cut.tracks = [*(cut.tracks or []), name]
    return name


def _check_length(frames: int, source: Fraction, cut: Cut) -> None:
    if to_cut_frames(frames, source, cut_rate(cut)) < 1:
        raise RefusedError(f"the range is shorter than one frame of the cut ({rate_text(cut.rate_num, cut.rate_den)} "
                           "fps); choose a longer one")


def _range_from_seconds(clip: Clip, in_s: Optional[float], out_s: Optional[float],
                        default_in: int, default_out: int) -> tuple[int, int]:
    num, den = clip.rate_num, clip.rate_den
    start = default_in if in_s is None else seconds_to_frames(in_s, num, den, snap="nearest")
    end = default_out if out_s is None else seconds_to_frames(out_s, num, den, snap="nearest")
    _check_range(clip, start, end)
    return start, end


def _check_range(clip: Clip, start: int, end: int) -> None:
    num, den = clip.rate_num, clip.rate_den
    if start < 0:
        raise RefusedError("an in point cannot be before the start of the clip")
    if clip.duration_frames and end > clip.duration_frames:
        raise RefusedError(f"the out point {frames_to_seconds(end, num, den)} s is after the end of clip "
                           f"{clip.id} ({frames_to_seconds(clip.duration_frames, num, den)} s)")
    if end <= start:
        raise RefusedError("the out point must come after the in point")


# ====================================================================== edits
def new_cut(project: "Project", name: str, rate: Union[str, int, Fraction] = "25",
            tracks: Optional[Sequence[str]] = None, handles_ms: int = 0, notes: Optional[str] = None) -> int:
    """Make an empty cut (version 1); returns its id.

    ``rate`` as ``25``, ``"30000/1001"``, ``"29.97"`` or ``"50i"`` (25 frames of
    two fields); ``tracks`` defaults to V1, V2, A1, A2; ``handles_ms`` is the
    media kept before and after transcript lines added to the cut.
    """
    name = " ".join((name or "").split())
    if not name:
        raise RefusedError("a cut needs a name")
    frame_rate = parse_cut_rate(rate)
    names = [_clean_track(t) for t in (tracks if tracks is not None else DEFAULT_TRACKS)]
    if not names:
        raise RefusedError("a cut needs at least one track")
    if len(set(names)) != len(names):
        raise RefusedError("a track name is given twice")
    if handles_ms is None or int(handles_ms) < 0:
        raise RefusedError("handles cannot be negative")

    def _add(s: Session) -> int:
        if s.scalar(select(Cut.id).where(Cut.name == name)) is not None:
            raise RefusedError(f"a cut named {name!r} exists already; duplicate it to make a new version "
                               "or choose another name")
        cut = Cut(name=name, cut_version=1, rate_num=frame_rate.numerator, rate_den=frame_rate.denominator,
                  tracks=names, handles_ms=int(handles_ms), notes=notes)
        s.add(cut)
        s.flush()
        return cut.id

    return project.write(_add)


def add_item(project: "Project", cut_id: int, *, clip_id: Optional[int] = None, in_s: Optional[float] = None,
             out_s: Optional[float] = None, segment_ids: Optional[Sequence[int]] = None,
             subclip_id: Optional[int] = None, track: str = "V1", position: Optional[int] = None,
             handles_ms: Optional[int] = None, note: Optional[str] = None) -> int:
    """Put a range of a clip on a track of the cut; returns the new item's id.

    Exactly one source:

    * ``clip_id`` with optional ``in_s`` / ``out_s`` (seconds into the clip,
      nearest frame; the whole clip without them);
    * ``segment_ids``: transcript lines of one clip; the item spans their
      words plus ``handles_ms`` (the cut's handles when None) on each side,
      in snapped down, out snapped up, clamped to the clip;
    * ``subclip_id``: the subclip's range.

    ``track`` is created on the cut if it is a new V/A name; ``position``
    inserts before the item at that place (0 = first; None = at the end).
    """
    sources = [clip_id is not None, bool(segment_ids), subclip_id is not None]
    if sum(sources) != 1:
        raise RefusedError("give exactly one of a clip, transcript lines (segments) or a subclip")
    if (in_s is not None or out_s is not None) and clip_id is None:
        raise RefusedError("in and out points go with a clip; a segment or subclip brings its own range")

    def _add(s: Session) -> int:
        cut = s.get(Cut, cut_id)
        if cut is None:
            raise NotFoundError(f"no cut with id {cut_id}")
        seg_list: list[int] = []
        sub: Optional[Subclip] = None
        if subclip_id is not None:
            sub = s.get(Subclip, subclip_id)
            if sub is None:
                raise NotFoundError(f"no subclip with id {subclip_id}")
            clip = _get_clip(s, sub.clip_id)
            start, end = sub.in_frame, sub.out_frame
            _check_range(clip, start, end)
        elif segment_ids:
            owner, start_ms, end_ms, seg_list = _segment_span(s, segment_ids)
            clip = _get_clip(s, owner)
            handles = cut.handles_ms if handles_ms is None else int(handles_ms)
            if handles < 0:
                raise RefusedError("handles cannot be negative")
            num, den = clip.rate_num, clip.rate_den
            start = max(0, seconds_to_frames(Fraction(start_ms - handles, 1000), num, den, snap="floor"))
            end = seconds_to_frames(Fraction(end_ms + handles, 1000), num, den, snap="ceil")
            if clip.duration_frames:
                end = min(end, clip.duration_frames)
            if end <= start:
                raise RefusedError(f"transcript line {seg_list[0]} lies outside clip {clip.id}'s media")
        else:
            clip = _get_clip(s, clip_id)
            if not clip.duration_frames and out_s is None:
                raise RefusedError(f"clip {clip.id} has no known length; give --in and --out")
            start, end = _range_from_seconds(clip, in_s, out_s, 0, clip.duration_frames)
        _check_length(end - start, clip_rate(clip), cut)
        name = _ensure_track(cut, track)
        order = _track_ids(s, cut.id, name)
        at = _insert_at(order, position)
        item = CutItem(cut_id=cut.id, track=name, position=len(order), clip_id=clip.id,
                       subclip_id=sub.id if sub is not None else None, source_in=start, source_out=end,
                       segment_ids=seg_list, note=note)
        s.add(item)
        s.flush()
        order.insert(at, item.id)
        _renumber(s, cut.id, name, order)
        _touch(cut)
        return item.id

    return project.write(_add)


def move_item(project: "Project", item_id: int, position: Optional[int] = None, track: Optional[str] = None,
              expected_version: Optional[int] = None) -> None:
    """Move an item to ``position`` (0 = first, None = last) on ``track`` (default: its own)."""

    def _move(s: Session) -> None:
        item = _get_item(s, item_id)
        _check_version(f"cut item {item_id}", item, expected_version)
        cut = item.cut
        old_track = item.track
        new_track = _ensure_track(cut, track) if track is not None else old_track
        order = _track_ids(s, cut.id, new_track, exclude=item.id)
        at = _insert_at(order, position)
        order.insert(at, item.id)
        if new_track != old_track or item.position != at:
            # The moved item is edited (its version goes up); the others are only renumbered.
            item.track, item.position = new_track, at
            s.flush()
        if new_track != old_track:
            _renumber(s, cut.id, old_track, _track_ids(s, cut.id, old_track))
        _renumber(s, cut.id, new_track, order)
        _touch(cut)

    project.write(_move)


def trim_item(project: "Project", item_id: int, in_s: Optional[float] = None, out_s: Optional[float] = None,
              expected_version: Optional[int] = None) -> None:
    """Set an item's in and/or out point: seconds into its clip, snapped to the nearest frame."""
    if in_s is None and out_s is None:
        raise RefusedError("give a new in point, out point or both")

    def _trim(s: Session) -> None:
        item = _get_item(s, item_id)
        _check_version(f"cut item {item_id}", item, expected_version)
        clip = item.clip
        start, end = _range_from_seconds(clip, in_s, out_s, item.source_in, item.source_out)
        _check_length(end - start, clip_rate(clip), item.cut)
        item.source_in, item.source_out = start, end
        _touch(item.cut)

    project.write(_trim)


def remove_item(project: "Project", item_id: int, expected_version: Optional[int] = None) -> None:
    """Take an item out of its cut; the items after it close the gap."""

    def _remove(s: Session) -> None:
        item = _get_item(s, item_id)
        _check_version(f"cut item {item_id}", item, expected_version)
        cut, track = item.cut, item.track
        s.delete(item)
        s.flush()
        _renumber(s, cut.id, track, _track_ids(s, cut.id, track))
        _touch(cut)

    project.write(_remove)


def restore_item(project: "Project", cut_id: int, *, clip_id: int, source_in: int, source_out: int,
                 track: str = "V1", position: Optional[int] = None, segment_ids: Sequence[int] = (),
                 subclip_id: Optional[int] = None, note: Optional[str] = None) -> int:
    """Put an item back exactly as it was: its frames, transcript lines, subclip and note; returns its new id.

    Undoing a removal needs the very range the item had (it may have been
    trimmed away from the span of its lines), so the range is given in whole
    frames of the clip rather than made again from the lines.
    """

    def _restore(s: Session) -> int:
        cut = s.get(Cut, cut_id)
        if cut is None:
            raise NotFoundError(f"no cut with id {cut_id}")
        clip = _get_clip(s, clip_id)
        start, end = int(source_in), int(source_out)
        _check_range(clip, start, end)
        _check_length(end - start, clip_rate(clip), cut)
        sub = s.get(Subclip, subclip_id) if subclip_id is not None else None
        name = _ensure_track(cut, track)
        order = _track_ids(s, cut.id, name)
        at = _insert_at(order, position)
        item = CutItem(cut_id=cut.id, track=name, position=len(order), clip_id=clip.id,
                       subclip_id=sub.id if sub is not None else None, source_in=start, source_out=end,
                       segment_ids=[int(i) for i in segment_ids], note=note)
        s.add(item)
        s.flush()
        order.insert(at, item.id)
        _renumber(s, cut.id, name, order)
        _touch(cut)
        return item.id

    return project.write(_restore)


def duplicate_cut(project: "Project", cut_id: int) -> int:
    """Copy a cut with all its items as the next version of its name (v2, v3 ...); returns the new id.

    The copy's ``parent_id`` names the cut it came from.
    """

    def _dup(s: Session) -> int:
        cut = get_cut(s, cut_id)
        newest = s.scalar(select(func.max(Cut.cut_version)).where(Cut.name == cut.name)) or cut.cut_version
        copy = Cut(name=cut.name, cut_version=newest + 1, parent_id=cut.id, rate_num=cut.rate_num,
                   rate_den=cut.rate_den, tracks=list(cut.tracks or []), handles_ms=cut.handles_ms,
                   notes=cut.notes)
        s.add(copy)
        s.flush()
        for track, items in items_by_track(cut).items():
            for index, item in enumerate(items):
                s.add(CutItem(cut_id=copy.id, track=track, position=index, clip_id=item.clip_id,
                              subclip_id=item.subclip_id, source_in=item.source_in, source_out=item.source_out,
                              segment_ids=list(item.segment_ids or []), note=item.note))
        s.flush()
        return copy.id

    return project.write(_dup)


# ====================================================================== showing
def item_name(item: CutItem, segments: dict[int, SegmentInfo]) -> str:
    """What an item is called in a cut: its first line's words, its subclip's name, or its clip's name."""
    for sid in item.segment_ids or []:
        info = segments.get(sid)
        if info is not None and info.text.strip():
            return shorten(info.text)
    if item.subclip is not None:
        return item.subclip.name
    return item.clip.name


def _clips_in_order(cut: Cut) -> list[Clip]:
    seen: dict[int, Clip] = {}
    for items in items_by_track(cut).values():
        for item in items:
            seen.setdefault(item.clip_id, item.clip)
    return sorted(seen.values(), key=lambda c: c.id)


def sensitivity(cut: Cut) -> list[tuple[Clip, str, str]]:
    """(clip, subject name, flag) for every flagged person in a clip of the cut."""
    out = []
    for clip in _clips_in_order(cut):
        for subject in clip.subjects:
            flags = set(subject.flags or [])
            for flag in SENSITIVITY_FLAGS:
                if flag in flags:
                    out.append((clip, subject.name, flag))
    return out


def cut_warnings(cut: Cut) -> list[str]:
    """What to check before showing or handing over the cut: flagged people, offline or missing media."""
    warnings = []
    for clip, name, flag in sensitivity(cut):
        warnings.append(f"{name} (clip {clip.id}) is flagged {flag}: {SENSITIVITY_ADVICE[flag]}")
    for clip in _clips_in_order(cut):
        media = clip_media(clip)
        if media is None:
            warnings.append(f"clip {clip.id} ({clip.name}) has no media file catalogued; it cannot be exported")
            continue
        if clip.joined_file is None and len(clip.files) > 1:
            warnings.append(f"clip {clip.id} ({clip.name}) is spanned over {len(clip.files)} files and has no "
                            "joined file: editing applications link only its first file; ingest the card again "
                            "to make the joined file")
        where = locate(media)
        if where.path is None:
            warnings.append(f"clip {clip.id} ({clip.name}): {where.shown} is offline here: {where.problem}")
            continue
        path = where.path
        if media.state != "online":
            warnings.append(f"clip {clip.id} ({clip.name}): {path} is {media.state}; relink or restore it "
                            "before exporting")
        elif not os.path.exists(path):
            warnings.append(f"clip {clip.id} ({clip.name}): {path} is missing from disk; connect its drive "
                            "or relink it before exporting")
    return warnings


def cut_json(session: Session, cut_id: int) -> dict:
    """``cut show CUT``: the cut, its items in track and playing order, and warnings.

    ``in`` / ``out`` are seconds into the clip at the clip's rate; ``record_in``
    / ``record_out`` and ``duration`` (the longest track) seconds on the cut's
    time line; all rounded to milliseconds.
    """
    cut = get_cut(session, cut_id)
    num, den = cut.rate_num, cut.rate_den
    places = placements(cut)
    segments = segment_infos(session, [sid for item in cut.items for sid in (item.segment_ids or [])])
    items = []
    longest = 0
    for track, track_items in items_by_track(cut).items():
        for item in track_items:
            place = places[item.id]
            longest = max(longest, place.record_out)
            c_num, c_den = item.clip.rate_num, item.clip.rate_den
            items.append({
                "id": item.id, "clip_id": item.clip_id, "name": item_name(item, segments),
                "track": track, "position": place.index,
                "in": frames_to_seconds(item.source_in, c_num, c_den),
                "out": frames_to_seconds(item.source_out, c_num, c_den),
                "record_in": frames_to_seconds(place.record_in, num, den),
                "record_out": frames_to_seconds(place.record_out, num, den),
                "source_in_frames": item.source_in, "source_out_frames": item.source_out,
                "clip_rate": rate_text(c_num, c_den),
                "subclip_id": item.subclip_id, "segment_ids": list(item.segment_ids or []),
                "note": item.note, "version": item.version,
            })
    return {
        "id": cut.id, "name": cut.name, "cut_version": cut.cut_version, "parent_id": cut.parent_id,
        "rate": rate_text(num, den), "tracks": list(items_by_track(cut)), "handles_ms": cut.handles_ms,
        "duration": frames_to_seconds(longest, num, den), "duration_frames": longest,
        "notes": cut.notes, "version": cut.version, "items": items, "warnings": cut_warnings(cut),
    }


def cuts_json(session: Session) -> list[dict]:
    """Every cut, by name and version: id, name, version, rate, item count, parent."""
    counts = dict(session.execute(select(CutItem.cut_id, func.count()).group_by(CutItem.cut_id)).all())
    return [{"id": cut.id, "name": cut.name, "cut_version": cut.cut_version, "parent_id": cut.parent_id,
             "rate": rate_text(cut.rate_num, cut.rate_den), "items": counts.get(cut.id, 0),
             "updated_at": cut.updated_at.isoformat(timespec="seconds"), "version": cut.version}
            for cut in session.scalars(select(Cut).order_by(Cut.name, Cut.cut_version))]
