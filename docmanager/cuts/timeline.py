"""A cut as an OpenTimelineIO timeline, the one shape every export starts from.

:func:`build_timeline` makes an ``otio.schema.Timeline`` of a cut:

* one track per track of the cut, in the cut's order, video or audio by the
  first letter of its name (``V1``, ``A1`` ...), empty tracks included;
* one clip per item, back to back in position order.  Its media reference is
  an ``ExternalReference`` named after the catalogue's clip, to the clip's
  joined file (a take spanned over several camera files) or its only file, as
  a ``file://`` URL, with the whole clip as ``available_range``.  Its ``source_range`` is the item's
  range in whole frames at the *clip's* rate: ``RationalTime(frames, 25)``,
  ``RationalTime(frames, 30000/1001)`` -- an interlaced clip (50i) counts
  frames at 25;
* the clip is named after the item (the first transcript line's words
  shortened, the subclip's name or the clip's name);
* markers, in the clip's own media time like every OTIO item marker: the
  clip's catalogue markers that start inside the item's range, one marker per
  tagged transcript line at the line's start (named after its tags), and, for
  each sensitivity flag of a person in the clip, a red marker
  ``SENSITIVE: <flag>`` at the item's first frame;
* ``metadata["docmanager"]`` on the timeline (the cut's id, name, version,
  rate, warnings) and on every clip (see :func:`clip_metadata`): ids, the
  files with their xxh64 hashes, the people in it with their Chinese names and
  flags, the transcript lines with their English translations;
* with ``sync_sound=True`` (what export asks for), sound follows picture: each
  video track ``Vn`` with items whose audio track ``An`` has none gets an
  ``An`` mirroring it item for item -- the same clip, source range and place,
  without markers, its metadata that of the picture item plus
  ``"sync_sound_of": "Vn"`` -- and a gap of the item's length where the clip
  has no sound (see :func:`has_sound`).  ``An`` is added after the cut's
  tracks when the cut has no such track; an audio track with items is left as
  it is.

The session is only read; the timeline holds plain values and can be used
after the session is closed.
"""
from __future__ import annotations

from typing import Optional, Sequence

import opentimelineio as otio
from sqlalchemy.orm import Session

from docmanager.catalogue.clips import rate_text
from docmanager.cuts.model import (
    SENSITIVITY_ADVICE,
    SegmentInfo,
    clip_media,
    clip_rate,
    cut_rate,
    cut_warnings,
    get_cut,
    item_name,
    items_by_track,
    segment_infos,
    sensitivity,
    track_kind,
)
from docmanager.db.models import SENSITIVITY_FLAGS, Clip, Cut, CutItem, MediaFile
from docmanager.catalogue.roots import locate
from docmanager.ingest.verify import file_path

__all__ = ["SENSITIVE_PREFIX", "SYNC_SOUND_KEY", "build_timeline", "clip_metadata", "file_url", "has_sound",
           "marker_colour", "sync_sound_tracks", "timeline_of"]

RationalTime = otio.opentime.RationalTime
TimeRange = otio.opentime.TimeRange

#: Name prefix of the markers that carry a sensitivity flag.
SENSITIVE_PREFIX = "SENSITIVE: "
#: Key of ``metadata["docmanager"]`` naming the video track a sync-sound clip or gap follows.
SYNC_SOUND_KEY = "sync_sound_of"

_MARKER_COLOURS = {
    getattr(otio.schema.MarkerColor, name)
    for name in ("PINK", "RED", "ORANGE", "YELLOW", "GREEN", "CYAN", "BLUE", "PURPLE", "MAGENTA", "BLACK",
                 "WHITE")
}


def file_url(media: MediaFile) -> str:
    """The ``file://`` URL of a catalogued file (percent-encoded, as OTIO writes them).

    Raises ``UnmappedRootError`` for a file under a media root not mapped on this machine.
    """
    return otio.url_utils.url_from_filepath(file_path(media))


def marker_colour(colour: Optional[str]) -> str:
    """An OTIO marker colour for a catalogue marker's colour name (red when unknown)."""
    name = (colour or "").strip().upper()
    return name if name in _MARKER_COLOURS else otio.schema.MarkerColor.RED


def _file_json(media: Optional[MediaFile]) -> Optional[dict]:
    if media is None:
        return None
    return {"path": locate(media).shown, "xxh64": media.xxh64, "size": media.size, "state": media.state}


