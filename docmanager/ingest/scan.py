"""Finding clips in a folder tree: AVCHD cards through their playlists, other media by probing.

An AVCHD card is read as the camera meant it (``docmanager.media.avchd``):
every take is one clip, a take spanned over several ``.MTS`` files is one clip
with its files in order.  Everything else that looks like media (MP4, MOV, MXF,
MTS/M2TS outside a card, AVI, MKV ...) becomes one clip per file.  Files are
walked as bytes where the file system has names that are not valid UTF-8.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

from docmanager.catalogue.register import readable_name
from docmanager.errors import MediaReadError
from docmanager.media import avchd

MEDIA_SUFFIXES = {".mp4", ".m4v", ".mov", ".mxf", ".mts", ".m2ts", ".ts", ".avi", ".mkv", ".mpg", ".mpeg",
                  ".mod", ".tod", ".3gp", ".wmv", ".webm", ".dv"}


@dataclass
class Candidate:
    """A clip to be: its files in playback order and what the card said about it."""

    files: list[str]  # paths (str, surrogate-escaped where not UTF-8)
    kind: str  # "avchd" or "file"
    source: str  # the source folder or file given by the user
    card_root: Optional[str] = None  # the folder holding BDMV, for AVCHD
    take: Optional[avchd.Take] = None

    @property
    def spanned(self) -> bool:
        return len(self.files) > 1

    @property
    def name(self) -> str:
        """The clip's name: its file's name, or ``00018–00020.MTS`` for a spanned take."""
        first = readable_name(os.path.basename(self.files[0]))
        if not self.spanned:
            return first
        stem = os.path.splitext(first)[0]
        last = os.path.splitext(readable_name(os.path.basename(self.files[-1])))[0]
        return f"{stem}–{last}{os.path.splitext(first)[1]}"


@dataclass
class ScanResult:
    candidates: list[Candidate] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    cards: list[avchd.Card] = field(default_factory=list)
    # Every regular file under the sources, for a full offload of the cards.
    all_files: dict[str, list[str]] = field(default_factory=dict)


def _walk(top: str) -> Iterator[str]:
    """Every regular file under ``top`` (sorted, surrogate-escaped names, no symlinked folders)."""
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def _inside(path: str, folder: str) -> bool:
    folder = os.path.join(folder, "")
    return path.startswith(folder)


def scan_sources(sources: list, cancel: Optional[Callable[[], bool]] = None) -> ScanResult:
    """Find every clip under ``sources`` (folders or single files)."""
    result = ScanResult()
    seen: set[str] = set()
    for source in sources:
        top = os.path.abspath(os.fsdecode(source))
        if not os.path.exists(top):
            result.failed.append((top, "no such file or folder; check the path and that the card is mounted"))
            continue
        if os.path.isfile(top):
            result.all_files[top] = [top]
            if top not in seen:
                seen.add(top)
                result.candidates.append(Candidate([top], "file", top))
            continue
        files = list(_walk(top))
        result.all_files[top] = files
        cards = avchd.find_cards(top)
        result.cards.extend(cards)
        card_dirs = [os.fsdecode(c.bdmv) for c in cards]
        for card in cards:
            if cancel is not None and cancel():
                return result
            _scan_card(card, top, result, seen)
        for path in files:
            if any(_inside(path, d) for d in card_dirs):
                continue  # read through the card's playlists, never file by file
            if os.path.splitext(path)[1].lower() not in MEDIA_SUFFIXES or path in seen:
                continue
            seen.add(path)
            result.candidates.append(Candidate([path], "file", top))
    return result


def _scan_card(card: avchd.Card, source: str, result: ScanResult, seen: set[str]) -> None:
    try:
        scan = avchd.read_card(card)
    except MediaReadError as exc:
        result.failed.append((os.fsdecode(exc.path or card.bdmv), exc.reason))
        return
    reported: set[str] = set()
    for problem in scan.problems:
        if problem.kind == "backup-used":
            continue  # read from the card's own BACKUP copy: nothing lost
        key = os.fsdecode(problem.path)
        if key not in reported:
            reported.add(key)
            result.failed.append((key, problem.reason))
    for take in scan.takes:
        if not take.complete:
            continue  # its damaged or missing files are reported above
        paths = [os.fsdecode(p) for p in take.paths]
        if not paths or any(p in seen for p in paths):
            continue
        seen.update(paths)
        result.candidates.append(Candidate(paths, "avchd", source, os.fsdecode(card.root), take))
    for orphan in scan.orphans:
        path = os.fsdecode(orphan)
        if path not in seen:
            seen.add(path)
            result.candidates.append(Candidate([path], "file", source, os.fsdecode(card.root)))

