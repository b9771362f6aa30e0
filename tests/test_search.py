"""Transcript search: Chinese and English queries, filters, an index that follows every edit,
ranking and highlights, on both back ends.

The catalogue is a real project (a SQLite file, and a team catalogue on the
test PostgreSQL server); its rows are added through the ORM models (and,
where the point is writes from outside, through raw SQL).  ``QUERY_TABLE``
lists queries with the segment ids they must find; every test that takes a
catalogue runs on SQLite (FTS5) and on PostgreSQL (tsvector), and
``test_both_back_ends_give_the_same_ranked_answers`` holds the two side by side.
"""
from __future__ import annotations

import importlib.util
import threading
import time

import pytest

from docmanager.db import schema
from docmanager.db.models import Clip, ClipSubject, Segment, SegmentTag, Shoot, Subject, Tag, Transcript
from docmanager.errors import NotFoundError
from docmanager.project import Project
from docmanager.transcripts import chinese
from docmanager.transcripts import search as search_module
from docmanager.transcripts import search_pg
from docmanager.transcripts.search import (Fts5Backend, backend_for, pending_count, rebuild_index, search,
                                           search_project, sync_index)

BOTH_BACKENDS = True  # tests taking ``film``, ``project`` or ``backend`` run on SQLite and PostgreSQL
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

# ------------------------------------------------------------------ the catalogue
# clip 1: shoot "Taiyuan 2010", subject Liu Jingjun; transcript 1 (zh) and its translation 2 (en)
# clip 2: shoot "Beijing 2012", subject Wang Fang; transcript 3 (zh-Hant, traditional) and translation 4 (en)
SEGMENTS = [
    # id, transcript, text, tags
    (101, 1, "刘静军说他的儿子在太原火车站被人拐走了", []),
    (102, 1, "警察说太晚了才报案", []),
    (103, 1, "他说女儿的火车票丢了", []),
    (201, 2, "Liu Jingjun said his son was taken at Taiyuan railway station.", []),
    (202, 2, "Police said the kidnapping was reported too late.", ["police"]),
    (203, 2, "Too late, the police reported it.", []),
    (301, 3, "我們在北京找了十年", ["reunion"]),
    (302, 3, "劉老師不在家", []),
    (401, 4, "We searched Beijing for ten years.", []),
    (402, 4, "Mr Liu is not at home.", []),
    (104, 1, "他还活着", []),
    (303, 3, "她說孩子們都還活著", []),
]

# (query, filters, the segment ids it finds)
QUERY_TABLE = [
    # Chinese: one or two characters, longer strings, traditional and simplified alike
    ("太原", {}, {101}),
    ("刘", {}, {101, 302}),
    ("劉靜軍", {}, {101}),
    ("刘静军", {}, {101}),
    ("火车", {}, {101, 103}),
    ("火车站", {}, {101}),
    ("站被", {}, {101}),
    ("太原站", {}, set()),
    ("警察", {}, {102}),
    ("我们", {}, {301}),
    ("北京", {}, {301}),
    # 著 is also a simplified character (著名), which OpenCC keeps; as 着 (活著 = 活着) it folds to 着
    ("活著", {}, {104, 303}),
    ("活着", {}, {104, 303}),
    ("還活著", {}, {104, 303}),
    ("还活着", {}, {104, 303}),
    ("huozhe", {}, {104, 303}),
    # toneless pinyin finds Chinese (and the same word in English lines)
    ("taiyuan", {}, {101, 201}),
    ("liu jingjun", {}, {101, 201}),
    ("Liu Jingjun", {}, {101, 201}),
    ("liujingjun", {}, {101}),
    ("liu", {}, {101, 201, 302, 402}),
    ("beijing", {}, {301, 401}),
    ("Tàiyuán", {}, {101, 201}),
    ("nver", {}, {103}),
    ("nuer", {}, {103}),
    # English: stems, every word in any order, quoted phrases
    ("kidnapped", {}, {202}),
    ("police", {}, {202, 203}),
    ("POLICE", {}, {202, 203}),
    ("police said", {}, {202}),
    ("late police", {}, {202, 203}),
    ("reported too late", {}, {202, 203}),
    ('"reported too late"', {}, {202}),
    ("searching", {}, {401}),
    ("太原 police", {}, set()),
    # filters
    ("police", {"lang": "en"}, {202, 203}),
    ("police", {"lang": "zh"}, set()),
    ("刘", {"lang": "zh"}, {101, 302}),
    ("刘", {"lang": "zh-Hant"}, {302}),
    ("police", {"tag": "police"}, {202}),
    ("police", {"tag": "Police"}, {202}),
    ("北京", {"tag": "reunion"}, {301}),
    ("刘", {"subject": "Liu Jingjun"}, {101}),
    ("刘", {"subject": "劉靜軍"}, {101}),
    ("刘", {"subject": "liujingjun"}, {101}),
    ("刘", {"subject": "王芳"}, {302}),
    ("liu", {"subject": "Wang Fang", "lang": "en"}, {402}),
    ("police", {"shoot": "Taiyuan 2010"}, {202, 203}),
    ("beijing", {"shoot": "beijing 2012"}, {301, 401}),
    ("刘", {"clip_id": 2}, {302}),
    ("刘", {"clip_id": 1, "lang": "en"}, set()),
]


