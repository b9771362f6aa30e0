"""Pair a translation's lines with the lines of the transcript it translates.

Two rules, chosen by what the files hold:

*By time* when both sides are timed (at least 80 % of the lines of each have
a start time).  Each translation line goes to the transcript line it overlaps
most; a tie goes to the earlier line.  Several translation lines may go to
one transcript line (an English subtitle is often split where the Chinese line
is not): they are returned in their file order, for the caller to merge.  A
translation line that overlaps no transcript line goes to the nearest one when
the gap is at most ``tolerance_ms``, else it is reported.  A transcript line
that no translation line went to is reported.  Open ends (``end_ms`` None) last
until the next line starts, or ``OPEN_END_MS``; reversed times are read as the
span between the two; a zero-length line covers one millisecond.

*By order* otherwise: the n-th translation line translates the n-th transcript
line.  With different counts the lines are still paired in order as far as
they go, and the lines left over on the longer side are reported.

Nothing is dropped: ``Alignment.targets[i]`` is the transcript index for
translation line ``i`` or None, and ``unaligned`` lists every line of either
side that was not paired, with its line number and times.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional, Protocol, Sequence

__all__ = ["Timed", "Unaligned", "Alignment", "align", "OPEN_END_MS"]

OPEN_END_MS = 3000
TIMED_SHARE = 0.8


class Timed(Protocol):
    """Anything with times and a line number (``readers.RawSegment``, catalogue rows ...)."""

    start_ms: Optional[int]
    end_ms: Optional[int]
    line: int


@dataclass(frozen=True)
class Unaligned:
    """A line that could not be paired.

    ``side`` is ``"transcript"`` or ``"translation"``; ``index`` its place in the
    list given to ``align``; ``line`` its line in its file (for a transcript
    already in the catalogue: its position, from 1); ``segment_id`` when known.
    """

    side: str
    index: int
    line: int
    start_ms: Optional[int]
    end_ms: Optional[int]
    reason: str
    text: str = ""
    segment_id: Optional[int] = None

    def to_json(self) -> dict:
        return {"side": self.side, "line": self.line, "segment_id": self.segment_id,
                "start": None if self.start_ms is None else round(self.start_ms / 1000, 3),
                "end": None if self.end_ms is None else round(self.end_ms / 1000, 3),
                "text": self.text, "reason": self.reason}


@dataclass
class Alignment:
    """The result: for each translation line the transcript line it translates (or None)."""

    method: str  # "time", "order", or "empty" when a side has no lines
    targets: list[Optional[int]]
    unaligned: list[Unaligned] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        """(transcript index, translation index) for every paired translation line, in translation order."""
        return [(t, i) for i, t in enumerate(self.targets) if t is not None]

    def groups(self) -> dict[int, list[int]]:
        """Transcript index → its translation lines' indices, in file order."""
        out: dict[int, list[int]] = {}
        for i, t in enumerate(self.targets):
            if t is not None:
                out.setdefault(t, []).append(i)
        return out


def _is_timed(items: Sequence[Timed]) -> bool:
    if not items:
        return False
    timed = sum(1 for it in items if it.start_ms is not None)
    return timed >= TIMED_SHARE * len(items)


def _spans(items: Sequence[Timed]) -> list[Optional[tuple[int, int]]]:
    """Each item's (start, end) for overlap purposes; None when it has no start."""
    starts = sorted({it.start_ms for it in items if it.start_ms is not None})
    out: list[Optional[tuple[int, int]]] = []
    for it in items:
        start, end = it.start_ms, it.end_ms
        if start is None:
            out.append(None)
            continue
        if end is None:
            k = bisect.bisect_right(starts, start)
            end = starts[k] if k < len(starts) else start + OPEN_END_MS
        lo, hi = min(start, end), max(start, end)
        out.append((lo, max(hi, lo + 1)))
    return out


def _text(item: Timed) -> str:
    text = getattr(item, "text", "") or ""
    return text if len(text) <= 60 else text[:57] + "..."


def _seg_id(item: Timed) -> Optional[int]:
    value = getattr(item, "id", None)
    return value if isinstance(value, int) else None


