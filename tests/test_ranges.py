"""Markers and subclips: frame-exact at the clip's rate, refused outside the clip."""
import pytest

from tests.factories import add_plain_clip

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True


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


def test_player_positions_convert_to_the_frame_showing_and_back():
    from docmanager.catalogue.ranges import frame_at_ms, frame_start_ms, timecode

    for num, den in ((25, 1), (30000, 1001), (24000, 1001), (50, 1)):
        for frame in range(0, 4000, 7):
            ms = frame_start_ms(frame, num, den)
            assert frame_at_ms(ms, num, den) == frame, (num, den, frame)
            assert frame_at_ms(ms - 1, num, den) == frame - 1 if frame else True
    # frame 1 at 29.97 starts at 33.367 ms: 33 ms still shows frame 0, 34 ms shows frame 1
    assert frame_start_ms(1, 30000, 1001) == 34 and frame_at_ms(33, 30000, 1001) == 0
    assert timecode(25 * 3723 + 7, 25, 1) == "01:02:03:07"
    assert timecode(1800, 30000, 1001) == "00:01:00;02"  # drop-frame: 00:01:00;00 and ;01 do not exist


def test_markers_and_subclips_by_frame_updated_and_removed(project):
    from docmanager.catalogue.ranges import (add_marker_frames, add_subclip_frames, marker_row, markers_of,
                                             range_clip, remove_marker, remove_subclip, subclip_row,
                                             subclips_of, update_marker, update_subclip)
    from docmanager.errors import NotFoundError, RefusedError

    ntsc = add_plain_clip(project, "ntsc", seconds=60, rate=(30000, 1001))
    with project.session() as s:
        info = range_clip(s, ntsc)
    assert (info.rate_num, info.rate_den, info.duration_frames, info.name) == (30000, 1001, 1798, "ntsc")
    # frame 299 starts at 9.97663 s: stored as the frame, not as a rounded time
    late = add_marker_frames(project, ntsc, 600, note="later")
    mid = add_marker_frames(project, ntsc, 299, duration_frames=30, note="DNA test", colour="blue")
    sub = add_subclip_frames(project, ntsc, 299, 362, "the station")
    with project.session() as s:
        rows = markers_of(s, ntsc)
        subs = subclips_of(s, ntsc)
    assert [(r.id, r.frame, r.duration_frames, r.note, r.colour) for r in rows] == [
        (mid, 299, 30, "DNA test", "blue"), (late, 600, 0, "later", "red")]  # in the clip's order
    assert rows[0].at == 9.977 and rows[0].duration == 1.001
    assert [(x.id, x.in_frame, x.out_frame, x.name) for x in subs] == [(sub, 299, 362, "the station")]

    row = update_marker(project, mid, note="DNA test result", colour="green")
    assert (row.frame, row.duration_frames, row.note, row.colour) == (299, 30, "DNA test result", "green")
    row = update_subclip(project, sub, name="  the station, evening ", in_frame=300)
    assert (row.name, row.in_frame, row.out_frame, row.note) == ("the station, evening", 300, 362, None)
    with project.session() as s:
        assert marker_row(s, mid).note == "DNA test result"
        assert subclip_row(s, sub).in_frame == 300

    for bad in (lambda: update_marker(project, mid, colour="mauve"),
                lambda: update_marker(project, mid, frame=1790),  # 1790 + 30 is past the clip's 1798 frames
                lambda: update_subclip(project, sub, name="  "),
                lambda: update_subclip(project, sub, out_frame=300),
                lambda: add_subclip_frames(project, ntsc, 10, 10, "empty"),
                lambda: add_subclip_frames(project, ntsc, 1700, 1800, "too long"),
                lambda: add_marker_frames(project, ntsc, -1)):
        with pytest.raises(RefusedError):
            bad()
    with project.session() as s:  # nothing of the refused changes was written
        assert (marker_row(s, mid).frame, subclip_row(s, sub).out_frame) == (299, 362)

    remove_marker(project, mid)
    remove_subclip(project, sub)
    with project.session() as s:
        assert [r.id for r in markers_of(s, ntsc)] == [late] and subclips_of(s, ntsc) == []
    for gone in (lambda: update_marker(project, mid, note="x"), lambda: update_subclip(project, sub, name="x"),
                 lambda: remove_marker(project, mid)):
        with pytest.raises(NotFoundError):
            gone()