def _populate(session) -> None:
    taiyuan, beijing = Shoot(id=1, name="Taiyuan 2010"), Shoot(id=2, name="Beijing 2012")
    liu = Subject(id=1, name="Liu Jingjun", name_zh="刘静军", pinyin="Liú Jìngjūn", flags=[])
    wang = Subject(id=2, name="Wang Fang", name_zh="王芳", pinyin="Wang Fang", flags=[])
    tags = {"police": Tag(id=1, name="police"), "reunion": Tag(id=2, name="reunion")}
    session.add_all([taiyuan, beijing, liu, wang, *tags.values()])
    session.add_all([Clip(id=1, name="A001.MTS", shoot_id=1), Clip(id=2, name="B001.MTS", shoot_id=2)])
    session.flush()
    session.add_all([ClipSubject(clip_id=1, subject_id=1), ClipSubject(clip_id=2, subject_id=2)])
    session.add_all([
        Transcript(id=1, clip_id=1, lang="zh", kind="transcript"),
        Transcript(id=2, clip_id=1, lang="en", kind="translation", translation_of_id=1),
        Transcript(id=3, clip_id=2, lang="zh-Hant", kind="transcript"),
        Transcript(id=4, clip_id=2, lang="en", kind="translation", translation_of_id=3),
    ])
    session.flush()
    for position, (seg_id, transcript_id, text, _tags) in enumerate(SEGMENTS):
        session.add(Segment(id=seg_id, transcript_id=transcript_id, position=position, start_ms=position * 4000,
                            end_ms=position * 4000 + 3500, speaker="采访者" if transcript_id == 1 else None,
                            text=text))
    session.flush()
    for seg_id, _, _, seg_tags in SEGMENTS:
        for name in seg_tags:
            session.add(SegmentTag(segment_id=seg_id, tag_id=tags[name].id))


_ID_TABLES = ("shoots", "subjects", "tags", "clips", "transcripts", "segments")


def _restart_sequences(session) -> None:
    """After rows with given ids, PostgreSQL's next ids follow them (SQLite's already do)."""
    if session.get_bind().dialect.name == "postgresql":
        for table in _ID_TABLES:
            session.connection().exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def _make(path, db_url=None) -> Project:
    project = Project.create(path, db_url=db_url)
    project.write(_populate)
    project.write(_restart_sequences)
    return project


def _db_url(backend: str, request):
    return request.getfixturevalue("pg_server").create_database() if backend == "postgresql" else None


