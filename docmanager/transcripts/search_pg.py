"""Transcript search on PostgreSQL: one ``tsvector`` per segment under a GIN index.

The same answers as the SQLite FTS5 index of ``docmanager.transcripts.search``:
the text is analysed by the same Python code (``chinese.index_fields``), the
query is the same expression (``Phrase``, ``AllOf``, ``AnyOf``), only its
storage and syntax differ.

The index (migration 0009)
--------------------------
``search_index(segment_id integer PRIMARY KEY, doc tsvector NOT NULL)`` with a
GIN index on ``doc``, one row per segment.  Every token of every field goes
into ``doc`` as a lexeme made of a field letter, ``:`` and the token
(``w:kidnap``, ``b:太原``, ``y:tai``, ``m:lzh``, ``m:c12``; see ``FIELD_CODES``),
at positions 1, 2, 3 … in the order of that field's tokens: the positions
FTS5 gives the same tokens in its column.  So an FTS5 phrase ``bigrams :
"太原 原火"`` is the tsquery ``'b:太原' <-> 'b:原火'`` and matches the same rows,
and a field filter is part of the lexeme, as in FTS5 a column filter is part
of the phrase.  Filters (``meta``) are lexemes of the same ``doc``, so a
filtered query is one GIN lookup, an intersection of posting lists.

``doc`` is written as ``tsvector`` literal text and queries as ``tsquery``
literal text: neither passes through a text-search parser or dictionary, so
each token is one lexeme byte for byte (``to_tsvector('simple', …)`` would
parse the tokens again, cut them at punctuation and class them by the
server's locale; the analysis is already done).  Two limits of PostgreSQL
apply: a position above 16383 is stored as 16383 and a lexeme keeps at most
256 positions, so a phrase beyond the 16383rd token of one field of one line,
or repeated more than 256 times in it, can be missed (transcript lines are
far shorter).  A lexeme must be shorter than 2 KiB: a token longer than
``MAX_TOKEN_BYTES`` is cut and ends with a hash of the whole token, in the
index and in queries alike.

Ranking
-------
As on SQLite in two steps: the probe lists the rows matching the query and
the filters newest first, up to ``PROBE_LIMIT``; then exactly those rows are
ranked by ``ts_rank_cd`` over the query alone (with its bonus phrases).  Each
position carries a weight label for its field: ``cjk_words`` A, ``pinyin`` B,
``words``, ``chars`` and ``bigrams`` C, ``syllables`` D, weighed in the
proportions of ``WEIGHTS``.  ``ts_rank_cd`` counts how often and how closely
the query matches, with no inverse document frequency, so among inexact
matches the order can differ from SQLite's BM25; whole words and phrases
still count more, and the exact-match bonus of the shared code puts exact
matches first on both.

The probe
---------
``probe`` asks the planner first (``EXPLAIN`` of the one-statement probe, the
query inlined so that the plan is made for its lexemes).  When the statistics
call the query rare, that statement runs: the posting lists are read and the
few matches sorted.  When they call it common, PostgreSQL would walk the
primary key backwards testing each row until ``PROBE_LIMIT`` match, and a
filter the query never meets (的 in English lines) makes that walk read the
whole table.  So the walk is bounded to ``WALK_FACTOR × PROBE_LIMIT`` rows;
if it found too few, the rest (older than the last row walked) comes from
walking on or from the posting lists, whichever the density the walk saw
makes cheaper.  Either way the rows are the newest ``PROBE_LIMIT`` matches,
as from the one statement (``bench/bench_search_pg.py`` checks and times it).

Keeping in step
---------------
PL/pgSQL triggers fire on the events of migration 0005 and mark segments in
``search_dirty``.  A mark is an upsert (``ON CONFLICT … DO UPDATE``), which
locks the row: an indexer claims its batch with ``FOR UPDATE SKIP LOCKED``, so
a line edited while it is being indexed waits for the indexer and is marked
again after it commits, and a line whose mark is held by a writer still at
work is left for later.  Both tables also send the ``docmanager_changes``
notification of migration 0008.
"""
from __future__ import annotations

import hashlib
import json
import logging
from typing import Optional, Sequence

from sqlalchemy.engine import Connection

from docmanager.transcripts import chinese
from docmanager.transcripts import search as base
from docmanager.transcripts.chinese import AllOf, Node, Phrase
from docmanager.transcripts.search import INDEX_COLUMNS, WEIGHTS, Candidates, SearchBackend, probe_then_rank

log = logging.getLogger(__name__)

INDEX = "search_index"
DIRTY = "search_dirty"

#: The letter before ``:`` in a lexeme, by field.
FIELD_CODES = {"words": "w", "chars": "c", "bigrams": "b", "cjk_words": "j", "pinyin": "p", "syllables": "y",
               "meta": "m"}
