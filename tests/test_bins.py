"""Smart bins: saved queries, including clips whose transcript lines carry a tag."""
from __future__ import annotations

from tests.factories import add_plain_clip
from tests.test_transcripts_cli import ZH

#: Every test here runs on a SQLite project and on a PostgreSQL team catalogue.
BOTH_BACKENDS = True


def test_smart_bins_follow_the_catalogue(project, cli, tmp_path):
    p = str(project.root)
    a, b, c = (add_plain_clip(project, n) for n in ("a", "b", "c"))
    cli("--project", p, "subject", "add", "Liu Jingjun", "--zh", "刘静军")
    cli("--project", p, "clip", "set", a, b, "--subject", "刘静军")
    cli("--project", p, "clip", "set", b, "--rating", "5")
    r = cli("--project", p, "bin", "add", "Liu, best", "--subject", "Liu Jingjun", "--min-rating", "4", "--json")
    assert r.status == 0, r.out
    show = cli("--project", p, "bin", "show", "Liu, best", "--json").json
    assert [x["id"] for x in show["items"]] == [b] and show["query"] == {"subject": "Liu Jingjun", "min_rating": 4}
    cli("--project", p, "clip", "set", a, "--rating", "4")  # the bin follows the change
    assert sorted(x["id"] for x in cli("--project", p, "bin", "show", "Liu, best", "--json").json["items"]) == [a, b]
    # A bin of clips whose transcript lines are tagged "police".
    (tmp_path / "zh.srt").write_text(ZH, encoding="utf-8")
    cli("--project", p, "transcript", "import", c, tmp_path / "zh.srt", "--lang", "zh")
    seg = cli("--project", p, "transcript", "show", c, "--json").json["segments"][1]["id"]
    cli("--project", p, "segment", "tag", seg, "police")
    assert cli("--project", p, "bin", "add", "Police talk", "--segment-tag", "police").status == 0
    assert [x["id"] for x in cli("--project", p, "bin", "show", "Police talk", "--json").json["items"]] == [c]
    listing = cli("--project", p, "bin", "list", "--json").json["bins"]
    assert {x["name"]: x["clips"] for x in listing} == {"Liu, best": 2, "Police talk": 1}
    assert cli("--project", p, "bin", "add", "Empty", "--json").status == 2
    assert cli("--project", p, "bin", "add", "Nobody", "--subject", "Nobody", "--json").status == 2
    assert cli("--project", p, "bin", "remove", "Police talk").status == 0
    assert [x["name"] for x in cli("--project", p, "bin", "list", "--json").json["bins"]] == ["Liu, best"]
