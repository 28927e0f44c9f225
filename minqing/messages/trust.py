"""Messages of the trust work: links, sizes, template limits, file-system failures, shallow clones."""

from __future__ import annotations

CATALOG: dict[str, tuple[str, str]] = {
    "MQ008.linkdir": (
        "文件夹 {folder} 是符号链接（指向 {target}），minqing 不跟随链接文件夹，其中的记录未读取。"
        "请把记录移进仓库里的普通文件夹，再删除这个链接",
        "the folder {folder} is a symbolic link (to {target}); minqing does not follow linked folders, so "
        "the records in it were not read. Move the records into a plain folder of the repository and remove the link",
    ),
    "MQ008.toobig": (
        "文件有 {size} 字节，超过 minqing.yaml 中 max_record_bytes 的上限（{limit} 字节），未读取。"
        "一篇记录不会这么大：请检查是否误粘贴了大段内容或图片数据；确需更大时在 minqing.yaml 中调大 max_record_bytes",
        "the file has {size} bytes, more than max_record_bytes in minqing.yaml allows ({limit} bytes); it was "
        "not read. No record is that long: look for pasted bulk text or image data, or raise max_record_bytes "
        "in minqing.yaml if it is really needed",
    ),
    "schema.config.max_record_bytes": (
        "一个记录文件的最大字节数，更大的文件报 MQ008 且不读取，默认 2097152（2 MB）",
        "the largest record file in bytes; a larger one is MQ008 and not read, default 2097152 (2 MB)",
    ),
    "template.link": (
        "模板 {path} 是符号链接（指向 {target}），出于安全不读取。请把模板文件复制进仓库的 templates/ 文件夹，删除链接",
        "the template {path} is a symbolic link (to {target}) and is not read, for safety. Copy the template "
        "file into the repository's templates/ folder and remove the link",
    ),
    "template.toobig": (
        "模板 {path} 超过 {limit} 字节，未读取。请检查这个文件是不是模板",
        "the template {path} is larger than {limit} bytes and was not read. Check that it is a template",
    ),
    "template.notfile": (
        "模板 {path} 不是普通文件（可能是管道或设备），未读取。请换成普通文本文件",
        "the template {path} is not a regular file (a pipe or a device) and was not read. Use a plain text file",
    ),
    "template.unreadable": (
        "无法读取模板 {path}：{problem}",
        "cannot read the template {path}: {problem}",
    ),
    "template.encoding": (
        "模板 {path} 不是 UTF-8 编码。请用 UTF-8 重新保存",
        "the template {path} is not UTF-8. Save it again as UTF-8",
    ),
    "template.limit.time": (
        "模板 {name} 运行超过 {limit} 秒，已停止。请检查 templates/ 中的模板有没有过大的循环",
        "the template {name} ran for more than {limit} seconds and was stopped. Look for loops that are too "
        "large in the templates of templates/",
    ),
    "template.limit.output": (
        "模板 {name} 的输出超过 {limit} 个字符，已停止。请检查 templates/ 中的模板有没有重复输出",
        "the template {name} wrote more than {limit} characters and was stopped. Look for output repeated "
        "too often in the templates of templates/",
    ),
    "template.limit.value": (
        "模板 {name} 生成了超过 {limit} 个字符的值（例如 'x' * 很大的数），已停止。请检查 templates/ 中的模板",
        "the template {name} made a value longer than {limit} characters (such as 'x' * a huge number) and "
        "was stopped. Check the templates of templates/",
    ),
    "template.limit.number": (
        "模板 {name} 用了过大的数字（超过 {limit}，如宽度、次数或幂），已停止。请检查 templates/ 中的模板",
        "the template {name} used too large a number (over {limit}: a width, a count or a power) and was "
        "stopped. Check the templates of templates/",
    ),
    "export.race": (
        "另一个导出刚刚创建了输出目录 {path}，本次没有写入任何文件。请换一个新目录，或加 --force 覆盖",
        "another export created the folder {path} meanwhile; nothing was written. Choose a new folder, or "
        "add --force to replace its tables",
    ),
    "export.busy": (
        "另一个 minqing 导出正在写入 {path}，本次没有写入。请等它结束后再试",
        "another minqing export is writing into {path}; nothing was written. Try again when it has finished",
    ),
    "export.foreign": (
        "输出目录 {path} 里有子目录或链接 {name}，--force 要整体替换这个目录，因此没有写入。请换一个只放导出文件的目录",
        "the output folder {path} holds a folder or link ({name}); --force replaces the whole folder at once, "
        "so nothing was written. Choose a folder that holds only exported files",
    ),
    "note.shallow": (
        "提示：{root} 是浅克隆（git clone --depth），提交历史不完整，跳过 git 检查（MQ301、MQ302、MQ303）。"
        "要做这些检查请先运行 git fetch --unshallow",
        "note: {root} is a shallow clone (git clone --depth) whose history is cut short, so the git checks "
        "(MQ301, MQ302, MQ303) were skipped. Run git fetch --unshallow to have them",
    ),
    "note.shallow.quota": (
        "提示：{root} 是浅克隆，提交历史不完整，无法判断补记，所有日记都按已按时记录计算。"
        "要判断补记请先运行 git fetch --unshallow",
        "note: {root} is a shallow clone whose history is cut short, so lateness cannot be told and every "
        "entry counts as on time. Run git fetch --unshallow to have it",
    ),
    "err.os.readonly": (
        "无法写入 {path}：所在磁盘或文件夹是只读的（{problem}）。请把仓库复制到可写的位置，或用 --out 写到别处",
        "cannot write {path}: the disk or folder is read-only ({problem}). Copy the repository somewhere "
        "writable, or write elsewhere with --out",
    ),
    "err.os.denied": (
        "没有权限访问 {path}（{problem}）。请检查文件夹的权限，或换一个自己的文件夹",
        "no permission for {path} ({problem}). Check the folder's permissions, or use a folder of your own",
    ),
    "err.os.full": (
        "写入 {path} 时磁盘已满（{problem}），没有留下写了一半的文件。请腾出空间后再运行",
        "the disk is full while writing {path} ({problem}); no half-written file was left. Free some space "
        "and run again",
    ),
    "err.os.toolong": (
        "文件名太长：{path}（{problem}）。请用更短的文件名或 --slug",
        "the file name is too long: {path} ({problem}). Use a shorter name or --slug",
    ),
    "err.os.missing": ("找不到 {path}（{problem}）。请检查路径", "{path} was not found ({problem}). Check the path"),
    "err.os.notdir": (
        "{path} 路径中有一部分不是文件夹（{problem}）。请检查路径",
        "part of the path {path} is not a folder ({problem}). Check the path",
    ),
    "err.os.isdir": ("{path} 是文件夹，不是文件（{problem}）。请给出文件名", "{path} is a folder, not a file ({problem}). Give a file name"),
    "err.os.loop": (
        "{path} 经过了符号链接（{problem}），minqing 不跟随。请用真实路径",
        "{path} passes through a symbolic link ({problem}), which minqing does not follow. Use the real path",
    ),
    "err.os.exists": ("{path} 已经存在（{problem}），没有覆盖", "{path} already exists ({problem}); it was not overwritten"),
    "err.os.io": (
        "读写 {path} 时出现硬件错误（{problem}）。U 盘或磁盘可能有问题：请先备份仓库",
        "an input/output error on {path} ({problem}). The USB stick or disk may be failing: back up the repository",
    ),
    "err.os.busy": ("{path} 正被占用（{problem}）。请关闭占用它的程序后再试", "{path} is in use ({problem}). Close what uses it and try again"),
    "err.os": ("无法读写 {path}：{problem}", "cannot read or write {path}: {problem}"),
    "err.out.special": (
        "{path} 不是普通文件（是设备、管道、文件夹或链接），minqing 不会替换它。请用 --out 给出一个普通文件名",
        "{path} is not a regular file (a device, a pipe, a folder or a link); minqing does not replace it. "
        "Give --out a plain file name",
    ),
    "err.control": (
        "“{value}”含有换行或控制字符，不能用作编号或姓名。请去掉它们再试",
        "'{value}' holds a line break or a control character and cannot be an id or a name. Remove them and try again",
    ),
    "MQ103.control": (
        "“{value}”含有换行或控制字符。编号和农户只能是一行普通文字：请改正",
        "'{value}' holds a line break or a control character. Ids and households are one line of plain text: "
        "correct it",
    ),
}
