"""The translator's round trip: a pack out, the translated sheet back in.

``export_pack(project, clip_id, folder)`` writes into ``folder``::

    README.txt            what is in the pack and how to fill in the sheet
    <clip>.<ext>          the clip's proxy (or its media file), copied when it is at most
                          COPY_LIMIT bytes; a bigger file is not copied (a pack travels on
                          a stick or through a file share) and README.txt gives its path.
                          Never a hard link: the pack leaves this machine.
    <clip>.<lang>.srt     one SRT per transcript and translation of the clip that has times
                          (timed lines only; speakers written as "刘静军：" labels)
    glossary.csv          the clip's subjects (Chinese, pinyin, English) and the speakers
                          of the transcript, for consistent names
    sheet.csv             id, start, end, speaker, Chinese, English: one row per line of the
                          original transcript, UTF-8 with a BOM so Excel shows Chinese right
    sheet.xlsx            the same sheet, when openpyxl is installed (it is optional)
    pack.json             what was exported: each line's text and version, and its
                          translation lines' ids, versions and text

``import_sheet(project, clip_id, sheet_path, lang="en")`` reads the sheet back
(CSV in any encoding Excel may have saved it in, or XLSX), finds ``pack.json``
next to it, and merges the translation column by line id, in one transaction:

* a cell unchanged since the export: nothing to do (``unchanged``);
* a cell changed in the sheet while the catalogue's translation of that line is
  as exported: written (``updated``), by ``project.user``; the first
  translation line keeps its id, further lines merged into the row are removed;
  an emptied cell removes the translation; a line that had none gets one with
  the transcript line's times;
* a cell changed in the sheet *and* the catalogue's translation changed since
  the export (its version moved and its text differs from the exported one)
  to something else: a ``SheetConflict``, nothing written for that line;
* a changed source-language cell is not imported (the transcript is edited in
  the catalogue) and is reported under ``problems``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from docmanager.catalogue.roots import locate
from docmanager.db.models import Clip, Segment, Transcript
from docmanager.errors import MediaReadError, NotFoundError, PathLike, RefusedError
from docmanager.fsutil import writing_output
from docmanager.transcripts.encoding import decode_text, normalise_newlines
from docmanager.transcripts.readers import LineProblem, format_ms
from docmanager.transcripts.store import shift_positions, find_transcript, join_text

if TYPE_CHECKING:
    from docmanager.project import Project

__all__ = ["COPY_LIMIT", "PACK_FILE", "SHEET_FILE", "SheetConflict", "SheetResult", "export_pack",
           "import_sheet", "column_name"]

COPY_LIMIT = 1024 * 1024 * 1024  # media up to 1 GiB is copied into the pack
PACK_FILE = "pack.json"
SHEET_FILE = "sheet.csv"
PACK_FORMAT = 1
OPEN_END_MS = 3000  # an SRT cue needs an end: a line without one lasts until the next, or this long
LANG_NAMES = {"zh": "Chinese", "en": "English", "fr": "French", "de": "German", "es": "Spanish",
              "ja": "Japanese", "ko": "Korean", "it": "Italian", "pt": "Portuguese", "ru": "Russian"}


def column_name(lang: str) -> str:
    """The sheet column of a language: ``Chinese`` for zh, zh-Hans, zh-Hant; ``English`` ...; else the code."""
    return LANG_NAMES.get(lang.split("-")[0].lower(), lang)


@dataclass(frozen=True)
class SheetConflict:
    """A line changed in the sheet and in the catalogue since the export; nothing written for it."""

    segment_id: int
    row: int  # the row in the sheet (the header is row 1)
    exported: str
    sheet: str
    current: str
    reason: str

    def to_json(self) -> dict:
        return {"segment_id": self.segment_id, "row": self.row, "exported": self.exported,
                "sheet": self.sheet, "current": self.current, "reason": self.reason}


@dataclass
class SheetResult:
    """What ``import_sheet`` did: ids of the transcript lines whose translation was written, and so on."""

    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[SheetConflict] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    transcript_id: Optional[int] = None  # the translation transcript written to
    lang: str = "en"

    def to_json(self) -> dict:
        return {"updated": self.updated, "unchanged": self.unchanged,
                "conflicts": [c.to_json() for c in self.conflicts],
                "problems": [p.to_json() for p in self.problems],
                "transcript_id": self.transcript_id, "lang": self.lang}


# ====================================================================== export
def _safe_name(name: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .")
    return cleaned or "clip"


def _media_source(project: "Project", clip: Clip) -> Optional[Path]:
    """The proxy when there is one on disk, else the joined file, else the first file."""
    candidates: list[str] = []
    if clip.proxy_path:
        candidates.append(clip.proxy_path)
    if clip.joined_file is not None:
        candidates.append(locate(clip.joined_file).shown)
    candidates.extend(locate(cf.media_file).shown for cf in clip.files)
    for text in candidates:
        path = Path(text)
        if not path.is_absolute():
            path = project.root / path
        if path.is_file():
            return path
    return Path(candidates[0]) if candidates else None


def _segment_texts(segs: list[Segment]) -> str:
    text = ""
    for seg in segs:
        text = join_text(text, seg.text or "") if text else (seg.text or "")
    return text


def _write_srt(path: Path, segs: list[Segment]) -> int:
    """An SRT of the timed lines; returns how many lines had no time and were left out."""
    import pysubs2

    subs = pysubs2.SSAFile()
    timed = [seg for seg in segs if seg.start_ms is not None]
    starts = sorted(seg.start_ms for seg in timed)
    for seg in timed:
        end = seg.end_ms
        if end is None:
            later = [t for t in starts if t > seg.start_ms]
            end = later[0] if later else seg.start_ms + OPEN_END_MS
        event = pysubs2.SSAEvent(start=max(0, seg.start_ms), end=max(0, end))
        event.plaintext = _labelled(seg.speaker, seg.text or "")
        subs.append(event)
    path.write_text(subs.to_string("srt"), encoding="utf-8")
    return len(segs) - len(timed)


def _labelled(speaker: Optional[str], text: str) -> str:
    """``刘静军：……`` / ``Liu Jingjun: ...``, as transcripts write a speaker (read back the same way)."""
    if not speaker:
        return text
    if re.search(r"[\u3400-\u9fff]", speaker):
        return f"{speaker}：{text}"
    return f"{speaker}: {text}"


def _pinyin(text: Optional[str]) -> str:
    if not text:
        return ""
    from pypinyin import lazy_pinyin, Style

    syllables = lazy_pinyin(text, style=Style.TONE)
    return " ".join(syllables)


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """CSV for Excel: UTF-8 with a BOM, CRLF line ends, every text quoted as needed."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_xlsx(path: Path, header: list[str], rows: list[list[Any]]) -> bool:
    try:
        import openpyxl
    except ImportError:
        return False
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "lines"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    book.save(path)
    return True


