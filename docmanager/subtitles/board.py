"""The subtitle board: which interviews are transcribed, translated, checked or timed, per language.

:func:`board` reads, in one go, what the Subtitles tab and ``subtitles
status`` show: groups of clip rows (by subject, by shoot, or one group),
then the cuts, each row with one :class:`Cell` per tracked language
(:func:`docmanager.subtitles.status.tracked_languages`).

A cell is the state of those subtitles (stored, or derived from the work
when nobody has set it), who moved it and when, the note, for a cut the
lines changed since approval, and the number of QC findings
(:func:`docmanager.subtitles.qc.check_lines` over the subtitles
``subtitles export`` would write, with the project's limits and glossary).
QC is counted only for cells that have text.  The board is kept per
catalogue state (``Project.memoized``), so it reads again at once until
someone changes the catalogue; and each cell's count is kept, while the
project is open, with what it was computed from (for a clip: its transcripts
and a summary of their lines, the versions, positions and last changes; for
a cut: its items, and the same of their clips; and the limits and glossary),
so after a change only the clips and cuts it touched are checked again.  The
counts are also saved in the project folder (``cache/qc-counts.json``, each
computer its own, named by digests of what they were computed from and of the
checks themselves), so a project opened again checks only what changed while
it was closed; a missing or damaged file only means checking everything again.
Counts are kept only from a session that reads one state of the catalogue
throughout (SQLite always; PostgreSQL at ``REPEATABLE READ``): otherwise a
write committed during the read could leave a count filed under a state it
was not computed from.
``progress`` and ``cancel`` (``docmanager.jobs``) let a caller follow a
long first read and stop it: what was checked until then is kept.

A clip with several subjects is listed under each of them (grouped by
subject); the totals count it once.  :class:`Total` says per language how
many of the clips that need subtitles (every clip whose state is not
``not-needed``) are approved (``approved``, ``timed`` or ``delivered``):
"English: 14 of 22 interviews approved".

Filters: ``subject`` and ``shoot`` (an id or a name; a subject also by its
Chinese name) narrow the clips, and the cuts to those that use one of the
clips left; ``state`` keeps the rows with a cell in that state.

:func:`cell_findings` lists the findings of one cell with the subtitle
each is about and where it came from (the clip and transcript line), for
the QC panel.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence, Union

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docmanager.db.models import Clip, ClipSubject, Cut, CutItem, Segment, Shoot, Subject, Transcript
from docmanager.errors import NotFoundError, RefusedError
from docmanager.subtitles import qc
from docmanager.subtitles.export import SubLine, clip_subtitle_lines, cut_subtitle_lines, subtitle_track
from docmanager.subtitles.status import ALL_STATES, LOCKED, NOT_NEEDED, status_rows, tracked_languages

__all__ = [
    "GROUPINGS",
    "APPROVED",
    "Cell",
    "ClipRow",
    "CutRow",
    "Group",
    "Total",
    "Board",
    "CellFinding",
    "board",
    "cell_findings",
    "language_name",
]

GROUPINGS = ("subject", "shoot", None)
#: States that count as approved in the totals.
APPROVED = LOCKED
language_name = qc.language_name

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Cell:
    """The subtitles of one clip or cut in one language."""

    lang: str
    state: str
    by: Optional[str] = None
    at: Optional[str] = None  # ISO time of the last move
    note: Optional[str] = None
    derived: bool = True  # nobody set it: read from the work
    changed: Optional[str] = None  # "line 4 changed since approval"
    affected: tuple[int, ...] = ()
    version: Optional[int] = None
    has_text: bool = False
    qc: Optional[int] = None  # findings; None when there is no text to check

    def to_json(self) -> dict:
        return {"lang": self.lang, "state": self.state, "by": self.by, "at": self.at, "note": self.note,
                "derived": self.derived, "changed": self.changed, "affected": list(self.affected),
                "version": self.version, "has_text": self.has_text, "qc": self.qc}


@dataclass(frozen=True)
class ClipRow:
    clip_id: int
    name: str
    subjects: tuple[str, ...]
    shoot: Optional[str]
    duration_s: float
    cells: dict[str, Cell]
    kind: str = "clip"

    @property
    def id(self) -> int:
        return self.clip_id

    def to_json(self) -> dict:
        return {"clip_id": self.clip_id, "name": self.name, "subjects": list(self.subjects), "shoot": self.shoot,
                "duration_s": self.duration_s, "cells": {k: c.to_json() for k, c in self.cells.items()}}


@dataclass(frozen=True)
class CutRow:
    cut_id: int
    name: str  # "Assembly v2"
    cells: dict[str, Cell]
    kind: str = "cut"

    @property
    def id(self) -> int:
        return self.cut_id

    def to_json(self) -> dict:
        return {"cut_id": self.cut_id, "name": self.name, "cells": {k: c.to_json() for k, c in self.cells.items()}}


@dataclass(frozen=True)
class Group:
    """A heading and its rows: a subject, a shoot, "No subject", "Clips" or "Cuts"."""

    kind: str  # subject, shoot, no-subject, no-shoot, clips, cuts
    key: Optional[int]  # the subject's or shoot's id
    title: str
    rows: list

    def to_json(self) -> dict:
        return {"kind": self.kind, "key": self.key, "title": self.title, "rows": [r.to_json() for r in self.rows]}


@dataclass(frozen=True)
class Total:
    """One language: how many clips need subtitles, how many are approved, and the cuts likewise."""

    lang: str
    approved: int
    needed: int
    cuts_approved: int = 0
    cuts: int = 0
    by_state: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """"English: 14 of 22 interviews approved"."""
        noun = "interview" if self.needed == 1 else "interviews"
        return f"{language_name(self.lang)}: {self.approved} of {self.needed} {noun} approved"

    def to_json(self) -> dict:
        return {"lang": self.lang, "approved": self.approved, "needed": self.needed,
                "cuts_approved": self.cuts_approved, "cuts": self.cuts, "by_state": dict(self.by_state),
                "text": self.text}


@dataclass(frozen=True)
class Board:
    languages: list[str]
    groups: list[Group]
    totals: list[Total]
    group_by: Optional[str] = None

    def rows(self) -> list:
        """Every row, clips then cuts (a clip under two subjects twice)."""
        return [row for group in self.groups for row in group.rows]

    def clip_row(self, clip_id: int) -> Optional[ClipRow]:
        return next((r for r in self.rows() if r.kind == "clip" and r.clip_id == clip_id), None)

    def cut_row(self, cut_id: int) -> Optional[CutRow]:
        return next((r for r in self.rows() if r.kind == "cut" and r.cut_id == cut_id), None)

    def to_json(self) -> dict:
        return {"languages": list(self.languages), "group_by": self.group_by,
                "groups": [g.to_json() for g in self.groups], "totals": [t.to_json() for t in self.totals]}


# ============================================================== reading


def _project(session: Session):
    project = session.info.get("project")
    return project if hasattr(project, "memoized") else None


def _memo(session: Session, key, compute):
    project = _project(session)
    return project.memoized(key, compute) if project is not None else compute()


def _resolve(session: Session, model, value: Union[int, str, None], what: str) -> Optional[int]:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        if session.get(model, value) is None:
            raise NotFoundError(f"no {what} with id {value}")
        return value
    text = str(value).strip()
    if text.isdigit() and session.get(model, int(text)) is not None:
        return int(text)
    columns = [model.name] + ([model.name_zh, model.pinyin] if model is Subject else [])
    for column in columns:
        found = session.scalar(select(model.id).where(column == text))
        if found is not None:
            return found
    lowered = text.lower()
    for row_id, *names in session.execute(select(model.id, *columns)):
        if any(n and n.lower() == lowered for n in names):
            return row_id
    raise NotFoundError(f"no {what} named {text!r}")


def _cells(rows: Sequence[dict], key: str, text: dict, counts: dict) -> dict[int, dict[str, Cell]]:
    out: dict[int, dict[str, Cell]] = defaultdict(dict)
    for r in rows:
        owner = r.get(key)
        if owner is None:
            continue
        lang = r["lang"]
        has = bool(text.get((owner, lang)))
        out[owner][lang] = Cell(lang=lang, state=r["state"], by=r["by"], at=r["updated_at"], note=r["note"],
                                derived=r["derived"], changed=r.get("changed"), affected=tuple(r["affected"] or ()),
                                version=r["version"], has_text=has, qc=counts.get((owner, lang)) if has else None)
    return out


def _limits_and_names(session: Session):
    return qc.project_limits(session), qc.project_names(session)


#: Open project → {what a cell's count was computed from: the count}.
_COUNTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_COUNTS_LOCK = threading.Lock()


def _reads_one_state(session: Session) -> bool:
    """Whether every read of the session sees the same state of the catalogue.

    A project's SQLite sessions begin explicitly, so a transaction reads one
    snapshot.  On PostgreSQL that takes ``REPEATABLE READ`` (or stricter); at
    the default ``READ COMMITTED`` each statement sees the latest commits, so
    lines read after the prints may belong to a state the prints do not name.
    """
    if session.get_bind().dialect.name == "sqlite":
        return True
    return str(session.connection().get_isolation_level()).upper() in ("REPEATABLE READ", "SERIALIZABLE")


#: Where a project keeps its QC counts between sessions (in its ``cache`` folder; each computer its own).
SAVED_COUNTS = "qc-counts.json"


@functools.lru_cache(maxsize=1)
def _rules() -> str:
    """What the counts were computed by: the QC and the subtitle shaping as this build has them."""
    from docmanager.subtitles import export

    digest = hashlib.blake2b(digest_size=16)
    for module in (qc, export):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def _digest(what) -> str:
    """A short, stable name for what a count was computed from (the same in every run)."""
    return hashlib.blake2b(repr(what).encode("utf-8", "backslashreplace"), digest_size=16).hexdigest()


class _Kept(dict):
    """A project's QC counts by :func:`_digest` of what each was computed from, read from and saved to
    ``SAVED_COUNTS``, so a project opened again does not check every interview anew."""

    def __init__(self, path: Optional[Path]) -> None:
        super().__init__()
        self.path = path
        self.saved: dict = {}
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, unreadable or damaged: the counts are computed again
            return
        if isinstance(data, dict) and data.get("rules") == _rules() and isinstance(data.get("counts"), dict):
            self.update({k: v for k, v in data["counts"].items() if v is None or isinstance(v, int)})
            self.saved = dict(self)

    def save(self) -> None:
        """Write the counts if they changed since read or saved (under a temporary name, then renamed)."""
        now = {k: v for k, v in dict.copy(self).items() if isinstance(k, str)}  # copied in one step
        if self.path is None or now == self.saved:
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"rules": _rules(), "counts": now}, separators=(",", ":")),
                           encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:  # a full or read-only disk: the counts are only kept in memory
            log.warning("QC counts not saved to %s: %s", self.path, exc)
            with contextlib.suppress(OSError):
                tmp.unlink()
            return
        self.saved = now


def _saved_counts_path(project) -> Optional[Path]:
    root = getattr(project, "root", None)
    return Path(root) / "cache" / SAVED_COUNTS if root is not None else None


def _counts_of(session: Session) -> Optional[dict]:
    """The QC counts kept for the session's project (None without one, or when the session's reads could
    mix states: nothing is kept then)."""
    project = _project(session)
    if project is None or not _reads_one_state(session):
        return None
    with _COUNTS_LOCK:
        try:
            counts = _COUNTS.get(project)
            if counts is None:
                counts = _COUNTS[project] = _Kept(_saved_counts_path(project))
            return counts
        except TypeError:  # not weakly referable
            return None


def _forget_others(session: Session, kept: dict) -> None:
    """After a whole read: keep only the counts of what the board holds now."""
    project = _project(session)
    if project is None:
        return
    with _COUNTS_LOCK:
        counts = _COUNTS.get(project)
    if counts is not None:
        # Another read may be adding counts meanwhile (without the lock): go over a copy of the keys,
        # taken in one step, never over the dict itself.
        for key in list(counts):
            if key not in kept:
                counts.pop(key, None)
        if isinstance(counts, _Kept):
            counts.save()


def _clip_prints(session: Session) -> dict[int, tuple]:
    """Clip → what its subtitles are made of: its transcripts, each with a summary of its lines.

    Any edit of a line raises its version, adding or removing one changes the
    count, and a move changes the positions; every write stamps ``updated_at``.
    """
    rows = session.execute(
        select(Transcript.clip_id, Transcript.id, Transcript.lang, Transcript.kind, Transcript.translation_of_id,
               Transcript.version, func.count(Segment.id), func.sum(Segment.version), func.sum(Segment.id),
               func.sum(Segment.position), func.max(Segment.updated_at))
        .outerjoin(Segment, Segment.transcript_id == Transcript.id)
        .group_by(Transcript.id).order_by(Transcript.id))
    out: dict[int, list] = defaultdict(list)
    for clip_id, *rest in rows:
        out[clip_id].append(tuple(rest))
    return {clip_id: tuple(parts) for clip_id, parts in out.items()}


def _cut_prints(session: Session, clip_prints: dict[int, tuple]) -> dict[int, tuple]:
    """Cut → what its subtitles are made of: the cut, its items, and the rates and prints of their clips."""
    items: dict[int, list] = defaultdict(list)
    for cut_id, *rest in session.execute(
            select(CutItem.cut_id, CutItem.id, CutItem.version, CutItem.track, CutItem.position, CutItem.clip_id,
                   CutItem.source_in, CutItem.source_out).order_by(CutItem.cut_id, CutItem.id)):
        items[cut_id].append(tuple(rest))
    rates = {cid: (num, den) for cid, num, den in session.execute(select(Clip.id, Clip.rate_num, Clip.rate_den))}
    out = {}
    for cut_id, version, num, den, tracks in session.execute(
            select(Cut.id, Cut.version, Cut.rate_num, Cut.rate_den, Cut.tracks)):
        its = tuple(items.get(cut_id, ()))
        used = sorted({item[4] for item in its})
        out[cut_id] = ((version, num, den, tuple(tracks or ())), its,
                       tuple((c, rates.get(c), clip_prints.get(c)) for c in used))
    return out


def _check(cancel) -> None:
    if cancel is not None:
        cancel.raise_if_cancelled()


def _clip_qc(session: Session, langs: Sequence[str], counts: Optional[dict], kept: dict, context: tuple,
             rules: str, prints: dict, progress=None, cancel=None) -> tuple[dict, dict]:
    """((clip, lang) → has text, (clip, lang) → number of findings) for every clip with text."""
    transcripts = session.execute(select(Transcript.clip_id, Transcript.lang)).all()
    has: dict[tuple[int, str], bool] = {}
    for clip_id, lang in transcripts:
        for wanted in langs:
            if wanted.lower() == lang.lower():
                has[(clip_id, wanted)] = True
    limits, names = context
    found = {}
    total = len({clip_id for clip_id, _lang in has})
    done: set[int] = set()
    for clip_id, lang in sorted(has):
        _check(cancel)
        key = _digest(("clip", clip_id, lang, prints.get(clip_id), rules))
        count = counts.get(key) if counts is not None else None
        if count is None:
            count = len(qc.check_subtitles(session, clip_subtitle_lines(session, clip_id, lang), lang,
                                           clip_id=clip_id, limits=limits, names=names))
            if counts is not None:
                counts[key] = count
        kept[key] = count
        found[(clip_id, lang)] = count
        if progress is not None and clip_id not in done:
            done.add(clip_id)
            progress(len(done), total, "")
    return has, found


def _cut_qc(session: Session, cut_ids: Sequence[int], langs: Sequence[str], counts: Optional[dict], kept: dict,
            context: tuple, rules: str, clip_prints: dict, cancel=None) -> tuple[dict, dict]:
    limits, names = context
    prints = _cut_prints(session, clip_prints) if counts is not None and cut_ids else {}
    has: dict[tuple[int, str], bool] = {}
    found: dict[tuple[int, str], int] = {}
    for cut_id in cut_ids:
        for lang in langs:
            _check(cancel)
            key = _digest(("cut", cut_id, lang, prints.get(cut_id), rules))
            count = counts.get(key, ...) if counts is not None else ...
            if count is ...:  # None: the cut has no lines in that language
                lines = cut_subtitle_lines(session, cut_id, lang)
                count = len(qc.check_subtitles(session, lines, lang, cut_id=cut_id, limits=limits,
                                               names=names)) if lines else None
                if counts is not None:
                    counts[key] = count
            kept[key] = count
            if count is not None:
                has[(cut_id, lang)] = True
                found[(cut_id, lang)] = count
    return has, found


def _everything(session: Session, progress=None, cancel=None) -> dict:
    """The whole project's board data (no filters, no grouping): read once per catalogue state."""
    langs = tracked_languages(session)
    rows = status_rows(session)
    _check(cancel)
    clip_rows = [r for r in rows if r.get("clip_id") is not None]
    cut_rows = [r for r in rows if r.get("cut_id") is not None]
    cut_ids = list(dict.fromkeys(r["cut_id"] for r in cut_rows))
    limits, names = _limits_and_names(session)
    context = (limits, tuple(names))
    counts = _counts_of(session)
    rules = _digest((_rules(), context)) if counts is not None else ""  # the checks and what they check against
    prints = _clip_prints(session) if counts is not None else {}
    kept: dict = {}
    clip_has, clip_counts = _clip_qc(session, langs, counts, kept, context, rules, prints, progress, cancel)
    cut_has, cut_counts = _cut_qc(session, cut_ids, langs, counts, kept, context, rules, prints, cancel)
    _forget_others(session, kept)
    clips = {}
    shoot_names = dict(session.execute(select(Shoot.id, Shoot.name)).all())
    for cid, name, shoot_id, frames, num, den, recorded in session.execute(
            select(Clip.id, Clip.name, Clip.shoot_id, Clip.duration_frames, Clip.rate_num, Clip.rate_den,
                   Clip.recorded_at)):
        clips[cid] = {"name": name, "shoot_id": shoot_id, "shoot": shoot_names.get(shoot_id),
                      "duration_s": round((frames or 0) * (den or 1) / (num or 25), 3), "recorded": recorded or ""}
    subjects = {sid: name for sid, name in session.execute(select(Subject.id, Subject.name))}
    clip_subjects: dict[int, list[int]] = defaultdict(list)
    for cid, sid in session.execute(select(ClipSubject.clip_id, ClipSubject.subject_id)):
        clip_subjects[cid].append(sid)
    cut_names = {cid: f"{name} v{version}" for cid, name, version in session.execute(
        select(Cut.id, Cut.name, Cut.cut_version))}
    cut_clips: dict[int, set[int]] = {}
    for cut_id in cut_ids:
        track = subtitle_track(session, cut_id)
        cut_clips[cut_id] = set(session.scalars(select(CutItem.clip_id).where(
            CutItem.cut_id == cut_id, CutItem.track == track))) if track else set()
    return {"langs": langs, "clip_cells": dict(_cells(clip_rows, "clip_id", clip_has, clip_counts)),
            "cut_cells": dict(_cells(cut_rows, "cut_id", cut_has, cut_counts)), "cut_ids": cut_ids,
            "clips": clips, "subjects": subjects, "clip_subjects": dict(clip_subjects), "cut_names": cut_names,
            "cut_clips": cut_clips}


