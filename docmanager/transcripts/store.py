"""Transcripts in the catalogue: import, show, and the line edits.

Import (``import_transcript``)
    One transaction.  The file is read and decoded before anything is written,
    so a file that cannot be read leaves the project untouched.  A translation
    (``translation_of="zh"``) is aligned to the clip's transcript in that
    language (``align``): each of its segments gets ``translates_id``; several
    translation lines that fall on one transcript line are merged, in order,
    into one segment (times spanning them), so a transcript line has at most one
    line per translation language.  Lines that cannot be paired are kept
    (``translates_id`` None) and reported in ``ImportResult.unaligned``.

Re-import
    Importing a file again for the same (clip, language) updates the
    transcript in place.  Old and new lines are matched in order by identical
    text (``difflib`` on the texts, so repeated lines keep their order), then,
    in the stretches between those anchors, by the largest time overlap (timed
    files) or in order when the texts are still alike (untimed files).  Matched
    lines keep their id, so their tags, their translations and everything that
    points at them stay attached; changed ones are updated (their version goes
    up); lines no longer in the file are deleted.  Translation lines that
    pointed at a deleted line, and any of the transcript's translation lines
    still unpaired (left so by an earlier import of a wrong or shorter file),
    are placed again by time on the lines their translation has no line for,
    or left unpaired and reported in ``unaligned``.

``transcript show`` (``transcript_json``)
    Without a language: the clip's original transcript (kind ``transcript``;
    the oldest one if there are several), each segment with its translation
    (the line of a translation of it: English first, then the oldest
    translation).  With ``--lang`` naming a transcript: the same for that one.
    With ``--lang`` naming a translation: the translation's own lines, with
    their own times, and ``translation`` holding the *counterpart*: the
    transcript line it translates.  So ``translation`` is always "the paired
    line in the other language"; ``translates_id`` says which way the pairing
    goes (set only on translation lines).

Edits (``edit_segment``, ``split_segment``, ``merge_segments``, tags) each run
in one transaction, set ``updated_by`` to ``project.user``, and refuse with
``ConflictError`` when the caller's ``expected_version`` is stale.  Positions
are bookkeeping: moving lines up or down does not change their version.
"""
from __future__ import annotations

import bisect
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from docmanager.catalogue.register import readable_name
from docmanager.db.models import Clip, Segment, SegmentTag, Tag, Transcript
from docmanager.errors import ConflictError, NotFoundError, PathLike, RefusedError
from docmanager.transcripts.align import Unaligned, align
from docmanager.transcripts.readers import LineProblem, RawSegment, ReadResult, read_file

if TYPE_CHECKING:
    from docmanager.project import Project

__all__ = [
    "ImportResult", "SegmentRow", "TranscriptInfo", "import_transcript", "import_read_result",
    "transcript_json", "segment_json", "transcripts_of_clip", "segments_page", "segment_row", "tag_segment",
    "untag_segment", "edit_segment", "split_segment", "merge_segments", "merge_lines", "join_text",
    "find_transcript", "shift_positions", "KEEP",
]

# Translation languages shown first as "the" translation of a line.
PREFERRED_TRANSLATIONS = ("en",)


class _Keep:
    """Marker for "leave this field as it is" (None is a value: no speaker, no time)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


# ====================================================================== results and rows
@dataclass
class ImportResult:
    """What an import did.  ``segments`` is the transcript's line count after the import."""

    transcript_id: int
    segments: int
    encoding: str
    format: str
    problems: list[LineProblem] = field(default_factory=list)
    unaligned: list[Unaligned] = field(default_factory=list)
    created: bool = True
    kept: int = 0  # lines matched to a line already in the catalogue
    changed: int = 0  # of those, lines whose text, speaker, note or times changed
    added: int = 0
    removed: int = 0
    alignment: Optional[str] = None  # "time", "order" or "empty" for a translation
    lang: str = ""
    kind: str = "transcript"
    unit: str = "line"

    def to_json(self) -> dict:
        """The CLI's ``transcript import`` answer (plus details)."""
        return {
            "transcript_id": self.transcript_id, "segments": self.segments, "encoding": self.encoding,
            "format": self.format, "lang": self.lang, "kind": self.kind, "created": self.created,
            "kept": self.kept, "changed": self.changed, "added": self.added, "removed": self.removed,
            "alignment": self.alignment,
            "problems": [dict(p.to_json(), unit=self.unit) for p in self.problems],
            "unaligned": [u.to_json() for u in self.unaligned],
        }


@dataclass(frozen=True)
class SegmentRow:
    """One line for a view: plain values, no database object."""

    id: int
    transcript_id: int
    lang: str
    position: int
    start_ms: Optional[int]
    end_ms: Optional[int]
    speaker: Optional[str]
    text: str
    note: Optional[str]
    version: int
    tags: tuple[str, ...]
    translates_id: Optional[int]
    counterpart_id: Optional[int]  # the paired line in the other language (see the module notes)
    counterpart_text: Optional[str]
    counterpart_lang: Optional[str]
    updated_by: Optional[str]


