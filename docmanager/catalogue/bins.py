"""Smart bins: saved clip queries that stay up to date ("Liu family, rated 4+, police").

A bin stores the filters of a ``ClipQuery`` (subject, shoot, tag, text, state,
minimum rating, transcript-line tag); its clips are whatever matches now.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from docmanager.catalogue.clips import ClipQuery, clip_ids
from docmanager.db.models import SmartBin
from docmanager.errors import NotFoundError, RefusedError

if TYPE_CHECKING:
    from docmanager.project import Project

FILTER_KEYS = ("subject", "shoot", "tag", "text", "state", "min_rating", "segment_tag", "no_subject", "no_shoot")


@dataclass(frozen=True)
class Bin:
    id: int
    name: str
    query: ClipQuery

    def to_json(self, count: int | None = None) -> dict:
        out = {"id": self.id, "name": self.name,
               "query": {k: v for k, v in self.query.to_dict().items() if k in FILTER_KEYS}}
        if count is not None:
            out["clips"] = count
        return out


def _clean(filters: dict) -> dict:
    out = {k: v for k, v in filters.items() if k in FILTER_KEYS and v not in (None, "", False)}
    if not out:
        raise RefusedError("a smart bin needs at least one filter (subject, shoot, tag, text, rating ...)")
    return out


def add_bin(project: "Project", name: str, **filters) -> int:
    name = (name or "").strip()
    if not name:
        raise RefusedError("a smart bin needs a name")
    query = _clean(filters)
    with project.session() as s:  # unknown names are refused now, not when the bin is opened
        clip_ids(s, ClipQuery.from_dict(query))

    def _add(s: Session) -> int:
        if s.scalar(select(SmartBin.id).where(SmartBin.name == name)) is not None:
            raise RefusedError(f"a smart bin named {name!r} exists already")
        row = SmartBin(name=name, query=query)
        s.add(row)
        s.flush()
        return row.id

    return project.write(_add)


def list_bins(session: Session) -> list[Bin]:
    return [Bin(b.id, b.name, ClipQuery.from_dict(b.query)) for b in
            session.scalars(select(SmartBin).order_by(SmartBin.name))]


def find_bin(session: Session, name_or_id: str | int) -> Bin:
    stmt = select(SmartBin)
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        stmt = stmt.where(SmartBin.id == int(name_or_id))
    else:
        stmt = stmt.where(SmartBin.name == str(name_or_id))
    row = session.scalars(stmt).first()
    if row is None:
        raise NotFoundError(f"no smart bin {name_or_id!r}; see `docmanager bin list`")
    return Bin(row.id, row.name, ClipQuery.from_dict(row.query))


def remove_bin(project: "Project", name_or_id: str | int) -> None:
    def _remove(s: Session) -> None:
        b = find_bin(s, name_or_id)
        s.delete(s.get(SmartBin, b.id))

    project.write(_remove)


def bin_clip_ids(session: Session, name_or_id: str | int, sort: str = "recorded_at") -> list[int]:
    return clip_ids(session, find_bin(session, name_or_id).query.with_(sort=sort))
