"""Screenshots of the app for the docs: the main window in English and in Chinese, the Ingest window,
the transcript editor and the search.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--project DIR]

Builds a sample project in a temporary folder (the demo project when
``docmanager.demo`` can make one here, otherwise a catalogue of realistic
clips without media files), opens the main window offscreen at 1400×850,
selects an interview clip so the inspector is filled, and saves
``main_window_en.png`` and ``main_window_zh.png``.  Then, in a copy of the
project, it ingests a generated AVCHD card and a phone's folder (one of its
files empty) with a copy to an archive folder, and saves the Ingest window
with its summary and the failed file as ``ingest_en.png``.  In another copy
it adds a generated 48-second interview with its Chinese transcript and
English translation (one name misspelt, for the name check) and a second
clip's transcript, and saves the transcript editor at a line of the
interview (``transcript_en.png``) and the Chinese window's search for 太原
(``search_zh.png``).  In that copy it also makes a rough cut of interview
lines and a take of the boy flagged minor on V2, and saves the Cuts tab
(``cuts_en.png``) and the export dialog after an EDL export that had to drop
track V2 (``cut_export_en.png``).  Each shot runs in its own process, because
a Qt application loads its translation once.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from docmanager.project import Project  # noqa: E402 - needs ROOT on sys.path

SIZE = (1400, 850)

SUBJECTS = [
    ("Liu Jingjun", "刘静军", "liu jingjun", [], "Father from Taiyuan, Shanxi; his son was taken in 2007."),
    ("Zhang Xiuying", "张秀英", "zhang xiuying", [], "Mother; Liu Jingjun's wife."),
    ("Wang Guoqiang", "王国强", "wang guoqiang", [], "Father from Zhoukou, Henan; drives a poster van."),
    ("Chen Meilan", "陈美兰", "chen meilan", ["consent-pending"], "Mother in Shenzhen; runs a search hotline."),
    ("Xiao Lei", "小磊", "xiao lei", ["minor", "pseudonym", "no-face"], "Reunited boy; filmed from behind."),
]
SHOOTS = [
    ("Taiyuan – Liu family home", "2019-05-02", "Taiyuan, Shanxi 山西太原"),
    ("Taiyuan – police station", "2019-05-03", "Taiyuan, Shanxi 山西太原"),
    ("Zhoukou – poster van", "2019-06-08", "Zhoukou, Henan 河南周口"),
    ("Shenzhen – hotline office", "2019-09-21", "Shenzhen, Guangdong 广东深圳"),
]
# name, seconds, (rate_num, rate_den), interlaced, recorded, subjects, shoot index, tags, rating, notes
CLIPS = [
    ("Liu Jingjun – interview, part 1", 1510.24, (25, 1), True, "2019-05-02T10:14:03+08:00",
     ["Liu Jingjun"], 0, ["interview"], 5, "Tells the day his son disappeared outside the shop."),
    ("Liu Jingjun – interview, part 2", 1302.8, (25, 1), True, "2019-05-02T10:41:37+08:00",
     ["Liu Jingjun"], 0, ["interview", "DNA database"], 4, None),
    ("Liu Jingjun – interview, part 3", 3725.0, (25, 1), True, "2019-05-02T11:20:12+08:00",
     ["Liu Jingjun", "Zhang Xiuying"], 0, ["interview"], 4, None),
    ("Zhang Xiuying at the window", 94.2, (25, 1), True, "2019-05-02T16:05:12+08:00",
     ["Zhang Xiuying"], 0, ["b-roll"], 3, None),
    ("Missing-child posters, Yingze Street", 61.04, (25, 1), False, "2019-05-02T18:22:40+08:00",
     ["Liu Jingjun", "Zhang Xiuying"], 0, ["b-roll", "posters"], 4, None),
    ("Family photo album", 182.5, (25, 1), False, "2019-05-02T20:02:00+08:00",
     ["Zhang Xiuying"], 0, ["archive photo"], 3, None),
    ("Police station, exterior", 45.045, (30000, 1001), False, "2019-05-03T09:02:11+08:00",
     ["Liu Jingjun"], 1, ["police", "b-roll"], 2, None),
    ("Waiting room", 233.4, (30000, 1001), False, "2019-05-03T09:40:51+08:00",
     ["Liu Jingjun"], 1, ["police"], 3, None),
    ("Phone call with the DNA lab", 412.0, (25, 1), True, "2019-05-03T14:15:30+08:00",
     ["Liu Jingjun"], 1, ["phone call", "DNA database"], 5, "Translator: the lab speaks Shanxi dialect."),
    ("Poster van, morning", 128.6, (50, 1), False, "2019-06-08T06:48:02+08:00",
     ["Wang Guoqiang"], 2, ["b-roll", "posters"], 3, None),
    ("Wang Guoqiang – interview", 2210.3, (25, 1), True, "2019-06-08T10:02:44+08:00",
     ["Wang Guoqiang"], 2, ["interview"], 4, None),
    ("Market, handing out flyers", 305.9, (50, 1), False, "2019-06-08T15:31:19+08:00",
     ["Wang Guoqiang"], 2, ["posters"], 2, None),
    ("Highway at dusk", 40.0, (24000, 1001), False, "2019-06-08T19:22:07+08:00",
     [], 2, ["b-roll"], 1, None),
    ("Hotline office – calls", 1804.5, (25, 1), True, "2019-09-21T09:30:00+08:00",
     ["Chen Meilan"], 3, ["phone call", "interview"], 4, None),
    ("Chen Meilan – interview", 2650.12, (25, 1), True, "2019-09-21T14:00:03+08:00",
     ["Chen Meilan"], 3, ["interview"], 5, "Consent form not signed yet: do not use before it is."),
    ("Xiao Lei with his mother (from behind)", 152.4, (25, 1), False, "2019-09-21T17:48:26+08:00",
     ["Xiao Lei", "Chen Meilan"], 3, ["reunion"], 5, "The boy must not be recognisable."),
    ("Shenzhen skyline", 35.2, (25, 1), False, "2019-09-21T19:10:05+08:00", [], 3, ["b-roll"], 1, None),
    ("Untitled card 3, clip 7", 12.0, (25, 1), True, "2019-09-22T08:01:00+08:00", [], None, [], 0, None),
]


def build_sample(folder: Path) -> Path:
    """A catalogue of realistic clips (files catalogued, not on disk) with Chinese names."""
    from docmanager.catalogue.clips import set_clips
    from docmanager.catalogue.people import add_shoot, add_subject
    from docmanager.catalogue.register import FileSpec, add_clip, add_media_file

    project = Project.create(folder, name="Looking for the lost children")
    try:
        for name, zh, pinyin, flags, notes in SUBJECTS:
            add_subject(project, name, name_zh=zh, pinyin=pinyin, flags=flags, notes=notes)
        for name, day, place in SHOOTS:
            add_shoot(project, name, date=day, place=place, crew="Li Na (camera), Zhou Bo (sound)",
                      utc_offset="+08:00")
        for number, (name, seconds, rate, interlaced, recorded, subjects, shoot, tags, rating, notes) \
                in enumerate(CLIPS):
            card = "AVCHD/BDMV/STREAM" if interlaced else "DCIM/100CANON"
            ext = "MTS" if interlaced else "MP4"
            path = f"/Volumes/Archive/2019/{recorded[:10]}/{card}/{number:05d}.{ext}"

            def _add(s, name=name, seconds=seconds, rate=rate, interlaced=interlaced, recorded=recorded,
                     path=path, number=number):
                mf = add_media_file(s, FileSpec(path=path, size=int(seconds * 3_000_000),
                                                mtime=datetime(2019, 5, 2, tzinfo=timezone.utc),
                                                xxh64=f"{number + 1:016x}", quick_hash=f"{number + 1:032x}"))
                fields = dict(
                    rate_num=rate[0], rate_den=rate[1], duration_frames=round(seconds * rate[0] / rate[1]),
                    width=1920, height=1080, scan="interlaced" if interlaced else "progressive",
                    field_order="tff" if interlaced else None, recorded_at=recorded,
                    recorded_at_source="stream", camera_make="Sony" if interlaced else "Canon",
                    camera_model="HDR-CX560" if interlaced else "EOS 80D",
                    video_codec="AVC", audio_codec="AC-3" if interlaced else "AAC", audio_channels=2,
                    audio_rate=48000, timecode_start="00:00:00:00",
                )
                return add_clip(s, name, fields, [mf]).id

            clip_id = project.write(_add)
            set_clips(project, [clip_id], subjects=subjects, shoot=SHOOTS[shoot][0] if shoot is not None else None,
                      tags=tags, rating=rating, notes=notes)
    finally:
        project.close()
    return folder


def make_project(folder: Path) -> Path:
    """The demo project when it can be made here, else the sample catalogue."""
    try:
        from docmanager.demo import create_demo
    except ImportError:
        return build_sample(folder)
    try:
        report = create_demo(folder)
    except Exception as exc:  # noqa: BLE001 - any failure: fall back to the sample
        print(f"demo project not available ({exc}); using the sample catalogue", file=sys.stderr)
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        return build_sample(folder)
    if not report.done:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        return build_sample(folder)
    return Path(report.data.get("project") or folder)


def shoot(project_dir: Path, language: str, out: Path, settings_dir: Path) -> None:
    """Open the window on ``project_dir`` in ``language`` and save it to ``out``."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    os.environ["DOCMANAGER_LANG"] = language

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import build_window, create_application
    from ui.settings import AppSettings

    app = create_application([sys.argv[0]])
    settings = AppSettings(QSettings(str(settings_dir / f"screenshots-{language}.ini"),
                                     QSettings.Format.IniFormat))
    window = build_window(app, settings, demo_dir=settings_dir / "no-demo")
    window.resize(*SIZE)
    window.show()
    assert window.open_project(project_dir), "could not open the sample project"

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        QApplication.processEvents()

    settle()
    for task in window.tasks.tasks():  # let the on-open backup finish so the status bar is quiet
        task.cancel()
    window.tasks.wait(10_000)
    settle()
    model = window.clip_model
    row = next((r for r in range(model.rowCount()) if "interview, part 1" in (model.row_data(r).name or "")), 0)
    window.browser.select_rows([row, row + 1])
    settle()
    window.browser.select_rows([row])
    window.browser.table.setFocus()
    settle(500)
    window.clip_model.wait_for_thumbnails(10_000)  # the posters in the table are read off the UI thread
    settle()
    window.statusBar().clearMessage()
    out.parent.mkdir(parents=True, exist_ok=True)
    pixmap = window.grab()
    if not pixmap.save(str(out)):
        raise SystemExit(f"could not save {out}")
    print(f"saved {out} ({pixmap.width()}×{pixmap.height()})")
    window.close()


