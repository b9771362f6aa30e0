"""Markers and subclips: frame-exact at the clip's rate, refused outside the clip."""
from tests.factories import add_plain_clip


def test_markers_and_subclips(project, cli):
    p = str(project.root)
    pal = add_plain_clip(project, "pal", seconds=60)
    ntsc = add_plain_clip(project, "ntsc", seconds=60, rate=(30000, 1001))
    r = cli("--project", p, "marker", "add", pal, "--at", "12.48", "--note", "mother cries", "--json")
    assert r.status == 0 and r.json["at"] == 12.48 and r.json["duration"] == 0.0
    r = cli("--project", p, "marker", "add", ntsc, "--at", "10", "--duration", "2.5", "--note", "DNA",
            "--colour", "blue", "--json")
    assert r.status == 0
    # 10 s falls inside frame 299 (9.977–10.01 s) at 30000/1001: a marker sits on the frame showing then.
    assert r.json["at"] == 9.977 and r.json["duration"] == 2.536
    r = cli("--project", p, "subclip", "add", pal, "--in", "5", "--out", "9.5", "--name", "the station",
            "--json")
    # 9.5 s is half-way through frame 237 at 25 fps: the range ends after that frame.
    assert r.status == 0 and (r.json["in"], r.json["out"]) == (5.0, 9.52)
    shown = cli("--project", p, "clip", "show", pal, "--json").json
    assert [m["note"] for m in shown["markers"]] == ["mother cries"]
    assert [s["name"] for s in shown["subclips"]] == ["the station"]
    assert cli("--project", p, "subclip", "add", pal, "--in", "9", "--out", "5", "--name", "x", "--json").status == 2
    assert cli("--project", p, "marker", "add", pal, "--at", "99", "--note", "x", "--json").status == 2
    assert cli("--project", p, "marker", "add", 999, "--at", "1", "--note", "x", "--json").status == 2
