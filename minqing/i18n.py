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
        "文件含有空字节（NUL），看起来是 {encoding} 或二进制文件，不是 UTF-8 文本。请另存为 UTF-8 文本",
        "the file contains NUL bytes: it looks like {encoding} or a binary file, not UTF-8 text. "
        "Re-save it as UTF-8 text",
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
        "the required field '{key}' ({other}) is missing. Add it",
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
        "未知类别“{value}”。请用政策规定的类别代码或中文名称{suggest}",
        "unknown category '{value}'. Use one of the policy's category codes or names{suggest}",
    ),
    "MQ107": (
        "“{value}”不在 minqing.yaml 的干部名单（cadres）里。请改正姓名，或把此人加入名单{suggest}",
        "'{value}' is not in the cadre roster (cadres in minqing.yaml). Fix the name or add the "
        "cadre to the roster{suggest}",
    ),
    "MQ108": (
        "未知的村“{value}”。请使用 minqing.yaml 中 villages 列出的村名{suggest}",
        "unknown village '{value}'. Use a village listed under villages in minqing.yaml{suggest}",
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
    "MQ008.unreadable": (
        "无法读取文件：{problem}",
        "cannot read the file: {problem}",
    ),
    # ---- pieces ----
    "did_you_mean": ("（是不是“{value}”？）", " (did you mean '{value}'?)"),
    "type.date": ("日期", "a date"),
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
    "char.invisible": ("看不见的字符 {name}", "an invisible character {name}"),
    "fix.colon": ("英文冒号“: ”（冒号后加一个空格）", "an ASCII colon ': ' (a space after it)"),
    "fix.comma": ("英文逗号“, ”", "an ASCII comma ', '"),
    "fix.space": ("两个英文空格", "two ASCII spaces"),
    "fix.invisible": ("删除它（可用编辑器的“显示不可见字符”功能找到）", "nothing: delete it (show invisible characters in your editor)"),
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
    "note.nogit": ("提示：{root} 不是 git 仓库，跳过基于 git 的检查。", "note: {root} is not a git repository; git-based checks skipped."),
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
    "err.badcategory": ("未知类别“{value}”{suggest}", "unknown category '{value}'{suggest}"),
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
    "err.household.unknown": ("找不到农户“{value}”{suggest}", "no household '{value}'{suggest}"),
    "err.household.ambiguous": ("户主“{value}”对应多户：{matches}。请用农户编号", "the head '{value}' matches several households: {matches}. Use the id"),
    "err.badstatus": ("未知状态“{value}”", "unknown status '{value}'"),
    "err.log.unknown": ("“{value}”既不是仓库里的记录文件，也不是诉求编号", "'{value}' is neither a record file nor an issue id"),
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
    "overdue.days": ("逾期 {days} 天", "{days} days overdue"),
    "quota.title": ("每周民情日记（{start} 至 {end}，每周不少于 {per_week} 篇）", "Weekly diaries {start} to {end} (at least {per_week} a week)"),
    "quota.legend": ("✓ 完成　✗ 未完成　迟 只有补记　· 不考核", "✓ met  ✗ short  L late only  · not required"),
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
    "help.issues.status": ("只看这些状态（可重复，或用逗号分隔）", "only these statuses (repeat, or comma-separated)"),
    "help.issues.overdue": ("只看逾期的", "only overdue issues"),
    "help.issues.author": ("只看这位干部提出的", "only issues raised by this cadre"),
    "help.issues.village": ("只看这个村", "only this village"),
    "help.issues.household": ("只看这一户（编号或户主姓名）", "only this household (id or head's name)"),
    "help.issues.category": ("只看这个类别", "only this category"),
    "help.issues.asof": ("按这一天计算是否逾期（默认今天）", "compute overdue as of this date (default today)"),
    "help.issues.all": ("也列出已办结的", "include closed issues"),
    "help.quota": ("每位干部每周的日记篇数和未完成的周；有未完成时退出码为 1。", "Weekly counts and shortfalls per cadre; exit 1 on a shortfall."),
    "help.quota.from": ("起始日期（默认最早一篇日记）", "from date (default: the first entry)"),
    "help.quota.to": ("截止日期（默认今天）", "to date (default: today)"),
    "help.quota.author": ("只看这位干部（可重复）", "only this cadre (repeatable)"),
    "help.household": ("一户一档：农户基本情况，以及涉及这一户的全部日记和诉求（按时间）。", "One household's archive: profile, then its entries and issues in time order."),
    "help.household.id": ("农户编号或户主姓名", "household id or head's name"),
    "help.log": ("一个记录文件的 git 历史，或一件诉求从提出到每次跟踪的过程。", "The git history of a record, or of an issue (raising entry and each update)."),
    "help.log.target": ("记录文件路径或诉求编号", "a record's path or an issue id"),
    "err.nocadre": ("“{value}”不在干部名单里", "'{value}' is not in the cadre roster"),
    "help.check": (
        "校验整个仓库，或只校验给出的文件（对照整个仓库）。有错误时退出码为 1。",
        "Validate the repository, or only the given files against the whole repository. Exit 1 on errors.",
    ),
    "help.check.paths": ("要校验的文件或目录", "files or folders to check"),
    "help.check.staged": ("校验已暂存（git add）的版本，而不是工作区文件", "check the staged versions (git index), not the working tree"),
    "help.check.asof": ("把这一天当作今天（判断未来日期）", "treat this date as today (for future dates)"),
    "help.init": ("新建一个民情记录仓库：配置、目录、git init（不含示例）。", "Create a records repository: config, folders, git init (no examples)."),
    "help.init.dir": ("新仓库的目录（默认当前目录）", "folder of the new repository (default: the current folder)"),
    "help.new": ("用模板新建一篇日记，并用 $EDITOR 打开；打印文件路径。", "Write a new entry from the template, open it in $EDITOR, print its path."),
    "help.new.date": ("日期（默认今天），如 2024-03-17", "date (default today), e.g. 2024-03-17"),
    "help.new.author": ("记录人（默认按 git 用户在干部名单中查找）", "author (default: the cadre matching the git user)"),
    "help.new.household": ("农户编号或户主姓名，可重复", "household id or head's name; repeatable"),
    "help.new.category": ("类别代码或名称，如 livelihood 或 群众关注的热点难点", "category code or name, e.g. livelihood"),
    "help.new.title": ("标题", "title"),
    "help.new.slug": ("文件名中的短名（默认取自标题）", "short name for the file (default: from the title)"),
    "help.new.village": ("村（只有一个村时可省略）", "village (may be left out when there is one)"),
    "help.new.urgent": ("紧急事项", "an urgent matter"),
    "help.new.noedit": ("不打开编辑器", "do not open the editor"),
}


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


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str, /, **params: object) -> str:
    """The sentence `key` in `lang`, with its placeholders filled; unknown placeholders stay visible."""
    zh, en = CATALOG[key]
    text = en if lang == "en" else zh
    return string.Formatter().vformat(text, (), _Safe({k: v for k, v in params.items()}))


def placeholders(text: str) -> set[str]:
    """The placeholder names in one catalog sentence (used by the catalog's own test)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
