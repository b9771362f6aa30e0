"""The bad-input corpus: generated media, cards, subtitles, documents, names and XML that try to break readers.

:func:`build` writes every file into a folder and returns the jobs that feed
them to DocManager: ``ingest`` (a media file or a card folder), ``ingest-copy``
(a card copied into a destination whose ASC MHL history is hostile) and
``transcript`` (``transcript import``).  Each job has a category for the
summary table and a scope: the path the refusal must name (a file, or a folder
for a card or an MHL history).
"""
from __future__ import annotations

import io
import os
import random
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

SECRET = "XXE-SECRET-7c1d"  # what an external entity would pull in if it were resolved


@dataclass
class Job:
    category: str
    kind: str  # ingest | ingest-copy | transcript
    path: bytes  # the file or folder given to DocManager (file system bytes)
    scope: bytes  # a refusal must name this path or one inside it
    expect_read: bool = False  # well-formed input that must be read
    dest: Optional[bytes] = None
    label: str = "CORPUS"
    notes: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {"category": self.category, "kind": self.kind, "path": self.path.hex(), "scope": self.scope.hex(),
                "dest": self.dest.hex() if self.dest else None, "label": self.label}


class _Corpus:
    def __init__(self, root: Path):
        self.root = root
        self.jobs: list[Job] = []
        self.rnd = random.Random(20240611)

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, category: str, name, data: bytes, kind: str = "ingest", expect_read: bool = False) -> bytes:
        folder = os.fsencode(self.folder(category))
        raw = os.fsencode(name) if isinstance(name, str) else name
        path = folder + b"/" + raw
        with open(path, "wb") as fh:
            fh.write(data)
        self.jobs.append(Job(category, kind, path, path, expect_read))
        return path


# ------------------------------------------------------------------ media
def _flip(data: bytes, rnd: random.Random, positions) -> bytes:
    out = bytearray(data)
    for pos in positions:
        out[pos % len(out)] ^= rnd.randrange(1, 256)
    return bytes(out)


