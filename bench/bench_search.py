"""Benchmark: transcript search over a million lines.

    .venv/bin/python bench/bench_search.py [--segments 1000000] [--queries 60] [--keep]

Generates a project whose clips carry a Mandarin transcript and its English
translation (half the lines each), sentences built from a few hundred common
words, place names and personal names; inserted with ``executemany``.  Then:

* builds the index (``rebuild_index``): lines per second and the catalogue's
  size on disk and the share of it the index takes;
* for each kind of query (one Chinese character, two Chinese characters,
  toneless pinyin, English words; then two with a filter) runs many different
  queries through ``search`` (limit 200, ranked) and, as the baseline measured
  in the same run, a plain ``SELECT ... WHERE text LIKE '%q%'`` scan of the
  same table (all matching rows, and the first 200; joined like the filter);
* prints median and p95 for each, their ratio, and whether p95 meets the
  30 ms goal.  Highlights are worked out when a view asks for them; their cost
  for a screenful (50 hits) is shown separately.

The LIKE baseline cannot fold traditional characters or read pinyin, so for
pinyin queries it finds nothing (it is timed all the same: it is the cost of
looking).  ``--segments 100000`` makes a quick run.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docmanager.project import CATALOGUE_FILE, Project  # noqa: E402

GOAL_MS = 30.0
LINES_PER_TRANSCRIPT = 200

SURNAMES = list("刘张王李陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = ("静军 秀英 伟 芳 娜 敏 强 磊 洋 艳 勇 军 杰 娟 涛 明 超 霞 平 刚 建华 国强 丽 小红 志刚 海燕 桂英 玉兰 "
         "建国 淑珍 红梅 文 斌 宇 浩 凯 鹏 婷 雪").split()
PLACES = ("太原 北京 上海 深圳 广州 成都 重庆 郑州 昆明 西安 武汉 贵阳 兰州 长沙 南宁 石家庄 哈尔滨 沈阳 "
          "大同 运城 临汾 晋中 忻州 长治 山西 河南 四川 云南 贵州 广东 湖北 甘肃 河北 东莞").split()
SPOTS = ("火车站 汽车站 派出所 公安局 医院 学校 幼儿园 菜市场 超市 广场 工厂 工地 村口 家门口 路口 "
         "电视台 报社 法院 网吧 宾馆 饭店 公园 大街 小区 老家").split()
PEOPLE = ("儿子 女儿 孩子 妈妈 爸爸 奶奶 爷爷 妻子 丈夫 警察 记者 志愿者 老师 邻居 司机 人贩子 "
          "医生 律师 老板 亲戚 同学 朋友 村长 民警 家长").split()
VERBS = ("说 找 寻找 拐走 报警 打电话 等 哭 看见 记得 发现 告诉 知道 相信 回来 离开 失踪 丢了 "
         "贴 发 问 跑 坐 买 卖 抓住 认出 见到 联系 登记 采血 比对 悬赏 等待 坚持 放弃 希望").split()
NOUNS = ("照片 寻人启事 电话 消息 线索 钱 悬赏 数据库 DNA 血样 网站 微博 短信 信 报纸 电视 "
         "名字 样子 衣服 书包 玩具 自行车 火车票 身份证 户口 档案 记录 地址 号码 时间 事情 希望 "
         "眼泪 梦 心 家 年 天 晚上 早上 下午 那天 那年 以后 以前 现在 十年 二十年").split()
FILLER = ("我 我们 他 她 他们 的 了 是 在 也 都 就 还 又 没有 不 很 一直 已经 每天 一个 这个 那个 "
          "什么 怎么 为什么 因为 所以 但是 可是 如果 一定 真的 好像 突然 终于 到处 一起 自己").split()

EN_NAMES = "Liu Zhang Wang Li Chen Yang Zhao Huang Zhou Wu Jingjun Xiuying Wei Fang Min Qiang".split()
EN_PLACES = ("Taiyuan Beijing Shanghai Shenzhen Guangzhou Chengdu Chongqing Zhengzhou Kunming Xi'an Wuhan "
             "Guiyang Lanzhou Changsha Datong Shanxi Henan Sichuan Yunnan Guangdong").split()
EN_WORDS = (
    "police officer station train bus hospital school market square factory village street home "
    "son daughter child children mother father grandmother grandfather wife husband journalist volunteer "
    "teacher neighbour driver trafficker doctor lawyer boss relative friend parents family "
    "said says told tell asked ask looked look searched search found find lost kidnapped kidnapping "
    "kidnapper reported report called call waited wait cried remember remembered saw see believe "
    "came come left leave disappeared missing ran run bought sold caught recognised met registered "
    "blood sample database DNA match reward poster posters photo photos phone message messages clue "
    "clues money website newspaper television name face clothes schoolbag toy bicycle ticket "
    "identity card record address number time years year day night morning afternoon evening "
    "too late early never always still again every everywhere together finally suddenly really "
    "the a an and but because so if when then after before since until while with without from to "
    "in on at by of for about into over under near far away back home alone "
    "he she they we I you it his her their our my your this that these those there here "
    "was were is are had has have been did do does could would should will can may must not no "
    "hope hoped hoping give gave up keep kept going went gone years later long ago first last "
    "small big young old new same other only just also very much many more most little "
    "heart tears dream letter letters hotline case cases file files evidence witness witnesses "
    "court judge trial sentence prison arrested arrest investigation investigated detective").split()

ONE_CHAR = list("刘太原警儿钱车站找哭照信血梦家心张王李陈北京山火医学拐丢等")
TWO_CHAR = ("太原 警察 儿子 火车 车站 寻找 拐走 报警 照片 线索 悬赏 女儿 孩子 北京 山西 公安 派出 "
            "失踪 记者 血样 比对 采血 家长 消息 希望 眼泪 电话 十年 那天 静军 "
            "劉靜 兒子 車站 報警").split()
PINYIN = ["taiyuan", "jingcha", "erzi", "huochezhan", "xunzhao", "guaizou", "baojing", "zhaopian", "xiansuo",
          "xuanshang", "nver", "haizi", "beijing", "shanxi", "gongan", "paichusuo", "shizong", "jizhe",
          "xueyang", "bidui", "jingjun", "xiuying", "datong", "yuncheng", "chongqing", "kunming",
          "liu jingjun", "tai yuan", "huo che", "bei jing", "xun zhao", "wang wei"]
ENGLISH = ["police", "kidnapped", "kidnapping", "trafficker", "reward", "poster", "hospital", "station",
           "daughter", "database", "witness", "evidence", "detective", "bicycle", "schoolbag", "newspaper",
           "volunteer", "taiyuan", "beijing", "train station", "too late", "police station", "blood sample",
           "reward poster", "missing son", "reported too late", "searched everywhere", "DNA match",
           "the police", "mother searched"]


def chinese_sentence(rnd: random.Random, spoken: bool = False) -> str:
    """A Mandarin interview line; ``spoken`` adds the particles of speech (我 at the start, 了 after verbs,
    我的/他的 before people, 的 after places, 是/就是 between phrases) and, rarely, the word 悬赏金."""
    name = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
    pieces = [rnd.choice([name, "我", rnd.choice(FILLER), rnd.choice(PEOPLE)] if spoken else
                         [name, rnd.choice(FILLER), rnd.choice(PEOPLE)])]
    for _ in range(rnd.randrange(3, 9)):
        kind = rnd.random()
        if kind < 0.25:
            pieces.append(rnd.choice(FILLER))
        elif kind < 0.45:
            pieces.append(rnd.choice(VERBS))
            if spoken and rnd.random() < 0.25:
                pieces.append("了")
        elif kind < 0.6:
            pieces.append(rnd.choice(NOUNS))
        elif kind < 0.72:
            if spoken and rnd.random() < 0.3:
                pieces.append(rnd.choice(["我", "他", "她", "我们"]) + "的")
            pieces.append(rnd.choice(PEOPLE))
        elif kind < 0.85:
            pieces.append(rnd.choice(PLACES) + (rnd.choice(SPOTS) if rnd.random() < 0.5 else ""))
            if spoken and rnd.random() < 0.2:
                pieces.append("的")
        elif kind < 0.92:
            pieces.append(rnd.choice(SURNAMES) + rnd.choice(GIVEN))
        else:
            pieces.append(rnd.choice(["是", "就是", "不是", "，", "，"]) if spoken else rnd.choice("，，，。？！"))
    if spoken and rnd.random() < 0.0015:
        pieces.insert(rnd.randrange(1, len(pieces) + 1), "悬赏金")
    return "".join(pieces) + rnd.choice("。。。？！…")


def english_sentence(rnd: random.Random) -> str:
    words = []
    for _ in range(rnd.randrange(6, 17)):
        r = rnd.random()
        if r < 0.08:
            words.append(rnd.choice(EN_NAMES))
        elif r < 0.14:
            words.append(rnd.choice(EN_PLACES))
        else:
            words.append(rnd.choice(EN_WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rnd.choice("...?!")


def generate(root: Path, segments: int, seed: int = 11) -> None:
    """A project with ``segments`` lines: per clip a zh transcript and its en translation."""
    rnd = random.Random(seed)
    Project.create(root, name=f"Search bench {segments}").close()
    con = sqlite3.connect(root / CATALOGUE_FILE)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    subjects = []
    for i in range(60):
        zh = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
        subjects.append((i + 1, f"Subject {i + 1}", zh, None))
    subjects[0] = (1, "Liu Jingjun", "刘静军", "Liu Jingjun")
    con.executemany("INSERT INTO subjects (id, name, name_zh, pinyin, flags, added_at, version) "
                    "VALUES (?, ?, ?, ?, '[]', '2026-01-01 00:00:00', 1)", subjects)
    shoots = [(i + 1, f"Shoot {i + 1}") for i in range(100)]
    con.executemany("INSERT INTO shoots (id, name, added_at, version) VALUES (?, ?, '2026-01-01 00:00:00', 1)",
                    shoots)
    tags = ["interview", "police", "reward", "reunion", "train station", "tears", "DNA", "letter"]
    con.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", list(enumerate(tags, 1)))
    clips = max(1, segments // (2 * LINES_PER_TRANSCRIPT))
    con.executemany(
        "INSERT INTO clips (id, name, rate_num, rate_den, duration_frames, shoot_id, rating, added_at, "
        "updated_at, version) VALUES (?, ?, 25, 1, 90000, ?, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
        [(c, f"C{c:05d}.MTS", rnd.randrange(1, 101)) for c in range(1, clips + 1)])
    con.executemany("INSERT OR IGNORE INTO clip_subjects (clip_id, subject_id) VALUES (?, ?)",
                    [(c, rnd.randrange(1, 61)) for c in range(1, clips + 1) for _ in range(rnd.randrange(1, 3))])
    transcripts = []
    for c in range(1, clips + 1):
        transcripts.append((2 * c - 1, c, "zh", "transcript", None))
        transcripts.append((2 * c, c, "en", "translation", 2 * c - 1))
    con.executemany("INSERT INTO transcripts (id, clip_id, lang, kind, translation_of_id, imported_at, updated_at, "
                    "version) VALUES (?, ?, ?, ?, ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)", transcripts)
    seg_id = 0
    batch: list[tuple] = []
    tag_rows: list[tuple] = []
    per_clip = segments // clips
    for c in range(1, clips + 1):
        half = per_clip // 2 if c < clips else (segments - seg_id) // 2
        other = (per_clip - half) if c < clips else (segments - seg_id - half)
        zh_ids = []
        for position in range(half):
            seg_id += 1
            zh_ids.append(seg_id)
            start = position * 4000
            batch.append((seg_id, 2 * c - 1, position, start, start + 3500, chinese_sentence(rnd), None))
        for position in range(other):
            seg_id += 1
            start = position * 4000
            batch.append((seg_id, 2 * c, position, start, start + 3500, english_sentence(rnd),
                          zh_ids[position] if position < len(zh_ids) else None))
            if rnd.random() < 0.03:
                tag_rows.append((seg_id, rnd.randrange(1, len(tags) + 1)))
        if len(batch) >= 50_000:
            _insert_segments(con, batch)
            batch.clear()
    _insert_segments(con, batch)
    con.executemany("INSERT OR IGNORE INTO segment_tags (segment_id, tag_id) VALUES (?, ?)", tag_rows)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _insert_segments(con: sqlite3.Connection, rows: list[tuple]) -> None:
    con.executemany("INSERT INTO segments (id, transcript_id, position, start_ms, end_ms, text, translates_id, "
                    "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01 00:00:00', 1)", rows)


def catalogue_bytes(root: Path) -> int:
    return sum(f.stat().st_size for f in root.glob(CATALOGUE_FILE + "*") if f.is_file())


def index_bytes(catalogue: Path) -> "int | None":
    """Bytes of the catalogue taken by the search index (its tables), if SQLite has ``dbstat``."""
    con = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
    try:
        return con.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search~_%' ESCAPE '~'").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        con.close()


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


# The baseline's SQL for each filter: the same rows a plain scan would have to join.
LIKE_FILTERS = {
    None: ("SELECT s.id, s.text FROM segments s WHERE s.text LIKE ?", ()),
    "lang": ("SELECT s.id, s.text FROM segments s JOIN transcripts t ON t.id = s.transcript_id "
             "WHERE t.lang = ? AND s.text LIKE ?", ("zh",)),
    "subject": ("SELECT s.id, s.text FROM segments s JOIN transcripts t ON t.id = s.transcript_id "
                "JOIN clip_subjects cs ON cs.clip_id = t.clip_id WHERE cs.subject_id = ? AND s.text LIKE ?", (1,)),
}


def like_baseline(catalogue: Path, queries: list[str], limit: "int | None", kind: "str | None") -> list[float]:
    sql, params = LIKE_FILTERS[kind]
    if limit:
        sql += f" LIMIT {limit}"
    con = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
    times = []
    for q in queries:
        t = time.perf_counter()
        con.execute(sql, (*params, f"%{q}%")).fetchall()
        times.append(time.perf_counter() - t)
    con.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--segments", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=60, help="queries of each kind (cycling through the lists)")
    ap.add_argument("--keep", action="store_true", help="reuse bench/out/search-N (generated and indexed) if present")
    args = ap.parse_args()

    from docmanager.transcripts.search import pending_count, rebuild_index, search

    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir / f"search-{args.segments}"
    catalogue = root / CATALOGUE_FILE
    fresh = not (args.keep and root.exists())
    if fresh:
        if root.exists():
            shutil.rmtree(root)
        t = time.perf_counter()
        generate(root, args.segments)
        print(f"generated {args.segments:,} lines in {time.perf_counter() - t:.1f} s", file=sys.stderr)

    project = Project.open(root, backup=False)
    build_s = None
    if fresh:
        t = time.perf_counter()
        indexed = project.write(rebuild_index)
        build_s = time.perf_counter() - t
        with project.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        print(f"indexed {indexed:,} lines in {build_s:.1f} s", file=sys.stderr)
    size = catalogue_bytes(root)
    in_index = index_bytes(catalogue)
    with project.session() as s:
        assert pending_count(s) == 0

    # (label, queries, search filters, the baseline's filter)
    kinds = [
        ("1 Chinese character", ONE_CHAR, {}, None),
        ("2 Chinese characters", TWO_CHAR, {}, None),
        ("pinyin", PINYIN, {}, None),
        ("English", ENGLISH, {}, None),
        ("pinyin, --lang zh", PINYIN, {"lang": "zh"}, "lang"),
        ("1 char, --subject", ONE_CHAR, {"subject": "Liu Jingjun"}, "subject"),
    ]
    rnd = random.Random(5)
    results = {}
    for kind, pool, filters, like_kind in kinds:
        queries = [pool[i % len(pool)] for i in range(args.queries)]
        rnd.shuffle(queries)
        # one untimed round warms caches (the page cache, jieba, pypinyin), as in a running app
        with project.session() as s:
            search(s, queries[0], **filters)
        times, counts, spans_times = [], [], []
        for q in queries:
            with project.session() as s:
                t = time.perf_counter()
                hits = search(s, q, limit=200, **filters)
                times.append(time.perf_counter() - t)
                t = time.perf_counter()
                for hit in hits[:50]:
                    _ = hit.spans
                spans_times.append(time.perf_counter() - t)
            counts.append(len(hits))
        like_all = like_baseline(catalogue, queries, None, like_kind)
        like_200 = like_baseline(catalogue, queries, 200, like_kind)
        results[kind] = (times, like_all, like_200, spans_times, counts)
    project.close()

    print(f"\nTranscript search over {args.segments:,} lines (half Chinese, half English), "
          f"{os.cpu_count()} cores")
    if build_s is not None:
        print(f"index build: {args.segments / build_s:,.0f} lines/s ({build_s:.1f} s)")
    if in_index is not None:
        print(f"catalogue on disk: {size / 2**20:,.0f} MB, of which the search index {in_index / 2**20:,.0f} MB "
              f"({in_index / args.segments:,.0f} bytes a line)")
    else:
        print(f"catalogue on disk: {size / 2**20:,.0f} MB with the search index")
    print(f"{'query kind':<22}{'search p50':>11}{'p95':>8}{'LIKE all p95':>14}{'LIKE 200 p95':>14}"
          f"{'p95/LIKE all':>14}{'hits avg':>10}{'spans/50':>10}  goal p95 <= {GOAL_MS:.0f} ms")
    for kind, (times, like_all, like_200, spans_times, counts) in results.items():
        ok = "ok" if p95(times) * 1000 <= GOAL_MS else "MISSED"
        print(f"{kind:<22}{statistics.median(times) * 1000:9.1f}ms{p95(times) * 1000:6.1f}ms"
              f"{p95(like_all) * 1000:12.1f}ms{p95(like_200) * 1000:12.1f}ms"
              f"{p95(times) / p95(like_all):13.3f}x{statistics.mean(counts):10.0f}"
              f"{p95(spans_times) * 1000:8.1f}ms  {ok}")


if __name__ == "__main__":
    main()
