"""The one catalog of user-facing sentences, in Chinese and English, and the choice of language."""

from __future__ import annotations

import os
import string
from collections.abc import Sequence

LANGS = ("zh", "en")

# Every sentence the user reads lives here: key -> (zh, en). Placeholders are the same in both.
CATALOG: dict[str, tuple[str, str]] = {
    # ---- diagnostics: what is wrong, then how to mend it ----
    "MQ001": (
        "文件不是 UTF-8 编码（看起来是 {encoding}）。请用记事本或 WPS“另存为”，编码选 UTF-8；"
        "或运行：iconv -f {encoding} -t UTF-8 原文件 > 新文件",
        "the file is not UTF-8 (it looks like {encoding}). Re-save it as UTF-8 in your editor "
        "(Save As, encoding UTF-8) or run: iconv -f {encoding} -t UTF-8 old > new",
    ),
    "MQ001.nul": (
        "文件含有空字节（NUL），像是 UTF-16 或二进制文件，不是 UTF-8 文本。请用编辑器另存为 UTF-8 文本",
        "the file contains NUL bytes: it looks like UTF-16 or a binary file, not UTF-8 text. "
        "Re-save it as UTF-8 text",
    ),
    "MQ001.unknown": (
        "文件不是 UTF-8 编码，也认不出是哪种编码。请在编辑器里“另存为”，编码选 UTF-8",
        "the file is not UTF-8 and its encoding is not recognised. Re-save it as UTF-8 in your editor",
    ),
    "MQ001.name": (
        "文件名不是 UTF-8 编码（看起来是 {encoding}：“{name}”）。请把文件改名，只用 UTF-8 字符",
        "the file name is not UTF-8 (it looks like {encoding}: '{name}'). Rename the file using "
        "UTF-8 characters",
    ),
    "MQ002": (
        "没有前置信息（front matter）：文件第一行必须是单独的 ---，再写“日期: …”等字段，"
        "再用一行 --- 结束。可以用 minqing new 生成模板",
        "no front matter: the first line must be --- alone, then the fields (date: …), then a "
        "closing ---. `minqing new` writes a template",
    ),
    "MQ002.empty": (
        "文件是空的。请写入前置信息和正文，或删除这个文件",
        "the file is empty. Write the front matter and the body, or delete the file",
    ),
    "MQ003": (
        "前置信息没有结束：第 1 行的 --- 之后找不到作为结束的单独一行 ---。请在字段之后、正文之前加一行 ---",
        "the front matter is not closed: no line --- after the opening --- on line 1. Add a line "
        "--- between the fields and the body",
    ),
    "MQ004": (
        "YAML 格式错误：{problem}。请检查这一行的缩进、引号和冒号（冒号后要有空格）",
        "YAML syntax error: {problem}. Check the indentation, quotes and colons (a space after "
        "each colon) on this line",
    ),
    "MQ004.tab": (
        "YAML 不允许用制表符（Tab）缩进。请把这一行开头的 Tab 换成空格",
        "YAML does not allow tabs for indentation. Replace the tab at the start of this line with "
        "spaces",
    ),
    "MQ004.alias": (
        "前置信息里不允许使用 YAML 锚点（&）或别名（*）。请把内容直接写出来",
        "YAML anchors (&) and aliases (*) are not allowed in front matter. Write the value out",
    ),
    "MQ004.colon": (
        "YAML 格式错误：这一行多出了“: ”（冒号加空格）。如果值里本来就有冒号，请把整个值用引号括起来；否则检查缩进",
        "YAML syntax error: an extra ': ' on this line. If the value itself holds a colon, put the whole "
        "value in quotes; otherwise check the indentation",
    ),
    "MQ004.quote": (
        "YAML 格式错误：引号没有配对。请补上结尾的引号，或去掉开头的引号",
        "YAML syntax error: a quote is not closed. Add the closing quote or remove the opening one",
    ),
    "MQ004.bracket": (
        "YAML 格式错误：方括号列表没有结束。请检查 [ ] 是否配对、各项之间是否用英文逗号分隔",
        "YAML syntax error: a [ ] list is not closed. Check the brackets and the ASCII commas between items",
    ),
    "MQ004.indent": (
        "YAML 格式错误：这一行的缩进与上面的字段对不齐，或者缺少“字段名: ”。请对齐缩进",
        "YAML syntax error: this line's indentation does not line up with the fields above, or a 'key: ' "
        "is missing. Align the indentation",
    ),
    "MQ004.nocolon": (
        "YAML 格式错误：这一行缺少“: ”（英文冒号加空格）。请写成“字段名: 值”",
        "YAML syntax error: this line lacks ': ' (an ASCII colon and a space). Write 'key: value'",
    ),
    "MQ007.invisible": (
        "这一行有看不见的字符 {name}（常见于从网页或微信复制来的文字），会让字段名或值对不上。"
        "请删除它（可在编辑器里打开“显示不可见字符”找到）",
        "an invisible character {name} is on this line (often pasted from a web page or a chat app); it "
        "makes keys and values fail to match. Delete it (show invisible characters in your editor)",
    ),
    "MQ004.merge": (
        "前置信息里不允许使用 YAML 合并键（<<）。请把各个字段直接写出来",
        "YAML merge keys (<<) are not allowed in front matter. Write the fields out",
    ),
    "MQ004.tag": (
        "前置信息里不允许使用 YAML 标签（{tag}）。请删去以 ! 开头的标签，直接写值",
        "YAML tags ({tag}) are not allowed in front matter. Remove the tag starting with ! and "
        "write the plain value",
    ),
    "MQ004.deep": (
        "前置信息嵌套太深（超过 {limit} 层），不予解析。请检查是否误粘贴了内容",
        "the front matter is nested too deeply (over {limit} levels) and was not parsed. Check "
        "for pasted garbage",
    ),
    "MQ005": (
        "文件里留有 git 合并冲突标记（{marker}）。请保留正确的内容，删除 <<<<<<<、=======、>>>>>>> 这几行",
        "git merge-conflict markers are left in the file ({marker}). Keep the right text and "
        "delete the <<<<<<<, ======= and >>>>>>> lines",
    ),
    "MQ006": (
        "字段“{key}”写了两次（第 {first} 行已有“{other}”）。请删去其中一个",
        "the key '{key}' is given twice (line {first} already has '{other}'). Delete one of them",
    ),
    "MQ007": (
        "这里有输入法打出的{char}，YAML 需要英文半角字符。请改为{fix}",
        "{char} typed by an input method where YAML needs ASCII. Replace it with {fix}",
    ),
    "MQ101": (
        "缺少必填字段“{key}”（{other}）。请补上",
        "the required field '{other}' ({key}) is missing. Add it",
    ),
    "MQ102": (
        "未知字段“{key}”：已保留，但 minqing 不会使用它。是否写错了字段名？{suggest}",
        "unknown field '{key}': it is kept but minqing does not use it. Misspelt?{suggest}",
    ),
    "MQ103": (
        "字段“{key}”的值类型不对：应为{expected}。请改正",
        "the field '{key}' has the wrong type: expected {expected}. Correct it",
    ),
    "MQ103.frontmatter": (
        "前置信息必须是“字段: 值”的形式（一个映射），现在是{found}。请按模板改写",
        "the front matter must be 'key: value' lines (a mapping), not {found}. Rewrite it like "
        "the template",
    ),
    "MQ104": (
        "“{value}”不是有效日期。请写成 2024-03-17 或 2024年3月17日，并确认这一天存在",
        "'{value}' is not a valid date. Write it as 2024-03-17 or 2024年3月17日 and make sure the "
        "day exists",
    ),
    "MQ105": (
        "日期 {value} 还没到（今天是 {today}）。请确认日期是否写错",
        "the date {value} is in the future (today is {today}). Check the date",
    ),
    "MQ106": (
        "未知类别“{value}”。请用政策规定的类别代码或中文名称{suggest}。可用的类别：{choices}",
        "unknown category '{value}'. Use one of the policy's category codes or names{suggest}. The categories: {choices}",
    ),
    "MQ107": (
        "“{value}”不在 minqing.yaml 的干部名单（cadres）里。请改正姓名，或把此人加入名单{suggest}。名单上有：{choices}",
        "'{value}' is not in the cadre roster (cadres in minqing.yaml). Fix the name or add the "
        "cadre to the roster{suggest}. The roster: {choices}",
    ),
    "MQ108": (
        "未知的村“{value}”。请使用 minqing.yaml 中 villages 列出的村名{suggest}。可用的村：{choices}",
        "unknown village '{value}'. Use a village listed under villages in minqing.yaml{suggest}. The villages: {choices}",
    ),
    "MQ109": (
        "找不到农户“{value}”：households/ 里没有这个编号，也没有唯一的同名户主。请改正编号{suggest}",
        "unknown household '{value}': no such id in households/ and no unique head of that "
        "name. Fix the id{suggest}",
    ),
    "MQ109.ambiguous": (
        "户主姓名“{value}”对应多户（{matches}）。请改用农户编号",
        "the head's name '{value}' matches several households ({matches}). Use the household id",
    ),
    "MQ110": (
        "未知状态“{value}”。状态只能是：待办 open、办理中 in-progress、已上报 escalated、"
        "已解决 resolved、已解释 explained{suggest}",
        "unknown status '{value}'. Use open, in-progress, escalated, resolved or explained{suggest}",
    ),
    "MQ111": (
        "状态为“{value}”，但缺少{missing}。办结的事项要写明办理结果，以及何时、如何告知农户",
        "status '{value}' without {missing}. A closed matter needs the result and how and when "
        "the household was told",
    ),
    "MQ112": (
        "状态为“已上报”，但没有写上报给谁（上报 / escalated_to）。请写明上报的镇领导、会议或部门",
        "status escalated without escalated_to. Name the township leader, meeting or department "
        "it went to",
    ),
    "MQ113": (
        "跟踪的问题“{value}”不存在。请写已有诉求的编号{suggest}",
        "the update refers to an unknown issue '{value}'. Use the id of an existing issue{suggest}",
    ),
    "MQ114": (
        "诉求编号“{value}”已在 {other} 中使用。请换一个不重复的编号",
        "the issue id '{value}' is already used in {other}. Choose a unique id",
    ),
    "MQ115": (
        "这条跟踪的日期 {date} 早于问题“{value}”提出的日期 {raised}。请检查日期或问题编号",
        "this update is dated {date}, before the issue '{value}' was raised on {raised}. Check "
        "the date or the issue id",
    ),
    "MQ116": (
        "文件名应以日期 {expected} 开头，并放在 entries/{folder}/ 下。请改名或移动文件",
        "the file name should start with the date {expected} and sit in entries/{folder}/. "
        "Rename or move the file",
    ),
    "MQ116.household": (
        "农户编号“{value}”与文件名“{expected}”不一致。请让编号和文件名相同",
        "the household id '{value}' differs from the file name '{expected}'. Make them equal",
    ),
    "MQ116.badid": (
        "农户编号“{value}”只能由字母、数字、- 和 _ 组成。请改编号和文件名",
        "the household id '{value}' may hold only letters, digits, - and _. Rename it",
    ),
    "MQ117": (
        "正文只有 {count} 个字（至少 {minimum} 个）。请写清看到的情况、分析和措施，不要只写标题",
        "the body has only {count} characters (at least {minimum}). Write what you saw, your "
        "analysis and the measures, not just a title",
    ),
    "MQ118": (
        "正文与 {other} 几乎相同（相似度约 {percent}%）。每篇日记应一事一记，请按实际情况写",
        "the body is a near copy of {other} (about {percent}% alike). One record per matter: "
        "write what actually happened",
    ),
    "MQ201": (
        "文中有身份证号码（{masked}）。请删去或改为脱敏写法，群众隐私不能写进日记",
        "a resident ID number ({masked}) is in the text. Remove or mask it: people's private "
        "data does not belong in the diary",
    ),
    "MQ202": (
        "日记中有手机号码（{masked}）。电话请只记在农户档案的“电话”字段",
        "a mobile number ({masked}) is in an entry. Keep phone numbers only in the household's "
        "phone field",
    ),
    "MQ301": (
        "提交者 {git_author} 与记录人 {value} 的邮箱 {email} 不符。请由本人提交，或核对名单中的邮箱",
        "committed by {git_author}, not matching {value}'s email {email}. Let the cadre commit, or "
        "check the roster's email",
    ),
    "MQ302": (
        "补记：日记日期 {date}，首次提交于 {committed}（晚了 {days} 天，超过 {grace} 天），本周不计入考勤",
        "late (补记): dated {date}, first committed {committed} ({days} days later, over "
        "{grace}); it does not count for its week",
    ),
    "MQ303": (
        "这篇已提交的日记在 {committed} 之后被改写过（{commits} 次提交）。补充进展请写新的日记并用“跟踪”",
        "this committed entry was rewritten after {committed} ({commits} commits). Record progress "
        "in a new entry with updates",
    ),
    "MQ008": (
        "这是指向仓库之外的符号链接（{target}），未读取。请把文件复制进仓库",
        "this is a symbolic link leading outside the repository ({target}); it was not read. "
        "Copy the file into the repository",
    ),
    "MQ008.notfile": (
        "这不是普通文件（可能是管道或设备），未读取。请删除它，或换成普通文本文件",
        "this is not a regular file (a pipe or a device); it was not read. Remove it or replace it with a text file",
    ),
    "MQ008.unreadable": (
        "无法读取文件：{problem}",
        "cannot read the file: {problem}",
    ),
    # ---- pieces ----
    "did_you_mean": ("（是不是“{value}”？）", " (did you mean '{value}'?)"),
    "type.date": ("日期（如 2024-03-17 或 2024年3月17日）", "a date (e.g. 2024-03-17)"),
    "type.text": ("文字", "text"),
    "type.list": ("列表（如 [qa-01, qa-02] 或每行一个“- ”）", "a list ([a, b] or one '- ' item a line)"),
    "type.issues": ("列表，每项是“摘要: …”等字段", "a list of items with summary: … fields"),
    "type.bool": ("是 / 否（true / false）", "true / false (是 / 否)"),
    "type.int": ("正整数", "a positive whole number"),
    "type.satisfaction": ("满意、基本满意或不满意", "满意, 基本满意 or 不满意"),
    "type.mapping": ("“字段: 值”的映射", "a mapping of key: value"),
    "found.list": ("一个列表", "a list"),
    "found.scalar": ("一段文字", "a plain value"),
    "char.colon": ("全角冒号“：”", "a full-width colon '：'"),
    "char.comma": ("全角逗号“{c}”", "a full-width comma '{c}'"),
    "char.space": ("全角空格（U+3000）", "a full-width space (U+3000)"),
    "fix.colon": ("英文冒号“: ”（冒号后加一个空格）", "an ASCII colon ': ' (a space after it)"),
    "fix.comma": ("英文逗号“, ”", "an ASCII comma ', '"),
    "fix.space": ("两个英文空格", "two ASCII spaces"),
    "missing.result": ("办理结果（结果 / result）", "result"),
    "missing.feedback": ("反馈（反馈 / feedback）", "feedback"),
    "missing.both": ("办理结果（结果）和反馈（反馈）", "result and feedback"),
    "encoding.unknown": ("未知编码", "an unknown encoding"),
    # ---- check report ----
    "check.summary": (
        "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告。",
        "{files} files checked: {errors} errors, {warnings} warnings.",
    ),
    "check.clean": ("全部通过，没有发现问题。", "All clear: no problems found."),
    "check.col.line": ("行", "Line"),
    "check.col.code": ("代码", "Code"),
    "check.col.severity": ("级别", "Level"),
    "check.col.message": ("说明", "Message"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    "note.nogit": ("提示：{root} 不是 git 仓库的根目录，跳过基于 git 的检查。", "note: {root} is not the top of a git repository; git-based checks skipped."),
    "note.skipped": ("提示：{path} 不是民情记录文件（应在 entries/ 或 households/ 下），已跳过。", "note: {path} is not a record (records live in entries/ and households/); skipped."),
    # ---- errors that stop a command (exit 2) ----
    "err.norepo": (
        "找不到民情记录仓库：{start} 及其上级目录中都没有 minqing.yaml。请进入仓库目录，"
        "用 --repo 指定，或用 minqing init 新建",
        "no records repository: no minqing.yaml in {start} or above. cd into one, pass --repo, "
        "or create one with minqing init",
    ),
    "err.config": ("配置文件 {path} 第 {line} 行：{problem}", "config {path} line {line}: {problem}"),
    "err.config.read": ("配置文件 {path} 无法读取：{problem}", "config {path} cannot be read: {problem}"),
    "cfg.notmapping": ("配置必须是“字段: 值”的映射。请参照 minqing init 生成的模板", "the config must be a mapping of key: value. See the template minqing init writes"),
    "cfg.missing": ("缺少“{key}”。请补上", "'{key}' is missing. Add it"),
    "cfg.type": ("“{key}”应为{expected}", "'{key}' should be {expected}"),
    "cfg.badcategory": ("deadlines.by_category 中的类别“{value}”不存在", "unknown category '{value}' in deadlines.by_category"),
    "cfg.badweek": ("“{value}”不是 ISO 周，请写成 2024-W06 这样", "'{value}' is not an ISO week; write it like 2024-W06"),
    "cfg.dupcadre": ("干部“{value}”在名单里出现了两次", "the cadre '{value}' is listed twice"),
    "cfg.nocadres": ("干部名单 cadres 不能为空：每位记日记的干部都要列出", "the cadres roster is empty: list every cadre who keeps a diary"),
    "cfg.novillages": ("villages 至少要有一个村", "villages needs at least one village"),
    "err.outside": ("{path} 不在仓库 {root} 之内", "{path} is outside the repository {root}"),
    "err.notfound": ("找不到文件 {path}", "no such file: {path}"),
    "err.notgit": ("{root} 不是 git 仓库，无法检查暂存区（--staged）", "{root} is not a git repository: --staged needs git"),
    "err.git": ("git 出错：{problem}", "git failed: {problem}"),
    "err.exists": ("{path} 已存在，不会覆盖。请换一个标题（--slug）或日期", "{path} already exists and was not overwritten. Choose another title (--slug) or date"),
    "err.init.exists": (
        "{path} 里已经有民情记录（{what}），不会覆盖。请换一个空目录",
        "{path} already holds records ({what}); nothing was overwritten. Choose an empty folder",
    ),
    "err.badlang": ("不支持的语言“{value}”，请用 zh 或 en", "unsupported language '{value}': use zh or en"),
    "err.badformat": ("不支持的格式“{value}”，可用：{choices}", "unsupported format '{value}': choose {choices}"),
    "err.baddate": ("“{value}”不是有效日期。请写成 2024-03-17", "'{value}' is not a valid date; write it like 2024-03-17"),
    "err.badcategory": ("未知类别“{value}”{suggest}。可用的类别（代码或中文名都可以）：{choices}",
                        "unknown category '{value}'{suggest}. The categories (code or Chinese name): {choices}"),
    "err.noauthor": (
        "无法确定记录人：请用 --author 指定，或在 git 中设置 user.name / user.email（需与干部名单一致）",
        "cannot tell the author: pass --author, or set git user.name / user.email to match the roster",
    ),
    "err.editor": ("无法启动编辑器 {editor}：{problem}。文件已写好：{path}", "cannot start the editor {editor}: {problem}. The file is written: {path}"),
    "new.created": ("已新建：{path}", "created: {path}"),
    "init.created": (
        "已在 {path} 新建民情记录仓库。下一步：编辑 minqing.yaml 中的村和干部名单，然后运行 minqing new",
        "created a records repository in {path}. Next: edit the villages and cadres in "
        "minqing.yaml, then run minqing new",
    ),
    "err.internal": (
        "minqing 内部错误（这是程序的缺陷，不是您的数据问题）：{problem}。请把这条信息报告给维护者",
        "minqing internal error (a bug, not a problem with your data): {problem}. Please report it",
    ),
    # ---- issues, quota, household, log ----
    "err.household.unknown": ("找不到农户“{value}”{suggest}。已有的农户：{choices}", "no household '{value}'{suggest}. The households: {choices}"),
    "err.household.ambiguous": ("户主“{value}”对应多户：{matches}。请用农户编号", "the head '{value}' matches several households: {matches}. Use the id"),
    "err.badstatus": ("未知状态“{value}”{suggest}。可用的状态：{choices}", "unknown status '{value}'{suggest}. The statuses: {choices}"),
    "err.log.unknown": ("“{value}”既不是仓库里的记录文件，也不是诉求编号{suggest}", "'{value}' is neither a record file nor an issue id{suggest}"),
    "note.calendar": (
        "提示：国家法定节假日数据不含 {years} 年，这些年份按周一至周五计算工作日。请升级 chinesecalendar",
        "note: the official holiday calendar does not cover {years}; Monday–Friday are used there. Upgrade chinesecalendar",
    ),
    "issues.none": ("没有符合条件的诉求。", "No issues match."),
    "issues.title": ("民情台账（截至 {as_of}）：{count} 件", "Issue ledger as of {as_of}: {count}"),
    "col.id": ("编号", "ID"), "col.summary": ("摘要", "Summary"), "col.status": ("状态", "Status"),
    "col.category": ("类别", "Category"), "col.raised": ("提出", "Raised"), "col.due": ("期限", "Due"),
    "col.overdue": ("逾期", "Overdue"), "col.author": ("记录人", "Author"), "col.village": ("村", "Village"),
    "col.households": ("农户", "Households"), "col.entry": ("来源日记", "Entry"), "col.escalated": ("上报", "Escalated to"),
    "col.updates": ("跟踪", "Updates"), "col.reopened": ("重办", "Reopened"), "col.date": ("日期", "Date"),
    "col.title": ("标题", "Title"), "col.cadre": ("干部", "Cadre"), "col.week": ("周", "Week"),
    "col.required": ("应记", "Required"), "col.count": ("篇数", "Count"), "col.late": ("补记", "Late"),
    "col.short": ("未完成", "Short"), "col.shortfalls": ("未完成周数", "Shortfalls"), "col.commit": ("提交", "Commit"),
    "col.result": ("结果", "Result"), "col.feedback": ("反馈", "Feedback"), "col.path": ("文件", "File"),
    "overdue.days": ("逾期 {days} 天", "overdue by {days} d"),
    "quota.title": ("每周民情日记（{start} 至 {end}，每周不少于 {per_week} 篇）", "Weekly diaries {start} to {end} (at least {per_week} a week)"),
    "quota.legend": ("✓ 完成　✗ 未完成　迟 只有补记　补 只有补录（纸质笔记本事后录入）　· 不考核",
                     "✓ met  ✗ short  L late only  B backfill only (typed up from a paper notebook)  · not required"),
    "quota.late_mark": ("迟", "L"),
    "quota.summary": ("共 {cadres} 人，未完成 {shortfalls} 人周。", "{cadres} cadres, {shortfalls} short weeks."),
    "household.title": ("一户一档：{id} {head}", "Household archive: {id} {head}"),
    "household.entries": ("走访日记（{count} 篇）", "Entries ({count})"),
    "household.issues": ("诉求（{count} 件）", "Issues ({count})"),
    "household.profile": ("基本情况", "Profile"),
    "log.title": ("{path} 的提交历史", "History of {path}"),
    "log.issue": ("诉求 {id} 的办理过程", "History of issue {id}"),
    "log.raised": ("提出", "raised"), "log.update": ("跟踪", "update"),
    "log.nocommit": ("（未提交）", "(not committed)"),
    # ---- export: tables for analysis (minqing export) ----
    "export.noduckdb": (
        "导出 Parquet 需要 duckdb，但没有安装。请运行：pip install 'minqing[analytics]'（或 pip install duckdb）",
        "Parquet export needs duckdb, which is not installed. Run: pip install 'minqing[analytics]' "
        "(or pip install duckdb)",
    ),
    "export.exists": (
        "输出文件已存在，没有覆盖：{path}。请换一个 --out 目录，或加 --force 覆盖",
        "output files already exist and were not overwritten: {path}. Choose another --out folder, or pass "
        "--force to overwrite",
    ),
    "export.noout": ("请用 --out 指定输出目录，如 --out 导出", "pass the output folder with --out, e.g. --out export"),
    "export.notdir": ("{path} 是文件，不是目录。请用 --out 指定一个目录", "{path} is a file, not a folder. Pass a folder to --out"),
    "export.mkdir": ("无法创建输出目录 {path}：{problem}", "cannot create the output folder {path}: {problem}"),
    "export.write": ("无法写入 {path}：{problem}", "cannot write {path}: {problem}"),
    "export.done": (
        "已导出 {tables} 张表（{format}，台账截至 {as_of}）到 {out}",
        "exported {tables} tables ({format}, ledger as of {as_of}) to {out}",
    ),
    "help.export": (
        "把日记、诉求台账、跟踪记录、农户、每周考勤、审阅和督办导出为数据表（CSV、JSONL、SQLite 或 Parquet），供统计分析。",
        "Export entries, the issue ledger, updates, households, weekly quotas, reviews and supervision orders as "
        "tables (CSV, JSONL, SQLite or Parquet) for analysis.",
    ),
    "help.export.format": (
        "格式：csv（默认）、jsonl、sqlite 或 parquet（parquet 需要 pip install 'minqing[analytics]'）",
        "format: csv (default), jsonl, sqlite or parquet (parquet needs pip install 'minqing[analytics]')",
    ),
    "help.export.out": ("输出目录（默认仓库的 out/export，out/ 不提交到 git；不存在时新建）",
                        "output folder (default: out/export in the repository, never committed; created if missing)"),
    "help.export.asof": ("台账和考勤截至这一天（默认今天）", "ledger and quota as of this date (default today)"),
    "help.export.force": ("覆盖已存在的输出文件", "overwrite existing output files"),
    # ---- compile: the monthly volume (minqing compile) ----
    "compile.badmonth": (
        "“{value}”不是月份、季度或年份。请写成 YYYY-MM（如 2024-03）、YYYY-Qn（如 2024-Q2）或 YYYY（如 2024）",
        "'{value}' is not a month, quarter or year: write it as YYYY-MM (2024-03), YYYY-Qn (2024-Q2) or YYYY (2024)",
    ),
    "compile.empty": (
        "{month} 没有日记（截至 {as_of}），没有生成汇编",
        "no entries in {month} (as of {as_of}); no volume was written",
    ),
    "compile.exists": ("{path} 已存在，不会覆盖。要覆盖请加 --force", "{path} already exists and was not overwritten. Add --force to replace it"),
    "compile.nofolder": ("目录 {path} 不存在", "the folder {path} does not exist"),
    "compile.template.missing": (
        "找不到模板“{name}”（渲染 {template} 时）。请检查仓库 templates/ 目录里的文件名，或删去自定义模板改用内置模板",
        "template '{name}' not found (while rendering {template}). Check the file names in the repository's "
        "templates/ folder, or remove your template to use the built-in one",
    ),
    "compile.template.error": (
        "模板 {name} 第 {line} 行出错：{problem}。请修改该模板，或删去它改用内置模板",
        "template {name} line {line}: {problem}. Fix the template, or remove it to use the built-in one",
    ),
    "compile.pdf.missing": (
        "生成 PDF 需要 WeasyPrint 和 Pango（{problem}）。请运行 pip install 'minqing[pdf]'；"
        "Debian/Ubuntu 还要 apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk。"
        "也可以先用 --format html 生成网页，在浏览器里打印成 PDF",
        "PDF output needs WeasyPrint and Pango ({problem}). Run pip install 'minqing[pdf]'; on Debian/Ubuntu "
        "also apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk. Or write "
        "--format html and print it to PDF from a browser",
    ),
    "compile.pdf.nofont": (
        "没有找到中文字体（fc-list :lang=zh 为空），PDF 里的汉字会显示成方框。请安装中文字体：pip install 'minqing[pdf]' 之外，"
        "Debian/Ubuntu 还要 apt install fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0",
        "no Chinese font found (fc-list :lang=zh is empty): Chinese would print as boxes. Install one: besides "
        "pip install 'minqing[pdf]', on Debian/Ubuntu apt install fonts-noto-cjk libpango-1.0-0 "
        "libpangoft2-1.0-0 libharfbuzz-subset0",
    ),
    "compile.pdf.failed": ("生成 PDF 失败：{problem}", "PDF output failed: {problem}"),
    "compile.note.nogit": (
        "提示：{root} 不是 git 仓库的根目录，每周记录按日记日期统计，不判断补记。",
        "note: {root} is not the top of a git repository; the weekly quota counts entries by date, without lateness.",
    ),
    "compile.label.compilation": ("民情日记汇编", "Monthly volume of diaries"),
    "compile.label.internal": ("内部资料　注意保管", "Internal document — keep safe"),
    "compile.label.township": ("乡镇", "Township"),
    "compile.label.villages": ("村", "Villages"),
    "compile.label.period": ("时段", "Period"),
    "compile.label.as_of": ("统计截至", "As of"),
    "compile.label.compiled_by": ("由 minqing 根据民情记录库汇编", "Compiled by minqing from the records repository"),
    "compile.label.redacted_note": (
        "本册已脱敏：户主和家庭成员姓名、身份证号、手机号已遮盖，文件名不列出",
        "Redacted: names of household heads and members, ID numbers and mobile numbers are masked; file names are left out",
    ),
    "compile.label.contents": ("目录", "Contents"),
    "compile.label.statistics": ("本月统计", "Statistics"),
    "compile.label.entries_section": ("民情日记", "Diary entries"),
    "compile.label.ledger": ("民情台账", "Issue ledger"),
    "compile.label.household_index": ("农户索引", "Household index"),
    "compile.label.key_figures": ("本月概况", "The month at a glance"),
    "compile.label.entries": ("日记", "Entries"),
    "compile.label.issues": ("诉求", "Issues"),
    "compile.label.issues_raised": ("提出诉求", "Issues raised"),
    "compile.label.updates": ("跟踪", "Updates"),
    "compile.label.resolved": ("已解决", "Resolved"),
    "compile.label.explained": ("已解释", "Explained"),
    "compile.label.closed": ("办结", "Closed"),
    "compile.label.escalated": ("上报", "Escalated"),
    "compile.label.reopened": ("重办", "Reopened"),
    "compile.label.still_open": ("未办结", "Still open"),
    "compile.label.overdue": ("逾期", "Overdue"),
    "compile.label.on_time_rate": ("按时办结率", "Closed on time"),
    "compile.label.satisfaction_rate": ("满意率", "Satisfaction"),
    "compile.label.households_visited": ("涉及农户", "Households"),
    "compile.label.urgent": ("紧急", "Urgent"),
    "compile.label.by_cadre": ("分干部统计", "By cadre"),
    "compile.label.by_category": ("分类别统计", "By category"),
    "compile.label.issue_outcomes": ("诉求办理情况", "Issues"),
    "compile.label.quota": ("每周记录情况", "Weekly quota"),
    "compile.label.quota_note": (
        "按 ISO 周统计（周四落在本月的周）。✓ 达标　✗ 未达标　迟 只有补记　· 不考核；括号内为篇数",
        "ISO weeks whose Thursday falls in the month. ✓ met  ✗ short  L late entries only  · not required; "
        "entries counted in brackets",
    ),
    "compile.label.rate_note": (
        "按时办结率 = 本月办结且不晚于期限的诉求 ÷ 本月办结的诉求；满意率 =（满意 + 基本满意）÷ 本月办结且有满意度评价的诉求；"
        "未办结、逾期按统计截止日计算，含以前提出的诉求；重办为本月把已办结诉求重新打开的跟踪次数",
        "Closed on time = issues closed this month on or before their due date ÷ issues closed this month; "
        "satisfaction = (满意 + 基本满意) ÷ issues closed this month with a verdict; still open and overdue "
        "are counted as of the last day, earlier issues included; reopened counts this month's updates that "
        "reopen a closed issue",
    ),
    "compile.label.cadre": ("干部", "Cadre"),
    "compile.label.role": ("职务", "Role"),
    "compile.label.category": ("类别", "Category"),
    "compile.label.weeks_required": ("应记周数", "Weeks required"),
    "compile.label.weeks_met": ("达标周数", "Weeks met"),
    "compile.label.weeks_late": ("仅补记周数", "Late-only weeks"),
    "compile.label.per_week": ("每周至少篇数", "Entries required a week"),
    "compile.label.total": ("合计", "Total"),
    "compile.label.count": ("数量", "Count"),
    "compile.label.number": ("篇号", "No."),
    "compile.label.date": ("日期", "Date"),
    "compile.label.author": ("记录人", "Author"),
    "compile.label.village": ("村", "Village"),
    "compile.label.households": ("农户", "Households"),
    "compile.label.title": ("标题", "Title"),
    "compile.label.tags": ("标签", "Tags"),
    "compile.label.source": ("文件", "File"),
    "compile.label.issues_in_entry": ("本篇提出的诉求", "Issues raised"),
    "compile.label.updates_in_entry": ("跟踪办理", "Follow-ups"),
    "compile.label.id": ("编号", "ID"),
    "compile.label.summary": ("摘要", "Summary"),
    "compile.label.status": ("状态", "Status"),
    "compile.label.raised": ("提出", "Raised"),
    "compile.label.due": ("期限", "Due"),
    "compile.label.escalated_to": ("上报", "Escalated to"),
    "compile.label.result": ("结果", "Result"),
    "compile.label.feedback": ("反馈", "Feedback"),
    "compile.label.satisfaction": ("满意度", "Satisfaction"),
    "compile.label.note": ("进展", "Note"),
    "compile.label.new_due": ("新期限", "New due date"),
    "compile.label.closed_on": ("办结", "Closed"),
    "compile.label.days_overdue": ("逾期天数", "Days overdue"),
    "compile.label.reopening": ("重办", "reopened"),
    "compile.label.ledger_raised": ("本月提出的诉求", "Raised this month"),
    "compile.label.ledger_open_before": ("以前提出、截至统计日仍未办结的诉求", "Raised earlier, still open"),
    "compile.label.ledger_closed_before": ("以前提出、本月办结的诉求", "Raised earlier, closed this month"),
    "compile.label.ledger_note": (
        "状态、期限、上报、结果和反馈均为截至统计日的最新情况；本月跟踪列在各诉求下",
        "Status, due date, escalation, result and feedback are the latest as of the last day; this month's "
        "updates are listed under each issue",
    ),
    "compile.label.none": ("无", "None"),
    "compile.label.head": ("户主", "Head"),
    "compile.label.group": ("村民小组", "Group"),
    "compile.label.contact_cadre": ("联系干部", "Contact cadre"),
    "compile.label.entries_this_month": ("本月日记（篇号）", "Entries this month (No.)"),
    "compile.label.issues_this_volume": ("本册诉求", "Issues in this volume"),
    "compile.label.index_note": (
        "列出全部农户；篇号和诉求编号可点击跳转",
        "Every household; entry numbers and issue ids link to them",
    ),
    "compile.label.chart_categories": ("各类别日记与诉求", "Entries and issues by category"),
    "compile.label.chart_cadres": ("各干部日记、诉求与跟踪", "Entries, issues and updates by cadre"),
    "compile.label.chart_issues": ("本月诉求办理", "Issues this month"),
    "compile.label.satisfied": ("满意", "satisfied"),
    "compile.label.basically_satisfied": ("基本满意", "fairly satisfied"),
    "compile.label.dissatisfied": ("不满意", "dissatisfied"),
    "compile.label.category_overview": ("本月日记按类别编排，每类按日期先后", "This month's entries by category, each in date order"),
    "help.compile.short": ("把一个月、季度或年汇编成册（HTML、Markdown、PDF）。", "Compile a month, quarter or year into a printable volume (HTML, Markdown, PDF)."),
    "help.schema.short": ("输出供编辑器使用的 JSON Schema。", "Print JSON Schema for editors."),
    "help.export.short": ("导出数据表（CSV、JSONL、SQLite、Parquet）。", "Export tables (CSV, JSONL, SQLite, Parquet)."),
    "help.compile": (
        "把一个月（或一个季度、一年）的民情日记汇编成册（定期汇编成册）：封面、目录、统计图表、按类别编排的日记、民情台账、农户索引。"
        "在乡镇（县）工作区里汇编全镇一册：全镇统计、跨村台账、民情分析、干部考评排名，再每村一章。"
        "写出文件并打印路径；这一期没有日记时退出码为 1。",
        "Compile one month's (or a quarter's, a year's) diaries into a volume: cover, contents, statistics with "
        "charts, the entries by category, the issue ledger and a household index. In a township (county) "
        "workspace, one volume for the township: its figures, a ledger across villages, the analysis, the "
        "cadres' ranking and a chapter per village. Writes the file and prints its path; exit 1 when the "
        "period has no entries.",
    ),
    "help.compile.month": ("月份 YYYY-MM（如 2024-03）、季度 YYYY-Qn（如 2024-Q2）或年份 YYYY",
                           "the month YYYY-MM (2024-03), the quarter YYYY-Qn (2024-Q2) or the year YYYY"),
    "help.compile.format": ("输出格式：html（默认）、md 或 pdf（需要 minqing[pdf]）", "output format: html (default), md or pdf (needs minqing[pdf])"),
    "help.compile.out": ("写入这个文件（默认仓库的 out/ 文件夹下的 minqing-YYYY-MM.<格式>，out/ 不提交到 git）",
                         "write to this file (default: out/minqing-YYYY-MM.<ext> in the repository; out/ is not committed)"),
    "help.compile.redact": ("脱敏：遮盖户主和家庭成员姓名、身份证号、手机号", "redact: mask the names of household heads and members, ID numbers and mobile numbers"),
    "help.compile.force": ("文件已存在时覆盖", "overwrite an existing file"),
    "help.compile.asof": ("按这一天统计未办结和逾期（默认这一期的最后一天）", "count open and overdue issues as of this date (default: the period's last day)"),
    # ---- help text (read before the app is built, so --help follows --lang) ----
    "help.app": (
        "民情日记工具：校验日记、查看诉求台账、每周考勤、一户一档、月度汇编。",
        "minqing: people's-condition diaries — validate records, track issues, weekly quotas, "
        "household archives and monthly volumes.",
    ),
    "help.repo": ("记录仓库目录（默认：当前目录，向上查找 minqing.yaml）", "records repository (default: the current folder, walking up to minqing.yaml)"),
    "help.lang": ("语言：zh 或 en（默认取 MINQING_LANG，再取系统语言，再取 zh）", "language: zh or en (default: MINQING_LANG, then the locale, then zh)"),
    "help.format": ("输出格式：{choices}", "output format: {choices}"),
    "help.issues": ("列出未办结的诉求，期限最早的在前；可按状态、逾期、记录人、村、农户、类别筛选。", "List the open issues, oldest due first; filter by status, overdue, author, village, household, category."),
    "help.issues.status": ("只看这些状态（可重复，或用逗号分隔）：open 待办、in-progress 办理中、escalated 已上报、resolved 已解决、explained 已解释",
                           "only these statuses (repeat, or comma-separated): open, in-progress, escalated, resolved, explained"),
    "help.issues.overdue": ("只看逾期的", "only overdue issues"),
    "help.issues.author": ("只看这位干部提出的", "only issues raised by this cadre"),
    "help.issues.village": ("只看这个村", "only this village"),
    "help.issues.household": ("只看这一户（编号或户主姓名）", "only this household (id or head's name)"),
    "help.issues.category": ("只看这个类别（代码或中文名）：{categories}", "only this category (code or Chinese name): {categories}"),
    "help.issues.asof": ("按这一天计算是否逾期（默认今天）", "compute overdue as of this date (default today)"),
    "help.issues.all": ("也列出已办结的", "include closed issues"),
    "help.quota": ("每位干部每周的日记篇数和未完成的周；有未完成时退出码为 1。", "Weekly counts and shortfalls per cadre; exit 1 on a shortfall."),
    "help.quota.from": ("起始日期（默认最早一篇日记，最多往前 52 周）", "from date (default: the first entry, at most 52 weeks back)"),
    "help.quota.to": ("截止日期（默认今天）", "to date (default: today)"),
    "help.quota.author": ("只看这位干部（可重复）", "only this cadre (repeatable)"),
    "help.household": ("一户一档：农户基本情况，以及涉及这一户的全部日记和诉求（按时间）。", "One household's archive: profile, then its entries and issues in time order."),
    "help.household.id": ("农户编号或户主姓名", "household id or head's name"),
    "help.log": ("一个记录文件的 git 历史，或一件诉求从提出到每次跟踪的过程。", "The git history of a record, or of an issue (raising entry and each update)."),
    "help.log.target": ("记录文件路径或诉求编号", "a record's path or an issue id"),
    "err.range": ("起始日期 {start} 晚于截止日期 {end}", "the start {start} is after the end {end}"),
    "err.range.long": ("时间跨度太长（{weeks} 周）。请用 --from 和 --to 限定在 10 年以内", "the range is too long ({weeks} weeks). Limit it with --from and --to to 10 years"),
    "log.reopened": ("（重办）", " (reopened)"),
    "err.nocadre": ("“{value}”不在干部名单里{suggest}。名单上有：{choices}", "'{value}' is not in the cadre roster{suggest}. The roster: {choices}"),
    "help.check": (
        "校验整个仓库，或只校验给出的文件（对照整个仓库）。有错误时退出码为 1。",
        "Validate the repository, or only the given files against the whole repository. Exit 1 on errors.",
    ),
    "help.check.paths": ("要校验的文件或目录", "files or folders to check"),
    "help.check.staged": ("校验已暂存（git add）的版本，而不是工作区文件", "check the staged versions (git index), not the working tree"),
    "help.nocache": ("不读也不写记录索引（.git/minqing/index.sqlite 或 .minqing-cache/），完整解析每个文件", "neither read nor write the records index (.git/minqing/index.sqlite or .minqing-cache/): parse every file"),
    "help.check.asof": ("把这一天当作今天（判断未来日期）", "treat this date as today (for future dates)"),
    "help.init": ("新建一个民情记录仓库：配置、目录、git init（不含示例）。", "Create a records repository: config, folders, git init (no examples)."),
    "help.init.dir": ("新仓库的目录（默认当前目录）", "folder of the new repository (default: the current folder)"),
    "help.new": ("用模板新建一篇日记，并用 $EDITOR 打开；打印文件路径。", "Write a new entry from the template, open it in $EDITOR, print its path."),
    "help.new.date": ("日期（默认今天），如 2024-03-17", "date (default today), e.g. 2024-03-17"),
    "help.new.author": ("记录人（默认按 git 用户在干部名单中查找）", "author (default: the cadre matching the git user)"),
    "help.new.household": ("农户编号或户主姓名，可重复", "household id or head's name; repeatable"),
    "help.new.category": ("类别代码或中文名：{categories}", "category code or Chinese name: {categories}"),
    "help.new.title": ("标题", "title"),
    "help.new.slug": ("文件名中的短名（默认取自标题）", "short name for the file (default: from the title)"),
    "help.new.village": ("村：minqing.yaml 的 villages 之一（默认取农户所在的村；只有一个村时可省略）",
                         "village: one of villages in minqing.yaml (default: the households' village; may be left out when there is one)"),
    "help.new.urgent": ("紧急事项", "an urgent matter"),
    "help.new.noedit": ("不打开编辑器", "do not open the editor"),
    "help.newhh": ("用模板新建一户档案（households/编号.md，一户一档），并用 $EDITOR 打开；打印文件路径。", "Write a new household file (households/ID.md) from the template, open it in $EDITOR, print its path."),
    "help.newhh.id": ("农户编号：字母、数字、- 和 _，如 qa-17", "household id: letters, digits, - and _, e.g. qa-17"),
    "help.newhh.head": ("户主姓名", "the head of household's name"),
    "err.household.badid": ("农户编号“{value}”只能由字母、数字、- 和 _ 组成", "the household id '{value}' may hold only letters, digits, - and _"),
    "err.exists.household": ("{path} 已存在，不会覆盖。请换一个编号", "{path} already exists and was not overwritten. Choose another id"),
    # ---- schema: JSON Schema descriptions (minqing schema) ----
    "schema.alias": ("（也可写作“{other}”）", " (also written '{other}')"),
    "schema.title.all": ("minqing 民情日记记录与配置", "minqing records and configuration"),
    "schema.about.all": (
        "日记前置信息、农户档案前置信息或 minqing.yaml，三者之一",
        "an entry's front matter, a household's front matter, or minqing.yaml",
    ),
    "schema.title.entry": ("民情日记前置信息", "minqing entry front matter"),
    "schema.about.entry": (
        "entries/ 下一篇日记的前置信息。字段可用中文或英文写，但同一字段不能两种都写。"
        "干部、村、农户是否存在，日期是否真实，由 minqing check 检查",
        "the front matter of an entry under entries/. Keys may be English or Chinese, not both for "
        "one key. Whether cadres, villages and households exist and dates are real days is left "
        "to minqing check",
    ),
    "schema.title.household": ("农户档案前置信息", "minqing household front matter"),
    "schema.about.household": (
        "households/<编号>.md 的前置信息（一户一档）",
        "the front matter of households/<id>.md (one file per household)",
    ),
    "schema.title.issue": ("诉求", "issue"),
    "schema.about.issue": ("本篇日记提出的一件诉求（问题）", "one issue raised by the entry"),
    "schema.title.update": ("跟踪", "update"),
    "schema.about.update": ("对以前一件诉求的跟踪", "a follow-up to an earlier issue"),
    "schema.title.config": ("minqing.yaml 配置", "minqing.yaml configuration"),
    "schema.about.config": (
        "民情记录仓库的配置：村、干部名单、考勤和办理期限",
        "the records repository's configuration: villages, cadre roster, quota and deadlines",
    ),
    "schema.type.text": ("文字", "text"),
    "schema.type.date": ("日期：2024-03-17 或 2024年3月17日", "a date: 2024-03-17 or 2024年3月17日"),
    "schema.type.list": ("列表，如 [qa-01, qa-02]，或每行一个“- ”", "a list, e.g. [qa-01, qa-02], or one '- ' item a line"),
    "schema.type.bool": ("是 / 否（true / false）", "true / false (是 / 否)"),
    "schema.type.int": ("正整数", "a positive whole number"),
    "schema.type.satisfaction": ("满意、基本满意或不满意", "满意, 基本满意 or 不满意"),
    "schema.entry.date": ("日记日期：2024-03-17 或 2024年3月17日", "date of the entry: 2024-03-17 or 2024年3月17日"),
    "schema.entry.author": ("记录人：minqing.yaml 干部名单（cadres）中的姓名", "author: a cadre's name from the roster (cadres in minqing.yaml)"),
    "schema.entry.village": (
        "村：minqing.yaml 中 villages 列出的村；只有一个村时可省略",
        "village: one listed under villages in minqing.yaml; may be left out when there is only one",
    ),
    "schema.entry.households": ("涉及的农户：农户编号（或唯一的户主姓名）的列表", "households concerned: a list of household ids (or unique heads' names)"),
    "schema.entry.category": (
        "类别：政策规定的类别代码或名称（简体、繁体均可）",
        "category: one of the policy's category codes or names (Simplified or Traditional)",
    ),
    "schema.entry.title": ("标题：一事一记，写明这件事", "title: one matter per record"),
    "schema.entry.urgent": ("紧急事项：是 / 否（true / false），默认否", "an urgent matter: true / false (是 / 否); default false"),
    "schema.entry.issues": ("本篇提出的诉求列表，每项至少有“摘要”", "issues raised by this entry; each needs a summary"),
    "schema.entry.updates": ("对以前诉求的跟踪列表，每项要有“问题”和“状态”（对已办结诉求的回访可不写状态）", "follow-ups to earlier issues; each needs issue and status (a follow-up visit on a closed issue may leave status out)"),
    "schema.entry.tags": ("标签列表", "a list of tags"),
    "schema.issue.id": ("诉求编号：不重复的文字；默认“文件名#序号”", "issue id: unique text; default '<file stem>#<n>'"),
    "schema.issue.summary": ("摘要：农户反映了什么、有什么困难", "summary: what the household asked for or suffers"),
    "schema.issue.category": ("类别：默认与日记相同", "category: defaults to the entry's"),
    "schema.issue.households": ("涉及的农户：默认与日记相同", "households: default to the entry's"),
    "schema.issue.status": (
        "状态：待办 open、办理中 in-progress、已上报 escalated、已解决 resolved、已解释 explained；默认待办",
        "status: open, in-progress, escalated, resolved or explained; default open",
    ),
    "schema.issue.due": ("办理期限（日期）；默认按紧急程度和类别计算", "deadline (a date); by default from urgency and category"),
    "schema.issue.escalated_to": (
        "上报给谁：镇领导、会议或部门（状态为已上报时必填）",
        "the township leader, meeting or department it went to (needed when escalated)",
    ),
    "schema.issue.result": (
        "办理结果，或不能办理的原因（已解决、已解释时必填）",
        "what was done, or why it cannot be done (needed when resolved or explained)",
    ),
    "schema.issue.feedback": (
        "何时、如何告知农户（已解决、已解释时必填）",
        "how and when the household was told (needed when resolved or explained)",
    ),
    "schema.issue.satisfaction": ("农户对结果的评价：满意、基本满意或不满意", "the household's verdict: 满意, 基本满意 or 不满意"),
    "schema.update.issue": ("跟踪的诉求编号", "the id of the issue followed up"),
    "schema.update.status": (
        "这次跟踪后的状态：待办、办理中、已上报、已解决、已解释",
        "the status after this update: open, in-progress, escalated, resolved, explained",
    ),
    "schema.update.note": ("进展说明", "progress note"),
    "schema.update.result": ("办理结果，或不能办理的原因（已解决、已解释时必填）", "what was done, or why it cannot be done (needed when resolved or explained)"),
    "schema.update.feedback": ("何时、如何告知农户（已解决、已解释时必填）", "how and when the household was told (needed when resolved or explained)"),
    "schema.update.satisfaction": ("农户对结果的评价：满意、基本满意或不满意", "the household's verdict: 满意, 基本满意 or 不满意"),
    "schema.update.escalated_to": ("上报给谁（状态为已上报时必填）", "where it went (needed when escalated)"),
    "schema.update.due": ("新的办理期限（日期）", "a new deadline (a date)"),
    "schema.household.id": ("农户编号：与文件名相同，只用字母、数字、- 和 _", "household id: equals the file name; letters, digits, - and _"),
    "schema.household.head": ("户主姓名", "name of the head of household"),
    "schema.household.village": (
        "村：minqing.yaml 中 villages 列出的村；只有一个村时可省略",
        "village: one listed under villages in minqing.yaml; may be left out when there is only one",
    ),
    "schema.household.group": ("村民小组", "villagers' group"),
    "schema.household.members": ("家庭人口（正整数）", "members of the household (a positive whole number)"),
    "schema.household.phone": ("联系电话：手机或固定电话", "phone: a mainland mobile or landline number"),
    "schema.household.cadre": ("联系干部：干部名单中的姓名", "contact cadre: a name from the roster"),
    "schema.household.tags": (
        "标签，如 建档立卡贫困户、低保户、五保户、留守儿童、空巢老人、残疾、重点户、专业户",
        "tags, e.g. 建档立卡贫困户, 低保户, 五保户, 留守儿童, 空巢老人, 残疾, 重点户, 专业户",
    ),
    "schema.household.causes": ("致贫原因列表，如 因病、因残、因学、缺劳力、缺技术、缺资金", "causes of poverty, e.g. 因病, 因残, 因学, 缺劳力, 缺技术, 缺资金"),
    "schema.config.name": ("记录库名称，用作汇编成册的标题", "name of the records, the title of compilations"),
    "schema.config.township": ("乡镇", "township"),
    "schema.config.villages": ("村名列表，至少一个", "the villages, at least one"),
    "schema.config.cadres": ("干部名单：每位记日记的干部一项", "the cadre roster: one item per cadre who keeps a diary"),
    "schema.config.cadre.name": ("干部姓名（日记的“记录人”）", "the cadre's name (an entry's author)"),
    "schema.config.cadre.role": ("职务，如 镇干部、驻村第一书记", "role, e.g. 镇干部, 驻村第一书记"),
    "schema.config.cadre.email": ("邮箱（可选）：用来核对 git 提交者", "email (optional): matched against git authors"),
    "schema.config.cadre.start": ("开始日期（可选）：从这一周起计入考勤", "start (optional): the quota starts this week"),
    "schema.config.cadre.end": ("结束日期（可选），如调离", "end (optional), e.g. when transferred"),
    "schema.config.cadre.leave": ("请假（可选）：每项有 from、to、reason", "leave (optional): items with from, to, reason"),
    "schema.config.leave.from": ("请假开始日期", "first day of leave"),
    "schema.config.leave.to": ("请假结束日期（含当天）", "last day of leave (inclusive)"),
    "schema.config.leave.reason": ("请假原因，如 病假", "reason, e.g. 病假"),
    "schema.config.quota": ("考勤要求", "the weekly quota"),
    "schema.config.per_week": ("每人每周至少几篇日记，默认 1", "entries per cadre per week, default 1"),
    "schema.config.grace_days": (
        "补记宽限天数：日记在日期后这么多天内首次提交才计入当周，默认 7",
        "grace days: an entry counts for its week only if first committed within this many days, default 7",
    ),
    "schema.config.exempt_weeks": ("免记的 ISO 周，如 2024-W06（春节）", "exempt ISO weeks, e.g. 2024-W06 (Spring Festival)"),
    "schema.config.deadlines": ("办理期限", "deadlines for issues"),
    "schema.config.normal_days": ("一般诉求的办理天数，默认 30", "days for an ordinary issue, default 30"),
    "schema.config.urgent_days": ("紧急事项的办理天数，默认 3", "days for an urgent matter, default 3"),
    "schema.config.by_category": ("按类别设定的办理天数，如 {{disputes: 15}}", "days per category, e.g. {{disputes: 15}}"),
    "schema.config.days": ("天数", "days"),
    "schema.config.working_days": (
        "是否按法定工作日计算期限（含节假日和调休），默认否",
        "count official working days (holidays and make-up days), default false",
    ),
    "schema.config.min_body_chars": ("正文最少字数（汉字每字计 1），默认 50", "least characters in a body (CJK counted one each), default 50"),
    "schema.badkind": ("不支持的种类“{value}”，可用：{choices}", "unsupported kind '{value}': choose {choices}"),
    "schema.exists": ("{path} 已存在，不会覆盖。要覆盖请加 --force", "{path} already exists and was not overwritten. Add --force to replace it"),
    "schema.nofolder": ("目录 {path} 不存在", "the folder {path} does not exist"),
    "schema.written": ("已写入 {path}", "written: {path}"),
    # ---- hooks: git pre-commit hook (minqing hooks) ----
    "hooks.notgit": (
        "{root} 不是 git 仓库，无法安装提交前检查。请先运行 git init",
        "{root} is not a git repository: no hook can be installed. Run git init first",
    ),
    "hooks.foreign": (
        "{path} 已有别的程序的 pre-commit 钩子，不会覆盖。请改用 pre-commit 框架（见 docs/deploying.md），"
        "或加 --force（原钩子会改名保存为 .bak）",
        "{path} holds another program's pre-commit hook and was not overwritten. Use the pre-commit "
        "framework (see docs/deploying.md), or add --force (the old hook is kept as .bak)",
    ),
    "hooks.notours": (
        "{path} 不是 minqing 安装的钩子，没有删除",
        "{path} is not minqing's hook; it was not removed",
    ),
    "hooks.installed": (
        "已安装提交前检查：{path}。以后每次 git commit 都会先运行 minqing check --staged，有错误时不能提交",
        "installed the pre-commit hook {path}: every git commit now runs minqing check --staged first "
        "and stops on errors",
    ),
    "hooks.updated": ("已更新 minqing 的提交前检查：{path}", "updated minqing's pre-commit hook {path}"),
    "hooks.backup": ("原来的钩子已改名保存为 {path}", "the previous hook was kept as {path}"),
    "hooks.removed": ("已删除 minqing 的提交前检查：{path}", "removed minqing's pre-commit hook {path}"),
    "hooks.none": ("没有安装 minqing 的提交前检查，无需删除", "minqing's pre-commit hook is not installed; nothing to remove"),
    "help.schema": (
        "输出 JSON Schema（draft 2020-12）：日记、农户档案的前置信息和 minqing.yaml，供编辑器和其他工具校验。",
        "Print JSON Schema (draft 2020-12) for entry and household front matter and minqing.yaml, for "
        "editors and other tools.",
    ),
    "help.schema.kind": ("哪一种：entry、household、review、config 或 all", "which: entry, household, review, config or all"),
    "help.schema.out": ("写入这个文件（默认：在记录仓库里的终端上写到 out/minqing.<种类>.schema.json，否则输出到屏幕）",
                        "write to this file (default: out/minqing.<kind>.schema.json when run at a terminal inside a records repository, else standard output)"),
    "help.schema.force": ("文件已存在时覆盖", "overwrite an existing file"),
    "help.hooks": ("git 提交前检查：每次提交前运行 minqing check --staged。", "git pre-commit hook: run minqing check --staged before each commit."),
    "help.hooks.install": (
        "在 .git/hooks/pre-commit 安装提交前检查（不覆盖别的程序的钩子）。",
        "Install the pre-commit hook in .git/hooks/pre-commit (another program's hook is left alone).",
    ),
    "help.hooks.uninstall": ("删除 minqing 安装的提交前检查。", "Remove minqing's pre-commit hook."),
    "help.hooks.force": ("已有别的钩子时改名保存它，再安装", "keep another program's hook under a new name and install"),
}



def _merge_fragments() -> None:
    """Add the per-area catalog fragments (minqing/messages/*.py); a key defined twice is an error."""
    from .messages import collect

    for key, value in collect().items():
        if key in CATALOG:
            raise AssertionError(f"catalog key {key!r} defined twice")
        CATALOG[key] = value


_merge_fragments()

def normalize_lang(value: str | None) -> str | None:
    """'zh_CN.UTF-8' -> 'zh', 'en' -> 'en'; None for anything that names no supported language."""
    if not value:
        return None
    v = value.strip().lower().replace("-", "_")
    for lang in LANGS:
        if v == lang or v.startswith(lang + "_") or v.startswith(lang + "."):
            return lang
    return None


def detect_lang(explicit: str | None = None) -> str:
    """--lang, then MINQING_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG), then zh."""
    for value in (explicit, os.environ.get("MINQING_LANG")):
        lang = normalize_lang(value)
        if lang:
            return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return normalize_lang(value) or "zh"
    return "zh"


def lang_from_argv(argv: Sequence[str]) -> str:
    """Read --lang from the command line before the app is built, so help text is in that language."""
    explicit = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    return detect_lang(explicit)


REF = "§ref"  # a parameter value ("§ref", key) names another catalog sentence; user text never is a tuple


def ref(key: str) -> tuple[str, str]:
    """A parameter that is itself a catalog sentence, translated when the message is printed."""
    return (REF, key)


def resolve(params: dict[str, object], lang: str) -> dict[str, object]:
    """Parameters with catalog references translated (each may use the other parameters)."""
    out = dict(params)
    for name, value in params.items():
        if isinstance(value, (tuple, list)) and len(value) == 2 and value[0] == REF:
            out[name] = t(str(value[1]), lang, **{k: v for k, v in params.items() if not isinstance(v, (tuple, list))})
    return out


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str, /, **params: object) -> str:
    """The sentence `key` in `lang`, with its placeholders filled; unknown placeholders stay visible."""
    zh, en = CATALOG[key]
    text = en if lang == "en" else zh
    return text.format_map(_Safe(params))  # as string.Formatter().vformat, without its Python-level parse


def placeholders(text: str) -> set[str]:
    """The placeholder names in one catalog sentence (used by the catalog's own test)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
