"""Subjects (people and families), shoots and tags."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docmanager.db.models import SENSITIVITY_FLAGS, Shoot, Subject, Tag
from docmanager.errors import NotFoundError, RefusedError

if TYPE_CHECKING:
    from docmanager.project import Project


# ------------------------------------------------------------------ subjects
def find_subject(session: Session, name: str) -> Subject:
    """A subject by its name, Chinese name or pinyin (case-insensitive)."""
    key = name.strip()
    subject = session.scalar(select(Subject).where(Subject.name == key))
    if subject is None:
        subject = session.scalars(
            select(Subject).where(or_(
                func.lower(Subject.name) == key.lower(),
                Subject.name_zh == key,
                func.lower(Subject.pinyin) == key.lower(),
            )).order_by(Subject.id)
        ).first()
    if subject is None:
        raise NotFoundError(f"no subject named {name!r}; add it with `docmanager subject add`")
    return subject


def add_subject(project: "Project", name: str, name_zh: Optional[str] = None,
                pinyin: Optional[str] = None, flags: Iterable[str] = (),
                notes: Optional[str] = None) -> int:
    name = (name or "").strip()
    if not name:
        raise RefusedError("a subject needs a name")
    flags = list(dict.fromkeys(flags))
    bad = [f for f in flags if f not in SENSITIVITY_FLAGS]
    if bad:
        raise RefusedError(f"unknown flag {bad[0]!r}; flags are {', '.join(SENSITIVITY_FLAGS)}")

    def _add(s: Session) -> int:
        if s.scalar(select(Subject.id).where(Subject.name == name)) is not None:
            raise RefusedError(f"a subject named {name!r} exists already")
        subject = Subject(name=name, name_zh=name_zh or None, pinyin=pinyin or None,
                          flags=flags, notes=notes)
        s.add(subject)
        s.flush()
        return subject.id

    return project.write(_add)


def update_subject(project: "Project", subject_id: int, **fields) -> None:
    allowed = {"name", "name_zh", "pinyin", "flags", "notes"}
    unknown = set(fields) - allowed
    if unknown:
        raise RefusedError(f"unknown subject field {sorted(unknown)[0]!r}")
    if "flags" in fields:
        bad = [f for f in fields["flags"] if f not in SENSITIVITY_FLAGS]
        if bad:
            raise RefusedError(f"unknown flag {bad[0]!r}; flags are {', '.join(SENSITIVITY_FLAGS)}")

    def _update(s: Session) -> None:
        subject = s.get(Subject, subject_id)
        if subject is None:
            raise NotFoundError(f"no subject with id {subject_id}")
        for key, value in fields.items():
            setattr(subject, key, list(value) if key == "flags" else value)

    project.write(_update)


def subject_json(subject: Subject, clips: Optional[int] = None) -> dict:
    out = {"id": subject.id, "name": subject.name, "zh": subject.name_zh, "pinyin": subject.pinyin,
           "flags": list(subject.flags or []), "notes": subject.notes}
    if clips is not None:
        out["clips"] = clips
    return out


# -------------------------------------------------------------------- shoots
def find_shoot(session: Session, name: str) -> Shoot:
    key = name.strip()
    shoot = session.scalar(select(Shoot).where(Shoot.name == key))
    if shoot is None:
        shoot = session.scalars(
            select(Shoot).where(func.lower(Shoot.name) == key.lower()).order_by(Shoot.id)
        ).first()
    if shoot is None:
        raise NotFoundError(f"no shoot named {name!r}; add it with `docmanager shoot add`")
    return shoot


def parse_date(text: Optional[str]) -> Optional[dt.date]:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RefusedError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_shoot(project: "Project", name: str, date: Optional[str] = None, place: Optional[str] = None,
              crew: Optional[str] = None, utc_offset: Optional[str] = None,
              notes: Optional[str] = None) -> int:
    name = (name or "").strip()
    if not name:
        raise RefusedError("a shoot needs a name")
    day = parse_date(date)

    def _add(s: Session) -> int:
        if s.scalar(select(Shoot.id).where(Shoot.name == name)) is not None:
            raise RefusedError(f"a shoot named {name!r} exists already")
        shoot = Shoot(name=name, date=day, place=place, crew=crew, utc_offset=utc_offset, notes=notes)
        s.add(shoot)
        s.flush()
        return shoot.id

    return project.write(_add)


def shoot_json(shoot: Shoot, clips: Optional[int] = None) -> dict:
    out = {"id": shoot.id, "name": shoot.name, "date": shoot.date.isoformat() if shoot.date else None,
           "place": shoot.place, "crew": shoot.crew, "utc_offset": shoot.utc_offset, "notes": shoot.notes}
    if clips is not None:
        out["clips"] = clips
    return out


# ---------------------------------------------------------------------- tags
def clean_tag(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise RefusedError("a tag needs a name")
    return name


def get_or_create_tag(session: Session, name: str) -> Tag:
    name = clean_tag(name)
    tag = session.scalar(select(Tag).where(Tag.name == name))
    if tag is None:
        tag = session.scalars(select(Tag).where(func.lower(Tag.name) == name.lower())).first()
    if tag is None:
        tag = Tag(name=name)
        session.add(tag)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError:  # created meanwhile by someone else
            tag = session.scalar(select(Tag).where(Tag.name == name))
    return tag


@dataclass(frozen=True)
class Named:
    """A plain (id, name, count) row for lists and sidebars."""

    id: int
    name: str
    count: int
    detail: Optional[str] = None
