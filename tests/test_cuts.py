"""Rough cuts in the catalogue: items, positions, snapping, versions, warnings and the OTIO timeline.

These tests use catalogued clips whose files are not on disk (``tests.factories``);
exports of real media are in ``test_cut_export.py``.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import opentimelineio as otio
import pytest

from docmanager.catalogue.clips import set_clips
from docmanager.catalogue.people import add_subject
from docmanager.catalogue.ranges import add_marker, add_subclip
from docmanager.cuts import model
from docmanager.cuts.timeline import SENSITIVE_PREFIX, build_timeline
from docmanager.db.models import Cut, CutItem
from docmanager.errors import ConflictError, NotFoundError, RefusedError
from docmanager.transcripts.store import import_transcript, tag_segment, transcript_json
from tests.factories import add_plain_clip

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True

NTSC = Fraction(30000, 1001)


def srt(path: Path, lines: list[tuple[float, float, str]]) -> Path:
    def stamp(seconds: float) -> str:
        ms = int(round(seconds * 1000))
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    path.write_text("".join(f"{i}\n{stamp(a)} --> {stamp(b)}\n{text}\n\n"
                            for i, (a, b, text) in enumerate(lines, 1)), encoding="utf-8")
    return path


def segments(project, clip_id: int, lang: str = "zh") -> list[int]:
    with project.session() as s:
        return [seg["id"] for seg in transcript_json(s, clip_id, lang)["segments"]]


def show(project, cut_id: int) -> dict:
    with project.session() as s:
        return model.cut_json(s, cut_id)


@pytest.fixture
def clips(project):
    """A 25 fps clip (10 s) and a 29.97 clip (10 s), catalogued but not on disk."""
    return (add_plain_clip(project, "A001", seconds=10, interlaced=True),
            add_plain_clip(project, "B002", seconds=10, rate=(30000, 1001)))


# ------------------------------------------------------------------ cuts
def test_new_cut_defaults_rates_and_names(project):
    cut_id = model.new_cut(project, "  Rough   one ")
    data = show(project, cut_id)
    assert data["name"] == "Rough one" and data["rate"] == "25" and data["cut_version"] == 1
    assert data["tracks"] == ["V1", "V2", "A1", "A2"] and data["items"] == [] and data["duration"] == 0.0
    assert data["handles_ms"] == 0 and data["warnings"] == [] and data["version"] == 1
    assert show(project, model.new_cut(project, "NTSC", rate="29.97"))["rate"] == "30000/1001"
    assert show(project, model.new_cut(project, "PAL fields", rate="50i"))["rate"] == "25"
    assert show(project, model.new_cut(project, "Two", tracks=["v1", "a1"]))["tracks"] == ["V1", "A1"]
    with pytest.raises(RefusedError, match="exists already"):
        model.new_cut(project, "Rough one")
    with pytest.raises(RefusedError, match="frame rate"):
        model.new_cut(project, "Bad", rate="fast")
    with pytest.raises(RefusedError, match="no editing application makes a time line at 24.5 .*23.976, 24, 25"):
        model.new_cut(project, "Bad", rate="24.5")
    assert show(project, model.new_cut(project, "Film", rate="23.976"))["rate"] == "24000/1001"
    with pytest.raises(RefusedError, match="track name"):
        model.new_cut(project, "Bad", tracks=["Music"])
    with pytest.raises(RefusedError, match="negative"):
        model.new_cut(project, "Bad", handles_ms=-1)


def test_find_cut_by_id_name_and_version(project, clips):
    first = model.new_cut(project, "Story")
    second = model.duplicate_cut(project, first)
    with project.session() as s:
        assert model.find_cut(s, first).id == first
        assert model.find_cut(s, str(second)).id == second
        assert model.find_cut(s, "Story").id == second  # the newest version
        assert model.find_cut(s, "Story v1").id == first
        with pytest.raises(NotFoundError):
            model.find_cut(s, "Nothing")
        with pytest.raises(NotFoundError):
            model.find_cut(s, 999)


# ------------------------------------------------------------------ items
def test_clip_items_snap_to_the_nearest_frame_and_play_back_to_back(project, clips):
    a, b = clips
    cut_id = model.new_cut(project, "Cut")
    first = model.add_item(project, cut_id, clip_id=a, in_s=1.0, out_s=2.5)
    second = model.add_item(project, cut_id, clip_id=b, in_s=1.5015, out_s=3.0)  # 45 .. 90 at 29.97
    data = show(project, cut_id)
    one, two = data["items"]
    assert (one["id"], two["id"]) == (first, second)
    assert (one["source_in_frames"], one["source_out_frames"]) == (25, 63)  # 2.5 s at 25 = 62.5 -> 63
    assert (two["source_in_frames"], two["source_out_frames"]) == (45, 90)
    assert two["clip_rate"] == "30000/1001" and two["in"] == 1.502 and two["out"] == 3.003
    # 38 frames at 25 on the cut for 45 frames at 29.97 (1.5015 s), back to back after the first item.
    assert one["record_in"] == 0.0 and one["record_out"] == two["record_in"] == 1.52
    assert two["record_out"] == 3.04 and data["duration"] == 3.04 and data["duration_frames"] == 76
    # A time printed by `cut show` names the same frame when given back.
    third = model.add_item(project, cut_id, clip_id=b, in_s=two["in"], out_s=two["out"], track="V2")
    again = [i for i in show(project, cut_id)["items"] if i["id"] == third][0]
    assert (again["source_in_frames"], again["source_out_frames"]) == (45, 90)
    whole = model.add_item(project, cut_id, clip_id=a, track="A1")
    item = [i for i in show(project, cut_id)["items"] if i["id"] == whole][0]
    assert (item["source_in_frames"], item["source_out_frames"]) == (0, 250)


def test_bad_ranges_and_sources_are_refused(project, clips):
    a, b = clips
    cut_id = model.new_cut(project, "Cut")
    with pytest.raises(RefusedError, match="after the end"):
        model.add_item(project, cut_id, clip_id=a, in_s=9.0, out_s=11.0)
    with pytest.raises(RefusedError, match="come after"):
        model.add_item(project, cut_id, clip_id=a, in_s=3.0, out_s=2.0)
    with pytest.raises(RefusedError, match="exactly one"):
        model.add_item(project, cut_id)
    with pytest.raises(RefusedError, match="exactly one"):
        model.add_item(project, cut_id, clip_id=a, subclip_id=1)
    with pytest.raises(NotFoundError):
        model.add_item(project, cut_id, clip_id=999)
    with pytest.raises(NotFoundError):
        model.add_item(project, 999, clip_id=a)
    with pytest.raises(RefusedError, match="track name"):
        model.add_item(project, cut_id, clip_id=a, track="Music")
    fast = model.new_cut(project, "Fast", rate="25")
    sixty = add_plain_clip(project, "C003", seconds=2, rate=(60, 1))
    with pytest.raises(RefusedError, match="shorter than one frame"):
        model.add_item(project, fast, clip_id=sixty, in_s=0.0, out_s=1 / 60)
    # A new V/A track name is added to the cut.
    model.add_item(project, cut_id, clip_id=a, in_s=0, out_s=1, track="V3")
    assert show(project, cut_id)["tracks"] == ["V1", "V2", "A1", "A2", "V3"]


def test_segment_items_take_the_lines_span_with_handles_snapped_outwards(project, clips, tmp_path):
    a, b = clips
    import_transcript(project, a, srt(tmp_path / "a.srt", [
        (0.1, 1.013, "第一句。"), (2.013, 3.987, "第二句话很长。"), (4.0, 5.0, "第三句。"), (9.5, 9.99, "最后。")]), "zh")
    import_transcript(project, b, srt(tmp_path / "b.srt", [(1.0, 2.0, "另一段。")]), "zh")
    sa, sb = segments(project, a), segments(project, b)
    cut_id = model.new_cut(project, "Words", handles_ms=250)
    item = model.add_item(project, cut_id, segment_ids=[sa[1]])
    data = show(project, cut_id)["items"][0]
    # (2.013 - 0.25) s = 44.075 frames -> 44 (floor); (3.987 + 0.25) s = 105.925 -> 106 (ceil)
    assert (data["id"], data["source_in_frames"], data["source_out_frames"]) == (item, 44, 106)
    assert data["segment_ids"] == [sa[1]] and data["name"] == "第二句话很长。"
    # Explicit handles; several lines of one clip span from the earliest start to the latest end.
    model.add_item(project, cut_id, segment_ids=[sa[2], sa[1]], handles_ms=0)
    two = show(project, cut_id)["items"][1]
    assert (two["source_in_frames"], two["source_out_frames"]) == (50, 125)  # 2.013*25=50.3 -> 50; 5.0 -> 125
    assert two["segment_ids"] == [sa[1], sa[2]]  # in time order
    # Clamped to the clip at both ends.
    model.add_item(project, cut_id, segment_ids=[sa[0]], handles_ms=500)
    model.add_item(project, cut_id, segment_ids=[sa[3]], handles_ms=500)
    three, four = show(project, cut_id)["items"][2:]
    assert three["source_in_frames"] == 0 and four["source_out_frames"] == 250
    # A line at 29.97: in floor, out ceil at the clip's own rate.
    model.add_item(project, cut_id, segment_ids=[sb[0]], handles_ms=0, track="V2")
    ntsc = show(project, cut_id)["items"][4]
    assert (ntsc["source_in_frames"], ntsc["source_out_frames"]) == (29, 60)  # 29.97 -> 29; 59.94 -> 60
    with pytest.raises(RefusedError, match="one clip"):
        model.add_item(project, cut_id, segment_ids=[sa[0], sb[0]])
    with pytest.raises(NotFoundError):
        model.add_item(project, cut_id, segment_ids=[99999])
    with pytest.raises(RefusedError, match="in and out points go with a clip"):
        model.add_item(project, cut_id, segment_ids=[sa[0]], in_s=1.0)


def test_untimed_lines_are_refused(project, clips, tmp_path):
    a, _b = clips
    path = tmp_path / "plain.txt"
    path.write_text("没有时间的一句话。\n", encoding="utf-8")
    import_transcript(project, a, path, "zh")
    cut_id = model.new_cut(project, "Cut")
    with pytest.raises(RefusedError, match="no times"):
        model.add_item(project, cut_id, segment_ids=segments(project, a))


def test_subclip_items_use_the_subclip_range_and_name(project, clips):
    a, _b = clips
    sub = add_subclip(project, a, 2.0, 4.0, "Breakfast")
    cut_id = model.new_cut(project, "Cut")
    model.add_item(project, cut_id, subclip_id=sub)
    item = show(project, cut_id)["items"][0]
    assert (item["source_in_frames"], item["source_out_frames"], item["subclip_id"]) == (50, 100, sub)
    assert item["name"] == "Breakfast"


# ------------------------------------------------------------------ edits
def test_move_trim_remove_keep_positions_dense_and_versions_honest(project, clips):
    a, b = clips
    cut_id = model.new_cut(project, "Cut")
    ids = [model.add_item(project, cut_id, clip_id=a, in_s=i, out_s=i + 1) for i in range(4)]
    assert [i["id"] for i in show(project, cut_id)["items"]] == ids
    inserted = model.add_item(project, cut_id, clip_id=b, in_s=0, out_s=1, position=1)
    order = [i["id"] for i in show(project, cut_id)["items"]]
    assert order == [ids[0], inserted, *ids[1:]]
    versions = {i["id"]: i["version"] for i in show(project, cut_id)["items"]}
    assert set(versions.values()) == {1}  # renumbering is not an edit

    model.move_item(project, ids[3], 0)
    data = show(project, cut_id)
    assert [i["id"] for i in data["items"]] == [ids[3], ids[0], inserted, ids[1], ids[2]]
    assert [i["position"] for i in data["items"]] == [0, 1, 2, 3, 4]
    assert [i["record_in"] for i in data["items"]] == [0.0, 1.0, 2.0, 3.0, 4.0]  # b's 30 frames at 29.97 = 25
    moved = {i["id"]: i["version"] for i in data["items"]}
    assert moved[ids[3]] == 2 and all(v == 1 for k, v in moved.items() if k != ids[3])

    model.move_item(project, inserted, track="V2")
    data = show(project, cut_id)
    assert [(i["id"], i["track"], i["position"]) for i in data["items"]] == [
        (ids[3], "V1", 0), (ids[0], "V1", 1), (ids[1], "V1", 2), (ids[2], "V1", 3), (inserted, "V2", 0)]

    model.trim_item(project, ids[0], in_s=0.2, out_s=0.52)
    item = [i for i in show(project, cut_id)["items"] if i["id"] == ids[0]][0]
    assert (item["source_in_frames"], item["source_out_frames"], item["version"]) == (5, 13, 2)
    assert [i["record_in"] for i in show(project, cut_id)["items"] if i["track"] == "V1"] == [0.0, 1.0, 1.32, 2.32]
    model.trim_item(project, ids[0], out_s=1.0)
    item = [i for i in show(project, cut_id)["items"] if i["id"] == ids[0]][0]
    assert (item["source_in_frames"], item["source_out_frames"]) == (5, 25)
    with pytest.raises(RefusedError, match="come after"):
        model.trim_item(project, ids[0], in_s=2.0)
    with pytest.raises(RefusedError, match="after the end"):
        model.trim_item(project, ids[0], out_s=10.5)
    with pytest.raises(ConflictError, match="changed since you read it"):
        model.trim_item(project, ids[0], in_s=0.0, expected_version=1)
    with pytest.raises(ConflictError):
        model.move_item(project, ids[0], 0, expected_version=1)

    model.remove_item(project, ids[1])
    data = show(project, cut_id)
    assert [(i["id"], i["position"]) for i in data["items"] if i["track"] == "V1"] == [
        (ids[3], 0), (ids[0], 1), (ids[2], 2)]
    with pytest.raises(NotFoundError):
        model.remove_item(project, ids[1])
    assert data["version"] > 1  # every edit touches the cut


def test_restore_item_puts_a_removed_item_back_exactly(project, clips, tmp_path):
    a, _b = clips
    import_transcript(project, a, srt(tmp_path / "a.srt", [(1.0, 2.0, "第一句。"), (3.0, 4.0, "第二句。")]), "zh")
    first, second = segments(project, a)
    cut_id = model.new_cut(project, "Cut")
    before = model.add_item(project, cut_id, clip_id=a, in_s=0, out_s=1)
    item = model.add_item(project, cut_id, segment_ids=[second], note="the answer")
    after = model.add_item(project, cut_id, clip_id=a, in_s=5, out_s=6)
    model.trim_item(project, item, in_s=3.2)
    gone = [i for i in show(project, cut_id)["items"] if i["id"] == item][0]
    model.remove_item(project, item)

    again = model.restore_item(project, cut_id, clip_id=a, source_in=gone["source_in_frames"],
                               source_out=gone["source_out_frames"], track="V1", position=gone["position"],
                               segment_ids=gone["segment_ids"], note="the answer")
    data = show(project, cut_id)
    assert [i["id"] for i in data["items"]] == [before, again, after]
    back = data["items"][1]
    assert (back["source_in_frames"], back["source_out_frames"]) == (80, 100)  # the trimmed range, not the line's
    assert back["segment_ids"] == [second] and back["name"] == "第二句。" and back["note"] == "the answer"
    with pytest.raises(RefusedError, match="come after"):
        model.restore_item(project, cut_id, clip_id=a, source_in=10, source_out=10)
    with pytest.raises(NotFoundError):
        model.restore_item(project, 999, clip_id=a, source_in=0, source_out=5)
    assert first not in back["segment_ids"]


def test_duplicate_cut_makes_the_next_version_with_the_same_items(project, clips, tmp_path):
    a, b = clips
    import_transcript(project, a, srt(tmp_path / "a.srt", [(1.0, 2.0, "一句。")]), "zh")
    cut_id = model.new_cut(project, "Story", rate="30000/1001", tracks=["V1", "A1"], handles_ms=100)
    model.add_item(project, cut_id, segment_ids=segments(project, a))
    model.add_item(project, cut_id, clip_id=b, in_s=1, out_s=2, track="A1")
    v2 = model.duplicate_cut(project, cut_id)
    v3 = model.duplicate_cut(project, cut_id)  # from v1 again: still a new number
    one, two, three = show(project, cut_id), show(project, v2), show(project, v3)
    assert (two["cut_version"], two["parent_id"], three["cut_version"]) == (2, cut_id, 3)
    assert two["rate"] == "30000/1001" and two["tracks"] == ["V1", "A1"] and two["handles_ms"] == 100

    def shape(data):
        return [(i["track"], i["position"], i["clip_id"], i["in"], i["out"], i["record_in"], i["segment_ids"])
                for i in data["items"]]

    assert shape(one) == shape(two) == shape(three)
    assert {i["id"] for i in one["items"]}.isdisjoint(i["id"] for i in two["items"])
    with project.session() as s:
        assert [c["cut_version"] for c in model.cuts_json(s)] == [1, 2, 3]


# ------------------------------------------------------------------ warnings and JSON
def test_cut_json_has_the_cli_shape_and_warns_about_flagged_people_and_missing_media(project, clips):
    a, b = clips
    add_subject(project, "Xiao Lei", "小雷", flags=["minor", "no-name"])
    add_subject(project, "Mother", "妈妈")
    set_clips(project, [b], add_subjects=["Xiao Lei", "Mother"])
    cut_id = model.new_cut(project, "Cut")
    model.add_item(project, cut_id, clip_id=a, in_s=0, out_s=1)
    model.add_item(project, cut_id, clip_id=b, in_s=0, out_s=1)
    data = show(project, cut_id)
    assert {"id", "name", "rate", "duration", "items", "warnings"} <= set(data)
    assert {"clip_id", "in", "out", "record_in", "track"} <= set(data["items"][0])
    warnings = data["warnings"]
    assert (f"Xiao Lei (clip {b}) is flagged minor: blur faces and check consent before showing this cut"
            in warnings)
    assert any(w.startswith(f"Xiao Lei (clip {b}) is flagged no-name:") for w in warnings)
    assert not any(w.startswith("Mother") for w in warnings)
    # The factory's files are catalogued but not on disk.
    assert any(f"clip {a} (A001)" in w and "missing from disk" in w for w in warnings)


def test_to_cut_frames_rescales_with_opentime_and_rounds_half_up():
    assert model.to_cut_frames(45, NTSC, Fraction(25)) == 38  # 37.54
    assert model.to_cut_frames(30, NTSC, Fraction(25)) == 25  # 25.025
    assert model.to_cut_frames(1, Fraction(50), Fraction(25)) == 1  # 0.5 -> 1
    assert model.to_cut_frames(25, Fraction(25), NTSC) == 30  # 29.97
    assert model.to_cut_frames(17, Fraction(25), Fraction(25)) == 17


# ------------------------------------------------------------------ timeline
def test_timeline_has_frame_exact_ranges_references_markers_and_metadata(project, clips, tmp_path):
    a, b = clips
    import_transcript(project, b, srt(tmp_path / "b.srt", [(1.0, 2.0, "小雷今年十二岁，他很喜欢踢足球。")]), "zh")
    import_transcript(project, b, srt(tmp_path / "b_en.srt", [(1.0, 2.0, "Xiao Lei is twelve.")]), "en",
                      translation_of="zh")
    seg = segments(project, b)[0]
    tag_segment(project, seg, "football")
    add_subject(project, "Xiao Lei", "小雷", flags=["minor"])
    set_clips(project, [b], add_subjects=["Xiao Lei"])
    add_marker(project, b, 1.5, note="goal")        # inside the item
    add_marker(project, b, 8.0, note="outside")     # not in the item
    add_marker(project, a, 0.5, note="on A", colour="blue")
    cut_id = model.new_cut(project, "Cut", tracks=["V1", "V2", "A1"])
    model.add_item(project, cut_id, clip_id=a, in_s=0.2, out_s=1.0)
    item_b = model.add_item(project, cut_id, segment_ids=[seg])
    model.add_item(project, cut_id, clip_id=a, in_s=0, out_s=2, track="A1")
    with project.session() as s:
        timeline = build_timeline(s, cut_id)

    assert timeline.name == "Cut v1"
    assert [(t.name, t.kind) for t in timeline.tracks] == [
        ("V1", otio.schema.TrackKind.Video), ("V2", otio.schema.TrackKind.Video),
        ("A1", otio.schema.TrackKind.Audio)]
    first, second = timeline.tracks[0]
    assert first.name == "A001"
    assert first.source_range == otio.opentime.TimeRange(otio.opentime.RationalTime(5, 25),
                                                         otio.opentime.RationalTime(20, 25))
    assert first.media_reference.target_url == "file:///archive/A001/00000.MTS"
    assert first.media_reference.available_range.duration == otio.opentime.RationalTime(250, 25)
    assert [m.name for m in first.markers] == ["on A"] and first.markers[0].color == "BLUE"
    assert first.metadata["docmanager"]["scan"] == "interlaced"

    # The 29.97 clip counts frames at exactly 30000/1001.
    rate = second.source_range.start_time.rate
    assert rate == float(NTSC)
    assert (second.source_range.start_time.value, second.source_range.duration.value) == (29, 31)
    assert second.name == "小雷今年十二岁，他很喜欢踢足球。"
    names = [m.name for m in second.markers]
    assert names == [f"{SENSITIVE_PREFIX}minor", "football", "goal"]
    sensitive = second.markers[0]
    assert sensitive.color == otio.schema.MarkerColor.RED
    assert sensitive.marked_range.start_time.value == 29  # at the item's first frame
    meta = second.metadata["docmanager"]
    assert meta["item_id"] == item_b and meta["clip_id"] == b and meta["clip_rate"] == "30000/1001"
    subject = meta["subjects"][0]
    assert (subject["name"], subject["name_zh"], list(subject["flags"])) == ("Xiao Lei", "小雷", ["minor"])
    assert meta["sensitivity"][0]["flag"] == "minor"
    assert meta["files"][0]["xxh64"] and meta["media"]["path"] == "/archive/B002/00000.MTS"
    assert meta["segments"][0]["id"] == seg and meta["segments"][0]["translation_en"] == "Xiao Lei is twelve."
    assert list(meta["segments"][0]["tags"]) == ["football"]
    top = timeline.metadata["docmanager"]
    assert top["cut_id"] == cut_id and top["rate"] == "25"
    assert any("flagged minor" in w for w in top["warnings"])
    # Record positions: the 31 frames at 29.97 take 26 frames of the 25 fps cut.
    assert timeline.tracks[0].range_of_child_at_index(1).start_time.to_frames(25) == 20
    assert otio.opentime.RationalTime(31, float(NTSC)).value_rescaled_to(25) == pytest.approx(25.86, abs=0.01)


def test_spanned_clip_without_joined_file_uses_its_first_file_and_warns(project):
    clip = add_plain_clip(project, "SPAN", seconds=6, files=3)
    cut_id = model.new_cut(project, "Cut")
    model.add_item(project, cut_id, clip_id=clip, in_s=1, out_s=5)
    data = show(project, cut_id)
    assert any("spanned over 3 files and has no joined file" in w for w in data["warnings"])
    with project.session() as s:
        timeline = build_timeline(s, cut_id)
    assert timeline.tracks[0][0].media_reference.target_url.endswith("/SPAN/00000.MTS")


def test_a_clip_in_a_cut_cannot_be_deleted_and_deleting_a_cut_removes_its_items(project, clips):
    from sqlalchemy import func, select
    from sqlalchemy.exc import IntegrityError

    from docmanager.db.models import Clip

    a, _b = clips
    cut_id = model.new_cut(project, "Cut")
    model.add_item(project, cut_id, clip_id=a, in_s=0, out_s=1)
    with pytest.raises(IntegrityError):
        project.write(lambda s: s.delete(s.get(Clip, a)))
    project.write(lambda s: s.delete(s.get(Cut, cut_id)))
    with project.session() as s:
        assert s.scalar(select(func.count()).select_from(CutItem)) == 0