# The interview the transcript shots show: (start, end, speaker, Chinese, English).
INTERVIEW_NAME = "Liu Jingjun – the day at the station"
INTERVIEW_LINES = [
    (900, 4200, "刘静军", "我儿子是在太原火车站丢的。", "Liu Jingjun", "My son was taken at Taiyuan railway station."),
    (4600, 8300, "刘静军", "那是二零零七年三月，他刚满四岁。", "Liu Jingjun",
     "That was March 2007. He had just turned four."),
    (8800, 12600, "刘静军", "那天下午，我们在站前广场卖水果。", "Liu Jinjun",
     "That afternoon we were selling fruit on the station square."),
    (13000, 16900, "刘静军", "我转身给客人找零钱，回头他就不见了。", "Liu Jingjun",
     "I turned round to give a customer change, and when I looked back he was gone."),
    (17400, 21000, "张秀英", "我们找了一整夜，喇叭里一直在喊他的名字。", "Zhang Xiuying",
     "We searched all night; they kept calling his name over the loudspeakers."),
    (21400, 25200, "刘静军", "第二天一早我们去了派出所报案。", "Liu Jingjun",
     "Early the next morning we went to the police station to report it."),
    (25600, 29800, "刘静军", "警察说，火车站每天人太多，监控也看不清。", "Liu Jingjun",
     "The police said the station was too crowded and the cameras showed nothing clear."),
    (30200, 34100, "张秀英", "从那以后，我们每年都回太原贴寻人启事。", "Zhang Xiuying",
     "Since then we go back to Taiyuan every year to put up missing-person posters."),
    (34500, 38700, "刘静军", "去年我们在公安的数据库里采了血。", "Liu Jingjun",
     "Last year we gave blood samples for the police DNA database."),
    (39100, 43400, "刘静军", "只要他还活着，我们就一直找下去。", "Liu Jingjun",
     "As long as he is alive, we will keep looking."),
    (43800, 47200, "张秀英", "我们不会搬家，怕他回来找不到我们。", "Zhang Xiuying",
     "We will never move house, in case he comes back and cannot find us."),
]
SELECTED_LINE = 3  # the row selected in transcript_en.png
HOTLINE_LINES = [
    (500, 2600, "志愿者", "这位妈妈的孩子也是在太原丢的。", "Volunteer",
     "This mother's child also went missing in Taiyuan."),
    (2800, 5600, "志愿者", "我们把太原的线索都转给了当地警方。", "Volunteer",
     "We passed every lead from Taiyuan on to the local police."),
]


