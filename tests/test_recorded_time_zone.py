"""A phone's UTC-only recording time is shown in its shoot's time zone; the clips sort by the real instant."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from docmanager.catalogue.clips import ClipQuery, clip_ids, clip_rows
from docmanager.media.generate import make_clip

BOTH_BACKENDS = True

UTC = timezone.utc
CST = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def footage(tmp_path_factory) -> Path:
    """Real files: two phone MP4s (UTC creation time only), a MOV and an AVCHD MTS with the local offset."""
    folder = tmp_path_factory.mktemp("footage")
    small = dict(seconds=1, size=(320, 240), audio=False, number_frames=False)
    make_clip(folder / "phone.mp4", recorded_at=datetime(2023, 3, 14, 15, 30, tzinfo=UTC), **small)
    make_clip(folder / "late.mp4", recorded_at=datetime(2023, 3, 14, 16, 45, tzinfo=UTC), **small)
    make_clip(folder / "loose.mp4", recorded_at=datetime(2023, 3, 14, 14, 5, tzinfo=UTC), **small)
    make_clip(folder / "camera.mov", recorded_at=datetime(2023, 3, 14, 22, 0, tzinfo=CST), **small)
    make_clip(folder / "camera.mts", recorded_at=datetime(2023, 3, 14, 22, 10, tzinfo=CST), **small)
    return folder


@pytest.fixture
def film(project_dir, footage, cli):
    """phone.mp4, camera.mov and camera.mts in a +08:00 shoot, late.mp4 in the next day's, loose.mp4 in none."""
    def ok(*args):
        r = cli("--project", project_dir, *args, "--json")
        assert r.status == 0, r.out + r.err
        return r.json

    ok("ingest", footage, "--no-posters")
    ids = {c["name"]: c["id"] for c in ok("clips")}
    assert sorted(ids) == ["camera.mov", "camera.mts", "late.mp4", "loose.mp4", "phone.mp4"]
    ok("shoot", "add", "Night market", "--date", "2023-03-14", "--utc-offset", "+08:00")
    ok("shoot", "add", "After midnight", "--date", "2023-03-15", "--utc-offset", "+08:00")
    ok("clip", "set", ids["phone.mp4"], ids["camera.mov"], ids["camera.mts"], "--shoot", "Night market")
    ok("clip", "set", ids["late.mp4"], "--shoot", "After midnight")
    return project_dir, ids, ok


def test_the_sources_ingest_writes(project, film):
    from sqlalchemy import select

    from docmanager.db.models import Clip

    with project.session() as s:
        sources = dict(s.execute(select(Clip.name, Clip.recorded_at_source)).all())
    assert sources == {"phone.mp4": "container", "late.mp4": "container", "loose.mp4": "container",
                       "camera.mov": "metadata", "camera.mts": "mdpm"}


def test_a_phone_clip_shows_its_shoots_local_time_in_clips_and_clip_show(film):
    project_dir, ids, ok = film
    by_name = {c["name"]: c["recorded_at"] for c in ok("clips")}
    assert by_name["phone.mp4"] == "2023-03-14T23:30:00+08:00"  # 15:30 UTC, the same instant
    assert ok("clip", "show", ids["phone.mp4"])["recorded_at"] == "2023-03-14T23:30:00+08:00"
    # The camera's own local times are kept as they are.
    assert by_name["camera.mov"] == "2023-03-14T22:00:00+08:00"
    assert by_name["camera.mts"] == "2023-03-14T22:10:00+08:00"
    # Without a shoot there is no local time zone to show it in.
    assert by_name["loose.mp4"] == "2023-03-14T14:05:00+00:00"
    assert ok("clip", "show", ids["loose.mp4"])["recorded_at"] == "2023-03-14T14:05:00+00:00"


