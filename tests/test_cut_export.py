"""Cut export with real media: every format is written, read back and checked to the frame.

The cut: three transcript lines from two clips -- a take spanned over three
AVCHD files (its second line crosses the seam between the first two files)
and a 29.97 fps MOV in a 25 fps cut -- plus a clip range on V2 and one on A1.
The MOV shows a subject flagged ``minor``.  A2 is empty, so the export gives
it the sound of V2's item.

Sync sound has a cut of its own (``sound``): picture on V1 and V2 and nothing
on the audio tracks, one of the clips without sound.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from xml.etree import ElementTree

import opentimelineio as otio
import pytest

from docmanager.catalogue.clips import get_clip, set_clips
from docmanager.catalogue.people import add_subject
from docmanager.catalogue.ranges import add_marker
from docmanager.cuts import export as export_module
from docmanager.cuts import fcp7_fast, model
from docmanager.cuts.export import CutFcpxReader, export_cut, format_for, reel_name
from docmanager.cuts.timeline import SENSITIVE_PREFIX
from docmanager.errors import DocManagerError, RefusedError
from docmanager.ingest.ingest import ingest
from docmanager.jobs import Cancelled
from docmanager.media.avchd_card import TakeSpec, write_card_detailed
from docmanager.media.ffmpeg import run_ffmpeg
from docmanager.media.generate import make_clip, read_frame_number
from docmanager.project import Project
from docmanager.transcripts.store import import_transcript, tag_segment, transcript_json
from tests.factories import add_plain_clip
from tests.test_cuts import srt

NTSC = Fraction(30000, 1001)
DTD = Path(__file__).resolve().parents[2] / "shared" / "samples" / "FCPXMLv1_8.dtd"
SUFFIXES = (".otio", ".xml", ".fcpxml", ".edl", ".otioz", ".aaf")


@dataclass
class Scene:
    project: Project
    cut_id: int
    take: int
    mov: int
    seam_frame: int
    joined: Path
    parts: list[Path]
    lines: list[int]


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Scene:
    root = tmp_path_factory.mktemp("cut-export")
    _bdmv, takes = write_card_detailed(root / "CARD", [TakeSpec(seconds=4, files=3)])
    first = takes[0].files[0]
    seam = Fraction(first.out_time - first.in_time, 45000)  # the first file's length: where the seam is
    make_clip(root / "media" / "talk.mov", seconds=4, rate=NTSC, size=(640, 360))
    project = Project.create(root / "Film")
    report = ingest(project, [root / "CARD", root / "media"], posters=False)
    assert report.ok, report.failed
    take, mov = report.data["clips_added"]
    s = float(seam)
    import_transcript(project, take, srt(root / "take.srt", [
        (0.2, 1.0, "我们早上六点出发。"), (s - 0.5, s + 0.7, "路上一直在下雨，孩子们都睡着了。"),
        (2.6, 3.5, "到了以后才开始拍。")]), "zh")
    import_transcript(project, take, srt(root / "take_en.srt", [
        (s - 0.5, s + 0.7, "It rained all the way; the children fell asleep.")]), "en", translation_of="zh")
    import_transcript(project, mov, srt(root / "mov.srt", [(0.5, 1.6, "小雷今年十二岁。"), (2.0, 3.2, "他想当医生。")]),
                      "zh")
    with project.session() as session:
        take_lines = [x["id"] for x in transcript_json(session, take, "zh")["segments"]]
        mov_lines = [x["id"] for x in transcript_json(session, mov, "zh")["segments"]]
        clip = get_clip(session, take)
        joined = Path(clip.joined_file.path)
        parts = [Path(f.media_file.path) for f in clip.files]
    tag_segment(project, take_lines[1], "rain")
    add_subject(project, "Xiao Lei", "小雷", flags=["minor"])
    set_clips(project, [mov], add_subjects=["Xiao Lei"])
    add_marker(project, take, s, note="seam")
    cut_id = model.new_cut(project, "Journey", rate="25", handles_ms=200)
    lines = [take_lines[1], mov_lines[0], take_lines[2]]
    for line in lines:
        model.add_item(project, cut_id, segment_ids=[line])
    model.add_item(project, cut_id, clip_id=take, in_s=0.0, out_s=0.8, track="V2")
    model.add_item(project, cut_id, clip_id=mov, in_s=0.5, out_s=1.5, track="A1")
    yield Scene(project, cut_id, take, mov, round(seam * 25), joined, parts, lines)
    project.close()


def show(scene: Scene) -> dict:
    with scene.project.session() as session:
        return model.cut_json(session, scene.cut_id)


def read_back(path: Path, fmt: str, rate: float):
    if fmt == "fcpx_xml":
        return CutFcpxReader(path.read_text(encoding="utf-8")).to_otio()
    if fmt == "cmx_3600":
        return otio.adapters.read_from_file(str(path), adapter_name=fmt, rate=rate)
    return otio.adapters.read_from_file(str(path), adapter_name=fmt)


# ------------------------------------------------------------------ the cut
@pytest.mark.slow
def test_cut_of_lines_crosses_the_seam_and_warns_about_the_minor(scene):
    data = show(scene)
    v1 = [i for i in data["items"] if i["track"] == "V1"]
    assert [i["segment_ids"] for i in v1] == [[line] for line in scene.lines]
    crossing = v1[0]
    assert crossing["clip_id"] == scene.take
    assert crossing["source_in_frames"] < scene.seam_frame < crossing["source_out_frames"]
    assert len(scene.parts) == 3 and scene.joined.stat().st_size == sum(p.stat().st_size for p in scene.parts)
    assert (f"Xiao Lei (clip {scene.mov}) is flagged minor: blur faces and check consent before showing this cut"
            in data["warnings"])
    assert [i["record_in"] for i in v1] == [0.0, v1[0]["record_out"], v1[1]["record_out"]]


# ------------------------------------------------------------------ every format
@pytest.mark.slow
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_format_reads_back_frame_exact_or_names_what_it_lost(scene, tmp_path, suffix):
    out = tmp_path / f"Journey{suffix}"
    result = export_cut(scene.project, scene.cut_id, out)
    fmt = format_for(out)
    assert result.path == out and out.is_file() and result.format == fmt
    assert result.check.reread, result.check.error
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [out.name] + [p.name for p in result.extra_files])  # no temporary files left
    losses = result.check.losses
    data = show(scene)
    written = ["V1"] if fmt == "cmx_3600" else ["V1", "V2", "A1"]
    expected = {track: [i for i in data["items"] if i["track"] == track] for track in written}
    assert result.items == sum(len(v) for v in expected.values())

    timeline = read_back(out, fmt, 25.0)
    got = {}
    for track in timeline.tracks:
        clips = [c for c in track if isinstance(c, otio.schema.Clip)]
        if clips:
            got.setdefault(track.kind, []).append(clips)
    kinds = {"V1": (otio.schema.TrackKind.Video, 0), "V2": (otio.schema.TrackKind.Video, 1),
             "A1": (otio.schema.TrackKind.Audio, 0)}
    for track, items in expected.items():
        kind, index = kinds[track]
        clips = got[kind][index]
        assert len(clips) == len(items), (track, losses)
        for n, (item, clip) in enumerate(zip(items, clips), start=1):
            rate = float(Fraction(item["clip_rate"]))
            start = round(clip.source_range.start_time.value_rescaled_to(rate))
            end = round(clip.source_range.end_time_exclusive().value_rescaled_to(rate))
            named = any(f"{track} item {n} " in loss for loss in losses)
            if start != item["source_in_frames"]:
                assert named, (track, n, start, item, losses)
            if item["clip_rate"] == "25":
                assert (start, end) == (item["source_in_frames"], item["source_out_frames"]), (track, n, fmt)
            elif not named:  # a conformed 29.97 clip: its length on the cut is exact, its out within half a frame
                exact_out = item["source_out_frames"] / rate
                assert abs(clip.source_range.end_time_exclusive().to_seconds() - exact_out) <= 0.02 + 1e-6

    metadata_loss = any("keeps no DocManager metadata" in loss for loss in losses)
    if fmt in ("otio_json", "otioz"):
        assert losses == []
    else:
        assert metadata_loss
    if fmt in ("fcp_xml", "fcpx_xml"):
        assert losses == [loss for loss in losses if "DocManager metadata" in loss]
    if fmt == "cmx_3600":
        assert "EDL keeps one video track: track V2 dropped (1 item)" in losses
        assert any(loss.startswith("EDL keeps one video track") and "track A1 dropped" in loss for loss in losses)
        assert any("EDL holds one frame rate" in loss and "talk.mov" in loss for loss in losses)
        reels = result.extra_files[0]
        assert reels.name == "Journey.reels.csv"
        table = reels.read_text(encoding="utf-8").splitlines()
        assert table[0] == "reel,clip_id,clip_name,path,xxh64,rate"
        assert any(row.startswith(f"{reel_name(scene.take)},{scene.take},") and str(scene.joined) in row
                   for row in table)
        edl = out.read_text(encoding="utf-8")
        assert f"{reel_name(scene.take)} V     C" in edl and all(len(reel_name(i)) == 8 for i in (1, 10**7))
    if fmt == "AAF":
        assert any(loss.startswith("AAF keeps no clip markers: 4 markers dropped; 2 sensitivity markers")
                   for loss in losses)
        assert any("AAF holds one frame rate" in loss for loss in losses)


@pytest.mark.slow
def test_fcp_xml_parses_and_points_at_the_joined_file(scene, tmp_path):
    out = tmp_path / "cut.xml"
    export_cut(scene.project, scene.cut_id, out)
    tree = ElementTree.parse(out)
    urls = {el.text for el in tree.iter("pathurl")}
    paths = {Path(otio.url_utils.filepath_from_url(url)) for url in urls}
    assert paths and all(p.is_file() for p in paths)
    assert scene.joined in paths
    assert not paths & set(scene.parts)  # never a part of the spanned take
    timeline = otio.adapters.read_from_file(str(out), adapter_name="fcp_xml")
    assert len(timeline.find_clips()) == 6  # the five items and the sound of V2's item on A2


def _sequence_length(text: bytes) -> tuple[bytes, int]:
    """The FCP 7 file with its sequence's <duration> taken out, and that duration (frames of the sequence)."""
    found = re.search(rb"<sequence[^>]*>.*?<duration>(\d+)</duration>", text, re.DOTALL)
    assert found, text[:400]
    return text[:found.start(1)] + b"N" + text[found.end(1):], int(found.group(1))