def _srt(lines: list[tuple], chinese: bool) -> str:
    from docmanager.transcripts.readers import format_ms

    cues = []
    for number, (start, end, zh_speaker, zh, en_speaker, en) in enumerate(lines, start=1):
        text = f"{zh_speaker}：{zh}" if chinese else f"{en_speaker}: {en}"
        stamps = f"{format_ms(start)} --> {format_ms(end)}".replace(".", ",")  # SRT: 00:00:04,600
        cues.append(f"{number}\n{stamps}\n{text}\n")
    return "\n".join(cues)


def add_transcripts(project_dir: Path, work: Path) -> None:
    """A generated 48-second interview of the Liu family with its transcript and translation, and a
    transcript for a second clip, so that the transcript editor and the search have something to show."""
    from sqlalchemy import select

    from docmanager.catalogue.clips import set_clips
    from docmanager.catalogue.register import FileSpec, add_clip, add_media_file, clip_fields
    from docmanager.db.models import Clip
    from docmanager.media.generate import make_clip
    from docmanager.media.probe import probe
    from docmanager.media.thumbs import make_poster, poster_time
    from docmanager.transcripts.store import import_transcript, segments_page, tag_segment

    work.mkdir(parents=True, exist_ok=True)
    with Project.open(project_dir, backup=False) as project:
        media = project.media_dir / "interviews"
        media.mkdir(parents=True, exist_ok=True)
        path = make_clip(media / "C0021.MP4", seconds=48, size=(1280, 720), pattern="gradients",
                         label=f"{INTERVIEW_NAME}\n2019-05-02 11:20",
                         recorded_at=datetime(2019, 5, 2, 11, 20, 12, tzinfo=timezone(timedelta(hours=8))))
        info = probe(path)
        fields = clip_fields(info)
        fields.update(recorded_at="2019-05-02T11:20:12+08:00", recorded_at_source="log")
        spec = FileSpec.from_path(path)
        clip_id = project.write(lambda s: add_clip(s, INTERVIEW_NAME, fields, [add_media_file(s, spec)]).id)
        set_clips(project, [clip_id], subjects=["Liu Jingjun", "Zhang Xiuying"], shoot="Taiyuan – Liu family home",
                  tags=["interview"], rating=5)
        poster = make_poster(path, project.thumbnails_dir / f"clip-{clip_id}.jpg", poster_time(info.duration_s))

        def _poster(s) -> None:
            s.get(Clip, clip_id).poster_path = str(poster)

        project.write(_poster)
        zh, en = work / "day-at-the-station.zh.srt", work / "day-at-the-station.en.srt"
        zh.write_text(_srt(INTERVIEW_LINES, True), encoding="utf-8")
        en.write_text(_srt(INTERVIEW_LINES, False), encoding="utf-8")
        import_transcript(project, clip_id, zh, "zh")
        import_transcript(project, clip_id, en, "en", translation_of="zh")
        with project.session() as s:
            lines = segments_page(s, clip_id)
            other = s.scalar(select(Clip.id).where(Clip.name.like("%hotline%")).order_by(Clip.id)) or \
                s.scalar(select(Clip.id).where(Clip.id != clip_id).order_by(Clip.id))
        tag_segment(project, lines[5].id, "police")
        tag_segment(project, lines[6].id, "police")
        tag_segment(project, lines[8].id, "DNA")
        if other is not None:
            hz, he = work / "hotline.zh.srt", work / "hotline.en.srt"
            hz.write_text(_srt(HOTLINE_LINES, True), encoding="utf-8")
            he.write_text(_srt(HOTLINE_LINES, False), encoding="utf-8")
            import_transcript(project, other, hz, "zh")
            import_transcript(project, other, he, "en", translation_of="zh")


