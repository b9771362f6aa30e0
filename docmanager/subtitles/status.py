"""Subtitle status: a state per (clip, language) and per (cut, language), who moved it, when and why.

States, in the order the work goes::

    untranscribed → transcribed → translated → reviewed → approved → timed → delivered

and ``not-needed`` (b-roll, music, a clip nobody speaks in) beside them.

Moves by hand (:func:`set_state`)
---------------------------------
* Forward to any later state, as far as the work allows: ``transcribed``
  needs a transcript of the clip; ``translated`` and later need text in that
  language (for a cut: at least one subtitle line in it); ``timed`` and
  ``delivered`` need the subtitles approved first.
* Back to any earlier state with a reason (``note``); without one the move
  is refused.
* ``approved`` for a translation that leaves lines of its transcript without
  a line (on the clip, or where the cut plays them: what ``subtitles export``
  reports as ``untranslated``) needs a reason too (``note``: crying, music,
  a line left for the narration); without one the move is refused, naming
  the lines.  Approved with a note, the answer lists them (``untranslated``).
* ``not-needed`` from anywhere, and from it to anything the work allows.
* A cut set to ``approved``, ``timed`` or ``delivered`` keeps its subtitle
  lines as they are then, also when it already stood there because its clips
  do (a derived state).
Every move is kept in the history with who (``project.user``), when and the
note.  A refused move raises :class:`~docmanager.errors.RefusedError` (exit 2
in the CLI) saying why and what would make it possible.

Moves by the work (automatic, in the same transaction as the change)
-------------------------------------------------------------------
The write sessions of a project carry two SQLAlchemy session hooks
(:func:`install`): ``after_flush`` notes which transcript lines, transcripts,
cuts and cut items a transaction touched, ``before_commit`` moves the states
that depend on them:

* A clip's state in a language follows its work while the work is all
  there is (``untranscribed``, ``transcribed``, ``translated``): importing a
  transcript makes it ``transcribed`` (in every language tracked); a
  translation that covers every line of its transcript makes that language
  ``translated`` (and losing coverage, e.g. by splitting a line, moves it
  back; importing it again, paired anew, moves it forward again).
* Editing the text or times of a line, adding or removing lines, in a
  language whose subtitles are ``approved``, ``timed`` or ``delivered`` (or in
  the transcript that language translates) moves it back to ``reviewed``, and
  the history names the lines ("lines 3, 7 edited").
* A cut's state is its own, but when the cut's subtitle lines in a language
  (as ``subtitles export`` makes them) differ from those it had when they
  were approved, timed or delivered (items added, trimmed, moved, removed; a
  source line edited), the state drops back to ``reviewed`` and ``affected``
  lists the lines ("lines 12–15 changed since approval").
* Once moved back by the work, further changes add to the lines named
  (``affected``; for a cut, every line that differs from the approved ones)
  until someone moves the state by hand.

States not stored yet are derived from the work (a clip with a transcript is
``transcribed`` …; a cut is where the least advanced of its clips is, at most
``approved``), so the board is complete from the first day.

The languages tracked are the project setting ``subtitle_languages`` (a
comma-separated list), by default every language of the project's
transcripts plus English, Chinese first.
"""
from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from docmanager.db.models import Clip, Cut, CutItem, Segment, Setting, SubtitleHistory, SubtitleStatus, Transcript, utcnow
from docmanager.errors import NotFoundError, RefusedError

__all__ = [
    "STATES",
    "NOT_NEEDED",
    "ALL_STATES",
    "LOCKED",
    "install",
    "set_state",
    "status_rows",
    "tracked_languages",
    "work_states",
    "line_ranges",
]

STATES = ("untranscribed", "transcribed", "translated", "reviewed", "approved", "timed", "delivered")
NOT_NEEDED = "not-needed"
ALL_STATES = STATES + (NOT_NEEDED,)
RANK = {state: i for i, state in enumerate(STATES)}
#: States a change of the work moves back (to ``reviewed``).
LOCKED = frozenset({"approved", "timed", "delivered"})
#: States that simply follow the work.
FOLLOWING = frozenset({"untranscribed", "transcribed", "translated"})
SETTING = "subtitle_languages"
#: Columns of a transcript line whose change matters to subtitles.
_LINE_FIELDS = ("text", "start_ms", "end_ms")
#: Columns whose change is no edit of the words but may change what a translation covers.
_LINK_FIELDS = ("translates_id",)
_TRANSCRIPT_FIELDS = ("kind", "translation_of_id", "lang")


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


