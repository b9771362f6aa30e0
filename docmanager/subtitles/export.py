"""Subtitles delivered conformed to a cut, and per clip.

A cut item plays frames ``source_in``–``source_out`` of a clip from
``record_in`` on the cut's time line.  A transcript segment of that clip
that overlaps the item becomes a subtitle line on the cut:

* its times are cut at the item's edges (a line starting before the in point
  starts at the item's record in; one running past the out point ends at the
  item's record out), and
* re-timed through the item: ``record = record_in + (t − source_in)``, with
  ``record_in`` and ``source_in`` the exact frame times (fractions of a
  second at the cut's and the clip's rate) and the result rounded to the
  millisecond only at the end, so a line's times equal the record positions
  ``cut show`` reports.
* When the same line continues over an edit (two adjacent items of the same
  clip, the second starting where the first ends, both covering the line),
  the two pieces are merged into one subtitle.

Which track speaks: the subtitles follow the first video track that has
items (V1 in a paper edit), whose sound a screener plays; ``track=`` picks
another.  Items of other tracks (cutaways over an interview) are not
subtitled twice.

Which text: the clip's transcript or translation in ``lang`` (``"en"``,
``"zh"``, ``"zh-Hant"`` …; ``find_transcript`` matching).  A translation
line without its own times takes the time of the line it translates (shared
in proportion to length when several lines translate one).  ``second_lang``
makes bilingual lines: the first language over the second (Chinese over
English), each line of the first paired with the translation(s) of it.

Files are written with pysubs2: ``.srt``, ``.vtt`` and ``.ass`` by the
suffix; ASS names a CJK font (Noto Sans CJK SC) in its style so Chinese
renders in any player that has it.  Written under a temporary name, then
renamed.
"""
from __future__ import annotations

import bisect
import itertools
import math
import os
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import pysubs2
from sqlalchemy import select
from sqlalchemy.orm import Session

from docmanager.cuts.model import cut_rate, get_cut, items_by_track, placements, track_kind
from docmanager.db.models import Clip, CutItem, Segment, Transcript
from docmanager.errors import NotFoundError, RefusedError
from docmanager.fsutil import remove_stale_partials, temporary_beside, writing_output
from docmanager.transcripts.store import find_transcript

__all__ = [
    "SUBTITLE_FORMATS",
    "CJK_FONT",
    "SubLine",
    "clip_subtitle_lines",
    "cut_subtitle_lines",
    "subtitle_languages",
    "subtitle_track",
    "untranslated_lines",
    "Untranslated",
    "write_subtitles",
]

#: Suffix → pysubs2 format name.
SUBTITLE_FORMATS = {".srt": "srt", ".vtt": "vtt", ".ass": "ass"}
#: The font named in ASS styles (installed with the app's system packages).
CJK_FONT = "Noto Sans CJK SC"

PathArg = Union[str, "os.PathLike[str]"]


@dataclass
class SubLine:
    """One subtitle on a time line: start and end in milliseconds, its text, where it came from."""

    start_ms: int
    end_ms: int
    text: str
    segment_ids: list[int] = field(default_factory=list)  # transcript lines shown (first language)
    item_ids: list[int] = field(default_factory=list)  # cut items it plays over (empty per clip)
    source_ids: list[int] = field(default_factory=list)  # the lines of ``lang`` the text comes from

    def to_json(self, index: int) -> dict:
        return {"index": index, "start": self.start_ms / 1000, "end": self.end_ms / 1000, "text": self.text,
                "segment_ids": list(self.segment_ids), "item_ids": list(self.item_ids)}


@dataclass
class _Timed:
    """A line of text with exact times in seconds of its clip."""

    start: Fraction
    end: Fraction
    text: str
    key: int  # the transcript line it stands for (merging across edits)
    source_ids: list[int]


def _ms(seconds: Fraction) -> int:
    """Seconds as whole milliseconds, rounded half up (how frame times become subtitle times)."""
    return math.floor(seconds * 1000 + Fraction(1, 2))


#: What the subtitles of a line need (read as plain rows: an hour-long interview has a thousand lines).
_LINE_COLUMNS = (Segment.id, Segment.start_ms, Segment.end_ms, Segment.text, Segment.translates_id)