def _cut_frames(project, cut_id: int) -> int:
    """The cut's length in its own frames, as the catalogue places its items."""
    with project.session() as session:
        places = model.placements(model.get_cut(session, cut_id))
    return max(place.record_out for place in places.values())


@pytest.mark.slow
def test_fcp_xml_export_is_the_stock_adapters_file_and_reading(scene, tmp_path):
    """The fast FCP 7 writer and reader give the stock adapter's bytes and timeline for the spanned, mixed-rate cut."""
    out = tmp_path / "cut.xml"
    result = export_cut(scene.project, scene.cut_id, out)
    assert result.check.reread
    with scene.project.session() as session:
        timeline = export_module.timeline_of(session, model.get_cut(session, scene.cut_id), sync_sound=True)
    stock_path = tmp_path / "stock.xml"
    otio.adapters.write_to_file(timeline, str(stock_path), adapter_name="fcp_xml")
    # The stock writer counts a mixed-rate sequence's length in its first clip's rate; the rest is its bytes.
    ours, length = _sequence_length(out.read_bytes())
    assert ours == _sequence_length(stock_path.read_bytes())[0]
    assert length == _cut_frames(scene.project, scene.cut_id)
    stock = otio.adapters.read_from_file(str(out), adapter_name="fcp_xml")
    assert (otio.adapters.write_to_string(fcp7_fast.read_fcp7(out), "otio_json")
            == otio.adapters.write_to_string(stock, "otio_json"))
    rates = {clip.source_range.start_time.rate for clip in stock.find_clips()}
    assert rates == {25.0, 30000 / 1001}  # the 29.97 MOV keeps its own rate in the 25 fps cut
    assert any(otio.url_utils.filepath_from_url(clip.media_reference.target_url) == str(scene.joined)
               for clip in stock.find_clips())


