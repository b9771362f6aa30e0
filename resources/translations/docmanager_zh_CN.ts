<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityLogDialog</name>
    <message>
        <location filename="../../ui/views/activity_log.py" line="62"/>
        <source>Activity Log</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="77"/>
        <source>Only the changes of this person</source>
        <translation>只看此人的改动</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="81"/>
        <source>Only changes to this kind of row</source>
        <translation>只看这一类的改动</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="82"/>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="84"/>
        <source>Only changes made on this day or later</source>
        <translation>只看这一天及以后的改动</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="94"/>
        <source>Filter: a name, a value, a word…</source>
        <translation>筛选：名称、数值或字词…</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="95"/>
        <source>Show only the changes read so far that mention all these words</source>
        <translation>在已读取的改动中，只显示包含所有这些字词的</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="96"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="99"/>
        <source>Read the log again (F5)</source>
        <translation>重新读取记录（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="100"/>
        <location filename="../../ui/views/activity_log.py" line="314"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="101"/>
        <location filename="../../ui/views/activity_log.py" line="316"/>
        <source>All kinds</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="104"/>
        <source>Who:</source>
        <translation>谁：</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="107"/>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="143"/>
        <source>Select a change to see all its values.</source>
        <translation>选择一条改动，即可查看它的全部数值。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="155"/>
        <source>Load More</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="157"/>
        <source>Read {count} older changes</source>
        <translation>再读取 {count} 条更早的改动</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="158"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="288"/>
        <source>Reading the activity log</source>
        <translation>正在读取操作记录</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="304"/>
        <source>The log could not be read: {error}</source>
        <translation>无法读取记录：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="354"/>
        <source>No project is open.</source>
        <translation>没有打开的项目。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="356"/>
        <source>Reading the log…</source>
        <translation>正在读取记录…</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="358"/>
        <source>No changes match these filters.</source>
        <translation>没有符合这些筛选条件的改动。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="359"/>
        <source>Nothing has been changed yet.</source>
        <translation>还没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="361"/>
        <source>{shown} of all {loaded} changes match the filter.</source>
        <translation>全部 {loaded} 条改动中有 {shown} 条符合筛选。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="362"/>
        <source>{shown} of the newest {loaded} changes match the filter; Load More to look further back.</source>
        <translation>最近的 {loaded} 条改动中有 {shown} 条符合筛选；点“加载更多”可查看更早的改动。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="365"/>
        <source>All {count} changes.</source>
        <translation>共 {count} 条改动。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="365"/>
        <source>1 change.</source>
        <translation>1 条改动。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="367"/>
        <source>The newest {count} changes.</source>
        <translation>最近的 {count} 条改动。</translation>
    </message>
    <message>
        <location filename="../../ui/views/activity_log.py" line="369"/>
        <source>{status} Reading…</source>
        <translation>{status} 正在读取…</translation>
    </message>
</context>
<context>
    <name>ActivityLogModel</name>
    <message>
        <location filename="../../ui/models/activity_log.py" line="531"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="531"/>
        <source>Who</source>
        <translation>谁</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="531"/>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="531"/>
        <source>Change</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="545"/>
        <source>{local} (UTC {utc})</source>
        <translation>{local}（UTC {utc}）</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="547"/>
        <source>Made without a user name</source>
        <translation>改动时没有用户名</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="549"/>
        <source>{what}
{kind}, {action}</source>
        <translation>{what}
{kind}，{action}</translation>
    </message>
</context>
<context>
    <name>ClipBrowser</name>
    <message>
        <location filename="../../ui/views/browser.py" line="189"/>
        <source>Filter clips by name, subject, shoot, tag or notes (Ctrl+F)</source>
        <translation>按名称、人物、拍摄场次、标签或备注筛选片段（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>ClipTableModel</name>
    <message>
        <location filename="../../ui/models/clip_table.py" line="349"/>
        <source>This column cannot be sorted</source>
        <translation>此列不能排序</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="402"/>
        <source>{name} — files: {state}</source>
        <translation>{name} — 文件：{state}</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="428"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="429"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="347"/>
        <source>Frame rate in frames per second; interlaced video also shows its field rate</source>
        <translation>帧率（每秒帧数）；隔行扫描的视频还会显示场频</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="400"/>
        <source>{count} files (one take spanned over several files)</source>
        <translation>{count} 个文件（一条镜头跨多个文件录制）</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="430"/>
        <source>FPS</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="431"/>
        <source>Size</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="432"/>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="433"/>
        <source>Subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="434"/>
        <source>Shoot</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="435"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="436"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="443"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="445"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="447"/>
        <source>changed on disk</source>
        <translation>磁盘上已更改</translation>
    </message>
    <message>
        <location filename="../../ui/models/clip_table.py" line="449"/>
        <source>corrupt</source>
        <translation>已损坏</translation>
    </message>
</context>
<context>
    <name>CutEditor</name>
    <message>
        <location filename="../../ui/views/cuts.py" line="264"/>
        <source>Add 1 line to the cut</source>
        <translation>向剪辑添加 1 句</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="265"/>
        <source>Add {count} lines to the cut</source>
        <translation>向剪辑添加 {count} 句</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="280"/>
        <source>Move {name}</source>
        <translation>移动“{name}”</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="296"/>
        <source>Trim {name}</source>
        <translation>修剪“{name}”</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="313"/>
        <source>Remove {name}</source>
        <translation>移除“{name}”</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="314"/>
        <source>Remove {count} items</source>
        <translation>移除 {count} 个条目</translation>
    </message>
