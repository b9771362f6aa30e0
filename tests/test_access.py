"""Roles: who may change what (refused with the role named, nothing written), and the activity log."""
from __future__ import annotations

import psycopg
import pytest

from docmanager.access import add_user, list_users, log_entries, set_role
from docmanager.catalogue.clips import set_clips
from docmanager.cuts.model import new_cut
from docmanager.errors import RefusedError
from docmanager.transcripts.store import edit_segment, import_transcript, transcript_json
from tests.factories import add_plain_clip
from tests.test_transcripts_cli import ZH

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True


@pytest.fixture
def crew(project, tmp_path):
    clip = add_plain_clip(project, "interview")  # before any user: nobody is refused anything
    (tmp_path / "zh.srt").write_text(ZH, encoding="utf-8")
    import_transcript(project, clip, tmp_path / "zh.srt", "zh")
    project.user = "Ann"
    added = add_user(project, "Ben", "translator")
    assert added["added"] == [{"name": "Ann", "role": "admin"}, {"name": "Ben", "role": "translator"}]
    add_user(project, "Dee", "director")
    add_user(project, "Eve", "editor")
    return clip


def test_each_role_writes_its_own_tables(project, crew):
    clip = crew
    with project.session() as s:
        line = transcript_json(s, clip, "zh")["segments"][0]["id"]
    project.user = "Ben"
    with pytest.raises(RefusedError, match="Ben is a translator; only an editor or an admin may change clips"):
        set_clips(project, [clip], rating=5)
    edit_segment(project, line, text="我儿子是在太原火车站丢的。")
    with pytest.raises(RefusedError, match="only a director or an admin may change cuts"):
        new_cut(project, "Ben's cut")
    project.user = "Dee"
    cut = new_cut(project, "Assembly")
    assert cut
    with pytest.raises(RefusedError, match="Dee is a director"):
        edit_segment(project, line, text="x")
    project.user = "Eve"
    set_clips(project, [clip], rating=4, add_tags=["police"])
    with pytest.raises(RefusedError, match="only an admin may"):
        add_user(project, "Fay", "editor")
    project.user = "Mallory"
    with pytest.raises(RefusedError, match="Mallory is not a user of this project"):
        set_clips(project, [clip], rating=1)
    with project.session() as s:  # refusals wrote nothing
        from docmanager.db.models import Clip

        assert s.get(Clip, clip).rating == 4
        assert transcript_json(s, clip, "zh")["segments"][0]["text"] == "我儿子是在太原火车站丢的。"


def test_admin_changes_roles_but_not_the_last_admin(project, crew):
    project.user = "Ann"
    set_role(project, "Ben", "editor")
    with project.session() as s:
        assert {u["name"]: u["role"] for u in list_users(s)}["Ben"] == "editor"
    with pytest.raises(RefusedError, match="only admin"):
        set_role(project, "Ann", "editor")


def test_the_log_keeps_who_changed_what(project, crew):
    clip = crew
    project.user = "Eve"
    set_clips(project, [clip], rating=3)
    set_clips(project, [clip], rating=5)
    with project.session() as s:
        entries = log_entries(s, user="Eve", table="clips")
    assert [(e["old"]["rating"], e["new"]["rating"]) for e in entries] == [(3, 5), (0, 3)]
    assert all(e["action"] == "update" and e["row_id"] == clip and e["at"] for e in entries)
    with project.session() as s:
        users = log_entries(s, table="users")
    assert {e["new"]["name"] for e in users} == {"Ann", "Ben", "Dee", "Eve"}


def test_log_and_user_commands(project, cli, crew):
    p = str(project.root)
    users = cli("--project", p, "user", "list", "--json").json["users"]
    assert {u["name"]: u["role"] for u in users} == {"Ann": "admin", "Ben": "translator", "Dee": "director",
                                                     "Eve": "editor"}
    if project.backend == "sqlite":  # in a team catalogue the database login acts, whatever --user says
        r = cli("--project", p, "--user", "Ben", "clip", "set", crew, "--rating", "2", "--json")
        assert r.status == 2 and "only an editor or an admin" in r.json["error"]["message"]
        assert cli("--project", p, "--user", "Eve", "clip", "set", crew, "--rating", "2").status == 0
        entries = cli("--project", p, "log", "--user", "Eve", "--json").json["entries"]
        assert entries[0]["table"] == "clips" and entries[0]["new"]["rating"] == 2
        assert set(entries[0]) == {"at", "user", "action", "table", "row_id", "old", "new"}


@pytest.mark.postgres
def test_database_roles_refuse_a_client_that_bypasses_docmanager(pg_url, tmp_path, cli):
    from docmanager.project import Project

    assert cli("init", tmp_path / "Team", "--db", pg_url).status == 0
    project = Project.open(tmp_path / "Team")
    clip = add_plain_clip(project, "interview")
    translator = f"tr_{tmp_path.name[-8:]}".lower().replace("-", "_")
    add_user(project, translator, "translator")  # the database login is the first admin
    with project.session() as s:
        assert {u["name"]: u["role"] for u in list_users(s)}[project.db_login] == "admin"
    project.close()
    as_translator = pg_url.replace("docmanager_admin@", f"{translator}@", 1)
    with psycopg.connect(as_translator, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM clips").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE clips SET rating = 5 WHERE id = %s", (clip,))
        conn.execute("UPDATE clips SET poster_path = 'x.jpg' WHERE id = %s", (clip,))  # housekeeping
        conn.execute("INSERT INTO tags(name) VALUES ('rain')")
    # And through DocManager as the translator's login: the role is the database's.
    r = cli("init", tmp_path / "Laptop", "--db", as_translator, "--json")
    assert r.status == 0, r.out
    r = cli("--project", tmp_path / "Laptop", "--user", "Somebody", "clip", "set", clip, "--rating", "1", "--json")
    assert r.status == 2 and f"{translator} is a translator" in r.json["error"]["message"]


def test_a_refusal_names_what_people_call_the_thing_not_a_table():
    from docmanager.access import refusal

    assert str(refusal("lin", "translator", "volumes").message).endswith(
        "only an editor or an admin may change cards and drives (ingest and offload)")
    assert "transcript lines" in refusal("ben", "director", "segments").message
