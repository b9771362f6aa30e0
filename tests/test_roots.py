"""Named media roots: two machines mounting the same archive at different places, and `clip set --expect-version`.

A "machine" is a config folder (``DOCMANAGER_CONFIG_DIR``, where its root
folders are kept) and a project folder: on SQLite both machines open the same
project (a catalogue on a shared drive); on PostgreSQL each has its own folder
joined to the same team database.  Each has its own copy of the same real
media, at a different place.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from docmanager.catalogue.roots import CONFIG_ENV, UnmappedRootError, locate
from docmanager.db.models import MediaFile, MediaRoot
from docmanager.media.generate import make_clip
from docmanager.project import Project
from tests.factories import add_plain_clip

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True

GBK_NAME = b"\xb2\xc9\xb7\xc3.MP4"  # 采访.MP4 in GBK: not UTF-8
GBK_REL = b"Interviews/" + GBK_NAME
GBK_TEXT = "Interviews/\\udcb2\u0277\\udcc3.MP4"  # the catalogue's text for it (C9 B7 is UTF-8's ɷ)
FILES = ("Broll/street.mov", "Interviews/liu.mp4")


@pytest.fixture(scope="module")
def media_master(tmp_path_factory) -> Path:
    """Three real clips in two folders, one of them named in GBK bytes."""
    root = tmp_path_factory.mktemp("media") / "archive"
    make_clip(root / "Interviews" / "liu.mp4", seconds=1, size=(320, 180), pattern="gradients")
    make_clip(root / "Broll" / "street.mov", seconds=1, size=(320, 180), pattern="gradients")
    make_clip(os.fsdecode(os.fsencode(str(root)) + b"/" + GBK_REL), seconds=1, size=(320, 180),
              pattern="gradients", container="mp4", label="caifang")
    return root


@dataclass
class Machine:
    name: str
    project: Path
    config: Path
    archive: Path  # where this machine has the archive


@dataclass
class Team:
    a: Machine
    b: Machine
    on: object  # on(machine, *args) -> CliResult


@pytest.fixture
def team(project_dir, backend, tmp_path, cli, request, monkeypatch, media_master) -> Team:
    if backend == "postgresql":
        b_project = tmp_path / "FilmB"
        r = cli("init", b_project, "--db", request.getfixturevalue("pg_url"), "--json")
        assert r.status == 0, r.out
    else:
        b_project = project_dir  # one catalogue file on a shared drive, opened from both laptops
    a = Machine("A", project_dir, tmp_path / "configA", tmp_path / "laptopA" / "Volumes" / "Archive A")
    b = Machine("B", b_project, tmp_path / "configB", tmp_path / "laptopB" / "media" / "lin" / "ARCHIVE_A")
    for m in (a, b):
        shutil.copytree(media_master, m.archive)

    def on(machine: Machine, *args):
        monkeypatch.setenv(CONFIG_ENV, str(machine.config))
        return cli("--project", machine.project, *args)

    monkeypatch.setenv(CONFIG_ENV, str(a.config))
    return Team(a, b, on)


def _gbk(folder: Path) -> str:
    return os.fsdecode(os.fsencode(str(folder)) + b"/" + GBK_REL)


def _stored(project_dir: Path) -> list[tuple]:
    with Project.open(project_dir) as p, p.session() as s:
        return s.execute(select(MediaFile.root_id, MediaFile.path, MediaFile.path_bytes)
                         .order_by(MediaFile.path)).all()


def _paths(result) -> list[str]:
    return sorted(f["path"] for c in result.json for f in c["files"])


def test_two_machines_find_the_archive_where_each_mounts_it(team):
    a, b, on = team.a, team.b, team.on
    r = on(a, "roots", "set", "Archive A", a.archive, "--json")
    assert r.status == 0, r.out
    assert r.json["created"] is True and r.json["rehomed"] == 0 and r.json["folder"] == str(a.archive)
    r = on(a, "ingest", a.archive, "--no-posters", "--json")
    assert r.status == 0, r.out
    assert len(r.json["clips_added"]) == 3

    # The catalogue keeps the paths relative to the root, '/' between folders; exact bytes for GBK.
    stored = _stored(a.project)
    assert len({row.root_id for row in stored}) == 1 and stored[0].root_id is not None
    assert sorted(row.path for row in stored if row.path_bytes is None) == list(FILES)
    assert [row.path_bytes for row in stored if row.path_bytes is not None] == [GBK_REL]

    here_a = sorted([str(a.archive / f) for f in FILES] + [_gbk(a.archive)])
    assert _paths(on(a, "clips", "--json")) == here_a
    r = on(a, "verify", "--json")
    assert r.status == 0 and r.json["ok"] == 3 and r.json["unmapped_roots"] == []

    # Machine B has not said where the root is: not found there, with the command that fixes it.
    r = on(b, "verify", "--json")
    assert r.status == 1
    assert r.json["ok"] == 0 and sorted(r.json["missing"]) == sorted(
        ["[Archive A]/" + f for f in FILES] + ["[Archive A]/" + os.fsdecode(GBK_REL)])
    [unmapped] = r.json["unmapped_roots"]
    assert unmapped["root"] == "Archive A" and unmapped["files"] == 3
    assert 'docmanager roots set "Archive A" ' in unmapped["message"]
    text = on(b, "verify")
    assert text.status == 1 and 'media root "Archive A" is not mapped on this machine' in text.out
    clips = on(b, "clips", "--json").json
    assert all(f["path"].startswith("[Archive A]/") and f["mapped"] is False and f["root"] == "Archive A"
               for c in clips for f in c["files"])
    # The catalogue is shared: a laptop without the archive does not mark the files offline for everyone.
    assert {c["state"] for c in clips} == {"online"}

    # B maps the root to its own folder: everything is found there, nothing in the catalogue changes.
    r = on(b, "roots", "set", "Archive A", b.archive, "--json")
    assert r.status == 0 and r.json["created"] is False and r.json["rehomed"] == 0
    assert _stored(b.project) == stored
    here_b = sorted([str(b.archive / f) for f in FILES] + [_gbk(b.archive)])
    clips = on(b, "clips", "--json").json
    assert sorted(f["path"] for c in clips for f in c["files"]) == here_b
    gbk = next(f for c in clips for f in c["files"] if "path_bytes_hex" in f)
    assert bytes.fromhex(gbk["path_bytes_hex"]) == os.fsencode(_gbk(b.archive))
    assert gbk["relative_path"] == os.fsdecode(GBK_REL)
    r = on(b, "verify", "--json")
    assert r.status == 0 and r.json["ok"] == 3
    listed = on(b, "roots", "list", "--json").json
    assert listed["roots"] == [{"id": listed["roots"][0]["id"], "name": "Archive A", "folder": str(b.archive),
                                "exists": True, "files": 3}]
    assert listed["absolute_files"] == 0
    # ...and A still finds its own copy where it mounts it.
    assert _paths(on(a, "clips", "--json")) == here_a
    assert on(a, "verify", "--json").json["ok"] == 3


def test_an_unmapped_root_is_offline_everywhere_and_nothing_breaks(team, tmp_path):
    a, b, on = team.a, team.b, team.on
    assert on(a, "roots", "set", "Archive A", a.archive).status == 0
    added = on(a, "ingest", a.archive / "Interviews" / "liu.mp4", "--no-posters", "--json").json["clips_added"]
    clip = added[0]

    r = on(b, "still", clip, "--at", "0.5", tmp_path / "frame.png", "--json")
    assert r.status == 2 and 'roots set "Archive A"' in r.json["error"]["message"]
    assert r.json["error"]["path"] == "[Archive A]/Interviews/liu.mp4"
    r = on(b, "thumbnails", clip, "--json")
    assert r.status == 1 and "is not mapped on this machine" in r.json["failed"][0]["reason"]
    assert on(b, "cut", "new", "Assembly", "--json").status == 0
    assert on(b, "cut", "add", "Assembly", "--clip", clip, "--in", "0", "--out", "0.5").status == 0
    show = on(b, "cut", "show", "Assembly", "--json").json
    assert any("[Archive A]/Interviews/liu.mp4" in w and "not mapped on this machine" in w for w in show["warnings"])
    r = on(b, "cut", "export", "Assembly", tmp_path / "cut.otio", "--json")
    assert r.status in (0, 1), r.out
    r = on(b, "provenance", "Assembly", "--json")
    assert r.status == 0, r.out
    assert "[Archive A]/Interviews/liu.mp4" in r.out

    from docmanager.media.derived import playable_path

    os.environ[CONFIG_ENV] = str(b.config)  # monkeypatched: restored after the test
    with Project.open(b.project) as p:
        with pytest.raises(UnmappedRootError, match='roots set "Archive A"'):
            playable_path(p, clip)
    # Once mapped, the same commands work on B.
    assert on(b, "roots", "set", "Archive A", b.archive).status == 0
    r = on(b, "still", clip, "--at", "0.5", tmp_path / "frame.png", "--json")
    assert r.status == 0 and Path(r.json["path"]).exists()
    show = on(b, "cut", "show", "Assembly", "--json").json
    assert not any("not mapped" in w for w in show["warnings"])


def test_roots_unset_forgets_the_folder_here_only(team, tmp_path):
    """A laptop whose archive drive moved: the old folder is forgotten here; the catalogue and the other
    laptop keep the root and its files."""
    a, b, on = team.a, team.b, team.on
    assert on(a, "roots", "set", "Archive A", a.archive).status == 0
    clip = on(a, "ingest", a.archive / "Interviews" / "liu.mp4", "--no-posters", "--json").json["clips_added"][0]
    assert on(b, "roots", "set", "Archive A", b.archive).status == 0

    r = on(b, "roots", "unset", "Archive A", "--json")
    assert r.status == 0, r.out
    assert r.json["root"] == "Archive A" and r.json["folder_was"] == str(b.archive) and r.json["files"] == 1
    listed = {x["name"]: x for x in on(b, "roots", "list", "--json").json["roots"]}
    assert listed["Archive A"]["folder"] is None and listed["Archive A"]["files"] == 1
    r = on(b, "still", clip, "--at", "0.5", tmp_path / "frame.png", "--json")
    assert r.status == 2 and 'roots set "Archive A"' in r.json["error"]["message"]
    # Machine A still has it; unsetting again on B changes nothing; an unknown root is named as such.
    assert on(a, "still", clip, "--at", "0.5", tmp_path / "a.png", "--json").status == 0
    r = on(b, "roots", "unset", "Archive A", "--json")
    assert r.status == 0 and r.json["folder_was"] is None
    r = on(b, "roots", "unset", "Archive Z", "--json")
    assert r.status == 2 and '"Archive A"' in r.json["error"]["message"], r.out
    # Mapped again where the drive is now: the clip plays from there.
    assert on(b, "roots", "set", "Archive A", b.archive).status == 0
    assert on(b, "still", clip, "--at", "0.5", tmp_path / "b.png", "--json").status == 0


def test_roots_set_rehomes_files_catalogued_with_absolute_paths(team, tmp_path):
    a, on = team.a, team.on
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(a.archive / "Broll", elsewhere)
    (a.archive / "Broll" / "street.mov").unlink()  # only the copy elsewhere is catalogued for it
    r = on(a, "ingest", a.archive, elsewhere, "--no-posters", "--json")
    assert r.status == 0 and len(r.json["clips_added"]) == 3, r.out
    before = _paths(on(a, "clips", "--json"))
    assert all(row.root_id is None for row in _stored(a.project))

    r = on(a, "roots", "set", "Archive A", a.archive, "--json")
    assert r.status == 0 and r.json["rehomed"] == 2, r.out
    stored = _stored(a.project)
    rooted = sorted((row.path, row.path_bytes) for row in stored if row.root_id is not None)
    assert rooted == [(GBK_TEXT, GBK_REL), ("Interviews/liu.mp4", None)]
    assert [row.path for row in stored if row.root_id is None] == [str(elsewhere / "street.mov")]
    assert _paths(on(a, "clips", "--json")) == before  # found exactly where they were
    assert on(a, "verify", "--json").json["ok"] == 3
    listed = on(a, "roots", "list").out
    assert "Archive A" in listed and "2 files" in listed and "1 files under no root" in listed
    # Setting it again re-homes nothing more; a folder that is not there is refused.
    assert on(a, "roots", "set", "Archive A", a.archive, "--json").json["rehomed"] == 0
    r = on(a, "roots", "set", "Proxies", tmp_path / "nowhere", "--json")
    assert r.status == 2 and "no such folder" in r.json["error"]["message"]


def test_ingest_copied_into_a_root_is_traced_on_the_other_machine(team, tmp_path, media_master):
    """An offload into the archive is kept relative to it; provenance on B finds B's copy and its ASC MHL."""
    a, b, on = team.a, team.b, team.on
    card = tmp_path / "CARD1"
    shutil.copytree(media_master / "Interviews", card, ignore=shutil.ignore_patterns("*.MP4"))
    assert on(a, "roots", "set", "Archive A", a.archive).status == 0
    (a.archive / "Offloads").mkdir()
    r = on(a, "ingest", card, "--copy-to", a.archive / "Offloads", "--label", "Day1", "--no-posters", "--json")
    assert r.status == 0, r.out
    [clip] = r.json["clips_added"]
    assert [row.path for row in _stored(a.project)] == ["Offloads/Day1/CARD1/liu.mp4"]
    assert on(a, "cut", "new", "Trace", "--json").status == 0
    assert on(a, "cut", "add", "Trace", "--clip", clip, "--in", "0", "--out", "0.5").status == 0

    shutil.copytree(a.archive / "Offloads", b.archive / "Offloads")  # the archive drive, as B has it
    assert on(b, "roots", "set", "Archive A", b.archive).status == 0
    r = on(b, "provenance", "Trace", "--json")
    assert r.status == 0, r.out
    files = [f for item in r.json["items"] for f in item["files"]]
    assert [f["path"] for f in files] == [str(b.archive / "Offloads" / "Day1" / "CARD1" / "liu.mp4")]
    assert files[0]["mhl_matches"] is True
    assert files[0]["mhl"].startswith(str(b.archive))
    # Ingesting B's copy again knows the clip and leaves the shared path alone.
    r = on(b, "ingest", b.archive / "Offloads", "--no-posters", "--json")
    assert r.json["clips_added"] == [] and r.json["clips_known"] == [clip]
    assert [row.path for row in _stored(b.project)] == ["Offloads/Day1/CARD1/liu.mp4"]


