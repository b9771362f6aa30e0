"""The demo project: real generated footage catalogued with people, shoots and tags."""
from __future__ import annotations

from pathlib import Path

from docmanager.demo import CLIPS, SUBJECTS
from docmanager.media.hashing import xxh64_file
from tests.conftest import run_cli_process
from tests.test_catalogue import CLIP_FIELDS


def test_demo_command_then_clips_lists_every_field(tmp_path):
    r = run_cli_process("demo", tmp_path / "D", "--json")
    assert r.status == 0, r.err
    made = r.json
    assert len(made["clips"]) == len(CLIPS) and made["failed"] == []
    r = run_cli_process("--project", tmp_path / "D", "clips", "--json")
    assert r.status == 0, r.err
    clips = r.json
    assert sorted(c["id"] for c in clips) == sorted(made["clips"])
    for c in clips:
        assert CLIP_FIELDS <= set(c), CLIP_FIELDS - set(c)
        assert c["width"] == 1920 and c["height"] == 1080
        assert c["state"] == "online" and c["recorded_at"].endswith("+08:00")
        for f in c["files"]:
            assert Path(f["path"]).is_absolute() and Path(f["path"]).exists()
            assert f["xxh64"] == xxh64_file(f["path"]) and f["size"] == Path(f["path"]).stat().st_size
    by_name = {c["name"]: c for c in clips}
    for spec in CLIPS:
        c = by_name[spec.name]
        assert c["scan"] == ("interlaced" if spec.interlaced else "progressive")
        assert c["frame_rate"] == (str(spec.rate.numerator) if spec.rate.denominator == 1 else
                                   f"{spec.rate.numerator}/{spec.rate.denominator}")
        assert abs(c["duration"] - spec.seconds) <= 0.05
        assert c["subjects"] == sorted(spec.subjects) and c["shoot"] == spec.shoot
        assert c["rating"] == spec.rating and c["tags"] == sorted(spec.tags)


def test_demo_has_chinese_names_flags_and_posters(demo_project, cli):
    subjects = cli("--project", demo_project, "subject", "list", "--json").json["subjects"]
    zh = {s["name"]: s["zh"] for s in subjects}
    assert zh["Liu Jingjun"] == "刘静军"
    assert {s["name"]: s["flags"] for s in subjects}["Xiao Lei"] == ["minor", "pseudonym", "no-face"]
    assert len(subjects) == len(SUBJECTS)
    assert len(list((demo_project / "thumbnails").glob("clip-*.jpg"))) == len(CLIPS)


def test_demo_refuses_an_existing_project(demo_project, cli):
    r = cli("demo", demo_project, "--json")
    assert r.status == 2 and r.json["error"]["path"] == str(demo_project)
