"""Chain of custody of a cut: where every second of it, and every subtitle line, came from.

:func:`provenance` answers ``docmanager provenance CUT``:

* for every item (all tracks, in track and playing order): its source range
  and record position, the clip, and each of the clip's files (a spanned
  AVCHD take lists every ``.MTS`` and the joined file it plays from) with
  its xxh64, the card or drive it was ingested from, the offload that copied
  it (when, by whom, to which destinations), the ASC MHL generation that
  records it and the file's entry in it (path and hash as written there), when
  its hash was taken (read back at the offload, or when it was catalogued), and
  the last ``verify`` of the file (when, and whether it matched);
* for every subtitle line of the cut in every language its clips have text
  in: the transcript line it shows, the translation line (for a translated
  language), and who approved it and when (the approval of that clip's
  subtitles in that language, or else of the cut's).

:func:`item_provenance` answers the same for one item (what the app shows
for the item selected in a cut), reading only that item's files.

MHL entries are read from the generation files with defusedxml (never the
bare ElementTree: an MHL file comes off a card or a shared drive).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from defusedxml import ElementTree as SafeET
from sqlalchemy import select
from sqlalchemy.orm import Session

from docmanager.catalogue.clips import frames_to_seconds, rate_text
from docmanager.cuts.model import get_cut, items_by_track, placements
from docmanager.db.models import CutItem, MediaFile, Segment, SubtitleHistory, SubtitleStatus
from docmanager.errors import NotFoundError
from docmanager.catalogue.roots import locate
from docmanager.subtitles.export import cut_subtitle_lines, subtitle_languages, subtitle_track
from docmanager.subtitles.status import LOCKED

__all__ = ["provenance", "item_provenance", "mhl_entry"]


def _iso(value) -> Optional[str]:
    return value.isoformat(timespec="seconds") if value is not None else None


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def mhl_entry(mhl_files: list[str], path: str) -> tuple[Optional[str], Optional[dict]]:
    """(the MHL generation file recording ``path``, its entry ``{"path", "xxh64", "action"}``), newest first."""
    target = os.path.abspath(path)
    candidates = []
    for mhl in mhl_files:
        history = Path(mhl).parent  # …/ascmhl
        root = history.parent
        try:
            relative = os.path.relpath(target, root)
        except ValueError:
            continue
        if relative.startswith(".."):
            continue
        generations = sorted(history.glob("*.mhl"), reverse=True) if history.is_dir() else []
        candidates.extend((str(g), relative.replace(os.sep, "/")) for g in generations)
    for generation, relative in candidates:
        try:
            tree = SafeET.parse(generation)
        except (OSError, SafeET.ParseError, ValueError):
            continue
        for element in tree.getroot().iter():
            if _local_name(element.tag) != "hash":
                continue
            entry: dict = {}
            for child in element:
                name = _local_name(child.tag)
                if name == "path":
                    entry["path"] = (child.text or "").strip()
                elif name in ("xxh64", "xxh3", "xxh128", "md5", "sha1", "c4"):
                    entry[name] = (child.text or "").strip()
                    entry.setdefault("action", child.get("action"))
            if entry.get("path") == relative:
                return generation, entry
    return None, None


def _mhl_here(mhl_files: list[str], path: str) -> list[str]:
    """The offload's MHL files where they are on this machine.

    They were recorded where the ingesting machine saw them; under a media
    root mounted elsewhere here, the same generation file is in the
    ``ascmhl`` folder of one of the file's own folders.
    """
    out = []
    target = os.path.abspath(path)
    for mhl in mhl_files:
        copy_root = os.path.dirname(os.path.dirname(os.path.abspath(mhl)))
        if os.path.isfile(mhl) and target.startswith(copy_root.rstrip(os.sep) + os.sep):
            out.append(mhl)
            continue
        folder = os.path.dirname(target)
        while True:
            candidate = os.path.join(folder, "ascmhl", os.path.basename(mhl))
            if os.path.isfile(candidate):
                out.append(candidate)
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return out


def _file_json(mf: MediaFile, role: str) -> dict:
    where = locate(mf)  # under a media root not mapped here: shown as [ROOT]/…, no MHL to read
    path = where.path
    offload = mf.offload
    volume = mf.volume
    mhl_file, entry = (mhl_entry(_mhl_here(list(offload.mhl_paths or []), path), path)
                       if offload is not None and path is not None else (None, None))
    return {
        "path": where.shown,
        "role": role,
        "xxh64": mf.xxh64,
        "size": mf.size,
        "state": mf.state,
        "volume": volume.label if volume is not None else None,
        "volume_kind": volume.kind if volume is not None else None,
        "card_path": mf.source_path,
        "offloaded_at": _iso(offload.finished_at or offload.started_at) if offload is not None else None,
        "offloaded_by": offload.user if offload is not None else None,
        "destinations": list(offload.destinations or []) if offload is not None else [],
        "mhl": mhl_file,
        "mhl_entry": entry,
        "mhl_matches": (entry.get("xxh64") == mf.xxh64) if entry and entry.get("xxh64") and mf.xxh64 else None,
        "hashed_at": _iso(mf.verified_at),
        "last_verified": _iso(mf.checked_at),
        "verified_ok": mf.check_ok,
    }


def _approval(session: Session, *, clip_id: Optional[int] = None, cut_id: Optional[int] = None,
              lang: str) -> Optional[tuple[Optional[str], Optional[str]]]:
    """(who, when) of the approval that still stands for a clip's or cut's subtitles in ``lang``."""
    stmt = select(SubtitleStatus).where(SubtitleStatus.lang == lang)
    stmt = stmt.where(SubtitleStatus.clip_id == clip_id) if clip_id is not None else stmt.where(
        SubtitleStatus.cut_id == cut_id)
    row = session.scalar(stmt)
    if row is None or row.state not in LOCKED:
        return None
    moved = session.scalars(select(SubtitleHistory).where(
        SubtitleHistory.status_id == row.id, SubtitleHistory.to_state == "approved")
        .order_by(SubtitleHistory.id.desc())).first()
    if moved is None:
        return (row.updated_by, _iso(row.updated_at))
    return (moved.by, _iso(moved.at))


def _item_json(item: CutItem, place, num: int, den: int) -> dict:
    clip = item.clip
    c_num, c_den = clip.rate_num, clip.rate_den
    files = [_file_json(cf.media_file, "source") for cf in clip.files]
    if clip.joined_file is not None:
        files.append(_file_json(clip.joined_file, "joined"))
    return {
        "item_id": item.id, "track": item.track, "clip_id": clip.id, "clip_name": clip.name,
        "clip_rate": rate_text(c_num, c_den),
        "in": frames_to_seconds(item.source_in, c_num, c_den),
        "out": frames_to_seconds(item.source_out, c_num, c_den),
        "record_in": frames_to_seconds(place.record_in, num, den),
        "record_out": frames_to_seconds(place.record_out, num, den),
        "source_in_frames": item.source_in, "source_out_frames": item.source_out,
        "recorded_at": clip.recorded_at, "timecode_start": clip.timecode_start,
        "segment_ids": list(item.segment_ids or []),
        "files": files,
    }


def _subtitles_json(session: Session, cut, item_id: Optional[int] = None) -> list[dict]:
    """Every subtitle line of the cut in every language (only those over ``item_id`` when given)."""
    subtitles = []
    item_clip = {item.id: item.clip_id for item in cut.items}
    for lang in subtitle_languages(session, cut.id):
        cut_approval = _approval(session, cut_id=cut.id, lang=lang)
        clip_approvals: dict[int, Optional[tuple]] = {}
        for index, line in enumerate(cut_subtitle_lines(session, cut.id, lang), 1):
            if item_id is not None and item_id not in line.item_ids:
                continue
            clip_id = item_clip.get(line.item_ids[0]) if line.item_ids else None
            shown = line.source_ids[0] if line.source_ids else None
            seg = session.get(Segment, shown) if shown is not None else None
            if seg is not None and seg.translates_id is not None:
                segment_id, translation_id = seg.translates_id, seg.id
            else:
                segment_id, translation_id = shown, None
            if clip_id not in clip_approvals:
                clip_approvals[clip_id] = _approval(session, clip_id=clip_id, lang=lang) if clip_id else None
            approval = clip_approvals[clip_id] or cut_approval
            subtitles.append({
                "lang": lang, "index": index, "start": line.start_ms / 1000, "end": line.end_ms / 1000,
                "text": line.text, "clip_id": clip_id, "segment_id": segment_id, "translation_id": translation_id,
                "approved_by": approval[0] if approval else None, "approved_at": approval[1] if approval else None,
            })
    return subtitles


def provenance(session: Session, cut_id: int) -> dict:
    cut = get_cut(session, cut_id)
    places = placements(cut)
    items = [_item_json(item, places[item.id], cut.rate_num, cut.rate_den)
             for track_items in items_by_track(cut).values() for item in track_items]
    return {"cut_id": cut.id, "name": cut.name, "cut_version": cut.cut_version,
            "subtitle_track": subtitle_track(session, cut_id), "items": items,
            "subtitles": _subtitles_json(session, cut)}


def item_provenance(session: Session, item_id: int) -> dict:
    """The chain of custody of one item of a cut: its entry of :func:`provenance` (its files only, so
    the MHL files of the other items are not read), with the cut's ``cut_id``, ``name``,
    ``cut_version``, ``cut_rate`` and ``subtitle_track``, and ``subtitles``: the cut's subtitle lines
    that play over this item, numbered as in the whole cut."""
    item = session.get(CutItem, item_id)
    if item is None:
        raise NotFoundError(f"no cut item with id {item_id}")
    cut = item.cut
    place = placements(cut)[item.id]
    data = _item_json(item, place, cut.rate_num, cut.rate_den)
    data.update(cut_id=cut.id, name=cut.name, cut_version=cut.cut_version,
                cut_rate=rate_text(cut.rate_num, cut.rate_den), subtitle_track=subtitle_track(session, cut.id), subtitles=_subtitles_json(session, cut, item.id))
    return data
