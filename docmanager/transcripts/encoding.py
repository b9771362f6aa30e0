"""Bytes of a transcript or subtitle file to text, and the encoding it was written in.

Mandarin subtitle files arrive in every encoding a Windows machine in China,
Taiwan or Hong Kong produced in the last twenty years, often without a BOM and
often only a few lines long.  ``decode_text`` tries, in order:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. strict UTF-8 (pure ASCII counts as UTF-8);
3. UTF-16 without a BOM, recognised by its NUL-byte pattern (ASCII digits,
   arrows and line breaks of a subtitle file leave a NUL in every other byte);
4. the Chinese legacy encodings, GB18030 (a superset of GBK and GB2312) and
   Big5 (and its supersets cp950, Big5-HKSCS), plus UTF-16 for text without
   the NUL pattern.  Each is decoded strictly; the winner is the decoding that
   reads most like Chinese: the mean log frequency of its characters in a
   character model built from jieba's dictionary, after converting traditional
   characters to simplified with OpenCC (so a Big5 file of traditional text
   scores as well as a GBK file of simplified text, while bytes decoded with
   the wrong table give rare characters, kana, Hangul or private-use code
   points and score low).  charset-normalizer alone regularly calls a short
   GBK file Big5, cp949 or Shift-JIS; this check does not;
5. charset-normalizer for everything else (cp1252 English, Latin-1 ...).

Binary content (NUL bytes without the UTF-16 pattern, control characters,
known media signatures) raises ``MediaReadError(path, "not a text file ...")``.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from docmanager.errors import MediaReadError, PathLike

__all__ = ["Decoded", "decode_text", "chinese_score", "normalise_newlines"]

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# The legacy Chinese codecs, narrowest first within each family: the first that
# decodes strictly is the one reported.
GB_CODECS = ("gb18030",)
BIG5_CODECS = ("big5", "cp950", "big5hkscs")

# Signatures of files people drop on the importer by mistake.
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or an Office document with the wrong name)"),
    (b"\x89PNG", 0, "a PNG image"),
    (b"GIF8", 0, "a GIF image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"RIFF", 0, "a RIFF file (WAV or AVI)"),
    (b"ID3", 0, "an MP3 file"),
    (b"OggS", 0, "an Ogg file"),
    (b"fLaC", 0, "a FLAC file"),
    (b"\x1a\x45\xdf\xa3", 0, "a Matroska/WebM video"),
    (b"ftyp", 4, "an MP4/MOV video"),
    (b"\xd0\xcf\x11\xe0", 0, "an old Office document (.doc/.xls); save it as .docx or .txt"),
    (b"{\\rtf", 0, "an RTF document; save it as .docx or .txt"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"\x7fELF", 0, "a program"),
    (b"MZ", 0, "a Windows program"),
)

# A text's share of control characters (other than tab, line feed, carriage return,
# form feed) above which it is not text.
MAX_CONTROL_SHARE = 0.01
# A Chinese decoding is accepted when its characters score at least this much
# (mean natural-log probability per character, see chinese_score) ...
MIN_CHINESE_SCORE = -9.0
# ... and when at least this share of its non-ASCII characters is Chinese text.
MIN_CHINESE_SHARE = 0.6

_CJK_PUNCT = set("。，、；：？！“”‘’（）【】《》〈〉「」『』…—·～﹏　〔〕－．")


@dataclass(frozen=True)
class Decoded:
    """The text of a file and how it was read.

    ``encoding`` is a Python codec name: ``utf-8``, ``utf-8-sig`` (UTF-8 with a
    BOM), ``utf-16-le``/``utf-16-be``, ``utf-32-le``/``utf-32-be``, ``gb18030``
    (also for GBK and GB2312 files: it is their superset), ``big5``, ``cp950``,
    ``big5hkscs``, or what charset-normalizer found (``cp1252`` ...).
    ``confidence`` is between 0 and 1; ``how`` says which rule decided; ``bom``
    whether the file started with a byte order mark (not part of ``text``).
    """

    text: str
    encoding: str
    confidence: float
    how: str
    bom: bool = False


def decode_text(data: bytes, path: Optional[PathLike] = None) -> Decoded:
    """Decode a text file's bytes; raise MediaReadError naming ``path`` for binary content."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise MediaReadError(path, f"starts with a {codec} byte order mark but is not valid "
                                           f"{codec} at byte {exc.start + len(bom)}") from None
            _refuse_binary(text, data, path)
            return Decoded(text, codec, 1.0, "byte order mark", bom=True)

    kind = _signature(data)
    if kind is not None:
        raise MediaReadError(path, f"not a text file: it looks like {kind}")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary(text, data, path)
        return Decoded(text, "utf-8", 1.0, "ascii only" if data.isascii() else "valid utf-8")

    utf16 = _utf16_by_nul_pattern(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            _refuse_binary(text, data, path)
            return Decoded(text, utf16, 0.95, "utf-16 nul-byte pattern")

    if b"\x00" in data:
        raise MediaReadError(path, "not a text file: it holds NUL bytes and is not UTF-16/32 text")

    chinese = _best_chinese(data)
    if chinese is not None:
        text, codec, margin = chinese
        _refuse_binary(text, data, path)
        # One strict decoding only, or a clear lead in log frequency per character.
        confidence = 0.9 if margin is None else 0.5 + min(0.45, margin / 6.0)
        return Decoded(text, codec, round(confidence, 2), "chinese character frequency")

    return _charset_normalizer(data, path)


# ------------------------------------------------------------------ binary
def _signature(data: bytes) -> Optional[str]:
    for magic, offset, kind in SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            return kind
    return None


def _refuse_binary(text: str, data: bytes, path: Optional[PathLike]) -> None:
    if not text:
        return
    sample = text[:20000]
    controls = sum(1 for ch in sample
                   if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\x7f" or ch == "\x00")
    if controls > max(2, MAX_CONTROL_SHARE * len(sample)):
        raise MediaReadError(path, "not a text file: it is full of control characters "
                                   "(a binary file, or text in an encoding that cannot be recognised)")


def _utf16_by_nul_pattern(data: bytes) -> Optional[str]:
    """``utf-16-le``/``utf-16-be`` when NULs fall on one parity of byte positions."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    nul_even = even.count(0) / len(even)
    nul_odd = odd.count(0) / len(odd)
    if nul_odd >= 0.2 and nul_even <= 0.02:
        return "utf-16-le"
    if nul_even >= 0.2 and nul_odd <= 0.02:
        return "utf-16-be"
    return None


# ------------------------------------------------------------------ chinese
@lru_cache(maxsize=1)
def _char_model() -> tuple[dict[str, float], float]:
    """log P(character) from jieba's dictionary (word frequency summed per character)."""
    import jieba  # noqa: WPS433 (imported when a legacy-encoded file is met)

    counts: dict[str, int] = {}
    with jieba.get_dict_file() as fh:
        for raw in fh:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            parts = line.split(" ", 2)
            if len(parts) < 2:
                continue
            try:
                freq = int(parts[1])
            except ValueError:
                continue
            for ch in parts[0]:
                counts[ch] = counts.get(ch, 0) + freq
    total = sum(counts.values()) + len(counts)
    logs = {ch: math.log((n + 1) / total) for ch, n in counts.items()}
    floor = math.log(1 / total)
    return logs, floor


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2FA1F
            or 0xF900 <= cp <= 0xFAFF)


def chinese_score(text: str) -> tuple[float, float]:
    """How much ``text`` reads like Chinese: (mean log-probability per character, Chinese share).

    Only non-ASCII characters count.  Han characters (traditional ones first
    converted to simplified) score their log frequency; Chinese punctuation and
    full-width forms score like a common character; anything else (kana,
    Hangul, private use, box drawing, Latin-1 letters ...) scores far below the
    rarest Han character.  The share is the part of non-ASCII characters that
    are Han or Chinese punctuation.
    """
    chars = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not chars:
        return (0.0, 0.0)
    logs, floor = _char_model()
    common = math.log(1e-3)
    alien = floor - 6.0
    simplified = _t2s().convert("".join(chars))
    if len(simplified) != len(chars):  # a conversion that changed length: score unconverted
        simplified = "".join(chars)
    total = 0.0
    chinese = 0
    for orig, ch in zip(chars, simplified):
        if _is_han(orig):
            total += max(logs.get(ch, floor), logs.get(orig, floor))
            chinese += 1
        elif orig in _CJK_PUNCT or 0xFF01 <= ord(orig) <= 0xFF5E:
            total += common
            chinese += 1
        elif unicodedata.category(orig) in ("Co", "Cs", "Cn", "Cc"):
            total += alien - 4.0
        else:
            total += alien
    return (total / len(chars), chinese / len(chars))


def _strict(data: bytes, codec: str) -> Optional[str]:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _best_chinese(data: bytes) -> Optional[tuple[str, str, Optional[float]]]:
    """The legacy Chinese (or BOM-less UTF-16) decoding that reads most like Chinese.

    Returns (text, codec, lead over the runner-up in score, or None without a runner-up).
    """
    candidates: list[tuple[str, str]] = []
    for family in (GB_CODECS, BIG5_CODECS):
        for codec in family:
            text = _strict(data, codec)
            if text is not None:
                candidates.append((codec, text))
                break
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            text = _strict(data, codec)
            if text is not None:
                candidates.append((codec, text))
    scored = []
    for codec, text in candidates:
        score, share = chinese_score(text)
        scored.append((score if share >= MIN_CHINESE_SHARE else -math.inf, codec, text))
    scored.sort(key=lambda item: item[0], reverse=True)
    if not scored or scored[0][0] < MIN_CHINESE_SCORE:
        return None
    score, codec, text = scored[0]
    margin = None if len(scored) == 1 or scored[1][0] == -math.inf else score - scored[1][0]
    return (text, codec, margin)


# ------------------------------------------------------------------ others
_CN_NAMES = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5",
             "cp950": "cp950", "big5hkscs": "big5hkscs", "utf_8": "utf-8", "ascii": "utf-8",
             "utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}


def _charset_normalizer(data: bytes, path: Optional[PathLike]) -> Decoded:
    """charset-normalizer's best match; among equally clean matches Windows-1252 wins.

    An English translation typed on Windows is cp1252; on a short file several
    Latin code pages decode without any oddity and charset-normalizer's first
    choice among them is arbitrary (cp1250 turns "naïve" into "naďve").
    """
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise MediaReadError(path, "not a text file, or text in an encoding that cannot be recognised")
    match = matches[0]
    for other in matches:
        if other.encoding == "cp1252" and other.chaos <= match.chaos + 0.01:
            match = other
            break
    codec = match.encoding
    codec = _CN_NAMES.get(codec, codec.replace("_", "-"))
    text = str(match)
    _refuse_binary(text, data, path)
    confidence = round(max(0.0, min(1.0, 1.0 - float(match.chaos))), 2)
    return Decoded(text, codec, confidence, "charset-normalizer")


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` to ``\\n`` (other line separators stay inside lines)."""
    return re.sub(r"\r\n?", "\n", text)