def clip_metadata(item: CutItem, segments: dict[int, SegmentInfo]) -> dict:
    """``metadata["docmanager"]`` of an item's clip: everything needed to trace it back."""
    clip = item.clip
    media = clip_media(clip)
    subjects = [{"name": s.name, "name_zh": s.name_zh, "flags": [f for f in (s.flags or [])]}
                for s in clip.subjects]
    flags = [{"subject": name, "flag": flag, "advice": SENSITIVITY_ADVICE[flag]}
             for name, flag in _flags_of(clip)]
    lines = []
    for sid in item.segment_ids or []:
        info = segments.get(sid)
        if info is None:
            lines.append({"id": sid, "missing": True})
            continue
        lines.append({"id": info.id, "lang": info.lang, "start_ms": info.start_ms, "end_ms": info.end_ms,
                      "speaker": info.speaker, "text": info.text, "translation_en": info.translation_en,
                      "tags": list(info.tags)})
    return {
        "item_id": item.id,
        "track": item.track,
        "position": item.position,
        "clip_id": clip.id,
        "clip_name": clip.name,
        "subclip_id": item.subclip_id,
        "subclip_name": item.subclip.name if item.subclip is not None else None,
        "source_in": item.source_in,
        "source_out": item.source_out,
        "clip_rate": rate_text(clip.rate_num, clip.rate_den),
        "clip_duration_frames": clip.duration_frames,
        "scan": clip.scan,
        "field_order": clip.field_order,
        "timecode_start": clip.timecode_start,
        "recorded_at": clip.recorded_at,
        "media": _file_json(media),
        "files": [_file_json(cf.media_file) for cf in clip.files],
        "joined_file": _file_json(clip.joined_file),
        "subjects": subjects,
        "sensitivity": flags,
        "segments": lines,
        "note": item.note,
    }


def _flags_of(clip: Clip) -> list[tuple[str, str]]:
    """(subject name, flag) for each sensitivity flag of each person in the clip."""
    out = []
    for subject in clip.subjects:
        present = set(subject.flags or [])
        out.extend((subject.name, flag) for flag in SENSITIVITY_FLAGS if flag in present)
    return out


def _markers(item: CutItem, rate: float, segments: dict[int, SegmentInfo]) -> list[otio.schema.Marker]:
    """The item's markers in the clip's media time (frames at the clip's rate)."""
    clip = item.clip
    start, end = item.source_in, item.source_out
    out: list[otio.schema.Marker] = []
    # Sensitivity first: whoever opens the cut sees them at the head of the item.
    for name, flag in _flags_of(clip):
        out.append(otio.schema.Marker(
            name=f"{SENSITIVE_PREFIX}{flag}",
            marked_range=TimeRange(RationalTime(start, rate), RationalTime(0, rate)),
            color=otio.schema.MarkerColor.RED,
            metadata={"docmanager": {"kind": "sensitive", "subject": name, "flag": flag,
                                     "advice": SENSITIVITY_ADVICE[flag]}}))
    for marker in clip.markers:
        if not start <= marker.frame < end:
            continue
        length = min(marker.duration_frames, end - marker.frame)
        out.append(otio.schema.Marker(
            name=marker.note or marker.colour or "marker",
            marked_range=TimeRange(RationalTime(marker.frame, rate), RationalTime(length, rate)),
            color=marker_colour(marker.colour),
            metadata={"docmanager": {"kind": "clip-marker", "marker_id": marker.id, "note": marker.note}}))
    num, den = clip.rate_num, clip.rate_den
    for sid in item.segment_ids or []:
        info = segments.get(sid)
        if info is None or not info.tags or info.start_ms is None:
            continue
        frame = (info.start_ms * num) // (1000 * den)  # the frame showing when the line starts
        frame = max(frame, start)
        if frame >= end:
            continue
        out.append(otio.schema.Marker(
            name=", ".join(info.tags),
            marked_range=TimeRange(RationalTime(frame, rate), RationalTime(0, rate)),
            color=otio.schema.MarkerColor.GREEN,
            metadata={"docmanager": {"kind": "segment-tags", "segment_id": sid, "tags": list(info.tags)}}))
    out.sort(key=lambda m: m.marked_range.start_time.value)
    return out


def _reference(clip: Clip) -> otio.core.MediaReference:
    media = clip_media(clip)
    rate = float(clip_rate(clip))
    available = (TimeRange(RationalTime(0, rate), RationalTime(clip.duration_frames, rate))
                 if clip.duration_frames else None)
    if media is None:
        return otio.schema.MissingReference(name=clip.name, available_range=available,
                                            metadata={"docmanager": {"clip_id": clip.id}})
    where = locate(media)
    if where.path is None:  # under a media root not mapped on this machine: offline here
        return otio.schema.MissingReference(name=clip.name, available_range=available,
                                            metadata={"docmanager": {"clip_id": clip.id, "path": where.shown,
                                                                     "offline": where.problem}})
    reference = otio.schema.ExternalReference(target_url=otio.url_utils.url_from_filepath(where.path),
                                              available_range=available)
    reference.name = clip.name
    return reference


