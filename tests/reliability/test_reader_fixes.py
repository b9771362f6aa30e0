"""Regression tests for the bugs the reliability corpus found in the readers and in ingest."""
from __future__ import annotations

import os
import re
import shutil
import time

import pytest

from docmanager.errors import MediaReadError
from docmanager.transcripts.readers import read_file
from tests.reliability.conftest import cli_inproc, init_project

pytestmark = pytest.mark.filterwarnings("ignore:GitWildMatchPattern:DeprecationWarning")


@pytest.mark.case("fix: a media file named in GBK bytes is ingested", unit="ingests")
def test_a_media_file_whose_own_name_is_not_utf8_is_ingested(tmp_path, samples, row):
    # A file given as the source (not inside a card folder) named the way Chinese Windows names it.
    project = init_project(tmp_path / "Film")
    name = os.fsencode(tmp_path) + b"/\xb2\xc9\xb7\xc3.mov"
    shutil.copy(samples["mov"], name)
    dest = tmp_path / "raid"
    dest.mkdir()
    reported = set()
    for extra in ([], ["--copy-to", dest]):
        r = row.checked(cli_inproc("--project", project, "ingest", os.fsdecode(name), *extra, "--no-posters",
                                   "--json"))
        row.inputs += 1
        assert r.status == 0, r.out + r.err
        assert "Traceback" not in r.err
        reported |= set(r.json["clips_added"]) | set(r.json["clips_known"])
    clips = row.checked(cli_inproc("--project", project, "clips", "--json")).json
    row.lost = len(reported - {c["id"] for c in clips})
    row.note = "one clip, found again by the second ingest"
    assert row.lost == 0
    assert [c["name"] for c in clips] == ["采访.mov"]


@pytest.mark.case("fix: a text without speech is refused, the transcript kept", unit="files")
@pytest.mark.parametrize("suffix,body", [
    (".txt", "Speaker 1:\nSpeaker 2:\n刘静军：\n"),
    (".txt", "[00:00:01]\n[00:00:02]\n"),
], ids=["labels", "stamps"])
def test_a_text_without_any_line_of_speech_is_refused_and_the_transcript_kept(tmp_path, suffix, body, row):
    from docmanager.project import Project
    from tests.factories import add_plain_clip

    root = init_project(tmp_path / "Film")
    with Project.open(root, backup=False) as p:
        clip = add_plain_clip(p, "A001")
    good = tmp_path / "good.srt"
    good.write_text("1\n00:00:01,000 --> 00:00:02,000\n我们找了十年。\n", encoding="utf-8")
    imported = row.checked(cli_inproc("--project", root, "transcript", "import", clip, good, "--lang", "zh",
                                      "--json"))
    assert imported.status == 0
    bad = tmp_path / f"labels{suffix}"
    bad.write_text(body, encoding="utf-8")
    row.inputs += 1
    with pytest.raises(MediaReadError) as info:
        row.call(read_file, bad)
    assert "no lines of speech" in info.value.reason and info.value.path
    r = row.checked(cli_inproc("--project", root, "transcript", "import", clip, bad, "--lang", "zh", "--json"))
    assert r.status == 2 and r.json["error"]["path"] == str(bad)
    shown = row.checked(cli_inproc("--project", root, "transcript", "show", clip, "--json")).json
    kept = [s["text"] for s in shown["segments"]]
    row.lost = imported.json["segments"] - len(kept)
    row.note = f"refused: {info.value.reason}"
    assert kept == ["我们找了十年。"]  # not wiped by the empty file


@pytest.mark.case("fix: a line full of unclosed override braces reads in linear time", unit="files")
@pytest.mark.parametrize("name,text", [
    ("braces.ass", "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, "
                   "MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,"
                   "words " + "{\\" * 500_000 + "\n"),
    ("braces.srt", "1\n00:00:01,000 --> 00:00:02,000\nwords " + "{" * 1_000_000 + "\n"),
], ids=["ass", "srt"])
def test_a_line_full_of_unclosed_override_braces_reads_in_linear_time(tmp_path, name, text, row):
    # pysubs2's plaintext and the drawing check used patterns that take quadratic time here:
    # 100 KB took 8 s, so this megabyte would take many minutes.
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    row.lost = None  # read only: nothing is committed
    began = time.monotonic()
    row.inputs += 1
    result = row.call(read_file, path)
    took = time.monotonic() - began
    row.hangs += took >= 5
    row.note = f"{len(text) / 1e6:.1f} MB read in {took:.2f} s (5 s counts as a hang)"
    assert took < 5
    assert result.segments[0].text.startswith("words")


@pytest.mark.case("fix: override blocks removed as pysubs2 removes them", unit="texts")
def test_override_blocks_are_removed_as_pysubs2_removes_them(row):
    from pysubs2 import SSAEvent

    from docmanager.transcripts.readers import _is_drawing, _plaintext

    row.lost = None  # nothing is committed
    row.note = "the linear-time stripping gives pysubs2's text and drawing flag"
    for text in ["{\\i1}a{\\i0}b", "a{b", "{a{b}c", "x}{y}z\\Nw\\h", "{\\p1}m 0 0 l 1 1{\\p0}", "{\\p0}",
                 "{\\p2 unclosed", "", "}{"]:
        row.inputs += 1
        assert row.call(_plaintext, text) == SSAEvent(text=text).plaintext, text
        assert _is_drawing(text) == bool(re.search(r"\{[^}]*\\p[1-9]", text)), text  # the pattern it replaces
