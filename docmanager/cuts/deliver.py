"""Deliverables of a cut for people outside the cutting room: screeners and contact sheets.

* :func:`render_cut_screener` renders the cut (its first video track, with
  that track's sound) to a watermarked 720p H.264 MP4 with the subtitles of
  a chosen language burnt in, conformed to the cut exactly as
  ``subtitles export`` writes them
  (:func:`docmanager.subtitles.export.cut_subtitle_lines`).
* :func:`cut_contact_sheet` draws the frames at the cut's markers (clip
  markers inside the items and tagged transcript lines), in cut order, each
  labelled with its record time code, the clip and the marker's note; a cut
  without markers gets the first frame of each item, so a donor still sees
  every shot.

Both read the catalogue in one short session and then work on files only,
so a long render never holds the database.
"""
from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path
from typing import Optional, Union

from docmanager.catalogue.clips import rate_text
from docmanager.catalogue.ranges import timecode
from docmanager.cuts.model import clip_media, cut_rate, get_cut, items_by_track, placements, track_kind
from docmanager.cuts.screener import SubtitleLine, render_screener
from docmanager.cuts.stills import StillEntry, contact_sheet
from docmanager.cuts.timeline import SENSITIVE_PREFIX, timeline_of
from docmanager.catalogue.roots import locate
from docmanager.jobs import Cancelled, Report, as_cancel, as_progress
from docmanager.subtitles.export import cut_subtitle_lines, subtitle_languages

__all__ = ["render_cut_screener", "cut_contact_sheet", "subtitle_languages"]

PathArg = Union[str, "os.PathLike[str]"]


def render_cut_screener(project, cut_id: int, out_path: PathArg, *, lang: Optional[str] = None,
                        second_lang: Optional[str] = None, mark: str = "SCREENER",
                        progress=None, cancel=None) -> Report:
    """Render cut ``cut_id`` to a screener MP4 with ``lang`` subtitles burnt in (none when ``lang`` is None).

    Returns the :class:`~docmanager.jobs.Report` of
    :func:`docmanager.cuts.screener.render_screener`, with ``data["cut_id"]``,
    ``data["lang"]`` and ``data["subtitle_lines"]`` added.
    """
    with project.session() as s:
        cut = get_cut(s, cut_id)
        timeline = timeline_of(s, cut)
        name = f"{cut.name} v{cut.cut_version}"
        lines = []
        if lang is not None:
            lines = [SubtitleLine(line.start_ms / 1000, line.end_ms / 1000, line.text)
                     for line in cut_subtitle_lines(s, cut_id, lang, second_lang=second_lang)]
    font_lang = lang or "en"
    if second_lang is not None and second_lang.lower().startswith("zh"):
        font_lang = second_lang
    report = render_screener(timeline, out_path, subtitles=lines, lang=font_lang, mark=mark, cut_name=name,
                             progress=progress, cancel=cancel)
    report.data.update({"cut_id": cut_id, "lang": lang, "subtitle_lines": len(lines)})
    return report


def cut_contact_sheet(project, cut_id: int, out_path: PathArg, *, columns: int = 4, thumb_width: int = 480,
                      progress=None, cancel=None) -> Report:
    """A contact sheet of the cut's markers (or of its items' first frames when it has none)."""
    progress_fn, cancelled = as_progress(progress), as_cancel(cancel)
    report = Report("Contact sheet")
    with project.session() as s:
        cut = get_cut(s, cut_id)
        rate = cut_rate(cut)
        places = placements(cut)
        timeline = timeline_of(s, cut)
        clips_by_item = {}
        for track in timeline.tracks:
            for clip in track.find_clips():
                meta = clip.metadata.get("docmanager", {})
                clips_by_item[meta.get("item_id")] = clip
        entries: list[tuple[int, StillEntry]] = []
        firsts: list[tuple[int, StillEntry]] = []
        title = f"{cut.name} v{cut.cut_version} — {rate_text(cut.rate_num, cut.rate_den)} fps"
        for name, items in items_by_track(cut).items():
            if track_kind(name) != "video":
                continue
            for item in items:
                clip = item.clip
                media = clip_media(clip)
                here = locate(media).path if media is not None else None  # None: offline here
                path = here if here is not None else os.path.join("offline", clip.name)
                c_rate = Fraction(clip.rate_num, clip.rate_den)
                place = places[item.id]
                interlaced = clip.scan == "interlaced"
                otio_clip = clips_by_item.get(item.id)
                label_name = otio_clip.name if otio_clip is not None else clip.name
                firsts.append((place.record_in, StillEntry(
                    path, float(Fraction(item.source_in) / c_rate),
                    f"{timecode(place.record_in, cut.rate_num, cut.rate_den)}  {name}  {label_name}", interlaced)))
                if otio_clip is None:
                    continue
                for marker in otio_clip.markers:
                    if marker.name.startswith(SENSITIVE_PREFIX):
                        continue
                    frame = int(round(marker.marked_range.start_time.value))
                    record = place.record_in + round((Fraction(frame - item.source_in) / c_rate) * rate)
                    entries.append((record, StillEntry(
                        path, float(Fraction(frame) / c_rate),
                        f"{timecode(record, cut.rate_num, cut.rate_den)}  {clip.name} — {marker.name}", interlaced)))
    if not entries:
        entries = firsts
        report.data["notes"] = ["the cut has no markers: one frame per item"] if firsts else []
    if not entries:
        report.fail(str(out_path), f"the cut {cut_id} has no items on a video track: nothing to show")
        return report
    entries.sort(key=lambda e: e[0])
    try:
        sheet = contact_sheet([e for _r, e in entries], out_path, columns=columns, thumb_width=thumb_width,
                              title=title, report=report, progress=progress_fn, cancel=cancelled)
    except Cancelled:
        report.cancelled = True
        return report
    report.done.append(str(sheet))
    report.data.update({"path": str(Path(sheet)), "frames": len(entries), "cut_id": cut_id})
    return report