def has_sound(clip: Clip) -> bool:
    """Whether the catalogue knows the clip to have sound (an audio stream with channels)."""
    return bool(clip.audio_codec) and (clip.audio_channels is None or clip.audio_channels > 0)


def _otio_clip(item: CutItem, segments: dict[int, SegmentInfo], metadata: dict) -> otio.schema.Clip:
    rate = float(clip_rate(item.clip))
    clip = otio.schema.Clip(
        name=item_name(item, segments),
        media_reference=_reference(item.clip),
        source_range=TimeRange(RationalTime(item.source_in, rate),
                               RationalTime(item.source_out - item.source_in, rate)),
        metadata={"docmanager": metadata},
    )
    for marker in _markers(item, rate, segments):
        clip.markers.append(marker)
    return clip


def _sync_sound(item: CutItem, picture: otio.schema.Clip, metadata: dict, video: str) -> otio.core.Item:
    """The sound of a picture item on video track ``video``: its clip again, or a gap where it has none."""
    meta = dict(metadata, **{SYNC_SOUND_KEY: video})
    if not has_sound(item.clip):
        meta = {key: meta[key] for key in ("item_id", "track", "position", "clip_id", "clip_name", "source_in",
                                           "source_out", "clip_rate", SYNC_SOUND_KEY)}
        meta["no_sound"] = True
        duration = picture.source_range.duration
        return otio.schema.Gap(source_range=TimeRange(RationalTime(0, duration.rate), duration),
                               metadata={"docmanager": meta})
    return otio.schema.Clip(name=picture.name, media_reference=_reference(item.clip),
                            source_range=picture.source_range, metadata={"docmanager": meta})


def sync_sound_tracks(tracks: dict[str, list]) -> dict[str, str]:
    """Audio track → the video track whose sound it carries, for ``tracks`` (name → items).

    ``An`` follows ``Vn`` when ``Vn`` has items and ``An`` has none (or does not exist).
    """
    out = {}
    for name, items in tracks.items():
        if track_kind(name) != "video" or not items:
            continue
        audio = "A" + name[1:]
        if not tracks.get(audio):
            out[audio] = name
    return out


def timeline_of(session: Session, cut: Cut, tracks: Optional[Sequence[str]] = None, *,
                sync_sound: bool = False) -> otio.schema.Timeline:
    """:func:`build_timeline` for a loaded cut; ``tracks`` keeps only the named tracks.

    ``sync_sound`` fills the empty audio tracks with the sound of their video
    tracks (see the module notes), for exports to editing applications.
    """
    segments = segment_infos(session, [sid for item in cut.items for sid in (item.segment_ids or [])])
    rate = cut_rate(cut)
    timeline = otio.schema.Timeline(
        name=f"{cut.name} v{cut.cut_version}",
        global_start_time=RationalTime(0, float(rate)),
        metadata={"docmanager": {
            "cut_id": cut.id, "name": cut.name, "cut_version": cut.cut_version, "version": cut.version,
            "rate": rate_text(cut.rate_num, cut.rate_den), "handles_ms": cut.handles_ms, "notes": cut.notes,
            "warnings": cut_warnings(cut),
            "sensitivity": [{"clip_id": clip.id, "subject": name, "flag": flag}
                            for clip, name, flag in sensitivity(cut)],
        }},
    )
    by_track = items_by_track(cut)
    follows = {audio: video for audio, video in (sync_sound_tracks(by_track) if sync_sound else {}).items()
               if tracks is None or audio in tracks}
    names = list(by_track) + [name for name in follows if name not in by_track]
    pictures: dict[str, list[tuple[CutItem, otio.schema.Clip, dict]]] = {}
    built: dict[str, otio.schema.Track] = {}
    for name in names:
        kind = otio.schema.TrackKind.Audio if track_kind(name) == "audio" else otio.schema.TrackKind.Video
        built[name] = otio.schema.Track(name=name, kind=kind)
    for name, items in by_track.items():
        keep = tracks is None or name in tracks
        mirrored = any(video == name for video in follows.values())
        if not keep and not mirrored:
            continue
        for item in items:
            metadata = clip_metadata(item, segments)
            picture = _otio_clip(item, segments, metadata)
            built[name].append(picture)
            if mirrored:
                pictures.setdefault(name, []).append((item, picture, metadata))
    for audio, video in follows.items():
        for item, picture, metadata in pictures.get(video, []):
            built[audio].append(_sync_sound(item, picture, metadata, video))
    for name in names:
        if tracks is None or name in tracks:
            timeline.tracks.append(built[name])
    return timeline


def build_timeline(session: Session, cut_id: int) -> otio.schema.Timeline:
    """The cut ``cut_id`` as an OTIO timeline (see the module notes)."""
    return timeline_of(session, get_cut(session, cut_id))
