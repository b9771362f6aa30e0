"""When someone else changed a clip between reading and writing: what collides, field by field.

An edit in the app is based on the clip as it was shown (its ``ClipMeta`` and
version).  ``set_clips(..., expected_versions=...)`` refuses with
``ConflictError`` when the row moved on.  Most of the time the other person
changed a *different* field (they rated, I typed a note): my change can then be
made on top of theirs without asking.  Only a field both of us changed is a
conflict; for each, :func:`clip_conflicts` gives what I read, what they wrote
(and who, and when, from the activity log) and what keeping mine would write.
The caller asks the person, then writes with the fresh versions, or not at all.

Undo and redo of a clip edit put back values the step captured.  They write a
field only where it still holds what the step left there; a field someone
else changed since is a conflict (:func:`restore_conflicts`), asked about in
the same way.

Markers and subclips work the same way, one at a time: ``update_marker`` and
``update_subclip`` refuse a stale ``expected_version``, and
:func:`range_conflicts` gives the fields (note, colour, name) both changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from docmanager.catalogue.clips import ClipMeta
from docmanager.catalogue.ranges import MarkerRow, SubclipRow, marker_row, range_clip, subclip_row
from docmanager.catalogue.selection import clip_metas
from docmanager.db.models import ActivityEntry, Clip

__all__ = ["FieldConflict", "clip_conflicts", "edited_fields", "apply_to", "last_change", "range_conflicts",
           "range_values", "restore_conflicts", "CLIP_FIELDS"]

#: The fields of a clip people edit, as ``ClipMeta`` holds them.
CLIP_FIELDS = ("subjects", "shoot", "tags", "rating", "notes")

#: The change keywords of ``set_clips`` that touch each field.
_FIELD_KEYS = {
    "subjects": ("subjects", "add_subjects", "remove_subjects"),
    "shoot": ("shoot",),
    "tags": ("tags", "add_tags", "remove_tags"),
    "rating": ("rating",),
    "notes": ("notes",),
}


@dataclass(frozen=True)
class FieldConflict:
    """One field of one clip (or of a marker or subclip on it) that someone else changed after it was read,
    and this edit changes too."""

    clip_id: int
    clip_name: str
    field: str  # a clip's subjects, shoot, tags, rating or notes; a marker's note or colour; a subclip's name or note
    read: Any  # the value as it was shown
    theirs: Any  # the value now in the catalogue
    mine: Any  # the value keeping this edit would write
    who: Optional[str]  # who wrote theirs (activity log), when known
    when: Optional[datetime]
    kind: str = "clip"  # "clip", "marker" or "subclip": what the field belongs to
    row_id: Optional[int] = None  # the marker's or subclip's id
    place: Optional[str] = None  # where on the clip the marker or subclip starts (time code)


def edited_fields(changes: Mapping[str, Any]) -> set[str]:
    """The fields a ``set_clips`` change touches."""
    empty = (None, (), [])
    return {f for f, keys in _FIELD_KEYS.items()
            if any(k in changes and (k in ("shoot", "notes") or changes[k] not in empty) for k in keys)}


def _changed_list(current: Iterable[str], changes: Mapping[str, Any], kind: str) -> tuple[str, ...]:
    whole = changes.get(kind)
    items = list(whole) if whole is not None else list(current)
    removed = {x.lower() if kind == "tags" else x for x in changes.get(f"remove_{kind}", ())}
    items = [x for x in items if (x.lower() if kind == "tags" else x) not in removed]
    for x in changes.get(f"add_{kind}", ()):
        if x not in items:
            items.append(x)
    return tuple(items)


def apply_to(meta: ClipMeta, changes: Mapping[str, Any]) -> dict[str, Any]:
    """What the change makes of ``meta``, for each field it touches."""
    out: dict[str, Any] = {}
    for field in edited_fields(changes):
        if field in ("subjects", "tags"):
            out[field] = _changed_list(getattr(meta, field), changes, field)
        elif field == "shoot":
            out[field] = changes["shoot"] or None
        elif field == "rating":
            out[field] = int(changes["rating"])
        else:
            out[field] = changes["notes"]
    return out


def _same(field: str, a: Any, b: Any) -> bool:
    if field == "tags":
        return sorted(x.lower() for x in a) == sorted(x.lower() for x in b)
    if field == "subjects":
        return sorted(a) == sorted(b)
    if field == "notes":
        return (a or None) == (b or None)
    return a == b


def last_change(session: Session, table: str, row_id: int) -> tuple[Optional[str], Optional[datetime]]:
    """Who last changed row ``row_id`` of ``table``, and when (the activity log); ``(None, None)`` if unknown."""
    row = session.execute(select(ActivityEntry.user, ActivityEntry.at)
                          .where(ActivityEntry.table_name == table, ActivityEntry.row_id == row_id)
                          .order_by(ActivityEntry.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else (None, None)


def clip_conflicts(session: Session, read: Mapping[int, ClipMeta], changes: Mapping[str, Any],
                   ids: Optional[Iterable[int]] = None) -> tuple[list[FieldConflict], dict[int, int]]:
    """The fields both this edit and someone else changed, and the clips' current versions.

    ``read`` holds the clips as they were shown.  A clip not in ``read`` is
    compared with nothing (no conflict on it).  Write with the returned versions
    once the person has chosen.
    """
    ids = list(dict.fromkeys(ids if ids is not None else read))
    fields = edited_fields(changes)
    conflicts: list[FieldConflict] = []
    versions: dict[int, int] = {}
    names = dict(session.execute(select(Clip.id, Clip.name).where(Clip.id.in_(ids))).all())
    for now in clip_metas(session, ids):
        versions[now.clip_id] = now.version
        shown = read.get(now.clip_id)
        if shown is None or shown.version == now.version:
            continue
        mine = apply_to(now, changes)
        who = when = None
        for field in sorted(fields):
            theirs = getattr(now, field)
            if _same(field, theirs, getattr(shown, field)) or _same(field, theirs, mine[field]):
                continue  # they left this field alone, or wrote what this edit writes
            if who is None and when is None:
                who, when = last_change(session, "clips", now.clip_id)
            conflicts.append(FieldConflict(now.clip_id, names.get(now.clip_id, str(now.clip_id)), field,
                                           getattr(shown, field), theirs, mine[field], who, when))
    return conflicts, versions


def restore_conflicts(session: Session, left: Iterable[ClipMeta], wanted: Iterable[ClipMeta]
                      ) -> tuple[list[FieldConflict], dict[int, ClipMeta], dict[int, dict[str, Any]]]:
    """Undo or redo of a clip edit: what putting ``wanted`` back writes, and what someone else changed meanwhile.

    ``left`` holds the clips as the step left them, ``wanted`` as undo or redo
    puts them back (same clips, same order).  Only the fields the step changed
    are looked at.  A field still holding what the step left is written
    without asking; one already holding the value wanted is left alone; one
    someone else changed since is a conflict (theirs; mine: the value undo or
    redo would write).  Values compare as stored: tags case-insensitively,
    subjects and tags as sets, an empty note as none.

    Returns the conflicts, the clips as they are now (by id) and, by clip id,
    the fields to write with their values (conflicting fields included: drop
    them to keep theirs).
    """
    wanted = list(wanted)
    left_by_id = {m.clip_id: m for m in left}
    ids = [m.clip_id for m in wanted]
    now = {m.clip_id: m for m in clip_metas(session, ids)}
    changed: list[tuple[int, str, Any, Any, Any]] = []  # clip, field, as the step left it, theirs, mine
    writes: dict[int, dict[str, Any]] = {}
    for want in wanted:
        was, current = left_by_id[want.clip_id], now[want.clip_id]
        fields: dict[str, Any] = {}
        for field in CLIP_FIELDS:
            step, theirs, mine = getattr(was, field), getattr(current, field), getattr(want, field)
            if step == mine or theirs == mine:
                continue  # the step left this field alone, or it already holds what is put back
            if not _same(field, theirs, step) and not _same(field, theirs, mine):
                changed.append((want.clip_id, field, step, theirs, mine))
            fields[field] = mine
        if fields:
            writes[want.clip_id] = fields
    conflicts: list[FieldConflict] = []
    if changed:
        clips = list(dict.fromkeys(c[0] for c in changed))
        names = dict(session.execute(select(Clip.id, Clip.name).where(Clip.id.in_(clips))).all())
        authors = {clip_id: last_change(session, "clips", clip_id) for clip_id in clips}
        conflicts = [FieldConflict(clip_id, names.get(clip_id, str(clip_id)), field, step, theirs, mine,
                                   *authors[clip_id]) for clip_id, field, step, theirs, mine in changed]
    return conflicts, now, writes


# ------------------------------------------------------- markers and subclips
_RANGE_TABLES = {"marker": "markers", "subclip": "subclips"}


def _range_value(kind: str, field: str, value: Any) -> Any:
    """What ``update_marker``/``update_subclip`` store for ``value``."""
    if field == "note":
        return (value or "") if kind == "marker" else (value or None)
    if field == "name":
        return (value or "").strip()
    if field in ("frame", "duration_frames", "in_frame", "out_frame"):
        return int(value or 0)
    return value


def range_values(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` (keyword arguments of ``update_marker``/``update_subclip``, or fields as read) as they are
    stored: a subclip's empty note is none, a marker's is "", a name is stripped."""
    return {key: _range_value(kind, key, value) for key, value in values.items()}