def _clip_lines(session: Session, clip: Clip, lang: str, second_lang: Optional[str]) -> list[_Timed]:
    """The clip's lines in ``lang`` (optionally with ``second_lang`` below) in time order."""
    transcript = find_transcript(session, clip.id, lang)
    if transcript is None:
        return []
    segs = session.execute(select(*_LINE_COLUMNS).where(Segment.transcript_id == transcript.id)
                           .order_by(Segment.position, Segment.id)).all()  # rows, not objects: hours of lines
    timed = _timed(session, segs)
    if second_lang is not None:
        other = find_transcript(session, clip.id, second_lang)
        below = _paired_text(session, transcript, other, segs) if other is not None else {}
        for line in timed:
            extra = [below[sid] for sid in line.source_ids if below.get(sid)]
            if extra:
                line.text = line.text + "\n" + " ".join(extra)
    timed.sort(key=lambda t: (t.start, t.end, t.key))
    return timed


def _timed(session: Session, segs: Sequence) -> list[_Timed]:
    """Exact times of each line; a translation line without times takes its source line's."""
    missing = [s.translates_id for s in segs if (s.start_ms is None or s.end_ms is None) and s.translates_id]
    source_times: dict[int, tuple[Optional[int], Optional[int]]] = {}
    if missing:
        for sid, start, end in session.execute(select(Segment.id, Segment.start_ms, Segment.end_ms)
                                               .where(Segment.id.in_(missing))):
            source_times[sid] = (start, end)
    shares: dict[int, list[Segment]] = {}
    for seg in segs:
        if (seg.start_ms is None or seg.end_ms is None) and seg.translates_id in source_times:
            shares.setdefault(seg.translates_id, []).append(seg)
    out: list[_Timed] = []
    for seg in segs:
        text = (seg.text or "").strip()
        if not text:
            continue
        start, end = seg.start_ms, seg.end_ms
        key = seg.id
        if start is None or end is None:
            if seg.translates_id not in source_times:
                continue
            start, end = source_times[seg.translates_id]
            if start is None or end is None:
                continue
            group = shares[seg.translates_id]
            if len(group) > 1:  # several lines translate one: share its time by length
                weights = [max(len((g.text or "").strip()), 1) for g in group]
                before = sum(weights[:group.index(seg)])
                total = sum(weights)
                span = end - start
                start, end = (start + span * before // total,
                              start + span * (before + weights[group.index(seg)]) // total)
        if end <= start:
            continue
        out.append(_Timed(Fraction(start, 1000), Fraction(end, 1000), text, key, [seg.id]))
    return out


def _paired_text(session: Session, first: Transcript, second: Transcript,
                 segs: Sequence) -> dict[int, str]:
    """Segment id of ``first`` → the text of ``second`` that pairs with it."""
    out: dict[int, list[str]] = {}
    if second.kind == "translation" and second.translation_of_id == first.id:
        rows = session.execute(select(Segment.translates_id, Segment.text).where(
            Segment.transcript_id == second.id, Segment.translates_id.is_not(None))
            .order_by(Segment.position, Segment.id))
        for target, text in rows:
            out.setdefault(target, []).append((text or "").strip())
    elif first.kind == "translation" and first.translation_of_id == second.id:
        by_id = {seg.id: seg.translates_id for seg in segs}
        texts = dict(session.execute(select(Segment.id, Segment.text).where(Segment.transcript_id == second.id)).all())
        for sid, target in by_id.items():
            if target in texts:
                out.setdefault(sid, []).append((texts[target] or "").strip())
    else:  # two transcripts of the clip: pair by overlapping time
        others = session.execute(select(*_LINE_COLUMNS).where(Segment.transcript_id == second.id)).all()
        for seg in segs:
            if seg.start_ms is None or seg.end_ms is None:
                continue
            for other in others:
                if other.start_ms is None or other.end_ms is None:
                    continue
                overlap = min(seg.end_ms, other.end_ms) - max(seg.start_ms, other.start_ms)
                if overlap * 2 > (other.end_ms - other.start_ms):
                    out.setdefault(seg.id, []).append((other.text or "").strip())
    return {k: " ".join(t for t in v if t) for k, v in out.items()}


def subtitle_track(session: Session, cut_id: int) -> Optional[str]:
    """The track subtitles follow: the first video track with items (None for an empty cut)."""
    cut = get_cut(session, cut_id)
    for name, items in items_by_track(cut).items():
        if items and track_kind(name) == "video":
            return name
    return None


def subtitle_languages(session: Session, cut_id: int) -> list[str]:
    """Languages of the transcripts and translations of the clips on the cut's subtitle track."""
    cut = get_cut(session, cut_id)
    track = subtitle_track(session, cut_id)
    clip_ids = {item.clip_id for item in cut.items if item.track == track}
    if not clip_ids:
        return []
    langs = session.scalars(select(Transcript.lang).where(Transcript.clip_id.in_(clip_ids)).distinct()).all()
    return sorted(set(langs), key=lambda lang: (not lang.lower().startswith("zh"), lang.lower()))


class _ClipTimes:
    """A clip's lines in time order, and where to find those that overlap a stretch of it without reading all."""

    def __init__(self, lines: list[_Timed]) -> None:
        self.lines = lines
        self.starts = [line.start for line in lines]
        self.reach = list(itertools.accumulate((line.end for line in lines), max))  # latest end so far

    def overlapping(self, start: Fraction, end: Fraction) -> Iterable[_Timed]:
        """The lines that end after ``start`` and begin before ``end``, in order."""
        first = bisect.bisect_right(self.reach, start)  # before it every line has ended by ``start``
        stop = bisect.bisect_left(self.starts, end)  # from it every line begins at ``end`` or later
        return (line for line in self.lines[first:stop] if line.end > start)


def cut_subtitle_lines(session: Session, cut_id: int, lang: str, *, second_lang: Optional[str] = None,
                       track: Optional[str] = None) -> list[SubLine]:
    """The cut's subtitles in ``lang`` on its time line (see the module notes)."""
    cut = get_cut(session, cut_id)
    rate = cut_rate(cut)
    by_track = items_by_track(cut)
    if track is None:
        track = subtitle_track(session, cut_id)
        if track is None:
            return []
    elif track not in by_track:
        raise NotFoundError(f"cut {cut.id} has no track {track!r}; its tracks are {', '.join(by_track)}")
    places = placements(cut)
    cache: dict[int, _ClipTimes] = {}
    out: list[SubLine] = []
    last: Optional[tuple[SubLine, int, Fraction]] = None  # (line, its key, its exact record end)
    for item in by_track[track]:
        clip = item.clip
        if clip.id not in cache:
            cache[clip.id] = _ClipTimes(_clip_lines(session, clip, lang, second_lang))
        place = places[item.id]
        c_rate = Fraction(clip.rate_num, clip.rate_den)
        source_in = Fraction(item.source_in) / c_rate
        source_out = Fraction(item.source_out) / c_rate
        record_in = Fraction(place.record_in) / rate
        record_out = Fraction(place.record_out) / rate
        for line in cache[clip.id].overlapping(source_in, source_out):
            start = record_in + (max(line.start, source_in) - source_in)
            end = min(record_in + (min(line.end, source_out) - source_in), record_out)
            if end <= start:
                continue
            if last is not None and last[1] == line.key and last[2] == start:
                last[0].end_ms = _ms(end)
                last[0].item_ids.append(item.id)
                last = (last[0], line.key, end)
                continue
            sub = SubLine(_ms(start), _ms(end), line.text, [line.key], [item.id], list(line.source_ids))
            out.append(sub)
            last = (sub, line.key, end)
    out.sort(key=lambda s: (s.start_ms, s.end_ms))
    return [s for s in out if s.end_ms > s.start_ms]


def clip_subtitle_lines(session: Session, clip_id: int, lang: str, *,
                        second_lang: Optional[str] = None) -> list[SubLine]:
    """The clip's subtitles in ``lang`` on the clip's own time (milliseconds from its first frame)."""
    clip = session.get(Clip, clip_id)
    if clip is None:
        raise NotFoundError(f"no clip {clip_id}")
    return [SubLine(_ms(t.start), _ms(t.end), t.text, [t.key], [], list(t.source_ids))
            for t in _clip_lines(session, clip, lang, second_lang)]


@dataclass(frozen=True)
class Untranslated:
    """A transcript line that plays on a clip or cut with no line of the translation shown for it."""

    number: int  # its number among the subtitles in its own language on that clip or cut
    lang: str  # its language (the one translated from)
    line: SubLine  # where and what it plays (``segment_ids``: the transcript line)


def untranslated_lines(session: Session, lang: str, *, clip_id: Optional[int] = None,
                       cut_id: Optional[int] = None, track: Optional[str] = None) -> list[Untranslated]:
    """The transcript lines playing on the clip (or the cut) that ``lang`` translates but has no line for.

    Only for a translation: on a clip whose ``lang`` text is a translation; on a cut when the ``lang``
    text of one of the clips on its subtitle track (``track``) is, and then a clip there with no ``lang``
    text at all has each line of its transcript untranslated.  A line is translated when a line of the
    translation with some text translates it (``translates_id``, as the ``translated`` state counts).
    In time order, each with its number among the subtitles of its own language there.
    """
    if (clip_id is None) == (cut_id is None):
        raise RefusedError("give a clip or a cut, not both or neither")
    if clip_id is not None:
        clip_ids = [clip_id]
    else:
        cut = get_cut(session, cut_id)
        track = track if track is not None else subtitle_track(session, cut_id)
        clip_ids = list(dict.fromkeys(item.clip_id for item in cut.items if item.track == track))
    sources: dict[int, Transcript] = {}  # transcript whose lines need ``lang`` → itself
    translations: list[int] = []
    bare: list[int] = []  # clips with no ``lang`` text
    for cid in clip_ids:
        own = find_transcript(session, cid, lang)
        if own is None:
            bare.append(cid)
        elif own.kind == "translation" and own.translation_of is not None:
            sources[own.translation_of.id] = own.translation_of
            translations.append(own.id)
    if not translations:
        return []  # not a translation here: nothing to be missing
    if cut_id is not None:
        for cid in bare:
            original = find_transcript(session, cid)
            if original is not None and original.lang.lower() != lang.lower():
                sources[original.id] = original
    covered = {target for target, text in session.execute(
        select(Segment.translates_id, Segment.text).where(Segment.transcript_id.in_(translations),
                                                          Segment.translates_id.is_not(None)))
        if (text or "").strip()}
    needed = set(session.scalars(select(Segment.id).where(Segment.transcript_id.in_(list(sources))))) - covered
    out: list[Untranslated] = []
    for source_lang in dict.fromkeys(t.lang for t in sources.values()):
        lines = (clip_subtitle_lines(session, clip_id, source_lang) if clip_id is not None else
                 cut_subtitle_lines(session, cut_id, source_lang, track=track))
        out.extend(Untranslated(number, source_lang, line) for number, line in enumerate(lines, 1)
                   if line.segment_ids and line.segment_ids[0] in needed)
    out.sort(key=lambda u: (u.line.start_ms, u.line.end_ms, u.number))
    return out


def _is_chinese(lang: str) -> bool:
    return lang.lower().split("-")[0] in {"zh", "cmn", "yue"}


def write_subtitles(lines: Iterable[SubLine], out_path: PathArg, *, lang: str = "en",
                    second_lang: Optional[str] = None, title: Optional[str] = None) -> Path:
    """Write ``lines`` as SRT, WebVTT or ASS (by suffix) with pysubs2, under a temporary name, then renamed."""
    out = Path(os.fspath(out_path))
    fmt = SUBTITLE_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise RefusedError(f"subtitles are written as .srt, .vtt or .ass, not {out.suffix or 'no suffix'!r}", out)
    subs = pysubs2.SSAFile()
    if fmt == "ass":
        chinese = _is_chinese(lang) or (second_lang is not None and _is_chinese(second_lang))
        style = subs.styles["Default"]
        style.fontname = CJK_FONT if chinese else style.fontname
        style.fontsize = 52
        style.outline = 2
        style.shadow = 0
        style.marginv = 40
        subs.info["PlayResX"] = "1920"
        subs.info["PlayResY"] = "1080"
        subs.info["WrapStyle"] = "0"
        if title:
            subs.info["Title"] = title
    for line in lines:
        text = line.text.replace("\r\n", "\n")
        text = text.replace("\n", r"\N")
        subs.append(pysubs2.SSAEvent(start=line.start_ms, end=line.end_ms, text=text))
    with writing_output(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        # the temporary file of a killed export of the same name, once stale (mkstemp: 8 random characters)
        remove_stale_partials(out.parent, rf"\.{re.escape(out.stem)}\.[a-z0-9_]{{8}}\.partial")
        partial = temporary_beside(out)
        try:
            subs.save(str(partial), encoding="utf-8", format_=fmt)
            os.replace(partial, out)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    return out