def _lang_order(lang: str) -> tuple:
    base = _base(lang)
    return (0 if base == "zh" else 1 if base == "en" else 2, lang.lower())


# ============================================================== languages and work


def tracked_languages(session: Session) -> list[str]:
    """The languages the board shows: the ``subtitle_languages`` setting, or every transcript language + en."""
    value = session.scalar(select(Setting.value).where(Setting.key == SETTING))
    if value:
        langs = [x.strip() for x in value.split(",") if x.strip()]
    else:
        langs = list(session.scalars(select(Transcript.lang).distinct()))
        if not any(_base(x) == "en" for x in langs):
            langs.append("en")
        if not any(_base(x) == "zh" for x in langs):
            langs.append("zh")
    stored = session.scalars(select(SubtitleStatus.lang).distinct()).all()
    out: list[str] = []
    for lang in [*langs, *stored]:
        if lang not in out:
            out.append(lang)
    return sorted(out, key=_lang_order)


def _match(langs: Iterable[str], lang: str) -> Optional[str]:
    langs = list(langs)
    if lang in langs:
        return lang
    for x in langs:
        if x.lower() == lang.lower():
            return x
    return None


def work_states(session: Session, clip_ids: Sequence[int], langs: Sequence[str]) -> dict[tuple[int, str], str]:
    """(clip id, lang) → the state the work alone supports: untranscribed, transcribed or translated."""
    out: dict[tuple[int, str], str] = {}
    if not clip_ids:
        return out
    transcripts: dict[int, list[Transcript]] = defaultdict(list)
    for chunk in _chunks(list(clip_ids), 500):
        for t in session.scalars(select(Transcript).where(Transcript.clip_id.in_(chunk))):
            transcripts[t.clip_id].append(t)
    translation_ids = [t.id for ts in transcripts.values() for t in ts if t.kind == "translation"]
    covered = _coverage(session, translation_ids)
    for clip_id in clip_ids:
        ts = transcripts.get(clip_id, [])
        has_original = any(t.kind == "transcript" for t in ts)
        for lang in langs:
            found = _match([t.lang for t in ts], lang)
            if found is None:
                out[(clip_id, lang)] = "transcribed" if has_original else "untranscribed"
                continue
            t = next(t for t in ts if t.lang == found)
            if t.kind == "translation":
                out[(clip_id, lang)] = "translated" if covered.get(t.id, False) else "transcribed"
            else:
                out[(clip_id, lang)] = "transcribed"
    return out


def _coverage(session: Session, translation_ids: Sequence[int]) -> dict[int, bool]:
    """Translation transcript id → whether every non-empty line of its source has a translation line."""
    if not translation_ids:
        return {}
    out: dict[int, bool] = {}
    source_of = dict(session.execute(select(Transcript.id, Transcript.translation_of_id)
                                     .where(Transcript.id.in_(translation_ids))).all())
    for tid, source in source_of.items():
        if source is None:
            out[tid] = False
            continue
        needed = set(session.scalars(select(Segment.id).where(Segment.transcript_id == source, Segment.text != "")))
        have = set(session.scalars(select(Segment.translates_id).where(
            Segment.transcript_id == tid, Segment.translates_id.is_not(None), Segment.text != "")))
        out[tid] = bool(needed) and needed <= have
    return out


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# ============================================================== rows


def _row(session: Session, *, clip_id: Optional[int], cut_id: Optional[int], lang: str) -> Optional[SubtitleStatus]:
    stmt = select(SubtitleStatus).where(SubtitleStatus.lang == lang)
    stmt = stmt.where(SubtitleStatus.clip_id == clip_id) if clip_id is not None else stmt.where(
        SubtitleStatus.cut_id == cut_id)
    return session.scalar(stmt)


def _move(session: Session, row: SubtitleStatus, state: str, *, by: Optional[str], note: Optional[str],
          auto: bool, lines: Optional[list] = None) -> None:
    old = row.state
    row.state = state
    row.note = note
    row.updated_at = utcnow()
    row.updated_by = by
    row.affected = lines if lines else None
    session.add(SubtitleHistory(status=row, at=row.updated_at, by=by, from_state=old, to_state=state,
                                note=note, auto=auto, lines=lines or None))


