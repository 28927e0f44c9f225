"""Messages of supervision (审阅、督办、协办、回访、考评): config, checks MQ120–MQ125, orders, score, review."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    # ---- config ----
    "cfg.dupsupervisor": ("审阅人“{value}”在 supervisors 里出现了两次", "the supervisor '{value}' is listed twice"),
    "cfg.dupdepartment": ("部门“{value}”在 departments 里出现了两次", "the department '{value}' is listed twice"),
    "cfg.badgrade": (
        "review.grades 中等级“{value}”的分值应为整数（-100 到 100），如 优: 4",
        "the grade '{value}' in review.grades needs whole points (-100 to 100), e.g. 优: 4",
    ),
    "cfg.nogrades": (
        "review.grades 不能为空：请列出等级和分值，如 {{优: 4, 良: 3, 中: 2, 差: 0}}",
        "review.grades is empty: list grades and their points, e.g. {{优: 4, 良: 3, 中: 2, 差: 0}}",
    ),
    "cfg.badweight": (
        "score.weights 中没有“{value}”这一项{suggest}。可用的有：{choices}",
        "score.weights has no figure '{value}'{suggest}. Use one of: {choices}",
    ),
    "type.number": ("数字（如 2、-1 或 0.5）", "a number (e.g. 2, -1 or 0.5)"),
}
CATALOG.update({
    # ---- diagnostics ----
    "MQ101.followup": (
        "这条跟踪没有写状态（{key} / {other}），而问题“{value}”在这一天还没有办结。只有对已办结问题的回访可以不写状态；请补上状态",
        "this update has no status ({other} / {key}) while the issue '{value}' is still open on its date. Only a "
        "follow-up visit (回访) on a closed issue may leave it out; add the status",
    ),
    "MQ116.review": (
        "审阅文件名应以日期 {expected} 开头，并放在 reviews/{folder}/ 下。请改名或移动文件",
        "the review file's name should start with the date {expected} and sit in reviews/{folder}/. "
        "Rename or move the file",
    ),
    "MQ120": (
        "审阅的日记“{value}”不存在。请写日记的路径（如 entries/2024/05/2024-05-02-xxx.md）或文件名{suggest}",
        "the reviewed entry '{value}' does not exist. Give the entry's path (e.g. "
        "entries/2024/05/2024-05-02-xxx.md) or its file name{suggest}",
    ),
    "MQ121": (
        "审阅人“{value}”不在 minqing.yaml 的审阅人名单（supervisors）里，这份审阅不计入。请改正姓名，或把此人加入名单{suggest}",
        "the reviewer '{value}' is not among the supervisors in minqing.yaml; this review does not count. "
        "Fix the name or add the supervisor{suggest}",
    ),
    "MQ122": (
        "等级“{value}”不在 review.grades 里。请用：{choices}{suggest}",
        "the grade '{value}' is not in review.grades. Use one of: {choices}{suggest}",
    ),
    "MQ123": (
        "督办的问题“{value}”不存在，这条督办不计入。请写已有诉求的编号{suggest}",
        "the order is on an unknown issue '{value}' and does not count. Use the id of an existing issue{suggest}",
    ),
    "MQ123.nodue": (
        "对问题“{value}”的督办没有期限，不计入。请写明办结期限，如 期限: 2024-06-15",
        "the order on '{value}' has no due date, so it does not count. Add one, e.g. due: 2024-06-15",
    ),
    "MQ124": (
        "“{value}”既不是干部名单（cadres）里的干部，也不是部门（departments）。请改正名称，或加入 minqing.yaml{suggest}",
        "'{value}' is neither a cadre in the roster nor a department in minqing.yaml. Fix the name or add "
        "it{suggest}",
    ),
    "MQ124.nodepartments": (
        "“{value}”不是干部名单里的干部。若是部门，请在 minqing.yaml 的 departments 里列出{suggest}",
        "'{value}' is not a cadre in the roster. If it is a department, list it under departments in "
        "minqing.yaml{suggest}",
    ),
    "MQ125": (
        "审阅日期 {date} 早于所审日记“{value}”的日期 {other}。请检查日期或日记路径",
        "the review is dated {date}, before the entry '{value}' it grades ({other}). Check the date or the path",
    ),
    "MQ125.order": (
        "督办日期 {date} 早于问题“{value}”提出的日期 {other}。请检查日期或问题编号",
        "the order is dated {date}, before the issue '{value}' was raised ({other}). Check the date or the id",
    ),
    "MQ301.review": (
        "提交者 {git_author} 与审阅人 {value} 的邮箱 {email} 不符。审阅应由本人提交，或核对 supervisors 中的邮箱",
        "committed by {git_author}, not matching the reviewer {value}'s email {email}. Let the supervisor "
        "commit, or check the email under supervisors",
    ),
})
CATALOG.update({
    # ---- issues: owner, co-handlers, order ----
    "col.owner": ("承办人", "Owner"),
    "col.assist": ("协办", "Co-handlers"),
    "col.order": ("督办", "Order"),
    "col.order_to": ("督办承办", "Order to"),
    "col.order_due": ("督办期限", "Order due"),
    "col.order_state": ("督办状态", "Order state"),
    "order.state.met": ("按期办结", "met"),
    "order.state.late": ("逾期办结", "late"),
    "order.state.overdue": ("逾期未办", "overdue"),
    "order.state.pending": ("办理中", "pending"),
    "help.issues.owner": ("只列这位承办人（转办后的当前承办人）的诉求", "only issues this cadre owns now (after handovers)"),
})
CATALOG.update({
    # ---- orders ----
    "help.orders": (
        "督办事项及其状态（按期办结、逾期办结、逾期未办、办理中）。有逾期未办的督办时退出码为 1。",
        "Supervision orders and their states (met, late, overdue, pending). Exits 1 when an order is overdue.",
    ),
    "help.orders.to": ("只列交给这位干部或这个部门的督办（名称须完全一致）", "only orders to this cadre or department (exact name)"),
    "help.orders.state": (
        "只列这种状态：met、late、overdue、pending（可多次给出，或用逗号分隔）",
        "only this state: met, late, overdue, pending (repeat or separate with commas)",
    ),
    "orders.badstate": ("未知的督办状态“{value}”。请用：{choices}", "unknown order state '{value}'. Use one of: {choices}"),
    "orders.none": ("截至 {as_of} 没有符合条件的督办", "no orders match as of {as_of}"),
    "orders.title": ("督办事项（截至 {as_of}，共 {count} 件）", "Supervision orders as of {as_of} ({count})"),
    "orders.summary": (
        "按期办结 {met}，逾期办结 {late}，逾期未办 {overdue}，办理中 {pending}",
        "met {met}, late {late}, overdue {overdue}, pending {pending}",
    ),
    "orders.col.issue": ("问题", "Issue"),
    "orders.col.to": ("承办人", "To"),
    "orders.col.due": ("期限", "Due"),
    "orders.col.state": ("状态", "State"),
    "orders.col.ordered": ("督办日期", "Ordered"),
    "orders.col.reviewer": ("督办人", "Reviewer"),
    "orders.col.review": ("审阅文件", "Review"),
    "orders.col.request": ("要求", "Request"),
    # ---- score ----
    "help.score": (
        "考评：每位干部在 --from 至 --to 期间的记录、办结、满意度、审阅等级和督办情况，按得分排名。",
        "考评 (assessment): each cadre's diaries, closings, satisfaction, review grades and orders over "
        "--from..--to, ranked by points.",
    ),
    "help.score.from": ("起始日期（默认 --to 所在月的 1 日）", "first day (default: the first of --to's month)"),
    "help.score.to": ("截止日期（默认今天）；一切按这一天的情况计算", "last day (default: today); everything as of this day"),
    "help.score.out": (
        "写成可打印的考评表：FILE.html 或 FILE.pdf（给文件夹时文件名为 考评-起-止.html；工作区：每个成员一张，"
        "放在 文件夹/成员/ 下）",
        "write a printable score sheet: FILE.html or FILE.pdf (in a folder: 考评-FROM-TO.html; a workspace: one "
        "sheet per member, in FOLDER/MEMBER/)",
    ),
    "help.score.format": (
        "格式：table、text、json、csv；html 或 pdf 写成可打印的考评表（默认放在仓库的 out/ 文件夹）",
        "format: table, text, json, csv; html or pdf writes a printable score sheet (by default into the "
        "repository's out/ folder)",
    ),
    "help.score.force": ("文件已存在时覆盖", "overwrite an existing file"),
    "score.badout": ("考评表只能写成 .html 或 .pdf：{path}", "the score sheet is written as .html or .pdf, not {path}"),
    "score.title": ("考评（{start} 至 {end}）", "Assessment {start} to {end}"),
    "score.weights": ("得分 = {weights}", "points = {weights}"),
    "score.legend": (
        "记录周：达标周/应记周；办结：按期/办结；满意：满意/评价；督办：逾期/督办；等级分：所得等级的平均分",
        "weeks: met/required; closed: on time/closed; satisfied: satisfied/rated; orders: overdue/orders; "
        "grades: the mean points of the grades received",
    ),
    "score.head.rank": ("名次", "Rank"),
    "score.head.name": ("干部", "Cadre"),
    "score.head.weeks": ("记录周", "Weeks"),
    "score.head.entries": ("篇数", "Entries"),
    "score.head.late": ("补记", "Late"),
    "score.head.raised": ("提出", "Raised"),
    "score.head.closed": ("办结", "Closed"),
    "score.head.satisfaction": ("满意", "Satisfied"),
    "score.head.reviews": ("审阅", "Reviews"),
    "score.head.grade_points": ("等级分", "Grades"),
    "score.head.orders": ("督办", "Orders"),
    "score.head.points": ("得分", "Points"),
    "score.col.rank": ("名次", "rank"),
    "score.col.name": ("干部", "name"),
    "score.col.weeks_required": ("应记周数", "weeks_required"),
    "score.col.weeks_met": ("达标周数", "weeks_met"),
    "score.col.entries": ("日记篇数", "entries"),
    "score.col.late": ("补记篇数", "late"),
    "score.col.raised": ("提出诉求", "raised"),
    "score.col.closed": ("办结", "closed"),
    "score.col.closed_on_time": ("按期办结", "closed_on_time"),
    "score.col.satisfied": ("满意", "satisfied"),
    "score.col.rated": ("已评价", "rated"),
    "score.col.reviews": ("被审阅", "reviews"),
    "score.col.grade_points": ("等级平均分", "grade_points"),
    "score.col.orders": ("督办", "orders"),
    "score.col.orders_overdue": ("督办逾期", "orders_overdue"),
    "score.col.points": ("得分", "points"),
    "score.sheet.title": ("{name} 干部考评表", "{name}: cadres' assessment"),
    "score.sheet.period": ("考评期间：{start} 至 {end}", "Period: {start} to {end}"),
    "score.sheet.signature": ("审核人（签字）：", "Checked by (signature):"),
    "score.sheet.made": ("制表日期：{date}", "Made on {date}"),
    # ---- review ----
    "help.review": (
        "为审阅人写一份审阅文件：列出期间内尚未审阅的每篇日记（标题、记录人、日期写在注释里），填好等级和意见后提交。",
        "Write a review file for a supervisor: every entry of the period not yet reviewed, with its title, "
        "author and date as a comment, for grades and comments to be filled in and committed.",
    ),
    "help.review.reviewer": ("审阅人（minqing.yaml 中 supervisors 里的姓名）", "the reviewer (a name under supervisors in minqing.yaml)"),
    "help.review.from": ("从这一天的日记起（默认 --to 前 6 天，即最近一周）", "entries from this day (default: 6 days before --to, the last week)"),
    "help.review.to": ("到这一天的日记止（默认今天）", "entries up to this day (default: today)"),
    "help.review.date": ("审阅日期，也是文件名的日期（默认今天）", "the review's date, also in the file name (default: today)"),
    "help.review.force": ("同名审阅文件已存在时覆盖", "overwrite a review file of the same name"),
    "review.nosupervisor": (
        "“{value}”不在 minqing.yaml 的审阅人名单（supervisors）里{suggest}。名单：{choices}",
        "'{value}' is not among the supervisors in minqing.yaml{suggest}. They are: {choices}",
    ),
    "review.exists": (
        "{path} 已存在，不会覆盖。请用 --slug 另起文件名，或加 --force 覆盖",
        "{path} already exists and was not overwritten. Choose another name with --slug, or add --force",
    ),
    "review.outside": ("{path} 指向仓库之外，不写入", "{path} leads outside the repository; nothing was written"),
    "review.written": (
        "列出 {start} 至 {end} 尚未审阅的日记 {count} 篇",
        "listed {count} entries of {start} to {end} not yet reviewed",
    ),
})
CATALOG.update({
    # ---- JSON Schema ----
    "schema.title.review": ("审阅文件前置信息", "minqing review front matter"),
    "schema.about.review": (
        "reviews/ 下的一份审阅：审阅人对日记的等级和意见，以及督办事项；正文是审阅意见",
        "a review under reviews/: a supervisor's grades and comments on entries, and supervision orders; the "
        "body holds the general remarks",
    ),
    "schema.title.grade": ("审阅项", "review item"),
    "schema.about.grade": ("对一篇日记的等级和意见", "the grade and comment on one entry"),
    "schema.title.order": ("督办", "supervision order"),
    "schema.about.order": ("对一件诉求的督办：承办人、期限和要求", "an order on one issue: to whom, by when, what"),
    "schema.review.date": ("审阅日期", "date of the review"),
    "schema.review.reviewer": ("审阅人：minqing.yaml 审阅人名单（supervisors）中的姓名", "reviewer: a name under supervisors in minqing.yaml"),
    "schema.review.reviews": ("审阅项列表，每项有“日记”，以及“等级”“意见”", "review items, each with entry, and grade and comment"),
    "schema.review.orders": ("督办列表，每项有“问题”和“期限”", "supervision orders, each with issue and due"),
    "schema.grade.entry": ("所审日记：日记文件的路径或文件名", "the entry reviewed: its path or file stem"),
    "schema.grade.grade": ("等级：review.grades 中的一项，默认 优、良、中、差", "grade: one of review.grades, by default 优, 良, 中, 差"),
    "schema.grade.comment": ("审阅意见", "comment"),
    "schema.order.issue": ("督办的诉求编号", "the id of the issue ordered"),
    "schema.order.to": ("承办人：干部或部门", "to: a cadre or a department"),
    "schema.order.due": ("督办期限（日期）", "due date of the order"),
    "schema.order.request": ("督办要求", "what is asked"),
    "schema.issue.owner": ("承办人：负责办理的干部，默认记录人", "owner: the cadre responsible; default the entry's author"),
    "schema.issue.assist": ("协办：协助办理的干部或部门列表", "co-handlers: a list of cadres or departments that help"),
    "schema.update.owner": ("新的承办人（转办）", "a new owner (handover, 转办)"),
    "schema.update.assist": ("新的协办列表（替换以前的）", "a new list of co-handlers (replaces the earlier one)"),
    "schema.update.reply": ("上报部门或领导的答复", "the answer of the department or leader it was escalated to"),
    "schema.config.supervisors": ("审阅人名单：审阅日记、下达督办的人，不计周记录任务", "supervisors: who review diaries and give orders; no weekly quota"),
    "schema.config.supervisor.name": ("审阅人姓名（审阅文件的“审阅人”）", "the supervisor's name (a review's reviewer)"),
    "schema.config.supervisor.email": ("邮箱（可选）：用来核对审阅文件的 git 提交者", "email (optional): matched against the git author of reviews"),
    "schema.config.departments": ("部门列表：可作上报、督办承办和协办单位", "departments: escalation targets, order recipients and co-handlers"),
    "schema.config.review": ("审阅设置", "review settings"),
    "schema.config.grades": ("等级和分值，默认 {{优: 4, 良: 3, 中: 2, 差: 0}}", "grades and their points, default {{优: 4, 良: 3, 中: 2, 差: 0}}"),
    "schema.config.score": ("考评设置", "assessment (考评) settings"),
    "schema.config.weights": (
        "考评权重：得分 = Σ 权重 × 指标；写了就替换默认值 {{weeks_met: 1, late: -1, closed_on_time: 2, orders_overdue: -3, grade_points: 1}}",
        "weights: points = Σ weight × figure; given weights replace the defaults {{weeks_met: 1, late: -1, "
        "closed_on_time: 2, orders_overdue: -3, grade_points: 1}}",
    ),
})
