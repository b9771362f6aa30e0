"""Transcript line edits through the command line: edit, split, merge and untag a line."""
from __future__ import annotations

import pytest

from docmanager.access import add_user
from tests.factories import add_plain_clip
from tests.test_transcripts_cli import EN, ZH


@pytest.fixture
def lines(project, cli, tmp_path):
    """A clip with the Chinese SRT (GBK) and its English translation imported; returns (project dir, clip, lines)."""
    clip = add_plain_clip(project, "interview")
    p = str(project.root)
    (tmp_path / "zh.srt").write_bytes(ZH.encode("gbk"))
    (tmp_path / "en.srt").write_text(EN, encoding="utf-8")
    assert cli("--project", p, "transcript", "import", clip, tmp_path / "zh.srt", "--lang", "zh").status == 0
    assert cli("--project", p, "transcript", "import", clip, tmp_path / "en.srt", "--lang", "en",
               "--translation-of", "zh").status == 0
    return p, clip, cli("--project", p, "transcript", "show", clip, "--json").json["segments"]


def _show(cli, p, clip):
    return cli("--project", p, "transcript", "show", clip, "--json").json["segments"]


def test_segment_edit_answers_the_line_as_transcript_show_gives_it(lines, cli):
    p, clip, segs = lines
    line = segs[1]
    r = cli("--project", p, "segment", "edit", line["id"], "--text", "警察说他们会查全国DNA数据库。",
            "--speaker", "刘静军", "--start", "4.25", "--end", "7.5", "--expect-version", line["version"], "--json")
    assert r.status == 0, r.out
    assert r.json == _show(cli, p, clip)[1]
    assert r.json["text"] == "警察说他们会查全国DNA数据库。" and r.json["speaker"] == "刘静军"
    assert (r.json["start"], r.json["end"]) == (4.25, 7.5) and r.json["version"] > line["version"]
    assert r.json["translation"]["text"] == "The police said they would check the DNA database."
    cleared = cli("--project", p, "segment", "edit", line["id"], "--speaker", "", "--json").json
    assert cleared["speaker"] is None and cleared["text"] == r.json["text"]
    text = cli("--project", p, "segment", "edit", line["id"], "--note", "check the name")
    assert text.status == 0 and text.out.startswith(f"Line {line['id']} (version ")


def test_segment_edit_with_a_stale_version_is_a_conflict_and_writes_nothing(lines, cli):
    p, clip, segs = lines
    line = segs[0]
    assert cli("--project", p, "segment", "edit", line["id"], "--text", "我儿子在太原丢的。").status == 0
    r = cli("--project", p, "segment", "edit", line["id"], "--text", "旧的改动", "--expect-version",
            line["version"], "--json")
    assert r.status == 3
    message = r.json["error"]["message"]
    assert f"line {line['id']}" in message and "nothing was written" in message and "Reload" in message
    assert _show(cli, p, clip)[0]["text"] == "我儿子在太原丢的。"


def test_segment_edit_needs_something_to_change_and_times_in_order(lines, cli):
    p, clip, segs = lines
    r = cli("--project", p, "segment", "edit", segs[0]["id"], "--json")
    assert r.status == 2 and "--text" in r.json["error"]["message"] and str(segs[0]["id"]) in r.json["error"]["message"]
    r = cli("--project", p, "segment", "edit", segs[0]["id"], "--end", "0.5", "--json")
    assert r.status == 2
    message = r.json["error"]["message"]
    assert message.startswith(f"line {segs[0]['id']} not edited:") and "before it starts" in message
    assert "Nothing was changed" in message
    r = cli("--project", p, "segment", "edit", 999999, "--text", "x", "--json")
    assert r.status == 2 and "999999" in r.json["error"]["message"]
    assert "transcript show" in r.json["error"]["message"]
    assert _show(cli, p, clip) == segs


def test_segment_edit_by_a_director_or_an_editor_is_refused(lines, cli, project):
    p, clip, segs = lines
    project.user = "Ann"
    add_user(project, "Ben", "translator")
    add_user(project, "Dee", "director")
    add_user(project, "Eve", "editor")
    for who, role in (("Dee", "director"), ("Eve", "editor")):
        r = cli("--project", p, "--user", who, "segment", "edit", segs[0]["id"], "--text", "改", "--json")
        assert r.status == 2, r.out
        message = r.json["error"]["message"]
        assert f"line {segs[0]['id']} not edited" in message and f"{who} is a{'n' if role == 'editor' else ''} {role}" \
            in message and "translator" in message
        r = cli("--project", p, "--user", who, "segment", "split", segs[0]["id"], "--at-char", "3", "--json")
        assert r.status == 2 and f"{who} is a" in r.json["error"]["message"]
    assert _show(cli, p, clip) == segs
    r = cli("--project", p, "--user", "Ben", "segment", "edit", segs[0]["id"], "--text", "改", "--json")
    assert r.status == 0 and r.json["text"] == "改"