@pytest.mark.slow
def test_otioz_holds_the_media(scene, tmp_path):
    out = tmp_path / "cut.otioz"
    export_cut(scene.project, scene.cut_id, out)
    with zipfile.ZipFile(out) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    assert "content.otio" in sizes
    assert sizes[f"media/{scene.joined.name}"] == scene.joined.stat().st_size
    assert sizes["media/talk.mov"] > 0
    urls = {c.media_reference.target_url for c in
            otio.adapters.read_from_file(str(out), adapter_name="otioz").find_clips()}
    assert urls == {f"media/{scene.joined.name}", "media/talk.mov"}


@pytest.mark.slow
def test_otioz_bundles_files_that_share_a_name_and_names_missing_ones(project, tmp_path):
    for card in ("CARD_A", "CARD_B", "CARD_C"):
        make_clip(tmp_path / card / "clip.mp4", seconds=1, size=(320, 180), audio=False, label=card)
    report = ingest(project, [tmp_path / "CARD_A", tmp_path / "CARD_B", tmp_path / "CARD_C"], posters=False)
    assert report.ok, report.failed
    cut_id = model.new_cut(project, "Same names")
    for clip_id in report.data["clips_added"]:
        model.add_item(project, cut_id, clip_id=clip_id, in_s=0.2, out_s=0.6)
    (tmp_path / "CARD_C" / "clip.mp4").unlink()
    result = export_cut(project, cut_id, tmp_path / "cut.otioz")
    with zipfile.ZipFile(result.path) as archive:
        media = sorted(n for n in archive.namelist() if n.startswith("media/"))
    second = report.data["clips_added"][1]
    assert media == ["media/clip-clip{}.mp4".format(second), "media/clip.mp4"]
    assert result.check.reread
    assert result.check.losses == [f"OTIOZ cannot bundle {tmp_path / 'CARD_C' / 'clip.mp4'}: the file is missing; "
                                   "its clips point at no media in the bundle"]