def _same_range_value(field: str, a: Any, b: Any) -> bool:
    if field == "note":
        return (a or None) == (b or None)
    if field == "name":
        return (a or "").strip() == (b or "").strip()
    return a == b


def range_conflicts(session: Session, kind: str, row_id: int, read: Mapping[str, Any], read_version: Optional[int],
                    changes: Mapping[str, Any]) -> tuple[list[FieldConflict], MarkerRow | SubclipRow]:
    """The fields of marker or subclip ``row_id`` (``kind``: "marker" or "subclip") both this edit and
    someone else changed, and the row as it is now (write with its ``version`` once the person has chosen).

    ``read`` holds the fields as they were shown at ``read_version``; ``changes`` the keyword arguments of
    ``update_marker``/``update_subclip``.  A field missing from ``read`` is compared with nothing (no conflict).
    With ``read_version`` None (an undo or redo, which knows the values it left, not a version) the fields
    are compared whatever the version.
    """
    now = marker_row(session, row_id) if kind == "marker" else subclip_row(session, row_id)
    if read_version is not None and now.version == read_version:
        return [], now
    conflicts: list[FieldConflict] = []
    who = when = None
    clip = None
    for field in sorted(changes):
        theirs, mine = getattr(now, field), _range_value(kind, field, changes[field])
        if field not in read or _same_range_value(field, theirs, read[field]) or \
                _same_range_value(field, theirs, mine):
            continue  # they left this field alone, or wrote what this edit writes
        if clip is None:
            clip = range_clip(session, now.clip_id)
            who, when = last_change(session, _RANGE_TABLES[kind], row_id)
        start = now.frame if isinstance(now, MarkerRow) else now.in_frame
        conflicts.append(FieldConflict(now.clip_id, clip.name, field, read[field], theirs, mine, who, when,
                                       kind=kind, row_id=row_id, place=clip.timecode(start)))
    return conflicts, now