def _new_row(session: Session, *, clip_id: Optional[int], cut_id: Optional[int], lang: str,
             state: str) -> SubtitleStatus:
    row = SubtitleStatus(clip_id=clip_id, cut_id=cut_id, lang=lang, state=state, updated_at=utcnow())
    session.add(row)
    return row


def _cut_lines(session: Session, cut_id: int, lang: str) -> list[list]:
    from docmanager.subtitles.export import cut_subtitle_lines

    return [[line.start_ms, line.end_ms, line.text] for line in cut_subtitle_lines(session, cut_id, lang)]


def lines_text(numbers: Sequence[int]) -> str:
    """[4] → "line 4"; [12, 13, 14, 15] → "lines 12–15"."""
    numbers = sorted(set(numbers))
    return f"line {numbers[0]}" if len(numbers) == 1 else f"lines {line_ranges(numbers)}"


def line_ranges(numbers: Sequence[int]) -> str:
    """[12, 13, 14, 15, 20] → "12–15, 20"."""
    parts: list[str] = []
    numbers = sorted(set(numbers))
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        parts.append(str(numbers[i]) if i == j else f"{numbers[i]}–{numbers[j]}")
        i = j + 1
    return ", ".join(parts)


def _changed_lines(old: Sequence[Sequence], new: Sequence[Sequence]) -> tuple[list[int], int]:
    """(1-based numbers of lines of ``new`` that differ from ``old``, number of old lines gone)."""
    a = [tuple(x) for x in old]
    b = [tuple(x) for x in new]
    changed: list[int] = []
    removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        changed.extend(range(j1 + 1, j2 + 1))
        removed += max(0, (i2 - i1) - (j2 - j1))
    return changed, removed


# ============================================================== moves by hand


def _work_allows(session: Session, *, clip_id: Optional[int], cut_id: Optional[int], lang: str,
                 state: str, current: str) -> Optional[str]:
    """Why ``state`` cannot be reached from the work as it is, or None when it can."""
    if state in ("timed", "delivered") and (current == NOT_NEEDED or RANK.get(current, 0) < RANK["approved"]):
        return f"{state} needs the subtitles approved first (they are {current})"
    if state == "untranscribed":
        return None
    if clip_id is not None:
        work = work_states(session, [clip_id], [lang])[(clip_id, lang)]
        if work == "untranscribed":
            return (f"clip {clip_id} has no transcript yet; import one (transcript import) before "
                    f"marking it {state}")
        if state != "transcribed":
            langs = session.scalars(select(Transcript.lang).where(Transcript.clip_id == clip_id)).all()
            if _match(langs, lang) is None:
                return (f"clip {clip_id} has no {lang} text yet; import the {lang} translation before "
                        f"marking it {state}")
        return None
    if state in ("transcribed",):
        return None
    if not _cut_lines(session, cut_id, lang):
        return f"cut {cut_id} has no {lang} subtitle lines (its clips have no {lang} text on its subtitle track)"
    return None


def _untranslated(session: Session, *, clip_id: Optional[int], cut_id: Optional[int],
                  lang: str) -> dict[str, list[int]]:
    """Source language → numbers of its subtitles with no ``lang`` line (what ``subtitles export`` calls
    ``untranslated``), for a translation not covering them."""
    from docmanager.subtitles.export import untranslated_lines

    out: dict[str, list[int]] = {}
    for gap in untranslated_lines(session, lang, clip_id=clip_id, cut_id=cut_id):
        out.setdefault(gap.lang, []).append(gap.number)
    return {source: sorted(set(numbers)) for source, numbers in out.items()}


def _missing_text(missing: dict[str, list[int]], lang: str) -> str:
    """{"zh": [2, 3]} → "2 Chinese lines have no English (lines 2–3)"."""
    from docmanager.subtitles.qc import language_name

    parts = []
    for source, numbers in missing.items():
        count = f"1 {language_name(source)} line has" if len(numbers) == 1 else \
            f"{len(numbers)} {language_name(source)} lines have"
        parts.append(f"{count} no {language_name(lang)} ({lines_text(numbers)})")
    return "; ".join(parts)


def _with_untranslated(data: dict, missing: dict[str, list[int]]) -> dict:
    if missing:
        data["untranslated"] = [{"lang": source, "lines": numbers} for source, numbers in missing.items()]
    return data


