"""Chain of custody: a cut of an offloaded AVCHD take and an MP4 traced to cards, hashes, MHL and approvals."""
from __future__ import annotations

import json
from pathlib import Path

import opentimelineio as otio
import pytest
import xxhash

from docmanager.cuts.model import add_item, new_cut
from docmanager.ingest.ingest import ingest
from docmanager.ingest.verify import verify
from docmanager.media.avchd_card import TakeSpec, write_card_detailed
from docmanager.media.generate import make_clip
from docmanager.project import Project
from docmanager.subtitles.status import set_state
from docmanager.transcripts.store import import_transcript, transcript_json
from tests.test_cut_deliver import srt


@pytest.fixture(scope="module")
def film(tmp_path_factory):
    root = tmp_path_factory.mktemp("custody")
    write_card_detailed(root / "CANON_SD", [TakeSpec(seconds=3, files=2)])
    make_clip(root / "phone" / "VID_0001.mp4", seconds=3, size=(640, 360))
    (root / "Archive A").mkdir()
    (root / "Archive B").mkdir()
    project = Project.create(root / "Film")
    project.user = "Li Na"
    report = ingest(project, [root / "CANON_SD", root / "phone"], copy_to=[root / "Archive A", root / "Archive B"],
                    label="Day_1", posters=False)
    assert report.ok, report.failed
    take, phone = report.data["clips_added"]
    import_transcript(project, take, srt(root / "take.zh.srt", [(0.2, 1.4, "我们早上六点出发。")]), "zh")
    import_transcript(project, take, srt(root / "take.en.srt", [(0.2, 1.4, "We set off at six.")]), "en",
                      translation_of="zh")
    import_transcript(project, phone, srt(root / "phone.zh.srt", [(0.5, 2.0, "小雷今年十二岁。")]), "zh")
    import_transcript(project, phone, srt(root / "phone.en.srt", [(0.5, 2.0, "Xiao Lei is twelve.")]), "en",
                      translation_of="zh")
    project.user = "Sun Mei"
    set_state(project, clip_id=take, lang="en", state="approved", note="checked")
    with project.session() as s:
        take_line = transcript_json(s, take, "zh")["segments"][0]
        phone_line = transcript_json(s, phone, "zh")["segments"][0]
    cut = new_cut(project, "Custody", rate="25")
    add_item(project, cut, segment_ids=[take_line["id"]])
    add_item(project, cut, segment_ids=[phone_line["id"]])
    verify(project)
    yield {"project": project, "root": root, "cut": cut, "take": take, "phone": phone,
           "take_line": take_line, "phone_line": phone_line}
    project.close()


def test_provenance_traces_every_file_and_line(film, cli):
    r = cli("--project", film["project"].root, "provenance", film["cut"], "--json")
    assert r.status == 0, r.out
    data = r.json
    first, second = data["items"]
    assert (first["clip_id"], first["record_in"]) == (film["take"], 0.0)
    assert second["record_in"] == first["record_out"]
    sources = [f for f in first["files"] if f["role"] == "source"]
    assert len(sources) == 2 and [f for f in first["files"] if f["role"] == "joined"]
    for f in sources + second["files"]:
        assert set(f) >= {"path", "xxh64", "volume", "offloaded_at", "mhl", "last_verified", "verified_ok"}
        assert Path(f["path"]).is_file()
        assert f["xxh64"] == xxhash.xxh64(Path(f["path"]).read_bytes()).hexdigest()
        assert f["volume"] == "Day_1" and f["volume_kind"] in ("card", "folder")
        assert f["card_path"] and ("CANON_SD" in f["card_path"] or "phone" in f["card_path"])
        assert f["offloaded_at"] and f["offloaded_by"] == "Li Na"
        assert f["mhl"] and Path(f["mhl"]).is_file() and "/ascmhl/" in f["mhl"]
        assert f["mhl_entry"]["xxh64"] == f["xxh64"] and f["mhl_matches"] is True
        assert f["last_verified"] and f["verified_ok"] is True
        assert f["hashed_at"] and f["hashed_at"] <= f["last_verified"]
    en = [s for s in data["subtitles"] if s["lang"] == "en"]
    assert [s["segment_id"] for s in en] == [film["take_line"]["id"], film["phone_line"]["id"]]
    assert all(s["translation_id"] for s in en)
    assert (en[0]["approved_by"], bool(en[0]["approved_at"])) == ("Sun Mei", True)
    assert en[1]["approved_by"] is None  # the phone clip's English is not approved
    zh = [s for s in data["subtitles"] if s["lang"] == "zh"]
    assert zh[0]["translation_id"] is None and zh[0]["segment_id"] == film["take_line"]["id"]


def test_a_changed_file_shows_in_the_chain(film, cli, tmp_path):
    data = cli("--project", film["project"].root, "provenance", film["cut"], "--json").json
    victim = Path(data["items"][1]["files"][0]["path"])
    original = victim.read_bytes()
    try:
        victim.write_bytes(original[:100] + bytes([original[100] ^ 1]) + original[101:])
        verify(film["project"])
        again = cli("--project", film["project"].root, "provenance", film["cut"], "--json").json
        assert again["items"][1]["files"][0]["verified_ok"] is False
    finally:
        victim.write_bytes(original)
        verify(film["project"])


def test_exported_otio_carries_the_hashes(film, cli, tmp_path):
    out = tmp_path / "custody.otio"
    assert cli("--project", film["project"].root, "cut", "export", film["cut"], out).status == 0
    timeline = otio.adapters.read_from_file(str(out))
    meta = [json.loads(otio.core.serialize_json_to_string(c.metadata["docmanager"])) for c in timeline.find_clips()]
    assert all(f["xxh64"] for m in meta for f in m["files"])


def test_one_item_is_traced_alone(film, cli):
    from docmanager.cuts.provenance import item_provenance
    from docmanager.errors import NotFoundError

    whole = cli("--project", film["project"].root, "provenance", film["cut"], "--json").json
    with film["project"].session() as s:
        for entry in whole["items"]:
            one = item_provenance(s, entry["item_id"])
            assert {k: one[k] for k in entry} == entry
            assert (one["cut_id"], one["name"], one["cut_version"]) == (film["cut"], "Custody", whole["cut_version"])
            assert one["cut_rate"] == "25" and one["clip_rate"] in ("25", "30", "30000/1001")
            assert one["subtitles"] == [sub for sub in whole["subtitles"] if sub["clip_id"] == entry["clip_id"]]
        second = item_provenance(s, whole["items"][1]["item_id"])
        with pytest.raises(NotFoundError):
            item_provenance(s, 10_000)
    assert [sub["lang"] for sub in second["subtitles"]] == ["zh", "en"]
    assert [sub["index"] for sub in second["subtitles"]] == [2, 2]  # numbered as in the whole cut
    assert second["subtitles"][1]["approved_by"] is None
