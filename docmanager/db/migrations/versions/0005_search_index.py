"""Full-text search index over transcript and translation segments (SQLite FTS5).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

``search_index`` is an FTS5 table: one row per segment (rowid = segments.id)
holding the tokens ``docmanager.transcripts.chinese`` makes of its text, one
column per field, plus a ``meta`` column of filter tokens (language, clip,
shoot, subjects, tags).  ``search_dirty`` lists the segments whose index row
is out of date; triggers fill it on every change that affects a row, whoever
makes the change (ORM, raw SQL, another process), and
``docmanager.transcripts.search.sync_index`` empties it.  Every segment that
exists when this migration runs is marked, so an upgraded catalogue is
indexed on its first search.

The tables are named ``search_*`` and are kept out of the models (see
``include_object`` in ``env.py``).  On other databases this migration does
nothing; their search back end brings its own schema.
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CREATE_INDEX = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "words, chars, bigrams, cjk_words, pinyin, syllables, meta, "
    "tokenize = 'ascii', detail = full)"
)

CREATE_DIRTY = "CREATE TABLE search_dirty (segment_id INTEGER NOT NULL PRIMARY KEY)"

# Marking never conflicts (NOT EXISTS rather than OR IGNORE): an ON CONFLICT
# clause on the statement that fires a trigger overrides the trigger's own.
_MARK_ONE = ("INSERT INTO search_dirty(segment_id) SELECT {id} "
             "WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE segment_id = {id})")
_MARK_MANY = ("INSERT INTO search_dirty(segment_id) SELECT s.id FROM {source} "
              "AND NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.segment_id = s.id)")
_OF_CLIP = "segments s JOIN transcripts t ON t.id = s.transcript_id WHERE t.clip_id = {clip}"
_OF_TRANSCRIPT = "segments s WHERE s.transcript_id = {transcript}"
_WITH_NAME = "segments s WHERE instr(s.text, NEW.name_zh) > 0"


def _trigger(name: str, event: str, *actions: str, when: str = "") -> str:
    when_sql = f" WHEN {when}" if when else ""
    return f"CREATE TRIGGER {name} {event}{when_sql} BEGIN " + "".join(a + "; " for a in actions) + "END"


TRIGGERS = {
    "search_segments_ai": _trigger(
        "search_segments_ai", "AFTER INSERT ON segments", _MARK_ONE.format(id="NEW.id")),
    "search_segments_au": _trigger(
        "search_segments_au", "AFTER UPDATE OF id, text, transcript_id ON segments",
        _MARK_ONE.format(id="OLD.id"), _MARK_ONE.format(id="NEW.id")),
    "search_segments_ad": _trigger(
        "search_segments_ad", "AFTER DELETE ON segments", _MARK_ONE.format(id="OLD.id")),
    "search_transcripts_au": _trigger(
        "search_transcripts_au", "AFTER UPDATE OF lang, kind, clip_id ON transcripts",
        _MARK_MANY.format(source=_OF_TRANSCRIPT.format(transcript="NEW.id"))),
    "search_clips_au": _trigger(
        "search_clips_au", "AFTER UPDATE OF shoot_id ON clips",
        _MARK_MANY.format(source=_OF_CLIP.format(clip="NEW.id"))),
    "search_clip_subjects_ai": _trigger(
        "search_clip_subjects_ai", "AFTER INSERT ON clip_subjects",
        _MARK_MANY.format(source=_OF_CLIP.format(clip="NEW.clip_id"))),
    "search_clip_subjects_ad": _trigger(
        "search_clip_subjects_ad", "AFTER DELETE ON clip_subjects",
        _MARK_MANY.format(source=_OF_CLIP.format(clip="OLD.clip_id"))),
    "search_segment_tags_ai": _trigger(
        "search_segment_tags_ai", "AFTER INSERT ON segment_tags", _MARK_ONE.format(id="NEW.segment_id")),
    "search_segment_tags_ad": _trigger(
        "search_segment_tags_ad", "AFTER DELETE ON segment_tags", _MARK_ONE.format(id="OLD.segment_id")),
    # A new or changed Chinese name changes how jieba cuts (and pinyin reads) the lines holding it.
    "search_subjects_ai": _trigger(
        "search_subjects_ai", "AFTER INSERT ON subjects", _MARK_MANY.format(source=_WITH_NAME),
        when="length(NEW.name_zh) > 1"),
    "search_subjects_au": _trigger(
        "search_subjects_au", "AFTER UPDATE OF name_zh, pinyin ON subjects",
        _MARK_MANY.format(source=_WITH_NAME), when="length(NEW.name_zh) > 1"),
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    op.execute(CREATE_INDEX)
    op.execute(CREATE_DIRTY)
    for sql in TRIGGERS.values():
        op.execute(sql)
    op.execute("INSERT INTO search_dirty(segment_id) SELECT id FROM segments")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_dirty")
    op.execute("DROP TABLE IF EXISTS search_index")