def set_state(project, *, clip_id: Optional[int] = None, cut_id: Optional[int] = None, lang: str, state: str,
              note: Optional[str] = None, expected_version: Optional[int] = None) -> dict:
    """Move a clip's or cut's subtitles in ``lang`` to ``state`` (see the module notes); returns the row's JSON."""
    if (clip_id is None) == (cut_id is None):
        raise RefusedError("give a clip or a cut, not both or neither")
    if state not in ALL_STATES:
        raise RefusedError(f"unknown state {state!r}; states are {', '.join(ALL_STATES)}")
    lang = (lang or "").strip()
    if not lang:
        raise RefusedError("give the subtitles' language (zh, en …)")
    note = (note or "").strip() or None
    user = project.user

    def _set(s: Session) -> dict:
        if clip_id is not None and s.get(Clip, clip_id) is None:
            raise NotFoundError(f"no clip with id {clip_id}")
        if cut_id is not None and s.get(Cut, cut_id) is None:
            raise NotFoundError(f"no cut with id {cut_id}")
        row = _row(s, clip_id=clip_id, cut_id=cut_id, lang=lang)
        current = row.state if row is not None else _derived(s, clip_id=clip_id, cut_id=cut_id, lang=lang)
        if row is not None and expected_version is not None and row.version != expected_version:
            from docmanager.errors import ConflictError

            raise ConflictError(f"someone else changed these subtitles' state (now {row.state} by "
                                f"{row.updated_by or 'someone'}); reload and try again")
        what = f"clip {clip_id}" if clip_id is not None else f"cut {cut_id}"
        # (A state already stored with its reason is only confirmed.)
        missing = (_untranslated(s, clip_id=clip_id, cut_id=cut_id, lang=lang) if state == "approved" else {})
        if missing and not note and not (state == current and row is not None and row.note):
            raise RefusedError(f"{what} {lang}: cannot approve: {_missing_text(missing, lang)}; translate them, "
                               f"or approve with --note saying why they stay untranslated")
        if state == current:
            if row is None:
                row = _new_row(s, clip_id=clip_id, cut_id=cut_id, lang=lang, state=current)
                _move(s, row, state, by=user, note=note, auto=False)
            elif note and note != row.note:
                row.note = note
            if cut_id is not None and state in LOCKED:
                # The lines approved (timed, delivered) are what later changes of the cut are measured
                # against, also when the cut only stood there because its clips do.
                row.snapshot = _cut_lines(s, cut_id, lang)
            s.flush()
            return _with_untranslated(_row_json(row, with_history=True), missing)
        if state != NOT_NEEDED and current != NOT_NEEDED and RANK[state] < RANK[current] and not note:
            raise RefusedError(f"{what} {lang}: going back from {current} to {state} needs a reason; "
                               f"give it with --note")
        if state != NOT_NEEDED:
            why = _work_allows(s, clip_id=clip_id, cut_id=cut_id, lang=lang, state=state, current=current)
            if why is not None:
                raise RefusedError(f"{what} {lang}: cannot move from {current} to {state}: {why}")
        if row is None:
            row = _new_row(s, clip_id=clip_id, cut_id=cut_id, lang=lang, state=current)
        if cut_id is not None:
            row.snapshot = _cut_lines(s, cut_id, lang) if state in LOCKED else None
        _move(s, row, state, by=user, note=note, auto=False)
        s.flush()
        return _with_untranslated(_row_json(row, with_history=True), missing)

    return project.write(_set)


# ============================================================== reading


def _derived(session: Session, *, clip_id: Optional[int], cut_id: Optional[int], lang: str) -> str:
    if clip_id is not None:
        return work_states(session, [clip_id], [lang])[(clip_id, lang)]
    return _derived_cuts(session, [cut_id], [lang])[(cut_id, lang)]


def _derived_cuts(session: Session, cut_ids: Sequence[int], langs: Sequence[str]) -> dict[tuple[int, str], str]:
    """A cut not yet given a state stands where the least advanced clip of its subtitle track is (≤ approved)."""
    from docmanager.subtitles.export import subtitle_track

    out: dict[tuple[int, str], str] = {}
    for cut_id in cut_ids:
        track = subtitle_track(session, cut_id)
        clip_ids = sorted(set(session.scalars(select(CutItem.clip_id).where(
            CutItem.cut_id == cut_id, CutItem.track == track)))) if track else []
        states = _clip_states(session, clip_ids, langs)
        for lang in langs:
            ranks = [RANK[states[(c, lang)][0]] for c in clip_ids if states[(c, lang)][0] != NOT_NEEDED]
            out[(cut_id, lang)] = STATES[min(min(ranks), RANK["approved"])] if ranks else "untranscribed"
    return out


