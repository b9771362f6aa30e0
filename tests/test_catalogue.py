"""Clips, subjects, shoots and tags through the CLI and the core."""
from __future__ import annotations

import subprocess
import sys

import pytest

from docmanager.catalogue.clips import ClipQuery, clip_ids, clip_rows, facets, set_clips
from docmanager.catalogue.selection import clip_metas, restore_metas
from docmanager.errors import ConflictError, NotFoundError, RefusedError
from tests.conftest import ROOT
from tests.factories import add_plain_clip

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True

CLIP_FIELDS = {"id", "name", "duration", "frame_rate", "width", "height", "scan", "recorded_at", "camera",
               "timecode_start", "files", "subjects", "shoot", "tags", "rating", "state"}


@pytest.fixture
def filled(project, cli):
    p = str(project.root)
    ids = [add_plain_clip(project, "00001", seconds=12, interlaced=True, files=3),
           add_plain_clip(project, "interview-liu", rate=(30000, 1001), seconds=60,
                          recorded_at="2019-05-02T14:03:22+08:00"),
           add_plain_clip(project, "beijing-volunteers", recorded_at="2018-11-01T09:00:00+08:00")]
    assert cli("--project", p, "subject", "add", "Liu Jingjun", "--zh", "刘静军", "--pinyin", "liu jingjun").status == 0
    assert cli("--project", p, "subject", "add", "Volunteers", "--zh", "寻亲志愿者").status == 0
    assert cli("--project", p, "shoot", "add", "Taiyuan home", "--date", "2019-05-02",
               "--place", "Taiyuan, Shanxi").status == 0
    return p, ids


def test_clips_json_has_every_contract_field(filled, cli):
    p, ids = filled
    r = cli("--project", p, "clips", "--json")
    assert r.status == 0
    clips = r.json
    assert [c["id"] for c in clips] == [ids[2], ids[0], ids[1]]  # by recording date
    for c in clips:
        assert CLIP_FIELDS <= set(c)
        assert set(c["files"][0]) >= {"path", "size", "xxh64", "state"}
    first = next(c for c in clips if c["id"] == ids[0])
    assert first["duration"] == 12.0 and first["frame_rate"] == "25" and first["scan"] == "interlaced"
    assert len(first["files"]) == 3
    liu = next(c for c in clips if c["id"] == ids[1])
    assert liu["frame_rate"] == "30000/1001"
    assert abs(liu["duration"] - 60.0) < 1 / 29.97  # whole frames at 30000/1001
    assert liu["recorded_at"] == "2019-05-02T14:03:22+08:00"


def test_clip_set_shows_in_filters(filled, cli):
    p, ids = filled
    r = cli("--project", p, "clip", "set", ids[1], "--subject", "刘静军", "--shoot", "Taiyuan home",
            "--tag", "interview", "--tag", "police", "--rating", "4", "--json")
    assert r.status == 0, r.out
    assert r.json["subjects"] == ["Liu Jingjun"] and r.json["shoot"] == "Taiyuan home"
    assert r.json["tags"] == ["interview", "police"] and r.json["rating"] == 4

    def ids_for(*args):
        res = cli("--project", p, "clips", *args, "--json")
        assert res.status == 0, res.out
        return [c["id"] for c in res.json]

    assert ids_for("--subject", "Liu Jingjun") == [ids[1]]
    assert ids_for("--subject", "liu jingjun") == [ids[1]]  # pinyin, any case
    assert ids_for("--shoot", "Taiyuan home") == [ids[1]]
    assert ids_for("--tag", "police") == [ids[1]]
    assert ids_for("--tag", "nonexistent") == []
    assert ids_for("--text", "刘静军") == [ids[1]]
    assert ids_for("--text", "taiyuan") == [ids[1]]
    assert ids_for("--text", "volunteers") == [ids[2]]
    assert set(ids_for("--state", "online")) == set(ids)
    # Removing again
    assert cli("--project", p, "clip", "set", ids[1], "--remove-tag", "police").status == 0
    assert ids_for("--tag", "police") == []
    assert ids_for("--tag", "interview") == [ids[1]]


