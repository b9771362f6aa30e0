"""Importing several transcript files into a clip as one job (the app's drop and menu imports).

Transcripts go in before the translations that point at them; each file is
imported on its own, so one unreadable file is a failure with its path and
the others still arrive.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from docmanager.errors import DocManagerError
from docmanager.jobs import Report
from docmanager.transcripts.store import import_transcript

if TYPE_CHECKING:
    from docmanager.project import Project


@dataclass(frozen=True)
class ImportItem:
    """One file to import, in a language, maybe as the translation of the transcript in another."""

    path: str
    lang: str
    translation_of: Optional[str] = None


def import_transcripts_job(project: "Project", clip_id: int, items: Sequence[ImportItem], progress=None,
                           cancel=None) -> Report:
    """Import ``items`` into the clip, transcripts before translations; each file on its own.

    ``report.data["results"]`` lists ``(path, ImportResult)`` of the files imported;
    a file that cannot be read is a failure with its path and the reason.
    """
    report = Report("Transcript import", data={"clip_id": clip_id, "results": []})
    ordered = sorted(items, key=lambda item: item.translation_of is not None)
    for number, item in enumerate(ordered):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(number, len(ordered), os.path.basename(item.path))
        try:
            result = import_transcript(project, clip_id, item.path, item.lang, translation_of=item.translation_of)
        except DocManagerError as exc:
            report.fail(exc.path or item.path, exc.message)
            continue
        report.done.append(item.path)
        report.data["results"].append((item.path, result))
    if progress is not None:
        progress(len(ordered), len(ordered), "")
    return report


def guess_language(path: str) -> str:
    """``zh`` or ``en`` from the file's name (``.zh.srt``, ``_en``, ``中文``) or, failing that, its text."""
    stem = Path(path).stem.lower()
    words = set(stem.replace("-", ".").replace("_", ".").replace(" ", ".").split("."))
    if words & {"zh", "chs", "cht", "chi", "zho", "cn", "chinese", "zh-hans", "zh-cn"} or "中文" in stem:
        return "zh"
    if words & {"en", "eng", "english"} or "英文" in stem:
        return "en"
    try:
        with open(path, "rb") as handle:
            data = handle.read(64 * 1024)
        from docmanager.transcripts.encoding import decode_text

        text = decode_text(data, path).text
    except (OSError, DocManagerError, ValueError):
        return "zh"
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "zh" if han * 3 >= latin else "en"