def _clip_states(session: Session, clip_ids: Sequence[int], langs: Sequence[str]
                 ) -> dict[tuple[int, str], tuple[str, Optional[SubtitleStatus]]]:
    """(clip, lang) → (effective state, stored row or None)."""
    rows: dict[tuple[int, str], SubtitleStatus] = {}
    for chunk in _chunks(list(clip_ids), 500):
        for row in session.scalars(select(SubtitleStatus).where(SubtitleStatus.clip_id.in_(chunk))):
            rows[(row.clip_id, row.lang)] = row
    work = work_states(session, clip_ids, langs)
    out = {}
    for clip_id in clip_ids:
        for lang in langs:
            row = rows.get((clip_id, lang))
            out[(clip_id, lang)] = (row.state, row) if row is not None else (work[(clip_id, lang)], None)
    return out


def _iso(value) -> Optional[str]:
    return value.isoformat(timespec="seconds") if value is not None else None


def _history_json(row: SubtitleStatus) -> list[dict]:
    return [{"at": _iso(h.at), "by": h.by, "from": h.from_state, "to": h.to_state, "note": h.note,
             "auto": bool(h.auto), "lines": h.lines or []} for h in row.history]


def _row_json(row: Optional[SubtitleStatus], *, clip_id: Optional[int] = None,
              cut_id: Optional[int] = None, lang: Optional[str] = None, state: Optional[str] = None,
              with_history: bool = False) -> dict:
    if row is not None:
        key = {"clip_id": row.clip_id} if row.clip_id is not None else {"cut_id": row.cut_id}
        data = {**key, "lang": row.lang, "state": row.state, "updated_at": _iso(row.updated_at),
                "by": row.updated_by, "note": row.note, "derived": False, "version": row.version,
                "affected": row.affected or []}
        if row.affected:
            data["changed"] = f"{lines_text(row.affected)} changed since approval"
        if with_history:
            data["history"] = _history_json(row)
        return data
    key = {"clip_id": clip_id} if clip_id is not None else {"cut_id": cut_id}
    data = {**key, "lang": lang, "state": state, "updated_at": None, "by": None, "note": None, "derived": True,
            "version": None, "affected": []}
    if with_history:
        data["history"] = []
    return data


def status_rows(session: Session, *, clip_id: Optional[int] = None, cut_id: Optional[int] = None,
                lang: Optional[str] = None, clips: bool = True, cuts: bool = True) -> list[dict]:
    """``subtitles status``: one row per (clip, language) and (cut, language), stored or derived.

    With ``clip_id`` or ``cut_id`` only that clip's or cut's rows are listed,
    each with its ``history``.
    """
    langs = tracked_languages(session)
    if lang is not None:
        langs = [_match(langs, lang) or lang]
    with_history = clip_id is not None or cut_id is not None
    out: list[dict] = []
    if clips and cut_id is None:
        if clip_id is not None:
            if session.get(Clip, clip_id) is None:
                raise NotFoundError(f"no clip with id {clip_id}")
            ids = [clip_id]
        else:
            ids = list(session.scalars(select(Clip.id).order_by(Clip.id)))
        states = _clip_states(session, ids, langs)
        for cid in ids:
            for lg in langs:
                state, row = states[(cid, lg)]
                out.append(_row_json(row, clip_id=cid, lang=lg, state=state, with_history=with_history))
    if cuts and clip_id is None:
        if cut_id is not None:
            if session.get(Cut, cut_id) is None:
                raise NotFoundError(f"no cut with id {cut_id}")
            ids = [cut_id]
        else:
            ids = list(session.scalars(select(Cut.id).order_by(Cut.name, Cut.cut_version)))
        rows = {(r.cut_id, r.lang): r for r in session.scalars(
            select(SubtitleStatus).where(SubtitleStatus.cut_id.in_(ids)).options(
                selectinload(SubtitleStatus.history)))} if ids else {}
        missing = [(c, lg) for c in ids for lg in langs if (c, lg) not in rows]
        derived = _derived_cuts(session, sorted({c for c, _ in missing}), langs) if missing else {}
        for cid in ids:
            for lg in langs:
                row = rows.get((cid, lg))
                out.append(_row_json(row, cut_id=cid, lang=lg, state=derived.get((cid, lg)),
                                     with_history=with_history))
    return out