@pytest.fixture(scope="module", params=BACKENDS)
def shared(request, tmp_path_factory):
    """One catalogue per back end for the tests that only read."""
    project = _make(tmp_path_factory.mktemp("search") / "Film", _db_url(request.param, request))
    yield project
    project.close()


@pytest.fixture
def film(tmp_path, backend, request):
    """A catalogue of its own, for tests that change it."""
    project = _make(tmp_path / "Film", _db_url(backend, request))
    yield project
    project.close()


def ids(project: Project, query: str, **filters) -> set[int]:
    with project.session() as s:
        return {hit.segment_id for hit in search(s, query, **filters)}


def hits(project: Project, query: str, **filters):
    with project.session() as s:
        found = search(s, query, **filters)
        for hit in found:
            _ = hit.spans
        return found


# ------------------------------------------------------------------ the table
@pytest.mark.parametrize("query,filters,expected", QUERY_TABLE,
                         ids=[f"{q}|{','.join(f'{k}={v}' for k, v in f.items())}" for q, f, _ in QUERY_TABLE])
def test_query_table(shared, query, filters, expected):
    found = hits(shared, query, **filters)
    assert {hit.segment_id for hit in found} == expected
    exact = [hit.exact for hit in found]
    assert exact == sorted(exact, reverse=True)  # exact matches first


@pytest.mark.postgres
def test_both_back_ends_give_the_same_ranked_answers(tmp_path, pg_server):
    """The table's queries on a SQLite and a PostgreSQL catalogue: the same hits in the same order."""
    lite = _make(tmp_path / "Lite")
    team = _make(tmp_path / "Team", pg_server.create_database())
    try:
        for query, filters, _ in QUERY_TABLE:
            answers = [[(h.segment_id, h.exact, h.spans) for h in hits(p, query, **filters)] for p in (lite, team)]
            assert answers[0] == answers[1], (query, filters)
    finally:
        lite.close()
        team.close()


def test_the_writers_commit_indexed_its_lines(shared):
    with shared.session() as s:
        assert pending_count(s) == 0
        indexed = s.connection().exec_driver_sql("SELECT count(*) FROM search_index").scalar()
    assert indexed == len(SEGMENTS)


# ------------------------------------------------------------------ analysis
def test_chinese_tokens():
    tokens = chinese.tokens_for_index("劉靜軍說他的兒子在太原火車站被人拐走了", "zh-Hant")
    for expected in ["刘", "太", "太原", "原火", "火车", "taiyuanhuochezhan", "tai", "yuan", "liu", "jing", "jun"]:
        assert expected in tokens
    assert chinese.fold("劉靜軍ＡＢＣ") == "刘静军abc"
    assert chinese.is_cjk("刘") and chinese.is_cjk("𠀀") and not chinese.is_cjk("a") and not chinese.is_cjk("，")


def test_english_tokens_are_stemmed():
    assert chinese.tokens_for_index("Kidnapped! The kidnapping.", "en") == ["kidnap", "the"]
    assert chinese.tokens_for_query("kidnapped", "en") == ["kidnap"]
    assert set(chinese.tokens_for_query("liu jingjun", None)) >= {"liu", "jing", "jun", "jingjun", "liujingjun"}


def test_glossary_keeps_names_whole_and_fixes_their_reading(film):
    def add(s):
        s.add(Subject(name="Zeng Li", name_zh="曾丽", pinyin="Zēng Lì", flags=[]))
        s.add(Segment(id=501, transcript_id=1, position=99, text="曾丽一直在找她的孩子"))
    film.write(add)
    analysis = chinese.analyse("曾丽一直在找她的孩子", "zh")
    assert ("曾丽", 0, 2) in analysis.fields["cjk_words"]
    assert ("zeng", 0, 1) in analysis.fields["syllables"]  # not "ceng", the usual reading of 曾
    assert ids(film, "zeng li") == {501}
    assert ids(film, "曾丽") == {501}


