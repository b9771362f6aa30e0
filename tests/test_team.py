"""Team catalogues on PostgreSQL: creating, joining, refusing, and seeing each other's changes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from docmanager.errors import ProjectError
from docmanager.project import Project
from tests.conftest import ROOT
from tests.factories import add_plain_clip

pytestmark = pytest.mark.postgres


def test_init_records_the_url_and_a_second_laptop_joins(pg_url, tmp_path, cli):
    r = cli("init", tmp_path / "A", "--db", pg_url, "--name", "寻亲 Film", "--json")
    assert r.status == 0, r.out
    assert r.json["db"] == "postgresql"
    info = json.loads((tmp_path / "A" / "docmanager-project.json").read_text(encoding="utf-8"))
    assert info["url"] == pg_url and info["db"] == "postgresql"
    assert not (tmp_path / "A" / "catalogue.sqlite").exists()
    a = Project.open(tmp_path / "A")
    clip = add_plain_clip(a, "interview")
    # Another laptop: the same database, its own folder for thumbnails and proxies.
    r = cli("init", tmp_path / "B", "--db", pg_url, "--json")
    assert r.status == 0 and r.json["name"] == "寻亲 Film"
    b = Project.open(tmp_path / "B")
    assert b.info["id"] == a.info["id"]
    with b.session() as s:
        from docmanager.db.models import Clip

        assert s.get(Clip, clip).name == "interview"
    a.close()
    b.close()


def test_a_password_in_the_url_is_refused(pg_server, tmp_path, cli):
    url = pg_server.url("film").replace("@", ":secret@", 1)
    r = cli("init", tmp_path / "P", "--db", url, "--json")
    assert r.status == 2
    assert "pgpass" in r.json["error"]["message"] and "secret" not in r.out
    assert not (tmp_path / "P" / "docmanager-project.json").exists()


def test_other_peoples_database_and_unreachable_servers(pg_server, pg_url, tmp_path, cli):
    import psycopg

    with psycopg.connect(pg_url.replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    r = cli("init", tmp_path / "P", "--db", pg_url, "--json")
    assert r.status == 2 and "other tables" in r.json["error"]["message"]
    dead = f"postgresql://nobody@127.0.0.1:{pg_server.port + 1}/film"
    r = cli("init", tmp_path / "Q", "--db", dead, "--json")
    assert r.status == 2 and "cannot reach the team database" in r.json["error"]["message"]


def test_changes_from_another_process_reach_an_open_project(pg_url, tmp_path, cli):
    assert cli("init", tmp_path / "A", "--db", pg_url).status == 0
    project = Project.open(tmp_path / "A")
    before = project.data_token()
    assert project.data_token() == before  # nothing happened
    code = ("from docmanager.project import Project\n"
            "from tests.factories import add_plain_clip\n"
            f"p = Project.open({str(tmp_path / 'A')!r})\n"
            "add_plain_clip(p, 'from the other laptop')\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    assert project.data_token() != before
    assert {"clips", "media_files"} <= project.changed_tables()
    assert project.changed_tables() == set()
    project.close()


def test_a_project_file_without_url(tmp_path):
    (tmp_path / "P").mkdir()
    (tmp_path / "P" / "docmanager-project.json").write_text('{"format": 1, "db": "postgresql"}', encoding="utf-8")
    with pytest.raises(ProjectError, match="no database URL"):
        Project.open(tmp_path / "P")
