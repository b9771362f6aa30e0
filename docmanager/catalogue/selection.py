"""Several clips at once: their metadata read and restored in bulk, and what they share.

An editor who selects a whole shoot (thousands of clips) needs their
``ClipMeta`` rows in a few queries, not a few per clip.  ``summarise`` then says, for each
subject, tag, shoot and rating, whether all, some or none of the clips have it
(what an inspector shows as checked, partly checked or unchecked).
``restore_metas`` puts captured metadata back in one transaction, which is
what undo of an edit to many clips needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from docmanager.catalogue.clips import ClipMeta, subject_names, tag_names
from docmanager.catalogue.people import find_shoot, find_subject, get_or_create_tag
from docmanager.db.models import Clip, Shoot, Subject, Tag, utcnow
from docmanager.errors import ConflictError, NotFoundError

if TYPE_CHECKING:
    from docmanager.project import Project

CHUNK = 500


def clip_metas(session: Session, ids: Sequence[int]) -> list[ClipMeta]:
    """``ClipMeta`` for many clips, in the order of ``ids``, in a few queries per 500 clips."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    found: dict[int, ClipMeta] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        subjects, tags = subject_names(session, chunk), tag_names(session, chunk)
        for cid, shoot, rating, notes, version in session.execute(
            select(Clip.id, Shoot.name, Clip.rating, Clip.notes, Clip.version)
            .outerjoin(Shoot, Shoot.id == Clip.shoot_id).where(Clip.id.in_(chunk))
        ):
            found[cid] = ClipMeta(cid, tuple(subjects.get(cid, ())), shoot, tuple(tags.get(cid, ())),
                                  rating, notes, version)
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFoundError(f"no clip with id {missing[0]}")
    return [found[i] for i in ids]


@dataclass(frozen=True)
class SelectionSummary:
    """What a set of clips has in common.

    ``subjects`` and ``tags`` map a name to how many of the clips have it;
    ``shoot``/``rating``/``notes`` are the shared value, or None with the
    matching ``mixed_*`` flag set when the clips differ.
    """

    count: int
    subjects: dict[str, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)
    shoot: Optional[str] = None
    mixed_shoot: bool = False
    rating: Optional[int] = None
    mixed_rating: bool = False
    notes: Optional[str] = None
    mixed_notes: bool = False
    versions: dict[int, int] = field(default_factory=dict)

    def common_tags(self) -> list[str]:
        return [t for t, n in self.tags.items() if n == self.count]

    def partial_tags(self) -> list[str]:
        return [t for t, n in self.tags.items() if 0 < n < self.count]


def summarise(metas: Iterable[ClipMeta]) -> SelectionSummary:
    metas = list(metas)
    subjects: dict[str, int] = {}
    tags: dict[str, int] = {}
    for m in metas:
        for name in m.subjects:
            subjects[name] = subjects.get(name, 0) + 1
        for name in m.tags:
            tags[name] = tags.get(name, 0) + 1
    shoots = {m.shoot for m in metas}
    ratings = {m.rating for m in metas}
    notes = {m.notes or None for m in metas}
    return SelectionSummary(
        count=len(metas),
        subjects=dict(sorted(subjects.items(), key=lambda kv: kv[0].lower())),
        tags=dict(sorted(tags.items(), key=lambda kv: kv[0].lower())),
        shoot=next(iter(shoots)) if len(shoots) == 1 else None,
        mixed_shoot=len(shoots) > 1,
        rating=next(iter(ratings)) if len(ratings) == 1 else None,
        mixed_rating=len(ratings) > 1,
        notes=next(iter(notes)) if len(notes) == 1 else None,
        mixed_notes=len(notes) > 1,
        versions={m.clip_id: m.version for m in metas},
    )


def restore_metas(project: "Project", metas: Iterable[ClipMeta], check_versions: bool = False) -> list[int]:
    """Put many clips' metadata back as ``clip_metas`` captured it, in one transaction (undo, redo).

    Subjects and shoots are found by name as in ``set_clips``; a subject or
    shoot deleted since raises ``NotFoundError`` and nothing is written.  With
    ``check_versions``, a clip whose version is no longer the one in its meta
    (someone changed it since it was read) raises ``ConflictError`` and
    nothing is written.
    """
    metas = list(metas)

    def _restore(s: Session) -> list[int]:
        subjects: dict[str, Subject] = {}
        shoots: dict[str, Shoot] = {}
        tags: dict[str, Tag] = {}
        clips: dict[int, Clip] = {}
        ids = [m.clip_id for m in metas]
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            for clip in s.scalars(select(Clip).where(Clip.id.in_(chunk)).options(
                    selectinload(Clip.subjects), selectinload(Clip.tags), selectinload(Clip.shoot))):
                clips[clip.id] = clip
        done = []
        for m in metas:
            clip = clips.get(m.clip_id)
            if clip is None:
                raise NotFoundError(f"no clip with id {m.clip_id}")
            if check_versions and clip.version != m.version:
                raise ConflictError(f"clip {m.clip_id} ({clip.name}) was changed since it was read (version "
                                    f"{clip.version}, read {m.version}); nothing was written")
            wanted_subjects = []
            for name in m.subjects:
                if name not in subjects:
                    subjects[name] = find_subject(s, name)
                wanted_subjects.append(subjects[name])
            if [x.id for x in clip.subjects] != [x.id for x in wanted_subjects]:
                clip.subjects = list(dict.fromkeys(wanted_subjects))
            if m.shoot is None:
                new_shoot = None
            else:
                if m.shoot not in shoots:
                    shoots[m.shoot] = find_shoot(s, m.shoot)
                new_shoot = shoots[m.shoot]
            if clip.shoot is not new_shoot:
                clip.shoot = new_shoot
            wanted_tags = []
            for name in m.tags:
                if name not in tags:
                    tags[name] = get_or_create_tag(s, name)
                wanted_tags.append(tags[name])
            if [x.id for x in clip.tags] != [x.id for x in wanted_tags]:
                clip.tags = list(dict.fromkeys(wanted_tags))
            if clip.rating != m.rating:
                clip.rating = m.rating
            if clip.notes != m.notes:
                clip.notes = m.notes
            if s.is_modified(clip, include_collections=True):
                clip.updated_at = utcnow()
            done.append(m.clip_id)
        return done

    return project.write(_restore)


def total_seconds(session: Session, ids: Sequence[int]) -> float:
    """The summed duration of the clips, in seconds (one aggregate query per 500 clips)."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    seconds = 0.0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        part = session.scalar(select(func.sum(Clip.duration_frames * 1.0 * Clip.rate_den / Clip.rate_num))
                              .where(Clip.id.in_(chunk)))
        seconds += float(part or 0.0)
    return round(seconds, 3)
