"""Fixtures for the app's tests: real project folders on disk and a main window over them."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from docmanager.catalogue.clips import set_clips  # noqa: E402
from docmanager.catalogue.people import add_shoot, add_subject  # noqa: E402
from docmanager.catalogue.register import FileSpec, add_clip, add_media_file  # noqa: E402
from docmanager.db.models import Clip  # noqa: E402
from docmanager.project import Project  # noqa: E402

SUBJECTS = [
    ("Liu Jingjun", "刘静军", "liu jingjun"),
    ("Zhang Xiuying", "张秀英", "zhang xiuying"),
    ("Wang Guoqiang", "王国强", "wang guoqiang"),
]
SHOOTS = [
    ("Taiyuan – Liu family home", "2019-05-02", "Taiyuan, Shanxi 山西太原"),
    ("Zhoukou – poster van", "2019-06-08", "Zhoukou, Henan 河南周口"),
]
# name, seconds, rate, interlaced, recorded_at, subjects, shoot, tags, rating
CLIPS = [
    ("Liu interview 1", 1510.24, (25, 1), True, "2019-05-02T10:14:03+08:00", ["Liu Jingjun"], 0, ["interview"], 5),
    ("Liu interview 2", 1302.8, (25, 1), True, "2019-05-02T10:41:37+08:00", ["Liu Jingjun"], 0, ["interview"], 4),
    ("Kitchen window", 94.2, (25, 1), True, "2019-05-02T16:05:12+08:00", ["Zhang Xiuying"], 0, ["b-roll"], 3),
    ("Posters on Yingze Street", 61.04, (25, 1), False, "2019-05-02T18:22:40+08:00",
     ["Liu Jingjun", "Zhang Xiuying"], 0, ["b-roll", "posters"], 4),
    ("Poster van, morning", 128.6, (30000, 1001), False, "2019-06-08T06:48:02+08:00",
     ["Wang Guoqiang"], 1, ["posters"], 2),
    ("Wang interview", 2210.3, (25, 1), True, "2019-06-08T10:02:44+08:00", ["Wang Guoqiang"], 1, ["interview"], 0),
    ("Highway at dusk", 40.0, (24000, 1001), False, "2019-06-08T19:22:07+08:00", [], 1, [], 1),
    ("Untitled card 3", 12.0, (25, 1), True, "2019-09-22T08:01:00+08:00", [], None, [], 0),
]


def build_catalogue(folder: Path) -> Path:
    """A small real project: 8 clips, three subjects with Chinese names, two shoots, tags, ratings."""
    project = Project.create(folder, name="Lost children")
    try:
        for name, zh, pinyin in SUBJECTS:
            add_subject(project, name, name_zh=zh, pinyin=pinyin)
        for name, day, place in SHOOTS:
            add_shoot(project, name, date=day, place=place, utc_offset="+08:00")
        for number, (name, seconds, rate, interlaced, recorded, subjects, shoot, tags, rating) in enumerate(CLIPS):
            def _add(s, number=number, name=name, seconds=seconds, rate=rate, interlaced=interlaced,
                     recorded=recorded):
                mf = add_media_file(s, FileSpec(path=f"/archive/2019/{number:05d}.MTS", size=1000 + number,
                                                mtime=datetime(2019, 5, 2, tzinfo=timezone.utc),
                                                xxh64=f"{number + 1:016x}", quick_hash=f"{number + 1:032x}"))
                fields = dict(rate_num=rate[0], rate_den=rate[1], duration_frames=round(seconds * rate[0] / rate[1]),
                              width=1920, height=1080, scan="interlaced" if interlaced else "progressive",
                              field_order="tff" if interlaced else None, recorded_at=recorded,
                              camera_make="Sony", camera_model="HDR-CX560", video_codec="AVC")
                return add_clip(s, name, fields, [mf]).id

            clip_id = project.write(_add)
            set_clips(project, [clip_id], subjects=subjects, shoot=SHOOTS[shoot][0] if shoot is not None else None,
                      tags=tags, rating=rating)
    finally:
        project.close()
    return folder


def build_large_catalogue(folder: Path, count: int) -> Path:
    """``count`` clips written with one bulk insert (fast), for tests of the lazy table."""
    project = Project.create(folder, name="Large")
    try:
        now = datetime.now(timezone.utc)
        rows = [dict(name=f"clip {i:06d}", rate_num=25, rate_den=1, duration_frames=250 + i, width=1920,
                     height=1080, scan="progressive", recorded_at=f"2019-05-02T10:{i // 60 % 60:02d}:{i % 60:02d}+08:00",
                     rating=i % 6, version=1, added_at=now, updated_at=now) for i in range(count)]
        with project.engine.begin() as conn:
            conn.execute(Clip.__table__.insert(), rows)
    finally:
        project.close()
    return folder


@pytest.fixture
def catalogue_dir(tmp_path) -> Path:
    return build_catalogue(tmp_path / "Lost children")


@pytest.fixture
def app_settings(tmp_path):
    from ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def runner(qapp):
    from ui.tasks import TaskRunner

    tasks = TaskRunner()
    yield tasks
    tasks.cancel_all()
    tasks.wait(30_000)


@pytest.fixture
def make_window(qtbot, app_settings, runner, tmp_path):
    """A function that opens a main window on a project folder (shown, offscreen)."""
    from ui.main_window import MainWindow

    windows = []

    def make(project_dir: Path) -> MainWindow:
        window = MainWindow(app_settings, runner, demo_dir=tmp_path / "Demo project")
        qtbot.addWidget(window)
        window.resize(1400, 850)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_project(project_dir)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window, catalogue_dir):
    return make_window(catalogue_dir)


def clip_id_by_name(project_dir: Path, name: str) -> int:
    from sqlalchemy import select

    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return s.scalar(select(Clip.id).where(Clip.name == name))


def stored_clip(project_dir: Path, clip_id: int) -> dict:
    """The clip as a fresh ``Project.open`` sees it (what is really on disk)."""
    from docmanager.catalogue.clips import clip_json, get_clip

    with Project.open(project_dir, backup=False) as project, project.session() as s:
        return clip_json(get_clip(s, clip_id))