def board(session: Session, group_by: Optional[str] = "subject", subject: Union[int, str, None] = None,
          shoot: Union[int, str, None] = None, state: Optional[str] = None, *,
          progress: Optional[Callable[[float, float, str], None]] = None, cancel=None) -> Board:
    """The subtitle board (see the module notes).

    ``progress(done, total, message)`` is told how many clips have been checked
    while QC runs; ``cancel`` (a ``docmanager.jobs.CancelToken``) stops the read
    with ``Cancelled``.
    """
    if group_by not in GROUPINGS:
        raise RefusedError(f"the board groups by subject, by shoot or not at all, not by {group_by!r}")
    if state is not None and state not in ALL_STATES:
        raise RefusedError(f"unknown state {state!r}; states are {', '.join(ALL_STATES)}")
    subject_id = _resolve(session, Subject, subject, "subject")
    shoot_id = _resolve(session, Shoot, shoot, "shoot")
    data = _memo(session, ("docmanager.subtitles.board",), lambda: _everything(session, progress, cancel))
    langs: list[str] = data["langs"]
    clips: dict = data["clips"]
    subjects: dict = data["subjects"]
    clip_subjects: dict = data["clip_subjects"]

    def make_clip(cid: int) -> ClipRow:
        info = clips[cid]
        names = tuple(sorted(subjects[s] for s in clip_subjects.get(cid, ()) if s in subjects))
        return ClipRow(cid, info["name"], names, info["shoot"], info["duration_s"],
                       {lang: data["clip_cells"][cid][lang] for lang in langs})

    def wanted(cells: dict[str, Cell]) -> bool:
        return state is None or any(c.state == state for c in cells.values())

    chosen = [cid for cid in clips
              if (subject_id is None or subject_id in clip_subjects.get(cid, ()))
              and (shoot_id is None or clips[cid]["shoot_id"] == shoot_id)]
    chosen.sort(key=lambda cid: (clips[cid]["recorded"], clips[cid]["name"].lower(), cid))
    rows = {cid: make_clip(cid) for cid in chosen}
    shown = [cid for cid in chosen if wanted(rows[cid].cells)]

    groups: list[Group] = []
    if group_by == "subject":
        by_subject: dict[int, list[int]] = defaultdict(list)
        loose: list[int] = []
        for cid in shown:
            sids = [s for s in clip_subjects.get(cid, ()) if s in subjects]
            if subject_id is not None:
                sids = [subject_id]
            for sid in sids:
                by_subject[sid].append(cid)
            if not sids:
                loose.append(cid)
        for sid in sorted(by_subject, key=lambda s: subjects[s].lower()):
            groups.append(Group("subject", sid, subjects[sid], [rows[c] for c in by_subject[sid]]))
        if loose:
            groups.append(Group("no-subject", None, "No subject", [rows[c] for c in loose]))
    elif group_by == "shoot":
        by_shoot: dict[Optional[int], list[int]] = defaultdict(list)
        for cid in shown:
            by_shoot[clips[cid]["shoot_id"]].append(cid)
        order = [s for s in by_shoot if s is not None]
        order.sort(key=lambda s: min(clips[c]["recorded"] for c in by_shoot[s]))
        for sid in order:
            groups.append(Group("shoot", sid, clips[by_shoot[sid][0]]["shoot"] or "", [rows[c] for c in by_shoot[sid]]))
        if None in by_shoot:
            groups.append(Group("no-shoot", None, "No shoot", [rows[c] for c in by_shoot[None]]))
    elif shown:
        groups.append(Group("clips", None, "Clips", [rows[c] for c in shown]))

    narrowed = subject_id is not None or shoot_id is not None
    chosen_set = set(chosen)
    cut_rows = [CutRow(cut_id, data["cut_names"].get(cut_id, f"cut {cut_id}"),
                       {lang: data["cut_cells"][cut_id][lang] for lang in langs})
                for cut_id in data["cut_ids"]
                if not narrowed or data["cut_clips"].get(cut_id, set()) & chosen_set]
    shown_cuts = [r for r in cut_rows if wanted(r.cells)]
    if shown_cuts:
        groups.append(Group("cuts", None, "Cuts", shown_cuts))

    totals = []
    for lang in langs:
        by_state: dict[str, int] = defaultdict(int)
        for cid in chosen:
            by_state[rows[cid].cells[lang].state] += 1
        needed = sum(n for s, n in by_state.items() if s != NOT_NEEDED)
        approved = sum(n for s, n in by_state.items() if s in APPROVED)
        totals.append(Total(lang, approved, needed,
                            cuts_approved=sum(1 for r in cut_rows if r.cells[lang].state in APPROVED),
                            cuts=sum(1 for r in cut_rows if r.cells[lang].state != NOT_NEEDED),
                            by_state=dict(by_state)))
    return Board(list(langs), groups, totals, group_by)


