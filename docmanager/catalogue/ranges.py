"""Markers (a point or a range, with a colour and a note) and subclips (named ranges) on clips.

Times come in as seconds and are stored as whole frames at the clip's own rate,
so a marker sits on a frame in every NLE the cut is exported to.  A player that
already knows the frame (an In point set on the frame showing) writes frames
directly (``add_marker_frames``, ``add_subclip_frames``): seconds rounded to the
millisecond do not always fall back on the same frame at 30000/1001.

A subclip's ``out_frame`` is the first frame after the range (exclusive), so
``out_frame - in_frame`` is its length; a marker's range is ``frame`` and
``duration_frames`` frames after it.

An edit based on a row as it was read passes its ``version`` as
``expected_version``: when someone else changed the marker or subclip since,
``ConflictError`` is raised and nothing is written
(``docmanager.catalogue.conflicts.range_conflicts`` tells which fields collide).

``frame_at_ms`` and ``frame_start_ms`` convert a player's millisecond position
to the frame showing and back; ``timecode`` writes a frame as HH:MM:SS:FF
(drop-frame, with ``;``, at 29.97 and 59.94).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Optional

from sqlalchemy.orm import Session

from docmanager.catalogue.clips import frames_to_seconds, get_clip, seconds_to_frames
from docmanager.db.models import Clip, Marker, Subclip
from docmanager.errors import ConflictError, NotFoundError, RefusedError

if TYPE_CHECKING:
    from docmanager.project import Project

COLOURS = ("red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink", "white", "black")


def _frame(clip: Clip, seconds: float, what: str, snap: str = "floor") -> int:
    if seconds is None or seconds < 0:
        raise RefusedError(f"the {what} must be a time of 0 seconds or more")
    frame = seconds_to_frames(seconds, clip.rate_num, clip.rate_den, snap)
    if clip.duration_frames and frame > clip.duration_frames:
        length = frames_to_seconds(clip.duration_frames, clip.rate_num, clip.rate_den)
        raise RefusedError(f"the {what} ({seconds} s) is past the end of clip {clip.id} ({length} s)")
    return frame


_KEEP = object()  # an update's argument left out: the value stays


def frame_at_ms(ms: int, num: int, den: int) -> int:
    """The frame showing at ``ms`` milliseconds into a clip at ``num/den`` frames per second."""
    return seconds_to_frames(Fraction(max(int(ms), 0), 1000), num, den, "floor")


def frame_start_ms(frame: int, num: int, den: int) -> int:
    """The first whole millisecond at which ``frame`` shows (a seek there shows that frame)."""
    return math.ceil(Fraction(int(frame) * den * 1000, num))


def timecode(frame: int, num: int, den: int) -> str:
    """``HH:MM:SS:FF`` of a frame count from 0 (drop-frame ``HH:MM:SS;FF`` at 29.97 and 59.94)."""
    from opentimelineio import opentime

    rate = num / den
    return opentime.to_timecode(opentime.RationalTime(max(int(frame), 0), rate), rate)


@dataclass(frozen=True)
class RangeClip:
    """What a player needs to set frame-exact points on a clip: its id, name, rate and length."""

    clip_id: int
    name: str
    rate_num: int
    rate_den: int
    duration_frames: Optional[int]

    def frame_at_ms(self, ms: int) -> int:
        return frame_at_ms(ms, self.rate_num, self.rate_den)

    def start_ms(self, frame: int) -> int:
        return frame_start_ms(frame, self.rate_num, self.rate_den)

    def timecode(self, frame: int) -> str:
        return timecode(frame, self.rate_num, self.rate_den)


def range_clip(session: Session, clip_id: int) -> RangeClip:
    clip = get_clip(session, clip_id)
    return RangeClip(clip.id, clip.name, clip.rate_num, clip.rate_den, clip.duration_frames)


@dataclass(frozen=True)
class MarkerRow:
    id: int
    clip_id: int
    at: float
    duration: float
    colour: str
    note: str
    frame: int = field(default=0, compare=False)
    duration_frames: int = field(default=0, compare=False)
    version: int = field(default=0, compare=False)  # give it back as an update's expected_version

    def to_json(self) -> dict:
        return {"id": self.id, "clip_id": self.clip_id, "at": self.at, "duration": self.duration,
                "colour": self.colour, "note": self.note}


@dataclass(frozen=True)
class SubclipRow:
    id: int
    clip_id: int
    name: str
    in_: float
    out: float
    note: Optional[str]
    in_frame: int = field(default=0, compare=False)
    out_frame: int = field(default=0, compare=False)  # the first frame after the range
    version: int = field(default=0, compare=False)  # give it back as an update's expected_version

    def to_json(self) -> dict:
        return {"id": self.id, "clip_id": self.clip_id, "name": self.name, "in": self.in_, "out": self.out,
                "note": self.note}


def add_marker(project: "Project", clip_id: int, at: float, note: str = "", duration: float = 0.0,
               colour: str = "red") -> int:
    if colour not in COLOURS:
        raise RefusedError(f"unknown colour {colour!r}; colours are {', '.join(COLOURS)}")

    def _add(s: Session) -> int:
        clip = get_clip(s, clip_id)
        start = _frame(clip, at, "marker time")
        length = _frame(clip, at + (duration or 0), "marker end", "ceil") - start if duration else 0
        marker = Marker(clip_id=clip.id, frame=start, duration_frames=length, colour=colour, note=note or "")
        s.add(marker)
        s.flush()
        return marker.id

    return project.write(_add)


def add_subclip(project: "Project", clip_id: int, in_s: float, out_s: float, name: str,
                note: Optional[str] = None) -> int:
    name = (name or "").strip()
    if not name:
        raise RefusedError("a subclip needs a name")

    def _add(s: Session) -> int:
        clip = get_clip(s, clip_id)
        start, end = _frame(clip, in_s, "in point"), _frame(clip, out_s, "out point", "ceil")
        if end <= start:
            raise RefusedError(f"the out point ({out_s} s) must come after the in point ({in_s} s)")
        sub = Subclip(clip_id=clip.id, name=name, in_frame=start, out_frame=end, note=note)
        s.add(sub)
        s.flush()
        return sub.id

    return project.write(_add)


def markers_of(session: Session, clip_id: int) -> list[MarkerRow]:
    clip = get_clip(session, clip_id, detail=True)
    n, d = clip.rate_num, clip.rate_den
    rows = [_marker_row(m, n, d) for m in clip.markers]
    return sorted(rows, key=lambda r: (r.frame, r.id))


def subclips_of(session: Session, clip_id: int) -> list[SubclipRow]:
    clip = get_clip(session, clip_id, detail=True)
    n, d = clip.rate_num, clip.rate_den
    rows = [_subclip_row(sc, n, d) for sc in clip.subclips]
    return sorted(rows, key=lambda r: (r.in_frame, r.id))


def _marker_row(m: Marker, n: int, d: int) -> MarkerRow:
    return MarkerRow(m.id, m.clip_id, frames_to_seconds(m.frame, n, d), frames_to_seconds(m.duration_frames, n, d),
                     m.colour, m.note, m.frame, m.duration_frames, m.version)


def _subclip_row(sc: Subclip, n: int, d: int) -> SubclipRow:
    return SubclipRow(sc.id, sc.clip_id, sc.name, frames_to_seconds(sc.in_frame, n, d),
                      frames_to_seconds(sc.out_frame, n, d), sc.note, sc.in_frame, sc.out_frame, sc.version)


def marker_row(session: Session, marker_id: int) -> MarkerRow:
    marker = session.get(Marker, marker_id)
    if marker is None:
        raise NotFoundError(f"no marker with id {marker_id}")
    clip = get_clip(session, marker.clip_id)
    return _marker_row(marker, clip.rate_num, clip.rate_den)


def subclip_row(session: Session, subclip_id: int) -> SubclipRow:
    sub = session.get(Subclip, subclip_id)
    if sub is None:
        raise NotFoundError(f"no subclip with id {subclip_id}")
    clip = get_clip(session, sub.clip_id)
    return _subclip_row(sub, clip.rate_num, clip.rate_den)


def _check_version(row: Marker | Subclip, clip: Clip, expected_version: Optional[int]) -> None:
    """Refuse a change based on ``expected_version`` when the row has moved on since."""
    if expected_version is None or row.version == expected_version:
        return
    if isinstance(row, Marker):
        what = f"marker {row.id} at {timecode(row.frame, clip.rate_num, clip.rate_den)}"
    else:
        what = f"subclip {row.id} ({row.name})"
    raise ConflictError(f"{what} of clip {clip.id} ({clip.name}) was changed since you read it (it is at version "
                        f"{row.version}, you had {expected_version}); nothing was written. Reload and try again")


def remove_marker(project: "Project", marker_id: int, expected_version: Optional[int] = None) -> None:
    """Remove a marker (only if it is still at ``expected_version``, when given)."""
    def _remove(s: Session) -> None:
        marker = s.get(Marker, marker_id)
        if marker is None:
            raise NotFoundError(f"no marker with id {marker_id}")
        _check_version(marker, get_clip(s, marker.clip_id), expected_version)
        s.delete(marker)
    project.write(_remove)


def remove_subclip(project: "Project", subclip_id: int, expected_version: Optional[int] = None) -> None:
    """Remove a subclip (only if it is still at ``expected_version``, when given)."""
    def _remove(s: Session) -> None:
        sub = s.get(Subclip, subclip_id)
        if sub is None:
            raise NotFoundError(f"no subclip with id {subclip_id}")
        _check_version(sub, get_clip(s, sub.clip_id), expected_version)
        s.delete(sub)
    project.write(_remove)


# ---------------------------------------------------------------- by frames
def _check_colour(colour: str) -> None:
    if colour not in COLOURS:
        raise RefusedError(f"unknown colour {colour!r}; colours are {', '.join(COLOURS)}")


def _check_range(clip: Clip, start: int, length: int, what: str) -> None:
    if start < 0 or length < 0:
        raise RefusedError(f"the {what} must start at frame 0 or later and not end before it starts")
    if clip.duration_frames and start + length > clip.duration_frames:
        raise RefusedError(f"the {what} (frames {start}–{start + length}) is past the end of clip {clip.id} "
                           f"({clip.duration_frames} frames)")


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise RefusedError("a subclip needs a name")
    return name


def add_marker_frames(project: "Project", clip_id: int, frame: int, duration_frames: int = 0, note: str = "",
                      colour: str = "red") -> int:
    """A marker on ``frame`` (a range of ``duration_frames`` when more than 0)."""
    _check_colour(colour)

    def _add(s: Session) -> int:
        clip = get_clip(s, clip_id)
        _check_range(clip, int(frame), int(duration_frames or 0), "marker")
        marker = Marker(clip_id=clip.id, frame=int(frame), duration_frames=int(duration_frames or 0),
                        colour=colour, note=note or "")
        s.add(marker)
        s.flush()
        return marker.id

    return project.write(_add)


def add_subclip_frames(project: "Project", clip_id: int, in_frame: int, out_frame: int, name: str,
                       note: Optional[str] = None) -> int:
    """A subclip from ``in_frame`` up to (not including) ``out_frame``."""
    name = _check_name(name)

    def _add(s: Session) -> int:
        clip = get_clip(s, clip_id)
        if out_frame <= in_frame:
            raise RefusedError(f"the out point (frame {out_frame}) must come after the in point (frame {in_frame})")
        _check_range(clip, int(in_frame), int(out_frame) - int(in_frame), "subclip")
        sub = Subclip(clip_id=clip.id, name=name, in_frame=int(in_frame), out_frame=int(out_frame), note=note)
        s.add(sub)
        s.flush()
        return sub.id

    return project.write(_add)


def update_marker(project: "Project", marker_id: int, *, note=_KEEP, colour=_KEEP, frame=_KEEP,
                  duration_frames=_KEEP, expected_version: Optional[int] = None) -> MarkerRow:
    """Change a marker's note, colour or place; what is left out stays.  Returns the marker as stored.

    With ``expected_version`` (the ``version`` of the row as read), a marker
    someone else changed since raises ``ConflictError`` and nothing is written.
    """
    if colour is not _KEEP:
        _check_colour(colour)

    def _update(s: Session) -> MarkerRow:
        marker = s.get(Marker, marker_id)
        if marker is None:
            raise NotFoundError(f"no marker with id {marker_id}")
        clip = get_clip(s, marker.clip_id)
        _check_version(marker, clip, expected_version)
        start = marker.frame if frame is _KEEP else int(frame)
        length = marker.duration_frames if duration_frames is _KEEP else int(duration_frames or 0)
        _check_range(clip, start, length, "marker")
        marker.frame, marker.duration_frames = start, length
        if note is not _KEEP:
            marker.note = note or ""
        if colour is not _KEEP:
            marker.colour = colour
        s.flush()
        return _marker_row(marker, clip.rate_num, clip.rate_den)

    return project.write(_update)


def update_subclip(project: "Project", subclip_id: int, *, name=_KEEP, note=_KEEP, in_frame=_KEEP,
                   out_frame=_KEEP, expected_version: Optional[int] = None) -> SubclipRow:
    """Rename a subclip, change its note or its range; what is left out stays.  Returns it as stored.

    With ``expected_version`` (the ``version`` of the row as read), a subclip
    someone else changed since raises ``ConflictError`` and nothing is written.
    """
    if name is not _KEEP:
        name = _check_name(name)

    def _update(s: Session) -> SubclipRow:
        sub = s.get(Subclip, subclip_id)
        if sub is None:
            raise NotFoundError(f"no subclip with id {subclip_id}")
        clip = get_clip(s, sub.clip_id)
        _check_version(sub, clip, expected_version)
        start = sub.in_frame if in_frame is _KEEP else int(in_frame)
        end = sub.out_frame if out_frame is _KEEP else int(out_frame)
        if end <= start:
            raise RefusedError(f"the out point (frame {end}) must come after the in point (frame {start})")
        _check_range(clip, start, end - start, "subclip")
        sub.in_frame, sub.out_frame = start, end
        if name is not _KEEP:
            sub.name = name
        if note is not _KEEP:
            sub.note = note or None
        s.flush()
        return _subclip_row(sub, clip.rate_num, clip.rate_den)

    return project.write(_update)
