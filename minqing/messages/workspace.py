"""Messages of workspaces (a township's or county's folder naming member repositories)."""

CATALOG = {
    "ws.notmapping": ("工作区配置应是“字段: 值”的映射", "a workspace config must be a mapping of key: value"),
    "ws.notinherited": (
        "工作区的 minqing.yaml 只能写 name、township/county 和 members；“{key}”不会传给成员仓库，请写在每个成员自己的 minqing.yaml 里",
        "a workspace's minqing.yaml holds only name, township/county and members; '{key}' is not inherited; set it in each member's own minqing.yaml",
    ),
    "ws.nomembers": ("members 应是非空的列表，列出各村（或各乡镇）仓库的路径", "members must be a non-empty list of member repository paths"),
    "ws.badmember": ("members 的每一项应是一个路径", "each item of members must be a path"),
    "ws.url": (
        "成员“{value}”是 git 地址，不是本机路径。请先 git clone 到本机，再写克隆后的文件夹路径",
        "the member '{value}' is a git URL, not a folder. git clone it first and name the folder",
    ),
    "ws.dupname": (
        "两个成员同名“{name}”（{first} 和 {second}）：成员以文件夹名区分，请改名其中一个文件夹",
        "two members are named '{name}' ({first} and {second}): members are told apart by folder name; rename one folder",
    ),
    "ws.cycle": ("工作区成员形成循环：{chain}。请从 members 中去掉造成循环的一项", "the workspace members form a cycle: {chain}. Remove the member that closes it"),
    "ws.twice": (
        "同一个仓库被引用了两次：{first} 和 {second}。每个仓库在工作区中只能出现一次",
        "one repository is reached twice: {first} and {second}. Each repository may appear once in a workspace",
    ),
    "MQ008.member.missing": (
        "成员“{member}”不存在。请检查路径（相对于这个 minqing.yaml 所在文件夹），或从 members 中删去",
        "the member '{member}' does not exist. Check the path (relative to this minqing.yaml's folder) or remove it from members",
    ),
    "MQ008.member.noconfig": (
        "成员“{member}”不是民情记录仓库（其中没有 minqing.yaml）",
        "the member '{member}' is not a records repository (it has no minqing.yaml)",
    ),
    "MQ008.member.config": (
        "成员“{member}”的配置无法读取，该成员未检查：{problem}",
        "the member '{member}' has a config that cannot be read; it was not read: {problem}",
    ),
    "ws.outside": ("{path} 不在工作区 {root} 的任何成员仓库之内", "{path} is inside none of the members of the workspace {root}"),
    "ws.note.notgit": ("提示：{repo} 不是 git 仓库，--staged 跳过它。", "note: {repo} is not a git repository; --staged skips it."),
    "ws.note.nogit": (
        "提示：{count} 个成员不是 git 仓库的根目录，跳过基于 git 的检查：{repos}",
        "note: {count} members are not the top of a git repository; git-based checks skipped: {repos}",
    ),
    "ws.score.folder": (
        "工作区上每个成员一张考评表（各村的干部和权重各不相同）：--out 请给一个文件夹，不是 {path}",
        "a workspace gets one score sheet per member (each with its own cadres and weights): give --out a folder, not {path}",
    ),
    "ws.col.repo": ("仓库", "repo"),
    "ws.household.ambiguous": (
        "“{value}”在多个成员中都有：{matches}。请写成 仓库/编号",
        "'{value}' is found in several members: {matches}. Write it as REPO/ID",
    ),
    "ws.household.unknown": (
        "工作区中没有农户“{value}”（相近的：{matches}）。请写成 仓库/编号",
        "no household '{value}' in the workspace (close: {matches}). Write it as REPO/ID",
    ),
    "ws.household.repo": ("仓库：{repo}", "repo: {repo}"),
    "ws.memberonly": (
        "{root} 是工作区（它的 minqing.yaml 列出成员仓库），{command} 只能在成员仓库里使用。请进入某个村的仓库，或用 --repo 指定它",
        "{root} is a workspace (its minqing.yaml names member repositories); {command} works in a member only. cd into a village's repository or pass it with --repo",
    ),
    "ws.init.nomembers": ("请用 --member 列出至少一个成员仓库的路径", "name at least one member repository with --member"),
    "ws.init.url": ("成员“{value}”是 git 地址；请先 clone，再写本机路径", "the member '{value}' is a git URL; clone it first and name the folder"),
    "ws.init.exists": ("{path} 已存在，未改动它", "{path} already exists; it was left as it is"),
    "ws.init.nofolder": ("文件夹 {path} 不存在", "no such folder: {path}"),
    "ws.init.created": ("已建立工作区：{path}（{members} 个成员）", "workspace created: {path} ({members} members)"),
    "help.init.workspace": ("建立工作区（乡镇或县），而不是记录仓库；用 --member 列出成员", "create a workspace (a township or county) instead of a records repository; list members with --member"),
    "help.init.member": ("工作区的成员仓库路径（可重复）", "a member repository's path for the workspace (repeatable)"),
    "ws.init.notready": (
        "提示：成员“{member}”还没有 minqing.yaml（路径不存在，或还不是记录仓库）。已照写进工作区；"
        "请检查路径，或先在那里运行 minqing init，否则 minqing check 会报 MQ008",
        "note: member '{member}' has no minqing.yaml yet (the path does not exist or is not a records "
        "repository). It is written into the workspace as given; check the path or run minqing init there, "
        "otherwise minqing check reports MQ008",
    ),
}
