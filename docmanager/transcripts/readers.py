"""Read a transcript or subtitle file into plain segments, reporting what looks wrong.

``read_file(path)`` understands

``.srt`` ``.vtt`` ``.ass`` ``.ssa``
    through pysubs2, from the text ``encoding.decode_text`` decoded (so GBK,
    Big5 and BOM-less UTF-16 files read right).  Override tags (``{\\i1}``,
    ``<i>``, ``<c.yellow>``) are removed; an ASS line's *Name* field or a
    WebVTT ``<v Name>`` voice span becomes the speaker.  ASS *Comment* lines are
    not subtitles and are skipped.
``.txt``
    timed or untimed (a .txt that holds SRT, WebVTT or ASS is read as such).
    A line that starts with a time stamp (``[00:01:02]``, ``00:01:02.500``,
    ``01:02``, ``(1:02:03)``, optionally a range ``[00:01:02 - 00:01:05]``)
    starts a timed segment; lines after it without a stamp continue it, and a
    new speaker label under the same stamp starts a segment without times
    (reported, kind ``untimed``, as is text before the first stamp).  A text is
    timed when its first line is stamped, or at least two lines and one in
    twenty are.  A timed segment without an explicit end ends where the next
    stamped segment starts (``RawSegment.end_derived``); the last one has no
    end (``end_ms`` None: no duration is invented).  Untimed text: each line is
    a segment, or, when the file separates paragraphs with blank lines, each
    paragraph (hard-wrapped lines joined; a speaker label starts a new one).
``.docx``
    the same rules, paragraph by paragraph (and table row by table row; a row
    ``time | speaker | text`` is understood too).  ``line`` numbers count
    paragraphs and table rows from 1.

In every format a short prefix ``NAME:`` / ``名字：`` (ASCII or full-width
colon) becomes the speaker: at most ten Chinese characters (``刘静军（父亲）``
allowed) not ending in a speech verb (``他说：`` opens a quotation), or at most
four capitalised words (``Liu Jingjun``, ``Speaker 2``) or one word (``Q``);
never a time, a number or a phrase with sentence punctuation.  A label alone
on its line names the speaker of what follows.  Bracketed notes
``[inaudible]`` ``(laughs)`` ``（哭）`` ``【音乐】`` (up to 60 characters) are
moved from the speech text to ``note``; a line that is only a note is kept,
with empty text.

Times are integer milliseconds.  Negative, zero-length, reversed (end before
start) and overlapping times are reported as ``LineProblem`` with the line
number (for SRT the cue's first line, its number), never corrected or dropped:
the segment keeps the times the file gave.  A file that cannot be parsed raises
``TranscriptFormatError`` (a ``MediaReadError``) naming the file and the line.
"""
from __future__ import annotations

import html
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from docmanager.errors import MediaReadError, PathLike
from docmanager.transcripts.encoding import decode_text, normalise_newlines

__all__ = [
    "FORMATS", "RawSegment", "LineProblem", "ReadResult", "TranscriptFormatError",
    "read_file", "read_text", "split_speaker", "split_notes", "parse_stamp", "format_ms",
]

FORMATS = ("srt", "vtt", "ass", "ssa", "txt", "docx")
SUFFIXES = {".srt": "srt", ".vtt": "vtt", ".webvtt": "vtt", ".ass": "ass", ".ssa": "ssa",
            ".txt": "txt", ".text": "txt", ".docx": "docx"}
# Files larger than this are not transcripts.
MAX_BYTES = 64 * 1024 * 1024


class TranscriptFormatError(MediaReadError):
    """A transcript file that cannot be parsed; names the file and, when known, the line."""

    def __init__(self, path: Optional[PathLike], reason: str, line: Optional[int] = None):
        self.line = line
        super().__init__(path, f"line {line}: {reason}" if line is not None else reason)