MAX_TOKEN_BYTES = 500  # PostgreSQL refuses lexemes of 2 KiB and more (see ``lexeme``)
MAX_POSITION = 16383  # PostgreSQL's largest position in a tsvector
#: The probe first tests this many times ``PROBE_LIMIT`` newest rows one by one (see "The probe").
WALK_FACTOR = 5
#: ``ts_rank_cd``'s normalisation: rank / (1 + log(number of positions)), a long line weighs less.
RANK_NORMALIZATION = 1


def _labels() -> tuple[dict[str, str], list[float]]:
    """Each field's weight label (A best) and ``ts_rank_cd``'s weights array {D, C, B, A}."""
    levels = sorted({w for w in WEIGHTS.values() if w > 0}, reverse=True)
    if len(levels) > 4:
        raise ValueError("PostgreSQL ranks with at most four weights; WEIGHTS has more")
    levels += [levels[-1]] * (4 - len(levels))
    labels = {field: "ABCD"[levels.index(w)] if w > 0 else "D" for field, w in WEIGHTS.items()}
    top = levels[0]
    return labels, [round(w / top, 6) for w in reversed(levels)]  # ts_rank_cd wants weights ≤ 1


FIELD_LABELS, RANK_WEIGHTS = _labels()

# ------------------------------------------------------------------ schema
CREATE_INDEX = f"CREATE TABLE {INDEX} (segment_id integer NOT NULL PRIMARY KEY, doc tsvector NOT NULL)"
CREATE_GIN = f"CREATE INDEX {INDEX}_doc ON {INDEX} USING gin (doc)"
CREATE_DIRTY = f"CREATE TABLE {DIRTY} (segment_id integer NOT NULL PRIMARY KEY)"

