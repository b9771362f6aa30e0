"""Search what people said: transcripts and translations, Chinese and English.

``search(session, "太原")`` returns ranked ``Hit``s; see ``docmanager.transcripts.chinese``
for how text and queries are cut into tokens (one- and two-character Chinese
queries, traditional = simplified, toneless pinyin, English stems).

The index
---------
On SQLite the index is the FTS5 table ``search_index`` (migration 0005): one row
per segment, rowid = ``segments.id``, one column per token field (``words``,
``chars``, ``bigrams``, ``cjk_words``, ``pinyin``, ``syllables``), all
pre-tokenised in Python and stored space-separated under FTS5's ``ascii``
tokenizer (which keeps every such token whole), plus ``meta``: filter tokens,
``l`` + language and each shorter language tag (``lzh``, ``lzhhant``), ``c`` +
clip id, ``s`` + shoot id, ``p`` + subject (person) id, ``t`` + segment tag id,
and ``ANALYSIS_TOKEN`` (``a`` + ``chinese.ANALYSIS_VERSION``), the analysis the
row was made with.
Filters are therefore part of the full-text expression and cost an index
intersection, not a join.

Keeping it in step
------------------
* Triggers (migration 0005) write the id of every segment whose row may be out
  of date into ``search_dirty``: a segment inserted, edited (text, transcript),
  deleted; its transcript's language or clip changed; its clip's shoot or
  subjects changed; its tags changed; a subject's Chinese name added or changed
  (the lines holding the name are cut again).  Triggers see every write,
  ORM or raw SQL, from any process.
* ``sync_index(session)`` re-indexes the dirty segments in the session's
  transaction and empties ``search_dirty``.  It runs
  - before each commit of any ORM session that wrote something (a
    ``before_commit`` listener, bounded to ``AUTO_SYNC_LIMIT`` segments so a big
    import stays quick; the rest is left for the next search), inside a
    savepoint, so a failure there never costs the writer its commit;
  - before a search from a project's read session (``refresh_index``, through
    ``project.write``), once per catalogue state.
* ``search`` never writes through the session it is given: segments still
  marked dirty in that session's view are left out of the index's answer and
  matched directly in Python, so results are exact even inside a transaction
  that has just changed lines.
* If a schema change drops the triggers (SQLite drops them with their table,
  as Alembic's batch mode does), ``sync_index`` puts them back and marks every
  segment for re-indexing.
* If the index was made by another analysis (its lowest row lacks
  ``ANALYSIS_TOKEN``: an index made before a change of ``chinese.fold`` or of
  the tokens), ``sync_index`` marks every segment for re-indexing too, and
  ``refresh_index`` (before a search) indexes them again batch by batch; until
  then the lines still marked are matched directly, so answers are right at
  once.  Marking happens before any row is written with the new token, so the
  lowest row speaks for the whole index.

Ranking
-------
In two steps.  A probe lists the matching rows (filters included) newest
first without ranking them and stops at ``PROBE_LIMIT``; then BM25 scores
exactly those rows (``+rowid IN`` keeps SQLite from scoring others) over the
query alone, so a filter's long posting list never enters the idf sums.  BM25
weighs whole jieba words and joined pinyin more and pinyin syllables less;
bonus phrases (the query's words as a phrase, the query as a whole jieba word)
add to the score of rows they match.  Then a Python bonus puts exact matches
first: the query as typed (or a quoted part) present literally, Latin words
whole.  A query matching more than ``PROBE_LIMIT`` rows (one very common
character, say) is ranked among its newest ``PROBE_LIMIT`` matches plus the
newest ``PROBE_LIMIT`` whole-word or exact-phrase matches, which keeps every
query quick (p95 under 30 ms over a million lines, ``bench/bench_search.py``).

Other databases
---------------
Everything except the ``SearchBackend`` subclass is back-end neutral: the
token analysis, filters, pending-row matching, ranking bonus and hits.  Team
catalogues on PostgreSQL use ``docmanager.transcripts.search_pg.PgBackend``
(migration 0009): one ``tsvector`` of field-prefixed tokens per segment under
a GIN index, phrases as ``<->`` chains, ranked with ``ts_rank_cd``; the same
queries find the same lines there.  A back end is registered in ``_BACKENDS``
(or, in a module of its own, in ``_MODULE_BACKENDS``) under its SQLAlchemy
dialect name.
"""
from __future__ import annotations

import html
import importlib
import json
import logging
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Optional, Sequence, Union

from sqlalchemy import event, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from docmanager.db.models import Clip, ClipSubject, Segment, SegmentTag, Shoot, Subject, Tag, Transcript
from docmanager.errors import NotFoundError, ProjectError
from docmanager.jobs import Cancelled
from docmanager.transcripts import chinese
from docmanager.transcripts.chinese import FIELDS, AllOf, Node, Phrase, Query