@dataclass(frozen=True)
class TranscriptInfo:
    """A clip's transcript or translation, for lists."""

    id: int
    lang: str
    kind: str
    translation_of: Optional[str]
    segments: int
    source_name: Optional[str]
    source_format: Optional[str]
    encoding: Optional[str]

    def to_json(self) -> dict:
        return {"id": self.id, "lang": self.lang, "kind": self.kind, "translation_of": self.translation_of,
                "segments": self.segments, "source_name": self.source_name,
                "format": self.source_format, "encoding": self.encoding}


# ====================================================================== helpers
def _seconds(ms: Optional[int]) -> Optional[float]:
    return None if ms is None else round(ms / 1000, 3)


def _clean_lang(lang: str) -> str:
    lang = (lang or "").strip()
    if not lang or len(lang) > 16 or not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", lang):
        raise RefusedError(f"{lang!r} is not a language code; use a BCP 47 code such as zh, zh-Hant or en")
    return lang


_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"


def join_text(first: str, second: str) -> str:
    """Two lines' text as one: no space between Chinese, a space otherwise."""
    first, second = first.rstrip(), second.lstrip()
    if not first or not second:
        return first + second
    if re.match(_CJK, first[-1]) and re.match(_CJK, second[0]):
        return first + second
    return f"{first} {second}"


def _join_notes(*notes: Optional[str]) -> Optional[str]:
    kept = [n for n in notes if n]
    return " ".join(kept) if kept else None


def _key(text: Optional[str], note: Optional[str] = None) -> str:
    return " ".join((text or "").split()) + "\x00" + " ".join((note or "").split())


def _get_clip(session: Session, clip_id: int) -> Clip:
    clip = session.get(Clip, clip_id)
    if clip is None:
        raise NotFoundError(f"no clip with id {clip_id}")
    return clip


def find_transcript(session: Session, clip_id: int, lang: Optional[str] = None) -> Optional[Transcript]:
    """The clip's transcript in ``lang`` (case-insensitive), or its original transcript when None."""
    rows = session.scalars(select(Transcript).where(Transcript.clip_id == clip_id)
                           .order_by(Transcript.id)).all()
    if lang is None:
        originals = [t for t in rows if t.kind == "transcript"]
        return (originals or rows or [None])[0]
    for t in rows:
        if t.lang == lang:
            return t
    for t in rows:
        if t.lang.lower() == lang.lower():
            return t
    return None


def _get_segment(session: Session, segment_id: int) -> Segment:
    seg = session.get(Segment, segment_id)
    if seg is None:
        raise NotFoundError(f"no transcript line (segment) with id {segment_id}")
    return seg


def _check_version(seg: Segment, expected_version: Optional[int]) -> None:
    if expected_version is not None and seg.version != expected_version:
        by = f" by {seg.updated_by}" if seg.updated_by else ""
        raise ConflictError(f"line {seg.id} was changed{by} since you read it (it is at version "
                            f"{seg.version}, you had {expected_version}); nothing was written. "
                            "Reload and try again")


def _set_positions(session: Session, positions: dict[int, int]) -> None:
    """Set positions without touching versions (order is bookkeeping, not an edit)."""
    if not positions:
        return
    table = Segment.__table__
    session.flush()
    session.execute(update(table).where(table.c.id == bindparam("sid")).values(position=bindparam("pos")),
                    [{"sid": sid, "pos": pos} for sid, pos in positions.items()])
    for sid, pos in positions.items():
        obj = session.identity_map.get(session.identity_key(Segment, sid))
        if obj is not None:
            session.expire(obj, ["position"])


def shift_positions(session: Session, transcript_id: int, after: int, delta: int) -> None:
    """Move every line after position ``after`` by ``delta`` (no version change)."""
    table = Segment.__table__
    session.flush()
    session.execute(update(table).where(table.c.transcript_id == transcript_id, table.c.position > after)
                    .values(position=table.c.position + delta))
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Segment) and obj.transcript_id == transcript_id:
            session.expire(obj, ["position"])


def _segments_of(session: Session, transcript_id: int) -> list[Segment]:
    return list(session.scalars(select(Segment).where(Segment.transcript_id == transcript_id)
                                .order_by(Segment.position, Segment.id)))


# ====================================================================== import
@dataclass
class _Incoming:
    """A line to store: what the file says, plus the transcript line it translates."""

    start_ms: Optional[int]
    end_ms: Optional[int]
    text: str
    speaker: Optional[str]
    note: Optional[str]
    line: int
    translates_id: Optional[int] = None


@dataclass
class _SourceLine:
    """A transcript line as the aligner sees it."""

    id: int
    start_ms: Optional[int]
    end_ms: Optional[int]
    line: int
    text: str


