"""The catalogue's tables, as SQLAlchemy 2 declarative models.

The schema itself is created and changed only by the Alembic migrations in
``docmanager/db/migrations``; these classes must describe the same tables.
A test compares the two (``tests/test_migrations.py``).

Positions inside media are integer frames at the clip's rational rate
(``rate_num / rate_den``); never floats.  Datetimes that a camera recorded
keep their own UTC offset and are stored as ISO 8601 text, because SQLite
has no time zone type and the offset is information (the shoot's local time).
"""
from __future__ import annotations

import datetime as dt
from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Constraint names fixed, so migrations can address them on every back end.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A moment stored in UTC; always handed back as an aware datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Rows people edit carry a version for optimistic concurrency.

    SQLAlchemy adds ``AND version = :old`` to every UPDATE of such a row and
    raises ``StaleDataError`` when someone else changed it in between.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}


class Setting(Base):
    """Project-wide settings and facts (name, created_at, ...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Optional[str]] = mapped_column(Text)


class Volume(Base):
    """A card or drive as ingested."""

    __tablename__ = "volumes"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    serial: Mapped[Optional[str]] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="folder")  # card, drive, folder
    source_path: Mapped[Optional[str]] = mapped_column(Text)
    fingerprint: Mapped[Optional[str]] = mapped_column(String(64), index=True)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    mhl_path: Mapped[Optional[str]] = mapped_column(Text)
    notes: Mapped[Optional[str]] = mapped_column(Text)

    files: Mapped[list["MediaFile"]] = relationship(back_populates="volume")


class MediaRoot(Versioned, Base):
    """A named place the footage archive lives ("Archive A", "Proxies").

    A file under a root keeps its path relative to it (``MediaFile.root_id``);
    where the root is on disk is not in the catalogue but in each machine's
    own settings (``docmanager.catalogue.roots``), because every laptop of a
    team mounts the archive somewhere else.
    """

    __tablename__ = "media_roots"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


MEDIA_STATES = ("online", "offline", "changed", "corrupt")


class MediaFile(Versioned, Base):
    """One file on disk."""

    __tablename__ = "media_files"
    __table_args__ = (
        CheckConstraint(
            "state IN ('online', 'offline', 'changed', 'corrupt')", name="state"
        ),
        Index("ix_media_files_size_quick", "size", "quick_hash"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    volume_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("volumes.id", ondelete="SET NULL"), index=True
    )
    # Absolute, or relative to the media root (with '/' between folders) when root_id is set;
    # path_bytes holds the exact bytes of a name that is not UTF-8 (absolute or relative alike).
    path: Mapped[str] = mapped_column(Text)
    path_bytes: Mapped[Optional[bytes]] = mapped_column(LargeBinary)
    # A root cannot be deleted while files are under it (NO ACTION refuses like RESTRICT; migration 0011).
    root_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_roots.id"), index=True)
    size: Mapped[int] = mapped_column(Integer)
    mtime: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    xxh64: Mapped[Optional[str]] = mapped_column(String(16), index=True)
    quick_hash: Mapped[Optional[str]] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(10), default="online")
    verified_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The last time `verify` looked at the file, and whether it matched its hash.
    checked_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    check_ok: Mapped[Optional[bool]] = mapped_column(Boolean)
    # Where it came from: the offload that copied it, and its path on the card.
    offload_id: Mapped[Optional[int]] = mapped_column(ForeignKey("offloads.id", ondelete="SET NULL"), index=True)
    source_path: Mapped[Optional[str]] = mapped_column(Text)

    volume: Mapped[Optional[Volume]] = relationship(back_populates="files")
    offload: Mapped[Optional["Offload"]] = relationship()
    root: Mapped[Optional[MediaRoot]] = relationship()


class Offload(Base):
    """One verified copy of a card or folder into one or more destinations."""

    __tablename__ = "offloads"
    id: Mapped[int] = mapped_column(primary_key=True)
    volume_id: Mapped[Optional[int]] = mapped_column(ForeignKey("volumes.id", ondelete="SET NULL"), index=True)
    source_path: Mapped[str] = mapped_column(Text)
    destinations: Mapped[list] = mapped_column(JSON, default=list)
    mhl_paths: Mapped[list] = mapped_column(JSON, default=list)
    files: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    user: Mapped[Optional[str]] = mapped_column(String(100))


class ClipFile(Base):
    """A clip's files, in playback order (a spanned AVCHD take has several)."""

    __tablename__ = "clip_files"
    clip_id: Mapped[int] = mapped_column(
        ForeignKey("clips.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    media_file_id: Mapped[int] = mapped_column(
        ForeignKey("media_files.id", ondelete="CASCADE"), index=True
    )
    media_file: Mapped[MediaFile] = relationship()


class Clip(Versioned, Base):
    """One take as the camera recorded it."""

    __tablename__ = "clips"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 0 AND 5", name="rating"),
        CheckConstraint("rate_num > 0 AND rate_den > 0", name="rate"),
        Index("ix_clips_recorded_at", "recorded_at"),
        Index("ix_clips_notes_present", "notes", sqlite_where=text("notes IS NOT NULL"),
              postgresql_where=text("notes IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    rate_num: Mapped[int] = mapped_column(Integer, default=25)
    rate_den: Mapped[int] = mapped_column(Integer, default=1)
    duration_frames: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[Optional[int]] = mapped_column(Integer)
    height: Mapped[Optional[int]] = mapped_column(Integer)
    scan: Mapped[Optional[str]] = mapped_column(String(12))  # interlaced, progressive
    field_order: Mapped[Optional[str]] = mapped_column(String(3))  # tff, bff
    video_codec: Mapped[Optional[str]] = mapped_column(String(40))
    audio_codec: Mapped[Optional[str]] = mapped_column(String(40))
    audio_channels: Mapped[Optional[int]] = mapped_column(Integer)
    audio_rate: Mapped[Optional[int]] = mapped_column(Integer)
    # ISO 8601 with the camera's own offset, e.g. 2010-04-05T08:31:48+08:00
    recorded_at: Mapped[Optional[str]] = mapped_column(String(40))
    recorded_at_source: Mapped[Optional[str]] = mapped_column(String(20))
    camera_make: Mapped[Optional[str]] = mapped_column(String(100))
    camera_model: Mapped[Optional[str]] = mapped_column(String(100))
    timecode_start: Mapped[Optional[str]] = mapped_column(String(11))
    shoot_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("shoots.id", ondelete="SET NULL"), index=True
    )
    rating: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[Optional[str]] = mapped_column(Text)
    poster_path: Mapped[Optional[str]] = mapped_column(Text)
    filmstrip_path: Mapped[Optional[str]] = mapped_column(Text)
    proxy_path: Mapped[Optional[str]] = mapped_column(Text)
    # A take spanned over several files also has one joined file (byte concatenation).
    joined_file_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_files.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    files: Mapped[list[ClipFile]] = relationship(
        order_by=ClipFile.position, cascade="all, delete-orphan"
    )
    joined_file: Mapped[Optional[MediaFile]] = relationship(foreign_keys=[joined_file_id])
    shoot: Mapped[Optional["Shoot"]] = relationship(back_populates="clips")
    subjects: Mapped[list["Subject"]] = relationship(
        secondary="clip_subjects", back_populates="clips", order_by="Subject.name"
    )
    tags: Mapped[list["Tag"]] = relationship(
        secondary="clip_tags", back_populates="clips", order_by="Tag.name"
    )
    markers: Mapped[list["Marker"]] = relationship(
        back_populates="clip", cascade="all, delete-orphan", order_by="Marker.frame"
    )
    subclips: Mapped[list["Subclip"]] = relationship(
        back_populates="clip", cascade="all, delete-orphan", order_by="Subclip.in_frame"
    )


SENSITIVITY_FLAGS = ("minor", "no-face", "no-name", "consent-pending", "pseudonym")


class Subject(Versioned, Base):
    """A person or a family the film follows."""

    __tablename__ = "subjects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_zh: Mapped[Optional[str]] = mapped_column(String(200))
    pinyin: Mapped[Optional[str]] = mapped_column(String(200))
    notes: Mapped[Optional[str]] = mapped_column(Text)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    clips: Mapped[list[Clip]] = relationship(
        secondary="clip_subjects", back_populates="subjects"
    )


class ClipSubject(Base):
    __tablename__ = "clip_subjects"
    clip_id: Mapped[int] = mapped_column(
        ForeignKey("clips.id", ondelete="CASCADE"), primary_key=True
    )
    subject_id: Mapped[int] = mapped_column(
        ForeignKey("subjects.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Shoot(Versioned, Base):
    """A day of filming: date, place, crew."""

    __tablename__ = "shoots"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    date: Mapped[Optional[dt.date]] = mapped_column(Date)
    place: Mapped[Optional[str]] = mapped_column(String(300))
    crew: Mapped[Optional[str]] = mapped_column(String(300))
    utc_offset: Mapped[Optional[str]] = mapped_column(String(6))  # "+08:00"
    notes: Mapped[Optional[str]] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    clips: Mapped[list[Clip]] = relationship(back_populates="shoot")


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    colour: Mapped[Optional[str]] = mapped_column(String(9))

    clips: Mapped[list[Clip]] = relationship(secondary="clip_tags", back_populates="tags")


class ClipTag(Base):
    __tablename__ = "clip_tags"
    clip_id: Mapped[int] = mapped_column(
        ForeignKey("clips.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Marker(Versioned, Base):
    """A point (duration 0) or a range on a clip, with a colour and a note."""

    __tablename__ = "markers"
    __table_args__ = (CheckConstraint("frame >= 0 AND duration_frames >= 0", name="range"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"), index=True)
    frame: Mapped[int] = mapped_column(Integer)
    duration_frames: Mapped[int] = mapped_column(Integer, default=0)
    colour: Mapped[str] = mapped_column(String(20), default="red")
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    clip: Mapped[Clip] = relationship(back_populates="markers")


class Subclip(Versioned, Base):
    """A named range of a clip."""

    __tablename__ = "subclips"
    __table_args__ = (CheckConstraint("in_frame >= 0 AND out_frame > in_frame", name="range"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    in_frame: Mapped[int] = mapped_column(Integer)
    out_frame: Mapped[int] = mapped_column(Integer)
    note: Mapped[Optional[str]] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    clip: Mapped[Clip] = relationship(back_populates="subclips")


class SmartBin(Versioned, Base):
    """A saved query over clips (the same filters as ``docmanager clips``)."""

    __tablename__ = "smart_bins"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[dict] = mapped_column(JSON, default=dict)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Transcript(Versioned, Base):
    """A clip's words in one language: a transcript, or a translation of another transcript."""

    __tablename__ = "transcripts"
    __table_args__ = (
        CheckConstraint("kind IN ('transcript', 'translation')", name="kind"),
        UniqueConstraint("clip_id", "lang", name="uq_transcripts_clip_lang"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(16))  # BCP 47: zh, zh-Hant, en ...
    kind: Mapped[str] = mapped_column(String(12), default="transcript")
    translation_of_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("transcripts.id", ondelete="SET NULL"), index=True)
    source_name: Mapped[Optional[str]] = mapped_column(Text)  # the imported file's name
    source_format: Mapped[Optional[str]] = mapped_column(String(10))  # srt, vtt, ass, txt, docx, sheet
    encoding: Mapped[Optional[str]] = mapped_column(String(40))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    clip: Mapped[Clip] = relationship()
    segments: Mapped[list["Segment"]] = relationship(
        back_populates="transcript", cascade="all, delete-orphan", order_by="Segment.position")
    translation_of: Mapped[Optional["Transcript"]] = relationship(remote_side=[id])


class Segment(Versioned, Base):
    """One line of a transcript: times in ms (None when untimed), speaker, text, notes."""

    __tablename__ = "segments"
    __table_args__ = (
        Index("ix_segments_transcript_position", "transcript_id", "position"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcripts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_ms: Mapped[Optional[int]] = mapped_column(Integer)
    end_ms: Mapped[Optional[int]] = mapped_column(Integer)
    speaker: Mapped[Optional[str]] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[Optional[str]] = mapped_column(Text)  # [inaudible], （哭） ... kept apart from the speech
    # For a translation's segment: the transcript segment it translates.
    translates_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("segments.id", ondelete="SET NULL"), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[Optional[str]] = mapped_column(String(100))

    transcript: Mapped[Transcript] = relationship(back_populates="segments")
    translates: Mapped[Optional["Segment"]] = relationship(remote_side=[id], foreign_keys=[translates_id])
    tags: Mapped[list[Tag]] = relationship(secondary="segment_tags", order_by="Tag.name")


class SegmentTag(Base):
    __tablename__ = "segment_tags"
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True)


class Cut(Versioned, Base):
    """A rough cut: named, numbered (v1, v2 ... when duplicated) and at one frame rate.

    ``tracks`` lists the cut's track names in order (``V1``, ``V2`` ... video,
    ``A1`` ... audio).  Items on a track play back to back in ``position``
    order; where an item lands on the cut's time line is derived from the
    durations of the items before it, never stored.
    """

    __tablename__ = "cuts"
    __table_args__ = (
        CheckConstraint("rate_num > 0 AND rate_den > 0", name="rate"),
        CheckConstraint("cut_version >= 1", name="cut_version"),
        CheckConstraint("handles_ms >= 0", name="handles"),
        UniqueConstraint("name", "cut_version", name="uq_cuts_name_cut_version"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    cut_version: Mapped[int] = mapped_column(Integer, default=1)
    # The cut this one was duplicated from.
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("cuts.id", ondelete="SET NULL"), index=True)
    rate_num: Mapped[int] = mapped_column(Integer, default=25)
    rate_den: Mapped[int] = mapped_column(Integer, default=1)
    tracks: Mapped[list] = mapped_column(JSON, default=lambda: ["V1", "V2", "A1", "A2"])
    # Extra media kept before and after a transcript line's words when it is added.
    handles_ms: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    parent: Mapped[Optional["Cut"]] = relationship(remote_side=[id])
    items: Mapped[list["CutItem"]] = relationship(
        back_populates="cut", cascade="all, delete-orphan",
        order_by="(CutItem.track, CutItem.position, CutItem.id)")


class CutItem(Versioned, Base):
    """One piece of a clip on a track of a cut.

    ``source_in`` / ``source_out`` are frames at the clip's rate, out
    exclusive.  ``segment_ids`` lists the transcript lines the item was made
    from (empty for a plain clip range or a subclip).
    """

    __tablename__ = "cut_items"
    __table_args__ = (
        CheckConstraint("source_in >= 0 AND source_out > source_in", name="range"),
        Index("ix_cut_items_cut_track_position", "cut_id", "track", "position"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    cut_id: Mapped[int] = mapped_column(ForeignKey("cuts.id", ondelete="CASCADE"))
    track: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    # A clip used in a cut cannot be removed from the catalogue until the item goes.
    clip_id: Mapped[int] = mapped_column(ForeignKey("clips.id", ondelete="RESTRICT"), index=True)
    subclip_id: Mapped[Optional[int]] = mapped_column(ForeignKey("subclips.id", ondelete="SET NULL"), index=True)
    source_in: Mapped[int] = mapped_column(Integer)
    source_out: Mapped[int] = mapped_column(Integer)
    segment_ids: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[Optional[str]] = mapped_column(Text)

    cut: Mapped[Cut] = relationship(back_populates="items")
    clip: Mapped[Clip] = relationship()
    subclip: Mapped[Optional[Subclip]] = relationship()


class SubtitleStatus(Versioned, Base):
    """Where the subtitles of one clip or one cut stand in one language.

    Exactly one of ``clip_id`` / ``cut_id`` is set.  ``state`` is one of
    ``untranscribed transcribed translated reviewed approved timed delivered
    not-needed``.  ``snapshot`` keeps the cut's subtitle lines as they were
    when the state last reached approved, timed or delivered (``[[start_ms,
    end_ms, text], …]``), so a later change of the cut can say which lines
    moved.  ``affected`` lists the lines a drop-back named.
    """

    __tablename__ = "subtitle_status"
    __table_args__ = (
        CheckConstraint("(clip_id IS NULL) <> (cut_id IS NULL)", name="one_target"),
        Index("uq_subtitle_status_clip_lang", "clip_id", "lang", unique=True),
        Index("uq_subtitle_status_cut_lang", "cut_id", "lang", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    clip_id: Mapped[Optional[int]] = mapped_column(ForeignKey("clips.id", ondelete="CASCADE"))
    cut_id: Mapped[Optional[int]] = mapped_column(ForeignKey("cuts.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    note: Mapped[Optional[str]] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[Optional[str]] = mapped_column(String(100))
    snapshot: Mapped[Optional[list]] = mapped_column(JSON)
    affected: Mapped[Optional[list]] = mapped_column(JSON)

    history: Mapped[list["SubtitleHistory"]] = relationship(
        back_populates="status", cascade="all, delete-orphan", order_by="SubtitleHistory.id")


class SubtitleHistory(Base):
    """One move of a subtitle state: from, to, who, when, why; ``auto`` when the work moved it."""

    __tablename__ = "subtitle_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("subtitle_status.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[Optional[str]] = mapped_column(String(100))
    from_state: Mapped[Optional[str]] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    note: Mapped[Optional[str]] = mapped_column(Text)
    auto: Mapped[bool] = mapped_column(Boolean, default=False)
    lines: Mapped[Optional[list]] = mapped_column(JSON)

    status: Mapped[SubtitleStatus] = relationship(back_populates="history")


ROLES = ("editor", "translator", "director", "admin")


class User(Versioned, Base):
    """A person of the crew and their role: editor, translator, director or admin."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('editor', 'translator', 'director', 'admin')", name="role"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[Optional[str]] = mapped_column(String(100))


class ActivityEntry(Base):
    """Who changed what and when: one row per row changed, with the old and new values of what changed."""

    __tablename__ = "activity_log"
    __table_args__ = (Index("ix_activity_log_table_row", "table_name", "row_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user: Mapped[Optional[str]] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(10))  # insert, update, delete
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[Optional[int]] = mapped_column(Integer)
    old: Mapped[Optional[dict]] = mapped_column(JSON)
    new: Mapped[Optional[dict]] = mapped_column(JSON)
