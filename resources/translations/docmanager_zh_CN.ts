<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClipBrowser</name>
    <message>
        <source>Filter clips by name, subject, shoot, tag or notes (Ctrl+F)</source>
        <translation>按名称、人物、拍摄场次、标签或备注筛选片段（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>ClipTableModel</name>
    <message>
        <source>This column cannot be sorted</source>
        <translation>此列不能排序</translation>
    </message>
    <message>
        <source>{name} — files: {state}</source>
        <translation>{name} — 文件：{state}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Frame rate in frames per second; interlaced video also shows its field rate</source>
        <translation>帧率（每秒帧数）；隔行扫描的视频还会显示场频</translation>
    </message>
    <message>
        <source>{count} files (one take spanned over several files)</source>
        <translation>{count} 个文件（一条镜头跨多个文件录制）</translation>
    </message>
    <message>
        <source>FPS</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Shoot</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>changed on disk</source>
        <translation>磁盘上已更改</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>已损坏</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <source>{message}

File: {path}</source>
        <translation>{message}

文件：{path}</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
</context>
<context>
    <name>FailureTable</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>GlossaryPanel</name>
    <message>
        <source>Glossary</source>
        <translation>人名对照</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>How the clip&apos;s people are written: use these spellings in the translation</source>
        <translation>片段中人物名字的写法：译文请使用这些拼写</translation>
    </message>
    <message>
        <source>No people on this clip: add subjects in the inspector to see their names here.</source>
        <translation>此片段没有人物：在检查器中添加人物后，这里会显示他们的名字。</translation>
    </message>
    <message>
        <source>Name check</source>
        <translation>人名检查</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>上次导入</translation>
    </message>
    <message>
        <source>Line {line}: {chinese} should be spelled “{expected}”</source>
        <translation>第 {line} 行：{chinese} 应拼作“{expected}”</translation>
    </message>
    <message>
        <source>Every name is spelled as in the glossary.</source>
        <translation>所有人名的拼写都与对照表一致。</translation>
    </message>
    <message>
        <source>Nothing to check.</source>
        <translation>没有需要检查的内容。</translation>
    </message>
    <message>
        <source>Name check ({count})</source>
        <translation>人名检查（{count}）</translation>
    </message>
    <message>
        <source>{file}: {lang}, {format}, {encoding}, {count} lines</source>
        <translation>{file}：{lang}，{format}，{encoding}，{count} 行</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>{file} · line {line} {time}: not paired ({reason})</source>
        <translation>{file} · 第 {line} 行 {time}：未配对（{reason}）</translation>
    </message>
    <message>
        <source>{file}: not imported</source>
        <translation>{file}：未导入</translation>
    </message>