if TYPE_CHECKING:
    from docmanager.project import Project

log = logging.getLogger(__name__)

INDEX_COLUMNS = FIELDS + ("meta",)
# BM25 weight of each column, in INDEX_COLUMNS order.
WEIGHTS = {"words": 1.0, "chars": 1.0, "bigrams": 1.0, "cjk_words": 2.0, "pinyin": 1.5, "syllables": 0.6,
           "meta": 0.0}
EXACT_BONUS = 1000.0  # an exact match outranks any inexact one
AUTO_SYNC_LIMIT = 5000  # segments indexed in a writer's commit; more wait for the next search
BATCH = 2000  # segments per round of sync and rebuild
PROBE_LIMIT = 2000  # a query matching more segments is ranked among this many (the newest)
PENDING_WARN = 20000
#: The ``meta`` token every index row carries: the analysis it was made with (see "Keeping in step").
ANALYSIS_TOKEN = f"a{chinese.ANALYSIS_VERSION}"


# ---------------------------------------------------------------------- hits
@dataclass(frozen=True)
class Hit:
    """One segment that matched: where it is, what it says, how well it matched.

    Times are integer milliseconds (``start``/``end`` give seconds for JSON).
    ``spans`` are the character ranges of ``text`` that matched, for a view
    to bold; they are worked out on first use.
    """

    segment_id: int
    clip_id: int
    transcript_id: int
    lang: str
    start_ms: Optional[int]
    end_ms: Optional[int]
    text: str
    speaker: Optional[str]
    score: float
    exact: bool
    query: Optional[Query] = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> Optional[float]:
        return None if self.start_ms is None else round(self.start_ms / 1000, 3)

    @property
    def end(self) -> Optional[float]:
        return None if self.end_ms is None else round(self.end_ms / 1000, 3)

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The ``(start, end)`` character ranges of ``text`` that matched the query."""
        if self.query is None:
            return ()
        found = chinese.match_spans(self.query.node, chinese.analyse(self.text, self.lang))
        return tuple(found or ())

    def snippet_html(self, width: Optional[int] = None) -> str:
        """``text`` as HTML with the matched ranges in ``<b>``; cut to about ``width`` characters."""
        text, spans = self.text, list(self.spans)
        lead = tail = ""
        if width is not None and len(text) > width:
            centre = spans[0][0] if spans else 0
            begin = max(0, min(centre - width // 3, len(text) - width))
            stop = begin + width
            lead = "…" if begin > 0 else ""
            tail = "…" if stop < len(text) else ""
            spans = [(max(s, begin) - begin, min(e, stop) - begin) for s, e in spans if e > begin and s < stop]
            text = text[begin:stop]
        out: list[str] = [lead]
        pos = 0
        for s, e in spans:
            out.append(html.escape(text[pos:s]))
            out.append("<b>" + html.escape(text[s:e]) + "</b>")
            pos = e
        out.append(html.escape(text[pos:]))
        out.append(tail)
        return "".join(out)

    def as_json(self) -> dict:
        """The hit as the CLI prints it (``docmanager search``)."""
        return {"segment_id": self.segment_id, "clip_id": self.clip_id, "transcript_id": self.transcript_id,
                "lang": self.lang, "start": self.start, "end": self.end, "speaker": self.speaker,
                "text": self.text, "score": round(self.score, 4),
                "highlights": [list(span) for span in self.spans]}


class Hits(list):
    """The hits of one search, best first (a list of ``Hit``), and whether it stopped at its limit.

    ``truncated``: more lines matched than the ``limit`` given (``search``'s
    default 200), so the list is not all of them; ask for more, or narrow the
    query or its filters.
    """

    def __init__(self, hits: Sequence[Hit] = (), *, limit: int = 0, truncated: bool = False) -> None:
        super().__init__(hits)
        self.limit = limit
        self.truncated = truncated


# ------------------------------------------------------------------ back end
def _trigger_sql() -> dict[str, str]:
    """The tracking triggers, as migration 0005 creates them (a test keeps the two equal)."""
    mark_one = ("INSERT INTO search_dirty(segment_id) SELECT {id} "
                "WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE segment_id = {id})")
    mark_many = ("INSERT INTO search_dirty(segment_id) SELECT s.id FROM {source} "
                 "AND NOT EXISTS (SELECT 1 FROM search_dirty d WHERE d.segment_id = s.id)")
    of_clip = "segments s JOIN transcripts t ON t.id = s.transcript_id WHERE t.clip_id = {clip}"
    of_transcript = "segments s WHERE s.transcript_id = {transcript}"
    with_name = "segments s WHERE instr(s.text, NEW.name_zh) > 0"

    def trigger(name: str, on: str, *actions: str, when: str = "") -> tuple[str, str]:
        when_sql = f" WHEN {when}" if when else ""
        return name, f"CREATE TRIGGER {name} {on}{when_sql} BEGIN " + "".join(a + "; " for a in actions) + "END"

    return dict([
        trigger("search_segments_ai", "AFTER INSERT ON segments", mark_one.format(id="NEW.id")),
        trigger("search_segments_au", "AFTER UPDATE OF id, text, transcript_id ON segments",
                mark_one.format(id="OLD.id"), mark_one.format(id="NEW.id")),
        trigger("search_segments_ad", "AFTER DELETE ON segments", mark_one.format(id="OLD.id")),
        trigger("search_transcripts_au", "AFTER UPDATE OF lang, kind, clip_id ON transcripts",
                mark_many.format(source=of_transcript.format(transcript="NEW.id"))),
        trigger("search_clips_au", "AFTER UPDATE OF shoot_id ON clips",
                mark_many.format(source=of_clip.format(clip="NEW.id"))),
        trigger("search_clip_subjects_ai", "AFTER INSERT ON clip_subjects",
                mark_many.format(source=of_clip.format(clip="NEW.clip_id"))),
        trigger("search_clip_subjects_ad", "AFTER DELETE ON clip_subjects",
                mark_many.format(source=of_clip.format(clip="OLD.clip_id"))),
        trigger("search_segment_tags_ai", "AFTER INSERT ON segment_tags", mark_one.format(id="NEW.segment_id")),
        trigger("search_segment_tags_ad", "AFTER DELETE ON segment_tags", mark_one.format(id="OLD.segment_id")),
        trigger("search_subjects_ai", "AFTER INSERT ON subjects", mark_many.format(source=with_name),
                when="length(NEW.name_zh) > 1"),
        trigger("search_subjects_au", "AFTER UPDATE OF name_zh, pinyin ON subjects",
                mark_many.format(source=with_name), when="length(NEW.name_zh) > 1"),
    ])


@dataclass
class Candidates:
    """Segment ids with their relevance (higher is better), best first."""

    scored: list[tuple[int, float]]
    broad: bool  # more matches than were ranked (see PROBE_LIMIT)


class SearchBackend(ABC):
    """Where the index lives.  The functions of this module talk to it only through these methods."""

    @abstractmethod
    def installed(self, conn: Connection) -> bool:
        """Whether the index exists in this database."""

    @abstractmethod
    def tracking_complete(self, conn: Connection) -> bool:
        """Whether every table and trigger that keeps the index in step is there."""

    @abstractmethod
    def ensure_tracking(self, conn: Connection) -> bool:
        """Put back missing index tables or triggers; True if anything was missing (all re-marked)."""

    @abstractmethod
    def lowest_row_meta(self, conn: Connection) -> Optional[list[str]]:
        """The ``meta`` tokens of the index row with the lowest segment id (None for an empty index)."""

    def analysis_current(self, conn: Connection) -> bool:
        """Whether the index was made by this analysis (an empty index is)."""
        meta = self.lowest_row_meta(conn)
        return meta is None or ANALYSIS_TOKEN in meta

    @abstractmethod
    def mark_all(self, conn: Connection) -> None:
        """Mark every segment, and every row of the index, for re-indexing."""

    def ensure_analysis(self, conn: Connection) -> bool:
        """Mark everything for re-indexing if the index was made by another analysis; True if it was."""
        if self.analysis_current(conn):
            return False
        log.warning("the search index was made by another version of the text analysis; every line will be "
                    "indexed again (until then lines not indexed yet are searched directly)")
        self.mark_all(conn)
        return True

    @abstractmethod
    def pending_count(self, conn: Connection) -> int:
        """How many segments wait to be (re)indexed."""

    def has_pending(self, conn: Connection) -> bool:
        """Whether any segment waits to be (re)indexed."""
        return self.pending_count(conn) > 0

    @abstractmethod
    def pending_ids(self, conn: Connection, limit: Optional[int] = None, claim: bool = False) -> list[int]:
        """Segments waiting to be (re)indexed, lowest id first.

        ``claim``: the caller is about to index them and ``write`` them in this
        transaction.  A back end with concurrent writers locks them, so that an
        edit made meanwhile waits for the indexer and marks its segment again
        (SQLite has one writer at a time and needs nothing).
        """

    @abstractmethod
    def write(self, conn: Connection, ids: Sequence[int], rows: Sequence[tuple[int, dict[str, str]]]) -> None:
        """Replace the index rows of ``ids`` by ``rows`` (id, column → text) and clear them as pending."""

    @abstractmethod
    def reset(self, conn: Connection) -> None:
        """Empty the index and the pending list (before a rebuild)."""

    @abstractmethod
    def optimize(self, conn: Connection) -> None:
        """Compact the index after a bulk load."""

    @abstractmethod
    def candidates(self, conn: Connection, query: Node, filters: Sequence[Node], depth: int) -> Candidates:
        """The ``depth`` best segment ids matching ``query`` and every filter (``meta`` expressions), best first."""


ProbeAndRank = Callable[[Node, int], Optional[tuple[list[tuple[int, float]], bool]]]


def probe_then_rank(probe_and_rank: ProbeAndRank, query: Node, depth: int) -> Candidates:
    """``candidates`` from a back end's ``probe_and_rank(query, depth)`` (filters bound by the caller).

    ``probe_and_rank`` returns the ``depth`` best (segment id, score) among the
    newest ``PROBE_LIMIT`` matches and whether there were more matches than
    that (or ``None`` for no match).  When there were, the newest whole-word
    and exact-phrase matches are ranked too, wherever they are, so they can
    still come first.
    """
    first = probe_and_rank(query, depth)
    if first is None:
        return Candidates([], False)
    scored, broad = first
    if broad:
        strong = chinese.strongest(query)
        second = probe_and_rank(strong, depth) if strong is not None else None
        if second is not None:
            seen = dict(scored)
            for rowid, score in second[0]:
                seen.setdefault(rowid, score)
            scored = sorted(seen.items(), key=lambda item: -item[1])
    return Candidates(scored, broad)


class Fts5Backend(SearchBackend):
    """SQLite FTS5: the ``search_index`` and ``search_dirty`` tables and their triggers (migration 0005)."""

    INDEX = "search_index"
    DIRTY = "search_dirty"
    CREATE_INDEX = (
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "words, chars, bigrams, cjk_words, pinyin, syllables, meta, "
        "tokenize = 'ascii', detail = full)"
    )
    CREATE_DIRTY = "CREATE TABLE search_dirty (segment_id INTEGER NOT NULL PRIMARY KEY)"

    def __init__(self) -> None:
        self.triggers = _trigger_sql()
        weights = ", ".join(repr(WEIGHTS[c]) for c in INDEX_COLUMNS)
        self._rank = f"bm25({self.INDEX}, {weights})"

    # -- schema
    def _objects(self, conn: Connection) -> dict[str, str]:
        rows = conn.exec_driver_sql(
            "SELECT name, type FROM sqlite_master WHERE name LIKE 'search~_%' ESCAPE '~'").fetchall()
        return {name: kind for name, kind in rows}

    def installed(self, conn: Connection) -> bool:
        objects = self._objects(conn)
        return objects.get(self.INDEX) == "table" and objects.get(self.DIRTY) == "table"

    def tracking_complete(self, conn: Connection) -> bool:
        objects = self._objects(conn)
        return (objects.get(self.INDEX) == "table" and objects.get(self.DIRTY) == "table"
                and all(objects.get(name) == "trigger" for name in self.triggers))

    def ensure_tracking(self, conn: Connection) -> bool:
        objects = self._objects(conn)
        missing = [name for name in self.triggers if objects.get(name) != "trigger"]
        rebuilt = False
        if objects.get(self.INDEX) != "table":
            conn.exec_driver_sql(self.CREATE_INDEX)
            rebuilt = True
        if objects.get(self.DIRTY) != "table":
            conn.exec_driver_sql(self.CREATE_DIRTY)
            rebuilt = True
        for name in missing:
            conn.exec_driver_sql(self.triggers[name])
        if not (missing or rebuilt):
            return False
        log.warning("search index tracking was incomplete (%s); every segment will be re-indexed",
                    ", ".join(missing) or "tables")
        # Changes made while a trigger was missing went unseen: look at everything again.
        self.mark_all(conn)
        return True

    def mark_all(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "INSERT INTO search_dirty(segment_id) SELECT id FROM segments "
            "WHERE id NOT IN (SELECT segment_id FROM search_dirty)")
        conn.exec_driver_sql(
            "INSERT INTO search_dirty(segment_id) SELECT rowid FROM search_index "
            "WHERE rowid NOT IN (SELECT segment_id FROM search_dirty)")

    def lowest_row_meta(self, conn: Connection) -> Optional[list[str]]:
        meta = conn.exec_driver_sql(f"SELECT meta FROM {self.INDEX} ORDER BY rowid LIMIT 1").fetchone()
        return None if meta is None else (meta[0] or "").split()

    # -- pending rows
    def pending_count(self, conn: Connection) -> int:
        return conn.exec_driver_sql("SELECT count(*) FROM search_dirty").scalar() or 0

    def has_pending(self, conn: Connection) -> bool:
        return conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM search_dirty)").scalar() == 1

    def pending_ids(self, conn: Connection, limit: Optional[int] = None, claim: bool = False) -> list[int]:
        sql = "SELECT segment_id FROM search_dirty ORDER BY segment_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in conn.exec_driver_sql(sql)]

    def write(self, conn: Connection, ids: Sequence[int], rows: Sequence[tuple[int, dict[str, str]]]) -> None:
        if ids:
            params = [(i,) for i in ids]
            conn.exec_driver_sql(f"DELETE FROM {self.INDEX} WHERE rowid = ?", params)
            conn.exec_driver_sql(f"DELETE FROM {self.DIRTY} WHERE segment_id = ?", params)
        if rows:
            columns = ", ".join(INDEX_COLUMNS)
            marks = ", ".join("?" for _ in INDEX_COLUMNS)
            conn.exec_driver_sql(
                f"INSERT INTO {self.INDEX}(rowid, {columns}) VALUES (?, {marks})",
                [(seg_id, *(cols[c] for c in INDEX_COLUMNS)) for seg_id, cols in rows])

    def reset(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self.INDEX}")
        conn.exec_driver_sql(self.CREATE_INDEX)
        conn.exec_driver_sql(f"DELETE FROM {self.DIRTY}")

    def optimize(self, conn: Connection) -> None:
        conn.exec_driver_sql(f"INSERT INTO {self.INDEX}({self.INDEX}) VALUES ('optimize')")

    # -- queries
    def render(self, node: Node) -> str:
        """The FTS5 query syntax for an expression (every phrase restricted to its column)."""
        if isinstance(node, Phrase):
            return f'{node.field} : "{" ".join(node.tokens)}"'
        joiner = " AND " if isinstance(node, AllOf) else " OR "
        return "(" + joiner.join(self.render(child) for child in node.children) + ")"

    def candidates(self, conn: Connection, query: Node, filters: Sequence[Node], depth: int) -> Candidates:
        return probe_then_rank(lambda q, d: self._probe_and_rank(conn, q, filters, d), query, depth)

    def _probe_and_rank(self, conn: Connection, query: Node, filters: Sequence[Node],
                        depth: int) -> Optional[tuple[list[tuple[int, float]], bool]]:
        """The ``depth`` best (rowid, score) for ``query`` and ``filters``, and whether the matches were cut."""
        # 1. Which rows match: the filters, and the query without its bonus phrases.
        #    Newest first, unranked, stopping at PROBE_LIMIT: cheap even for 的.
        lean = chinese.all_of([chinese.without_bonus(query), *filters])
        probe = [r[0] for r in conn.exec_driver_sql(
            f"SELECT rowid FROM {self.INDEX} WHERE {self.INDEX} MATCH ? ORDER BY rowid DESC LIMIT ?",
            (self.render(lean), PROBE_LIMIT))]
        if not probe:
            return None
        # 2. Rank exactly those rows by BM25 over the query with its bonus phrases.
        #    The filters stay out of this expression (BM25 reads the whole posting
        #    list of each phrase for its idf, and a language's list is half the
        #    index); ``+rowid IN`` is checked by SQLite before BM25 is computed,
        #    so only the probed rows are scored.
        rows = conn.exec_driver_sql(
            f"SELECT rowid, {self._rank} AS rank_ FROM {self.INDEX} WHERE {self.INDEX} MATCH ? "
            "AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?)) "
            "ORDER BY rank_ LIMIT ?",
            (self.render(query), probe[-1], probe[0], json.dumps(probe), depth)).fetchall()
        return [(rowid, -score) for rowid, score in rows], len(probe) >= PROBE_LIMIT


_BACKENDS: dict[str, SearchBackend] = {"sqlite": Fts5Backend()}
# Back ends in modules of their own (which build on this one), made on first use: dialect → (module, class).
_MODULE_BACKENDS = {"postgresql": ("docmanager.transcripts.search_pg", "PgBackend")}


def backend_for(conn_or_session: Union[Connection, Session]) -> SearchBackend:
    """The search back end for the database behind a session or connection."""
    bind = conn_or_session.get_bind() if isinstance(conn_or_session, Session) else conn_or_session
    name = bind.dialect.name
    backend = _BACKENDS.get(name)
    if backend is None and name in _MODULE_BACKENDS:
        module, cls = _MODULE_BACKENDS[name]
        backend = _BACKENDS.setdefault(name, getattr(importlib.import_module(module), cls)())
    if backend is None:
        raise ProjectError(f"transcript search is not available on {name} catalogues in this version")
    return backend


# --------------------------------------------------------- documents to index
@dataclass
class _Doc:
    segment_id: int
    text: str
    lang: str
    meta: list[str]


def _alnum(value: str) -> str:
    return "".join(ch for ch in chinese.fold(value) if ch.isalnum())


def lang_tokens(lang: str) -> list[str]:
    """``zh-Hant-TW`` → ``lzh lzhhant lzhhanttw``: a filter on ``zh`` finds every Chinese variant."""
    parts = [p for p in re.split(r"[-_]", lang or "") if p]
    return [f"l{_alnum(''.join(parts[:i]))}" for i in range(1, len(parts) + 1)] or ["l"]


def _docs(conn: Connection, ids: Optional[Sequence[int]] = None, after: Optional[int] = None,
          limit: Optional[int] = None) -> list[_Doc]:
    """Segments with everything their index row needs: by ``ids``, or the next ``limit`` after id ``after``."""
    stmt = (select(Segment.id, Segment.text, Segment.speaker, Transcript.lang, Transcript.clip_id, Clip.shoot_id)
            .join(Transcript, Transcript.id == Segment.transcript_id)
            .join(Clip, Clip.id == Transcript.clip_id))
    if ids is not None:
        stmt = stmt.where(Segment.id.in_(list(ids)))
    else:
        stmt = stmt.where(Segment.id > (after or 0)).order_by(Segment.id).limit(limit)
    rows = conn.execute(stmt).all()
    if not rows:
        return []
    clip_ids = sorted({r.clip_id for r in rows})
    subjects: dict[int, list[int]] = {}
    for clip_id, subject_id in conn.execute(
            select(ClipSubject.clip_id, ClipSubject.subject_id).where(ClipSubject.clip_id.in_(clip_ids))):
        subjects.setdefault(clip_id, []).append(subject_id)
    tags: dict[int, list[int]] = {}
    seg_ids = [r.id for r in rows]
    for seg_id, tag_id in conn.execute(
            select(SegmentTag.segment_id, SegmentTag.tag_id).where(SegmentTag.segment_id.in_(seg_ids))):
        tags.setdefault(seg_id, []).append(tag_id)
    docs = []
    for r in rows:
        meta = lang_tokens(r.lang)
        meta.append(f"c{r.clip_id}")
        if r.shoot_id is not None:
            meta.append(f"s{r.shoot_id}")
        meta.extend(f"p{s}" for s in sorted(subjects.get(r.clip_id, ())))
        meta.extend(f"t{t}" for t in sorted(tags.get(r.id, ())))
        meta.append(ANALYSIS_TOKEN)
        # The speaker is searchable too: "刘静军：我儿子…" keeps 刘静军 as its speaker, not in its text.
        text = f"{r.speaker} {r.text or ''}" if r.speaker else (r.text or "")
        docs.append(_Doc(r.id, text, r.lang or "", meta))
    return docs


def _index_row(doc: _Doc) -> tuple[int, dict[str, str]]:
    cols = chinese.index_fields(doc.text, doc.lang)
    cols["meta"] = " ".join(doc.meta)
    return doc.segment_id, cols


# ------------------------------------------------------------- keeping in step
def sync_index(session: Session, limit: Optional[int] = None) -> int:
    """Re-index the segments marked dirty, in the session's transaction; returns how many.

    The caller commits (``project.write(sync_index)``).  ``limit`` bounds the
    work; what is left stays marked.  Does nothing on a catalogue without the
    index (before migration 0005).
    """
    conn = session.connection()
    backend = backend_for(conn)
    if not backend.installed(conn):
        return 0
    if not backend.ensure_tracking(conn):
        backend.ensure_analysis(conn)
    if not backend.has_pending(conn):
        return 0
    chinese.load_glossary(session)
    done = 0
    while limit is None or done < limit:
        take = BATCH if limit is None else min(BATCH, limit - done)
        ids = backend.pending_ids(conn, take, claim=True)
        if not ids:
            break
        rows = [_index_row(doc) for doc in _docs(conn, ids=ids)]
        backend.write(conn, ids, rows)
        done += len(ids)
        if len(ids) < take:
            break
    return done


def rebuild_index(session: Session, progress: Optional[Callable[[float, float, str], None]] = None,
                  cancel: Optional[Callable[[], bool]] = None) -> int:
    """Index every segment from scratch, in the session's transaction; returns how many.

    For a new back end, a changed analysis or a suspect index.  ``progress(done,
    total, message)`` is called after each batch; ``cancel()`` returning True
    stops between batches (the caller then rolls back).
    """
    conn = session.connection()
    backend = backend_for(conn)
    backend.ensure_tracking(conn)
    backend.reset(conn)
    chinese.load_glossary(session)
    total = conn.execute(select(Segment.id).order_by(Segment.id.desc()).limit(1)).scalar() or 0
    count = 0
    last = 0
    while True:
        if cancel is not None and cancel():
            raise Cancelled()
        docs = _docs(conn, after=last, limit=BATCH)
        if not docs:
            break
        backend.write(conn, [], [_index_row(doc) for doc in docs])
        last = docs[-1].segment_id
        count += len(docs)
        if progress is not None:
            progress(last, total, f"indexed {count} lines")
    backend.optimize(conn)
    return count


def refresh_index(project: "Project", progress: Optional[Callable[[float, float, str], None]] = None,
                  cancel: Optional[Callable[[], bool]] = None) -> int:
    """Bring the project's index up to date, one committed batch at a time; returns lines indexed.

    Cheap when nothing is pending (one read).  After an upgrade or a big import
    by raw SQL this is the long job that indexes everything: ``progress(done,
    total, message)`` after each batch, ``cancel()`` checked between batches
    (what was done stays done).
    """
    with project.session() as s:
        conn = s.connection()
        backend = backend_for(conn)
        if not backend.installed(conn):
            return 0
        if backend.tracking_complete(conn) and backend.analysis_current(conn):
            total = backend.pending_count(conn)
            if total == 0:
                return 0
        else:
            total = 0  # repairing or a new analysis marks everything; the first batch says how much
    step = BATCH * 10
    done = 0
    while True:
        if cancel is not None and cancel():
            break
        indexed = project.write(lambda s: sync_index(s, limit=step))
        done += indexed
        if progress is not None:
            progress(done, max(total, done), f"indexed {done} lines for search")
        if indexed < step:
            break
    return done


def pending_count(session: Session) -> int:
    """How many segments wait to be (re)indexed."""
    conn = session.connection()
    backend = backend_for(conn)
    if not backend.installed(conn):
        return 0
    return backend.pending_count(conn)


_TOUCHED = "docmanager.search.touched"
_SYNCING = "docmanager.search.syncing"


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _flush_context) -> None:
    session.info[_TOUCHED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_execute(state) -> None:
    if not state.is_select:
        state.session.info[_TOUCHED] = True


@event.listens_for(Session, "before_commit")
def _sync_before_commit(session: Session) -> None:
    """A writer's lines are indexed in its own transaction (up to AUTO_SYNC_LIMIT of them)."""
    if session.info.get(_SYNCING):
        return
    touched = session.info.pop(_TOUCHED, False)
    if not (touched or session.new or session.dirty or session.deleted):
        return
    session.flush()  # what commit would flush anyway: the triggers must have seen it
    try:
        bind = session.get_bind()
    except Exception:  # several binds: not a catalogue session
        return
    if bind.dialect.name not in _BACKENDS and bind.dialect.name not in _MODULE_BACKENDS:
        return
    session.info[_SYNCING] = True
    try:
        conn = session.connection()
        backend = backend_for(conn)
        if not backend.installed(conn) or not backend.has_pending(conn):
            return
        with session.begin_nested():
            sync_index(session, limit=AUTO_SYNC_LIMIT)
    except Exception:  # the writer's commit must not fail because of the index
        log.warning("could not update the search index in this commit; it will be updated on the next search",
                    exc_info=True)
    finally:
        session.info.pop(_SYNCING, None)
        session.info.pop(_TOUCHED, None)


