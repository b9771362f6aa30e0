"""A demo project: real generated footage, people, shoots, tags and ratings.

Made on the first start of the app (and by ``docmanager demo DIR``) so that a
newcomer sees a working catalogue at once.  The names and places are in the
spirit of the film: families searching for children taken from them, and the
volunteers who help.  All footage is generated with ffmpeg (HD, some 1080i50
like the crew's AVCHD camcorders), a few seconds each.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Optional

from docmanager.catalogue.clips import set_clips
from docmanager.catalogue.people import add_shoot, add_subject
from docmanager.catalogue.register import FileSpec, add_clip, add_media_file, clip_fields
from docmanager.errors import DocManagerError
from docmanager.jobs import Cancelled, Report, as_cancel, as_progress
from docmanager.media.generate import make_clip
from docmanager.media.probe import probe
from docmanager.media.thumbs import make_poster, poster_time
from docmanager.project import Project

SUBJECTS = [
    # name, Chinese, pinyin, flags, notes
    ("Liu Jingjun", "刘静军", "liu jingjun", [],
     "Father. His son was taken outside the family's shop in Taiyuan in 2007; he has searched ever since."),
    ("Zhang Xiuying", "张秀英", "zhang xiuying", [], "Mother; Liu Jingjun's wife."),
    ("Beijing volunteers", "北京寻亲志愿者", "beijing xunqin zhiyuanzhe", [],
     "Parents' volunteer group that runs a hotline and a poster campaign."),
    ("Xiao Lei", "小磊", "xiao lei", ["minor", "pseudonym", "no-face"],
     "A boy reunited with his family in 2019; filmed only from behind, name changed."),
]

SHOOTS = [
    # name, date, place, crew, offset
    ("Taiyuan – Liu family home", "2019-05-02", "Taiyuan, Shanxi 山西太原", "Li Na (camera), Zhou Bo (sound)", "+08:00"),
    ("Taiyuan – police station", "2019-05-03", "Taiyuan, Shanxi 山西太原", "Li Na (camera)", "+08:00"),
    ("Beijing – volunteers' meeting", "2019-06-15", "Chaoyang, Beijing 北京朝阳", "Li Na, Zhou Bo", "+08:00"),
]


@dataclass
class DemoClip:
    file: str
    name: str
    seconds: float
    rate: Fraction
    interlaced: bool
    recorded_at: str
    subjects: list[str] = field(default_factory=list)
    shoot: Optional[str] = None
    tags: list[str] = field(default_factory=list)
    rating: int = 0
    notes: Optional[str] = None


CLIPS = [
    DemoClip("00000.MTS", "Liu Jingjun – interview, part 1", 6, Fraction(25), True, "2019-05-02T10:14:03+08:00",
             ["Liu Jingjun"], SHOOTS[0][0], ["interview"], 5, "Tells the day his son disappeared."),
    DemoClip("00001.MTS", "Liu Jingjun – interview, part 2", 5, Fraction(25), True, "2019-05-02T10:41:37+08:00",
             ["Liu Jingjun"], SHOOTS[0][0], ["interview", "DNA database"], 4),
    DemoClip("00002.MTS", "Zhang Xiuying at the window", 4, Fraction(25), True, "2019-05-02T16:05:12+08:00",
             ["Zhang Xiuying"], SHOOTS[0][0], ["b-roll"], 3),
    DemoClip("C0004.MP4", "Missing-child posters, Yingze Street", 4, Fraction(25), False,
             "2019-05-02T18:22:40+08:00", ["Liu Jingjun", "Zhang Xiuying"], SHOOTS[0][0], ["b-roll", "reward"], 4),
    DemoClip("C0007.MOV", "Police station, exterior", 4, Fraction(30000, 1001), False, "2019-05-03T09:02:11+08:00",
             ["Liu Jingjun"], SHOOTS[1][0], ["police", "b-roll"], 2),
    DemoClip("00003.MTS", "Volunteers' meeting – hotline", 6, Fraction(25), True, "2019-06-15T14:30:00+08:00",
             ["Beijing volunteers"], SHOOTS[2][0], ["interview", "reward"], 4),
    DemoClip("C0012.MP4", "Xiao Lei with his mother (from behind)", 4, Fraction(25), False,
             "2019-06-15T17:48:26+08:00", ["Xiao Lei", "Beijing volunteers"], SHOOTS[2][0], ["reunion"], 5,
             "Consent for the mother only; the boy must not be recognisable."),
    DemoClip("C0013.MP4", "Beijing street, evening", 3, Fraction(25), False, "2019-06-15T19:10:05+08:00",
             [], SHOOTS[2][0], ["b-roll"], 1),
]


def create_demo(target, progress=None, cancel=None) -> Report:
    """Create a demo project in ``target`` (a new folder). Returns the job's Report."""
    progress = as_progress(progress)
    cancel = as_cancel(cancel)
    report = Report("Demo project")
    project = Project.create(target, name="Demo – Looking for the lost children")
    try:
        for name, zh, pinyin, flags, notes in SUBJECTS:
            add_subject(project, name, name_zh=zh, pinyin=pinyin, flags=flags, notes=notes)
        for name, day, place, crew, offset in SHOOTS:
            add_shoot(project, name, date=day, place=place, crew=crew, utc_offset=offset)
        footage = project.media_dir / "demo"
        footage.mkdir(exist_ok=True)
        total = len(CLIPS)
        clip_ids: list[int] = []
        for i, spec in enumerate(CLIPS):
            if cancel():
                report.cancelled = True
                break
            progress(i, total, f"Generating {spec.file}")
            path = footage / spec.file
            try:
                clip_id = _make_one(project, spec, path, cancel)
            except Cancelled:
                report.cancelled = True
                break
            except DocManagerError as exc:
                report.fail(path, exc.message)
                continue
            clip_ids.append(clip_id)
            report.done.append(clip_id)
        progress(total, total, "Demo project ready")
        report.data.update(project=str(project.root), clips=clip_ids,
                           subjects=[s[0] for s in SUBJECTS], shoots=[s[0] for s in SHOOTS])
    finally:
        project.close()
    return report


def _make_one(project: Project, spec: DemoClip, path: Path, cancel) -> int:
    label = f"{spec.name}\n{datetime.fromisoformat(spec.recorded_at):%Y-%m-%d %H:%M}"
    make_clip(path, seconds=spec.seconds, rate=spec.rate, interlaced=spec.interlaced, label=label,
              pattern="gradients")
    info = probe(path)
    fields = clip_fields(info)
    fields.update(recorded_at=spec.recorded_at, recorded_at_source="log", notes=spec.notes)
    file_spec = FileSpec.from_path(path)

    def _add(s) -> int:
        mf = add_media_file(s, file_spec)
        return add_clip(s, spec.name, fields, [mf]).id

    clip_id = project.write(_add)
    set_clips(project, [clip_id], add_subjects=spec.subjects, shoot=spec.shoot, add_tags=spec.tags,
              rating=spec.rating)
    poster = make_poster(path, project.thumbnails_dir / f"clip-{clip_id}.jpg", poster_time(info.duration_s),
                         interlaced=info.interlaced, cancel=cancel)

    def _poster(s) -> None:
        from docmanager.db.models import Clip

        s.get(Clip, clip_id).poster_path = str(poster)

    project.write(_poster)
    return clip_id