def _media(c: _Corpus, samples: dict[str, Path]) -> None:
    for suffix, path in samples.items():
        data = path.read_bytes()
        c.write("media-valid", f"ok.{suffix}", data, expect_read=True)
        for frac in (0.01, 0.2, 0.5, 0.9):
            c.write("media-truncated", f"cut{int(frac * 100):02d}.{suffix}", data[:max(1, int(len(data) * frac))])
        c.write("media-truncated", f"minus1.{suffix}", data[:-1])
        n = len(data)
        variants = {
            "head16": [c.rnd.randrange(0, min(n, 4096)) for _ in range(16)],
            "middle": [n // 2 + i * 97 for i in range(8)],
            "tail": [n - 1 - c.rnd.randrange(0, min(n, 2048)) for _ in range(8)],
            "spread": [c.rnd.randrange(0, n) for _ in range(64)],
        }
        for name, positions in variants.items():
            c.write("media-bitflip", f"flip-{name}.{suffix}", _flip(data, c.rnd, positions))
        c.write("media-bitflip", f"zerohead.{suffix}", b"\0" * 512 + data[512:])
    for suffix in ("mp4", "mov", "mts", "m2ts", "mxf", "mkv", "avi"):
        c.write("media-empty-huge", f"empty.{suffix}", b"")
    big = 1 << 62
    c.write("media-empty-huge", "ftyp-size-ffffffff.mp4", b"\xff\xff\xff\xffftypisom" + b"\0" * 4000)
    c.write("media-empty-huge", "largesize.mp4",
            b"\0\0\0\x18ftypisom\0\0\0\0isom" + b"\0\0\0\x01moov" + big.to_bytes(8, "big") + b"\0" * 4000)
    c.write("media-empty-huge", "moov-4gb.mov",
            b"\0\0\0\x14ftypqt  \0\0\0\0qt  " + b"\xff\xff\xff\xf0moov" + b"\0\0\0\x10mvhd" + b"\0" * 8000)
    c.write("media-empty-huge", "syncbytes.mts", b"\x47" * (2 * 1024 * 1024))
    c.write("media-empty-huge", "random-packets.m2ts",
            b"".join(b"\0\0\0\0\x47" + c.rnd.randbytes(187) for _ in range(4000)))
    c.write("media-empty-huge", "klv-huge.mxf",
            bytes.fromhex("060e2b34020501010d01020101020400") + b"\x88" + b"\xff" * 8 + b"\0" * 4000)
    c.write("media-empty-huge", "noise.mov", c.rnd.randbytes(1024 * 1024))
    c.write("media-empty-huge", "text.mp4", b"this is not a video\n" * 100)
    c.write("media-empty-huge", "png.mov", b"\x89PNG\r\n\x1a\n" + c.rnd.randbytes(2000))
    c.write("media-empty-huge", "elf.mts", b"\x7fELF" + c.rnd.randbytes(5000))


# ------------------------------------------------------------------ AVCHD cards
def _find(root: Path, *names: str) -> Path:
    for p in sorted(root.rglob("*")):
        if p.name.upper() in names and "BACKUP" not in p.parts:
            return p
    raise FileNotFoundError(names)


def _cards(c: _Corpus, master: Path) -> None:
    base = c.folder("avchd")
    damages = {
        "ok": None,
        "mpl-truncated": lambda d: _cut(_find(d, "00000.MPL"), 20),
        "mpl-wrong-magic": lambda d: _patch(_find(d, "00000.MPL"), 0, b"XXXX"),
        "mpl-bad-version": lambda d: _patch(_find(d, "00000.MPL"), 4, b"9999"),
        "mpl-empty": lambda d: _cut(_find(d, "00000.MPL"), 0),
        "mpl-ff-body": lambda d: _fill(_find(d, "00000.MPL"), 8, b"\xff"),
        "mpl-start-past-end": lambda d: _patch(_find(d, "00000.MPL"), 8, b"\x7f\xff\xff\xf0"),
        "mpl-noise-1": lambda d: _noise(_find(d, "00000.MPL"), 8, 1),
        "mpl-noise-2": lambda d: _noise(_find(d, "00000.MPL"), 8, 2),
        "mpl-and-backup-broken": lambda d: [_cut(p, 10) for p in d.rglob("00000.MPL")],
        "cpi-truncated": lambda d: _cut(_find(d, "00001.CPI"), 30),
        "cpi-zeroed": lambda d: _fill(_find(d, "00000.CPI"), 0, b"\0"),
        "cpi-missing": lambda d: _find(d, "00002.CPI").unlink(),
        "index-empty": lambda d: _cut(_find(d, "INDEX.BDM"), 0),
        "stream-missing": lambda d: _find(d, "00001.MTS").unlink(),
        "stream-truncated": lambda d: _cut(_find(d, "00002.MTS"), 5000),
        "stream-zero": lambda d: _cut(_find(d, "00000.MTS"), 0),
    }
    for name, damage in damages.items():
        card = base / name
        shutil.copytree(master, card)
        if damage is not None:
            damage(card)
        path = os.fsencode(card)
        c.jobs.append(Job("avchd-broken" if damage else "avchd-valid", "ingest", path, path,
                          expect_read=damage is None))


def _cut(path: Path, size: int) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(size)


def _patch(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(data)


def _fill(path: Path, offset: int, byte: bytes) -> None:
    size = path.stat().st_size
    _patch(path, offset, byte * (size - offset))


def _noise(path: Path, offset: int, seed: int) -> None:
    size = path.stat().st_size
    _patch(path, offset, random.Random(seed).randbytes(size - offset))


# ------------------------------------------------------------------ subtitles
ZH = ["刘静军：我们找了他十年。", "（哭）没有放弃过。", "警察说：再等等。"]
ZH_T = ["劉靜軍：我們找了他十年。", "（哭）沒有放棄過。", "警察說：再等等。"]


def _srt(lines) -> str:
    return "".join(f"{i + 1}\n00:00:{i * 3 + 1:02d},000 --> 00:00:{i * 3 + 3:02d},500\n{t}\n\n"
                   for i, t in enumerate(lines))


def _vtt(lines) -> str:
    return "WEBVTT\n\n" + "".join(f"00:00:{i * 3 + 1:02d}.000 --> 00:00:{i * 3 + 3:02d}.500\n{t}\n\n"
                                  for i, t in enumerate(lines))


def _ass(lines) -> str:
    head = ("[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize\n"
            "Style: Default,Arial,20\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, "
            "MarginV, Effect, Text\n")
    return head + "".join(f"Dialogue: 0,0:00:{i * 3 + 1:02d}.00,0:00:{i * 3 + 3:02d}.50,Default,,0,0,0,,{t}\n"
                          for i, t in enumerate(lines))


def _txt(lines) -> str:
    return "".join(f"[00:00:{i * 3 + 1:02d}] {t}\n" for i, t in enumerate(lines))


ENCODINGS = {
    "utf8": ("utf-8", b""), "utf8bom": ("utf-8", b"\xef\xbb\xbf"),
    "utf16le-bom": ("utf-16-le", b"\xff\xfe"), "utf16be-bom": ("utf-16-be", b"\xfe\xff"),
    "utf16le": ("utf-16-le", b""), "utf16be": ("utf-16-be", b""),
    "gb18030": ("gb18030", b""), "gbk": ("gbk", b""), "big5": ("big5", b""),
}


def _subtitles(c: _Corpus) -> None:
    makers = {"srt": _srt, "vtt": _vtt, "ass": _ass, "txt": _txt}
    for fmt, make in makers.items():
        for name, (codec, bom) in ENCODINGS.items():
            lines = ZH_T if codec == "big5" else ZH
            c.write("subs-encodings", f"{name}.{fmt}", bom + make(lines).encode(codec), "transcript",
                    expect_read=True)
    srt = _srt(ZH)
    wrong = {
        "shift_jis.srt": _srt(["お父さんは十年探した。", "諦めなかった。"]).encode("shift_jis"),
        "euc-kr.srt": _srt(["아버지는 십 년 동안 찾았다."]).encode("euc-kr"),
        "koi8-r.vtt": _vtt(["Отец искал десять лет."]).encode("koi8-r"),
        "cp1252.srt": _srt(["naïve café – “quoted”"]).encode("cp1252"),
        "utf8bom-gbk-body.srt": b"\xef\xbb\xbf" + srt.encode("gbk"),
        "utf16bom-odd.srt": b"\xff\xfe" + srt.encode("utf-16-le") + b"\x00",
        "utf32.srt": srt.encode("utf-32"),
        "mixed-utf8-gbk.srt": _srt(ZH[:1]).encode("utf-8") + _srt(ZH[1:]).encode("gbk"),
        "random.srt": c.rnd.randbytes(3000),
        "random-lines.vtt": b"\n".join(c.rnd.randbytes(40) for _ in range(50)),
        "latin1-as-ass.ass": _ass(["Ça va très bien"]).encode("latin-1"),
        "big5-hkscs.txt": _txt(["香港𨋢口"]).encode("big5hkscs"),
    }
    for name, data in wrong.items():
        c.write("subs-wrong-encoding", name, data, "transcript")


def _malformed(c: _Corpus) -> None:
    head = _ass(["x"]).split("[Events]")[0]
    cases = {
        "no-arrow.srt": "1\n00:00:01,000 00:00:02,000\ntext\n",
        "bad-seconds.srt": "1\n00:00:99,000 --> 00:01:00,000\ntext\n",
        "negative.srt": "1\n-00:00:01,000 --> 00:00:02,000\ntext\n",
        "huge-hours.srt": "1\n99999999999:00:01,000 --> 99999999999:00:02,000\ntext\n",
        "arrows-only.srt": "-->\n-->\n-->\n",
        "numbers-only.srt": "1\n2\n3\n4\n",
        "blank.srt": "\n\n\n   \n",
        "bom-only.srt": "\ufeff",
        "nul-inside.srt": "1\n00:00:01,000 --> 00:00:02,000\nte\0xt\n",
        "one-long-line.srt": "1\n00:00:01,000 --> 00:00:02,000\n" + "长" * 400_000 + "\n",
        "many-cues.srt": "".join(f"{i}\n00:{i // 60 % 60:02d}:{i % 60:02d},000 --> 00:{i // 60 % 60:02d}:"
                                 f"{i % 60:02d},500\nline {i}\n\n" for i in range(1, 20001)),
        "unclosed-tags.srt": "1\n00:00:01,000 --> 00:00:02,000\n<i<b<u{\\i1{\\b\n",
        "reversed.srt": "1\n00:00:05,000 --> 00:00:01,000\nbackwards\n",
        "zeros.srt": "1\n" + "0" * 100_000 + " --> 00:00:02,000\ntext\n",
        "colons.txt": "1:" * 50_000 + "\n",
        "brackets.txt": "[" * 100_000 + "\n" + "(" * 100_000 + "\n",
        "stamps-only.txt": "\n".join(f"[00:00:{i:02d}]" for i in range(60)),
        "labels-only.txt": "\n".join("Speaker 1:" for _ in range(500)),
        "no-header.vtt": "00:00:01.000 --> 00:00:02.000\nno header\n",
        "header-only.vtt": "WEBVTT\n",
        "huge-note.vtt": "WEBVTT\n\nNOTE\n" + "note line\n" * 50_000 + "\n00:01.000 --> 00:02.000\nx\n",
        "bad-cue-time.vtt": "WEBVTT\n\n00:00:01.000 --> banana\ntext\n",
        "no-events.ass": head,
        "no-format.ass": head + "[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x\n",
        "few-fields.ass": head + "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, "
                                 "Effect, Text\nDialogue: 0,0:00:01.00\n",
        "bad-times.ass": head + "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, "
                                "Effect, Text\nDialogue: 0,9:99:99.99,x:yy,Default,,0,0,0,,x\n",
        "huge-format.ass": head + "[Events]\nFormat: " + ", ".join(f"F{i}" for i in range(20000)) + "\n",
        "deep-braces.ass": head + "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, "
                                  "MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,"
                                  + "{\\" * 50_000 + "\n",
        "braces.srt": "1\n00:00:01,000 --> 00:00:02,000\n" + "{" * 1_000_000 + "\n",
        "not-ass.ssa": "[Script Info]\n" + "garbage\n" * 10,
        "srt-as.txt": _srt(["hello"]) + "2\n00:00:0x,000 --> zz\n",
    }
    for name, text in cases.items():
        c.write("subs-malformed", name, text.encode("utf-8"), "transcript")


# ------------------------------------------------------------------ DOCX and XML
def _docx_bytes(paragraphs) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _replace_member(data: bytes, member: str, content: Optional[bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename == member:
                if content is not None:
                    out.writestr(info.filename, content)
            else:
                out.writestr(info, src.read(info.filename))
    return buf.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                            for i in range(1, 10))
                  + ']>\n')


def _secret_file(c: _Corpus) -> Path:
    path = c.folder("secrets") / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _docx(c: _Corpus) -> None:
    good = _docx_bytes(["[00:00:01] 刘静军：我们找了他十年。", "[00:00:04] 没有放弃过。"])
    c.write("docx-malformed", "valid.docx", good, "transcript", expect_read=True)
    c.write("docx-malformed", "not-a-zip.docx", b"This is plain text, saved with the wrong name.\n", "transcript")
    c.write("docx-malformed", "truncated.docx", good[: len(good) // 2], "transcript")
    c.write("docx-malformed", "no-document-xml.docx", _replace_member(good, "word/document.xml", None), "transcript")
    c.write("docx-malformed", "broken-xml.docx",
            _replace_member(good, "word/document.xml", b"<w:document " + W_NS.encode() + b"><w:body><w:p>"),
            "transcript")
    c.write("docx-malformed", "empty-zip.docx", _empty_zip(), "transcript")
    c.write("docx-malformed", "many-paragraphs.docx",
            _docx_bytes([f"[{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}] line {i}" for i in range(3000)]),
            "transcript")
    huge_text = ("<w:document " + W_NS + "><w:body><w:p><w:r><w:t>" + " " * (30 * 1024 * 1024) + "x"
                 + "</w:t></w:r></w:p></w:body></w:document>").encode()
    c.write("docx-malformed", "zip-bomb-30mb.docx", _replace_member(good, "word/document.xml", huge_text),
            "transcript")
    # XML attacks in the document part
    secret = _secret_file(c)
    laughs = (BILLION_LAUGHS.replace("lolz", "w:document") + "<w:document " + W_NS
              + "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    c.write("xml-attacks", "billion-laughs.docx", _replace_member(good, "word/document.xml", laughs.encode()),
            "transcript")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
           f'<w:document {W_NS}><w:body><w:p><w:r><w:t>[00:00:01] &xxe;</w:t></w:r></w:p></w:body></w:document>')
    c.write("xml-attacks", "xxe-file.docx", _replace_member(good, "word/document.xml", xxe.encode()), "transcript")
    xxe_param = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n'
                 f'<w:document {W_NS}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>')
    c.write("xml-attacks", "xxe-parameter.docx", _replace_member(good, "word/document.xml", xxe_param.encode()),
            "transcript")
    xxe_net = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
               f'<w:document {W_NS}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>')
    c.write("xml-attacks", "xxe-network-dtd.docx", _replace_member(good, "word/document.xml", xxe_net.encode()),
            "transcript")
    ct = BILLION_LAUGHS.replace("lolz", "Types") + \
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&lol9;</Types>'
    c.write("xml-attacks", "billion-laughs-content-types.docx",
            _replace_member(good, "[Content_Types].xml", ct.encode()), "transcript")


def _empty_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w"):
        pass
    return buf.getvalue()


def _mhl(c: _Corpus, samples: dict[str, Path]) -> None:
    """Hostile ASC MHL histories already in the copy's folder at the destination."""
    secret = _secret_file(c)
    chain_head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    chains = {
        "mhl-billion-laughs": BILLION_LAUGHS.replace("lolz", "ascmhldirectory")
        + '<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0">&lol9;</ascmhldirectory>',
        "mhl-xxe": f'{chain_head}<!DOCTYPE ascmhldirectory [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
                   '<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0"><hashlist sequencenr="1">'
                   '<path>&xxe;</path><c4>x</c4></hashlist></ascmhldirectory>',
        "mhl-truncated": chain_head + '<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0"><hashlist seq',
        "mhl-not-xml": "\0\1\2 binary garbage \xff",
    }
    for name, chain in chains.items():
        src = c.folder("mhl-sources") / name
        src.mkdir()
        shutil.copy(samples["mp4"], src / "A001.mp4")
        dest = c.folder("mhl-dests") / name
        history = dest / "CORPUS" / name / "ascmhl"
        history.mkdir(parents=True)
        (history / "ascmhl_chain.xml").write_text(chain, encoding="utf-8", errors="surrogateescape")
        c.jobs.append(Job("xml-attacks", "ingest-copy", os.fsencode(src), os.fsencode(dest / "CORPUS" / name),
                          dest=os.fsencode(dest)))
    # a generation file with the bomb, listed by a plain chain
    src = c.folder("mhl-sources") / "mhl-generation-bomb"
    src.mkdir()
    shutil.copy(samples["mov"], src / "A002.mov")
    dest = c.folder("mhl-dests") / "mhl-generation-bomb"
    history = dest / "CORPUS" / "mhl-generation-bomb" / "ascmhl"
    history.mkdir(parents=True)
    (history / "0001_mhl-generation-bomb_2024-01-01_000000Z.mhl").write_text(
        BILLION_LAUGHS.replace("lolz", "hashlist")
        + '<hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0"><creatorinfo>&lol9;</creatorinfo></hashlist>')
    (history / "ascmhl_chain.xml").write_text(
        chain_head + '<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0"><hashlist sequencenr="1">'
        '<path>0001_mhl-generation-bomb_2024-01-01_000000Z.mhl</path><c4>deadbeef</c4></hashlist>'
        '</ascmhldirectory>')
    c.jobs.append(Job("xml-attacks", "ingest-copy", os.fsencode(src),
                      os.fsencode(dest / "CORPUS" / "mhl-generation-bomb"), dest=os.fsencode(dest)))


# ------------------------------------------------------------------ names
def _names(c: _Corpus, samples: dict[str, Path]) -> None:
    mp4 = samples["mp4"].read_bytes()
    srt = _srt(ZH).encode("utf-8")
    media_names = [b"\xb2\xc9\xb7\xc3.mp4", b"\xff\xfe\xfd.MTS", b"caf\xe9.mov", b"a\nb.mp4",
                   b"-rf --json.mp4", b"x" * 251 + b".mp4", "采访" .encode() * 40 + b".mp4",
                   b"'quote\" $(touch pwned) `x`.mp4"]
    for i, name in enumerate(media_names):
        data = samples["mts"].read_bytes() if name.lower().endswith(b".mts") else \
            samples["mov"].read_bytes() if name.endswith(b".mov") else mp4
        c.write("names", name, data, expect_read=True)
    for name in [b"\xb2\xc9\xb7\xc3.srt", b"\xa6\xe7.vtt", b"s" * 251 + b".srt", "字幕".encode() * 41 + b".srt",
                 b"line\nbreak.srt", b"-h.srt"]:
        data = _vtt(ZH).encode() if name.endswith(b".vtt") else srt
        c.write("names", name, data, "transcript", expect_read=True)


def build(root: Path, samples: dict[str, Path], avchd_master: Path) -> list[Job]:
    c = _Corpus(root)
    _media(c, samples)
    _cards(c, avchd_master)
    _subtitles(c)
    _malformed(c)
    _docx(c)
    _mhl(c, samples)
    _names(c, samples)
    return c.jobs