def test_clip_set_unknown_subject_is_refused_and_changes_nothing(filled, cli, project):
    p, ids = filled
    r = cli("--project", p, "clip", "set", ids[0], "--tag", "x", "--subject", "Nobody", "--json")
    assert r.status == 2 and "Nobody" in r.json["error"]["message"]
    with project.session() as s:
        assert clip_rows(s, [ids[0]])[ids[0]].tags == ()


def test_clip_show_has_markers_subclips_transcripts(filled, cli):
    p, ids = filled
    r = cli("--project", p, "clip", "show", ids[0], "--json")
    assert r.status == 0
    assert {"markers", "subclips", "transcripts"} <= set(r.json) and CLIP_FIELDS <= set(r.json)
    r = cli("--project", p, "clip", "show", "999", "--json")
    assert r.status == 2 and "999" in r.json["error"]["message"]


def test_bad_rating_and_usage_errors_have_the_error_shape(filled, cli):
    p, ids = filled
    r = cli("--project", p, "clip", "set", ids[0], "--rating", "9", "--json")
    assert r.status == 2 and "error" in r.json
    r = cli("--project", p, "nonsense", "--json")
    assert r.status == 2 and "error" in r.json


def test_subject_flags_and_duplicates(project, cli):
    p = str(project.root)
    r = cli("--project", p, "subject", "add", "Child A", "--flag", "minor", "--flag", "no-face", "--json")
    assert r.status == 0 and r.json["flags"] == ["minor", "no-face"]
    r = cli("--project", p, "subject", "add", "Child A", "--json")
    assert r.status == 2 and "exists" in r.json["error"]["message"]
    r = cli("--project", p, "subject", "list", "--json")
    assert r.json["subjects"][0]["flags"] == ["minor", "no-face"]


def test_core_queries_sort_filter_and_facets(filled, project):
    p, ids = filled
    set_clips(project, ids[:2], add_subjects=["Liu Jingjun"], add_tags=["interview"], rating=3)
    with project.session() as s:
        assert clip_ids(s, ClipQuery(sort="name")) == [ids[0], ids[2], ids[1]]
        assert clip_ids(s, ClipQuery(sort="duration", descending=True))[0] == ids[1]
        assert clip_ids(s, ClipQuery(no_subject=True)) == [ids[2]]
        assert clip_ids(s, ClipQuery(min_rating=3, sort="id")) == ids[:2]
        # Text together with other filters, and several words (all must match).
        assert clip_ids(s, ClipQuery(text="i", subject="Liu Jingjun", sort="id")) == ids[:2]
        assert clip_ids(s, ClipQuery(text="interview liu", sort="id")) == ids[:2]
        assert clip_ids(s, ClipQuery(text="interview-liu", sort="id")) == [ids[1]]
        assert clip_ids(s, ClipQuery(text="interview volunteers")) == []
        f = facets(s)
        assert f.total == 3 and f.no_subject == 1 and f.no_shoot == 3
        assert {n.name: n.count for n in f.subjects} == {"Liu Jingjun": 2, "Volunteers": 0}
        assert {n.name: n.count for n in f.tags} == {"interview": 2}
        rows = clip_rows(s, ids)
        assert rows[ids[0]].files == 3 and rows[ids[0]].subjects == ("Liu Jingjun",)
        with pytest.raises(NotFoundError):
            clip_ids(s, ClipQuery(subject="Nobody"))
        with pytest.raises(RefusedError):
            clip_ids(s, ClipQuery(sort="colour"))


def test_undo_restores_metadata(filled, project):
    p, ids = filled
    with project.session() as s:
        before = clip_metas(s, ids[:2])
    set_clips(project, ids[:2], subjects=["Volunteers"], shoot="Taiyuan home", tags=["a", "b"], rating=5)
    restore_metas(project, before)
    with project.session() as s:
        after = clip_metas(s, ids[:2])
    assert [(m.subjects, m.shoot, m.tags, m.rating) for m in after] == \
        [(m.subjects, m.shoot, m.tags, m.rating) for m in before]