def _open_window(project_dir: Path, language: str, settings_dir: Path, name: str):
    """The app's window on ``project_dir`` in ``language``, shown offscreen and settled."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    os.environ["DOCMANAGER_LANG"] = language

    from ui.app import build_window, create_application
    from ui.settings import AppSettings

    app = create_application([sys.argv[0]])
    settings = AppSettings(QSettings(str(settings_dir / f"screenshots-{name}.ini"), QSettings.Format.IniFormat))
    window = build_window(app, settings, demo_dir=settings_dir / "no-demo")
    window.resize(*SIZE)
    window.show()
    assert window.open_project(project_dir), "could not open the sample project"
    _settle(300)
    for task in window.tasks.tasks():  # let the on-open backup finish so the status bar is quiet
        task.cancel()
    window.tasks.wait(10_000)
    _settle()
    return window


def _settle(ms: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def _wait(done, ms: int = 15_000, what: str = "the view") -> None:
    """Let the event loop run until ``done()`` (a view reading in the background), at most ``ms``."""
    for _ in range(ms // 50):
        if done():
            return
        _settle(50)
    raise SystemExit(f"{what} did not finish reading in time")


def _save(window, out: Path, note: str = "") -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    pixmap = window.grab()
    if not pixmap.save(str(out)):
        raise SystemExit(f"could not save {out}")
    print(f"saved {out} ({pixmap.width()}×{pixmap.height()})" + (f": {note}" if note else ""))


def _clip_named(window, name: str) -> int:
    model = window.clip_model
    for row in range(model.rowCount()):
        if model.row_data(row).name == name:
            return model.clip_id(row)
    raise SystemExit(f"no clip named {name!r} in the project")


def shoot_transcript(project_dir: Path, out: Path, settings_dir: Path) -> None:
    """The transcript editor: the interview at a line, Chinese and English side by side, the glossary."""
    window = _open_window(project_dir, "en", settings_dir, "transcript")
    clip_id = _clip_named(window, INTERVIEW_NAME)
    view = window.transcript_view
    assert window.open_transcript(clip_id), "could not open the interview's transcript"
    line = view.model.line(SELECTED_LINE)
    assert line is not None, "the interview has no transcript"
    for _ in range(100):  # the picture at the line: the file is opened off the UI thread
        if window.player.is_loaded():
            break
        _settle(50)
    view.select_segment(line.id, seek=True)
    window.player.seek_ms((line.original.start_ms or 0) + 1200)
    _settle(800)
    view.table.setFocus()
    window.statusBar().clearMessage()
    _settle()
    _save(window, out)
    window.close()


def shoot_search(project_dir: Path, out: Path, settings_dir: Path) -> None:
    """The Chinese window's search for 太原: lines of two clips, the matches in bold."""
    window = _open_window(project_dir, "zh_CN", settings_dir, "search")
    view = window.search_view
    window.focus_search()
    done = []
    view.answered.connect(done.append)
    view.query.setText("太原")
    view.flush()
    for _ in range(200):
        if done:
            break
        _settle(50)
    if not done or not done[-1].results:
        raise SystemExit("the search for 太原 found nothing")
    view.results.setFocus()
    view.results.setCurrentIndex(view.model.index(0))
    window.statusBar().clearMessage()
    _settle()
    _save(window, out)
    window.close()


