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
    ``time | speaker | text`` is understood too, a header row such as
    ``时间 | 说话人 | 内容`` is skipped).  ``line`` numbers count paragraphs and
    table rows from 1.

Any other suffix is refused (naming the types read), whatever the file holds.

In every format a short prefix ``NAME:`` / ``名字：`` (ASCII or full-width
colon; at most ten Chinese characters, ``刘静军（父亲）`` allowed, or four
words; never a time, a number or a phrase with sentence punctuation) becomes
the speaker only when the file shows it is one (``SpeakerLabels``): a
conventional label (Q, A, 问, 答, 记者, 主持人, 旁白, Reporter, Speaker 2 ...),
a label starting at least two lines of the file, or a person's name
(``刘静军``, ``Liu Jingjun``, ``LIU``).  Otherwise the words before the colon
are speech (``我就问他：你看到我儿子没有？``) and the text stays whole.  A label
alone on its line names the speaker of what follows.  Bracketed notes
``[inaudible]`` ``(laughs)`` ``（哭）`` ``【音乐】`` (up to 60 characters) are
moved from the speech text to ``note``; a line that is only a note is kept,
with empty text.

Times are integer milliseconds.  Negative, zero-length, reversed (end before
start) and overlapping times are reported as ``LineProblem`` with the line
number (for SRT the cue's first line, its number), never corrected or dropped:
the segment keeps the times the file gave.  A file that ends inside its last
cue, or inside a character of its encoding, is read up to there and reported
(kind ``truncated``).  A file that cannot be parsed raises
``TranscriptFormatError`` (a ``MediaReadError``) naming the file and the line.
"""
from __future__ import annotations

import html
import os
import re
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
    without a time in a timed file), ``truncated`` (the file ends inside a cue or
    a character), ``unaligned`` (used by alignment), or ``past-end`` (lines
    starting after the clip ends, found on import).
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
    accepted = ", ".join("." + f for f in FORMATS)
    fmt = (format or SUFFIXES.get(path.suffix.lower()) or "").lower()
    if fmt and fmt not in FORMATS:
        raise MediaReadError(path, f"unsupported transcript format {fmt!r}; use one of {accepted}")
    if not fmt:
        # Anything else (a PDF, a .doc, notes without a suffix) is not read as text: it would
        # replace the transcript with whatever words it happens to hold.
        kind = f"'{path.suffix}'" if path.suffix else "without a suffix"
        raise MediaReadError(path, f"unsupported file type {kind}: a transcript must be one of {accepted} "
                                   "(save it as one of these, e.g. as .txt or .docx)")
    if fmt == "docx":
        return _read_docx(path, data)
    if not data.strip():
        raise MediaReadError(path, "the file is empty")
    decoded, damaged = _decode(data, path)
    text = normalise_newlines(decoded.text)
    if fmt == "txt":
        # A subtitle file saved as .txt (it happens) is read as the subtitles it is.
        fmt = _sniff_text(text)
    result = read_text(text, fmt, path)
    result.encoding = decoded.encoding
    if damaged:
        lines = text.rstrip("\n").count("\n") + 1
        result.problems = _sorted(result.problems + [LineProblem(
            lines, f"the end of the file is damaged: its last {damaged} byte{'s' if damaged > 1 else ''} "
                   f"are not a whole {decoded.encoding} character, so the file looks cut off; the text "
                   "before them was imported", "truncated")])
    return result


# Encodings in which one character takes several bytes: a file cut short can end inside one.
_MULTIBYTE = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
              "gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs")


def _decode(data: bytes, path: Path):
    """``decode_text``, and how many damaged bytes were left off the end (0 when none).

    A file that cannot be decoded is read without its last one to three bytes when that
    makes it whole text in a multi-byte encoding (a copy cut off inside a character).
    """
    try:
        return decode_text(data, path), 0
    except MediaReadError as exc:
        refusal = exc
    if len(data) > 16:
        for damaged in (1, 2, 3):
            try:
                decoded = decode_text(data[:-damaged], path)
            except MediaReadError:
                continue
            if decoded.encoding.lower() in _MULTIBYTE:
                return decoded, damaged
            break
    raise refusal


def read_text(text: str, fmt: str, path: Optional[PathLike] = None) -> ReadResult:
    """Parse already decoded text as ``fmt`` (srt, vtt, ass, ssa, txt)."""
    text = normalise_newlines(text)
    shown = os.fsdecode(path) if path is not None else None
    problems: list[LineProblem] = []
    if fmt in ("srt", "vtt"):
        segments = _read_srt_vtt(text, fmt, path, problems)
    elif fmt in ("ass", "ssa"):
        segments = _read_ass(text, fmt, path)
    elif fmt == "txt":
        lines = text.split("\n")
        if not any(line.strip() for line in lines):
            raise MediaReadError(path, "the file has no text")
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
    return ReadResult(segments, "utf-8", fmt, _sorted(problems + check_times(segments)), shown)


def _sorted(problems: list[LineProblem]) -> list[LineProblem]:
    return sorted(problems, key=lambda p: p.line)


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
# Labels transcripts use for their speakers whether or not they repeat (compared case-blind).
_CONVENTIONAL_SPEAKERS = frozenset((
    "q", "a", "问", "問", "答", "记者", "記者", "主持人", "旁白", "采访", "採訪", "采访者", "採訪者", "受访者",
    "受訪者", "被访者", "被訪者", "导演", "導演", "编导", "編導", "翻译", "翻譯", "画外音", "畫外音", "解说", "解說",
    "男", "女", "interviewer", "interviewee", "reporter", "journalist", "narrator", "host", "director",
    "translator", "voice-over", "voiceover", "vo", "v.o.", "off", "question", "answer",
))
_NUMBERED_SPEAKER_RE = re.compile(r"(?i)(?:speaker|voice|person|interviewee|说话人|說話人|发言人|發言人|受访者|受訪者"
                                  r"|人物)\s*#?\s*\d{1,3}")
# A Chinese name read from a label that starts only one line: a common surname (or 老/小/阿 and a
# surname) and two to four characters, none of them a pronoun, particle or verb of saying; anything
# else (我就问他：…, 他妈妈哭着喊：…, 警察的原话是：…) is speech, and its words stay whole.
_SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅高郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭"
    "田董袁潘蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鐘谭譚陆陸汪范金石廖贾賈夏韦韋付方邹鄒熊孟秦"
    "邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔汤湯向常温溫康施文牛樊葛邢安"
    "齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童"
    "凌毕畢单單季裴霍涂塗成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時"
    "穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟"
    "应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺于")
_COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "令狐",
                      "慕容", "尉迟", "尉遲", "公孙", "公孫", "夏侯", "长孙", "長孫", "宇文", "司徒", "端木")
_NOT_IN_NAMES = set("我你您他她它咱俺们們的地得了着著过過是就都也还還又在把被给給对對跟说說讲講道问問喊叫哭笑"
                    "想骂罵答称稱写寫告诉訴回么麼吗嗎呢吧啊呀嘛哦这這那哪谁誰什怎")
# A label that starts several lines is a speaker, unless it reads as someone reporting speech.
_NOT_IN_REPEATED = set("我你您他她它咱俺")
_REPORTING_ENDS = _SPEECH_VERBS + ("问", "問", "喊", "叫", "答", "想", "骂", "罵", "是", "的", "着", "著")


def _label_name(name: str) -> Optional[str]:
    """``name`` as a label could spell it (stripped), or None when it cannot be one at all."""
    name = name.strip()
    if not name or re.fullmatch(r"[\d\s\[\]().,:：-]+", name):
        return None  # a time or a number
    if any(ch in _SENTENCE_PUNCT for ch in name):
        return None
    bare = _NOTE_RE.sub("", name).strip()  # 刘静军（父亲）
    if not bare:
        return None
    if _HAN_RE.search(bare):
        if len(bare) > 10 or len(bare.split()) > 2:
            return None
        if len(bare) > 1 and bare.endswith(_SPEECH_VERBS):
            return None  # 他说：…… is a quotation, not a speaker label
        return name
    words = bare.split()
    if len(words) > 4 or len(bare) > 32 or not re.fullmatch(r"[\w .'’\-#]+", bare):
        return None
    return name


def _is_conventional(name: str) -> bool:
    bare = _NOTE_RE.sub("", name).strip()
    return bare.casefold() in _CONVENTIONAL_SPEAKERS or bool(_NUMBERED_SPEAKER_RE.fullmatch(bare))


def _looks_like_a_name(name: str) -> bool:
    """A label that names a person by itself (``刘静军``, ``刘静军（父亲）``, ``Liu Jingjun``, ``LIU``)."""
    bare = _NOTE_RE.sub("", name).strip()
    if _HAN_RE.search(bare):
        han = bare.replace(" ", "")
        if not 2 <= len(han) <= 4 or not all(_HAN_RE.match(ch) for ch in han):
            return False
        if any(ch in _NOT_IN_NAMES for ch in han):
            return False
        if han.startswith(_COMPOUND_SURNAMES) or han[0] in _SURNAMES:
            return True
        return han[0] in "老小阿" and han[1] in _SURNAMES
    return all(w[0].isupper() or w[0].isdigit() for w in bare.split())


def _reads_as_a_label(name: str) -> bool:
    """A label that starts several lines of the file: a speaker unless it reports speech (``我问他``)."""
    bare = _NOTE_RE.sub("", name).strip()
    if _HAN_RE.search(bare):
        return not any(ch in _NOT_IN_REPEATED for ch in bare) and not bare.endswith(_REPORTING_ENDS)
    return len(bare.split()) == 1 or _looks_like_a_name(bare)  # "He said:" is speech


class SpeakerLabels:
    """Which ``NAME:`` prefixes of one file are speakers.

    A prefix is a speaker when it is a conventional label (Q, A, 问, 答, 记者,
    主持人, 旁白, Reporter, Speaker 2 ...), a label that starts at least two
    lines of the file (real transcripts repeat their speakers), or, starting
    only one line, a person's name (``刘静军``, ``Liu Jingjun``).  Anything
    else before a colon is part of the speech and stays in the text.
    """

    def __init__(self, firsts: Iterable[str] = (), explicit: Iterable[str] = ()):
        self.counts: dict[str, int] = {}
        for text in firsts:
            m = _SPEAKER_RE.match(text)
            name = _label_name(m.group("name")) if m else None
            if name is not None:
                self.counts[name] = self.counts.get(name, 0) + 1
        self.explicit = {name.strip() for name in explicit}

    def accepts(self, name: str) -> bool:
        name = name.strip()
        if _label_name(name) is None:
            return False
        if name in self.explicit or _is_conventional(name) or _looks_like_a_name(name):
            return True
        return self.counts.get(name, 0) >= 2 and _reads_as_a_label(name)


def split_speaker(text: str, speakers: Optional[SpeakerLabels] = None) -> tuple[Optional[str], str]:
    """``("刘静军", "我儿子……")`` from ``"刘静军：我儿子……"``; (None, text) when there is no label.

    ``speakers`` knows the labels the rest of the file repeats; without it only
    conventional labels and names count.
    """
    m = _SPEAKER_RE.match(text)
    if m is None or not (speakers or SpeakerLabels()).accepts(m.group("name")):
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


def _labels_of(segments: list[RawSegment]) -> SpeakerLabels:
    """The labels starting the segments' text (those without a speaker of their own)."""
    return SpeakerLabels(seg.text.partition("\n")[0] for seg in segments if seg.speaker is None)


def _finish(seg: RawSegment, speakers: Optional[SpeakerLabels] = None) -> RawSegment:
    """Speaker label (unless known) and notes out of the text."""
    if seg.speaker is None:
        first, _, more = seg.text.partition("\n")
        speaker, first = split_speaker(first, speakers)
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


_PARTIAL_TIMES_RE = re.compile(r"^\s*-?\d{1,2}(?::\d{0,2}){0,2}(?:[,.]\d{0,3})?\s*(?:-{1,2}>?\s*[-\d:,.]*)?\s*$")


def _cut_off_cue(lines: list[str], stamp_re: re.Pattern, fmt: str) -> Optional[tuple[int, bool]]:
    """Where an unfinished last cue starts (0-based line; the file ends inside it), and whether
    its times are whole; None when the last cue is complete.

    That is a last paragraph holding only a cue number (SRT), or ending in cue times
    without their end (``00:00:15,000 -``, ``00:00:15,000 --> 00:00:1``), or in whole
    cue times with no text after them.
    """
    last = len(lines) - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last < 0:
        return None
    first = last
    while first > 0 and lines[first - 1].strip():
        first -= 1
    block = [line.strip() for line in lines[first:last + 1]]
    if len(block) > 2 or (first > 0 and not any(stamp_re.search(line) for line in lines[:first])):
        return None  # text under its times, or no cue before it to be a file of cues
    if fmt == "srt" and block[0].isdigit():
        if len(block) == 1:
            return first, False
        block = block[1:]
    elif fmt == "vtt" and len(block) == 2:
        block = block[1:]  # a cue identifier
    elif len(block) != 1:
        return None
    times = block[0]
    if len(list(stamp_re.finditer(times))) == 2:
        return first, True  # times, and the file ends before their text
    if ":" in times and _PARTIAL_TIMES_RE.match(times):
        return first, False
    return None


def _read_srt_vtt(text: str, fmt: str, path: Optional[PathLike],
                  problems: Optional[list[LineProblem]] = None) -> list[RawSegment]:
    import pysubs2.formats.subrip as subrip
    import pysubs2.formats.webvtt as webvtt

    stamp_re = (webvtt.WebVTTFormat if fmt == "vtt" else subrip.SubripFormat).TIMESTAMP
    lines = text.split("\n")
    cut = _cut_off_cue(lines, stamp_re, fmt)
    if cut is not None and problems is not None:
        first, whole_times = cut
        fragment = " ".join(line.strip() for line in lines[first:] if line.strip())
        problems.append(LineProblem(first + 1, "the file looks cut off: its last cue has times but no text"
                                    if whole_times else
                                    f"the file looks cut off: it ends inside its last cue ({fragment[:60]!r}, "
                                    "without whole times or text); that cue was not imported", "truncated"))
    if cut is not None and not cut[1]:
        lines = lines[:cut[0]]
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
        segments.append(seg)
    speakers = _labels_of(segments)
    return [_finish(seg, speakers) for seg in segments]


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
        segments.append(seg)
    speakers = _labels_of(segments)
    return [_finish(seg, speakers) for seg in segments]


# ====================================================================== txt, docx
def _read_lines(lines: list[tuple[int, str]], problems: list[LineProblem],
                paragraphs_are_lines: bool, explicit: Iterable[str] = ()) -> list[RawSegment]:
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
    speakers = SpeakerLabels((stamped[n][2] if stamped.get(n) else line.strip() for n, line in content), explicit)
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
            speaker, rest = split_speaker(rest, speakers) if rest else (None, rest)
            current = start(RawSegment(begin, end, rest, speaker=speaker, line=n))
            paragraph_open = True
            continue
        speaker, rest = split_speaker(line.strip(), speakers)
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
        _finish(seg, speakers)
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


def _docx_lines(path: Path, data: bytes, speakers: Optional[set[str]] = None) -> list[tuple[int, str]]:
    """Paragraphs and table rows, numbered; ``speakers`` collects the names of a table's speaker column."""
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
            rows = [_row_cells(row) for row in Table(element, document).rows]
            firsts = [cells[0] for cells in rows if len(cells) >= 2]
            column = SpeakerLabels(f"{name}：" for name in firsts)
            for cells in rows:
                number += 1
                out.append((number, _row_text(cells, column, speakers)))
    return out


# The words of a table's header row (时间 | 说话人 | 内容, Time | Speaker | Text), compared case-blind
# without the punctuation around them.
_HEADER_WORDS = frozenset((
    "时间", "時間", "时间码", "時間碼", "时码", "時碼", "开始", "開始", "结束", "結束", "入点", "入點", "出点", "出點",
    "序号", "序號", "编号", "編號", "说话人", "說話人", "发言人", "發言人", "讲话人", "講話人", "人物", "姓名", "角色",
    "内容", "內容", "文本", "原文", "正文", "中文", "英文", "译文", "譯文", "翻译", "翻譯", "字幕", "对白", "對白",
    "台词", "台詞", "备注", "備註", "备忘", "no", "no.", "#", "id", "time", "timecode", "tc", "start", "end", "in",
    "out", "speaker", "name", "who", "text", "transcript", "content", "dialogue", "chinese", "english",
    "translation", "subtitle", "subtitles", "note", "notes", "comment", "comments",
))


def _is_header_row(cells: list[str]) -> bool:
    """True for a row of column names only, at least two of them (the header of a transcript table)."""
    return len(cells) >= 2 and all(cell.strip(" :：()（）[]【】").casefold() in _HEADER_WORDS for cell in cells)


def _row_cells(row) -> list[str]:
    """The texts of a table row's cells, empty ones left out (merged cells repeat their text)."""
    cells: list[str] = []
    for cell in row.cells:
        value = cell.text.strip()
        if value and (not cells or cells[-1] != value):
            cells.append(value)
    return cells


def _row_text(cells: list[str], column: SpeakerLabels, speakers: set[str]) -> str:
    """A table row as a line: ``time | speaker | text`` → ``[time] speaker：text``; empty for a header row.

    The first cell is the speaker when a time comes before it, or when it is a speaker label by the
    rules of ``SpeakerLabels`` (counted over the table's first column); ``speakers`` collects them.
    """
    if not cells or _is_header_row(cells):
        return ""
    stamp = parse_stamp(cells[0])
    head = ""
    if stamp is not None and not stamp[2]:
        head = f"[{cells[0].strip('[]()（）【】 ')}] "
        cells = cells[1:]
    if (len(cells) >= 2 and "\n" not in cells[0] and not re.search("[:：]", cells[0])
            and (column.accepts(cells[0]) or (head and _label_name(cells[0]) is not None))):
        speakers.add(cells[0].strip())
        return f"{head}{cells[0]}：{' '.join(cells[1:])}"
    return head + " ".join(cells)


def _read_docx(path: Path, data: bytes) -> ReadResult:
    speakers: set[str] = set()
    lines = _docx_lines(path, data, speakers)
    if not any(line.strip() for _n, line in lines):
        raise MediaReadError(path, "the document has no text")
    problems: list[LineProblem] = []
    segments = _read_lines(lines, problems, paragraphs_are_lines=True, explicit=speakers)
    if not any(seg.text or seg.note for seg in segments):
        raise TranscriptFormatError(path, "no lines of speech found in the document (only speaker labels or "
                                          "time stamps without text?)")
    return ReadResult(segments, "utf-8", "docx", _sorted(problems + check_times(segments, "paragraph")),
                      os.fsdecode(path), unit="paragraph")


def iter_problem_text(result: ReadResult) -> Iterable[str]:
    """``line 12: ends before it starts ...`` for each problem (for logs and the CLI)."""
    for problem in result.problems:
        yield f"{result.unit} {problem.line}: {problem.message}"

