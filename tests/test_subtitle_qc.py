"""Subtitle QC: each kind of finding on its own line, and a clean file without findings."""
from __future__ import annotations

from types import SimpleNamespace as Line

from docmanager.subtitles.qc import NameSpelling, QcLimits, check_lines, limits_from_text

NAMES = [NameSpelling("Liu Jinjun", "刘静军", "Liu Jinjun"), NameSpelling("Zhang Xiuying", "张秀英")]

BAD_FILE = """1
00:00:01,000 --> 00:00:03,000
My son was lost at the station.

2
00:00:03,500 --> 00:00:04,500
We went to every station and every police office.

3
00:00:05,000 --> 00:00:09,000
The volunteers printed posters and put them up on every single street.

4
00:00:08,500 --> 00:00:10,000
Then the police called.

5
00:00:10,500 --> 00:00:13,000
Liu Jingjun never stopped looking.

6
00:00:13,500 --> 00:00:16,000
刘静君说他不会放弃。
"""


def findings_by_line(findings):
    out = {}
    for f in findings:
        out.setdefault(f.index, set()).add(f.problem)
    return out


def test_each_problem_on_its_line(project, cli, tmp_path):
    p = str(project.root)
    cli("--project", p, "subject", "add", "Liu Jinjun", "--zh", "刘静军", "--pinyin", "Liu Jinjun")
    path = tmp_path / "draft.srt"
    path.write_text(BAD_FILE, encoding="utf-8")
    r = cli("--project", p, "subtitles", "qc", path, "--json")
    assert r.status == 1, r.out
    by_line = {}
    for q in r.json["qc"]:
        by_line.setdefault(q["index"], []).append(q)
    problems = {i: {q["problem"] for q in qs} for i, qs in by_line.items()}
    # 49 characters in one second: 30+ characters a second.
    assert "too-fast" in problems[2]
    assert any("characters a second" in q["message"] for q in by_line[2])
    # 70 characters on one line.
    assert "line-too-long" in problems[3]
    assert "overlap" in problems[4]
    assert "glossary" in problems[5] and "Liu Jinjun" in by_line[5][-1]["message"]
    assert "glossary" in problems[6] and "刘静军" in by_line[6][-1]["message"]
    assert 1 not in problems  # a good line has no findings


def test_limits_and_the_chinese_rules():
    fast_zh = Line(start_ms=0, end_ms=1000, text="我们在太原火车站等了三个小时")  # 14 汉字 in 1 s
    slow_en = Line(start_ms=2000, end_ms=4000, text="We waited three hours.")  # 19 characters in 2 s
    findings = findings_by_line(check_lines([fast_zh, slow_en]))
    assert findings == {1: {"too-fast"}}
    long_zh = Line(start_ms=0, end_ms=4000, text="我们在太原火车站等了三个小时他终于来了")  # 19 > 16
    assert findings_by_line(check_lines([long_zh])) == {1: {"line-too-long"}}
    assert check_lines([long_zh], limits=limits_from_text("line_chinese=20")) == []


def test_timing_rules():
    lines = [Line(start_ms=0, end_ms=500, text="Hi."),
             Line(start_ms=540, end_ms=2000, text="Two frames later? No: one."),
             Line(start_ms=2000, end_ms=10000, text="Eight seconds."),
             Line(start_ms=10100, end_ms=12000, text="First line\nsecond line\nthird line"),
             Line(start_ms=12500, end_ms=13500, text="  ")]
    got = findings_by_line(check_lines(lines, limits=QcLimits()))
    assert got == {1: {"too-short"}, 2: {"gap"}, 3: {"too-long"}, 4: {"too-many-lines"}, 5: {"empty"}}


def test_names_spelled_right_are_not_findings():
    ok = [Line(start_ms=0, end_ms=3000, text="Liu Jinjun and Zhang Xiuying."),
          Line(start_ms=3500, end_ms=6000, text="刘静军和张秀英。"),
          Line(start_ms=6500, end_ms=9000, text="Liu Bei is someone else entirely.")]
    assert check_lines(ok, names=NAMES) == []