def align(transcript: Sequence[Timed], translation: Sequence[Timed],
          tolerance_ms: int = 500) -> Alignment:
    """Pair ``translation`` lines with ``transcript`` lines (see the module notes)."""
    if not transcript or not translation:
        result = Alignment("empty", [None] * len(translation))
        for i, item in enumerate(translation):
            result.unaligned.append(Unaligned("translation", i, item.line, item.start_ms, item.end_ms,
                                              "there is no transcript line to pair it with",
                                              _text(item), _seg_id(item)))
        return result
    if _is_timed(transcript) and _is_timed(translation):
        return _by_time(transcript, translation, tolerance_ms)
    return _by_order(transcript, translation)


def _by_order(transcript: Sequence[Timed], translation: Sequence[Timed]) -> Alignment:
    n, m = len(transcript), len(translation)
    result = Alignment("order", [i if i < n else None for i in range(m)])
    if n != m:
        counts = f"the transcript has {n} lines, the translation {m}"
        for i in range(m, n):
            it = transcript[i]
            result.unaligned.append(Unaligned("transcript", i, it.line, it.start_ms, it.end_ms,
                                              f"no translation line left to pair with ({counts})",
                                              _text(it), _seg_id(it)))
        for i in range(n, m):
            it = translation[i]
            result.unaligned.append(Unaligned("translation", i, it.line, it.start_ms, it.end_ms,
                                              f"no transcript line left to pair with ({counts})",
                                              _text(it), _seg_id(it)))
    return result


def _by_time(transcript: Sequence[Timed], translation: Sequence[Timed], tolerance_ms: int) -> Alignment:
    src_spans = _spans(transcript)
    order = sorted((span[0], span[1], j) for j, span in enumerate(src_spans) if span is not None)
    starts = [lo for lo, _hi, _j in order]
    longest = max((hi - lo for lo, hi, _j in order), default=0)
    result = Alignment("time", [None] * len(translation))
    for i, span in enumerate(_spans(translation)):
        item = translation[i]
        if span is None:
            result.unaligned.append(Unaligned("translation", i, item.line, item.start_ms, item.end_ms,
                                              "has no time, so it cannot be placed against the transcript",
                                              _text(item), _seg_id(item)))
            continue
        lo, hi = span
        best: Optional[tuple[int, int, int]] = None  # (overlap, -start, index)
        k = bisect.bisect_left(starts, hi)
        while k > 0:
            k -= 1
            s_lo, s_hi, j = order[k]
            if s_lo < lo - longest:
                break
            overlap = min(hi, s_hi) - max(lo, s_lo)
            if overlap > 0 and (best is None or (overlap, -s_lo) > best[:2]):
                best = (overlap, -s_lo, j)
        if best is None:
            near = _nearest(order, starts, lo, hi, tolerance_ms)
            if near is None:
                result.unaligned.append(Unaligned("translation", i, item.line, item.start_ms, item.end_ms,
                                                  "overlaps no transcript line", _text(item), _seg_id(item)))
                continue
            result.targets[i] = near
        else:
            result.targets[i] = best[2]
    paired = set(t for t in result.targets if t is not None)
    for j, item in enumerate(transcript):
        if j in paired:
            continue
        reason = ("has no time, so no translation line can be placed against it"
                  if src_spans[j] is None else "no translation line overlaps it")
        result.unaligned.append(Unaligned("transcript", j, item.line, item.start_ms, item.end_ms,
                                          reason, _text(item), _seg_id(item)))
    result.unaligned.sort(key=lambda u: (u.side != "transcript", u.line))
    return result


def _nearest(order: list[tuple[int, int, int]], starts: list[int], lo: int, hi: int,
             tolerance_ms: int) -> Optional[int]:
    """The transcript line closest to [lo, hi) within the tolerance, if any."""
    best: Optional[tuple[int, int]] = None  # (gap, index)
    k = bisect.bisect_left(starts, hi)
    for s_lo, s_hi, j in order[max(0, k - 50):k + 2]:
        gap = s_lo - hi if s_lo >= hi else lo - s_hi if s_hi <= lo else 0
        if gap <= tolerance_ms and (best is None or gap < best[0]):
            best = (gap, j)
    return None if best is None else best[1]