def test_undo_writes_a_field_only_where_it_still_holds_what_the_step_left(filled, project):
    """Tags compare case-insensitively and subjects and tags as sets, as stored; a field changed since by
    someone else is a conflict (theirs, and what undo would write); one the step left alone is not looked at."""
    from dataclasses import replace

    from docmanager.catalogue.conflicts import restore_conflicts

    p, ids = filled
    a, b = ids[:2]
    set_clips(project, [a, b], add_tags=["night"], add_subjects=["Liu Jingjun", "Volunteers"], rating=2)
    with project.session() as s:
        left = clip_metas(s, [a, b])
    wanted = [replace(m, subjects=(), tags=(), rating=0) for m in left]
    # The step's values as captured in another case and order: the same values as stored.
    left[0] = replace(left[0], tags=("NIGHT",), subjects=tuple(reversed(left[0].subjects)))
    set_clips(project, [b], rating=5, notes="someone else's note")  # someone else
    with project.session() as s:
        conflicts, now, writes = restore_conflicts(s, left, wanted)
    assert [(c.clip_id, c.field, c.read, c.theirs, c.mine) for c in conflicts] == [(b, "rating", 2, 5, 0)]
    assert writes == {a: {"subjects": (), "tags": (), "rating": 0}, b: {"subjects": (), "tags": (), "rating": 0}}
    assert now[b].rating == 5 and now[b].notes == "someone else's note"
    # Nobody else involved: everything the step changed is written, nothing asked.
    with project.session() as s:
        conflicts, _now, writes = restore_conflicts(s, [now[a]], [wanted[0]])
    assert conflicts == [] and writes == {a: {"subjects": (), "tags": (), "rating": 0}}


def test_stale_version_is_a_conflict_and_writes_nothing(filled, project):
    p, ids = filled
    with project.session() as s:
        seen = {m.clip_id: m.version for m in clip_metas(s, [ids[0]])}
    set_clips(project, [ids[0]], rating=2)  # someone else
    with pytest.raises(ConflictError):
        set_clips(project, [ids[0]], rating=5, expected_versions=seen)
    with project.session() as s:
        assert clip_rows(s, [ids[0]])[ids[0]].rating == 2


def test_restore_with_versions_checked_writes_nothing_over_a_later_change(filled, project):
    """Undo's last step: the metas it writes were read at some version; a change landing after that
    (on any field, of any of the clips) refuses the whole write, so undo looks again."""
    from dataclasses import replace

    p, ids = filled
    with project.session() as s:
        read = clip_metas(s, ids[:2])
    metas = [replace(m, rating=0, notes="put back") for m in read]
    set_clips(project, [ids[1]], tags=["someone else's"])  # lands between reading and writing
    with pytest.raises(ConflictError, match=f"clip {ids[1]} .*nothing was written"):
        restore_metas(project, metas, check_versions=True)
    with project.session() as s:
        after = {m.clip_id: m for m in clip_metas(s, ids[:2])}
    assert after[ids[0]].notes == read[0].notes and after[ids[1]].tags == ("someone else's",)
    with project.session() as s:
        fresh = clip_metas(s, ids[:2])
    restore_metas(project, [replace(m, rating=0, notes="put back") for m in fresh], check_versions=True)
    with project.session() as s:
        assert [(m.rating, m.notes) for m in clip_metas(s, ids[:2])] == [(0, "put back"), (0, "put back")]


def test_relationship_edit_bumps_version(filled, project):
    p, ids = filled
    with project.session() as s:
        v0 = clip_metas(s, [ids[0]])[0].version
    set_clips(project, [ids[0]], add_tags=["only-a-tag"])
    with project.session() as s:
        assert clip_metas(s, [ids[0]])[0].version == v0 + 1


def test_text_filter_sees_changes_made_by_another_process(filled, project):
    """The cached catalogue order behind text filters follows every commit, from any process."""
    p, ids = filled
    with project.session() as s:
        assert clip_ids(s, ClipQuery(text="interview")) == [ids[1]]
    code = ("from docmanager.project import Project\n"
            "from tests.factories import add_plain_clip\n"
            f"p = Project.open({p!r})\n"
            "add_plain_clip(p, 'second interview', recorded_at='2001-01-01T00:00:00+08:00')\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    with project.session() as s:
        found = clip_ids(s, ClipQuery(text="interview"))
    assert len(found) == 2 and found[1] == ids[1]  # the new one sorts first by date
    with project.session() as s:
        assert clip_ids(s, ClipQuery(text="interview", descending=True))[0] == ids[1]
