"""The app shows a phone clip's UTC-only recording time in its shoot's time zone, in the table and the inspector."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from docmanager.media.generate import make_clip
from ui.models.clip_table import COLUMN_KEYS, CompactTextRole

UTC = timezone.utc
CST = timezone(timedelta(hours=8))


@pytest.fixture
def phone_project(tmp_path, cli) -> Path:
    """phone.mp4 (15:30 UTC) and camera.mov (22:00 +08:00) in a +08:00 shoot, loose.mp4 (14:05 UTC) in none."""
    footage = tmp_path / "footage"
    footage.mkdir()
    small = dict(seconds=1, size=(320, 240), audio=False, number_frames=False)
    make_clip(footage / "phone.mp4", recorded_at=datetime(2023, 3, 14, 15, 30, tzinfo=UTC), **small)
    make_clip(footage / "camera.mov", recorded_at=datetime(2023, 3, 14, 22, 0, tzinfo=CST), **small)
    make_clip(footage / "loose.mp4", recorded_at=datetime(2023, 3, 14, 14, 5, tzinfo=UTC), **small)
    folder = tmp_path / "Night market"

    def ok(*args):
        r = cli(*args, "--json")
        assert r.status == 0, r.out + r.err
        return r.json

    ok("init", folder)
    ok("--project", folder, "ingest", footage, "--no-posters")
    ids = {c["name"]: c["id"] for c in ok("--project", folder, "clips")}
    ok("--project", folder, "shoot", "add", "Night market", "--date", "2023-03-14", "--utc-offset", "+08:00")
    ok("--project", folder, "clip", "set", ids["phone.mp4"], ids["camera.mov"], "--shoot", "Night market")
    return folder


def _row(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.row_data(r).name == name)


def test_table_and_inspector_show_the_shoots_local_time(qtbot, make_window, phone_project):
    window = make_window(phone_project)
    model = window.clip_model
    column = COLUMN_KEYS.index("recorded")

    def shown(name: str, role=Qt.ItemDataRole.DisplayRole) -> str:
        return model.index(_row(model, name), column).data(role)

    assert shown("phone.mp4") == "2023-03-14 23:30:00 UTC+8"
    assert shown("phone.mp4", CompactTextRole) == "2023-03-14 23:30"
    assert shown("camera.mov") == "2023-03-14 22:00:00 UTC+8"
    assert shown("loose.mp4") == "2023-03-14 14:05:00 UTC+0"

    row = _row(model, "phone.mp4")
    clip_id = model.clip_id(row)
    window.browser.select_rows([row])
    qtbot.waitUntil(lambda: window.inspector.clip_ids() == [clip_id])
    qtbot.waitUntil(lambda: window.inspector._detail_values["recorded"].text() == "2023-03-14 23:30:00 UTC+8")


def test_sorting_by_the_recorded_column_orders_by_the_instant(qtbot, make_window, phone_project):
    window = make_window(phone_project)
    model = window.clip_model
    model.sort(COLUMN_KEYS.index("recorded"), Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: model.query.sort == "recorded_at" and not model.query.descending)
    # In UTC: camera.mov 14:00, loose.mp4 14:05, phone.mp4 15:30.
    assert [model.row_data(r).name for r in range(model.rowCount())] == ["camera.mov", "loose.mp4", "phone.mp4"]