def import_transcript(project: "Project", clip_id: int, path: PathLike, lang: str,
                      translation_of: Optional[str] = None) -> ImportResult:
    """Import (or re-import) ``path`` as the clip's transcript in ``lang``; see the module notes.

    Raises MediaReadError (the file), NotFoundError (the clip, or the transcript
    to translate), RefusedError (a bad language).  Nothing is written on error.
    """
    lang = _clean_lang(lang)
    if translation_of is not None:
        translation_of = _clean_lang(translation_of)
        if translation_of.lower() == lang.lower():
            raise RefusedError(f"a translation into {lang!r} cannot translate {translation_of!r} itself")
    read = read_file(path)
    return import_read_result(project, clip_id, read, lang, translation_of,
                              source_name=readable_name(os.path.basename(os.fsdecode(path))))


def import_read_result(project: "Project", clip_id: int, read: ReadResult, lang: str,
                       translation_of: Optional[str] = None,
                       source_name: Optional[str] = None) -> ImportResult:
    """Store an already read file (see ``import_transcript``); one transaction."""
    lang = _clean_lang(lang)
    user = project.user

    def _import(s: Session) -> ImportResult:
        clip = _get_clip(s, clip_id)
        source: Optional[Transcript] = None
        if translation_of is not None:
            source = find_transcript(s, clip_id, translation_of)
            if source is None:
                raise NotFoundError(f"clip {clip_id} has no {translation_of!r} transcript to translate; "
                                    f"import the {translation_of} transcript first")
            if source.lang.lower() == lang.lower():
                raise RefusedError(f"a translation into {lang!r} cannot translate itself")
        result = ImportResult(transcript_id=0, segments=0, encoding=read.encoding, format=read.format,
                              problems=list(read.problems), lang=lang,
                              kind="translation" if source else "transcript", unit=read.unit)
        result.problems += _past_the_end(clip, read.segments)
        incoming = [_Incoming(r.start_ms, r.end_ms, r.text, r.speaker, r.note, r.line) for r in read.segments]
        if source is not None:
            incoming, result.unaligned, result.alignment = _align_to(s, source, read.segments)

        transcript = s.scalar(select(Transcript).where(Transcript.clip_id == clip_id, Transcript.lang == lang))
        if transcript is None:
            transcript = Transcript(clip_id=clip_id, lang=lang)
            s.add(transcript)
        else:
            result.created = False
        transcript.kind = "translation" if source else "transcript"
        transcript.translation_of_id = source.id if source else None
        transcript.source_name = source_name
        transcript.source_format = read.format
        transcript.encoding = read.encoding
        s.flush()
        result.transcript_id = transcript.id

        if result.created:
            for pos, inc in enumerate(incoming):
                s.add(_new_segment(transcript.id, pos, inc, user))
            result.added = len(incoming)
        else:
            _update_lines(s, transcript, incoming, user, result)
        s.flush()
        result.segments = s.scalar(select(func.count()).select_from(Segment)
                                   .where(Segment.transcript_id == transcript.id)) or 0
        return result

    return project.write(_import)


def _past_the_end(clip: Clip, lines: Sequence[RawSegment]) -> list[LineProblem]:
    """One problem naming how many lines start after the clip ends (a file of another take?)."""
    if not clip.duration_frames or not clip.rate_num or not clip.rate_den:
        return []  # duration unknown
    end_ms = clip.duration_frames * clip.rate_den * 1000 / clip.rate_num
    late = [line for line in lines if line.start_ms is not None and line.start_ms >= end_ms]
    if not late:
        return []
    count = f"{len(late)} line starts" if len(late) == 1 else f"{len(late)} lines start"
    return [LineProblem(late[0].line, f"{count} after the clip ends ({end_ms / 1000:.1f} s): "
                                      "is this the right file?", "past-end")]


def _new_segment(transcript_id: int, position: int, inc: _Incoming, user: Optional[str]) -> Segment:
    return Segment(transcript_id=transcript_id, position=position, start_ms=inc.start_ms, end_ms=inc.end_ms,
                   speaker=inc.speaker, text=inc.text, note=inc.note, translates_id=inc.translates_id,
                   updated_by=user)


def _align_to(s: Session, source: Transcript, lines: Sequence[RawSegment]
              ) -> tuple[list[_Incoming], list[Unaligned], str]:
    """A translation's lines aligned to ``source``; lines falling on one transcript line merged."""
    src = [_SourceLine(seg.id, seg.start_ms, seg.end_ms, seg.position + 1, seg.text)
           for seg in _segments_of(s, source.id)]
    alignment = align(src, lines)
    groups = alignment.groups()
    first_of = {members[0]: j for j, members in groups.items()}
    merged_away = {i for members in groups.values() for i in members[1:]}
    out: list[_Incoming] = []
    for i, raw in enumerate(lines):
        if i in merged_away:
            continue
        j = first_of.get(i)
        if j is None:
            out.append(_Incoming(raw.start_ms, raw.end_ms, raw.text, raw.speaker, raw.note, raw.line))
            continue
        members = [lines[k] for k in groups[j]]
        text = members[0].text
        for other in members[1:]:
            text = join_text(text, other.text)
        starts = [m.start_ms for m in members if m.start_ms is not None]
        ends = [m.end_ms for m in members if m.end_ms is not None]
        speaker = next((m.speaker for m in members if m.speaker), None)
        out.append(_Incoming(min(starts) if starts else None, max(ends) if ends else None, text, speaker,
                             _join_notes(*(m.note for m in members)), raw.line, translates_id=src[j].id))
    return out, alignment.unaligned, alignment.method