def test_relink_on_a_machine_stores_the_new_place_under_its_root(team):
    a, on = team.a, team.on
    assert on(a, "roots", "set", "Archive A", a.archive).status == 0
    moved = a.archive / "Moved"
    assert on(a, "ingest", a.archive / "Interviews" / "liu.mp4", "--no-posters").status == 0
    moved.mkdir()
    (a.archive / "Interviews" / "liu.mp4").rename(moved / "liu.mp4")
    assert on(a, "verify", "--json").status == 1
    r = on(a, "relink", a.archive, "--json")
    assert r.status == 0 and r.json["relinked"] == 1, r.out
    assert [(row.path, row.root_id is not None) for row in _stored(a.project)] == [("Moved/liu.mp4", True)]
    assert on(a, "verify", "--json").status == 0


def test_upgrade_to_0011_keeps_absolute_paths_working(project, cli, media_master, monkeypatch, tmp_path):
    from alembic import command

    from docmanager.db import schema

    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))
    root = project.root
    folder = tmp_path / "footage"
    shutil.copytree(media_master / "Interviews", folder)
    assert cli("--project", root, "ingest", folder, "--no-posters").status == 0
    with project.engine.begin() as conn:
        cfg = schema.alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
        conn.exec_driver_sql("DELETE FROM settings WHERE key = 'project_id'")  # a catalogue from before ids
        if project.backend == "sqlite":
            conn.exec_driver_sql("PRAGMA user_version = 10")
    project.close()

    r = cli("--project", root, "verify", "--json")  # opening upgrades the catalogue
    assert r.status == 0 and r.json["ok"] == 2, r.out
    with Project.open(root) as again:
        assert again.get_setting("project_id")  # the identity its mappings are kept under
        with again.session() as s:
            assert s.scalars(select(MediaFile.root_id)).all() == [None, None]
    assert _paths(cli("--project", root, "clips", "--json")) == sorted(
        [str(folder / "liu.mp4"), os.fsdecode(os.fsencode(str(folder)) + b"/" + GBK_NAME)])
    r = cli("--project", root, "roots", "set", "Footage", folder, "--json")
    assert r.status == 0 and r.json["rehomed"] == 2


