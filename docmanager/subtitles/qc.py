"""Subtitle quality control: what a subtitle editor checks before a file leaves the room.

:func:`check_lines` looks at a list of subtitles (``start_ms``, ``end_ms``,
``text``: the lines of a cut, of a clip, or of a file read with
:func:`docmanager.transcripts.readers.read_file`) and returns one
:class:`Finding` per problem, each with the 1-based number of its subtitle:

* ``too-fast``: reading speed above the limit, in characters per second,
  counted without spaces and line breaks; Chinese (a line mostly in 汉字)
  has its own, lower limit.
* ``line-too-long``: a displayed line longer than the limit (Latin and
  Chinese limits apart); ``too-many-lines``: more lines than allowed.
* ``too-short`` / ``too-long``: on screen for less or more than the limits.
* ``overlap``: starts before the previous subtitle ends.
* ``gap``: starts less than two frames after the previous one ends (players
  and broadcasters need a clear gap; 0 ms is fine: a subtitle following on).
* ``empty``: no text.
* ``untranslated`` (:func:`check_subtitles`, for a clip's or a cut's
  subtitles in a translation language): a line of the transcript it
  translates plays there with no translation.  Its ``index`` is the place the
  missing subtitle would take (the number of the first subtitle starting
  after it; one past the last when none does); the message names the line
  among the subtitles of its own language, its time and its words.
* ``glossary``: a subject's name spelled unlike the glossary: an English
  (or pinyin) spelling close to the glossary's but not it ("Liu Jingjun" for
  "Liu Jinjun"), or Chinese characters that sound like a subject's name but
  are written differently (刘静君 for 刘静军, found through pypinyin).

The limits (:class:`QcLimits`) default to common broadcast and streaming
practice: 17 characters per second and 42 characters a line for Latin text,
9 characters per second and 16 a line for Chinese, two lines, 5/6 s to 7 s
on screen.  They can be changed per project (setting ``subtitle_qc`` as
``key=value,…``) or per call.
"""
from __future__ import annotations

import bisect
import difflib
import re
import threading
import unicodedata
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterable, Optional, Sequence

from pypinyin import Style, lazy_pinyin

__all__ = ["QcLimits", "Finding", "check_lines", "check_subtitles", "limits_from_text", "NameSpelling",
           "language_name"]


@dataclass(frozen=True)
class QcLimits:
    cps_latin: float = 17.0
    cps_chinese: float = 9.0
    line_latin: int = 42
    line_chinese: int = 16
    max_lines: int = 2
    min_ms: int = 833
    max_ms: int = 7000
    min_gap_frames: int = 2
    rate: Fraction = Fraction(25)

    def to_json(self) -> dict:
        return {f.name: (str(getattr(self, f.name)) if f.name == "rate" else getattr(self, f.name))
                for f in fields(self)}


def limits_from_text(text: Optional[str], base: QcLimits = QcLimits()) -> QcLimits:
    """``"cps_latin=20,line_chinese=18"`` → limits (unknown keys and bad values are refused)."""
    from docmanager.errors import RefusedError

    if not text:
        return base
    kinds = {f.name: f.type for f in fields(QcLimits)}
    changes = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, _, value = part.partition("=")
        key = key.strip()
        if key not in kinds:
            raise RefusedError(f"unknown subtitle QC limit {key!r}; limits are {', '.join(kinds)}")
        try:
            changes[key] = (Fraction(value.strip()) if key == "rate" else
                            float(value) if key.startswith("cps") else int(value))
        except ValueError:
            raise RefusedError(f"subtitle QC limit {key} needs a number, not {value.strip()!r}") from None
    return replace(base, **changes)


@dataclass(frozen=True)
class NameSpelling:
    """A name as the glossary spells it: English (and pinyin) and 汉字."""

    english: str
    chinese: Optional[str] = None
    pinyin: Optional[str] = None


_NAMES = {"zh": "Chinese", "en": "English", "fr": "French", "de": "German", "es": "Spanish", "ja": "Japanese"}


def language_name(lang: str) -> str:
    """``en`` → English, ``zh-Hant`` → Chinese (zh-Hant); other codes as they are."""
    base = lang.split("-")[0].lower()
    name = _NAMES.get(base)
    if name is None:
        return lang
    return name if lang.lower() == base else f"{name} ({lang})"


@dataclass(frozen=True)
class Finding:
    index: int  # 1-based number of the subtitle
    problem: str  # too-fast, line-too-long, too-many-lines, too-short, too-long, overlap, gap, empty, glossary,
    # untranslated
    message: str
    #: The line the finding is about when it is not subtitle ``index``: the untranslated line (a ``SubLine``).
    about: Any = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict:
        return {"index": self.index, "problem": self.problem, "message": self.message}


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0002ffff"