def _span(line: Segment | _Incoming) -> tuple[int, int]:
    """A timed line's [start, end) for matching: a missing or unusable end covers 1 ms."""
    start = line.start_ms
    assert start is not None
    end = line.end_ms if line.end_ms is not None and line.end_ms > start else start + 1
    return start, end


def _overlapping(old: Sequence[Segment], new: Sequence[_Incoming], olds: range, news: range
                 ) -> list[tuple[int, int, int, int]]:
    """(overlap, -distance in the gap, old index, new index) of every overlapping pair, best first."""
    timed = sorted((_span(old[i]), i) for i in olds if old[i].start_ms is not None)
    starts = [span[0] for span, _i in timed]
    longest = max((hi - lo for (lo, hi), _i in timed), default=0)
    found = []
    for j in news:
        if new[j].start_ms is None:
            continue
        lo, hi = _span(new[j])
        k = bisect.bisect_left(starts, hi)
        while k > 0:
            k -= 1
            (o_lo, o_hi), i = timed[k]
            if o_lo < lo - longest:
                break
            overlap = min(hi, o_hi) - max(lo, o_lo)
            if overlap > 0:
                found.append((overlap, -abs((i - olds.start) - (j - news.start)), i, j))
    found.sort(reverse=True)
    return found


def match_lines(old: Sequence[Segment], new: Sequence[_Incoming]) -> dict[int, int]:
    """new index → old index: identical text in order first, then time overlap (or likeness) in the gaps."""
    old_keys = [_key(o.text, o.note) for o in old]
    new_keys = [_key(n.text, n.note) for n in new]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    pairs: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update({j1 + k: i1 + k for k in range(i2 - i1)})
            continue
        if tag != "replace":
            continue
        olds, news = range(i1, i2), range(j1, j2)
        used_old: set[int] = set()
        for _overlap, _near, i, j in _overlapping(old, new, olds, news):
            if i in used_old or j in pairs:
                continue
            pairs[j] = i
            used_old.add(i)
        # Untimed (or still unpaired) lines: in order, when the texts are still alike.
        free_old = [i for i in olds if i not in used_old]
        free_new = [j for j in news if j not in pairs]
        for i, j in zip(free_old, free_new):
            if old[i].start_ms is not None and new[j].start_ms is not None:
                continue  # timed lines that overlap nothing are different lines
            likeness = difflib.SequenceMatcher(None, old[i].text or "", new[j].text or "").ratio()
            if likeness >= 0.4:
                pairs[j] = i
    return pairs


def _update_lines(s: Session, transcript: Transcript, incoming: list[_Incoming], user: Optional[str],
                  result: ImportResult) -> None:
    old = _segments_of(s, transcript.id)
    pairs = match_lines(old, incoming)
    matched_old = set(pairs.values())
    removed = [seg for i, seg in enumerate(old) if i not in matched_old]
    removed_ids = {seg.id for seg in removed}
    # Translation lines of removed lines: unhook them now, place them again afterwards.
    orphans: list[Segment] = []
    if removed_ids:
        orphans = list(s.scalars(select(Segment).where(Segment.translates_id.in_(removed_ids),
                                                       Segment.transcript_id != transcript.id)))
        for seg in orphans:
            seg.translates_id = None
            seg.updated_by = user
    positions: dict[int, int] = {}
    for j, inc in enumerate(incoming):
        i = pairs.get(j)
        if i is None:
            continue
        seg = old[i]
        # (A transcript's lines translate nothing: inc.translates_id is None for them.)
        fields = {"start_ms": inc.start_ms, "end_ms": inc.end_ms, "speaker": inc.speaker, "text": inc.text,
                  "note": inc.note, "translates_id": inc.translates_id}
        changed = {k: v for k, v in fields.items() if getattr(seg, k) != v}
        if changed:
            for k, v in changed.items():
                setattr(seg, k, v)
            seg.updated_by = user
            result.changed += 1
        if seg.position != j:
            positions[seg.id] = j
    result.kept = len(pairs)
    for seg in removed:
        s.delete(seg)
    result.removed = len(removed)
    s.flush()
    _set_positions(s, positions)
    for j, inc in enumerate(incoming):
        if j not in pairs:
            s.add(_new_segment(transcript.id, j, inc, user))
            result.added += 1
    s.flush()
    result.unaligned.extend(_replace_orphans(s, transcript, orphans, user))


