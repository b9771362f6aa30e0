"""Markers (a point or a range, with a colour and a note) and subclips (named ranges) on clips.

Times come in as seconds and are stored as whole frames at the clip's own rate,
so a marker sits on a frame in every NLE the cut is exported to.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from sqlalchemy.orm import Session

from docmanager.catalogue.clips import frames_to_seconds, get_clip, seconds_to_frames
from docmanager.db.models import Clip, Marker, Subclip
from docmanager.errors import NotFoundError, RefusedError

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


@dataclass(frozen=True)
class MarkerRow:
    id: int
    clip_id: int
    at: float
    duration: float
    colour: str
    note: str

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
    return [MarkerRow(m.id, clip.id, frames_to_seconds(m.frame, n, d), frames_to_seconds(m.duration_frames, n, d),
                      m.colour, m.note) for m in clip.markers]


def subclips_of(session: Session, clip_id: int) -> list[SubclipRow]:
    clip = get_clip(session, clip_id, detail=True)
    n, d = clip.rate_num, clip.rate_den
    return [SubclipRow(sc.id, clip.id, sc.name, frames_to_seconds(sc.in_frame, n, d),
                       frames_to_seconds(sc.out_frame, n, d), sc.note) for sc in clip.subclips]


def remove_marker(project: "Project", marker_id: int) -> None:
    def _remove(s: Session) -> None:
        marker = s.get(Marker, marker_id)
        if marker is None:
            raise NotFoundError(f"no marker with id {marker_id}")
        s.delete(marker)
    project.write(_remove)


def remove_subclip(project: "Project", subclip_id: int) -> None:
    def _remove(s: Session) -> None:
        sub = s.get(Subclip, subclip_id)
        if sub is None:
            raise NotFoundError(f"no subclip with id {subclip_id}")
        s.delete(sub)
    project.write(_remove)