def test_two_projects_never_share_their_folders(tmp_path, cli, monkeypatch, backend):
    if backend == "postgresql":
        pytest.skip("about project identity on one machine; SQLite projects suffice")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))
    (tmp_path / "arch").mkdir()
    for name in ("One", "Two"):
        assert cli("init", tmp_path / name).status == 0
    assert cli("--project", tmp_path / "One", "roots", "set", "Archive A", tmp_path / "arch").status == 0
    with Project.open(tmp_path / "Two") as two:
        two.write(lambda s: s.add(MediaRoot(name="Archive A")))
    listed = cli("--project", tmp_path / "Two", "roots", "list", "--json").json["roots"]
    assert [(r["name"], r["folder"]) for r in listed] == [("Archive A", None)]
    assert cli("--project", tmp_path / "One", "roots", "list", "--json").json["roots"][0]["folder"] == str(
        tmp_path / "arch")


def test_only_editors_and_admins_name_roots_but_anyone_maps_one(project, cli, monkeypatch, tmp_path, backend):
    if backend == "postgresql":
        pytest.skip("on a team catalogue the database login acts; roles there are tests/test_access.py's")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))
    p = str(project.root)
    (tmp_path / "arch").mkdir()
    assert cli("--project", p, "--user", "boss", "user", "add", "mei", "--role", "translator").status == 0
    assert cli("--project", p, "--user", "boss", "roots", "set", "Archive A", tmp_path / "arch").status == 0
    r = cli("--project", p, "--user", "mei", "roots", "set", "Proxies", tmp_path, "--json")
    assert r.status == 2 and "an editor or an admin" in r.json["error"]["message"]
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "mei-config"))
    r = cli("--project", p, "--user", "mei", "roots", "set", "Archive A", tmp_path / "arch", "--json")
    assert r.status == 0 and r.json["created"] is False, r.out