# -------------------------------------------------------------------- filters
def _filters(session: Session, lang: Optional[str], tag: Optional[str], subject: Optional[str],
             shoot: Union[str, int, None], clip_id: Optional[int]) -> list[Node]:
    """The filters as expressions over the ``meta`` field (see ``_docs``)."""
    out: list[Node] = []
    if lang:
        out.append(Phrase("meta", (lang_tokens(lang)[-1],)))
    if tag:
        out.append(chinese.any_of([Phrase("meta", (f"t{i}",)) for i in _tag_ids(session, tag)]))
    if subject:
        out.append(chinese.any_of([Phrase("meta", (f"p{i}",)) for i in _subject_ids(session, subject)]))
    if shoot is not None and shoot != "":
        out.append(chinese.any_of([Phrase("meta", (f"s{i}",)) for i in _shoot_ids(session, shoot)]))
    if clip_id is not None:
        out.append(Phrase("meta", (f"c{int(clip_id)}",)))
    return out


def _tag_ids(session: Session, name: str) -> list[int]:
    key = chinese.fold(" ".join(name.split()))
    ids = [tid for tid, tname in session.execute(select(Tag.id, Tag.name)) if chinese.fold(tname) == key]
    if not ids:
        raise NotFoundError(f"no tag named {name!r}")
    return ids


