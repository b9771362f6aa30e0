"""Generate a large catalogue quickly (raw inserts into a migrated project).

    python bench/gen_catalogue.py DIR --clips 100000

Each clip gets 3 files, 1–2 subjects, a shoot and 0–3 tags, like a long
production's archive.  Used by the benchmarks and by tests of laziness.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docmanager.project import CATALOGUE_FILE, Project  # noqa: E402

SURNAMES = "刘 张 王 李 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗".split()
SURNAMES_PY = "Liu Zhang Wang Li Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Gao Lin Luo".split()
GIVEN = "静军 秀英 伟 芳 娜 敏 强 磊 洋 艳 勇 军 杰 娟 涛 明 超 霞 平 刚".split()
GIVEN_PY = "Jingjun Xiuying Wei Fang Na Min Qiang Lei Yang Yan Yong Jun Jie Juan Tao Ming Chao Xia Ping Gang".split()
PLACES = ["Taiyuan, Shanxi", "Beijing", "Shenzhen, Guangdong", "Chengdu, Sichuan", "Zhengzhou, Henan",
          "Kunming, Yunnan", "Xi'an, Shaanxi", "Wuhan, Hubei", "Guiyang, Guizhou", "Lanzhou, Gansu"]
TAGS = ["interview", "b-roll", "police", "DNA database", "reward", "poster", "archive photo", "hotline",
        "reunion", "train station", "school", "market", "night", "drone", "phone call", "letter",
        "hospital", "court", "tears", "silence"]


def generate(root: Path, clips: int, seed: int = 7) -> Path:
    rnd = random.Random(seed)
    Project.create(root, name=f"Bench {clips}").close()
    con = sqlite3.connect(root / CATALOGUE_FILE)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    subjects = []
    for i in range(max(20, clips // 500)):
        s, g = rnd.randrange(len(SURNAMES)), rnd.randrange(len(GIVEN))
        name = f"{SURNAMES_PY[s]} {GIVEN_PY[g]} {i}"
        subjects.append((i + 1, name, SURNAMES[s] + GIVEN[g], f"{SURNAMES_PY[s]} {GIVEN_PY[g]}".lower()))
    con.executemany("INSERT INTO subjects (id, name, name_zh, pinyin, flags, added_at, version) "
                    "VALUES (?, ?, ?, ?, '[]', '2026-01-01 00:00:00', 1)", subjects)
    shoots = [(i + 1, f"{rnd.choice(PLACES)} #{i}", f"20{rnd.randrange(10, 20)}-0{rnd.randrange(1, 10)}-1{rnd.randrange(0, 9)}",
               rnd.choice(PLACES)) for i in range(max(10, clips // 200))]
    con.executemany("INSERT INTO shoots (id, name, date, place, added_at, version) "
                    "VALUES (?, ?, ?, ?, '2026-01-01 00:00:00', 1)", shoots)
    con.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", list(enumerate(TAGS, 1)))
    clip_rows, file_rows, cf_rows, cs_rows, ct_rows = [], [], [], [], []
    fid = 0
    for cid in range(1, clips + 1):
        interlaced = rnd.random() < 0.5
        rate = (25, 1) if interlaced or rnd.random() < 0.6 else (30000, 1001)
        frames = rnd.randrange(100, 40000)
        rec = f"20{rnd.randrange(10, 20)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}T" \
              f"{rnd.randrange(0, 24):02d}:{rnd.randrange(0, 60):02d}:{rnd.randrange(0, 60):02d}+08:00"
        clip_rows.append((cid, f"{cid:05d}.MTS" if interlaced else f"C{cid:05d}.MP4", rate[0], rate[1], frames,
                          1920, 1080, "interlaced" if interlaced else "progressive", rec,
                          rnd.randrange(len(shoots)) + 1, rnd.randrange(6)))
        for pos in range(3):
            fid += 1
            file_rows.append((fid, f"/archive/card{cid // 50}/BDMV/STREAM/{fid:05d}.MTS", 2_000_000_000 + fid,
                              f"{rnd.getrandbits(64):016x}", f"{rnd.getrandbits(64):016x}"))
            cf_rows.append((cid, pos, fid))
        for sid in rnd.sample(range(1, len(subjects) + 1), rnd.randrange(1, 3)):
            cs_rows.append((cid, sid))
        for tid in rnd.sample(range(1, len(TAGS) + 1), rnd.randrange(0, 4)):
            ct_rows.append((cid, tid))
    con.executemany("INSERT INTO clips (id, name, rate_num, rate_den, duration_frames, width, height, scan, "
                    "recorded_at, shoot_id, rating, added_at, updated_at, version) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)", clip_rows)
    con.executemany("INSERT INTO media_files (id, path, size, xxh64, quick_hash, state, added_at, version) "
                    "VALUES (?, ?, ?, ?, ?, 'online', '2026-01-01 00:00:00', 1)", file_rows)
    con.executemany("INSERT INTO clip_files (clip_id, position, media_file_id) VALUES (?, ?, ?)", cf_rows)
    con.executemany("INSERT INTO clip_subjects (clip_id, subject_id) VALUES (?, ?)", cs_rows)
    con.executemany("INSERT INTO clip_tags (clip_id, tag_id) VALUES (?, ?)", ct_rows)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return root


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--clips", type=int, default=100_000)
    args = ap.parse_args()
    t = time.perf_counter()
    generate(args.dir, args.clips)
    print(f"{args.clips} clips in {time.perf_counter() - t:.1f} s -> {args.dir}")


if __name__ == "__main__":
    main()