CUT_LINES = (0, 1, 3, 4, 6, 8)  # the interview's lines in the rough cut, in this order


def shoot_cuts(project_dir: Path, out: Path, settings_dir: Path) -> None:
    """The Cuts tab with a paper edit of the interview and the boy on V2, then its EDL export's check."""
    from sqlalchemy import select

    from docmanager.cuts.model import add_item
    from docmanager.db.models import Clip, Subject

    window = _open_window(project_dir, "en", settings_dir, "cuts")
    interview = _clip_named(window, INTERVIEW_NAME)
    project = window.project
    assert project is not None
    with project.session() as s:
        from docmanager.transcripts.store import segments_page

        lines = [seg.id for seg in segments_page(s, interview)]
        boy = s.scalar(select(Clip.id).join(Clip.subjects).where(Subject.name == "Xiao Lei").order_by(Clip.id))
        hotline = s.scalar(select(Clip.id).where(Clip.name.like("%hotline%")).order_by(Clip.id))
    view = window.cuts_view
    window.center.setCurrentWidget(view)
    cut_id = view.new_cut("The day at the station")
    assert cut_id is not None, "could not make the cut"
    view.add_segments([lines[i] for i in CUT_LINES if i < len(lines)])
    if hotline is not None:
        with project.session() as s:
            hotline_lines = [seg.id for seg in segments_page(s, hotline)]
        if hotline_lines:
            view.add_segments(hotline_lines[:1])
    if boy is not None:
        add_item(project, cut_id, clip_id=boy, track="V2", position=0)
        add_item(project, cut_id, clip_id=boy, track="A2", position=0)
    view.reload(select=cut_id)
    items = view.cut().track_items("V1")
    view.select_item(items[2].id)
    view.cut_player.seek_frame(items[2].record_in + 40)
    for _ in range(100):
        if view.player.is_loaded():
            break
        _settle(50)
    _settle(800)
    view.items.setFocus()
    window.statusBar().clearMessage()
    _settle()
    _save(window, out / "cuts_en.png")

    dialog = view.open_export()
    dialog.set_format(".edl")
    dialog.start_export()
    for _ in range(600):
        if not dialog.is_running():
            break
        _settle(50)
    dialog.resize(760, 520)
    _settle(300)
    out.mkdir(parents=True, exist_ok=True)
    pixmap = dialog.grab()
    target = out / "cut_export_en.png"
    if not pixmap.save(str(target)):
        raise SystemExit(f"could not save {target}")
    print(f"saved {target} ({pixmap.width()}×{pixmap.height()}): {len(dialog.loss_texts())} lines of losses")
    dialog.close()
    window.close()


