"""The name glossary: each subject's names in 汉字, pinyin and English, and a spelling check.

The translator sees the glossary while editing.  The check lists translation
lines whose original says a subject's Chinese name but whose English does not
use the glossary's spelling (``Liu Jinjun`` for 刘静军, say), so a name is
spelled one way through the whole film.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from docmanager.db.models import ClipSubject, Segment, Subject, Transcript


@dataclass(frozen=True)
class GlossaryEntry:
    subject_id: int
    english: str
    chinese: Optional[str]
    pinyin: Optional[str]

    @property
    def spellings(self) -> list[str]:
        """Every accepted spelling in a translation: the English name and the pinyin."""
        out = [self.english]
        if self.pinyin:
            out.append(self.pinyin)
        return out


@dataclass(frozen=True)
class NameFinding:
    """A translation line that does not spell a name as the glossary does."""

    segment_id: int  # the translation's segment
    source_segment_id: int
    clip_id: int
    lang: str
    position: int  # 1-based line number in the translation
    chinese: str
    expected: str
    text: str

    @property
    def problem(self) -> str:
        return f"{self.chinese} should be spelled “{self.expected}”"


def glossary(session: Session, clip_id: Optional[int] = None) -> list[GlossaryEntry]:
    """The glossary of the whole project, or of one clip's subjects."""
    stmt = select(Subject).order_by(Subject.name)
    if clip_id is not None:
        stmt = stmt.where(Subject.id.in_(select(ClipSubject.subject_id).where(ClipSubject.clip_id == clip_id)))
    return [GlossaryEntry(s.id, s.name, s.name_zh, s.pinyin) for s in session.scalars(stmt)]


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))  # Liú → Liu
    return re.sub(r"[\s\-‐'’]+", " ", text).strip().lower()


def _uses(text: str, spelling: str) -> bool:
    return _normal(spelling) in _normal(text) or _normal(spelling).replace(" ", "") in _normal(text).replace(" ", "")


def check_names(session: Session, clip_id: Optional[int] = None, lang: Optional[str] = None) -> list[NameFinding]:
    """Translation lines whose original names a subject the translation does not spell as the glossary does."""
    entries = [e for e in glossary(session) if e.chinese]
    if not entries:
        return []
    source = aliased(Segment)
    original = aliased(Transcript)
    stmt = (select(Segment, source.text, source.speaker, source.id, Transcript.clip_id, Transcript.lang)
            .join(Transcript, Transcript.id == Segment.transcript_id)
            .join(source, source.id == Segment.translates_id)
            .join(original, original.id == source.transcript_id)
            .where(Transcript.kind == "translation"))
    if clip_id is not None:
        stmt = stmt.where(Transcript.clip_id == clip_id)
    if lang is not None:
        stmt = stmt.where(Transcript.lang == lang)
    findings = []
    rows = session.execute(stmt.order_by(Transcript.clip_id, Segment.position))
    for seg, source_text, source_speaker, source_id, cid, seg_lang in rows:
        # A name can stand in the line or be its speaker ("刘静军：…" / "Liu Jingjun: …").
        said = f"{source_speaker or ''} {source_text or ''}"
        translated = f"{seg.speaker or ''} {seg.text or ''}"
        for entry in entries:
            if entry.chinese not in said:
                continue
            if any(_uses(translated, spelling) for spelling in entry.spellings):
                continue
            findings.append(NameFinding(seg.id, source_id, cid, seg_lang, seg.position + 1, entry.chinese,
                                        entry.english, translated.strip()))
    return findings
