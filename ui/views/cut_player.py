"""Playing a cut in a :class:`~ui.views.player.Player`: its items one after the other.

``CutPlayer`` drives the player through its public API (``set_source``,
``seek_ms``, ``play``, ``pause``, ``positionChanged``): it plays the items of
the cut's picture track (V1, else the first video track with items, else
the first track with items) in order.  For the item under the playhead it
opens the clip's playable file (the proxy when there is one, see
:func:`docmanager.media.derived.playable_path`), seeks to the item's in
point, and when playback reaches the out point it goes on with the next item
(the same file is only sought, not opened again).  ``playheadChanged(frame)``
reports where in the cut playback is, for the time line.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from PySide6.QtCore import QObject, Signal

from docmanager.errors import DocManagerError
from docmanager.media.derived import playable_path
from docmanager.project import Project
from ui.models.cut_items import CutData, ItemRow
from ui.views.player import Player

END_TOLERANCE_MS = 15  # an item ends this close to its out point (positions come every few tens of ms)
SEEK_WINDOW_MS = 250  # a reported position this near the one sought means the seek has arrived


@dataclass(frozen=True)
class PlayEntry:
    """One item as it plays: its file, its range in the file (ms) and where it starts in the cut (frames)."""

    item_id: int
    path: Optional[str]
    problem: str
    in_ms: int
    out_ms: int
    record_in: int
    record_out: int


def playing_track(data: CutData) -> Optional[str]:
    """The track whose items are played: V1, else the first video track with items, else any with items."""
    with_items = [t for t in data.tracks if data.track_items(t)]
    if "V1" in with_items:
        return "V1"
    video = [t for t in with_items if not t.upper().startswith("A")]
    if video:
        return video[0]
    return with_items[0] if with_items else None


def _ms(frames: int, rate: Fraction) -> int:
    return int(round(Fraction(frames) / rate * 1000))


class CutPlayer(QObject):
    """Plays the items of a cut in order in one ``Player``."""

    playheadChanged = Signal(int)  # frame of the cut
    currentItemChanged = Signal(int)  # item id
    problem = Signal(str)  # an item's media cannot be opened

    def __init__(self, player: Player, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.player = player
        self._project: Optional[Project] = None
        self._data = CutData()
        self._entries: list[PlayEntry] = []
        self._current: Optional[int] = None  # index into _entries
        self._playhead = 0
        self._paths: dict[int, tuple[Optional[str], str]] = {}
        self._expect: Optional[int] = None  # the position a seek asked for, until the player reports it
        self._waited = 0
        player.positionChanged.connect(self._on_position)

    # ------------------------------------------------------------ state
    def set_project(self, project: Optional[Project]) -> None:
        self._project = project
        self._paths.clear()
        self.set_cut(CutData())

    def set_cut(self, data: CutData) -> None:
        """Play this cut (kept where the playhead is when it is the same cut, edited)."""
        same = data.id == self._data.id and data.id is not None
        self._data = data
        track = playing_track(data)
        entries = []
        for item in data.track_items(track) if track else []:
            path, problem = self._path_of(item)
            entries.append(PlayEntry(item.id, path, problem, _ms(item.source_in, item.clip_rate),
                                     _ms(item.source_out, item.clip_rate), item.record_in, item.record_out))
        self._entries = entries
        self._current = None
        if not same:
            self._playhead = 0
            if data.id is None or not entries:
                self.player.set_source(None, self.tr("Add transcript lines to the cut to play it.")
                                       if data.id is not None else "")
        self._playhead = min(self._playhead, self.duration())

    def forget_paths(self) -> None:
        """Find the items' files again at the next ``set_cut`` (a media root was mapped, a file relinked)."""
        self._paths.clear()

    def _path_of(self, item: ItemRow) -> tuple[Optional[str], str]:
        if item.clip_id not in self._paths:
            if self._project is None:
                return None, ""
            try:
                self._paths[item.clip_id] = (playable_path(self._project, item.clip_id), "")
            except DocManagerError as exc:
                self._paths[item.clip_id] = (None, exc.message)
        return self._paths[item.clip_id]

    def entries(self) -> list[PlayEntry]:
        return list(self._entries)

    def current_item(self) -> Optional[int]:
        return self._entries[self._current].item_id if self._current is not None else None

    def playhead(self) -> int:
        return self._playhead

    def duration(self) -> int:
        return self._entries[-1].record_out if self._entries else 0

    def is_playing(self) -> bool:
        return self._current is not None and self.player.is_playing()

    # ---------------------------------------------------------- transport
    def cue(self) -> None:
        """Show the frame under the playhead (opens the file of the item there)."""
        if self._entries:
            self.seek_frame(self._playhead)

    def seek_frame(self, frame: int) -> None:
        """Put the playhead at ``frame`` of the cut and show that frame."""
        if not self._entries:
            return
        frame = min(max(0, int(frame)), max(self.duration() - 1, 0))
        index = next((i for i, e in enumerate(self._entries) if e.record_in <= frame < e.record_out),
                     len(self._entries) - 1)
        entry = self._entries[index]
        offset = _ms(frame - entry.record_in, self._data.rate)
        self._load(index, entry.in_ms + offset)
        self._set_playhead(frame)

    def play_item(self, item_id: int) -> None:
        for entry in self._entries:
            if entry.item_id == item_id:
                self.seek_frame(entry.record_in)
                self.play()
                return
        self.problem.emit(self.tr("Only the items of track {track} play; this one is on another track.")
                          .format(track=playing_track(self._data) or "V1"))

    def play(self) -> None:
        if not self._entries:
            return
        if self._current is None or self._playhead >= self.duration() - 1:
            self.seek_frame(0 if self._playhead >= self.duration() - 1 else self._playhead)
        self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def toggle(self) -> None:
        if self.player.is_playing():
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        self.player.pause()
        self._current = None

    # ----------------------------------------------------------- plumbing
    def _load(self, index: int, ms: int) -> None:
        entry = self._entries[index]
        changed = index != self._current
        self._current = index
        if entry.path is None:
            self.player.set_source(None, entry.problem)
            self.problem.emit(entry.problem)
        else:
            self.player.set_source(entry.path)  # the same file stays open
            self.player.seek_ms(ms)
            self._expect = self.player.requested_ms()
            self._waited = 0
        if changed:
            self.currentItemChanged.emit(entry.item_id)

    def _set_playhead(self, frame: int) -> None:
        if frame != self._playhead:
            self._playhead = frame
        self.playheadChanged.emit(frame)

    def _on_position(self, ms: int) -> None:
        if self._current is None or self._current >= len(self._entries):
            return
        entry = self._entries[self._current]
        if entry.path is None or self.player.source_path() != entry.path:
            return
        if self._expect is not None:
            self._waited += 1
            if abs(ms - self._expect) > SEEK_WINDOW_MS and self._waited < 40:
                return  # a seek still on its way: the old position says nothing about the cut
            self._expect = None
        if self.player.is_playing() and ms >= entry.out_ms - END_TOLERANCE_MS:
            self._next()
            return
        offset = max(0, ms - entry.in_ms)
        frame = entry.record_in + int(Fraction(offset, 1000) * self._data.rate)
        self._set_playhead(min(frame, entry.record_out - 1))

    def _next(self) -> None:
        assert self._current is not None
        index = self._current + 1
        while index < len(self._entries) and self._entries[index].path is None:
            index += 1  # offline media: go on with the next item that plays
        if index >= len(self._entries):
            self.player.pause()
            last = self._entries[-1]
            self._set_playhead(last.record_out)
            return
        entry = self._entries[index]
        self._load(index, entry.in_ms)
        self._set_playhead(entry.record_in)
        self.player.play()