def _plain_pinyin(value: str) -> str:
    return "".join(ch for ch in chinese.strip_marks(chinese.fold(value)) if ch.isalnum())


def _subject_ids(session: Session, name: str) -> list[int]:
    """Subjects by name, Chinese name (traditional or simplified) or pinyin (spaces, tones, case ignored)."""
    key = chinese.fold(name.strip())
    plain = _plain_pinyin(name)
    ids = []
    for sid, sname, zh, pinyin in session.execute(select(Subject.id, Subject.name, Subject.name_zh, Subject.pinyin)):
        if key in (chinese.fold(sname or ""), chinese.fold(zh or "")) or (pinyin and plain == _plain_pinyin(pinyin)):
            ids.append(sid)
    if not ids:
        raise NotFoundError(f"no subject named {name!r}; add it with `docmanager subject add`")
    return ids


def _shoot_ids(session: Session, shoot: Union[str, int]) -> list[int]:
    if isinstance(shoot, int):
        return [shoot]
    key = chinese.fold(shoot.strip())
    ids = [sid for sid, sname in session.execute(select(Shoot.id, Shoot.name)) if chinese.fold(sname) == key]
    if not ids:
        raise NotFoundError(f"no shoot named {shoot!r}; add it with `docmanager shoot add`")
    return ids


