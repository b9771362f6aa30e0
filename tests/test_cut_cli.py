"""Rough cuts through the command line: new, add (clip range, transcript lines), show, export."""
from __future__ import annotations


import opentimelineio as otio

from tests.factories import add_plain_clip
from tests.test_transcripts_cli import ZH


def test_cut_commands_warnings_and_export(project, cli, tmp_path):
    p = str(project.root)
    talk = add_plain_clip(project, "talk", seconds=20)
    boy = add_plain_clip(project, "boy", seconds=10)
    cli("--project", p, "subject", "add", "Xiao Lei", "--zh", "小磊", "--flag", "minor")
    cli("--project", p, "clip", "set", boy, "--subject", "Xiao Lei")
    (tmp_path / "zh.srt").write_text(ZH, encoding="utf-8")
    cli("--project", p, "transcript", "import", talk, tmp_path / "zh.srt", "--lang", "zh")
    segs = cli("--project", p, "transcript", "show", talk, "--json").json["segments"]

    r = cli("--project", p, "cut", "new", "Assembly", "--rate", "25", "--json")
    assert r.status == 0 and isinstance(r.json["cut_id"], int)
    cut = r.json["cut_id"]
    assert cli("--project", p, "cut", "add", cut, "--segment", segs[0]["id"], "--json").status == 0
    assert cli("--project", p, "cut", "add", "Assembly", "--clip", boy, "--in", "2", "--out", "4").status == 0
    assert cli("--project", p, "cut", "add", cut, "--clip", boy, "--segment", segs[1]["id"], "--json").status == 2

    show = cli("--project", p, "cut", "show", cut, "--json").json
    assert set(show) >= {"id", "name", "rate", "duration", "items", "warnings"}
    assert show["rate"] == "25" and show["duration"] == 5.0
    first, second = show["items"]
    assert (first["clip_id"], first["in"], first["out"], first["record_in"], first["track"]) == (talk, 1.0, 4.0, 0.0, "V1")
    assert (second["clip_id"], second["in"], second["out"], second["record_in"]) == (boy, 2.0, 4.0, 3.0)
    assert any("minor" in w and "Xiao Lei" in w for w in show["warnings"])

    out = tmp_path / "cut.otio"
    r = cli("--project", p, "cut", "export", cut, out, "--json")
    assert r.status == 0, r.out
    assert r.json["items"] == 2 and r.json["check"] == {"reread": True, "losses": []}
    timeline = otio.adapters.read_from_file(str(out))
    clips = list(timeline.find_clips())
    assert [c.source_range.start_time.to_frames() for c in clips] == [25, 50]
    assert "minor" in otio.core.serialize_json_to_string(clips[1].metadata["docmanager"])
    edl = cli("--project", p, "cut", "export", cut, tmp_path / "cut.edl", "--json").json
    assert edl["format"] == "cmx_3600" and edl["check"]["reread"] is True


def test_still_of_a_clip_frame(demo_project, cli, tmp_path):
    from PIL import Image

    r = cli("--project", demo_project, "still", 1, "--at", "1.5", tmp_path / "frame.png", "--width", "640", "--json")
    assert r.status == 0, r.out
    assert r.json["path"] == str(tmp_path / "frame.png")
    assert Image.open(r.json["path"]).size == (640, 360)


def test_cut_add_takes_several_lines_after_one_segment_flag(project, cli, tmp_path):
    """``--segment 1 2`` as docs/cli.md writes it, and ``--segment 1 --segment 2``, add one item spanning both."""
    p = str(project.root)
    talk = add_plain_clip(project, "talk", seconds=20)
    (tmp_path / "zh.srt").write_text(ZH, encoding="utf-8")
    cli("--project", p, "transcript", "import", talk, tmp_path / "zh.srt", "--lang", "zh")
    segs = [s["id"] for s in cli("--project", p, "transcript", "show", talk, "--json").json["segments"]]
    cut = cli("--project", p, "cut", "new", "Lines", "--json").json["cut_id"]
    r = cli("--project", p, "cut", "new", "Film", "--rate", "23.976", "--json")
    assert r.status == 0 and r.json["rate"] == "24000/1001"  # as `cut show` writes it
    assert cli("--project", p, "cut", "new", "Odd", "--rate", "24.5", "--json").status == 2
    r = cli("--project", p, "cut", "add", cut, "--segment", segs[0], segs[1], "--json")
    assert r.status == 0, r.out
    r = cli("--project", p, "cut", "add", cut, "--segment", segs[0], "--segment", segs[1], "--json")
    assert r.status == 0, r.out
    first, second = cli("--project", p, "cut", "show", cut, "--json").json["items"]
    assert (first["in"], first["out"]) == (second["in"], second["out"])
    assert first["out"] - first["in"] > 3.0  # both lines, not the first alone
