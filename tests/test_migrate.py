"""migrate --to: a solo project into a team database and back, every row counted on both sides."""
from __future__ import annotations

import pytest

from docmanager.project import Project

pytestmark = pytest.mark.postgres


def test_demo_to_postgresql_and_back(demo_project, pg_url, tmp_path, cli):
    before = cli("--project", demo_project, "clips", "--json").json
    status = cli("--project", demo_project, "subtitles", "status", "--json").json
    r = cli("--project", demo_project, "migrate", "--to", pg_url, "--json")
    assert r.status == 0, r.out
    assert r.json["ok"] is True
    tables = r.json["tables"]
    assert tables["clips"] == [8, 8] and tables["segments"][0] > 0
    assert all(a == b for a, b in tables.values())
    # A teammate joins the team database and sees the same catalogue.
    assert cli("init", tmp_path / "Team", "--db", pg_url).status == 0
    team = str(tmp_path / "Team")
    assert cli("--project", team, "clips", "--json").json == before
    assert cli("--project", team, "subtitles", "status", "--json").json == status
    # New rows get new ids after the copied ones.
    r = cli("--project", team, "subject", "add", "Wang Hua", "--json")
    assert r.status == 0, r.out
    # And back to one laptop.
    r = cli("--project", team, "migrate", "--to", tmp_path / "Back", "--json")
    assert r.status == 0 and r.json["ok"] is True, r.out
    back = Project.open(tmp_path / "Back")
    back.close()
    assert cli("--project", tmp_path / "Back", "clips", "--json").json == before
    names = [s["name"] for s in cli("--project", tmp_path / "Back", "subject", "list", "--json").json["subjects"]]
    assert "Wang Hua" in names


def test_a_database_with_a_catalogue_is_refused(demo_project, pg_url, cli):
    assert cli("--project", demo_project, "migrate", "--to", pg_url).status == 0
    r = cli("--project", demo_project, "migrate", "--to", pg_url, "--json")
    assert r.status == 2 and "already holds a catalogue" in r.json["error"]["message"]