# ====================================================================== clip set --expect-version
def test_clip_set_with_an_expected_version(project, cli):
    p = str(project.root)
    clip = add_plain_clip(project, "interview-liu")
    version = cli("--project", p, "clip", "show", clip, "--json").json["version"]
    r = cli("--project", p, "clip", "set", clip, "--rating", "3", "--expect-version", version, "--json")
    assert r.status == 0, r.out
    assert r.json["rating"] == 3 and r.json["version"] == version + 1

    # Someone else's change came first: refused with both versions named, exit 3, nothing written.
    r = cli("--project", p, "clip", "set", clip, "--rating", "5", "--tag", "late", "--expect-version", version,
            "--json")
    assert r.status == 3
    message = r.json["error"]["message"]
    assert f"clip {clip} (interview-liu)" in message and f"version {version + 1}" in message
    assert f"version {version} you expected" in message and "nothing was written" in message
    shown = cli("--project", p, "clip", "show", clip, "--json").json
    assert shown["rating"] == 3 and shown["tags"] == [] and shown["version"] == version + 1
    text = cli("--project", p, "clip", "set", clip, "--rating", "1", "--expect-version", version)
    assert text.status == 3 and f"version {version + 1}" in text.err

    other = add_plain_clip(project, "street")
    r = cli("--project", p, "clip", "set", clip, other, "--rating", "2", "--expect-version", version + 1, "--json")
    assert r.status == 2 and "one --expect-version per clip" in r.json["error"]["message"]
    r = cli("--project", p, "clip", "set", clip, other, "--rating", "2", "--expect-version", version + 1,
            "--expect-version", 1, "--json")
    assert r.status == 0 and [c["rating"] for c in r.json["clips"]] == [2, 2]