# --------------------------------------------------------------------- search
def search(session: Session, query: str, lang: Optional[str] = None, tag: Optional[str] = None,
           subject: Optional[str] = None, shoot: Union[str, int, None] = None, clip_id: Optional[int] = None,
           limit: int = 200) -> Hits:
    """Segments of transcripts and translations matching ``query``, best first, at most ``limit``.

    ``lang`` keeps one language (``zh`` takes in ``zh-Hant``); ``tag`` a
    segment tag; ``subject`` a subject of the clip (name, Chinese name or
    pinyin); ``shoot`` the clip's shoot (name or id); ``clip_id`` one clip.
    Unknown tag, subject or shoot names raise ``NotFoundError``.  The answer
    says whether more lines matched than ``limit`` (``Hits.truncated``).

    On a project's read session that has not started a transaction yet the
    index is first brought up to date (committed); in any case segments not yet
    indexed are matched directly, so the answer is always current.
    """
    parsed = chinese.parse_query(query)
    if parsed is None or limit <= 0:
        return Hits(limit=limit)
    project = session.info.get("project")
    if project is not None and not session.in_transaction():
        try:
            project.memoized(("docmanager.search.refresh",), lambda: refresh_index(project))
        except Exception:  # a read-only or busy catalogue: search it as it is
            log.warning("could not bring the search index up to date; lines not indexed yet are "
                        "searched directly", exc_info=True)
    conn = session.connection()
    backend = backend_for(conn)
    if not backend.installed(conn):
        raise ProjectError("this catalogue has no search index; open it with this DocManager to upgrade it")
    if project is not None:
        project.memoized(("docmanager.search.glossary",), lambda: chinese.load_glossary(session))
    else:
        chinese.load_glossary(session)
    filters = _filters(session, lang, tag, subject, shoot, clip_id)

    pending = set(backend.pending_ids(conn))
    depth = limit + max(50, limit // 2)  # a margin for the exact-match bonus to reorder
    found = backend.candidates(conn, parsed.node, filters, depth + len(pending))
    scores: dict[int, float] = {seg_id: score for seg_id, score in found.scored if seg_id not in pending}
    if pending:
        node = chinese.all_of([parsed.node, *filters])
        scores.update(_match_pending(conn, node, sorted(pending)))
    if not scores:
        return Hits(limit=limit)
    hits = []
    for row in _hit_rows(conn, list(scores)):
        seg_id, clip, transcript_id, lang_, start_ms, end_ms, text, speaker = row
        text = text or ""
        exact = parsed.is_exact(text)
        score = scores[seg_id] + (EXACT_BONUS if exact else 0.0)
        hits.append(Hit(seg_id, clip, transcript_id, lang_, start_ms, end_ms, text, speaker, score, exact, parsed))
    hits.sort(key=lambda h: (-h.score, h.segment_id))
    # found.broad: more lines matched than were ranked (PROBE_LIMIT), so some are left out whatever the limit
    return Hits(hits[:limit], limit=limit, truncated=len(hits) > limit or found.broad)


def _hit_rows(conn: Connection, ids: list[int]) -> list[tuple]:
    """(segment id, clip id, transcript id, lang, start_ms, end_ms, text, speaker) of the given segments."""
    out: list[tuple] = []
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join(mark for _ in chunk)
        out.extend(conn.exec_driver_sql(
            "SELECT s.id, t.clip_id, t.id, t.lang, s.start_ms, s.end_ms, s.text, s.speaker "
            "FROM segments s JOIN transcripts t ON t.id = s.transcript_id "
            f"WHERE s.id IN ({marks})", tuple(chunk)).fetchall())
    return out


def _match_pending(conn: Connection, node: Node, ids: Sequence[int]) -> dict[int, float]:
    """Segments not indexed yet, matched in Python against the same expression."""
    if len(ids) > PENDING_WARN:
        log.warning("%d lines are not indexed yet; searching them directly is slow", len(ids))
    out: dict[int, float] = {}
    for start in range(0, len(ids), BATCH):
        for doc in _docs(conn, ids=ids[start:start + BATCH]):
            analysis = chinese.analyse(doc.text, doc.lang)
            analysis.fields["meta"] = [(tok, 0, 0) for tok in doc.meta]
            spans = chinese.match_spans(node, analysis)
            if spans is not None:
                covered = sum(e - s for s, e in spans)
                out[doc.segment_id] = 1.0 + covered / max(1, len(doc.text))
    return out


def search_project(project: "Project", query: str, **filters) -> Hits:
    """``search`` in a fresh read session of ``project`` (the index refreshed first)."""
    with project.session() as session:
        hits = search(session, query, **filters)
        for hit in hits:
            _ = hit.spans  # worked out while the text is at hand; hits outlive the session
        return hits