# ============================================================== the QC of one cell


@dataclass(frozen=True)
class CellFinding:
    """A QC finding of one cell with the subtitle it is about and where that came from."""

    index: int  # 1-based number of the subtitle
    problem: str
    message: str
    start_ms: int
    end_ms: int
    text: str
    clip_id: Optional[int]  # the clip the subtitle's text comes from
    segment_id: Optional[int]  # the transcript line (of ``lang``) it shows

    def to_json(self) -> dict:
        return {"index": self.index, "problem": self.problem, "message": self.message, "start_ms": self.start_ms,
                "end_ms": self.end_ms, "text": self.text, "clip_id": self.clip_id, "segment_id": self.segment_id}


def cell_findings(session: Session, *, clip_id: Optional[int] = None, cut_id: Optional[int] = None,
                  lang: str) -> list[CellFinding]:
    """The QC findings of a clip's or a cut's subtitles in ``lang`` (empty when it has none or no text)."""
    if (clip_id is None) == (cut_id is None):
        raise RefusedError("give a clip or a cut, not both or neither")
    if clip_id is not None:
        lines: list[SubLine] = clip_subtitle_lines(session, clip_id, lang)
    else:
        lines = cut_subtitle_lines(session, cut_id, lang)
    if not lines:
        return []
    limits, names = _limits_and_names(session)
    findings = qc.check_subtitles(session, lines, lang, clip_id=clip_id, cut_id=cut_id, limits=limits, names=names)
    shown = lines + [f.about for f in findings if f.about is not None]  # an untranslated line: its own
    seg_ids = {line.segment_ids[0] for line in shown if line.segment_ids}
    clip_of: dict[int, int] = {}
    if seg_ids and cut_id is not None:
        clip_of = dict(session.execute(select(Segment.id, Transcript.clip_id).join(
            Transcript, Segment.transcript_id == Transcript.id).where(Segment.id.in_(seg_ids))).all())
    out = []
    for f in findings:
        line = f.about if f.about is not None else lines[f.index - 1]
        seg = line.segment_ids[0] if line.segment_ids else None
        owner = clip_id if clip_id is not None else clip_of.get(seg) if seg is not None else None
        out.append(CellFinding(f.index, f.problem, f.message, line.start_ms, line.end_ms, line.text, owner, seg))
    return out