def test_zhe_folds_to_simplified_except_where_it_is_zhu():
    assert chinese.fold("還活著，看著我") == chinese.fold("还活着，看着我") == "还活着,看着我"
    for word in ("著名", "显著", "顯著", "名著", "著作", "臭名昭著", "土著"):
        assert "著" in chinese.fold(word), word
    assert chinese.fold("顯著") == chinese.fold("显著")


# ------------------------------------------------------------------ staying in step
def test_edited_segment_is_found_by_its_new_text_only(film):
    assert ids(film, "kidnapped") == {202}

    def edit(s):
        s.get(Segment, 202).text = "Officers said the abduction was reported too late."
    film.write(edit)
    assert ids(film, "kidnapped") == set()
    assert ids(film, "abduction") == {202}
    assert ids(film, "officer") == {202}


def test_deleted_segment_disappears(film):
    film.write(lambda s: s.delete(s.get(Segment, 101)))
    assert ids(film, "太原") == set()
    assert ids(film, "taiyuan") == {201}


def test_raw_sql_writes_are_indexed_before_the_next_search(film):
    with film.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE segments SET text = '她在郑州火车站等了一夜' WHERE id = 103")
        conn.exec_driver_sql("DELETE FROM segments WHERE id = 302")
        conn.exec_driver_sql(
            "INSERT INTO segments (id, transcript_id, position, text, updated_at, version) "
            "VALUES (601, 2, 50, 'The reward poster was on every wall.', '2026-01-01 00:00:00', 1)")
    with film.session() as s:
        assert pending_count(s) == 3
    assert ids(film, "郑州") == {103}
    assert ids(film, "火车票") == set()
    assert ids(film, "刘") == {101}
    assert ids(film, "posters") == {601}
    with film.session() as s:
        assert pending_count(s) == 0


def test_lines_written_in_the_same_transaction_are_found(film):
    def write_then_search(s):
        s.add(Segment(id=602, transcript_id=1, position=60, text="他在太原的派出所报了警"))
        s.get(Segment, 101).text = "刘静军说他的儿子在大同被人拐走了"
        s.flush()
        return {hit.segment_id for hit in search(s, "太原")}, {hit.segment_id for hit in search(s, "大同")}

    in_transaction = film.write(write_then_search)
    assert in_transaction == ({602}, {101})
    assert ids(film, "太原") == {602}


def test_filters_follow_changes_to_clips_tags_and_transcripts(film):
    def change(s):
        s.add(ClipSubject(clip_id=1, subject_id=2))  # Wang Fang is in clip 1 too now
        s.get(Clip, 2).shoot_id = 1  # clip 2 was filmed on the Taiyuan shoot after all
        s.add(SegmentTag(segment_id=203, tag_id=1))
        s.execute(SegmentTag.__table__.delete().where(SegmentTag.segment_id == 301))
        s.get(Transcript, 3).lang = "zh-Hans"
    film.write(change)
    assert ids(film, "太原", subject="Wang Fang") == {101}
    assert ids(film, "beijing", shoot="Taiyuan 2010") == {301, 401}
    assert ids(film, "police", tag="police") == {202, 203}
    assert ids(film, "北京", tag="reunion") == set()
    assert ids(film, "刘", lang="zh-Hant") == set()
    assert ids(film, "刘", lang="zh-Hans") == {302}


def test_deleting_a_clip_removes_its_lines(film):
    film.write(lambda s: s.delete(s.get(Clip, 2)))
    assert ids(film, "刘") == {101}
    assert ids(film, "beijing") == set()


def test_lost_triggers_are_put_back_and_everything_reindexed(film, backend):
    drop = ("DROP TRIGGER search_segments_au" if backend == "sqlite"  # as a table rebuild in a migration would
            else "DROP TRIGGER search_segments_au ON segments")
    with film.engine.begin() as conn:
        conn.exec_driver_sql(drop)
        conn.exec_driver_sql("UPDATE segments SET text = '警察来得太晚了' WHERE id = 102")
    with film.session() as s:
        assert not backend_for(s).tracking_complete(s.connection())
    assert film.write(sync_index) == len(SEGMENTS)
    with film.session() as s:
        assert backend_for(s).tracking_complete(s.connection())
    assert ids(film, "来得") == {102}
    assert ids(film, "报案") == set()