def test_segment_split_answers_both_lines(lines, cli):
    p, clip, segs = lines
    line = segs[1]  # 警察说他们会查DNA数据库。 4.5 → 7.0
    r = cli("--project", p, "segment", "split", line["id"], "--at-char", "3", "--at", "5.5",
            "--expect-version", line["version"], "--json")
    assert r.status == 0, r.out
    first, second = r.json["segments"]
    assert first["id"] == line["id"] and (first["text"], second["text"]) == ("警察说", "他们会查DNA数据库。")
    assert (first["start"], first["end"], second["start"], second["end"]) == (4.5, 5.5, 5.5, 7.0)
    assert first["translation"]["text"] == "The police said they would check the DNA database."
    assert [s["id"] for s in _show(cli, p, clip)] == [segs[0]["id"], line["id"], second["id"], segs[2]["id"]]
    assert [s for s in _show(cli, p, clip) if s["id"] == second["id"]] == [second]
    # Without --at: at the time matching the character.
    r = cli("--project", p, "segment", "split", segs[2]["id"], "--at-char", "3", "--json")
    assert r.status == 0 and [x["text"] for x in r.json["segments"]] == ["我们找", "了十二年。"]
    assert r.json["segments"][0]["end"] == r.json["segments"][1]["start"] == 8.062


def test_segment_split_outside_the_line_is_refused(lines, cli):
    p, clip, segs = lines
    line = segs[1]
    for at in ("8", "4.5", "1"):
        r = cli("--project", p, "segment", "split", line["id"], "--at-char", "3", "--at", at, "--json")
        assert r.status == 2, r.out
        message = r.json["error"]["message"]
        assert message.startswith(f"line {line['id']} not split:") and "4.500 to 7.000 s" in message
        assert "give a time inside it" in message
    r = cli("--project", p, "segment", "split", line["id"], "--at-char", "40", "--json")
    assert r.status == 2 and "between 1 and 13" in r.json["error"]["message"]
    r = cli("--project", p, "segment", "split", line["id"], "--at-char", "3", "--expect-version",
            line["version"] + 1, "--json")
    assert r.status == 3
    assert _show(cli, p, clip) == segs


def test_segment_merge_answers_the_merged_line(lines, cli):
    p, clip, segs = lines
    ids = [s["id"] for s in segs]
    r = cli("--project", p, "segment", "merge", ids[1], ids[2], "--json")
    assert r.status == 0, r.out
    assert r.json["id"] == ids[1] and r.json["text"] == "警察说他们会查DNA数据库。我们找了十二年。"
    assert (r.json["start"], r.json["end"]) == (4.5, 9.0)
    assert r.json["translation"]["text"] == ("The police said they would check the DNA database. "
                                             "We have been searching for twelve years.")
    assert r.json == _show(cli, p, clip)[1] and len(_show(cli, p, clip)) == 2


def test_segment_merge_of_several_lines_is_one_change(lines, cli):
    p, clip, segs = lines
    ids = [s["id"] for s in segs]
    versions = [str(s["version"]) for s in segs]
    stale = cli("--project", p, "segment", "merge", *ids, "--expect-version", versions[0], "--expect-version",
                versions[1], "--expect-version", str(segs[2]["version"] + 1), "--json")
    assert stale.status == 3 and f"line {ids[2]}" in stale.json["error"]["message"]
    apart = cli("--project", p, "segment", "merge", ids[0], ids[2], "--json")
    assert apart.status == 2 and "not next to each other" in apart.json["error"]["message"]
    assert apart.json["error"]["message"].startswith(f"lines {ids[0]}, {ids[2]} not merged:")
    r = cli("--project", p, "segment", "merge", ids[0], ids[1], ids[1], "--json")
    assert r.status == 2 and "more than once" in r.json["error"]["message"]
    assert _show(cli, p, clip) == segs
    r = cli("--project", p, "segment", "merge", *ids, "--expect-version", versions[0], "--expect-version",
            versions[1], "--expect-version", versions[2], "--json")
    assert r.status == 0, r.out
    assert (r.json["id"], r.json["start"], r.json["end"]) == (ids[0], 1.0, 9.0)
    assert [s["id"] for s in _show(cli, p, clip)] == [ids[0]]
    one = cli("--project", p, "segment", "merge", ids[0], "--json")
    assert one.status == 2 and "after it" in one.json["error"]["message"]


def test_segment_untag(lines, cli):
    p, clip, segs = lines
    line = segs[0]["id"]
    assert cli("--project", p, "segment", "tag", line, "police").status == 0
    assert cli("--project", p, "segment", "tag", line, "station").status == 0
    r = cli("--project", p, "segment", "untag", line, "Police", "--json")
    assert r.status == 0 and r.json == {"segment_id": line, "tag": "Police", "removed": True, "tags": ["station"]}
    assert _show(cli, p, clip)[0]["tags"] == ["station"]
    r = cli("--project", p, "segment", "untag", line, "police", "--json")
    assert r.status == 0 and r.json["removed"] is False and r.json["tags"] == ["station"]
    r = cli("--project", p, "segment", "untag", line, "police")
    assert r.status == 0
    assert r.out.strip() == f"Line {line} has no tag 'police'; nothing was changed (its tags: station)"
    r = cli("--project", p, "segment", "untag", 999999, "police", "--json")
    assert r.status == 2 and r.json["error"]["message"].startswith("line 999999 not untagged:")
