"""Project folders and the catalogue file: created safely, refused safely."""
from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from docmanager.db import schema
from docmanager.db.sqlite import APPLICATION_ID
from docmanager.errors import ProjectError
from docmanager.project import CATALOGUE_FILE, PROJECT_FILE, Project


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_init_creates_folder_with_stamped_wal_catalogue(tmp_path, cli):
    r = cli("init", tmp_path / "P", "--name", "Lost Children", "--json")
    assert r.status == 0, r.out
    assert r.json == {"project": str(tmp_path / "P"), "name": "Lost Children", "db": "sqlite"}
    cat = tmp_path / "P" / CATALOGUE_FILE
    con = sqlite3.connect(cat)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.head_version()
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == schema.head_revision()
    con.close()
    for folder in ("thumbnails", "proxies", "media", "backups"):
        assert (tmp_path / "P" / folder).is_dir()


def test_second_init_is_refused_naming_the_folder(tmp_path, cli):
    p = tmp_path / "P"
    assert cli("init", p, "--json").status == 0
    before = digest(p / CATALOGUE_FILE)
    r = cli("init", p, "--json")
    assert r.status == 2
    assert r.json["error"]["path"] == str(p)
    assert str(p) in r.json["error"]["path"] and "project" in r.json["error"]["message"]
    assert digest(p / CATALOGUE_FILE) == before


def test_init_refuses_a_folder_with_another_database(tmp_path, cli):
    p = tmp_path / "P"
    p.mkdir()
    sqlite3.connect(p / "other.db").execute("CREATE TABLE t (x)").connection.commit()
    r = cli("init", p, "--json")
    assert r.status == 2 and "other.db" in r.json["error"]["message"]
    assert not (p / PROJECT_FILE).exists()


def test_connections_use_wal_full_sync_and_foreign_keys(project):
    with project.session() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def _bad_catalogues():
    def zero(path):
        path.write_bytes(b"")

    def random_bytes(path):
        path.write_bytes(os.urandom(64 * 1024))

    def other_app(path):
        con = sqlite3.connect(path)
        con.execute("PRAGMA application_id = 1234")
        con.execute("CREATE TABLE songs (title TEXT)")
        con.execute("INSERT INTO songs VALUES ('x')")
        con.commit()
        con.close()

    def plain_sqlite(path):
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE clips (id INTEGER)")
        con.commit()
        con.close()

    def newer(path):
        from docmanager.project import Project as P

        P.create(path.parent / "tmp-newer").close()
        data = (path.parent / "tmp-newer" / CATALOGUE_FILE).read_bytes()
        path.write_bytes(data)
        con = sqlite3.connect(path)
        con.execute(f"PRAGMA user_version = {schema.head_version() + 5}")
        con.commit()
        con.close()

    def corrupt(path):
        from docmanager.project import Project as P

        P.create(path.parent / "tmp-corrupt").close()
        data = bytearray((path.parent / "tmp-corrupt" / CATALOGUE_FILE).read_bytes())
        # Keep the 100-byte header, wreck the schema page and beyond.
        for i in range(100, len(data)):
            data[i] = (i * 7) & 0xFF
        path.write_bytes(bytes(data))

    return {"zero-byte": (zero, "empty"), "random": (random_bytes, "not a SQLite"),
            "other-app": (other_app, "another application"), "plain-sqlite": (plain_sqlite, "another application"),
            "newer": (newer, "newer DocManager"), "corrupt": (corrupt, "corrupt")}


@pytest.mark.parametrize("kind", list(_bad_catalogues()))
@pytest.mark.parametrize("with_project_file", [True, False])
def test_bad_catalogue_is_refused_and_left_untouched(tmp_path, cli, kind, with_project_file):
    make, words = _bad_catalogues()[kind]
    p = tmp_path / "P"
    p.mkdir()
    if with_project_file:
        (p / PROJECT_FILE).write_text('{"format": 1, "name": "P", "db": "sqlite"}')
    cat = p / CATALOGUE_FILE
    make(cat)
    before = digest(cat)
    listing = sorted(os.listdir(p))
    r = cli("--project", p, "clips", "--json")
    assert r.status == 2, r.out
    err = r.json["error"]
    assert err["path"] == str(cat)
    assert words in err["message"]
    assert digest(cat) == before
    assert sorted(os.listdir(p)) == listing  # no -wal, -shm or backups appeared
    with pytest.raises(ProjectError):
        Project.open(p)
    assert digest(cat) == before


def test_not_a_project(tmp_path, cli):
    r = cli("--project", tmp_path, "clips", "--json")
    assert r.status == 2
    assert r.json["error"]["path"] == str(tmp_path)
    assert "not a DocManager project" in r.json["error"]["message"]


def test_interrupted_init_leaves_no_catalogue(tmp_path, monkeypatch):
    from docmanager import project as project_mod

    def boom(*a, **k):
        raise RuntimeError("power cut")

    monkeypatch.setattr(project_mod.Project, "_migrate", staticmethod(boom))
    with pytest.raises(RuntimeError):
        Project.create(tmp_path / "P")
    assert not (tmp_path / "P" / CATALOGUE_FILE).exists()
    assert not (tmp_path / "P" / PROJECT_FILE).exists()
    monkeypatch.undo()
    Project.create(tmp_path / "P").close()  # a second attempt succeeds
    assert (tmp_path / "P" / CATALOGUE_FILE).exists()


def test_settings_round_trip(project):
    project.set_setting("language", "zh_CN")
    assert project.get_setting("language") == "zh_CN"
    assert project.get_setting("missing", "x") == "x"


def test_full_disk_is_reported_naming_the_catalogue_and_keeps_saved_data(project):
    """SQLite's max_page_count stands in for a full disk: the same error path."""
    from docmanager.catalogue.people import add_subject

    add_subject(project, "Saved before")
    with project.session() as s:
        pages = s.connection().exec_driver_sql("PRAGMA page_count").scalar()

    @__import__("sqlalchemy").event.listens_for(project.engine, "connect")
    def _limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    project.engine.dispose()
    with pytest.raises(ProjectError) as info:
        for i in range(2000):
            add_subject(project, f"Person {i}", notes="x" * 2000)
    assert "full" in info.value.message and info.value.path == str(project.catalogue_path)
    with project.session() as s:
        from docmanager.catalogue.people import find_subject

        assert find_subject(s, "Saved before").name == "Saved before"