def test_a_stale_marker_or_subclip_edit_is_refused_and_nothing_is_written(project):
    from dataclasses import replace

    from docmanager.catalogue.conflicts import range_conflicts
    from docmanager.catalogue.ranges import (add_marker_frames, add_subclip_frames, marker_row, remove_marker,
                                             remove_subclip, subclip_row, update_marker, update_subclip)
    from docmanager.errors import ConflictError

    clip = add_plain_clip(project, "station", seconds=60)
    marker = add_marker_frames(project, clip, 50, note="mother cries")
    sub = add_subclip_frames(project, clip, 25, 75, "the station")
    with project.session() as s:
        m_read, s_read = marker_row(s, marker), subclip_row(s, sub)
    assert m_read.version >= 1 and s_read.version >= 1

    # Someone else edits both; edits based on the old versions are refused.
    project.user = "sun.mei"
    moved = update_marker(project, marker, note="mother cries, father leaves", expected_version=m_read.version)
    assert moved.version > m_read.version
    assert moved == replace(m_read, note="mother cries, father leaves")  # the version is not compared
    update_subclip(project, sub, note="wide", expected_version=s_read.version)
    project.user = None
    with pytest.raises(ConflictError, match=r"marker .* at 00:00:02:00 of clip .*station.*nothing was written"):
        update_marker(project, marker, note="mine", expected_version=m_read.version)
    with pytest.raises(ConflictError, match=r"subclip .*the station.*nothing was written"):
        update_subclip(project, sub, name="mine", expected_version=s_read.version)
    with pytest.raises(ConflictError):
        remove_marker(project, marker, expected_version=m_read.version)
    with pytest.raises(ConflictError):
        remove_subclip(project, sub, expected_version=s_read.version)
    with project.session() as s:
        assert marker_row(s, marker).note == "mother cries, father leaves"
        assert (subclip_row(s, sub).name, subclip_row(s, sub).note) == ("the station", "wide")

        # Which fields collide: the note both changed; the colour only I change.
        conflicts, now = range_conflicts(s, "marker", marker, {"note": "mother cries", "colour": "red"},
                                         m_read.version, {"note": "mine", "colour": "blue"})
        assert now.version == moved.version
        assert [(c.field, c.read, c.theirs, c.mine, c.who, c.kind, c.row_id, c.place, c.clip_name)
                for c in conflicts] == [("note", "mother cries", "mother cries, father leaves", "mine", "sun.mei",
                                         "marker", marker, "00:00:02:00", "station")]
        conflicts, _now = range_conflicts(s, "subclip", sub, {"name": "the station"}, s_read.version,
                                          {"name": "platform"})
        assert conflicts == []  # they changed the note, not the name

    # With the current version the edit goes through.
    assert update_marker(project, marker, note="mine", expected_version=moved.version).note == "mine"
    remove_subclip(project, sub, expected_version=update_subclip(project, sub, name="x").version)
    with project.session() as s:
        assert marker_row(s, marker).note == "mine"


def test_range_values_compare_as_stored_and_an_undo_compares_without_a_version(project):
    """A subclip's empty note is stored as none and a marker's as "": an edit writing one over the other
    changes nothing.  With no version read (an undo checking what it would write over), the fields are
    compared as they are now."""
    from docmanager.catalogue.conflicts import range_conflicts, range_values
    from docmanager.catalogue.ranges import add_marker_frames, add_subclip_frames, update_marker

    assert range_values("subclip", {"note": "", "name": "  the platform "}) == {"note": None, "name": "the platform"}
    assert range_values("marker", {"note": None, "colour": "red"}) == {"note": "", "colour": "red"}
    clip = add_plain_clip(project, "station", seconds=60)
    marker = add_marker_frames(project, clip, 50, note="mother cries")
    sub = add_subclip_frames(project, clip, 25, 75, "the station", note="")  # an empty note kept as ""
    project.user = "sun.mei"
    update_marker(project, marker, note="mother cries, father leaves")
    project.user = None
    with project.session() as s:
        # Undo would write "mother cries" where it left "mine": someone wrote theirs since.
        conflicts, now = range_conflicts(s, "marker", marker, {"note": "mine"}, None, {"note": "mother cries"})
        assert [(c.field, c.read, c.theirs, c.mine, c.who) for c in conflicts] == [
            ("note", "mine", "mother cries, father leaves", "mother cries", "sun.mei")]
        # Where it still says what undo expects, or already says what undo writes, there is nothing to ask.
        assert range_conflicts(s, "marker", marker, {"note": "mother cries, father leaves"}, None,
                               {"note": "x"})[0] == []
        assert range_conflicts(s, "marker", marker, {"note": "mine"}, None,
                               {"note": "mother cries, father leaves"})[0] == []
        # "" and none are the same subclip note.
        assert range_conflicts(s, "subclip", sub, {"note": "wide"}, None, {"note": None})[0] == []
        assert now.note == "mother cries, father leaves"