def make_ingest_media(folder: Path) -> tuple[list[Path], Path]:
    """A camera card (a take, and a take spanned over three files), a phone's folder with one empty file,
    and an empty archive folder to copy them to."""
    from docmanager.media.avchd_card import TakeSpec, write_card
    from docmanager.media.generate import make_clip

    cst = timezone(timedelta(hours=8))
    card = folder / "Cards" / "A003_2019-09-21"
    write_card(card, [
        TakeSpec(seconds=3, recorded_at=datetime(2019, 9, 21, 9, 30, tzinfo=cst), label="Hotline office"),
        TakeSpec(seconds=5, files=3, recorded_at=datetime(2019, 9, 21, 14, 0, 3, tzinfo=cst),
                 label="Chen Meilan interview"),
    ])
    phone = folder / "Cards" / "Phone_Li_Na"
    make_clip(phone / "VID_20190921_174826.mp4", seconds=3, size=(960, 540), label="Xiao Lei, from behind",
              recorded_at=datetime(2019, 9, 21, 17, 48, 26, tzinfo=cst))
    (phone / "VID_20190921_175301.mp4").write_bytes(b"")  # the phone ran out of space while recording
    archive = folder / "Archive"
    archive.mkdir(parents=True, exist_ok=True)
    return [card, phone], archive