</context>
<context>
    <name>CutExportDialog</name>
    <message>
        <location filename="../../ui/views/cut_export.py" line="105"/>
        <source>Export {cut}</source>
        <translation>导出 {cut}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="123"/>
        <source>Export Cut</source>
        <translation>导出剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="126"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="131"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="132"/>
        <location filename="../../ui/views/cut_export.py" line="152"/>
        <location filename="../../ui/views/cut_export.py" line="169"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="133"/>
        <source>The file is read back after it is written and compared with the cut, item by item, to the frame; anything the format cannot hold is listed below.</source>
        <translation>文件写好后会被重新读回，并与剪辑逐条、精确到帧地比对；该格式无法保存的内容都会列在下面。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="143"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="144"/>
        <source>Screener MP4</source>
        <translation>审片样片 MP4</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="144"/>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="147"/>
        <source>Render Screener</source>
        <translation>渲染审片样片</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="151"/>
        <source>Subtitles:</source>
        <translation>字幕：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="153"/>
        <source>A watermarked 720p H.264 MP4 of the cut&apos;s picture track and its sound, for people outside the cutting room.</source>
        <translation>带水印的 720p H.264 MP4，包含剪辑的画面轨道及其声音，供剪辑室以外的人观看。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="161"/>
        <source>Contact Sheet</source>
        <translation>标记小样图</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="162"/>
        <source>Images and PDF (*.png *.jpg *.pdf)</source>
        <translation>图片和 PDF (*.png *.jpg *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="165"/>
        <source>Make Contact Sheet</source>
        <translation>生成小样图</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="170"/>
        <source>The frames at the cut&apos;s markers in cut order, each with its record time code, clip and note (the first frame of each item when the cut has no markers).</source>
        <translation>按剪辑顺序排列剪辑中各标记处的画面，每帧附上录制时间码、片段和备注（剪辑没有标记时，取每个条目的第一帧）。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="179"/>
        <source>Editing Application</source>
        <translation>剪辑软件</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="180"/>
        <source>Screener MP4…</source>
        <translation>审片样片 MP4…</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="181"/>
        <source>Contact Sheet of Markers…</source>
        <translation>标记小样图…</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="185"/>
        <source>Not available in this version</source>
        <translation>此版本不提供</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="193"/>
        <location filename="../../ui/views/cut_export.py" line="306"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="199"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="218"/>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="220"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="222"/>
        <source>Read back:</source>
        <translation>重新读回：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="223"/>
        <source>Items:</source>
        <translation>条目：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="257"/>
        <source>Premiere Pro / DaVinci Resolve — FCP 7 XML (.xml)</source>
        <translation>Premiere Pro / DaVinci Resolve — FCP 7 XML (.xml)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="258"/>
        <source>Final Cut Pro — FCPXML (.fcpxml)</source>
        <translation>Final Cut Pro — FCPXML (.fcpxml)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="259"/>
        <source>Avid Media Composer — AAF (.aaf)</source>
        <translation>Avid Media Composer — AAF (.aaf)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="260"/>
        <source>EDL — CMX 3600, one video track (.edl)</source>
        <translation>EDL — CMX 3600，仅一条视频轨道 (.edl)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="261"/>
        <source>OpenTimelineIO (.otio)</source>
        <translation>OpenTimelineIO (.otio)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="262"/>
        <source>OpenTimelineIO with the media (.otioz)</source>
        <translation>OpenTimelineIO 连同媒体文件 (.otioz)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="312"/>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="318"/>
        <source>The folder cannot be made: {error}</source>
        <translation>无法创建文件夹：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="344"/>
        <source>Exporting {cut}</source>
        <translation>正在导出 {cut}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="354"/>
        <source>Rendering the screener of {cut}</source>
        <translation>正在渲染 {cut} 的审片样片</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="365"/>
        <source>Making the contact sheet of {cut}</source>
        <translation>正在生成 {cut} 的小样图</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="375"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="392"/>
        <source>Nothing exported yet.</source>
        <translation>尚未导出。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="407"/>
        <source>Nothing was written: {error}</source>
        <translation>未写入任何内容：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="412"/>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="425"/>
        <source>Exported {file}</source>
        <translation>已导出 {file}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="427"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="428"/>
        <source>No — {error}</source>
        <translation>否 — {error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="428"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="431"/>
        <source>Nothing was lost: the file holds the cut as it is.</source>
        <translation>没有任何损失：文件完整保存了这个剪辑。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="432"/>
        <source>What the format lost ({count}):</source>
        <translation>该格式丢失的内容（{count} 项）：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="434"/>
        <source>Also written: {file}</source>
        <translation>同时写入：{file}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="445"/>
        <source>Wrote {file}</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="450"/>
        <source>{count} frames</source>
        <translation>{count} 帧</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="453"/>
        <source>{count} subtitle lines</source>
        <translation>{count} 句字幕</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="455"/>
        <source>subtitles: {lang}</source>
        <translation>字幕：{lang}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="459"/>
        <source>No problems.</source>
        <translation>没有问题。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_export.py" line="459"/>
        <source>Problems ({count}):</source>
        <translation>问题（{count} 项）：</translation>
    </message>
</context>
<context>
    <name>CutItemsModel</name>
    <message>
        <location filename="../../ui/models/cut_items.py" line="302"/>
        <source>Record In</source>
        <translation>节目入点</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="302"/>
        <source>Clip / Words</source>
        <translation>片段 / 台词</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="302"/>
        <source>Source In</source>
        <translation>素材入点</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="302"/>
        <source>Source Out</source>
        <translation>素材出点</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="303"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="303"/>
        <source>Track</source>
        <translation>轨道</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="332"/>
        <source>Clip: {name}</source>
        <translation>片段：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="334"/>
        <source>People in this clip are flagged: {flags}</source>
        <translation>此片段中的人物有敏感标记：{flags}</translation>
    </message>
</context>
<context>
    <name>CutListModel</name>
    <message>
        <location filename="../../ui/models/cut_items.py" line="241"/>
        <source>Cut</source>
        <translation>剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="241"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="241"/>
        <source>Rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="241"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/models/cut_items.py" line="242"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
</context>
<context>
    <name>CutPlayer</name>
    <message>
        <location filename="../../ui/views/cut_player.py" line="100"/>
        <source>Add transcript lines to the cut to play it.</source>
        <translation>先把文字稿的句子加入剪辑，才能播放。</translation>
    </message>
    <message>
        <location filename="../../ui/views/cut_player.py" line="157"/>
        <source>Only the items of track {track} play; this one is on another track.</source>
        <translation>只播放 {track} 轨道上的条目；这个条目在另一条轨道上。</translation>
    </message>
</context>
<context>
    <name>CutsView</name>
    <message>
        <location filename="../../ui/views/cuts.py" line="515"/>
        <source>New Cut…</source>
        <translation>新建剪辑…</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="517"/>
        <source>New Version</source>
        <translation>新版本</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="519"/>
        <source>Duplicate the cut as its next version (v2, v3 …) and go on editing the copy</source>
        <translation>把剪辑复制为下一个版本（v2、v3 …），然后在副本上继续剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="521"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="523"/>
        <source>Export the cut for an editing application, render a screener or a contact sheet</source>
        <translation>为剪辑软件导出剪辑，或渲染审片样片、生成小样图</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="530"/>
        <source>Cuts</source>
        <translation>剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="574"/>
        <source>Source in point of the selected item (time code of its clip)</source>
        <translation>所选条目的素材入点（其片段的时间码）</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="577"/>
        <source>Source out point of the selected item (the first frame after it)</source>
        <translation>所选条目的素材出点（其后的第一帧）</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="581"/>
        <source>Move earlier (Alt+Up)</source>
        <translation>前移（Alt+上）</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="583"/>
        <source>Move later (Alt+Down)</source>
        <translation>后移（Alt+下）</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="584"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="586"/>
        <source>Take the selected items out of the cut (Del)</source>
        <translation>把所选条目移出剪辑（Del）</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="589"/>
        <source>In:</source>
        <translation>入点：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="592"/>
        <source>Out:</source>
        <translation>出点：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="612"/>
        <source>Play the cut from the playhead (Space)</source>
        <translation>从播放头处播放剪辑（空格）</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="624"/>
        <source>Zoom the time line (Ctrl+wheel)</source>
        <translation>缩放时间线（Ctrl+滚轮）</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="625"/>
        <source>Fit</source>
        <translation>适合</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="626"/>
        <source>Show the whole cut</source>
        <translation>显示整个剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="632"/>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="647"/>
        <source>Time Line</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="648"/>
        <source>Provenance</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="649"/>
        <source>Where the selected item came from: its clip, files, hashes, card, offload, MHL, verification and subtitle approvals</source>
        <translation>所选条目的来源：片段、文件、哈希值、存储卡、拷贝、MHL、校验和字幕批准</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="667"/>
        <source>&amp;New Cut…</source>
        <translation>新建剪辑(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="668"/>
        <source>New &amp;Version of Cut</source>
        <translation>剪辑的新版本(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="670"/>
        <source>&amp;Export Cut…</source>
        <translation>导出剪辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="672"/>
        <source>Remove from Cut</source>
        <translation>从剪辑中移除</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="675"/>
        <source>Move Earlier</source>
        <translation>前移</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="677"/>
        <source>Move Later</source>
        <translation>后移</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="679"/>
        <source>Play from This Item</source>
        <translation>从此条目开始播放</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="680"/>
        <source>Play/Pause Cut</source>
        <translation>播放/暂停剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="714"/>
        <source>The cut was not changed</source>
        <translation>剪辑没有修改</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="770"/>
        <source>Cannot read the cuts</source>
        <translation>无法读取剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="799"/>
        <source>Cannot show the cut</source>
        <translation>无法显示剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="806"/>
        <source>{cut} · {count} items · {duration} at {rate} fps</source>
        <translation>{cut} · {count} 个条目 · {duration}，{rate} 帧/秒</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="808"/>
        <source>No cut chosen</source>
        <translation>未选择剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="877"/>
        <source>The cut was not made</source>
        <translation>剪辑未能创建</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="892"/>
        <source>The new version was not made</source>
        <translation>新版本未能创建</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="895"/>
        <source>{cut} made; edits now go to it</source>
        <translation>已创建 {cut}；之后的修改都在它上面进行</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="951"/>
        <source>Duration {duration}</source>
        <translation>时长 {duration}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="971"/>
        <source>Made the cut {cut} for the lines</source>
        <translation>已为这些句子新建剪辑 {cut}</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="977"/>
        <source>Added {count} lines to {cut}</source>
        <translation>已向 {cut} 添加 {count} 句</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="978"/>
        <source>Added 1 line to {cut}</source>
        <translation>已向 {cut} 添加 1 句</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="21"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>{message}

File: {path}</source>
        <translation>{message}

文件：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="42"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
</context>
<context>
    <name>FailureTable</name>
    <message>
        <location filename="../../ui/views/ingest.py" line="259"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="259"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>GlossaryPanel</name>
    <message>
        <location filename="../../ui/views/transcript.py" line="916"/>
        <source>Glossary</source>
        <translation>人名对照</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="920"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="920"/>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="920"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="930"/>
        <source>How the clip&apos;s people are written: use these spellings in the translation</source>
        <translation>片段中人物名字的写法：译文请使用这些拼写</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="933"/>
        <source>No people on this clip: add subjects in the inspector to see their names here.</source>
        <translation>此片段没有人物：在检查器中添加人物后，这里会显示他们的名字。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="939"/>
        <location filename="../../ui/views/transcript.py" line="1000"/>
        <source>Name check</source>
        <translation>人名检查</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="949"/>
        <source>Last import</source>
        <translation>上次导入</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="987"/>
        <source>Line {line}: {chinese} should be spelled “{expected}”</source>
        <translation>第 {line} 行：{chinese} 应拼作“{expected}”</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="995"/>
        <source>Every name is spelled as in the glossary.</source>
        <translation>所有人名的拼写都与对照表一致。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="996"/>
        <source>Nothing to check.</source>
        <translation>没有需要检查的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="999"/>
        <source>Name check ({count})</source>
        <translation>人名检查（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1018"/>
        <source>{file}: {lang}, {format}, {encoding}, {count} lines</source>
        <translation>{file}：{lang}，{format}，{encoding}，{count} 行</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1022"/>
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1022"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1026"/>
        <source>{file} · line {line} {time}: not paired ({reason})</source>
        <translation>{file} · 第 {line} 行 {time}：未配对（{reason}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1030"/>
        <source>{file}: not imported</source>
        <translation>{file}：未导入</translation>
    </message>
</context>
<context>
    <name>IngestDialog</name>
    <message>
        <location filename="../../ui/views/ingest.py" line="368"/>
        <source>Ingest — {project}</source>
        <translation>导入 — {project}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="391"/>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="393"/>
        <source>Drop camera cards, folders or media files here</source>
        <translation>把存储卡、文件夹或媒体文件拖到这里</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="396"/>
        <location filename="../../ui/views/ingest.py" line="415"/>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="398"/>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="400"/>
        <location filename="../../ui/views/ingest.py" line="417"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="409"/>
        <source>Copy to</source>
        <translation>拷贝到</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="411"/>
        <source>No destination: the clips are catalogued where they are</source>
        <translation>没有目标位置：片段在原位置登记</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="433"/>
        <source>e.g. CARD-2019-05-02-A</source>
        <translation>例如：CARD-2019-05-02-A</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="434"/>
        <source>The name of the folder the copies go into, and of the card in the catalogue</source>
        <translation>拷贝所放入的文件夹名称，也是素材库中这张卡的名称</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="438"/>
        <source>&amp;Label:</source>
        <translation>卷标(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="444"/>
        <source>S&amp;hoot:</source>
        <translation>拍摄场次(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="450"/>
        <source>The subjects every new clip gets</source>
        <translation>每个新片段都会加上的人物</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="451"/>
        <source>Sub&amp;jects:</source>
        <translation>人物(&amp;J)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="493"/>
        <source>Doing:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="493"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="494"/>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="494"/>
        <location filename="../../ui/views/ingest.py" line="522"/>
        <source>Time:</source>
        <translation>用时：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="498"/>
        <source>You can close this window: the ingest goes on and shows in the status bar. File ▸ Ingest… brings the window back.</source>
        <translation>可以关闭此窗口：导入会继续进行，并显示在状态栏中。选择“文件 ▸ 导入…”可再次打开此窗口。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="516"/>
        <source>Clips added:</source>
        <translation>新增片段：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="517"/>
        <source>Already in the catalogue:</source>
        <translation>素材库中已有：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="518"/>
        <source>Files catalogued:</source>
        <translation>已登记文件：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="519"/>
        <source>Copied and verified:</source>
        <translation>已拷贝并校验：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="520"/>
        <source>Copies in:</source>
        <translation>拷贝位置：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="521"/>
        <source>MHL records:</source>
        <translation>MHL 校验记录：</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="537"/>
        <source>Copy List</source>
        <translation>复制列表</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="539"/>
        <source>Copy the files and their problems as text (one per line, separated by a tab)</source>
        <translation>把文件及其问题复制为文本（每行一个，以制表符分隔）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="552"/>
        <source>New Ingest</source>
        <translation>新的导入</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="554"/>
        <source>Ingest other sources (the destinations and subjects stay)</source>
        <translation>导入其他来源（保留目标位置和人物）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="556"/>
        <source>Change Settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="559"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="563"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="566"/>
        <location filename="../../ui/views/ingest.py" line="948"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="589"/>
        <source>No subjects yet (Edit ▸ New Subject…)</source>
        <translation>还没有人物（编辑 ▸ 新建人物…）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="594"/>
        <source>— no shoot —</source>
        <translation>— 无拍摄场次 —</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="631"/>
        <source>Add a Card or Folder</source>
        <translation>添加存储卡或文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="637"/>
        <source>Add Media Files</source>
        <translation>添加媒体文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="638"/>
        <source>Media files ({patterns});;All files (*)</source>
        <translation>媒体文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="643"/>
        <source>Add a Destination Folder</source>
        <translation>添加目标文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="665"/>
        <source>Nothing is copied: the catalogue points at the files where they are now.</source>
        <translation>不拷贝任何文件：素材库直接指向文件现在所在的位置。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="669"/>
        <source>Each source is copied into DESTINATION/LABEL/, read back and compared with the original, with an ASC MHL record; the catalogue points at the copies in the first destination.</source>
        <translation>每个来源都会拷贝到“目标位置/卷标/”中，回读并与原文件比对，并写入 ASC MHL 校验记录；素材库指向第一个目标位置中的拷贝。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="725"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="734"/>
        <source>Ingest</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="750"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="761"/>
        <source>1 source</source>
        <translation>1 个来源</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="761"/>
        <source>{count} sources</source>
        <translation>{count} 个来源</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="763"/>
        <source>Cataloguing {sources} in place</source>
        <translation>正在原位置登记 {sources}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="764"/>
        <source>1 destination</source>
        <translation>1 个目标位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="765"/>
        <source>{count} destinations</source>
        <translation>{count} 个目标位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="766"/>
        <source>Ingesting {sources}, copying to {destinations}</source>
        <translation>正在导入 {sources}，拷贝到 {destinations}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="787"/>
        <source> ({index} of {count} files)</source>
        <translation>（第 {index} 个，共 {count} 个文件）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="789"/>
        <source>Looking for clips</source>
        <translation>正在查找片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="791"/>
        <source>Copying</source>
        <translation>正在拷贝</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="793"/>
        <source>Reading the copy back to verify it</source>
        <translation>正在回读拷贝以进行校验</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="795"/>
        <source>Checking a copy made before</source>
        <translation>正在检查之前的拷贝</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="797"/>
        <source>Already copied and verified</source>
        <translation>已拷贝并校验过</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="799"/>
        <source>Copied and verified</source>
        <translation>已拷贝并校验</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="801"/>
        <source>Cataloguing</source>
        <translation>正在登记</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="803"/>
        <source>Making poster frames and filmstrips</source>
        <translation>正在生成封面帧和胶片条</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="805"/>
        <source>Finishing</source>
        <translation>正在完成</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="814"/>
        <source>{mb} MB/s</source>
        <translation>{mb} MB/s</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="817"/>
        <source>{elapsed} elapsed</source>
        <translation>已用 {elapsed}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="821"/>
        <source>{elapsed} elapsed, about {left} left</source>
        <translation>已用 {elapsed}，约剩 {left}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="843"/>
        <source>The ingest did not start</source>
        <translation>导入未能开始</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="873"/>
        <source>Ingest cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="875"/>
        <source>The ingest stopped before the end. Nothing partial is left in the destinations: every file there is complete and verified. Clips catalogued before the cancel stay in the catalogue. Start the same ingest again to finish it; what is already copied is not copied again.</source>
        <translation>导入在完成前停止了。目标位置中没有残留的不完整文件：那里的每个文件都完整且已校验。取消前已登记的片段会保留在素材库中。再次开始同样的导入即可完成；已经拷贝的内容不会重复拷贝。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="881"/>
        <source>Ingest finished: 1 file failed</source>
        <translation>导入完成：1 个文件失败</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="882"/>
        <source>Ingest finished: {count} files failed</source>
        <translation>导入完成：{count} 个文件失败</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="883"/>
        <source>Everything else was ingested. The files below were not catalogued; the list says why.</source>
        <translation>其余内容均已导入。下列文件没有登记，列表中写明了原因。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="886"/>
        <source>Ingest finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="892"/>
        <source>{files} ({size})</source>
        <translation>{files}（{size}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="895"/>
        <source>{files} files, {size}</source>
        <translation>{files} 个文件，{size}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="908"/>
        <source>Failed files and warnings ({count})</source>
        <translation>失败的文件和警告（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="910"/>
        <source>Failed files ({count})</source>
        <translation>失败的文件（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="912"/>
        <source>Warnings ({count})</source>
        <translation>警告（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="914"/>
        <source>No file failed</source>
        <translation>没有文件失败</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="948"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../ui/views/ingest.py" line="949"/>
        <source>The ingest goes on; File ▸ Ingest… shows this window again</source>
        <translation>导入会继续进行；选择“文件 ▸ 导入…”可再次显示此窗口</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../ui/views/inspector.py" line="133"/>
        <source>Select a clip to see and edit its details.</source>
        <translation>选择一个片段，即可查看并编辑它的详细信息。</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="170"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="171"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="172"/>
        <source>Size</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="173"/>
        <source>Scan</source>
        <translation>扫描方式</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="174"/>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="175"/>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="176"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="177"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="178"/>
        <source>Timecode</source>
        <translation>起始时间码</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="179"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="180"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="181"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="182"/>
        <source>Transcripts</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="215"/>
        <source>New subject…</source>
        <translation>新建人物…</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="216"/>
        <source>Subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="223"/>
        <source>Several shoots</source>
        <translation>多个拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="225"/>
        <location filename="../../ui/views/inspector.py" line="227"/>
        <source>New shoot…</source>
        <translation>新建拍摄场次…</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="235"/>
        <source>interview, b-roll, …</source>
        <translation>采访, 空镜, …</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="236"/>
        <source>Tags separated by commas; with several clips selected, a tag added or removed here changes all of them</source>
        <translation>标签之间用逗号分隔；选中多个片段时，在这里添加或删除的标签会应用到所有选中的片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="258"/>
        <source>Shoot</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="259"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="260"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="265"/>
        <location filename="../../ui/views/inspector.py" line="398"/>
        <source>Notes for the editor and the translator</source>
        <translation>写给剪辑师和翻译的备注</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="268"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="313"/>
        <source>Read only. {reason}</source>
        <translation>只读。{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="390"/>
        <source>Only some of the clips: {tags}</source>
        <translation>仅部分片段有：{tags}</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="397"/>
        <source>The clips have different notes; typing here replaces them all</source>
        <translation>这些片段的备注各不相同；在这里输入会替换全部备注</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="441"/>
        <source>{count} clips selected</source>
        <translation>已选中 {count} 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="444"/>
        <source>{duration} in all</source>
        <translation>共 {duration}</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="466"/>
        <source>{lang}: {count} lines</source>
        <translation>{lang}：{count} 行</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="471"/>
        <source>interlaced, top field first</source>
        <translation>隔行扫描，上场优先</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="473"/>
        <source>interlaced, bottom field first</source>
        <translation>隔行扫描，下场优先</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="474"/>
        <source>interlaced</source>
        <translation>隔行扫描</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="476"/>
        <source>progressive</source>
        <translation>逐行扫描</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="484"/>
        <source>{n} ch</source>
        <translation>{n} 声道</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="486"/>
        <source>{khz} kHz</source>
        <translation>{khz} kHz</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="490"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="490"/>
        <location filename="../../ui/views/inspector.py" line="520"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="491"/>
        <source>changed on disk</source>
        <translation>磁盘上已更改</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="491"/>
        <location filename="../../ui/views/inspector.py" line="526"/>
        <source>corrupt</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="497"/>
        <source>none catalogued</source>
        <translation>未登记文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="498"/>
        <source>1 file</source>
        <translation>1 个文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="498"/>
        <source>{count} files</source>
        <translation>{count} 个文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="500"/>
        <source>{files}, {size}</source>
        <translation>{files}，{size}</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="502"/>
        <source>{files}, joined into one</source>
        <translation>{files}，已合并为一个文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="510"/>
        <source>card {label}</source>
        <translation>存储卡 {label}</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="512"/>
        <source>folder {label}</source>
        <translation>文件夹 {label}</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="519"/>
        <source>offline ({count} of {total} files)</source>
        <translation>离线（{total} 个文件中的 {count} 个）</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="522"/>
        <source>CHANGED since ingest ({count} of {total} files)</source>
        <translation>导入后已被更改（{total} 个文件中的 {count} 个）</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="523"/>
        <source>CHANGED since ingest</source>
        <translation>导入后已被更改</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="525"/>
        <source>corrupt ({count} of {total} files)</source>
        <translation>已损坏（{total} 个文件中的 {count} 个）</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="528"/>
        <source>not verified</source>
        <translation>未校验</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="529"/>
        <source>verified {when}</source>
        <translation>已于 {when} 校验</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="566"/>
        <source>{have} of the {count} clips</source>
        <translation>{count} 个片段中的 {have} 个</translation>
    </message>
    <message>
        <location filename="../../ui/views/inspector.py" line="588"/>
        <source>— no shoot —</source>
        <translation>— 无拍摄场次 —</translation>
    </message>
</context>
<context>
    <name>LineTextEdit</name>
    <message>
        <location filename="../../ui/views/transcript.py" line="691"/>
        <source>Split Line Here</source>
        <translation>在此处拆分本行</translation>
    </message>
</context>
<context>
    <name>LogTexts</name>
    <message>
        <location filename="../../ui/models/activity_log.py" line="216"/>
        <source>clips</source>
        <extracomment>Tables whose rows have a name worth showing, and the column holding it. Columns left out of the summary of an added or removed row (they are in the tooltip). Columns the &quot;what&quot; of a row of these tables already says, left out of its summary. (table, id) → what the row belongs to (clip_id, cut_id, lang), from the entries that say it.</extracomment>
        <translation>片段</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="217"/>
        <source>files of clips</source>
        <translation>片段的文件</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="218"/>
        <source>people in clips</source>
        <translation>片段中的人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="219"/>
        <source>tags of clips</source>
        <translation>片段的标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="220"/>
        <source>subjects (people)</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="221"/>
        <source>shoots</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="222"/>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="223"/>
        <source>markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="224"/>
        <source>subclips</source>
        <translation>子片段</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="225"/>
        <source>smart bins</source>
        <translation>智能素材夹</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="226"/>
        <source>media files</source>
        <translation>媒体文件</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="227"/>
        <source>cards and drives</source>
        <translation>存储卡和硬盘</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="228"/>
        <source>offloads</source>
        <translation>拷贝</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="229"/>
        <source>transcripts</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="230"/>
        <source>transcript lines</source>
        <translation>文字稿的句子</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="231"/>
        <source>tags of transcript lines</source>
        <translation>句子的标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="232"/>
        <source>subtitle states</source>
        <translation>字幕状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="233"/>
        <source>cuts</source>
        <translation>剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="234"/>
        <source>cut items</source>
        <translation>剪辑条目</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="235"/>
        <source>users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="236"/>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="243"/>
        <source>clip {id}</source>
        <translation>片段 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="244"/>
        <source>subject {id}</source>
        <translation>人物 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="245"/>
        <source>shoot {id}</source>
        <translation>拍摄场次 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="246"/>
        <source>tag {id}</source>
        <translation>标签 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="247"/>
        <source>marker {id}</source>
        <translation>标记 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="248"/>
        <source>subclip {id}</source>
        <translation>子片段 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="249"/>
        <source>smart bin {id}</source>
        <translation>智能素材夹 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="250"/>
        <source>media file {id}</source>
        <translation>媒体文件 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="251"/>
        <source>card or drive {id}</source>
        <translation>存储卡或硬盘 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="252"/>
        <source>offload {id}</source>
        <translation>拷贝 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="253"/>
        <source>transcript {id}</source>
        <translation>文字稿 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="254"/>
        <source>transcript line {id}</source>
        <translation>句子 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="255"/>
        <source>subtitle state {id}</source>
        <translation>字幕状态 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="256"/>
        <source>cut {id}</source>
        <translation>剪辑 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="257"/>
        <source>cut item {id}</source>
        <translation>剪辑条目 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="258"/>
        <source>user {id}</source>
        <translation>用户 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="259"/>
        <source>setting {id}</source>
        <translation>设置 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="267"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="267"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="267"/>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="271"/>
        <source>(no name)</source>
        <translation>（无名）</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="292"/>
        <source>{subject} in {clip}</source>
        <translation>{clip} 中的{subject}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="295"/>
        <source>{tag} on {clip}</source>
        <translation>{clip} 的{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="298"/>
        <source>{file} in {clip}</source>
        <translation>{clip} 中的{file}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="304"/>
        <location filename="../../ui/models/activity_log.py" line="316"/>
        <location filename="../../ui/models/activity_log.py" line="321"/>
        <source>{row} ({lang}) of {owner}</source>
        <translation>{owner} 的{row}（{lang}）</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="306"/>
        <source>{tag} on {line}</source>
        <translation>{line} 的{tag}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="312"/>
        <source>{item} of {cut}</source>
        <translation>{cut} 的{item}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="317"/>
        <source>{row} of {owner}</source>
        <translation>{owner} 的{row}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="330"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="330"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="343"/>
        <source>(binary, {size} bytes)</source>
        <translation>（二进制，{size} 字节）</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="346"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="372"/>
        <source>{key}: {old} → {new}</source>
        <translation>{key}：{old} → {new}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="373"/>
        <location filename="../../ui/models/activity_log.py" line="393"/>
        <location filename="../../ui/models/activity_log.py" line="407"/>
        <source>{key}: {value}</source>
        <translation>{key}：{value}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="382"/>
        <source>{action}: {values}</source>
        <translation>{action}：{values}</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity_log.py" line="399"/>
        <source>{when} · {who} · {action} {what}</source>
        <translation>{when} · {who} · {action} {what}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <location filename="../../ui/main_window.py" line="559"/>
        <source>DocManager</source>
        <translation>DocManager</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207"/>
        <source>The change was not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>The line was not saved</source>
        <translation>这一行没有保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215"/>
        <source>The marker was not saved</source>
        <translation>标记没有保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="236"/>
        <source>Clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237"/>
        <source>Transcript</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239"/>
        <source>Subtitles</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Cuts</source>
        <translation>剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="249"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250"/>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Open the &amp;Demo Project</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>&amp;Close Project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>&amp;Ingest…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>Copy camera cards and folders with verification and catalogue their clips</source>
        <translation>校验拷贝存储卡和文件夹，并登记其中的片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="322"/>
        <source>&amp;Back Up Now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>&amp;Find Clips</source>
        <translation>查找片段(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334"/>
        <source>&amp;Search Transcripts</source>
        <translation>搜索文字稿(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="335"/>
        <source>Search what people said in every clip&apos;s transcript and translation</source>
        <translation>在所有片段的文字稿和译文中搜索人物说过的话</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="336"/>
        <source>Import &amp;Transcript…</source>
        <translation>导入文字稿(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Import a transcript or its translation into the selected clip (or drop the files on the clip)</source>
        <translation>把文字稿或其译文导入所选片段（也可以把文件拖到片段上）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="340"/>
        <source>&amp;Clips</source>
        <translation>片段(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>&amp;Transcript</source>
        <translation>文字稿(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="345"/>
        <source>S&amp;earch</source>
        <translation>搜索(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="347"/>
        <source>C&amp;uts</source>
        <translation>剪辑(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="349"/>
        <source>Save as Smart &amp;Bin…</source>
        <translation>存为智能素材夹(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>Keep the current choice in the sidebar and the filter as a smart bin that stays up to date</source>
        <translation>把侧栏中当前的选择和筛选条件保存为一个随时更新的智能素材夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="352"/>
        <source>New &amp;Subject…</source>
        <translation>新建人物(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="353"/>
        <source>New S&amp;hoot…</source>
        <translation>新建拍摄场次(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355"/>
        <source>&amp;Activity Log</source>
        <translation>操作记录(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="357"/>
        <source>Who changed what and when, with the old and new values</source>
        <translation>谁在何时改了什么，以及改动前后的值</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="358"/>
        <source>&amp;Media Roots…</source>
        <translation>媒体根目录(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="359"/>
        <source>Where the archive&apos;s folders are on this computer</source>
        <translation>素材库的文件夹在这台电脑上的位置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="360"/>
        <source>&amp;About DocManager</source>
        <translation>关于 DocManager(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="395"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="422"/>
        <source>C&amp;ut</source>
        <translation>剪辑(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="428"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="432"/>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="462"/>
        <source>Cannot show the clip</source>
        <translation>无法显示该片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="526"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="568"/>
        <source>{project} — DocManager</source>
        <translation>{project} — DocManager</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="621"/>
        <source>Open Project Folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="634"/>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="646"/>
        <source>No recent projects</source>
        <translation>没有最近打开的项目</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="650"/>
        <source>Clear Menu</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="663"/>
        <source>The demo project is not available</source>
        <translation>演示项目不可用</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="665"/>
        <source>Creating the demo project</source>
        <translation>正在创建演示项目</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="666"/>
        <source>Creating the demo project: generating footage and filling the catalogue. This takes a moment.</source>
        <translation>正在创建演示项目：生成示例素材并填写素材库，请稍候。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="670"/>
        <source>The demo project could not be made</source>
        <translation>无法创建演示项目</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="676"/>
        <source>Demo project cancelled</source>
        <translation>已取消创建演示项目</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="695"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="698"/>
        <source>The backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="704"/>
        <source>Catalogue backed up to {path}</source>
        <translation>素材库已备份到 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="715"/>
        <source>… and {count} more</source>
        <translation>……另有 {count} 项</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="717"/>
        <source>{count} items failed:</source>
        <translation>{count} 项失败：</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="754"/>
        <source>1 clip added</source>
        <translation>新增 1 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="755"/>
        <source>{count} clips added</source>
        <translation>新增 {count} 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="757"/>
        <source>Ingest cancelled: {clips} before it stopped</source>
        <translation>导入已取消：停止前{clips}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="759"/>
        <source>1 file failed</source>
        <translation>1 个文件失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="760"/>
        <source>{count} files failed</source>
        <translation>{count} 个文件失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="761"/>
        <source>Ingest finished: {clips}, {failed}</source>
        <translation>导入完成：{clips}，{failed}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="763"/>
        <source>Ingest finished: {clips}</source>
        <translation>导入完成：{clips}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="924"/>
        <source>Changes by {people} shown</source>
        <translation>已显示 {people} 的更改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="971"/>
        <source>Cannot show the smart bin</source>
        <translation>无法显示此智能素材夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1087"/>
        <location filename="../../ui/main_window.py" line="1093"/>
        <source>Import Transcript</source>
        <translation>导入文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1088"/>
        <source>Select the one clip the transcript belongs to first.</source>
        <translation>请先选中文字稿所属的那一个片段。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1094"/>
        <source>Transcripts and subtitles ({patterns})</source>
        <translation>文字稿和字幕（{patterns}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1107"/>
        <source>Cannot import into this clip</source>
        <translation>无法导入到此片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1117"/>
        <source>Importing transcripts</source>
        <translation>正在导入文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1120"/>
        <source>The transcript import failed</source>
        <translation>文字稿导入失败</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1133"/>
        <source>{file}: {count} lines ({encoding})</source>
        <translation>{file}：{count} 行（{encoding}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1136"/>
        <source>{text}, {problems} problems</source>
        <translation>{text}，{problems} 个问题</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1139"/>
        <source>Imported {files}</source>
        <translation>已导入 {files}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1166"/>
        <location filename="../../ui/main_window.py" line="1171"/>
        <source>Save as Smart Bin</source>
        <translation>存为智能素材夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1167"/>
        <source>Choose a person, shoot or tag in the sidebar, or type a filter, then save that choice as a smart bin.</source>
        <translation>请先在侧栏中选择人物、拍摄场次或标签，或输入筛选条件，再把这个选择存为智能素材夹。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1171"/>
        <source>Name of the smart bin:</source>
        <translation>智能素材夹名称：</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1184"/>
        <source>The smart bin was not changed</source>
        <translation>智能素材夹没有更改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1194"/>
        <source>Add smart bin {name}</source>
        <translation>添加智能素材夹 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1209"/>
        <source>Remove smart bin {name}</source>
        <translation>移除智能素材夹 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1215"/>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1220"/>
        <source>1 clip</source>
        <translation>1 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1220"/>
        <source>{count} clips</source>
        <translation>{count} 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1222"/>
        <source>{shown} of {total} clips</source>
        <translation>显示 {shown} 个，共 {total} 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1225"/>
        <source>{clips}, {count} selected</source>
        <translation>{clips}，已选中 {count} 个</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1242"/>
        <source>Subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1242"/>
        <source>Shoot</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1242"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1243"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1243"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1243"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1244"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1244"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1246"/>
        <source>Changed by someone else</source>
        <translation>已被他人更改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1247"/>
        <source>{who} changed this after you opened it.</source>
        <translation>{who} 在你打开之后更改了这里。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1248"/>
        <source>Someone</source>
        <translation>有人</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1253"/>
        <source>{clip} — {field}
Theirs: {theirs} {when}
Yours: {mine}</source>
        <translation>{clip} — {field}
对方的：{theirs} {when}
你的：{mine}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1258"/>
        <source>…and {count} more</source>
        <translation>……另有 {count} 处</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1260"/>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1262"/>
        <source>Keep Theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1271"/>
        <source>Marker at {time} of {clip}</source>
        <translation>{clip} 中 {time} 处的标记</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1273"/>
        <source>Subclip at {time} of {clip}</source>
        <translation>{clip} 中 {time} 处的子片段</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1280"/>
        <source>no stars</source>
        <translation>无星</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1282"/>
        <location filename="../../ui/main_window.py" line="1286"/>
        <location filename="../../ui/main_window.py" line="1288"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1293"/>
        <location filename="../../ui/main_window.py" line="1345"/>
        <source>Add subject {name}</source>
        <translation>添加人物 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1295"/>
        <source>Remove subject {name}</source>
        <translation>移除人物 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1305"/>
        <location filename="../../ui/main_window.py" line="1363"/>
        <source>Set shoot {name}</source>
        <translation>设置拍摄场次 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1305"/>
        <source>Clear shoot</source>
        <translation>清除拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1309"/>
        <source>Change tags</source>
        <translation>修改标签</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1312"/>
        <location filename="../../ui/main_window.py" line="1323"/>
        <source>Rate {stars}</source>
        <translation>评分 {stars}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1315"/>
        <source>Edit notes</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1371"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1372"/>
        <source>The new language is used the next time you start DocManager.</source>
        <translation>新的界面语言将在下次启动 DocManager 时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1376"/>
        <source>About DocManager</source>
        <translation>关于 DocManager</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1377"/>
        <source>&lt;h3&gt;DocManager {version}&lt;/h3&gt;&lt;p&gt;A project manager for documentary crews: footage, people, shoots and tags in one catalogue that the editor, the translator and the director can trust.&lt;/p&gt;&lt;p&gt;Qt {qt} · Python core with SQLite catalogues and rotating backups.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DocManager {version}&lt;/h3&gt;&lt;p&gt;为纪录片摄制组打造的项目管理工具：素材、人物、拍摄场次和标签都在同一个素材库里，剪辑师、翻译和导演都能放心使用。&lt;/p&gt;&lt;p&gt;Qt {qt}，Python 内核，SQLite 素材库，自动轮换备份。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MarkerColour</name>
    <message>
        <location filename="../../ui/views/player.py" line="159"/>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="160"/>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="161"/>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="162"/>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="163"/>
        <source>Cyan</source>
        <translation>青色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="164"/>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="165"/>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="166"/>
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="167"/>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="168"/>
        <source>Black</source>
        <translation>黑色</translation>
    </message>
</context>
<context>
    <name>MarkerPopup</name>
    <message>
        <location filename="../../ui/views/player.py" line="371"/>
        <location filename="../../ui/views/player.py" line="404"/>
        <source>Add Marker</source>
        <translation>添加标记</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="379"/>
        <source>Note (what happens here)</source>
        <translation>备注（这里发生了什么）</translation>
    </message>
</context>
<context>
    <name>MediaRoots</name>
    <message>
        <location filename="../../ui/views/roots.py" line="121"/>
        <source>the catalogue has no media root “{root}” (any more); see File ▸ Media Roots… for its roots</source>
        <translation>素材库中没有（或已不再有）媒体根目录“{root}”；现有的根目录见“文件 ▸ 媒体根目录…”</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="173"/>
        <source>Where Is “{root}” on This Computer?</source>
        <translation>“{root}”在这台电脑上的哪里？</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="182"/>
        <source>New media root “{root}” made; on this computer it is {folder}.</source>
        <translation>已新建媒体根目录“{root}”；在这台电脑上它位于 {folder}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="185"/>
        <source>“{root}” now points to {folder} on this computer.</source>
        <translation>在这台电脑上，“{root}”现在指向 {folder}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="188"/>
        <source>1 file catalogued by its full path inside it was re-homed under the root.</source>
        <translation>其中按完整路径登记的 1 个文件已归入该根目录。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="191"/>
        <source>{count} files catalogued by their full path inside it were re-homed under the root.</source>
        <translation>其中按完整路径登记的 {count} 个文件已归入该根目录。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="195"/>
        <source>No files needed re-homing.</source>
        <translation>没有需要归入根目录的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="202"/>
        <source>None of its files are in this folder: is it the right one? Choose the folder that holds the root&apos;s own folders.</source>
        <translation>这个文件夹里找不到它的任何文件：选对了吗？请选择直接包含该根目录下各个文件夹的那个文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="207"/>
        <source>{found} of the {checked} files looked for are there; the others are missing.</source>
        <translation>查找的 {checked} 个文件中有 {found} 个在那里，其余的缺失。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="703"/>
        <source>Mapping a media root</source>
        <translation>正在指定媒体根目录的位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="711"/>
        <source>Mapping “{root}” to {folder}…</source>
        <translation>正在把“{root}”指向 {folder}…</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="714"/>
        <location filename="../../ui/views/roots.py" line="792"/>
        <source>Media Roots</source>
        <translation>媒体根目录</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="755"/>
        <source>{root} is not mapped on this laptop. Choose the folder where it is?</source>
        <translation>这台笔记本电脑还没有指定 {root} 的位置。现在选择它所在的文件夹吗？</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="757"/>
        <source>Media Root Not Mapped</source>
        <translation>媒体根目录未指定位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="760"/>
        <source>Every computer of the team says where it has the archive&apos;s folders. Choosing the folder here changes nothing for the others.</source>
        <translation>团队的每台电脑各自指定素材存档文件夹的位置。在这里选择文件夹不会影响其他人。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="763"/>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="766"/>
        <source>Not Now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="786"/>
        <source>The media root was not mapped</source>
        <translation>未能指定媒体根目录的位置</translation>
    </message>
</context>
<context>
    <name>MediaRootsDialog</name>
    <message>
        <location filename="../../ui/views/roots.py" line="322"/>
        <source>Media Roots</source>
        <translation>媒体根目录</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="343"/>
        <source>Footage paths are kept relative to these named folders. Say where each one is on this computer; other computers keep their own.</source>
        <translation>素材路径以这些命名文件夹为基准保存。请指定每个文件夹在这台电脑上的位置；其他电脑各自保存自己的位置。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="349"/>
        <source>Root</source>
        <translation>根目录</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="349"/>
        <source>Folder on This Computer</source>
        <translation>在本机的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="350"/>
        <source>Folder There Now</source>
        <translation>文件夹当前可访问</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="350"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="395"/>
        <source>Map to Folder…</source>
        <translation>指定文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="397"/>
        <source>Choose where the selected root is on this computer</source>
        <translation>选择所选根目录在这台电脑上的位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="398"/>
        <location filename="../../ui/views/roots.py" line="629"/>
        <source>Forget Folder</source>
        <translation>忘记文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="400"/>
        <source>This computer no longer says where the selected root is (its drive moved or is gone); the other computers keep theirs</source>
        <translation>本电脑不再记录所选根目录的位置（硬盘已移动或不在了）；其他电脑保留各自的设置</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="403"/>
        <source>New Root…</source>
        <translation>新建根目录…</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="405"/>
        <source>Name a new root for the whole team (editors and admins)</source>
        <translation>为整个团队命名一个新的根目录（剪辑师和管理员）</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="407"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="492"/>
        <source>No project is open.</source>
        <translation>没有打开的项目。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="499"/>
        <source>Reading the media roots…</source>
        <translation>正在读取媒体根目录…</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="500"/>
        <source>Reading the media roots</source>
        <translation>读取媒体根目录</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="524"/>
        <source>The media roots could not be read: {error}</source>
        <translation>无法读取媒体根目录：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="546"/>
        <source>This project has no media roots yet: its files are catalogued by their full path. Editors and admins name the archive&apos;s folders here (New Root…).</source>
        <translation>这个项目还没有媒体根目录：其文件按完整路径登记。剪辑师和管理员可以在这里为存档文件夹命名（新建根目录…）。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="550"/>
        <source>Every media root is mapped on this computer.</source>
        <translation>所有媒体根目录在这台电脑上都已指定位置。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="552"/>
        <source>“{root}” is not mapped on this computer: its files cannot be played or exported here until you map it to its folder.</source>
        <translation>这台电脑还没有指定“{root}”的位置：在指定其文件夹之前，这里无法播放或导出它的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="554"/>
        <source>{count} media roots are not mapped on this computer: their files cannot be played or exported here until you map them.</source>
        <translation>这台电脑有 {count} 个媒体根目录还没有指定位置：在指定之前，这里无法播放或导出它们的文件。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="558"/>
        <source>Folders on this computer are kept in {path}.</source>
        <translation>本机的文件夹位置保存在 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="561"/>
        <source>1 file is catalogued by its full path, under no root.</source>
        <translation>有 1 个文件按完整路径登记，不属于任何根目录。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="563"/>
        <source>{count} files are catalogued by their full path, under no root.</source>
        <translation>有 {count} 个文件按完整路径登记，不属于任何根目录。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="578"/>
        <source>not mapped here</source>
        <translation>本机未指定</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="585"/>
        <source>This computer has not said where “{root}” is: select it and click Map to Folder…</source>
        <translation>这台电脑还没有指定“{root}”的位置：选中它，然后点击“指定文件夹…”</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="590"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="593"/>
        <source>No: drive not connected?</source>
        <translation>否：硬盘未连接？</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="596"/>
        <source>The folder is not there now: connect the drive, or map the root to where it is now.</source>
        <translation>该文件夹现在不存在：请连接硬盘，或把根目录指向它现在的位置。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="630"/>
        <source>Forget that “{root}” is {folder} on this computer?</source>
        <translation>忘记“{root}”在本电脑上位于 {folder} 吗？</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="634"/>
        <source>Its {count} files will be offline here until you map it again. The catalogue and the other computers keep the root.</source>
        <translation>在重新指定位置之前，它的 {count} 个文件在本电脑上将处于离线状态。目录和其他电脑仍保留这个根目录。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="636"/>
        <source>Forget</source>
        <translation>忘记</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="643"/>
        <source>Forgetting a media root&apos;s folder</source>
        <translation>正在忘记媒体根目录的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="650"/>
        <source>The folder was not forgotten</source>
        <translation>未能忘记该文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="654"/>
        <source>“{root}” is no longer mapped on this computer.</source>
        <translation>“{root}”在本电脑上已不再指定位置。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="667"/>
        <source>The media root was not made</source>
        <translation>未能新建媒体根目录</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="675"/>
        <source>Mapping “{root}” to {folder}…</source>
        <translation>正在把“{root}”指向 {folder}…</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="676"/>
        <source>The media root was not mapped</source>
        <translation>未能指定媒体根目录的位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="677"/>
        <source>Mapping a media root</source>
        <translation>正在指定媒体根目录的位置</translation>
    </message>
</context>
<context>
    <name>NewCutDialog</name>
    <message>
        <location filename="../../ui/views/cuts.py" line="326"/>
        <source>New Cut</source>
        <translation>新建剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="336"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="337"/>
        <source>Media kept before and after each transcript line added to the cut</source>
        <translation>每句加入剪辑的台词前后保留的余量</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="339"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="340"/>
        <source>Frame rate:</source>
        <translation>帧率：</translation>
    </message>
    <message>
        <location filename="../../ui/views/cuts.py" line="341"/>
        <source>Handles:</source>
        <translation>余量：</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../ui/views/dialogs.py" line="169"/>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="174"/>
        <source>e.g. Looking for the lost children</source>
        <translation>例如：寻找被拐的孩子</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="176"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="181"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="182"/>
        <source>&amp;Location:</source>
        <translation>位置(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="196"/>
        <source>Choose where the project folder goes</source>
        <translation>选择项目文件夹的存放位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="202"/>
        <source>The project will be the folder {path}</source>
        <translation>项目将保存在文件夹 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="205"/>
        <source>New project</source>
        <translation>新项目</translation>
    </message>
</context>
<context>
    <name>NewRootDialog</name>
    <message>
        <location filename="../../ui/views/roots.py" line="252"/>
        <source>New Media Root</source>
        <translation>新建媒体根目录</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="254"/>
        <source>A media root is a folder of the footage archive, named for the whole team. Each computer then says where it has that folder, so the catalogue works on all of them. Naming a root is for editors and admins.</source>
        <translation>媒体根目录是素材存档中的一个文件夹，整个团队用同一个名称称呼它。每台电脑再各自指定这个文件夹的位置，这样素材库在所有电脑上都能使用。只有剪辑师和管理员可以命名根目录。</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="262"/>
        <source>e.g. Archive A</source>
        <translation>例如：Archive A</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="265"/>
        <source>Where it is on this computer</source>
        <translation>它在这台电脑上的位置</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="266"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="272"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="273"/>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="276"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/views/roots.py" line="286"/>
        <source>the new root</source>
        <translation>新根目录</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../../ui/permissions.py" line="19"/>
        <source>an editor</source>
        <translation>剪辑师</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="20"/>
        <source>a translator</source>
        <translation>译者</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="21"/>
        <source>a director</source>
        <translation>导演</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="22"/>
        <source>an admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="26"/>
        <source>clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="27"/>
        <source>subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="28"/>
        <source>shoots</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="29"/>
        <source>media files</source>
        <translation>媒体文件</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="30"/>
        <source>markers and subclips</source>
        <translation>标记和子片段</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="31"/>
        <location filename="../../ui/permissions.py" line="32"/>
        <source>transcripts</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="33"/>
        <source>cuts</source>
        <translation>粗剪</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="34"/>
        <source>subtitle states</source>
        <translation>字幕状态</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="35"/>
        <source>smart bins</source>
        <translation>智能素材箱</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="54"/>
        <source>{user} is not a user of this project: an admin adds you with “docmanager user add”.</source>
        <translation>{user} 不是本项目的用户：请管理员用“docmanager user add”添加你。</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="56"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="58"/>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="59"/>
        <source>Only {who} may change {what}; {user} is {role}.</source>
        <translation>只有{who}可以更改{what}；{user} 是{role}。</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="67"/>
        <source>editor</source>
        <translation>剪辑师</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="68"/>
        <source>translator</source>
        <translation>译者</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="69"/>
        <source>director</source>
        <translation>导演</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="70"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/permissions.py" line="72"/>
        <source>not a user: read only</source>
        <translation>非项目用户：只读</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <location filename="../../ui/views/player.py" line="501"/>
        <location filename="../../ui/views/player.py" line="1075"/>
        <source>Play (Space, K)</source>
        <translation>播放（空格、K）</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="503"/>
        <source>Back {seconds} s (J)</source>
        <translation>后退 {seconds} 秒（J）</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="505"/>
        <source>Forward {seconds} s (L)</source>
        <translation>前进 {seconds} 秒（L）</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="507"/>
        <location filename="../../ui/views/player.py" line="662"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="533"/>
        <source>In</source>
        <translation>入点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="533"/>
        <source>Set the In point on this frame (I); Alt+I clears it</source>
        <translation>在此帧设置入点（I）；Alt+I 清除</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="535"/>
        <source>Out</source>
        <translation>出点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="535"/>
        <source>Set the Out point on this frame (O); Alt+O clears it</source>
        <translation>在此帧设置出点（O）；Alt+O 清除</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="537"/>
        <source>Marker</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="537"/>
        <source>Add a marker here, or over In–Out when both are set (M)</source>
        <translation>在此处添加标记；入点和出点都已设置时，标记覆盖入点–出点（M）</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="539"/>
        <source>Make Subclip</source>
        <translation>创建子片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="540"/>
        <source>Make a named subclip of In–Out (Shift+S)</source>
        <translation>把入点–出点之间创建为命名的子片段（Shift+S）</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="563"/>
        <source>Play/Pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="567"/>
        <source>Step Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="571"/>
        <source>Step Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="575"/>
        <source>Set In</source>
        <translation>设置入点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="576"/>
        <source>Set Out</source>
        <translation>设置出点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="577"/>
        <source>Clear In</source>
        <translation>清除入点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="578"/>
        <source>Clear Out</source>
        <translation>清除出点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="579"/>
        <source>Clear In and Out</source>
        <translation>清除入点和出点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="581"/>
        <source>Add Marker…</source>
        <translation>添加标记…</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="582"/>
        <source>Make Subclip…</source>
        <translation>创建子片段…</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="584"/>
        <source>Previous Frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="586"/>
        <source>Next Frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="654"/>
        <source>No audio device: the picture plays without sound</source>
        <translation>没有音频设备：只播放画面，没有声音</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="692"/>
        <source>Select a clip to play it.</source>
        <translation>选择一个片段即可播放。</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="698"/>
        <source>The clip&apos;s file is not available (offline or moved):
{path}</source>
        <translation>找不到此片段的文件（已脱机或被移动）：
{path}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="919"/>
        <source>Subclip {name}: {start}–{end}</source>
        <translation>子片段 {name}：{start}–{end}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="931"/>
        <source>I and O set In and Out, M adds a marker</source>
        <translation>I 和 O 设置入点和出点，M 添加标记</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="932"/>
        <source>I and O set In and Out</source>
        <translation>I 和 O 设置入点和出点</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="936"/>
        <source>In {time}</source>
        <translation>入点 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="937"/>
        <source>Out {time}</source>
        <translation>出点 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="941"/>
        <source>Duration {time}</source>
        <translation>时长 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="983"/>
        <source>Marker over {start}–{end}</source>
        <translation>标记覆盖 {start}–{end}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="987"/>
        <source>Marker at {time}</source>
        <translation>标记位于 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="1014"/>
        <source>Set an In point (I) and an Out point (O) first, then make the subclip.</source>
        <translation>请先设置入点（I）和出点（O），再创建子片段。</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="1018"/>
        <source>{start} to {end}, {duration}</source>
        <translation>{start} 至 {end}，{duration}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="1065"/>
        <location filename="../../ui/views/player.py" line="1081"/>
        <source>This file cannot be played: {error}
{path}</source>
        <translation>无法播放此文件：{error}
{path}</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="1066"/>
        <source>unknown format</source>
        <translation>未知格式</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="1075"/>
        <source>Pause (Space, K)</source>
        <translation>暂停（空格、K）</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="1082"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../ui/tasks.py" line="287"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>ProvenancePanel</name>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="138"/>
        <source>Line</source>
        <translation>句</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="138"/>
        <source>Subtitle</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="138"/>
        <source>Approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="149"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="150"/>
        <source>Subtitles over this item</source>
        <translation>此条目上的字幕</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="242"/>
        <source>Tracing the item…</source>
        <translation>正在追溯此条目…</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="243"/>
        <source>Tracing the cut item</source>
        <translation>正在追溯剪辑条目</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="260"/>
        <source>The item could not be traced: {error}</source>
        <translation>无法追溯此条目：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="272"/>
        <source>Select one item of the cut to see where it came from: its clip, its files and their hashes, the card and offload, the MHL and the last verification, and who approved its subtitles.</source>
        <translation>选择剪辑中的一个条目，即可查看它的来源：片段、文件及其哈希值、存储卡和拷贝、MHL、最近一次校验，以及谁批准了它的字幕。</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="281"/>
        <source>✓ matches its hash, {when}</source>
        <translation>✓ 与哈希值一致，{when}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="283"/>
        <source>✗ CHANGED: did not match its hash, {when}</source>
        <translation>✗ 已改变：与哈希值不符，{when}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="285"/>
        <source>hashed {when}; not verified since</source>
        <translation>{when} 计算哈希值；之后未校验</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="287"/>
        <source>never verified</source>
        <translation>从未校验</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="292"/>
        <source>no MHL records this file</source>
        <translation>没有 MHL 记录此文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="296"/>
        <source>✓ same xxh64 in {mhl}</source>
        <translation>✓ {mhl} 中的 xxh64 相同</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="298"/>
        <source>✗ DIFFERENT xxh64 ({hash}) in {mhl}</source>
        <translation>✗ {mhl} 中的 xxh64 不同（{hash}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="299"/>
        <source>no xxh64 to compare in {mhl}</source>
        <translation>{mhl} 中没有可比对的 xxh64</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="304"/>
        <source>none: made by joining the take&apos;s files above</source>
        <translation>无：由上面这条镜头的文件拼接而成</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="305"/>
        <source>none: catalogued where it lies</source>
        <translation>无：在原位置编目</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="306"/>
        <source>card</source>
        <translation>存储卡</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="306"/>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="310"/>
        <source>{volume} · {path}</source>
        <translation>{volume} · {path}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="316"/>
        <source>none: made here, not copied from a card</source>
        <translation>无：在本地生成，并非从存储卡拷贝</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="317"/>
        <source>none: not copied by an offload</source>
        <translation>无：不是拷贝而来</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="318"/>
        <source>someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="321"/>
        <source>{when} by {who}</source>
        <translation>{when}，{who}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="323"/>
        <source>{offload} → {places}</source>
        <translation>{offload} → {places}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="334"/>
        <source>Item {item} of {cut} · {track} · {start} – {end}</source>
        <translation>{cut} 的条目 {item} · {track} · {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="337"/>
        <source>Source {start} – {end} of clip {clip} “{name}”</source>
        <translation>源：片段 {clip}“{name}”的 {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="342"/>
        <source>{source}, recorded {when}</source>
        <translation>{source}，拍摄于 {when}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="345"/>
        <source>Record in and out are time code of the cut; source in and out time code of the clip</source>
        <translation>入点和出点是剪辑的时间码；源入点和源出点是片段的时间码</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="350"/>
        <source>Files ({count})</source>
        <translation>文件（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="351"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="367"/>
        <source>No subtitle lines play over this item.</source>
        <translation>此条目上没有字幕。</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="378"/>
        <source>Joined: {name}</source>
        <translation>拼接：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="380"/>
        <source>{file} · {size} · xxh64 {hash}</source>
        <translation>{file} · {size} · xxh64 {hash}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="383"/>
        <source>{path}
The take&apos;s files joined into one, for players and editors</source>
        <translation>{path}
这条镜头的文件拼接成的一个文件，供播放器和剪辑软件使用</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="391"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="392"/>
        <source>Verified</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="393"/>
        <source>Card</source>
        <translation>存储卡</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="394"/>
        <source>Offload</source>
        <translation>拷贝</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="395"/>
        <source>MHL</source>
        <translation>MHL</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="407"/>
        <source>not approved</source>
        <translation>未批准</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="409"/>
        <source>{who}, {when}</source>
        <translation>{who}，{when}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="418"/>
        <source>{start} – {end} on the cut; transcript line {line}</source>
        <translation>剪辑中的 {start} – {end}；句子 {line}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="421"/>
        <source>{where}, translation line {line}</source>
        <translation>{where}，译文句子 {line}</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="424"/>
        <source>Approved by {who} on {when}</source>
        <translation>{who} 于 {when} 批准</translation>
    </message>
    <message>
        <location filename="../../ui/views/provenance_panel.py" line="426"/>
        <source>Nobody has approved these subtitles yet</source>
        <translation>这些字幕还没有人批准</translation>
    </message>
</context>
<context>
    <name>QcPanel</name>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="69"/>
        <source>Line</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="69"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="69"/>
        <source>What is wrong</source>
        <translation>哪里不对</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="103"/>
        <source>too fast to read</source>
        <translation>太快，来不及读</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="104"/>
        <source>line too long</source>
        <translation>行太长</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="105"/>
        <source>too many lines</source>
        <translation>行数太多</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="106"/>
        <source>too short on screen</source>
        <translation>在屏幕上停留太短</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="107"/>
        <source>too long on screen</source>
        <translation>在屏幕上停留太长</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="108"/>
        <source>overlaps the previous one</source>
        <translation>与上一句重叠</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="109"/>
        <source>gap too small</source>
        <translation>间隔太小</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="110"/>
        <location filename="../../ui/views/qc_panel.py" line="139"/>
        <source>no text</source>
        <translation>没有文字</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="111"/>
        <source>name spelling</source>
        <translation>人名拼写</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="157"/>
        <source>Quality check</source>
        <translation>质量检查</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="158"/>
        <source>Select a cell of the board to see what the quality check found in those subtitles.</source>
        <translation>在看板上选择一个单元格，即可查看质量检查在这些字幕中发现的问题。</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="167"/>
        <location filename="../../ui/views/qc_panel.py" line="185"/>
        <source>{language} subtitles of {name}</source>
        <translation>{name} 的{language}字幕</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="168"/>
        <source>Reading the quality check…</source>
        <translation>正在读取质量检查…</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="187"/>
        <source>{language} subtitles of {name}: 1 finding</source>
        <translation>{name} 的{language}字幕：1 个问题</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="189"/>
        <source>{language} subtitles of {name}: {count} findings</source>
        <translation>{name} 的{language}字幕：{count} 个问题</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="194"/>
        <source>There are no {language} subtitles to check yet.</source>
        <translation>还没有可检查的{language}字幕。</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="198"/>
        <source>No problems found: every line reads in time, fits and spells the names as the glossary does.</source>
        <translation>没有发现问题：每句字幕都来得及读、长度合适，人名拼写与词汇表一致。</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="210"/>
        <source>{time}  {text}</source>
        <translation>{time}  {text}</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="70"/>
        <source>Subtitle</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="121"/>
        <source>{cps} characters a second (limit {limit}): {count} characters in {seconds} s</source>
        <translation>每秒 {cps} 个字符（上限 {limit}）：{seconds} 秒内 {count} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="124"/>
        <source>line {line} has {count} characters (at most {limit})</source>
        <translation>第 {line} 行有 {count} 个字符（最多 {limit} 个）</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="127"/>
        <source>{count} lines (at most {limit})</source>
        <translation>{count} 行（最多 {limit} 行）</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="129"/>
        <source>on screen {ms} ms (at least {limit})</source>
        <translation>显示 {ms} 毫秒（至少 {limit} 毫秒）</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="131"/>
        <source>on screen {seconds} s (at most {limit})</source>
        <translation>显示 {seconds} 秒（最多 {limit} 秒）</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="134"/>
        <source>starts at {start}, before subtitle {number} ends at {end}</source>
        <translation>在 {start} 开始，早于第 {number} 句字幕的结束时间 {end}</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="137"/>
        <source>{ms} ms after subtitle {number}: less than {frames} frames; close the gap or open it</source>
        <translation>距第 {number} 句字幕仅 {ms} 毫秒：不足 {frames} 帧；请让两句相接，或拉开间隔</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="141"/>
        <source>“{found}” looks like {name}: the glossary spells it “{expected}”</source>
        <translation>“{found}”像是 {name}：人名对照表写作“{expected}”</translation>
    </message>
    <message>
        <location filename="../../ui/views/qc_panel.py" line="143"/>
        <source>“{found}” sounds like {name}: the glossary writes “{expected}”</source>
        <translation>“{found}”读音像 {name}：人名对照表写作“{expected}”</translation>
    </message>
</context>
<context>
    <name>RangeEditor</name>
    <message>
        <location filename="../../ui/views/ranges.py" line="239"/>
        <source>This marker was deleted after you opened it; your change was not saved.</source>
        <translation>你打开这个标记之后，它被删除了；你的修改没有保存。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="241"/>
        <source>This subclip was deleted after you opened it; your change was not saved.</source>
        <translation>你打开这个子片段之后，它被删除了；你的修改没有保存。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="253"/>
        <source>Add marker {note}</source>
        <translation>添加标记 {note}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="257"/>
        <source>Make subclip {name}</source>
        <translation>创建子片段 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="318"/>
        <source>The marker or subclip kept changing while this edit was being saved; nothing was written.</source>
        <translation>保存此修改时，标记或子片段一直在被更改；未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="333"/>
        <source>Marker colour {colour}</source>
        <translation>标记颜色 {colour}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="335"/>
        <source>Rename subclip {name}</source>
        <translation>重命名子片段 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="337"/>
        <source>Edit marker note</source>
        <translation>编辑标记备注</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="337"/>
        <source>Edit subclip note</source>
        <translation>编辑子片段备注</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="358"/>
        <source>marker</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="358"/>
        <source>subclip</source>
        <translation>子片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="360"/>
        <source>Someone changed this {what} after you opened it; nothing was deleted. Look at it again and delete it if it still should go.</source>
        <translation>你打开这个{what}之后，有人修改了它；什么都没有删除。请再看一遍，如果仍然需要，再删除它。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="373"/>
        <source>Delete marker {note}</source>
        <translation>删除标记 {note}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="374"/>
        <source>Delete subclip {name}</source>
        <translation>删除子片段 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="376"/>
        <source>Delete {count} markers and subclips</source>
        <translation>删除 {count} 个标记和子片段</translation>
    </message>
</context>
<context>
    <name>RangesModel</name>
    <message>
        <location filename="../../ui/views/ranges.py" line="472"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="472"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="472"/>
        <source>Note or name</source>
        <translation>备注或名称</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="474"/>
        <source>Colour (a bar: a subclip)</source>
        <translation>颜色（条形：子片段）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="509"/>
        <source>Marker, {colour}</source>
        <translation>标记，{colour}</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="510"/>
        <source>Subclip</source>
        <translation>子片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="516"/>
        <source>Double-click or Enter: play from here</source>
        <translation>双击或按回车：从这里开始播放</translation>
    </message>
</context>
<context>
    <name>RangesPanel</name>
    <message>
        <location filename="../../ui/views/ranges.py" line="650"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="656"/>
        <source>Play from Here</source>
        <translation>从这里播放</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="658"/>
        <source>Edit Note or Name</source>
        <translation>编辑备注或名称</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="664"/>
        <source>Delete the selected markers and subclips (Del)</source>
        <translation>删除所选的标记和子片段（Del）</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="697"/>
        <source>Markers</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="698"/>
        <source>Select one clip to see its markers and subclips.</source>
        <translation>请只选择一个片段，以查看它的标记和子片段。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="699"/>
        <source>Select a clip to see its markers and subclips.</source>
        <translation>选择一个片段，即可查看它的标记和子片段。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="721"/>
        <source>Markers of {clip}</source>
        <translation>{clip} 的标记</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="722"/>
        <source>No markers or subclips yet.

In the player (Transcript tab): I and O set In and Out, M adds a marker, Shift+S makes a subclip.</source>
        <translation>还没有标记或子片段。

在播放器中（文字稿标签页）：I 和 O 设置入点和出点，M 添加标记，Shift+S 创建子片段。</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="725"/>
        <source>{markers} markers, {subclips} subclips</source>
        <translation>{markers} 个标记，{subclips} 个子片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/ranges.py" line="833"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../ui/views/search.py" line="201"/>
        <source>Clip {id}</source>
        <translation>片段 {id}</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../ui/views/search.py" line="302"/>
        <source>Search what people said: 太原, Taiyuan, police… (Ctrl+Shift+F)</source>
        <translation>搜索人物说过的话：太原、Taiyuan、警察…（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="307"/>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="308"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="309"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="318"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="321"/>
        <source>Person:</source>
        <translation>人物：</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="324"/>
        <source>Line tag:</source>
        <translation>行标签：</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="349"/>
        <source>Add to Cut</source>
        <translation>加入剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="353"/>
        <source>Append the selected lines to the current cut, in order (or drag them onto the cut)</source>
        <translation>把所选的句子按顺序追加到当前剪辑（也可以直接拖到剪辑上）</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="396"/>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="397"/>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="453"/>
        <source>Open a project to search its transcripts.</source>
        <translation>打开一个项目即可搜索其文字稿。</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="456"/>
        <source>Type a word or name, in Chinese, pinyin or English. One or two characters are enough: 太原, 警察, jingcha.</source>
        <translation>输入词语或人名，中文、拼音或英文均可。一两个字就够了：太原、警察、jingcha。</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="460"/>
        <source>The search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="463"/>
        <source>No line says “{query}”.</source>
        <translation>没有哪一行说到“{query}”。</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="466"/>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="467"/>
        <source>{count} lines</source>
        <translation>{count} 行</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="468"/>
        <source>in 1 clip</source>
        <translation>，来自 1 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="468"/>
        <source>in {count} clips</source>
        <translation>，来自 {count} 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="469"/>
        <source> (the best {limit})</source>
        <translation>（最相关的 {limit} 行）</translation>
    </message>
    <message>
        <location filename="../../ui/views/search.py" line="470"/>
        <source>{lines} {where}{more} · {ms} ms</source>
        <translation>{lines}{where}{more} · {ms} 毫秒</translation>
    </message>
</context>
<context>
    <name>SetStateDialog</name>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="197"/>
        <source>Set Subtitle State</source>
        <extracomment>State → (background, text). Okabe–Ito hues, light enough for dark text, told apart by lightness too.</extracomment>
        <translation>设置字幕状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="202"/>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{language} subtitles, now &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{language}字幕，当前为&lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="224"/>
        <source>New state:</source>
        <translation>新状态：</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="225"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="254"/>
        <source>Going back to an earlier state needs a reason in the note.</source>
        <translation>退回到较早的状态时，需要在备注中写明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="256"/>
        <source>Later changes to the lines move it back to reviewed, naming the lines.</source>
        <translation>之后若修改了句子，状态会退回到“已审校”，并注明是哪些句子。</translation>
    </message>
</context>
<context>
    <name>ShootDialog</name>
    <message>
        <location filename="../../ui/views/dialogs.py" line="110"/>
        <source>New Shoot</source>
        <translation>新建拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="115"/>
        <source>e.g. Taiyuan – Liu family home</source>
        <translation>例如：太原 – 刘家</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="126"/>
        <source>e.g. Taiyuan, Shanxi 山西太原</source>
        <translation>例如：山西太原</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="133"/>
        <source>The local time zone of the shoot, as an offset from UTC (China: +08:00)</source>
        <translation>拍摄地的时区，即与 UTC 的时差（中国：+08:00）</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="136"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="137"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="140"/>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="141"/>
        <source>&amp;Crew:</source>
        <translation>摄制人员(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="142"/>
        <source>&amp;Time zone (UTC offset):</source>
        <translation>时区（UTC 时差）(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="143"/>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="145"/>
        <source>Set as the shoot of the {count} selected clips</source>
        <translation>设为所选 {count} 个片段的拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="146"/>
        <source>Set as the shoot of the selected clip</source>
        <translation>设为所选片段的拍摄场次</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <location filename="../../ui/models/sidebar.py" line="123"/>
        <source>All clips</source>
        <translation>全部片段</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="124"/>
        <source>No subject</source>
        <translation>无人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="125"/>
        <source>No shoot</source>
        <translation>无拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="126"/>
        <source>Subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="127"/>
        <source>Shoots</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="128"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="132"/>
        <source>Smart bins</source>
        <translation>智能素材夹</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="185"/>
        <source>person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="185"/>
        <source>shoot</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="186"/>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="186"/>
        <source>line tag</source>
        <translation>行标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="187"/>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="187"/>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="191"/>
        <source>rated {stars} or more</source>
        <translation>评分 {stars} 及以上</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="193"/>
        <source>no subject</source>
        <translation>无人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/sidebar.py" line="195"/>
        <source>no shoot</source>
        <translation>无拍摄场次</translation>
    </message>
</context>
<context>
    <name>SidebarView</name>
    <message>
        <location filename="../../ui/views/browser.py" line="356"/>
        <source>Save as Smart Bin…</source>
        <translation>存为智能素材夹…</translation>
    </message>
    <message>
        <location filename="../../ui/views/browser.py" line="359"/>
        <source>Remove Smart Bin</source>
        <translation>移除智能素材夹</translation>
    </message>
</context>
<context>
    <name>StarRating</name>
    <message>
        <location filename="../../ui/views/widgets.py" line="44"/>
        <source>The selected clips have different ratings</source>
        <translation>所选片段的评分各不相同</translation>
    </message>
    <message>
        <location filename="../../ui/views/widgets.py" line="46"/>
        <source>Rating: {stars} of 5 (keys 0–5)</source>
        <translation>评分：{stars} / 5（按键 0–5）</translation>
    </message>
</context>
<context>
    <name>SubclipDialog</name>
    <message>
        <location filename="../../ui/views/player.py" line="429"/>
        <location filename="../../ui/views/player.py" line="443"/>
        <source>Make Subclip</source>
        <translation>创建子片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/player.py" line="431"/>
        <source>Name of the subclip:</source>
        <translation>子片段名称：</translation>
    </message>
</context>
<context>
    <name>SubjectDialog</name>
    <message>
        <location filename="../../ui/views/dialogs.py" line="53"/>
        <source>New Subject</source>
        <translation>新建人物</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="58"/>
        <source>e.g. Liu Jingjun</source>
        <translation>例如：Liu Jingjun</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="61"/>
        <source>e.g. 刘静军</source>
        <translation>例如：刘静军</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="63"/>
        <source>e.g. liu jingjun</source>
        <translation>例如：liu jingjun</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="66"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="67"/>
        <source>&amp;Chinese name:</source>
        <translation>中文名(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="68"/>
        <source>&amp;Pinyin:</source>
        <translation>拼音(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="74"/>
        <source>Minor</source>
        <translation>未成年人</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="74"/>
        <source>A child: extra care with consent and faces</source>
        <translation>儿童：知情同意和面部画面需格外谨慎</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="75"/>
        <source>Do not show face</source>
        <translation>不可露脸</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="75"/>
        <source>The face must not be recognisable on screen</source>
        <translation>画面中不得认出其面孔</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="76"/>
        <source>Do not show name</source>
        <translation>不可显示真名</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="76"/>
        <source>The real name must not appear on screen</source>
        <translation>真实姓名不得出现在画面中</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="77"/>
        <source>Consent pending</source>
        <translation>待签同意书</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="77"/>
        <source>The signed release is not in yet</source>
        <translation>尚未收到签署的授权书</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="78"/>
        <source>Pseudonym</source>
        <translation>化名</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="78"/>
        <source>The name in the film is not the real one</source>
        <translation>片中使用的不是真名</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="84"/>
        <source>Care:</source>
        <translation>注意事项：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="85"/>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="87"/>
        <source>Add to the {count} selected clips</source>
        <translation>添加到所选的 {count} 个片段</translation>
    </message>
    <message>
        <location filename="../../ui/views/dialogs.py" line="88"/>
        <source>Add to the selected clip</source>
        <translation>添加到所选片段</translation>
    </message>
</context>
<context>
    <name>SubtitleBoardModel</name>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="125"/>
        <source>untranscribed</source>
        <extracomment>A cell as the view names it: (&quot;clip&quot; or &quot;cut&quot;, id, language).</extracomment>
        <translation>未转写</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="126"/>
        <source>transcribed</source>
        <translation>已转写</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="127"/>
        <source>translated</source>
        <translation>已翻译</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="128"/>
        <source>reviewed</source>
        <translation>已审校</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="129"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="130"/>
        <source>timed</source>
        <translation>已打轴</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="131"/>
        <source>delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="132"/>
        <source>not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="138"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="138"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="138"/>
        <source>French</source>
        <translation>法文</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="139"/>
        <source>German</source>
        <translation>德文</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="139"/>
        <source>Spanish</source>
        <translation>西班牙文</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="139"/>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="147"/>
        <source>No subject</source>
        <translation>无人物</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="149"/>
        <source>No shoot</source>
        <translation>无拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="151"/>
        <source>Clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="153"/>
        <source>Cuts</source>
        <translation>剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="160"/>
        <source>Line {line} changed since approval</source>
        <translation>第 {line} 句在批准后有改动</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="161"/>
        <source>Lines {lines} changed since approval</source>
        <translation>第 {lines} 句在批准后有改动</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="174"/>
        <source>No subtitles in this language yet</source>
        <translation>这种语言还没有字幕</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="176"/>
        <source>QC: no findings</source>
        <translation>质检：没有问题</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="177"/>
        <source>QC: 1 finding</source>
        <translation>质检：1 个问题</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="177"/>
        <source>QC: {count} findings</source>
        <translation>质检：{count} 个问题</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="180"/>
        <source>{name} — {language}: {state}</source>
        <translation>{name} — {language}：{state}</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="183"/>
        <source>Nobody has set it yet: read from the work done</source>
        <translation>还没有人设置：根据已完成的工作推断</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="185"/>
        <source>Set by {who} on {when}</source>
        <translation>由 {who} 于 {when} 设置</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="185"/>
        <source>someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="188"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="279"/>
        <source>Interview or cut</source>
        <translation>采访或剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="301"/>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="339"/>
        <source>Cut {name}</source>
        <translation>剪辑 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="342"/>
        <source>People: {names}</source>
        <translation>人物：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="344"/>
        <source>Shoot: {name}</source>
        <translation>拍摄场次：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/models/subtitle_board.py" line="346"/>
        <source>Length: {time}</source>
        <translation>长度：{time}</translation>
    </message>
</context>
<context>
    <name>SubtitleBoardView</name>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="374"/>
        <source>By subject</source>
        <translation>按人物</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="375"/>
        <source>By shoot</source>
        <translation>按拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="376"/>
        <source>No groups</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="383"/>
        <source>Any state</source>
        <translation>任何状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="389"/>
        <location filename="../../ui/views/subtitle_board.py" line="446"/>
        <source>Set State…</source>
        <translation>设置状态…</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="392"/>
        <source>Move the selected subtitles to another state, with a note (Ctrl+E)</source>
        <translation>把所选字幕改为另一个状态，并附上备注（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="396"/>
        <source>Person:</source>
        <translation>人物：</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="396"/>
        <source>Shoot:</source>
        <translation>拍摄场次：</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="397"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="397"/>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="404"/>
        <location filename="../../ui/views/subtitle_board.py" line="663"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="452"/>
        <source>Open Transcript</source>
        <translation>打开文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="489"/>
        <location filename="../../ui/views/subtitle_board.py" line="673"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="489"/>
        <location filename="../../ui/views/subtitle_board.py" line="675"/>
        <source>All shoots</source>
        <translation>所有拍摄场次</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="594"/>
        <source>Reading the subtitle board</source>
        <translation>正在读取字幕看板</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="610"/>
        <source>Reading… QC of {done} of {total} interviews</source>
        <translation>正在读取… 已质检 {done}/{total} 个采访</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="769"/>
        <source>Reading the quality check</source>
        <translation>正在读取质量检查</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="880"/>
        <source>{name}, {language}: {state}</source>
        <translation>{name}，{language}：{state}</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../ui/views/transcript.py" line="1050"/>
        <source>Tag Line</source>
        <translation>给这一行加标签</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1060"/>
        <source>police, DNA, reward, …</source>
        <translation>警察、DNA、悬赏…</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1061"/>
        <source>Tags, separated by commas:</source>
        <translation>标签（用逗号分隔）：</translation>
    </message>
</context>
<context>
    <name>TaskProgressWidget</name>
    <message>
        <location filename="../../ui/tasks.py" line="212"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="230"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../ui/views/timeline.py" line="342"/>
        <source>Drop transcript lines here, or select them and choose Add to Cut.</source>
        <translation>把文字稿的句子拖到这里，或选中它们后选择“加入剪辑”。</translation>
    </message>
    <message>
        <location filename="../../ui/views/timeline.py" line="343"/>
        <source>Choose or make a cut to see it on the time line.</source>
        <translation>选择或新建一个剪辑，即可在时间线上查看。</translation>
    </message>
</context>
<context>
    <name>TotalsBar</name>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="296"/>
        <source>{language}: {approved} of 1 interview approved</source>
        <translation>{language}：1 个采访中已批准 {approved} 个</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="299"/>
        <source>{language}: {approved} of {total} interviews approved</source>
        <translation>{language}：{total} 个采访中已批准 {approved} 个</translation>
    </message>
    <message>
        <location filename="../../ui/views/subtitle_board.py" line="302"/>
        <source>{text} · cuts: {approved} of {total}</source>
        <translation>{text} · 剪辑：{total} 个中 {approved} 个</translation>
    </message>
</context>
<context>
    <name>TranscriptEditor</name>
    <message>
        <location filename="../../ui/views/transcript.py" line="389"/>
        <source>Edit line</source>
        <translation>编辑行</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="393"/>
        <source>Edit speaker</source>
        <translation>编辑说话人</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="439"/>
        <location filename="../../ui/views/transcript.py" line="444"/>
        <source>Split line</source>
        <translation>拆分行</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="467"/>
        <source>Merge lines</source>
        <translation>合并行</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="539"/>
        <source>Tag line</source>
        <translation>给行加标签</translation>
    </message>
</context>
<context>
    <name>TranscriptImportDialog</name>
    <message>
        <location filename="../../ui/views/transcript.py" line="559"/>
        <source>Import Transcript</source>
        <translation>导入文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="563"/>
        <source>Import into “{clip}”: say which language each file is in. A translation is paired line by line with the transcript it translates.</source>
        <translation>导入到“{clip}”：请说明每个文件的语言。译文会与它所翻译的文字稿逐行配对。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="565"/>
        <source>Say which language each file is in.</source>
        <translation>请说明每个文件的语言。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="570"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="571"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="572"/>
        <source>Translation of</source>
        <translation>译自</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="582"/>
        <source>Chinese (zh)</source>
        <translation>中文（zh）</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="582"/>
        <source>English (en)</source>
        <translation>英文（en）</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="585"/>
        <source>A language code such as zh, zh-Hant or en</source>
        <translation>语言代码，例如 zh、zh-Hant 或 en</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="602"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="631"/>
        <source>— none: the original transcript —</source>
        <translation>— 无：原始文字稿 —</translation>
    </message>
</context>
<context>
    <name>TranscriptTableModel</name>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="294"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="294"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="294"/>
        <source>French</source>
        <translation>法文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="295"/>
        <source>German</source>
        <translation>德文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="295"/>
        <source>Spanish</source>
        <translation>西班牙文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="295"/>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="306"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="308"/>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="310"/>
        <source>Transcript</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="312"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="314"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="376"/>
        <source>This line has no time</source>
        <translation>这一行没有时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="377"/>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="380"/>
        <location filename="../../ui/models/transcript_table.py" line="390"/>
        <source>Last changed by {user}</source>
        <translation>最后由 {user} 修改</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="384"/>
        <source>No translation yet: drop the translated subtitle file here to import it</source>
        <translation>还没有译文：把翻译好的字幕文件拖到这里即可导入</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="385"/>
        <source>No translation of this line</source>
        <translation>这一行没有译文</translation>
    </message>
    <message>
        <location filename="../../ui/models/transcript_table.py" line="387"/>
        <source>{count} translation lines belong to this line; they are shown together and cannot be edited here</source>
        <translation>这一行对应 {count} 行译文；它们合在一起显示，不能在这里编辑</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../ui/views/transcript.py" line="1117"/>
        <source>Transcript:</source>
        <translation>文字稿：</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1120"/>
        <source>Translation:</source>
        <translation>译文：</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1123"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1126"/>
        <source>Import a transcript or its translation (.srt, .vtt, .ass, .txt, .docx); you can also drop the files here</source>
        <translation>导入文字稿或其译文（.srt、.vtt、.ass、.txt、.docx）；也可以把文件拖到这里</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1181"/>
        <source>Split Line at Cursor</source>
        <translation>在光标处拆分行</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1182"/>
        <source>Merge with Next Line</source>
        <translation>与下一行合并</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1184"/>
        <source>Tag…</source>
        <translation>加标签…</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1185"/>
        <source>Edit Original</source>
        <translation>编辑原文</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1187"/>
        <source>Edit Translation</source>
        <translation>编辑译文</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1189"/>
        <source>Play from Here</source>
        <translation>从这里播放</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1190"/>
        <source>Add to Cut</source>
        <translation>加入剪辑</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1193"/>
        <source>Append the selected lines to the current cut, in order (or drag them onto the cut)</source>
        <translation>把所选的句子按顺序追加到当前剪辑（也可以直接拖到剪辑上）</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1313"/>
        <source>Select one clip to see its transcript.</source>
        <translation>只选中一个片段即可查看其文字稿。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1314"/>
        <source>Select a clip to see its transcript.</source>
        <translation>选择一个片段即可查看其文字稿。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1317"/>
        <source>This clip has no transcript yet.

Drop an .srt, .vtt, .ass, .txt or .docx file here or on the clip in the table, or click Import…</source>
        <translation>此片段还没有文字稿。

把 .srt、.vtt、.ass、.txt 或 .docx 文件拖到这里或表格中的片段上，或点击“导入…”。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1339"/>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1492"/>
        <source>Put the cursor where the line should be split and press Ctrl+K</source>
        <translation>把光标放在要拆分的位置，然后按 Ctrl+K</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1499"/>
        <source>Put the cursor inside the text to split the line there</source>
        <translation>请把光标放在文字中间，才能在那里拆分这一行</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1547"/>
        <source>The line was changed by someone else</source>
        <translation>这一行已被别人修改</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1548"/>
        <source>{who} changed this line after you started editing it.</source>
        <translation>在你开始编辑之后，{who} 修改了这一行。</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1549"/>
        <source>Someone</source>
        <translation>有人</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1551"/>
        <source>Their text:
{theirs}

Your text:
{mine}</source>
        <translation>对方的文字：
{theirs}

你的文字：
{mine}</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1553"/>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1554"/>
        <source>Keep Theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <location filename="../../ui/views/transcript.py" line="1583"/>
        <source>Remove Tag</source>
        <translation>移除标签</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>DocManager</source>
        <extracomment>How often an open project looks for other people&apos;s changes (a cheap check when there are none). Tables whose changes alter the sidebar&apos;s counts and the inspector&apos;s lists.</extracomment>
        <translation>DocManager</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126"/>
        <source>Footage, people, shoots and tags of your documentary in one catalogue.
Create a project, open one, or look around the demo project.</source>
        <translation>纪录片的素材、人物、拍摄场次和标签，尽在一个素材库。
新建项目、打开已有项目，或者先看看演示项目。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134"/>
        <source>New Project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135"/>
        <source>Open Project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>Open the Demo Project</source>
        <translation>打开演示项目</translation>
    </message>
</context>
<context>
    <name>_PathRow</name>
    <message>
        <location filename="../../ui/views/cut_export.py" line="77"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
</TS>