def test_a_late_recording_falls_on_its_shoots_day(film):
    project_dir, ids, ok = film
    shown = ok("clip", "show", ids["late.mp4"])
    assert shown["recorded_at"] == "2023-03-15T00:45:00+08:00"  # 16:45 UTC the day before
    assert shown["recorded_at"][:10] == "2023-03-15"
    assert [c["name"] for c in ok("clips", "--shoot", "After midnight")] == ["late.mp4"]


def test_clip_rows_show_the_local_time(project, film):
    project_dir, ids, ok = film
    with project.session() as s:
        rows = clip_rows(s, list(ids.values()))
    shown = {row.name: row.recorded_at for row in rows.values()}
    assert shown == {"phone.mp4": "2023-03-14T23:30:00+08:00", "late.mp4": "2023-03-15T00:45:00+08:00",
                     "loose.mp4": "2023-03-14T14:05:00+00:00", "camera.mov": "2023-03-14T22:00:00+08:00",
                     "camera.mts": "2023-03-14T22:10:00+08:00"}


def test_a_shoot_without_a_utc_offset_changes_nothing(film):
    project_dir, ids, ok = film
    ok("shoot", "add", "Somewhere")
    ok("clip", "set", ids["loose.mp4"], "--shoot", "Somewhere")
    assert ok("clip", "show", ids["loose.mp4"])["recorded_at"] == "2023-03-14T14:05:00+00:00"


# In UTC: camera.mov 14:00, loose.mp4 14:05, camera.mts 14:10, phone.mp4 15:30, late.mp4 16:45.
BY_INSTANT = ["camera.mov", "loose.mp4", "camera.mts", "phone.mp4", "late.mp4"]


def test_sorting_by_recording_time_orders_by_the_instant(project, film):
    project_dir, ids, ok = film
    assert [c["name"] for c in ok("clips", "--sort", "recorded_at")] == BY_INSTANT
    assert [c["name"] for c in ok("clips", "--sort", "recorded_at", "--desc")] == BY_INSTANT[::-1]
    names = {v: k for k, v in ids.items()}
    with project.session() as s:
        assert [names[i] for i in clip_ids(s, ClipQuery(sort="recorded_at"))] == BY_INSTANT
        # A text search keeps the catalogue's order too.
        market = clip_ids(s, ClipQuery(sort="recorded_at", text="market"))
        assert [names[i] for i in market] == ["camera.mov", "camera.mts", "phone.mp4"]


@pytest.mark.parametrize("stored, source, offset, shown", [
    ("2023-03-14T15:30:00+00:00", "container", "+08:00", "2023-03-14T23:30:00+08:00"),
    ("2023-03-14T15:30:00+00:00", "container", "+0530", "2023-03-14T21:00:00+05:30"),
    ("2023-03-14T15:30:00+00:00", "container", "-03:00", "2023-03-14T12:30:00-03:00"),
    ("2023-03-14T15:30:00.250000+00:00", "container", "+08:00", "2023-03-14T23:30:00.250000+08:00"),
    ("2023-03-14T15:30:00+00:00", "container", None, "2023-03-14T15:30:00+00:00"),
    ("2023-03-14T15:30:00+00:00", "container", "somewhere", "2023-03-14T15:30:00+00:00"),
    ("2023-03-14T15:30:00+00:00", "metadata", "+08:00", "2023-03-14T23:30:00+08:00"),  # a tag written in UTC
    ("2023-03-14T22:00:00+08:00", "metadata", "+09:00", "2023-03-14T22:00:00+08:00"),
    ("2023-03-14T22:00:00+08:00", "mdpm", "+09:00", "2023-03-14T22:00:00+08:00"),
    ("2019-05-02T10:14:03+00:00", "mdpm", "+08:00", "2019-05-02T10:14:03+00:00"),  # a camera set to UTC+0
    ("2019-05-02T10:14:03+08:00", "log", "+08:00", "2019-05-02T10:14:03+08:00"),
    (None, None, "+08:00", None),
])
def test_shown_recorded_at(stored, source, offset, shown):
    from docmanager.catalogue.clips import shown_recorded_at

    assert shown_recorded_at(stored, source, offset) == shown