def _replace_orphans(s: Session, transcript: Transcript, orphans: list[Segment],
                     user: Optional[str]) -> list[Unaligned]:
    """Lines of the transcript's translations that translate none of its lines (``orphans``: those whose
    line this import removed; and any left unpaired before, by an earlier import of a wrong file or of an
    incomplete one): each placed by time on the line it overlaps most among those its translation has no
    line for yet (``align``, as a translation's import pairs), in time order; those still unplaced are
    reported."""
    lines = _segments_of(s, transcript.id)
    src = [_SourceLine(seg.id, seg.start_ms, seg.end_ms, seg.position + 1, seg.text) for seg in lines]
    gone = {seg.id for seg in orphans}
    unpaired = list(s.scalars(
        select(Segment).join(Transcript, Transcript.id == Segment.transcript_id)
        .where(Transcript.translation_of_id == transcript.id, Segment.translates_id.is_(None))
        .order_by(Segment.transcript_id, Segment.position, Segment.id)))
    listed = {seg.id for seg in unpaired}
    unpaired += [seg for seg in orphans if seg.id not in listed]  # (a translation not marked as one of it)
    by_translation: dict[int, list[Segment]] = {}
    for seg in unpaired:
        by_translation.setdefault(seg.transcript_id, []).append(seg)
    report: list[Unaligned] = []
    for translation_id, segs in by_translation.items():
        taken = set(s.scalars(select(Segment.translates_id).where(Segment.transcript_id == translation_id,
                                                                  Segment.translates_id.is_not(None))))
        segs.sort(key=lambda seg: (seg.start_ms is None, seg.start_ms or 0, seg.position))
        for seg in segs:
            if seg.start_ms is not None:
                free = [x for x in src if x.id not in taken]
                probe = _SourceLine(seg.id, seg.start_ms, seg.end_ms, seg.position + 1, seg.text)
                placed = align(free, [probe]).targets[0] if free else None
                if placed is not None:
                    seg.translates_id = free[placed].id
                    seg.updated_by = user
                    taken.add(free[placed].id)
                    continue
            why = (f"the {transcript.lang} line it translated is gone from the new file" if seg.id in gone else
                   f"it translates no {transcript.lang} line")
            how = "and no free line overlaps it" if seg.start_ms is not None else \
                "and it has no time to be placed by"
            report.append(Unaligned("translation", 0, seg.position + 1, seg.start_ms, seg.end_ms,
                                    f"{why} {how}", seg.text[:60], seg.id))
    return report