def export_pack(project: "Project", clip_id: int, folder: PathLike, lang: str = "en") -> Path:
    """Write the translator's pack for ``clip_id`` into ``folder`` (created); returns the folder.

    ``lang`` is the translation the sheet collects (English by default); the
    rows are the lines of the clip's original transcript.
    """
    folder = Path(os.fsdecode(folder)).absolute()
    with project.session() as s:
        clip = s.get(Clip, clip_id)
        if clip is None:
            raise NotFoundError(f"no clip with id {clip_id}")
        source = find_transcript(s, clip_id)
        if source is None:
            raise RefusedError(f"clip {clip_id} ({clip.name}) has no transcript yet; import one first")
        if source.lang.lower() == lang.lower():
            raise RefusedError(f"the clip's transcript is in {lang!r} already; choose the language to "
                               "translate into")
        base = _safe_name(clip.name)
        media = _media_source(project, clip)
        transcripts = s.scalars(select(Transcript).where(Transcript.clip_id == clip_id)
                                .order_by(Transcript.id)).all()
        lines = {t.id: list(s.scalars(select(Segment).where(Segment.transcript_id == t.id)
                                      .order_by(Segment.position, Segment.id))) for t in transcripts}
        target = next((t for t in transcripts if t.lang.lower() == lang.lower()), None)
        by_source: dict[int, list[Segment]] = {}
        if target is not None:
            for seg in lines[target.id]:
                if seg.translates_id is not None:
                    by_source.setdefault(seg.translates_id, []).append(seg)
        subjects = [(subj.name_zh or "", subj.pinyin or _pinyin(subj.name_zh), subj.name)
                    for subj in clip.subjects]

        with writing_output(folder):  # a folder that is a file, or cannot be made or written: a refusal
            folder.mkdir(parents=True, exist_ok=True)
            notes: list[str] = []
            for t in transcripts:
                if not any(seg.start_ms is not None for seg in lines[t.id]):
                    notes.append(f"No {t.lang} subtitles: its lines have no times.")
                    continue
                untimed = _write_srt(folder / f"{base}.{t.lang}.srt", lines[t.id])
                if untimed:
                    notes.append(f"{base}.{t.lang}.srt leaves out {untimed} line(s) without times.")

            header = ["id", "start", "end", "speaker", column_name(source.lang), column_name(lang)]
            rows: list[list[Any]] = []
            record: dict[str, Any] = {}
            for seg in lines[source.id]:
                translated = by_source.get(seg.id, [])
                text = _segment_texts(translated)
                rows.append([seg.id, format_ms(seg.start_ms), format_ms(seg.end_ms), seg.speaker or "",
                             seg.text or "", text])
                record[str(seg.id)] = {"version": seg.version, "text": seg.text or "",
                                       "translation": [{"id": t.id, "version": t.version} for t in translated],
                                       "translation_text": text}
            _write_csv(folder / SHEET_FILE, header, rows)
            has_xlsx = _write_xlsx(folder / "sheet.xlsx", header, rows)

            known = {name for row in subjects for name in row if name}
            glossary = [list(row) for row in subjects]
            speakers = dict.fromkeys(seg.speaker for seg in lines[source.id] if seg.speaker)
            glossary += [[sp, _pinyin(sp), ""] for sp in speakers if sp not in known]
            _write_csv(folder / "glossary.csv", ["Chinese (汉字)", "Pinyin", "English"], glossary)

            media_line = _place_media(media, folder, base)
            pack = {
                "format": PACK_FORMAT, "clip_id": clip_id, "clip_name": clip.name,
                "source_lang": source.lang, "source_transcript_id": source.id,
                "lang": lang, "translation_transcript_id": target.id if target else None,
                "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "exported_by": project.user, "rows": record,
            }
            (folder / PACK_FILE).write_text(json.dumps(pack, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            _write_readme(folder / "README.txt", clip.name, source.lang, lang, media_line, has_xlsx, notes)
    return folder


def _place_media(media: Optional[Path], folder: Path, base: str) -> str:
    if media is None:
        return "The clip has no media file in the catalogue."
    if not media.is_file():
        return f"The media file is offline (not found at {media}); ask the editor for a copy."
    size = media.stat().st_size
    if size > COPY_LIMIT:
        return (f"The media file is too big to copy into the pack ({size / 1e9:.1f} GB); "
                f"it is at: {media}")
    target = folder / f"{base}{media.suffix.lower()}"
    shutil.copyfile(media, target)
    return f"Media: {target.name} (a copy of {media})."


def _write_readme(path: Path, clip_name: str, source: str, lang: str, media_line: str, has_xlsx: bool,
                  notes: list[str]) -> None:
    src, dst = column_name(source), column_name(lang)
    text = [
        f"Translation pack for clip {clip_name}",
        "",
        media_line,
        "",
        f"sheet.csv{' and sheet.xlsx' if has_xlsx else ''}: one row per line of the {src} transcript.",
        f"  Fill in or correct the {dst} column only. Keep the id column and the rows as they are;",
        "  a line may hold several sentences. Save as CSV (UTF-8) or as an Excel workbook.",
        f"  Send the sheet back together with {PACK_FILE} (it records what was exported, so",
        "  changes made meanwhile in the catalogue are not overwritten).",
        "glossary.csv: names of the people in the clip in Chinese characters, pinyin and English.",
        "*.srt: the transcript and translations as subtitles, to watch with the media.",
    ]
    text += [""] + notes if notes else []
    path.write_text("\r\n".join(text) + "\r\n", encoding="utf-8-sig")


# ====================================================================== import
def _read_sheet(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        try:
            import openpyxl
        except ImportError:
            raise MediaReadError(path, "reading .xlsx needs the openpyxl package; save the sheet as CSV") \
                from None
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise MediaReadError(path, f"not a readable Excel workbook ({exc})") from None
        sheet = book.worksheets[0]
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MediaReadError(path, f"cannot read the sheet ({exc.strerror or exc})") from None
    text = normalise_newlines(decode_text(data, path).text)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") and "\t" not in sample else \
        "\t" if sample.count("\t") > sample.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _norm(text: Optional[str]) -> str:
    return "\n".join(" ".join(line.split()) for line in normalise_newlines(text or "").strip().split("\n"))


def _load_pack(sheet_path: Path, pack_path: Optional[PathLike]) -> tuple[Path, dict]:
    path = Path(os.fsdecode(pack_path)) if pack_path is not None else sheet_path.parent / PACK_FILE
    if not path.is_file():
        raise RefusedError(f"{PACK_FILE} is missing next to the sheet; it records what was exported "
                           "and is needed to see what changed meanwhile. Put it back next to the sheet", path)
    try:
        pack = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(pack, dict) or pack.get("format", 0) > PACK_FORMAT or "rows" not in pack:
            raise ValueError("not a translation pack record")
    except (ValueError, OSError) as exc:
        raise MediaReadError(path, f"not a readable {PACK_FILE} ({exc})") from None
    return path, pack


def import_sheet(project: "Project", clip_id: int, sheet_path: PathLike, lang: str = "en",
                 pack_path: Optional[PathLike] = None) -> SheetResult:
    """Merge the ``lang`` column of a returned sheet into the clip's translation (see the module notes)."""
    sheet_path = Path(os.fsdecode(sheet_path)).absolute()
    if not sheet_path.is_file():
        raise MediaReadError(sheet_path, "no such sheet")
    _pack_file, pack = _load_pack(sheet_path, pack_path)
    if int(pack.get("clip_id", -1)) != clip_id:
        raise RefusedError(f"this sheet was exported for clip {pack.get('clip_id')} "
                           f"({pack.get('clip_name')}), not clip {clip_id}", sheet_path)
    rows = _read_sheet(sheet_path)
    if not rows:
        raise MediaReadError(sheet_path, "the sheet is empty")
    header = [h.strip().lstrip("\ufeff").lower() for h in rows[0]]
    source_lang = pack.get("source_lang", "zh")

    def column(*names: str) -> Optional[int]:
        for name in names:
            if name.lower() in header:
                return header.index(name.lower())
        return None

    id_col = column("id")
    lang_col = column(column_name(lang), lang)
    src_col = column(column_name(source_lang), source_lang)
    if id_col is None or lang_col is None:
        raise MediaReadError(sheet_path, f"the sheet needs an 'id' and a '{column_name(lang)}' column "
                                         f"(found: {', '.join(rows[0])})")
    exported: dict[str, Any] = pack["rows"]
    user = project.user

    def cell(row: list[str], col: Optional[int]) -> Optional[str]:
        if col is None or col >= len(row):
            return None
        return normalise_newlines(row[col]).strip()

    def _merge(s: Session) -> SheetResult:
        result = SheetResult(lang=lang)  # made here: a retried transaction starts afresh
        source = s.get(Transcript, pack.get("source_transcript_id"))
        if source is None or source.clip_id != clip_id:
            raise RefusedError(f"the transcript this sheet was exported from is gone from clip {clip_id}",
                               sheet_path)
        target = find_transcript(s, clip_id, lang)
        if target is not None and target.id == source.id:
            raise RefusedError(f"{lang!r} is the transcript's own language; choose the translation column")
        for number, row in enumerate(rows[1:], 2):
            if not any((value or "").strip() for value in row):
                continue
            raw_id = cell(row, id_col) or ""
            try:
                seg_id = int(float(raw_id))
            except ValueError:
                result.problems.append(LineProblem(number, f"row {number}: {raw_id!r} is not a line id; "
                                                           "row ignored", "sheet"))
                continue
            before = exported.get(str(seg_id))
            if before is None:
                result.problems.append(LineProblem(number, f"row {number}: line {seg_id} was not in the "
                                                           "exported sheet; row ignored", "sheet"))
                continue
            src_text = cell(row, src_col)
            if src_text is not None and _norm(src_text) != _norm(before["text"]):
                result.problems.append(LineProblem(
                    number, f"row {number}: the {column_name(source_lang)} text was changed in the sheet; "
                            "it is not imported from sheets (edit the transcript itself)", "sheet"))
            new_text = cell(row, lang_col) or ""
            if _norm(new_text) == _norm(before["translation_text"]):
                result.unchanged += 1
                continue
            seg = s.get(Segment, seg_id)
            current = [] if target is None else list(s.scalars(
                select(Segment).where(Segment.transcript_id == target.id, Segment.translates_id == seg_id)
                .order_by(Segment.position, Segment.id)))
            current_text = _segment_texts(current)
            if seg is None or seg.transcript_id != source.id:
                result.conflicts.append(SheetConflict(seg_id, number, before["translation_text"], new_text,
                                                      current_text, "the line was removed from the "
                                                      "transcript since the export"))
                continue
            if _norm(current_text) == _norm(new_text):
                result.unchanged += 1  # the catalogue has this text already
                continue
            was = {(t["id"], t["version"]) for t in before["translation"]}
            now = {(t.id, t.version) for t in current}
            if was != now and _norm(current_text) != _norm(before["translation_text"]):
                result.conflicts.append(SheetConflict(seg_id, number, before["translation_text"], new_text,
                                                      current_text, "changed in the sheet and in the "
                                                      "catalogue since the export"))
                continue
            if target is None:
                target = Transcript(clip_id=clip_id, lang=lang, kind="translation",
                                    translation_of_id=source.id, source_name=sheet_path.name,
                                    source_format="sheet", encoding="utf-8")
                s.add(target)
                s.flush()
            _write_line(s, target, seg, current, new_text, user)
            result.updated.append(seg_id)
        result.transcript_id = target.id if target is not None else None
        return result

    return project.write(_merge)


def _write_line(s: Session, target: Transcript, seg: Segment, current: list[Segment], text: str,
                user: Optional[str]) -> None:
    """Give transcript line ``seg`` the translation ``text`` in ``target``."""
    if current:
        if text:
            current[0].text = text
            current[0].updated_by = user
            current = current[1:]
        # Further lines merged into the row (or all, for a cell emptied in the sheet) go;
        # the lines after them close up.
        for line in sorted(current, key=lambda x: x.position, reverse=True):
            position = line.position
            s.delete(line)
            s.flush()
            shift_positions(s, target.id, position, -1)
        return
    if not text:
        return
    # A new translation line, placed after the last line translating an earlier transcript line.
    src_positions = dict(s.execute(select(Segment.id, Segment.position)
                                   .where(Segment.transcript_id == seg.transcript_id)).all())
    after = -1
    for line_id, position, translates in s.execute(
            select(Segment.id, Segment.position, Segment.translates_id)
            .where(Segment.transcript_id == target.id).order_by(Segment.position)):
        if translates is not None and src_positions.get(translates, -1) < seg.position:
            after = max(after, position)
    shift_positions(s, target.id, after, 1)
    s.add(Segment(transcript_id=target.id, position=after + 1, start_ms=seg.start_ms, end_ms=seg.end_ms,
                  speaker=None, text=text, translates_id=seg.id, updated_by=user))
    s.flush()