# ============================================================== moves by the work


_KEY = "docmanager.subtitles.touched"
_BUSY = "docmanager.subtitles.busy"


def install(factory) -> None:
    """Attach the hooks that let states follow the work to a ``sessionmaker`` (the project's writers)."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)


def _changed(obj, fields: Sequence[str]) -> bool:
    from sqlalchemy import inspect

    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _line_changed(seg: Segment) -> bool:
    return _changed(seg, _LINE_FIELDS)


def _after_flush(session: Session, _context) -> None:
    if session.info.get(_BUSY):
        return
    touched = session.info.setdefault(_KEY, {"lines": defaultdict(set), "transcripts": set(), "cuts": set()})
    for obj in session.new:
        if isinstance(obj, Segment):
            touched["lines"][obj.transcript_id].add(obj.position)
        elif isinstance(obj, Transcript):
            touched["transcripts"].add(obj.id)
        elif isinstance(obj, CutItem):
            touched["cuts"].add(obj.cut_id)
    for obj in session.dirty:
        if isinstance(obj, Segment) and _line_changed(obj):
            touched["lines"][obj.transcript_id].add(obj.position)
        elif isinstance(obj, Segment) and _changed(obj, _LINK_FIELDS):
            # Paired anew (a translation imported again): not an edit, but the coverage may have changed.
            touched["transcripts"].add(obj.transcript_id)
        elif isinstance(obj, Transcript) and _changed(obj, _TRANSCRIPT_FIELDS):
            touched["transcripts"].add(obj.id)
        elif isinstance(obj, (Cut,)):
            touched["cuts"].add(obj.id)
        elif isinstance(obj, CutItem):
            touched["cuts"].add(obj.cut_id)
    for obj in session.deleted:
        if isinstance(obj, Segment):
            touched["lines"][obj.transcript_id].add(obj.position)
        elif isinstance(obj, Transcript):
            touched["transcripts"].add(obj.id)
            touched.setdefault("clips", set()).add(obj.clip_id)
        elif isinstance(obj, CutItem):
            touched["cuts"].add(obj.cut_id)


def _before_commit(session: Session) -> None:
    if session.info.get(_BUSY):
        return
    session.flush()  # commit flushes after this hook: flush now so every change of the unit is noted
    touched = session.info.pop(_KEY, None)
    if not touched:
        return
    session.info[_BUSY] = True
    try:
        project = session.info.get("project")
        _follow_work(session, touched, getattr(project, "user", None))
        session.flush()
    finally:
        session.info.pop(_BUSY, None)
        session.info.pop(_KEY, None)


def _follow_work(session: Session, touched: dict, user: Optional[str]) -> None:
    transcript_ids = set(touched["lines"]) | set(touched["transcripts"])
    edited: dict[int, set[int]] = {tid: set(p) for tid, p in touched["lines"].items()}
    transcripts = {t.id: t for t in session.scalars(select(Transcript).where(Transcript.id.in_(transcript_ids)))} \
        if transcript_ids else {}
    clip_ids = {t.clip_id for t in transcripts.values()} | set(touched.get("clips", ()))
    cut_ids = set(touched["cuts"])
    if clip_ids:
        _follow_clips(session, sorted(clip_ids), transcripts, edited, user)
        # Cuts that use these clips may now show different lines.
        cut_ids |= set(session.scalars(select(CutItem.cut_id).where(CutItem.clip_id.in_(clip_ids)).distinct()))
    if cut_ids:
        _follow_cuts(session, sorted(cut_ids), user)


def _follow_clips(session: Session, clip_ids: Sequence[int], transcripts: dict[int, Transcript],
                  edited: dict[int, set[int]], user: Optional[str]) -> None:
    all_langs = set(tracked_languages(session))
    clip_transcripts: dict[int, list[Transcript]] = defaultdict(list)
    for t in session.scalars(select(Transcript).where(Transcript.clip_id.in_(clip_ids))):
        clip_transcripts[t.clip_id].append(t)
        all_langs.add(t.lang)
    langs = sorted(all_langs, key=_lang_order)
    work = work_states(session, clip_ids, langs)
    rows = {(r.clip_id, r.lang): r for r in session.scalars(
        select(SubtitleStatus).where(SubtitleStatus.clip_id.in_(clip_ids)))}
    for clip_id in clip_ids:
        by_id = {t.id: t for t in clip_transcripts.get(clip_id, [])}
        for lang in langs:
            now = work[(clip_id, lang)]
            row = rows.get((clip_id, lang))
            if row is None:
                if now != "untranscribed":
                    row = _new_row(session, clip_id=clip_id, cut_id=None, lang=lang, state="untranscribed")
                    _move(session, row, now, by=user, note=_work_note(now, lang), auto=True)
                continue
            if row.state == NOT_NEEDED:
                continue
            if row.state in FOLLOWING:
                if row.state != now:
                    _move(session, row, now, by=user, note=_work_note(now, lang), auto=True)
                continue
            if row.state in LOCKED:
                lines = _edited_lines(by_id, transcripts, edited, lang)
                if lines:
                    _move(session, row, "reviewed", by=user, auto=True, lines=lines,
                          note=f"{lines_text(lines)} edited after {row.state}")
            elif row.state == "reviewed" and (since := _stepped_back_from(row)) is not None:
                lines = _edited_lines(by_id, transcripts, edited, lang)
                if lines:
                    every = sorted(set(row.affected or ()) | set(lines))
                    _move(session, row, "reviewed", by=user, auto=True, lines=lines,
                          note=f"{lines_text(lines)} edited after {since}")
                    row.affected = every
                    row.note = f"{lines_text(every)} edited after {since}"


def _stepped_back_from(row: SubtitleStatus) -> Optional[str]:
    """The state the work moved ``row`` back from, while nobody has moved it since; else None.

    Until then further changes add to the lines it names (``affected``).
    """
    for h in reversed(row.history):
        if not h.auto or h.to_state != "reviewed":
            return None
        if h.from_state in LOCKED:
            return h.from_state
        if h.from_state != "reviewed":
            return None
    return None


def _work_note(state: str, lang: str) -> str:
    return {"untranscribed": "no transcript any more",
            "transcribed": "transcript imported",
            "translated": f"the {lang} translation covers every line"}[state]


def _edited_lines(clip_transcripts: dict[int, Transcript], touched: dict[int, Transcript],
                  edited: dict[int, set[int]], lang: str) -> list[int]:
    """Line numbers (1-based) edited in ``lang``'s text or in the transcript it translates."""
    own = next((t for t in clip_transcripts.values() if t.lang == lang), None)
    if own is None:
        own = next((t for t in clip_transcripts.values() if t.lang.lower() == lang.lower()), None)
    relevant = set()
    if own is not None:
        relevant.add(own.id)
        if own.translation_of_id is not None:
            relevant.add(own.translation_of_id)
    lines: set[int] = set()
    for tid in relevant:
        lines |= {p + 1 for p in edited.get(tid, ()) if p is not None}
    return sorted(lines)