def test_rebuild_gives_the_same_answers(film):
    before = {q: ids(film, q, **f) for q, f, _ in QUERY_TABLE[:12]}
    assert film.write(rebuild_index) == len(SEGMENTS)
    assert {q: ids(film, q, **f) for q, f, _ in QUERY_TABLE[:12]} == before


def test_an_index_made_by_an_earlier_analysis_is_made_again_when_opened(film, monkeypatch):
    """Lines indexed before 著 folded to 着 carry no analysis token: they are all indexed again."""
    with monkeypatch.context() as old:
        old.setattr(chinese, "_fold_zhe", lambda text: text)
        old.setattr(search_module, "ANALYSIS_TOKEN", "a1")
        film.write(rebuild_index)
        assert ids(film, "活着") == {104}
        with film.session() as s:
            assert pending_count(s) == 0
    again = Project.open(film.root)
    try:
        with again.session() as s:
            assert not backend_for(s).analysis_current(s.connection())
        assert ids(again, "活着") == {104, 303}
        assert ids(again, "刘") == {101, 302}
        with again.session() as s:
            assert pending_count(s) == 0
            assert backend_for(s).analysis_current(s.connection())
    finally:
        again.close()


def _migration(name: str):
    path = schema.MIGRATIONS / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"migration_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_creates_what_the_search_module_repairs():
    module = _migration("0005_search_index")
    backend = Fts5Backend()
    assert module.TRIGGERS == backend.triggers
    assert module.CREATE_INDEX == backend.CREATE_INDEX
    assert module.CREATE_DIRTY == backend.CREATE_DIRTY