</context>
<context>
    <name>IngestDialog</name>
    <message>
        <source>Ingest — {project}</source>
        <translation>导入 — {project}</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Drop camera cards, folders or media files here</source>
        <translation>把存储卡、文件夹或媒体文件拖到这里</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Copy to</source>
        <translation>拷贝到</translation>
    </message>
    <message>
        <source>No destination: the clips are catalogued where they are</source>
        <translation>没有目标位置：片段在原位置登记</translation>
    </message>
    <message>
        <source>e.g. CARD-2019-05-02-A</source>
        <translation>例如：CARD-2019-05-02-A</translation>
    </message>
    <message>
        <source>The name of the folder the copies go into, and of the card in the catalogue</source>
        <translation>拷贝所放入的文件夹名称，也是素材库中这张卡的名称</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>卷标(&amp;L)：</translation>
    </message>
    <message>
        <source>S&amp;hoot:</source>
        <translation>拍摄场次(&amp;H)：</translation>
    </message>
    <message>
        <source>The subjects every new clip gets</source>
        <translation>每个新片段都会加上的人物</translation>
    </message>
    <message>
        <source>Sub&amp;jects:</source>
        <translation>人物(&amp;J)：</translation>
    </message>
    <message>
        <source>Doing:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>用时：</translation>
    </message>
    <message>
        <source>You can close this window: the ingest goes on and shows in the status bar. File ▸ Ingest… brings the window back.</source>
        <translation>可以关闭此窗口：导入会继续进行，并显示在状态栏中。选择“文件 ▸ 导入…”可再次打开此窗口。</translation>
    </message>
    <message>
        <source>Clips added:</source>
        <translation>新增片段：</translation>
    </message>
    <message>
        <source>Already in the catalogue:</source>
        <translation>素材库中已有：</translation>
    </message>
    <message>
        <source>Files catalogued:</source>
        <translation>已登记文件：</translation>
    </message>
    <message>
        <source>Copied and verified:</source>
        <translation>已拷贝并校验：</translation>
    </message>
    <message>
        <source>Copies in:</source>
        <translation>拷贝位置：</translation>
    </message>
    <message>
        <source>MHL records:</source>
        <translation>MHL 校验记录：</translation>
    </message>
    <message>
        <source>Copy List</source>
        <translation>复制列表</translation>
    </message>
    <message>
        <source>Copy the files and their problems as text (one per line, separated by a tab)</source>
        <translation>把文件及其问题复制为文本（每行一个，以制表符分隔）</translation>
    </message>
    <message>
        <source>New Ingest</source>
        <translation>新的导入</translation>
    </message>
    <message>
        <source>Ingest other sources (the destinations and subjects stay)</source>
        <translation>导入其他来源（保留目标位置和人物）</translation>
    </message>
    <message>
        <source>Change Settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No subjects yet (Edit ▸ New Subject…)</source>
        <translation>还没有人物（编辑 ▸ 新建人物…）</translation>
    </message>
    <message>
        <source>— no shoot —</source>
        <translation>— 无拍摄场次 —</translation>
    </message>
    <message>
        <source>Add a Card or Folder</source>
        <translation>添加存储卡或文件夹</translation>
    </message>
    <message>
        <source>Add Media Files</source>
        <translation>添加媒体文件</translation>
    </message>
    <message>
        <source>Media files ({patterns});;All files (*)</source>
        <translation>媒体文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add a Destination Folder</source>
        <translation>添加目标文件夹</translation>
    </message>
    <message>
        <source>Nothing is copied: the catalogue points at the files where they are now.</source>
        <translation>不拷贝任何文件：素材库直接指向文件现在所在的位置。</translation>
    </message>
    <message>
        <source>Each source is copied into DESTINATION/LABEL/, read back and compared with the original, with an ASC MHL record; the catalogue points at the copies in the first destination.</source>
        <translation>每个来源都会拷贝到“目标位置/卷标/”中，回读并与原文件比对，并写入 ASC MHL 校验记录；素材库指向第一个目标位置中的拷贝。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Ingest</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>1 source</source>
        <translation>1 个来源</translation>
    </message>
    <message>
        <source>{count} sources</source>
        <translation>{count} 个来源</translation>
    </message>
    <message>
        <source>Cataloguing {sources} in place</source>
        <translation>正在原位置登记 {sources}</translation>
    </message>
    <message>
        <source>1 destination</source>
        <translation>1 个目标位置</translation>
    </message>
    <message>
        <source>{count} destinations</source>
        <translation>{count} 个目标位置</translation>
    </message>
    <message>
        <source>Ingesting {sources}, copying to {destinations}</source>
        <translation>正在导入 {sources}，拷贝到 {destinations}</translation>
    </message>
    <message>
        <source> ({index} of {count} files)</source>
        <translation>（第 {index} 个，共 {count} 个文件）</translation>
    </message>
    <message>
        <source>Looking for clips</source>
        <translation>正在查找片段</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>正在拷贝</translation>
    </message>
    <message>
        <source>Reading the copy back to verify it</source>
        <translation>正在回读拷贝以进行校验</translation>
    </message>
    <message>
        <source>Checking a copy made before</source>
        <translation>正在检查之前的拷贝</translation>
    </message>
    <message>
        <source>Already copied and verified</source>
        <translation>已拷贝并校验过</translation>
    </message>
    <message>
        <source>Copied and verified</source>
        <translation>已拷贝并校验</translation>
    </message>
    <message>
        <source>Cataloguing</source>
        <translation>正在登记</translation>
    </message>
    <message>
        <source>Making poster frames and filmstrips</source>
        <translation>正在生成封面帧和胶片条</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>正在完成</translation>
    </message>
    <message>
        <source>{mb} MB/s</source>
        <translation>{mb} MB/s</translation>
    </message>
    <message>
        <source>{elapsed} elapsed</source>
        <translation>已用 {elapsed}</translation>
    </message>
    <message>
        <source>{elapsed} elapsed, about {left} left</source>
        <translation>已用 {elapsed}，约剩 {left}</translation>
    </message>
    <message>
        <source>The ingest did not start</source>
        <translation>导入未能开始</translation>
    </message>
    <message>
        <source>Ingest cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>The ingest stopped before the end. Nothing partial is left in the destinations: every file there is complete and verified. Clips catalogued before the cancel stay in the catalogue. Start the same ingest again to finish it; what is already copied is not copied again.</source>
        <translation>导入在完成前停止了。目标位置中没有残留的不完整文件：那里的每个文件都完整且已校验。取消前已登记的片段会保留在素材库中。再次开始同样的导入即可完成；已经拷贝的内容不会重复拷贝。</translation>
    </message>
    <message>
        <source>Ingest finished: 1 file failed</source>
        <translation>导入完成：1 个文件失败</translation>
    </message>
    <message>
        <source>Ingest finished: {count} files failed</source>
        <translation>导入完成：{count} 个文件失败</translation>
    </message>
    <message>
        <source>Everything else was ingested. The files below were not catalogued; the list says why.</source>
        <translation>其余内容均已导入。下列文件没有登记，列表中写明了原因。</translation>
    </message>
    <message>
        <source>Ingest finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>{files} ({size})</source>
        <translation>{files}（{size}）</translation>
    </message>
    <message>
        <source>{files} files, {size}</source>
        <translation>{files} 个文件，{size}</translation>
    </message>
    <message>
        <source>Failed files and warnings ({count})</source>
        <translation>失败的文件和警告（{count}）</translation>
    </message>
    <message>
        <source>Failed files ({count})</source>
        <translation>失败的文件（{count}）</translation>
    </message>
    <message>
        <source>Warnings ({count})</source>
        <translation>警告（{count}）</translation>
    </message>
    <message>
        <source>No file failed</source>
        <translation>没有文件失败</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>The ingest goes on; File ▸ Ingest… shows this window again</source>
        <translation>导入会继续进行；选择“文件 ▸ 导入…”可再次显示此窗口</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Select a clip to see and edit its details.</source>
        <translation>选择一个片段，即可查看并编辑它的详细信息。</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描方式</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Timecode</source>
        <translation>起始时间码</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Transcripts</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <source>New subject…</source>
        <translation>新建人物…</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Several shoots</source>
        <translation>多个拍摄场次</translation>
    </message>
    <message>
        <source>New shoot…</source>
        <translation>新建拍摄场次…</translation>
    </message>
    <message>
        <source>interview, b-roll, …</source>
        <translation>采访, 空镜, …</translation>
    </message>
    <message>
        <source>Tags separated by commas; with several clips selected, a tag added or removed here changes all of them</source>
        <translation>标签之间用逗号分隔；选中多个片段时，在这里添加或删除的标签会应用到所有选中的片段</translation>
    </message>
    <message>
        <source>Shoot</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Notes for the editor and the translator</source>
        <translation>写给剪辑师和翻译的备注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Only some of the clips: {tags}</source>
        <translation>仅部分片段有：{tags}</translation>
    </message>
    <message>
        <source>The clips have different notes; typing here replaces them all</source>
        <translation>这些片段的备注各不相同；在这里输入会替换全部备注</translation>
    </message>
    <message>
        <source>{count} clips selected</source>
        <translation>已选中 {count} 个片段</translation>
    </message>
    <message>
        <source>{duration} in all</source>
        <translation>共 {duration}</translation>
    </message>
    <message>
        <source>{lang}: {count} lines</source>
        <translation>{lang}：{count} 行</translation>
    </message>
    <message>
        <source>interlaced, top field first</source>
        <translation>隔行扫描，上场优先</translation>
    </message>
    <message>
        <source>interlaced, bottom field first</source>
        <translation>隔行扫描，下场优先</translation>
    </message>
    <message>
        <source>interlaced</source>
        <translation>隔行扫描</translation>
    </message>
    <message>
        <source>progressive</source>
        <translation>逐行扫描</translation>
    </message>
    <message>
        <source>{n} ch</source>
        <translation>{n} 声道</translation>
    </message>
    <message>
        <source>{khz} kHz</source>
        <translation>{khz} kHz</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>changed on disk</source>
        <translation>磁盘上已更改</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>none catalogued</source>
        <translation>未登记文件</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 个文件</translation>
    </message>
    <message>
        <source>{count} files</source>
        <translation>{count} 个文件</translation>
    </message>
    <message>
        <source>{files}, {size}</source>
        <translation>{files}，{size}</translation>
    </message>
    <message>
        <source>{files}, joined into one</source>
        <translation>{files}，已合并为一个文件</translation>
    </message>
    <message>
        <source>card {label}</source>
        <translation>存储卡 {label}</translation>
    </message>
    <message>
        <source>folder {label}</source>
        <translation>文件夹 {label}</translation>
    </message>
    <message>
        <source>offline ({count} of {total} files)</source>
        <translation>离线（{total} 个文件中的 {count} 个）</translation>
    </message>
    <message>
        <source>CHANGED since ingest ({count} of {total} files)</source>
        <translation>导入后已被更改（{total} 个文件中的 {count} 个）</translation>
    </message>
    <message>
        <source>CHANGED since ingest</source>
        <translation>导入后已被更改</translation>
    </message>
    <message>
        <source>corrupt ({count} of {total} files)</source>
        <translation>已损坏（{total} 个文件中的 {count} 个）</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>未校验</translation>
    </message>
    <message>
        <source>verified {when}</source>
        <translation>已于 {when} 校验</translation>
    </message>
    <message>
        <source>{have} of the {count} clips</source>
        <translation>{count} 个片段中的 {have} 个</translation>
    </message>
    <message>
        <source>— no shoot —</source>
        <translation>— 无拍摄场次 —</translation>
    </message>