@pytest.mark.slow
def test_fcpxml_is_valid_against_apples_dtd(scene, tmp_path):
    if not DTD.is_file():
        pytest.skip(f"the FCPXML DTD sample is not here ({DTD})")
    if shutil.which("xmllint") is None:
        pytest.skip("xmllint is not installed")
    out = tmp_path / "cut.fcpxml"
    export_cut(scene.project, scene.cut_id, out)
    check = subprocess.run(["xmllint", "--noout", "--dtdvalid", str(DTD), str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    text = out.read_text(encoding="utf-8")
    assert 'frameDuration="1/25s"' in text and 'frameDuration="1001/30000s"' in text
    assert '<sequence duration=' in text and 'format="r1"' in text  # the project at the cut's 25 fps


def _fcpxml_document(path: Path):
    """The exported FCPXML, checked against Apple's DTD (lxml)."""
    if not DTD.is_file():
        pytest.skip(f"the FCPXML DTD sample is not here ({DTD})")
    etree = pytest.importorskip("lxml.etree")
    with open(DTD, "rb") as handle:
        dtd = etree.DTD(handle)
    document = etree.parse(str(path))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    return document


def _sequence_format(document) -> dict:
    sequence = document.find(".//project/sequence")
    return dict(document.find(f"./resources/format[@id='{sequence.get('format')}']").attrib)


def test_fcpxml_of_a_1080i50_cut_says_its_frame_size_and_field_order(project, tmp_path):
    """AVCHD 1080i50 clips in a 50i cut: the project's format is 1920x1080, upper field first, FFVideoFormat1080i50;
    the project has a uid that stays the same until the cut changes."""
    clips = [add_plain_clip(project, f"0000{n}", seconds=4, interlaced=True) for n in (1, 2)]
    cut_id = model.new_cut(project, "AVCHD", rate="50i")
    for clip_id in clips:
        model.add_item(project, cut_id, clip_id=clip_id, in_s=0.5, out_s=2.0)
    result = export_cut(project, cut_id, tmp_path / "avchd.fcpxml")
    assert result.check.reread
    document = _fcpxml_document(result.path)
    assert _sequence_format(document) == {"id": "r1", "frameDuration": "1/25s", "name": "FFVideoFormat1080i50",
                                          "width": "1920", "height": "1080", "fieldOrder": "upper first"}
    assert [f.get("id") for f in document.iter("format")] == ["r1"]  # the assets share the project's format
    uid = document.find(".//project").get("uid")
    assert re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", uid)
    again = _fcpxml_document(export_cut(project, cut_id, tmp_path / "again.fcpxml").path)
    assert again.find(".//project").get("uid") == uid
    model.add_item(project, cut_id, clip_id=clips[0], in_s=2.0, out_s=3.0)
    edited = _fcpxml_document(export_cut(project, cut_id, tmp_path / "edited.fcpxml").path)
    assert edited.find(".//project").get("uid") not in ("", uid)


def test_fcpxml_of_a_progressive_hd_cut_has_no_field_order(project, tmp_path):
    clips = [add_plain_clip(project, f"P000{n}", seconds=4) for n in (1, 2)]
    cut_id = model.new_cut(project, "Progressive", rate="25")
    for clip_id in clips:
        model.add_item(project, cut_id, clip_id=clip_id, in_s=0.0, out_s=1.0)
    result = export_cut(project, cut_id, tmp_path / "p25.fcpxml")
    assert result.check.reread
    assert _sequence_format(_fcpxml_document(result.path)) == {
        "id": "r1", "frameDuration": "1/25s", "name": "FFVideoFormat1080p25", "width": "1920", "height": "1080"}


def test_fcpxml_project_follows_most_items_and_each_rate_its_own_clips(project, tmp_path):
    """Two interlaced items and one progressive one: an interlaced project; the 29.97 clip's format is its own."""
    interlaced = [add_plain_clip(project, f"I000{n}", seconds=4, interlaced=True) for n in (1, 2)]
    ntsc = add_plain_clip(project, "NTSC", seconds=4, rate=(30000, 1001))
    cut_id = model.new_cut(project, "Mixed", rate="25")
    for clip_id in (interlaced[0], ntsc, interlaced[1]):
        model.add_item(project, cut_id, clip_id=clip_id, in_s=0.0, out_s=1.0)
    result = export_cut(project, cut_id, tmp_path / "mixed.fcpxml")
    assert result.check.reread
    document = _fcpxml_document(result.path)
    assert _sequence_format(document)["fieldOrder"] == "upper first"
    formats = {f.get("frameDuration"): dict(f.attrib) for f in document.iter("format")}
    assert formats["1001/30000s"] == {"id": formats["1001/30000s"]["id"], "frameDuration": "1001/30000s",
                                      "name": "FFVideoFormat1080p2997", "width": "1920", "height": "1080"}
    # a cut made at a rate no interlaced format has stays progressive
    fifty = model.new_cut(project, "Fifty", rate="50")
    model.add_item(project, fifty, clip_id=interlaced[0], in_s=0.0, out_s=1.0)
    fields = _sequence_format(_fcpxml_document(export_cut(project, fifty, tmp_path / "fifty.fcpxml").path))
    assert fields["frameDuration"] == "1/50s" and "fieldOrder" not in fields


def test_fcpxml_is_the_fast_writers_file_with_its_formats_described(project, tmp_path):
    """Beyond the formats' name, width, height and fieldOrder and the project's uid, the file is what the
    writer makes without pictures."""
    clip_id = add_plain_clip(project, "00009", seconds=4, interlaced=True)
    cut_id = model.new_cut(project, "Same", rate="50i")
    model.add_item(project, cut_id, clip_id=clip_id, in_s=0.0, out_s=2.0)
    model.add_item(project, cut_id, clip_id=clip_id, in_s=2.0, out_s=3.0, track="V2")
    out = export_cut(project, cut_id, tmp_path / "same.fcpxml").path
    with project.session() as session:
        timeline = export_module.timeline_of(session, model.get_cut(session, cut_id), sync_sound=True)
    plain = export_module.CutFcpxWriter(export_module._on_cut_grid(timeline, Fraction(25))).to_xml()
    text = out.read_text(encoding="utf-8")
    described = re.sub(r' width="1920" height="1080" fieldOrder="upper first"/>', "/>", text)
    described = described.replace('name="FFVideoFormat1080i50"', 'name=""')
    assert re.sub(r'uid="[^"]*"', 'uid=""', described) == plain
    assert text != plain


@pytest.mark.slow
def test_fcpxml_of_the_avchd_and_mov_cut_describes_both_formats(scene, tmp_path):
    document = _fcpxml_document(export_cut(scene.project, scene.cut_id, tmp_path / "cut.fcpxml").path)
    assert _sequence_format(document) == {"id": "r1", "frameDuration": "1/25s", "name": "FFVideoFormat1080i50",
                                          "width": "1920", "height": "1080", "fieldOrder": "upper first"}
    mov = {f.get("frameDuration"): dict(f.attrib) for f in document.iter("format")}["1001/30000s"]
    assert (mov["name"], mov["width"], mov["height"], "fieldOrder" in mov) == ("", "640", "360", False)


@pytest.mark.slow
def test_otio_carries_the_sensitivity_flag_in_metadata_and_as_a_red_marker(scene, tmp_path):
    out = tmp_path / "cut.otio"
    export_cut(scene.project, scene.cut_id, out)
    timeline = otio.adapters.read_from_file(str(out))
    mov_clip = [c for c in timeline.tracks[0] if c.metadata["docmanager"]["clip_id"] == scene.mov][0]
    meta = mov_clip.metadata["docmanager"]
    assert [(f["subject"], f["flag"]) for f in meta["sensitivity"]] == [("Xiao Lei", "minor")]
    assert meta["subjects"][0]["name_zh"] == "小雷"
    marker = [m for m in mov_clip.markers if m.name == f"{SENSITIVE_PREFIX}minor"][0]
    assert marker.color == otio.schema.MarkerColor.RED
    assert marker.marked_range.start_time == mov_clip.source_range.start_time
    take_clip = timeline.tracks[0][0]
    segment = take_clip.metadata["docmanager"]["segments"][0]
    assert segment["translation_en"] == "It rained all the way; the children fell asleep."
    hashes = {f["xxh64"] for f in take_clip.metadata["docmanager"]["files"]}
    assert len(hashes) == 3 and take_clip.metadata["docmanager"]["joined_file"]["xxh64"]
    assert {m.name for m in take_clip.markers} == {"rain", "seam"}


# ------------------------------------------------------------------ the check itself
@pytest.mark.slow
def test_the_check_names_differences_it_reads_back(scene, tmp_path, monkeypatch):
    original = otio.adapters.read_from_file

    def tampered(path, *args, **kwargs):
        timeline = original(path, *args, **kwargs)
        first = timeline.tracks[0][0]
        start = first.source_range.start_time
        first.source_range = otio.opentime.TimeRange(start + otio.opentime.RationalTime(2, start.rate),
                                                     first.source_range.duration)
        del first.markers[:]
        del timeline.tracks[1][:]
        return timeline

    monkeypatch.setattr(export_module.otio.adapters, "read_from_file", tampered)
    result = export_cut(scene.project, scene.cut_id, tmp_path / "cut.otio")
    losses = result.check.losses
    assert result.check.reread
    assert any(loss.startswith("OTIO: V1 item 1 ") and "(+2 frames at 25)" in loss for loss in losses), losses
    assert any(loss.startswith("OTIO dropped 2 markers of 4: “rain” on V1 item 1") for loss in losses), losses
    assert "OTIO: track V2 comes back with 0 items instead of 1" in losses


@pytest.mark.slow
def test_unreadable_file_gives_reread_false_and_a_failed_write_leaves_nothing(scene, tmp_path, monkeypatch):
    def broken_read(*args, **kwargs):
        raise otio.exceptions.OTIOError("garbled")

    with monkeypatch.context() as patch:
        patch.setattr(export_module.otio.adapters, "read_from_file", broken_read)
        result = export_cut(scene.project, scene.cut_id, tmp_path / "cut.otio")
    assert not result.check.reread and "garbled" in result.check.error and result.path.is_file()

    def broken_write(timeline, path, *args, **kwargs):
        Path(path).write_text("half", encoding="utf-8")
        raise OSError("disk full")

    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(export_module.otio.adapters, "write_to_file", broken_write)
    monkeypatch.setattr(export_module.fcp7_fast, "write_fcp7", broken_write)
    for suffix in (".xml", ".edl"):
        with pytest.raises(DocManagerError, match="disk full"):
            export_cut(scene.project, scene.cut_id, folder / f"cut{suffix}")
    assert list(folder.iterdir()) == []


def test_formats_by_suffix_and_name_and_refusals(project):
    assert [format_for(f"a{s}") for s in SUFFIXES] == ["otio_json", "fcp_xml", "fcpx_xml", "cmx_3600", "otioz",
                                                        "AAF"]
    assert format_for("cut.txt", "aaf") == "AAF" and format_for("x", "EDL") == "cmx_3600"
    with pytest.raises(RefusedError, match="cannot tell the format"):
        format_for("cut.mov")
    with pytest.raises(RefusedError, match="unknown export format"):
        format_for("cut.xml", "premiere pro 2")
    assert reel_name(123) == "CL000123" and reel_name(36 ** 5) == "C0100000"
    cut_id = model.new_cut(project, "Empty")
    exports = project.folder("exports")
    with pytest.raises(RefusedError, match="no items"):
        export_cut(project, cut_id, exports / "empty.otio")
    clip_id = add_plain_clip(project, "A001")
    model.add_item(project, cut_id, clip_id=clip_id, in_s=0, out_s=1, track="A1")
    with pytest.raises(RefusedError, match="no video track of this cut has items"):
        export_cut(project, cut_id, exports / "audio.edl")
    with pytest.raises(Cancelled):
        export_cut(project, cut_id, exports / "cancelled.otio", cancel=lambda: True)
    with pytest.raises(RefusedError, match="does not exist"):
        export_cut(project, cut_id, exports / "nowhere" / "cut.otio")
    assert list(exports.iterdir()) == []
    seen = []
    result = export_cut(project, cut_id, exports / "audio.otio", progress=lambda *a: seen.append(a))
    assert result.items == 1 and result.check.losses == [] and seen[-1][:2] == (4, 4)


# ------------------------------------------------------------------ rendering the exported cut
def render(timeline: otio.schema.Timeline, out: Path) -> None:
    """Render V1 by trimming decoded frames of each source (no seeking) and concatenating them."""
    inputs, chains = [], []
    for index, clip in enumerate(timeline.tracks[0].find_clips(shallow_search=True)):
        start = int(clip.source_range.start_time.value)
        end = start + int(clip.source_range.duration.value)
        inputs += ["-i", otio.url_utils.filepath_from_url(clip.media_reference.target_url)]
        chains.append(f"[{index}:v]trim=start_frame={start}:end_frame={end},setpts=PTS-STARTPTS[v{index}]")
    count = len(chains)
    graph = ";".join(chains) + ";" + "".join(f"[v{i}]" for i in range(count)) + f"concat=n={count}:v=1:a=0[out]"
    run_ffmpeg([*inputs, "-filter_complex", graph, "-map", "[out]", "-c:v", "libx264", "-preset", "ultrafast",
                "-qp", "0", "-y", str(out)])


@pytest.mark.slow
@pytest.mark.parametrize("rate", ["25", "30000/1001"])
def test_rendered_cut_shows_the_first_and_last_frame_each_item_asked_for(project, tmp_path, rate):
    frame_rate = Fraction(rate)
    media = tmp_path / "media"
    make_clip(media / "left.mp4", seconds=3, rate=frame_rate, size=(640, 360), audio=False, number_frames=True)
    make_clip(media / "right.mp4", seconds=3, rate=frame_rate, size=(640, 360), audio=False, number_frames=True,
              pattern="gradients")
    report = ingest(project, [media], posters=False)
    assert report.ok, report.failed
    with project.session() as session:
        by_name = {get_clip(session, clip_id).name: clip_id for clip_id in report.data["clips_added"]}
    left, right = by_name["left.mp4"], by_name["right.mp4"]
    cut_id = model.new_cut(project, f"Render {rate.replace('/', '-')}", rate=rate)
    for clip_id, (a, b) in ((left, (0.52, 1.48)), (right, (0.2, 2.0)), (left, (2.0, 2.96)), (right, (0.0, 0.5))):
        model.add_item(project, cut_id, clip_id=clip_id, in_s=a, out_s=b)
    out = tmp_path / "cut.otio"
    result = export_cut(project, cut_id, out)
    assert result.check.losses == []
    timeline = otio.adapters.read_from_file(str(out))
    rendered = tmp_path / "render.mp4"
    render(timeline, rendered)
    track = timeline.tracks[0]
    with project.session() as session:
        items = [i for i in model.cut_json(session, cut_id)["items"] if i["track"] == "V1"]
    for index, (clip, item) in enumerate(zip(track.find_clips(shallow_search=True), items)):
        placed = track.range_of_child_at_index(index)
        first = round(placed.start_time.value_rescaled_to(float(frame_rate)))
        last = round(placed.end_time_exclusive().value_rescaled_to(float(frame_rate))) - 1
        assert read_frame_number(rendered, first) == item["source_in_frames"], (rate, index)
        assert read_frame_number(rendered, last) == item["source_out_frames"] - 1, (rate, index)


# ------------------------------------------------------------------ sync sound
AUDIO_SUFFIXES = (".otio", ".otioz", ".xml", ".fcpxml", ".aaf")


@dataclass
class SoundScene:
    project: Project
    cut_id: int  # picture on V1 and V2, the audio tracks empty
    filled_id: int  # picture on V1, one item put on A1 by hand
    talk: int  # 25 fps with sound
    ntsc: int  # 29.97 fps with sound
    mute: int  # 25 fps without sound


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> SoundScene:
    root = tmp_path_factory.mktemp("sync-sound")
    make_clip(root / "media" / "talk.mov", seconds=3, size=(320, 180))
    make_clip(root / "media" / "ntsc.mp4", seconds=3, rate=NTSC, size=(320, 180), tone_hz=880)
    make_clip(root / "media" / "mute.mp4", seconds=3, size=(320, 180), audio=False)
    project = Project.create(root / "Film")
    report = ingest(project, [root / "media"], posters=False)
    assert report.ok, report.failed
    with project.session() as session:
        by_name = {get_clip(session, c).name: c for c in report.data["clips_added"]}
    talk, ntsc, mute = by_name["talk.mov"], by_name["ntsc.mp4"], by_name["mute.mp4"]
    cut_id = model.new_cut(project, "Interview", rate="25")
    for clip_id, a, b in ((talk, 0.2, 1.0), (ntsc, 0.5, 1.7), (mute, 0.0, 0.6), (talk, 1.0, 2.0)):
        model.add_item(project, cut_id, clip_id=clip_id, in_s=a, out_s=b)
    model.add_item(project, cut_id, clip_id=ntsc, in_s=2.0, out_s=2.6, track="V2")
    filled_id = model.new_cut(project, "Laid by hand", rate="25")
    model.add_item(project, filled_id, clip_id=talk, in_s=0.2, out_s=1.0)
    model.add_item(project, filled_id, clip_id=ntsc, in_s=0.5, out_s=1.7)
    model.add_item(project, filled_id, clip_id=talk, in_s=2.0, out_s=2.4, track="A1")
    yield SoundScene(project, cut_id, filled_id, talk, ntsc, mute)
    project.close()


def _tracks_of(timeline, kind) -> list:
    return [t for t in timeline.tracks if t.kind == kind]


def _placed(track) -> list[tuple[object, int, int]]:
    """(child, record in, record out) in frames of the 25 fps cut."""
    out = []
    for index, child in enumerate(track):
        placed = track.range_of_child_at_index(index)
        out.append((child, round(placed.start_time.value_rescaled_to(25)),
                    round(placed.end_time_exclusive().value_rescaled_to(25))))
    return out


def _source_frames(clip) -> tuple[int, int]:
    rate = clip.source_range.start_time.rate
    return (round(clip.source_range.start_time.value),
            round(clip.source_range.end_time_exclusive().value_rescaled_to(rate)))


def test_catalogue_knows_which_clips_have_sound(sound):
    with sound.project.session() as session:
        assert get_clip(session, sound.talk).audio_codec and get_clip(session, sound.ntsc).audio_codec
        assert get_clip(session, sound.mute).audio_codec is None


def test_sound_follows_picture_only_for_export(sound):
    with sound.project.session() as session:
        cut = model.get_cut(session, sound.cut_id)
        plain = export_module.timeline_of(session, cut)
        synced = export_module.timeline_of(session, cut, sync_sound=True)
    assert [(t.name, len(t)) for t in plain.tracks] == [("V1", 4), ("V2", 1), ("A1", 0), ("A2", 0)]
    assert [(t.name, len(t)) for t in synced.tracks] == [("V1", 4), ("V2", 1), ("A1", 4), ("A2", 1)]
    v1, a1 = synced.tracks[0], synced.tracks[2]
    assert [c.schema_name() for c in a1] == ["Clip", "Clip", "Gap", "Clip"]
    for picture, heard in zip(v1, a1):
        assert heard.source_range.duration == picture.source_range.duration
        meta = heard.metadata["docmanager"]
        assert meta["sync_sound_of"] == "V1"
        assert meta["item_id"] == picture.metadata["docmanager"]["item_id"]
        assert meta["clip_id"] == picture.metadata["docmanager"]["clip_id"]
        if isinstance(heard, otio.schema.Clip):
            assert heard.source_range == picture.source_range and heard.name == picture.name
            assert heard.media_reference.target_url == picture.media_reference.target_url
            assert list(heard.markers) == []  # the markers stay on the picture
        else:
            assert meta["clip_id"] == sound.mute and meta["no_sound"]
    assert synced.tracks[3][0].metadata["docmanager"]["sync_sound_of"] == "V2"


@pytest.mark.slow
@pytest.mark.parametrize("suffix", AUDIO_SUFFIXES)
def test_export_carries_the_sound_of_the_picture(sound, tmp_path, suffix):
    out = tmp_path / f"Interview{suffix}"
    result = export_cut(sound.project, sound.cut_id, out)
    assert result.check.reread, result.check.error
    assert result.items == 5 and result.sync_sound == 4  # three V1 items and V2's have sound
    losses = result.check.losses
    assert not [loss for loss in losses if "A1" in loss and "starts at" not in loss], losses
    assert not [loss for loss in losses if "A2" in loss or "audio" in loss or "dropped" in loss], losses
    if result.format in ("otio_json", "otioz"):
        assert losses == []

    timeline = read_back(out, result.format, 25.0)
    videos = [t for t in _tracks_of(timeline, otio.schema.TrackKind.Video) if len(t)]
    audios = [t for t in _tracks_of(timeline, otio.schema.TrackKind.Audio) if len(t)]
    assert len(videos) == 2 and len(audios) == 2, [(t.name, t.kind, len(t)) for t in timeline.tracks]
    with sound.project.session() as session:
        items = [i for i in model.cut_json(session, sound.cut_id)["items"] if i["track"] == "V1"]
    pictures = [p for p in _placed(videos[0]) if isinstance(p[0], otio.schema.Clip)]
    heard = _placed(audios[0])
    assert len(pictures) == len(items) == 4
    assert [type(c).__name__ for c, *_ in heard] == ["Clip", "Clip", "Gap", "Clip"], heard
    for item, (picture, p_in, p_out), (audio, a_in, a_out) in zip(items, pictures, heard):
        assert (a_in, a_out) == (p_in, p_out), (item, suffix)  # same record placement as its picture
        assert p_in == round(item["record_in"] * 25)
        if item["clip_id"] == sound.mute:
            assert isinstance(audio, otio.schema.Gap)
            continue
        assert isinstance(audio, otio.schema.Clip)
        assert _source_frames(audio) == _source_frames(picture), (item, suffix)
        assert audio.media_reference.target_url == picture.media_reference.target_url
        if item["clip_rate"] == "25" or result.format in ("otio_json", "otioz"):
            assert _source_frames(audio) == (item["source_in_frames"], item["source_out_frames"])
    (b_roll, *_), = [p for p in _placed(videos[1]) if isinstance(p[0], otio.schema.Clip)]
    (b_sound, *_), = _placed(audios[1])
    assert _source_frames(b_sound) == _source_frames(b_roll)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", AUDIO_SUFFIXES)
def test_an_audio_track_laid_by_hand_is_not_doubled(sound, tmp_path, suffix):
    out = tmp_path / f"Laid{suffix}"
    result = export_cut(sound.project, sound.filled_id, out)
    assert result.items == 3 and result.sync_sound == 0
    assert not [loss for loss in result.check.losses if "DocManager metadata" not in loss
                and "frame rate" not in loss and "starts at" not in loss], result.check.losses
    timeline = read_back(out, result.format, 25.0)
    heard = [c for t in _tracks_of(timeline, otio.schema.TrackKind.Audio) for c in t
             if isinstance(c, otio.schema.Clip)]
    assert len(heard) == 1
    assert _source_frames(heard[0]) == (50, 60)  # talk.mov from 2.0 to 2.4 s, as laid
    (audio_track,) = [t for t in _tracks_of(timeline, otio.schema.TrackKind.Audio) if len(t)]
    assert _placed(audio_track)[0][1:] == (0, 10)


@pytest.mark.slow
def test_fcpxml_with_sound_is_valid_and_its_assets_have_audio(sound, tmp_path):
    if not DTD.is_file():
        pytest.skip(f"the FCPXML DTD sample is not here ({DTD})")
    etree = pytest.importorskip("lxml.etree")
    out = tmp_path / "Interview.fcpxml"
    export_cut(sound.project, sound.cut_id, out)
    with open(DTD, "rb") as handle:
        dtd = etree.DTD(handle)
    document = etree.parse(str(out))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    assets = {Path(otio.url_utils.filepath_from_url(a.get("src"))).name: a for a in document.iter("asset")}
    assert {name: (a.get("hasVideo"), a.get("hasAudio")) for name, a in assets.items()} == {
        "talk.mov": ("1", "1"), "ntsc.mp4": ("1", "1"), "mute.mp4": ("1", "0")}
    lanes = [el.get("lane") for el in document.iter("audio")]
    assert lanes.count("-1") == 3 and lanes.count("-2") == 1


@pytest.mark.slow
def test_fcp_xml_with_sound_is_the_stock_adapters_file(sound, tmp_path):
    out = tmp_path / "Interview.xml"
    export_cut(sound.project, sound.cut_id, out)
    with sound.project.session() as session:
        timeline = export_module.timeline_of(session, model.get_cut(session, sound.cut_id), sync_sound=True)
    stock = tmp_path / "stock.xml"
    otio.adapters.write_to_file(timeline, str(stock), adapter_name="fcp_xml")
    ours, length = _sequence_length(out.read_bytes())
    assert ours == _sequence_length(stock.read_bytes())[0]
    assert length == _cut_frames(sound.project, sound.cut_id)
    tree = ElementTree.parse(out)
    audio_items = tree.findall(".//sequence/media/audio/track/clipitem")
    assert len(audio_items) == 4
    assert (otio.adapters.write_to_string(fcp7_fast.read_fcp7(out), "otio_json")
            == otio.adapters.write_to_string(otio.adapters.read_from_file(str(out), adapter_name="fcp_xml"),
                                             "otio_json"))


@pytest.mark.slow
def test_edl_says_once_that_it_carries_picture_only(sound, tmp_path):
    result = export_cut(sound.project, sound.cut_id, tmp_path / "Interview.edl")
    losses = result.check.losses
    assert [loss for loss in losses if "sound" in loss] == [
        "EDL carries picture only: the sound of 3 items on V1 is not in it; take it from the same reels when "
        "conforming"]  # the fourth, the clip without sound, has none to carry
    assert not [loss for loss in losses if "track A" in loss]
    assert "EDL keeps one video track: track V2 dropped (1 item)" in losses
    assert result.sync_sound == 0


@pytest.mark.slow
def test_the_check_names_a_dropped_or_shifted_sync_sound_clip(sound, tmp_path, monkeypatch):
    original = otio.adapters.read_from_file

    def tampered(path, *args, **kwargs):
        timeline = original(path, *args, **kwargs)
        a1, a2 = timeline.tracks[2], timeline.tracks[3]
        first = a1[0]
        start = first.source_range.start_time
        first.source_range = otio.opentime.TimeRange(start + otio.opentime.RationalTime(3, start.rate),
                                                     first.source_range.duration)
        del a2[:]
        return timeline

    monkeypatch.setattr(export_module.otio.adapters, "read_from_file", tampered)
    losses = export_cut(sound.project, sound.cut_id, tmp_path / "cut.otio").check.losses
    assert any(loss.startswith("OTIO: A1 item 1 ") and "(+3 frames at 25)" in loss for loss in losses), losses
    assert "OTIO: track A2 comes back with 0 items instead of 1" in losses


@pytest.mark.slow
def test_formats_that_count_from_zero_say_so_for_a_clip_with_a_camera_time_code(tmp_path):
    """A camera MOV whose time code starts at 10:00:00:00: EDL, FCP 7 XML, FCPXML and AAF count its source
    times from 00:00:00:00 and each says so (once, naming the clip); .otio keeps the time code in its metadata;
    a clip without a time code is not named."""
    from docmanager.media.ffmpeg import run_ffmpeg

    media = tmp_path / "media"
    make_clip(tmp_path / "plain.mp4", seconds=2, size=(320, 180))
    media.mkdir()
    run_ffmpeg(["-i", str(tmp_path / "plain.mp4"), "-map", "0", "-c", "copy", "-timecode", "10:00:00:00",
                str(media / "camera.mov")])
    make_clip(media / "phone.mp4", seconds=2, size=(320, 180))
    project = Project.create(tmp_path / "Film")
    try:
        report = ingest(project, [media], posters=False)
        assert report.ok, report.failed
        with project.session() as session:
            by_name = {get_clip(session, c).name: c for c in report.data["clips_added"]}
        cut_id = model.new_cut(project, "Timecode", rate="25")
        for name in ("camera.mov", "phone.mp4"):
            model.add_item(project, cut_id, clip_id=by_name[name], in_s=0.2, out_s=1.2)
        for suffix, label in ((".edl", "EDL"), (".xml", "FCP XML"), (".fcpxml", "FCPXML"), (".aaf", "AAF")):
            losses = export_cut(project, cut_id, tmp_path / f"cut{suffix}").check.losses
            said = [loss for loss in losses if "time code" in loss]
            assert said == [f"{label} source time codes count from 00:00:00:00, not from clip "
                            f"{by_name['camera.mov']} “camera.mov”'s own time code 10:00:00:00: "
                            + ("conform by reel and the reel table, not by time code" if suffix == ".edl" else
                               "if the editing application shows it offline or shifted, relink it by file name")], \
                (suffix, losses)
        assert not [loss for loss in export_cut(project, cut_id, tmp_path / "cut.otio").check.losses
                    if "time code" in loss]
    finally:
        project.close()