def _follow_cuts(session: Session, cut_ids: Sequence[int], user: Optional[str]) -> None:
    # Items added by foreign key only are not in an already loaded ``Cut.items``: read them afresh.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Cut) and obj.id in cut_ids:
            session.expire(obj, ["items"])
    rows = session.scalars(select(SubtitleStatus).where(
        SubtitleStatus.cut_id.in_(cut_ids), SubtitleStatus.state.in_(sorted(LOCKED | {"reviewed"})))).all()
    for row in rows:
        if session.get(Cut, row.cut_id) is None:
            continue
        since = row.state
        if row.state == "reviewed":
            # Moved back by the work and not moved since: the lines are still measured against the
            # approved (timed, delivered) ones, so ``affected`` names every change since then.
            since = _stepped_back_from(row) if row.snapshot is not None else None
            if since is None:
                continue
        now = _cut_lines(session, row.cut_id, row.lang)
        old = row.snapshot or []
        if [list(x) for x in old] == now:
            continue
        changed, removed = _changed_lines(old, now)
        if row.state == "reviewed" and changed == (row.affected or []):
            continue
        what = f"{lines_text(changed)} changed since {since}" if changed else ""
        if removed:
            what = (what + "; " if what else "") + f"{removed} line{'s' if removed != 1 else ''} of the " \
                                                   f"{since} version gone"
        _move(session, row, "reviewed", by=user, auto=True, lines=changed, note=f"the cut changed: {what}")

