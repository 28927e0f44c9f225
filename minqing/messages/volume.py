"""Messages of the volume (minqing compile): periods, villages, images, sign-off, summary, layout labels."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    "compile.badvillage": (
        "“{value}”不是本记录库的村。minqing.yaml 的 villages 有：{choices}",
        "'{value}' is not one of the villages in minqing.yaml: {choices}",
    ),
    "compile.figure.outside": ("路径不在记录库内，未收入", "outside the repository, not included"),
    "compile.figure.missing": ("找不到这个文件", "file not found"),
    "compile.figure.toolarge": ("文件大于 5 MB，未收入", "larger than 5 MB, not included"),
    "compile.figure.badtype": ("不是 JPEG、PNG、GIF 或 WebP 图片，未收入", "not a JPEG, PNG, GIF or WebP image, not included"),
    "compile.figure.pdf": ("PDF 文件，本册不印出，见记录库原件", "a PDF file, not printed in the volume: see the repository"),
    "compile.figure.omitted_one": ("［图片略：{caption}］", "[image left out: {caption}]"),
    "help.compile.village": ("只汇编这个村的日记、诉求和农户", "only this village's entries, issues and households"),
    "compile.label.overview": ("本月综述", "Summary of the month"),
    "compile.label.no": ("序号", "No."),
    "compile.label.sign_off": ("编制与审核", "Sign-off"),
    "compile.label.sign_compiler": ("编制单位", "Compiled by"),
    "compile.label.sign_reviewer": ("审核人", "Reviewed by"),
    "compile.label.sign_approver": ("签发人", "Approved by"),
    "compile.label.sign_date": ("编制日期", "Date"),
    "compile.label.sign_blank_date": ("　　　年　　月　　日", "____________"),
    "compile.credit": ("{office}　编印", "Compiled by {office}"),
    "compile.label.late_mark": ("迟", "L"),
    "compile.label.mark_met": ("达标", "met"),
    "compile.label.mark_short": ("未达标", "short"),
    "compile.label.mark_late": ("只有补记", "late entries only"),
    "compile.label.mark_off": ("不考核（请假、免记周、到任前或离任后）", "not required (leave, exempt week, before start or after end)"),
    "compile.label.marks_count": ("括号内为当周篇数，+n 为补记篇数", "entries of the week in brackets, +n late ones"),
    "compile.label.weeks_note": ("按 ISO 周统计（周四落在本月的周）", "ISO weeks whose Thursday falls in the month"),
    "compile.label.attachments": ("附件", "Attachments"),
    "compile.label.images_omitted": ("脱敏版略去的图片和附件", "Images and attachments left out of this redacted volume"),
    "compile.label.village_volume": ("村级分册", "Village volume"),
    "compile.label.oldest_open": ("时间最长的未办结诉求", "Oldest open issue"),
}

CATALOG.update({
    "schema.config.volume": ("汇编成册的署名（可选）：编制单位、审核人、签发人、编制日期；不填的留空待手写",
                             "the volume's sign-off (optional): compiling office, reviewer, approver, date; "
                             "left blank to sign by hand when not given"),
    "schema.config.volume.compiler": ("编制单位，如 桤泉镇党政办；封面署这个单位", "the compiling office, e.g. 桤泉镇党政办; the cover credits it"),
    "schema.config.volume.reviewer": ("审核人", "the reviewer"),
    "schema.config.volume.approver": ("签发人", "the approver"),
    "schema.config.volume.date": ("编制日期", "the date of compilation"),
})

CATALOG.update({
    "compile.label.supervision": ("督办与审阅", "Supervision and review"),
    "compile.label.orders": ("督办事项", "Supervision orders"),
    "compile.label.order_to": ("承办人", "Assigned to"),
    "compile.label.order_state": ("办理情况", "State"),
    "compile.label.order_by": ("督办", "Ordered"),
    "compile.label.order_request": ("要求", "Request"),
    "compile.label.orders_note": (
        "本期下达的督办，以及以前下达、截至统计日仍在办理或逾期未办的督办；办理情况按统计截止日判断",
        "Orders given in the period, and earlier ones still pending or overdue at the as-of date; states as of that date",
    ),
    "compile.label.remarks": ("审阅意见", "Reviewers' remarks"),
    "compile.label.review": ("审阅", "Review"),
    "compile.label.grade": ("等级", "Grade"),
})
