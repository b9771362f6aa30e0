"""Full-text search index over transcript and translation segments on PostgreSQL.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26

What migration 0005 is to SQLite: ``search_index`` holds one row per segment,
its tokens (made by ``docmanager.transcripts.chinese``) as one ``tsvector``
under a GIN index, each lexeme prefixed with its field (see
``docmanager.transcripts.search_pg``); ``search_dirty`` lists the segments
whose index row is out of date, filled by PL/pgSQL triggers on the events of
0005's triggers, whoever makes the change.  Both tables send the change
notification of migration 0008.  Every segment that exists when this
migration runs is marked, so an upgraded team catalogue is indexed on its
first search.

The tables are named ``search_*`` and are kept out of the models (see
``include_object`` in ``docmanager.db.schema``).  On SQLite this migration
does nothing.
"""
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CREATE_INDEX = "CREATE TABLE search_index (segment_id integer NOT NULL PRIMARY KEY, doc tsvector NOT NULL)"
CREATE_GIN = "CREATE INDEX search_index_doc ON search_index USING gin (doc)"
CREATE_DIRTY = "CREATE TABLE search_dirty (segment_id integer NOT NULL PRIMARY KEY)"

# A mark is an upsert that locks the row (DO UPDATE, not DO NOTHING): an indexer
# claims its batch with FOR UPDATE SKIP LOCKED, so an edit made while its line
# is being indexed waits for the indexer and marks the line again.
_UPSERT = ("INSERT INTO search_dirty(segment_id) {rows} "
           "ON CONFLICT (segment_id) DO UPDATE SET segment_id = EXCLUDED.segment_id")
_MARK_ONE = _UPSERT.format(rows="VALUES ({id})")
_MARK_MANY = _UPSERT.format(rows="SELECT s.id FROM {source}")
_OF_CLIP = "segments s JOIN transcripts t ON t.id = s.transcript_id WHERE t.clip_id = {clip}"
_OF_TRANSCRIPT = "segments s WHERE s.transcript_id = {transcript}"
_WITH_NAME = "segments s WHERE strpos(s.text, NEW.name_zh) > 0"


def _function(name: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{body}\n    RETURN NULL;\nEND\n$$")


FUNCTIONS = {
    "search_mark_segment": _function("search_mark_segment", "\n".join([
        "    IF TG_OP <> 'INSERT' THEN",
        f"        {_MARK_ONE.format(id='OLD.id')};",
        "    END IF;",
        "    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.id <> OLD.id) THEN",
        f"        {_MARK_ONE.format(id='NEW.id')};",
        "    END IF;"])),
    "search_mark_tagged": _function("search_mark_tagged", "\n".join([
        "    IF TG_OP = 'DELETE' THEN",
        f"        {_MARK_ONE.format(id='OLD.segment_id')};",
        "    ELSE",
        f"        {_MARK_ONE.format(id='NEW.segment_id')};",
        "    END IF;"])),
    "search_mark_transcript": _function(
        "search_mark_transcript",
        f"    {_MARK_MANY.format(source=_OF_TRANSCRIPT.format(transcript='NEW.id'))};"),
    "search_mark_clip": _function(
        "search_mark_clip", f"    {_MARK_MANY.format(source=_OF_CLIP.format(clip='NEW.id'))};"),
    "search_mark_clip_subject": _function("search_mark_clip_subject", "\n".join([
        "    IF TG_OP = 'DELETE' THEN",
        f"        {_MARK_MANY.format(source=_OF_CLIP.format(clip='OLD.clip_id'))};",
        "    ELSE",
        f"        {_MARK_MANY.format(source=_OF_CLIP.format(clip='NEW.clip_id'))};",
        "    END IF;"])),
    # A new or changed Chinese name changes how jieba cuts (and pinyin reads) the lines holding it.
    "search_mark_named": _function("search_mark_named", f"    {_MARK_MANY.format(source=_WITH_NAME)};"),
}


def _trigger(name: str, event: str, table: str, function: str, when: str = "") -> tuple[str, tuple[str, str]]:
    when_sql = f" WHEN ({when})" if when else ""
    return name, (table, f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW{when_sql} "
                         f"EXECUTE FUNCTION {function}()")


# name → (table, CREATE TRIGGER): the names and events of 0005's SQLite triggers.
TRIGGERS = dict([
    _trigger("search_segments_ai", "AFTER INSERT", "segments", "search_mark_segment"),
    _trigger("search_segments_au", "AFTER UPDATE OF id, text, transcript_id", "segments", "search_mark_segment"),
    _trigger("search_segments_ad", "AFTER DELETE", "segments", "search_mark_segment"),
    _trigger("search_transcripts_au", "AFTER UPDATE OF lang, kind, clip_id", "transcripts",
             "search_mark_transcript"),
    _trigger("search_clips_au", "AFTER UPDATE OF shoot_id", "clips", "search_mark_clip"),
    _trigger("search_clip_subjects_ai", "AFTER INSERT", "clip_subjects", "search_mark_clip_subject"),
    _trigger("search_clip_subjects_ad", "AFTER DELETE", "clip_subjects", "search_mark_clip_subject"),
    _trigger("search_segment_tags_ai", "AFTER INSERT", "segment_tags", "search_mark_tagged"),
    _trigger("search_segment_tags_ad", "AFTER DELETE", "segment_tags", "search_mark_tagged"),
    _trigger("search_subjects_ai", "AFTER INSERT", "subjects", "search_mark_named",
             when="length(NEW.name_zh) > 1"),
    _trigger("search_subjects_au", "AFTER UPDATE OF name_zh, pinyin", "subjects", "search_mark_named",
             when="length(NEW.name_zh) > 1"),
])


def _notify_trigger_sql(table: str) -> str:
    """Migration 0008's ``notify_trigger_sql`` (a table added later gets its trigger with it)."""
    from alembic.script import ScriptDirectory

    from docmanager.db import schema

    script = ScriptDirectory.from_config(schema.alembic_config())
    return script.get_revision("0008").module.notify_trigger_sql(table)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(CREATE_INDEX)
    op.execute(CREATE_GIN)
    op.execute(CREATE_DIRTY)
    for sql in FUNCTIONS.values():
        op.execute(sql)
    for _table, sql in TRIGGERS.values():
        op.execute(sql)
    for table in ("search_index", "search_dirty"):
        op.execute(_notify_trigger_sql(table))
    op.execute("INSERT INTO search_dirty(segment_id) SELECT id FROM segments")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name, (table, _sql) in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.execute("DROP TABLE IF EXISTS search_dirty")
    op.execute("DROP TABLE IF EXISTS search_index")