def shoot_ingest(project_dir: Path, out: Path, settings_dir: Path) -> None:
    """Ingest the generated card and phone folder through the Ingest window and save it with its summary."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    os.environ["DOCMANAGER_LANG"] = "en"

    from ui.app import build_window, create_application
    from ui.settings import AppSettings

    sources, archive = make_ingest_media(settings_dir / "media")
    app = create_application([sys.argv[0]])
    settings = AppSettings(QSettings(str(settings_dir / "screenshots-ingest.ini"), QSettings.Format.IniFormat))
    window = build_window(app, settings, demo_dir=settings_dir / "no-demo")
    window.resize(*SIZE)
    window.show()
    assert window.open_project(project_dir), "could not open the sample project"
    dialog = window.open_ingest()
    assert dialog is not None
    dialog.add_sources(sources)
    dialog.add_destinations([archive])
    loop = QEventLoop()
    dialog.ingestEnded.connect(lambda _report: loop.quit())
    QTimer.singleShot(600_000, loop.quit)
    task = dialog.start()
    assert task is not None, "the ingest did not start"
    loop.exec()
    report = dialog.report
    if report is None:
        raise SystemExit(f"the ingest failed: {dialog.error}")
    settle = QEventLoop()
    QTimer.singleShot(400, settle.quit)
    settle.exec()
    QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    pixmap = dialog.grab()
    if not pixmap.save(str(out)):
        raise SystemExit(f"could not save {out}")
    print(f"saved {out} ({pixmap.width()}×{pixmap.height()}): {len(report.data['clips_added'])} clips added, "
          f"{len(report.failed)} failed")
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNGs")
    parser.add_argument("--project", help="use this project instead of building a sample")
    parser.add_argument("--language", choices=("en", "zh_CN"), help=argparse.SUPPRESS)
    parser.add_argument("--ingest", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--transcript", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--search", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cuts", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = Path(args.out)
    if args.ingest:  # the Ingest window, in this process
        shoot_ingest(Path(args.project), out / "ingest_en.png", Path(args.settings))
        return 0
    if args.transcript:
        shoot_transcript(Path(args.project), out / "transcript_en.png", Path(args.settings))
        return 0
    if args.search:
        shoot_search(Path(args.project), out / "search_zh.png", Path(args.settings))
        return 0
    if args.cuts:
        shoot_cuts(Path(args.project), out, Path(args.settings))
        return 0
    if args.language:  # one language, in this process
        name = "main_window_en.png" if args.language == "en" else "main_window_zh.png"
        shoot(Path(args.project), args.language, out / name, Path(args.settings))
        return 0
    with tempfile.TemporaryDirectory(prefix="docmanager-shots-") as tmp:
        tmp_path = Path(tmp)
        project_dir = Path(args.project) if args.project else make_project(tmp_path / "Sample project")
        for language in ("en", "zh_CN"):
            subprocess.run([sys.executable, __file__, "--out", str(out), "--project", str(project_dir),
                            "--language", language, "--settings", str(tmp_path)], check=True)
        # The ingest adds clips: it works on a copy, so the project given stays as it was.
        ingest_project = tmp_path / "Ingest project"
        shutil.copytree(project_dir, ingest_project)
        subprocess.run([sys.executable, __file__, "--out", str(out), "--project", str(ingest_project),
                        "--ingest", "--settings", str(tmp_path)], check=True)
        # Transcripts: in another copy, with a generated interview and its subtitles.
        transcript_project = tmp_path / "Transcript project"
        shutil.copytree(project_dir, transcript_project)
        add_transcripts(transcript_project, tmp_path / "subtitles")
        for flag in ("--transcript", "--search", "--cuts"):
            subprocess.run([sys.executable, __file__, "--out", str(out), "--project", str(transcript_project),
                            flag, "--settings", str(tmp_path)], check=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