def test_the_postgresql_back_end_module_can_be_imported_first():
    import subprocess
    import sys

    code = ("import docmanager.transcripts.search_pg as pg, docmanager.transcripts.search as s\n"
            "assert isinstance(s._BACKENDS.get('postgresql') or pg.PgBackend(), s.SearchBackend)\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=schema.MIGRATIONS.parents[2])


def test_postgresql_migration_creates_what_the_search_module_repairs():
    module = _migration("0009_search_index_pg")
    backend = search_pg.PgBackend()
    assert module.TRIGGERS == backend.triggers
    assert module.FUNCTIONS == backend.functions
    assert set(module.TRIGGERS) == set(Fts5Backend().triggers)  # the same events as on SQLite
    assert (module.CREATE_INDEX, module.CREATE_GIN, module.CREATE_DIRTY) == (
        search_pg.CREATE_INDEX, search_pg.CREATE_GIN, search_pg.CREATE_DIRTY)
    notify = _migration("0008_change_notify").notify_trigger_sql
    assert all(notify(t) == search_pg.notify_trigger_sql(t) for t in ("search_index", "search_dirty"))


# ------------------------------------------------------------------ ranking and hits
def test_exact_phrase_ranks_first(film):
    film.write(lambda s: s.add(Segment(id=603, transcript_id=2, position=70, text="Late, too: reported.")))
    found = hits(film, "reported too late")
    assert {h.segment_id for h in found} == {202, 203, 603}
    assert found[0].segment_id == 202 and found[0].exact
    assert not any(h.exact for h in found[1:])


def test_whole_word_match_ranks_before_a_stem_match(film):
    film.write(lambda s: s.add(Segment(id=604, transcript_id=2, position=71, text="Policing the station.")))
    found = hits(film, "police")
    assert {h.segment_id for h in found} == {202, 203, 604}
    assert found[-1].segment_id == 604


def test_broad_queries_rank_the_newest_matches_and_every_exact_one(film, monkeypatch):
    """Past PROBE_LIMIT matches only the newest are ranked, plus the newest whole-phrase matches."""
    monkeypatch.setattr(search_module, "PROBE_LIMIT", 2)
    film.write(lambda s: s.add_all([
        Segment(id=603, transcript_id=2, position=70, text="Late, too: reported."),
        Segment(id=604, transcript_id=2, position=71, text="It was too late; nobody reported it."),
    ]))
    found = hits(film, "reported too late")
    assert [h.segment_id for h in found][0] == 202  # the exact phrase, oldest of the four
    assert {h.segment_id for h in found} == {202, 603, 604}  # 203 is neither new nor exact
    assert ids(film, "刘") == {101, 302}


def test_highlights_cover_the_matched_text(shared):
    def marked(query, seg_id, **filters):
        hit = next(h for h in hits(shared, query, **filters) if h.segment_id == seg_id)
        return [hit.text[s:e] for s, e in hit.spans]

    assert marked("太原", 101) == ["太原"]
    assert marked("劉靜軍", 101) == ["刘静军"]
    assert marked("我们", 301) == ["我們"]
    assert marked("刘", 302) == ["劉"]
    assert marked("taiyuan", 101) == ["太原"]
    assert marked("taiyuan", 201) == ["Taiyuan"]
    assert marked("liu jingjun", 101) == ["刘静军"]
    assert marked("kidnapped", 202) == ["kidnapping"]
    assert marked("late police", 202) == ["Police", "late"]
    assert marked("reported too late", 202) == ["reported too late"]
    hit = next(h for h in hits(shared, "太原") if h.segment_id == 101)
    assert hit.snippet_html() == "刘静军说他的儿子在<b>太原</b>火车站被人拐走了"
    assert hit.snippet_html(width=6) == "…子在<b>太原</b>火车…"


def test_hit_carries_where_and_what(shared):
    hit = hits(shared, "kidnapped")[0]
    assert (hit.segment_id, hit.clip_id, hit.transcript_id, hit.lang) == (202, 1, 2, "en")
    assert (hit.start_ms, hit.end_ms, hit.start, hit.end) == (16000, 19500, 16.0, 19.5)
    out = hit.as_json()
    assert {"segment_id", "clip_id", "lang", "start", "end", "text"} <= set(out)
    assert out["highlights"] == [[16, 26]]
    assert hits(shared, "太原")[0].speaker == "采访者"


def test_unknown_filter_names_are_refused(shared):
    with shared.session() as s:
        for filters in ({"subject": "Nobody"}, {"tag": "nothing"}, {"shoot": "Nowhere"}):
            with pytest.raises(NotFoundError):
                search(s, "刘", **filters)


def test_empty_queries_find_nothing(shared):
    assert ids(shared, "") == set()
    assert ids(shared, "  ，。!? ") == set()


def test_catalogue_without_the_index_is_upgraded_on_open(tmp_path, backend, request):
    """An older catalogue gets the index on open; its lines are indexed on the first search."""
    from alembic import command

    project = _make(tmp_path / "Old", _db_url(backend, request))
    with project.engine.begin() as conn:
        cfg = schema.alembic_config()
        cfg.attributes["connection"] = conn
        if backend == "sqlite":
            command.downgrade(cfg, "0004")
            conn.exec_driver_sql("PRAGMA user_version = 4")
        else:
            command.downgrade(cfg, "0008")
    project.close()
    again = Project.open(tmp_path / "Old")
    try:
        with again.session() as s:
            assert pending_count(s) == len(SEGMENTS)
        assert ids(again, "劉靜軍") == {101}
        with again.session() as s:
            assert pending_count(s) == 0
    finally:
        again.close()


def test_a_line_is_found_by_its_speaker(project):
    """"刘静军：我儿子…" keeps 刘静军 as the speaker; searching the name still finds the line."""
    from docmanager.db.models import Segment, Transcript
    from docmanager.transcripts.search import search
    from tests.factories import add_plain_clip

    clip = add_plain_clip(project, "speaker")

    def _add(s):
        t = Transcript(clip_id=clip, lang="zh", kind="transcript")
        s.add(t)
        s.flush()
        s.add(Segment(transcript_id=t.id, position=0, start_ms=0, end_ms=1000, speaker="刘静军",
                      text="我儿子是在太原丢的。"))
    project.write(_add)
    with project.session() as s:
        for query in ("刘", "劉靜軍", "liu jingjun", "太原"):
            assert [h.text for h in search(s, query)] == ["我儿子是在太原丢的。"], query


def test_words_of_any_script_and_length(film, backend):
    """Tokens stay whole on every back end: digits, accents, Cyrillic, kana, and a word too long for a lexeme."""
    long_word = "z" * 700 + "q"
    text = f"Café 2010, Привет, ありがとう; it's co-operate: A1 {long_word}."
    film.write(lambda s: s.add(Segment(id=701, transcript_id=2, position=80, text=text)))
    for query in ("cafe", "café", "2010", "привет", "ありがとう", "co-operate", "operate", "a1", "it's", long_word):
        assert ids(film, query) == {701}, query
    assert ids(film, "z" * 700) == set()
    assert ids(film, "a") == set()
    if backend == "postgresql":
        # every token of the analysis is one lexeme of the row, byte for byte (long ones cut alike)
        fields = chinese.index_fields(text, "en")
        fields["meta"] = f"len c1 s1 p1 {search_module.ANALYSIS_TOKEN}"
        expected = {search_pg.lexeme(f, tok) for f, toks in fields.items() for tok in toks.split()}
        with film.session() as s:
            stored = set(s.connection().exec_driver_sql(
                "SELECT tsvector_to_array(doc) FROM search_index WHERE segment_id = 701").scalar())
        assert stored == expected


def test_search_through_the_cli(project_dir, cli):
    project = Project.open(project_dir)
    project.write(_populate)
    project.write(_restart_sequences)
    project.close()
    r = cli("--project", project_dir, "search", "劉靜軍", "--json")
    assert r.status == 0, r.out + r.err
    assert [h["segment_id"] for h in r.json["hits"]] == [101]
    r = cli("--project", project_dir, "search", "police", "--lang", "en", "--tag", "police", "--json")
    assert [h["segment_id"] for h in r.json["hits"]] == [202]
    r = cli("--project", project_dir, "search", "liu jingjun", "--shoot", "Taiyuan 2010", "--json")
    assert {h["segment_id"] for h in r.json["hits"]} == {101, 201}
    assert cli("--project", project_dir, "search", "太原站", "--json").json["hits"] == []


def test_a_search_says_when_it_stopped_at_its_limit(shared):
    with shared.session() as s:
        cut = search(s, "police", limit=1)
        whole = search(s, "police")
        nothing = search(s, "太原站", limit=1)
    assert len(cut) == 1 and cut.truncated and cut.limit == 1
    assert {h.segment_id for h in whole} == {202, 203} and not whole.truncated and whole.limit == 200
    assert list(nothing) == [] and not nothing.truncated


def test_the_cli_says_when_a_search_stopped_at_its_limit(project_dir, cli):
    project = Project.open(project_dir)
    project.write(_populate)
    project.write(_restart_sequences)
    project.close()
    r = cli("--project", project_dir, "search", "police", "--limit", "1", "--json")
    assert r.status == 0, r.out + r.err
    assert len(r.json["hits"]) == 1 and r.json["truncated"] is True and r.json["limit"] == 1
    r = cli("--project", project_dir, "search", "police", "--json")
    assert len(r.json["hits"]) == 2 and r.json["truncated"] is False and r.json["limit"] == 200
    text = cli("--project", project_dir, "search", "police", "--limit", "1").out
    assert "first 1" in text and "--limit" in text
    assert "--limit" not in cli("--project", project_dir, "search", "police").out


@pytest.mark.postgres
def test_an_edit_made_while_its_line_is_indexed_is_indexed_again(tmp_path, pg_server):
    """PostgreSQL: an indexer claims its lines; an edit meanwhile waits for it and marks the line again."""
    film = _make(tmp_path / "Film", pg_server.create_database())
    backend = search_pg.PgBackend()
    with film.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE segments SET text = '警察说太晚了' WHERE id = 102")
    edited = threading.Event()

    def edit() -> None:
        with film.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE segments SET text = '警察来得太晚了' WHERE id = 102")
        edited.set()

    editor = threading.Thread(target=edit)
    try:
        with film.engine.connect() as indexer, film.engine.connect() as other:
            with indexer.begin():
                assert backend.pending_ids(indexer, 10, claim=True) == [102]
                with other.begin():
                    assert backend.pending_ids(other, 10, claim=True) == []  # claimed: passed over
                    assert backend.pending_ids(other) == [102]  # but still pending
                rows = [search_module._index_row(doc) for doc in search_module._docs(indexer, ids=[102])]
                editor.start()
                time.sleep(0.5)
                assert not edited.is_set()  # the edit's mark waits for the indexer
                backend.write(indexer, [102], rows)
    finally:
        editor.join(30)
    assert edited.is_set()
    with film.session() as s:
        assert backend.pending_ids(s.connection()) == [102]
    assert ids(film, "来得") == {102}
    assert ids(film, "说太") == set()
    film.close()


@pytest.mark.postgres
def test_the_probe_gives_the_newest_matches_whatever_its_plan(tmp_path, pg_server):
    """PgBackend.probe (a bounded walk down the primary key, then the rest) = the one-statement probe."""
    film = _make(tmp_path / "Film", pg_server.create_database())
    film.write(lambda s: s.add_all([Segment(id=1000 + i, transcript_id=1 + i % 2, position=100 + i,
                                            text="他的儿子" if i % 2 == 0 else "The police station.")
                                    for i in range(60)]))
    ids(film, "的")  # indexed
    backend = search_pg.PgBackend()
    with film.session() as s:
        conn = s.connection()
        conn.exec_driver_sql("ANALYZE search_index")
        for query in ("刘", "的", "儿子", "police", "警察", "nothing"):
            for lang in (None, "zh", "en"):
                filters = [chinese.Phrase("meta", (f"l{lang}",))] if lang else []
                tsquery = backend.render(chinese.all_of([chinese.without_bonus(chinese.parse_query(query).node),
                                                         *filters]))
                for limit in (1, 2, 3, 7, 40, 100):
                    plain = [r[0] for r in conn.exec_driver_sql(
                        "SELECT segment_id FROM search_index WHERE doc @@ %s::tsquery "
                        "ORDER BY segment_id DESC LIMIT %s", (tsquery, limit))]
                    assert backend.probe(conn, tsquery, limit) == plain, (query, lang, limit)
                    # and with the walk forced, whatever the statistics say
                    conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
                    assert backend.probe(conn, tsquery, limit) == plain, (query, lang, limit, "walk")
                    conn.exec_driver_sql("RESET enable_bitmapscan")
    film.close()


@pytest.mark.postgres
def test_a_search_text_with_quotes_backslashes_and_percent_signs_is_only_text(pg_url, tmp_path, cli):
    """The probe writes the query into its SQL (for a plan made for its words): quoting must hold."""
    r = cli("init", tmp_path / "P", "--db", pg_url, "--json")
    assert r.status == 0, r.out + r.err
    for text in ("it's", "a\\'b", "100%", "'); DROP TABLE clips; --", "%s %(x)s", "\\"):
        r = cli("--project", tmp_path / "P", "search", text, "--json")
        assert r.status in (0, 2), (text, r.out, r.err)
    r = cli("--project", tmp_path / "P", "clips", "--json")
    assert r.status == 0  # the catalogue is intact