def is_chinese(text: str) -> bool:
    """Mostly 汉字 (more than half of the letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(_is_han(ch) for ch in letters) * 2 > len(letters)


def _count(text: str) -> int:
    """Characters a reader reads: neither white space nor control or format characters."""
    if text.isprintable():  # no "Other" and no separator but the ASCII space (str.isprintable's rule)
        return len(text) - text.count(" ")
    return sum(1 for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C")


def _display_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\\N", "\n").replace("\r", "").split("\n") if line.strip()]


def _fmt(ms: int) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’-]+", text)


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("-", " ").replace("’", "'")


@lru_cache(maxsize=256)
def _latin_targets(names: tuple[tuple[str, Optional[str]], ...]
                   ) -> dict[str, tuple[tuple[tuple[int, int], str, tuple[str, ...], str, frozenset], ...]]:
    """The glossary's Latin spellings by the first letter of their first word: for each, the name's place in
    the glossary and the spelling's among the name's, its English name, the spelling's words (normalized) and joined, and all of the name's
    spellings (a window that is one of them is no misspelling)."""
    out: dict[str, list] = {}
    for order, (english, pinyin) in enumerate(names):
        spellings = [s for s in (english, pinyin) if s]
        targets = tuple(tuple(_norm(s).split()) for s in spellings)
        known = frozenset(targets)
        for which, target in enumerate(targets):
            if target:
                out.setdefault(target[0][:1], []).append(((order, which), english, target, " ".join(target),
                                                          known))
    return {letter: tuple(found) for letter, found in out.items()}


_MATCHERS = threading.local()  # per thread: spelling → a SequenceMatcher that has read it


@lru_cache(maxsize=1 << 16)
def _alike(a: str, b: str) -> bool:
    """``a`` and ``b`` at least 82 % alike (difflib's ratio; its cheap upper bound rules most pairs out first)."""
    matchers = getattr(_MATCHERS, "by_spelling", None)
    if matchers is None:
        matchers = _MATCHERS.by_spelling = {}
    matcher = matchers.get(b)
    if matcher is None:
        if len(matchers) > 1024:
            matchers.clear()
        matcher = matchers[b] = difflib.SequenceMatcher(b=b)
    matcher.set_seq1(a)
    return matcher.quick_ratio() >= 0.82 and matcher.ratio() >= 0.82


def _latin_names(text: str, names: Sequence[NameSpelling]) -> list[str]:
    out = []
    words = _words(text)
    normal = [_norm(w) for w in words]
    starts: dict[str, list[int]] = {}  # a word's first letter → where words start with it
    for i, word in enumerate(normal):
        starts.setdefault(word[:1], []).append(i)
    by_letter = _latin_targets(tuple((name.english, name.pinyin) for name in names))
    found: list[tuple[tuple[int, int], int, str]] = []  # ((name's place, spelling's), word, message)
    # Only windows whose first word starts as a spelling's does: a family name starting with another
    # letter is another name.
    for letter, places in starts.items():
        for order, english, target, spelled, known in by_letter.get(letter, ()):
            n = len(target)
            for i in places:
                if i > len(normal) - n:
                    break
                window = tuple(normal[i:i + n])
                if window in known:
                    continue
                joined = " ".join(window)
                if 2 * min(len(joined), len(spelled)) < 0.82 * (len(joined) + len(spelled)):
                    continue  # lengths too far apart to be 82 % alike (difflib's real_quick_ratio)
                if _alike(joined, spelled):
                    said = " ".join(words[i:i + n])
                    found.append((order, i, f"“{said}” looks like {english}: the glossary spells it “{english}”"))
    out = [message for _order, _i, message in sorted(found, key=lambda f: (f[0], f[1]))]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1 << 16)
