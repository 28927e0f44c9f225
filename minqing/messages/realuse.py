"""Messages for what real diaries need: weekdays, end dates, villages of households, attachments, short ids,
late typing-up (补录), output folders and the choices listed with every "unknown" answer."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    "MQ104.weekday": (
        "“{value}”里的星期与日期不符：这一天是{weekday}。请核对日期（多半是日子抄错了）或改正星期",
        "the weekday in '{value}' does not match the date: that day is a {weekday}. Check the date "
        "(usually the day was miscopied) or fix the weekday",
    ),
    "MQ104.end": (
        "结束日期 {value} 早于日记的日期 {date}。走访跨了几天时，“日期”写第一天，“结束日期”写最后一天",
        "the end date {value} is before the entry's date {date}. For a visit over several days, `date` is "
        "the first day and `end_date` the last",
    ),
    "MQ119": (
        "农户“{value}”属于{household_village}，这篇日记却记在{village}名下。请把“{key}”改为 {household_village}，"
        "或改正农户编号；走访了两个村的农户时，每个村各写一篇",
        "the household '{value}' belongs to {household_village}, but this entry is filed under {village}. "
        "Set `{key}` to {household_village} or fix the household id; a visit to households of two villages "
        "is written as one entry per village",
    ),
    "MQ126": (
        "附件“{value}”不能使用",
        "the attachment '{value}' cannot be used",
    ),
    "MQ126.absolute": (
        "附件“{value}”写成了绝对路径或网址。附件必须放在仓库里，路径从日记所在的文件夹算起，"
        "例如 照片1.jpg 或 ../../../附件/照片1.jpg",
        "the attachment '{value}' is an absolute path or a web address. Keep attachments inside the "
        "repository, with a path relative to the entry's folder, e.g. photo1.jpg or ../../../attachments/photo1.jpg",
    ),
    "MQ126.outside": (
        "附件“{value}”指到了仓库外面。请把文件复制到仓库里（例如日记旁边），再改写路径",
        "the attachment '{value}' points outside the repository. Copy the file into the repository "
        "(e.g. next to the entry) and fix the path",
    ),
    "MQ126.missing": (
        "找不到附件“{value}”（应在 {path}）。路径从日记所在的文件夹算起；请检查文件名，并确认文件已复制进仓库",
        "the attachment '{value}' does not exist (expected at {path}). The path is relative to the "
        "entry's folder; check the file name and that the file was copied into the repository",
    ),
    "MQ126.link": (
        "附件“{value}”是指向仓库外的符号链接。请把文件本身复制进仓库",
        "the attachment '{value}' is a symbolic link out of the repository. Copy the file itself into "
        "the repository",
    ),
    "MQ126.notfile": (
        "附件“{value}”不是普通文件（是文件夹或设备）。请写出具体的文件",
        "the attachment '{value}' is not a regular file (a folder or a device). Name the file itself",
    ),
    "MQ126.type": (
        "附件“{value}”的类型“{ext}”不能汇编。只能用 {allowed}；手机的 HEIC 照片请先导出为 JPG，"
        "Word 文档请另存为 PDF",
        "the attachment '{value}' has the type '{ext}', which the volume cannot print. Use {allowed}; "
        "export phone HEIC photos as JPG and save Word documents as PDF",
    ),
    "MQ126.content": (
        "附件“{value}”的内容不是 {ext} 文件（只是改了扩展名）。请用看图软件另存为真正的 {ext}",
        "the attachment '{value}' is not really a {ext} file (only its name says so). Save it again as a "
        "real {ext} in an image viewer",
    ),
    "MQ126.unreadable": (
        "附件“{value}”读不出来：{problem}",
        "the attachment '{value}' cannot be read: {problem}",
    ),
    "MQ127": (
        "附件“{value}”有 {size} MB，超过 {limit} MB。每次克隆仓库、每本汇编都要带上它：请把照片缩小"
        "（手机分享时选“压缩”，或用画图另存为较小的尺寸）",
        "the attachment '{value}' is {size} MB, over {limit} MB. Every clone of the repository and every "
        "volume carries it: shrink the photo (share it compressed, or save a smaller size)",
    ),
    "type.amount": ("金额（元），如 500 或 500.50", "an amount in 元, e.g. 500 or 500.50"),
}

CATALOG.update({
    "schema.title.aid": ("慰问", "aid"),
    "schema.about.aid": ("一次慰问：送去的慰问金（元）和物品", "one handing-over of help: money (in 元) and goods"),
    "schema.title.attachment": ("附件", "attachment"),
    "schema.about.attachment": ("一个附件：照片或扫描件的路径和说明", "one attachment: the path of a photo or scan, and a caption"),
    "schema.entry.participants": ("参加人员：记录人以外一同走访、参加会议的人（姓名列表）",
                                  "participants: who went along besides the author (a list of names)"),
    "schema.entry.end_date": ("结束日期：走访跨了几天时的最后一天", "end date: the last day of a visit spanning several days"),
    "schema.entry.weather": ("天气，如 晴、小雨", "weather, e.g. 晴 (sunny), 小雨 (light rain)"),
    "schema.entry.place": ("地点：没有具体农户时写学校、企业、会议室等", "place: a school, enterprise or meeting room when no household is named"),
    "schema.entry.aid": ("慰问：送去的慰问金和物品，每项可写 类型、金额、物品、农户",
                         "aid handed over: each item may give kind, amount, goods, households"),
    "schema.entry.attachments": ("附件：照片、扫描件的路径（从日记所在文件夹算起），或“路径、说明”两项",
                                 "attachments: paths of photos or scans (relative to the entry's folder), or a path with a caption"),
    "schema.entry.backfill": ("补录：是 = 根据纸质笔记本事后补录（每周篇数单独统计）",
                              "backfill: true = typed up later from a paper notebook (counted separately by quota)"),
    "schema.household.family": ("家庭成员姓名列表（脱敏汇编时遮盖）", "the family members' names (masked by --redact)"),
    "schema.aid.kind": ("类型，如 慰问金、物品、救助", "kind, e.g. 慰问金 (money), 物品 (goods), 救助 (relief)"),
    "schema.aid.amount": ("金额（元）", "amount in 元"),
    "schema.aid.goods": ("物品，如 大米两袋、食用油一桶", "goods, e.g. two bags of rice, a can of oil"),
    "schema.aid.households": ("受慰问的农户（默认与日记相同）", "households that received it (default: the entry's)"),
    "schema.attachment.path": ("文件路径，从日记所在文件夹算起", "the file's path, relative to the entry's folder"),
    "schema.attachment.caption": ("说明，印在汇编里", "caption, printed in the volume"),
})

CATALOG.update({
    "err.badvillage": ("minqing.yaml 里没有“{value}”这个村。可用的村：{choices}", "no village '{value}' in minqing.yaml. The villages: {choices}"),
    "err.new.villages": (
        "这些农户不在同一个村：{which}。一篇日记只记一个村：请每个村各写一篇，或用 --village 指定",
        "these households live in different villages: {which}. One entry belongs to one village: write one "
        "entry per village, or choose with --village",
    ),
    "err.newhh.village": (
        "这个仓库有几个村，请用 --village 说明 {id} 属于哪个村。可用的村：{choices}",
        "this repository has several villages: say which one {id} belongs to with --village. The villages: {choices}",
    ),
    "new.note.village": (
        "提示：没有指定村，也没有可据以判断的农户，已写为“{village}”（可用的村：{choices}）。不对请改“村”，或用 --village",
        "note: no village given and no household to tell it by, so the entry says '{village}' (the villages: "
        "{choices}). Change `village` if that is wrong, or pass --village",
    ),
    "new.note.unknown_household": (
        "提示：households/ 里还没有农户“{value}”。请先用 minqing new-household 建档，否则 check 会报 MQ109",
        "note: there is no household '{value}' in households/ yet. Create it with minqing new-household, or "
        "check will report MQ109",
    ),
    "new.note.editor": (
        "提示：不在终端里运行，没有打开编辑器 {editor}。请自己打开这个文件：{path}",
        "note: not running in a terminal, so the editor {editor} was not opened. Open the file yourself: {path}",
    ),
    "new.note.noeditor": (
        "提示：没有设置 EDITOR（或 VISUAL）环境变量，没有打开编辑器。请用记事本、VS Code 等打开这个文件：{path}",
        "note: neither EDITOR nor VISUAL is set, so no editor was opened. Open the file in your editor: {path}",
    ),
    "check.note.short_ids": (
        "提示：{count} 件诉求没有写编号，将使用默认编号，如 {example}。写一个短编号更好引用和跟踪，如“编号: {short}”"
        "（村名缩写-年份-序号，见 docs/records.md）",
        "note: {count} issues have no id and get the default one, e.g. {example}. A short id is easier to cite "
        "and follow up, e.g. `id: {short}` (village initials-year-number, see docs/records.md)",
    ),
})

CATALOG.update({
    "quota.backfill_mark": ("补", "B"),
    "col.backfill": ("补录", "Backfill"),
    "col.dates": ("日期", "Dates"),
    "MQ302.staged": (
        "这篇日记的日期是 {date}，现在提交已晚了 {days} 天（超过 {grace} 天），会算作补记，不计入当周篇数。"
        "如果是根据纸质笔记本事后补录，请加上“补录: 是”，每周统计会单独列出",
        "this entry is dated {date}; committed now it is {days} days late (more than {grace}) and will count "
        "as late (补记), not for its week. If it is typed up from a paper notebook, add `backfill: true`: quota "
        "then lists it apart",
    ),
})

CATALOG.update({
    "err.outdir": ("无法建立输出文件夹 {path}：{problem}。请用 --out 指定别的位置", "cannot create the output folder {path}: {problem}. Choose another place with --out"),
})

CATALOG.update({
    "help.export.redact": ("脱敏：遮盖户主和家庭成员姓名、身份证号、手机号（与 compile --redact 相同）",
                           "redact: mask the names of household heads and family members, ID and mobile numbers (as compile --redact)"),
})

CATALOG.update({
    "log.field.note": ("进展", "progress"),
    "log.field.escalated_to": ("上报", "escalated to"),
    "log.field.reply": ("答复", "reply"),
    "log.field.result": ("结果", "result"),
    "log.field.feedback": ("反馈", "feedback"),
    "log.field.satisfaction": ("满意度", "satisfaction"),
})

CATALOG.update({
    "new.note.late": (
        "提示：日期 {date} 已过去 {days} 天（超过 {grace} 天），提交后会算补记（MQ302），不计入当周篇数。"
        "如果是根据纸质笔记本补录的旧日记，请在前置信息里写“补录: 是”",
        "note: {date} was {days} days ago (more than {grace}): once committed the entry counts as late (MQ302), "
        "not for its week. If it is typed up from a paper notebook, write `backfill: true` in its front matter",
    ),
})