@dataclass
class RawSegment:
    """One line of speech as the file gave it (times in ms, None when the file has none)."""

    start_ms: Optional[int]
    end_ms: Optional[int]
    text: str
    speaker: Optional[str] = None
    note: Optional[str] = None
    line: int = 0  # 1-based line (paragraph for DOCX) where the segment starts
    end_derived: bool = False  # end taken from the next segment's start (TXT, DOCX)

    @property
    def timed(self) -> bool:
        return self.start_ms is not None


@dataclass(frozen=True)
class LineProblem:
    """Something wrong at one line of the file; the segment is kept as given.

    ``kind``: ``negative``, ``zero-length``, ``reversed``, ``overlap``,
    ``backwards`` (a stamp earlier than the one before), ``untimed`` (a line
    without a time in a timed file), or ``unaligned`` (used by alignment).
    """

    line: int
    message: str
    kind: str = ""

    def to_json(self) -> dict:
        return {"line": self.line, "message": self.message, "kind": self.kind}


@dataclass
class ReadResult:
    """What a file held: segments in file order, how it was read, and its problems."""

    segments: list[RawSegment]
    encoding: str
    format: str
    problems: list[LineProblem] = field(default_factory=list)
    path: Optional[str] = None
    unit: str = "line"  # what LineProblem.line counts: "line", or "paragraph" for DOCX

    @property
    def timed(self) -> bool:
        """True when at least one segment has a start time."""
        return any(seg.start_ms is not None for seg in self.segments)