# ====================================================================== reading
def _tag_names(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if not ids:
        return out
    for chunk in _chunks(ids, 500):
        rows = session.execute(select(SegmentTag.segment_id, Tag.name).join(Tag, Tag.id == SegmentTag.tag_id)
                               .where(SegmentTag.segment_id.in_(chunk)).order_by(Tag.name))
        for sid, name in rows:
            out.setdefault(sid, []).append(name)
    return out


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for k in range(0, len(items), size):
        yield items[k:k + size]


def _counterparts(session: Session, transcript: Transcript, segs: Sequence[Segment]
                  ) -> dict[int, tuple[int, str, str, tuple[int, ...]]]:
    """segment id → (counterpart id, text, lang, all counterpart ids) for the paired lines."""
    out: dict[int, tuple[int, str, str, tuple[int, ...]]] = {}
    if not segs:
        return out
    if transcript.kind == "translation":
        target_ids = [seg.translates_id for seg in segs if seg.translates_id is not None]
        found: dict[int, tuple[str, str]] = {}
        for chunk in _chunks(target_ids, 500):
            for sid, text, lang in session.execute(
                    select(Segment.id, Segment.text, Transcript.lang)
                    .join(Transcript, Transcript.id == Segment.transcript_id).where(Segment.id.in_(chunk))):
                found[sid] = (text, lang)
        for seg in segs:
            if seg.translates_id in found:
                text, lang = found[seg.translates_id]
                out[seg.id] = (seg.translates_id, text, lang, (seg.translates_id,))
        return out
    ids = [seg.id for seg in segs]
    rows: list[Any] = []
    for chunk in _chunks(ids, 500):
        rows.extend(session.execute(
            select(Segment.translates_id, Segment.id, Segment.text, Segment.position, Transcript.id,
                   Transcript.lang)
            .join(Transcript, Transcript.id == Segment.transcript_id)
            .where(Segment.translates_id.in_(chunk), Transcript.clip_id == transcript.clip_id)))

    def rank(lang: str, tid: int) -> tuple[int, int]:
        base = lang.split("-")[0].lower()
        preferred = PREFERRED_TRANSLATIONS.index(base) if base in PREFERRED_TRANSLATIONS else len(
            PREFERRED_TRANSLATIONS)
        return (preferred, tid)

    by_source: dict[int, dict[int, list[tuple[int, int, str]]]] = {}
    langs: dict[int, str] = {}
    for target, sid, text, pos, tid, lang in rows:
        by_source.setdefault(target, {}).setdefault(tid, []).append((pos, sid, text))
        langs[tid] = lang
    for target, per_transcript in by_source.items():
        tid = min(per_transcript, key=lambda t: rank(langs[t], t))
        lines = sorted(per_transcript[tid])
        text = lines[0][2]
        for _pos, _sid, more in lines[1:]:
            text = join_text(text, more)
        out[target] = (lines[0][1], text, langs[tid], tuple(sid for _p, sid, _t in lines))
    return out


def transcript_json(session: Session, clip_id: int, lang: Optional[str] = None) -> dict:
    """``transcript show CLIP [--lang LANG]`` (see the module notes for which lines are shown)."""
    _get_clip(session, clip_id)
    transcript = find_transcript(session, clip_id, lang)
    if transcript is None:
        if lang is not None:
            raise NotFoundError(f"clip {clip_id} has no {lang!r} transcript or translation")
        return {"clip_id": clip_id, "transcript_id": None, "lang": None, "kind": None,
                "translation_of": None, "segments": []}
    segs = _segments_of(session, transcript.id)
    source = transcript.translation_of
    return {"clip_id": clip_id, "transcript_id": transcript.id, "lang": transcript.lang,
            "kind": transcript.kind, "translation_of": source.lang if source else None,
            "segments": _lines_json(session, transcript, segs)}


def segment_json(session: Session, segment_id: int) -> dict:
    """One line as ``transcript show`` gives its lines (for the answer of a line edit)."""
    seg = _get_segment(session, segment_id)
    return _lines_json(session, seg.transcript, [seg])[0]


def _lines_json(session: Session, transcript: Transcript, segs: Sequence[Segment]) -> list[dict]:
    tags = _tag_names(session, [seg.id for seg in segs])
    pairs = _counterparts(session, transcript, segs)
    out = []
    for seg in segs:
        pair = pairs.get(seg.id)
        out.append({
            "id": seg.id, "start": _seconds(seg.start_ms), "end": _seconds(seg.end_ms),
            "speaker": seg.speaker, "text": seg.text, "lang": transcript.lang,
            "translation": None if pair is None else {"id": pair[0], "text": pair[1], "lang": pair[2]},
            "tags": tags.get(seg.id, []),
            "note": seg.note, "translates_id": seg.translates_id, "version": seg.version,
        })
    return out


def transcripts_of_clip(session: Session, clip_id: int) -> list[TranscriptInfo]:
    """The clip's transcripts and translations, oldest first."""
    rows = session.execute(
        select(Transcript, func.count(Segment.id)).outerjoin(Segment, Segment.transcript_id == Transcript.id)
        .where(Transcript.clip_id == clip_id).group_by(Transcript.id).order_by(Transcript.id)).all()
    out = []
    for t, count in rows:
        source = t.translation_of
        out.append(TranscriptInfo(t.id, t.lang, t.kind, source.lang if source else None, count,
                                  t.source_name, t.source_format, t.encoding))
    return out


def segments_page(session: Session, clip_id: int, lang: Optional[str] = None, offset: int = 0,
                  limit: Optional[int] = None) -> list[SegmentRow]:
    """Plain rows of a clip's transcript (``lang`` as in ``transcript_json``), in order, paged."""
    transcript = find_transcript(session, clip_id, lang)
    if transcript is None:
        if lang is not None:
            raise NotFoundError(f"clip {clip_id} has no {lang!r} transcript or translation")
        return []
    stmt = (select(Segment).where(Segment.transcript_id == transcript.id)
            .order_by(Segment.position, Segment.id).offset(offset))
    if limit is not None:
        stmt = stmt.limit(limit)
    segs = list(session.scalars(stmt))
    return _rows(session, transcript, segs)


def segment_row(session: Session, segment_id: int) -> SegmentRow:
    """One line as a plain row (for refreshing a view after an edit)."""
    seg = _get_segment(session, segment_id)
    return _rows(session, seg.transcript, [seg])[0]


def _rows(session: Session, transcript: Transcript, segs: Sequence[Segment]) -> list[SegmentRow]:
    tags = _tag_names(session, [seg.id for seg in segs])
    pairs = _counterparts(session, transcript, segs)
    rows = []
    for seg in segs:
        pair = pairs.get(seg.id)
        rows.append(SegmentRow(
            id=seg.id, transcript_id=transcript.id, lang=transcript.lang, position=seg.position,
            start_ms=seg.start_ms, end_ms=seg.end_ms, speaker=seg.speaker, text=seg.text, note=seg.note,
            version=seg.version, tags=tuple(tags.get(seg.id, ())), translates_id=seg.translates_id,
            counterpart_id=pair[0] if pair else None, counterpart_text=pair[1] if pair else None,
            counterpart_lang=pair[2] if pair else None, updated_by=seg.updated_by))
    return rows


# ====================================================================== edits
def tag_segment(project: "Project", segment_id: int, tag: str) -> str:
    """Tag a line (the tag is created if new); returns the tag's name as stored."""
    from docmanager.catalogue.people import get_or_create_tag

    def _tag(s: Session) -> str:
        seg = _get_segment(s, segment_id)
        row = get_or_create_tag(s, tag)
        if row not in seg.tags:
            seg.tags.append(row)
            seg.updated_by = project.user
        return row.name

    return project.write(_tag)


def untag_segment(project: "Project", segment_id: int, tag: str) -> bool:
    """Remove a tag from a line; False when the line did not have it."""
    name = " ".join((tag or "").split())

    def _untag(s: Session) -> bool:
        seg = _get_segment(s, segment_id)
        for row in list(seg.tags):
            if row.name == name or row.name.lower() == name.lower():
                seg.tags.remove(row)
                seg.updated_by = project.user
                return True
        return False

    return project.write(_untag)


def edit_segment(project: "Project", segment_id: int, *, text: Any = KEEP, speaker: Any = KEEP,
                 start_ms: Any = KEEP, end_ms: Any = KEEP, note: Any = KEEP,
                 expected_version: Optional[int] = None) -> int:
    """Change a line's text, speaker, note or times; returns its new version.

    Fields left at ``KEEP`` stay; ``None`` clears speaker, note or a time.
    ``expected_version`` (the version the caller read) makes a stale edit fail
    with ConflictError instead of overwriting someone else's change.
    """
    if text is not KEEP and text is None:
        raise RefusedError("a line's text cannot be None; use an empty text")
    for name, value in (("start_ms", start_ms), ("end_ms", end_ms)):
        if value is not KEEP and value is not None and not isinstance(value, int):
            raise RefusedError(f"{name} must be whole milliseconds, not {value!r}")

    def _edit(s: Session) -> int:
        seg = _get_segment(s, segment_id)
        _check_version(seg, expected_version)
        changes = {k: v for k, v in (("text", text), ("speaker", speaker), ("start_ms", start_ms),
                                      ("end_ms", end_ms), ("note", note)) if v is not KEEP}
        if "speaker" in changes and changes["speaker"] is not None:
            changes["speaker"] = changes["speaker"].strip() or None
        start = changes.get("start_ms", seg.start_ms)
        end = changes.get("end_ms", seg.end_ms)
        if start is not None and end is not None and end < start and (
                "start_ms" in changes or "end_ms" in changes):
            raise RefusedError(f"the line would end ({end} ms) before it starts ({start} ms)")
        changes = {k: v for k, v in changes.items() if getattr(seg, k) != v}
        if not changes:
            return seg.version
        for k, v in changes.items():
            setattr(seg, k, v)
        seg.updated_by = project.user
        s.flush()
        return seg.version

    return project.write(_edit)


def split_segment(project: "Project", segment_id: int, at_char: int, at_ms: Optional[int] = None,
                  expected_version: Optional[int] = None) -> tuple[int, int]:
    """Split a line in two at character ``at_char``; returns (first id, second id).

    The first part keeps the line's id (so its translations stay with it); the
    second is a new line right after it with the same speaker, tags and
    ``translates_id``.  A timed line is split at ``at_ms`` or, when not given,
    at the time proportional to ``at_char`` in the text; a line without an end
    needs ``at_ms``.  The note stays with the first part.
    """

    def _split(s: Session) -> tuple[int, int]:
        seg = _get_segment(s, segment_id)
        _check_version(seg, expected_version)
        text = seg.text or ""
        if not 0 < at_char < len(text):
            raise RefusedError(f"cannot split a line of {len(text)} characters at character {at_char}")
        head, tail = text[:at_char].rstrip(), text[at_char:].lstrip()
        if not head or not tail:
            raise RefusedError("both parts of a split line need some text")
        cut: Optional[int] = None
        if seg.start_ms is None:
            if at_ms is not None:
                raise RefusedError("this line has no times; it cannot be split at a time")
        elif at_ms is not None:
            if at_ms <= seg.start_ms or (seg.end_ms is not None and at_ms >= seg.end_ms):
                raise RefusedError(f"{at_ms} ms is not inside the line ({seg.start_ms} → {seg.end_ms} ms)")
            cut = at_ms
        else:
            if seg.end_ms is None or seg.end_ms <= seg.start_ms:
                raise RefusedError("this line has no usable end time; give the time to split at")
            cut = seg.start_ms + round((seg.end_ms - seg.start_ms) * at_char / len(text))
        shift_positions(s, seg.transcript_id, seg.position, 1)
        s.refresh(seg, ["position"])
        second = Segment(transcript_id=seg.transcript_id, position=seg.position + 1,
                         start_ms=cut, end_ms=seg.end_ms, speaker=seg.speaker, text=tail,
                         translates_id=seg.translates_id, updated_by=project.user)
        second.tags = list(seg.tags)
        seg.text = head
        if cut is not None:
            seg.end_ms = cut
        seg.updated_by = project.user
        s.add(second)
        s.flush()
        return seg.id, second.id

    return project.write(_split)


def merge_segments(project: "Project", first_id: int, second_id: int,
                   expected_versions: Optional[tuple[int, int]] = None) -> int:
    """Merge a line with the next one of the same transcript; returns the kept (first) id.

    Text joined (no space between Chinese), times spanning both, notes joined,
    tags united.  Translation lines of the second now translate the first; when
    the first already had a line in that translation and the two are next to
    each other there, they are merged too.  Lines with different speakers are
    refused (edit one first).
    """
    return project.write(lambda s: _merge(s, project.user, first_id, second_id, expected_versions))


def merge_lines(project: "Project", segment_ids: Sequence[int],
                expected_versions: Optional[Sequence[int]] = None) -> int:
    """Merge several lines, each the next one after the line before it, into the first; returns its id.

    One transaction: each pair is merged as by ``merge_segments``, and when
    any of them is refused or a line is not at its expected version, nothing
    is written.
    """
    ids = list(segment_ids)
    if len(ids) < 2:
        raise RefusedError("give at least two lines to merge")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise RefusedError(f"line {twice[0]} is given more than once; give each line once, in order")
    if expected_versions is not None and len(expected_versions) != len(ids):
        raise RefusedError(f"give one expected version per line, in the order of the lines "
                           f"({len(ids)} lines, {len(expected_versions)} versions)")

    def _merge_all(s: Session) -> int:
        if expected_versions is not None:
            for segment_id, version in zip(ids, expected_versions):
                _check_version(_get_segment(s, segment_id), version)
        for second_id in ids[1:]:
            _merge(s, project.user, ids[0], second_id, None)
        return ids[0]

    return project.write(_merge_all)


def _merge(s: Session, user: Optional[str], first_id: int, second_id: int,
           expected_versions: Optional[tuple[int, int]]) -> int:
    first = _get_segment(s, first_id)
    second = _get_segment(s, second_id)
    if expected_versions is not None:
        _check_version(first, expected_versions[0])
        _check_version(second, expected_versions[1])
    if first.id == second.id:
        raise RefusedError("cannot merge a line with itself")
    if first.transcript_id != second.transcript_id:
        raise RefusedError("only lines of the same transcript can be merged")
    if first.speaker and second.speaker and first.speaker != second.speaker:
        raise RefusedError(f"the lines have different speakers ({first.speaker}, {second.speaker}); "
                           "change one first")
    _merge_pair(s, first, second, user)  # the second's translations now translate the first
    by_transcript: dict[int, list[Segment]] = {}
    for seg in s.scalars(select(Segment).where(Segment.translates_id == first.id)
                         .order_by(Segment.transcript_id, Segment.position)):
        by_transcript.setdefault(seg.transcript_id, []).append(seg)
    for lines in by_transcript.values():
        for a, b in zip(lines, lines[1:]):
            if b.position == a.position + 1 and not (a.speaker and b.speaker and a.speaker != b.speaker):
                _merge_pair(s, a, b, user)
                break  # the rest keep their own lines; one pair per language is what a merge joins
    return first.id


def _merge_pair(s: Session, first: Segment, second: Segment, user: Optional[str]) -> None:
    """Fold ``second`` (the next line of the same transcript) into ``first`` and delete it."""
    between = s.scalar(select(func.count()).select_from(Segment).where(
        Segment.transcript_id == first.transcript_id, Segment.position > first.position,
        Segment.position < second.position))
    if second.position <= first.position or between:
        raise RefusedError(f"lines {first.id} and {second.id} are not next to each other "
                           "(give the earlier line first)")
    first.text = join_text(first.text or "", second.text or "")
    first.note = _join_notes(first.note, second.note)
    first.speaker = first.speaker or second.speaker
    starts = [t for t in (first.start_ms, second.start_ms) if t is not None]
    ends = [t for t in (first.end_ms, second.end_ms) if t is not None]
    first.start_ms = min(starts) if starts else None
    first.end_ms = max(ends) if ends else None
    if first.translates_id is None:
        first.translates_id = second.translates_id
    for tag in second.tags:
        if tag not in first.tags:
            first.tags.append(tag)
    first.updated_by = user
    position = second.position
    # Lines that translate the second now translate the first.
    for seg in list(s.scalars(select(Segment).where(Segment.translates_id == second.id))):
        seg.translates_id = first.id
        seg.updated_by = user
    s.flush()
    s.delete(second)
    s.flush()
    shift_positions(s, first.transcript_id, position, -1)
