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
}