# ====================================================================== entry
def read_file(path: PathLike, format: Optional[str] = None) -> ReadResult:
    """Read ``path`` (format from ``format`` or the suffix, else sniffed from the content)."""
    path = Path(os.fsdecode(path))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MediaReadError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if path.is_dir():
        raise MediaReadError(path, "is a folder, not a transcript file")
    if size > MAX_BYTES:
        raise MediaReadError(path, f"too large for a transcript ({size // (1024 * 1024)} MiB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MediaReadError(path, f"cannot read the file ({exc.strerror or exc})") from None
    fmt = (format or SUFFIXES.get(path.suffix.lower()) or "").lower()
    if fmt and fmt not in FORMATS:
        raise MediaReadError(path, f"unsupported transcript format {fmt!r}; "
                                   f"use one of {', '.join('.' + f for f in FORMATS)}")
    if not fmt:
        # An unknown suffix: the content decides (a Word document, or text of a known layout);
        # anything binary is refused by decode_text with what it looks like.
        fmt = _sniff_binary(data) or ""
    if fmt == "docx":
        return _read_docx(path, data)
    if not data.strip():
        raise MediaReadError(path, "the file is empty")
    decoded = decode_text(data, path)
    text = normalise_newlines(decoded.text)
    if not fmt or fmt == "txt":
        # A subtitle file saved as .txt (it happens) is read as the subtitles it is.
        fmt = _sniff_text(text)
    result = read_text(text, fmt, path)
    result.encoding = decoded.encoding
    return result


def read_text(text: str, fmt: str, path: Optional[PathLike] = None) -> ReadResult:
    """Parse already decoded text as ``fmt`` (srt, vtt, ass, ssa, txt)."""
    text = normalise_newlines(text)
    shown = os.fsdecode(path) if path is not None else None
    if fmt in ("srt", "vtt"):
        segments = _read_srt_vtt(text, fmt, path)
    elif fmt in ("ass", "ssa"):
        segments = _read_ass(text, fmt, path)
    elif fmt == "txt":
        lines = text.split("\n")
        if not any(line.strip() for line in lines):
            raise MediaReadError(path, "the file has no text")
        problems: list[LineProblem] = []
        segments = _read_lines(list(enumerate(lines, 1)), problems, paragraphs_are_lines=False)
        if not any(seg.text or seg.note for seg in segments):
            raise TranscriptFormatError(path, "no lines of speech found (only speaker labels or time stamps "
                                              "without text?)")
        return ReadResult(segments, "utf-8", fmt, _sorted(problems + check_times(segments)), shown)
    else:
        raise MediaReadError(path, f"unsupported transcript format {fmt!r}")
    if not segments:
        raise TranscriptFormatError(path, f"no subtitles found in this {fmt.upper()} file "
                                          "(expected cues like '00:00:01,000 --> 00:00:03,000')")
    return ReadResult(segments, "utf-8", fmt, check_times(segments), shown)


def _sorted(problems: list[LineProblem]) -> list[LineProblem]:
    return sorted(problems, key=lambda p: p.line)


def _sniff_binary(data: bytes) -> Optional[str]:
    if data[:4] == b"PK\x03\x04":
        try:
            import io

            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def _sniff_text(text: str) -> str:
    head = text.lstrip("\ufeff \n\t")[:2000]
    if head.startswith("WEBVTT"):
        return "vtt"
    if "[Script Info]" in head or "[V4+ Styles]" in head or "[Events]" in text[:20000]:
        return "ass"
    if re.search(r"^\s*\d{1,2}:\d{1,2}:\d{1,2}[,.]\d{1,3}\s*-->", text[:20000], re.M):
        return "srt"
    return "txt"


# ====================================================================== times
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_STAMP_RE = re.compile(
    r"^\s*(?P<open>[\[(（【])?\s*(?P<a>" + _TIME + r")(?![\d:])"
    r"(?:\s*(?:-->|->|-|–|—|~|～|到|至)\s*(?P<b>" + _TIME + r")(?![\d:]))?"
    r"\s*(?P<close>[\])）】])?(?P<sep>[ \t:：\-–—|]*)"
)


def parse_time(text: str) -> Optional[int]:
    """``01:02`` (min:sec), ``1:02:03``, ``00:01:02.5`` → ms; None when not a valid time."""
    frac = 0
    if "." in text or "," in text:
        text, digits = re.split(r"[.,]", text, maxsplit=1)
        frac = int((digits + "00")[:3])
    parts = [int(p) for p in text.split(":")]
    if len(parts) == 2:
        hours, (minutes, seconds) = 0, parts
    elif len(parts) == 3:
        hours, minutes, seconds = parts
    else:
        return None
    if minutes >= 60 or seconds >= 60:
        return None
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + frac


def parse_stamp(line: str) -> Optional[tuple[int, Optional[int], str]]:
    """A time stamp at the start of ``line``: (start ms, end ms or None, the rest of the line)."""
    m = _STAMP_RE.match(line)
    if m is None:
        return None
    opened, closed = m.group("open"), m.group("close")
    if bool(opened) != bool(closed):
        return None
    rest = line[m.end():]
    time_end = m.end("b") if m.group("b") else m.end("a")
    if rest and not closed and m.end() == time_end:
        return None  # "10:30am" is text, not a stamp
    start = parse_time(m.group("a"))
    end = parse_time(m.group("b")) if m.group("b") else None
    if start is None or (m.group("b") and end is None):
        return None
    return start, end, rest.strip()


def format_ms(ms: Optional[int]) -> str:
    """``HH:MM:SS.mmm`` (with a minus sign for negative times); empty for None."""
    if ms is None:
        return ""
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    return f"{sign}{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def check_times(segments: list[RawSegment], unit: str = "line") -> list[LineProblem]:
    """Negative, zero-length, reversed and overlapping times, per segment line, in file order."""
    problems: list[LineProblem] = []
    latest_end: Optional[int] = None
    latest_line = 0
    for seg in segments:
        start, end = seg.start_ms, seg.end_ms
        if start is None:
            continue
        if start < 0 or (end is not None and end < 0):
            problems.append(LineProblem(seg.line, f"negative time ({format_ms(start)} → {format_ms(end)})",
                                        "negative"))
        if end is not None and end == start:
            problems.append(LineProblem(seg.line, f"zero length: starts and ends at {format_ms(start)}",
                                        "zero-length"))
        elif end is not None and end < start:
            problems.append(LineProblem(seg.line, f"ends before it starts ({format_ms(start)} → "
                                                  f"{format_ms(end)})", "reversed"))
        if latest_end is not None and start < latest_end:
            problems.append(LineProblem(seg.line, f"overlaps the one at {unit} {latest_line} by "
                                                  f"{latest_end - start} ms (starts {format_ms(start)}, "
                                                  f"that one ends {format_ms(latest_end)})", "overlap"))
        if end is not None and end > start and (latest_end is None or end > latest_end):
            latest_end, latest_line = end, seg.line
    return problems


# ====================================================================== speakers and notes
_SPEAKER_RE = re.compile(r"^\s*(?P<name>[^\s:：][^:：\n]{0,39}?)\s*[:：](?!//)\s*(?P<rest>.*)$", re.S)
_SENTENCE_PUNCT = set("。，,！!？?；;\"“”…、")
_SPEECH_VERBS = ("说", "說", "道", "讲", "講", "称", "稱", "写", "寫", "表示")
_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOTE_RE = re.compile(r"\[[^\[\]\n]{1,60}\]|\([^()\n]{1,60}\)|（[^（）\n]{1,60}）|【[^【】\n]{1,60}】")


def _is_speaker_name(name: str) -> bool:
    name = name.strip()
    if not name or re.fullmatch(r"[\d\s\[\]().,:：-]+", name):
        return False  # a time or a number
    if any(ch in _SENTENCE_PUNCT for ch in name):
        return False
    bare = _NOTE_RE.sub("", name).strip()  # 刘静军（父亲）
    if not bare:
        return False
    if _HAN_RE.search(bare):
        if len(bare) > 10 or len(bare.split()) > 2:
            return False
        if len(bare) > 1 and bare.endswith(_SPEECH_VERBS):
            return False  # 他说：…… is a quotation, not a speaker label
        return True
    words = bare.split()
    if len(words) > 4 or len(bare) > 32:
        return False
    if not re.fullmatch(r"[\w .'’\-#]+", bare):
        return False
    if len(words) == 1:
        return True
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def split_speaker(text: str) -> tuple[Optional[str], str]:
    """``("刘静军", "我儿子……")`` from ``"刘静军：我儿子……"``; (None, text) when there is no label."""
    m = _SPEAKER_RE.match(text)
    if m is None or not _is_speaker_name(m.group("name")):
        return None, text
    return m.group("name").strip(), m.group("rest").strip()


def split_notes(text: str) -> tuple[str, Optional[str]]:
    """Bracketed notes out of the speech: ``("我……", "（哭）")``; notes joined by a space."""
    notes = [m.group(0) for m in _NOTE_RE.finditer(text)]
    if not notes:
        return text.strip(), None
    speech = _NOTE_RE.sub(" ", text)
    speech = "\n".join(re.sub(r"[ \t]{2,}", " ", line).strip() for line in speech.split("\n"))
    speech = re.sub(r"\n{2,}", "\n", speech).strip()
    # A note between two Chinese characters leaves no space behind.
    speech = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", speech)
    return speech, " ".join(notes)


def _finish(seg: RawSegment) -> RawSegment:
    """Speaker label (unless known) and notes out of the text."""
    if seg.speaker is None:
        first, _, more = seg.text.partition("\n")
        speaker, first = split_speaker(first)
        if speaker is not None:
            seg.speaker = speaker
            seg.text = first + ("\n" + more if more else "")
    seg.text, note = split_notes(seg.text)
    if note:
        seg.note = f"{seg.note} {note}" if seg.note else note
    return seg


# ====================================================================== override tags
# pysubs2's ``SSAEvent.plaintext`` removes override blocks with the pattern ``{[^}]*}``,
# which takes quadratic time on a line full of ``{`` without a ``}`` (100 KB: seconds,
# 1 MB: many minutes).  These do the same in one pass over the text.
_DRAWING_RE = re.compile(r"\\p[1-9]")


def _override_blocks(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each ``{...}`` block as ``{[^}]*}`` finds them; an unclosed last block ends the text."""
    i = 0
    while True:
        j = text.find("{", i)
        if j < 0:
            return
        k = text.find("}", j)
        if k < 0:
            yield j, len(text)
            return
        yield j, k + 1
        i = k + 1


def _plaintext(text: str) -> str:
    """The words of an ASS/SRT event: override blocks removed, ``\\N``/``\\n`` new lines, ``\\h`` spaces."""
    out, i = [], 0
    for start, end in _override_blocks(text):
        if end == len(text) and not text.endswith("}"):
            break  # not closed: pysubs2 keeps it as text too
        out.append(text[i:start])
        i = end
    out.append(text[i:])
    return "".join(out).replace(r"\h", " ").replace(r"\n", "\n").replace(r"\N", "\n")


def _is_drawing(text: str) -> bool:
    """True when an override block (closed or not) switches on drawing mode (``\\p1`` ...)."""
    return any(_DRAWING_RE.search(text, start, end) for start, end in _override_blocks(text))


# ====================================================================== srt, vtt
def _pysubs2_load(text: str, fmt: str, path: Optional[PathLike]):
    """pysubs2's parse; a failure names the first line that makes it fail."""
    import pysubs2

    try:
        return pysubs2.SSAFile.from_string(text, format_=fmt)
    except Exception as exc:  # pysubs2 raises ValueError, KeyError, its own errors ...
        lines = text.split("\n")
        lo, hi = 1, len(lines)
        while lo < hi:  # the shortest failing prefix: parsing is line by line
            mid = (lo + hi) // 2
            try:
                pysubs2.SSAFile.from_string("\n".join(lines[:mid]) + "\n", format_=fmt)
            except Exception:
                hi = mid
            else:
                lo = mid + 1
        raise TranscriptFormatError(path, f"not a valid {fmt.upper()} file ({exc})", lo) from None


def _read_srt_vtt(text: str, fmt: str, path: Optional[PathLike]) -> list[RawSegment]:
    import pysubs2.formats.subrip as subrip
    import pysubs2.formats.webvtt as webvtt

    stamp_re = (webvtt.WebVTTFormat if fmt == "vtt" else subrip.SubripFormat).TIMESTAMP
    lines = text.split("\n")
    cue_lines: list[int] = []  # 1-based line of each cue's first line
    negative: list[tuple[bool, bool]] = []
    voices: list[Optional[str]] = []
    cleaned = list(lines)
    blank_before = True
    in_block = False  # a WebVTT NOTE/STYLE/REGION block, skipped
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fmt == "vtt":
            if in_block:
                if not stripped:
                    in_block = False
                cleaned[i] = ""
                continue
            if blank_before and re.match(r"^(NOTE|STYLE|REGION)\b", stripped):
                in_block = True
                cleaned[i] = ""
                continue
        stamps = list(stamp_re.finditer(line))
        if len(stamps) == 2:
            first = i + 1
            if i > 0 and lines[i - 1].strip() and (fmt == "vtt" or lines[i - 1].strip().isdigit()):
                first = i  # the cue's number or identifier line
                if fmt == "vtt":
                    cleaned[i - 1] = ""  # an identifier would be read as the previous cue's text
            cue_lines.append(first)
            negative.append(tuple(m.start() > 0 and line[m.start() - 1] == "-" for m in stamps))
            voices.append(None)
        elif "-->" in line:
            raise TranscriptFormatError(path, f"cannot read the cue times in {stripped[:80]!r} "
                                              "(expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm')", i + 1)
        elif cue_lines and voices[-1] is None:
            voice = re.search(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", line)
            if voice:
                voices[-1] = voice.group(1).strip()
        blank_before = not stripped
    if not cue_lines:
        return []
    subs = _pysubs2_load("\n".join(cleaned), fmt, path)
    events = list(subs)
    if len(events) != len(cue_lines):  # cannot happen with pysubs2's own pattern; say so if it does
        raise TranscriptFormatError(path, f"found {len(cue_lines)} cue time lines but read {len(events)} "
                                          "cues; the file's layout is not understood")
    segments = []
    for event, line_no, (neg_start, neg_end), voice in zip(events, cue_lines, negative, voices):
        body = _plaintext(event.text)
        if fmt == "vtt":
            body = html.unescape(re.sub(r"<\d[\d:.]*>", "", body))
        seg = RawSegment(start_ms=-event.start if neg_start else event.start,
                         end_ms=-event.end if neg_end else event.end,
                         text=body.strip(), speaker=voice, line=line_no)
        segments.append(_finish(seg))
    return segments


# ====================================================================== ass, ssa
def _read_ass(text: str, fmt: str, path: Optional[PathLike]) -> list[RawSegment]:
    subs = _pysubs2_load(text, fmt, path)
    event_lines = [i for i, line in enumerate(text.split("\n"), 1)
                   if re.match(r"^\s*(Dialogue|Comment)\s*:", line)]
    segments = []
    for index, event in enumerate(subs.events):
        if event.is_comment:
            continue
        line_no = event_lines[index] if index < len(event_lines) else index + 1
        if _is_drawing(event.text):
            continue  # a vector drawing, not words
        seg = RawSegment(start_ms=event.start, end_ms=event.end, text=_plaintext(event.text).strip(),
                         speaker=(event.name or "").strip() or None, line=line_no)
        segments.append(_finish(seg))
    return segments


# ====================================================================== txt, docx
def _read_lines(lines: list[tuple[int, str]], problems: list[LineProblem],
                paragraphs_are_lines: bool) -> list[RawSegment]:
    """Numbered lines (or paragraphs) of plain text to segments; see the module notes.

    The text is timed when its first line starts with a time stamp, or when at
    least two lines and one line in twenty do (a transcript stamped every few
    minutes); otherwise a line that happens to begin with "3:00" is just text.
    """
    unit = "paragraph" if paragraphs_are_lines else "line"
    content = [(n, line) for n, line in lines if line.strip()]
    found = {n: parse_stamp(line) for n, line in content}
    count = sum(1 for v in found.values() if v is not None)
    timed = bool(content) and (found[content[0][0]] is not None
                               or (count >= 2 and count * 20 >= len(content)))
    stamped = found if timed else {}
    # Plain text without stamps: one segment per line, unless blank lines mark the paragraphs.
    blank_separated = (not paragraphs_are_lines and not timed
                       and any(not line.strip() for _n, line in lines[:-1])
                       and len(content) > 1)
    segments: list[RawSegment] = []
    current: Optional[RawSegment] = None
    paragraph_open = False
    pending_speaker: Optional[str] = None

    def start(seg: RawSegment) -> RawSegment:
        nonlocal pending_speaker
        if pending_speaker and seg.speaker is None:
            seg.speaker = pending_speaker
        pending_speaker = None
        segments.append(seg)
        return seg

    for n, line in lines:
        if not line.strip():
            paragraph_open = False
            continue
        stamp = stamped.get(n)
        if stamp is not None:
            begin, end, rest = stamp
            speaker, rest = split_speaker(rest) if rest else (None, rest)
            current = start(RawSegment(begin, end, rest, speaker=speaker, line=n))
            paragraph_open = True
            continue
        speaker, rest = split_speaker(line.strip())
        if speaker is not None and not rest:
            # A label on its own line: it names the speaker of what follows.
            if current is not None and not current.text and current.speaker is None:
                current.speaker = speaker
            else:
                pending_speaker = speaker
                paragraph_open = False
            continue
        if current is not None and not current.text and paragraph_open:
            # The words under a stamp (or label) given on a line of its own.
            current.text = rest if speaker is not None else line.strip()
            if speaker is not None and current.speaker is None:
                current.speaker = speaker
            continue
        new_turn = speaker is not None or pending_speaker is not None
        continues = (current is not None and paragraph_open and not new_turn
                     and (timed or blank_separated))
        if continues:
            current.text += "\n" + line.strip()
            continue
        if timed:
            current = start(RawSegment(None, None, rest if speaker else line.strip(), speaker=speaker, line=n))
            if any(seg.start_ms is not None for seg in segments[:-1]):
                problems.append(LineProblem(n, "has no time stamp of its own (a new speaker under the "
                                               "previous stamp); kept without times", "untimed"))
            else:
                problems.append(LineProblem(n, "comes before the first time stamp; kept without times",
                                            "untimed"))
        else:
            current = start(RawSegment(None, None, rest if speaker else line.strip(), speaker=speaker, line=n))
        paragraph_open = True

    for seg in segments:
        _finish(seg)
    if timed:
        _derive_ends(segments, problems, unit)
    return segments


def _derive_ends(segments: list[RawSegment], problems: list[LineProblem], unit: str) -> None:
    """A stamped segment without an explicit end ends where the next stamped one starts."""
    timed = [seg for seg in segments if seg.start_ms is not None]
    for seg, nxt in zip(timed, timed[1:]):
        if seg.end_ms is not None:
            continue
        if nxt.start_ms > seg.start_ms:
            seg.end_ms = nxt.start_ms
            seg.end_derived = True
        elif nxt.start_ms < seg.start_ms:
            problems.append(LineProblem(nxt.line, f"time stamp {format_ms(nxt.start_ms)} is earlier than "
                                                  f"the one at {unit} {seg.line} ({format_ms(seg.start_ms)}); "
                                                  f"{unit} {seg.line} is kept without an end", "backwards"))
        else:
            problems.append(LineProblem(nxt.line, f"has the same time stamp as {unit} {seg.line} "
                                                  f"({format_ms(seg.start_ms)}); {unit} {seg.line} is kept "
                                                  "without an end", "backwards"))


def _docx_lines(path: Path, data: bytes) -> list[tuple[int, str]]:
    import io

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise MediaReadError(path, "reading .docx needs the python-docx package") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise MediaReadError(path, f"not a readable .docx document ({type(exc).__name__}: {exc}); "
                                   "save it again from Word as .docx, or as .txt") from None
    out: list[tuple[int, str]] = []
    number = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            number += 1
            out.append((number, Paragraph(element, document).text))
        elif tag == "tbl":
            for row in Table(element, document).rows:
                number += 1
                out.append((number, _row_text(row)))
    return out


def _row_text(row) -> str:
    """A table row as a line: ``time | speaker | text`` → ``[time] speaker：text``."""
    cells: list[str] = []
    for cell in row.cells:
        value = cell.text.strip()
        if value and (not cells or cells[-1] != value):  # merged cells repeat their text
            cells.append(value)
    if not cells:
        return ""
    stamp = parse_stamp(cells[0])
    head = ""
    if stamp is not None and not stamp[2]:
        head = f"[{cells[0].strip('[]()（）【】 ')}] "
        cells = cells[1:]
    if len(cells) >= 2 and _is_speaker_name(cells[0]):
        return f"{head}{cells[0]}：{' '.join(cells[1:])}"
    return head + " ".join(cells)


def _read_docx(path: Path, data: bytes) -> ReadResult:
    lines = _docx_lines(path, data)
    if not any(line.strip() for _n, line in lines):
        raise MediaReadError(path, "the document has no text")
    problems: list[LineProblem] = []
    segments = _read_lines(lines, problems, paragraphs_are_lines=True)
    if not any(seg.text or seg.note for seg in segments):
        raise TranscriptFormatError(path, "no lines of speech found in the document (only speaker labels or "
                                          "time stamps without text?)")
    return ReadResult(segments, "utf-8", "docx", _sorted(problems + check_times(segments, "paragraph")),
                      os.fsdecode(path), unit="paragraph")


def iter_problem_text(result: ReadResult) -> Iterable[str]:
    """``line 12: ends before it starts ...`` for each problem (for logs and the CLI)."""
    for problem in result.problems:
        yield f"{result.unit} {problem.line}: {problem.message}"