def _sound(text: str) -> tuple[str, ...]:
    """The toneless pinyin of some 汉字 (remembered: the same names come back on every line)."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL))


def _chinese_names(text: str, names: Sequence[NameSpelling]) -> list[str]:
    out = []
    for name in names:
        zh = name.chinese
        if not zh or zh in text:
            continue
        n = len(zh)
        # Only windows starting with the name's first character: a homophone family name is as
        # likely another person.
        i = text.find(zh[0])
        while 0 <= i <= len(text) - n:
            window = text[i:i + n]
            if all(_is_han(ch) for ch in window) and _sound(window) == _sound(zh):
                out.append(f"“{window}” sounds like {zh} ({name.english}): the glossary writes “{zh}”")
            i = text.find(zh[0], i + 1)
    return list(dict.fromkeys(out))


def check_lines(lines: Iterable, *, limits: QcLimits = QcLimits(),
                names: Sequence[NameSpelling] = ()) -> list[Finding]:
    """Findings for subtitles given as objects with ``start_ms``, ``end_ms`` and ``text`` (in time order)."""
    findings: list[Finding] = []
    previous_end: Optional[int] = None
    previous_index = 0
    frame_ms = float(1000 / limits.rate) if limits.rate else 40.0
    for index, line in enumerate(lines, 1):
        start, end, text = line.start_ms, line.end_ms, (line.text or "")
        shown = _display_lines(text)
        if not shown:
            findings.append(Finding(index, "empty", "no text"))
        chinese = is_chinese(text)
        if start is not None and end is not None:
            duration = end - start
            if shown and duration > 0:
                cps = _count(text) / (duration / 1000)
                limit = limits.cps_chinese if chinese else limits.cps_latin
                if cps > limit + 1e-9:
                    findings.append(Finding(index, "too-fast",
                                            f"{cps:.1f} characters a second (limit {limit:g}): "
                                            f"{_count(text)} characters in {duration / 1000:.2f} s"))
            if duration < limits.min_ms:
                findings.append(Finding(index, "too-short", f"on screen {duration} ms (at least {limits.min_ms})"))
            elif duration > limits.max_ms:
                findings.append(Finding(index, "too-long", f"on screen {duration / 1000:.2f} s "
                                                           f"(at most {limits.max_ms / 1000:g})"))
            if previous_end is not None:
                if start < previous_end:
                    findings.append(Finding(index, "overlap", f"starts at {_fmt(start)}, before subtitle "
                                                              f"{previous_index} ends at {_fmt(previous_end)}"))
                elif 0 < start - previous_end < limits.min_gap_frames * frame_ms - 0.5:
                    findings.append(Finding(index, "gap", f"{start - previous_end} ms after subtitle "
                                                          f"{previous_index}: less than {limits.min_gap_frames} "
                                                          f"frames; close the gap or open it"))
            previous_end = end if previous_end is None else max(previous_end, end)
            previous_index = index
        width = limits.line_chinese if chinese else limits.line_latin
        for number, shown_line in enumerate(shown, 1):
            if len(shown_line) > width:
                findings.append(Finding(index, "line-too-long", f"line {number} has {len(shown_line)} "
                                                                f"characters (at most {width})"))
        if len(shown) > limits.max_lines:
            findings.append(Finding(index, "too-many-lines", f"{len(shown)} lines (at most {limits.max_lines})"))
        for message in _latin_names(text, names) + _chinese_names(text, names):
            findings.append(Finding(index, "glossary", message))
    return findings


def _gist(text: str, width: int = 20) -> str:
    """A line's words on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(_display_lines(text))
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def check_subtitles(session, lines: Sequence, lang: str, *, clip_id: Optional[int] = None,
                    cut_id: Optional[int] = None, track: Optional[str] = None, limits: QcLimits = QcLimits(),
                    names: Sequence[NameSpelling] = ()) -> list[Finding]:
    """The findings of a clip's or a cut's subtitles in ``lang`` (``lines``, as ``subtitles export`` makes
    them): :func:`check_lines`, and a line of the transcript a translation translates that plays there with
    no translation (``untranslated``), at the place its subtitle would take, in subtitle order."""
    from docmanager.subtitles.export import untranslated_lines

    findings = check_lines(lines, limits=limits, names=names)
    missing = untranslated_lines(session, lang, clip_id=clip_id, cut_id=cut_id, track=track)
    if not missing:
        return findings
    starts = [line.start_ms for line in lines]
    for gap in missing:
        line = gap.line
        findings.append(Finding(bisect.bisect_left(starts, line.start_ms) + 1, "untranslated",
                                f"{language_name(gap.lang)} line {gap.number} ({_fmt(line.start_ms)}) has no "
                                f"{language_name(lang)}: {_gist(line.text)}", about=line))
    findings.sort(key=lambda f: (f.index, f.problem != "untranslated"))
    return findings


def project_names(session) -> list[NameSpelling]:
    """The glossary of a project as name spellings."""
    from docmanager.transcripts.glossary import glossary

    return [NameSpelling(e.english, e.chinese, e.pinyin) for e in glossary(session)]


def project_limits(session) -> QcLimits:
    """The project's QC limits (setting ``subtitle_qc``), the defaults otherwise."""
    from sqlalchemy import select

    from docmanager.db.models import Setting

    return limits_from_text(session.scalar(select(Setting.value).where(Setting.key == "subtitle_qc")))