# A mark locks the row (DO UPDATE, not DO NOTHING): see "Keeping in step".
_UPSERT = (f"INSERT INTO {DIRTY}(segment_id) {{rows}} "
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


#: name → (table, CREATE TRIGGER); the names and events of migration 0005's SQLite triggers.
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


def notify_trigger_sql(table: str) -> str:
    """The change notification of migration 0008 (its ``notify_trigger_sql``), for a table made here."""
    return (f'CREATE TRIGGER "{table}_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION docmanager_notify()")


# ------------------------------------------------------------------ lexemes
def lexeme(field: str, token: str) -> str:
    """The lexeme of a field's token: ``w:kidnap``.

    A token longer than ``MAX_TOKEN_BYTES`` is cut and ends with a hash of the
    whole token instead, so that two long tokens still differ.
    """
    raw = token.encode("utf-8")
    if len(raw) > MAX_TOKEN_BYTES:
        digest = hashlib.blake2b(raw, digest_size=10).hexdigest()
        token = raw[:MAX_TOKEN_BYTES - 21].decode("utf-8", errors="ignore") + "#" + digest
    return f"{FIELD_CODES[field]}:{token}"


def _quote(lex: str) -> str:
    """A lexeme as a quoted value in tsvector or tsquery input."""
    return "'" + lex.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_text(cols: dict[str, str]) -> str:
    """``doc`` for an index row (column → space-separated tokens), as tsvector input text."""
    positions: dict[str, list[str]] = {}
    for field in INDEX_COLUMNS:
        label = FIELD_LABELS[field]
        label = "" if label == "D" else label  # D is tsvector's default
        for i, token in enumerate(cols.get(field, "").split(), 1):
            positions.setdefault(lexeme(field, token), []).append(f"{min(i, MAX_POSITION)}{label}")
    return " ".join(f"{_quote(lex)}:{','.join(pos)}" for lex, pos in positions.items())


def _sql_literal(conn: Connection, text: str) -> str:
    """``text`` as an SQL string literal, quoted by psycopg for this connection (``%`` doubled: the
    statements here run with a parameter tuple, in which ``%`` starts a placeholder)."""
    from psycopg import sql

    raw = conn.connection.dbapi_connection
    return sql.Literal(text).as_string(raw).replace("%", "%%")


class PgBackend(SearchBackend):
    """PostgreSQL: the ``search_index`` and ``search_dirty`` tables and their triggers (migration 0009)."""

    INDEX = INDEX
    DIRTY = DIRTY

    def __init__(self) -> None:
        self.functions = FUNCTIONS
        self.triggers = TRIGGERS

    # -- schema
    def _objects(self, conn: Connection) -> tuple[set[str], set[tuple[str, str]]]:
        """The search tables present, and (table, trigger) of the search triggers, in the current schema."""
        rows = conn.exec_driver_sql(
            "WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
            "SELECT c.relname, NULL FROM pg_class c, ns WHERE c.relnamespace = ns.oid AND c.relkind IN ('r', 'p') "
            "AND c.relname IN (%s, %s) "
            "UNION ALL "
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid, ns "
            "WHERE c.relnamespace = ns.oid AND NOT t.tgisinternal AND t.tgname LIKE 'search\\_%%'",
            (INDEX, DIRTY)).fetchall()
        tables = {table for table, trigger in rows if trigger is None}
        triggers = {(table, trigger) for table, trigger in rows if trigger is not None}
        return tables, triggers

    def installed(self, conn: Connection) -> bool:
        tables, _ = self._objects(conn)
        return {INDEX, DIRTY} <= tables

    def tracking_complete(self, conn: Connection) -> bool:
        tables, triggers = self._objects(conn)
        return {INDEX, DIRTY} <= tables and all((table, name) in triggers
                                                for name, (table, _) in self.triggers.items())

    def ensure_tracking(self, conn: Connection) -> bool:
        tables, triggers = self._objects(conn)
        missing = [name for name, (table, _) in self.triggers.items() if (table, name) not in triggers]
        rebuilt = False
        notify = {INDEX, DIRTY} <= tables or bool(conn.exec_driver_sql(
            "SELECT to_regprocedure('docmanager_notify()') IS NOT NULL").scalar())  # migration 0008's
        if INDEX not in tables:
            conn.exec_driver_sql(CREATE_INDEX)
            conn.exec_driver_sql(CREATE_GIN)
            if notify:
                conn.exec_driver_sql(notify_trigger_sql(INDEX))
            rebuilt = True
        if DIRTY not in tables:
            conn.exec_driver_sql(CREATE_DIRTY)
            if notify:
                conn.exec_driver_sql(notify_trigger_sql(DIRTY))
            rebuilt = True
        if missing:
            for sql in self.functions.values():
                conn.exec_driver_sql(sql)
            for name in missing:
                table, sql = self.triggers[name]
                conn.exec_driver_sql(sql)
        if not (missing or rebuilt):
            return False
        log.warning("search index tracking was incomplete (%s); every segment will be re-indexed",
                    ", ".join(missing) or "tables")
        # Changes made while a trigger was missing went unseen: look at everything again.
        self.mark_all(conn)
        return True

    def mark_all(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"INSERT INTO {DIRTY}(segment_id) SELECT id FROM segments ON CONFLICT DO NOTHING")
        conn.exec_driver_sql(f"INSERT INTO {DIRTY}(segment_id) SELECT segment_id FROM {INDEX} "
                             "ON CONFLICT DO NOTHING")

    def lowest_row_meta(self, conn: Connection) -> Optional[list[str]]:
        row = conn.exec_driver_sql(
            f"SELECT tsvector_to_array(doc) FROM {INDEX} ORDER BY segment_id LIMIT 1").fetchone()
        if row is None:
            return None
        prefix = FIELD_CODES["meta"] + ":"
        return [lexeme[len(prefix):] for lexeme in row[0] if lexeme.startswith(prefix)]

    # -- pending rows
    def pending_count(self, conn: Connection) -> int:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {DIRTY}").scalar() or 0

    def has_pending(self, conn: Connection) -> bool:
        return bool(conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM {DIRTY})").scalar())

    def pending_ids(self, conn: Connection, limit: Optional[int] = None, claim: bool = False) -> list[int]:
        sql = f"SELECT segment_id FROM {DIRTY} ORDER BY segment_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        if claim:
            sql += " FOR UPDATE SKIP LOCKED"
        return [r[0] for r in conn.exec_driver_sql(sql)]

    def write(self, conn: Connection, ids: Sequence[int], rows: Sequence[tuple[int, dict[str, str]]]) -> None:
        if ids:
            params = (list(ids),)
            conn.exec_driver_sql(f"DELETE FROM {INDEX} WHERE segment_id = ANY(%s)", params)
            conn.exec_driver_sql(f"DELETE FROM {DIRTY} WHERE segment_id = ANY(%s)", params)
        if rows:
            conn.exec_driver_sql(
                f"INSERT INTO {INDEX}(segment_id, doc) "
                "SELECT u.id, u.doc::tsvector FROM unnest(%s::integer[], %s::text[]) AS u(id, doc) "
                "ON CONFLICT (segment_id) DO UPDATE SET doc = EXCLUDED.doc",
                ([seg_id for seg_id, _ in rows], [tsvector_text(cols) for _, cols in rows]))

    def reset(self, conn: Connection) -> None:
        # DELETE rather than TRUNCATE: searches in other sessions keep seeing the old index until commit.
        conn.exec_driver_sql(f"DELETE FROM {INDEX}")
        conn.exec_driver_sql(f"DELETE FROM {DIRTY}")

    def optimize(self, conn: Connection) -> None:
        # Fresh statistics let the planner judge how common a lexeme is (the probe's plan).
        # Only the table's owner may; for anyone else PostgreSQL skips it with a warning.
        conn.exec_driver_sql(f"ANALYZE {INDEX}")

    # -- queries
    def render(self, node: Node) -> str:
        """The tsquery input text for an expression (each lexeme carries its field)."""
        if isinstance(node, Phrase):
            if not node.tokens:
                raise ValueError("an empty phrase")
            chain = " <-> ".join(_quote(lexeme(node.field, token)) for token in node.tokens)
            return f"({chain})" if len(node.tokens) > 1 else chain
        joiner = " & " if isinstance(node, AllOf) else " | "
        return "(" + joiner.join(self.render(child) for child in node.children) + ")"

    def candidates(self, conn: Connection, query: Node, filters: Sequence[Node], depth: int) -> Candidates:
        return probe_then_rank(lambda q, d: self._probe_and_rank(conn, q, filters, d), query, depth)

    def probe(self, conn: Connection, tsquery: str, limit: int) -> list[int]:
        """The ids of the ``limit`` newest rows matching ``tsquery``, newest first (see "The probe")."""
        # The query as a literal, not a parameter: a statement run often with parameters gets a generic
        # plan (psycopg prepares it), blind to how common this query's lexemes are.
        literal = _sql_literal(conn, tsquery) + "::tsquery"
        plain = f"SELECT segment_id FROM {INDEX} WHERE doc @@ {literal} ORDER BY segment_id DESC LIMIT {int(limit)}"
        plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + plain, ()).scalar()
        plan = (plan if isinstance(plan, list) else json.loads(plan))[0]["Plan"]
        if plan.get("Plans", [{}])[0].get("Node Type") != "Index Scan":
            # Few matches by the statistics: PostgreSQL reads the posting lists and sorts the matches.
            return [r[0] for r in conn.exec_driver_sql(plain, ())]
        # Many by the statistics: test the newest rows one by one, but only so many of them.
        walk = WALK_FACTOR * limit
        rows = conn.exec_driver_sql(
            "SELECT segment_id, hit, n FROM (SELECT segment_id, doc @@ %s::tsquery AS hit, "
            f"row_number() OVER (ORDER BY segment_id DESC) AS n FROM {INDEX} ORDER BY segment_id DESC LIMIT %s) w "
            "WHERE hit OR n = %s ORDER BY segment_id DESC LIMIT %s", (tsquery, walk, walk, limit + 1)).fetchall()
        found = [seg_id for seg_id, hit, _ in rows if hit][:limit]
        if len(found) >= limit or not rows or rows[-1][2] != walk:
            return found  # enough, or the walk saw the whole index
        boundary = rows[-1][0]  # the oldest row walked
        # Walking on costs about (rows still wanted) / density rows, the posting lists about density × rows
        # left (ids are roughly dense); the density is what the walk saw, not what the statistics guess.
        density = len(found) / walk
        rest = limit - len(found)
        walk_on = density > 0 and rest / density < density * boundary
        order = "segment_id" if walk_on else "segment_id + 0"  # + 0: no walk down the primary key
        found += [r[0] for r in conn.exec_driver_sql(
            f"SELECT segment_id FROM {INDEX} WHERE doc @@ {literal} AND segment_id < {int(boundary)} "
            f"ORDER BY {order} DESC LIMIT {int(rest)}", ())]
        return found

    def _probe_and_rank(self, conn: Connection, query: Node, filters: Sequence[Node],
                        depth: int) -> Optional[tuple[list[tuple[int, float]], bool]]:
        """The ``depth`` best (segment id, score) for ``query`` and ``filters``, and whether the matches were cut."""
        # 1. Which rows match: the filters, and the query without its bonus phrases; newest first, unranked.
        lean = chinese.all_of([chinese.without_bonus(query), *filters])
        limit = base.PROBE_LIMIT
        probe = self.probe(conn, self.render(lean), limit)
        if not probe:
            return None
        # 2. Rank exactly those rows over the query with its bonus phrases (the filters left out).
        rows = conn.exec_driver_sql(
            f"SELECT segment_id, ts_rank_cd(%s::real[], doc, %s::tsquery, {RANK_NORMALIZATION}) AS rank_ "
            f"FROM {INDEX} WHERE segment_id = ANY(%s::integer[]) ORDER BY rank_ DESC, segment_id LIMIT %s",
            (RANK_WEIGHTS, self.render(query), probe, depth)).fetchall()
        return [(seg_id, float(score)) for seg_id, score in rows], len(probe) >= limit