</context>
<context>
    <name>LineTextEdit</name>
    <message>
        <source>Split Line Here</source>
        <translation>在此处拆分本行</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DocManager</source>
        <translation>DocManager</translation>
    </message>
    <message>
        <source>The change was not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <source>The line was not saved</source>
        <translation>这一行没有保存</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the &amp;Demo Project</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Ingest…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Copy camera cards and folders with verification and catalogue their clips</source>
        <translation>校验拷贝存储卡和文件夹，并登记其中的片段</translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Find Clips</source>
        <translation>查找片段(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Search Transcripts</source>
        <translation>搜索文字稿(&amp;S)</translation>
    </message>
    <message>
        <source>Search what people said in every clip&apos;s transcript and translation</source>
        <translation>在所有片段的文字稿和译文中搜索人物说过的话</translation>
    </message>
    <message>
        <source>Import &amp;Transcript…</source>
        <translation>导入文字稿(&amp;T)…</translation>
    </message>
    <message>
        <source>Import a transcript or its translation into the selected clip (or drop the files on the clip)</source>
        <translation>把文字稿或其译文导入所选片段（也可以把文件拖到片段上）</translation>
    </message>
    <message>
        <source>&amp;Clips</source>
        <translation>片段(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>文字稿(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;earch</source>
        <translation>搜索(&amp;E)</translation>
    </message>
    <message>
        <source>Save as Smart &amp;Bin…</source>
        <translation>存为智能素材夹(&amp;B)…</translation>
    </message>
    <message>
        <source>Keep the current choice in the sidebar and the filter as a smart bin that stays up to date</source>
        <translation>把侧栏中当前的选择和筛选条件保存为一个随时更新的智能素材夹</translation>
    </message>
    <message>
        <source>New &amp;Subject…</source>
        <translation>新建人物(&amp;S)…</translation>
    </message>
    <message>
        <source>New S&amp;hoot…</source>
        <translation>新建拍摄场次(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About DocManager</source>
        <translation>关于 DocManager(&amp;A)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Cannot show the clip</source>
        <translation>无法显示该片段</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>{project} — DocManager</source>
        <translation>{project} — DocManager</translation>
    </message>
    <message>
        <source>Open Project Folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>没有最近打开的项目</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>The demo project is not available</source>
        <translation>演示项目不可用</translation>
    </message>
    <message>
        <source>Creating the demo project</source>
        <translation>正在创建演示项目</translation>
    </message>
    <message>
        <source>Creating the demo project: generating footage and filling the catalogue. This takes a moment.</source>
        <translation>正在创建演示项目：生成示例素材并填写素材库，请稍候。</translation>
    </message>
    <message>
        <source>The demo project could not be made</source>
        <translation>无法创建演示项目</translation>
    </message>
    <message>
        <source>Demo project cancelled</source>
        <translation>已取消创建演示项目</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Catalogue backed up to {path}</source>
        <translation>素材库已备份到 {path}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 项</translation>
    </message>
    <message>
        <source>{count} items failed:</source>
        <translation>{count} 项失败：</translation>
    </message>
    <message>
        <source>1 clip added</source>
        <translation>新增 1 个片段</translation>
    </message>
    <message>
        <source>{count} clips added</source>
        <translation>新增 {count} 个片段</translation>
    </message>
    <message>
        <source>Ingest cancelled: {clips} before it stopped</source>
        <translation>导入已取消：停止前{clips}</translation>
    </message>
    <message>
        <source>1 file failed</source>
        <translation>1 个文件失败</translation>
    </message>
    <message>
        <source>{count} files failed</source>
        <translation>{count} 个文件失败</translation>
    </message>
    <message>
        <source>Ingest finished: {clips}, {failed}</source>
        <translation>导入完成：{clips}，{failed}</translation>
    </message>
    <message>
        <source>Ingest finished: {clips}</source>
        <translation>导入完成：{clips}</translation>
    </message>
    <message>
        <source>Cannot show the smart bin</source>
        <translation>无法显示此智能素材夹</translation>
    </message>
    <message>
        <source>Import Transcript</source>
        <translation>导入文字稿</translation>
    </message>
    <message>
        <source>Select the one clip the transcript belongs to first.</source>
        <translation>请先选中文字稿所属的那一个片段。</translation>
    </message>
    <message>
        <source>Transcripts and subtitles ({patterns})</source>
        <translation>文字稿和字幕（{patterns}）</translation>
    </message>
    <message>
        <source>Cannot import into this clip</source>
        <translation>无法导入到此片段</translation>
    </message>
    <message>
        <source>Importing transcripts</source>
        <translation>正在导入文字稿</translation>
    </message>
    <message>
        <source>The transcript import failed</source>
        <translation>文字稿导入失败</translation>
    </message>
    <message>
        <source>{file}: {count} lines ({encoding})</source>
        <translation>{file}：{count} 行（{encoding}）</translation>
    </message>
    <message>
        <source>{text}, {problems} problems</source>
        <translation>{text}，{problems} 个问题</translation>
    </message>
    <message>
        <source>Imported {files}</source>
        <translation>已导入 {files}</translation>
    </message>
    <message>
        <source>Save as Smart Bin</source>
        <translation>存为智能素材夹</translation>
    </message>
    <message>
        <source>Choose a person, shoot or tag in the sidebar, or type a filter, then save that choice as a smart bin.</source>
        <translation>请先在侧栏中选择人物、拍摄场次或标签，或输入筛选条件，再把这个选择存为智能素材夹。</translation>
    </message>
    <message>
        <source>Name of the smart bin:</source>
        <translation>智能素材夹名称：</translation>
    </message>
    <message>
        <source>The smart bin was not changed</source>
        <translation>智能素材夹没有更改</translation>
    </message>
    <message>
        <source>Add smart bin {name}</source>
        <translation>添加智能素材夹 {name}</translation>
    </message>
    <message>
        <source>Remove smart bin {name}</source>
        <translation>移除智能素材夹 {name}</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>1 clip</source>
        <translation>1 个片段</translation>
    </message>
    <message>
        <source>{count} clips</source>
        <translation>{count} 个片段</translation>
    </message>
    <message>
        <source>{shown} of {total} clips</source>
        <translation>显示 {shown} 个，共 {total} 个片段</translation>
    </message>
    <message>
        <source>{clips}, {count} selected</source>
        <translation>{clips}，已选中 {count} 个</translation>
    </message>
    <message>
        <source>Add subject {name}</source>
        <translation>添加人物 {name}</translation>
    </message>
    <message>
        <source>Remove subject {name}</source>
        <translation>移除人物 {name}</translation>
    </message>
    <message>
        <source>Set shoot {name}</source>
        <translation>设置拍摄场次 {name}</translation>
    </message>
    <message>
        <source>Clear shoot</source>
        <translation>清除拍摄场次</translation>
    </message>
    <message>
        <source>Change tags</source>
        <translation>修改标签</translation>
    </message>
    <message>
        <source>Rate {stars}</source>
        <translation>评分 {stars}</translation>
    </message>
    <message>
        <source>Edit notes</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used the next time you start DocManager.</source>
        <translation>新的界面语言将在下次启动 DocManager 时生效。</translation>
    </message>
    <message>
        <source>About DocManager</source>
        <translation>关于 DocManager</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DocManager {version}&lt;/h3&gt;&lt;p&gt;A project manager for documentary crews: footage, people, shoots and tags in one catalogue that the editor, the translator and the director can trust.&lt;/p&gt;&lt;p&gt;Qt {qt} · Python core with SQLite catalogues and rotating backups.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DocManager {version}&lt;/h3&gt;&lt;p&gt;为纪录片摄制组打造的项目管理工具：素材、人物、拍摄场次和标签都在同一个素材库里，剪辑师、翻译和导演都能放心使用。&lt;/p&gt;&lt;p&gt;Qt {qt}，Python 内核，SQLite 素材库，自动轮换备份。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>e.g. Looking for the lost children</source>
        <translation>例如：寻找被拐的孩子</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>位置(&amp;L)：</translation>
    </message>
    <message>
        <source>Choose where the project folder goes</source>
        <translation>选择项目文件夹的存放位置</translation>
    </message>
    <message>
        <source>The project will be the folder {path}</source>
        <translation>项目将保存在文件夹 {path}</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新项目</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Play (Space, K)</source>
        <translation>播放（空格、K）</translation>
    </message>
    <message>
        <source>Back {seconds} s (J)</source>
        <translation>后退 {seconds} 秒（J）</translation>
    </message>
    <message>
        <source>Forward {seconds} s (L)</source>
        <translation>前进 {seconds} 秒（L）</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Play/Pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <source>Step Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Step Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>No audio device: the picture plays without sound</source>
        <translation>没有音频设备：只播放画面，没有声音</translation>
    </message>
    <message>
        <source>Select a clip to play it.</source>
        <translation>选择一个片段即可播放。</translation>
    </message>
    <message>
        <source>The clip&apos;s file is not available (offline or moved):
{path}</source>
        <translation>找不到此片段的文件（已脱机或被移动）：
{path}</translation>
    </message>
    <message>
        <source>This file cannot be played: {error}
{path}</source>
        <translation>无法播放此文件：{error}
{path}</translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation>未知格式</translation>
    </message>
    <message>
        <source>Pause (Space, K)</source>
        <translation>暂停（空格、K）</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Clip {id}</source>
        <translation>片段 {id}</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Search what people said: 太原, Taiyuan, police… (Ctrl+Shift+F)</source>
        <translation>搜索人物说过的话：太原、Taiyuan、警察…（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人物：</translation>
    </message>
    <message>
        <source>Line tag:</source>
        <translation>行标签：</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <source>Open a project to search its transcripts.</source>
        <translation>打开一个项目即可搜索其文字稿。</translation>
    </message>
    <message>
        <source>Type a word or name, in Chinese, pinyin or English. One or two characters are enough: 太原, 警察, jingcha.</source>
        <translation>输入词语或人名，中文、拼音或英文均可。一两个字就够了：太原、警察、jingcha。</translation>
    </message>
    <message>
        <source>The search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
    <message>
        <source>No line says “{query}”.</source>
        <translation>没有哪一行说到“{query}”。</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>{count} lines</source>
        <translation>{count} 行</translation>
    </message>
    <message>
        <source>in 1 clip</source>
        <translation>，来自 1 个片段</translation>
    </message>
    <message>
        <source>in {count} clips</source>
        <translation>，来自 {count} 个片段</translation>
    </message>
    <message>
        <source> (the best {limit})</source>
        <translation>（最相关的 {limit} 行）</translation>
    </message>
    <message>
        <source>{lines} {where}{more} · {ms} ms</source>
        <translation>{lines}{where}{more} · {ms} 毫秒</translation>
    </message>
</context>
<context>
    <name>ShootDialog</name>
    <message>
        <source>New Shoot</source>
        <translation>新建拍摄场次</translation>
    </message>
    <message>
        <source>e.g. Taiyuan – Liu family home</source>
        <translation>例如：太原 – 刘家</translation>
    </message>
    <message>
        <source>e.g. Taiyuan, Shanxi 山西太原</source>
        <translation>例如：山西太原</translation>
    </message>
    <message>
        <source>The local time zone of the shoot, as an offset from UTC (China: +08:00)</source>
        <translation>拍摄地的时区，即与 UTC 的时差（中国：+08:00）</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Crew:</source>
        <translation>摄制人员(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Time zone (UTC offset):</source>
        <translation>时区（UTC 时差）(&amp;T)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Set as the shoot of the {count} selected clips</source>
        <translation>设为所选 {count} 个片段的拍摄场次</translation>
    </message>
    <message>
        <source>Set as the shoot of the selected clip</source>
        <translation>设为所选片段的拍摄场次</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>All clips</source>
        <translation>全部片段</translation>
    </message>
    <message>
        <source>No subject</source>
        <translation>无人物</translation>
    </message>
    <message>
        <source>No shoot</source>
        <translation>无拍摄场次</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>Shoots</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Smart bins</source>
        <translation>智能素材夹</translation>
    </message>
    <message>
        <source>person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>shoot</source>
        <translation>拍摄场次</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>line tag</source>
        <translation>行标签</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>rated {stars} or more</source>
        <translation>评分 {stars} 及以上</translation>
    </message>
    <message>
        <source>no subject</source>
        <translation>无人物</translation>
    </message>
    <message>
        <source>no shoot</source>
        <translation>无拍摄场次</translation>
    </message>
</context>
<context>
    <name>SidebarView</name>
    <message>
        <source>Save as Smart Bin…</source>
        <translation>存为智能素材夹…</translation>
    </message>
    <message>
        <source>Remove Smart Bin</source>
        <translation>移除智能素材夹</translation>
    </message>
</context>
<context>
    <name>StarRating</name>
    <message>
        <source>The selected clips have different ratings</source>
        <translation>所选片段的评分各不相同</translation>
    </message>
    <message>
        <source>Rating: {stars} of 5 (keys 0–5)</source>
        <translation>评分：{stars} / 5（按键 0–5）</translation>
    </message>
</context>
<context>
    <name>SubjectDialog</name>
    <message>
        <source>New Subject</source>
        <translation>新建人物</translation>
    </message>
    <message>
        <source>e.g. Liu Jingjun</source>
        <translation>例如：Liu Jingjun</translation>
    </message>
    <message>
        <source>e.g. 刘静军</source>
        <translation>例如：刘静军</translation>
    </message>
    <message>
        <source>e.g. liu jingjun</source>
        <translation>例如：liu jingjun</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Chinese name:</source>
        <translation>中文名(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Pinyin:</source>
        <translation>拼音(&amp;P)：</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>未成年人</translation>
    </message>
    <message>
        <source>A child: extra care with consent and faces</source>
        <translation>儿童：知情同意和面部画面需格外谨慎</translation>
    </message>
    <message>
        <source>Do not show face</source>
        <translation>不可露脸</translation>
    </message>
    <message>
        <source>The face must not be recognisable on screen</source>
        <translation>画面中不得认出其面孔</translation>
    </message>
    <message>
        <source>Do not show name</source>
        <translation>不可显示真名</translation>
    </message>
    <message>
        <source>The real name must not appear on screen</source>
        <translation>真实姓名不得出现在画面中</translation>
    </message>
    <message>
        <source>Consent pending</source>
        <translation>待签同意书</translation>
    </message>
    <message>
        <source>The signed release is not in yet</source>
        <translation>尚未收到签署的授权书</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>化名</translation>
    </message>
    <message>
        <source>The name in the film is not the real one</source>
        <translation>片中使用的不是真名</translation>
    </message>
    <message>
        <source>Care:</source>
        <translation>注意事项：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Add to the {count} selected clips</source>
        <translation>添加到所选的 {count} 个片段</translation>
    </message>
    <message>
        <source>Add to the selected clip</source>
        <translation>添加到所选片段</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <source>Tag Line</source>
        <translation>给这一行加标签</translation>
    </message>
    <message>
        <source>police, DNA, reward, …</source>
        <translation>警察、DNA、悬赏…</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>标签（用逗号分隔）：</translation>
    </message>
</context>
<context>
    <name>TaskProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>TranscriptEditor</name>
    <message>
        <source>Edit line</source>
        <translation>编辑行</translation>
    </message>
    <message>
        <source>Edit speaker</source>
        <translation>编辑说话人</translation>
    </message>
    <message>
        <source>Split line</source>
        <translation>拆分行</translation>
    </message>
    <message>
        <source>Merge lines</source>
        <translation>合并行</translation>
    </message>
    <message>
        <source>Tag line</source>
        <translation>给行加标签</translation>
    </message>
</context>
<context>
    <name>TranscriptImportDialog</name>
    <message>
        <source>Import Transcript</source>
        <translation>导入文字稿</translation>
    </message>
    <message>
        <source>Import into “{clip}”: say which language each file is in. A translation is paired line by line with the transcript it translates.</source>
        <translation>导入到“{clip}”：请说明每个文件的语言。译文会与它所翻译的文字稿逐行配对。</translation>
    </message>
    <message>
        <source>Say which language each file is in.</source>
        <translation>请说明每个文件的语言。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Translation of</source>
        <translation>译自</translation>
    </message>
    <message>
        <source>Chinese (zh)</source>
        <translation>中文（zh）</translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation>英文（en）</translation>
    </message>
    <message>
        <source>A language code such as zh, zh-Hant or en</source>
        <translation>语言代码，例如 zh、zh-Hant 或 en</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>— none: the original transcript —</source>
        <translation>— 无：原始文字稿 —</translation>
    </message>
</context>
<context>
    <name>TranscriptTableModel</name>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法文</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德文</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙文</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>说话人</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>文字稿</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>This line has no time</source>
        <translation>这一行没有时间</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Last changed by {user}</source>
        <translation>最后由 {user} 修改</translation>
    </message>
    <message>
        <source>No translation yet: drop the translated subtitle file here to import it</source>
        <translation>还没有译文：把翻译好的字幕文件拖到这里即可导入</translation>
    </message>
    <message>
        <source>No translation of this line</source>
        <translation>这一行没有译文</translation>
    </message>
    <message>
        <source>{count} translation lines belong to this line; they are shown together and cannot be edited here</source>
        <translation>这一行对应 {count} 行译文；它们合在一起显示，不能在这里编辑</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Transcript:</source>
        <translation>文字稿：</translation>
    </message>
    <message>
        <source>Translation:</source>
        <translation>译文：</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import a transcript or its translation (.srt, .vtt, .ass, .txt, .docx); you can also drop the files here</source>
        <translation>导入文字稿或其译文（.srt、.vtt、.ass、.txt、.docx）；也可以把文件拖到这里</translation>
    </message>
    <message>
        <source>Split Line at Cursor</source>
        <translation>在光标处拆分行</translation>
    </message>
    <message>
        <source>Merge with Next Line</source>
        <translation>与下一行合并</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>加标签…</translation>
    </message>
    <message>
        <source>Edit Original</source>
        <translation>编辑原文</translation>
    </message>
    <message>
        <source>Edit Translation</source>
        <translation>编辑译文</translation>
    </message>
    <message>
        <source>Play from Here</source>
        <translation>从这里播放</translation>
    </message>
    <message>
        <source>Select one clip to see its transcript.</source>
        <translation>只选中一个片段即可查看其文字稿。</translation>
    </message>
    <message>
        <source>Select a clip to see its transcript.</source>
        <translation>选择一个片段即可查看其文字稿。</translation>
    </message>
    <message>
        <source>This clip has no transcript yet.

Drop an .srt, .vtt, .ass, .txt or .docx file here or on the clip in the table, or click Import…</source>
        <translation>此片段还没有文字稿。

把 .srt、.vtt、.ass、.txt 或 .docx 文件拖到这里或表格中的片段上，或点击“导入…”。</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>Put the cursor where the line should be split and press Ctrl+K</source>
        <translation>把光标放在要拆分的位置，然后按 Ctrl+K</translation>
    </message>
    <message>
        <source>Put the cursor inside the text to split the line there</source>
        <translation>请把光标放在文字中间，才能在那里拆分这一行</translation>
    </message>
    <message>
        <source>The line was changed by someone else</source>
        <translation>这一行已被别人修改</translation>
    </message>
    <message>
        <source>{who} changed this line after you started editing it.</source>
        <translation>在你开始编辑之后，{who} 修改了这一行。</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>有人</translation>
    </message>
    <message>
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
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Keep Theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation>移除标签</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>DocManager</source>
        <translation>DocManager</translation>
    </message>
    <message>
        <source>Footage, people, shoots and tags of your documentary in one catalogue.
Create a project, open one, or look around the demo project.</source>
        <translation>纪录片的素材、人物、拍摄场次和标签，尽在一个素材库。
新建项目、打开已有项目，或者先看看演示项目。</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Open Project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Open the Demo Project</source>
        <translation>打开演示项目</translation>
    </message>
</context>
</TS>