@pytest.mark.postgres
def test_an_upgraded_team_catalogue_gives_its_roles_the_roots(pg_url, tmp_path, cli, monkeypatch, media_master):
    """0011 on a team database whose roles exist: everyone reads the roots, editors name them."""
    from alembic import command

    from docmanager.access import add_user
    from docmanager.db import schema

    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config-admin"))
    assert cli("init", tmp_path / "Team", "--db", pg_url).status == 0
    project = Project.open(tmp_path / "Team")
    suffix = tmp_path.name[-8:].lower().replace("-", "_")
    editor, translator = f"ed_{suffix}", f"tr_{suffix}"
    add_user(project, editor, "editor")
    add_user(project, translator, "translator")
    with project.engine.begin() as conn:  # back to before media roots, roles and all
        cfg = schema.alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    project.close()
    Project.open(tmp_path / "Team").close()  # the admin opens it: upgraded, privileges given

    archive = tmp_path / "archive"
    shutil.copytree(media_master / "Broll", archive)
    laptops = {}
    for login in (editor, translator):
        laptops[login] = tmp_path / f"Laptop-{login}"
        r = cli("init", laptops[login], "--db", pg_url.replace("docmanager_admin@", f"{login}@", 1), "--json")
        assert r.status == 0, r.out
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config-editor"))
    r = cli("--project", laptops[editor], "roots", "set", "Archive A", archive, "--json")
    assert r.status == 0 and r.json["created"] is True, r.out
    assert cli("--project", laptops[editor], "ingest", archive, "--no-posters").status == 0
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config-translator"))
    assert cli("--project", laptops[translator], "clips", "--json").json[0]["files"][0]["mapped"] is False
    r = cli("--project", laptops[translator], "roots", "set", "Proxies", tmp_path, "--json")
    assert r.status == 2 and f"{translator} is a translator" in r.json["error"]["message"]
    r = cli("--project", laptops[translator], "roots", "set", "Archive A", archive, "--json")
    assert r.status == 0 and r.json["created"] is False, r.out
    assert _paths(cli("--project", laptops[translator], "clips", "--json")) == [str(archive / "street.mov")]
