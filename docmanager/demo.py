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


#: What is said in the interviews: clip index → [(start s, end s, Chinese, English or None)].
WORDS = {
    0: [(0.3, 2.4, "刘静军：我儿子是在太原火车站丢的。", "Liu Jingjun: My son was lost at Taiyuan railway station."),
        (2.6, 4.4, "那年他才四岁。", "He was only four that year."),
        (4.6, 5.8, "我们找了十二年。", "We have been searching for twelve years.")],
    1: [(0.2, 2.2, "警察说他们会查DNA数据库。", "The police said they would check the DNA database."),
        (2.4, 4.6, "每一次有消息，我们都去。", "Every time there is news, we go.")],
    5: [(0.4, 2.8, "志愿者：热线每天都有人打来。", "Volunteer: Someone calls the hotline every day."),
        (3.0, 5.6, "我们把照片印在海报上，贴满整条街。", None)],
    6: [(0.3, 1.9, "妈妈，我回来了。", "Mum, I'm back."),
        (2.1, 3.7, "（哭）", None)],
}
#: Clips nobody speaks in: their subtitles are not needed.
SILENT = (2, 3, 4, 7)


def _srt(lines) -> str:
    def ts(t: float) -> str:
        ms = round(t * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    return "".join(f"{i}\n{ts(a)} --> {ts(b)}\n{text}\n\n" for i, (a, b, text) in enumerate(lines, 1))


def _add_words(project: Project, clip_ids: list[int]) -> dict:
    """Transcripts, translations, subtitle states and a rough cut, as a crew would have them a month in."""
    from docmanager.cuts.model import add_item, duplicate_cut, find_cut, new_cut, trim_item
    from docmanager.subtitles.status import set_state
    from docmanager.transcripts.readers import read_text
    from docmanager.transcripts.store import import_read_result, transcript_json

    if len(clip_ids) != len(CLIPS):
        return {}
    lines: dict[int, list[int]] = {}
    project.user = "Wang Fang"  # the translator
    for index, words in WORDS.items():
        clip = clip_ids[index]
        zh = [(a, b, z) for a, b, z, _e in words]
        en = [(a, b, e) for a, b, _z, e in words if e]
        import_read_result(project, clip, read_text(_srt(zh), "srt"), "zh", source_name="interview.zh.srt")
        import_read_result(project, clip, read_text(_srt(en), "srt"), "en", "zh", source_name="interview.en.srt")
        with project.session() as s:
            lines[index] = [x["id"] for x in transcript_json(s, clip, "zh")["segments"]]
    for index in SILENT:
        for lang in ("zh", "en"):
            set_state(project, clip_id=clip_ids[index], lang=lang, state="not-needed", note="no speech")
    set_state(project, clip_id=clip_ids[1], lang="zh", state="reviewed", note="checked against the tape")
    set_state(project, clip_id=clip_ids[1], lang="en", state="reviewed")
    project.user = "Sun Mei"  # the director
    set_state(project, clip_id=clip_ids[1], lang="en", state="approved", note="names checked with the family")
    cut = new_cut(project, "Assembly", rate="25", handles_ms=200)
    add_item(project, cut, segment_ids=[lines[0][0]])
    add_item(project, cut, segment_ids=[lines[1][0]])
    add_item(project, cut, segment_ids=[lines[6][0]])
    add_item(project, cut, segment_ids=[lines[0][2]])
    set_state(project, cut_id=cut, lang="en", state="approved", note="first assembly for the funder")
    second = duplicate_cut(project, cut)
    with project.session() as s:
        last = [item.id for item in find_cut(s, second).items][-1]
    project.user = "Zhao Lin"  # the editor
    trim_item(project, last, in_s=4.4)  # the approved English of v1 is not v2's
    set_state(project, cut_id=second, lang="en", state="approved", note="carried over from v1")
    trim_item(project, last, in_s=4.8)
    project.user = None
    return {"cuts": [cut, second]}


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
        if not report.cancelled:
            progress(total, total, "Transcripts, subtitles and a rough cut")
            report.data.update(_add_words(project, clip_ids))
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
